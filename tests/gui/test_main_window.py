"""The main window, driven through its real buttons, dialogs and menus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.services import AlunoData, CursoData, Services
from escola_gui.gui import dialogs
from escola_gui.gui.dialogs import AlunoDialog, MatriculaDialog
from escola_gui.gui.main_window import GEOMETRY_KEY, MainWindow, RecordTab
from escola_gui.gui.table_models import ID_ROLE, SORT_ROLE
from tests.helpers.records import insert_matricula_without_date
from tests.helpers.revisions import HEAD

# The offscreen platform warns whenever a shown window's size hints change; harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

# What every confirmation of an aluno's deletion ends with (issue 4: it goes to the Lixeira).
LIXEIRA = " O aluno vai para a Lixeira e pode ser restaurado até a lixeira ser esvaziada."


def _open_dialog(qtbot: QtBot, window: MainWindow, kind: type[QDialog]) -> QDialog:
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [d for d in window.findChildren(kind) if d.isVisible()]
        return len(found) == 1

    qtbot.waitUntil(visible)
    return found[0]


def _texts(tab: RecordTab, column: int = 0) -> list[str]:
    return [tab.proxy.index(row, column).data() for row in range(tab.proxy.rowCount())]


def _click_row(qtbot: QtBot, tab: RecordTab, row: int) -> None:
    rect = tab.table.visualRect(tab.proxy.index(row, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _visit(window: MainWindow, *tabs: RecordTab) -> None:
    """Open each tab (as the user does through the sidebar; a tab is read when first shown),
    then come back to Alunos."""
    for tab in tabs:
        window.show_page(tab)
    window.show_page(window.alunos_tab)


def _click(qtbot: QtBot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_add_edit_and_delete_an_aluno(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = window.alunos_tab
    # Given an empty file, when the user adds an aluno through Novo
    _click(qtbot, tab.new_button)
    dialog = _open_dialog(qtbot, window, AlunoDialog)
    assert isinstance(dialog, AlunoDialog)
    qtbot.keyClicks(dialog.nome, "Joao da Silva")
    qtbot.keyClicks(dialog.email, "joao@escola.com.br")
    qtbot.keyClicks(dialog.cpf, "52998224725")
    _click(qtbot, dialog.save_button)
    # Then the table shows it, formatted, and selected
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 1)
    assert [tab.proxy.index(0, c).data() for c in range(7)] == [
        "Joao da Silva",
        "00000001",
        "joao@escola.com.br",
        "529.982.247-25",
        "",
        "",
        "Sim",
    ]
    aluno_id = tab.selected_id()
    assert aluno_id is not None

    # When they edit it (select the row, Editar) and fix the accent
    _click_row(qtbot, tab, 0)
    assert tab.edit_button.isEnabled()
    _click(qtbot, tab.edit_button)
    dialog = _open_dialog(qtbot, window, AlunoDialog)
    assert isinstance(dialog, AlunoDialog)
    assert dialog.nome.text() == "Joao da Silva"
    dialog.nome.setText("João Silva")
    _click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: _texts(tab) == ["João Silva"])

    # Given three matrículas, when they delete it and confirm
    for nome in ["Inglês", "Música", "Teatro"]:
        services.matriculas.create(aluno_id, services.cursos.create(CursoData(nome=nome)), date(2024, 2, 1))
    window.refresh_all()
    _visit(window, window.cursos_tab, window.matriculas_tab)
    assert _texts(window.cursos_tab, 2) == ["1", "1", "1"]
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda _parent, _title, text: questions.append(text) or True)
    _click_row(qtbot, tab, 0)
    _click(qtbot, tab.delete_button)

    # Then they were told what goes with it, and it is gone everywhere
    assert questions == ["Excluir o aluno João Silva? Também serão excluídas 3 matrículas." + LIXEIRA]
    assert tab.proxy.rowCount() == 0
    assert window.matriculas_tab.proxy.rowCount() == 0
    assert _texts(window.cursos_tab, 2) == ["0", "0", "0"]
    assert not tab.edit_button.isEnabled()


def test_declining_the_confirmation_keeps_the_aluno(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.alunos.create(AlunoData(nome="Maria"))
    window.refresh_all()
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda _p, _t, text: questions.append(text) and False)
    _click_row(qtbot, window.alunos_tab, 0)

    window.action_excluir.trigger()

    assert questions == ["Excluir o aluno Maria?" + LIXEIRA]
    assert _texts(window.alunos_tab) == ["Maria"]


def test_search_ignores_accents(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    for nome in ["João Pereira", "Maria Joana", "Pedro"]:
        services.alunos.create(AlunoData(nome=nome))
    window.refresh_all()
    assert window.alunos_tab.search.placeholderText() == "Buscar por nome…"

    qtbot.keyClicks(window.alunos_tab.search, "joao")

    qtbot.waitUntil(lambda: _texts(window.alunos_tab) == ["João Pereira"])


def test_edit_and_delete_are_disabled_without_a_selection(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    services.alunos.create(AlunoData(nome="Maria"))
    window.refresh_all()
    for tab in (window.alunos_tab, window.cursos_tab, window.matriculas_tab):
        assert tab.new_button.isEnabled()
        assert not tab.edit_button.isEnabled()
        assert not tab.delete_button.isEnabled()
    assert not window.action_excluir.isEnabled()

    _click_row(qtbot, window.alunos_tab, 0)

    assert window.alunos_tab.edit_button.isEnabled()
    assert window.alunos_tab.delete_button.isEnabled()
    assert window.action_excluir.isEnabled()
    window.show_page(window.cursos_tab)
    assert not window.action_excluir.isEnabled()


def test_documents_typed_in_the_dialog_reach_the_table_and_the_search(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    """Given the Novo aluno form, when the user types a RA and a NIS on the Documentos tab and
    saves, then the table shows the RA beside the nome and a search by the RA's start finds it."""
    tab = window.alunos_tab
    services.alunos.create(AlunoData(nome="Bruno"))
    window.refresh_all()
    _click(qtbot, tab.new_button)
    dialog = _open_dialog(qtbot, window, AlunoDialog)
    assert isinstance(dialog, AlunoDialog) and dialog.tabs is not None
    qtbot.keyClicks(dialog.nome, "Ana Souza")
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    qtbot.keyClicks(dialog.ra, "SP-2024-017")
    qtbot.keyClicks(dialog.nis, "469.52280.63-7")
    _click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 2)
    assert [(tab.proxy.index(r, 0).data(), tab.proxy.index(r, 1).data()) for r in range(2)] == [
        ("Ana Souza", "SP-2024-017"),
        ("Bruno", "00000001"),
    ]
    aluno_id = tab.selected_id()
    assert aluno_id is not None and services.alunos.get(aluno_id).nis == "46952280637"

    qtbot.keyClicks(tab.search, "SP-2024")
    qtbot.waitUntil(lambda: _texts(tab) == ["Ana Souza"])


