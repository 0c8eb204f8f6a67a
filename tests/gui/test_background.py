"""The contract of the one background-work helper (escola_gui.gui.toolkit.background): the
outcome reaches ``success`` or ``failure`` in the GUI thread, after the worker has ended;
progress and notices are delivered; Cancelar reaches the work; the window takes no input
meanwhile; a window gone drops the outcome; quitting waits for the work."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.errors import EscolaError
from escola_gui.gui.toolkit import background
from escola_gui.gui.toolkit.background import BackgroundOp, CancelledError, ProgressDialog, Task
from tests.helpers.waits import HANG_GUARD_S

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit()
        QVBoxLayout(self).addWidget(self.field)


@pytest.fixture
def window(qtbot: QtBot) -> Window:
    window = Window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(autouse=True)
def _nothing_left_running(qtbot: QtBot) -> Iterator[None]:
    yield
    qtbot.waitUntil(lambda: not background.running_ops())


class Outcome:
    """What the callbacks got, and in which thread."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.threads: list[threading.Thread] = []
        self.running_then: list[bool] = []

    def record(self, name: str, op: Callable[[], BackgroundOp[Any]] | None = None) -> Callable[..., None]:
        def callback(*args: Any) -> None:
            self.calls.append((name, args[0] if len(args) == 1 else args))
            self.threads.append(threading.current_thread())
            if op is not None:
                self.running_then.append(op().running)

        return callback

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


def _blocked_work(started: threading.Event, release: threading.Event, result: Any = 42) -> Callable[[Task], Any]:
    def work(_task: Task) -> Any:
        started.set()
        assert release.wait(HANG_GUARD_S)
        return result

    return work


# --- success and failure ------------------------------------------------------------------


def test_the_result_reaches_success_in_the_gui_thread_after_the_worker_ended(qtbot: QtBot, window: Window) -> None:
    outcome = Outcome()
    worker_threads: list[threading.Thread] = []

    def work(_task: Task) -> int:
        worker_threads.append(threading.current_thread())
        return 42

    op: BackgroundOp[int] = BackgroundOp(window, work)
    op.success(outcome.record("success", lambda: op)).failure(outcome.record("failure"))
    op.run_in_background()
    assert outcome.calls == [], "never inside run_in_background()"

    qtbot.waitUntil(lambda: bool(outcome.calls))
    assert outcome.calls == [("success", 42)]
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert outcome.threads == [threading.main_thread()]
    assert outcome.running_then == [False], "the worker has ended when success runs"
    assert not background.running_ops()


def test_an_exception_reaches_failure_in_the_gui_thread(qtbot: QtBot, window: Window) -> None:
    outcome = Outcome()
    error = ValueError("broken")

    def work(_task: Task) -> None:
        raise error

    BackgroundOp(window, work).success(outcome.record("success")).failure(outcome.record("failure")).run_in_background()

    qtbot.waitUntil(lambda: bool(outcome.calls))
    assert outcome.calls == [("failure", error)]
    assert outcome.threads == [threading.main_thread()]


def test_without_failure_an_escola_error_is_told_in_its_own_words(
    qtbot: QtBot, window: Window, errors: list[tuple[str, str]]
) -> None:
    def work(_task: Task) -> None:
        raise EscolaError("Espaço em disco insuficiente. Nada foi alterado.")

    BackgroundOp(window, work).run_in_background()
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == [("Não foi possível concluir", "Espaço em disco insuficiente. Nada foi alterado.")]


def test_without_failure_a_bug_is_logged_and_told_without_its_traceback(
    qtbot: QtBot, window: Window, errors: list[tuple[str, str]], caplog: pytest.LogCaptureFixture
) -> None:
    def work(_task: Task) -> None:
        raise RuntimeError("boom in the worker")

    with caplog.at_level(logging.ERROR):
        BackgroundOp(window, work).run_in_background()
        qtbot.waitUntil(lambda: bool(errors))
    [(title, text)] = errors
    assert "boom" not in title + text and "Traceback" not in text
    assert "boom in the worker" in caplog.text, "the log has it"


