"""The main window: a sidebar of pages, from Alunos to the Lixeira.

The pages are Alunos, Turmas, Notas, Frequência, Relatórios, Cursos, Matrículas em cursos,
Configurações and the Lixeira (deleted alunos and turmas, :mod:`escola_gui.gui.pages.lixeira`).
The school-year pages live in their own modules and receive only the services they use;
each has a ``refresh()`` that the window calls when the page is shown, so a change made on
one page is seen on the next.

:class:`RecordTab` holds the layout of a list page (search field, table, buttons) and emits
what the user asks for; :class:`MainWindow` holds the behaviour: it calls the services, opens
the forms without blocking (``open()`` + ``accepted``) and refreshes the lists. Arquivo →
Importar/Exportar alunos go through the file pickers of :mod:`escola_gui.gui.import_dialog`;
Relatórios → Ficha do aluno (and the Alunos tab's "Ficha…") open :mod:`escola_gui.gui.printing`.
Arquivo → Fazer backup agora makes a manual backup, and closing the window makes the day's
automatic one (:mod:`escola_gui.storage.file.backups`). Arquivo → Restaurar backup… chooses a backup
(:mod:`escola_gui.gui.launch.restore_dialog`) and emits ``restore_requested``: the restore is done
by the :class:`~escola_gui.gui.launch.launcher.Launcher`, which holds the file's lock and reopens the file.
"""

from __future__ import annotations

import gc
import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QItemSelection,
    QMetaMethod,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.errors import EscolaError
from escola_gui.core.escolar import DependentesEnturmacoes
from escola_gui.core.importacao import ImportResult
from escola_gui.core.planilhas import Table
from escola_gui.core.relatorios import file_name_part
from escola_gui.core.services import RecordNotFoundError, Services
from escola_gui.gui import dialogs, exportar, import_dialog
from escola_gui.gui.dialogs import AlunoDialog, CursoDialog, MatriculaDialog, RecordDialog
from escola_gui.gui.exportar import SETTINGS_APPLICATION, SETTINGS_ORGANIZATION
from escola_gui.gui.idle_backup import IdleBackup
from escola_gui.gui.import_dialog import ImportDialog, result_summary, wait_cursor, with_filter_extension
from escola_gui.gui.launch.restore_dialog import RestoreDialog
from escola_gui.gui.launch.upgrade_dialog import translate_error
from escola_gui.gui.pages import primeiros_passos
from escola_gui.gui.pages.configuracoes import ConfiguracoesPage
from escola_gui.gui.pages.diario import FrequenciaPage, NotasPage
from escola_gui.gui.pages.lixeira import LixeiraPage
from escola_gui.gui.pages.relatorios import RelatoriosPage
from escola_gui.gui.pages.turmas import TurmasPage
from escola_gui.gui.table_models import (
    ALUNO_SORT_KEYS,
    ID_ROLE,
    CursoTableModel,
    LazyAlunoTableModel,
    MatriculaTableModel,
    RecordTableModel,
    make_sort_proxy,
)
from escola_gui.gui.toolkit import read_only
from escola_gui.gui.toolkit.read_only import keep_disabled
from escola_gui.storage.file import backups

if TYPE_CHECKING:  # imported when first used: Qt's printing, the downgrade's revisions
    from escola_gui.gui.launch.downgrade_dialog import DowngradeDialog

_log = logging.getLogger(__name__)

GEOMETRY_KEY = "main_window/geometry"
STATUS_MESSAGE_MS = 15_000
EXPORT_DEFAULT_NAME = "alunos.xlsx"
SEARCH_DELAY_MS = 200
# The Alunos list searches the file on its indexes in a worker, at once: a newer keystroke makes
# the query under way stale (its result is dropped) and the queued ones are skipped.
LAZY_SEARCH_DELAY_MS = 0
# Room beside the widest text of a column, and the widest a column starts (the user may widen it).
COLUMN_PADDING = 16
COLUMN_MAX_WIDTH = 280
READ_ONLY_BANNER_STYLE = (
    "QLabel { background: #fff3cd; color: #5c4400; border-bottom: 1px solid #e0c872; padding: 8px 12px; }"
)


_startup_frozen = False


def _freeze_startup_objects() -> None:
    """Once per process, with the first main window built: the objects made so far (modules,
    widgets, ORM mappings, some 130k) live as long as the app; frozen, the garbage collector no
    longer walks them, so that a full collection while the Alunos list scrolls takes a few ms
    instead of about 50 (measured: the slowest frames of the 100k-aluno scroll were these)."""
    global _startup_frozen
    if not _startup_frozen:
        _startup_frozen = True
        gc.freeze()


class _SearchSignals(QObject):
    """What a search worker reports, delivered in the GUI thread."""

    done = Signal(int, str, int, object)  # generation, text, total, rows
    failed = Signal(int)


def alunos_count_text(total: int) -> str:
    """``"1 aluno"``, ``"1.234 alunos"``: the Alunos list's count, with the thousands separated."""
    if total == 1:
        return QCoreApplication.translate("RecordTab", "1 aluno")
    return QCoreApplication.translate("RecordTab", "{n} alunos").format(n=f"{total:,}".replace(",", "."))


