"""WebVTT captions and meeting transcripts (W3C WebVTT; Microsoft Teams, Zoom, YouTube).

Origin: W3C "WebVTT: The Web Video Text Tracks Format"; Teams meeting
transcripts and the Graph ``callTranscript`` content (``<v Name>`` voice tags,
GUID cue ids, unpadded ``0:0:5.320`` timings; or JSON cue payloads
``{"speakerName": ..., "spokenText": ...}``); Zoom cloud-recording
transcripts (numbered cues, ``Name: text`` payloads); youtube-dl captions.

Handles: ``WEBVTT`` header lines (``Kind:``, ``Language:`` -> metadata),
``NOTE key: value`` blocks (``NOTE customer: Full Name`` -> ``customer_name``,
``NOTE agent: Name`` -> ``agent_name``; both also map speakers to roles),
STYLE/REGION blocks (ignored), cue identifiers, cue settings (ignored),
voice tags with or without ``</v>``, ``Name:`` prefixes, markup (``<c>``,
``<i>``, ``<b>``, ``<u>``, ``<lang>``, ``<ruby>``) and timestamp tags removed,
multi-line payloads joined with one space, a cue that follows text with no
blank line, and overlapping cues kept in start order (stable sort by start).
A cue whose timing line is broken is skipped with a warning naming its line
(see :mod:`..cues` for the WebVTT parser's block rules followed here).
"""

from __future__ import annotations


from ...errors import InputError
from ...model import Transcript
from ...text import LazyPattern
from ..base import ImportOptions, Importer, register
from ..common import meta_key_value, set_meta
from ..cues import TIMING, Block, CueFile, cue_speaker_text, split_cues

_HEADER_MAGIC = LazyPattern(r"^\ufeff?WEBVTT(?:[ \t].*)?$")


def read_notes(blocks: list[Block], metadata: dict, names: dict[str, list[str]]) -> None:
    """``NOTE key: value`` (one line) or a NOTE block of ``key: value`` lines -> metadata."""
    for block in blocks:
        first = block.lines[0].strip()
        if not first.startswith("NOTE") or (len(first) > 4 and not first[4].isspace()):
            continue
        rest = [first[4:].strip(), *(ln.strip() for ln in block.lines[1:])]
        for ln in rest:
            kv = meta_key_value(ln) if ln else None
            if kv:
                set_meta(metadata, kv[0], kv[1], names)


def cues_to_transcript(importer: Importer, text: str, source: str, options: ImportOptions, first_line: int,
                       metadata: dict, names: dict[str, list[str]], *, strict: bool | None = None,
                       srt: bool = False) -> Transcript:
    found = split_cues(text, first_line=first_line, strict=strict, srt=srt)
    read_notes(found.blocks, metadata, names)
    warnings = found.warnings()
    if warnings:
        metadata.setdefault("warnings", []).extend(warnings)
    raw = []
    for cue in found.cues:
        speaker, body = cue_speaker_text(cue)
        raw.append((None, speaker, body, cue.start, cue.end, cue.line))
    raw.sort(key=lambda r: r[3])  # stable: overlapping cues in start order
    if not any(r[2] and not r[2].isspace() for r in raw):
        orphans = found.orphans()
        line = found.skipped[0][0] if found.skipped else (orphans[0].line if orphans else None)
        raise InputError(f"no turns found (read as {importer.name}: {found.found()})", file=source, line=line)
    return importer.build(
        source, raw, metadata, options,
        agent_names=names["agent"], customer_names=names["customer"], others_are_customers=True,
    )


@register
class WebVTTImporter(Importer):
    """WebVTT (W3C) incl. Teams voice tags and Zoom ``Name:`` payloads; see the module docstring."""

    name = "webvtt"
    description = "WebVTT captions / meeting transcripts (Teams <v Name> voice tags, Zoom 'Name: text' cues)"
    origin = "W3C WebVTT; Microsoft Teams, Zoom, YouTube"
    extensions = (".vtt", ".webvtt")
    roles = "stated by voice/label names, NOTE agent/customer, or inferred"
    timing = "offsets (start/end)"

    def sniff(self, text: str, path: str) -> float:
        head = text.lstrip("\ufeff \t\n")[:6]
        if head == "WEBVTT":
            return 1.0
        for line in text.split("\n", 40)[:40]:
            m = TIMING.match(line)
            if m:
                return 0.5 if "." in line.split("-->")[0] else 0.0
        return 0.0

    def parse(self, text: str, source: str, options: ImportOptions) -> Transcript:
        metadata: dict = {}
        names: dict[str, list[str]] = {"agent": [], "customer": []}
        first = read_header(text.split("\n"), metadata, names)
        return cues_to_transcript(self, text, source, options, first, metadata, names)


def read_header(lines: list[str], metadata: dict, names: dict[str, list[str]]) -> int:
    """Read a ``WEBVTT`` header block (``Kind:``/``Language:`` lines -> metadata); the index of the
    line after it (0 for a file without the header: its cues are read all the same)."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and _HEADER_MAGIC.match(lines[i].strip()):
        i += 1
        while i < len(lines) and lines[i].strip():
            if "-->" in lines[i]:  # the spec's header block ends at an arrow line
                break
            kv = meta_key_value(lines[i])
            if kv and kv[0] != "style" and kv[1]:
                set_meta(metadata, kv[0], kv[1], names)
            i += 1
        return i
    return 0


def read_cues(text: str) -> CueFile:
    """The cues of a WebVTT text (decoded, LF newlines), header skipped: the parser layer the
    caption conformance suites test."""
    return split_cues(text, first_line=read_header(text.split("\n"), {}, {"agent": [], "customer": []}))
