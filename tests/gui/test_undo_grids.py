"""Undo and redo in the Notas and Frequência grids: each write is a named command on the page's
QUndoStack, replayed through the service; the values are read back from the file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.gui.pages.diario.frequencia import FrequenciaModel
from escola_gui.gui.pages.diario.page import FrequenciaPage, NotasPage
from escola_gui.gui.pages.diario.view import PlanilhaView
from tests.gui.test_diario import Turma, _go, _make_turma, _paste, _show, _stored_notas, _type

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = Decimal
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def turma(services: Services) -> Turma:
    return _make_turma(services)


@pytest.fixture
def notas(qtbot: QtBot, services: Services, turma: Turma) -> NotasPage:
    page = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    return page


@pytest.fixture
def frequencia(qtbot: QtBot, services: Services, turma: Turma) -> FrequenciaPage:
    page = FrequenciaPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    return page


def _undo(qtbot: QtBot, view: PlanilhaView) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)


def _redo(qtbot: QtBot, view: PlanilhaView) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL_SHIFT)


def _stored_frequencia(services: Services, turma: Turma, periodo: int = 0) -> list[tuple[int | None, int | None]]:
    grade = services.diario.frequencia(turma.turma, turma.lp, turma.periodos[periodo])
    return [(linha.aulas_dadas, linha.faltas) for linha in grade.linhas]


def _encerrar(services: Services, turma: Turma, encerrado: bool = True) -> None:
    data = services.anos_letivos.get(turma.ano)
    services.anos_letivos.update(turma.ano, AnoLetivoData(**{**data.__dict__, "encerrado": encerrado}))


def test_a_typed_nota_is_undone_and_redone_in_the_file(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma
) -> None:
    services.diario.lancar_notas(
        turma.turma, turma.lp, [Lancamento(turma.enturmacoes[0], "nota", D("6"), turma.periodos[0])]
    )
    notas.refresh()
    view, model, stack = notas.table, notas.model, notas.undo_stack
    assert notas.disciplina_combo.currentText() == "Língua Portuguesa"
    assert not stack.canUndo() and not stack.canRedo()

    _go(view, 0, 1)
    _type(qtbot, view, "8")
    assert _stored_notas(services, turma, 0)[0] == D("8.0")
    assert stack.count() == 1
    assert stack.undoText() == "Nota de Ana Souza em Língua Portuguesa, 1º bimestre"

    _undo(qtbot, view)
    assert _stored_notas(services, turma, 0)[0] == D("6.0")
    assert model.index(0, 1).data() == "6,0"
    assert stack.redoText() == "Nota de Ana Souza em Língua Portuguesa, 1º bimestre" and not stack.canUndo()
    assert notas.status.text().startswith("Desfeito: Nota de Ana Souza em Língua Portuguesa, 1º bimestre.")
    # The cell put back is the one selected, where the user can see it
    assert [(i.row(), i.column()) for i in view.selectedIndexes()] == [(0, 1)]

    _redo(qtbot, view)
    assert _stored_notas(services, turma, 0)[0] == D("8.0")
    assert model.index(0, 1).data() == "8,0"
    assert notas.status.text() == "Refeito: Nota de Ana Souza em Língua Portuguesa, 1º bimestre."
    assert stack.canUndo() and not stack.canRedo()

    # Ctrl+Y redoes too; the same value typed again is no write and no command
    _undo(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert _stored_notas(services, turma, 0)[0] == D("8.0")
    _go(view, 0, 1)
    _type(qtbot, view, "8")
    assert stack.count() == 1


def test_a_pasted_block_is_one_command(qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma) -> None:
    view, stack = notas.table, notas.undo_stack
    _go(view, 0, 1)
    _paste(qtbot, view, "7,0\t8,0\n9,5\t4,0\n")
    assert [_stored_notas(services, turma, row)[:2] for row in (0, 1)] == [(D("7.0"), D("8.0")), (D("9.5"), D("4.0"))]
    assert stack.count() == 1 and stack.undoText() == "Colar 4 notas"

    _undo(qtbot, view)
    assert [_stored_notas(services, turma, row)[:2] for row in (0, 1)] == [(None, None), (None, None)]
    assert "4 valores voltaram ao que eram antes" in notas.status.text()
    assert sorted((i.row(), i.column()) for i in view.selectedIndexes()) == [(0, 1), (0, 2), (1, 1), (1, 2)]

    _redo(qtbot, view)
    assert [_stored_notas(services, turma, row)[:2] for row in (0, 1)] == [(D("7.0"), D("8.0")), (D("9.5"), D("4.0"))]

    # A clear of one cell, then of several, each named
    _go(view, 1, 2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stack.undoText() == "Apagar: Nota de Bruno Lima em Língua Portuguesa, 2º bimestre"
    _go(view, 0, 1)
    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stack.undoText() == "Apagar 3 notas"
    _undo(qtbot, view)
    _undo(qtbot, view)
    assert [_stored_notas(services, turma, row)[:2] for row in (0, 1)] == [(D("7.0"), D("8.0")), (D("9.5"), D("4.0"))]


def test_frequencia_aplicar_a_todos_and_faltas_undo_and_redo(
    qtbot: QtBot, frequencia: FrequenciaPage, services: Services, turma: Turma
) -> None:
    page, view, stack = frequencia, frequencia.table, frequencia.undo_stack
    page.aulas.setValue(40)
    qtbot.mouseClick(page.aplicar_button, Qt.MouseButton.LeftButton)
    assert stack.undoText() == "Aplicar 40 aulas dadas a todos"
    _go(view, 1, FrequenciaModel.FALTAS)
    _type(qtbot, view, "12")
    assert stack.undoText() == "Faltas de Bruno Lima em Língua Portuguesa, 1º bimestre"
    assert _stored_frequencia(services, turma) == [(40, 0), (40, 12), (40, 0), (None, None)]

    _undo(qtbot, view)
    assert _stored_frequencia(services, turma) == [(40, 0), (40, 0), (40, 0), (None, None)]
    _undo(qtbot, view)
    assert _stored_frequencia(services, turma) == [(None, None)] * 4
    assert page.model.index(1, FrequenciaModel.AULAS).data() == ""

    _redo(qtbot, view)
    _redo(qtbot, view)
    assert _stored_frequencia(services, turma) == [(40, 0), (40, 12), (40, 0), (None, None)]
    assert page.model.index(1, FrequenciaModel.FREQUENCIA).data() == "70,0 %"

    # Another período is another grid: its history starts empty
    page.periodo_combo.setCurrentIndex(1)
    assert not stack.canUndo() and not stack.canRedo()


def test_a_refused_redo_shows_why_and_keeps_the_stack_true_to_the_file(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma, errors: list[tuple[str, str]]
) -> None:
    view, stack = notas.table, notas.undo_stack
    _go(view, 0, 1)
    _type(qtbot, view, "7")
    _go(view, 1, 1)
    _type(qtbot, view, "5")
    _undo(qtbot, view)
    assert _stored_notas(services, turma, 1)[0] is None

    # The year is closed elsewhere (another window, Configurações) while the grid is shown
    _encerrar(services, turma)
    _redo(qtbot, view)  # the grid does not know yet: the service refuses
    assert "2026 está encerrado" in notas.status.text()
    assert notas.status.styleSheet()  # shown as an error, under the grid
    assert _stored_notas(services, turma, 1)[0] is None
    # The refused redo is gone; Ana's nota, still in the file, is still the one to undo
    assert not stack.canRedo()
    assert stack.count() == 1 and stack.undoText() == "Nota de Ana Souza em Língua Portuguesa, 1º bimestre"
    qtbot.waitUntil(lambda: notas.model.ano_encerrado == 2026)  # the grid reloads, read-only

    # Reopened, the history goes on where the file is
    _encerrar(services, turma, encerrado=False)
    notas.refresh()
    _undo(qtbot, view)
    assert _stored_notas(services, turma, 0)[0] is None
    assert not stack.canUndo() and stack.redoText() == "Nota de Ana Souza em Língua Portuguesa, 1º bimestre"
    assert errors == []


def test_a_refused_undo_drops_the_command_and_leaves_the_file_as_it_was(
    qtbot: QtBot, frequencia: FrequenciaPage, services: Services, turma: Turma
) -> None:
    view, stack = frequencia.table, frequencia.undo_stack
    frequencia.aulas.setValue(40)
    frequencia.aplicar_a_todos()
    _go(view, 0, FrequenciaModel.FALTAS)
    _type(qtbot, view, "3")
    _undo(qtbot, view)  # Ana's faltas back to 0
    assert _stored_frequencia(services, turma)[0] == (40, 0)

    # Caio leaves the turma meanwhile: his row is read-only, so "Aplicar a todos" cannot be
    # undone; nothing is, all or nothing
    services.turmas.mudar_situacao(
        [turma.enturmacoes[2]],
        Situacao.TRANSFERIDO,
        "Mudou-se",
        date(2026, 5, 4),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )
    frequencia.refresh()
    assert stack.canUndo()  # the same grid reloaded keeps its history
    _undo(qtbot, view)
    assert frequencia.status.text() == (
        "Caio Prado, Aulas dadas: Caio Prado saiu da turma; os dados dele não podem mudar. Nada foi desfeito."
    )
    assert _stored_frequencia(services, turma) == [(40, 0), (40, 0), (40, 0), (None, None)]
    # The write stays done and is no longer undoable; the faltas can still be typed again
    assert not stack.canUndo() and stack.canRedo()
    _redo(qtbot, view)
    assert _stored_frequencia(services, turma)[0] == (40, 3)
