"""The catalog of backups: kinds, listing, automatic backups, retention, restore and check.

Every backup lives in ``backups/`` beside the database and is named
``<stem>-<revision>-<YYYYmmdd-HHMMSS>[-N][-automatico|-manual].sqlite3``. A name without a
kind is a pre-upgrade backup, as every backup made before this module was: those are
pinned, and retention never deletes them. Manual backups are the secretary's: retention never
deletes them either, only :func:`delete_manual_backup` does, when she asks. Retention rotates the
automatic backups alone. The copies themselves are made and verified by
:mod:`escola_gui.storage.file.backup`.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from escola_gui.core import db
from escola_gui.core.errors import (
    BACKING_UP,
    QT_TRANSLATE_NOOP,
    BackupFailedError,
    DiskFullError,
    EscolaError,
    Message,
    is_disk_full,
    message,
)
from escola_gui.core.paths import backups_dir, resolve_real_path
from escola_gui.storage.file import backup as backup_module
from escola_gui.storage.file import launch_check

log = logging.getLogger(__name__)

STAMP_FORMAT = "%Y%m%d-%H%M%S"
LEGACY_LABEL = "0.x"
# Retention of automatic backups (pre-upgrade and manual ones are always kept).
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12


class BackupKind(enum.StrEnum):
    PRE_UPGRADE = "pre-upgrade"
    AUTOMATIC = "automatic"
    MANUAL = "manual"

    @property
    def suffix(self) -> str:
        """What the file name carries before ``.sqlite3``."""
        return {BackupKind.PRE_UPGRADE: "", BackupKind.AUTOMATIC: "-automatico", BackupKind.MANUAL: "-manual"}[self]

    @property
    def description(self) -> str:
        """The kind, in Portuguese, for the secretary."""
        return {
            BackupKind.PRE_UPGRADE: "antes de atualizar",
            BackupKind.AUTOMATIC: "automática",
            BackupKind.MANUAL: "manual",
        }[self]


class SourceDamagedError(EscolaError):
    """The database fails ``quick_check``: no backup is made of it."""

    def __init__(self, database: Path, problems: list[str]) -> None:
        super().__init__(
            message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "O arquivo {database} está danificado ({problems}). Nenhuma cópia de segurança "
                    "foi feita, para que uma cópia danificada nunca passe por boa. O arquivo não foi alterado.",
                ),
                database=database,
                problems="; ".join(problems[:3]),
            )
        )
        self.problems = problems


@dataclass(frozen=True)
class BackupInfo:
    """One backup, as its name and its contents (read-only) tell."""

    path: Path
    created_at: datetime
    kind: BackupKind
    app_version: str | None  # the Escola that last wrote the data ("0.x" for a prototype file)
    revision: str | None  # the schema revision the copy holds ("0.x" for a prototype file)
    alunos: int | None
    size: int

    @property
    def pinned(self) -> bool:
        """A pre-upgrade backup: nothing ever deletes it."""
        return self.kind is BackupKind.PRE_UPGRADE

    @property
    def rotates(self) -> bool:
        """Whether retention may delete it: automatic backups only. A manual backup is the
        secretary's, deleted only when she asks (:func:`delete_manual_backup`)."""
        return self.kind is BackupKind.AUTOMATIC

    @property
    def label(self) -> str:
        """A line in Portuguese: kind, app version, revision and time."""
        version = self.app_version or "versão desconhecida"
        if version[:1].isdigit() and version != LEGACY_LABEL:
            version = f"Escola {version}"
        elif version == LEGACY_LABEL:
            version = "Escola 0.x"
        return (
            f"Cópia {self.kind.description} — {version}, revisão {self.revision or '?'}, "
            f"{self.created_at:%d/%m/%Y %H:%M}"
        )


def _name_pattern(database: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(database.stem)
        + r"-(?P<label>[^-]+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?(?P<kind>-automatico|-manual)?\.sqlite3"
    )


def _kind_from_suffix(suffix: str | None) -> BackupKind:
    return {"-automatico": BackupKind.AUTOMATIC, "-manual": BackupKind.MANUAL}.get(suffix or "", BackupKind.PRE_UPGRADE)


