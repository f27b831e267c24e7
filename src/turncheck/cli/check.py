"""``turncheck check PATH...``: check transcripts and write scorecards."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from ..engine import Checker
from ..errors import TurncheckError
from ..report import Summary, get_renderer
from ..rules.loader import load_ruleset
from ..runner import expand_inputs, run
from ..transcripts import ImportOptions
from . import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_USAGE, app, fail


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="files, folders (recursive), globs, or - for stdin"),
    rules: List[str] = typer.Option([], "--rules", "-r", help="rule folder or file (repeatable); default pack if omitted"),
    fmt: str = typer.Option("table", "--format", help="table|json|jsonl|csv|md|html|junit|sarif"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write to FILE (atomically) instead of stdout"),
    input_format: str = typer.Option("auto", "--input-format", "-f", help="force an importer"),
    only: List[str] = typer.Option([], "--only", help="check only this rule id (repeatable)"),
    skip: List[str] = typer.Option([], "--skip", help="skip this rule id (repeatable)"),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", help="a transcript scoring under this fails"),
    fail_on: str = typer.Option("critical", "--fail-on", help="lowest severity whose failure fails a transcript"),
    agent_speaker: List[str] = typer.Option([], "--agent-speaker", help="speaker name to treat as the agent"),
    customer_speaker: List[str] = typer.Option([], "--customer-speaker", help="speaker name to treat as the customer"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress or summary on stderr"),
) -> None:
    """Check transcripts against a rule set and write a scorecard per transcript."""
    try:
        ruleset = load_ruleset(rules or None)
        checker = Checker(ruleset, only=only, skip=skip, fail_under=fail_under, fail_on=fail_on)
        renderer_cls = get_renderer(fmt)
        inputs = expand_inputs(paths)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    options = ImportOptions(input_format=input_format, agent_speakers=tuple(agent_speaker),
                            customer_speakers=tuple(customer_speaker))
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    renderer = renderer_cls(out, checker.info)
    summary = Summary()
    for card in run(inputs, checker, options):
        summary.add(card)
        renderer.add(card)
    renderer.close(summary)
    if output:
        out.close()
    if summary.status["error"]:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(EXIT_FAILED if summary.status["fail"] else EXIT_OK)
