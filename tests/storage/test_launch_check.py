"""The cheap "is it current" check of every launch agrees with the full classification, and an
up-to-date file is opened (``db status``, the GUI launch) without importing Alembic."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command

from escola_gui.core import db
from escola_gui.storage.file import launch_check
from escola_gui.storage.file.launch_check import (
    ESCOLA_APPLICATION_ID,
    TMP_PREFIX,
    DatabaseState,
    parse_head,
    quick_classify,
)
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.migrations import make_config, migrations_dir, script_directory
from tests.helpers.faults import clobber_table_page, truncate
from tests.helpers.legacy import make_legacy_file

REPO = Path(__file__).resolve().parents[2]


def _sql(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def _current(path: Path) -> None:
    upgrade_to_head(path)


def _behind(path: Path) -> None:
    config = make_config()
    engine = db.create_upgrade_engine(path)
    with engine.connect() as conn:
        conn.begin()
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
        conn.commit()
    engine.dispose()


def _newer(path: Path) -> None:
    _current(path)
    _sql(path, "UPDATE alembic_version SET version_num = '0099'")


def _two_revisions(path: Path) -> None:
    _current(path)
    _sql(path, "INSERT INTO alembic_version VALUES ('0005')")


def _foreign_application_id(path: Path) -> None:
    _current(path)
    _sql(path, "PRAGMA application_id = 42")


def _foreign_tables(path: Path) -> None:
    _sql(path, "CREATE TABLE fotos (id INTEGER PRIMARY KEY)")


def _no_application_id(path: Path) -> None:
    _current(path)
    _sql(path, "PRAGMA application_id = 0")


def _leftover_copy(path: Path) -> None:
    _current(path)
    _sql(path, f'CREATE TABLE "{TMP_PREFIX}cursos" AS SELECT * FROM cursos')


def _damaged(path: Path) -> None:
    _current(path)
    clobber_table_page(path)


def _truncated(path: Path) -> None:
    _current(path)
    truncate(path)


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"isto nao e um banco de dados" * 100)


def _hot_journal(path: Path) -> None:
    _current(path)
    journal = path.with_name(path.name + "-journal")
    journal.write_bytes(b"\0" * 512)  # not a valid journal: SQLite ignores it and the file stays current


STATES: dict[str, Callable[[Path], None]] = {
    "missing": lambda path: None,
    "empty": lambda path: path.write_bytes(b""),
    "legacy": lambda path: make_legacy_file(path, alunos=20),
    "behind": _behind,
    "current": _current,
    "newer": _newer,
    "two revisions": _two_revisions,
    "foreign application_id": _foreign_application_id,
    "foreign tables": _foreign_tables,
    "no application_id": _no_application_id,
    "leftover _alembic_tmp_ table": _leftover_copy,
    "damaged": _damaged,
    "truncated": _truncated,
    "not sqlite": _not_sqlite,
    "journal beside it": _hot_journal,
}


@pytest.mark.parametrize("state", list(STATES))
def test_the_cheap_check_agrees_with_the_full_classification(tmp_path: Path, state: str) -> None:
    path = tmp_path / "escola.sqlite3"
    STATES[state](path)
    cheap = quick_classify(path)  # first: the full one may roll a journal back
    full = classify_database(path)

    if state == "journal beside it":
        assert cheap is None, "a journal beside the file: cannot tell, the full way decides (and rolls it back)"
    elif full.state is DatabaseState.CURRENT and not full.leftover_tables:
        assert cheap == full
    else:
        assert cheap is None, f"{state}: the full classification says {full.state} {full.leftover_tables}"
    if state == "current":
        assert cheap is not None and cheap.revision == cheap.head == script_directory().get_current_head()


def test_the_bundled_head_is_alembics_head() -> None:
    assert launch_check.bundled_head() == script_directory().get_current_head()
    assert parse_head(migrations_dir() / "versions") == script_directory().get_current_head()


def test_a_branch_or_an_unparsable_revision_means_cannot_tell(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    shutil.copytree(migrations_dir() / "versions", versions, ignore=shutil.ignore_patterns("__pycache__"))
    head = parse_head(versions)
    assert head is not None

    extra = versions / "9001_extra.py"
    extra.write_text(f'revision = "9001"\ndown_revision = "{head}"\n', encoding="utf-8")
    assert parse_head(versions) == "9001"
    (versions / "9002_branch.py").write_text(f'revision = "9002"\ndown_revision = "{head}"\n', encoding="utf-8")
    assert parse_head(versions) is None, "two heads"
    (versions / "9003_merge.py").write_text('revision = "9003"\ndown_revision = ("9001", "9002")\n', encoding="utf-8")
    assert parse_head(versions) == "9003"
    (versions / "9004_odd.py").write_text("revision = make_id()\ndown_revision = '9003'\n", encoding="utf-8")
    assert parse_head(versions) is None


@pytest.mark.parametrize("state", list(STATES))
def test_the_early_check_answers_as_the_cheap_check(tmp_path: Path, state: str) -> None:
    """The check started before the GUI loads (cli.main) says what quick_classify says, for
    every kind of file, or that the launcher must check the file itself."""
    path = tmp_path / "escola.sqlite3"
    STATES[state](path)

    early = launch_check.EarlyCheck(path)
    holds, answer = early.result(path)

    if state in ("missing", "empty"):
        assert (holds, answer) == (False, None), "no file to fingerprint: the launcher decides"
    else:
        assert holds
        assert answer == quick_classify(path, check=False)
    if state == "current":
        assert answer is not None and answer.state is DatabaseState.CURRENT


@pytest.mark.parametrize("state", list(STATES))
def test_unchecked_means_current_but_for_its_pages(tmp_path: Path, state: str) -> None:
    """quick_classify(check=False) reads no page: it answers as the full cheap check does, but a
    file without the known-clean marker comes back ``unchecked`` (a damaged one included), and
    only a PageCheck then tells it sound."""
    path = tmp_path / "escola.sqlite3"
    STATES[state](path)
    checked = quick_classify(path)
    unchecked = quick_classify(path, check=False)

    if checked is not None:
        assert unchecked == replace(checked, unchecked=True)
    if state == "damaged":
        assert checked is None and unchecked is not None and unchecked.unchecked, "its schema reads fine"
    elif checked is None:
        assert unchecked is None
    if unchecked is not None:
        page_check = launch_check.PageCheck(path).start()
        assert page_check.wait(60)
        assert page_check.passed() == (checked is not None)
        assert page_check.ok == (checked is not None)


def test_a_page_check_that_passed_lets_the_clean_close_skip_the_next_check(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)
    launch_check._checked_at.clear()  # a new process: nothing checked yet
    launch_check.record_clean_close(path)
    assert not launch_check.marker_path(path).exists(), "no check passed: no marker"

    done: list[bool] = []
    page_check = launch_check.PageCheck(path, on_done=lambda: done.append(True)).start()
    assert page_check.wait(60) and page_check.passed() and done == [True]
    launch_check.record_clean_close(path)
    assert launch_check.marker_path(path).exists()
    assert not quick_classify(path, check=False).unchecked  # type: ignore[union-attr]


def test_a_page_check_does_not_hold_once_the_file_was_written(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)
    page_check = launch_check.PageCheck(path).start()
    assert page_check.wait(60) and page_check.passed()
    _sql(path, "PRAGMA user_version = 7")
    assert page_check.ok and not page_check.holds() and not page_check.passed()


def test_a_damaged_file_fails_its_page_check_and_is_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)
    clobber_table_page(path)
    before = path.read_bytes()
    page_check = launch_check.PageCheck(path).start()
    assert page_check.wait(60)
    assert page_check.ok is False and not page_check.passed() and page_check.reason
    assert path.read_bytes() == before


def test_a_cancelled_page_check_never_reports(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)
    done: list[bool] = []
    page_check = launch_check.PageCheck(path, on_done=lambda: done.append(True))
    page_check.cancel()
    page_check.start()
    assert page_check.wait(60) and done == [] and not page_check.passed()


def test_the_early_check_does_not_hold_once_the_file_was_written(tmp_path: Path) -> None:
    """Begun before the launcher holds the lock: a write since then (another program, an
    Escola that held the file) voids its answer, as does asking about another file."""
    path = tmp_path / "escola.sqlite3"
    _current(path)
    early = launch_check.EarlyCheck(path)
    assert early.result(path)[0]
    assert early.result(tmp_path / "outro.sqlite3") == (False, None)

    _sql(path, "PRAGMA user_version = 7")

    assert early.result(path) == (False, None)
    assert quick_classify(path) is not None, "the file itself is fine: the launcher's own check says so"


def _clean_close(path: Path) -> None:
    assert quick_classify(path) is not None  # runs quick_check, as a launch does
    launch_check.record_clean_close(path)


def test_a_file_unchanged_since_a_clean_close_skips_quick_check(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)
    _clean_close(path)
    marker = json.loads(launch_check.marker_path(path).read_text(encoding="utf-8"))
    assert launch_check._known_clean_since(path) == marker["checked_at"]

    # Damage that leaves size, times and header alone is still found once the check is a week old.
    marker["checked_at"] = time.time() - launch_check.RECHECK_AFTER - 1
    launch_check.marker_path(path).write_text(json.dumps(marker), encoding="utf-8")
    assert launch_check._known_clean_since(path) is None


def test_any_write_after_the_clean_close_means_a_full_check(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)
    _clean_close(path)
    clobber_table_page(path)  # another program writes the file: size and header unchanged

    assert launch_check._known_clean_since(path) is None
    assert quick_classify(path) is None
    full = classify_database(path)
    assert full.state is DatabaseState.UNREADABLE and full.damaged


def test_a_restored_or_replaced_file_means_a_full_check(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)
    _clean_close(path)
    copy = tmp_path / "copia.sqlite3"
    shutil.copy2(path, copy)
    os.replace(copy, path)  # same bytes and mtime, another inode

    assert launch_check._known_clean_since(path) is None


def test_no_marker_without_a_check_that_passed(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)
    launch_check.marker_path(path).write_text("{}", encoding="utf-8")
    launch_check._checked_at.pop(path.absolute(), None)

    launch_check.record_clean_close(path)

    assert not launch_check.marker_path(path).exists()


def _run(code: str, *args: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_db_status_on_an_up_to_date_file_imports_neither_alembic_nor_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)

    lines = _run(
        """
        import sys
        from escola_gui.cli import main
        code = main(["db", "status", "--database", sys.argv[1]])
        print("exit", code)
        print("loaded", sorted({m.split(".")[0] for m in sys.modules} & {"alembic", "sqlalchemy"}))
        """,
        str(path),
    )

    assert "state: current" in lines
    assert lines[-2:] == ["exit 0", "loaded []"]


def test_db_status_of_a_file_behind_still_asks_alembic(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _behind(path)

    lines = _run(
        """
        import sys
        from escola_gui.cli import main
        main(["db", "status", "--database", sys.argv[1]])
        print("alembic loaded", "alembic" in sys.modules)
        """,
        str(path),
    )

    assert "state: behind" in lines
    assert lines[-1] == "alembic loaded True"


def test_the_gui_launch_of_an_up_to_date_file_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)

    lines = _run(
        """
        import sys
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from escola_gui.gui.launch.launcher import Launcher

        app = QApplication([])
        launcher = Launcher(Path(sys.argv[1]), Path(sys.argv[1] + ".log"))
        opened = []
        launcher.window_opened.connect(lambda window: (opened.append(window), app.quit()))
        launcher.failed.connect(lambda code: (print("failed", code), app.quit()))
        launcher.start()
        if not opened:  # the services come after the first paint, in the event loop
            app.exec()
        print("window", type(opened[0]).__name__ if opened else None)
        print("alembic loaded", "alembic" in sys.modules)
        opened[0].close()
        launcher.shutdown()
        """,
        str(path),
    )

    assert lines[-2:] == ["window MainWindow", "alembic loaded False"]
    assert launch_check.marker_path(path).exists(), "the clean close is recorded"


def test_escola_application_id_is_set_by_the_revisions(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    _current(path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == ESCOLA_APPLICATION_ID
