"""The matching engine: QueryIndex.scan / match / matches / matching."""

from __future__ import annotations

import pytest

from helpers import line_budget

from turncheck.query import Hits, QueryIndex, parse_query


def spans(query: str, text: str, lo: int = 0, hi: int | None = None, definitions=None):
    """Matched substrings of ``text`` (None = no match), checking matches() agrees."""
    ix = QueryIndex()
    h = ix.add(parse_query(query, definitions))
    ix.freeze()
    hits = ix.scan(text)
    got = ix.match(h, hits, lo, hi)
    assert ix.matches(h, hits, lo, hi) == (got is not None)
    if got is None:
        return None
    for a, b in got:
        assert 0 <= a <= b <= len(text)
    return [text[a:b] for a, b in got]


# --- words, case, punctuation, apostrophes --------------------------------------


@pytest.mark.parametrize(
    "query, text, expected",
    [
        ("sorry", "I am SO Sorry.", ["Sorry"]),
        ("sorry", "sorryful", None),  # whole words only
        ("sorry", "unsorry", None),
        ('"i\'m sorry"', "im sorry", ["im sorry"]),
        ('"i\'m sorry"', "I'm sorry", ["I'm sorry"]),
        ('"i\'m sorry"', "I\u2019m sorry", ["I\u2019m sorry"]),
        ('"im sorry"', "I\u2019m sorry", ["I\u2019m sorry"]),
        ("dont", "I don't know", ["don't"]),
        ('"follow up"', "the follow-up call", ["follow-up"]),
        ("follow-up", "we'll follow up", ["follow up"]),
        ('"mm hmm"', "Mm-hmm.", ["Mm-hmm"]),
        ('"so sorry"', "so, sorry", ["so, sorry"]),  # punctuation is a separator
        ("jose", "Hola Jos\u00e9!", ["Jos\u00e9"]),
        ("jos\u00e9", "JOSE", ["JOSE"]),
        ("apolog*", "I apologise", ["apologise"]),
        ("apolog*", "we apologize", ["apologize"]),
        ("apolog*", "my apologies", ["apologies"]),
        ("apolog*", "apolog", ["apolog"]),
        ("apolog*", "unapologetic", None),  # prefix = left word boundary
        ('"apolog* for"', "we apologise for the wait", ["apologise for"]),
        ('"apolog* for"', "we apologise about it, for", None),
        ('"we apolog* for the inconven*"', "We apologize for the inconvenience.", ["We apologize for the inconvenience"]),
        ('"sorry apolog*"', "sorry apologies", ["sorry apologies"]),
        ("sorry", "", None),
    ],
)
def test_phrase_matching(query, text, expected):
    assert spans(query, text) == expected


def test_nested_and_overlapping_phrases_are_all_found():
    ix = QueryIndex()
    hs = [ix.add(parse_query(q)) for q in ["sorry", '"so sorry"', '"im so sorry"', "so", '"sorry sorry"']]
    text = "I'm so sorry sorry"
    hits = ix.scan(text)
    got = [[text[a:b] for a, b in ix.match(h, hits)] for h in hs]
    assert got == [["sorry", "sorry"], ["so sorry"], ["I'm so sorry"], ["so"], ["sorry sorry"]]


def test_one_query_reports_nested_evidence():
    assert spans('sorry OR "so sorry"', "so sorry") == ["so sorry", "sorry"]


# --- boolean operators ----------------------------------------------------------


@pytest.mark.parametrize(
    "query, text, expected",
    [
        ("sorry AND refund", "sorry, no refund", ["sorry", "refund"]),
        ("sorry refund", "sorry", None),
        ("sorry OR refund", "refund please", ["refund"]),
        ("NOT refund", "hello", []),
        ("NOT refund", "a refund", None),
        ("sorry NOT refund", "sorry", ["sorry"]),
        ("sorry NOT refund", "sorry refund", None),
        ("NOT NOT sorry", "sorry", []),
        ("(sorry OR apolog*) AND NOT (refund OR credit)", "my apologies", ["apologies"]),
        ("(sorry OR apolog*) AND NOT (refund OR credit)", "my apologies, a credit", None),
        ("not sorry", "I am not sorry", ["not", "sorry"]),  # lower-case not is a word
        ("not sorry", "I am sorry", None),
    ],
)
def test_boolean(query, text, expected):
    assert spans(query, text) == expected


