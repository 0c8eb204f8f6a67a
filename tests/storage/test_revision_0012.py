"""Revision 0012 (the Alunos list's search index and sort keys), up and down, with data.

A head file filled through the services goes down to 0011 (the triggers, the FTS5 table and
the sort keys go; every other value stays) and up again (the keys and the index are rebuilt
from the rows: accented names are found by unaccented searches).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.services import Services
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.revisions import after
from tests.storage.test_school_year_revisions import (
    CALENDAR_TABLES,
    MOVIMENTACOES_TABLES,
    REMATRICULA_TABLES,
    SEEDED_TABLES,
    SORT_KEY_COLUMNS,
    _alembic,
    _assert_clean,
    _assert_sort_keys,
    _assert_sound,
    _fill_head,
    _schema_sql,
    _snapshot,
    _without_sort_keys,
)

TRIGGERS = {"alunos_busca_ai", "alunos_busca_ad", "alunos_busca_au"}
INDEXES = {"ix_alunos_ativo_nome_ordem", "ix_alunos_data_nascimento", "ix_alunos_nome_ordem", "ix_alunos_ra_ordem"}


def _objects(path: Path) -> dict[str, set[str]]:
    with closing(sqlite3.connect(path)) as conn:
        found: dict[str, set[str]] = {}
        for type_, name in conn.execute("SELECT type, name FROM sqlite_master"):
            found.setdefault(type_, set()).add(name)
        return found


def _columns(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[1] for row in conn.execute("PRAGMA table_info(alunos)")]


def _found(path: Path, search: str) -> list[str]:
    engine = db.create_app_engine(path)
    try:
        return [r.nome for r in Services.for_engine(engine).alunos.page(search)]
    finally:
        engine.dispose()


def _fts_ids(path: Path, match: str) -> list[int]:
    with closing(sqlite3.connect(path)) as conn:
        return [
            r[0]
            for r in conn.execute("SELECT rowid FROM alunos_busca WHERE alunos_busca MATCH ? ORDER BY rowid", (match,))
        ]


def _filled_head(path: Path) -> None:
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
        Services.for_engine(engine).alunos.create(AlunoData(nome="Conceição Ângela Ibañez", nome_social="Çao"))
    finally:
        engine.dispose()


def test_head_has_the_search_index_its_triggers_and_the_sort_keys(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _filled_head(path)
    objects = _objects(path)
    assert objects["trigger"] >= TRIGGERS and objects["index"] >= INDEXES
    assert "alunos_busca" in objects["table"]
    assert _columns(path)[-2:] == list(SORT_KEY_COLUMNS)
    _assert_sort_keys(path)
    with closing(sqlite3.connect(path)) as conn:  # one FTS row per aluno, and the index is sound
        (alunos,) = conn.execute("SELECT count(*) FROM alunos").fetchone()
        assert conn.execute("SELECT count(*) FROM alunos_busca_docsize").fetchone() == (alunos,)
        conn.execute("INSERT INTO alunos_busca(alunos_busca, rank) VALUES ('integrity-check', 1)")
    assert _found(path, "goncalves") == ["Ana Conceição Gonçalves", "João Gonçalves"]
    assert _found(path, "ibanez angela") == ["Conceição Ângela Ibañez"]
    assert _found(path, "cao") == ["Conceição Ângela Ibañez"]  # the nome social
    assert _fts_ids(path, "muller") == _fts_ids(path, "Müller") != []


def test_0012_downgrade_keeps_every_other_value_and_upgrades_again(tmp_path: Path) -> None:
    # Given a head file whose every table holds rows, names with accents among them
    path = tmp_path / "escola.sqlite3"
    _filled_head(path)
    before = _snapshot(path)

    # When it is taken down to 0011
    _alembic(path, "downgrade", "0011")

    # Then the triggers, the search index, its indexes and the sort keys are gone...
    _assert_clean(path)
    objects = _objects(path)
    assert not TRIGGERS & objects.get("trigger", set())
    assert not {n for n in objects["table"] if n.startswith("alunos_busca")}
    assert not INDEXES & objects["index"]
    assert not set(SORT_KEY_COLUMNS) & set(_columns(path))
    # ...every other value is as it was, and the schema is that of a file taken straight to 0011
    downgraded = _snapshot(path)
    assert downgraded.pop("alembic_version")[1] == [("0011",)]
    assert (
        set(downgraded)
        == set(before)
        - {"alembic_version"}
        - SEEDED_TABLES
        - CALENDAR_TABLES
        - REMATRICULA_TABLES
        - MOVIMENTACOES_TABLES
    )  # later ones
    for table, content in downgraded.items():
        assert content == _without_sort_keys(table, before[table]), table
    straight = tmp_path / "straight.sqlite3"
    _alembic(straight, "upgrade", "0011")
    assert _schema_sql(path) == _schema_sql(straight)

    # And 0011's app writes to it (no trigger, no key): a rename and a new aluno
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alunos SET nome = 'Íris Brandão' WHERE nome = 'Íris D''Ávila'")
        conn.execute("INSERT INTO alunos (nome, ra) VALUES ('Érica Simões', '00000777')")

    # When it upgrades again, the keys and the index come from the rows as they are now
    assert classify_database(path).state is DatabaseState.BEHIND
    assert upgrade_to_head(path).applied == after("0011")
    _assert_sound(path)
    _assert_sort_keys(path)
    fresh = tmp_path / "fresh.sqlite3"
    upgrade_to_head(fresh)
    assert _schema_sql(path) == _schema_sql(fresh)
    assert _found(path, "iris") == ["Íris Brandão"] and _found(path, "davila") == []
    assert _found(path, "erica simoes") == ["Érica Simões"]
    assert _found(path, "conceicao") == ["Ana Conceição Gonçalves", "Conceição Ângela Ibañez"]
    again = _snapshot(path)
    for table, content in downgraded.items():
        if table not in (
            "metadados",
            "alunos",
        ):  # (0013 maps the turmas again; anos_letivos comes back with 0014's calendar empty)
            assert _without_sort_keys(table, again[table]) == content, table
