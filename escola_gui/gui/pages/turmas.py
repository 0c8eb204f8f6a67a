"""The Turmas page: the turmas of an ano letivo and, for the one selected, its alunos.

:class:`TurmasPage` shows the list of turmas (with Nova turma…, Editar…, Excluir…) beside
the roster of the selected turma, with the actions on its alunos: enturmação em lote
(:class:`EnturmarDialog`), the situação of several alunos at once (:class:`SituacaoDialog`),
remanejamento to another turma of the year (:class:`RemanejarDialog`), the history of
the manual situações (:class:`HistoricoDialog`) and Retirar da turma… for an enturmação
made by mistake (it asks first, naming the notas and frequência that go with it).
Everything goes through :class:`~escola_gui.core.escolar.TurmaService`; forms open with
``open()`` and the page listens to ``accepted``, so nothing blocks and tests can drive them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.avaliacao import SITUACOES_SO_CALCULADAS, Situacao
from escola_gui.core.db import normalize_text
from escola_gui.core.escolar import (
    SITUACOES_DE_SAIDA,
    TURNO_LABELS,
    AnoLetivoRow,
    AnoLetivoService,
    DependentesEnturmacoes,
    DisciplinaRow,
    DisciplinaService,
    EnturmacaoRow,
    HistoricoSituacaoRow,
    TurmaData,
    TurmaDisciplinaRow,
    TurmaRow,
    TurmaService,
)
from escola_gui.core.models import TURNOS
from escola_gui.core.validation import ValidationError
from escola_gui.gui.table_models import ID_ROLE, Column, RecordTableModel, make_sort_proxy
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.date_field import date_edit, from_qdate
from escola_gui.gui.toolkit.formatting import format_date, format_datetime, situacao_label
from escola_gui.gui.toolkit.forms import DIALOG_MIN_WIDTH, ERROR_STYLE, RecordDialog
from escola_gui.gui.toolkit.read_only import keep_disabled
from escola_gui.gui.toolkit.text import translate, translate_validation

RowT = TypeVar("RowT")
_ModelIndex = QModelIndex | QPersistentModelIndex

SEARCH_DELAY_MS = 200
EMPTY_TEXT_WIDTH = 520
# More than any school has alunos; the list filters them as the user types.
CANDIDATOS_LIMIT = 20_000
CARGA_HORARIA_MAX = 2_000
VAGAS_MAX = 999
# The role the enturmação list filters on: the nome without accents, and the RA.
FILTER_ROLE = Qt.ItemDataRole.UserRole + 20
_SORT_DIGITS = 12


def sort_key(value: str | None) -> str:
    """Accents and case folded, numbers padded, so that "6º ano B" sorts before "10º ano A"."""
    return re.sub(r"\d+", lambda m: m.group().zfill(_SORT_DIGITS), normalize_text(value))


def turno_label(code: str) -> str:
    return translate_validation(TURNO_LABELS.get(code, code))


def vagas_text(row: TurmaRow) -> str:
    """``28/30``: alunos in the turma now, of the vagas (just ``28`` when it has no limit)."""
    return str(row.alunos) if row.vagas is None else f"{row.alunos}/{row.vagas}"


def plural(count: int, one: str, many: str, **values: object) -> str:
    """``one`` or ``many`` by ``count``, with ``{n}`` and the other ``values`` filled in."""
    return (one if count == 1 else many).format(n=count, **values)


def _join(parts: Sequence[str]) -> str:
    """``a``; ``a e b``; ``a, b e c``."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + translate("turmas", " e ") + parts[-1]


def _nomes(rows: Sequence[EnturmacaoRow], limit: int = 5) -> str:
    nomes = [r.aluno_nome for r in rows]
    if len(nomes) <= limit:
        return _join(nomes)
    return ", ".join(nomes[:limit]) + translate("turmas", " e mais {n}").format(n=len(nomes) - limit)


def hint_label(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
    label.setPalette(palette)
    return label


def muted_color(palette: QPalette) -> QColor:
    """The text colour faded towards the background: secondary, yet easy to read."""
    fg = palette.color(QPalette.ColorRole.WindowText)
    bg = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (fg.red() * 3 + bg.red() * 2) // 5, (fg.green() * 3 + bg.green() * 2) // 5, (fg.blue() * 3 + bg.blue() * 2) // 5
    )


