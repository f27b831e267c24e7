"""Turn command-line inputs into scorecards: expand paths, parse, check.

Every input yields exactly one scorecard or error record, in sorted input
order. (The parallel and Dask engines build on :func:`check_path`.)
"""

from __future__ import annotations

import glob
import sys
from pathlib import Path
from typing import Iterable, Iterator

from .engine import Checker
from .errors import ReadError, TurncheckError, UsageError
from .scorecard import Scorecard
from .transcripts import ImportOptions, iter_transcripts, parse_text

STDIN = "-"
SKIP_NAMES = {"labels.jsonl", "README.md", "LICENSE", "LICENSES", "pack.yaml"}


def expand_inputs(paths: Iterable[str]) -> list[str]:
    """Files, folders (recursive), globs and ``-``, sorted and de-duplicated per argument."""
    out: list[str] = []
    for raw in paths:
        if raw == STDIN:
            out.append(STDIN)
            continue
        p = Path(raw)
        if p.is_dir():
            files = sorted(str(f) for f in p.rglob("*") if f.is_file() and not _hidden(f.relative_to(p))
                           and f.name not in SKIP_NAMES and not f.name.endswith(".expected.json"))
            out.extend(files)
        elif p.exists():
            out.append(str(p))
        elif any(ch in raw for ch in "*?["):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                raise UsageError(f"no files match {raw!r}")
            out.extend(matches)
        else:
            out.append(str(p))  # becomes a read error record: nothing is dropped silently
    seen: set[str] = set()
    return [x for x in out if not (x in seen or seen.add(x))]


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def check_path(path: str, checker: Checker, options: ImportOptions, stdin_text: str | None = None) -> list[Scorecard]:
    """All scorecards for one input path (one, or one per record of a JSONL file)."""
    try:
        if path == STDIN:
            text = stdin_text if stdin_text is not None else sys.stdin.read()
            items = [parse_text(text, "<stdin>", options)]
        else:
            if not Path(path).is_file():
                raise ReadError("no such file", file=path)
            items = list(iter_transcripts(path, options))
    except TurncheckError as exc:
        return [checker.error_card(path if path != STDIN else "<stdin>", exc.located(file=path))]
    cards = []
    for item in items:
        if isinstance(item, TurncheckError):
            cards.append(checker.error_card(item.file or path, item, getattr(item, "line", None)))
        else:
            try:
                cards.append(checker.check(item))
            except TurncheckError as exc:  # pragma: no cover - checks raise only on bad rules
                cards.append(checker.error_card(item.source, exc))
    return cards


def run(paths: list[str], checker: Checker, options: ImportOptions) -> Iterator[Scorecard]:
    for path in paths:
        yield from check_path(path, checker, options)
