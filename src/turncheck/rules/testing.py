"""Run a rule set's inline examples: each ``pass``/``fail``/``na`` example must get that status."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import TurncheckError
from ..transcripts import ImportOptions, parse_text


@dataclass
class ExampleResult:
    rule: str
    expected: str
    number: int
    got: str
    message: str
    file: str | None

    @property
    def ok(self) -> bool:
        return self.expected == self.got


def run_examples(checker) -> list[ExampleResult]:
    out = []
    for rule in checker.rules:
        counts: dict[str, int] = {}
        for expected, ex in rule.examples.items():
            counts[expected] = counts.get(expected, 0) + 1
            try:
                transcript = parse_text(ex.transcript, f"{rule.id}:example",
                                        ImportOptions(input_format=ex.format))
                transcript.metadata.update(ex.metadata)
                card = checker.check(transcript)
                result = next(r for r in card.rules if r.id == rule.id)
                got, message = result.status, result.message
            except TurncheckError as exc:
                got, message = "error", exc.format()
            out.append(ExampleResult(rule.id, expected, counts[expected], got, message, rule.file))
    return out
