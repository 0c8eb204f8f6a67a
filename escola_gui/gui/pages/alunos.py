"""The Alunos page: the list of every aluno (100,000 of them in a large office) and what is done
to them.

The list is a :class:`~escola_gui.gui.pages.alunos_model.LazyAlunoTableModel`, read a page at a
time, searched (in a worker, started from the key's handler: a newer keystroke stops the reads
under way and drops their results; the count follows once the typing pauses) and sorted in SQL.
Under it: "Mostrar inativos" and the count ("1.234 alunos"). Its buttons: Novo, Editar, Excluir
(the question says what goes along: the school years, the years at other schools, the matrículas
em cursos, the responsáveis of this aluno alone) and Ficha… (the print preview of the aluno's
ficha). Arquivo → Importar/Exportar alunos come here too
(:meth:`AlunosPage.import_alunos`, :meth:`AlunosPage.export_alunos`): they act on this list.

The first paint, before the services
------------------------------------
The page is built in two steps, so that its first rows can be painted before SQLAlchemy and the
core's ORM modules are imported:

1. ``AlunosPage(source)``: ``source`` is anything with the three reads of
   :class:`~escola_gui.gui.pages.alunos_model.AlunoPagedService` (``page``, ``count``,
   ``position``). Its rows need only the attributes the list shows (``id``, ``nome``, ``ra``,
   ``email``, ``cpf``, ``telefones``, ``data_nascimento``, ``ativo``). The list reads, searches,
   sorts and scrolls; Novo, Editar, Excluir and Ficha… stay off and the Arquivo actions that
   come here do nothing, until
2. ``attach(services)`` gives the page an :class:`AlunosServices` (what it uses of the core,
   and nothing else): later reads go to ``services.alunos``, the rows already shown stay (unless
   a search was typed: it runs again, since the first source need not search).

This module imports neither SQLAlchemy nor the core's ORM modules (a test checks it in a fresh
process): the forms, the dialogs, the printing and the core's errors are imported where they are
used, which is after :meth:`AlunosPage.attach`.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QCheckBox, QHeaderView, QLabel, QWidget

from escola_gui.core.text import format_count
from escola_gui.gui.pages.alunos_model import ALUNO_SORT_KEYS, AlunoPagedService, LazyAlunoTableModel
from escola_gui.gui.pages.record_list import RecordTab, matriculas_clause
from escola_gui.gui.toolkit import read_only
from escola_gui.gui.toolkit.text import translate

if TYPE_CHECKING:
    from escola_gui.core.alunos import AlunoService
    from escola_gui.core.auditoria import AuditoriaService
    from escola_gui.core.diario import DiarioService
    from escola_gui.core.historico_externo import HistoricoExternoService
    from escola_gui.core.importacao.results import ImportResult
    from escola_gui.core.planilha_service import PlanilhaService
    from escola_gui.core.planilhas import Table
    from escola_gui.core.relatorios.service import RelatorioService
    from escola_gui.core.responsaveis import ResponsavelService
    from escola_gui.core.turmas import DependentesEnturmacoes, TurmaService
    from escola_gui.gui.forms.aluno import AlunoDialog
    from escola_gui.gui.import_dialog import ImportDialog

_log = logging.getLogger(__name__)

EXPORT_DEFAULT_NAME = "alunos.xlsx"
# The Alunos list searches the file on its indexes in a worker, at once (from the key's handler,
# the field's timer left aside): a newer keystroke makes the query under way stale (stopped, its
# result dropped) and the queued ones are skipped.
LAZY_SEARCH_DELAY_MS = 0


@dataclass(frozen=True)
class AlunosServices:
    """What the Alunos page uses of the core: the aluno form's services, the ficha's and the
    spreadsheets'."""

    alunos: AlunoService
    responsaveis: ResponsavelService
    turmas: TurmaService
    diario: DiarioService
    historicos_externos: HistoricoExternoService
    auditoria: AuditoriaService
    relatorios: RelatorioService
    planilhas: PlanilhaService


#: Rows whose texts size the list's columns (a screen shows about 20).
FIT_ROWS = 25


