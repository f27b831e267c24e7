"""Floors on the one-line batteries in eval/batteries (tools/battery.py measures them).

Like tests/test_accuracy_floor.py, the floors sit at today's figures, so a rule change that loses a case
here fails, while the figures themselves are in eval/batteries/README.md.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from helpers import ROOT
from turncheck import Checker, load_rules

_spec = importlib.util.spec_from_file_location("battery", ROOT / "tools" / "battery.py")
battery = importlib.util.module_from_spec(_spec)
sys.modules["battery"] = battery  # (its dataclasses look their module up by name)
_spec.loader.exec_module(battery)

CHECKER = Checker(load_rules())
FOLDER = ROOT / "eval" / "batteries"


def test_problem_battery_stays_at_its_floor():
    res = battery.measure(battery.load(FOLDER / "problem-150.jsonl"), CHECKER)
    assert res.kind == "problem" and res.total == 150
    assert res.missed[1] == 110 and res.flagged[1] == 40
    assert res.missed[0] <= 10, res.wrong
    assert res.flagged[0] <= 4, res.wrong


@pytest.mark.parametrize("rule,floor", [("solution-offered", 110), ("follow-up", 118)])
def test_remedy_battery_stays_at_its_floor(rule, floor):
    res = battery.measure(battery.load(FOLDER / "remedy-120.jsonl"), CHECKER)
    agree, total = res.rules[rule]
    assert total == 120
    assert agree >= floor, [w for w in res.wrong if w[1] == rule]


def test_second_problem_battery_stays_at_its_floor():
    res = battery.measure(battery.load(FOLDER / "problem-120b.jsonl"), CHECKER)
    assert res.missed[1] == 85 and res.flagged[1] == 35
    assert res.missed[0] <= 5, res.wrong
    assert res.flagged[0] <= 7, res.wrong


@pytest.mark.parametrize("rule,floor", [("no-blame-shifting", 133), ("no-contradiction", 134)])
def test_dispute_battery_stays_at_its_floor(rule, floor):
    res = battery.measure(battery.load(FOLDER / "dispute-140.jsonl"), CHECKER)
    agree, total = res.rules[rule]
    assert total == 140
    assert agree >= floor, [w for w in res.wrong if w[1] == rule]
    # none of its look-alikes or plain replies may be read as blame or a dispute
    assert not [w for w in res.wrong if w[1] == rule and w[2] == "pass"]


@pytest.mark.parametrize("name,rule,floor", [
    ("restate-130.jsonl", "apology", 124), ("restate-130.jsonl", "restatement", 121),
    ("openq-130.jsonl", "open-question", 116), ("openq-130.jsonl", "follow-up", 118),
    ("openq-130.jsonl", "solution-offered", 110), ("remedy-120.jsonl", "solution-offered", 110),
])
def test_reply_batteries_stay_at_their_floors(name, rule, floor):
    res = battery.measure(battery.load(FOLDER / name), CHECKER)
    agree, total = res.rules[rule]
    assert total == 130 if name != "remedy-120.jsonl" else total == 120
    assert agree >= floor, [w for w in res.wrong if w[1] == rule]


def test_battery_tool_reports_what_it_gets_wrong(tmp_path, capsys):
    # a two-case battery the pack cannot get both right: one label is flipped on purpose
    cases = tmp_path / "b.jsonl"
    cases.write_text('{"id": "a", "text": "my parcel never arrived", "problem": true, "note": ""}\n'
                     '{"id": "b", "text": "my parcel never arrived!!", "problem": false, "note": "flipped"}\n',
                     encoding="utf-8")
    assert battery.main([str(cases), "--show"]) == 0
    out = capsys.readouterr().out
    assert "complaints missed 0/1, look-alikes read as complaints 1/1" in out
    assert "b problem-raised: label false, got true" in out
