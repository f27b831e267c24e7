"""The project's own errors.

Every error a user can cause (a bad transcript, a bad rule file, a bad query)
is a :class:`TurncheckError` carrying the file, line and column it is about,
so the CLI can print ``error: <file>:<line>:<col>: <what is wrong>`` and never
a traceback.
"""

from __future__ import annotations


class TurncheckError(Exception):
    """Base class: a message plus where it happened and an optional hint."""

    kind = "error"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint

    def located(self, file: str | None = None, line: int | None = None) -> "TurncheckError":
        """Fill in the file (and line) if the raiser did not know them."""
        if self.file is None and file is not None:
            self.file = file
        if self.line is None and line is not None:
            self.line = line
        return self

    @property
    def location(self) -> str:
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def format(self) -> str:
        """``<file>:<line>:<col>: message (hint)``: one line, no traceback."""
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def __str__(self) -> str:
        return self.format()


class InputError(TurncheckError):
    """A transcript could not be parsed."""

    kind = "parse"


class ReadError(InputError):
    """A transcript could not be read or decoded."""

    kind = "read"


class UnknownFormatError(InputError):
    """No importer recognises the input."""

    kind = "parse"


class RuleError(TurncheckError):
    """A rule file or rule pack is invalid."""

    kind = "rule"


class RuleErrors(RuleError):
    """Several rule files (or rules) are invalid: all of them are reported at once, not one per run.

    Its file, line and message are the first error's; :attr:`errors` holds every one, and :meth:`format`
    gives one line each (the CLI prints each as ``error: ...``)."""

    def __init__(self, errors: list[TurncheckError]) -> None:
        first = errors[0]
        super().__init__(first.message, file=first.file, line=first.line, column=first.column, hint=first.hint)
        self.errors = list(errors)

    @staticmethod
    def raise_if_any(errors: list[TurncheckError]) -> None:
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise RuleErrors(errors)

    def format(self) -> str:
        return "\nerror: ".join(e.format() for e in self.errors)


class QuerySyntaxError(RuleError):
    """A phrase query does not parse. ``column`` is 1-based within the query."""


class OutputError(TurncheckError):
    """The report could not be written (a full disk, a missing folder, no permission)."""

    kind = "output"


class UsageError(TurncheckError):
    """The command line or configuration is wrong."""

    kind = "usage"
