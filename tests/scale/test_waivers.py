"""``--waivers``: matching fails become ``waived`` (kept, with the reason, out of the score); expired ones don't."""

from __future__ import annotations

import json

import pytest

from turncheck.errors import UsageError
from turncheck.waivers import load_waivers

from .conftest import CHAT_FAIL, jsonl_cards


@pytest.fixture
def chat(tmp_path):
    p = tmp_path / "queue-a" / "c1.txt"
    p.parent.mkdir()
    p.write_text(CHAT_FAIL, encoding="utf-8")
    return p


def _card(cli, chat, *extra):
    res = cli(chat, "-j", "1", "--format", "jsonl", *extra)
    return res, jsonl_cards(res.stdout)[0]


def test_waiver_applies_and_recomputes(cli, chat, tmp_path, isolated, monkeypatch):
    monkeypatch.setenv("TURNCHECK_TODAY", "2025-01-15")
    res, before = _card(cli, chat)
    assert before["status"] == "fail"
    failed_critical = [r["id"] for r in before["rules"] if r["status"] == "fail" and r["severity"] == "critical"]
    assert failed_critical
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("".join(
        f"- transcript: 'queue-a/*.txt'\n  rule: {rid}\n  reason: accepted in TICKET-7\n  expires: 2025-01-31\n"
        for rid in failed_critical), encoding="utf-8")
    res, after = _card(cli, chat, "--waivers", waivers)
    waived = {r["id"]: r for r in after["rules"] if r["status"] == "waived"}
    assert set(waived) == set(failed_critical)
    first = waived[failed_critical[0]]
    assert first["waiver"] == {"reason": "accepted in TICKET-7", "expires": "2025-01-31", "waiver": f"{waivers}:1"}
    assert first["message"]  # the finding is kept
    assert after["score"] >= before["score"]
    if not any(r["status"] == "fail" and r["severity"] == "critical" for r in after["rules"]):
        assert after["status"] == "pass" and res.exit_code == 0
    assert "waived" in res.stderr
    # the waived rule counts as neither pass nor fail in the summary
    doc = json.loads(cli(chat, "-j", "1", "--format", "json", "--waivers", waivers, "-q").stdout)
    assert doc["summary"]["rules"][failed_critical[0]]["waived"] == 1
    assert doc["summary"]["waivers"]["applied"] == len(failed_critical)


def test_expired_waiver_does_not_apply_and_is_reported(cli, chat, tmp_path, isolated, monkeypatch):
    monkeypatch.setenv("TURNCHECK_TODAY", "2025-02-01")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("- transcript: c1.txt\n  rule: '*'\n  reason: legacy queue\n  expires: 2025-01-31\n")
    res, card = _card(cli, chat, "--waivers", waivers)
    assert not any(r["status"] == "waived" for r in card["rules"])
    assert res.exit_code == 1
    assert f"warning: {waivers}:1: waiver for rule '*' on 'c1.txt' expired on 2025-01-31" in res.stderr
    assert "1 expired waiver not applied" in res.stderr
    doc = json.loads(cli(chat, "-j", "1", "--format", "json", "--waivers", waivers, "-q").stdout)
    expired = doc["summary"]["waivers"]["expired"]
    assert expired[0]["expires"] == "2025-01-31" and expired[0]["findings_not_waived"] > 0
    # on its last day it still applies
    monkeypatch.setenv("TURNCHECK_TODAY", "2025-01-31")
    _, card = _card(cli, chat, "--waivers", waivers)
    assert any(r["status"] == "waived" for r in card["rules"])


def test_waivers_with_cache_and_jobs_give_same_bytes(cli, chat, tmp_path, isolated, monkeypatch):
    monkeypatch.setenv("TURNCHECK_TODAY", "2025-01-15")
    waivers = tmp_path / "w.yaml"
    waivers.write_text("- {transcript: '*', rule: no-blame-shifting, reason: r, expires: 2030-01-01}\n")
    outs = {cli(chat, "-j", j, "--format", "jsonl", "--waivers", waivers, "--cache", tmp_path / "cache", "-q").stdout
            for j in ("1", "2", "1")}
    assert len(outs) == 1


@pytest.mark.parametrize("text, message, line", [
    ("- transcript: x\n  rule: apology\n  reason: r\n  expire: 2025-01-01\n", "unknown key 'expire'", 4),
    ("- transcript: x\n  rule: apology\n  reason: r\n", "the waiver has no 'expires'", 1),
    ("- transcript: x\n  rule: apology\n  reason: r\n  expires: next week\n", "expires:", 4),
    ("- transcript: x\n  rule: apologyy\n  reason: r\n  expires: 2025-01-01\n", "names no rule", 2),
    ("transcript: x\n", "YAML list", 1),
    ("- transcript: x\n  rule: [apology\n", "invalid YAML", None),
])
def test_waiver_file_errors(tmp_path, text, message, line):
    f = tmp_path / "w.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_waivers(f, ["apology", "follow-up"])
    assert message in info.value.message
    assert info.value.file == str(f)
    if line is not None:
        assert info.value.line == line
    if "expire'" in message:
        assert "did you mean 'expires'" in info.value.hint


def test_bad_waiver_file_is_exit_2(cli, chat, tmp_path, isolated):
    f = tmp_path / "w.yaml"
    f.write_text("- transcript: x\n  rule: apology\n  reasons: r\n  expires: 2025-01-01\n")
    res = cli(chat, "--waivers", f, "-j", "1")
    assert res.exit_code == 2
    assert f"error: {f}:3: unknown key 'reasons' in a waiver (did you mean 'reason'?)" in res.stderr
