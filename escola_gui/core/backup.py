"""Consistent, verified, private backups with SQLite's online backup API."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from escola_gui.core.errors import BackupFailedError, NotEnoughSpaceError
from escola_gui.core.paths import backups_dir, ensure_private_dir

log = logging.getLogger(__name__)

MARGIN_BYTES = 8 * 1024 * 1024


def check_free_space(folder: Path, needed: int) -> None:
    """Raise NotEnoughSpaceError when ``folder``'s disk has less than ``needed`` bytes free."""
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise NotEnoughSpaceError(folder, needed, free)


def read_only_uri(path: Path) -> str:
    return path.absolute().as_uri() + "?mode=ro"


def _integrity_ok(path: Path) -> tuple[bool, str]:
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    text = "; ".join(str(r[0]) for r in rows)
    return text == "ok", text


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def back_up(database: Path, label: str, *, now: datetime | None = None) -> Path:
    """Copy ``database`` into ``backups/`` beside it and return the backup's path.

    The copy is written under a temporary name, checked with ``integrity_check``, made
    mode 0600, synced to disk and only then given its final name, so a backup that
    exists under its final name is always whole.

    Args:
        label: the schema revision the copy holds (``0.x`` for a prototype file).
    """
    folder = ensure_private_dir(backups_dir(database), ours=True)
    check_free_space(folder, database.stat().st_size + MARGIN_BYTES)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    final = folder / f"{database.stem}-{label}-{stamp}.sqlite3"
    counter = 2
    while final.exists():
        final = folder / f"{database.stem}-{label}-{stamp}-{counter}.sqlite3"
        counter += 1
    partial = final.with_name(final.name + ".parcial")
    # The caller holds the database lock, so any partial copy here was left by a crash.
    for stale in folder.glob("*.parcial"):
        stale.unlink(missing_ok=True)
    # Created 0600 before SQLite writes a byte: children's personal data (LGPD).
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        source = sqlite3.connect(read_only_uri(database), uri=True)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        ok, detail = _integrity_ok(partial)
        if not ok:
            raise BackupFailedError(f"a cópia não passou na verificação de integridade: {detail}")
        os.chmod(partial, 0o600)
        _fsync(partial)
        os.replace(partial, final)
        _fsync(folder)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        if "full" in str(exc).lower():
            raise NotEnoughSpaceError(
                folder, database.stat().st_size + MARGIN_BYTES, shutil.disk_usage(folder).free
            ) from exc
        raise BackupFailedError(str(exc)) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("backup written and verified: %s", final)
    return final
