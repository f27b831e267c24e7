"""Rule files as data: pydantic models with ``extra="forbid"``.

A rule file is one YAML mapping; its id is the file name. The ``check`` key
picks one of a handful of generic check kinds (see ``turncheck.checks``) and
carries that kind's parameters; nothing about a rule is Python.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

Severity = Literal["critical", "major", "minor"]
RoleName = Literal["agent", "customer", "other", "any"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Window(Strict):
    """Restrict where a phrase is looked for: first/last N turns of the role, or seconds."""

    first_turns: int | None = Field(default=None, ge=1)
    last_turns: int | None = Field(default=None, ge=1)
    first_seconds: float | None = Field(default=None, gt=0)
    last_seconds: float | None = Field(default=None, gt=0)


class Phrases(Strict):
    """A query plus the queries that cancel a hit in the same sentence.

    ``exclude`` drops a hit whose sentence also matches (negation: "not sorry",
    clarification: "sorry, what was the number?"). ``exclude_turn`` drops it if
    the whole turn matches.
    """

    query: str
    exclude: list[str] = Field(default_factory=list)
    exclude_turn: list[str] = Field(default_factory=list)
    scope: Literal["sentence", "turn"] = "sentence"


class PresenceCheck(Phrases):
    """Phrase presence (``expect: present``) or absence (``expect: absent``) in turns of a role."""

    kind: Literal["presence"]
    role: RoleName = "agent"
    expect: Literal["present", "absent"] = "present"
    window: Window | None = None
    #: only turns after the first turn that made the rule apply
    after_trigger: bool = False


class ResponseCheck(Phrases):
    """A trigger (a condition, e.g. a complaint) must be answered by an agent phrase."""

    kind: Literal["response"]
    trigger: str = Field(description="name of a condition from the pack, e.g. problem-raised")
    #: how many agent turns after the trigger may answer it (null: any later turn)
    within_agent_turns: int | None = Field(default=None, ge=1)
    #: also accept an answer in agent turns before the trigger
    allow_before: bool = False


class RestatementCheck(Strict):
    """An agent turn echoes the content words of the customer's problem."""

    kind: Literal["restatement"]
    trigger: str = "problem-raised"
    cues: str = Field(description="query of cue phrases: 'so you're saying', 'is that correct'")
    #: cues that count only at the start of a sentence ("So ...", "You've been ...")
    lead_cues: str = ""
    #: cues that also go with a plain apology ("sorry about the ..."): they need one more shared word
    weak_cues: str = ""
    exclude: list[str] = Field(default_factory=list)
    #: content-word similarity (0-100, rapidfuzz over stems) needed with a cue
    min_similarity_with_cue: float = Field(default=45, ge=0, le=100)
    #: ... and without one
    min_similarity: float = Field(default=75, ge=0, le=100)
    #: at least this many shared content words (stems) with the customer
    min_shared_words: int = Field(default=2, ge=1)
    #: customer turns considered: the trigger turn and the N customer turns before the agent turn
    context_turns: int = Field(default=3, ge=1)


class InterruptionCheck(Strict):
    """Agent talk-over by timing (with a backchannel allowance) or by text markers."""

    kind: Literal["interruption"]
    min_overlap_seconds: float = 0.5
    backchannel_max_words: int = 2
    backchannels: list[str] = Field(default_factory=list)
    agent_markers: str = Field(description="query of explicit markers on an agent turn, e.g. [crosstalk]")
    customer_markers: str = Field(default="", description="markers that show the customer cutting in (pass)")
    cutoff_endings: list[str] = Field(default_factory=lambda: ["--", "—", "–", "...", "…"])
    #: channels whose messages are asynchronous (no one can be cut off); so are chats with send times
    async_channels: list[str] = Field(default_factory=lambda: [
        "chat", "web chat", "webchat", "live chat", "in-app chat", "twitter", "x", "social", "facebook",
        "messenger", "whatsapp", "sms", "text", "email", "e-mail", "slack", "teams chat"])


class EachCheck(Phrases):
    """Every agent sentence matching ``query`` must have ``needs`` nearby (timeline, positive-no)."""

    kind: Literal["each"]
    needs: Phrases
    #: ``clause``: from the previous match to the next one inside the sentence, so that in "we'll call you
    #: within 48 hours and we'll post the passport" each promise needs its own time
    where: Literal["clause", "sentence", "turn", "same-or-next-agent-turn"] = "sentence"


