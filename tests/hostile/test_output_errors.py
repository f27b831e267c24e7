"""Exit codes that mean what they say (issue 13, item 8): a report that cannot be written (full disk, missing
folder) is a one-line ``error:`` naming it and exit 2, never a traceback with exit 1; a temporary file left by a
killed writer is cleaned up by the next write (item 9)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest
from typer.testing import CliRunner

from turncheck.cli import app
from turncheck.report.output import atomic_output, remove_stale_temporaries

from .conftest import CHAT, assert_no_traceback, check

HAS_DEV_FULL = os.path.exists("/dev/full")


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["table", "jsonl", "json"])
def test_full_stdout_is_exit_2_with_one_error_line(work, fmt):
    (work / "t.txt").write_text(CHAT, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        res = subprocess.run([sys.executable, "-m", "turncheck", "check", "--no-config", "-q", "--format", fmt,
                              "t.txt"], stdout=full, stderr=subprocess.PIPE, timeout=60, cwd=work)
    err = res.stderr.decode()
    assert "Traceback" not in err
    assert res.returncode == 2
    assert err.splitlines() == ["error: <stdout>: cannot write the output: No space left on device "
                                "(free some space, or write elsewhere with -o)"]


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
def test_full_disk_on_output_file_is_exit_2_and_leaves_nothing(work, monkeypatch):
    """The temporary file's writes go to /dev/full (ENOSPC, as on a full disk)."""
    (work / "t.txt").write_text(CHAT, encoding="utf-8")
    real = tempfile.mkstemp

    def mkstemp(*args, **kw):
        fd, path = real(*args, **kw)
        os.dup2(os.open("/dev/full", os.O_WRONLY), fd)
        return fd, path

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    res = CliRunner().invoke(app, ["check", "--no-config", "-q", "-j", "1", "--format", "json", "-o", "out.json",
                                   "t.txt"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.exit_code == 2
    assert res.stderr.strip() == "error: out.json: cannot write the output: No space left on device " \
                                 "(free some space, or write elsewhere with -o)"
    assert sorted(os.listdir(work)) == ["t.txt"]  # no report, no temporary file


def test_output_into_a_missing_folder_is_exit_2(work):
    (work / "t.txt").write_text(CHAT, encoding="utf-8")
    res = check("t.txt", "-o", "no/such/folder/out.json")
    assert_no_traceback(res)
    assert res.returncode == 2
    assert res.stderr.decode().strip() == \
        "error: no/such/folder/out.json: cannot write the output: No such file or directory"


def test_an_error_inside_the_writer_is_not_called_a_write_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        with atomic_output(tmp_path / "out.txt") as out:
            out.write("x")
            raise FileNotFoundError("not about the output")
    assert os.listdir(tmp_path) == []


def test_stale_temporary_file_of_a_dead_writer_is_removed_by_the_next_write(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.json.{dead.pid}.k3j2x.tmp"
    stale.write_text("half a report")
    live = tmp_path / f".out.json.{os.getppid()}.a8d9q.tmp"  # a running writer's: kept
    live.write_text("being written")
    other = tmp_path / f".other.json.{dead.pid}.zz.tmp"  # another report's: not ours to judge
    other.write_text("x")
    with atomic_output(tmp_path / "out.json") as out:
        out.write("{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name, "out.json"])
    assert remove_stale_temporaries(tmp_path, "other.json") == [other]


@pytest.mark.fault
@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0, reason="mounting a tmpfs needs root on Linux")
def test_full_disk_on_a_small_tmpfs(tmp_path):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        with open(mnt / "filler", "wb") as f:  # leave the disk all but full
            f.write(b"x" * (12 * 1024))
        (tmp_path / "t.txt").write_text(CHAT, encoding="utf-8")
        res = check(tmp_path / "t.txt", "--format", "json", "-o", mnt / "out.json")
        assert_no_traceback(res)
        assert res.returncode == 2
        assert res.stderr.decode().startswith(f"error: {mnt / 'out.json'}: cannot write the output: "
                                              f"No space left on device")
        assert os.listdir(mnt) == ["filler"]
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_output_to_a_device_writes_through_and_never_replaces_it(work):
    """``-o /dev/null`` used to rename a temporary file over /dev/null (as root: the device was gone)."""
    import stat as st

    (work / "t.txt").write_text(CHAT, encoding="utf-8")
    fifo = work / "report.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    res = check("t.txt", "--format", "jsonl", "-o", fifo)
    got = reader.communicate(timeout=30)[0]
    assert res.returncode == 0
    assert st.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not a file renamed over it
    assert b'"status":"pass"' in got
    assert sorted(os.listdir(work)) == ["report.fifo", "t.txt"]
