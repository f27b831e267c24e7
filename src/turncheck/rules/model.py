"""Rule files as data: pydantic models with ``extra="forbid"``.

A rule file is one YAML mapping; its id is the file name. The ``check`` key
picks one of a handful of generic check kinds (see ``turncheck.checks``) and
carries that kind's parameters; nothing about a rule is Python.
"""

from __future__ import annotations

import re

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..model import new_dict, new_list  # (not the builtins: see there)

Severity = Literal["critical", "major", "minor"]
RoleName = Literal["agent", "customer", "other", "any"]


class Strict(BaseModel):
    # defer_build: the validators are built when a rule file is first validated, not when this module is
    # imported (~25 ms of start-up): a rule set restored from the pack cache is never validated again
    model_config = ConfigDict(extra="forbid", defer_build=True)


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
    exclude: list[str] = Field(default_factory=new_list)
    exclude_turn: list[str] = Field(default_factory=new_list)
    scope: Literal["sentence", "turn"] = "sentence"


class AlsoPhrases(Phrases):
    """A further phrase set of a presence check, with an optional place in the conversation."""

    #: the set counts only in a turn that answers a reply of the other side matching this query: the other
    #: side's turns just before it, themselves after an earlier turn of this side (a customer pushing back
    #: on what the agent said, "but I did check it this morning", answered by "Unfortunately that isn't
    #: covered")
    answering: str | None = None
    #: ``exclude_turn`` looks at the whole reply, not just the turn: the run of this side's turns around the hit
    #: that the other side does not break ("we can't do overnight on check orders" in one caption cue or
    #: tweet, "but what I can do is two-day shipping" in the next)
    exclude_reply: bool = False
    #: ``exclude_turn`` also holds in any later turn of this side: a refusal answered later in the conversation
    #: by "what I can do is ..." was not a flat refusal
    exclude_later: bool = False
    #: the set counts only when one of the first ``echo`` content words after the hit is one the other side
    #: asserted (not negated, not asked about) in its reply just before: a denial of what the customer just said
    #: ("my transfer has been pending for days" -> "The transfer isn't pending"), where the same negation
    #: about something else disputes nothing ("It isn't available in your region yet")
    echo: int | None = Field(default=None, ge=1, le=6)


class PresenceCheck(Phrases):
    """Phrase presence (``expect: present``) or absence (``expect: absent``) in turns of a role."""

    kind: Literal["presence"]
    role: RoleName = "agent"
    expect: Literal["present", "absent"] = "present"
    window: Window | None = None
    #: only turns after the first turn that made the rule apply
    after_trigger: bool = False
    #: more phrase sets, each with its own exclusions: a hit of any of them counts like a hit of ``query``
    #: (a flat refusal counts only in a turn that offers nothing else, while "you're wrong" always counts)
    also: list[AlsoPhrases] = Field(default_factory=new_list)


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
    #: a sentence with one of these cues is no restatement cue ("could you ...")
    exclude: list[str] = Field(default_factory=new_list)
    #: a sentence matching one of these restates nothing, whatever words it shares with the customer: an
    #: instruction ("you'll find X under Y"), a troubleshooting question ("did you try resetting X?")
    not_restating: list[str] = Field(default_factory=new_list)
    #: cues that name the customer's trouble back to them ("you're having trouble connecting", "you aren't able
    #: to ..."): with one, ``min_shared_words_with_echo`` specific words are enough
    echo_cues: str = ""
    min_shared_words_with_echo: int = Field(default=1, ge=1)
    #: a regret or check that names the customer's trouble in the agent's own words ("sorry to hear you're
    #: having trouble connecting" to "I can't go online"): with one, a specific word among the
    #: ``paraphrase_window`` content words right after it, in the same clause, is enough, shared with the
    #: customer or not
    paraphrase_cues: str = ""
    paraphrase_window: int = Field(default=3, ge=1)
    #: a question that checks what the customer meant or was trying to do ("were you trying to subscribe to a
    #: family plan?", "is it safe to assume you mean the desktop app?"): like a paraphrase cue, a specific word
    #: among the ``paraphrase_window`` words after it is enough, but only in a question that offers no choice
    #: ("are you trying to sign in on the app or the web?" asks for a datum)
    check_questions: str = ""
    #: words too general to count as echoing the customer's point in an echo cue ("trouble", "issue")
    generic_words: list[str] = Field(default_factory=new_list)
    #: groups of words that count as the same word when the agent's words are compared with the customer's:
    #: abbreviations and plain synonyms of support talk (["app", "application"], ["parcel", "package"]). Like
    #: ``generic_words``, each is one content word (three letters or more, no stop word): words are compared
    #: by stem, so one form of a word stands for its plurals
    same_words: list[list[str]] = Field(default_factory=new_list)
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
    backchannels: list[str] = Field(default_factory=new_list)
    agent_markers: str = Field(description="query of explicit markers on an agent turn, e.g. [crosstalk]")
    customer_markers: str = Field(default="", description="markers that show the customer cutting in (pass)")
    #: the customer protesting that they were cut off ("let me finish", "you cut me off"): the agent turn just
    #: before it, answering a customer turn, cut in (a fail, in any channel, timed or not)
    customer_protests: str = ""
    cutoff_endings: list[str] = Field(default_factory=lambda: ["--", "—", "–", "...", "…"])
    #: channels whose messages are asynchronous (only a dash shows one broken off); so are chats with send times
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
    introductions: list[str] = Field(default_factory=new_list)
    #: titles accepted before a surname
    titles: list[str] = Field(default_factory=lambda: ["mr", "mrs", "ms", "miss", "mx", "dr", "mister"])
    #: metadata keys that hold the name
    metadata_keys: list[str] = Field(default_factory=lambda: ["customer_name", "customer"])


