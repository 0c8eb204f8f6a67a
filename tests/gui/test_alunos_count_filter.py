"""The Alunos list says how many alunos it holds and can hide the inactive ones (issue 12),
through the service's query: the list stays a paged model over the file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.services import Services
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.alunos import alunos_count_text
from escola_gui.gui.pages.alunos_model import LazyAlunoTableModel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_count_reads_as_the_secretary_writes_it() -> None:
    assert [alunos_count_text(n) for n in (0, 1, 2, 999, 1234, 100_000)] == [
        "0 alunos",
        "1 aluno",
        "2 alunos",
        "999 alunos",
        "1.234 alunos",
        "100.000 alunos",
    ]


def _names(window: MainWindow) -> list[str]:
    model = window.alunos_tab.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_list_counts_its_alunos_and_hides_the_inactive_ones(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    for nome, ativo in (("Ana Souza", True), ("Bia Souza", False), ("Caio Lima", True)):
        services.alunos.create(AlunoData(nome=nome, ativo=ativo))
    tab = window.alunos_tab
    window.refresh_alunos()
    assert tab.contagem is not None and tab.mostrar_inativos is not None
    assert tab.contagem.text() == "3 alunos"
    assert tab.mostrar_inativos.isChecked()

    # When she unchecks "Mostrar inativos"
    qtbot.mouseClick(tab.mostrar_inativos, Qt.MouseButton.LeftButton)
    assert _names(window) == ["Ana Souza", "Caio Lima"]
    assert tab.contagem.text() == "2 alunos"

    # The search still works, among the active ones
    qtbot.keyClicks(tab.search, "Souza")
    qtbot.waitUntil(lambda: _names(window) == ["Ana Souza"])
    assert tab.contagem.text() == "1 aluno"

    # Checked again, the inactive one is back, in the same search
    qtbot.mouseClick(tab.mostrar_inativos, Qt.MouseButton.LeftButton)
    assert _names(window) == ["Ana Souza", "Bia Souza"]
    assert tab.contagem.text() == "2 alunos"


def test_the_model_with_the_filter_passes_the_model_tester(qtmodeltester: ModelTester, services: Services) -> None:
    for k in range(250):
        services.alunos.create(AlunoData(nome=f"Aluno {k:03d}", ativo=k % 3 != 0))
    model = LazyAlunoTableModel(services.alunos, page_size=50)
    model.reload_from_service("")
    model.wait_for_pages()
    assert model.rowCount() == 250
    model.set_ativos_only(True)
    model.wait_for_pages()
    assert model.rowCount() == 166
    assert model.locate(services.alunos.list("Aluno 001")[0].id) == 0
    assert model.locate(services.alunos.list("Aluno 000")[0].id) is None  # inactive: not in the list
    qtmodeltester.check(model)
    model.reload_from_service("Aluno 2")
    model.wait_for_pages()
    assert model.rowCount() == 33  # 200..249, less the inactive
    qtmodeltester.check(model)
    model.wait_for_pages()
