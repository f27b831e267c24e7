"""Turn command-line inputs into scorecards: expand paths, read, parse, check.

Every input yields exactly one scorecard or error record (a JSON Lines file
holding many transcripts: one per record), in sorted input order, whatever
the engine. :func:`run` is the library entry point that the ``check`` command
uses: it adds the cache, waivers and redaction around an engine.
"""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .engine import Checker
from .engines import Done, Item, Job, decode_card, encode_card
from .errors import ReadError, UsageError
# one input -> its scorecards lives a layer down (the engines run it); these names are also the runner's
from .inputs import (GLOB_CHARS, STDIN, STDIN_SOURCE, check_input, check_path, read_input,  # noqa: F401
                     read_stdin, source_name)
from .scorecard import Scorecard
from .transcripts import ImportOptions

if TYPE_CHECKING:
    from .waivers import Waivers

SKIP_NAMES = {"labels.jsonl", "README.md", "LICENSE", "LICENSES", "pack.yaml"}
#: folders that hold licence texts, not transcripts (the REUSE convention): not searched inside folders
SKIP_DIRS = {"LICENSES"}


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


def expand_inputs(paths: Iterable[str], from_file: str | None = None) -> list[str]:
    """Files, folders (recursive), globs and ``-``: one sorted, de-duplicated list.

    Nothing is dropped: a missing file, a glob that matches nothing and a
    folder without transcript files stay in the list and become error
    records when read. Inside folders, hidden files and folders,
    fixture/label files (:data:`SKIP_NAMES`, ``*.expected.json``) and licence
    folders (:data:`SKIP_DIRS`) are skipped; named on their own, they are read.
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
            files = list(_walk(p))
            found.update(files if files else [str(p)])
        elif p.exists():
            found.add(str(p))
        elif any(ch in arg for ch in GLOB_CHARS):
            matches = [str(Path(m)) for m in glob.glob(arg, recursive=True) if os.path.isfile(m)]
            found.update(matches if matches else [arg])
        else:
            found.add(str(p))
    return sorted(found)


def _walk(folder: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS]
        for name in files:
            if name.startswith(".") or name in SKIP_NAMES or name.endswith(".expected.json"):
                continue
            yield os.path.join(root, name)


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
                item.data = read_stdin()
            elif need_data:
                try:
                    item.data = read_input(path)
                except ReadError as exc:
                    item.ready = [encode_card(self.checker.error_card(path, exc))]
                    yield item
                    continue
            if self.cache is not None and item.data is not None:
                item.key = self.cache.key(source_name(path), item.data)
                hit = self.cache.get(item.key)
                if hit is not None:
                    item.ready = hit
                    item.data = None
            yield item

    def finished(self, paths: list[str]) -> Iterator[Done]:
        """Every input's finished cards (:class:`~turncheck.engines.Done`), in input order."""
        from .engines.local import InProcessEngine

        engine = self.engine if self.engine is not None else InProcessEngine()
        job = Job(self.checker, self.options, waivers=self.waivers, redact=self.redact, render=self.render,
                  summarise=self.summarise, keep=self.cache is not None)
        self.stats.inputs = len(paths)
        for result in engine.run(job, self.items(paths), total=len(paths)):
            if result.fresh:
                done = result.cards
                if self.cache is not None and result.cacheable and result.item.key is not None:
                    self.cache.put(result.item.key, [d.raw for d in done])
            else:  # from the cache (or a read error found here): finished here
                self.stats.cache_hits += result.item.key is not None
                done = [job.complete(decode_card(raw)) for raw in result.cards]
            for d in done:
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
