"""The Lixeira page: deleted alunos and turmas, to restore or to delete for good.

It lists what is in :class:`~escola_gui.core.lixeira.LixeiraService` (tipo, descrição, what
went along, when it was deleted) with Restaurar, Excluir definitivamente… and Esvaziar
lixeira…; the last two ask first. A restore the core refuses (an RA taken since, the turma
still in the Lixeira...) is told in the core's words. ``restaurado`` tells the window to show
the record again on its other pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.errors import RestauracaoRecusadaError
from escola_gui.core.lixeira import ItemLixeiraRow, LixeiraService
from escola_gui.gui.table_models import ID_ROLE, Column, RecordTableModel, make_sort_proxy
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.read_only import keep_disabled
from escola_gui.gui.turma_models import plural


def _tipo_text(row: ItemLixeiraRow) -> str:
    if row.tipo == "aluno":
        return QCoreApplication.translate("LixeiraTableModel", "Aluno")
    return QCoreApplication.translate("LixeiraTableModel", "Turma")


def _quando_text(value: datetime) -> str:
    return value.strftime("%d/%m/%Y %H:%M")


class LixeiraTableModel(RecordTableModel[ItemLixeiraRow]):
    CONTEXT = "LixeiraTableModel"
    COLUMNS: ClassVar[Sequence[Column[ItemLixeiraRow]]] = (
        Column(QT_TRANSLATE_NOOP("LixeiraTableModel", "Tipo"), _tipo_text, lambda r: r.tipo),
        Column(QT_TRANSLATE_NOOP("LixeiraTableModel", "Descrição"), lambda r: r.descricao, lambda r: r.descricao),
        Column(QT_TRANSLATE_NOOP("LixeiraTableModel", "O que foi junto"), lambda r: r.resumo, lambda r: r.resumo),
        Column(
            QT_TRANSLATE_NOOP("LixeiraTableModel", "Excluído em"),
            lambda r: _quando_text(r.excluido_em),
            lambda r: r.excluido_em.isoformat(),
        ),
    )


class LixeiraPage(QWidget):
    """Restore or delete for good what was deleted."""

    restaurado = Signal(str)  # the tipo restored: 'aluno' or 'turma'
    mensagem = Signal(str)  # what was done, for the window's status bar

    def __init__(self, lixeira: LixeiraService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lixeira")
        self._lixeira = lixeira
        self.model = LixeiraTableModel(self)
        self.proxy = make_sort_proxy(self.model, self)

        self.explicacao = QLabel(
            self.tr(
                "Alunos e turmas excluídos ficam aqui, com tudo o que foi junto, até a lixeira ser esvaziada. "
                "Restaurar põe o registro de volta exatamente como estava."
            )
        )
        self.explicacao.setWordWrap(True)
        self.vazia = QLabel(self.tr("A lixeira está vazia."))
        self.vazia.setObjectName("lixeira_vazia")
        self.vazia.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.table = QTableView()
        self.table.setObjectName("lixeira_tabela")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the latest deletion first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.proxy.modelReset.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restaurar())

        self.restaurar_button = QPushButton(self.tr("Restaurar"))
        self.restaurar_button.setObjectName("lixeira_restaurar")
        self.restaurar_button.setToolTip(self.tr("Põe o registro selecionado de volta, com tudo o que foi junto"))
        self.excluir_button = QPushButton(self.tr("Excluir definitivamente…"))
        self.excluir_button.setObjectName("lixeira_excluir")
        self.esvaziar_button = QPushButton(self.tr("Esvaziar lixeira…"))
        self.esvaziar_button.setObjectName("lixeira_esvaziar")
        self.restaurar_button.clicked.connect(self.restaurar)
        self.excluir_button.clicked.connect(self.excluir_definitivamente)
        self.esvaziar_button.clicked.connect(self.esvaziar)

        buttons = QHBoxLayout()
        buttons.addWidget(self.restaurar_button)
        buttons.addWidget(self.excluir_button)
        buttons.addStretch(1)
        buttons.addWidget(self.esvaziar_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explicacao)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.vazia, 1)
        layout.addLayout(buttons)
        self.refresh()

    # --- state ----------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """The file cannot be written: the Lixeira is listed, but nothing is restored or deleted."""
        if read_only:
            keep_disabled([self.restaurar_button, self.excluir_button, self.esvaziar_button])

    def refresh(self) -> None:
        """Read the Lixeira again, keeping the selected item selected while it is there."""
        self._guarded(self._refresh)

    def _refresh(self) -> None:
        keep = self.selected_id()
        self.model.reload(self._lixeira.list())
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.vazia.setVisible(empty)
        if not empty:
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for column in range(self.model.columnCount() - 1):
                header.resizeSection(column, min(header.sectionSize(column) + 16, 420))
        if keep is not None:
            self.select_id(keep)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def selected_item(self) -> ItemLixeiraRow | None:
        item_id = self.selected_id()
        return next((r for r in self.model.rows() if r.id == item_id), None)

    def select_id(self, item_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == item_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self, *_: object) -> None:
        has_selection = self.selected_id() is not None
        self.restaurar_button.setEnabled(has_selection)
        self.excluir_button.setEnabled(has_selection)
        self.esvaziar_button.setEnabled(self.model.rowCount() > 0)

    def _guarded(self, operation: Callable[[], object]) -> bool:
        return messages.run_guarded(self, operation, self._refresh_quietly)

    def _refresh_quietly(self) -> None:
        try:
            self._refresh()
        except Exception:
            messages.report_unexpected_error(self)

    # --- actions --------------------------------------------------------------------

    def restaurar(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        refusals: list[str] = []

        def restore() -> None:
            try:
                self._lixeira.restaurar(item.id)
            except RestauracaoRecusadaError as refused:
                refusals.append(refused.user_message)

        done = self._guarded(restore)
        self.refresh()
        if refusals:
            messages.show_error(self, self.tr("Não foi possível restaurar"), refusals[0])
        elif done:
            self.restaurado.emit(item.tipo)
            turma = item.tipo == "turma"
            said = self.tr("Turma {nome} restaurada.") if turma else self.tr("Aluno {nome} restaurado.")
            self.mensagem.emit(said.format(nome=item.descricao))

    def excluir_definitivamente(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        if item.tipo == "aluno":
            question = self.tr("Excluir definitivamente o aluno {descricao}?")
        else:
            question = self.tr("Excluir definitivamente a turma {descricao}?")
        question = question.format(descricao=item.descricao)
        if item.resumo:
            question += " " + self.tr("Vai junto: {resumo}.").format(resumo=item.resumo)
        question += " " + self.tr("Depois disso não será possível restaurar.")
        if item.tipo == "aluno":  # what goes, and what stays (LGPD: see the README)
            question += " " + self.tr(
                "O histórico de alterações do aluno também será apagado. "
                "Os backups feitos antes continuam guardando esses dados."
            )
        if not messages.ask_yes_no(self, self.tr("Excluir definitivamente"), question):
            return
        self._guarded(lambda: self._lixeira.delete(item.id))
        self.refresh()

    def esvaziar(self) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        question = plural(
            count,
            self.tr(
                "Esvaziar a lixeira? O item que está nela será excluído definitivamente e não poderá ser restaurado."
            ),
            self.tr(
                "Esvaziar a lixeira? Os {n} itens que estão nela serão excluídos definitivamente "
                "e não poderão ser restaurados."
            ),
        )
        if any(row.tipo == "aluno" for row in self.model.rows()):
            question += " " + self.tr(
                "O histórico de alterações dos alunos também será apagado. "
                "Os backups feitos antes continuam guardando esses dados."
            )
        if not messages.ask_yes_no(self, self.tr("Esvaziar lixeira"), question):
            return
        self._guarded(self._lixeira.empty)
        self.refresh()
