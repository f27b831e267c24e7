"""SubRip (.srt) subtitles.

Origin: the SubRip subtitle format (numbered blocks, ``hh:mm:ss,ttt -->
hh:mm:ss,ttt``), as written by caption tools and many call recorders.

Handles: comma (or dot) milliseconds, BOM + CRLF, ``<font>``/``<i>``/``<b>``
markup removed, ``Agent:``/``Customer:``/``Name:`` prefixes in the cue text ->
speaker and role, multi-line cues joined with one space, blocks without a
timing line skipped, overlapping cues kept in start order; the arrow also
written ``- >``, ``-- >`` or ``->`` and a fullwidth ``，`` before the
milliseconds (as the srt library reads them); a cue with no
text gives no turn; a cue whose timing line is broken is skipped with a
warning naming its line, and the rest kept.
"""

from __future__ import annotations


from ...model import Transcript
from ..base import ImportOptions, Importer, register
from ..cues import TIMING
from .webvtt import cues_to_transcript


@register
class SrtImporter(Importer):
    """SubRip subtitles; see the module docstring."""

    name = "srt"
    description = "SubRip subtitles (numbered cues, comma milliseconds), optional 'Speaker:' prefixes"
    origin = "SubRip (caption tools, call recorders)"
    extensions = (".srt",)
    roles = "stated by 'Speaker:' prefixes, or inferred"
    timing = "offsets (start/end)"

    def sniff(self, text: str, path: str) -> float:
        lines = text.lstrip("\ufeff \t\n").split("\n", 40)[:40]
        for no, line in enumerate(lines):
            m = TIMING.match(line)
            if m:
                comma = "," in line.split("-->")[0]
                numbered = no > 0 and lines[no - 1].strip().isdigit()
                if comma and numbered:
                    return 0.95
                return 0.7 if comma else (0.45 if numbered else 0.0)
        return 0.0

    def parse(self, text: str, source: str, options: ImportOptions) -> Transcript:
        return cues_to_transcript(self, text, source, options, 0, {}, {"agent": [], "customer": []}, strict=False,
                                  srt=True)
