"""``main.py demo``: a demo school in a new file, never in an existing one."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from escola_gui.cli import _plural

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, timeout=120)


def test_demo_creates_a_new_school_that_opens_as_current(tmp_path: Path) -> None:
    database = tmp_path / "pasta nova" / "demo.sqlite3"
    made = _run("demo", "--alunos", "40", "--database", str(database))
    assert made.returncode == 0, made.stderr
    summary = made.stdout.splitlines()[0]
    assert re.search(
        r": 40 alunos, [\d.]+ responsáveis, [\d.]+ turmas, 2 anos letivos, [\d.]+ notas e "
        r"[\d.]+ registros de frequência\.$",
        summary,
    ), summary
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM alunos").fetchone() == (40,)
        assert conn.execute("SELECT count(*) FROM enturmacoes").fetchone()[0] >= 40
        assert conn.execute("SELECT count(*) FROM notas").fetchone()[0] > 0
    assert database.stat().st_mode & 0o777 == 0o600
    assert "state: current" in _run("db", "status", "--database", str(database)).stdout.splitlines()

    before = database.read_bytes()
    again = _run("demo", "--database", str(database))
    assert again.returncode == 2 and "já existe" in again.stderr
    assert database.read_bytes() == before


def test_demo_needs_the_file_named(tmp_path: Path) -> None:
    result = _run("demo")
    assert result.returncode == 2 and "--database" in result.stderr


def test_counts_read_with_real_plurals_and_the_thousands_separated() -> None:
    assert _plural(1, "boletim gravado", "boletins gravados") == "1 boletim gravado"
    assert _plural(2, "boletim gravado", "boletins gravados") == "2 boletins gravados"
    assert _plural(0, "problema", "problemas") == "0 problemas"
    assert _plural(49998, "aluno exportado", "alunos exportados") == "49.998 alunos exportados"
