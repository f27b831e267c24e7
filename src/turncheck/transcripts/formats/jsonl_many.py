"""JSON Lines files holding many transcripts: one transcript object per line.

Origin: bulk exports and pipelines (one conversation per line), e.g. a day of
chats from a help desk, or the output of a batch ASR job.

Each line is detected on its own among the JSON formats (generic turns
object, CCAI, vCon, Contact Lens, ...) and parsed as one transcript with
``id`` ``<file>:<line>`` and ``metadata["location"]`` = the line. A bad line
becomes an InputError for that line and the other lines still parse
(:func:`turncheck.transcripts.iter_transcripts`). :func:`parse_text` on such a
file works only when it holds exactly one transcript.
"""

from __future__ import annotations

from typing import Any, Iterator

from ...errors import InputError
from ...model import Transcript
from ..base import REGISTRY, ImportOptions, JsonImporter, register
from ..jsonutil import JsonDoc, load_json
from .generic_json import is_turn

MATCH = 0.5


@register
class JsonLinesManyImporter(JsonImporter):
    """JSON Lines with one transcript object per line (see the module docstring)."""

    name = "jsonl"
    description = "JSON Lines with one transcript object per line (each line detected among the JSON formats)"
    origin = "bulk exports, pipelines"
    extensions = (".jsonl", ".ndjson")
    roles = "as each line's format"
    timing = "as each line's format"

    def sniff_doc(self, doc: JsonDoc) -> float:
        if doc.records is None:
            return 0.0
        values = [v for _, v in doc.records if not isinstance(v, InputError)]
        return 0.9 if values and not all(is_turn(v) for v in values) else 0.0

    def sniff_data(self, data: Any) -> float:
        return 0.0

    def _record_importer(self, value: Any) -> JsonImporter | None:
        best, best_score = None, 0.0
        for imp in REGISTRY.values():
            if isinstance(imp, JsonImporter) and imp is not self:
                score = imp.sniff_data(value)
                if score > best_score:
                    best, best_score = imp, score
        return best if best_score >= MATCH else None

    def _records(self, doc: JsonDoc, source: str, options: ImportOptions) -> Iterator[Transcript | InputError]:
        assert doc.records is not None
        for line, value in doc.records:
            if isinstance(value, InputError):
                yield value
                continue
            imp = self._record_importer(value)
            if imp is None:
                yield InputError("not a transcript object (no known transcript structure)", file=source, line=line)
                continue
            sub = JsonDoc("", value)  # one line: element lines are the record's line
            rid = f"{source}:{line}"
            try:
                t = imp.parse_data(sub, value, rid, options)
            except InputError as exc:
                exc.file, exc.line = source, line
                yield exc
                continue
            t.source = source
            t.metadata["location"] = line
            t.metadata.setdefault("record_format", imp.name)
            for turn in t.turns:
                turn.line = line
            yield t

    def parse_data(self, doc: JsonDoc, data: Any, source: str, options: ImportOptions) -> Transcript:
        if doc.records is None:
            raise InputError("not JSON Lines", file=source, line=1)
        items = list(self._records(doc, source, options))
        if len(items) != 1:
            raise InputError(
                f"holds {len(items)} transcripts (JSON Lines, one per line)",
                file=source,
                line=1,
                hint="check it with 'turncheck check', which reads every line (iter_transcripts)",
            )
        if isinstance(items[0], InputError):
            raise items[0]
        return items[0]

    def iter_detected(self, text: str, doc: JsonDoc | None, source: str, options: ImportOptions) -> Iterator[Transcript | Any]:
        if doc is None:
            doc = load_json(text, source)
        return self._records(doc, source, options)

    def parse_many(self, text: str, source: str, options: ImportOptions) -> Iterator[Transcript | Any]:
        return self.iter_detected(text, None, source, options)
