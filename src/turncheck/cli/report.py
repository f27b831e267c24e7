"""``turncheck report RESULTS.jsonl...``: aggregate stored results into a dashboard."""

from __future__ import annotations

from typing import List, Optional

import typer

from ..errors import TurncheckError
from ..report import atomic_output
from . import EXIT_INPUT, EXIT_OK, EXIT_USAGE, app, fail


@app.command()
def report(
    results: List[str] = typer.Argument(..., help="results of `check --format jsonl` (or json); - for stdin"),
    fmt: str = typer.Option("table", "--format", help="table|md|json|html"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write to FILE (atomically) instead of stdout"),
    worst: int = typer.Option(10, "--worst", min=0, help="how many of the lowest-scoring transcripts to list"),
    title: Optional[str] = typer.Option(None, "--title", help="title of the md/html report"),
) -> None:
    """Per rule, per agent and per day results, the score distribution and the worst transcripts.

    Later results of the same transcript replace earlier ones, so a re-run can be
    appended to the same file. Malformed lines are reported and skipped (exit 3).
    """
    from ..report.dashboard import DASHBOARDS, build_report  # here: `check` does not need the dashboards

    if fmt not in DASHBOARDS:
        raise fail(TurncheckError(f"unknown report format {fmt!r}", hint="formats: " + ", ".join(sorted(DASHBOARDS))),
                   EXIT_USAGE)
    try:
        with atomic_output(output) as out:
            loaded = build_report(results, fmt, out, worst=worst, title=title)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    except OSError as exc:
        raise fail(TurncheckError(f"cannot write: {exc.strerror or exc}", file=output), EXIT_USAGE)
    for problem in loaded.problems:
        typer.echo(f"error: {problem.format()}", err=True)
    if not loaded.cards and not loaded.problems:
        typer.echo("warning: no results in the input", err=True)
    raise typer.Exit(EXIT_INPUT if loaded.problems else EXIT_OK)
