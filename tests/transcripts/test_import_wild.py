"""Formats seen in the wild (issue 14, item 6): each sample parses to the right turns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from turncheck.errors import InputError
from turncheck.transcripts import ImportOptions, parse_file, parse_text

WILD = Path(__file__).resolve().parent / "wild"


def test_vcon_analysis_list_of_speaker_messages() -> None:
    t = parse_file(WILD / "vcon-analysis-speaker-message.vcon.json", ImportOptions(infer_roles=False))
    assert t.format == "vcon"
    assert [(x.role, x.speaker) for x in t.turns] == [
        ("agent", "Jordan Blake"), ("customer", "Priya Raman"), ("agent", "Jordan Blake"),
        ("customer", "Priya Raman"), ("agent", "Jordan Blake")]
    assert t.turns[1].text == "Hi, my refund from last month never showed up."
    assert t.metadata["channel"] == "voice"
    assert t.metadata["roles_source"] == "file"


def test_vcon_speaker_messages_by_party_index_and_role_word() -> None:
    doc = json.loads((WILD / "vcon-analysis-speaker-message.vcon.json").read_text(encoding="utf-8"))
    doc["analysis"][1]["body"] = [{"speaker": 1, "message": "Where is my refund?"},
                                  {"speaker": "Agent", "message": "Let me check."}]
    # a body given as a JSON string works the same
    doc["analysis"][1]["body"] = json.dumps(doc["analysis"][1]["body"])
    t = parse_text(json.dumps(doc), "x.vcon.json", ImportOptions(infer_roles=False))
    assert [(x.role, x.speaker, x.text) for x in t.turns] == [
        ("customer", "Priya Raman", "Where is my refund?"), ("agent", "Agent", "Let me check.")]


def test_zoom_captions_without_names_are_one_turn_per_line() -> None:
    path = WILD / "zoom-closed-caption-no-names.txt"
    for options in (ImportOptions(), ImportOptions(input_format="zoom-captions")):
        t = parse_file(path, options)
        assert t.format == "zoom-captions"
        assert [(x.speaker, x.start) for x in t.turns] == [
            (None, 50531.0), (None, 50535.0), (None, 50541.0), (None, 50550.0)]
        assert t.turns[2].text == "I understand. Could you read me the invoice number? it starts with INV"
        assert "14:02" not in " ".join(x.text for x in t.turns)


def test_chat_lines_with_bare_times_stay_chat() -> None:
    t = parse_text("10:00:01 Agent: Hello there\n10:00:05 Customer: Hi\n", "c.txt")
    assert t.format == "chat"


def test_graph_call_transcript_json_cue_payloads() -> None:
    t = parse_file(WILD / "graph-calltranscript-json-payload.vtt", ImportOptions(infer_roles=False))
    assert t.format == "webvtt"
    assert [(x.speaker, x.text[:20], x.start, x.end) for x in t.turns] == [
        ("Dana Lee", "Thanks for calling C", 0.0, 4.12), ("Sam Ortiz", "Hi Dana, my router k", 4.5, 8.0),
        ("Dana Lee", "I'm sorry to hear th", 8.2, 11.9)]


def test_json_looking_cue_text_that_is_not_graph_stays_text() -> None:
    t = parse_text('WEBVTT\n\n00:01.000 --> 00:02.000\nAgent: {"a": 1} is the config\n', "x.vtt")
    assert t.turns[0].text == '{"a": 1} is the config'


@pytest.mark.parametrize("text, fmt, says", [
    ("WEBVTT\n\nNOTE only a note\n\n00:01.000 --> 00:02.000\n<b></b>\n", "webvtt",
     "no turns found (read as webvtt: 1 cue, none with words, 1 NOTE/STYLE/REGION block)"),
    ("[Ann] 10:00:05\n[Bob] 10:00:09\n", "zoom-captions",
     "no turns found (read as zoom-captions: 2 '[Name] HH:MM:SS' caption headers, none with text)"),
])
def test_no_turns_found_says_what_was_found(text: str, fmt: str, says: str) -> None:
    with pytest.raises(InputError) as err:
        parse_text(text, "x", ImportOptions(input_format=fmt))
    assert err.value.message == says
