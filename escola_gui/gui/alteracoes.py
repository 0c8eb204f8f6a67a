"""The Alterações tab of the aluno form: who changed what and when, newest first."""

from __future__ import annotations

from collections.abc import Sequence
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
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from escola_gui.core.auditoria import AuditoriaService, LinhaAuditoria

_ModelIndex = QModelIndex | QPersistentModelIndex

_ACOES = {
    "inclusao": QT_TRANSLATE_NOOP("AlteracoesModel", "Inclusão"),
    "alteracao": QT_TRANSLATE_NOOP("AlteracoesModel", "Alteração"),
    "exclusao": QT_TRANSLATE_NOOP("AlteracoesModel", "Exclusão"),
    "restauracao": QT_TRANSLATE_NOOP("AlteracoesModel", "Restauração"),
}


class AlteracoesModel(QAbstractTableModel):
    """A read-only table over :class:`LinhaAuditoria` rows, in the order given (newest first)."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("AlteracoesModel", "Data e hora"),
        QT_TRANSLATE_NOOP("AlteracoesModel", "Usuário"),
        QT_TRANSLATE_NOOP("AlteracoesModel", "Ação"),
        QT_TRANSLATE_NOOP("AlteracoesModel", "O quê"),
        QT_TRANSLATE_NOOP("AlteracoesModel", "Antes"),
        QT_TRANSLATE_NOOP("AlteracoesModel", "Depois"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LinhaAuditoria] = []

    def reload(self, rows: Sequence[LinhaAuditoria]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> LinhaAuditoria:
        return self._rows[row]

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def _text(self, linha: LinhaAuditoria, column: int) -> str:
        if column == 0:
            return linha.quando.strftime("%d/%m/%Y %H:%M")
        if column == 1:
            return linha.usuario
        if column == 2:
            return QCoreApplication.translate("AlteracoesModel", _ACOES.get(linha.acao, linha.acao))
        return (linha.o_que, linha.antes, linha.depois)[column - 3]

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or index.parent().isValid():
            return None
        linha = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(linha, index.column())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate("AlteracoesModel", self.COLUMNS[section])
        return None


class AlteracoesPanel(QWidget):
    """The tab: the aluno's audit log, read again each time the tab is shown (the
    Responsáveis tab saves at once, so its changes show here without reopening the form)."""

    def __init__(self, service: AuditoriaService, aluno_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aba_alteracoes")
        self._service = service
        self._aluno_id = aluno_id
        self.model = AlteracoesModel(self)
        layout = QVBoxLayout(self)
        self.vazio = QLabel()
        self.vazio.setObjectName("alteracoes_vazio")
        self.vazio.setWordWrap(True)
        layout.addWidget(self.vazio)
        self.table = QTableView()
        self.table.setObjectName("alteracoes_tabela")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(AlteracoesModel.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The values share what is left; a long one is elided, and its tooltip shows it whole.
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        if aluno_id is None:
            self.vazio.setText(self.tr("Ainda não há alterações: o histórico começa quando o aluno for salvo."))
            self.table.hide()
            layout.addStretch(1)
        else:
            self.refresh()

    def refresh(self) -> None:
        if self._aluno_id is None:
            return
        self.model.reload(self._service.list_for_aluno(self._aluno_id))
        empty = self.model.rowCount() == 0
        self.vazio.setText(self.tr("Nenhuma alteração registrada para este aluno.") if empty else "")
        self.vazio.setVisible(empty)
        self.table.setVisible(not empty)

    def showEvent(self, event: QShowEvent) -> None:
        if self._aluno_id is not None and event.spontaneous() is False:
            self.refresh()
        super().showEvent(event)
