"""Defaults from turncheck.toml / [tool.turncheck], found walking up; the command line wins; strict keys."""

from __future__ import annotations

import pytest

from turncheck.config import find_config, load_config
from turncheck.errors import UsageError

from .conftest import CHAT_FAIL, jsonl_cards


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "data" / "deep").mkdir(parents=True)
    (root / "data" / "deep" / "c.txt").write_text(CHAT_FAIL, encoding="utf-8")
    monkeypatch.chdir(root / "data" / "deep")
    monkeypatch.delenv("TURNCHECK_TODAY", raising=False)
    return root


def test_turncheck_toml_found_walking_up_and_overridden(cli, project):
    (project / "turncheck.toml").write_text('format = "jsonl"\njobs = 1\nfail-on = "minor"\nskip = ["thanks"]\n')
    res = cli("c.txt", "-q")
    card = jsonl_cards(res.stdout)[0]  # format from the file
    assert "thanks" not in [r["id"] for r in card["rules"]]
    assert res.exit_code == 1
    # the command line overrides the file
    res = cli("c.txt", "-q", "--format", "json", "--skip", "apology")
    assert res.stdout.lstrip().startswith("{") and '"thanks"' in res.stdout
    # --no-config ignores it
    assert "per rule" in cli("c.txt", "-q", "--no-config", "-j", "1").stdout or \
        not cli("c.txt", "-q", "--no-config", "-j", "1").stdout.startswith("{")


def test_pyproject_tool_table_and_relative_paths(cli, project, monkeypatch):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.turncheck]\nformat = "jsonl"\n'
                                            'jobs = 1\nwaivers = "waivers.yaml"\n')
    # the waiver file's path is relative to pyproject.toml, its patterns to the waiver file's folder
    (project / "waivers.yaml").write_text(
        "- {transcript: 'data/*/c.txt', rule: no-blame-shifting, reason: known, expires: 2099-01-01}\n")
    assert find_config() == project / "pyproject.toml"
    card = jsonl_cards(cli("c.txt", "-q").stdout)[0]
    assert any(r["status"] == "waived" for r in card["rules"])


def test_turncheck_toml_beats_pyproject_in_the_same_folder(project):
    (project / "pyproject.toml").write_text('[tool.turncheck]\nformat = "json"\n')
    (project / "turncheck.toml").write_text('format = "csv"\n')
    assert load_config().get("format") == "csv"


def test_pyproject_without_table_is_skipped(project, tmp_path):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "turncheck.toml").write_text('format = "md"\n')
    assert load_config().file == str(tmp_path / "turncheck.toml")


@pytest.mark.parametrize("text, message, line, hint", [
    ('format = "jsonl"\nfail_undr = 80\n', "unknown key 'fail_undr'", 2, "did you mean 'fail-under'?"),
    ('jobs = "many"\n', "jobs:", 1, None),
    ('fail-on = "fatal"\n', "fail-on:", 1, None),
    ('format = "jsonl\n', "invalid TOML", 1, None),
    ('jobs = 2\njobs_ = 3\n', "unknown key", 2, None),
])
def test_config_errors(tmp_path, text, message, line, hint):
    f = tmp_path / "turncheck.toml"
    f.write_text(text)
    with pytest.raises(UsageError) as info:
        load_config(f)
    assert message in info.value.message
    assert info.value.file == str(f) and info.value.line == line
    if hint:
        assert info.value.hint == hint


def test_config_error_in_pyproject_points_at_the_line(cli, project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.turncheck]\nformat = "jsonl"\nredcat = true\n')
    res = cli("c.txt")
    assert res.exit_code == 2
    assert f"error: {project / 'pyproject.toml'}:6: unknown key 'redcat' (did you mean 'redact'?)" in res.stderr
