"""Zendesk Support ticket comments.

Origin: Zendesk Support API, "Ticket Comments" (``GET
/api/v2/tickets/{id}/comments``, optionally ``?include=users``):
``{"comments": [{"id", "type", "author_id", "body", "plain_body",
"html_body", "public", "created_at", "via": {"channel"}}], "users": [{"id",
"name", "role": "end-user"|"agent"|"admin"}]}``; a ticket object with
``requester_id`` (``{"ticket": {..., "comments": [...]}}``) is accepted too.

Turns: public comments only (private comments are internal notes, counted
in ``metadata["internal_notes"]``); text = ``plain_body``, else ``body``;
``created_at`` -> Unix epoch seconds (send time). Roles: the sideloaded
user's role (end-user -> customer, agent/admin -> agent), else the ticket's
``requester_id`` is the customer and other authors are agents; otherwise
options or inference. Speaker = the user's name, else the author id.
"""

from __future__ import annotations

from typing import Any

from ...model import Transcript
from ..base import ImportOptions, JsonImporter, register
from ..jsonutil import Fields, JsonDoc, element_lines

_ROLE = {"end-user": "customer", "end_user": "customer", "agent": "agent", "admin": "agent"}


def _container(data: Any) -> tuple[dict, str] | None:
    if isinstance(data, dict):
        if isinstance(data.get("comments"), list):
            return data, "$"
        t = data.get("ticket")
        if isinstance(t, dict) and isinstance(t.get("comments"), list):
            return t, "$.ticket"
    return None


@register
class ZendeskImporter(JsonImporter):
    """Zendesk ticket comments (see the module docstring)."""

    name = "zendesk"
    description = "Zendesk ticket comments JSON (public comments; roles from users[] or requester_id)"
    origin = "Zendesk"
    roles = "stated (users[].role / requester_id) or inferred"
    timing = "send times (created_at, epoch)"

    def sniff_data(self, data: Any) -> float:
        found = _container(data)
        if found is None:
            return 0.0
        comments = found[0]["comments"]
        if comments and isinstance(comments[0], dict) and "author_id" in comments[0] and (
            "body" in comments[0] or "plain_body" in comments[0]
        ):
            return 0.92
        return 0.0

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        f = Fields(source)
        container, base = _container(data)  # type: ignore[misc]
        users: dict[str, dict] = {}
        for u in f.opt_arr(data.get("users"), "$.users") if isinstance(data, dict) else []:
            if isinstance(u, dict) and u.get("id") is not None:
                users[str(u["id"])] = u
        ticket = data.get("ticket") if isinstance(data.get("ticket"), dict) else container
        requester = ticket.get("requester_id") if isinstance(ticket, dict) else None
        key = ("ticket", "comments") if base == "$.ticket" else ("comments",)
        lines = element_lines(doc, key)
        raw = []
        notes = 0
        for i, c in enumerate(container["comments"]):
            path = f"{base}.comments[{i}]"
            line = lines[i] if lines and i < len(lines) else None
            c = f.obj(c, path, line)
            if c.get("public") is False:
                notes += 1
                continue
            text = c.get("plain_body") if isinstance(c.get("plain_body"), str) else c.get("body")
            text = f.text(text, path + ".body", line)
            author = c.get("author_id")
            user = users.get(str(author), {})
            stated = _ROLE.get(str(user.get("role", "")).lower())
            if stated is None and requester is not None and author is not None:
                stated = "customer" if str(author) == str(requester) else "agent"
            speaker = user.get("name") or (None if author is None else str(author))
            start = f.number(c.get("created_at"), path + ".created_at", line)
            if text.strip():
                raw.append((stated, speaker, text.strip(), start, None, line))
        metadata: dict = {"channel": "ticket"}
        if notes:
            metadata["internal_notes"] = notes
        for uid, u in users.items():
            role = _ROLE.get(str(u.get("role", "")).lower())
            if role and isinstance(u.get("name"), str) and (role == "customer" or uid != str(requester)):
                metadata.setdefault(f"{role}_name", u["name"])
        if isinstance(ticket, dict) and ticket.get("id") is not None:
            metadata["ticket_id"] = ticket["id"]
        return self.build(source, raw, metadata, options)
