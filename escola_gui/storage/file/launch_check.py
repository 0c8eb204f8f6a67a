"""Is the file already at this version's schema? Answered cheaply, without Alembic or SQLAlchemy.

Every launch (and ``main.py db status``) asks this first. Only when the answer is "not current"
or "cannot tell" does the full :func:`escola_gui.storage.file.upgrade.classify_database` run, with
Alembic loading every revision module. An up-to-date file, the common case, then costs:

- reading the 100-byte SQLite header (a truncated or foreign file never gets further);
- the head revision this version ships, read from the ``revision``/``down_revision`` lines of
  the revision files (:func:`bundled_head`), not by importing them; the same folder that Alembic
  uses, so a checkout, a wheel and a PyInstaller bundle (``escola_gui/_alembic``) all agree, and
  a new revision needs no constant updated by hand;
- a read-only connection that reads ``application_id``, the table names and ``alembic_version``;
- ``PRAGMA quick_check``, unless the file is *known clean* (below).

The answer is CURRENT only when the full classification would say CURRENT with nothing to mend:
one ``alembic_version`` row equal to the head, Escola's ``application_id``, the core tables, no
``_alembic_tmp_*`` leftovers, no hot journal and no WAL file beside it. For anything else the
full path decides, so every other state (new, legacy, behind, newer, foreign, unreadable or
damaged, leftovers) behaves exactly as before.

Known clean. ``quick_check`` reads every page: ~0.5 s for a 130 MB file, seconds for the
670 MB of a 100,000-aluno office, on every launch. A damaged file must still be caught at open
(the damaged-file dialog offers the good backups), so the check is skipped only when it cannot
find anything new: when a GUI session closes cleanly, the launcher records the file's fingerprint
(device, inode, size, mtime and ctime in nanoseconds, the header's change counter) in
``<file>.verificado``, with the time of the last ``quick_check`` that passed. The next launch
skips ``quick_check`` only if the fingerprint is unchanged (nothing, Escola included, has written
the file since Escola closed it: a copy, a restore, a crash after a write, another program or a
sync tool all change it) and that check is less than :data:`RECHECK_AFTER` old, so even damage
that leaves no trace in the fingerprint (a failing disk) is found within a week. Any doubt (no
marker, unreadable marker, a journal or WAL beside the file) means a full check.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import os
import re
import sqlite3
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
ESCOLA_APPLICATION_ID = 1163084623  # b"ESCO", set by revision 0002
TMP_PREFIX = "_alembic_tmp_"

# The tables and columns of the 0.x prototype, as its metadata.create_all made them.
LEGACY_SCHEMA: dict[str, set[str]] = {
    "alunos": {"id", "nome", "email", "telefone", "ativo"},
    "cursos": {"id", "nome", "descricao", "carga_horaria"},
    "matriculas": {"id", "aluno_id", "curso_id", "data_matricula"},
}
CORE_TABLES = set(LEGACY_SCHEMA)

MARKER_SUFFIX = ".verificado"
RECHECK_AFTER = 7 * 24 * 3600  # seconds: a known-clean file is fully checked again after a week


class DatabaseState(enum.StrEnum):
    NEW = "new"
    LEGACY = "legacy"
    BEHIND = "behind"
    CURRENT = "current"
    NEWER = "newer"
    FOREIGN = "foreign"
    UNREADABLE = "unreadable"


REFUSED_STATES = frozenset({DatabaseState.NEWER, DatabaseState.FOREIGN, DatabaseState.UNREADABLE})


@dataclass(frozen=True)
class Classification:
    """What a database file is, as far as this version of Escola can tell."""

    path: Path
    state: DatabaseState
    revision: str | None
    head: str
    reason: str = ""
    written_by: str | None = None  # the app version recorded in a newer file
    leftover_tables: tuple[str, ...] = ()
    # UNREADABLE because the file is damaged or truncated (not because it is not SQLite):
    # the launch offers the good backups instead of only refusing.
    damaged: bool = False
    # The file's own hot journal lies beside it: the state is the file's once it is applied
    # (journal.apply_hot_journal, under the lock), which must come before any use.
    hot_journal: bool = False
    # UNREADABLE because the hot journal beside it is not its own (never applied).
    journal_not_its_own: bool = False
    # CURRENT by its schema, but its pages are not checked yet (``quick_classify(check=False)``
    # of a file without the known-clean marker): nothing may be written to it before a
    # :class:`PageCheck` passes.
    unchecked: bool = False

    @property
    def refused(self) -> bool:
        return self.state in REFUSED_STATES


# --------------------------------------------------------------------------- the header


def has_hot_journal(path: Path) -> bool:
    """A rollback journal left beside the file. (A WAL file needs nothing: a read-only
    connection reads through it, and recovering it here would write into the file.)"""
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def _read_header(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(100)


NOT_SQLITE = "o arquivo não é um banco de dados SQLite"


def _header_problem(header: bytes, size: int) -> str | None:
    if not header.startswith(SQLITE_HEADER):
        return NOT_SQLITE
    if len(header) < 100:
        return "o arquivo está truncado (cabeçalho incompleto)"
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    if page_size < 512 or page_size & (page_size - 1):
        return "o cabeçalho do arquivo está danificado"
    if page_count and change_counter == valid_for and size < page_count * page_size:
        return f"o arquivo está truncado ({size} de {page_count * page_size} bytes)"
    return None


# --------------------------------------------------------------------------- the bundled head

_REVISION_LINE = re.compile(r"^revision\s*(?::[^=]*)?=\s*(['\"])([^'\"]+)\1", re.MULTILINE)
_DOWN_REVISION_LINE = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def parse_head(versions: Path) -> str | None:
    """The single head of the revision files in ``versions``, from their ``revision`` and
    ``down_revision`` lines; None when it cannot be told (no files, a line written some other
    way, several heads): the caller then asks Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        files = sorted(versions.glob("*.py"))
    except OSError:
        return None
    for file in files:
        if file.name.startswith("__"):
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        revision = _REVISION_LINE.search(text)
        down = _DOWN_REVISION_LINE.search(text)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(2))
        value = down.group(1).split("#", 1)[0].strip()
        if value != "None":
            found = _QUOTED.findall(value)
            if not found:
                return None
            parents.update(found)
    heads = revisions - parents
    if len(heads) != 1 or not parents <= revisions:
        return None
    return heads.pop()


