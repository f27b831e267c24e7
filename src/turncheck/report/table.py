"""``table``: the rich terminal scorecard (the default format).

One table per transcript as it is checked, then the run's summary. On a
terminal it uses colour and box lines; in a pipe or a file it degrades to plain
ASCII text (no escape codes, ``+--+`` boxes) that diff and grep can read.
"""

from __future__ import annotations

import os

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import Renderer, register
from ..console import console_options
from ..scorecard import VERDICT_LABEL, verdict_of
from .common import (auto_fail_line, card_warnings, error_text, fmt_num, fmt_time, one_line, safe_name, sections_line,
                     totals_line, waiver_text)
from .summary import Summary

STYLE = {"pass": "green", "fail": "bold red", "na": "dim", "waived": "yellow", "error": "bold magenta"}
VERDICT_STYLE = {"ok": "green", "needs-attention": "bold yellow", "fail": "bold red", "error": "bold magenta"}


def _fmt_time(t: float | None) -> str:
    return f" @{fmt_time(t)}" if t is not None else ""


def make_console(out, width: int | None = None, color: bool | None = None) -> Console:
    """A console on ``out``: colour and box drawing on a terminal, plain ASCII elsewhere."""
    console = Console(file=out, width=width or None, highlight=False, soft_wrap=False, emoji=False,
                      **console_options(color))
    if not console.is_terminal and not width and not os.environ.get("COLUMNS"):
        console.width = 100
    return console


@register
class TableRenderer(Renderer):
    name = "table"
    display_safe = True
    streaming = True

    def __init__(self, out, ruleset, **options) -> None:
        super().__init__(out, ruleset, **options)
        self.console = make_console(out, options.get("width"), options.get("color"))
        self.box = box.ROUNDED if self.console.is_terminal else box.ASCII
        self.summary_box = box.SIMPLE_HEAD if self.console.is_terminal else box.ASCII

    def _table(self, **kw) -> Table:
        return Table(box=self.box, safe_box=not self.console.is_terminal, title_justify="left", **kw)

    def add(self, card, transcript=None) -> None:
        card = self.display(card)
        verdict = verdict_of(card)
        title = Text.assemble((card.source, "bold"), "  ", (VERDICT_LABEL[verdict].upper(), VERDICT_STYLE[verdict]))
        if card.score is not None:
            title.append(f"  score {fmt_num(card.score)}")
        if card.verdict_reason:
            title.append(f"  ({card.verdict_reason})")
        agent = card.metadata.get("agent_name") or card.metadata.get("agent_id")
        if agent:
            title.append(f"  agent {agent}", style="dim")
        if card.error:
            self.console.print(title)
            self.console.print(Text(f"  {error_text(card)}", style="magenta"))
            self.console.print()
            return
        for warning in card_warnings(card):
            title.append(f"\nwarning: {warning}", style="yellow")
        if card.sections:
            title.append(f"\nsections: {sections_line(card)}")
        if card.auto_failed:
            title.append(f"\n{auto_fail_line(card)}", style="bold red")
        table = self._table(title=title, show_lines=False, expand=False)
        table.add_column("rule", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("sev", no_wrap=True)
        table.add_column("finding", overflow="fold")
        for r in card.rules:
            finding = Text(r.message, style="dim" if r.status == "na" else "")
            if r.status == "fail" and r.trigger is not None:
                tr = r.trigger
                finding.append(f"\n  trigger: turn {tr.turn} {tr.role}{_fmt_time(tr.start)}: “{_short(tr.quote)}”",
                               style="dim")
            for ev in r.evidence[:3] if r.status != "na" else ():
                if not ev.quote or ev.quote in r.message or (
                        r.trigger is not None and ev.turn == r.trigger.turn and ev.quote == r.trigger.quote):
                    continue
                finding.append(f"\n  turn {ev.turn} {ev.role}{_fmt_time(ev.start)}: “{_short(ev.quote)}”", style="dim")
            if r.near_miss is not None and r.status == "fail":
                nm = r.near_miss
                sim = f" ({fmt_num(nm.similarity)}%)" if nm.similarity is not None else ""
                finding.append(f"\n  closest: turn {nm.turn} “{_short(nm.quote)}”{sim}", style="yellow")
            if r.status == "waived" and r.waiver:
                finding.append(f"\n  waived: {waiver_text(r.waiver)}", style="yellow")
            table.add_row(r.id, Text(r.status, style=STYLE[r.status]), r.severity, finding)
        self.console.print(table)
        self.console.print()

    def close(self, summary: Summary) -> None:
        d = summary.to_dict()
        line = totals_line(d)
        if d["rules"]:
            t = Table(title="per rule", title_justify="left", box=self.summary_box,
                      safe_box=not self.console.is_terminal)
            for col in ("rule", "pass", "fail", "na", "waived", "pass rate"):
                t.add_column(col, justify="left" if col == "rule" else "right", no_wrap=True)
            for rid, c in d["rules"].items():
                rate = "-" if c["pass_rate"] is None else f"{fmt_num(c['pass_rate'])}%"
                t.add_row(rid, str(c["pass"]), Text(str(c["fail"]), style="red" if c["fail"] else ""),
                          str(c["na"]), str(c["waived"]), rate)
            self.console.print(t)
            self.console.print()
        if d.get("sections"):
            t = Table(title="per section", title_justify="left", box=self.summary_box,
                      safe_box=not self.console.is_terminal)
            for col in ("section", "weight", "mean score", "scored", "n/a"):
                t.add_column(col, justify="left" if col == "section" else "right", no_wrap=True)
            for sid, c in d["sections"].items():
                t.add_row(Text(one_line(c["title"], 40)), fmt_num(c["weight"]), fmt_num(c["mean_score"], "-"),
                          str(c["scored"]), str(c["na"]))
            self.console.print(t)
            self.console.print()
        if d.get("auto_failed"):
            a = d["auto_failed"]
            self.console.print(Text(f"auto-fail: {a['transcripts']} transcript{'s' if a['transcripts'] != 1 else ''} "
                                    f"({', '.join(f'{k} {v}' for k, v in a['rules'].items())})", style="bold red"))
        if d["agents"]:
            t = Table(title="per agent", title_justify="left", box=self.summary_box,
                      safe_box=not self.console.is_terminal)
            for col in ("agent", "transcripts", "passed", "failed"):
                t.add_column(col, justify="left" if col == "agent" else "right", no_wrap=True)
            for agent, c in d["agents"].items():
                t.add_row(safe_name(agent), str(c["transcripts"]), str(c["passed"]), str(c["failed"]))
            self.console.print(t)
            self.console.print()
        self.console.print(Text(line, style="bold"))


def _short(text: str, limit: int = 90) -> str:
    return one_line(text, limit)
