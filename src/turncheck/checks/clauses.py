"""Clauses, and the clause-level cue of a negated action.

Real customers write "I am not able to recover my old account", "cannot get the bunker", "why aren't apps
updating?": a negation or an inability followed by whatever verb their product needs. A list of verbs never
ends; the shape does. :class:`NegatedActionCue` finds that shape with word lists from the pack (plain data a
reviewer can read and argue with), and :func:`clauses` scopes exclusions to the clause they are in, so "it
worked but then it started to crash" is a complaint although "it worked" is not.
"""

from __future__ import annotations

from bisect import bisect_left

from ..text import LazyPattern, words

Span = tuple[int, int]

# clause boundaries inside a sentence: punctuation, and conjunctions that start a new clause
_CLAUSE_PUNCT = ",;:()—–"
_CLAUSE_WORDS = frozenset({"but", "though", "although", "however", "whereas", "because", "then", "while",
                           "except", "unless", "now"})

# closed-class words (grammar, not domain): never the action after a negator
_FUNCTION_WORDS = frozenset("""
i you we they he she it me us them him her the a an this that these those my your our their his its
to of for in on at with by from as and or nor but so if any anything anyone anybody some something
much many more most too very no not all every each either neither one ones there here what which who
whom whose when where why how than then just also only about up out over off into yet
""".split())

_DETERMINERS = frozenset("my the your our this these those its his her their".split())
_SUBJECTS = frozenset("i it we you they".split())
_WHY = frozenset({"why", "y", "come"})


Word = tuple[str, int, int]

# a title's small words between its capitalised ones: "The Last of Us", "Lord of the Rings"
_TITLE_JOINERS = frozenset("of the in on at to for and a an by with from or vs de la le du von".split())
_TITLE_CASE = LazyPattern(r"[A-Z][a-z]")
_NUMERAL = LazyPattern(r"(?:\d+|[IVX]{1,4})$")
#: words that make a capitalised run an error label a device or app shows ("Grid Fault 302", "Connection
#: Failed"), which reports a failure, not a product or title name
_ERROR_LABEL_WORDS = frozenset("error errors fault faults failure failed warning alarm".split())
#: a sentence with at least this share of capitalised words Writes Every Word Like This: no names in it
TITLE_CASE_SENTENCE = 0.6


def title_names(text: str, lo: int, hi: int) -> list[Span]:
    """Spans of product and title names in the sentence ``text[lo:hi]``: two or more capitalised words in a
    row ("Red Dead Redemption 2", "Lost In The Woods", "The Last of Us"), with small joining words and
    numerals inside. A run that opens the sentence needs three capitalised words ("Broken Screen" can be an
    ordinary sentence start); a sentence mostly in capitalised words has none (its writer capitalises
    everything), and an error label ("Grid Fault 302") is none. So a failure word inside a name ("Dead",
    "Lost", "Broken") is not a failure."""
    # the sentence's words as written (handles and hashtags are not words of the sentence)
    toks = [(text[s:e], s, e) for _, s, e in words_in(text, lo, hi) if s == 0 or text[s - 1] not in "@#"]
    if not toks:
        return []
    caps = [bool(_TITLE_CASE.match(t)) for t, _, _ in toks]
    if sum(caps) >= TITLE_CASE_SENTENCE * len(toks):
        return []
    names: list[Span] = []
    i = 0
    while i < len(toks):
        if not caps[i]:
            i += 1
            continue
        j, last, count = i + 1, i, 1
        while j < len(toks):
            t = toks[j][0]
            if caps[j]:
                last, count = j, count + 1
            elif _NUMERAL.match(t) and last == j - 1:
                last = j
            elif t.lower() not in _TITLE_JOINERS:
                break
            j += 1
        if count >= (3 if i == 0 else 2) and not any(t.lower() in _ERROR_LABEL_WORDS for t, _, _ in toks[i:last + 1]):
            names.append((toks[i][1], toks[last][2]))
        i = last + 1
    return names


def outside(spans: list[Span], names: list[Span]) -> list[Span]:
    """The spans not wholly inside one of ``names``."""
    return [(a, b) for a, b in spans if not any(n0 <= a and b <= n1 for n0, n1 in names)]


def words_in(text: str, lo: int, hi: int, ws: list[Word] | None = None) -> list[Word]:
    """The normalised words of ``text[lo:hi]`` as ``(word, start, end)`` in ``text``; from ``ws`` (the turn's
    words in order, already found by the scan) when given."""
    if ws is not None:
        a = bisect_left(ws, lo, key=_start)
        b = bisect_left(ws, hi, lo=a, key=_start)
        return [w for w in ws[a:b] if w[2] <= hi]
    return [(w, lo + s, lo + e) for w, s, e in words(text[lo:hi])]


def _start(w: Word) -> int:
    return w[1]


def clauses(text: str, lo: int, hi: int, ws: list[Word] | None = None) -> list[Span]:
    """Clause spans of the sentence ``text[lo:hi]``: split at ``, ; : ( ) —`` and before "but", "though",
    "then", "because" and the like. Always at least one span."""
    cuts = [lo]
    for i in range(lo, hi):
        if text[i] in _CLAUSE_PUNCT:
            cuts.append(i + 1)
    for w, s, _ in words_in(text, lo, hi, ws):
        if w in _CLAUSE_WORDS:
            cuts.append(s)
    cuts = sorted(set(cuts)) + [hi]
    out = [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]
    return out or [(lo, hi)]


def _phrases(items: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(w for w, _, _ in words(p)) for p in items if words(p)}, key=len, reverse=True)


