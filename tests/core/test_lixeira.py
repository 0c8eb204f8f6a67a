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

from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.errors import ExclusaoRecusadaError, RecordNotFoundError, RestauracaoRecusadaError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.models import Base
from escola_gui.core.responsaveis import ResponsavelData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from tests.storage.test_school_year_revisions import PHOTO, Snapshot, _fill_head, _snapshot

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
    items = s.lixeira.list()
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
    assert len(s.lixeira.list()) == lixeira_before
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
    item = s.lixeira.list()[0]
    assert (item.tipo, item.registro_id, item.descricao) == ("turma", turma, "6º ano A (2026)")
    assert item.resumo == (
        "2 disciplinas, 5 alunos, 24 notas, 2 recuperações finais, 16 registros de frequência, 3 mudanças de situação, "
        "1 dispensa de disciplina"
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
    item = s.lixeira.list()[0]
    other = s.alunos.create(AlunoData(nome="Outra Ana", ra=ra))

    _refused(s, head_db, item.id, "Não foi possível restaurar o aluno Ana Conceição", f"O RA {ra} agora pertence")

    s.alunos.delete(other)  # the user frees the RA: now it goes back
    s.lixeira.restaurar(item.id)
    assert _count(head_db, "alunos", "id = ? AND ra = ?", ids["ana"], ra) == 1


# Columns that hold ids a restore may change: contents are compared without them.
_IDS = {"id", "aluno_id", "responsavel_id", "enturmacao_id", "turma_id"}

_DO_ALUNO = {
    "alunos": "SELECT * FROM alunos WHERE id = ?",
    "contatos": "SELECT * FROM contatos WHERE aluno_id = ?",
    "alunos_responsaveis": "SELECT * FROM alunos_responsaveis WHERE aluno_id = ?",
    "responsaveis": "SELECT r.* FROM responsaveis r JOIN alunos_responsaveis l ON l.responsavel_id = r.id "
    "WHERE l.aluno_id = ?",
    "contatos_responsavel": "SELECT c.* FROM contatos_responsavel c "
    "JOIN alunos_responsaveis l ON l.responsavel_id = c.responsavel_id WHERE l.aluno_id = ?",
    "enturmacoes": "SELECT * FROM enturmacoes WHERE aluno_id = ?",
    **{
        table: f"SELECT x.* FROM {table} x JOIN enturmacoes e ON e.id = x.enturmacao_id WHERE e.aluno_id = ?"
        for table in ("notas", "frequencias", "recuperacoes_finais", "historico_situacoes")
    },
}

_DA_TURMA = {
    "turmas": "SELECT * FROM turmas WHERE id = ?",
    "turmas_disciplinas": "SELECT * FROM turmas_disciplinas WHERE turma_id = ?",
    "enturmacoes": "SELECT * FROM enturmacoes WHERE turma_id = ?",
    **{
        table: f"SELECT x.* FROM {table} x JOIN enturmacoes e ON e.id = x.enturmacao_id WHERE e.turma_id = ?"
        for table in ("notas", "frequencias", "recuperacoes_finais", "historico_situacoes")
    },
}


def _content(path: Path, queries: dict[str, str], record_id: int, keep: frozenset[str] = frozenset()) -> dict:
    """The record's rows, table by table, without the ids (but those in ``keep``), sorted."""
    result = {}
    with closing(sqlite3.connect(path)) as conn:
        for table, sql in queries.items():
            cursor = conn.execute(sql, (record_id,))
            names = [d[0] for d in cursor.description]
            rows = [
                tuple((n, v) for n, v in zip(names, row, strict=True) if n not in _IDS or n in keep)
                for row in cursor.fetchall()
            ]
            result[table] = sorted(rows, key=repr)
    return result


def _sound(path: Path) -> None:
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(path, "PRAGMA foreign_key_check") == []


def _aluno_completo(s: Services, ids: dict[str, int], nome: str) -> int:
    """A new aluno (so the newest one, with the newest rows everywhere) in turma 6º ano A, with
    contacts, a responsável of their own, notas and frequência."""
    aluno = s.alunos.create(AlunoData(nome=nome, telefones=("(12) 91111-2222",), email=f"{nome[:3].lower()}@ex.com"))
    s.responsaveis.save_for_aluno(aluno, ResponsavelData(f"Mãe de {nome}", None, ("(12) 3333-4444",)), "mae", True)
    (enturmacao,) = s.turmas.enturmar(ids["turma_a"], [aluno], date(2026, 3, 2))
    ano = next(a.id for a in s.anos_letivos.list() if a.ano == 2026)
    periodos = s.anos_letivos.periodos(ano)
    s.diario.lancar_notas(
        ids["turma_a"],
        ids["mat"],
        [Lancamento(enturmacao, "nota", D(f"{i + 6}.5"), p.id) for i, p in enumerate(periodos)],
    )
    s.diario.lancar_frequencia(ids["turma_a"], ids["mat"], periodos[0].id, [LancamentoFrequencia(enturmacao, 40, 2)])
    return aluno


def test_an_aluno_whose_ids_were_reused_comes_back_with_new_ones(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    bia = _aluno_completo(s, ids, "Beatriz Nunes")
    assert bia == _rows(head_db, "SELECT MAX(id) FROM alunos")[0][0]
    bia_before = _content(head_db, _DO_ALUNO, bia)
    assert all(bia_before[t] for t in ("contatos", "responsaveis", "enturmacoes", "notas", "frequencias")), bia_before
    ana_before = _content(head_db, _DO_ALUNO, ids["ana"], keep=frozenset(_IDS))
    old_notas = {
        r[0]
        for r in _rows(
            head_db, "SELECT n.id FROM notas n JOIN enturmacoes e ON e.id = n.enturmacao_id WHERE e.aluno_id = ?", bia
        )
    }
    bia_ra = _rows(head_db, "SELECT ra FROM alunos WHERE id = ?", bia)[0][0]
    bia_history = s.auditoria.list_for_aluno(bia)
    s.alunos.delete(bia)
    item = s.lixeira.list()[0]

    # When a new aluno is registered, SQLite gives it Beatriz's id, and its rows hers
    carlos = _aluno_completo(s, ids, "Carlos Dias")
    assert carlos == bia
    new_notas = {
        r[0]
        for r in _rows(
            head_db,
            "SELECT n.id FROM notas n JOIN enturmacoes e ON e.id = n.enturmacao_id WHERE e.aluno_id = ?",
            carlos,
        )
    }
    assert new_notas == old_notas
    # and not her RA: the RAs of the alunos in the Lixeira are not handed out again
    assert _rows(head_db, "SELECT ra FROM alunos WHERE id = ?", carlos) != [(bia_ra,)]
    carlos_before = _content(head_db, _DO_ALUNO, carlos, keep=frozenset(_IDS))

    # Then Beatriz is restored all the same, with a new id
    restored = s.lixeira.restaurar(item.id)

    nova = restored.registro_id
    assert nova != bia
    assert _rows(head_db, "SELECT nome FROM alunos WHERE id IN (?, ?) ORDER BY id", bia, nova) == [
        ("Carlos Dias",),
        ("Beatriz Nunes",),
    ]
    assert _content(head_db, _DO_ALUNO, nova) == bia_before  # every value, every row
    assert _rows(head_db, "SELECT ra FROM alunos WHERE id = ?", nova) == [(bia_ra,)]
    assert _content(head_db, _DO_ALUNO, carlos, keep=frozenset(_IDS)) == carlos_before
    assert _content(head_db, _DO_ALUNO, ids["ana"], keep=frozenset(_IDS)) == ana_before
    assert _count(head_db, "notas n JOIN enturmacoes e ON e.id = n.enturmacao_id", "e.aluno_id = ?", nova) == len(
        bia_before["notas"]
    )
    assert {e.aluno_id for e in s.turmas.roster(ids["turma_a"])} >= {carlos, nova}
    _sound(head_db)
    assert _rows(head_db, "SELECT tabela, registro_id, aluno_id, acao FROM auditoria ORDER BY id DESC LIMIT 1") == [
        ("alunos", nova, nova, "restauracao")
    ]
    assert s.lixeira.count() == 1  # the one the filled file had
    # Her history went along with her, in the same transaction; Carlos's is his alone
    history = s.auditoria.list_for_aluno(nova)
    assert history[-len(bia_history) :] == bia_history
    assert [linha.acao for linha in history[: -len(bia_history)]] == ["restauracao", "exclusao"]
    carlos_history = s.auditoria.list_for_aluno(carlos)
    assert not any("Beatriz" in f"{linha.o_que} {linha.antes} {linha.depois}" for linha in carlos_history)
    assert (
        _count(head_db, "auditoria", "aluno_id = ? AND (antes LIKE '%Beatriz%' OR depois LIKE '%Beatriz%')", carlos)
        == 0
    )


def test_a_turma_whose_ids_were_reused_comes_back_with_new_ones(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    ano = next(a.id for a in s.anos_letivos.list() if a.ano == 2026)
    periodos = s.anos_letivos.periodos(ano)
    lp = next(d.id for d in s.disciplinas.list() if d.nome == "Língua Portuguesa")

    def turma_com_alunos(nome: str, alunos: list[str]) -> int:
        turma = s.turmas.create(TurmaData(ano, nome, "7º ano", "noturno"), [(lp, 120), (ids["mat"], 120)])
        enturmacoes = s.turmas.enturmar(turma, [s.alunos.create(AlunoData(nome=a)) for a in alunos], date(2026, 2, 9))
        for disciplina in (lp, ids["mat"]):
            s.diario.lancar_notas(
                turma, disciplina, [Lancamento(e, "nota", D("8.0"), periodos[0].id) for e in enturmacoes]
            )
            s.diario.lancar_frequencia(
                turma, disciplina, periodos[0].id, [LancamentoFrequencia(e, 30, 1) for e in enturmacoes]
            )
        return turma

    turma_c = turma_com_alunos("7º ano C", ["Davi Lopes", "Elisa Prado"])
    before = _content(head_db, _DA_TURMA, turma_c, keep=frozenset({"aluno_id"}))
    s.turmas.delete(turma_c)
    item = s.lixeira.list()[0]
    turma_d = turma_com_alunos("7º ano D", ["Fábio Reis", "Gabi Souza"])
    assert turma_d == turma_c
    d_before = _content(head_db, _DA_TURMA, turma_d, keep=frozenset(_IDS))

    restored = s.lixeira.restaurar(item.id)

    nova = restored.registro_id
    assert nova not in (turma_c, turma_d)
    assert s.turmas.get(nova).nome == "7º ano C"
    assert _content(head_db, _DA_TURMA, nova, keep=frozenset({"aluno_id"})) == before
    assert _content(head_db, _DA_TURMA, turma_d, keep=frozenset(_IDS)) == d_before
    assert sorted(e.aluno_nome for e in s.turmas.roster(nova)) == ["Davi Lopes", "Elisa Prado"]
    _sound(head_db)
    # each aluno's history tells of the restore, with the enturmação's new id
    audit = _rows(
        head_db,
        "SELECT registro_id, aluno_id FROM auditoria WHERE tabela = 'enturmacoes' AND acao = 'restauracao'",
    )
    assert sorted(audit) == sorted(_rows(head_db, "SELECT id, aluno_id FROM enturmacoes WHERE turma_id = ?", nova))
    assert _rows(head_db, "SELECT registro_id FROM auditoria WHERE tabela = 'turmas' ORDER BY id DESC LIMIT 1") == [
        (nova,)
    ]


def test_a_turma_deleted_before_its_aluno_follows_the_aluno_to_its_new_id(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    bia = _aluno_completo(s, ids, "Beatriz Nunes")
    s.turmas.delete(ids["turma_a"])  # with Beatriz's enturmação, notas and frequência
    turma_item = s.lixeira.list()[0]
    s.alunos.delete(bia)
    carlos = s.alunos.create(AlunoData(nome="Carlos Dias"))
    assert carlos == bia

    # The turma's enturmação is Beatriz's, not the new aluno's who has her old id
    _refused(s, head_db, turma_item.id, "o aluno Beatriz Nunes (RA ", "também está na Lixeira; restaure-o antes.")

    nova = s.lixeira.restaurar(s.lixeira.list()[0].id).registro_id
    s.lixeira.restaurar(turma_item.id)

    assert nova != carlos
    assert [e.aluno_nome for e in s.turmas.roster(ids["turma_a"]) if e.aluno_id == nova] == ["Beatriz Nunes"]
    assert carlos not in [e.aluno_id for e in s.turmas.roster(ids["turma_a"])]
    assert _count(head_db, "notas n JOIN enturmacoes e ON e.id = n.enturmacao_id", "e.aluno_id = ?", nova) == 4
    _sound(head_db)


def test_an_aluno_whose_turma_is_in_the_lixeira_waits_for_it(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    before = _records(head_db)
    s.alunos.delete(ids["ana"])
    aluno_item = s.lixeira.list()[0]
    s.turmas.delete(ids["turma_a"])
    turma_item = s.lixeira.list()[0]

    _refused(s, head_db, aluno_item.id, "a turma 6º ano A (2026) também está na Lixeira; restaure-a antes.")

    s.lixeira.restaurar(turma_item.id)
    s.lixeira.restaurar(aluno_item.id)
    assert _records(head_db) == before


def test_a_turma_whose_aluno_is_in_the_lixeira_waits_for_the_aluno(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    s.turmas.delete(ids["turma_a"])
    turma_item = s.lixeira.list()[0]
    s.alunos.delete(ids["ana"])

    _refused(s, head_db, turma_item.id, "o aluno Ana Conceição Gonçalves (RA ", "também está na Lixeira")


def test_a_year_closed_after_the_deletion_must_be_reopened_to_restore(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    s.alunos.delete(ids["ana"])
    item = s.lixeira.list()[0]
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
    item = s.lixeira.list()[0]
    turma_b = next(t.id for t in s.turmas.list() if t.nome == "6º ano B")
    joao = next(a.id for a in s.alunos.list() if a.nome == "João Gonçalves")
    s.turmas.enturmar(turma_b, [joao], date(2026, 6, 1))

    _refused(s, head_db, item.id, "João Gonçalves foi colocado depois na turma 6º ano B, do mesmo ano letivo.")


def test_emptying_the_lixeira_is_permanent(filled: tuple[Services, dict[str, int]], head_db: Path) -> None:
    s, ids = filled
    s.alunos.delete(ids["ana"])
    s.turmas.delete(ids["turma_a"])
    items = s.lixeira.list()
    assert s.lixeira.count() == len(items) == 3  # with the one the filled file already had

    assert s.lixeira.empty() == 3

    assert s.lixeira.list() == []
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
    ana_item = s.lixeira.list()[0]
    s.turmas.delete(ids["turma_b"] if "turma_b" in ids else next(t.id for t in s.turmas.list() if t.nome == "6º ano B"))

    s.lixeira.delete(ana_item.id)

    assert ana_item.id not in [i.id for i in s.lixeira.list()]
    assert s.lixeira.count() == 2
    with pytest.raises(RecordNotFoundError):
        s.lixeira.delete(ana_item.id)


def test_deleting_a_missing_aluno_or_turma_still_says_so(services: Services) -> None:
    with pytest.raises(RecordNotFoundError):
        services.alunos.delete(12345)
    with pytest.raises(RecordNotFoundError):
        services.turmas.delete(12345)
    assert services.lixeira.list() == []


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def test_a_turma_whose_ano_letivo_was_deleted_since_is_refused(services: Services, head_db: Path) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2027))
    turma = services.turmas.create(TurmaData(ano, "7º ano A", "7º ano", "matutino"), [])
    services.turmas.delete(turma)
    services.anos_letivos.delete(ano)  # a turma in the Lixeira does not hold its year back
    item = services.lixeira.list()[0]

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

        services.lixeira.restaurar(services.lixeira.list()[0].id)
        assert _rows(head_db, "SELECT id, aluno_id, texto FROM recados_teste") == [(7, aluno, "Reunião")]

        # The same when a new aluno took the id: the row is linked to the aluno's new id
        services.alunos.delete(aluno)
        assert services.alunos.create(AlunoData(nome="Bruno Lima")) == aluno
        nova = services.lixeira.restaurar(services.lixeira.list()[0].id).registro_id
        assert nova != aluno
        assert _rows(head_db, "SELECT id, aluno_id, texto FROM recados_teste") == [(7, nova, "Reunião")]
        assert _rows(head_db, "SELECT nome FROM alunos WHERE id = ?", nova) == [("Ana Souza",)]
    finally:
        Base.metadata.remove(recados)


def test_a_turma_whose_name_was_taken_since_is_refused(filled: tuple[Services, dict[str, int]], head_db: Path) -> None:
    s, ids = filled
    s.turmas.delete(ids["turma_a"])
    item = s.lixeira.list()[0]
    ano_2026 = next(a.id for a in s.anos_letivos.list() if a.ano == 2026)
    s.turmas.create(TurmaData(ano_2026, "6º ano A", "6º ano", "noturno"), [])

    _refused(s, head_db, item.id, "já existe outra turma 6º ano A no mesmo ano letivo; renomeie-a antes de restaurar.")


def test_an_aluno_whose_rows_a_turma_in_the_lixeira_holds_cannot_be_deleted_for_good_before_it(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    # Given a turma deleted with Beatriz's enturmação, then Beatriz, then a new aluno with her old id
    s, ids = filled
    bia = _aluno_completo(s, ids, "Beatriz Nunes")
    s.turmas.delete(ids["turma_a"])
    turma_item = s.lixeira.list()[0]
    s.alunos.delete(bia)
    aluno_item = s.lixeira.list()[0]
    carlos = s.alunos.create(AlunoData(nome="Carlos Dias"))
    assert carlos == bia

    # When Beatriz is deleted for good, it is refused (the turma would hand her notas to Carlos)
    snapshot = _snapshot(head_db)
    with pytest.raises(ExclusaoRecusadaError) as refused:
        s.lixeira.delete(aluno_item.id)
    message = refused.value.user_message
    assert "a turma 6º ano A (2026), também na Lixeira" in message and message.endswith("Nada foi alterado.")
    assert _snapshot(head_db) == snapshot

    # Then the turma deleted for good first lets Beatriz go for good too; Carlos keeps nothing of hers
    s.lixeira.delete(turma_item.id)
    s.lixeira.delete(aluno_item.id)
    assert {turma_item.id, aluno_item.id}.isdisjoint(i.id for i in s.lixeira.list())
    assert _count(head_db, "enturmacoes", "aluno_id = ?", carlos) == 0
    _sound(head_db)


def test_a_turma_that_an_earlier_aluno_item_points_to_cannot_be_deleted_for_good_before_it(
    filled: tuple[Services, dict[str, int]], head_db: Path
) -> None:
    s, ids = filled
    s.alunos.delete(ids["ana"])  # with her enturmação in turma A
    s.turmas.delete(ids["turma_a"])
    turma_item = s.lixeira.list()[0]

    with pytest.raises(ExclusaoRecusadaError) as refused:
        s.lixeira.delete(turma_item.id)
    assert "o aluno " in refused.value.user_message

    # Esvaziar takes both at once (and the item the fill left there)
    assert s.lixeira.empty() == 3
    assert s.lixeira.list() == []
