"""The rematrícula from Configurações → Anos letivos: the preview of every aluno's destination,
each one changeable, applied all or nothing; and the undoing of the last run.

:class:`RematriculaDialog` reads the plan (:meth:`RematriculaService.planejar`) in the
background, shows every aluno of the closed year with the turma they go to and why, and the
destination year's turmas with how many alunos each receives. The Destino column of an aluno is
a list of the plan's turmas and "Não rematricular" ("Concluiu" for a concluinte). Nothing is
written until Rematricular, which writes the plan in one transaction
(:meth:`RematriculaService.aplicar`, in the background).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.errors import EscolaError, ValidationError
from escola_gui.core.models import TURNOS
from escola_gui.core.rematricula import (
    AlunoPlanejado,
    Destino,
    Plano,
    RematriculaRow,
    RematriculaService,
    ResultadoRematricula,
    TurmaPlanejada,
)
from escola_gui.gui.forms.form_dialog import hint_label, table_view
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.background import BackgroundOp
from escola_gui.gui.toolkit.forms import ERROR_STYLE
from escola_gui.gui.toolkit.text import translate, translate_error, translate_validation
from escola_gui.gui.turma_models import plural, turno_label

_ModelIndex = QModelIndex | QPersistentModelIndex
#: The Destino column's data for "out of the rematrícula" (a turma's chave otherwise).
FORA = -1
DESTINO_COLUMN = 4
#: The turmas table's editable columns (for a turma the plan creates).
NOME_COLUMN, TURNO_COLUMN = 0, 2


def turma_text(turma: TurmaPlanejada) -> str:
    """``6º ano A — 6º ano — matutino`` (``(nova)`` when applying creates it)."""
    text = " — ".join(part for part in (turma.nome, turma.etapa, turno_label(turma.turno)) if part)
    if turma.nova:
        text += " " + translate("RematriculaDialog", "(nova)")
    return text


def fora_text(aluno: AlunoPlanejado) -> str:
    """What "out of the rematrícula" means for ``aluno``."""
    return translate_validation((Destino.CONCLUIDO if aluno.concluinte else Destino.NAO_REMATRICULADO).label)


class AlunosPlanoModel(QAbstractTableModel):
    """Every aluno of the plan: name, RA, turma and result of the closed year, destination and
    why. The Destino column is editable (:data:`DESTINO_COLUMN`, edit role: a turma's chave or
    :data:`FORA`), except for an aluno already in the destination year."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("AlunosPlanoModel", "Aluno"),
        QT_TRANSLATE_NOOP("AlunosPlanoModel", "RA"),
        QT_TRANSLATE_NOOP("AlunosPlanoModel", "Turma de origem"),
        QT_TRANSLATE_NOOP("AlunosPlanoModel", "Resultado"),
        QT_TRANSLATE_NOOP("AlunosPlanoModel", "Destino"),
        QT_TRANSLATE_NOOP("AlunosPlanoModel", "Motivo"),
    )

    destino_changed = Signal()

    def __init__(self, plano: Plano, parent: Any = None) -> None:
        super().__init__(parent)
        self.plano = plano

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.plano.alunos)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("AlunosPlanoModel", self.COLUMNS[section])
        return None

    def aluno(self, row: int) -> AlunoPlanejado:
        return self.plano.alunos[row]

    def destino_text(self, aluno: AlunoPlanejado) -> str:
        if aluno.destino is Destino.TURMA and aluno.turma is not None:
            return turma_text(self.plano.turmas[aluno.turma])
        if aluno.destino is Destino.JA_NO_DESTINO:
            return translate("AlunosPlanoModel", "Já está em {turma}").format(turma=aluno.turma_no_destino or "")
        return translate_validation(aluno.destino.label)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.plano.alunos):
            return None
        aluno = self.plano.alunos[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return aluno.nome
            if column == 1:
                return aluno.ra
            if column == 2:
                return aluno.turma_origem
            if column == 3:
                return translate_validation(aluno.situacao.label)
            if column == DESTINO_COLUMN:
                return self.destino_text(aluno)
            return translate_validation(aluno.motivo.label)
        if role == Qt.ItemDataRole.EditRole and column == DESTINO_COLUMN:
            return aluno.turma if aluno.destino is Destino.TURMA else FORA
        if role == Qt.ItemDataRole.UserRole:
            return aluno.aluno_id
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == DESTINO_COLUMN and self.plano.alunos[index.row()].destino is not Destino.JA_NO_DESTINO:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != DESTINO_COLUMN or role != Qt.ItemDataRole.EditRole:
            return False
        aluno = self.plano.alunos[index.row()]
        try:
            self.plano.mudar_destino(aluno.aluno_id, None if value == FORA else int(value))
        except (ValidationError, TypeError, ValueError):
            return False
        self.dataChanged.emit(self.index(index.row(), DESTINO_COLUMN), self.index(index.row(), len(self.COLUMNS) - 1))
        self.destino_changed.emit()
        return True


class TurmasPlanoModel(QAbstractTableModel):
    """The destination year's turmas in the plan, with how many alunos each receives. The name
    and the turno of a turma the plan creates can be changed (edit role)."""

    turma_changed = Signal()
    refused = Signal(str)

    COLUMNS = (
        QT_TRANSLATE_NOOP("TurmasPlanoModel", "Turma"),
        QT_TRANSLATE_NOOP("TurmasPlanoModel", "Etapa"),
        QT_TRANSLATE_NOOP("TurmasPlanoModel", "Turno"),
        QT_TRANSLATE_NOOP("TurmasPlanoModel", "Recebe"),
        QT_TRANSLATE_NOOP("TurmasPlanoModel", "Vagas"),
        QT_TRANSLATE_NOOP("TurmasPlanoModel", "Situação"),
    )

    def __init__(self, plano: Plano, parent: Any = None) -> None:
        super().__init__(parent)
        self.plano = plano
        self._quantos = plano.por_turma()

    def recount(self) -> None:
        self._quantos = self.plano.por_turma()
        if self.plano.turmas:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self.plano.turmas) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.plano.turmas)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("TurmasPlanoModel", self.COLUMNS[section])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.plano.turmas):
            return None
        turma = self.plano.turmas[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole:
            return turma.nome if column == NOME_COLUMN else turma.turno if column == TURNO_COLUMN else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        quantos = self._quantos.get(turma.chave, 0)
        if column == 0:
            return turma.nome
        if column == 1:
            return turma.etapa or translate("TurmasPlanoModel", "sem etapa")
        if column == 2:
            return turno_label(turma.turno)
        if column == 3:
            return str(quantos)
        if column == 4:
            return "" if turma.vagas is None else str(turma.vagas)
        if not turma.nova:
            return translate("TurmasPlanoModel", "já existe")
        if quantos:
            return translate("TurmasPlanoModel", "será criada")
        return translate("TurmasPlanoModel", "não será criada (nenhum aluno)")

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (NOME_COLUMN, TURNO_COLUMN) and self.plano.turmas[index.row()].nova:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A new turma's name (column 0) or turno (column 2, its code); a refusal is told
        through :attr:`refused`."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() not in (NOME_COLUMN, TURNO_COLUMN):
            return False
        turma = self.plano.turmas[index.row()]
        try:
            if index.column() == NOME_COLUMN:
                self.plano.mudar_turma(turma.chave, nome=str(value))
            else:
                self.plano.mudar_turma(turma.chave, turno=str(value))
        except ValidationError as exc:
            self.refused.emit(translate_validation(exc.message))
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.COLUMNS) - 1))
        self.turma_changed.emit()
        return True


