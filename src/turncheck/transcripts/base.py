"""Importer registry: one small class per format, registered in one place.

An importer declares its ``name``, the file ``extensions`` it usually has, a
``sniff`` that scores the content (0.0 no, 1.0 certainly), and ``parse``
which returns one or more :class:`~turncheck.model.Transcript`.

Detection is by content signature first, extension second (see
:func:`turncheck.transcripts.detect`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterator

from ..model import Transcript


@dataclass(frozen=True)
class ImportOptions:
    """How to read a transcript beyond what the file itself says."""

    input_format: str = "auto"
    agent_speakers: tuple[str, ...] = ()
    customer_speakers: tuple[str, ...] = ()
    #: channel number/label -> role, e.g. {"0": "agent", "1": "customer"}
    channel_roles: dict[str, str] = field(default_factory=dict)
    #: CSV column mapping, e.g. {"speaker": "From", "text": "Message"}
    columns: dict[str, str] = field(default_factory=dict)
    #: infer roles when the file has none (greeting heuristics etc.)
    infer_roles: bool = True


class Importer:
    """Base class of a format importer. Subclass and decorate with :func:`register`."""

    name: ClassVar[str]
    description: ClassVar[str] = ""
    #: where the format comes from (vendor/tool), for ``turncheck formats``
    origin: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    #: what the format gives: "stated", "inferred" or "none" roles; timing "offsets", "absolute", "send times", "none"
    roles: ClassVar[str] = ""
    timing: ClassVar[str] = ""

    def sniff(self, text: str, path: str) -> float:  # pragma: no cover - interface
        """How sure this importer is that ``text`` is its format (0..1)."""
        raise NotImplementedError

    def parse(self, text: str, source: str, options: ImportOptions) -> Transcript:  # pragma: no cover
        """Parse one transcript; raise :class:`~turncheck.errors.InputError` with a line on bad input."""
        raise NotImplementedError

    def parse_many(self, text: str, source: str, options: ImportOptions) -> Iterator[Transcript | Any]:
        """Formats that hold many transcripts per file (JSONL) override this."""
        yield self.parse(text, source, options)


REGISTRY: dict[str, Importer] = {}


def register(cls: type[Importer]) -> type[Importer]:
    REGISTRY[cls.name] = cls()
    return cls
