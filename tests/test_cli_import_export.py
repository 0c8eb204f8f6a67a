"""`main.py import alunos` and `main.py export alunos`: all or nothing, no duplicates, round trip."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

HEADER = "Nome;CPF;Data de Nascimento;E-mail;Telefone\n"
GOOD = (
    HEADER
    + "João da Silva;529.982.247-25;10/03/2015;Joao@Escola.com;(11) 98765-4321\n"
    + "Maria Conceição;;01/02/2014;;\n"
)
BAD = GOOD + "Pedro;111.111.111-11;32/01/2015;pedro@;\n"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, timeout=120)


def _alunos(database: Path) -> list[tuple]:
    conn = sqlite3.connect(database)
    try:
        return conn.execute("SELECT nome, cpf, email, data_nascimento FROM alunos ORDER BY nome").fetchall()
    finally:
        conn.close()


def test_bad_row_lists_line_and_reasons_and_writes_nothing(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    sheet = tmp_path / "alunos.csv"
    sheet.write_bytes(BAD.encode("cp1252"))  # as Excel saves it on a Brazilian Windows

    done = _run("import", "alunos", str(sheet), "--database", str(database))

    assert done.returncode == 1
    assert "linha 4 (" in done.stderr and "CPF inválido" in done.stderr and "E-mail inválido" in done.stderr
    assert "linha 2" not in done.stderr and "linha 3" not in done.stderr
    assert _alunos(database) == []


def test_import_twice_makes_no_duplicates_and_export_round_trips(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    sheet = tmp_path / "alunos.csv"
    sheet.write_bytes(GOOD.encode("cp1252"))

    first = _run("import", "alunos", str(sheet), "--database", str(database))
    second = _run("import", "alunos", str(sheet), "--database", str(database))

    assert first.returncode == 0, first.stderr
    assert "2 alunos novos" in first.stdout
    assert second.returncode == 0 and "0 alunos novos" in second.stdout
    assert _alunos(database) == [
        ("João da Silva", "52998224725", "joao@escola.com", "2015-03-10"),
        ("Maria Conceição", None, None, "2014-02-01"),
    ]

    for name in ("lista.csv", "lista.xlsx"):
        exported = tmp_path / name
        done = _run("export", "alunos", str(exported), "--database", str(database))
        assert done.returncode == 0, done.stderr
        assert exported.stat().st_mode & 0o777 == 0o600
        again = _run("import", "alunos", str(exported), "--database", str(database))
        assert again.returncode == 0, again.stderr
        assert "0 alunos novos, 0 atualizados, 2 sem mudança" in again.stdout