class NegatedActionCue:
    """Finds "negator (+ fillers) + action word" in a span of text; see the pack's ``negated_action``."""

    def __init__(self, spec) -> None:
        self.strong = _phrases(spec.negators)
        self.weak = _phrases(spec.weak_negators)
        self.present_after = frozenset(_phrases(spec.present_after))
        self.fillers = frozenset(w for p in spec.fillers for w, _, _ in words(p))
        self.not_actions = frozenset(w for p in spec.not_actions for w, _, _ in words(p))
        self.reinforcers = frozenset(w for p in spec.reinforcers for w, _, _ in words(p))
        self.object_reinforced = frozenset(w for p in spec.object_reinforced for w, _, _ in words(p))
        self.object_reinforcers = frozenset(w for p in spec.object_reinforcers for w, _, _ in words(p))
        self.states = frozenset(w for p in spec.states for w, _, _ in words(p))
        self.imperatives = frozenset(_phrases(spec.imperatives))
        self.hedges = frozenset(w for p in spec.hedges for w, _, _ in words(p))
        self.praise_after = frozenset(w for p in spec.praise_after for w, _, _ in words(p))
        #: negators by their first word, longest first, strong before weak
        self._by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        for group, weak in ((self.strong, False), (self.weak, True)):
            for p in group:
                self._by_first.setdefault(p[0], []).append((p, weak))
        self._first = frozenset(self._by_first)

    def _negator_at(self, toks: list[str], i: int) -> tuple[int, bool] | None:
        """(length, weak) of the negator starting at token ``i``, if any (longest first)."""
        for p, weak in self._by_first.get(toks[i], ()):
            if len(p) == 1 or tuple(toks[i:i + len(p)]) == p:
                return len(p), weak
        return None

    def may_occur(self, turn_words) -> bool:
        """Whether a negator's first word is among ``turn_words`` (else :meth:`find` finds nothing)."""
        return not self._first.isdisjoint(turn_words)

    def find(self, text: str, lo: int, hi: int, clause_starts: frozenset[int] = frozenset(),
             ws: list[Word] | None = None, loose: bool = False) -> list[Span]:
        """Spans ``(negator start, action end)`` of the cue in ``text[lo:hi]``. ``clause_starts`` are the
        offsets where a clause begins (an imperative "don't ..." there is an instruction, not a failure);
        ``ws``: the turn's words, when already known. ``loose``: without the clause tests (imperatives,
        hedges), a quick superset of the hits to decide whether the exact pass is worth it."""
        ws = words_in(text, lo, hi, ws)
        toks = [w for w, _, _ in ws]
        found: list[Span] = []
        first = self._first
        after = -1  # the end of the last negator taken ("can not" is one negator, not "can" then "not")
        for i in [k for k, w in enumerate(toks) if w in first]:
            if i < after:
                continue
            neg = self._negator_at(toks, i)
            if neg is None:
                continue
            n, weak = neg
            after = i + n
            present = weak and tuple(toks[i:i + n]) in self.present_after
            if loose:
                reinforced = i > 0 and toks[i - 1] in self.reinforcers
                j = i + n
                while j < len(toks) and toks[j] in self.fillers:
                    j += 1
                if j < len(toks) and (toks[j] in _SUBJECTS or toks[j] in _DETERMINERS
                                      or self._is_action(toks[j], weak, reinforced or self._object_after(toks, j),
                                                         present)):
                    found.append((ws[i][1], ws[j][2]))
                continue
            starts_clause = i == 0 or ws[i][1] in clause_starts or any(
                c in text[ws[i - 1][2]:ws[i][1]] for c in _CLAUSE_PUNCT + ".!?")
            reinforced = i > 0 and toks[i - 1] in self.reinforcers
            if starts_clause and tuple(toks[i:i + n]) in self.imperatives and not reinforced:
                continue
            clause_lo = max([c for c in clause_starts if c <= ws[i][1]], default=lo)
            if any(w in self.hedges for w, s, _ in ws[:i] if s >= clause_lo):
                continue
            j = i + n
            while j < len(toks) and toks[j] in self.fillers:
                j += 1
            if j < len(toks):
                w = toks[j]
                if w in _SUBJECTS and any(t in _WHY for t in toks[max(0, i - 2):i]):
                    # "why can't I join any servers?", "y won't it load"
                    j += 1
                    if j < len(toks) and self._is_action(toks[j], False, reinforced):
                        found.append((ws[i][1], ws[j][2]))
                elif w in _DETERMINERS:
                    # an inverted question: "why aren't my podcasts downloading?", "isn't the page loading"
                    j = next((k for k in range(j + 1, min(j + 4, len(toks))) if self._is_action(toks[k], True, False)),
                             None)
                    if j is not None:
                        found.append((ws[i][1], ws[j][2]))
                elif (self._is_action(w, weak, reinforced or self._object_after(toks, j), present)
                      and not self.praise_after.intersection(toks[j + 1:j + 3])):
                    found.append((ws[i][1], ws[j][2]))
        return found

    def _object_after(self, toks: list[str], j: int) -> bool:
        """Whether ``toks[j]`` is an object-reinforced not-action with an object reinforcer in the three words
        after it ("can't watch anything")."""
        return (toks[j] in self.object_reinforced
                and not self.object_reinforcers.isdisjoint(toks[j + 1:j + 4]))

    def _is_action(self, w: str, weak: bool, reinforced: bool, present: bool = False) -> bool:
        """Whether ``w`` is the action a negator stops; ``present``: a present-tense verb counts after a weak
        negator ("never comes")."""
        if w in self.states:
            return True  # "it's not there", "not available"
        if not w.isalpha() or len(w) < 2 or w in _FUNCTION_WORDS:
            return False
        if w in self.not_actions and not reinforced:
            return False
        if weak:
            return (w in self.states or w.endswith(("ing", "ed", "en"))
                    or (present and len(w) > 3 and w.endswith("s") and not w.endswith("ss")))
        return True