@dataclass(frozen=True)
class _Facts:
    revision: str | None = None
    app_version: str | None = None
    alunos: int | None = None


def _read_facts(path: Path) -> _Facts:
    """Revision, app version and number of alunos, read-only; None for what is not there."""
    try:
        conn = sqlite3.connect(backup_module.read_only_uri(path), uri=True)
    except sqlite3.Error:
        return _Facts()
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = app_version = None
        alunos = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        if "metadados" in tables:
            row = conn.execute("SELECT valor FROM metadados WHERE chave = 'versao_app'").fetchone()
            app_version = row[0] if row else None
        if "alunos" in tables:
            alunos = conn.execute("SELECT count(*) FROM alunos").fetchone()[0]
        if revision is None and "alunos" in tables:  # the 0.x prototype had no revisions
            revision = app_version = LEGACY_LABEL
        return _Facts(revision=revision, app_version=app_version, alunos=alunos)
    except sqlite3.Error as exc:
        log.warning("could not read %s: %s", path, exc)
        return _Facts()
    finally:
        conn.close()


def list_backups(database: Path, *, read_contents: bool = True) -> list[BackupInfo]:
    """The backups of ``database``, newest first.

    Args:
        read_contents: open each backup (read-only) for its revision, app version and
            number of alunos; without it only the name is read (enough for retention).
    """
    folder = backups_dir(database)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(database)
    found: list[BackupInfo] = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        try:
            created_at = datetime.strptime(match["stamp"], STAMP_FORMAT)
        except ValueError:
            created_at = datetime.fromtimestamp(path.stat().st_mtime)
        facts = _read_facts(path) if read_contents else _Facts()
        label = match["label"]
        found.append(
            BackupInfo(
                path=path,
                created_at=created_at,
                kind=_kind_from_suffix(match["kind"]),
                app_version=facts.app_version or (LEGACY_LABEL if label == LEGACY_LABEL else None),
                revision=facts.revision or label,
                alunos=facts.alunos,
                size=path.stat().st_size,
            )
        )
    found.sort(key=lambda b: (b.created_at, b.path.name), reverse=True)
    return found


def quick_check_problems(path: Path) -> list[str]:
    """``PRAGMA quick_check`` of ``path``, read-only: an empty list when all is well."""
    try:
        conn = sqlite3.connect(backup_module.read_only_uri(path), uri=True)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def backups_write_problem(database: Path) -> str | None:
    """Why no backup of ``database`` can be written (Portuguese), or None when one can.

    The backups folder is checked when it exists; otherwise the folder it would be created in.
    """
    folder = backups_dir(database)
    problem = backup_module.backups_folder_problem(folder)
    if problem is not None:
        return problem
    return db.folder_write_problem(folder if folder.is_dir() else folder.parent)


def make_backup(
    database: Path,
    kind: BackupKind = BackupKind.MANUAL,
    *,
    now: datetime | None = None,
    progress: backup_module.CopyProgress | None = None,
) -> Path:
    """A verified backup of ``database`` of the given kind; returns its path.

    ``progress`` is told the pages copied as the copy goes (a big file takes a while).

    Raises:
        EscolaError: there is no data to copy.
        SourceDamagedError: the database fails ``quick_check``; nothing is written.
        BackupFailedError: the copy failed its integrity check and was discarded.
        NotEnoughSpaceError: not enough room for the copy.
    """
    database = Path(database)
    if not database.exists() or database.stat().st_size == 0:
        raise EscolaError.from_template(
            QT_TRANSLATE_NOOP("core", "Não há dados para copiar: {database} não existe ou está vazio."),
            database=database,
        )
    problems = quick_check_problems(database)
    if problems:
        log.error("no backup of %s: quick_check failed: %s", database, problems[:5])
        raise SourceDamagedError(database, problems)
    label = _read_facts(database).revision or LEGACY_LABEL
    path = backup_module.back_up(database, label, now=now, suffix=kind.suffix, progress=progress)
    log.info("%s backup of %s: %s", kind.value, database, path)
    return path


