"""The Turmas page, driven as the secretary would: the list, the turma form, enturmação em
lote, the situação of several alunos, remanejamento and deleting with the counts named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QTableView, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.models import SITUACOES
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.core.turmas import EnturmacaoRow, HistoricoSituacaoRow, TurmaData, TurmaRow
from escola_gui.gui.forms.enturmacao import (
    DispensaDialog,
    EnturmarDialog,
    HistoricoDialog,
    ReclassificarDialog,
    RemanejarDialog,
    SituacaoDialog,
)
from escola_gui.gui.forms.turma import TurmaDialog
from escola_gui.gui.pages.turmas import TurmasPage
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.forms import RecordDialog
from escola_gui.gui.turma_models import CandidatosModel, HistoricoTableModel, RosterTableModel, TurmaTableModel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

# What every confirmation of a turma's deletion ends with (issue 4: it goes to the Lixeira).
LIXEIRA = " A turma vai para a Lixeira e pode ser restaurada até a lixeira ser esvaziada."


# --- helpers --------------------------------------------------------------------------


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _page(qtbot: QtBot, services: Services) -> TurmasPage:
    page = TurmasPage(services.turmas, services.anos_letivos, services.disciplinas)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(page.isVisible)
    return page


D = TypeVar("D", bound=QDialog)


def _dialog(qtbot: QtBot, page: TurmasPage, kind: type[D]) -> D:
    qtbot.waitUntil(lambda: isinstance(page.dialog, kind) and page.dialog.isVisible())
    assert isinstance(page.dialog, kind)
    return page.dialog


def _click_row(
    qtbot: QtBot, view: QTableView, row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _column(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _roster(page: TurmasPage) -> dict[str, str]:
    """Aluno → situação, as the roster shows them."""
    return dict(zip(_column(page.roster_table, 0), _column(page.roster_table, 4), strict=True))


def _roster_row(page: TurmasPage, nome: str) -> int:
    return _column(page.roster_table, 0).index(nome)


def _save(qtbot: QtBot, dialog: RecordDialog) -> None:
    _click(qtbot, dialog.save_button)


@pytest.fixture
def ano(services: Services) -> int:
    return services.anos_letivos.create(AnoLetivoData(ano=2026))


@pytest.fixture
def disciplinas(services: Services) -> dict[str, int]:
    return {n: services.disciplinas.create(n) for n in ("Ciências", "Língua Portuguesa", "Matemática")}


@pytest.fixture
def turma(services: Services, ano: int, disciplinas: dict[str, int]) -> int:
    return services.turmas.create(
        TurmaData(ano, "6º ano A", "6º ano", "matutino", sala="12", vagas=30),
        [(disciplinas["Língua Portuguesa"], 160), (disciplinas["Matemática"], 160)],
    )


@pytest.fixture
def alunos(services: Services) -> dict[str, int]:
    nomes = ("Ana Souza", "Bruno Lima", "Caio Prado", "Davi Reis")
    return {n: services.alunos.create(AlunoData(nome=n)) for n in nomes}


# --- the list -------------------------------------------------------------------------


def test_without_an_ano_letivo_the_page_points_to_configuracoes(qtbot: QtBot, services: Services) -> None:
    # Given a new file, without any ano letivo
    page = _page(qtbot, services)
    # Then the page says so instead of offering a Nova turma that could not work
    assert page.stack.currentWidget() is page.sem_ano
    assert "Ainda não há ano letivo cadastrado" in page.sem_ano_texto.text()
    assert "Configurações → Anos letivos" in page.sem_ano_texto.text()
    assert not page.nova_button.isVisible()
    # And the button asks the window for Configurações
    with qtbot.waitSignal(page.configurar_requested):
        _click(qtbot, page.configurar_button)

    # When an ano letivo is saved elsewhere and the page refreshed, the list shows, on that year
    services.anos_letivos.create(AnoLetivoData(ano=2026))
    page.refresh()
    assert page.stack.currentWidget() is page.splitter
    assert page.ano_combo.currentText() == "2026"
    assert page.sem_turmas.isVisible() and "Nova turma" in page.sem_turmas.text()


def test_the_newest_year_is_shown_first_and_todos_shows_every_year(
    qtbot: QtBot, services: Services, turma: int
) -> None:
    antigo = services.anos_letivos.create(AnoLetivoData(ano=2025, encerrado=True))
    services.turmas.create(TurmaData(antigo, "5º ano A", "5º ano", "vespertino"))
    page = _page(qtbot, services)

    assert [page.ano_combo.itemText(i) for i in range(page.ano_combo.count())] == [
        "Todos",
        "2026",
        "2025 (encerrado)",
    ]
    assert page.ano_combo.currentText() == "2026"
    assert _column(page.turmas_table, 0) == ["6º ano A"]
    assert _column(page.turmas_table, 4) == ["0/30"]
    assert page.turmas_table.isColumnHidden(TurmaTableModel.ANO_COLUMN)
    # The first turma is selected, and its alunos shown (none yet)
    assert page.turma_titulo.text().find("6º ano A") >= 0
    assert page.roster_vazio.isVisible() and not page.roster_table.isVisible()

    page.ano_combo.setCurrentIndex(0)
    assert sorted(_column(page.turmas_table, 0)) == ["5º ano A", "6º ano A"]
    assert not page.turmas_table.isColumnHidden(TurmaTableModel.ANO_COLUMN)

    # The search filters by nome or série, accents aside
    page.busca.setText("5º")
    qtbot.waitUntil(lambda: _column(page.turmas_table, 0) == ["5º ano A"])


# --- the turma form -------------------------------------------------------------------


def test_create_a_turma_with_two_disciplinas(
    qtbot: QtBot, services: Services, ano: int, disciplinas: dict[str, int]
) -> None:
    page = _page(qtbot, services)
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))

    # When the secretary clicks Nova turma… and saves the form blank
    _click(qtbot, page.nova_button)
    dialog = _dialog(qtbot, page, TurmaDialog)
    assert dialog.ano_letivo.currentData() == ano  # the year shown on the page
    _save(qtbot, dialog)
    # Then each missing field says what it needs
    assert dialog.isVisible()
    assert dialog.error_text("nome") == "Informe o nome da turma, como 6º ano A."
    assert dialog.error_text("serie") == "Informe a série/ano, como 6º ano."
    assert dialog.error_text("turno") == "Escolha o turno na lista."

    assert dialog.error_text("etapa_id") == "Escolha a etapa da turma na lista, como 6º ano."

    # When they fill it in, choose the etapa and tick two disciplinas, with their carga horária
    dialog.nome.setText("6º ano A")
    dialog.serie.setText("6º ano")
    dialog.etapa.setCurrentIndex(dialog.etapa.findText("6º ano"))
    dialog.turno.setCurrentIndex(dialog.turno.findData("matutino"))
    qtbot.keyClicks(dialog.sala, "12")
    dialog.vagas.setValue(30)
    portugues = dialog.disciplinas.checkbox("Língua Portuguesa")
    matematica = dialog.disciplinas.checkbox("Matemática")
    assert not dialog.disciplinas.carga("Matemática").isEnabled()
    _click(qtbot, portugues)
    _click(qtbot, matematica)
    assert dialog.disciplinas.carga("Matemática").isEnabled()
    assert dialog.disciplinas.resumo.text() == "2 disciplinas marcadas"
    dialog.disciplinas.carga("Língua Portuguesa").setValue(160)
    dialog.disciplinas.carga("Matemática").setValue(200)
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then the list shows it, selected, and the file has its two disciplinas
    assert _column(page.turmas_table, 0) == ["6º ano A"]
    turma = page.selected_turma()
    assert turma is not None and (turma.serie, turma.turno, turma.sala, turma.vagas) == ("6º ano", "matutino", "12", 30)
    assert [(d.nome, d.carga_horaria) for d in services.turmas.disciplinas(turma.id)] == [
        ("Língua Portuguesa", 160),
        ("Matemática", 200),
    ]
    assert changed

    # When it is edited, the turma's disciplinas come first and a third one is added after them
    _click(qtbot, page.editar_button)
    dialog = _dialog(qtbot, page, TurmaDialog)
    assert dialog.nome.text() == "6º ano A"
    assert dialog.disciplinas.checkbox("Matemática").isChecked()
    assert dialog.disciplinas.carga("Matemática").value() == 200
    _click(qtbot, dialog.disciplinas.checkbox("Ciências"))
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert [d.nome for d in services.turmas.disciplinas(turma.id)] == ["Língua Portuguesa", "Matemática", "Ciências"]


def test_a_turma_name_in_use_is_shown_under_the_nome(qtbot: QtBot, services: Services, turma: int) -> None:
    page = _page(qtbot, services)
    _click(qtbot, page.nova_button)
    dialog = _dialog(qtbot, page, TurmaDialog)
    dialog.nome.setText("6º ANO a")
    dialog.serie.setText("6º ano")
    dialog.turno.setCurrentIndex(0)
    _save(qtbot, dialog)
    assert dialog.error_text("nome") == "Já existe uma turma com este nome neste ano letivo."


# --- enturmação em lote ---------------------------------------------------------------


def test_batch_enturmacao_of_three_alunos(qtbot: QtBot, services: Services, turma: int, alunos: dict[str, int]) -> None:
    page = _page(qtbot, services)
    assert page.enturmar_button.isEnabled()
    assert not page.situacao_button.isEnabled()  # no aluno selected yet

    _click(qtbot, page.enturmar_button)
    dialog = _dialog(qtbot, page, EnturmarDialog)
    assert _column(dialog.lista, 0) == ["Ana Souza", "Bruno Lima", "Caio Prado", "Davi Reis"]
    assert dialog.contagem.text() == "0 alunos marcados · sobram 30 das 30 vagas livres"
    assert dialog.data_entrada.date() == QDate.currentDate()

    # A click anywhere on the row ticks it; a second click unticks it
    for nome in ("Ana Souza", "Bruno Lima", "Davi Reis", "Davi Reis", "Caio Prado"):
        _click_row(qtbot, dialog.lista, dialog.row_of(nome))
    assert dialog.contagem.text() == "3 alunos marcados · sobram 27 das 30 vagas livres"
    dialog.data_entrada.setDate(QDate(2026, 2, 2))
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then the roster shows them, cursando, from that date; the list counts them
    assert _roster(page) == {"Ana Souza": "Cursando", "Bruno Lima": "Cursando", "Caio Prado": "Cursando"}
    assert _column(page.roster_table, 2) == ["02/02/2026"] * 3
    assert _column(page.turmas_table, 4) == ["3/30"]
    assert "3 alunos em 30 vagas, 27 livres" in page.turma_detalhes.text()
    # And the ones just added are selected, ready for the next step
    assert [r.aluno_nome for r in page.selected_enturmacoes()] == ["Ana Souza", "Bruno Lima", "Caio Prado"]


def test_an_age_far_from_the_etapa_asks_before_enturmar(
    qtbot: QtBot, services: Services, turma: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a 7-year-old (in 2026) and the 6º ano A, whose etapa is for 11-year-olds
    eva = services.alunos.create(AlunoData(nome="Eva Pequena", data_nascimento=date(2019, 1, 10)))
    questions: list[str] = []
    answers = [False, True]
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) or answers.pop(0))
    page = _page(qtbot, services)
    _click(qtbot, page.enturmar_button)
    dialog = _dialog(qtbot, page, EnturmarDialog)
    _click_row(qtbot, dialog.lista, dialog.row_of("Eva Pequena"))
    dialog.data_entrada.setDate(QDate(2026, 2, 2))

    # When she saves and answers No, the form stays as it was and nothing is written
    _save(qtbot, dialog)
    assert dialog.isVisible() and len(questions) == 1
    assert "Eva Pequena: 7 anos" in questions[0] and "6º ano (11 anos em 31 de março)" in questions[0]
    assert services.turmas.roster(turma) == []

    # And when she confirms, the child is enturmada: distorção idade-série is allowed
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert [r.aluno_id for r in services.turmas.roster(turma)] == [eva]


def test_a_transferencia_recebida_asks_where_the_aluno_comes_from(
    qtbot: QtBot, services: Services, turma: int, alunos: dict[str, int]
) -> None:
    page = _page(qtbot, services)
    _click(qtbot, page.enturmar_button)
    dialog = _dialog(qtbot, page, EnturmarDialog)
    # The school of origin is asked only for a transferência recebida
    assert not dialog.escola_origem.isVisibleTo(dialog) and not dialog.guia.isVisibleTo(dialog)
    _click_row(qtbot, dialog.lista, dialog.row_of("Caio Prado"))
    dialog.data_entrada.setDate(QDate(2026, 8, 3))
    dialog.transferencia.click()
    assert dialog.escola_origem.isVisibleTo(dialog) and dialog.uf_origem.isVisibleTo(dialog)
    assert "guia de transferência" in dialog.guia.text()

    # When she saves with the school left blank, each missing field says so, and nothing is saved
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("escola_origem") == "Informe a escola de onde o aluno veio."
    assert dialog.error_text("municipio_origem") == "Informe o município da escola de origem."
    assert dialog.error_text("uf_origem") == "Escolha a UF da escola de origem, como SP."
    assert services.turmas.roster(turma) == []

    # When she fills them in and saves
    dialog.escola_origem.insert("E.M. Cecília Meireles")  # (QTest types ASCII only)
    qtbot.keyClicks(dialog.municipio_origem, "Belo Horizonte")
    qtbot.keyClicks(dialog.uf_origem, "MG")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then Caio is in the turma from the day he arrived, and the roster says where from
    assert _roster(page) == {"Caio Prado": "Cursando"}
    row = _roster_row(page, "Caio Prado")
    entrada = page.roster_table.model().index(row, RosterTableModel.ENTRADA_COLUMN)
    assert entrada.data() == "03/08/2026"
    assert entrada.data(Qt.ItemDataRole.ToolTipRole) == (
        "Transferência recebida de E.M. Cecília Meireles, Belo Horizonte/MG"
    )
    assert services.turmas.enturmacao(_enturmacao(services, turma, "Caio Prado")).origem == EscolaTransferencia(
        "E.M. Cecília Meireles", "Belo Horizonte", "MG"
    )


def test_unticking_transferencia_recebida_enturma_without_a_school(
    qtbot: QtBot, services: Services, turma: int, alunos: dict[str, int]
) -> None:
    page = _page(qtbot, services)
    _click(qtbot, page.enturmar_button)
    dialog = _dialog(qtbot, page, EnturmarDialog)
    _click_row(qtbot, dialog.lista, dialog.row_of("Ana Souza"))
    dialog.data_entrada.setDate(QDate(2026, 2, 2))
    dialog.transferencia.click()
    qtbot.keyClicks(dialog.escola_origem, "Escola errada")
    dialog.transferencia.click()  # changed her mind: a matrícula from the start
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert services.turmas.enturmacao(_enturmacao(services, turma, "Ana Souza")).origem is None


def test_search_and_selecionar_todos_tick_only_the_alunos_found(
    qtbot: QtBot, services: Services, turma: int, alunos: dict[str, int]
) -> None:
    page = _page(qtbot, services)
    _click(qtbot, page.enturmar_button)
    dialog = _dialog(qtbot, page, EnturmarDialog)

    qtbot.keyClicks(dialog.busca, "ca")  # Caio, and the RA does not match
    assert _column(dialog.lista, 0) == ["Caio Prado"]
    _click(qtbot, dialog.selecionar_todos)
    dialog.busca.clear()
    assert dialog.model.checked_ids() == [alunos["Caio Prado"]]

    _click(qtbot, dialog.selecionar_todos)
    assert len(dialog.model.checked_ids()) == 4
    _click(qtbot, dialog.desmarcar_todos)
    assert dialog.model.checked_ids() == []
    # Nothing ticked: the form says so under the list
    _save(qtbot, dialog)
    assert dialog.error_text("alunos") == "Marque ao menos um aluno."


def test_enturmacao_refused_by_the_service_shows_the_reason_in_the_dialog(
    qtbot: QtBot, services: Services, ano: int, alunos: dict[str, int]
) -> None:
    primeiro = next(e.id for e in services.etapas.list() if e.nome == "1º ano")  # (its série names none)
    pequena = services.turmas.create(
        TurmaData(ano, "Multisseriada", "1º ao 3º ano", "vespertino", vagas=2, etapa_id=primeiro)
    )
    page = _page(qtbot, services)
    assert page.select_turma(pequena)
    _click(qtbot, page.enturmar_button)
    dialog = _dialog(qtbot, page, EnturmarDialog)

    for nome in ("Ana Souza", "Bruno Lima", "Caio Prado"):
        _click_row(qtbot, dialog.lista, dialog.row_of(nome))
    assert dialog.contagem.text() == "3 alunos marcados · 1 a mais que as 2 vagas livres"
    _save(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.error_text("alunos") == "A turma tem 2 vagas e ficaria com 3 alunos."
    assert services.turmas.roster(pequena) == []


def test_a_closed_year_takes_no_one_in(qtbot: QtBot, services: Services, alunos: dict[str, int]) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2025))
    turma = services.turmas.create(TurmaData(ano, "5º ano A", "5º ano", "matutino"))
    services.turmas.enturmar(turma, [alunos["Ana Souza"]], date(2025, 2, 3))
    services.anos_letivos.update(ano, AnoLetivoData(ano=2025, encerrado=True))
    page = _page(qtbot, services)

    # The page says so, and offers neither Enturmar nor Remanejar
    assert "O ano letivo 2025 está encerrado" in page.turma_detalhes.text()
    assert not page.enturmar_button.isEnabled()
    _click_row(qtbot, page.roster_table, 0)
    assert not page.remanejar_button.isEnabled()
    assert not page.retirar_button.isEnabled()
    assert page.situacao_button.isEnabled()

    # Should the year close while the form is open, the service's reason shows above the buttons
    row = page.selected_turma()
    assert row is not None
    dialog = EnturmarDialog(services.turmas, row)
    qtbot.addWidget(dialog)
    dialog.show()
    _click_row(qtbot, dialog.lista, dialog.row_of("Bruno Lima"))
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("geral") == "O ano letivo 2025 está encerrado. Para alterar, reabra-o em Configurações."


# --- situação, history and remanejamento ------------------------------------------------


def test_bulk_situacao_change_with_motivo_and_its_history(
    qtbot: QtBot, services: Services, turma: int, alunos: dict[str, int]
) -> None:
    services.turmas.enturmar(turma, list(alunos.values())[:3], date(2026, 2, 2))
    page = _page(qtbot, services)

    # When two alunos are selected (click, then Ctrl+click) and Alterar situação… clicked
    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    _click_row(qtbot, page.roster_table, _roster_row(page, "Bruno Lima"), Qt.KeyboardModifier.ControlModifier)
    assert page.roster_table.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    assert page.situacao_button.isEnabled()
    assert not page.remanejar_button.isEnabled()  # one aluno at a time
    _click(qtbot, page.situacao_button)
    dialog = _dialog(qtbot, page, SituacaoDialog)
    assert "2 alunos: Ana Souza e Bruno Lima" in dialog.findChild(QWidget, "alunos_escolhidos").text()
    # Only situações the file can keep are offered (the approvals of the rules per etapa wait
    # for their revision)
    oferecidas = [dialog.situacao.itemData(i) for i in range(dialog.situacao.count())]
    assert all(s is None or s in SITUACOES for s in oferecidas)
    assert Situacao.APROVADO in oferecidas and Situacao.APROVADO_PELO_CONSELHO not in oferecidas
    # The data de saída appears only for a situação that ends the stay
    assert not dialog.data_saida.isVisibleTo(dialog)
    dialog.situacao.setCurrentIndex(dialog.situacao.findData(Situacao.TRANSFERIDO))
    assert dialog.data_saida.isVisibleTo(dialog)
    dialog.data_saida.setDate(QDate(2026, 5, 4))

    # A transferência asks where to: without the school, its município and UF the form
    # refuses, each under its field
    assert dialog.escola_destino.isVisibleTo(dialog) and dialog.uf_destino.isVisibleTo(dialog)
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("escola_destino") == "Informe a escola para onde o aluno vai."
    assert dialog.error_text("municipio_destino") == "Informe o município da escola de destino."
    assert dialog.error_text("uf_destino") == "Escolha a UF da escola de destino, como SP."
    assert dialog.error_text("motivo") == "Informe o motivo da alteração manual da situação."
    qtbot.keyClicks(dialog.escola_destino, "E.E. Castro Alves")
    qtbot.keyClicks(dialog.municipio_destino, "Curitiba")
    dialog.uf_destino.setCurrentIndex(dialog.uf_destino.findData("PR"))

    # Without a motivo the form refuses, under the motivo
    _save(qtbot, dialog)
    assert dialog.error_text("motivo") == "Informe o motivo da alteração manual da situação."
    assert dialog.error_text("escola_destino") == ""
    dialog.motivo.setText("Mudou de cidade com a família")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert services.turmas.enturmacao(_enturmacao(services, turma, "Bruno Lima")).destino == EscolaTransferencia(
        "E.E. Castro Alves", "Curitiba", "PR"
    )

    # Then the roster shows them transferidos, marked as manual, with the motivo and the saída
    assert _roster(page) == {
        "Caio Prado": "Cursando",
        "Ana Souza": "Transferido (manual)",
        "Bruno Lima": "Transferido (manual)",
    }
    row = _roster_row(page, "Ana Souza")
    model = page.roster_table.model()
    situacao = model.index(row, RosterTableModel.SITUACAO_COLUMN)
    assert situacao.data(Qt.ItemDataRole.FontRole).italic()
    assert "Mudou de cidade com a família" in situacao.data(Qt.ItemDataRole.ToolTipRole)
    assert "Transferido para E.E. Castro Alves, Curitiba/PR" in situacao.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, 3).data() == "04/05/2026"
    assert _column(page.turmas_table, 4) == ["1/30"]  # those who left free their vagas

    # And the history of Ana's situação shows the change
    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    assert page.historico_button.isEnabled()
    _click(qtbot, page.historico_button)
    historico = _dialog(qtbot, page, HistoricoDialog)
    assert [r[1:] for r in historico.rows()] == [
        ["Calculada pelas notas", "Transferido", "Mudou de cidade com a família"]
    ]
    assert "Transferido (manual)" in historico.atual.text()
    historico.reject()

    # When the transfer is undone, the form says the data de saída goes, and it does
    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    _click(qtbot, page.situacao_button)
    dialog = _dialog(qtbot, page, SituacaoDialog)
    assert dialog.situacao.currentData() == Situacao.TRANSFERIDO  # the current one
    dialog.situacao.setCurrentIndex(dialog.situacao.findData(None))
    assert "A data de saída de Ana Souza será apagada" in dialog.efeito.text()
    assert not dialog.escola_destino.isVisibleTo(dialog)  # no school asked for when she stays
    dialog.motivo.setText("Transferência cancelada")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert _roster(page)["Ana Souza"] == "Cursando"
    assert [h.motivo for h in services.turmas.historico_situacoes(_enturmacao(services, turma, "Ana Souza"))] == [
        "Mudou de cidade com a família",
        "Transferência cancelada",
    ]


def _enturmacao(services: Services, turma: int, nome: str) -> int:
    return next(r.id for r in services.turmas.roster(turma) if r.aluno_nome == nome)


def test_remanejar_moves_the_aluno_to_another_turma_of_the_year(
    qtbot: QtBot, services: Services, ano: int, turma: int, alunos: dict[str, int]
) -> None:
    outra = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino", vagas=30))
    services.turmas.enturmar(turma, [alunos["Ana Souza"], alunos["Bruno Lima"]], date(2026, 2, 2))
    page = _page(qtbot, services)
    assert page.select_turma(turma)

    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    assert page.remanejar_button.isEnabled()
    _click(qtbot, page.remanejar_button)
    dialog = _dialog(qtbot, page, RemanejarDialog)
    # Only the other turmas of the year are offered, with their turno and occupation
    assert [dialog.turma.itemText(i) for i in range(dialog.turma.count())] == ["6º ano B — Vespertino — 0/30 alunos"]
    _save(qtbot, dialog)
    assert dialog.error_text("turma") == "Escolha a turma para onde o aluno vai."

    dialog.turma.setCurrentIndex(0)
    dialog.data.setDate(QDate(2026, 6, 1))
    dialog.motivo.setText("Troca de turno a pedido da família")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then Ana stays in 6º ano A's roster as Remanejado, and is in 6º ano B from that date
    assert _roster(page)["Ana Souza"] == "Remanejado (manual)"
    assert dict(zip(_column(page.turmas_table, 0), _column(page.turmas_table, 4), strict=True)) == {
        "6º ano A": "1/30",
        "6º ano B": "1/30",
    }
    assert [(r.aluno_nome, r.data_entrada) for r in services.turmas.roster(outra)] == [("Ana Souza", date(2026, 6, 1))]

    # She already left 6º ano A: she cannot be moved from it again
    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    assert not page.remanejar_button.isEnabled()  # she already left


def test_reclassificar_moves_the_aluno_to_a_turma_of_another_etapa_with_the_ata(
    qtbot: QtBot, services: Services, ano: int, turma: int, alunos: dict[str, int]
) -> None:
    services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino", vagas=30))
    setimo = services.turmas.create(TurmaData(ano, "7º ano A", "7º ano", "matutino", vagas=30))
    services.turmas.enturmar(turma, [alunos["Ana Souza"], alunos["Bruno Lima"]], date(2026, 2, 2))
    page = _page(qtbot, services)
    assert page.select_turma(turma)
    assert not page.reclassificar_button.isEnabled()  # no aluno selected

    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    assert page.reclassificar_button.isEnabled()
    _click(qtbot, page.reclassificar_button)
    dialog = _dialog(qtbot, page, ReclassificarDialog)
    # Only the turmas of another etapa are offered (the 6º ano B is a remanejamento)
    assert [dialog.turma.itemText(i) for i in range(dialog.turma.count())] == ["7º ano A — 7º ano — 0/30 alunos"]
    # Saved with nothing chosen nor typed, each mistake shows under its field
    _save(qtbot, dialog)
    assert dialog.error_text("turma") == "Escolha a turma para onde o aluno vai."
    assert dialog.error_text("motivo") == "Informe a ata da reclassificação (número e data) ou o motivo."
    dialog.turma.setCurrentIndex(0)
    # A date outside the year: the service's reason
    dialog.data.setDate(QDate(2027, 1, 4))
    qtbot.keyClicks(dialog.motivo, "Ata 3/2026, de 30/03/2026")
    _save(qtbot, dialog)
    assert dialog.isVisible() and "fora do ano letivo de 2026" in dialog.error_text("data_saida")
    dialog.data.setDate(QDate(2026, 4, 1))
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then Ana stays in the 6º ano A as Reclassificado, and is in the 7º ano A from that date
    assert _roster(page)["Ana Souza"] == "Reclassificado (manual)"
    assert [(r.aluno_nome, r.data_entrada) for r in services.turmas.roster(setimo)] == [("Ana Souza", date(2026, 4, 1))]
    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    assert not page.reclassificar_button.isEnabled() and not page.remanejar_button.isEnabled()


def test_dispensas_excuse_an_aluno_from_a_disciplina_and_take_it_back(
    qtbot: QtBot, services: Services, turma: int, alunos: dict[str, int]
) -> None:
    services.turmas.enturmar(turma, [alunos["Ana Souza"], alunos["Bruno Lima"]], date(2026, 2, 2))
    page = TurmasPage(
        services.turmas, services.anos_letivos, services.disciplinas, movimentacoes=services.movimentacoes
    )
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(page.isVisible)
    assert page.dispensa_button.isVisible() and not page.dispensa_button.isEnabled()

    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    _click(qtbot, page.dispensa_button)
    dialog = _dialog(qtbot, page, DispensaDialog)
    assert "não está dispensado de nenhuma disciplina" in dialog.atuais.text()
    assert [dialog.disciplina.itemText(i) for i in range(dialog.disciplina.count())] == [
        "Língua Portuguesa",
        "Matemática",
    ]  # the turma's disciplinas
    # Saved with nothing chosen nor typed, each mistake shows under its field
    _save(qtbot, dialog)
    assert dialog.error_text("disciplina") == "Escolha a disciplina."
    dialog.disciplina.setCurrentIndex(dialog.disciplina.findText("Matemática"))
    _save(qtbot, dialog)
    assert dialog.error_text("motivo") == "Informe o motivo da dispensa."
    # A date outside the year: the service's reason, under the date
    dialog.data.setDate(QDate(2027, 3, 10))
    qtbot.keyClicks(dialog.motivo, "Atestado medico")
    _save(qtbot, dialog)
    assert "fora do ano letivo de 2026" in dialog.error_text("data_dispensa")
    dialog.data.setDate(QDate(2026, 3, 10))
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    ana = _enturmacao(services, turma, "Ana Souza")
    assert [(d.disciplina, d.data, d.motivo) for d in services.movimentacoes.dispensas(ana)] == [
        ("Matemática", date(2026, 3, 10), "Atestado medico")
    ]

    # When she opens it again, the dispensa is named, and choosing Matemática offers to take it back
    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    _click(qtbot, page.dispensa_button)
    dialog = _dialog(qtbot, page, DispensaDialog)
    assert "está dispensado de: Matemática desde 10/03/2026 (Atestado medico)" in dialog.atuais.text()
    dialog.disciplina.setCurrentIndex(dialog.disciplina.findText("Matemática (dispensado)"))
    assert dialog.save_button.text() == "Remover dispensa" and not dialog.motivo.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert services.movimentacoes.dispensas(ana) == []


def test_situacao_of_a_remanejado_is_changed_in_the_new_turma(
    qtbot: QtBot,
    services: Services,
    ano: int,
    turma: int,
    alunos: dict[str, int],
    errors: list[tuple[str, str]],
) -> None:
    outra = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"))
    (ana,) = services.turmas.enturmar(turma, [alunos["Ana Souza"]], date(2026, 2, 2))
    services.turmas.remanejar(ana, outra, date(2026, 3, 2), "Troca de turno")
    page = _page(qtbot, services)
    assert page.select_turma(turma)

    _click_row(qtbot, page.roster_table, 0)
    _click(qtbot, page.situacao_button)

    assert page.dialog is None
    assert errors and "remanejamento" in errors[0][1] and "Ana Souza" in errors[0][1]


# --- deleting -------------------------------------------------------------------------


def test_deleting_a_turma_asks_first_and_names_what_goes(
    qtbot: QtBot,
    services: Services,
    turma: int,
    alunos: dict[str, int],
    disciplinas: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given 2 alunos with 4 notas and 8 frequência rows in Matemática
    ana, bruno = services.turmas.enturmar(turma, [alunos["Ana Souza"], alunos["Bruno Lima"]], date(2026, 2, 2))
    mat = disciplinas["Matemática"]
    periodos = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)  # type: ignore[arg-type]
    services.diario.lancar_notas(
        turma, mat, [Lancamento(e, "nota", Decimal("7.0"), p.id) for e in (ana, bruno) for p in periodos[:2]]
    )
    for p in periodos:
        services.diario.lancar_frequencia(
            turma, mat, p.id, [LancamentoFrequencia(ana, 40, 1), LancamentoFrequencia(bruno, 40, 0)]
        )
    page = _page(qtbot, services)
    questions: list[str] = []
    answers = iter([False, True])

    def ask(_parent: object, _title: str, text: str) -> bool:
        questions.append(text)
        return next(answers)

    monkeypatch.setattr(messages, "ask_yes_no", ask)

    # When Excluir… is clicked and the answer is Não, nothing goes
    _click(qtbot, page.excluir_button)
    assert questions == [
        "Excluir a turma 6º ano A? Vão junto 2 matrículas na turma, 4 notas e 8 registros de frequência." + LIXEIRA
    ]
    assert _column(page.turmas_table, 0) == ["6º ano A"]

    # When it is clicked again and the answer is Sim, it is gone, the alunos stay
    _click(qtbot, page.excluir_button)
    assert _column(page.turmas_table, 0) == []
    assert services.turmas.list() == []
    assert len(services.alunos.list()) == 4
    assert page.detalhe_stack.currentWidget() is page.nenhuma_turma


def test_deleting_an_empty_turma_says_nothing_else_goes(
    qtbot: QtBot, services: Services, turma: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, services)
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) or False)
    _click(qtbot, page.excluir_button)
    assert questions == ["Excluir a turma 6º ano A? Ela não tem alunos, notas nem frequência." + LIXEIRA]


def _answers(monkeypatch: pytest.MonkeyPatch, *answers: bool) -> list[str]:
    """Answer the page's questions with ``answers`` in turn; returns the questions asked."""
    questions: list[str] = []
    pending = iter(answers)

    def ask(_parent: object, _title: str, text: str) -> bool:
        questions.append(text)
        return next(pending)

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    return questions


