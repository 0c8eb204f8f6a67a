"""A journal left beside the file by a crash: classification and ``db status`` never write; a
journal is applied only to an Escola file, under the lock, after copies of the file and the
journal; a journal that is not the file's own is never applied (issue 12, section 1).

Every journal here is a real one: a child process opens a transaction (journal_mode=DELETE),
writes, and kills itself with SIGKILL before COMMIT.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from escola_gui.core import db
from escola_gui.core.errors import EscolaError
from escola_gui.core.paths import backups_dir
from escola_gui.storage.file import journal
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.lock import DatabaseLock
from escola_gui.storage.file.upgrade import UpgradeRefusedError, classify_database, upgrade_to_head

REPO = Path(__file__).resolve().parents[2]

CRASHING_WRITER = """\
import os, sqlite3, sys
path, sql, spill = sys.argv[1], sys.argv[2], sys.argv[3] == "spill"
c = sqlite3.connect(path, isolation_level=None)
c.execute("PRAGMA journal_mode = DELETE")
if spill:  # pages written into the file before COMMIT, as a big transaction does
    c.execute("PRAGMA cache_size = 1")
c.execute("BEGIN")
c.execute(sql)
os.kill(os.getpid(), 9)
"""

MANY_ALUNOS = (
    "INSERT INTO alunos (nome, ativo, ra) SELECT 'Não confirmado ' || value, 1, 'x' || value FROM "
    "(WITH RECURSIVE r(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM r WHERE value < 3000) SELECT value FROM r)"
)


def crash_writing(path: Path, tmp_path: Path, sql: str = MANY_ALUNOS, *, spill: bool = True) -> Path:
    """Leave a real hot journal beside ``path``: a writer killed with SIGKILL before COMMIT."""
    script = tmp_path / "crashing_writer.py"
    script.write_text(CRASHING_WRITER)
    done = subprocess.run(
        [sys.executable, str(script), str(path), sql, "spill" if spill else "cache"], check=False, timeout=60
    )
    assert done.returncode == -signal.SIGKILL
    hot = journal.journal_path(Path(os.path.realpath(path)))  # through a link too, SQLite's is the real file's
    assert hot.exists() and hot.stat().st_size > 0, "the writer must leave a hot journal"
    return hot


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def everything_in(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its digest: "byte-identical, and nothing beside it"."""
    # (The lock file is Escola's own, made before the file is looked at.)
    return {
        str(p.relative_to(folder)): digest(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def nomes(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[0] for r in conn.execute("SELECT nome FROM alunos ORDER BY id")]


def nomes_read_only(path: Path) -> list[str]:
    with closing(sqlite3.connect(journal.immutable_uri(path), uri=True)) as conn:
        return [r[0] for r in conn.execute("SELECT nome FROM alunos ORDER BY id")]


def add_alunos(path: Path, names: list[str]) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        for nome in names:
            ra = hashlib.md5(nome.encode()).hexdigest()[:12]
            conn.execute("INSERT INTO alunos (nome, ativo, ra) VALUES (?, 1, ?)", (nome, ra))


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def school(tmp_path: Path) -> Path:
    folder = tmp_path / "escola"
    folder.mkdir()
    path = folder / "escola.sqlite3"
    upgrade_to_head(path)
    add_alunos(path, ["Aluna Confirmada"])
    return path


# --- reading never writes -----------------------------------------------------------------------


@pytest.mark.parametrize("spill", [True, False])
def test_classifying_a_crashed_file_writes_nothing_and_tells_what_it_will_be(
    school: Path, tmp_path: Path, spill: bool
) -> None:
    crash_writing(school, tmp_path, spill=spill)
    before = everything_in(school.parent)

    c = classify_database(school)

    # Before its first sync, SQLite leaves the journal's magic zeroed: not hot, and nothing was
    # written into the file yet. With pages spilled, it is hot and must be applied first.
    assert (c.state, c.hot_journal, c.refused) == (DatabaseState.CURRENT, spill, False)
    assert everything_in(school.parent) == before, "classifying must not roll the journal back"
    if not spill:
        assert nomes_read_only(school) == ["Aluna Confirmada"]


def test_db_status_on_a_crashed_file_writes_nothing(school: Path, tmp_path: Path) -> None:
    crash_writing(school, tmp_path)
    before = everything_in(school.parent)

    done = main_py("db", "status", "--database", str(school))

    assert done.returncode == 0, done.stderr
    assert "state: current" in done.stdout
    assert "meio de uma gravação" in done.stdout and "O arquivo não foi alterado" in done.stdout
    assert everything_in(school.parent) == before


def test_db_check_on_a_crashed_file_says_what_to_do_and_writes_nothing(school: Path, tmp_path: Path) -> None:
    crash_writing(school, tmp_path)
    before = everything_in(school.parent)

    done = main_py("db", "check", "--database", str(school))

    assert done.returncode == 1
    assert "gravação interrompida" in done.stdout and "readonly" not in done.stdout
    assert everything_in(school.parent) == before


# --- the file's own journal: copies first, then applied, then checked ------------------------------


def test_the_files_own_journal_is_applied_after_copies_of_both(school: Path, tmp_path: Path) -> None:
    hot = crash_writing(school, tmp_path)
    file_before, journal_before = school.read_bytes(), hot.read_bytes()

    with DatabaseLock(school):
        result = upgrade_to_head(school)

    assert result.recovery is not None
    assert nomes(school) == ["Aluna Confirmada"], "the unfinished transaction must be undone"
    assert not hot.exists()
    r = result.recovery
    assert r.file_copy.parent == r.journal_copy.parent == backups_dir(school)
    assert r.file_copy.read_bytes() == file_before and r.journal_copy.read_bytes() == journal_before
    assert r.journal_copy.name == r.file_copy.name + "-journal"  # the pair, as SQLite needs it
    assert (r.file_copy.stat().st_mode & 0o777, r.journal_copy.stat().st_mode & 0o777) == (0o600, 0o600)
    text = r.message()
    assert str(backups_dir(school)) in text and r.file_copy.name in text and r.journal_copy.name in text
    # The kept pair still is the crash: SQLite recovers it the same way.
    copy = tmp_path / "again.sqlite3"
    shutil.copyfile(r.file_copy, copy)
    shutil.copyfile(r.journal_copy, journal.journal_path(copy))
    assert nomes(copy) == ["Aluna Confirmada"]


def test_db_upgrade_says_what_was_done_and_where_the_copies_are(school: Path, tmp_path: Path) -> None:
    crash_writing(school, tmp_path)

    done = main_py("db", "upgrade", "--database", str(school))

    assert done.returncode == 0, done.stderr
    assert "meio de uma gravação" in done.stderr and str(backups_dir(school)) in done.stderr
    assert nomes(school) == ["Aluna Confirmada"]
    kept = sorted(p.name for p in backups_dir(school).iterdir())
    assert len(kept) == 2 and kept[1] == kept[0] + "-journal"


# --- journals that are not the file's own: never applied ---------------------------------------------


def test_a_restored_backup_with_a_stale_journal_is_refused_byte_identical(school: Path, tmp_path: Path) -> None:
    """The issue's reproduction: a crash left a journal; the secretary then copied last week's
    backup over the file by hand. The journal would merge rows from after the backup into it."""
    with DatabaseLock(school):
        from escola_gui.storage.file.backups import BackupKind, make_backup

        last_week = make_backup(school, BackupKind.MANUAL)
    add_alunos(school, [f"Depois do backup {n}" for n in range(602)])
    for n in range(3):  # the days after the backup: more saves
        add_alunos(school, [f"Outro dia {n}"])
    crash_writing(school, tmp_path)
    shutil.copyfile(last_week, school)  # by hand, the journal left beside it
    before = everything_in(school.parent)

    c = classify_database(school)
    status = main_py("db", "status", "--database", str(school))
    upgrade = main_py("db", "upgrade", "--database", str(school))

    assert c.state is DatabaseState.UNREADABLE and not c.damaged and not c.hot_journal
    assert "outro arquivo" in c.reason and "escola.sqlite3-journal" in c.reason
    assert "state: unreadable" in status.stdout
    assert upgrade.returncode == 2 and "não foi alterado" in upgrade.stderr
    assert everything_in(school.parent) == before
    # Without the journal, the backup is what it was: no row from after it.
    journal.journal_path(school).unlink()
    assert nomes(school) == ["Aluna Confirmada"]


def test_another_escola_files_journal_is_never_merged(school: Path, tmp_path: Path) -> None:
    other = tmp_path / "outra" / "escola.sqlite3"
    other.parent.mkdir()
    upgrade_to_head(other)
    add_alunos(other, [f"Outra escola {n}" for n in range(50)])
    hot = crash_writing(other, tmp_path)
    for n in range(4):
        add_alunos(school, [f"Mais um {n}"])
    shutil.move(hot, journal.journal_path(school))
    before = everything_in(school.parent)

    c = classify_database(school)
    with DatabaseLock(school), pytest.raises(UpgradeRefusedError) as refused:
        upgrade_to_head(school)

    assert c.refused and "outro arquivo" in c.reason
    assert "não foi alterado" in refused.value.user_message
    assert everything_in(school.parent) == before


FIREFOX_LIKE = """\
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA journal_mode = DELETE")
c.execute("PRAGMA user_version = 74")
c.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR)")
c.execute("CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, place_id INTEGER, visit_date INTEGER)")
c.execute("INSERT INTO moz_places (url, title) VALUES ('https://example.org/', 'Exemplo')")
c.execute("PRAGMA cache_size = 1")
c.execute("BEGIN")
c.execute("INSERT INTO moz_places (url, title) SELECT 'https://e.org/' || value, 'x' FROM "
          "(WITH RECURSIVE r(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM r WHERE value < 3000) "
          "SELECT value FROM r)")
os.kill(os.getpid(), 9)
"""


def test_a_foreign_file_with_its_own_hot_journal_is_refused_byte_identical(tmp_path: Path) -> None:
    folder = tmp_path / "firefox"
    folder.mkdir()
    places = folder / "places.sqlite"
    script = tmp_path / "firefox.py"
    script.write_text(FIREFOX_LIKE)
    assert subprocess.run([sys.executable, str(script), str(places)], check=False).returncode == -signal.SIGKILL
    assert journal.journal_path(places).stat().st_size > 0
    before = everything_in(folder)

    c = classify_database(places)
    status = main_py("db", "status", "--database", str(places))
    upgrade = main_py("db", "upgrade", "--database", str(places))

    assert c.state is DatabaseState.FOREIGN
    assert "state: foreign" in status.stdout
    assert upgrade.returncode == 2 and "não é do Escola" in upgrade.stderr
    assert everything_in(folder) == before
    assert not backups_dir(places).exists()


# --- odd places and kills -------------------------------------------------------------------------


def test_a_file_that_cannot_be_written_keeps_its_journal(
    school: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash_writing(school, tmp_path)
    before = everything_in(school.parent)
    # As root, a read-only folder still lets us write: say it is one, as the app would find.
    monkeypatch.setattr(db, "write_problem", lambda _path: "a pasta do arquivo não permite gravação")

    with pytest.raises(EscolaError) as refused:
        upgrade_to_head(school)

    assert "precisa ser recuperado" in refused.value.user_message
    assert "não foi alterado" in refused.value.user_message
    assert everything_in(school.parent) == before


def test_a_read_only_folder_keeps_the_file_and_its_journal(school: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder; see the test above")
    crash_writing(school, tmp_path)
    before = everything_in(school.parent)
    school.parent.chmod(0o555)
    try:
        with pytest.raises(EscolaError):
            upgrade_to_head(school)
    finally:
        school.parent.chmod(0o700)
    assert everything_in(school.parent) == before


KILLED_RECOVERY = """\
import os, sqlite3, sys
from pathlib import Path
from escola_gui.storage.file import journal
where = sys.argv[2]
if where == "copying":
    import shutil
    def copy_then_die(src, dst, length=0):
        dst.write(src.read(100))
        dst.flush()
        os.kill(os.getpid(), 9)
    shutil.copyfileobj = copy_then_die
else:
    real_connect = sqlite3.connect
    def die_on_rollback(*args, **kwargs):
        os.kill(os.getpid(), 9)
    journal.sqlite3.connect = die_on_rollback
journal.apply_hot_journal(Path(sys.argv[1]))
"""


@pytest.mark.parametrize("where", ["copying", "before the rollback"])
def test_a_kill_during_the_recovery_leaves_file_and_journal_recoverable(
    school: Path, tmp_path: Path, where: str
) -> None:
    hot = crash_writing(school, tmp_path)
    file_before, journal_before = school.read_bytes(), hot.read_bytes()
    script = tmp_path / "killed_recovery.py"
    script.write_text(KILLED_RECOVERY)

    done = subprocess.run([sys.executable, str(script), str(school), where], cwd=REPO, check=False, timeout=60)

    assert done.returncode == -signal.SIGKILL
    assert (school.read_bytes(), hot.read_bytes()) == (file_before, journal_before)
    with DatabaseLock(school):
        result = upgrade_to_head(school)  # the next launch
    assert result.recovery is not None and result.recovery.file_copy.read_bytes() == file_before
    assert nomes(school) == ["Aluna Confirmada"]


# --- restore over a crashed file, and from a crashed copy -----------------------------------------


def test_restore_over_a_crashed_file_keeps_the_file_and_its_journal_aside(school: Path, tmp_path: Path) -> None:
    from escola_gui.storage.file.backups import BackupKind, make_backup
    from escola_gui.storage.file.restore import restore

    with DatabaseLock(school):
        saved = make_backup(school, BackupKind.MANUAL)
    hot = crash_writing(school, tmp_path)
    file_before, journal_before = school.read_bytes(), hot.read_bytes()

    with DatabaseLock(school):
        aside = restore(school, saved)

    assert aside is not None
    assert aside.read_bytes() == file_before
    assert journal.journal_path(aside).read_bytes() == journal_before
    assert not hot.exists() and nomes(school) == ["Aluna Confirmada"]


def test_a_copy_with_a_hot_journal_beside_it_is_not_restored(school: Path, tmp_path: Path) -> None:
    from escola_gui.storage.file.restore import RestoreRefusedError, restore, restore_refusal

    crashed = tmp_path / "copia" / "escola.sqlite3"
    crashed.parent.mkdir()
    shutil.copyfile(school, crashed)
    crash_writing(crashed, tmp_path)
    before, beside = digest(school), everything_in(crashed.parent)

    # The restore dialogs ask first, and hear the same reason the restore gives
    said_before = restore_refusal(school, crashed)
    with DatabaseLock(school), pytest.raises(RestoreRefusedError) as refused:
        restore(school, crashed)

    assert said_before is not None and "gravação interrompida" in said_before.user_message
    assert "gravação interrompida" in refused.value.user_message
    assert digest(school) == before and everything_in(crashed.parent) == beside
