"""The review database: where it is, opening it, and bringing its schema up to date.

``db_url`` is a SQLAlchemy URL or a plain file path:

- ``None``: the default SQLite file, ``$TURNCHECK_REVIEW_DB`` when set, else
  ``$XDG_DATA_HOME/turncheck/review.sqlite3`` (``~/.local/share/turncheck/review.sqlite3``);
  the folder and the file are created on first start;
- a path (no ``://``), or ``sqlite:///path``: that SQLite file;
- ``postgresql://user:pass@host/db``: PostgreSQL through psycopg 3 (the URL is given the
  ``+psycopg`` driver when it names none).

Opening runs the Alembic migrations shipped in ``turncheck/review/migrations`` (one
transaction; on PostgreSQL under an advisory lock, so two workers starting together do not
race). SQLite runs in WAL mode with ``synchronous=FULL``: every action is one transaction,
and a process killed mid-write leaves the database as it was before that transaction.
"""

from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import UsageError
from . import schema

#: advisory-lock key that serialises migrations on PostgreSQL ("tcreview" as a number)
PG_LOCK = 0x7463726576696577 & 0x7FFFFFFFFFFFFFFF


def default_path() -> Path:
    env = os.environ.get("TURNCHECK_REVIEW_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "turncheck" / "review.sqlite3"


def normalise_url(db_url: str | None) -> str:
    """A SQLAlchemy URL for ``db_url`` (see the module's docstring); raises UsageError for one it cannot use."""
    if db_url is None or not str(db_url).strip():
        return "sqlite:///" + str(default_path().resolve())
    text = str(db_url).strip()
    if "://" not in text:
        return "sqlite:///" + str(Path(text).expanduser().resolve())
    try:
        url = make_url(text)
    except ArgumentError:
        raise UsageError(f"--db {_hide_password(text)!r}: not a database URL",
                         hint="sqlite:///FILE, a file path, or postgresql://user:password@host/db") from None
    backend = url.get_backend_name()
    if backend == "postgresql":
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    if backend == "sqlite":
        return url.render_as_string(hide_password=False)
    raise UsageError(f"--db {_hide_password(text)!r}: unsupported database {backend!r}",
                     hint="sqlite:///FILE (the default) or postgresql://...")


def _hide_password(text: str) -> str:
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return text


def describe(db_url: str | None) -> str:
    """The database for messages, password hidden."""
    return _hide_password(normalise_url(db_url))


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every SQLite test
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - exercised by every SQLite test
        # a write takes the write lock at BEGIN, so two writers queue (busy_timeout) instead of one
        # failing when it upgrades a read lock; reads stay deferred
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("tc_write") else "BEGIN")


_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def open_engine(db_url: str | None) -> Engine:
    """The engine for ``db_url``, migrated to the newest schema (one engine per URL per process)."""
    url = normalise_url(db_url)
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is not None:
            return engine
        if url.startswith("sqlite"):
            path = make_url(url).database
            if path and path != ":memory:":
                try:
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise UsageError(f"cannot create the database folder: {exc.strerror or exc}",
                                     file=str(Path(path).parent)) from None
            engine = create_engine(url)
            _sqlite_setup(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        try:
            migrate(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise UsageError(f"cannot open the review database {describe(db_url)}: "
                             f"{str(getattr(exc, 'orig', None) or exc).strip().splitlines()[0]}") from None
        _ENGINES[url] = engine
        return engine


def forget_engines() -> None:
    """Dispose of every cached engine (tests; a process that changes databases)."""
    with _LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "turncheck.review:migrations")
    return cfg


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest migration ("head"), in one transaction."""
    from alembic import command
    from sqlalchemy import text

    cfg = alembic_config()
    with engine.execution_options(tc_write=True).begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def secret(engine: Engine) -> str:
    """This database's session-signing secret, made on first use (so every worker and restart shares it)."""
    with engine.connect() as conn:
        row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "secret")).first()
    if row is not None:
        return row[0]
    from sqlalchemy.exc import IntegrityError

    value = secrets.token_urlsafe(32)
    try:
        with engine.execution_options(tc_write=True).begin() as conn:
            conn.execute(schema.meta.insert().values(key="secret", value=value))
    except IntegrityError:  # another worker made it first: use theirs
        with engine.connect() as conn:
            return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "secret")).scalar_one()
    return value
