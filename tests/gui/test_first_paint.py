"""The launch paints the Alunos list's first page before SQLAlchemy is imported, then attaches
the services without anything moving; a copied file (no known-clean marker) shows read-only
while its pages are checked, takes no edit until the check passes, and a failed check still
leads to the damaged-file dialog with the file untouched.

(How fast the first paint is lives in benchmarks/: launch_to_first_rows and
launch_to_first_rows_full_check, side by side with a bare window.)
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoRow
from escola_gui.core.first_page import FIRST_PAGE_SIZE, read_first_page
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.launch.damaged_file_dialog import DamagedFileDialog
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file import launch_check
from tests.helpers.faults import clobber_table_page

REPO = Path(__file__).resolve().parents[2]

# A child process that starts Escola as main.py does and reports, at the first paint of the
# Alunos table with rows (the moment benchmarks/child.py times), what was imported by then.
FIRST_PAINT_CHILD = """
import gc, os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView

app = QApplication([sys.argv[0]])

class FirstRowsPainted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            view = watched.parent()
            if (
                isinstance(view, QTableView)
                and watched is view.viewport()
                and view.window().objectName() == "main_window"
                and view.model() is not None
                and view.model().rowCount() > 0
            ):
                window = view.window()
                print("sqlalchemy", "sqlalchemy" in sys.modules)
                print("alembic", "alembic" in sys.modules)
                print("attached", window.attached)
                print("checking", window.checking)
                print("first", view.model().index(0, 0).data())
                print("rows", view.model().rowCount(), flush=True)
                QTimer.singleShot(0, collecting)
        return False

def collecting():
    # cli.main turns garbage collection off for the launch; the event loop turns it back on.
    print("gc", gc.isenabled(), flush=True)
    os._exit(0)

watcher = FirstRowsPainted()
app.installEventFilter(watcher)
if sys.argv[2] == "hold":  # the page check waits (it would end first on a small file)
    import threading
    from escola_gui.storage.file import launch_check

    never = threading.Event()
    check = launch_check.PageCheck._run
    launch_check.PageCheck._run = lambda self: (never.wait(), check(self))
from escola_gui.cli import main
main(["--database", sys.argv[1]])
print("never painted", flush=True)
os._exit(1)
"""


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo school with more alunos than the first page (built once: the tests copy it)."""
    from escola_gui.storage.file.demo import criar_demo

    path = tmp_path_factory.mktemp("first-paint") / "demo.sqlite3"
    criar_demo(path, alunos=FIRST_PAGE_SIZE + 60)
    return path


@pytest.fixture
def copied(demo_source: Path, tmp_path: Path) -> Path:
    """The demo copied in: no known-clean marker beside it."""
    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(demo_source, path)
    return path


def _closed_cleanly(path: Path) -> None:
    """As Escola leaves a file it closed cleanly: the marker that lets the launch skip quick_check."""
    assert launch_check.quick_classify(path) is not None  # the check passed in this process
    launch_check.record_clean_close(path)
    assert launch_check.marker_path(path).exists()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _first_paint_in_a_child(path: Path, hold_check: bool) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(FIRST_PAINT_CHILD), str(path), "hold" if hold_check else "-"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return dict(line.split(" ", 1) for line in done.stdout.splitlines())


@pytest.mark.parametrize("clean", [True, False], ids=["closed cleanly", "copied in"])
def test_the_first_rows_are_painted_before_sqlalchemy_or_alembic_is_imported(copied: Path, clean: bool) -> None:
    if clean:
        _closed_cleanly(copied)
    seen = _first_paint_in_a_child(copied, hold_check=not clean)

    assert seen["sqlalchemy"] == "False" and seen["alembic"] == "False"
    assert seen["attached"] == "False", "the services come after the first paint"
    assert seen["checking"] == str(not clean), "a copied file says it is being checked"
    assert seen["first"] == read_first_page(copied).rows[0].nome
    assert int(seen["rows"]) >= FIRST_PAGE_SIZE
    assert seen["gc"] == "True", "garbage collection is back on once the event loop runs"


# --- in this process: the launcher, driven ----------------------------------------------------


class HeldPageCheck(launch_check.PageCheck):
    """A page check that waits for the test's word before it reads the file (so that the test
    can act while the file is being checked)."""

    go = threading.Event()

    def _run(self) -> None:
        HeldPageCheck.go.wait()
        super()._run()


@pytest.fixture
def held_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[HeldPageCheck]]:
    HeldPageCheck.go = threading.Event()
    monkeypatch.setattr(launch_check, "PageCheck", HeldPageCheck)
    yield HeldPageCheck
    HeldPageCheck.go.set()  # never leave a thread waiting


@pytest.fixture
def launch_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: shown.append(text))
    return shown


