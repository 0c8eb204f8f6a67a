"""The Lixeira: deleting an aluno or a turma keeps it whole, restoring puts every row back.

A data-filled file (every table holds rows) is compared table by table, row by row, before
the deletion and after the restore; refusals leave the file exactly as it was.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, ForeignKey, Integer, String, Table

from escola_gui.core.avaliacao import Situacao
from escola_gui.core.escolar import AnoLetivoData, Lancamento, TurmaData
from escola_gui.core.lixeira import RestauracaoRecusadaError
from escola_gui.core.models import Base
from escola_gui.core.services import AlunoData, RecordNotFoundError, ResponsavelData, Services
from tests.upgrade.test_school_year_revisions import PHOTO, Snapshot, _fill_head, _snapshot

D = Decimal
# What a deletion and a restore write besides the user's records.
BOOKKEEPING = ("lixeira", "auditoria")


def _records(path: Path) -> Snapshot:
    return {table: rows for table, rows in _snapshot(path).items() if table not in BOOKKEEPING}


def _rows(path: Path, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def filled(head_db: Path, head_engine: Engine) -> tuple[Services, dict[str, int]]:
    """The upgrade tests' full file, and for Ana everything an aluno can have: a responsável
    of her own (with a contact) beside the mãe she shares with João, a photo, documents, a
    recuperação final, a change of situação, two years of turmas, a curso, a year elsewhere."""
    ids = _fill_head(head_db, head_engine)
    s = Services.for_engine(head_engine)
    ana = ids["ana"]
    ids["pai"] = s.responsaveis.save_for_aluno(
        ana, ResponsavelData("Paulo Gonçalves", None, ("(12) 99999-0000",), ("paulo@example.com",)), "pai", False
    )
    s.diario.lancar_notas(ids["turma_a"], ids["mat"], [Lancamento(ids["ana_e"], "recuperacao_final", D("7.5"))])
    s.turmas.mudar_situacao([ids["ana_e"]], Situacao.APROVADO, "Conselho de classe de 10/12")
    return s, ids


def _count(path: Path, table: str, where: str = "1", *params: object) -> int:
    return _rows(path, f"SELECT COUNT(*) FROM {table} WHERE {where}", *params)[0][0]


def test_a_data_filled_aluno_goes_to_the_lixeira_and_comes_back_identical(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    ana = ids["ana"]
    before = _records(head_db)
    # Ana has rows in every table that goes with an aluno
    for table in ("contatos", "alunos_responsaveis", "matriculas", "enturmacoes", "historicos_externos"):
        assert _count(head_db, table, "aluno_id = ?", ana), table
    mine = "enturmacao_id IN (SELECT id FROM enturmacoes WHERE aluno_id = ?)"
    for table in ("notas", "frequencias", "recuperacoes_finais", "historico_situacoes"):
        assert _count(head_db, table, mine, ana), table
    assert _rows(head_db, "SELECT foto FROM alunos WHERE id = ?", ana) == [(PHOTO,)]
    lixeira_before = _count(head_db, "lixeira")

    # When she is deleted
    s.alunos.delete(ana)

    # Then she is gone from every list, with her own responsável; the shared mãe stays
    assert ana not in [a.id for a in s.alunos.list()]
    assert ana not in [e.aluno_id for e in s.turmas.roster(ids["turma_a"])]
    assert _count(head_db, "responsaveis", "id = ?", ids["pai"]) == 0
    assert _count(head_db, "responsaveis", "nome = 'Maria Gonçalves'") == 1
    assert _count(head_db, "enturmacoes", "aluno_id = ?", ana) == 0
    assert _count(head_db, "historicos_externos", "aluno_id = ?", ana) == 0
    items = s.lixeira.listar()
    assert len(items) == lixeira_before + 1
    item = items[0]
    assert (item.tipo, item.registro_id) == ("aluno", ana)
    assert item.descricao.startswith("Ana Conceição Gonçalves (RA ")
    assert item.resumo == (
        "2 matrículas em turmas, 11 notas, 1 recuperação final, 8 registros de frequência, 1 mudança de situação, "
        "1 ano em outra escola, 1 matrícula em curso, 1 contato, 1 responsável, foto"
    )
    dados = json.loads(_rows(head_db, "SELECT dados FROM lixeira WHERE id = ?", item.id)[0][0])
    assert set(dados["tabelas"]) >= {
        "alunos",
        "responsaveis",
        "contatos_responsavel",
        "historicos_externos_disciplinas",
    }
    audit = _rows(head_db, "SELECT tabela, registro_id, aluno_id, acao, descricao FROM auditoria ORDER BY id")
    assert audit[-1][:4] == ("alunos", ana, ana, "exclusao")
    assert audit[-1][4].startswith("Aluno Ana Conceição Gonçalves (RA ")
    assert "movido para a Lixeira, com 2 matrículas em turmas, 11 notas" in audit[-1][4]

    # When she is restored
    restored = s.lixeira.restaurar(item.id)

    # Then every row of every table is as it was, with the same ids, photo bytes and notas
    assert restored.registro_id == ana
    assert _records(head_db) == before
    assert ana in [a.id for a in s.alunos.list()]
    assert len(s.lixeira.listar()) == lixeira_before
    assert _rows(head_db, "SELECT acao, aluno_id, descricao FROM auditoria ORDER BY id DESC LIMIT 1") == [
        ("restauracao", ana, f"Aluno {item.descricao} restaurado da Lixeira, com {item.resumo}.")
    ]
    assert len(s.turmas.enturmacoes_do_aluno(ana)) == 2


def test_a_turma_with_alunos_notas_and_frequencia_comes_back_identical(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    turma = ids["turma_a"]
    before = _records(head_db)
    roster = s.turmas.roster(turma)
    assert len(roster) == 5

    s.turmas.delete(turma)

    assert turma not in [t.id for t in s.turmas.list()]
    assert _count(head_db, "enturmacoes", "turma_id = ?", turma) == 0
    item = s.lixeira.listar()[0]
    assert (item.tipo, item.registro_id, item.descricao) == ("turma", turma, "6º ano A (2026)")
    assert item.resumo == (
        "2 disciplinas, 5 alunos, 24 notas, 2 recuperações finais, 16 registros de frequência, 3 mudanças de situação"
    )
    # each aluno's history tells that their year in the turma went with it
    assert _count(head_db, "auditoria", "tabela = 'enturmacoes' AND acao = 'exclusao'") == 5

    s.lixeira.restaurar(item.id)

    assert _records(head_db) == before
    assert [e.id for e in s.turmas.roster(turma)] == [e.id for e in roster]
    assert _count(head_db, "auditoria", "tabela = 'turmas' AND acao = 'restauracao'") == 1


def _refused(s: Services, head_db: Path, item_id: int, *expected: str) -> None:
    """Restoring is refused with a message saying ``expected``, and nothing at all changes."""
    snapshot = _snapshot(head_db)
    with pytest.raises(RestauracaoRecusadaError) as refused:
        s.lixeira.restaurar(item_id)
    for part in expected:
        assert part in refused.value.user_message
    assert refused.value.user_message.endswith("Nada foi alterado.")
    assert _snapshot(head_db) == snapshot


def test_a_restore_whose_ra_was_taken_is_refused_and_changes_nothing(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    ra = _rows(head_db, "SELECT ra FROM alunos WHERE id = ?", ids["ana"])[0][0]
    s.alunos.delete(ids["ana"])
    item = s.lixeira.listar()[0]
    other = s.alunos.create(AlunoData(nome="Outra Ana", ra=ra))

    _refused(s, head_db, item.id, "Não foi possível restaurar o aluno Ana Conceição", f"O RA {ra} agora pertence")

    s.alunos.delete(other)  # the user frees the RA: now it goes back
    s.lixeira.restaurar(item.id)
    assert _count(head_db, "alunos", "id = ? AND ra = ?", ids["ana"], ra) == 1


def test_a_restore_whose_id_was_reused_is_refused(filled: tuple[Services, dict[str, int]], head_db: Path) -> None:
    s, _ids = filled
    last = _rows(head_db, "SELECT MAX(id) FROM alunos")[0][0]
    s.alunos.delete(last)
    item = s.lixeira.listar()[0]
    novo = s.alunos.create(AlunoData(nome="Aluno Novo"))
    assert novo == last  # SQLite gives the freed highest id again

    _refused(s, head_db, item.id, "um registro cadastrado depois da exclusão ocupou o lugar do aluno")


def test_an_aluno_whose_turma_is_in_the_lixeira_waits_for_it(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    before = _records(head_db)
    s.alunos.delete(ids["ana"])
    aluno_item = s.lixeira.listar()[0]
    s.turmas.delete(ids["turma_a"])
    turma_item = s.lixeira.listar()[0]

    _refused(s, head_db, aluno_item.id, "a turma 6º ano A (2026) também está na Lixeira; restaure-a antes.")

    s.lixeira.restaurar(turma_item.id)
    s.lixeira.restaurar(aluno_item.id)
    assert _records(head_db) == before


def test_a_turma_whose_aluno_is_in_the_lixeira_waits_for_the_aluno(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    s.turmas.delete(ids["turma_a"])
    turma_item = s.lixeira.listar()[0]
    s.alunos.delete(ids["ana"])

    _refused(s, head_db, turma_item.id, "o aluno Ana Conceição Gonçalves (RA ", "também está na Lixeira")


def test_a_year_closed_after_the_deletion_must_be_reopened_to_restore(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    s.alunos.delete(ids["ana"])
    item = s.lixeira.listar()[0]
    ano_2026 = next(a for a in s.anos_letivos.list() if a.ano == 2026)
    regra = AnoLetivoData(ano=2026, recuperacao="substitui_media")
    s.anos_letivos.update(ano_2026.id, replace(regra, encerrado=True))

    _refused(s, head_db, item.id, "o ano letivo 2026 foi encerrado depois da exclusão", "reabra-o em Configurações")

    # 2025 was closed already when she was deleted: it does not stand in the way
    s.anos_letivos.update(ano_2026.id, regra)
    s.lixeira.restaurar(item.id)


def test_an_aluno_enturmado_elsewhere_since_keeps_the_new_turma(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    s.turmas.delete(ids["turma_a"])
    item = s.lixeira.listar()[0]
    turma_b = next(t.id for t in s.turmas.list() if t.nome == "6º ano B")
    joao = next(a.id for a in s.alunos.list() if a.nome == "João Gonçalves")
    s.turmas.enturmar(turma_b, [joao], date(2026, 6, 1))

    _refused(s, head_db, item.id, "João Gonçalves foi colocado depois na turma 6º ano B, do mesmo ano letivo.")


def test_emptying_the_lixeira_is_permanent(filled: tuple[Services, dict[str, int]], head_db: Path) -> None:
    s, ids = filled
    s.alunos.delete(ids["ana"])
    s.turmas.delete(ids["turma_a"])
    items = s.lixeira.listar()
    assert s.lixeira.contar() == len(items) == 3  # with the one the filled file already had

    assert s.lixeira.esvaziar() == 3

    assert s.lixeira.listar() == []
    assert _count(head_db, "lixeira") == 0
    for item in items:
        with pytest.raises(RecordNotFoundError):
            s.lixeira.restaurar(item.id)
    assert _count(head_db, "alunos", "id = ?", ids["ana"]) == 0
    assert _count(head_db, "turmas", "id = ?", ids["turma_a"]) == 0
    assert _count(head_db, "auditoria", "acao = 'exclusao' AND descricao LIKE '%excluíd_ definitivamente%'") == 3


def test_one_item_deleted_for_good_leaves_the_others(filled: tuple[Services, dict[str, int]], head_db: Path) -> None:
    s, ids = filled
    s.alunos.delete(ids["ana"])
    ana_item = s.lixeira.listar()[0]
    s.turmas.delete(ids["turma_b"] if "turma_b" in ids else next(t.id for t in s.turmas.list() if t.nome == "6º ano B"))

    s.lixeira.excluir_definitivamente(ana_item.id)

    assert ana_item.id not in [i.id for i in s.lixeira.listar()]
    assert s.lixeira.contar() == 2
    with pytest.raises(RecordNotFoundError):
        s.lixeira.excluir_definitivamente(ana_item.id)


def test_deleting_a_missing_aluno_or_turma_still_says_so(services: Services) -> None:
    with pytest.raises(RecordNotFoundError):
        services.alunos.delete(12345)
    with pytest.raises(RecordNotFoundError):
        services.turmas.delete(12345)
    assert services.lixeira.listar() == []


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def test_a_turma_whose_ano_letivo_was_deleted_since_is_refused(services: Services, head_db: Path) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2027))
    turma = services.turmas.create(TurmaData(ano, "7º ano A", "7º ano", "matutino"), [])
    services.turmas.delete(turma)
    services.anos_letivos.delete(ano)  # a turma in the Lixeira does not hold its year back
    item = services.lixeira.listar()[0]

    _refused(services, head_db, item.id, "a turma 7º ano A (2027): o ano letivo de que dependia foi excluído depois.")


def test_rows_whose_foreign_key_is_set_null_are_linked_again_on_restore(
    services: Services, head_engine: Engine, head_db: Path
) -> None:
    # A table (not in the schema today) whose rows outlive the aluno with a NULL link
    recados = Table(
        "recados_teste",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("aluno_id", ForeignKey("alunos.id", ondelete="SET NULL")),
        Column("texto", String(50)),
    )
    try:
        recados.create(head_engine)
        aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
        with head_engine.begin() as conn:
            conn.execute(recados.insert(), [{"id": 7, "aluno_id": aluno, "texto": "Reunião"}])

        services.alunos.delete(aluno)
        assert _rows(head_db, "SELECT id, aluno_id, texto FROM recados_teste") == [(7, None, "Reunião")]

        services.lixeira.restaurar(services.lixeira.listar()[0].id)
        assert _rows(head_db, "SELECT id, aluno_id, texto FROM recados_teste") == [(7, aluno, "Reunião")]
    finally:
        Base.metadata.remove(recados)


def test_a_turma_whose_name_was_taken_since_is_refused(filled: tuple[Services, dict[str, int]], head_db: Path) -> None:
    s, ids = filled
    s.turmas.delete(ids["turma_a"])
    item = s.lixeira.listar()[0]
    ano_2026 = next(a.id for a in s.anos_letivos.list() if a.ano == 2026)
    s.turmas.create(TurmaData(ano_2026, "6º ano A", "6º ano", "noturno"), [])

    _refused(s, head_db, item.id, "já existe outra turma 6º ano A no mesmo ano letivo; renomeie-a antes de restaurar.")
