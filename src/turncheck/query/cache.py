"""A persistent cache of parsed queries, so that a rule set compiles without the parser.

Parsing the ~40 queries of the default pack with pyparsing is most of the
time ``Checker(load_ruleset())`` takes (and every ``--jobs N`` worker pays it
again). The trees do not change between runs, so they are kept on disk:

* **where**: ``$TURNCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/turncheck``,
  else ``~/.cache/turncheck`` (``%LOCALAPPDATA%\\turncheck`` on Windows), in
  ``queries/``: one JSON file per rule set (its name and the folders it was
  loaded from), holding the queries its last compiles used. Set
  ``TURNCHECK_NO_QUERY_CACHE=1`` to neither read nor write it.
* **key** of a tree: a hash of the query text and of every ``@name``
  definition it may use (found transitively by a scan for ``@``, so an edit to
  a definition re-parses only the queries that refer to it). The file as a
  whole is only used when it was written by the same turncheck version, the
  same Unicode tables and the same source of the parser, the tree classes and
  the text normalisation (a hash of ``grammar.py``, ``ast.py`` and
  ``text.py``, so an edit in a checkout does not need a version bump).
* **format**: JSON of plain lists (never pickle: the folder may be shared),
  checked node by node when read; anything unexpected is a miss.
* **never in the way**: an unreadable, corrupt or foreign file is ignored and
  the query is parsed; a folder that cannot be written (read-only home,
  permission denied) just means nothing is stored, and a home folder that
  does not exist is not made. Files are replaced atomically (temporary file +
  ``os.replace``), so parallel writers never leave a torn file, and get the
  permissions the umask gives (a cache folder may be shared on purpose).
  Only successful parses are stored: a query with a syntax error is parsed,
  and reported, every time.

:func:`parse_query` consults the cache only inside :func:`query_cache` (which
:class:`~turncheck.engine.Checker` uses around compiling a rule set); a
direct call outside one always parses.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

import orjson

from ..atomicfile import write_atomic
from ..text import LazyPattern
from .ast import And, Fuzzy, Near, Not, Or, Phrase, Query, Regex

__all__ = ["QueryCache", "active", "cache_dir", "query_cache"]

#: bump when the file layout or the node encoding changes
FORMAT = 1
ENV_DIR = "TURNCHECK_CACHE_DIR"
ENV_OFF = "TURNCHECK_NO_QUERY_CACHE"
SUBDIR = "queries"
#: a cache file larger than this is not read (it cannot be ours)
MAX_FILE_BYTES = 32 * 1024 * 1024
#: entries kept per file: those used by the last compile first, then older ones up to this many
MAX_ENTRIES = 2000
#: deepest tree stored or read (the parser refuses anything deeper than 4 * MAX_DEPTH = 256)
MAX_NODE_DEPTH = 300

#: ``@name`` as the grammar reads it (a reference token runs to whitespace, a parenthesis or a quote);
#: found anywhere in the text, so this over-approximates the names a query uses, which only costs a key change
_REF_RE = LazyPattern(r"@([^\s()\"\u201c\u201d]*)")
#: the modules whose code decides what tree a query text parses to
_PARSER_SOURCES = ("query/grammar.py", "query/ast.py", "text.py")

_ACTIVE = threading.local()


def cache_dir() -> Path | None:
    """The root of turncheck's own cache folder (None when there is no home folder to put it in)."""
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "turncheck"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative value is invalid and must be ignored
        return Path(xdg) / "turncheck"
    try:
        home = Path.home()
        if not home.is_dir():  # e.g. HOME=/nonexistent for a service account: make no home folder
            return None
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
        return None
    return home / ".cache" / "turncheck"


def disabled() -> bool:
    return os.environ.get(ENV_OFF, "").strip().lower() not in ("", "0", "false", "no", "off")


_SALT: list[str] = []


def _salt() -> str | None:
    """What, besides the query and its definitions, decides a tree: None if it cannot be known."""
    if not _SALT:
        import turncheck

        h = hashlib.sha256(f"{FORMAT}\0{turncheck.__version__}\0{unicodedata.unidata_version}\0".encode())
        root = Path(__file__).resolve().parent.parent
        try:
            for rel in _PARSER_SOURCES:
                h.update((root / rel).read_bytes())
        except OSError:  # e.g. a zip import: no way to tell an edited parser from the one that wrote the file
            _SALT.append("")
        else:
            _SALT.append(h.hexdigest())
    return _SALT[0] or None