def test_retirar_da_turma_asks_first_and_names_what_goes(
    qtbot: QtBot,
    services: Services,
    turma: int,
    alunos: dict[str, int],
    disciplinas: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given 3 alunos, two of them with 8 notas and 12 frequência rows between them
    ana, bruno, _caio = services.turmas.enturmar(turma, list(alunos.values())[:3], date(2026, 2, 2))
    mat, lp = disciplinas["Matemática"], disciplinas["Língua Portuguesa"]
    periodos = services.anos_letivos.periodos(services.turmas.get(turma).ano_letivo_id)  # type: ignore[arg-type]
    services.diario.lancar_notas(
        turma, mat, [Lancamento(e, "nota", Decimal("7.0"), p.id) for e in (ana, bruno) for p in periodos]
    )
    for disciplina, quais in ((mat, periodos), (lp, periodos[:2])):
        for p in quais:
            services.diario.lancar_frequencia(
                turma, disciplina, p.id, [LancamentoFrequencia(ana, 40, 1), LancamentoFrequencia(bruno, 40, 0)]
            )
    page = _page(qtbot, services)
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))
    questions = _answers(monkeypatch, False, True)
    assert not page.retirar_button.isEnabled()  # no aluno selected yet

    # When two alunos are selected and Retirar da turma… clicked, answering Não
    _click_row(qtbot, page.roster_table, _roster_row(page, "Ana Souza"))
    _click_row(qtbot, page.roster_table, _roster_row(page, "Bruno Lima"), Qt.KeyboardModifier.ControlModifier)
    assert page.retirar_button.isEnabled()
    _click(qtbot, page.retirar_button)

    # Then the question names them, says what the action is for, and what goes
    assert questions == [
        "Retirar Ana Souza e Bruno Lima da turma 6º ano A? Use isto só para desfazer uma enturmação feita "
        "por engano; para um aluno que saiu, use Alterar situação. "
        "Vão junto 8 notas e 12 registros de frequência."
    ]
    # And Não keeps everything
    assert _roster(page) == {"Ana Souza": "Cursando", "Bruno Lima": "Cursando", "Caio Prado": "Cursando"}
    assert len(services.turmas.roster(turma)) == 3
    assert not changed

    # When asked again and the answer is Sim, they are gone from the turma, with their notas
    _click(qtbot, page.retirar_button)
    assert len(questions) == 2
    assert _roster(page) == {"Caio Prado": "Cursando"}
    assert _column(page.turmas_table, 4) == ["1/30"]
    assert "1 aluno em 30 vagas, 29 livres" in page.turma_detalhes.text()
    assert [linha.aluno_nome for linha in services.diario.notas(turma, mat).linhas] == ["Caio Prado"]
    assert len(services.alunos.list()) == 4  # the alunos themselves stay
    assert changed == [True]
    assert not page.retirar_button.isEnabled()  # nothing selected any more


