"""Findings a reviewer can act on: no noise near-misses, the quote that decided, each quote once in Markdown,
and draft suggestions that are templates, not another customer's conversation."""

from __future__ import annotations

import io

from helpers import SHARED, chat
from turncheck import Checker, load_rules, parse_text
from turncheck.checks.base import NEAR_MISS_FLOOR
from turncheck.draft import NAME, PROBLEM, DraftChecker, suggestion_template
from turncheck.report import Summary, get_renderer

NOISE = ("Agent: Hello, thanks for contacting us. How can I help?\n"
         "Helen: My parcel has not arrived after two weeks and I am really annoyed.\n"
         "Agent: Ok. Anything else?\nHelen: No.\n")


def test_no_closest_turn_under_the_floor(default_checker):
    card = default_checker.check(chat(NOISE))
    fails = [r for r in card.rules if r.status == "fail"]
    assert fails
    for r in fails:
        assert r.near_miss is None or r.near_miss.similarity >= NEAR_MISS_FLOOR, (r.id, r.near_miss)
    restatement = next(r for r in card.rules if r.id == "restatement")
    assert restatement.near_miss is None  # "Anything else?" (0 %) was shown as the closest restatement


def test_a_phrase_hit_an_exclusion_dropped_is_still_the_closest(default_checker):
    card = default_checker.check(chat("Customer: My order was due last Thursday and there's still no sign of it.\n"
                                      "Agent: Sorry, what's the order number?\n"))
    apology = next(r for r in card.rules if r.id == "apology")
    assert apology.status == "fail" and apology.near_miss is not None
    assert apology.near_miss.quote == "Sorry, what's the order number?"


BOILER = """Agent: Northern Water, you're speaking to Jo.
Customer: Hi. Our boiler is not working since Saturday, and the engineer you sent on Monday did not fix it.
Agent: So the boiler still isn't working even after the engineer came out on Monday?
Customer: Yes. The boiler is still not working.
Agent: What I can do is book the earliest slot next Tuesday and put you on the cancellation list.
"""


def test_evidence_quotes_the_sentence_that_decided_not_the_restatement(default_checker):
    card = default_checker.check(chat(BOILER))
    offered = next(r for r in card.rules if r.id == "solution-offered")
    assert offered.status == "pass"
    assert offered.evidence[0].quote.startswith("What I can do is book"), offered.message
    assert "boiler" not in offered.message


def test_the_shared_adversarial_case_quotes_the_offer(default_checker):
    path = SHARED / "data" / "adversarial-dev" / "dev_014.txt"
    if not path.is_file():
        import pytest

        pytest.skip(f"{path} is absent")
    card = default_checker.check(parse_text(path.read_text(encoding="utf-8"), str(path)))
    offered = next(r for r in card.rules if r.id == "solution-offered")
    assert "What I can do" in offered.message


def test_markdown_prints_each_quote_once(default_checker):
    complaint = "My order was due last Thursday and there's still no sign of it."
    card = default_checker.check(chat(f"Customer: {complaint}\nAgent: Sorry, what's the order number?\n"
                                      "Customer: 40917.\nAgent: Order 40917, thanks.\n"))
    assert sum(r.status == "fail" and r.trigger is not None for r in card.rules) >= 3  # one complaint, three rules
    out = io.StringIO()
    renderer = get_renderer("md")(out, card.ruleset)
    renderer.add(card)
    renderer.close(Summary.of([card]))
    text = out.getvalue()
    assert text.count(complaint) == 1, text
    assert "(quoted above)" in text


def test_suggestion_template_replaces_the_example_customers_words():
    customer = ["My package still hasn't arrived after two weeks."]
    assert suggestion_template("So the package still hasn't arrived after two weeks, is that right?", customer) \
        == f"So {PROBLEM}, is that right?"
    assert suggestion_template("I'm so sorry about that.", customer) == "I'm so sorry about that."
    assert suggestion_template("Thanks, Dana, I'll refund it today.", [], ["Dana Whitfield"]) \
        == f"Thanks, {NAME}, I'll refund it today."


def test_draft_never_suggests_another_customers_specifics():
    draft = DraftChecker(Checker(load_rules())).check(chat("Customer: Hi, my router keeps dropping the wifi.\n"
                                                           "Agent: Let me look.\n"))
    suggestions = {i.rule: i.suggestion for i in draft.by_state("due") if i.suggestion}
    assert suggestions["restatement"] == f"So {PROBLEM}, is that right?"
    assert not any("two weeks" in s or "package" in s for s in suggestions.values()), suggestions
