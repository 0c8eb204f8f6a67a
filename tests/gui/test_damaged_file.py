"""A damaged data file at launch (a clobbered table page, a truncated file): a dialog says so
in plain Portuguese and offers the backups in good condition, newest first. Restoring one
keeps the damaged file aside, byte for byte, as ``.danificado``; Fechar touches nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from escola_gui.core.paths import backups_dir
from escola_gui.gui.launch.damaged_file_dialog import DamagedFileDialog
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file import backup as backup_module
from escola_gui.storage.file.backups import BackupKind, list_backups, make_backup
from escola_gui.storage.file.upgrade import upgrade_to_head
from tests.helpers.faults import clobber_table_page, truncate
from tests.helpers.legacy import make_legacy_file
from tests.helpers.revisions import HEAD

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

DAMAGES: dict[str, Callable[[Path], object]] = {"pagina": clobber_table_page, "truncado": truncate}


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


def _nomes_in(path: Path) -> set[str]:
    with closing(sqlite3.connect(backup_module.read_only_uri(path), uri=True)) as conn:
        return {row[0] for row in conn.execute("SELECT nome FROM alunos")}


def _nomes(window: MainWindow) -> set[str]:
    proxy = window.alunos_tab.proxy
    return {proxy.index(row, 0).data() for row in range(proxy.rowCount())}


def _rename_first_aluno(path: Path, nome: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alunos SET nome = ? WHERE id = (SELECT min(id) FROM alunos)", (nome,))
        conn.commit()


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the app's own lock and log."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix not in (".lock", ".log")
    }


def _history(database: Path) -> tuple[Path, Path, Path]:
    """A file at head with data and three backups: the pinned one from 0.x (its upgrade),
    a good manual one tomorrow and, newest, a damaged automatic one the day after.

    Returns the good backup, the damaged backup and the pinned one."""
    make_legacy_file(database, alunos=25)
    upgrade_to_head(database)
    [pinned] = list_backups(database)
    tomorrow = datetime.now() + timedelta(days=1)
    _rename_first_aluno(database, "Bianca Boa")
    good = make_backup(database, BackupKind.MANUAL, now=tomorrow)
    _rename_first_aluno(database, "Diana Depois")
    damaged = make_backup(database, BackupKind.AUTOMATIC, now=tomorrow + timedelta(days=1))
    clobber_table_page(damaged)
    return good, damaged, pinned.path


def _open_dialog(qtbot: QtBot, launcher: Launcher) -> DamagedFileDialog:
    launcher.start()
    # A page damaged inside a sound schema is found by the check that runs after the first paint.
    qtbot.waitUntil(lambda: launcher.damaged_dialog is not None)
    dialog = launcher.damaged_dialog
    assert isinstance(dialog, DamagedFileDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_the_newest_good_backup_is_offered_and_restored_keeping_the_damaged_file(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str], damage: str
) -> None:
    # Given a damaged file whose newest backup is damaged too
    good, damaged_backup, pinned = _history(launcher.database)
    DAMAGES[damage](launcher.database)
    damaged_bytes = launcher.database.read_bytes()

    # When Escola starts on it
    dialog = _open_dialog(qtbot, launcher)

    # Then the dialog says the file is damaged, nothing was changed, and where it is...
    assert dialog.headline.text() == "O arquivo de dados está danificado e não pode ser aberto."
    assert "O Escola não alterou nada no arquivo." in dialog.explanation.text()
    assert str(launcher.database) in dialog.findChild(type(dialog.headline), "caminho").text()
    # ...offers the good backups newest first, the newest checked, never the damaged one...
    options = dialog.findChildren(QRadioButton)
    assert [o.toolTip() for o in options] == [str(good), str(pinned)]
    assert options[0].isChecked()
    assert options[0].text().startswith("Restaurar a cópia de ") and "25 alunos" in options[0].text()
    assert "Escola 0.x" in options[1].text()
    assert str(damaged_backup) not in {o.toolTip() for o in options}
    assert dialog.left_out_label is not None
    assert dialog.left_out_label.text() == "1 cópia danificada, ou que esta versão não sabe abrir, não aparece aqui."
    assert "escola.sqlite3.danificado" in dialog.warning_label.text()
    assert dialog.findChild(QPushButton, "restaurar").text() == "Restaurar esta cópia"
    assert dialog.close_button.isDefault()
    assert launcher.window is None and launch_errors == []

    # When the secretary restores the checked copy
    with qtbot.waitSignal(launcher.window_opened):
        qtbot.mouseClick(dialog.findChild(QPushButton, "restaurar"), Qt.MouseButton.LeftButton)

    # Then the main window lists the backup's alunos, at head...
    window = launcher.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert _nomes(window) == _nomes_in(good)
    assert "Bianca Boa" in _nomes(window) and "Diana Depois" not in _nomes(window)
    assert HEAD in window.status_revision.text()
    # ...and the damaged file is kept aside byte for byte, as the status bar says.
    aside = launcher.database.with_name("escola.sqlite3.danificado")
    assert aside.read_bytes() == damaged_bytes
    assert window.statusBar().currentMessage() == (
        f"Cópia de segurança restaurada. O arquivo danificado foi guardado, sem alterações, em {aside}."
    )
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert launcher.damaged_dialog is None
    assert launch_errors == []


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_fechar_leaves_everything_untouched(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str], damage: str
) -> None:
    _history(launcher.database)
    DAMAGES[damage](launcher.database)
    before = _files(launcher.database.parent)
    dialog = _open_dialog(qtbot, launcher)

    with qtbot.waitSignal(launcher.failed) as failed:
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    assert failed.args == [2]
    assert launcher.window is None and launcher.dialog is None
    assert _files(launcher.database.parent) == before
    assert launch_errors == []


def test_an_older_good_backup_is_upgraded_before_opening(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    # Given a truncated file whose only backup is the pinned one from 0.x
    make_legacy_file(launcher.database, alunos=12)
    upgrade_to_head(launcher.database)
    [pinned] = list_backups(launcher.database)
    truncate(launcher.database)
    damaged_bytes = launcher.database.read_bytes()
    dialog = _open_dialog(qtbot, launcher)
    [option] = dialog.findChildren(QRadioButton)
    assert option.isChecked() and "Escola 0.x, 12 alunos" in option.text()
    assert dialog.left_out_label is None

    qtbot.mouseClick(dialog.findChild(QPushButton, "restaurar"), Qt.MouseButton.LeftButton)

    # Then the copy goes through the upgrade dialog, and only then the main window opens
    upgrade = launcher.dialog
    assert upgrade is not None and upgrade.isVisible()
    qtbot.waitUntil(lambda: upgrade.continue_button.isVisible() or upgrade.error_message is not None)
    assert upgrade.error_message is None
    qtbot.waitUntil(lambda: upgrade.continue_button.height() > 0)  # laid out: the click lands on it
    with qtbot.waitSignal(launcher.window_opened):
        qtbot.mouseClick(upgrade.findChild(QPushButton, "continuar"), Qt.MouseButton.LeftButton)
    window = launcher.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    # (the upgrade trims the spaces 0.x left around some nomes)
    assert _nomes(window) == {nome.strip() for nome in _nomes_in(pinned.path)} and len(_nomes(window)) == 12
    aside = launcher.database.with_name("escola.sqlite3.danificado")
    assert aside.read_bytes() == damaged_bytes
    assert str(aside) in window.statusBar().currentMessage()
    assert launch_errors == []


def test_without_a_good_backup_the_dialog_says_so_and_changes_nothing(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    # Given a damaged file whose only backup is damaged as well
    make_legacy_file(launcher.database, alunos=12)
    upgrade_to_head(launcher.database)
    [pinned] = list_backups(launcher.database)
    clobber_table_page(pinned.path)
    clobber_table_page(launcher.database)
    before = _files(launcher.database.parent)
    dialog = _open_dialog(qtbot, launcher)

    # Then it offers nothing, says where the file is and that nothing was changed
    assert dialog.findChildren(QRadioButton) == []
    assert dialog.findChild(QPushButton, "restaurar") is None
    text = dialog.warning_label.text()
    assert text.startswith("Não há cópia de segurança em bom estado deste arquivo")
    assert str(backups_dir(launcher.database)) in text
    assert f"Nada foi alterado: o arquivo danificado continua em {launcher.database}." in text
    assert dialog.left_out_label is not None
    assert dialog.close_button.isDefault()

    # Esc closes it like Fechar, touching nothing.
    with qtbot.waitSignal(launcher.failed):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert _files(launcher.database.parent) == before
    assert launch_errors == []


def test_a_file_that_is_not_sqlite_is_still_refused_with_a_message(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    launcher.database.write_text("uma planilha qualquer\n" * 40)
    with qtbot.waitSignal(launcher.failed):
        launcher.start()
    assert launcher.damaged_dialog is None
    assert len(launch_errors) == 1 and "não é um banco de dados SQLite" in launch_errors[0]
