"""The Turmas page: the turmas of an ano letivo and, for the one selected, its alunos.

:class:`TurmasPage` shows the list of turmas (with Nova turma…, Editar…, Excluir…) beside
the roster of the selected turma, with the actions on its alunos, whose forms live in
:mod:`escola_gui.gui.forms.enturmacao`: enturmação em lote (``EnturmarDialog``), the situação
of several alunos at once (``SituacaoDialog``), remanejamento to another turma of the year
(``RemanejarDialog``), reclassificação to a turma of another etapa (``ReclassificarDialog``),
the history of the manual situações (``HistoricoDialog``) and Retirar
da turma… for an enturmação made by mistake (it asks first, naming the notas and frequência
that go with it). Everything goes through :class:`~escola_gui.core.turmas.TurmaService`;
forms open with ``open()`` and the page listens to ``accepted``, so nothing blocks and tests
can drive them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.avaliacao import Situacao
from escola_gui.core.errors import ValidationError
from escola_gui.core.escola import AnoLetivoRow, AnoLetivoService, DisciplinaService
from escola_gui.core.movimentacoes import MovimentacaoService
from escola_gui.core.turmas import DependentesEnturmacoes, EnturmacaoRow, TurmaRow, TurmaService
from escola_gui.gui.forms.enturmacao import (
    DispensaDialog,
    EnturmarDialog,
    HistoricoDialog,
    ReclassificarDialog,
    RemanejarDialog,
    SituacaoDialog,
)
from escola_gui.gui.forms.form_dialog import hint_label, table_view
from escola_gui.gui.forms.turma import TurmaDialog
from escola_gui.gui.table_models import ID_ROLE, make_sort_proxy
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.formatting import format_date
from escola_gui.gui.toolkit.read_only import keep_disabled
from escola_gui.gui.toolkit.text import translate_validation
from escola_gui.gui.turma_models import (
    RosterTableModel,
    TurmaTableModel,
    _ano_text,
    _html,
    _join,
    _nomes,
    plural,
    turno_label,
)

SEARCH_DELAY_MS = 200
EMPTY_TEXT_WIDTH = 520


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
        movimentacoes: MovimentacaoService | None = None,
    ) -> None:
        super().__init__(parent)
        self._turmas = turmas
        self._movimentacoes = movimentacoes
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
        self.reclassificar_button = QPushButton(self.tr("Re&classificar…"))
        self.reclassificar_button.setObjectName("reclassificar")
        self.reclassificar_button.setToolTip(
            self.tr("Passa o aluno para uma turma de outra etapa, conforme a ata de reclassificação (LDB, art. 23)")
        )
        self.dispensa_button = QPushButton(self.tr("&Dispensas…"))
        self.dispensa_button.setObjectName("dispensas")
        self.dispensa_button.setToolTip(
            self.tr("Dispensa o aluno de uma disciplina, com a data e o motivo, ou desfaz uma dispensa")
        )
        self.dispensa_button.setVisible(movimentacoes is not None)
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
        self.reclassificar_button.clicked.connect(self._reclassificar)
        self.dispensa_button.clicked.connect(self._dispensas)
        self.historico_button.clicked.connect(self._historico)
        self.retirar_button.clicked.connect(self._retirar)
        # Two rows, so the page stays narrow: who is in the turma (in and out again, for a
        # mistake), then the situação of the alunos selected.
        roster_buttons = QGridLayout()
        roster_buttons.addWidget(self.enturmar_button, 0, 0)
        roster_buttons.addWidget(self.retirar_button, 0, 1)
        roster_buttons.addWidget(self.situacao_button, 1, 0)
        roster_buttons.addWidget(self.remanejar_button, 1, 1)
        roster_buttons.addWidget(self.reclassificar_button, 1, 2)
        roster_buttons.addWidget(self.historico_button, 0, 2)
        roster_buttons.addWidget(self.dispensa_button, 0, 3)
        roster_buttons.setColumnStretch(4, 1)

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
                    self.reclassificar_button,
                    self.dispensa_button,
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
        self.reclassificar_button.setEnabled(self.remanejar_button.isEnabled())
        self.dispensa_button.setEnabled(self.remanejar_button.isEnabled())
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
        remanejados = [r for r in rows if r.situacao in (Situacao.REMANEJADO, Situacao.RECLASSIFICADO) and r.manual]
        if remanejados:
            messages.show_error(
                self,
                self.tr("Alterar situação"),
                self.tr(
                    "{nomes}: a matrícula nesta turma foi encerrada por remanejamento ou reclassificação. "
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

    def _reclassificar(self) -> None:
        rows = self.selected_enturmacoes()
        turma = self.selected_turma()
        if len(rows) != 1 or turma is None or not rows[0].ativa:
            return
        row = rows[0]

        def make() -> QDialog:
            destinos = [
                t
                for t in self._turmas.list(turma.ano_letivo_id)
                if t.id != turma.id and t.etapa_id is not None and t.etapa_id != turma.etapa_id
            ]
            return ReclassificarDialog(self._turmas, row, destinos, self)

        self._open(make, self._after_roster_change)

    def _dispensas(self) -> None:
        rows = self.selected_enturmacoes()
        turma = self.selected_turma()
        if len(rows) != 1 or turma is None or self._movimentacoes is None:
            return
        movimentacoes = self._movimentacoes

        def make() -> QDialog:
            disciplinas = [(d.disciplina_id, d.nome) for d in self._turmas.disciplinas(turma.id)]
            return DispensaDialog(movimentacoes, rows[0], disciplinas, self)

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
