"""Small helpers shared by the text formats: metadata keys, speaker labels, markup."""

from __future__ import annotations

import re
from typing import Any

from ..text import LazyPattern

#: header / NOTE / meta keys (normalised: lower case, spaces and dashes as "_") -> canonical metadata key
META_ALIASES = {
    "customer": "customer_name",
    "customer_name": "customer_name",
    "customer_full_name": "customer_name",
    "caller": "customer_name",
    "caller_name": "customer_name",
    "client": "customer_name",
    "client_name": "customer_name",
    "contact_name": "customer_name",
    "agent": "agent_name",
    "agent_name": "agent_name",
    "rep": "agent_name",
    "representative": "agent_name",
    "advisor": "agent_name",
    "agent_id": "agent_id",
    "channel": "channel",
    "queue": "queue",
    "queue_name": "queue",
    "language": "language",
    "lang": "language",
    "language_code": "language",
    "start_time": "start_time",
    "started_at": "start_time",
    "start": "start_time",
    "date": "date",
}

_KEY_RE = LazyPattern(r"^([A-Za-z][\w .-]{0,40}?)\s*:\s*(.*?)\s*$")


def norm_key(key: str) -> str:
    return re.sub(r"[\s.-]+", "_", key.strip().casefold())


def meta_key_value(line: str) -> tuple[str, str] | None:
    """``"Customer Name: Dana"`` -> ``("customer_name", "Dana")`` (canonical key), else None."""
    m = _KEY_RE.match(line)
    if not m or len(m.group(1).split()) > 4:
        return None
    key = norm_key(m.group(1))
    return META_ALIASES.get(key, key), m.group(2)


def set_meta(metadata: dict[str, Any], key: str, value: str, names: dict[str, list[str]]) -> None:
    """Store one header value; agent/customer names also go to ``names`` for role mapping."""
    if not value:
        return
    metadata[key] = value
    if key == "agent_name":
        names["agent"].append(value)
    elif key == "customer_name":
        names["customer"].append(value)


# -- speaker labels -----------------------------------------------------------------------------

#: label-like words at line start that are not speakers
NOT_SPEAKERS = frozenset(
    """note notes ps p.s nb n.b re fw fwd subject update edit warning error tip example step fyi
    http https ftp mailto www url link email e-mail phone tel mobile fax address date time total price status
    order reference ref ticket case account id number code password username q a question answer
    summary reason issue problem result results answer solution action todo to-do important attention
    caution info information disclaimer source sources example examples hint also and but so then p.p.s
    name option choice tracking delivery shipping billing payment balance amount due deadline location
    monday tuesday wednesday thursday friday saturday sunday weekdays weekends
    today tomorrow yesterday morning afternoon evening hours opening closing open closed""".split()
)
#: words that make a label a form field rather than a person ("Order Number: 123")
FIELD_WORDS = frozenset(
    """number no id code date time address email phone reference ref order account total amount status
    name details detail info number: type model serial version price cost fee total subtotal tax""".split()
)

_LABEL_CHARS = LazyPattern(r"^[^\W\d][\w .'’&@#/+()\[\]-]*$")


def plausible_label(label: str) -> bool:
    """A speaker label: a short name (<= 4 words / 40 chars, plus an optional
    ``(suffix)``), starting with a letter, not a URL, not a common non-speaker word."""
    label = label.strip()
    if not label or len(label) > 40 or not _LABEL_CHARS.match(label):
        return False
    base = label.split("(", 1)[0].strip()
    if not base or len(base.split()) > 4:
        return False
    low = base.casefold()
    if low in NOT_SPEAKERS or low.rstrip(".") in NOT_SPEAKERS or low.startswith(("http", "www.")):
        return False
    first = low.split()[0]
    return first not in NOT_SPEAKERS and first not in ("p.s.",)


def name_like(label: str) -> bool:
    """A once-seen label that reads as a person's name: Title Case words, no digits, no
    form-field word ("Dana Whitfield", "Priya (Support)", but not "Order Number")."""
    base = label.split("(", 1)[0].strip()
    words = base.split()
    if not words or len(words) > 3 or any(c.isdigit() for c in base):
        return False
    return all(w[:1].isupper() for w in words) and not any(w.casefold().strip(".") in FIELD_WORDS for w in words)


# -- markup --------------------------------------------------------------------------------------

_TAG = LazyPattern(r"<[^<>\n]*>")
_VOICE = LazyPattern(r"<v(?:\.[^\s>]*)?\s+([^<>\n]*?)\s*>")


def voice_of(payload: str) -> str | None:
    m = _VOICE.search(payload)
    if m:
        name = m.group(1).strip()
        return name or None
    return None


def strip_markup(text: str) -> str:
    """Remove tags (``<v>``, ``<c>``, ``<i>``, ``<font>``, timestamp tags), unescape
    entities and collapse whitespace to single spaces."""
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = unescape(text)
    return " ".join(text.split())


def unescape(text: str) -> str:
    """``html.unescape``, with :mod:`html` (and its table of entities, ~2 ms) imported at the first text that
    holds an ``&``: every format module is imported for detection, and most transcripts hold no entity."""
    from html import unescape as html_unescape

    return html_unescape(text)