class RecordTab(QWidget):
    """Layout of one tab: a search field, a sortable table and Novo/Editar/Excluir.

    Object names start with ``prefix`` (``alunos_busca``, ``alunos_tabela``, ``alunos_novo``...).
    """

    search_requested = Signal(str)
    new_requested = Signal()
    edit_requested = Signal(int)
    delete_requested = Signal(int)
    selection_changed = Signal()

    def __init__(
        self, prefix: str, model: RecordTableModel[Any], placeholder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(prefix)
        self.model = model
        # A lazy model sorts in SQL itself; the others sort in a proxy.
        self.lazy = isinstance(model, LazyAlunoTableModel)
        self.proxy = model if self.lazy else make_sort_proxy(model, self)
        self._search_pool = QThreadPool(self)
        self._search_pool.setMaxThreadCount(1)
        self._search_signals = _SearchSignals(self)
        self._search_signals.done.connect(self._on_search_done)
        self._search_signals.failed.connect(self._on_search_failed)

        self.search = QLineEdit()
        self.search.setObjectName(f"{prefix}_busca")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(LAZY_SEARCH_DELAY_MS if self.lazy else SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._search_timer.start)

        self.table = QTableView()
        self.table.setObjectName(f"{prefix}_tabela")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        if self.lazy:  # 100k rows: every row as high, none measured
            self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            # Columns fit the first rows (resizeColumnsToContents), never the pages below.
            self.table.verticalHeader().setResizeContentsPrecision(50)
            self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        if self.lazy:
            self.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_sort_indicator)
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
        self.contagem: QLabel | None = None
        self.mostrar_inativos: QCheckBox | None = None
        if self.lazy:
            self._add_count_and_filter()
        self._on_selection_changed()

    def _add_count_and_filter(self) -> None:
        """How many alunos the list holds ("1.234 alunos"), and "Mostrar inativos", which
        asks the service's query to leave the inactive ones out when unchecked."""
        assert isinstance(self.model, LazyAlunoTableModel)
        model = self.model
        self.mostrar_inativos = QCheckBox(self.tr("Mostrar inativos"))
        self.mostrar_inativos.setObjectName(f"{self.objectName()}_mostrar_inativos")
        self.mostrar_inativos.setChecked(True)
        self.mostrar_inativos.toggled.connect(self._on_mostrar_inativos)
        self.contagem = QLabel()
        self.contagem.setObjectName(f"{self.objectName()}_contagem")
        self._buttons.addWidget(self.mostrar_inativos)
        self._buttons.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        self._buttons.addWidget(self.contagem)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._update_count)
        self._update_count()

    def _on_mostrar_inativos(self, mostrar: bool) -> None:
        assert isinstance(self.model, LazyAlunoTableModel)
        keep = self.selected_id()
        self.model.set_ativos_only(not mostrar)
        if keep is not None:
            self.select_id(keep)

    def _update_count(self, *_args: object) -> None:
        if self.contagem is None:
            return
        self.contagem.setText(alunos_count_text(self.model.rowCount()))

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

    def reload_lazy(self, select_id: int | None = None) -> None:
        """Read the first page again from the file (a lazy model), keeping the selected record
        selected when it is still found."""
        keep = select_id if select_id is not None else self.selected_id()
        self.model.reload_from_service(self.search.text())
        if not self._columns_sized and self.model.rowCount():
            self._size_columns()  # from the first page only
        if keep is not None:
            self.select_id(keep)

    def _run_search(self) -> None:
        if not self.lazy:
            self.search_requested.emit(self.search.text())
            return
        # A worker reads the file; a newer keystroke makes this search stale and its result is dropped.
        text = self.search.text()
        model = self.model
        generation = model.start_search()
        signals = self._search_signals

        def run() -> None:
            if generation != model.generation:
                return  # typed on while this one waited: never read
            try:
                # The first page is shown at once; the count, when that page does not tell it, after.
                rows, total = model.first_page(text)
            except Exception:
                _log.exception("searching alunos failed")  # not the text: a name (LGPD)
                signals.failed.emit(generation)
                return
            signals.done.emit(generation, text, -1 if total is None else total, rows)

        self._search_pool.start(run)

    def _on_search_done(self, generation: int, text: str, total: int, rows: list[Any]) -> None:
        keep = self.selected_id()
        if self.model.apply_search(generation, text, len(rows) if total < 0 else total, rows):
            if total < 0:
                self.model.count_later(generation, text)
            if not self._columns_sized and rows:
                self._size_columns()
            if keep is not None:
                self.select_id(keep, fetch=False)

    def _on_search_failed(self, generation: int) -> None:
        if generation == self.model.generation:
            self.search_requested.emit(self.search.text())  # the window reads again and tells what failed

    def _keep_sort_indicator(self, section: int, _order: Qt.SortOrder) -> None:
        # Telefones does not sort: its click leaves the indicator where the list is sorted.
        if section != self.model.sort_section:
            model = self.model
            if ALUNO_SORT_KEYS[section] is None:
                header = self.table.horizontalHeader()
                header.blockSignals(True)
                header.setSortIndicator(model.sort_section, model.sort_order)
                header.blockSignals(False)

    def wait_for_search(self) -> None:
        """Let a search under way finish (tests, closing)."""
        self._search_pool.waitForDone()

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
        if self.lazy:
            return self._select_lazy(record_id, fetch)
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == record_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def _select_lazy(self, record_id: int, fetch: bool) -> bool:
        """Select ``record_id`` among the loaded rows, reading a few more pages to find it."""
        model = self.model
        row = model.locate(record_id) if fetch else model.find_id(record_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(model.index(row, 0))
        return True

    def flush_search(self) -> None:
        """Run a pending search now instead of after the delay."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            if self.lazy:
                self.model.start_search()  # a search already under way is stale
            self.search_requested.emit(self.search.text())

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


class MainWindow(QMainWindow):
    """Escola's main window over the given services and open database.

    ``restore_requested`` carries the path of the backup the secretary chose to restore;
    whoever opened the window (the Launcher) restores it and opens a new window. Arquivo →
    Restaurar backup… is shown only while something is connected to it.
    """

    restore_requested = Signal(object)  # Path of the backup
    downgrade_requested = Signal(str)  # the release to take the file back to ("1.0")

    def __init__(self, services: Services, info: DatabaseInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._info = info
        self._backup_on_close = True
        self.read_only_reason: str | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.backup_done_box: QMessageBox | None = None  # after Fazer backup agora: save a copy elsewhere?
        self.downgrade_dialog: DowngradeDialog | None = None
        self.primeiros_passos: primeiros_passos.PrimeirosPassosDock | None = None
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Escola — Secretaria"))

        self.alunos_tab = RecordTab("alunos", LazyAlunoTableModel(services.alunos, self), self.tr("Buscar por nome…"))
        self.cursos_tab = RecordTab("cursos", CursoTableModel(self), self.tr("Buscar por nome…"))
        self.matriculas_tab = RecordTab("matriculas", MatriculaTableModel(self), self.tr("Buscar por aluno ou curso…"))
        self.alunos_tab.search.setToolTip(self.tr("Busca pelo nome (sem ligar para acentos), CPF, e-mail ou RA"))
        self.ficha_button = self.alunos_tab.add_selection_button(self.tr("Ficha…"), "ficha", self.show_ficha)
        self.ficha_button.setToolTip(self.tr("Ficha do aluno selecionado, para imprimir ou salvar em PDF"))

        s = services
        # Read when first shown (refreshed on every show, as the pages below): not at launch.
        self.turmas_page = TurmasPage(s.turmas, s.anos_letivos, s.disciplinas, load=False)
        self.notas_page = NotasPage(s.turmas, s.anos_letivos, s.diario)
        self.frequencia_page = FrequenciaPage(s.turmas, s.anos_letivos, s.diario)
        self.relatorios_page = RelatoriosPage(s.relatorios, s.turmas, s.alunos)
        self.configuracoes_page = ConfiguracoesPage(s.escola, s.anos_letivos, s.disciplinas, load=False)
        self.lixeira_page = LixeiraPage(s.lixeira)
        self.lixeira_page.restaurado.connect(lambda _tipo: self.refresh_all())
        self.lixeira_page.mensagem.connect(lambda text: self.statusBar().showMessage(text, STATUS_MESSAGE_MS))
        self.relatorios_page.pdf_saved.connect(self._after_pdf_saved)
        for page in (self.turmas_page, self.notas_page, self.frequencia_page):
            page.configurar_requested.connect(self.show_anos_letivos)
        for page in (self.notas_page, self.frequencia_page):
            page.turmas_requested.connect(lambda: self.show_page(self.turmas_page))

        # Configurações is not among them: its own edits, not yet saved, must survive a page change.
        self._pages_refreshed_on_show = (
            self.turmas_page,
            self.notas_page,
            self.frequencia_page,
            self.relatorios_page,
            self.lixeira_page,
        )
        # Cursos, Matrículas em cursos and Configurações are read when first shown, not at launch:
        # until then a refresh of Cursos or Matrículas only remembers the record to select (_defer_refresh).
        self._not_loaded: dict[QWidget, int | None] = dict.fromkeys(
            (self.cursos_tab, self.matriculas_tab, self.configuracoes_page)
        )
        self.navegacao = QListWidget()
        self.navegacao.setObjectName("navegacao")
        self.navegacao.setAccessibleName(self.tr("Páginas"))
        self.pages = QStackedWidget()
        self.pages.setObjectName("paginas")
        for page, title in (
            (self.alunos_tab, self.tr("Alunos")),
            (self.turmas_page, self.tr("Turmas")),
            (self.notas_page, self.tr("Notas")),
            (self.frequencia_page, self.tr("Frequência")),
            (self.relatorios_page, self.tr("Relatórios")),
            (self.cursos_tab, self.tr("Cursos")),
            (self.matriculas_tab, self.tr("Matrículas em cursos")),
            (self.configuracoes_page, self.tr("Configurações")),
            (self.lixeira_page, self.tr("Lixeira")),
        ):
            self.pages.addWidget(page)
            self.navegacao.addItem(title)
        self.navegacao.setCurrentRow(0)
        self.navegacao.setFixedWidth(self.navegacao.sizeHintForColumn(0) + 32)
        self.navegacao.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.navegacao.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(self._on_page_changed)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navegacao)
        layout.addWidget(self.pages, 1)
        # Shown above everything when the file is open read-only (set_read_only).
        self.banner = QLabel()
        self.banner.setObjectName("aviso_somente_leitura")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(READ_ONLY_BANNER_STYLE)
        self.banner.setVisible(False)
        # Shown when the day's automatic copies cannot be made (warn_backups): never silently.
        self.backup_warning = QLabel()
        self.backup_warning.setObjectName("aviso_copias")
        self.backup_warning.setWordWrap(True)
        self.backup_warning.setStyleSheet(READ_ONLY_BANNER_STYLE)
        self.backup_warning.setVisible(False)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.backup_warning)
        column.addWidget(body, 1)
        self.setCentralWidget(central)

        self._connect_tab(self.alunos_tab, self._new_aluno, self._edit_aluno, self._delete_aluno)
        self._connect_tab(self.cursos_tab, self._new_curso, self._edit_curso, self._delete_curso)
        self._connect_tab(self.matriculas_tab, self._new_matricula, self._edit_matricula, self._delete_matricula)
        self.alunos_tab.search_requested.connect(lambda _text: self.refresh_alunos())
        self.cursos_tab.search_requested.connect(lambda _text: self.refresh_cursos())
        self.matriculas_tab.search_requested.connect(lambda _text: self.refresh_matriculas())

        self._create_actions()
        self._create_status_bar()
        self._create_idle_backup()
        self.resize(960, 600)
        self._restore_geometry()
        # The Alunos list read its first page when its sort was set (RecordTab): only its columns are
        # left to fit. The other lists wait until they are shown (_not_loaded).
        if self.alunos_tab.lazy and self.alunos_tab.model.rowCount():
            self.alunos_tab.fit_columns()
        else:
            self.refresh_all()
        _freeze_startup_objects()

    # --- building ---------------------------------------------------------------------

    def _connect_tab(
        self,
        tab: RecordTab,
        new: Callable[[], None],
        edit: Callable[[int], None],
        delete: Callable[[int], None],
    ) -> None:
        tab.new_requested.connect(new)
        tab.edit_requested.connect(edit)
        tab.delete_requested.connect(delete)
        tab.selection_changed.connect(self._update_actions)

    def _create_actions(self) -> None:
        menu_arquivo = self.menuBar().addMenu(self.tr("&Arquivo"))
        self.menu_arquivo = menu_arquivo
        menu_arquivo.aboutToShow.connect(self._update_restore_action)
        self.action_novo_aluno = QAction(self.tr("&Novo aluno…"), self)
        self.action_novo_aluno.setObjectName("action_novo_aluno")
        self.action_novo_aluno.setShortcut(QKeySequence("Ctrl+N"))
        self.action_novo_aluno.triggered.connect(self._new_aluno_from_menu)
        self.action_novo_curso = QAction(self.tr("Novo &curso…"), self)
        self.action_novo_curso.triggered.connect(self._new_curso)
        self.action_nova_matricula = QAction(self.tr("Nova &matrícula…"), self)
        self.action_nova_matricula.triggered.connect(self._new_matricula)
        self.action_importar_alunos = QAction(self.tr("&Importar alunos…"), self)
        self.action_importar_alunos.setObjectName("action_importar_alunos")
        self.action_importar_alunos.setShortcut(QKeySequence("Ctrl+I"))
        self.action_importar_alunos.setStatusTip(self.tr("Cadastra ou atualiza alunos a partir de uma planilha"))
        self.action_importar_alunos.triggered.connect(self.import_alunos)
        self.action_exportar_alunos = QAction(self.tr("E&xportar alunos…"), self)
        self.action_exportar_alunos.setObjectName("action_exportar_alunos")
        self.action_exportar_alunos.setShortcut(QKeySequence("Ctrl+E"))
        self.action_exportar_alunos.setStatusTip(self.tr("Grava a lista de alunos em uma planilha"))
        self.action_exportar_alunos.triggered.connect(self.export_alunos)
        self.action_exportar_lista = QAction(self.tr("Exportar &lista…"), self)
        self.action_exportar_lista.setObjectName("action_exportar_lista")
        self.action_exportar_lista.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.action_exportar_lista.setStatusTip(
            self.tr("Grava a lista mostrada nesta página (alunos, turma, notas...) em uma planilha")
        )
        self.action_exportar_lista.triggered.connect(self.export_current_list)
        self.action_backup_agora = QAction(self.tr("Fazer &backup agora"), self)
        self.action_backup_agora.setObjectName("action_backup_agora")
        self.action_backup_agora.setStatusTip(
            self.tr("Grava uma cópia de segurança verificada do arquivo de dados na pasta backups")
        )
        self.action_backup_agora.triggered.connect(self._back_up_now_and_offer_a_copy)
        self.action_salvar_copia = QAction(self.tr("Salvar uma &cópia em outro lugar…"), self)
        self.action_salvar_copia.setObjectName("action_salvar_copia")
        self.action_salvar_copia.setStatusTip(
            self.tr("Grava uma cópia verificada do arquivo de dados onde você escolher, como um pen drive")
        )
        self.action_salvar_copia.triggered.connect(self.save_copy_elsewhere)
        self.action_restaurar_backup = QAction(self.tr("&Restaurar backup…"), self)
        self.action_restaurar_backup.setObjectName("action_restaurar_backup")
        self.action_restaurar_backup.setStatusTip(
            self.tr("Põe uma cópia de segurança no lugar do arquivo de dados, guardando o atual ao lado")
        )
        self.action_restaurar_backup.triggered.connect(self.choose_backup_to_restore)
        self.action_voltar_versao = QAction(self.tr("&Voltar para uma versão anterior…"), self)
        self.action_voltar_versao.setObjectName("action_voltar_versao")
        self.action_voltar_versao.setStatusTip(
            self.tr("Leva o arquivo de dados ao formato de uma versão anterior do Escola, e fecha o Escola")
        )
        self.action_voltar_versao.triggered.connect(self.choose_version_to_downgrade)
        self.action_sair = QAction(self.tr("&Sair"), self)
        self.action_sair.setObjectName("action_sair")
        self.action_sair.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_sair.triggered.connect(self.close)
        menu_arquivo.addAction(self.action_novo_aluno)
        menu_arquivo.addAction(self.action_novo_curso)
        menu_arquivo.addAction(self.action_nova_matricula)
        menu_arquivo.addSeparator()
        menu_arquivo.addAction(self.action_importar_alunos)
        menu_arquivo.addAction(self.action_exportar_alunos)
        menu_arquivo.addAction(self.action_exportar_lista)
        menu_arquivo.addSeparator()
        menu_arquivo.addAction(self.action_backup_agora)
        menu_arquivo.addAction(self.action_salvar_copia)
        menu_arquivo.addAction(self.action_restaurar_backup)
        menu_arquivo.addAction(self.action_voltar_versao)
        menu_arquivo.addSeparator()
        menu_arquivo.addAction(self.action_sair)

        menu_editar = self.menuBar().addMenu(self.tr("&Editar"))
        # Desfazer/Refazer follow the history (QUndoStack) of the page shown, when it keeps one
        # (Notas, Frequência): "Desfazer Nota de Ana Souza em Matemática, 1º bimestre".
        self.undo_group = QUndoGroup(self)
        for page in (self.notas_page, self.frequencia_page):
            self.undo_group.addStack(page.undo_stack)
        self.action_desfazer = self.undo_group.createUndoAction(self, self.tr("&Desfazer"))
        self.action_desfazer.setObjectName("action_desfazer")
        self.action_desfazer.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_refazer = self.undo_group.createRedoAction(self, self.tr("&Refazer"))
        self.action_refazer.setObjectName("action_refazer")
        self.action_refazer.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        menu_editar.addAction(self.action_desfazer)
        menu_editar.addAction(self.action_refazer)
        menu_editar.addSeparator()
        self.action_buscar = QAction(self.tr("&Buscar"), self)
        self.action_buscar.setObjectName("action_buscar")
        self.action_buscar.setShortcut(QKeySequence("Ctrl+F"))
        self.action_buscar.triggered.connect(self.focus_search)
        self.action_editar = QAction(self.tr("&Editar selecionado…"), self)
        self.action_editar.setObjectName("action_editar")
        self.action_editar.triggered.connect(lambda: (tab := self.current_tab()) and tab.edit_button.click())
        self.action_excluir = QAction(self.tr("E&xcluir"), self)
        self.action_excluir.setObjectName("action_excluir")
        self.action_excluir.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.action_excluir.triggered.connect(lambda: (tab := self.current_tab()) and tab.delete_button.click())
        menu_editar.addAction(self.action_buscar)
        menu_editar.addAction(self.action_editar)
        menu_editar.addAction(self.action_excluir)

        menu_relatorios = self.menuBar().addMenu(self.tr("&Relatórios"))
        self.action_ficha_aluno = QAction(self.tr("&Ficha do aluno…"), self)
        self.action_ficha_aluno.setObjectName("action_ficha_aluno")
        self.action_ficha_aluno.setStatusTip(self.tr("Ficha do aluno selecionado na aba Alunos"))
        self.action_ficha_aluno.triggered.connect(lambda: self.ficha_button.click())
        self.action_relatorios = QAction(self.tr("&Boletins, histórico, atestado e ata…"), self)
        self.action_relatorios.setObjectName("action_relatorios")
        self.action_relatorios.setStatusTip(self.tr("Abre a página Relatórios"))
        self.action_relatorios.triggered.connect(lambda: self.show_page(self.relatorios_page))
        menu_relatorios.addAction(self.action_ficha_aluno)
        menu_relatorios.addAction(self.action_relatorios)

        menu_ajuda = self.menuBar().addMenu(self.tr("Aj&uda"))
        self.action_primeiros_passos = QAction(self.tr("&Primeiros passos"), self)
        self.action_primeiros_passos.setObjectName("action_primeiros_passos")
        self.action_primeiros_passos.setStatusTip(self.tr("O que cadastrar primeiro, passo a passo"))
        self.action_primeiros_passos.triggered.connect(self.show_first_steps)
        menu_ajuda.addAction(self.action_primeiros_passos)
        self.action_sobre = QAction(self.tr("&Sobre o Escola…"), self)
        self.action_sobre.setObjectName("action_sobre")
        self.action_sobre.triggered.connect(self.show_about)
        menu_ajuda.addAction(self.action_sobre)
        self._update_actions()

    def _create_status_bar(self) -> None:
        self.status_path = QLabel(self.tr("Banco de dados: {path}").format(path=self._info.path))
        self.status_path.setObjectName("status_caminho")
        self.status_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_revision = QLabel(self.tr("Revisão do esquema: {rev}").format(rev=self._info.revision))
        self.status_revision.setObjectName("status_revisao")
        # Not permanent: a message (an export done, a menu's tip) shows in its place for a while.
        self.statusBar().addWidget(self.status_path, 1)
        self.statusBar().addPermanentWidget(self.status_revision)
        self.backup_progress = QProgressBar()
        self.backup_progress.setObjectName("progresso_backup")
        self.backup_progress.setRange(0, 100)
        self.backup_progress.setMaximumWidth(160)
        self.backup_progress.setFormat(self.tr("Backup %p%"))
        self.backup_progress.setToolTip(
            self.tr("Cópia de segurança automática do dia, feita enquanto o Escola está parado")
        )
        self.backup_progress.hide()
        self.statusBar().addPermanentWidget(self.backup_progress)

    def _create_idle_backup(self) -> None:
        """The day's automatic backup after a while without input (closing makes it too)."""
        self.idle_backup = IdleBackup(self._info.path, self)
        self.idle_backup.started.connect(lambda: (self.backup_progress.setValue(0), self.backup_progress.show()))
        self.idle_backup.progress.connect(self.backup_progress.setValue)
        self.idle_backup.finished.connect(self._idle_backup_finished)
        self.idle_backup.failed.connect(self._idle_backup_failed)
        problem = backups.backups_write_problem(self._info.path)
        if problem is not None:
            self.warn_backups(problem)

    def warn_backups(self, reason: str) -> None:
        """The automatic copies of this file cannot be made (``reason``, in Portuguese): say so
        above everything, for as long as the window is open."""
        self.backup_warning.setText(
            self.tr(
                "<b>Sem cópias de segurança</b> — as cópias automáticas deste arquivo não podem ser feitas: "
                "{reason}. Os dados continuam gravados no arquivo, mas sem cópia. Corrija isso, ou use "
                "Arquivo → Salvar uma cópia em outro lugar."
            ).format(reason=html.escape(reason))
        )
        self.backup_warning.setVisible(self.read_only_reason is None)

    def _idle_backup_failed(self) -> None:
        _log.warning("the day's automatic backup of %s could not be made", self._info.path)
        self.warn_backups(
            backups.backups_write_problem(self._info.path)
            or self.tr("a cópia do dia falhou (o registro técnico diz por quê)")
        )

    def _idle_backup_finished(self, made: Path | None) -> None:
        self.backup_progress.hide()
        if made is not None:
            self.statusBar().showMessage(
                self.tr("Cópia de segurança automática do dia gravada em {path}.").format(path=made), STATUS_MESSAGE_MS
            )

    # --- read-only mode ----------------------------------------------------------------

    def set_read_only(self, reason: str) -> None:
        """The file cannot be written (``reason``, in Portuguese): say so above everything and turn
        every change off. Forms still open, for viewing only; lists, reports and exports work."""
        self.read_only_reason = reason
        self.setProperty(read_only.PROPERTY, True)
        self.banner.setText(
            self.tr(
                "<b>Somente leitura</b> — este arquivo não pode ser gravado: {reason}. As alterações estão "
                "desativadas; é possível consultar, imprimir e exportar, mas nada é gravado."
            ).format(reason=html.escape(reason))
        )
        self.banner.setVisible(True)
        for page in (
            self.alunos_tab,
            self.cursos_tab,
            self.matriculas_tab,
            self.turmas_page,
            self.notas_page,
            self.frequencia_page,
            self.configuracoes_page,
            self.lixeira_page,
        ):
            page.set_read_only(True)
        self.action_editar.setText(self.tr("&Ver selecionado…"))
        keep_disabled(
            [
                self.action_novo_aluno,
                self.action_novo_curso,
                self.action_nova_matricula,
                self.action_importar_alunos,
                self.action_restaurar_backup,
                self.action_voltar_versao,
                self.action_excluir,
            ]
        )
        self.backup_warning.setVisible(False)  # the banner above says more: nothing is written
        problem = backups.backups_write_problem(self._info.path)
        if problem:
            _log.warning("backups of %s cannot be written (%s): no backup in this session", self._info.path, problem)
            keep_disabled([self.action_backup_agora])
            self.action_backup_agora.setStatusTip(
                self.tr("A pasta dos backups não pode ser gravada: {reason}").format(reason=problem)
            )
            self._backup_on_close = False
        _log.info("%s opened read-only: %s", self._info.path, reason)

    def _refuse_if_read_only(self, title: str) -> bool:
        """True (and a message) when the file is read-only: for a write reached another way."""
        if self.read_only_reason is None:
            return False
        dialogs.show_error(self, title, read_only.message())
        return True

    # --- state ------------------------------------------------------------------------

    def show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)

    # --- primeiros passos ---------------------------------------------------------------

    def offer_first_steps(self) -> bool:
        """At launch: the first-run guide, for a file with no data that can be written, unless
        the secretary closed the guide before. Returns whether it is shown."""
        if self.read_only_reason is not None or primeiros_passos.dismissed():
            return False
        if not primeiros_passos.is_empty(self._services):
            return False
        self.show_first_steps()
        return True

    def show_first_steps(self) -> None:
        """Ajuda → Primeiros passos: the guide at the right; each step opens its own screen."""
        if self.primeiros_passos is None:
            config = self.configuracoes_page

            def configuracoes(panel: QWidget, button: QWidget) -> Callable[[], None]:
                def show() -> None:
                    self.show_page(config)
                    config.tabs.setCurrentWidget(panel)
                    button.setFocus()

                return show

            def turmas() -> None:
                self.show_page(self.turmas_page)
                self.turmas_page.nova_button.setFocus()

            abrir = {
                primeiros_passos.ESCOLA: configuracoes(config.escola, config.escola.nome),
                primeiros_passos.ANO_LETIVO: configuracoes(config.anos_letivos, config.anos_letivos.novo),
                primeiros_passos.DISCIPLINAS: configuracoes(config.disciplinas, config.disciplinas.nova),
                primeiros_passos.TURMAS: turmas,
                primeiros_passos.ALUNOS: self.import_alunos,
            }
            dock = primeiros_passos.PrimeirosPassosDock(abrir, lambda: primeiros_passos.progresso(self._services), self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            for signal in (config.changed, self.turmas_page.changed, self.pages.currentChanged):
                signal.connect(dock.refresh)
            self.primeiros_passos = dock
        self.primeiros_passos.show()
        self.primeiros_passos.raise_()

    def show_anos_letivos(self) -> None:
        self.show_page(self.configuracoes_page)
        self.configuracoes_page.show_anos_letivos()

    def current_tab(self) -> RecordTab | None:
        """The list page shown (Alunos, Cursos, Matrículas em cursos), or None on another page."""
        page = self.pages.currentWidget()
        return page if isinstance(page, RecordTab) else None

    def _on_page_changed(self, index: int) -> None:
        self.navegacao.setCurrentRow(index)
        page = self.pages.widget(index)
        self.undo_group.setActiveStack(getattr(page, "undo_stack", None))
        if page in self._pages_refreshed_on_show:
            # What another page changed (a turma, an ano letivo, an aluno) shows here at once.
            self._guarded(page.refresh)
        elif page in self._not_loaded:
            select_id = self._not_loaded.pop(page)
            if page is self.cursos_tab:
                self.refresh_cursos(select_id)
            elif page is self.matriculas_tab:
                self.refresh_matriculas(select_id)
            else:
                self._guarded(page.refresh)
        self._update_actions()

    def focus_search(self) -> None:
        tab = self.current_tab()
        search = tab.search if tab is not None else getattr(self.pages.currentWidget(), "search", None)
        if isinstance(search, QLineEdit):
            search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            search.selectAll()

    def _update_actions(self) -> None:
        if not hasattr(self, "action_excluir"):
            return
        tab = self.current_tab()
        has_selection = tab is not None and tab.selected_id() is not None
        self.action_editar.setEnabled(has_selection)
        self.action_excluir.setEnabled(has_selection)
        self.action_ficha_aluno.setEnabled(tab is self.alunos_tab and has_selection)
        self.action_exportar_lista.setEnabled(self.current_list() is not None)
        self._update_restore_action()

    def _update_restore_action(self) -> None:
        # Only a Launcher, which holds the file's lock, can restore: without one the item is hidden.
        self.action_restaurar_backup.setVisible(self._can_restore())
        self.action_voltar_versao.setVisible(self._can_downgrade())

    def _can_downgrade(self) -> bool:
        return self.isSignalConnected(QMetaMethod.fromSignal(self.downgrade_requested))

    def _can_restore(self) -> bool:
        return self.isSignalConnected(QMetaMethod.fromSignal(self.restore_requested))

    def refresh_alunos(self, select_id: int | None = None) -> None:
        self._guarded(lambda: self.alunos_tab.reload_lazy(select_id))

    def refresh_cursos(self, select_id: int | None = None) -> None:
        if self._defer_refresh(self.cursos_tab, select_id):
            return
        self._guarded(
            lambda: self.cursos_tab.reload(self._services.cursos.list(self.cursos_tab.search.text()), select_id)
        )

    def refresh_matriculas(self, select_id: int | None = None) -> None:
        if self._defer_refresh(self.matriculas_tab, select_id):
            return
        self._guarded(
            lambda: self.matriculas_tab.reload(
                self._services.matriculas.list(self.matriculas_tab.search.text()), select_id
            )
        )

    def _defer_refresh(self, tab: RecordTab, select_id: int | None) -> bool:
        """True when ``tab`` has not been shown yet: it is read when first shown, selecting the
        last record asked for here."""
        if tab not in self._not_loaded:
            return False
        if select_id is not None:
            self._not_loaded[tab] = select_id
        return True

    def refresh_all(self) -> None:
        self.refresh_alunos()
        self.refresh_cursos()
        self.refresh_matriculas()

    def _guarded(self, operation: Callable[[], object]) -> bool:
        """Run ``operation``; on an unexpected error log it and tell the user. True on success."""
        try:
            operation()
        except Exception:
            dialogs.report_unexpected_error(self)
            return False
        return True

    # --- forms ------------------------------------------------------------------------

    def make_aluno_dialog(self, aluno_id: int | None) -> AlunoDialog:
        return AlunoDialog(
            self._services.alunos,
            aluno_id,
            self,
            responsaveis=self._services.responsaveis,
            turmas=self._services.turmas,
            diario=self._services.diario,
            historicos=self._services.historicos_externos,
            auditoria=self._services.auditoria,
        )

    def make_curso_dialog(self, curso_id: int | None) -> CursoDialog:
        return CursoDialog(self._services.cursos, curso_id, self)

    def make_matricula_dialog(self, matricula_id: int | None) -> MatriculaDialog:
        return MatriculaDialog(self._services.matriculas, matricula_id, self)

    def _open_dialog(self, make: Callable[[], RecordDialog], on_saved: Callable[[int | None], None]) -> None:
        """Build the form, open it without blocking, and call ``on_saved`` when it is saved."""
        holder: list[RecordDialog] = []
        if not self._guarded(lambda: holder.append(make())):
            return
        dialog = holder[0]
        dialog.accepted.connect(lambda: on_saved(dialog.saved_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _after_aluno_saved(self, aluno_id: int | None) -> None:
        self.refresh_alunos(aluno_id)
        self.refresh_matriculas()  # shows the aluno's nome

    def _after_curso_saved(self, curso_id: int | None) -> None:
        self.refresh_cursos(curso_id)
        self.refresh_matriculas()

    def _after_matricula_saved(self, matricula_id: int | None) -> None:
        self.refresh_matriculas(matricula_id)
        self.refresh_cursos()  # the count of matrículas per curso

    def _new_aluno_from_menu(self) -> None:
        self.show_page(self.alunos_tab)
        self._new_aluno()

    def _new_aluno(self) -> None:
        self._open_dialog(lambda: self.make_aluno_dialog(None), self._after_aluno_saved)

    def _edit_aluno(self, aluno_id: int) -> None:
        self._open_dialog(lambda: self.make_aluno_dialog(aluno_id), self._after_aluno_saved)

    def _new_curso(self) -> None:
        self.show_page(self.cursos_tab)
        self._open_dialog(lambda: self.make_curso_dialog(None), self._after_curso_saved)

    def _edit_curso(self, curso_id: int) -> None:
        self._open_dialog(lambda: self.make_curso_dialog(curso_id), self._after_curso_saved)

    def _new_matricula(self) -> None:
        self.show_page(self.matriculas_tab)
        self._open_dialog(lambda: self.make_matricula_dialog(None), self._after_matricula_saved)

    def _edit_matricula(self, matricula_id: int) -> None:
        self._open_dialog(lambda: self.make_matricula_dialog(matricula_id), self._after_matricula_saved)

    # --- deleting ---------------------------------------------------------------------

    def _matriculas_clause(self, count: int) -> str:
        if count == 0:
            return ""
        if count == 1:
            return " " + self.tr("Também será excluída 1 matrícula.")
        return " " + self.tr("Também serão excluídas {n} matrículas.").format(n=count)

    def _turmas_do_aluno(self, aluno_id: int) -> DependentesEnturmacoes:
        turmas = self._services.turmas
        return turmas.dependentes_enturmacoes([e.id for e in turmas.enturmacoes_do_aluno(aluno_id)])

    def _turmas_clause(self, dependentes: DependentesEnturmacoes) -> str:
        """The aluno's school years, which go with it: enturmações, notas and frequência."""
        if dependentes.enturmacoes == 0:
            return ""
        return " " + self.tr(
            "Também serão excluídos o histórico nas turmas ({turmas}), {notas} e {frequencias}."
        ).format(
            turmas=self.tr("%n matrícula(s) em turma", "", dependentes.enturmacoes),
            # Qt's Portuguese rule makes 0 singular ("0 nota"): none is said in words.
            notas=self.tr("%n nota(s)", "", dependentes.notas) if dependentes.notas else self.tr("nenhuma nota"),
            frequencias=(
                self.tr("%n registro(s) de frequência", "", dependentes.frequencias)
                if dependentes.frequencias
                else self.tr("nenhum registro de frequência")
            ),
        )

    def _externos_clause(self, count: int) -> str:
        if count == 0:
            return ""
        return " " + self.tr("Também serão excluídos %n ano(s) cursado(s) em outras escolas, do histórico.", "", count)

    def _responsaveis_clause(self, names: list[str]) -> str:
        """The responsáveis of this aluno alone, who are deleted with it."""
        if not names:
            return ""
        if len(names) == 1:
            return " " + self.tr("Também será excluído o responsável {nome}, que não tem outro aluno.").format(
                nome=names[0]
            )
        return " " + self.tr("Também serão excluídos os responsáveis {nomes}, que não têm outro aluno.").format(
            nomes=", ".join(names)
        )

    def _confirm_and_delete(
        self, question: str, delete: Callable[[], None], refresh: Callable[[], None], done: str = ""
    ) -> None:
        """Ask, delete, refresh; ``done`` then says in the status bar what happened."""
        if not dialogs.ask_yes_no(self, self.tr("Confirmar exclusão"), question):
            return
        deleted = self._guarded(delete)
        refresh()
        if deleted and done:
            self.statusBar().showMessage(done, STATUS_MESSAGE_MS)

    def _delete_aluno(self, aluno_id: int) -> None:
        row = next((r for r in self.alunos_tab.model.rows() if r.id == aluno_id), None)
        count = self._count(lambda: self._services.alunos.count_dependents(aluno_id))
        names: list[list[str]] = []
        if row is None or count is None:
            return
        if not self._guarded(lambda: names.append(self._services.alunos.responsaveis_exclusivos(aluno_id))):
            return
        turmas: list[DependentesEnturmacoes] = []
        if not self._guarded(lambda: turmas.append(self._turmas_do_aluno(aluno_id))):
            return
        externos: list[int] = []
        if not self._guarded(lambda: externos.append(len(self._services.historicos_externos.list_for_aluno(aluno_id)))):
            return
        question = (
            self.tr("Excluir o aluno {nome}?").format(nome=row.nome)
            + self._turmas_clause(turmas[0])
            + self._externos_clause(externos[0])
            + self._matriculas_clause(count)
            + self._responsaveis_clause(names[0])
            + " "
            + self.tr("O aluno vai para a Lixeira e pode ser restaurado até a lixeira ser esvaziada.")
        )
        self._confirm_and_delete(
            question,
            lambda: self._services.alunos.delete(aluno_id),
            lambda: (self.refresh_alunos(), self.refresh_matriculas(), self.refresh_cursos()),
            self.tr("Aluno {nome} movido para a Lixeira.").format(nome=row.nome),
        )

    def _delete_curso(self, curso_id: int) -> None:
        row = next((r for r in self.cursos_tab.model.rows() if r.id == curso_id), None)
        count = self._count(lambda: self._services.cursos.count_dependents(curso_id))
        if row is None or count is None:
            return
        question = self.tr("Excluir o curso {nome}?").format(nome=row.nome) + self._matriculas_clause(count)
        self._confirm_and_delete(
            question,
            lambda: self._services.cursos.delete(curso_id),
            lambda: (self.refresh_cursos(), self.refresh_matriculas()),
            self.tr("Curso {nome} excluído.").format(nome=row.nome),
        )

    def _delete_matricula(self, matricula_id: int) -> None:
        row = next((r for r in self.matriculas_tab.model.rows() if r.id == matricula_id), None)
        if row is None:
            return
        question = self.tr("Excluir a matrícula de {aluno} em {curso}?").format(
            aluno=row.aluno_nome, curso=row.curso_nome
        )
        self._confirm_and_delete(
            question,
            lambda: self._services.matriculas.delete(matricula_id),
            lambda: (self.refresh_matriculas(), self.refresh_cursos()),
            self.tr("Matrícula de {aluno} em {curso} excluída.").format(aluno=row.aluno_nome, curso=row.curso_nome),
        )

    def _count(self, count: Callable[[], int]) -> int | None:
        result: list[int] = []
        return result[0] if self._guarded(lambda: result.append(count())) else None

    # --- spreadsheets -----------------------------------------------------------------

    def make_import_dialog(self, table: Table) -> ImportDialog:
        return ImportDialog(self._services.planilhas, table, self)

    def import_alunos(self) -> None:
        """Ask for a spreadsheet, read it and open the preview; refresh the alunos once imported."""
        title = self.tr("Importar alunos")
        if self._refuse_if_read_only(title):
            return
        chosen = import_dialog.ask_open_spreadsheet(self, title, exportar.remembered_folder())
        if not chosen:
            return
        exportar.remember_folder(Path(chosen))
        try:
            # Reading and checking a large file takes a moment; it is done before the dialog shows.
            with wait_cursor():
                dialog = self.make_import_dialog(self._services.planilhas.read(chosen))
        except EscolaError as exc:
            dialogs.show_error(self, title, translate_error(exc))
            return
        except Exception:
            dialogs.report_unexpected_error(self)
            return
        dialog.accepted.connect(lambda: self._after_import(dialog.result_value))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _after_import(self, result: ImportResult | None) -> None:
        self.show_page(self.alunos_tab)
        # A search typed earlier could hide the alunos just imported.
        self.alunos_tab.search.clear()
        self.alunos_tab.flush_search()
        self.refresh_alunos(result.inserted_ids[0] if result and result.inserted_ids else None)
        self.refresh_matriculas()  # updated nomes
        if result is not None:
            self.statusBar().showMessage(result_summary(result), STATUS_MESSAGE_MS)
        if self.primeiros_passos is not None:
            self.primeiros_passos.refresh()

    def export_alunos(self) -> None:
        """Ask where to save, then write every aluno there as .xlsx or .csv."""
        title = self.tr("Exportar alunos")
        suggested = str(Path(exportar.remembered_folder()) / EXPORT_DEFAULT_NAME)
        chosen, selected_filter = import_dialog.ask_save_spreadsheet(self, title, suggested)
        if not chosen:
            return
        path = with_filter_extension(chosen, selected_filter)
        # The file dialog asked about replacing the name typed, not the one with the extension added.
        if str(path) != chosen and path.exists():
            question = self.tr("O arquivo {name} já existe. Substituir?").format(name=path.name)
            if not dialogs.ask_yes_no(self, title, question):
                return
        exportar.remember_folder(path)
        try:
            with wait_cursor():
                count = self._services.planilhas.export_alunos(path)
        except EscolaError as exc:
            dialogs.show_error(self, title, translate_error(exc))
            return
        except Exception:
            dialogs.report_unexpected_error(self)
            return
        message = self.tr("%n aluno(s) exportado(s) para {path}.", "", count).format(path=path)
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def current_list(self) -> tuple[QAbstractItemModel, str] | None:
        """The list the current page shows, as its view orders and filters it, and a file name."""
        page = self.pages.currentWidget()
        if isinstance(page, RecordTab):
            return page.proxy, f"{page.objectName()}.xlsx"
        if page is self.turmas_page:
            turma = self.turmas_page.selected_turma()
            if turma is not None:
                return self.turmas_page.roster_proxy, f"turma-{file_name_part(turma.nome)}-{turma.ano}.xlsx"
            return self.turmas_page.turma_proxy, "turmas.xlsx"
        if page in (self.notas_page, self.frequencia_page) and page.showing_grid:
            kind = "notas" if page is self.notas_page else "frequencia"
            name = file_name_part(f"{kind} {page.turma_combo.currentText()} {page.disciplina_combo.currentText()}")
            name += ".xlsx"
            return page.table.model(), name
        return None

    def export_current_list(self) -> None:
        found = self.current_list()
        page = self.pages.currentWidget()
        if found is not None and isinstance(page, RecordTab) and page.lazy:
            # The whole list as shown, not only the rows scrolled past; read here, when asked:
            # current_list() also runs for every action update. No partial list on a failure.
            with wait_cursor():
                if not self._guarded(page.model.fetch_all):
                    return
        if found is None:
            self.statusBar().showMessage(self.tr("Esta página não mostra uma lista para exportar."), STATUS_MESSAGE_MS)
            return
        model, name = found
        path = exportar.export_model(self, model, name)
        if path is not None:
            self.statusBar().showMessage(exportar.exported_message(model, path), STATUS_MESSAGE_MS)

    # --- reports ----------------------------------------------------------------------

    def show_ficha(self, aluno_id: int) -> None:
        """Open the print preview of the aluno's ficha, from which it is printed or saved as PDF."""
        title = self.tr("Ficha do aluno")
        from escola_gui.gui import printing as reports

        try:
            with wait_cursor():
                documento = self._services.relatorios.ficha_do_aluno(aluno_id).documento()
                dialog = reports.print_preview(documento, self)
        except RecordNotFoundError:
            dialogs.show_error(self, title, self.tr("Este aluno não existe mais; talvez tenha sido excluído."))
            self.refresh_alunos()
            return
        except Exception:
            dialogs.report_unexpected_error(self)
            return
        dialog.pdf_saved.connect(self._after_pdf_saved)

    def _after_pdf_saved(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("PDF salvo em {path}.").format(path=path), STATUS_MESSAGE_MS)

    # --- help and closing -------------------------------------------------------------

    def about_text(self) -> str:
        return self.tr(
            "<p><b>Escola</b> {version}</p>"
            "<p>Registros escolares da secretaria: alunos, turmas, notas, frequência, boletins e histórico.</p>"
            "<p>Revisão do esquema: {rev}<br>Banco de dados: {path}<br>Registro (log): {log}</p>"
        ).format(
            version=html.escape(self._info.app_version),
            rev=html.escape(self._info.revision),
            path=html.escape(str(self._info.path)),
            log=html.escape(str(self._info.log_path)),
        )

    def show_about(self) -> None:
        dialogs.show_about(self, self.tr("Sobre o Escola"), self.about_text())

    def _restore_geometry(self) -> None:
        geometry = QSettings(SETTINGS_ORGANIZATION, SETTINGS_APPLICATION).value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))

    # --- backups ----------------------------------------------------------------------

    def back_up_now(self) -> Path | None:
        """Arquivo → Fazer backup agora: a manual, verified backup, then the retention rule."""
        title = self.tr("Fazer backup agora")
        try:
            with wait_cursor():
                path = backups.make_backup(self._info.path, backups.BackupKind.MANUAL)
                backups.prune(self._info.path)
        except EscolaError as exc:
            dialogs.show_error(self, title, translate_error(exc))
            return None
        except Exception:
            dialogs.report_unexpected_error(self)
            return None
        self.statusBar().showMessage(
            self.tr("Cópia de segurança gravada em {path}.").format(path=path), STATUS_MESSAGE_MS
        )
        return path

    def _back_up_now_and_offer_a_copy(self) -> None:
        """Fazer backup agora, then offer to save a copy elsewhere too (a pen drive): the backups
        folder is on the same disk as the file, and a broken or stolen computer takes both."""
        path = self.back_up_now()
        if path is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Fazer backup agora"),
            self.tr(
                "Cópia de segurança gravada em {path}.\n\n"
                "Quer salvar também uma cópia fora deste computador, em um pen drive ou em outra pasta?"
            ).format(path=path),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("backup_feito")
        save = box.addButton(self.tr("Salvar uma cópia em outro lugar…"), QMessageBox.ButtonRole.AcceptRole)
        save.setObjectName("salvar_copia")
        later = box.addButton(self.tr("Agora não"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.setEscapeButton(later)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            self.backup_done_box = None
            if button is save:  # once the box is gone: the file dialog opens over the window
                QTimer.singleShot(0, self.save_copy_elsewhere)

        box.buttonClicked.connect(clicked)
        self.backup_done_box = box
        box.open()

    def save_copy_elsewhere(self) -> Path | None:
        """Arquivo → Salvar uma cópia em outro lugar…: a verified copy (as a backup is made)
        wherever the secretary chooses; returns its path, or None."""
        title = self.tr("Salvar uma cópia em outro lugar")
        suggested = str(Path.home() / backups.default_copy_name(self._info.path))
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, suggested, self.tr("Arquivo de dados do Escola (*.sqlite3)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".sqlite3":
            target = target.with_name(target.name + ".sqlite3")
        try:
            with wait_cursor():
                saved = backups.save_copy(self._info.path, target)
        except EscolaError as exc:
            dialogs.show_error(self, title, translate_error(exc))
            return None
        except Exception:
            dialogs.report_unexpected_error(self)
            return None
        self.statusBar().showMessage(self.tr("Cópia verificada salva em {path}.").format(path=saved), STATUS_MESSAGE_MS)
        return saved

    def automatic_backup(self) -> Path | None:
        """The day's automatic backup and the retention rule, as the window closes.

        A failure is logged and never keeps the window from closing.
        """
        try:
            made = backups.backup_if_due(self._info.path)
            backups.prune(self._info.path)
        except Exception:
            _log.exception("the automatic backup of %s failed", self._info.path)
            return None
        return made

    def choose_backup_to_restore(self) -> None:
        """Arquivo → Restaurar backup…: the backups of the file; on Sim, ``restore_requested``."""
        if not self._can_restore() or self._refuse_if_read_only(self.tr("Restaurar backup")):
            return
        try:
            with wait_cursor():
                found = backups.list_backups(self._info.path)
        except Exception:
            dialogs.report_unexpected_error(self)
            return
        dialog = RestoreDialog(self._info.path, found, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.chosen is not None and self._request_restore(dialog.chosen.path))
        self.restore_dialog = dialog
        dialog.open()

    def _request_restore(self, backup: Path) -> None:
        self.stop_background_work()
        self.restore_requested.emit(backup)

    def stop_background_work(self) -> None:
        """Before the file is replaced (restore, downgrade): no more idle backups, and wait for
        one under way, so that nobody replaces a file while it is being copied."""
        self.idle_backup.stop()

    def resume_background_work(self) -> None:
        """The file was not replaced after all (a refused restore, a failed downgrade)."""
        self.idle_backup.resume()

    def choose_version_to_downgrade(self) -> None:
        """Arquivo → Voltar para uma versão anterior…: on "Voltar e fechar", ``downgrade_requested``."""
        if not self._can_downgrade():
            return
        from escola_gui.gui.launch.downgrade_dialog import DowngradeDialog

        dialog = DowngradeDialog(self._info.path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.chosen is not None and self._request_downgrade(dialog.chosen))
        self.downgrade_dialog = dialog
        dialog.open()

    def _request_downgrade(self, target: str) -> None:
        self.stop_background_work()
        self.downgrade_requested.emit(target)

    def close_for_restore(self) -> None:
        """Close after the file was replaced by a backup: no automatic backup of the restored file."""
        self._backup_on_close = False
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Override ``closeEvent()`` of QWidget: remember the window's size and place, and
        make the day's automatic backup."""
        QSettings(SETTINGS_ORGANIZATION, SETTINGS_APPLICATION).setValue(GEOMETRY_KEY, self.saveGeometry())
        self.idle_backup.stop()  # an idle-time copy under way finishes first
        if self._backup_on_close:
            self.automatic_backup()
        super().closeEvent(event)
