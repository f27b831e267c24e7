"""``restatement``: an agent turn echoes the content of the customer's problem.

Content words (stop words and numbers removed) are stemmed with the Snowball
stemmer; an agent sentence restates the customer when enough of its content
stems come from the customer's problem turns (fuzzy-equal under rapidfuzz, so
"refund"/"refunded"/"refnd" meet), with a lower bar when it carries a
restatement cue ("so you're saying", "is that correct", "I hear that").
Repeating only a number or a name while taking details does not count; a figure of the customer's ("stuck
at 99%") counts as one more shared word only beside a word of theirs, under a restatement cue or a regret.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .base import NEAR_MISS_FLOOR, CompiledCheck, Context, Outcome, evidence, fill, require_condition
from .words import NEGATIONS, OPENING_HANDLES, stems_between, turn_figures
from .words import STOP, stem, turn_stems  # noqa: F401  (STOP and stem: also this module's names)

#: where a playback can start: a lead cue counts at the opening of its sentence, among or right after the
#: @handles of a social reply, a bracketed marker and any greeting or filler ("So your bag ...", "@user Hi
#: there, so your bag ...", "[crosstalk] So you asked ...", "@user Got it, so the update fails ..."), not
#: further in ("I have your booking for ...", "Since your account has ...", "I'm so sorry")
_HANDLES_THEN_FILLERS = re.compile(
    r"(?:" + OPENING_HANDLES + r")?\s*(?:[\[(<][^\])>]{1,20}[\])>]\s*)*"
    # a greeting may carry a name ("Hi Derek, so the hinge snapped ...?"): capitalised, so "hi so" keeps its "so"
    r"(?:(?:(?:hi|hey|hello)(?:\s+there)?(?:\s+(?-i:[A-Z][a-z'’-]+)(?=[\s,!.]))?|okay|ok|alright|right|oh|ah|so|"
    r"and|yes|yeah|well|hmm|um|uh|i see|got it|great|perfect|thanks|thank you|now)(?:\s+there)?\b[\s,!.…-]*)*",
    re.IGNORECASE)

#: where a clause ends: the words a paraphrase cue names stop there ("sorry you're having trouble, Nick")
_CLAUSE_END = re.compile(r"[,;:.!?()\u2013\u2014]| - ")

#: a choice offered inside a question: "on the app or the web?", "iOS or Android?"
_CHOICE = re.compile(r"\b(?:or|either)\b|(?<![/\w])[^\s/]+/[^\s/]+(?![/\w])", re.IGNORECASE)


def _checking_question(text: str, lo: int, hi: int) -> bool:
    """Whether the sentence ``text[lo:hi]`` is a question that offers no choice."""
    end = text.rfind("?", lo, hi)
    if end < 0:
        return False
    return not _CHOICE.search(text, lo, end)


#: rapidfuzz ratio at which two stems count as the same word ("refund"/"refnd")
STEM_SIMILARITY = 85


def _similar(a: str, pool: list[str]) -> bool:
    """Whether a stem of ``pool`` is within :data:`STEM_SIMILARITY` of ``a``. rapidfuzz (~10-40 ms of
    start-up) is imported at the first call: this function then replaces itself with the direct test."""
    global _similar
    from rapidfuzz import fuzz, process

    def _similar(a: str, pool: list[str], _one=process.extractOne, _ratio=fuzz.ratio) -> bool:
        return bool(_one(a, pool, scorer=_ratio, score_cutoff=STEM_SIMILARITY))

    return _similar(a, pool)


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
                ok = _similar(a, pool)
                if fuzzy is not None:
                    fuzzy[a] = ok
            if ok:
                shared.append(a)
    return shared


def _canonical(stems, canon: dict[str, str]) -> list[str]:
    """The stems of ``(stem, start, end)`` triples, each replaced by its group's first stem when one of the
    check's ``same_words`` groups holds it ("application" -> "app")."""
    if not canon:
        return [st for st, _, _ in stems]
    return [canon.get(st, st) for st, _, _ in stems]


def _here(ctx: Context, i: int, query: int | None) -> int | None:
    """``query`` when it may hold somewhere in turn ``i`` (the scan found its atoms there), else None."""
    return query if query is not None and i in ctx.candidate_turns(query) else None


