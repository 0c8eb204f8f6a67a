"""What the three record lists share (Alunos, Cursos, Matrículas em cursos): the layout of the
page and the way it calls its services.

:class:`RecordTab` holds a search field, a sortable table and Novo/Editar/Excluir, emits what
the user asks for, and gives its subclasses (:mod:`~escola_gui.gui.pages.alunos`,
:mod:`~escola_gui.gui.pages.cursos`, :mod:`~escola_gui.gui.pages.matriculas`) the steps they
share: run a service call and report a failure (:meth:`RecordTab.guarded`), open a form
without blocking (:meth:`RecordTab.open_form`), ask before deleting
(:meth:`RecordTab.confirm_and_delete`). What a page has to say in the status bar it emits as
``mensagem``; the window shows it.

Imports neither SQLAlchemy nor the core's ORM modules (the Alunos page is built on this before
they are imported): the dialogs are imported where they are used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.gui.table_models import ID_ROLE, RecordTableModel, make_sort_proxy
from escola_gui.gui.toolkit.read_only import keep_disabled
from escola_gui.gui.toolkit.text import translate

if TYPE_CHECKING:
    from escola_gui.gui.toolkit.forms import RecordDialog

SEARCH_DELAY_MS = 200
# Room beside the widest text of a column, and the widest a column starts (the user may widen it).
COLUMN_PADDING = 16
COLUMN_MAX_WIDTH = 280


def matriculas_clause(count: int) -> str:
    """ " Também serão excluídas 3 matrículas.": what deleting an aluno or a curso takes along."""
    if count == 0:
        return ""
    if count == 1:
        return " " + translate("MainWindow", "Também será excluída 1 matrícula.")
    return " " + translate("MainWindow", "Também serão excluídas {n} matrículas.").format(n=count)


class RecordTab(QWidget):
    """Layout of one list page: a search field, a sortable table and Novo/Editar/Excluir.

    Object names start with ``prefix`` (``alunos_busca``, ``alunos_tabela``, ``alunos_novo``...).
    ``proxy`` is what the table shows: by default a sort proxy over ``model``; a model that
    sorts itself (the Alunos list, in SQL) is given as its own proxy.
    """

    search_requested = Signal(str)
    new_requested = Signal()
    edit_requested = Signal(int)
    delete_requested = Signal(int)
    selection_changed = Signal()
    mensagem = Signal(str)  # for the status bar: "Curso Inglês excluído."

    def __init__(
        self,
        prefix: str,
        model: RecordTableModel[Any],
        placeholder: str,
        parent: QWidget | None = None,
        *,
        proxy: QSortFilterProxyModel | RecordTableModel[Any] | None = None,
        search_delay_ms: int = SEARCH_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(prefix)
        self.model = model
        if model.parent() is None:
            model.setParent(self)
        self.proxy = proxy if proxy is not None else make_sort_proxy(model, self)

        self.search = QLineEdit()
        self.search.setObjectName(f"{prefix}_busca")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(search_delay_ms)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._search_timer.start)

        self.table = QTableView()
        self.table.setObjectName(f"{prefix}_tabela")
        self.table.setModel(self.proxy)
        # The indicator first: enabling the sort sorts by it, and its default is descending (a
        # list read from the file would read its first page twice).
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.proxy.modelReset.connect(self._on_selection_changed)
        # A row selected while its page was still being read ("Carregando…") has no id yet: the
        # buttons wake up when the page arrives.
        self.proxy.dataChanged.connect(self._on_selection_changed)

        self.new_button = QPushButton(self.tr("Novo"))
        self.new_button.setObjectName(f"{prefix}_novo")
        self.edit_button = QPushButton(self.tr("Editar"))
        self.edit_button.setObjectName(f"{prefix}_editar")
        self.delete_button = QPushButton(self.tr("Excluir"))
        self.delete_button.setObjectName(f"{prefix}_excluir")
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(self._emit_for_selection(self.edit_requested))
        self.delete_button.clicked.connect(self._emit_for_selection(self.delete_requested))

        self._selection_buttons = [self.edit_button, self.delete_button]
        self._buttons = QHBoxLayout()
        buttons = self._buttons
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        self._columns_sized = False

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._on_selection_changed()

    def set_read_only(self, read_only: bool) -> None:
        """The file cannot be written: no Novo/Excluir; Editar becomes Ver (the form opens for viewing)."""
        if read_only:
            keep_disabled([self.new_button, self.delete_button])
            self.edit_button.setText(self.tr("Ver…"))

    def add_selection_button(self, text: str, name: str, on_clicked: Callable[[int], None]) -> QPushButton:
        """A button after Excluir, enabled like Editar, that calls ``on_clicked`` with the selected id."""
        button = QPushButton(text)
        button.setObjectName(f"{self.objectName()}_{name}")
        button.clicked.connect(self._emit_for_selection(on_clicked))
        self._buttons.insertWidget(self._buttons.indexOf(self._selection_buttons[-1]) + 1, button)  # before the stretch
        self._selection_buttons.append(button)
        button.setEnabled(self.selected_id() is not None)
        return button

    def reload(self, rows: Sequence[Any], select_id: int | None = None) -> None:
        """Show ``rows``, keeping the selected record selected when it is still there."""
        keep = select_id if select_id is not None else self.selected_id()
        self.model.reload(rows)
        if not self._columns_sized and rows:
            self._size_columns()
        if keep is not None:
            self.select_id(keep)

    def _run_search(self) -> None:
        self.search_requested.emit(self.search.text())

    def fit_columns(self) -> None:
        """Fit the columns to the rows shown, if that was not done yet."""
        if not self._columns_sized and self.model.rowCount():
            self._size_columns()

    def _size_columns(self) -> None:
        """Fit the columns to the first rows shown, once: later searches and edits keep them still."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount() - 1):  # the last one stretches
            width = max(header.sectionSize(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(width + COLUMN_PADDING, COLUMN_MAX_WIDTH))
        self._columns_sized = True

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def select_id(self, record_id: int, fetch: bool = True) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == record_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def flush_search(self) -> None:
        """Run a pending search now instead of after the delay."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.search_requested.emit(self.search.text())

    def full_list(self) -> bool:
        """Make :attr:`proxy` hold the whole list as shown, to export it; False on a failure
        (already told). A list of rows in memory holds it already."""
        return True

    def _emit_for_selection(self, signal: Any) -> Callable[[], None]:
        """A slot that passes the selected id to ``signal`` (a Signal or a plain callable)."""
        call = getattr(signal, "emit", signal)

        def emit() -> None:
            record_id = self.selected_id()
            if record_id is not None:
                call(record_id)

        return emit

    def _on_double_clicked(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id is not None:
            self.edit_requested.emit(record_id)

    def _on_selection_changed(self, *_: QItemSelection) -> None:
        has_selection = self.selected_id() is not None
        for button in self._selection_buttons:
            button.setEnabled(has_selection)
        self.selection_changed.emit()

    # --- calling the services ---------------------------------------------------------

    def guarded(self, operation: Callable[[], object]) -> bool:
        """Run ``operation``; on an unexpected error log it and tell the user. True on success."""
        try:
            operation()
        except Exception:
            from escola_gui.gui.toolkit import messages

            messages.report_unexpected_error(self.window())
            return False
        return True

    def count(self, count: Callable[[], int]) -> int | None:
        """``count()``, or None when it failed (already told)."""
        result: list[int] = []
        return result[0] if self.guarded(lambda: result.append(count())) else None

    def open_form(self, make: Callable[[], RecordDialog], on_saved: Callable[[int | None], None]) -> None:
        """Build the form, open it without blocking, and call ``on_saved`` when it is saved."""
        holder: list[RecordDialog] = []
        if not self.guarded(lambda: holder.append(make())):
            return
        dialog = holder[0]
        dialog.accepted.connect(lambda: on_saved(dialog.saved_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def confirm_and_delete(
        self, question: str, delete: Callable[[], None], refresh: Callable[[], None], done: str = ""
    ) -> None:
        """Ask, delete, refresh; ``done`` then says in the status bar what happened."""
        from escola_gui.gui.toolkit import messages

        if not messages.ask_yes_no(self.window(), translate("MainWindow", "Confirmar exclusão"), question):
            return
        deleted = self.guarded(delete)
        refresh()
        if deleted and done:
            self.mensagem.emit(done)
