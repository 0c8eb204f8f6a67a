"""One process per file, with stale locks taken over; private, verified backups."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from escola_gui.core.errors import DatabaseInUseError, NotEnoughSpaceError
from escola_gui.core.logs import setup_logging
from escola_gui.storage.file.backup import back_up
from escola_gui.storage.file.lock import DatabaseLock

REPO = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from escola_gui.storage.file.lock import DatabaseLock
lock = DatabaseLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
time.sleep(600)  # holds the lock until the test kills it; the sleep only bounds an orphan's life
"""


CLEAN_CLOSE = """
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from escola_gui.storage.file.lock import DatabaseLock
lock = DatabaseLock(Path(sys.argv[1]))
lock.acquire()
lock.release()
"""


def _hold_lock_in_other_process(database: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database), str(REPO)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def _stop(process: subprocess.Popen[str]) -> None:
    process.kill()
    process.wait()
    if process.stdout is not None:
        process.stdout.close()


def test_second_process_is_told_the_file_is_open(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    holder = _hold_lock_in_other_process(database)
    try:
        with pytest.raises(DatabaseInUseError) as in_use:
            DatabaseLock(database).acquire()
        assert in_use.value.pid == holder.pid
        assert "já está aberto" in in_use.value.user_message
    finally:
        _stop(holder)


def test_lock_left_by_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    holder = _hold_lock_in_other_process(database)
    _stop(holder)  # SIGKILL: no cleanup runs, the lock file stays behind
    assert (tmp_path / "escola.sqlite3.lock").exists()

    with DatabaseLock(database) as lock:
        assert lock.held
        assert (tmp_path / "escola.sqlite3.lock").read_text().split() == [str(os.getpid())]


def test_cli_upgrade_refuses_while_another_process_holds_the_file(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    holder = _hold_lock_in_other_process(database)
    try:
        done = subprocess.run(
            [sys.executable, str(REPO / "main.py"), "db", "upgrade", "--database", str(database)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        _stop(holder)
    assert done.returncode != 0
    assert "já está aberto" in done.stderr
    assert not database.exists(), "the second process must not touch the file"


def test_backup_is_verified_private_and_named_with_revision(head_db: Path) -> None:
    conn = sqlite3.connect(head_db)
    conn.execute("INSERT INTO alunos (nome, ativo, ra) VALUES ('Conceição', 1, '00000001')")
    conn.commit()
    conn.close()

    path = back_up(head_db, "0005")

    assert path.parent == head_db.parent / "backups"
    assert path.name.startswith("escola-0005-") and path.suffix == ".sqlite3"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT nome FROM alunos").fetchall() == [("Conceição",)]
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()
    assert not list(path.parent.glob("*.parcial"))


def test_backup_refuses_without_room(head_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=1024))
    with pytest.raises(NotEnoughSpaceError) as full:
        back_up(head_db, "0005")
    assert "Espaço em disco insuficiente" in full.value.user_message
    assert not list((head_db.parent / "backups").glob("*.sqlite3"))


def test_only_a_lock_left_by_a_killed_process_is_logged_as_taken_over(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "escola.sqlite3"
    # Another Escola closed it cleanly.
    subprocess.run([sys.executable, "-c", CLEAN_CLOSE, str(database), str(REPO)], check=True)
    with caplog.at_level("WARNING", logger="escola_gui.storage.file.lock"), DatabaseLock(database):
        pass
    assert not [r for r in caplog.records if "took over" in r.getMessage()]

    _stop(_hold_lock_in_other_process(database))  # killed holding it
    with caplog.at_level("WARNING", logger="escola_gui.storage.file.lock"), DatabaseLock(database):
        pass
    assert [r for r in caplog.records if "took over" in r.getMessage()]


def test_log_file_is_private() -> None:
    import logging

    path = setup_logging()
    logging.getLogger("escola.test").warning("registro de teste")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path.exists()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_cli_status_upgrade_and_backup(tmp_path: Path) -> None:
    from tests.helpers.legacy import make_legacy_file
    from tests.helpers.revisions import AFTER_BASELINE, HEAD

    database = tmp_path / "dados" / "escola.sqlite3"
    database.parent.mkdir()
    make_legacy_file(database, alunos=20)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(REPO / "main.py"), "db", *args, "--database", str(database)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    status = run("status").stdout.splitlines()
    assert {"state: legacy", "revision: none", f"head: {HEAD}"} <= set(status)

    upgraded = run("upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"revisão {HEAD}" in upgraded.stdout
    assert f"Aplicando revisão 1 de {len(AFTER_BASELINE)}" in upgraded.stderr
    assert database.stat().st_mode & 0o777 == 0o600

    status = run("status").stdout.splitlines()
    assert {"state: current", f"revision: {HEAD}", f"head: {HEAD}"} <= set(status)
    assert run("upgrade").returncode == 0

    made = run("backup")
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip())
    assert backup.exists() and backup.parent == database.parent / "backups"


def test_database_comes_from_escola_db_when_not_given(tmp_path: Path) -> None:
    database = tmp_path / "do-ambiente.sqlite3"
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "db", "upgrade"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "ESCOLA_DB": str(database)},
    )
    assert done.returncode == 0, done.stderr
    assert database.exists()


def test_cli_backup_refuses_a_foreign_file(tmp_path: Path) -> None:
    database = tmp_path / "outro.sqlite3"
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE receitas (id INTEGER PRIMARY KEY)")
    conn.close()
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "db", "backup", "--database", str(database)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "não é do Escola" in done.stderr
    assert not (tmp_path / "backups").exists()
