"""The launch-time upgrade: classify the user's file, back it up, migrate it in one real
transaction, validate, and only then commit.

The GUI launch and ``main.py db upgrade`` both come here; neither has a path of its own.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from escola_gui import __version__
from escola_gui.core import db
from escola_gui.core.errors import (
    QT_TRANSLATE_NOOP,
    UPGRADING,
    DiskFullError,
    EscolaError,
    Message,
    is_disk_full,
    message,
)
from escola_gui.storage.file import backup as backup_module
from escola_gui.storage.file import journal as journal_module
from escola_gui.storage.file import launch_check
from escola_gui.storage.file.launch_check import (
    CORE_TABLES,
    ESCOLA_APPLICATION_ID,
    LEGACY_SCHEMA,
    NOT_SQLITE,
    TMP_PREFIX,
    Classification,
    DatabaseState,
    _header_problem,
    _read_header,
    has_hot_journal,
)
from escola_gui.storage.migrations import (
    BASELINE_REVISION,
    MigrationFailedError,
    ProgressCallback,
    Step,
    UpgradeFailedError,
    make_config,
    script_directory,
    step_name,
)
from escola_gui.storage.summary import SummaryLine, summarise
from escola_gui.storage.validation import validate_schema

if TYPE_CHECKING:  # Alembic is imported where it is used: an up-to-date launch never needs it
    from alembic.config import Config
    from alembic.script import Script
    from sqlalchemy import Connection

log = logging.getLogger(__name__)


@dataclass
class UpgradeResult:
    classification: Classification
    applied: list[str] = field(default_factory=list)
    backup: Path | None = None
    summary: list[SummaryLine] = field(default_factory=list)
    revision: str = ""
    # A hot journal left by a crash was applied first (the file and journal kept aside).
    recovery: journal_module.Recovery | None = None


class UpgradeRefusedError(EscolaError):
    """The file is newer, foreign or unreadable; it was not touched."""

    def __init__(self, classification: Classification) -> None:
        super().__init__(refusal(classification))
        self.classification = classification


def refusal_message(c: Classification) -> str:
    """Why the file ``c`` is not opened, in Portuguese (see :func:`refusal`)."""
    return refusal(c).format()


def refusal(c: Classification) -> Message:
    """Why the file ``c`` is not opened, translatable (``c.reason`` stays Portuguese)."""
    if c.state is DatabaseState.NEWER:
        if c.written_by:
            needs = message(QT_TRANSLATE_NOOP("core", "o Escola {version} ou mais novo"), version=c.written_by)
        else:
            needs = Message(QT_TRANSLATE_NOOP("core", "uma versão mais nova do Escola"))
        return message(
            QT_TRANSLATE_NOOP(
                "core",
                "O arquivo {path} foi gravado por uma versão mais nova do Escola (revisão {revision}). "
                "Esta é a versão {version}. Para abri-lo, instale {needs}. O arquivo não foi alterado.",
            ),
            path=c.path,
            revision=c.revision,
            version=__version__,
            needs=needs,
        )
    if c.state is DatabaseState.FOREIGN:
        return message(
            QT_TRANSLATE_NOOP(
                "core",
                "O arquivo {path} é um banco de dados SQLite, mas não é do Escola ({reason}). "
                "O arquivo não foi alterado.",
            ),
            path=c.path,
            reason=c.reason,
        )
    if c.journal_not_its_own:
        return message(
            QT_TRANSLATE_NOOP(
                "core",
                "O arquivo {path} não foi aberto, para não misturá-lo com outro: {reason}. O arquivo não foi alterado.",
            ),
            path=c.path,
            reason=c.reason,
        )
    return message(
        QT_TRANSLATE_NOOP(
            "core",
            "O arquivo {path} não pode ser lido como banco de dados do Escola: {reason}. O arquivo não foi alterado.",
        ),
        path=c.path,
        reason=c.reason,
    )


# --------------------------------------------------------------------------- classify


# SQLite's result codes for a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB (with a SQLite header).
DAMAGE_ERROR_CODES = frozenset({11, 26})


def _is_damage(exc: sqlite3.Error) -> bool:
    """SQLite says the file itself is damaged (not locked, missing or unwritable)."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF in DAMAGE_ERROR_CODES


