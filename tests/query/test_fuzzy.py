"""word~ : typo-tolerant words, expanded once into the automaton."""

from __future__ import annotations

import pytest

from turncheck.errors import QuerySyntaxError
from turncheck.query import QueryIndex, parse_query
from turncheck.query.ast import Fuzzy
from turncheck.query.fuzzy import THRESHOLD, variants


@pytest.mark.parametrize("typo", ["sory", "sorrry", "soorry", "sorry"])
def test_dropped_and_doubled_letters_match(typo):
    assert typo in variants("sorry")


@pytest.mark.parametrize("word", ["worry", "sorta", "story", "sorrow"])
def test_real_words_one_substitution_away_do_not(word):
    assert word not in variants("sorry")


def test_long_words_admit_substitutions_and_swaps():
    v = variants("apologise")
    assert {"apologize", "appologise", "apolgise", "aplogise"} <= set(v)


def test_short_words_are_exact():
    assert variants("help") == ("help",)


def test_every_variant_meets_the_documented_threshold():
    from rapidfuzz import fuzz

    assert all(fuzz.ratio(v, "apologise") >= THRESHOLD for v in variants("apologise"))


def test_round_trip_and_matching():
    q = parse_query("sorry~ NEAR/2 hear")
    assert q.left == Fuzzy("sorry") and parse_query(str(q)) == q
    ix = QueryIndex()
    h = ix.add(q)
    ix.freeze()
    assert ix.match(h, ix.scan("Sorrry to hear that")) == [(0, 14)]
    assert ix.match(h, ix.scan("Don't worry to hear it")) is None


def test_fuzzy_must_be_one_plain_word():
    with pytest.raises(QuerySyntaxError, match="fuzzy"):
        parse_query("apolog*~")
