"""Property tests: generated files parse back to what they were generated from, and
no input -- text, bytes or JSON -- raises anything but a TurncheckError."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from turncheck.errors import TurncheckError
from turncheck.transcripts import ImportOptions, JsonImporter, iter_transcripts, list_formats, parse_text, read_text
from turncheck.transcripts.roles import label_role

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PLAIN = ImportOptions(infer_roles=False)

SPEAKERS = ["Agent", "Customer", "Support", "Caller", "Ana Ruiz", "Bob Lee", "Dr. Brown", "Priya (Support)"]
WORD = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x24F), min_size=1, max_size=8)
PUNCT = st.sampled_from([",", ".", "?", "!", "'", ":", ";", "-", "(", ")", "\"", "/", "%", "@", "#"])
TEXT = st.lists(st.one_of(WORD, st.tuples(WORD, PUNCT).map("".join)), min_size=1, max_size=12).map(" ".join)
TIME = st.integers(min_value=0, max_value=36_000_000).map(lambda ms: ms / 1000)


@st.composite
def conversations(draw, timed: bool = True):
    n = draw(st.integers(min_value=1, max_value=8))
    turns = []
    clock = draw(TIME)
    for _ in range(n):
        start = round(clock, 3)
        end = round(start + draw(st.integers(min_value=1, max_value=20_000)) / 1000, 3)
        turns.append({"speaker": draw(st.sampled_from(SPEAKERS)), "text": draw(TEXT), "start": start, "end": end})
        clock = end + draw(st.integers(min_value=0, max_value=5000)) / 1000
    return turns


def stamp(seconds: float, sep: str = ".") -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def expected_roles(speakers: list[str]) -> list[str]:
    """What each label states; when only one side is stated and exactly one speaker states nothing, that speaker
    is the other side (a two-party conversation); otherwise an unstated speaker is ``other``."""
    stated = [label_role(s) for s in speakers]
    sides = {r for r in stated if r in ("agent", "customer")}
    unstated = {s for s, r in zip(speakers, stated) if r is None}
    other = {"agent": "customer", "customer": "agent"}[next(iter(sides))] \
        if len(sides) == 1 and len(unstated) == 1 else "other"
    return [r or other for r in stated]


def check(t, turns, *, times: bool = True, ends: bool = True, text_key=lambda s: s) -> None:
    assert [(x.speaker, x.text) for x in t.turns] == [(g["speaker"], text_key(g["text"])) for g in turns]
    assert [x.role for x in t.turns] == expected_roles([g["speaker"] for g in turns])
    if times:
        assert [round(x.start, 3) for x in t.turns] == [g["start"] for g in turns]
    if ends:
        assert [round(x.end, 3) for x in t.turns] == [g["end"] for g in turns]


@SETTINGS
@given(conversations())
def test_chat_round_trip(turns) -> None:
    text = "".join(f"{g['speaker']}: {g['text']}\n" for g in turns)
    check(parse_text(text, "c.txt", PLAIN), turns, times=False, ends=False)


@SETTINGS
@given(conversations(), st.booleans())
def test_webvtt_round_trip(turns, numbered: bool) -> None:
    blocks = [
        (f"{i + 1}\n" if numbered else "") + f"{stamp(g['start'])} --> {stamp(g['end'])}\n<v {g['speaker']}>{g['text']}</v>\n"
        for i, g in enumerate(turns)
    ]
    check(parse_text("WEBVTT\n\n" + "\n".join(blocks), "c.vtt", PLAIN), turns)


@SETTINGS
@given(conversations())
def test_srt_round_trip(turns) -> None:
    blocks = [f"{i + 1}\r\n{stamp(g['start'], ',')} --> {stamp(g['end'], ',')}\r\n{g['speaker']}: {g['text']}\r\n" for i, g in enumerate(turns)]
    check(parse_text("\r\n".join(blocks), "c.srt", PLAIN), turns)


@SETTINGS
@given(conversations(), st.sampled_from(["turns", "messages", "utterances", None]))
def test_generic_json_round_trip(turns, key) -> None:
    text = json.dumps(turns if key is None else {key: turns}, indent=2)
    check(parse_text(text, "c.json", PLAIN), turns)


@SETTINGS
@given(conversations())
def test_jsonl_round_trip(turns) -> None:
    text = "".join(json.dumps(g) + "\n" for g in turns)
    t = parse_text(text, "c.jsonl", PLAIN)
    check(t, turns)
    assert [x.line for x in t.turns] == list(range(1, len(turns) + 1))


@SETTINGS
@given(conversations())
def test_csv_round_trip(turns) -> None:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["speaker", "text", "start", "end"])
    for g in turns:
        w.writerow([g["speaker"], g["text"], g["start"], g["end"]])
    check(parse_text(out.getvalue(), "c.csv", PLAIN), turns)


@SETTINGS
@given(conversations())
def test_call_analytics_round_trip(turns) -> None:
    role = {"agent": "AGENT", "customer": "CUSTOMER"}
    items = [{"Content": g["text"], "ParticipantRole": role.get(label_role(g["speaker"]) or "", "AGENT"),
              "BeginOffsetMillis": round(g["start"] * 1000), "EndOffsetMillis": round(g["end"] * 1000)} for g in turns]
    t = parse_text(json.dumps({"JobStatus": "COMPLETED", "Transcript": items}), "c.json", PLAIN)
    assert [(x.speaker, x.text, round(x.start, 3), round(x.end, 3)) for x in t.turns] == [
        (i["ParticipantRole"], i["Content"], i["BeginOffsetMillis"] / 1000, i["EndOffsetMillis"] / 1000) for i in items
    ]


@SETTINGS
@given(conversations())
def test_deepgram_and_whisper_round_trip(turns) -> None:
    utts = [{"start": g["start"], "end": g["end"], "transcript": g["text"], "speaker": g["speaker"], "channel": 0} for g in turns]
    dg = parse_text(json.dumps({"metadata": {"request_id": "r"}, "results": {"channels": [{"alternatives": [{"transcript": ""}]}], "utterances": utts}}), "d.json", PLAIN)
    check(dg, turns)
    segs = [{"id": i, "seek": 0, "start": g["start"], "end": g["end"], "text": " " + g["text"], "speaker": g["speaker"]} for i, g in enumerate(turns)]
    check(parse_text(json.dumps({"segments": segs, "language": "en"}), "w.json", PLAIN), turns)


@SETTINGS
@given(conversations())
def test_ccai_round_trip(turns) -> None:
    entries = [{"text": g["text"], "role": "AGENT" if label_role(g["speaker"]) == "agent" else "CUSTOMER", "user_id": i % 2,
                "start_timestamp_usec": round(g["start"] * 1e6)} for i, g in enumerate(turns)]
    t = parse_text(json.dumps({"entries": entries}), "c.json", PLAIN)
    assert [(x.text, x.role, round(x.start, 3)) for x in t.turns] == [
        (e["text"], e["role"].lower(), e["start_timestamp_usec"] / 1e6) for e in entries
    ]


# -- never crash ---------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "WEBVTT", "NOTE customer: X", "00:00:01.000 --> 00:00:02.000", "0:0:1.5 --> 0:0:2", "1", "00:00:01,000 --> 00:00:0",
    "Agent: hi", "Customer:", "# agent: Sam", "[10:02:13] Agent: x", "<v Agent>yo</v>", "{", "}", "[", "]", '"turns": [',
    '{"speaker": "agent", "text": "a"}', '{"text": 1}', "speaker,text", "agent,hi", "10:01:00 From  A  to  Everyone:", "\thi",
    "[Ann] 10:00:05", "", " ", "-->", "::", "\ufeff", "\r", "\x00", "é", "😀",
])
LINES = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=25).map("\n".join)


def _only_project_errors(call) -> None:
    try:
        call()
    except TurncheckError as exc:
        # the last-resort wrapper in parse_text would hide a bug as an InputError
        assert not exc.message.startswith("cannot parse as"), exc.message


@SETTINGS
@given(st.one_of(st.text(), LINES))
def test_parse_text_never_raises_anything_else(text: str) -> None:
    _only_project_errors(lambda: parse_text(text, "fuzz.txt"))
    _only_project_errors(lambda: parse_text(text, "fuzz.vtt", ImportOptions(input_format="webvtt")))
    _only_project_errors(lambda: parse_text(text, "fuzz.txt", ImportOptions(input_format="chat")))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10)
    | st.sampled_from(["agent", "customer", "00:00:01", "2024-01-01T00:00:00Z", "text", "turns", "start"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from([
        "turns", "text", "speaker", "start", "end", "results", "utterances", "channels", "alternatives", "words",
        "segments", "monologues", "elements", "Transcript", "Content", "ParticipantRole", "ParticipantId", "Participants",
        "entries", "role", "vcon", "parties", "dialog", "analysis", "body", "type", "items", "speaker_labels", "start_time",
        "end_time", "transcripts", "phrases", "sentences", "transcript", "comments", "author_id", "conversation_parts",
        "source", "ts", "meta", "monologues", "value", "ts", "end_ts", "transcription", "offsets",
    ]), children, max_size=5),
    max_leaves=25,
)


JSON_FORMATS = [imp.name for imp in list_formats() if isinstance(imp, JsonImporter)]


@SETTINGS
@given(JSON, st.sampled_from(["auto", *JSON_FORMATS]))
def test_arbitrary_json_never_raises_anything_else(value, fmt: str) -> None:
    text = json.dumps(value)
    _only_project_errors(lambda: parse_text(text, "fuzz.json", ImportOptions(input_format=fmt)))


@SETTINGS
@given(st.binary(max_size=300))
def test_read_text_never_raises_anything_else(data: bytes) -> None:
    _only_project_errors(lambda: read_text(data, "fuzz.bin"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300), LINES.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_iter_transcripts_never_raises(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "fuzz.jsonl"
    p.write_bytes(data)
    for item in iter_transcripts(p):
        if isinstance(item, TurncheckError):
            assert not item.message.startswith("cannot parse as"), item.message


# -- mutated real samples: valid structure, hostile leaves ---------------------------------------

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
JSON_SAMPLES = sorted(p for p in SAMPLE_DIR.glob("*/*.json") if not p.name.endswith(".expected.json"))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:6]):
            yield from _paths(v, (*prefix, i))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(copy[head], rest, new)
    return copy


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(JSON_SAMPLES), st.data())
def test_mutated_samples_never_raise_anything_else(sample: Path, data) -> None:
    value = json.loads(sample.read_text(encoding="utf-8-sig"))
    paths = [p for p in _paths(value) if p]
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        path = data.draw(st.sampled_from(paths))
        value = _replace(value, path, data.draw(JSON))
        paths = [p for p in _paths(value) if p] or [()]
    text = json.dumps(value)
    _only_project_errors(lambda: parse_text(text, sample.name))


# -- more vendor shapes: render -> parse -> same (speaker, text, start[, end]) ----------------------

def _words(text: str) -> list[str]:
    return text.split()


def render_transcribe(turns) -> str:
    segments, items = [], []
    for g in turns:
        words = _words(g["text"])
        step = (g["end"] - g["start"]) / len(words)
        segments.append({"start_time": str(g["start"]), "end_time": str(g["end"]), "speaker_label": g["speaker"]})
        for i, w in enumerate(words):
            items.append({"start_time": str(round(g["start"] + i * step, 6)), "end_time": str(round(g["start"] + (i + 1) * step, 6)),
                          "alternatives": [{"content": w}], "type": "pronunciation", "speaker_label": g["speaker"]})
    return json.dumps({"jobName": "j", "results": {"transcripts": [{"transcript": ""}], "speaker_labels": {"segments": segments}, "items": items}})


def render_revai(turns) -> str:
    monos = []
    for g in turns:
        els = []
        for i, w in enumerate(_words(g["text"])):
            if i:
                els.append({"type": "punct", "value": " "})
            els.append({"type": "text", "value": w, "ts": g["start"] if i == 0 else g["start"] + 0.0005, "end_ts": g["end"]})
        monos.append({"speaker": 0, "speaker_name": g["speaker"], "elements": els})
    return json.dumps({"monologues": monos})


def render_assemblyai(turns) -> str:
    utts = [{"speaker": g["speaker"], "text": g["text"], "start": round(g["start"] * 1000), "end": round(g["end"] * 1000)} for g in turns]
    return json.dumps({"id": "x", "status": "completed", "audio_url": "u", "utterances": utts, "words": []})


def render_genesys(turns) -> str:
    phrases = [{"text": g["text"], "participantPurpose": g["speaker"], "offset": {"msecs": round(g["start"] * 1000)},
                "duration": {"milliseconds": round((g["end"] - g["start"]) * 1000)}} for g in turns]
    return json.dumps({"conversationId": "c", "transcripts": [{"phrases": phrases}]})


RENDERERS = {
    "aws-transcribe": (render_transcribe, lambda s: " ".join(s.split())),
    "revai": (render_revai, lambda s: " ".join(s.split())),
    "assemblyai": (render_assemblyai, lambda s: s),
    "genesys": (render_genesys, lambda s: s),
}


@SETTINGS
@given(conversations(), st.sampled_from(sorted(RENDERERS)))
def test_vendor_round_trip(turns, fmt: str) -> None:
    render, normal = RENDERERS[fmt]
    t = parse_text(render(turns), f"{fmt}.json", PLAIN)
    assert t.format == fmt
    assert [(x.speaker, x.text, round(x.start, 3)) for x in t.turns] == [(g["speaker"], normal(g["text"]), g["start"]) for g in turns]
    assert [round(x.end, 3) for x in t.turns] == [g["end"] for g in turns]


@SETTINGS
@given(conversations())
def test_vcon_and_zoom_chat_round_trip(turns) -> None:
    names = sorted({g["speaker"] for g in turns})
    parties = [{"name": n} for n in names]
    dialog = [{"type": "text", "start": g["start"], "originator": names.index(g["speaker"]), "body": g["text"]} for g in turns]
    t = parse_text(json.dumps({"vcon": "0.0.1", "parties": parties, "dialog": dialog}), "v.json", PLAIN)
    assert [(x.speaker, x.text, x.start) for x in t.turns] == [(g["speaker"], g["text"], g["start"]) for g in turns]
    clock = [int(g["start"]) % 86400 for g in turns]
    text = "".join(f"{c // 3600:02d}:{c % 3600 // 60:02d}:{c % 60:02d} From  {g['speaker']}  to  Everyone:\n\t{g['text']}\n" for c, g in zip(clock, turns))
    z = parse_text(text, "meeting_saved_chat.txt", PLAIN)
    assert [(x.speaker, x.text, x.start) for x in z.turns] == [(g["speaker"], g["text"], float(c)) for c, g in zip(clock, turns)]
