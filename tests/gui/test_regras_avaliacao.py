"""Configurações → Regras de avaliação, the rule of each etapa (Etapas tab) and of a turma (its
form), driven as the secretary would, mistakes included."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from escola_gui.core.alunos import AlunoData
from escola_gui.core.diario import Lancamento
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.forms.regra_avaliacao import RegraAvaliacaoDialog
from escola_gui.gui.forms.turma import TurmaDialog
from escola_gui.gui.pages.configuracoes import ConfiguracoesPage
from escola_gui.gui.pages.diario.page import NotasPage
from escola_gui.gui.toolkit import messages
from tests.gui.test_diario import Turma, _go, _make_turma, _show, _type

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NOTAS_0_100, MEIO_PONTO = "Notas de 0 a 100 — média 60", "Notas de 0 a 10 — meio ponto, recuperação por período"


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _page(qtbot: QtBot, services: Services, aba: str) -> ConfiguracoesPage:
    page = ConfiguracoesPage(
        services.escola, services.anos_letivos, services.disciplinas, etapas=services.etapas, regras=services.regras
    )
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(page.isVisible)
    bar = page.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == aba)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    return page


def _choose_in_popup(combo: QComboBox, nome: str) -> None:
    """A choice from the open list: one activation."""
    index = combo.findText(nome)
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_a_new_rule_with_mistakes_then_saved_and_a_rule_in_use_not_deleted(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, services, "Regras de avaliação")
    panel = page.regras
    assert panel is not None and page.tabs.currentWidget() is panel
    assert panel.model.rowCount() == 5

    # When she saves a new rule with no name, a média of 11 and a rounding of 0,3
    _click(qtbot, panel.nova)
    dialog = panel.dialog
    assert isinstance(dialog, RegraAvaliacaoDialog)
    dialog.media.clear()
    qtbot.keyClicks(dialog.media, "11")
    qtbot.keyClicks(dialog.passo, "0,3")
    _click(qtbot, dialog.save_button)
    # Then each mistake shows beside its field, and nothing is saved
    assert dialog.isVisible()
    assert dialog.error_text("nome") == "Informe o nome da regra de avaliação."
    assert dialog.error_text("media_aprovacao").startswith("A média para aprovação deve estar entre 0 e 10")
    assert dialog.error_text("tabela_arredondamento").startswith("Arredonde para um valor que divida a escala")

    # When she makes it a rule of conceitos S and N, with a name
    qtbot.keyClicks(dialog.nome, "Conceitos S e N")
    dialog.tipo.setCurrentIndex(dialog.tipo.findData("conceitual"))
    assert not dialog.media.isEnabled() and dialog.aprovam.isEnabled()
    qtbot.keyClicks(dialog.aprovam, "S")
    qtbot.keyClicks(dialog.reprovam, "N")
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    # Then it is listed and kept as typed
    regra = next(r for r in services.regras.list() if r.nome == "Conceitos S e N")
    assert [(c.sigla, c.aprova) for c in services.regras.get(regra.id).conceitos] == [("S", True), ("N", False)]
    assert panel.model.rowCount() == 6

    # When she deletes the rule of Educação Infantil, which its two etapas use: told why, not asked
    questions: list[str] = []
    errors: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) or True)
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text, *a, **k: errors.append(text))
    panel.select_id(5)
    _click(qtbot, panel.excluir)
    assert not questions
    assert errors and "é usada por 2 etapas (Creche, Pré-escola)" in errors[0]
    assert 5 in {r.id for r in services.regras.list()}


def test_the_rule_of_an_etapa_refused_while_its_notas_would_be_read_otherwise(qtbot: QtBot, services: Services) -> None:
    # Given a 6º ano turma with a nota of 0 to 10
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    lp = services.disciplinas.create("Língua Portuguesa")
    turma = services.turmas.create(TurmaData(ano, "6º A", "6º ano", "matutino"), [(lp, None)])
    [e] = services.turmas.enturmar(turma, [services.alunos.create(AlunoData(nome="Ana"))], date(2026, 2, 2))
    periodo = services.anos_letivos.periodos(ano)[0].id
    services.diario.lancar_notas(turma, lp, [Lancamento(e, "nota", "7", periodo)])
    page = _page(qtbot, services, "Etapas")
    panel = page.etapas
    assert panel is not None
    sexto = next(x.id for x in services.etapas.list() if x.nome == "6º ano")
    combo = panel.regra_combos[sexto]
    assert combo.currentText() == "A do ano letivo"

    # When she gives the 6º ano the 0–100 scale: refused, said why, the combo back as it was
    _choose_in_popup(combo, NOTAS_0_100)
    assert "a turma 6º A (2026) já tem notas lançadas como notas de 0 a 10" in panel.regras_status.text()
    assert combo.currentText() == "A do ano letivo"
    assert services.regras.da_etapa()[sexto] is None

    # When she gives it the rule of meio ponto (notas of 0 to 10 too): saved
    _choose_in_popup(combo, MEIO_PONTO)
    assert panel.regras_status.text() == f"Regra da etapa 6º ano salva: {MEIO_PONTO}."
    assert services.regras.da_turma(turma).tabela_arredondamento is not None


def test_the_turma_form_chooses_its_rule(qtbot: QtBot, services: Services) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    turma = services.turmas.create(TurmaData(ano, "6º A", "6º ano", "matutino"))
    dialog = TurmaDialog(services.turmas, services.anos_letivos, services.disciplinas, turma, ano)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.regra.currentText() == "A da etapa (ou a do ano letivo)"
    dialog.regra.setCurrentIndex(dialog.regra.findText(NOTAS_0_100))
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    assert services.regras.da_turma(turma).escala == 100


# --- the Notas grid by the rule's tipo --------------------------------------------------


def _grid(qtbot: QtBot, services: Services, regra: str) -> tuple[NotasPage, Turma]:
    turma = _make_turma(services, None, saiu=False)
    data = services.turmas.get(turma.turma)
    regra_id = next(r.id for r in services.regras.list() if r.nome == regra)
    services.turmas.update(turma.turma, replace(data, regra_avaliacao_id=regra_id))
    page = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, page)
    return page, turma


def test_the_grid_takes_conceitos_under_a_rule_of_conceitos(qtbot: QtBot, services: Services) -> None:
    page, turma = _grid(qtbot, services, "Conceitos A a E")
    view, model = page.table, page.model
    assert page.regra.text().startswith("Conceitos A, B, C, D, E (aprovam: A, B, C)")
    assert page.status.text().startswith("Digite o conceito (como B)")

    # A conceito typed in lower case is kept as the list spells it; one not in the list is refused
    _go(view, 0, 1)
    _type(qtbot, view, "b")
    qtbot.waitUntil(lambda: services.diario.notas(turma.turma, turma.lp).linhas[0].notas[0] == "B")
    assert model.index(0, 1).data() == "B"
    _go(view, 0, 2)
    _type(qtbot, view, "Z")
    assert page.status.text() == "Ana Souza, 2º bim.: Conceito inválido. Use um dos conceitos da regra de avaliação."
    assert services.diario.notas(turma.turma, turma.lp).linhas[0].notas[1] is None

    # With the four conceitos, the last one is the final one, in the Média column
    for column, conceito in ((2, "A"), (3, "C"), (4, "D")):
        _go(view, 0, column)
        _type(qtbot, view, conceito)
    assert model.index(0, model.column_of("media")).data() == "D"


def test_the_grid_takes_notas_to_100_under_a_rule_on_that_scale(qtbot: QtBot, services: Services) -> None:
    page, turma = _grid(qtbot, services, NOTAS_0_100)
    view, model = page.table, page.model
    assert page.regra.text().startswith("Notas de 0 a 100 · Média para aprovação: 60")
    _go(view, 0, 1)
    _type(qtbot, view, "101")
    assert page.status.text() == "Ana Souza, 1º bim.: A nota deve estar entre 0 e 100."
    for column, nota in ((1, "55"), (2, "60"), (3, "70,5"), (4, "80")):
        _go(view, 0, column)
        _type(qtbot, view, nota)
    assert [model.index(0, c).data() for c in range(1, 5)] == ["55", "60", "70,5", "80"]
    assert model.index(0, model.column_of("media")).data() == "66,4"


def test_the_grid_takes_a_parecer_under_a_rule_of_pareceres(qtbot: QtBot, services: Services) -> None:
    page, turma = _grid(qtbot, services, "Educação Infantil — parecer, sem retenção")
    view, model = page.table, page.model
    assert page.regra.text() == "Parecer descritivo em cada período · sem retenção."
    _go(view, 0, 1)
    _type(qtbot, view, "Participa das rodas de conversa")  # (longer than a nota: kept whole)
    qtbot.waitUntil(
        lambda: services.diario.notas(turma.turma, turma.lp).linhas[0].notas[0] == "Participa das rodas de conversa"
    )
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "Participa das rodas de conversa"
