"""The Configurações page: the school's own data, the anos letivos with their evaluation
rule, the disciplinas, and the etapa of the turmas an upgrade could not map.

:class:`ConfiguracoesPage` holds four tabs (:class:`EscolaPanel`, :class:`AnosLetivosPanel`,
:class:`DisciplinasPanel`, :class:`EtapasPanel`) and emits ``changed`` after anything is saved,
so that the other pages (Turmas) can read again what they show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.avaliacao import FormulaMedia, RegraRecuperacao
from escola_gui.core.encerramento import EncerramentoRecusadoError, EncerramentoService, Pendencia
from escola_gui.core.errors import RecordNotFoundError, ValidationError
from escola_gui.core.escola import (
    ANO_COM_TURMAS,
    DISCIPLINA_EM_USO,
    AnoLetivoData,
    AnoLetivoRow,
    AnoLetivoService,
    DisciplinaRow,
    DisciplinaService,
    EscolaData,
    EscolaService,
)
from escola_gui.core.etapas import EtapaRow, EtapaService, TurmaSemEtapaRow
from escola_gui.core.models import PERIODOS_POR_TIPO
from escola_gui.core.regras import RegraAvaliacaoRow, RegraAvaliacaoService, leitura
from escola_gui.core.rematricula import RematriculaRow, RematriculaService, ResultadoRematricula
from escola_gui.core.validation import UFS
from escola_gui.gui.forms.ano_letivo import BRAZIL, AnoLetivoDialog, tipo_periodo_label
from escola_gui.gui.forms.disciplina import DisciplinaDialog
from escola_gui.gui.forms.encerramento import PendenciasDialog, ReabrirDialog
from escola_gui.gui.forms.form_dialog import hint_label, table_view
from escola_gui.gui.forms.regra_avaliacao import RegraAvaliacaoDialog
from escola_gui.gui.forms.rematricula import RematriculaDialog, desfazer_text, resultado_text
from escola_gui.gui.table_models import ID_ROLE, Column, RecordTableModel, make_sort_proxy
from escola_gui.gui.toolkit import language, messages
from escola_gui.gui.toolkit.forms import ERROR_STYLE
from escola_gui.gui.toolkit.read_only import keep_disabled
from escola_gui.gui.toolkit.text import translate, translate_error, translate_validation
from escola_gui.gui.turma_models import plural, sort_key

FORM_MAX_WIDTH = 640
LIST_MAX_WIDTH = 720


# --- models ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AnoLetivoLinha:
    """A line of the anos letivos list: the service's row and the rule it has."""

    id: int
    ano: int
    tipo_periodo: str
    encerrado: bool
    turmas: int
    regra: str

    @classmethod
    def of(cls, row: AnoLetivoRow, data: AnoLetivoData) -> AnoLetivoLinha:
        return cls(row.id, row.ano, row.tipo_periodo, row.encerrado, row.turmas, regra_text(data))


def regra_text(data: AnoLetivoData) -> str:
    """``média 6,0 · frequência 75 % · recuperação final`` for the list of anos letivos."""

    media = BRAZIL.toString(float(data.media_aprovacao), "f", 1)
    parts = [translate("AnoLetivoTableModel", "média {media}").format(media=media)]
    if data.formula_media == FormulaMedia.PONDERADA.value:
        parts[0] += " " + translate("AnoLetivoTableModel", "ponderada ({pesos})").format(
            pesos=", ".join(str(p) for p in data.pesos)
        )
    parts.append(translate("AnoLetivoTableModel", "frequência {n} %").format(n=data.frequencia_minima))
    recuperacao = {
        None: translate("AnoLetivoTableModel", "sem recuperação"),
        RegraRecuperacao.SUBSTITUI_MENOR_NOTA.value: translate(
            "AnoLetivoTableModel", "recuperação substitui a menor nota"
        ),
        RegraRecuperacao.SUBSTITUI_MEDIA.value: translate("AnoLetivoTableModel", "recuperação final"),
    }
    parts.append(recuperacao.get(data.recuperacao, data.recuperacao or ""))
    return " · ".join(parts)


class AnoLetivoTableModel(RecordTableModel[AnoLetivoLinha]):
    CONTEXT = "AnoLetivoTableModel"
    COLUMNS: ClassVar[Sequence[Column[AnoLetivoLinha]]] = (
        Column(QT_TRANSLATE_NOOP("AnoLetivoTableModel", "Ano"), lambda r: str(r.ano), lambda r: r.ano),
        Column(
            QT_TRANSLATE_NOOP("AnoLetivoTableModel", "Períodos"),
            lambda r: tipo_periodo_label(r.tipo_periodo),
            lambda r: PERIODOS_POR_TIPO.get(r.tipo_periodo, 0),
        ),
        Column(
            QT_TRANSLATE_NOOP("AnoLetivoTableModel", "Turmas"),
            lambda r: str(r.turmas),
            lambda r: r.turmas,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("AnoLetivoTableModel", "Situação"),
            lambda r: _encerrado_text(r.encerrado),
            lambda r: int(r.encerrado),
        ),
        Column(QT_TRANSLATE_NOOP("AnoLetivoTableModel", "Regra de avaliação"), lambda r: r.regra, lambda r: r.regra),
    )


