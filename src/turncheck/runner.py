"""Turn command-line inputs into scorecards: expand paths, read, parse, check.

Every input yields exactly one scorecard or error record (a JSON Lines file
holding many transcripts: one per record), in sorted input order, whatever
the engine. :func:`run` is the library entry point that the ``check`` command
uses: it adds the cache, waivers and redaction around an engine.
"""

from __future__ import annotations

import glob
import inspect
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .budget import TimeBudgetExceeded, time_budget
from .engine import Checker
from .errors import InputError, ReadError, TurncheckError, UsageError
from .scorecard import Scorecard
from .transcripts import ImportOptions, iter_transcripts, parse_text
from .transcripts.base import too_many_turns
from .transcripts.decode import DEFAULT_MAX_BYTES, read_bytes, read_limited

if TYPE_CHECKING:
    from .engines import Done
    from .waivers import Waivers

STDIN = "-"
STDIN_SOURCE = "<stdin>"
SKIP_NAMES = {"labels.jsonl", "README.md", "LICENSE", "LICENSES", "pack.yaml"}
#: folders that hold licence texts, not transcripts (the REUSE convention): not searched inside folders
SKIP_DIRS = {"LICENSES"}
GLOB_CHARS = "*?["


# --- inputs ---------------------------------------------------------------------------------------


def read_list_file(list_file: str) -> list[str]:
    """``--from-file``: one path (or folder, or glob) per line; blank lines and ``#`` comments ignored.

    Relative paths are relative to the current directory (as with ``tar -T``);
    ``-`` reads the list from standard input.
    """
    try:
        if list_file == STDIN:
            text = sys.stdin.read()
        else:
            with open(list_file, encoding="utf-8-sig") as f:
                text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the input list: {getattr(exc, 'strerror', None) or exc}",
                         file=list_file) from None
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def expand_inputs(paths: Iterable[str], from_file: str | None = None,
                  warnings: list[str] | None = None) -> list[str]:
    """Files, folders (recursive), globs and ``-``: one sorted, de-duplicated list.

    Nothing is dropped: a missing file, a glob that matches nothing, a folder
    without transcript files and a subfolder that cannot be listed stay in the
    list and become error records when read; a FIFO, device or socket stays too
    and is refused when read. Inside folders, hidden files and folders,
    fixture/label files (:data:`SKIP_NAMES`, ``*.expected.json``) and licence
    folders (:data:`SKIP_DIRS`) are skipped; named on their own, they are read.
    Symbolic links to folders found inside a folder are not followed (a link
    can loop, or lead out of the tree asked for): each adds a line to
    ``warnings`` when a list is given.
    """
    raw = list(paths)
    if from_file is not None:
        if from_file == STDIN and STDIN in raw:
            raise UsageError("standard input cannot be both an input and the input list (--from-file -)")
        raw.extend(read_list_file(from_file))
    found: set[str] = set()
    for arg in raw:
        if arg == STDIN:
            found.add(STDIN)
            continue
        p = Path(arg)
        if p.is_dir():
            files = list(_walk(p, warnings))
            found.update(files if files else [str(p)])
        elif p.exists() or p.is_symlink():
            found.add(str(p))
        elif any(ch in arg for ch in GLOB_CHARS):
            # everything but folders: a FIFO or device that matches is refused (with a record) when read
            matches = [str(Path(m)) for m in glob.glob(arg, recursive=True) if not os.path.isdir(m)]
            found.update(matches if matches else [arg])
        else:
            found.add(str(p))
    return sorted(found)


def _walk(folder: Path, warnings: list[str] | None = None) -> Iterator[str]:
    unlisted: list[str] = []

    def onerror(exc: OSError) -> None:
        # a subfolder that cannot be listed: kept as an input, so it gets an error record saying why
        unlisted.append(exc.filename if exc.filename is not None else str(folder))

    for root, dirs, files in os.walk(folder, onerror=onerror):
        yield from unlisted
        unlisted.clear()
        keep = []
        for d in dirs:
            if d.startswith(".") or d in SKIP_DIRS:
                continue
            full = os.path.join(root, d)
            if os.path.islink(full):
                if warnings is not None:
                    warnings.append(f"{full}: a symbolic link to a folder, not followed "
                                    f"(name it as an input to check what it links to)")
                continue
            keep.append(d)
        dirs[:] = keep
        for name in files:
            if name.startswith(".") or name in SKIP_NAMES or name.endswith(".expected.json"):
                continue
            yield os.path.join(root, name)
    for path in unlisted:
        if path != str(folder):  # the folder itself: its own record, from the caller
            yield path


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
DEFAULT_MAX_SECONDS = 60.0


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