def test_renaming_an_aluno_refreshes_the_matriculas_tab(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    services.matriculas.create(aluno_id, services.cursos.create(CursoData(nome="Inglês")), date(2024, 2, 1))
    window.refresh_all()
    _visit(window, window.matriculas_tab)
    assert _texts(window.matriculas_tab) == ["Ana"]

    index = window.alunos_tab.proxy.index(0, 0)
    _click_row(qtbot, window.alunos_tab, 0)  # a real double click starts with a press
    qtbot.mouseDClick(
        window.alunos_tab.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.alunos_tab.table.visualRect(index).center(),
    )
    dialog = _open_dialog(qtbot, window, AlunoDialog)
    assert isinstance(dialog, AlunoDialog)
    qtbot.keyClick(dialog.nome, Qt.Key.Key_End)  # the focused field starts with its text selected
    qtbot.keyClicks(dialog.nome, " Beatriz")
    _click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: _texts(window.matriculas_tab) == ["Ana Beatriz"])


def test_enrol_through_the_matricula_dialog(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    window.refresh_all()
    window.show_page(window.matriculas_tab)

    _click(qtbot, window.matriculas_tab.new_button)
    dialog = _open_dialog(qtbot, window, MatriculaDialog)
    assert isinstance(dialog, MatriculaDialog)
    dialog.select(dialog.aluno, ana)
    dialog.select(dialog.curso, ingles)
    dialog.data_matricula.setDate(date(2024, 2, 1))
    _click(qtbot, dialog.save_button)

    qtbot.waitUntil(lambda: window.matriculas_tab.proxy.rowCount() == 1)
    assert [window.matriculas_tab.proxy.index(0, c).data() for c in range(3)] == [
        "Ana",
        "Inglês",
        "01/02/2024",
    ]
    window.show_page(window.cursos_tab)
    assert _texts(window.cursos_tab, 2) == ["1"]


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
    monkeypatch.setattr(dialogs, "show_about", lambda _parent, title, text: shown.append((title, text)))

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
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_: True)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, _title, text: errors.append(text))
    _click_row(qtbot, window.alunos_tab, 0)

    _click(qtbot, window.alunos_tab.delete_button)

    [message] = errors
    assert message.startswith("Não foi possível concluir a operação")
    assert "disk on fire" not in message
    assert "disk on fire" in caplog.text
    assert _texts(window.alunos_tab) == ["Maria"]


def test_geometry_is_saved_on_close(window: MainWindow) -> None:
    window.resize(700, 500)
    window.close()
    assert QSettings("Escola", "Escola").value(GEOMETRY_KEY)


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
    assert _texts(tab) == ["Bruno", "Ana"]
    tab.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert _texts(tab) == ["Ana", "Bruno"]

    # When the secretary opens it
    assert tab.select_id(sem_data)
    _click(qtbot, tab.edit_button)
    dialog = _open_dialog(qtbot, window, MatriculaDialog)
    assert isinstance(dialog, MatriculaDialog)
    # Then the date field shows it is empty, with a note, and the observações are there
    assert (dialog.data_matricula.text(), dialog.data_matricula.placeholderText()) == ("", "não informada")
    assert dialog.aviso_data.isVisible()
    assert dialog.observacoes.toPlainText() == "Data original: 31/02/2021"

    # When they save it as it is, the form says the date is needed
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.error_text("data_matricula") == "Informe a data da matrícula."
    assert services.matriculas.get(sem_data).data_matricula is None

    # When they give it a date, it is saved and the table shows it
    dialog.data_matricula.setDate(date(2021, 2, 28))
    _click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.matriculas.get(sem_data).data_matricula == date(2021, 2, 28)
    assert tab.selected_id() == sem_data
    row = tab.table.selectionModel().selectedRows()[0].row()
    assert tab.proxy.index(row, 2).data() == "28/02/2021"


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


