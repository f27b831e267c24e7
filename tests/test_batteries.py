"""Floors on the one-line batteries in eval/batteries (tools/battery.py measures them).

Like tests/test_accuracy_floor.py, the floors sit at today's figures, so a rule change that loses a case
here fails, while the figures themselves are in eval/batteries/README.md.
"""

from __future__ import annotations

import functools
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


@functools.cache
def measured(name: str):
    return battery.measure(battery.load(FOLDER / name), CHECKER)


@pytest.mark.parametrize("name,problems,lookalikes,missed,flagged", [
    ("problem-150.jsonl", 110, 40, 10, 4),
    ("problem-120b.jsonl", 85, 35, 5, 7),
    ("problem-140c.jsonl", 100, 40, 1, 2),
    ("problem-120q.jsonl", 85, 35, 4, 3),
    ("problem-100s.jsonl", 70, 30, 0, 2),
])
def test_problem_batteries_stay_at_their_floors(name, problems, lookalikes, missed, flagged):
    res = measured(name)
    assert res.kind == "problem"
    assert (res.missed[1], res.flagged[1]) == (problems, lookalikes)
    assert res.missed[0] <= missed, res.wrong
    assert res.flagged[0] <= flagged, res.wrong


@pytest.mark.parametrize("name,rule,total,floor", [
    ("remedy-120.jsonl", "solution-offered", 120, 110), ("remedy-120.jsonl", "follow-up", 120, 118),
    ("dispute-140.jsonl", "no-blame-shifting", 140, 133), ("dispute-140.jsonl", "no-contradiction", 140, 136),
    ("restate-130.jsonl", "apology", 130, 125), ("restate-130.jsonl", "restatement", 130, 123),
    ("openq-130.jsonl", "open-question", 130, 116), ("openq-130.jsonl", "follow-up", 130, 118),
    # 110 since the sixteenth round: q047 "DM us and we'll run a line check" is read as diagnosis here, as a
    # remedy by both readers of reply-100p ("we'll run a line test from our end")
    ("openq-130.jsonl", "solution-offered", 130, 110),
    ("reply-150.jsonl", "follow-up", 150, 147), ("reply-150.jsonl", "solution-offered", 150, 128),
    ("reply-150.jsonl", "restatement", 150, 133), ("reply-150.jsonl", "open-question", 150, 136),
    ("reply-150.jsonl", "no-contradiction", 150, 146),
    # the sixteenth round's, labels kept only where two blind readers agree (a rule's total counts those)
    ("dispute-100m.jsonl", "no-contradiction", 95, 86), ("dispute-100m.jsonl", "no-blame-shifting", 99, 95),
    ("dispute-100m.jsonl", "apology", 100, 98), ("dispute-100m.jsonl", "solution-offered", 99, 89),
    ("reply-100n.jsonl", "follow-up", 99, 91), ("reply-100n.jsonl", "solution-offered", 99, 82),
    ("reply-100n.jsonl", "restatement", 100, 90), ("reply-100n.jsonl", "open-question", 99, 85),
    ("reply-100n.jsonl", "no-contradiction", 98, 93),
    ("reply-100p.jsonl", "follow-up", 97, 92), ("reply-100p.jsonl", "solution-offered", 96, 86),
    ("reply-100p.jsonl", "restatement", 97, 86), ("reply-100p.jsonl", "open-question", 100, 96),
    ("reply-100p.jsonl", "no-contradiction", 100, 91),
    ("reply-100r.jsonl", "apology", 99, 98), ("reply-100r.jsonl", "restatement", 94, 88),
    ("reply-100r.jsonl", "follow-up", 97, 97), ("reply-100r.jsonl", "solution-offered", 91, 81),
    ("reply-100r.jsonl", "open-question", 99, 99), ("reply-100r.jsonl", "no-contradiction", 99, 95),
    ("reply-100r.jsonl", "no-blame-shifting", 97, 96),
    # held out of the thirteenth round's tuning: measured at its start and end only
    ("reply-100h.jsonl", "follow-up", 100, 86), ("reply-100h.jsonl", "solution-offered", 100, 79),
    ("reply-100h.jsonl", "restatement", 100, 75), ("reply-100h.jsonl", "open-question", 100, 82),
    ("reply-100h.jsonl", "no-contradiction", 100, 80),
])
def test_reply_batteries_stay_at_their_floors(name, rule, total, floor):
    agree, n = measured(name).rules[rule]
    assert n == total
    assert agree >= floor, [w for w in measured(name).wrong if w[1] == rule]


@pytest.mark.parametrize("rule", ["no-blame-shifting", "no-contradiction"])
def test_dispute_battery_raises_no_false_alarm(rule):
    # none of its 75 look-alikes and plain replies may be read as blame or a dispute
    assert not [w for w in measured("dispute-140.jsonl").wrong if w[1] == rule and w[2] == "pass"]


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
