"""Project defaults for ``turncheck check`` from ``turncheck.toml`` or ``[tool.turncheck]`` in ``pyproject.toml``.

The file is found by walking up from the current directory (like ruff and
sqlfluff): in each folder ``turncheck.toml`` is used if present, else a
``pyproject.toml`` that has a ``[tool.turncheck]`` table; the first one found
wins. ``--config FILE`` names one explicitly, ``--no-config`` ignores them.

Every key is a long option of ``turncheck check`` (``fail-under`` or
``fail_under`` alike); options given on the command line override the file.
Paths (``rules``, ``waivers``, ``cache``) are relative to the file's folder.
Unknown keys and wrong types are errors with the file, the line and a "did
you mean".

    # turncheck.toml
    rules = ["compliance/rules"]
    format = "jsonl"
    fail-under = 80
    fail-on = "major"
    waivers = "compliance/waivers.yaml"
    jobs = 4
    cache = ".turncheck-cache"
    skip = ["customer-name"]
    extend-exclude = ["drafts/", "*.notes.txt"]   # folder scans skip these (gitignore syntax)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .suggest import suggest

if TYPE_CHECKING:
    from ._configmodel import CheckConfig

CONFIG_FILE = "turncheck.toml"
PYPROJECT = "pyproject.toml"
PATH_KEYS = ("rules", "waivers", "cache")


@dataclass
class Config:
    """Validated settings and where they came from (``file`` is None when no file was found)."""

    #: None when there is no file: every key then has its default (``check --no-config`` never builds the
    #: pydantic model of the file's keys, ~20 ms of start-up)
    values: "CheckConfig | None" = None
    file: str | None = None

    def get(self, key: str, default: Any = None) -> Any:
        if self.values is None:
            return default
        value = getattr(self.values, key)
        return default if value is None else value


def __getattr__(name: str) -> Any:
    if name == "CheckConfig":  # made on first use: see Config.values
        from ._configmodel import CheckConfig

        return CheckConfig
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``turncheck.toml``, or ``pyproject.toml`` with ``[tool.turncheck]``, at or above ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[\s*tool\s*\.\s*turncheck\s*[\].]", text, re.M):
                return pyproject
    return None


def load_config(path: str | Path | None = None, *, discover: bool = True) -> Config:
    """Read ``path`` (or the discovered file); an empty :class:`Config` when there is none."""
    if path is None:
        if not discover:
            return Config()
        path = find_config()
        if path is None:
            return Config()
    path = Path(path)
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the config file: {getattr(exc, 'strerror', None) or exc}", file=file) from None
    import tomllib

    from pydantic import ValidationError

    from ._configmodel import CheckConfig

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise UsageError(f"invalid TOML: {message}", file=file, line=int(m.group(1)) if m else None,
                         column=int(m.group(2)) if m else None) from None
    table: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        table = ("tool", "turncheck")
        data = doc.get("tool", {}).get("turncheck", {})
    else:
        data = doc
    if not isinstance(data, dict):
        raise UsageError("[tool.turncheck] must be a table", file=file, line=_key_line(text, (), "tool"))
    normal: dict[str, Any] = {}
    originals: dict[str, str] = {}
    for key, value in data.items():
        norm = key.replace("-", "_")
        if norm in normal:
            raise UsageError(f"{key!r} is given twice (as {originals[norm]!r} too)", file=file,
                             line=_key_line(text, table, key))
        normal[norm] = value
        originals[norm] = key
    try:
        values = CheckConfig.model_validate(normal)
    except ValidationError as exc:
        errors = exc.errors()
        err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        norm = str(err["loc"][0]) if err["loc"] else ""
        key = originals.get(norm, norm)
        line = _key_line(text, table, key)
        if err["type"] == "extra_forbidden":
            choices = [k.replace("_", "-") for k in CheckConfig.model_fields]
            raise UsageError(f"unknown key {key!r}", file=file, line=line,
                             hint=suggest(key.replace("_", "-"), choices)) from None
        raise UsageError(f"{key}: {err['msg']}", file=file, line=line) from None
    base = path.parent
    if values.rules:
        values.rules = [str(base / r) for r in values.rules]
    for key in ("waivers", "cache"):
        value = getattr(values, key)
        if value:
            setattr(values, key, str(base / value))
    return Config(values, file)


def _key_line(text: str, table: tuple[str, ...], key: str) -> int | None:
    """The line of ``key`` inside ``[table]`` (tomllib keeps no positions, so this scans the text)."""
    current: tuple[str, ...] = ()
    header = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
    for number, line in enumerate(text.splitlines(), 1):
        m = header.match(line)
        if m:
            current = tuple(p.strip().strip('"\'') for p in m.group(1).split("."))
            continue
        if current != table:
            continue
        km = re.match(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""", line)
        if km and (km.group(1) or km.group(2) or km.group(3)) == key:
            return number
    return None
