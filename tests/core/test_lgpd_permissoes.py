"""Children's personal data (LGPD): a database copied in at 0644 (from a pen drive) becomes 0600
when Escola opens it for work, and so do its journal, WAL and shared-memory files; Escola's own
data folder becomes 0700, a folder the user chose is left as it is. Only looking at the file
(``db status``) changes nothing."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from escola_gui.core import db
from escola_gui.core.paths import default_database_path
from escola_gui.gui.toolkit import messages

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (Windows: the folder's ACL)")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _copied_in(source: Path, target: Path) -> Path:
    """``source`` copied as a pen drive leaves it: 0644, an (empty, not hot) journal beside it, 0644."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(0o644)
    journal = target.with_name(target.name + "-journal")
    journal.write_bytes(b"")
    journal.chmod(0o644)
    return target


def test_opening_a_file_for_work_makes_it_and_its_journal_private_but_not_the_users_folder(
    head_db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "pendrive"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    path = _copied_in(head_db, folder / "escola.sqlite3")

    engine = db.create_app_engine(path)
    engine.dispose()

    assert _mode(path) == 0o600
    assert _mode(path.with_name(path.name + "-journal")) == 0o600
    assert _mode(folder) == 0o755, "a folder the user chose is hers"


def test_escolas_own_data_folder_becomes_private(head_db: Path) -> None:
    path = default_database_path()
    path.parent.mkdir(parents=True)
    path.parent.chmod(0o755)
    _copied_in(head_db, path)

    db.create_app_engine(path).dispose()

    assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)


def test_a_read_only_open_changes_no_mode(head_db: Path) -> None:
    head_db.chmod(0o644)
    db.create_app_engine(head_db, read_only=True).dispose()
    assert _mode(head_db) == 0o644


def test_db_status_changes_nothing_and_the_gui_launch_makes_the_file_private(
    head_db: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from escola_gui.gui.launch.launcher import Launcher

    path = _copied_in(head_db, tmp_path / "usb" / "escola.sqlite3")
    path.with_name(path.name + "-journal").unlink()  # the launch check refuses anything beside the file

    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "db", "status", "--database", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _mode(path) == 0o644, "looking at a file does not change it"

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: shown.append(text))
    launcher = Launcher(path, tmp_path / "escola.log")
    try:
        with qtbot.waitSignal(launcher.window_opened):
            launcher.start()
        assert launcher.window is not None
        qtbot.addWidget(launcher.window)
        assert _mode(path) == 0o600
    finally:
        if launcher.window is not None:
            launcher.window.close()
        launcher.shutdown()
    assert shown == []
