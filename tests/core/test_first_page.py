"""core.first_page: the Alunos list's first page read with sqlite3 alone (the launch paints it
before SQLAlchemy is imported) is the page AlunoService.page() gives, field by field."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData, AlunoRow
from escola_gui.core.first_page import FIRST_PAGE_SIZE, EarlyAlunoSource, FirstPage, read_first_page
from escola_gui.core.services import Services


def _as_tuples(rows: object) -> list[tuple]:
    return [dataclasses.astuple(row) for row in rows]  # type: ignore[attr-defined]


def test_the_rows_have_every_field_of_aluno_row_in_its_order() -> None:
    """The first page and the service hand the list one row type; a field added to AlunoRow
    must be read here too (the comparisons below, field by field, then fail)."""
    from escola_gui.core import common, first_page

    assert first_page.TELEFONE == common.TELEFONE
    assert first_page.AlunoRow is AlunoRow


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo school with more alunos than one page (phones, accents, inactive alunos)."""
    from escola_gui.storage.file.demo import criar_demo

    path = tmp_path_factory.mktemp("first-page") / "demo.sqlite3"
    criar_demo(path, alunos=FIRST_PAGE_SIZE + 40)
    return path


def test_first_page_of_a_demo_is_the_services_first_page(demo_file: Path) -> None:
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    page = read_first_page(demo_file)
    engine = db.create_app_engine(demo_file, read_only=True)
    try:
        expected = Services.for_engine(engine).alunos.page("", "nome", False, 0, FIRST_PAGE_SIZE)
    finally:
        engine.dispose()
    assert len(page.rows) == FIRST_PAGE_SIZE and not page.complete
    assert any(row.telefones for row in page.rows) and any(not row.ativo for row in page.rows)
    assert _as_tuples(page.rows) == _as_tuples(expected)
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == before  # read-only: not a byte written


def test_a_short_list_is_complete_with_its_odd_names_sorted_as_the_list_sorts(head_db: Path) -> None:
    engine = db.create_app_engine(head_db)
    try:
        s = Services.for_engine(engine)
        for nome, nascimento, ativo, phones in (
            ("Zé Araújo", date(2012, 12, 1), True, ["(11) 91234-5678", "(11) 3333-4444"]),
            ("álvaro Souza", None, False, []),
            ("Ágatha Müller", date(2014, 5, 3), True, ["(21) 99876-5432"]),
            ("Turma 10 Ana", None, True, []),
            ("Turma 2 Ana", None, True, []),
        ):
            s.alunos.create(AlunoData(nome=nome, data_nascimento=nascimento, ativo=ativo, telefones=tuple(phones)))
        expected = s.alunos.page("", "nome", False, 0, FIRST_PAGE_SIZE)
    finally:
        engine.dispose()
    page = read_first_page(head_db)
    assert page.complete and len(page.rows) == 5
    assert _as_tuples(page.rows) == _as_tuples(expected)
    assert [r.nome for r in page.rows][:2] == ["Ágatha Müller", "álvaro Souza"]


def test_an_empty_file_gives_an_empty_complete_page(head_db: Path) -> None:
    page = read_first_page(head_db)
    assert page.rows == () and page.complete


@pytest.mark.parametrize("sort_column", ["nome", "ra", "email", "cpf", "data_nascimento", "ativo"])
@pytest.mark.parametrize("descending", [False, True])
def test_the_early_source_reads_every_page_and_order_as_the_service(
    demo_file: Path, sort_column: str, descending: bool
) -> None:
    """Before the services, the list scrolls and sorts over EarlyAlunoSource: the same rows."""
    source = EarlyAlunoSource(demo_file)
    engine = db.create_app_engine(demo_file, read_only=True)
    try:
        alunos = Services.for_engine(engine).alunos
        for ativos_only in (False, True):
            for offset, limit in ((0, 50), (50, 50), (FIRST_PAGE_SIZE, FIRST_PAGE_SIZE)):
                assert _as_tuples(
                    source.page("", sort_column, descending, offset, limit, ativos_only=ativos_only)
                ) == _as_tuples(alunos.page("", sort_column, descending, offset, limit, ativos_only=ativos_only))
            assert source.count(ativos_only=ativos_only) == alunos.count(ativos_only=ativos_only)
            some = alunos.page("", sort_column, descending, 120, 3, ativos_only=ativos_only)
            for row in some:
                assert source.position(row.id, "", sort_column, descending, ativos_only=ativos_only) == alunos.position(
                    row.id, "", sort_column, descending, ativos_only=ativos_only
                )
    finally:
        engine.dispose()


def test_the_early_source_leaves_a_search_to_the_services(demo_file: Path) -> None:
    source = EarlyAlunoSource(demo_file)
    assert source.page("ana") == [] and source.count("ana") == 0 and source.position(1, "ana") is None
    with pytest.raises(ValueError):
        source.page("", "telefones")


def test_the_early_source_gives_the_page_read_before_the_window(demo_file: Path) -> None:
    first = read_first_page(demo_file)
    source = EarlyAlunoSource(demo_file, first)
    assert source.page() == list(first.rows) and source.page() == list(first.rows)
    assert _as_tuples(source.page("", "nome", False, 0, 20)) == _as_tuples(first.rows[:20])  # read from the file


def test_a_file_the_early_source_cannot_read_is_an_empty_list_never_an_error(demo_file: Path, tmp_path: Path) -> None:
    """A damaged copied file: the list shows empty until its check sends it to the damaged-file dialog."""
    from tests.helpers.faults import clobber_table_page

    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(demo_file, path)
    clobber_table_page(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(sqlite3.DatabaseError):
        read_first_page(path)
    source = EarlyAlunoSource(path, FirstPage(rows=(), complete=True))
    assert source.page() == [] and source.count() == 0
    assert source.page("", "ra", True, 0, 50) == []
    assert isinstance(source.count(ativos_only=True), int)  # from an index, which may still read
    source.position(1)  # from an index too: an answer or None, never an error
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
