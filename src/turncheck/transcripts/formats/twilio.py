"""Twilio Conversational (Voice) Intelligence transcript sentences.

Origin: Twilio Intelligence v2 API, "Transcript Sentence" list (``GET
/v2/Transcripts/{sid}/Sentences``): ``{"sentences": [{"media_channel"
(or "channel"), "sentence_index", "start_time", "end_time", "transcript",
"confidence", "sid", "words"}], "meta": {...}}``; a transcript resource's
``channel.participants[]`` (``channel_participant`` + ``role``), when merged
into the same file, states the roles.

Turns: one per sentence, in ``sentence_index`` order. Speaker = ``channel N``;
roles from the participants list, else options (``channel_roles``:
``{"1": "agent"}``) or inference. Times are offsets in seconds.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc
from ..roles import role_word


@register
class TwilioImporter(JsonImporter):
    """Twilio Intelligence sentences (see the module docstring)."""

    name = "twilio"
    description = "Twilio Conversational Intelligence transcript sentences (media_channel, start_time, transcript)"
    origin = "Twilio"
    roles = "stated (channel.participants) or options/inference"
    timing = "offsets"

    def sniff_data(self, data: Any) -> float:
        if isinstance(data, dict) and isinstance(data.get("sentences"), list):
            s = data["sentences"]
            if s and isinstance(s[0], dict) and "transcript" in s[0] and (
                "media_channel" in s[0] or "sentence_index" in s[0] or "channel" in s[0]
            ):
                return 0.92
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        roles: dict[str, str] = {}
        chan = data.get("channel")
        if isinstance(chan, dict):
            for p in f.opt_arr(chan.get("participants"), "$.channel.participants"):
                if isinstance(p, dict) and p.get("channel_participant") is not None and isinstance(p.get("role"), str):
                    r = role_word(p["role"])
                    if r:
                        roles[str(p["channel_participant"])] = r
        sentences = list(enumerate(data["sentences"]))
        if all(isinstance(s, dict) and isinstance(s.get("sentence_index"), int) for _, s in sentences):
            sentences.sort(key=lambda t: t[1]["sentence_index"])
        raw = []
        for i, s in sentences:
            path = f"$.sentences[{i}]"
            s = f.obj(s, path)
            text = f.text(s.get("transcript"), path + ".transcript")
            ch = s.get("media_channel", s.get("channel"))
            speaker = None if ch is None else f"channel {ch}"
            start = f.number(s.get("start_time"), path + ".start_time")
            end = f.number(s.get("end_time"), path + ".end_time")
            if text.strip():
                raw.append((roles.get(str(ch)), speaker, text.strip(), start, end, None))
        return self.build(source, raw, {"channel": "voice"}, options)
