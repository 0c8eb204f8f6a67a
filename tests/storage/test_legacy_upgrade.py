"""Given a messy 0.x file, when the app upgrades it, then every value is still there."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from escola_gui.core import db
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.legacy import assert_every_value_kept, legacy_ddl, make_legacy_file
from tests.helpers.revisions import AFTER_BASELINE, HEAD, after


def _schema_sql(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(
            " ".join(sql.split())
            for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'alembic_version'"
            )
        )
    finally:
        conn.close()


def test_baseline_revision_is_exactly_the_0x_schema(tmp_path: Path) -> None:
    from alembic import command

    from escola_gui.storage.migrations import make_config

    made = tmp_path / "baseline.sqlite3"
    engine = db.create_upgrade_engine(made)
    config = make_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()

    prototype = tmp_path / "prototype.sqlite3"
    conn = sqlite3.connect(prototype)
    for statement in legacy_ddl():
        conn.execute(statement)
    conn.close()
    assert _schema_sql(made) == _schema_sql(prototype)


def test_messy_legacy_file_keeps_every_value(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    data = make_legacy_file(path, alunos=600)
    assert classify_database(path).state is DatabaseState.LEGACY

    result = upgrade_to_head(path)

    assert result.applied == AFTER_BASELINE
    assert classify_database(path).state is DatabaseState.CURRENT
    assert_every_value_kept(data, path)
    # The summary tells the secretary, in Portuguese, what was resolved, in her words.
    text = " ".join(map(str, result.summary))
    assert "matrículas repetidas foram retiradas" in text
    assert "observações dos cursos" in text
    assert "contato extra" in text
    assert "(s)" not in text and "(ões)" not in text
    assert "registro de migração" not in text and "revisão" not in text.lower()


def test_cascade_trap_every_matricula_survives_the_alunos_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    data = make_legacy_file(path, alunos=200)
    valid = {m[0] for m in data.matriculas if m[1] <= 200}

    upgrade_to_head(path)

    conn = sqlite3.connect(path)
    kept = {r[0] for r in conn.execute("SELECT id FROM matriculas")}
    removed = {
        r[0]
        for r in conn.execute(
            "SELECT registro_id FROM registro_migracao WHERE tabela = 'matriculas' "
            "AND acao = 'matricula_repetida_removida'"
        )
    }
    conn.close()
    assert kept | removed == valid
    assert len(kept) == len({(m[1], m[2]) for m in data.matriculas if m[1] <= 200})


def test_cascade_trap_is_real_with_foreign_keys_on(tmp_path: Path) -> None:
    """The checks above must be able to fail: with foreign keys on, the same upgrade
    "succeeds" while DROP TABLE alunos empties matriculas through ON DELETE CASCADE."""
    from alembic import command

    from escola_gui.storage.migrations import make_config

    path = tmp_path / "escola.sqlite3"
    data = make_legacy_file(path, alunos=50)
    # Up to 0012: with foreign keys on, SQLite refuses revision 0013's rebuild of turmas
    # ("FOREIGN KEY constraint failed"), and a refused upgrade rolls back, losing nothing.
    engine = db._make_engine(path, foreign_keys=True, begin="BEGIN EXCLUSIVE")
    config = make_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "0001")
        command.upgrade(config, "0012")
    engine.dispose()

    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM matriculas").fetchone()[0] == 0
    conn.close()
    with pytest.raises(AssertionError):
        assert_every_value_kept(data, path)


def test_new_file_is_made_by_the_revisions(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "novo.sqlite3"
    result = upgrade_to_head(path)
    assert result.backup is None
    assert result.revision == HEAD
    assert classify_database(path).state is DatabaseState.CURRENT
    assert path.stat().st_mode & 0o777 == 0o600


def test_current_file_is_left_alone(head_db: Path) -> None:
    before = head_db.read_bytes()
    result = upgrade_to_head(head_db)
    assert result.applied == []
    assert head_db.read_bytes() == before


def test_behind_file_upgrades_from_its_revision(tmp_path: Path) -> None:
    from alembic import command

    from escola_gui.storage.migrations import make_config

    path = tmp_path / "behind.sqlite3"
    make_legacy_file(path, alunos=30)
    engine = db.create_upgrade_engine(path)
    config = make_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "0001")
        command.upgrade(config, "0003")
    engine.dispose()
    c = classify_database(path)
    assert (c.state, c.revision) == (DatabaseState.BEHIND, "0003")

    result = upgrade_to_head(path)

    assert result.applied == after("0003")
    assert result.backup is not None and "-0003-" in result.backup.name