class AlunosPlurais(QObject):
    """The Alunos page's %n texts. lupdate marks a text as having plural forms only when it is
    read through tr(), so they live here (context "AlunosPlurais")."""

    def matriculas_em_turma(self, n: int) -> str:
        return self.tr("%n matrícula(s) em turma", "", n)

    def notas(self, n: int) -> str:
        return self.tr("%n nota(s)", "", n)

    def registros_de_frequencia(self, n: int) -> str:
        return self.tr("%n registro(s) de frequência", "", n)

    def anos_em_outras_escolas(self, n: int) -> str:
        return self.tr("Também serão excluídos %n ano(s) cursado(s) em outras escolas, do histórico.", "", n)

    def exportados(self, n: int) -> str:
        return self.tr("%n aluno(s) exportado(s) para {path}.", "", n)


@functools.cache
def plurais() -> AlunosPlurais:
    return AlunosPlurais()


def alunos_count_text(total: int) -> str:
    """``"1 aluno"``, ``"1.234 alunos"``: the Alunos list's count, with the thousands separated."""
    if total == 1:
        return translate("RecordTab", "1 aluno")
    return translate("RecordTab", "{n} alunos").format(n=format_count(total))


def turmas_clause(dependentes: DependentesEnturmacoes) -> str:
    """The aluno's school years, which go with it: enturmações, notas and frequência."""
    if dependentes.enturmacoes == 0:
        return ""
    return " " + translate(
        "MainWindow", "Também serão excluídos o histórico nas turmas ({turmas}), {notas} e {frequencias}."
    ).format(
        turmas=plurais().matriculas_em_turma(dependentes.enturmacoes),
        # The Portuguese plural rule of Qt makes 0 singular (0 nota): none is said in words.
        notas=(plurais().notas(dependentes.notas) if dependentes.notas else translate("MainWindow", "nenhuma nota")),
        frequencias=(
            plurais().registros_de_frequencia(dependentes.frequencias)
            if dependentes.frequencias
            else translate("MainWindow", "nenhum registro de frequência")
        ),
    )


def externos_clause(count: int) -> str:
    """The years at other schools, from the histórico, which go with the aluno."""
    if count == 0:
        return ""
    return " " + plurais().anos_em_outras_escolas(count)


def responsaveis_clause(names: list[str]) -> str:
    """The responsáveis of this aluno alone, who are deleted with it."""
    if not names:
        return ""
    if len(names) == 1:
        return " " + translate(
            "MainWindow", "Também será excluído o responsável {nome}, que não tem outro aluno."
        ).format(nome=names[0])
    return " " + translate(
        "MainWindow", "Também serão excluídos os responsáveis {nomes}, que não têm outro aluno."
    ).format(nomes=", ".join(names))


class _SearchSignals(QObject):
    """What a search worker reports, delivered in the GUI thread."""

    done = Signal(int, str, int, object)  # generation, text, total, rows
    failed = Signal(int)


