"""The pages a launch does not show are read from the file when first shown, not at launch.

A 100,000-aluno office opens on the Alunos list; Turmas, Cursos, Matrículas em cursos and
Configurações wait until the secretary opens them, and then show the file as it is then.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.record_list import RecordTab

REPO = Path(__file__).resolve().parents[2]


def _go_to_page(qtbot: QtBot, window: MainWindow, title: str) -> None:
    """Click the page's name in the sidebar."""
    bar = window.navegacao
    item = next(bar.item(r) for r in range(bar.count()) if bar.item(r).text() == title)
    qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=bar.visualItemRect(item).center())
    assert bar.currentItem() is item


def _texts(tab: RecordTab, column: int = 0) -> list[str]:
    return [tab.proxy.index(row, column).data() for row in range(tab.proxy.rowCount())]


def _count_calls(monkeypatch: pytest.MonkeyPatch, service: object, name: str) -> list[int]:
    """Count the calls of ``service.name`` (a list of ones, for a readable assert)."""
    calls: list[int] = []
    original = getattr(service, name)

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(service, name, counted)
    return calls


def _school(services: Services) -> tuple[int, int]:
    """An aluno in a turma of 2026 and in a curso; returns (aluno, curso)."""
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    mat = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(mat, 160)])
    aluno = services.alunos.create(AlunoData(nome="Ana Souza"))
    services.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    curso = services.cursos.create(CursoData(nome="Inglês"))
    services.matriculas.create(aluno, curso, date(2026, 2, 1))
    return aluno, curso


