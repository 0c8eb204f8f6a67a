"""Fixtures the GUI tests share: services over a database at head, and the main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.services import Services
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.diario import page as diario_page
from escola_gui.gui.toolkit import background, messages
from tests.helpers.revisions import HEAD


@pytest.fixture(autouse=True)
def _forget_diario_choices() -> Iterator[None]:
    """The Notas and Frequência pages remember the last turma chosen while the app runs."""
    diario_page.ULTIMAS_ESCOLHAS.clear()
    yield
    diario_page.ULTIMAS_ESCOLHAS.clear()


@pytest.fixture(autouse=True)
def _discard_forms_left_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """A form a test leaves edited is closed at teardown: discard it without the question
    (which would wait for a click). tests/gui/test_form_safety.py checks the question."""
    monkeypatch.setattr(messages, "confirm_discard", lambda _parent: True)


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


@pytest.fixture
def info(head_db: Path, tmp_path: Path) -> DatabaseInfo:
    return DatabaseInfo(path=head_db, revision=HEAD, app_version="1.0.0", log_path=tmp_path / "escola.log")


@pytest.fixture
def window(qtbot: QtBot, services: Services, info: DatabaseInfo) -> MainWindow:
    window = MainWindow(services, info)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.isVisible)
    return window


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (title, text) of every error box the GUI would show."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, title, text: shown.append((title, text)))
    return shown


@pytest.fixture
def wait_for_background(qtbot: QtBot) -> Callable[[], None]:
    """Wait until every background work (an import, a PDF) has ended and its outcome was
    delivered to its window."""

    def wait() -> None:
        qtbot.waitUntil(lambda: not background.running_ops())

    return wait
