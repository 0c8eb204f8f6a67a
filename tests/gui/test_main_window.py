"""The main window, driven through its real buttons, dialogs and menus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.services import Services
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.main_window import GEOMETRY_KEY, MainWindow
from escola_gui.gui.table_models import ID_ROLE
from escola_gui.gui.toolkit import messages
from tests.helpers.lists import click, click_row, open_dialog, texts, visit
from tests.helpers.records import insert_matricula_without_date
from tests.helpers.revisions import HEAD

# The offscreen platform warns whenever a shown window's size hints change; harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_edit_and_delete_are_disabled_without_a_selection(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    services.alunos.create(AlunoData(nome="Maria"))
    window.refresh_all()
    for tab in (window.alunos_tab, window.cursos_tab, window.matriculas_tab):
        assert tab.new_button.isEnabled()
        assert not tab.edit_button.isEnabled()
        assert not tab.delete_button.isEnabled()
    assert not window.action_excluir.isEnabled()

    click_row(qtbot, window.alunos_tab, 0)

    assert window.alunos_tab.edit_button.isEnabled()
    assert window.alunos_tab.delete_button.isEnabled()
    assert window.action_excluir.isEnabled()
    window.show_page(window.cursos_tab)
    assert not window.action_excluir.isEnabled()


def test_renaming_an_aluno_refreshes_the_matriculas_tab(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    services.matriculas.create(aluno_id, services.cursos.create(CursoData(nome="Inglês")), date(2024, 2, 1))
    window.refresh_all()
    visit(window, window.matriculas_tab)
    assert texts(window.matriculas_tab) == ["Ana"]

    index = window.alunos_tab.proxy.index(0, 0)
    click_row(qtbot, window.alunos_tab, 0)  # a real double click starts with a press
    qtbot.mouseDClick(
        window.alunos_tab.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.alunos_tab.table.visualRect(index).center(),
    )
    dialog = open_dialog(qtbot, window, AlunoDialog)
    assert isinstance(dialog, AlunoDialog)
    qtbot.keyClick(dialog.nome, Qt.Key.Key_End)  # the focused field starts with its text selected
    qtbot.keyClicks(dialog.nome, " Beatriz")
    click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: texts(window.matriculas_tab) == ["Ana Beatriz"])


def test_ctrl_f_focuses_the_search_of_the_current_tab(window: MainWindow) -> None:
    window.show_page(window.cursos_tab)
    assert window.action_buscar.shortcut().toString() == "Ctrl+F"

    window.action_buscar.trigger()

    assert window.focusWidget() is window.cursos_tab.search


def test_menu_shortcuts(window: MainWindow) -> None:
    assert window.action_novo_aluno.shortcut().toString() == "Ctrl+N"
    assert window.action_sair.shortcut().toString() == "Ctrl+Q"
    assert window.action_excluir.shortcut().toString() == "Del"


def test_status_bar_shows_path_and_revision(window: MainWindow, info: DatabaseInfo) -> None:
    assert str(info.path) in window.status_path.text()
    assert window.status_revision.text() == f"Revisão do esquema: {HEAD}"
    assert window.status_path.isVisible() and window.status_revision.isVisible()


def test_about_shows_version_revision_and_path(
    window: MainWindow, info: DatabaseInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_about", lambda _parent, title, text: shown.append((title, text)))

    window.action_sobre.trigger()

    [(title, text)] = shown
    assert title == "Sobre o Escola"
    assert "1.0.0" in text
    assert f"Revisão do esquema: {HEAD}" in text
    assert str(info.path) in text


def test_unexpected_errors_are_logged_and_shown_in_portuguese(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    services.alunos.create(AlunoData(nome="Maria"))
    window.refresh_all()

    def broken(_aluno_id: int) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services.alunos, "delete", broken)
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_: True)
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: errors.append(text))
    click_row(qtbot, window.alunos_tab, 0)

    click(qtbot, window.alunos_tab.delete_button)

    [message] = errors
    assert message.startswith("Não foi possível concluir a operação")
    assert "disk on fire" not in message
    assert "disk on fire" in caplog.text
    assert texts(window.alunos_tab) == ["Maria"]


def test_geometry_is_saved_on_close(window: MainWindow) -> None:
    window.resize(700, 500)
    window.close()
    assert QSettings("Escola", "Escola").value(GEOMETRY_KEY)


def test_table_models_pass_the_model_tester(  # type: ignore[no-untyped-def]
    qtmodeltester, window: MainWindow, services: Services, head_db: Path
) -> None:
    ana = services.alunos.create(
        AlunoData(nome="Ana", email="ana@x.com.br", cpf="52998224725", data_nascimento=date(2010, 1, 2))
    )
    bruno = services.alunos.create(AlunoData(nome="Bruno", ativo=False, telefones=("3333-4444",)))
    ingles = services.cursos.create(CursoData(nome="Inglês", descricao="Linha 1\nLinha 2", carga_horaria=40))
    artes = services.cursos.create(CursoData(nome="Artes"))
    services.matriculas.create(ana, ingles, date(2024, 2, 1))
    services.matriculas.create(bruno, ingles, date(2024, 1, 5), "Bolsa\nparcial")
    insert_matricula_without_date(head_db, ana, artes)  # a None date and text in every column
    window.refresh_all()

    for tab, rows in ((window.alunos_tab, 2), (window.cursos_tab, 2), (window.matriculas_tab, 3)):
        window.show_page(tab)
        assert tab.model.rowCount() == rows
        qtmodeltester.check(tab.model)
        qtmodeltester.check(tab.proxy)
        assert tab.proxy.index(0, 0).data(ID_ROLE) is not None
        assert tab.model.index(0, 0, QModelIndex()).isValid()
        for column in range(tab.proxy.columnCount()):
            tab.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
            assert tab.proxy.rowCount() == rows


def test_sidebar_reaches_every_page_and_a_year_flows_through_them(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    from escola_gui.core.escola import AnoLetivoData
    from escola_gui.core.turmas import TurmaData

    titles = [window.navegacao.item(i).text() for i in range(window.navegacao.count())]
    assert titles == [
        "Alunos",
        "Turmas",
        "Notas",
        "Frequência",
        "Relatórios",
        "Cursos",
        "Matrículas em cursos",
        "Configurações",
        "Lixeira",
    ]
    # Without an ano letivo, Turmas points to Configurações, and the window goes there.
    window.navegacao.setCurrentRow(1)
    assert window.pages.currentWidget() is window.turmas_page
    window.turmas_page.configurar_requested.emit()
    assert window.pages.currentWidget() is window.configuracoes_page

    # A turma made elsewhere shows on the Turmas and Notas pages as soon as they are opened.
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    mat = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(mat, 160)])
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    services.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    window.navegacao.setCurrentRow(2)
    assert window.notas_page.showing_grid
    assert window.notas_page.model.index(0, 0).data() == "Ana Souza"
    window.navegacao.setCurrentRow(1)
    assert [
        window.turmas_page.turma_model.index(r, 0).data() for r in range(window.turmas_page.turma_model.rowCount())
    ] == ["6º ano A"]


def test_export_the_list_of_the_current_page(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from escola_gui.gui import exportar

    services.alunos.create(AlunoData(nome="Conceição Gonçalves", cpf="52998224725"))
    window.refresh_alunos()
    target = tmp_path / "alunos.csv"
    asked: list[str] = []

    def ask(_parent: object, _title: str, suggested: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(exportar, "ask_export_path", ask)
    window.action_exportar_lista.trigger()
    assert Path(asked[0]).name == "alunos.xlsx"
    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Nome;RA")
    assert "Conceição Gonçalves" in text and "529.982.247-25" in text
    assert "1 linha exportada" in window.statusBar().currentMessage()

    window.show_page(window.relatorios_page)
    assert not window.action_exportar_lista.isEnabled()
