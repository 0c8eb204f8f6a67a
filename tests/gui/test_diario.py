"""The Notas and Frequência pages, typed into like a spreadsheet through the real widgets."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.errors import RecordNotFoundError, ValidationError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.pages.diario import ERROR_COLOR
from escola_gui.gui.pages.diario.frequencia import FrequenciaModel
from escola_gui.gui.pages.diario.notas import NotasModel
from escola_gui.gui.pages.diario.page import FrequenciaPage, NotasPage
from escola_gui.gui.pages.diario.planilha import parse_clipboard
from escola_gui.gui.pages.diario.view import PlanilhaView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = Decimal
ALUNOS = ("Ana Souza", "Bruno Lima", "Caio Prado", "Davi Reis")


@dataclass(frozen=True)
class Turma:
    ano: int
    turma: int
    lp: int
    mat: int
    periodos: tuple[int, ...]
    enturmacoes: tuple[int, ...]


def _make_turma(services: Services, recuperacao: str | None = "substitui_media", saiu: bool = True) -> Turma:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026, recuperacao=recuperacao))
    lp = services.disciplinas.create("Língua Portuguesa")
    mat = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(lp, 160), (mat, 160)])
    alunos = [services.alunos.create(AlunoData(nome=nome)) for nome in ALUNOS]
    enturmacoes = services.turmas.enturmar(turma, alunos, date(2026, 2, 2))
    if saiu:  # Davi moved away in April: his row stays, greyed and read-only
        services.turmas.mudar_situacao(
            [enturmacoes[3]],
            Situacao.TRANSFERIDO,
            "Mudou de cidade",
            date(2026, 4, 1),
            EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
        )
    periodos = tuple(p.id for p in services.anos_letivos.periodos(ano))
    return Turma(ano, turma, lp, mat, periodos, tuple(enturmacoes))


@pytest.fixture
def turma(services: Services) -> Turma:
    return _make_turma(services)


def _show(qtbot: QtBot, page: NotasPage | FrequenciaPage) -> None:
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(page.isVisible)
    page.refresh()


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


def _stored_notas(services: Services, turma: Turma, row: int, disciplina: int | None = None) -> tuple:
    return services.diario.notas(turma.turma, disciplina or turma.lp).linhas[row].notas


def _go(view: PlanilhaView, row: int, column: int) -> None:
    view.setCurrentIndex(view.model().index(row, column))


def _type(qtbot: QtBot, view: PlanilhaView, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Type ``text`` (ASCII) in the current cell as a user would, then press ``key``."""
    cell = view.currentIndex()
    qtbot.keyClick(view, text[0])  # the first key opens the editor and goes into it
    editor = view.indexWidget(cell)
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)
    # Enter commits through a queued call; the cell's editor is gone once it has run.
    qtbot.waitUntil(lambda: view.indexWidget(cell) is None)


