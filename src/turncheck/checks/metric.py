"""``metric``: a talk metric of a timed transcript against a bound (dead air, talk-over, talk ratio, pace).

``require: silence_longest_seconds <= 20`` passes when the metric holds, fails quoting the figure, and is
``na`` on a transcript without utterance timings: a chat has no dead air to measure.
"""

from __future__ import annotations

import operator

from ..errors import RuleError
from ..metrics import NAMES, talk_metrics
from ..suggest import suggest
from ..text import LazyPattern
from .base import CompiledCheck, Context, Outcome, fill

_OPS = {"<=": operator.le, ">=": operator.ge, "==": operator.eq, "!=": operator.ne, "<": operator.lt,
        ">": operator.gt}
_EXPR = LazyPattern(r"^\s*([a-z_]+)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$")


def metrics_of(ctx: Context) -> dict[str, float] | None:
    """The transcript's talk metrics, computed once per transcript."""
    if "metrics" not in ctx.cache:
        ctx.cache["metrics"] = talk_metrics(ctx.transcript)
    return ctx.cache["metrics"]


class MetricKind(CompiledCheck):
    def __init__(self, rule, compiler, exemplars):
        super().__init__(rule, compiler, exemplars)
        self.conditions = []
        for text in rule.check.require:
            m = _EXPR.match(text)
            if m is None:
                raise RuleError(f"check.require: cannot read {text!r}", file=rule.file, line=self.line("require"),
                                hint="METRIC OP NUMBER, e.g. silence_longest_seconds <= 20")
            name, op, value = m.group(1), m.group(2), float(m.group(3))
            if name not in NAMES:
                raise RuleError(f"check.require: unknown metric {name!r}", file=rule.file, line=self.line("require"),
                                hint=suggest(name, NAMES) or "metrics: " + ", ".join(NAMES))
            self.conditions.append((name, op, value))

    def evaluate(self, ctx: Context) -> Outcome:
        msgs = self.rule.messages
        figures = metrics_of(ctx)
        if figures is None:
            return Outcome("na", fill(msgs.na, "not applicable: no utterance timings (a chat has no talk metrics)"))
        for name, op, value in self.conditions:
            got = figures[name]
            if not _OPS[op](got, value):
                return Outcome("fail", fill(msgs.fail, f"{name} is {got:g}, the rule requires {op} {value:g}",
                                            metric=name, value=got, bound=value))
        shown = ", ".join(f"{name} {figures[name]:g}" for name, _, _ in self.conditions)
        return Outcome("pass", fill(msgs.pass_, shown, **{name: figures[name] for name, _, _ in self.conditions}))
