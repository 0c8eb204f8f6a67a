"""The rematrícula from Configurações → Anos letivos, driven as the secretary would: the preview
of every aluno, a destination changed in the table, Rematricular, the same again (nothing to
write), and Desfazer rematrícula."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from escola_gui.core.rematricula import Destino
from escola_gui.core.services import Services
from escola_gui.gui.forms.rematricula import (
    DESTINO_COLUMN,
    FORA,
    NOME_COLUMN,
    AlunosPlanoModel,
    RematriculaDialog,
    TurmasPlanoModel,
    resumo_text,
)
from escola_gui.gui.pages.configuracoes import AnosLetivosPanel, ConfiguracoesPage
from escola_gui.gui.toolkit import messages
from tests.core.test_rematricula import _escola_2025

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, title, text: seen.append((title, text)))
    monkeypatch.setattr(messages, "show_error", lambda _p, title, text: seen.append((title, text)))
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, title, text: seen.append((title, text)) or True)
    return seen


def _panel(qtbot: QtBot, services: Services) -> AnosLetivosPanel:
    page = ConfiguracoesPage(
        services.escola,
        services.anos_letivos,
        services.disciplinas,
        encerramento=services.encerramento,
        rematricula=services.rematricula,
    )
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.tabs.setCurrentWidget(page.anos_letivos)
    qtbot.waitUntil(lambda: page.anos_letivos.model.rowCount() > 0)
    return page.anos_letivos


def _select_year(qtbot: QtBot, panel: AnosLetivosPanel, ano: int) -> None:
    for row in range(panel.table.model().rowCount()):
        index = panel.table.model().index(row, 0)
        if index.data() == str(ano):
            panel.table.selectionModel().select(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            return
    raise AssertionError(f"no row for {ano}")


def _enturmados(services: Services, ano: int) -> set[int]:
    anos = {row.ano: row.id for row in services.anos_letivos.list()}
    if ano not in anos:
        return set()
    return {e.aluno_id for t in services.turmas.list(anos[ano]) for e in services.turmas.roster(t.id)}


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _open_dialog(qtbot: QtBot, panel: AnosLetivosPanel) -> RematriculaDialog:
    assert panel.rematricular is not None and panel.rematricular.isEnabled()
    _click(qtbot, panel.rematricular)
    qtbot.waitUntil(lambda: isinstance(panel.dialog, RematriculaDialog) and panel.dialog.isVisible())
    dialog: RematriculaDialog = panel.dialog
    qtbot.waitUntil(lambda: dialog.plano is not None or dialog.erro.isVisible())
    return dialog


def _row_of(dialog: RematriculaDialog, nome: str) -> int:
    view = dialog.alunos
    for row in range(view.model().rowCount()):
        if view.model().index(row, 0).data() == nome:
            return row
    raise AssertionError(f"{nome} not listed")


def _choose_destino(qtbot: QtBot, dialog: RematriculaDialog, nome: str, text: str) -> None:
    """Double-click the aluno's Destino cell, pick ``text`` in the list, press Enter."""
    view = dialog.alunos
    index = view.model().index(_row_of(dialog, nome), DESTINO_COLUMN)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.findChild(QComboBox, "destino_editor") is not None)
    editor = view.findChild(QComboBox, "destino_editor")
    assert editor is not None
    found = editor.findText(text)
    assert found >= 0, [editor.itemText(i) for i in range(editor.count())]
    editor.setCurrentIndex(found)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.findChild(QComboBox, "destino_editor") is None)