def classify_database(path: Path) -> Classification:
    """Tell what ``path`` is, reading it without writing a byte, whatever lies beside it.

    A hot journal left by a killed process is never rolled back here: when it is the file's
    own (see :mod:`escola_gui.storage.file.journal`), the answer is what the file will be once it is
    applied, with ``hot_journal`` set; the caller applies it under the lock
    (:func:`apply_pending_journal`) before using the file. A journal that is not the file's
    own makes the file UNREADABLE (refused), the file and the journal left as they are.
    """
    from alembic.util import CommandError

    script = script_directory()
    head = script.get_current_head() or ""
    path = Path(path)

    def result(state: DatabaseState, **kw: object) -> Classification:
        return Classification(path=path, state=state, head=head, **kw)  # type: ignore[arg-type]

    if not path.exists() or path.stat().st_size == 0:
        return result(DatabaseState.NEW, revision=None)
    size = path.stat().st_size
    header = _read_header(path)
    problem = _header_problem(header, size)
    if problem:
        return result(DatabaseState.UNREADABLE, revision=None, reason=problem, damaged=problem != NOT_SQLITE)
    header_application_id = struct.unpack(">I", header[68:72])[0]
    uri = backup_module.read_only_uri(path)
    if has_hot_journal(path):
        # Never let SQLite find the journal: it would roll it into the file on this read.
        verdict = journal_module.inspect(path)
        if verdict.hot and header_application_id in (0, ESCOLA_APPLICATION_ID):
            if not verdict.own:
                return result(DatabaseState.UNREADABLE, revision=None, reason=verdict.reason, journal_not_its_own=True)
            try:
                after = journal_module.classify_rolled_back(path, classify_database)
                if after.state is DatabaseState.NEW:  # nothing says whose the journal is
                    return result(
                        DatabaseState.UNREADABLE,
                        revision=None,
                        reason="o arquivo está vazio, com uma gravação interrompida ao lado dele que pode ser de "
                        "outro programa",
                    )
                return after
            except (OSError, sqlite3.Error) as exc:
                log.warning("could not classify a rolled-back copy of %s: %s", path, exc)
                return result(
                    DatabaseState.UNREADABLE,
                    revision=None,
                    reason=f"há uma gravação interrompida que não pôde ser verificada ({exc})",
                )
        # Another program's file (refused below), or a journal SQLite ignores: the file as it is.
        uri = journal_module.immutable_uri(path)
        journal_beside = verdict.hot
    else:
        journal_beside = False

    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        return result(DatabaseState.UNREADABLE, revision=None, reason=str(exc))
    try:
        check = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            return result(
                DatabaseState.UNREADABLE,
                revision=None,
                reason="arquivo danificado: " + "; ".join(check[:3]),
                damaged=True,
            )
        launch_check.note_checked(path)
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")
        }
        leftovers = tuple(sorted(t for t in tables if t.startswith(TMP_PREFIX)))
        tables -= set(leftovers)
        if application_id not in (0, ESCOLA_APPLICATION_ID):
            return result(
                DatabaseState.FOREIGN,
                revision=None,
                reason=f"pertence a outro programa (application_id {application_id})",
            )
        if not tables:
            objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            if objects or user_version:
                return result(DatabaseState.FOREIGN, revision=None, reason="o arquivo tem conteúdo que não é do Escola")
            return result(DatabaseState.NEW, revision=None)

        revisions: list[str] = []
        if "alembic_version" in tables:
            revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        if not revisions:
            restored = tables | {t[len(TMP_PREFIX) :] for t in leftovers}
            if tables - {"alembic_version"} <= set(LEGACY_SCHEMA) and restored >= set(LEGACY_SCHEMA):
                columns_ok = all(
                    {row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')} == LEGACY_SCHEMA[name]
                    for name in LEGACY_SCHEMA
                    if name in tables
                )
                if columns_ok:
                    return result(DatabaseState.LEGACY, revision=None, leftover_tables=leftovers)
            return result(
                DatabaseState.FOREIGN,
                revision=None,
                reason="as tabelas não são as do Escola: " + ", ".join(sorted(tables)[:8]),
            )
        if len(revisions) != 1:
            return result(DatabaseState.FOREIGN, revision=",".join(revisions), reason="várias revisões de esquema")
        revision = revisions[0]
        try:
            known = script.get_revision(revision) is not None
        except CommandError:
            known = False
        if not known:
            if application_id == ESCOLA_APPLICATION_ID or tables >= CORE_TABLES:
                written_by = None
                if "metadados" in tables:
                    row = conn.execute("SELECT valor FROM metadados WHERE chave = 'versao_app'").fetchone()
                    written_by = row[0] if row else None
                return result(DatabaseState.NEWER, revision=revision, written_by=written_by)
            return result(
                DatabaseState.FOREIGN,
                revision=revision,
                reason=f"revisão de esquema desconhecida ({revision})",
            )
        # Revision ids such as "0002" are common: another Alembic app could use them too.
        if not tables >= CORE_TABLES or (revision != BASELINE_REVISION and application_id != ESCOLA_APPLICATION_ID):
            return result(
                DatabaseState.FOREIGN,
                revision=revision,
                reason=f"a revisão {revision} é conhecida, mas as tabelas não são as do Escola",
            )
        state = DatabaseState.CURRENT if revision == head else DatabaseState.BEHIND
        return result(state, revision=revision, leftover_tables=leftovers)
    except sqlite3.DatabaseError as exc:
        # With a hot journal beside it, the file alone may look damaged: it is not known to be.
        damaged = _is_damage(exc) and not journal_beside
        return result(DatabaseState.UNREADABLE, revision=None, reason=str(exc), damaged=damaged)
    finally:
        conn.close()


def apply_pending_journal(path: Path, c: Classification) -> tuple[Classification, journal_module.Recovery | None]:
    """Before any use of ``path``, apply its own hot journal (``c.hot_journal``), the caller
    holding the lock; returns the file's classification afterwards and what was done.

    Raises:
        UpgradeRefusedError: ``c`` is refused (newer, foreign, unreadable, a journal not its
            own): not a byte was written, beside the file either.
        EscolaError: the journal could not be applied (see journal.apply_hot_journal).
    """
    if c.refused:
        raise UpgradeRefusedError(c)
    if not c.hot_journal:
        return c, None
    recovery = journal_module.apply_hot_journal(path)
    after = classify_database(path)
    if after.refused:
        raise UpgradeRefusedError(after)
    return after, recovery


# --------------------------------------------------------------------------- upgrade


def pending_steps(classification: Classification) -> list[Step]:
    """The revisions that an upgrade of this file will run, oldest first."""
    script = script_directory()
    start = classification.revision
    if classification.state is DatabaseState.LEGACY:
        start = BASELINE_REVISION
    revisions: list[Script] = list(script.iterate_revisions(classification.head, start or "base"))
    revisions.reverse()
    if start:
        revisions = [r for r in revisions if r.revision != start]
    total = len(revisions)
    return [Step(i, total, r.revision, step_name(r)) for i, r in enumerate(revisions, start=1)]


def _clean_leftovers(conn: Connection, leftovers: tuple[str, ...]) -> list[SummaryLine]:
    """Deal with ``_alembic_tmp_*`` tables left by a batch rebuild that ran without our
    transaction (an older tool, or an interrupted developer run)."""
    notes = []
    for tmp in leftovers:
        original = tmp[len(TMP_PREFIX) :]
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (original,)
        ).first()
        if exists:
            # The original still stands, so the copy is stale; the backup keeps it anyway.
            conn.exec_driver_sql(f'DROP TABLE "{tmp}"')
            log.warning("dropped leftover table %s (the original %s is intact)", tmp, original)
        else:
            conn.exec_driver_sql(f'ALTER TABLE "{tmp}" RENAME TO "{original}"')
            log.warning("restored table %s from leftover %s", original, tmp)
            notes.append(
                SummaryLine(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "A tabela {tabela}, deixada pela metade por uma atualização interrompida, foi recuperada.",
                    ),
                    values=(("tabela", original),),
                )
            )
    return notes


