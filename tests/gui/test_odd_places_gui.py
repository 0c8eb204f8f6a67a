"""The GUI launch in odd places: a plain message, never "erro inesperado" or a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from escola_gui.core.database_info import DatabaseInfo
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from tests.helpers.full_disk import full_tmpfs


@pytest.fixture
def launch_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: shown.append(text))
    return shown


def _fails(qtbot: QtBot, database: Path, tmp_path: Path) -> int:
    launcher = Launcher(database, tmp_path / "escola.log")
    try:
        with qtbot.waitSignal(launcher.failed) as failed:
            launcher.start()
        assert launcher.window is None
    finally:
        launcher.shutdown()
    return failed.args[0]


def test_launching_on_a_folder(qtbot: QtBot, tmp_path: Path, launch_errors: list[str]) -> None:
    folder = tmp_path / "escola.sqlite3"
    folder.mkdir()

    assert _fails(qtbot, folder, tmp_path) != 0

    [text] = launch_errors
    assert "é uma pasta, não um arquivo de dados do Escola" in text and "inesperado" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["escola.sqlite3"], "no lock file beside it"


@pytest.mark.skipif(sys.platform == "win32", reason="a tmpfs")
def test_launching_on_a_full_disk(qtbot: QtBot, tmp_path: Path, head_db: Path, launch_errors: list[str]) -> None:
    with full_tmpfs(tmp_path / "disco", keep={"escola.sqlite3": head_db.read_bytes()}) as disk:
        database = disk / "escola.sqlite3"
        before = database.read_bytes()

        assert _fails(qtbot, database, tmp_path) != 0

        [text] = launch_errors
        assert text.startswith("O disco está cheio") and "abrir o arquivo de dados" in text
        assert "No space" not in text and "inesperado" not in text
        assert database.read_bytes() == before


@pytest.mark.parametrize("kind", ["file", "dangling link"])
def test_backup_now_when_backups_is_a_file_or_a_dangling_link(
    window: MainWindow, info: DatabaseInfo, kind: str, errors: list[tuple[str, str]]
) -> None:
    folder = info.path.parent / "backups"
    if kind == "file":
        folder.write_text("x")
    else:
        folder.symlink_to(info.path.parent / "desconectado")

    window.action_backup_agora.trigger()

    [(_title, text)] = errors
    assert "Não foi possível fazer a cópia de segurança" in text and "inesperado" not in text
    assert ("é um arquivo" if kind == "file" else "atalho para um lugar que não existe") in text
    assert window.file_actions.backup_done_box is None, "nothing to offer a copy of"
    assert window.close()  # the automatic backup fails quietly (logged); the window closes
    assert folder.is_symlink() or folder.read_text() == "x"