def _texts(model: NotasModel | FrequenciaModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def _paste(qtbot: QtBot, view: PlanilhaView, text: str) -> None:
    QApplication.clipboard().setText(text)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


# --- notas ------------------------------------------------------------------------------


def test_grid_shows_alunos_periodos_recuperacao_media_and_situacao(notas: NotasPage, turma: Turma) -> None:
    model = notas.model
    assert notas.showing_grid
    assert notas.ano_combo.currentText() == "2026"
    assert notas.turma_combo.currentText() == "6º ano A"
    assert notas.disciplina_combo.currentText() == "Língua Portuguesa"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Aluno", "1º bim.", "2º bim.", "3º bim.", "4º bim.", "Rec. final", "Média", "Situação"]
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == list(ALUNOS)
    # Davi left: greyed, read-only, with his situação
    assert _texts(model, 3)[-1] == "Transferido"
    assert not model.flags(model.index(3, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 6)) & Qt.ItemFlag.ItemIsEditable  # Média is computed
    assert model.index(3, 0).data(Qt.ItemDataRole.ForegroundRole) != model.index(0, 0).data(
        Qt.ItemDataRole.ForegroundRole
    )
    assert "Média para aprovação: 6,0" in notas.regra.text()
    # Nothing typed yet: the cursor waits on the first aluno's 1º bimestre
    assert (notas.table.currentIndex().row(), notas.table.currentIndex().column()) == (0, 1)


def test_typing_a_nota_saves_it_moves_down_and_updates_the_media(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma
) -> None:
    view, model = notas.table, notas.model
    _go(view, 0, 1)

    _type(qtbot, view, "7,5")

    qtbot.waitUntil(lambda: _stored_notas(services, turma, 0)[0] == D("7.5"))
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 1)
    assert model.index(0, 1).data() == "7,5"

    # Tab goes right, to the 2º bimestre of the same aluno; "8.0" with a dot is fine too
    _go(view, 0, 2)
    _type(qtbot, view, "8.0", Qt.Key.Key_Tab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 3)
    editor = view.indexWidget(view.currentIndex())  # the next cell is open for typing
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "6")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(model.index(0, 3)) is None)
    assert model.index(0, model.column_of("media")).data() == ""  # the 4º bimestre is still empty
    assert model.index(0, model.column_of("situacao")).data() == "Cursando"

    _go(view, 0, 4)
    _type(qtbot, view, "9")

    # (7,5 + 8,0 + 6,0 + 9,0) / 4 = 7,625 → 7,6, shown at once without a reload
    assert model.index(0, model.column_of("media")).data() == "7,6"
    # No frequência entered yet: the year runs, no verdict
    assert model.index(0, model.column_of("situacao")).data() == "Cursando"
    assert _stored_notas(services, turma, 0) == (D("7.5"), D("8.0"), D("6.0"), D("9.0"))
    assert services.diario.boletim(turma.enturmacoes[0]).linhas[0].resultado.media == D("7.6")


def test_arrows_and_enter_move_like_a_spreadsheet(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma
) -> None:
    view = notas.table
    _go(view, 1, 2)
    _type(qtbot, view, "5", Qt.Key.Key_Up)  # saves, then goes up
    assert _stored_notas(services, turma, 1)[1] == D("5.0")
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 2)
    _type(qtbot, view, "4", Qt.Key.Key_Down)
    assert _stored_notas(services, turma, 0)[1] == D("4.0")
    assert view.currentIndex().row() == 1

    # Without an editor open, Enter goes down and Shift+Enter up; nothing is written
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex().row() == 1
    # Escape leaves the value as it was
    qtbot.keyClick(view, "9")
    qtbot.keyClick(view.indexWidget(view.currentIndex()), Qt.Key.Key_Escape)
    assert _stored_notas(services, turma, 1)[1] == D("5.0")


def test_recuperacao_final_replaces_a_low_media_live(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma
) -> None:
    services.diario.lancar_notas(
        turma.turma, turma.lp, [Lancamento(turma.enturmacoes[1], "nota", D("4.0"), p) for p in turma.periodos]
    )
    for p in turma.periodos:
        services.diario.lancar_frequencia(turma.turma, turma.lp, p, [LancamentoFrequencia(turma.enturmacoes[1], 40, 0)])
    notas.refresh()
    model, view = notas.model, notas.table
    media, situacao = model.column_of("media"), model.column_of("situacao")
    # Everything entered but the recuperação final: no verdict before it
    assert (model.index(1, media).data(), model.index(1, situacao).data()) == ("4,0", "Em recuperação")
    assert model.index(1, media).data(Qt.ItemDataRole.ForegroundRole) == ERROR_COLOR

    _go(view, 1, model.column_of("recuperacao_final"))
    _type(qtbot, view, "7")

    assert (model.index(1, media).data(), model.index(1, situacao).data()) == ("7,0", "Aprovado")
    assert services.diario.notas(turma.turma, turma.lp).linhas[1].recuperacao_final == D("7.0")


