"""Arquivo → Voltar para uma versão anterior…: the dialog, the Launcher that downgrades under
its lock in a progress window and then quits, and a failure that leaves all as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from escola_gui.core import db
from escola_gui.core.errors import EscolaError
from escola_gui.gui.launch import downgrade_dialog as downgrade_module
from escola_gui.gui.launch.downgrade_dialog import DowngradeDialog, DowngradeProgressDialog
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file.backups import list_backups
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.revisions import HEAD
from tests.storage.test_school_year_revisions import _fill_head, _snapshot


@pytest.fixture
def launch_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: shown.append(text))
    return shown


@pytest.fixture
def launcher(tmp_path: Path, qtbot: QtBot) -> Iterator[Launcher]:
    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
    finally:
        engine.dispose()
    launcher = Launcher(path, tmp_path / "escola.log")
    yield launcher
    if launcher.window is not None:
        launcher.window.close()
    launcher.shutdown()


def _launch(qtbot: QtBot, launcher: Launcher) -> MainWindow:
    with qtbot.waitSignal(launcher.window_opened):
        launcher.start()
    assert launcher.window is not None
    return launcher.window


def _open_dialog(qtbot: QtBot, window: MainWindow) -> DowngradeDialog:
    window.menu_arquivo.aboutToShow.emit()
    assert window.action_voltar_versao in window.menu_arquivo.actions()
    assert window.action_voltar_versao.isVisible() and window.action_voltar_versao.isEnabled()
    window.action_voltar_versao.trigger()
    dialog = window.file_actions.downgrade_dialog
    assert isinstance(dialog, DowngradeDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _versions(dialog: DowngradeDialog) -> list[str]:
    return [dialog.versions.item(row).text() for row in range(dialog.versions.count())]


def _run_to_end(qtbot: QtBot, launcher: Launcher, dialog: DowngradeDialog) -> DowngradeProgressDialog:
    qtbot.mouseClick(dialog.downgrade_button, Qt.MouseButton.LeftButton)
    progress = launcher.downgrade_dialog
    assert isinstance(progress, DowngradeProgressDialog)
    qtbot.waitUntil(lambda: progress.result_value is not None or progress.error_message is not None)
    return progress


def test_going_back_to_1_0_shows_the_losses_then_the_backup_and_quits(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    window = _launch(qtbot, launcher)
    before = _snapshot(launcher.database)

    # The dialog lists the earlier releases, newest first, and what each one costs
    dialog = _open_dialog(qtbot, window)
    assert _versions(dialog) == ["Escola 1.1", "Escola 1.0", "Escola 0.x"]
    assert dialog.selected_version() == "1.1"
    text = dialog.losses.text()  # 1.1 lacks 0013, 0014 and 0015 only
    assert "etapa de " in text and "dias não letivos" in text and "lixeira" not in text
    dialog.versions.setCurrentRow(1)
    assert dialog.selected_version() == "1.0"
    text = dialog.losses.text()
    assert "o arquivo vai perder" in text and "1 item da lixeira" in text
    with sqlite3.connect(launcher.database) as conn:  # the fill itself was audited too
        historico = conn.execute("SELECT count(*) FROM auditoria").fetchone()[0]
    conn.close()
    assert historico > 1
    assert f"{historico} registros do histórico de alterações" in text and "notas" not in text
    assert str(launcher.database.parent / "backups") in dialog.backup_note.text()
    assert "o Escola fecha" in dialog.closing_note.text() and "Escola 1.0" in dialog.closing_note.text()
    dialog.versions.setCurrentRow(2)
    assert "27 notas" in dialog.losses.text() and "Escola 0.x" in dialog.closing_note.text()
    dialog.versions.setCurrentRow(1)
    assert dialog.downgrade_button.text() == "Voltar e fechar" and dialog.downgrade_button.isEnabled()

    # When she chooses "Voltar e fechar", the progress window runs it and says where the backup is
    progress = _run_to_end(qtbot, launcher, dialog)
    assert progress.error_message is None, progress.error_message
    [backup] = list_backups(launcher.database)
    assert backup.pinned
    message = progress.message.text()
    assert str(backup.path) in message and "Instale ou abra o Escola 1.0" in message
    assert progress.quit_button.isVisible() and not progress.close_button.isVisible()
    progress.reject()  # Esc does not close it: only "Fechar o Escola"
    assert progress.isVisible()

    # And "Fechar o Escola" quits: the window is gone, the lock released, the file at 1.0
    qtbot.waitUntil(lambda: progress.quit_button.height() > 0)  # laid out on the next turn of the event loop
    with qtbot.waitSignal(launcher.downgraded) as quit_signal:
        qtbot.mouseClick(progress.quit_button, Qt.MouseButton.LeftButton)
    assert quit_signal.args[0].backup == backup.path
    assert launcher.window is None and not window.isVisible()
    assert not launcher.lock.held
    c = classify_database(launcher.database)
    assert (c.state, c.revision) == (DatabaseState.BEHIND, "0010")
    assert _snapshot(backup.path) == before
    assert list_backups(launcher.database) == [backup], "no automatic backup of the downgraded file on close"
    assert launch_errors == []


def test_a_failed_downgrade_says_why_and_the_window_goes_on(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _launch(qtbot, launcher)
    before = launcher.database.read_bytes()

    def refuse(_path: Path, _version: str, _progress: object) -> None:
        raise EscolaError("Espaço em disco insuficiente. Nada foi alterado.")

    monkeypatch.setattr(downgrade_module, "downgrade_to", refuse)
    dialog = _open_dialog(qtbot, window)
    dialog.versions.setCurrentRow(1)
    progress = _run_to_end(qtbot, launcher, dialog)

    assert progress.error_message == "Espaço em disco insuficiente. Nada foi alterado."
    assert "Espaço em disco insuficiente" in progress.message.text()
    assert str(launcher.log_path) in progress.message.text()
    assert progress.close_button.isVisible() and not progress.quit_button.isVisible()
    # The window grows to its new minimum size on the next pass of the event loop.
    qtbot.waitUntil(lambda: progress.close_button.height() > 0)
    qtbot.mouseClick(progress.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: launcher.downgrade_dialog is None)

    # The file is as it was; the window is the same one, and works on the file again
    assert launcher.database.read_bytes() == before
    assert launcher.window is window and window.isVisible() and window.isEnabled()
    assert launcher.lock.held
    window.refresh_alunos()
    assert window.alunos_tab.proxy.rowCount() == 5
    assert launch_errors == []


def test_the_action_is_hidden_without_a_launcher(window: MainWindow) -> None:
    window.menu_arquivo.aboutToShow.emit()
    assert not window.action_voltar_versao.isVisible()
    window.choose_version_to_downgrade()
    assert window.file_actions.downgrade_dialog is None


def test_cancel_emits_nothing(qtbot: QtBot, launcher: Launcher) -> None:
    window = _launch(qtbot, launcher)
    requested: list[str] = []
    window.downgrade_requested.connect(requested.append)
    dialog = _open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert requested == []
    with closing(sqlite3.connect(launcher.database)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)


def test_enter_cancels_the_downgrade(qtbot: QtBot, launcher: Launcher) -> None:
    # Given the window "Voltar para uma versão anterior…" just opened
    window = _launch(qtbot, launcher)
    requested: list[str] = []
    window.downgrade_requested.connect(requested.append)
    dialog = _open_dialog(qtbot, window)
    qtbot.waitExposed(dialog)
    assert dialog.cancel_button.isDefault() and not dialog.downgrade_button.isDefault()

    # When the secretary presses Enter, wherever the focus is
    focus = dialog.focusWidget() or dialog
    qtbot.keyClick(focus, Qt.Key.Key_Return)

    # Then nothing happens to the file: the window is cancelled.
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == dialog.DialogCode.Rejected and dialog.chosen is None
    assert requested == []
    with closing(sqlite3.connect(launcher.database)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
