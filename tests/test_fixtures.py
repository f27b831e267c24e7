"""The bundled fixtures: a pass and a fail for every core rule, read from three kinds of importer."""

from __future__ import annotations

import pytest

from helpers import FIXTURES
from turncheck import Checker, load_rules, parse_file

CORE = ("apology", "restatement", "no-interruption", "follow-up", "no-blame-shifting")

EXPECTED = {
    "calls/good-call.vtt": ("pass", "pass", "pass", "pass", "pass"),
    "calls/srt-refund.srt": ("pass", "pass", "pass", "pass", "pass"),
    "calls/talk-over.vtt": ("fail", "fail", "fail", "fail", "pass"),
    "chats/billing-good.txt": ("pass", "pass", "na", "pass", "pass"),
    "chats/clarification-sorry.txt": ("fail", "fail", "na", "fail", "pass"),
    "chats/courier-blame.txt": ("fail", "fail", "na", "fail", "fail"),
    "chats/dm-us.txt": ("fail", "fail", "na", "fail", "pass"),
    "chats/named-speakers.txt": ("pass", "pass", "na", "pass", "pass"),
    "chats/no-problem.txt": ("na", "na", "na", "na", "pass"),
    "chats/phone-cutoff.txt": ("pass", "pass", "fail", "pass", "pass"),
    "json/blames-customer.json": ("fail", "fail", "na", "fail", "fail"),
    "json/fixed-no-followup.json": ("fail", "fail", "pass", "fail", "pass"),
    "json/laptop-repair.json": ("pass", "pass", "pass", "pass", "pass"),
}

CHECKER = Checker(load_rules())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_core_statuses(name):
    card = CHECKER.check(parse_file(FIXTURES / name))
    got = {r.id: r.status for r in card.rules}
    assert tuple(got[r] for r in CORE) == EXPECTED[name]


def test_fixtures_cover_pass_and_fail_of_every_core_rule():
    for i, rule in enumerate(CORE):
        seen = {statuses[i] for statuses in EXPECTED.values()}
        assert {"pass", "fail"} <= seen, rule


def test_fixtures_span_three_importer_families():
    formats = {parse_file(FIXTURES / name).format for name in EXPECTED}
    assert {"chat", "webvtt", "srt"} <= formats and any("json" in f for f in formats)


def test_named_speaker_header_maps_roles_and_name():
    t = parse_file(FIXTURES / "chats/named-speakers.txt")
    roles = {turn.speaker: turn.role for turn in t.turns}
    assert roles["Leon"] == "customer" and t.metadata["customer_name"] == "Leon Fischer"
    assert all(role == "agent" for speaker, role in roles.items() if speaker.startswith("Marta"))


def test_failing_blame_card_fails_the_transcript():
    card = CHECKER.check(parse_file(FIXTURES / "chats/courier-blame.txt"))
    assert card.status == "fail"  # no-blame-shifting is critical
    blame = next(r for r in card.rules if r.id == "no-blame-shifting")
    assert "courier" in blame.evidence[0].quote


def test_transcript_without_roles_gets_na_with_the_reason():
    from turncheck.model import Transcript, Turn

    t = Transcript(id="x", source="x", format="deepgram", turns=[
        Turn(index=0, role="other", speaker="0", text="my card was charged twice", start=0.0, end=2.0),
        Turn(index=1, role="other", speaker="1", text="that's your bank's fault", start=2.5, end=4.0)])
    card = CHECKER.check(t)
    assert {r.status for r in card.rules} == {"na"}
    assert all("--agent-speaker" in r.message for r in card.rules)
    assert card.status == "pass" and card.score == 100.0
