"""Restore in WAL mode gets a whole checkpoint or changes nothing; a database reached through a
symbolic link is locked, recovered, backed up and restored as the real file (issue 12, section 1)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from escola_gui.core.errors import EscolaError
from escola_gui.storage.file.backups import BackupKind, make_backup
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.lock import DatabaseLock
from escola_gui.storage.file.restore import restore
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.storage.test_hot_journal import add_alunos, crash_writing, digest, main_py, nomes

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")


@pytest.fixture
def school(tmp_path: Path) -> Path:
    folder = tmp_path / "dados"
    folder.mkdir()
    path = folder / "escola.sqlite3"
    upgrade_to_head(path)
    add_alunos(path, ["Antes"])
    return path


# --- restore in WAL mode ------------------------------------------------------------------------------


def _wal_writer(path: Path) -> sqlite3.Connection:
    """A connection in WAL mode that never checkpoints by itself, left open (as a crashed app's WAL)."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    return conn


def test_restore_refuses_when_the_wal_cannot_be_wholly_checkpointed(school: Path) -> None:
    saved = make_backup(school, BackupKind.MANUAL)
    writer = _wal_writer(school)
    reader = sqlite3.connect(school, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM alunos").fetchone()  # a read transaction, held open
        writer.execute("INSERT INTO alunos (nome, ativo, ra) VALUES ('Só no WAL', 1, 'wal1')")
        wal = school.with_name(school.name + "-wal")
        assert wal.stat().st_size > 0

        with pytest.raises(EscolaError) as refused:
            restore(school, saved)

        assert "outro programa" in refused.value.user_message and "Nada foi restaurado" in refused.value.user_message
        assert wal.exists(), "the WAL holds a committed change: it must not be deleted"
        assert not list(school.parent.glob("*.antes-de-restaurar*"))
    finally:
        reader.close()
        writer.close()
    assert nomes(school) == ["Antes", "Só no WAL"], "the committed change must still be in the file"


def test_restore_in_wal_mode_keeps_the_wal_content_aside(school: Path) -> None:
    saved = make_backup(school, BackupKind.MANUAL)
    writer = _wal_writer(school)
    writer.execute("INSERT INTO alunos (nome, ativo, ra) VALUES ('Só no WAL', 1, 'wal1')")
    try:
        aside = restore(school, saved)
    finally:
        writer.close()
    assert aside is not None
    assert nomes(aside) == ["Antes", "Só no WAL"]
    assert nomes(school) == ["Antes"]


# --- a symlinked database -----------------------------------------------------------------------------


@pytest.fixture
def link(school: Path, tmp_path: Path) -> Path:
    link = tmp_path / "atalho.sqlite3"
    link.symlink_to(school)
    return link


def test_a_crash_through_a_link_is_recovered(school: Path, link: Path, tmp_path: Path) -> None:
    crash_writing(link, tmp_path)  # SQLite keeps the journal beside the real file

    status = main_py("db", "status", "--database", str(link))
    done = main_py("db", "upgrade", "--database", str(link))

    assert "state: current" in status.stdout
    assert done.returncode == 0, done.stderr
    assert "meio de uma gravação" in done.stderr
    assert nomes(school) == ["Antes"]
    assert link.is_symlink() and not school.with_name(school.name + "-journal").exists()
    assert (school.parent / "backups").is_dir() and not (tmp_path / "backups").exists()


def test_db_downgrade_through_a_link_is_refused_while_the_real_file_is_open(school: Path, link: Path) -> None:
    before = digest(school)
    with DatabaseLock(school):  # as the GUI holds it, opened by the real path
        done = main_py("db", "downgrade", "1.0", "--yes", "--database", str(link))
    assert done.returncode != 0
    assert "já está aberto" in done.stderr or "em uso" in done.stderr, done.stderr
    assert digest(school) == before
    assert classify_database(school).state is DatabaseState.CURRENT


def test_the_lock_is_the_real_files_whichever_link_it_is_reached_by(school: Path, link: Path) -> None:
    assert DatabaseLock(link).path == DatabaseLock(school).path == school.with_name(school.name + ".lock")


def test_db_restore_through_a_link_restores_the_real_file(school: Path, link: Path) -> None:
    saved = make_backup(school, BackupKind.MANUAL)
    add_alunos(school, ["Depois"])

    done = main_py("db", "restore", str(saved), "--database", str(link))

    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and link.resolve() == school
    assert nomes(school) == ["Antes"]
    aside = school.with_name(school.name + ".antes-de-restaurar")
    assert nomes(aside) == ["Antes", "Depois"]
    with closing(sqlite3.connect(link)) as conn:
        assert [r[0] for r in conn.execute("SELECT nome FROM alunos")] == ["Antes"]
