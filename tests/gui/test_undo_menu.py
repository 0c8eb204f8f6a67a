"""The main window's Editar → Desfazer/Refazer, which follow the history of the page shown."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from escola_gui.core.services import Services
from escola_gui.gui.main_window import MainWindow
from tests.gui.test_diario import _go, _make_turma, _stored_notas, _type

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = Decimal
NOTA_DE_ANA = "Nota de Ana Souza em Língua Portuguesa, 1º bimestre"


def _menu_texts(window: MainWindow) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Editar")
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_editar_menu_undoes_and_redoes_the_page_shown(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    turma = _make_turma(services)
    desfazer, refazer = window.action_desfazer, window.action_refazer
    # On Alunos, which keeps no history: there, but disabled
    assert _menu_texts(window)[:2] == ["&Desfazer", "&Refazer"]
    assert not desfazer.isEnabled() and not refazer.isEnabled()
    assert desfazer.shortcut().toString() == "Ctrl+Z"
    assert [k.toString() for k in refazer.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]

    window.show_page(window.notas_page)
    view = window.notas_page.table
    assert not desfazer.isEnabled()
    _go(view, 0, 1)
    _type(qtbot, view, "8")
    assert desfazer.isEnabled() and desfazer.text() == f"&Desfazer {NOTA_DE_ANA}"
    assert not refazer.isEnabled() and refazer.text() == "&Refazer"

    desfazer.trigger()
    assert _stored_notas(services, turma, 0)[0] is None
    assert not desfazer.isEnabled() and refazer.isEnabled()
    assert refazer.text() == f"&Refazer {NOTA_DE_ANA}"

    # Frequência has its own history, empty; back on Notas, the redo waits
    window.show_page(window.frequencia_page)
    assert not desfazer.isEnabled() and not refazer.isEnabled()
    window.show_page(window.notas_page)  # shown again: reloaded, the history kept
    assert refazer.isEnabled()

    # Ctrl+Shift+Z from elsewhere on the page (the turma selector) goes through the menu
    window.notas_page.turma_combo.setFocus()
    qtbot.keyClick(
        window.notas_page.turma_combo,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _stored_notas(services, turma, 0)[0] == D("8.0")
    assert desfazer.text() == f"&Desfazer {NOTA_DE_ANA}"

    window.show_page(window.alunos_tab)
    assert not desfazer.isEnabled() and desfazer.text() == "&Desfazer"
