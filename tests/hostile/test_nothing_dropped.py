"""Nothing is silently dropped while walking folders (issue 13, item 4): a subfolder that cannot be listed
becomes an error record, a symlink to a folder a warning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from turncheck.runner import expand_inputs, read_input
from turncheck.errors import ReadError

from .conftest import CHAT, assert_no_traceback, check, records


def _tree(root: Path) -> None:
    (root / "open").mkdir(parents=True)
    (root / "open" / "a.txt").write_text(CHAT, encoding="utf-8")
    (root / "locked").mkdir()
    (root / "locked" / "b.txt").write_text(CHAT, encoding="utf-8")


def _deny(monkeypatch, folder: Path) -> None:
    """``folder`` cannot be listed (done by hand: a test running as root reads a mode-000 folder anyway)."""
    real = os.scandir

    def scandir(path="."):
        if os.path.abspath(os.fspath(path)) == str(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_unlistable_subfolder_stays_in_the_inputs_and_reads_as_an_error(tmp_path, monkeypatch):
    _tree(tmp_path)
    _deny(monkeypatch, tmp_path / "locked")
    inputs = expand_inputs([str(tmp_path)])
    assert inputs == [str(tmp_path / "locked"), str(tmp_path / "open" / "a.txt")]
    with pytest.raises(ReadError, match="permission denied: cannot list this folder"):
        read_input(str(tmp_path / "locked"))


def test_unlistable_folder_named_on_its_own_reads_as_an_error(tmp_path, monkeypatch):
    _tree(tmp_path)
    _deny(monkeypatch, tmp_path / "locked")
    assert expand_inputs([str(tmp_path / "locked")]) == [str(tmp_path / "locked")]
    with pytest.raises(ReadError, match="cannot list this folder"):
        read_input(str(tmp_path / "locked"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root lists a mode-000 folder anyway")
def test_unreadable_subfolder_gets_a_record_from_the_cli(tmp_path):
    _tree(tmp_path)
    (tmp_path / "locked").chmod(0)
    try:
        res = check(tmp_path, "--format", "jsonl", "-j", "1")
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert_no_traceback(res)
    assert res.returncode == 3
    cards = {r["source"]: r for r in records(res.stdout)}
    assert "cannot list this folder" in cards[str(tmp_path / "locked")]["error"]["message"]


def test_folder_symlink_is_not_followed_but_warned_about(tmp_path):
    _tree(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.txt").write_text(CHAT, encoding="utf-8")
    (tmp_path / "open" / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    warnings: list[str] = []
    inputs = expand_inputs([str(tmp_path / "open")], warnings=warnings)
    assert inputs == [str(tmp_path / "open" / "a.txt")]
    assert warnings == [f"{tmp_path / 'open' / 'link'}: a symbolic link to a folder, not followed "
                        f"(name it as an input to check what it links to)"]
    res = check(tmp_path / "open", "--format", "jsonl", "-j", "1")
    assert res.returncode == 0
    assert f"warning: {tmp_path / 'open' / 'link'}: a symbolic link to a folder, not followed" in \
        res.stderr.decode()
    # named on its own, the link is followed
    assert [r["source"] for r in records(check(tmp_path / "open" / "link", "--format", "jsonl").stdout)] == \
        [str(tmp_path / "open" / "link" / "c.txt")]


def test_folder_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(CHAT, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    warnings: list[str] = []
    assert expand_inputs([str(tmp_path)], warnings=warnings) == [str(tmp_path / "a" / "x.txt")]
    assert len(warnings) == 1
