"""Revision 0014 (the calendar of an ano letivo), up and down, with data and with the file of
every release.

A 0013 file whose every table holds rows upgrades with nothing lost and nothing recorded (the
new columns and table start empty); a head file with a calendar goes down to 0013 (only the
calendar goes, anos_letivos is never rebuilt) and up again; and so does each release's file.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from escola_gui.core import db
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.releases import RELEASES
from tests.fixtures.releases.make_fixture import fixture_path
from tests.helpers.revisions import HEAD, after
from tests.storage.test_school_year_revisions import (
    CALENDAR_COLUMNS,
    CALENDAR_TABLES,
    MOVIMENTACOES_COLUMNS,
    MOVIMENTACOES_TABLES,
    REMATRICULA_COLUMNS,
    REMATRICULA_TABLES,
    _alembic,
    _assert_clean,
    _assert_sound,
    _fill_head,
    _filled_at,
    _rows,
    _schema_sql,
    _snapshot,
    _without_sort_keys,
)

WITH_ANOS_LETIVOS = [r for r in RELEASES if r.revision and fixture_path(r.version).exists()]


def _filled_head(path: Path) -> None:
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
    finally:
        engine.dispose()


# What revisions after 0014 add (0015: the rematrícula and the final situação; 0016: the movements;
# 0017: the rules per etapa and turma, the conceitos and pareceres).
LATER_TABLES = REMATRICULA_TABLES | MOVIMENTACOES_TABLES | {"regras_avaliacao"}
RULE_COLUMN_SQL = (
    " regra_avaliacao_id INTEGER CONSTRAINT fk_turmas_regra_avaliacao_id_regras_avaliacao"
    " REFERENCES regras_avaliacao (id),"
)
LATER_COLUMNS = {
    "etapas": ("regra_avaliacao_id",),
    "turmas": ("regra_avaliacao_id",),
    "notas": ("conceito", "parecer"),
    "enturmacoes": (*REMATRICULA_COLUMNS, *MOVIMENTACOES_COLUMNS),
}


def _without_later(table: str, content: tuple[tuple[str, ...], list]) -> tuple[tuple[str, ...], list]:
    """A table's snapshot as a 0014 file holds it: without what later revisions add."""
    columns, rows = content
    if table == "registro_migracao":
        revisao = columns.index("revisao")
        return columns, [row for row in rows if row[revisao] <= "0014"]
    drop = LATER_COLUMNS.get(table, ())
    keep = [i for i, c in enumerate(columns) if c not in drop]
    return tuple(columns[i] for i in keep), [tuple(row[i] for i in keep) for row in rows]


def _without_calendar(table: str, content: tuple[tuple[str, ...], list]) -> tuple[tuple[str, ...], list]:
    """A table's snapshot as a 0013 file holds it: anos_letivos without 0014's columns (and
    nothing of the later revisions)."""
    columns, rows = _without_later(table, content)
    if table != "anos_letivos":
        return columns, rows
    keep = [i for i, c in enumerate(columns) if c not in CALENDAR_COLUMNS]
    return tuple(columns[i] for i in keep), [tuple(row[i] for i in keep) for row in rows]


def _create_table_sql(path: Path, table: str) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def test_filled_0012_file_upgrades_with_every_value_kept_and_nothing_recorded(tmp_path: Path) -> None:
    # Given a 0013 file whose every table holds rows
    path = tmp_path / "escola.sqlite3"
    _filled_at(path, "0013")
    before = _snapshot(path)
    assert before["alembic_version"][1] == [("0013",)]
    assert before["anos_letivos"][1] and before["turmas"][1] and before["periodos"][1]
    assert not CALENDAR_TABLES & set(before)

    # When the app upgrades it
    result = upgrade_to_head(path)

    # Then 0014 ran, resolved nothing, and the validation before COMMIT passed
    assert result.applied == after("0013") and "0014" in result.applied
    assert result.revision == HEAD and [s for s in result.summary if "Educação Infantil" not in str(s)] == []
    assert classify_database(path).state is DatabaseState.CURRENT
    _assert_sound(path)
    _assert_clean(path)

    # And every value is kept; anos_letivos gained the calendar's columns, empty, at the end
    upgraded = _snapshot(path)
    assert set(upgraded) == set(before) | CALENDAR_TABLES | LATER_TABLES
    for table, (columns, rows) in before.items():
        if table == "alembic_version":
            assert upgraded[table][1] == [(HEAD,)]
        elif table != "metadados":
            assert _without_calendar(table, upgraded[table]) == (columns, rows), table
    assert upgraded["anos_letivos"][0] == before["anos_letivos"][0] + CALENDAR_COLUMNS
    assert set(_rows(path, "anos_letivos", CALENDAR_COLUMNS)) == {(None, None, None)}
    assert upgraded["dias_nao_letivos"][1] == []
    assert not [r for r in upgraded["registro_migracao"][1] if r[1] == "0014"]


