"""Renderers: small registered units over scorecards; they only render.

A renderer is created with the output stream and the rule set's identity,
receives scorecards one at a time (``add``, in output order) and is closed with
the run's :class:`~turncheck.report.summary.Summary`. Streaming formats write
as cards arrive; others collect and write at ``close``.

Formats in which each card's text depends on that card alone (``jsonl``,
``csv``, ``md``) say so with ``card_text``: a picklable function from a card to
its text. ``check`` runs it where the card is made (a worker process) and
hands the text to ``add_text``, so the cards need not travel back; ``add(card)``
is ``add_text(card_text(card))``.

Optional inputs, for the formats that use them (all may be left out):

- ``add(card, transcript=None)``: the checked :class:`~turncheck.model.Transcript`,
  so that ``html`` can show the conversation with the evidence highlighted.
  Renderers whose ``wants_transcript`` is true use it; the others ignore it.
- ``rules=[...]`` (constructor option): the rule set's rules (``Rule`` objects
  or dicts with ``id``, ``title``, ``description``, ``rationale``,
  ``severity``, ``weight``), used by ``sarif`` (``tool.driver.rules``) and ``html``
  (rule descriptions).
- ``transcripts=`` (constructor option): a mapping ``source -> Transcript`` or a
  callable ``source -> Transcript | None``, consulted when ``add`` got none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, TextIO

from .summary import CardSummary, Summary

if TYPE_CHECKING:  # annotations only: importing the package does not load the pydantic models
    from ..model import Transcript
    from ..scorecard import RulesetInfo, Scorecard


class Renderer:
    name: str = ""
    streaming: bool = False
    #: true when ``add(card, transcript=...)`` makes the output richer (worth keeping transcripts for)
    wants_transcript: bool = False
    #: text formats (not JSON, which escapes by itself): every card is passed through
    #: :func:`~turncheck.report.common.display_card` first, so no control character, bidi override or odd
    #: file-name byte reaches the output as itself
    display_safe: bool = False

    def __init__(self, out: TextIO, ruleset: RulesetInfo, **options) -> None:
        self.out = out
        self.ruleset = ruleset
        self.options = options
        self.cards: list[Scorecard] = []
        #: a card's text, from the card alone (formats that render card by card); see the module docstring
        self.card_text: Callable[[Scorecard], str] | None = None

    @property
    def card_text(self) -> Callable[[Scorecard], str] | None:
        return self._card_text

    @card_text.setter
    def card_text(self, render: Callable[[Scorecard], str] | None) -> None:
        if render is not None and self.display_safe:
            from functools import partial

            from .common import display_then

            render = partial(display_then, render)
        self._card_text = render

    def display(self, card: Scorecard) -> Scorecard:
        """The card as this format shows it (see :attr:`display_safe`)."""
        if not self.display_safe:
            return card
        from .common import display_card

        return display_card(card)

    def add(self, card: Scorecard, transcript: Transcript | None = None) -> None:
        if self.card_text is not None:
            self.add_text(self.card_text(card))
        else:
            self.cards.append(self.display(card))

    def add_text(self, text: str) -> None:
        """The next card's text, made by ``card_text`` (perhaps in another process)."""
        self.out.write(text)

    def close(self, summary: Summary) -> None:  # pragma: no cover - interface
        raise NotImplementedError


_RENDERERS: dict[str, type[Renderer]] = {}

#: the module that registers each format: imported when the format is asked for, so a run pays only for its
#: own renderer (``table`` alone imports rich; ``html``, ``junit``, ``sarif`` are sizeable modules)
MODULES = {"csv": "csvout", "html": "htmlout", "json": "jsonout", "jsonl": "jsonout", "junit": "junit",
           "md": "markdown", "sarif": "sarif", "table": "table"}


def register(cls: type[Renderer]) -> type[Renderer]:
    _RENDERERS[cls.name] = cls
    return cls


def _import(module: str) -> None:
    import importlib

    importlib.import_module(f"{__name__}.{module}")


def _all_renderers() -> dict[str, type[Renderer]]:
    for module in sorted(set(MODULES.values())):
        _import(module)
    return _RENDERERS


def get_renderer(name: str) -> type[Renderer]:
    from ..errors import UsageError

    if name not in _RENDERERS and name in MODULES:
        _import(MODULES[name])
    if name not in _RENDERERS:
        renderers = _all_renderers()
        raise UsageError(f"unknown output format {name!r}", hint="formats: " + ", ".join(sorted(renderers)))
    return _RENDERERS[name]


def __getattr__(name: str):
    if name == "RENDERERS":  # every format, registered (loads them all)
        return _all_renderers()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


from .output import atomic_output  # noqa: E402

__all__ = ["Renderer", "RENDERERS", "register", "get_renderer", "CardSummary", "Summary", "atomic_output"]
