"""The secretary's own backups: rotation never deletes a manual backup, she deletes one herself
(asked first), saves a verified copy anywhere, and restores from any file she chooses."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from escola_gui.core.errors import DiskFullError
from escola_gui.storage.file import backup as backup_module
from escola_gui.storage.file.backups import (
    BackupKind,
    BackupNotDeletableError,
    CopyNotSavedError,
    SourceDamagedError,
    backup_if_due,
    delete_manual_backup,
    describe_file,
    list_backups,
    make_backup,
    prune,
    save_copy,
)
from tests.helpers.faults import clobber_table_page, snapshot
from tests.helpers.ro_mount import read_only_view

REPO = Path(__file__).resolve().parents[2]


def _run(database: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "db", *args, "--database", str(database)],
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
    )


def _add_aluno(database: Path, nome: str) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute(
            "INSERT INTO alunos (nome, ativo, ra) VALUES (?, 1, (SELECT printf('9%07d', count(*)) FROM alunos))",
            (nome,),
        )
    conn.close()


def test_three_backups_in_one_day_from_the_cli_leave_three(head_db: Path) -> None:
    made = []
    for _ in range(3):
        done = _run(head_db, "backup")
        assert done.returncode == 0, done.stderr
        made.append(Path(done.stdout.strip()))

    listed = _run(head_db, "backups")

    assert listed.returncode == 0, listed.stderr
    assert all(path.exists() for path in made)
    assert sum("-manual.sqlite3" in line for line in listed.stdout.splitlines()) == 3


def test_the_closing_automatic_backup_never_deletes_a_manual_one(head_db: Path) -> None:
    morning = datetime(2026, 3, 10, 9, 0)
    before_import = make_backup(head_db, BackupKind.MANUAL, now=morning)
    _add_aluno(head_db, "Conceição")
    closing_time = morning + timedelta(hours=9)

    automatic = backup_if_due(head_db, now=closing_time)
    deleted = prune(head_db, now=closing_time)

    assert automatic is not None and automatic.exists()
    assert deleted == [] and before_import.exists()


def test_rotation_deletes_old_automatic_backups_and_keeps_every_manual_one(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2024, 1, 1, 8, 0)
    manuals = set()
    for day in range(800):  # over two years: an automatic backup every day, a manual one every 10th
        when = start + timedelta(days=day)
        (folder / f"escola-0010-{when:%Y%m%d-%H%M%S}-automatico.sqlite3").write_bytes(b"")
        if day % 10 == 0:
            manual = folder / f"escola-0010-{when:%Y%m%d}-090000-manual.sqlite3"
            manual.write_bytes(b"")
            manuals.add(manual)
    now = start + timedelta(days=800)

    deleted = prune(database, now=now)

    assert deleted and all(path.name.endswith("-automatico.sqlite3") for path in deleted)
    assert manuals <= {b.path for b in list_backups(database, read_contents=False)}


def test_deleting_a_manual_backup_is_her_choice_and_only_a_manual_one(head_db: Path) -> None:
    manual = make_backup(head_db, BackupKind.MANUAL)
    automatic = make_backup(head_db, BackupKind.AUTOMATIC)
    pinned = make_backup(head_db, BackupKind.PRE_UPGRADE)
    elsewhere = head_db.with_name("outra.sqlite3")
    elsewhere.write_bytes(manual.read_bytes())

    for path in (automatic, pinned, elsewhere):
        with pytest.raises(BackupNotDeletableError, match="só as cópias manuais"):
            delete_manual_backup(head_db, path)
        assert path.exists()

    delete_manual_backup(head_db, manual)

    assert not manual.exists() and automatic.exists() and pinned.exists()


def test_cli_delete_backup_asks_first(head_db: Path) -> None:
    manual = make_backup(head_db, BackupKind.MANUAL)
    automatic = make_backup(head_db, BackupKind.AUTOMATIC)

    no_tty = _run(head_db, "delete-backup", manual.name)
    assert no_tty.returncode == 2 and "--yes" in no_tty.stderr and manual.exists()

    refused = _run(head_db, "delete-backup", str(automatic), "--yes")
    assert refused.returncode != 0 and "só as cópias manuais" in refused.stderr and automatic.exists()
    assert "inesperado" not in refused.stderr and "Traceback" not in refused.stderr

    done = _run(head_db, "delete-backup", manual.name, "--yes")
    assert done.returncode == 0, done.stderr
    assert not manual.exists() and automatic.exists()


def test_save_copy_anywhere_is_verified_and_private(head_db: Path, tmp_path: Path) -> None:
    _add_aluno(head_db, "Conceição")
    pen_drive = tmp_path / "pendrive"
    pen_drive.mkdir()
    target = pen_drive / "escola-copia.sqlite3"

    saved = save_copy(head_db, target)

    assert saved == target
    assert snapshot(target) == snapshot(head_db)
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert sorted(p.name for p in pen_drive.iterdir()) == ["escola-copia.sqlite3"]
    assert backup_module.integrity_problems(target) == []


def test_save_copy_refuses_the_database_itself(head_db: Path) -> None:
    before = head_db.read_bytes()
    for target in (head_db, head_db.with_name(head_db.name + "-journal")):
        with pytest.raises(Exception, match="próprio arquivo de dados"):
            save_copy(head_db, target)
    assert head_db.read_bytes() == before
    assert not head_db.with_name(head_db.name + "-journal").exists()


def test_save_copy_of_a_damaged_file_is_refused(head_db: Path, tmp_path: Path) -> None:
    _add_aluno(head_db, "Conceição")
    clobber_table_page(head_db)
    with pytest.raises(SourceDamagedError):
        save_copy(head_db, tmp_path / "copia.sqlite3")
    assert not (tmp_path / "copia.sqlite3").exists()


def test_save_copy_to_a_read_only_folder_says_so(head_db: Path, tmp_path: Path) -> None:
    pen_drive = tmp_path / "pendrive"
    pen_drive.mkdir()
    with read_only_view(pen_drive) as locked, pytest.raises(CopyNotSavedError, match="só de leitura") as raised:
        save_copy(head_db, locked / "copia.sqlite3")
    assert "Nada foi alterado" in raised.value.user_message
    assert list(pen_drive.iterdir()) == []


def test_save_copy_to_a_missing_folder_says_so(head_db: Path, tmp_path: Path) -> None:
    with pytest.raises(CopyNotSavedError, match="não pôde ser gravada"):
        save_copy(head_db, tmp_path / "sumiu" / "copia.sqlite3")


def test_save_copy_to_a_full_disk_leaves_nothing(
    head_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(50):
        _add_aluno(head_db, f"Aluno {n}")
    real = backup_module.connect_copy_target

    def full(path: Path) -> sqlite3.Connection:
        conn = real(path)
        conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(backup_module, "connect_copy_target", full)
    pen_drive = tmp_path / "pendrive"
    pen_drive.mkdir()

    with pytest.raises(DiskFullError, match="O disco está cheio"):
        save_copy(head_db, pen_drive / "copia.sqlite3")
    assert list(pen_drive.iterdir()) == []


def test_describe_file_reads_a_chosen_file_read_only(head_db: Path, tmp_path: Path) -> None:
    _add_aluno(head_db, "Conceição")
    chosen = tmp_path / "pendrive-copia.sqlite3"
    save_copy(head_db, chosen)
    before = chosen.read_bytes()

    info = describe_file(chosen)

    assert info.alunos == 1 and info.revision and info.path == chosen
    assert chosen.read_bytes() == before