# --- NEAR -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, text, expected",
    [
        ("sorry NEAR/2 inconvenience", "sorry for the inconvenience", ["sorry for the inconvenience"]),
        ("sorry NEAR/1 inconvenience", "sorry for the inconvenience", None),
        ("inconvenience NEAR/2 sorry", "sorry for the inconvenience", ["sorry for the inconvenience"]),
        ("sorry NEAR/0 inconvenience", "sorry inconvenience", ["sorry inconvenience"]),
        ("sorry NEAR/0 inconvenience", "sorry, inconvenience", ["sorry, inconvenience"]),  # punctuation is not a word
        ('"so sorry" NEAR/0 sorry', "so sorry", ["so sorry"]),  # overlapping = distance 0
        ("(sorry OR apolog*) NEAR/3 (delay OR wait*)", "apologies for the long wait", ["apologies for the long wait"]),
        ("a NEAR/1 b NEAR/1 c", "a b x c", ["a b x c"]),
        ("a NEAR/1 b NEAR/0 c", "a b x c", None),
        ("sorry NEAR/2 NOT but", "sorry about that", ["sorry"]),
        ("sorry NEAR/2 NOT but", "sorry about that but no", None),
        ("sorry NEAR/2 NOT but", "sorry about that really but no", ["sorry"]),
        ("NOT but NEAR/2 sorry", "but sorry", None),
        ("sorry NEAR/2 NOT but", "sorry but. Later on we say: sorry again", ["sorry"]),
        ("NOT (sorry NEAR/1 delay)", "sorry for the delay", []),
    ],
)
def test_near(query, text, expected):
    assert spans(query, text) == expected


def _near_lines(n: int) -> int:
    text = " ".join(["a", "x", "x", "b", "x"] * n)
    with line_budget(50 * 1000 * n) as work:  # a quadratic pairing of 2n occurrences would blow through this
        assert spans("a NEAR/0 b", text) is None
        assert spans("a NEAR/3 b", text) is not None
    return work.lines


def test_near_many_occurrences_stays_linear():
    # Python lines executed, not seconds: the same count on any machine under any load
    small, large = _near_lines(1000), _near_lines(2000)
    assert large <= 2.2 * small, (small, large)


# --- regex atoms ------------------------------------------------------------------


CAPS = r"/\b[A-Z]{2,}(?:\s+[A-Z]{2,}){2,}\b/"


@pytest.mark.parametrize(
    "query, text, expected",
    [
        (CAPS, "this is NOT OK AT ALL", ["NOT OK AT ALL"]),
        (CAPS, "this is not ok at all", None),  # case-sensitive
        (CAPS, "ONLY TWO", None),
        ("/(?i)refund/", "REFUND", ["REFUND"]),
        ("/refund/", "REFUND", None),
        (r"/\d{4}-\d{4}/", "card 1234-5678 ok", ["1234-5678"]),
        (r"/\d{4}-\d{4}/ NEAR/1 card", "card 1234-5678 ok", ["card 1234-5678"]),
        (r"/!!+/ NEAR/0 stop", "stop!!! now", ["stop!!!"]),  # a regex matching no word
        ("/caf\u00e9/", "un caf\u00e9 noir", ["caf\u00e9"]),  # offsets are characters
        ("/\u00e9/ AND noir", "\u00e9\u00e9 noir", ["\u00e9", "\u00e9", "noir"]),
    ],
)
def test_regex(query, text, expected):
    assert spans(query, text) == expected


def test_pathological_regex_is_linear():
    # regex atoms run on RE2, an automaton with no backtracking: these patterns take exponential time in
    # Python's re (the same patterns never finish there), and linear time here
    import re2

    ix = QueryIndex()
    ix.add(parse_query("/(a+)+$/"))
    ix.freeze()
    assert ix._regex_list
    for aid, _ in ix._regex_list:
        ix._regex_spans(aid, "")  # (each regex is compiled on first use)
    assert all(type(rx).__module__.startswith(re2.__name__) for rx in ix._regex_compiled.values())
    assert spans("/(a+)+$/", "a" * 5000 + "!") is None
    assert spans("/(x+x+)+y/", "x" * 20000) is None


def test_regex_on_lone_surrogates_does_not_crash():
    assert spans("/b/", "a\ud800b") == ["b"]


def test_many_regexes_use_a_set():
    ix = QueryIndex()
    hs = [ix.add(parse_query(f"/x{i}y/")) for i in range(20)]
    hits = ix.scan("x3y and x17y")
    assert [h for h in hs if ix.matches(h, hits)] == [hs[3], hs[17]]


