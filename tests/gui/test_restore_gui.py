"""Arquivo → Restaurar backup…: the list of backups, the question, and the Launcher that
restores under its lock and reopens the file (upgrading an older backup first)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.paths import backups_dir
from escola_gui.core.services import Services
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.launch.restore_dialog import BackupTableModel, RestoreDialog
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file import backups
from escola_gui.storage.file.backups import BackupKind, list_backups
from escola_gui.storage.file.upgrade import upgrade_to_head
from tests.helpers.legacy import make_legacy_file
from tests.helpers.revisions import HEAD


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


def _nomes(window: MainWindow) -> set[str]:
    proxy = window.alunos_tab.proxy
    return {proxy.index(row, 0).data() for row in range(proxy.rowCount())}


def _alunos_in(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT nome FROM alunos")}


def _open_restore_dialog(qtbot: QtBot, window: MainWindow) -> RestoreDialog:
    window.menu_arquivo.aboutToShow.emit()
    assert window.action_restaurar_backup in window.menu_arquivo.actions()
    assert window.action_restaurar_backup.isVisible() and window.action_restaurar_backup.isEnabled()
    window.action_restaurar_backup.trigger()
    dialog = window.file_actions.restore_dialog
    assert isinstance(dialog, RestoreDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _choose(qtbot: QtBot, dialog: RestoreDialog, backup: Path) -> None:
    model = dialog.model
    [row] = [r for r in range(model.rowCount()) if model.backup_at(r).path == backup]
    assert not dialog.restore_button.isEnabled(), "nothing is selected yet"
    dialog.table.selectRow(row)
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)


def _launch(qtbot: QtBot, launcher: Launcher) -> MainWindow:
    with qtbot.waitSignal(launcher.window_opened):
        launcher.start()
    assert launcher.window is not None
    return launcher.window


def test_restoring_a_manual_backup_reopens_the_file_and_keeps_the_newer_one_aside(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str], questions: list[str]
) -> None:
    # Given a file at head with two alunos, a manual backup of it, and a third aluno since
    upgrade_to_head(launcher.database)
    window = _launch(qtbot, launcher)
    services: Services = window._services
    services.alunos.create(AlunoData(nome="Ana Souza"))
    services.alunos.create(AlunoData(nome="Bruno Lima"))
    made = window.file_actions.back_up_now()
    assert made is not None
    services.alunos.create(AlunoData(nome="Carla Dias"))
    window.refresh_alunos()
    assert _nomes(window) == {"Ana Souza", "Bruno Lima", "Carla Dias"}

    # When the secretary restores it through Arquivo → Restaurar backup… and says Sim
    dialog = _open_restore_dialog(qtbot, window)
    with qtbot.waitSignal(launcher.window_opened):
        _choose(qtbot, dialog, made)

    # Then she was asked, naming the date, the number of alunos and where the file goes
    [question] = questions
    info = next(b for b in list_backups(launcher.database) if b.path == made)
    assert f"{info.created_at:%d/%m/%Y %H:%M}" in question
    assert "com 2 alunos" in question
    assert "escola.sqlite3.antes-de-restaurar" in question
    assert "atualizando-o" in question
    # ...a new main window shows the original alunos only...
    new = launcher.window
    assert isinstance(new, MainWindow) and new is not window
    qtbot.addWidget(new)
    assert _nomes(new) == {"Ana Souza", "Bruno Lima"}
    assert not shiboken6.isValid(window) or not window.isVisible()
    # ...and says where the previous file was kept, which holds the newer data.
    aside = launcher.database.with_name("escola.sqlite3.antes-de-restaurar")
    assert str(aside) in new.statusBar().currentMessage()
    assert _alunos_in(aside) == {"Ana Souza", "Bruno Lima", "Carla Dias"}
    assert launch_errors == []
    # The closing window made no automatic backup of the restored file.
    assert [b.kind for b in list_backups(launcher.database)] == [BackupKind.MANUAL]
    # The lock is still held, and the new window can restore again.
    new.menu_arquivo.aboutToShow.emit()
    assert new.action_restaurar_backup.isVisible()


def test_an_older_backup_goes_through_the_upgrade_dialog_first(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str], questions: list[str]
) -> None:
    # Given a 0.x file that was upgraded (leaving its pinned pre-upgrade backup)
    data = make_legacy_file(launcher.database, alunos=6)
    upgrade_to_head(launcher.database)
    [pre_upgrade] = list_backups(launcher.database)
    assert pre_upgrade.pinned and pre_upgrade.revision == "0.x"
    window = _launch(qtbot, launcher)
    window._services.alunos.create(AlunoData(nome="Zélia Nova"))

    # When that backup is restored
    dialog = _open_restore_dialog(qtbot, window)
    assert dialog.model.data(dialog.model.index(0, 1)) == "antes de atualizar (fixa)"
    _choose(qtbot, dialog, pre_upgrade.path)

    # Then the upgrade dialog runs before any new main window
    upgrade = launcher.dialog
    assert upgrade is not None and upgrade.isVisible()
    assert launcher.window is None
    qtbot.waitUntil(lambda: upgrade.continue_button.isVisible() and upgrade.continue_button.height() > 0)
    with qtbot.waitSignal(launcher.window_opened):
        qtbot.mouseClick(upgrade.findChild(QPushButton, "continuar"), Qt.MouseButton.LeftButton)
    new = launcher.window
    assert isinstance(new, MainWindow)
    qtbot.addWidget(new)
    assert len(_nomes(new)) == len(data.alunos)
    assert "Zélia Nova" not in _nomes(new)
    assert HEAD in new.status_revision.text()
    assert "antes-de-restaurar" in new.statusBar().currentMessage()
    assert "Zélia Nova" in _alunos_in(launcher.database.with_name("escola.sqlite3.antes-de-restaurar"))
    assert launch_errors == []


def test_a_refused_backup_is_explained_and_the_window_stays(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str], questions: list[str]
) -> None:
    upgrade_to_head(launcher.database)
    window = _launch(qtbot, launcher)
    window._services.alunos.create(AlunoData(nome="Ana Souza"))
    window.refresh_alunos()
    garbage = backups_dir(launcher.database) / f"escola-{HEAD}-20260101-120000-manual.sqlite3"
    garbage.parent.mkdir(parents=True, exist_ok=True)
    garbage.write_bytes(b"isto nao e um banco de dados" * 100)
    before = launcher.database.read_bytes()

    dialog = _open_restore_dialog(qtbot, window)
    _choose(qtbot, dialog, garbage)

    assert len(launch_errors) == 1
    assert "não pode ser restaurada" in launch_errors[0]
    assert "O arquivo de dados não foi alterado" in launch_errors[0]
    assert launcher.window is window and window.isVisible() and window.isEnabled()
    assert launcher.database.read_bytes() == before
    assert not launcher.database.with_name("escola.sqlite3.antes-de-restaurar").exists()
    # The window still works on the same file.
    window._services.alunos.create(AlunoData(nome="Bruno Lima"))
    window.refresh_alunos()
    assert _nomes(window) == {"Ana Souza", "Bruno Lima"}


def test_saying_nao_restores_nothing(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade_to_head(launcher.database)
    window = _launch(qtbot, launcher)
    made = window.file_actions.back_up_now()
    assert made is not None
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_args: False)
    requested: list[object] = []
    window.restore_requested.connect(requested.append)

    dialog = _open_restore_dialog(qtbot, window)
    _choose(qtbot, dialog, made)

    assert requested == [] and dialog.isVisible()
    assert launcher.window is window
    assert not launcher.database.with_name("escola.sqlite3.antes-de-restaurar").exists()


def test_without_a_launcher_the_menu_item_is_hidden(window: MainWindow) -> None:
    window.menu_arquivo.aboutToShow.emit()
    assert not window.action_restaurar_backup.isVisible()
    window.action_restaurar_backup.trigger()
    assert window.file_actions.restore_dialog is None


def test_no_backups_says_so(qtbot: QtBot, info: DatabaseInfo) -> None:
    dialog = RestoreDialog(info.path, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.empty_label.isVisible() and not dialog.table.isVisible()
    assert "Ainda não há cópias de segurança" in dialog.empty_label.text()
    assert not dialog.restore_button.isEnabled()


def test_the_backup_table_is_a_sound_model_newest_first(qtbot: QtBot, info: DatabaseInfo, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    older = backups.make_backup(info.path, BackupKind.AUTOMATIC, now=datetime(2026, 3, 1, 8, 0))
    newer = backups.make_backup(info.path, BackupKind.MANUAL, now=datetime(2026, 3, 2, 9, 30))
    model = BackupTableModel(list_backups(info.path))
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Data", "Tipo", "Versão do Escola", "Revisão", "Alunos", "Tamanho"]
    assert [model.backup_at(r).path for r in range(model.rowCount())] == [newer, older]
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[:2] == ["02/03/2026 09:30", "manual"]
    assert row[3] == HEAD and row[4] == "0" and row[5].endswith("KB")
    assert model.data(model.index(1, 1)) == "automática"
