"""Conformance: other projects' caption-parser test suites, run against our cue parser.

The files under ``caption_suites/`` come from those projects (sources, commits and licences in
``caption_suites/README.md``); each ``expected.json`` holds what that project's tests assert for
the file. A case passes when our parser finds the same cues (identifier, start, end, raw text) as
far as the project checks them.

Only *valid-file* cases are required (the suite expects at least one cue). The files a suite
rejects outright -- mostly a missing or garbled ``WEBVTT`` signature -- are read by turncheck on
purpose (a caption file without its header is still a transcript), so they are not run here. A
case we differ on knowingly is an ``xfail(strict=True)`` with the reason: it fails the run if it
starts passing, and the share of passing strict cases over all suites must stay >= 95 % (issue 14).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from turncheck.errors import InputError
from turncheck.transcripts import read_text
from turncheck.transcripts.common import strip_markup
from turncheck.transcripts.cues import Cue, split_cues
from turncheck.transcripts.formats.webvtt import read_cues

SUITES = Path(__file__).resolve().parent / "caption_suites"
FLOOR = 0.95


def _load(suite: str) -> dict:
    data = json.loads((SUITES / suite / "expected.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _cues(path: Path) -> list[Cue]:
    try:
        text = read_text(path.read_bytes(), str(path))
    except InputError:  # an empty file
        return []
    return split_cues(text, strict=False, srt=True).cues if path.suffix == ".srt" else read_cues(text).cues


def _fields(cue: Cue) -> dict:
    text = "\n".join(cue.lines)
    return {"id": cue.ident or "", "start": round(cue.start, 3), "end": round(cue.end, 3), "text": text,
            "lines": cue.lines, "clean": strip_markup(text)}


def _check(path: Path, want: dict) -> None:
    got = [_fields(c) for c in _cues(path)]
    if "count" in want:
        assert len(got) == want["count"], [g["text"] for g in got]
    if "count_with_text" in want:
        assert sum(1 for g in got if g["text"].strip()) == want["count_with_text"]
    for index, fields in want["cues"].items():
        cue = got[int(index)]
        for key, value in fields.items():
            assert cue[key] == (round(value, 3) if isinstance(value, float) else value), (index, key, cue)


# -- mozilla/vtt.js: tests/**/test.js pairs of a .vtt and the cues it must give ----------------------

VTTJS = {name: case for name, case in _load("vttjs").items() if case["cues"]}
VTTJS_KNOWN = {
    "cue-times/minimum-spots-over-sixty.vtt":
        "'120:00.000' is an invalid timestamp in the WebVTT spec (minutes > 59; wpt timings-too-long); vtt.js reads 120 h",
    "integration/id.vtt":
        "a '-->' line before a cue: vtt.js drops the cue after it, the spec and wpt arrows.vtt keep it",
}


def _vttjs_want(case: dict) -> dict:
    return {"count": len(case["cues"]),
            "cues": {str(i): {"id": c[0], "start": c[1], "end": c[2], "text": c[3]} for i, c in enumerate(case["cues"])}}


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=VTTJS_KNOWN[n])) if n in VTTJS_KNOWN else n
    for n in sorted(VTTJS)])
def test_vttjs_case(name: str) -> None:
    _check(SUITES / "vttjs" / name, _vttjs_want(VTTJS[name]))


# -- web-platform-tests: webvtt/parsing/file-parsing --------------------------------------------------

WPT = _load("wpt")
WPT_KNOWN = {
    "newlines.vtt": "expects a text line right above a timing line (no blank line) to be the next cue's id, and "
                    "'\\n\\r' to be one line end; the spec's block rules (and wpt's own tools/parser.py) keep the "
                    "line as text and read '\\n\\r' as two line ends",
}


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=WPT_KNOWN[n])) if n in WPT_KNOWN else n
    for n in sorted(WPT)])
def test_wpt_case(name: str) -> None:
    _check(SUITES / "wpt" / name, WPT[name])


# -- webvtt-py: tests/subtitles ----------------------------------------------------------------------

WEBVTT_PY = _load("webvtt-py")


@pytest.mark.parametrize("name", sorted(WEBVTT_PY))
def test_webvtt_py_case(name: str) -> None:
    _check(SUITES / "webvtt-py" / name, WEBVTT_PY[name])


def test_pass_rate_over_all_suites_is_at_least_95_percent(capsys) -> None:
    per_suite = {"vtt.js": (VTTJS, VTTJS_KNOWN), "wpt": (WPT, WPT_KNOWN), "webvtt-py": (WEBVTT_PY, {})}
    total = passed = 0
    with capsys.disabled():
        for suite, (cases, known) in per_suite.items():
            strict = [n for n, c in cases.items() if c.get("count", 1) or c.get("cues")]
            ok = len([n for n in strict if n not in known])
            total, passed = total + len(strict), passed + ok
            print(f"\n{suite}: {ok}/{len(strict)} strict cases pass", end="")
    assert total >= 170
    assert passed / total >= FLOOR, f"{passed}/{total}"


# -- the files those suites call invalid: turncheck keeps every good cue and warns about the bad one ----

@pytest.mark.parametrize("name, kept, warning", [
    ("missing_timeframe.vtt", 6, "line 6: text without a cue timing skipped: 'Caption text #2'"),
    ("invalid_timeframe.vtt", 6, "line 6: cue skipped: invalid cue timing '00:00:07.000 --> 00:00:1d.890'"),
    ("missing_timeframe.srt", 4, "line 5: text without a cue timing skipped: '2 Caption text #2'"),
])
def test_files_others_reject_keep_their_good_cues(name: str, kept: int, warning: str) -> None:
    from turncheck.transcripts import parse_file

    t = parse_file(SUITES / "webvtt-py" / name)
    assert len(t.turns) == kept
    assert "Caption text #2" not in [x.text for x in t.turns]
    (got,) = t.metadata["warnings"]
    assert got.startswith(warning)


def test_header_blocks_of_old_and_new_syntax_are_no_orphan_text() -> None:
    from turncheck.transcripts import parse_file

    t = parse_file(SUITES / "wpt" / "regions-old.vtt")  # "REGION:" blocks of the old region syntax
    assert [x.text for x in t.turns] == ["text1", "text2"]
    assert "warnings" not in t.metadata