def backup_due(database: Path, now: datetime | None = None) -> bool:
    """Whether the day's automatic backup is still to be made (the file has data and no
    automatic backup is dated today). Reads only the names in ``backups/``."""
    now = now or datetime.now()
    database = Path(database)
    if not database.exists() or database.stat().st_size == 0:
        return False
    today = now.date()
    return not any(
        b.kind is BackupKind.AUTOMATIC and b.created_at.date() == today
        for b in list_backups(database, read_contents=False)
    )


def backup_if_due(
    database: Path, now: datetime | None = None, *, progress: backup_module.CopyProgress | None = None
) -> Path | None:
    """Make the day's automatic backup unless one exists already; returns it, or None."""
    now = now or datetime.now()
    if not backup_due(database, now):
        return None
    return make_backup(Path(database), BackupKind.AUTOMATIC, now=now, progress=progress)


def _newest_per_bucket(backups: list[BackupInfo], key: Callable[[date], Hashable], count: int) -> set[Path]:
    """The newest backup of each of the ``count`` newest buckets (``backups`` newest first)."""
    kept: set[Path] = set()
    seen: set[Hashable] = set()
    for b in backups:
        bucket = key(b.created_at.date())
        if bucket in seen:
            continue
        if len(seen) == count:
            break
        seen.add(bucket)
        kept.add(b.path)
    return kept


def retained(backups: list[BackupInfo], now: datetime | None = None) -> set[Path]:
    """The backups that retention keeps: every pre-upgrade and every manual one, any dated
    after ``now``, and of the automatic ones the newest of each of the 7 newest days, 4 newest
    ISO weeks and 12 newest months that have an automatic backup (each rule counted on its own)."""
    now = now or datetime.now()
    keep = {b.path for b in backups if not b.rotates or b.created_at > now}
    rotating = sorted(
        (b for b in backups if b.rotates and b.created_at <= now), key=lambda b: b.created_at, reverse=True
    )
    keep |= _newest_per_bucket(rotating, lambda d: d, KEEP_DAILY)
    keep |= _newest_per_bucket(rotating, lambda d: d.isocalendar()[:2], KEEP_WEEKLY)
    keep |= _newest_per_bucket(rotating, lambda d: (d.year, d.month), KEEP_MONTHLY)
    return keep


