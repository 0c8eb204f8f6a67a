"""A file that cannot be written: how it is detected, and the engine and lock that only read it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from escola_gui.core import db
from escola_gui.core.errors import EscolaError
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.lock import DatabaseLock
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.legacy import make_legacy_file
from tests.helpers.ro_mount import read_only_view


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_writable_file_has_no_write_problem_and_the_probe_leaves_nothing(head_db: Path) -> None:
    before = sorted(p.name for p in head_db.parent.iterdir())
    assert db.write_problem(head_db) is None
    assert sorted(p.name for p in head_db.parent.iterdir()) == before


def test_read_only_engine_reads_and_refuses_every_write(head_db: Path) -> None:
    before = digest(head_db)
    engine = db.create_app_engine(head_db, read_only=True)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alunos")).scalar_one() == 0
            assert conn.execute(text("PRAGMA query_only")).scalar_one() == 1
        with pytest.raises(Exception) as caught, engine.begin() as conn:
            conn.execute(text("INSERT INTO disciplinas (nome) VALUES ('Latim')"))
        assert db.is_read_only_error(caught.value)
    finally:
        engine.dispose()
    assert digest(head_db) == before
    assert not head_db.with_name(head_db.name + "-journal").exists()


def test_other_errors_are_not_taken_for_read_only() -> None:
    assert not db.is_read_only_error(ValueError("readonly"))
    assert not db.is_read_only_error(None)


def test_upgrade_refuses_a_file_that_cannot_be_written_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "escola.sqlite3"
    make_legacy_file(path, alunos=5)
    before = digest(path)
    monkeypatch.setattr(db, "write_problem", lambda _p: "a pasta X não permite gravação")
    with pytest.raises(EscolaError, match="não pode ser gravado \\(a pasta X não permite gravação\\)"):
        upgrade_to_head(path)
    assert digest(path) == before
    assert classify_database(path).state is DatabaseState.LEGACY


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files anyway")
def test_a_file_without_write_permission_is_detected(head_db: Path) -> None:
    head_db.chmod(0o444)
    assert db.write_problem(head_db) == "o arquivo está protegido contra gravação"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_a_folder_without_write_permission_is_detected_and_the_lock_does_not_refuse(head_db: Path) -> None:
    folder = head_db.parent
    folder.chmod(0o555)
    try:
        assert "não permite gravação" in (db.write_problem(head_db) or "")
        lock = DatabaseLock(head_db)
        lock.acquire()
        assert lock.read_only_reason
        lock.release()
    finally:
        folder.chmod(0o755)


def test_a_read_only_mount_is_detected_even_by_root(head_db: Path) -> None:
    folder = head_db.parent
    before = digest(head_db)
    with read_only_view(folder) as view:
        path = view / head_db.name
        problem = db.write_problem(path)
        assert problem == "o disco ou a pasta está montado somente para leitura"
        # No lock file can be created there: the lock says why instead of refusing.
        lock = DatabaseLock(path)
        lock.acquire()
        assert lock.read_only_reason == "a pasta do arquivo está montada somente para leitura"
        lock.release()
        engine = db.create_app_engine(path, read_only=True)
        try:
            with engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM disciplinas")).scalar_one() >= 0
        finally:
            engine.dispose()
    assert digest(head_db) == before
