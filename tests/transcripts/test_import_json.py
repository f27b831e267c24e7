"""Generic JSON/JSONL and the vendor JSON importers (beyond the conformance samples)."""

from __future__ import annotations

import json

import pytest

from turncheck.errors import InputError
from turncheck.transcripts import ImportOptions, parse_text


def test_generic_turns_with_meta_and_lines() -> None:
    text = json.dumps(
        {"meta": {"customer_name": "Dana Whitfield", "channel": "phone"},
         "turns": [{"speaker": "agent", "start": 1.6, "end": 5.7, "text": "Hi Dana"},
                   {"speaker": "customer", "start": 6.0, "end": 9.0, "text": "Hello"}]},
        indent=2,
    )
    t = parse_text(text, "a.json")
    assert t.format == "json"
    assert t.metadata["customer_name"] == "Dana Whitfield"
    assert t.metadata["channel"] == "phone"
    assert [(x.role, x.text, x.start, x.end) for x in t.turns] == [("agent", "Hi Dana", 1.6, 5.7), ("customer", "Hello", 6.0, 9.0)]
    assert [x.line for x in t.turns] == [7, 13]


@pytest.mark.parametrize(
    "turn",
    [
        {"role": "AGENT", "content": "hi", "startTime": "00:00:01.5", "endTime": 2},
        {"participant": "Agent", "message": "hi", "begin": 1.5, "end_time": "2"},
        {"from": {"name": "Agent Smith", "type": "agent"}, "body": "hi", "start_ms": 1500, "end_ms": 2000},
        {"author": "Support", "utterance": "hi", "offset": 1.5, "duration": 0.5},
    ],
)
def test_generic_field_aliases(turn: dict) -> None:
    t = parse_text(json.dumps({"messages": [turn, {"speaker": "customer", "text": "yo"}]}), "a.json")
    first = t.turns[0]
    assert (first.role, first.text, first.start, first.end) == ("agent", "hi", 1.5, 2.0)


def test_generic_top_level_list_and_iso_times() -> None:
    t = parse_text(json.dumps([{"speaker": "customer", "text": "a", "timestamp": "2024-05-01T10:00:00Z"}]), "a.json")
    assert t.turns[0].start == 1714557600.0


def test_generic_meta_names_map_named_speakers() -> None:
    # the agent is named; the one other party of a two-party conversation is the customer
    t = parse_text(json.dumps({"meta": {"agent_name": "Marcus"}, "turns": [{"speaker": "Marcus", "text": "hi"}, {"speaker": "Dana", "text": "yo"}]}), "a.json")
    assert [x.role for x in t.turns] == ["agent", "customer"]
    assert t.metadata["roles_source"] == "file+two-party"


def test_missing_text_names_the_json_path_and_line() -> None:
    text = '{\n "turns": [\n  {"speaker": "agent", "text": "a"},\n  {"speaker": "agent"}\n ]\n}'
    with pytest.raises(InputError) as err:
        parse_text(text, "a.json")
    assert err.value.message.startswith("$.turns[1]: no text field")
    assert err.value.line == 4


def test_bad_number_names_the_json_path() -> None:
    with pytest.raises(InputError) as err:
        parse_text('{"turns": [{"text": "a", "start": "soon"}]}', "a.json")
    assert err.value.message.startswith("$.turns[0].start: not a number")
    assert err.value.line == 1


def test_truncated_json_reports_line_and_column() -> None:
    with pytest.raises(InputError) as err:
        parse_text('{\n  "turns": [\n    {"speaker": "agent", "text": "a"', "a.json")
    assert "truncated" in err.value.message
    assert err.value.line == 3
    assert err.value.column is not None


def test_json_without_turns_is_unknown() -> None:
    with pytest.raises(InputError) as err:
        parse_text('{"hello": "world"}', "a.json")
    assert "formats tried" in str(err.value)


def test_jsonl_one_turn_per_line() -> None:
    text = '{"speaker": "agent", "text": "hi", "start": 1}\n{"speaker": "customer", "text": "yo", "start": 2}\n'
    t = parse_text(text, "a.jsonl")
    assert [(x.role, x.line) for x in t.turns] == [("agent", 1), ("customer", 2)]


