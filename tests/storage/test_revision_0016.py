"""Revision 0016 (the movements of the alunos: the school of a transferência), up and down,
with data and with the file of every release.

A 0014 file whose every table holds rows upgrades with nothing lost and nothing recorded (the
new columns start empty); a head file with a transferência goes down to 0014 (only the school
goes, enturmacoes is never rebuilt: its children keep every row) and up again; and so does
each release's file.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from alembic import command

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.migrations import make_config
from escola_gui.storage.releases import RELEASES
from tests.fixtures.releases.make_fixture import fixture_path
from tests.helpers.revisions import HEAD, after
from tests.storage.test_school_year_revisions import (
    MOVIMENTACOES_COLUMNS,
    MOVIMENTACOES_TABLES,
    _alembic,
    _assert_clean,
    _assert_sound,
    _fill_head,
    _filled_at,
    _rows,
    _schema_sql,
    _snapshot,
    _without_sort_keys,
    as_at,
    same_again,
    tables_added_after,
)

WITH_ENTURMACOES = [r for r in RELEASES if r.revision and fixture_path(r.version).exists()]
BEFORE = "0015"  # the revision just before it


def _remanejado(content: tuple[tuple[str, ...], list]) -> tuple[tuple[str, ...], list]:
    """A table's snapshot with the situação reclassificado as a downgrade leaves it: remanejado."""
    columns, rows = content
    return columns, [tuple("remanejado" if v == "reclassificado" else v for v in row) for row in rows]


def _create_table_sql(path: Path, table: str) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def test_filled_file_before_0016_upgrades_with_every_value_kept_and_nothing_recorded(tmp_path: Path) -> None:
    # Given a file at the revision before 0016 whose every table holds rows, a transferência among them
    path = tmp_path / "escola.sqlite3"
    _filled_at(path, BEFORE)
    before = _snapshot(path)
    assert before["alembic_version"][1] == [(BEFORE,)]
    assert ("transferido",) in _rows(path, "enturmacoes", ("situacao_manual",))

    # When the app upgrades it
    result = upgrade_to_head(path)

    # Then 0016 ran, resolved nothing, and the validation before COMMIT passed
    assert result.applied == after(BEFORE) and "0016" in result.applied
    # (only 0017 tells something: the rule of the Educação Infantil etapas)
    assert result.revision == HEAD and all("Educação Infantil" in str(line) for line in result.summary)
    assert classify_database(path).state is DatabaseState.CURRENT
    _assert_sound(path)
    _assert_clean(path)

    # And every value is kept; enturmacoes gained the columns, empty, at the end
    upgraded = _snapshot(path)
    assert set(upgraded) == set(before) | tables_added_after(BEFORE)
    assert upgraded["dispensas_disciplina"][1] == []
    for table, (columns, rows) in before.items():
        if table == "alembic_version":
            assert upgraded[table][1] == [(HEAD,)]
        elif table != "metadados":
            assert as_at(BEFORE, table, upgraded[table]) == (columns, rows), table
    assert upgraded["enturmacoes"][0] == before["enturmacoes"][0] + MOVIMENTACOES_COLUMNS
    assert set(_rows(path, "enturmacoes", MOVIMENTACOES_COLUMNS)) == {(None,) * len(MOVIMENTACOES_COLUMNS)}
    assert not [r for r in upgraded["registro_migracao"][1] if r[1] == "0016"]
    # ...and the situação's CHECK admits reclassificado, the other CHECK and the children intact
    enturmacoes_sql = _create_table_sql(path, "enturmacoes")
    assert "'remanejado', 'reclassificado'" in enturmacoes_sql and "data_saida >= data_entrada" in enturmacoes_sql
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("UPDATE enturmacoes SET situacao_manual = 'reprovado'")


