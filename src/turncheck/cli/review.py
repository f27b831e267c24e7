"""``turncheck review ...``: the review workspace's database from the command line.

``import`` results files, ``export`` every reviewer verdict as labels for ``turncheck evaluate``,
``calibration`` (reviewer vs reviewer and vs the pack, per rule) and ``waivers`` (dismissed findings as
``--waivers`` entries). The browser side is ``turncheck serve`` (mounted at ``/review``). All need the
``serve`` extra.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import List, Optional

import typer

from ..errors import TurncheckError, UsageError
from . import EXIT_INPUT, EXIT_USAGE, app, fail

review_app = typer.Typer(name="review", no_args_is_help=True, rich_markup_mode=None,
                         help="The review workspace's database: import results, export labels, calibration, waivers.")
app.add_typer(review_app, name="review")

DB_HELP = "database URL or SQLite file (default: $TURNCHECK_REVIEW_DB or ~/.local/share/turncheck/review.sqlite3)"


def open_review_db(db: Optional[str]):
    """The review database's engine, migrated; one line and exit 2 without the serve extra or for a bad URL."""
    try:
        import alembic  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError:
        raise fail(UsageError("the review workspace needs the serve extra: pip install 'turncheck[serve]'"),
                   EXIT_USAGE) from None
    from ..review.db import open_engine

    try:
        return open_engine(db)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)


@review_app.command("import")
def import_cmd(
    results: List[str] = typer.Argument(..., help="results of `turncheck check --format jsonl` (or json)"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Import scorecards into the review database (a scorecard already there is replaced; its reviews stay).

    Transcript files named by the scorecards are read next to the results file or in the current folder,
    so the review page shows the conversation. Malformed lines are reported and skipped (exit 3).
    """
    engine = open_review_db(db)
    problems = 0
    for path in results:
        try:
            problems += import_and_report(path, engine, db)
        except TurncheckError as exc:
            typer.echo(f"error: {exc.format()}", err=True)
            problems += 1
    if problems:
        raise typer.Exit(EXIT_INPUT)


def import_and_report(path: str, engine, db: Optional[str], *, err: bool = False) -> int:
    """Import one results file, print its malformed lines (skipped) and what was imported; returns how many
    lines were skipped. A file that cannot be read at all raises :class:`TurncheckError`."""
    from ..review.db import describe
    from ..review.store import import_file

    report = import_file(path, engine)
    for p in report.problems:
        typer.echo(f"error: {p.format()}", err=True)
    typer.echo(f"{path}: imported {report.count} scorecard{'s' if report.count != 1 else ''} "
               f"({report.conversations} with the transcript) into {describe(db)}", err=err)
    return len(report.problems)


@review_app.command("export")
def export_cmd(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write to FILE (atomically) instead of stdout"),
    reviewer: Optional[str] = typer.Option(None, "--reviewer", help="only this reviewer's verdicts"),
) -> None:
    """Every reviewer verdict as labels JSONL (`turncheck evaluate --labels`): one line per transcript and reviewer,
    file names relative to the output file's folder."""
    engine = open_review_db(db)  # first: it says so in one line when the serve extra is missing
    from ..report import atomic_output
    from ..review.store import export_labels

    out_dir = os.path.dirname(os.path.abspath(output)) if output else os.getcwd()
    text = export_labels(engine, out_dir, reviewer)
    try:
        with atomic_output(output) as out:
            out.write(text)
    except OSError as exc:
        raise fail(TurncheckError(f"cannot write: {exc.strerror or exc}", file=output), EXIT_USAGE)
    if output:
        typer.echo(f"{output}: {text.count(chr(10))} label line(s)", err=True)


@review_app.command("calibration")
def calibration_cmd(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", help="table|json"),
) -> None:
    """Reviewer-vs-reviewer and reviewer-vs-pack agreement per rule: count, agreement, Cohen's kappa, the
    disagreements."""
    if fmt not in ("table", "json"):
        raise fail(UsageError(f"unknown format {fmt!r}", hint="table or json"), EXIT_USAGE)
    engine = open_review_db(db)
    from ..review.calibration import calibration, render_text
    from ..review.store import latest_verdicts

    cal = calibration(latest_verdicts(engine))
    if fmt == "json":
        import orjson

        typer.echo(orjson.dumps(cal, option=orjson.OPT_INDENT_2).decode())
    else:
        typer.echo(render_text(cal), nl=False)


@review_app.command("waivers")
def waivers_cmd(
    output: str = typer.Option(..., "--output", "-o", help="waiver file to add to (created when missing)"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    expires: Optional[str] = typer.Option(None, "--expires", help="last day the waivers apply (default: in 90 days)"),
) -> None:
    """Dismissed findings (the pack failed, a reviewer's latest verdict is pass) as `--waivers` entries, the
    reviewer's note as the reason. Entries already in the file (same transcript and rule) are left alone."""
    import yaml

    from ..report import atomic_output
    from ..waivers import load_waivers, today

    try:
        until = dt.date.fromisoformat(expires) if expires else today() + dt.timedelta(days=90)
    except ValueError:
        raise fail(UsageError(f"--expires {expires!r} is not a date", hint="YYYY-MM-DD"), EXIT_USAGE) from None
    engine = open_review_db(db)
    from ..review.store import dismissed, waiver_entries, waiver_yaml

    entries = waiver_entries(dismissed(engine), until)
    existing_text = ""
    have: set[tuple[str, str]] = set()
    if os.path.exists(output):
        try:
            load_waivers(output)  # an existing file must be a valid waiver file before we add to it
            with open(output, encoding="utf-8") as fh:
                existing_text = fh.read()
            have = {(w.get("transcript"), w.get("rule")) for w in (yaml.safe_load(existing_text) or [])}
        except (TurncheckError, OSError) as exc:
            raise fail(exc if isinstance(exc, TurncheckError) else
                       TurncheckError(f"cannot read: {exc.strerror or exc}", file=output), EXIT_USAGE)
    new = [e for e in entries if (e["transcript"], e["rule"]) not in have]
    if new:
        sep = "" if not existing_text or existing_text.endswith("\n") else "\n"
        try:
            with atomic_output(output) as out:
                out.write(existing_text + sep + waiver_yaml(new))
        except OSError as exc:
            raise fail(TurncheckError(f"cannot write: {exc.strerror or exc}", file=output), EXIT_USAGE)
    typer.echo(f"{output}: {len(new)} waiver(s) added, {len(entries) - len(new)} already there")
