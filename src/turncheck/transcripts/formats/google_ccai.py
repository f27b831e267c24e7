"""Google Contact Center AI Insights conversations.

Origin: Google Cloud CCAI Insights: the conversation upload format for chat
(``{"entries": [{"text", "role", "user_id", "start_timestamp_usec"}]}``, as in
GoogleCloudPlatform/contact-center-ai-samples) and the Insights API
``Conversation`` resource (``transcript.transcriptSegments[]`` with
``segmentParticipant.role``, ``channelTag``, ``messageTime`` or word
``startOffset``/``endOffset`` durations like ``"1.500s"``).

Roles: AGENT / HUMAN_AGENT -> agent; CUSTOMER / END_USER -> customer;
AUTOMATED_AGENT (a virtual agent) and unspecified -> other. Times:
``start_timestamp_usec`` / 1e6 and ``messageTime`` are Unix epoch seconds;
word offsets are seconds from the start of the call.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc, element_lines, parse_iso
from ..roles import role_word

_ROLES = {"HUMAN_AGENT": "agent", "AGENT": "agent", "ANY_AGENT": "agent", "CUSTOMER": "customer",
          "END_USER": "customer", "AUTOMATED_AGENT": "other", "ROLE_UNSPECIFIED": None}


def _role(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    key = value.upper()
    if key in _ROLES:
        return _ROLES[key]
    return role_word(value)


def _duration(value: Any, f: Fields, path: str, line: int | None) -> float | None:
    """``"1.500s"`` or ``{"seconds": 1, "nanos": 500000000}`` -> 1.5."""
    if isinstance(value, str) and value.endswith("s"):
        value = value[:-1]
    if isinstance(value, dict):
        return float(value.get("seconds", 0) or 0) + float(value.get("nanos", 0) or 0) / 1e9
    return f.number(value, path, line)


def _segments(data: Any) -> list | None:
    if not isinstance(data, dict):
        return None
    tr = data.get("transcript")
    if isinstance(tr, dict):
        segs = tr.get("transcriptSegments", tr.get("transcript_segments"))
        if isinstance(segs, list):
            return segs
    return None


@register
class CcaiInsightsImporter(JsonImporter):
    """Google CCAI Insights conversation (see the module docstring)."""

    name = "google-ccai"
    description = "Google CCAI Insights conversation: entries[] upload format or transcript.transcriptSegments[]"
    origin = "Google Cloud"
    roles = "stated (role / segmentParticipant.role)"
    timing = "absolute (start_timestamp_usec, messageTime) or word offsets"

    def sniff_data(self, data: Any) -> float:
        if isinstance(data, dict):
            entries = data.get("entries")
            if isinstance(entries, list) and entries and isinstance(entries[0], dict):
                first = entries[0]
                if "text" in first and ("start_timestamp_usec" in first or "user_id" in first or "role" in first):
                    return 0.9
            if _segments(data) is not None:
                return 0.9
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        segs = _segments(data)
        if segs is not None:
            return self._segments(doc, data, segs, f, source, options)
        entries = f.arr(data.get("entries"), "$.entries")
        lines = element_lines(doc, ("entries",))
        raw = []
        for i, e in enumerate(entries):
            path = f"$.entries[{i}]"
            line = lines[i] if lines and i < len(lines) else None
            e = f.obj(e, path, line)
            text = f.text(e.get("text"), path + ".text", line)
            role = _role(e.get("role"))
            speaker = e.get("user_id", e.get("role"))
            start = f.number(e.get("start_timestamp_usec"), path + ".start_timestamp_usec", line, scale=1e6)
            raw.append((role, None if speaker is None else str(speaker), text.strip(), start, None, line))
        metadata = {"channel": "chat"}
        return self.build(source, raw, metadata, options)

    def _segments(self, doc, data, segs, f, source, options) -> Transcript:
        raw = []
        base = "$.transcript.transcriptSegments"
        channels: list[str] = []
        for i, s in enumerate(segs):
            path = f"{base}[{i}]"
            s = f.obj(s, path)
            text = f.text(s.get("text"), path + ".text")
            part = s.get("segmentParticipant") or s.get("segment_participant") or {}
            role = _role(part.get("role")) if isinstance(part, dict) else None
            speaker = None
            if isinstance(part, dict):
                speaker = part.get("userId") or part.get("dialogflowParticipantName") or part.get("role")
            tag = s.get("channelTag", s.get("channel_tag"))
            if speaker is None and tag is not None:
                speaker = f"channel {tag}"
                if speaker not in channels:
                    channels.append(speaker)
            start = end = None
            mt = s.get("messageTime") or s.get("message_time")
            if isinstance(mt, str):
                start = parse_iso(mt)
            words = s.get("words")
            if start is None and isinstance(words, list) and words and isinstance(words[0], dict):
                start = _duration(words[0].get("startOffset", words[0].get("start_offset")), f, path + ".words[0].startOffset", None)
                end = _duration(words[-1].get("endOffset", words[-1].get("end_offset")), f, path + f".words[{len(words) - 1}].endOffset", None)
            raw.append((role, None if speaker is None else str(speaker), text.strip(), start, end, None))
        metadata: dict = {}
        medium = data.get("medium")
        if isinstance(medium, str):
            metadata["channel"] = "voice" if medium.upper() == "PHONE_CALL" else medium.lower()
        if isinstance(data.get("languageCode"), str):
            metadata["language"] = data["languageCode"]
        if isinstance(data.get("agentId"), str):
            metadata["agent_id"] = data["agentId"]
        if isinstance(data.get("startTime"), str):
            metadata["start_time"] = data["startTime"]
        channels.sort()
        return self.build(source, raw, metadata, options, channel_keys=channels or None)
