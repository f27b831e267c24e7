"""Compare the checker with human labels: precision, recall, F1, kappa, confusion.

Labels are JSONL, one line per transcript, the file name relative to the
labels file: ``{"file": "chat-001.txt", "labels": {"apology": "pass"}}``.
Rules not named in a line are not scored for that transcript.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import UsageError
from .scorecard import Scorecard

STATUSES = ("pass", "fail", "na")


@dataclass
class Label:
    path: Path
    labels: dict[str, str]
    evidence: dict[str, str] = field(default_factory=dict)
    notes: str = ""


def load_labels(path: Path) -> list[Label]:
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read labels: {exc}", file=str(path)) from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            file = row["file"]
            labels = row["labels"]
            if not isinstance(labels, dict) or not isinstance(file, str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise UsageError('not a label line: expected {"file": ..., "labels": {...}}', file=str(path),
                             line=n) from None
        bad = {k: v for k, v in labels.items() if v not in STATUSES}
        if bad:
            raise UsageError(f"unknown label status {sorted(bad.values())[0]!r} (pass, fail or na)",
                             file=str(path), line=n)
        out.append(Label(path.parent / file, labels, row.get("evidence") or {}, row.get("notes") or ""))
    return out


@dataclass
class Disagreement:
    file: str
    rule: str
    expected: str
    got: str
    quote: str
    message: str


@dataclass
class RuleScore:
    rule: str
    n: int
    confusion: dict[str, dict[str, int]]  # expected -> got -> count
    per_status: dict[str, dict[str, float]]
    macro_f1: float
    kappa: float
    accuracy: float


def _prf(pairs: list[tuple[str, str]], status: str) -> dict[str, float]:
    tp = sum(1 for g, p in pairs if g == status and p == status)
    fp = sum(1 for g, p in pairs if g != status and p == status)
    fn = sum(1 for g, p in pairs if g == status and p != status)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return 0.0
    po = sum(1 for g, p in pairs if g == p) / n
    cg, cp = Counter(g for g, _ in pairs), Counter(p for _, p in pairs)
    pe = sum(cg[k] * cp.get(k, 0) for k in cg) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def score_rule(rule: str, pairs: list[tuple[str, str]]) -> RuleScore:
    confusion: dict[str, dict[str, int]] = {g: {p: 0 for p in STATUSES + ("missing",)} for g in STATUSES}
    for g, p in pairs:
        confusion[g][p if p in confusion[g] else "missing"] += 1
    present = sorted({g for g, _ in pairs})  # macro over the statuses that occur in the labels
    per_status = {s: _prf(pairs, s) for s in STATUSES}
    macro = sum(per_status[s]["f1"] for s in present) / len(present) if present else 0.0
    acc = sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0
    return RuleScore(rule, len(pairs), confusion, per_status, macro, kappa(pairs), acc)


@dataclass
class Evaluation:
    rules: list[RuleScore]
    disagreements: list[Disagreement]
    unmatched: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": [{"rule": r.rule, "n": r.n, "macro_f1": round(r.macro_f1, 4), "kappa": round(r.kappa, 4),
                       "accuracy": round(r.accuracy, 4), "confusion": r.confusion,
                       "per_status": {s: {k: round(v, 4) for k, v in d.items()} for s, d in r.per_status.items()}}
                      for r in self.rules],
            "mean_macro_f1": round(self.mean_macro_f1, 4),
            "disagreements": [d.__dict__ for d in self.disagreements],
            "unmatched": self.unmatched,
        }

    @property
    def mean_macro_f1(self) -> float:
        return sum(r.macro_f1 for r in self.rules) / len(self.rules) if self.rules else 0.0


def evaluate(labels: Iterable[Label], cards: dict[str, Scorecard], rule_order: list[str]) -> Evaluation:
    """``cards`` maps resolved file paths to their scorecards."""
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    disagreements, unmatched = [], []
    for label in labels:
        key = str(label.path.resolve())
        card = cards.get(key)
        if card is None:
            unmatched.append(str(label.path))
        results = {r.id: r for r in card.rules} if card is not None else {}
        for rule, expected in label.labels.items():
            res = results.get(rule)
            if card is not None and card.status == "error":
                got = "error"
            else:
                got = res.status if res is not None else "missing"
            if res is None and card is not None and card.status != "error" and rule not in rule_order:
                continue  # a rule this rule set does not have
            pairs[rule].append((expected, got))
            if expected != got:
                quote, message = "", (card.error.message if card and card.error else "")
                if res is not None:
                    message = res.message
                    ev = res.evidence[0] if res.evidence else (res.near_miss or res.trigger)
                    quote = ev.quote if ev else ""
                disagreements.append(Disagreement(str(label.path.name), rule, expected, got, quote, message))
    order = [r for r in rule_order if r in pairs] + sorted(r for r in pairs if r not in rule_order)
    return Evaluation([score_rule(r, pairs[r]) for r in order], disagreements, unmatched)


def check_and_evaluate(labels: list[Label], checker, options=None) -> Evaluation:
    """Check every labelled transcript with ``checker`` and compare the scorecards with the labels."""
    from .runner import check_path
    from .transcripts import ImportOptions

    options = options or ImportOptions()
    cards: dict[str, Scorecard] = {}
    for lab in sorted(labels, key=lambda l: str(l.path)):
        for card in check_path(str(lab.path), checker, options):
            cards[str(lab.path.resolve())] = card
    return evaluate(labels, cards, [r.id for r in checker.rules])

