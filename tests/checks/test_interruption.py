"""no-interruption: the timing thresholds, backchannels and text markers of behaviours.md."""

from __future__ import annotations

import pytest

from turncheck import Checker, load_rules
from turncheck.model import Transcript, Turn

from helpers import chat

CHECKER = Checker(load_rules(), only=["no-interruption"])


def timed(*turns, metadata=None) -> Transcript:
    return Transcript(id="t", source="t", format="json", metadata=metadata or {}, turns=[
        Turn(index=i, role=role, speaker=role.title(), text=text, start=start, end=end)
        for i, (role, start, end, text) in enumerate(turns)])


def status(transcript) -> tuple[str, str]:
    r = CHECKER.check(transcript).rules[0]
    return r.status, r.message


COMPLAINT = "My bill is twice what I was quoted and nobody warned me about it."


@pytest.mark.parametrize("agent_start,expected", [
    (7.5, "fail"),   # 0.5 s before the customer ends: exactly the threshold counts
    (7.49, "fail"),
    (7.51, "pass"),  # under 0.5 s of overlap
    (8.2, "pass"),   # after the customer finished
    (3.0, "fail"),
])
def test_overlap_threshold(agent_start, expected):
    t = timed(("customer", 1.0, 8.0, COMPLAINT), ("agent", agent_start, 12.0, "Let me look at the account for you."))
    assert status(t)[0] == expected


@pytest.mark.parametrize("text,expected", [
    ("Mm-hmm.", "pass"), ("I see.", "pass"), ("Okay, right.", "pass"),
    ("Right, so which browser?", "fail"),        # four words: more than a backchannel
    ("Okay, what's the account number?", "fail"),  # a leading 'okay' does not make it a backchannel
])
def test_backchannels_are_allowed(text, expected):
    t = timed(("customer", 1.0, 8.0, COMPLAINT), ("agent", 4.0, 5.0, text),
              ("agent", 8.5, 10.0, "I'm sorry about that."))
    assert status(t)[0] == expected


def test_customer_talking_over_agent_is_not_an_agent_fault():
    t = timed(("agent", 1.0, 8.0, "So the bill was higher than you planned for, is that correct?"),
              ("customer", 4.0, 9.0, "Yes and I want it fixed today please."))
    assert status(t)[0] == "pass"


def test_message_names_turns_and_overlap():
    t = timed(("customer", 1.0, 8.0, COMPLAINT), ("agent", 6.0, 12.0, "Let me look at the account for you."))
    s, message = status(t)
    assert s == "fail"
    assert "agent turn 1" in message and "2.0 s" in message and "turn 0" in message


def test_untimed_chat_is_na():
    assert status(chat("Customer: My order is late.\nAgent: Sorry about that, let me check."))[0] == "na"


def test_chat_send_times_are_not_utterance_timings():
    t = chat("[10:02:13] Customer: My order is late.\n[10:02:40] Agent: Sorry about that, let me check.")
    assert status(t)[0] == "na"


def test_customer_cut_off_by_agent_in_untimed_transcript():
    t = chat("Customer: I've been waiting since Monday and the engineer --\nAgent: What's your postcode?")
    assert status(t)[0] == "fail"


def test_customer_dash_followed_by_own_turn_passes():
    t = chat("Customer: I've been waiting since Monday and the engineer --\n"
             "Customer: sorry, the engineer never came.\nAgent: I'm sorry to hear that.")
    assert status(t)[0] == "pass"


def test_dashes_inside_a_turn_are_punctuation():
    t = chat("Customer: The engineer -- who was lovely -- never fixed it... and now this.\nAgent: I'm sorry.")
    assert status(t)[0] == "na"


def test_agent_marker_fails_even_without_overlap():
    t = timed(("customer", 1.0, 5.0, COMPLAINT), ("agent", 6.0, 9.0, "[crosstalk] Sorry, go on."))
    assert status(t)[0] == "fail"


def test_agent_marker_in_untimed_chat():
    assert status(chat("Customer: My payment went out twice.\nAgent: (interrupting) Which account?"))[0] == "fail"


def test_customer_marker_is_a_pass():
    t = chat("Agent: So what I can do is --\nCustomer: (interrupting) Just refund it.\nAgent: Of course.")
    assert status(t)[0] == "pass"


def test_async_chat_ellipsis_is_not_a_cut_off():
    t = chat("# channel: twitter\n\n[2020-02-24 19:25:09] Customer: the car disappeared from my garage...\n"
             "[2020-02-24 19:27:59] Agent: We can look into this further for you.")
    assert status(t)[0] == "na"


