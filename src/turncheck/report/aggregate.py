"""Aggregate stored results (``check --format jsonl`` runs) for ``turncheck report``.

:func:`load_results` reads any number of results files (``-`` for standard
input), one scorecard per line (a ``check --format json`` document is read
too), merges them — a later scorecard of the same transcript (same source and
record) replaces an earlier one — and reports each malformed line as a
:class:`Problem` instead of stopping. :class:`Aggregate` computes the numbers
the dashboards show: per rule, per agent, per day, the score distribution and
the worst transcripts. Pure data; the dashboards render it.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, TextIO

import orjson
from pydantic import ValidationError

from ..scorecard import Scorecard, verdict_of
from .common import agent_of, day_of

UNKNOWN_DAY = "unknown"
#: score histogram buckets: [0,10) ... [80,90), [90,100]
BUCKETS = [(lo, lo + 10) for lo in range(0, 100, 10)]

_INF = float("inf")
#: the talk metrics whose distribution across transcripts the dashboards show: (metric, label, unit, bin edges);
#: a value falls in the bin [edge, next edge)
TALK_DISTRIBUTIONS = [
    ("silence_share", "silence share", "%", [0, 0.1, 0.2, 0.3, 0.4, 0.5, _INF]),
    ("silence_longest_seconds", "longest silence", "s", [0, 5, 10, 20, 30, 60, _INF]),
    ("talkover_count", "talk-overs", "", [0, 1, 2, 3, 5, 10, _INF]),
    ("agent_talk_ratio", "agent talk ratio", "%", [0, 0.2, 0.4, 0.5, 0.6, 0.8, _INF]),
    ("agent_words_per_minute", "agent speaking rate", "wpm", [0, 100, 130, 160, 190, 220, _INF]),
]


def quantile(values: list[float], q: float) -> float | None:
    """The ``q`` quantile (0-1) of ``values`` by linear interpolation between the closest ranks (numpy's default);
    None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return round(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo), 2)


def _bin_label(lo: float, hi: float, unit: str) -> str:
    scale = 100 if unit == "%" else 1
    a = f"{lo * scale:g}"
    if hi == _INF:
        return f"{a}+" + ("%" if unit == "%" else "")
    if unit == "":  # counts: the bin [3, 5) is 3-4
        return a if hi - lo == 1 else f"{a}–{hi - 1:g}"
    b = f"{hi * scale:g}"
    return f"{a}–{b}" + ("%" if unit == "%" else "")


@dataclass(frozen=True)
class Problem:
    """A results line (or file) that could not be used: ``file:line: message``."""

    file: str
    line: int | None
    message: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


@dataclass
class Loaded:
    cards: list[Scorecard]
    problems: list[Problem]
    files: list[str]
    lines: int = 0
    replaced: int = 0


def _validation_message(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ())) or "record"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"not a scorecard: {loc}: {err.get('msg', 'invalid')}{more}"


def _card_key(card: Scorecard) -> tuple[str, int | None]:
    return (card.source, card.location)


def load_results(paths: Iterable[str], stdin: TextIO | None = None) -> Loaded:  # noqa: C901
    """Read and merge results files; never raises for bad content."""
    merged: dict[tuple[str, int | None], Scorecard] = {}
    problems: list[Problem] = []
    files: list[str] = []
    lines = replaced = 0
    for path in paths:
        name = "<stdin>" if path == "-" else path
        files.append(name)
        try:
            if path == "-":
                text = (stdin or sys.stdin).read()
            else:
                with open(path, "rb") as fh:
                    text = fh.read().decode("utf-8-sig")
        except OSError as exc:
            problems.append(Problem(name, None, f"cannot read: {exc.strerror or exc}"))
            continue
        except UnicodeDecodeError as exc:
            problems.append(Problem(name, None, f"not UTF-8 text: {exc.reason} at byte {exc.start}"))
            continue
        before, found = len(problems), 0
        for lineno, record in _records(name, text, problems):
            lines += 1
            try:
                card = Scorecard.model_validate(record)
            except ValidationError as exc:
                problems.append(Problem(name, lineno, _validation_message(exc)))
                continue
            found += 1
            key = _card_key(card)
            if key in merged:
                replaced += 1
                del merged[key]  # the later one wins, and takes the later place
            merged[key] = card
        if not found and len(problems) > before:
            # nothing in the file is a scorecard: one line about the file, not one per line of it
            first = problems[before]
            del problems[before:]
            at = f"line {first.line}: " if first.line is not None else ""
            problems.append(Problem(name, None, "not turncheck results (expected the output of `turncheck check "
                                    f"--format jsonl` or `--format json`); {at}{first.message}"))
    return Loaded(cards=list(merged.values()), problems=problems, files=files, lines=lines, replaced=replaced)


