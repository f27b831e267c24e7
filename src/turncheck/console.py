"""Terminal conventions shared by every command: colour choice and plain ASCII in pipes.

``--color auto|always|never`` (a global option) and the ``NO_COLOR`` convention (https://no-color.org: any
non-empty value turns colour off) decide whether rich may write escape codes; ``never`` writes none at all,
not even bold. A console that is not a terminal draws its tables with ASCII (``+--+``) so that diff, grep and
e-mail read them. rich is imported only when a console is made.
"""

from __future__ import annotations

import os
from typing import Any

COLOR_CHOICES = ("auto", "always", "never")
#: set by the global ``--color`` option; the environment variable lets worker processes and tests see it too
COLOR_ENV = "TURNCHECK_COLOR"


def set_color(choice: str | None) -> None:
    if choice is not None:
        os.environ[COLOR_ENV] = choice


def color_choice() -> str:
    """``always``, ``never`` or ``auto``; ``auto`` under ``NO_COLOR`` is ``never``."""
    choice = os.environ.get(COLOR_ENV, "auto")
    if choice not in COLOR_CHOICES:
        choice = "auto"
    if choice == "auto" and os.environ.get("NO_COLOR"):
        return "never"
    return choice


def console_options(color: bool | None = None) -> dict[str, Any]:
    """Keyword arguments for ``rich.console.Console``: ``color`` True/False overrides the user's choice."""
    choice = "always" if color is True else "never" if color is False else color_choice()
    if choice == "never":
        return {"color_system": None, "no_color": True}
    if choice == "always":
        return {"force_terminal": True}
    return {}


def make_console(**kwargs: Any):
    """A rich Console honouring ``--color`` / ``NO_COLOR`` (``kwargs`` go to rich)."""
    from rich.console import Console

    color = kwargs.pop("color", None)
    return Console(**{**console_options(color), **kwargs})


def table_box(console, terminal_box=None):
    """The box style for a table on ``console``: ASCII unless it is a terminal."""
    from rich import box

    if console.is_terminal:
        return terminal_box or box.HEAVY_HEAD
    return box.ASCII
