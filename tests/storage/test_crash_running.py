"""A kill -9 of the running app loses no saved record and leaves no half-made change.

Each test runs the real core in a child process (a short script written by the test),
kills it with SIGKILL while it writes, then opens the file the way the next launch does.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.services import Services
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.legacy import assert_every_value_kept, make_legacy_file

REPO = Path(__file__).resolve().parents[2]


def _child(tmp_path: Path, name: str, source: str, *args: str) -> subprocess.Popen[str]:
    script = tmp_path / name
    script.write_text(textwrap.dedent(source), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
    )


def _kill(process: subprocess.Popen[str]) -> tuple[list[str], str]:
    """SIGKILL, then every whole line the child printed before it died."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=60)
    lines = stdout.split("\n")
    return lines[:-1], stderr  # the last piece has no newline: cut off by the kill


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


# --- saves through the services -------------------------------------------------------------

SAVER = """\
    import dataclasses, json, random, sys
    from datetime import date
    from pathlib import Path

    from escola_gui.core import db
    from escola_gui.core.alunos import AlunoData
    from escola_gui.core.services import Services

    services = Services.for_engine(db.create_app_engine(Path(sys.argv[1])))
    rng = random.Random(int(sys.argv[2]))
    ids = []
    for n in range(100_000):
        data = AlunoData(
            nome=f"Aluno D'Ávila {n} " + rng.choice(["Çé", "Ñá", "Ü"]),
            email=f"aluno{n}.{rng.randrange(10**6)}@escola.com.br",
            data_nascimento=date(2008 + n % 8, 1 + n % 12, 1 + n % 28),
            telefones=(f"(11) 9{rng.randrange(10**4):04d}-{n % 10**4:04d}",),
        )
        values = [data.nome, data.email, data.data_nascimento.isoformat(), data.telefones]
        if ids and n % 3 == 0:
            aluno_id = rng.choice(ids)
            data = dataclasses.replace(data, ra=services.alunos.get(aluno_id).ra)  # the form keeps the RA
            print("B", json.dumps([aluno_id, *values]), flush=True)  # about to save: not yet saved
            services.alunos.update(aluno_id, data)
        else:
            print("B", json.dumps([None, *values]), flush=True)
            aluno_id = services.alunos.create(data)
            ids.append(aluno_id)
        # Printed only once the commit has returned: the app has told the user "salvo".
        print("C", json.dumps([aluno_id, *values]), flush=True)
"""


def test_kill_9_while_saving_keeps_every_reported_commit(tmp_path: Path, head_db: Path) -> None:
    """Given the app saving and editing alunos one transaction at a time, when it is killed
    with SIGKILL mid-stream, then every save it reported is in the file with its exact values,
    and the file is sound and current."""
    rng = random.Random(20261125)
    process = _child(tmp_path, "saver.py", SAVER, str(head_db), "7")
    assert process.stdout is not None
    wanted = rng.randrange(60, 120)
    lines = []
    for _ in range(wanted):  # let it commit a good number of times, then kill it mid-stream
        lines.append(process.stdout.readline().rstrip("\n"))
        if not lines[-1]:
            _, stderr = _kill(process)
            raise AssertionError(f"the saver stopped: {stderr}")
    time.sleep(rng.uniform(0, 0.05))
    rest, stderr = _kill(process)
    lines += rest
    assert process.returncode == -signal.SIGKILL, stderr

    saved: dict[int, tuple[str, str, str, tuple[str, ...]]] = {}
    in_flight: tuple[int | None, tuple[str, str, str, tuple[str, ...]]] | None = None
    for line in lines:
        kind, payload = line.split(" ", 1)
        aluno_id, nome, email, nascimento, telefones = json.loads(payload)
        values = (nome, email, nascimento, tuple(telefones))
        if kind == "C":
            saved[aluno_id] = values
            in_flight = None
        else:
            in_flight = (aluno_id, values)
    assert len(saved) >= 10

    assert _integrity(head_db) == "ok"
    assert classify_database(head_db).state is DatabaseState.CURRENT
    engine = db.create_app_engine(head_db)
    try:
        alunos = Services.for_engine(engine).alunos
        stored = {}
        for row in alunos.list():
            data = alunos.get(row.id)
            stored[row.id] = (data.nome, data.email, data.data_nascimento.isoformat(), data.telefones)
    finally:
        engine.dispose()
    # The save in flight when the kill came was never reported; it may or may not have
    # committed, but it is all or nothing, and every reported save is there as it was.
    expected = dict(saved)
    alternatives = [expected]
    if in_flight is not None:
        aluno_id, values = in_flight
        other = dict(saved)
        other[aluno_id if aluno_id is not None else max(saved) + 1] = values
        alternatives.append(other)
    assert stored in alternatives


