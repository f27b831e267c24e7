"""CSV / TSV with one row per turn.

Origin: spreadsheet exports of chats and calls (help-desk reports, QA tools,
hand-made test sets).

The first row is a header. Columns are found by ``ImportOptions.columns``
(``{"speaker": "From", "text": "Message", "start": "Time", "end": ..., "role": ...}``)
or by common names (case-insensitive): speaker / participant / from /
author / sender / name; role / speaker_role / participant_role; text /
message / utterance / content / body / transcript; start / start_time /
timestamp / time / begin / offset; end / end_time / stop. The delimiter
(``,`` ``;`` tab ``|``) is sniffed from the header. Times may be seconds,
``HH:MM:SS(.fff)`` or ISO date-times (Unix epoch). Errors carry the row's
line number.
"""

from __future__ import annotations

import csv
import io

from ...errors import InputError
from ...model import Transcript
from ..base import ImportOptions, Importer, register
from ..jsonutil import Fields
from ..roles import role_word

ALIASES = {
    "speaker": ("speaker", "speaker_name", "participant", "participant_name", "from", "author", "sender", "name", "user", "who", "speaker_label"),
    "role": ("role", "speaker_role", "participant_role", "speaker_type", "author_type", "sender_type", "party"),
    "text": ("text", "message", "utterance", "content", "body", "transcript", "msg", "comment"),
    "start": ("start", "start_time", "starttime", "timestamp", "time", "begin", "begin_time", "offset", "start_seconds", "sent_at", "created_at"),
    "end": ("end", "end_time", "endtime", "stop", "end_seconds"),
}
_DELIMS = (",", "\t", ";", "|")


def _norm(name: str) -> str:
    return name.strip().strip('"').casefold().replace(" ", "_").replace("-", "_")


def _header(text: str) -> tuple[str, list[str]] | None:
    first = text.split("\n", 1)[0]
    if len(first) > 4096:  # not a header row
        return None
    best = None
    for d in _DELIMS:
        if d in first:
            try:
                cells = next(csv.reader([first], delimiter=d))
            except csv.Error:
                continue
            if best is None or len(cells) > len(best[1]):
                best = (d, cells)
    return best


def _columns(cells: list[str], mapping: dict[str, str]) -> dict[str, int]:
    normed = [_norm(c) for c in cells]
    cols: dict[str, int] = {}
    for field, aliases in ALIASES.items():
        wanted = mapping.get(field)
        if wanted is not None:
            if _norm(wanted) in normed:
                cols[field] = normed.index(_norm(wanted))
            continue
        for a in aliases:
            if a in normed and normed.index(a) not in cols.values():
                cols[field] = normed.index(a)
                break
    return cols


@register
class CsvImporter(Importer):
    """One row per turn with a header row (see the module docstring)."""

    name = "csv"
    description = "CSV/TSV, one row per turn; columns by --columns mapping or common header names"
    origin = "spreadsheet / help-desk / QA exports"
    extensions = (".csv", ".tsv")
    roles = "stated (role/speaker columns) or inferred"
    timing = "as given (offsets or absolute)"

    def sniff(self, text: str, path: str) -> float:
        head = _header(text)
        if head is None:
            return 0.0
        cols = _columns(head[1], {})
        if "text" in cols and ("speaker" in cols or "role" in cols):
            return 0.85
        if "text" in cols or (path.lower().endswith((".csv", ".tsv")) and len(head[1]) >= 2):
            return 0.3  # accepted with a .csv extension; columns may come from --columns
        return 0.0

    def parse(self, text: str, source: str, options: ImportOptions) -> Transcript:
        head = _header(text)
        if head is None:
            raise InputError("no header row with a delimiter (, ; tab |)", file=source, line=1)
        delim, cells = head
        cols = _columns(cells, options.columns)
        if "text" not in cols:
            raise InputError(
                "no text column in the header (expected one of: " + ", ".join(ALIASES["text"]) + ")",
                file=source, line=1, hint="map it with --columns text=<header>",
            )
        f = Fields(source)
        reader = csv.reader(io.StringIO(text), delimiter=delim)
        raw = []
        try:
            next(reader)
            for row in reader:
                line = reader.line_num
                if not row or not any(c.strip() for c in row):
                    continue

                def cell(field: str) -> str | None:
                    i = cols.get(field)
                    return row[i].strip() if i is not None and i < len(row) and row[i].strip() else None

                body = cell("text")
                if body is None:
                    continue
                speaker = cell("speaker")
                role_value = cell("role")
                stated = role_word(role_value) if role_value else None
                if speaker is None:
                    speaker = role_value
                start = f.number(cell("start"), f"line {line}, column {cells[cols['start']]!r}" if "start" in cols else "", line)
                end = f.number(cell("end"), f"line {line}, column {cells[cols['end']]!r}" if "end" in cols else "", line)
                raw.append((stated, speaker, body, start, end, line))
        except csv.Error as exc:
            raise InputError(f"CSV error: {exc}", file=source, line=reader.line_num) from None
        return self.build(source, raw, {}, options)
