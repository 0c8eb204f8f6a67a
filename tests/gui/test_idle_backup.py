"""The day's automatic backup made while Escola sits idle, in a worker thread, with progress."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.services import Services
from escola_gui.gui.main_window import MainWindow
from escola_gui.storage.file import backup as backup_module
from escola_gui.storage.file import backups
from escola_gui.storage.file.backups import BackupKind, list_backups


def _alunos(path: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, nome FROM alunos ORDER BY id").fetchall()
    finally:
        conn.close()


def test_idle_time_makes_the_days_backup_with_progress_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, services: Services, info: DatabaseInfo
) -> None:
    # Given a file with alunos and no backup today
    for nome in ("Ana Conceição", "Bruno D'Ávila", "Çeci Müller"):
        services.alunos.create(AlunoData(nome=nome))
    percents: list[int] = []
    window.idle_backup.progress.connect(percents.append)
    shown: list[bool] = []
    window.idle_backup.started.connect(lambda: shown.append(window.backup_progress.isVisible()))

    # When the idle countdown runs out
    with qtbot.waitSignal(window.idle_backup.finished) as finished:
        window.idle_backup.timer.timeout.emit()

    # Then the day's automatic backup exists, verified, with every aluno; the bar came and went
    [made] = list_backups(info.path)
    assert made.kind is BackupKind.AUTOMATIC and finished.args == [made.path]
    assert _alunos(made.path) == _alunos(info.path) and len(_alunos(made.path)) == 3
    assert shown == [True] and not window.backup_progress.isVisible()
    assert percents and percents[-1] == 100
    assert window.statusBar().currentMessage() == f"Cópia de segurança automática do dia gravada em {made.path}."

    # And a second idle period the same day makes none, nor does closing the window
    assert window.idle_backup.start_if_due() is False
    window.close()
    assert [b.path for b in list_backups(info.path)] == [made.path]


def test_input_restarts_the_idle_countdown(qtbot: QtBot, window: MainWindow) -> None:
    timer = window.idle_backup.timer
    assert timer.isActive() and timer.interval() == 10 * 60_000
    timer.stop()
    QTest.keyClick(window.alunos_tab.search, Qt.Key.Key_A)
    assert timer.isActive()
    timer.stop()
    QTest.mouseClick(window.alunos_tab.table.viewport(), Qt.MouseButton.LeftButton)
    assert timer.isActive()


def test_a_failed_idle_backup_is_logged_not_shown(
    qtbot: QtBot, window: MainWindow, info: DatabaseInfo, monkeypatch, caplog, errors
) -> None:
    def broken(*_a: object, **_kw: object) -> None:
        raise OSError("disco removido")

    monkeypatch.setattr(backups, "make_backup", broken)
    with qtbot.waitSignal(window.idle_backup.finished) as finished:
        assert window.idle_backup.start_if_due() is True
    assert finished.args == [None] and errors == []
    assert "idle-time automatic backup" in caplog.text
    assert not window.backup_progress.isVisible()
    # no error box in her way, but never silent: a warning stays above the pages
    assert window.backup_warning.isVisible()
    assert "Sem cópias de segurança" in window.backup_warning.text()


def test_a_backups_folder_that_cannot_be_used_is_said_when_the_window_opens(
    qtbot: QtBot, services: Services, info: DatabaseInfo
) -> None:
    # backups/ is a file (or a link to a pen drive no longer there): no automatic copy can be made
    (info.path.parent / "backups").write_bytes(b"not a folder")
    window = MainWindow(services, info)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.isVisible)

    assert window.backup_warning.isVisible()
    text = window.backup_warning.text()
    assert "Sem cópias de segurança" in text and "é um arquivo" in text


def test_no_backup_warning_on_a_healthy_file(window: MainWindow) -> None:
    assert not window.backup_warning.isVisible()


def test_the_copy_goes_step_by_step_and_reports_each_step(head_db: Path, monkeypatch) -> None:
    # Given a file bigger than one step of the copy
    conn = sqlite3.connect(head_db)
    with conn:
        conn.executemany(
            "INSERT INTO alunos (nome, ativo, ra) VALUES (?, 1, ?)",
            [(f"Aluno {i:04d} " + "x" * 80, i) for i in range(3000)],
        )
    conn.close()
    monkeypatch.setattr(backup_module, "STEP_PAGES", 8)
    steps: list[tuple[int, int]] = []

    path = backups.make_backup(head_db, BackupKind.MANUAL, progress=lambda done, total: steps.append((done, total)))

    total = steps[-1][1]
    assert len(steps) > 3 and steps[-1] == (total, total)
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)
    assert _alunos(path) == _alunos(head_db)
