"""Rev.ai JSON transcripts.

Origin: Rev.ai ``GET /jobs/{id}/transcript`` (``application/vnd.rev.transcript.v1.0+json``):
``monologues[]``, each with ``speaker`` (int), optional ``speaker_name`` and
``elements[]`` of ``text`` (``ts``, ``end_ts``, confidence) and ``punct``
(no times; spaces are punct elements too).

Turns: one per monologue (consecutive monologues of the same speaker are not
merged); text = the element values concatenated as given (so no space before
punctuation); start/end = first/last timed element. Speaker = ``speaker_name``
or the speaker number. Roles are not stated (-> other) unless options map
them or inference is on.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc


@register
class RevAiImporter(JsonImporter):
    """Rev.ai transcript (see the module docstring)."""

    name = "revai"
    description = "Rev.ai JSON transcript: monologues[] of text/punct elements"
    origin = "Rev.ai"
    roles = "none (speaker numbers/names); options or inference"
    timing = "offsets (ts/end_ts)"

    def sniff_data(self, data: Any) -> float:
        if isinstance(data, dict) and isinstance(data.get("monologues"), list):
            return 0.95
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        raw = []
        for i, mono in enumerate(data["monologues"]):
            path = f"$.monologues[{i}]"
            mono = f.obj(mono, path)
            parts: list[str] = []
            start = end = None
            for j, el in enumerate(f.arr(mono.get("elements") or [], path + ".elements")):
                epath = f"{path}.elements[{j}]"
                el = f.obj(el, epath)
                value = f.text(el.get("value"), epath + ".value")
                parts.append(value)
                if el.get("type") == "text":
                    ts = f.number(el.get("ts"), epath + ".ts")
                    te = f.number(el.get("end_ts"), epath + ".end_ts")
                    if start is None:
                        start = ts
                    if te is not None:
                        end = te
            text = " ".join("".join(parts).split())
            speaker = mono.get("speaker_name") or mono.get("speaker")
            if text:
                raw.append((None, None if speaker is None else str(speaker), text, start, end, None))
        return self.build(source, raw, {"channel": "voice"}, options)
