"""The Alunos list is a paged cache: its row count is the whole list, one page is read on
opening and the others by a worker as the view shows them; searched in a worker whose stale
results are dropped."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.services import Services
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages import alunos_model
from escola_gui.gui.pages.alunos_model import PAGE_SIZE, LazyAlunoTableModel
from escola_gui.gui.table_models import ID_ROLE
from escola_gui.storage.file.upgrade import upgrade_to_head
from tests.helpers.waits import HANG_GUARD_MS, HANG_GUARD_S

MANY = PAGE_SIZE * 2 + 50


@pytest.fixture(scope="module")
def many_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file of MANY alunos saved through the services, made once for the module: a thousand
    saves take seconds, many more on a loaded machine."""
    path = tmp_path_factory.mktemp("many") / "escola.sqlite3"
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        services = Services.for_engine(engine)
        names = ["Ana", "Bruno", "Cássia", "Diógenes", "Érica"]
        for k in range(MANY):
            services.alunos.create(AlunoData(nome=f"{names[k % 5]} {k:04d}"))
    finally:
        engine.dispose()
    return path


@pytest.fixture
def many(many_file: Path, head_db: Path, services: Services) -> Services:
    shutil.copyfile(many_file, head_db)  # nothing has opened head_db's engine yet
    return services


def _open(qtbot: QtBot, services: Services, info: DatabaseInfo) -> MainWindow:
    window = MainWindow(services, info)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitUntil(window.isVisible)
    return window


def test_the_model_passes_the_model_tester_while_it_reads_pages(
    qtbot: QtBot, qtmodeltester: ModelTester, many: Services
) -> None:
    model = LazyAlunoTableModel(many.alunos, page_size=100)
    model.reload_from_service("")
    # The first page at once, then the whole list's extent when the worker has counted
    assert (model.rowCount(), len(model.rows())) == (100, 100)
    model.wait_for_pages()
    assert (model.rowCount(), model.total(), len(model.rows())) == (MANY, MANY, 100)
    model.sort(0, Qt.SortOrder.DescendingOrder)  # in SQL: a reset to the first page of the new order
    assert model.rows()[0].nome == "Érica 0449" and len(model.rows()) == 100
    model.wait_for_pages()
    model.sort(4, Qt.SortOrder.AscendingOrder)  # Telefones does not sort
    assert model.sort_section == 0 and model.rows()[0].nome == "Érica 0449"
    # A row not read yet says so, and asks the worker for its page
    assert model.index(MANY - 1, 0).data() == "Carregando…"
    assert model.index(MANY - 1, 0).data(ID_ROLE) is None
    qtmodeltester.check(model)
    model.wait_for_pages()
    assert model.index(MANY - 1, 0).data() == "Ana 0000"
    assert len({r.id for r in model.rows()}) == len(model.rows()) > 100


def test_opening_shows_the_whole_extent_and_scrolling_to_the_end_shows_the_last_aluno(
    qtbot: QtBot, many: Services, info: DatabaseInfo
) -> None:
    window = _open(qtbot, many, info)
    model = window.alunos_tab.model
    table = window.alunos_tab.table
    qtbot.waitUntil(lambda: model.rowCount() == MANY)  # the scroll bar reaches the last aluno, once counted
    QApplication.processEvents()  # the view paints, and asks for what it shows
    model.wait_for_pages()  # which arrives
    assert model.total() == MANY
    assert len(model.rows()) == PAGE_SIZE  # one page read: the viewport needs far fewer rows
    assert model.index(0, 0).data() == "Ana 0000"

    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.index(MANY - 1, 0).data() == "Érica 0449")
    assert len(model.rows()) <= 2 * PAGE_SIZE  # the last page, not everything between
    # Sorted the other way by a click on the header: the end is the first aluno
    header = table.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(0) + 5, 5))
    assert model.sort_order == Qt.SortOrder.DescendingOrder
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.index(MANY - 1, 0).data() == "Ana 0000")
    # Enabling Exportar (on every selection and page change) reads nothing more
    loaded = len(model.rows())
    window._update_actions()
    assert len(model.rows()) == loaded and window.action_exportar_lista.isEnabled()
    # Exporting reads the whole list, in its order
    model.fetch_all()
    assert [r.nome for r in model.rows()][:2] == ["Érica 0449", "Érica 0444"] and len(model.rows()) == MANY


