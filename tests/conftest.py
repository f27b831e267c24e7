"""Shared fixtures. Plain helpers live in ``tests/helpers.py``."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

# The on-disk query cache (turncheck.query.cache) of this test run: a fresh folder, set before any test module
# is imported so that the CLI subprocesses the tests start (with a copy of os.environ) use it too. Tests never
# read or write the real ~/.cache/turncheck, and never depend on what an earlier run left there.
_QUERY_CACHE_DIR = tempfile.mkdtemp(prefix="turncheck-tests-cache-")
os.environ["TURNCHECK_CACHE_DIR"] = _QUERY_CACHE_DIR
# Likewise the review workspace's default database (``turncheck serve`` mounts it): a file of this run, never
# ~/.local/share/turncheck/review.sqlite3. Tests that need their own database pass a URL.
os.environ["TURNCHECK_REVIEW_DB"] = os.path.join(_QUERY_CACHE_DIR, "review.sqlite3")


def pytest_unconfigure(config):
    shutil.rmtree(_QUERY_CACHE_DIR, ignore_errors=True)


@pytest.fixture
def query_cache_dir(tmp_path, monkeypatch):
    """An empty query cache folder of this test's own, with the cache switched on."""
    folder = tmp_path / "query-cache"
    monkeypatch.setenv("TURNCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("TURNCHECK_NO_QUERY_CACHE", raising=False)
    return folder


@pytest.fixture(scope="session")
def default_checker():
    from turncheck import Checker, load_rules

    return Checker(load_rules())
