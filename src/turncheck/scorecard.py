"""The scorecard: what a check of one transcript produces (pure data).

Field names follow ``shared/spec/interfaces.md``; renderers only render these.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import PLAIN_DUMP, json_dict, new_dict, new_list

RuleStatus = Literal["pass", "fail", "na", "waived"]
CardStatus = Literal["pass", "fail", "error"]
#: what a reviewer is told: ``status`` ``pass`` is ``ok`` or ``needs-attention`` (see :func:`card_verdict`)
Verdict = Literal["ok", "needs-attention", "fail", "error"]
VERDICT_LABEL: dict[str, str] = {"ok": "ok", "needs-attention": "needs attention", "fail": "fail", "error": "error"}
Severity = Literal["critical", "major", "minor"]
SEVERITY_RANK: dict[str, int] = {"minor": 1, "major": 2, "critical": 3}


class Evidence(BaseModel):
    """A quote from one turn, located by turn index and character span."""

    model_config = ConfigDict(defer_build=True)

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
    model_config = ConfigDict(defer_build=True)

    id: str
    status: RuleStatus
    severity: Severity
    weight: float
    message: str
    evidence: list[Evidence] = Field(default_factory=new_list)
    #: what made the rule apply (e.g. the complaint turn) when it failed
    trigger: Evidence | None = None
    #: the agent turn that came closest to passing, for a fail
    near_miss: Evidence | None = None
    #: reason and expiry when a waiver turned a fail into ``waived``
    waiver: dict[str, Any] | None = None


class ErrorInfo(BaseModel):
    model_config = ConfigDict(defer_build=True)

    kind: Literal["read", "parse", "rule"]
    message: str
    line: int | None = None


class RulesetInfo(BaseModel):
    model_config = ConfigDict(defer_build=True)

    name: str
    version: str


class SectionResult(BaseModel):
    """One scorecard section (``sections:`` of the pack): its rules' weighted pass share and counts."""

    model_config = ConfigDict(defer_build=True)

    id: str
    title: str
    weight: float
    #: 0-100: the weighted pass share of the section's rules that passed or failed; ``None`` when none did
    #: (every rule ``na`` or waived): the section is then left out of the card's score
    score: float | None = None
    passed: int = 0
    failed: int = 0
    na: int = 0
    waived: int = 0
    #: the section's rules that were checked (in the card's rule order)
    rules: list[str] = Field(default_factory=new_list)


#: what a checker scores sections from: ``(id, title, weight, rule ids)`` per section, in report order
SectionSpec = tuple[str, str, float, list[str]]


class Scorecard(BaseModel):
    model_config = ConfigDict(defer_build=True)

    transcript: str
    source: str
    format: str | None = None
    status: CardStatus
    score: float | None = None
    ruleset: RulesetInfo
    rules: list[RuleResult] = Field(default_factory=new_list)
    error: ErrorInfo | None = None
    #: selected transcript metadata (agent, customer, channel, start_time...)
    metadata: dict[str, Any] = Field(default_factory=new_dict)
    #: the location inside a multi-transcript source (e.g. JSONL line)
    location: int | None = None
    #: ``ok`` / ``needs-attention`` / ``fail`` / ``error``; ``None`` on results stored before it existed
    verdict: Verdict | None = None
    #: why the verdict is ``needs-attention`` or ``fail`` (one line), else ``None``
    verdict_reason: str | None = None
    #: talk metrics of a timed transcript (turncheck.metrics); None for a transcript without timings
    metrics: dict[str, float | int] | None = None
    #: the pack's sections, scored (``None`` when the pack has no sections)
    sections: list[SectionResult] | None = None
    #: the ``auto_fail`` rules that failed: each zeroes the score and fails the card
    auto_failed: list[str] = Field(default_factory=new_list)

    def to_json_dict(self) -> dict[str, Any]:
        return json_dict(self)


# the checks write scorecards with :func:`turncheck.model.json_dict` (no pydantic serializer built)
PLAIN_DUMP.update((Evidence, RuleResult, ErrorInfo, RulesetInfo, SectionResult, Scorecard))


