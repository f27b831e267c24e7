"""Apply a rule set to transcripts: compile once, check many.

:class:`Checker` compiles every query of every rule and condition into one
:class:`~turncheck.query.QueryIndex` (each turn is scanned once, whatever the
number of rules), then turns each transcript into a :class:`Scorecard`.
A checker pickles as its rule set and options, so worker processes and Dask
workers rebuild it once each.
"""

from __future__ import annotations

from typing import Iterable

from .checks import Compiler, Context, compile_check
from .checks.conditions import BUILTIN, compile_condition
from .errors import RuleError, TurncheckError
from .model import Transcript
from .query.cache import query_cache
from .rules.loader import RuleSet, _suggest
from .budget import check_deadline
from .scorecard import (ErrorInfo, RuleResult, RulesetInfo, Scorecard, card_status, compute_score, make_card,
                        make_result)

ROLES_UNKNOWN = ("not applicable: the transcript does not say which speaker is the agent and which the customer "
                 "(map them with --agent-speaker/--customer-speaker or channel roles)")

#: transcript metadata copied onto scorecards (for per-agent and per-day reports)
CARD_METADATA = ("agent_name", "agent_id", "customer_name", "channel", "queue", "start_time", "roles_source",
                 "location", "warnings")


class Checker:
    def __init__(self, ruleset: RuleSet, *, only: Iterable[str] = (), skip: Iterable[str] = (),
                 fail_under: float | None = None, fail_on: str = "critical") -> None:
        self.ruleset = ruleset
        self.only, self.skip = list(only), list(skip)
        self.fail_under, self.fail_on = fail_under, fail_on
        known = [r.id for r in ruleset.rules]
        for rid in self.only + self.skip:
            if rid not in known:
                raise RuleError(f"no rule {rid!r} in the rule set", hint=_suggest(rid, known))
        self.rules = [r for r in ruleset.enabled_rules
                      if (not self.only or r.id in self.only) and r.id not in self.skip]
        self.info = RulesetInfo(name=ruleset.name, version=ruleset.version)
        # parsed queries come from (and go to) the on-disk query cache: see turncheck.query.cache
        with query_cache("\0".join([ruleset.name, *ruleset.sources])):
            self._compile(ruleset)

    def _compile(self, ruleset: RuleSet) -> None:
        compiler = Compiler(ruleset.definitions)
        self.conditions = dict(BUILTIN)
        for name, cond in ruleset.conditions.items():
            file, line = ruleset.origins.get("condition:" + name, (None, None))
            src, path = ruleset.condition_sources.get(name, (None, ()))
            self.conditions[name] = compile_condition(name, cond, compiler, file, line, src, path)
        self.compiled = []
        for rule in self.rules:
            if rule.applies_when not in self.conditions:
                src = getattr(rule, "_lines", None)
                raise RuleError(f"unknown condition {rule.applies_when!r} in applies_when", file=rule.file,
                                line=src.line_of(("applies_when",)) if src else None,
                                hint=_suggest(rule.applies_when, self.conditions))
            self.compiled.append(compile_check(rule, compiler, _exemplars(rule), self.conditions))
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
        for rule, compiled in zip(self.rules, self.compiled):
            check_deadline()  # --max-seconds where no timer signal can reach (a Dask worker's thread)
            if rule.applies_when != "always" and not ctx.condition(rule.applies_when):
                reason = rule.messages.na or f"not applicable: no {rule.applies_when.replace('-', ' ')}"
                results.append(make_result(rule.id, "na", rule.severity, rule.weight, reason))
                continue
            out = compiled.evaluate(ctx)
            results.append(make_result(rule.id, out.status, rule.severity, rule.weight, out.message,
                                       out.evidence, out.trigger, out.near_miss))
        return self.finish(transcript, results)

    def finish(self, transcript: Transcript, results: list[RuleResult]) -> Scorecard:
        score = compute_score(results)
        meta = {k: transcript.metadata[k] for k in CARD_METADATA if k in transcript.metadata}
        return make_card(transcript.id, transcript.source, transcript.format,
                         card_status(results, score, self.fail_under, self.fail_on), score, self.info, results,
                         meta, transcript.metadata.get("location"))

    def error_card(self, source: str, error: TurncheckError, location: int | None = None) -> Scorecard:
        kind = error.kind if error.kind in ("read", "parse", "rule") else "parse"
        return Scorecard(transcript=source, source=source, status="error", score=None, ruleset=self.info,
                         error=ErrorInfo(kind=kind, message=error.message + (f" ({error.hint})" if error.hint else ""),
                                         line=error.line),
                         location=location)


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
