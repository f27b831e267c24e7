"""Shared test helpers: paths to the project's folders and to ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("TURNCHECK_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def default_checker():
    from turncheck import Checker, load_rules

    return Checker(load_rules())


def chat(text: str):
    """A chat transcript from ``Role: text`` lines."""
    from turncheck import parse_text
    from turncheck.transcripts import ImportOptions

    return parse_text(text, "test.txt", ImportOptions(input_format="chat"))
