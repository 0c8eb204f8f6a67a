"""The Arquivo menu's actions on the data file as a whole, the main window's controller for them.

Fazer backup agora makes a manual, verified backup and offers to save a copy elsewhere too;
Salvar uma cópia em outro lugar… writes a verified copy wherever the secretary chooses; closing
the window makes the day's automatic backup (:mod:`escola_gui.storage.file.backups`). Restaurar
backup… and Voltar para uma versão anterior… only choose (:mod:`escola_gui.gui.launch.restore_dialog`,
:mod:`escola_gui.gui.launch.downgrade_dialog`): replacing the file is the
:class:`~escola_gui.gui.launch.launcher.Launcher`'s, which holds its lock. The choice is emitted
(``restore_chosen``, ``downgrade_chosen``) and the window passes it on.

:class:`FileActions` is given the file's path, the window its dialogs open over and a way to say
something in the status bar; nothing else of the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from escola_gui.core.errors import EscolaError
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.messages import wait_cursor
from escola_gui.gui.toolkit.text import translate, translate_error

if TYPE_CHECKING:  # imported when first used: the downgrade's revisions
    from escola_gui.gui.launch.downgrade_dialog import DowngradeDialog
    from escola_gui.gui.launch.restore_dialog import RestoreDialog  # imported when used

_log = logging.getLogger(__name__)


class FileActions(QObject):
    """Backups, copies, and the choice of a backup to restore or a version to go back to."""

    restore_chosen = Signal(object)  # Path of the backup
    downgrade_chosen = Signal(str)  # the release to take the file back to ("1.0")

    def __init__(self, database: Path, window: QWidget, show_message: Callable[[str], None]) -> None:
        super().__init__(window)
        self._database = database
        self._window = window
        self._show_message = show_message
        self.restore_dialog: RestoreDialog | None = None
        self.backup_done_box: QMessageBox | None = None  # after Fazer backup agora: save a copy elsewhere?
        self.downgrade_dialog: DowngradeDialog | None = None

    def back_up_now(self) -> Path | None:
        """Arquivo → Fazer backup agora: a manual, verified backup, then the retention rule."""
        from escola_gui.storage.file import backups

        title = translate("MainWindow", "Fazer backup agora")
        try:
            with wait_cursor():
                path = backups.make_backup(self._database, backups.BackupKind.MANUAL)
                backups.prune(self._database)
        except EscolaError as exc:
            messages.show_error(self._window, title, translate_error(exc))
            return None
        except Exception:
            messages.report_unexpected_error(self._window)
            return None
        self._show_message(translate("MainWindow", "Cópia de segurança gravada em {path}.").format(path=path))
        return path

    def back_up_now_and_offer_a_copy(self) -> None:
        """Fazer backup agora, then offer to save a copy elsewhere too (a pen drive): the backups
        folder is on the same disk as the file, and a broken or stolen computer takes both."""
        path = self.back_up_now()
        if path is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            translate("MainWindow", "Fazer backup agora"),
            translate(
                "MainWindow",
                "Cópia de segurança gravada em {path}.\n\n"
                "Quer salvar também uma cópia fora deste computador, em um pen drive ou em outra pasta?",
            ).format(path=path),
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        box.setObjectName("backup_feito")
        save = box.addButton(
            translate("MainWindow", "Salvar uma cópia em outro lugar…"), QMessageBox.ButtonRole.AcceptRole
        )
        save.setObjectName("salvar_copia")
        later = box.addButton(translate("MainWindow", "Agora não"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.setEscapeButton(later)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            self.backup_done_box = None
            if button is save:  # once the box is gone: the file dialog opens over the window
                QTimer.singleShot(0, self.save_copy_elsewhere)

        box.buttonClicked.connect(clicked)
        self.backup_done_box = box
        box.open()

    def save_copy_elsewhere(self) -> Path | None:
        """Arquivo → Salvar uma cópia em outro lugar…: a verified copy (as a backup is made)
        wherever the secretary chooses; returns its path, or None."""
        from escola_gui.storage.file import backups

        title = translate("MainWindow", "Salvar uma cópia em outro lugar")
        suggested = str(Path.home() / backups.default_copy_name(self._database))
        chosen, _filter = QFileDialog.getSaveFileName(
            self._window, title, suggested, translate("MainWindow", "Arquivo de dados do Escola (*.sqlite3)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".sqlite3":
            target = target.with_name(target.name + ".sqlite3")
        try:
            with wait_cursor():
                saved = backups.save_copy(self._database, target)
        except EscolaError as exc:
            messages.show_error(self._window, title, translate_error(exc))
            return None
        except Exception:
            messages.report_unexpected_error(self._window)
            return None
        self._show_message(translate("MainWindow", "Cópia verificada salva em {path}.").format(path=saved))
        return saved

    def automatic_backup(self) -> Path | None:
        """The day's automatic backup and the retention rule, as the window closes.

        A failure is logged and never keeps the window from closing.
        """
        from escola_gui.storage.file import backups

        try:
            made = backups.backup_if_due(self._database)
            backups.prune(self._database)
        except Exception:
            _log.exception("the automatic backup of %s failed", self._database)
            return None
        return made

    def choose_backup_to_restore(self) -> None:
        """Arquivo → Restaurar backup…: the backups of the file; on Sim, ``restore_chosen``."""
        from escola_gui.gui.launch.restore_dialog import RestoreDialog
        from escola_gui.storage.file import backups

        try:
            with wait_cursor():
                found = backups.list_backups(self._database)
        except Exception:
            messages.report_unexpected_error(self._window)
            return
        dialog = RestoreDialog(self._database, found, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.chosen is not None and self.restore_chosen.emit(dialog.chosen.path))
        self.restore_dialog = dialog
        dialog.open()

    def choose_version_to_downgrade(self) -> None:
        """Arquivo → Voltar para uma versão anterior…: on "Voltar e fechar", ``downgrade_chosen``."""
        from escola_gui.gui.launch.downgrade_dialog import DowngradeDialog

        dialog = DowngradeDialog(self._database, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.chosen is not None and self.downgrade_chosen.emit(dialog.chosen))
        self.downgrade_dialog = dialog
        dialog.open()
