"""read_text, detect, parse_file, iter_transcripts, the registry, and the small text formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from turncheck.errors import InputError, ReadError, UnknownFormatError, UsageError
from turncheck.transcripts import (
    ImportOptions,
    detect,
    formats_markdown,
    get_importer,
    iter_transcripts,
    list_formats,
    parse_file,
    parse_text,
    read_text,
)

CHAT = "Customer: Café crème, s'il vous plaît\nAgent: Bien sûr\n"


# -- decoding -------------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings(codec: str) -> None:
    data = CHAT.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):  # no BOM: found by the NUL pattern
        pass
    text = read_text(data)
    assert text == CHAT
    assert text.warnings == ()


def test_crlf_and_cr_become_lf() -> None:
    assert read_text(b"Agent: a\r\nCustomer: b\rAgent: c") == "Agent: a\nCustomer: b\nAgent: c"


def test_legacy_8bit_fallback_records_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "old.txt"
    p.write_bytes("Customer: \u201cna\xefve\u201d r\xe9sum\xe9\nAgent: ok\n".encode("cp1252"))
    t = parse_file(p)
    assert t.turns[0].text == "\u201cna\xefve\u201d r\xe9sum\xe9"
    assert t.metadata["warnings"] == ["not valid UTF-8 (first bad byte on line 1); decoded as cp1252"]


def test_latin1_when_cp1252_cannot() -> None:
    text = read_text(b"Customer: \x81\xe9\nAgent: ok\n")
    assert text.encoding == "latin-1"
    assert text.warnings


@pytest.mark.parametrize("data", [b"", b"   \n\n", "\ufeff".encode("utf-8")])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(InputError, match="empty file") as err:
        read_text(data, "e.txt")
    assert not isinstance(err.value, ReadError)


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03garbage\x00\xff", bytes(range(256)), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_binary_is_a_read_error(data: bytes) -> None:
    with pytest.raises(ReadError):
        read_text(data, "b.bin")


def test_missing_file_and_directory_are_read_errors(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="directory"):
        read_text(tmp_path)


# -- detection and forcing ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, path, name",
    [
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", "x.txt", "webvtt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n", "x.txt", "srt"),
        ("00:00:01.000 --> 00:00:02.000\nhi\n", "x.vtt", "webvtt"),
        ("Agent: hi\n", "x.log", "chat"),
        ('{"turns": [{"speaker": "agent", "text": "hi"}]}', "x.txt", "json"),
        ("speaker,text\nagent,hi\n", "x.txt", "csv"),
        ("10:00:01 From  Ann  to  Everyone:\n\thi\n", "meeting_saved_chat.txt", "zoom-chat"),
        ("[Ann Lee] 10:00:05\nMorning.\n", "closed_caption.txt", "zoom-captions"),
    ],
)
def test_detect_by_content(text: str, path: str, name: str) -> None:
    assert detect(text, path).name == name


def test_unknown_format_names_the_formats_tried() -> None:
    with pytest.raises(UnknownFormatError) as err:
        detect("lorem ipsum dolor sit amet\n", "x.txt")
    for name in ("chat", "webvtt", "srt", "json"):
        assert name in err.value.hint


def test_forced_format_and_unknown_name() -> None:
    t = parse_text("Agent: hi\n", "x.txt", ImportOptions(input_format="chat"))
    assert t.format == "chat"
    with pytest.raises(UsageError) as err:
        parse_text("Agent: hi\n", "x.txt", ImportOptions(input_format="docx"))
    assert "webvtt" in err.value.hint
    with pytest.raises(InputError):
        parse_text("Agent: hi\n", "x.txt", ImportOptions(input_format="deepgram"))


def test_ids_and_sources_are_the_path_as_given(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_text("Agent: hi\n", encoding="utf-8")
    t = parse_file(str(p))
    assert t.id == t.source == str(p)


# -- iter_transcripts ------------------------------------------------------------------------

def test_iter_transcripts_jsonl_many_with_a_bad_line(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a", "turns": [{"speaker": "agent", "text": "hi"}, {"speaker": "customer", "text": "yo"}]},
        None,
        {"entries": [{"text": "hello", "role": "AGENT", "user_id": 1, "start_timestamp_usec": 1000000}]},
        {"turns": [{"speaker": "agent", "text": "x", "start": "later"}]},
        {"nothing": True},
    ]
    p.write_text("\n".join('{"turns": [' if x is None else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    items = list(iter_transcripts(p))
    assert len(items) == 5
    ok = [i for i in items if not isinstance(i, Exception)]
    bad = [i for i in items if isinstance(i, Exception)]
    assert [t.id for t in ok] == [f"{p}:1", f"{p}:3"]
    assert [t.metadata["location"] for t in ok] == [1, 3]
    assert [t.format for t in ok] == ["json", "google-ccai"]
    assert all(t.source == str(p) for t in ok)
    assert [(e.line, e.file) for e in bad] == [(2, str(p)), (4, str(p)), (5, str(p))]
    assert all(isinstance(e, InputError) for e in bad)
    assert "turns[0].start" in bad[1].message


def test_parse_file_on_many_transcripts_is_an_error_with_a_hint(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text('{"turns": [{"text": "a"}]}\n{"turns": [{"text": "b"}]}\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        parse_file(p)
    assert "2 transcripts" in err.value.message


def test_iter_transcripts_ordinary_files_yield_one_item(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Agent: hi\n", encoding="utf-8")
    bad = tmp_path / "b.vtt"
    bad.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:xx.000\nhi\n", encoding="utf-8")
    empty = tmp_path / "c.txt"
    empty.write_bytes(b"")
    assert [t.format for t in iter_transcripts(good)] == ["chat"]
    (err,) = list(iter_transcripts(bad))
    assert isinstance(err, InputError) and err.line == 3 and err.file == str(bad)
    (err,) = list(iter_transcripts(empty))
    assert isinstance(err, InputError) and "empty" in err.message
    (err,) = list(iter_transcripts(tmp_path / "missing.txt"))
    assert isinstance(err, ReadError)


# -- registry ---------------------------------------------------------------------------------

def test_registry_lists_every_format_with_docs() -> None:
    names = [imp.name for imp in list_formats()]
    assert names == sorted(names)
    for expected in ("chat", "webvtt", "srt", "json", "jsonl", "csv", "aws-transcribe", "aws-transcribe-call-analytics",
                     "amazon-connect", "google-ccai", "deepgram", "assemblyai", "revai", "whisper", "vcon",
                     "zoom-chat", "zoom-captions", "slack", "zendesk", "intercom", "genesys", "twilio"):
        assert expected in names
    for imp in list_formats():
        assert imp.description and imp.origin and imp.roles and imp.timing
        assert type(imp).__doc__ and __import__(type(imp).__module__, fromlist=["_"]).__doc__
    table = formats_markdown()
    assert table.count("\n") == len(names) + 2
    assert "| `webvtt` |" in table
    assert get_importer("srt").name == "srt"


# -- small text formats -------------------------------------------------------------------------

def test_csv_with_default_and_mapped_columns() -> None:
    t = parse_text('Speaker,Message,Start\nAgent,"Hello, how can I help?",00:00:01.5\nCustomer,Hi,3\n', "x.csv")
    assert [(x.role, x.text, x.start, x.line) for x in t.turns] == [("agent", "Hello, how can I help?", 1.5, 2), ("customer", "Hi", 3.0, 3)]
    t = parse_text("Who;What;When\nAgent;hi;1\n", "x.csv", ImportOptions(columns={"speaker": "Who", "text": "What", "start": "When"}))
    assert (t.turns[0].speaker, t.turns[0].text, t.turns[0].start) == ("Agent", "hi", 1.0)


def test_csv_bad_time_reports_the_row_line() -> None:
    with pytest.raises(InputError) as err:
        parse_text("speaker,text,start\nagent,hi,1\ncustomer,yo,soon\n", "x.csv")
    assert err.value.line == 3


def test_zoom_chat_shapes() -> None:
    text = (
        "10:01:00 From  John Doe  to  Everyone:\n\tGood morning folks\n\tsecond line\n"
        "10:01:05 From  Ann Lee  to  Everyone:\n\tReacted to \"Good morning...\" with 👍\n"
        "10:01:09 From Ann Lee to John Doe(Direct Message): hi there\n"
        "10:01:10\t From Bob : older shape\n"
    )
    t = parse_text(text, "meeting_saved_chat.txt")
    assert t.format == "zoom-chat"
    assert [(x.speaker, x.text, x.start) for x in t.turns] == [
        ("John Doe", "Good morning folks\nsecond line", 36060.0),
        ("Ann Lee", "hi there", 36069.0),
        ("Bob", "older shape", 36070.0),
    ]
    assert all(x.end is None for x in t.turns)


def test_zoom_closed_captions() -> None:
    t = parse_text("[Sara Kim] 10:00:05\nMorning.\n\n[Rob Hernandez] 10:00:15\nLet us start.\n", "closed_caption.txt")
    assert [(x.speaker, x.text, x.start) for x in t.turns] == [("Sara Kim", "Morning.", 36005.0), ("Rob Hernandez", "Let us start.", 36015.0)]
