"""The matching engine: every query of a rule set, one pass per turn.

How it works:

1. :meth:`QueryIndex.add` breaks each query into *atoms* (phrases and
   regexes), shared between queries. A phrase becomes one or more *chunks*
   for the Aho–Corasick automaton: ``"so sorry"`` is the chunk
   ``" so sorry "`` (spaces on both sides = whole words); ``apolog*`` is
   ``" apolog"`` (prefix: left boundary only); ``"apolog* for"`` is the two
   chunks ``" apolog"`` + ``" for "`` that must follow each other.
2. :meth:`QueryIndex.freeze` builds one automaton (pyahocorasick) over all
   chunks, a ``re2.Set`` over the regexes (when there are several), and per
   query the sets of phrase atoms it cannot hold without.
3. :meth:`QueryIndex.scan` normalises the turn once (see
   :mod:`turncheck.text`) and runs the automaton over it once — it reports
   every occurrence, nested and overlapping ones included. The result,
   :class:`Hits`, records where each phrase atom occurs. Word spans, word
   positions and regex atoms are computed on demand and cached: a regex runs
   only when a query that is still undecided needs it (after one ``re2.Set``
   pass tells which regexes can match this turn at all).
4. From the atoms found, the turn's *candidate* queries are computed once;
   any other query is rejected with one set lookup. A candidate's boolean
   tree is then evaluated from the occurrences, optionally restricted to a
   character range of the turn: :meth:`QueryIndex.match` (spans),
   :meth:`QueryIndex.matches` (bool), or for a whole rule set at once
   :meth:`QueryIndex.matching` / :meth:`QueryIndex.match_all`, which skip the
   per-query call overhead.

Semantics: phrases match whole normalised words; ``a NEAR/n b`` holds where
an occurrence of ``a`` and one of ``b`` have at most ``n`` words between them
(overlapping counts as 0), either order, and its evidence is the span
covering both; ``x NEAR/n NOT y`` holds at occurrences of ``x`` with no ``y``
within ``n`` words. With a range ``[lo, hi)`` only occurrences lying wholly
inside it count (so ``NOT y`` holds if ``y`` occurs only outside it).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any, Callable

import ahocorasick

from turncheck.text import analyse, spans_of

from .ast import And, Fuzzy, Near, Not, Or, Phrase, Query, Regex
from .grammar import _re2_compile, parse_query

__all__ = ["QueryIndex", "Hits"]

Span = tuple[int, int]
# An occurrence: first word index, last word index, start and end in the text.
# A regex match that covers no word has last = first - 1 (it sits before word
# ``first``).
Occ = tuple[int, int, int, int]

_SPACE = re.compile(" ")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _expand_fuzzy(node: Query) -> Query:
    """Replace every ``word~`` by the OR of the word and its typos (the engine sees phrases only)."""
    if isinstance(node, Fuzzy):
        from .fuzzy import variants  # here: rapidfuzz is ~40 ms of start-up, and most packs have no word~

        words = variants(node.word)
        return Phrase((words[0],)) if len(words) == 1 else Or(tuple(Phrase((w,)) for w in words))
    if isinstance(node, Not):
        return Not(_expand_fuzzy(node.item))
    if isinstance(node, Near):
        return Near(_expand_fuzzy(node.left), _expand_fuzzy(node.right), node.distance)
    if isinstance(node, And):
        return And(tuple(_expand_fuzzy(i) for i in node.items))
    if isinstance(node, Or):
        return Or(tuple(_expand_fuzzy(i) for i in node.items))
    return node


#: words so common in support turns that a query guarded by one alone is tried in nearly every turn
_COMMON_WORDS = frozenset("""
a an the i you we they he she it its im youre were theyre to of in on at for with and or but so no not is are was
be been have has had do does did dont can cant will would should could your my our their me us them this that
there here what when how if as just all any some one get got now then than out up by from
""".split())


class Hits:
    """What one :meth:`QueryIndex.scan` found in one turn's text.

    Public attributes: ``text`` (the original), ``norm`` (normalised words
    joined by single spaces), ``tokens`` (``(start, end)`` of each word in
    ``text``, aligned with ``words``), ``words`` (the normalised words), and
    :meth:`word_index` to turn a character offset into a word index.

    Phrase atoms are found by the scan; regex atoms are run lazily, the first
    time a query that is still undecided needs them, and cached here.
    """

    # Set per instance only when computed (kept off __init__: scan is hot).
    _conv: dict[int, list[Occ]] | None = None
    _wpos: list[int] | None = None
    _starts: list[int] | None = None
    _ends: list[int] | None = None
    _cand: set[int] | None = None
    _rx: dict[int, list[Span]] | None = None
    _rx_possible: set[int] | None = None
    _words: list[str] | None = None
    _ostarts: dict[int, list[int]] | None = None

    def __init__(self, ix: "QueryIndex", text: str, prepared: str, pnorm: str, spans, raw, found) -> None:
        self.text = text
        self._ix = ix
        self._prepared = prepared
        self._pnorm = pnorm
        self._spans: list[Span] | None = spans
        self._raw: dict[int, list[Span]] = raw
        #: phrase atoms found, plus the regex atoms that may match (for the clause tests)
        self._found = found

    @property
    def norm(self) -> str:
        return self._pnorm[1:-1]

    @property
    def words(self) -> list[str]:
        w = self._words
        if w is None:
            n = self._pnorm[1:-1]
            w = self._words = n.split(" ") if n else []
        return w

    @property
    def tokens(self) -> list[Span]:
        if self._spans is None:
            self._spans = spans_of(self._prepared)
        return self._spans

    def word_index(self, offset: int) -> int:
        """Index of the first word that ends after ``offset`` (``len(tokens)``
        if none): the word containing ``offset`` or the next one."""
        self._token_bounds()
        return bisect_right(self._ends, offset)  # type: ignore[arg-type]

    def _token_bounds(self) -> None:
        if self._ends is None:
            toks = self.tokens
            self._starts = [s for s, _ in toks]
            self._ends = [e for _, e in toks]

    def _word_at(self, ns: int) -> int:
        """Word index of the word after the space at ``ns`` in the padded norm."""
        p = self._pnorm
        if len(p) <= 2048:
            return p.count(" ", 0, ns + 1) - 1
        if self._wpos is None:
            self._wpos = [m.start() for m in _SPACE.finditer(p)]
        return bisect_left(self._wpos, ns)

    def _regex_raw(self, aid: int) -> list[Span]:
        """Character spans of regex atom ``aid`` (run on first use)."""
        rx = self._rx
        if rx is None:
            rx = self._rx = {}
        got = rx.get(aid)
        if got is None:
            ix = self._ix
            if ix._rsets is not None and self._rx_possible is None:
                self._rx_possible = ix._regex_possible(self.text)
            if self._rx_possible is not None and aid not in self._rx_possible:
                got = []
            else:
                got = ix._regex_spans(aid, self.text)
            rx[aid] = got
        return got

    def _occ_starts(self, aid: int) -> list[int]:
        """Where each occurrence of atom ``aid`` starts in the text (cached; ascending, as :meth:`_get` is)."""
        d = self._ostarts
        if d is None:
            d = self._ostarts = {}
        keys = d.get(aid)
        if keys is None:
            keys = d[aid] = [o[2] for o in self._get(aid)]
        return keys

    def _get(self, aid: int) -> list[Occ]:
        """All occurrences of atom ``aid`` (cached), sorted by position."""
        cache = self._conv
        if cache is None:
            cache = self._conv = {}
        conv = cache.get(aid)
        if conv is not None:
            return conv
        if self._ix._is_regex[aid]:
            raw = self._regex_raw(aid)
            conv = []
            if raw:
                self._token_bounds()
                starts, ends = self._starts, self._ends
                for cs, ce in raw:
                    w0 = bisect_right(ends, cs)  # type: ignore[arg-type]
                    w1 = bisect_left(starts, ce) - 1 if ce > cs else w0 - 1  # type: ignore[arg-type]
                    conv.append((w0, max(w1, w0 - 1), cs, ce))
        else:
            raw = self._raw.get(aid)
            conv = []
            if raw:
                toks = self.tokens
                nw = self._ix._nwords[aid] - 1
                for ns, _ne in raw:
                    w0 = self._word_at(ns)
                    w1 = w0 + nw
                    conv.append((w0, w1, toks[w0][0], toks[w1][1]))
        cache[aid] = conv
        return conv

    def __repr__(self) -> str:
        return f"Hits(phrase_atoms={sorted(self._raw)}, words={len(self.words)})"


class _Ctx:
    """An evaluation restricted to a character range: the same ``_raw`` /
    ``_get`` interface as :class:`Hits` (which is the context for the whole
    text), with the occurrences filtered to the range."""

    __slots__ = ("hits", "_raw", "_found", "lo", "hi", "cache")

    def __init__(self, hits: Hits, lo: int, hi: int | None) -> None:
        self.hits = hits
        self._raw = hits._raw
        self._found = hits._found
        self.lo = lo
        self.hi = len(hits.text) if hi is None else hi
        self.cache: dict[int, list[Occ]] = {}

    def _get(self, aid: int) -> list[Occ]:
        got = self.cache.get(aid)
        if got is None:
            lo, hi = self.lo, self.hi
            occ = self.hits._get(aid)
            if len(occ) > 8:
                # a sentence of a long turn: start at its first occurrence, stop past its end (a scan of
                # every occurrence per sentence makes a turn of many sentences quadratic)
                got = []
                for k in range(bisect_left(self.hits._occ_starts(aid), lo), len(occ)):
                    o = occ[k]
                    if o[2] > hi:
                        break
                    if o[3] <= hi:
                        got.append(o)
            else:
                got = [o for o in occ if o[2] >= lo and o[3] <= hi]
            self.cache[aid] = got
        return got


Eval = Callable[["Hits | _Ctx"], "list[Occ] | None"]
Pres = Callable[[dict], bool]


def _gap(a: Occ, b: Occ) -> int:
    if a[1] < b[0]:
        return b[0] - a[1] - 1
    if b[1] < a[0]:
        return a[0] - b[1] - 1
    return 0


def _near_pairs(left: list[Occ], right: list[Occ], n: int) -> list[Occ]:
    """Covering occurrences of every (l, r) pair at most ``n`` words apart."""
    right = sorted(right)
    r0 = [r[0] for r in right]
    maxlen = max(r[1] - r[0] for r in right)
    out: set[Occ] = set()
    for l in left:
        i = bisect_left(r0, l[0] - n - 1 - maxlen)
        j = bisect_right(r0, l[1] + n + 1)
        for r in right[i:j]:
            if _gap(l, r) <= n:
                out.add((min(l[0], r[0]), max(l[1], r[1]), min(l[2], r[2]), max(l[3], r[3])))
    return sorted(out)


def _near_without(keep: list[Occ], avoid: list[Occ], n: int) -> list[Occ]:
    """Occurrences in ``keep`` with no occurrence of ``avoid`` within ``n`` words."""
    if not avoid:
        return list(keep)
    avoid = sorted(avoid)
    a0 = [a[0] for a in avoid]
    maxlen = max(a[1] - a[0] for a in avoid)
    out = []
    for k in keep:
        i = bisect_left(a0, k[0] - n - 1 - maxlen)
        j = bisect_right(a0, k[1] + n + 1)
        if not any(_gap(k, a) <= n for a in avoid[i:j]):
            out.append(k)
    return out


def _test_of(ev: Eval) -> Callable[[Any], bool]:
    """Does ``ev`` hold (``ev(ctx) is not None``)? Its own short-cut test where it has one (an OR stops at the
    first alternative that holds instead of collecting every occurrence)."""
    test = getattr(ev, "test", None)
    return test if test is not None else (lambda ctx: ev(ctx) is not None)


class _Compiled:
    __slots__ = ("query", "clauses", "ev", "pres", "test")

    def __init__(self, query: Query, clauses: list[frozenset[int]], ev: Eval, pres: Pres | None) -> None:
        self.query = query
        self.clauses = clauses
        self.ev = ev
        self.pres = pres
        self.test = _test_of(ev)


class _Pending:
    """A query of an index restored from a :meth:`QueryIndex.snapshot`: its clauses at once (the scan's
    candidates need them), its tree and evaluators only when a turn first needs them (most turns of a chat
    rule most queries out by their clauses). Then it replaces itself with the :class:`_Compiled`."""

    __slots__ = ("ix", "h", "data", "clauses", "_query")

    def __init__(self, ix: "QueryIndex", h: int, data: Any, clauses: list[frozenset[int]]) -> None:
        self.ix = ix
        self.h = h
        self.data = data
        self.clauses = clauses
        self._query: Query | None = None

    @property
    def query(self) -> Query:
        q = self._query
        if q is None:
            import marshal

            from .cache import decode_trusted

            q = self._query = decode_trusted(marshal.loads(self.data))
        return q

    def __getattr__(self, name: str) -> Any:  # ev, pres, test: compile now
        if name not in ("ev", "pres", "test"):
            raise AttributeError(name)
        return getattr(self.ix._materialise(self.h), name)


#: bump when what :meth:`QueryIndex.snapshot` holds changes
SNAPSHOT_FORMAT = 1

#: what a regex may match before its words to say where they stand ("[.!?]\s+please check ...", ",\s*wifi or
#: cable?"): not part of the occurrence, so a sentence-opening pattern counts in its own sentence and not as a
#: span reaching back into the one before (which a sentence-level test leaves out)
_LEAD = frozenset(" \t\r\n.!?:;,")


def _trim_lead(text: str, s: int, e: int) -> Span:
    """``(s, e)`` without the punctuation and spaces it opens with (unless that is all it is)."""
    t = s
    while t < e and text[t] in _LEAD:
        t += 1
    return (t, e) if t < e else (s, e)


#: regexes per re2 set (see :meth:`QueryIndex._freeze_regexes_and_triggers`)
SET_SIZE = 24


class QueryIndex:
    """All queries of a rule set, matched together. See the module docstring.

    >>> ix = QueryIndex()
    >>> h = ix.add(parse_query('"so sorry" OR apolog*'))
    >>> hits = ix.scan("I'm SO sorry, apologies!")
    >>> ix.match(h, hits)
    [(4, 12), (14, 23)]
    """

    def __init__(self) -> None:
        self._atom_ids: dict[tuple, int] = {}
        self._is_regex: list[bool] = []
        self._nwords: list[int] = []
        self._phrases: dict[int, tuple[str, ...]] = {}
        self._regexes: dict[int, str] = {}
        self._queries: list[_Compiled] = []
        self._nq = 0
        self._query_ids: dict[Query, int] = {}
        self._frozen = False
        # built by freeze()
        self._ac = None
        self._multi_by_first: dict[int, list[tuple[int, list[tuple[int, int, bool]]]]] = {}
        self._regex_list: list[tuple[int, str]] = []  # (atom id, pattern)
        self._rsets = None
        self._regex_compiled: dict[int, Any] = {}
        self._regex_atoms: frozenset[int] = frozenset()
        self._trigger: dict[int, list[int]] = {}
        self._always: list[int] = []

    # --- pickling (for worker processes) -----------------------------------

    def __getstate__(self) -> dict:
        # The compiled evaluators are closures and re2 objects do not pickle:
        # ship the queries and rebuild (same order, so the same handles).
        return {"queries": [cq.query for cq in self._queries]}

    def __setstate__(self, state: dict) -> None:
        self.__init__()  # type: ignore[misc]
        for q in state["queries"]:
            self.add(q)

    # --- snapshots (the on-disk pack cache) -----------------------------------

    def snapshot(self) -> dict:
        """The frozen index as plain data plus the automaton (which pickles): what :meth:`restore` rebuilds
        it from without parsing, expanding or compiling a query, or building the automaton. The queries'
        evaluators are closures; they are compiled again, lazily, from the trees kept here."""
        import marshal

        from .cache import encode

        if not self._frozen:
            self.freeze()
        originals: dict[int, Any] = {}
        ids = self._query_ids if self._query_ids is not None else self._restored_ids()
        for q, h in ids.items():
            if q != self._queries[h].query:  # a fuzzy query: added as typed, stored expanded
                originals[h] = encode(q)
        return {"format": SNAPSHOT_FORMAT, "atom_ids": self._atom_ids, "is_regex": self._is_regex,
                "nwords": self._nwords, "phrases": self._phrases, "regexes": self._regexes,
                # each tree as marshal bytes of its encoding: unpickled as one bytes object, decoded when used
                "queries": [(marshal.dumps(encode(cq.query)), cq.clauses) for cq in self._queries],
                "originals": originals,
                "ac": self._ac, "multi_by_first": self._multi_by_first}

    @classmethod
    def restore(cls, snap: dict) -> "QueryIndex":
        """The index a :meth:`snapshot` was taken of, frozen, with the same handles and atom ids. Only for a
        snapshot this code wrote (the pack cache verifies its files before unpickling them): nothing is
        checked here but the format."""
        if snap.get("format") != SNAPSHOT_FORMAT:
            raise ValueError("not a snapshot of this version")
        ix = cls()
        ix._atom_ids = snap["atom_ids"]
        ix._is_regex = snap["is_regex"]
        ix._nwords = snap["nwords"]
        ix._phrases = snap["phrases"]
        ix._regexes = snap["regexes"]
        ix._queries = [_Pending(ix, h, data, clauses) for h, (data, clauses) in enumerate(snap["queries"])]
        ix._nq = len(ix._queries)
        ix._query_ids = None  # type: ignore[assignment]  # built by add() if it is ever called
        ix._originals = snap["originals"]
        ix._ac = snap["ac"]
        ix._multi_by_first = snap["multi_by_first"]
        ix._freeze_regexes_and_triggers()
        return ix

    def _materialise(self, h: int) -> _Compiled:
        """Query ``h`` with its evaluators (compiled now if it was restored from a snapshot)."""
        cq = self._queries[h]
        if type(cq) is _Pending:
            q = cq.query
            ev, pres = self._compile(q)
            cq = self._queries[h] = _Compiled(q, cq.clauses, ev, pres)
        return cq  # type: ignore[return-value]

    def _restored_ids(self) -> dict[Query, int]:
        from .cache import decode

        originals = getattr(self, "_originals", {})
        return {(decode(originals[h]) if h in originals else self._queries[h].query): h
                for h in range(len(self._queries))}

    # --- building ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self._queries)

    @property
    def frozen(self) -> bool:
        """True when no query was added since the last :meth:`freeze` (or :meth:`restore`)."""
        return self._frozen

    @property
    def atom_count(self) -> int:
        return len(self._is_regex)

    def query(self, handle: int) -> Query:
        return self._queries[handle].query

    def add(self, query: Query | str) -> int:
        """Add a query (or query text); return its handle. Identical queries
        share a handle; identical atoms are stored once."""
        if isinstance(query, str):
            query = parse_query(query)
        if not isinstance(query, Query):
            raise TypeError(f"expected a Query, got {type(query).__name__}")
        if self._query_ids is None:  # restored from a snapshot: the queries it holds, by their text as added
            self._query_ids = self._restored_ids()
        h = self._query_ids.get(query)
        if h is not None:
            return h
        original, query = query, _expand_fuzzy(query)
        ev, pres = self._compile(query)
        # Clauses are tested against the atoms found by the scan: the phrase
        # atoms, plus the regex atoms that the turn's ``re2.Set`` pass says can
        # match (every regex when there is no set).
        clauses = self._necessary(query)
        h = len(self._queries)
        self._queries.append(_Compiled(query, clauses, ev, pres))
        self._nq = len(self._queries)
        self._query_ids[original] = h
        self._frozen = False
        return h

    def _atom(self, node: Phrase | Regex) -> int:
        key = ("p", node.words) if isinstance(node, Phrase) else ("r", node.pattern)
        aid = self._atom_ids.get(key)
        if aid is None:
            aid = len(self._is_regex)
            self._atom_ids[key] = aid
            if isinstance(node, Phrase):
                self._is_regex.append(False)
                self._nwords.append(len(node.words))
                self._phrases[aid] = node.words
            else:
                _re2_compile(node.pattern)  # fail early (parse_query already checked)
                self._is_regex.append(True)
                self._nwords.append(0)
                self._regexes[aid] = node.pattern
        return aid

    def _cost(self, atoms: frozenset[int]) -> tuple[int, int]:
        """How often a set of atoms is likely to be found in a turn (lower is rarer): a lone common word
        ("you", "no", "have") weighs as much as many ordinary ones, so that a NEAR or AND is guarded by
        its rarer side ("(you NEAR/1 shouldve)" by "shouldve")."""
        cost = 0
        for aid in atoms:
            words = self._phrases.get(aid)
            cost += 100 if words is not None and len(words) == 1 and words[0] in _COMMON_WORDS else 1
        return cost, len(atoms)

    def _clauses(self, node: Query) -> list[frozenset[int]]:
        """Necessary conditions: each set must meet the atoms found."""
        if isinstance(node, (Phrase, Regex)):
            return [frozenset((self._atom(node),))]
        if isinstance(node, And):
            return [c for i in node.items for c in self._clauses(i)]
        if isinstance(node, Or):
            union: set[int] = set()
            for i in node.items:
                cs = self._clauses(i)
                if not cs:
                    return []
                union |= min(cs, key=self._cost)
            return [frozenset(union)]
        if isinstance(node, Near):
            out = []
            for side in (node.left, node.right):
                if not isinstance(side, Not):
                    out.extend(self._clauses(side))
            return out
        return []  # Not

    def _necessary(self, node: Query) -> list[frozenset[int]]:
        """:meth:`_clauses` of ``node``, each once, the rarest first: the atom sets that must each meet the
        atoms found (phrases, and the regexes the turn's regex set says may match) for ``node`` to hold."""
        return sorted(set(self._clauses(node)), key=self._cost)

    def _compile(self, node: Query) -> tuple[Eval, Pres | None]:
        """Two evaluators: ``ev`` over positions (any range, NEAR), and
        ``pres`` over the set of atoms found (whole text, no NEAR) or None."""
        if isinstance(node, (Phrase, Regex)):
            aid = self._atom(node)

            if self._is_regex[aid]:

                def ev_regex(ctx: Hits | _Ctx) -> list[Occ] | None:
                    return ctx._get(aid) or None

                return ev_regex, None  # lazy: needs the hits, not just the set found

            def ev_phrase(ctx: Hits | _Ctx) -> list[Occ] | None:
                if aid not in ctx._raw:
                    return None
                return ctx._get(aid) or None

            def test_phrase(ctx: Hits | _Ctx) -> bool:
                # in the whole text an atom found is an occurrence; in a range, one must lie inside it
                return aid in ctx._raw and (type(ctx) is Hits or bool(ctx._get(aid)))

            ev_phrase.test = test_phrase  # type: ignore[attr-defined]
            return ev_phrase, (lambda found: aid in found)
        if isinstance(node, Not):
            ev_i, pres_i = self._compile(node.item)

            def ev_not(ctx: Hits | _Ctx) -> list[Occ] | None:
                return None if ev_i(ctx) is not None else []

            test_i = _test_of(ev_i)
            ev_not.test = lambda ctx: not test_i(ctx)  # type: ignore[attr-defined]

            return ev_not, (None if pres_i is None else (lambda found: not pres_i(found)))
        if isinstance(node, And):
            parts = [self._compile(i) for i in node.items]
            evs = [p[0] for p in parts]

            def ev_and(ctx: Hits | _Ctx) -> list[Occ] | None:
                acc: list[Occ] = []
                for f in evs:
                    r = f(ctx)
                    if r is None:
                        return None
                    acc.extend(r)
                return acc

            tests = [_test_of(f) for f in evs]
            ev_and.test = lambda ctx: all(t(ctx) for t in tests)  # type: ignore[attr-defined]

            if any(p[1] is None for p in parts):
                return ev_and, None
            pres_l = [p[1] for p in parts]
            return ev_and, (lambda found: all(f(found) for f in pres_l))  # type: ignore[misc]
        if isinstance(node, Or):
            # A phrase alternative needs no evaluator of its own (ev_or and test_or look phrases up in
            # phrase_set): only its atom, registered here in item order as compiling it would. The pack's
            # big phrase sets are thousands of these, most of what compiling a rule set cost.
            parts: list[tuple[Eval, Pres | None] | None] = []
            pids: list[int] = []
            atom_ids = self._atom_ids
            for i in node.items:
                if isinstance(i, Phrase):
                    # (self._atom(i), without the call for an atom known already: thousands per big set)
                    aid = atom_ids.get(("p", i.words))
                    pids.append(self._atom(i) if aid is None else aid)
                    parts.append(None)
                else:
                    parts.append(self._compile(i))
            # Plain phrases are looked up together (one set intersection with the atoms found);
            # other alternatives are skipped at once when one of their necessary atom sets (phrases, and
            # regexes the turn's regex set says may match) has nothing among the atoms found.
            phrase_ids = tuple(dict.fromkeys(pids))
            rank = {aid: k for k, aid in enumerate(phrase_ids)}
            phrase_set = frozenset(phrase_ids)
            others: list[tuple[tuple[frozenset[int], ...], Eval]] = []
            for item, part in zip(node.items, parts):
                if part is not None:
                    others.append((tuple(self._necessary(item)), part[0]))

            # With many alternatives (the pack's big phrase sets), find the ones whose first required set
            # meets the atoms found through one lookup per atom, not one test per alternative.
            by_atom: dict[int, list[int]] = {}
            unguarded: list[int] = []
            for k, (reqs, _f) in enumerate(others):
                if reqs:
                    for aid in reqs[0]:
                        by_atom.setdefault(aid, []).append(k)
                else:
                    unguarded.append(k)
            keys = frozenset(by_atom)
            indexed = len(others) > 4

            def chosen(raw) -> list[int]:
                """The alternatives (positions in ``others``) whose first required set meets the atoms found."""
                hit = keys.intersection(raw)
                if not hit:
                    return unguarded
                picked = set(unguarded)
                for aid in hit:
                    picked.update(by_atom[aid])
                return sorted(picked)

            def ev_or(ctx: Hits | _Ctx) -> list[Occ] | None:
                raw = ctx._raw
                found = ctx._found
                acc: list[Occ] | None = None
                present = phrase_set.intersection(raw)
                if present:
                    for aid in sorted(present, key=rank.__getitem__):
                        r = ctx._get(aid)
                        if r:
                            if acc is None:
                                acc = list(r)
                            else:
                                acc.extend(r)
                todo = others if not indexed else [others[k] for k in chosen(found)]
                for reqs, f in todo:
                    for req in reqs:
                        if req.isdisjoint(found):
                            break
                    else:
                        r = f(ctx)
                        if r is not None:
                            if acc is None:
                                acc = list(r)
                            else:
                                acc.extend(r)
                return acc

            other_tests = [(reqs, _test_of(f)) for reqs, f in others]

            def test_or(ctx: Hits | _Ctx) -> bool:
                """``ev_or(ctx) is not None``, stopping at the first alternative that holds."""
                raw = ctx._raw
                if not phrase_set.isdisjoint(raw):
                    if type(ctx) is Hits:
                        return True
                    for aid in phrase_set.intersection(raw):
                        if ctx._get(aid):
                            return True
                found = ctx._found
                todo = other_tests if not indexed else [other_tests[k] for k in chosen(found)]
                for reqs, t in todo:
                    for req in reqs:
                        if req.isdisjoint(found):
                            break
                    else:
                        if t(ctx):
                            return True
                return False

            ev_or.test = test_or  # type: ignore[attr-defined]

            if not others:
                return ev_or, (lambda found: not phrase_set.isdisjoint(found))
            if any(p is not None and p[1] is None for p in parts):
                return ev_or, None
            # (a phrase alternative holds when its atom was found: the phrase_set test covers them all)
            pres_l = [p[1] for p in parts if p is not None]
            return ev_or, (lambda found: not phrase_set.isdisjoint(found)  # type: ignore[misc]
                           or any(f(found) for f in pres_l))
        if isinstance(node, Near):
            n = node.distance
            lneg, rneg = isinstance(node.left, Not), isinstance(node.right, Not)
            ev_l = self._compile(node.left.item if lneg else node.left)[0]  # type: ignore[attr-defined]
            ev_r = self._compile(node.right.item if rneg else node.right)[0]  # type: ignore[attr-defined]
            if lneg or rneg:
                ev_keep, ev_avoid = (ev_r, ev_l) if lneg else (ev_l, ev_r)

                def ev_near_not(ctx: Hits | _Ctx) -> list[Occ] | None:
                    keep = ev_keep(ctx)
                    if keep is None:
                        return None
                    out = _near_without(keep, ev_avoid(ctx) or [], n)
                    return out or None

                return ev_near_not, None

            def ev_near(ctx: Hits | _Ctx) -> list[Occ] | None:
                left = ev_l(ctx)
                if left is None:
                    return None
                right = ev_r(ctx)
                if right is None:
                    return None
                return _near_pairs(left, right, n) or None

            return ev_near, None
        raise TypeError(f"unknown query node {type(node).__name__}")  # pragma: no cover

    def freeze(self) -> None:
        """Build the automaton and the regex set. Called by :meth:`scan` if
        queries were added since the last freeze."""
        prims: dict[str, int] = {}
        values: list[list] = []  # pid -> [pid, plen, single_atom, prefix_end, in_multi]
        multi_by_first: dict[int, list] = {}

        def prim(s: str, pref: bool) -> int:
            pid = prims.get(s)
            if pid is None:
                pid = len(values)
                prims[s] = pid
                values.append([pid, len(s), -1, pref, False])
            return pid

        for aid, ws in self._phrases.items():
            chunks: list[tuple[str, bool]] = []
            cur: list[str] = []
            for w in ws:
                if w.endswith("*"):
                    cur.append(w[:-1])
                    chunks.append((" " + " ".join(cur), True))
                    cur = []
                else:
                    cur.append(w)
            if cur:
                chunks.append((" " + " ".join(cur) + " ", False))
            if len(chunks) == 1:
                values[prim(*chunks[0])][2] = aid
            else:
                seq = []
                for s, pref in chunks:
                    pid = prim(s, pref)
                    values[pid][4] = True
                    seq.append((pid, len(s), pref))
                multi_by_first.setdefault(seq[0][0], []).append((aid, seq))

        if values:
            ac = ahocorasick.Automaton()
            for s, pid in prims.items():
                ac.add_word(s, tuple(values[pid]))
            ac.make_automaton()
            self._ac = ac
        else:
            self._ac = None
        self._multi_by_first = multi_by_first
        self._freeze_regexes_and_triggers()

    def _freeze_regexes_and_triggers(self) -> None:
        """What :meth:`freeze` builds besides the automaton (also for :meth:`restore`)."""
        # (aid, pattern): each regex is compiled on its own only when a turn needs its spans (the set below
        # tells which may match), not on every restore of a cached pack (~4 ms for the default pack's 38)
        self._regex_list = list(self._regexes.items())
        self._regex_compiled = {}
        self._rsets = None
        if len(self._regex_list) > 1:
            try:
                import re2

                opts = re2.Options()
                opts.log_errors = False
                # several small sets rather than one: RE2 builds a set's DFA lazily within max_mem (8 MB),
                # and the default pack's ~100 regexes in one set need ~40 MB of states over real text, so
                # one set keeps overflowing and falls back to the NFA for good (the scan of 903 real tweets:
                # 0.39 s a pass in one set, 0.03 s in sets of ~25). Small sets stay fast without a larger
                # memory ceiling, so peak memory does not grow with the amount of text checked.
                rsets = []
                for lo in range(0, len(self._regex_list), SET_SIZE):
                    part = self._regex_list[lo:lo + SET_SIZE]
                    rset = re2.Set.SearchSet(opts)
                    for _, pattern in part:
                        rset.Add(pattern)
                    rset.Compile()
                    rsets.append((rset, [aid for aid, _ in part]))
                self._rsets = rsets
            except Exception:  # pragma: no cover - then every regex runs
                self._rsets = None

        self._trigger = {}
        self._always = []
        for h, cq in enumerate(self._queries):
            if cq.clauses:
                for aid in cq.clauses[0]:
                    self._trigger.setdefault(aid, []).append(h)
            else:
                self._always.append(h)
        self._regex_atoms = frozenset(self._regexes)
        self._frozen = True

    # --- matching ---------------------------------------------------------

    def scan(self, text: str) -> Hits:
        """Read one turn's text once; find every atom of every query."""
        if not self._frozen:
            self.freeze()
        pnorm, prepared, spans = analyse(text)
        raw: dict[int, list[Span]] = {}
        if self._ac is not None:
            chunk_hits: dict[int, set[int]] | None = None
            for end, (pid, plen, aid, pref, in_multi) in self._ac.iter(pnorm):
                start = end - plen + 1
                if aid >= 0:
                    ne = pnorm.find(" ", end) if pref else end
                    got = raw.get(aid)
                    if got is None:
                        raw[aid] = [(start, ne)]
                    else:
                        got.append((start, ne))
                if in_multi:
                    if chunk_hits is None:
                        chunk_hits = {}
                    chunk_hits.setdefault(pid, set()).add(start)
            if chunk_hits:
                self._join_chunks(pnorm, chunk_hits, raw)
        if self._regex_list:
            if self._rsets is not None:
                possible = self._regex_possible(text)
                found = possible.union(raw)
            else:
                possible = None
                found = self._regex_atoms.union(raw)
            hits = Hits(self, text, prepared, pnorm, spans, raw, found)
            hits._rx_possible = possible
            return hits
        return Hits(self, text, prepared, pnorm, spans, raw, raw)

    def _join_chunks(self, pnorm: str, chunk_hits: dict[int, set[int]], raw: dict[int, list[Span]]) -> None:
        for first, starts in list(chunk_hits.items()):
            for aid, seq in self._multi_by_first.get(first, ()):
                found = []
                for s in sorted(starts):
                    pos = s
                    for pid, plen, pref in seq:
                        if pos not in chunk_hits.get(pid, ()):
                            break
                        pos = pos + plen - 1
                        if pref:
                            pos = pnorm.find(" ", pos)
                    else:
                        found.append((s, pos))
                if found:
                    raw[aid] = found

    def _regex_possible(self, text: str) -> set[int]:
        """Atom ids of the regexes that match somewhere in ``text`` (the re2 sets)."""
        found: set[int] = set()
        for rset, aids in self._rsets:  # type: ignore[union-attr]
            try:
                idx = rset.Match(text)
            except UnicodeEncodeError:  # lone surrogates: re2 needs valid UTF-8
                text = _SURROGATE.sub("\ufffd", text)
                idx = rset.Match(text)
            if idx:  # Match returns None when nothing matches
                found.update(aids[i] for i in idx)
        return found

    def _regex_spans(self, aid: int, text: str) -> list[Span]:
        rx = self._regex_compiled.get(aid)
        if rx is None:
            rx = self._regex_compiled[aid] = _re2_compile(self._regexes[aid])
        try:
            spans = [m.span() for m in rx.finditer(text)]  # type: ignore[attr-defined]
        except UnicodeEncodeError:
            spans = [m.span() for m in rx.finditer(_SURROGATE.sub("\ufffd", text))]  # type: ignore[attr-defined]
        return [_trim_lead(text, s, e) for s, e in spans]

    def _candidates(self, hits: Hits) -> set[int]:
        """Handles of the queries whose first necessary clause is met."""
        cand = set(self._always)
        trig = self._trigger
        for aid in hits._found:
            t = trig.get(aid)
            if t:
                cand.update(t)
        hits._cand = cand
        return cand

    def candidates(self, hits: Hits) -> set[int]:
        """Handles of the queries that may hold somewhere in this turn; no other query holds anywhere in
        it (whatever the range). Do not modify the set."""
        if hits._ix is not self:
            raise ValueError("these hits come from another QueryIndex")
        cand = hits._cand
        if cand is None:
            cand = self._candidates(hits)
        return cand

    def _admissible(self, h: int, hits: Hits) -> "_Compiled | None":
        """Query ``h`` compiled, or None when the atoms found already rule it out in this turn."""
        if h not in self.candidates(hits):
            if not 0 <= h < self._nq:
                raise IndexError(f"no query with handle {h}")
            return None
        cq = self._queries[h]
        found = hits._found
        for clause in cq.clauses:
            if clause.isdisjoint(found):
                return None
        return cq

    def matches(self, h: int, hits: Hits, lo: int = 0, hi: int | None = None) -> bool:
        """Does query ``h`` hold within ``text[lo:hi]``? (Fast path of :meth:`match`.)"""
        cq = self._admissible(h, hits)
        if cq is None:
            return False
        if lo <= 0 and (hi is None or hi >= len(hits.text)):
            if cq.pres is not None:
                return cq.pres(hits._found)
            return cq.test(hits)
        return cq.test(_Ctx(hits, lo, hi))

    def match(self, h: int, hits: Hits, lo: int = 0, hi: int | None = None) -> list[Span] | None:
        """Spans in the original text where query ``h`` holds within
        ``text[lo:hi]``: the sorted, distinct spans of the phrase/regex
        occurrences that make it true (a NEAR gives the span covering both
        sides). ``None`` if it does not hold; ``[]`` if it holds with no
        positive evidence (e.g. ``NOT refund``)."""
        cq = self._admissible(h, hits)
        if cq is None:
            return None
        res = cq.ev(hits if lo <= 0 and (hi is None or hi >= len(hits.text)) else _Ctx(hits, lo, hi))
        if res is None:
            return None
        if len(res) == 1:
            o = res[0]
            return [(o[2], o[3])]
        return sorted({(o[2], o[3]) for o in res})

    def matching(self, hits: Hits, lo: int = 0, hi: int | None = None) -> list[int]:
        """Handles of every query that holds within ``text[lo:hi]``, sorted.

        The fastest way to test a whole rule set: only the queries that an
        atom found can trigger (plus those that can hold with no atom at all,
        such as ``NOT x`` or a lone regex) are evaluated."""
        cand = self.candidates(hits)
        m = self.matches
        return sorted(h for h in cand if m(h, hits, lo, hi))

    def match_all(self, hits: Hits, lo: int = 0, hi: int | None = None) -> dict[int, list[Span]]:
        """``{handle: spans}`` for every query that holds within ``text[lo:hi]``
        (spans as :meth:`match` gives them), in handle order. One call per
        turn instead of one :meth:`match` per query."""
        cand = self.candidates(hits)
        out: dict[int, list[Span]] = {}
        m = self.match
        for h in sorted(cand):
            got = m(h, hits, lo, hi)
            if got is not None:
                out[h] = got
        return out
