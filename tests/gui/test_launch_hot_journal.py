"""The GUI launch on a file a crash left with a journal: the file's own journal is applied (copies
first) and the secretary is told, in plain Portuguese, what happened and where the copies are;
a journal that is not the file's own is refused, everything left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from escola_gui.core.paths import backups_dir
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file.backups import BackupKind, make_backup
from escola_gui.storage.file.lock import DatabaseLock
from escola_gui.storage.file.upgrade import upgrade_to_head
from tests.storage.test_hot_journal import add_alunos, crash_writing, everything_in, nomes


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    boxes: dict[str, list[str]] = {"info": [], "error": []}
    monkeypatch.setattr(messages, "show_info", lambda parent, title, text: boxes["info"].append(text))
    monkeypatch.setattr(messages, "show_error", lambda parent, title, text: boxes["error"].append(text))
    return boxes


@pytest.fixture
def school(tmp_path: Path) -> Path:
    path = tmp_path / "dados" / "escola.sqlite3"
    path.parent.mkdir()
    upgrade_to_head(path)
    add_alunos(path, ["Aluna Confirmada"])
    return path


def _launch(qtbot: QtBot, path: Path) -> Launcher:
    launcher = Launcher(path, path.parent / "escola.log")
    launcher.start()
    return launcher


def test_a_crashed_file_is_recovered_and_the_secretary_is_told(
    qtbot: QtBot, school: Path, tmp_path: Path, shown: dict[str, list[str]]
) -> None:
    crash_writing(school, tmp_path)
    launcher = _launch(qtbot, school)
    try:
        qtbot.waitUntil(lambda: launcher.window is not None)
        assert launcher.window is not None
        qtbot.addWidget(launcher.window)
        assert shown["error"] == []
        [text] = shown["info"]
        assert "fechado no meio de uma gravação" in text and str(backups_dir(school)) in text
        rows = launcher.window.alunos_tab.proxy
        assert [rows.index(r, 0).data() for r in range(rows.rowCount())] == ["Aluna Confirmada"]
    finally:
        if launcher.window is not None:
            launcher.window.close()
        launcher.shutdown()
    kept = sorted(backups_dir(school).glob("escola.sqlite3.interrompido-*"))
    assert len(kept) == 2


def test_a_stale_journal_beside_a_restored_copy_is_refused_at_launch(
    qtbot: QtBot, school: Path, tmp_path: Path, shown: dict[str, list[str]]
) -> None:
    with DatabaseLock(school):
        last_week = make_backup(school, BackupKind.MANUAL)
    for n in range(3):
        add_alunos(school, [f"Depois {n}"])
    crash_writing(school, tmp_path)
    shutil.copyfile(last_week, school)
    before = everything_in(school.parent)
    failed: list[int] = []
    launcher = Launcher(school, school.parent / "escola.log")
    launcher.failed.connect(failed.append)
    try:
        launcher.start()
        qtbot.waitUntil(lambda: failed != [])
    finally:
        launcher.shutdown()
    assert failed == [2] and launcher.window is None
    [text] = shown["error"]
    assert "outro arquivo" in text and "não foi alterado" in text
    assert {k: v for k, v in everything_in(school.parent).items() if k != "escola.log"} == before
    school.with_name(school.name + "-journal").unlink()
    assert nomes(school) == ["Aluna Confirmada"]


def test_a_launch_through_a_link_locks_and_opens_the_real_file(qtbot: QtBot, school: Path, tmp_path: Path) -> None:
    link = tmp_path / "atalho.sqlite3"
    link.symlink_to(school)
    launcher = Launcher(link, tmp_path / "escola.log")
    try:
        assert launcher.database == school
        assert launcher.lock.path == school.with_name(school.name + ".lock")
    finally:
        launcher.shutdown()
