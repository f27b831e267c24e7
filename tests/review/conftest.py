"""Review-workspace fixtures: results files, and a fresh database on SQLite and (when CI started one) PostgreSQL.

PostgreSQL tests need ``TURNCHECK_TEST_POSTGRES_URL`` (``.ci/run`` starts a throw-away server and sets it);
without it, or when the server cannot be reached, they are skipped with a one-line reason.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="the review workspace needs the serve extra (pip install '.[test]')")
pytest.importorskip("starlette", reason="the review workspace needs the serve extra (pip install '.[test]')")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))  # report_samples: the shared test data

ROOT = Path(__file__).resolve().parents[2]
PG_ENV = "TURNCHECK_TEST_POSTGRES_URL"


def postgres_url() -> str:
    """The test server's URL, or a skip that says why there is none."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL for the tests: {PG_ENV} is not set (.ci/run starts a server and sets it)")
    import sqlalchemy as sa

    from turncheck.review.db import normalise_url

    try:
        engine = sa.create_engine(normalise_url(url))
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"PostgreSQL at {PG_ENV} cannot be reached: {str(exc).splitlines()[0]}")
    return url


def reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    from turncheck.review.db import forget_engines, normalise_url
    from turncheck.review.schema import metadata

    forget_engines()
    engine = sa.create_engine(normalise_url(url))
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A new, empty review database: a SQLite file, and PostgreSQL where a test server is configured."""
    from turncheck.review.db import forget_engines

    if request.param == "sqlite":
        url = str(tmp_path / "review.sqlite3")
    else:
        url = postgres_url()
        reset_postgres(url)
    yield url
    forget_engines()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    from turncheck.review.db import forget_engines

    yield str(tmp_path / "review.sqlite3")
    forget_engines()


@pytest.fixture(scope="session")
def checked(tmp_path_factory) -> Path:
    """A folder with fixtures/chats and ``results.jsonl`` from ``turncheck check chats --format jsonl`` in it."""
    from typer.testing import CliRunner

    from turncheck.cli import app

    folder = tmp_path_factory.mktemp("checked")
    shutil.copytree(ROOT / "fixtures" / "chats", folder / "chats")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, ["check", "chats", "--format", "jsonl", "-o", "results.jsonl"])
    finally:
        os.chdir(cwd)
    assert result.exit_code in (0, 1), result.output
    return folder


@pytest.fixture
def results(checked) -> Path:
    return checked / "results.jsonl"
