"""The Cursos and Matrículas em cursos pages, driven through the main window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.services import Services
from escola_gui.gui.forms.matricula import MatriculaDialog
from escola_gui.gui.main_window import MainWindow
from tests.helpers.lists import click, open_dialog, texts
from tests.helpers.records import insert_matricula_without_date

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_enrol_through_the_matricula_dialog(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    window.refresh_all()
    window.show_page(window.matriculas_tab)

    click(qtbot, window.matriculas_tab.new_button)
    dialog = open_dialog(qtbot, window, MatriculaDialog)
    assert isinstance(dialog, MatriculaDialog)
    dialog.select(dialog.aluno, ana)
    dialog.select(dialog.curso, ingles)
    dialog.data_matricula.setDate(date(2024, 2, 1))
    click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: window.matriculas_tab.proxy.rowCount() == 1)
    assert [window.matriculas_tab.proxy.index(0, c).data() for c in range(3)] == [
        "Ana",
        "Inglês",
        "01/02/2024",
    ]
    window.show_page(window.cursos_tab)
    assert texts(window.cursos_tab, 2) == ["1"]


def test_matricula_without_a_date_is_shown_and_must_get_one_when_edited(
    qtbot: QtBot, window: MainWindow, services: Services, head_db: Path
) -> None:
    # Given an upgraded 0.x file with one matrícula whose date could not be read
    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    services.matriculas.create(ana, ingles, date(2024, 2, 1))
    sem_data = insert_matricula_without_date(head_db, bruno, ingles)
    window.refresh_all()
    tab = window.matriculas_tab
    window.show_page(tab)

    # Then the table says the date is missing and shows where the original text went
    assert [[tab.proxy.index(row, c).data() for c in range(4)] for row in range(2)] == [
        ["Ana", "Inglês", "01/02/2024", ""],
        ["Bruno", "Inglês", "não informada", "Data original: 31/02/2021"],
    ]
    # and sorting by date puts it first, without tripping over the missing value
    tab.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert texts(tab) == ["Bruno", "Ana"]
    tab.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert texts(tab) == ["Ana", "Bruno"]

    # When the secretary opens it
    assert tab.select_id(sem_data)
    click(qtbot, tab.edit_button)
    dialog = open_dialog(qtbot, window, MatriculaDialog)
    assert isinstance(dialog, MatriculaDialog)
    # Then the date field shows it is empty, with a note, and the observações are there
    assert (dialog.data_matricula.text(), dialog.data_matricula.placeholderText()) == ("", "não informada")
    assert dialog.aviso_data.isVisible()
    assert dialog.observacoes.toPlainText() == "Data original: 31/02/2021"

    # When they save it as it is, the form says the date is needed
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.error_text("data_matricula") == "Informe a data da matrícula."
    assert services.matriculas.get(sem_data).data_matricula is None

    # When they give it a date, it is saved and the table shows it
    dialog.data_matricula.setDate(date(2021, 2, 28))
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.matriculas.get(sem_data).data_matricula == date(2021, 2, 28)
    assert tab.selected_id() == sem_data
    row = tab.table.selectionModel().selectedRows()[0].row()
    assert tab.proxy.index(row, 2).data() == "28/02/2021"


def test_names_with_numbers_sort_as_people_count(window: MainWindow, services: Services) -> None:
    for nome in ["Turma 10", "Turma 2", "turma 1"]:
        services.cursos.create(CursoData(nome=nome))
    window.refresh_all()
    window.show_page(window.cursos_tab)

    window.cursos_tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    assert texts(window.cursos_tab) == ["turma 1", "Turma 2", "Turma 10"]
