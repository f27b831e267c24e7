"""Genesys Cloud Speech and Text Analytics transcripts.

Origin: Genesys Cloud developer center, "Transcript URL" / transcript
schema (``GET /api/v2/speechandtextanalytics/conversations/{id}/communications/{cid}/transcripturl``):
``{"conversationId", "communicationId", "mediaType", "startTime",
"transcripts": [{"language", "startTime", "phrases": [{"text",
"decoratedText", "startTimeMs", "offset": {"msecs"}, "duration":
{"milliseconds"}, "participantPurpose": "internal"|"external", ...}]}]}``.

Turns: one per phrase (all ``transcripts[]`` merged in time order), text =
``decoratedText`` (punctuated, cased) else ``text``. Roles from
``participantPurpose``: internal / agent / user -> agent, external / customer
-> customer, acd / ivr / workflow / system / voicemail -> other. Start:
``offset.msecs`` (seconds from the start), else ``startTimeMs`` (epoch
milliseconds -> Unix seconds); end = start + ``duration.milliseconds``.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc

_ROLE = {"internal": "agent", "agent": "agent", "user": "agent", "external": "customer", "customer": "customer",
         "acd": "other", "ivr": "other", "workflow": "other", "system": "other", "voicemail": "other", "bot": "other"}


@register
class GenesysImporter(JsonImporter):
    """Genesys Cloud transcript (see the module docstring)."""

    name = "genesys"
    description = "Genesys Cloud speech & text analytics transcript: transcripts[].phrases[] with participantPurpose"
    origin = "Genesys Cloud"
    roles = "stated (participantPurpose)"
    timing = "offsets or absolute (epoch ms)"

    def sniff_data(self, data: Any) -> float:
        if isinstance(data, dict) and isinstance(data.get("transcripts"), list):
            t = data["transcripts"]
            if t and isinstance(t[0], dict) and isinstance(t[0].get("phrases"), list):
                return 0.93
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        raw = []
        language = None
        for ti, tr in enumerate(data["transcripts"]):
            tpath = f"$.transcripts[{ti}]"
            tr = f.obj(tr, tpath)
            language = language or tr.get("language")
            for pi, ph in enumerate(f.arr(tr.get("phrases") or [], tpath + ".phrases")):
                path = f"{tpath}.phrases[{pi}]"
                ph = f.obj(ph, path)
                text = ph.get("decoratedText") if isinstance(ph.get("decoratedText"), str) and ph["decoratedText"].strip() else ph.get("text")
                text = f.text(text, path + ".text")
                purpose = ph.get("participantPurpose")
                role = _ROLE.get(str(purpose).lower()) if purpose is not None else None
                offset = ph.get("offset")
                if isinstance(offset, dict) and offset.get("msecs") is not None:
                    start = f.number(offset["msecs"], path + ".offset.msecs", scale=1000.0)
                else:
                    start = f.number(ph.get("startTimeMs"), path + ".startTimeMs", scale=1000.0)
                dur = ph.get("duration")
                end = None
                if start is not None and isinstance(dur, dict) and dur.get("milliseconds") is not None:
                    end = start + (f.number(dur["milliseconds"], path + ".duration.milliseconds", scale=1000.0) or 0.0)
                if text.strip():
                    raw.append((role, None if purpose is None else str(purpose), text.strip(), start, end, None))
        if len(data["transcripts"]) > 1:
            raw.sort(key=lambda r: (r[3] is None, r[3] or 0.0))
        media = str(data.get("mediaType", "call")).lower()
        metadata: dict = {"channel": "voice" if media in ("call", "callback", "voice") else media}
        if isinstance(language, str):
            metadata["language"] = language
        if isinstance(data.get("conversationId"), str):
            metadata["conversation_id"] = data["conversationId"]
        return self.build(source, raw, metadata, options)