def test_recuperacao_per_periodo_replaces_the_lowest_nota(qtbot: QtBot, services: Services) -> None:
    turma = _make_turma(services, "substitui_menor_nota")
    services.diario.lancar_notas(
        turma.turma,
        turma.lp,
        [
            Lancamento(turma.enturmacoes[0], "nota", D(n), p)
            for n, p in zip(("4", "6", "6", "6"), turma.periodos, strict=True)
        ],
    )
    page = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[5:] == ["Rec. 1º", "Rec. 2º", "Rec. 3º", "Rec. 4º", "Média", "Situação"]
    assert model.index(0, model.column_of("media")).data() == "5,5"

    _go(page.table, 0, model.column_of("recuperacao", 0))
    _type(qtbot, page.table, "8")

    assert model.index(0, model.column_of("media")).data() == "6,5"  # (8 + 6 + 6 + 6) / 4
    assert services.diario.notas(turma.turma, turma.lp).linhas[0].recuperacoes[0] == D("8.0")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("11", "A nota deve estar entre 0 e 10."),
        ("abc", "Nota inválida. Use um número de 0 a 10, como 7,5."),
        ("7,55", "A nota deve ter no máximo uma casa decimal, como 7,5."),
    ],
)
def test_an_invalid_nota_is_refused_at_once(
    qtbot: QtBot,
    notas: NotasPage,
    services: Services,
    turma: Turma,
    errors: list[tuple[str, str]],
    typed: str,
    reason: str,
) -> None:
    services.diario.lancar_notas(
        turma.turma, turma.lp, [Lancamento(turma.enturmacoes[0], "nota", D("5"), turma.periodos[0])]
    )
    notas.refresh()
    view = notas.table
    _go(view, 0, 1)

    _type(qtbot, view, typed)

    # The cell keeps its value, the cursor stays for another try, the reason is under the grid
    assert notas.status.text() == f"Ana Souza, 1º bim.: {reason}"
    assert notas.status.isVisible()
    assert notas.model.index(0, 1).data() == "5,0"
    assert _stored_notas(services, turma, 0)[0] == D("5.0")
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 1)
    assert errors == []  # no message box for a typo

    # The next good value clears the message
    _type(qtbot, view, "6")
    qtbot.waitUntil(lambda: _stored_notas(services, turma, 0)[0] == D("6.0"))
    assert "Ana Souza" not in notas.status.text()


def test_pasting_a_block_from_a_spreadsheet_writes_it(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma
) -> None:
    view = notas.table
    _go(view, 0, 1)

    _paste(qtbot, view, "8,0\t7,5\r\n6,0\t9,0\r\n")  # as Excel puts it on the clipboard

    assert _stored_notas(services, turma, 0)[:2] == (D("8.0"), D("7.5"))
    assert _stored_notas(services, turma, 1)[:2] == (D("6.0"), D("9.0"))
    assert [notas.model.index(1, c).data() for c in (1, 2)] == ["6,0", "9,0"]
    assert "4 valores colados" in notas.status.text()
    assert len(view.selectedIndexes()) == 4


def test_a_paste_with_one_bad_value_writes_nothing(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma
) -> None:
    view = notas.table
    _go(view, 0, 1)

    _paste(qtbot, view, "8,0\t7,5\n6,0\t11\n")

    assert notas.status.text() == "Bruno Lima, 2º bim.: A nota deve estar entre 0 e 10. Nada foi colado."
    for row in range(2):
        assert _stored_notas(services, turma, row) == (None, None, None, None)
    assert notas.model.index(0, 1).data() == ""


def test_a_paste_that_reaches_a_row_that_left_or_past_the_grid_writes_nothing(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma
) -> None:
    view = notas.table
    _go(view, 2, 1)
    _paste(qtbot, view, "8\n9\n")  # Caio, then Davi who left
    assert notas.status.text().startswith("Davi Reis, 1º bim.: Davi Reis saiu da turma")
    _paste(qtbot, view, "8\n9\n7\n6\n")
    assert "O trecho copiado tem 4 linhas e 1 coluna e não cabe na tabela" in notas.status.text()
    assert _stored_notas(services, turma, 2) == (None, None, None, None)