def test_the_preview_rematricular_again_and_undo(
    qtbot: QtBot, services: Services, head_engine: Engine, shown: list[tuple[str, str]]
) -> None:
    escola = _escola_2025(services, head_engine)
    panel = _panel(qtbot, services)
    _select_year(qtbot, panel, 2025)
    dialog = _open_dialog(qtbot, panel)

    plano = dialog.plano
    assert plano is not None
    assert dialog.resumo.text() == resumo_text(plano)
    assert "será criado" in dialog.resumo.text()
    assert dialog.aplicar.isEnabled()
    destinos = {
        dialog.alunos.model().index(r, 0).data(): dialog.alunos.model().index(r, DESTINO_COLUMN).data()
        for r in range(dialog.alunos.model().rowCount())
    }
    assert destinos["Ana Souza"].startswith("6º ano A")
    assert destinos["Bruno Lima"].startswith("5º ano A")
    assert destinos["Heitor Campos"] == "Concluiu"
    assert destinos["Davi Reis"] == "Não rematriculado"

    # The secretary keeps Ana out (her family moves away), and filters by origin turma.
    _choose_destino(qtbot, dialog, "Ana Souza", "Não rematriculado")
    assert plano.aluno(escola.alunos["ana"]).destino is Destino.NAO_REMATRICULADO
    dialog.filtro.setCurrentIndex(dialog.filtro.findText("9º ano A"))
    assert dialog.alunos.model().rowCount() == 2
    dialog.filtro.setCurrentIndex(0)

    _click(qtbot, dialog.aplicar)
    qtbot.waitUntil(lambda: any(title == "Rematrícula" for title, _ in shown))
    [(_, text)] = [m for m in shown if m[0] == "Rematrícula"]
    assert "alunos rematriculados em 2026" in text and "O ano letivo 2026 foi criado." in text
    enturmados = _enturmados(services, 2026)
    assert escola.alunos["bruno"] in enturmados and escola.alunos["ana"] not in enturmados
    assert escola.alunos["heitor"] not in enturmados

    # Again: nothing to write.
    _select_year(qtbot, panel, 2025)
    again = _open_dialog(qtbot, panel)
    assert again.plano is not None and again.plano.vazio
    assert not again.aplicar.isEnabled()
    assert "já foi feita" in again.resumo.text()
    again.reject()

    # Undone as one step.
    assert panel.desfazer_rematricula is not None
    _select_year(qtbot, panel, 2026)
    _click(qtbot, panel.desfazer_rematricula)
    qtbot.waitUntil(lambda: any("foi desfeita" in text for _, text in shown))
    assert _enturmados(services, 2026) == set()


def test_a_new_turma_is_renamed_in_the_preview_and_a_repeated_name_is_refused(
    qtbot: QtBot, services: Services, head_engine: Engine, shown: list[tuple[str, str]]
) -> None:
    _escola_2025(services, head_engine)
    panel = _panel(qtbot, services)
    _select_year(qtbot, panel, 2025)
    dialog = _open_dialog(qtbot, panel)
    view = dialog.turmas
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, NOME_COLUMN).data() == "6º ano A")

    def rename(text: str) -> None:
        index = view.model().index(row, NOME_COLUMN)
        rect = view.visualRect(index)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(lambda: view.indexWidget(index) is not None or view.focusWidget() is not view)
        editor = view.focusWidget()
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    rename("5o ano A")  # another turma of the plan is named so (folded: "5º ano A")
    qtbot.waitUntil(dialog.erro.isVisible)
    assert "Já existe uma turma com este nome" in dialog.erro.text()
    assert view.model().index(row, NOME_COLUMN).data() == "6º ano A"

    rename("6o ano Azul")
    qtbot.waitUntil(lambda: view.model().index(row, NOME_COLUMN).data() == "6o ano Azul")
    assert not dialog.erro.isVisible()
    destinos = {dialog.alunos.model().index(r, DESTINO_COLUMN).data() for r in range(dialog.alunos.model().rowCount())}
    assert any(d.startswith("6o ano Azul") for d in destinos)


def test_an_open_year_has_no_rematricula_and_its_refusal_is_shown(
    qtbot: QtBot, services: Services, head_engine: Engine, shown: list[tuple[str, str]]
) -> None:
    _escola_2025(services, head_engine, encerrar=False)
    panel = _panel(qtbot, services)
    _select_year(qtbot, panel, 2025)
    assert panel.rematricular is not None and not panel.rematricular.isEnabled()
    # Opened all the same (a year reopened since the list was read): the reason, nothing else.
    dialog = RematriculaDialog(services.rematricula, 2025, 2026, panel)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load()
    qtbot.waitUntil(dialog.erro.isVisible)
    assert "não está encerrado" in dialog.erro.text()
    assert not dialog.aplicar.isEnabled()


def test_plan_models_pass_the_model_tester(qtmodeltester: ModelTester, services: Services, head_engine: Engine) -> None:
    _escola_2025(services, head_engine)
    plano = services.rematricula.planejar(2025, 2026)
    alunos = AlunosPlanoModel(plano)
    qtmodeltester.check(alunos, force_py=True)
    qtmodeltester.check(TurmasPlanoModel(plano), force_py=True)
    index = alunos.index(0, DESTINO_COLUMN)
    assert alunos.setData(index, FORA, Qt.ItemDataRole.EditRole)
    assert alunos.data(index, Qt.ItemDataRole.EditRole) == FORA
    assert not alunos.setData(index, 999, Qt.ItemDataRole.EditRole)  # not a turma of the plan
    assert not alunos.setData(alunos.index(0, 0), "x", Qt.ItemDataRole.EditRole)
