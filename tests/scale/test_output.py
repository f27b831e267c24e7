"""Atomic ``--output``, progress only on a terminal, and the stderr summary."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from turncheck.cli import check as check_cmd
from turncheck.runner import RunStats

from .conftest import CHAT_FAIL

import turncheck

SRC = Path(turncheck.__file__).resolve().parents[1]


def test_crash_mid_write_keeps_the_old_file(cli, tmp_path, isolated, monkeypatch):
    for i in range(4):
        (tmp_path / f"c{i}.txt").write_text(CHAT_FAIL, encoding="utf-8")
    out = tmp_path / "report.jsonl"
    out.write_text("OLD REPORT\n", encoding="utf-8")
    from turncheck.report import jsonout

    calls = []

    def exploding_add_text(self, text):
        calls.append(text)
        self.out.write("partial line\n")
        if len(calls) == 2:
            raise boom[0]  # a crash (or Ctrl-C) in the middle of the run

    monkeypatch.setattr(jsonout.JsonLines, "add_text", exploding_add_text)
    inputs = [tmp_path / f"c{i}.txt" for i in range(4)]
    boom = [RuntimeError("crash")]
    with pytest.raises(RuntimeError):
        cli(*inputs, "--format", "jsonl", "-o", out, "-j", "1", "-q")
    assert out.read_text(encoding="utf-8") == "OLD REPORT\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left
    calls.clear()
    boom[0] = KeyboardInterrupt()
    res = cli(*inputs, "--format", "jsonl", "-o", out, "-j", "2", "-q")
    assert res.exit_code != 0
    assert out.read_text(encoding="utf-8") == "OLD REPORT\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_killed_process_never_leaves_half_a_file(tmp_path):
    """SIGKILL-like death (os._exit) halfway: the target still holds the old bytes."""
    out = tmp_path / "report.json"
    out.write_text("OLD\n")
    code = (
        "import os, sys\n"
        "from turncheck.cli.check import atomic_output\n"
        f"with atomic_output({str(out)!r}) as f:\n"
        "    f.write('{\"half\": ')\n"
        "    f.flush()\n"
        "    os._exit(9)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(SRC)}, capture_output=True)
    assert proc.returncode == 9
    assert out.read_text() == "OLD\n"


def test_output_replaced_when_done(cli, tmp_path, isolated):
    (tmp_path / "c.txt").write_text(CHAT_FAIL, encoding="utf-8")
    out = tmp_path / "r.jsonl"
    out.write_text("OLD\n")
    res = cli(tmp_path / "c.txt", "--format", "jsonl", "-o", out, "-j", "1", "-q")
    assert res.exit_code == 1 and res.stdout == ""
    assert out.read_text().startswith('{"transcript"')


def test_no_progress_in_pipes_and_summary_unless_quiet(cli, tmp_path, isolated):
    (tmp_path / "a.txt").write_text(CHAT_FAIL, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CHAT_FAIL, encoding="utf-8")
    res = cli(tmp_path, "--format", "jsonl", "-j", "1")
    assert "checking" not in res.stderr and "━" not in res.stderr
    assert "2 transcripts: 0 ok, 2 failed, 0 errors" in res.stderr
    assert "pass rate" in res.stderr
    assert cli(tmp_path, "--format", "jsonl", "-j", "1", "-q").stderr == ""


def test_progress_bar_renders_on_a_terminal():
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=100)
    bar = check_cmd._progress(console, 10, True)
    bar.start()
    bar.update(RunStats(inputs=10, done=4, cards=4, errors=1))
    bar.bar.refresh()
    bar.stop()
    text = buf.getvalue()
    assert "4/10" in text and "1 error" in text
    assert check_cmd._progress(console, 10, False) is None


def test_html_gets_the_transcripts_back_from_a_pool(cli, shared_corpus, tmp_path, isolated):
    pages = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.html"
        cli(shared_corpus.root / "bulk", shared_corpus.root / "chats", "--format", "html", "-o", out, "-j", jobs,
            "-q", "--redact")
        pages[jobs] = out.read_text(encoding="utf-8")
    assert pages["1"] == pages["2"]
    assert "I&#x27;ll chase the depot" in pages["1"] or "chase the depot" in pages["1"]  # a JSONL record's turn
