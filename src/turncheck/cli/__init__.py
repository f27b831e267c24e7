"""The command line: thin Typer commands over the library.

Each command lives in its own module and registers itself on ``app``.
:func:`main` turns every :class:`~turncheck.errors.TurncheckError` into one
``error: <file>:<line>: <what>`` line and exit code 2: no tracebacks.
"""

from __future__ import annotations

import sys

import typer

from ..errors import TurncheckError

app = typer.Typer(
    name="turncheck",
    help="Check customer-support transcripts against a rule set of required behaviours.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 3


def error_line(exc: TurncheckError) -> str:
    """``error: <file>:<line>: <what>`` on one line: control characters in a file name are shown, not obeyed."""
    from ..report.common import safe_name

    return f"error: {safe_name(exc.format())}"


def fail(exc: TurncheckError, code: int = EXIT_USAGE) -> "typer.Exit":
    typer.echo(error_line(exc), err=True)
    return typer.Exit(code)


from . import check, draft, evaluate, formats, parse, report, rules_cmd  # noqa: E402,F401  (command registration)


def main() -> None:
    try:
        app()
    except TurncheckError as exc:  # a library error that escaped a command
        typer.echo(error_line(exc), err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