class TurnoDelegate(QStyledItemDelegate):
    """The turno of a new turma: one of the four."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, _index: _ModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        combo.setObjectName("turno_editor")
        for code in TURNOS:
            combo.addItem(turno_label(code), code)
        return combo

    def setEditorData(self, editor: QWidget, index: _ModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, _index: _ModelIndex) -> None:  # noqa: N802
        rect = option.rect  # type: ignore[attr-defined]
        rect.setWidth(max(rect.width(), editor.sizeHint().width()))  # "Vespertino" whole
        editor.setGeometry(rect)

    def setModelData(self, editor: QWidget, model: Any, index: _ModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DestinoDelegate(QStyledItemDelegate):
    """The Destino column's editor: the plan's turmas, and out of the rematrícula."""

    def __init__(self, plano: Callable[[], Plano], parent: Any = None) -> None:
        super().__init__(parent)
        self._plano = plano

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: _ModelIndex) -> QWidget:  # noqa: N802
        plano = self._plano()
        combo = QComboBox(parent)
        combo.setObjectName("destino_editor")
        source = index.model()
        row = index.row()
        while isinstance(source, QSortFilterProxyModel):
            mapped = source.mapToSource(source.index(row, index.column()))
            source, row = source.sourceModel(), mapped.row()
        aluno = plano.alunos[row]
        combo.addItem(fora_text(aluno), FORA)
        for turma in plano.turmas:
            combo.addItem(turma_text(turma), turma.chave)
        return combo

    def setEditorData(self, editor: QWidget, index: _ModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: _ModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RematriculaDialog(QDialog):
    """Rematrícula from ``de`` (closed) to ``para``: the preview, then Rematricular."""

    applied = Signal(object)  # ResultadoRematricula: the file changed

    def __init__(self, service: RematriculaService, de: int, para: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.de, self.para = de, para
        self.plano: Plano | None = None
        self.setObjectName("rematricula")
        self.setWindowTitle(self.tr("Rematrícula de {de} para {para}").format(de=de, para=para))
        self.resize(1180, 640)

        intro = hint_label(
            self.tr(
                "Confira o destino de cada aluno de {de}. Os aprovados vão para a etapa seguinte, os retidos "
                "ficam na mesma etapa, os concluintes e os que saíram da escola não são rematriculados. Para "
                "mudar um destino, dê um duplo clique na coluna Destino. Nada é gravado até você clicar em "
                "Rematricular, e tudo pode ser desfeito depois (Desfazer rematrícula…)."
            ).format(de=de)
        )
        self.resumo = QLabel(self.tr("Preparando a prévia…"))
        self.resumo.setObjectName("rematricula_resumo")
        self.resumo.setWordWrap(True)
        self.erro = QLabel()
        self.erro.setObjectName("rematricula_erro")
        self.erro.setStyleSheet(ERROR_STYLE)
        self.erro.setWordWrap(True)
        self.erro.setVisible(False)

        self.filtro = QComboBox()
        self.filtro.setObjectName("rematricula_filtro")
        self.filtro.setEnabled(False)
        self.filtro.currentIndexChanged.connect(self._filter)
        filtro_row = QHBoxLayout()
        filtro_label = QLabel(self.tr("&Turma de origem:"))
        filtro_label.setBuddy(self.filtro)
        filtro_row.addWidget(filtro_label)
        filtro_row.addWidget(self.filtro, 1)

        self.alunos = table_view("rematricula_alunos")
        self.alunos.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.alunos.setItemDelegateForColumn(DESTINO_COLUMN, DestinoDelegate(self._current_plan, self.alunos))
        self.turmas = table_view("rematricula_turmas")
        self.turmas.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.turmas.setItemDelegateForColumn(TURNO_COLUMN, TurnoDelegate(self.turmas))
        alunos_box = QWidget()
        alunos_layout = QVBoxLayout(alunos_box)
        alunos_layout.setContentsMargins(0, 0, 0, 0)
        alunos_layout.addLayout(filtro_row)
        alunos_layout.addWidget(self.alunos, 1)
        turmas_box = QWidget()
        turmas_layout = QVBoxLayout(turmas_box)
        turmas_layout.setContentsMargins(0, 0, 0, 0)
        turmas_layout.addWidget(
            QLabel(
                self.tr("Turmas de {para} (o nome e o turno de uma turma nova mudam com um duplo clique)").format(
                    para=para
                )
            )
        )
        turmas_layout.addWidget(self.turmas, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(alunos_box)
        splitter.addWidget(turmas_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.buttons = QDialogButtonBox()
        self.aplicar: QPushButton = self.buttons.addButton(
            self.tr("&Rematricular"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.aplicar.setObjectName("rematricular")
        self.aplicar.setEnabled(False)
        cancelar = self.buttons.addButton(self.tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        cancelar.setObjectName("cancelar")
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.resumo)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.erro)
        layout.addWidget(self.buttons)
        self.alunos_model: AlunosPlanoModel | None = None
        self.turmas_model: TurmasPlanoModel | None = None
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setFilterKeyColumn(2)
        self.alunos.setModel(self.proxy)
        self._op: BackgroundOp[Any] | None = None

    def _current_plan(self) -> Plano:
        assert self.plano is not None
        return self.plano

    # --- the preview --------------------------------------------------------------------

    def load(self) -> BackgroundOp[Plano]:
        """Read the plan in the background; the dialog shows it when it comes."""
        service, de, para = self._service, self.de, self.para
        self._op = (
            BackgroundOp(self, lambda _task: service.planejar(de, para))
            .with_progress(self.tr("Rematrícula"), self.tr("Preparando a prévia da rematrícula…"))
            .success(self.show_plan)
            .failure(self._plan_failed)
            .run_in_background()
        )
        return self._op

    def _plan_failed(self, exc: Exception) -> None:
        text = error_text(exc)
        if text is None:
            messages.report_unexpected_error(self)
            self.reject()
            return
        self.resumo.setText("")
        self.show_error(text)

    def show_plan(self, plano: Plano) -> None:
        self.plano = plano
        self.alunos_model = AlunosPlanoModel(plano, self)
        self.alunos_model.destino_changed.connect(self._plan_changed)
        self.turmas_model = TurmasPlanoModel(plano, self)
        self.turmas_model.turma_changed.connect(self._turma_changed)
        self.turmas_model.refused.connect(self.show_error)
        self.proxy.setSourceModel(self.alunos_model)
        self.turmas.setModel(self.turmas_model)
        for view in (self.alunos, self.turmas):
            view.resizeColumnsToContents()
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
        self.filtro.blockSignals(True)
        self.filtro.clear()
        self.filtro.addItem(self.tr("Todas"), "")
        for nome in sorted({a.turma_origem for a in plano.alunos}):
            self.filtro.addItem(nome, nome)
        self.filtro.blockSignals(False)
        self.filtro.setEnabled(bool(plano.alunos))
        self._plan_changed()

    def _turma_changed(self) -> None:
        # The destinations name the turma: show the new name there too.
        if self.alunos_model is not None and self.alunos_model.rowCount():
            model = self.alunos_model
            model.dataChanged.emit(model.index(0, DESTINO_COLUMN), model.index(model.rowCount() - 1, DESTINO_COLUMN))
            self.alunos.resizeColumnToContents(DESTINO_COLUMN)
        self.turmas.resizeColumnToContents(NOME_COLUMN)
        self.turmas.resizeColumnToContents(TURNO_COLUMN)
        self._plan_changed()

    def _filter(self) -> None:
        nome = self.filtro.currentData() or ""
        self.proxy.setFilterFixedString(nome)

    def _plan_changed(self) -> None:
        plano = self.plano
        if plano is None:
            return
        if self.turmas_model is not None:
            self.turmas_model.recount()
        self.resumo.setText(resumo_text(plano))
        self.aplicar.setEnabled(not plano.vazio)
        self.erro.setVisible(False)

    def show_error(self, text: str) -> None:
        self.erro.setText(text)
        self.erro.setVisible(True)

    # --- applying -----------------------------------------------------------------------

    def _apply(self) -> None:
        plano = self.plano
        if plano is None or plano.vazio:
            return
        service = self._service
        self.aplicar.setEnabled(False)
        self._op = (
            BackgroundOp(self, lambda _task: service.aplicar(plano))
            .with_progress(self.tr("Rematrícula"), self.tr("Rematriculando os alunos…"), cancellable=False)
            .success(self._applied)
            .failure(self._apply_failed)
            .run_in_background()
        )

    def _applied(self, result: ResultadoRematricula) -> None:
        self.accept()  # gone before the panel tells what was done
        self.applied.emit(result)

    def _apply_failed(self, exc: Exception) -> None:
        text = error_text(exc)
        if text is not None:
            self.show_error(text)
            self.aplicar.setEnabled(self.plano is not None and not self.plano.vazio)
            return
        messages.report_unexpected_error(self)
        self.aplicar.setEnabled(True)


def error_text(exc: Exception) -> str | None:
    """A refusal in the secretary's words; None for a bug."""
    if isinstance(exc, ValidationError):
        return translate_validation(exc.message)
    if isinstance(exc, EscolaError):
        return translate_error(exc)
    return None