def test_typing_in_the_search_field_shows_the_matches(qtbot: QtBot, many: Services, info: DatabaseInfo) -> None:
    window = _open(qtbot, many, info)
    tab = window.alunos_tab
    model = tab.model
    qtbot.keyClicks(tab.search, "cas")
    qtbot.waitUntil(lambda: model.search_text == "cas")
    assert model.rowCount() == MANY // 5
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert names[:2] == ["Cássia 0002", "Cássia 0007"] and all(n.startswith("Cássia ") for n in names)
    qtbot.keyClicks(tab.search, "x")
    qtbot.waitUntil(lambda: model.search_text == "casx")
    assert model.rowCount() == 0


def test_an_aluno_far_down_the_list_is_selected_after_an_edit(qtbot: QtBot, many: Services, info: DatabaseInfo) -> None:
    window = _open(qtbot, many, info)
    tab = window.alunos_tab
    far = next(r for r in many.alunos.page(offset=MANY - 3, limit=1))
    assert tab.model.find_id(far.id) is None  # not read yet
    tab.reload_lazy(far.id)
    assert tab.selected_id() == far.id
    assert tab.model.index(MANY - 3, 0).data() == far.nome


def test_a_stale_page_never_lands(qtbot: QtBot, many: Services) -> None:
    model = LazyAlunoTableModel(many.alunos, page_size=100)
    model.reload_from_service("")
    model.wait_for_pages()  # counted
    assert model.index(300, 0).data() == "Carregando…"  # page 3 asked of the worker
    model.reload_from_service("bru")  # meanwhile the user searched
    model.wait_for_pages()
    assert model.rowCount() == MANY // 5
    assert {r.nome.split()[0] for r in model.rows()} == {"Bruno"}


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
            release.wait(HANG_GUARD_S)
        return page(search, *args, **kwargs)

    monkeypatch.setattr(many.alunos, "page", held_page)
    shown: list[tuple[str, ...]] = []
    model.modelReset.connect(lambda: shown.append(tuple(sorted({r.nome.split()[0] for r in model.rows()}))))

    tab.search.setText("bru")
    qtbot.waitUntil(first_started.is_set)
    tab.search.setText("cass")
    qtbot.waitUntil(lambda: not tab._search_timer.isActive())  # the second search is queued behind the first
    release.set()
    tab.wait_for_search()  # both searches are done: their results are posted to the list
    qtbot.waitUntil(lambda: model.search_text == "cass")
    QApplication.processEvents()  # anything else posted comes through too

    assert shown == [("Cássia",)]  # the result for "bru" never reached the list
    assert model.total() == MANY // 5 and {r.nome.split()[0] for r in model.rows()} == {"Cássia"}


def test_a_search_finding_more_than_a_page_shows_it_first_and_grows_when_counted(
    qtbot: QtBot, many: Services, info: DatabaseInfo
) -> None:
    window = _open(qtbot, many, info)
    tab = window.alunos_tab
    model = tab.model
    sizes: list[int] = []
    model.modelReset.connect(lambda: sizes.append(model.rowCount()))
    model.rowsInserted.connect(lambda *_args: sizes.append(model.rowCount()))
    qtbot.keyClicks(tab.search, "0")  # every nome has a word starting with 0
    qtbot.waitUntil(lambda: model.search_text == "0" and model.rowCount() == MANY)
    assert sizes[-2:] == [PAGE_SIZE, MANY]  # the first page, then the whole extent
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.index(MANY - 1, 0).data() == "Érica 0449")


