"""Revision 0013 (the catalogue of etapas; a turma's etapa read from its série), up and down,
with data: the release files, a 0012 file with séries typed every way, and a head file whose
secretary mapped a turma by hand.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from escola_gui.core import db
from escola_gui.core.etapas import CATALOGO, etapa_da_serie
from escola_gui.core.services import Services
from escola_gui.storage.file.downgrade import plan_downgrade
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.releases import RELEASES
from tests.fixtures.releases.make_fixture import fixture_path
from tests.helpers.revisions import after
from tests.storage.test_school_year_revisions import (
    _alembic,
    _assert_clean,
    _assert_sound,
    _filled_at,
    _schema_sql,
    _snapshot,
)

WITH_TURMAS = [r for r in RELEASES if r.revision is not None and fixture_path(r.version).exists()]

# (série as typed, the etapa's nome it gets, or None)
ODD_SERIES = [
    ("4ª série", None),
    ("quinto ano", "5º ano"),
    ("1ª série do ensino médio", "1ª série do ensino médio"),
    ("Multisseriada", None),
    ("pré II", "Pré-escola"),
    ("maternal", "Creche"),
    ("1ª série", None),
    ("5o ano", "5º ano"),
    ("3º ano EM", "3ª série do ensino médio"),
    ("  EJA - anos finais ", "EJA — fundamental, anos finais"),
    (b"5o ano", None),  # another tool stored bytes
]


def _registro(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT tabela, registro_id, campo, acao, valor_anterior, valor_novo FROM registro_migracao "
            "WHERE revisao = '0013' ORDER BY id"
        ).fetchall()


def _turmas(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT t.id, t.serie, typeof(t.serie), e.nome FROM turmas t LEFT JOIN etapas e ON e.id = t.etapa_id "
            "ORDER BY t.id"
        ).fetchall()


@pytest.mark.parametrize("release", WITH_TURMAS, ids=[r.version for r in WITH_TURMAS])
def test_each_release_file_keeps_its_series_and_records_every_turma(release, tmp_path: Path) -> None:
    # Given the file of a release (every other value is compared by test_release_fixtures.py)
    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(fixture_path(release.version), path)
    with closing(sqlite3.connect(path)) as conn:
        before = conn.execute("SELECT id, serie FROM turmas ORDER BY id").fetchall()
    assert before, "a release file must hold turmas"

    # When it is upgraded
    upgrade_to_head(path)

    # Then every série is as it was, each turma has the etapa its série names, and each is recorded once
    turmas = _turmas(path)
    assert [(i, serie) for i, serie, _t, _e in turmas] == before
    nomes = {e.codigo_educacenso: e.nome for e in CATALOGO}
    assert [etapa for *_r, etapa in turmas] == [nomes.get(etapa_da_serie(serie)) for _i, serie in before]
    acao = {True: "etapa_mapeada", False: "etapa_nao_identificada"}
    assert _registro(path) == [
        ("turmas", i, "etapa_id", acao[etapa is not None], serie, etapa) for i, serie, _t, etapa in turmas
    ]


def _file_with_odd_series(path: Path) -> None:
    _filled_at(path, "0012")
    with closing(sqlite3.connect(path)) as conn, conn:
        ano = conn.execute("SELECT min(id) FROM anos_letivos").fetchone()[0]
        conn.executemany(
            "INSERT INTO turmas (ano_letivo_id, nome, serie, turno) VALUES (?, ?, ?, 'matutino')",
            [(ano, f"Turma {k}", serie) for k, (serie, _e) in enumerate(ODD_SERIES)],
        )


def test_a_0012_file_with_series_typed_every_way(tmp_path: Path) -> None:
    # Given a 0012 file whose turmas were typed "4ª série", "quinto ano", "Multisseriada"...
    path = tmp_path / "escola.sqlite3"
    _file_with_odd_series(path)
    before = _snapshot(path)
    again = tmp_path / "again.sqlite3"
    shutil.copyfile(path, again)

    # When it is upgraded
    result = upgrade_to_head(path)

    # Then the unambiguous ones have their etapa, the others none, and every série is as typed
    assert result.applied == after("0012")
    _assert_sound(path)
    _assert_clean(path)
    turmas = _turmas(path)
    odd = turmas[-len(ODD_SERIES) :]
    assert [(serie, etapa) for _i, serie, _t, etapa in odd] == ODD_SERIES
    assert odd[-1][2] == "blob"
    first = [(serie, etapa) for _i, serie, _t, etapa in turmas[: -len(ODD_SERIES)]]
    assert first == [("5º ano", "5º ano"), ("6º ano", "6º ano"), ("6º ano", "6º ano")]  # made by the services
    # ...every other table and column is as it was
    upgraded = _snapshot(path)
    for table, (columns, rows) in before.items():
        if table in ("alembic_version", "metadados", "registro_migracao"):
            continue
        if table == "turmas":  # (0017 adds the turma's rule, empty)
            assert upgraded[table][0] == (*columns, "etapa_id", "regra_avaliacao_id")
            assert [row[:-2] for row in upgraded[table][1]] == rows
            assert {row[-1] for row in upgraded[table][1]} == {None}
        elif table == "notas":  # (0017 adds the conceito and the parecer, empty)
            assert upgraded[table][0] == (*columns, "conceito", "parecer")
            assert [row[:-2] for row in upgraded[table][1]] == rows
        elif table in ("anos_letivos", "enturmacoes"):  # (0014 adds its calendar, 0015-0016 columns: empty)
            width = len(columns)
            assert upgraded[table][0][:width] == columns
            assert [row[:width] for row in upgraded[table][1]] == rows
            assert all(set(row[width:]) == {None} for row in upgraded[table][1])
        else:
            assert upgraded[table] == (columns, rows), table
    # ...each turma is recorded, in id order, with its série as typed
    registro = [r for r in _registro(path) if r[0] == "turmas"]
    assert registro == [
        ("turmas", i, "etapa_id", "etapa_mapeada" if etapa else "etapa_nao_identificada", serie, etapa)
        for i, serie, _t, etapa in turmas
    ]
    # ...the secretary is told, in her words
    texts = [str(line) for line in result.summary]
    assert any(t.startswith("4 turmas ficaram sem etapa") and "Configurações → Etapas" in t for t in texts)
    assert '10 turmas receberam a etapa pela série escrita nelas (ex.: "5º ano").' in texts
    # ...and the same file upgraded again gives the same result
    upgrade_to_head(again)
    assert [r for r in _registro(again) if r[0] == "turmas"] == registro and _turmas(again) == turmas

    # And the app lists the turmas left without etapa
    engine = db.create_app_engine(path)
    try:
        sem = Services.for_engine(engine).etapas.turmas_sem_etapa()
    finally:
        engine.dispose()
    assert sorted(r.serie for r in sem) == ["1ª série", "4ª série", "5o ano", "Multisseriada"]


def test_down_to_0012_and_up_again_with_an_etapa_chosen_by_hand(tmp_path: Path) -> None:
    # Given a head file whose secretary chose the etapa of a turma typed "4ª série"
    path = tmp_path / "escola.sqlite3"
    _file_with_odd_series(path)
    straight_0012 = _snapshot(path)
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        s = Services.for_engine(engine)
        [quarta] = [t for t in s.etapas.turmas_sem_etapa() if t.serie == "4ª série"]
        quinto = next(e.id for e in s.etapas.list() if e.nome == "5º ano")
        s.etapas.definir({quarta.id: quinto})
    finally:
        engine.dispose()

    # When the plan of going back to 1.1 is made, it names the etapas that will be lost, not the catalogue
    plan = plan_downgrade(path, "1.1")
    assert [s.revision for s in plan.steps] == list(reversed(after("0012")))
    assert plan.losses == ["etapa de 11 turmas"]  # (no calendar was typed)

    # When it goes down to 0012
    _alembic(path, "downgrade", "0012")

    # Then the file is the 0012 file it was: no etapas, no etapa_id, nothing recorded by 0013
    _assert_clean(path)
    down = _snapshot(path)
    assert "etapas" not in down
    for table, content in straight_0012.items():
        if table == "auditoria":  # the choice was audited
            assert down[table][1][: len(content[1])] == content[1]
        else:
            assert down[table] == content, table
    assert _schema_sql(path) == _schema_sql(_straight(tmp_path, "0012"))

    # And up again: the série is read again (the choice made by hand is gone, as the plan said)
    assert classify_database(path).state is DatabaseState.BEHIND
    assert upgrade_to_head(path).applied == after("0012")
    _assert_sound(path)
    assert [etapa for _i, serie, _t, etapa in _turmas(path) if serie == "4ª série"] == [None]
    fresh = tmp_path / "fresh.sqlite3"
    upgrade_to_head(fresh)
    assert _schema_sql(path) == _schema_sql(fresh)


def _straight(tmp_path: Path, revision: str) -> Path:
    path = tmp_path / f"straight-{revision}.sqlite3"
    _alembic(path, "upgrade", revision)
    return path


def test_a_new_file_has_the_whole_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        rows = Services.for_engine(engine).etapas.list()
    finally:
        engine.dispose()
    assert [(r.id, r.nome, r.segmento, r.codigo_educacenso, r.concluinte, r.idade_referencia) for r in rows] == [
        (e.ordem, e.nome, e.segmento, e.codigo_educacenso, e.concluinte, e.idade_referencia) for e in CATALOGO
    ]
    by_codigo = {e.codigo_educacenso: e.nome for e in CATALOGO}
    assert [r.proxima_etapa_nome for r in rows] == [by_codigo.get(e.proxima) for e in CATALOGO]
