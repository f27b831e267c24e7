"""``atomic_output``: all or nothing, never a half-written report."""

from __future__ import annotations

import io
import os

import pytest

import report_samples  # noqa: F401  (imports turncheck)
from turncheck.report import atomic_output


def test_writes_the_file(tmp_path):
    target = tmp_path / "out.json"
    with atomic_output(target) as out:
        out.write("hello\n")
        assert not target.exists()  # not visible before the end
    assert target.read_text() == "hello\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_replaces_an_existing_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    with atomic_output(str(target)) as out:
        out.write("new")
    assert target.read_text() == "new"
    assert (target.stat().st_mode & 0o777) == 0o640


def test_an_error_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as out:
            out.write("half")
            raise RuntimeError("renderer crashed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_new_file_gets_umask_mode(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_output(tmp_path / "x") as out:
            out.write("x")
    finally:
        os.umask(old)
    assert ((tmp_path / "x").stat().st_mode & 0o777) == 0o644


def test_none_and_dash_write_to_stdout():
    buf = io.StringIO()
    with atomic_output(None, stdout=buf) as out:
        out.write("a")
    with atomic_output("-", stdout=buf) as out:
        out.write("b")
    assert buf.getvalue() == "ab"


def test_utf8_and_newlines_kept_verbatim(tmp_path):
    with atomic_output(tmp_path / "x.csv") as out:
        out.write("a,“b”\r\nc\n")
    assert (tmp_path / "x.csv").read_bytes() == "a,“b”\r\nc\n".encode()


def test_missing_folder_is_an_output_error_naming_the_file(tmp_path):
    from turncheck.errors import OutputError

    with pytest.raises(OutputError, match="cannot write the output: No such file or directory"):
        with atomic_output(tmp_path / "nope" / "x") as out:
            out.write("x")
