"""``--cache DIR``: unchanged inputs are not re-checked and render to the same bytes; edits re-check."""

from __future__ import annotations

import re
import shutil

from turncheck.rules.loader import default_rules_dir

from .conftest import CHAT_FAIL


def _reused(stderr: str) -> int:
    m = re.search(r"\((\d+) of \d+ inputs reused from the cache\)", stderr)
    return int(m.group(1)) if m else 0


def test_cache_hit_reuses_identical_results(cli, shared_corpus, tmp_path, isolated):
    cache = tmp_path / "cache"
    first = cli(shared_corpus.root, "--format", "jsonl", "-j", "1", "--cache", cache)
    assert _reused(first.stderr) == 0
    for jobs in ("1", "2"):
        again = cli(shared_corpus.root, "--format", "jsonl", "-j", jobs, "--cache", cache)
        assert again.stdout == first.stdout
        assert again.exit_code == first.exit_code == 3
        # every readable input is reused (read errors have no content to key on)
        assert _reused(again.stderr) == len(shared_corpus.files)
    uncached = cli(shared_corpus.root, "--format", "jsonl", "-j", "2", "-q")
    assert uncached.stdout == first.stdout


def test_changed_input_and_changed_rules_recheck(cli, tmp_path, isolated):
    chats = tmp_path / "chats"
    chats.mkdir()
    for i in range(3):
        (chats / f"c{i}.txt").write_text(CHAT_FAIL.replace("Thursday", f"Thursday {i}"), encoding="utf-8")
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    cache = tmp_path / "cache"
    args = (chats, "--rules", rules, "--cache", cache, "-j", "1", "--format", "jsonl")
    cli(*args)
    assert _reused(cli(*args).stderr) == 3
    (chats / "c1.txt").write_text(CHAT_FAIL + "Agent: Anything else?\n", encoding="utf-8")
    assert _reused(cli(*args).stderr) == 2
    # an edited rule file re-checks everything, even with the pack's version unchanged
    apology = rules / "apology.yaml"
    apology.write_text(apology.read_text(encoding="utf-8").replace("severity: major", "severity: minor")
                       .replace("severity: critical", "severity: minor"), encoding="utf-8")
    edited = cli(*args)
    assert _reused(edited.stderr) == 0
    assert '"severity":"minor"' in edited.stdout.replace(" ", "")
    # so do other checker options
    assert _reused(cli(*args, "--fail-under", "50").stderr) == 0


def test_broken_cache_warns_and_runs(cli, tmp_path, isolated):
    (tmp_path / "c.txt").write_text(CHAT_FAIL, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "turncheck-cache.sqlite3").write_bytes(b"this is not a database" * 100)
    res = cli(tmp_path / "c.txt", "--cache", cache, "-j", "1", "--format", "jsonl")
    assert res.exit_code == 1
    assert "warning:" in res.stderr and "without the cache" in res.stderr


def test_cache_key_parts(shared_corpus):
    from turncheck.cache import ruleset_fingerprint
    from turncheck.rules.loader import load_ruleset

    a, b = load_ruleset(), load_ruleset()
    assert ruleset_fingerprint(a) == ruleset_fingerprint(b)
    b.rules[0] = b.rules[0].model_copy(update={"weight": b.rules[0].weight + 1})
    assert ruleset_fingerprint(a) != ruleset_fingerprint(b)
