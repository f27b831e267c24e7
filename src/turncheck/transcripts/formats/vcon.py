"""vCon (IETF draft "The JSON format for vCon - Conversation Data Container").

Origin: draft-ietf-vcon-vcon-core; samples from vcon-dev/fake-vcons.
A vCon has ``parties[]`` (name, tel, mailto, role, meta), ``dialog[]``
(``type`` text/recording/transfer/incomplete, ``start`` RFC 3339,
``parties``, ``originator``, ``mimetype``, ``body``, ``encoding``
none/json/base64url) and ``analysis[]`` (``type`` transcript/summary/...,
``vendor``, ``body``).

Turns: each ``text`` dialog with a body (speaker = the originator party's
``name``, else its tel/mailto; the originator defaults to the dialog's first
party; role from ``parties[].role`` or ``meta.role``: agent -> agent,
customer/contact -> customer; ``start`` -> Unix epoch seconds). When no dialog
carries text, the first ``analysis`` of type ``transcript``: a Deepgram
response is read as Deepgram, word lists with speakers as speaker runs, a list
of ``{"speaker", "message"}`` items as one turn each (speaker = a party index,
a party's name or a role word; role from that party's ``role``/``meta.role``),
otherwise its text is split into blank-line separated paragraphs, one turn
each, with unknown speaker and no time.
"""

from __future__ import annotations

import base64
from typing import Any

import orjson

from ...model import Transcript
from ...text import LazyPattern
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc, element_lines
from ..roles import role_word
from .deepgram import deepgram_turns

_PARAGRAPHS = LazyPattern(r"\n\s*\n")


def _looks_like_person(name: Any) -> bool:
    return isinstance(name, str) and any(c.isalpha() for c in name) and "@" not in name and not name.lstrip().startswith("+")


def _decode_body(body: Any, encoding: Any, f: Fields, path: str) -> Any:
    if isinstance(body, str) and encoding == "base64url":
        try:
            body = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            raise f.error(path, "body is not valid base64url UTF-8") from None
    if isinstance(body, str) and encoding == "json":
        try:
            body = orjson.loads(body)
        except orjson.JSONDecodeError:
            raise f.error(path, "body is not valid JSON (encoding: json)") from None
    return body