class AlunosPage(RecordTab):
    """The Alunos list, its search, "Mostrar inativos" and count, and what is done to an aluno.

    ``changed``: an aluno was saved, deleted or imported (the other lists show its nome and its
    matrículas). ``show_requested``: the page wants to be shown (an import done from elsewhere).
    """

    changed = Signal()
    show_requested = Signal()

    model: LazyAlunoTableModel
    _services: AlunosServices | None = None
    _read_only = False

    def __init__(self, source: AlunoPagedService, parent: QWidget | None = None) -> None:
        model = LazyAlunoTableModel(source)
        # The model sorts in SQL itself: it is its own proxy.
        super().__init__(
            "alunos",
            model,
            translate("MainWindow", "Buscar por nome…"),
            parent,
            proxy=model,
            search_delay_ms=LAZY_SEARCH_DELAY_MS,
        )
        self._search_pool = QThreadPool(self)
        self._search_pool.setMaxThreadCount(1)
        self._search_signals = _SearchSignals(self)
        self._search_signals.done.connect(self._on_search_done)
        self._search_signals.failed.connect(self._on_search_failed)
        # Each keystroke's search starts in the key's own handler, not at the next turn of the
        # event loop: the worker reads while this thread paints the key (and whatever else
        # came meanwhile, such as the count of the previous search).
        self.search.textChanged.disconnect(self._search_timer.start)
        self.search.textChanged.connect(self._on_text_changed)
        self.search.setToolTip(translate("MainWindow", "Busca pelo nome (sem ligar para acentos), CPF, e-mail ou RA"))

        # 100k rows: every row as high, none measured.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Columns fit the first rows (resizeColumnsToContents, which reads the rows to measure
        # from the horizontal header), never the pages below: a screen's worth, since each cell
        # measured asks data() six times before the first paint.
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.verticalHeader().setResizeContentsPrecision(50)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_sort_indicator)

        self.ficha_button = self.add_selection_button(translate("MainWindow", "Ficha…"), "ficha", self.show_ficha)
        self.ficha_button.setToolTip(
            translate("MainWindow", "Ficha do aluno selecionado, para imprimir ou salvar em PDF")
        )
        self.contagem: QLabel | None = None
        self.mostrar_inativos: QCheckBox | None = None
        self._add_count_and_filter()

        self.search_requested.connect(lambda _text: self.refresh())
        self.new_requested.connect(self.new)
        self.edit_requested.connect(self.edit)
        self.delete_requested.connect(self.delete)
        self._on_selection_changed()

    def attach(self, services: AlunosServices) -> None:
        """The services are ready: reads go to ``services.alunos`` from now on, and the
        buttons that write (or print) wake up."""
        self._services = services
        self.model.set_service(services.alunos)
        if self.search.text().strip():
            # Searched before: the first source may not search (sqlite3 alone has neither the
            # core's text folding nor its index's query), the services do.
            self.refresh()
        self._on_selection_changed()

    @property
    def attached(self) -> bool:
        return self._services is not None

    def _require(self) -> AlunosServices:
        if self._services is None:
            raise RuntimeError("the Alunos page has no services yet (attach)")
        return self._services

    # --- the list ---------------------------------------------------------------------

    def _add_count_and_filter(self) -> None:
        """How many alunos the list holds ("1.234 alunos"), and "Mostrar inativos", which
        asks the service's query to leave the inactive ones out when unchecked."""
        model = self.model
        self.mostrar_inativos = QCheckBox(translate("RecordTab", "Mostrar inativos"))
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
        keep = self.selected_id()
        self.model.set_ativos_only(not mostrar)
        if keep is not None:
            self.select_id(keep)

    def _update_count(self, *_args: object) -> None:
        if self.contagem is not None:
            self.contagem.setText(alunos_count_text(self.model.rowCount()))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = self._read_only or read_only
        super().set_read_only(read_only)

    def _on_selection_changed(self, *args: Any) -> None:
        super()._on_selection_changed(*args)
        if self._services is None:  # before attach: nothing is written or printed
            for button in (self.new_button, *self._selection_buttons):
                button.setEnabled(False)
        elif not self._read_only:
            self.new_button.setEnabled(True)

    def refresh(self, select_id: int | None = None) -> None:
        """Read the first page again, keeping ``select_id`` (or the one selected) selected."""
        self.guarded(lambda: self.reload_lazy(select_id))

    def reload_lazy(self, select_id: int | None = None) -> None:
        """Read the first page again from the file, keeping the selected record selected when
        it is still found."""
        keep = select_id if select_id is not None else self.selected_id()
        self.model.reload_from_service(self.search.text())
        if not self._columns_sized and self.model.rowCount():
            self._size_columns()  # from the first page only
        if keep is not None:
            self.select_id(keep)

    def _on_text_changed(self, _text: str) -> None:
        self._run_search()

    def _run_search(self) -> None:
        # A worker reads the file; a newer keystroke makes this search stale and its result is dropped.
        text = self.search.text()
        model = self.model
        generation = model.start_search()
        signals, reads = self._search_signals, model.reads

        def run() -> None:
            if generation != model.generation:
                return  # typed on while this one waited: never read
            try:
                # The first page is shown at once; the count, when that page does not tell it, after.
                with reads.running():  # stopped by the next keystroke
                    rows, total = model.first_page(text)
            except Exception:
                if not reads.stopped:
                    _log.exception("searching alunos failed")  # not the text: a name (LGPD)
                signals.failed.emit(generation)
                return
            signals.done.emit(generation, text, -1 if total is None else total, rows)

        self._search_pool.start(run)

    def _on_search_done(self, generation: int, text: str, total: int, rows: list[Any]) -> None:
        keep = self.selected_id()
        if self.model.apply_search(generation, text, len(rows) if total < 0 else total, rows):
            if total < 0:
                self.model.count_later(generation, text, after_typing=True)
            if not self._columns_sized and rows:
                self._size_columns()
            if keep is not None:
                self.select_id(keep, fetch=False)

    def _on_search_failed(self, generation: int) -> None:
        if generation == self.model.generation:
            self.search_requested.emit(self.search.text())  # read again, telling what failed

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

    def select_id(self, record_id: int, fetch: bool = True) -> bool:
        """Select ``record_id`` among the loaded rows, reading a few more pages to find it
        (unless ``fetch`` is False)."""
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
            self.model.start_search()  # a search already under way is stale
            self.search_requested.emit(self.search.text())

    def full_list(self) -> bool:
        """The whole list as shown, not only the rows scrolled past (to export it); read here,
        when asked. No partial list on a failure."""
        from escola_gui.gui.toolkit.messages import wait_cursor

        with wait_cursor():
            return self.guarded(self.model.fetch_all)

    # --- forms ------------------------------------------------------------------------

    def make_aluno_dialog(self, aluno_id: int | None) -> AlunoDialog:
        from escola_gui.gui.forms.aluno import AlunoDialog

        s = self._require()
        return AlunoDialog(
            s.alunos,
            aluno_id,
            self.window(),
            responsaveis=s.responsaveis,
            turmas=s.turmas,
            diario=s.diario,
            historicos=s.historicos_externos,
            auditoria=s.auditoria,
        )

    def new(self) -> None:
        if self.attached:
            self.open_form(lambda: self.make_aluno_dialog(None), self._after_saved)

    def edit(self, aluno_id: int) -> None:
        if self.attached:
            self.open_form(lambda: self.make_aluno_dialog(aluno_id), self._after_saved)

    def _after_saved(self, aluno_id: int | None) -> None:
        self.refresh(aluno_id)
        self.changed.emit()  # the Matrículas em cursos list shows the aluno's nome

    # --- deleting ---------------------------------------------------------------------

    def _turmas_do_aluno(self, aluno_id: int) -> DependentesEnturmacoes:
        turmas = self._require().turmas
        return turmas.dependentes_enturmacoes([e.id for e in turmas.enturmacoes_do_aluno(aluno_id)])

    def delete(self, aluno_id: int) -> None:
        """Ask, saying everything that goes with the aluno, then move it to the Lixeira."""
        if not self.attached:
            return
        s = self._require()
        row = next((r for r in self.model.rows() if r.id == aluno_id), None)
        count = self.count(lambda: s.alunos.count_dependents(aluno_id))
        names: list[list[str]] = []
        if row is None or count is None:
            return
        if not self.guarded(lambda: names.append(s.alunos.responsaveis_exclusivos(aluno_id))):
            return
        turmas: list[DependentesEnturmacoes] = []
        if not self.guarded(lambda: turmas.append(self._turmas_do_aluno(aluno_id))):
            return
        externos: list[int] = []
        if not self.guarded(lambda: externos.append(len(s.historicos_externos.list_for_aluno(aluno_id)))):
            return
        question = (
            translate("MainWindow", "Excluir o aluno {nome}?").format(nome=row.nome)
            + turmas_clause(turmas[0])
            + externos_clause(externos[0])
            + matriculas_clause(count)
            + responsaveis_clause(names[0])
            + " "
            + translate("MainWindow", "O aluno vai para a Lixeira e pode ser restaurado até a lixeira ser esvaziada.")
        )
        self.confirm_and_delete(
            question,
            lambda: s.alunos.delete(aluno_id),
            lambda: (self.refresh(), self.changed.emit()),
            translate("MainWindow", "Aluno {nome} movido para a Lixeira.").format(nome=row.nome),
        )

    # --- the ficha --------------------------------------------------------------------

    def show_ficha(self, aluno_id: int) -> None:
        """Open the print preview of the aluno's ficha, from which it is printed or saved as PDF."""
        if not self.attached:
            return
        from escola_gui.core.errors import RecordNotFoundError
        from escola_gui.gui import printing as reports
        from escola_gui.gui.toolkit import messages
        from escola_gui.gui.toolkit.messages import wait_cursor

        title = translate("MainWindow", "Ficha do aluno")
        try:
            with wait_cursor():
                documento = self._require().relatorios.ficha_do_aluno(aluno_id).documento()
                dialog = reports.print_preview(documento, self.window())
        except RecordNotFoundError:
            messages.show_error(
                self.window(), title, translate("MainWindow", "Este aluno não existe mais; talvez tenha sido excluído.")
            )
            self.refresh()
            return
        except Exception:
            messages.report_unexpected_error(self.window())
            return
        dialog.pdf_saved.connect(self.pdf_saved_message)

    def pdf_saved_message(self, path: str) -> None:
        self.mensagem.emit(translate("MainWindow", "PDF salvo em {path}.").format(path=path))

    # --- spreadsheets -----------------------------------------------------------------

    def make_import_dialog(self, table: Table) -> ImportDialog:
        from escola_gui.gui.import_dialog import ImportDialog

        return ImportDialog(self._require().planilhas, table, self.window())

    def import_alunos(self) -> None:
        """Ask for a spreadsheet, read it and open the preview; show the alunos once imported."""
        if not self.attached:
            return
        from escola_gui.core.errors import EscolaError
        from escola_gui.gui import exportar, import_dialog
        from escola_gui.gui.toolkit import messages
        from escola_gui.gui.toolkit.text import translate_error

        title = translate("MainWindow", "Importar alunos")
        parent = self.window()
        if self._read_only:  # the action is off; this is for a write reached another way
            messages.show_error(parent, title, read_only.message())
            return
        chosen = import_dialog.ask_open_spreadsheet(parent, title, exportar.remembered_folder())
        if not chosen:
            return
        exportar.remember_folder(Path(chosen))
        try:
            # Reading and checking a large file takes a moment; it is done before the dialog shows.
            with messages.wait_cursor():
                dialog = self.make_import_dialog(self._require().planilhas.read(chosen))
        except EscolaError as exc:
            messages.show_error(parent, title, translate_error(exc))
            return
        except Exception:
            messages.report_unexpected_error(parent)
            return
        dialog.accepted.connect(lambda: self._after_import(dialog.result_value))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _after_import(self, result: ImportResult | None) -> None:
        from escola_gui.gui.import_dialog import result_summary

        self.show_requested.emit()
        # A search typed earlier could hide the alunos just imported.
        self.search.clear()
        self.flush_search()
        self.refresh(result.inserted_ids[0] if result and result.inserted_ids else None)
        self.changed.emit()  # updated nomes
        if result is not None:
            self.mensagem.emit(result_summary(result))

    def export_alunos(self) -> None:
        """Ask where to save, then write every aluno there as .xlsx or .csv."""
        if not self.attached:
            return
        from escola_gui.core.errors import EscolaError
        from escola_gui.gui import exportar, import_dialog
        from escola_gui.gui.toolkit import messages
        from escola_gui.gui.toolkit.text import translate_error

        title = translate("MainWindow", "Exportar alunos")
        parent = self.window()
        suggested = str(Path(exportar.remembered_folder()) / EXPORT_DEFAULT_NAME)
        chosen, selected_filter = import_dialog.ask_save_spreadsheet(parent, title, suggested)
        if not chosen:
            return
        path = import_dialog.with_filter_extension(chosen, selected_filter)
        # The file dialog asked about replacing the name typed, not the one with the extension added.
        if str(path) != chosen and path.exists():
            question = translate("MainWindow", "O arquivo {name} já existe. Substituir?").format(name=path.name)
            if not messages.ask_yes_no(parent, title, question):
                return
        exportar.remember_folder(path)
        try:
            with messages.wait_cursor():
                count = self._require().planilhas.export_alunos(path)
        except EscolaError as exc:
            messages.show_error(parent, title, translate_error(exc))
            return
        except Exception:
            messages.report_unexpected_error(parent)
            return
        self.mensagem.emit(plurais().exportados(count).format(path=path))