def test_delete_clears_the_selected_cells_and_ctrl_c_copies_them(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma
) -> None:
    for row, valores in enumerate((("7", "8"), ("6.5", "9"))):
        services.diario.lancar_notas(
            turma.turma,
            turma.lp,
            [
                Lancamento(turma.enturmacoes[row], "nota", D(v), p)
                for v, p in zip(valores, turma.periodos[:2], strict=True)
            ],
        )
    notas.refresh()
    view, model = notas.table, notas.model
    view.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(1, 2)), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )

    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "Ana Souza\t7,0\t8,0\nBruno Lima\t6,5\t9,0\n"

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert _stored_notas(services, turma, 0) == (None, None, None, None)
    assert _stored_notas(services, turma, 1) == (None, None, None, None)
    assert model.index(1, 2).data() == ""
    assert "4 valores apagados" in notas.status.text()

    # Backspace clears the current cell too, without opening it
    _go(view, 2, 1)
    _type(qtbot, view, "3")
    _go(view, 2, 1)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert _stored_notas(services, turma, 2)[0] is None
    assert view.state() != PlanilhaView.State.EditingState


def test_the_grid_keeps_its_keys_from_the_window_shortcuts(qtbot: QtBot, services: Services, turma: Turma) -> None:
    services.diario.lancar_notas(
        turma.turma, turma.lp, [Lancamento(turma.enturmacoes[0], "nota", D("7"), turma.periodos[0])]
    )
    window = QMainWindow()
    qtbot.addWidget(window)
    excluir = QAction("Excluir", window)
    excluir.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    fired: list[bool] = []
    excluir.triggered.connect(lambda: fired.append(True))
    window.addAction(excluir)
    page = NotasPage(services.turmas, services.anos_letivos, services.diario)
    window.setCentralWidget(page)
    window.show()
    qtbot.waitUntil(window.isVisible)
    window.activateWindow()
    page.refresh()
    _go(page.table, 0, 1)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)

    assert fired == []
    assert _stored_notas(services, turma, 0)[0] is None


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (RecordNotFoundError(1), "mudaram em outra página"),
        (ValidationError("disciplina", "Esta disciplina não faz parte da turma."), "não faz parte da turma"),
    ],
)
def test_a_service_error_is_shown_and_the_grid_reloaded(
    qtbot: QtBot,
    notas: NotasPage,
    services: Services,
    turma: Turma,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    shown: str,
) -> None:
    def fails(*_args: object) -> None:
        raise error

    monkeypatch.setattr(services.diario, "lancar_notas", fails)
    _go(notas.table, 0, 1)
    _type(qtbot, notas.table, "7")
    assert shown in notas.status.text()
    qtbot.waitUntil(lambda: notas.model.index(0, 1).data() == "")


