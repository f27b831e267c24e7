"""The example billing pack: it extends the default pack, and its overrides change verdicts."""

from __future__ import annotations

from pathlib import Path

from turncheck import Checker, load_rules
from turncheck.rules.testing import run_examples

from helpers import chat

PACK = Path(__file__).resolve().parents[1]


def test_pack_identity_and_overrides():
    rs = load_rules([PACK])
    assert (rs.name, rs.version) == ("billing-strict", "1.0.0")
    assert rs.get("follow-up").severity == "critical" and rs.get("timeline").weight == 3
    assert not rs.get("thanks").enabled
    assert "no-vague-refund-dates" in [r.id for r in rs.rules]


def test_examples_of_the_pack_pass():
    results = run_examples(Checker(load_rules([PACK])))
    assert results and all(r.ok for r in results), [r for r in results if not r.ok]


def test_missing_follow_up_fails_the_transcript_only_in_the_strict_pack():
    t = chat("Customer: I was charged twice this month.\nAgent: I'm sorry, I've refunded the second payment now.")
    default = Checker(load_rules()).check(t)
    strict = Checker(load_rules([PACK])).check(t)
    assert next(r for r in default.rules if r.id == "follow-up").status == "fail"
    assert default.status == "pass" and strict.status == "fail"
    assert strict.ruleset.name == "billing-strict"
    assert "thanks" not in [r.id for r in strict.rules]
