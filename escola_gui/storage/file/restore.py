"""Restore: a backup (or any Escola file the secretary chooses) takes the place of the data file.

The file in place is never lost: it is kept aside, byte for byte, as ``<name>.antes-de-restaurar``
(or ``<name>.danificado`` when it is damaged), with its journal or WAL; the backup is copied with
SQLite's online backup API, checked, synced and renamed into place. :func:`restore_refusal`
says beforehand why a file would be refused; :func:`restore` asks it again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from escola_gui.core.errors import (
    QT_TRANSLATE_NOOP,
    RESTORING,
    BackupFailedError,
    DiskFullError,
    EscolaError,
    Message,
    is_disk_full,
    message,
)
from escola_gui.core.paths import copy_private, ensure_private_dir, resolve_real_path
from escola_gui.storage.file import backup as backup_module
from escola_gui.storage.file import journal as journal_module
from escola_gui.storage.file.backups import STAMP_FORMAT

log = logging.getLogger(__name__)


class RestoreRefusedError(EscolaError):
    """The chosen backup cannot be restored; nothing was changed."""

    def __init__(self, backup: Path, reason: str | Message) -> None:
        super().__init__(
            message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "A cópia de segurança {backup} não pode ser restaurada: {reason}. O arquivo de dados não foi "
                    "alterado.",
                ),
                backup=backup,
                reason=reason,
            )
        )


# What the current file is kept as when a backup takes its place.
ASIDE_SUFFIX = ".antes-de-restaurar"
DAMAGED_SUFFIX = ".danificado"
_SIDE_FILES = ("-journal", "-wal", "-shm")


def _aside_path(database: Path, now: datetime, suffix: str = ASIDE_SUFFIX) -> Path:
    """``<name><suffix>``, or with the time (and a counter) in the name when that exists:
    an earlier file kept aside is never overwritten."""

    def taken(path: Path) -> bool:
        return path.exists() or any(path.with_name(path.name + side).exists() for side in _SIDE_FILES)

    aside = database.with_name(database.name + suffix)
    if not taken(aside):
        return aside
    base = database.name + f"{suffix}-{now:{STAMP_FORMAT}}"
    aside = database.with_name(base)
    counter = 2
    while taken(aside):
        aside = database.with_name(f"{base}-{counter}")
        counter += 1
    return aside


def _settle(database: Path) -> None:
    """Bring a WAL left beside ``database`` into the file, wholly, so that the file alone is the
    whole database; or refuse, having changed nothing (a checkpoint that another connection keeps
    busy leaves committed changes in the WAL only, and the WAL is deleted by the restore).

    A rollback journal is never rolled back here: :func:`restore` keeps it aside with the file.

    Raises:
        EscolaError: the checkpoint was busy or incomplete; the file and its WAL are as they were.
    """
    wal = database.with_name(database.name + "-wal")
    if not wal.exists():
        return
    try:
        conn = sqlite3.connect(database, timeout=2)
        try:
            busy, frames, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        busy, frames, done = 1, 0, 0
        log.warning("could not checkpoint the WAL of %s before restoring: %s", database, exc)
    if busy or frames != done:
        log.error("the WAL of %s could not be wholly checkpointed (busy %s, %s of %s)", database, busy, done, frames)
        raise EscolaError.from_template(
            QT_TRANSLATE_NOOP(
                "core",
                "O arquivo {path} está sendo usado por outro programa, e as últimas gravações dele ainda "
                "não chegaram ao arquivo. Feche o outro programa e tente de novo. Nada foi restaurado; "
                "o arquivo não foi alterado.",
            ),
            path=database,
        )


def next_aside_path(database: Path, *, damaged: bool, now: datetime | None = None) -> Path:
    """Where :func:`restore` would keep the current file now (for the dialogs to say)."""
    return _aside_path(Path(database).absolute(), now or datetime.now(), DAMAGED_SUFFIX if damaged else ASIDE_SUFFIX)


def _keep_aside(database: Path, aside: Path, *, damaged: bool) -> None:
    """Copy ``database`` to ``aside``; a damaged file's (or a crashed one's) journal and WAL go
    with it, untouched."""
    try:
        copy_private(database, aside)
        if damaged:
            # Whatever they hold belongs to the damaged file and may help to recover it.
            for side in ("-journal", "-wal"):
                source = database.with_name(database.name + side)
                if source.exists():
                    copy_private(source, aside.with_name(aside.name + side))
        backup_module._fsync(database.parent)
    except BaseException as exc:
        for path in (aside, *(aside.with_name(aside.name + side) for side in _SIDE_FILES)):
            path.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise DiskFullError(database.parent, RESTORING) from exc
        raise


def restore(database: Path, backup: Path, *, now: datetime | None = None) -> Path | None:
    """Put ``backup`` in the place of ``database``; returns where the current file was kept.

    The caller holds the database's lock, and afterwards runs the normal launch checks
    (``upgrade_to_head``), which upgrade a backup of an older schema as usual.

    The current file is copied, byte for byte and mode 0600, to
    ``<name>.antes-de-restaurar``, or, when it is damaged (``Classification.damaged``), to
    ``<name>.danificado`` exactly as it is, with its journal or WAL beside it (in both cases
    with the time in the name when that exists already). The backup is then written beside
    the database with SQLite's online backup API, checked with ``integrity_check``, synced,
    and renamed into place.

    Raises:
        RestoreRefusedError: the backup is missing, damaged, newer or not Escola's.
        BackupFailedError: the restored copy failed its check; the database is unchanged.
        NotEnoughSpaceError, DiskFullError: not enough room; the database is unchanged.
    """
    from escola_gui.storage.file.upgrade import classify_database

    database = resolve_real_path(database)  # through a link, the real file is restored
    backup = Path(backup).absolute()
    now = now or datetime.now()
    refused = restore_refusal(database, backup)
    if refused is not None:
        raise refused

    ensure_private_dir(database.parent)
    current_size = database.stat().st_size if database.exists() else 0
    backup_module.check_free_space(
        database.parent, current_size + backup.stat().st_size + backup_module.MARGIN_BYTES, RESTORING
    )
    aside: Path | None = None
    if database.exists():
        damaged = classify_database(database).damaged
        # A crash's journal (the file's own or not) is never applied: it is kept with the file.
        crashed = journal_module.inspect(database).hot
        if not damaged and not crashed:  # a damaged file is kept exactly as it is
            _settle(database)
        aside = _aside_path(database, now, DAMAGED_SUFFIX if damaged else ASIDE_SUFFIX)
        _keep_aside(database, aside, damaged=damaged or crashed)
        log.info("the current %sfile %s was kept as %s", "(damaged) " if damaged else "", database, aside)

    partial = database.with_name(database.name + ".restaurando")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        source = sqlite3.connect(backup_module.read_only_uri(backup), uri=True)
        target = backup_module.connect_copy_target(partial)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        problems = backup_module.integrity_problems(partial)
        if problems:
            log.error("the restored copy of %s failed integrity_check and was discarded: %s", backup, problems[:5])
            raise BackupFailedError(
                Message(QT_TRANSLATE_NOOP("core", "a cópia restaurada não passou na verificação de integridade"))
            )
        os.chmod(partial, 0o600)
        backup_module._fsync(partial)
        # What was beside the old file belongs to it, never to the restored one.
        for suffix in _SIDE_FILES:
            with contextlib.suppress(FileNotFoundError):
                database.with_name(database.name + suffix).unlink()
        os.replace(partial, database)
        backup_module._fsync(database.parent)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if aside is not None:  # the database is unchanged: its copy aside is not needed
            for path in (aside, *(aside.with_name(aside.name + side) for side in _SIDE_FILES)):
                path.unlink(missing_ok=True)
        if is_disk_full(exc) and not isinstance(exc, DiskFullError):
            log.error("the disk filled up while restoring %s from %s: %s", database, backup, exc)
            raise DiskFullError(database.parent, RESTORING) from exc
        if isinstance(exc, sqlite3.Error):
            raise BackupFailedError(str(exc)) from exc
        raise
    log.info("restored %s from %s (previous file kept as %s)", database, backup, aside)
    return aside


def restore_refusal(database: Path, backup: Path) -> RestoreRefusedError | None:
    """Why :func:`restore` would refuse ``backup`` in place of ``database`` (the same checks:
    missing, the data file itself, not Escola's, newer, unreadable, empty, damaged), or None.

    For the dialogs, to say it before asking anything; :func:`restore` checks again.
    """
    from escola_gui.storage.file.launch_check import DatabaseState
    from escola_gui.storage.file.upgrade import classify_database, refusal_message

    database = resolve_real_path(database)  # as restore() does: through a link, the real file
    backup = Path(backup).absolute()
    if not backup.is_file():
        return RestoreRefusedError(backup, Message(QT_TRANSLATE_NOOP("core", "o arquivo não existe")))
    if backup == database or resolve_real_path(backup) == database:
        return RestoreRefusedError(backup, Message(QT_TRANSLATE_NOOP("core", "é o próprio arquivo de dados")))
    c = classify_database(backup)
    if c.refused:
        reason = str(refusal_message(c)).removesuffix(" O arquivo não foi alterado.").removesuffix(".")
        return RestoreRefusedError(backup, reason)
    if c.hot_journal:  # the copy would be read through its journal: it is the state of a crash
        return RestoreRefusedError(
            backup,
            Message(QT_TRANSLATE_NOOP("core", "há ao lado dela um diário de uma gravação interrompida")),
        )
    if c.state is DatabaseState.NEW:
        return RestoreRefusedError(backup, Message(QT_TRANSLATE_NOOP("core", "a cópia está vazia")))
    try:
        problems = backup_module.integrity_problems(backup)
    except sqlite3.Error as exc:
        problems = [str(exc)]
    if problems:
        return RestoreRefusedError(
            backup,
            message(QT_TRANSLATE_NOOP("core", "a cópia está danificada: {problems}"), problems="; ".join(problems[:3])),
        )
    return None
