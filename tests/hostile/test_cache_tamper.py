"""The cache verifies what it serves (issue 13, item 5): an edited or truncated entry is detected, checked
again with a warning and never crashes the run; the cache folder and its files are private."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from .conftest import assert_no_traceback, check

FAIL_CHAT = """Customer: My order was due last Thursday and there's still no sign of it.
Agent: The courier lost it, that's their fault. You'll need to contact them.
Customer: But I paid you, not the courier.
Agent: Their claims page is on their website.
"""


def _run(work, cache, *extra):
    return check(work / "chats", "--cache", cache, "--format", "jsonl", "-j", "1", *extra)


def _setup(work):
    (work / "chats").mkdir()
    (work / "chats" / "a.txt").write_text(FAIL_CHAT, encoding="utf-8")
    (work / "chats" / "b.txt").write_text(FAIL_CHAT.replace("Thursday", "Friday"), encoding="utf-8")
    cache = work / "cache"
    first = _run(work, cache)
    assert first.returncode == 1 and b'"status":"fail"' in first.stdout
    return cache, first


def _edit(cache, change) -> None:
    db = sqlite3.connect(cache / "turncheck-cache.sqlite3")
    with db:
        for key, cards in db.execute("SELECT key, cards FROM entries").fetchall():
            db.execute("UPDATE entries SET cards = ? WHERE key = ?", (change(bytes(cards)), key))
    db.close()


@pytest.mark.fault
def test_edited_entry_fail_to_pass_is_not_served(work):
    cache, first = _setup(work)
    _edit(cache, lambda cards: cards.replace(b'"status":"fail"', b'"status":"pass"'))
    again = _run(work, cache, "--no-progress")
    assert_no_traceback(again)
    assert again.stdout == first.stdout  # checked again: still fails
    assert again.returncode == 1
    err = again.stderr.decode()
    assert "warning: 2 cache entries did not verify (changed or damaged) and were checked again: " \
           f"{work / 'chats' / 'a.txt'}, {work / 'chats' / 'b.txt'}" in err
    # the recomputed entries replaced the bad ones: the next run reuses them, without a warning
    third = check(work / "chats", "--cache", cache, "--format", "jsonl", "-j", "1", "--no-config")
    assert third.stdout == first.stdout and b"did not verify" not in third.stderr


@pytest.mark.fault
@pytest.mark.parametrize("damage", [lambda c: c[: len(c) // 2], lambda c: b"", lambda c: c + b"\n{}"])
def test_truncated_or_damaged_entry_is_rechecked_not_a_crash(work, damage):
    cache, first = _setup(work)
    _edit(cache, damage)
    again = _run(work, cache)
    assert_no_traceback(again)
    assert again.returncode == 1
    assert again.stdout == first.stdout
    assert b"did not verify" in again.stderr


@pytest.mark.fault
def test_entry_that_verifies_but_does_not_decode_is_checked_again(tmp_path, monkeypatch):
    """Belt and braces: a verified entry that does not decode (never written by this version) is re-checked."""
    from turncheck import Checker, load_rules
    from turncheck.cache import Cache
    from turncheck.runner import Run
    from turncheck.transcripts import ImportOptions

    (tmp_path / "a.txt").write_text(FAIL_CHAT, encoding="utf-8")
    checker, options = Checker(load_rules()), ImportOptions()
    with Cache(tmp_path / "cache", checker, options) as store:
        key = store.key(str(tmp_path / "a.txt"), (tmp_path / "a.txt").read_bytes())
        store.put(key, [b'{"not": "a scorecard"}'])
    with Cache(tmp_path / "cache", checker, options) as store:
        cards = list(Run(checker, options, cache=store)([str(tmp_path / "a.txt")]))
    assert [c.status for c in cards] == ["fail"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_cache_folder_and_files_are_private(work):
    old = os.umask(0o022)
    try:
        cache, _ = _setup(work)
    finally:
        os.umask(old)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    for path in cache.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert {p.name for p in cache.iterdir()} >= {"turncheck-cache.sqlite3", "secret"}