def _encerrado_text(encerrado: bool) -> str:
    return (
        QCoreApplication.translate("AnoLetivoTableModel", "Encerrado")
        if encerrado
        else QCoreApplication.translate("AnoLetivoTableModel", "Em andamento")
    )


class DisciplinaTableModel(RecordTableModel[DisciplinaRow]):
    CONTEXT = "DisciplinaTableModel"
    COLUMNS: ClassVar[Sequence[Column[DisciplinaRow]]] = (
        Column(QT_TRANSLATE_NOOP("DisciplinaTableModel", "Disciplina"), lambda r: r.nome, lambda r: sort_key(r.nome)),
        Column(
            QT_TRANSLATE_NOOP("DisciplinaTableModel", "Abreviatura"),
            lambda r: r.abreviatura or "",
            lambda r: sort_key(r.abreviatura),
        ),
        Column(
            QT_TRANSLATE_NOOP("DisciplinaTableModel", "Turmas"),
            lambda r: str(r.turmas),
            lambda r: r.turmas,
            align_right=True,
        ),
    )


def _regra_tipo_text(row: RegraAvaliacaoRow) -> str:
    text = translate_validation(leitura(row.tipo, row.escala))
    if row.sem_retencao:
        text += translate("RegraAvaliacaoTableModel", ", sem retenção")
    return text


class RegraAvaliacaoTableModel(RecordTableModel[RegraAvaliacaoRow]):
    CONTEXT = "RegraAvaliacaoTableModel"
    COLUMNS: ClassVar[Sequence[Column[RegraAvaliacaoRow]]] = (
        Column(QT_TRANSLATE_NOOP("RegraAvaliacaoTableModel", "Regra"), lambda r: r.nome, lambda r: sort_key(r.nome)),
        Column(QT_TRANSLATE_NOOP("RegraAvaliacaoTableModel", "Avaliação"), _regra_tipo_text, _regra_tipo_text),
        Column(
            QT_TRANSLATE_NOOP("RegraAvaliacaoTableModel", "Etapas"),
            lambda r: str(r.etapas),
            lambda r: r.etapas,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("RegraAvaliacaoTableModel", "Turmas"),
            lambda r: str(r.turmas),
            lambda r: r.turmas,
            align_right=True,
        ),
    )


# --- shared pieces --------------------------------------------------------------------


def _field_with_error(widget: QWidget) -> tuple[QWidget, QLabel]:
    """``widget`` with a hidden error label under it, as the forms show them."""
    error = QLabel()
    error.setStyleSheet(ERROR_STYLE)
    error.setWordWrap(True)
    error.setVisible(False)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box, error