def table_view(object_name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(object_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    return view


# --- models ---------------------------------------------------------------------------


class _StyledModel(RecordTableModel[RowT]):
    """A :class:`RecordTableModel` whose rows can be greyed, set in italic and explained."""

    def grey(self, row: RowT) -> bool:
        return False

    def italic(self, row: RowT, column: int) -> bool:
        return False

    def tooltip(self, row: RowT, column: int) -> str | None:
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tooltip(row, index.column())
            if tip is not None:
                return tip
        if role == Qt.ItemDataRole.FontRole and self.italic(row, index.column()):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and self.grey(row):
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == ID_ROLE and not hasattr(row, "id"):
            return None
        return super().data(index, role)


class TurmaTableModel(RecordTableModel[TurmaRow]):
    """The turmas of the list; the last column (the ano) is hidden when one year is shown."""

    CONTEXT = "TurmaTableModel"
    ANO_COLUMN = 5
    COLUMNS: ClassVar[Sequence[Column[TurmaRow]]] = (
        Column(QT_TRANSLATE_NOOP("TurmaTableModel", "Turma"), lambda r: r.nome, lambda r: sort_key(r.nome)),
        Column(QT_TRANSLATE_NOOP("TurmaTableModel", "Série/ano"), lambda r: r.serie, lambda r: sort_key(r.serie)),
        Column(
            QT_TRANSLATE_NOOP("TurmaTableModel", "Turno"),
            lambda r: turno_label(r.turno),
            lambda r: TURNOS.index(r.turno) if r.turno in TURNOS else len(TURNOS),
        ),
        Column(QT_TRANSLATE_NOOP("TurmaTableModel", "Sala"), lambda r: r.sala or "", lambda r: sort_key(r.sala)),
        Column(
            QT_TRANSLATE_NOOP("TurmaTableModel", "Alunos/vagas"),
            vagas_text,
            lambda r: r.alunos,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("TurmaTableModel", "Ano"), lambda r: str(r.ano), lambda r: r.ano, align_right=True),
    )


def _situacao_text(row: EnturmacaoRow) -> str:
    text = situacao_label(row.situacao)
    return text + translate("turmas", " (manual)") if row.manual else text


class RosterTableModel(_StyledModel[EnturmacaoRow]):
    """A turma's alunos; the row id is the enturmação's. Those who left are grey, and a
    situação set by hand shows "(manual)" in italic, with the motivo as its tooltip."""

    CONTEXT = "RosterTableModel"
    SITUACAO_COLUMN = 4
    COLUMNS: ClassVar[Sequence[Column[EnturmacaoRow]]] = (
        Column(
            QT_TRANSLATE_NOOP("RosterTableModel", "Aluno"), lambda r: r.aluno_nome, lambda r: sort_key(r.aluno_nome)
        ),
        Column(QT_TRANSLATE_NOOP("RosterTableModel", "RA"), lambda r: r.ra, lambda r: sort_key(r.ra)),
        Column(
            QT_TRANSLATE_NOOP("RosterTableModel", "Entrada"),
            lambda r: format_date(r.data_entrada),
            lambda r: r.data_entrada.isoformat(),
        ),
        Column(
            QT_TRANSLATE_NOOP("RosterTableModel", "Saída"),
            lambda r: format_date(r.data_saida),
            lambda r: r.data_saida.isoformat() if r.data_saida else "",
        ),
        Column(
            QT_TRANSLATE_NOOP("RosterTableModel", "Situação"), _situacao_text, lambda r: sort_key(_situacao_text(r))
        ),
    )

    def grey(self, row: EnturmacaoRow) -> bool:
        return not row.ativa

    def italic(self, row: EnturmacaoRow, column: int) -> bool:
        return row.manual and column == self.SITUACAO_COLUMN

    def tooltip(self, row: EnturmacaoRow, column: int) -> str | None:
        if column == self.SITUACAO_COLUMN and row.manual:
            return QCoreApplication.translate("RosterTableModel", "Alterada manualmente. Motivo: {motivo}").format(
                motivo=row.motivo or "—"
            )
        if column == self.SITUACAO_COLUMN:
            return QCoreApplication.translate("RosterTableModel", "Calculada pelas notas e pela frequência")
        return None


class HistoricoTableModel(_StyledModel[HistoricoSituacaoRow]):
    """The manual changes of an enturmação's situação, oldest first."""

    CONTEXT = "HistoricoTableModel"
    COLUMNS: ClassVar[Sequence[Column[HistoricoSituacaoRow]]] = (
        Column(
            QT_TRANSLATE_NOOP("HistoricoTableModel", "Quando"),
            lambda r: format_datetime(r.alterado_em),
            lambda r: str(r.alterado_em),
        ),
        Column(
            QT_TRANSLATE_NOOP("HistoricoTableModel", "De"),
            lambda r: situacao_label(r.situacao_anterior),
            lambda r: situacao_label(r.situacao_anterior),
        ),
        Column(
            QT_TRANSLATE_NOOP("HistoricoTableModel", "Para"),
            lambda r: situacao_label(r.situacao_nova),
            lambda r: situacao_label(r.situacao_nova),
        ),
        Column(QT_TRANSLATE_NOOP("HistoricoTableModel", "Motivo"), lambda r: r.motivo, lambda r: sort_key(r.motivo)),
    )


class CandidatosModel(QAbstractTableModel):
    """Alunos that can enter a turma, each with a check box; a click anywhere on the row
    (or the space bar) toggles it, so the box needs no aiming."""

    checked_changed = Signal()
    HEADERS = (QT_TRANSLATE_NOOP("CandidatosModel", "Aluno"), QT_TRANSLATE_NOOP("CandidatosModel", "RA"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, str, str]] = []
        self._checked: set[int] = set()

    def reload(self, rows: Sequence[tuple[int, str, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checked &= {r[0] for r in self._rows}
        self.endResetModel()
        self.checked_changed.emit()

    def checked_ids(self) -> list[int]:
        """The checked alunos, in the list's order."""
        return [r[0] for r in self._rows if r[0] in self._checked]

    def set_checked(self, rows: Sequence[int], checked: bool) -> None:
        """Check or uncheck the given rows."""
        for row in rows:
            aluno_id = self._rows[row][0]
            if checked:
                self._checked.add(aluno_id)
            else:
                self._checked.discard(aluno_id)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), 0), [Qt.ItemDataRole.CheckStateRole])
            self.checked_changed.emit()

    def toggle(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.set_checked([row], self._rows[row][0] not in self._checked)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``columnCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        aluno_id, nome, ra = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return nome if index.column() == 0 else ra
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if aluno_id in self._checked else Qt.CheckState.Unchecked
        if role == FILTER_ROLE:
            return f"{normalize_text(nome)} {ra}"
        if role == ID_ROLE:
            return aluno_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``headerData()`` of QAbstractItemModel."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return QCoreApplication.translate("CandidatosModel", self.HEADERS[section])
        return super().headerData(section, orientation, role)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        """Override ``flags()`` of QAbstractItemModel: the row's click toggles the box (see the dialog)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# --- forms ----------------------------------------------------------------------------


class FormDialog(RecordDialog):
    """A :class:`~escola_gui.gui.toolkit.forms.RecordDialog` that also shows, above its buttons,
    the messages for which it has no field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.erro_geral = QLabel()
        self.erro_geral.setObjectName("erro_geral")
        self.erro_geral.setStyleSheet(ERROR_STYLE)
        self.erro_geral.setWordWrap(True)
        self.erro_geral.setVisible(False)
        self._layout.insertWidget(self._layout.indexOf(self.button_box), self.erro_geral)

    def add_row(self, label: str, field: str, widget: QWidget, focus: QWidget | None = None) -> int:
        """:meth:`add_field`, returning the form row (for ``setRowVisible``)."""
        self.add_field(label, field, widget, focus)
        return self._form.rowCount() - 1

    def show_errors(self, errors: dict[str, str]) -> None:
        """Override: the messages without a field of their own go above the buttons."""
        others = [translate_validation(m) for f, m in errors.items() if f not in self._errors]
        self.erro_geral.setText("\n".join(others))
        self.erro_geral.setVisible(bool(others))
        super().show_errors({f: m for f, m in errors.items() if f in self._errors})

    def error_text(self, field: str) -> str:
        """The message shown under ``field`` (``"geral"``: above the buttons), or ""."""
        if field == "geral":
            return self.erro_geral.text() if not self.erro_geral.isHidden() else ""
        return super().error_text(field)

    @staticmethod
    def _line_edit(name: str, max_length: int, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        return edit


class DisciplinasEditor(QWidget):
    """Every disciplina with a check box and its carga horária; the turma's own come first,
    in their order (the boletim's), then the others by name."""

    def __init__(self, disciplinas: Sequence[DisciplinaRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disciplinas")
        self._disciplinas = list(disciplinas)
        self.checkboxes: dict[int, QCheckBox] = {}
        self.cargas: dict[int, QSpinBox] = {}

        self._grid_widget = QWidget()
        self._grid = QGridLayout(self._grid_widget)
        self._grid.setContentsMargins(6, 4, 6, 4)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setObjectName("disciplinas_lista")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._grid_widget)
        self._scroll = scroll

        self.marcar_todas = QPushButton(self.tr("Marcar todas"))
        self.marcar_todas.setObjectName("marcar_todas")
        self.marcar_todas.clicked.connect(self.check_all)
        self.resumo = hint_label("", "disciplinas_resumo")
        bottom = QHBoxLayout()
        bottom.addWidget(self.marcar_todas)
        bottom.addWidget(self.resumo, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if self._disciplinas:
            layout.addWidget(scroll)
            layout.addLayout(bottom)
        else:
            scroll.hide()
            self.marcar_todas.hide()
            layout.addWidget(
                hint_label(
                    self.tr(
                        "Nenhuma disciplina cadastrada ainda. Cadastre-as em Configurações → Disciplinas; "
                        "depois edite a turma para escolhê-las."
                    ),
                    "sem_disciplinas",
                )
            )
        self._arrange([])

    def _arrange(self, first: Sequence[int]) -> None:
        """Lay the rows out: ``first`` (ids) in that order, then the rest by name."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().setParent(None)
        header_nome = QLabel(self.tr("<b>Disciplina</b>"))
        header_carga = QLabel(self.tr("<b>Carga horária anual</b>"))
        self._grid.addWidget(header_nome, 0, 0)
        self._grid.addWidget(header_carga, 0, 1)
        by_id = {d.id: d for d in self._disciplinas}
        ordered = [by_id[i] for i in first if i in by_id]
        ordered += [d for d in self._disciplinas if d.id not in first]
        for line, disciplina in enumerate(ordered, start=1):
            box = self.checkboxes.get(disciplina.id)
            spin = self.cargas.get(disciplina.id)
            if box is None or spin is None:
                box = QCheckBox(disciplina.nome)
                box.setObjectName(f"disciplina_{disciplina.id}")
                # As wide as its text, so that a click beside it does not tick it.
                box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
                spin = QSpinBox()
                spin.setObjectName(f"carga_{disciplina.id}")
                spin.setRange(0, CARGA_HORARIA_MAX)
                spin.setSingleStep(40)
                spin.setSpecialValueText(self.tr("não informada"))
                spin.setSuffix(self.tr(" h"))
                spin.setEnabled(False)
                spin.setAccessibleName(self.tr("Carga horária de {nome}").format(nome=disciplina.nome))
                box.toggled.connect(spin.setEnabled)
                box.toggled.connect(self._update_resumo)
                self.checkboxes[disciplina.id] = box
                self.cargas[disciplina.id] = spin
            self._grid.addWidget(box, line, 0)
            self._grid.addWidget(spin, line, 1)
        self._order = [d.id for d in ordered]
        # Up to 10 disciplinas show without scrolling; more scroll.
        line = self._grid.itemAtPosition(1, 1)
        row_height = (line.widget().sizeHint().height() if line else self.fontMetrics().height()) + 2
        visible = min(len(ordered), 10) + 1
        self._scroll.setFixedHeight(visible * row_height + 14)
        self._update_resumo()

    def _update_resumo(self) -> None:
        count = sum(1 for box in self.checkboxes.values() if box.isChecked())
        self.resumo.setText(
            plural(count, self.tr("{n} disciplina marcada"), self.tr("{n} disciplinas marcadas"))
            if count
            else self.tr("Nenhuma disciplina marcada")
        )

    def checkbox(self, nome: str) -> QCheckBox:
        """The check box of the disciplina called ``nome``."""
        return next(box for box in self.checkboxes.values() if box.text() == nome)

    def carga(self, nome: str) -> QSpinBox:
        """The carga horária of the disciplina called ``nome``."""
        for disciplina_id, box in self.checkboxes.items():
            if box.text() == nome:
                return self.cargas[disciplina_id]
        raise KeyError(nome)

    def check_all(self) -> None:
        for box in self.checkboxes.values():
            box.setChecked(True)

    def set_value(self, rows: Sequence[TurmaDisciplinaRow]) -> None:
        self._arrange([r.disciplina_id for r in rows])
        for row in rows:
            if row.disciplina_id in self.checkboxes:
                self.checkboxes[row.disciplina_id].setChecked(True)
                self.cargas[row.disciplina_id].setValue(row.carga_horaria or 0)

    def value(self) -> list[tuple[int, int | None]]:
        """The checked disciplinas as (id, carga horária or None), in the order shown."""
        return [(i, self.cargas[i].value() or None) for i in self._order if self.checkboxes[i].isChecked()]

    def first_widget(self) -> QWidget:
        return next(iter(self.checkboxes.values()), self)


class TurmaDialog(FormDialog):
    """Create (``turma_id=None``, in ``ano_letivo_id`` when given) or edit a turma and its disciplinas."""

    def __init__(
        self,
        turmas: TurmaService,
        anos: AnoLetivoService,
        disciplinas: DisciplinaService,
        turma_id: int | None = None,
        ano_letivo_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._turmas = turmas
        self._turma_id = turma_id
        self.setObjectName("turma_dialog")
        self.setWindowTitle(self.tr("Nova turma") if turma_id is None else self.tr("Editar turma"))

        self.ano_letivo = QComboBox()
        self.ano_letivo.setObjectName("ano_letivo")
        self.ano_letivo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.ano_letivo.setPlaceholderText(self.tr("Escolha o ano letivo"))
        anos_rows = anos.list()
        for ano in anos_rows:
            self.ano_letivo.addItem(_ano_text(ano), ano.id)
        self.nome = self._line_edit("nome", 80, self.tr("Ex.: 6º ano A"))
        self.serie = self._line_edit("serie", 80, self.tr("Ex.: 6º ano"))
        self.turno = QComboBox()
        self.turno.setObjectName("turno")
        self.turno.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.turno.setPlaceholderText(self.tr("Escolha o turno"))
        for code in TURNOS:
            self.turno.addItem(turno_label(code), code)
        self.turno.setCurrentIndex(-1)
        self.sala = self._line_edit("sala", 60, self.tr("Ex.: 12"))
        self.sala.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.vagas = QSpinBox()
        self.vagas.setObjectName("vagas")
        self.vagas.setRange(0, VAGAS_MAX)
        # 0 stands for "no limit": the service then stores None.
        self.vagas.setSpecialValueText(self.tr("sem limite"))
        self.vagas.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.disciplinas = DisciplinasEditor(disciplinas.list())

        self.add_field(self.tr("&Ano letivo:"), "ano_letivo_id", self.ano_letivo)
        self.add_field(self.tr("&Nome da turma:"), "nome", self.nome)
        self.add_field(self.tr("&Série/ano:"), "serie", self.serie)
        self.add_field(self.tr("&Turno:"), "turno", self.turno)
        self.add_field(self.tr("Sa&la:"), "sala", self.sala)
        self.add_field(self.tr("&Vagas:"), "vagas", self.vagas)
        self.add_field(self.tr("&Disciplinas:"), "carga_horaria", self.disciplinas, self.disciplinas.first_widget())

        if turma_id is None:
            index = self.ano_letivo.findData(ano_letivo_id) if ano_letivo_id is not None else -1
            self.ano_letivo.setCurrentIndex(index if index >= 0 else (0 if anos_rows else -1))
        else:
            self._load(turmas.get(turma_id), turmas.disciplinas(turma_id))
            if turmas.dependentes(turma_id).enturmacoes:
                self.ano_letivo.setEnabled(False)
                self.ano_letivo.setToolTip(self.tr("A turma já tem alunos; o ano letivo dela não muda mais."))
        self.nome.setFocus()

    def _load(self, data: TurmaData, disciplinas: Sequence[TurmaDisciplinaRow]) -> None:
        self.ano_letivo.setCurrentIndex(self.ano_letivo.findData(data.ano_letivo_id))
        self.nome.setText(data.nome)
        self.serie.setText(data.serie)
        self.turno.setCurrentIndex(self.turno.findData(data.turno))
        self.sala.setText(data.sala or "")
        self.vagas.setValue(data.vagas or 0)
        self.disciplinas.set_value(disciplinas)

    def collect(self) -> tuple[TurmaData, list[tuple[int, int | None]]]:
        data = TurmaData(
            ano_letivo_id=self.ano_letivo.currentData(),
            nome=self.nome.text(),
            serie=self.serie.text(),
            turno=self.turno.currentData() or "",
            sala=self.sala.text(),
            vagas=self.vagas.value() or None,
        )
        return data, self.disciplinas.value()

    def validate(self, data: tuple[TurmaData, list[tuple[int, int | None]]]) -> dict[str, str]:  # type: ignore[override]
        return self._turmas.validate(data[0], self._turma_id)

    def save(self, data: tuple[TurmaData, list[tuple[int, int | None]]]) -> int:  # type: ignore[override]
        turma, disciplinas = data
        if self._turma_id is None:
            return self._turmas.create(turma, disciplinas)
        self._turmas.update(self._turma_id, turma, disciplinas)
        return self._turma_id


def _ano_text(ano: AnoLetivoRow) -> str:
    if ano.encerrado:
        return QCoreApplication.translate("turmas", "{ano} (encerrado)").format(ano=ano.ano)
    return str(ano.ano)


class _SpaceToggles(QObject):
    """The space bar toggles the current row of the enturmação list."""

    def __init__(self, view: QTableView, toggle: Callable[[QModelIndex], None]) -> None:
        super().__init__(view)
        self._view = view
        self._toggle = toggle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override ``eventFilter()`` of QObject."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and self._view.currentIndex().isValid()
        ):
            self._toggle(self._view.currentIndex())
            return True
        return False


class EnturmarDialog(FormDialog):
    """Put several alunos in a turma at once: search, check, choose the date, Enturmar.

    The list holds the active alunos that are not yet in a turma of the turma's ano letivo.
    The service takes all of them or none; its reason (no vagas, already in a turma) shows
    under the list.
    """

    def __init__(self, service: TurmaService, turma: TurmaRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._turma = turma
        self.enturmacao_ids: list[int] = []
        self.setObjectName("enturmar_dialog")
        self.setWindowTitle(self.tr("Enturmar alunos em {turma}").format(turma=turma.nome))
        self.setMinimumWidth(DIALOG_MIN_WIDTH + 120)
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Enturmar"))

        intro = hint_label(
            self.tr(
                "Marque os alunos que entram na turma {turma}. A lista mostra os alunos ativos "
                "que ainda não estão em nenhuma turma de {ano}."
            ).format(turma=turma.nome, ano=turma.ano),
            "enturmar_explicacao",
        )
        self._layout.insertWidget(0, intro)

        self.busca = QLineEdit()
        self.busca.setObjectName("busca_candidatos")
        self.busca.setPlaceholderText(self.tr("Buscar por nome ou RA…"))
        self.busca.setClearButtonEnabled(True)

        self.model = CandidatosModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.lista = table_view("lista_candidatos")
        self.lista.setModel(self.proxy)
        self.lista.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lista.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lista.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.lista.setMinimumHeight(self.fontMetrics().height() * 16)
        self.lista.clicked.connect(self._toggle)
        self.lista.installEventFilter(_SpaceToggles(self.lista, self._toggle))
        self.vazio = hint_label("", "sem_candidatos")
        self.vazio.setVisible(False)

        self.selecionar_todos = QPushButton(self.tr("Selecionar todos"))
        self.selecionar_todos.setObjectName("selecionar_todos")
        self.selecionar_todos.setToolTip(self.tr("Marca todos os alunos da lista (só os encontrados, se houver busca)"))
        self.desmarcar_todos = QPushButton(self.tr("Desmarcar todos"))
        self.desmarcar_todos.setObjectName("desmarcar_todos")
        self.contagem = QLabel()
        self.contagem.setObjectName("contagem")
        self.contagem.setWordWrap(True)
        self.selecionar_todos.clicked.connect(lambda: self._check_shown(True))
        self.desmarcar_todos.clicked.connect(lambda: self._check_shown(False))

        lista_box = QWidget()
        lista_layout = QVBoxLayout(lista_box)
        lista_layout.setContentsMargins(0, 0, 0, 0)
        lista_layout.setSpacing(4)
        lista_layout.addWidget(self.busca)
        lista_layout.addWidget(self.lista, 1)
        lista_layout.addWidget(self.vazio)
        buttons = QHBoxLayout()
        buttons.addWidget(self.selecionar_todos)
        buttons.addWidget(self.desmarcar_todos)
        buttons.addWidget(self.contagem, 1)
        lista_layout.addLayout(buttons)

        self.data_entrada = date_edit("data_entrada")

        self.add_field(self.tr("&Alunos:"), "alunos", lista_box, self.busca)
        self.add_field(self.tr("&Data de entrada:"), "data_entrada", self.data_entrada)

        self.busca.textChanged.connect(lambda text: self.proxy.setFilterFixedString(normalize_text(text).strip()))
        self.model.checked_changed.connect(self._update_contagem)
        self.model.reload(service.candidatos(turma.id, limit=CANDIDATOS_LIMIT))
        if self.model.rowCount() == 0:
            self.vazio.setText(
                self.tr("Não há alunos para enturmar: todos os alunos ativos já estão em uma turma de {ano}.").format(
                    ano=turma.ano
                )
            )
            self.vazio.setVisible(True)
            self.lista.setVisible(False)
            self.busca.setEnabled(False)
            self.selecionar_todos.setEnabled(False)
            self.desmarcar_todos.setEnabled(False)
        self.busca.setFocus()

    def _toggle(self, index: QModelIndex) -> None:
        self.model.toggle(self.proxy.mapToSource(index).row())

    def _shown_rows(self) -> list[int]:
        return [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount())]

    def _check_shown(self, checked: bool) -> None:
        self.model.set_checked(self._shown_rows(), checked)

    def row_of(self, nome: str) -> int:
        """The row of the list (as shown) that holds the aluno ``nome``; -1 if not shown."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data() == nome:
                return row
        return -1

    def _update_contagem(self) -> None:
        marcados = len(self.model.checked_ids())
        texto = plural(marcados, self.tr("{n} aluno marcado"), self.tr("{n} alunos marcados"))
        style = ""
        if self._turma.vagas is None:
            texto += self.tr(" · turma sem limite de vagas")
        else:
            livres = max(self._turma.vagas - self._turma.alunos, 0)
            sobram = livres - marcados
            if sobram >= 0:
                texto += " · " + plural(
                    sobram,
                    self.tr("sobra {n} das {livres} vagas livres"),
                    self.tr("sobram {n} das {livres} vagas livres"),
                    livres=livres,
                )
            else:
                texto += " · " + self.tr("{n} a mais que as {livres} vagas livres").format(n=-sobram, livres=livres)
                style = ERROR_STYLE
        self.contagem.setText(texto)
        self.contagem.setStyleSheet(style)

    def collect(self) -> tuple[list[int], date]:
        return self.model.checked_ids(), from_qdate(self.data_entrada.date())

    def validate(self, data: tuple[list[int], date]) -> dict[str, str]:  # type: ignore[override]
        if not data[0]:
            return {"alunos": self.tr("Marque ao menos um aluno.")}
        return {}

    def save(self, data: tuple[list[int], date]) -> int:  # type: ignore[override]
        self.enturmacao_ids = self._service.enturmar(self._turma.id, data[0], data[1])
        return len(self.enturmacao_ids)


class SituacaoDialog(FormDialog):
    """Set (or give back to the notas) the situação of one or more alunos of a turma.

    The motivo is required and goes to the history; a situação that ends the aluno's stay
    (transferido, abandono, falecido) asks for the data de saída.
    """

    def __init__(
        self, service: TurmaService, turma_nome: str, rows: Sequence[EnturmacaoRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._rows = list(rows)
        self.setObjectName("situacao_dialog")
        self.setWindowTitle(self.tr("Alterar situação — {turma}").format(turma=turma_nome))

        quem = plural(len(rows), self.tr("{n} aluno: "), self.tr("{n} alunos: ")) + _nomes(rows)
        alunos = QLabel(quem)
        alunos.setObjectName("alunos_escolhidos")
        alunos.setWordWrap(True)
        self._layout.insertWidget(0, alunos)

        self.situacao = QComboBox()
        self.situacao.setObjectName("situacao")
        self.situacao.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.situacao.addItem(situacao_label(None), None)
        # Remanejado comes from Remanejar…, which also opens the new enturmação; "Em recuperação"
        # and the frequência so far are computed while the year runs, never set by hand.
        for situacao in Situacao:
            if situacao is not Situacao.REMANEJADO and situacao not in SITUACOES_SO_CALCULADAS:
                self.situacao.addItem(situacao_label(situacao), situacao)
        manuais = {r.situacao if r.manual else None for r in rows}
        atual = manuais.pop() if len(manuais) == 1 else None
        self.situacao.setCurrentIndex(max(self.situacao.findData(atual), 0))

        self.data_saida = date_edit("data_saida")
        self.motivo = self._line_edit("motivo", 500, self.tr("Ex.: transferido para outra escola a pedido da família"))
        self.efeito = hint_label("", "efeito")

        self.add_field(self.tr("&Nova situação:"), "situacao", self.situacao)
        self._data_row = self.add_row(self.tr("&Data de saída:"), "data_saida", self.data_saida)
        self.add_field(self.tr("&Motivo:"), "motivo", self.motivo)
        self._form.addRow("", self.efeito)
        self.situacao.currentIndexChanged.connect(self._update)
        self._update()
        self.motivo.setFocus()

    def _chosen(self) -> Situacao | None:
        value = self.situacao.currentData()
        return Situacao(value) if value is not None else None

    def _update(self) -> None:
        chosen = self._chosen()
        sai = chosen in SITUACOES_DE_SAIDA
        ja_sairam = [r for r in self._rows if not r.ativa]
        # The service keeps the data de saída of those who already left.
        self._form.setRowVisible(self._data_row, sai and len(ja_sairam) < len(self._rows))
        if sai and not ja_sairam:
            text = self.tr("A saída fica registrada na data acima; a vaga na turma fica livre.")
        elif sai and len(ja_sairam) == len(self._rows):
            text = self.tr("A data de saída já registrada não muda.")
        elif sai:
            text = self.tr(
                "A saída fica registrada na data acima; para {nomes}, que já saíram, vale a data já registrada."
            ).format(nomes=_nomes(ja_sairam))
        else:
            voltam = ja_sairam
            text = (
                self.tr("A situação volta a ser calculada pelas notas e pela frequência.")
                if chosen is None
                else self.tr("A situação fica fixa até ser alterada de novo.")
            )
            if voltam:
                text += " " + self.tr("A data de saída de {nomes} será apagada: voltam a constar na turma.").format(
                    nomes=_nomes(voltam)
                )
        self.efeito.setText(text + " " + self.tr("A mudança fica no histórico da situação."))
        self.adjustSize()

    def collect(self) -> tuple[Situacao | None, str, date | None]:
        chosen = self._chosen()
        saida = from_qdate(self.data_saida.date()) if chosen in SITUACOES_DE_SAIDA else None
        return chosen, self.motivo.text(), saida

    def validate(self, data: tuple[Situacao | None, str, date | None]) -> dict[str, str]:  # type: ignore[override]
        return {}  # the service checks the motivo and the dates, all or nothing

    def save(self, data: tuple[Situacao | None, str, date | None]) -> int:  # type: ignore[override]
        situacao, motivo, saida = data
        self._service.mudar_situacao([r.id for r in self._rows], situacao, motivo, saida)
        return self._rows[0].id


class RemanejarDialog(FormDialog):
    """Move one aluno to another turma of the same ano letivo, with the date and the motivo."""

    def __init__(
        self,
        service: TurmaService,
        enturmacao: EnturmacaoRow,
        destinos: Sequence[TurmaRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._enturmacao = enturmacao
        self.nova_enturmacao_id: int | None = None
        self.setObjectName("remanejar_dialog")
        self.setWindowTitle(self.tr("Remanejar {aluno}").format(aluno=enturmacao.aluno_nome))
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Remanejar"))

        explicacao = QLabel(
            self.tr(
                "{aluno} sai de {turma} e passa para a turma escolhida, levando as notas e a frequência "
                "das disciplinas que as duas turmas têm. Em {turma} fica registrado como Remanejado."
            ).format(aluno=enturmacao.aluno_nome, turma=enturmacao.turma_nome)
        )
        explicacao.setObjectName("remanejar_explicacao")
        explicacao.setWordWrap(True)
        self._layout.insertWidget(0, explicacao)

        self.turma = QComboBox()
        self.turma.setObjectName("turma")
        self.turma.setPlaceholderText(
            self.tr("Escolha a turma") if destinos else self.tr("Não há outra turma neste ano letivo")
        )
        for destino in destinos:
            text = f"{destino.nome} — {turno_label(destino.turno)} — " + self.tr("{vagas} alunos").format(
                vagas=vagas_text(destino)
            )
            self.turma.addItem(text, destino.id)
        self.turma.setCurrentIndex(-1)
        self.data = date_edit("data")
        self.motivo = self._line_edit("motivo", 500, self.tr("Ex.: troca de turno a pedido da família"))

        self.add_field(self.tr("&Nova turma:"), "turma", self.turma)
        self.add_field(self.tr("&Data da mudança:"), "data_saida", self.data)
        self.add_field(self.tr("&Motivo:"), "motivo", self.motivo)
        self.turma.setFocus()

    def collect(self) -> tuple[int | None, date, str]:
        return self.turma.currentData(), from_qdate(self.data.date()), self.motivo.text()

    def validate(self, data: tuple[int | None, date, str]) -> dict[str, str]:  # type: ignore[override]
        return {"turma": self.tr("Escolha a turma para onde o aluno vai.")} if data[0] is None else {}

    def save(self, data: tuple[int | None, date, str]) -> int:  # type: ignore[override]
        turma_id, quando, motivo = data
        assert turma_id is not None
        self.nova_enturmacao_id = self._service.remanejar(self._enturmacao.id, turma_id, quando, motivo)
        return self.nova_enturmacao_id


class HistoricoDialog(QDialog):
    """The manual changes of one aluno's situação in a turma (read only)."""

    def __init__(self, service: TurmaService, enturmacao: EnturmacaoRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historico_dialog")
        self.setWindowTitle(self.tr("Histórico da situação — {aluno}").format(aluno=enturmacao.aluno_nome))
        self.setMinimumWidth(DIALOG_MIN_WIDTH + 160)

        atual = _situacao_text(enturmacao)
        if enturmacao.manual and enturmacao.motivo:
            atual += " — " + enturmacao.motivo
        self.atual = QLabel(
            self.tr("{aluno} em {turma}. Situação atual: <b>{situacao}</b>")
            .replace("{aluno}", _html(enturmacao.aluno_nome))
            .replace("{turma}", _html(enturmacao.turma_nome))
            .replace("{situacao}", _html(atual))
        )
        self.atual.setObjectName("situacao_atual")
        self.atual.setWordWrap(True)

        self.model = HistoricoTableModel(self)
        self.model.reload(service.historico_situacoes(enturmacao.id))
        self.table = table_view("tabela_historico")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.vazio = hint_label(
            self.tr("A situação nunca foi alterada à mão: ela é calculada pelas notas e pela frequência."),
            "historico_vazio",
        )
        self.vazio.setVisible(self.model.rowCount() == 0)
        self.table.setVisible(self.model.rowCount() > 0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fechar"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.atual)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.vazio)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """The table as shown, for tests and for reading aloud."""
        return [
            [self.model.index(r, c).data() for c in range(self.model.columnCount())]
            for r in range(self.model.rowCount())
        ]


def _html(text: str) -> str:
    return html.escape(text)


# --- the page -------------------------------------------------------------------------


class TurmasPage(QWidget):
    """The turmas of the chosen ano letivo beside the alunos of the selected turma.

    ``configurar_requested`` asks the window to show Configurações (there is no ano letivo
    yet); ``changed`` tells it that turmas or enturmações changed.
    """

    configurar_requested = Signal()
    changed = Signal()

    def __init__(
        self,
        turmas: TurmaService,
        anos: AnoLetivoService,
        disciplinas: DisciplinaService,
        parent: QWidget | None = None,
        *,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self._turmas = turmas
        self._anos = anos
        self._disciplinas = disciplinas
        self._anos_carregados = False
        self._anos_encerrados: set[int] = set()
        self._reloading_turmas = False
        self.dialog: QDialog | None = None
        self.setObjectName("turmas_page")

        # --- when there is no ano letivo yet
        self.sem_ano = QWidget()
        self.sem_ano.setObjectName("turmas_sem_ano")
        self.sem_ano_texto = QLabel(
            self.tr(
                "<h3>Ainda não há ano letivo cadastrado</h3>"
                "<p>Toda turma pertence a um ano letivo (2026, por exemplo), que diz se o ano tem "
                "bimestres ou trimestres e qual é a média para aprovação.</p>"
                "<p>Cadastre o primeiro ano letivo em <b>Configurações → Anos letivos</b> "
                "e depois volte aqui para criar as turmas.</p>"
            )
        )
        self.sem_ano_texto.setObjectName("sem_ano_texto")
        self.sem_ano_texto.setWordWrap(True)
        self.sem_ano_texto.setFixedWidth(EMPTY_TEXT_WIDTH)
        # A wrapped label inside an aligned layout item gets a one-line height: ask for all of it.
        self.sem_ano_texto.setMinimumHeight(self.sem_ano_texto.heightForWidth(EMPTY_TEXT_WIDTH))
        self.configurar_button = QPushButton(self.tr("Ir para Configurações"))
        self.configurar_button.setObjectName("ir_para_configuracoes")
        self.configurar_button.clicked.connect(self.configurar_requested)
        sem_ano_layout = QVBoxLayout(self.sem_ano)
        sem_ano_layout.addStretch(1)
        sem_ano_layout.addWidget(self.sem_ano_texto, 0, Qt.AlignmentFlag.AlignHCenter)
        sem_ano_layout.addWidget(self.configurar_button, 0, Qt.AlignmentFlag.AlignHCenter)
        sem_ano_layout.addStretch(2)

        # --- the list of turmas
        self.ano_combo = QComboBox()
        self.ano_combo.setObjectName("turmas_ano_letivo")
        self.ano_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        ano_label = QLabel(self.tr("&Ano letivo:"))
        ano_label.setBuddy(self.ano_combo)
        self.busca = QLineEdit()
        self.busca.setObjectName("turmas_busca")
        self.busca.setPlaceholderText(self.tr("Buscar turma ou série…"))
        self.busca.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self._guarded(self._reload_turmas))
        self.busca.textChanged.connect(self._search_timer.start)
        self.ano_combo.currentIndexChanged.connect(lambda _i: self._guarded(self._reload_turmas))
        filtros = QHBoxLayout()
        filtros.addWidget(ano_label)
        filtros.addWidget(self.ano_combo)
        filtros.addWidget(self.busca, 1)

        self.turma_model = TurmaTableModel(self)
        self.turma_proxy = make_sort_proxy(self.turma_model, self)
        self.turmas_table = table_view("turmas_tabela")
        self.turmas_table.setModel(self.turma_proxy)
        self.turmas_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.turmas_table.setSortingEnabled(True)
        self.turmas_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.turmas_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.turmas_table.selectionModel().selectionChanged.connect(lambda *_: self._on_turma_changed())
        self.turmas_table.doubleClicked.connect(lambda _i: self._editar_turma())
        self.sem_turmas = hint_label("", "sem_turmas")

        self.nova_button = QPushButton(self.tr("&Nova turma…"))
        self.nova_button.setObjectName("turmas_nova")
        self.editar_button = QPushButton(self.tr("&Editar…"))
        self.editar_button.setObjectName("turmas_editar")
        self.excluir_button = QPushButton(self.tr("E&xcluir…"))
        self.excluir_button.setObjectName("turmas_excluir")
        self.nova_button.clicked.connect(self._nova_turma)
        self.editar_button.clicked.connect(self._editar_turma)
        self.excluir_button.clicked.connect(self._excluir_turma)
        turma_buttons = QHBoxLayout()
        turma_buttons.addWidget(self.nova_button)
        turma_buttons.addWidget(self.editar_button)
        turma_buttons.addWidget(self.excluir_button)
        turma_buttons.addStretch(1)

        lista = QWidget()
        lista.setObjectName("turmas_lista")
        lista_layout = QVBoxLayout(lista)
        lista_layout.setContentsMargins(0, 0, 6, 0)
        titulo_lista = QLabel(self.tr("<b>Turmas</b>"))
        lista_layout.addWidget(titulo_lista)
        lista_layout.addLayout(filtros)
        lista_layout.addWidget(self.turmas_table, 1)
        lista_layout.addWidget(self.sem_turmas)
        lista_layout.addLayout(turma_buttons)

        # --- the selected turma
        self.turma_titulo = QLabel()
        self.turma_titulo.setObjectName("turma_titulo")
        self.turma_titulo.setTextFormat(Qt.TextFormat.RichText)
        self.turma_detalhes = QLabel()
        self.turma_detalhes.setObjectName("turma_detalhes")
        self.turma_detalhes.setWordWrap(True)

        self.roster_model = RosterTableModel(self)
        self.roster_proxy = make_sort_proxy(self.roster_model, self)
        self.roster_table = table_view("roster_tabela")
        self.roster_table.setModel(self.roster_proxy)
        self.roster_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        roster_header = self.roster_table.horizontalHeader()
        # The service's order (those in the turma by name, then those who left) until a header click.
        roster_header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.roster_table.setSortingEnabled(True)
        roster_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        roster_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.roster_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.roster_table.doubleClicked.connect(lambda _i: self._historico())
        self.roster_vazio = hint_label(
            self.tr("Nenhum aluno nesta turma ainda. Clique em Enturmar alunos… para incluí-los."), "roster_vazio"
        )
        self.legenda = hint_label(
            self.tr(
                "Selecione um ou mais alunos (Ctrl ou Shift + clique) para alterar a situação ou retirá-los da turma. "
                "“(manual)”: situação alterada pela secretaria; passe o mouse sobre ela para ver o motivo. "
                "Em cinza, os alunos que já saíram da turma."
            ),
            "roster_legenda",
        )

        self.enturmar_button = QPushButton(self.tr("Enturmar &alunos…"))
        self.enturmar_button.setObjectName("enturmar")
        self.situacao_button = QPushButton(self.tr("Alterar &situação…"))
        self.situacao_button.setObjectName("alterar_situacao")
        self.remanejar_button = QPushButton(self.tr("&Remanejar…"))
        self.remanejar_button.setObjectName("remanejar")
        self.historico_button = QPushButton(self.tr("&Histórico da situação"))
        self.historico_button.setObjectName("historico_situacao")
        self.retirar_button = QPushButton(self.tr("Re&tirar da turma…"))
        self.retirar_button.setObjectName("retirar_da_turma")
        self.retirar_button.setToolTip(
            self.tr(
                "Desfaz uma enturmação feita por engano: apaga a matrícula nesta turma com as notas "
                "e a frequência. Para um aluno que saiu da escola, use Alterar situação."
            )
        )
        self.enturmar_button.clicked.connect(self._enturmar)
        self.situacao_button.clicked.connect(self._alterar_situacao)
        self.remanejar_button.clicked.connect(self._remanejar)
        self.historico_button.clicked.connect(self._historico)
        self.retirar_button.clicked.connect(self._retirar)
        # Two rows, so the page stays narrow: who is in the turma (in and out again, for a
        # mistake), then the situação of the alunos selected.
        roster_buttons = QGridLayout()
        roster_buttons.addWidget(self.enturmar_button, 0, 0)
        roster_buttons.addWidget(self.retirar_button, 0, 1)
        roster_buttons.addWidget(self.situacao_button, 1, 0)
        roster_buttons.addWidget(self.remanejar_button, 1, 1)
        roster_buttons.addWidget(self.historico_button, 1, 2)
        roster_buttons.setColumnStretch(3, 1)

        self.detalhe = QWidget()
        self.detalhe.setObjectName("turma_detalhe")
        detalhe_layout = QVBoxLayout(self.detalhe)
        detalhe_layout.setContentsMargins(6, 0, 0, 0)
        detalhe_layout.addWidget(self.turma_titulo)
        detalhe_layout.addWidget(self.turma_detalhes)
        self.roster_vazio.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.roster_stack = QStackedWidget()
        self.roster_stack.addWidget(self.roster_table)
        self.roster_stack.addWidget(self.roster_vazio)
        detalhe_layout.addWidget(self.roster_stack, 1)
        detalhe_layout.addLayout(roster_buttons)
        detalhe_layout.addWidget(self.legenda)

        self.nenhuma_turma = hint_label(
            self.tr("Selecione uma turma na lista para ver os alunos dela."), "nenhuma_turma"
        )
        self.nenhuma_turma.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detalhe_stack = QStackedWidget()
        self.detalhe_stack.addWidget(self.nenhuma_turma)
        self.detalhe_stack.addWidget(self.detalhe)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("turmas_divisao")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(lista)
        self.splitter.addWidget(self.detalhe_stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([480, 620])

        self.stack = QStackedWidget()
        self.stack.addWidget(self.sem_ano)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        if load:  # the main window reads the file when the page is first shown
            self.refresh()

    # --- state ----------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """The file cannot be written: no button that changes turmas; Editar… opens for viewing."""
        if read_only:
            keep_disabled(
                [
                    self.nova_button,
                    self.excluir_button,
                    self.enturmar_button,
                    self.situacao_button,
                    self.remanejar_button,
                    self.retirar_button,
                ]
            )
            self.editar_button.setText(self.tr("&Ver…"))

    def refresh(self) -> None:
        """Read the anos letivos, turmas and the roster again, keeping what was selected."""
        self._guarded(self._refresh)

    def _refresh(self) -> None:
        anos = self._anos.list()
        self._fill_anos(anos)
        self.stack.setCurrentWidget(self.splitter if anos else self.sem_ano)
        self._reload_turmas()

    def _fill_anos(self, anos: Sequence[AnoLetivoRow]) -> None:
        previous = self.ano_combo.currentData() if self._anos_carregados else -1
        self.ano_combo.blockSignals(True)
        try:
            self.ano_combo.clear()
            self.ano_combo.addItem(self.tr("Todos"), None)
            for ano in anos:  # newest first
                self.ano_combo.addItem(_ano_text(ano), ano.id)
            index = self.ano_combo.findData(previous) if previous is not None else 0
            self.ano_combo.setCurrentIndex(index if index >= 0 else min(1, self.ano_combo.count() - 1))
        finally:
            self.ano_combo.blockSignals(False)
        self._anos_carregados = bool(anos)
        self._anos_encerrados = {a.id for a in anos if a.encerrado}

    def selected_turma(self) -> TurmaRow | None:
        rows = self.turmas_table.selectionModel().selectedRows()
        if not rows:
            return None
        turma_id = rows[0].data(ID_ROLE)
        return next((r for r in self.turma_model.rows() if r.id == turma_id), None)

    def select_turma(self, turma_id: int) -> bool:
        for row in range(self.turma_proxy.rowCount()):
            index = self.turma_proxy.index(row, 0)
            if index.data(ID_ROLE) == turma_id:
                self.turmas_table.selectRow(row)
                self.turmas_table.scrollTo(index)
                return True
        return False

    def selected_enturmacoes(self) -> list[EnturmacaoRow]:
        """The selected alunos of the roster, in the order shown."""
        ids = [
            i.data(ID_ROLE) for i in sorted(self.roster_table.selectionModel().selectedRows(), key=lambda i: i.row())
        ]
        by_id = {r.id: r for r in self.roster_model.rows()}
        return [by_id[i] for i in ids if i in by_id]

    def select_enturmacoes(self, ids: Sequence[int]) -> None:
        selection = self.roster_table.selectionModel()
        selection.clearSelection()
        wanted = set(ids)
        for row in range(self.roster_proxy.rowCount()):
            index = self.roster_proxy.index(row, 0)
            if index.data(ID_ROLE) in wanted:
                selection.select(
                    index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                )

    def _reload_turmas(self, select_id: int | None = None) -> None:
        current = self.selected_turma()
        keep = select_id if select_id is not None else (current.id if current else None)
        ano_id = self.ano_combo.currentData()
        rows = self._turmas.list(ano_id, self.busca.text())
        self._reloading_turmas = True  # one roster load below, not one per selection signal
        try:
            self.turma_model.reload(rows)
            self.turmas_table.setColumnHidden(TurmaTableModel.ANO_COLUMN, ano_id is not None)
            if not (keep is not None and self.select_turma(keep)) and rows:
                self.turmas_table.selectRow(0)
        finally:
            self._reloading_turmas = False
        if rows:
            self.sem_turmas.setVisible(False)
        else:
            self.sem_turmas.setText(
                self.tr("Nenhuma turma encontrada.")
                if self.busca.text().strip()
                else self.tr("Nenhuma turma neste ano letivo ainda. Clique em Nova turma… para criar a primeira.")
            )
            self.sem_turmas.setVisible(True)
        self._on_turma_changed()

    def _on_turma_changed(self) -> None:
        if not self._reloading_turmas:
            self._guarded(self._reload_roster)

    def _reload_roster(self, select_ids: Sequence[int] = ()) -> None:
        turma = self.selected_turma()
        keep = list(select_ids) or [r.id for r in self.selected_enturmacoes()]
        if turma is None:
            self.roster_model.reload([])
            self.detalhe_stack.setCurrentWidget(self.nenhuma_turma)
            self._update_buttons()
            return
        self.roster_model.reload(self._turmas.roster(turma.id))
        self.detalhe_stack.setCurrentWidget(self.detalhe)
        self.turma_titulo.setText(f"<h3 style='margin:0'>{_html(turma.nome)}</h3>")
        partes = [str(turma.ano), turma.serie, turno_label(turma.turno)]
        if turma.sala:
            partes.append(self.tr("sala {sala}").format(sala=turma.sala))
        alunos = plural(turma.alunos, self.tr("{n} aluno"), self.tr("{n} alunos"))
        if turma.vagas is None:
            alunos += self.tr(" (sem limite de vagas)")
        else:
            livres = turma.vagas - turma.alunos
            alunos += " " + plural(
                livres,
                self.tr("em {vagas} vagas, {n} livre"),
                self.tr("em {vagas} vagas, {n} livres"),
                vagas=turma.vagas,
            )
        texto = " · ".join(partes) + " — " + alunos
        if turma.ano_letivo_id in self._anos_encerrados:
            texto += "\n" + self.tr(
                "O ano letivo {ano} está encerrado: ninguém entra na turma nem é remanejado. "
                "Para mudar isso, reabra o ano em Configurações → Anos letivos."
            ).format(ano=turma.ano)
        self.turma_detalhes.setText(texto)
        empty = self.roster_model.rowCount() == 0
        self.roster_stack.setCurrentWidget(self.roster_vazio if empty else self.roster_table)
        self.legenda.setVisible(not empty)
        if keep:
            self.select_enturmacoes(keep)
        self._update_buttons()

    def _update_buttons(self) -> None:
        turma = self.selected_turma()
        selected = self.selected_enturmacoes()
        self.editar_button.setEnabled(turma is not None)
        self.excluir_button.setEnabled(turma is not None)
        aberto = turma is not None and turma.ano_letivo_id not in self._anos_encerrados
        self.enturmar_button.setEnabled(aberto)
        self.situacao_button.setEnabled(bool(selected))
        self.remanejar_button.setEnabled(aberto and len(selected) == 1 and selected[0].ativa)
        self.historico_button.setEnabled(len(selected) == 1)
        self.retirar_button.setEnabled(aberto and bool(selected))

    def _guarded(self, operation: Callable[[], object]) -> bool:
        return messages.run_guarded(self, operation, self.refresh)

    def _open(self, make: Callable[[], QDialog], on_accepted: Callable[[QDialog], None]) -> None:
        holder: list[QDialog] = []
        if not self._guarded(lambda: holder.append(make())):
            return
        dialog = holder[0]
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- turmas -----------------------------------------------------------------------

    def _nova_turma(self) -> None:
        ano_id = self.ano_combo.currentData()
        if ano_id is None and self.ano_combo.count() > 1:
            ano_id = self.ano_combo.itemData(1)  # "Todos": the newest year
        self._open(
            lambda: TurmaDialog(self._turmas, self._anos, self._disciplinas, None, ano_id, self),
            self._after_turma_saved,
        )

    def _editar_turma(self) -> None:
        turma = self.selected_turma()
        if turma is None:
            return
        self._open(
            lambda: TurmaDialog(self._turmas, self._anos, self._disciplinas, turma.id, None, self),
            self._after_turma_saved,
        )

    def _after_turma_saved(self, dialog: QDialog) -> None:
        saved = getattr(dialog, "saved_id", None)

        def reload() -> None:
            data = self._turmas.get(saved) if saved is not None else None
            # A turma saved in another year than the one shown: show that year, where it is.
            if data is not None and self.ano_combo.currentData() not in (None, data.ano_letivo_id):
                index = self.ano_combo.findData(data.ano_letivo_id)
                if index >= 0:
                    self.ano_combo.blockSignals(True)
                    self.ano_combo.setCurrentIndex(index)
                    self.ano_combo.blockSignals(False)
            self._reload_turmas(saved)

        self._guarded(reload)
        self.changed.emit()

    def delete_question(self, turma: TurmaRow) -> str | None:
        """ "Excluir a turma 6º ano A? Vão junto …", naming what goes with it."""
        holder: list[Any] = []
        if not self._guarded(lambda: holder.append(self._turmas.dependentes(turma.id))):
            return None
        dep = holder[0]
        partes = []
        if dep.enturmacoes:
            partes.append(
                plural(dep.enturmacoes, self.tr("{n} matrícula na turma"), self.tr("{n} matrículas na turma"))
            )
        if dep.notas:
            partes.append(plural(dep.notas, self.tr("{n} nota"), self.tr("{n} notas")))
        if dep.frequencias:
            partes.append(
                plural(dep.frequencias, self.tr("{n} registro de frequência"), self.tr("{n} registros de frequência"))
            )
        question = self.tr("Excluir a turma {nome}?").format(nome=turma.nome)
        lixeira = " " + self.tr("A turma vai para a Lixeira e pode ser restaurada até a lixeira ser esvaziada.")
        if not partes:
            return question + " " + self.tr("Ela não tem alunos, notas nem frequência.") + lixeira
        only_one = dep.enturmacoes + dep.notas + dep.frequencias == 1
        verbo = self.tr("Vai junto") if only_one else self.tr("Vão junto")
        return question + " " + verbo + " " + _join(partes) + "." + lixeira

    def _excluir_turma(self) -> None:
        turma = self.selected_turma()
        if turma is None:
            return
        question = self.delete_question(turma)
        if question is None or not messages.ask_yes_no(self, self.tr("Excluir turma"), question):
            return
        self._guarded(lambda: self._turmas.delete(turma.id))
        self._guarded(self._reload_turmas)
        self.changed.emit()

    # --- alunos of the turma ----------------------------------------------------------

    def _enturmar(self) -> None:
        turma = self.selected_turma()
        if turma is None:
            return
        self._open(lambda: EnturmarDialog(self._turmas, turma, self), self._after_enturmar)

    def _after_enturmar(self, dialog: QDialog) -> None:
        ids = dialog.enturmacao_ids if isinstance(dialog, EnturmarDialog) else []
        turma = self.selected_turma()

        def reload() -> None:
            self._reload_turmas(turma.id if turma else None)
            self._reload_roster(ids)

        self._guarded(reload)
        self.changed.emit()

    def _alterar_situacao(self) -> None:
        rows = self.selected_enturmacoes()
        turma = self.selected_turma()
        if not rows or turma is None:
            return
        remanejados = [r for r in rows if r.situacao is Situacao.REMANEJADO and r.manual]
        if remanejados:
            messages.show_error(
                self,
                self.tr("Alterar situação"),
                self.tr(
                    "{nomes}: a matrícula nesta turma foi encerrada por remanejamento. "
                    "Altere a situação na turma para onde o aluno foi."
                ).format(nomes=_nomes(remanejados)),
            )
            return
        self._open(lambda: SituacaoDialog(self._turmas, turma.nome, rows, self), self._after_roster_change)

    def _after_roster_change(self, dialog: QDialog) -> None:
        keep = [r.id for r in self.selected_enturmacoes()]
        turma = self.selected_turma()

        def reload() -> None:
            self._reload_turmas(turma.id if turma else None)
            self._reload_roster(keep)

        self._guarded(reload)
        self.changed.emit()

    def _remanejar(self) -> None:
        rows = self.selected_enturmacoes()
        turma = self.selected_turma()
        if len(rows) != 1 or turma is None:
            return
        row = rows[0]
        if not row.ativa:
            messages.show_error(
                self,
                self.tr("Remanejar"),
                self.tr("{aluno} já saiu desta turma em {data}.").format(
                    aluno=row.aluno_nome, data=format_date(row.data_saida)
                ),
            )
            return

        def make() -> QDialog:
            destinos = [t for t in self._turmas.list(turma.ano_letivo_id) if t.id != turma.id]
            return RemanejarDialog(self._turmas, row, destinos, self)

        self._open(make, self._after_roster_change)

    def _historico(self) -> None:
        rows = self.selected_enturmacoes()
        if len(rows) != 1:
            return
        self._open(lambda: HistoricoDialog(self._turmas, rows[0], self), lambda _d: None)

    def retirar_question(self, turma: TurmaRow, rows: Sequence[EnturmacaoRow]) -> str | None:
        """ "Retirar Ana Souza e Bruno Lima da turma 6º ano A? … Vão junto …", naming the
        alunos (up to 5), what goes with them and who goes back after a remanejamento."""
        holder: list[DependentesEnturmacoes] = []
        if not self._guarded(lambda: holder.append(self._turmas.dependentes_enturmacoes([r.id for r in rows]))):
            return None
        dep = holder[0]
        partes = []
        if dep.notas:
            partes.append(plural(dep.notas, self.tr("{n} nota"), self.tr("{n} notas")))
        if dep.recuperacoes_finais:
            partes.append(
                plural(dep.recuperacoes_finais, self.tr("{n} recuperação final"), self.tr("{n} recuperações finais"))
            )
        if dep.frequencias:
            partes.append(
                plural(dep.frequencias, self.tr("{n} registro de frequência"), self.tr("{n} registros de frequência"))
            )
        if dep.historico:
            partes.append(
                plural(
                    dep.historico,
                    self.tr("{n} registro no histórico da situação"),
                    self.tr("{n} registros no histórico da situação"),
                )
            )
        frases = [
            self.tr("Retirar {nomes} da turma {turma}?").format(nomes=_nomes(rows), turma=turma.nome),
            self.tr(
                "Use isto só para desfazer uma enturmação feita por engano; "
                "para um aluno que saiu, use Alterar situação."
            ),
        ]
        if partes:
            only_one = dep.notas + dep.recuperacoes_finais + dep.frequencias + dep.historico == 1
            verbo = self.tr("Vai junto") if only_one else self.tr("Vão junto")
            frases.append(verbo + " " + _join(partes) + ".")
        else:
            frases.append(self.tr("Não há notas nem frequência lançadas."))
        for aluno, origem in dep.voltam:
            frases.append(
                self.tr("{aluno} volta para a turma {origem}, de onde veio por remanejamento.").format(
                    aluno=aluno, origem=origem
                )
            )
        return " ".join(frases)

    def _retirar(self) -> None:
        rows = self.selected_enturmacoes()
        turma = self.selected_turma()
        if not rows or turma is None:
            return
        question = self.retirar_question(turma, rows)
        title = self.tr("Retirar da turma")
        if question is None or not messages.ask_yes_no(self, title, question):
            return
        refused: list[str] = []

        def retirar() -> None:
            try:
                self._turmas.retirar([r.id for r in rows])
            except ValidationError as error:
                refused.append(translate_validation(error.message))

        done = self._guarded(retirar) and not refused
        if refused:
            messages.show_error(self, title, refused[0])
        self._guarded(lambda: self._reload_turmas(turma.id))
        if done:
            self.changed.emit()


__all__ = [
    "CandidatosModel",
    "FormDialog",
    "hint_label",
    "plural",
    "sort_key",
    "table_view",
    "DisciplinasEditor",
    "EnturmarDialog",
    "HistoricoDialog",
    "HistoricoTableModel",
    "RemanejarDialog",
    "RosterTableModel",
    "SituacaoDialog",
    "TurmaDialog",
    "TurmaTableModel",
    "TurmasPage",
]
