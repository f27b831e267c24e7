"""``turncheck evaluate PATH... --labels FILE``: the checker against human labels."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from ..errors import TurncheckError, UsageError
from . import EXIT_FAILED, EXIT_USAGE, app, fail

if TYPE_CHECKING:  # imported by the command itself: start-up of the other commands does not pay for them
    from rich.console import Console

    from ..evaluate import Evaluation


@app.command("evaluate")
def evaluate_cmd(
    paths: List[str] = typer.Argument(..., help="folders or files of labelled transcripts"),
    labels: List[str] = typer.Option([], "--labels", "-l", help="labels JSONL (repeatable); default: labels.jsonl in each folder"),
    rules: List[str] = typer.Option([], "--rules", "-r", help="rule folder or file (repeatable)"),
    fmt: str = typer.Option("table", "--format", help="table|md|json"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write to FILE instead of stdout"),
    only: List[str] = typer.Option([], "--only", help="score only this rule (repeatable)"),
    disagreements: bool = typer.Option(True, "--disagreements/--no-disagreements", help="list every disagreement"),
    minimum: Optional[float] = typer.Option(None, "--min", help="exit 1 when a rule's macro-F1 is under this"),
) -> None:
    """Per rule precision, recall and F1 for each status, macro-F1, Cohen's kappa and the confusion matrix."""
    from ..evaluate import check_and_evaluate, load_labels
    from ..engine import Checker
    from ..rules.loader import load_ruleset

    try:
        if fmt not in ("table", "md", "json"):
            raise UsageError(f"unknown format {fmt!r}", hint="table, md or json")
        label_files = [Path(p) for p in labels] or [Path(p) / "labels.jsonl" for p in paths if Path(p).is_dir()]
        missing = [p for p in label_files if not p.is_file()]
        if not label_files or missing:
            raise UsageError("no labels file" + (f": {missing[0]}" if missing else ""),
                             hint="pass --labels FILE or put labels.jsonl in each folder")
        all_labels = [lab for f in label_files for lab in load_labels(f)]
        roots = [Path(p).resolve() for p in paths]
        all_labels = [lab for lab in all_labels if any(_under(lab.path.resolve(), r) for r in roots)]
        if only:
            for lab in all_labels:
                lab.labels = {k: v for k, v in lab.labels.items() if k in only}
        checker = Checker(load_ruleset(rules or None))
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    result = check_and_evaluate(all_labels, checker)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        if fmt == "json":
            import orjson

            out.write(orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2).decode() + "\n")
        elif fmt == "md":
            out.write(render_markdown(result, disagreements))
        else:
            from ..console import make_console

            render_table(result, disagreements, make_console(file=out, highlight=False,
                                                             width=None if out.isatty() else 200))
    finally:
        if output:
            out.close()
    below = [r.rule for r in result.rules if minimum is not None and r.macro_f1 < minimum]
    if below:
        typer.echo(f"under {minimum}: {', '.join(below)}", err=True)
        raise typer.Exit(EXIT_FAILED)


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _pct(x: float) -> str:
    return f"{x:.2f}"


def render_table(result: Evaluation, show_disagreements: bool, console: Console) -> None:
    from rich.table import Table

    from ..console import table_box

    t = Table(title="agreement with the labels", title_justify="left", box=table_box(console),
              safe_box=not console.is_terminal)
    for col in ("rule", "n", "macro-F1", "kappa", "acc", "P/R pass", "P/R fail", "P/R na", "confusion (label→got)"):
        t.add_column(col, justify="left" if col in ("rule", "confusion (label→got)") else "right")
    for r in result.rules:
        pr = [f"{_pct(r.per_status[s]['precision'])}/{_pct(r.per_status[s]['recall'])}" if r.per_status[s]["support"]
              or r.per_status[s]["precision"] else "-" for s in ("pass", "fail", "na")]
        conf = " ".join(f"{g[0]}→{p[0]}:{c}" for g, row in r.confusion.items() for p, c in row.items() if c and g != p)
        t.add_row(r.rule, str(r.n), _pct(r.macro_f1), _pct(r.kappa), _pct(r.accuracy), *pr, conf or "-")
    console.print(t)
    console.print(f"mean macro-F1 over {len(result.rules)} rule{'s' if len(result.rules) != 1 else ''}: "
                  f"{result.mean_macro_f1:.3f}")
    if result.unmatched:
        console.print(f"[yellow]{len(result.unmatched)} labelled files not found or not checked[/yellow]")
    if show_disagreements and result.disagreements:
        d = Table(title=f"{len(result.disagreements)} disagreement{'s' if len(result.disagreements) != 1 else ''}",
                  title_justify="left", box=table_box(console), safe_box=not console.is_terminal)
        for col in ("file", "rule", "label", "got", "deciding quote / finding"):
            d.add_column(col)
        for x in result.disagreements:
            d.add_row(x.file, x.rule, x.expected, x.got, (f"“{x.quote}”\n" if x.quote else "") + x.message)
        console.print(d)


def render_markdown(result: Evaluation, show_disagreements: bool) -> str:
    lines = ["| rule | n | macro-F1 | kappa | accuracy | P/R pass | P/R fail | P/R na |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result.rules:
        pr = [f"{_pct(r.per_status[s]['precision'])} / {_pct(r.per_status[s]['recall'])}"
              if r.per_status[s]["support"] or r.per_status[s]["precision"] else "–" for s in ("pass", "fail", "na")]
        lines.append(f"| {r.rule} | {r.n} | {_pct(r.macro_f1)} | {_pct(r.kappa)} | {_pct(r.accuracy)} | "
                     + " | ".join(pr) + " |")
    lines.append("")
    lines.append(f"Mean macro-F1 over {len(result.rules)} rule{'s' if len(result.rules) != 1 else ''}: "
                 f"**{result.mean_macro_f1:.3f}**")
    lines.append("")
    lines.append("Confusion (label → checker):")
    lines.append("")
    lines.append("| rule | " + " | ".join(f"{g}→{p}" for g in ("pass", "fail", "na") for p in ("pass", "fail", "na")) + " |")
    lines.append("|---|" + "---:|" * 9)
    for r in result.rules:
        lines.append(f"| {r.rule} | " + " | ".join(str(r.confusion[g][p]) for g in ("pass", "fail", "na")
                                                   for p in ("pass", "fail", "na")) + " |")
    if show_disagreements and result.disagreements:
        lines += ["", f"### Disagreements ({len(result.disagreements)})", "",
                  "| file | rule | label | got | deciding quote / finding |", "|---|---|---|---|---|"]
        for x in result.disagreements:
            cell = ((f"“{x.quote}” — " if x.quote else "") + x.message).replace("|", "\\|")
            lines.append(f"| {x.file} | {x.rule} | {x.expected} | {x.got} | {cell} |")
    return "\n".join(lines) + "\n"
