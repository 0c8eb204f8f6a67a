"""The Lixeira page: deleted alunos and turmas come back from it, or go for good after asking."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.responsaveis import ResponsavelData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.lixeira import LixeiraPage, LixeiraTableModel
from escola_gui.gui.pages.record_list import RecordTab
from escola_gui.gui.toolkit import messages

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _texts(tab: RecordTab | LixeiraPage, column: int = 0) -> list[str]:
    return [tab.proxy.index(row, column).data() for row in range(tab.proxy.rowCount())]


def _click_row(qtbot: QtBot, page: RecordTab | LixeiraPage, row: int) -> None:
    rect = page.table.visualRect(page.proxy.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _click(qtbot: QtBot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _answer(monkeypatch: pytest.MonkeyPatch, *answers: bool) -> list[str]:
    """Answer the confirmations in turn; the questions asked are returned."""
    questions: list[str] = []
    replies = iter(answers)

    def ask(_parent: object, _title: str, text: str) -> bool:
        questions.append(text)
        return next(replies)

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    return questions


def _aluno_with_records(services: Services) -> int:
    aluno = services.alunos.create(AlunoData(nome="Ana Souza", telefones=("(11) 98765-4321",)))
    services.responsaveis.save_for_aluno(aluno, ResponsavelData("Carla Souza"), "mae", True)
    services.matriculas.create(aluno, services.cursos.create(CursoData(nome="Xadrez")), date(2026, 3, 2))
    return aluno


def test_the_model_passes_qtmodeltester(qtmodeltester, services: Services) -> None:  # type: ignore[no-untyped-def]
    services.alunos.delete(_aluno_with_records(services))
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    services.turmas.delete(services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), []))
    model = LixeiraTableModel()
    model.reload(services.lixeira.list())

    qtmodeltester.check(model)

    assert model.rowCount() == 2
    assert [model.index(row, 0).data() for row in range(2)] == ["Turma", "Aluno"]
    assert model.index(1, 2).data() == "1 matrícula em curso, 1 contato, 1 responsável"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "O que foi junto"


def test_an_aluno_deleted_on_the_alunos_page_comes_back_from_the_lixeira(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    aluno = _aluno_with_records(services)
    window.refresh_all()
    window.show_page(window.matriculas_tab)  # read when first shown
    window.show_page(window.alunos_tab)
    assert _texts(window.alunos_tab) == ["Ana Souza"]

    # When the aluno is deleted from the Alunos page, and the user confirms
    questions = _answer(monkeypatch, True)
    _click_row(qtbot, window.alunos_tab, 0)
    _click(qtbot, window.alunos_tab.delete_button)

    # Then the question said where it goes, and it left the lists
    assert questions[0].endswith("O aluno vai para a Lixeira e pode ser restaurado até a lixeira ser esvaziada.")
    assert _texts(window.alunos_tab) == []
    assert _texts(window.matriculas_tab) == []
    # and the status bar says what happened
    assert window.statusBar().currentMessage() == "Aluno Ana Souza movido para a Lixeira."

    # When the user opens the Lixeira page (the last one in the sidebar)
    window.navegacao.setCurrentRow(window.navegacao.count() - 1)
    page = window.lixeira_page
    assert window.pages.currentWidget() is page
    assert window.navegacao.currentItem().text() == "Lixeira"
    assert _texts(page, 0) == ["Aluno"]
    assert _texts(page, 1)[0].startswith("Ana Souza (RA ")
    assert _texts(page, 2) == ["1 matrícula em curso, 1 contato, 1 responsável"]
    assert not page.restaurar_button.isEnabled()
    assert not page.excluir_button.isEnabled()
    assert page.esvaziar_button.isEnabled()

    # and restores it
    _click_row(qtbot, page, 0)
    assert page.restaurar_button.isEnabled()
    _click(qtbot, page.restaurar_button)

    # Then the Lixeira is empty and the aluno is back, with its matrícula and responsável
    assert page.model.rowCount() == 0
    assert page.vazia.isVisibleTo(page) and not page.table.isVisibleTo(page)
    assert not page.esvaziar_button.isEnabled()
    assert window.statusBar().currentMessage().startswith("Aluno Ana Souza (RA ")
    assert window.statusBar().currentMessage().endswith(") restaurado.")
    window.navegacao.setCurrentRow(0)
    assert _texts(window.alunos_tab) == ["Ana Souza"]
    assert _texts(window.matriculas_tab) == ["Ana Souza"]
    assert [v.nome for v in services.responsaveis.list_for_aluno(aluno)] == ["Carla Souza"]


def test_a_turma_deleted_on_the_turmas_page_shows_there_again_after_the_restore(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [])
    services.turmas.delete(turma)
    window.show_page(window.lixeira_page)
    _click_row(qtbot, window.lixeira_page, 0)
    _click(qtbot, window.lixeira_page.restaurar_button)

    window.show_page(window.turmas_page)

    table = window.turmas_page.turmas_table
    assert [table.model().index(row, 0).data() for row in range(table.model().rowCount())] == ["6º ano A"]
    assert services.turmas.get(turma).nome == "6º ano A"


def test_a_refused_restore_is_told_and_the_item_stays(
    qtbot: QtBot, window: MainWindow, services: Services, errors: list[tuple[str, str]]
) -> None:
    aluno = services.alunos.create(AlunoData(nome="Ana Souza", ra="2026-0001"))
    services.alunos.create(AlunoData(nome="Bruno Lima"))  # Ana's id is not the highest: it is not reused
    services.alunos.delete(aluno)
    services.alunos.create(AlunoData(nome="Carla Dias", ra="2026-0001"))
    window.show_page(window.lixeira_page)
    page = window.lixeira_page

    _click_row(qtbot, page, 0)
    _click(qtbot, page.restaurar_button)

    assert errors == [
        (
            "Não foi possível restaurar",
            "Não foi possível restaurar o aluno Ana Souza (RA 2026-0001): O RA 2026-0001 agora pertence a outro "
            "registro; altere-o antes de restaurar. Nada foi alterado.",
        )
    ]
    assert page.model.rowCount() == 1
    assert page.restaurar_button.isEnabled()  # still selected: the user may change the RA and try again


def test_deleting_for_good_asks_first(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.alunos.delete(_aluno_with_records(services))
    services.alunos.delete(services.alunos.create(AlunoData(nome="Bruno Lima")))
    window.show_page(window.lixeira_page)
    page = window.lixeira_page
    questions = _answer(monkeypatch, False, True)
    descricao = next(t for t in _texts(page, 1) if t.startswith("Ana Souza"))
    _click_row(qtbot, page, _texts(page, 1).index(descricao))

    _click(qtbot, page.excluir_button)  # Não
    assert page.model.rowCount() == 2
    _click(qtbot, page.excluir_button)  # Sim

    assert questions == 2 * [
        f"Excluir definitivamente o aluno {descricao}? Vai junto: 1 matrícula em curso, 1 contato, 1 responsável. "
        "Depois disso não será possível restaurar. O histórico de alterações do aluno também será apagado. "
        "Os backups feitos antes continuam guardando esses dados."
    ]
    assert [t.split(" (RA")[0] for t in _texts(page, 1)] == ["Bruno Lima"]
    assert services.lixeira.count() == 1


def test_emptying_the_lixeira_asks_with_the_count(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    for nome in ("Ana Souza", "Bruno Lima", "Carla Dias"):
        services.alunos.delete(services.alunos.create(AlunoData(nome=nome)))
    window.show_page(window.lixeira_page)
    page = window.lixeira_page
    questions = _answer(monkeypatch, False, True)

    _click(qtbot, page.esvaziar_button)  # Não
    assert page.model.rowCount() == 3
    _click(qtbot, page.esvaziar_button)  # Sim

    question = (
        "Esvaziar a lixeira? Os 3 itens que estão nela serão excluídos definitivamente e não poderão ser restaurados. "
        "O histórico de alterações dos alunos também será apagado. "
        "Os backups feitos antes continuam guardando esses dados."
    )
    assert questions == [question, question]
    assert page.model.rowCount() == 0
    assert services.lixeira.list() == []
    assert not page.esvaziar_button.isEnabled()