def test_without_failure_a_cancel_is_silent(qtbot: QtBot, window: Window, errors: list[tuple[str, str]]) -> None:
    def work(_task: Task) -> None:
        raise CancelledError

    op = BackgroundOp(window, work).run_in_background()
    qtbot.waitUntil(lambda: not op.running)
    assert errors == []


def test_a_work_runs_once(qtbot: QtBot, window: Window) -> None:
    op = BackgroundOp(window, lambda _task: None).run_in_background()
    with pytest.raises(RuntimeError):
        op.run_in_background()
    qtbot.waitUntil(lambda: not op.running)


# --- progress and notices -----------------------------------------------------------------


def test_every_notice_arrives_in_order_before_success(qtbot: QtBot, window: Window) -> None:
    outcome = Outcome()

    def work(task: Task) -> str:
        for step in range(1, 51):
            task.notify(step)
        return "done"

    BackgroundOp(window, work).on_notify(outcome.record("notify")).success(
        outcome.record("success")
    ).run_in_background()

    qtbot.waitUntil(lambda: "success" in outcome.names())
    assert outcome.calls == [("notify", step) for step in range(1, 51)] + [("success", "done")]
    assert set(outcome.threads) == {threading.main_thread()}


def test_progress_is_merged_and_its_last_value_arrives_before_success(qtbot: QtBot, window: Window) -> None:
    outcome = Outcome()

    def work(task: Task) -> None:
        for done in range(1, 10_001):
            task.progress(done, 10_000)

    op = BackgroundOp(window, work).on_progress(outcome.record("progress")).success(outcome.record("success"))
    op.run_in_background()

    qtbot.waitUntil(lambda: "success" in outcome.names())
    progress = [value for name, value in outcome.calls if name == "progress"]
    assert outcome.names()[-1] == "success"
    assert progress[-1] == (10_000, 10_000), "the last value is never lost"
    assert progress == sorted(progress)
    assert len(progress) < 10_000, "a burst reaches the GUI merged, not as a backlog"
    assert set(outcome.threads) == {threading.main_thread()}


def test_the_progress_dialog_shows_for_slow_work_with_the_percent_and_goes(qtbot: QtBot, window: Window) -> None:
    proceed, halfway = threading.Event(), threading.Event()
    outcome = Outcome()

    def work(task: Task) -> str:
        task.progress(1, 4)
        halfway.set()
        assert proceed.wait(HANG_GUARD_S)
        task.progress(4, 4)
        return "ok"

    op = (
        BackgroundOp(window, work)
        .with_progress("Salvar PDF", "Gravando boletins.pdf…")
        .success(outcome.record("success"))
        .run_in_background()
    )
    dialog = op.dialog
    assert isinstance(dialog, ProgressDialog) and not dialog.isVisible(), "not at once: after a moment"
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.value() == 25)
    assert dialog.windowTitle() == "Salvar PDF" and dialog.label.text() == "Gravando boletins.pdf…"
    assert dialog.isModal() and dialog.parent() is window
    assert dialog.cancel_button.isVisible() and dialog.cancel_button.text() == "Cancelar"
    proceed.set()

    qtbot.waitUntil(lambda: bool(outcome.calls))
    assert outcome.calls == [("success", "ok")]
    assert not any(d.isVisible() for d in window.findChildren(ProgressDialog)), "gone before success"


def test_the_window_takes_no_input_until_the_dialog_shows(qtbot: QtBot, window: Window) -> None:
    started, release = threading.Event(), threading.Event()
    op = BackgroundOp(window, _blocked_work(started, release)).with_progress("Importando", "…").run_in_background()
    assert started.wait(HANG_GUARD_S)
    qtbot.keyClicks(window.field, "abc")
    assert window.field.text() == "", "typed while the work ran, before its dialog showed"
    release.set()
    qtbot.waitUntil(lambda: not op.running)
    qtbot.keyClicks(window.field, "abc")
    assert window.field.text() == "abc"


# --- cancel -------------------------------------------------------------------------------


