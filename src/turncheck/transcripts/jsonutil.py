"""JSON plumbing shared by the JSON importers.

- :func:`load_json` parses a whole document with orjson, or JSON Lines (one
  value per line), and turns syntax errors into :class:`InputError` with the
  line and column (positions and messages from the stdlib parser, which is
  only run on the error path).
- :class:`Fields` reads typed values at a JSON path and raises errors that
  name the path (``$.results.items[3].start_time: not a number``).
- :func:`element_lines` finds the source line of each object of one array
  (for ``Turn.line``) with a C-speed tokenizer, stopping at the array's end.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import orjson

from ..errors import InputError
from ..text import LazyPattern


@dataclass
class JsonDoc:
    """A parsed JSON (or JSON Lines) document."""

    text: str
    data: Any
    #: JSON Lines: ``[(line, value-or-InputError), ...]`` (``data`` is then the list of values)
    records: list[tuple[int, Any]] | None = None
    _newlines: list[int] | None = field(default=None, repr=False)

    @property
    def jsonl(self) -> bool:
        return self.records is not None

    def line_of(self, pos: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._newlines, pos) + 1


def json_error(text: str, source: str | None, line_offset: int = 0) -> InputError:
    """The InputError for text that orjson refused: stdlib message and position."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        msg, line, col = exc.msg, exc.lineno, exc.colno
        if exc.pos >= len(text.rstrip()):
            msg = f"unexpected end of file, truncated? ({exc.msg})"
    except (ValueError, RecursionError) as exc:  # pragma: no cover - exotic
        msg, line, col = str(exc), 1, None
    else:  # stdlib accepted what orjson refused (e.g. NaN, big ints, lone surrogates)
        msg, line, col = "unsupported JSON value (NaN, Infinity or invalid unicode)", 1, None
    return InputError(f"invalid JSON: {msg}", file=source, line=line + line_offset, column=col)


def _loads(text: str) -> Any:
    # orjson takes exact str only (not the Decoded subclass)
    return orjson.loads(text if type(text) is str else str.__str__(text))


def looks_like_json(text: str) -> bool:
    head = text.lstrip()[:1]
    return head in ("{", "[")


def load_json(text: str, source: str | None = None) -> JsonDoc:
    """Parse JSON or JSON Lines; raise InputError (with line/column) when it is neither."""
    try:
        return JsonDoc(text, _loads(text))
    except orjson.JSONDecodeError:
        pass
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", file=source, line=1) from None
    lines = text.split("\n")
    records: list[tuple[int, Any]] = []
    good = 0
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            value = _loads(line)
            good += 1
        except (orjson.JSONDecodeError, RecursionError):
            if good == 0:  # not JSON Lines either: report the whole-document error
                raise json_error(text, source) from None
            value = json_error(line, source, no - 1)
        records.append((no, value))
    if not records:
        raise json_error(text, source)
    return JsonDoc(text, [v for _, v in records], records)


# -- typed access ------------------------------------------------------------------------------

_HMS = LazyPattern(r"^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)\s*$")


