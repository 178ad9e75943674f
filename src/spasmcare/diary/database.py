"""Opening the diary database: engine settings that keep data safe, and automatic migrations.

SQLite runs in WAL mode with synchronous=FULL, so an acknowledged commit survives a crash or a
killed process; every transaction starts with BEGIN IMMEDIATE and waits (busy_timeout) for
the other writer, so two processes can write to one diary without losing anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text

# SQL parameters are what people typed (notes, names): no error message or log repeats them.

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 60_000
POOL_SIZE = 8
POOL_OVERFLOW = 48
"""SQLite connections kept open, and opened beyond them at busy moments (above the 40 worker
threads of the server's thread pool, so no request waits for a connection)."""
READ = "spasmcare_read"
"""Execution option marking a connection that only reads."""
_PG_MIGRATION_LOCK = 0x5350_4153  # any fixed number: serialises migrations across processes


def connect(url: str, **options: Any) -> Engine:
    """An engine for the diary at ``url``, with SQLite's safety settings applied; ``options``
    go to SQLAlchemy's ``create_engine``."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, hide_parameters=True, **options)
    if "poolclass" not in options:
        # Each request thread takes a connection of its own: as many as the server's worker
        # threads may want at once, so none waits for the pool.
        options = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW, **options}
    engine = create_engine(url, hide_parameters=True, **options)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # Own the transactions (see _begin_immediate) instead of the sqlite3 module's guesswork.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    # Take the write lock at the start: a deferred transaction that later tries to write fails
    # at once with "database is locked" instead of waiting for the other process. Readers
    # (marked READ) begin deferred, so WAL lets them run beside a writer.
    reading = connection.get_execution_options().get(READ, False)
    connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def _alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest schema revision this version of spasmcare knows."""
    from alembic.script import ScriptDirectory

    revision = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(connection: Connection) -> str | None:
    """The schema revision of an open database (None: empty)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, target: str = "head") -> None:
    """Bring the schema to ``target`` in one transaction; a no-op when it is already there."""
    from alembic import command

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        now = current(connection)
        if now == (head() if target == "head" else target):
            return
        command.upgrade(_alembic_config(connection), target)