def test_cancelar_reaches_the_work_which_says_so_by_raising(qtbot: QtBot, window: Window) -> None:
    started = threading.Event()
    outcome = Outcome()

    def work(task: Task) -> None:
        started.set()
        while not task.cancelled():
            task.progress(1, 2)
            task._cancel.wait(HANG_GUARD_S)  # as a real work, that checks between batches
        raise CancelledError

    op = (
        BackgroundOp(window, work)
        .with_progress("Importando alunos", "Gravando…")
        .success(outcome.record("success"))
        .failure(outcome.record("failure"))
        .run_in_background()
    )
    dialog = op.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.label.text() == "Cancelando…" and not dialog.cancel_button.isEnabled()

    qtbot.waitUntil(lambda: bool(outcome.calls))
    [(name, error)] = outcome.calls
    assert name == "failure" and isinstance(error, CancelledError)
    assert op.cancel_requested


def test_a_work_that_cannot_stop_offers_no_cancelar(qtbot: QtBot, window: Window) -> None:
    started, release = threading.Event(), threading.Event()
    outcome = Outcome()
    op = (
        BackgroundOp(window, _blocked_work(started, release))
        .with_progress("Relatório", "Reunindo os dados…", cancellable=False)
        .success(outcome.record("success"))
        .run_in_background()
    )
    dialog = op.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.cancel_button.isVisible()
    dialog.reject()  # Esc
    assert not op.cancel_requested and dialog.isVisible()
    release.set()
    qtbot.waitUntil(lambda: bool(outcome.calls))
    assert outcome.calls == [("success", 42)]


# --- lifetime -----------------------------------------------------------------------------


def test_a_window_gone_before_the_end_gets_no_callback(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, errors: list[tuple[str, str]]
) -> None:
    parent = Window()
    started, release = threading.Event(), threading.Event()
    outcome = Outcome()

    def work(_task: Task) -> None:
        started.set()
        assert release.wait(HANG_GUARD_S)
        raise OSError("disco removido")

    op = BackgroundOp(parent, work).success(outcome.record("success")).failure(outcome.record("failure"))
    op.run_in_background()
    assert started.wait(HANG_GUARD_S)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not background.shiboken6.isValid(parent))
    with caplog.at_level(logging.ERROR):
        release.set()
        qtbot.waitUntil(lambda: not op.running)
    assert outcome.calls == [] and errors == []
    assert "after its window was gone" in caplog.text


def test_quitting_asks_the_works_to_stop_and_waits_for_them(qtbot: QtBot, window: Window, qapp: Any) -> None:
    started, ended = threading.Event(), threading.Event()
    outcome = Outcome()

    def work(task: Task) -> str:
        started.set()
        task._cancel.wait(HANG_GUARD_S)  # busy until asked to stop
        ended.set()
        return "rolled back"

    op = BackgroundOp(window, work).success(outcome.record("success")).failure(outcome.record("failure"))
    op.run_in_background()
    assert started.wait(HANG_GUARD_S)
    assert qapp.receivers("2aboutToQuit()") >= 1, "connected to the application's quit"

    background.wait_for_all()  # what aboutToQuit runs

    assert ended.is_set(), "the worker thread has ended when it returns"
    qtbot.waitUntil(lambda: not op.running)
    assert outcome.calls == [], "no callback after quitting"


def test_the_collector_is_paused_until_the_last_work_ends(qtbot: QtBot, window: Window) -> None:
    assert gc.isenabled()
    first_started, first_release = threading.Event(), threading.Event()
    second_started, second_release = threading.Event(), threading.Event()
    first = BackgroundOp(window, _blocked_work(first_started, first_release)).run_in_background()
    second = BackgroundOp(window, _blocked_work(second_started, second_release)).run_in_background()
    assert first_started.wait(HANG_GUARD_S) and second_started.wait(HANG_GUARD_S)
    assert not gc.isenabled()

    first_release.set()
    qtbot.waitUntil(lambda: not first.running)
    assert not gc.isenabled(), "the second work still runs"

    second_release.set()
    qtbot.waitUntil(lambda: not second.running)
    assert gc.isenabled()
