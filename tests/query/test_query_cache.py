"""The on-disk cache of parsed queries (turncheck.query.cache): reused when valid, ignored when not, never in
the way of an error message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from turncheck import Checker, load_rules
from turncheck.errors import RuleError
from turncheck.query import cache as qcache
from turncheck.query import grammar, parse_query
from turncheck.query.ast import Phrase

from helpers import SAYS_SORRY_RULE, chat

PACK = """\
name: tiny
version: 1.0.0
definitions:
  regret: '"so sorry" OR apologi*'
  sorrow: '"@regret" OR @regret OR sorry'
"""

APOLOGY = chat("Customer: It broke.\nAgent: I'm so sorry about that.")
THANKS = chat("Customer: It broke.\nAgent: Thanks for telling us.")


def _pack(folder: Path, query: str, definitions: str | None = None) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text(PACK if definitions is None else PACK.split("definitions:")[0]
                                      + "definitions:\n" + definitions, encoding="utf-8")
    rule = SAYS_SORRY_RULE.format(query=query.replace("'", "''"), severity="minor")
    (folder / "says-sorry.yaml").write_text(rule, encoding="utf-8")
    return folder


def _files(cache_dir: Path) -> list[Path]:
    folder = cache_dir / qcache.SUBDIR
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _status(checker: Checker, transcript) -> str:
    return checker.check(transcript).rules[0].status


class ParseCounter:
    """Counts (or forbids) real parses: grammar._parse is where pyparsing runs."""

    def __init__(self, monkeypatch, forbid: bool = False) -> None:
        self.calls = 0
        real = grammar._parse

        def parse(*args, **kwargs):
            self.calls += 1
            if forbid:
                raise AssertionError("the parser ran although the cache should have answered")
            return real(*args, **kwargs)

        monkeypatch.setattr(grammar, "_parse", parse)


def _full(checker: Checker) -> list:
    """Every query of a compiled checker, with what equality ignores (Phrase.text) included."""
    return [qcache.encode(checker.index.query(h)) for h in range(len(checker.index))]


def test_second_compile_does_not_parse(query_cache_dir, monkeypatch):
    first = Checker(load_rules())
    assert len(_files(query_cache_dir)) == 1
    ParseCounter(monkeypatch, forbid=True)
    second = Checker(load_rules())
    assert _full(second) == _full(first)
    for t in (APOLOGY, THANKS):
        assert second.check(t) == first.check(t)


def test_cached_trees_are_the_parsed_trees(query_cache_dir, monkeypatch):
    Checker(load_rules())
    cached = Checker(load_rules())
    monkeypatch.setenv("TURNCHECK_NO_QUERY_CACHE", "1")
    counter = ParseCounter(monkeypatch)
    parsed = Checker(load_rules())
    assert counter.calls > 0
    assert _full(cached) == _full(parsed)
    assert [cached.index.query(h) for h in range(len(cached.index))] == \
        [parsed.index.query(h) for h in range(len(parsed.index))]


def test_disabled_by_environment(query_cache_dir, monkeypatch):
    monkeypatch.setenv("TURNCHECK_NO_QUERY_CACHE", "1")
    Checker(load_rules())
    assert not query_cache_dir.exists()


def test_outside_a_compile_parse_query_always_parses(query_cache_dir, monkeypatch):
    Checker(load_rules())
    counter = ParseCounter(monkeypatch)
    parse_query("sorry OR thanks")
    parse_query("sorry OR thanks")
    assert counter.calls == 2


@pytest.mark.parametrize("damage", [
    b"",
    b"not json at all",
    b'{"format": 1, "salt": "',
    b"[1, 2, 3]",
    b"[" * 100000 + b"]" * 100000,
    "header",
    "other-version",
    "nodes",
])
def test_damaged_or_foreign_cache_file_is_ignored(query_cache_dir, monkeypatch, capsys, damage):
    expected = _full(Checker(load_rules()))
    [path] = _files(query_cache_dir)
    if damage == "header":
        doc = json.loads(path.read_bytes())
        doc["format"] = 999
        path.write_text(json.dumps(doc))
    elif damage == "other-version":  # another turncheck (or an edited parser) wrote it
        doc = json.loads(path.read_bytes())
        doc["salt"] = "0" * 64
        path.write_text(json.dumps(doc))
    elif damage == "nodes":  # every entry a different kind of wrong
        doc = json.loads(path.read_bytes())
        bad = [None, [], ["p", [], None], ["p", ["sorry"], 3], ["o", [["p", ["a"], None]]], ["zz", 1],
               ["n", ["p", ["a"], None], ["p", ["b"], None], "3"], ["x"], ["r", ""], ["f", 7], "sorry",
               ["o", [["o", [["p", ["a"], None], ["p", ["b"], None]]], ["p", ["c"], None]]],
               ["r", "x", "y"]]
        nested = ["p", ["a"], None]
        for _ in range(400):  # deeper than any tree the parser accepts
            nested = ["x", nested]
        bad.append(nested)
        doc["entries"] = {k: bad[i % len(bad)] for i, k in enumerate(doc["entries"])}
        path.write_text(json.dumps(doc))
    else:
        path.write_bytes(damage)
    counter = ParseCounter(monkeypatch)
    assert _full(Checker(load_rules())) == expected
    assert counter.calls > 0
    assert capsys.readouterr() == ("", "")
    # ... and the file was written again, good this time
    monkeypatch.undo()
    monkeypatch.setenv("TURNCHECK_CACHE_DIR", str(query_cache_dir))
    ParseCounter(monkeypatch, forbid=True)
    assert _full(Checker(load_rules())) == expected


def test_cache_path_that_is_a_folder_is_ignored(query_cache_dir):
    expected = _full(Checker(load_rules()))
    [path] = _files(query_cache_dir)
    path.unlink()
    path.mkdir()
    assert _full(Checker(load_rules())) == expected


def test_unwritable_cache_folder(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TURNCHECK_CACHE_DIR", str(blocker / "cache"))  # mkdir fails: not a directory
    monkeypatch.delenv("TURNCHECK_NO_QUERY_CACHE", raising=False)
    checker = Checker(load_rules())
    assert _status(checker, APOLOGY) == "pass"
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("where", ["create", "replace"])
def test_permission_denied_while_writing(query_cache_dir, monkeypatch, capsys, where):
    import os

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    if where == "create":
        import turncheck.atomicfile

        monkeypatch.setattr(turncheck.atomicfile, "create_new", denied)
    else:
        monkeypatch.setattr(os, "replace", denied)
    checker = Checker(load_rules())
    assert _status(checker, APOLOGY) == "pass"
    assert capsys.readouterr() == ("", "")
    leftovers = [p for p in (query_cache_dir / qcache.SUBDIR).iterdir()] if query_cache_dir.exists() else []
    assert [p.name for p in leftovers if p.name.startswith(".tmp-")] == []


def test_no_home_folder(monkeypatch):
    monkeypatch.delenv("TURNCHECK_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("TURNCHECK_NO_QUERY_CACHE", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert qcache.cache_dir() is None
    assert _status(Checker(load_rules()), APOLOGY) == "pass"


def test_cache_location(monkeypatch, tmp_path):
    monkeypatch.setenv("TURNCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert qcache.cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("TURNCHECK_CACHE_DIR")
    assert qcache.cache_dir() == tmp_path / "xdg" / "turncheck"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # invalid by the XDG spec: ignored
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert qcache.cache_dir() is None  # a home folder that does not exist is not created
    (tmp_path / "home").mkdir()
    assert qcache.cache_dir() == tmp_path / "home" / ".cache" / "turncheck"


def test_missing_home_folder_is_not_created(monkeypatch, tmp_path):
    for var in ("TURNCHECK_CACHE_DIR", "XDG_CACHE_HOME", "TURNCHECK_NO_QUERY_CACHE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "nonexistent"))
    assert _status(Checker(load_rules()), APOLOGY) == "pass"
    assert not (tmp_path / "nonexistent").exists()


def _error(folder: Path) -> RuleError:
    with pytest.raises(RuleError) as err:
        Checker(load_rules([folder]))
    return err.value


@pytest.mark.parametrize("bad", ["sorry OR", "(sorry OR thanks", "sorry NEAR/x thanks", "@regret OR @nope",
                                 "apolog*ise"])
def test_syntax_error_reported_the_same_with_a_warm_cache(query_cache_dir, tmp_path, monkeypatch, bad):
    folder = _pack(tmp_path / "pack", "sorry OR thanks")
    Checker(load_rules([folder]))
    Checker(load_rules([folder]))  # warm
    _pack(folder, bad)
    warm = _error(folder)
    again = _error(folder)  # an error is never stored: the same message the second time
    monkeypatch.setenv("TURNCHECK_NO_QUERY_CACHE", "1")
    cold = _error(folder)
    assert warm.format() == again.format() == cold.format()
    assert (warm.file, warm.line, warm.column, warm.hint) == (cold.file, cold.line, cold.column, cold.hint)
    assert warm.column is not None and warm.file.endswith("says-sorry.yaml")


def test_changing_a_query_changes_the_result(query_cache_dir, tmp_path):
    folder = _pack(tmp_path / "pack", "sorry")
    assert _status(Checker(load_rules([folder])), APOLOGY) == "pass"
    assert _status(Checker(load_rules([folder])), THANKS) == "fail"
    _pack(folder, "thanks")
    assert _status(Checker(load_rules([folder])), APOLOGY) == "fail"
    assert _status(Checker(load_rules([folder])), THANKS) == "pass"


def test_changing_a_definition_changes_the_result(query_cache_dir, tmp_path):
    folder = _pack(tmp_path / "pack", "@sorrow", definitions="  sorrow: '\"so sorry\"'\n")
    assert _status(Checker(load_rules([folder])), APOLOGY) == "pass"
    _pack(folder, "@sorrow", definitions="  sorrow: thanks\n")
    assert _status(Checker(load_rules([folder])), APOLOGY) == "fail"
    assert _status(Checker(load_rules([folder])), THANKS) == "pass"
    # a definition the query uses through another one counts too
    _pack(folder, "@outer", definitions="  outer: '@inner'\n  inner: thanks\n")
    assert _status(Checker(load_rules([folder])), THANKS) == "pass"
    _pack(folder, "@outer", definitions="  outer: '@inner'\n  inner: sorry\n")
    assert _status(Checker(load_rules([folder])), THANKS) == "fail"
    assert _status(Checker(load_rules([folder])), APOLOGY) == "pass"


def test_key_depends_on_the_definitions_used_only(query_cache_dir):
    store = qcache.QueryCache(query_cache_dir / "x.json", "salt")
    defs = {"a": "sorry", "b": "@a OR thanks", "c": "unrelated"}
    key = store.key("@b OR hello", defs)
    assert key == store.key("@b OR hello", {**defs, "c": "changed", "d": "new"})
    assert key != store.key("@b OR hello", {**defs, "a": "apolog*"})
    assert key != store.key("@b OR hello", {k: v for k, v in defs.items() if k != "a"})
    assert key != store.key("@b OR hellO", defs)
    assert store.key("sorry", None) == store.key("sorry", {"a": "x"})
    assert store.key("@a", {"a": 3}) is None  # not a query text: the parser reports it, every time
    assert store.key("sorry \ud800", None) is None  # JSON cannot hold it: parsed, not cached


def test_query_the_cache_cannot_hold_is_parsed(query_cache_dir):
    with qcache.query_cache("label") as store:
        node = parse_query("sorry OR \ud800x")
    assert node == parse_query("sorry OR \ud800x") and store.misses == 0


def test_phrase_text_survives_the_cache(query_cache_dir, tmp_path):
    folder = _pack(tmp_path / "pack", '"I’m SO sorry" OR Apologies')
    Checker(load_rules([folder]))
    checker = Checker(load_rules([folder]))
    texts = [n.text for n in checker.index.query(0).walk() if isinstance(n, Phrase)]
    assert texts == ["I’m SO sorry", "Apologies"]


def test_entries_of_other_compiles_are_kept(query_cache_dir, monkeypatch):
    rules = load_rules()
    Checker(rules, only=["thanks"])
    Checker(rules)
    ParseCounter(monkeypatch, forbid=True)
    Checker(rules, only=["thanks"])
    Checker(rules)


def test_first_run_with_an_empty_cache_from_the_command_line(query_cache_dir, tmp_path):
    from typer.testing import CliRunner

    from turncheck.cli import app

    path = tmp_path / "chat.txt"
    path.write_text("Customer: It broke.\nAgent: I'm so sorry about that, thanks for telling us.\n")
    runs = [CliRunner().invoke(app, ["check", str(path), "--format", "jsonl", "-q", "-j", "1", "--no-config"])
            for _ in range(2)]
    assert runs[0].output == runs[1].output and runs[0].exit_code == runs[1].exit_code
    assert len(_files(query_cache_dir)) == 1


def test_warm_compile_does_not_import_pyparsing(query_cache_dir):
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom turncheck import Checker, load_rules\nChecker(load_rules())\n"
            "print('pyparsing' in sys.modules)\n")
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
            for _ in range(2)]
    assert [(r.returncode, r.stdout, r.stderr) for r in runs] == [(0, "True\n", ""), (0, "False\n", "")]