def resumo_text(plano: Plano) -> str:
    """One line on what the plan does: ``120 alunos rematriculados em 8 turmas (3 novas) ·
    20 concluíram · 5 não rematriculados · 2 já matriculados em 2026``."""
    contagem = plano.contagem()
    quantos = plano.por_turma()
    turmas = sum(1 for n in quantos.values() if n)
    novas = len(plano.turmas_novas)
    parts = []
    if contagem[Destino.TURMA]:
        parts.append(
            plural(
                contagem[Destino.TURMA],
                translate("RematriculaDialog", "{n} aluno rematriculado"),
                translate("RematriculaDialog", "{n} alunos rematriculados"),
            )
            + " "
            + plural(
                turmas, translate("RematriculaDialog", "em {n} turma"), translate("RematriculaDialog", "em {n} turmas")
            )
            + (
                " "
                + plural(
                    novas, translate("RematriculaDialog", "({n} nova)"), translate("RematriculaDialog", "({n} novas)")
                )
                if novas
                else ""
            )
        )
    if contagem[Destino.CONCLUIDO]:
        parts.append(
            plural(
                contagem[Destino.CONCLUIDO],
                translate("RematriculaDialog", "{n} concluiu"),
                translate("RematriculaDialog", "{n} concluíram"),
            )
        )
    if contagem[Destino.NAO_REMATRICULADO]:
        parts.append(
            plural(
                contagem[Destino.NAO_REMATRICULADO],
                translate("RematriculaDialog", "{n} não rematriculado"),
                translate("RematriculaDialog", "{n} não rematriculados"),
            )
        )
    if contagem[Destino.JA_NO_DESTINO]:
        parts.append(
            plural(
                contagem[Destino.JA_NO_DESTINO],
                translate("RematriculaDialog", "{n} já matriculado em {ano}"),
                translate("RematriculaDialog", "{n} já matriculados em {ano}"),
                ano=plano.ano_destino,
            )
        )
    text = " · ".join(parts) + "."
    if not plano.ano_destino_existe:
        text += " " + translate(
            "RematriculaDialog", "O ano letivo {ano} será criado com a regra e os períodos de {de}."
        ).format(ano=plano.ano_destino, de=plano.ano_origem)
    if plano.vazio:
        text += " " + translate("RematriculaDialog", "Não há nada a gravar: esta rematrícula já foi feita.")
    return text