def test_an_unexpected_error_is_reported_without_a_traceback(
    qtbot: QtBot,
    frequencia: FrequenciaPage,
    services: Services,
    turma: Turma,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    def fails(*_args: object) -> None:
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(services.diario, "lancar_frequencia", fails)
    _go(frequencia.table, 0, FrequenciaModel.AULAS)
    _type(qtbot, frequencia.table, "40")
    assert [title for title, _text in errors] == ["Erro inesperado"]
    assert frequencia.model.index(0, FrequenciaModel.AULAS).data() == ""


def test_situacao_counts_the_frequencia_of_the_disciplina(qtbot: QtBot, services: Services, turma: Turma) -> None:
    ana = turma.enturmacoes[0]
    services.diario.lancar_notas(turma.turma, turma.lp, [Lancamento(ana, "nota", D("9"), p) for p in turma.periodos])
    for p in turma.periodos:
        services.diario.lancar_frequencia(turma.turma, turma.lp, p, [LancamentoFrequencia(ana, 40, 12)])
    page = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    situacao = page.model.index(0, page.model.column_of("situacao"))
    assert situacao.data() == "Reprovado por faltas"  # 70 % < 75 %
    assert situacao.data(Qt.ItemDataRole.ForegroundRole) == ERROR_COLOR
    assert "70,0 %" in situacao.data(Qt.ItemDataRole.ToolTipRole)


def test_models_pass_the_model_tester(qtmodeltester: ModelTester, services: Services, turma: Turma) -> None:
    ana, bruno = turma.enturmacoes[:2]
    services.diario.lancar_notas(
        turma.turma,
        turma.lp,
        [Lancamento(ana, "nota", D("7"), p) for p in turma.periodos] + [Lancamento(bruno, "recuperacao_final", D("5"))],
    )
    services.diario.lancar_frequencia(
        turma.turma,
        turma.lp,
        turma.periodos[0],
        [LancamentoFrequencia(ana, 40, 2), LancamentoFrequencia(bruno, 40, 20)],
    )
    notas = NotasModel()
    notas.load(
        services.diario.notas(turma.turma, turma.lp),
        "bimestre",
        {ana: (40, 2)},
        {turma.enturmacoes[3]: Situacao.TRANSFERIDO},
    )
    qtmodeltester.check(notas)
    assert notas.rowCount() == 4 and notas.index(0, notas.column_of("media")).data() == "7,0"

    frequencia = FrequenciaModel()
    frequencia.load(services.diario.frequencia(turma.turma, turma.lp, turma.periodos[0]))
    qtmodeltester.check(frequencia)
    assert _texts(frequencia, 1) == ["Bruno Lima", "40", "20", "50,0 %", "Abaixo de 75 %"]


def test_parse_clipboard() -> None:
    assert parse_clipboard("8,0\t7,5\r\n6,0\t\r\n") == [["8,0", "7,5"], ["6,0", ""]]
    assert parse_clipboard("7") == [["7"]]
    assert parse_clipboard("\n") == []


# --- frequência -------------------------------------------------------------------------


def _stored_frequencia(services: Services, turma: Turma, periodo: int = 0) -> list[tuple[int | None, int | None]]:
    grade = services.diario.frequencia(turma.turma, turma.lp, turma.periodos[periodo])
    return [(linha.aulas_dadas, linha.faltas) for linha in grade.linhas]


def test_aplicar_a_todos_then_faltas_percentual_and_the_warning(
    qtbot: QtBot, frequencia: FrequenciaPage, services: Services, turma: Turma
) -> None:
    page, model, view = frequencia, frequencia.model, frequencia.table
    assert page.periodo_combo.currentText() == "1º bimestre"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Aluno", "Aulas dadas", "Faltas", "Frequência", "Observação"]
    assert _texts(model, 3) == ["Davi Reis", "", "", "", "Transferido"]

    page.aulas.setValue(40)
    qtbot.mouseClick(page.aplicar_button, Qt.MouseButton.LeftButton)

    # Every aluno still in the turma, in one go; Davi, who left, is untouched
    assert _stored_frequencia(services, turma) == [(40, 0), (40, 0), (40, 0), (None, None)]
    assert _texts(model, 0) == ["Ana Souza", "40", "0", "100,0 %", ""]
    assert "3 alunos" in page.status.text()

    _go(view, 1, FrequenciaModel.FALTAS)
    _type(qtbot, view, "12")

    assert _stored_frequencia(services, turma)[1] == (40, 12)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, FrequenciaModel.FALTAS)
    assert _texts(model, 1) == ["Bruno Lima", "40", "12", "70,0 %", "Abaixo de 75 %"]
    assert model.index(1, FrequenciaModel.OBSERVACAO).data(Qt.ItemDataRole.ForegroundRole) == ERROR_COLOR

    _go(view, 0, FrequenciaModel.FALTAS)
    _type(qtbot, view, "1")
    assert _texts(model, 0)[3:] == ["97,5 %", ""]

    # Fewer aulas dadas than Bruno's faltas (typed in the field, then Enter): refused whole
    page.aulas.lineEdit().selectAll()
    qtbot.keyClicks(page.aulas.lineEdit(), "10")
    qtbot.keyClick(page.aulas.lineEdit(), Qt.Key.Key_Return)
    assert page.status.text().startswith("Bruno Lima: O número de faltas não pode ser maior")
    assert _stored_frequencia(services, turma)[0] == (40, 1)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("41", "O número de faltas não pode ser maior que o de aulas dadas."),
        ("-1", "As aulas dadas e as faltas devem ser números inteiros, sem valores negativos."),
        ("2,5", "As aulas dadas e as faltas devem ser números inteiros, sem valores negativos."),
    ],
)
def test_impossible_faltas_are_refused_at_once(
    qtbot: QtBot, frequencia: FrequenciaPage, services: Services, turma: Turma, typed: str, reason: str
) -> None:
    services.diario.lancar_frequencia(
        turma.turma, turma.lp, turma.periodos[0], [LancamentoFrequencia(turma.enturmacoes[0], 40, 3)]
    )
    frequencia.refresh()
    _go(frequencia.table, 0, FrequenciaModel.FALTAS)

    _type(qtbot, frequencia.table, typed)

    assert reason in frequencia.status.text()
    assert frequencia.status.text().startswith("Ana Souza")
    assert _stored_frequencia(services, turma)[0] == (40, 3)
    assert frequencia.model.index(0, FrequenciaModel.FALTAS).data() == "3"


