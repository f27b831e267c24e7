"""YAML loading that remembers where every key and value came from.

PyYAML's composer gives each node a start mark; we convert the node tree to
plain Python while recording ``path -> line`` so that a validation error on
``check.kind`` can be reported as ``apology.yaml:7``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import ReadError, RuleError
from .located import Located, Path_  # noqa: F401  (Located lives there: unpickling one needs no yaml)


#: libyaml's parser, when PyYAML was built with it: composes a rule pack ~10x faster than the pure-Python
#: one (30 ms of every start-up for the default pack). Same nodes and marks; see _compose for the exceptions.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, fast: bool = True) -> yaml.Node | None:
    """``yaml.compose(text, Loader=yaml.SafeLoader)``, through libyaml when that cannot change the outcome.

    libyaml accepts some tabs that PyYAML rejects (in flow collections), so text with a tab takes the
    pure-Python parser; and any failure of libyaml is redone by it, so errors are PyYAML's own, word for word.
    """
    if fast and _FAST_LOADER is not None and "\t" not in text:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except Exception:  # noqa: BLE001 - the pure-Python parser below says what is wrong, as it always did
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


#: the tags a rule or waiver file may carry (written or implied): plain data only. Anything else (``!!python/name``,
#: ``!!set``, a local ``!tag``) is refused with its file:line rather than constructed or ignored.
_YAML = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))


def _first_alias(text: str) -> tuple[int, int] | None:
    """(1-based line, column) of the first alias (``*name``) in ``text``, from the event stream (which does not
    expand aliases, so this is cheap whatever the aliases would expand to)."""
    loader = _FAST_LOADER if _FAST_LOADER is not None and "\t" not in text else yaml.SafeLoader
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1, event.start_mark.column + 1
    except yaml.YAMLError:  # pragma: no cover - the text composed already
        pass
    return None


class _Refused(Exception):
    """An alias met while converting (the caller finds where it is written)."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _convert(node: yaml.Node, path: Path_, lines: dict[Path_, int], file: str,
             marks: dict[Path_, tuple[int, int, str | None]] | None = None,
             constructor: yaml.constructor.SafeConstructor | None = None, seen: set[int] | None = None) -> Any:
    if constructor is None:
        constructor = yaml.constructor.SafeConstructor()
    if seen is None:
        seen = set()
    # the composer makes a new node for every node written, and hands out the same node again for an alias:
    # a node met twice is an alias. Aliases are refused, so a "billion laughs" file or a self-referential
    # anchor cannot blow up memory or the stack here
    if id(node) in seen:
        raise _Refused(node)
    seen.add(id(node))
    if node.tag not in ALLOWED_TAGS:
        tag = node.tag[len(_YAML):] if node.tag.startswith(_YAML) else node.tag
        shown = "!!" + tag if node.tag.startswith(_YAML) else tag
        raise RuleError(f"YAML tag {shown} is not allowed: rule and waiver files hold plain data "
                        f"(strings, numbers, booleans, dates, lists, mappings)", file=file,
                        line=node.start_mark.line + 1, column=node.start_mark.column + 1)
    lines.setdefault(path, node.start_mark.line + 1)
    if marks is not None and isinstance(node, yaml.ScalarNode):
        # a plain scalar's style is None from PyYAML's parser, "" from libyaml's
        marks[path] = (node.start_mark.line, node.start_mark.column, node.style or None)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path + ("<key>",), {}, file, constructor=constructor, seen=seen)
            if isinstance(key, (list, dict)):
                raise RuleError("a mapping key must be a plain value", file=file, line=key_node.start_mark.line + 1)
            if key in out:
                raise RuleError(f"duplicate key {key!r}", file=file, line=key_node.start_mark.line + 1)
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, path + (key,), lines, file, marks, constructor, seen)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines, file, marks, constructor, seen) for i, item in enumerate(node.value)]
    # scalars: let the safe constructor resolve ints, floats, bools, nulls (one constructor per file: a whole
    # SafeLoader per scalar, reader and scanner included, cost more than the value)
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # e.g. "!!int x", "!!timestamp 2026-13-45"
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(f"invalid YAML value: {problem}", file=file, line=node.start_mark.line + 1,
                        column=node.start_mark.column + 1) from None


#: a rule or waiver file larger than this is refused (a real one is a few kilobytes)
MAX_YAML_BYTES = 4 * 1024 * 1024


def read_yaml_text(path: Path) -> str:
    """A rule or waiver file's text: a regular file only (a FIFO or /dev/zero would hang or fill memory), at most
    :data:`MAX_YAML_BYTES`; :class:`ReadError` otherwise."""
    from ..transcripts.decode import read_bytes

    return read_bytes(str(path), max_bytes=MAX_YAML_BYTES).decode("utf-8-sig")


def load_yaml(path: Path, text: str | None = None) -> Located:
    file = str(path)
    try:
        if text is None:
            text = read_yaml_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", file=file) from None
    except ReadError as exc:
        raise RuleError(f"cannot read rule file: {exc.message}", file=file) from None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise RuleError(f"invalid YAML: {exc.problem or exc}", file=file, line=line, column=column) from None
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {exc}", file=file) from None
    except RecursionError:
        raise RuleError("invalid YAML: nested too deeply", file=file) from None
    if node is None:
        return Located({}, {(): 1}, file)
    lines: dict[Path_, int] = {}
    marks: dict[Path_, tuple[int, int, str | None]] = {}
    try:
        data = _convert(node, (), lines, file, marks)
    except _Refused as exc:
        where = _first_alias(text)
        line, column = where if where else (exc.node.start_mark.line + 1, None)
        raise RuleError("YAML aliases (*name) are not allowed in rule and waiver files: write the value out",
                        file=file, line=line, column=column) from None
    except RecursionError:
        raise RuleError("invalid YAML: nested too deeply", file=file) from None
    return Located(data, lines, file, marks, text)
