"""Years done in other schools on the Histórico tab of the aluno form, driven as a user would:
click Adicionar, type in the fields and the table of disciplinas, click Salvar, read the tree."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.historico_externo import DisciplinaExternaData, HistoricoExternoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.forms.aluno_historico import HISTORICO_EXTERNO_ROLE, HistoricoPanel
from escola_gui.gui.forms.historico_externo import DisciplinasExternasModel, HistoricoExternoDialog
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.printing import render, save_pdf
from escola_gui.gui.toolkit import messages

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


# --- helpers ----------------------------------------------------------------------------


def _aluno_dialog(qtbot: QtBot, window: MainWindow, aluno_id: int | None) -> AlunoDialog:
    """The form as the main window builds it (every tab, the years of other schools included)."""
    dialog = window.alunos_tab.make_aluno_dialog(aluno_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _historico_tab(qtbot: QtBot, dialog: AlunoDialog) -> HistoricoPanel:
    assert dialog.tabs is not None and dialog.historico is not None
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(dialog.tabs.indexOf(dialog.historico)).center())
    assert dialog.tabs.currentWidget() is dialog.historico
    return dialog.historico


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; QTest knows only ASCII keys, so accented letters go as key
    events that carry their text, as a keyboard's dead keys end up."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def _opened(qtbot: QtBot, panel: HistoricoPanel) -> HistoricoExternoDialog:
    dialog = panel.dialog
    assert isinstance(dialog, HistoricoExternoDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _type_in_cell(
    qtbot: QtBot, dialog: HistoricoExternoDialog, row: int, column: int, text: str, enter: bool = True
) -> None:
    """Double-click the cell, type over what it holds and press Enter (unless ``enter`` is False:
    the cell is left being edited)."""
    view = dialog.tabela
    center = view.visualRect(dialog.modelo.index(row, column)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    [editor] = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    _type(qtbot, editor, text)
    if enter:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()  # the delegate commits the cell on the next turn of the event loop


def _add_disciplina(qtbot: QtBot, dialog: HistoricoExternoDialog, *cells: str) -> None:
    _click(qtbot, dialog.adicionar_disciplina)
    row = dialog.modelo.rowCount() - 1
    for column, text in enumerate(cells):
        _type_in_cell(qtbot, dialog, row, column, text)


def _error(dialog: HistoricoExternoDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"erro_{field}")
    assert label is not None
    return label.text() if not label.isHidden() else ""


def _tree(panel: HistoricoPanel) -> list[tuple[str, list[tuple[str, ...]]]]:
    """Each year's row (first cell) with its disciplinas' cells, newest first."""
    assert panel.model is not None
    result = []
    for row, year in enumerate(panel.year_items()):
        cells = tuple(panel.model.item(row, c).text() for c in range(1, 4))
        children = [tuple(year.child(i, c).text() for c in range(4)) for i in range(year.rowCount())]
        result.append((f"{year.text()} | {' | '.join(cells)}", children))
    return result


def _select_year(qtbot: QtBot, panel: HistoricoPanel, title_start: str) -> None:
    assert panel.tree is not None
    item = next(i for i in panel.year_items() if i.text().startswith(title_start))
    rect = panel.tree.visualRect(item.index())
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _externo(aluno: int, services: Services, **changes: object) -> int:
    data = {
        "ano": 2024,
        "serie": "4º ano",
        "escola": "EMEF Professora Maria José",
        "situacao": "aprovado",
        "municipio": "São José dos Campos",
        "uf": "SP",
        "disciplinas": (DisciplinaExternaData("Língua Portuguesa", "8,5", None, 200),),
    }
    return services.historicos_externos.create(aluno, HistoricoExternoData(**{**data, **changes}))  # type: ignore[arg-type]


# --- adding -----------------------------------------------------------------------------


def test_add_a_year_of_another_school_with_two_disciplinas(  # type: ignore[no-untyped-def]
    qtbot: QtBot, qtmodeltester, window: MainWindow, services: Services, errors: list[tuple[str, str]]
) -> None:
    # Given a saved aluno with no year yet, the form open on the Histórico tab
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    panel = _historico_tab(qtbot, _aluno_dialog(qtbot, window, aluno))
    sentence = panel.findChild(QLabel, "sem_historico")
    assert sentence is not None and sentence.isVisible()
    assert panel.adicionar is not None and panel.adicionar.isEnabled()
    assert panel.editar is not None and not panel.editar.isEnabled()

    # When the secretary adds the 4º ano of 2024 as the documents give it
    _click(qtbot, panel.adicionar)
    dialog = _opened(qtbot, panel)
    assert dialog.windowTitle() == "Ano cursado em outra escola"
    dialog.ano.setValue(2024)
    _type(qtbot, dialog.serie, "4º ano")
    _type(qtbot, dialog.escola, "EMEF Professora Maria José")
    _type(qtbot, dialog.municipio, "São José dos Campos")
    dialog.uf.setCurrentIndex(dialog.uf.findData("SP"))
    dialog.situacao.setCurrentIndex(dialog.situacao.findData("aprovado"))
    _type(qtbot, dialog.frequencia, "92,5")
    dialog.carga_horaria_total.setValue(800)
    _add_disciplina(qtbot, dialog, "Língua Portuguesa", "8,5", "200")
    _add_disciplina(qtbot, dialog, "Arte", "Apto")
    _click(qtbot, dialog.adicionar_disciplina)  # one row too many, left blank
    qtmodeltester.check(dialog.modelo)
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)

    # Then it is saved, the blank row dropped
    [row] = services.historicos_externos.list_for_aluno(aluno)
    assert row.dados == HistoricoExternoData(
        ano=2024,
        serie="4º ano",
        escola="EMEF Professora Maria José",
        situacao="aprovado",
        municipio="São José dos Campos",
        uf="SP",
        frequencia=Decimal("92.5"),
        carga_horaria_total=800,
        observacoes=None,
        disciplinas=(
            DisciplinaExternaData("Língua Portuguesa", Decimal("8.5"), None, 200),
            DisciplinaExternaData("Arte", None, "Apto", None),
        ),
    )
    # And the tree shows it, marked as another school's, and selected
    assert panel.tree is not None and panel.tree.isVisible() and not sentence.isVisible()
    assert _tree(panel) == [
        (
            "2024 — 4º ano — outra escola: EMEF Professora Maria José |  | 92,5 % | Aprovado",
            [("Língua Portuguesa", "8,5", "", ""), ("Arte", "Apto", "", "")],
        )
    ]
    assert panel.selected_historico_id() == row.id
    assert panel.editar.isEnabled() and panel.excluir is not None and panel.excluir.isEnabled()
    assert panel.model is not None
    qtmodeltester.check(panel.model)


def test_a_bad_media_is_refused_with_the_reason(
    qtbot: QtBot, window: MainWindow, services: Services, errors: list[tuple[str, str]]
) -> None:
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    panel = _historico_tab(qtbot, _aluno_dialog(qtbot, window, aluno))
    _click(qtbot, panel.adicionar)
    dialog = _opened(qtbot, panel)
    _type(qtbot, dialog.serie, "4º ano")
    _type(qtbot, dialog.escola, "EMEF Vizinha")
    dialog.situacao.setCurrentIndex(dialog.situacao.findData("retido"))
    _add_disciplina(qtbot, dialog, "Língua Portuguesa", "7,0")
    _add_disciplina(qtbot, dialog, "Matemática", "11")

    # When Salvar is clicked
    _click(qtbot, dialog.save_button)

    # Then the dialog stays open with the reason under the table, the cell at fault current
    assert dialog.isVisible()
    assert _error(dialog, "disciplinas") == "Matemática: a média deve estar entre 0 e 10."
    current = dialog.tabela.currentIndex()
    assert (current.row(), current.column()) == (1, DisciplinasExternasModel.RESULTADO)
    assert dialog.focusWidget() is dialog.tabela
    assert services.historicos_externos.list_for_aluno(aluno) == []

    # And once corrected it saves, even with the cell still being typed in (no Enter)
    _type_in_cell(qtbot, dialog, 1, DisciplinasExternasModel.RESULTADO, "10", enter=False)
    with qtbot.waitSignal(dialog.accepted):
        dialog.button_box.accepted.emit()  # as the Enter of the default button does, focus staying put
    [row] = services.historicos_externos.list_for_aluno(aluno)
    assert [d.media for d in row.dados.disciplinas] == [Decimal("7.0"), Decimal("10.0")]
    assert errors == []


def test_fields_in_error_are_named_in_portuguese(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    _externo(aluno, services)
    panel = _historico_tab(qtbot, _aluno_dialog(qtbot, window, aluno))
    _click(qtbot, panel.adicionar)
    dialog = _opened(qtbot, panel)
    _click(qtbot, dialog.save_button)
    assert (_error(dialog, "serie"), _error(dialog, "escola"), _error(dialog, "situacao")) == (
        "Informe a série/ano, como 6º ano.",
        "Informe o nome da escola onde o ano foi cursado.",
        "Escolha a situação na lista.",
    )
    assert dialog.focusWidget() is dialog.serie
    # The same ano and série twice, a frequência above 100 and a repeated disciplina
    dialog.ano.setValue(2024)
    _type(qtbot, dialog.serie, "4º ano")
    _type(qtbot, dialog.escola, "Outra")
    dialog.situacao.setCurrentIndex(0)
    _type(qtbot, dialog.frequencia, "100,5")
    _add_disciplina(qtbot, dialog, "Matemática", "7")
    _add_disciplina(qtbot, dialog, "Ciências", "8")
    _add_disciplina(qtbot, dialog, "matemática", "9")
    _click(qtbot, dialog.save_button)
    assert _error(dialog, "serie") == "Este aluno já tem o 4º ano de 2024 registrado; edite o registro que já existe."
    assert _error(dialog, "frequencia").startswith("A frequência deve ser uma porcentagem de 0 a 100")
    assert _error(dialog, "disciplinas") == "A disciplina matemática aparece mais de uma vez."
    assert (dialog.tabela.currentIndex().row(), dialog.tabela.currentIndex().column()) == (2, 0)
    # A bad carga horária points at its own cell
    _type_in_cell(qtbot, dialog, 2, DisciplinasExternasModel.DISCIPLINA, "Arte")
    _type_in_cell(qtbot, dialog, 2, DisciplinasExternasModel.CARGA, "quarenta")
    _click(qtbot, dialog.save_button)
    assert _error(dialog, "disciplinas") == "Arte: a carga horária deve ser um número inteiro positivo de horas."
    assert (dialog.tabela.currentIndex().row(), dialog.tabela.currentIndex().column()) == (2, 2)
    assert len(services.historicos_externos.list_for_aluno(aluno)) == 1


# --- editing and deleting ---------------------------------------------------------------


def test_edit_a_year_from_the_tree(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    historico_id = _externo(aluno, services, frequencia="95", observacoes="Declaração")
    panel = _historico_tab(qtbot, _aluno_dialog(qtbot, window, aluno))
    _select_year(qtbot, panel, "2024")
    assert panel.editar is not None and panel.editar.isEnabled()

    _click(qtbot, panel.editar)
    dialog = _opened(qtbot, panel)

    # The form holds what was saved
    assert dialog.windowTitle() == "Editar ano de outra escola"
    assert (dialog.ano.value(), dialog.serie.text(), dialog.escola.text()) == (
        2024,
        "4º ano",
        "EMEF Professora Maria José",
    )
    assert (dialog.municipio.text(), dialog.uf.currentData(), dialog.situacao.currentData()) == (
        "São José dos Campos",
        "SP",
        "aprovado",
    )
    assert (dialog.frequencia.text(), dialog.observacoes.toPlainText()) == ("95,0", "Declaração")
    assert dialog.modelo.texts() == [("Língua Portuguesa", "8,5", "200")]
    # Changing the school, one média, and removing nothing else saves in place
    dialog.escola.clear()
    _type(qtbot, dialog.escola, "EMEF Professora Maria José da Silva")
    _type_in_cell(qtbot, dialog, 0, DisciplinasExternasModel.RESULTADO, "9")
    _add_disciplina(qtbot, dialog, "Arte", "A", "40")
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    dados = services.historicos_externos.get(historico_id).dados
    assert dados.escola == "EMEF Professora Maria José da Silva"
    assert [(d.disciplina, d.media, d.conceito, d.carga_horaria) for d in dados.disciplinas] == [
        ("Língua Portuguesa", Decimal("9.0"), None, 200),
        ("Arte", None, "A", 40),
    ]
    assert panel.year_items()[0].text() == "2024 — 4º ano — outra escola: EMEF Professora Maria José da Silva"

    # A disciplina removed from the table goes on Salvar
    _select_year(qtbot, panel, "2024")
    _click(qtbot, panel.editar)
    dialog = _opened(qtbot, panel)
    dialog.tabela.setCurrentIndex(dialog.modelo.index(0, 0))
    _click(qtbot, dialog.remover_disciplina)
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    assert [d.disciplina for d in services.historicos_externos.get(historico_id).dados.disciplinas] == ["Arte"]


def test_delete_asks_naming_the_year_and_the_school(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, services: Services
) -> None:
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    _externo(aluno, services)
    outro = _externo(aluno, services, ano=2023, serie="3º ano", escola="Colégio Rui Barbosa", disciplinas=())
    panel = _historico_tab(qtbot, _aluno_dialog(qtbot, window, aluno))
    asked: list[tuple[str, str]] = []
    answers = [False, True]
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, title, text: asked.append((title, text)) or answers.pop(0))

    # When Excluir is clicked on the 2024 year (selected by one of its disciplinas) and the answer is Não
    assert panel.model is not None and panel.tree is not None
    year = next(i for i in panel.year_items() if i.text().startswith("2024"))
    rect = panel.tree.visualRect(year.child(0, 0).index())
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.excluir is not None and panel.excluir.isEnabled()
    _click(qtbot, panel.excluir)

    # Then it asked, naming the year, the série and the school, and nothing went
    assert asked == [
        (
            "Excluir ano de outra escola",
            "Excluir do histórico deste aluno o ano de 2024 (4º ano), cursado em outra escola: "
            "EMEF Professora Maria José?\n\nAs disciplinas registradas nesse ano (1) também serão excluídas.",
        )
    ]
    assert len(services.historicos_externos.list_for_aluno(aluno)) == 2

    # And with Sim, the year goes, from the file and from the tree
    _click(qtbot, panel.excluir)
    assert [r.id for r in services.historicos_externos.list_for_aluno(aluno)] == [outro]
    assert [i.text() for i in panel.year_items()] == ["2023 — 3º ano — outra escola: Colégio Rui Barbosa"]
    assert not panel.excluir.isEnabled()


def test_years_of_this_school_stay_read_only_beside_the_others(  # type: ignore[no-untyped-def]
    qtbot: QtBot, qtmodeltester, window: MainWindow, services: Services
) -> None:
    # Given Ana did 2025 elsewhere and 2026 here
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    lp = services.disciplinas.create("Língua Portuguesa")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(lp, 160)])
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    services.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    _externo(aluno, services, ano=2025, serie="5º ano", disciplinas=(DisciplinaExternaData("Arte", None, "B"),))

    panel = _historico_tab(qtbot, _aluno_dialog(qtbot, window, aluno))

    # Then both show, newest first, in one tree whose média column takes conceitos too
    assert panel.model is not None
    qtmodeltester.check(panel.model)
    assert panel.model.headerData(1, Qt.Orientation.Horizontal) == "Média/conceito"
    assert [title for title, _children in _tree(panel)] == [
        "2026 — 6º ano — turma 6º ano A |  | — | Cursando",
        "2025 — 5º ano — outra escola: EMEF Professora Maria José |  | — | Aprovado",
    ]
    assert [i.data(HISTORICO_EXTERNO_ROLE) is None for i in panel.year_items()] == [True, False]
    # And the year done here cannot be edited or deleted from this tab
    _select_year(qtbot, panel, "2026")
    assert panel.editar is not None and not panel.editar.isEnabled()
    assert panel.excluir is not None and not panel.excluir.isEnabled()
    assert "Turmas" in panel.editar.toolTip()
    panel.edit_selected()
    assert panel.dialog is None


def test_a_new_aluno_is_saved_first(qtbot: QtBot, window: MainWindow) -> None:
    panel = _historico_tab(qtbot, _aluno_dialog(qtbot, window, None))
    hint = panel.findChild(QLabel, "historico_externo_aluno_novo")
    assert hint is not None and hint.isVisible()
    assert hint.text() == "Salve o aluno para registrar os anos que ele cursou em outras escolas."
    for button in (panel.adicionar, panel.editar, panel.excluir):
        assert button is not None and button.isVisible() and not button.isEnabled()


def test_a_year_deleted_meanwhile_is_reported(
    qtbot: QtBot, window: MainWindow, services: Services, errors: list[tuple[str, str]]
) -> None:
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    historico_id = _externo(aluno, services)
    panel = _historico_tab(qtbot, _aluno_dialog(qtbot, window, aluno))
    _select_year(qtbot, panel, "2024")
    services.historicos_externos.delete(historico_id)  # another window, say
    assert panel.editar is not None
    _click(qtbot, panel.editar)
    assert errors == [
        ("Registro não encontrado", "Este ano de outra escola não existe mais; talvez tenha sido excluído.")
    ]
    assert panel.year_items() == []


# --- the model and the PDF --------------------------------------------------------------


def test_disciplinas_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = DisciplinasExternasModel()
    model.load(
        (DisciplinaExternaData("Matemática", Decimal("7.5"), None, 160), DisciplinaExternaData("Arte", None, "A"))
    )
    qtmodeltester.check(model)
    assert model.texts() == [("Matemática", "7,5", "160"), ("Arte", "A", "")]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Média ou conceito"
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(1, 1), "  Não   apto ")
    assert model.disciplinas() == (
        DisciplinaExternaData("Matemática", "7,5", None, "160"),
        DisciplinaExternaData("Arte", None, "Não apto", None),
    )
    assert not model.setData(QModelIndex(), "x")
    model.add_row()
    model.remove_blank_rows()
    model.remove_row(0)
    assert model.texts() == [("Arte", "Não apto", "")]


def test_the_histórico_pdf_names_the_other_school(  # noqa: N802
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    _externo(aluno, services, disciplinas=(DisciplinaExternaData("Arte", None, "Apto", 40),))

    path = save_pdf(render(services.relatorios.historico_escolar(aluno)), tmp_path / "historico.pdf")

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    assert "2024 4º ano EMEF Professora Maria José São José dos Campos/SP 40 h — Aprovado" in text
    assert "Arte 40 h Apto" in text
    assert "Anos cursados em outras escolas conforme documentos apresentados" in text