def test_export_and_select_do_not_wait_for_the_worker_to_count(qtbot: QtBot, many: Services) -> None:
    model = LazyAlunoTableModel(many.alunos, page_size=100)
    model.reload_from_service("")
    assert model.rowCount() == 100  # the count is on its way
    last = many.alunos.page(offset=MANY - 1, limit=1)[0]
    assert model.locate(last.id) == MANY - 1  # counted now, its page read
    model.reload_from_service("")
    model.fetch_all()  # the whole list, not the first page
    assert [r.id for r in model.rows()] == [r.id for r in many.alunos.page(limit=MANY)]
    model.wait_for_pages()
    assert model.rowCount() == MANY


def test_only_the_pages_near_the_last_one_read_stay_in_memory(
    qtbot: QtBot, many: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(alunos_model, "KEEP_PAGES", 3)
    model = LazyAlunoTableModel(many.alunos, page_size=50)
    model.reload_from_service("")
    model.wait_for_pages()
    for page in range(1, MANY // 50):
        model.load_page(page)
    assert len(model.rows()) == 150 and model.rows()[0].nome == model.index(300, 0).data()
    assert model.index(0, 0).data() == "Carregando…"  # read again when shown again
    model.wait_for_pages()
    assert model.index(0, 0).data() == "Ana 0000"


def test_a_row_selected_while_its_page_loads_enables_the_buttons_when_it_arrives(
    qtbot: QtBot, many: Services, info: DatabaseInfo
) -> None:
    window = _open(qtbot, many, info)
    tab = window.alunos_tab
    model = tab.model
    qtbot.waitUntil(lambda: model.rowCount() == MANY)
    model.wait_for_pages()
    pool_started = threading.Event()
    release = threading.Event()
    real_page = many.alunos.page

    def slow_page(*args, **kwargs):  # holds the worker until the row is selected
        pool_started.set()
        release.wait(HANG_GUARD_S)
        return real_page(*args, **kwargs)

    many.alunos.page = slow_page  # type: ignore[method-assign]
    try:
        tab.table.scrollToBottom()
        qtbot.waitUntil(pool_started.is_set)
        tab.table.selectRow(MANY - 1)
        assert model.index(MANY - 1, 0).data() == "Carregando…"
        assert tab.selected_id() is None and not window.action_editar.isEnabled()
        release.set()
        qtbot.waitUntil(lambda: model.index(MANY - 1, 0).data() == "Érica 0449")
        qtbot.waitUntil(window.action_editar.isEnabled)
        assert tab.selected_id() == model.index(MANY - 1, 0).data(ID_ROLE)
        assert all(button.isEnabled() for button in tab._selection_buttons)
    finally:
        release.set()
        many.alunos.page = real_page  # type: ignore[method-assign]


# A statement that never ends by itself: a count or a search of a file far larger than this one.
ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"


class _Endless:
    """Runs ENDLESS as the core runs its reads (inside ``watched``), until stopped; ``abort()``
    ends it anyway, so that a test that fails never leaves a worker running."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.started = threading.Event()
        self.outcomes: list[str] = []
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def run(self) -> None:
        from escola_gui.core.stoppable_reads import watched

        conn = sqlite3.connect(self.path)
        with self._lock:
            self._conn = conn
        try:
            with watched(conn):
                self.started.set()
                conn.execute(ENDLESS).fetchone()
        except sqlite3.OperationalError as exc:
            self.outcomes.append(str(exc))
            raise
        finally:
            with self._lock:
                self._conn = None
            conn.close()

    def abort(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.interrupt()


def test_a_count_under_way_is_stopped_when_the_user_types_on(
    qtbot: QtBot, many: Services, head_db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    endless = _Endless(head_db)
    count = many.alunos.count

    def slow_count(search: str = "", **kwargs: object) -> int:
        if search == "":
            endless.run()  # the whole list's count, on a file of millions
        return count(search, **kwargs)

    monkeypatch.setattr(many.alunos, "count", slow_count)
    model = LazyAlunoTableModel(many.alunos, page_size=100)
    try:
        # Given the list opened: its first page shown, its count under way in a worker
        model.reload_from_service("")
        assert endless.started.wait(HANG_GUARD_S)
        # When the user types
        model.reload_from_service("bru")
        # Then the count under way stops where it stands, dropped without a word in the log
        qtbot.waitUntil(lambda: bool(endless.outcomes))
        assert endless.outcomes == ["interrupted"]
        model.wait_for_pages()
        assert model.rowCount() == MANY // 5 and model.search_text == "bru"
        assert not [r for r in caplog.records if r.levelname in ("ERROR", "WARNING")]
    finally:
        endless.abort()
        model.wait_for_pages()


def test_a_search_under_way_is_stopped_by_the_next_keystroke(
    qtbot: QtBot,
    many: Services,
    info: DatabaseInfo,
    head_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = _open(qtbot, many, info)
    tab = window.alunos_tab
    model = tab.model
    endless = _Endless(head_db)
    page = many.alunos.page

    def slow_page(search: str = "", *args: object, **kwargs: object) -> list:
        if search == "bru":
            endless.run()  # a search that takes long
        return page(search, *args, **kwargs)

    monkeypatch.setattr(many.alunos, "page", slow_page)
    try:
        # Given a search under way in the worker
        tab.search.setText("bru")
        assert endless.started.wait(HANG_GUARD_S)
        # When the user types on
        tab.search.setText("cass")
        # Then the search under way is stopped, and the one for what is typed now shows
        qtbot.waitUntil(lambda: model.search_text == "cass")
        assert endless.outcomes == ["interrupted"]
        assert model.total() == MANY // 5 and {r.nome.split()[0] for r in model.rows()} == {"Cássia"}
        assert not [r for r in caplog.records if r.levelname in ("ERROR", "WARNING")]
    finally:
        endless.abort()
        tab.wait_for_search()


def test_a_keystroke_starts_its_search_in_its_own_handler(qtbot: QtBot, many: Services, info: DatabaseInfo) -> None:
    """Not at the next turn of the event loop: the worker reads while the window paints the key
    (and whatever else came meanwhile)."""
    window = _open(qtbot, many, info)
    tab = window.alunos_tab
    model = tab.model
    before = model.generation
    QTest.keyClick(tab.search, "b")  # no event processed after the key
    assert model.generation == before + 1  # its search is under way
    qtbot.waitUntil(lambda: model.search_text == "b")
    assert {r.nome.split()[0] for r in model.rows()} == {"Bruno"}


def test_a_search_is_counted_once_the_typing_pauses(
    qtbot: QtBot, many: Services, info: DatabaseInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A count of 100k alunos takes a processor for a while: the keystrokes typed on do not
    wait for (or share a processor with) the counts of what was typed before."""
    window = _open(qtbot, many, info)
    tab = window.alunos_tab
    model = tab.model
    model.wait_for_pages()  # the whole list's count, on opening
    counted: list[str] = []
    count = many.alunos.count

    def spied_count(search: str = "", **kwargs: object) -> int:
        counted.append(search)
        return count(search, **kwargs)

    monkeypatch.setattr(many.alunos, "count", spied_count)
    monkeypatch.setattr(alunos_model, "COUNT_DELAY_MS", HANG_GUARD_MS * 10)  # a pause that never comes
    # Given a search whose first page does not hold every match ("0": every nome has a word starting with 0)
    QTest.keyClick(tab.search, "0")
    qtbot.waitUntil(lambda: model.search_text == "0")
    assert model.rowCount() == PAGE_SIZE  # the first page, shown; its count waits for a pause
    # When the user types on before pausing (every RA of this file starts with 00)
    QTest.keyClick(tab.search, "0")
    qtbot.waitUntil(lambda: model.search_text == "00")
    # Then only what is typed when the typing pauses is counted, and the list grows to its extent
    model.wait_for_pages()  # as if the pause had come
    assert counted == ["00"]
    assert model.rowCount() == MANY and tab.contagem is not None and tab.contagem.text() == f"{MANY} alunos"
