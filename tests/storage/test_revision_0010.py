"""Revision 0010 (the years done in other schools), up and down, with data.

A 0009 file whose every table holds rows upgrades to head with nothing lost; a head file with
years done in other schools goes down to 0009 (only the two new tables go) and up again.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.historico_externo import DisciplinaExternaData, HistoricoExternoData
from escola_gui.core.services import Services
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.revisions import HEAD, after
from tests.storage.test_school_year_revisions import (
    SEEDED_TABLES,
    SUMMARY_FROM_BEFORE_0013,
    _alembic,
    _assert_clean,
    _assert_sort_keys,
    _assert_sound,
    _connect,
    _fill_head,
    _filled_at,
    _schema_sql,
    _snapshot,
    _without_sort_keys,
)

NEW_TABLES = frozenset({"historicos_externos", "historicos_externos_disciplinas"})
# 0011, 0014, 0015 and 0016, gone too going down to 0009
LATER_TABLES = frozenset(
    {
        "lixeira",
        "auditoria",
        "dias_nao_letivos",
        "rematriculas",
        "rematriculas_turmas",
        "rematriculas_alunos",
        "dispensas_disciplina",
    }
)


def _file_at_0009(path: Path) -> None:
    """A file at 0009 whose every table holds rows written through the services (filled at the
    head and taken down, see ``_filled_at``)."""

    def app_metadata() -> None:  # what the app records on each upgrade, and a key of another tool
        with _connect(path) as conn, conn:
            conn.executemany(
                "INSERT OR REPLACE INTO metadados (chave, valor) VALUES (?, ?)",
                [("versao_app", "1.0.0"), ("observacao", "Arquivo da secretaria — não apagar")],
            )

    _filled_at(path, "0009", externos=False, before_fill=app_metadata)


def _fill_externos(engine: Engine) -> list[int]:
    """Years done elsewhere with every kind of value: médias floats cannot hold exactly, the
    limits, conceitos, blank optional fields, text with accents and quotes."""
    s = Services.for_engine(engine)
    bia = s.alunos.create(AlunoData(nome="Bia D'Ávila"))
    caio = s.alunos.create(AlunoData(nome="Caio Müller"))
    D = DisciplinaExternaData  # noqa: N806
    return [
        s.historicos_externos.create(
            bia,
            HistoricoExternoData(
                2022,
                "2º ano",
                'Escola "Nova Esperança"',
                "aprovado",
                "São José dos Campos",
                "SP",
                "100",
                None,
                "Notas copiadas da ficha individual.\nSegunda linha.",
                (D("Língua Portuguesa", "9.9", None, 200), D("Matemática", "0", None, 200), D("Arte", None, "Apto")),
            ),
        ),
        s.historicos_externos.create(
            bia,
            HistoricoExternoData(
                2023,
                "3º ano",
                "Colégio São Luís",
                "retido",
                frequencia=Decimal("0.1"),
                carga_horaria_total=1,
                disciplinas=(D("Ciências", "10", None, 1), D("Educação Física", None, "Não apto")),
            ),
        ),
        s.historicos_externos.create(caio, HistoricoExternoData(2025, "1º ano", "EMEF Rural", "transferido")),
    ]


def test_filled_0009_file_upgrades_to_head_with_every_row_kept(tmp_path: Path) -> None:
    # Given a 0009 file whose every table holds rows
    path = tmp_path / "escola.sqlite3"
    _file_at_0009(path)
    before = _snapshot(path)
    assert before["alembic_version"][1] == [("0009",)]
    empty = sorted(t for t, (_c, rows) in before.items() if not rows and t != "registro_migracao")
    assert empty == [], f"tables left empty: {empty}"
    assert not NEW_TABLES & set(before)

    # When the app upgrades it
    result = upgrade_to_head(path)

    # Then 0010 (and anything after it) ran, resolved nothing, and the validation passed
    assert result.applied == after("0009")
    assert result.revision == HEAD
    assert [str(line) for line in result.summary] == SUMMARY_FROM_BEFORE_0013  # 0013 and 0017
    assert classify_database(path).state is DatabaseState.CURRENT
    _assert_sound(path)
    _assert_clean(path)

    # And every row of every table is still there, value by value; the new tables start empty
    upgraded = _snapshot(path)
    assert set(upgraded) >= set(before) | NEW_TABLES
    new = set(upgraded) - set(before) - SEEDED_TABLES
    assert all(not upgraded[t][1] for t in new), "a later revision's table is not empty"
    for table, (columns, rows) in before.items():
        if table == "alembic_version":
            assert upgraded[table][1] == [(HEAD,)]
        elif table == "metadados":
            expected = {chave: valor for chave, valor in rows if chave != "versao_app"}
            assert {chave: valor for chave, valor in upgraded[table][1] if chave != "versao_app"} == expected
        else:
            assert _without_sort_keys(table, upgraded[table]) == (columns, rows), table
    assert all(not upgraded[t][1] for t in NEW_TABLES)
    _assert_sort_keys(path)

    # And the backup made before the upgrade is the 0009 file as it was
    assert result.backup is not None and "-0009-" in result.backup.name
    assert _snapshot(result.backup) == before


def test_0010_downgrade_with_data_keeps_every_other_row_and_upgrades_again(tmp_path: Path) -> None:
    # Given a head file whose every table holds rows, years done in other schools included
    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
        ids = _fill_externos(engine)
        service = Services.for_engine(engine).historicos_externos
        # the médias and frequências come back exactly as typed
        primeiro, segundo, terceiro = (service.get(i).dados for i in ids)
        assert [str(d.media) for d in primeiro.disciplinas] == ["9.9", "0.0", "None"]
        assert (str(segundo.frequencia), str(segundo.disciplinas[0].media)) == ("0.1", "10.0")
        assert str(primeiro.frequencia) == "100.0" and terceiro.disciplinas == ()
    finally:
        engine.dispose()
    before = _snapshot(path)
    empty = sorted(t for t, (_c, rows) in before.items() if not rows and t != "registro_migracao")
    assert empty == [], f"tables left empty: {empty}"

    # When it is downgraded to 0009
    _alembic(path, "downgrade", "0009")

    # Then only the two new tables (and later revisions' ones) are gone; every other row is as it was
    _assert_clean(path)
    downgraded = _snapshot(path)
    assert set(downgraded) == set(before) - NEW_TABLES - LATER_TABLES - SEEDED_TABLES
    assert downgraded.pop("alembic_version")[1] == [("0009",)]
    for table, content in downgraded.items():
        assert content == _without_sort_keys(table, before[table]), table
    # And the schema is the one of a file taken straight to 0009
    straight = tmp_path / "straight.sqlite3"
    _alembic(straight, "upgrade", "0009")
    assert _schema_sql(path) == _schema_sql(straight)

    # And it upgrades again: the schema is the models' and a new file's, the new tables empty
    assert classify_database(path).state is DatabaseState.BEHIND
    result = upgrade_to_head(path)
    assert result.applied == after("0009")
    _assert_sound(path)
    fresh = tmp_path / "fresh.sqlite3"
    upgrade_to_head(fresh)
    assert _schema_sql(path) == _schema_sql(fresh)
    again = _snapshot(path)
    for table, content in downgraded.items():
        if table != "metadados":
            assert _without_sort_keys(table, again[table]) == content, table
    assert all(not again[t][1] for t in NEW_TABLES)
    _assert_sort_keys(path)


def test_the_new_tables_refuse_impossible_values_and_go_with_the_aluno(head_db: Path, head_engine: Engine) -> None:
    # Given an aluno with a year done elsewhere (the service writes through the app engine)
    s = Services.for_engine(head_engine)
    aluno = s.alunos.create(AlunoData(nome="Ana"))
    s.historicos_externos.create(
        aluno,
        HistoricoExternoData(
            2024, "5º ano", "EMEF X", "aprovado", disciplinas=(DisciplinaExternaData("Matemática", "7,5"),)
        ),
    )

    # Then the file itself refuses what the service never writes (other tools may open it)
    with _connect(head_db) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        historico_id = conn.execute("SELECT id FROM historicos_externos").fetchone()[0]
        bad = [
            ("UPDATE historicos_externos SET situacao = 'aprovada'", "ck_historicos_externos_situacao"),
            ("UPDATE historicos_externos SET frequencia = 100.1", "ck_historicos_externos_frequencia"),
            ("UPDATE historicos_externos SET ano = 1899", "ck_historicos_externos_ano"),
            ("UPDATE historicos_externos SET carga_horaria_total = 0", "ck_historicos_externos_carga_horaria_total"),
            ("UPDATE historicos_externos_disciplinas SET media = 10.5", "ck_historicos_externos_disciplinas_media"),
            (
                "INSERT INTO historicos_externos (aluno_id, ano, serie, escola, situacao) "
                f"VALUES ({aluno}, 2024, '5º ano', 'Outra', 'aprovado')",
                "UNIQUE",
            ),
            (
                "INSERT INTO historicos_externos_disciplinas (historico_id, disciplina) "
                f"VALUES ({historico_id}, 'Matemática')",
                "UNIQUE",
            ),
        ]
        for statement, constraint in bad:
            with pytest.raises(sqlite3.IntegrityError, match=constraint):
                conn.execute(statement)

    # And deleting the aluno deletes the year and its disciplinas (ON DELETE CASCADE)
    s.alunos.delete(aluno)
    with _connect(head_db) as conn:
        assert conn.execute("SELECT count(*) FROM historicos_externos").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM historicos_externos_disciplinas").fetchone() == (0,)
