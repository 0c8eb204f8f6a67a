"""The launch found a file written by a newer Escola: say which version it needs, and offer
the pinned pre-upgrade backup that this version can open, if there is one.

The dialog writes nothing. It only chooses: ``restore_chosen`` carries the backup to restore,
and the :class:`~escola_gui.gui.launch.launcher.Launcher`, which holds the file's lock, restores it
(keeping the newer file aside) and runs the launch checks again. Fechar, the default, and
Esc reject the dialog and the app quits with the file as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from escola_gui import __version__
from escola_gui.gui.toolkit.text import translate
from escola_gui.storage.file.backups import LEGACY_LABEL, BackupInfo, list_backups
from escola_gui.storage.file.launch_check import Classification
from escola_gui.storage.migrations import script_directory


def restorable_backups(database: Path) -> list[BackupInfo]:
    """The pinned pre-upgrade backups of ``database`` that this version can open, newest first.

    A backup qualifies when its revision is the 0.x prototype or one of this version's own
    revisions. The revisions form a single chain ending at head, so a known revision is
    always at or below head; a copy made at a revision of a newer release is left out.
    Each backup is only read, never written.
    """
    from alembic.util import CommandError

    script = script_directory()

    def known(revision: str | None) -> bool:
        if revision is None:
            return False
        if revision == LEGACY_LABEL:
            return True
        try:
            return script.get_revision(revision) is not None
        except CommandError:
            return False

    return [b for b in list_backups(database) if b.pinned and known(b.revision)]


def needed_version_text(classification: Classification) -> str:
    """Which Escola the newer file needs, in a sentence."""
    if classification.written_by:
        return translate(
            "newer_file_dialog",
            "Este arquivo foi gravado pelo Escola {needed} (revisão de esquema {revision}). "
            "Para abri-lo, instale o Escola {needed} ou mais novo.",
        ).format(needed=classification.written_by, revision=classification.revision or "?")
    return translate(
        "newer_file_dialog",
        "Este arquivo foi gravado por uma versão mais nova do Escola, com a revisão de esquema {revision}, "
        "que esta versão não conhece. Para abri-lo, instale uma versão mais nova do Escola.",
    ).format(revision=classification.revision or "?")


def backup_choice_text(info: BackupInfo) -> str:
    """Restaurar a cópia de 02/03/2026 09:30 (Escola 1.0.0, 12 alunos)."""
    if info.app_version is None:
        version = translate("newer_file_dialog", "versão desconhecida")
    else:
        version = "Escola " + ("0.x" if info.app_version == LEGACY_LABEL else info.app_version)
    if info.alunos is None:
        alunos = translate("newer_file_dialog", "alunos: desconhecido")
    elif info.alunos == 1:
        alunos = translate("newer_file_dialog", "1 aluno")
    else:
        alunos = translate("newer_file_dialog", "{n} alunos").format(n=info.alunos)
    return translate("newer_file_dialog", "Restaurar a cópia de {data} ({version}, {alunos})").format(
        data=f"{info.created_at:%d/%m/%Y %H:%M}", version=version, alunos=alunos
    )


def add_backup_choices(layout: QVBoxLayout, group: QButtonGroup, backups: Sequence[BackupInfo]) -> None:
    """One radio button per backup (``copia_<n>``, its path as tooltip) in ``group``, the first checked."""
    for row, info in enumerate(backups):
        radio = QRadioButton(backup_choice_text(info))
        radio.setObjectName(f"copia_{row}")
        radio.setToolTip(str(info.path))
        group.addButton(radio, row)
        layout.addWidget(radio)
    group.button(0).setChecked(True)


class ChooseBackupDialog(QDialog):
    """What the newer-file and damaged-file dialogs share: the backups offered as radio buttons
    (``choices``, ``backups``), Fechar as the safe default, the log's path, and
    ``restore_chosen`` with the chosen backup's path on Restaurar esta cópia."""

    restore_chosen = Signal(object)  # Path

    backups: list[BackupInfo]
    choices: QButtonGroup

    def _finish(self, layout: QVBoxLayout, buttons: QDialogButtonBox, log_path: Path) -> None:
        """Add Fechar, the log's path and ``buttons`` below ``layout``; then size the dialog."""
        translate = QCoreApplication.translate
        self.close_button = QPushButton(translate("ChooseBackupDialog", "Fechar"), objectName="fechar")
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)
        # The safe answer is the default: Enter closes and touches nothing.
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        log_label = QLabel(
            translate("ChooseBackupDialog", "Registro técnico: {path}").format(path=log_path), objectName="registro"
        )
        log_label.setWordWrap(True)
        log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addSpacing(6)
        layout.addWidget(log_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        # The size hint measures the wrapped labels at their natural (narrow) width, where they
        # take more lines; at the real width the spare height went to the stretch above the buttons.
        width = self.minimumWidth()
        self.resize(width, layout.totalHeightForWidth(width))

    def chosen(self) -> BackupInfo | None:
        """The backup whose option is checked; None when none is offered."""
        row = self.choices.checkedId()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def _restore_clicked(self) -> None:
        info = self.chosen()
        if info is not None:
            self.restore_chosen.emit(info.path)


class NewerFileDialog(ChooseBackupDialog):
    """Says which version the file needs; with restorable backups, offers one of them.

    ``restore_chosen`` is emitted with the chosen backup's path on Restaurar esta cópia; the
    dialog stays open until the launcher has put the next window on screen (or explained why
    the backup could not be restored). Fechar rejects it.
    """

    def __init__(
        self,
        classification: Classification,
        backups: Sequence[BackupInfo],
        log_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("arquivo_mais_novo")
        self.setWindowTitle(self.tr("Arquivo de uma versão mais nova do Escola"))
        self.setMinimumWidth(600)
        self.classification = classification
        self.backups = list(backups)

        database = classification.path
        self.needed_label = QLabel(needed_version_text(classification), objectName="versao_necessaria")
        self.needed_label.setWordWrap(True)
        font = self.needed_label.font()
        font.setBold(True)
        self.needed_label.setFont(font)
        self.unchanged_label = QLabel(
            self.tr("Esta é a versão {this}, que não pode abri-lo. Nada foi alterado no arquivo.").format(
                this=__version__
            ),
            objectName="nada_alterado",
        )
        self.unchanged_label.setWordWrap(True)
        path_label = QLabel(self.tr("Arquivo: {path}").format(path=database), objectName="caminho")
        path_label.setWordWrap(True)
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.needed_label)
        layout.addWidget(self.unchanged_label)
        layout.addWidget(path_label)

        self.choices = QButtonGroup(self)
        buttons = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        if self.backups:
            offer = QLabel(
                self.tr("Há uma cópia de segurança feita antes de uma atualização, que esta versão sabe abrir:")
                if len(self.backups) == 1
                else self.tr("Há cópias de segurança feitas antes de atualizações, que esta versão sabe abrir:"),
                objectName="oferta",
            )
            offer.setWordWrap(True)
            layout.addSpacing(6)
            layout.addWidget(offer)
            add_backup_choices(layout, self.choices, self.backups)
            self.warning_label = QLabel(
                self.tr(
                    "O que foi digitado depois dessa cópia fica apenas no arquivo atual, que é guardado ao lado, "
                    "sem alterações, como {aside}. Se a cópia for de uma versão anterior, ela é atualizada "
                    "para esta versão antes de abrir."
                ).format(aside=database.name + ".antes-de-restaurar"),
                objectName="aviso",
            )
            self.warning_label.setWordWrap(True)
            layout.addWidget(self.warning_label)
            self.restore_button = QPushButton(self.tr("Restaurar esta cópia"), objectName="restaurar")
            self.restore_button.setAutoDefault(False)
            buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.clicked.connect(self._restore_clicked)
        else:
            self.warning_label = QLabel(
                self.tr("Não há cópia de segurança feita antes de uma atualização que esta versão possa abrir."),
                objectName="sem_copia",
            )
            self.warning_label.setWordWrap(True)
            layout.addSpacing(6)
            layout.addWidget(self.warning_label)
        self._finish(layout, buttons, log_path)
