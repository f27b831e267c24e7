"""Did-you-mean hints for misspelt names (rule ids, keys, conditions, formats, packs): one helper for every layer.

rapidfuzz's ``extractOne`` with a floor of 60 (of 100): "severty" finds "severity", "vtt" does not find "csv".
"""

from __future__ import annotations

from typing import Iterable

#: similarity (0-100) under which no suggestion is made
FLOOR = 60


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """``did you mean 'severity'?`` for the closest of ``choices``, or None when none is close."""
    from rapidfuzz import process

    choices = list(choices)
    if not choices:
        return None
    best = process.extractOne(word, choices, score_cutoff=FLOOR)
    return f"did you mean {best[0]!r}?" if best else None