def parse_iso(value: str) -> float | None:
    """ISO 8601 date-time -> Unix epoch seconds (UTC when no offset), else None."""
    v = value.strip()
    if len(v) < 10 or not v[:4].isdigit() or v[4] not in "-/":
        return None
    if v.endswith(("Z", "z")):
        v = v[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(v.replace("/", "-"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


def parse_clock(value: str) -> float | None:
    """``HH:MM:SS(.fff)`` / ``MM:SS`` -> seconds, else None."""
    m = _HMS.match(value)
    if not m:
        return None
    h, mi, s = m.groups()
    return int(h or 0) * 3600 + int(mi) * 60 + float(s.replace(",", "."))


def jpath(base: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{base}.{key}"
    return f"{base}[{json.dumps(key)}]"


class Fields:
    """Typed reads from a JSON object with errors naming the JSON path."""

    __slots__ = ("source", "line")

    def __init__(self, source: str | None, line: int | None = None) -> None:
        self.source = source
        self.line = line

    def error(self, path: str, what: str, line: int | None = None) -> InputError:
        return InputError(f"{path}: {what}", file=self.source, line=line if line is not None else self.line)

    def obj(self, value: Any, path: str, line: int | None = None) -> dict:
        if not isinstance(value, dict):
            raise self.error(path, f"expected an object, got {type_name(value)}", line)
        return value

    def arr(self, value: Any, path: str, line: int | None = None) -> list:
        if not isinstance(value, list):
            raise self.error(path, f"expected an array, got {type_name(value)}", line)
        return value

    def opt_arr(self, value: Any, path: str, line: int | None = None) -> list:
        """An array that may be left out: ``None`` (or an empty value) reads as ``[]``; ``true`` or a number is
        an error, not a crash in the loop that walks it."""
        if value is None or (not value and not isinstance(value, (int, float))):
            return []
        return self.arr(value, path, line)

    def text(self, value: Any, path: str, line: int | None = None, *, required: bool = True) -> str | None:
        if value is None:
            if required:
                raise self.error(path, "missing", line)
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, list) and all(isinstance(v, (str, dict)) for v in value):
            # content parts: ["a", {"type": "text", "text": "b"}]
            parts = [v if isinstance(v, str) else v.get("text") or v.get("value") or "" for v in value]
            if all(isinstance(p, str) for p in parts):
                return " ".join(p for p in parts if p)
        raise self.error(path, f"not a string (got {type_name(value)})", line)

    def number(self, value: Any, path: str, line: int | None = None, *, scale: float = 1.0) -> float | None:
        """A time in seconds: number, numeric string, ``HH:MM:SS.fff`` or ISO date-time (epoch)."""
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise self.error(path, "not a number (got a boolean)", line)
        if isinstance(value, (int, float)):
            result = float(value) / scale if scale != 1.0 else float(value)
        elif isinstance(value, str):
            try:
                result = float(value) / scale if scale != 1.0 else float(value)
            except ValueError:
                result = parse_clock(value)
                if result is None:
                    result = parse_iso(value)
                if result is None:
                    raise self.error(path, f"not a number or time: {value[:40]!r}", line) from None
        else:
            raise self.error(path, f"not a number (got {type_name(value)})", line)
        if not math.isfinite(result):
            raise self.error(path, "not a finite number", line)
        return result


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


# -- line numbers of array elements ---------------------------------------------------------------

_TOKEN = LazyPattern(r'"((?:[^"\\\n]|\\.)*)"(\s*:)?|[{}\[\],]')


def element_lines(doc: JsonDoc, path: tuple[str | int, ...]) -> list[int] | None:
    """Source line of each element of the array at ``path`` (objects and arrays only;
    other elements get the line of the preceding structural token). None if not found."""
    text = doc.text
    if "\n" not in text.strip():
        return None
    target = len(path)
    stack: list[list] = []  # [is_array, index, key]
    found: list[int] = []
    inside = False
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        c = tok[0]
        if c == '"':
            if m.group(2) and stack and not stack[-1][0]:
                key = m.group(1)
                if "\\" in key:
                    try:
                        key = json.loads(f'"{key}"')
                    except ValueError:
                        pass
                stack[-1][2] = key
            continue
        if c in "{[":
            if inside and len(stack) == target + 1:
                found.append(m.start())
            stack.append([c == "[", 0, None])
            if not inside and c == "[" and len(stack) == target + 1:
                inside = all(
                    (fr[1] if fr[0] else fr[2]) == p for fr, p in zip(stack[:-1], path)
                )
        elif c in "}]":
            if not stack:
                return None
            stack.pop()
            if inside and len(stack) == target:
                break
        elif stack and stack[-1][0]:  # comma in an array
            stack[-1][1] += 1
    if not inside:
        return None
    return [doc.line_of(p) for p in found]
