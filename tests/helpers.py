"""Helpers the tests import (``tests/`` is on ``pythonpath`` via pyproject)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("TURNCHECK_SHARED", ROOT.parent / "shared"))


def chat(text: str):
    """A chat transcript from ``Role: text`` lines."""
    from turncheck import parse_text
    from turncheck.transcripts import ImportOptions

    return parse_text(text, "test.txt", ImportOptions(input_format="chat"))
