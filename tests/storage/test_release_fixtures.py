"""Every shipped release's own file, upgraded to head by this version, keeps every row.

tests/fixtures/releases/ holds one data-filled file per release in escola_gui/storage/releases.py,
made once by tests/fixtures/releases/make_fixture.py when the release was cut and never made
again. A release without its file, or a revision without a way back, fails here.
"""

from __future__ import annotations

import ast
import shutil
import sqlite3
from pathlib import Path

import pytest

from escola_gui import __version__
from escola_gui.core import db
from escola_gui.core.alunos import AlunoService
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.migrations import script_directory
from escola_gui.storage.releases import RELEASES, current_release, in_development
from tests.fixtures.releases.make_fixture import fixture_path
from tests.helpers.legacy import ODD_DATES, LegacyData, assert_every_value_kept
from tests.helpers.revisions import HEAD

SHIPPED = [r for r in RELEASES if fixture_path(r.version).exists()]


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple]:
    names = ", ".join(f'"{c}"' for c in columns)
    return conn.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid').fetchall()


def _tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The ordinary tables (no FTS shadow tables, no Alembic's) and their columns."""
    names = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name <> 'alembic_version' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    virtual = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
    names = [n for n in names if not any(n.startswith(f"{v}_") for v in virtual)]
    return {n: [row[1] for row in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}


def _prototype_data(path: Path) -> LegacyData:
    """What the 0.x file holds, read back from it, in the form the legacy value check takes."""
    conn = sqlite3.connect(path)
    try:
        alunos = conn.execute("SELECT id, nome, email, telefone, ativo FROM alunos ORDER BY id").fetchall()
        cursos = conn.execute("SELECT id, nome, descricao, carga_horaria FROM cursos ORDER BY id").fetchall()
        matriculas = conn.execute(
            "SELECT id, aluno_id, curso_id, data_matricula FROM matriculas ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    expected = dict(ODD_DATES)
    odd = {mid: expected[text] for mid, _a, _c, text in matriculas if text in expected}
    return LegacyData(alunos, cursos, matriculas, odd)


def test_every_release_has_its_file() -> None:
    # A version in development (1.2.0.dev0) is not cut: its release gets its file when it is.
    uncut = {current_release().version} if in_development() else set()
    missing = [r.version for r in RELEASES if not fixture_path(r.version).exists() and r.version not in uncut]
    assert missing == [], (
        f"no fixture for release(s) {missing}: run `python -m tests.fixtures.releases.make_fixture VERSION` "
        "when the release is cut (README: release checklist)"
    )
    assert in_development() or fixture_path(current_release().version).exists()


@pytest.mark.parametrize("release", SHIPPED, ids=[r.version for r in SHIPPED])
def test_each_file_is_at_the_schema_its_release_shipped(release) -> None:
    conn = sqlite3.connect(fixture_path(release.version))
    try:
        has_version = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone()
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] if has_version else None
        assert conn.execute("SELECT count(*) FROM alunos").fetchone()[0] > 0, "a release file must hold data"
    finally:
        conn.close()
    assert found == release.revision


def assert_release_file_upgraded(release, original: Path, path: Path) -> None:
    """``path`` is ``original`` (the file of ``release``) upgraded to head: every row kept, and
    the app lists every aluno and finds one by a word of its name typed without accents."""
    assert classify_database(path).state is DatabaseState.CURRENT
    if release.revision is None:
        assert_every_value_kept(_prototype_data(original), path)
    else:
        before = sqlite3.connect(original)
        after = sqlite3.connect(path)
        try:
            old_tables, new_tables = _tables(before), _tables(after)
            assert set(old_tables) <= set(new_tables), "a table of the release's file is gone"
            compared = 0
            for table, columns in old_tables.items():
                assert set(columns) <= set(new_tables[table]), f"a column of {table} is gone"
                old_rows, new_rows = _rows(before, table, columns), _rows(after, table, columns)
                if table == "metadados":  # the upgrade records the version that did it, and only that
                    assert ("versao_app", __version__) in new_rows
                    old_rows = [r for r in old_rows if r[0] != "versao_app"]
                    new_rows = [r for r in new_rows if r[0] != "versao_app"]
                assert new_rows == old_rows, f"rows of {table} changed"
                compared += len(old_rows)
            assert compared > 1000
            assert after.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            before.close()
            after.close()

    engine = db.create_app_engine(path)
    try:
        alunos = AlunoService(engine)
        conn = sqlite3.connect(path)
        count, nome = conn.execute("SELECT count(*), max(trim(nome)) FROM alunos").fetchone()
        conn.close()
        assert alunos.count("") == count
        ascii_word = nome.split()[0].encode("ascii", "ignore").decode()
        assert any(row.nome.strip() == nome for row in alunos.list(ascii_word))
    finally:
        engine.dispose()


@pytest.mark.parametrize("release", SHIPPED, ids=[r.version for r in SHIPPED])
def test_upgrading_each_release_file_keeps_every_row(release, tmp_path: Path) -> None:
    original = fixture_path(release.version)
    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(original, path)
    upgrade_to_head(path)
    assert_release_file_upgraded(release, original, path)


def _has_real_body(function: ast.FunctionDef) -> bool:
    body = [
        node
        for node in function.body
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))  # docstring, ...
        and not isinstance(node, ast.Pass)
    ]
    return bool(body) and not all(
        isinstance(node, ast.Raise) and "NotImplementedError" in ast.unparse(node) for node in body
    )


def test_every_revision_has_a_downgrade() -> None:
    """A revision without a way back would strand a user who has to return to the previous release."""
    lacking = []
    for script in script_directory().walk_revisions():
        tree = ast.parse(Path(script.path).read_text(encoding="utf-8"))
        functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        if "downgrade" not in functions or not _has_real_body(functions["downgrade"]):
            lacking.append(script.revision)
    assert lacking == []
    assert script_directory().get_current_head() == HEAD
