"""The shared text helpers: normalisation, words, sentences, fold."""

from __future__ import annotations

import pytest

from turncheck.text import analyse, fold, normalize, sentences, spans_of, words


def W(text: str) -> list[str]:
    return [w for w, _, _ in words(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I'm so sorry", ["im", "so", "sorry"]),
        ("I\u2019m so sorry", ["im", "so", "sorry"]),
        ("Im so sorry", ["im", "so", "sorry"]),
        ("don't don\u2019t dont DON`T", ["dont"] * 4),
        ("follow-up", ["follow", "up"]),
        ("Mm-hmm.", ["mm", "hmm"]),
        ("'quoted' \u2018words\u2019", ["quoted", "words"]),
        ("students' books", ["students", "books"]),
        ("snake_case", ["snake", "case"]),
        ("José Ñandú naïve", ["jose", "nandu", "naive"]),
        ("STRASSE Straße", ["strasse", "strasse"]),
        ("Jose\u0301 Zoe\u0308y", ["jose", "zoey"]),  # decomposed accents
        ("\u00bd \uff21\uff22", ["12", "ab"]),  # compatibility forms
        ("\u0663 apples", ["3", "apples"]),  # non-ASCII digits
        ("3.5 e.g. www.example.com", ["3", "5", "e", "g", "www", "example", "com"]),
        ("😀 sorry 😀", ["sorry"]),
        ("", []),
        ("  ...  ", []),
        ("\u0928\u092e\u0938\u094d\u0924\u0947", ["\u0928\u092e\u0938\u094d\u0924\u0947"]),  # Devanagari keeps its vowel signs
    ],
)
def test_words(text, expected):
    assert W(text) == expected


def test_word_spans_point_into_the_original():
    text = "Hi\u2014I\u2019m  Jos\u00e9; don't!"
    ws = words(text)
    assert [(w, text[s:e]) for w, s, e in ws] == [
        ("hi", "Hi"),
        ("im", "I\u2019m"),
        ("jose", "Jos\u00e9"),
        ("dont", "don't"),
    ]


def test_fast_and_unicode_paths_agree():
    ascii_text = "Hello, I'm SO sorry -- we'll follow-up on case #42_b."
    uni_text = ascii_text + " \u00e9"
    assert W(uni_text) == W(ascii_text) + ["e"]
    assert [s for _, s, _ in words(uni_text)][:-1] == [s for _, s, _ in words(ascii_text)]


def test_normalize_and_offsets():
    norm, off = normalize("Don\u2019t  stop!")
    assert norm == "dont stop"
    assert len(off) == len(norm) + 1
    assert off == [0, 1, 2, 4, 5, 7, 8, 9, 10, 11]
    text = "Well, I'm SO sorry"
    norm, off = normalize(text)
    a = norm.index("so sorry")
    b = a + len("so sorry")
    assert text[off[a] : off[b]] == "SO sorry"


def test_normalize_offsets_with_length_changing_folds():
    text = "Straße café"
    norm, off = normalize(text)
    assert norm == "strasse cafe"
    assert len(off) == len(norm) + 1
    assert all(0 <= o <= len(text) for o in off)
    assert text[off[0] : off[7]] == "Straße"
    assert text[off[8] : off[12]] == "café"


def test_normalize_empty():
    assert normalize("") == ("", [0])
    assert normalize("!!") == ("", [0])


def test_analyse_pads_and_spans_of_agree_with_words():
    for text in ["I'm sorry", "Jos\u00e9 is here", "", "a\u2019b c"]:
        pnorm, prepared, spans = analyse(text)
        assert pnorm.startswith(" ") and pnorm.endswith(" ")
        assert pnorm[1:-1] == normalize(text)[0]
        assert len(prepared) == len(text)
        if spans is None:
            spans = spans_of(prepared)
        assert spans == [(s, e) for _, s, e in words(text)]


def test_fold():
    assert fold("Jos\u00e9 O\u2019Brien") == "jose obrien"
    assert fold("O'BRIEN-SMITH") == "obrien-smith"
    assert fold("Stra\u00dfe") == "strasse"
    assert fold("") == ""


def S(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hello. How are you? Fine!", ["Hello.", "How are you?", "Fine!"]),
        ("one; two", ["one;", "two"]),
        ("no punctuation at all here", ["no punctuation at all here"]),
        ("line one\nline two\n\nline three", ["line one", "line two", "line three"]),
        ("It costs 3.50 today. OK", ["It costs 3.50 today.", "OK"]),
        ("Mr. Smith called, e.g. yesterday. Then", ["Mr. Smith called, e.g. yesterday.", "Then"]),
        ("Dr. J. Smith is here.", ["Dr. J. Smith is here."]),
        ("Visit www.example.com. Thanks", ["Visit www.example.com.", "Thanks"]),
        ('He said "sorry." Then left.', ['He said "sorry."', "Then left."]),
        ("Really?! Yes...", ["Really?!", "Yes..."]),
        ("Wait... what", ["Wait...", "what"]),
        ("Hello . . .", ["Hello . . ."]),
        ("", []),
        ("   ", []),
        ("?", ["?"]),
    ],
)
def test_sentences(text, expected):
    assert S(text) == expected


def test_sentence_spans_are_trimmed_slices():
    text = "  Hi there.   Bye.  "
    for a, b in sentences(text):
        assert 0 <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()


def test_ascii_spans_fast_path_matches_the_regex():
    import random

    from turncheck.text import _ASCII_WORD, _ascii_spans

    rnd = random.Random(3)
    alphabet = "ab '`-.,!  \t\n'Z9"
    for _ in range(3000):
        t = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert _ascii_spans(t) == [m.span() for m in _ASCII_WORD.finditer(t)], repr(t)
