"""One input to its scorecards: read it (a file, or ``-`` for stdin), parse every transcript in it, check each.

The layer under both the engines (which run :func:`check_input` in workers) and :mod:`turncheck.runner`
(which expands paths and drives a run): neither imports the other for it.
"""

from __future__ import annotations

import inspect
import sys

from .engine import Checker
from .errors import TurncheckError, UsageError
from .scorecard import Scorecard
from .transcripts import ImportOptions, iter_transcripts, parse_text
from .transcripts.decode import read_bytes

STDIN = "-"
STDIN_SOURCE = "<stdin>"
GLOB_CHARS = "*?["


def read_input(path: str) -> bytes:
    """The bytes of one input; :class:`ReadError` (with a reason) when there are none."""
    missing = "no files match this pattern" if any(ch in path for ch in GLOB_CHARS) else "no such file"
    return read_bytes(path, missing=missing, directory="no transcript files in this folder")


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


# --- one input -> scorecards ----------------------------------------------------------------------


def source_name(path: str) -> str:
    return STDIN_SOURCE if path == STDIN else path


#: whether the import layer can parse bytes the caller already read (``iter_transcripts(..., data=)``)
_ITER_TAKES_DATA = "data" in inspect.signature(iter_transcripts).parameters


def _transcripts(path: str, data: bytes | None, options: ImportOptions):
    if path == STDIN:
        return [parse_text(data if data is not None else read_stdin(), STDIN_SOURCE, options)]
    if data is None:
        data = read_input(path)  # one wording for read errors, whichever process reads
    if _ITER_TAKES_DATA:
        return iter_transcripts(path, options, data=data)
    # until the import layer takes bytes, it reads the file again: same result unless it changed in between
    return iter_transcripts(path, options)


def check_input(path: str, data: bytes | None, checker: Checker, options: ImportOptions) -> list[Scorecard]:
    """All scorecards for one input (one, or one per record of a JSON Lines file). Never raises for bad input."""
    source = source_name(path)
    try:
        items = _transcripts(path, data, options)
        cards = []
        for item in items:
            if isinstance(item, TurncheckError):
                # a bad record of a many-transcript file: its line is its location
                cards.append(checker.error_card(source, item.located(file=source), item.line))
            else:
                cards.append(checker.check(item))
        return cards
    except UsageError:
        raise
    except TurncheckError as exc:
        return [checker.error_card(source, exc.located(file=source))]


def check_path(path: str, checker: Checker, options: ImportOptions, stdin_text: str | None = None) -> list[Scorecard]:
    """Backwards-compatible single-path helper (in-process)."""
    data = stdin_text.encode("utf-8") if (path == STDIN and stdin_text is not None) else None
    return check_input(path, data, checker, options)
