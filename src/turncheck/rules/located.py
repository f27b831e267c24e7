"""Where every key and value of a YAML file came from (:class:`Located`), apart from the YAML loading of
:mod:`turncheck.rules.yamlsource`: a rule set restored from the pack cache carries these, and unpickling
them should not import PyYAML (~20 ms of start-up)."""

from __future__ import annotations

from typing import Any

Path_ = tuple[Any, ...]


class Located:
    """Plain data plus a map from key paths to 1-based lines."""

    def __init__(self, data: Any, lines: dict[Path_, int], file: str,
                 marks: dict[Path_, tuple[int, int, str | None]] | None = None, text: str = "") -> None:
        self.data = data
        self.lines = lines
        self.file = file
        #: where each scalar value starts: (0-based line, 0-based column, style)
        self.marks = marks or {}
        self.text_lines = text.splitlines()

    def position(self, path: Path_, offset: int) -> tuple[int | None, int | None]:
        """1-based (line, column) in the file of character ``offset`` of the scalar at ``path``.

        Exact for plain, quoted and block (``>``/``|``) scalars written one value per line, which is how
        rule files write queries; otherwise the value's own line with no column.
        """
        mark = self.marks.get(tuple(path))
        if mark is None:
            return self.line_of(path), None
        line0, col0, style = mark
        if style in (None, "", '"', "'"):
            if line0 < len(self.text_lines) and offset < len(self.text_lines[line0]) - col0:
                return line0 + 1, col0 + (1 if style in ('"', "'") else 0) + offset + 1
            return line0 + 1, None
        consumed = 0
        head = self.text_lines[line0] if line0 < len(self.text_lines) else ""
        base_indent = len(head) - len(head.lstrip())
        last: tuple[int, int] | None = None
        for i in range(line0 + 1, len(self.text_lines)):
            raw = self.text_lines[i]
            content = raw.strip()
            if not content:
                consumed += 1
                continue
            indent = len(raw) - len(raw.lstrip())
            if indent <= base_indent:
                break  # the block scalar has ended
            if offset < consumed + len(content):
                return i + 1, indent + (offset - consumed) + 1
            consumed += len(content) + 1
            last = (i + 1, indent + len(content) + 1)
        if last is not None:  # an error at the very end of the query
            return last
        return line0 + 1, None

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path`` or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)