# --- a whole run ----------------------------------------------------------------------------------


@dataclass
class RunStats:
    inputs: int = 0
    done: int = 0
    cards: int = 0
    errors: int = 0
    cache_hits: int = 0


@dataclass
class Run:
    """One check run: inputs -> engine (or cache) -> waivers -> redaction -> finished cards in input order.

    Waivers, redaction and what ``render`` and ``summarise`` make of each final
    card happen where the card is checked (:meth:`turncheck.engines.Job.complete`),
    so in a worker when the engine has workers; a cache hit is finished here.
    """

    checker: Checker
    options: ImportOptions = field(default_factory=ImportOptions)
    engine: object = None
    cache: object = None
    waivers: Waivers | None = None
    redact: bool = False
    #: the time budget to check one transcript (None: no budget)
    max_seconds: float | None = None
    #: a card's text in the output format (a renderer's ``card_text``): the cards then come back as text only
    render: Callable[[Scorecard], str] | None = None
    #: what the run's totals need of a card (e.g. ``CardSummary.of``)
    summarise: Callable[[Scorecard], Any] | None = None
    #: called after each input with the run's stats (progress bars)
    on_input: Callable[[RunStats], None] | None = None
    stats: RunStats = field(default_factory=RunStats)

    def items(self, paths: list[str]):
        from .engines import Item, encode_card

        need_data = self.cache is not None or getattr(self.engine, "needs_data", False)
        for seq, path in enumerate(paths):
            item = Item(seq, path)
            if path == STDIN:
                try:
                    item.data = read_stdin(self.options.max_bytes)
                except ReadError as exc:
                    item.ready = [encode_card(self.checker.error_card(STDIN_SOURCE, exc))]
                    yield item
                    continue
            elif need_data:
                try:
                    item.data = read_input(path, self.options.max_bytes)
                except ReadError as exc:
                    item.ready = [encode_card(self.checker.error_card(path, exc))]
                    yield item
                    continue
            if self.cache is not None and item.data is not None:
                item.key = self.cache.key(source_name(path), item.data)
                hit = self.cache.get(item.key, source_name(path))
                if hit is not None:
                    item.ready = hit
                    item.data = None
            yield item

    def finished(self, paths: list[str]) -> Iterator[Done]:
        """Every input's finished cards (:class:`~turncheck.engines.Done`), in input order."""
        from .engines import Job, decode_card
        from .engines.local import InProcessEngine

        engine = self.engine if self.engine is not None else InProcessEngine()
        job = Job(self.checker, self.options, waivers=self.waivers, redact=self.redact, max_seconds=self.max_seconds,
                  render=self.render,
                  summarise=self.summarise, keep=self.cache is not None)
        self.stats.inputs = len(paths)
        for result in engine.run(job, self.items(paths), total=len(paths)):
            if result.fresh:
                done = result.cards
                if self.cache is not None and result.cacheable and result.item.key is not None:
                    self.cache.put(result.item.key, [d.raw for d in done])
            else:  # from the cache (or a read error found here): finished here
                try:
                    done = [job.complete(decode_card(raw)) for raw in result.cards]
                    self.stats.cache_hits += result.item.key is not None
                except ValueError:  # a stored entry that verified but does not decode: check it here
                    done, cacheable = job.process(result.item.path, None, encode=False)
                    if self.cache is not None and cacheable and result.item.key is not None:
                        self.cache.put(result.item.key, [d.raw for d in done])
            for d in done:
                d.path = result.item.path
                if self.waivers is not None:
                    self.waivers.count(d.waived)
                self.stats.cards += 1
                self.stats.errors += d.status == "error"
                yield d
            self.stats.done += 1
            if self.on_input is not None:
                self.on_input(self.stats)
        if self.cache is not None:
            self.cache.flush()

    def __call__(self, paths: list[str]) -> Iterator[Scorecard]:
        """Every input's final scorecards, in input order (a run without ``render``)."""
        for done in self.finished(paths):
            yield done.scorecard()


def run(paths: list[str], checker: Checker, options: ImportOptions) -> Iterator[Scorecard]:
    """Check ``paths`` in this process, in order (the simplest library entry point)."""
    return Run(checker, options)(paths)