def test_jsonl_turn_per_line_with_a_bad_line() -> None:
    with pytest.raises(InputError) as err:
        parse_text('{"speaker": "agent", "text": "hi"}\n{"speaker": "customer", "text": \n', "a.jsonl")
    assert err.value.line == 2


# -- vendor shapes that the conformance samples do not cover ----------------------------------

def test_transcribe_audio_segments_and_channel_roles_option() -> None:
    data = {"jobName": "j", "results": {"transcripts": [{"transcript": "a b"}], "items": [],
            "audio_segments": [{"id": 0, "transcript": "Thanks for calling.", "start_time": "0.5", "end_time": "1.5", "speaker_label": "spk_0"},
                               {"id": 1, "transcript": "Hi.", "start_time": "2.0", "end_time": "2.5", "speaker_label": "spk_1"}]}}
    t = parse_text(json.dumps(data), "t.json", ImportOptions(channel_roles={"0": "agent", "1": "customer"}))
    assert t.format == "aws-transcribe"
    assert [(x.speaker, x.role, x.start) for x in t.turns] == [("spk_0", "agent", 0.5), ("spk_1", "customer", 2.0)]
    assert t.metadata["roles_source"] == "option"


def test_transcribe_bad_time_names_the_item_path() -> None:
    data = {"jobName": "j", "results": {"transcripts": [], "channel_labels": {"channels": []},
            "items": [{"channel_label": "ch_0", "start_time": "x", "end_time": "1", "alternatives": [{"content": "a"}], "type": "pronunciation"}]}}
    with pytest.raises(InputError, match=r"\$\.results\.items\[0\]\.start_time: not a number"):
        parse_text(json.dumps(data), "t.json")


def test_deepgram_words_without_utterances_group_by_speaker() -> None:
    words = [{"word": "hi", "punctuated_word": "Hi,", "start": 0.1, "end": 0.3, "speaker": 0},
             {"word": "there", "punctuated_word": "there.", "start": 0.3, "end": 0.6, "speaker": 0},
             {"word": "yo", "punctuated_word": "Yo.", "start": 1.0, "end": 1.2, "speaker": 1}]
    data = {"metadata": {"request_id": "r"}, "results": {"channels": [{"alternatives": [{"transcript": "x", "words": words}]}]}}
    t = parse_text(json.dumps(data), "d.json")
    assert [(x.speaker, x.text, x.start, x.end) for x in t.turns] == [("0", "Hi, there.", 0.1, 0.6), ("1", "Yo.", 1.0, 1.2)]


def test_whisperx_speakers() -> None:
    data = {"segments": [{"start": 0.0, "end": 1.0, "text": " Thank you for calling Acme, how can I help?", "speaker": "SPEAKER_00"},
                         {"start": 1.2, "end": 2.0, "text": " My card is blocked.", "speaker": "SPEAKER_01"}], "language": "en"}
    t = parse_text(json.dumps(data), "w.json")
    assert t.format == "whisper"
    assert [(x.speaker, x.role) for x in t.turns] == [("SPEAKER_00", "agent"), ("SPEAKER_01", "customer")]
    assert t.metadata["roles_source"] == "heuristic: greeting"
    off = parse_text(json.dumps(data), "w.json", ImportOptions(infer_roles=False))
    assert [x.role for x in off.turns] == ["other", "other"]


def test_ccai_transcript_segments() -> None:
    data = {"name": "projects/p/conversations/c", "medium": "PHONE_CALL", "languageCode": "en-US",
            "transcript": {"transcriptSegments": [
                {"text": "hello", "segmentParticipant": {"role": "HUMAN_AGENT"}, "words": [{"word": "hello", "startOffset": "1.5s", "endOffset": "2s"}]},
                {"text": "hi", "segmentParticipant": {"role": "END_USER"}, "words": [{"word": "hi", "startOffset": "2.5s", "endOffset": "3s"}]}]}}
    t = parse_text(json.dumps(data), "c.json")
    assert t.format == "google-ccai"
    assert [(x.role, x.start, x.end) for x in t.turns] == [("agent", 1.5, 2.0), ("customer", 2.5, 3.0)]
    assert t.metadata["channel"] == "voice"


