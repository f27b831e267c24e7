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

from .engine import Checker
from .errors import InputError, ReadError, RuleError, TurncheckError
from .model import Transcript, Turn
from .rules.loader import RuleSet, load_ruleset
from .scorecard import Evidence, RuleResult, Scorecard
from .transcripts import ImportOptions, parse_file, parse_text

__version__ = "0.1.0"

load_rules = load_ruleset


def check_text(text: str, rules: RuleSet | None = None, source: str = "<text>", **options) -> Scorecard:
    """Parse ``text`` (any supported format) and check it: the one-call API."""
    checker = Checker(rules or load_ruleset())
    return checker.check(parse_text(text, source, ImportOptions(**options)))


__all__ = [
    "Checker", "Evidence", "ImportOptions", "InputError", "ReadError", "RuleError", "RuleResult", "RuleSet",
    "Scorecard", "Transcript", "Turn", "TurncheckError", "check_text", "load_rules", "load_ruleset",
    "parse_file", "parse_text", "__version__",
]