def upgrade_to_head(
    path: Path,
    progress: ProgressCallback | None = None,
    *,
    script_location: Path | None = None,
    classification: Classification | None = None,
) -> UpgradeResult:
    """Bring ``path`` to the schema of this version, or leave it exactly as it was.

    Callers that share the file with others hold a DatabaseLock around this call.

    Args:
        progress: called before each revision runs (from the calling thread).
        script_location: another copy of the revisions (tests inject failures this way).
        classification: a classification made just before, to avoid a second one.

    Raises:
        UpgradeRefusedError: newer, foreign or unreadable file; not a byte was written.
        UpgradeFailedError: the upgrade was rolled back; the file is as it was.
        NotEnoughSpaceError, BackupFailedError: nothing was changed.
        DiskFullError: the disk filled up; the upgrade was rolled back (or the backup
            before it discarded), the file is as it was.
    """
    from alembic import command

    path = Path(path)
    c = classification or launch_check.quick_classify(path) or classify_database(path)
    c, recovery = apply_pending_journal(path, c)
    if c.state is DatabaseState.CURRENT and not c.leftover_tables:
        return UpgradeResult(c, revision=c.revision or "", recovery=recovery)

    steps = pending_steps(c)
    config = make_config(script_location)
    backup_path: Path | None = None
    check_writable(
        path,
        QT_TRANSLATE_NOOP(
            "core",
            "O arquivo {path} está protegido contra gravação, e esta versão do Escola precisa atualizá-lo. "
            "Libere a gravação do arquivo (ou abra-o com a versão que o criou). O arquivo não foi alterado.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "O arquivo {path} não pode ser gravado ({problem}), e esta versão do Escola precisa atualizá-lo. "
            "Libere a gravação (ou abra-o com a versão que o criou). O arquivo não foi alterado.",
        ),
    )
    index_damage = False
    if path.exists() and path.stat().st_size > 0:
        backup_path, index_damage = back_up_before_migration(path, c)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)

    applied: list[str] = []

    def announce(step: Step) -> None:
        if progress is not None:
            progress(step)
        log.info("applying revision %s (%d/%d)", step.revision, step.number, step.total)

    def applied_one(*, step: object, **_: object) -> None:
        # Alembic calls this after each revision: the next one is announced before it runs.
        applied.append(step.up_revision_id)  # type: ignore[attr-defined]
        if len(applied) < len(steps):
            announce(steps[len(applied)])

    def migrate(conn: Connection, notes: list[SummaryLine]) -> list[SummaryLine]:
        if c.state is DatabaseState.LEGACY:
            command.stamp(config, BASELINE_REVISION)
        if steps:
            # One Alembic command for all the revisions (one per revision cost ~20 ms each in
            # loading env.py and reading alembic_version); progress still comes before each.
            announce(steps[0])
            config.attributes["on_version_apply"] = applied_one
            command.upgrade(config, steps[-1].revision)
            if applied != [step.revision for step in steps]:
                raise UpgradeFailedError(f"Revisões aplicadas fora da ordem esperada: {', '.join(applied)}.")
        conn.exec_driver_sql("INSERT OR REPLACE INTO metadados (chave, valor) VALUES ('versao_app', ?)", (__version__,))
        validate_schema(conn)
        return notes + summarise(conn, applied)

    summary = run_in_one_transaction(
        path,
        config,
        migrate,
        classification=c,
        index_damage=index_damage,
        backup=backup_path,
        failed=UpgradeFailedError,
        what="upgrade",
    )
    os.chmod(path, 0o600)
    head = steps[-1].revision if steps else (c.revision or "")
    log.info("upgrade of %s done: %s -> %s, backup %s", path, c.revision, head, backup_path)
    return UpgradeResult(c, applied=applied, backup=backup_path, summary=summary, revision=head, recovery=recovery)


