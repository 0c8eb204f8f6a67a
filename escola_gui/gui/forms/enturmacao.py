"""The forms that act on the alunos of a turma: enturmação em lote (a transferência recebida
among them), the situação of several alunos (a transferência expedida with its school),
remanejamento to another turma, reclassificação to a turma of another etapa, and the history of
the manual situações (read only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.avaliacao import MOTIVO_OBRIGATORIO, SITUACOES_SO_CALCULADAS, Situacao
from escola_gui.core.etapas import IdadeDistante
from escola_gui.core.models import SITUACOES
from escola_gui.core.movimentacoes import (
    MOTIVO_DISPENSA_OBRIGATORIO,
    EscolaTransferencia,
    MovimentacaoService,
    validar_destino,
    validar_origem,
)
from escola_gui.core.text import normalize_text
from escola_gui.core.turmas import ATA_OBRIGATORIA, SITUACOES_DE_SAIDA, EnturmacaoRow, TurmaRow, TurmaService
from escola_gui.core.validation import UFS
from escola_gui.gui.forms.form_dialog import FormDialog, hint_label, table_view
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.date_field import date_edit, from_qdate, to_qdate
from escola_gui.gui.toolkit.formatting import situacao_label
from escola_gui.gui.toolkit.forms import DIALOG_MIN_WIDTH, ERROR_STYLE
from escola_gui.gui.toolkit.text import translate
from escola_gui.gui.turma_models import (
    FILTER_ROLE,
    CandidatosModel,
    HistoricoTableModel,
    _html,
    _nomes,
    _situacao_text,
    plural,
    turno_label,
    vagas_text,
)

# More than any school has alunos; the list filters them as the user types.
CANDIDATOS_LIMIT = 20_000


def uf_combo(name: str) -> QComboBox:
    """A choice of the 27 UFs, blank at first (typing "MG" picks it)."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem("", None)
    for uf in UFS:
        combo.addItem(uf, uf)
    combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return combo


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
    under the list. "Transferência recebida" asks for the school the alunos come from (its
    município and UF); the data de entrada is then the day they arrive.
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
        # Today, unless it falls outside the turma's ano letivo (a year being prepared, or one
        # gone by): then the nearest day of that year, since today would only be refused.
        periodo = service.periodo_letivo(turma.id)
        hoje = date.today()
        if not periodo.contem(hoje):
            self.data_entrada.setDate(to_qdate(periodo.inicio if hoje < periodo.inicio else periodo.fim))

        self.transferencia = QCheckBox(self.tr("&Transferência recebida: vêm de outra escola durante o ano"))
        self.transferencia.setObjectName("transferencia_recebida")
        self.escola_origem = self._line_edit("escola_origem", 150, self.tr("Ex.: E.M. Cecília Meireles"))
        self.municipio_origem = self._line_edit("municipio_origem", 100, self.tr("Ex.: Belo Horizonte"))
        self.uf_origem = uf_combo("uf_origem")
        self.guia = hint_label(
            self.tr(
                "As notas e a frequência dos períodos anteriores à entrada, da guia de transferência, "
                "são lançadas no diário da turma, como as outras."
            ),
            "guia_transferencia",
        )

        self.add_field(self.tr("&Alunos:"), "alunos", lista_box, self.busca)
        self.add_field(self.tr("&Data de entrada:"), "data_entrada", self.data_entrada)
        self._form.addRow("", self.transferencia)
        self._origem_rows = (
            self.add_row(self.tr("&Escola de origem:"), "escola_origem", self.escola_origem),
            self.add_row(self.tr("M&unicípio:"), "municipio_origem", self.municipio_origem),
            self.add_row(self.tr("&UF:"), "uf_origem", self.uf_origem),
        )
        self._form.addRow("", self.guia)
        self._guia_row = self._form.rowCount() - 1
        self.transferencia.toggled.connect(self._update_origem)
        self._update_origem()

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

    def _update_origem(self) -> None:
        recebida = self.transferencia.isChecked()
        for row in (*self._origem_rows, self._guia_row):
            self._form.setRowVisible(row, recebida)
        if recebida:
            self.escola_origem.setFocus()
        self.adjustSize()

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

    def collect(self) -> tuple[list[int], date, EscolaTransferencia | None]:
        origem = None
        if self.transferencia.isChecked():
            origem = EscolaTransferencia(
                self.escola_origem.text(), self.municipio_origem.text(), self.uf_origem.currentData() or ""
            )
        return self.model.checked_ids(), from_qdate(self.data_entrada.date()), origem

    def validate(self, data: tuple[list[int], date, EscolaTransferencia | None]) -> dict[str, str]:  # type: ignore[override]
        errors = validar_origem(data[2]) if self.transferencia.isChecked() else {}
        if not data[0]:
            errors["alunos"] = self.tr("Marque ao menos um aluno.")
        return errors

    def confirm(self, data: tuple[list[int], date, EscolaTransferencia | None]) -> bool:  # type: ignore[override]
        """An age far from the turma's etapa (a 7-year-old in the 9º ano) is asked about: it is
        allowed, since distorção idade-série is real, and a slip in the turma or the birth date
        is caught."""
        distantes = self._service.idades_distantes(self._turma.id, data[0])
        if not distantes:
            return True
        return messages.ask_yes_no(self, self.tr("Idade diferente da etapa"), idades_text(self._turma.nome, distantes))

    def save(self, data: tuple[list[int], date, EscolaTransferencia | None]) -> int:  # type: ignore[override]
        self.enturmacao_ids = self._service.enturmar(self._turma.id, data[0], data[1], data[2])
        return len(self.enturmacao_ids)


