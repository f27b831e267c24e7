"""No input can stall a run (issue 13, item 2): inputs over ``--max-bytes`` and transcripts over ``--max-turns``
get an error record naming the limit and how to raise it; the rest of the run goes on."""

from __future__ import annotations

import pytest

from .conftest import CHAT, assert_no_traceback, check, records, turncheck


def test_max_bytes_refuses_a_big_file_with_a_record_naming_the_limit(work):
    (work / "ok.txt").write_text(CHAT, encoding="utf-8")
    (work / "big.txt").write_text(CHAT * 50, encoding="utf-8")
    res = check(work, "--format", "jsonl", "-j", "1", "--max-bytes", "1000")
    assert_no_traceback(res)
    assert res.returncode == 3
    cards = {r["source"]: r for r in records(res.stdout)}
    assert cards[str(work / "ok.txt")]["status"] == "pass"
    message = cards[str(work / "big.txt")]["error"]["message"]
    assert "larger than the 1,000-byte limit" in message and "--max-bytes" in message
    # raised (or switched off), the same file is checked
    assert check(work / "big.txt", "-j", "1", "--max-bytes", "0").returncode in (0, 1)


def test_max_bytes_applies_to_standard_input(work):
    res = check("-", "--format", "jsonl", "--max-bytes", "100", stdin=(CHAT * 10).encode())
    assert_no_traceback(res)
    assert res.returncode == 3
    (card,) = records(res.stdout)
    assert card["source"] == "<stdin>" and "100-byte limit" in card["error"]["message"]


def test_max_bytes_from_the_config_file(work):
    (work / "turncheck.toml").write_text("max-bytes = 100\n", encoding="utf-8")
    (work / "big.txt").write_text(CHAT, encoding="utf-8")
    res = turncheck("check", "-q", "big.txt", "--format", "jsonl", cwd=work)
    assert "100-byte limit" in records(res.stdout)[0]["error"]["message"]


def test_max_turns_refuses_a_long_transcript_and_checks_the_rest(work):
    (work / "ok.txt").write_text(CHAT, encoding="utf-8")
    (work / "long.txt").write_text(CHAT * 20, encoding="utf-8")  # 60 turns
    res = check(work, "--format", "jsonl", "-j", "2", "--max-turns", "10")
    assert_no_traceback(res)
    assert res.returncode == 3
    cards = {r["source"]: r for r in records(res.stdout)}
    assert cards[str(work / "ok.txt")]["status"] == "pass"
    message = cards[str(work / "long.txt")]["error"]["message"]
    assert message.startswith("60 turns, more than the 10-turn limit") and "--max-turns" in message


def test_file_growing_past_the_limit_while_read_is_cut_off(tmp_path, monkeypatch):
    """The limit holds on what is read, not only on the size the file had when opened."""
    import os

    from turncheck.errors import ReadError
    from turncheck.transcripts.decode import read_bytes

    path = tmp_path / "t.txt"
    path.write_bytes(b"x" * 10)
    real_fstat = os.fstat

    class Small:
        def __init__(self, st):
            self._st = st

        def __getattr__(self, name):
            return 10 if name == "st_size" else getattr(self._st, name)

    path.write_bytes(b"x" * 5000)
    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    with pytest.raises(ReadError, match="4,096-byte limit"):
        read_bytes(str(path), max_bytes=4096)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_time_budget_stops_a_slow_transcript_with_a_record(work, jobs):
    (work / "long.txt").write_text(CHAT * 300, encoding="utf-8")  # 900 turns: far more than a millisecond
    (work / "other.txt").write_text(CHAT * 300, encoding="utf-8")
    res = check(work, "--format", "jsonl", "-j", jobs, "--max-seconds", "0.001")
    assert_no_traceback(res)
    assert res.returncode == 3
    cards = records(res.stdout)
    assert len(cards) == 2
    for card in cards:
        assert card["error"]["message"] == ("checking took longer than the 0.001-second budget per transcript: "
                                            "stopped (raise it with --max-seconds, or max_seconds in the config "
                                            "file)")
    # with the default budget the same inputs are checked
    assert {c["status"] for c in records(check(work, "--format", "jsonl", "-j", jobs).stdout)} <= {"pass", "fail"}


def test_time_budget_result_is_not_cached(work):
    (work / "long.txt").write_text(CHAT * 300, encoding="utf-8")
    cache = work.parent / "cache"
    stopped = check(work / "long.txt", "--format", "jsonl", "-j", "1", "--max-seconds", "0.001", "--cache", cache)
    assert b"-second budget" in stopped.stdout
    again = check(work / "long.txt", "--format", "jsonl", "-j", "1", "--cache", cache, "--max-seconds", "0")
    assert records(again.stdout)[0]["status"] in ("pass", "fail")

