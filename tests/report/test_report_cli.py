"""``turncheck report`` end to end through the Typer app."""

from __future__ import annotations

import importlib
import re
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

import report_samples as S


def _app():
    """The real CLI app; while other layers are unmerged, the app with only the ``report`` command."""
    try:
        from turncheck.cli import app
        return app
    except ImportError:
        pass
    import turncheck

    init = Path(list(turncheck.__path__)[0]) / "cli" / "__init__.py"
    source = re.sub(r"^from \. import [^\n]*\(command registration\)$", "", init.read_text(), flags=re.M)
    module = types.ModuleType("turncheck.cli")
    module.__path__ = [str(init.parent)]
    module.__file__ = str(init)
    sys.modules["turncheck.cli"] = module
    exec(compile(source, str(init), "exec"), module.__dict__)
    importlib.import_module("turncheck.cli.report")
    module.app.command("placeholder", hidden=True)(lambda: None)  # keep Typer in multi-command mode
    return module.app


@pytest.fixture(scope="module")
def app():
    return _app()


def run(app, *args):
    result = CliRunner().invoke(app, ["report", *map(str, args)])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def test_table_to_stdout(app, tmp_path):
    S.write_jsonl(tmp_path / "a.jsonl", S.fleet())
    r = run(app, tmp_path / "a.jsonl")
    assert r.exit_code == 0, r.output
    assert "per rule" in r.stdout and "worst 10 transcripts" in r.stdout


def test_html_to_file_atomically(app, tmp_path):
    S.write_jsonl(tmp_path / "a.jsonl", S.fleet())
    r = run(app, tmp_path / "a.jsonl", "--format", "html", "-o", tmp_path / "dash.html", "--worst", "5")
    assert r.exit_code == 0, r.output
    text = (tmp_path / "dash.html").read_text()
    assert text.startswith("<!DOCTYPE html>") and "Worst 5 transcripts" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "dash.html"]


def test_malformed_lines_exit_3_without_traceback(app, tmp_path):
    path = tmp_path / "bad.jsonl"
    cards = S.fleet(3)
    S.write_jsonl(path, cards)
    with open(path, "a") as fh:
        fh.write("{oops\n")
    r = run(app, path, "--format", "json")
    assert r.exit_code == 3
    assert f"error: {path}:{len(cards) + 1}: invalid JSON" in r.stderr
    assert "Traceback" not in r.output and '"summary"' in r.stdout


def test_missing_file_exit_3(app, tmp_path):
    r = run(app, tmp_path / "nope.jsonl")
    assert r.exit_code == 3 and f"error: {tmp_path / 'nope.jsonl'}: cannot read" in r.stderr


def test_unknown_format_exit_2(app, tmp_path):
    S.write_jsonl(tmp_path / "a.jsonl", S.fleet(2))
    r = run(app, tmp_path / "a.jsonl", "--format", "pdf")
    assert r.exit_code == 2 and "error: unknown report format 'pdf'" in r.stderr
