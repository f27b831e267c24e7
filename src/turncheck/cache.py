"""``--cache DIR``: reuse the scorecards of transcripts that were already checked.

A result is reused when all of these are unchanged:

- the input: its bytes, its path (the path is in the scorecard), the import
  options and the input format;
- the rule set: name, version *and* a hash of its content (every rule,
  definition and condition), so editing a rule file re-checks even when the
  pack's version was not bumped;
- the checker options (``--only``/``--skip``/``--fail-under``/``--fail-on``);
- the turncheck version.

Stored are the scorecards as the checker produced them (before waivers and
redaction, which are applied on every run), so a reused result renders to the
same bytes as a fresh one. The store is one SQLite file in ``DIR``; only the
parent process reads and writes it (workers never touch it), so parallel
checking needs no locking beyond SQLite's own. Note that scorecards quote
transcripts: treat the cache folder like the transcripts themselves. Delete
the folder to clear it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import orjson

from .errors import UsageError

DB_NAME = "turncheck-cache.sqlite3"
#: 2: scorecards carry verdict / verdict_reason and role warnings; two-party role inference
SCHEMA = 2
FLUSH_EVERY = 500


class CacheError(UsageError):
    """The cache folder cannot be used."""


def _default(obj: Any) -> Any:
    dump = getattr(obj, "model_dump", None)
    if dump is not None:
        return dump(mode="json")
    if dataclasses.is_dataclass(obj):
        return dataclasses.asdict(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"cannot fingerprint {type(obj).__name__}")


def _digest(obj: Any) -> str:
    return hashlib.sha256(orjson.dumps(obj, default=_default, option=orjson.OPT_SORT_KEYS
                                       | orjson.OPT_NON_STR_KEYS)).hexdigest()


def ruleset_fingerprint(ruleset) -> str:
    """A hash of what a rule set *does*: every rule, definition and condition (not where the files are)."""
    return _digest({
        "name": ruleset.name,
        "version": ruleset.version,
        "definitions": ruleset.definitions,
        "conditions": ruleset.conditions,
        "rules": [r.model_dump(mode="json", exclude={"file"}) for r in ruleset.rules],
        "verdict": ruleset.verdict.model_dump(mode="json"),
    })


def run_fingerprint(checker, options) -> str:
    """Everything but the input that decides a scorecard."""
    import turncheck

    return _digest({
        "schema": SCHEMA,
        "turncheck": turncheck.__version__,
        "ruleset": ruleset_fingerprint(checker.ruleset),
        "checker": {"only": checker.only, "skip": checker.skip, "fail_under": checker.fail_under,
                    "fail_on": checker.fail_on},
        "import": dataclasses.asdict(options),
    })


class Cache:
    """Scorecards by input key, in a SQLite file; written in batches by the parent process only."""

    def __init__(self, directory: str | Path, checker, options) -> None:
        self.dir = Path(directory)
        self.prefix = run_fingerprint(checker, options).encode()
        self.pending: list[tuple[str, bytes]] = []
        self.hits = self.misses = 0
        #: problems met while writing (the run goes on without storing)
        self.warnings: list[str] = []
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.dir / DB_NAME, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, cards BLOB NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(f"cannot use the cache folder: {exc}", file=str(self.dir),
                             hint="delete it, or run without --cache") from None

    def key(self, source: str, data: bytes) -> str:
        h = hashlib.sha256(self.prefix)
        h.update(b"\0" + source.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    def get(self, key: str) -> list[bytes] | None:
        try:
            row = self.db.execute("SELECT cards FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._warn(f"cache read failed: {exc}")
            row = None
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return bytes(row[0]).split(b"\n")

    def put(self, key: str, cards: list[bytes]) -> None:
        # compact JSON never holds a raw newline, so one blob per input is enough
        self.pending.append((key, b"\n".join(cards)))
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        rows, self.pending = self.pending, []
        try:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO results (key, cards) VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            self._warn(f"cache write failed: {exc}")

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def close(self) -> None:
        self.flush()
        self.db.close()

    def __enter__(self) -> "Cache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
