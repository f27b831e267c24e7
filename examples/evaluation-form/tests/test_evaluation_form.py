"""The evaluation-form pack: the default rules in weighted sections, with auto-fail items."""

from __future__ import annotations

from pathlib import Path

from turncheck import Checker, load_rules
from turncheck.rules.testing import run_examples
from turncheck.transcripts import ImportOptions, parse_file

from helpers import FIXTURES, chat

PACK = Path(__file__).resolve().parents[1]


def test_examples_of_the_pack_pass():
    results = run_examples(Checker(load_rules([PACK])))
    assert len([r for r in results if r.rule == "no-card-details"]) == 4
    assert all(r.ok for r in results), [r for r in results if not r.ok]


def test_every_default_rule_is_in_one_section_with_the_documented_weights():
    ruleset = load_rules([PACK])
    assert {k: s.weight for k, s in ruleset.sections.items()} == {"empathy": 2, "resolution": 3, "conduct": 2,
                                                                   "compliance": 1}
    placed = [rid for s in ruleset.sections.values() for rid in s.rules]
    assert sorted(placed) == sorted(r.id for r in ruleset.enabled_rules)
    assert {r.id for r in ruleset.rules if r.auto_fail} == {"no-blame-shifting", "no-card-details"}


def test_a_call_is_scored_by_section():
    card = Checker(load_rules([PACK])).check(parse_file(str(FIXTURES / "calls" / "good-call.vtt"), ImportOptions()))
    scored = [(s.weight, s.score) for s in card.sections if s.score is not None]
    assert card.score == round(sum(w * v for w, v in scored) / sum(w for w, _ in scored), 1)
    assert card.auto_failed == [] and card.status == "pass"


def test_blame_shifting_auto_fails_a_card_that_otherwise_scores_well():
    checker = Checker(load_rules([PACK]))
    card = checker.check(parse_file(str(FIXTURES / "chats" / "courier-blame.txt"), ImportOptions()))
    assert card.auto_failed == ["no-blame-shifting"] and card.score == 0.0 and card.verdict == "fail"
    assert card.verdict_reason.startswith("auto-fail: no-blame-shifting failed")
    compliance = next(s for s in card.sections if s.id == "compliance")
    assert compliance.failed == 1 and compliance.score < 100


def test_asking_for_the_card_number_auto_fails():
    checker = Checker(load_rules([PACK]))
    card = checker.check(chat("Customer: I'd like to pay my bill please.\n"
                              "Agent: Thanks for calling! Sure, can I have the long number on your card?\n"
                              "Customer: ok"))
    assert "no-card-details" in card.auto_failed and card.score == 0.0 and card.status == "fail"