def test_faltas_need_aulas_dadas_and_paste_works(
    qtbot: QtBot, frequencia: FrequenciaPage, services: Services, turma: Turma
) -> None:
    view = frequencia.table
    _go(view, 0, FrequenciaModel.FALTAS)
    _type(qtbot, view, "2")
    assert "informe as aulas dadas antes das faltas" in frequencia.status.text()
    assert _stored_frequencia(services, turma)[0] == (None, None)

    _go(view, 0, FrequenciaModel.AULAS)
    _paste(qtbot, view, "40\t2\n38\t0\n40\t15\n")

    assert _stored_frequencia(services, turma)[:3] == [(40, 2), (38, 0), (40, 15)]
    assert frequencia.model.index(2, FrequenciaModel.OBSERVACAO).data() == "Abaixo de 75 %"


def test_the_periodo_selector_loads_that_periodo(
    qtbot: QtBot, frequencia: FrequenciaPage, services: Services, turma: Turma
) -> None:
    services.diario.lancar_frequencia(
        turma.turma, turma.lp, turma.periodos[1], [LancamentoFrequencia(turma.enturmacoes[0], 36, 4)]
    )
    frequencia.periodo_combo.setCurrentIndex(1)
    assert _texts(frequencia.model, 0)[:4] == ["Ana Souza", "36", "4", "88,8 %"]  # 88,88… truncated


# --- choices and empty states -----------------------------------------------------------


def test_the_last_choice_is_remembered_while_the_app_runs(qtbot: QtBot, services: Services, turma: Turma) -> None:
    outra = services.turmas.create(TurmaData(turma.ano, "6º ano B", "6º ano", "vespertino"), [(turma.mat, 160)])
    services.turmas.enturmar(outra, [services.alunos.create(AlunoData(nome="Elisa Matos"))], date(2026, 2, 2))
    page = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    page.turma_combo.setCurrentIndex(page.turma_combo.findText("6º ano B"))
    assert page.model.index(0, 0).data() == "Elisa Matos"

    page.refresh()
    assert page.turma_combo.currentText() == "6º ano B"
    # Another page (or a new one) starts on the same turma and disciplina
    other = FrequenciaPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, other)
    assert (other.turma_combo.currentText(), other.disciplina_combo.currentText()) == ("6º ano B", "Matemática")


