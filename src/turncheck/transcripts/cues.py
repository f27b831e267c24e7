"""Cue parsing shared by WebVTT and SubRip.

Follows the WebVTT parser's block rules: a line containing ``-->`` with valid
timings starts a cue (also when no blank line precedes it); the line right
before it, in the same block, is the cue identifier; the cue text runs to the
next blank line; blocks without a timing line (header, NOTE, STYLE, REGION,
orphan text, an SRT number without timing) are not cues.

Accepted timings: ``hh:mm:ss.ttt``, ``mm:ss.ttt``, the unpadded
``0:0:5.320`` that Teams writes, ``,`` as the decimal mark (SRT), any number
of fraction digits, or none. A line that starts like a timing (digits, then
``-->``) but does not parse is an :class:`InputError` with its line number:
a silently dropped cue would be worse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from .common import plausible_label, strip_markup, voice_of

_STAMP = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,9}))?"
TIMING = re.compile(r"^\s*" + _STAMP + r"[ \t]*-->[ \t]*" + _STAMP + r"(?:[ \t]+(.*?))?\s*$")
#: "starts like a timing": digits/colons/dots then an arrow
TIMING_LIKE = re.compile(r"^\s*\d[\d:.,; \t]*-+>")
_PAYLOAD_LABEL = re.compile(r"^([^\s:<>][^:<>\n]{0,59}?)\s*:[ \t]+(.*)$", re.S)


def _seconds(h: str | None, m: str, s: str, frac: str | None) -> float | None:
    mi, se = int(m), int(s)
    if mi > 59 or se > 59:
        return None
    value = int(h or 0) * 3600 + mi * 60 + se
    if frac:
        value += int(frac) / (10 ** len(frac))
    return value


def parse_timing(line: str, no: int, source: str | None) -> tuple[float, float, str] | None:
    """``(start, end, settings)`` for a timing line, None for a line that is not one;
    InputError for a line that looks like a timing but is broken."""
    if "-->" not in line and not TIMING_LIKE.match(line):
        return None
    m = TIMING.match(line)
    if m:
        g = m.groups()
        start = _seconds(*g[0:4])
        end = _seconds(*g[4:8])
        if start is not None and end is not None:
            return start, end, g[8] or ""
    if TIMING_LIKE.match(line) or "-->" in line and re.match(r"^\s*\d", line):
        raise InputError(
            f"invalid cue timing {line.strip()[:60]!r} (expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt')",
            file=source,
            line=no,
        )
    return None


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


def split_cues(text: str, source: str | None, *, first_line: int = 0) -> tuple[list[Cue], list[Block]]:
    lines = text.split("\n")
    n = len(lines)
    cues: list[Cue] = []
    blocks: list[Block] = []
    i = first_line
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        ident = None
        timing = parse_timing(line, i + 1, source)
        if timing is None and i + 1 < n and lines[i + 1].strip():
            timing = parse_timing(lines[i + 1], i + 2, source)
            if timing is not None:
                ident = line.strip()
                i += 1
        if timing is None:
            # a block without timing: collect it up to a blank line or a timing line
            start = i
            block = []
            while i < n and lines[i].strip():
                if i > start and parse_timing(lines[i], i + 1, source) is not None:
                    break
                block.append(lines[i])
                i += 1
            # an identifier right before a timing line belongs to that cue
            if i < n and lines[i].strip() and len(block) > 1:
                i -= 1
                block.pop()
            blocks.append(Block(block, start + 1))
            continue
        cue_line = i + 1
        i += 1
        payload: list[str] = []
        while i < n and lines[i].strip():
            if parse_timing(lines[i], i + 1, source) is not None:
                break
            payload.append(lines[i])
            i += 1
        if i < n and lines[i].strip() and payload and payload[-1].strip().isdigit():
            # "12" glued on top of the next timing line: the next cue's number
            payload.pop()
            i -= 1
        start_s, end_s, settings = timing
        cues.append(Cue(ident, start_s, end_s, settings, payload, cue_line))
    return cues, blocks


def cue_speaker_text(cue: Cue) -> tuple[str | None, str]:
    """Speaker (from a ``<v Name>`` voice tag or a ``Name: `` prefix) and clean text."""
    payload = "\n".join(cue.lines)
    speaker = voice_of(payload) if "<v" in payload else None
    text = strip_markup(payload)
    if speaker is None:
        m = _PAYLOAD_LABEL.match(text)
        if m and plausible_label(m.group(1)):
            speaker, text = m.group(1).strip(), m.group(2).strip()
    return speaker, text
