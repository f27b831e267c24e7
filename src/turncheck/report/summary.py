"""Run totals: per rule and per agent counts, computed from scorecards alone."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable

from ..scorecard import Scorecard


class Summary:
    def __init__(self) -> None:
        self.transcripts = 0
        self.status: Counter[str] = Counter()
        self.rules: dict[str, Counter[str]] = defaultdict(Counter)
        self.agents: dict[str, Counter[str]] = defaultdict(Counter)
        self.scores: list[float] = []

    def add(self, card: Scorecard) -> None:
        self.transcripts += 1
        self.status[card.status] += 1
        if card.score is not None:
            self.scores.append(card.score)
        for r in card.rules:
            self.rules[r.id][r.status] += 1
        agent = card.metadata.get("agent_name") or card.metadata.get("agent_id")
        if agent:
            self.agents[str(agent)][card.status] += 1

    @classmethod
    def of(cls, cards: Iterable[Scorecard]) -> "Summary":
        s = cls()
        for c in cards:
            s.add(c)
        return s

    @staticmethod
    def rate(counts: Counter[str]) -> float | None:
        applied = counts["pass"] + counts["fail"]
        return round(100.0 * counts["pass"] / applied, 1) if applied else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "transcripts": self.transcripts,
            "passed": self.status["pass"],
            "failed": self.status["fail"],
            "errors": self.status["error"],
            "mean_score": round(sum(self.scores) / len(self.scores), 1) if self.scores else None,
            "rules": {rid: {"pass": c["pass"], "fail": c["fail"], "na": c["na"], "waived": c["waived"],
                            "pass_rate": self.rate(c)} for rid, c in self.rules.items()},
            "agents": {a: {"transcripts": sum(c.values()), "passed": c["pass"], "failed": c["fail"]}
                       for a, c in sorted(self.agents.items())},
        }
