"""Amazon Connect Contact Lens output files (voice and chat) and Connect chat transcripts.

Origin: Amazon Connect Administrator Guide, "Example Contact Lens output
files" (``Version`` ``VOICE-2022-11-30`` / ``CHAT-2022-11-30``): a
``Participants[]`` list mapping ``ParticipantId`` to ``ParticipantRole``
(AGENT, CUSTOMER, SYSTEM, ...) and ``DisplayName``, and ``Transcript[]``
items. The plain Amazon Connect chat transcript (``Version`` ``2019-08-26``)
has the same shape.

Handles:
- voice: every ``Transcript`` item is a turn; speaker = ``ParticipantId``;
  role via ``Participants[]`` (or the item's own ``ParticipantRole``);
  ``BeginOffsetMillis``/``EndOffsetMillis`` -> seconds;
- chat: only ``Type == "MESSAGE"`` items are turns (participant joined/left
  and chat-ended ``EVENT``\\s are not); speaker = ``DisplayName``;
  ``AbsoluteTime`` -> Unix epoch seconds (start only: send times);
- metadata: ``channel``, ``language``, ``contact_id``, ``agent_name`` /
  ``customer_name`` (chat display names), ``start_time``.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc, element_lines, parse_iso
from ..roles import role_word


@register
class ContactLensImporter(JsonImporter):
    """Amazon Connect Contact Lens voice/chat analysis and Connect chat transcripts (see the module docstring)."""

    name = "amazon-connect"
    description = "Amazon Connect Contact Lens voice/chat analysis JSON and Connect chat transcripts"
    origin = "Amazon Web Services"
    roles = "stated (Participants[].ParticipantRole)"
    timing = "offsets (voice) or absolute send times (chat)"

    def sniff_data(self, data: Any) -> float:
        if not isinstance(data, dict):
            return 0.0
        items = data.get("Transcript")
        if not isinstance(items, list):
            return 0.0
        version = str(data.get("Version", ""))
        if version.startswith(("VOICE-", "CHAT-")) or data.get("ChatTranscriptVersion"):
            return 0.97
        if isinstance(data.get("Participants"), list) or (items and isinstance(items[0], dict) and "ParticipantId" in items[0]):
            return 0.9
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        items = f.arr(data.get("Transcript"), "$.Transcript")
        participants: dict[str, dict] = {}
        for i, p in enumerate(f.opt_arr(data.get("Participants"), "$.Participants")):
            p = f.obj(p, f"$.Participants[{i}]")
            if p.get("ParticipantId") is not None:
                participants[str(p["ParticipantId"])] = p
        channel = str(data.get("Channel", "")).lower()
        is_chat = channel == "chat" or str(data.get("Version", "")).startswith("CHAT-") or any(
            isinstance(it, dict) and "AbsoluteTime" in it for it in items[:5]
        )
        lines = element_lines(doc, ("Transcript",))
        metadata: dict = {"channel": "chat" if is_chat else "voice"}
        raw = []
        first_time = None
        for i, item in enumerate(items):
            path = f"$.Transcript[{i}]"
            line = lines[i] if lines and i < len(lines) else None
            item = f.obj(item, path, line)
            if is_chat and item.get("Type", "MESSAGE") != "MESSAGE":
                continue
            pid = item.get("ParticipantId")
            part = participants.get(str(pid), {}) if pid is not None else {}
            role_name = item.get("ParticipantRole") or part.get("ParticipantRole")
            stated = role_word(role_name) if isinstance(role_name, str) else None
            if stated is None and role_name:
                stated = "other"
            if is_chat:
                text = f.text(item.get("Content"), path + ".Content", line, required=False)
                if text is None:
                    continue
                speaker = item.get("DisplayName") or part.get("DisplayName") or pid
                at = f.text(item.get("AbsoluteTime"), path + ".AbsoluteTime", line, required=False)
                start = parse_iso(at) if at else None
                if at and start is None:
                    raise f.error(path + ".AbsoluteTime", f"not an ISO 8601 time: {at[:40]!r}", line)
                if first_time is None and at:
                    first_time = at
                end = None
                if isinstance(speaker, str) and stated in ("agent", "customer"):
                    metadata.setdefault(f"{stated}_name", speaker)
            else:
                text = f.text(item.get("Content"), path + ".Content", line)
                speaker = pid if pid is not None else role_name
                start = f.number(item.get("BeginOffsetMillis"), path + ".BeginOffsetMillis", line, scale=1000.0)
                end = f.number(item.get("EndOffsetMillis"), path + ".EndOffsetMillis", line, scale=1000.0)
            raw.append((stated, None if speaker is None else str(speaker), text.strip(), start, end, line))
        if isinstance(data.get("LanguageCode"), str):
            metadata["language"] = data["LanguageCode"]
        cm = data.get("CustomerMetadata")
        if isinstance(cm, dict) and isinstance(cm.get("ContactId"), str):
            metadata["contact_id"] = cm["ContactId"]
        elif isinstance(data.get("ContactId"), str):
            metadata["contact_id"] = data["ContactId"]
        if first_time:
            metadata["start_time"] = first_time
        return self.build(source, raw, metadata, options)
