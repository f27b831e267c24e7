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
checking needs no locking beyond SQLite's own. Delete the folder to clear it.

Each entry is stored with an HMAC-SHA256 of its key and cards, under a random
secret kept in ``DIR/secret`` (made on first use). An entry that does not
verify (truncated, damaged, or edited: a ``fail`` turned into a ``pass``) is
not served: the input is checked again, the entry replaced, and the run warns.
Scorecards quote transcripts, unredacted: the folder is created ``0700`` and
its files ``0600``, and should be treated like the transcripts themselves.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Any

import orjson

from .atomicfile import create_new
from .errors import UsageError

DB_NAME = "turncheck-cache.sqlite3"
SECRET_NAME = "secret"
#: 2: entries carry a MAC; 3: scorecards carry verdict / verdict_reason, role warnings (two-party role
#: inference) and talk metrics; 4: sections and auto-fails
SCHEMA = 4
FLUSH_EVERY = 500
#: entries that failed to verify, listed by name in the warning (the rest are counted)
MAX_LISTED_BAD = 5


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
        "sections": {k: v.model_dump(mode="json") for k, v in getattr(ruleset, "sections", {}).items()},
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


def _create_private(path: Path) -> None:
    """Create ``path`` (empty) readable by its owner only, unless it exists."""
    try:
        os.close(create_new(path, 0o600))
    except FileExistsError:
        pass


class Cache:
    """Scorecards by input key, in a SQLite file; written in batches by the parent process only."""

    def __init__(self, directory: str | Path, checker, options, variant: str = "") -> None:
        self.dir = Path(directory)
        #: ``variant``: runs whose cards as checked differ beyond the fingerprint (``--redact`` notes given names)
        self.prefix = (run_fingerprint(checker, options) + (f":{variant}" if variant else "")).encode()
        self.pending: list[tuple[str, bytes, bytes]] = []
        self.hits = self.misses = 0
        #: problems met while writing (the run goes on without storing)
        self.warnings: list[str] = []
        #: sources whose entry did not verify (checked again)
        self.bad: list[str] = []
        try:
            self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.secret = self._secret()
            db_path = self.dir / DB_NAME
            _create_private(db_path)
            self.db = sqlite3.connect(db_path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("DROP TABLE IF EXISTS results")  # schema 1: entries without a MAC
            self.db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, cards BLOB NOT NULL, "
                            "mac BLOB NOT NULL)")
        except (OSError, sqlite3.Error, ValueError) as exc:
            raise CacheError(f"cannot use the cache folder: {exc}", file=str(self.dir),
                             hint="delete it, or run without --cache") from None

    def _secret(self) -> bytes:
        path = self.dir / SECRET_NAME
        try:
            fd = create_new(path, 0o600)
        except FileExistsError:
            secret = path.read_bytes()
            if len(secret) < 32:
                raise ValueError(f"{path}: damaged secret (delete the cache folder)") from None
            return secret
        secret = secrets.token_bytes(32)
        with os.fdopen(fd, "wb") as f:
            f.write(secret)
        return secret

    def _mac(self, key: str, cards: bytes) -> bytes:
        return hmac.new(self.secret, key.encode() + b"\0" + cards, hashlib.sha256).digest()

    def key(self, source: str, data: bytes) -> str:
        h = hashlib.sha256(self.prefix)
        h.update(b"\0" + source.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    def get(self, key: str, source: str | None = None) -> list[bytes] | None:
        """The stored cards of ``key``, or None (not stored, or stored but not verifying: see :attr:`bad`)."""
        try:
            row = self.db.execute("SELECT cards, mac FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._warn(f"cache read failed: {exc}")
            row = None
        if row is not None:
            cards, mac = bytes(row[0]), bytes(row[1])
            if not hmac.compare_digest(mac, self._mac(key, cards)):
                self.bad.append(source if source is not None else key)
                row = None
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return cards.split(b"\n")

    def put(self, key: str, cards: list[bytes]) -> None:
        # compact JSON never holds a raw newline, so one blob per input is enough
        blob = b"\n".join(cards)
        self.pending.append((key, blob, self._mac(key, blob)))
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        rows, self.pending = self.pending, []
        try:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO entries (key, cards, mac) VALUES (?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._warn(f"cache write failed: {exc}")

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def close(self) -> None:
        self.flush()
        self.db.close()
        if self.bad:
            shown = ", ".join(self.bad[:MAX_LISTED_BAD]) + (f" and {len(self.bad) - MAX_LISTED_BAD} more"
                                                          if len(self.bad) > MAX_LISTED_BAD else "")
            n = len(self.bad)
            self._warn(f"{n} cache entr{'ies' if n != 1 else 'y'} did not verify (changed or damaged) and "
                       f"{'were' if n != 1 else 'was'} checked again: {shown}")

    def __enter__(self) -> "Cache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
