"""Parsing, printing and error reporting of the phrase query language."""

from __future__ import annotations

import pytest

from turncheck.errors import QuerySyntaxError, RuleError
from turncheck.query import And, Near, Not, Or, Phrase, Regex, caret, parse_query


def P(*words: str) -> Phrase:
    return Phrase(tuple(words))


# --- what parses to what -------------------------------------------------------


@pytest.mark.parametrize(
    "text, tree",
    [
        ("sorry", P("sorry")),
        ("Sorry", P("sorry")),
        ('"so sorry"', P("so", "sorry")),
        ("\u201cso sorry\u201d", P("so", "sorry")),  # curly quotes
        ('\u201cso sorry"', P("so", "sorry")),  # mixed: any double quote closes
        ('"I\'m sorry"', P("im", "sorry")),  # apostrophes removed
        ('"I\u2019m sorry"', P("im", "sorry")),
        ("apolog*", P("apolog*")),
        ('"apolog* for"', P("apolog*", "for")),
        ("follow-up", P("follow", "up")),  # punctuation separates words
        ('"mm-hmm"', P("mm", "hmm")),
        ("José", P("jose")),
        ("a AND b", And((P("a"), P("b")))),
        ("a b", And((P("a"), P("b")))),  # implicit AND
        ("a OR b", Or((P("a"), P("b")))),
        ("NOT a", Not(P("a"))),
        ("a NOT b", And((P("a"), Not(P("b"))))),
        ("a NEAR/3 b", Near(P("a"), P("b"), 3)),
        ("a NEAR/0 b", Near(P("a"), P("b"), 0)),
        ("/[A-Z]{3}/", Regex("[A-Z]{3}")),
        ("/a\\/b/", Regex("a\\/b")),
        # lower-case operators are words
        ("not sorry", And((P("not"), P("sorry")))),
        ("this and that or not", And((P("this"), P("and"), P("that"), P("or"), P("not")))),
        ('"NOT"', P("not")),
        ("ANDROID", P("android")),
        ("NEARBY", P("nearby")),
    ],
)
def test_parses_to(text, tree):
    assert parse_query(text) == tree


def test_precedence_not_near_and_or():
    # NOT > NEAR > AND > OR
    q = parse_query("a OR b AND c NEAR/2 NOT d")
    assert q == Or((P("a"), And((P("b"), Near(P("c"), Not(P("d")), 2)))))
    assert parse_query("NOT a NEAR/1 b") == Near(Not(P("a")), P("b"), 1)
    assert parse_query("(a OR b) c") == And((Or((P("a"), P("b"))), P("c")))


def test_near_is_left_associative():
    assert parse_query("a NEAR/1 b NEAR/2 c") == Near(Near(P("a"), P("b"), 1), P("c"), 2)
    q = parse_query("a NEAR/1 (b NEAR/2 c)")
    assert q == Near(P("a"), Near(P("b"), P("c"), 2), 1)
    assert str(q) == "a NEAR/1 (b NEAR/2 c)"


def test_and_or_flatten():
    assert parse_query("a AND (b AND c)") == parse_query("a b c")
    assert parse_query("(a OR b) OR c") == parse_query("a OR b OR c")
    assert And((P("a"), And((P("b"), P("c"))))).items == (P("a"), P("b"), P("c"))


def test_phrase_keeps_the_text_as_written_but_compares_normalised():
    q = parse_query('"I\u2019m SO sorry"')
    assert q.text == "I\u2019m SO sorry"
    assert q == P("im", "so", "sorry")


