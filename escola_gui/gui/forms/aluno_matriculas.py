"""The Matrículas tab of the aluno form: the turmas and the cursos the aluno has been in, read-only,
and the two table models it shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QVBoxLayout, QWidget

from escola_gui.core import avaliacao as av
from escola_gui.core.alunos import AlunoService
from escola_gui.core.cursos import MatriculaRow
from escola_gui.core.turmas import EnturmacaoRow, TurmaService
from escola_gui.gui.table_models import Column, RecordTableModel
from escola_gui.gui.toolkit.formatting import format_date, situacao_label
from escola_gui.gui.toolkit.forms import heading_label, note_label, sentence_label


def manual_tooltip(motivo: str | None) -> str:
    text = QCoreApplication.translate("dialogs", "Situação alterada manualmente.")
    if motivo:
        text += " " + QCoreApplication.translate("dialogs", "Motivo: %1").replace("%1", motivo)
    return text


def situacao_text(situacao: av.Situacao, manual: bool) -> str:
    label = situacao_label(situacao)
    return QCoreApplication.translate("dialogs", "%1 (manual)").replace("%1", label) if manual else label


class EnturmacaoTableModel(RecordTableModel[EnturmacaoRow]):
    """The aluno's enturmações (Matrículas tab); a manual situação shows its motivo as tooltip."""

    CONTEXT = "EnturmacaoTableModel"
    COLUMNS: ClassVar[Sequence[Column[EnturmacaoRow]]] = (
        Column(QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Ano"), lambda r: str(r.ano), lambda r: r.ano),
        Column(QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Turma"), lambda r: r.turma_nome, lambda r: r.turma_nome),
        Column(QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Série"), lambda r: r.serie, lambda r: r.serie),
        Column(
            QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Entrada"),
            lambda r: format_date(r.data_entrada),
            lambda r: r.data_entrada.isoformat(),
        ),
        Column(
            QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Saída"),
            lambda r: format_date(r.data_saida),
            lambda r: r.data_saida.isoformat() if r.data_saida else "",
        ),
        Column(
            QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Situação"),
            lambda r: situacao_text(r.situacao, r.manual),
            lambda r: r.situacao.value,
        ),
    )
    SITUACAO_COLUMN = 5

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and index.column() == self.SITUACAO_COLUMN
            and 0 <= index.row() < self.rowCount()
        ):
            row = self.row_at(index.row())
            if row.manual:
                return manual_tooltip(row.motivo)
        return super().data(index, role)


class MatriculaCursoTableModel(RecordTableModel[MatriculaRow]):
    """The aluno's matrículas in cursos (Matrículas tab)."""

    CONTEXT = "MatriculaCursoTableModel"
    COLUMNS: ClassVar[Sequence[Column[MatriculaRow]]] = (
        Column(QT_TRANSLATE_NOOP("MatriculaCursoTableModel", "Curso"), lambda r: r.curso_nome, lambda r: r.curso_nome),
        Column(
            QT_TRANSLATE_NOOP("MatriculaCursoTableModel", "Data da matrícula"),
            lambda r: (
                format_date(r.data_matricula) or QCoreApplication.translate("MatriculaCursoTableModel", "não informada")
            ),
            lambda r: r.data_matricula.isoformat() if r.data_matricula else "",
            missing=lambda r: r.data_matricula is None,
        ),
        Column(
            QT_TRANSLATE_NOOP("MatriculaCursoTableModel", "Observações"),
            lambda r: " ".join((r.observacoes or "").split()),
            lambda r: r.observacoes or "",
        ),
    )


def _read_only_table(name: str, model: RecordTableModel[Any], stretch_column: int) -> QTableView:
    """A table of a few rows, as tall as they are (up to eight, then it scrolls)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)  # one line a row; the tooltip shows a cut-off cell whole
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if column == stretch_column else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    rows = min(max(model.rowCount(), 1), 8)
    frame = 2 * table.frameWidth()
    table.setFixedHeight(header.sizeHint().height() + rows * table.verticalHeader().defaultSectionSize() + frame)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return table


class MatriculasPanel(QWidget):
    """The Matrículas tab of the aluno form: turmas and cursos, read-only.

    Enturmação is done on the Turmas page; this tab only shows where the aluno has been.
    """

    def __init__(
        self, alunos: AlunoService, turmas: TurmaService, aluno_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aba_matriculas")
        layout = QVBoxLayout(self)
        self.enturmacoes: EnturmacaoTableModel | None = None
        self.cursos: MatriculaCursoTableModel | None = None
        self.tabela_enturmacoes: QTableView | None = None
        self.tabela_cursos: QTableView | None = None
        if aluno_id is None:
            layout.addWidget(
                sentence_label(
                    self.tr(
                        "As turmas e os cursos do aluno aparecem aqui depois que ele for salvo. "
                        "Para colocá-lo em uma turma, use a página Turmas."
                    ),
                    "matriculas_aluno_novo",
                )
            )
            layout.addStretch(1)
            return
        layout.addWidget(
            note_label(
                self.tr(
                    "Somente consulta. Para colocar o aluno em uma turma ou mudar a situação, use a página Turmas."
                ),
                "aviso_matriculas",
            )
        )
        layout.addSpacing(self.fontMetrics().lineSpacing() // 2)
        layout.addWidget(heading_label(self.tr("Turmas"), "titulo_enturmacoes"))
        self.enturmacoes = EnturmacaoTableModel(self)
        self.enturmacoes.reload(turmas.enturmacoes_do_aluno(aluno_id))
        if self.enturmacoes.rowCount():
            self.tabela_enturmacoes = _read_only_table("tabela_enturmacoes", self.enturmacoes, 1)
            layout.addWidget(self.tabela_enturmacoes)
        else:
            layout.addWidget(sentence_label(self.tr("O aluno ainda não esteve em nenhuma turma."), "sem_enturmacoes"))

        layout.addSpacing(self.fontMetrics().lineSpacing() // 2)
        layout.addWidget(heading_label(self.tr("Matrículas em cursos"), "titulo_cursos"))
        self.cursos = MatriculaCursoTableModel(self)
        self.cursos.reload(alunos.matriculas(aluno_id))
        if self.cursos.rowCount():
            self.tabela_cursos = _read_only_table("tabela_cursos", self.cursos, 2)
            layout.addWidget(self.tabela_cursos)
        else:
            layout.addWidget(sentence_label(self.tr("Nenhuma matrícula em cursos."), "sem_cursos"))
        layout.addStretch(1)


#: On the Histórico tree's items of a year done in another school (and of its disciplinas):
