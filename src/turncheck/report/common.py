"""Helpers shared by the renderers: rule metadata, evidence lines, small formatters.

Nothing here prints; every function returns data or text.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

import orjson

from ..model import json_dict
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


def sections_line(card: Scorecard) -> str:
    """``Empathy 61.5 (×2) · Resolution 83.3 (×3) · Conduct n/a (×2)``: a card's section scores and weights, or
    empty for a pack without sections."""
    return " · ".join(f"{one_line(s.title, 40)} {fmt_num(s.score, 'n/a')} (×{fmt_num(s.weight)})"
                      for s in getattr(card, "sections", None) or ())


def auto_fail_line(card: Scorecard) -> str:
    """``auto-fail: no-blame-shifting failed, score set to 0`` or empty."""
    failed = getattr(card, "auto_failed", None) or ()
    return f"auto-fail: {', '.join(failed)} failed, score set to 0" if failed else ""


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


# --- text that cannot forge or drive the terminal -------------------------------------------------------
# Transcript text (JSON "\u001b" escapes decode to real control characters), metadata and file names end up in
# text outputs: on a terminal an escape sequence recolours, moves the cursor or hides text, and a newline in
# a file name starts what looks like a new table line. Text outputs show such characters, harmlessly:
# C0 controls and DEL as their Unicode control pictures (ESC as "␛", one character for one, so quote offsets
# stay right), C1 controls and bidirectional overrides as \xNN / \uNNNN, and a lone surrogate (a file name
# byte that is not UTF-8, e.g. 0xff) as \xff. Quotes keep their newlines and tabs; names do not.

_UNSAFE_BODY = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[{_UNSAFE_BODY}]")
_UNSAFE_NAME = re.compile(f"[\t\n{_UNSAFE_BODY}]")


def _shown(match: re.Match) -> str:
    o = ord(match.group())
    if o < 0x20:
        return chr(0x2400 + o)  # ␀ ... ␟
    if o == 0x7F:
        return "\u2421"  # ␡
    if 0xDC80 <= o <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def safe_text(text: str) -> str:
    """``text`` with control characters, bidi overrides and lone surrogates shown, not obeyed (newlines and
    tabs kept)."""
    return _UNSAFE.sub(_shown, text) if _UNSAFE.search(text) else text


def safe_name(text: str) -> str:
    """A name (file, transcript id, agent) on one line: :func:`safe_text`, newlines and tabs shown too."""
    return _UNSAFE_NAME.sub(_shown, text) if _UNSAFE_NAME.search(text) else text


#: one check over a card's JSON form finds any string that needs :func:`display_card` (JSON escapes C0 as
#: \u00XX or \b \f \r; C1, DEL and bidi characters are raw UTF-8 bytes)
_UNSAFE_JSON = re.compile(rb"\\u00[01][0-9a-fA-F]|\\[bfrnt]|\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]"
                          rb"|\xe2\x81[\xa6-\xa9]")
_NAME_FIELDS = ("transcript", "source")


def _clean(value: Any, name: bool = False) -> Any:
    if isinstance(value, str):
        return safe_name(value) if name else safe_text(value)
    if isinstance(value, dict):
        return {(_clean(k, True) if isinstance(k, str) else k): _clean(v, name) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, name) for v in value]
    return value


def _json_bytes(card: Scorecard) -> bytes:
    """The card as JSON text, by pydantic's serializer once the model is built; until then by
    :func:`~turncheck.model.json_dict`, so that a one-chat check never builds it (the same escapes)."""
    if type(card).__pydantic_complete__:
        return card.__pydantic_serializer__.to_json(card)
    return orjson.dumps(json_dict(card))


def display_card(card: Scorecard) -> Scorecard:
    """``card`` with every string made safe to show (:func:`safe_text`; names and metadata: :func:`safe_name`).

    The card itself when nothing needs it (the usual case: one serialisation and one regex search)."""
    try:
        data = _json_bytes(card)
    except (ValueError, TypeError):  # a lone surrogate (a file name that is not UTF-8); orjson raises a TypeError
        pass
    else:
        if not _UNSAFE_JSON.search(data):
            return card
    d = card.model_dump(mode="python")
    for key, value in d.items():
        d[key] = _clean(value, name=key in _NAME_FIELDS or key == "metadata")
    return Scorecard.model_validate(d)


def display_then(render, card: Scorecard):
    """``render(display_card(card))``: a text format's ``card_text`` (picklable)."""
    return render(display_card(card))
