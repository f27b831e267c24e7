"""turncheck: rule-based compliance checks for customer-support transcripts.

A small API for embedding::

    import turncheck
    rules = turncheck.load_rules()                 # the bundled default pack
    checker = turncheck.Checker(rules)
    transcript = turncheck.parse_file("chat.txt")  # any supported format
    card = checker.check(transcript)
    print(card.status, card.score, [(r.id, r.status) for r in card.rules])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> module that defines it; imported on first use (PEP 562), so ``import turncheck.cli``
#: (every command, ``--help`` included) does not pay for the engine, pydantic models and parsers it may not need
_LAZY = {
    "Checker": "engine",
    "InputError": "errors", "ReadError": "errors", "RuleError": "errors", "TurncheckError": "errors",
    "Transcript": "model", "Turn": "model",
    "RuleSet": "rules.loader", "load_ruleset": "rules.loader",
    "Evidence": "scorecard", "RuleResult": "scorecard", "Scorecard": "scorecard",
    "ImportOptions": "transcripts", "parse_file": "transcripts", "parse_text": "transcripts",
}

if TYPE_CHECKING:
    from .engine import Checker
    from .errors import InputError, ReadError, RuleError, TurncheckError
    from .model import Transcript, Turn
    from .rules.loader import RuleSet, load_ruleset
    from .scorecard import Evidence, RuleResult, Scorecard
    from .transcripts import ImportOptions, parse_file, parse_text


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'turncheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, "load_rules"])


def load_rules(*args: Any, **kwargs: Any) -> "RuleSet":
    """The bundled default pack, or the packs given (an alias of :func:`load_ruleset`)."""
    from .rules.loader import load_ruleset

    return load_ruleset(*args, **kwargs)


def check_text(text: str, rules: "RuleSet | None" = None, source: str = "<text>", **options: Any) -> "Scorecard":
    """Parse ``text`` (any supported format) and check it: the one-call API."""
    from .engine import Checker
    from .rules.loader import load_ruleset
    from .transcripts import ImportOptions, parse_text

    checker = Checker(rules or load_ruleset())
    return checker.check(parse_text(text, source, ImportOptions(**options)))


__all__ = [
    "Checker", "Evidence", "ImportOptions", "InputError", "ReadError", "RuleError", "RuleResult", "RuleSet",
    "Scorecard", "Transcript", "Turn", "TurncheckError", "check_text", "load_rules", "load_ruleset",
    "parse_file", "parse_text", "__version__",
]
