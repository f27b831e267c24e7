"""Generic JSON / JSON Lines transcripts: a list of turn objects.

Origin: the ad-hoc shape most tools and scripts write (and the project's
evaluation data): ``[{...}, ...]`` or ``{"meta": {...}, "turns": [...]}``,
also under ``messages``, ``utterances``, ``transcript``, ``conversation``,
``dialogue`` or ``segments``; or JSON Lines with one turn object per line.

Turn fields (first match wins, case-insensitive):
- speaker: ``speaker``, ``speaker_name``, ``name``, ``participant``, ``from``,
  ``author``, ``sender``, ``user``, ``speaker_label``, ``speaker_id``, ...
  (an object such as ``{"name": .., "type"/"role": ..}`` also works);
- role: ``role``, ``speaker_role``, ``participant_role``, ``speaker_type``,
  ``author_type``, ``sender_type`` (role words: agent/customer/...);
- text: ``text``, ``content``, ``message``, ``utterance``, ``body``,
  ``transcript``, ``value``, ``msg``;
- start: ``start``, ``start_time``, ``begin``, ``startTime``, ``offset``,
  ``timestamp``, ``time``, ...; ``*_ms``/``*Millis`` keys are milliseconds;
  values may be numbers, numeric strings, ``HH:MM:SS.fff`` or ISO date-times
  (-> Unix epoch seconds);
- end: ``end``, ``end_time``, ``endTime``, ``stop``, ...; or ``duration``.

``meta``/``metadata`` objects (and top-level ``customer_name``, ``agent_name``,
``channel``, ...) become metadata; ``customer_name``/``agent_name`` also map
speakers to roles. Errors name the JSON path (``$.turns[3].start: not a
number``) and the line of the turn object.
"""

from __future__ import annotations

from typing import Any

from ...errors import InputError
from ...model import Transcript
from ..base import ImportOptions, JsonImporter, RawTurn, register
from ..common import META_ALIASES, norm_key
from ..jsonutil import Fields, JsonDoc, element_lines, jpath
from ..roles import role_word

TURN_ARRAYS = ("turns", "messages", "utterances", "transcript", "conversation", "dialogue", "dialog", "segments", "entries", "items")
SPEAKER_KEYS = (
    "speaker", "speaker_name", "speakername", "name", "participant", "participant_name", "from", "author",
    "sender", "user", "username", "speaker_label", "speakerlabel", "speaker_id", "speakerid", "participant_id",
    "user_id", "display_name", "displayname",
)
ROLE_KEYS = ("role", "speaker_role", "speakerrole", "participant_role", "participantrole", "speaker_type",
             "author_type", "sender_type", "user_type", "party")
TEXT_KEYS = ("text", "content", "message", "utterance", "body", "transcript", "value", "msg", "sentence")
# (key, divisor)
START_KEYS = (
    ("start", 1.0), ("start_time", 1.0), ("starttime", 1.0), ("begin", 1.0), ("begin_time", 1.0),
    ("offset", 1.0), ("start_sec", 1.0), ("start_seconds", 1.0), ("start_offset", 1.0), ("from_time", 1.0),
    ("timestamp", 1.0), ("time", 1.0), ("ts", 1.0), ("created_at", 1.0), ("sent_at", 1.0),
    ("start_ms", 1000.0), ("startms", 1000.0), ("start_time_ms", 1000.0), ("offset_ms", 1000.0),
    ("beginoffsetmillis", 1000.0), ("start_millis", 1000.0), ("start_usec", 1e6),
)
END_KEYS = (
    ("end", 1.0), ("end_time", 1.0), ("endtime", 1.0), ("stop", 1.0), ("end_sec", 1.0), ("end_seconds", 1.0),
    ("end_offset", 1.0), ("to_time", 1.0), ("end_ms", 1000.0), ("endms", 1000.0), ("end_time_ms", 1000.0),
    ("endoffsetmillis", 1000.0), ("end_millis", 1000.0), ("end_usec", 1e6),
)
META_KEYS = ("meta", "metadata")
_TEXT_SET = frozenset(TEXT_KEYS)