def test_the_pages_not_shown_are_not_read_at_launch(
    qtbot: QtBot, services: Services, info: DatabaseInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given a file with a turma, a curso and a matrícula, when the window opens, then only the
    Alunos list was read: the other lists are empty and their services were not called."""
    _school(services)
    cursos = _count_calls(monkeypatch, services.cursos, "list")
    matriculas = _count_calls(monkeypatch, services.matriculas, "list")
    turmas = _count_calls(monkeypatch, services.turmas, "list")
    anos = _count_calls(monkeypatch, services.anos_letivos, "list")

    window = MainWindow(services, info)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.isVisible)

    assert window.pages.currentWidget() is window.alunos_tab
    assert _texts(window.alunos_tab) == ["Ana Souza"]
    assert (cursos, matriculas, turmas, anos) == ([], [], [], [])
    assert window.cursos_tab.model.rowCount() == 0
    assert window.matriculas_tab.model.rowCount() == 0
    assert window.turmas_page.turma_model.rowCount() == 0
    assert window.configuracoes_page.anos_letivos.model.rowCount() == 0
    # A refresh of the whole window (after a restore from the Lixeira) still leaves them unread.
    window.refresh_all()
    assert (cursos, matriculas) == ([], [])


def test_each_page_shows_the_file_as_it_is_when_first_opened(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    """Given records written after the window opened (another page, an import), when the
    secretary opens each page from the sidebar, then it shows them."""
    aluno, _curso = _school(services)
    services.cursos.create(CursoData(nome="Artes"))

    _go_to_page(qtbot, window, "Cursos")
    assert window.pages.currentWidget() is window.cursos_tab
    assert _texts(window.cursos_tab) == ["Artes", "Inglês"]
    assert _texts(window.cursos_tab, 2) == ["0", "1"]

    _go_to_page(qtbot, window, "Matrículas em cursos")
    assert _texts(window.matriculas_tab) == ["Ana Souza"]
    assert _texts(window.matriculas_tab, 1) == ["Inglês"]

    _go_to_page(qtbot, window, "Turmas")
    turmas = window.turmas_page
    assert turmas.stack.currentWidget() is turmas.splitter
    assert turmas.ano_combo.currentText() == "2026"
    assert [turmas.turma_model.index(r, 0).data() for r in range(turmas.turma_model.rowCount())] == ["6º ano A"]

    _go_to_page(qtbot, window, "Configurações")
    anos = window.configuracoes_page.anos_letivos.model
    assert [anos.index(r, 0).data() for r in range(anos.rowCount())] == ["2026"]

    # Once read, a tab follows the changes made elsewhere, as before: a new matrícula from the
    # Alunos page's data shows on Cursos (its count) the next time the window refreshes.
    services.matriculas.create(aluno, services.cursos.list("Artes")[0].id, date(2026, 3, 1))
    window.refresh_all()
    assert _texts(window.cursos_tab, 2) == ["1", "1"]
    assert len(_texts(window.matriculas_tab)) == 2


def test_a_record_to_select_before_the_tab_is_shown_is_selected_when_it_is(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    services.cursos.create(CursoData(nome="Artes"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))

    window.refresh_cursos(ingles)  # e.g. saved through a form while another page was shown
    assert window.cursos_tab.model.rowCount() == 0

    _go_to_page(qtbot, window, "Cursos")
    assert _texts(window.cursos_tab) == ["Artes", "Inglês"]
    assert window.cursos_tab.selected_id() == ingles
    assert window.cursos_tab.edit_button.isEnabled()


def test_the_shown_tabs_models_pass_the_model_tester(  # type: ignore[no-untyped-def]
    qtbot: QtBot, qtmodeltester, window: MainWindow, services: Services
) -> None:
    _school(services)
    for title, tab in (("Cursos", window.cursos_tab), ("Matrículas em cursos", window.matriculas_tab)):
        _go_to_page(qtbot, window, title)
        assert tab.model.rowCount() == 1
        qtmodeltester.check(tab.model)
        qtmodeltester.check(tab.proxy)


def test_the_launch_imports_neither_printing_nor_the_downgrade() -> None:
    """Importing the GUI's entry point leaves Qt's printing (reports), the downgrade, Alembic
    and openpyxl for when they are first used. In a fresh process: the test session has them."""
    code = (
        "import sys, escola_gui.gui.launch.launcher\n"
        "late = ['escola_gui.gui.printing', 'PySide6.QtPrintSupport', 'escola_gui.storage.file.downgrade',\n"
        "        'escola_gui.gui.launch.downgrade_dialog', 'alembic', 'openpyxl']\n"
        "print(' '.join(m for m in late if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == ""


def test_only_the_alunos_page_is_built_at_launch_the_others_when_first_shown(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    """Each page's module is imported, and the page built, when it is first shown: at launch the
    stack holds the Alunos page and a blank placeholder for each other page."""
    _school(services)
    built = [key for key, slot in window._slots.items() if slot.page is not None]
    assert built == ["alunos"]
    assert window.pages.count() == window.navegacao.count() == 9
    assert window.pages.widget(1).objectName() == "turmas_por_abrir"

    _go_to_page(qtbot, window, "Cursos")
    assert window._slots["cursos"].page is window.pages.currentWidget() is window.pages.widget(5)
    assert _texts(window.cursos_tab) == ["Inglês"]
    assert window.pages.count() == 9
    # Shown by its index (not through the sidebar): built all the same, and the sidebar follows.
    window.pages.setCurrentIndex(1)
    assert window.pages.currentWidget() is window.turmas_page
    assert window.navegacao.currentRow() == 1
    assert window.turmas_page.turma_model.rowCount() == 1
    assert sorted(key for key, slot in window._slots.items() if slot.page is not None) == [
        "alunos",
        "cursos",
        "turmas",
    ]


def test_a_page_built_in_read_only_mode_is_read_only(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    _school(services)
    window.set_read_only("teste")
    _go_to_page(qtbot, window, "Cursos")
    assert not window.cursos_tab.new_button.isEnabled()
    assert window.cursos_tab.edit_button.text() == "Ver…"


def test_opening_the_window_imports_no_other_page_module(head_db: Path, tmp_path: Path) -> None:
    """Each page's module is imported when the page is first shown: a window just opened on the
    Alunos list has imported none of the others'. In a fresh process: the test session has them."""
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from escola_gui.core import db\n"
        "from escola_gui.core.database_info import DatabaseInfo\n"
        "from escola_gui.core.services import Services\n"
        "from escola_gui.gui.main_window import MainWindow\n"
        "path = Path(sys.argv[1])\n"
        "engine = db.create_app_engine(path)\n"
        "info = DatabaseInfo(path=path, revision='', app_version='', log_path=Path(sys.argv[2]))\n"
        "window = MainWindow(Services.for_engine(engine), info)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "pages = ['alunos', 'turmas', 'diario', 'relatorios', 'cursos', 'matriculas', 'configuracoes', 'lixeira']\n"
        "print(' '.join(p for p in pages if 'escola_gui.gui.pages.' + p in sys.modules))\n"
        "window.close()\n"
        "engine.dispose()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(head_db), str(tmp_path / "escola.log")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["alunos"]
