"""The pack cache (turncheck.packcache): a later run restores the compiled rule set instead of loading and
compiling it, gives the same scorecards, and never uses an entry that is stale, damaged or not its own."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import turncheck
from turncheck import packcache
from turncheck.rules import loader
from turncheck.transcripts import parse_file

from helpers import FIXTURES, ROOT, SAYS_SORRY_RULE, chat

APOLOGY = chat("Customer: My parcel never arrived and I'm fed up.\nAgent: I'm so sorry about that, let me check.")


@pytest.fixture
def cache(query_cache_dir, monkeypatch):
    """An empty cache folder of this test's own, switched on; and a fresh salt (tests change the version)."""
    monkeypatch.setattr(packcache, "_SALT", [])
    return query_cache_dir


class Loads:
    """Counts the real loads of a rule set (YAML read, validated, then compiled): a restore makes none."""

    def __init__(self, monkeypatch) -> None:
        self.n = 0
        real = loader.load_ruleset

        def counting(*args, **kwargs):
            self.n += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(loader, "load_ruleset", counting)


def _entries(cache_dir: Path) -> list[Path]:
    folder = cache_dir / packcache.SUBDIR
    return sorted(folder.glob("*.pack")) if folder.is_dir() else []


PACK = """\
name: tiny
version: 1.0.0
definitions:
  regret: '"so sorry" OR apologi*'
"""


def _pack(folder: Path, query: str = "@regret", severity: str = "minor") -> Path:
    """A pack of one rule (``says-sorry``), in a folder of the test's own."""
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    rule = SAYS_SORRY_RULE.format(query=query, severity=severity)
    (folder / "says-sorry.yaml").write_text(rule, encoding="utf-8")
    return folder


