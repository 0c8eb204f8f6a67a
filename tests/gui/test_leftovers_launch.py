"""The GUI launch removes what killed runs left behind (see escola_gui.core.leftovers), and the
sockets of killed Escolas."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from escola_gui.core import leftovers
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.launch.single_instance import remove_stale_sockets
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file.backups import BackupKind, make_backup
from escola_gui.storage.file.upgrade import upgrade_to_head
from tests.helpers.killed import half_way

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL, sockets in the temp folder")

SOCKET_SERVER = """\
    import sys, time
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtNetwork import QLocalServer

    app = QCoreApplication([])
    server = QLocalServer()
    assert server.listen(sys.argv[1]), server.errorString()
    print("half-way", flush=True)
    time.sleep(600)
    """


def _age(folder: Path) -> None:
    hour_ago = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (hour_ago, hour_ago))


def test_an_old_socket_left_by_a_killed_escola_is_removed_and_a_live_one_kept(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    temp = tmp_path / "t"  # a short path: a socket's name is limited to about 100 bytes
    temp.mkdir()
    dead_name = "escola-" + "a" * 32
    half_way(
        tmp_path,
        SOCKET_SERVER,
        dead_name,
        env={"TMPDIR": str(temp)},
    )
    dead = temp / dead_name
    assert dead.exists()
    live = QLocalServer()
    assert live.listen(str(temp / ("escola-" + "b" * 32)))
    lookalike = temp / ("escola-" + "c" * 32)
    lookalike.write_text("a file, not a socket")
    _age(temp)

    removed = remove_stale_sockets(temp)

    assert removed == [dead] and not dead.exists()
    assert (temp / ("escola-" + "b" * 32)).exists() and lookalike.exists()
    live.close()


def test_the_launch_removes_every_leftover_of_a_killed_run(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "escola.sqlite3"
    upgrade_to_head(database)
    kept = make_backup(database, BackupKind.MANUAL)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=60)
    # What a kill -9 leaves, exactly: a half-made backup and its journal, a half-made restore,
    # a downgrade's temp folder, a half-written export (noted with its pid) and a socket.
    half_backup = kept.with_name(kept.name.replace("-manual", "-2-manual") + ".parcial")
    half_backup.write_bytes(b"SQLite format 3\0" + bytes(4080))
    half_backup.with_name(half_backup.name + "-journal").write_bytes(bytes(512))
    restaurando = database.with_name("escola.sqlite3.restaurando")
    restaurando.write_bytes(b"SQLite format 3\0" + bytes(4080))
    temp = tmp_path / "t"
    temp.mkdir()
    alvo = temp / f"escola-alvo-{dead.pid}-k2j3h4"
    alvo.mkdir()
    (alvo / "alvo.sqlite3").write_bytes(b"")
    export = tmp_path / ".alunos.xlsx.q1w2e3.parcial"
    export.write_bytes(b"PK")
    notes = leftovers._notes_dir()
    notes.mkdir(parents=True, exist_ok=True)
    (notes / f"{dead.pid}-{'0' * 32}.txt").write_bytes(os.fsencode(export))
    assert [note for note, _partial in leftovers.stale_exports()], "the note is where the export writes it"
    socket_name = "escola-" + "d" * 32
    half_way(tmp_path, SOCKET_SERVER, socket_name, env={"TMPDIR": str(temp)})
    _age(temp)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: errors.append(text))
    launcher = Launcher(database, tmp_path / "escola.log")

    try:
        with qtbot.waitSignal(launcher.window_opened):
            launcher.start()

        assert errors == []
        assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [kept.name]
        assert not restaurando.exists() and not alvo.exists() and not export.exists()
        assert list(notes.iterdir()) == []
        assert not (temp / socket_name).exists()
    finally:
        if launcher.window is not None:
            launcher.window.close()
        launcher.shutdown()
