"""AssemblyAI transcript objects.

Origin: AssemblyAI ``GET /v2/transcript/{id}`` response: ``id``, ``status``,
``text``, ``words[]`` and, with ``speaker_labels``, ``utterances[]``
(``speaker`` "A"/"B", ``start``/``end`` in **milliseconds**, ``text``,
``channel`` for multichannel audio).

Turns: one per utterance; without utterances, runs of words with the same
speaker (or channel), else the whole ``text`` as one turn. Roles are not
stated (speaker letters -> other) unless options map them or inference is on.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc

_MARKERS = ("audio_url", "acoustic_model", "language_model", "speaker_labels", "audio_duration", "confidence")


@register
class AssemblyAIImporter(JsonImporter):
    """AssemblyAI transcript (see the module docstring)."""

    name = "assemblyai"
    description = "AssemblyAI transcript: utterances[] (ms), else words by speaker, else text"
    origin = "AssemblyAI"
    roles = "none (speaker letters); options or inference"
    timing = "offsets (milliseconds -> seconds)"

    def sniff_data(self, data: Any) -> float:
        if not isinstance(data, dict) or not ("utterances" in data or "words" in data):
            return 0.0
        hits = sum(1 for k in _MARKERS if k in data)
        return 0.95 if hits >= 2 else (0.75 if hits else 0.0)

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        raw = []
        utterances = data.get("utterances")
        if isinstance(utterances, list) and utterances:
            for i, u in enumerate(utterances):
                path = f"$.utterances[{i}]"
                u = f.obj(u, path)
                text = f.text(u.get("text"), path + ".text")
                speaker = u.get("speaker", u.get("channel"))
                start = f.number(u.get("start"), path + ".start", scale=1000.0)
                end = f.number(u.get("end"), path + ".end", scale=1000.0)
                if text.strip():
                    raw.append((None, None if speaker is None else str(speaker), text.strip(), start, end, None))
        else:
            cur = None
            for i, w in enumerate(f.opt_arr(data.get("words"), "$.words")):
                path = f"$.words[{i}]"
                w = f.obj(w, path)
                token = f.text(w.get("text"), path + ".text")
                speaker = w.get("speaker", w.get("channel"))
                start = f.number(w.get("start"), path + ".start", scale=1000.0)
                end = f.number(w.get("end"), path + ".end", scale=1000.0)
                if cur is None or cur[1] != speaker:
                    cur = [None, speaker, [token], start, end, None]
                    raw.append(cur)
                else:
                    cur[2].append(token)
                    cur[4] = end
            raw = [(None, None if r[1] is None else str(r[1]), " ".join(r[2]).strip(), r[3], r[4], None) for r in raw]
            if not raw and isinstance(data.get("text"), str) and data["text"].strip():
                raw = [(None, None, data["text"].strip(), None, None, None)]
        metadata: dict = {"channel": "voice"}
        if isinstance(data.get("language_code"), str):
            metadata["language"] = data["language_code"]
        if isinstance(data.get("id"), str):
            metadata["transcript_id"] = data["id"]
        return self.build(source, raw, metadata, options)
