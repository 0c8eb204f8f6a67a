"""A second launch on the same file brings the first one's window to the front and quits."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from escola_gui.gui.launch import single_instance
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.launch.single_instance import server_name
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file.lock import DatabaseLock
from tests.helpers.waits import HANG_GUARD_MS

RAISED = "O Escola já está aberto com este arquivo; a janela dele foi trazida para a frente."


@pytest.fixture(autouse=True)
def _patient_second_launch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first instance answers within a few milliseconds when the machine is idle, but the
    app's 3 s can run out on a loaded one, and the second launch then says the file is in use.
    Here it waits for the answer; the test of the wait itself sets a short one."""
    monkeypatch.setattr(single_instance, "REPLY_TIMEOUT_MS", HANG_GUARD_MS)
    # The first launch listens right after its window's first paint: the second asks until then.
    monkeypatch.setattr(single_instance, "LISTEN_WAIT_MS", HANG_GUARD_MS)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, _title, text: shown.append(("erro", text)))
    monkeypatch.setattr(messages, "show_info", lambda _p, _title, text: shown.append(("info", text)))
    return shown


@pytest.fixture
def launchers(head_db: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    made: list[Launcher] = []

    def make() -> Launcher:
        launcher = Launcher(head_db, tmp_path / "escola.log")
        made.append(launcher)
        return launcher

    yield make
    for launcher in reversed(made):
        if launcher.window is not None:
            launcher.window.close()
        launcher.shutdown()


# The offscreen platform of the tests cannot raise a window; it says so in a warning.
RAISE_UNSUPPORTED = pytest.mark.qt_log_ignore("This plugin does not support raise")


@RAISE_UNSUPPORTED
def test_the_second_launch_brings_the_first_window_forward_and_exits_0(
    qtbot: QtBot,
    launchers,
    boxes: list[tuple[str, str]],  # type: ignore[no-untyped-def]
) -> None:
    first = launchers()
    first.start()
    assert first.window is not None
    qtbot.addWidget(first.window)
    first.window.showMinimized()

    second = launchers()
    with (
        qtbot.waitSignal(first.brought_to_front) as raised,
        qtbot.waitSignal(second.failed) as finished,
    ):
        second.start()

    assert raised.args == [first.window]
    assert not first.window.isMinimized()
    assert finished.args == [0]
    assert boxes == [("info", RAISED)]
    assert second.window is None
    assert first.lock.held and not second.lock.held


def test_when_nobody_answers_the_second_launch_says_the_file_is_in_use(
    qtbot: QtBot,
    head_db: Path,
    launchers,
    boxes: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    # An older Escola (or a hung one) holds the lock and listens to nobody.
    monkeypatch.setattr(single_instance, "LISTEN_WAIT_MS", 200)
    with DatabaseLock(head_db):
        second = launchers()
        with qtbot.waitSignal(second.failed) as finished:
            second.start()
    assert finished.args == [1]
    assert len(boxes) == 1 and boxes[0][0] == "erro"
    assert "já está aberto em outra janela do Escola" in boxes[0][1]


def test_a_hung_first_instance_gets_the_old_message_after_the_wait(
    qtbot: QtBot,
    head_db: Path,
    launchers,
    boxes: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(single_instance, "REPLY_TIMEOUT_MS", 200)
    silent = QLocalServer()  # accepts the connection, never answers
    QLocalServer.removeServer(server_name(head_db))
    assert silent.listen(server_name(head_db))
    try:
        with DatabaseLock(head_db):
            second = launchers()
            with qtbot.waitSignal(second.failed) as finished:
                second.start()
    finally:
        silent.close()
    assert finished.args == [1]
    assert "já está aberto em outra janela do Escola" in boxes[0][1]


@RAISE_UNSUPPORTED
def test_a_server_name_left_by_a_crash_is_taken_over(
    qtbot: QtBot,
    head_db: Path,
    launchers,
    boxes: list[tuple[str, str]],  # type: ignore[no-untyped-def]
) -> None:
    # A crashed Escola leaves its socket file behind: nobody listens on it.
    stale = Path(QDir.tempPath()) / server_name(head_db)
    stale.unlink(missing_ok=True)
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(stale))
    leftover.close()
    assert stale.exists()

    first = launchers()
    with qtbot.waitSignal(first.window_opened):  # it listens from right after the first paint
        first.start()
    assert first.window is not None
    qtbot.addWidget(first.window)
    assert first.instance_server is not None and first.instance_server.is_listening()

    second = launchers()
    with qtbot.waitSignal(second.failed) as finished:
        second.start()
    assert finished.args == [0]
    assert boxes == [("info", RAISED)]


def test_the_name_depends_on_the_file_and_the_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert server_name(a) == server_name(a)
    assert server_name(a) != server_name(b)
    monkeypatch.setattr(single_instance, "_user", lambda: "outra-pessoa")
    assert server_name(a) != single_instance.server_name(b)
