"""OpenAI Whisper / WhisperX / whisper.cpp JSON output.

Origin: openai-whisper ``transcribe()`` results and the OpenAI API
``verbose_json`` (``text``, ``language``, ``segments[]`` with id, seek,
start, end, text, tokens, avg_logprob, no_speech_prob...); WhisperX adds a
``speaker`` ("SPEAKER_00") per segment and ``word_segments``; whisper.cpp
``-ojf`` writes ``transcription[]`` with ``offsets.from``/``to`` in ms. A
``{"result": {...}}`` wrapper (as some pipelines store it) is unwrapped.

Turns: one per segment, text stripped. Speaker = WhisperX ``speaker`` when
present, else none; roles not stated (-> other) unless options map them or
inference is on.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc

_SEGMENT_MARKS = ("tokens", "avg_logprob", "no_speech_prob", "seek", "compression_ratio", "words", "speaker", "temperature")


def _unwrap(data: Any) -> tuple[Any, str]:
    if isinstance(data, dict) and "segments" not in data and isinstance(data.get("result"), dict) and "segments" in data["result"]:
        return data["result"], "$.result"
    return data, "$"


@register
class WhisperImporter(JsonImporter):
    """Whisper / WhisperX / whisper.cpp JSON (see the module docstring)."""

    name = "whisper"
    description = "OpenAI Whisper / WhisperX JSON segments[] (WhisperX speakers), whisper.cpp transcription[]"
    origin = "OpenAI Whisper, WhisperX, whisper.cpp"
    roles = "none (WhisperX SPEAKER_NN); options or inference"
    timing = "offsets"

    def sniff_data(self, data: Any) -> float:
        if isinstance(data, dict) and isinstance(data.get("transcription"), list) and (
            "systeminfo" in data or "model" in data or "params" in data
        ):
            return 0.9
        data, _ = _unwrap(data)
        if not isinstance(data, dict):
            return 0.0
        segs = data.get("segments")
        if isinstance(segs, list) and segs and isinstance(segs[0], dict) and "start" in segs[0] and "text" in segs[0]:
            if any(k in segs[0] for k in _SEGMENT_MARKS) or "language" in data or "task" in data:
                return 0.85
            return 0.55
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        metadata: dict = {"channel": "voice"}
        raw = []
        if isinstance(data, dict) and isinstance(data.get("transcription"), list) and "segments" not in data:
            for i, s in enumerate(data["transcription"]):
                path = f"$.transcription[{i}]"
                s = f.obj(s, path)
                text = f.text(s.get("text"), path + ".text")
                offsets = s.get("offsets") if isinstance(s.get("offsets"), dict) else {}
                start = f.number(offsets.get("from"), path + ".offsets.from", scale=1000.0)
                end = f.number(offsets.get("to"), path + ".offsets.to", scale=1000.0)
                if text.strip():
                    raw.append((None, None, text.strip(), start, end, None))
            result = data.get("result")
            if isinstance(result, dict) and isinstance(result.get("language"), str):
                metadata["language"] = result["language"]
            return self.build(source, raw, metadata, options)
        data, base = _unwrap(data)
        for i, s in enumerate(f.arr(data.get("segments"), base + ".segments")):
            path = f"{base}.segments[{i}]"
            s = f.obj(s, path)
            text = f.text(s.get("text"), path + ".text")
            start = f.number(s.get("start"), path + ".start")
            end = f.number(s.get("end"), path + ".end")
            speaker = s.get("speaker")
            if text.strip():
                raw.append((None, None if speaker is None else str(speaker), text.strip(), start, end, None))
        if isinstance(data.get("language"), str):
            metadata["language"] = data["language"]
        return self.build(source, raw, metadata, options)
