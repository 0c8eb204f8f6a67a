"""What a killed run leaves behind, removed at the next launch when it is certainly stale.

A run killed mid-way (kill -9, a power cut) can leave:

- ``backups/<stem>-….sqlite3.parcial`` and its ``-journal``: a backup being copied;
- ``<database>.restaurando`` and its ``-journal``: a backup being restored;
- ``backups/<name>.interrompido-….parcial``: a crash's file or journal being copied aside
  before the journal is applied;
- ``escola-alvo-<pid>-…`` folders in the temp folder: the empty file a downgrade compares with;
- ``escola-diario-<pid>-…`` folders in the temp folder: a private copy of a crashed file and its
  journal, rolled back to classify it (personal data: it must not stay);
- ``.<name>.….parcial`` files beside an export (a spreadsheet being written).

The first two belong to the database, and are only ever written under its lock: the caller holds
the lock, so nobody is writing them. The temp folders carry the pid of the process that made
them, and an export in progress is noted in Escola's state folder with its pid
(:func:`noted_while_written`): they are removed only when that process is gone. Nothing else is
touched; none of these is ever a user's data (each is a half-made copy of something that still
exists, or an empty file).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from escola_gui.core.paths import APP_NAME, backups_dir

log = logging.getLogger(__name__)

ALVO_PREFIX = "escola-alvo-"
DIARIO_PREFIX = "escola-diario-"
_TEMP_FOLDER = re.compile(r"(?:escola-alvo-|escola-diario-)(?P<pid>\d+)-[A-Za-z0-9_]+")
_MARKER = re.compile(r"(?P<pid>\d+)-[0-9a-f]{32}\.txt")
_EXPORT_PARTIAL = re.compile(r"\..+\.parcial")


def alvo_prefix() -> str:
    """The prefix of a downgrade's temp folder: it names this process, so that a later launch
    knows whether the folder's owner is still running."""
    return f"{ALVO_PREFIX}{os.getpid()}-"


def diario_prefix() -> str:
    """The prefix of the temp folder where a crashed file is rolled back to be classified; it
    names this process, like :func:`alvo_prefix`."""
    return f"{DIARIO_PREFIX}{os.getpid()}-"


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` may still be running (True when unsure: nothing is removed then)."""
    if pid <= 0:
        return True
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: someone else's process is running under that pid
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    process_query_limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.GetLastError() != 87  # ERROR_INVALID_PARAMETER: no such process  # type: ignore[attr-defined]
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def _remove(path: Path, removed: list[Path]) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("could not remove the leftover %s: %s", path, exc)
        return
    removed.append(path)


def database_leftovers(database: Path) -> list[Path]:
    """The half-made backups and restores of ``database`` that a killed run left (only ever
    written under its lock)."""
    database = Path(database)
    found: list[Path] = []
    folder = backups_dir(database)
    if folder.is_dir() and not folder.is_symlink():
        patterns = (
            re.compile(re.escape(database.stem) + r"-.+\.sqlite3\.parcial(-journal)?"),
            re.compile(re.escape(database.name) + r"\.interrompido-\d{8}-\d{6}(-\d+)?(-journal)?\.parcial"),
        )
        found += [
            p
            for p in folder.iterdir()
            if any(pattern.fullmatch(p.name) for pattern in patterns) and p.is_file() and not p.is_symlink()
        ]
    for suffix in (".restaurando", ".restaurando-journal"):
        partial = database.with_name(database.name + suffix)
        if partial.is_file() and not partial.is_symlink():
            found.append(partial)
    return sorted(found)


def stale_alvo_folders(temp: Path | None = None) -> list[Path]:
    """``escola-alvo-<pid>-…`` and ``escola-diario-<pid>-…`` folders in the temp folder whose
    process is gone."""
    temp = Path(temp or tempfile.gettempdir())
    found: list[Path] = []
    try:
        entries = list(temp.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _TEMP_FOLDER.fullmatch(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        with contextlib.suppress(OSError):
            if hasattr(os, "getuid") and entry.stat().st_uid != os.getuid():
                continue  # another user's: not ours to judge
            if not pid_alive(int(match["pid"])):
                found.append(entry)
    return sorted(found)


def _notes_dir() -> Path:
    return platformdirs.user_state_path(APP_NAME) / "gravando"


@contextlib.contextmanager
def noted_while_written(partial: Path) -> Iterator[None]:
    """Note ``partial`` (an export being written anywhere) with this process's pid, so that the
    next launch removes it if this process is killed before it is renamed or removed."""
    note: Path | None = None
    try:
        folder = _notes_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        note = folder / f"{os.getpid()}-{os.urandom(16).hex()}.txt"
        fd = os.open(note, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(os.fsencode(Path(partial).absolute()))
    except OSError as exc:  # the export goes on; only its cleanup after a crash is lost
        log.warning("could not note the export in progress: %s", exc)
        note = None
    try:
        yield
    finally:
        if note is not None:
            with contextlib.suppress(OSError):
                note.unlink()


def stale_exports() -> list[tuple[Path, Path | None]]:
    """(note, the half-written export it names) for each export whose process is gone."""
    folder = _notes_dir()
    found: list[tuple[Path, Path | None]] = []
    try:
        notes = list(folder.iterdir())
    except OSError:
        return []
    for note in notes:
        match = _MARKER.fullmatch(note.name)
        if match is None or pid_alive(int(match["pid"])):
            continue
        try:
            partial: Path | None = Path(os.fsdecode(note.read_bytes()))
        except OSError:
            partial = None
        if partial is not None and (
            not _EXPORT_PARTIAL.fullmatch(partial.name) or partial.is_symlink() or not partial.is_file()
        ):
            partial = None  # gone already, or not what an export writes: left alone
        found.append((note, partial))
    return found


def clean_after_crash(database: Path, *, temp: Path | None = None) -> list[Path]:
    """Remove what killed runs left behind (see the module); returns what was removed.

    Call it holding ``database``'s lock. It never raises: a leftover that cannot be removed is
    logged and stays.
    """
    removed: list[Path] = []
    try:
        for path in database_leftovers(database):
            _remove(path, removed)
        for folder in stale_alvo_folders(temp):
            _remove(folder, removed)
        for note, partial in stale_exports():
            if partial is not None:
                _remove(partial, removed)
            _remove(note, [])
    except Exception:  # cleaning up must never keep the file from opening
        log.exception("cleaning up after an earlier crash failed")
    if removed:
        log.info("removed %d leftover(s) of an earlier run that was killed: %s", len(removed), removed)
    return removed
