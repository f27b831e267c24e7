"""Scorecard sections, section weights and auto-fail items (issue 15 item 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from turncheck import Checker, load_rules
from turncheck.cli import app
from turncheck.errors import RuleError
from turncheck.scorecard import RuleResult, judge_score
from turncheck.transcripts import ImportOptions, parse_file

from helpers import FIXTURES, ROOT, chat

FIXTURE_FILES = sorted(p for d in ("calls", "chats") for p in (FIXTURES / d).iterdir() if p.is_file())
EVALUATION_FORM = ROOT / "examples" / "evaluation-form"


def rule(body: str, weight: float = 1, extra: str = "") -> str:
    return (f"description: d\nrationale: r\nseverity: minor\nweight: {weight}\n{extra}"
            f"check: {{kind: presence, role: agent, query: '{body}'}}\n")


def pack(tmp_path: Path, pack_yaml: str, rules: dict[str, str]) -> Path:
    folder = tmp_path / "p"
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text(pack_yaml, encoding="utf-8")
    for name, text in rules.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def old_score(results) -> float:
    """The score as it was before sections: the weighted pass share of the rules that passed or failed."""
    applied = [r for r in results if r.status in ("pass", "fail")]
    total = sum(r.weight for r in applied)
    return 100.0 if total <= 0 else round(100.0 * sum(r.weight for r in applied if r.status == "pass") / total, 1)


# -- without sections nothing changes -----------------------------------------------------------------------

def test_default_pack_scores_are_unchanged_on_the_fixtures():
    checker = Checker(load_rules())
    assert checker.sections is None and checker.auto_fail == frozenset()
    seen = set()
    for path in FIXTURE_FILES:
        card = checker.check(parse_file(str(path), ImportOptions()))
        assert card.sections is None and card.auto_failed == []
        assert card.score == old_score(card.rules), path
        seen.add(card.score)
    assert len(seen) > 3  # the fixtures give different scores: the comparison is not of one constant


def test_one_section_with_every_rule_scores_as_no_sections(tmp_path):
    ids = [r.id for r in load_rules().enabled_rules]
    folder = pack(tmp_path, f"name: one\nextends: default\nsections:\n  all: {{weight: 5, rules: [{', '.join(ids)}]}}\n",
                  {})
    plain, sectioned = Checker(load_rules()), Checker(load_rules([folder]))
    for path in FIXTURE_FILES:
        t = parse_file(str(path), ImportOptions())
        a, b = plain.check(t), sectioned.check(t)
        assert a.score == b.score and a.status == b.status and a.verdict == b.verdict, path
        assert [s.id for s in b.sections] == ["all"] and b.sections[0].score == b.score


# -- how sections and weights combine -------------------------------------------------------------------------

TWO_SECTIONS = """\
name: form
sections:
  greeting: {title: Greeting, weight: 3, rules: [hello, name]}
  closing: {weight: 1, rules: [bye, later]}
