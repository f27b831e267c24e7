"""``turncheck rules list|show|test``: the rule set, one rule, and the rules' own examples as tests."""

from __future__ import annotations

import re
from typing import List, Optional

import typer

from ..engine import Checker
from ..errors import TurncheckError
from ..rules.loader import load_ruleset
from . import EXIT_FAILED, EXIT_USAGE, app, fail

rules_app = typer.Typer(help="List, show and test the rule set.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

RulesOpt = typer.Option([], "--rules", "-r", help="rule folder or file (repeatable); default pack if omitted")


def _load(rules: list[str]):
    try:
        return load_ruleset(rules or None)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)


def rules_markdown(rs) -> str:
    """The README's table of rules, generated from the rule files."""
    rows = ["| rule | what it checks | severity | weight | n/a when | from the guidance |",
            "|---|---|---|---|---|---|"]
    for r in rs.rules:
        sources = sorted({m for m in re.findall(r"guidance/\d{3}", r.rationale)})
        when = "never" if r.applies_when == "always" else r.applies_when
        cells = [f"`{r.id}`", " ".join(r.description.split()), r.severity, f"{r.weight:g}", when, ", ".join(sources)]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


@rules_app.command("list")
def list_rules(rules: List[str] = RulesOpt,
               fmt: str = typer.Option("table", "--format", help="table|md")) -> None:
    """List the rules: id, severity, weight, when it applies, and what it checks."""
    rs = _load(rules)
    if fmt == "md":
        typer.echo(rules_markdown(rs), nl=False)
        return
    from rich.table import Table

    from ..console import make_console, table_box

    console = make_console(highlight=False)
    table = Table(title=f"{rs.name} {rs.version}", title_justify="left", box=table_box(console),
                  safe_box=not console.is_terminal)
    for col in ("id", "severity", "weight", "applies when", "check"):
        table.add_column(col, no_wrap=True)
    table.add_column("description")
    for r in rs.rules:
        rid = r.id if r.enabled else f"{r.id} (disabled)"
        table.add_row(rid, r.severity, f"{r.weight:g}", r.applies_when, r.check.kind, r.description)
    if not console.is_terminal:
        console.width = max(console.width, 140)
    console.print(table)


@rules_app.command("show")
def show_rule(rule_id: str, rules: List[str] = RulesOpt) -> None:
    """Show one rule with its rationale, check parameters and examples."""
    rs = _load(rules)
    try:
        r = rs.get(rule_id)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    from ..console import make_console

    con = make_console(highlight=False)
    con.print(f"[bold]{r.id}[/bold]  {r.severity}, weight {r.weight:g}, applies when: {r.applies_when}")
    con.print(f"file: {r.file}")
    con.print(f"\n{r.description.strip()}\n")
    con.print(f"[bold]Why[/bold]\n{r.rationale.strip()}\n")
    con.print(f"[bold]Check[/bold] ({r.check.kind})")
    for key, value in r.check.model_dump(exclude={"kind"}, exclude_defaults=True).items():
        con.print(f"  {key}: {value}", markup=False)
    for status, ex in r.examples.items():
        con.print(f"\n[bold]Example ({status})[/bold]" + (f": {ex.note}" if ex.note else ""))
        con.print(ex.transcript.rstrip(), markup=False)


@rules_app.command("test")
def test_rules(
    rules_pos: Optional[List[str]] = typer.Argument(None, help="rule folders or files (default pack if omitted)"),
    rules: List[str] = RulesOpt,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="show passing examples too"),
) -> None:
    """Run every rule's inline examples as tests."""
    rs = _load(list(rules_pos or []) + list(rules))
    try:
        checker = Checker(rs)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    from ..rules.testing import run_examples

    results = run_examples(checker)
    if not results:
        n = len(checker.rules)
        which = "the one rule" if n == 1 else f"none of the {n} rules"
        typer.echo(f"no examples to run: {which} of {rs.name!r} {'has no' if n == 1 else 'have'} 'examples:' "
                   "(pass/fail transcripts in the rule file)", err=True)
        raise typer.Exit(0)
    failed = [r for r in results if not r.ok]
    for r in results:
        if verbose or not r.ok:
            mark = "ok  " if r.ok else "FAIL"
            typer.echo(f"{mark} {r.rule} example {r.expected} #{r.number}: got {r.got}"
                       + ("" if r.ok else f" ({r.message})"))
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(EXIT_FAILED if failed else 0)
