"""``table``: readable in a terminal, plain ASCII in a pipe."""

from __future__ import annotations

import report_samples as S


def test_plain_text_in_a_pipe(samples):
    text = S.render("table", samples, width=160)
    assert "\x1b[" not in text  # no escape codes when the output is not a terminal
    assert text.isascii() or all(ch.isascii() or ch in "“”…" for ch in text), set(ch for ch in text if not ch.isascii())
    assert "calls/2024-05-01/c123.vtt  FAIL  score 36.4" in text
    assert "trigger: turn 2 customer @0:08.1" in text
    assert "turn 3 agent: “it's the other department's problem”" in text  # every piece of evidence
    assert "closest: turn 5 “I understand that's frustrating.” (71.5%)" in text
    assert "waived: network fee wording approved by compliance" in text
    assert "chats/broken.json  ERROR" in text and "parse error at line 3" in text
    assert "per rule" in text and "4 transcripts: 1 ok, 2 failed, 1 error;" in text
    assert text.count("+--") >= 4  # ASCII boxes, one table per transcript and the summary


def test_colour_when_forced(samples):
    text = S.render("table", samples, color=True)
    assert "\x1b[" in text


def test_width_option(samples):
    text = S.render("table", samples, width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
