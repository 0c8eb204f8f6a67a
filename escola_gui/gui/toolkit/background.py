"""Work off the GUI thread: the one way Escola runs anything long (the launch-time upgrade, a
downgrade, the idle-time backup, an import, a report).

Modelled on Anki's ``CollectionOp``/``QueryOp``: a small object, built with its parent and a
callable, told what to do with the outcome, then started::

    BackgroundOp(self, lambda task: service.apply(plan, progress=task.progress, cancelled=task.cancelled))
        .with_progress(self.tr("Importando alunos"), self.tr("Gravando os alunos…"))
        .success(self._imported)
        .failure(self._import_failed)
        .run_in_background()

The contract
============

**The callable** (``work(task)``) runs in a worker thread. It gets a :class:`Task`, with three
thread-safe methods, plain callables from the core's point of view (no Qt there):

- ``task.progress(done, total)``: how far it is. Updates are merged: the GUI thread gets the
  latest one, never a backlog; the last one sent before the work returns is always delivered.
- ``task.notify(value)``: a value the GUI must see, every one and in order (a step of the
  upgrade).
- ``task.cancelled()``: True once the user pressed Cancelar (or :meth:`BackgroundOp.cancel`).
  The work decides what cancelling means (an import rolls its transaction back) and says so by
  raising (:class:`CancelledError`, or a core error of its own); a work that cannot stop simply
  finishes, and its result is delivered as usual.

What the callable may touch: its arguments, the core and the file room. **No widget, no
QObject of the GUI thread**, not even to read it: read what it needs before, in the GUI thread,
and close over the values. **Its own database connections**: a session per call on the shared
engine, or its own ``sqlite3`` connection; never a session or connection opened in another
thread. **It must be safe to kill at any instant** (kill -9, a power cut): the file work under it
is transactional (one transaction, a backup first), so a process that dies mid-work leaves the
file as it was or as it will be, never in between. Escola itself never cuts a work short.

**Delivery.** ``success(result)``, ``failure(exception)``, the ``on_progress`` and ``on_notify``
callbacks all run in the GUI thread, from its event loop, never inside ``run_in_background()``
(a callback that opens a modal message box runs an event loop too: another work's outcome may
arrive there). The worker thread has ended before ``success`` or ``failure`` runs, and every
``on_notify`` and ``on_progress`` came before. Exactly one of ``success`` and ``failure`` runs,
once. If the parent was deleted before the work ended, none runs: the result is dropped (an
exception is logged). Once delivered, the work lets go of its callbacks (no reference cycle
keeps it), and its thread is freed on the next turn of the event loop.

**On an exception** (any :class:`Exception`, cancelling included) ``failure(exception)`` gets it.
Without a ``failure`` callback the error is shown to the user as every unexpected error is
(:func:`show_failure`: an :class:`~escola_gui.core.errors.EscolaError` in its own translated
words, anything else logged with its traceback and told without one); a
:class:`CancelledError` is then silent. A :class:`BaseException` that is no :class:`Exception`
(``SystemExit``, ``KeyboardInterrupt``) is raised again in the GUI thread.

**Progress** (``with_progress(title, label)``): a window-modal :class:`ProgressDialog` (object
name ``progresso``) over the parent's window, with a bar in percent and Cancelar
(``cancellable=False`` hides it). It appears only when the work takes more than
:data:`MINIMUM_DURATION_MS`; until then the parent's window takes no input either, as if the
dialog were already there. It is gone before ``success`` or ``failure`` runs. Without
``with_progress`` nothing is shown: the caller shows what it wants through ``on_progress`` and
``on_notify`` (the upgrade window, the status bar).

**Threading model.** Each work has its own :class:`QThread`; works may run at the same time
(the idle-time backup beside an import), each on its own connection; SQLite's locking orders
their writes. Only the GUI thread builds, starts, cancels and waits for a work. Python's cyclic
garbage collector is paused while any work runs and resumed when the last one ends: run in a
worker thread, it could finalize Qt objects of the GUI thread, which crashes the process.
Reference counting still frees everything else meanwhile.

**Closing the app while a work runs.** On ``QCoreApplication.aboutToQuit``,
:func:`wait_for_all` asks every work still running to stop (``task.cancelled()`` answers True:
an import rolls back; the upgrade, which cannot stop, finishes) and waits until each has ended,
so that no worker thread outlives the application and no transaction is cut by Escola; their
callbacks do not run any more. The Launcher releases the file's lock only after that (after
``app.exec()`` returns). A window that must not close mid-work says so itself (the upgrade
window has no close button while it runs; ``IdleBackup.stop()`` waits for the copy).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from escola_gui.gui.toolkit.text import translate

log = logging.getLogger(__name__)

T = TypeVar("T")

PROGRESS_SCALE = 100
"""The progress dialog counts in percent."""
MINIMUM_DURATION_MS = 300
"""Work that ends sooner shows no dialog at all."""

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
    }
)


class CancelledError(Exception):
    """The user pressed Cancelar and the work stopped; nothing was written."""


def percent(done: int, total: int) -> int:
    """``done`` of ``total`` in whole percent, 0 to 100 (100 when there is nothing to do)."""
    return min(PROGRESS_SCALE, max(0, PROGRESS_SCALE * done // total)) if total > 0 else PROGRESS_SCALE


def show_failure(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user about ``exc`` as about any unexpected error: an EscolaError in its own
    words, a read-only file as such, anything else logged with its traceback and told
    without one. The default ``failure`` of a :class:`BackgroundOp`."""
    from escola_gui.gui.toolkit import messages

    try:
        raise exc
    except Exception:  # report_unexpected_error reads the exception being handled
        messages.report_unexpected_error(parent)


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
        """Cancelar, Esc or the close button: ask the work to stop, once (nothing when the
        work cannot be cancelled)."""
        if not self.cancel_button.isEnabled() or self.cancel_button.isHidden():
            return
        self.cancel_button.setEnabled(False)
        self.label.setText(translate("workers", "Cancelando…"))
        self.cancelled.emit()


