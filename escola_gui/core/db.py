"""Engines for Escola's SQLite file, with transactions under our control.

pysqlite, left to itself, commits before DDL and opens transactions lazily, so a failing
migration leaves a half-changed file. Following SQLAlchemy's pysqlite notes ("Serializable
isolation / Savepoints / Transactional DDL"), we switch the driver's own transaction
handling off and emit BEGIN ourselves: then DDL and DML share one real transaction.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import NullPool


def normalize_text(value: str | None) -> str:
    """Fold case and strip accents, so that "joao" matches "João"."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _install_functions(dbapi_connection: sqlite3.Connection) -> None:
    dbapi_connection.create_function("escola_normaliza", 1, normalize_text, deterministic=True)


def sqlite_url(path: Path) -> URL:
    """A URL object, not a string: a folder named "a?b" or "50%20" must not be parsed."""
    return URL.create("sqlite", database=str(path))


def _make_engine(path: Path, *, foreign_keys: bool, begin: str) -> Engine:
    engine = create_engine(sqlite_url(path), poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Autocommit at the driver level: pysqlite no longer BEGINs or COMMITs on its own.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Outside any transaction, where this pragma takes effect (inside one it is a no-op).
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()
        _install_functions(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql(begin)

    return engine


def create_app_engine(path: Path) -> Engine:
    """The engine for everyday work: foreign keys enforced, deferred transactions, and
    every write recorded in the audit log (see :mod:`escola_gui.core.auditoria`)."""
    from escola_gui.core import auditoria

    engine = _make_engine(path, foreign_keys=True, begin="BEGIN")
    auditoria.auditar(engine)
    return engine


def create_upgrade_engine(path: Path) -> Engine:
    """The engine for schema upgrades.

    Foreign keys are off, as in SQLite's 12-step ALTER procedure: with them on, the batch
    rebuild of a parent table (DROP TABLE alunos) deletes every child row through
    ON DELETE CASCADE. ``PRAGMA foreign_key_check`` validates the result before COMMIT.
    BEGIN EXCLUSIVE keeps every other connection out until the upgrade ends.
    """
    return _make_engine(path, foreign_keys=False, begin="BEGIN EXCLUSIVE")


@dataclass(frozen=True)
class DatabaseInfo:
    """What the GUI shows about the open file (status bar, Ajuda → Sobre)."""

    path: Path
    revision: str
    app_version: str
    log_path: Path
