"""Found by the adversarial pass on issue 12: spreadsheets written where they cannot be."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from escola_gui.core import planilhas
from escola_gui.core.errors import PlanilhaIlegivelError, PlanilhaNaoGravadaError
from escola_gui.core.planilhas import write_table
from tests.helpers.ro_mount import read_only_view

ENGLISH = ("No such file", "Read-only file system", "Permission denied", "No space left", "Errno")


def test_an_export_works_where_python_has_no_fchmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python before 3.13 has no os.fchmod on Windows: every export stopped with an unexpected error."""
    monkeypatch.delattr(os, "fchmod", raising=False)
    path = write_table(tmp_path / "alunos.csv", ["Nome"], [["Ana"]])
    assert path.read_text(encoding="utf-8-sig").splitlines() == ["Nome", "Ana"]


def test_a_missing_folder_is_said_in_portuguese(tmp_path: Path) -> None:
    with pytest.raises(PlanilhaNaoGravadaError) as refused:
        write_table(tmp_path / "apagada" / "alunos.csv", ["Nome"], [["Ana"]])
    assert "a pasta não existe" in refused.value.user_message
    assert not any(english in refused.value.user_message for english in ENGLISH), refused.value.user_message


@pytest.mark.skipif(sys.platform == "win32", reason="a read-only bind mount")
def test_bad_lines_beside_a_file_on_a_read_only_disk_are_refused_in_portuguese(tmp_path: Path) -> None:
    """``import alunos --linhas-validas`` from a locked pen drive said "Read-only file system"."""
    source = tmp_path / "pen"
    source.mkdir()
    (source / "alunos.csv").write_text("Nome;CPF\r\nAna;123\r\n", encoding="utf-8")
    with read_only_view(source) as locked:
        table = planilhas.read_table(locked / "alunos.csv")
        with pytest.raises(PlanilhaNaoGravadaError) as refused:
            planilhas.write_beside(table, "linhas-com-problema", "Problemas", [(table.rows[0], "CPF inválido")])
    text = refused.value.user_message
    assert "não tem permissão para gravar nessa pasta, ou o disco é só de leitura" in text
    assert not any(english in text for english in ENGLISH), text


@pytest.mark.parametrize(("name", "said"), [("sumiu.csv", "o arquivo não existe"), ("pasta.csv", "é uma pasta")])
def test_a_file_that_cannot_be_read_is_said_in_portuguese(tmp_path: Path, name: str, said: str) -> None:
    (tmp_path / "pasta.csv").mkdir()
    with pytest.raises(PlanilhaIlegivelError) as refused:
        planilhas.read_table(tmp_path / name)
    assert said in refused.value.user_message
    assert not any(english in refused.value.user_message for english in (*ENGLISH, "Is a directory"))


def test_an_export_onto_a_folder_is_said_in_portuguese(tmp_path: Path) -> None:
    (tmp_path / "alunos.csv").mkdir()
    with pytest.raises(PlanilhaNaoGravadaError) as refused:
        write_table(tmp_path / "alunos.csv", ["Nome"], [["Ana"]])
    assert "é uma pasta" in refused.value.user_message, refused.value.user_message
