"""Slack export day-files.

Origin: Slack workspace export (``<channel>/<YYYY-MM-DD>.json``): a JSON list
of message events ``{"type": "message", "user", "text", "ts",
"user_profile": {"real_name", "display_name"}, "subtype"?, "bot_id"?,
"username"?}``.

Turns: messages without a subtype, plus ``bot_message``/``thread_broadcast``/
``file_share``/``me_message``; joins, leaves, topic and purpose changes are
not turns. Speaker = ``user_profile.real_name`` (else display name,
``username``, ``user``); bots are role ``other``. ``start`` = ``ts`` as Unix
epoch seconds (send time, no ``end``). Slack markup is simplified:
``<https://x|label>`` -> ``label``, ``<https://x>`` -> the URL, entities
unescaped. Roles for people come from options or inference.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ...text import LazyPattern
from ..base import ImportOptions, JsonImporter, register
from ..common import unescape
from ..jsonutil import Fields, JsonDoc, element_lines

_KEEP_SUBTYPES = {None, "bot_message", "thread_broadcast", "file_share", "me_message"}
_LINK = LazyPattern(r"<((?:https?|mailto):[^|>\s]+)(?:\|([^>]*))?>")


def _clean(text: str) -> str:
    if "<" in text:
        text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    if "&" in text:
        text = unescape(text)
    return text.strip()


@register
class SlackImporter(JsonImporter):
    """Slack export day-file (see the module docstring)."""

    name = "slack"
    description = "Slack export day-file: a list of message events (type, user, text, ts)"
    origin = "Slack"
    roles = "none (people); bots other; options or inference"
    timing = "send times (ts, epoch)"

    def sniff_data(self, data: Any) -> float:
        if isinstance(data, list) and data and isinstance(data[0], dict):
            first = data[0]
            if first.get("type") == "message" and "ts" in first:
                return 0.9
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        lines = element_lines(doc, ())
        raw = []
        for i, m in enumerate(data):
            path = f"$[{i}]"
            line = lines[i] if lines and i < len(lines) else None
            m = f.obj(m, path, line)
            subtype = m.get("subtype")
            if m.get("type") != "message" or not isinstance(subtype, (str, type(None))) or subtype not in _KEEP_SUBTYPES:
                continue
            text = _clean(f.text(m.get("text", ""), path + ".text", line) or "")
            if not text:
                files = m.get("files")
                if isinstance(files, list) and files:
                    text = "[file: " + ", ".join(str(x.get("name", "?")) for x in files if isinstance(x, dict)) + "]"
                else:
                    continue
            profile = m.get("user_profile") if isinstance(m.get("user_profile"), dict) else {}
            speaker = profile.get("real_name") or profile.get("display_name") or m.get("username") or m.get("user") or m.get("bot_id")
            bot = subtype == "bot_message" or ("bot_id" in m and "user" not in m)
            start = f.number(m.get("ts"), path + ".ts", line)
            raw.append(("other" if bot else None, None if speaker is None else str(speaker), text, start, None, line))
        return self.build(source, raw, {"channel": "chat"}, options)
