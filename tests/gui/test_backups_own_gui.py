"""The secretary's own backups in the window: Fazer backup agora offers a copy anywhere (a pen
drive), Restaurar backup… restores any file she chooses through the same checks, and a manual
backup is deleted only by her, asked first. The real dialogs are driven; only QFileDialog's
static functions are told what she chose."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.database_info import DatabaseInfo
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.launch.restore_dialog import RestoreDialog
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file import backup as backup_module
from escola_gui.storage.file import backups
from escola_gui.storage.file.backups import BackupKind, list_backups
from escola_gui.storage.file.upgrade import upgrade_to_head
from tests.helpers.faults import clobber_table_page, snapshot
from tests.helpers.ro_mount import read_only_view


@pytest.fixture
def launch_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: shown.append(text))
    return shown


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: asked.append(text) or True)
    return asked


@pytest.fixture
def launcher(tmp_path: Path, qtbot: QtBot) -> Iterator[Launcher]:
    launcher = Launcher(tmp_path / "escola.sqlite3", tmp_path / "escola.log")
    yield launcher
    if launcher.window is not None:
        launcher.window.close()
    launcher.shutdown()


def _launch(qtbot: QtBot, launcher: Launcher) -> MainWindow:
    with qtbot.waitSignal(launcher.window_opened):
        launcher.start()
    assert launcher.window is not None
    return launcher.window


def _alunos_in(path: Path) -> set[str]:
    with closing(sqlite3.connect(backup_module.read_only_uri(path), uri=True)) as conn:
        return {row[0] for row in conn.execute("SELECT nome FROM alunos")}


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """QFileDialog.getSaveFileName answers ``target``; returns the suggested names it was given."""
    suggested: list[str] = []

    def answer(_parent: object, _title: str, proposal: str, _filter: str = "", *_a: object) -> tuple[str, str]:
        suggested.append(proposal)
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return suggested


def _open_file(monkeypatch: pytest.MonkeyPatch, chosen: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args, **_kw: (str(chosen), "Todos os arquivos (*)"))
    )


def _click_backup_now_then_save_copy(qtbot: QtBot, window: MainWindow) -> None:
    window.action_backup_agora.trigger()
    box = window.file_actions.backup_done_box
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert "pen drive" in box.text()
    qtbot.mouseClick(box.findChild(QPushButton, "salvar_copia"), Qt.MouseButton.LeftButton)


def test_backup_now_offers_a_verified_private_copy_on_a_pen_drive(
    qtbot: QtBot,
    window: MainWindow,
    info: DatabaseInfo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    window._services.alunos.create(AlunoData(nome="Conceição Araújo"))
    pen_drive = tmp_path / "pendrive"
    pen_drive.mkdir()
    target = pen_drive / "escola-sexta"  # she typed no extension
    suggested = _save_as(monkeypatch, target)

    _click_backup_now_then_save_copy(qtbot, window)

    saved = pen_drive / "escola-sexta.sqlite3"
    qtbot.waitUntil(saved.exists)
    assert errors == []
    assert [b.kind for b in list_backups(info.path)] == [BackupKind.MANUAL]
    assert Path(suggested[0]).name.startswith("escola-copia-") and suggested[0].endswith(".sqlite3")
    assert snapshot(saved) == snapshot(info.path)
    assert os.stat(saved).st_mode & 0o777 == 0o600
    assert sorted(p.name for p in pen_drive.iterdir()) == ["escola-sexta.sqlite3"]
    assert str(saved) in window.statusBar().currentMessage()


def test_agora_nao_saves_nothing_else(
    qtbot: QtBot, window: MainWindow, info: DatabaseInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: asked.append(a) or ("", "")))
    window.action_backup_agora.trigger()
    box = window.file_actions.backup_done_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    box.escapeButton().click()
    assert window.file_actions.backup_done_box is None and asked == []
    assert [b.kind for b in list_backups(info.path)] == [BackupKind.MANUAL]


def test_a_copy_on_a_read_only_pen_drive_gets_a_plain_message(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    pen_drive = tmp_path / "pendrive"
    pen_drive.mkdir()
    with read_only_view(pen_drive) as locked:
        _save_as(monkeypatch, locked / "copia.sqlite3")
        window.action_salvar_copia.trigger()
    [(_title, text)] = errors
    assert "só de leitura" in text and "Nada foi alterado" in text
    assert "inesperado" not in text
    assert list(pen_drive.iterdir()) == []


def test_a_copy_on_a_full_pen_drive_gets_a_plain_message(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]]
) -> None:
    for n in range(30):
        window._services.alunos.create(AlunoData(nome=f"Aluno {n}"))
    real = backup_module.connect_copy_target

    def full(path: Path) -> sqlite3.Connection:
        conn = real(path)
        conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(backup_module, "connect_copy_target", full)
    pen_drive = tmp_path / "pendrive"
    pen_drive.mkdir()
    _save_as(monkeypatch, pen_drive / "copia.sqlite3")

    window.action_salvar_copia.trigger()

    [(_title, text)] = errors
    assert text.startswith("O disco está cheio") and "Nada foi alterado" in text
    assert list(pen_drive.iterdir()) == []


def _open_restore_dialog(qtbot: QtBot, window: MainWindow) -> RestoreDialog:
    window.menu_arquivo.aboutToShow.emit()
    window.action_restaurar_backup.trigger()
    dialog = window.file_actions.restore_dialog
    assert isinstance(dialog, RestoreDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_restore_from_a_file_on_a_pen_drive(
    qtbot: QtBot,
    launcher: Launcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    launch_errors: list[str],
    questions: list[str],
) -> None:
    upgrade_to_head(launcher.database)
    window = _launch(qtbot, launcher)
    window._services.alunos.create(AlunoData(nome="Ana Souza"))
    pen_drive = tmp_path / "pendrive"
    pen_drive.mkdir()
    copy = backups.save_copy(launcher.database, pen_drive / "copia-de-sexta.sqlite3")
    window._services.alunos.create(AlunoData(nome="Bruno Lima"))
    _open_file(monkeypatch, copy)
    dialog = _open_restore_dialog(qtbot, window)

    with qtbot.waitSignal(launcher.window_opened):
        qtbot.mouseClick(dialog.findChild(QPushButton, "outro_arquivo"), Qt.MouseButton.LeftButton)

    [question] = questions
    assert str(copy) in question and "com 1 aluno?" in question
    assert launch_errors == []
    new = launcher.window
    assert isinstance(new, MainWindow) and new is not window
    qtbot.addWidget(new)
    assert _alunos_in(launcher.database) == {"Ana Souza"}
    aside = launcher.database.with_name("escola.sqlite3.antes-de-restaurar")
    assert _alunos_in(aside) == {"Ana Souza", "Bruno Lima"}
    assert _alunos_in(copy) == {"Ana Souza"}, "the chosen file is only read"


def _foreign(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
        conn.commit()
    return path


def _newer(path: Path, database: Path) -> Path:
    backups.save_copy(database, path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.commit()
    return path


def _damaged(path: Path, database: Path) -> Path:
    backups.save_copy(database, path)
    clobber_table_page(path)
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda path, _db: _foreign(path), "não é do Escola"),
        (_newer, "mais nova"),
        (_damaged, "não pode ser lido"),
    ],
    ids=["foreign", "newer", "damaged"],
)
def test_a_chosen_file_that_fails_the_checks_is_refused_and_nothing_changes(
    qtbot: QtBot,
    launcher: Launcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    launch_errors: list[str],
    questions: list[str],
    errors: list[tuple[str, str]],
    make,  # type: ignore[no-untyped-def]
    says: str,
) -> None:
    upgrade_to_head(launcher.database)
    window = _launch(qtbot, launcher)
    for n in range(20):
        window._services.alunos.create(AlunoData(nome=f"Aluno {n}"))
    pen_drive = tmp_path / "pendrive"
    pen_drive.mkdir()
    chosen = make(pen_drive / "escolhido.sqlite3", launcher.database)
    chosen_bytes = chosen.read_bytes()
    before = launcher.database.read_bytes()
    _open_file(monkeypatch, chosen)
    dialog = _open_restore_dialog(qtbot, window)

    qtbot.mouseClick(dialog.findChild(QPushButton, "outro_arquivo"), Qt.MouseButton.LeftButton)

    # Refused before she is asked anything, the dialog still open to choose another
    [(_title, text)] = errors
    assert "não pode ser restaurada" in text and says in text, text
    assert "O arquivo de dados não foi alterado" in text and ".." not in text
    assert questions == [] and launch_errors == []
    assert dialog.isVisible()
    assert launcher.window is window and window.isVisible() and window.isEnabled()
    assert launcher.database.read_bytes() == before
    assert chosen.read_bytes() == chosen_bytes
    assert not launcher.database.with_name("escola.sqlite3.antes-de-restaurar").exists()


def test_a_manual_backup_is_deleted_only_when_she_confirms(
    qtbot: QtBot, window: MainWindow, info: DatabaseInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    automatic = backups.make_backup(info.path, BackupKind.AUTOMATIC)
    manual = backups.make_backup(info.path, BackupKind.MANUAL)
    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: asked.append(text) or answers.pop(0))
    dialog = RestoreDialog(info.path, list_backups(info.path), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    rows = {dialog.model.backup_at(r).path: r for r in range(dialog.model.rowCount())}
    delete = dialog.findChild(QPushButton, "apagar_copia")

    dialog.table.selectRow(rows[automatic])
    assert not delete.isEnabled(), "automatic backups are left to the rotation"
    dialog.table.selectRow(rows[manual])
    assert delete.isEnabled()
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)  # Não
    assert manual.exists()
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)  # Sim

    assert len(asked) == 2 and "Apagar para sempre a cópia manual" in asked[0] and str(manual) in asked[0]
    assert not manual.exists() and automatic.exists()
    assert [dialog.model.backup_at(r).path for r in range(dialog.model.rowCount())] == [automatic]
