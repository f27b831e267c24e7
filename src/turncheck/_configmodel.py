"""The keys a config file may set, as a pydantic model: imported by :mod:`turncheck.config` only when there is a
file to read (building the model is start-up time ``check --no-config`` need not pay)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class CheckConfig(BaseModel):
    """The keys a config file may set (the long options of ``turncheck check``)."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str] | None = None
    format: str | None = None
    input_format: str | None = None
    only: list[str] | None = None
    skip: list[str] | None = None
    fail_under: float | None = Field(default=None, ge=0, le=100)
    fail_on: Literal["critical", "major", "minor"] | None = None
    waivers: str | None = None
    jobs: int | None = Field(default=None, ge=1)
    engine: Literal["local", "dask"] | None = None
    scheduler: str | None = None
    cache: str | None = None
    redact: bool | None = None
    agent_speaker: list[str] | None = None
    customer_speaker: list[str] | None = None
    progress: bool | None = None
    quiet: bool | None = None
    #: gitignore-style patterns a folder scan skips: ``exclude`` replaces the default list, ``extend-exclude`` adds
    exclude: list[str] | None = None
    extend_exclude: list[str] | None = None
    max_bytes: int | None = Field(default=None, ge=0)
    max_turns: int | None = Field(default=None, ge=0)
    max_seconds: float | None = Field(default=None, ge=0)

    @field_validator("rules", "only", "skip", "agent_speaker", "customer_speaker", "exclude", "extend_exclude",
                     mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v