def test_0016_refuses_to_rebuild_enturmacoes_with_foreign_keys_on(tmp_path: Path) -> None:
    # Given a filled file before 0016, opened with foreign keys on (as the app's everyday engine)
    path = tmp_path / "escola.sqlite3"
    _filled_at(path, BEFORE)
    before = _snapshot(path)
    assert before["notas"][1]
    engine = db.create_app_engine(path)
    config = make_config()
    try:
        # When 0016 runs on it, it refuses rather than rebuild a parent of notas and frequência
        with pytest.raises(RuntimeError, match="foreign keys off"), engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0016")
    finally:
        engine.dispose()
    # Then nothing changed
    assert _snapshot(path) == before


def test_0016_downgrade_keeps_every_other_value_and_upgrades_again(tmp_path: Path) -> None:
    # Given a head file whose every table holds rows, a transferência to Curitiba among them
    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
        # ...and a transferência recebida
        s = Services.for_engine(engine)
        turma = next(t.id for t in s.turmas.list() if t.nome == "6º ano A")
        caio = s.alunos.create(AlunoData(nome="Caio Recebido"))
        s.turmas.enturmar(turma, [caio], date(2026, 8, 3), EscolaTransferencia("E.M. Cecília Meireles", "BH", "MG"))
        # ...and a reclassificação into the 7º ano
        ano = s.turmas.get(turma).ano_letivo_id
        turma_7 = s.turmas.create(TurmaData(ano, "7º ano A", "7º ano", "matutino"))
        dora = s.alunos.create(AlunoData(nome="Dora Reclassificada"))
        (dora_6,) = s.turmas.enturmar(turma, [dora], date(2026, 2, 2))
        s.turmas.reclassificar(dora_6, turma_7, date(2026, 4, 1), "Ata nº 3/2026")
        # ...and a dispensa
        disciplina = s.turmas.disciplinas(turma)[0].disciplina_id
        s.movimentacoes.dispensar(dora_6, disciplina, date(2026, 3, 2), "Atestado médico")
    finally:
        engine.dispose()
    before = _snapshot(path)
    assert ("E.E. Castro Alves", "Curitiba", "PR") in _rows(path, "enturmacoes", MOVIMENTACOES_COLUMNS[:3])
    assert ("E.M. Cecília Meireles", "BH", "MG") in _rows(path, "enturmacoes", MOVIMENTACOES_COLUMNS[3:])
    assert before["notas"][1] and before["frequencias"][1] and before["historico_situacoes"][1]
    [historico_id] = [
        r[0] for r in _rows(path, "historico_situacoes", ("id", "situacao_nova")) if r[1] == "reclassificado"
    ]

    # When it is taken down to the revision before
    _alembic(path, "downgrade", BEFORE)

    # Then only the schools are gone and the reclassificação became a remanejamento (recorded,
    # with the value it had): every other value is as it was, the children of enturmacoes
    # (notas, frequência, history) untouched by the rebuild, and the schema is that of a file
    # taken straight to that revision
    _assert_clean(path)
    downgraded = _snapshot(path)
    assert before["dispensas_disciplina"][1]
    assert downgraded.pop("alembic_version")[1] == [(BEFORE,)]
    assert set(downgraded) == set(before) - {"alembic_version"} - tables_added_after(BEFORE)
    for table, content in downgraded.items():
        if table == "registro_migracao":
            continue
        assert content == _remanejado(as_at(BEFORE, table, before[table])), table
    registro = [r for r in downgraded["registro_migracao"][1] if r[1] == "0016"]
    assert [r[2:8] for r in registro] == [
        ("enturmacoes", dora_6, "situacao_manual", "situacao_convertida", "reclassificado", "remanejado"),
        ("historico_situacoes", historico_id, "situacao_nova", "situacao_convertida", "reclassificado", "remanejado"),
    ]
    assert downgraded["registro_migracao"][1][: -len(registro)] == before["registro_migracao"][1]
    # (notas is compared below as _schema_sql folds it: 0017 going down rebuilds it too)
    straight = tmp_path / "straight.sqlite3"
    _alembic(straight, "upgrade", BEFORE)
    assert _schema_sql(path) == _schema_sql(straight)

    # And it upgrades again: the schema is a new file's, the schools empty, the rest as it was
    assert classify_database(path).state is DatabaseState.BEHIND
    assert upgrade_to_head(path).applied == after(BEFORE)
    _assert_sound(path)
    fresh = tmp_path / "fresh.sqlite3"
    upgrade_to_head(fresh)
    assert _schema_sql(path) == _schema_sql(fresh)
    again = _snapshot(path)
    for table, content in downgraded.items():
        if table not in ("metadados", "registro_migracao"):
            assert as_at(BEFORE, table, _without_sort_keys(table, again[table])) == _without_sort_keys(
                table, content
            ), table
    assert set(_rows(path, "enturmacoes", MOVIMENTACOES_COLUMNS)) == {(None,) * len(MOVIMENTACOES_COLUMNS)}
    assert again["dispensas_disciplina"][1] == []