"""


def form(tmp_path, pack_yaml=TWO_SECTIONS, **more):
    rules = {"hello": rule("hello", 2), "name": rule("my name is", 1), "bye": rule("goodbye", 1),
             "later": rule("later", 3), **more}
    return Checker(load_rules([pack(tmp_path, pack_yaml, rules)]))


def test_score_is_the_weighted_mean_of_section_scores(tmp_path):
    card = form(tmp_path).check(chat("Customer: hi\nAgent: hello there\nCustomer: ok\nAgent: later then"))
    got = {s.id: s for s in card.sections}
    # greeting: hello (2) passes, name (1) fails -> 2/3; closing: bye (1) fails, later (3) passes -> 3/4
    assert got["greeting"].score == 66.7 and (got["greeting"].passed, got["greeting"].failed) == (1, 1)
    assert got["closing"].score == 75.0 and got["closing"].title == "closing"  # no title: the id
    assert got["greeting"].title == "Greeting" and got["greeting"].weight == 3.0
    assert card.score == round((3 * 200 / 3 + 1 * 75) / 4, 1) == 68.8
    assert card.score != old_score(card.rules)  # 5/7 = 71.4 without sections


def test_a_section_with_only_na_rules_is_out_of_the_denominator(tmp_path):
    phone_only = "where: {channel: phone}\n"  # na for a chat without that channel
    yaml = TWO_SECTIONS.replace("closing: {weight: 1, rules: [bye, later]}", "closing: {weight: 1, rules: [sorry]}")
    yaml = yaml.replace("rules: [hello, name]", "rules: [hello, name, bye, later]")
    card = form(tmp_path, yaml, sorry=rule("sorry", 1, phone_only)).check(chat("Customer: hi\nAgent: hello, my name is Sam"))
    closing = next(s for s in card.sections if s.id == "closing")
    assert closing.score is None and closing.na == 1 and closing.rules == ["sorry"]
    assert card.score == 42.9  # greeting alone: hello 2 + name 1 pass, bye 1 + later 3 fail -> 3/7
    # the same rule failing instead of na pulls the score down: the section counts then
    t = chat("Customer: hi\nAgent: hello, my name is Sam")
    t.metadata["channel"] = "phone"
    card = form(tmp_path, yaml, sorry=rule("sorry", 1, phone_only)).check(t)
    assert next(s for s in card.sections if s.id == "closing").score == 0.0
    assert card.score == round((3 * 300 / 7 + 1 * 0) / 4, 1) == 32.1


def test_waived_and_zero_weight_rules_stay_out_of_a_section():
    results = [RuleResult(id="a", status="waived", severity="minor", weight=1, message=""),
               RuleResult(id="b", status="fail", severity="minor", weight=0, message=""),
               RuleResult(id="c", status="pass", severity="minor", weight=1, message="")]
    score, sections, auto = judge_score(results, [("s1", "S1", 1.0, ["a", "b"]), ("s2", "S2", 1.0, ["c"])])
    assert sections[0].score is None and (sections[0].waived, sections[0].failed) == (1, 1)
    assert score == 100.0 and auto == []


def test_nothing_applies_gives_100_as_without_sections():
    results = [RuleResult(id="a", status="na", severity="minor", weight=1, message="")]
    assert judge_score(results, [("s", "S", 2.0, ["a"])])[0] == 100.0 == judge_score(results)[0]


# -- auto-fail --------------------------------------------------------------------------------------------------

def test_a_failed_auto_fail_rule_zeroes_the_score_and_fails_the_card(tmp_path):
    checker = form(tmp_path, TWO_SECTIONS + "rules:\n  bye: {auto_fail: true}\n")
    card = checker.check(chat("Customer: hi\nAgent: hello, my name is Sam, see you later"))
    assert card.auto_failed == ["bye"] and card.score == 0.0
    assert card.status == "fail" and card.verdict == "fail"
    assert card.verdict_reason == "auto-fail: bye failed"
    assert next(s for s in card.sections if s.id == "closing").score == 75.0  # the sections still say how it went
    passed = checker.check(chat("Customer: hi\nAgent: hello, my name is Sam, goodbye and see you later"))
    assert passed.auto_failed == [] and passed.score == 100.0 and passed.status == "pass"


def test_auto_fail_works_without_sections_and_from_the_rule_file(tmp_path):
    checker = Checker(load_rules([pack(tmp_path, "name: t\n", {"hello": rule("hello", 1, "auto_fail: true\n"),
                                                                 "bye": rule("goodbye", 5)})]))
    card = checker.check(chat("Customer: hi\nAgent: goodbye"))
    assert card.sections is None and card.auto_failed == ["hello"] and card.score == 0.0 and card.status == "fail"


def test_a_waived_auto_fail_rule_does_not_zero_the_score(tmp_path):
    from turncheck.waivers import load_waivers

    checker = form(tmp_path, TWO_SECTIONS + "rules:\n  bye: {auto_fail: true}\n")
    card = checker.check(chat("Customer: hi\nAgent: hello, my name is Sam, see you later"))
    (tmp_path / "w.yaml").write_text("- {transcript: '*', rule: bye, reason: trial, expires: 2099-01-01}\n")
    waivers = load_waivers(tmp_path / "w.yaml", ["bye"])
    for with_checker in (checker, None):  # re-scored by the checker, or from what the card says of itself
        after = waivers.apply(card, with_checker)
        assert after.auto_failed == [] and after.status == "pass"
        assert after.score == round((3 * 100 + 1 * 100) / 4, 1) == 100.0
        assert next(s for s in after.sections if s.id == "closing").waived == 1


def test_the_json_scorecard_keeps_every_field_and_adds_sections(tmp_path):
    folder = pack(tmp_path, TWO_SECTIONS + "rules:\n  bye: {auto_fail: true}\n",
                  {"hello": rule("hello", 2), "name": rule("my name is"), "bye": rule("goodbye"), "later": rule("later")})
    (tmp_path / "c.txt").write_text("Customer: hi\nAgent: hello\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "c.txt"), "--rules", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output  # the auto-fail fails the card
    card = json.loads(result.stdout)["scorecards"][0]
    for key in ("transcript", "source", "format", "status", "score", "ruleset", "rules", "error"):
        assert key in card
    assert card["auto_failed"] == ["bye"] and card["score"] == 0.0
    assert [{k: s[k] for k in ("id", "title", "weight", "score", "passed", "failed", "na")} for s in card["sections"]] == [
        {"id": "greeting", "title": "Greeting", "weight": 3.0, "score": 66.7, "passed": 1, "failed": 1, "na": 0},
        {"id": "closing", "title": "closing", "weight": 1.0, "score": 0.0, "passed": 0, "failed": 2, "na": 0}]


# -- validation ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sections, message, line, hint", [
    ("  a: {rules: [hello, nmae]}\n", "section 'a' names unknown rule 'nmae'", 4, "did you mean 'name'?"),
    ("  a: {rules: [hello, name]}\n  b:\n    rules:\n      - bye\n      - name\n",
     "rule 'name' is in sections 'a' and 'b' (a rule belongs to one section)", 8, None),
    ("  a: {rules: [hello, hello, name, bye]}\n", "section 'a' lists rule 'hello' twice", 4, None),
    ("  a:\n    weight: -1\n    rules: [hello]\n", "sections.a.weight: Input should be greater than or equal to 0", 5, None),
    ("  a:\n    wieght: 2\n    rules: [hello]\n", "unknown key 'wieght'", 5, "did you mean 'weight'?"),
    ("  a: {weight: 2}\n", "missing required key 'sections.a.rules'", 4, None),
    ("  a: {rules: [hello, name]}\n", "sections: rule 'bye' is in no section", 3, None),
])
def test_bad_sections_are_one_clear_error_with_file_and_line(tmp_path, sections, message, line, hint):
    folder = pack(tmp_path, "name: form\n\nsections:\n" + sections,
                  {"hello": rule("hello"), "name": rule("my name is"), "bye": rule("goodbye")})
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    err = info.value
    assert err.message == message and err.file.endswith("pack.yaml") and err.line == line
    if hint:
        assert err.hint == hint


def test_a_bad_section_is_exit_2_and_one_line_on_the_command_line(tmp_path):
    folder = pack(tmp_path, "name: form\nsections:\n  a: {rules: [helo]}\n", {"hello": rule("hello")})
    (tmp_path / "c.txt").write_text("Customer: hi\nAgent: hello\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "c.txt"), "--rules", str(folder)])
    assert result.exit_code == 2
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert len(lines) == 1 and "pack.yaml:3: section 'a' names unknown rule 'helo'" in lines[0]
    assert "did you mean 'hello'?" in lines[0] and "Traceback" not in result.output


def test_a_disabled_rule_need_not_be_placed(tmp_path):
    folder = pack(tmp_path, "name: form\nsections:\n  a: {rules: [hello]}\nrules:\n  bye: {enabled: false}\n",
                  {"hello": rule("hello"), "bye": rule("goodbye")})
    card = Checker(load_rules([folder])).check(chat("Customer: hi\nAgent: hello"))
    assert [r.id for r in card.rules] == ["hello"] and card.sections[0].score == 100.0


def test_sections_are_in_the_cache_fingerprint(tmp_path):
    from turncheck.cache import ruleset_fingerprint

    a = pack(tmp_path, TWO_SECTIONS, {"hello": rule("hello"), "name": rule("my name is"), "bye": rule("goodbye"),
                                      "later": rule("later")})
    before = ruleset_fingerprint(load_rules([a]))
    (a / "pack.yaml").write_text(TWO_SECTIONS.replace("weight: 3", "weight: 4"), encoding="utf-8")
    assert ruleset_fingerprint(load_rules([a])) != before


def test_rules_list_and_show_name_the_section_and_the_auto_fail():
    runner = CliRunner()
    listed = runner.invoke(app, ["rules", "list", "--rules", str(EVALUATION_FORM)], env={"COLUMNS": "220"})
    assert listed.exit_code == 0, listed.output
    row = next(line for line in listed.output.splitlines() if "no-card-details" in line)
    assert "no-card-details (auto-fail)" in row and "| compliance " in row
    assert "| apology " in listed.output and "(auto-fail)" not in next(
        line for line in listed.output.splitlines() if "| apology " in line)
    shown = runner.invoke(app, ["rules", "show", "no-blame-shifting", "--rules", str(EVALUATION_FORM)],
                          env={"COLUMNS": "220"})
    assert shown.exit_code == 0 and "auto-fail (a failure makes the score 0)" in shown.output
    assert "section: Compliance (compliance), section weight 1" in shown.output
    plain = runner.invoke(app, ["rules", "show", "apology"], env={"COLUMNS": "220"})
    assert "auto-fail" not in plain.output and "section:" not in plain.output