# --- canonical printing --------------------------------------------------------


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("sorry", "sorry"),
        ('"I\'m  Sorry"', '"im sorry"'),
        ("a b NOT c", "a AND b AND NOT c"),
        ("(a OR b) c", "(a OR b) AND c"),
        ("a OR (b c)", "a OR b AND c"),
        ("NOT (a OR b)", "NOT (a OR b)"),
        ("NOT NOT a", "NOT NOT a"),
        ("(a NEAR/2 b) NEAR/3 c", "a NEAR/2 b NEAR/3 c"),
        ("(a OR b) NEAR/3 c", "(a OR b) NEAR/3 c"),
        ("b NEAR/3 NOT a", "b NEAR/3 NOT a"),
        ("NOT (a NEAR/3 b)", "NOT (a NEAR/3 b)"),
        ("follow-up \u201cmm hmm\u201d", '"follow up" AND "mm hmm"'),
        ("/x y/ apolog*", "/x y/ AND apolog*"),
        ('"apolog* for"', '"apolog* for"'),
    ],
)
def test_canonical_form_and_round_trip(text, canonical):
    q = parse_query(text)
    assert str(q) == canonical
    assert parse_query(str(q)) == q


# --- definitions ---------------------------------------------------------------


def test_definitions_expand_in_place():
    defs = {"apology": '"so sorry" OR apolog*', "regret": "@apology OR regret*"}
    q = parse_query("@regret NEAR/3 delay*", defs)
    assert str(q) == '("so sorry" OR apolog* OR regret*) NEAR/3 delay*'
    assert parse_query(str(q)) == q  # no definitions needed to re-parse


def test_definition_is_a_group():
    # a definition binds as if parenthesised
    q = parse_query("@x c", {"x": "a OR b"})
    assert q == And((Or((P("a"), P("b"))), P("c")))


def test_unknown_definition_suggests_a_name():
    with pytest.raises(QuerySyntaxError) as ei:
        parse_query("sorry OR @apolgy", {"apology": "sorry"})
    e = ei.value
    assert e.column == 10
    assert "unknown definition @apolgy" in e.message
    assert e.hint == "did you mean @apology?"


def test_definition_cycle_is_an_error():
    with pytest.raises(QuerySyntaxError) as ei:
        parse_query("x OR @a", {"a": "@b", "b": "y OR @a"})
    assert "definition cycle: @a -> @b -> @a" in ei.value.message
    assert ei.value.column == 6


def test_self_reference_is_a_cycle():
    with pytest.raises(QuerySyntaxError, match="cycle: @a -> @a"):
        parse_query("@a", {"a": "x @a"})


def test_error_inside_a_definition_names_it():
    with pytest.raises(QuerySyntaxError) as ei:
        parse_query("x OR @bad", {"bad": "sorry AND"})
    assert ei.value.column == 6
    assert "in definition @bad (column 10): expected a term after 'AND'" in ei.value.message


def test_unused_broken_definition_is_not_an_error():
    assert parse_query("x", {"bad": "(("}) == P("x")


def test_a_definition_is_parsed_once_for_every_query_that_uses_it(monkeypatch):
    from turncheck.query import grammar

    parsed: list[str] = []
    real = grammar._parse
    monkeypatch.setattr(grammar, "_parse", lambda text, *a: parsed.append(text) or real(text, *a))
    defs = {"sorry": '"so sorry" OR apolog* OR "shared-definition-test"'}
    first, second = parse_query("@sorry NEAR/3 delay", defs), parse_query("@sorry AND refund", dict(defs))
    assert parsed.count(defs["sorry"]) == 1           # the second query (an equal mapping) reuses the tree
    assert first.children()[0] is second.children()[0]
    # a different text under the same name is a different mapping: parsed anew, and it is the new tree
    changed = parse_query("@sorry NEAR/3 delay", {"sorry": "regret* OR sharedtest"})
    assert str(changed) == "(regret* OR sharedtest) NEAR/3 delay"
    # a broken definition is reported at every use, not remembered as parsed
    for _ in range(2):
        with pytest.raises(QuerySyntaxError, match="in definition @bad"):
            parse_query("x OR @bad", {"bad": "sorry AND", "sorry": defs["sorry"]})


