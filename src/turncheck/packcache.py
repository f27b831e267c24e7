"""A persistent cache of compiled rule packs, so that a one-chat ``check`` or ``draft`` starts fast.

Building a :class:`~turncheck.engine.Checker` costs far more than checking one chat: reading the YAML,
validating it with pydantic, parsing every query, expanding and compiling them, building the
Aho–Corasick automaton. :func:`load_checker` does it once per pack and keeps the result on disk; the
next run restores it (the validated rule set, the query index's tables and automaton, the handle of each
query text) and compiles only what a transcript needs, when it needs it (see
:meth:`turncheck.query.QueryIndex.restore`).

* **where**: ``packs/`` of turncheck's cache folder (the query cache's: ``$TURNCHECK_CACHE_DIR``, else
  ``$XDG_CACHE_HOME/turncheck``, else ``~/.cache/turncheck``); ``TURNCHECK_NO_QUERY_CACHE=1`` turns this
  cache off too. One file per rule set as named on the command line (the paths given, resolved, and
  ``--only``/``--skip``; the default pack by the folder it is loaded from), the most recent
  :data:`MAX_ENTRIES` kept.
* **when an entry is used**: only when every file the pack was loaded from is unchanged (a hash of each
  rule file, ``pack.yaml`` and every folder's list of rule files, extended packs included, checked on every
  run), and it was written by the same turncheck version, Python, pydantic and pyahocorasick builds and the
  same source of the loader, the rule models and the query code (a hash of those files, so an edit in a
  checkout needs no version bump). Anything else is a miss: the pack is loaded and compiled as without the
  cache, and the entry written again.
* **safety**: an entry is a pickle (the automaton and the pydantic models pickle; JSON would need both
  rebuilt, which is the cost this cache is there to save), so it is never unpickled unless its
  HMAC-SHA256, under a random secret in ``packs/secret`` (made ``0600`` on first use, and on POSIX used
  only when it is the user's own and private), verifies over the entry's name and bytes. A damaged,
  truncated, foreign or tampered file is ignored and replaced; nothing here ever stops a run or prints a
  traceback. Files are written atomically (temporary file + ``os.replace``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .atomicfile import create_new, write_atomic
from .gcpause import pause_gc
from .query.cache import cache_dir, disabled

if TYPE_CHECKING:
    from .engine import Checker

__all__ = ["load_checker"]

#: bump when what an entry holds changes
FORMAT = 1
SUBDIR = "packs"
SECRET_NAME = "secret"
MAGIC = b"turncheck-pack\0"
#: entries kept (one per rule set and --only/--skip); the least recently written go first
MAX_ENTRIES = 16
#: a file larger than this is not read (the default pack's entry is about 1.5 MB)
MAX_FILE_BYTES = 128 * 1024 * 1024
#: the modules whose code decides what an entry holds (the rule set as loaded, the query trees, tables and
#: handles); the checks are compiled afresh from the restored rule set on every run
_SOURCES = ("rules/loader.py", "rules/model.py", "rules/located.py", "rules/yamlsource.py", "query/engine.py", "query/ast.py",
            "query/grammar.py", "query/fuzzy.py", "query/cache.py", "text.py", "engine.py", "packcache.py")

_SALT: list[str] = []


def _salt() -> str | None:
    """What, besides the pack's files, decides an entry; None when it cannot be known (then no cache)."""
    if not _SALT:
        import ahocorasick
        import pydantic
        import pydantic_core

        import turncheck

        h = hashlib.sha256(f"{FORMAT}\0{turncheck.__version__}\0{sys.version}\0{sys.implementation.cache_tag}\0"
                           f"{pydantic.VERSION}\0{pydantic_core.__version__}\0".encode())
        root = Path(__file__).resolve().parent
        try:
            st = os.stat(ahocorasick.__file__)  # the extension's build: its pickles are what the entry holds
            h.update(f"{st.st_size}\0{st.st_mtime_ns}\0".encode())
            for rel in _SOURCES:
                h.update((root / rel).read_bytes())
        except (OSError, TypeError):  # a zip import, a frozen build: an edited loader could not be told apart
            _SALT.append("")
        else:
            _SALT.append(h.hexdigest())
    return _SALT[0] or None


def _entry_name(rules: list[str], only: list[str], skip: list[str]) -> str:
    """The file of a rule set as the command line names it: the paths as given (they are in the rules' ``file``)
    and where they lead from here, and ``--only``/``--skip`` (they decide which queries are compiled). The
    default pack is named by the folder it is loaded from: two checkouts or installs sharing one cache folder
    must not restore each other's pack (the entry's own files are unchanged, so nothing else would tell)."""
    if rules:
        where = [[p, os.path.abspath(p)] for p in rules]
    else:
        from .rules.loader import default_rules_dir

        where = [["<default>", str(default_rules_dir())]]
    key = repr((FORMAT, where, list(only), list(skip))).encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:32] + ".pack"


