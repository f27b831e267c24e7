"""The scorecard: what a check of one transcript produces (pure data).

Field names follow ``shared/spec/interfaces.md``; renderers only render these.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

RuleStatus = Literal["pass", "fail", "na", "waived"]
CardStatus = Literal["pass", "fail", "error"]
Severity = Literal["critical", "major", "minor"]
SEVERITY_RANK: dict[str, int] = {"minor": 1, "major": 2, "critical": 3}


class Evidence(BaseModel):
    """A quote from one turn, located by turn index and character span."""

    turn: int
    role: str
    speaker: str | None = None
    start: float | None = None
    quote: str
    span: tuple[int, int]
    line: int | None = None
    #: for near-misses: how close (0-100) the turn came to passing
    similarity: float | None = None


class RuleResult(BaseModel):
    id: str
    status: RuleStatus
    severity: Severity
    weight: float
    message: str
    evidence: list[Evidence] = Field(default_factory=list)
    #: what made the rule apply (e.g. the complaint turn) when it failed
    trigger: Evidence | None = None
    #: the agent turn that came closest to passing, for a fail
    near_miss: Evidence | None = None
    #: reason and expiry when a waiver turned a fail into ``waived``
    waiver: dict[str, Any] | None = None


class ErrorInfo(BaseModel):
    kind: Literal["read", "parse", "rule"]
    message: str
    line: int | None = None


class RulesetInfo(BaseModel):
    name: str
    version: str


class Scorecard(BaseModel):
    transcript: str
    source: str
    format: str | None = None
    status: CardStatus
    score: float | None = None
    ruleset: RulesetInfo
    rules: list[RuleResult] = Field(default_factory=list)
    error: ErrorInfo | None = None
    #: selected transcript metadata (agent, customer, channel, start_time...)
    metadata: dict[str, Any] = Field(default_factory=dict)
    #: the location inside a multi-transcript source (e.g. JSONL line)
    location: int | None = None

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def compute_score(results: list[RuleResult]) -> float | None:
    """Weighted pass rate over the rules that apply (``na``/``waived`` left out)."""
    total = sum(r.weight for r in results if r.status in ("pass", "fail"))
    if total <= 0:
        return 100.0
    passed = sum(r.weight for r in results if r.status == "pass")
    return round(100.0 * passed / total, 1)


def card_status(results: list[RuleResult], score: float | None, fail_under: float | None = None,
                fail_on: str = "critical") -> CardStatus:
    """``fail`` when a rule at or above ``fail_on`` severity failed, or the score is under ``fail_under``."""
    threshold = SEVERITY_RANK[fail_on]
    if any(r.status == "fail" and SEVERITY_RANK[r.severity] >= threshold for r in results):
        return "fail"
    if fail_under is not None and score is not None and score < fail_under:
        return "fail"
    return "pass"
