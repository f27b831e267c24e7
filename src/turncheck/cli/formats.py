"""``turncheck formats``: the transcript formats turncheck reads and how it recognises them."""

from __future__ import annotations

import typer

from . import app


@app.command("formats")
def formats_cmd(
    fmt: str = typer.Option("table", "--format", help="table|md"),
) -> None:
    """List the input formats: name, what each recognises, where it comes from, roles and timing."""
    from rich.table import Table

    from ..transcripts import formats_markdown, list_formats
    from ..console import make_console, table_box

    if fmt == "md":
        typer.echo(formats_markdown(), nl=False)
        return
    console = make_console(highlight=False)
    table = Table(title="input formats (--input-format NAME; auto-detected by content, then extension)",
                  title_justify="left", box=table_box(console), safe_box=not console.is_terminal)
    table.add_column("format", no_wrap=True)
    for col in ("what it reads", "origin", "roles", "timing", "extensions"):
        table.add_column(col)
    for imp in list_formats():
        table.add_row(imp.name, imp.description, imp.origin, imp.roles, imp.timing, " ".join(imp.extensions))
    if not console.is_terminal:
        console.width = max(console.width, 160)
    console.print(table)
