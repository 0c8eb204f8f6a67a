"""The Histórico tab of the aluno form: the years done here (read-only) and, given the service,
the years done in other schools, added and edited through :mod:`historico_externo`."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core import avaliacao as av
from escola_gui.core.avaliacao import format_percentual
from escola_gui.core.diario import Boletim, DiarioService
from escola_gui.core.errors import RecordNotFoundError
from escola_gui.core.historico_externo import HistoricoExternoRow, HistoricoExternoService
from escola_gui.gui.forms.aluno_matriculas import manual_tooltip, situacao_text
from escola_gui.gui.forms.historico_externo import HistoricoExternoDialog
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.formatting import situacao_label
from escola_gui.gui.toolkit.forms import RecordDialog, note_label, sentence_label

#: On the Histórico tree's items of a year done in another school (and of its disciplinas):
#: that year's id in ``historicos_externos``.
HISTORICO_EXTERNO_ROLE = Qt.ItemDataRole.UserRole + 20


class HistoricoPanel(QWidget):
    """The Histórico tab of the aluno form: per year its turma and result, per disciplina the
    média final, frequência and situação. The years done here are read-only: the notas are
    entered on the Notas page.

    Given ``historicos``, the years done in other schools show in the same tree, marked
    "outra escola", and are added, edited and deleted here; each change is saved at once,
    like the Responsáveis tab's.

    ``model`` has one top-level row per year, newest first, with a child row per disciplina.
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("HistoricoPanel", "Ano / disciplina"),
        QT_TRANSLATE_NOOP("HistoricoPanel", "Média final"),
        QT_TRANSLATE_NOOP("HistoricoPanel", "Frequência"),
        QT_TRANSLATE_NOOP("HistoricoPanel", "Situação"),
    )

    def __init__(
        self,
        diario: DiarioService,
        aluno_id: int | None,
        parent: QWidget | None = None,
        historicos: HistoricoExternoService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aba_historico")
        self._diario = diario
        self._historicos = historicos
        self._aluno_id = aluno_id
        self.model: QStandardItemModel | None = None
        self.tree: QTreeView | None = None
        self.paginas: QStackedWidget | None = None
        self.dialog: RecordDialog | None = None
        self.adicionar: QPushButton | None = None
        self.editar: QPushButton | None = None
        self.excluir: QPushButton | None = None
        layout = QVBoxLayout(self)
        if aluno_id is None:
            layout.addWidget(
                sentence_label(
                    self.tr("O histórico do aluno aparece aqui depois que ele for salvo."), "historico_aluno_novo"
                )
            )
            layout.addStretch(1)
            if historicos is not None:
                layout.addWidget(
                    note_label(
                        self.tr("Salve o aluno para registrar os anos que ele cursou em outras escolas."),
                        "historico_externo_aluno_novo",
                    )
                )
                layout.addLayout(self._buttons())
                for button in (self.adicionar, self.editar, self.excluir):
                    assert button is not None
                    button.setEnabled(False)
                    button.setToolTip(self.tr("Salve o aluno primeiro."))
            return
        if historicos is None:
            boletins = diario.historico(aluno_id)
            if not boletins:
                layout.addWidget(
                    sentence_label(
                        self.tr(
                            "Ainda não há anos letivos no histórico deste aluno. "
                            "Eles aparecem aqui quando o aluno é colocado em uma turma."
                        ),
                        "sem_historico",
                    )
                )
                layout.addStretch(1)
                return
            layout.addWidget(
                note_label(
                    self.tr("Somente consulta: as notas e a frequência são lançadas nas páginas Notas e Frequência."),
                    "aviso_historico",
                )
            )
            self.tree = self._make_tree()
            layout.addWidget(self.tree, 1)
            self._fill(boletins, [])
            return

        layout.addWidget(
            note_label(
                self.tr(
                    "Os anos cursados nesta escola vêm das páginas Turmas, Notas e Frequência. Os anos cursados "
                    "em outras escolas são registrados aqui, conforme os documentos apresentados, e salvos na hora."
                ),
                "aviso_historico",
            )
        )
        # The tree, or a sentence while there is no year at all.
        vazio = QWidget()
        vazio_layout = QVBoxLayout(vazio)
        vazio_layout.setContentsMargins(0, 0, 0, 0)
        vazio_layout.addWidget(
            sentence_label(
                self.tr(
                    "Ainda não há anos letivos no histórico deste aluno. Os desta escola aparecem quando o aluno "
                    "é colocado em uma turma; os de outras escolas, com o botão abaixo."
                ),
                "sem_historico",
            )
        )
        vazio_layout.addStretch(1)
        self.tree = self._make_tree()
        self.paginas = QStackedWidget()
        self.paginas.setObjectName("paginas_historico")
        self.paginas.addWidget(vazio)
        self.paginas.addWidget(self.tree)
        layout.addWidget(self.paginas, 1)
        layout.addLayout(self._buttons())
        self.tree.doubleClicked.connect(self.edit_selected)
        self.tree.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def _make_tree(self) -> QTreeView:
        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr(title) for title in self.COLUMNS])
        if self._historicos is not None:  # other schools may give a conceito ("A", "Apto")
            self.model.setHorizontalHeaderItem(1, QStandardItem(self.tr("Média/conceito")))
        tree = QTreeView()
        tree.setObjectName("arvore_historico")
        tree.setModel(self.model)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return tree

    def _buttons(self) -> QHBoxLayout:
        self.adicionar = QPushButton(self.tr("Adicionar a&no de outra escola…"))
        self.adicionar.setObjectName("adicionar_historico_externo")
        self.editar = QPushButton(self.tr("&Editar…"))
        self.editar.setObjectName("editar_historico_externo")
        self.excluir = QPushButton(self.tr("E&xcluir…"))
        self.excluir.setObjectName("excluir_historico_externo")
        self.adicionar.clicked.connect(self.add)
        self.editar.clicked.connect(self.edit_selected)
        self.excluir.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.adicionar)
        buttons.addWidget(self.editar)
        buttons.addWidget(self.excluir)
        buttons.addStretch(1)
        return buttons

    def reload(self, select_id: int | None = None) -> None:
        """Read the years again (after a change here or elsewhere); select ``select_id``'s."""
        assert self._aluno_id is not None and self._historicos is not None and self.model is not None
        assert self.tree is not None and self.paginas is not None
        externos = self._historicos.list_for_aluno(self._aluno_id)
        self.model.removeRows(0, self.model.rowCount())
        self._fill(self._diario.historico(self._aluno_id), externos)
        self.paginas.setCurrentWidget(self.tree if self.model.rowCount() else self.paginas.widget(0))
        for item in self.year_items():
            if select_id is not None and item.data(HISTORICO_EXTERNO_ROLE) == select_id:
                self.tree.setCurrentIndex(item.index())
                self.tree.selectionModel().select(
                    item.index(),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
        self._update_buttons()

    def _fill(self, boletins: Sequence[Boletim], externos: Sequence[HistoricoExternoRow]) -> None:
        assert self.model is not None and self.tree is not None
        # Newest on top, as in the Matrículas tab; in the same ano, the year ended here above
        # the one begun elsewhere.
        anos: list[Boletim | HistoricoExternoRow] = sorted(
            [*externos, *boletins],
            key=lambda item: (item.dados.ano, 0) if isinstance(item, HistoricoExternoRow) else (item.ano, 1),
        )
        for item in reversed(anos):
            if isinstance(item, HistoricoExternoRow):
                self.model.appendRow(self._external_row(item))
            else:
                self.model.appendRow(self._year_row(item))
        self.tree.expandAll()

    def _year_row(self, boletim: Boletim) -> list[QStandardItem]:
        title = self.tr("%1 — %2 — turma %3")
        title = title.replace("%1", str(boletim.ano)).replace("%2", boletim.serie).replace("%3", boletim.turma_nome)
        resultado = boletim.resultado
        manual = resultado.situacao.manual is not None
        row = self._row(
            title,
            "",
            format_percentual(resultado.frequencia) if resultado.aulas_dadas else "—",
            situacao_text(boletim.situacao, manual),
        )
        self._bold(row)
        row[2].setToolTip(self.tr("Frequência no ano, sobre o total de aulas de todas as disciplinas."))
        if manual:
            row[3].setToolTip(manual_tooltip(boletim.motivo_situacao))
        for linha in boletim.linhas:
            r = linha.resultado
            child = self._row(
                linha.disciplina,
                av.format_nota(r.media) or "—",
                format_percentual(r.frequencia) if linha.aulas_dadas else "—",
                situacao_label(r.situacao.efetiva),
            )
            if r.media is None:
                child[1].setToolTip(self.tr("Ainda faltam notas para a média."))
            row[0].appendRow(child)
        return row

    def _external_row(self, historico: HistoricoExternoRow) -> list[QStandardItem]:
        """A year done in another school, as its documents give it: the year's frequência and
        situação; each disciplina's média or conceito."""
        dados = historico.dados
        title = self.tr("%1 — %2 — outra escola: %3")
        title = title.replace("%1", str(dados.ano)).replace("%2", dados.serie).replace("%3", dados.escola)
        frequencia = dados.frequencia
        row = self._row(
            title,
            "",
            "—" if frequencia is None else format_percentual(frequencia),  # type: ignore[arg-type]
            situacao_label(historico.situacao),
        )
        self._bold(row)
        local = "/".join(parte for parte in (dados.municipio, dados.uf) if parte)
        tooltip = self.tr("Cursado em outra escola: %1").replace(
            "%1", f"{dados.escola} ({local})" if local else dados.escola
        )
        row[0].setToolTip(f"{tooltip}\n{self.tr('Para alterar, use Editar…')}")
        for item in row:
            item.setData(historico.id, HISTORICO_EXTERNO_ROLE)
        for disciplina in dados.disciplinas:
            media = disciplina.media
            resultado = av.format_nota(media) if media is not None else disciplina.conceito  # type: ignore[arg-type]
            child = self._row(disciplina.disciplina, resultado or "—", "", "")
            for item in child:
                item.setData(historico.id, HISTORICO_EXTERNO_ROLE)
            row[0].appendRow(child)
        return row

    @staticmethod
    def _bold(row: list[QStandardItem]) -> None:
        for item in row:
            font = item.font()
            font.setBold(True)
            item.setFont(font)

    @staticmethod
    def _row(*texts: str) -> list[QStandardItem]:
        items = []
        for column, text in enumerate(texts):
            item = QStandardItem(text)
            item.setEditable(False)
            item.setToolTip(text)
            if column in (1, 2):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        return items

    def year_items(self) -> list[QStandardItem]:
        """The first cell of each year's row, newest first; its children are the disciplinas."""
        assert self.model is not None
        return [self.model.item(row, 0) for row in range(self.model.rowCount())]

    # --- years done in other schools ------------------------------------------------------

    def selected_historico_id(self) -> int | None:
        """The year of another school whose row (or one of its disciplinas) is selected."""
        if self.tree is None:
            return None
        rows = self.tree.selectionModel().selectedRows(0)
        value = rows[0].data(HISTORICO_EXTERNO_ROLE) if rows else None
        return int(value) if value is not None else None

    def _update_buttons(self) -> None:
        has_external = self.selected_historico_id() is not None
        for button in (self.editar, self.excluir):
            if button is not None:
                button.setEnabled(has_external)
                button.setToolTip(
                    ""
                    if has_external
                    else self.tr(
                        "Escolha na lista um ano cursado em outra escola. "
                        "Os desta escola mudam nas páginas Turmas e Notas."
                    )
                )

    def make_dialog(self, historico_id: int | None) -> RecordDialog:
        assert self._historicos is not None and self._aluno_id is not None
        return HistoricoExternoDialog(self._historicos, self._aluno_id, historico_id, self)

    def add(self) -> None:
        self._open(None)

    def edit_selected(self) -> None:
        historico_id = self.selected_historico_id()
        if historico_id is not None:
            self._open(historico_id)

    def _open(self, historico_id: int | None) -> None:
        try:
            dialog = self.make_dialog(historico_id)
        except RecordNotFoundError:
            self._gone()
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.reload(dialog.saved_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def delete_selected(self) -> None:
        historico_id = self.selected_historico_id()
        if historico_id is None or self._historicos is None:
            return
        try:
            dados = self._historicos.get(historico_id).dados
            question = (
                self.tr("Excluir do histórico deste aluno o ano de %1 (%2), cursado em outra escola: %3?")
                .replace("%1", str(dados.ano))
                .replace("%2", dados.serie)
                .replace("%3", dados.escola)
            )
            if dados.disciplinas:
                detail = self.tr("As disciplinas registradas nesse ano (%1) também serão excluídas.").replace(
                    "%1", str(len(dados.disciplinas))
                )
                question = f"{question}\n\n{detail}"
            if not messages.ask_yes_no(self, self.tr("Excluir ano de outra escola"), question):
                return
            self._historicos.delete(historico_id)
        except RecordNotFoundError:
            self._gone()
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        self.reload()

    def _gone(self) -> None:
        messages.show_error(
            self,
            self.tr("Registro não encontrado"),
            self.tr("Este ano de outra escola não existe mais; talvez tenha sido excluído."),
        )
        self.reload()
