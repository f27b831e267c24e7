"""What a rule change does to real transcripts: two rule packs over the same inputs, and what flips.

QA teams run this on last month's transcripts before they merge a rule change: every (transcript, rule) whose
status differs between the old and the new pack, with the quotes that decided each side, totals per rule, and
how the scores shift. Each input is read and parsed once and checked with both packs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .errors import TurncheckError, UsageError
from .scorecard import RuleResult, Scorecard
from .transcripts import ImportOptions


@dataclass
class Flip:
    """One rule whose status differs between the packs on one transcript."""

    transcript: str
    rule: str
    old: str
    new: str
    old_quote: str | None
    new_quote: str | None
    old_message: str
    new_message: str

    def to_dict(self) -> dict:
        return {"transcript": self.transcript, "rule": self.rule, "old": self.old, "new": self.new,
                "old_quote": self.old_quote, "new_quote": self.new_quote,
                "old_message": self.old_message, "new_message": self.new_message}


@dataclass
class RuleShift:
    rule: str
    flips: int = 0
    #: "pass->fail": count, ...
    by_change: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"rule": self.rule, "flips": self.flips, "by_change": dict(sorted(self.by_change.items()))}


@dataclass
class Diff:
    transcripts: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    flips: list[Flip] = field(default_factory=list)
    #: status of the scorecard (pass/fail) that changed: transcript -> (old, new)
    verdicts: dict[str, tuple[str, str]] = field(default_factory=dict)
    old_scores: list[float] = field(default_factory=list)
    new_scores: list[float] = field(default_factory=list)
    rules: dict[str, RuleShift] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.flips or self.verdicts)

    @property
    def transcripts_changed(self) -> int:
        return len({f.transcript for f in self.flips} | set(self.verdicts))

    def mean(self, scores: list[float]) -> float | None:
        return round(sum(scores) / len(scores), 1) if scores else None

    def to_dict(self) -> dict:
        return {
            "transcripts": self.transcripts,
            "transcripts_changed": self.transcripts_changed,
            "flips": [f.to_dict() for f in self.flips],
            "rules": [r.to_dict() for r in self.rules.values() if r.flips],
            "verdicts": [{"transcript": t, "old": o, "new": n} for t, (o, n) in self.verdicts.items()],
            "mean_score": {"old": self.mean(self.old_scores), "new": self.mean(self.new_scores)},
            "errors": [{"source": s, "error": e} for s, e in self.errors],
        }


def _decisive(r: RuleResult) -> str | None:
    """The quote that decided a rule's status: its evidence, else its near-miss."""
    if r.evidence:
        return r.evidence[0].quote
    return r.near_miss.quote if getattr(r, "near_miss", None) is not None else None


def compare_cards(old: Scorecard, new: Scorecard, diff: Diff) -> None:
    """Add what differs between two scorecards of the same transcript to ``diff``."""
    name = new.transcript if new.location is None else f"{new.transcript}:{new.location}"
    diff.transcripts += 1
    if new.score is not None:
        diff.new_scores.append(new.score)
    if old.score is not None:
        diff.old_scores.append(old.score)
    if old.status != new.status:
        diff.verdicts[name] = (old.status, new.status)
    before = {r.id: r for r in old.rules}
    after = {r.id: r for r in new.rules}
    for rid in [*after, *(rid for rid in before if rid not in after)]:
        o, n = before.get(rid), after.get(rid)
        old_status = o.status if o is not None else "absent"
        new_status = n.status if n is not None else "absent"
        if old_status == new_status:
            continue
        diff.flips.append(Flip(name, rid, old_status, new_status, _decisive(o) if o is not None else None,
                               _decisive(n) if n is not None else None, o.message if o is not None else "",
                               n.message if n is not None else ""))
        shift = diff.rules.setdefault(rid, RuleShift(rid))
        shift.flips += 1
        key = f"{old_status}->{new_status}"
        shift.by_change[key] = shift.by_change.get(key, 0) + 1


def diff_packs(paths: Iterable[str], new_checker, old_checker, options: ImportOptions | None = None) -> Diff:
    """Check every input of ``paths`` (files, folders, globs) with both checkers and collect what differs.

    An input that cannot be read or parsed is listed in ``errors`` (once) and checked by neither."""
    from .inputs import _transcripts, source_name
    from .runner import expand_inputs

    options = options or ImportOptions()
    diff = Diff()
    for path in expand_inputs(list(paths)):
        source = source_name(path)
        try:
            items = list(_transcripts(path, None, options))
        except UsageError:
            raise
        except TurncheckError as exc:
            diff.errors.append((source, exc.located(file=source).format()))
            continue
        for item in items:
            if isinstance(item, TurncheckError):
                diff.errors.append((source, item.located(file=source).format()))
                continue
            compare_cards(old_checker.check(item), new_checker.check(item), diff)
    return diff