@pytest.fixture
def launcher(copied: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[Launcher]:
    launcher = Launcher(copied, tmp_path / "escola.log")
    yield launcher
    for widget in (launcher.window, launcher.damaged_dialog):
        if widget is not None:
            widget.close()
    launcher.shutdown()


def _shown(view: object) -> list[tuple[str, ...]]:
    model = view.model()  # type: ignore[attr-defined]
    return [
        tuple(str(model.index(row, column).data()) for column in range(model.columnCount()))
        for row in range(min(model.rowCount(), FIRST_PAGE_SIZE))
    ]


def test_the_services_come_after_the_first_paint_and_nothing_moves(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    _closed_cleanly(launcher.database)
    painted: list[tuple] = []

    def at_first_paint(window: object) -> None:
        # The secretary already picked a row and scrolled a little, before the services came.
        table = window.alunos_tab.table  # type: ignore[attr-defined]
        assert not window.attached  # type: ignore[attr-defined]
        table.selectRow(7)
        table.verticalScrollBar().setValue(3)
        painted.append((_shown(table), window.alunos_tab.selected_id(), table.verticalScrollBar().value()))  # type: ignore[attr-defined]

    launcher.first_painted.connect(at_first_paint)
    with qtbot.waitSignal(launcher.window_opened):
        launcher.start()
    window = launcher.window
    assert window is not None and window.attached and launch_errors == []
    qtbot.addWidget(window)
    table = window.alunos_tab.table
    [(rows, selected, scrolled)] = painted
    assert len(rows) == FIRST_PAGE_SIZE
    assert _shown(table) == rows, "the same rows, in the same order, with the same texts"
    assert window.alunos_tab.selected_id() == selected and table.verticalScrollBar().value() == scrolled

    # The page goes on with the services' reads: its model's own first page, through
    # AlunoService now, is the page that was painted, field by field.
    real_rows, _total = window.alunos_tab.model.first_page("")
    assert {type(row) for row in real_rows} == {AlunoRow}
    assert [dataclasses.astuple(r) for r in real_rows] == [
        dataclasses.astuple(r) for r in read_first_page(launcher.database).rows
    ]
    # ...and the count comes from the services: the whole list, not the first page.
    qtbot.waitUntil(lambda: window.alunos_tab.model.rowCount() == FIRST_PAGE_SIZE + 60)


def _beside(path: Path) -> list[str]:
    """The files in the database's folder, but Escola's lock and log."""
    return sorted(p.name for p in path.parent.iterdir() if p.suffix not in (".lock", ".log"))


def _aluno_forms() -> list[QApplication]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, AlunoDialog) and w.isVisible()]


def test_a_copied_file_shows_read_only_until_its_pages_are_checked(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str], held_check: type[HeldPageCheck]
) -> None:
    before = _digest(launcher.database)
    launcher.start()
    window = launcher.window
    assert window is not None
    qtbot.waitUntil(window.isVisible)
    assert window.checking and "Verificando o arquivo" in window.statusBar().currentMessage()
    assert window.alunos_tab.model.rowCount() >= FIRST_PAGE_SIZE  # the list is there to read

    # The secretary tries to add an aluno while the file is checked: nothing opens.
    qtbot.waitUntil(lambda: launcher._services is not None)  # the services are built, held back
    assert not window.attached
    novo = window.alunos_tab.new_button
    assert not novo.isEnabled()
    qtbot.mouseClick(novo, Qt.MouseButton.LeftButton)
    window.action_novo_aluno.trigger()
    window.alunos_tab.table.selectRow(0)
    window.alunos_tab.edit_button.click()
    QApplication.processEvents()
    assert _aluno_forms() == [] and launch_errors == []
    assert _digest(launcher.database) == before

    # The check passes: the window takes edits, the status says nothing of the check any more.
    with qtbot.waitSignal(launcher.window_opened):
        held_check.go.set()
    assert window.attached and not window.checking
    assert "Verificando" not in window.statusBar().currentMessage()
    qtbot.waitUntil(novo.isEnabled)
    qtbot.mouseClick(novo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_aluno_forms()) == 1)
    _aluno_forms()[0].close()


def test_a_damaged_copied_file_still_reaches_the_damaged_file_dialog_untouched(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str], held_check: type[HeldPageCheck]
) -> None:
    clobber_table_page(launcher.database, "contatos")  # the list's first page still reads
    before = _digest(launcher.database)
    files_before = _beside(launcher.database)
    launcher.start()
    window = launcher.window
    assert window is not None and window.checking and not window.attached

    held_check.go.set()
    qtbot.waitUntil(lambda: launcher.damaged_dialog is not None)
    dialog = launcher.damaged_dialog
    assert isinstance(dialog, DamagedFileDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert launcher.window is None, "the main window closed"
    assert not shiboken6.isValid(window) or not window.isVisible()
    assert dialog.headline.text() == "O arquivo de dados está danificado e não pode ser aberto."
    assert _digest(launcher.database) == before
    assert launch_errors == []
    # Nothing written beside it either (no backup of the damaged file, no marker); the lock is
    # held until the secretary answers the dialog.
    assert _beside(launcher.database) == files_before
    assert launcher.lock.held


def test_a_file_damaged_where_the_list_reads_opens_empty_then_reaches_the_dialog(
    qtbot: QtBot, launcher: Launcher, launch_errors: list[str]
) -> None:
    clobber_table_page(launcher.database)  # the alunos table: the first page cannot be read
    before = _digest(launcher.database)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.damaged_dialog is not None)
    assert launcher.window is None
    assert _digest(launcher.database) == before
    assert launch_errors == []
