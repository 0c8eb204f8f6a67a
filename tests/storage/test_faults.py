"""Faults of the environment: a damaged or truncated data file, and a disk that fills up
while backing up, upgrading, importing, saving or restoring. Each refusal says what to do in
Portuguese and leaves every table as it was."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.errors import DiskFullError, NotEnoughSpaceError, is_disk_full
from escola_gui.core.importacao.flow import apply, preview
from escola_gui.core.paths import backups_dir
from escola_gui.core.planilhas import Table, TableRow
from escola_gui.core.services import Services
from escola_gui.storage.file import backup as backup_module
from escola_gui.storage.file.backups import BackupKind, make_backup
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.restore import restore
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.faults import clobber_table_page, fill_disk_for, no_room_to_grow, snapshot, truncate
from tests.helpers.legacy import make_legacy_file

REPO = Path(__file__).resolve().parents[2]
FULL = "O disco está cheio"
FREE_SPACE_ADVICE = "Libere espaço no disco"
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 200  # needs pages of its own


@pytest.fixture
def head_with_alunos(tmp_path: Path) -> Path:
    """A file at head with 30 alunos (a 0.x file upgraded; its pinned backup beside it)."""
    path = tmp_path / "escola.sqlite3"
    make_legacy_file(path, alunos=30)
    upgrade_to_head(path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("VACUUM")  # no free pages: a write that needs a page must grow the file
    return path


def _megabytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB".replace(".", ",")


def _nomes(path: Path) -> set[str]:
    with closing(sqlite3.connect(backup_module.read_only_uri(path), uri=True)) as conn:
        return {row[0] for row in conn.execute("SELECT nome FROM alunos")}


def _backup_files(database: Path) -> list[str]:
    folder = backups_dir(database)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --------------------------------------------------------------------------- damaged files


def test_a_clobbered_table_page_and_a_truncated_file_are_damaged_and_other_files_are_not(
    head_with_alunos: Path, tmp_path: Path
) -> None:
    page = tmp_path / "pagina.sqlite3"
    shutil.copyfile(head_with_alunos, page)
    clobber_table_page(page)
    cut = tmp_path / "cortado.sqlite3"
    shutil.copyfile(head_with_alunos, cut)
    truncate(cut)
    text = tmp_path / "texto.sqlite3"
    text.write_text("não é um banco de dados\n" * 50)

    damaged_page = classify_database(page)
    assert damaged_page.state is DatabaseState.UNREADABLE and damaged_page.damaged
    damaged_cut = classify_database(cut)
    assert damaged_cut.state is DatabaseState.UNREADABLE and damaged_cut.damaged
    assert "truncado" in damaged_cut.reason
    not_sqlite = classify_database(text)
    assert not_sqlite.state is DatabaseState.UNREADABLE and not not_sqlite.damaged
    assert not classify_database(head_with_alunos).damaged


def test_restore_keeps_a_damaged_file_as_danificado_and_never_overwrites_an_earlier_one(
    head_with_alunos: Path,
) -> None:
    database = head_with_alunos
    good = make_backup(database, BackupKind.MANUAL, now=datetime(2030, 1, 10, 8, 0))
    alunos = _nomes(good)
    clobber_table_page(database)
    first_damage = database.read_bytes()

    aside = restore(database, good)

    assert aside == database.with_name("escola.sqlite3.danificado")
    assert aside.read_bytes() == first_damage
    assert aside.stat().st_mode & 0o777 == 0o600
    assert _nomes(database) == alunos
    assert classify_database(database).state is DatabaseState.CURRENT

    # Damaged again: the first .danificado stays as it was, the second gets the time in its name
    truncate(database)
    second_damage = database.read_bytes()
    second = restore(database, good, now=datetime(2030, 2, 1, 9, 30))
    assert second == database.with_name("escola.sqlite3.danificado-20300201-093000")
    assert second.read_bytes() == second_damage
    assert aside.read_bytes() == first_damage
    assert _nomes(database) == alunos


def test_a_healthy_file_is_still_kept_as_antes_de_restaurar(head_with_alunos: Path) -> None:
    good = make_backup(head_with_alunos, BackupKind.MANUAL, now=datetime(2030, 1, 10, 8, 0))
    aside = restore(head_with_alunos, good)
    assert aside == head_with_alunos.with_name("escola.sqlite3.antes-de-restaurar")
    assert not head_with_alunos.with_name("escola.sqlite3.danificado").exists()


def test_cli_db_restore_over_a_damaged_file(head_with_alunos: Path) -> None:
    database = head_with_alunos
    good = make_backup(database, BackupKind.MANUAL, now=datetime(2030, 1, 10, 8, 0))
    clobber_table_page(database)
    damaged = database.read_bytes()

    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "db", "restore", "--database", str(database), good.name],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    aside = database.with_name("escola.sqlite3.danificado")
    assert f"O arquivo danificado foi guardado, sem alterações, em {aside}." in done.stdout
    assert aside.read_bytes() == damaged
    assert _nomes(database) == _nomes(good)


# --------------------------------------------------------------------------- full disks


@pytest.fixture
def full_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every backup or restore copy finds the disk full after its first page."""
    real = backup_module.connect_copy_target

    def connect(path: Path) -> sqlite3.Connection:
        conn = real(path)
        conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(backup_module, "connect_copy_target", connect)


