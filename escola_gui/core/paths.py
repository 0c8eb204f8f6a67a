"""Where Escola keeps its files: the database, its backups and its logs."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import stat
import sys
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "escola"
DB_FILENAME = "escola.sqlite3"
ENV_VAR = "ESCOLA_DB"


def app_dir() -> Path:
    """Where Escola's own files are (``resources/``, the revisions): the checkout's top folder,
    or the unpacked bundle's folder in the frozen build (PyInstaller's ``sys._MEIPASS``)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return app_dir() / "resources"


def default_database_path() -> Path:
    """Return the platform's per-user data folder joined with the database file name."""
    return platformdirs.user_data_path(APP_NAME) / DB_FILENAME


def resolve_real_path(path: str | os.PathLike[str]) -> Path:
    """The file itself, through any symbolic link (or junction) in the way: the lock, the journal
    beside the file, its backups and a restore must all follow the real file, not the link.
    ``os.path.realpath`` also works on Windows; a missing file keeps its (resolved) folder."""
    return Path(os.path.realpath(Path(path).expanduser().absolute()))


def resolve_database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Pick the database: an explicit path, then ``ESCOLA_DB``, then the platform default;
    resolved once, here, to the real file (see :func:`resolve_real_path`)."""
    if explicit:
        return resolve_real_path(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return resolve_real_path(env)
    return resolve_real_path(default_database_path())


def backups_dir(database: Path) -> Path:
    """Backups live in ``backups/`` beside the database."""
    return database.parent / "backups"


def log_dir() -> Path:
    return platformdirs.user_log_path(APP_NAME)


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def ensure_private_dir(path: Path, *, ours: bool = False) -> Path:
    """Create ``path`` readable by the user alone (children's data, LGPD).

    Args:
        ours: the folder belongs to Escola alone (``backups/``, the log folder), so an
            existing one is tightened too. A folder the user chose for the database is
            only made private when Escola creates it.
    """
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if ours or not existed:
        # A folder we may not change: the files inside are still 0600.
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
    return path


def make_private(path: Path) -> None:
    """Set a file to mode 0600 when it exists."""
    if path.exists():
        os.chmod(path, 0o600)


# What SQLite keeps beside a database while it works on it.
SIDE_FILES = ("-journal", "-wal", "-shm")


def _tighten(path: Path) -> None:
    """Take the group's and others' permissions away from ``path`` (a file copied in at 0644 from
    a pen drive), when it has any; the owner's stay as they are."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            os.chmod(path, mode & ~0o077)
    except FileNotFoundError:
        pass
    except OSError as exc:  # not the owner, a read-only mount: the file is opened all the same
        log.info("could not make %s private: %s", path, exc.strerror or exc)


def tighten_database(database: Path) -> None:
    """Children's personal data (LGPD): a database opened for work is readable by the user alone.

    The file, and its ``-journal``, ``-wal`` and ``-shm`` when present, lose every permission
    of the group and of others (0644 becomes 0600); the folder becomes 0700 when it is Escola's
    own data folder (a folder the user chose is hers, and left alone). On Windows ``os.chmod``
    only sets the read-only flag: nothing is done there, the folder's ACL (the user's profile)
    protects the file.
    """
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return
    for path in (database, *(database.with_name(database.name + side) for side in SIDE_FILES)):
        _tighten(path)
    with contextlib.suppress(OSError):
        if database.parent.resolve() == default_database_path().parent.resolve():
            _tighten(database.parent)


def copy_private(source: Path, target: Path) -> None:
    """Copy ``source`` to the new file ``target`` byte for byte: binary (Windows too), created
    0600 (never over an existing file), synced to disk before it returns."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with Path(source).open("rb") as src, os.fdopen(fd, "wb", closefd=False) as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
            dst.flush()
            os.fsync(fd)
    finally:
        os.close(fd)
