"""`main.py boletim`: the boletim of an aluno or of a whole turma as PDF, from the command line,
with the code of the Relatórios page; the PDF's text is read back."""

from __future__ import annotations

import hashlib
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from escola_gui.core.services import Services
from tests.core.test_relatorios import Turma, make_turma
from tests.helpers.legacy import make_legacy_file

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, timeout=120)


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture
def turma(head_engine: Engine, head_db: Path) -> Turma:
    """The 6º ano A of tests/core/test_relatorios.py, written to ``head_db``."""
    return make_turma(Services.for_engine(head_engine))


def test_boletim_of_an_aluno(turma: Turma, head_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "boletim-da-ana"

    done = _run("boletim", "--aluno", str(turma.ana), "--out", str(out), "--database", str(head_db))

    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "boletim-da-ana.pdf"
    assert f"Boletim gravado em {pdf}." in done.stdout
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    text = _text(pdf)
    for expected in ["EMEF Monteiro Lobato", "INEP 35012345", "Boletim escolar", "Ana Souza", "00000001"]:
        assert expected in text
    assert "Língua Portuguesa 7,0 8,0 6,5 9,0 7,6 8 95,0 % Aprovado" in text
    assert "Matemática 5,0 5,5 6,0 5,0 7,5 7,5 0 100,0 % Aprovado" in text
    assert "Situação final Aprovado" in text


def test_boletins_of_a_turma_one_per_aluno_and_one_with_all(turma: Turma, head_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "boletins" / "6A"

    done = _run("boletim", "--turma", str(turma.id), "--out", str(out), "--database", str(head_db))

    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "boletim-ana-souza-2026.pdf",
        "boletim-bruno-lima-2026.pdf",
        "boletins-6o-ano-a-2026.pdf",
    ]
    assert "2 boletins gravados" in done.stdout and "boletins-6o-ano-a-2026.pdf" in done.stdout
    ana = _text(out / "boletim-ana-souza-2026.pdf")
    assert "Ana Souza" in ana and "Bruno Lima" not in ana and "Aprovado" in ana
    bruno = _text(out / "boletim-bruno-lima-2026.pdf")
    assert "Bruno Lima" in bruno and "Língua Portuguesa 3,0 4,0 5,0 4,5 4,0 4,1" in bruno and "Retido" in bruno
    todos = [" ".join(page.extract_text().split()) for page in PdfReader(out / "boletins-6o-ano-a-2026.pdf").pages]
    assert len(todos) == 2  # one aluno per page; Caio, who left, is not there
    assert "Ana Souza" in todos[0] and "Bruno Lima" in todos[1]


def test_unknown_ids_and_nothing_to_print_exit_non_zero(turma: Turma, head_db: Path, tmp_path: Path) -> None:
    database = ("--database", str(head_db))
    done = _run("boletim", "--aluno", "999", "--out", str(tmp_path / "x.pdf"), *database)
    assert done.returncode == 1
    assert f"erro: não há aluno com o id 999 em {head_db}." in done.stderr
    done = _run("boletim", "--turma", "999", "--out", str(tmp_path / "pasta"), *database)
    assert done.returncode == 1 and "não há turma com o id 999" in done.stderr
    done = _run("boletim", "--aluno", str(turma.sem_turma), "--out", str(tmp_path / "x.pdf"), *database)
    assert done.returncode == 1
    assert "Davi Reis não está em nenhuma turma; não há boletim para imprimir." in done.stderr
    done = _run("boletim", "--aluno", str(turma.ana), "--ano", "2025", "--out", str(tmp_path / "x.pdf"), *database)
    assert done.returncode == 1 and "não esteve em nenhuma turma em 2025" in done.stderr
    done = _run("boletim", "--turma", str(turma.id), "--ano", "2026", "--out", str(tmp_path), *database)
    assert done.returncode == 2 and "--ano vale só com --aluno" in done.stderr
    assert not list(tmp_path.glob("**/*.pdf"))


def test_a_file_that_needs_upgrading_is_refused_untouched(tmp_path: Path) -> None:
    database = tmp_path / "antigo.sqlite3"
    make_legacy_file(database, alunos=3, cursos=1)
    before = hashlib.sha256(database.read_bytes()).hexdigest()

    done = _run("boletim", "--aluno", "1", "--out", str(tmp_path / "b.pdf"), "--database", str(database))

    assert done.returncode != 0
    assert "precisa ser atualizado" in done.stderr and "main.py db upgrade" in done.stderr
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    assert not (tmp_path / "b.pdf").exists()


def test_a_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    database = tmp_path / "nenhum.sqlite3"
    done = _run("boletim", "--turma", "1", "--out", str(tmp_path / "saida"), "--database", str(database))
    assert done.returncode == 1
    assert "não existe ou está vazio" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_help_says_what_the_turma_form_writes() -> None:
    done = _run("boletim", "--help")
    assert done.returncode == 0
    help_text = " ".join(done.stdout.split())
    assert "um PDF por aluno, boletim-<aluno>-<ano>.pdf" in help_text
    assert "boletins-<turma>-<ano>.pdf" in help_text
    assert "--aluno ID" in help_text and "--turma ID" in help_text and "--out DESTINO" in help_text
