"""The plain-text chat importer."""

from __future__ import annotations

import pytest

from turncheck.errors import InputError
from turncheck.transcripts import ImportOptions, detect, parse_text


def roles(t):
    return [(x.speaker, x.role) for x in t.turns]


def test_role_labels_and_lines() -> None:
    t = parse_text("Agent: Hello, how can I help?\nCustomer: My order is late.\nAgent: Sorry!\n", "c.txt")
    assert t.format == "chat"
    assert [(x.role, x.text, x.line) for x in t.turns] == [
        ("agent", "Hello, how can I help?", 1),
        ("customer", "My order is late.", 2),
        ("agent", "Sorry!", 3),
    ]
    assert [x.index for x in t.turns] == [0, 1, 2]
    assert t.metadata["roles_source"] == "file"
    assert not t.timed


def test_continuation_lines_join_the_previous_turn() -> None:
    text = "Customer: first line\nsecond line\n\nNote: this is part of the message\nsee https://example.com/a:b\nAgent: ok"
    t = parse_text(text, "c.txt")
    assert len(t.turns) == 2
    assert t.turns[0].text == "first line\nsecond line\nNote: this is part of the message\nsee https://example.com/a:b"
    assert t.turns[1].role == "agent"


def test_url_at_line_start_is_not_a_speaker() -> None:
    t = parse_text("Agent: see below\nhttps://example.com/help\nCustomer: thanks", "c.txt")
    assert [x.role for x in t.turns] == ["agent", "customer"]
    assert t.turns[0].text.endswith("https://example.com/help")


def test_header_metadata_and_named_speakers() -> None:
    text = (
        "# agent: Priya\n# customer: Tom Hargreaves\n# channel: chat\n\n"
        "Priya (Support): Hi, you're chatting with Priya.\nTom: My flight got cancelled.\n"
        "Priya (Support): Let me look.\n"
    )
    t = parse_text(text, "c.txt")
    assert t.metadata["customer_name"] == "Tom Hargreaves"
    assert t.metadata["agent_name"] == "Priya"
    assert t.metadata["channel"] == "chat"
    assert roles(t) == [("Priya (Support)", "agent"), ("Tom", "customer"), ("Priya (Support)", "agent")]
    assert t.turns[0].line == 5


def test_agent_header_makes_the_other_speaker_the_customer() -> None:
    t = parse_text("# agent: Sam\n\nGrace: Hi there\nSam: Hello Grace\nGrace: bye\n", "c.txt")
    assert roles(t) == [("Grace", "customer"), ("Sam", "agent"), ("Grace", "customer")]
    assert "customer_name" not in t.metadata


def test_role_word_suffixes_and_synonyms() -> None:
    t = parse_text("Dana (Customer): hi\nRep: hello\nCaller: hey\nSupport Agent: yes\n", "c.txt")
    assert [x.role for x in t.turns] == ["customer", "agent", "customer", "agent"]


def test_options_override_file_roles() -> None:
    text = "Alex: Thanks for calling, how can I help?\nBo: hi\n"
    t = parse_text(text, "c.txt", ImportOptions(agent_speakers=("Bo",), customer_speakers=("Alex",)))
    assert roles(t) == [("Alex", "customer"), ("Bo", "agent")]
    assert t.metadata["roles_source"] == "option"


def test_greeting_heuristic_with_evidence_and_switch_off() -> None:
    text = "Jo: Northern Water, how can I help you today?\nDana: my boiler is broken\nJo: I'm sorry\nDana: ok\n"
    t = parse_text(text, "c.txt")
    assert roles(t) == [("Jo", "agent"), ("Dana", "customer"), ("Jo", "agent"), ("Dana", "customer")]
    assert t.metadata["roles_source"] == "heuristic: greeting"
    assert t.metadata["roles_evidence"]["agent"]["speaker"] == "Jo"
    off = parse_text(text, "c.txt", ImportOptions(infer_roles=False))
    assert {x.role for x in off.turns} == {"other"}
    assert off.metadata["roles_source"] == "none"