def test_vcon_base64_body_and_default_originator() -> None:
    import base64

    body = base64.urlsafe_b64encode("Hello there".encode()).decode().rstrip("=")
    data = {"vcon": "0.0.1", "parties": [{"name": "Ann Lee", "role": "customer"}, {"name": "Bob", "role": "agent"}],
            "dialog": [{"type": "text", "start": "2025-01-01T00:00:00Z", "parties": [0, 1], "body": body, "encoding": "base64url"},
                       {"type": "text", "start": "2025-01-01T00:00:05Z", "parties": [1, 0], "body": "Hi Ann"}]}
    t = parse_text(json.dumps(data), "v.vcon.json")
    assert [(x.speaker, x.role, x.text) for x in t.turns] == [("Ann Lee", "customer", "Hello there"), ("Bob", "agent", "Hi Ann")]
    assert t.metadata["customer_name"] == "Ann Lee"
    assert t.turns[0].start == 1735689600.0


def test_slack_day_file() -> None:
    data = [{"type": "message", "user": "U1", "text": "Hi, see <https://x.io/a|the doc> &amp; more", "ts": "1616161616.000200",
             "user_profile": {"real_name": "Ann Lee"}},
            {"type": "message", "subtype": "channel_join", "user": "U2", "text": "<@U2> has joined", "ts": "1616161617.0"},
            {"type": "message", "subtype": "bot_message", "username": "helpbot", "text": "Ticket opened", "ts": "1616161618.0"}]
    t = parse_text(json.dumps(data), "2021-03-19.json")
    assert t.format == "slack"
    assert [(x.speaker, x.role, x.text) for x in t.turns] == [("Ann Lee", "other", "Hi, see the doc & more"), ("helpbot", "other", "Ticket opened")]
    assert t.turns[0].start == pytest.approx(1616161616.0002)


def test_zendesk_comments_with_users() -> None:
    data = {"comments": [
        {"id": 1, "type": "Comment", "author_id": 10, "body": "My order is late", "public": True, "created_at": "2024-01-01T10:00:00Z"},
        {"id": 2, "type": "Comment", "author_id": 20, "body": "Customer is VIP", "public": False, "created_at": "2024-01-01T10:01:00Z"},
        {"id": 3, "type": "Comment", "author_id": 20, "body": "Sorry about that, Dana!", "public": True, "created_at": "2024-01-01T10:02:00Z"}],
        "users": [{"id": 10, "name": "Dana Lee", "role": "end-user"}, {"id": 20, "name": "Sam", "role": "agent"}]}
    t = parse_text(json.dumps(data, indent=1), "z.json")
    assert t.format == "zendesk"
    assert [(x.speaker, x.role) for x in t.turns] == [("Dana Lee", "customer"), ("Sam", "agent")]
    assert t.metadata["internal_notes"] == 1
    assert t.metadata["customer_name"] == "Dana Lee"


def test_intercom_conversation() -> None:
    data = {"type": "conversation", "id": "123", "created_at": 1700000000,
            "source": {"type": "conversation", "body": "<p>My invoice is wrong</p>", "author": {"type": "user", "name": "Dana"}},
            "conversation_parts": {"type": "conversation_part.list", "conversation_parts": [
                {"part_type": "note", "body": "<p>internal</p>", "created_at": 1700000050, "author": {"type": "admin", "name": "Sam"}},
                {"part_type": "comment", "body": "<p>Sorry Dana,<br>fixing it now.</p>", "created_at": 1700000100, "author": {"type": "admin", "name": "Sam"}},
                {"part_type": "assignment", "body": None, "created_at": 1700000101, "author": {"type": "bot"}}]}}
    t = parse_text(json.dumps(data), "i.json")
    assert t.format == "intercom"
    assert [(x.role, x.text, x.start) for x in t.turns] == [("customer", "My invoice is wrong", 1700000000.0), ("agent", "Sorry Dana,\nfixing it now.", 1700000100.0)]


