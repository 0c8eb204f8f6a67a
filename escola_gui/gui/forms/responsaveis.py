"""The Responsáveis tab of the aluno form and the form for one responsável.

Unlike the other tabs of :class:`~escola_gui.gui.forms.aluno.AlunoDialog`, this one saves each
change at once (adding, editing or removing a responsável), because a responsável is its own
record that siblings may share. For a new aluno (not saved yet) the tab keeps the responsáveis
added in a list instead, and the aluno's Salvar saves them with it, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.errors import RecordNotFoundError
from escola_gui.core.models import PARENTESCOS
from escola_gui.core.responsaveis import NovoResponsavel, ResponsavelData, ResponsavelService, VinculoRow
from escola_gui.core.validation import format_cpf
from escola_gui.gui.table_models import ID_ROLE, Column, RecordTableModel
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.forms import DIALOG_MIN_WIDTH, RecordDialog

# models.PARENTESCOS as the forms show them; the codes do not say the gender.
PARENTESCO_LABELS = {
    "mae": QT_TRANSLATE_NOOP("responsaveis", "Mãe"),
    "pai": QT_TRANSLATE_NOOP("responsaveis", "Pai"),
    "avo": QT_TRANSLATE_NOOP("responsaveis", "Avó/Avô"),
    "tio": QT_TRANSLATE_NOOP("responsaveis", "Tio/Tia"),
    "irmao": QT_TRANSLATE_NOOP("responsaveis", "Irmão/Irmã"),
    "outro": QT_TRANSLATE_NOOP("responsaveis", "Outro"),
}
# What the completer of the responsável form puts in the field it is attached to.
_NOME_ROLE = Qt.ItemDataRole.UserRole + 10
_CPF_ROLE = Qt.ItemDataRole.UserRole + 11
# Fewer letters than this match too many people to be useful.
SEARCH_MIN_LENGTH = 2


def parentesco_label(code: str) -> str:
    return QCoreApplication.translate("responsaveis", PARENTESCO_LABELS.get(code, code))


def _sim_nao(value: bool) -> str:
    return (
        QCoreApplication.translate("responsaveis", "Sim")
        if value
        else QCoreApplication.translate("responsaveis", "Não")
    )


class VinculoTableModel(RecordTableModel[VinculoRow]):
    """The responsáveis of one aluno; the row id is the responsável's."""

    CONTEXT = "VinculoTableModel"
    COLUMNS: ClassVar[Sequence[Column[VinculoRow]]] = (
        Column(QT_TRANSLATE_NOOP("VinculoTableModel", "Nome"), lambda r: r.nome, lambda r: r.nome),
        Column(
            QT_TRANSLATE_NOOP("VinculoTableModel", "Parentesco"),
            lambda r: parentesco_label(r.parentesco),
            lambda r: r.parentesco,
        ),
        Column(
            QT_TRANSLATE_NOOP("VinculoTableModel", "Legal"),
            lambda r: _sim_nao(r.responsavel_legal),
            lambda r: int(r.responsavel_legal),
            align_center=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("VinculoTableModel", "Telefones"),
            lambda r: ", ".join(r.telefones),
            lambda r: ", ".join(r.telefones),
        ),
    )


# --- the form for one responsável ------------------------------------------------------