def _rule(pack: Path, **change: str) -> None:
    """Rewrite says-sorry.yaml with ``change`` (keeping its modification time: the content is what counts)."""
    path = pack / "says-sorry.yaml"
    stat = path.stat()
    values = {"query": "@regret", "severity": "minor", **change}
    path.write_text(SAYS_SORRY_RULE.format(**values), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _cards(checker, files) -> list[str]:
    return [checker.check(parse_file(f)).model_dump_json() for f in files]


def test_a_second_load_is_restored_and_checks_alike(cache, monkeypatch):
    loads = Loads(monkeypatch)
    files = sorted((FIXTURES / "chats").glob("*.txt"))
    first = packcache.load_checker()
    assert loads.n == 1 and len(_entries(cache)) == 1
    second = packcache.load_checker()
    assert loads.n == 1  # restored: no YAML read, nothing validated or parsed
    assert type(second.index._queries[0]).__name__ == "_Pending"  # compiled lazily, when a turn needs it
    assert _cards(second, files) == _cards(first, files)
    assert [r.id for r in second.rules] == [r.id for r in first.rules]


def test_only_and_skip_have_their_own_entry(cache, monkeypatch):
    loads = Loads(monkeypatch)
    full = packcache.load_checker()
    some = packcache.load_checker(only=["apology", "thanks"])
    assert loads.n == 2 and len(_entries(cache)) == 2
    again = packcache.load_checker(only=["apology", "thanks"])
    assert loads.n == 2
    assert [r.id for r in again.rules] == ["apology", "thanks"]
    assert again.check(APOLOGY).model_dump_json() == some.check(APOLOGY).model_dump_json()
    assert len(full.index) > len(again.index)


def test_an_edited_rule_file_is_picked_up(cache, monkeypatch, tmp_path):
    pack = _pack(tmp_path / "pack")
    loads = Loads(monkeypatch)
    before = packcache.load_checker([str(pack)])
    assert before.check(APOLOGY).rules[0].severity == "minor"
    _rule(pack, severity="major")  # same length, same mtime
    after = packcache.load_checker([str(pack)])
    assert loads.n == 2
    assert after.check(APOLOGY).rules[0].severity == "major"
    again = packcache.load_checker([str(pack)])  # the edited pack's own entry, restored
    assert loads.n == 2 and again.check(APOLOGY).rules[0].severity == "major"


def test_an_edited_query_is_picked_up(cache, monkeypatch, tmp_path):
    pack = _pack(tmp_path / "pack")
    assert packcache.load_checker([str(pack)]).check(APOLOGY).rules[0].status == "pass"
    _rule(pack, query="refund")
    assert packcache.load_checker([str(pack)]).check(APOLOGY).rules[0].status == "fail"
    # a definition edited in pack.yaml is an edit too
    _rule(pack)
    (pack / "pack.yaml").write_text(PACK.replace("apologi*", "pardon"), encoding="utf-8")
    assert packcache.load_checker([str(pack)]).check(chat("Customer: It broke.\nAgent: Pardon me.")) \
        .rules[0].status == "pass"


def test_an_added_or_removed_rule_file_is_picked_up(cache, tmp_path):
    pack = _pack(tmp_path / "pack")
    assert [r.id for r in packcache.load_checker([str(pack)]).ruleset.rules] == ["says-sorry"]
    shutil.copy(pack / "says-sorry.yaml", pack / "says-sorry-too.yaml")
    assert {r.id for r in packcache.load_checker([str(pack)]).ruleset.rules} == {"says-sorry", "says-sorry-too"}
    (pack / "says-sorry.yaml").unlink()
    assert [r.id for r in packcache.load_checker([str(pack)]).ruleset.rules] == ["says-sorry-too"]


def test_an_extended_pack_is_watched_too(cache, tmp_path):
    base = _pack(tmp_path / "base")
    child = tmp_path / "child"
    child.mkdir()
    (child / "pack.yaml").write_text("name: child\nversion: 1.0.0\nextends: [../base]\n", encoding="utf-8")
    assert packcache.load_checker([str(child)]).check(APOLOGY).rules[0].status == "pass"
    _rule(base, query="refund")
    assert packcache.load_checker([str(child)]).check(APOLOGY).rules[0].status == "fail"


def test_another_turncheck_version_does_not_use_the_entry(cache, monkeypatch):
    packcache.load_checker()
    monkeypatch.setattr(turncheck, "__version__", turncheck.__version__ + ".post1")
    monkeypatch.setattr(packcache, "_SALT", [])
    loads = Loads(monkeypatch)
    packcache.load_checker()
    assert loads.n == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty"])
def test_a_damaged_entry_is_ignored_and_rebuilt(cache, monkeypatch, damage):
    packcache.load_checker()
    [entry] = _entries(cache)
    data = entry.read_bytes()
    entry.write_bytes({"garbage": os.urandom(4096), "truncated": data[: len(data) // 2],
                       "flipped": data[:-100] + bytes([data[-100] ^ 1]) + data[-99:], "empty": b""}[damage])
    loads = Loads(monkeypatch)
    checker = packcache.load_checker()  # no exception, no traceback: built as without a cache
    assert loads.n == 1
    assert checker.check(APOLOGY).rules[0].status == "pass"
    assert entry.read_bytes() != b""  # and stored again ...
    packcache.load_checker()
    assert loads.n == 1  # ... so the next run restores it


class _Boom:
    """Unpickling this calls _explode: what a forged entry would do."""

    def __reduce__(self):
        return (_explode, ())


EXPLODED: list[bool] = []


def _explode():
    EXPLODED.append(True)
    return {}


def test_a_forged_entry_is_never_unpickled(cache, monkeypatch):
    packcache.load_checker()
    [entry] = _entries(cache)
    payload = pickle.dumps(_Boom())
    entry.write_bytes(packcache.MAGIC + b"\0" * 32 + payload)  # a MAC made without the secret
    loads = Loads(monkeypatch)
    packcache.load_checker()
    assert EXPLODED == [] and loads.n == 1


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_secret_others_can_read_is_not_trusted(cache, monkeypatch):
    packcache.load_checker()
    secret = cache / packcache.SUBDIR / packcache.SECRET_NAME
    assert secret.stat().st_mode & 0o777 == 0o600
    secret.chmod(0o644)
    loads = Loads(monkeypatch)
    packcache.load_checker()
    assert loads.n == 1


def test_no_query_cache_turns_it_off(cache, monkeypatch):
    monkeypatch.setenv("TURNCHECK_NO_QUERY_CACHE", "1")
    loads = Loads(monkeypatch)
    packcache.load_checker()
    packcache.load_checker()
    assert loads.n == 2 and _entries(cache) == []


def test_an_unwritable_cache_folder_is_no_error(cache, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TURNCHECK_CACHE_DIR", str(blocker))
    checker = packcache.load_checker()
    assert checker.check(APOLOGY).rules[0].status == "pass"


def test_a_rule_error_is_reported_as_without_the_cache(cache, tmp_path):
    pack = _pack(tmp_path / "pack")
    packcache.load_checker([str(pack)])
    _rule(pack, severity="huge")
    with pytest.raises(turncheck.RuleError) as err:
        packcache.load_checker([str(pack)])
    assert (err.value.file or "").endswith("says-sorry.yaml")
    with pytest.raises(turncheck.RuleError, match="no rule 'nope'"):
        packcache.load_checker(only=["nope"])


def test_cli_check_picks_up_an_edit_between_runs(cache, tmp_path):
    pack = _pack(tmp_path / "pack")
    chat_file = FIXTURES / "chats" / "courier-blame.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}

    def run() -> dict:
        proc = subprocess.run([sys.executable, "-m", "turncheck", "check", str(chat_file), "-r", str(pack),
                               "--format", "jsonl", "-q", "--no-config"], env=env, capture_output=True, text=True,
                              timeout=300, cwd=tmp_path)
        assert proc.returncode in (0, 1) and proc.stderr == "", proc.stderr
        return json.loads(proc.stdout)["rules"][0]

    first, second = run(), run()
    assert first == second and _entries(cache)
    assert first["severity"] == "minor"
    _rule(pack, severity="critical")
    assert run()["severity"] == "critical"


def test_two_default_packs_sharing_a_cache_keep_their_own_entries(cache, monkeypatch, tmp_path):
    """Two checkouts (or installs) of turncheck with one cache folder: each default pack is its own entry. The
    first run's entry used to be restored by the second checkout, whose own pack was then silently ignored."""
    one, two = _pack(tmp_path / "one"), _pack(tmp_path / "two", severity="critical")
    monkeypatch.setattr(loader, "default_rules_dir", lambda: one)
    assert packcache.load_checker().check(APOLOGY).rules[0].severity == "minor"
    monkeypatch.setattr(loader, "default_rules_dir", lambda: two)
    assert packcache.load_checker().check(APOLOGY).rules[0].severity == "critical"
    monkeypatch.setattr(loader, "default_rules_dir", lambda: one)
    assert packcache.load_checker().check(APOLOGY).rules[0].severity == "minor"
    assert len(_entries(cache)) == 2
