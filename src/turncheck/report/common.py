"""Helpers shared by the renderers: rule metadata, evidence lines, small formatters.

Nothing here prints; every function returns data or text.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from ..scorecard import VERDICT_LABEL, Evidence, RuleResult, Scorecard, verdict_of

STATUS_ORDER = {"fail": 0, "waived": 1, "pass": 2, "na": 3}
SARIF_LEVEL = {"critical": "error", "major": "warning", "minor": "note"}


def fmt_time(t: float | None) -> str:
    """``83.4`` -> ``1:23.4``; empty for ``None``."""
    if t is None:
        return ""
    m, s = divmod(max(t, 0.0), 60)
    if m >= 60:
        h, m = divmod(m, 60)
        return f"{int(h)}:{int(m):02d}:{s:04.1f}"
    return f"{int(m)}:{s:04.1f}"


def fmt_num(x: float | None, empty: str = "") -> str:
    """``72.0`` -> ``72``, ``72.5`` -> ``72.5``, ``None`` -> ``empty``."""
    return empty if x is None else f"{x:g}"


def one_line(text: str, limit: int | None = None) -> str:
    """Collapse whitespace; cut at ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def where(ev: Evidence) -> str:
    """``turn 3 customer (Dana) @0:08.1``: where a quote is in the conversation."""
    who = ev.role + (f" ({ev.speaker})" if ev.speaker and ev.speaker.lower() != ev.role else "")
    at = f" @{fmt_time(ev.start)}" if ev.start is not None else ""
    return f"turn {ev.turn} {who}{at}"


def evidence_lines(r: RuleResult, limit: int | None = 160) -> list[str]:
    """Plain-text lines describing a result's trigger, evidence, near miss and waiver."""
    out = []
    if r.trigger is not None:
        out.append(f"trigger: {where(r.trigger)}: “{one_line(r.trigger.quote, limit)}”")
    for ev in r.evidence:
        out.append(f"evidence: {where(ev)}: “{one_line(ev.quote, limit)}”")
    if r.near_miss is not None and r.status in ("fail", "waived"):
        nm = r.near_miss
        sim = f" ({nm.similarity:g}% similar)" if nm.similarity is not None else ""
        out.append(f"closest: {where(nm)}: “{one_line(nm.quote, limit)}”{sim}")
    if r.waiver:
        out.append("waived: " + waiver_text(r.waiver))
    return out


def waiver_text(waiver: Mapping[str, Any] | None) -> str:
    if not waiver:
        return ""
    reason = waiver.get("reason") or "no reason given"
    parts = [str(reason)]
    for key in ("by", "expires", "ticket"):
        if waiver.get(key):
            parts.append(f"{key} {waiver[key]}")
    return "; ".join(parts)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 transcript``, ``2 transcripts``, ``0 errors``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def verdict_label(card: Scorecard) -> str:
    """``ok``, ``needs attention``, ``fail`` or ``error``: what a reviewer is told about the card."""
    return VERDICT_LABEL[verdict_of(card)]


def card_warnings(card: Scorecard) -> list[str]:
    """What the reader must know to trust the card: no customer turns, speakers of unknown role, skipped input."""
    return [str(w) for w in card.metadata.get("warnings") or () if w]


def totals_line(d: Mapping[str, Any]) -> str:
    """The run's totals in one line (``Summary.to_dict()``): verdicts, errors, mean score."""
    parts = [f"{d.get('ok', d['passed'])} ok"]
    if d.get("needs_attention"):
        parts.append(f"{d['needs_attention']} need{'s' if d['needs_attention'] == 1 else ''} attention")
    parts += [f"{d['failed']} failed", plural(d["errors"], "error")]
    line = f"{plural(d['transcripts'], 'transcript')}: " + ", ".join(parts)
    if d.get("mean_score") is not None:
        line += f"; mean score {fmt_num(d['mean_score'])}"
    return line


def error_text(card: Scorecard) -> str:
    """``parse error at line 3: ...`` for an error card."""
    if card.error is None:
        return "error"
    line = f" at line {card.error.line}" if card.error.line else ""
    return f"{card.error.kind} error{line}: {card.error.message}"


def rule_meta(rules: Iterable[Any] | Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Normalise the ``rules=`` option into ``{id: {title, description, rationale, ...}}``.

    Accepts rule objects (anything with ``id``/``description``... attributes,
    e.g. ``turncheck.rules.model.Rule``), dicts, or a mapping of id to either.
    Order is kept.
    """
    if not rules:
        return {}
    items = rules.items() if isinstance(rules, Mapping) else ((None, r) for r in rules)
    out: dict[str, dict[str, Any]] = {}
    for key, r in items:
        get = r.get if isinstance(r, Mapping) else (lambda k, d=None, _r=r: getattr(_r, k, d))
        rid = get("id") or key
        if not rid:
            continue
        out[str(rid)] = {
            "id": str(rid),
            "title": get("title"),
            "description": get("description"),
            "rationale": get("rationale"),
            "severity": get("severity"),
            "weight": get("weight"),
            "tags": list(get("tags") or []),
            "file": get("file"),
        }
    return out


def rule_ids(cards: Iterable[Scorecard], meta: Mapping[str, Any] | None = None) -> list[str]:
    """Every rule id: those of ``meta`` in order, then any others seen on cards, sorted."""
    known = list(meta or {})
    seen = sorted({r.id for c in cards for r in c.rules} - set(known))
    return known + seen


def failing(card: Scorecard) -> list[RuleResult]:
    return [r for r in card.rules if r.status == "fail"]


_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")


def slug(text: str) -> str:
    return _SAFE_ID.sub("-", text).strip("-") or "x"


def agent_of(card: Scorecard) -> str | None:
    agent = card.metadata.get("agent_name") or card.metadata.get("agent_id")
    return str(agent) if agent not in (None, "") else None


def day_of(card: Scorecard) -> str:
    """The ISO date of ``metadata.start_time`` (``YYYY-MM-DD``), else ``unknown``."""
    value = card.metadata.get("start_time")
    if value is None:
        return "unknown"
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return "unknown"
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return "unknown"
    return f"{y:04d}-{mo:02d}-{d:02d}"
