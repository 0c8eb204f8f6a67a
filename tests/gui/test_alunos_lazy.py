"""The Alunos list reads the file a page at a time: one page on opening, more as the view
scrolls, searched in a worker whose stale results are dropped."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from escola_gui.core.db import DatabaseInfo
from escola_gui.core.services import AlunoData, Services
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.table_models import PAGE_SIZE, LazyAlunoTableModel

MANY = PAGE_SIZE * 2 + 50


@pytest.fixture
def many(services: Services) -> Services:
    names = ["Ana", "Bruno", "Cássia", "Diógenes", "Érica"]
    for k in range(MANY):
        services.alunos.create(AlunoData(nome=f"{names[k % 5]} {k:04d}"))
    return services


def _open(qtbot: QtBot, services: Services, info: DatabaseInfo) -> MainWindow:
    window = MainWindow(services, info)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitUntil(window.isVisible)
    return window


def test_the_model_passes_the_model_tester_while_it_fetches(
    qtbot: QtBot, qtmodeltester: ModelTester, many: Services
) -> None:
    model = LazyAlunoTableModel(many.alunos, page_size=100)
    model.reload_from_service("")
    assert (model.rowCount(), model.total()) == (100, MANY)
    model.sort(0, Qt.SortOrder.DescendingOrder)  # in SQL: a reset to the first page of the new order
    assert model.rowCount() == 100 and model.rows()[0].nome == "Érica 0449"
    model.sort(4, Qt.SortOrder.AscendingOrder)  # Telefones does not sort
    assert model.sort_section == 0 and model.rows()[0].nome == "Érica 0449"
    model.fetchMore()
    assert model.rowCount() == 200 and len({r.id for r in model.rows()}) == 200
    # Qt's tester fetches more itself; it is left out of the resets above, where it would
    # fetch while it still counts the reset as in flight.
    qtmodeltester.check(model)
    assert 200 < model.rowCount() <= MANY


def test_opening_holds_one_page_and_scrolling_fetches_the_next(
    qtbot: QtBot, many: Services, info: DatabaseInfo
) -> None:
    window = _open(qtbot, many, info)
    model = window.alunos_tab.model
    qtbot.wait(50)  # a few turns of the event loop: the view asks for what it shows
    assert model.total() == MANY
    assert model.rowCount() == PAGE_SIZE  # one page: the viewport needs far fewer rows
    assert model.rows()[0].nome == "Ana 0000"

    # Scrolling to the end asks for the next page, not for everything
    table = window.alunos_tab.table
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE)
    assert model.rowCount() <= 3 * PAGE_SIZE
    # Enabling Exportar (on every selection and page change) reads nothing more
    loaded = model.rowCount()
    window._update_actions()
    assert model.rowCount() == loaded and window.action_exportar_lista.isEnabled()


def test_a_stale_search_result_is_dropped(
    qtbot: QtBot, many: Services, info: DatabaseInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _open(qtbot, many, info)
    tab = window.alunos_tab
    model = tab.model
    # The first search is held in the worker until the second one was typed
    first_started, release = threading.Event(), threading.Event()
    page = many.alunos.page

    def held_page(search: str = "", *args: object, **kwargs: object) -> list:
        if search == "bru":
            first_started.set()
            release.wait(10)
        return page(search, *args, **kwargs)

    monkeypatch.setattr(many.alunos, "page", held_page)
    shown: list[tuple[str, ...]] = []
    model.modelReset.connect(lambda: shown.append(tuple(sorted({r.nome.split()[0] for r in model.rows()}))))

    tab.search.setText("bru")
    qtbot.waitUntil(first_started.is_set)
    tab.search.setText("cass")
    qtbot.waitUntil(lambda: not tab._search_timer.isActive())  # the second search is queued behind the first
    release.set()
    tab.wait_for_search()
    qtbot.waitUntil(lambda: model.search_text == "cass")
    qtbot.wait(20)  # let any stale delivery come through

    assert shown == [("Cássia",)]  # the result for "bru" never reached the list
    assert model.total() == MANY // 5 and {r.nome.split()[0] for r in model.rows()} == {"Cássia"}
