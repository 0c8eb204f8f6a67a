"""``main.py db downgrade VERSION``: the plan, the question (or --yes), one-line errors."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from escola_gui.storage.file.backups import list_backups
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.revisions import after

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, stdin: str | None = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, timeout=120, input=stdin
    )


def _head_with_lixeira(tmp_path: Path) -> Path:
    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    with closing(sqlite3.connect(path)) as conn, conn:
        for n in range(3):
            conn.execute(
                "INSERT INTO lixeira (tipo, registro_id, descricao, resumo, excluido_em, usuario, dados) "
                "VALUES ('aluno', ?, 'Zé', '', '2026-11-24 10:00:00', 'secretaria', '{}')",
                (n,),
            )
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_downgrade_with_yes_prints_the_plan_and_the_backup(tmp_path: Path) -> None:
    path = _head_with_lixeira(tmp_path)
    result = _run("db", "downgrade", "1.0", "--yes", "--database", str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "O arquivo vai perder" in out and "- 3 itens da lixeira" in out
    assert "cópia de segurança fixa" in out and str(tmp_path / "backups") in out
    [backup] = list_backups(path)
    assert f"Cópia de segurança do arquivo como estava: {backup.path}" in out
    assert "Abra-o agora com o Escola 1.0." in out
    steps = after("0010")[::-1]
    n = len(steps)
    assert f"Revisão 1 de {n} ({steps[0]})" in result.stderr and f"Revisão 2 de {n} ({steps[1]})" in result.stderr
    assert f"Revisão {n} de {n} (0011)" in result.stderr
    assert classify_database(path).revision == "0010"


def test_without_a_tty_and_without_yes_nothing_is_done(tmp_path: Path) -> None:
    path = _head_with_lixeira(tmp_path)
    digest = _digest(path)
    result = _run("db", "downgrade", "0.x", "--database", str(path))
    assert result.returncode == 2
    assert "- 3 itens da lixeira" in result.stdout
    assert result.stderr.strip().splitlines() == [
        "erro: sem um terminal para perguntar, confirme com --yes. O arquivo não foi alterado."
    ]
    assert _digest(path) == digest and list_backups(path) == []


def test_refusals_are_one_portuguese_line_and_a_nonzero_exit(tmp_path: Path) -> None:
    path = _head_with_lixeira(tmp_path)
    digest = _digest(path)
    unknown = _run("db", "downgrade", "2.0", "--yes", "--database", str(path))
    assert unknown.returncode == 2
    [line] = unknown.stderr.strip().splitlines()
    assert line.startswith('erro: "2.0" não é uma versão nem uma revisão do Escola.') and "1.0, 0.x" in line
    same = _run("db", "downgrade", "1.2", "--yes", "--database", str(path))
    assert same.returncode == 2 and len(same.stderr.strip().splitlines()) == 1
    assert "não é mais nova que a do Escola 1.2" in same.stderr
    assert "Traceback" not in unknown.stderr + same.stderr
    assert _digest(path) == digest


def test_to_0x_from_the_command_line(tmp_path: Path) -> None:
    path = _head_with_lixeira(tmp_path)
    result = _run("db", "downgrade", "0.x", "--yes", "--database", str(path))
    assert result.returncode == 0, result.stderr
    assert classify_database(path).state is DatabaseState.LEGACY
    assert "Abra-o agora com o Escola 0.x." in result.stdout
