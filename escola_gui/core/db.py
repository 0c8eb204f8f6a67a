"""Engines for Escola's SQLite file, with transactions under our control.

pysqlite, left to itself, commits before DDL and opens transactions lazily, so a failing
migration leaves a half-changed file. Following SQLAlchemy's pysqlite notes ("Serializable
isolation / Savepoints / Transactional DDL"), we switch the driver's own transaction
handling off and emit BEGIN ourselves: then DDL and DML share one real transaction.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import NullPool

from escola_gui.core.errors import DiskFullError, is_disk_full
from escola_gui.core.paths import tighten_database
from escola_gui.core.text import normalize_text


def _install_functions(dbapi_connection: sqlite3.Connection) -> None:
    # escola_normaliza(x): the folding of core/text.py, so that SQL compares and sorts as Python does.
    dbapi_connection.create_function("escola_normaliza", 1, normalize_text, deterministic=True)


def sqlite_url(path: Path) -> URL:
    """A URL object, not a string: a folder named "a?b" or "50%20" must not be parsed."""
    return URL.create("sqlite", database=str(path))


def read_only_uri(path: Path) -> str:
    """A ``file:`` URI that SQLite opens read-only (``mode=ro``): no journal, no byte written."""
    return path.absolute().as_uri() + "?mode=ro"


def _make_engine(path: Path, *, foreign_keys: bool, begin: str, read_only: bool = False) -> Engine:
    if read_only:
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False),
            poolclass=NullPool,
            hide_parameters=True,
        )
    else:
        # A file copied in at 0644 (a pen drive) becomes 0600 when it is opened for work (LGPD).
        tighten_database(path)
        # hide_parameters: an error's text names the statement, never the values (names, CPFs),
        # so that no log or terminal gets them (LGPD).
        engine = create_engine(sqlite_url(path), poolclass=NullPool, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Autocommit at the driver level: pysqlite no longer BEGINs or COMMITs on its own.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Outside any transaction, where this pragma takes effect (inside one it is a no-op).
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout = 5000")
        if read_only:
            # A second guard beside mode=ro: any write fails before it reaches the file.
            cursor.execute("PRAGMA query_only = ON")
        else:
            # Children's personal data (LGPD): what a write deletes is overwritten with zeros,
            # not left in the file's free space (a per-connection setting; no schema change).
            cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()
        _install_functions(dbapi_connection)

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        # The one place where SQLITE_FULL becomes the Portuguese DiskFullError, for every
        # write through an engine: a service's save, an import, an upgrade step. The
        # transaction is rolled back by its owner as for any other error.
        if is_disk_full(context.original_exception):
            raise DiskFullError(path.parent) from context.original_exception

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql(begin)

    return engine


def create_app_engine(path: Path, *, read_only: bool = False) -> Engine:
    """The engine for everyday work: foreign keys enforced, deferred transactions, and
    every write recorded in the audit log (see :mod:`escola_gui.core.auditoria`).

    ``read_only``: for a file that cannot be written (see :func:`write_problem`); SQLite opens
    it with ``mode=ro`` and ``PRAGMA query_only``, so a write that slips through is refused.
    """
    from escola_gui.core import auditoria

    engine = _make_engine(path, foreign_keys=True, begin="BEGIN", read_only=read_only)
    auditoria.auditar(engine)
    return engine


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.EROFS:
        return "o disco ou a pasta está montado somente para leitura"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "sem permissão de gravação"
    return exc.strerror or str(exc)


def _read_only_mount(path: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    if statvfs is None:
        return False
    try:
        return bool(statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def folder_write_problem(folder: Path) -> str | None:
    """Why no file can be created in ``folder`` (Portuguese), or None when one can.

    Besides ``os.access`` (which root passes everywhere), a probe file is created and removed:
    that is what SQLite's journal and the lock file need, and a read-only mount refuses it.
    """
    if not folder.is_dir():
        return f"a pasta {folder} não existe"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"a pasta {folder} não permite gravação"
    probe = folder / f".escola-teste-gravacao-{os.getpid()}"
    try:
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        return f"a pasta {folder} não permite gravação ({_os_reason(exc)})"
    try:
        os.unlink(probe)
    except OSError as exc:
        return f"a pasta {folder} não permite apagar arquivos ({_os_reason(exc)})"
    return None


def write_problem(path: Path) -> str | None:
    """Why the database ``path`` cannot be written (Portuguese), or None when it can.

    Checked: the file's mode, the folder (where SQLite creates its journal), and an open of
    the file for writing (which a read-only mount refuses even to root). Nothing is written
    to the file itself. Tests replace this function to try read-only mode as root.
    """
    path = Path(path)
    if path.parent.is_dir() and _read_only_mount(path.parent):
        return "o disco ou a pasta está montado somente para leitura"
    if path.exists() and not os.access(path, os.W_OK):
        return "o arquivo está protegido contra gravação"
    problem = folder_write_problem(path.parent)
    if problem:
        return problem
    if path.exists():
        try:
            with open(path, "r+b"):
                pass
        except OSError as exc:
            return f"o arquivo não pode ser gravado ({_os_reason(exc)})"
    return None


def is_read_only_error(exc: BaseException | None) -> bool:
    """True for SQLite's refusal to write (``mode=ro``, ``query_only``, a read-only file),
    however SQLAlchemy wrapped it."""
    seen = 0
    while exc is not None and seen < 10:
        orig = getattr(exc, "orig", None)
        for candidate in (exc, orig):
            if isinstance(candidate, sqlite3.Error):
                text = str(candidate).lower()
                if "readonly" in text or "read-only" in text or "query_only" in text:
                    return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def create_upgrade_engine(path: Path) -> Engine:
    """The engine for schema upgrades.

    Foreign keys are off, as in SQLite's 12-step ALTER procedure: with them on, the batch
    rebuild of a parent table (DROP TABLE alunos) deletes every child row through
    ON DELETE CASCADE. ``PRAGMA foreign_key_check`` validates the result before COMMIT.
    BEGIN EXCLUSIVE keeps every other connection out until the upgrade ends.
    """
    return _make_engine(path, foreign_keys=False, begin="BEGIN EXCLUSIVE")