class NameCheck(Strict):
    """When the customer's name is known, an agent turn uses it."""

    kind: Literal["name"]
    #: phrases by which a customer introduces themself, capturing the name
    introductions: list[str] = Field(default_factory=list)
    #: titles accepted before a surname
    titles: list[str] = Field(default_factory=lambda: ["mr", "mrs", "ms", "miss", "mx", "dr", "mister"])
    #: metadata keys that hold the name
    metadata_keys: list[str] = Field(default_factory=lambda: ["customer_name", "customer"])


Check = Annotated[
    Union[PresenceCheck, ResponseCheck, RestatementCheck, InterruptionCheck, EachCheck, NameCheck],
    Field(discriminator="kind"),
]

CHECK_KINDS = ["presence", "response", "restatement", "interruption", "each", "name"]


class Example(Strict):
    """A mini transcript (chat text by default) and, optionally, why it is there."""

    transcript: str
    format: str = "chat"
    note: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)


class Examples(Strict):
    pass_: list[Example | str] = Field(default_factory=list, alias="pass")
    fail: list[Example | str] = Field(default_factory=list)
    na: list[Example | str] = Field(default_factory=list)

    def items(self) -> list[tuple[str, Example]]:
        out = []
        for status, group in (("pass", self.pass_), ("fail", self.fail), ("na", self.na)):
            for ex in group:
                out.append((status, ex if isinstance(ex, Example) else Example(transcript=ex)))
        return out


class Messages(Strict):
    """Finding texts; ``{turn}``, ``{trigger_turn}``, ``{quote}`` are filled in."""

    pass_: str | None = Field(default=None, alias="pass")
    fail: str | None = None
    na: str | None = None


class Rule(Strict):
    id: str = ""
    title: str | None = None
    description: str
    rationale: str
    severity: Severity = "major"
    weight: float = Field(default=1.0, ge=0)
    #: the rule is ``na`` unless this pack condition holds ("always": never na)
    applies_when: str = "always"
    check: Check
    messages: Messages = Field(default_factory=Messages)
    examples: Examples = Field(default_factory=Examples)
    enabled: bool = True
    tags: list[str] = Field(default_factory=list)
    #: where the rule came from (file path); set by the loader
    file: str | None = None


class Condition(Strict):
    """A shared condition such as ``problem-raised``: a phrase test over turns of a role."""

    description: str = ""
    role: RoleName = "customer"
    query: str
    exclude: list[str] = Field(default_factory=list)
    exclude_turn: list[str] = Field(default_factory=list)
    #: a question turn only counts if it also matches this (e.g. "why was I charged twice?")
    question_needs: str | None = None


class RuleOverride(Strict):
    severity: Severity | None = None
    weight: float | None = Field(default=None, ge=0)
    enabled: bool | None = None


class VerdictPolicy(Strict):
    """``verdict:`` in ``pack.yaml``: when a transcript that did not fail still ``needs-attention``.

    The exit code follows ``status`` only (a failed critical rule, ``--fail-under``); the verdict names what
    a QA reviewer sees: ``ok``, ``needs-attention`` or ``fail``."""

    #: a score under this needs attention (``null``: the score alone never does)
    attention_below: float | None = Field(default=80.0, ge=0, le=100)
    #: a failed rule of this severity or worse needs attention (``none``: failed rules alone never do)
    attention_on: Literal["critical", "major", "minor", "none"] = "major"


class Pack(Strict):
    """``pack.yaml``: the pack's identity, shared phrase sets and conditions."""

    name: str
    version: str = "0.0.0"
    description: str = ""
    extends: list[str] = Field(default_factory=list)
    #: the order rules are listed and reported in; rules not named follow by id
    order: list[str] = Field(default_factory=list)
    definitions: dict[str, str] = Field(default_factory=dict)
    conditions: dict[str, Condition] = Field(default_factory=dict)
    rules: dict[str, RuleOverride] = Field(default_factory=dict)
    verdict: VerdictPolicy = Field(default_factory=VerdictPolicy)

    @field_validator("extends", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value
