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


def test_check_hook_pattern_takes_transcripts_not_project_manifests():
    import re

    hook = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}["turncheck-check"]
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def taken(path: str) -> bool:  # pre-commit's own test: re.search on the repo-relative path
        return bool(files.search(path)) and not exclude.search(path)

    for path in ("requirements.txt", "requirements-dev.txt", "docs/requirements.txt", "constraints.txt",
                 "package.json", "web/package-lock.json", "tsconfig.json", "composer.json", "LICENSE.txt",
                 ".vscode/settings.json", "node_modules/x/data.json", "x.json.expected.json"):
        assert not taken(path), path
    for path in ("transcripts/chat-001.txt", "calls/a.vtt", "calls/b.srt", "exports/conversation.json",
                 "batch.jsonl", "notes/package.txt", "my-package.json"):
        assert taken(path), path
