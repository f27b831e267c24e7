"""Turn command-line inputs into scorecards: expand paths, read, parse, check.

Every input yields exactly one scorecard or error record (a JSON Lines file
holding many transcripts: one per record), in sorted input order, whatever
the engine. :func:`run` is the library entry point that the ``check`` command
uses: it adds the cache, waivers and redaction around an engine.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .engine import Checker
from .engines import Done, Item, Job, decode_card, encode_card
from .errors import ReadError, UsageError
# one input -> its scorecards lives a layer down (the engines run it); these names are also the runner's
from .inputs import (DEFAULT_MAX_SECONDS, GLOB_CHARS, STDIN, STDIN_SOURCE, TimeBudgetExceeded,  # noqa: F401
                     check_input, check_path, over_budget, read_input, read_stdin, source_name, time_budget)
from .scan import scan_folder
from .scorecard import Scorecard
from .transcripts import ImportOptions

if TYPE_CHECKING:
    from .waivers import Waivers


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


def expand_inputs(paths: Iterable[str], from_file: str | None = None, *, exclude: list[str] | None = None,
                  extend_exclude: Iterable[str] = (), own_files: Iterable[str] = (),
                  warnings: list[str] | None = None) -> list[str]:
    """Files, folders (recursive), globs and ``-``: one sorted, de-duplicated list.

    Nothing is dropped: a missing file, a glob that matches nothing, a folder
    without transcript files and a subfolder that cannot be listed stay in the
    list and become error records when read; a FIFO, device or socket stays too
    and is refused when read. Inside folders, :func:`turncheck.scan.scan_folder`
    picks the files: ``.gitignore`` and the ``exclude`` / ``extend_exclude``
    patterns are honoured, and turncheck's own config, waiver (``own_files``) and
    results files are skipped; named on their own, files are read. Symbolic
    links to folders found inside a folder are not followed (a link can loop, or
    lead out of the tree asked for): each adds a line to ``warnings`` when a list
    is given.
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
            files = list(scan_folder(p, exclude=exclude, extend_exclude=list(extend_exclude),
                                     own_files=own_files, warnings=warnings))
            found.update(files if files else [str(p)])
        elif p.exists() or p.is_symlink():
            found.add(str(p))
        elif any(ch in arg for ch in GLOB_CHARS):
            import glob  # (here: only a pattern needs it)

            # everything but folders: a FIFO or device that matches is refused (with a record) when read
            matches = [str(Path(m)) for m in glob.glob(arg, recursive=True) if not os.path.isdir(m)]
            found.update(matches if matches else [arg])
        else:
            found.add(str(p))
    return sorted(found)




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
