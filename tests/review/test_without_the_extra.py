"""Every `turncheck review` command without the serve extra: one line naming the extra, exit 2, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import ROOT

# a fresh interpreter in which the extra's packages cannot be imported (None in sys.modules blocks an import)
RUN = ("import sys\n"
       "for m in ('sqlalchemy', 'alembic', 'starlette', 'uvicorn', 'psycopg'):\n"
       "    sys.modules[m] = None\n"
       "from turncheck.cli import main\n"
       "sys.argv = ['turncheck'] + sys.argv[1:]\n"
       "main()\n")


@pytest.mark.parametrize("args", [["import", "results.jsonl"], ["export"], ["calibration"],
                                  ["waivers", "-o", "w.yaml"]])
def test_review_command_without_the_serve_extra_says_so_in_one_line(args, tmp_path):
    proc = subprocess.run([sys.executable, "-c", RUN, "review", *args, "--db", str(tmp_path / "r.sqlite3")],
                          cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src"),
                                                                             "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == "error: the review workspace needs the serve extra: pip install 'turncheck[serve]'\n"
