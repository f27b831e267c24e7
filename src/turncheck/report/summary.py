"""Run totals: per rule and per agent counts, computed from scorecards alone.

What the totals take from a card is a small :class:`CardSummary`, so that a
worker process can send that instead of the card (see
:class:`turncheck.engines.Job`); ``Summary.add(card)`` and
``Summary.add_summary(CardSummary.of(card))`` count the same.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

if TYPE_CHECKING:  # annotations only: no pydantic models at import
    from ..scorecard import Scorecard


def _verdict_of(card) -> str:
    from ..scorecard import verdict_of  # here: the summary loads no pydantic model at import

    return verdict_of(card)


class CardSummary(NamedTuple):
    """One scorecard's part of the run's totals."""

    status: str
    score: float | None
    #: ``(rule id, status)`` per rule result, in the card's order
    rules: tuple[tuple[str, str], ...]
    agent: str | None
    #: ``source[:line]: message`` of an error card
    error: str | None
    #: ``ok`` / ``needs-attention`` / ``fail`` / ``error``
    verdict: str = "ok"
    #: ``(section id, title, weight, score or None)`` per section of a pack with sections
    sections: tuple[tuple[str, str, float, float | None], ...] = ()
    #: the auto-fail rules that failed
    auto_failed: tuple[str, ...] = ()

    @classmethod
    def of(cls, card: Scorecard) -> "CardSummary":
        agent = card.metadata.get("agent_name") or card.metadata.get("agent_id")
        error = None
        if card.status == "error" and card.error is not None:
            error = card.source + (f":{card.error.line}" if card.error.line else "") + f": {card.error.message}"
        return cls(card.status, card.score, tuple((r.id, r.status) for r in card.rules),
                   str(agent) if agent else None, error, _verdict_of(card),
                   tuple((x.id, x.title, x.weight, x.score) for x in getattr(card, "sections", None) or ()),
                   tuple(getattr(card, "auto_failed", None) or ()))


class Summary:
    def __init__(self, waivers=None) -> None:
        #: the run's :class:`~turncheck.waivers.Waivers` (what they did goes in the totals), or None
        self.waivers = waivers
        self.transcripts = 0
        self.status: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.rules: dict[str, Counter[str]] = defaultdict(Counter)
        self.agents: dict[str, Counter[str]] = defaultdict(Counter)
        self.scores: list[float] = []
        #: per section id: title, weight and the section's scores (cards where it had a score), n/a count
        self.sections: dict[str, dict[str, Any]] = {}
        self.auto_failed: Counter[str] = Counter()
        self.auto_failed_cards = 0

    def add(self, card: Scorecard) -> None:
        self.add_summary(CardSummary.of(card))

    def add_summary(self, card: CardSummary) -> None:
        self.transcripts += 1
        self.status[card.status] += 1
        self.verdicts[card.verdict] += 1
        if card.score is not None:
            self.scores.append(card.score)
        for rid, status in card.rules:
            self.rules[rid][status] += 1
        if card.agent:
            self.agents[card.agent][card.status] += 1
        for sid, title, weight, score in card.sections:
            entry = self.sections.setdefault(sid, {"title": title, "weight": weight, "scores": [], "na": 0})
            if score is None:
                entry["na"] += 1
            else:
                entry["scores"].append(score)
        if card.auto_failed:
            self.auto_failed_cards += 1
            self.auto_failed.update(card.auto_failed)

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
            # of the passed: ``ok`` and ``needs-attention`` (a score under the pack's threshold, a major fail...)
            "ok": self.verdicts["ok"],
            "needs_attention": self.verdicts["needs-attention"],
            "mean_score": round(sum(self.scores) / len(self.scores), 1) if self.scores else None,
            "rules": {rid: {"pass": c["pass"], "fail": c["fail"], "na": c["na"], "waived": c["waived"],
                            "pass_rate": self.rate(c)} for rid, c in self.rules.items()},
            "agents": {a: {"transcripts": sum(c.values()), "passed": c["pass"], "failed": c["fail"]}
                       for a, c in sorted(self.agents.items())},
            # a pack with sections: each section's mean score over the transcripts where it had one
            **({"sections": {sid: {"title": e["title"], "weight": e["weight"],
                                   "mean_score": round(sum(e["scores"]) / len(e["scores"]), 1) if e["scores"] else None,
                                   "scored": len(e["scores"]), "na": e["na"]} for sid, e in self.sections.items()}}
               if self.sections else {}),
            **({"auto_failed": {"transcripts": self.auto_failed_cards, "rules": dict(sorted(self.auto_failed.items()))}}
               if self.auto_failed_cards else {}),
            **({"waivers": self.waivers.to_dict()} if self.waivers is not None else {}),
        }