@register
class VconImporter(JsonImporter):
    """vCon conversation container (see the module docstring)."""

    name = "vcon"
    description = "vCon (IETF): text dialog[] with parties, or the analysis[type=transcript] fallback"
    origin = "IETF vCon"
    extensions = (".vcon", ".json")
    roles = "stated (parties[].role)"
    timing = "absolute (dialog start) or none"

    def sniff_data(self, data: Any) -> float:
        if not isinstance(data, dict):
            return 0.0
        if "vcon" in data and ("dialog" in data or "parties" in data):
            return 0.97
        if isinstance(data.get("parties"), list) and isinstance(data.get("dialog"), list):
            return 0.85
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        parties = [p if isinstance(p, dict) else {} for p in f.arr(data.get("parties") or [], "$.parties")]
        dialog = f.arr(data.get("dialog") or [], "$.dialog")
        lines = element_lines(doc, ("dialog",))
        metadata: dict = {}

        def party(idx: Any) -> dict:
            return parties[idx] if isinstance(idx, int) and 0 <= idx < len(parties) else {}

        def role_of(p: dict) -> str | None:
            r = p.get("role")
            if not isinstance(r, str) and isinstance(p.get("meta"), dict):
                r = p["meta"].get("role")
            return role_word(r) if isinstance(r, str) else None

        for p in parties:
            r = role_of(p)
            if r in ("agent", "customer") and _looks_like_person(p.get("name")):
                metadata.setdefault(f"{r}_name", p["name"].strip())

        raw = []
        kinds = set()
        for i, d in enumerate(dialog):
            path = f"$.dialog[{i}]"
            line = lines[i] if lines and i < len(lines) else None
            d = f.obj(d, path, line)
            if isinstance(d.get("type"), str):
                kinds.add(d["type"])
            if d.get("type") != "text" or d.get("body") in (None, ""):
                continue
            body = _decode_body(d.get("body"), d.get("encoding"), f, path + ".body")
            text = f.text(body, path + ".body", line)
            origin = d.get("originator")
            if origin is None:
                dp = d.get("parties")
                origin = dp[0] if isinstance(dp, list) and dp else dp
            p = party(origin)
            speaker = p.get("name") or p.get("tel") or p.get("mailto")
            start = f.number(d.get("start"), path + ".start", line)
            raw.append((role_of(p), None if speaker is None else str(speaker), text.strip(), start, None, line))
            metadata.setdefault("start_time", d.get("start"))
        if raw:
            metadata["channel"] = "chat"
        else:
            raw = self._analysis(f, data.get("analysis") or [], parties, role_of)
            metadata["channel"] = "voice" if "recording" in kinds else ("chat" if "text" in kinds else None)
            if metadata["channel"] is None:
                del metadata["channel"]
            first = next((d for d in dialog if isinstance(d, dict) and isinstance(d.get("start"), str)), None)
            if first:
                metadata["start_time"] = first["start"]
        if isinstance(data.get("uuid"), str):
            metadata["vcon_uuid"] = data["uuid"]
        return self.build(source, raw, metadata, options)

    def _analysis(self, f: Fields, analysis: list, parties: list[dict], role_of: Any) -> list:
        for i, a in enumerate(f.arr(analysis, "$.analysis")):
            if not isinstance(a, dict) or a.get("type") != "transcript":
                continue
            path = f"$.analysis[{i}].body"
            body = _decode_body(a.get("body"), a.get("encoding"), f, path)
            if isinstance(body, str) and body.lstrip().startswith("[{"):
                try:
                    body = orjson.loads(body)
                except orjson.JSONDecodeError:
                    pass
            if isinstance(body, list) and body and all(isinstance(x, dict) for x in body):
                return _speaker_messages(f, body, path, parties, role_of)
            if isinstance(body, dict) and isinstance(body.get("results"), dict):
                return deepgram_turns(f, body["results"], path + ".results")[0]
            if isinstance(body, dict) and isinstance(body.get("words"), list) and body["words"] and isinstance(body["words"][0], dict) and "speaker" in body["words"][0]:
                return deepgram_turns(f, {"channels": [{"alternatives": [body]}]}, path)[0]
            if isinstance(body, dict):
                text = body.get("transcript", body.get("text"))
                text = f.text(text, path + ".transcript")
            else:
                text = f.text(body, path)
            return [(None, None, " ".join(p.split()), None, None, None) for p in _PARAGRAPHS.split(text) if p.strip()]
        return []


def _speaker_messages(f: Fields, items: list[dict], path: str, parties: list[dict], role_of: Any) -> list:
    """An analysis transcript body that is a list of ``{"speaker": ..., "message": ...}`` items (the vCon
    server's test data): one turn each; the speaker is a party index, a party's name, or a role word,
    and the role comes from that party's ``role`` / ``meta.role``."""
    by_name = {str(p.get("name")).strip().casefold(): p for p in parties if isinstance(p.get("name"), str)}
    raw = []
    for j, item in enumerate(items):
        text = item.get("message", item.get("text"))
        if text is None:
            continue
        text = f.text(text, f"{path}[{j}].message")
        speaker = item.get("speaker")
        party = None
        if isinstance(speaker, int) and not isinstance(speaker, bool) and 0 <= speaker < len(parties):
            party = parties[speaker]
        elif isinstance(speaker, str):
            party = by_name.get(speaker.strip().casefold())
        name = party.get("name") if party and isinstance(party.get("name"), str) else speaker
        role = role_of(party) if party else (role_word(speaker) if isinstance(speaker, str) else None)
        start = item.get("start")
        start = start if isinstance(start, (int, float)) and not isinstance(start, bool) else None
        raw.append((role, None if name is None else str(name).strip(), text.strip(), start, None, None))
    return raw
