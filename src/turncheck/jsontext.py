"""JSON text that never fails on odd strings.

orjson (and pydantic's serializer) refuse strings holding lone surrogates:
Python's ``surrogateescape`` form of a file name that is not valid UTF-8
(``b"bad\\xffname.txt"`` is ``"bad\\udcffname.txt"``). Those are rare, so the fast
path stays orjson, and only a failure takes the standard library, whose
output escapes each lone surrogate as ``\\udcff``: valid JSON that Python's
``json.loads`` reads back to the same string (``os.fsencode`` then gives the
original bytes), so the name is kept losslessly.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

_SURROGATE = re.compile("[\ud800-\udfff]")


def _default(obj: Any) -> Any:
    iso = getattr(obj, "isoformat", None)
    if iso is not None:
        return iso()
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(obj: Any, *, indent: bool = False) -> str:
    """``obj`` as JSON text (compact, or indented by 2); lone surrogates escaped rather than refused."""
    option = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    try:
        return orjson.dumps(obj, option=option).decode()
    except orjson.JSONEncodeError:
        text = json.dumps(obj, ensure_ascii=False, indent=2 if indent else None,
                          separators=(",", ": ") if indent else (",", ":"), default=_default)
        return _SURROGATE.sub(_escape, text)


def loads(data: bytes | str) -> Any:
    """Parse JSON text; escaped lone surrogates (as :func:`dumps` writes them) come back as they were."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)