# --- the node encoding --------------------------------------------------------------------------------


def encode(node: Query) -> Any:
    """A tree as nested lists of strings and ints (JSON-ready)."""
    t = type(node)
    if t is Phrase:
        return ["p", list(node.words), node.text]
    if t is Or:
        return ["o", [encode(i) for i in node.items]]
    if t is And:
        return ["a", [encode(i) for i in node.items]]
    if t is Near:
        return ["n", encode(node.left), encode(node.right), node.distance]
    if t is Not:
        return ["x", encode(node.item)]
    if t is Regex:
        return ["r", node.pattern]
    if t is Fuzzy:
        return ["f", node.word]
    raise TypeError(f"cannot store a {t.__name__} node")


class _Bad(Exception):
    """An entry that is not a tree this version writes."""


def decode(data: Any, depth: int = 0) -> Query:
    """The tree :func:`encode` gave ``data``; :class:`_Bad` (or a ValueError/TypeError from a node's own
    checks) for anything else."""
    if depth > MAX_NODE_DEPTH or type(data) is not list or not data:
        raise _Bad
    tag, n = data[0], len(data)
    if tag == "p" and n == 3:
        words, text = data[1], data[2]
        if type(words) is not list or not words or not all(type(w) is str and w for w in words) \
                or not (text is None or type(text) is str):
            raise _Bad
        return Phrase(tuple(words), text=text)
    if tag in ("o", "a") and n == 2:
        items = data[1]
        if type(items) is not list or len(items) < 2:
            raise _Bad
        kind = Or if tag == "o" else And
        out = tuple(decode(i, depth + 1) for i in items)
        if any(type(i) is kind for i in out):  # the parser flattens: a nested node of its own kind is not ours
            raise _Bad
        return kind(out)
    if tag == "n" and n == 4:
        dist = data[3]
        if type(dist) is not int or dist < 0:
            raise _Bad
        return Near(decode(data[1], depth + 1), decode(data[2], depth + 1), dist)
    if tag == "x" and n == 2:
        return Not(decode(data[1], depth + 1))
    if tag == "r" and n == 2 and type(data[1]) is str and data[1]:
        return Regex(data[1])
    if tag == "f" and n == 2 and type(data[1]) is str and data[1]:
        return Fuzzy(data[1])
    raise _Bad


_new = object.__new__
_set = object.__setattr__


def decode_trusted(data: Any) -> Query:
    """The tree :func:`encode` gave ``data``, for data this code wrote itself and nobody could have changed (an
    HMAC-verified pack-cache entry): the nodes :func:`decode` builds, without its checks or the nodes' own
    (already flattened, already tuples), several times faster. Never for anything read from a plain file."""
    tag = data[0]
    if tag == "p":
        node = _new(Phrase)
        _set(node, "words", tuple(data[1]))
        _set(node, "text", data[2])
    elif tag == "o" or tag == "a":
        node = _new(Or if tag == "o" else And)
        _set(node, "items", tuple([decode_trusted(i) for i in data[1]]))
    elif tag == "n":
        node = _new(Near)
        _set(node, "left", decode_trusted(data[1]))
        _set(node, "right", decode_trusted(data[2]))
        _set(node, "distance", data[3])
    elif tag == "x":
        node = _new(Not)
        _set(node, "item", decode_trusted(data[1]))
    elif tag == "r":
        node = _new(Regex)
        _set(node, "pattern", data[1])
    elif tag == "f":
        node = _new(Fuzzy)
        _set(node, "word", data[1])
    else:
        raise ValueError(f"not an encoded query node: {tag!r}")
    return node


# --- the store --------------------------------------------------------------------------------------


