"""Where a rule looks, for any check kind: ``where`` (transcript metadata), ``within`` (the first or last N
turns or seconds), ``after`` / ``before`` (an anchor: a query, a rule or a pack condition, optionally within
a distance).

A rule with ``within``/``after``/``before`` is checked on a view of the transcript in which every other turn
is blanked (role ``other``, no text, no timing): turn indices stay as they are, so evidence points at the
real turns, and every check kind (phrases, restatement, interruption, name) sees only the allowed turns.
"""

from __future__ import annotations

from typing import Any, Callable

from ..errors import RuleError
from ..model import Transcript, Turn
from ..suggest import suggest
from .base import Compiler, Context
from .phrases import _in_window

Evaluate = Callable[[str, Context], list[int]]


class Scope:
    """The compiled ``where`` / ``within`` / ``after`` / ``before`` of one rule."""

    def __init__(self, rule, compiler: Compiler, conditions: dict, rule_ids: list[str]) -> None:
        self.rule = rule
        self.where = dict(rule.where)
        self.within = rule.within
        self.anchors = []
        src = getattr(rule, "_lines", None)
        if rule.count is not None and (rule.check.kind != "presence" or getattr(rule.check, "expect", "") == "absent"):
            raise RuleError("count works with a presence check that expects the phrase present", file=rule.file,
                            line=src.line_of(("count",)) if src is not None else None,
                            hint="for 'never', use expect: absent; for 'at most N', count: {min: 0, max: N}")
        for side in ("after", "before"):
            a = getattr(rule, side)
            if a is None:
                continue
            line = src.line_of((side,)) if src is not None else None
            if a.query is not None:
                target: Any = ("query", compiler.query(a.query, file=rule.file, line=line, what=f"{side}.query"))
            elif a.rule in conditions:
                target = ("condition", a.rule)
            elif a.rule in rule_ids and a.rule != rule.id:
                target = ("rule", a.rule)
            else:
                raise RuleError(f"{side}: no rule or condition {a.rule!r}", file=rule.file, line=line,
                                hint=suggest(a.rule, [*conditions, *rule_ids])
                                or "name a rule id, a condition of pack.yaml, or give a query")
            self.anchors.append((side, a, target))

    @property
    def narrows(self) -> bool:
        return self.within is not None or bool(self.anchors)

    def not_applicable(self, transcript: Transcript) -> str | None:
        """Why the rule does not apply to this transcript by its ``where``, or None when it does."""
        for key, want in self.where.items():
            got = _lookup(transcript.metadata, key)
            wanted = want if isinstance(want, list) else [want]
            if got is None or str(got).casefold() not in {str(w).casefold() for w in wanted}:
                shown = "|".join(str(w) for w in wanted)
                return f"not applicable: {key} is {got if got is not None else 'not set'}, not {shown}"
        return None

    def untimed(self, transcript: Transcript) -> str | None:
        """Why a window or distance in seconds cannot apply (no utterance timings), or None."""
        w, by_seconds = self.within, any(a.seconds is not None for _, a, _ in self.anchors)
        if (w is not None and (w.first_seconds is not None or w.last_seconds is not None) or by_seconds) \
                and not transcript.timed:
            return "not applicable: a window in seconds needs utterance timings, and this transcript has none"
        return None

    def view(self, ctx: Context, evaluate: Evaluate) -> Context | None:
        """The transcript as the rule sees it, or None when an anchor is missing (nothing to look at)."""
        turns = ctx.turns
        visible = set(range(len(turns)))
        if self.within is not None:
            visible &= {t.index for t in _in_window(turns, self.within)}
        for side, a, (kind, target) in self.anchors:
            if kind == "query":
                hits = [t.index for t in turns if (a.role == "any" or t.role == a.role)
                        and ctx.index.matches(target, ctx.hits(t.index))]
            elif kind == "condition":
                hits = sorted({e.turn for e in ctx.condition(target)})
            else:
                hits = evaluate(target, ctx)
            if not hits:
                return None
            anchor = turns[hits[0] if side == "after" else hits[-1]]
            visible &= {t.index for t in turns if _beside(anchor, t, side, a)}
        masked = [t if t.index in visible else Turn(index=t.index, role="other", text="", speaker=None)
                  for t in turns]
        transcript = ctx.transcript.model_copy(update={"turns": masked})
        seen = Context(transcript, ctx.index, ctx._conditions)
        # the visible turns are the same turns: their scans and sentences carry over
        seen._hits = {i: h for i, h in ctx._hits.items() if i in visible}
        seen._sentences = {i: s for i, s in ctx._sentences.items() if i in visible}
        return seen


def _lookup(metadata: dict, key: str):
    """``channel`` -> metadata["channel"]; ``meta.a.b`` -> metadata["a"]["b"] (or metadata["a.b"])."""
    path = key[5:] if key.startswith("meta.") else key
    if path in metadata:
        return metadata[path]
    cur: Any = metadata
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _beside(anchor: Turn, t: Turn, side: str, a) -> bool:
    if side == "after" and t.index <= anchor.index or side == "before" and t.index >= anchor.index:
        return False
    if a.turns is not None and abs(t.index - anchor.index) > a.turns:
        return False
    if a.seconds is not None:
        if anchor.start is None or t.start is None:
            return False
        gap = t.start - (anchor.end or anchor.start) if side == "after" else anchor.start - (t.end or t.start)
        if gap > a.seconds:
            return False
    return True
