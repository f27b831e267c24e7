"""``to_json_dict`` walks scorecards and transcripts itself for a process's first dumps (no pydantic serializer
on a one-chat check): the walk must give exactly what ``model_dump(mode="json")`` gives, for every card the
checks write and for the odd value; after that, and once a serializer exists, ``model_dump`` is used."""

from __future__ import annotations

import datetime
import math

import pytest

from turncheck import Checker, load_rules
from turncheck.transcripts import ImportOptions, iter_transcripts
import turncheck.model as model_module
from turncheck.model import Transcript, Turn, json_dict, walked_json_dict
from turncheck.scorecard import ErrorInfo, RuleResult, RulesetInfo, Scorecard

from helpers import FIXTURES

CHECKER = Checker(load_rules())


def _transcripts():
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file() and not p.name.startswith(".")):
        try:
            yield from (t for t in iter_transcripts(str(path), ImportOptions()) if isinstance(t, Transcript))
        except Exception:  # noqa: BLE001 - a fixture that is meant not to parse has no card to compare
            continue


def test_every_fixture_card_and_transcript_dumps_as_pydantic_does():
    n = 0
    for t in _transcripts():
        card = CHECKER.check(t)
        assert walked_json_dict(card) == card.model_dump(mode="json")
        assert walked_json_dict(t) == t.model_dump(mode="json")
        n += 1
    assert n >= 30


def _card(**over) -> Scorecard:
    base = dict(transcript="t", source="s.txt", status="pass", score=80.0, ruleset=RulesetInfo(name="p", version="1"),
                rules=[RuleResult(id="r", status="pass", severity="major", weight=2.0, message="m")])
    base.update(over)
    return Scorecard(**base)


@pytest.mark.parametrize("card", [
    _card(),
    _card(score=math.inf),                                   # JSON mode keeps inf and nan as floats
    _card(score=float("nan")),
    _card(metadata={"agent": "Ana", "tags": ("a", "b"), "n": 3, "nested": {"x": [1, 2.5, None, True]}}),
    _card(metadata={"when": datetime.date(2026, 12, 6)}),     # not a JSON type: pydantic's own dump is used
    _card(metadata={"ids": {1, 2}}),
    _card(status="error", error=ErrorInfo(kind="parse", message="bad", line=3), rules=[]),
    _card(rules=[RuleResult(id="r", status="waived", severity="minor", weight=1.0, message="m",
                            waiver={"reason": "ok", "expires": datetime.date(2027, 1, 1)})]),
])
def test_odd_values_dump_as_pydantic_does(card):
    assert walked_json_dict(card) == card.model_dump(mode="json")


def test_transcript_with_odd_metadata_dumps_as_pydantic_does():
    t = Transcript(id="x", source="x.json", format="json", metadata={"start": datetime.datetime(2026, 1, 2, 3, 4)},
                   turns=[Turn(index=0, role="agent", text="hi", start=0.0, end=1.5)])
    assert walked_json_dict(t) == t.model_dump(mode="json")


def test_json_dict_walks_only_a_few_times_then_uses_the_serializer(monkeypatch):
    card = _card()
    monkeypatch.setattr(model_module, "_walked", 0)
    monkeypatch.setattr(Scorecard, "__pydantic_complete__", False)  # as in a fresh process: nothing built yet
    calls = []
    real = model_module.walked_json_dict
    monkeypatch.setattr(model_module, "walked_json_dict", lambda m: calls.append(m) or real(m))
    for _ in range(model_module.WALK_FIRST + 5):
        assert json_dict(card) == card.model_dump(mode="json")
    assert len(calls) == model_module.WALK_FIRST
    monkeypatch.setattr(model_module, "_walked", 0)
    monkeypatch.undo()  # the class's own flag back: its serializer is built, so no walk
    calls.clear()
    monkeypatch.setattr(model_module, "walked_json_dict", lambda m: calls.append(m) or real(m))
    json_dict(card)
    assert calls == []
