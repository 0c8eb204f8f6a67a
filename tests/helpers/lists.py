"""Driving the record lists (Alunos, Cursos, Matrículas em cursos) of a main window as the user does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.record_list import RecordTab

# What every confirmation of an aluno's deletion ends with (issue 4: it goes to the Lixeira).
LIXEIRA = " O aluno vai para a Lixeira e pode ser restaurado até a lixeira ser esvaziada."


def open_dialog(qtbot: QtBot, window: MainWindow, kind: type[QDialog]) -> QDialog:
    """The one dialog of ``kind`` shown over ``window``, once it shows."""
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [d for d in window.findChildren(kind) if d.isVisible()]
        return len(found) == 1

    qtbot.waitUntil(visible)
    return found[0]


def texts(tab: RecordTab, column: int = 0) -> list[str]:
    return [tab.proxy.index(row, column).data() for row in range(tab.proxy.rowCount())]


def click_row(qtbot: QtBot, tab: RecordTab, row: int) -> None:
    rect = tab.table.visualRect(tab.proxy.index(row, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def visit(window: MainWindow, *tabs: RecordTab) -> None:
    """Open each tab (as the user does through the sidebar; a tab is read when first shown),
    then come back to Alunos."""
    for tab in tabs:
        window.show_page(tab)
    window.show_page(window.alunos_tab)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
