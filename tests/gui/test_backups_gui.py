"""Arquivo → Fazer backup agora, and the day's automatic backup when the window closes."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from escola_gui.core.database_info import DatabaseInfo
from escola_gui.gui.main_window import MainWindow
from escola_gui.storage.file import backups
from escola_gui.storage.file.backups import BackupKind, SourceDamagedError, list_backups


def test_backup_now_writes_a_manual_backup_and_says_where(window: MainWindow, info: DatabaseInfo) -> None:
    assert window.action_backup_agora in window.menuBar().actions()[0].menu().actions()

    window.action_backup_agora.trigger()

    [made] = list_backups(info.path)
    assert made.kind is BackupKind.MANUAL
    assert window.statusBar().currentMessage() == f"Cópia de segurança gravada em {made.path}."


def test_backup_now_shows_why_it_could_not(
    window: MainWindow, info: DatabaseInfo, errors: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(*_args: object, **_kw: object) -> None:
        raise SourceDamagedError(info.path, ["Page 3: btreeInitPage() returns error code 11"])

    monkeypatch.setattr(backups, "make_backup", damaged)
    window.action_backup_agora.trigger()
    assert len(errors) == 1 and "Nenhuma cópia de segurança foi feita" in errors[0][1]
    assert list_backups(info.path) == []


def test_closing_the_window_makes_the_days_automatic_backup_once(
    qtbot: QtBot, window: MainWindow, info: DatabaseInfo
) -> None:
    window.close()
    window.show()
    qtbot.waitUntil(window.isVisible)
    window.close()

    kinds = [b.kind for b in list_backups(info.path)]
    assert kinds == [BackupKind.AUTOMATIC]


def test_a_failed_automatic_backup_never_blocks_the_close(
    window: MainWindow, info: DatabaseInfo, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def full_disk(*_args: object, **_kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "backup_if_due", full_disk)
    with caplog.at_level(logging.ERROR):
        assert window.close()
    assert not window.isVisible()
    assert "automatic backup" in caplog.text
    assert list_backups(info.path) == []
