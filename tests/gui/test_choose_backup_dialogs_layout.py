"""The newer-file and damaged-file dialogs open as tall as their wrapped texts need at their
width: no empty band above the buttons (their size hint measured the texts narrower)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from escola_gui.gui.launch.damaged_file_dialog import DamagedFileDialog
from escola_gui.gui.launch.newer_file_dialog import NewerFileDialog
from escola_gui.storage.file.backups import BackupInfo, BackupKind
from escola_gui.storage.file.launch_check import Classification, DatabaseState

DATABASE = Path("/home/secretaria/.local/share/escola/escola.sqlite3")
BACKUPS = [
    BackupInfo(
        DATABASE.parent / "backups" / f"escola-0012-2026112{i}-101500.sqlite3",
        datetime(2026, 11, 20 + i, 10, 15),
        BackupKind.AUTOMATIC,
        "1.1.0",
        "0012",
        120,
        700_000,
    )
    for i in range(3)
]


def _newer(backups: list[BackupInfo]) -> QDialog:
    c = Classification(DATABASE, DatabaseState.NEWER, "0015", "0012", written_by="1.4.0")
    return NewerFileDialog(c, backups, Path("/tmp/escola.log"))


def _damaged(backups: list[BackupInfo]) -> QDialog:
    c = Classification(DATABASE, DatabaseState.UNREADABLE, None, "0012", reason="erro", damaged=True)
    return DamagedFileDialog(c, backups, Path("/tmp/escola.log"))


@pytest.mark.parametrize("make", [_newer, _damaged], ids=["newer", "damaged"])
@pytest.mark.parametrize("backups", [[], BACKUPS], ids=["no-backup", "backups"])
def test_no_empty_band_above_the_buttons(qtbot: QtBot, make, backups: list[BackupInfo]) -> None:
    dialog = make(backups)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    log_label = dialog.findChild(QLabel, "registro")
    buttons = dialog.findChild(QDialogButtonBox)
    gap = buttons.geometry().top() - log_label.geometry().bottom()
    assert 0 < gap <= 2 * dialog.layout().spacing() + 2, gap
    assert dialog.width() == dialog.minimumWidth()
