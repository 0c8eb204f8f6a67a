"""Children's personal data (LGPD): everything Escola writes is readable by the user alone.

One run through the command line in a brand-new home folder, with the default data folder:
the data folder and the backups and log folders are 0700; the database, its lock, its
backups, the log and an export are 0600 (the PDFs: tests/gui/test_reports.py
and tests/core/test_cli_boletim.py) — whatever the umask says.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_everything_escola_writes_is_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k != "ESCOLA_DB"}
    env["HOME"] = str(home)

    def run(*args: str) -> None:
        # umask 022, the usual default: files would be 0644 and folders 0755 unless Escola says otherwise
        done = subprocess.run(
            [sys.executable, str(REPO / "main.py"), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            preexec_fn=lambda: os.umask(0o022),  # noqa: PLW1509 - no threads started yet in the child
            timeout=120,
        )
        assert done.returncode == 0, done.stderr

    run("db", "upgrade")
    data = home / ".local" / "share" / "escola"
    database = data / "escola.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute("INSERT INTO alunos (nome, ativo, ra) VALUES ('Ana Conceição', 1, '00000001')")
    conn.close()
    run("db", "backup")
    run("export", "alunos", str(tmp_path / "lista.xlsx"))

    backups = sorted((data / "backups").iterdir())
    logs = home / ".local" / "state" / "escola" / "log"
    assert len(backups) == 1  # a new file has no pre-upgrade backup; this is the manual one
    assert {p: _mode(p) for p in (data, data / "backups", logs)} == dict.fromkeys((data, data / "backups", logs), 0o700)
    files = [database, data / "escola.sqlite3.lock", *backups, logs / "escola.log", tmp_path / "lista.xlsx"]
    assert {p: _mode(p) for p in files} == dict.fromkeys(files, 0o600)
