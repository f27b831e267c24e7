"""The command line: thin Typer commands over the library.

Each command lives in its own module and registers itself on ``app``.
:func:`main` turns every :class:`~turncheck.errors.TurncheckError` into one
``error: <file>:<line>: <what>`` line and exit code 2: no tracebacks.
"""

from __future__ import annotations

import sys

import typer

from ..errors import TurncheckError, UsageError

app = typer.Typer(
    name="turncheck",
    help="Check customer-support transcripts against a rule set of required behaviours.",
    no_args_is_help=True,
    # --install-completion / --show-completion for bash, zsh, fish and PowerShell
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 3


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"turncheck {version('turncheck')}")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
            typer.echo("turncheck (version unknown: not installed)")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _global(
    version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_version,
                                 help="print the version and exit"),
    color: str = typer.Option("auto", "--color", metavar="[auto|always|never]",
                              help="colour in terminal output (auto: on a terminal, unless NO_COLOR is set)"),
) -> None:
    """Check customer-support transcripts against a rule set of required behaviours."""
    from ..console import COLOR_CHOICES, set_color

    if color not in COLOR_CHOICES:
        from ..suggest import suggest

        raise fail(UsageError(f"--color {color!r}: not a choice",
                              hint=suggest(color, COLOR_CHOICES) or "auto, always or never"), EXIT_USAGE)
    set_color(color)


def error_line(exc: TurncheckError) -> str:
    """``error: <file>:<line>: <what>``, one line per error (several for :class:`~turncheck.errors.RuleErrors`):
    control characters in a file name are shown, not obeyed, so no name can forge a line."""
    from ..report.common import safe_name

    errors = getattr(exc, "errors", None) or [exc]
    return "\n".join(f"error: {safe_name(e.format())}" for e in errors)


def fail(exc: TurncheckError, code: int = EXIT_USAGE) -> "typer.Exit":
    typer.echo(error_line(exc), err=True)
    return typer.Exit(code)


from . import check, diff, draft, evaluate, formats, parse, report, rules_cmd, serve  # noqa: E402,F401  (command registration)
from . import review  # noqa: E402,F401  (the `review` sub-app; its commands import the serve extra lazily)


#: what a value stands for, in help (instead of the Python type: ``<list[str]>``); by parameter name
METAVARS = {
    "paths": "PATH", "rules": "PATH", "rules_pos": "PATH", "output": "FILE", "input_format": "FORMAT",
    "from_file": "FILE", "only": "RULE", "skip": "RULE", "fail_under": "SCORE", "fail_on": "[critical|major|minor]",
    "jobs": "N", "engine": "[local|dask]", "scheduler": "ADDRESS", "cache": "DIR", "waivers": "FILE",
    "agent_speaker": "NAME", "customer_speaker": "NAME", "config": "FILE", "file": "FILE", "files": "FILE", "out_dir": "DIR", "rule_id": "RULE",
    "labels": "FILE", "minimum": "F1", "workers": "N", "max_body": "BYTES", "log_level": "LEVEL", "min": "F1", "results": "FILE", "worst": "N", "title": "TEXT", "watch": "FILE",
}


def _name_values(command) -> None:
    """Give every option a metavar that says what it takes: choices for ``--format`` (from its help text,
    ``table|json|...``), a word such as ``FILE`` or ``RULE`` for the rest."""
    for param in command.params:
        if param.metavar is not None or getattr(param, "is_flag", False):
            continue
        help_text = getattr(param, "help", None) or ""
        if param.name == "fmt" and help_text and "|" in help_text.split()[0]:
            param.metavar = f"[{help_text.split()[0]}]"
            param.help = "output format" + help_text[len(help_text.split()[0]):]
        else:
            param.metavar = METAVARS.get(param.name, param.name.upper())
        if param.param_type_name == "argument":
            param.display_type_rich = lambda ctx=None: None  # typer adds "<list[str]>" to an argument's name
    for sub in getattr(command, "commands", {}).values():
        _name_values(sub)


def _app_for(argv: list[str]) -> typer.Typer:
    """The app to build for this command line: only the command named first (typer builds every command's click
    parameters from its signature, ~25 ms for all of them, on every run), else the whole app: for help, shell
    completion, a global option first, or a name that is no command (click's messages list the commands)."""
    import os

    if not argv or argv[0].startswith("-") or os.environ.get("_TURNCHECK_COMPLETE"):
        return app
    commands = [c for c in app.registered_commands
                if (c.name or typer.main.get_command_name(c.callback.__name__)) == argv[0]]  # type: ignore[union-attr]
    groups = [g for g in app.registered_groups if g.name == argv[0]]
    if len(commands) + len(groups) != 1:
        return app
    import copy

    one = copy.copy(app)  # the same callback (global options) and settings, one command
    one.registered_commands, one.registered_groups = commands, groups
    return one


def main() -> None:
    try:
        command = typer.main.get_command(_app_for(sys.argv[1:]))
        _name_values(command)
        command(prog_name="turncheck")
    except TurncheckError as exc:  # a library error that escaped a command
        typer.echo(error_line(exc), err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