def prune(database: Path, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups that retention does not keep; returns them.
    Pre-upgrade and manual backups are never deleted here."""
    backups = list_backups(Path(database), read_contents=False)
    keep = retained(backups, now)
    deleted: list[Path] = []
    for b in backups:
        if b.path in keep or not b.rotates:
            continue
        try:
            b.path.unlink()
        except OSError as exc:
            log.warning("could not delete old backup %s: %s", b.path, exc)
            continue
        deleted.append(b.path)
    if deleted:
        log.info("retention deleted %d old automatic backup(s) of %s", len(deleted), database)
    return deleted


# --------------------------------------------------------------------------- restore


# --------------------------------------------------------------------------- check


@dataclass
class CheckReport:
    """``integrity_check`` and ``foreign_key_check`` of a file, in Portuguese."""

    database: Path
    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.integrity and not self.foreign_keys

    @property
    def problems(self) -> list[str]:
        return self.integrity + self.foreign_keys


def check_report(database: Path) -> CheckReport:
    """Check ``database`` read-only: page and index integrity, and rows whose related row
    is missing (foreign keys)."""
    database = Path(database)
    report = CheckReport(database)
    if not database.exists():
        report.integrity.append(f"o arquivo {database} não existe")
        return report
    if launch_check.has_hot_journal(database):
        # Reading it would need the journal rolled back, a write: that is the launch's job,
        # under the lock and after copies of both files.
        report.integrity.append(
            "há ao lado do arquivo uma gravação interrompida; abra o Escola (ou use db upgrade) para que ela "
            "seja desfeita com cópias de segurança, e depois verifique de novo"
        )
        return report
    try:
        conn = sqlite3.connect(backup_module.read_only_uri(database), uri=True)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                report.integrity.extend(rows)
            for table, rowid, parent, _fkid in conn.execute("PRAGMA foreign_key_check").fetchall():
                report.foreign_keys.append(
                    f"{table}, registro {rowid}: aponta para um registro de {parent} que não existe"
                )
        finally:
            conn.close()
    except sqlite3.Error as exc:
        report.integrity.append(f"o arquivo não pôde ser lido: {exc}")
    return report


# --------------------------------------------------------------------------- the secretary's own copies


class BackupNotDeletableError(EscolaError):
    """Only a manual backup of this file, in its ``backups/``, can be deleted by hand."""


def delete_manual_backup(database: Path, backup: Path) -> None:
    """Delete the manual backup ``backup`` of ``database``: the secretary asked for it (and
    confirmed). Automatic backups are left to retention, pre-upgrade ones are never deleted.

    Raises:
        BackupNotDeletableError: ``backup`` is not one of this file's manual backups.
    """
    backup = Path(backup).absolute()
    found = {b.path.absolute(): b for b in list_backups(Path(database).absolute(), read_contents=False)}
    info = found.get(backup)
    if info is None or info.kind is not BackupKind.MANUAL:
        raise BackupNotDeletableError(
            message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{backup} não foi apagado: só as cópias manuais deste arquivo, na pasta backups, podem ser "
                    "apagadas. As automáticas são apagadas pela rotação; as feitas antes de uma atualização "
                    "nunca são apagadas.",
                ),
                backup=backup,
            )
        )
    try:
        backup.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise BackupNotDeletableError(
            message(
                QT_TRANSLATE_NOOP("core", "{backup} não pôde ser apagado: {reason}."),
                backup=backup,
                reason=exc.strerror or exc,
            )
        ) from exc
    log.info("the manual backup %s was deleted at the user's request", backup)


_CANNOT_WRITE_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


class CopyNotSavedError(EscolaError):
    """The copy could not be written where the secretary chose; nothing was left there."""

    def __init__(self, target: Path, exc: OSError | None = None) -> None:
        if exc is not None and exc.errno in _CANNOT_WRITE_ERRNOS:
            text = message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "A cópia não pôde ser gravada em {folder}: o Escola não tem permissão para gravar nessa pasta, "
                    "ou o disco é só de leitura (um pen drive travado contra gravação, por exemplo). Escolha outra "
                    "pasta. Nada foi alterado.",
                ),
                folder=target.parent,
            )
        else:
            text = message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "A cópia não pôde ser gravada em {target}: {reason}. Escolha outro lugar. Nada foi alterado.",
                ),
                target=target,
                reason=(exc.strerror or exc) if exc is not None else "",
            )
        super().__init__(text)


def default_copy_name(database: Path, now: datetime | None = None) -> str:
    """The file name offered when saving a copy elsewhere: ``escola-copia-20261207-0930.sqlite3``."""
    return f"{Path(database).stem}-copia-{(now or datetime.now()):%Y%m%d-%H%M}.sqlite3"


def _is_the_data_file_or_beside_it(database: Path, target: Path) -> bool:
    """Whether ``target`` is the data file, or one of the files SQLite and Escola keep beside it
    (``-journal``, ``-wal``, ``.lock``...), reached by any path: through a link to the file or to its
    folder too, where replacing it would swap the open file for a new one."""
    real_database = resolve_real_path(database)
    real_folder = resolve_real_path(target.parent)
    if resolve_real_path(target) == real_database:
        return True
    with contextlib.suppress(OSError):
        if target.exists() and os.path.samefile(target, real_database):
            return True
    same_folder = real_folder == real_database.parent
    if not same_folder:
        with contextlib.suppress(OSError):
            same_folder = os.path.samefile(real_folder, real_database.parent)
    return same_folder and target.name.casefold().startswith(real_database.name.casefold())


def save_copy(database: Path, target: Path, *, progress: backup_module.CopyProgress | None = None) -> Path:
    """A verified copy of ``database`` at ``target``, anywhere the secretary chooses (a pen drive).

    Made as a backup is: SQLite's online backup API (never a raw copy of the live file), into
    ``<target>.parcial`` created 0600, checked with ``integrity_check``, synced and only then
    renamed to ``target`` (replacing a file there, which the save dialog asked about).

    Raises:
        SourceDamagedError: the database fails ``quick_check``; nothing is written.
        NotEnoughSpaceError, DiskFullError: not enough room there; nothing is left there.
        CopyNotSavedError: the folder cannot be written (read-only, no permission, missing).
        BackupFailedError: the copy failed its check and was removed.
    """
    database = Path(database).absolute()
    target = Path(target).absolute()
    if _is_the_data_file_or_beside_it(database, target):
        raise EscolaError.from_template(
            QT_TRANSLATE_NOOP(
                "core",
                "Escolha outro nome ou outra pasta para a cópia: {target} é o próprio arquivo de dados ou um "
                "arquivo que o Escola usa ao lado dele. Nada foi alterado.",
            ),
            target=target,
        )
    problems = quick_check_problems(database)
    if problems:
        log.error("no copy of %s: quick_check failed: %s", database, problems[:5])
        raise SourceDamagedError(database, problems)
    folder = target.parent
    if not folder.is_dir():
        raise CopyNotSavedError(target, FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))
    partial = target.with_name(target.name + ".parcial")
    leftovers = (partial, partial.with_name(partial.name + "-journal"))
    try:
        backup_module.check_free_space(folder, database.stat().st_size + backup_module.MARGIN_BYTES)
        for path in leftovers:
            path.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600))
    except DiskFullError:
        raise
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFullError(folder, BACKING_UP) from exc
        log.warning("cannot write a copy into %s: %s", folder, exc)
        raise CopyNotSavedError(target, exc) from exc
    try:
        source = sqlite3.connect(backup_module.read_only_uri(database), uri=True)
        copy = backup_module.connect_copy_target(partial)
        try:
            if progress is None:
                source.backup(copy, pages=backup_module.STEP_PAGES)
            else:
                source.backup(
                    copy,
                    pages=backup_module.STEP_PAGES,
                    progress=lambda _status, left, total: progress(total - left, total),
                )
        finally:
            copy.close()
            source.close()
        problems = backup_module.integrity_problems(partial)
        if problems:
            log.error("the copy of %s at %s failed integrity_check and was removed: %s", database, target, problems[:5])
            raise BackupFailedError(
                Message(QT_TRANSLATE_NOOP("core", "a cópia não passou na verificação de integridade"))
            )
        with contextlib.suppress(OSError):  # a pen drive's FAT has no modes
            os.chmod(partial, 0o600)
        backup_module._fsync(partial)
        os.replace(partial, target)
        with contextlib.suppress(OSError):  # a folder cannot be opened for fsync on Windows
            backup_module._fsync(folder)
    except BaseException as exc:
        for path in leftovers:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        if is_disk_full(exc) and not isinstance(exc, DiskFullError):
            log.error("the disk filled up while copying %s to %s: %s", database, target, exc)
            raise DiskFullError(folder, BACKING_UP) from exc
        if isinstance(exc, OSError) and not isinstance(exc, DiskFullError):
            raise CopyNotSavedError(target, exc) from exc
        if isinstance(exc, sqlite3.Error):
            log.error("copying %s to %s failed: %s", database, target, exc)
            raise CopyNotSavedError(target, OSError(0, str(exc))) from exc
        raise
    log.info("a verified copy of %s was saved at %s", database, target)
    return target


def describe_file(path: Path) -> BackupInfo:
    """A file the secretary chose to restore (outside ``backups/`` too), read-only, as a BackupInfo:
    its kind and time from its name when it is named like a backup, else from its modification time."""
    path = Path(path).absolute()
    stat = path.stat()
    kind = BackupKind.MANUAL
    created_at = datetime.fromtimestamp(stat.st_mtime)
    match = re.fullmatch(r".*-(?P<stamp>\d{8}-\d{6})(?:-\d+)?(?P<kind>-automatico|-manual)?\.sqlite3", path.name)
    if match is not None:
        kind = _kind_from_suffix(match["kind"])
        with contextlib.suppress(ValueError):
            created_at = datetime.strptime(match["stamp"], STAMP_FORMAT)
    facts = _read_facts(path)
    return BackupInfo(
        path=path,
        created_at=created_at,
        kind=kind,
        app_version=facts.app_version,
        revision=facts.revision,
        alunos=facts.alunos,
        size=stat.st_size,
    )
