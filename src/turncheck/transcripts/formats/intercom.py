"""Intercom conversations.

Origin: Intercom REST API "Retrieve a conversation" (``GET
/conversations/{id}``): ``{"type": "conversation", "id", "created_at",
"source": {"body", "author": {"type", "id", "name", "email"}},
"conversation_parts": {"conversation_parts": [{"part_type", "body",
"created_at", "author": {...}}]}}``.

Turns: the ``source`` message, then every part with a non-empty body except
internal ``note``\\s; HTML bodies are converted to text. Roles from
``author.type``: user / lead / contact -> customer, admin / team -> agent,
bot -> other. Speaker = author name (else email, id). ``created_at``
(Unix seconds) -> ``start`` (send time).
"""

from __future__ import annotations

import re
from typing import Any

from ...model import Transcript
from ...text import LazyPattern
from ..base import ImportOptions, JsonImporter, register
from ..common import unescape
from ..jsonutil import Fields, JsonDoc

_ROLE = {"user": "customer", "lead": "customer", "contact": "customer", "admin": "agent", "team": "agent", "bot": "other"}
_BREAK = LazyPattern(r"<\s*(?:br\s*/?|/p|/div|/li)\s*>", re.I)
_TAG = LazyPattern(r"<[^<>]*>")


def html_to_text(body: str) -> str:
    if "<" in body:
        body = _TAG.sub("", _BREAK.sub("\n", body))
    if "&" in body:
        body = unescape(body)
    return "\n".join(" ".join(line.split()) for line in body.split("\n") if line.strip())


@register
class IntercomImporter(JsonImporter):
    """Intercom conversation (see the module docstring)."""

    name = "intercom"
    description = "Intercom conversation JSON: source + conversation_parts (author types give roles)"
    origin = "Intercom"
    roles = "stated (author.type)"
    timing = "send times (created_at, epoch)"

    def sniff_data(self, data: Any) -> float:
        if isinstance(data, dict) and ("conversation_parts" in data) and ("source" in data or data.get("type") == "conversation"):
            return 0.93
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        raw = []
        metadata: dict = {"channel": "chat"}

        def add(part: dict, path: str) -> None:
            body = part.get("body")
            if not isinstance(body, str) or not body.strip():
                return
            author = part.get("author") if isinstance(part.get("author"), dict) else {}
            kind = str(author.get("type", "")).lower()
            role = _ROLE.get(kind)
            speaker = author.get("name") or author.get("email") or author.get("id")
            start = f.number(part.get("created_at"), path + ".created_at")
            text = html_to_text(body)
            if text:
                raw.append((role, None if speaker is None else str(speaker), text, start, None, None))
                if role in ("agent", "customer") and isinstance(author.get("name"), str) and author["name"]:
                    metadata.setdefault(f"{role}_name", author["name"])

        src = data.get("source")
        if isinstance(src, dict):
            if "created_at" not in src and "created_at" in data:
                src = {**src, "created_at": data["created_at"]}
            add(src, "$.source")
        parts = data.get("conversation_parts")
        if isinstance(parts, dict):
            parts = parts.get("conversation_parts")
        for i, p in enumerate(f.opt_arr(parts, "$.conversation_parts.conversation_parts")):
            path = f"$.conversation_parts.conversation_parts[{i}]"
            p = f.obj(p, path)
            if p.get("part_type") == "note":
                continue
            add(p, path)
        if data.get("id") is not None:
            metadata["conversation_id"] = str(data["id"])
        return self.build(source, raw, metadata, options)
