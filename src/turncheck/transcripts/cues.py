"""Cue parsing shared by WebVTT and SubRip, lenient the way the WebVTT parser is.

Follows the block rules of the W3C WebVTT parsing algorithm ("collect a WebVTT
block"): blocks are separated by empty lines; a line containing ``-->`` as the
first line of a block, or as the second after an identifier line, is the cue's
timing line; a ``-->`` line anywhere later ends the block and starts the next
one (so a cue that follows text with no blank line is still a cue, and a
non-timing ``-->`` line such as ``foo-->`` is dropped); the cue text runs to the
next empty line (a line of only spaces is text, as in the spec). Blocks without
a timing line (header, NOTE, STYLE, REGION, orphan text) are not cues.

Leniency, as browsers and caption libraries do it: a cue whose timing line does
not parse is *skipped* -- with a warning naming its line -- and every other cue
is kept; cue settings may follow the end time without a space; a missing final
newline is fine. Accepted timings go beyond the spec's ``hh:mm:ss.ttt`` /
``mm:ss.ttt``: the unpadded ``0:0:5.320`` that Teams writes, ``,`` as the
decimal mark (SRT), any number of fraction digits, or none. Minutes and
seconds above 59 are invalid (the cue is skipped). Which timestamps a file may
use is decided by its first timing line: a file that starts with spec timings
(``hh:mm:ss.ttt``) gets the spec's strict rules throughout, as in a browser; one
that starts with Teams' or SRT's shapes gets the lenient ones. A number line right
above a timing line with no blank line between is that cue's SRT number, not
text of the cue before (other text lines stay with the cue before, as the
spec says: youtube-dl's rolling captions need that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import orjson

from ..text import LazyPattern
from .common import plausible_label, strip_markup, voice_of

_STAMP = r"(?:(\d+):)?(\d+):(\d{1,2})(?:[.,\uff0c](\d{1,9}))?"
# the spec's "skip whitespace" set: space, tab, form feed (LF/CR cannot occur inside a line)
_WS = r"[ \t\f]"
TIMING = LazyPattern(r"^" + _WS + r"*" + _STAMP + _WS + r"*-->" + _WS + r"*" + _STAMP + r"(?![\d:.,])(.*)$")
#: SubRip files in the wild also write the arrow as "- >", "-- >" or "->" (the srt library reads them)
_LOOSE_STAMP = r"(?:\d+:)?\d+:\d{1,2}(?:[.,\uff0c]\d{1,9})?"
_SRT_ARROW = LazyPattern(r"^(" + _WS + r"*" + _LOOSE_STAMP + _WS + r"*)(?:-- >|- >|->)(?=" + _WS + r"*" + _LOOSE_STAMP + ")")
#: the spec's own timestamp: [h+:]mm:ss.ttt, exactly two minute/second digits and three fraction digits
_SPEC_STAMP = r"(?:(\d+):)?(\d\d):(\d\d)\.(\d\d\d)(?!\d)"
SPEC_TIMING = LazyPattern(r"^" + _WS + r"*" + _SPEC_STAMP + _WS + r"*-->" + _WS + r"*" + _SPEC_STAMP + r"(.*)$")
_PAYLOAD_LABEL = LazyPattern(r"^([^\s:<>][^:<>\n]{0,59}?)\s*:[ \t]+(.*)$", re.S)


def _seconds(h: str | None, m: str, s: str, frac: str | None) -> float | None:
    mi, se = int(m), int(s)
    if mi > 59 or se > 59:
        return None
    value = int(h or 0) * 3600 + mi * 60 + se
    if frac:
        value += int(frac) / (10 ** len(frac))
    return value


def srt_arrow(line: str) -> str | None:
    """``line`` with a SubRip arrow variant (``- >``, ``-- >``, ``->``) written as ``-->``; None if it has none."""
    m = _SRT_ARROW.match(line) if "-->" not in line else None
    return None if m is None else m.group(1) + "-->" + line[m.end():]


def parse_timing(line: str, *, strict: bool = False) -> tuple[float, float, str] | None:
    """``(start, end, settings)`` for a valid timing line, None otherwise. ``strict``: only the
    WebVTT spec's timestamps (``[h:]mm:ss.ttt``)."""
    if "-->" not in line:
        return None
    m = (SPEC_TIMING if strict else TIMING).match(line)
    if not m:
        return None
    g = m.groups()
    if not strict and g[7] is None and g[8] and g[8][0] not in " \t\f":
        return None  # "00:00:0x.000", "00:00:04;000": settings glued on only after a full "ss.ttt"
    start, end = _seconds(*g[0:4]), _seconds(*g[4:8])
    if start is None or end is None:
        return None
    return start, end, g[8].strip(" \t\f")


@dataclass(slots=True)
class Cue:
    ident: str | None
    start: float
    end: float
    settings: str
    lines: list[str]
    line: int  # line of the timing (the cue starts there)


@dataclass(slots=True)
class Block:
    """A non-cue block (header, NOTE, STYLE, orphan text)."""

    lines: list[str]
    line: int