class MetricCheck(Strict):
    """A talk metric of a timed transcript against a bound: ``silence_longest_seconds <= 20``."""

    kind: Literal["metric"]
    #: one condition or several (all must hold): ``METRIC OP NUMBER`` with OP one of < <= > >= == !=
    require: list[str]

    @field_validator("require", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value


Check = Annotated[
    Union[PresenceCheck, ResponseCheck, RestatementCheck, InterruptionCheck, EachCheck, NameCheck, MetricCheck],
    Field(discriminator="kind"),
]

CHECK_KINDS = ["presence", "response", "restatement", "interruption", "each", "name"]


class Example(Strict):
    """A mini transcript (chat text by default) and, optionally, why it is there."""

    transcript: str
    format: str = "chat"
    note: str | None = None
    metadata: dict[str, str] = Field(default_factory=new_dict)


class Examples(Strict):
    pass_: list[Example | str] = Field(default_factory=new_list, alias="pass")
    fail: list[Example | str] = Field(default_factory=new_list)
    na: list[Example | str] = Field(default_factory=new_list)

    def items(self) -> list[tuple[str, Example]]:
        out = []
        for status, group in (("pass", self.pass_), ("fail", self.fail), ("na", self.na)):
            for ex in group:
                # a bare string is a chat transcript: nothing to validate, and building the validator for it
                # would cost every run ~5 ms (the pack cache restores rules without validating them)
                out.append((status, ex if isinstance(ex, Example) else Example.model_construct(transcript=ex)))
        return out


class Messages(Strict):
    """Finding texts; ``{turn}``, ``{trigger_turn}``, ``{quote}`` are filled in."""

    pass_: str | None = Field(default=None, alias="pass")
    fail: str | None = None
    na: str | None = None


class Anchor(Strict):
    """``after:`` / ``before:``: only turns after (before) the first (last) turn where this holds, optionally
    within a distance of it. ``query`` is a phrase query; ``rule`` a rule id or a pack condition."""

    query: str | None = None
    rule: str | None = None
    #: whose turns the anchor is looked for in (any role by default)
    role: RoleName = "any"
    #: at most this many turns away (turns of any role, counted by index)
    turns: int | None = Field(default=None, ge=1)
    #: at most this many seconds away (timed transcripts)
    seconds: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _one_target(self):
        if (self.query is None) == (self.rule is None):
            raise ValueError("give exactly one of 'query' or 'rule'")
        return self


class Count(Strict):
    """``count:``: how many matching sentences a presence check needs (``min``) or allows (``max``)."""

    min: int = Field(default=1, ge=0)
    max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self):
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is under min ({self.min})")
        return self


class Rule(Strict):
    id: str = ""
    title: str | None = None
    description: str
    rationale: str
    severity: Severity = "major"
    weight: float = Field(default=1.0, ge=0)
    #: a failure of this rule zeroes the score and fails the card, whatever else passed (an evaluation form's
    #: "auto-fail" item); a waived failure does not
    auto_fail: bool = False
    #: the rule is ``na`` unless this pack condition holds ("always": never na)
    applies_when: str = "always"
    check: Check
    messages: Messages = Field(default_factory=Messages)
    examples: Examples = Field(default_factory=Examples)
    enabled: bool = True
    tags: list[str] = Field(default_factory=new_list)
    #: the rule applies only to transcripts whose metadata match (``channel: chat``, ``queue: [a, b]``,
    #: ``meta.region: EU``); ``na`` otherwise
    where: dict[str, Any] = Field(default_factory=new_dict)
    #: only these turns are looked at, whatever the check kind: the first/last N turns or seconds
    within: Window | None = None
    #: only turns after / before an anchor (a query, a rule or a pack condition), optionally within a distance
    after: Anchor | None = None
    before: Anchor | None = None
    #: for a presence check: how many matching sentences are needed or allowed ("apologise at most 3 times")
    count: Count | None = None

    @field_validator("after", "before", mode="before")
    @classmethod
    def _anchor_shorthand(cls, value):
        """``after: problem-raised`` names a rule or condition; ``after: '"how can i help"'`` is a query."""
        if isinstance(value, str):
            return {"rule": value} if re.fullmatch(r"[A-Za-z][\w-]*", value.strip()) else {"query": value}
        return value
    #: where the rule came from (file path); set by the loader
    file: str | None = None


