"""The qa-extras pack: position, order, count and metadata conditions on any check kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from turncheck import Checker, load_rules
from turncheck.errors import RuleError
from turncheck.rules.testing import run_examples

from helpers import chat

PACK = Path(__file__).resolve().parents[1]


def statuses(checker: Checker, transcript) -> dict[str, tuple[str, str]]:
    return {r.id: (r.status, r.message) for r in checker.check(transcript).rules}


def test_examples_of_the_pack_pass():
    results = run_examples(Checker(load_rules([PACK])))
    assert len([r for r in results if r.rule in ("over-apology", "early-greeting", "quick-apology",
                                                  "billing-timeframe")]) == 11
    assert all(r.ok for r in results), [r for r in results if not r.ok]


def write_rule(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text("name: t\nextends: default\n", encoding="utf-8")
    (folder / f"{name}.yaml").write_text(body, encoding="utf-8")
    return folder


BASE = "title: t\ndescription: d\nrationale: r\ncheck: {kind: presence, role: agent, query: '%s'}\n"


def test_where_matches_metadata_and_meta_paths(tmp_path):
    pack = write_rule(tmp_path / "p", "eu-only", BASE % "thanks" + "where: {meta.region: [EU, UK], channel: chat}\n")
    checker = Checker(load_rules([pack]), only=["eu-only"])
    t = chat("Customer: hi\nAgent: thanks for waiting")
    t.metadata.update({"region": "uk", "channel": "chat"})
    assert statuses(checker, t)["eu-only"][0] == "pass"
    t.metadata["region"] = "US"
    status, message = statuses(checker, t)["eu-only"]
    assert status == "na" and "meta.region is US, not EU|UK" in message


def test_within_last_turns_and_before_an_anchor(tmp_path):
    pack = write_rule(tmp_path / "p", "closing", BASE % "anything else" + "within: {last_turns: 2}\n")
    write_rule(pack, "verify-first", BASE % "date of birth" + "before: '\"your balance is\"'\n")
    checker = Checker(load_rules([pack]), only=["closing", "verify-first"])
    good = chat("Customer: hi\nAgent: Can I have your date of birth?\nCustomer: 1 May\n"
                "Agent: Your balance is 40 pounds. Anything else?\nCustomer: no")
    got = statuses(checker, good)
    assert got["closing"][0] == "pass" and got["verify-first"][0] == "pass"
    bad = chat("Customer: hi\nAgent: Anything else?\nCustomer: my balance\nAgent: Your balance is 40 pounds.\n"
               "Agent: What's your date of birth, for next time?\nCustomer: bye")
    got = statuses(checker, bad)
    assert got["closing"][0] == "fail"        # "anything else" was not in the last two turns
    assert got["verify-first"][0] == "fail"   # the check came after the balance was given
    no_anchor = statuses(checker, chat("Customer: hi\nAgent: date of birth please"))["verify-first"]
    assert no_anchor[0] == "na" and "to look before" in no_anchor[1]


def test_evidence_keeps_the_real_turn_index(tmp_path):
    pack = write_rule(tmp_path / "p", "late-sorry", BASE % "sorry" + "after: {query: order, role: customer}\n")
    card = Checker(load_rules([pack]), only=["late-sorry"]).check(
        chat("Agent: hello\nCustomer: my order is late\nAgent: so sorry"))
    assert card.rules[0].status == "pass" and card.rules[0].evidence[0].turn == 2


@pytest.mark.parametrize("extra,expected", [
    ("after: problem-raized\n", "did you mean 'problem-raised'"),
    ("count: {max: 2}\ncheck_extra: 1\n", "check_extra"),
    ("count: {min: 3, max: 1}\n", "max (1) is under min (3)"),
])
def test_bad_conditions_are_rule_errors(tmp_path, extra, expected):
    pack = write_rule(tmp_path / "p", "bad", BASE % "sorry" + extra)
    with pytest.raises(RuleError) as err:
        Checker(load_rules([pack]))
    assert expected in err.value.format()


def test_count_needs_a_presence_check(tmp_path):
    pack = write_rule(tmp_path / "p", "bad", "title: t\ndescription: d\nrationale: r\n"
                      "check: {kind: presence, role: agent, query: sorry, expect: absent}\ncount: {max: 1}\n")
    with pytest.raises(RuleError) as err:
        Checker(load_rules([pack]))
    assert "count works with a presence check" in err.value.format()
