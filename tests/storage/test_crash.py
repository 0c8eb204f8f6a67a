"""A kill -9 at any moment of an upgrade, or of a write, loses nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.legacy import make_legacy_file
from tests.helpers.revisions import HEAD
from tests.stress import harness


def test_kill_9_during_upgrade_then_next_run_keeps_every_value(tmp_path: Path) -> None:
    """Given a legacy file with thousands of messy rows, when `db upgrade` is killed with
    SIGKILL at moments spread over the whole run, then each relaunch works and no value is lost.

    The small form of `make stress` (tests/stress/harness.py), through the same code."""
    lines: list[str] = []
    report = harness.run(trials=4, alunos=5_000, seed=20261124, workdir=tmp_path, out=lines.append)

    assert [t.error for t in report.trials] == [""] * 4, "\n".join(lines)
    assert lines[-1] == "4/4 trials kept every value"
    assert report.landed >= 1, "no kill landed inside an upgrade; the test proved nothing"


def test_hot_journal_from_a_killed_writer_is_rolled_back(head_db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(head_db)
    conn.execute("INSERT INTO alunos (nome, ativo, ra) VALUES ('Aluna Confirmada', 1, '00000001')")
    conn.commit()
    conn.close()
    script = tmp_path / "writer.py"
    script.write_text(
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"
        "c.execute('BEGIN')\n"
        "c.execute(\"INSERT INTO alunos (nome, ativo, ra) SELECT 'Não confirmado ' || value, 1, 'x' || value FROM "
        "(WITH RECURSIVE r(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM r WHERE value < 5000) "
        'SELECT value FROM r)")\n'
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, str(script), str(head_db)], check=False, timeout=60)
    journal = head_db.with_name(head_db.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0, "the writer must leave a hot journal"

    c = classify_database(head_db)

    assert (c.state, c.hot_journal) == (DatabaseState.CURRENT, True)
    assert journal.exists(), "classifying only reads: the journal is applied by the launch, under the lock"
    result = upgrade_to_head(head_db, classification=c)
    assert result.recovery is not None and not journal.exists()
    conn = sqlite3.connect(head_db)
    assert [r[0] for r in conn.execute("SELECT nome FROM alunos")] == ["Aluna Confirmada"]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


@pytest.mark.parametrize("original_survives", [True, False])
def test_leftover_batch_tables_are_resolved(tmp_path: Path, original_survives: bool) -> None:
    """A batch rebuild interrupted outside our transaction (an old tool) leaves
    `_alembic_tmp_alunos`: a stale copy when alunos stands, the only copy when it does not."""
    path = tmp_path / "escola.sqlite3"
    data = make_legacy_file(path, alunos=40)
    conn = sqlite3.connect(path)
    # As batch mode makes it: the table's own DDL under the temporary name, without indexes.
    ddl = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'alunos'").fetchone()[0]
    conn.execute(ddl.replace("CREATE TABLE alunos", "CREATE TABLE _alembic_tmp_alunos", 1))
    conn.execute("INSERT INTO _alembic_tmp_alunos SELECT * FROM alunos")
    if not original_survives:
        conn.execute("DROP TABLE alunos")
    conn.commit()
    conn.close()

    c = classify_database(path)
    assert (c.state, c.leftover_tables) == (DatabaseState.LEGACY, ("_alembic_tmp_alunos",))
    result = upgrade_to_head(path)

    assert result.revision == HEAD
    names = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not any(n.startswith("_alembic_tmp_") for n in names)
    assert len({r[0] for r in sqlite3.connect(path).execute("SELECT id FROM alunos")}) == len(data.alunos)
