"""Talk metrics: computed once per timed transcript, in the JSON and CSV outputs, usable in rules."""

from __future__ import annotations

import csv
import io
import json

import pytest

from helpers import ROOT, chat
from test_cli import run
from turncheck import Checker, load_rules
from turncheck.metrics import talk_metrics
from turncheck.transcripts import ImportOptions, iter_transcripts

CALL = ROOT / "fixtures" / "calls" / "talk-metrics.vtt"


def test_metrics_match_a_hand_computation():
    t = next(iter(iter_transcripts(str(CALL), ImportOptions())))
    m = talk_metrics(t)
    # utterances: A 0-4, C 5-10, A 9-12, C 20-25, A 25.5-27.5
    assert m["duration_seconds"] == 27.5
    assert m["silence_total_seconds"] == 9.5          # gaps 4-5, 12-20, 25-25.5
    assert m["silence_longest_seconds"] == 8.0
    assert m["silence_share"] == round(9.5 / 27.5, 2)
    assert (m["talkover_count"], m["talkover_total_seconds"], m["talkover_longest_seconds"]) == (1, 1.0, 1.0)
    assert (m["agent_talk_seconds"], m["customer_talk_seconds"]) == (9.0, 10.0)
    assert m["agent_talk_ratio"] == round(9 / 19, 2)
    assert m["agent_words_per_minute"] == round(19 / (9 / 60), 2)   # 5 + 9 + 5 agent words in 9 s


def test_a_chat_has_no_metrics():
    assert talk_metrics(chat("Customer: hi\nAgent: hello")) is None


def test_metrics_in_json_and_csv():
    res = run("check", str(CALL), "--format", "json")
    card = json.loads(res.stdout)["scorecards"][0]
    assert card["metrics"]["silence_longest_seconds"] == 8.0 and card["metrics"]["talkover_count"] == 1
    rows = list(csv.DictReader(io.StringIO(run("check", str(CALL), "--format", "csv").stdout)))
    assert rows and all(r["silence_longest_seconds"] == "8" and r["agent_talk_ratio"] == "0.47" for r in rows)
    chat_rows = list(csv.DictReader(io.StringIO(run("check", str(ROOT / "fixtures" / "chats"), "--format",
                                                    "csv").stdout)))
    assert chat_rows and all(r["silence_longest_seconds"] == "" for r in chat_rows)


def _metric_rule(tmp_path, require: str):
    (tmp_path / "pack.yaml").write_text("name: t\nextends: default\n", encoding="utf-8")
    (tmp_path / "air.yaml").write_text(
        f"title: t\ndescription: d\nrationale: r\ncheck: {{kind: metric, require: '{require}'}}\n", encoding="utf-8")
    return Checker(load_rules([tmp_path]), only=["air"])


@pytest.mark.parametrize("require,status", [
    ("silence_longest_seconds <= 10", "pass"),
    ("silence_longest_seconds <= 5", "fail"),
    ("talkover_total_seconds < 1", "fail"),
    ("agent_talk_ratio > 0.4", "pass"),
])
def test_metric_rules(tmp_path, require, status):
    checker = _metric_rule(tmp_path, require)
    t = next(iter(iter_transcripts(str(CALL), ImportOptions())))
    result = checker.check(t).rules[0]
    assert result.status == status
    if status == "fail":
        assert require.split()[0] in result.message
    assert checker.check(chat("Customer: hi\nAgent: hello")).rules[0].status == "na"


def test_unknown_metric_is_a_rule_error_with_a_suggestion(tmp_path):
    from turncheck.errors import RuleError

    with pytest.raises(RuleError) as err:
        _metric_rule(tmp_path, "silence_longest_second <= 10")
    assert "did you mean 'silence_longest_seconds'" in err.value.format()
