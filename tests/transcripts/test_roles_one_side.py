"""Roles when the file names only one side: in a two-party conversation the other speaker is the other side;
with more unnamed speakers nothing is guessed and a warning says so."""

from __future__ import annotations

from turncheck import parse_text
from turncheck.transcripts import ImportOptions

CHAT = """Agent: Hello, thanks for contacting us. How can I help?
Helen: My parcel has not arrived after two weeks and I am really annoyed.
Agent: Ok. Anything else?
Helen: No.
"""

# the agent talks 3.9 s over the customer (turn 2 starts at 8.1 s, the customer speaks until 12.0 s)
CALL = """WEBVTT

00:00:01.000 --> 00:00:05.000
<v Marco (Agent)>Thank you for calling, how can I help?

00:00:05.000 --> 00:00:12.000
<v Helen Park>I was charged twice for my order last month and I still have not had the money back.

00:00:08.100 --> 00:00:12.000
<v Marco (Agent)>Yes yes, I can see the order here, let me look at the payment history for you.

00:00:12.500 --> 00:00:14.000
<v Helen Park>Thank you.
"""


def roles(t) -> list[str]:
    return [turn.role for turn in t.turns]


def test_agent_label_beside_a_named_customer_in_a_chat():
    t = parse_text(CHAT, "helen.txt", ImportOptions(input_format="chat"))
    assert roles(t) == ["agent", "customer", "agent", "customer"]
    assert t.metadata["roles_source"] == "file+two-party"
    assert "warnings" not in t.metadata


def test_named_customer_makes_customer_rules_apply(default_checker):
    card = default_checker.check(parse_text(CHAT, "helen.txt", ImportOptions(input_format="chat")))
    status = {r.id: r.status for r in card.rules}
    # before: Helen was "other", so every customer-dependent rule was n/a and the card passed with 100
    assert status["apology"] == "fail" and status["restatement"] == "fail"
    assert not card.metadata.get("warnings")


def test_vtt_voice_with_agent_suffix_beside_a_named_customer(default_checker):
    t = parse_text(CALL, "call.vtt")
    assert roles(t) == ["agent", "customer", "agent", "customer"]
    card = default_checker.check(t)
    interruption = next(r for r in card.rules if r.id == "no-interruption")
    assert interruption.status == "fail", interruption.message


def test_customer_label_beside_a_named_agent():
    t = parse_text("Marco: Hi, how can I help?\nCustomer: My card was charged twice.\n", "c.txt",
                   ImportOptions(input_format="chat"))
    assert roles(t) == ["agent", "customer"]


def test_more_than_two_parties_are_not_guessed_and_say_so():
    text = CHAT + "Bob: Hi, I am her husband.\n"
    t = parse_text(text, "three.txt", ImportOptions(input_format="chat"))
    assert roles(t) == ["agent", "other", "agent", "other", "other"]
    (warning,) = t.metadata["warnings"]
    assert "2 other speakers" in warning and "'Helen'" in warning and "'Bob'" in warning
    assert "--customer-speaker" in warning


def test_a_stated_system_speaker_is_not_a_party():
    t = parse_text("System: chat started\n" + CHAT, "sys.txt", ImportOptions(input_format="chat"))
    assert roles(t) == ["other", "agent", "customer", "agent", "customer"]


def test_an_option_still_wins():
    t = parse_text(CHAT, "helen.txt", ImportOptions(input_format="chat", agent_speakers=("Helen",)))
    assert roles(t)[1] == "agent"