# --- a CSV import ---------------------------------------------------------------------------

IMPORTER = """\
    import sys
    import time
    from datetime import date
    from pathlib import Path

    from sqlalchemy import event

    from escola_gui.core import db
    from escola_gui.core.importacao.flow import apply, preview
    from escola_gui.core.planilhas import read_table

    engine = db.create_app_engine(Path(sys.argv[1]))
    plan = preview(engine, read_table(Path(sys.argv[2])), today=date(2024, 6, 1))
    assert plan.can_apply, plan.bad_rows[:3]
    inserts = 0

    kill_at = int(sys.argv[3])

    # The test's only instrument: a line every 500 rows INSERTed (apply() inserts them in
    # executemany batches), so that the kill lands while apply() is writing (its first half
    # works the plan out again and writes nothing). At the mark the test waits for, the
    # importer stops, inside its transaction, until the kill comes: however slow the machine,
    # the kill lands there (the sleep only bounds the life of an orphan).
    @event.listens_for(engine, "after_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        global inserts
        if statement.lstrip().upper().startswith("INSERT"):
            before = inserts
            inserts += len(parameters) if executemany else 1
            for mark in range((before // 500 + 1) * 500, inserts + 1, 500):
                print("inserts", mark, flush=True)
                if mark == kill_at:
                    time.sleep(600)

    print("applying", len(plan.inserts), len(plan.updates), flush=True)
    apply(engine, plan)
    print("applied", flush=True)
"""

ROWS = 2000


