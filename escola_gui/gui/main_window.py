"""The main window: the shell around the pages, from Alunos to the Lixeira.

The pages are Alunos, Turmas, Notas, Frequência, Relatórios, Cursos, Matrículas em cursos,
Configurações and the Lixeira, each its own module under :mod:`escola_gui.gui.pages`, with its
own behaviour, given only the services it uses. The window holds the shell: the sidebar, the
menus, the status bar, the banners (read-only file, no backups) and the switch between pages.

Each page's module is imported, and the page built, when the page is first shown (or first
asked for: ``window.turmas_page``); until then a blank placeholder holds its place in the stack.
Alunos, shown at launch, is built at once. A page has a ``refresh()`` that the window calls when
the page is shown, so that a change made on one page is seen on the next; Cursos, Matrículas em
cursos and Configurações are read only when first shown, not at launch.

The window's own actions are those of the whole file, in its Arquivo menu; their controller is
:class:`~escola_gui.gui.file_actions.FileActions` (backups, a copy elsewhere, the choice of a
backup to restore or of a version to go back to). Replacing the file is the
:class:`~escola_gui.gui.launch.launcher.Launcher`'s, which holds the file's lock: the window emits
``restore_requested`` or ``downgrade_requested``, and the Launcher reopens the file. Arquivo →
Novo aluno/curso/matrícula and Importar/Exportar alunos, Relatórios → Ficha do aluno are menu
items of the shell that show the page concerned and ask it to act
(:class:`~escola_gui.gui.pages.alunos.AlunosPage`...).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMetaMethod,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.database_info import DatabaseInfo
from escola_gui.gui.file_actions import FileActions
from escola_gui.gui.pages.record_list import RecordTab
from escola_gui.gui.toolkit import messages, read_only
from escola_gui.gui.toolkit.read_only import keep_disabled
from escola_gui.gui.toolkit.settings import settings

# Nothing here imports SQLAlchemy: the window paints its first rows before the services exist
# (MainWindow.first_paint, then attach). The services, the backups and each page's module are
# imported where they are used, which is after that.
if TYPE_CHECKING:
    from escola_gui.core.services import Services
    from escola_gui.gui.idle_backup import IdleBackup
    from escola_gui.gui.pages import primeiros_passos
    from escola_gui.gui.pages.alunos import AlunosPage
    from escola_gui.gui.pages.alunos_model import AlunoPagedService
    from escola_gui.gui.pages.configuracoes import ConfiguracoesPage
    from escola_gui.gui.pages.cursos import CursosPage
    from escola_gui.gui.pages.diario.page import FrequenciaPage, NotasPage
    from escola_gui.gui.pages.lixeira import LixeiraPage
    from escola_gui.gui.pages.matriculas import MatriculasPage
    from escola_gui.gui.pages.relatorios import RelatoriosPage
    from escola_gui.gui.pages.turmas import TurmasPage

_log = logging.getLogger(__name__)

GEOMETRY_KEY = "main_window/geometry"
STATUS_MESSAGE_MS = 15_000
READ_ONLY_BANNER_STYLE = (
    "QLabel { background: #fff3cd; color: #5c4400; border-bottom: 1px solid #e0c872; padding: 8px 12px; }"
)
# Refreshed each time they are shown. Configurações is not among them: its own edits, not yet
# saved, must survive a page change.
PAGES_REFRESHED_ON_SHOW = ("turmas", "notas", "frequencia", "relatorios", "lixeira")
# Read when first shown, not at launch: until then a refresh of Cursos or Matrículas only
# remembers the record to select (MainWindow._defer_refresh).
PAGES_READ_WHEN_FIRST_SHOWN = ("cursos", "matriculas", "configuracoes")


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


PageT = TypeVar("PageT", bound=QWidget)


class _Page(Generic[PageT]):
    """``window.turmas_page``: the page, built (its module imported) the first time it is
    asked for (:meth:`MainWindow._page`)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __get__(self, window: MainWindow | None, owner: type[MainWindow] | None = None) -> PageT:
        if window is None:  # on the class: the descriptor itself
            return self  # type: ignore[return-value]
        return window._page(self.key)  # type: ignore[no-any-return]


