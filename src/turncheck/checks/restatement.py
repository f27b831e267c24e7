"""``restatement``: an agent turn echoes the content of the customer's problem.

Content words (stop words and numbers removed) are stemmed with the Snowball
stemmer; an agent sentence restates the customer when enough of its content
stems come from the customer's problem turns (fuzzy-equal under rapidfuzz, so
"refund"/"refunded"/"refnd" meet), with a lower bar when it carries a
restatement cue ("so you're saying", "is that correct", "I hear that").
Repeating only a number or a name while taking details does not count.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from .base import (NEAR_MISS_FLOOR, CompiledCheck, CompiledPhrases, Context, Outcome, evidence, fill,
                   require_condition)
from .words import STOP, stem, turn_stems  # noqa: F401  (STOP and stem: also this module's names for them)

#: a lead cue must start within this many characters of its sentence ("Okay, so ...")
LEAD_CHARS = 12

#: rapidfuzz ratio at which two stems count as the same word ("refund"/"refnd")
STEM_SIMILARITY = 85


def shared_stems(agent: list[str], customer: set[str] | list[str], fuzzy: dict[str, bool] | None = None) -> list[str]:
    """Agent stems that the customer used too, exactly or within :data:`STEM_SIMILARITY`.

    ``fuzzy``: a cache of the fuzzy test for this ``customer`` (stem -> whether one is close enough)."""
    pool = None
    shared = []
    for a in dict.fromkeys(agent):
        if a in customer:
            shared.append(a)
        elif len(a) > 4:
            ok = fuzzy.get(a) if fuzzy is not None else None
            if ok is None:
                if pool is None:
                    pool = list(customer)
                ok = bool(process.extractOne(a, pool, scorer=fuzz.ratio, score_cutoff=STEM_SIMILARITY))
                if fuzzy is not None:
                    fuzzy[a] = ok
            if ok:
                shared.append(a)
    return shared


class RestatementKind(CompiledCheck):
    def __init__(self, rule, compiler, exemplars, conditions):
        super().__init__(rule, compiler, exemplars)
        c = rule.check
        require_condition(c.trigger, conditions, file=rule.file, line=self.line("trigger"))
        self.c = c
        from ..rules.model import Phrases

        self.cues = self.phrases_at(compiler, Phrases(query=c.cues, exclude=c.exclude), query_key="cues")
        self.lead_cues = self.query(compiler, c.lead_cues, "lead_cues") if c.lead_cues.strip() else None
        self.weak_cues = self.query(compiler, c.weak_cues, "weak_cues") if c.weak_cues.strip() else None

    def evaluate(self, ctx: Context) -> Outcome:
        msgs = self.rule.messages
        c = self.c
        triggers = ctx.condition(c.trigger)
        if not triggers:
            return Outcome("na", fill(msgs.na, "not applicable: no problem raised"))
        first = triggers[0]
        trigger_turns = {e.turn for e in triggers}
        best = None  # (similarity, turn index, span)
        customers = [(p, u.index) for p, u in enumerate(ctx.turns) if u.role == "customer"]
        # the customer's stems and the fuzzy matches against them, by the set of turns they come from
        pools: dict[frozenset[int], tuple[set[str], dict[str, bool]]] = {}
        for t in ctx.turns:
            if t.role != "agent" or t.index <= first.turn:
                continue
            # the customer's words: problem turns so far plus the last few customer turns
            recent = [i for p, i in customers if p < t.index][-c.context_turns:]
            source = frozenset(recent).union([i for i in trigger_turns if i < t.index])
            pool = pools.get(source)
            if pool is None:
                customer = set()
                for i in source:
                    customer.update(st for st, _, _ in turn_stems(ctx, i))
                pool = pools[source] = (customer, {})
            customer, fuzzy = pool
            if not customer:
                continue
            cue_spans = self.cues.find(ctx, t.index)
            stems = turn_stems(ctx, t.index)
            # (where the lead cues cannot hold, matching them per sentence would find nothing)
            lead_cues = self.lead_cues if self.lead_cues is not None and t.index in ctx.candidate_turns(
                self.lead_cues) else None
            for lo, hi in ctx.sentences(t.index):
                if lead_cues is not None:
                    lead = ctx.index.match(self.lead_cues, ctx.hits(t.index), lo, hi) or []
                    cue_spans = cue_spans + [s for s in lead if s[0] - lo <= LEAD_CHARS]
                agent = [st for st, s, e in stems if s >= lo and e <= hi]
                if not agent:
                    continue
                shared = shared_stems(agent, customer, fuzzy)
                similarity = 100.0 * len(shared) / len(set(agent))
                cue = any(lo <= s < hi or lo <= e <= hi for s, e in cue_spans)
                needed = c.min_shared_words
                if not cue and self.weak_cues is not None and ctx.index.matches(self.weak_cues, ctx.hits(t.index), lo, hi):
                    cue, needed = True, needed + 1
                enough = len(shared) >= needed
                # with a cue, many shared words carry a long sentence ("sorry to hear this is still
                # happening even after reinstalling the app - can you send ...")
                cued = cue and (similarity >= c.min_similarity_with_cue or len(shared) >= 2 * c.min_shared_words)
                if enough and (similarity >= c.min_similarity or cued):
                    ev = evidence(t, (lo, hi), similarity=similarity)
                    return Outcome("pass", fill(msgs.pass_, "agent turn {turn} restates the customer: “{quote}”",
                                                turn=t.index, quote=ev.quote, trigger_turn=first.turn),
                                   [ev], trigger=first)
                # a near-miss needs shared words too: "Order 40917, thanks" shares one word, not a point
                closeness = similarity * min(1.0, len(shared) / c.min_shared_words)
                if best is None or closeness > best[0]:
                    best = (closeness, t.index, (lo, hi))
        near = evidence(ctx.turns[best[1]], best[2], similarity=best[0]) if best and best[0] >= NEAR_MISS_FLOOR \
            else None
        return Outcome("fail", fill(msgs.fail, "no agent turn restates the problem raised in turn {trigger_turn}",
                                    trigger_turn=first.turn, quote=first.quote), [first],
                       trigger=first, near_miss=near)
