"""The Relatórios page: pick a report, pick whom it is for, then see it before printing.

The secretary chooses a report in the list on the left (each with a line saying what it
holds), then its target on the right: an aluno, found with the search field (boletim,
histórico escolar, atestado de matrícula, ficha do aluno), or a turma, chosen by ano letivo
(boletins da turma, ata de resultados finais). "Visualizar…" opens the print preview of
:mod:`escola_gui.gui.printing`, from which "Imprimir…" and "Salvar PDF…" work; "Boletins da
turma" is one document with every aluno's boletim, each from a new page.

"Visualizar…" stays disabled until there is a target. When there is nothing to print (an
aluno in no turma, a turma without alunos) the page says why in a message
(``messages.show_info``, which tests replace with ``monkeypatch``).
"""

from __future__ import annotations

import enum
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.alunos import AlunoService
from escola_gui.core.errors import NadaParaImprimirError, RecordNotFoundError
from escola_gui.core.relatorios import TRANSLATION_CONTEXT, Relatorio, RelatorioService, format_date
from escola_gui.core.turmas import TURNO_LABELS, EnturmacaoRow, TurmaRow, TurmaService
from escola_gui.gui.toolkit import background as workers
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.messages import wait_cursor

if TYPE_CHECKING:  # escola_gui.gui.printing (Qt's printing) is imported when a report is first made
    from escola_gui.gui.printing import ReportPreviewDialog

SEARCH_DELAY_MS = 200
# More alunos than this are not listed: the secretary narrows the search instead.
MAX_ALUNOS_LISTED = 300
ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
REPORT_LIST_WIDTH = 330


class Alvo(enum.Enum):
    """Whom a report is for."""

    ALUNO = "aluno"
    TURMA = "turma"


class Tipo(enum.StrEnum):
    """The reports of the page, in the order listed; the values name the list's items."""

    BOLETIM = "boletim"
    BOLETINS_TURMA = "boletins_turma"
    HISTORICO = "historico"
    ATESTADO = "atestado"
    FICHA = "ficha"
    ATA = "ata"

    @property
    def alvo(self) -> Alvo:
        return Alvo.TURMA if self in (Tipo.BOLETINS_TURMA, Tipo.ATA) else Alvo.ALUNO


@dataclass(frozen=True)
class _Entrada:
    tipo: Tipo
    titulo: str
    descricao: str


def _translate_core(text: str) -> str:
    return QCoreApplication.translate(TRANSLATION_CONTEXT, text)


class _ReportItem(QLabel):
    """A report in the list: its name in bold, and under it what it holds."""

    def __init__(self, entrada: _Entrada) -> None:
        super().__init__()
        self.entrada = entrada
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setContentsMargins(6, 5, 6, 5)
        self.set_selected(False)

    def set_selected(self, selected: bool) -> None:
        """Draw the text in the colours of a selected item (or not): the label has no state of its own."""
        palette = self.palette()
        if selected:
            color = muted = palette.color(QPalette.ColorRole.HighlightedText).name()
        else:
            text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
            color = text.name()
            # The description a step lighter (darker on a dark theme) than the name.
            muted = QColor(
                (2 * text.red() + base.red()) // 3,
                (2 * text.green() + base.green()) // 3,
                (2 * text.blue() + base.blue()) // 3,
            ).name()
        self.setText(
            f'<div style="color: {color};"><b>{html.escape(self.entrada.titulo)}</b></div>'
            f'<div style="color: {muted};">{html.escape(self.entrada.descricao)}</div>'
        )


