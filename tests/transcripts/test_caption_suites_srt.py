"""Conformance with cdown/srt's parser tests (MIT), which are properties rather than files.

Their suite (tests/test_srt.py) generates subtitles with Hypothesis, writes them with
``srt.compose`` and checks the parser reads back the same start, end and content, also when the
file is written the ways real files are: ``- >`` / ``-- >`` / ``->`` arrows, no spaces around the
arrow, whitespace before the first cue, negative numbers, ``.`` or a fullwidth ``，`` before the
milliseconds, no milliseconds, cues without text, no final newline. The same properties run here
against turncheck's SubRip reading, with the srt library (a test dependency) writing the files
and the strategies following theirs.

Known differences, kept out of the generated content: a content line containing ``-->`` ends a
cue (the WebVTT rule turncheck follows for both formats); content with blank lines inside a cue
(srt guesses where the next cue starts, turncheck starts a new block and warns about the orphan
text). The generated "proprietary" text after the end time is kept to setting-like characters.
"""

from __future__ import annotations

import re
import string
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from turncheck.transcripts.cues import split_cues
from turncheck.transcripts.decode import normalise_newlines

srt = pytest.importorskip("srt")

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _legal(content: str) -> bool:
    # their is_strictly_legal_content, plus the known difference above
    return content.strip("\r\n") == content and bool(content.strip()) and "\n\n" not in content \
        and "-->" not in content


def _timedeltas(lo: int, hi: int):
    unit = st.integers(min_value=lo, max_value=hi)
    return st.builds(timedelta, hours=unit, minutes=unit, seconds=unit, milliseconds=st.integers(0, 999))


SUBTITLE = st.builds(
    srt.Subtitle,
    index=st.integers(min_value=0, max_value=10**9),
    start=_timedeltas(0, 5000),
    end=_timedeltas(5001, 9999),
    proprietary=st.text(alphabet=string.ascii_letters + string.digits + ":%,. ", max_size=12)
    .map(str.strip).filter(lambda p: "->" not in p),
    content=st.text(min_size=1).filter(lambda c: "\r" not in c).filter(_legal),
)
SUBS = st.lists(SUBTITLE, max_size=6)


def _read(text: str) -> list[tuple[float, float, str]]:
    found = split_cues(normalise_newlines(text), strict=False, srt=True)
    return [(round(c.start, 3), round(c.end, 3), "\n".join(c.lines)) for c in found.cues]


def _want(subs) -> list[tuple[float, float, str]]:
    return [(round(s.start.total_seconds(), 3), round(s.end.total_seconds(), 3), s.content) for s in subs]


@SETTINGS
@given(SUBS)
def test_compose_and_parse(subs):
    assert _read(srt.compose(subs, reindex=False, strict=False)) == _want(subs)


@SETTINGS
@given(SUBS, st.sampled_from(["- >", "-- >", "->"]))
def test_parsing_spaced_and_short_arrows(subs, arrow):
    assert _read(srt.compose(subs, reindex=False, strict=False).replace("-->", arrow)) == _want(subs)


@SETTINGS
@given(SUBS)
def test_parsing_no_ws_arrow(subs):
    assert _read(srt.compose(subs, reindex=False, strict=False).replace(" --> ", "-->")) == _want(subs)


@SETTINGS
@given(st.text(string.whitespace), SUBS)
def test_parsing_leading_whitespace(ws, subs):
    assert _read(ws + srt.compose(subs, reindex=False, strict=False)) == _want(subs)


@SETTINGS
@given(SUBS)
def test_parsing_negative_index(subs):
    for sub in subs:
        sub.index *= -1
    assert _read(srt.compose(subs, reindex=False, strict=False)) == _want(subs)


@SETTINGS
@given(SUBS)
def test_parsing_no_content(subs):
    for sub in subs:
        sub.content = ""
    assert _read(srt.compose(subs, reindex=False, strict=False)) == _want(subs)


@SETTINGS
@given(SUBS, st.sampled_from([".", "\uff0c"]))
def test_parsing_dot_and_fullwidth_msec_delimiter(subs, mark):
    composed = re.sub(r"(\d),(\d{3})", lambda m: m.group(1) + mark + m.group(2),
                      srt.compose(subs, reindex=False, strict=False))
    assert _read(composed) == _want(subs)


@SETTINGS
@given(SUBS)
def test_parsing_no_msec(subs):
    for sub in subs:
        sub.start = timedelta(seconds=int(sub.start.total_seconds()))
        sub.end = timedelta(seconds=int(sub.end.total_seconds()))
    composed = srt.compose(subs, reindex=False, strict=False).replace(",000", "")
    assert _read(composed) == _want(subs)


@SETTINGS
@given(SUBS)
def test_parsing_without_final_newline(subs):
    assert _read(srt.compose(subs, reindex=False, strict=False).rstrip("\n")) == _want(subs)