def test_regexes_beyond_one_set_are_all_found():
    """More regexes than one set holds (SET_SIZE) are split over several sets; a match in any of them counts,
    and each atom keeps its own id (a match in the third set is not reported as one in the first)."""
    from turncheck.query.engine import SET_SIZE

    n = 2 * SET_SIZE + 5
    ix = QueryIndex()
    hs = [ix.add(parse_query(f"/q{i}z/")) for i in range(n)]
    ix.freeze()
    assert len(ix._rsets) == 3
    picks = [0, SET_SIZE - 1, SET_SIZE, 2 * SET_SIZE + 4]
    hits = ix.scan(" ".join(f"q{i}z" for i in picks))
    assert [i for i, h in enumerate(hs) if ix.matches(h, hits)] == picks


def test_an_or_skips_alternatives_whose_regex_cannot_match_the_turn(monkeypatch):
    """An OR's regex alternatives (bare or inside a NEAR) are not evaluated in a sentence when the turn's regex
    set says they cannot match anywhere in it; the results are the same either way."""
    ix = QueryIndex()
    h = ix.add(parse_query('sorry OR /ref+und/ OR (/ch[ae]rge/ NEAR/3 NOT waived) OR "no luck"'))
    ix.freeze()
    regex_ids = {aid for aid, is_rx in enumerate(ix._is_regex) if is_rx}
    asked: list[int] = []
    real = Hits._get
    monkeypatch.setattr(Hits, "_get", lambda self, aid: asked.append(aid) or real(self, aid))
    text = "No luck so far. I am sorry about it."
    hits = ix.scan(text)
    assert ix.match(h, hits, 0, 15) == [(0, 7)]
    assert ix.matches(h, hits, 16, len(text))
    assert not regex_ids & set(asked)  # neither regex can match this turn: neither was looked at
    hits = ix.scan("The charge went through twice.")
    assert ix.match(h, hits, 0, 30) == [(4, 10)]
    assert regex_ids & set(asked)  # a regex that may match is


# --- ranges -----------------------------------------------------------------------


def test_range_restricts_the_match():
    text = "I am sorry. Refund issued. Sorry again."
    assert spans("sorry", text, 0, 11) == ["sorry"]
    assert spans("sorry", text, 12, 26) is None
    assert spans("sorry AND refund", text) == ["sorry", "Refund", "Sorry"]
    assert spans("sorry AND refund", text, 0, 11) is None
    assert spans("NOT refund", text, 0, 11) == []
    assert spans("NOT refund", text, 0, None) is None
    assert spans("sorry", text, 27) == ["Sorry"]
    # an occurrence must lie wholly inside the range
    assert spans("sorry", text, 0, 9) is None


# --- the index ------------------------------------------------------------------


def test_atoms_are_shared_and_queries_deduplicated():
    ix = QueryIndex()
    h1 = ix.add(parse_query("sorry OR apolog*"))
    h2 = ix.add(parse_query("sorry NEAR/2 delay"))
    h3 = ix.add(parse_query("sorry  OR  apolog*"))
    assert h1 == h3 != h2
    assert len(ix) == 2
    assert ix.atom_count == 3
    assert str(ix.query(h2)) == "sorry NEAR/2 delay"


def test_add_accepts_text_and_add_after_freeze_refreezes():
    ix = QueryIndex()
    h1 = ix.add("sorry")
    ix.freeze()
    assert ix.matches(h1, ix.scan("sorry"))
    h2 = ix.add("refund")
    hits = ix.scan("refund")
    assert ix.matches(h2, hits) and not ix.matches(h1, hits)


def test_empty_index():
    ix = QueryIndex()
    ix.freeze()
    hits = ix.scan("anything")
    assert hits.words == ["anything"]
    assert ix.matching(hits) == []


def test_matching_returns_every_query_that_holds():
    ix = QueryIndex()
    qs = ["sorry", "refund", "NOT refund", "sorry NEAR/1 delay", '"so sorry"', "/[A-Z]{3}/"]
    hs = [ix.add(q) for q in qs]
    hits = ix.scan("So sorry about the delay")
    assert ix.matching(hits) == [hs[0], hs[2], hs[4]]
    assert ix.matching(hits, 0, 5) == [hs[2]]
    assert ix.matching(ix.scan("SORRY, the delay")) == [hs[0], hs[2], hs[3], hs[5]]