class NegatedAction(Strict):
    """A clause-level cue: a negation or inability followed by *any* action word ("I can't recover my
    account", "the app won't let me sign in", "why aren't apps updating?"), instead of a list of verbs.

    Each list is plain words or phrases (normalised like queries: lower case, no apostrophes)."""

    #: negations and inabilities: "cant", "unable to", "no longer", "yet to", ...
    negators: list[str]
    #: negators that need an -ing/-ed/-en word or one of ``states`` after them ("not working", "not available")
    weak_negators: list[str] = Field(default_factory=new_list)
    #: weak negators after which a present-tense verb counts too ("the code never comes", "nothing loads")
    present_after: list[str] = Field(default_factory=new_list)
    #: words a negator may stand before without them being the action ("can't even", "won't let me")
    fillers: list[str] = Field(default_factory=new_list)
    #: words after a negator that say nothing went wrong ("don't know", "don't worry", "can't wait")
    not_actions: list[str] = Field(default_factory=new_list)
    #: words that turn any following negated word into a failure ("still don't have")
    reinforcers: list[str] = Field(default_factory=new_list)
    #: not-actions that are actions after all when one of ``object_reinforcers`` follows them within three
    #: words: "can't watch anything", "can't read any of my messages" (but "can't wait to watch")
    object_reinforced: list[str] = Field(default_factory=new_list)
    object_reinforcers: list[str] = Field(default_factory=new_list)
    #: states that a weak negator can negate ("not available", "not there")
    states: list[str] = Field(default_factory=new_list)
    #: negators that start an instruction when they open a clause ("don't forget to ...")
    imperatives: list[str] = Field(default_factory=new_list)
    #: words earlier in the clause that make it a guess or a condition, not a report ("probably won't be
    #: able to", "if I can't ...")
    hedges: list[str] = Field(default_factory=new_list)
    #: words just after the action that make it praise ("couldn't agree more", "can't thank you enough")
    praise_after: list[str] = Field(default_factory=new_list)


class Shortfall(Strict):
    """A shortfall told as two plain facts: what was promised, paid for or done (``expected``: "refund form sent
    23 days ago", "guaranteed by 1pm", "paying for 350 meg"), then, later in the same sentence or in a later
    sentence of the turn, what came of it (``outcome``: "nothing since", "it's 5:40", "speedtest says 11")."""

    expected: str
    outcome: str


class Condition(Strict):
    """A shared condition such as ``problem-raised``: a phrase test over turns of a role."""

    description: str = ""
    role: RoleName = "customer"
    query: str
    exclude: list[str] = Field(default_factory=new_list)
    exclude_turn: list[str] = Field(default_factory=new_list)
    #: a question turn only counts if it also matches this (e.g. "why was I charged twice?")
    question_needs: str | None = None
    #: a clause-level cue that holds besides ``query`` (see :class:`NegatedAction`)
    negated_action: NegatedAction | None = None
    #: a plea for help ("please help!"): it holds in any sentence, question or not, unless the same turn
    #: matches ``plea_unless`` anywhere ("is there a way to filter the results? Please help!" asks how)
    plea: str | None = None
    plea_unless: str | None = None
    #: a shortfall told in two facts, neither a complaint alone (see :class:`Shortfall`)
    shortfall: Shortfall | None = None
    #: a phrase inside a product or title name ("Red Dead Redemption", "Lost In The Woods") does not count
    ignore_names: bool = False


class RuleOverride(Strict):
    severity: Severity | None = None
    weight: float | None = Field(default=None, ge=0)
    enabled: bool | None = None
    auto_fail: bool | None = None


class Section(Strict):
    """One section of ``sections:`` in ``pack.yaml`` (an evaluation form's section): rules scored together.

    The card's score is the weighted mean of its sections' scores over the sections with at least one rule
    that applied; a section's score is the weighted pass share of its rules that applied (README, "Sections,
    weights and auto-fail")."""

    title: str | None = None
    weight: float = Field(default=1.0, ge=0)
    rules: list[str]

    @field_validator("rules", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value


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
    extends: list[str] = Field(default_factory=new_list)
    #: the order rules are listed and reported in; rules not named follow by id
    order: list[str] = Field(default_factory=new_list)
    definitions: dict[str, str] = Field(default_factory=new_dict)
    conditions: dict[str, Condition] = Field(default_factory=new_dict)
    rules: dict[str, RuleOverride] = Field(default_factory=new_dict)
    verdict: VerdictPolicy = Field(default_factory=VerdictPolicy)
    #: scorecard sections by id, in report order: each groups rules and has a weight (see :class:`Section`)
    sections: dict[str, Section] = Field(default_factory=new_dict)

    @field_validator("extends", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value