def test_sorting_uses_raw_values(window: MainWindow, services: Services) -> None:
    services.alunos.create(AlunoData(nome="Érica", data_nascimento=date(2009, 12, 31)))
    services.alunos.create(AlunoData(nome="Bruno", data_nascimento=date(2010, 1, 1)))
    services.alunos.create(AlunoData(nome="Zeca", data_nascimento=date(2008, 5, 1)))
    window.refresh_all()
    tab = window.alunos_tab

    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _texts(tab) == ["Bruno", "Érica", "Zeca"]
    tab.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    assert _texts(tab, 5) == ["01/05/2008", "31/12/2009", "01/01/2010"]
    assert tab.proxy.index(0, 5).data(SORT_ROLE) == "2008-05-01"


def test_the_ra_column_sorts_numbers_as_numbers(window: MainWindow, services: Services) -> None:
    """Given RAs typed with numbers of different lengths, when the user sorts by RA, then
    "SP-9" comes before "SP-10"; Nome stays the first column and the default sort."""
    for nome, ra in (("Ana", "SP-10"), ("Bruno", "SP-9"), ("Carla", "00000003")):
        services.alunos.create(AlunoData(nome=nome, ra=ra))
    window.refresh_all()
    tab = window.alunos_tab
    assert tab.model.headerData(1, Qt.Orientation.Horizontal) == "RA"
    assert _texts(tab) == ["Ana", "Bruno", "Carla"]

    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)

    assert _texts(tab, 1) == ["00000003", "SP-9", "SP-10"]


def test_names_with_numbers_sort_as_people_count(window: MainWindow, services: Services) -> None:
    for nome in ["Turma 10", "Turma 2", "turma 1"]:
        services.cursos.create(CursoData(nome=nome))
    window.refresh_all()
    window.show_page(window.cursos_tab)

    window.cursos_tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    assert _texts(window.cursos_tab) == ["turma 1", "Turma 2", "Turma 10"]


def test_deleting_an_aluno_names_the_responsaveis_that_go_with_it(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given Ana with her own tio and a mãe shared with her brother, the confirmation names
    the tio (deleted with Ana) and not the mãe (she stays for Bruno)."""
    from escola_gui.core.services import ResponsavelData

    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    mae = services.responsaveis.save_for_aluno(ana, ResponsavelData("Maria"), "mae", legal=True)
    services.responsaveis.link(bruno, mae, "mae", legal=True)
    services.responsaveis.save_for_aluno(ana, ResponsavelData("Carlos"), "tio", False)
    window.refresh_all()
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda _p, _t, text: questions.append(text) and False)
    _click_row(qtbot, window.alunos_tab, 0)

    window.action_excluir.trigger()

    assert questions == [
        "Excluir o aluno Ana? Também será excluído o responsável Carlos, que não tem outro aluno." + LIXEIRA
    ]


def test_sidebar_reaches_every_page_and_a_year_flows_through_them(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    from escola_gui.core.escolar import AnoLetivoData, TurmaData

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


def test_deleting_an_aluno_names_the_school_years_that_go_with_it(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from escola_gui.core.escolar import (
        AnoLetivoData,
        HistoricoExternoData,
        Lancamento,
        LancamentoFrequencia,
        TurmaData,
    )

    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    mat = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(mat, 160)])
    aluno = services.alunos.create(AlunoData(nome="Maria"))
    (enturmacao,) = services.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    p1, p2, *_ = services.anos_letivos.periodos(ano)
    services.diario.lancar_notas(
        turma,
        mat,
        [Lancamento(enturmacao, "nota", Decimal("7.5"), p1.id), Lancamento(enturmacao, "nota", Decimal("8"), p2.id)],
    )
    services.diario.lancar_frequencia(turma, mat, p1.id, [LancamentoFrequencia(enturmacao, 40, 2)])
    services.historicos_externos.create(
        aluno, HistoricoExternoData(ano=2025, serie="5º ano", escola="EM Vila Nova", situacao="aprovado")
    )
    window.refresh_all()
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda _p, _t, text: questions.append(text) and False)
    _click_row(qtbot, window.alunos_tab, 0)

    window.action_excluir.trigger()

    assert questions == [
        "Excluir o aluno Maria? Também serão excluídos o histórico nas turmas (1 matrícula(s) em turma), "
        "2 nota(s) e 1 registro(s) de frequência. "
        "Também serão excluídos 1 ano(s) cursado(s) em outras escolas, do histórico." + LIXEIRA
    ]
    assert services.diario.boletim(enturmacao).linhas[0].notas[:2] == (Decimal("7.5"), Decimal("8.0"))