@dataclass
class _PageSlot:
    """A page's place in the sidebar and the stack: a placeholder until the page is built."""

    key: str
    build: Callable[[], QWidget]
    placeholder: QWidget
    page: QWidget | None = None


class MainWindow(QMainWindow):
    """Escola's main window over the given services and open database.

    ``restore_requested`` carries the path of the backup the secretary chose to restore;
    whoever opened the window (the Launcher) restores it and opens a new window. Arquivo →
    Restaurar backup… is shown only while something is connected to it.
    """

    restore_requested = Signal(object)  # Path of the backup
    downgrade_requested = Signal(str)  # the release to take the file back to ("1.0")

    alunos_tab: _Page[AlunosPage] = _Page("alunos")
    turmas_page: _Page[TurmasPage] = _Page("turmas")
    notas_page: _Page[NotasPage] = _Page("notas")
    frequencia_page: _Page[FrequenciaPage] = _Page("frequencia")
    relatorios_page: _Page[RelatoriosPage] = _Page("relatorios")
    cursos_tab: _Page[CursosPage] = _Page("cursos")
    matriculas_tab: _Page[MatriculasPage] = _Page("matriculas")
    configuracoes_page: _Page[ConfiguracoesPage] = _Page("configuracoes")
    lixeira_page: _Page[LixeiraPage] = _Page("lixeira")

    def __init__(
        self,
        services: Services | None,
        info: DatabaseInfo,
        parent: QWidget | None = None,
        *,
        alunos_source: AlunoPagedService | None = None,
    ) -> None:
        """The window over ``services``; or, with ``services`` None, its first paint over
        ``alunos_source`` (see :meth:`first_paint`) until :meth:`attach`."""
        super().__init__(parent)
        self._services = services
        self._alunos_source = alunos_source
        self._info = info
        # Closing before the services came (a copied file still being checked) makes no backup.
        self._backup_on_close = services is not None
        self.checking = False
        self.idle_backup: IdleBackup | None = None
        self.read_only_reason: str | None = None
        self.primeiros_passos: primeiros_passos.PrimeirosPassosDock | None = None
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Escola — Secretaria"))
        self.undo_group = QUndoGroup(self)
        self.file_actions = FileActions(info.path, self, self._show_message)
        self.file_actions.restore_chosen.connect(self._request_restore)
        self.file_actions.downgrade_chosen.connect(self._request_downgrade)

        self._not_loaded: dict[str, int | None] = dict.fromkeys(PAGES_READ_WHEN_FIRST_SHOWN)
        self._slots: dict[str, _PageSlot] = {}
        self.navegacao = QListWidget()
        self.navegacao.setObjectName("navegacao")
        self.navegacao.setAccessibleName(self.tr("Páginas"))
        self.pages = QStackedWidget()
        self.pages.setObjectName("paginas")
        for key, title, build in (
            ("alunos", self.tr("Alunos"), self._build_alunos),
            ("turmas", self.tr("Turmas"), self._build_turmas),
            ("notas", self.tr("Notas"), self._build_notas),
            ("frequencia", self.tr("Frequência"), self._build_frequencia),
            ("relatorios", self.tr("Relatórios"), self._build_relatorios),
            ("cursos", self.tr("Cursos"), self._build_cursos),
            ("matriculas", self.tr("Matrículas em cursos"), self._build_matriculas),
            ("configuracoes", self.tr("Configurações"), self._build_configuracoes),
            ("lixeira", self.tr("Lixeira"), self._build_lixeira),
        ):
            placeholder = QWidget()
            placeholder.setObjectName(f"{key}_por_abrir")
            self._slots[key] = _PageSlot(key, build, placeholder)
            self.pages.addWidget(placeholder)
            self.navegacao.addItem(title)
        self.navegacao.setCurrentRow(0)
        self.navegacao.setFixedWidth(self.navegacao.sizeHintForColumn(0) + 32)
        self.navegacao.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self._page("alunos")  # shown at launch: built now
        self.pages.setCurrentIndex(0)
        self.navegacao.currentRowChanged.connect(self._show_row)
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

        self._create_actions()
        self._create_status_bar()
        if services is not None:
            self._create_idle_backup()
        self.resize(960, 600)
        self._restore_geometry()
        # The Alunos list read its first page when its sort was set (RecordTab): only its columns are
        # left to fit. The other lists wait until they are shown (_not_loaded).
        if self.alunos_tab.model.rowCount():
            self.alunos_tab.fit_columns()
        else:
            self.refresh_all()
        _freeze_startup_objects()

    # --- the first paint, then the services ---------------------------------------------

    @classmethod
    def first_paint(cls, info: DatabaseInfo, alunos_source: AlunoPagedService) -> MainWindow:
        """The window as the launch first shows it, before SQLAlchemy is imported: the shell
        (sidebar, menus, status bar) and the Alunos list read from ``alunos_source``
        (:class:`~escola_gui.core.first_page.EarlyAlunoSource`). Nothing can be changed yet: the
        actions that write, print, export or open another page are off, and another page chosen
        in the sidebar shows once the services come (:meth:`attach`)."""
        return cls(None, info, alunos_source=alunos_source)

    @property
    def attached(self) -> bool:
        """Whether the window has its services (the launch attaches them after the first paint)."""
        return self._services is not None

    def attach(self, services: Services) -> None:
        """The services are built: the Alunos list reads through them from now on (the rows
        shown stay, selected and scrolled as they were), the actions wake up, the day's automatic
        backup is set up, and a page chosen in the sidebar meanwhile is built and shown."""
        if self._services is not None:
            raise RuntimeError("the main window already has its services")
        self._services = services
        self._backup_on_close = True
        self.alunos_tab.attach(self._alunos_services(services))
        self._create_idle_backup()
        for action in self._actions_needing_services():
            action.setEnabled(True)
        self._update_actions()
        index = self.pages.currentIndex()
        if self.pages.widget(index) is not self.alunos_tab:
            self._on_page_changed(index)
        gc.freeze()  # the services' modules and mappings too (see _freeze_startup_objects)

    def set_checking(self, checking: bool) -> None:
        """A copied file's pages are being checked (launch_check.PageCheck): the status bar says
        so while it lasts; the window has no services meanwhile, so nothing can be changed."""
        self.checking = checking
        if checking:
            self.statusBar().showMessage(
                self.tr("Verificando o arquivo… Enquanto isso, é possível consultar a lista, mas não alterar nada.")
            )
        else:
            self.statusBar().showMessage(self.tr("Arquivo verificado."), STATUS_MESSAGE_MS)

    def _actions_needing_services(self) -> list[QAction]:
        return [
            self.action_novo_aluno,
            self.action_novo_curso,
            self.action_nova_matricula,
            self.action_importar_alunos,
            self.action_exportar_alunos,
            self.action_backup_agora,
            self.action_salvar_copia,
            self.action_restaurar_backup,
            self.action_voltar_versao,
            self.action_relatorios,
            self.action_primeiros_passos,
        ]

    # --- the pages --------------------------------------------------------------------

    def _page(self, key: str) -> Any:
        """The page ``key``, built (its module imported) the first time it is asked for."""
        slot = self._slots[key]
        if slot.page is None:
            page = slot.build()
            slot.page = page
            index = self.pages.indexOf(slot.placeholder)
            was_current = self.pages.currentIndex() == index
            self.pages.blockSignals(True)
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(slot.placeholder)
            if was_current:
                self.pages.setCurrentWidget(page)
            self.pages.blockSignals(False)
            slot.placeholder.deleteLater()
            if isinstance(page, RecordTab):
                page.selection_changed.connect(self._update_actions)
                page.mensagem.connect(self._show_message)
            if self.read_only_reason is not None and key != "relatorios":
                page.set_read_only(True)  # type: ignore[attr-defined]
        return slot.page

    def _built(self, key: str) -> Any:
        """The page ``key`` if it was built, else None (never builds it)."""
        return self._slots[key].page

    def _key_of(self, page: QWidget) -> str | None:
        return next((key for key, slot in self._slots.items() if page in (slot.page, slot.placeholder)), None)

    def _build_alunos(self) -> AlunosPage:
        from escola_gui.gui.pages.alunos import AlunosPage

        s = self._services
        source = s.alunos if s is not None else self._alunos_source
        assert source is not None
        page = AlunosPage(source)
        if s is not None:
            page.attach(self._alunos_services(s))
        page.changed.connect(self._after_alunos_changed)
        page.show_requested.connect(lambda: self.show_page(page))
        return page

    @staticmethod
    def _alunos_services(s: Services) -> Any:
        from escola_gui.gui.pages.alunos import AlunosServices

        return AlunosServices(
            alunos=s.alunos,
            responsaveis=s.responsaveis,
            turmas=s.turmas,
            diario=s.diario,
            historicos_externos=s.historicos_externos,
            auditoria=s.auditoria,
            relatorios=s.relatorios,
            planilhas=s.planilhas,
        )

    def _after_alunos_changed(self) -> None:
        # The other lists show the alunos' nomes; a deleted aluno's matrículas go too.
        self.refresh_matriculas()
        self.refresh_cursos()
        if self.primeiros_passos is not None:
            self.primeiros_passos.refresh()

    def _build_cursos(self) -> CursosPage:
        from escola_gui.gui.pages.cursos import CursosPage

        page = CursosPage(self._services.cursos)
        page.changed.connect(self.refresh_matriculas)  # the cursos' nomes
        return page

    def _build_matriculas(self) -> MatriculasPage:
        from escola_gui.gui.pages.matriculas import MatriculasPage

        page = MatriculasPage(self._services.matriculas)
        page.changed.connect(self.refresh_cursos)  # the count of matrículas per curso
        return page

    def _build_turmas(self) -> TurmasPage:
        from escola_gui.gui.pages.turmas import TurmasPage

        s = self._services
        # Read when first shown (refreshed on every show): not at launch.
        page = TurmasPage(s.turmas, s.anos_letivos, s.disciplinas, load=False, movimentacoes=s.movimentacoes)
        page.configurar_requested.connect(self.show_anos_letivos)
        return page

    def _build_notas(self) -> NotasPage:
        from escola_gui.gui.pages.diario.page import NotasPage

        s = self._services
        return self._diario_page(NotasPage(s.turmas, s.anos_letivos, s.diario))

    def _build_frequencia(self) -> FrequenciaPage:
        from escola_gui.gui.pages.diario.page import FrequenciaPage

        s = self._services
        return self._diario_page(FrequenciaPage(s.turmas, s.anos_letivos, s.diario))

    def _diario_page(self, page: Any) -> Any:
        page.configurar_requested.connect(self.show_anos_letivos)
        page.turmas_requested.connect(lambda: self.show_page(self.turmas_page))
        # Desfazer/Refazer follow the history of the page shown (see _create_actions).
        self.undo_group.addStack(page.undo_stack)
        return page

    def _build_relatorios(self) -> RelatoriosPage:
        from escola_gui.gui.pages.relatorios import RelatoriosPage

        s = self._services
        page = RelatoriosPage(s.relatorios, s.turmas, s.alunos)
        page.pdf_saved.connect(self._after_pdf_saved)
        return page

    def _build_configuracoes(self) -> ConfiguracoesPage:
        from escola_gui.gui.pages.configuracoes import ConfiguracoesPage

        s = self._services
        return ConfiguracoesPage(
            s.escola,
            s.anos_letivos,
            s.disciplinas,
            load=False,
            encerramento=s.encerramento,
            etapas=s.etapas,
            rematricula=s.rematricula,
            regras=s.regras,
        )

    def _build_lixeira(self) -> LixeiraPage:
        from escola_gui.gui.pages.lixeira import LixeiraPage

        page = LixeiraPage(self._services.lixeira)
        page.restaurado.connect(lambda _tipo: self.refresh_all())
        page.mensagem.connect(self._show_message)
        return page

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    # --- building ---------------------------------------------------------------------

    def _create_actions(self) -> None:
        menu_arquivo = self.menuBar().addMenu(self.tr("&Arquivo"))
        self.menu_arquivo = menu_arquivo
        menu_arquivo.aboutToShow.connect(self._update_restore_action)
        self.action_novo_aluno = QAction(self.tr("&Novo aluno…"), self)
        self.action_novo_aluno.setObjectName("action_novo_aluno")
        self.action_novo_aluno.setShortcut(QKeySequence("Ctrl+N"))
        self.action_novo_aluno.triggered.connect(lambda: self._new_record(self.alunos_tab))
        self.action_novo_curso = QAction(self.tr("Novo &curso…"), self)
        self.action_novo_curso.triggered.connect(lambda: self._new_record(self.cursos_tab))
        self.action_nova_matricula = QAction(self.tr("Nova &matrícula…"), self)
        self.action_nova_matricula.triggered.connect(lambda: self._new_record(self.matriculas_tab))
        self.action_importar_alunos = QAction(self.tr("&Importar alunos…"), self)
        self.action_importar_alunos.setObjectName("action_importar_alunos")
        self.action_importar_alunos.setShortcut(QKeySequence("Ctrl+I"))
        self.action_importar_alunos.setStatusTip(self.tr("Cadastra ou atualiza alunos a partir de uma planilha"))
        self.action_importar_alunos.triggered.connect(lambda: self.alunos_tab.import_alunos())
        self.action_exportar_alunos = QAction(self.tr("E&xportar alunos…"), self)
        self.action_exportar_alunos.setObjectName("action_exportar_alunos")
        self.action_exportar_alunos.setShortcut(QKeySequence("Ctrl+E"))
        self.action_exportar_alunos.setStatusTip(self.tr("Grava a lista de alunos em uma planilha"))
        self.action_exportar_alunos.triggered.connect(lambda: self.alunos_tab.export_alunos())
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
        self.action_backup_agora.triggered.connect(self.file_actions.back_up_now_and_offer_a_copy)
        self.action_salvar_copia = QAction(self.tr("Salvar uma &cópia em outro lugar…"), self)
        self.action_salvar_copia.setObjectName("action_salvar_copia")
        self.action_salvar_copia.setStatusTip(
            self.tr("Grava uma cópia verificada do arquivo de dados onde você escolher, como um pen drive")
        )
        self.action_salvar_copia.triggered.connect(self.file_actions.save_copy_elsewhere)
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
        # (Notas, Frequência, which add theirs when built): "Desfazer Nota de Ana Souza em
        # Matemática, 1º bimestre".
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
        self.action_ficha_aluno.triggered.connect(lambda: self.alunos_tab.ficha_button.click())
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
        from escola_gui.gui.idle_backup import IdleBackup
        from escola_gui.storage.file import backups

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
        from html import escape

        self.backup_warning.setText(
            self.tr(
                "<b>Sem cópias de segurança</b> — as cópias automáticas deste arquivo não podem ser feitas: "
                "{reason}. Os dados continuam gravados no arquivo, mas sem cópia. Corrija isso, ou use "
                "Arquivo → Salvar uma cópia em outro lugar."
            ).format(reason=escape(reason))
        )
        self.backup_warning.setVisible(self.read_only_reason is None)

    def _idle_backup_failed(self) -> None:
        from escola_gui.storage.file import backups

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
        from html import escape

        from escola_gui.storage.file import backups

        self.read_only_reason = reason
        self.setProperty(read_only.PROPERTY, True)
        self.banner.setText(
            self.tr(
                "<b>Somente leitura</b> — este arquivo não pode ser gravado: {reason}. As alterações estão "
                "desativadas; é possível consultar, imprimir e exportar, mas nada é gravado."
            ).format(reason=escape(reason))
        )
        self.banner.setVisible(True)
        for key, slot in self._slots.items():  # the pages built later are told as they are built (_page)
            if slot.page is not None and key != "relatorios":
                slot.page.set_read_only(True)  # type: ignore[attr-defined]
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
        messages.show_error(self, title, read_only.message())
        return True

    # --- state ------------------------------------------------------------------------

    def show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)

    # --- primeiros passos ---------------------------------------------------------------

    def offer_first_steps(self) -> bool:
        """At launch: the first-run guide, for a file with no data that can be written, unless
        the secretary closed the guide before. Returns whether it is shown."""
        from escola_gui.gui.pages import primeiros_passos

        if self.read_only_reason is not None or primeiros_passos.dismissed():
            return False
        if not primeiros_passos.is_empty(self._services):
            return False
        self.show_first_steps()
        return True

    def show_first_steps(self) -> None:
        """Ajuda → Primeiros passos: the guide at the right; each step opens its own screen."""
        from escola_gui.gui.pages import primeiros_passos

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
                primeiros_passos.ALUNOS: self.alunos_tab.import_alunos,
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

    def _show_row(self, row: int) -> None:
        """A page chosen in the sidebar: built if it is shown for the first time, then shown
        (before the services, its placeholder is shown: :meth:`attach` builds it)."""
        if 0 <= row < len(self._slots):
            slot = self._slots[list(self._slots)[row]]
            if self._services is None and slot.page is None:
                self.pages.setCurrentWidget(slot.placeholder)
                return
            self.pages.setCurrentWidget(self._page(slot.key))

    def _on_page_changed(self, index: int) -> None:
        page = self.pages.widget(index)
        key = self._key_of(page)
        if key is None:
            return
        if page is self._slots[key].placeholder:  # shown by its index: built now
            if self._services is None:  # built once the services come (attach)
                self.navegacao.setCurrentRow(index)
                self._update_actions()
                return
            page = self._page(key)
        self.navegacao.setCurrentRow(index)
        self.undo_group.setActiveStack(getattr(page, "undo_stack", None))
        if key in PAGES_REFRESHED_ON_SHOW:
            # What another page changed (a turma, an ano letivo, an aluno) shows here at once.
            self._guarded(page.refresh)
        elif key in self._not_loaded:
            select_id = self._not_loaded.pop(key)
            if isinstance(page, RecordTab):
                page.refresh(select_id)  # type: ignore[attr-defined]
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
        # Before the services nothing is edited, deleted, printed or exported.
        has_selection = self._services is not None and tab is not None and tab.selected_id() is not None
        self.action_editar.setEnabled(has_selection)
        self.action_excluir.setEnabled(has_selection)
        self.action_ficha_aluno.setEnabled(tab is not None and tab is self._built("alunos") and has_selection)
        self.action_exportar_lista.setEnabled(self._services is not None and self.current_list() is not None)
        if self._services is None:
            for action in self._actions_needing_services():
                action.setEnabled(False)
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
        self.alunos_tab.refresh(select_id)

    def refresh_cursos(self, select_id: int | None = None) -> None:
        if not self._defer_refresh("cursos", select_id):
            self.cursos_tab.refresh(select_id)

    def refresh_matriculas(self, select_id: int | None = None) -> None:
        if not self._defer_refresh("matriculas", select_id):
            self.matriculas_tab.refresh(select_id)

    def _defer_refresh(self, key: str, select_id: int | None) -> bool:
        """True when the page ``key`` has not been shown yet: it is read when first shown,
        selecting the last record asked for here."""
        if key not in self._not_loaded:
            return False
        if select_id is not None:
            self._not_loaded[key] = select_id
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
            messages.report_unexpected_error(self)
            return False
        return True

    # --- the menus' record actions: the page concerned acts ------------------------------

    def _new_record(self, page: Any) -> None:
        """Arquivo → Novo aluno/curso/matrícula: show the list, and open its empty form."""
        self.show_page(page)
        page.new()

    def current_list(self) -> tuple[QAbstractItemModel, str] | None:
        """The list the current page shows, as its view orders and filters it, and a file name."""
        from escola_gui.core.relatorios.formatacao import file_name_part

        page = self.pages.currentWidget()
        if isinstance(page, RecordTab):
            return page.proxy, f"{page.objectName()}.xlsx"
        turmas = self._built("turmas")
        if turmas is not None and page is turmas:
            turma = turmas.selected_turma()
            if turma is not None:
                return turmas.roster_proxy, f"turma-{file_name_part(turma.nome)}-{turma.ano}.xlsx"
            return turmas.turma_proxy, "turmas.xlsx"
        key = self._key_of(page)
        if key in ("notas", "frequencia") and page is self._built(key) and page.showing_grid:  # type: ignore[attr-defined]
            kind = "notas" if key == "notas" else "frequencia"
            name = file_name_part(f"{kind} {page.turma_combo.currentText()} {page.disciplina_combo.currentText()}")  # type: ignore[attr-defined]
            name += ".xlsx"
            return page.table.model(), name  # type: ignore[attr-defined]
        return None

    def export_current_list(self) -> None:
        from escola_gui.gui import exportar

        found = self.current_list()
        page = self.pages.currentWidget()
        # A list read a page at a time reads the rest here, when asked: current_list() also runs
        # for every action update.
        if found is not None and isinstance(page, RecordTab) and not page.full_list():
            return
        if found is None:
            self.statusBar().showMessage(self.tr("Esta página não mostra uma lista para exportar."), STATUS_MESSAGE_MS)
            return
        model, name = found
        path = exportar.export_model(self, model, name)
        if path is not None:
            self.statusBar().showMessage(exportar.exported_message(model, path), STATUS_MESSAGE_MS)

    # --- reports ----------------------------------------------------------------------

    def _after_pdf_saved(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("PDF salvo em {path}.").format(path=path), STATUS_MESSAGE_MS)

    # --- help and closing -------------------------------------------------------------

    def about_text(self) -> str:
        from html import escape

        return self.tr(
            "<p><b>Escola</b> {version}</p>"
            "<p>Registros escolares da secretaria: alunos, turmas, notas, frequência, boletins e histórico.</p>"
            "<p>Revisão do esquema: {rev}<br>Banco de dados: {path}<br>Registro (log): {log}</p>"
        ).format(
            version=escape(self._info.app_version),
            rev=escape(self._info.revision),
            path=escape(str(self._info.path)),
            log=escape(str(self._info.log_path)),
        )

    def show_about(self) -> None:
        messages.show_about(self, self.tr("Sobre o Escola"), self.about_text())

    def _restore_geometry(self) -> None:
        geometry = settings().value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))

    # --- the file: backups, restore, downgrade (gui/file_actions.py) --------------------

    def choose_backup_to_restore(self) -> None:
        """Arquivo → Restaurar backup…: only with a Launcher to restore it, and never read-only."""
        if self._can_restore() and not self._refuse_if_read_only(self.tr("Restaurar backup")):
            self.file_actions.choose_backup_to_restore()

    def _request_restore(self, backup: Path) -> None:
        self.stop_background_work()
        self.restore_requested.emit(backup)

    def stop_background_work(self) -> None:
        """Before the file is replaced (restore, downgrade): no more idle backups, and wait for
        one under way, so that nobody replaces a file while it is being copied."""
        if self.idle_backup is not None:
            self.idle_backup.stop()

    def resume_background_work(self) -> None:
        """The file was not replaced after all (a refused restore, a failed downgrade)."""
        if self.idle_backup is not None:
            self.idle_backup.resume()

    def choose_version_to_downgrade(self) -> None:
        """Arquivo → Voltar para uma versão anterior…: only with a Launcher to do it."""
        if self._can_downgrade():
            self.file_actions.choose_version_to_downgrade()

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
        settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        if self.idle_backup is not None:
            self.idle_backup.stop()  # an idle-time copy under way finishes first
        if self._backup_on_close:
            self.file_actions.automatic_backup()
        super().closeEvent(event)
