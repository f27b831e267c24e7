"""``turncheck diff PATH... --rules NEW --against OLD``: what a rule change flips on real transcripts."""

from __future__ import annotations

from typing import List, Optional

import typer

from ..errors import TurncheckError, UsageError
from . import EXIT_FAILED, EXIT_INPUT, EXIT_USAGE, app, fail

FORMATS = ("table", "json", "md")


@app.command("diff")
def diff_cmd(
    paths: List[str] = typer.Argument(..., help="transcripts: files, folders (searched recursively) or globs"),
    rules: List[str] = typer.Option([], "--rules", "-r", help="the new rule pack (folder or file; repeatable); "
                                                              "default: the bundled pack"),
    against: List[str] = typer.Option(..., "--against", help="the old rule pack to compare with (repeatable)"),
    fmt: str = typer.Option("table", "--format", help="table, json or md"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write to FILE instead of stdout"),
    fail_on_change: bool = typer.Option(False, "--fail-on-change", help="exit 1 when any rule status flips"),
) -> None:
    """Run two rule packs over the same transcripts and list every rule status that flips, with the quotes
    that decided each side, totals per rule and the score shift."""
    from ..diff import diff_packs
    from ..engine import Checker
    from ..rules.loader import load_ruleset

    try:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}", hint=", ".join(FORMATS))
        new = Checker(load_ruleset(rules or None))
        old = Checker(load_ruleset(against))
        result = diff_packs(paths, new, old)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    if fmt == "json":
        import orjson

        text = orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2).decode() + "\n"
    elif fmt == "md":
        text = render_markdown(result)
    else:
        text = render_text(result)
    from ..report.output import atomic_output

    try:
        with atomic_output(output) as out:
            out.write(text)
    except OSError as exc:
        typer.echo(f"error: {output}: cannot write: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_USAGE)
    for source, error in result.errors:
        typer.echo(f"error: {error}", err=True)
    if result.errors:
        raise typer.Exit(EXIT_INPUT)
    if fail_on_change and result.changed:
        raise typer.Exit(EXIT_FAILED)


def _q(text: str | None) -> str:
    from ..report.common import one_line, safe_text

    return f"“{safe_text(one_line(text, 70))}”" if text else "-"


def _side(quote: str | None, message: str) -> str:
    """A flip's side: the finding, and the deciding quote when the finding does not already quote it."""
    from ..report.common import one_line, safe_text

    message = safe_text(message)
    if quote and one_line(quote) not in one_line(message):
        return f"{message} {_q(quote)}".strip()
    return message or _q(quote)


def _summary(result) -> str:
    from ..report.common import plural

    old, new = result.mean(result.old_scores), result.mean(result.new_scores)
    shift = f"mean score {old} -> {new}" if old is not None and new is not None else "no scores"
    return (f"{plural(result.transcripts, 'transcript')} checked, {plural(result.transcripts_changed, 'transcript')}"
            f" changed, {plural(len(result.flips), 'rule flip')}; {shift}")


def render_text(result) -> str:
    from ..report.common import safe_name

    lines = [_summary(result)]
    if result.rules:
        lines += ["", "per rule:"]
        for r in result.rules.values():
            changes = ", ".join(f"{k} {v}" for k, v in sorted(r.by_change.items()))
            lines.append(f"  {r.rule:20s} {r.flips:4d}  ({changes})")
    if result.verdicts:
        lines += ["", "verdicts:"]
        lines += [f"  {safe_name(t)}: {o} -> {n}" for t, (o, n) in result.verdicts.items()]
    if result.flips:
        lines += ["", "flips:"]
        for f in result.flips:
            lines.append(f"  {safe_name(f.transcript)}  {f.rule}: {f.old} -> {f.new}")
            lines.append(f"      old: {_side(f.old_quote, f.old_message)}")
            lines.append(f"      new: {_side(f.new_quote, f.new_message)}")
    return "\n".join(lines) + "\n"


def render_markdown(result) -> str:
    from ..report.common import safe_name
    from ..report.markdown import md_text

    lines = [f"**{_summary(result)}**", ""]
    if result.rules:
        lines += ["| rule | flips | changes |", "|---|---:|---|"]
        for r in result.rules.values():
            lines.append(f"| {r.rule} | {r.flips} | " + ", ".join(f"{k} {v}" for k, v in sorted(r.by_change.items()))
                         + " |")
        lines.append("")
    if result.flips:
        lines += ["| transcript | rule | old | new | old quote | new quote |", "|---|---|---|---|---|---|"]
        for f in result.flips:
            lines.append(f"| {md_text(safe_name(f.transcript))} | {f.rule} | {f.old} | {f.new} | "
                         f"{md_text(_q(f.old_quote))} | {md_text(_q(f.new_quote))} |")
    return "\n".join(lines) + "\n"