def _manifest(sources: Iterable[str]) -> list:
    """What the rule set was loaded from, as it is now: each folder's ``pack.yaml`` and rule files (names and
    hashes: an added, removed or edited file changes it) and each lone rule file (its hash)."""
    from .rules.loader import PACK_FILE, _rule_files

    out: list = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = ([path / PACK_FILE] if (path / PACK_FILE).is_file() else []) + _rule_files(path)
            out.append([source, [[f.name, hashlib.sha256(f.read_bytes()).hexdigest()] for f in files]])
        else:
            out.append([source, hashlib.sha256(path.read_bytes()).hexdigest()])
    return out


def _folder(create: bool) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    folder = root / SUBDIR
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _secret(folder: Path, create: bool) -> bytes | None:
    """The folder's secret; made when ``create`` and missing. None when there is none to trust: missing, short,
    or (on POSIX) not the user's own file or readable by others (then someone else could have written it)."""
    path = folder / SECRET_NAME
    if create:
        try:
            fd = create_new(path, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if hasattr(os, "getuid"):
            st = os.fstat(f.fileno())
            if st.st_uid != os.getuid() or st.st_mode & 0o077:
                return None
        secret = f.read(1024)
    return secret if len(secret) >= 32 else None


def _mac(secret: bytes, name: str, payload: bytes) -> bytes:
    return hmac.new(secret, name.encode() + b"\0" + payload, hashlib.sha256).digest()


def _read(name: str) -> dict | None:
    """The entry ``name`` when it verifies, unpickled; None for anything else."""
    folder = _folder(create=False)
    if folder is None:
        return None
    try:
        with open(folder / name, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError:  # missing (first run), unreadable ...
        return None
    n = len(MAGIC) + 32
    if len(raw) > MAX_FILE_BYTES or len(raw) <= n or not raw.startswith(MAGIC):
        return None
    secret = _secret(folder, create=False)
    if secret is None:
        return None
    mac, payload = raw[len(MAGIC):n], raw[n:]
    if not hmac.compare_digest(mac, _mac(secret, name, payload)):
        return None  # damaged or not written with this secret: never unpickled
    # the collector paused while unpickling ~100,000 objects that live as long as the process (later
    # collections, when the first check compiles the queries it needs, then skip them)
    resume_gc = pause_gc()
    try:
        entry = pickle.loads(payload)
    finally:
        resume_gc()
    return entry if type(entry) is dict else None


def _write(name: str, entry: dict) -> None:
    folder = _folder(create=True)
    if folder is None:
        return
    secret = _secret(folder, create=True)
    if secret is None:
        return
    payload = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    write_atomic(folder / name, MAGIC + _mac(secret, name, payload) + payload, 0o600)
    entries = sorted(folder.glob("*.pack"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-MAX_ENTRIES]:
        old.unlink()


def _restore(name: str, salt: str, only: list[str], skip: list[str], fail_under, fail_on) -> "Checker | None":
    from .engine import Checker
    from .query import QueryIndex

    entry = _read(name)
    if entry is None or entry.get("salt") != salt:
        return None
    ruleset = entry["ruleset"]
    if entry["manifest"] != _manifest(ruleset.sources):
        return None  # a rule file, pack.yaml or folder changed since: load it again
    compiled = (QueryIndex.restore(entry["index"]), entry["handles"])
    return Checker(ruleset, only=only, skip=skip, fail_under=fail_under, fail_on=fail_on, compiled=compiled)


def load_checker(rules: Iterable[str] | None = None, *, only: Iterable[str] = (), skip: Iterable[str] = (),
                 fail_under: float | None = None, fail_on: str = "critical") -> "Checker":
    """``Checker(load_ruleset(rules), ...)``: the same checker, restored from the pack cache when the pack and
    turncheck are unchanged since a run stored it, else built (and stored)."""
    rules, only, skip = [str(r) for r in rules or ()], list(only), list(skip)
    salt = name = None
    if not disabled():
        try:
            salt = _salt()
            name = _entry_name(rules, only, skip) if salt else None
            if name is not None:
                checker = _restore(name, salt, only, skip, fail_under, fail_on)  # type: ignore[arg-type]
                if checker is not None:
                    return checker
        except Exception:  # a cache must never stop a run: whatever went wrong, build it as without one
            pass
    from .engine import Checker
    from .rules.loader import load_ruleset

    ruleset = load_ruleset(rules or None)
    manifest = None
    if name is not None:
        try:  # what the files are now, right after reading them (an edit from now on is a miss next time)
            manifest = _manifest(ruleset.sources)
        except Exception:
            pass
    checker = Checker(ruleset, only=only, skip=skip, fail_under=fail_under, fail_on=fail_on)
    if manifest is not None:
        try:
            _write(name, {"salt": salt, "manifest": manifest, "ruleset": ruleset,  # type: ignore[arg-type]
                          "index": checker.index.snapshot(), "handles": checker.query_handles})
        except Exception:  # read-only, full, permission denied, something that does not pickle: not stored
            pass
    return checker