def _little_free_space(monkeypatch: pytest.MonkeyPatch, free: int = 1024) -> None:
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=free))


def test_a_full_disk_while_backing_up(head_with_alunos: Path, full_copies: None) -> None:
    before = snapshot(head_with_alunos)
    backups_before = _backup_files(head_with_alunos)

    with pytest.raises(DiskFullError) as full:
        make_backup(head_with_alunos, BackupKind.MANUAL)

    message = full.value.user_message
    assert message.startswith(f"{FULL}: não houve espaço em {backups_dir(head_with_alunos)}")
    assert "fazer a cópia de segurança" in message and FREE_SPACE_ADVICE in message
    assert message.endswith("Nada foi alterado.")
    assert "database or disk" not in message
    assert snapshot(head_with_alunos) == before
    assert _backup_files(head_with_alunos) == backups_before  # no partial copy left


def test_not_enough_free_space_for_a_backup_says_how_much_is_needed(
    head_with_alunos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(head_with_alunos)
    backups_before = _backup_files(head_with_alunos)
    _little_free_space(monkeypatch)
    needed = head_with_alunos.stat().st_size + backup_module.MARGIN_BYTES

    with pytest.raises(NotEnoughSpaceError) as full:
        make_backup(head_with_alunos, BackupKind.MANUAL)

    assert full.value.needed == needed
    assert full.value.user_message == (
        f"Espaço em disco insuficiente em {backups_dir(head_with_alunos)} para fazer a cópia de segurança: "
        f"são necessários {_megabytes(needed)} livres e há 0,0 MB. Libere espaço no disco (apague arquivos de que "
        "não precisa ou esvazie a lixeira) e tente de novo. Nada foi alterado."
    )
    assert snapshot(head_with_alunos) == before
    assert _backup_files(head_with_alunos) == backups_before


def _wrap_upgrade_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    real = db.create_upgrade_engine
    monkeypatch.setattr(db, "create_upgrade_engine", lambda path: fill_disk_for(real(path)))


def test_a_full_disk_while_upgrading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "escola.sqlite3"
    make_legacy_file(path, alunos=30)
    before_bytes = path.read_bytes()
    before = snapshot(path)
    _wrap_upgrade_engine(monkeypatch)

    with pytest.raises(DiskFullError) as full:
        upgrade_to_head(path)

    message = full.value.user_message
    assert message.startswith(f"{FULL}: não houve espaço em {tmp_path} para atualizar o arquivo de dados.")
    assert FREE_SPACE_ADVICE in message
    assert message.endswith("A atualização foi desfeita; o arquivo continua como estava.")
    assert "Motivo técnico" not in message and "database or disk" not in message
    assert path.read_bytes() == before_bytes
    assert snapshot(path) == before
    assert classify_database(path).state is DatabaseState.LEGACY


def test_not_enough_free_space_for_an_upgrade_says_how_much_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "escola.sqlite3"
    make_legacy_file(path, alunos=30)
    before_bytes = path.read_bytes()
    _little_free_space(monkeypatch, free=3 * 1024 * 1024)
    needed = 3 * path.stat().st_size + backup_module.MARGIN_BYTES

    with pytest.raises(NotEnoughSpaceError) as full:
        upgrade_to_head(path)

    message = full.value.user_message
    assert full.value.needed == needed
    assert message.startswith(f"Espaço em disco insuficiente em {tmp_path} para atualizar o arquivo de dados: ")
    assert f"são necessários {_megabytes(needed)} livres e há 3,0 MB." in message
    assert message.endswith("Nada foi alterado.")
    assert path.read_bytes() == before_bytes
    assert not backups_dir(path).exists()


@pytest.fixture
def full_engine(head_with_alunos: Path) -> Iterator[Engine]:
    engine = db.create_app_engine(head_with_alunos)
    yield engine
    engine.dispose()


def test_a_full_disk_while_saving(head_with_alunos: Path, full_engine: Engine) -> None:
    services = Services.for_engine(full_engine)
    aluno_id = services.alunos.list()[0].id
    stored = services.alunos.get(aluno_id)
    before = snapshot(head_with_alunos)
    fill_disk_for(full_engine)

    with pytest.raises(DiskFullError) as full:
        services.alunos.create(AlunoData(nome="Ana Nova"), foto=PHOTO)
    with pytest.raises(DiskFullError):
        services.alunos.update(aluno_id, replace(stored, nome="Ana Mudada"), foto=PHOTO)

    message = full.value.user_message
    assert message.startswith(f"{FULL}: não houve espaço em {head_with_alunos.parent} para gravar as alterações.")
    assert message.endswith("As alterações não foram gravadas; o que já estava salvo continua como estava.")
    assert snapshot(head_with_alunos) == before


def test_a_full_disk_while_importing(head_with_alunos: Path, full_engine: Engine) -> None:
    table = Table(
        Path("alunos.csv"),
        ("Nome", "Logradouro"),
        tuple(TableRow(line, (f"Importado {line}", "Rua " + "z" * 140)) for line in range(2, 40)),
    )
    plan = preview(full_engine, table)
    assert len(plan.inserts) == 38 and not plan.bad_rows
    before = snapshot(head_with_alunos)
    fill_disk_for(full_engine)

    with pytest.raises(DiskFullError) as full:
        apply(full_engine, plan)

    message = full.value.user_message
    assert message.startswith(f"{FULL}: não houve espaço em {head_with_alunos.parent} para importar os alunos.")
    assert message.endswith("Nenhum aluno foi importado; nada foi alterado.")
    assert snapshot(head_with_alunos) == before


def test_a_full_disk_while_restoring_leaves_the_file_and_keeps_nothing_aside(
    head_with_alunos: Path, full_copies: None
) -> None:
    good = sorted(backups_dir(head_with_alunos).iterdir())[0]
    before_bytes = head_with_alunos.read_bytes()

    with pytest.raises(DiskFullError) as full:
        restore(head_with_alunos, good)

    assert "para restaurar a cópia de segurança" in full.value.user_message
    assert full.value.user_message.endswith("O arquivo de dados não foi alterado.")
    assert head_with_alunos.read_bytes() == before_bytes
    assert sorted(p.name for p in head_with_alunos.parent.iterdir() if p.is_file()) == ["escola.sqlite3"]


def test_no_room_to_grow_is_what_sqlite_calls_a_full_disk(tmp_path: Path) -> None:
    """The simulation is the real thing as far as SQLite is concerned: SQLITE_FULL."""
    with closing(sqlite3.connect(tmp_path / "x.sqlite3")) as conn:
        conn.execute("CREATE TABLE t (x)")
        no_room_to_grow(conn)
        with pytest.raises(sqlite3.OperationalError) as full:
            conn.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 20)
    assert full.value.sqlite_errorname == "SQLITE_FULL"
    assert is_disk_full(full.value)
