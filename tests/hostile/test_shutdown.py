"""Clean shutdown (issue 13, item 9): the pool's workers die with their parent, SIGINT stops a pooled run
promptly, and the temporary output of a killed run is cleaned up by the next run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CHAT

pytestmark = [pytest.mark.fault,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the process tree")]


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[-1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != b"Z":
                out.append(int(entry))
    return out


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return False


def _wait_for(condition, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def many(tmp_path) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(4000):
        (folder / f"c{i:05d}.txt").write_text(CHAT.replace("Thursday", f"Thursday {i}"), encoding="utf-8")
    return folder


def _start(many: Path, out: Path, wait_for_output: bool = True) -> subprocess.Popen:
    # Ctrl-C with its default meaning in the run, whatever this process inherited: a shell starts its
    # background jobs (`.ci/run &`) with SIGINT ignored, and Python keeps ignoring it in the children
    proc = subprocess.Popen([sys.executable, "-m", "turncheck", "check", "--no-config", "-q", "-j", "2",
                             "--format", "jsonl", "-o", str(out), str(many)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # running: the pool is up (resource tracker, fork server and its two workers below the parent) and
    # results are being written (a worker still starting when the run is stopped may print the
    # multiprocessing module's own complaint about it)
    def running() -> bool:
        written = any(p.stat().st_size > 0 for p in out.parent.glob(f".{out.name}.*.tmp"))
        return len(_descendants(proc.pid)) >= 4 and (written or not wait_for_output)
    assert _wait_for(lambda: running() or proc.poll() is not None, 60)
    assert proc.poll() is None, "the run ended before the test could interrupt it"
    return proc


def test_workers_die_with_a_killed_parent_and_the_temp_file_is_cleaned_next_run(many, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = _start(many, out)
    workers = _descendants(proc.pid)
    proc.kill()
    proc.wait()
    # they used to linger for minutes
    assert _wait_for(lambda: not any(_alive(p) for p in workers), 15), [p for p in workers if _alive(p)]
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]
    assert left, "expected the killed run's temporary file"
    (many / "only.txt").write_text(CHAT, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "turncheck", "check", "--no-config", "-q", "-j", "1",
                          "--format", "jsonl", "-o", str(out), str(many / "only.txt")], capture_output=True,
                         timeout=60)
    assert res.returncode in (0, 1)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")] == []


def test_sigint_stops_a_pooled_run_promptly_leaving_nothing_behind(many, tmp_path):
    # slow inputs first: the batches in flight when Ctrl-C comes take many seconds (they used to be waited for)
    long_chat = CHAT * 4000
    for i in range(8):
        (many / f"a-long-{i}.txt").write_text(long_chat.replace("Thursday", f"Thursday {i}"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = _start(many, out, wait_for_output=False)
    time.sleep(1)
    workers = _descendants(proc.pid)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    took = time.monotonic() - t0
    assert proc.returncode == 130
    assert b"Traceback" not in err
    assert took < 5  # about half a second measured; it took 66 s on main with slow batches in flight
    assert _wait_for(lambda: not any(_alive(p) for p in workers), 10)
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