# --- errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, column, fragment",
    [
        ("", 1, "empty query"),
        ("   ", 1, "empty query"),
        ("a AND", 6, "expected a term after 'AND'"),
        ("a OR", 5, "expected a term after 'OR'"),
        ("a AND OR b", 7, "expected a term after 'AND', found 'OR'"),
        ("NOT", 4, "expected a term after 'NOT'"),
        ("a NEAR/3", 9, "expected a term after 'NEAR/3'"),
        ("AND a", 1, "expected a term before 'AND'"),
        ("(OR a)", 2, "expected a term before 'OR'"),
        ("(a", 1, "unbalanced parenthesis: '(' at column 1 is never closed"),
        ("x ((a) b", 3, "unbalanced parenthesis"),
        ("a)", 2, "unbalanced parenthesis: unexpected ')'"),
        ("()", 1, "empty parentheses"),
        ('sorry "so sorry', 7, "unterminated quote"),
        ('""', 1, "empty phrase"),
        ('"..."', 1, "no letters or digits"),
        ("a NEAR b", 3, "NEAR needs a number: NEAR/3"),
        ("a NEAR/ b", 3, "NEAR needs a number: NEAR/3"),
        ("a NEAR/x b", 3, "NEAR needs a number: NEAR/3"),
        ("a NEAR3 b", 3, "NEAR needs a number: NEAR/3"),
        ("a near/3 b", 3, "operators are upper-case"),
        ("a NEAR/5000 b", 3, "too large"),
        ("a NEAR/3 (b AND c)", 3, "NEAR can only join"),
        ("a NEAR/3 (b OR NOT c)", 3, "NEAR can only join"),
        ("NOT a NEAR/3 NOT b", 7, "at least one side that is not negated"),
        ("/(a/", 1, "invalid regex /(a/: missing )"),
        ("/(?<=a)b/", 1, "invalid regex"),
        ("x /abc", 3, "unterminated regex"),
        ("//", 1, "empty regex"),
        ("/abc/i", 6, "regex flags"),
        ("*ing", 1, "wildcard"),
        ("ab*cd", 3, "wildcard '*' must end a word"),
        ('"sorry *"', 8, "wildcard"),
        ("apolog**", 8, "wildcard"),
        ("@", 1, "expected a definition name after '@'"),
        ("@a$b", 1, "invalid definition name"),
        ("-", 1, "no letters or digits"),
        ("a ?? b", 3, "no letters or digits"),
        # "unauthori?ed" once matched nothing at all (the phrase "unauthori ed") without a word of warning
        ("fraud OR unauthori?ed", 19, "'?' is not a wildcard"),
        ("colo?r", 5, "not a wildcard (in 'colo?r')"),
        # the column of a word after an operator is the word's own, not the space before it
        ("a OR ab*cd", 8, "wildcard '*' must end a word"),
        ("a OR -", 6, "no letters or digits"),
    ],
)
def test_errors_have_a_column_and_a_helpful_message(text, column, fragment):
    with pytest.raises(QuerySyntaxError) as ei:
        parse_query(text)
    e = ei.value
    assert fragment in e.message, e.message
    assert e.column == column, (e.column, e.message)
    assert e.query == text


def test_a_question_mark_inside_a_word_suggests_spellings_or_a_prefix():
    with pytest.raises(QuerySyntaxError) as ei:
        parse_query("colo?r")
    assert ei.value.hint == "list the spellings (colour OR color) or match a prefix (colo*)"
    # at the end of a word it is punctuation, as everywhere else in a query
    assert parse_query("down?") == parse_query("down")


def test_error_is_a_rule_error_and_the_loader_can_locate_it():
    with pytest.raises(RuleError) as ei:
        parse_query("sorry AND", source="rule apology, phrases[2]")
    e = ei.value.located("rules/apology.yml", 12)
    assert e.format() == "rules/apology.yml:12:10: rule apology, phrases[2]: expected a term after 'AND', found the end of the query"


def test_caret_points_at_the_column():
    assert caret("a AND", 6) == "a AND\n     ^"


def test_deep_nesting_is_a_syntax_error_not_a_recursion_error():
    with pytest.raises(QuerySyntaxError, match="nested too deeply"):
        parse_query("(" * 5000 + "a" + ")" * 5000)
    with pytest.raises(QuerySyntaxError):
        parse_query("NOT " * 5000 + "a")
    q = parse_query("(" * 30 + "a" + ")" * 30)
    assert q == P("a")


def test_non_string_query():
    with pytest.raises(QuerySyntaxError):
        parse_query(None)  # type: ignore[arg-type]