class _ListPanel(QWidget):
    """A table with buttons under it; the subclasses say what the buttons do."""

    changed = Signal()

    def __init__(self, prefix: str, model: RecordTableModel[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(prefix)
        self.dialog: QDialog | None = None
        self.model = model
        self.proxy = make_sort_proxy(model, self)
        self.table = table_view(f"{prefix}_tabela")
        self.table.setModel(self.proxy)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        # Columns as wide as their contents, side by side: a number stays next to its name.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(90)
        header.setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.vazio = hint_label("", f"{prefix}_vazio")
        self.vazio.setVisible(False)
        self._buttons = QHBoxLayout()
        self._button_rows = [self._buttons]
        self._selection_buttons: list[QPushButton] = []
        column = QWidget()
        column.setMaximumWidth(LIST_MAX_WIDTH)  # numbers stay near their names on a wide window
        self._layout = QVBoxLayout(column)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.table, 1)
        self._layout.addWidget(self.vazio)
        self._layout.addLayout(self._buttons)
        outer = QHBoxLayout(self)
        outer.addWidget(column, 1)
        outer.addStretch(0)

    def add_button(self, text: str, name: str, slot: Callable[[], None], needs_selection: bool) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        self._buttons.addWidget(button)
        if needs_selection:
            self._selection_buttons.append(button)
        return button

    def next_button_row(self) -> None:
        """The buttons added from now on go in a row of their own, under the others."""
        self._buttons = QHBoxLayout()
        self._button_rows.append(self._buttons)
        self._layout.addLayout(self._buttons)

    def finish_buttons(self) -> None:
        for row in self._button_rows:
            row.addStretch(1)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def selected_row(self) -> Any:
        record_id = self.selected_id()
        return next((r for r in self.model.rows() if r.id == record_id), None)

    def select_id(self, record_id: int | None) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == record_id:
                self.table.selectRow(row)
                return

    def show_rows(self, rows: Sequence[Any], empty_text: str, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.selected_id()
        self.model.reload(rows)
        if keep is not None:
            self.select_id(keep)
        self.vazio.setText(empty_text)
        self.vazio.setVisible(not rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_selection = self.selected_id() is not None
        for button in self._selection_buttons:
            button.setEnabled(has_selection)

    def confirm_and_delete(self, title: str, question: str, delete: Callable[[], None]) -> None:
        """Ask ``question``; on Sim, delete, show the service's refusal if any, and refresh."""
        if not messages.ask_yes_no(self, title, question):
            return
        try:
            delete()
        except ValidationError as exc:
            messages.show_error(self, title, translate_validation(exc.message))
        except RecordNotFoundError:
            pass  # deleted meanwhile: the refresh shows it gone
        except Exception:
            messages.report_unexpected_error(self)
        self.refresh()
        self.changed.emit()

    def guarded(self, operation: Callable[[], object]) -> bool:
        return messages.run_guarded(self, operation, self.refresh)

    def open_dialog(self, make: Callable[[], QDialog]) -> None:
        holder: list[QDialog] = []
        if not self.guarded(lambda: holder.append(make())):
            return
        dialog = holder[0]
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._after_saved(getattr(dialog, "saved_id", None)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _after_saved(self, record_id: int | None) -> None:
        self.refresh(record_id)
        self.changed.emit()

    def refresh(self, select_id: int | None = None) -> None:
        raise NotImplementedError


# --- escola ---------------------------------------------------------------------------


class EscolaPanel(QWidget):
    """The school's name and address, printed in the header of every report."""

    changed = Signal()

    def __init__(self, service: EscolaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setObjectName("escola")
        self._errors: dict[str, QLabel] = {}
        self._focus: dict[str, QWidget] = {}

        intro = hint_label(self.tr("Estes dados saem no cabeçalho dos boletins, históricos e demais relatórios."))
        self.nome = self._line_edit("escola_nome", 200, self.tr("Ex.: EMEF Monteiro Lobato"))
        self.codigo_inep = self._line_edit("escola_codigo_inep", 20, self.tr("8 dígitos"))
        self.codigo_inep.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 14 + 20)
        self.endereco = self._line_edit("escola_endereco", 200, self.tr("Rua, número, bairro"))
        self.municipio = self._line_edit("escola_municipio", 100, "")
        self.uf = QComboBox()
        self.uf.setObjectName("escola_uf")
        self.uf.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.uf.addItem("—", None)
        for uf in UFS:
            self.uf.addItem(uf, uf)
        self.telefone = self._line_edit("escola_telefone", 40, self.tr("Ex.: (12) 3632-1234"))
        self.telefone.setMaximumWidth(self.fontMetrics().horizontalAdvance("(00) 00000-0000") + 40)

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add(self.tr("&Nome da escola:"), "nome", self.nome)
        self._add(self.tr("Código &INEP:"), "codigo_inep", self.codigo_inep)
        self._add(self.tr("&Endereço:"), "endereco", self.endereco)
        self._add(self.tr("&Município:"), "municipio", self.municipio)
        self._add(self.tr("&UF:"), "uf", self.uf)
        self._add(self.tr("&Telefone:"), "telefone", self.telefone)

        self.salvar = QPushButton(self.tr("&Salvar"))
        self.salvar.setObjectName("escola_salvar")
        self.salvar.setDefault(True)
        self.salvar.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("escola_status")
        buttons = QHBoxLayout()
        buttons.addWidget(self.salvar)
        buttons.addWidget(self.status, 1)

        column = QWidget()
        column.setMaximumWidth(FORM_MAX_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(intro)
        column_layout.addSpacing(6)
        column_layout.addLayout(self._form)
        column_layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addWidget(column, 1)
        row.addStretch(0)  # beyond FORM_MAX_WIDTH the spare room stays on the right
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch(1)

        for edit in (self.nome, self.codigo_inep, self.endereco, self.municipio, self.telefone):
            edit.textEdited.connect(lambda _t: self.status.clear())
        self.uf.activated.connect(lambda _i: self.status.clear())

    @staticmethod
    def _line_edit(name: str, max_length: int, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        return edit

    def _add(self, label: str, field: str, widget: QWidget) -> None:
        box, error = _field_with_error(widget)
        error.setObjectName(f"erro_{field}")
        row_label = QLabel(label)
        row_label.setBuddy(widget)
        self._form.addRow(row_label, box)
        self._errors[field] = error
        self._focus[field] = widget

    def refresh(self) -> None:
        """Show what is saved (an unsaved edit is dropped)."""
        try:
            data = self._service.get()
        except Exception:
            messages.report_unexpected_error(self)
            return
        data = data or EscolaData(nome="")
        self.nome.setText(data.nome)
        self.codigo_inep.setText(data.codigo_inep or "")
        self.endereco.setText(data.endereco or "")
        self.municipio.setText(data.municipio or "")
        index = self.uf.findData(data.uf) if data.uf else 0
        if index < 0:  # saved before the list: keep it as it is
            self.uf.addItem(data.uf, data.uf)
            index = self.uf.count() - 1
        self.uf.setCurrentIndex(index)
        self.telefone.setText(data.telefone or "")
        self.show_errors({})
        self.status.clear()

    def collect(self) -> EscolaData:
        return EscolaData(
            nome=self.nome.text(),
            codigo_inep=self.codigo_inep.text(),
            endereco=self.endereco.text(),
            municipio=self.municipio.text(),
            uf=self.uf.currentData(),
            telefone=self.telefone.text(),
        )

    def error_text(self, field: str) -> str:
        label = self._errors[field]
        return label.text() if not label.isHidden() else ""

    def show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self._errors.items():
            message = errors.get(field)
            label.setText(translate_validation(message) if message else "")
            label.setVisible(bool(message))
        first = next((f for f in self._errors if f in errors), None)
        if first is not None:
            target = self._focus[first]
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(target, QLineEdit):
                target.selectAll()

    def save(self) -> None:
        data = self.collect()
        try:
            errors = self._service.validate(data)
            if not errors:
                self._service.save(data)
        except ValidationError as exc:
            errors = {exc.field: exc.message}
        except Exception:
            messages.report_unexpected_error(self)
            return
        self.show_errors(errors)
        if errors:
            self.status.setText("")
            return
        self.refresh()  # shows the data as saved (trimmed, UF in capitals)
        self.status.setText(self.tr("Dados da escola salvos."))
        self.changed.emit()


# --- anos letivos ---------------------------------------------------------------------


class AnosLetivosPanel(_ListPanel):
    """The anos letivos; with ``encerramento``, each can be closed (refused, listing what is
    missing, while a result is) and reopened with a motivo."""

    def __init__(
        self,
        service: AnoLetivoService,
        parent: QWidget | None = None,
        *,
        encerramento: EncerramentoService | None = None,
        rematricula: RematriculaService | None = None,
    ) -> None:
        super().__init__("anos_letivos", AnoLetivoTableModel(), parent)
        self.model.setParent(self)
        self._service = service
        self._encerramento = encerramento
        self._rematricula = rematricula
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        intro = hint_label(
            self.tr(
                "Cada ano letivo tem a sua regra de avaliação: bimestres ou trimestres, a média para "
                "aprovação, a frequência mínima e a recuperação."
            )
        )
        self._layout.insertWidget(0, intro)
        self.novo = self.add_button(self.tr("&Novo ano letivo…"), "ano_novo", self.new, False)
        self.editar = self.add_button(self.tr("&Editar…"), "ano_editar", self.edit, True)
        self.excluir = self.add_button(self.tr("E&xcluir…"), "ano_excluir", self.delete, True)
        self.encerrar: QPushButton | None = None
        self.reabrir: QPushButton | None = None
        if encerramento is not None or rematricula is not None:
            self.next_button_row()  # the year's end: closing, reopening, the rematrícula
        if encerramento is not None:
            self.encerrar = self.add_button(self.tr("E&ncerrar ano…"), "ano_encerrar", self.close_year, True)
            self.reabrir = self.add_button(self.tr("&Reabrir ano…"), "ano_reabrir", self.reopen_year, True)
        self.rematricular: QPushButton | None = None
        self.desfazer_rematricula: QPushButton | None = None
        if rematricula is not None:
            self.rematricular = self.add_button(
                self.tr("Re&matrícula…"), "ano_rematricula", self.open_rematricula, True
            )
            self.rematricular.setToolTip(
                self.tr("Matricula os alunos do ano encerrado selecionado no ano seguinte, com uma prévia")
            )
            self.desfazer_rematricula = self.add_button(
                self.tr("&Desfazer rematrícula…"), "ano_desfazer_rematricula", self.undo_rematricula, True
            )
        self.finish_buttons()
        self.table.doubleClicked.connect(lambda _i: self.edit())

    def _update_buttons(self) -> None:
        super()._update_buttons()
        row: AnoLetivoLinha | None = self.selected_row()
        if self.encerrar is not None and self.reabrir is not None:
            self.encerrar.setEnabled(row is not None and not row.encerrado)
            self.reabrir.setEnabled(row is not None and row.encerrado)
        if self.rematricular is not None:
            self.rematricular.setEnabled(row is not None and row.encerrado)

    def close_year(self) -> None:
        """Encerrar ano…: refused, listing every missing result, while any is; else asked, then closed."""
        row: AnoLetivoLinha | None = self.selected_row()
        if row is None or self._encerramento is None or row.encerrado:
            return
        title = self.tr("Encerrar ano letivo")
        encerramento = self._encerramento
        pendencias: list[Pendencia] = []
        if not self.guarded(lambda: pendencias.extend(encerramento.pendencias(row.ano))):
            return
        if pendencias:
            self._show_pendencias(EncerramentoRecusadoError(row.ano, pendencias))
            return
        question = self.tr(
            "Encerrar o ano letivo {ano}? Todos os resultados estão lançados. Notas, frequência e turmas de "
            "{ano} ficam como estão, e os boletins mostram os resultados finais. Para alterar depois, reabra o "
            "ano informando o motivo."
        ).format(ano=row.ano)
        if not messages.ask_yes_no(self, title, question):
            return
        try:
            encerramento.encerrar(row.ano)
        except EncerramentoRecusadoError as exc:  # a result was cleared meanwhile
            self._show_pendencias(exc)
            return
        except ValidationError as exc:
            messages.show_error(self, title, translate_validation(exc.message))
        except Exception:
            messages.report_unexpected_error(self)
        self.refresh(row.id)
        self.changed.emit()

    def _show_pendencias(self, refusal: EncerramentoRecusadoError) -> None:
        """Why the year was not closed, every missing result listed."""
        self.dialog = PendenciasDialog(refusal.ano, translate_error(refusal), refusal.pendencias, self)
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()

    def open_rematricula(self) -> None:
        """Rematrícula…: the preview of the selected closed year rolled into the next one."""
        row: AnoLetivoLinha | None = self.selected_row()
        if row is None or self._rematricula is None or not row.encerrado:
            return
        dialog = RematriculaDialog(self._rematricula, row.ano, row.ano + 1, self)
        self.dialog = dialog
        dialog.applied.connect(lambda result: self._rematriculated(row.ano + 1, result))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.load()

    def _rematriculated(self, para: int, result: ResultadoRematricula) -> None:
        self.refresh(self.selected_id())
        self.changed.emit()
        messages.show_info(self, self.tr("Rematrícula"), resultado_text(para, result))

    def undo_rematricula(self) -> None:
        """Desfazer rematrícula…: the newest run into or out of the selected year, asked first."""
        row: AnoLetivoLinha | None = self.selected_row()
        service = self._rematricula
        if row is None or service is None:
            return
        title = self.tr("Desfazer rematrícula")
        runs: list[RematriculaRow] = []
        if not self.guarded(lambda: runs.extend(service.list())):
            return
        run = next((r for r in runs if r.desfeita_em is None and row.ano in (r.ano_origem, r.ano_destino)), None)
        if run is None:
            messages.show_info(
                self, title, self.tr("Não há rematrícula de {ano} ou para {ano} a desfazer.").format(ano=row.ano)
            )
            return
        if not messages.ask_yes_no(self, title, desfazer_text(run)):
            return
        try:
            service.desfazer(run.id)
        except ValidationError as exc:
            messages.show_error(self, title, translate_validation(exc.message))
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        self.refresh(row.id)
        self.changed.emit()
        messages.show_info(
            self,
            title,
            self.tr("A rematrícula de {de} para {para} foi desfeita.").format(de=run.ano_origem, para=run.ano_destino),
        )

    def reopen_year(self) -> None:
        """Reabrir ano…: asks the motivo, kept in the audit history."""
        row: AnoLetivoLinha | None = self.selected_row()
        if row is None or self._encerramento is None or not row.encerrado:
            return
        dialog = ReabrirDialog(row.ano, self)
        self.dialog = dialog
        encerramento = self._encerramento

        def reopen() -> None:
            try:
                encerramento.reabrir(row.ano, dialog.motivo_text())
            except ValidationError as exc:
                messages.show_error(self, self.tr("Reabrir ano letivo"), translate_validation(exc.message))
            except Exception:
                messages.report_unexpected_error(self)
            self.refresh(row.id)
            self.changed.emit()

        dialog.accepted.connect(reopen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def refresh(self, select_id: int | None = None) -> None:
        self.guarded(
            lambda: self.show_rows(
                [AnoLetivoLinha.of(row, self._service.get(row.id)) for row in self._service.list()],
                self.tr("Nenhum ano letivo cadastrado. Clique em Novo ano letivo… para cadastrar o primeiro."),
                select_id,
            )
        )

    def new(self) -> None:
        self.open_dialog(lambda: AnoLetivoDialog(self._service, None, self))

    def edit(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.open_dialog(lambda: AnoLetivoDialog(self._service, record_id, self))

    def delete(self) -> None:
        row: AnoLetivoLinha | None = self.selected_row()
        if row is None:
            return
        title = self.tr("Excluir ano letivo")
        if row.turmas:
            messages.show_error(
                self,
                title,
                translate_validation(ANO_COM_TURMAS)
                + " "
                + plural(row.turmas, self.tr("({n} turma)"), self.tr("({n} turmas)")),
            )
            return
        question = self.tr("Excluir o ano letivo {ano}? Vão junto os {periodos} e a regra de avaliação dele.").format(
            ano=row.ano, periodos=tipo_periodo_label(row.tipo_periodo).lower()
        )
        self.confirm_and_delete(title, question, lambda: self._service.delete(row.id))


# --- disciplinas ----------------------------------------------------------------------


class DisciplinasPanel(_ListPanel):
    def __init__(self, service: DisciplinaService, parent: QWidget | None = None) -> None:
        super().__init__("disciplinas", DisciplinaTableModel(), parent)
        self.model.setParent(self)
        self._service = service
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        intro = hint_label(
            self.tr(
                "As disciplinas que as turmas podem ter. A carga horária de cada uma é informada na turma "
                "(Turmas → Editar…)."
            )
        )
        self._layout.insertWidget(0, intro)
        self.nova = self.add_button(self.tr("&Nova disciplina…"), "disciplina_nova", self.new, False)
        self.renomear = self.add_button(self.tr("&Renomear…"), "disciplina_renomear", self.edit, True)
        self.excluir = self.add_button(self.tr("E&xcluir…"), "disciplina_excluir", self.delete, True)
        self.finish_buttons()
        self.table.doubleClicked.connect(lambda _i: self.edit())

    def refresh(self, select_id: int | None = None) -> None:
        self.guarded(
            lambda: self.show_rows(
                self._service.list(),
                self.tr("Nenhuma disciplina cadastrada. Clique em Nova disciplina… para cadastrar a primeira."),
                select_id,
            )
        )

    def new(self) -> None:
        self.open_dialog(lambda: DisciplinaDialog(self._service, None, self))

    def edit(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_dialog(lambda: DisciplinaDialog(self._service, row, self))

    def delete(self) -> None:
        row: DisciplinaRow | None = self.selected_row()
        if row is None:
            return
        title = self.tr("Excluir disciplina")
        if row.turmas:
            # Nothing to ask: the service would refuse. Say why, and how many turmas use it.
            messages.show_error(
                self,
                title,
                translate_validation(DISCIPLINA_EM_USO)
                + " "
                + plural(row.turmas, self.tr("(Usada em {n} turma.)"), self.tr("(Usada em {n} turmas.)")),
            )
            return
        question = self.tr("Excluir a disciplina {nome}?").format(nome=row.nome)
        self.confirm_and_delete(title, question, lambda: self._service.delete(row.id))


# --- regras de avaliação --------------------------------------------------------------


class RegrasPanel(_ListPanel):
    """The catalogue of evaluation rules that etapas (Etapas tab) and turmas (the turma's form)
    choose; a turma without one follows its etapa's, else its ano letivo's."""

    def __init__(self, service: RegraAvaliacaoService, parent: QWidget | None = None) -> None:
        super().__init__("regras", RegraAvaliacaoTableModel(), parent)
        self.model.setParent(self)
        self._service = service
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        intro = hint_label(
            self.tr(
                "Como as turmas são avaliadas: notas, conceitos ou parecer descritivo, média, frequência mínima e "
                "recuperação. Escolha a regra de cada etapa na aba Etapas, ou a de uma turma no cadastro dela; "
                "sem regra escolhida, vale a do ano letivo."
            )
        )
        intro.setWordWrap(True)
        self._layout.insertWidget(0, intro)
        self.nova = self.add_button(self.tr("&Nova regra…"), "regra_nova", self.new, False)
        self.editar = self.add_button(self.tr("&Editar…"), "regra_editar", self.edit, True)
        self.excluir = self.add_button(self.tr("E&xcluir…"), "regra_excluir", self.delete, True)
        self.finish_buttons()
        self.table.doubleClicked.connect(lambda _i: self.edit())

    def refresh(self, select_id: int | None = None) -> None:
        self.guarded(
            lambda: self.show_rows(
                self._service.list(),
                self.tr("Nenhuma regra cadastrada. Clique em Nova regra… para cadastrar a primeira."),
                select_id,
            )
        )

    def new(self) -> None:
        self.open_dialog(lambda: RegraAvaliacaoDialog(self._service, None, self))

    def edit(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_dialog(lambda: RegraAvaliacaoDialog(self._service, row.id, self))

    def delete(self) -> None:
        row: RegraAvaliacaoRow | None = self.selected_row()
        if row is None:
            return
        title = self.tr("Excluir regra de avaliação")
        if row.etapas or row.turmas:
            # Nothing to ask: the service refuses, naming the etapas and turmas that use it.
            try:
                self._service.delete(row.id)
            except ValidationError as exc:
                messages.show_error(self, title, translate_validation(exc.message))
                return
            except Exception:
                messages.report_unexpected_error(self)
                return
            self.refresh()  # (no longer in use, meanwhile: deleted)
            self.changed.emit()
            return
        question = self.tr("Excluir a regra de avaliação {nome}?").format(nome=row.nome)
        self.confirm_and_delete(title, question, lambda: self._service.delete(row.id))


# --- etapas ---------------------------------------------------------------------------


class EtapasPanel(QWidget):
    """The turmas whose série an upgrade could not read ("4ª série" may be the 4º or the 5º ano):
    a list with a choice of etapa each, saved together. Each turma is mapped once; the série
    typed stays as it was. Choices not yet saved survive a refresh (the list is read again
    whenever the page is shown)."""

    changed = Signal()
    COLUMNS = 4

    def __init__(
        self, service: EtapaService, parent: QWidget | None = None, regras: RegraAvaliacaoService | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._regras = regras
        self.regra_combos: dict[int, QComboBox] = {}  # etapa id → its rule
        self._etapas: list[EtapaRow] = []
        self._rows: list[TurmaSemEtapaRow] = []
        self.combos: dict[int, QComboBox] = {}  # turma id → its choice
        self.setObjectName("etapas")

        self.intro = hint_label(
            self.tr(
                "A série escrita nestas turmas não diz qual é a etapa com certeza "
                "(ex.: “4ª série”, que no ensino fundamental de 8 anos corresponde ao 5º ano). "
                "Escolha a etapa de cada uma e clique em Salvar; a série escrita continua como está."
            ),
            "etapas_intro",
        )
        self.intro.setWordWrap(True)
        self.tabela = QTableWidget(0, self.COLUMNS)
        self.tabela.setObjectName("etapas_turmas")
        self.tabela.setHorizontalHeaderLabels(
            [self.tr("Ano"), self.tr("Turma"), self.tr("Série escrita"), self.tr("Etapa")]
        )
        self.tabela.verticalHeader().setVisible(False)
        self.tabela.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabela.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tabela.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.vazio = QLabel(self.tr("Todas as turmas têm etapa."))
        self.vazio.setObjectName("etapas_vazio")
        self.salvar = QPushButton(self.tr("&Salvar"))
        self.salvar.setObjectName("etapas_salvar")
        self.salvar.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("etapas_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.salvar)
        buttons.addWidget(self.status, 1)

        column = QWidget()
        column.setMaximumWidth(LIST_MAX_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(self.intro)
        column_layout.addWidget(self.tabela, 1)
        column_layout.addWidget(self.vazio)
        column_layout.addLayout(buttons)
        if regras is not None:
            column_layout.addWidget(self._regras_section(), 2)
        row = QHBoxLayout()
        row.addWidget(column, 1)
        row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)

    def refresh(self) -> None:
        """Read the list again, keeping the choices not yet saved of the turmas still in it."""
        chosen = {turma: combo.currentData() for turma, combo in self.combos.items() if combo.currentIndex() >= 0}
        try:
            self._etapas = self._service.list()
            self._rows = self._service.turmas_sem_etapa()
        except Exception:
            messages.report_unexpected_error(self)
            return
        self.combos = {}
        self.tabela.setRowCount(len(self._rows))
        for i, turma in enumerate(self._rows):
            for column, text in enumerate((str(turma.ano), turma.nome, turma.serie)):
                self.tabela.setItem(i, column, QTableWidgetItem(text))
            combo = QComboBox()
            combo.setObjectName(f"etapa_turma_{turma.id}")
            combo.setPlaceholderText(self.tr("Escolha a etapa"))
            combo.setMaxVisibleItems(24)
            for etapa in self._etapas:
                combo.addItem(etapa.nome, etapa.id)
            combo.setCurrentIndex(combo.findData(chosen[turma.id]) if turma.id in chosen else -1)
            combo.activated.connect(lambda _i: self.status.clear())
            combo.setEnabled(not self._read_only)
            self.tabela.setCellWidget(i, 3, combo)
            self.combos[turma.id] = combo
        try:
            self._refresh_regras()
        except Exception:
            messages.report_unexpected_error(self)
        self.tabela.setVisible(bool(self._rows))
        self.intro.setVisible(bool(self._rows))
        self.vazio.setVisible(not self._rows)
        self.salvar.setVisible(bool(self._rows))

    def _regras_section(self) -> QWidget:
        """Each etapa's evaluation rule, saved as soon as it is chosen."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 12, 0, 0)
        titulo = QLabel(self.tr("<b>Regra de avaliação de cada etapa</b>"))
        layout.addWidget(titulo)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Vale para as turmas da etapa que não têm regra própria. Sem regra escolhida, vale a do "
                    "ano letivo. A regra não muda se uma turma já tem notas de outro tipo, nem num ano encerrado."
                )
            )
        )
        self.tabela_regras = QTableWidget(0, 2)
        self.tabela_regras.setObjectName("etapas_regras")
        self.tabela_regras.setHorizontalHeaderLabels([self.tr("Etapa"), self.tr("Regra de avaliação")])
        self.tabela_regras.verticalHeader().setVisible(False)
        self.tabela_regras.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabela_regras.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tabela_regras.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.regras_status = QLabel()
        self.regras_status.setObjectName("etapas_regras_status")
        self.regras_status.setWordWrap(True)
        layout.addWidget(self.tabela_regras, 1)
        layout.addWidget(self.regras_status)
        return box

    def _refresh_regras(self) -> None:
        if self._regras is None:
            return
        regras = self._regras.list()
        escolhidas = self._regras.da_etapa()
        self.regra_combos = {}
        self.tabela_regras.setRowCount(len(self._etapas))
        for i, etapa in enumerate(self._etapas):
            self.tabela_regras.setItem(i, 0, QTableWidgetItem(etapa.nome))
            combo = QComboBox()
            combo.setObjectName(f"regra_etapa_{etapa.id}")
            combo.addItem(self.tr("A do ano letivo"), None)
            for regra in regras:
                combo.addItem(regra.nome, regra.id)
            combo.setCurrentIndex(max(0, combo.findData(escolhidas.get(etapa.id))))
            combo.setEnabled(not self._read_only)
            combo.activated.connect(lambda _i, e=etapa, c=combo: self._regra_escolhida(e, c))
            self.tabela_regras.setCellWidget(i, 1, combo)
            self.regra_combos[etapa.id] = combo

    def _regra_escolhida(self, etapa: EtapaRow, combo: QComboBox) -> None:
        assert self._regras is not None
        try:
            self._regras.definir_da_etapa(etapa.id, combo.currentData())
        except (ValidationError, RecordNotFoundError) as exc:
            try:  # back to what the file holds (the combo stays: it is the one being used)
                combo.setCurrentIndex(max(0, combo.findData(self._regras.da_etapa().get(etapa.id))))
            except Exception:
                messages.report_unexpected_error(self)
            self.regras_status.setStyleSheet(ERROR_STYLE)
            self.regras_status.setText(translate_validation(getattr(exc, "message", "")) or self.tr("Nada foi salvo."))
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        self.regras_status.setStyleSheet("")
        self.regras_status.setText(
            self.tr("Regra da etapa {etapa} salva: {regra}.").format(etapa=etapa.nome, regra=combo.currentText())
        )
        self.changed.emit()

    _read_only = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Read again whenever the tab comes into view: a turma saved meanwhile on the Turmas
        page (its etapa chosen there) leaves the list; unsaved choices stay."""
        super().showEvent(event)
        self.status.clear()
        self.refresh()

    def set_read_only(self) -> None:
        self._read_only = True
        keep_disabled([self.salvar])
        for combo in (*self.combos.values(), *self.regra_combos.values()):
            combo.setEnabled(False)

    def save(self) -> None:
        escolhas = {turma: combo.currentData() for turma, combo in self.combos.items() if combo.currentIndex() >= 0}
        if not escolhas:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(self.tr("Escolha a etapa de pelo menos uma turma antes de salvar."))
            return
        try:
            self._service.definir(escolhas)
        except (ValidationError, RecordNotFoundError) as exc:
            self.refresh()  # a turma deleted or an etapa gone meanwhile: show what there is now
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(translate_validation(getattr(exc, "message", "")) or self.tr("Nada foi salvo."))
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        for turma in escolhas:
            self.combos.pop(turma, None)
        self.refresh()
        self.status.setStyleSheet("")
        n = len(escolhas)
        text = plural(n, self.tr("Etapa salva para {n} turma."), self.tr("Etapa salva para {n} turmas."))
        if self._rows:
            faltam = len(self._rows)
            text += " " + plural(
                faltam, self.tr("Falta escolher a de {n} turma."), self.tr("Falta escolher a de {n} turmas.")
            )
        self.status.setText(text)
        self.changed.emit()


# --- the page -------------------------------------------------------------------------


class ConfiguracoesPage(QWidget):
    """The Escola, Anos letivos and Disciplinas tabs; ``changed`` follows every save."""

    changed = Signal()

    def __init__(
        self,
        escola: EscolaService,
        anos: AnoLetivoService,
        disciplinas: DisciplinaService,
        parent: QWidget | None = None,
        *,
        etapas: EtapaService | None = None,
        load: bool = True,
        encerramento: EncerramentoService | None = None,
        rematricula: RematriculaService | None = None,
        regras: RegraAvaliacaoService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("configuracoes_page")
        self.escola = EscolaPanel(escola)
        self.anos_letivos = AnosLetivosPanel(anos, encerramento=encerramento, rematricula=rematricula)
        self.disciplinas = DisciplinasPanel(disciplinas)
        self.etapas = EtapasPanel(etapas, regras=regras) if etapas is not None else None
        self.regras = RegrasPanel(regras) if regras is not None else None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("configuracoes_abas")
        self.tabs.addTab(self.escola, self.tr("Escola"))
        self.tabs.addTab(self.anos_letivos, self.tr("Anos letivos"))
        self.tabs.addTab(self.disciplinas, self.tr("Disciplinas"))
        if self.etapas is not None:
            self.tabs.addTab(self.etapas, self.tr("Etapas"))
        if self.regras is not None:
            self.tabs.addTab(self.regras, self.tr("Regras de avaliação"))
            self.regras.changed.connect(lambda: self.etapas.refresh() if self.etapas is not None else None)
        for panel in (self.escola, self.anos_letivos, self.disciplinas, self.etapas, self.regras):
            if panel is not None:
                panel.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(self._language_row())
        if load:  # the main window reads the file when the page is first shown
            self.refresh()

    def _language_row(self) -> QHBoxLayout:
        """Idioma: a setting of this computer, not of the file; saved at once, used from the next launch."""
        self.idioma = QComboBox()
        self.idioma.setObjectName("idioma")
        self.idioma.addItem(self.tr("Automático (do sistema)"), language.AUTOMATIC)
        self.idioma.addItem("Português (Brasil)", language.PORTUGUESE)  # each language by its own name
        self.idioma.addItem("English", language.ENGLISH)
        self.idioma.setCurrentIndex(self.idioma.findData(language.chosen()))
        self.idioma.currentIndexChanged.connect(lambda _i: language.choose(self.idioma.currentData()))
        label = QLabel(self.tr("&Idioma:"))
        label.setBuddy(self.idioma)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.idioma)
        row.addWidget(hint_label(self.tr("Vale a partir da próxima vez que o Escola for aberto.")), 1)
        return row

    def refresh(self) -> None:
        """Read everything again (an unsaved edit of the Escola tab is dropped)."""
        self.escola.refresh()
        self.anos_letivos.refresh()
        self.disciplinas.refresh()
        if self.etapas is not None:
            self.etapas.refresh()
        if self.regras is not None:
            self.regras.refresh()

    def set_read_only(self, read_only: bool) -> None:
        """The file cannot be written: the school's data for reading, no Novo/Excluir/Salvar;
        Editar… opens an ano letivo for viewing."""
        if not read_only:
            return
        if self.etapas is not None:
            self.etapas.set_read_only()
        escola = self.escola
        for field in (escola.nome, escola.codigo_inep, escola.endereco, escola.municipio, escola.telefone):
            field.setReadOnly(True)
        keep_disabled(
            [
                self.escola.uf,
                self.escola.salvar,
                self.anos_letivos.novo,
                self.anos_letivos.excluir,
                *[b for b in (self.anos_letivos.encerrar, self.anos_letivos.reabrir) if b is not None],
                self.disciplinas.nova,
                self.disciplinas.renomear,
                self.disciplinas.excluir,
                *([self.regras.nova, self.regras.excluir] if self.regras is not None else []),
            ]
        )

    def show_etapas(self) -> None:
        """Bring the Etapas tab forward (after an upgrade left turmas without etapa)."""
        if self.etapas is not None:
            self.tabs.setCurrentWidget(self.etapas)

    def show_anos_letivos(self) -> None:
        """Bring the Anos letivos tab forward (for the Turmas page's "Ir para Configurações")."""
        self.tabs.setCurrentWidget(self.anos_letivos)


__all__ = [
    "AnoLetivoLinha",
    "AnoLetivoTableModel",
    "AnosLetivosPanel",
    "ConfiguracoesPage",
    "DisciplinaTableModel",
    "DisciplinasPanel",
    "EscolaPanel",
    "EtapasPanel",
    "RegraAvaliacaoTableModel",
    "RegrasPanel",
]
