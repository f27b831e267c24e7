"""Only regular files are read: devices, FIFOs and sockets get an error record, named, found in a folder or
reached through a symlink, and never hang the run or fill its memory (issue 13, item 3)."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from .conftest import CHAT, assert_no_traceback, check, records

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")


def _by_source(out: bytes) -> dict[str, dict]:
    return {r["source"]: r for r in records(out)}


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_named_device_is_refused_not_read(work, device):
    if not os.path.exists(device) or not stat.S_ISCHR(os.stat(device).st_mode):
        pytest.skip(f"no {device} device here")
    res = check(device, "--format", "jsonl", "-j", "1", timeout=30)
    assert_no_traceback(res)
    assert res.returncode == 3
    (card,) = records(res.stdout)
    assert card["status"] == "error"
    assert card["error"]["kind"] == "read"
    assert "character device, not a regular file" in card["error"]["message"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fifo_socket_and_device_symlink_in_a_folder_each_get_one_record(work, jobs):
    (work / "ok.txt").write_text(CHAT, encoding="utf-8")
    os.mkfifo(work / "pipe.txt")  # nobody ever writes to it: reading it would block forever
    (work / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(work / "pipe-target")
    (work / "via-link.txt").symlink_to(work / "pipe-target")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(work / "sock.txt"))
        res = check(work, "--format", "jsonl", "-j", jobs, timeout=60)
    finally:
        sock.close()
    assert_no_traceback(res)
    assert res.returncode == 3
    cards = _by_source(res.stdout)
    assert cards[str(work / "ok.txt")]["status"] == "pass"
    expected = {"pipe.txt": "FIFO", "pipe-target": "FIFO", "via-link.txt": "FIFO", "zero.txt": "character device",
                "sock.txt": "socket"}
    for name, kind in expected.items():
        card = cards.pop(str(work / name))
        assert card["status"] == "error", name
        assert f"{kind}" in card["error"]["message"] and "not a regular file" in card["error"]["message"], name
    cards.pop(str(work / "ok.txt"))
    assert not cards  # exactly one record each, nothing else


def test_fifo_matched_by_a_glob_is_refused_not_dropped(work):
    (work / "a.txt").write_text(CHAT, encoding="utf-8")
    os.mkfifo(work / "b.txt")
    res = check(str(work / "*.txt"), "--format", "jsonl", "-j", "1", timeout=30)
    assert_no_traceback(res)
    cards = _by_source(res.stdout)
    assert set(cards) == {str(work / "a.txt"), str(work / "b.txt")}
    assert "FIFO" in cards[str(work / "b.txt")]["error"]["message"]


def test_fifo_refused_by_the_library_reader_too(tmp_path):
    """The importer API (``iter_transcripts``, ``parse_file``) reads through the same guard."""
    from turncheck.errors import ReadError
    from turncheck.transcripts import iter_transcripts, parse_file

    fifo = tmp_path / "p.txt"
    os.mkfifo(fifo)
    (err,) = list(iter_transcripts(str(fifo)))
    assert isinstance(err, ReadError) and "FIFO" in err.message
    with pytest.raises(ReadError, match="FIFO"):
        parse_file(str(fifo))