@dataclass(slots=True)
class CueFile:
    """What :func:`split_cues` found: cues, other blocks, and one warning per skipped cue."""

    cues: list[Cue] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    #: (line, message) of each cue skipped for a timing line that does not parse
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def orphans(self) -> list[Block]:
        """Text blocks with no timing line (a cue that lost its timing), NOTE/STYLE/REGION aside."""
        return [b for b in self.blocks if b.lines and not re.match(r"(?:NOTE|STYLE|REGION)(?:[\s:]|$)", b.lines[0])]

    def warnings(self) -> list[str]:
        """One warning per skipped cue and per text block without a timing line, in line order."""
        found = list(self.skipped)
        for block in self.orphans():
            text = " ".join(ln.strip() for ln in block.lines)
            shown = text if len(text) <= 40 else text[:37] + "..."
            found.append((block.line, f"text without a cue timing skipped: {shown!r}"))
        return [f"line {no}: {message}" for no, message in sorted(found)]

    def found(self) -> str:
        """What the file holds, for a "no turns found" message."""
        parts = [_count(len(self.cues), "cue") + (", none with words" if self.cues else "")]
        if self.skipped:
            parts.append(f"{_count(len(self.skipped), 'cue')} skipped for a bad timing line (first on line {self.skipped[0][0]})")
        others = self.orphans()
        notes = len(self.blocks) - len(others)
        if notes:
            parts.append(_count(notes, "NOTE/STYLE/REGION block"))
        if others:
            parts.append(f"{_count(len(others), 'text block')} without a timing line (first on line {others[0].line})")
        return ", ".join(parts)


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _skip_reason(line: str) -> str:
    shown = line.strip()
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"cue skipped: invalid cue timing {shown!r} (expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt')"


def spec_dialect(lines: list[str], first_line: int = 0) -> bool:
    """True when the file's first timing line is a WebVTT-spec one: the tool that wrote the file
    writes spec timings, so (as in a browser) a cue whose timing is not one is skipped. Files that
    start with Teams' ``0:0:5.320`` or SRT's ``00:00:05,320`` get the lenient timestamps throughout."""
    for line in lines[first_line:]:
        if "-->" in line and parse_timing(line) is not None:
            return parse_timing(line, strict=True) is not None
    return True


def split_cues(text: str, *, first_line: int = 0, strict: bool | None = None, srt: bool = False) -> CueFile:
    """The cues and other blocks of ``text`` (LF newlines), from line index ``first_line`` on.
    ``strict``: spec timestamps only; None decides by the file's first timing (:func:`spec_dialect`).
    ``srt``: a SubRip file, whose timing lines may also write the arrow as ``- >``, ``-- >`` or ``->``."""
    lines = text.split("\n")
    if srt:
        lines = [srt_arrow(ln) or ln if "->" in ln or "- >" in ln else ln for ln in lines]
    n = len(lines)
    out = CueFile()
    if strict is None:
        strict = spec_dialect(lines, first_line)
    i = first_line
    while i < n:
        if lines[i] == "":
            i += 1
            continue
        start = i
        buffer: list[str] = []
        timing: tuple[float, float, str] | None = None
        timing_line = 0
        ident: str | None = None
        seen_arrow = False
        bad_timing = False
        count = 0
        while i < n:
            line = lines[i]
            count += 1
            if "-->" in line:
                if count == 1 or (count == 2 and not seen_arrow):
                    seen_arrow = True
                    timing = parse_timing(line, strict=strict)
                    if timing is None:
                        bad_timing = True
                        out.skipped.append((i + 1, _skip_reason(line)))
                    else:
                        ident = "\n".join(buffer) if buffer else None
                        timing_line = i + 1
                        buffer = []
                    i += 1
                    continue
                # a later arrow line starts the next block; an SRT number glued on top of it is that
                # cue's number, not text of this one
                if buffer and buffer[-1].strip().isdigit() and parse_timing(line, strict=strict) is not None:
                    buffer.pop()
                    i -= 1
                break
            if line == "":
                break
            buffer.append(line)
            i += 1
        if timing is not None:
            s, e, settings = timing
            out.cues.append(Cue(ident, s, e, settings, buffer, timing_line))
        elif not bad_timing and buffer:
            out.blocks.append(Block(buffer, start + 1))
    return out


def _json_payload(payload: str) -> tuple[str | None, str] | None:
    """Microsoft Graph ``callTranscript`` cues whose payload is JSON:
    ``{"speakerName": "...", "spokenText": "...", "spokenLanguage": "en-us"}``."""
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("spokenText"), str):
        return None
    name = data.get("speakerName")
    return (name.strip() or None) if isinstance(name, str) else None, data["spokenText"].strip()


def cue_speaker_text(cue: Cue) -> tuple[str | None, str]:
    """Speaker (from a ``<v Name>`` voice tag, a ``Name: `` prefix or a Graph JSON payload) and clean text."""
    payload = "\n".join(cue.lines)
    if payload.startswith("{") and '"spokenText"' in payload:
        found = _json_payload(payload)
        if found is not None:
            return found
    speaker = voice_of(payload) if "<v" in payload else None
    text = strip_markup(payload)
    if speaker is None:
        m = _PAYLOAD_LABEL.match(text)
        if m and plausible_label(m.group(1)):
            speaker, text = m.group(1).strip(), m.group(2).strip()
    return speaker, text
