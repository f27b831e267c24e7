"""Output that cannot be forged (issue 13, item 7): ANSI escapes decoded from JSON text, a newline in a file
name and a file name that is not UTF-8 reach no text output as themselves, and crash no format."""

from __future__ import annotations

import json
import os
import sys

import pytest

from turncheck.report.common import display_card, safe_name, safe_text

from .conftest import assert_no_traceback, check, records, turncheck

FORMATS = ["table", "md", "csv", "junit", "html", "jsonl", "json", "sarif"]
TEXT_FORMATS = ["table", "md", "csv", "junit", "html"]
CHAT = "Customer: My order is late.\nAgent: I'm so sorry. I'll chase the courier today and email you by 5pm.\n"
ESCAPES = ("\x1b", "\x07", "\x9b", "\u202e")

needs_bytes_names = pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                                       reason="needs a file system that takes any bytes in a name")


def _hostile_folder(root) -> None:
    root.mkdir()
    json.dump({"meta": {"agent_name": "Eve\u001b[8m"}, "turns": [
        {"speaker": "customer", "text": "My order is late \u001b[2J\u001b[31mPASS\u001b[0m \u009b31m \u202eevil"},
        {"speaker": "agent", "text": "I'm so sorry. I'll chase it \u001b]8;;http://evil\u0007link\u001b]8;;\u0007 "
                                     "today and email you by 5pm."}]}, open(root / "ansi.json", "w"))
    (root / "evil\nPASS  forged.txt").write_text(CHAT, encoding="utf-8")
    if sys.platform not in ("win32", "darwin"):
        with open(os.path.join(os.fsencode(root), b"bad\xffname.txt"), "w", encoding="utf-8") as f:
            f.write(CHAT)


@needs_bytes_names
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_hostile_text_and_names_in_every_format(tmp_path, fmt, jobs):
    root = tmp_path / "in"
    _hostile_folder(root)
    out = tmp_path / f"out.{fmt}"
    res = check(root, "--format", fmt, "-j", jobs, "-o", out)
    assert_no_traceback(res)
    assert res.returncode in (0, 1), res.stderr
    data = out.read_bytes()
    text = data.decode("utf-8")  # valid UTF-8 whatever the names were
    if fmt in TEXT_FORMATS:
        for ch in ESCAPES:
            assert ch not in text, (fmt, repr(ch))
        assert b"\xff" not in data
        # the newline in a file name is shown, never a line of its own
        assert not any(line.startswith("PASS  forged") for line in text.splitlines())
        assert "bad\\xffname.txt" in text.replace("\\\\", "\\")  # (md escapes the backslash)
    if fmt in ("jsonl", "json"):
        doc = records(data) if fmt == "jsonl" else json.loads(text)["scorecards"]
        sources = {os.fsencode(c["source"]) for c in doc}
        # lossless: the original bytes of every name come back
        assert sources == {os.fsencode(root / n) for n in ("ansi.json", "evil\nPASS  forged.txt")} | \
            {os.path.join(os.fsencode(root), b"bad\xffname.txt")}
        ansi = next(c for c in doc if c["source"].endswith("ansi.json"))
        assert ansi["metadata"]["agent_name"] == "Eve\x1b[8m"  # JSON keeps the data, escaped by JSON itself
    if fmt == "sarif":
        assert "bad%FFname.txt" in text and "evil%0APASS%20%20forged.txt" in text


def test_table_on_stdout_shows_escapes_as_control_pictures(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "evil\nPASS  forged.txt").write_text(CHAT, encoding="utf-8")
    json.dump({"turns": [{"speaker": "customer", "text": "late \u001b[31mRED"},
                         {"speaker": "agent", "text": "Sorry! I'll email you by 5pm."}]}, open(root / "a.json", "w"))
    res = check(root, "-j", "1")
    out = res.stdout.decode()
    assert "\x1b" not in out
    assert f"{root}/evil␊PASS  forged.txt" in out and "\nPASS  forged.txt" not in out  # one title line
    assert "late ␛[31mRED" in out


def test_error_records_on_stderr_cannot_forge_lines(tmp_path):
    (tmp_path / "x\nerror: forged").write_bytes(b"")
    res = turncheck("check", "--no-config", "--no-progress", "-j", "1", "--format", "jsonl", tmp_path)
    assert res.returncode == 3
    err = res.stderr.decode()
    assert "\nerror: forged" not in err
    assert "x␊error: forged: empty file" in err


def test_safe_text_and_name():
    assert safe_text("a\x1b[31mb\tc\nd\x9b\u202e") == "a␛[31mb\tc\nd\\x9b\\u202e"
    assert safe_name("a\nb\tc\udcff") == "a␊b␉c\\xff"
    assert safe_text("plain “text” ünïcode") == "plain “text” ünïcode"


def test_display_card_leaves_a_clean_card_alone(default_checker):
    from helpers import chat

    card = default_checker.check(chat(CHAT))
    assert display_card(card) is card
    dirty = card.model_copy(update={"source": "a\nb"})
    assert display_card(dirty).source == "a␊b"


def test_usage_error_line_shows_control_characters_in_a_file_name(work):
    res = check("--waivers", "w\x1b[2J\nerror: forged.yaml", "x.txt")
    assert res.returncode == 2
    err = res.stderr.decode()
    assert err.count("\n") == 1 and "\x1b" not in err
    assert "w␛[2J␊error: forged.yaml" in err
