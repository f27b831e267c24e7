"""One input to its scorecards: read it (a file, or ``-`` for stdin), parse every transcript in it, check each.

The layer under both the engines (which run :func:`check_input` in workers) and :mod:`turncheck.runner`
(which expands paths and drives a run): neither imports the other for it. Every input is bounded: its size
(``--max-bytes``), its turns (``--max-turns``) and the time to check each transcript (``--max-seconds``).
"""

from __future__ import annotations

import inspect
import sys

from .budget import TimeBudgetExceeded, time_budget  # noqa: F401  (re-exported)
from .engine import Checker
from .errors import InputError, TurncheckError, UsageError
from .scorecard import Scorecard
from .transcripts import ImportOptions, iter_transcripts, parse_text
from .transcripts.base import too_many_turns
from .transcripts.decode import DEFAULT_MAX_BYTES, read_bytes, read_limited

STDIN = "-"
STDIN_SOURCE = "<stdin>"
GLOB_CHARS = "*?["


def read_input(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one input; :class:`ReadError` (with a reason) when there are none."""
    missing = "no files match this pattern" if any(ch in path for ch in GLOB_CHARS) else "no such file"
    return read_bytes(path, missing=missing, directory="no transcript files in this folder", max_bytes=max_bytes)


def read_stdin(max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    return read_limited(sys.stdin.buffer, max_bytes, STDIN_SOURCE)


# --- one input -> scorecards ----------------------------------------------------------------------


def source_name(path: str) -> str:
    return STDIN_SOURCE if path == STDIN else path


#: whether the import layer can parse bytes the caller already read (``iter_transcripts(..., data=)``)
_ITER_TAKES_DATA = "data" in inspect.signature(iter_transcripts).parameters


def _transcripts(path: str, data: bytes | None, options: ImportOptions):
    if path == STDIN:
        return [parse_text(data if data is not None else read_stdin(options.max_bytes), STDIN_SOURCE, options)]
    if data is None:
        data = read_input(path, options.max_bytes)  # one wording for read errors, whichever process reads
    if _ITER_TAKES_DATA:
        return iter_transcripts(path, options, data=data)
    # until the import layer takes bytes, it reads the file again: same result unless it changed in between
    return iter_transcripts(path, options)


#: the default time budget to check one transcript (``--max-seconds``); a long real call takes well under a second
from .limits import DEFAULT_MAX_SECONDS  # noqa: E402  (re-exported)


def over_budget(seconds: float) -> str:
    return (f"checking took longer than the {seconds:g}-second budget per transcript: stopped "
            f"(raise it with --max-seconds, or max_seconds in the config file)")


def check_input(path: str, data: bytes | None, checker: Checker, options: ImportOptions,
                max_seconds: float | None = None, given_names: bool = False) -> list[Scorecard]:
    """All scorecards for one input (one, or one per record of a JSON Lines file). Never raises for bad input.

    ``max_seconds``: the time budget to check each transcript; one that takes longer gets an error record.
    ``given_names``: note the names the customer gives in the text on each card (for ``--redact``)."""
    source = source_name(path)
    try:
        items = _transcripts(path, data, options)
        cards = []
        for item in items:
            if isinstance(item, TurncheckError):
                # a bad record of a many-transcript file: its line is its location
                cards.append(checker.error_card(source, item.located(file=source), item.line))
            elif options.max_turns is not None and len(item.turns) > options.max_turns:
                exc = InputError(too_many_turns(len(item.turns), options.max_turns), file=source)
                cards.append(checker.error_card(source, exc, item.metadata.get("location")))
            else:
                try:
                    with time_budget(max_seconds):
                        card = checker.check(item)
                    if given_names:
                        from .redact import GIVEN_NAMES, given_names as names_in

                        names = names_in(t.text for t in item.turns if t.role == "customer")
                        if names:
                            card.metadata[GIVEN_NAMES] = names
                    cards.append(card)
                except TimeBudgetExceeded:
                    assert max_seconds is not None
                    cards.append(checker.error_card(source, InputError(over_budget(max_seconds), file=source),
                                                    item.metadata.get("location")))
        return cards
    except UsageError:
        raise
    except TurncheckError as exc:
        return [checker.error_card(source, exc.located(file=source))]


def check_path(path: str, checker: Checker, options: ImportOptions, stdin_text: str | None = None) -> list[Scorecard]:
    """Backwards-compatible single-path helper (in-process)."""
    data = stdin_text.encode("utf-8") if (path == STDIN and stdin_text is not None) else None
    return check_input(path, data, checker, options)