def _records(name: str, text: str, problems: list[Problem]) -> Iterable[tuple[int | None, Any]]:
    """(line, object) for every scorecard in a JSONL file, or in a ``check --format json`` document."""
    stripped = text.lstrip()
    if stripped.startswith("{") and '"scorecards"' in text:
        try:
            doc = orjson.loads(text)
        except orjson.JSONDecodeError:
            doc = None
        if isinstance(doc, dict) and isinstance(doc.get("scorecards"), list):
            for record in doc["scorecards"]:
                yield None, record
            return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            problems.append(Problem(name, lineno, f"invalid JSON: {str(exc).split(':')[0]}"))
            continue
        if not isinstance(record, dict):
            problems.append(Problem(name, lineno, f"not a scorecard: expected an object, got {type(record).__name__}"))
            continue
        yield lineno, record


def _rate(passed: int, failed: int) -> float | None:
    return round(100.0 * passed / (passed + failed), 1) if passed + failed else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


@dataclass
class Group:
    """Counts for a set of transcripts (one agent, one day, everything)."""

    transcripts: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    #: of the passed: those whose verdict is ``needs-attention`` (score under the pack's threshold, a major fail...)
    needs_attention: int = 0
    scores: list[float] = field(default_factory=list)
    rule_fails: Counter = field(default_factory=Counter)

    def add(self, card: Scorecard) -> None:
        self.transcripts += 1
        if card.status == "pass":
            self.passed += 1
            self.needs_attention += verdict_of(card) == "needs-attention"
        elif card.status == "fail":
            self.failed += 1
        else:
            self.errors += 1
        if card.score is not None:
            self.scores.append(card.score)
        for r in card.rules:
            if r.status == "fail":
                self.rule_fails[r.id] += 1

    @property
    def mean_score(self) -> float | None:
        return _mean(self.scores)

    @property
    def pass_rate(self) -> float | None:
        """Share of checked transcripts (errors left out) that passed."""
        return _rate(self.passed, self.failed)

    def top_fails(self, n: int = 3) -> list[tuple[str, int]]:
        return sorted(self.rule_fails.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def to_dict(self) -> dict[str, Any]:
        return {"transcripts": self.transcripts, "passed": self.passed, "failed": self.failed, "errors": self.errors,
                "needs_attention": self.needs_attention,
                "pass_rate": self.pass_rate, "mean_score": self.mean_score,
                "top_failing_rules": [{"rule": r, "fails": n} for r, n in self.top_fails()]}


class Aggregate:
    """Everything the ``report`` dashboards show, computed from scorecards alone."""

    def __init__(self, cards: list[Scorecard], worst: int = 10) -> None:
        self.cards = cards
        self.total = Group()
        self.rules: dict[str, Counter] = defaultdict(Counter)
        self.severity: dict[str, str] = {}
        self.agents: dict[str, Group] = defaultdict(Group)
        self.days: dict[str, Group] = defaultdict(Group)
        self.agent_days: dict[str, dict[str, Group]] = defaultdict(lambda: defaultdict(Group))
        self.rulesets: Counter = Counter()
        #: a pack with sections: per section id, its title, weight, the scores it had and how often it was n/a
        self.sections: dict[str, dict[str, Any]] = {}
        self.auto_failed: Counter = Counter()
        self.auto_failed_cards = 0
        #: talk metrics of the timed transcripts; ``untimed``: checked transcripts without timings (metrics n/a)
        self.talk: dict[str, list[float]] = {name: [] for name, *_ in TALK_DISTRIBUTIONS}
        self.timed = self.untimed = 0
        for card in cards:
            self.total.add(card)
            for sec in card.sections or ():
                entry = self.sections.setdefault(sec.id, {"title": sec.title, "weight": sec.weight, "scores": [],
                                                          "na": 0})
                if sec.score is None:
                    entry["na"] += 1
                else:
                    entry["scores"].append(sec.score)
            if card.auto_failed:
                self.auto_failed_cards += 1
                self.auto_failed.update(card.auto_failed)
            if card.status != "error":
                if card.metrics:
                    self.timed += 1
                    for name in self.talk:
                        if card.metrics.get(name) is not None:
                            self.talk[name].append(float(card.metrics[name]))
                else:
                    self.untimed += 1
            self.rulesets[f"{card.ruleset.name} {card.ruleset.version}"] += 1
            for r in card.rules:
                self.rules[r.id][r.status] += 1
                self.severity.setdefault(r.id, r.severity)
            day = day_of(card)
            self.days[day].add(card)
            agent = agent_of(card)
            if agent is not None:
                self.agents[agent].add(card)
                self.agent_days[agent][day].add(card)
        self.histogram = [0] * len(BUCKETS)
        for s in self.total.scores:
            self.histogram[min(int(max(s, 0.0) // 10), len(BUCKETS) - 1)] += 1
        scored = [c for c in cards if c.score is not None]
        scored.sort(key=lambda c: (c.score, -sum(r.status == "fail" for r in c.rules), c.source, c.location or 0))
        self.worst = scored[:worst]
        self.errors = sorted((c for c in cards if c.status == "error"), key=lambda c: (c.source, c.location or 0))

    @property
    def day_order(self) -> list[str]:
        known = sorted(d for d in self.days if d != UNKNOWN_DAY)
        return known + ([UNKNOWN_DAY] if UNKNOWN_DAY in self.days else [])

    @property
    def agent_order(self) -> list[str]:
        """Agents by number of transcripts (most first), then name."""
        return sorted(self.agents, key=lambda a: (-self.agents[a].transcripts, a))

    def rule_rows(self) -> list[dict[str, Any]]:
        rows = []
        for rid in self.rules:  # the rule set's own order, as the scorecards list them
            c = self.rules[rid]
            rows.append({"rule": rid, "severity": self.severity.get(rid), "pass": c["pass"], "fail": c["fail"],
                         "na": c["na"], "waived": c["waived"], "pass_rate": _rate(c["pass"], c["fail"])})
        return rows

    def section_rows(self) -> list[dict[str, Any]]:
        """Per section (packs with sections): weight, mean score over the transcripts where it had one, counts."""
        return [{"section": sid, "title": e["title"], "weight": e["weight"], "mean_score": _mean(e["scores"]),
                 "scored": len(e["scores"]), "na": e["na"]} for sid, e in self.sections.items()]

    def talk_rows(self) -> list[dict[str, Any]]:
        """Per talk metric over the timed transcripts: quantiles, mean and a histogram (``bins``)."""
        rows = []
        for name, label, unit, edges in TALK_DISTRIBUTIONS:
            values = self.talk[name]
            bins = [{"label": _bin_label(lo, hi, unit), "from": lo, "to": None if hi == _INF else hi,
                     "count": sum(1 for v in values if lo <= v < hi)} for lo, hi in zip(edges, edges[1:])]
            rows.append({"metric": name, "label": label, "unit": unit, "transcripts": len(values),
                         "min": quantile(values, 0), "p25": quantile(values, 0.25), "median": quantile(values, 0.5),
                         "p75": quantile(values, 0.75), "max": quantile(values, 1),
                         "mean": round(sum(values) / len(values), 2) if values else None, "bins": bins})
        return rows

    def histogram_rows(self) -> list[dict[str, Any]]:
        return [{"from": lo, "to": hi, "label": f"{lo}–{hi - 1}" if hi < 100 else f"{lo}–100", "count": n}
                for (lo, hi), n in zip(BUCKETS, self.histogram)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rulesets": dict(sorted(self.rulesets.items())),
            "summary": self.total.to_dict(),
            "rules": self.rule_rows(),
            "agents": {a: self.agents[a].to_dict() for a in self.agent_order},
            "days": {d: self.days[d].to_dict() for d in self.day_order},
            "agent_days": {a: {d: {"transcripts": g.transcripts, "mean_score": g.mean_score, "pass_rate": g.pass_rate}
                               for d, g in sorted(self.agent_days[a].items())} for a in self.agent_order},
            "score_histogram": self.histogram_rows(),
            "sections": self.section_rows(),
            "auto_failed": {"transcripts": self.auto_failed_cards, "rules": dict(sorted(self.auto_failed.items()))},
            # talk metrics of the timed transcripts; ``untimed`` transcripts (chats) have none: n/a, not zero
            "talk_metrics": {"timed": self.timed, "untimed": self.untimed, "metrics": self.talk_rows()},
            "worst": [worst_row(c) for c in self.worst],
            "errors": [{"source": c.source, "location": c.location,
                        "error": c.error.model_dump(mode="json") if c.error else None} for c in self.errors],
        }


def worst_row(card: Scorecard) -> dict[str, Any]:
    return {"source": card.source, "transcript": card.transcript, "location": card.location, "score": card.score,
            "status": card.status, "verdict": verdict_of(card), "agent": agent_of(card), "day": day_of(card),
            "failed_rules": [r.id for r in card.rules if r.status == "fail"]}
