"""``md``: a Markdown scorecard to paste into a ticket or a pull request.

Per transcript: a heading with the status and score, a table
``rule | status | severity | finding`` and, for each failure, the evidence as
block quotes (trigger, what was found, the closest agent turn). Then a summary
table per rule. Transcript text is escaped so that it cannot turn into
Markdown or HTML markup (links, images, tags) in the ticket.
"""

from __future__ import annotations

import re

from . import Renderer, register
from ..scorecard import verdict_of
from .common import (auto_fail_line, card_warnings, error_text, fmt_num, fmt_time, one_line, safe_name, totals_line,
                     verdict_label, waiver_text)
from .summary import Summary

ICON = {"pass": "✅", "fail": "❌", "na": "➖", "waived": "⏸️", "error": "⚠️"}
VERDICT_ICON = {"ok": "✅", "needs-attention": "🟡", "fail": "❌", "error": "⚠️"}
LABEL = {"pass": "pass", "fail": "fail", "na": "n/a", "waived": "waived", "error": "error"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+(?=[.)]))")


def md_text(text, limit: int | None = None, line_start: bool = False) -> str:
    """Plain text safe inside Markdown (tables included): no markup, no raw HTML, one line.

    ``line_start``: the text begins a line, where ``#``, ``-``, ``1.`` ... would start a block.
    """
    text = one_line("" if text is None else str(text), limit)
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return text
    # a leading "#", "-", "+", "=", ">" or "1." would start a heading, list or quote
    return _MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit()
                                                      else "\\" + m.group(2)), text)


def md_code(text, limit: int | None = None) -> str:
    """Inline code that survives backticks and table pipes in the quote."""
    text = one_line(str(text), limit).replace("|", "¦")
    ticks = max((len(m) for m in re.findall(r"`+", text)), default=0) + 1
    fence = "`" * ticks
    pad = " " if text.startswith("`") or text.endswith("`") or ticks > 1 else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def status_cell(status: str) -> str:
    return f"{ICON.get(status, '')} {LABEL.get(status, status)}".strip()


def card_section(card) -> str:
    """A card's section: heading, facts, the rule table and each failure's quotes."""
    parts: list[str] = []
    w = parts.append
    score = f", score {fmt_num(card.score)}" if card.score is not None else ""
    reason = f": {md_text(card.verdict_reason)}" if card.verdict_reason else ""
    w(f"## {VERDICT_ICON[verdict_of(card)]} {md_text(card.source)} ({verdict_label(card)}{score}{reason})\n\n")
    facts = []
    for key, label in (("agent_name", "agent"), ("agent_id", "agent id"), ("customer_name", "customer"),
                       ("channel", "channel"), ("start_time", "start")):
        if card.metadata.get(key):
            facts.append(f"{label}: {md_text(card.metadata[key], 80)}")
    if card.format:
        facts.append(f"format: {md_text(card.format)}")
    if card.transcript != card.source:
        facts.append(f"id: {md_text(card.transcript, 80)}")
    if facts:
        w("_" + " · ".join(facts) + "_\n\n")
    for warning in card_warnings(card):
        w(f"> ⚠️ **warning**: {md_text(warning)}\n\n")
    if card.status == "error":
        w(f"> ⚠️ **{md_text(error_text(card))}**\n\n")
        return "".join(parts)
    if not card.rules:
        w("_No rule applied._\n\n")
        return "".join(parts)
    if card.auto_failed:
        w(f"> ❌ **{md_text(auto_fail_line(card))}**\n\n")
    if card.sections:
        w("| section | weight | score | pass | fail | n/a |\n|---|--:|--:|--:|--:|--:|\n")
        for s in card.sections:
            w(f"| {md_text(s.title, 60)} | {fmt_num(s.weight)} | {fmt_num(s.score, 'n/a')} | {s.passed} | {s.failed} "
              f"| {s.na} |\n")
        w("\n")
    w("| rule | status | severity | finding |\n|---|---|---|---|\n")
    for r in card.rules:
        finding = md_text(r.message)
        ev = r.evidence[0] if r.evidence else None
        # a fail's quotes follow the table, once each; a quote the message already holds is not repeated
        if ev is not None and r.status not in ("na", "fail") and ev.quote and ev.quote not in r.message:
            finding += f" — turn {ev.turn}: {md_code(ev.quote, 100)}"
        if r.status == "waived" and r.waiver:
            finding += f" — waived: {md_text(waiver_text(r.waiver))}"
        rule = f"**{md_text(r.id)}**" if r.status == "fail" else md_text(r.id)
        w(f"| {rule} | {status_cell(r.status)} | {r.severity} | {finding} |\n")
    w("\n")
    shown: set[tuple[int, str]] = set()  # each quote once per card: a complaint that triggered three rules too
    for r in card.rules:
        if r.status != "fail":
            continue
        w(f"**{md_text(r.id)}**: {md_text(r.message)}\n\n")
        here: set[tuple[int, str]] = set()

        def once(label: str, ev) -> None:
            key = (ev.turn, " ".join(ev.quote.split()))
            if (ev.quote and ev.quote in r.message) or key in here:  # the trigger is the evidence: say it once
                return
            here.add(key)
            if key in shown:
                w(f"> *{label}* — turn {ev.turn}, {md_text(ev.speaker or ev.role, 40)} (quoted above)\n\n")
                return
            shown.add(key)
            w(_quote(label, ev))
        if r.trigger is not None:
            once("trigger", r.trigger)
        for ev in r.evidence:
            once("evidence", ev)
        if r.near_miss is not None:
            sim = f", {fmt_num(r.near_miss.similarity)}% similar" if r.near_miss.similarity is not None else ""
            once(f"closest agent turn{sim}", r.near_miss)
        if r.trigger is None and not r.evidence and r.near_miss is None:
            w("> _no quote: the finding is the absence of the expected phrase_\n\n")
    return "".join(parts)


