"""The GUI launch: lock the file, classify it, upgrade it in a progress window, and only
then open the main window.

The launch sequence, top to bottom (an up-to-date file reaches step 6 without importing
SQLAlchemy or Alembic; ``tests/gui/test_first_paint.py`` checks it in a child process):

1. ``cli.main`` parses the arguments and starts :class:`~escola_gui.storage.file.launch_check.EarlyCheck`,
   which classifies the file with ``sqlite3`` (its pages not read) while this module and Qt load.
2. :func:`run_gui` makes the QApplication, installs the translations and starts a :class:`Launcher`.
3. :meth:`Launcher.start` checks the file's place, takes its lock and cleans what a killed run left.
4. :meth:`Launcher._check_and_open` takes the early answer (or classifies again); anything but an
   up-to-date file goes the full way (Alembic): a crash's journal applied, the newer-file, damaged-file
   or upgrade window, all before anything else is shown (each after the launch starts answering
   later launches on the same file: single instance).
5. :meth:`Launcher._open_main` reads the Alunos list's first page with ``sqlite3``
   (:mod:`escola_gui.core.first_page`) and shows the main window with it: the first paint. The other
   pages' modules are imported when each is first shown.
6. Right after that paint (:class:`_AfterFirstPaint`) the launch answers later launches (single
   instance), then :meth:`Launcher._build_services` imports SQLAlchemy and the models, builds the
   engine and the services, and the window gets them (``MainWindow.attach``): the list goes on
   with the services' reads, the same rows, nothing moves.
7. A copied file's window says it is being checked; its pages are checked in a thread started
   right after the first paint (:class:`~escola_gui.storage.file.launch_check.PageCheck`), and it
   takes no edit until that check passes (its services are attached only then); a failed check
   closes the window and shows the damaged-file dialog, the file untouched and its lock held
   until the dialog is answered.

The launcher also restores a backup (Arquivo → Restaurar backup…): it holds the file's lock
for the whole session, so the main window hands the chosen backup over to it; it closes the
engine, restores, and runs the same checks again on the restored file.

A file written by a newer Escola is not refused with a bare error: a dialog names the version
it needs and, when a pinned pre-upgrade backup this version can open exists, offers to restore
it the same way. Nothing is written unless the secretary chooses the restore. A damaged file
gets the same kind of dialog, offering the backups in good condition; restoring one keeps the
damaged file aside, untouched, as ``<name>.danificado``.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from escola_gui import __version__
from escola_gui.core import leftovers
from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.errors import DatabaseInUseError, EscolaError
from escola_gui.core.paths import resolve_real_path, resources_dir
from escola_gui.gui.toolkit import language, messages
from escola_gui.gui.toolkit.text import translate_core, translate_error
from escola_gui.storage.file import launch_check
from escola_gui.storage.file.launch_check import Classification, DatabaseState
from escola_gui.storage.file.lock import DatabaseLock
from escola_gui.storage.file.places import check_database_place

# Imported when first needed, never before the first paint of an up-to-date file: SQLAlchemy
# (the engine, the services), Alembic (the upgrade, the full classification), the launch dialogs
# and the main window's pages. See the launch sequence above.
if TYPE_CHECKING:
    from sqlalchemy import Engine

    from escola_gui.core.first_page import FirstPage
    from escola_gui.core.services import Services
    from escola_gui.gui.launch.damaged_file_dialog import DamagedFileDialog
    from escola_gui.gui.launch.downgrade_dialog import DowngradeProgressDialog
    from escola_gui.gui.launch.newer_file_dialog import NewerFileDialog
    from escola_gui.gui.launch.single_instance import InstanceServer, RaiseRequest
    from escola_gui.gui.launch.upgrade_dialog import UpgradeDialog
    from escola_gui.gui.main_window import MainWindow

log = logging.getLogger(__name__)

RESOURCES = resources_dir()


def install_qt_translations(app: QApplication) -> None:
    """Speak the language chosen in Configurações (Brazilian Portuguese unless the system or the
    choice says English), in Escola's texts and in Qt's own: Sim/Não, the calendar, context menus.

    Without Qt's pt_BR catalogue, standard buttons would say "Yes"/"No" and the calendar popup
    would show English month names in the Portuguese interface.
    """
    language.install(app)


class _AfterFirstPaint(QObject):
    """Calls ``callback`` once, right after ``widget`` is first painted (the event loop has
    delivered its Paint), or after ``fallback_ms`` if it never is (a window never exposed).

    A ``QTimer.singleShot(0)`` set when the window is shown would run before that paint: the
    platform exposes the window later, in another turn of the event loop."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int = 1000) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._widget and event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self, self._fire)  # after this paint is delivered
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._widget.removeEventFilter(self)
            callback()


