"""Found by the adversarial pass on issue 12: the entry points as the secretary types them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, timeout=300, env=env
    )


def test_database_given_before_the_command_is_the_one_used(tmp_path: Path, head_db: Path) -> None:
    """``main.py --database X db backup`` (the form ``--help`` shows first) must act on X, never on the default
    file: argparse let the sub-command's own empty --database override the one given before it."""
    other = tmp_path / "outra" / "escola.sqlite3"
    env = {**os.environ, "ESCOLA_DB": str(other)}

    status = _run("--database", str(head_db), "db", "status", env=env)
    backup = _run("--database", str(head_db), "db", "backup", env=env)

    assert status.returncode == 0, status.stderr
    assert str(head_db) in status.stdout and str(other) not in status.stdout
    assert backup.returncode == 0, backup.stderr
    assert any((head_db.parent / "backups").iterdir())
    assert not (tmp_path / "outra").exists()


def test_demo_accepts_the_database_before_the_command(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite3"
    done = _run("--database", str(target), "demo", "--alunos", "3", env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert target.exists()


def test_a_refused_restore_reads_as_one_sentence(tmp_path: Path, head_db: Path) -> None:
    """``db restore notes.sqlite3`` said "...não é um banco de dados SQLite.. O arquivo de dados não foi alterado."."""
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("hello")
    done = _run("db", "restore", str(notes), "--database", str(head_db), env=dict(os.environ))
    assert done.returncode != 0
    assert "SQLite. O arquivo de dados não foi alterado." in done.stderr, done.stderr
    assert ".." not in done.stderr
    assert notes.read_text() == "hello"


def test_db_backup_of_a_missing_file_leaves_nothing_behind(tmp_path: Path) -> None:
    """A typo in --database: ``db backup`` said there was nothing to copy, and left a lock file there."""
    missing = tmp_path / "escola.sqlit3"
    done = _run("db", "backup", "--database", str(missing), env=dict(os.environ))
    assert done.returncode == 1
    assert "não existe ou está vazio" in done.stderr
    assert list(tmp_path.iterdir()) == []
