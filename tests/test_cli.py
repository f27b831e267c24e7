"""End-to-end CLI behaviour: exit codes, one record per input, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import FIXTURES, ROOT, RULES

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "turncheck", *args], capture_output=True, text=True,
                          input=stdin, env=ENV, cwd=cwd or ROOT, timeout=300)


def test_check_fixtures_jsonl_one_card_per_file_with_core_rules():
    res = run("check", str(FIXTURES / "chats"), str(FIXTURES / "calls"), str(FIXTURES / "json"),
              "--format", "jsonl", "--jobs", "1")
    cards = [json.loads(line) for line in res.stdout.splitlines()]
    files = sorted(p for d in ("chats", "calls", "json") for p in (FIXTURES / d).iterdir())
    assert len(cards) == len(files)
    assert [c["source"] for c in cards] == sorted(c["source"] for c in cards)
    for card in cards:
        ids = [r["id"] for r in card["rules"]]
        assert ids[:5] == ["apology", "restatement", "no-interruption", "follow-up", "no-blame-shifting"]
        assert card["ruleset"] == {"name": "default", "version": "1.0.0"}
    assert res.returncode == 1  # two fixtures fail a critical rule
    assert "Traceback" not in res.stderr


def test_misspelt_rule_key_exits_2_with_file_line_and_suggestion(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (RULES / "apology.yaml").read_text(encoding="utf-8").replace("severity:", "severty:")
    (pack / "apology.yaml").write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("severty:"))
    res = run("check", str(FIXTURES / "chats"), "--rules", str(pack))
    assert res.returncode == 2
    assert f"apology.yaml:{line}" in res.stderr
    assert "did you mean 'severity'" in res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""


def test_bad_inputs_each_get_a_record_and_exit_3(tmp_path):
    bad = tmp_path / "inbox"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "random.bin").write_bytes(bytes(range(256)) * 8)
    (bad / "latin.txt").write_bytes(b"Customer: caf\xe9 \xff\xfe broken\nAgent: sorry")
    (bad / "truncated.json").write_text('{"turns": [{"speaker": "agent", "text": "hi"', encoding="utf-8")
    (bad / "broken.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\n<v Agent>Hello\n", encoding="utf-8")
    (bad / "good.txt").write_text("Customer: My order is late.\nAgent: I'm sorry, I'll chase it today.\n",
                                  encoding="utf-8")
    res = run("check", str(bad), "--format", "jsonl", "--jobs", "1")
    cards = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(cards) == 6
    by_name = {Path(c["source"]).name: c for c in cards}
    assert by_name["good.txt"]["status"] in ("pass", "fail")
    for name in ("empty.txt", "random.bin", "truncated.json", "broken.vtt"):
        assert by_name[name]["status"] == "error", name
        assert by_name[name]["error"]["message"]
    assert by_name["truncated.json"]["error"]["line"] is not None
    assert by_name["broken.vtt"]["error"]["line"] == 3
    assert res.returncode == 3
    assert "Traceback" not in res.stderr


def test_parse_prints_canonical_transcript():
    res = run("parse", str(FIXTURES / "calls/good-call.vtt"))
    assert res.returncode == 0
    doc = json.loads(res.stdout)
    assert doc["format"] == "webvtt" and doc["metadata"]["customer_name"] == "Sam Okafor"
    first = doc["turns"][0]
    assert set(first) >= {"index", "role", "speaker", "text", "start", "end"}
    assert first["role"] == "agent" and first["start"] == 0.5


def test_stdin_is_checked():
    res = run("check", "-", "--format", "json", stdin="Customer: My card was declined.\nAgent: Sorry about that.\n")
    doc = json.loads(res.stdout)
    assert set(doc) >= {"ruleset", "summary", "scorecards"}
    assert len(doc["scorecards"]) == 1


def test_rules_commands():
    listing = run("rules", "list")
    assert listing.returncode == 0 and "no-blame-shifting" in listing.stdout
    show = run("rules", "show", "apology")
    assert show.returncode == 0 and "guidance/" in show.stdout and "Example (fail)" in show.stdout
    # a reviewer can argue with a rule: how it decides, and when it applies (the pack's condition and its cue)
    assert "How it decides" in show.stdout and "When it applies (problem-raised" in show.stdout
    assert "negated action" in show.stdout
    contradiction = run("rules", "show", "no-contradiction").stdout
    assert "Fails when any agent sentence matches" in contradiction and "also:" in contradiction
    assert "{'query'" not in contradiction  # nested parameters print as YAML, not a Python repr
    # a rule's words are printed as written, not read as console markup ("[crosstalk]" once vanished)
    assert "[crosstalk]" in run("rules", "show", "no-interruption").stdout
    assert "[crosstalk]" in listing.stdout
    unknown = run("rules", "show", "apolgy")
    assert unknown.returncode == 2 and "did you mean 'apology'" in unknown.stderr
    tested = run("rules", "test")
    assert tested.returncode == 0 and " 0 failed" in tested.stdout


def test_unknown_only_rule_is_a_usage_error():
    res = run("check", str(FIXTURES / "chats"), "--only", "apolgy")
    assert res.returncode == 2 and "did you mean 'apology'" in res.stderr


def test_evaluate_on_a_labelled_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Customer: My order is late.\nAgent: I'm sorry about that.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Customer: My order is late.\nAgent: What's the order number?\n", encoding="utf-8")
    (tmp_path / "labels.jsonl").write_text(
        '{"file": "a.txt", "labels": {"apology": "pass"}}\n{"file": "b.txt", "labels": {"apology": "pass"}}\n',
        encoding="utf-8")
    res = run("evaluate", str(tmp_path), "--format", "json")
    doc = json.loads(res.stdout)
    apology = doc["rules"][0]
    assert apology["rule"] == "apology" and apology["n"] == 2
    assert apology["confusion"]["pass"]["pass"] == 1 and apology["confusion"]["pass"]["fail"] == 1
    assert len(doc["disagreements"]) == 1 and doc["disagreements"][0]["file"] == "b.txt"
