"""``turncheck draft``: an agent's self-check of a chat in progress (stdin or a file)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from ..errors import TurncheckError
from ..gcpause import pause_gc
from . import EXIT_INPUT, EXIT_USAGE, app, fail

if TYPE_CHECKING:  # imported by the command itself: start-up of the other commands does not pay for them
    from ..transcripts import ImportOptions
    from rich.console import Console

    from ..draft import Draft, DraftChecker

MARK = {"done": ("✓", "green"), "due": ("…", "yellow"), "failed": ("✗", "bold red"), "n/a": ("-", "dim")}


@app.command("draft")
def draft_cmd(
    file: Optional[str] = typer.Argument(None, help="the chat so far (default: stdin)"),
    watch: Optional[str] = typer.Option(None, "--watch", help="re-check FILE whenever it changes (Ctrl-C to stop)"),
    rules: List[str] = typer.Option([], "--rules", "-r", help="rule folder or file (repeatable)"),
    fmt: str = typer.Option("text", "--format", help="text|json"),
    input_format: str = typer.Option("auto", "--input-format", "-f", help="force an importer"),
    agent_speaker: List[str] = typer.Option([], "--agent-speaker", help="speaker name to treat as the agent"),
    customer_speaker: List[str] = typer.Option([], "--customer-speaker", help="speaker name to treat as the customer"),
    show_all: bool = typer.Option(False, "--all", help="also list rules that do not apply yet"),
) -> None:
    """What is already done, what is still due (with a suggested phrasing), and what cannot be undone."""
    resume_gc = pause_gc()
    from ..draft import DraftChecker
    from ..packcache import load_checker
    from ..transcripts import ImportOptions, parse_text, read_text

    try:
        checker = DraftChecker(load_checker(rules or None))
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    finally:
        resume_gc()
    if fmt not in ("text", "json"):
        raise fail(TurncheckError(f"unknown format {fmt!r}", hint="text or json"), EXIT_USAGE)
    options = ImportOptions(input_format=input_format, agent_speakers=tuple(agent_speaker),
                            customer_speakers=tuple(customer_speaker))
    from ..console import make_console

    console = make_console(highlight=False)
    if watch:
        _watch(Path(watch), checker, options, fmt, show_all, console)
        return
    try:
        text = read_text(Path(file)) if file and file != "-" else sys.stdin.read()
        transcript = parse_text(text, file or "<stdin>", options)
    except TurncheckError as exc:
        raise fail(exc.located(file=file or "<stdin>"), EXIT_INPUT)
    _show(checker.check(transcript), fmt, show_all, console)


def _show(draft: Draft, fmt: str, show_all: bool, console: Console) -> None:
    if fmt == "json":
        import orjson

        typer.echo(orjson.dumps(draft.to_dict(), option=orjson.OPT_INDENT_2).decode())
        return
    console.print(f"[bold]{draft.source}[/bold]: {draft.turns} turn{'s' if draft.turns != 1 else ''} so far")
    for state, title in (("failed", "cannot be undone"), ("due", "still due"), ("done", "done"), ("n/a", "not applicable yet")):
        items = draft.by_state(state)
        if not items or (state == "n/a" and not show_all):
            continue
        mark, style = MARK[state]
        console.print(f"\n[{style}]{title}[/{style}]")
        for it in items:
            line = f"  {mark} {it.rule}: {it.message}"
            console.print(line, style=style if state != "done" else None, markup=False)
            if it.suggestion and state == "due":
                console.print(f"      try: “{it.suggestion}”", style="cyan", markup=False)


def _watch(path: Path, checker: DraftChecker, options: ImportOptions, fmt: str, show_all: bool,
           console: Console) -> None:
    from ..transcripts import parse_text, read_text

    seen: float | None = None
    try:
        while True:
            try:
                mtime = path.stat().st_mtime
            except OSError:
                mtime = None
            if mtime != seen:
                seen = mtime
                if console.is_terminal:
                    console.clear()
                if mtime is None:
                    console.print(f"waiting for {path} ...")
                else:
                    try:
                        transcript = parse_text(read_text(path), str(path), options)
                        _show(checker.check(transcript), fmt, show_all, console)
                    except TurncheckError as exc:
                        console.print(f"error: {exc.located(file=str(path)).format()}", markup=False)
            time.sleep(0.5)
    except KeyboardInterrupt:
        raise typer.Exit(0)