# --- construction without validation (the checks' hot path) -------------------------------------------
# Validating every Evidence/RuleResult/Scorecard the engine builds costs ~5 us each, and pydantic's own
# ``model_construct`` as much. The engine builds them from values it has just computed, of the field
# types exactly; these helpers check the types and set the instance up as ``model_construct`` would (same
# ``__dict__``, same fields set), falling back to the validating constructor for anything unusual.

_setattr = object.__setattr__
_EVIDENCE_FIELDS = frozenset(("turn", "role", "speaker", "start", "quote", "span", "line", "similarity"))


def _trusted(cls, values: dict[str, Any], fields_set: set[str]):
    m = cls.__new__(cls)
    _setattr(m, "__dict__", values)
    _setattr(m, "__pydantic_fields_set__", fields_set)
    _setattr(m, "__pydantic_extra__", None)
    _setattr(m, "__pydantic_private__", None)
    return m


def make_evidence(turn: int, role: str, speaker: str | None, start: float | None, quote: str,
                  span: tuple[int, int], line: int | None, similarity: float | None) -> Evidence:
    """``Evidence(...)`` with every field given; no validation when the values already have the field types."""
    if (type(turn) is int and type(role) is str and type(quote) is str and type(span) is tuple and len(span) == 2
            and type(span[0]) is int and type(span[1]) is int
            and (speaker is None or type(speaker) is str) and (start is None or type(start) is float)
            and (line is None or type(line) is int) and (similarity is None or type(similarity) is float)):
        return _trusted(Evidence, {"turn": turn, "role": role, "speaker": speaker, "start": start, "quote": quote,
                                   "span": span, "line": line, "similarity": similarity}, set(_EVIDENCE_FIELDS))
    return Evidence(turn=turn, role=role, speaker=speaker, start=start, quote=quote, span=span, line=line,
                    similarity=similarity)


def make_ruleset_info(name: str, version: str) -> RulesetInfo:
    """``RulesetInfo(name=..., version=...)``; no validation (nor the validator's build) for two strings."""
    if type(name) is str and type(version) is str:
        return _trusted(RulesetInfo, {"name": name, "version": version}, {"name", "version"})
    return RulesetInfo(name=name, version=version)


_STATUSES = frozenset(("pass", "fail", "na", "waived"))
_SEVERITIES = frozenset(SEVERITY_RANK)


def make_result(id: str, status: str, severity: str, weight: float, message: str,
                evidence: list[Evidence] | None = None, trigger: Evidence | None = None,
                near_miss: Evidence | None = None) -> RuleResult:
    """``RuleResult(...)`` as the engine builds it: without ``evidence``/``trigger``/``near_miss`` (an
    ``na``) when ``evidence`` is None, else with those three given. No validation when the values have the
    field types."""
    if (type(id) is str and status in _STATUSES and severity in _SEVERITIES and type(weight) is float
            and type(message) is str
            and (evidence is None or (type(evidence) is list and all(type(e) is Evidence for e in evidence)))
            and (trigger is None or type(trigger) is Evidence) and (near_miss is None or type(near_miss) is Evidence)):
        if evidence is None:
            return _trusted(RuleResult, {"id": id, "status": status, "severity": severity, "weight": weight,
                                         "message": message, "evidence": [], "trigger": None, "near_miss": None,
                                         "waiver": None}, {"id", "status", "severity", "weight", "message"})
        return _trusted(RuleResult, {"id": id, "status": status, "severity": severity, "weight": weight,
                                     "message": message, "evidence": list(evidence), "trigger": trigger,
                                     "near_miss": near_miss, "waiver": None},
                        {"id", "status", "severity", "weight", "message", "evidence", "trigger", "near_miss"})
    if evidence is None:
        return RuleResult(id=id, status=status, severity=severity, weight=weight, message=message)
    return RuleResult(id=id, status=status, severity=severity, weight=weight, message=message, evidence=evidence,
                      trigger=trigger, near_miss=near_miss)