class Task:
    """What the work gets in its thread: ``progress``, ``notify`` and ``cancelled``, all
    thread-safe (see the module's contract)."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int] | None = None
        self._progress_posted = False

    def progress(self, done: int, total: int) -> None:
        """``done`` of ``total``; the GUI thread gets the latest of a burst."""
        with self._lock:
            self._latest = (done, total)
            if self._progress_posted:
                return
            self._progress_posted = True
        self._relay.deliver.emit(self._relay.flush_progress)

    def notify(self, value: object) -> None:
        """``value`` to the ``on_notify`` callback, in the GUI thread, every one in order."""
        self._relay.deliver.emit(lambda: self._relay.notified(value))

    def cancelled(self) -> bool:
        """True once the user asked the work to stop."""
        return self._cancel.is_set()

    def take_progress(self) -> tuple[int, int] | None:
        with self._lock:
            latest, self._latest = self._latest, None
            self._progress_posted = False
        return latest


class _Relay(QObject):
    """Lives in the GUI thread; what the worker emits on ``deliver`` runs there, queued."""

    deliver = Signal(object)

    def __init__(self, op: BackgroundOp[Any]) -> None:
        super().__init__()
        self._op: BackgroundOp[Any] | None = op
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, closure: Callable[[], None]) -> None:
        closure()

    @Slot()
    def finish(self) -> None:
        """The worker thread has finished (queued from its ``finished`` signal)."""
        if self._op is not None:
            self._op._finish()

    def flush_progress(self) -> None:
        if self._op is not None:
            self._op._flush_progress()

    def notified(self, value: object) -> None:
        if self._op is not None:
            self._op._notified(value)


class _Thread(QThread):
    def __init__(self, op: BackgroundOp[Any]) -> None:
        super().__init__()
        self._op: BackgroundOp[Any] | None = op

    def run(self) -> None:
        if self._op is not None:
            self._op._run_work()


class _InputBlocker(QObject):
    """Until the progress dialog shows, the parent's window (and the windows above it) take
    no input, as a window-modal dialog would make them."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__()
        windows: list[QWidget] = []
        widget: QWidget | None = parent.window()
        while widget is not None:
            windows.append(widget)
            above = widget.parentWidget()
            widget = above.window() if above is not None else None
        self._windows = windows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override ``eventFilter()`` of QObject: swallow input to the blocked windows."""
        if event.type() in _INPUT_EVENTS and isinstance(watched, QWidget) and shiboken6.isValid(watched):
            return watched.window() in self._windows
        return False


_running: set[BackgroundOp[Any]] = set()
"""The works started and not yet delivered (GUI thread only); it keeps them alive too."""
_gc_was_enabled = True
_quit_hook_installed = False


def running_ops() -> list[BackgroundOp[Any]]:
    """The works started whose outcome is not delivered yet."""
    return list(_running)


def wait_for_all() -> None:
    """Ask every running work to stop, and block until each has ended; their callbacks do not
    run any more. Connected to ``QCoreApplication.aboutToQuit``."""
    for op in list(_running):
        op._abandon()
        op.cancel()
    for op in list(_running):
        op.wait()


def _started(op: BackgroundOp[Any]) -> None:
    global _gc_was_enabled, _quit_hook_installed
    if not _running:
        _gc_was_enabled = gc.isenabled()
        # The garbage there is now is collected here, in the GUI thread; the collector waits
        # until the last work has ended.
        gc.collect()
        gc.disable()
    _running.add(op)
    app = QCoreApplication.instance()
    if app is not None and not _quit_hook_installed:
        app.aboutToQuit.connect(wait_for_all)
        _quit_hook_installed = True


def _ended(op: BackgroundOp[Any]) -> None:
    _running.discard(op)
    if not _running and _gc_was_enabled:
        gc.enable()


class BackgroundOp(Generic[T]):
    """``work(task)`` in a worker thread; its result to ``success``, its exception to
    ``failure``, both in the GUI thread. See the module's docstring for the contract."""

    def __init__(self, parent: QObject | None, work: Callable[[Task], T]) -> None:
        self._parent = parent
        self._work = work
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Exception], Any] | None = None
        self._on_progress: Callable[[int, int], Any] | None = None
        self._on_notify: Callable[[Any], Any] | None = None
        self._progress_texts: tuple[str, str, bool] | None = None
        self._relay = _Relay(self)
        self.task = Task(self._relay)
        self._thread: _Thread | None = None
        self._result: T | None = None
        self._error: BaseException | None = None
        self._abandoned = False
        self.dialog: ProgressDialog | None = None
        self._show_later: QTimer | None = None
        self._blocker: _InputBlocker | None = None

    # --- telling it what to do --------------------------------------------------------

    def success(self, fn: Callable[[T], Any] | None) -> BackgroundOp[T]:
        """``fn(result)`` in the GUI thread when the work returned."""
        self._success = fn
        return self

    def failure(self, fn: Callable[[Exception], Any] | None) -> BackgroundOp[T]:
        """``fn(exception)`` in the GUI thread when the work raised (cancelling included)."""
        self._failure = fn
        return self

    def on_progress(self, fn: Callable[[int, int], Any] | None) -> BackgroundOp[T]:
        """``fn(done, total)`` in the GUI thread: the latest ``task.progress``."""
        self._on_progress = fn
        return self

    def on_notify(self, fn: Callable[[Any], Any] | None) -> BackgroundOp[T]:
        """``fn(value)`` in the GUI thread for every ``task.notify(value)``, in order."""
        self._on_notify = fn
        return self

    def with_progress(self, title: str, label: str, *, cancellable: bool = True) -> BackgroundOp[T]:
        """Show a :class:`ProgressDialog` over the parent (a widget) while the work runs."""
        self._progress_texts = (title, label, cancellable)
        return self

    # --- running it -------------------------------------------------------------------

    def run_in_background(self) -> BackgroundOp[T]:
        """Start the work and return at once; the outcome comes later, from the event loop."""
        if self._thread is not None:
            raise RuntimeError("a BackgroundOp runs once")
        if self._progress_texts is not None:
            self._set_up_dialog(*self._progress_texts)
        self._thread = _Thread(self)
        self._thread.finished.connect(self._relay.finish, Qt.ConnectionType.QueuedConnection)
        _started(self)
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        """True from ``run_in_background()`` until its outcome was delivered (or dropped)."""
        return self in _running

    @property
    def cancel_requested(self) -> bool:
        return self.task.cancelled()

    def cancel(self) -> None:
        """Ask the work to stop (what Cancelar does): ``task.cancelled()`` answers True."""
        self.task._cancel.set()

    def wait(self) -> None:
        """Block the GUI thread until the work has ended. The callbacks still come later,
        from the event loop."""
        if self._thread is not None:
            self._thread.wait()

    # --- inside -----------------------------------------------------------------------

    def _set_up_dialog(self, title: str, label: str, cancellable: bool) -> None:
        parent = self._parent if isinstance(self._parent, QWidget) else None
        dialog = ProgressDialog(title, label, parent)
        dialog.cancel_button.setVisible(cancellable)
        dialog.cancelled.connect(self.cancel)
        self.dialog = dialog
        self._show_later = QTimer()
        self._show_later.setSingleShot(True)
        self._show_later.setInterval(MINIMUM_DURATION_MS)
        self._show_later.timeout.connect(self._show_dialog)
        self._show_later.start()
        app = QCoreApplication.instance()
        if parent is not None and app is not None:
            self._blocker = _InputBlocker(parent)
            app.installEventFilter(self._blocker)

    def _show_dialog(self) -> None:
        self._unblock_input()
        if self.dialog is not None and shiboken6.isValid(self.dialog):  # gone with its parent
            self.dialog.show()

    def _unblock_input(self) -> None:
        app = QCoreApplication.instance()
        if self._blocker is not None and app is not None:
            app.removeEventFilter(self._blocker)
        self._blocker = None

    def _run_work(self) -> None:
        """In the worker thread."""
        try:
            self._result = self._work(self.task)
        except BaseException as exc:  # noqa: BLE001 - delivered in the GUI thread
            self._error = exc

    def _flush_progress(self) -> None:
        latest = self.task.take_progress()
        if latest is None or self._abandoned or not self._parent_alive():
            return
        done, total = latest
        if self.dialog is not None:
            self.dialog.set_value(percent(done, total))
        if self._on_progress is not None:
            self._on_progress(done, total)

    def _notified(self, value: object) -> None:
        if self._on_notify is not None and not self._abandoned and self._parent_alive():
            self._on_notify(value)

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _abandon(self) -> None:
        """The application quits: no callback runs any more."""
        self._abandoned = True
        self._close_dialog()

    def _close_dialog(self) -> None:
        if self._show_later is not None:
            self._show_later.stop()
            self._show_later = None
        self._unblock_input()
        if self.dialog is not None:
            if shiboken6.isValid(self.dialog):
                self.dialog.hide()
                self.dialog.deleteLater()
            self.dialog = None

    def _finish(self) -> None:
        """In the GUI thread, once the worker thread has finished."""
        try:
            self._deliver()
        finally:
            # This runs inside a slot of the relay, called for the thread's signal: neither may
            # be deleted before that slot has returned (a callback's message box runs an event
            # loop meanwhile). They wait for the next turn of the event loop.
            _retired.append((self._relay, self._thread))
            QTimer.singleShot(0, _retired.clear)

    def _deliver(self) -> None:
        assert self._thread is not None
        self._thread.wait()
        try:
            if not self._abandoned and self._parent_alive():
                self._flush_progress()
        finally:
            self._close_dialog()
            _ended(self)
        error, result = self._error, self._result
        success, failure = self._success, self._failure
        self._release()
        if self._abandoned or not self._parent_alive():
            if isinstance(error, Exception) and not isinstance(error, CancelledError):
                log.error("a background work ended with an error after its window was gone", exc_info=error)
            return
        if error is None:
            if success is not None:
                success(result)  # type: ignore[arg-type]
        elif not isinstance(error, Exception):
            raise error
        elif failure is not None:
            failure(error)
        elif not isinstance(error, CancelledError):
            show_failure(self._parent if isinstance(self._parent, QWidget) else None, error)

    def _release(self) -> None:
        """Break the reference cycles (the thread, the relay and the callbacks all point back
        here), so that reference counting frees them in the GUI thread: left to the cyclic
        collector, they could be finalized in whichever thread it happens to run."""
        self._error = self._result = None
        self._success = self._failure = self._on_progress = self._on_notify = None
        self._work = _done
        if self._thread is not None:
            self._thread._op = None
        self._relay._op = None


def _done(_task: Task) -> None:
    """The work of a BackgroundOp that has run."""


_retired: list[tuple[_Relay, QThread | None]] = []
"""The relays and threads of works just delivered, freed on the next turn of the event loop."""
