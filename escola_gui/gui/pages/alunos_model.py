"""The Alunos list's models: the columns of an aluno, and the paged cache that shows 100k of them.

:class:`LazyAlunoTableModel` reads the list a page at a time from an :class:`AlunoPagedService`
(the core's ``AlunoService``, or anything with its ``page``/``count``/``position``), searched and
sorted in SQL. It only reads attributes of the rows it is given (``id``, ``nome``, ``ra``...), so
that rows read another way (the first page, before the services exist) show as well.

Like :mod:`escola_gui.gui.pages.alunos`, this module imports neither SQLAlchemy nor the core's
ORM modules.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette

from escola_gui.core.stoppable_reads import StoppableReads
from escola_gui.core.validation import format_cpf
from escola_gui.gui.table_models import ID_ROLE, SORT_ROLE, Column, RecordTableModel, date_key, text_key
from escola_gui.gui.toolkit.formatting import format_date

if TYPE_CHECKING:
    from escola_gui.core.alunos import AlunoRow

_ModelIndex = QModelIndex | QPersistentModelIndex
# The roles LazyAlunoTableModel.data answers, as ints (Qt passes ints; an enum's lookup per call
# is what a paint of 100 cells times 10 roles would pay).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_SORT = int(SORT_ROLE)
_ID = int(ID_ROLE)
_ROLES_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _FOREGROUND, _ALIGNMENT, _SORT, _ID))
_ALIGN_CENTER = int(Qt.AlignmentFlag.AlignCenter)
# What flags() answers, computed once: the view asks for every cell it paints.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_log = logging.getLogger(__name__)


def _sim_nao(value: bool) -> str:
    return (
        QCoreApplication.translate("AlunoTableModel", "Sim")
        if value
        else QCoreApplication.translate("AlunoTableModel", "Não")
    )


class AlunoTableModel(RecordTableModel["AlunoRow"]):
    CONTEXT = "AlunoTableModel"
    COLUMNS: ClassVar[Sequence[Column[AlunoRow]]] = (
        Column(QT_TRANSLATE_NOOP("AlunoTableModel", "Nome"), lambda r: r.nome, lambda r: text_key(r.nome)),
        # Second, so that Nome stays the first column and the default sort.
        Column(QT_TRANSLATE_NOOP("AlunoTableModel", "RA"), lambda r: r.ra, lambda r: text_key(r.ra)),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "E-mail"),
            lambda r: r.email or "",
            lambda r: text_key(r.email),
        ),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "CPF"),
            lambda r: format_cpf(r.cpf),
            lambda r: text_key(r.cpf),
        ),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "Telefones"),
            lambda r: ", ".join(r.telefones),
            lambda r: ", ".join(r.telefones),
        ),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "Nascimento"),
            lambda r: format_date(r.data_nascimento),
            lambda r: date_key(r.data_nascimento),
        ),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "Ativo"),
            lambda r: _sim_nao(r.ativo),
            lambda r: int(r.ativo),
            align_center=True,
        ),
    )


# The service column each Alunos column sorts by (core.services.ALUNO_SORT_COLUMNS); None: not sortable.
ALUNO_SORT_KEYS: tuple[str | None, ...] = ("nome", "ra", "email", "cpf", None, "data_nascimento", "ativo")
PAGE_SIZE = 200


class AlunoPagedService(Protocol):
    def count(self, search: str = "", *, ativos_only: bool = False) -> int: ...

    def page(
        self,
        search: str = "",
        sort_column: str = "nome",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
        matches: int | None = None,
        *,
        ativos_only: bool = False,
    ) -> list[AlunoRow]: ...

    def position(
        self,
        aluno_id: int,
        search: str = "",
        sort_column: str = "nome",
        descending: bool = False,
        *,
        ativos_only: bool = False,
    ) -> int | None: ...


class _PageSignals(QObject):
    """What the page worker reports, delivered in the GUI thread."""

    loaded = Signal(int, int, object)  # generation, page, rows (None: skipped or failed)
    counted = Signal(int, int)  # generation, total


# A search's count starts once the typing has paused this long: a count of 100k alunos takes a
# processor for tens of milliseconds, which the next keystroke's search needs (on a busy machine
# it doubled a keystroke's time); a keystroke within the pause makes it stale before it starts.
COUNT_DELAY_MS = 100
# Pages asked for longer ago than this many requests are skipped by the worker (scrolled past).
KEEP_REQUESTS = 6
# Pages kept in memory: the ones farthest from the last page read go first. A whole 100k list kept
# would cost memory and make every full garbage collection slower (frames of 100 ms and more).
KEEP_PAGES = 25


class LazyAlunoTableModel(AlunoTableModel):
    """The Alunos list for 100k alunos, as a paged cache: ``rowCount()`` is every alunos the
    search finds, so the scroll bar shows the whole list; the rows are read from the file a
    page at a time by a worker when the view first shows them (a grey "Carregando…" until the
    page arrives, so that scrolling never waits for the file), searched and sorted in SQL.

    Every reload takes a new generation; a search result or a page that arrives for an older
    one (the user typed on) is dropped, never shown (:meth:`apply_search`), and the reads still
    under way for it are stopped (:attr:`reads`): a count of 100k alunos would otherwise hold a
    processor while the next keystroke's search runs.
    """

    def __init__(self, service: AlunoPagedService, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._service = service
        self._page_size = self._default_page_size = page_size
        self._search = ""
        self._ativos_only = False
        self._sort_key = "nome"
        self._descending = False
        self._sort_section = 0
        self._total = 0
        self._count_pending = False
        self._pages: dict[int, list[AlunoRow]] = {}
        self._requested: dict[int, int] = {}  # page -> request number
        self._requests = 0
        self.generation = 0
        self._reads = StoppableReads()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Counts run beside the pages: the next keystroke's first page never waits for one.
        self._count_pool = QThreadPool(self)
        self._count_pool.setMaxThreadCount(1)
        self._count_request: tuple[int, str] | None = None  # counted once the typing pauses
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._start_count)
        # Created after the pools: children go in that order, and a pool waits for its work.
        self._signals = _PageSignals(self)
        self._signals.loaded.connect(self._on_page_loaded)
        self._signals.counted.connect(self.apply_count)

    def set_service(self, service: AlunoPagedService) -> None:
        """Read from ``service`` from now on (the core's, once built after the first paint); the
        rows shown stay as they are until the next read."""
        self._service = service

    @property
    def search_text(self) -> str:
        return self._search

    @property
    def ativos_only(self) -> bool:
        """Whether the inactive alunos (``ativo`` unchecked) are left out, by the service's query."""
        return self._ativos_only

    def set_ativos_only(self, ativos_only: bool) -> None:
        """Leave the inactive alunos out (or show them again); read the list again."""
        if ativos_only != self._ativos_only:
            self._ativos_only = ativos_only
            self.reload_from_service()

    def _filter(self) -> dict[str, bool]:
        # Only when set: a service without the filter (a test's) is asked as before.
        return {"ativos_only": True} if self._ativos_only else {}

    @property
    def sort_section(self) -> int:
        return self._sort_section

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def total(self) -> int:
        """How many alunos the search finds, loaded or not (the first page's rows while the
        count is on its way)."""
        return self._total

    def query(self, search: str) -> tuple[int, list[AlunoRow]]:
        """The count and the first page for ``search`` in the current order (may run in a worker)."""
        rows, total = self.first_page(search)
        return (self.count(search) if total is None else total), rows

    def first_page(self, search: str) -> tuple[list[AlunoRow], int | None]:
        """The first page for ``search`` and, when that page holds every match, their count;
        None when :meth:`count` must tell (may run in a worker)."""
        text = search.strip()
        rows = self._service.page(text, self._sort_key, self._descending, 0, self._page_size, **self._filter())
        return rows, (len(rows) if len(rows) < self._page_size else None)

    def count(self, search: str) -> int:
        """How many alunos ``search`` finds (may run in a worker)."""
        return self._service.count(search.strip(), **self._filter())

    def count_later(self, generation: int, search: str, *, after_typing: bool = False) -> None:
        """Count the matches of the search of ``generation`` in a worker (:meth:`apply_count`);
        skipped if a newer search started before it ran. ``after_typing`` (a keystroke's
        search): once the typing has paused (:data:`COUNT_DELAY_MS`)."""
        self._count_pending = True
        self._count_request = (generation, search)
        if after_typing:
            self._count_timer.start(COUNT_DELAY_MS)
        else:
            self._count_timer.stop()
            self._start_count()

    def _start_count(self) -> None:
        request, self._count_request = self._count_request, None
        if request is None or request[0] != self.generation:
            return
        generation, search = request
        signals, reads = self._signals, self._reads

        def run() -> None:
            if generation != self.generation:
                return
            try:
                with reads.running():
                    total = self.count(search)
            except Exception:
                if not reads.stopped:  # else stale, stopped by a newer search
                    _log.exception("counting the alunos found failed")
                return
            signals.counted.emit(generation, total)

        self._count_pool.start(run)

    def apply_count(self, generation: int, total: int) -> bool:
        """The count of the search of ``generation`` arrived after its first page: the list
        grows to its whole extent, unless a newer search was started."""
        if generation != self.generation:
            return False
        self._count_pending = False
        if total == self._total:
            return False
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        else:  # the file changed in between
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self._pages = {n: p for n, p in self._pages.items() if n * self._page_size < total}
            self.endRemoveRows()
        return True

    def reload_from_service(self, search: str | None = None) -> None:
        """Read the first page again, now (after an edit, a sort or on opening); the count, when
        that page does not tell it, follows from a worker (:meth:`count_later`)."""
        text = self._search if search is None else search
        self._next_generation()
        rows, total = self.first_page(text)
        self._apply(text, len(rows) if total is None else total, rows)
        if total is None:
            self.count_later(self.generation, text)

    def _ensure_count(self) -> None:
        """The count now, if it is still on its way (to export or to select a row further down)."""
        if self._count_pending:
            self._count_timer.stop()
            self._count_request = None
            self.apply_count(self.generation, self.count(self._search))

    def start_search(self) -> int:
        """A new search is under way: older ones are stale from now on. Returns its generation."""
        self._next_generation()
        return self.generation

    def _next_generation(self) -> None:
        # Whatever is still being read for the older generation will be dropped: stopped now.
        self._reads.stop()
        self._reads = StoppableReads()
        self.generation += 1

    @property
    def reads(self) -> StoppableReads:
        """The reads of the current generation, stopped when a newer one starts: a worker reads
        inside ``reads.running()``, and drops an error once ``reads.stopped``."""
        return self._reads

    def apply_search(self, generation: int, search: str, total: int, rows: list[AlunoRow]) -> bool:
        """Show the result of the search of ``generation``, unless a newer one was started."""
        if generation != self.generation:
            return False
        self._apply(search.strip(), total, rows)
        return True

    def _apply(self, search: str, total: int, rows: list[AlunoRow]) -> None:
        self.beginResetModel()
        self._search = search
        self._count_pending = False
        self._page_size = max(self._default_page_size, len(rows))
        self._total = max(total, len(rows))
        self._pages = {0: list(rows)} if rows else {}
        self._requested = {}
        self._rows = []
        self.endResetModel()

    def reload(self, rows: Sequence[AlunoRow]) -> None:
        """Rows given by the caller (a short list): shown as they are, nothing more to read."""
        self._next_generation()
        self.beginResetModel()
        self._count_pending = False
        self._page_size = max(self._default_page_size, len(rows))
        self._total = len(rows)
        self._pages = {0: list(rows)} if rows else {}
        self._requested = {}
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel: every aluno found, loaded or not."""
        return 0 if parent.isValid() else self._total

    def _loaded(self, row: int) -> AlunoRow | None:
        page = self._pages.get(row // self._page_size)
        offset = row % self._page_size
        return page[offset] if page is not None and offset < len(page) else None

    def row_at(self, row: int) -> AlunoRow:
        found = self._loaded(row)
        if found is None:
            raise IndexError(f"row {row} of the Alunos list is not loaded")
        return found

    def rows(self) -> list[AlunoRow]:
        """The rows loaded so far, in the list's order."""
        return [row for number in sorted(self._pages) for row in self._pages[number]]

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel: a row not read yet is asked of the worker.

        Called for every role of every cell painted or measured (the first paint, each search's
        repaint): the roles it never answers leave first, and the roles are compared as ints."""
        if role not in _ROLES_ANSWERED:
            return None
        number = index.row()
        if not 0 <= number < self._total or not index.isValid():
            return None
        page = self._pages.get(number // self._page_size)
        offset = number % self._page_size
        if page is None or offset >= len(page):
            self._request(number // self._page_size)
            if role == _DISPLAY and index.column() == 0:
                return QCoreApplication.translate("AlunoTableModel", "Carregando…")
            if role == _FOREGROUND:
                return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            return None
        row = page[offset]
        column = self.COLUMNS[index.column()]
        if role in (_DISPLAY, _TOOLTIP):
            return column.display(row)
        if role == _SORT:
            return column.sort_key(row)
        if role == _ID:
            return row.id
        if role == _ALIGNMENT and column.align_center:
            return _ALIGN_CENTER
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        """Override ``flags()`` of QAbstractItemModel: as every list's, without an enum's
        arithmetic for each cell painted."""
        return _FLAGS if index.isValid() else _NO_FLAGS

    def _request(self, page: int) -> None:
        self._requests += 1
        if page in self._requested:
            self._requested[page] = self._requests  # still wanted: not skipped
            return
        self._requested[page] = self._requests
        generation, number = self.generation, self._requests
        search, key, descending, total = self._search, self._sort_key, self._descending, self._total
        size, signals, requested, reads = self._page_size, self._signals, self._requested, self._reads
        only = self._filter()

        def run() -> None:
            # Scrolled past since (a newer request came meanwhile) or a newer search: skipped.
            if generation != self.generation or self._requests - requested.get(page, number) > KEEP_REQUESTS:
                signals.loaded.emit(generation, page, None)
                return
            try:
                with reads.running():
                    rows = self._service.page(search, key, descending, page * size, size, matches=total, **only)
            except Exception:
                if not reads.stopped:  # else stale, stopped by a newer search
                    _log.exception("reading a page of alunos failed")
                rows = None
            signals.loaded.emit(generation, page, rows)

        self._pool.start(run)

    def _on_page_loaded(self, generation: int, page: int, rows: list[AlunoRow] | None) -> None:
        if generation != self.generation:
            return
        self._requested.pop(page, None)
        if rows is None:
            return  # asked again when shown again
        self._store(page, rows)

    def _store(self, page: int, rows: list[AlunoRow]) -> None:
        self._pages[page] = rows
        if len(self._pages) > KEEP_PAGES:  # out of sight: read again if scrolled back to
            farthest = sorted(self._pages, key=lambda number: abs(number - page), reverse=True)
            for number in farthest[: len(self._pages) - KEEP_PAGES]:
                del self._pages[number]
        first = page * self._page_size
        last = min(first + self._page_size, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def wait_for_pages(self) -> None:
        """Let the pages and counts under way arrive (tests, closing); a count waiting for the
        typing to pause starts now."""
        if self._count_timer.isActive():
            self._count_timer.stop()
            self._start_count()
        self._pool.waitForDone()
        self._count_pool.waitForDone()
        QCoreApplication.sendPostedEvents(self)
        QCoreApplication.processEvents()

    def load_page(self, page: int) -> None:
        """Read ``page`` now, in this thread (to select a row there)."""
        if page in self._pages or not 0 <= page * self._page_size < self._total:
            return
        rows = self._service.page(
            self._search,
            self._sort_key,
            self._descending,
            page * self._page_size,
            self._page_size,
            self._total,
            **self._filter(),
        )
        self._store(page, rows)

    def canFetchMore(self, parent: _ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """Override ``canFetchMore()`` of QAbstractItemModel: ``rowCount()`` is the whole list already."""
        return False

    def fetchMore(self, parent: _ModelIndex = QModelIndex()) -> None:  # noqa: B008
        """Override ``fetchMore()`` of QAbstractItemModel: nothing to add (see :meth:`canFetchMore`)."""

    def fetch_all(self) -> None:
        """Every row the search finds (to export the list as shown), in one query."""
        self._ensure_count()
        if self._total and sum(len(p) for p in self._pages.values()) >= self._total:
            return
        rows = self._service.page(
            self._search, self._sort_key, self._descending, 0, self._total, self._total, **self._filter()
        )
        self.beginResetModel()
        self._total = len(rows)
        self._page_size = max(self._total, 1)
        self._pages = {0: rows} if rows else {}
        self._requested = {}
        self.endResetModel()

    def find_id(self, record_id: int) -> int | None:
        """The row of ``record_id`` among those loaded."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == record_id:
                    return number * self._page_size + offset
        return None

    def locate(self, record_id: int) -> int | None:
        """The row of ``record_id`` in the whole list, its page read if need be; None when the
        search does not find it."""
        found = self.find_id(record_id)
        if found is not None:
            return found
        position = self._service.position(record_id, self._search, self._sort_key, self._descending, **self._filter())
        if position is not None and position >= self._total:
            self._ensure_count()
        if position is None or position >= self._total:
            return None
        self.load_page(position // self._page_size)
        return self.find_id(record_id)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Override ``sort()`` of QAbstractItemModel: the file sorts, on an index. Telefones does not sort."""
        if not 0 <= column < len(ALUNO_SORT_KEYS) or ALUNO_SORT_KEYS[column] is None:
            return
        key = ALUNO_SORT_KEYS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort_key, self._descending) and self.generation:  # read once at least
            return
        self._sort_key, self._descending, self._sort_section = key, descending, column  # type: ignore[assignment]
        try:
            self.reload_from_service()
        except Exception:
            _log.exception("sorting the alunos failed")