def test_retirar_names_five_alunos_at_most_and_who_goes_back(
    qtbot: QtBot, services: Services, ano: int, turma: int, alunos: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    outra = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"))
    (ana,) = services.turmas.enturmar(turma, [alunos["Ana Souza"]], date(2026, 2, 2))
    services.turmas.remanejar(ana, outra, date(2026, 3, 2), "Troca de turno")
    mais = [services.alunos.create(AlunoData(nome=n)) for n in ("Elisa Melo", "Fábio Nunes", "Gabi Torres")]
    services.turmas.enturmar(outra, [*list(alunos.values())[1:], *mais], date(2026, 3, 2))
    page = _page(qtbot, services)
    assert page.select_turma(outra)
    questions = _answers(monkeypatch, True)

    page.roster_table.selectAll()
    _click(qtbot, page.retirar_button)

    assert questions == [
        "Retirar Ana Souza, Bruno Lima, Caio Prado, Davi Reis, Elisa Melo e mais 2 da turma 6º ano B? "
        "Use isto só para desfazer uma enturmação feita por engano; para um aluno que saiu, use Alterar situação. "
        "Não há notas nem frequência lançadas. "
        "Ana Souza volta para a turma 6º ano A, de onde veio por remanejamento."
    ]
    assert page.roster_vazio.isVisible()
    assert page.select_turma(turma)
    assert _roster(page) == {"Ana Souza": "Cursando"}


def test_retirar_refused_by_the_service_says_why(
    qtbot: QtBot,
    services: Services,
    ano: int,
    turma: int,
    alunos: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    # Given Ana remanejada from 6º ano A to B, and on to C
    turma_b = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"))
    turma_c = services.turmas.create(TurmaData(ano, "6º ano C", "6º ano", "noturno"))
    (a,) = services.turmas.enturmar(turma, [alunos["Ana Souza"]], date(2026, 2, 2))
    b = services.turmas.remanejar(a, turma_b, date(2026, 3, 2), "Troca de turno")
    services.turmas.remanejar(b, turma_c, date(2026, 4, 1), "Troca de turno")
    page = _page(qtbot, services)
    assert page.select_turma(turma_b)
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))
    _answers(monkeypatch, True)

    # When she is taken out of B, which would put her back in A while she is in C
    _click_row(qtbot, page.roster_table, 0)
    _click(qtbot, page.retirar_button)

    # Then the reason is shown and nothing changes
    assert errors == [
        (
            "Retirar da turma",
            "Ana Souza veio da turma 6º ano A por remanejamento e voltaria para ela, mas já está na turma "
            "6º ano C neste ano letivo. Retire primeiro a matrícula na turma 6º ano C.",
        )
    ]
    assert _roster(page) == {"Ana Souza": "Remanejado (manual)"}
    assert not changed