def make_card(transcript: str, source: str, format: str | None, status: str, score: float | None,
              ruleset: RulesetInfo, rules: list[RuleResult], metadata: dict[str, Any], location: Any,
              verdict: str | None = None, verdict_reason: str | None = None,
              metrics: dict[str, float | int] | None = None, sections: list[SectionResult] | None = None,
              auto_failed: list[str] | None = None) -> Scorecard:
    """``Scorecard(...)`` of a checked transcript (every field but ``error`` given); no validation when the
    values have the field types."""
    if (type(transcript) is str and type(source) is str and (format is None or type(format) is str)
            and status in ("pass", "fail", "error") and (score is None or type(score) is float)
            and type(ruleset) is RulesetInfo and type(rules) is list and all(type(r) is RuleResult for r in rules)
            and type(metadata) is dict and all(type(k) is str for k in metadata)
            and (location is None or type(location) is int)
            and (verdict is None or verdict in VERDICT_LABEL) and (verdict_reason is None or type(verdict_reason) is str)
            and (metrics is None or type(metrics) is dict)
            and (sections is None or (type(sections) is list and all(type(x) is SectionResult for x in sections)))
            and (auto_failed is None or (type(auto_failed) is list and all(type(x) is str for x in auto_failed)))):
        return _trusted(Scorecard, {"transcript": transcript, "source": source, "format": format, "status": status,
                                    "score": score, "ruleset": ruleset, "rules": list(rules), "error": None,
                                    "metadata": dict(metadata), "location": location, "verdict": verdict,
                                    "verdict_reason": verdict_reason, "metrics": metrics, "sections": sections,
                                    "auto_failed": list(auto_failed or ())},
                        {"transcript", "source", "format", "status", "score", "ruleset", "rules", "metadata",
                         "location", "verdict", "verdict_reason", "metrics", "sections", "auto_failed"})
    return Scorecard(transcript=transcript, source=source, format=format, status=status, score=score,
                     ruleset=ruleset, rules=rules, metadata=metadata, location=location, verdict=verdict,
                     verdict_reason=verdict_reason, metrics=metrics, sections=sections,
                     auto_failed=list(auto_failed or ()))


def compute_score(results: list[RuleResult]) -> float | None:
    """Weighted pass rate over the rules that apply (``na``/``waived`` left out)."""
    total = sum(r.weight for r in results if r.status in ("pass", "fail"))
    if total <= 0:
        return 100.0
    passed = sum(r.weight for r in results if r.status == "pass")
    return round(100.0 * passed / total, 1)


def _weighted_share(results: list[RuleResult]) -> float | None:
    """100 x the weight of the passed rules / the weight of the passed and failed ones; None without weight."""
    total = sum(r.weight for r in results if r.status in ("pass", "fail"))
    if total <= 0:
        return None
    return 100.0 * sum(r.weight for r in results if r.status == "pass") / total


def score_sections(results: list[RuleResult], specs: list[SectionSpec]) -> tuple[float, list[SectionResult]]:
    """The card's score and its sections' results, for a pack with sections.

    ``section score = 100 x sum(weight of passed rules) / sum(weight of passed and failed rules)`` of the
    section's rules (``na`` and ``waived`` left out); ``None`` when no rule of it with a weight passed or failed.
    ``score = sum(section weight x section score) / sum(section weight)`` over the sections whose score is not
    ``None``; 100 when there is none (nothing applied), as :func:`compute_score`. Rounded (to 0.1) at the end
    only: the card's score is computed from the unrounded section scores."""
    by_id = {r.id: r for r in results}
    out: list[SectionResult] = []
    num = den = 0.0
    for sid, title, weight, ids in specs:
        mine = [by_id[i] for i in ids if i in by_id]
        raw = _weighted_share(mine)
        counts = {k: sum(1 for r in mine if r.status == k) for k in ("pass", "fail", "na", "waived")}
        out.append(SectionResult(id=sid, title=title, weight=weight,
                                 score=None if raw is None else round(raw, 1), passed=counts["pass"],
                                 failed=counts["fail"], na=counts["na"], waived=counts["waived"],
                                 rules=[r.id for r in mine]))
        if raw is not None:
            num += weight * raw
            den += weight
    return (round(num / den, 1) if den > 0 else 100.0), out