def test_0014_downgrade_keeps_every_other_value_and_upgrades_again(tmp_path: Path) -> None:
    # Given a head file whose every table holds rows, a calendar among them
    path = tmp_path / "escola.sqlite3"
    _filled_head(path)
    before = _snapshot(path)
    assert len(before["dias_nao_letivos"][1]) == 2
    assert ("2026-02-02", "2026-12-18", 270) in _rows(path, "anos_letivos", CALENDAR_COLUMNS)
    turmas_sql = _create_table_sql(path, "turmas")
    assert RULE_COLUMN_SQL in turmas_sql

    # When it is taken down to 0013
    _alembic(path, "downgrade", "0013")

    # Then only the calendar is gone: every other value is as it was, the children of
    # anos_letivos (períodos, turmas) untouched, and the schema is that of a file taken straight to 0013
    _assert_clean(path)
    downgraded = _snapshot(path)
    assert downgraded.pop("alembic_version")[1] == [("0013",)]
    assert set(downgraded) == set(before) - {"alembic_version"} - CALENDAR_TABLES - LATER_TABLES
    for table, content in downgraded.items():
        assert content == _without_calendar(table, before[table]), table
    # (turmas is never rebuilt: only 0017's column, added and dropped in place, has gone)
    assert _create_table_sql(path, "turmas") == turmas_sql.replace(RULE_COLUMN_SQL, "")
    straight = tmp_path / "straight.sqlite3"
    _alembic(straight, "upgrade", "0013")
    assert _schema_sql(path) == _schema_sql(straight)
    assert _create_table_sql(path, "anos_letivos") == _create_table_sql(straight, "anos_letivos")

    # And it upgrades again: the schema is a new file's, the calendar empty, the rest as it was
    assert classify_database(path).state is DatabaseState.BEHIND
    assert upgrade_to_head(path).applied == after("0013")
    _assert_sound(path)
    fresh = tmp_path / "fresh.sqlite3"
    upgrade_to_head(fresh)
    assert _schema_sql(path) == _schema_sql(fresh)
    again = _snapshot(path)
    for table, content in downgraded.items():
        if table != "metadados":
            assert _without_sort_keys(table, again[table]) == _without_sort_keys(table, content), table
    assert again["dias_nao_letivos"][1] == []


@pytest.mark.parametrize("release", WITH_ANOS_LETIVOS, ids=[r.version for r in WITH_ANOS_LETIVOS])
def test_each_release_file_goes_up_down_and_up_again(release, tmp_path: Path) -> None:
    # Given the file of a release, upgraded to head
    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(fixture_path(release.version), path)
    upgrade_to_head(path)
    upgraded = _snapshot(path)
    if "anos_letivos" in upgraded:
        assert set(_rows(path, "anos_letivos", CALENDAR_COLUMNS)) <= {(None, None, None)}

    # When it goes down before 0014 and up again
    _alembic(path, "downgrade", "0013")
    _assert_clean(path)
    down = _snapshot(path)
    for table, content in down.items():
        if table != "alembic_version":
            assert content == _without_calendar(table, upgraded[table]), table
    upgrade_to_head(path)

    # Then every value is the one it had at head
    again = _snapshot(path)
    for table, content in upgraded.items():
        if table != "metadados":  # (0017's rows of registro_migracao are written again, later)
            assert _without_later(table, again[table]) == _without_later(table, content), table
    _assert_sound(path)
