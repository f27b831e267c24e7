"""The canonical transcript: what every importer produces and every check reads."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["agent", "customer", "other"]
ROLES: tuple[Role, ...] = ("agent", "customer", "other")


class Turn(BaseModel):
    """One utterance, cue or message as the source delimits it."""

    model_config = ConfigDict(frozen=False)

    index: int
    role: Role
    speaker: str | None = None
    text: str
    start: float | None = None
    end: float | None = None
    line: int | None = Field(
        default=None, description="1-based line of the source where this turn begins, when the format has lines"
    )


class Transcript(BaseModel):
    """A whole conversation in the canonical form.

    ``metadata`` uses these well-known keys where the source carries them:
    ``customer_name``, ``agent_name``, ``agent_id``, ``channel``, ``queue``,
    ``start_time`` (ISO 8601), ``roles_source`` (how roles were decided), and
    ``location`` (e.g. the line of a JSONL record holding many transcripts).
    """

    id: str
    source: str
    format: str
    metadata: dict[str, Any] = Field(default_factory=dict)
    turns: list[Turn] = Field(default_factory=list)

    @property
    def timed(self) -> bool:
        """True when utterances carry start *and* end times."""
        return any(t.start is not None and t.end is not None for t in self.turns)

    def roles_present(self) -> set[str]:
        return {t.role for t in self.turns}

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
