"""Revision 0015 (the final situação of each enturmação, and the rematrícula runs), up and
down, with data and with the file of every release.

A 0014 file whose every table holds rows upgrades with nothing lost and nothing recorded (the
new column and tables start empty); a head file with a run and final situações goes down to
0014 (only they go, enturmacoes is never rebuilt) and up again; and so does each release's file.
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
from tests.storage.test_revision_0014 import RULE_COLUMN_SQL
from tests.storage.test_school_year_revisions import (
    MOVIMENTACOES_COLUMNS,
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
    as_at,
    same_again,
    tables_added_after,
)

WITH_ANOS_LETIVOS = [r for r in RELEASES if r.revision and fixture_path(r.version).exists()]


def _filled_head(path: Path) -> None:
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
    finally:
        engine.dispose()


def _create_table_sql(path: Path, table: str) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def test_filled_0014_file_upgrades_with_every_value_kept_and_nothing_recorded(tmp_path: Path) -> None:
    # Given a 0014 file whose every table holds rows (a closed 2025 among them)
    path = tmp_path / "escola.sqlite3"
    _filled_at(path, "0014")
    before = _snapshot(path)
    assert before["alembic_version"][1] == [("0014",)]
    assert before["enturmacoes"][1] and not REMATRICULA_TABLES & set(before)

    # When the app upgrades it
    result = upgrade_to_head(path)

    # Then 0015 ran, resolved nothing, and the validation before COMMIT passed
    assert result.applied == after("0014") and "0015" in result.applied
    # (only 0017 tells something: the rule of the Educação Infantil etapas)
    assert result.revision == HEAD and all("Educação Infantil" in str(line) for line in result.summary)
    assert classify_database(path).state is DatabaseState.CURRENT
    _assert_sound(path)
    _assert_clean(path)

    # And every value is kept; enturmacoes gained the final situação, empty, at the end
    upgraded = _snapshot(path)
    assert set(upgraded) == set(before) | tables_added_after("0014")  # (0015's and the later ones')
    for table, (columns, rows) in before.items():
        if table == "alembic_version":
            assert upgraded[table][1] == [(HEAD,)]
        elif table != "metadados":
            assert as_at("0014", table, upgraded[table]) == (columns, rows), table
    assert upgraded["enturmacoes"][0] == before["enturmacoes"][0] + REMATRICULA_COLUMNS + MOVIMENTACOES_COLUMNS
    assert set(_rows(path, "enturmacoes", REMATRICULA_COLUMNS)) == {(None,)}
    assert all(upgraded[t][1] == [] for t in REMATRICULA_TABLES)
    assert not [r for r in upgraded["registro_migracao"][1] if r[1] == "0015"]


def test_the_column_holds_the_final_situacoes_only(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _filled_head(path)
    with closing(sqlite3.connect(path)) as conn:
        for codigo in ("aprovado_pelo_conselho", "aprovado_com_dependencia", "reprovado_por_faltas", None):
            conn.execute("UPDATE enturmacoes SET situacao_final = ?", (codigo,))
        for codigo in ("em_recuperacao", "frequencia_baixa_ate_agora", "Aprovado", ""):
            with pytest.raises(sqlite3.IntegrityError, match="ck_enturmacoes_situacao_final"):
                conn.execute("UPDATE enturmacoes SET situacao_final = ?", (codigo,))


def test_0015_downgrade_keeps_every_other_value_and_upgrades_again(tmp_path: Path) -> None:
    # Given a head file whose every table holds rows, a rematrícula run among them
    path = tmp_path / "escola.sqlite3"
    _filled_head(path)
    before = _snapshot(path)
    assert all(before[t][1] for t in REMATRICULA_TABLES)
    assert ("aprovado",) in _rows(path, "enturmacoes", REMATRICULA_COLUMNS)
    turmas_sql = _create_table_sql(path, "turmas")

    # When it is taken down to 0014
    _alembic(path, "downgrade", "0014")

    # Then only the runs and the final situações are gone: every other value is as it was, the
    # children of enturmacoes untouched, and the schema is that of a file taken straight to 0014
    _assert_clean(path)
    downgraded = _snapshot(path)
    assert downgraded.pop("alembic_version")[1] == [("0014",)]
    assert set(downgraded) == set(before) - {"alembic_version"} - tables_added_after("0014")
    for table, content in downgraded.items():
        assert content == as_at("0014", table, before[table]), table
    # (turmas untouched by 0015: only 0017's column, added and dropped without a rebuild, differs)
    assert _create_table_sql(path, "turmas") == turmas_sql.replace(RULE_COLUMN_SQL, "")
    straight = tmp_path / "straight.sqlite3"
    _alembic(straight, "upgrade", "0014")
    # (enturmacoes is compared as _schema_sql folds it: 0016 going down rebuilds it, which may
    # order its constraints otherwise; 0015 itself only drops its column)
    assert _schema_sql(path) == _schema_sql(straight)

    # And it upgrades again: the schema is a new file's, the new tables empty, the rest as it was
    assert classify_database(path).state is DatabaseState.BEHIND
    assert upgrade_to_head(path).applied == after("0014")
    _assert_sound(path)
    fresh = tmp_path / "fresh.sqlite3"
    upgrade_to_head(fresh)
    assert _schema_sql(path) == _schema_sql(fresh)
    again = _snapshot(path)
    for table, content in downgraded.items():
        if table != "metadados":
            assert _without_sort_keys(table, again[table]) == _without_sort_keys(table, content), table
    assert all(again[t][1] == [] for t in REMATRICULA_TABLES)


@pytest.mark.parametrize("release", WITH_ANOS_LETIVOS, ids=[r.version for r in WITH_ANOS_LETIVOS])
def test_each_release_file_goes_up_down_and_up_again(release, tmp_path: Path) -> None:
    # Given the file of a release, upgraded to head
    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(fixture_path(release.version), path)
    upgrade_to_head(path)
    upgraded = _snapshot(path)
    if "enturmacoes" in upgraded:
        assert set(_rows(path, "enturmacoes", REMATRICULA_COLUMNS)) <= {(None,)}

    # When it goes down before 0015 and up again
    _alembic(path, "downgrade", "0014")
    _assert_clean(path)
    down = _snapshot(path)
    for table, content in down.items():
        if table != "alembic_version":
            assert content == as_at("0014", table, upgraded[table]), table
    upgrade_to_head(path)

    # Then every value is the one it had at head (0017, run again, records its rules again)
    again = _snapshot(path)
    for table, content in upgraded.items():
        if table != "metadados":
            assert same_again(table, again[table], content), table
    _assert_sound(path)