def _import_csv(path: Path, rows: int) -> None:
    lines = ["Nome;Data de nascimento;E-mail;Telefone;Nome da mãe;CPF da mãe;Telefone da mãe"]
    for n in range(rows):
        lines.append(
            f"Aluna Importada {n};{1 + n % 28:02d}/{1 + n % 12:02d}/{2010 + n % 6};importada{n}@escola.com.br;"
            f"(21) 9{n:04d}-0000;Mãe da Aluna {n};;(21) 3{n:03d}-1111"
        )
    lines.append("Aluno Já Cadastrado;01/02/2011;novo.email@escola.com.br;;;;")  # an update, too
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def test_kill_9_during_a_csv_import_writes_none_of_it(tmp_path: Path, head_db: Path) -> None:
    """Given an import of a few thousand lines (alunos, mães and their phones, one update),
    when the app is killed with SIGKILL while it writes them, then none of the import is in
    the file and nothing else changed."""
    engine = db.create_app_engine(head_db)
    Services.for_engine(engine).alunos.create(
        AlunoData(nome="Aluno Já Cadastrado", email="antigo@escola.com.br", data_nascimento=date(2011, 2, 1))
    )
    engine.dispose()
    csv = tmp_path / "alunos.csv"
    _import_csv(csv, ROWS)
    before = _dump(head_db)

    # The alunos alone are ROWS rows, and the mães come after them: any of these marks
    # is well before the COMMIT. The importer waits there for the kill.
    kill_at = random.Random(20261125).randrange(1, ROWS // 500 + 1) * 500
    process = _child(tmp_path, "importer.py", IMPORTER, str(head_db), str(csv), str(kill_at))
    assert process.stdout is not None
    first = process.stdout.readline()
    if first != f"applying {ROWS} 1\n":
        _, stderr = _kill(process)
        raise AssertionError(f"the importer stopped before applying: {first} {stderr}")
    mark = f"inserts {kill_at}\n"
    seen = []
    while mark not in seen and len(seen) < ROWS // 500:
        seen.append(process.stdout.readline())
    lines, stderr = _kill(process)
    assert process.returncode == -signal.SIGKILL, stderr
    assert mark in seen and "applied" not in lines, "the kill did not land inside the import"
    journal = head_db.with_name(head_db.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0, "the kill must leave the import's transaction open"

    assert classify_database(head_db).state is DatabaseState.CURRENT  # rolls the hot journal back
    assert _integrity(head_db) == "ok"
    assert _dump(head_db) == before, "a part of the import, or something else, was written"


# --- a WAL file left by a killed writer -----------------------------------------------------

WAL_WRITER = """\
    import os, sqlite3, sys

    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    table, rows = sys.argv[2], int(sys.argv[3])
    for n in range(rows):
        conn.execute("BEGIN")
        if table == "alunos":  # a file at head
            conn.execute("INSERT INTO alunos (nome, ativo, ra) VALUES (?, 1, ?)", (f"Aluna WAL {n}", f"9{n:07d}"))
        else:  # a 0.x file
            conn.execute("INSERT INTO alunos (id, nome, ativo) VALUES (?, ?, 1)", (1000 + n, f"Aluna WAL {n}"))
        conn.execute("COMMIT")
    conn.execute("BEGIN")
    conn.execute("DELETE FROM alunos")  # never committed
    print("committed", rows, flush=True)
    os.kill(os.getpid(), 9)
"""


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def test_wal_left_by_a_killed_writer_is_read_by_the_next_launch(tmp_path: Path, head_db: Path) -> None:
    """Given a file switched to WAL by a writer that committed rows and was killed with its
    -wal file still beside the file, then classify_database reads it, and the next launch
    (upgrade_to_head, then the app engine) sees every committed row."""
    process = _child(tmp_path, "wal_writer.py", WAL_WRITER, str(head_db), "alunos", "40")
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL and stdout == "committed 40\n", stderr
    assert _wal(head_db).stat().st_size > 0, "the writer must leave its -wal file"

    assert classify_database(head_db).state is DatabaseState.CURRENT
    upgrade_to_head(head_db)
    engine = db.create_app_engine(head_db)
    try:
        nomes = {row.nome for row in Services.for_engine(engine).alunos.list()}
    finally:
        engine.dispose()
    assert nomes == {f"Aluna WAL {n}" for n in range(40)}
    assert _integrity(head_db) == "ok"


def test_wal_left_on_a_0x_file_is_upgraded_and_backed_up_with_its_rows(tmp_path: Path) -> None:
    """The same on a 0.x file, which the launch must back up and upgrade: the backup and
    the upgraded file both hold the rows that live only in the -wal file."""
    path = tmp_path / "escola.sqlite3"
    data = make_legacy_file(path, alunos=60)
    process = _child(tmp_path, "wal_writer.py", WAL_WRITER, str(path), "legacy", "25")
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL and stdout == "committed 25\n", stderr
    assert _wal(path).stat().st_size > 0
    data.alunos.extend((1000 + n, f"Aluna WAL {n}", None, None, 1) for n in range(25))

    assert classify_database(path).state is DatabaseState.LEGACY
    result = upgrade_to_head(path)

    assert result.backup is not None
    backup = sqlite3.connect(result.backup)
    assert backup.execute("SELECT count(*) FROM alunos").fetchone()[0] == 85
    backup.close()
    assert classify_database(path).state is DatabaseState.CURRENT
    assert_every_value_kept(data, path)
