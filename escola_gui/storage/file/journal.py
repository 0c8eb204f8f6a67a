"""A rollback journal left beside the file by a killed process: told apart, and applied safely.

SQLite rolls any "hot" journal (``<file>-journal``) into the file the first time the file is
read by a connection that may write. That is right when the journal is the file's own, and
destroys the file when it is not: a journal left by a crash, after which the secretary copied
last week's backup over the file by hand, or another file's journal. So Escola never lets
SQLite find a journal by chance: classification reads the file with ``immutable=1`` (or a copy
of the pair, see :func:`classify_rolled_back`), and a journal is applied only by
:func:`apply_hot_journal`, under the lock, after both files were copied aside.

The rollback journal (https://www.sqlite.org/fileformat2.html, "The Rollback Journal"): a header
of 8 magic bytes ``d9d505f920a163d7``, the record count, the checksum nonce, the file's page count
before the transaction, the sector size and the page size (big-endian 4-byte integers), padded
to the sector size; then records of a 4-byte page number, the page as it was before the
transaction, and a 4-byte checksum. SQLite journals page 1 whenever a transaction writes, and
page 1 holds the file change counter (header offset 24): the journal's copy holds the counter
from before the crash. The file's counter is the same (the crash came before the file was
written) or one more (SQLite writes the counter + 1 with the first page it writes into the
file). Any other value means the journal is not this file's: it is never applied.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from escola_gui.core.errors import QT_TRANSLATE_NOOP, EscolaError, Message, is_disk_full, message
from escola_gui.core.paths import copy_private

if TYPE_CHECKING:
    from escola_gui.storage.file.launch_check import Classification

log = logging.getLogger(__name__)

MAGIC = bytes.fromhex("d9d505f920a163d7")
HEADER_FORMAT = ">8sIIIII"  # magic, record count, checksum nonce, pages before, sector size, page size
#: What the file and its journal are kept as in ``backups/`` before the journal is applied:
#: ``<name>.interrompido-<YYYYmmdd-HHMMSS>`` and the same name with ``-journal``.
KEPT_INFIX = ".interrompido-"
STAMP_FORMAT = "%Y%m%d-%H%M%S"


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def immutable_uri(path: Path) -> str:
    """A ``file:`` URI that SQLite reads as it is: no locks, no journal rolled back, no byte written."""
    return Path(path).absolute().as_uri() + "?mode=ro&immutable=1"


@dataclass(frozen=True)
class JournalVerdict:
    """What the journal beside a file is."""

    hot: bool  # SQLite would roll it into the file (a non-empty journal with a header)
    own: bool = False  # hot, and the file's own: applying it brings back the last committed state
    reason: str = ""  # why it is not the file's own (Portuguese)


def _checksum(nonce: int, page: bytes) -> int:
    """SQLite's record checksum: the nonce plus every 200th byte of the page, from its end."""
    checksum = nonce
    i = len(page) - 200
    while i > 0:
        checksum = (checksum + page[i]) & 0xFFFFFFFF
        i -= 200
    return checksum


