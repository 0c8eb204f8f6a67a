"""core.stoppable_reads: a read that a newer keystroke made stale is stopped where it stands
(SQLite's interrupt), and only the reads of that group."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escola_gui.core.alunos import AlunoData
from escola_gui.core.services import Services
from escola_gui.core.stoppable_reads import StoppableReads, watched
from tests.helpers.waits import HANG_GUARD_S

# A statement that never ends by itself: only an interrupt stops it.
ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"


def _endless_read(path: Path, reads: StoppableReads, started: threading.Event, outcome: list[object]) -> None:
    conn = sqlite3.connect(path)
    try:
        with reads.running(), watched(conn):
            started.set()
            conn.execute(ENDLESS).fetchone()
        outcome.append("finished")
    except sqlite3.OperationalError as exc:
        outcome.append(exc)
    finally:
        conn.close()


def test_stop_interrupts_the_statement_under_way_in_another_thread(head_db: Path) -> None:
    # Given a read of the group running a statement that never ends
    reads = StoppableReads()
    started, outcome = threading.Event(), []
    worker = threading.Thread(target=_endless_read, args=(head_db, reads, started, outcome), daemon=True)
    worker.start()
    assert started.wait(HANG_GUARD_S)
    # When the group is stopped
    reads.stop()
    # Then the statement ends, as interrupted
    worker.join(HANG_GUARD_S)
    assert not worker.is_alive(), "the read was not stopped"
    assert reads.stopped
    assert len(outcome) == 1 and "interrupted" in str(outcome[0])


def test_a_read_of_a_stopped_group_fails_at_once_and_other_reads_go_on(head_db: Path) -> None:
    reads = StoppableReads()
    reads.stop()
    conn = sqlite3.connect(head_db)
    try:
        with reads.running(), pytest.raises(sqlite3.OperationalError, match="interrupted"), watched(conn):
            conn.execute("SELECT 1").fetchone()
        # Outside the group's block, and for any other group, reads are as before
        with watched(conn):
            assert conn.execute("SELECT 1").fetchone() == (1,)
        other = StoppableReads()
        with other.running(), watched(conn):
            assert conn.execute("SELECT 2").fetchone() == (2,)
    finally:
        conn.close()


def test_the_services_list_reads_are_stoppable_and_nothing_else_is(head_engine: Engine) -> None:
    s = Services.for_engine(head_engine)
    s.alunos.create(AlunoData(nome="Ana Souza"))
    reads = StoppableReads()
    with reads.running():
        assert s.alunos.count("ana") == 1  # not stopped: reads as ever
    reads.stop()
    with reads.running():
        for read in (lambda: s.alunos.count("ana"), lambda: s.alunos.page("ana"), lambda: s.alunos.position(1)):
            with pytest.raises(sqlite3.OperationalError, match="interrupted"):
                read()
    # The same service, outside the stopped group: every read works, the connection was closed cleanly
    assert s.alunos.count("ana") == 1 and [r.nome for r in s.alunos.page("ana")] == ["Ana Souza"]