def _quote(label: str, ev) -> str:
    who = md_text(ev.speaker or ev.role, 40)
    at = f" @{fmt_time(ev.start)}" if ev.start is not None else ""
    return f"> *{label}* — turn {ev.turn}, {who}{at}:\n> {md_text(ev.quote, 400, line_start=True)}\n\n"


@register
class MarkdownRenderer(Renderer):
    """The cards' sections come after the run's totals, so they are kept (as text) until ``close``."""

    name = "md"
    display_safe = True

    def __init__(self, out, ruleset, **options) -> None:
        super().__init__(out, ruleset, **options)
        self.card_text = card_section
        self.sections: list[str] = []

    def add_text(self, text: str) -> None:
        self.sections.append(text)

    def close(self, summary: Summary) -> None:
        w = self.out.write
        d = summary.to_dict()
        w(f"# turncheck scorecards: {md_text(self.ruleset.name)} {md_text(self.ruleset.version)}\n\n")
        head, _, rest = totals_line(d).partition(": ")
        w(f"**{head}**: {rest}\n\n")
        for section in self.sections:
            w(section)
        if d["rules"]:
            w("## Summary per rule\n\n")
            w("| rule | pass | fail | n/a | waived | pass rate |\n|---|--:|--:|--:|--:|--:|\n")
            for rid, c in d["rules"].items():
                rate = "–" if c["pass_rate"] is None else f"{fmt_num(c['pass_rate'])}%"
                w(f"| {md_text(rid)} | {c['pass']} | {c['fail']} | {c['na']} | {c['waived']} | {rate} |\n")
            w("\n")
        if d.get("sections"):
            w("## Summary per section\n\n| section | weight | mean score | scored | n/a |\n|---|--:|--:|--:|--:|\n")
            for sid, c in d["sections"].items():
                w(f"| {md_text(c['title'], 60)} | {fmt_num(c['weight'])} | {fmt_num(c['mean_score'], '–')} "
                  f"| {c['scored']} | {c['na']} |\n")
            w("\n")
        if d.get("auto_failed"):
            a = d["auto_failed"]
            w(f"**Auto-fail**: {a['transcripts']} transcript{'s' if a['transcripts'] != 1 else ''} ("
              + ", ".join(f"{md_text(k)} {v}" for k, v in a["rules"].items()) + ")\n\n")
        if d["agents"]:
            w("## Summary per agent\n\n| agent | transcripts | passed | failed |\n|---|--:|--:|--:|\n")
            for agent, c in d["agents"].items():
                w(f"| {md_text(safe_name(agent))} | {c['transcripts']} | {c['passed']} | {c['failed']} |\n")
            w("\n")