@lru_cache(maxsize=1)
def bundled_head() -> str | None:
    """The head revision this version of Escola ships (see :func:`parse_head`)."""
    from escola_gui.storage.migrations import migrations_dir

    try:
        return parse_head(migrations_dir() / "versions")
    except FileNotFoundError:
        return None


# --------------------------------------------------------------------------- known clean

#: When ``quick_check`` last passed on a file, in this process (path -> epoch seconds).
_checked_at: dict[Path, float] = {}


def marker_path(path: Path) -> Path:
    return path.with_name(path.name + MARKER_SUFFIX)


def _fingerprint(path: Path) -> str | None:
    """What changes whenever anything writes the file; None when it cannot be read."""
    try:
        st = path.stat()
        header = _read_header(path)
    except OSError:
        return None
    if len(header) < 100:
        return None
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{header[24:28].hex()}"


def note_checked(path: Path) -> None:
    """``quick_check`` has just passed on ``path``."""
    _checked_at[Path(path).absolute()] = time.time()


def _known_clean_since(path: Path) -> float | None:
    """When the last ``quick_check`` passed, if nothing has written the file since Escola
    closed it cleanly and that was less than RECHECK_AFTER ago; else None."""
    try:
        marker = json.loads(marker_path(path).read_text(encoding="utf-8"))
        fingerprint, checked_at = str(marker["fingerprint"]), float(marker["checked_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if fingerprint != _fingerprint(path) or not 0 <= time.time() - checked_at < RECHECK_AFTER:
        return None
    return checked_at


def record_clean_close(path: Path) -> None:
    """Escola has closed ``path`` cleanly (its engine disposed): remember its fingerprint, so
    the next launch may skip ``quick_check``. Only if a check passed on it in this process;
    otherwise (and on any error) an old marker is removed. Never raises."""
    path = Path(path).absolute()
    marker = marker_path(path)
    checked_at = _checked_at.get(path)
    fingerprint = _fingerprint(path) if checked_at is not None else None
    try:
        if fingerprint is None or has_hot_journal(path):
            marker.unlink(missing_ok=True)
            return
        tmp = marker.with_name(marker.name + ".tmp")
        tmp.write_text(json.dumps({"fingerprint": fingerprint, "checked_at": checked_at}), encoding="utf-8")
        os.replace(tmp, marker)
    except OSError as exc:  # a read-only folder: the next launch just checks the whole file
        log.info("could not record that %s was closed cleanly: %s", path, exc)
        with contextlib.suppress(OSError):
            marker.unlink(missing_ok=True)


# --------------------------------------------------------------------------- the cheap check


def quick_classify(path: Path, *, check: bool = True) -> Classification | None:
    """A CURRENT classification of ``path`` when it is certainly up to date and sound; None
    when the full :func:`escola_gui.storage.file.upgrade.classify_database` must decide.

    ``check=False``: a file without the known-clean marker is not read page by page here; its
    answer is CURRENT with ``unchecked`` set, and the caller runs a :class:`PageCheck` before
    anything may be written (the GUI launch paints the list meanwhile, read-only).

    Reads the file only; never writes a byte (not even a hot journal's rollback: a file with
    one goes the full way).
    """
    given = Path(path)
    path = given.absolute()
    head = bundled_head()
    if not head:
        return None
    try:
        size = path.stat().st_size
        if size == 0 or has_hot_journal(path):
            return None
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
        header = _read_header(path)
    except OSError:
        return None
    if _header_problem(header, size) or struct.unpack(">I", header[68:72])[0] != ESCOLA_APPLICATION_ID:
        return None
    known_clean = _known_clean_since(path)
    unchecked = False
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if known_clean is None and not check:
            unchecked = True
        elif known_clean is None:
            if [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()] != ["ok"]:
                return None
            note_checked(path)
        else:
            _checked_at[path] = known_clean
        if conn.execute("PRAGMA application_id").fetchone()[0] != ESCOLA_APPLICATION_ID:
            return None
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if any(t.startswith(TMP_PREFIX) for t in tables) or not (CORE_TABLES | {"alembic_version"}) <= tables:
            return None
        revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if revisions != [head]:
        return None
    return Classification(path=given, state=DatabaseState.CURRENT, revision=head, head=head, unchecked=unchecked)


class PageCheck:
    """``PRAGMA quick_check`` of ``path`` in a thread, on its own read-only connection.

    For a file :func:`quick_classify` found current but ``unchecked`` (no known-clean marker: a
    copy, a restore, a crash): the GUI launch paints the Alunos list first, read-only, then
    starts this check and accepts no edit until it passes; a failed check leads to the
    damaged-file dialog with the file untouched. SQLite reads the pages without holding
    Python's lock, so the GUI thread goes on meanwhile. (Started before the first paint, the
    check would take the second core from it while the GUI's modules load.)

    ``on_done`` is called once, from the check's thread, when the answer is known. The answer
    counts only for the file as it was when the check began: :meth:`holds` compares the file's
    fingerprint (see :func:`_fingerprint`) then and now.
    """

    def __init__(self, path: Path, on_done: Callable[[], None] | None = None) -> None:
        self.path = Path(path).absolute()
        self._on_done = on_done
        self._fingerprint = _fingerprint(self.path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._cancelled = False
        self._finished = threading.Event()
        self.ok: bool | None = None  # None while running, or when the check could not run
        self.reason = ""
        self._thread = threading.Thread(target=self._run, name="escola-page-check", daemon=True)

    def start(self) -> PageCheck:
        self._thread.start()
        return self

    def set_on_done(self, on_done: Callable[[], None]) -> None:
        """Call ``on_done`` when the check ends (at once, from this thread, if it has ended)."""
        with self._lock:
            self._on_done = on_done
            finished = self._finished.is_set()
        if finished:
            on_done()

    def _run(self) -> None:
        try:
            with self._lock:
                if self._cancelled:
                    return
                self._conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
            try:
                found = [r[0] for r in self._conn.execute("PRAGMA quick_check").fetchall()]
            finally:
                with self._lock:
                    self._conn.close()
                    self._conn = None
            self.ok = found == ["ok"]
            self.reason = "" if self.ok else "; ".join(str(f) for f in found[:3])
            if self.ok:
                note_checked(self.path)
        except sqlite3.Error as exc:  # unreadable, or interrupted by cancel()
            self.ok = False
            self.reason = str(exc)
        except Exception:
            log.exception("the page check of %s failed", self.path)
            self.ok = None
        finally:
            with self._lock:
                self._finished.set()
                on_done = None if self._cancelled else self._on_done
            if self.ok is False and not self._cancelled:
                log.error("quick_check of %s failed: %s", self.path, self.reason)
            if on_done is not None:
                on_done()

    def done(self) -> bool:
        return self._finished.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._finished.wait(timeout)

    def holds(self) -> bool:
        """Nothing has written the file since the check began."""
        return self._fingerprint is not None and _fingerprint(self.path) == self._fingerprint

    def passed(self) -> bool:
        """The check has ended, found every page sound, and the file is as it was checked."""
        return self.done() and self.ok is True and self.holds()

    def cancel(self) -> None:
        """Stop the check (the app is closing): ``on_done`` is no longer called."""
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()


class EarlyCheck:
    """:func:`quick_classify` of ``path``, its pages not read (``check=False``), in a thread
    started before the GUI's modules load.

    The check starts before the launcher holds the file's lock, so its answer counts only if
    nothing has written the file since it began: :meth:`result` compares the file's
    fingerprint (see :func:`_fingerprint`) taken before the check with the one taken when the
    answer is asked for, under the lock. (A file without the known-clean marker is checked page
    by page after the launch's first paint: :class:`PageCheck`.)
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path).absolute()
        self._fingerprint = _fingerprint(self.path)
        self._classification: Classification | None = None
        self._done = False
        self._thread = threading.Thread(target=self._run, args=(Path(path),), name="escola-launch-check", daemon=True)
        self._thread.start()

    def _run(self, given: Path) -> None:
        try:
            self._classification = quick_classify(given, check=False)
            self._done = True
        except Exception:  # the launcher then checks the file itself
            log.exception("the early check of %s failed", given)

    def result(self, path: Path) -> tuple[bool, Classification | None]:
        """Wait for the check; ``(True, answer)`` when its answer holds for ``path`` now (the
        answer is what :func:`quick_classify` with ``check=False`` says, None included),
        ``(False, None)`` when the caller must check the file itself (another file, written
        since, or the check failed)."""
        self._thread.join()
        if not self._done or Path(path).absolute() != self.path:
            return False, None
        if self._fingerprint is None or _fingerprint(self.path) != self._fingerprint:
            return False, None
        return True, self._classification