def test_empty_states_say_what_to_do(qtbot: QtBot, services: Services) -> None:
    page = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    asked: list[str] = []
    page.configurar_requested.connect(lambda: asked.append("configurar"))
    page.turmas_requested.connect(lambda: asked.append("turmas"))

    assert not page.showing_grid
    assert "Cadastre o ano letivo" in page.aviso.text()
    assert not page.ano_combo.isVisible() and not page.table.isVisible()
    qtbot.mouseClick(page.aviso_botao, Qt.MouseButton.LeftButton)

    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    page.refresh()
    assert page.aviso.text() == "O ano letivo 2026 ainda não tem turmas. Crie as turmas na página Turmas."
    assert page.ano_combo.isVisible() and not page.turma_combo.isVisible()

    turma = services.turmas.create(TurmaData(ano, "7º ano A", "7º ano", "matutino"))
    page.refresh()
    assert "A turma 7º ano A ainda não tem disciplinas" in page.aviso.text()
    assert page.turma_combo.isVisible() and not page.disciplina_combo.isVisible()

    services.turmas.set_disciplinas(turma, [(services.disciplinas.create("Artes"), None)])
    page.refresh()
    assert page.aviso.text() == "Esta turma ainda não tem alunos. Enturme alunos na página Turmas."
    qtbot.mouseClick(page.aviso_botao, Qt.MouseButton.LeftButton)
    assert asked == ["configurar", "turmas"]

    services.turmas.enturmar(turma, [services.alunos.create(AlunoData(nome="Ana"))], date(2026, 2, 2))
    page.refresh()
    assert page.showing_grid and page.table.isVisible()


def test_frequencia_empty_state(qtbot: QtBot, services: Services) -> None:
    page = FrequenciaPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    assert not page.showing_grid and "Cadastre o ano letivo" in page.aviso.text()
    assert not page.periodo_combo.isVisible()


def test_a_closed_year_is_shown_read_only(
    qtbot: QtBot, services: Services, turma: Turma, errors: list[tuple[str, str]]
) -> None:
    data = services.anos_letivos.get(turma.ano)
    services.anos_letivos.update(turma.ano, AnoLetivoData(**{**data.__dict__, "encerrado": True}))
    notas = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, notas)
    assert notas.ano_combo.currentText() == "2026 (encerrado)"
    assert not notas.model.flags(notas.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    _go(notas.table, 0, 1)
    _paste(qtbot, notas.table, "8,0")
    assert "2026 está encerrado" in notas.status.text()
    assert _stored_notas(services, turma, 0)[0] is None

    frequencia = FrequenciaPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, frequencia)
    assert not frequencia.aplicar_button.isEnabled()
    assert frequencia.aplicar_a_todos() is False
    assert errors == []


