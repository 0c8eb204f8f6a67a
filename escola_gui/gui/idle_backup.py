"""The day's automatic backup, made when the secretary leaves Escola idle.

Closing the window makes the day's backup too; this one makes it earlier, while nobody is
typing, so that a day of work is copied even on a machine that is never shut down properly.
The copy runs in a worker thread (SQLite's online backup, step by step, so a save made
meanwhile simply waits a moment or makes the copy start over) and reports its progress,
which the main window shows in the status bar.

Any keyboard or mouse input in the application restarts the idle countdown. Nothing is made
when the day's automatic backup exists already; a failure is logged, never shown as an error
box to someone who was not even at the desk.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

from escola_gui.gui.toolkit.background import BackgroundOp, Task, percent
from escola_gui.storage.file import backups

log = logging.getLogger(__name__)

IDLE_MINUTES = 10

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def _copy(database: Path, task: Task) -> Path | None:
    """In the worker thread: the day's backup when due, then the retention rule."""
    made = backups.backup_if_due(database, progress=task.progress)
    backups.prune(database)
    return made


class IdleBackup(QObject):
    """Starts the day's automatic backup after ``idle_ms`` without user input.

    Signals for the status bar: ``started``, ``progress(percent)``, ``finished(path or None)``;
    ``failed`` too when the copy could not be made (before ``finished(None)``), so that the window
    can tell the secretary her file goes without the day's copy.
    """

    started = Signal()
    progress = Signal(int)  # percent
    finished = Signal(object)  # Path, or None (nothing due, or it failed and was logged)
    failed = Signal()

    def __init__(self, database: Path, parent: QObject | None = None, *, idle_ms: int = IDLE_MINUTES * 60_000) -> None:
        super().__init__(parent)
        self._database = database
        self._enabled = True
        self._op: BackgroundOp[Path | None] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(idle_ms)
        self.timer.timeout.connect(self.start_if_due)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override ``eventFilter()`` of QObject: any input restarts the idle countdown."""
        if event.type() in _INPUT_EVENTS and self._enabled and not self.running:
            self.timer.start()
        return False

    @property
    def running(self) -> bool:
        return self._op is not None and self._op.running

    def stop(self) -> None:
        """No more idle backups (the file is being replaced, or the window closes); waits for a
        copy under way to finish, so that nobody replaces a file while it is read."""
        self._enabled = False
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.wait()

    def resume(self) -> None:
        """Idle backups again, after a replacement of the file that did not happen."""
        if self._enabled:
            return
        self._enabled = True
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def wait(self) -> None:
        if self._op is not None:
            self._op.wait()

    @Slot()
    def start_if_due(self) -> bool:
        """Start the copy in the worker thread when the day's backup is due; True if started."""
        if not self._enabled or self.running:
            return False
        try:
            due = backups.backup_due(self._database)
        except Exception:
            log.exception("could not tell whether the automatic backup of %s is due", self._database)
            return False
        if not due:
            return False
        database = self._database
        self._op = (
            BackgroundOp(self, lambda task: _copy(database, task))
            .on_progress(self._on_progress)
            .success(self._on_done)
            .failure(self._on_failed)
        )
        log.info("starting the idle-time automatic backup of %s", self._database)
        self.started.emit()
        self._op.run_in_background()
        return True

    def _on_progress(self, copied: int, total: int) -> None:
        self.progress.emit(percent(copied, total) if total else 0)

    def _on_failed(self, exc: Exception) -> None:
        log.error("the idle-time automatic backup of %s failed", self._database, exc_info=exc)
        self.failed.emit()
        self._on_done(None)

    def _on_done(self, made: Path | None) -> None:
        self.finished.emit(made)
