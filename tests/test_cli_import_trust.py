"""`main.py import alunos` never rewrites a record silently: conflicts need --conflitos, every update
shows before → after, --simular writes nothing, --linhas-validas keeps the bad lines beside the file,
a hostile file prints a few lines, and a read-only file gets a plain message."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.ro_mount import read_only_view

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if home is not None:
        env["XDG_STATE_HOME"] = str(home / "state")
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, timeout=300, env=env
    )


def _nomes(database: Path) -> list[tuple]:
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT ra, nome, data_nascimento FROM alunos ORDER BY ra").fetchall()
    conn.close()
    return rows


@pytest.fixture
def escola(tmp_path: Path) -> Path:
    """A file with aluno RA 2024005, Davi Santos, born 10/09/2018."""
    database = tmp_path / "escola.sqlite3"
    first = tmp_path / "primeiro.csv"
    first.write_text("Nome;RA;Data de nascimento\nDavi Santos;2024005;10/09/2018\n", encoding="utf-8")
    assert _run("import", "alunos", str(first), "--database", str(database)).returncode == 0
    return database


def test_a_conflict_is_refused_unless_a_flag_says_what_to_do(tmp_path: Path, escola: Path) -> None:
    sheet = tmp_path / "outro.csv"
    sheet.write_text("Nome;RA;Data de nascimento\nPedro Henrique Alves;2024005;01/02/2015\n", encoding="utf-8")

    # Without --conflitos: refused, both versions shown, nothing written
    done = _run("import", "alunos", str(sheet), "--database", str(escola))
    assert done.returncode == 1
    assert "em conflito" in done.stderr and "nada foi importado" in done.stderr
    assert "Nome: cadastro Davi Santos, planilha Pedro Henrique Alves" in done.stderr
    assert "Data de nascimento: cadastro 10/09/2018, planilha 01/02/2015" in done.stderr
    assert _nomes(escola) == [("2024005", "Davi Santos", "2018-09-10")]

    # --conflitos=pular: the line is left out
    skipped = _run("import", "alunos", str(sheet), "--database", str(escola), "--conflitos=pular")
    assert skipped.returncode == 0, skipped.stderr
    assert "1 linha em conflito de fora." in skipped.stdout
    assert _nomes(escola) == [("2024005", "Davi Santos", "2018-09-10")]

    # --simular with --conflitos=atualizar: shows before → after, writes nothing
    dry = _run("import", "alunos", str(sheet), "--database", str(escola), "--conflitos=atualizar", "--simular")
    assert dry.returncode == 0, dry.stderr
    assert "Nome: Davi Santos → Pedro Henrique Alves" in dry.stdout
    assert "Data de nascimento: 10/09/2018 → 01/02/2015" in dry.stdout
    assert "Nada foi gravado." in dry.stdout
    assert _nomes(escola) == [("2024005", "Davi Santos", "2018-09-10")]

    # --conflitos=atualizar: written, and the summary says what changed
    done = _run("import", "alunos", str(sheet), "--database", str(escola), "--conflitos=atualizar")
    assert done.returncode == 0, done.stderr
    assert "Nome: Davi Santos → Pedro Henrique Alves" in done.stdout
    assert "1 atualizado" in done.stdout
    assert _nomes(escola) == [("2024005", "Pedro Henrique Alves", "2015-02-01")]


def test_every_update_shows_before_and_after(tmp_path: Path, escola: Path) -> None:
    sheet = tmp_path / "endereco.csv"
    sheet.write_text("Nome;RA;Logradouro\nDavi Santos;2024005;Rua das Flores\n", encoding="utf-8")
    done = _run("import", "alunos", str(sheet), "--database", str(escola))
    assert done.returncode == 0, done.stderr
    assert "linha 2 (Davi Santos), atualizado:" in done.stdout
    assert "Logradouro: (vazio) → Rua das Flores" in done.stdout


def test_valid_lines_go_in_and_bad_ones_to_a_file_beside(tmp_path: Path, escola: Path) -> None:
    sheet = tmp_path / "turma.csv"
    sheet.write_bytes("Nome;Data de nascimento\nAna Gonçalves;31/02/2013\nBeatriz Araújo;10/10/2012\n".encode("cp1252"))
    refused = _run("import", "alunos", str(sheet), "--database", str(escola))
    assert refused.returncode == 1
    assert "linha 2 (Ana Gonçalves): Data de nascimento: Esta data de nascimento não existe" in refused.stderr
    assert "dd/mm/aaaa" not in refused.stderr
    assert "--linhas-validas" in refused.stderr

    done = _run("import", "alunos", str(sheet), "--database", str(escola), "--linhas-validas")
    assert done.returncode == 0, done.stderr
    kept = tmp_path / "turma-linhas-com-problema.csv"
    assert str(kept) in done.stdout
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept.read_text(encoding="cp1252").splitlines()[0] == "Nome;Data de nascimento;Problemas"
    assert sorted(n for _ra, n, _d in _nomes(escola)) == ["Beatriz Araújo", "Davi Santos"]


def test_twenty_thousand_identical_lines_print_a_few_lines(tmp_path: Path) -> None:
    sheet = tmp_path / "repetido.csv"
    line = "Maria Gonçalves;maria@x.com.br;01/02/2013;(11) 98765-4321\n"
    sheet.write_text("Nome;E-mail;Data de nascimento;Telefone\n" + line * 20_000, encoding="utf-8")
    done = _run("import", "alunos", str(sheet), "--database", str(tmp_path / "escola.sqlite3"))
    assert done.returncode == 1
    assert len(done.stdout) + len(done.stderr) < 5_000  # 2.5 GB before
    assert "e mais 19.997 linhas com o mesmo problema" in done.stderr


def test_an_import_into_a_read_only_file_is_a_plain_message(tmp_path: Path, escola: Path) -> None:
    sheet = tmp_path / "zelia.csv"
    sheet.write_text("Nome;CPF;Data de nascimento\nZélia Duarte;529.982.247-25;01/02/2013\n", encoding="utf-8")
    with read_only_view(escola.parent) as view:
        done = _run("import", "alunos", str(sheet), "--database", str(view / escola.name), home=tmp_path)
    assert done.returncode == 1
    assert "somente para leitura" in done.stderr and "Nada foi alterado" in done.stderr
    assert "Traceback" not in done.stderr and "inesperado" not in done.stderr
    for secret in ("Zélia", "52998224725", "2013-02-01", "INSERT"):
        assert secret not in done.stderr
        for log in (tmp_path / "state").rglob("*.log"):
            assert secret not in log.read_text(encoding="utf-8", errors="replace")
