"""The aluno form's Alterações tab: the audit log of the aluno, newest first, in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from escola_gui.core import auditoria
from escola_gui.core.alunos import AlunoData
from escola_gui.core.auditoria import LinhaAuditoria
from escola_gui.core.diario import Lancamento
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.alteracoes import AlteracoesModel
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _usuario(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auditoria, "usuario_atual", lambda: "secretaria")


def _tab_titles(dialog: AlunoDialog) -> list[str]:
    assert dialog.tabs is not None
    return [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]


def _open_tab(qtbot: QtBot, dialog: AlunoDialog) -> None:
    assert dialog.tabs is not None
    bar = dialog.tabs.tabBar()
    index = _tab_titles(dialog).index("Alterações")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dialog.tabs.currentIndex() == index


def _cells(model: AlteracoesModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(1, model.columnCount())] for r in range(model.rowCount())]


def test_the_tab_lists_the_changes_newest_first(qtbot: QtBot, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana Souza", data_nascimento=date(2015, 3, 7)))
    data = services.alunos.get(aluno_id)
    services.alunos.update(aluno_id, AlunoData(**{**data.__dict__, "nome": "Ana Souza Lima", "sexo": "F"}))
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026, tipo_periodo="bimestre"))
    mat = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(mat, 160)])
    periodo = services.anos_letivos.periodos(ano)[0].id
    [ent] = services.turmas.enturmar(turma, [aluno_id], date(2026, 2, 2))
    services.diario.lancar_notas(turma, mat, [Lancamento(ent, "nota", Decimal("7.5"), periodo)])
    services.diario.lancar_notas(turma, mat, [Lancamento(ent, "nota", Decimal("8.0"), periodo)])

    dialog = AlunoDialog(services.alunos, aluno_id, auditoria=services.auditoria)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    _open_tab(qtbot, dialog)
    panel = dialog.alteracoes
    assert panel is not None and panel.table.isVisible() and not panel.vazio.isVisible()
    model = panel.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Data e hora",
        "Usuário",
        "Ação",
        "O quê",
        "Antes",
        "Depois",
    ]
    assert _cells(model) == [
        ["secretaria", "Alteração", "Nota de Matemática, 1º bimestre", "7,5", "8,0"],
        ["secretaria", "Inclusão", "Nota de Matemática, 1º bimestre", "—", "7,5"],
        ["secretaria", "Inclusão", "Enturmação na turma 6º ano A (2026): Data de entrada", "—", "02/02/2026"],
        ["secretaria", "Alteração", "Cadastro do aluno: Nome", "Ana Souza", "Ana Souza Lima"],
        ["secretaria", "Alteração", "Cadastro do aluno: Sexo", "—", "Feminino"],
        [
            "secretaria",
            "Inclusão",
            "Cadastro do aluno",
            "—",
            "Nome: Ana Souza; Data de nascimento: 07/03/2015; Ativo: Sim; RA: 00000001",
        ],
    ]
    first = model.row_at(0)
    assert model.index(0, 0).data() == first.quando.strftime("%d/%m/%Y %H:%M")

    # A change made meanwhile (the Responsáveis tab saves at once) shows when the tab is shown again.
    services.alunos.set_foto(aluno_id, b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    assert dialog.tabs is not None
    dialog.tabs.setCurrentIndex(0)
    _open_tab(qtbot, dialog)
    assert _cells(model)[0] == ["secretaria", "Alteração", "Cadastro do aluno: Foto", "—", "foto alterada"]


def test_a_new_aluno_has_no_history_yet(qtbot: QtBot, services: Services) -> None:
    dialog = AlunoDialog(services.alunos, None, auditoria=services.auditoria)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    _open_tab(qtbot, dialog)
    label = dialog.findChild(QLabel, "alteracoes_vazio")
    assert label is not None and label.isVisible()
    assert label.text() == "Ainda não há alterações: o histórico começa quando o aluno for salvo."
    assert dialog.alteracoes is not None and dialog.alteracoes.model.rowCount() == 0


def test_the_main_window_opens_the_form_with_the_tab(window: MainWindow, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Bruno"))
    dialog = window.alunos_tab.make_aluno_dialog(aluno_id)
    try:
        assert "Alterações" in _tab_titles(dialog)
        assert dialog.alteracoes is not None and dialog.alteracoes.model.rowCount() == 1
    finally:
        dialog.deleteLater()


def test_model_passes_qtmodeltester(qtmodeltester, services: Services) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    model = AlteracoesModel()
    qtmodeltester.check(model)
    model.reload(
        [
            LinhaAuditoria(datetime(2026, 5, 4, 10, 30), "maria", "alteracao", "Cadastro do aluno: Nome", "A", "B"),
            LinhaAuditoria(datetime(2026, 5, 3, 9, 0), "maria", "inclusao", "Cadastro do aluno", "—", "Nome: A"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "04/05/2026 10:30"
    assert model.index(1, 2).data() == "Inclusão"


def _dialog_cells(qtbot: QtBot, services: Services, aluno_id: int) -> list[list[str]]:
    dialog = AlunoDialog(services.alunos, aluno_id, auditoria=services.auditoria)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    _open_tab(qtbot, dialog)
    assert dialog.alteracoes is not None and dialog.alteracoes.table.isVisible()
    return _cells(dialog.alteracoes.model)


def test_an_id_given_again_shows_only_its_own_alunos_history(qtbot: QtBot, services: Services) -> None:
    """A new aluno that SQLite gives a deleted aluno's id never shows that child's data; the deleted
    aluno, restored with a new id, shows all of its own."""
    ana = services.alunos.create(AlunoData(nome="Ana Souza", cpf="529.982.247-25"))
    data = services.alunos.get(ana)
    services.alunos.update(ana, AlunoData(**{**data.__dict__, "nome": "Ana Souza Lima"}))
    services.alunos.delete(ana)
    bruno = services.alunos.create(AlunoData(nome="Bruno Dias"))
    assert bruno == ana

    bruno_cells = [
        [
            "secretaria",
            "Inclusão",
            "Cadastro do aluno",
            "—",
            "Nome: Bruno Dias; Ativo: Sim; RA: 00000002",
        ]
    ]
    assert _dialog_cells(qtbot, services, bruno) == bruno_cells

    [item] = services.lixeira.list()
    nova = services.lixeira.restaurar(item.id).registro_id
    assert nova != bruno
    ana_cells = _dialog_cells(qtbot, services, nova)
    assert [row[1:3] for row in ana_cells] == [
        ["Restauração", "Aluno Ana Souza Lima (RA 00000001) restaurado da Lixeira."],
        ["Exclusão", "Aluno Ana Souza Lima (RA 00000001) movido para a Lixeira."],
        ["Alteração", "Cadastro do aluno: Nome"],
        ["Inclusão", "Cadastro do aluno"],
    ]
    assert ana_cells[2][3:] == ["Ana Souza", "Ana Souza Lima"]
    assert "CPF: 52998224725" in ana_cells[3][4]
    assert _dialog_cells(qtbot, services, bruno) == bruno_cells
