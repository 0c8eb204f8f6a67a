"""A file written by a newer Escola: a dialog names the version it needs and, when a pinned
pre-upgrade backup this version can open exists, offers to restore it. Nothing is written
without the secretary's choice."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from escola_gui import __version__
from escola_gui.core.paths import backups_dir
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.launch.newer_file_dialog import NewerFileDialog
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file.backups import list_backups
from escola_gui.storage.file.upgrade import upgrade_to_head
from tests.helpers.legacy import make_legacy_file
from tests.helpers.revisions import HEAD

NEWER_VERSION = "3.1.0"
NEWER_REVISION = "0099"


@pytest.fixture
def launch_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: shown.append(text))
    return shown


@pytest.fixture
def launcher(tmp_path: Path, qtbot: QtBot) -> Iterator[Launcher]:
    launcher = Launcher(tmp_path / "escola.sqlite3", tmp_path / "escola.log")
    yield launcher
    if launcher.window is not None:
        launcher.window.close()
    launcher.shutdown()


def _make_newer(path: Path, *, versao_app: str | None = NEWER_VERSION) -> None:
    """What a newer Escola leaves: an unknown revision, and its version in metadados."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (NEWER_REVISION,))
        if versao_app is None:
            conn.execute("DELETE FROM metadados WHERE chave = 'versao_app'")
        else:
            conn.execute("UPDATE metadados SET valor = ? WHERE chave = 'versao_app'", (versao_app,))
        conn.execute("UPDATE alunos SET nome = 'Zélia Nova' WHERE id = (SELECT min(id) FROM alunos)")
        conn.commit()


