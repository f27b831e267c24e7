"""Property tests (hypothesis) for the query language and the matcher."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from helpers import line_budget
from turncheck.errors import QuerySyntaxError
from turncheck.query import And, Near, Not, Or, Phrase, QueryIndex, Regex, parse_query
from turncheck.query.grammar import _re2_compile
from turncheck.text import normalize, words

# --- strategies -------------------------------------------------------------------


def _norm_words(s: str) -> list[str]:
    return [w for w, _, _ in words(s)]


# Normalised words: whatever the normaliser makes of arbitrary text (so the
# alphabet covers accents, other scripts, digits...), plus plain ASCII words.
norm_word = st.one_of(
    st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True),
    st.text(min_size=1, max_size=8).map(_norm_words).filter(bool).map(lambda ws: ws[0]),
)
query_word = st.tuples(norm_word, st.booleans()).map(lambda t: t[0] + ("*" if t[1] else ""))
phrases = st.lists(query_word, min_size=1, max_size=4).map(lambda ws: Phrase(tuple(ws)))


def _compiles(p: str) -> bool:
    try:
        _re2_compile(p)
        return True
    except ValueError:
        return False


regexes = st.one_of(
    st.sampled_from([r"\b[A-Z]{2,}\b", r"a\/b", r"(?i)refund", r"\d+", "x y", r"[^)]+"]),
    st.text(alphabet="abcXYZ019 .*+?()[]{}|^$-", min_size=1, max_size=12).filter(_compiles),
).map(Regex)
atoms = st.one_of(phrases, phrases, regexes)

# Operands NEAR accepts: atoms, OR-groups of them and NEARs.
positional = st.recursive(
    atoms,
    lambda c: st.one_of(
        st.lists(c, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
        st.builds(Near, c, c, st.integers(0, 12)),
    ),
    max_leaves=6,
)


@st.composite
def near_nodes(draw, side=positional):
    left, right = draw(side), draw(side)
    neg = draw(st.sampled_from(["none", "none", "left", "right"]))
    if neg == "left":
        left = Not(left)
    elif neg == "right":
        right = Not(right)
    return Near(left, right, draw(st.integers(0, 12)))


queries = st.recursive(
    st.one_of(atoms, near_nodes()),
    lambda c: st.one_of(
        st.lists(c, min_size=2, max_size=4).map(lambda xs: And(tuple(xs))),
        st.lists(c, min_size=2, max_size=4).map(lambda xs: Or(tuple(xs))),
        c.map(Not),
    ),
    max_leaves=12,
)


# --- (1) round trip ----------------------------------------------------------------


@given(queries)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_printed_ast_reparses_equal(q):
    text = str(q)
    assert parse_query(text) == q
    assert str(parse_query(text)) == text


@given(queries)
@settings(max_examples=100)
def test_every_generated_query_can_be_indexed(q):
    ix = QueryIndex()
    h = ix.add(q)
    hits = ix.scan("I'm so sorry about the DELAY, a/b 123 refund")
    got = ix.match(h, hits)
    assert ix.matches(h, hits) == (got is not None)


# --- (2) arbitrary text: parse or QuerySyntaxError with a column ----------------------

TOKENS = [
    "AND", "OR", "NOT", "NEAR/2", "NEAR", "NEAR/", "near/1", "(", ")", '"', "\u201c", "\u201d",
    "/", "\\", "a", "b*", "*", "sorry", "don't", "@x", "@y", "@loop", "@nope", "@", "-", "é",
    "/[a-z]+/", "/(/", " ", "  ", "\n",
]
DEFS = {"x": "a OR b", "y": "@x NEAR/2 c", "loop": "@loop2", "loop2": "z OR @loop", "bad": "(("}


def _check_parse(text: str) -> None:
    try:
        q = parse_query(text, DEFS)
    except QuerySyntaxError as e:
        assert isinstance(e.column, int)
        assert 1 <= e.column <= len(text) + 1
        assert e.message
        return
    assert parse_query(str(q)) == q


@given(st.text(max_size=60))
@settings(max_examples=500)
@example("(" * 3000)
@example("NOT " * 3000 + "a")
@example('"' * 3)
@example("a NEAR/99999999999999999999 b")
def test_arbitrary_text_parses_or_raises_syntax_error(text):
    _check_parse(text)


@given(st.lists(st.sampled_from(TOKENS), max_size=14).map("".join))
@settings(max_examples=800)
def test_token_soup_parses_or_raises_syntax_error(text):
    _check_parse(text)


@given(st.lists(st.sampled_from(TOKENS), max_size=14).map(" ".join))
@settings(max_examples=800)
def test_spaced_token_soup_parses_or_raises_syntax_error(text):
    _check_parse(text)


# --- (3) the matcher never crashes; spans are slices of the original -------------------

INDEX_QUERIES = [
    "sorry", '"so sorry"', '"i\'m sorry"', "apolog*", '"apolog* for"', '"follow up"',
    "sorry NEAR/2 (delay OR wait*)", "NOT refund", "sorry NOT refund", "jos\u00e9",
    r"/\b[A-Z]{2,}(?:\s+[A-Z]{2,}){2,}\b/", "/(?i)caf\u00e9/", "/x*/", "/\u00e9/",
    "(a OR b) NEAR/1 NOT c", "\u00e9t\u00e9", "a* NEAR/0 b*", "/\U0001f600/", "\u0928\u092e\u0938\u094d\u0924\u0947",
]
_IX = QueryIndex()
_HANDLES = [_IX.add(parse_query(q)) for q in INDEX_QUERIES]
_IX.freeze()

turn_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from(list("abcé sorry'’-.!?AB\u0301😀\n\t_\ud800")), max_size=200),
    st.lists(st.sampled_from(["sorry", "SO", "so", "I'm", "Im", "apologise", "for", "delay", "refund",
                              "José", "été", "a", "b", "c", "THE", "END", "😀", "-", "!", "follow-up"]),
             max_size=40).map(" ".join),
)


@given(turn_text, st.integers(-5, 250), st.one_of(st.none(), st.integers(-5, 250)))
@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@example("", 0, None)
@example("😀" * 50, 0, None)
def test_matcher_never_crashes_and_spans_are_valid(text, lo, hi):
    hits = _IX.scan(text)
    assert len(hits.tokens) == len(hits.words)
    assert hits.norm == normalize(text)[0]
    for s, e in hits.tokens:
        assert 0 <= s < e <= len(text)
    for h in _HANDLES:
        got = _IX.match(h, hits, lo, hi)
        assert _IX.matches(h, hits, lo, hi) == (got is not None)
        if got:
            top = len(text) if hi is None else hi
            assert got == sorted(set(got))
            for s, e in got:
                assert 0 <= s <= e <= len(text)
                assert max(lo, 0) <= s and e <= max(top, 0) or (s == e)
    assert _IX.matching(hits, lo, hi) == [h for h in _HANDLES if _IX.matches(h, hits, lo, hi)]


def _huge_text_lines(n: int) -> int:
    text = ("I'm so SORRY for the delay, Jos\u00e9 \U0001f600 follow-up! " * n) + "refund"
    with line_budget(5000 * n) as work:
        hits = _IX.scan(text)
        results = [_IX.match(h, hits) for h in _HANDLES]
    assert results[INDEX_QUERIES.index("sorry")] is not None
    assert results[INDEX_QUERIES.index("NOT refund")] is None
    return work.lines


def test_matcher_on_huge_text_stays_linear():
    # work counted in Python lines executed (the same on any machine), at n and 2n repeats of a sentence
    small, large = _huge_text_lines(300), _huge_text_lines(600)
    assert large <= 2.2 * small, (small, large)


# --- the engine agrees with a brute-force oracle -----------------------------------------

VOCAB = ["sorry", "so", "im", "i'm", "I\u2019M", "apologise", "apology", "for", "the", "delay",
         "a", "ab", "abc", "b", "Jos\u00e9", "jose", "follow-up", "up"]
sep = st.sampled_from([" ", "  ", ", ", "-", ". ", "\n", "!", " (", ") "])


@st.composite
def texts_and_phrases(draw):
    toks = draw(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=25))
    seps = draw(st.lists(sep, min_size=len(toks), max_size=len(toks)))
    text = "".join(t + s for t, s in zip(toks, seps))
    qw = draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3))
    qw = [w for t in qw for w in _norm_words(t)]
    prefix = draw(st.lists(st.booleans(), min_size=len(qw), max_size=len(qw)))
    qw = [w[: max(1, len(w) - 1)] + "*" if p else w for w, p in zip(qw, prefix)]
    return text, qw


def _brute_phrase(text: str, qw: list[str]) -> list[tuple[int, int]]:
    ws = words(text)
    out = []
    for i in range(len(ws) - len(qw) + 1):
        ok = True
        for k, q in enumerate(qw):
            w = ws[i + k][0]
            if not (w.startswith(q[:-1]) if q.endswith("*") else w == q):
                ok = False
                break
        if ok:
            out.append((ws[i][1], ws[i + len(qw) - 1][2]))
    return out


@given(texts_and_phrases())
@settings(max_examples=600)
def test_phrase_matching_agrees_with_brute_force(tq):
    text, qw = tq
    q = Phrase(tuple(qw))
    ix = QueryIndex()
    h = ix.add(q)
    expect = _brute_phrase(text, qw)
    assert ix.match(h, ix.scan(text)) == (sorted(set(expect)) or None)


@given(texts_and_phrases(), st.sampled_from(VOCAB), st.integers(0, 4))
@settings(max_examples=400)
def test_near_agrees_with_brute_force(tq, other, n):
    text, qw = tq
    a = Phrase(tuple(qw))
    b = Phrase(tuple(_norm_words(other)))
    ws = words(text)
    occ_a = [(i, i + len(a.words) - 1) for i in range(len(ws)) if _brute_phrase(" ".join(w for w, _, _ in ws[i:i + len(a.words)]), list(a.words)) and i + len(a.words) <= len(ws)]
    occ_b = [(i, i + len(b.words) - 1) for i in range(len(ws)) if _brute_phrase(" ".join(w for w, _, _ in ws[i:i + len(b.words)]), list(b.words)) and i + len(b.words) <= len(ws)]

    def gap(x, y):
        return max(0, y[0] - x[1] - 1, x[0] - y[1] - 1)

    expect = any(gap(x, y) <= n for x in occ_a for y in occ_b)
    expect_not = any(all(gap(x, y) > n for y in occ_b) for x in occ_a)
    ix = QueryIndex()
    h = ix.add(Near(a, b, n))
    hn = ix.add(Near(a, Not(b), n))
    hits = ix.scan(text)
    assert ix.matches(h, hits) == expect
    assert ix.matches(hn, hits) == expect_not


# --- (4) pathological regexes finish fast -------------------------------------------------

PATHOLOGICAL = [
    (r"(a+)+$", "a" * 5000 + "!"),
    (r"(a|a)*b", "a" * 20000),
    (r"(a|aa)+$", "a" * 20000 + "!"),
    (r"(.*a){25}", "a" * 5000),
    (r"^(([a-z])+.)+[A-Z]([a-z])+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" * 200),
    (r"(\w+\s?)+$", "word " * 3000 + "!"),
]


@pytest.mark.parametrize("pattern, text", PATHOLOGICAL)
def test_pathological_regex_finishes_fast(pattern, text):
    ix = QueryIndex()
    h = ix.add(parse_query("/" + pattern + "/"))
    with line_budget(20_000):  # Python's share of the work is bounded; the match itself runs in RE2
        ix.match(h, ix.scan(text))
    _assert_on_re2(ix)


@given(
    st.text(alphabet="a+*?()|.$^", min_size=1, max_size=12).filter(_compiles),
    st.integers(100, 3000),
)
@settings(max_examples=100, deadline=2000)
def test_random_regex_on_long_input_is_fast(pattern, n):
    assume("/" not in pattern)
    ix = QueryIndex()
    h = ix.add(Regex(pattern))
    text = "a" * n + "!"
    with line_budget(100 * n + 10_000):  # linear in the text (a match or two per character at most)
        ix.matches(h, ix.scan(text))
    _assert_on_re2(ix)


def _assert_on_re2(ix: QueryIndex) -> None:
    """Every regex atom runs on RE2 (an automaton: linear in the text, no backtracking), never on Python's
    ``re``, where these patterns take exponential time. (A machine-independent check, not a stopwatch.)"""
    import re2

    assert ix._regex_list
    for aid, _ in ix._regex_list:
        ix._regex_spans(aid, "")  # (each regex is compiled on first use)
    assert len(ix._regex_compiled) == len(ix._regex_list)
    assert all(type(rx).__module__.startswith(re2.__name__) for rx in ix._regex_compiled.values())


def test_regex_alphabet_is_plain():
    # the generated patterns never need escaping for the /.../ syntax
    assert not re.search("/", "abcXYZ019 .*+?()[]{}|^$-")
