"""Database engines and sessions: SQLite by default (WAL, busy timeout, foreign keys), PostgreSQL by URL.

The schema is Alembic's business (:mod:`app.migrations`, ``wirediff migrate``): nothing
here creates tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, event, make_url
from sqlalchemy.engine import URL
from sqlmodel import Session, create_engine, text

__all__ = [
    "SQLITE_BUSY_TIMEOUT_MS",
    "head_revisions",
    "is_missing_schema",
    "is_sqlite",
    "make_engine",
    "make_probe_engine",
    "migrate",
    "migrations_dir",
    "missing_sqlite_file",
    "ping",
    "schema_revisions",
    "session_scope",
]

#: How long a SQLite writer waits for the lock before giving up (several workers share one file).
SQLITE_BUSY_TIMEOUT_MS = 10_000


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def missing_sqlite_file(database_url: str) -> str | None:
    """The path of a SQLite file ``database_url`` names that does not exist (connecting would
    make it, empty), else None."""
    url = make_url(database_url)
    path = url.database
    if url.get_backend_name() != "sqlite" or not path or path == ":memory:" or path.startswith("file:"):
        return None
    return None if Path(path).exists() else path


def make_engine(
    database_url: str, *, pool_size: int = 5, max_overflow: int = 10, pool_timeout: float = 30.0
) -> Engine:
    """An engine for ``database_url``; a SQLite file's folder is created when missing. Waiting past
    ``pool_timeout`` for a connection raises SQLAlchemy's ``TimeoutError`` (the API's 503)."""
    url = make_url(database_url)
    pool = {"pool_size": pool_size, "max_overflow": max_overflow, "pool_timeout": pool_timeout}
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        if not url.database or url.database == ":memory:":
            pool = {}  # one connection held for the process (SingletonThreadPool): no pool to size
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool)


def make_probe_engine(database_url: str, timeout: float) -> Engine:
    """A one-connection engine for the readiness probe, apart from the requests' pool so that a
    burst holding every request connection never keeps /readyz waiting; it gives up connecting
    (PostgreSQL) or waiting for its one connection after ``timeout`` seconds."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return make_engine(database_url, pool_size=1, max_overflow=0, pool_timeout=timeout)
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=1,
        max_overflow=0,
        pool_timeout=timeout,
        connect_args={"connect_timeout": max(1, round(timeout))},
    )


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """The one way a session is opened: one per unit of work (a request, a CLI command, a
    comparison computed in a thread); closed at the end."""
    with Session(engine) as session:
        yield session


def ping(engine: Engine) -> None:
    """``SELECT 1``; raises when the database cannot be reached."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def schema_revisions(engine: Engine) -> frozenset[str]:
    """The migrations the database is at (Alembic's ``alembic_version``; none when it was never
    migrated); raises, as :func:`ping` does, when the database cannot be reached."""
    with engine.connect() as connection:
        return frozenset(MigrationContext.configure(connection).get_current_heads())


@cache
def head_revisions() -> frozenset[str]:
    """The migrations this version's schema is at once ``wirediff migrate`` has run."""
    return frozenset(ScriptDirectory(str(migrations_dir())).get_heads())


#: PostgreSQL's SQLSTATEs for a table or column that does not exist.
_UNDEFINED = {"42P01", "42703"}


def is_missing_schema(error: BaseException) -> bool:
    """Whether a database error (SQLAlchemy's, its driver's in ``orig``) says a table or column
    does not exist: a schema not migrated, not a database away."""
    orig = getattr(error, "orig", error)
    if getattr(orig, "sqlstate", None) in _UNDEFINED:  # psycopg
        return True
    message = str(orig)  # sqlite3's
    return message.startswith(("no such table:", "no such column:")) or " has no column named " in message


def migrations_dir() -> Path:
    """The Alembic scripts: ``app/migrations`` in an installed package, ``migrations/`` in a checkout."""
    packaged = Path(__file__).parent / "migrations"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "migrations"


def migrate(database_url: str, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (run once before serving, never inside workers)."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["database_url"] = database_url
    command.upgrade(config, revision)


#: The full-text index (migrations 0006, 0008), made by the migrations, not described by the
#: models: on SQLite a virtual table, the tables FTS5 keeps for it and the view it reads, on
#: PostgreSQL an expression index (named for 0008's expression; 0006's before it).
SEARCH_INDEX_TABLE = "article_search"
SEARCH_INDEX = "ix_article_search_folded"
SEARCH_INDEX_BEFORE = "ix_article_search"


def described_by_models(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's ``include_name``: everything but the full-text index, which autogenerate and
    schema comparisons would otherwise take for tables and an index to drop."""
    if type_ == "table":
        return not (name or "").startswith(SEARCH_INDEX_TABLE)
    return not (type_ == "index" and name in (SEARCH_INDEX, SEARCH_INDEX_BEFORE))
