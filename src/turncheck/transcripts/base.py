"""Importer registry: one small class per format, registered in one place.

An importer declares its ``name``, the file ``extensions`` it usually has, a
``sniff`` that scores the content (0.0 no, 1.0 certainly), and ``parse``
which returns a :class:`~turncheck.model.Transcript`.

JSON formats subclass :class:`JsonImporter` and work on the already parsed
document (``sniff_data`` / ``parse_data``), so a file is parsed once however
many JSON importers look at it.

Every importer produces *raw turns* ``(role, speaker, text, start, end, line)``
-- ``role`` being what the file itself states, or ``None`` -- and hands them
to :meth:`Importer.build`, which applies options, file-given names, role
words and (optionally) the heuristic of :mod:`.roles`, and constructs the
models without re-validating them.

Detection is by content signature first, extension second (see
:func:`turncheck.transcripts.detect`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Iterator

from ..errors import InputError
from .decode import DEFAULT_MAX_BYTES
from ..model import Transcript, Turn, construct_turns
from .jsonutil import JsonDoc, load_json, looks_like_json
from .roles import RoleMapper, infer_roles

#: (stated role or None, speaker, text, start, end, line)
#: the most turns a transcript may have by default (``--max-turns``): a very long real chat has a few thousand
from ..limits import DEFAULT_MAX_TURNS  # noqa: E402  (re-exported)

def too_many_turns(turns: int, max_turns: int) -> str:
    return (f"{turns:,} turns, more than the {max_turns:,}-turn limit: not checked "
            f"(raise it with --max-turns, or max_turns in the config file)")


RawTurn = tuple[str | None, str | None, str, float | None, float | None, int | None]


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
    #: inputs larger than this many bytes are refused with an error record (``--max-bytes``; None: no limit)
    max_bytes: int | None = DEFAULT_MAX_BYTES
    #: transcripts with more turns are refused with an error record (``--max-turns``; None: no limit)
    max_turns: int | None = DEFAULT_MAX_TURNS


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

    # -- used by the API once detection has (maybe) parsed the JSON already -------------------

    def parse_detected(self, text: str, doc: JsonDoc | None, source: str, options: ImportOptions) -> Transcript:
        return self.parse(text, source, options)

    def iter_detected(self, text: str, doc: JsonDoc | None, source: str, options: ImportOptions) -> Iterator[Transcript | Any]:
        return self.parse_many(text, source, options)

    # -- shared construction ---------------------------------------------------------------

    def build(self, source: str, raw: list[RawTurn], metadata: dict[str, Any], options: ImportOptions,
              **how: Any) -> Transcript:
        """Resolve roles and construct the :class:`Transcript` in this format (see :func:`build_transcript`
        for the keyword options)."""
        return build_transcript(self.name, source, raw, metadata, options, **how)


def build_transcript(
    fmt: str,
    source: str,
    raw: list[RawTurn],
    metadata: dict[str, Any],
    options: ImportOptions,
    *,
    agent_names: Iterable[str] = (),
    customer_names: Iterable[str] = (),
    others_are_customers: bool = False,
    channel_keys: list[str] | None = None,
    found: str | None = None,
) -> Transcript:
    """Resolve roles and construct the :class:`Transcript`.

    ``others_are_customers``: the file names its agent (``# agent: Priya``),
    so any speaker not otherwise resolved is the customer.
    ``channel_keys``: speakers are audio channels in this order (for the
    channel-0 heuristic).
    ``found``: what the file holds, said in the "no turns found" error (default: how many
    entries there were, all without words).
    """
    # a cue or message with no words (only markup, an empty label) is not an utterance
    entries = len(raw)
    raw = [r for r in raw if r[2] and not r[2].isspace()]
    if not raw:
        if found is None:
            found = f"{entries} {'entry' if entries == 1 else 'entries'}, none with words" if entries else "no entries"
        raise InputError(f"no turns found (read as {fmt}: {found})", file=source)
    if options.max_turns is not None and len(raw) > options.max_turns:
        # before role inference and the turn objects: a huge transcript is refused at the least cost
        raise InputError(too_many_turns(len(raw), options.max_turns), file=source)
    agent_names = list(agent_names)
    mapper = RoleMapper.from_options(options, agent_names, customer_names)
    roles: list[str | None] = []
    sources: list[str | None] = []
    for stated, speaker, _text, _s, _e, _l in raw:
        role, src = mapper.resolve(speaker)
        if src != "option" and stated is not None:
            role, src = stated, "file"
        roles.append(role)
        sources.append(src)

    if others_are_customers and agent_names and "agent" in roles:
        for i, role in enumerate(roles):
            if role is None and raw[i][1]:
                roles[i], sources[i] = "customer", "file"

    warnings = _other_party(raw, roles, sources)

    evidence = None
    if options.infer_roles and "agent" not in roles and "customer" not in roles:
        pairs = [(r[1], r[2]) for r, role in zip(raw, roles) if role is None]
        guess = infer_roles(pairs, channel_keys)
        if guess is not None:
            mapping, how, evidence = guess
            for i, role in enumerate(roles):
                if role is None and raw[i][1] in mapping:
                    roles[i], sources[i] = mapping[raw[i][1]], how

    used = sorted({s for s, r in zip(sources, roles) if s and r in ("agent", "customer")})
    metadata = dict(metadata)
    metadata["roles_source"] = "+".join(used) if used else "none"
    if evidence:
        metadata["roles_evidence"] = evidence
    if warnings:
        metadata["warnings"] = [*metadata.get("warnings", ()), *warnings]

    turns = construct_turns((i, role or "other", r[1], r[2], r[3], r[4], r[5])
                            for i, (r, role) in enumerate(zip(raw, roles)))
    return Transcript.model_construct(id=source, source=source, format=fmt, metadata=metadata, turns=turns)


def _other_party(raw: list[RawTurn], roles: list[str | None], sources: list[str | None]) -> list[str]:
    """Only one side is stated (``Agent:`` beside ``Helen:``, ``<v Marco (Agent)>`` beside ``<v Helen Park>``):
    in a two-party conversation the one other speaker is the other side (source ``two-party``). With more
    speakers whose role is not stated nothing is guessed; the warning says who they are. Fills ``roles`` and
    ``sources`` in place; returns the warnings."""
    stated = {r for r in roles if r in ("agent", "customer")}
    if len(stated) != 1:
        return []
    unknown = list(dict.fromkeys(r[1] for r, role in zip(raw, roles) if role is None and r[1]))
    if not unknown:
        return []
    side = "customer" if stated == {"agent"} else "agent"
    if len(unknown) > 1:
        names = ", ".join(repr(n) for n in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        return [f"only the {next(iter(stated))} side is named and {len(unknown)} other speakers ({names}) could be "
                f"the {side}: none is taken as the {side} (map them with --{side}-speaker)"]
    for i, role in enumerate(roles):
        if role is None and raw[i][1] == unknown[0]:
            roles[i], sources[i] = side, "two-party"
    return []


REGISTRY: dict[str, Importer] = {}


def register(cls: type[Importer]) -> type[Importer]:
    REGISTRY[cls.name] = cls()
    return cls


class JsonImporter(Importer):
    """Base of the JSON formats: sniff and parse the parsed document, not the text."""

    extensions: ClassVar[tuple[str, ...]] = (".json",)

    def sniff_data(self, data: Any) -> float:  # pragma: no cover - interface
        raise NotImplementedError

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:  # pragma: no cover
        """Parse ``data`` (the document, or one JSON Lines record of ``doc``)."""
        raise NotImplementedError

    def sniff_doc(self, doc: JsonDoc) -> float:
        """Score a parsed document; JSON Lines documents only match importers that say so."""
        return 0.0 if doc.jsonl else self.sniff_data(doc.data)

    def sniff(self, text: str, path: str) -> float:
        if not looks_like_json(text):
            return 0.0
        try:
            doc = load_json(text)
        except InputError:
            return 0.0
        return self.sniff_doc(doc)

    def parse(self, text: str, source: str, options: ImportOptions) -> Transcript:
        return self.parse_detected(text, None, source, options)

    def parse_detected(self, text: str, doc: JsonDoc | None, source: str, options: ImportOptions) -> Transcript:
        if doc is None:
            doc = load_json(text, source)
        return self.parse_data(doc, doc.data, source, options)

    def iter_detected(self, text: str, doc: JsonDoc | None, source: str, options: ImportOptions) -> Iterator[Transcript | Any]:
        yield self.parse_detected(text, doc, source, options)
