"""WebVTT and SubRip importers."""

from __future__ import annotations

import pytest

from turncheck.errors import InputError
from turncheck.transcripts import ImportOptions, parse_text, read_text

VTT = """WEBVTT
Kind: captions
Language: en

NOTE customer: Dana Whitfield

NOTE
agent: Marcus
queue: billing

1
00:00:01.000 --> 00:00:04.500 align:start position:10%
<v Agent>Hello, <i>you're</i> through
to billing.</v>

2
00:00:03.000 --> 00:00:03.400
<v Customer>Hi

00:00:02.000 --> 00:00:02.500
<v.loud Customer>Overlap <00:00:02.200><c.red>first</c>
"""


def test_webvtt_voice_tags_notes_markup_and_order() -> None:
    t = parse_text(VTT, "call.vtt")
    assert t.format == "webvtt"
    assert t.metadata["customer_name"] == "Dana Whitfield"
    assert t.metadata["agent_name"] == "Marcus"
    assert t.metadata["queue"] == "billing"
    assert t.metadata["language"] == "en"
    assert [(x.role, x.speaker, x.text, x.start, x.end) for x in t.turns] == [
        ("agent", "Agent", "Hello, you're through to billing.", 1.0, 4.5),
        ("customer", "Customer", "Overlap first", 2.0, 2.5),
        ("customer", "Customer", "Hi", 3.0, 3.4),
    ]
    assert [x.line for x in t.turns] == [12, 20, 17]  # the timing line
    assert t.timed


def test_note_names_map_named_voices() -> None:
    vtt = "WEBVTT\n\nNOTE agent: Priya Shah\n\n00:01.000 --> 00:02.000\n<v Priya Shah>Hello\n\n00:02.000 --> 00:03.000\n<v Tom>Hi\n"
    t = parse_text(vtt, "m.vtt")
    assert [(x.speaker, x.role) for x in t.turns] == [("Priya Shah", "agent"), ("Tom", "customer")]
    assert t.turns[0].start == 1.0


def test_teams_unpadded_timings_and_guid_ids() -> None:
    vtt = "WEBVTT\n\n6e4a-11/12-0\n0:0:5.320 --> 0:0:7.1\n<v Ana Ruiz>Good morning\n\n6e4a-11/13-0\n0:1:2.5 --> 0:1:4.0\n<v Customer>hello</v>\n"
    t = parse_text(vtt, "teams.vtt")
    assert [(x.speaker, x.start, x.end) for x in t.turns] == [("Ana Ruiz", 5.32, 7.1), ("Customer", 62.5, 64.0)]


def test_zoom_name_prefix_payloads() -> None:
    vtt = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nAda Rowan: Welcome to support\n\n2\n00:00:01.000 --> 00:00:02.000\nBen: Hi: a question\n"
    t = parse_text(vtt, "zoom.vtt")
    assert [(x.speaker, x.text) for x in t.turns] == [("Ada Rowan", "Welcome to support"), ("Ben", "Hi: a question")]


def test_cue_after_text_without_blank_line_and_block_without_timing() -> None:
    vtt = "WEBVTT\n\n00:00.500 --> 00:01.000\nfirst\n00:01.000 --> 00:02.000\nsecond\n\norphan text\n\n00:03.000 --> 00:04.000\nthird\n"
    t = parse_text(vtt, "x.vtt")
    assert [x.text for x in t.turns] == ["first", "second", "third"]


def test_a_cue_with_a_broken_timing_is_skipped_and_the_rest_kept() -> None:
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.000 --> 00:00:0x.000\nbroken\n\n00:00:04.000 --> 00:00:05.000\nlater\n"
    t = parse_text(vtt, "bad.vtt")
    assert [x.text for x in t.turns] == ["ok", "later"]
    (warning,) = t.metadata["warnings"]
    assert warning.startswith("line 6: cue skipped: invalid cue timing '00:00:03.000 --> 00:00:0x.000'")


@pytest.mark.parametrize(
    "text, line",
    [
        ("WEBVTT\n\n00:00:01.000 --> 00:00:62.000\nseconds out of range\n", 3),
        ("WEBVTT\n\nNOTE x\n\n1\n00:00:01.000 -> 00:00:02.000\nhi\n", 5),
    ],
)
def test_no_valid_cue_says_what_the_file_holds(text: str, line: int) -> None:
    with pytest.raises(InputError) as err:
        parse_text(text, "bad.vtt")
    assert err.value.line == line
    assert err.value.file == "bad.vtt"
    assert err.value.message.startswith("no turns found (read as webvtt: 0 cues")
    if line == 3:
        assert "1 cue skipped for a bad timing line (first on line 3)" in err.value.message
    else:
        assert "1 NOTE/STYLE/REGION block, 1 text block without a timing line (first on line 5)" in err.value.message


