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


class WorkBudgetExceeded(AssertionError):
    pass


class line_budget:
    """Fail when the code inside executes more than ``limit`` Python lines (a machine-independent bound on
    work, for "this stays linear" tests: a wall-clock bound would pass or fail with the machine's load).

        with line_budget(200_000):
            engine.match(...)
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lines = 0

    def _trace(self, frame, event, arg):
        if event == "line":
            self.lines += 1
            if self.lines > self.limit:
                raise WorkBudgetExceeded(f"more than {self.limit:,} Python lines executed")
        return self._trace

    def __enter__(self) -> "line_budget":
        import sys
        import threading

        self._old = sys.gettrace()
        threading.settrace(self._trace)
        sys.settrace(self._trace)
        return self

    def __exit__(self, *exc) -> None:
        import sys
        import threading

        sys.settrace(self._old)
        threading.settrace(self._old)  # type: ignore[arg-type]


#: a one-rule pack's rule file for the cache tests: a presence rule ``says-sorry`` with ``{query}`` and
#: ``{severity}`` to fill (single quotes in the query doubled, YAML-style)
SAYS_SORRY_RULE = """\
description: says sorry
rationale: a test rule
severity: {severity}
weight: 1
check:
  kind: presence
  role: agent
  query: '{query}'
"""