def _page_one(data: bytes, sector: int, page_size: int) -> bytes | None:
    """The journal's copy of page 1 (as it was before the crashed transaction); None without a
    sound page-1 record.

    The journal is read as SQLite plays it back: segments, each a header (padded to the sector
    size) and its records; a segment's record count is written when the journal is synced, so
    the last one may say 0 (its records, not synced, are read while their checksums hold).
    Page 1 is not always the first record, nor in the first segment.
    """
    record = 4 + page_size + 4
    offset = 0
    while offset + 28 <= len(data):
        magic, count, nonce, _pages, _sector, _page_size = struct.unpack(HEADER_FORMAT, data[offset : offset + 28])
        if magic != MAGIC:
            return None
        start = offset + sector
        physical = max(0, (len(data) - start) // record)
        count = physical if count in (0, 0xFFFFFFFF) else min(count, physical)
        for i in range(count):
            at = start + i * record
            pgno = struct.unpack(">I", data[at : at + 4])[0]
            page = data[at + 4 : at + 4 + page_size]
            if _checksum(nonce, page) != struct.unpack(">I", data[at + 4 + page_size : at + record])[0]:
                return None  # the end of what was written
            if pgno == 1:
                return page if page.startswith(b"SQLite format 3\x00") else None
        if count == 0:
            return None
        end = start + count * record
        offset = (end + sector - 1) // sector * sector
    return None


def inspect(path: Path) -> JournalVerdict:
    """Read ``path`` and its journal (never writing) and tell whether the journal is hot and the file's own."""
    journal = journal_path(path)
    try:
        data = journal.read_bytes()
        with path.open("rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        return JournalVerdict(hot=False)
    if not data or data[0] == 0:  # empty, or zeroed (journal_mode=PERSIST): SQLite ignores it
        return JournalVerdict(hot=False)
    if len(data) < 28 or data[:8] != MAGIC:
        return JournalVerdict(hot=True, reason="o diário de transação ao lado dele não tem o formato do SQLite")
    _magic, _records, _nonce, _pages, sector, page_size = struct.unpack(HEADER_FORMAT, data[:28])
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1) or sector < 28 or sector & (sector - 1):
        return JournalVerdict(hot=True, reason="o diário de transação ao lado dele está danificado")
    if len(header) < 100:
        return JournalVerdict(hot=True, reason="o arquivo está truncado e há um diário de transação ao lado dele")
    if len(data) < sector + 4 + page_size + 4:
        # A header and no page: applying it changes nothing in the file (SQLite only deletes it).
        return JournalVerdict(hot=True, own=True)
    journal_page_one = _page_one(data, sector, page_size)
    if journal_page_one is None:
        return JournalVerdict(
            hot=True,
            reason=f"há ao lado dele um diário de transação ({journal.name}) que não se pode confirmar que seja "
            "deste arquivo; guarde os dois como estão e peça ajuda ao suporte",
        )
    journal_counter = struct.unpack(">I", journal_page_one[24:28])[0]
    file_counter = struct.unpack(">I", header[24:28])[0]
    # With the counter unchanged, the crashed transaction never wrote page 1 (SQLite writes page 1
    # only with the counter + 1), so the file's page 1 is still the journal's copy, byte for byte:
    # another file's journal whose counter merely coincides is told apart here.
    first_page_differs = file_counter == journal_counter and _first_page(path, page_size) != journal_page_one
    if first_page_differs or file_counter not in (journal_counter, (journal_counter + 1) & 0xFFFFFFFF):
        log.warning(
            "the journal beside %s is not its own: change counter %d in the journal, %d in the file",
            path,
            journal_counter,
            file_counter,
        )
        return JournalVerdict(
            hot=True,
            reason=f"o diário de transação ao lado dele ({journal.name}) é de outro arquivo, ou de antes de o arquivo "
            "ser trocado por uma cópia; para abrir o arquivo, guarde esse diário em outra pasta",
        )
    return JournalVerdict(hot=True, own=True)


def _first_page(path: Path, page_size: int) -> bytes:
    with path.open("rb") as f:
        return f.read(page_size)


def _copy_private(source: Path, target: Path) -> None:
    """Byte for byte, binary, 0600, synced; under a ``.parcial`` name until whole."""
    partial = target.with_name(target.name + ".parcial")
    partial.unlink(missing_ok=True)
    try:
        copy_private(source, partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)


def classify_rolled_back(path: Path, classify: Callable[[Path], Classification]) -> Classification:
    """What ``path`` will be once its own hot journal is applied, found on a private copy of the
    pair in the temp folder (the copy is rolled back by SQLite and classified); the file and its
    journal are only read."""
    from dataclasses import replace

    from escola_gui.core.leftovers import diario_prefix  # a killed run's copy is removed at the next launch

    folder = Path(tempfile.mkdtemp(prefix=diario_prefix()))
    try:
        copy = folder / path.name
        _copy_private(path, copy)
        _copy_private(journal_path(path), journal_path(copy))
        conn = sqlite3.connect(copy)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
        c = classify(copy)
        return replace(c, path=path, hot_journal=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Recovery:
    """A hot journal was applied: where the file and the journal were kept, as they were."""

    database: Path
    file_copy: Path
    journal_copy: Path

    def message(self) -> str:
        return recovery_message(self).format()


def recovery_message(r: Recovery) -> Message:
    """What happened, for the secretary (translatable :class:`escola_gui.core.errors.Message`)."""
    return message(
        QT_TRANSLATE_NOOP(
            "core",
            "O Escola foi fechado no meio de uma gravação (queda de energia ou programa encerrado à força). "
            "A gravação que ficou pela metade foi desfeita: o arquivo {path} voltou a ser como estava na última "
            "gravação concluída. Antes disso, o arquivo e o diário de transação foram guardados, como estavam, "
            "em {folder} ({file} e {journal}).",
        ),
        path=r.database,
        folder=r.file_copy.parent,
        file=r.file_copy.name,
        journal=r.journal_copy.name,
    )


class JournalRefusedError(EscolaError):
    """A hot journal that is not applied: not the file's own, or nowhere to keep the copies."""


def _kept_paths(database: Path, folder: Path, now: datetime) -> tuple[Path, Path]:
    base = f"{database.name}{KEPT_INFIX}{now:{STAMP_FORMAT}}"
    copy = folder / base
    counter = 2
    while copy.exists() or journal_path(copy).exists():
        copy = folder / f"{base}-{counter}"
        counter += 1
    return copy, journal_path(copy)


def apply_hot_journal(database: Path, *, now: datetime | None = None) -> Recovery:
    """Apply the file's own hot journal, the caller holding the lock (for writing).

    The file and the journal are first copied, byte for byte, to ``backups/`` (see
    :data:`KEPT_INFIX`); then SQLite rolls the journal back; then the file must pass
    ``quick_check``. A kill at any moment leaves the file and journal as SQLite needs them
    (the rollback is SQLite's own, repeatable), and the copies whole or absent.

    Raises:
        JournalRefusedError: the journal is not the file's own; nothing was written.
        EscolaError: the copies could not be made (nothing was written), or the file fails
            its check afterwards (the copies say where the crash state is).
    """
    from escola_gui.core import db
    from escola_gui.core.paths import backups_dir, ensure_private_dir
    from escola_gui.storage.file import backup as backup_module

    database = Path(database)
    verdict = inspect(database)
    if not verdict.hot:
        raise EscolaError(f"Não há diário de transação pendente ao lado de {database}.")
    if not verdict.own:
        raise JournalRefusedError(
            message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "O arquivo {path} não foi aberto, para não misturá-lo com outro: {reason}. "
                    "O arquivo não foi alterado.",
                ),
                path=database,
                reason=verdict.reason,
            )
        )
    journal = journal_path(database)
    problem = db.write_problem(database)
    if problem:
        raise EscolaError.from_template(
            QT_TRANSLATE_NOOP(
                "core",
                "O Escola foi fechado no meio de uma gravação, e o arquivo {path} precisa ser recuperado, "
                "mas não pode ser gravado ({problem}). Libere a gravação e abra de novo. O arquivo não foi alterado.",
            ),
            path=database,
            problem=problem,
        )
    try:
        folder = ensure_private_dir(backups_dir(database), ours=True)
        size = database.stat().st_size + journal.stat().st_size
        backup_module.check_free_space(folder, size + backup_module.MARGIN_BYTES)
        file_copy, journal_copy = _kept_paths(database, folder, now or datetime.now())
        _copy_private(journal, journal_copy)
        _copy_private(database, file_copy)
        backup_module._fsync(folder)
    except OSError as exc:
        with contextlib.suppress(UnboundLocalError, OSError):
            journal_copy.unlink(missing_ok=True)
        log.error("could not keep %s and its journal aside: %s", database, exc)
        template = (
            QT_TRANSLATE_NOOP(
                "core",
                "O Escola foi fechado no meio de uma gravação, e o arquivo {path} precisa ser recuperado. "
                "Não há espaço no disco para guardar antes uma cópia dele. Libere espaço e abra de novo. "
                "O arquivo não foi alterado.",
            )
            if is_disk_full(exc)
            else QT_TRANSLATE_NOOP(
                "core",
                "O Escola foi fechado no meio de uma gravação, e o arquivo {path} precisa ser recuperado, "
                "mas não foi possível guardar antes uma cópia dele ({problem}). O arquivo não foi alterado.",
            )
        )
        raise EscolaError.from_template(template, path=database, problem=exc.strerror or str(exc)) from exc

    log.warning("applying the hot journal of %s (file and journal kept as %s)", database, file_copy)
    try:
        conn = sqlite3.connect(database)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            check = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        check = [str(exc)]
    if journal.exists() and journal.stat().st_size > 0 and journal.read_bytes()[:1] != b"\0":
        check.append("o diário de transação continua ao lado do arquivo")
    if check != ["ok"]:
        log.error("after applying its journal, %s fails its check: %s", database, check[:3])
        raise EscolaError.from_template(
            QT_TRANSLATE_NOOP(
                "core",
                "O Escola foi fechado no meio de uma gravação, e a recuperação do arquivo {path} não deu certo "
                "({problem}). O arquivo e o diário, como estavam, foram guardados em {copy}.",
            ),
            path=database,
            problem="; ".join(check[:3]),
            copy=file_copy,
        )
    return Recovery(database=database, file_copy=file_copy, journal_copy=journal_copy)