#: How many alunos the question about their age names before "e mais N".
IDADES_LISTADAS = 8


def idades_text(turma: str, distantes: Sequence[IdadeDistante]) -> str:
    """The question before enturmar alunos whose age is far from the etapa's."""
    etapa, referencia = distantes[0].etapa, distantes[0].idade_referencia
    linhas = [
        translate("EnturmarDialog", "{nome}: {idade} anos").format(nome=d.nome, idade=d.idade)
        for d in distantes[:IDADES_LISTADAS]
    ]
    if len(distantes) > IDADES_LISTADAS:
        linhas.append(translate("EnturmarDialog", "…e mais {n}.").format(n=len(distantes) - IDADES_LISTADAS))
    intro = plural(
        len(distantes),
        translate(
            "EnturmarDialog",
            "{n} aluno tem idade distante da esperada para o {etapa} ({referencia} anos em 31 de março):",
        ),
        translate(
            "EnturmarDialog",
            "{n} alunos têm idade distante da esperada para o {etapa} ({referencia} anos em 31 de março):",
        ),
        etapa=etapa,
        referencia=referencia,
    )
    pergunta = translate(
        "EnturmarDialog", "Enturmar mesmo assim em {turma}? Confira a turma e as datas de nascimento."
    ).format(turma=turma)
    return intro + "\n\n" + "\n".join(linhas) + "\n\n" + pergunta