def test_genesys_phrases() -> None:
    data = {"conversationId": "c1", "mediaType": "call", "transcripts": [{"language": "en-US", "phrases": [
        {"text": "thank you for calling", "decoratedText": "Thank you for calling.", "participantPurpose": "internal",
         "offset": {"msecs": 1200}, "duration": {"milliseconds": 1800}},
        {"text": "hi", "participantPurpose": "external", "offset": {"msecs": 3500}, "duration": {"milliseconds": 500}}]}]}
    t = parse_text(json.dumps(data), "g.json")
    assert t.format == "genesys"
    assert [(x.role, x.text, x.start, x.end) for x in t.turns] == [("agent", "Thank you for calling.", 1.2, 3.0), ("customer", "hi", 3.5, 4.0)]


def test_twilio_sentences_and_channel_option() -> None:
    data = {"sentences": [{"media_channel": 2, "sentence_index": 1, "start_time": 2.0, "end_time": 3.0, "transcript": "hi"},
                          {"media_channel": 1, "sentence_index": 0, "start_time": 0.5, "end_time": 1.5, "transcript": "hello"}], "meta": {}}
    t = parse_text(json.dumps(data), "s.json", ImportOptions(channel_roles={"1": "agent", "2": "customer"}, infer_roles=False))
    assert t.format == "twilio"
    assert [(x.speaker, x.role, x.start) for x in t.turns] == [("channel 1", "agent", 0.5), ("channel 2", "customer", 2.0)]


def test_call_analytics_missing_content_names_the_path() -> None:
    data = {"Transcript": [{"ParticipantRole": "AGENT", "Content": "hi", "BeginOffsetMillis": 0, "EndOffsetMillis": 10},
                           {"ParticipantRole": "CUSTOMER", "BeginOffsetMillis": 20, "EndOffsetMillis": 30}]}
    with pytest.raises(InputError, match=r"\$\.Transcript\[1\]\.Content: missing"):
        parse_text(json.dumps(data), "tca.json")


# An optional array given as ``true`` or a number (a hostile or broken export) is a clean error naming the JSON
# path, never a TypeError from the loop that walks it (hypothesis found ``"Participants": true`` in a Contact
# Lens file; the other importers had the same ``x or []`` loop).
_OPTIONAL_ARRAYS = [
    ("amazon-connect", {"Version": "VOICE-2022-11-30", "Participants": True,
                        "Transcript": [{"ParticipantId": "AGENT", "Content": "Hello",
                                        "BeginOffsetMillis": 0, "EndOffsetMillis": 900}]}, "$.Participants"),
    ("assemblyai", {"id": "t1", "status": "completed", "audio_url": "x", "words": 7, "text": "hello"}, "$.words"),
    ("aws-transcribe", {"jobName": "j", "results": {"items": [], "channel_labels": {"channels": [True]}}},
     "channels[0]"),
    ("deepgram", {"results": {"channels": [{"alternatives": True}]}}, "alternatives"),
    ("intercom", {"type": "conversation", "conversation_parts": {"conversation_parts": 3}},
     "$.conversation_parts.conversation_parts"),
    ("twilio", {"channel": {"participants": 5}, "sentences": [{"transcript": "hi", "media_channel": 1,
                                                                 "start_time": 0, "end_time": 1}]},
     "$.channel.participants"),
    ("zendesk", {"ticket": {"id": 1, "comments": [{"body": "hi", "author_id": 1}]}, "users": True}, "$.users"),
]


@pytest.mark.parametrize("fmt,doc,path", _OPTIONAL_ARRAYS, ids=[c[0] for c in _OPTIONAL_ARRAYS])
def test_an_optional_array_of_the_wrong_type_is_an_input_error(fmt, doc, path):
    with pytest.raises(InputError) as err:
        parse_text(json.dumps(doc), f"broken-{fmt}.json", ImportOptions(input_format=fmt))
    assert path in str(err.value)
