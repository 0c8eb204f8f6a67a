"""Long work (a big import, the boletins of a whole turma) in a worker thread, with a progress
dialog and a Cancelar button.

:func:`run_with_progress` runs ``work(progress, cancelled)`` in a :class:`QThread` and waits
for it in a local event loop, so that the window keeps painting and the progress dialog
answers; it returns the work's result or raises its exception in the GUI thread, where the
caller's ``except`` blocks tell the user in Portuguese. The work gets two plain callables from
the core's point of view (no Qt there): ``progress(done, total)``, safe to call from the worker,
and ``cancelled()``, True once the user pressed Cancelar. The work decides what cancelling
means (an import rolls its transaction back) and says so by raising.

The SQLite work in the worker opens its own connections (sessions are per call on the shared
engine). Python's cyclic garbage collector is disabled while the worker runs, as in
:mod:`escola_gui.gui.launch.upgrade_dialog`: collected in the worker, it could finalize Qt objects of
the GUI thread, which crashes the process.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from escola_gui.gui.toolkit.text import translate

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], Any]

PROGRESS_SCALE = 100
"""The progress dialog counts in percent."""
POLL_MS = 50
"""How often the progress dialog shows the worker's progress."""
MINIMUM_DURATION_MS = 300
"""Work that ends sooner shows no dialog at all."""


class CancelledError(Exception):
    """The user pressed Cancelar and the work stopped; nothing was written."""


class _Worker(QObject):
    finished = Signal()

    def __init__(self, work: Work, cancel_event: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._cancel = cancel_event
        self.result: Any = None
        self.error: BaseException | None = None
        self.value = 0
        """Percent done, written by the worker and read by the GUI thread's timer."""

    def _progress(self, done: int, total: int) -> None:
        self.value = min(PROGRESS_SCALE, PROGRESS_SCALE * done // total) if total > 0 else PROGRESS_SCALE

    @Slot()
    def run(self) -> None:
        try:
            self.result = self._work(self._progress, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - raised again in the GUI thread
            self.error = exc
        finally:
            self.finished.emit()


class ProgressDialog(QDialog):
    """What the work is doing, a bar in percent and Cancelar (not QProgressDialog, whose
    PySide6 binding drops a reference to None each time one is made with a parent, until
    the interpreter crashes)."""

    cancelled = Signal()

    def __init__(self, title: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progresso")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, PROGRESS_SCALE)
        self.bar.setValue(0)
        buttons = QDialogButtonBox()
        self.cancel_button = buttons.addButton(translate("workers", "Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancelar")
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)

    def value(self) -> int:
        return self.bar.value()

    def set_value(self, value: int) -> None:
        self.bar.setValue(value)

    def reject(self) -> None:
        """Cancelar, Esc or the close button: ask the work to stop, once."""
        if not self.cancel_button.isEnabled():
            return
        self.cancel_button.setEnabled(False)
        self.label.setText(translate("workers", "Cancelando…"))
        self.cancelled.emit()


def run_with_progress(parent: QWidget | None, title: str, label: str, work: Work) -> Any:
    """Run ``work`` in a worker thread behind a modal progress dialog; its result, or its exception.

    The dialog (a :class:`ProgressDialog`, object name ``progresso``) appears when the work
    takes more than a moment; its Cancelar button makes ``cancelled()`` answer True.
    """
    dialog = ProgressDialog(title, label, parent)
    cancel_event = threading.Event()
    dialog.cancelled.connect(cancel_event.set)
    thread = QThread()
    worker = _Worker(work, cancel_event)
    worker.moveToThread(thread)
    loop = QEventLoop()
    # The GUI thread reads the worker's progress: a Python callable connected to a signal of
    # the worker would run in the worker thread and touch the dialog from there.
    poll = QTimer()
    poll.setInterval(POLL_MS)

    def show_progress() -> None:
        if worker.value != dialog.value():
            dialog.set_value(worker.value)

    poll.timeout.connect(show_progress)
    show_later = QTimer()
    show_later.setSingleShot(True)
    show_later.setInterval(MINIMUM_DURATION_MS)
    show_later.timeout.connect(dialog.show)
    # Direct: quit() is thread-safe, and a queued quit would wait behind other events.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(loop.quit)
    thread.started.connect(worker.run)
    gc.collect()
    gc.disable()  # enabled again below, once the thread has finished
    thread.start()
    poll.start()
    show_later.start()
    try:
        if not thread.isFinished():
            loop.exec()
        thread.wait()
        show_progress()
    finally:
        poll.stop()
        show_later.stop()
        gc.enable()
        dialog.hide()
        dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
