"""``turncheck rules import``: Transcribe categories, Contact Lens rules and CCAI phrase matchers as rule files.

The vendor files are in tests/data/vendor-rules/ (README.md there cites where each comes from). Every
generated rule is loaded with the real loader and run on small transcripts written for it: the rule passes
where the vendor's documented meaning says the vendor rule matches, and fails where it does not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from turncheck import Checker, load_rules, parse_text
from turncheck.cli import app
from turncheck.errors import RuleError
from turncheck.rules.vendor import convert, phrase
from turncheck.transcripts import ImportOptions

from helpers import FIXTURES, ROOT, chat

DATA = ROOT / "tests" / "data" / "vendor-rules"
runner = CliRunner()


def vtt(*cues: tuple[float, float, str, str]):
    """A timed call: (start, end, speaker, text) per cue."""
    def ts(s: float) -> str:
        return f"00:{int(s // 60):02d}:{s % 60:06.3f}"

    body = "WEBVTT\n\n" + "\n\n".join(f"{ts(a)} --> {ts(b)}\n<v {who}>{text}" for a, b, who, text in cues)
    return parse_text(body + "\n", "call.vtt", ImportOptions(input_format="webvtt"))


def imported(tmp_path: Path, *names: str, extra: tuple[str, ...] = ()) -> tuple[Path, object]:
    """Run ``rules import`` on data files into a fresh folder; the folder and the CLI result."""
    out = tmp_path / "imported"
    res = runner.invoke(app, ["rules", "import", *(str(DATA / n) for n in names), "-o", str(out), *extra])
    return out, res


def statuses(folder: Path, transcript) -> dict[str, str]:
    return {r.id: r.status for r in Checker(load_rules([folder])).check(transcript).rules}


# ------------------------------------------------------------------------------------------------ Transcribe


def test_transcribe_greeting_in_the_first_30_seconds_passes_and_fails_the_right_calls(tmp_path):
    out, res = imported(tmp_path, "transcribe-thank-you-for-calling-first-30s.json")
    assert res.exit_code == 0, res.output
    rule = yaml.safe_load((out / "agent-thanks-for-calling-early.yaml").read_text())
    assert rule["within"] == {"first_seconds": 30}
    assert rule["check"] == {"kind": "presence", "role": "agent",
                             "query": '"thank you for calling" OR "thanks for calling"'}
    early = vtt((1, 4, "Agent", "Hello, thank you for calling Acme."), (5, 8, "Customer", "Hi, my bill is wrong."))
    late = vtt((1, 4, "Agent", "Please hold."), (40, 44, "Agent", "Thank you for calling Acme."))
    customer_only = vtt((1, 4, "Customer", "Thank you for calling me back."), (5, 8, "Agent", "No problem."))
    assert statuses(out, early) == {"agent-thanks-for-calling-early": "pass"}
    assert statuses(out, late) == {"agent-thanks-for-calling-early": "fail"}
    assert statuses(out, customer_only) == {"agent-thanks-for-calling-early": "fail"}  # ParticipantRole AGENT


def test_transcribe_documented_real_time_category_speak_to_the_manager(tmp_path):
    out, res = imported(tmp_path, "transcribe-my-new-real-time-category.json")
    assert res.exit_code == 0, res.output
    assert statuses(out, chat("Customer: I want to speak to the manager now.\nAgent: Of course.")) == \
        {"my-new-real-time-category": "pass"}
    assert statuses(out, chat("Customer: Can I speak to a manager?\nAgent: Of course.")) == \
        {"my-new-real-time-category": "fail"}  # EXACT: "a manager" is not "the manager"


def test_transcribe_get_category_response_gives_the_same_rule_as_the_request(tmp_path):
    a = convert(json.loads((DATA / "transcribe-my-new-real-time-category.json").read_text()))
    b = convert(json.loads((DATA / "transcribe-get-category-response.json").read_text()))
    assert a.rules == b.rules and list(a.rules) == ["my-new-real-time-category"]


def test_transcribe_documented_batch_category_is_refused_naming_each_key(tmp_path):
    out, res = imported(tmp_path, "transcribe-my-new-category.json")
    assert res.exit_code == 2 and not out.exists()
    lines = res.stderr.strip().splitlines()
    assert all(line.startswith(f"error: {DATA / 'transcribe-my-new-category.json'}: ") for line in lines)
    assert any("Rules[0].InterruptionFilter.ParticipantRole: " in line for line in lines)
    assert any("Rules[1].NonTalkTimeFilter.RelativeTimeRange: a time range in percent" in line for line in lines)
    assert any("Rules[2].SentimentFilter: SentimentFilter has no turncheck equivalent (turncheck has no "
               "sentiment score)" in line for line in lines)
    assert "Traceback" not in res.output


def test_transcribe_partial_converts_the_negated_greeting_window_and_warns(tmp_path):
    out, res = imported(tmp_path, "transcribe-my-new-category.json", extra=("--partial",))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["my-new-category-rule4.yaml"]
    assert res.stderr.count("warning: ") == 3 and "Rules[2].SentimentFilter" in res.stderr
    rule = yaml.safe_load((out / "my-new-category-rule4.yaml").read_text())
    assert rule["check"]["expect"] == "absent" and rule["within"] == {"first_seconds": 10}
    # "The words welcome or hello were not used in the first 10,000 milliseconds of the call"
    greeted = vtt((1, 4, "Agent", "Hello and welcome."), (5, 8, "Customer", "Hi."))
    greeted_late = vtt((1, 4, "Agent", "One moment."), (15, 18, "Agent", "Hello, sorry about that."))
    assert statuses(out, greeted) == {"my-new-category-rule4": "fail"}
    assert statuses(out, greeted_late) == {"my-new-category-rule4": "pass"}


def test_transcribe_older_documented_category_partial_keeps_the_greeting(tmp_path):
    out, res = imported(tmp_path, "transcribe-example-call-analytics-category.json", extra=("--partial",))
    assert res.exit_code == 0, res.output
    rule = yaml.safe_load((out / "example-call-analytics-category-rule4.yaml").read_text())
    assert rule["check"]["query"] == '"welcome" OR "hello"' and "expect" not in rule["check"]
    assert statuses(out, vtt((2, 5, "Agent", "Welcome to Acme."))) == {"example-call-analytics-category-rule4": "pass"}
    assert statuses(out, vtt((12, 15, "Agent", "Welcome to Acme."))) == \
        {"example-call-analytics-category-rule4": "fail"}


def test_transcribe_sentiment_only_category_has_nothing_left_even_with_partial(tmp_path):
    out, res = imported(tmp_path, "transcribe-agent-negative-sentiment.json", extra=("--partial",))
    assert res.exit_code == 2 and not out.exists()
    assert "Rules[0].SentimentFilter: SentimentFilter has no turncheck equivalent" in res.stderr
    assert "nothing else is left to convert" in res.stderr


def test_transcribe_silence_and_talkover_become_metric_rules_with_the_category_split(tmp_path):
    out, res = imported(tmp_path, "transcribe-long-hold-and-talkover.json")
    assert res.exit_code == 0, res.output
    assert sorted(p.stem for p in out.iterdir()) == ["dead-air-and-talk-over-rule1", "dead-air-and-talk-over-rule2"]
    quiet_end = vtt((0, 5, "Agent", "Let me check."), (30, 34, "Agent", "Thanks for holding."),
                    (35, 40, "Customer", "Fine."))
    # 25 s of silence; 4 s of talk-over in the last minute (two 2 s overlaps)
    both = vtt((0, 5, "Agent", "Let me check."), (30, 40, "Customer", "I have been waiting a long time now."),
               (38, 45, "Agent", "I understand, I am sorry."), (43, 50, "Customer", "It is the third time."))
    assert statuses(out, quiet_end) == {"dead-air-and-talk-over-rule1": "pass", "dead-air-and-talk-over-rule2": "fail"}
    assert statuses(out, both) == {"dead-air-and-talk-over-rule1": "pass", "dead-air-and-talk-over-rule2": "pass"}
    # talk-over outside the last minute (AbsoluteTimeRange Last: 60000) does not count
    early_overlap = vtt((0, 10, "Customer", "I have been waiting."), (5, 12, "Agent", "Sorry, let me check that."),
                        (100, 110, "Agent", "All done now."), (111, 115, "Customer", "Thanks."))
    assert statuses(out, early_overlap)["dead-air-and-talk-over-rule2"] == "fail"
    assert statuses(out, chat("Agent: hi\nCustomer: hello")) == \
        {"dead-air-and-talk-over-rule1": "na", "dead-air-and-talk-over-rule2": "na"}  # no timings, no figure


def test_transcribe_negated_silence_and_a_window_in_the_middle():
    cat = {"CategoryName": "x", "Rules": [{"NonTalkTimeFilter": {"Threshold": 5000, "Negate": True}}]}
    assert convert(cat).rules["x"]["check"] == {"kind": "metric", "require": "silence_longest_seconds < 5"}
    middle = {"CategoryName": "x", "Rules": [{"TranscriptFilter": {
        "TranscriptFilterType": "EXACT", "Targets": ["hi"],
        "AbsoluteTimeRange": {"StartTime": 10000, "EndTime": 50000}}}]}
    with pytest.raises(RuleError) as exc:
        convert(middle)
    assert "Rules[0].TranscriptFilter.AbsoluteTimeRange.StartTime: a time range that starts after" in str(exc.value)
    from_start = {"CategoryName": "x", "Rules": [{"TranscriptFilter": {
        "TranscriptFilterType": "EXACT", "Targets": ["hi"], "AbsoluteTimeRange": {"StartTime": 0, "EndTime": 50000}}}]}
    assert convert(from_start).rules["x"]["within"] == {"first_seconds": 50}
    whole = {"CategoryName": "x", "Rules": [{"TranscriptFilter": {
        "TranscriptFilterType": "EXACT", "Targets": ["hi"], "RelativeTimeRange": {"StartPercentage": 0,
                                                                                  "EndPercentage": 100}}}]}
    assert "within" not in convert(whole).rules["x"]


# ----------------------------------------------------------------------------------------------- Contact Lens


def test_contact_lens_documented_refund_rule_becomes_a_queue_scoped_rule(tmp_path):
    out, res = imported(tmp_path, "contact-lens-refund-in-queue.json")
    assert res.exit_code == 0, res.output
    rule = yaml.safe_load((out / "contact-lens-refund-in-queue.yaml").read_text())
    assert rule["where"] == {"queue": "11111111-1234-5678-9123-12345678012"}
    asks = chat("Customer: I would like a refund please.\nAgent: Sure.")
    in_queue = asks.model_copy(update={"metadata": {"queue": "11111111-1234-5678-9123-12345678012"}})
    other_queue = asks.model_copy(update={"metadata": {"queue": "billing"}})
    agent_says = chat("Agent: You will get a refund.\nCustomer: Thanks.").model_copy(
        update={"metadata": {"queue": "11111111-1234-5678-9123-12345678012"}})
    assert statuses(out, in_queue) == {"contact-lens-refund-in-queue": "pass"}
    assert statuses(out, other_queue) == {"contact-lens-refund-in-queue": "na"}
    assert statuses(out, agent_says) == {"contact-lens-refund-in-queue": "fail"}  # ParticipantRole CUSTOMER


def test_contact_lens_create_rule_request_with_function_string(tmp_path):
    out, res = imported(tmp_path, "contact-lens-create-rule-greeting.json")
    assert res.exit_code == 0, res.output
    assert statuses(out, vtt((1, 4, "Agent", "Good morning, you're through to Acme."))) == \
        {"agent-greeting-first-15s": "pass"}
    assert statuses(out, vtt((1, 4, "Agent", "Please hold."), (20, 24, "Agent", "Good morning."))) == \
        {"agent-greeting-first-15s": "fail"}


def test_contact_lens_negated_phrase_in_the_last_minute_with_a_contact_attribute(tmp_path):
    out, res = imported(tmp_path, "contact-lens-no-cancel-words.json")
    assert res.exit_code == 0, res.output
    premium = {"metadata": {"tier": "premium"}}
    cancels = vtt((0, 5, "Customer", "My bill is wrong."), (70, 75, "Customer", "Just cancel my account.")
                  ).model_copy(update=premium)
    early_only = vtt((0, 5, "Customer", "I nearly wanted to cancel my account."), (70, 75, "Customer", "Thanks, bye.")
                     ).model_copy(update=premium)
    assert statuses(out, cancels) == {"contact-lens-no-cancel-words": "fail"}
    assert statuses(out, early_only) == {"contact-lens-no-cancel-words": "pass"}
    assert statuses(out, cancels.model_copy(update={"metadata": {"tier": "basic"}})) == \
        {"contact-lens-no-cancel-words": "na"}


def test_contact_lens_semantic_match_is_refused(tmp_path):
    out, res = imported(tmp_path, "contact-lens-semantic-address-change.json")
    assert res.exit_code == 2 and not out.exists()
    assert ("RuleFunction.Operands[0].ComparisonValue: $.ContactLens.PostCall.SemanticMatch.Phrase: a semantic "
            "match") in res.stderr


def test_contact_lens_documented_sentiment_score_shift_is_refused_naming_both_conditions(tmp_path):
    out, res = imported(tmp_path, "contact-lens-sentiment-score-shift.json", extra=("--partial",))
    assert res.exit_code == 2 and not out.exists()
    for k, end in ((0, "Beginning"), (1, "End")):
        assert (f"RuleFunction.Operands[{k}].ComparisonValue: $.ContactLens.PostCall.Sentiment.Score.{end}: "
                "sentiment has no turncheck equivalent") in res.stderr


def test_contact_lens_talk_time_conditions_become_metric_rules(tmp_path):
    out, res = imported(tmp_path, "contact-lens-dead-air-and-interruptions.json")
    assert res.exit_code == 0, res.output
    rules = {p.stem: yaml.safe_load(p.read_text())["check"]["require"] for p in out.glob("*.yaml")}
    assert rules == {"long-silence-and-talk-over-rule1": "silence_longest_seconds >= 20",
                     "long-silence-and-talk-over-rule2": "talkover_count >= 2",
                     "long-silence-and-talk-over-rule3": "agent_talk_seconds <= 120"}
    # 25 s of dead air, two overlaps, 17 s of agent talk: every condition holds
    call = vtt((0, 10, "Customer", "I was charged twice this month."), (8, 14, "Agent", "Let me look at that."),
               (39, 45, "Agent", "Thanks for waiting, I found it."), (44, 50, "Customer", "Good."))
    assert set(statuses(out, call).values()) == {"pass"}
    calm = vtt((0, 5, "Customer", "Hi."), (6, 9, "Agent", "Hello."))
    assert statuses(out, calm) == {"long-silence-and-talk-over-rule1": "fail",
                                   "long-silence-and-talk-over-rule2": "fail",
                                   "long-silence-and-talk-over-rule3": "pass"}


def test_contact_lens_or_of_phrases_is_one_query_and_mixed_or_is_refused():
    def rule(op, *conds):
        return {"Version": "2022-11-25", "RuleFunction": {"Operator": op, "Operands": list(conds)}}

    def says(words, role="AGENT", negate=False):
        return {"Operator": "CONTAINS_ANY", "Operands": words, "Negate": negate,
                "ComparisonValue": "$.ContactLens.PostCall.ExactMatch.Transcript",
                "FilterClause": {"LogicOperator": "AND", "Filters": [{"Type": "ParticipantRole", "Data": role}]}}

    got = convert(rule("OR", says(["sorry"]), says(["apologise", "apologize"])), default_name="apology")
    assert got.rules["apology"]["check"]["query"] == '"sorry" OR "apologise" OR "apologize"'
    with pytest.raises(RuleError) as exc:
        convert(rule("OR", says(["sorry"]), says(["refund"], role="CUSTOMER")), default_name="x")
    assert "RuleFunction: an OR of conditions with different speakers" in exc.value.format()


# ------------------------------------------------------------------------------------------------------ CCAI


def test_ccai_documented_any_of_matcher(tmp_path):
    out, res = imported(tmp_path, "ccai-phone-service-any-of.json")
    assert res.exit_code == 0, res.output
    assert statuses(out, chat("Customer: My cellphone won't charge.\nAgent: Let me help.")) == {"phone-service": "pass"}
    assert statuses(out, chat("Customer: My laptop won't charge.\nAgent: Let me help.")) == {"phone-service": "fail"}


def test_ccai_documented_all_of_matcher_with_negated_rules_is_per_utterance(tmp_path):
    out, res = imported(tmp_path, "ccai-non-shipping-phone-service-all-of.json")
    assert res.exit_code == 0, res.output
    rid = "non-shipping-phone-service"
    assert statuses(out, chat("Customer: My phone has no signal.\nAgent: Sorry.")) == {rid: "pass"}
    assert statuses(out, chat("Customer: Where is the delivery of my phone?\nAgent: Sorry.")) == {rid: "fail"}
    # "negated: the phrase must be missing from the transcript segment": another segment may say it
    assert statuses(out, chat("Customer: The delivery came.\nCustomer: But the phone is broken.")) == {rid: "pass"}


def test_ccai_snake_case_keys_and_case_sensitive_role_matcher(tmp_path):
    out, res = imported(tmp_path, "ccai-custom-highlight-snake-case.json", "ccai-agent-case-sensitive-brand.json")
    assert res.exit_code == 0, res.output
    got = statuses(out, chat("Customer: is this anycompany?\nAgent: Yes, welcome to AnyCompany."))
    assert got == {"phone-highlight": "fail", "agent-says-the-brand-name": "pass"}
    lower = chat("Agent: yes, this is anycompany support.\nCustomer: I bought a phone.")
    assert statuses(out, lower) == {"phone-highlight": "pass", "agent-says-the-brand-name": "fail"}


def test_ccai_inactive_matcher_is_a_disabled_rule():
    data = json.loads((DATA / "ccai-phone-service-any-of.json").read_text())
    assert convert({**data, "active": False}).rules["phone-service"]["enabled"] is False


# ------------------------------------------------------------------------------------------- the round trip


def test_every_convertible_vendor_file_loads_and_runs_with_turncheck_check(tmp_path):
    names = sorted(p.name for p in DATA.glob("*.json"))
    refused = {"transcribe-my-new-category.json", "transcribe-example-call-analytics-category.json",
               "transcribe-agent-negative-sentiment.json", "contact-lens-semantic-address-change.json",
               "contact-lens-sentiment-score-shift.json",
               "transcribe-get-category-response.json"}  # same rule as the real-time request: one clash
    out, res = imported(tmp_path, *(n for n in names if n not in refused))
    assert res.exit_code == 0, res.output
    assert len(list(out.glob("*.yaml"))) == 14
    proc = subprocess.run([sys.executable, "-m", "turncheck", "check", "--rules", str(out), "--no-config",
                           "--format", "json", str(FIXTURES / "calls"), str(FIXTURES / "chats")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    cards = json.loads(proc.stdout)["scorecards"]
    assert cards and all(c["error"] is None for c in cards)
    assert {r["id"] for r in cards[0]["rules"]} == {p.stem for p in out.glob("*.yaml")}


def test_stdout_without_output_folder_and_no_overwrite_without_force(tmp_path):
    res = runner.invoke(app, ["rules", "import", str(DATA / "ccai-phone-service-any-of.json")])
    assert res.exit_code == 0 and res.stdout.startswith("--- # phone-service.yaml\n")
    out, res = imported(tmp_path, "ccai-phone-service-any-of.json")
    assert res.exit_code == 0
    _, again = imported(tmp_path, "ccai-phone-service-any-of.json")
    assert again.exit_code == 2 and "phone-service.yaml already exists (--force overwrites it)" in again.stderr
    _, forced = imported(tmp_path, "ccai-phone-service-any-of.json", extra=("--force",))
    assert forced.exit_code == 0


# ------------------------------------------------------------------------------------------------------ errors


@pytest.mark.parametrize("text, message", [
    ('{"CategoryName": "x", "Rules": [', "not JSON: Expecting value"),
    ('{"Name": "x", "Foo": 1}', "not a Transcribe category, Contact Lens rule or CCAI phrase matcher: found keys "
                                "Foo, Name"),
    ("[1, 2]", "not a Transcribe category, Contact Lens rule or CCAI phrase matcher: found a JSON list"),
    ('{"Name": "x", "Function": "{not json"}', "Function: not JSON"),
    ('{"CategoryName": "x", "Rules": []}', "Rules: needs a list of one or more rules"),
    ('{"CategoryName": "x", "Rules": [{"TranscriptFilter": {"Targets": ["--"], "TranscriptFilterType": "EXACT"}}]}',
     'Rules[0].TranscriptFilter.Targets[0]: "--" is not a word or phrase'),
    ('{"CategoryName": "x", "Rules": [{"TranscriptFilter": {"Targets": ["hi"], "Negat": true}}]}',
     "Rules[0].TranscriptFilter.Negat: not a key of TranscriptFilter"),
    ('{"displayName": "x", "type": "ALL_OF", "phraseMatchRuleGroups": [{"type": "ANY_OF", "phraseMatchRules": '
     '[{"query": "hi", "config": {"semanticMatchConfig": {}}}]}]}',
     "phraseMatchRuleGroups[0].phraseMatchRules[0].config.semanticMatchConfig: no turncheck equivalent"),
    ('{"CategoryName": "x", "Rules": [{"NonTalkTimeFilter": {"Threshold": NaN}}]}',
     "Rules[0].NonTalkTimeFilter.Threshold: NaN is not a number of milliseconds"),
    ('{"CategoryName": "x", "Rules": [{"TranscriptFilter": {"Targets": ["hi"], '
     '"AbsoluteTimeRange": {"Last": 1e999}}}]}',
     "Rules[0].TranscriptFilter.AbsoluteTimeRange.Last: Infinity is not a number of milliseconds"),
    ('{"displayName": "x", "type": "ALL_OF", "phraseMatchRuleGroups": [' + "[" * 200 + "]" * 200 + "]}",
     "phraseMatchRuleGroups[0]: a PhraseMatchRuleGroup should be a JSON object"),
    ('{"displayName": "x", "phraseMatchRuleGroups": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}",
     "nested too deeply"),
])
def test_bad_vendor_files_are_one_line_errors_with_exit_2(tmp_path, text, message):
    path = tmp_path / "vendor.json"
    path.write_text(text, encoding="utf-8")
    res = runner.invoke(app, ["rules", "import", str(path), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"error: {path}") and message in res.stderr
    assert "Traceback" not in res.output and not (tmp_path / "out").exists()


def test_a_missing_file_and_a_wrong_format_are_errors_and_the_other_files_still_import(tmp_path):
    res = runner.invoke(app, ["rules", "import", str(tmp_path / "nope.json"),
                              str(DATA / "ccai-phone-service-any-of.json"), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2 and f"error: {tmp_path / 'nope.json'}: cannot read" in res.stderr
    assert (tmp_path / "out" / "phone-service.yaml").is_file()
    res = runner.invoke(app, ["rules", "import", str(DATA / "ccai-phone-service-any-of.json"),
                              "--format", "transcribe"])
    assert res.exit_code == 2
    assert "not an Amazon Transcribe Call Analytics category: it needs CategoryName" in res.stderr
    res = runner.invoke(app, ["rules", "import", str(DATA / "ccai-phone-service-any-of.json"), "--format", "ccia"])
    assert res.exit_code == 2 and "did you mean 'ccai'?" in res.stderr


def test_rule_ids_are_ascii_slugs_of_the_vendor_name():
    from turncheck.rules.vendor import slug

    assert slug("Café crème: Agent greets!") == "cafe-creme-agent-greets"
    assert slug("2nd call") == "rule-2nd-call" and slug("???") == "rule"


def test_phrases_are_quoted_safely_for_the_query_language():
    assert phrase('say "cancel" now*', "p") == '"say cancel now"'
    assert phrase("a/b c", "p", case_sensitive=True) == r"/\ba\/b\s+c\b/"
    assert phrase("$100 refund", "p", case_sensitive=True) == r"/\$100\s+refund\b/"


def test_the_readme_worked_example_is_what_the_import_writes(tmp_path):
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if b.startswith("# Imported by"))
    out, res = imported(tmp_path, "transcribe-thank-you-for-calling-first-30s.json")
    assert res.exit_code == 0
    assert (out / "agent-thanks-for-calling-early.yaml").read_text(encoding="utf-8") == shown
