"""Renderers: small registered units over scorecards; they only render.

A renderer is created with the output stream and the rule set's identity,
receives scorecards one at a time (``add``, in output order) and is closed with
the run's :class:`~turncheck.report.summary.Summary`. Streaming formats write
as cards arrive; others collect and write at ``close``.
"""

from __future__ import annotations

from typing import Callable, TextIO

from ..scorecard import RulesetInfo, Scorecard
from .summary import Summary


class Renderer:
    name: str = ""
    streaming: bool = False

    def __init__(self, out: TextIO, ruleset: RulesetInfo, **options) -> None:
        self.out = out
        self.ruleset = ruleset
        self.options = options
        self.cards: list[Scorecard] = []

    def add(self, card: Scorecard) -> None:
        self.cards.append(card)

    def close(self, summary: Summary) -> None:  # pragma: no cover - interface
        raise NotImplementedError


RENDERERS: dict[str, type[Renderer]] = {}


def register(cls: type[Renderer]) -> type[Renderer]:
    RENDERERS[cls.name] = cls
    return cls


def get_renderer(name: str) -> type[Renderer]:
    from ..errors import UsageError

    if name not in RENDERERS:
        raise UsageError(f"unknown output format {name!r}", hint="formats: " + ", ".join(sorted(RENDERERS)))
    return RENDERERS[name]


from . import jsonout, table  # noqa: E402,F401  (registration)

__all__ = ["Renderer", "RENDERERS", "register", "get_renderer", "Summary"]