class ResponsavelDialog(RecordDialog):
    """Add a responsável to an aluno (``responsavel_id=None``) or edit one and its link.

    When adding, typing a nome or CPF offers the responsáveis already saved (a sibling's mãe,
    say); choosing one fills the form and saving links that same record instead of a copy.
    """

    def __init__(
        self,
        service: ResponsavelService,
        aluno_id: int | None,
        vinculo: VinculoRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._aluno_id = aluno_id
        #: For a new aluno (``aluno_id=None``): what Salvar gives instead of writing it.
        self.novo: NovoResponsavel | None = None
        self._responsavel_id = vinculo.responsavel_id if vinculo is not None else None
        self.setObjectName("responsavel_dialog")
        self.setWindowTitle(self.tr("Novo responsável") if vinculo is None else self.tr("Editar responsável"))
        self.setMinimumWidth(DIALOG_MIN_WIDTH)

        self.aviso_compartilhado = QLabel()
        self.aviso_compartilhado.setObjectName("aviso_compartilhado")
        self.aviso_compartilhado.setWordWrap(True)
        self.aviso_compartilhado.setVisible(False)
        self._layout.insertWidget(0, self.aviso_compartilhado)

        self.nome = QLineEdit()
        self.nome.setObjectName("nome")
        self.nome.setMaxLength(200)
        self.cpf = QLineEdit()
        self.cpf.setObjectName("cpf")
        self.cpf.setMaxLength(40)
        self.cpf.setPlaceholderText(self.tr("000.000.000-00"))
        self.parentesco = QComboBox()
        self.parentesco.setObjectName("parentesco")
        self.parentesco.setPlaceholderText(self.tr("Escolha o parentesco"))
        self.parentesco.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        for code in PARENTESCOS:
            self.parentesco.addItem(parentesco_label(code), code)
        self.parentesco.setCurrentIndex(-1)
        self.legal = QCheckBox(self.tr("Responsável &legal"))
        self.legal.setObjectName("responsavel_legal")
        # As wide as its text, so that a click beside it does not toggle it.
        self.legal.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.legal.setToolTip(self.tr("O aluno tem um só responsável legal: marcar este desmarca o atual."))
        self.telefones = self._lines("telefones", self.tr("Um por linha, ex.: (11) 98765-4321"))
        self.emails = self._lines("emails", self.tr("Um por linha, ex.: nome@exemplo.com.br"))

        self.add_field(self.tr("&Nome:"), "nome", self.nome)
        self.add_field(self.tr("CP&F:"), "cpf", self.cpf)
        self.add_field(self.tr("&Parentesco:"), "parentesco", self.parentesco)
        self._form.addRow("", self.legal)
        self.add_field(self.tr("&Telefones:"), "telefones", self.telefones)
        self.add_field(self.tr("&E-mails:"), "emails", self.emails)

        self.busca = QStandardItemModel(self)
        if vinculo is None:
            self.nome.setPlaceholderText(self.tr("Digite o nome ou o CPF para achar um já cadastrado"))
            self.completers = (self._completer(self.nome, _NOME_ROLE), self._completer(self.cpf, _CPF_ROLE))
        else:
            self._load(vinculo)
        for title, widget in (
            (self.tr("Nome"), self.nome),
            (self.tr("CPF"), self.cpf),
            (self.tr("Parentesco"), self.parentesco),
            (self.tr("Responsável legal"), self.legal),
            (self.tr("Telefones"), self.telefones),
            (self.tr("E-mails"), self.emails),
        ):
            self.track(title, widget)
        self.start_history()
        self.nome.setFocus()

    def _lines(self, name: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        return edit

    def _completer(self, edit: QLineEdit, role: int) -> QCompleter:
        completer = QCompleter(self.busca, edit)
        # The service already matched (ignoring accents, or by CPF digits): show all it found.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(role)
        completer.activated[QModelIndex].connect(self._on_found_activated)
        edit.setCompleter(completer)
        edit.textEdited.connect(lambda text: self._search(completer, text))
        return completer

    def _search(self, completer: QCompleter, text: str) -> None:
        if self._responsavel_id is not None:
            return  # an existing responsável was chosen; the fields now edit it
        long_enough = len(text.strip()) >= SEARCH_MIN_LENGTH
        rows = self._service.search(text, exclude_aluno_id=self._aluno_id) if long_enough else []
        self.busca.clear()
        for row in rows:
            cpf = format_cpf(row.cpf)
            parts = [row.nome] + ([self.tr("CPF %1").replace("%1", cpf)] if cpf else [])
            if row.alunos:
                parts.append(self.tr("responsável por %1").replace("%1", ", ".join(row.alunos)))
            item = QStandardItem(" — ".join(parts))
            item.setData(row.id, ID_ROLE)
            item.setData(row.nome, _NOME_ROLE)
            item.setData(cpf, _CPF_ROLE)
            item.setEditable(False)
            self.busca.appendRow(item)
        if rows:
            completer.complete()
        else:
            completer.popup().hide()

    def _on_found_activated(self, index: QModelIndex) -> None:
        responsavel_id = index.data(ID_ROLE)
        if responsavel_id is not None:
            self.use_existing(int(responsavel_id))

    def use_existing(self, responsavel_id: int) -> None:
        """Fill the form with a saved responsável; saving then links it instead of creating one."""
        data = self._service.get(responsavel_id)
        self._responsavel_id = responsavel_id
        self.nome.setText(data.nome)
        self.cpf.setText(format_cpf(data.cpf))
        self.telefones.setPlainText("\n".join(data.telefones))
        self.emails.setPlainText("\n".join(data.emails))
        self.nome.setPlaceholderText("")
        self._show_shared(self._service.other_alunos(responsavel_id, self._aluno_id))
        self.start_history()  # another record in the form: what was typed before is not undone into it
        self.parentesco.setFocus()

    def _load(self, vinculo: VinculoRow) -> None:
        self.nome.setText(vinculo.nome)
        self.cpf.setText(format_cpf(vinculo.cpf))
        self.parentesco.setCurrentIndex(self.parentesco.findData(vinculo.parentesco))
        self.legal.setChecked(vinculo.responsavel_legal)
        self.telefones.setPlainText("\n".join(vinculo.telefones))
        self.emails.setPlainText("\n".join(vinculo.emails))
        self._show_shared(self._service.other_alunos(vinculo.responsavel_id, self._aluno_id))

    def _show_shared(self, alunos: list[str]) -> None:
        if alunos:
            self.aviso_compartilhado.setText(
                self.tr(
                    "Cadastro já existente: também é responsável por %1. "
                    "Mudanças no nome, CPF e contatos valem para todos esses alunos."
                ).replace("%1", ", ".join(alunos))
            )
        else:
            self.aviso_compartilhado.setText(self.tr("Cadastro já existente."))
        self.aviso_compartilhado.setVisible(True)

    @property
    def responsavel_id(self) -> int | None:
        """The saved responsável being edited or reused; ``None`` while it is a new one."""
        return self._responsavel_id

    def collect(self) -> tuple[ResponsavelData, str | None, bool]:
        data = ResponsavelData(
            nome=self.nome.text(),
            cpf=self.cpf.text(),
            telefones=tuple(self.telefones.toPlainText().splitlines()),
            emails=tuple(self.emails.toPlainText().splitlines()),
        )
        return data, self.parentesco.currentData(), self.legal.isChecked()

    def validate(self, data: tuple[ResponsavelData, str | None, bool]) -> dict[str, str]:  # type: ignore[override]
        responsavel, parentesco, _legal = data
        return {
            **self._service.validate(responsavel, self._responsavel_id),
            **self._service.validate_parentesco(parentesco),
        }

    def fill(self, novo: NovoResponsavel) -> None:
        """Show a responsável given to a new aluno and not saved yet, to change it."""
        self._responsavel_id = novo.responsavel_id
        self.nome.setText(novo.dados.nome)
        self.cpf.setText(format_cpf(novo.dados.cpf))
        self.parentesco.setCurrentIndex(self.parentesco.findData(novo.parentesco))
        self.legal.setChecked(novo.legal)
        self.telefones.setPlainText("\n".join(novo.dados.telefones))
        self.emails.setPlainText("\n".join(novo.dados.emails))
        self.nome.setPlaceholderText("")
        self.start_history()
        self._opened_with = None  # taken again when shown

    def save(self, data: tuple[ResponsavelData, str | None, bool]) -> int:  # type: ignore[override]
        responsavel, parentesco, legal = data
        if self._aluno_id is None:  # a new aluno: saved with it
            self.novo = NovoResponsavel(responsavel, parentesco or "", legal, self._responsavel_id)
            return self._responsavel_id or 0
        return self._service.save_for_aluno(self._aluno_id, responsavel, parentesco or "", legal, self._responsavel_id)


# --- the tab ---------------------------------------------------------------------------


class ResponsaveisPanel(QWidget):
    """The aluno's responsáveis in a table, with Adicionar…, Editar… and Remover."""

    def __init__(self, service: ResponsavelService, aluno_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._aluno_id = aluno_id
        self.dialog: ResponsavelDialog | None = None
        #: A new aluno's responsáveis, saved with it (see :meth:`AlunoService.create`).
        self.pending: list[NovoResponsavel] = []
        self.setObjectName("aba_responsaveis")

        aviso = QLabel(
            self.tr("Cada alteração nesta aba é salva na hora, sem esperar o Salvar do aluno.")
            if aluno_id is not None
            else self.tr("Os responsáveis adicionados aqui são salvos junto com o aluno, no Salvar.")
        )
        aviso.setObjectName("aviso_responsaveis")
        aviso.setWordWrap(True)

        self.model = VinculoTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("tabela_responsaveis")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # rows of one line; the tooltip shows a cut-off cell whole
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.edit_selected)

        self.adicionar = QPushButton(self.tr("&Adicionar…"))
        self.adicionar.setObjectName("adicionar_responsavel")
        self.editar = QPushButton(self.tr("Edi&tar…"))
        self.editar.setObjectName("editar_responsavel")
        self.remover = QPushButton(self.tr("Re&mover"))
        self.remover.setObjectName("remover_responsavel")
        self.adicionar.clicked.connect(self.add)
        self.editar.clicked.connect(self.edit_selected)
        self.remover.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.adicionar)
        buttons.addWidget(self.editar)
        buttons.addWidget(self.remover)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(aviso)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.reload()

    def _pending_rows(self) -> list[VinculoRow]:
        """The new aluno's responsáveis as table rows; the row id is -1, -2… (their places)."""
        return [
            VinculoRow(
                -(index + 1),
                novo.dados.nome.strip(),
                self._service.normalize(novo.dados).cpf,
                novo.parentesco,
                novo.legal,
                tuple(t.strip() for t in novo.dados.telefones if t.strip()),
                tuple(e.strip() for e in novo.dados.emails if e.strip()),
            )
            for index, novo in enumerate(self.pending)
        ]

    def reload(self, select_id: int | None = None) -> None:
        if self._aluno_id is None:
            self.model.reload(self._pending_rows())
        else:
            self.model.reload(self._service.list_for_aluno(self._aluno_id))
        for row, vinculo in enumerate(self.model.rows()):
            if vinculo.responsavel_id == select_id:
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.setCurrentIndex(self.model.index(row, 0))

    def selected(self) -> VinculoRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        has_selection = self.selected() is not None
        self.editar.setEnabled(has_selection)
        self.remover.setEnabled(has_selection)

    def make_dialog(self, vinculo: VinculoRow | None) -> ResponsavelDialog:
        if self._aluno_id is None:  # a new aluno: the form fills in what was given
            dialog = ResponsavelDialog(self._service, None, None, self)
            if vinculo is not None:
                dialog.fill(self.pending[-vinculo.responsavel_id - 1])
            return dialog
        return ResponsavelDialog(self._service, self._aluno_id, vinculo, self)

    def _keep_pending(self, dialog: ResponsavelDialog, vinculo: VinculoRow | None) -> None:
        assert dialog.novo is not None
        novo = dialog.novo
        if novo.legal:  # one responsável legal: marking this one unmarks the others
            self.pending = [NovoResponsavel(p.dados, p.parentesco, False, p.responsavel_id) for p in self.pending]
        if vinculo is None:
            self.pending.append(novo)
            place = len(self.pending)
        else:
            place = -vinculo.responsavel_id
            self.pending[place - 1] = novo
        self.reload(-place)

    def add(self) -> None:
        self._open(None)

    def edit_selected(self) -> None:
        vinculo = self.selected()
        if vinculo is not None:
            self._open(vinculo)

    def _open(self, vinculo: VinculoRow | None) -> None:
        try:
            dialog = self.make_dialog(vinculo)
        except RecordNotFoundError:
            self._gone()
            return
        self.dialog = dialog
        if self._aluno_id is None:
            dialog.accepted.connect(lambda: self._keep_pending(dialog, vinculo))
        else:
            dialog.accepted.connect(lambda: self.reload(dialog.saved_id))
        dialog.open()

    def remove_selected(self) -> None:
        vinculo = self.selected()
        if vinculo is None:
            return
        if self._aluno_id is None:  # not saved yet: just left out
            del self.pending[-vinculo.responsavel_id - 1]
            self.reload()
            return
        try:
            others = len(self._service.other_alunos(vinculo.responsavel_id, self._aluno_id))
            question = self.tr("Remover %1 dos responsáveis deste aluno?").replace("%1", vinculo.nome)
            if others:
                detail = (
                    self.tr("%1 também é responsável por outro aluno; só o vínculo com este aluno será removido.")
                    if others == 1
                    else self.tr(
                        "%1 também é responsável por %2 outros alunos; só o vínculo com este aluno será removido."
                    ).replace("%2", str(others))
                ).replace("%1", vinculo.nome)
            else:
                detail = self.tr(
                    "%1 não é responsável por nenhum outro aluno, então o cadastro dele(a) também será excluído."
                ).replace("%1", vinculo.nome)
            if not messages.ask_yes_no(self, self.tr("Remover responsável"), f"{question}\n\n{detail}"):
                return
            self._service.unlink(self._aluno_id, vinculo.responsavel_id)
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
            self.tr("Este responsável não está mais vinculado ao aluno; talvez tenha sido removido."),
        )
        self.reload()