# --------------------------------------------------------------------------- shared by upgrade and downgrade


def check_writable(path: Path, protected: str, unwritable: str) -> None:
    """Raise EscolaError when ``path`` exists and cannot be written.

    Args:
        protected: the message template (marked for translation) when the file's own mode
            forbids writing; ``{path}`` in it is the file.
        unwritable: the template when ``db.write_problem`` finds another reason (a read-only
            folder or disk); ``{problem}`` in it is that reason (Portuguese), ``{path}`` the file.
    """
    if not path.exists():
        return
    if not os.access(path, os.W_OK):
        raise EscolaError.from_template(protected, path=path)
    problem = db.write_problem(path)
    if problem:
        raise EscolaError.from_template(unwritable, path=path, problem=problem)


def back_up_before_migration(path: Path, c: Classification, doing: tuple[str, str] = UPGRADING) -> tuple[Path, bool]:
    """A verified, pinned backup of ``path`` (named by its revision), after checking that
    the disk has room for it, the rollback journal and the rebuilt tables.

    Returns:
        The backup's path, and whether the file's indexes are damaged (REINDEX mends them).
    """
    size = path.stat().st_size
    backup_module.check_free_space(path.parent, 3 * size + backup_module.MARGIN_BYTES, doing)
    backup_path, problems = backup_module.back_up_verified(path, c.revision or "0.x")
    return backup_path, bool(problems)


