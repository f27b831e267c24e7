"""``interruption``: did the agent cut the customer off?

By timing: a non-backchannel agent utterance that starts while a customer
utterance is still going, at least ``min_overlap_seconds`` before it ends.
By text: a customer turn that breaks off ("--", "—", "...") followed directly
by an agent turn, or an explicit marker ("[crosstalk]") on an agent turn.
No timings and no markers at all: ``na`` (interruptions cannot be seen).
"""

from __future__ import annotations

from ..text import words
from .base import CompiledCheck, Context, Outcome, evidence, fill

EPS = 1e-6


class InterruptionKind(CompiledCheck):
    def __init__(self, rule, compiler, exemplars):
        super().__init__(rule, compiler, exemplars)
        c = rule.check
        self.c = c
        self.agent_markers = self.query(compiler, c.agent_markers, "agent_markers")
        self.customer_markers = (self.query(compiler, c.customer_markers, "customer_markers")
                                 if c.customer_markers.strip() else None)
        self.async_channels = {c.lower() for c in c.async_channels}
        self._endings = tuple(c.cutoff_endings)
        self.backchannels = {" ".join(w for w, _, _ in words(b)) for b in c.backchannels}

    def _is_backchannel(self, ctx: Context, i: int) -> bool:
        ws = ctx.hits(i).words
        return len(ws) <= self.c.backchannel_max_words or " ".join(ws) in self.backchannels

    def _asynchronous(self, ctx: Context) -> bool:
        channel = str(ctx.transcript.metadata.get("channel", "")).strip().lower()
        if channel in self.async_channels:
            return True
        # chat send times: a start but never an end
        return any(t.start is not None for t in ctx.turns) and all(t.end is None for t in ctx.turns)

    def _cut_off(self, text: str) -> bool:
        return text.rstrip().endswith(self._endings)

    def evaluate(self, ctx: Context) -> Outcome:
        msgs = self.rule.messages
        turns = ctx.turns
        seen_marker = False
        # explicit markers on agent turns fail even without overlapping times
        agent_cand = ctx.candidate_turns(self.agent_markers)
        customer_cand = ctx.candidate_turns(self.customer_markers) if self.customer_markers is not None else ()
        for t in turns:
            if t.role == "agent":
                if t.index not in agent_cand:
                    continue  # the markers cannot hold in this turn
                spans = ctx.index.match(self.agent_markers, ctx.hits(t.index))
                if spans is not None:
                    ev = evidence(t, spans[0] if spans else None)
                    return Outcome("fail", fill(msgs.fail, "agent turn {turn} is marked as cutting the customer off",
                                                turn=t.index, quote=ev.quote), [ev])
            elif t.role == "customer" and self.customer_markers is not None:
                if t.index in customer_cand and ctx.index.matches(self.customer_markers, ctx.hits(t.index)):
                    seen_marker = True
        # text cut-offs: a customer turn that breaks off, answered directly by the agent
        # (not in asynchronous chats: a message cannot be cut off)
        for prev, cur in zip(turns, turns[1:]) if not self._asynchronous(ctx) else ():
            if self._cut_off(prev.text):
                seen_marker = True
                if prev.role == "customer" and cur.role == "agent":
                    ev = evidence(cur)
                    return Outcome("fail", fill(msgs.fail, "agent turn {turn} follows the customer's cut-off turn {trigger_turn}",
                                                turn=cur.index, trigger_turn=prev.index, quote=ev.quote),
                                   [ev], trigger=evidence(prev))
        if turns and self._cut_off(turns[-1].text) and not self._asynchronous(ctx):
            seen_marker = True
        timed = [t for t in turns if t.start is not None and t.end is not None]
        if timed:
            customers = [t for t in timed if t.role == "customer"]
            for a in timed:
                if a.role != "agent" or self._is_backchannel(ctx, a.index):
                    continue
                for c in customers:
                    if c.start <= a.start + EPS and c.end - a.start >= self.c.min_overlap_seconds - EPS and c.index != a.index:
                        overlap = c.end - a.start
                        ev = evidence(a)
                        return Outcome(
                            "fail",
                            fill(msgs.fail, "agent turn {turn} starts {overlap:.1f} s before the customer's turn {trigger_turn} ends",
                                 turn=a.index, trigger_turn=c.index, overlap=overlap, quote=ev.quote),
                            [ev], trigger=evidence(c))
            return Outcome("pass", fill(msgs.pass_, "no agent talk-over in {n} timed turns", n=len(timed)))
        if seen_marker:
            return Outcome("pass", fill(msgs.pass_, "no agent cut the customer off (text markers only)", n=0))
        return Outcome("na", fill(msgs.na, "not applicable: no timings and no interruption markers"))
