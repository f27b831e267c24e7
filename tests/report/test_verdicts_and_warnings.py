"""Every output tells the truth about a card: its verdict (``ok`` / ``needs-attention`` / ``fail`` / ``error``)
and the warnings a reader needs to trust it (no customer turns, speakers of unknown role)."""

from __future__ import annotations

import io
import json

import pytest

from helpers import chat
from turncheck import Checker, load_rules, parse_text
from turncheck.report import Summary, get_renderer
from turncheck.scorecard import card_verdict, make_result
from turncheck.transcripts import ImportOptions

FORMATS = ["table", "json", "jsonl", "csv", "md", "html", "junit", "sarif"]

ONLY_AGENT = "Agent: Hello, thanks for contacting us. How can I help?\nAgent: Are you still there?\n"
POOR = ("Customer: My parcel has not arrived after two weeks and I am furious.\n"
        "Agent: Ok.\nCustomer: What are you going to do about it?\nAgent: I will check.\n")
GOOD = ("Customer: I was charged twice for my order.\n"
        "Agent: I'm so sorry about the double charge, that must be frustrating. So you were billed twice for "
        "the same order? I will refund the second charge today and email you the confirmation within 24 hours. "
        "Thank you for your patience.\n")


def render(fmt: str, cards) -> str:
    out = io.StringIO()
    renderer = get_renderer(fmt)(out, cards[0].ruleset)
    summary = Summary()
    for card in cards:
        summary.add(card)
        renderer.add(card)
    renderer.close(summary)
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_customer_turns_is_a_warning_in_every_output(default_checker, fmt):
    card = default_checker.check(chat(ONLY_AGENT))
    assert any(w.startswith("no customer turns") for w in card.metadata["warnings"])
    assert card.verdict == "needs-attention" and card.status == "pass"  # the exit code is unchanged
    assert "no customer turns" in render(fmt, [card])


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_roles_warn_in_every_output(default_checker, fmt):
    card = default_checker.check(chat("Dana: hello\nSam: fine\n"))
    assert card.verdict == "needs-attention"
    assert "no agent or customer turns" in render(fmt, [card])


def test_more_than_two_parties_warning_reaches_the_json_card(default_checker):
    t = parse_text("Agent: hi\nHelen: my bill is wrong\nBob: and mine\n", "x.txt", ImportOptions(input_format="chat"))
    card = json.loads(render("jsonl", [default_checker.check(t)]))
    assert any("2 other speakers" in w for w in card["metadata"]["warnings"])


def test_a_low_score_without_a_critical_failure_is_not_shown_as_a_pass(default_checker):
    card = default_checker.check(chat(POOR))
    failed = [r.id for r in card.rules if r.status == "fail"]
    assert card.status == "pass" and card.score < 80 and len(failed) >= 4  # no critical rule failed
    assert card.verdict == "needs-attention"
    assert card.verdict_reason.startswith("score under 80")
    table = render("table", [card])
    assert "NEEDS ATTENTION" in table and "PASS" not in table
    assert "(needs attention, score" in render("md", [card])
    assert 'class="badge b-needs-attention"' in render("html", [card])
    doc = json.loads(render("json", [card]))
    assert doc["scorecards"][0]["verdict"] == "needs-attention" and doc["scorecards"][0]["status"] == "pass"
    assert doc["summary"]["needs_attention"] == 1 and doc["summary"]["passed"] == 1


def test_a_clean_card_is_ok_and_a_critical_failure_is_fail(default_checker):
    good = default_checker.check(chat(GOOD))
    assert (good.status, good.verdict, good.verdict_reason) == ("pass", "ok", None), [
        (r.id, r.status) for r in good.rules if r.status == "fail"]
    blame = default_checker.check(chat("Customer: my order is late\nAgent: That's your fault, you gave the "
                                       "wrong address. Not my problem.\n"))
    assert blame.status == "fail" and blame.verdict == "fail" and "failed" in blame.verdict_reason
    assert "1 ok, 0 failed" in render("table", [good]) and "0 ok, 1 failed" in render("table", [blame])


def test_verdict_thresholds_come_from_the_pack(tmp_path, default_checker):
    pack = tmp_path / "lenient"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: lenient\nversion: 1.0.0\nextends: default\n"
                                    "verdict: {attention_below: 20, attention_on: critical}\n", encoding="utf-8")
    lenient = Checker(load_rules([pack]))
    card = lenient.check(chat(POOR))
    assert card.score >= 20 and card.verdict == "ok"
    assert default_checker.check(chat(POOR)).verdict == "needs-attention"


def test_a_misspelt_verdict_key_is_a_rule_error(tmp_path):
    from turncheck.errors import RuleError

    pack = tmp_path / "typo"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: typo\nextends: default\nverdict: {attention_bellow: 20}\n",
                                    encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules([pack])
    assert "attention_bellow" in str(info.value.format()) and "attention_below" in str(info.value.format())


def test_card_verdict_rules():
    fail_major = make_result("apology", "fail", "major", 2.0, "no apology", [])
    fail_minor = make_result("thanks", "fail", "minor", 1.0, "no thanks", [])
    ok = make_result("calm-tone", "pass", "major", 2.0, "calm", [])
    assert card_verdict("pass", [ok], 100.0) == ("ok", None)
    assert card_verdict("pass", [ok, fail_minor], 85.0) == ("ok", None)
    assert card_verdict("pass", [ok, fail_major], 50.0) == ("needs-attention", "score under 80; apology failed")
    assert card_verdict("pass", [ok, fail_major], 90.0, attention_on="critical") == ("ok", None)
    assert card_verdict("pass", [ok, fail_minor], 50.0, attention_below=None, attention_on="none") == ("ok", None)
    assert card_verdict("fail", [fail_major] * 5, 10.0) == ("fail", "5 rules failed")
    assert card_verdict("error", [], None) == ("error", None)


def test_report_dashboards_count_and_show_needs_attention(default_checker):
    from turncheck.report.dashboard import build_report

    as_chat = ImportOptions(input_format="chat")
    poor = default_checker.check(parse_text(POOR, "poor.txt", as_chat))
    good = default_checker.check(parse_text(GOOD, "good.txt", as_chat))
    results = "".join(render("jsonl", [c]) for c in (poor, good))
    outputs = {}
    for fmt in ("table", "md", "json", "html"):
        out = io.StringIO()
        build_report(["-"], fmt, out, stdin=io.StringIO(results))
        outputs[fmt] = out.getvalue()
    assert "2 transcripts: 2 passed (1 needs attention), 0 failed, 0 errors" in outputs["table"]
    assert json.loads(outputs["json"])["summary"]["needs_attention"] == 1
    assert "| needs attention |" in outputs["md"]
    assert 'class="badge b-needs-attention"' in outputs["html"]


def test_the_result_cache_is_keyed_by_the_verdict_thresholds(tmp_path):
    from turncheck.cache import ruleset_fingerprint

    pack = tmp_path / "strict"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: default\nversion: 1.0.0\nextends: default\n"
                                    "verdict: {attention_below: 95}\n", encoding="utf-8")
    base, strict = load_rules(), load_rules([pack])
    assert ruleset_fingerprint(base) != ruleset_fingerprint(strict)
