"""The catalog of backups: kinds, the daily automatic backup, retention, restore and check."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from escola_gui.core.errors import BackupFailedError
from escola_gui.storage.file import backup as backup_module
from escola_gui.storage.file.backups import (
    BackupKind,
    SourceDamagedError,
    backup_if_due,
    check_report,
    list_backups,
    make_backup,
    prune,
)
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.restore import RestoreRefusedError, restore
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.legacy import assert_every_value_kept, make_legacy_file
from tests.helpers.revisions import HEAD

REPO = Path(__file__).resolve().parents[2]


def _add_aluno(database: Path, nome: str) -> None:
    conn = sqlite3.connect(database)
    conn.execute(
        "INSERT INTO alunos (nome, ativo, ra) VALUES (?, 1, (SELECT printf('9%07d', count(*)) FROM alunos))", (nome,)
    )
    conn.commit()
    conn.close()


def _nomes(database: Path) -> list[str]:
    conn = sqlite3.connect(database)
    try:
        return [row[0] for row in conn.execute("SELECT nome FROM alunos ORDER BY id")]
    finally:
        conn.close()


def _run(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "db", *args, "--database", str(database)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_listing_tells_pinned_automatic_and_manual_apart(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    make_legacy_file(database, alunos=20)
    pre_upgrade = upgrade_to_head(database).backup  # named as it always was: escola-0.x-<time>
    assert pre_upgrade is not None and pre_upgrade.name.startswith("escola-0.x-")
    _add_aluno(database, "Conceição")
    automatic = make_backup(database, BackupKind.AUTOMATIC, now=datetime(2026, 1, 2, 8, 0))
    manual = make_backup(database, BackupKind.MANUAL, now=datetime(2026, 1, 3, 9, 30))
    folder = database.parent / "backups"
    # A pre-upgrade backup made by an earlier release, from a file without any of our tables.
    older = folder / "escola-0007-20251201-101010.sqlite3"
    older.write_bytes(b"")
    # Not backups of this database: another database's, and a stray file.
    shutil.copy(manual, folder / "escola-teste-0010-20260103-093000-manual.sqlite3")
    (folder / "notas.txt").write_text("x")

    found = {b.path: b for b in list_backups(database)}

    assert set(found) == {pre_upgrade, automatic, manual, older}
    assert automatic.name == "escola-" + HEAD + "-20260102-080000-automatico.sqlite3"
    assert manual.name == "escola-" + HEAD + "-20260103-093000-manual.sqlite3"
    legacy = found[pre_upgrade]
    assert (legacy.kind, legacy.pinned, legacy.revision, legacy.app_version, legacy.alunos) == (
        BackupKind.PRE_UPGRADE,
        True,
        "0.x",
        "0.x",
        20,
    )
    assert "antes de atualizar" in legacy.label and "0.x" in legacy.label
    assert (found[older].kind, found[older].revision, found[older].alunos) == (BackupKind.PRE_UPGRADE, "0007", None)
    assert found[older].created_at == datetime(2025, 12, 1, 10, 10, 10)
    auto = found[automatic]
    assert (auto.kind, auto.pinned, auto.revision, auto.alunos) == (BackupKind.AUTOMATIC, False, HEAD, 21)
    assert auto.app_version and auto.app_version != "0.x"
    assert auto.created_at == datetime(2026, 1, 2, 8, 0)
    assert auto.size == automatic.stat().st_size
    assert found[manual].kind is BackupKind.MANUAL
    assert f"revisão {HEAD}" in found[manual].label and "03/01/2026 09:30" in found[manual].label
    assert [b.path for b in list_backups(database)] == [pre_upgrade, manual, automatic, older]  # newest first


def test_at_most_one_automatic_backup_a_day(head_db: Path) -> None:
    morning = datetime(2026, 3, 10, 8, 0)
    first = backup_if_due(head_db, now=morning)
    assert first is not None and first.exists()
    assert backup_if_due(head_db, now=morning + timedelta(hours=10)) is None
    make_backup(head_db, BackupKind.MANUAL, now=morning + timedelta(hours=11))  # does not count
    assert backup_if_due(head_db, now=morning + timedelta(hours=12)) is None
    second = backup_if_due(head_db, now=morning + timedelta(days=1))
    assert second is not None and second != first
    kinds = [b.kind for b in list_backups(head_db, read_contents=False)]
    assert kinds.count(BackupKind.AUTOMATIC) == 2 and kinds.count(BackupKind.MANUAL) == 1


def test_no_automatic_backup_of_a_missing_file(tmp_path: Path) -> None:
    assert backup_if_due(tmp_path / "escola.sqlite3") is None
    assert not (tmp_path / "backups").exists()


def test_retention_keeps_7_daily_4_weekly_12_monthly_and_every_pinned(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    folder = tmp_path / "backups"
    folder.mkdir()
    day = date(2025, 9, 1)
    last = date(2026, 11, 24)  # a Tuesday
    while day <= last:  # one automatic backup a day for 14 months
        (folder / f"escola-0010-{day:%Y%m%d}-080000-automatico.sqlite3").write_bytes(b"")
        day += timedelta(days=1)
    (folder / "escola-0010-20261124-120000-manual.sqlite3").write_bytes(b"")  # the newest of its day
    pinned = {
        folder / "escola-0.x-20250801-090000.sqlite3",  # older than anything retention keeps
        folder / "escola-0007-20251010-090000-2.sqlite3",
    }
    for path in pinned:
        path.write_bytes(b"")
    now = datetime(2026, 11, 24, 18, 0)

    deleted = prune(database, now=now)

    kept = {b.path for b in list_backups(database, read_contents=False)}
    assert pinned <= kept
    assert not set(deleted) & kept
    daily = [date(2026, 11, d) for d in range(18, 25)]  # the manual backup does not count: it is kept apart
    weekly = [date(2026, 11, 22), date(2026, 11, 15), date(2026, 11, 8)]  # Sundays; this week is the 24th
    monthly = [date(2025, 12, 31)] + [(date(2026, m + 1, 1) - timedelta(days=1)) for m in range(1, 11)]
    expected = {folder / f"escola-0010-{d:%Y%m%d}-080000-automatico.sqlite3" for d in {*daily, *weekly, *monthly}}
    expected |= {folder / "escola-0010-20261124-120000-manual.sqlite3"} | pinned
    assert kept == expected
    assert len(kept) == 2 + 1 + 7 + 2 + 11  # pinned, manual, 7 days, 2 more weeks, 11 more months
    assert prune(database, now=now) == []


def test_a_damaged_file_is_never_backed_up(head_db: Path) -> None:
    _add_aluno(head_db, "Conceição")
    data = bytearray(head_db.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(2, len(data) // page_size):  # every page but the first: garbage
        data[page * page_size : page * page_size + 64] = b"\xff" * 64
    head_db.write_bytes(bytes(data))

    with pytest.raises(SourceDamagedError) as damaged:
        make_backup(head_db, BackupKind.MANUAL)
    assert "danificado" in damaged.value.user_message
    with pytest.raises(SourceDamagedError):
        backup_if_due(head_db, now=datetime(2026, 1, 1))
    assert not list((head_db.parent / "backups").glob("*.sqlite3"))


def test_a_backup_that_fails_its_check_is_discarded_and_logged(
    head_db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = backup_module.integrity_problems

    def damaged_copy(path: Path) -> list[str]:
        if path.name.endswith(".parcial"):
            return ["*** in database main ***\nPage 4: btreeInitPage() returns error code 11"]
        return real(path)

    monkeypatch.setattr(backup_module, "integrity_problems", damaged_copy)
    with caplog.at_level(logging.ERROR), pytest.raises(BackupFailedError):
        make_backup(head_db, BackupKind.AUTOMATIC)
    folder = head_db.parent / "backups"
    assert not list(folder.iterdir())  # neither the copy nor its partial file
    assert "discarded" in caplog.text
    assert list_backups(head_db) == []


def test_restore_keeps_the_current_file_aside_and_puts_the_backup_in_place(head_db: Path) -> None:
    _add_aluno(head_db, "Antes")
    saved = make_backup(head_db, BackupKind.MANUAL)
    _add_aluno(head_db, "Depois")
    current = head_db.read_bytes()

    aside = restore(head_db, saved)

    assert aside == head_db.with_name("escola.sqlite3.antes-de-restaurar")
    assert aside.read_bytes() == current
    assert aside.stat().st_mode & 0o777 == 0o600
    assert head_db.stat().st_mode & 0o777 == 0o600
    assert _nomes(head_db) == ["Antes"]
    assert _nomes(aside) == ["Antes", "Depois"]
    assert classify_database(head_db).state is DatabaseState.CURRENT
    assert not list(head_db.parent.glob("*.restaurando"))

    # A second restore keeps the first aside file and names the new one with the time.
    again = restore(head_db, saved, now=datetime(2026, 5, 6, 7, 8, 9))
    assert again == head_db.with_name("escola.sqlite3.antes-de-restaurar-20260506-070809")
    assert aside.read_bytes() == current
    assert _nomes(again) == ["Antes"]


def test_restore_refuses_a_foreign_or_damaged_backup(head_db: Path, tmp_path: Path) -> None:
    before = head_db.read_bytes()
    foreign = tmp_path / "receitas.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE receitas (id INTEGER PRIMARY KEY)")
    conn.close()
    garbage = tmp_path / "lixo.sqlite3"
    garbage.write_bytes(b"isto nao e um banco")
    for bad in (foreign, garbage, tmp_path / "nao-existe.sqlite3"):
        with pytest.raises(RestoreRefusedError) as refused:
            restore(head_db, bad)
        assert "não foi alterado" in refused.value.user_message
    assert head_db.read_bytes() == before
    assert not head_db.with_name("escola.sqlite3.antes-de-restaurar").exists()


def test_cli_restores_an_older_backup_and_upgrades_it(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    data = make_legacy_file(database, alunos=30)
    assert _run(database, "upgrade").returncode == 0
    pinned = list_backups(database)[0]
    assert pinned.kind is BackupKind.PRE_UPGRADE and pinned.revision == "0.x"
    _add_aluno(database, "Cadastrada depois")
    current = database.read_bytes()

    done = _run(database, "restore", pinned.path.name)  # a name in backups/ is enough

    assert done.returncode == 0, done.stderr
    assert f"atualizada para a revisão {HEAD}" in done.stdout
    aside = database.with_name("escola.sqlite3.antes-de-restaurar")
    assert str(aside) in done.stdout
    assert aside.read_bytes() == current
    assert classify_database(database).state is DatabaseState.CURRENT
    assert_every_value_kept(data, database)
    assert "Cadastrada depois" not in _nomes(database)
    # The restored 0.x copy got its own pre-upgrade backup, and the first one is still there.
    pinned_now = [b for b in list_backups(database) if b.pinned]
    assert len(pinned_now) == 2 and pinned.path.exists()


def test_cli_lists_backups_and_db_backup_is_manual(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    make_legacy_file(database, alunos=12)
    assert _run(database, "upgrade").returncode == 0
    made = _run(database, "backup")
    assert made.returncode == 0, made.stderr
    assert Path(made.stdout.strip()).name.endswith("-manual.sqlite3")

    listed = _run(database, "backups")

    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:5] == ["data", "tipo", "versão", "revisão", "alunos"]
    manual = next(line for line in lines if "-manual.sqlite3" in line)
    assert " manual " in manual and f" {HEAD} " in manual and " 12 " in manual
    legacy = next(line for line in lines if "escola-0.x-" in line)
    assert "antes de atualizar (fixa)" in legacy and " 0.x " in legacy


def test_cli_backups_of_a_file_without_any(head_db: Path) -> None:
    listed = _run(head_db, "backups")
    assert listed.returncode == 0 and "Nenhuma cópia de segurança" in listed.stdout


def test_check_reports_an_orphan_row(head_db: Path) -> None:
    clean = _run(head_db, "check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "integridade: ok" in clean.stdout and "registros relacionados: ok" in clean.stdout
    assert check_report(head_db).clean

    conn = sqlite3.connect(head_db)  # foreign keys are off by default in sqlite3
    conn.execute("INSERT INTO cursos (nome) VALUES ('Matemática')")
    conn.execute("INSERT INTO matriculas (aluno_id, curso_id, data_matricula) VALUES (999, 1, '2026-02-01')")
    conn.commit()
    conn.close()
    before = head_db.read_bytes()

    report = check_report(head_db)
    assert not report.clean and not report.integrity
    assert report.foreign_keys == ["matriculas, registro 1: aponta para um registro de alunos que não existe"]
    done = _run(head_db, "check")
    assert done.returncode == 1
    assert "registros relacionados: 1 problema\n" in done.stdout
    assert "- matriculas, registro 1: aponta para um registro de alunos que não existe" in done.stdout
    assert head_db.read_bytes() == before  # only read


def test_check_of_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    bad = tmp_path / "escola.sqlite3"
    bad.write_bytes(b"nada" * 100)
    report = check_report(bad)
    assert not report.clean and report.integrity
    assert _run(bad, "check").returncode == 1
