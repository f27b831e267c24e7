"""Zoom meeting chat files and Zoom closed-caption text files.

Origin: Zoom "Save chat" / cloud recording chat files
(``meeting_saved_chat.txt``): ``HH:MM:SS From  Name  to  Everyone:`` with the
message on the following tab-indented line(s) (current clients), on the same
line (``... to  Everyone: message``), or the older
``HH:MM:SS\\t From Name : message`` / ``HH:MM:SS\\t From Name to Everyone:\\tmessage``;
``(Direct Message)``/``(Privately)`` recipients are accepted. Zoom
``closed_caption.txt``: blocks of ``[Name] HH:MM:SS`` followed by text, or,
when saved without speaker names, ``HH:MM:SS text`` lines (one turn per line,
speaker unknown).
(The cloud-recording chat shape ``HH:MM:SS\\tName:\\tmessage`` is read by the
``chat`` importer.)

Turns: one per message; ``Replying to "..."`` quote lines are dropped from
the text, ``Reacted to ...`` reaction messages are skipped. Speaker = the
sender's name; roles come from options or inference. ``start`` = seconds
of the clock time (send times: no ``end``).
"""

from __future__ import annotations


from ...model import Transcript
from ...text import LazyPattern
from ..base import ImportOptions, Importer, register
from ..jsonutil import parse_clock

_FROM = LazyPattern(
    r"^(\d{1,2}:\d{2}:\d{2})\s+From\s+(.+?)\s+(?:to\s+(.+?)\s*:|:)(?:[ \t]+(.*))?$"
)
_CAPTION = LazyPattern(r"^\[([^\]\n]{1,80})\]\s+(\d{1,2}:\d{2}:\d{2})\s*$")
#: a caption line without a speaker name: "HH:MM:SS text"
_PLAIN_CAPTION = LazyPattern(r"^(\d{1,2}:\d{2}:\d{2})[ \t]+(\S.*)$")
#: "Name: " right after the clock: a chat line with a bare send time, not a caption
_LABELLED = LazyPattern(r"^[^\s:][^:]{0,40}:\s")
_REPLY = LazyPattern(r'^Replying to ".*"?\s*$')
_REACTION = LazyPattern(r"^(?:Reacted to|Removed a .{0,20}reaction from) ")


@register
class ZoomChatImporter(Importer):
    """Zoom meeting chat export (see the module docstring)."""

    name = "zoom-chat"
    description = "Zoom meeting chat: 'HH:MM:SS From Name to Everyone:' messages"
    origin = "Zoom"
    extensions = (".txt",)
    roles = "none (names); options or inference"
    timing = "send times (start only)"

    def sniff(self, text: str, path: str) -> float:
        lines = [ln for ln in text.split("\n", 30)[:30] if ln.strip()]
        if not lines:
            return 0.0
        hits = sum(1 for ln in lines if _FROM.match(ln.strip()))
        return 0.95 if hits and _FROM.match(lines[0].strip()) else (0.6 if hits >= 2 else 0.0)

    def parse(self, text: str, source: str, options: ImportOptions) -> Transcript:
        raw: list[list] = []
        for no, line in enumerate(text.split("\n"), 1):
            stripped = line.strip()
            if not stripped:
                continue
            m = _FROM.match(stripped)
            if m:
                clock, name, to, body = m.groups()
                raw.append([None, name.strip(), (body or "").strip(), parse_clock(clock), None, no, to])
            elif raw:
                if _REPLY.match(stripped) and not raw[-1][2]:
                    continue
                raw[-1][2] = f"{raw[-1][2]}\n{stripped}" if raw[-1][2] else stripped
            else:
                raw.append([None, None, stripped, None, None, no, None])
        turns = [tuple(r[:6]) for r in raw if r[2] and not _REACTION.match(r[2])]
        return self.build(source, turns, {"channel": "chat"}, options)  # type: ignore[arg-type]


@register
class ZoomCaptionsImporter(Importer):
    """Zoom ``closed_caption.txt`` (``[Name] HH:MM:SS`` blocks; see the module docstring)."""

    name = "zoom-captions"
    description = "Zoom closed_caption.txt: '[Name] HH:MM:SS' then text, or 'HH:MM:SS text' lines (no names)"
    origin = "Zoom"
    extensions = (".txt",)
    roles = "none (names); options or inference"
    timing = "clock times (start only)"

    def sniff(self, text: str, path: str) -> float:
        lines = [ln.strip() for ln in text.split("\n", 30)[:30] if ln.strip()]
        if lines and _CAPTION.match(lines[0]):
            return 0.9
        return 0.5 if _plain_captions(lines) else 0.0

    def parse(self, text: str, source: str, options: ImportOptions) -> Transcript:
        raw: list[list] = []
        lines = text.split("\n")
        named = any(_CAPTION.match(ln.strip()) for ln in lines)
        for no, line in enumerate(lines, 1):
            stripped = line.strip()
            if not stripped:
                continue
            m = _CAPTION.match(stripped) if named else None
            plain = None if named else _PLAIN_CAPTION.match(stripped)
            if m:
                raw.append([None, m.group(1).strip(), "", parse_clock(m.group(2)), None, no])
            elif plain:
                # closed captions saved without speaker names: one turn per line, speaker unknown
                raw.append([None, None, plain.group(2).strip(), parse_clock(plain.group(1)), None, no])
            elif raw:
                raw[-1][2] = f"{raw[-1][2]} {stripped}".strip()
            else:
                raw.append([None, None, stripped, None, None, no])
        found = (f"{sum(1 for r in raw if r[1])} '[Name] HH:MM:SS' caption headers" if named
                 else f"{sum(1 for ln in lines if _PLAIN_CAPTION.match(ln.strip()))} 'HH:MM:SS text' lines")
        return self.build(source, [tuple(r) for r in raw if r[2]], {"channel": "voice"}, options,  # type: ignore[arg-type]
                          found=found + ", none with text")


def _plain_captions(lines: list[str]) -> bool:
    """Most lines are ``HH:MM:SS text`` with no ``Name:`` label after the clock (two at least)."""
    hits = [m for m in map(_PLAIN_CAPTION.match, lines) if m]
    return len(hits) >= 2 and len(hits) >= 0.8 * len(lines) and not any(_LABELLED.match(m.group(2)) for m in hits)
