"""Downgrades give back what upgrades recorded; 0.x files that differ a little still upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from escola_gui.core import db
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.migrations import make_config
from tests.helpers.legacy import assert_every_value_kept, legacy_ddl, make_legacy_file
from tests.helpers.revisions import HEAD


def _rows(path: Path, table: str, columns: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
    finally:
        conn.close()


def _downgrade(path: Path, target: str) -> None:
    engine = db.create_upgrade_engine(path)
    config = make_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, target)
    finally:
        engine.dispose()


def test_upgrade_then_downgrade_gives_back_every_0x_value(tmp_path: Path) -> None:
    """Anki-style round trip: each value that 1.0 changed comes back as the 0.x app wrote it."""
    path = tmp_path / "escola.sqlite3"
    make_legacy_file(path, alunos=250)
    columns = {
        "alunos": "id, nome, email, telefone, ativo",
        "cursos": "id, nome, descricao, carga_horaria",
        "matriculas": "id, aluno_id, curso_id, data_matricula",
    }
    before = {table: _rows(path, table, cols) for table, cols in columns.items()}

    upgrade_to_head(path)
    _downgrade(path, "0001")

    for table, cols in columns.items():
        assert _rows(path, table, cols) == before[table], table
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert tables == {"alunos", "cursos", "matriculas", "alembic_version"}

    # And up again: the same checks as a first upgrade.
    assert classify_database(path).state is DatabaseState.BEHIND
    assert upgrade_to_head(path).revision == HEAD


VARIANTS = {
    # SQLAlchemy 1.3's create_all() added a CHECK for Boolean columns.
    "boolean_check": [("ativo BOOLEAN,", "ativo BOOLEAN, CHECK (ativo IN (0, 1)),")],
    "autoincrement": [("id INTEGER NOT NULL, \n\tnome VARCHAR(100) NOT NULL, \n\temail",
                       "id INTEGER PRIMARY KEY AUTOINCREMENT, \n\tnome VARCHAR(100) NOT NULL, \n\temail"),
                      ("ativo BOOLEAN, \n\tPRIMARY KEY (id)\n)", "ativo BOOLEAN\n)")],
    "email_index_not_unique": [("CREATE UNIQUE INDEX ix_alunos_email", "CREATE INDEX ix_alunos_email")],
    "no_indexes": [("CREATE INDEX ix_matriculas_id ON matriculas (id)", "SELECT 1"),
                   ("CREATE INDEX ix_cursos_id ON cursos (id)", "SELECT 1")],
}  # fmt: skip


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_0x_variants_upgrade_with_every_value(tmp_path: Path, variant: str, monkeypatch: pytest.MonkeyPatch) -> None:
    statements = []
    for statement in legacy_ddl():
        for old, new in VARIANTS[variant]:
            statement = statement.replace(old, new)
        statements.append(statement)
    statements.append("CREATE INDEX ix_matriculas_aluno_id ON matriculas (aluno_id)")  # added by hand, say
    monkeypatch.setattr("tests.helpers.legacy.legacy_ddl", lambda: tuple(statements))
    path = tmp_path / "escola.sqlite3"
    data = make_legacy_file(path, alunos=120)
    assert classify_database(path).state is DatabaseState.LEGACY

    upgrade_to_head(path)

    assert classify_database(path).state is DatabaseState.CURRENT
    assert_every_value_kept(data, path)
