"""Primeiros passos: on an empty file the main window opens with a guide to what to do first;
each step opens the real screen, can be skipped, and the guide does not come back once closed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.escola import EscolaData
from escola_gui.core.services import Services
from escola_gui.gui import import_dialog
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.primeiros_passos import ALUNOS, ANO_LETIVO, DISCIPLINAS, ESCOLA, TURMAS, PrimeirosPassosDock
from escola_gui.gui.toolkit import messages


class Launches:
    """Opens Escola on a file through the real launch path, one launch at a time."""

    def __init__(self, qtbot: QtBot, log_path: Path) -> None:
        self._qtbot = qtbot
        self._log_path = log_path
        self._launcher: Launcher | None = None

    def __call__(self, database: Path) -> MainWindow:
        self.end()
        self._launcher = Launcher(database, self._log_path)
        with self._qtbot.waitSignal(self._launcher.window_opened):
            self._launcher.start()
        assert self._launcher.window is not None
        return self._launcher.window

    def end(self) -> None:
        """Close the window and let go of the file, as quitting does."""
        if self._launcher is not None:
            if self._launcher.window is not None:
                self._launcher.window.close()
            self._launcher.shutdown()
            self._launcher = None


@pytest.fixture
def launch(tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Launches]:
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: errors.append(text))
    launches = Launches(qtbot, tmp_path / "escola.log")
    yield launches
    launches.end()
    assert errors == []


def _guide(window: MainWindow) -> PrimeirosPassosDock:
    dock = window.primeiros_passos
    assert isinstance(dock, PrimeirosPassosDock)
    return dock


def _click(qtbot: QtBot, dock: PrimeirosPassosDock, name: str) -> None:
    button = dock.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_empty_file_opens_with_the_guide_and_each_step_opens_its_screen(
    qtbot: QtBot, tmp_path: Path, launch: Launches, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a new, empty file
    window = launch(tmp_path / "escola.sqlite3")

    # Then the guide is there, beside the empty Alunos list
    dock = _guide(window)
    qtbot.waitUntil(dock.isVisible)
    assert window.pages.currentWidget() is window.alunos_tab

    # and each step opens the screen that does it.
    config = window.configuracoes_page
    _click(qtbot, dock, f"abrir_{ESCOLA}")
    assert window.pages.currentWidget() is config and config.tabs.currentWidget() is config.escola
    _click(qtbot, dock, f"abrir_{ANO_LETIVO}")
    assert config.tabs.currentWidget() is config.anos_letivos and config.anos_letivos.novo.isEnabled()
    _click(qtbot, dock, f"abrir_{DISCIPLINAS}")
    assert config.tabs.currentWidget() is config.disciplinas and config.disciplinas.nova.isEnabled()
    _click(qtbot, dock, f"abrir_{TURMAS}")
    assert window.pages.currentWidget() is window.turmas_page
    asked: list[str] = []
    monkeypatch.setattr(import_dialog, "ask_open_spreadsheet", lambda _parent, title, _folder: asked.append(title))
    _click(qtbot, dock, f"abrir_{ALUNOS}")
    assert asked == ["Importar alunos"]

    # A step can be skipped; one done says so.
    _click(qtbot, dock, f"pular_{ANO_LETIVO}")
    assert dock.panel.rows[ANO_LETIVO].estado.text() == "Pulado"
    assert not dock.panel.rows[ANO_LETIVO].pular.isVisible()
    config.escola.nome.setText("EMEF Monteiro Lobato")
    qtbot.mouseClick(config.escola.salvar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.panel.rows[ESCOLA].estado.text() == "✓ Feito")
    assert dock.panel.rows[DISCIPLINAS].estado.text() == ""


def test_once_closed_the_guide_is_not_offered_again_but_ajuda_reopens_it(
    qtbot: QtBot, tmp_path: Path, launch: Launches
) -> None:
    database = tmp_path / "escola.sqlite3"
    window = launch(database)
    dock = _guide(window)
    qtbot.waitUntil(dock.isVisible)
    _click(qtbot, dock, "fechar_guia")
    qtbot.waitUntil(lambda: not dock.isVisible())

    # The next launch on the same (still empty) file: no guide.
    again = launch(database)
    assert again.primeiros_passos is None
    # Ajuda → Primeiros passos brings it back.
    assert again.action_primeiros_passos in again.menuBar().actions()[-1].menu().actions()
    again.action_primeiros_passos.trigger()
    qtbot.waitUntil(lambda: again.primeiros_passos is not None and again.primeiros_passos.isVisible())


def test_a_file_with_data_opens_without_the_guide(qtbot: QtBot, tmp_path: Path, launch: Launches) -> None:
    database = tmp_path / "escola.sqlite3"
    launch(database)  # made, then filled by hand below
    launch.end()
    engine = db.create_app_engine(database)
    try:
        Services.for_engine(engine).alunos.create(AlunoData(nome="Ana Souza"))
    finally:
        engine.dispose()
    window = launch(database)
    assert window.primeiros_passos is None


def test_the_school_name_alone_is_data_enough(qtbot: QtBot, tmp_path: Path, launch: Launches) -> None:
    database = tmp_path / "escola.sqlite3"
    launch(database)
    launch.end()
    engine = db.create_app_engine(database)
    try:
        Services.for_engine(engine).escola.save(EscolaData("EMEF Monteiro Lobato"))
    finally:
        engine.dispose()
    assert launch(database).primeiros_passos is None


def test_the_main_window_alone_shows_no_guide(window: MainWindow) -> None:
    """Tests and benchmarks that build the main window directly never see it: only the launch offers it."""
    assert window.primeiros_passos is None
    assert window.findChild(PrimeirosPassosDock) is None