@pytest.mark.parametrize("release", WITH_ENTURMACOES, ids=[r.version for r in WITH_ENTURMACOES])
def test_each_release_file_goes_up_down_and_up_again(release, tmp_path: Path) -> None:
    # Given the file of a release, upgraded to head
    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(fixture_path(release.version), path)
    upgrade_to_head(path)
    upgraded = _snapshot(path)

    # When it goes down before 0016 and up again
    _alembic(path, "downgrade", BEFORE)
    _assert_clean(path)
    down = _snapshot(path)
    assert not MOVIMENTACOES_TABLES & set(down)
    for table, content in down.items():
        if table != "alembic_version":
            assert content == as_at(BEFORE, table, upgraded[table]), table
    upgrade_to_head(path)

    # Then every value is the one it had at head (0017, run again, records its rules again)
    again = _snapshot(path)
    for table, content in upgraded.items():
        if table != "metadados":
            assert same_again(table, again[table], content), table
    _assert_sound(path)


def test_a_reclassificacao_can_be_the_final_situacao_of_a_closed_year_and_down_it_is_remanejado(
    tmp_path: Path,
) -> None:
    # Given a file at 0016 with an enturmação that ended reclassificado, and the year closed
    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
    finally:
        engine.dispose()
    with closing(sqlite3.connect(path)) as conn, conn:
        # (the closing records the situação each enturmação ended with: 0016 widens 0015's CHECK)
        conn.execute("UPDATE enturmacoes SET situacao_manual = 'reclassificado', situacao_final = 'reclassificado'")
        with pytest.raises(sqlite3.IntegrityError, match="ck_enturmacoes_situacao_final"):
            conn.execute("UPDATE enturmacoes SET situacao_final = 'em_recuperacao'")
    ids = [row[0] for row in _rows(path, "enturmacoes", ("id",))]

    # When it goes down to 0015
    _alembic(path, "downgrade", BEFORE)

    # Then both are remanejado, each change recorded, and 0015's CHECK is on the column again
    assert set(_rows(path, "enturmacoes", ("situacao_manual", "situacao_final"))) == {("remanejado", "remanejado")}
    with closing(sqlite3.connect(path)) as conn:
        recorded = conn.execute(
            "SELECT registro_id FROM registro_migracao WHERE revisao = '0016' AND tabela = 'enturmacoes' "
            "AND campo = 'situacao_final' AND valor_anterior = 'reclassificado' AND valor_novo = 'remanejado'"
        ).fetchall()
        assert sorted(r[0] for r in recorded) == sorted(ids)
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'enturmacoes'").fetchone()[0]
        assert "situacao_final VARCHAR(30) CONSTRAINT ck_enturmacoes_situacao_final CHECK" in sql
        with pytest.raises(sqlite3.IntegrityError, match="ck_enturmacoes_situacao_final"), conn:
            conn.execute("UPDATE enturmacoes SET situacao_final = 'reclassificado'")
