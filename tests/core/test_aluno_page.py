"""AlunoService.count and AlunoService.page: the Alunos list's search, sort and paging in SQL
(revision 0012: the FTS5 name index with its triggers, the sort keys and their indexes)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escola_gui.core.alunos import ALUNO_SORT_COLUMNS, AlunoData
from escola_gui.core.models import ra_ordem
from escola_gui.core.services import Services
from escola_gui.core.text import normalize_text

# nome, e-mail, CPF, nascimento, ativo, nome social
ALUNOS = [
    ("João da Silva", "joao.silva@escola.br", "52998224725", date(2014, 5, 3), True, None),
    ("Joana D'Ávila", "joana@exemplo.com", "11144477735", date(2013, 1, 20), True, None),
    ("Ágatha Müller", None, "98765432100", None, False, None),
    ("Zé Araújo", "ze@exemplo.com", None, date(2012, 12, 1), True, None),
    ("Pedro Gonçalves", "pedro@escola.br", None, date(2015, 7, 9), False, "Lívia Gonçalves"),
    ("álvaro Souza", None, None, date(2014, 5, 3), True, None),
]


@pytest.fixture
def filled(head_engine: Engine) -> tuple[Services, dict[str, int]]:
    s = Services.for_engine(head_engine)
    ids = {}
    for nome, email, cpf, nascimento, ativo, social in ALUNOS:
        ids[nome] = s.alunos.create(
            AlunoData(nome=nome, email=email, cpf=cpf, data_nascimento=nascimento, ativo=ativo, nome_social=social)
        )
    return s, ids


def _names(rows: list) -> list[str]:
    return [r.nome for r in rows]


def test_search_by_word_prefixes_of_the_nome_ignoring_accents_and_case(filled: tuple[Services, dict]) -> None:
    s, _ids = filled
    assert _names(s.alunos.page("joao")) == ["João da Silva"]
    assert s.alunos.count("joao") == 1
    assert _names(s.alunos.page("JO")) == ["Joana D'Ávila", "João da Silva"]
    assert _names(s.alunos.page("silva jo")) == ["João da Silva"]  # every word, in any order, by its beginning
    assert _names(s.alunos.page("agatha mul")) == ["Ágatha Müller"]
    assert _names(s.alunos.page("davila")) == []  # D'Ávila is two words: d, avila
    assert _names(s.alunos.page("avila")) == ["Joana D'Ávila"]
    assert _names(s.alunos.page("livia")) == ["Pedro Gonçalves"]  # the nome social too
    assert _names(s.alunos.page("gonc")) == ["Pedro Gonçalves"]
    assert _names(s.alunos.page("ilva")) == []  # the beginning of a word, not its middle
    assert s.alunos.count("xyz") == 0 and s.alunos.page("xyz") == []
    # FTS syntax typed by the user is only text
    assert _names(s.alunos.page('"joao*')) == ["João da Silva"]
    assert _names(s.alunos.page("NEAR(joao)")) == []  # two words: near, joao
    assert _names(s.alunos.page("joao OR ze")) == []  # three words, every one required


def test_search_by_cpf_ra_and_email_prefix(filled: tuple[Services, dict]) -> None:
    s, ids = filled
    assert _names(s.alunos.page("529982")) == ["João da Silva"]
    assert _names(s.alunos.page("529.982.247-25")) == ["João da Silva"]  # typed with its mask
    assert _names(s.alunos.page("111.444")) == ["Joana D'Ávila"]
    ra = s.alunos.get(ids["Zé Araújo"]).ra
    assert _names(s.alunos.page(ra)) == ["Zé Araújo"]
    assert s.alunos.count(ra[:-1]) == len(ALUNOS)  # every RA of this file starts with 0000000
    assert _names(s.alunos.page("pedro@")) == ["Pedro Gonçalves"]
    assert _names(s.alunos.page("JOANA@EX")) == ["Joana D'Ávila"]
    assert _names(s.alunos.page("exemplo.com")) == []  # the e-mail by its beginning


def _key(row: object, column: str) -> object:
    value = getattr(row, column)
    if column == "nome":
        return normalize_text(value)
    if column == "ra":
        return ra_ordem(value)
    if column == "ativo":
        return (value, normalize_text(row.nome))  # type: ignore[attr-defined]
    return value


@pytest.mark.parametrize("column", sorted(ALUNO_SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_each_column_sorts_both_ways(filled: tuple[Services, dict], column: str, descending: bool) -> None:
    s, _ids = filled
    rows = s.alunos.page(sort_column=column, descending=descending)
    assert len(rows) == len(ALUNOS)
    # NULLs first going up, as SQLite sorts them; ties by id, in the same direction
    keyed = [(_key(r, column) is not None, _key(r, column) or "", r.id) for r in rows]
    assert keyed == sorted(keyed, reverse=descending)


def test_nome_sorts_ignoring_accents_and_case(filled: tuple[Services, dict]) -> None:
    s, _ids = filled
    assert _names(s.alunos.page()) == [
        "Ágatha Müller",
        "álvaro Souza",
        "Joana D'Ávila",
        "João da Silva",
        "Pedro Gonçalves",
        "Zé Araújo",
    ]
    assert _names(s.alunos.page(sort_column="ativo"))[:2] == ["Ágatha Müller", "Pedro Gonçalves"]
    with pytest.raises(ValueError):
        s.alunos.page(sort_column="telefones")


def test_pages_follow_each_other_without_gaps_or_repeats(head_engine: Engine) -> None:
    s = Services.for_engine(head_engine)
    for k in range(23):
        s.alunos.create(AlunoData(nome=f"Aluno {k % 5}"))  # many ties: the id decides
    assert s.alunos.count() == 23
    whole = s.alunos.page(limit=100)
    pages = [s.alunos.page(offset=offset, limit=10) for offset in (0, 10, 20, 30)]
    assert [len(p) for p in pages] == [10, 10, 3, 0]
    assert [r.id for p in pages for r in p] == [r.id for r in whole]
    assert s.alunos.count("aluno 3") == 4 and len(s.alunos.page("aluno 3", limit=2, offset=3)) == 1


def test_the_search_index_follows_every_write(filled: tuple[Services, dict]) -> None:
    s, ids = filled
    joao = ids["João da Silva"]
    data = s.alunos.get(joao)
    s.alunos.update(joao, replace(data, nome="Sebastião Ferreira"))
    assert _names(s.alunos.page("silva")) == []  # the old nome left the index
    assert _names(s.alunos.page("joao")) == ["Sebastião Ferreira"]  # by the e-mail, kept
    assert _names(s.alunos.page("sebastiao")) == ["Sebastião Ferreira"]
    assert [r.nome for r in s.alunos.page() if r.id == joao] == ["Sebastião Ferreira"]
    s.alunos.delete(joao)  # to the Lixeira
    assert s.alunos.count("sebastiao") == 0 and s.alunos.count("529982") == 0


def test_an_aluno_restored_from_the_lixeira_is_found_and_sorted_again(
    head_db: Path, filled: tuple[Services, dict]
) -> None:
    s, ids = filled
    agatha = ids["Ágatha Müller"]
    s.alunos.delete(agatha)
    assert s.alunos.count("agatha") == 0
    [item] = s.lixeira.list()
    # A snapshot taken before revision 0012 has no sort keys: the restore computes them
    with closing(sqlite3.connect(head_db)) as conn, conn:
        (dados,) = conn.execute("SELECT dados FROM lixeira WHERE id = ?", (item.id,)).fetchone()
        dados = json.loads(dados)
        for row in dados["tabelas"]["alunos"]:
            del row["nome_ordem"], row["ra_ordem"]
        conn.execute("UPDATE lixeira SET dados = ? WHERE id = ?", (json.dumps(dados), item.id))

    s.lixeira.restaurar(item.id)

    assert _names(s.alunos.page("agatha mull")) == ["Ágatha Müller"]
    assert _names(s.alunos.page())[0] == "Ágatha Müller"
    with closing(sqlite3.connect(head_db)) as conn:
        assert conn.execute("SELECT nome_ordem, ra_ordem FROM alunos WHERE id = ?", (agatha,)).fetchone() == (
            "agatha muller",
            ra_ordem(s.alunos.get(agatha).ra),
        )
        # and the audit log holds no sort keys, neither for the deletion nor for the restore
        for antes, depois in conn.execute("SELECT antes, depois FROM auditoria WHERE registro_id = ?", (agatha,)):
            assert "nome_ordem" not in (antes or "") + (depois or "")


def test_position_and_both_ways_of_finding_a_page_agree(head_engine: Engine) -> None:
    s = Services.for_engine(head_engine)
    for k in range(40):
        s.alunos.create(AlunoData(nome=f"{'Ana' if k % 2 else 'Bruno'} {k:02d}"))
    for search, column, descending in (("", "nome", False), ("ana", "nome", True), ("ana", "ra", False)):
        whole = s.alunos.page(search, column, descending, limit=100)
        # Many matches: the sort column's index is walked; few: the matches are sorted. Same rows.
        dense = s.alunos.page(search, column, descending, offset=3, limit=5, matches=10**6)
        sparse = s.alunos.page(search, column, descending, offset=3, limit=5, matches=1)
        assert [r.id for r in dense] == [r.id for r in sparse] == [r.id for r in whole[3:8]]
        for row, aluno in enumerate(whole):
            assert s.alunos.position(aluno.id, search, column, descending) == row
    bruno = s.alunos.page("bruno")[0]
    assert s.alunos.position(bruno.id, "ana") is None


@pytest.mark.parametrize("first_walk", [1, 1000])
def test_a_page_is_the_same_whether_walked_bounded_or_looked_up(
    head_engine: Engine, monkeypatch: pytest.MonkeyPatch, first_walk: int
) -> None:
    """The matches of a first name stand together far down the list: the walk of the sort
    column's index stops at its bound and the matches are looked up and sorted instead. Every
    way gives the rows the plain, unsearched list gives, filtered."""
    from escola_gui.core import alunos

    monkeypatch.setattr(alunos, "FIRST_WALK", first_walk)  # 1: a bound of one page's rows
    s = Services.for_engine(head_engine)
    for k in range(30):
        s.alunos.create(AlunoData(nome=f"Bruno {k:02d}", ativo=k % 3 != 0))
    for k in range(10):
        s.alunos.create(AlunoData(nome=f"Zeca {k:02d}", ativo=k % 4 != 0))
    for search, column, descending, ativos_only in (
        ("zeca", "nome", False, False),  # all at the end: past the bound
        ("zeca", "nome", True, False),  # all at the start
        ("zeca", "ra", False, True),
        ("zeca", "ativo", True, False),
        ("bruno", "ativo", False, True),
        ("bruno", "nome", False, False),  # at the start: found within the bound
    ):
        whole = s.alunos.page("", column, descending, limit=100, ativos_only=ativos_only)
        expected = [r.id for r in whole if r.nome.lower().startswith(search)]
        for offset, limit in ((0, 4), (3, 4), (8, 4)):
            for matches in (None, 1, 10, 10**6):
                found = s.alunos.page(search, column, descending, offset, limit, matches, ativos_only=ativos_only)
                assert [r.id for r in found] == expected[offset : offset + limit], (search, column, offset, matches)