# --- models ---------------------------------------------------------------------------


def _turma_row(**kw: object) -> TurmaRow:
    values: dict[str, object] = {
        "id": 1,
        "ano_letivo_id": 1,
        "ano": 2026,
        "nome": "6º ano A",
        "serie": "6º ano",
        "turno": "matutino",
        "sala": "12",
        "vagas": 30,
        "alunos": 28,
    }
    values.update(kw)
    return TurmaRow(**values)  # type: ignore[arg-type]


def _enturmacao_row(**kw: object) -> EnturmacaoRow:
    values: dict[str, object] = {
        "id": 1,
        "aluno_id": 1,
        "aluno_nome": "Ana Souza",
        "ra": "00000001",
        "turma_id": 1,
        "turma_nome": "6º ano A",
        "ano": 2026,
        "serie": "6º ano",
        "data_entrada": date(2026, 2, 2),
        "data_saida": None,
        "situacao": Situacao.CURSANDO,
        "manual": False,
        "motivo": None,
    }
    values.update(kw)
    return EnturmacaoRow(**values)  # type: ignore[arg-type]


def test_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    turmas = TurmaTableModel()
    turmas.reload([_turma_row(), _turma_row(id=2, nome="8º ano A", vagas=None, alunos=12, sala=None)])
    qtmodeltester.check(turmas)
    assert [turmas.index(r, 4).data() for r in range(2)] == ["28/30", "12"]

    roster = RosterTableModel()
    roster.reload(
        [
            _enturmacao_row(),
            _enturmacao_row(
                id=2,
                aluno_nome="Bruno Lima",
                data_saida=date(2026, 5, 4),
                situacao=Situacao.TRANSFERIDO,
                manual=True,
                motivo="Mudou de cidade",
            ),
        ]
    )
    qtmodeltester.check(roster)
    assert roster.index(1, 4).data() == "Transferido (manual)"
    assert roster.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # those who left are grey
    assert roster.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None

    historico = HistoricoTableModel()
    historico.reload([HistoricoSituacaoRow(None, None, Situacao.TRANSFERIDO, "Mudou de cidade")])
    qtmodeltester.check(historico)
    assert historico.index(0, 1).data() == "Calculada pelas notas"

    candidatos = CandidatosModel()
    candidatos.reload([(1, "Ana Souza", "00000001"), (2, "Érico Dias", "00000002")])
    candidatos.toggle(1)
    qtmodeltester.check(candidatos)
    assert candidatos.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert candidatos.checked_ids() == [2]


def test_the_roster_keeps_the_service_order_until_a_header_click(
    qtbot: QtBot, services: Services, turma: int, alunos: dict[str, int]
) -> None:
    ana, *_ = services.turmas.enturmar(turma, list(alunos.values()), date(2026, 2, 2))
    services.turmas.mudar_situacao([ana], Situacao.ABANDONO, "Deixou de frequentar", date(2026, 4, 1))
    page = _page(qtbot, services)
    # Those in the turma by name, then those who left
    assert _column(page.roster_table, 0) == ["Bruno Lima", "Caio Prado", "Davi Reis", "Ana Souza"]
    header = page.roster_table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(0) + 5, 5))
    assert _column(page.roster_table, 0)[0] == "Ana Souza"