class RelatoriosPage(QWidget):
    """Choose a report and its aluno or turma, then open the print preview.

    Emits ``pdf_saved`` with the path whenever a preview opened here saves a PDF.
    """

    pdf_saved = Signal(str)

    def __init__(
        self,
        relatorios: RelatorioService,
        turmas: TurmaService,
        alunos: AlunoService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("relatorios")
        self._relatorios = relatorios
        self._turmas = turmas
        self._alunos = alunos
        self._turma_rows: list[TurmaRow] = []
        self.preview: ReportPreviewDialog | None = None
        """The last preview opened (it deletes itself when closed)."""

        # --- the reports
        self.report_list = QListWidget()
        self.report_list.setObjectName("relatorios_lista")
        self.report_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.report_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.report_list.setSpacing(1)
        self._report_items: list[_ReportItem] = []
        for entrada in self._entradas():
            item = QListWidgetItem()  # the label shows the text; the item's own would show under it
            item.setData(KIND_ROLE, entrada.tipo.value)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entrada.titulo)
            item.setToolTip(entrada.descricao)
            label = _ReportItem(entrada)
            label.setFixedWidth(REPORT_LIST_WIDTH - 30)
            item.setSizeHint(QSize(REPORT_LIST_WIDTH - 30, label.heightForWidth(REPORT_LIST_WIDTH - 30)))
            self.report_list.addItem(item)
            self.report_list.setItemWidget(item, label)
            self._report_items.append(label)
        self.report_list.setFixedWidth(REPORT_LIST_WIDTH)
        reports_label = QLabel(self.tr("&Relatório"))
        reports_label.setBuddy(self.report_list)

        # --- an aluno
        self.aluno_search = QLineEdit()
        self.aluno_search.setObjectName("relatorios_busca_aluno")
        self.aluno_search.setPlaceholderText(self.tr("Buscar aluno por nome, RA, CPF ou e-mail…"))
        self.aluno_search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._reload_alunos)
        self.aluno_search.textChanged.connect(self._search_timer.start)
        self.aluno_list = QListWidget()
        self.aluno_list.setObjectName("relatorios_alunos")
        self.aluno_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.aluno_list.itemSelectionChanged.connect(self._on_aluno_changed)
        self.aluno_list.itemActivated.connect(lambda _item: self.visualizar())
        self.alunos_note = QLabel()
        self.alunos_note.setObjectName("relatorios_alunos_aviso")
        self.alunos_note.setWordWrap(True)
        self.enturmacao_combo = QComboBox()
        self.enturmacao_combo.setObjectName("relatorios_enturmacao")
        self.enturmacao_label = QLabel(self.tr("&Ano e turma:"))
        self.enturmacao_label.setBuddy(self.enturmacao_combo)
        enturmacao_row = QHBoxLayout()
        enturmacao_row.addWidget(self.enturmacao_label)
        enturmacao_row.addWidget(self.enturmacao_combo, 1)
        aluno_page = QWidget()
        aluno_layout = QVBoxLayout(aluno_page)
        aluno_layout.setContentsMargins(0, 0, 0, 0)
        aluno_layout.addWidget(self.aluno_search)
        aluno_layout.addWidget(self.aluno_list, 1)
        aluno_layout.addWidget(self.alunos_note)
        aluno_layout.addLayout(enturmacao_row)

        # --- a turma
        self.ano_combo = QComboBox()
        self.ano_combo.setObjectName("relatorios_ano_letivo")
        self.ano_combo.currentIndexChanged.connect(self._reload_turma_combo)
        self.turma_combo = QComboBox()
        self.turma_combo.setObjectName("relatorios_turma")
        self.turma_combo.setMinimumContentsLength(28)
        self.turma_combo.currentIndexChanged.connect(self._update_state)
        turma_page = QWidget()
        turma_form = QFormLayout(turma_page)
        turma_form.setContentsMargins(0, 0, 0, 0)
        turma_form.addRow(self.tr("Ano &letivo:"), self.ano_combo)
        turma_form.addRow(self.tr("&Turma:"), self.turma_combo)

        self.target_stack = QStackedWidget()
        self.target_stack.addWidget(aluno_page)
        self.target_stack.addWidget(turma_page)
        self._pages = {Alvo.ALUNO: aluno_page, Alvo.TURMA: turma_page}
        self.target_box = QGroupBox()
        self.target_box.setObjectName("relatorios_alvo")
        target_layout = QVBoxLayout(self.target_box)
        target_layout.addWidget(self.target_stack, 1)

        self.hint = QLabel()
        self.hint.setObjectName("relatorios_dica")
        self.hint.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("&Visualizar…"))
        self.preview_button.setObjectName("relatorios_visualizar")
        self.preview_button.setToolTip(self.tr("Abre o relatório para conferir, imprimir ou salvar em PDF"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.visualizar)
        self.save_button = QPushButton(self.tr("&Salvar PDF…"))
        self.save_button.setObjectName("relatorios_salvar_pdf")
        self.save_button.setToolTip(self.tr("Grava o relatório em um arquivo PDF sem abri-lo antes"))
        self.save_button.clicked.connect(self.salvar_pdf)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.preview_button)

        left = QVBoxLayout()
        left.addWidget(reports_label)
        left.addWidget(self.report_list, 1)
        right = QVBoxLayout()
        right.addWidget(self.target_box, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        self.report_list.currentRowChanged.connect(self._on_report_changed)
        self.report_list.setCurrentRow(0)

    def _entradas(self) -> list[_Entrada]:
        return [
            _Entrada(
                Tipo.BOLETIM,
                self.tr("Boletim escolar"),
                self.tr("Notas, faltas, frequência e situação de um aluno em um ano letivo."),
            ),
            _Entrada(
                Tipo.BOLETINS_TURMA,
                self.tr("Boletins da turma"),
                self.tr("O boletim de cada aluno da turma em um só PDF, cada aluno em uma nova página."),
            ),
            _Entrada(
                Tipo.HISTORICO,
                self.tr("Histórico escolar"),
                self.tr("Os anos letivos cursados, com a média final e a situação de cada disciplina."),
            ),
            _Entrada(
                Tipo.ATESTADO,
                self.tr("Atestado de matrícula"),
                self.tr("Declara que o aluno está matriculado na sua turma do ano letivo em andamento."),
            ),
            _Entrada(
                Tipo.FICHA,
                self.tr("Ficha do aluno"),
                self.tr("Dados pessoais, documentos, contatos, responsáveis e matrículas em cursos."),
            ),
            _Entrada(
                Tipo.ATA,
                self.tr("Ata de resultados finais"),
                self.tr("Médias, frequência e situação final de todos os alunos da turma, em paisagem."),
            ),
        ]

    # --- state ------------------------------------------------------------------------

    def current_tipo(self) -> Tipo | None:
        item = self.report_list.currentItem()
        return Tipo(item.data(KIND_ROLE)) if item is not None else None

    def current_titulo(self) -> str:
        row = self.report_list.currentRow()
        return self._report_items[row].entrada.titulo if row >= 0 else ""

    def select_report(self, tipo: Tipo | str) -> None:
        for row in range(self.report_list.count()):
            if self.report_list.item(row).data(KIND_ROLE) == Tipo(tipo).value:
                self.report_list.setCurrentRow(row)
                return

    def selected_aluno_id(self) -> int | None:
        items = self.aluno_list.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def select_aluno(self, aluno_id: int) -> bool:
        for row in range(self.aluno_list.count()):
            item = self.aluno_list.item(row)
            if item.data(ID_ROLE) == aluno_id:
                self.aluno_list.setCurrentItem(item)
                item.setSelected(True)
                self.aluno_list.scrollToItem(item)
                return True
        return False

    def selected_turma_id(self) -> int | None:
        return self.turma_combo.currentData() if self.turma_combo.currentIndex() >= 0 else None

    def select_turma(self, turma_id: int) -> bool:
        row = next((r for r in self._turma_rows if r.id == turma_id), None)
        if row is None:
            return False
        self.ano_combo.setCurrentIndex(max(0, self.ano_combo.findData(row.ano)))
        index = self.turma_combo.findData(turma_id)
        self.turma_combo.setCurrentIndex(index)
        return index >= 0

    def _on_report_changed(self, _row: int) -> None:
        for row, label in enumerate(self._report_items):
            label.set_selected(row == self.report_list.currentRow())
        tipo = self.current_tipo()
        if tipo is None:
            return
        self.target_stack.setCurrentWidget(self._pages[tipo.alvo])
        if tipo.alvo is Alvo.ALUNO:
            self.target_box.setTitle(self.tr("Para qual aluno"))
        else:
            self.target_box.setTitle(self.tr("Para qual turma"))
        boletim = tipo is Tipo.BOLETIM
        self.enturmacao_label.setVisible(boletim)
        self.enturmacao_combo.setVisible(boletim)
        self._update_state()

    def _update_state(self) -> None:
        tipo = self.current_tipo()
        if tipo is None:
            ready, hint = False, self.tr("Escolha um relatório na lista.")
        elif tipo.alvo is Alvo.ALUNO:
            ready = self.selected_aluno_id() is not None
            hint = "" if ready else self.tr("Escolha o aluno na lista (busque pelo nome, RA ou CPF).")
        elif not self._turma_rows:
            ready, hint = False, self.tr("Não há turmas cadastradas; cadastre-as na página Turmas.")
        else:
            ready = self.selected_turma_id() is not None
            hint = "" if ready else self.tr("Escolha o ano letivo e a turma.")
        self.preview_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.hint.setText(hint)

    # --- loading ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the alunos and turmas again, keeping what was chosen when it is still there."""
        try:
            self._reload_alunos()
            self._reload_turmas()
        except Exception:
            messages.report_unexpected_error(self)

    def _reload_alunos(self) -> None:
        self._search_timer.stop()
        keep = self.selected_aluno_id()
        rows = self._alunos.list(self.aluno_search.text())
        self.aluno_list.blockSignals(True)
        try:
            self.aluno_list.clear()
            for row in rows[:MAX_ALUNOS_LISTED]:
                text = self.tr("{nome} — RA {ra}").format(nome=row.nome, ra=row.ra)
                if not row.ativo:
                    text += " " + self.tr("(inativo)")
                item = QListWidgetItem(text)
                item.setData(ID_ROLE, row.id)
                self.aluno_list.addItem(item)
        finally:
            self.aluno_list.blockSignals(False)
        if len(rows) > MAX_ALUNOS_LISTED:
            self.alunos_note.setText(
                self.tr("Mostrando {n} de {total} alunos; refine a busca.").format(n=MAX_ALUNOS_LISTED, total=len(rows))
            )
        elif not rows:
            self.alunos_note.setText(
                self.tr("Nenhum aluno encontrado.")
                if self.aluno_search.text().strip()
                else self.tr("Nenhum aluno cadastrado.")
            )
        else:
            self.alunos_note.setText("")
        self.alunos_note.setVisible(bool(self.alunos_note.text()))
        if keep is None or not self.select_aluno(keep):
            self._on_aluno_changed()

    def _on_aluno_changed(self) -> None:
        aluno_id = self.selected_aluno_id()
        rows: list[EnturmacaoRow] = []
        if aluno_id is not None:
            try:
                rows = self._turmas.enturmacoes_do_aluno(aluno_id)
            except Exception:
                messages.report_unexpected_error(self)
        self.enturmacao_combo.clear()
        for row in rows:
            text = self.tr("{ano} — {turma}").format(ano=row.ano, turma=row.turma_nome)
            if row.data_saida is not None:
                text += " " + self.tr("(saiu em {data})").format(data=format_date(row.data_saida))
            self.enturmacao_combo.addItem(text, row.id)
        if rows:
            # As the CLI chooses: the latest year, the turma the aluno is still in.
            ultimo = max(r.ano for r in rows)
            best = max((r for r in rows if r.ano == ultimo), key=lambda r: (r.ativa, r.data_entrada, r.id))
            self.enturmacao_combo.setCurrentIndex(self.enturmacao_combo.findData(best.id))
            self.enturmacao_combo.setPlaceholderText("")
        else:
            placeholder = self.tr("Não está em nenhuma turma") if aluno_id is not None else ""
            self.enturmacao_combo.setPlaceholderText(placeholder)
            self.enturmacao_combo.setCurrentIndex(-1)
        self.enturmacao_combo.setEnabled(bool(rows))
        self._update_state()

    def _reload_turmas(self) -> None:
        keep = self.selected_turma_id()
        keep_ano = self.ano_combo.currentData()
        self._turma_rows = self._turmas.list()
        anos = sorted({row.ano for row in self._turma_rows}, reverse=True)
        self.ano_combo.blockSignals(True)
        try:
            self.ano_combo.clear()
            for ano in anos:
                self.ano_combo.addItem(str(ano), ano)
            index = self.ano_combo.findData(keep_ano) if keep_ano is not None else -1
            self.ano_combo.setCurrentIndex(index if index >= 0 else (0 if anos else -1))
        finally:
            self.ano_combo.blockSignals(False)
        self.ano_combo.setEnabled(bool(anos))
        self._reload_turma_combo()
        if keep is not None:
            self.turma_combo.setCurrentIndex(self.turma_combo.findData(keep))

    def _reload_turma_combo(self) -> None:
        ano = self.ano_combo.currentData()
        self.turma_combo.blockSignals(True)
        try:
            self.turma_combo.clear()
            for row in self._turma_rows:
                if row.ano == ano:
                    turno = QCoreApplication.translate("validation", TURNO_LABELS.get(row.turno, row.turno))
                    alunos = self.tr("1 aluno") if row.alunos == 1 else self.tr("{n} alunos").format(n=row.alunos)
                    text = self.tr("{turma} — {turno} ({alunos})").format(turma=row.nome, turno=turno, alunos=alunos)
                    self.turma_combo.addItem(text, row.id)
            placeholder = self.tr("Escolha a turma") if self._turma_rows else self.tr("Nenhuma turma cadastrada")
            self.turma_combo.setPlaceholderText(placeholder)
            self.turma_combo.setCurrentIndex(-1)
        finally:
            self.turma_combo.blockSignals(False)
        self.turma_combo.setEnabled(self.turma_combo.count() > 0)
        self._update_state()

    # --- the preview ------------------------------------------------------------------

    def build(self, tipo: Tipo) -> Relatorio:
        """The document of ``tipo`` for the chosen aluno or turma.

        Raises:
            RecordNotFoundError, NadaParaImprimirError: see RelatorioService.
        """
        return self.builder(tipo)()

    def builder(self, tipo: Tipo) -> Callable[[], Relatorio]:
        """What builds the document of ``tipo`` for the chosen aluno or turma, read from the
        widgets now; the call reads only the database (so a worker thread may make it)."""
        service = self._relatorios
        if tipo.alvo is Alvo.TURMA:
            turma_id = self.selected_turma_id()
            if turma_id is None:
                raise ValueError("no turma chosen")  # the button is disabled without one
            if tipo is Tipo.ATA:
                return lambda: service.ata_de_resultados(turma_id)
            return lambda: service.boletins_da_turma(turma_id)
        aluno_id = self.selected_aluno_id()
        if aluno_id is None:
            raise ValueError("no aluno chosen")  # the button is disabled without one
        if tipo is Tipo.BOLETIM:
            enturmacao_id = self.enturmacao_combo.currentData()
            if enturmacao_id is None:  # in no turma: the service says so
                return lambda: service.boletim_do_aluno(aluno_id)
            return lambda: service.boletim(enturmacao_id)
        if tipo is Tipo.HISTORICO:
            return lambda: service.historico_escolar(aluno_id)
        if tipo is Tipo.ATESTADO:
            return lambda: service.atestado_de_matricula(aluno_id)
        return lambda: service.ficha_do_aluno(aluno_id).documento()

    def visualizar(self) -> None:
        """Open the print preview of the chosen report; tell the user when there is nothing to print."""
        tipo = self.current_tipo()
        if tipo is None or not self.preview_button.isEnabled():
            return
        title = self.current_titulo()
        from escola_gui.gui import printing as reports

        try:
            with wait_cursor():
                documento = self.build(tipo)
                dialog = reports.print_preview(documento, self)
        except NadaParaImprimirError as error:
            messages.show_info(self, title, error.texto.formatado(_translate_core))
            return
        except RecordNotFoundError:
            if tipo.alvo is Alvo.ALUNO:
                message = self.tr("Este aluno não existe mais; talvez tenha sido excluído.")
            else:
                message = self.tr("Esta turma ou matrícula não existe mais; talvez tenha sido excluída.")
            messages.show_error(self, title, message)
            self.refresh()
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        dialog.pdf_saved.connect(self.pdf_saved)
        self.preview = dialog

    def salvar_pdf(self) -> None:
        """Build the chosen report and write it to a PDF, both in a worker thread behind a
        progress dialog with Cancelar (the boletins of a whole turma take a few seconds).
        A cancel writes no file; errors are told in Portuguese."""
        tipo = self.current_tipo()
        if tipo is None or not self.save_button.isEnabled():
            return
        title = self.current_titulo()
        build = self.builder(tipo)
        try:
            documento: Relatorio = workers.run_with_progress(
                self, title, self.tr("Reunindo os dados do relatório…"), lambda _progress, _cancelled: build()
            )
        except NadaParaImprimirError as error:
            messages.show_info(self, title, error.texto.formatado(_translate_core))
            return
        except RecordNotFoundError:
            if tipo.alvo is Alvo.ALUNO:
                message = self.tr("Este aluno não existe mais; talvez tenha sido excluído.")
            else:
                message = self.tr("Esta turma ou matrícula não existe mais; talvez tenha sido excluída.")
            messages.show_error(self, title, message)
            self.refresh()
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        from escola_gui.gui import printing as reports

        suggested = Path(reports.default_folder()) / f"{documento.nome_arquivo}.pdf"
        chosen = reports.ask_save_pdf(self, self.tr("Salvar PDF"), str(suggested))
        if not chosen:
            return
        path = reports.with_pdf_extension(chosen)
        if str(path) != chosen and path.exists():
            question = self.tr("O arquivo {name} já existe. Substituir?").format(name=path.name)
            if not messages.ask_yes_no(self, self.tr("Salvar PDF"), question):
                return
        try:
            reports.write_in_worker(self, documento, path)
        except workers.CancelledError:
            return
        except OSError as exc:
            message = self.tr("Não foi possível salvar o PDF em {path}.\n\n{reason}").format(
                path=path, reason=exc.strerror or exc
            )
            messages.show_error(self, self.tr("Salvar PDF"), message)
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        self.pdf_saved.emit(str(path))
