"""Apply a rule set to transcripts: compile once, check many.

:class:`Checker` compiles every query of every rule and condition into one
:class:`~turncheck.query.QueryIndex` (each turn is scanned once, whatever the
number of rules), then turns each transcript into a :class:`Scorecard`.
A checker pickles as its rule set and options, so worker processes and Dask
workers rebuild it once each.
"""

from __future__ import annotations

import time
from typing import Iterable

from .checks import Compiler, Context, compile_check
from .checks.conditions import BUILTIN, compile_condition
from .checks.scope import Scope
from .errors import RuleError, RuleErrors, TurncheckError
from .metrics import talk_metrics
from .model import Transcript
from .query import QueryIndex
from .query.cache import query_cache
from .rules.loader import RuleSet
from .suggest import suggest
from .budget import TimeBudgetExceeded, current_deadline
from .scorecard import (ErrorInfo, RuleResult, Scorecard, card_status, card_verdict, judge_score,
                        make_card, make_result, make_ruleset_info)

ROLES_UNKNOWN = ("not applicable: the transcript does not say which speaker is the agent and which the customer "
                 "(map them with --agent-speaker/--customer-speaker or channel roles)")

_UNSET = object()

#: transcript metadata copied onto scorecards (for per-agent and per-day reports)
CARD_METADATA = ("agent_name", "agent_id", "customer_name", "channel", "queue", "start_time", "roles_source",
                 "location", "warnings")


#: how :func:`role_warning`'s warnings begin
ROLE_GAPS = ("no agent or customer turns:", "no agent turns:", "no customer turns:")


def role_warning(transcript: Transcript) -> str | None:
    """The warning a scorecard carries when the transcript has no agent turns or no customer turns: the rules
    about that side are then ``na``, and a reader of the verdict must know why."""
    roles = {t.role for t in transcript.turns}
    missing = [side for side in ("agent", "customer") if side not in roles]
    if not missing or not transcript.turns:
        return None
    if len(missing) == 2:
        return ("no agent or customer turns: the transcript does not say which speaker is which, so every rule "
                "is n/a (map them with --agent-speaker/--customer-speaker)")
    side = missing[0]
    return (f"no {side} turns: every rule about the {side} is n/a (if one of the speakers is the {side}, "
            f"say so with --{side}-speaker)")


class _ReplayMiss(Exception):
    """A query text the snapshot being replayed does not hold: compile the rule set afresh."""


class _Recording(Compiler):
    """The compiler of a fresh compile: also notes the handle of every query text (what a pack-cache entry
    replays)."""

    def __init__(self, definitions: dict[str, str]) -> None:
        super().__init__(definitions)
        self.handles: dict[str, int] = {}

    def query(self, text: str, **where) -> int:
        h = super().query(text, **where)
        self.handles[text] = h
        return h


class _Replay(Compiler):
    """The compiler of a rule set restored from the pack cache: each query text's handle in the restored index,
    without parsing or compiling anything. (The pack, the query code and the definitions are those the entry
    was made with, so the same text has the same tree.)"""

    def __init__(self, definitions: dict[str, str], index: QueryIndex, handles: dict[str, int]) -> None:
        self.index = index
        self.definitions = definitions
        self.handles = handles

    def query(self, text: str, **where) -> int:
        h = self.handles.get(text) if isinstance(text, str) else None
        if h is None:
            raise _ReplayMiss(text)
        return h