def test_send_time_prefixes_are_starts_not_timings() -> None:
    t = parse_text("[10:02:13] Customer: hi\n[10:02:40] Agent: hello\n[23:59:59] Agent: late\n[00:00:05] Customer: next day\n", "c.txt")
    assert [x.start for x in t.turns] == [36133.0, 36160.0, 86399.0, 86405.0]
    assert all(x.end is None for x in t.turns)
    assert not t.timed


def test_dated_send_times_are_epoch_seconds() -> None:
    t = parse_text("[2019-12-20 06:07:31] Customer: @gmail help\n[2019-12-20 17:37:57] Agent: @user Hi there.\n", "c.txt")
    assert t.turns[0].start == 1576822051.0
    assert t.metadata["start_time"] == "2019-12-20T06:07:31Z"
    assert [x.role for x in t.turns] == ["customer", "agent"]


@pytest.mark.parametrize(
    "prefix, seconds",
    [("[10:02]", 36120.0), ("[10:02 PM]", 79320.0), ("10:02:13", 36133.0), ("[2024-05-01T10:02:13Z]", 1714557733.0)],
)
def test_other_send_time_shapes(prefix: str, seconds: float) -> None:
    t = parse_text(f"{prefix} Agent: hi\n{prefix} Customer: yo\n", "c.txt")
    assert t.turns[0].start == seconds


def test_zoom_cloud_chat_shape_reads_as_chat() -> None:
    t = parse_text("00:58:04\tAlex:\tDepends on your style.\n00:58:20\tWheezy:\tDid you check this?\n", "chat.txt")
    assert [(x.speaker, x.text, x.start) for x in t.turns] == [
        ("Alex", "Depends on your style.", 3484.0),
        ("Wheezy", "Did you check this?", 3500.0),
    ]


def test_brand_handles_and_colons_in_text() -> None:
    t = parse_text("Customer: @AppleSupport my airpods: broken\nAgent: @user Try this: reset them.\n", "c.txt")
    assert [x.text for x in t.turns] == ["@AppleSupport my airpods: broken", "@user Try this: reset them."]


def test_crlf_and_bom_in_text() -> None:
    t = parse_text("\ufeffAgent: hi\r\nCustomer: yo\r\n", "c.txt")
    assert [x.text for x in t.turns] == ["hi", "yo"]


def test_text_without_speakers_is_unknown_format() -> None:
    with pytest.raises(InputError) as err:
        parse_text("just some prose\nwith no speakers at all\n", "notes.txt")
    assert "formats tried" in str(err.value)


def test_forced_chat_without_labels_is_an_error_with_a_line() -> None:
    with pytest.raises(InputError) as err:
        parse_text("# channel: chat\n\nno labels here\n", "c.txt", ImportOptions(input_format="chat"))
    assert err.value.line == 3


def test_detect_prefers_chat_for_labelled_text() -> None:
    assert detect("Agent: hi\nCustomer: yo\n", "x.txt").name == "chat"


def test_once_seen_labels_need_to_read_as_names() -> None:
    text = "Agent: hi\nCustomer: my order\nOrder Number: 123\nMonday: closed\nSupervisor: joining\nDana Lee: me too\n"
    t = parse_text(text, "c.txt")
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("Agent", "hi"),
        ("Customer", "my order\nOrder Number: 123\nMonday: closed"),
        ("Supervisor", "joining"),
        ("Dana Lee", "me too"),
    ]


@pytest.mark.parametrize(
    "first, second, agent",
    [
        ("Hi my name is John I'm calling about my bill", "Thanks for calling Acme, how can I help?", "Kim"),
        ("I'm calling from my car, my card was declined", "Sorry to hear that. Let me check.", "Kim"),
        ("Welcome to Acme support!", "hi, my order is late", "Sam"),
        ("Jonas here from Vireo Mobile.", "Hi Jonas", "Sam"),
        ("My name is Jo and I'll be helping you today.", "great", "Sam"),
    ],
)
def test_greeting_heuristic_cues(first: str, second: str, agent: str) -> None:
    t = parse_text(f"Sam: {first}\nKim: {second}\nSam: ok\nKim: ok\n", "c.txt")
    assert {x.speaker for x in t.turns if x.role == "agent"} == {agent}
