"""Consistent, verified, private backups with SQLite's online backup API."""

from __future__ import annotations

import errno
import glob
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from escola_gui.core.errors import (
    BACKING_UP,
    QT_TRANSLATE_NOOP,
    BackupFailedError,
    DiskFullError,
    EscolaError,
    NotEnoughSpaceError,
    is_disk_full,
    message,
)
from escola_gui.core.paths import backups_dir, ensure_private_dir

log = logging.getLogger(__name__)

MARGIN_BYTES = 8 * 1024 * 1024
# Pages copied per step of the online backup. Between steps SQLite releases its read lock on
# the source, so the app can keep saving while a big file is copied (a write by another
# connection makes the backup start over, which SQLite handles by itself).
STEP_PAGES = 2048

# Called with (pages copied, pages in all) after each step of a copy.
CopyProgress = Callable[[int, int], None]


def check_free_space(folder: Path, needed: int, doing: tuple[str, str] = BACKING_UP) -> None:
    """Raise NotEnoughSpaceError, saying how much is needed, when ``folder``'s disk has less
    than ``needed`` bytes free; ``doing`` names the work (see ``errors.DiskFullError``)."""
    free = shutil.disk_usage(folder).free
    if free < needed:
        log.error("not enough free space in %s: %d bytes needed, %d free", folder, needed, free)
        raise NotEnoughSpaceError(folder, needed, free, doing)


def connect_copy_target(path: Path) -> sqlite3.Connection:
    """The connection a copy (backup or restore) is written through; tests wrap it to
    simulate a full disk with ``PRAGMA max_page_count``."""
    return sqlite3.connect(path)


def read_only_uri(path: Path) -> str:
    return path.absolute().as_uri() + "?mode=ro"


def integrity_problems(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of ``path``, read-only: an empty list when all is well."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def only_index_damage(problems: list[str]) -> bool:
    """Whether every problem is an index out of step with its table, which REINDEX mends
    from the table rows without losing anything."""
    return bool(problems) and all(
        "missing from index" in p or "wrong # of entries in index" in p or p.startswith("non-unique entry in index")
        for p in problems
    )


class BackupFolderError(EscolaError):
    """``backups/`` cannot hold a backup: it is a file, a link to nowhere, or cannot be written."""


def backups_folder_problem(folder: Path) -> str | None:
    """Why ``folder`` (``backups/``) cannot be the backups folder because of what stands at its
    name (Portuguese), or None: a file, or a link to a place that does not exist."""
    if folder.is_symlink() and not folder.exists():
        return f"{folder} é um atalho para um lugar que não existe (talvez um pen drive ou disco desconectado)"
    if folder.exists() and not folder.is_dir():
        return f"{folder} é um arquivo, e não a pasta das cópias"
    return None


def _folder_error(folder: Path, exc: OSError) -> EscolaError:
    """The plain message for an OSError met while preparing ``folder`` for a backup."""
    if is_disk_full(exc):
        return DiskFullError(folder, BACKING_UP)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return BackupFolderError(
            message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Não foi possível fazer a cópia de segurança: a pasta {folder} não permite gravação (o disco é "
                    "só de leitura, ou falta permissão). Nada foi alterado.",
                ),
                folder=folder,
            )
        )
    return BackupFailedError(exc.strerror or str(exc))


def prepare_backups_folder(database: Path) -> Path:
    """``backups/`` beside ``database``, created private if needed.

    Raises:
        BackupFolderError: a file or a dangling link stands at its name, or it cannot be written.
        DiskFullError: no room even to create it.
    """
    folder = backups_dir(database)
    problem = backups_folder_problem(folder)
    if problem is not None:
        raise BackupFolderError(
            message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Não foi possível fazer a cópia de segurança: {problem}. Renomeie ou mova esse item para que o "
                    "Escola crie a pasta backups, e tente de novo. Nada foi alterado.",
                ),
                problem=problem,
            )
        )
    try:
        return ensure_private_dir(folder, ours=True)
    except OSError as exc:
        raise _folder_error(folder, exc) from exc


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def back_up(
    database: Path,
    label: str,
    *,
    now: datetime | None = None,
    suffix: str = "",
    progress: CopyProgress | None = None,
) -> Path:
    """Copy ``database`` into ``backups/`` beside it and return the backup's path."""
    return back_up_verified(database, label, now=now, suffix=suffix, progress=progress)[0]


def back_up_verified(
    database: Path,
    label: str,
    *,
    now: datetime | None = None,
    suffix: str = "",
    progress: CopyProgress | None = None,
) -> tuple[Path, list[str]]:
    """Copy ``database`` into ``backups/`` and return its path and its integrity problems.

    The copy is written under a temporary name, checked with ``integrity_check``, made
    mode 0600, synced to disk and only then given its final name, so a backup that
    exists under its final name is always whole.

    Args:
        label: the schema revision the copy holds (``0.x`` for a prototype file).
        suffix: appended to the name before ``.sqlite3`` (``-automatico``, ``-manual``);
            a pre-upgrade backup has none, as it always had.
        progress: told the pages copied after each step (from the calling thread).

    Returns:
        The path, and the index problems it faithfully copied (empty when all is well).

    Raises:
        NotEnoughSpaceError: less free space than the copy needs (checked first).
        DiskFullError: the disk filled up during the copy; nothing is left behind.
        BackupFailedError: the copy failed its integrity check and was discarded.
    """
    folder = prepare_backups_folder(database)
    check_free_space(folder, database.stat().st_size + MARGIN_BYTES)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    final = folder / f"{database.stem}-{label}-{stamp}{suffix}.sqlite3"
    counter = 2
    while final.exists():
        final = folder / f"{database.stem}-{label}-{stamp}-{counter}{suffix}.sqlite3"
        counter += 1
    partial = final.with_name(final.name + ".parcial")
    # The caller holds this database's lock, so its partial copies were left by a crash.
    for stale in folder.glob(f"{glob.escape(database.stem)}-*.parcial"):
        stale.unlink(missing_ok=True)
    # Created 0600 before SQLite writes a byte: children's personal data (LGPD).
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise _folder_error(folder, exc) from exc
    try:
        source = sqlite3.connect(read_only_uri(database), uri=True)
        target = connect_copy_target(partial)
        try:
            if progress is None:
                source.backup(target, pages=STEP_PAGES)
            else:
                source.backup(
                    target, pages=STEP_PAGES, progress=lambda _status, left, total: progress(total - left, total)
                )
        finally:
            target.close()
            source.close()
        problems = integrity_problems(partial)
        if problems and not (only_index_damage(problems) and integrity_problems(database) == problems):
            log.error("the backup of %s failed integrity_check and was discarded: %s", database, problems[:5])
            raise BackupFailedError(
                message(
                    QT_TRANSLATE_NOOP("core", "a cópia não passou na verificação de integridade: {problems}"),
                    problems="; ".join(problems[:3]),
                )
            )
        if problems:
            # A faithful copy of a file whose indexes are damaged: the rows are all there.
            log.warning("the database has damaged indexes, copied as they are: %s", problems[:5])
        os.chmod(partial, 0o600)
        _fsync(partial)
        os.replace(partial, final)
        _fsync(folder)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if is_disk_full(exc) and not isinstance(exc, DiskFullError):
            log.error("the disk filled up while backing up %s into %s: %s", database, folder, exc)
            raise DiskFullError(folder, BACKING_UP) from exc
        if isinstance(exc, sqlite3.Error):
            raise BackupFailedError(str(exc)) from exc
        raise
    log.info("backup written and verified: %s", final)
    return final, problems