def _alunos_in(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT nome FROM alunos")}


def _nomes(window: MainWindow) -> set[str]:
    proxy = window.alunos_tab.proxy
    return {proxy.index(row, 0).data() for row in range(proxy.rowCount())}


def _open_dialog(qtbot: QtBot, launcher: Launcher) -> NewerFileDialog:
    launcher.start()
    dialog = launcher.newer_dialog
    assert isinstance(dialog, NewerFileDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _upgraded_legacy_file_made_newer(launcher: Launcher) -> int:
    """A 0.x file upgraded to head (leaving its pinned backup), then written by a newer Escola."""
    data = make_legacy_file(launcher.database, alunos=6)
    upgrade_to_head(launcher.database)
    _make_newer(launcher.database)
    return len(data.alunos)


def test_the_dialog_names_the_version_and_fechar_touches_nothing(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    # Given a newer file with a pinned pre-upgrade backup from 0.x
    _upgraded_legacy_file_made_newer(launcher)
    [pinned] = list_backups(launcher.database)
    before = launcher.database.read_bytes()
    backup_before = pinned.path.read_bytes()

    # When Escola starts on it
    dialog = _open_dialog(qtbot, launcher)

    # Then the dialog names the version the file needs, and says nothing was changed...
    text = dialog.needed_label.text()
    assert f"Escola {NEWER_VERSION}" in text and NEWER_REVISION in text
    assert f"versão {__version__}" in dialog.unchanged_label.text()
    assert "Nada foi alterado" in dialog.unchanged_label.text()
    # ...offers the pinned backup, saying what stays only in the file kept aside...
    [option] = dialog.findChildren(QRadioButton)
    assert option.isChecked()
    assert option.text() == f"Restaurar a cópia de {pinned.created_at:%d/%m/%Y %H:%M} (Escola 0.x, 6 alunos)"
    assert "escola.sqlite3.antes-de-restaurar" in dialog.warning_label.text()
    assert dialog.findChild(QPushButton, "restaurar").text() == "Restaurar esta cópia"
    # ...and Fechar is the default.
    assert dialog.close_button.isDefault()
    assert launch_errors == []

    # When the secretary clicks Fechar
    with qtbot.waitSignal(launcher.failed) as failed:
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    # Then the app quits, with the file and the backup byte-identical and no window opened.
    assert failed.args == [2]
    assert launcher.window is None and launcher.dialog is None
    assert launcher.database.read_bytes() == before
    assert pinned.path.read_bytes() == backup_before
    assert not launcher.database.with_name("escola.sqlite3.antes-de-restaurar").exists()
    assert launch_errors == []


def test_restaurar_puts_the_backup_in_place_and_keeps_the_newer_file_aside(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    # Given a newer file with a pinned pre-upgrade backup from 0.x
    alunos = _upgraded_legacy_file_made_newer(launcher)
    newer_bytes = launcher.database.read_bytes()
    dialog = _open_dialog(qtbot, launcher)

    # When the secretary clicks Restaurar esta cópia
    qtbot.mouseClick(dialog.findChild(QPushButton, "restaurar"), Qt.MouseButton.LeftButton)

    # Then the 0.x copy goes through the upgrade dialog, and only then the main window opens
    upgrade = launcher.dialog
    assert upgrade is not None and upgrade.isVisible()
    assert launcher.window is None
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: upgrade.continue_button.isVisible() and upgrade.continue_button.height() > 0)
    with qtbot.waitSignal(launcher.window_opened):
        qtbot.mouseClick(upgrade.findChild(QPushButton, "continuar"), Qt.MouseButton.LeftButton)
    window = launcher.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    # ...showing the restored data at head...
    assert len(_nomes(window)) == alunos
    assert "Zélia Nova" not in _nomes(window)
    assert HEAD in window.status_revision.text()
    # ...and the newer file is kept aside, byte-identical, as the status bar says.
    aside = launcher.database.with_name("escola.sqlite3.antes-de-restaurar")
    assert aside.read_bytes() == newer_bytes
    assert "Zélia Nova" in _alunos_in(aside)
    assert str(aside) in window.statusBar().currentMessage()
    assert launcher.newer_dialog is None
    assert launch_errors == []


def test_a_backup_at_this_versions_head_opens_directly(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    # Given a file at head whose pinned backup the newer Escola made before upgrading it
    upgrade_to_head(launcher.database)
    folder = backups_dir(launcher.database)
    folder.mkdir(parents=True, exist_ok=True)
    pinned = folder / f"escola-{HEAD}-20260102-080000.sqlite3"
    shutil.copyfile(launcher.database, pinned)
    _make_newer(launcher.database)
    dialog = _open_dialog(qtbot, launcher)
    [option] = dialog.findChildren(QRadioButton)
    assert "02/01/2026 08:00" in option.text() and "0 alunos" in option.text()

    with qtbot.waitSignal(launcher.window_opened):
        qtbot.mouseClick(dialog.findChild(QPushButton, "restaurar"), Qt.MouseButton.LeftButton)

    assert launcher.dialog is None, "a copy at head needs no upgrade"
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)
    assert HEAD in launcher.window.status_revision.text()
    assert launch_errors == []


def test_without_a_backup_this_version_can_open_the_dialog_only_informs(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    # Given a newer file without metadados' version, whose only pinned backup is newer too
    upgrade_to_head(launcher.database)
    _make_newer(launcher.database, versao_app=None)
    folder = backups_dir(launcher.database)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(launcher.database, folder / f"escola-{NEWER_REVISION}-20260102-080000.sqlite3")
    [newer_backup] = list_backups(launcher.database)
    assert newer_backup.pinned and newer_backup.revision == NEWER_REVISION
    before = launcher.database.read_bytes()

    dialog = _open_dialog(qtbot, launcher)

    # Then it names the unknown revision, offers nothing, and has no dead button
    assert NEWER_REVISION in dialog.needed_label.text()
    assert "versão mais nova do Escola" in dialog.needed_label.text()
    assert "Não há cópia de segurança" in dialog.warning_label.text()
    assert dialog.findChildren(QRadioButton) == []
    assert dialog.findChild(QPushButton, "restaurar") is None
    assert dialog.close_button.isDefault()

    # Esc closes it like Fechar, touching nothing.
    with qtbot.waitSignal(launcher.failed):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert launcher.window is None
    assert launcher.database.read_bytes() == before
    assert not launcher.database.with_name("escola.sqlite3.antes-de-restaurar").exists()
    assert launch_errors == []


def test_a_backup_that_cannot_be_restored_is_explained_and_the_file_stays(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    _upgraded_legacy_file_made_newer(launcher)
    [pinned] = list_backups(launcher.database)
    before = launcher.database.read_bytes()
    dialog = _open_dialog(qtbot, launcher)
    pinned.path.write_bytes(b"isto nao e um banco de dados" * 100)  # damaged after it was offered

    qtbot.mouseClick(dialog.findChild(QPushButton, "restaurar"), Qt.MouseButton.LeftButton)

    assert len(launch_errors) == 1 and "não pode ser restaurada" in launch_errors[0]
    assert launcher.newer_dialog is dialog and dialog.isVisible() and dialog.isEnabled()
    assert launcher.window is None
    assert launcher.database.read_bytes() == before
    assert not launcher.database.with_name("escola.sqlite3.antes-de-restaurar").exists()
    with qtbot.waitSignal(launcher.failed):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert launcher.database.read_bytes() == before
