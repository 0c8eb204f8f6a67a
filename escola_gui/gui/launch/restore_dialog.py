"""Arquivo → Restaurar backup…: the backups of the open file, newest first, and the choice.

The dialog only chooses and confirms. The restore itself runs in the
:class:`~escola_gui.gui.launch.launcher.Launcher`, which holds the file's lock: the main window emits
``restore_requested`` with the chosen path, and the launcher closes the engine, calls
:func:`escola_gui.storage.file.restore.restore` and reruns the launch checks on the restored file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.errors import EscolaError
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.text import translate, translate_error
from escola_gui.storage.file import backups as backups_module
from escola_gui.storage.file.backups import LEGACY_LABEL, BackupInfo, BackupKind
from escola_gui.storage.file.restore import restore_refusal

_ModelIndex = QModelIndex | QPersistentModelIndex

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def format_size(n: int) -> str:
    """A file size as the office reads it: 12 KB, 3,4 MB."""
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")


def format_created_at(info: BackupInfo) -> str:
    return f"{info.created_at:%d/%m/%Y %H:%M}"


def _kind_text(info: BackupInfo) -> str:
    if info.kind is BackupKind.PRE_UPGRADE:
        return translate("restore_dialog", "antes de atualizar (fixa)")
    if info.kind is BackupKind.AUTOMATIC:
        return translate("restore_dialog", "automática")
    return translate("restore_dialog", "manual")


def _version_text(info: BackupInfo) -> str:
    if info.app_version is None:
        return translate("restore_dialog", "desconhecida")
    return info.app_version if info.app_version != LEGACY_LABEL else "0.x"


def _alunos_text(info: BackupInfo) -> str:
    return "?" if info.alunos is None else str(info.alunos)


_COLUMNS: Sequence[tuple[str, Callable[[BackupInfo], str], bool]] = (
    (QT_TRANSLATE_NOOP("restore_dialog", "Data"), format_created_at, False),
    (QT_TRANSLATE_NOOP("restore_dialog", "Tipo"), _kind_text, False),
    (QT_TRANSLATE_NOOP("restore_dialog", "Versão do Escola"), _version_text, False),
    (QT_TRANSLATE_NOOP("restore_dialog", "Revisão"), lambda b: b.revision or "?", False),
    (QT_TRANSLATE_NOOP("restore_dialog", "Alunos"), _alunos_text, True),
    (QT_TRANSLATE_NOOP("restore_dialog", "Tamanho"), lambda b: format_size(b.size), True),
)


class BackupTableModel(QAbstractTableModel):
    """A read-only table of backups, in the order given (``list_backups``: newest first)."""

    def __init__(self, backups: Sequence[BackupInfo] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backups = list(backups)

    def reload(self, backups: Sequence[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self.endResetModel()

    def backup_at(self, row: int) -> BackupInfo:
        return self._backups[row]

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._backups) or not 0 <= index.column() < len(_COLUMNS):
            return None
        info = self._backups[index.row()]
        _header, display, right = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(info)
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if info.pinned:
                return translate(
                    "restore_dialog", "Cópia feita antes de uma atualização; a rotação nunca a apaga.\n{path}"
                ).format(path=info.path)
            return str(info.path)
        if role == PATH_ROLE:
            return str(info.path)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(_COLUMNS)
        ):
            return translate("restore_dialog", _COLUMNS[section][0])
        return None


def confirmation_text(database: Path, info: BackupInfo) -> str:
    """The question asked before restoring ``info`` in place of ``database``."""
    alunos = _alunos_phrase(info) if info.alunos is not None else translate("restore_dialog", "(alunos: desconhecido)")
    return translate(
        "restore_dialog",
        "Restaurar a cópia de segurança de {data} {alunos}?\n\n"
        "O arquivo atual será guardado como {aside} e o Escola reabre com o arquivo restaurado "
        "(atualizando-o, se a cópia for de uma versão anterior).",
    ).format(data=format_created_at(info), alunos=alunos, aside=database.name + ".antes-de-restaurar")


def _alunos_phrase(info: BackupInfo) -> str:
    """ "com 1 aluno", "com 1.234 alunos", or that the number is unknown."""
    if info.alunos is None:
        return translate("restore_dialog", "com um número de alunos desconhecido")
    if info.alunos == 1:
        return translate("restore_dialog", "com 1 aluno")
    return translate("restore_dialog", "com {n} alunos").format(n=f"{info.alunos:,}".replace(",", "."))


def file_confirmation_text(database: Path, info: BackupInfo) -> str:
    """The question asked before restoring a file chosen outside ``backups/`` (a pen drive)."""
    alunos = _alunos_phrase(info)
    return translate(
        "restore_dialog",
        "Restaurar o arquivo {path}, de {data}, {alunos}?\n\n"
        "Ele passa pelas mesmas verificações de uma cópia da pasta backups. O arquivo atual será guardado "
        "como {aside} e o Escola reabre com o arquivo restaurado.",
    ).format(path=info.path, data=format_created_at(info), alunos=alunos, aside=database.name + ".antes-de-restaurar")


def delete_confirmation_text(info: BackupInfo) -> str:
    alunos = _alunos_phrase(info)
    return translate(
        "restore_dialog",
        "Apagar para sempre a cópia manual de {data} {alunos}?\n\n{path}\n\n"
        "As cópias manuais só são apagadas assim, por você; esta não poderá ser recuperada.",
    ).format(data=format_created_at(info), alunos=alunos, path=info.path)


class RestoreDialog(QDialog):
    """The backups of ``database``; accepted, ``chosen`` is the backup to restore.

    Restaurar asks first (``messages.ask_yes_no``); the dialog is accepted only on Sim.
    "Outro arquivo…" restores a file chosen anywhere (a pen drive), through the same checks;
    "Apagar cópia…" deletes a chosen manual backup, asking first.
    """

    def __init__(self, database: Path, backups: Sequence[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(self.tr("Restaurar backup"))
        self.database = database
        self.chosen: BackupInfo | None = None

        self.model = BackupTableModel(backups, self)
        intro = QLabel(
            self.tr(
                "Escolha a cópia de segurança a restaurar. O arquivo atual é guardado ao lado, "
                "como {aside}, antes de ser substituído."
            ).format(aside=database.name + ".antes-de-restaurar")
        )
        intro.setWordWrap(True)
        self.empty_label = QLabel(
            self.tr(
                "Ainda não há cópias de segurança deste arquivo na pasta backups. Use Arquivo → Fazer backup agora."
            )
        )
        self.empty_label.setObjectName("sem_backups")
        self.empty_label.setWordWrap(True)

        self.table = QTableView()
        self.table.setObjectName("backups_tabela")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.resizeColumnsToContents()
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_button.click())

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("&Restaurar"))
        self.restore_button.setObjectName("restaurar")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_file_button = QPushButton(self.tr("&Outro arquivo…"))
        self.other_file_button.setObjectName("outro_arquivo")
        self.other_file_button.setToolTip(
            self.tr("Restaura um arquivo de dados escolhido em qualquer pasta, como uma cópia em um pen drive")
        )
        self.other_file_button.clicked.connect(self._choose_other_file)
        buttons.addButton(self.other_file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button = QPushButton(self.tr("&Apagar cópia…"))
        self.delete_button.setObjectName("apagar_copia")
        self.delete_button.setToolTip(
            self.tr("Apaga a cópia manual escolhida (a rotação nunca apaga as cópias manuais)")
        )
        self.delete_button.clicked.connect(self._delete_selected)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(self.tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelar")
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(buttons)
        has_backups = self.model.rowCount() > 0
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if has_backups:
            self.resize(760, 380)
        else:
            self.resize(620, 180)
        self._show_list()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_: object) -> None:
        selected = self.selected()
        self.restore_button.setEnabled(selected is not None)
        self.delete_button.setEnabled(selected is not None and selected.kind is BackupKind.MANUAL)

    def _show_list(self) -> None:
        has_backups = self.model.rowCount() > 0
        self.table.setVisible(has_backups)
        self.empty_label.setVisible(not has_backups)
        self._update_buttons()

    def _choose_other_file(self) -> None:
        """A file chosen anywhere; on Sim it is ``chosen``, and the restore checks it as any backup."""
        title = self.tr("Restaurar de um arquivo")
        path, _filter = QFileDialog.getOpenFileName(
            self,
            title,
            str(Path.home()),
            self.tr("Arquivos de dados do Escola (*.sqlite3 *.db);;Todos os arquivos (*)"),
        )
        if not path:
            return
        try:
            info = backups_module.describe_file(Path(path))
        except OSError as exc:
            messages.show_error(
                self,
                title,
                self.tr("O arquivo {path} não pôde ser lido: {reason}.").format(path=path, reason=exc.strerror or exc),
            )
            return
        refusal = restore_refusal(self.database, info.path)
        if refusal is not None:  # said before asking anything; the dialog stays
            messages.show_error(self, title, translate_error(refusal))
            return
        if messages.ask_yes_no(self, title, file_confirmation_text(self.database, info)):
            self.chosen = info
            self.accept()

    def _delete_selected(self) -> None:
        """Delete the selected manual backup after asking; the list shows what is left."""
        info = self.selected()
        if info is None or info.kind is not BackupKind.MANUAL:
            return
        title = self.tr("Apagar cópia de segurança")
        if not messages.ask_yes_no(self, title, delete_confirmation_text(info)):
            return
        try:
            backups_module.delete_manual_backup(self.database, info.path)
            remaining = backups_module.list_backups(self.database)
        except EscolaError as exc:
            messages.show_error(self, title, translate_error(exc))
            return
        self.model.reload(remaining)
        self._show_list()

    def _confirm(self) -> None:
        info = self.selected()
        if info is None:
            return
        if messages.ask_yes_no(self, self.tr("Restaurar backup"), confirmation_text(self.database, info)):
            self.chosen = info
            self.accept()
