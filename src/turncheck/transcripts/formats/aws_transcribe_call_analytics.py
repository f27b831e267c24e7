"""Amazon Transcribe Call Analytics output (post-call, batch).

Origin: AWS Transcribe Developer Guide, "Post-call analytics output"
(``Transcript[]`` turns with ``ParticipantRole`` AGENT/CUSTOMER,
``BeginOffsetMillis``/``EndOffsetMillis``, ``Sentiment``, ``LoudnessScores``,
``Items`` word lists, ``IssuesDetected``...), plus ``Categories`` and
``ConversationCharacteristics``.

Handles: one turn per ``Transcript`` entry (never merged), roles from
``ParticipantRole``, milliseconds -> seconds, ``LanguageCode`` -> language,
``JobName``, ``Channel``. Items with a ``ParticipantId`` instead of a role
belong to Amazon Connect Contact Lens (its own importer).
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc, element_lines
from ..roles import role_word


def transcript_items(data: Any) -> list | None:
    if isinstance(data, dict):
        items = data.get("Transcript")
        if isinstance(items, list) and items and isinstance(items[0], dict):
            return items
    return None


@register
class TranscribeCallAnalyticsImporter(JsonImporter):
    """AWS Transcribe Call Analytics (see the module docstring)."""

    name = "aws-transcribe-call-analytics"
    description = "Amazon Transcribe Call Analytics post-call JSON (Transcript[] with ParticipantRole)"
    origin = "Amazon Web Services"
    roles = "stated (ParticipantRole)"
    timing = "offsets (BeginOffsetMillis/EndOffsetMillis)"

    def sniff_data(self, data: Any) -> float:
        items = transcript_items(data)
        if not items:
            return 0.0
        first = items[0]
        if "ParticipantRole" in first and "Content" in first and "ParticipantId" not in first:
            return 0.95
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        items = f.arr(data.get("Transcript"), "$.Transcript")
        lines = element_lines(doc, ("Transcript",))
        raw = []
        for i, item in enumerate(items):
            path = f"$.Transcript[{i}]"
            line = lines[i] if lines and i < len(lines) else None
            item = f.obj(item, path, line)
            who = f.text(item.get("ParticipantRole"), path + ".ParticipantRole", line)
            text = f.text(item.get("Content"), path + ".Content", line)
            start = f.number(item.get("BeginOffsetMillis"), path + ".BeginOffsetMillis", line, scale=1000.0)
            end = f.number(item.get("EndOffsetMillis"), path + ".EndOffsetMillis", line, scale=1000.0)
            raw.append((role_word(who) or "other", who, text.strip(), start, end, line))
        metadata: dict = {"channel": str(data.get("Channel", "voice")).lower()}
        if isinstance(data.get("LanguageCode"), str):
            metadata["language"] = data["LanguageCode"]
        if isinstance(data.get("JobName"), str):
            metadata["job_name"] = data["JobName"]
        return self.build(source, raw, metadata, options)
