"""The pre-commit hooks name commands that exist and run."""

from __future__ import annotations

import shlex

import yaml
from typer.testing import CliRunner

from turncheck.cli import app

from .conftest import REPO


def test_pre_commit_hooks_run():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"turncheck-rules-test", "turncheck-check"}
    assert hooks["turncheck-check"]["require_serial"] is True
    runner = CliRunner()
    rules_cmd = shlex.split(hooks["turncheck-rules-test"]["entry"])
    assert rules_cmd[0] == "turncheck"
    res = runner.invoke(app, rules_cmd[1:] + [str(REPO / "rules")])
    assert res.exit_code == 0, res.stdout
    check_cmd = shlex.split(hooks["turncheck-check"]["entry"])
    res = runner.invoke(app, check_cmd[1:] + ["-j", "1", str(REPO / "fixtures" / "chats" / "billing-good.txt")])
    assert res.exit_code == 0, res.stdout + res.stderr