def test_ctrl_z_puts_back_what_a_clear_a_paste_or_a_typed_nota_replaced(
    qtbot: QtBot, notas: NotasPage, services: Services, turma: Turma
) -> None:
    services.diario.lancar_notas(
        turma.turma,
        turma.lp,
        [
            Lancamento(turma.enturmacoes[0], "nota", D(v), p)
            for v, p in zip(("7", "8"), turma.periodos[:2], strict=True)
        ],
    )
    notas.refresh()
    view, model = notas.table, notas.model
    assert not model.can_undo

    # A block cleared by mistake comes back with Ctrl+Z, in the grid and in the file
    view.selectionModel().select(
        QItemSelection(model.index(0, 1), model.index(0, 2)), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert _stored_notas(services, turma, 0)[:2] == (None, None)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored_notas(services, turma, 0)[:2] == (D("7.0"), D("8.0"))
    assert model.index(0, 2).data() == "8,0"
    assert "2 valores voltaram" in notas.status.text()

    # Undo goes back one write at a time: a typed nota, then a paste over it
    _go(view, 1, 1)
    _type(qtbot, view, "5")
    _go(view, 1, 1)
    _paste(qtbot, view, "9,5\t4,0")
    assert _stored_notas(services, turma, 1)[:2] == (D("9.5"), D("4.0"))
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored_notas(services, turma, 1)[:2] == (D("5.0"), None)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored_notas(services, turma, 1)[:2] == (None, None)
    assert not model.can_undo
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing left: nothing happens
    assert _stored_notas(services, turma, 0)[:2] == (D("7.0"), D("8.0"))

    # A reload of the same grid keeps the history (it names cells by enturmação, not row);
    # another disciplina (or turma, or período) forgets it
    _go(view, 2, 1)
    _type(qtbot, view, "6")
    notas.refresh()
    assert model.can_undo
    notas.disciplina_combo.setCurrentIndex(notas.disciplina_combo.findText("Matemática"))
    assert not model.can_undo


def test_no_final_verdict_on_the_grid_while_the_year_runs(qtbot: QtBot, services: Services, turma: Turma) -> None:
    # Ana: every nota 9, the 1º bimestre's faltas only (12 in 40). Bruno: 5,0 in every
    # bimestre and every faltas entered, the recuperação final still to come.
    ana, bruno = turma.enturmacoes[:2]
    services.diario.lancar_notas(
        turma.turma,
        turma.lp,
        [Lancamento(ana, "nota", D("9"), p) for p in turma.periodos]
        + [Lancamento(bruno, "nota", D("5"), p) for p in turma.periodos],
    )
    services.diario.lancar_frequencia(turma.turma, turma.lp, turma.periodos[0], [LancamentoFrequencia(ana, 40, 12)])
    for p in turma.periodos:
        services.diario.lancar_frequencia(turma.turma, turma.lp, p, [LancamentoFrequencia(bruno, 40, 0)])
    page = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    model, view = page.model, page.table
    situacao = model.column_of("situacao")

    assert model.index(0, situacao).data() == "Em risco por faltas"
    assert model.index(0, situacao).data(Qt.ItemDataRole.ForegroundRole) == ERROR_COLOR
    dica = model.index(0, situacao).data(Qt.ItemDataRole.ToolTipRole)
    assert dica.startswith("Frequência na disciplina até agora: 70,0 % (12 faltas em 40 aulas)\nSituação provisória")
    assert model.index(1, situacao).data() == "Em recuperação"
    assert "Reprovado por faltas" not in _texts(model, 0) and "Retido" not in _texts(model, 1)

    # The recuperação final typed in: everything is entered for Bruno, his verdict is final
    _go(view, 1, model.column_of("recuperacao_final"))
    _type(qtbot, view, "4")
    assert (model.index(1, model.column_of("media")).data(), model.index(1, situacao).data()) == ("5,0", "Retido")
    assert "Situação provisória" not in (model.index(1, situacao).data(Qt.ItemDataRole.ToolTipRole) or "")

    # Once the ano letivo is closed, Ana's faltas give the final verdict
    services.anos_letivos.update(turma.ano, replace(services.anos_letivos.get(turma.ano), encerrado=True))
    page.refresh()
    qtbot.waitUntil(lambda: model.ano_encerrado == 2026)
    assert model.index(0, situacao).data() == "Reprovado por faltas"
    assert model.index(1, situacao).data() == "Retido"


def test_a_dispensed_aluno_shows_dispensado_in_the_grid(qtbot: QtBot, services: Services, turma: Turma) -> None:
    # Given Caio dispensed from Matemática, with a low nota typed there before
    services.diario.lancar_notas(
        turma.turma, turma.mat, [Lancamento(turma.enturmacoes[2], "nota", D("2.0"), turma.periodos[0])]
    )
    services.movimentacoes.dispensar(turma.enturmacoes[2], turma.mat, date(2026, 3, 10), "Atestado médico")
    page = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    page.disciplina_combo.setCurrentIndex(page.disciplina_combo.findText("Matemática"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 4 and page.model.index(0, 0).data() == "Ana Souza")

    # Then his row says Dispensado, and the others' are computed as usual
    assert _texts(page.model, 2)[-1] == "Dispensado"
    assert _texts(page.model, 0)[-1] == "Cursando"