def judge_score(results: list[RuleResult], specs: list[SectionSpec] | None = None,
                auto_fail: frozenset[str] | set[str] = frozenset()
                ) -> tuple[float | None, list[SectionResult] | None, list[str]]:
    """``(score, sections, auto_failed)``: the score from the sections when there are any (else
    :func:`compute_score`, unchanged), zeroed when an ``auto_fail`` rule failed (``auto_failed`` names them)."""
    sections = None
    if specs:
        score, sections = score_sections(results, specs)
    else:
        score = compute_score(results)
    auto_failed = [r.id for r in results if r.status == "fail" and r.id in auto_fail]
    return (0.0 if auto_failed else score), sections, auto_failed


def card_status(results: list[RuleResult], score: float | None, fail_under: float | None = None,
                fail_on: str = "critical", auto_failed: list[str] | tuple = ()) -> CardStatus:
    """``fail`` when an ``auto_fail`` rule failed, a rule at or above ``fail_on`` severity failed, or the score
    is under ``fail_under``."""
    if auto_failed:
        return "fail"
    threshold = SEVERITY_RANK[fail_on]
    if any(r.status == "fail" and SEVERITY_RANK[r.severity] >= threshold for r in results):
        return "fail"
    if fail_under is not None and score is not None and score < fail_under:
        return "fail"
    return "pass"


def card_verdict(status: str, results: list[RuleResult], score: float | None, attention_below: float | None = 80.0,
                 attention_on: str = "major", auto_failed: list[str] | tuple = ()) -> tuple[Verdict, str | None]:
    """``(verdict, reason)``: ``fail``/``error`` as ``status`` says; a card that passed ``needs-attention`` when
    its score is under ``attention_below`` or a rule at or above ``attention_on`` severity failed, else ``ok``.

    A passing status only means no failure that breaks the build (``--fail-on``, ``--fail-under``); a card
    with score 37 and eight failed rules is not ``ok``. The reason is one line: ``score under 80; apology,
    restatement failed`` or ``8 rules failed``; an auto-fail says so first: ``auto-fail: no-blame-shifting
    failed``."""
    if status == "error":
        return "error", None
    if auto_failed:
        return "fail", f"auto-fail: {', '.join(auto_failed)} failed"
    failed = [r.id for r in results if r.status == "fail"]
    said = (f"{', '.join(failed)} failed" if len(failed) <= 3 else f"{len(failed)} rules failed") if failed else None
    if status == "fail":
        return "fail", said or (f"score {score:g}" if score is not None else None)
    low = attention_below is not None and score is not None and score < attention_below
    serious = attention_on != "none" and any(
        r.status == "fail" and SEVERITY_RANK[r.severity] >= SEVERITY_RANK[attention_on] for r in results)
    if not (low or serious):
        return "ok", None
    return "needs-attention", "; ".join(x for x in (f"score under {attention_below:g}" if low else None, said) if x)


def rejudge(card: Scorecard, results: list[RuleResult], fail_under: float | None = None,
            fail_on: str = "critical", attention_below: float | None = 80.0, attention_on: str = "major") -> dict:
    """Score, status, verdict, sections and auto-fails of ``card`` with its rule results replaced by ``results``
    (a waiver turned a fail into ``waived``), from what the card itself says of its sections and auto-fails."""
    specs = [(s.id, s.title, s.weight, list(s.rules)) for s in card.sections] if card.sections is not None else None
    score, sections, auto_failed = judge_score(results, specs, frozenset(card.auto_failed))
    status = card_status(results, score, fail_under, fail_on, auto_failed)
    verdict, reason = card_verdict(status, results, score, attention_below, attention_on, auto_failed)
    return {"score": score, "status": status, "verdict": verdict, "verdict_reason": reason, "sections": sections,
            "auto_failed": auto_failed}


def verdict_of(card: Scorecard) -> str:
    """The card's verdict; for results stored before verdicts existed, from its status alone."""
    if card.verdict:
        return card.verdict
    return {"pass": "ok", "fail": "fail"}.get(card.status, "error")
