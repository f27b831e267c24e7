"""``interruption``: did the agent cut the customer off?

By timing: a non-backchannel agent utterance that starts while a customer
utterance is still going, at least ``min_overlap_seconds`` before it ends.
By text: a customer turn that breaks off ("--", "—", or "..." after a thought
left unfinished: "I tried to reset it and...", "it went through tw..."; or, in
an untimed transcript, sent half-written with no closing mark on a word no message
ends on, "and then the", which in a thread with send times the customer then
picks up with "...") followed directly by an agent turn, or an explicit marker ("[crosstalk]") on an
agent turn. "..." after a complete sentence ("still waiting....") is
punctuation (behaviours.md, "Where the line falls on real text").
No timings and no markers at all: ``na`` (interruptions cannot be seen).
"""

from __future__ import annotations

import re

from ..text import words
from .base import CompiledCheck, Context, Outcome, evidence, fill

EPS = 1e-6

#: words a thought cannot end on: "I tried to reset it and..." breaks off, "still waiting...." does not
_OPEN_ENDED = frozenset("""
a an the and or but nor because if than that to of for with from at by as into onto my your our their his her
its this these those i we you they he she is are was were am be been being have has had do does did can could
will would shall should may might must not very just when while whether which who where what
i'm we're you're they're it's he's she's that's there's i've we've you've they've i'd we'd you'd i'll we'll
you'll
""".split())
#: short words a sentence can end on; a shorter token that is none of these is a word cut short ("tw...")
_SHORT_WORDS = frozenset("ok no so it me up on in go do hi us we tv pc id ya yo ha oh ah".split())
#: words a message with no closing mark can hang on only when it was sent half-written ("all i did was whatsapp
#: and then the"): articles, conjunctions and "my"/"your"; not a preposition, which ends many a question ("who
#: do I talk to")
_DANGLING = frozenset("a an the and but or nor my your our their because".split())
#: a message that picks a broken-off one up again: "...and then the airtime", "… the charger" (not a dash: real
#: customers open with "@brand - my account is ...")
_PICKS_UP = re.compile(r"^\s*(?:@\w+\s+)*(?:\.{2,}|…)")
_LAST_WORD = re.compile(r"([A-Za-z’']+)\W*$")


def _last_word(text: str) -> tuple[str, bool] | None:
    """The last word of ``text``, lower-cased, and whether nothing at all follows it (no mark, no emoji); None
    when no word ends it within its trailing marks (an emoji, a number, a link)."""
    m = _LAST_WORD.search(text)
    if m is None:
        return None
    return m.group(1).lower().replace("’", "'").strip("'"), m.end(1) == len(text)


def _unfinished(text: str) -> bool:
    """Whether ``text`` (its trailing dots removed) stops mid-thought: on a word no thought ends on, or on a
    fragment of a word."""
    last = _last_word(text)
    if last is None:
        return False  # an emoji, a number, a link: nothing was cut
    w = last[0]
    return w in _OPEN_ENDED or (len(w) <= 2 and w not in _SHORT_WORDS)


class InterruptionKind(CompiledCheck):
    def __init__(self, rule, compiler, exemplars):
        super().__init__(rule, compiler, exemplars)
        c = rule.check
        self.c = c
        self.agent_markers = self.query(compiler, c.agent_markers, "agent_markers")
        # optional queries: an empty one is no query at all
        self.customer_markers, self.customer_protests = (
            self.query(compiler, q, key) if q.strip() else None
            for key, q in (("customer_markers", c.customer_markers), ("customer_protests", c.customer_protests)))
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

    def _cut_off(self, text: str, dashes_only: bool = False) -> bool:
        """Whether ``text`` breaks off: on a dash, or (unless ``dashes_only``) on dots after an unfinished
        thought."""
        text = text.rstrip()
        for e in self._endings:
            if text.endswith(e):
                if e.strip(".…"):
                    return True  # a dash: broken off
                return not dashes_only and _unfinished(text.rstrip(".…"))
        return False

    @staticmethod
    def _left_hanging(turns, k: int, asynchronous: bool) -> bool:
        """Whether customer turn ``k`` was sent half-written and answered at once: it stops on a word no message
        ends on, with no closing mark at all ("... and then the"), and in an asynchronous thread the customer's
        next message picks it up again ("...and then the")."""
        last = _last_word(turns[k].text.rstrip())
        if last is None or not last[1] or last[0] not in _DANGLING:
            return False
        if not asynchronous:
            return True
        after = next((t for t in turns[k + 2:] if t.role == "customer"), None)
        return after is not None and bool(_PICKS_UP.match(after.text))

    def _protested(self, ctx: Context):
        """(agent turn, customer turn) when a customer turn protests being cut off and answers an agent turn
        that itself answered the customer; None otherwise."""
        if self.customer_protests is None:
            return None
        cand = ctx.candidate_turns(self.customer_protests)
        if not cand:
            return None  # no turn can protest: nothing to walk (the common case)
        spoken = [t for t in ctx.turns if t.role in ("agent", "customer")]
        for before, agent, cust in zip(spoken, spoken[1:], spoken[2:]):
            if (cust.role == "customer" and agent.role == "agent" and before.role == "customer"
                    and cust.index in cand and ctx.index.matches(self.customer_protests, ctx.hits(cust.index))):
                return agent, cust
        return None

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
        # the customer says they were cut off ("let me finish??"): the agent turn they answer, itself answering
        # a customer turn, cut in
        protest = self._protested(ctx)
        if protest is not None:
            agent_turn, customer_turn = protest
            ev = evidence(agent_turn)
            return Outcome("fail", fill(msgs.fail, "agent turn {turn} cut in: the customer says so in turn {trigger_turn}",
                                        turn=agent_turn.index, trigger_turn=customer_turn.index, quote=ev.quote),
                           [ev], trigger=evidence(customer_turn))
        # text cut-offs: a customer turn that breaks off, answered directly by the agent. In an asynchronous
        # chat (a social thread, a chat with send times) only a dash shows a message broken off ("I tried
        # restarting the router and the--"): trailing dots there are a tweet's truncation or a trailing-off
        # ("the car had disappeared from my garage..."), not a cut-off (behaviours.md, "Where the line falls")
        dashes_only = self._asynchronous(ctx)
        timed = [t for t in turns if t.start is not None and t.end is not None]
        for k, (prev, cur) in enumerate(zip(turns, turns[1:])):
            # a call's timings say who cut in; a spoken segment often ends on "and" or "the" with nothing cut
            hanging = (not timed and prev.role == "customer" and cur.role == "agent"
                       and self._left_hanging(turns, k, dashes_only))
            if hanging or self._cut_off(prev.text, dashes_only):
                seen_marker = True
                if prev.role == "customer" and cur.role == "agent":
                    ev = evidence(cur)
                    return Outcome("fail", fill(msgs.fail, "agent turn {turn} follows the customer's cut-off turn {trigger_turn}",
                                                turn=cur.index, trigger_turn=prev.index, quote=ev.quote),
                                   [ev], trigger=evidence(prev))
        if turns and self._cut_off(turns[-1].text, dashes_only):
            seen_marker = True
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