T = TypeVar("T")


def run_in_one_transaction(
    path: Path,
    config: Config,
    migrate: Callable[[Connection, list[SummaryLine]], T],
    *,
    classification: Classification,
    index_damage: bool,
    backup: Path | None,
    failed: type[MigrationFailedError],
    what: str,
    doing: tuple[str, str] = UPGRADING,
) -> T:
    """Run ``migrate`` on the upgrade engine (foreign keys off, BEGIN EXCLUSIVE) in one
    transaction, after mending leftovers and damaged indexes; COMMIT only if it returns.

    ``migrate`` gets the connection (also in ``config.attributes["connection"]`` for Alembic)
    and the notes on what was mended, and validates before returning. Whatever it raises
    rolls everything back: a full disk as DiskFullError (``doing`` says what could not be
    done), another EscolaError as it is, a failed check or any other error as ``failed``,
    naming ``backup``.
    """
    engine = db.create_upgrade_engine(path)
    try:
        with engine.connect() as conn:
            conn.begin()  # BEGIN EXCLUSIVE: DDL and data in one transaction
            try:
                notes = _clean_leftovers(conn, classification.leftover_tables)
                if index_damage:  # rebuilt from the rows; the checks before COMMIT see the result
                    conn.exec_driver_sql("REINDEX")
                    log.warning("damaged indexes of %s rebuilt with REINDEX", path)
                    notes.append(
                        SummaryLine(
                            QT_TRANSLATE_NOOP(
                                "core", "Índices danificados do arquivo foram reconstruídos a partir dos dados."
                            )
                        )
                    )
                config.attributes["connection"] = conn
                result = migrate(conn, notes)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
    except MigrationFailedError as exc:
        log.exception("%s of %s failed and was rolled back", what, path)
        raise failed(exc.reason, backup=backup) from exc
    except EscolaError as exc:
        log.exception("%s of %s failed and was rolled back", what, path)
        if isinstance(exc, DiskFullError):
            raise DiskFullError(path.parent, doing) from exc
        raise
    except Exception as exc:
        log.exception("%s of %s failed and was rolled back", what, path)
        if is_disk_full(exc):
            raise DiskFullError(path.parent, doing) from exc
        raise failed(f"Motivo técnico: {exc}", backup=backup) from exc
    finally:
        engine.dispose()
    return result