@pytest.mark.parametrize("head,customer,verdict", [
    # a dash is a message broken off in an asynchronous chat too (behaviours.md, "Where the line falls"): the
    # agent's message that follows it cut in, in a live chat with send times as in a social thread
    ("", "[2017-06-20 20:12:51] Customer: last night I tried restarting the router and the--", "fail"),
    ("", "[2017-06-20 20:12:51] Customer: I've got his invoice saying it was a burst and \u2014", "fail"),
    ("# channel: twitter\n\n", "[2024-03-05 20:18:02] Customer: @TelvoUK my contract says roam\u2014", "fail"),
    # trailing dots there are a tweet's truncation or a trailing-off, not a cut-off
    ("", "[2017-06-20 20:12:51] Customer: I tried to reset it and...", "na"),
    ("# channel: twitter\n\n", "[2020-01-09 07:31:40] Customer: had 30+ saved for my\u2026", "na"),
    # a dash inside the message is punctuation
    ("", "[2017-06-20 20:12:51] Customer: The engineer -- who was lovely -- never came.", "na"),
])
def test_async_chat_dash_is_a_cut_off(head, customer, verdict):
    t = chat(f"{head}{customer}\n[2017-06-20 20:12:55] Agent: Could you confirm the first line of your address?")
    assert status(t)[0] == verdict


def test_async_chat_dash_then_the_customer_goes_on_is_a_pass():
    t = chat("[2017-03-21 10:03:30] Customer: I rang in Feb and the lady said it was all done, she even--\n"
             "[2017-03-21 10:03:44] Customer: sorry hit enter. she even gave me a reference\n"
             "[2017-03-21 10:04:02] Agent: Can I take your customer account number?")
    assert status(t)[0] == "pass"


@pytest.mark.parametrize("customer,verdict", [
    # "..." after a complete sentence is punctuation, in chats as in social threads (behaviours.md)
    ("My box showed up 9 days late AGAIN. still waiting....", "na"),
    ("what a week...", "na"),
    ("the refund hasn't arrived 😤...", "na"),
    # a thought left open, or a word cut short, is broken off
    ("I tried to reset it and...", "fail"),
    ("the charge went through tw...", "fail"),
    ("Is there no way at all? Like if my dad's the main driver and I'm...", "fail"),
    ("the engineer said it would be fixed by…", "fail"),
])
def test_trailing_dots_break_off_only_an_unfinished_thought(customer, verdict):
    assert status(chat(f"Customer: {customer}\nAgent: Can I take your email address?"))[0] == verdict


@pytest.mark.parametrize("messages,verdict", [
    # a message sent half-written, hanging on "the" or "and" with no closing mark, answered at once: the agent
    # cut in (behaviours.md: a message that breaks off mid-thought, followed directly by an agent message)
    ("Customer: I topped up at noon and by two it was all gone and then the\n"
     "Agent: Apps running in the background can use data.", "fail"),
    # in a thread with send times, only when the customer then picks the thought up again ("...and then the")
    ("[2017-05-02 09:00:00] Customer: I topped up at noon and by two it was all gone and then the\n"
     "[2017-05-02 09:00:40] Agent: Apps running in the background can use data.\n"
     "[2017-05-02 09:01:30] Customer: ...and then the airtime went too", "fail"),
    ("[2017-05-02 09:00:00] Customer: my usual is a flat white and a croissant from the\n"
     "[2017-05-02 09:00:40] Agent: Sounds lovely!\n"
     "[2017-05-02 09:01:30] Customer: yep the one on Main St", "na"),
    # a question may end on a preposition, and a message on a word of its own
    ("Customer: who am I meant to send the receipt to\nAgent: Our returns team, at returns@example.com.", "na"),
    ("Customer: the charger stopped working after a week\nAgent: Sorry, I'll send a new one.", "na"),
])
def test_a_message_left_hanging_and_answered_at_once(messages, verdict):
    assert status(chat(messages))[0] == verdict


def test_a_hanging_word_in_a_timed_call_is_left_to_the_timings():
    t = timed(("customer", 0.0, 4.0, "I rang last week and the"), ("agent", 5.0, 7.0, "Okay, can I take your name?"),
              ("customer", 7.5, 9.0, "and the man said it was done"))
    assert status(t)[0] == "pass"