def resultado_text(para: int, result: ResultadoRematricula) -> str:
    """What the rematrícula did, for the message after it."""
    if result.rematricula_id is None:
        return translate("RematriculaDialog", "Nada foi gravado: esta rematrícula já estava feita.")
    parts = [
        plural(
            result.rematriculados,
            translate("RematriculaDialog", "{n} aluno rematriculado em {ano}"),
            translate("RematriculaDialog", "{n} alunos rematriculados em {ano}"),
            ano=para,
        )
    ]
    if result.turmas_criadas:
        parts.append(
            plural(
                result.turmas_criadas,
                translate("RematriculaDialog", "{n} turma criada"),
                translate("RematriculaDialog", "{n} turmas criadas"),
            )
        )
    if result.concluidos:
        parts.append(
            plural(
                result.concluidos,
                translate("RematriculaDialog", "{n} concluiu"),
                translate("RematriculaDialog", "{n} concluíram"),
            )
        )
    if result.nao_rematriculados:
        parts.append(
            plural(
                result.nao_rematriculados,
                translate("RematriculaDialog", "{n} não rematriculado"),
                translate("RematriculaDialog", "{n} não rematriculados"),
            )
        )
    text = "; ".join(parts) + "."
    if result.ano_letivo_criado:
        text += " " + translate("RematriculaDialog", "O ano letivo {ano} foi criado.").format(ano=para)
    return (
        text
        + " "
        + translate("RematriculaDialog", "Para desfazer, use Desfazer rematrícula… em Configurações → Anos letivos.")
    )


def desfazer_text(run: RematriculaRow) -> str:
    """The question before undoing ``run``."""
    text = translate(
        "RematriculaDialog",
        "Desfazer a rematrícula de {de} para {para}, feita em {quando}? Os {n} alunos que ela matriculou saem "
        "das turmas de {para}",
    ).format(
        de=run.ano_origem,
        para=run.ano_destino,
        quando=run.feita_em.strftime("%d/%m/%Y %H:%M"),
        n=run.rematriculados,
    )
    if run.turmas_criadas:
        text += translate("RematriculaDialog", ", as {n} turmas criadas por ela são excluídas").format(
            n=run.turmas_criadas
        )
    if run.ano_letivo_criado:
        text += translate("RematriculaDialog", ", e o ano letivo {ano} também").format(ano=run.ano_destino)
    return text + translate("RematriculaDialog", ". Os resultados de {de} não mudam.").format(de=run.ano_origem)