def _covers(spans, lo: int, hi: int) -> bool:
    """Whether one of ``spans`` starts or ends inside the sentence ``[lo, hi]``."""
    return any(lo <= s < hi or lo <= e <= hi for s, e in spans)


class _ProblemPool:
    """The stems of the problem turns before an agent turn, grown turn by turn, with the fuzzy test against
    them cached (an answer "no close stem" is re-tested against the new stems only when the pool grows)."""

    def __init__(self, ctx: Context, turns: list[int], canon: dict[str, str] | None = None) -> None:
        self.ctx = ctx
        self.canon = canon or {}
        #: the problem turns, sorted; the first ``n`` are in the pool
        self.turns = turns
        self.n = 0
        self.stems: set[str] = set()
        self.fuzzy: dict[str, bool] = {}
        #: the figures of the pool's turns ("stuck at 99%")
        self.figures: set[str] = set()

    def upto(self, n: int) -> None:
        """The pool of the first ``n`` problem turns."""
        if n < self.n:  # agent turns out of order: start again
            self.n, self.stems, self.fuzzy, self.figures = 0, set(), {}, set()
        if n == self.n:
            return
        new: set[str] = set()
        for i in self.turns[self.n:n]:
            new.update(_canonical(turn_stems(self.ctx, i), self.canon))
            self.figures.update(f for f, _ in turn_figures(self.ctx, i))
        self.n = n
        new -= self.stems
        if not new:
            return
        self.stems |= new
        pool = list(new)
        for a, ok in self.fuzzy.items():
            if not ok and _similar(a, pool):
                self.fuzzy[a] = True

    def close(self, a: str) -> bool:
        ok = self.fuzzy.get(a)
        if ok is None:
            ok = self.fuzzy[a] = bool(self.stems) and _similar(a, list(self.stems))
        return ok