class QueryCache:
    """The parsed queries of one rule set: read once, looked up by key, written back when something changed."""

    def __init__(self, path: Path, salt: str) -> None:
        self.path = path
        self.salt = salt
        self._stored: dict[str, Any] = {}  # key -> encoded tree, as read from the file
        self._used: dict[str, Any] = {}  # key -> encoded tree, what this compile used (file order)
        self.hits = self.misses = 0
        self._dirty = False
        self._read()

    def _read(self) -> None:
        try:
            with open(self.path, "rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)
        except OSError:  # missing (first run), unreadable, a folder ...: nothing cached
            return
        if len(raw) > MAX_FILE_BYTES:
            return
        try:
            doc = orjson.loads(raw)
        except (orjson.JSONDecodeError, RecursionError):
            return
        if (type(doc) is dict and doc.get("format") == FORMAT and doc.get("salt") == self.salt
                and type(doc.get("entries")) is dict):
            self._stored = doc["entries"]

    # keys

    def _deps(self, text: str, definitions: Mapping[str, Any]) -> list | None:
        """``[name, body]`` of every definition ``text`` may use, transitively, sorted (body None: undefined).
        None when a body is not a string (an error the parser reports)."""
        seen: dict[str, str | None] = {}
        todo = [m.group(1) for m in _REF_RE.finditer(text)]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            body = definitions.get(name)
            if body is not None and type(body) is not str:
                return None
            seen[name] = body
            if body is not None and "@" in body:
                todo.extend(m.group(1) for m in _REF_RE.finditer(body))
        return sorted(seen.items())

    def key(self, text: str, definitions: Mapping[str, Any] | None) -> str | None:
        """The key of ``text``'s tree; None for a query the cache does not handle (it is just parsed)."""
        try:
            deps = self._deps(text, definitions or {}) if "@" in text else []
            if deps is None:
                return None
            return hashlib.sha256(orjson.dumps([text, deps])).hexdigest()
        except (TypeError, ValueError, AttributeError):  # e.g. a lone surrogate, which JSON cannot hold
            return None

    # lookups

    def get(self, key: str) -> Query | None:
        data = self._stored.get(key)
        if data is not None:
            try:
                node = decode(data)
            except (_Bad, ValueError, TypeError, RecursionError):
                node = None
            if node is not None:
                self.hits += 1
                self._used[key] = data
                return node
            del self._stored[key]  # damaged: parse and store it again
            self._dirty = True
        self.misses += 1
        return None

    def put(self, key: str, node: Query) -> None:
        try:
            data = encode(node)
        except (TypeError, RecursionError):  # pragma: no cover - every parser node encodes
            return
        self._used[key] = data
        self._dirty = True

    def save(self) -> None:
        """Write the file if this compile parsed anything; never raises."""
        if not self._dirty:
            return
        self._dirty = False
        entries = dict(self._used)
        for key, data in self._stored.items():
            if len(entries) >= MAX_ENTRIES:
                break
            entries.setdefault(key, data)
        try:
            payload = orjson.dumps({"format": FORMAT, "salt": self.salt, "entries": entries})
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # the permissions the umask gives any file (not mkstemp's 0600: the folder may be shared on purpose,
            # with TURNCHECK_CACHE_DIR)
            write_atomic(self.path, payload, 0o666)
        except (OSError, TypeError, ValueError):  # read-only, full, permission denied ...: just not stored
            pass


def _file_name(label: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", label.split("\0", 1)[0])[:40].strip("-.") or "rules"
    return f"{slug}-{hashlib.sha256(label.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.json"


def open_cache(label: str) -> QueryCache | None:
    """The cache file for the rule set ``label`` (None when the cache is off or has no home)."""
    if disabled():
        return None
    try:
        root = cache_dir()
        salt = _salt()
        if root is None or salt is None:
            return None
        return QueryCache(root / SUBDIR / _file_name(label), salt)
    except Exception:  # the cache must never stop a compile
        return None


def active() -> QueryCache | None:
    """The cache of the :func:`query_cache` block this thread is in, if any."""
    return getattr(_ACTIVE, "cache", None)


@contextmanager
def query_cache(label: str) -> Iterator[QueryCache | None]:
    """Within this block, :func:`~turncheck.query.parse_query` reuses and stores trees in the cache of the
    rule set ``label``; the file is written at the end (also when a query had a syntax error, so the ones
    that parsed need not be parsed again after the fix)."""
    cache = open_cache(label)
    previous = active()
    _ACTIVE.cache = cache
    try:
        yield cache
    finally:
        _ACTIVE.cache = previous
        if cache is not None:
            cache.save()
