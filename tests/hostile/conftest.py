"""Hostile inputs, made at test time (nothing big or odd is kept in git).

Each test runs the real command in a subprocess with a timeout, so an input
that would hang or flood the run fails the test instead of stalling the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHAT = """Customer: My order was due last Thursday and there's still no sign of it.
Agent: I'm so sorry about that. I'll chase the courier today and email you by 5pm.
Customer: Thanks.
"""

#: a test that takes longer than this has hung (the suite must never stall)
TIMEOUT = 60


def turncheck(*args, stdin: bytes | None = None, cwd: Path | None = None, timeout: float = TIMEOUT,
              env: dict | None = None) -> subprocess.CompletedProcess:
    """``turncheck ARGS`` in a fresh process (bytes out: odd file names stay intact)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "turncheck", *map(os.fsdecode, args)], input=stdin,
                          capture_output=True, timeout=timeout, cwd=cwd, env=full_env)


def check(*args, **kw) -> subprocess.CompletedProcess:
    return turncheck("check", "--no-config", "-q", *args, **kw)


def records(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def assert_no_traceback(res: subprocess.CompletedProcess) -> None:
    err = res.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert res.returncode != 1 or not err.startswith("error:"), err


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """An empty folder with no config file above it."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder
