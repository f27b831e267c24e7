"""Plain-text chat logs: ``Agent: ...`` / ``Customer: ...`` or ``Name: ...`` lines.

Origin: the everyday shape of chat/e-mail/social exports and of the project's
evaluation data (``# key: value`` header, then one turn per line).

Handles:
- ``# key: value`` header lines at the top -> metadata (``# customer: Full
  Name`` -> ``customer_name``, ``# agent: NAME`` -> ``agent_name``); those
  names map speakers to roles, and with ``# agent: NAME`` every other speaker
  is the customer;
- role words as labels (agent, rep, support, advisor, ... / customer, caller,
  client, user, ...), named speakers, suffixes such as ``Priya (Support):``;
- send-time prefixes ``[10:02:13]``, ``[2024-05-01 10:02:13]``, ISO forms,
  ``[10:02 AM]`` and a bare ``10:02:13``: ``start`` is seconds since midnight
  (time only, days rolling over) or Unix epoch seconds (with a date); ``end``
  stays None -- send times are not utterance timings;
- lines that do not start a turn continue the previous turn (joined with a
  newline). A label is a short name followed by ``:`` and a space; it counts
  only if it is a role word, a name from the header or options, repeated as
  a label elsewhere, reads as a person's name (Title Case, no digits, no
  form-field word such as "Order Number"), or carries a send time -- so
  ``Note: ...`` inside a message and ``https://...`` never start a turn.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ...errors import InputError
from ...model import Transcript
from ...text import LazyPattern
from ..base import ImportOptions, Importer, RawTurn, register
from ..common import meta_key_value, name_like, plausible_label, set_meta
from ..jsonutil import parse_iso
from ..roles import label_role, names_match

_HEADER = LazyPattern(r"^#\s*(.*)$")
_TS_BRACKET = LazyPattern(r"^\s*[\[(]([0-9][0-9:./ TtZz+-]{3,32}(?:\s?[AaPp]\.?[Mm]\.?)?)[\])]\s*")
_TS_BARE = LazyPattern(r"^\s*(\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)\s+(?=\S)")
_LABEL = LazyPattern(r"^([^\s:][^:\n]{0,59}?)\s*:(?:[ \t]+|$)(.*)$")
_TIME = LazyPattern(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([AaPp])\.?[Mm]\.?)?$")

SNIFF_LINES = 60


def parse_send_time(value: str) -> tuple[float, bool] | None:
    """``10:02:13`` -> (seconds since midnight, False); ``2024-05-01 10:02:13`` -> (epoch, True)."""
    v = value.strip()
    m = _TIME.match(v)
    if m:
        h, mi, s, frac, ampm = m.groups()
        hour = int(h)
        if ampm:
            if hour > 12 or hour == 0:
                return None
            hour = hour % 12 + (12 if ampm in "Pp" else 0)
        if hour > 23 or int(mi) > 59 or (s and int(s) > 59):
            return None
        secs = hour * 3600 + int(mi) * 60 + int(s or 0) + (float("0." + frac) if frac else 0.0)
        return secs, False
    epoch = parse_iso(v)
    if epoch is not None:
        return epoch, True
    return None


class _Line:
    __slots__ = ("no", "time", "dated", "label", "text", "raw")

    def __init__(self, no, time, dated, label, text, raw):
        self.no, self.time, self.dated, self.label, self.text, self.raw = no, time, dated, label, text, raw


def _split_line(no: int, raw: str) -> _Line:
    """Separate an optional send time and a candidate speaker label from one line."""
    rest = raw
    time = None
    dated = False
    m = _TS_BRACKET.match(rest) or _TS_BARE.match(rest)
    if m:
        parsed = parse_send_time(m.group(1))
        if parsed is not None:
            time, dated = parsed
            rest = rest[m.end():]
    lm = _LABEL.match(rest)
    if lm and plausible_label(lm.group(1)):
        return _Line(no, time, dated, lm.group(1).strip(), lm.group(2).strip(), raw)
    return _Line(no, time, dated, None, rest.strip(), raw)


#: the last full scan, so that parse() after sniff() on the same (short) text does not redo it
_last_scan: tuple[str, tuple] | None = None


def _scan(text: str, limit: int | None = None):
    """Header metadata and classified body lines (``limit``: stop after that many lines)."""
    global _last_scan
    last = _last_scan
    if last is not None and last[0] is text:
        metadata, names, body = last[1]
        return dict(metadata), {k: list(v) for k, v in names.items()}, body
    lines = text.split("\n")
    complete = limit is None or len(lines) <= limit
    if not complete:
        lines = lines[:limit]
    metadata: dict = {}
    names: dict[str, list[str]] = {"agent": [], "customer": []}
    body: list[_Line] = []
    in_header = True
    for no, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        if in_header:
            hm = _HEADER.match(raw)
            if hm:
                kv = meta_key_value(hm.group(1))
                if kv:
                    set_meta(metadata, kv[0], kv[1], names)
                continue
            in_header = False
        body.append(_split_line(no, raw))
    if complete:
        _last_scan = (text, (dict(metadata), {k: list(v) for k, v in names.items()}, body))
    return metadata, names, body


def _speakers(body: list[_Line], names: dict[str, list[str]], options: ImportOptions) -> set[str]:
    """Which candidate labels really are speakers (see module docstring)."""
    counts: dict[str, int] = {}
    for ln in body:
        if ln.label:
            counts[ln.label] = counts.get(ln.label, 0) + 1
    known = [*names["agent"], *names["customer"], *options.agent_speakers, *options.customer_speakers]
    accepted = set()
    for label, n in counts.items():
        if n >= 2 or label_role(label) or name_like(label) or any(names_match(label, k) for k in known):
            accepted.add(label)
    for ln in body:
        if ln.label and ln.label not in accepted and ln.time is not None:
            accepted.add(ln.label)
    if not accepted and counts:
        # a short exchange of distinct names, each speaking once ("Tom: hi" / "Priya: hello")
        first = body[0].label if body else None
        if first:
            accepted = set(counts)
    return accepted


@register
class ChatImporter(Importer):
    """Plain-text chat: ``Agent: ...`` / ``Customer: ...`` or ``Name: ...`` lines with an optional
    ``# key: value`` header and ``[HH:MM:SS]`` send times (see the module docstring)."""

    name = "chat"
    description = "Plain-text chat log: 'Speaker: text' lines, optional '# key: value' header and [HH:MM:SS] send times"
    origin = "generic chat / e-mail / social exports"
    extensions = (".txt", ".log", ".chat")
    roles = "stated (labels, header names) or inferred"
    timing = "send times (start only)"

    def sniff(self, text: str, path: str) -> float:
        _meta, names, body = _scan(text, SNIFF_LINES)
        if not body:
            return 0.0
        accepted = _speakers(body, names, ImportOptions())
        starts = sum(1 for ln in body if ln.label in accepted)
        if not starts:
            return 0.0
        ratio = starts / len(body)
        score = 0.35 + 0.5 * ratio
        if body[0].label in accepted:
            score += 0.1
        return min(score, 0.9)

    def parse(self, text: str, source: str, options: ImportOptions) -> Transcript:
        metadata, names, body = _scan(text)
        if not body:
            raise InputError("no chat lines found (expected 'Speaker: text')", file=source, line=1)
        accepted = _speakers(body, names, options)
        if not accepted:
            raise InputError(
                "no speaker labels found (expected lines like 'Agent: text' or 'Name: text')",
                file=source,
                line=body[0].no,
            )
        raw: list[list] = []
        day = 0.0
        last_clock: float | None = None
        first_dated: float | None = None
        for ln in body:
            if ln.label in accepted:
                start = ln.time
                if start is not None and not ln.dated:
                    if last_clock is not None and start + day < last_clock - 43200:
                        day += 86400.0
                    start += day
                    last_clock = start
                elif start is not None and first_dated is None:
                    first_dated = start
                raw.append([None, ln.label, ln.text, start, None, ln.no])
            elif raw:
                line_text = ln.raw.strip()
                raw[-1][2] = f"{raw[-1][2]}\n{line_text}" if raw[-1][2] else line_text
            else:
                raw.append([None, None, ln.raw.strip(), ln.time, None, ln.no])
        if first_dated is not None and "start_time" not in metadata:
            metadata["start_time"] = datetime.fromtimestamp(first_dated, timezone.utc).isoformat().replace("+00:00", "Z")
        turns: list[RawTurn] = [tuple(r) for r in raw]  # type: ignore[misc]
        return self.build(
            source,
            turns,
            metadata,
            options,
            agent_names=names["agent"],
            customer_names=names["customer"],
            others_are_customers=True,
        )
