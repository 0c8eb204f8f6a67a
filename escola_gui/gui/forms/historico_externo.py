"""The form for a year the aluno did in another school, opened from the Histórico tab of the
aluno form (:class:`~escola_gui.gui.forms.aluno_historico.HistoricoPanel`).

The secretary types it in from the documents the family brought on transfer: ano, série,
the other school with its município and UF, the situação, frequência and carga horária, and
a small table of disciplinas with the média or the conceito each one got. Like the
Responsáveis tab, it is saved at once, without waiting for the aluno's Salvar.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core import avaliacao as av
from escola_gui.core.historico_externo import (
    DisciplinaExternaData,
    HistoricoExternoData,
    HistoricoExternoService,
    separar_media_conceito,
)
from escola_gui.core.text import normalize_text
from escola_gui.core.validation import UFS
from escola_gui.gui.toolkit.formatting import situacao_label
from escola_gui.gui.toolkit.forms import DIALOG_MIN_WIDTH, RecordDialog

_ModelIndex = QModelIndex | QPersistentModelIndex

#: The situações offered for a year done elsewhere, in the order a secretary meets them; a
#: stored record with another one (cursando, falecido, remanejado) keeps it in the list.
SITUACOES_EXTERNAS = (
    av.Situacao.APROVADO,
    av.Situacao.RETIDO,
    av.Situacao.REPROVADO_POR_FALTAS,
    av.Situacao.TRANSFERIDO,
    av.Situacao.ABANDONO,
)
CARGA_MAXIMA = 9999


def format_frequencia(value: object) -> str:
    """``Decimal("92.5")`` → ``"92,5"`` (the field shows the % beside it); ``None`` → ``""``."""
    return "" if value is None else str(value).replace(".", ",")


class DisciplinasExternasModel(QAbstractTableModel):
    """The disciplinas of the year as typed: name, média or conceito, carga horária.

    Cells hold the text as typed; the service reads it (``"7,5"`` is a média, ``"Apto"`` a
    conceito) and says what is wrong.
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("DisciplinasExternasModel", "Disciplina"),
        QT_TRANSLATE_NOOP("DisciplinasExternasModel", "Média ou conceito"),
        QT_TRANSLATE_NOOP("DisciplinasExternasModel", "Carga horária (h)"),
    )
    DISCIPLINA, RESULTADO, CARGA = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []

    def load(self, disciplinas: tuple[DisciplinaExternaData, ...]) -> None:
        self.beginResetModel()
        self._rows = [
            [
                d.disciplina,
                av.format_nota(d.media) if d.media is not None else (d.conceito or ""),  # type: ignore[arg-type]
                "" if d.carga_horaria is None else str(d.carga_horaria),
            ]
            for d in disciplinas
        ]
        self.endResetModel()

    def texts(self) -> list[tuple[str, str, str]]:
        return [(a, b, c) for a, b, c in self._rows]

    def disciplinas(self) -> tuple[DisciplinaExternaData, ...]:
        """Each row as the service takes it (a number in the second column is the média)."""
        result = []
        for nome, resultado, carga in self._rows:
            media, conceito = separar_media_conceito(resultado)
            result.append(DisciplinaExternaData(nome, media, conceito, carga or None))
        return tuple(result)

    def add_row(self, texts: tuple[str, str, str] = ("", "", "")) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(list(texts))
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def remove_blank_rows(self) -> None:
        """Drop the rows left with nothing typed (an Adicionar clicked once too often)."""
        for row in reversed(range(len(self._rows))):
            if not any(text.strip() for text in self._rows[row]):
                self.remove_row(row)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``columnCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        text = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.RESULTADO:
            return QCoreApplication.translate(
                "DisciplinasExternasModel", "Uma média de 0 a 10, como 7,5, ou um conceito, como A ou Apto."
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != self.DISCIPLINA:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Override ``setData()`` of QAbstractItemModel."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        self._rows[index.row()][index.column()] = " ".join(str(value if value is not None else "").split())
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        """Override ``flags()`` of QAbstractItemModel: every cell is typed in."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``headerData()`` of QAbstractItemModel."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return QCoreApplication.translate("DisciplinasExternasModel", self.COLUMNS[section])
        return super().headerData(section, orientation, role)


class HistoricoExternoDialog(RecordDialog):
    """Add (``historico_id=None``) or edit a year the aluno did in another school."""

    def __init__(
        self,
        service: HistoricoExternoService,
        aluno_id: int,
        historico_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._aluno_id = aluno_id
        self._historico_id = historico_id
        self.setObjectName("historico_externo_dialog")
        self.setWindowTitle(
            self.tr("Ano cursado em outra escola") if historico_id is None else self.tr("Editar ano de outra escola")
        )
        self.setMinimumWidth(DIALOG_MIN_WIDTH + 80)
        stored = service.get(historico_id).dados if historico_id is not None else None

        self.ano = QSpinBox()
        self.ano.setObjectName("ano")
        self.ano.setRange(1900, 2200)
        self.ano.setValue(date.today().year - 1)
        self.ano.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.serie = self._line_edit("serie", 80, self.tr("Ex.: 5º ano"))
        self.escola = self._line_edit("escola", 200, self.tr("Nome da escola como está no documento"))
        self.municipio = self._line_edit("municipio", 200, "")
        self.uf = QComboBox()
        self.uf.setObjectName("uf")
        self.uf.setAccessibleName(self.tr("UF"))
        self.uf.addItem("", None)
        for uf in UFS:
            self.uf.addItem(uf, uf)
        self.situacao = QComboBox()
        self.situacao.setObjectName("situacao")
        self.situacao.setPlaceholderText(self.tr("Escolha a situação"))
        self.situacao.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        for situacao in SITUACOES_EXTERNAS:
            self.situacao.addItem(situacao_label(situacao), situacao.value)
        if stored is not None and self.situacao.findData(stored.situacao) < 0:
            self.situacao.addItem(situacao_label(av.Situacao(stored.situacao)), stored.situacao)
        self.situacao.setCurrentIndex(-1)
        self.frequencia = self._line_edit("frequencia", 20, self.tr("Ex.: 92,5"))
        self.frequencia.setMaximumWidth(self.fontMetrics().horizontalAdvance("000,00") + 24)
        frequencia = QWidget()
        frequencia_layout = QHBoxLayout(frequencia)
        frequencia_layout.setContentsMargins(0, 0, 0, 0)
        frequencia_layout.addWidget(self.frequencia)
        frequencia_layout.addWidget(QLabel("%"))
        frequencia_layout.addStretch(1)
        self.carga_horaria_total = QSpinBox()
        self.carga_horaria_total.setObjectName("carga_horaria_total")
        self.carga_horaria_total.setRange(0, CARGA_MAXIMA)
        # 0 stands for "not in the documents": the service then stores None.
        self.carga_horaria_total.setSpecialValueText(self.tr("não informada"))
        self.carga_horaria_total.setSuffix(self.tr(" h"))
        self.carga_horaria_total.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.carga_horaria_total.setToolTip(self.tr("Carga horária do ano; vazia, o histórico soma a das disciplinas."))
        self.observacoes = QPlainTextEdit()
        self.observacoes.setObjectName("observacoes")
        self.observacoes.setTabChangesFocus(True)
        self.observacoes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        self.add_field(self.tr("&Ano:"), "ano", self.ano)
        self.add_field(self.tr("&Série/ano:"), "serie", self.serie)
        self.add_field(self.tr("&Escola:"), "escola", self.escola)
        self.add_field(self.tr("&Município:"), "municipio", self._municipio_uf(), self.municipio)
        self.add_field(self.tr("Si&tuação:"), "situacao", self.situacao)
        self.add_field(self.tr("&Frequência:"), "frequencia", frequencia, self.frequencia)
        self.add_field(self.tr("&Carga horária total:"), "carga_horaria_total", self.carga_horaria_total)
        self.add_field(self.tr("&Observações:"), "observacoes", self.observacoes)

        # The disciplinas: a table as wide as the dialog, under the fields.
        self.modelo = DisciplinasExternasModel(self)
        self.tabela = QTableView()
        self.tabela.setObjectName("tabela_disciplinas")
        self.tabela.setModel(self.modelo)
        self.tabela.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tabela.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabela.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tabela.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.tabela.verticalHeader().setVisible(False)
        header = self.tabela.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        rows = 6
        self.tabela.setMinimumHeight(
            header.sizeHint().height() + rows * self.tabela.verticalHeader().defaultSectionSize() + 4
        )
        self.adicionar_disciplina = QPushButton(self.tr("Adicionar &disciplina"))
        self.adicionar_disciplina.setObjectName("adicionar_disciplina")
        self.adicionar_disciplina.setAutoDefault(False)
        self.adicionar_disciplina.clicked.connect(self.add_disciplina)
        self.remover_disciplina = QPushButton(self.tr("&Remover disciplina"))
        self.remover_disciplina.setObjectName("remover_disciplina")
        self.remover_disciplina.setAutoDefault(False)
        self.remover_disciplina.clicked.connect(self.remove_disciplina)
        botoes = QHBoxLayout()
        botoes.addWidget(self.adicionar_disciplina)
        botoes.addWidget(self.remover_disciplina)
        botoes.addStretch(1)
        titulo = QLabel(self.tr("Disciplinas"))
        titulo.setObjectName("titulo_disciplinas")
        font = titulo.font()
        font.setBold(True)
        titulo.setFont(font)
        dica = QLabel(
            self.tr("Como no documento: o nome da disciplina, a média (de 0 a 10) ou o conceito, e a carga horária.")
        )
        dica.setObjectName("dica_disciplinas")
        dica.setWordWrap(True)
        disciplinas = QWidget()
        disciplinas.setObjectName("disciplinas")
        disciplinas_layout = QVBoxLayout(disciplinas)
        disciplinas_layout.setContentsMargins(0, 0, 0, 0)
        disciplinas_layout.addWidget(titulo)
        disciplinas_layout.addWidget(dica)
        disciplinas_layout.addWidget(self.tabela, 1)
        disciplinas_layout.addWidget(self.error_label("disciplinas", self.tabela))
        disciplinas_layout.addLayout(botoes)
        # The table takes the spare height, instead of the stretch above the buttons.
        spacer = next(i for i in range(self._layout.count()) if self._layout.itemAt(i).spacerItem())
        self._layout.takeAt(spacer)
        self._layout.insertSpacing(1, self.fontMetrics().lineSpacing() // 2)
        self._layout.insertWidget(2, disciplinas, 1)

        self.tabela.selectionModel().currentChanged.connect(self._update_buttons)
        self.modelo.rowsRemoved.connect(self._update_buttons)
        self.modelo.modelReset.connect(self._update_buttons)

        chain = [
            self.ano,
            self.serie,
            self.escola,
            self.municipio,
            self.uf,
            self.situacao,
            self.frequencia,
            self.carga_horaria_total,
            self.observacoes,
            self.tabela,
            self.adicionar_disciplina,
            self.remover_disciplina,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        if stored is not None:
            self._load(stored)
        self._update_buttons()
        self.serie.setFocus()

    @staticmethod
    def _line_edit(name: str, max_length: int, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)  # more than the service allows, so that its message explains
        edit.setPlaceholderText(placeholder)
        return edit

    def _municipio_uf(self) -> QWidget:
        """Município and UF on one row; their messages under the whole row."""
        row = QWidget()
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        label = QLabel(self.tr("&UF:"))
        label.setBuddy(self.uf)
        label.setContentsMargins(self.fontMetrics().averageCharWidth(), 0, 0, 0)
        grid.addWidget(self.municipio, 0, 0)
        grid.addWidget(label, 0, 1)
        grid.addWidget(self.uf, 0, 2)
        grid.setColumnStretch(0, 1)
        grid.addWidget(self.error_label("uf", self.uf), 1, 0, 1, 3)
        return row

    def _load(self, data: HistoricoExternoData) -> None:
        self.ano.setValue(data.ano)
        self.serie.setText(data.serie)
        self.escola.setText(data.escola)
        self.municipio.setText(data.municipio or "")
        self.uf.setCurrentIndex(max(self.uf.findData(data.uf), 0))
        self.situacao.setCurrentIndex(self.situacao.findData(data.situacao))
        self.frequencia.setText(format_frequencia(data.frequencia))
        self.carga_horaria_total.setValue(int(data.carga_horaria_total or 0))
        self.observacoes.setPlainText(data.observacoes or "")
        self.modelo.load(data.disciplinas)

    # --- the table of disciplinas -------------------------------------------------------

    def add_disciplina(self) -> None:
        """A new row at the end, its name cell ready to type in."""
        row = self.modelo.add_row()
        index = self.modelo.index(row, DisciplinasExternasModel.DISCIPLINA)
        self.tabela.setCurrentIndex(index)
        self.tabela.setFocus(Qt.FocusReason.OtherFocusReason)
        self.tabela.edit(index)

    def remove_disciplina(self) -> None:
        index = self.tabela.currentIndex()
        if index.isValid():
            self.modelo.remove_row(index.row())

    def _update_buttons(self) -> None:
        self.remover_disciplina.setEnabled(self.tabela.currentIndex().isValid())

    def _commit_open_editor(self) -> None:
        """A cell still being typed in counts: Salvar pressed with Enter does not close it first."""
        editor = QApplication.focusWidget()
        if (
            self.tabela.state() == QAbstractItemView.State.EditingState
            and editor is not None
            and self.tabela.isAncestorOf(editor)
        ):
            self.tabela.commitData(editor)
            self.tabela.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _celula_com_erro(self) -> QModelIndex | None:
        """The cell the service's message about the disciplinas is about: in the first row it
        would refuse, or that repeats an earlier name."""
        vistas: set[str] = set()
        for row, item in enumerate(self.modelo.disciplinas()):
            nome = " ".join(item.disciplina.split())
            if self._service.validate_disciplina(row + 1, item) is not None:
                if not nome or len(nome) > 100:
                    column = DisciplinasExternasModel.DISCIPLINA
                elif self._service.validate_disciplina(row + 1, replace(item, carga_horaria=None)) is None:
                    column = DisciplinasExternasModel.CARGA
                else:
                    column = DisciplinasExternasModel.RESULTADO
                return self.modelo.index(row, column)
            chave = normalize_text(nome)
            if chave in vistas:
                return self.modelo.index(row, DisciplinasExternasModel.DISCIPLINA)
            vistas.add(chave)
        return None

    # --- RecordDialog --------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        """Override: a message about the disciplinas also selects the cell at fault."""
        super().show_errors(errors)
        if "disciplinas" in errors:
            cell = self._celula_com_erro()
            if cell is not None:
                self.tabela.setCurrentIndex(cell)
                if all(field == "disciplinas" for field in errors):
                    self.tabela.setFocus(Qt.FocusReason.OtherFocusReason)

    def collect(self) -> HistoricoExternoData:
        self._commit_open_editor()
        self.modelo.remove_blank_rows()
        return HistoricoExternoData(
            ano=self.ano.value(),
            serie=self.serie.text(),
            escola=self.escola.text(),
            situacao=self.situacao.currentData() or "",
            municipio=self.municipio.text(),
            uf=self.uf.currentData(),
            frequencia=self.frequencia.text(),
            carga_horaria_total=self.carga_horaria_total.value() or None,
            observacoes=self.observacoes.toPlainText(),
            disciplinas=self.modelo.disciplinas(),
        )

    def validate(self, data: HistoricoExternoData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(self._aluno_id, data, self._historico_id)

    def save(self, data: HistoricoExternoData) -> int:  # type: ignore[override]
        if self._historico_id is None:
            return self._service.create(self._aluno_id, data)
        self._service.update(self._historico_id, data)
        return self._historico_id
