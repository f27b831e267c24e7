"""``csv``: one row per transcript × rule, for spreadsheets and pandas.

An error card (an input that could not be read or parsed) gets exactly one row
with ``rule_status`` ``error`` and the error as its message, so every input is
accounted for. Rows stream as cards arrive.

Text that a spreadsheet would take for a formula (a cell starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) is prefixed with ``'``: a
transcript is untrusted input. Pass ``formula_guard=False`` for the raw text.
"""

from __future__ import annotations

import csv
import io
from functools import partial
from typing import Iterator

from . import Renderer, register
from ..metrics import NAMES as METRICS
from ..scorecard import verdict_of
from .common import card_warnings, error_text, fmt_num
from .summary import Summary

COLUMNS = ["transcript", "source", "format", "card_status", "score", "rule_id", "rule_status", "severity",
           "weight", "message", "evidence_turn", "evidence_role", "evidence_start", "quote", "card_verdict",
           "card_warnings", *METRICS, "rule_section", "section_score", "auto_failed"]
#: the free-text columns a transcript or rule author controls
TEXT_COLUMNS = {"transcript", "source", "message", "quote", "evidence_role", "format", "rule_id", "card_warnings",
                "rule_section", "auto_failed"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(card, guard: bool = True) -> str:
    """A card's rows as CSV text (``guard``: prefix formula-like text cells with ``'``)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(_values(row, guard) for row in _rows(card))
    return out.getvalue()


def _rows(card) -> Iterator[dict]:
    """One row per rule result; one for an error card or a card without rules."""
    base = {"transcript": card.transcript, "source": card.source, "format": card.format or "",
            "card_status": card.status, "score": fmt_num(card.score), "card_verdict": verdict_of(card),
            "card_warnings": " | ".join(card_warnings(card))}
    # talk metrics of a timed transcript; empty for a chat (no made-up figures)
    base.update({k: fmt_num(v) for k, v in (getattr(card, "metrics", None) or {}).items()})
    # a pack with sections: each rule's section and that section's score; the auto-fail rules that failed
    section_of = {rid: s for s in getattr(card, "sections", None) or () for rid in s.rules}
    base["auto_failed"] = ";".join(getattr(card, "auto_failed", None) or ())
    if card.status == "error" or not card.rules:
        yield dict(base, rule_status="error" if card.status == "error" else "", message=error_text(card)
                   if card.status == "error" else "no rules applied")
        return
    for r in card.rules:
        ev = r.evidence[0] if r.evidence else (r.trigger if r.status == "fail" else None)
        row = dict(base, rule_id=r.id, rule_status=r.status, severity=r.severity, weight=fmt_num(r.weight),
                   message=r.message)
        section = section_of.get(r.id)
        if section is not None:
            row.update(rule_section=section.id, section_score=fmt_num(section.score, "na"))
        if ev is not None:
            row.update(evidence_turn=ev.turn, evidence_role=ev.role, evidence_start=fmt_num(ev.start),
                       quote=ev.quote)
        yield row


def _values(row: dict, guard: bool) -> list[str]:
    values = []
    for col in COLUMNS:
        v = row.get(col, "")
        v = "" if v is None else str(v)
        if guard and col in TEXT_COLUMNS and v.startswith(_FORMULA_START):
            v = "'" + v
        values.append(v)
    return values


@register
class CsvRenderer(Renderer):
    name = "csv"
    display_safe = True
    streaming = True

    def __init__(self, out, ruleset, **options) -> None:
        super().__init__(out, ruleset, **options)
        self.card_text = partial(csv_rows, guard=options.get("formula_guard", True))
        csv.writer(out, lineterminator="\n").writerow(COLUMNS)

    def close(self, summary: Summary) -> None:
        self.out.flush()
