"""The Configurações page, driven as the secretary would: the escola form, the anos letivos
with their rule, and the disciplinas."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento
from escola_gui.core.escola import AnoLetivoData, DisciplinaRow, EscolaData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.forms.ano_letivo import AnoLetivoDialog
from escola_gui.gui.forms.disciplina import DisciplinaDialog
from escola_gui.gui.pages.configuracoes import (
    AnoLetivoLinha,
    AnoLetivoTableModel,
    ConfiguracoesPage,
    DisciplinaTableModel,
)
from escola_gui.gui.toolkit import messages

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = TypeVar("D", bound=QDialog)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _page(qtbot: QtBot, services: Services) -> ConfiguracoesPage:
    page = ConfiguracoesPage(services.escola, services.anos_letivos, services.disciplinas)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(page.isVisible)
    return page


def _go_to_tab(qtbot: QtBot, page: ConfiguracoesPage, title: str) -> None:
    bar = page.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert page.tabs.currentIndex() == index


def _dialog(qtbot: QtBot, panel: QWidget, kind: type[D]) -> D:
    qtbot.waitUntil(lambda: isinstance(panel.dialog, kind) and panel.dialog.isVisible())  # type: ignore[attr-defined]
    return panel.dialog  # type: ignore[attr-defined,no-any-return]


def _column(panel: QWidget, column: int) -> list[str]:
    proxy = panel.proxy  # type: ignore[attr-defined]
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def _click_row(qtbot: QtBot, panel: QWidget, row: int) -> None:
    view = panel.table  # type: ignore[attr-defined]
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# --- escola ---------------------------------------------------------------------------


def test_escola_form_shows_the_inep_error_under_the_field_then_saves(qtbot: QtBot, services: Services) -> None:
    page = _page(qtbot, services)
    assert page.tabs.currentWidget() is page.escola
    form = page.escola
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))

    # When the secretary types a short código INEP and clicks Salvar
    qtbot.keyClicks(form.nome, "EMEF Monteiro Lobato")
    qtbot.keyClicks(form.codigo_inep, "3501234")
    _click(qtbot, form.salvar)

    # Then the message shows under the INEP field, which takes the focus, and nothing is saved
    assert form.error_text("codigo_inep") == "O código INEP da escola deve ter 8 dígitos."
    assert form.error_text("nome") == ""
    assert form.focusWidget() is form.codigo_inep
    assert services.escola.get() is None
    assert not changed

    # When it is fixed, the data is saved, the message goes and the page says so
    form.codigo_inep.setText("35012345")
    form.municipio.setText("Taubaté")
    form.uf.setCurrentIndex(form.uf.findData("SP"))
    _click(qtbot, form.salvar)
    assert form.error_text("codigo_inep") == ""
    assert form.status.text() == "Dados da escola salvos."
    assert services.escola.get() == EscolaData("EMEF Monteiro Lobato", "35012345", None, "Taubaté", "SP", None)
    assert changed == [True]


def test_escola_form_shows_what_is_saved(qtbot: QtBot, services: Services) -> None:
    services.escola.save(EscolaData("EMEF Monteiro Lobato", "35012345", "Rua das Flores, 120", "Taubaté", "SP"))
    page = _page(qtbot, services)
    form = page.escola
    assert (form.nome.text(), form.codigo_inep.text(), form.uf.currentText()) == (
        "EMEF Monteiro Lobato",
        "35012345",
        "SP",
    )
    # A blank nome is refused under the nome
    form.nome.clear()
    _click(qtbot, form.salvar)
    assert form.error_text("nome") == "Informe o nome da escola."


# --- anos letivos ---------------------------------------------------------------------


def test_create_an_ano_letivo_through_the_dialog(qtbot: QtBot, services: Services) -> None:
    page = _page(qtbot, services)
    _go_to_tab(qtbot, page, "Anos letivos")
    panel = page.anos_letivos
    assert panel.vazio.isVisible() and "Novo ano letivo" in panel.vazio.text()
    assert not panel.editar.isEnabled() and not panel.excluir.isEnabled()
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))

    _click(qtbot, panel.novo)
    dialog = _dialog(qtbot, panel, AnoLetivoDialog)
    # The weights show only for the weighted média, one per período
    assert not dialog.pesos.isVisibleTo(dialog)
    dialog.ano.setValue(2026)
    dialog.tipo_periodo.setCurrentIndex(dialog.tipo_periodo.findData("trimestre"))
    dialog.formula_media.setCurrentIndex(dialog.formula_media.findData("ponderada"))
    assert dialog.pesos.isVisibleTo(dialog)
    assert len(dialog.pesos.spins) == 3
    for spin, peso in zip(dialog.pesos.spins, (1, 2, 3), strict=True):
        spin.setValue(peso)
    # The média uses the Brazilian comma, in steps of 0,5
    dialog.media_aprovacao.setValue(6.0)
    dialog.media_aprovacao.stepBy(1)
    assert dialog.media_aprovacao.text() == "6,5"
    dialog.frequencia_minima.setValue(75)
    dialog.recuperacao.setCurrentIndex(dialog.recuperacao.findData("substitui_media"))
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)

    assert _column(panel, 0) == ["2026"]
    assert _column(panel, 1) == ["Trimestres (3)"]
    assert _column(panel, 4) == ["média 6,5 ponderada (1, 2, 3) · frequência 75 % · recuperação final"]
    (row,) = services.anos_letivos.list()
    assert services.anos_letivos.get(row.id) == AnoLetivoData(
        ano=2026,
        tipo_periodo="trimestre",
        formula_media="ponderada",
        media_aprovacao=Decimal("6.5"),
        frequencia_minima=75,
        recuperacao="substitui_media",
        pesos=(1, 2, 3),
    )
    assert changed == [True]

    # A second new year starts from that rule, on the next free year, and says so
    _click(qtbot, panel.novo)
    dialog = _dialog(qtbot, panel, AnoLetivoDialog)
    assert dialog.origem.isVisibleTo(dialog) and "2026" in dialog.origem.text()
    assert dialog.tipo_periodo.currentData() == "trimestre"
    assert [s.value() for s in dialog.pesos.spins] == [1, 2, 3]
    # The year already saved is refused under the ano
    dialog.ano.setValue(2026)
    _click(qtbot, dialog.save_button)
    assert dialog.error_text("ano") == "Este ano letivo já está cadastrado."
    dialog.reject()


def test_an_ano_letivo_with_turmas_is_not_deleted(
    qtbot: QtBot, services: Services, errors: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"))
    vazio = services.anos_letivos.create(AnoLetivoData(ano=2027))
    page = _page(qtbot, services)
    _go_to_tab(qtbot, page, "Anos letivos")
    panel = page.anos_letivos
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) or True)

    # 2026 has a turma: nothing is asked, the reason is shown
    panel.select_id(ano)
    _click(qtbot, panel.excluir)
    assert questions == []
    assert errors == [("Excluir ano letivo", "Este ano letivo tem turmas; exclua-as antes de excluir o ano. (1 turma)")]

    # 2027 has none: asked first, naming its bimestres, then gone
    panel.select_id(vazio)
    _click(qtbot, panel.excluir)
    assert questions == ["Excluir o ano letivo 2027? Vão junto os bimestres (4) e a regra de avaliação dele."]
    assert [r.ano for r in services.anos_letivos.list()] == [2026]
    assert _column(panel, 0) == ["2026"]


def test_periodos_cannot_change_once_there_are_notas(qtbot: QtBot, services: Services) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    disciplina = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(disciplina, None)])
    aluno = services.alunos.create(AlunoData(nome="Ana"))
    (ana,) = services.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    periodo = services.anos_letivos.periodos(ano)[0]
    services.diario.lancar_notas(turma, disciplina, [Lancamento(ana, "nota", Decimal("7.0"), periodo.id)])
    page = _page(qtbot, services)
    _go_to_tab(qtbot, page, "Anos letivos")
    panel = page.anos_letivos

    _click_row(qtbot, panel, 0)
    _click(qtbot, panel.editar)
    dialog = _dialog(qtbot, panel, AnoLetivoDialog)
    dialog.tipo_periodo.setCurrentIndex(dialog.tipo_periodo.findData("semestre"))
    _click(qtbot, dialog.save_button)
    assert dialog.error_text("tipo_periodo") == (
        "Os períodos não podem mudar: este ano letivo já tem notas ou frequência lançadas."
    )


# --- disciplinas ----------------------------------------------------------------------


def test_disciplinas_new_rename_and_delete(
    qtbot: QtBot, services: Services, errors: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, services)
    _go_to_tab(qtbot, page, "Disciplinas")
    panel = page.disciplinas
    assert not panel.renomear.isEnabled()

    # Nova disciplina…
    _click(qtbot, panel.nova)
    dialog = _dialog(qtbot, panel, DisciplinaDialog)
    dialog.nome.setText("Matemática")
    qtbot.keyClicks(dialog.abreviatura, "MAT")
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    assert _column(panel, 0) == ["Matemática"]
    assert panel.renomear.isEnabled()  # the new one is selected

    # The same name again, accents and case aside, is refused under the nome
    _click(qtbot, panel.nova)
    dialog = _dialog(qtbot, panel, DisciplinaDialog)
    qtbot.keyClicks(dialog.nome, "MATEMATICA")
    _click(qtbot, dialog.save_button)
    assert dialog.error_text("nome") == "Já existe uma disciplina com este nome."
    dialog.reject()

    # Renomear…
    _click_row(qtbot, panel, 0)
    _click(qtbot, panel.renomear)
    dialog = _dialog(qtbot, panel, DisciplinaDialog)
    assert dialog.windowTitle() == "Renomear disciplina"
    assert dialog.nome.text() == "Matemática"
    dialog.nome.setText("Matemática Financeira")
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    assert _column(panel, 0) == ["Matemática Financeira"]

    # In use by a turma: the service's reason is shown, nothing is asked
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    (row,) = services.disciplinas.list()
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(row.id, 80)])
    page.refresh()
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) or True)
    _click_row(qtbot, panel, 0)
    _click(qtbot, panel.excluir)
    assert questions == []
    assert errors == [
        (
            "Excluir disciplina",
            "Esta disciplina é usada por turmas; retire-a das turmas antes de excluí-la. (Usada em 1 turma.)",
        )
    ]

    # Free again: asked first, then deleted
    services.turmas.set_disciplinas(turma, [])
    page.refresh()
    _click_row(qtbot, panel, 0)
    _click(qtbot, panel.excluir)
    assert questions == ["Excluir a disciplina Matemática Financeira?"]
    assert services.disciplinas.list() == []
    assert panel.vazio.isVisible()


# --- models ---------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    anos = AnoLetivoTableModel()
    anos.reload(
        [
            AnoLetivoLinha(1, 2026, "bimestre", False, 5, "média 6,0 · frequência 75 % · sem recuperação"),
            AnoLetivoLinha(2, 2025, "trimestre", True, 0, "média 5,0 · frequência 75 % · recuperação final"),
        ]
    )
    qtmodeltester.check(anos)
    assert [anos.index(r, 3).data() for r in range(2)] == ["Em andamento", "Encerrado"]
    assert anos.index(1, 1).data() == "Trimestres (3)"

    disciplinas = DisciplinaTableModel()
    disciplinas.reload([DisciplinaRow(1, "Matemática", "MAT", 3), DisciplinaRow(2, "Arte", None, 0)])
    qtmodeltester.check(disciplinas)
    assert disciplinas.index(1, 1).data() == ""


def test_closing_a_year_lists_what_is_missing_then_closes_and_reopens_with_a_motivo(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from escola_gui.gui.forms.encerramento import PendenciasDialog, ReabrirDialog

    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    lp = services.disciplinas.create("Língua Portuguesa", "LP")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(lp, 160)])
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    (enturmacao,) = services.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    page = ConfiguracoesPage(
        services.escola, services.anos_letivos, services.disciplinas, encerramento=services.encerramento
    )
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    _go_to_tab(qtbot, page, "Anos letivos")
    panel = page.anos_letivos
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) or True)
    _click_row(qtbot, panel, 0)
    assert panel.encerrar is not None and panel.reabrir is not None
    assert panel.encerrar.isEnabled() and not panel.reabrir.isEnabled()

    # A result missing: refused, each one listed, nothing asked, nothing changed
    _click(qtbot, panel.encerrar)
    pendencias = _dialog(qtbot, panel, PendenciasDialog)
    assert pendencias.lista.toPlainText().startswith(
        "6º ano A · Língua Portuguesa · Ana Souza (RA "
    ) and pendencias.lista.toPlainText().endswith(
        "falta nota do 1º bimestre, nota do 2º bimestre, nota do 3º "
        "bimestre, nota do 4º bimestre, frequência do 1º bimestre, "
        "frequência do 2º bimestre, frequência do 3º bimestre, "
        "frequência do 4º bimestre"
    )
    pendencias.reject()
    assert questions == [] and not services.anos_letivos.get(ano).encerrado

    # The aluno transferred: nothing missing, asked, closed
    services.turmas.mudar_situacao(
        [enturmacao],
        Situacao.TRANSFERIDO,
        "Transferida em março",
        date(2026, 3, 2),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )
    _click(qtbot, panel.encerrar)
    assert questions and questions[0].startswith("Encerrar o ano letivo 2026? Todos os resultados estão lançados.")
    assert services.anos_letivos.get(ano).encerrado
    assert _column(panel, 3) == ["Encerrado"]
    assert not panel.encerrar.isEnabled() and panel.reabrir.isEnabled()

    # Reopening: no motivo → said under the field; with one → reopened
    _click(qtbot, panel.reabrir)
    reabrir = _dialog(qtbot, panel, ReabrirDialog)
    reabrir._accept()
    assert reabrir.erro.isVisible() and reabrir.erro.text() == "Informe o motivo da reabertura do ano letivo."
    qtbot.keyClicks(reabrir.motivo, "Nota digitada errada")
    reabrir._accept()
    qtbot.waitUntil(lambda: not services.anos_letivos.get(ano).encerrado)
    assert panel.encerrar.isEnabled() and not panel.reabrir.isEnabled()
