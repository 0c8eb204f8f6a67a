"""One Escola process per database file.

The lock is an OS advisory lock (flock, or msvcrt on Windows) on ``<database>.lock``. The
kernel drops it when its process dies, however it dies, so a lock file left by a killed
process is simply taken over by the next launch: a crash never locks the user out.

In a folder that cannot be written (a read-only mount, a shared folder without permission)
the lock file cannot be created: the lock then says why in ``read_only_reason`` instead of
refusing, and the app opens the file read-only. An existing lock file is still locked, read-only.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
from pathlib import Path
from types import TracebackType

from escola_gui.core.errors import OPENING, DatabaseInUseError, DiskFullError, LockUnavailableError, is_disk_full
from escola_gui.core.paths import lock_path, resolve_real_path

log = logging.getLogger(__name__)

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class DatabaseLock:
    """Hold the database for this process: ``with DatabaseLock(path): ...``."""

    def __init__(self, database: Path) -> None:
        # Locked by the file's identity: the real path, whatever link it was reached through.
        self.database = resolve_real_path(database)
        self.path = lock_path(self.database)
        self._fd: int | None = None
        self.read_only_reason: str | None = None

    def _read_pid(self, fd: int) -> int | None:
        with contextlib.suppress(OSError, ValueError):
            os.lseek(fd, 0, os.SEEK_SET)
            # The pid is written after a one-byte lock region (see acquire()).
            text = os.read(fd, 64).decode("ascii", "replace").strip(" \n\x00")
            return int(text.split()[0]) if text else None
        return None

    def _open_read_only(self, exc: OSError) -> int | None:
        """The lock file opened for reading, when the folder refuses writing; None when there is
        none to open (nobody can write the folder, so nobody writes the database either)."""
        if is_disk_full(exc):  # no room even for the lock file: nothing was written
            raise DiskFullError(self.path.parent, OPENING) from exc
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS) or not self.database.exists():
            raise LockUnavailableError(self.path, exc.strerror or str(exc)) from exc
        self.read_only_reason = (
            "a pasta do arquivo está montada somente para leitura"
            if exc.errno == errno.EROFS
            else "não há permissão de gravação na pasta do arquivo"
        )
        log.warning("cannot create or write %s (%s): opening the database read-only", self.path, exc)
        try:
            return os.open(self.path, os.O_RDONLY)
        except OSError:
            return None

    def acquire(self) -> None:
        self.read_only_reason = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            fd = self._open_read_only(exc)
            if fd is None:
                return
        assert fd is not None
        if not _try_lock(fd):
            pid = self._read_pid(fd)
            os.close(fd)
            raise DatabaseInUseError(self.database, pid)
        if self.read_only_reason is not None:
            self._fd = fd
            return
        previous = self._read_pid(fd)
        if previous and previous != os.getpid():
            log.warning("took over the lock left by process %s, which no longer holds it", previous)
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f" {os.getpid()}\n".encode("ascii"))
        except OSError as exc:  # a full disk: not even the pid fits
            with contextlib.suppress(OSError):
                _unlock(fd)
            os.close(fd)
            if is_disk_full(exc):
                raise DiskFullError(self.path.parent, OPENING) from exc
            raise LockUnavailableError(self.path, exc.strerror or str(exc)) from exc
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        if self.read_only_reason is None:
            # Left cleanly: the pid goes (the lock byte stays), so that the next launch tells
            # a clean close from a killed run and only the latter is logged as taken over.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 1)
        with contextlib.suppress(OSError):
            _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
