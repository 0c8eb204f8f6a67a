"""The launch found the data file damaged (a damaged page, a truncated file): say so plainly,
and offer the backups that are in good condition, newest first.

Every backup is checked (``classify_database``, which runs ``PRAGMA quick_check``, read-only)
before it is offered: a damaged copy, or one this version cannot open, is never offered.

The dialog writes nothing. ``restore_chosen`` carries the backup to restore; the
:class:`~escola_gui.gui.launch.launcher.Launcher`, which holds the file's lock, restores it (keeping the
damaged file aside, untouched, as ``<name>.danificado``) and runs the launch checks again, so
an older backup is upgraded as usual. Fechar, the default, and Esc reject the dialog and the
app quits with everything as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.paths import backups_dir
from escola_gui.gui.launch.newer_file_dialog import ChooseBackupDialog, add_backup_choices
from escola_gui.storage.file.backups import BackupInfo, list_backups
from escola_gui.storage.file.launch_check import Classification, DatabaseState
from escola_gui.storage.file.restore import next_aside_path
from escola_gui.storage.file.upgrade import classify_database

log = logging.getLogger(__name__)

DETAIL_STYLE = "color: #5f6368;"


@dataclass(frozen=True)
class GoodBackups:
    """The backups that may be offered (newest first), and how many were left out."""

    offered: tuple[BackupInfo, ...]
    left_out: int


def good_backups(database: Path) -> GoodBackups:
    """The backups of ``database`` that pass ``quick_check`` and that this version can open
    (the 0.x prototype or one of its own revisions), newest first. Each is only read."""
    offered: list[BackupInfo] = []
    left_out = 0
    for info in list_backups(database):
        try:
            c = classify_database(info.path)
        except Exception:  # a backup that cannot even be classified is not offered
            log.exception("could not check the backup %s", info.path)
            c = None
        if c is None or c.refused or c.state is DatabaseState.NEW:
            log.warning("backup %s not offered: %s", info.path, "unreadable" if c is None else c.reason or c.state)
            left_out += 1
            continue
        offered.append(info)
    return GoodBackups(tuple(offered), left_out)


class DamagedFileDialog(ChooseBackupDialog):
    """Says the file is damaged; with good backups, offers them (the newest checked).

    ``restore_chosen`` is emitted with the chosen backup's path on Restaurar esta cópia; the
    dialog stays open until the launcher has put the next window on screen (or explained why
    the backup could not be restored). Fechar rejects it.
    """

    def __init__(
        self,
        classification: Classification,
        backups: Sequence[BackupInfo],
        log_path: Path,
        *,
        left_out: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("arquivo_danificado")
        self.setWindowTitle(self.tr("Arquivo de dados danificado"))
        self.setMinimumWidth(620)
        self.classification = classification
        self.backups = list(backups)
        database = classification.path

        self.headline = QLabel(
            self.tr("O arquivo de dados está danificado e não pode ser aberto."), objectName="danificado"
        )
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.explanation = QLabel(
            self.tr(
                "Isso costuma acontecer quando o computador desliga de repente, o arquivo é copiado pela metade "
                "ou o disco apresenta defeito. O Escola não alterou nada no arquivo."
            ),
            objectName="explicacao",
        )
        self.explanation.setWordWrap(True)
        path_label = QLabel(self.tr("Arquivo: {path}").format(path=database), objectName="caminho")
        path_label.setWordWrap(True)
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail = QLabel(self.tr("Detalhe técnico: {reason}").format(reason=classification.reason), objectName="detalhe")
        detail.setWordWrap(True)
        detail.setStyleSheet(DETAIL_STYLE)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.explanation)
        layout.addWidget(path_label)
        layout.addWidget(detail)

        self.choices = QButtonGroup(self)
        buttons = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        if self.backups:
            offer = QLabel(
                self.tr("Esta cópia de segurança foi verificada e está em bom estado:")
                if len(self.backups) == 1
                else self.tr(
                    "Estas cópias de segurança foram verificadas e estão em bom estado (a mais recente primeiro):"
                ),
                objectName="oferta",
            )
            offer.setWordWrap(True)
            layout.addSpacing(6)
            layout.addWidget(offer)
            add_backup_choices(layout, self.choices, self.backups)
            aside = next_aside_path(database, damaged=True)
            self.warning_label = QLabel(
                self.tr(
                    "O arquivo danificado é guardado ao lado, sem alterações, como {aside}. O que foi digitado "
                    "depois da cópia escolhida não estará no arquivo restaurado. Se a cópia for de uma versão "
                    "anterior, ela é atualizada para esta versão antes de abrir."
                ).format(aside=aside.name),
                objectName="aviso",
            )
            self.restore_button = QPushButton(self.tr("Restaurar esta cópia"), objectName="restaurar")
            self.restore_button.setAutoDefault(False)
            buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.clicked.connect(self._restore_clicked)
        else:
            self.warning_label = QLabel(
                self.tr(
                    "Não há cópia de segurança em bom estado deste arquivo (as cópias ficam em {folder}). "
                    "Nada foi alterado: o arquivo danificado continua em {path}. Guarde-o e procure ajuda "
                    "técnica para tentar recuperá-lo, levando também o registro técnico."
                ).format(folder=backups_dir(database), path=database),
                objectName="sem_copia",
            )
            layout.addSpacing(6)
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.warning_label)
        self.left_out_label: QLabel | None = None
        if left_out:
            self.left_out_label = QLabel(
                (
                    self.tr("1 cópia danificada, ou que esta versão não sabe abrir, não aparece aqui.")
                    if left_out == 1
                    else self.tr(
                        "{n} cópias danificadas, ou que esta versão não sabe abrir, não aparecem aqui."
                    ).format(n=left_out)
                ),
                objectName="copias_fora",
            )
            self.left_out_label.setWordWrap(True)
            self.left_out_label.setStyleSheet(DETAIL_STYLE)
            layout.addWidget(self.left_out_label)

        self._finish(layout, buttons, log_path)
