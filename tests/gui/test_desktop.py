"""Desktop integration: the version comes from pyproject alone, the icon and the .desktop file."""

from __future__ import annotations

import configparser
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import escola_gui
from escola_gui.core.paths import resources_dir
from escola_gui.gui.launch.launcher import Launcher, app_icon
from escola_gui.gui.toolkit import messages

REPO = Path(__file__).resolve().parents[2]


def _pyproject_version() -> str:
    with open(REPO / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def test_the_version_is_pyprojects_installed_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    assert escola_gui.__version__ == _pyproject_version()
    # Read from the installed METADATA without importlib.metadata, it is what that module says.
    assert escola_gui._installed_version() == metadata.version("escola") == _pyproject_version()

    def not_installed(_name: str) -> str:
        raise metadata.PackageNotFoundError(_name)

    monkeypatch.setattr(escola_gui, "_installed_version", lambda: None)
    monkeypatch.setattr(metadata, "version", not_installed)
    assert escola_gui._version() == _pyproject_version()


def test_about_shows_the_pyproject_version_and_the_window_has_the_icon(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: errors.append(text))
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_about", lambda _parent, _title, text: shown.append(text))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.windowIcon()
    app.setWindowIcon(app_icon())  # as run_gui does at launch
    launcher = Launcher(tmp_path / "escola.sqlite3", tmp_path / "escola.log")
    try:
        launcher.start()
        qtbot.waitUntil(lambda: launcher.window is not None)
        window = launcher.window
        assert window is not None and not errors

        window.action_sobre.trigger()

        [text] = shown
        assert f"<b>Escola</b> {_pyproject_version()}</p>" in text
        assert not window.windowIcon().isNull()
        assert window.windowIcon().cacheKey() == app.windowIcon().cacheKey()
    finally:
        if launcher.window is not None:
            launcher.window.close()
        launcher.shutdown()
        app.setWindowIcon(previous)


def test_the_icon_is_a_256_pixel_png_rendered_from_the_svg() -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert QSize(256, 256) in icon.availableSizes()
    assert (resources_dir() / "escola.svg").read_text(encoding="utf-8").startswith("<svg")


def test_the_desktop_file_opens_escola_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(resources_dir() / "escola.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert (desktop["Type"], desktop["Name"], desktop["Exec"], desktop["Icon"]) == (
        "Application",
        "Escola",
        "escola",
        "escola",
    )
    assert desktop["Terminal"] == "false"
    assert desktop["Categories"].endswith(";")