def _shared(agent: list[str], problems: _ProblemPool, recent: set[str], recent_fuzzy: dict[str, bool]) -> list[str]:
    """:func:`shared_stems` against the union of the problem pool and the recent turns' stems, without
    building the union (a stem is close to the union when it is close to either part)."""
    shared = []
    pool = None
    for a in dict.fromkeys(agent):
        if a in problems.stems or a in recent:
            shared.append(a)
        elif len(a) > 4:
            if problems.close(a):
                shared.append(a)
                continue
            ok = recent_fuzzy.get(a)
            if ok is None:
                if pool is None:
                    pool = list(recent)
                ok = recent_fuzzy[a] = bool(pool) and _similar(a, pool)
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

        # (model_construct: the fields are already validated, and validating them again would build the
        # Phrases validator on every restore of a cached pack, ~5 ms)
        self.cues = self.phrases_at(compiler, Phrases.model_construct(query=c.cues, exclude=c.exclude),
                                    query_key="cues")
        self.lead_cues = self.query(compiler, c.lead_cues, "lead_cues") if c.lead_cues.strip() else None
        self.weak_cues = self.query(compiler, c.weak_cues, "weak_cues") if c.weak_cues.strip() else None
        self.echo_cues = self.query(compiler, c.echo_cues, "echo_cues") if c.echo_cues.strip() else None
        self.paraphrase_cues = (self.query(compiler, c.paraphrase_cues, "paraphrase_cues")
                                if c.paraphrase_cues.strip() else None)
        self.check_questions = (self.query(compiler, c.check_questions, "check_questions")
                                if c.check_questions.strip() else None)
        #: stem -> the first stem of its same_words group (abbreviations and plain synonyms)
        self.canon = {stem(w.lower()): stem(group[0].lower()) for group in c.same_words for w in group[1:]}
        self.generic = frozenset(self.canon.get(stem(w), stem(w)) for w in c.generic_words)
        self.not_restating = [compiler.query(q, file=rule.file, line=self.line("not_restating"),
                                             what=f"check.not_restating[{i}]", src=getattr(rule, "_lines", None),
                                             path=("check", "not_restating", i))
                              for i, q in enumerate(c.not_restating)]

    def _names_trouble(self, text: str, spans, stems, hi: int) -> bool:
        """Whether a specific (not generic) content word follows one of ``spans`` in the same clause,
        among the ``paraphrase_window`` content words right after it, before ``hi``."""
        for _, e0 in spans or ():
            after = 0
            for st, s, _ in stems:
                if s < e0 or s >= hi:
                    continue
                if _CLAUSE_END.search(text, e0, s):
                    break
                after += 1
                if after > self.c.paraphrase_window:
                    break
                if self.canon.get(st, st) not in self.generic:
                    return True
        return False

    def _denies(self, ctx: Context, i: int, lo: int, hi: int, shared: set[str]) -> bool:
        """Whether a negation in sentence ``[lo, hi)`` of turn ``i`` comes right before (within two content
        words) one of the ``shared`` stems."""
        hits = ctx.hits(i)
        words, tokens = hits.words, hits.tokens
        for k in range(hits.word_index(lo), len(tokens)):
            w, (s, e) = words[k], tokens[k]
            if s >= hi:
                break
            if lo <= s and w in NEGATIONS and any(
                    self.canon.get(st, st) in shared for st in stems_between(ctx, i, e, hi, 2)):
                return True
        return False

    def _passed(self, turn, span, similarity: float, trigger) -> Outcome:
        ev = evidence(turn, span, similarity=similarity)
        return Outcome("pass", fill(self.rule.messages.pass_, "agent turn {turn} restates the customer: “{quote}”",
                                    turn=turn.index, quote=ev.quote, trigger_turn=trigger.turn), [ev], trigger=trigger)

    def evaluate(self, ctx: Context) -> Outcome:
        msgs = self.rule.messages
        c = self.c
        triggers = ctx.condition(c.trigger)
        if not triggers:
            return Outcome("na", fill(msgs.na, "not applicable: no problem raised"))
        first = triggers[0]
        trigger_turns = sorted({e.turn for e in triggers})
        best = None  # (similarity, turn index, span)
        customers = [(p, u.index) for p, u in enumerate(ctx.turns) if u.role == "customer"]
        positions = [p for p, _ in customers]
        # The customer's words for an agent turn: the problem turns so far plus the last few customer turns.
        # Kept as two pools, so the work per agent turn does not grow with the transcript: the problem turns'
        # stems only grow (each problem turn is added once), and the recent turns are a few.
        problems = _ProblemPool(ctx, trigger_turns, self.canon)
        recent_key: tuple[int, ...] | None = None
        recent: set[str] = set()
        recent_fuzzy: dict[str, bool] = {}
        recent_figures: set[str] = set()
        # like an apology or a follow-up, a playback may come before the turn where the problem is first heard:
        # the agent answering the customer's opening message in the customer's words, when only a later message
        # of theirs carries the failure word
        first_said = positions[0] if positions else first.turn
        for t in ctx.turns:
            if t.role != "agent" or t.index <= first_said:
                continue
            n = bisect_left(positions, t.index)
            key = tuple(i for _, i in customers[max(0, n - c.context_turns):n])
            if key != recent_key:
                recent_key, recent, recent_fuzzy, recent_figures = key, set(), {}, set()
                for i in key:
                    recent.update(_canonical(turn_stems(ctx, i), self.canon))
                    recent_figures.update(f for f, _ in turn_figures(ctx, i))
            problems.upto(bisect_left(trigger_turns, t.index))
            if not problems.stems and not recent:
                continue
            i = t.index
            cue_spans = strong_spans = self.cues.find(ctx, i)
            stems = turn_stems(ctx, i)
            stem_starts = [s for _, s, _ in stems]
            # the customer's figures this turn repeats ("freezing at 99% on every try" to "stuck at 99%")
            figures = [(f, s) for f, s in turn_figures(ctx, i) if f in problems.figures or f in recent_figures]
            hits, matches = ctx.hits(i), ctx.index.matches
            # a query that cannot hold anywhere in the turn is not tried per sentence (the scan says where)
            lead_cues, weak_cues, echo_cues, paraphrase_cues, check_questions = (
                _here(ctx, i, q) for q in (self.lead_cues, self.weak_cues, self.echo_cues, self.paraphrase_cues,
                                           self.check_questions))
            not_restating = [q for q in self.not_restating if _here(ctx, i, q) is not None]
            canon = self.canon
            for lo, hi in ctx.sentences(i):
                if lead_cues is not None:
                    lead = ctx.index.match(lead_cues, hits, lo, hi)
                    if lead:  # the opening is read only for a sentence that has a lead cue at all
                        opening = _HANDLES_THEN_FILLERS.match(t.text, lo, hi)
                        after = opening.end() if opening else -1
                        cue_spans = cue_spans + [s for s in lead if lo <= s[0] <= after]
                agent = []
                for k in range(bisect_left(stem_starts, lo), len(stems)):
                    st, s, e = stems[k]
                    if s >= hi:
                        break
                    if e <= hi:
                        agent.append(canon.get(st, st))
                if not agent or any(matches(q, hits, lo, hi) for q in not_restating):
                    continue
                shared = _shared(agent, problems, recent, recent_fuzzy)
                cue = _covers(cue_spans, lo, hi)
                needed = c.min_shared_words
                weak = False
                if not cue and weak_cues is not None and matches(weak_cues, hits, lo, hi):
                    cue, needed, weak = True, needed + 1, True
                # a figure of theirs counts beside a shared word in a regret or a check ("freezing at 99% on
                # every try is no fun"), never alone nor after a bare opening ("Okay, flight SN 212", "Your
                # booking was for 10 pm"): that is taking details
                figs = ({f for f, s in figures if lo <= s < hi}
                        if shared and figures and (weak or _covers(strong_spans, lo, hi)) else set())
                shared += sorted(figs)
                similarity = 100.0 * len(shared) / (len(set(agent)) + len(figs))
                # general words alone ("issues with your account") echo no point of the customer's
                enough = len(shared) >= needed and any(st not in self.generic for st in shared)
                if echo_cues is not None and matches(echo_cues, hits, lo, hi):
                    # "sorry to hear you're having trouble connecting": their trouble, named in their words
                    specific = {st for st in shared if st not in self.generic}
                    if len(specific) >= c.min_shared_words_with_echo:
                        return self._passed(t, (lo, hi), similarity, first)
                # with a cue, many shared words carry a long sentence ("sorry to hear this is still
                # happening even after reinstalling the app - can you send ...")
                cued = cue and (similarity >= c.min_similarity_with_cue or len(shared) >= 2 * c.min_shared_words)
                # the customer's words under a negation with no cue deny their point ("Windows updates don't
                # delete personal files", to "the update deleted my files"): a dispute, not a playback
                if enough and (cued or (similarity >= c.min_similarity
                                        and not self._denies(ctx, i, lo, hi, set(shared)))):
                    return self._passed(t, (lo, hi), similarity, first)
                # "sorry to hear you're having trouble connecting" (to "I can't go online"): their trouble,
                # named in the agent's own words
                if paraphrase_cues is not None and self._names_trouble(
                        t.text, ctx.index.match(paraphrase_cues, hits, lo, hi), stems, hi):
                    return self._passed(t, (lo, hi), similarity, first)
                # "were you trying to subscribe to a family plan?": a check of what they meant, in the agent's
                # words; a question that offers a choice ("on the app or the web?") asks for a datum instead
                if check_questions is not None and _checking_question(t.text, lo, hi) and self._names_trouble(
                        t.text, ctx.index.match(check_questions, hits, lo, hi), stems, hi):
                    return self._passed(t, (lo, hi), similarity, first)
                # a near-miss needs shared words too: "Order 40917, thanks" shares one word, not a point
                closeness = similarity * min(1.0, len(shared) / c.min_shared_words)
                if best is None or closeness > best[0]:
                    best = (closeness, t.index, (lo, hi))
        near = evidence(ctx.turns[best[1]], best[2], similarity=best[0]) if best and best[0] >= NEAR_MISS_FLOOR \
            else None
        return Outcome("fail", fill(msgs.fail, "no agent turn restates the problem raised in turn {trigger_turn}",
                                    trigger_turn=first.turn, quote=first.quote), [first],
                       trigger=first, near_miss=near)