def is_turn(obj: Any) -> bool:
    return isinstance(obj, dict) and any(k.lower() in _TEXT_SET for k in obj)


def find_turns(data: Any) -> tuple[str | None, list] | None:
    """``(key, list)`` of turn objects in ``data`` (key None for a top-level list)."""
    if isinstance(data, list):
        return (None, data) if data and is_turn(data[0]) else None
    if isinstance(data, dict):
        lower = {k.lower(): k for k in data}
        for name in TURN_ARRAYS:
            key = lower.get(name)
            if key is not None:
                value = data[key]
                if isinstance(value, list) and value and is_turn(value[0]):
                    return key, value
    return None


class _KeyMap:
    """Resolves the alias keys of one turn object; reused while turns share their key set."""

    __slots__ = ("keys", "speaker", "role", "text", "start", "end", "duration")

    def __init__(self, obj: dict) -> None:
        self.keys = obj.keys()
        lower = {k.lower(): k for k in obj}
        self.speaker = next((lower[k] for k in SPEAKER_KEYS if k in lower), None)
        self.role = next((lower[k] for k in ROLE_KEYS if k in lower), None)
        self.text = next((lower[k] for k in TEXT_KEYS if k in lower), None)
        self.start = next(((lower[k], d) for k, d in START_KEYS if k in lower), None)
        self.end = next(((lower[k], d) for k, d in END_KEYS if k in lower), None)
        self.duration = lower.get("duration")


def _person(value: Any, f: Fields, path: str, line: int | None) -> tuple[str | None, str | None]:
    """A speaker value -> (name, role hint). Objects: ``{"name"/"id", "type"/"role"}``."""
    if value is None:
        return None, None
    if isinstance(value, dict):
        name = next((value[k] for k in ("name", "display_name", "displayName", "id", "email") if value.get(k) is not None), None)
        hint = next((value[k] for k in ("role", "type", "kind") if isinstance(value.get(k), str)), None)
        return (f.text(name, path, line, required=False) if name is not None else None), hint
    return f.text(value, path, line), None


def read_meta(obj: dict, metadata: dict) -> None:
    """``meta``/``metadata`` objects and well-known top-level keys -> metadata."""
    for key in obj:
        low = key.lower()
        value = obj[key]
        if low in META_KEYS and isinstance(value, dict):
            for k, v in value.items():
                canon = META_ALIASES.get(norm_key(k), k)
                if isinstance(v, (str, int, float, bool)) or v is None:
                    metadata.setdefault(canon, v)
                elif canon not in metadata:
                    metadata[canon] = v
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            nk = norm_key(key)
            canon = META_ALIASES.get(nk) or ("conversation_id" if nk in ("id", "conversation_id") else None)
            if canon:
                metadata.setdefault(canon, value)


def turns_from_list(items: list, base: str, f: Fields, lines: list[int] | None) -> list[RawTurn]:
    raw: list[RawTurn] = []
    km: _KeyMap | None = None
    for i, obj in enumerate(items):
        line = lines[i] if lines and i < len(lines) else f.line
        path = f"{base}[{i}]"
        if not isinstance(obj, dict):
            raise f.error(path, f"expected a turn object, got {type(obj).__name__}", line)
        if km is None or obj.keys() != km.keys:
            km = _KeyMap(obj)
        if km.text is None:
            raise f.error(path, "no text field (one of: " + ", ".join(TEXT_KEYS) + ")", line)
        text = f.text(obj[km.text], jpath(path, km.text), line)
        speaker, hint = _person(obj[km.speaker], f, jpath(path, km.speaker), line) if km.speaker else (None, None)
        role_value = obj[km.role] if km.role else None
        if role_value is not None and not isinstance(role_value, str):
            role_value = str(role_value)
        stated = role_word(role_value) if role_value else None
        if stated is None and hint:
            stated = role_word(hint)
        if role_value and stated is None and role_value.strip().casefold() in ("system", "bot", "ivr", "other"):
            stated = "other"
        if speaker is None and role_value:
            speaker = role_value
        start = f.number(obj[km.start[0]], jpath(path, km.start[0]), line, scale=km.start[1]) if km.start else None
        end = f.number(obj[km.end[0]], jpath(path, km.end[0]), line, scale=km.end[1]) if km.end else None
        if end is None and start is not None and km.duration is not None:
            dur = f.number(obj[km.duration], jpath(path, km.duration), line)
            end = start + dur if dur is not None else None
        raw.append((stated, speaker, text.strip(), start, end, line))
    return raw