class _PageCheckSignals(QObject):
    """The page check's end, delivered in the GUI thread (it is reported from the check's)."""

    done = Signal()


class Launcher(QObject):
    """Drives one launch. ``failed`` carries the exit code when the app does not open (0 when
    the file was already open and that window was brought to the front)."""

    #: The main window, once its services are attached: every page works (for a copied file,
    #: once its pages were checked too). It is on screen, with the Alunos list's first page,
    #: before that (:attr:`first_painted`).
    window_opened = Signal(object)  # MainWindow
    #: The main window is shown with the Alunos list's first page; its services are not attached yet.
    first_painted = Signal(object)  # MainWindow
    failed = Signal(int)
    downgraded = Signal(object)  # DowngradeResult: the file is at an older schema, Escola quits
    #: Another launch on the same file asked this one to come to the front; carries the window raised.
    brought_to_front = Signal(object)

    def __init__(
        self,
        database: Path,
        log_path: Path,
        parent: QObject | None = None,
        early_check: launch_check.EarlyCheck | None = None,
    ) -> None:
        super().__init__(parent)
        # The real file, once: the lock, a crash's journal, the backups and a restore all follow
        # it, whichever link the user opened it through.
        self.database = resolve_real_path(database)
        self._early_check = early_check  # the first check's answer, read before the lock (cli.main)
        self.log_path = log_path
        self.lock = DatabaseLock(database)
        self.dialog: UpgradeDialog | None = None
        self.newer_dialog: NewerFileDialog | None = None
        self.damaged_dialog: DamagedFileDialog | None = None
        self.window: MainWindow | None = None
        self._engine: Engine | None = None
        self._services: Services | None = None
        self._revision = ""
        self._read_only_reason: str | None = None
        # A copied file's pages being checked while its list shows read-only (launch_check.PageCheck).
        self.page_check: launch_check.PageCheck | None = None
        self._page_check_signals = _PageCheckSignals(self)
        # Queued: a check already over when the window opens is handled once the window is shown.
        self._page_check_signals.done.connect(self._page_check_done, Qt.ConnectionType.QueuedConnection)
        self._restored_aside: Path | None = None
        self.downgrade_dialog: DowngradeProgressDialog | None = None
        self.instance_server: InstanceServer | None = None
        self._raise_request: RaiseRequest | None = None

    def _fail(self, text: str, code: int = 1) -> None:
        self.lock.release()
        messages.show_error(
            None,
            self.tr("Escola"),
            text + "\n\n" + self.tr("Registro técnico: {path}").format(path=self.log_path),
        )
        self.failed.emit(code)

    def start(self) -> None:
        try:
            check_database_place(self.database)  # before the lock file is created beside it
            self.lock.acquire()
        except DatabaseInUseError as exc:
            self._ask_running_instance(translate_error(exc))
            return
        except EscolaError as exc:
            self._fail(translate_error(exc))
            return
        self._clean_after_crash()
        self._check_and_open()

    def _clean_after_crash(self) -> None:
        """Holding the lock: remove what killed runs left (half-made backups and restores,
        temp folders, exports; their sockets go in :meth:`_listen_for_other_launches`). Never
        keeps the file from opening."""
        leftovers.clean_after_crash(self.database)

    # --- one instance per file ----------------------------------------------------------

    def _listen_for_other_launches(self) -> None:
        """Holding the lock, answer later launches on this file by coming to the front: before
        any window of the launch is shown, but for the main window, right after its first paint
        (Qt's network module, which the local socket needs, takes a good part of a bare window's
        launch to import). A launch that asks in between is told the file is in use."""
        if self.instance_server is not None:
            return
        from escola_gui.gui.launch.single_instance import InstanceServer, remove_stale_sockets

        try:
            remove_stale_sockets()  # the sockets of killed runs
        except Exception:
            log.exception("removing the sockets of killed runs failed")
        self.instance_server = InstanceServer(self.database, self)
        self.instance_server.raise_requested.connect(self.bring_to_front)
        self.instance_server.listen()  # without it, a second launch says the file is in use

    def bring_to_front(self) -> None:
        """Show whatever this launch shows now (the main window, the upgrade or newer-file dialog)."""
        target = self.window or self.dialog or self.newer_dialog
        if target is None:
            return
        if target.isMinimized():
            target.showNormal()
        else:
            target.show()
        target.raise_()
        target.activateWindow()
        self.brought_to_front.emit(target)

    def _ask_running_instance(self, in_use_message: str) -> None:
        """The file is open in another Escola: ask it to come to the front, then quit (0).
        When it does not answer, say the file is in use, as before."""
        from escola_gui.gui.launch.single_instance import RaiseRequest

        request = RaiseRequest(self.database, self)
        self._raise_request = request

        def answered(ok: bool) -> None:
            self._raise_request = None
            request.deleteLater()
            if not ok:
                self._fail(in_use_message)
                return
            messages.show_info(
                None,
                self.tr("Escola"),
                self.tr("O Escola já está aberto com este arquivo; a janela dele foi trazida para a frente."),
            )
            self.failed.emit(0)

        request.finished.connect(answered)
        request.start()

    def _check_and_open(self, *, full: bool = False) -> None:
        """Classify the locked file, upgrade it if needed, then open the main window.

        An up-to-date file is recognised without Alembic (launch_check); any other goes the
        full way, which loads the revisions (``full``: that way at once). An up-to-date file
        without the known-clean marker opens before its pages are checked, read-only until
        the check passes (:meth:`_open_main`)."""
        try:
            classification = None if full else self._quick_classify()
            if classification is None:
                from escola_gui.storage.file.upgrade import classify_database

                classification = classify_database(self.database)
        except EscolaError as exc:
            self._fail(translate_error(exc))
            return
        if classification.hot_journal and not classification.refused:
            from escola_gui.storage.file.journal import recovery_message
            from escola_gui.storage.file.upgrade import UpgradeRefusedError, apply_pending_journal, refusal

            # A crash left the file's own journal: applied under our lock, after copies of both.
            try:
                classification, recovery = apply_pending_journal(self.database, classification)
            except UpgradeRefusedError as exc:
                self._fail(translate_error(refusal(exc.classification)), 2)
                return
            except EscolaError as exc:
                self._fail(translate_error(exc))
                return
            if recovery is not None:
                messages.show_info(None, self.tr("Escola"), translate_error(recovery_message(recovery)))
        if classification.state is DatabaseState.NEWER:
            self._show_newer_file(classification)
            return
        if classification.damaged:
            self._show_damaged_file(classification)
            return
        if classification.refused:
            from escola_gui.storage.file.upgrade import refusal

            self._fail(translate_error(refusal(classification)), 2)
            return
        if classification.state is DatabaseState.CURRENT and not classification.leftover_tables:
            self._open_main(classification.revision or "", self._page_check_for(classification))
            return
        from escola_gui.gui.launch.upgrade_dialog import UpgradeDialog

        self._listen_for_other_launches()
        self.dialog = UpgradeDialog(self.database, classification, self.log_path)
        self.dialog.accepted.connect(self._after_upgrade)
        self.dialog.rejected.connect(self._upgrade_refused)
        self.dialog.show()
        self.dialog.start()

    def _quick_classify(self) -> Classification | None:
        """launch_check.quick_classify of the file, its pages not read (``check=False``); at
        the first check, the answer of the check started before the GUI loaded when it still
        holds (nothing wrote the file since)."""
        early, self._early_check = self._early_check, None
        if early is not None:
            holds, classification = early.result(self.database)
            if holds:
                return classification
        return launch_check.quick_classify(self.database, check=False)

    def _page_check_for(self, classification: Classification) -> launch_check.PageCheck | None:
        """The check of the pages of an ``unchecked`` current file, started after the first paint."""
        return launch_check.PageCheck(self.database) if classification.unchecked else None

    def _after_upgrade(self) -> None:
        assert self.dialog is not None and self.dialog.result_value is not None
        self._open_main(self.dialog.result_value.revision)
        self.dialog.deleteLater()

    def _upgrade_refused(self) -> None:
        self.lock.release()
        self.failed.emit(1)

    def _show_newer_file(self, classification: Classification) -> None:
        """Say which version the file needs and offer a pinned backup this version can open."""
        from escola_gui.gui.launch.newer_file_dialog import NewerFileDialog, restorable_backups

        try:
            choices = restorable_backups(self.database)
        except Exception:  # the offer is a help; its absence must not hide the message
            log.exception("listing the backups of %s failed", self.database)
            choices = []
        log.info(
            "%s needs a newer Escola (revision %s); %d backup(s) offered",
            self.database,
            classification.revision,
            len(choices),
        )
        self._listen_for_other_launches()
        dialog = NewerFileDialog(classification, choices, self.log_path)
        dialog.restore_chosen.connect(self._restore_instead_of_newer)
        dialog.rejected.connect(self._newer_file_closed)
        self.newer_dialog = dialog
        dialog.show()

    def _newer_file_closed(self) -> None:
        """Fechar: quit with the file exactly as it was."""
        if self.newer_dialog is not None:
            self.newer_dialog.deleteLater()
            self.newer_dialog = None
        self.lock.release()
        self.failed.emit(2)

    def _restore_instead_of_newer(self, backup: Path) -> None:
        """Put ``backup`` in place of the newer file (kept aside by ``restore.restore``), then
        check, upgrade if needed and open it, as Arquivo → Restaurar backup… does.

        A refused backup is explained and the dialog stays, the file as it was.
        """
        dialog = self.newer_dialog
        assert dialog is not None
        if self._put_in_place(dialog, backup):
            self.newer_dialog = None
            self._reopen_after(dialog)

    def _show_damaged_file(self, classification: Classification) -> None:
        """Say the file is damaged and offer the backups in good condition, newest first."""
        from escola_gui.gui.launch.damaged_file_dialog import DamagedFileDialog, good_backups

        try:
            found = good_backups(self.database)
            choices, left_out = list(found.offered), found.left_out
        except Exception:  # the offer is a help; its absence must not hide the message
            log.exception("listing the backups of %s failed", self.database)
            choices, left_out = [], 0
        log.error("%s is damaged (%s); %d good backup(s) offered", self.database, classification.reason, len(choices))
        self._listen_for_other_launches()
        dialog = DamagedFileDialog(classification, choices, self.log_path, left_out=left_out)
        dialog.restore_chosen.connect(self._restore_instead_of_damaged)
        dialog.rejected.connect(self._damaged_file_closed)
        self.damaged_dialog = dialog
        dialog.show()

    def _damaged_file_closed(self) -> None:
        """Fechar: quit with the damaged file and its backups exactly as they were."""
        if self.damaged_dialog is not None:
            self.damaged_dialog.deleteLater()
            self.damaged_dialog = None
        self.lock.release()
        self.failed.emit(2)

    def _restore_instead_of_damaged(self, backup: Path) -> None:
        """Put ``backup`` in place of the damaged file (kept aside as ``.danificado`` by
        ``restore.restore``), then check, upgrade if needed and open it. A refused backup is
        explained and the dialog stays, the file as it was."""
        dialog = self.damaged_dialog
        assert dialog is not None
        if self._put_in_place(dialog, backup):
            self.damaged_dialog = None
            self._reopen_after(dialog)

    def _put_in_place(self, parent: QWidget, backup: Path) -> bool:
        """``restore.restore`` of ``backup`` (the file in place kept aside); a refusal or a failure
        is explained over ``parent`` and the file stays as it was. True when restored."""
        from escola_gui.storage.file import restore as restore_module

        try:
            self._restored_aside = restore_module.restore(self.database, Path(backup))
        except EscolaError as exc:
            messages.show_error(parent, self.tr("Restaurar backup"), translate_error(exc))
            return False
        except Exception:
            log.exception("restoring %s from %s failed", self.database, backup)
            messages.show_error(
                parent,
                self.tr("Restaurar backup"),
                self.tr("O backup não pôde ser restaurado. Registro técnico: {path}").format(path=self.log_path),
            )
            return False
        return True

    def _reopen_after(self, dialog: QDialog) -> None:
        """Check and open the restored file; ``dialog`` closes once the next window (or the
        upgrade dialog) is on screen, so the app never has none (accept() does not quit)."""
        dialog.setEnabled(False)
        self._check_and_open()
        dialog.accept()
        dialog.deleteLater()

    def _open_main(self, revision: str, page_check: launch_check.PageCheck | None = None) -> None:
        """Show the main window with the Alunos list's first page (read with sqlite3: no
        SQLAlchemy yet), then, right after that first paint, build the engine and the services
        and attach them (:meth:`_build_services`).

        ``page_check``: the file's pages are being checked (a copied file): the window says so
        and takes no edit until the check passes; a failed check closes it and shows the
        damaged-file dialog, the file untouched (:meth:`_page_check_done`)."""
        from escola_gui.core.first_page import EarlyAlunoSource
        from escola_gui.gui.main_window import MainWindow

        self._revision = revision
        self.page_check = page_check
        source = EarlyAlunoSource(self.database, self._read_first_page())
        self.window = MainWindow.first_paint(self._database_info(revision), source)
        self.window.restore_requested.connect(self._restore)
        self.window.downgrade_requested.connect(self._downgrade)
        self.window.show()
        if page_check is not None:  # after show(): a message set before hid the status bar's path badly
            self.window.set_checking(True)
            page_check.set_on_done(self._page_check_signals.done.emit)
        self.first_painted.emit(self.window)
        _AfterFirstPaint(self.window.alunos_tab.table.viewport(), self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self.page_check is not None:
            self.page_check.start()
        self._listen_for_other_launches()
        self._build_services()

    def _database_info(self, revision: str) -> DatabaseInfo:
        return DatabaseInfo(path=self.database, revision=revision, app_version=__version__, log_path=self.log_path)

    def _read_first_page(self) -> FirstPage:
        """The Alunos list's first page, read-only with sqlite3; an empty one when it cannot be
        read that way (a damaged file: the list shows empty until the services read it, or the
        check sends it to the damaged-file dialog)."""
        import sqlite3

        from escola_gui.core.first_page import FirstPage, read_first_page

        try:
            return read_first_page(self.database)
        except (sqlite3.Error, OSError, ValueError):
            log.warning("the first page of %s could not be read before the services", self.database, exc_info=True)
            return FirstPage(rows=(), complete=True)

    def _build_services(self) -> None:
        """After the first paint: the engine and the services (SQLAlchemy and the models are
        imported here), attached at once, or once the pages' check has passed."""
        if self.window is None or self._services is not None:
            return
        from escola_gui.core import db
        from escola_gui.core.services import Services

        # A current file that cannot be written opens read-only, with the reason on a banner.
        reason = db.write_problem(self.database) or self.lock.read_only_reason
        if reason:
            log.warning("%s cannot be written (%s): opening it read-only", self.database, reason)
        self._read_only_reason = reason
        self._engine = db.create_app_engine(self.database, read_only=reason is not None)
        self._services = Services.for_engine(self._engine)
        self._attach_when_ready()

    def _page_check_done(self) -> None:
        """The copied file's pages were checked: attach the services (the window takes edits
        from then on), or, when the check failed, close the window and show the damaged-file
        dialog. Nothing was written to the file meanwhile: no services were attached."""
        check = self.page_check
        if check is None or not check.done():
            return
        if check.ok is True and not check.holds():
            # Written since the check began (not by Escola: nothing was attached): check again.
            self.page_check = launch_check.PageCheck(self.database).start()
            self.page_check.set_on_done(self._page_check_signals.done.emit)
            return
        if check.passed():
            self.page_check = None
            if self.window is not None:
                self.window.set_checking(False)
            self._attach_when_ready()
            return
        self.page_check = None
        log.error("%s failed its check after the first paint (%s): closing it", self.database, check.reason)
        window, self.window = self.window, None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self._services = None
        # The full classification names the damage, as at any launch; then the damaged-file dialog
        # (or the refusal) is on screen before the window closes, so the app never has none.
        self._check_and_open(full=True)
        if window is not None:
            window.close_for_restore()  # no backup: nothing was written, and the file is damaged
            window.deleteLater()

    def _attach_when_ready(self) -> None:
        """Once the services are built and the pages' check (if any) has passed: the window
        gets its services, and the launch is over (:attr:`window_opened`)."""
        window = self.window
        if window is None or self._services is None or self.page_check is not None:
            return
        window.attach(self._services)
        if self._read_only_reason:
            window.set_read_only(translate_core(self._read_only_reason))
        window.offer_first_steps()  # an empty file: what to do first
        if self._restored_aside is not None:
            from escola_gui.storage.file import restore as restore_module

            kept = (
                self.tr("Cópia de segurança restaurada. O arquivo danificado foi guardado, sem alterações, em {path}.")
                if restore_module.DAMAGED_SUFFIX in self._restored_aside.name
                else self.tr("Cópia de segurança restaurada. O arquivo anterior foi guardado em {path}.")
            )
            window.statusBar().showMessage(kept.format(path=self._restored_aside))
            self._restored_aside = None
        shown = len(window.alunos_tab.model.rows())
        log.info(
            "%s open at revision %s; the Alunos list shows its first %d aluno(s)", self.database, self._revision, shown
        )
        self.window_opened.emit(window)

    def _restore(self, backup: Path) -> None:
        """Put ``backup`` in place of the file (under the lock held since the launch), then
        check, upgrade if needed and open it again in a new main window.

        A refused backup is explained and the current window stays as it was: the engine,
        only disposed of, opens new connections on its next use.
        """
        old = self.window
        assert old is not None
        if self._engine is not None:
            self._engine.dispose()
        if not self._put_in_place(old, backup):
            old.resume_background_work()
            return
        # The old window must not be used on the replaced file; it closes once the next
        # window (or the upgrade dialog) is on screen, so the app never has none.
        old.setEnabled(False)
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self._services = None
        self.window = None
        self._check_and_open()
        old.close_for_restore()
        old.deleteLater()

    def _downgrade(self, version: str) -> None:
        """Take the file back to ``version`` (under the lock held since the launch) in a
        progress window, off the GUI thread; then say where the backup is and quit.

        On failure the reason is shown, the file is as it was, and the window is usable again:
        the engine, only disposed of, opens new connections on its next use.
        """
        from escola_gui.gui.launch.downgrade_dialog import DowngradeProgressDialog

        window = self.window
        assert window is not None
        if self._engine is not None:
            self._engine.dispose()
        # Application-modal: the window takes no input while the file changes under it.
        dialog = DowngradeProgressDialog(self.database, version, self.log_path, window)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.downgrade_dialog = dialog

        def finished(code: int) -> None:
            self.downgrade_dialog = None
            dialog.deleteLater()
            if code != QDialog.DialogCode.Accepted or dialog.result_value is None:
                window.resume_background_work()
                return  # the file is as it was; the window goes on
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
            self._services = None
            self.window = None
            window.close_for_restore()  # no automatic backup of the downgraded file
            window.deleteLater()
            self.lock.release()
            self.downgraded.emit(dialog.result_value)

        dialog.finished.connect(finished)
        dialog.show()
        dialog.start()

    def shutdown(self) -> None:
        if self.page_check is not None:  # closed while the pages were being checked
            self.page_check.cancel()
            self.page_check = None
        if self.instance_server is not None:
            self.instance_server.close()
        if self._engine is not None:
            self._engine.dispose()
            # Closed cleanly after a session: the next launch may skip quick_check.
            launch_check.record_clean_close(self.database)
        self.lock.release()


def app_icon() -> QIcon:
    """Escola's icon: the PNG rendered from resources/escola.svg (no SVG plugin needed)."""
    return QIcon(str(RESOURCES / "escola.png"))


def run_gui(database: Path, log_path: Path, early_check: launch_check.EarlyCheck | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Escola")
    app.setOrganizationName("Escola")
    app.setApplicationVersion(__version__)
    install_qt_translations(app)
    app.setDesktopFileName("escola")  # resources/escola.desktop: the icon and name in the dock
    app.setWindowIcon(app_icon())
    launcher = Launcher(database, log_path, early_check=early_check)
    exit_code: list[int] = []
    launcher.failed.connect(lambda code: (exit_code.append(code), app.quit()))
    launcher.downgraded.connect(lambda _result: app.quit())
    launcher.start()
    if exit_code:
        return exit_code[0]
    QTimer.singleShot(0, gc.enable)  # cli.main turned collections off for the launch
    rc = app.exec()
    launcher.shutdown()
    return exit_code[0] if exit_code else rc