def test_hits_expose_words_tokens_and_norm():
    ix = QueryIndex()
    ix.add("x")
    text = "I\u2019m SO sorry \u2014 follow-up!"
    hits = ix.scan(text)
    assert isinstance(hits, Hits)
    assert hits.norm == "im so sorry follow up"
    assert hits.words == ["im", "so", "sorry", "follow", "up"]
    assert [text[a:b] for a, b in hits.tokens] == ["I\u2019m", "SO", "sorry", "follow", "up"]
    assert hits.word_index(text.index("sorry")) == 2
    assert hits.word_index(len(text)) == 5


def test_hits_from_another_index_are_rejected():
    a, b = QueryIndex(), QueryIndex()
    h = a.add("x")
    b.add("x")
    with pytest.raises(ValueError):
        a.match(h, b.scan("x"))


def test_definitions_flow_through():
    defs = {"apology": '"so sorry" OR apolog*'}
    assert spans("@apology NEAR/3 wait*", "so sorry for the wait", definitions=defs) == ["so sorry for the wait"]


def test_long_text_word_positions():
    # past the short-text fast path for word indices
    text = ("filler " * 1000) + "sorry for the delay " + ("filler " * 1000)
    assert spans("sorry NEAR/2 delay", text) == ["sorry for the delay"]
    assert spans('"the delay"', text) == ["the delay"]


def test_match_all_gives_every_matching_query_with_spans():
    ix = QueryIndex()
    hs = [ix.add(q) for q in ["sorry", "refund", "NOT refund", "/[A-Z]{3}/", "sorry NEAR/1 delay"]]
    text = "SORRY, the delay"
    hits = ix.scan(text)
    got = ix.match_all(hits)
    assert list(got) == [hs[0], hs[2], hs[3], hs[4]]
    assert {h: [text[a:b] for a, b in s] for h, s in got.items()} == {
        hs[0]: ["SORRY"], hs[2]: [], hs[3]: ["SOR"], hs[4]: ["SORRY, the delay"],
    }
    assert list(ix.match_all(hits, 7)) == [hs[2]]


def test_invalid_handle_raises():
    ix = QueryIndex()
    ix.add("x")
    hits = ix.scan("y")
    with pytest.raises(IndexError):
        ix.matches(5, hits)
    with pytest.raises(IndexError):
        ix.match(-1, hits)


def test_regex_is_only_run_when_a_query_needs_it():
    ix = QueryIndex()
    h = ix.add(r'"reference number" NEAR/3 /\d{6,}/')
    hits = ix.scan("no reference here 1234567")
    assert ix.match(h, hits) is None
    assert hits._rx is None  # the phrase clause rejected the query first
    hits = ix.scan("your reference number is 1234567")
    assert ix.match(h, hits) == [(5, 32)]


def test_index_pickles_for_worker_processes():
    import pickle

    ix = QueryIndex()
    hs = [ix.add(q) for q in ['"so sorry"', "apolog* NEAR/2 delay", "/[A-Z]{3}/", "NOT refund"]]
    ix.freeze()
    ix2 = pickle.loads(pickle.dumps(ix))
    text = "SO sorry, apologies for the delay"
    a, b = ix.scan(text), ix2.scan(text)
    assert [ix.match(h, a) for h in hs] == [ix2.match(h, b) for h in hs]
    assert [str(ix2.query(h)) for h in hs] == [str(ix.query(h)) for h in hs]


def test_a_sentence_opening_regex_counts_in_its_own_sentence():
    """A regex that says where its words stand by matching the punctuation before them ("[.!?]\\s+unplug")
    still holds in the sentence those words open: its occurrence starts at the words, not in the sentence
    before (a range-limited test dropped it, so an instruction after a question never counted)."""
    ix = QueryIndex()
    h = ix.add(parse_query(r"/(?i)(?:^|[.!?]\s+)unplug\b/"))
    text = "Have you tried restarting it? Unplug it for 30 seconds."
    hits = ix.scan(text)
    lo = text.index("Unplug")
    assert ix.match(h, hits, lo, len(text)) == [(lo, lo + len("Unplug"))]
    assert not ix.matches(h, hits, 0, lo - 1)
    # a match that is nothing but punctuation keeps its span
    ix = QueryIndex()
    hq = ix.add(parse_query(r"/\?\s*\?/"))
    assert ix.match(hq, ix.scan("what?? why"), 0, 10) == [(4, 6)]
