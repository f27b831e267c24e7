"""``json`` (one document) and ``jsonl`` (one scorecard per line, streamed)."""

from __future__ import annotations

import orjson

from . import Renderer, register
from .summary import Summary


def dumps(obj) -> str:
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode()


def json_line(card) -> str:
    return dumps(card.to_json_dict()) + "\n"


@register
class JsonLines(Renderer):
    name = "jsonl"
    streaming = True

    def __init__(self, out, ruleset, **options) -> None:
        super().__init__(out, ruleset, **options)
        self.card_text = json_line

    def close(self, summary: Summary) -> None:
        self.out.flush()


@register
class Json(Renderer):
    name = "json"

    def close(self, summary: Summary) -> None:
        doc = {"ruleset": self.ruleset.model_dump(mode="json"), "summary": summary.to_dict(),
               "scorecards": [c.to_json_dict() for c in self.cards]}
        self.out.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n")