def test_arrow_line_inside_cue_text_ends_the_cue_as_browsers_do() -> None:
    # WebVTT "collect a block": a later line with "-->" starts a new block, which is no cue ("foo-->" in wpt arrows.vtt)
    t = parse_text("WEBVTT\n\n00:01.000 --> 00:02.000\nPress OK\nGo to Settings --> General\n", "x.vtt")
    assert [x.text for x in t.turns] == ["Press OK"]
    assert t.metadata["warnings"] == ["line 5: cue skipped: invalid cue timing 'Go to Settings --> General' "
                                      "(expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt')"]


SRT = "1\r\n00:00:01,170 --> 00:00:12,070\r\nCustomer: Hi, my <font color=\"#fff\">gas bill</font>\r\nis wrong.\r\n\r\n2\r\n00:00:03,670 --> 00:00:04,570\r\nAgent: Mm-hmm.\r\n"


def test_srt_prefixes_markup_and_crlf() -> None:
    t = parse_text("\ufeff" + SRT, "call.srt")
    assert t.format == "srt"
    assert [(x.role, x.text, x.start, x.end, x.line) for x in t.turns] == [
        ("customer", "Hi, my gas bill is wrong.", 1.17, 12.07, 2),
        ("agent", "Mm-hmm.", 3.67, 4.57, 7),
    ]


def test_srt_block_without_timing_is_skipped() -> None:
    t = parse_text("1\n00:00:01,000 --> 00:00:02,000\nAgent: a\n\n2\nlost\n\n3\n00:00:03,000 --> 00:00:04,000\nCustomer: b\n", "x.srt")
    assert [x.text for x in t.turns] == ["a", "b"]


def test_srt_number_glued_to_next_cue() -> None:
    t = parse_text("1\n00:00:01,000 --> 00:00:02,000\nAgent: a\n2\n00:00:03,000 --> 00:00:04,000\nCustomer: b\n", "x.srt")
    assert [x.text for x in t.turns] == ["a", "b"]


def test_broken_srt_timestamp_skips_that_cue_with_a_warning() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\nAgent: hi\n\n2\n00:00:03,000 --> 00:00:04;000\nCustomer: yo\n\n3\n00:00:05,000 --> 00:00:06,000\nCustomer: bye"
    t = parse_text(srt, "bad.srt")
    assert [(x.role, x.text) for x in t.turns] == [("agent", "hi"), ("customer", "bye")]
    assert [w.split(":")[0] for w in t.metadata["warnings"]] == ["line 6"]


def test_srt_cue_without_text_gives_no_turn() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nAgent: hello\n"
    t = parse_text(srt, "x.srt")
    assert [(x.text, x.start) for x in t.turns] == [("hello", 3.0)]


def test_empty_webvtt_has_no_turns() -> None:
    with pytest.raises(InputError, match=r"no turns found \(read as webvtt: 0 cues, 1 NOTE/STYLE/REGION block\)"):
        parse_text("WEBVTT\n\nNOTE nothing here\n", "empty.vtt")


def test_cue_speakers_can_be_mapped_by_option() -> None:
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Sam>hi\n\n00:02.000 --> 00:03.000\n<v Kim>yo\n"
    t = parse_text(vtt, "x.vtt", ImportOptions(agent_speakers=("sam",), customer_speakers=("Kim",)))
    assert [x.role for x in t.turns] == ["agent", "customer"]


def test_cues_and_messages_without_words_are_not_turns() -> None:
    t = parse_text("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent><c></c>\n\n00:02.000 --> 00:03.000\n<v Customer>hi\n", "x.vtt")
    assert [(x.index, x.text) for x in t.turns] == [(0, "hi")]
    t = parse_text("Agent:\nCustomer: hello\n", "c.txt")
    assert [x.text for x in t.turns] == ["hello"]


def test_stray_nuls_become_replacement_characters_with_a_warning() -> None:
    # the WebVTT parser's first step (wpt nulls.vtt); a real binary file is still a ReadError
    t = parse_text(read_text(b"WEBVTT\n\n00:01.000 --> 00:02.000\nAgent: hi\x00 there\n", "x.vtt"), "x.vtt")
    assert t.turns[0].text == "hi\ufffd there"
    assert t.metadata["warnings"] == ["1 NUL character replaced with U+FFFD (first on line 4)"]


def test_cue_settings_glued_to_the_end_time_and_no_final_newline() -> None:
    t = parse_text("WEBVTT\n\n00:00.000 --> 00:01.000line:40% size:40%\nAgent: hello", "x.vtt")
    assert [(x.text, x.start, x.end) for x in t.turns] == [("hello", 0.0, 1.0)]


def test_a_spec_file_skips_non_spec_timings_but_a_teams_file_keeps_them() -> None:
    spec = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAgent: a\n\n00:00:03.5 --> 00:00:04.000\nAgent: b\n"
    t = parse_text(spec, "x.vtt")
    assert [x.text for x in t.turns] == ["a"]
    assert t.metadata["warnings"][0].startswith("line 6: cue skipped")
    teams = "WEBVTT\n\n0:0:1.0 --> 0:0:2.0\n<v Ann>a</v>\n\n0:0:3.5 --> 0:0:4.000\n<v Ann>b</v>\n"
    assert [x.text for x in parse_text(teams, "x.vtt").turns] == ["a", "b"]
