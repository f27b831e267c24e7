"""Typo-tolerant words: ``sorry~`` matches "sory", "sorrry", "appologise"...

A fuzzy word is expanded once, when its query is added to the index, into the
word and every string one edit away from it (a letter deleted, inserted,
replaced or two letters swapped) whose rapidfuzz similarity to the word is at
least :data:`THRESHOLD`. All of them go into the same Aho-Corasick automaton as
every other phrase, so a fuzzy word costs nothing per turn.

Why 85: rapidfuzz's ``fuzz.ratio`` (normalised Indel similarity) of a one-letter
deletion or insertion is ``200*(n-1)/(2n-1)``, at least 85.7 from five letters
up ("sory", "sorrry" for "sorry"), while a substitution in a five-letter word
scores 80, which keeps real words such as "worry" out. From eight letters up
substitutions and swaps pass as well ("apologise" -> "apologize", "appologise"
is an insertion). Words shorter than five letters are matched exactly.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

THRESHOLD = 85.0
MIN_LENGTH = 5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=256)
def variants(word: str, threshold: float = THRESHOLD) -> tuple[str, ...]:
    """The word and its one-edit typos that score at least ``threshold``, sorted."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return (word,)
    out = {word}
    n = len(word)
    for i in range(n):
        out.add(word[:i] + word[i + 1:])  # deletion
        if i + 1 < n:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])  # swap
        for c in _LETTERS:
            out.add(word[:i] + c + word[i + 1:])  # substitution
    for i in range(n + 1):
        for c in _LETTERS:
            out.add(word[:i] + c + word[i:])  # insertion
    return tuple(sorted(v for v in out if v == word or fuzz.ratio(v, word) >= threshold))
