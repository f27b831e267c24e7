"""``turncheck parse FILE``: the canonical transcript the checker sees, as JSON."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from ..errors import TurncheckError
from . import EXIT_INPUT, app, fail


@app.command()
def parse(
    file: str = typer.Argument(..., help="transcript file, or - for stdin"),
    input_format: str = typer.Option("auto", "--input-format", "-f", help="force an importer (see 'turncheck formats')"),
    agent_speaker: List[str] = typer.Option([], "--agent-speaker", help="speaker name to treat as the agent"),
    customer_speaker: List[str] = typer.Option([], "--customer-speaker", help="speaker name to treat as the customer"),
    no_infer_roles: bool = typer.Option(False, "--no-infer-roles", help="keep roles the file does not state as 'other'"),
) -> None:
    """Print the canonical transcript (JSON) that the checker sees: the way to debug an import."""
    from ..transcripts import ImportOptions, iter_transcripts, parse_text

    options = ImportOptions(input_format=input_format, agent_speakers=tuple(agent_speaker),
                            customer_speakers=tuple(customer_speaker), infer_roles=not no_infer_roles)
    try:
        items = [parse_text(sys.stdin.read(), "<stdin>", options)] if file == "-" else list(iter_transcripts(file, options))
    except TurncheckError as exc:
        raise fail(exc.located(file=file), EXIT_INPUT)
    code = 0
    for item in items:
        if isinstance(item, TurncheckError):
            typer.echo(f"error: {item.located(file=file).format()}", err=True)
            code = EXIT_INPUT
            continue
        import orjson

        typer.echo(orjson.dumps(item.to_json_dict(), option=orjson.OPT_INDENT_2).decode())
    raise typer.Exit(code)