@register
class GenericJsonImporter(JsonImporter):
    """A list of turn objects (or ``{"meta", "turns"}``) with common field aliases; JSON Lines too.
    See the module docstring for the accepted fields."""

    name = "json"
    description = "Generic JSON/JSONL: a list of turns or {'meta': {...}, 'turns': [...]} with common field aliases"
    origin = "ad-hoc exports and scripts"
    extensions = (".json", ".jsonl", ".ndjson")
    roles = "stated (role/speaker fields, meta names) or inferred"
    timing = "offsets or absolute, as given"

    def sniff_doc(self, doc: JsonDoc) -> float:
        if doc.records is not None:
            values = [v for _, v in doc.records if not isinstance(v, InputError)]
            turns = sum(1 for v in values if is_turn(v))
            return 0.9 if turns and turns >= len(values) - 1 and is_turn(values[-1]) else 0.0
        return self.sniff_data(doc.data)

    def sniff_data(self, data: Any) -> float:
        found = find_turns(data)
        if found is None:
            # a lone turn object (a one-line .jsonl): accepted with a JSON extension only
            return 0.3 if is_turn(data) else 0.0
        return 0.6 if found[0] is not None else 0.5

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        if doc.records is not None and data is doc.data:
            return self._parse_jsonl_turns(doc, source, options)
        f = Fields(source, 1 if "\n" not in doc.text.strip() else None)
        metadata: dict = {}
        found = find_turns(data)
        if found is None and is_turn(data):
            found = (None, [data])
            data = [data]
        if found is None:
            if isinstance(data, dict):
                raise f.error("$", "no list of turns (expected one of: " + ", ".join(TURN_ARRAYS) + ")", 1)
            if isinstance(data, list) and not data:
                raise f.error("$", "empty list: no turns", 1)
            if isinstance(data, list):
                raise f.error("$[0]", "not a turn object (needs a text field)", 1)
            raise f.error("$", "expected an object or an array of turns", 1)
        key, items = found
        if isinstance(data, dict):
            read_meta(data, metadata)
        lines = None if doc.records is not None else element_lines(doc, (key,) if key else ())
        base = jpath("$", key) if key else "$"
        raw = turns_from_list(items, base, f, lines)
        return self._build(source, raw, metadata, options)

    def _parse_jsonl_turns(self, doc: JsonDoc, source: str, options: ImportOptions) -> Transcript:
        assert doc.records is not None
        items, lines = [], []
        metadata: dict = {}
        for line, value in doc.records:
            if isinstance(value, InputError):
                raise value
            if isinstance(value, dict) and not is_turn(value) and any(k.lower() in META_KEYS for k in value):
                read_meta(value, metadata)  # a leading {"meta": {...}} line
                continue
            items.append(value)
            lines.append(line)
        raw = turns_from_list(items, "$", Fields(source), lines)
        return self._build(source, raw, metadata, options)

    def _build(self, source: str, raw: list[RawTurn], metadata: dict, options: ImportOptions) -> Transcript:
        agent = [metadata["agent_name"]] if isinstance(metadata.get("agent_name"), str) else []
        customer = [metadata["customer_name"]] if isinstance(metadata.get("customer_name"), str) else []
        return self.build(source, raw, metadata, options, agent_names=agent, customer_names=customer)