class SituacaoDialog(FormDialog):
    """Set (or give back to the notas) the situação of one or more alunos of a turma.

    The motivo is required and goes to the history; a situação that ends the aluno's stay
    (transferido, abandono, falecido) asks for the data de saída, and Transferido (a
    transferência expedida) for the school the aluno goes to, its município and UF.
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
        # Remanejado and Reclassificado come from Remanejar… and Reclassificar…, which also open
        # the new enturmação; "Em recuperação"
        # and the frequência so far are computed while the year runs, never set by hand; and
        # the file keeps only the situações of models.SITUACOES (the approvals of the rules per
        # etapa wait for their revision).
        for situacao in Situacao:
            if (
                situacao not in (Situacao.REMANEJADO, Situacao.RECLASSIFICADO)
                and situacao not in SITUACOES_SO_CALCULADAS
                and situacao.value in SITUACOES
            ):
                self.situacao.addItem(situacao_label(situacao), situacao)
        manuais = {r.situacao if r.manual else None for r in rows}
        atual = manuais.pop() if len(manuais) == 1 else None
        self.situacao.setCurrentIndex(max(self.situacao.findData(atual), 0))

        self.data_saida = date_edit("data_saida")
        self.motivo = self._line_edit("motivo", 500, self.tr("Ex.: transferido para outra escola a pedido da família"))
        self.efeito = hint_label("", "efeito")

        self.escola_destino = self._line_edit("escola_destino", 150, self.tr("Ex.: E.E. Castro Alves"))
        self.municipio_destino = self._line_edit("municipio_destino", 100, self.tr("Ex.: Curitiba"))
        self.uf_destino = uf_combo("uf_destino")
        destinos = {r.destino for r in rows if r.destino is not None}
        if len(destinos) == 1:  # the school already recorded (the same for all of them)
            destino = destinos.pop()
            self.escola_destino.setText(destino.escola)
            self.municipio_destino.setText(destino.municipio)
            self.uf_destino.setCurrentIndex(max(self.uf_destino.findData(destino.uf), 0))

        self.add_field(self.tr("&Nova situação:"), "situacao", self.situacao)
        self._data_row = self.add_row(self.tr("&Data de saída:"), "data_saida", self.data_saida)
        self._destino_rows = (
            self.add_row(self.tr("&Escola de destino:"), "escola_destino", self.escola_destino),
            self.add_row(self.tr("M&unicípio:"), "municipio_destino", self.municipio_destino),
            self.add_row(self.tr("&UF:"), "uf_destino", self.uf_destino),
        )
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
        for row in self._destino_rows:
            self._form.setRowVisible(row, chosen is Situacao.TRANSFERIDO)
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

    def collect(self) -> tuple[Situacao | None, str, date | None, EscolaTransferencia | None]:
        chosen = self._chosen()
        saida = from_qdate(self.data_saida.date()) if chosen in SITUACOES_DE_SAIDA else None
        destino = None
        if chosen is Situacao.TRANSFERIDO:
            destino = EscolaTransferencia(
                self.escola_destino.text(), self.municipio_destino.text(), self.uf_destino.currentData() or ""
            )
        return chosen, self.motivo.text(), saida, destino

    def validate(self, data: tuple[Situacao | None, str, date | None, EscolaTransferencia | None]) -> dict[str, str]:  # type: ignore[override]
        # Every mistake at once (the school of a transferência, the motivo); the service
        # checks the dates, all or nothing
        errors = validar_destino(data[3]) if data[0] is Situacao.TRANSFERIDO else {}
        if not data[1].strip():
            errors["motivo"] = MOTIVO_OBRIGATORIO
        return errors

    def save(self, data: tuple[Situacao | None, str, date | None, EscolaTransferencia | None]) -> int:  # type: ignore[override]
        situacao, motivo, saida, destino = data
        self._service.mudar_situacao([r.id for r in self._rows], situacao, motivo, saida, destino)
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


class ReclassificarDialog(FormDialog):
    """Move one aluno to a turma of another etapa of the same ano letivo (reclassificação, LDB
    art. 23 §1), with the date and the ata (its number and date, or the motivo)."""

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
        self.setObjectName("reclassificar_dialog")
        self.setWindowTitle(self.tr("Reclassificar {aluno}").format(aluno=enturmacao.aluno_nome))
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Reclassificar"))

        explicacao = QLabel(
            self.tr(
                "{aluno} sai de {turma} e passa para uma turma de outra etapa, conforme a ata de "
                "reclassificação. Em {turma} fica registrado como Reclassificado, com as notas e a "
                "frequência que tinha; as notas dos períodos já passados na nova etapa são lançadas "
                "no diário da nova turma."
            ).format(aluno=enturmacao.aluno_nome, turma=enturmacao.turma_nome)
        )
        explicacao.setObjectName("reclassificar_explicacao")
        explicacao.setWordWrap(True)
        self._layout.insertWidget(0, explicacao)

        self.turma = QComboBox()
        self.turma.setObjectName("turma")
        self.turma.setPlaceholderText(
            self.tr("Escolha a turma") if destinos else self.tr("Não há turma de outra etapa neste ano letivo")
        )
        for destino in destinos:
            text = f"{destino.nome} — {destino.etapa or destino.serie} — " + self.tr("{vagas} alunos").format(
                vagas=vagas_text(destino)
            )
            self.turma.addItem(text, destino.id)
        self.turma.setCurrentIndex(-1)
        self.data = date_edit("data")
        self.motivo = self._line_edit("motivo", 500, self.tr("Ex.: Ata nº 3/2026, de 30/03/2026"))

        self.add_field(self.tr("&Nova turma:"), "turma", self.turma)
        self.add_field(self.tr("&Data da reclassificação:"), "data_saida", self.data)
        self.add_field(self.tr("&Ata ou motivo:"), "motivo", self.motivo)
        self.turma.setFocus()

    def collect(self) -> tuple[int | None, date, str]:
        return self.turma.currentData(), from_qdate(self.data.date()), self.motivo.text()

    def validate(self, data: tuple[int | None, date, str]) -> dict[str, str]:  # type: ignore[override]
        errors = {}
        if data[0] is None:
            errors["turma"] = self.tr("Escolha a turma para onde o aluno vai.")
        if not data[2].strip():
            errors["motivo"] = ATA_OBRIGATORIA
        return errors

    def save(self, data: tuple[int | None, date, str]) -> int:  # type: ignore[override]
        turma_id, quando, ata = data
        assert turma_id is not None
        self.nova_enturmacao_id = self._service.reclassificar(self._enturmacao.id, turma_id, quando, ata)
        return self.nova_enturmacao_id


class DispensaDialog(FormDialog):
    """Excuse one aluno from a disciplina of the turma (dispensa), with the date and the motivo,
    or take a dispensa back: choosing a disciplina already dispensed turns Salvar into Remover
    dispensa. A dispensed disciplina shows as Dispensado and does not count for the result."""

    def __init__(
        self,
        service: MovimentacaoService,
        enturmacao: EnturmacaoRow,
        disciplinas: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._enturmacao = enturmacao
        self._dispensas = {d.disciplina_id: d for d in service.dispensas(enturmacao.id)}
        self.setObjectName("dispensa_dialog")
        self.setWindowTitle(self.tr("Dispensa de disciplina — {aluno}").format(aluno=enturmacao.aluno_nome))

        if self._dispensas:
            atuais = "; ".join(
                self.tr("{disciplina} desde {data} ({motivo})").format(
                    disciplina=d.disciplina, data=d.data.strftime("%d/%m/%Y"), motivo=d.motivo
                )
                for d in self._dispensas.values()
            )
            texto = self.tr("{aluno} está dispensado de: {atuais}.").format(aluno=enturmacao.aluno_nome, atuais=atuais)
        else:
            texto = self.tr("{aluno} não está dispensado de nenhuma disciplina.").format(aluno=enturmacao.aluno_nome)
        self.atuais = hint_label(
            texto
            + " "
            + self.tr(
                "A disciplina dispensada aparece como Dispensado e não conta para o resultado nem para a frequência."
            ),
            "dispensas_atuais",
        )
        self._layout.insertWidget(0, self.atuais)

        self.disciplina = QComboBox()
        self.disciplina.setObjectName("disciplina")
        self.disciplina.setPlaceholderText(self.tr("Escolha a disciplina"))
        for disciplina_id, nome in disciplinas:
            if disciplina_id in self._dispensas:
                nome = self.tr("{disciplina} (dispensado)").format(disciplina=nome)
            self.disciplina.addItem(nome, disciplina_id)
        self.disciplina.setCurrentIndex(-1)
        self.data = date_edit("data")
        self.motivo = self._line_edit("motivo", 500, self.tr("Ex.: atestado médico apresentado em 10/03"))

        self.add_field(self.tr("&Disciplina:"), "disciplina", self.disciplina)
        self._data_row = self.add_row(self.tr("&Data da dispensa:"), "data_dispensa", self.data)
        self._motivo_row = self.add_row(self.tr("&Motivo:"), "motivo", self.motivo)
        self.disciplina.currentIndexChanged.connect(self._update)
        self._update()
        self.disciplina.setFocus()

    def _removendo(self) -> bool:
        return self.disciplina.currentData() in self._dispensas

    def _update(self) -> None:
        removendo = self._removendo()
        self._form.setRowVisible(self._data_row, not removendo)
        self._form.setRowVisible(self._motivo_row, not removendo)
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("Remover dispensa") if removendo else self.tr("Dispensar")
        )
        self.adjustSize()

    def collect(self) -> tuple[int | None, date, str]:
        return self.disciplina.currentData(), from_qdate(self.data.date()), self.motivo.text()

    def validate(self, data: tuple[int | None, date, str]) -> dict[str, str]:  # type: ignore[override]
        errors = {}
        if data[0] is None:
            errors["disciplina"] = self.tr("Escolha a disciplina.")
        elif not self._removendo() and not data[2].strip():
            errors["motivo"] = MOTIVO_DISPENSA_OBRIGATORIO
        return errors

    def save(self, data: tuple[int | None, date, str]) -> int:  # type: ignore[override]
        disciplina_id, quando, motivo = data
        assert disciplina_id is not None
        if self._removendo():
            self._service.remover_dispensa(self._enturmacao.id, disciplina_id)
        else:
            self._service.dispensar(self._enturmacao.id, disciplina_id, quando, motivo)
        return self._enturmacao.id


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
