"""``json`` (one document) and ``jsonl`` (one scorecard per line, streamed)."""

from __future__ import annotations

from .. import jsontext
from ..model import json_dict
from . import Renderer, register
from .summary import Summary


def dumps(obj) -> str:
    return jsontext.dumps(obj)


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
        doc = {"ruleset": json_dict(self.ruleset), "summary": summary.to_dict(),
               "scorecards": [c.to_json_dict() for c in self.cards]}
        self.out.write(jsontext.dumps(doc, indent=True) + "\n")