class Checker:
    def __init__(self, ruleset: RuleSet, *, only: Iterable[str] = (), skip: Iterable[str] = (),
                 fail_under: float | None = None, fail_on: str = "critical",
                 compiled: tuple[QueryIndex, dict[str, int]] | None = None) -> None:
        """``compiled``: the query index and the handle of each query text from a pack-cache entry of this rule
        set and these ``only``/``skip`` (see :mod:`turncheck.packcache`); compiled afresh when it falls short."""
        self.ruleset = ruleset
        self.only, self.skip = list(only), list(skip)
        self.fail_under, self.fail_on = fail_under, fail_on
        known = [r.id for r in ruleset.rules]
        for rid in self.only + self.skip:
            if rid not in known:
                raise RuleError(f"no rule {rid!r} in the rule set", hint=suggest(rid, known))
        self.rules = [r for r in ruleset.enabled_rules
                      if (not self.only or r.id in self.only) and r.id not in self.skip]
        self.info = make_ruleset_info(ruleset.name, ruleset.version)
        running = [r.id for r in self.rules]
        #: the pack's sections as (id, title, weight, rule ids checked), or None: one score over all rules
        self.sections = [(sid, s.title or sid, float(s.weight), [rid for rid in running if rid in s.rules])
                         for sid, s in ruleset.sections.items()] or None
        self.auto_fail = frozenset(r.id for r in self.rules if r.auto_fail)
        #: query text -> handle in :attr:`index` (what the pack cache stores with a snapshot of the index)
        self.query_handles: dict[str, int] = {}
        if compiled is not None:
            try:
                self._compile(ruleset, _Replay(ruleset.definitions, *compiled))
                self.query_handles = compiled[1]
                return
            except _ReplayMiss:
                pass
        # parsed queries come from (and go to) the on-disk query cache: see turncheck.query.cache
        with query_cache("\0".join([ruleset.name, *ruleset.sources])):
            compiler = _Recording(ruleset.definitions)
            self._compile(ruleset, compiler)
            self.query_handles = compiler.handles

    def _compile(self, ruleset: RuleSet, compiler: Compiler) -> None:
        self.conditions = dict(BUILTIN)
        for name, cond in ruleset.conditions.items():
            file, line = ruleset.origins.get("condition:" + name, (None, None))
            src, path = ruleset.condition_sources.get(name, (None, ()))
            self.conditions[name] = compile_condition(name, cond, compiler, file, line, src, path)
        self.compiled = []
        self.scopes = []
        ids = [r.id for r in self.rules]
        errors: list[RuleError] = []  # every rule that does not compile is reported, not only the first
        for rule in self.rules:
            if rule.applies_when not in self.conditions:
                src = getattr(rule, "_lines", None)
                errors.append(RuleError(f"unknown condition {rule.applies_when!r} in applies_when", file=rule.file,
                                        line=src.line_of(("applies_when",)) if src else None,
                                        hint=suggest(rule.applies_when, self.conditions)))
                continue
            try:
                self.compiled.append(compile_check(rule, compiler, _exemplars(rule), self.conditions))
                scope = Scope(rule, compiler, self.conditions, ids)
                self.scopes.append(scope if (scope.narrows or scope.where) else None)
            except RuleError as exc:
                errors.append(exc)
        RuleErrors.raise_if_any(errors)
        if not compiler.index.frozen:  # (a restored index is)
            compiler.index.freeze()
        self.index = compiler.index

    def __reduce__(self):
        return (_rebuild, (self.ruleset, self.only, self.skip, self.fail_under, self.fail_on))

    def check(self, transcript: Transcript) -> Scorecard:
        if transcript.turns and all(t.role == "other" for t in transcript.turns):
            # no verdict without roles: every rule is about what the agent did to the customer
            return self.finish(transcript, [RuleResult(id=r.id, status="na", severity=r.severity, weight=r.weight,
                                                       message=ROLES_UNKNOWN) for r in self.rules])
        ctx = Context(transcript, self.index, self.conditions)
        results = []
        deadline = current_deadline()  # --max-seconds where no timer signal can reach (a Dask worker's thread)
        for rule, compiled, scope in zip(self.rules, self.compiled, self.scopes):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeBudgetExceeded()
            if rule.applies_when != "always" and not ctx.condition(rule.applies_when):
                reason = rule.messages.na or f"not applicable: no {rule.applies_when.replace('-', ' ')}"
                results.append(make_result(rule.id, "na", rule.severity, rule.weight, reason))
                continue
            seen = ctx
            if scope is not None:
                reason = scope.not_applicable(transcript) or scope.untimed(transcript)
                if reason is None and scope.narrows:
                    seen = scope.view(ctx, self._anchor_turns)
                    if seen is None:
                        reason = "not applicable: " + " and ".join(
                            f"no {_anchor_text(a)} to look {side}" for side, a, _ in scope.anchors)
                if reason is not None:
                    results.append(make_result(rule.id, "na", rule.severity, rule.weight, reason))
                    continue
            out = compiled.evaluate(seen)
            results.append(make_result(rule.id, out.status, rule.severity, rule.weight, out.message,
                                       out.evidence, out.trigger, out.near_miss))
        return self.finish(transcript, results, ctx.cache.get("metrics", _UNSET))

    def _anchor_turns(self, rule_id: str, ctx: Context) -> list[int]:
        """The turns of another rule's evidence when it passes on ``ctx`` (an ``after:``/``before:`` anchor)."""
        done = ctx.cache.setdefault("anchor-rules", {})
        if rule_id not in done:
            k = next(i for i, r in enumerate(self.rules) if r.id == rule_id)
            out = self.compiled[k].evaluate(ctx)
            done[rule_id] = sorted({e.turn for e in out.evidence}) if out.status == "pass" else []
        return done[rule_id]

    def judge(self, results: list[RuleResult], warnings: Iterable[str] = ()) -> dict:
        """``score``, ``status`` (what the exit code follows), ``verdict`` and ``verdict_reason`` of these results.

        ``warnings``: the card's; one that says a side has no turns makes an ``ok`` ``needs-attention`` (nothing
        failed only because nothing about that side could be checked)."""
        score, sections, auto_failed = judge_score(results, self.sections, self.auto_fail)
        status = card_status(results, score, self.fail_under, self.fail_on, auto_failed)
        policy = self.ruleset.verdict
        verdict, reason = card_verdict(status, results, score, policy.attention_below, policy.attention_on,
                                       auto_failed)
        gap = next((w.split(":")[0] for w in warnings if w.startswith(ROLE_GAPS)), None)
        if verdict == "ok" and gap:
            verdict, reason = "needs-attention", gap
        return {"score": score, "status": status, "verdict": verdict, "verdict_reason": reason,
                "sections": sections, "auto_failed": auto_failed}

    def finish(self, transcript: Transcript, results: list[RuleResult], metrics=_UNSET) -> Scorecard:
        judged = self.judge(results)
        meta = {k: transcript.metadata[k] for k in CARD_METADATA if k in transcript.metadata}
        missing = role_warning(transcript)
        if missing:
            meta["warnings"] = [*meta.get("warnings", ()), missing]
            judged = self.judge(results, meta["warnings"])
        return make_card(transcript.id, transcript.source, transcript.format, judged["status"], judged["score"],
                         self.info, results, meta, transcript.metadata.get("location"), judged["verdict"],
                         judged["verdict_reason"], talk_metrics(transcript) if metrics is _UNSET else metrics,
                         judged["sections"], judged["auto_failed"])

    def error_card(self, source: str, error: TurncheckError, location: int | None = None) -> Scorecard:
        kind = error.kind if error.kind in ("read", "parse", "rule") else "parse"
        return Scorecard(transcript=source, source=source, status="error", verdict="error", score=None,
                         ruleset=self.info,
                         error=ErrorInfo(kind=kind, message=error.message + (f" ({error.hint})" if error.hint else ""),
                                         line=error.line),
                         location=location)


def _anchor_text(a) -> str:
    return f"“{' '.join(a.query.split())}”" if a.query is not None else a.rule


def _rebuild(ruleset, only, skip, fail_under, fail_on):
    return Checker(ruleset, only=only, skip=skip, fail_under=fail_under, fail_on=fail_on)


def _exemplars(rule) -> list[str]:
    """Agent lines of the rule's passing examples: what a near-miss is compared with."""
    out = []
    for status, ex in rule.examples.items():
        if status != "pass":
            continue
        for line in ex.transcript.splitlines():
            head, _, rest = line.partition(":")
            if head.strip().lower() == "agent" and rest.strip():
                out.append(rest.strip())
    return out
