"""The GUI launch: a legacy file is upgraded in a progress window before the main window."""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file.lock import DatabaseLock
from tests.helpers.legacy import make_legacy_file
from tests.helpers.revisions import AFTER_BASELINE, HEAD


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, title, text: shown.append(text))
    return shown


@pytest.fixture
def launcher(tmp_path: Path, qtbot: QtBot):  # type: ignore[no-untyped-def]
    launcher = Launcher(tmp_path / "escola.sqlite3", tmp_path / "escola.log")
    yield launcher
    if launcher.window is not None:
        launcher.window.close()
    launcher.shutdown()


def test_legacy_file_shows_progress_then_main_window_lists_students(
    qtbot: QtBot, launcher: Launcher, errors: list[str]
) -> None:
    # Given a 0.x file with messy rows
    data = make_legacy_file(launcher.database, alunos=80)

    # When Escola starts on it
    launcher.start()

    # Then a progress window names each revision as it runs...
    dialog = launcher.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: dialog.continue_button.isVisible() and dialog.continue_button.height() > 0)
    assert not dialog.continue_button.rect().isEmpty(), "laid out at once, so a click lands on it"
    steps = [dialog.steps.item(i).text() for i in range(dialog.steps.count())]
    assert steps[0].startswith(f"Etapa 1 de {len(AFTER_BASELINE)}")
    assert len(steps) == len(AFTER_BASELINE)
    # ...and says in plain Portuguese what it resolved.
    assert "matrículas repetidas foram retiradas" in dialog.summary.text()
    assert "backups" in dialog.summary.text()
    assert launcher.window is None, "the main window opens only after success"
    # The garbage collector, held off while the worker thread ran, is back on.
    qtbot.waitUntil(gc.isenabled)

    # When the secretary clicks Continuar, the main window lists the students.
    with qtbot.waitSignal(launcher.window_opened):
        qtbot.mouseClick(dialog.findChild(QPushButton, "continuar"), Qt.MouseButton.LeftButton)
    window = launcher.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    proxy = window.alunos_tab.proxy
    assert proxy.rowCount() == len(data.alunos)
    names = {proxy.index(row, 0).data() for row in range(proxy.rowCount())}
    assert data.alunos[0][1].strip() in names
    assert HEAD in window.findChild(QLabel, "status_revisao").text()
    assert errors == []


def test_refused_file_shows_reason_and_stays_untouched(qtbot: QtBot, launcher: Launcher, errors: list[str]) -> None:
    launcher.database.write_bytes(b"isto nao e um banco de dados" * 100)
    before = hashlib.sha256(launcher.database.read_bytes()).hexdigest()

    with qtbot.waitSignal(launcher.failed) as failed:
        launcher.start()

    assert failed.args == [2]
    assert launcher.window is None
    assert len(errors) == 1 and "não é um banco de dados SQLite" in errors[0]
    assert "Registro técnico" in errors[0]
    assert hashlib.sha256(launcher.database.read_bytes()).hexdigest() == before


def test_second_instance_is_told_and_does_not_touch_the_file(
    qtbot: QtBot, launcher: Launcher, errors: list[str]
) -> None:
    make_legacy_file(launcher.database, alunos=5)
    before = launcher.database.read_bytes()
    with DatabaseLock(launcher.database), qtbot.waitSignal(launcher.failed):
        launcher.start()
    assert "já está aberto" in errors[0]
    assert launcher.database.read_bytes() == before


def test_current_file_opens_the_main_window_directly(qtbot: QtBot, launcher: Launcher, errors: list[str]) -> None:
    from escola_gui.storage.file.upgrade import upgrade_to_head

    upgrade_to_head(launcher.database)
    with qtbot.waitSignal(launcher.window_opened):
        launcher.start()
    assert launcher.dialog is None
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)


def test_the_early_check_opens_a_current_file_without_checking_it_again(
    qtbot: QtBot, tmp_path: Path, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """cli.main starts the up-to-date check before the GUI loads; the launcher uses its answer."""
    from escola_gui.storage.file import launch_check
    from escola_gui.storage.file.upgrade import upgrade_to_head

    database = tmp_path / "escola.sqlite3"
    upgrade_to_head(database)
    early = launch_check.EarlyCheck(database)
    assert early.result(database)[0]  # done before the launch, so the spy below sees the launcher only
    checked: list[Path] = []
    monkeypatch.setattr(launch_check, "quick_classify", lambda path: checked.append(path))
    launcher = Launcher(database, tmp_path / "escola.log", early_check=early)
    try:
        with qtbot.waitSignal(launcher.window_opened):
            launcher.start()
        assert launcher.window is not None
        qtbot.addWidget(launcher.window)
        assert checked == []
        assert launcher.window.alunos_tab.table.isVisible()
        assert errors == []
    finally:
        if launcher.window is not None:
            launcher.window.close()
        launcher.shutdown()


def test_a_file_written_after_the_early_check_is_checked_again(
    qtbot: QtBot, tmp_path: Path, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damage written between the early check and the lock is still caught at open."""
    from escola_gui.gui.launch.damaged_file_dialog import DamagedFileDialog
    from escola_gui.storage.file import launch_check
    from escola_gui.storage.file.upgrade import upgrade_to_head
    from tests.helpers.faults import clobber_table_page

    database = tmp_path / "escola.sqlite3"
    upgrade_to_head(database)
    early = launch_check.EarlyCheck(database)
    assert early.result(database)[1] is not None  # it found the file current...
    clobber_table_page(database)  # ...and then another program damaged it
    launcher = Launcher(database, tmp_path / "escola.log", early_check=early)
    try:
        launcher.start()
        # Its schema still reads: the list shows, read-only, until the page check finds the damage.
        qtbot.waitUntil(lambda: launcher.damaged_dialog is not None)
        assert launcher.window is None
        assert isinstance(launcher.damaged_dialog, DamagedFileDialog)
        qtbot.addWidget(launcher.damaged_dialog)
    finally:
        if launcher.damaged_dialog is not None:
            launcher.damaged_dialog.close()
        launcher.shutdown()
