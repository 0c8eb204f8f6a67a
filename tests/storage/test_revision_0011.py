"""Revision 0011 (the Lixeira and the audit log), up and down, with data.

A 0010 file whose every table holds rows upgrades to head with nothing lost; a head file with
rows in the two new tables goes down to 0010 (only those tables go) and up again.
"""

from __future__ import annotations

from pathlib import Path

from escola_gui.core import db
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.releases import RELEASES, current_release, earlier_releases
from tests.helpers.revisions import ALL, HEAD, after
from tests.storage.test_school_year_revisions import (
    CALENDAR_TABLES,
    MOVIMENTACOES_TABLES,
    REMATRICULA_TABLES,
    SEEDED_TABLES,
    SUMMARY_FROM_BEFORE_0013,
    _alembic,
    _assert_clean,
    _assert_sort_keys,
    _assert_sound,
    _fill_head,
    _filled_at,
    _schema_sql,
    _snapshot,
    _without_sort_keys,
)

NEW_TABLES = frozenset({"lixeira", "auditoria"})


def _filled(path: Path, revision: str | None = None) -> None:
    if revision:
        _filled_at(path, revision)
        return
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
    finally:
        engine.dispose()


def test_filled_0010_file_upgrades_to_head_with_every_row_kept(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _filled(path, "0010")
    before = _snapshot(path)
    assert not NEW_TABLES & set(before)

    result = upgrade_to_head(path)

    assert result.applied == after("0010")
    assert [str(line) for line in result.summary] == SUMMARY_FROM_BEFORE_0013  # 0013 and 0017
    _assert_sound(path)
    _assert_clean(path)
    upgraded = _snapshot(path)
    assert (
        set(upgraded)
        == set(before) | NEW_TABLES | SEEDED_TABLES | CALENDAR_TABLES | REMATRICULA_TABLES | MOVIMENTACOES_TABLES
    )
    for table, (columns, rows) in before.items():
        if table == "alembic_version":
            assert upgraded[table][1] == [(HEAD,)]
        elif table != "metadados":
            assert _without_sort_keys(table, upgraded[table]) == (columns, rows), table
    _assert_sort_keys(path)


def test_0011_downgrade_with_data_keeps_every_other_row_and_upgrades_again(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _filled(path)
    before = _snapshot(path)
    assert all(before[t][1] for t in NEW_TABLES)

    _alembic(path, "downgrade", "0010")

    _assert_clean(path)
    downgraded = _snapshot(path)
    assert (
        set(downgraded)
        == set(before) - NEW_TABLES - SEEDED_TABLES - CALENDAR_TABLES - REMATRICULA_TABLES - MOVIMENTACOES_TABLES
    )  # later ones, undone on the way
    assert downgraded.pop("alembic_version")[1] == [("0010",)]
    for table, content in downgraded.items():
        assert content == _without_sort_keys(table, before[table]), table
    straight = tmp_path / "straight.sqlite3"
    _alembic(straight, "upgrade", "0010")
    assert _schema_sql(path) == _schema_sql(straight)

    assert classify_database(path).state is DatabaseState.BEHIND
    assert upgrade_to_head(path).applied == after("0010")
    fresh = tmp_path / "fresh.sqlite3"
    upgrade_to_head(fresh)
    assert _schema_sql(path) == _schema_sql(fresh)


def test_releases_end_with_this_version_and_the_head_revision() -> None:
    # The last release is this package's version and ships the head; every release's
    # revision exists and they go forward in order.
    assert RELEASES[-1] == current_release()
    assert current_release().revision == HEAD
    revisions = [r.revision for r in RELEASES if r.revision]
    assert [ALL.index(r) for r in revisions] == sorted(ALL.index(r) for r in revisions)
    assert [r.version for r in earlier_releases()] == ["1.1", "1.0", "0.x"]
