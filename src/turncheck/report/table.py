"""``table``: the rich terminal scorecard (the default format)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import Renderer, register
from .summary import Summary

STYLE = {"pass": "green", "fail": "bold red", "na": "dim", "waived": "yellow", "error": "bold magenta"}


def _fmt_time(t: float | None) -> str:
    if t is None:
        return ""
    m, s = divmod(t, 60)
    return f"@{int(m):d}:{s:04.1f}"


@register
class TableRenderer(Renderer):
    name = "table"
    streaming = True

    def __init__(self, out, ruleset, **options) -> None:
        super().__init__(out, ruleset, **options)
        self.console = Console(file=out, width=options.get("width") or None, highlight=False,
                               soft_wrap=False)

    def add(self, card) -> None:
        title = Text.assemble((card.source, "bold"), "  ", (card.status.upper(), STYLE[card.status]))
        if card.score is not None:
            title.append(f"  score {card.score:g}")
        if card.error:
            line = f":{card.error.line}" if card.error.line else ""
            self.console.print(title)
            self.console.print(Text(f"  error ({card.error.kind}){line}: {card.error.message}", style="magenta"))
            self.console.print()
            return
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("rule", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("sev", no_wrap=True)
        table.add_column("finding")
        for r in card.rules:
            finding = Text(r.message)
            ev = r.evidence[0] if r.evidence else None
            if ev is not None and r.status != "na" and ev.quote and ev.quote not in r.message:
                finding.append(f"\n  turn {ev.turn} {ev.role}{_fmt_time(ev.start)}: “{_short(ev.quote)}”", style="dim")
            if r.near_miss is not None and r.status == "fail":
                nm = r.near_miss
                finding.append(f"\n  closest: turn {nm.turn} “{_short(nm.quote)}” ({nm.similarity:g}%)", style="yellow")
            table.add_row(r.id, Text(r.status, style=STYLE[r.status]), r.severity, finding)
        self.console.print(table)
        self.console.print()

    def close(self, summary: Summary) -> None:
        d = summary.to_dict()
        line = (f"{d['transcripts']} transcripts: {d['passed']} passed, {d['failed']} failed, "
                f"{d['errors']} errors")
        if d["mean_score"] is not None:
            line += f"; mean score {d['mean_score']:g}"
        self.console.print(Text(line, style="bold"))
        if d["rules"]:
            t = Table(title="per rule", title_justify="left")
            for col in ("rule", "pass", "fail", "na", "pass rate"):
                t.add_column(col, justify="left" if col == "rule" else "right")
            for rid, c in d["rules"].items():
                rate = "-" if c["pass_rate"] is None else f"{c['pass_rate']:g}%"
                t.add_row(rid, str(c["pass"]), str(c["fail"]), str(c["na"]), rate)
            self.console.print(t)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
