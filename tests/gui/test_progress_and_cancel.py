"""Long work in the background behind a progress dialog with Cancelar, as the secretary meets
it: a big import and the boletins of a whole turma. Progress reaches 100, Cancelar writes
nothing, errors are told in Portuguese. (The helper's own contract: test_background.py.)"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from escola_gui.core.importacao import flow, steps
from escola_gui.core.importacao.errors import ImportacaoRecusadaError
from escola_gui.core.services import Services
from escola_gui.gui import import_dialog
from escola_gui.gui import printing as reports
from escola_gui.gui.import_dialog import ImportDialog
from escola_gui.gui.pages.relatorios import RelatoriosPage, Tipo
from escola_gui.gui.toolkit import background
from tests.core.test_relatorios import Turma, make_turma
from tests.gui.test_relatorios_page import _choose_turma, _click_report
from tests.helpers.waits import HANG_GUARD_S

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROWS = 120


@pytest.fixture(autouse=True)
def _small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of 120 lines behaves as a big one: the preview runs in the worker, and progress
    and Cancelar are checked every 20 lines. (Small, because every call of a model's data()
    that answers None costs PySide6 6.12 a reference to None: see the report.)"""
    monkeypatch.setattr(import_dialog, "WORKER_PREVIEW_ROWS", 100)
    monkeypatch.setattr(steps, "BATCH", 20)


class RecordingProgressDialog(background.ProgressDialog):
    values: list[int] = []

    def set_value(self, value: int) -> None:
        RecordingProgressDialog.values.append(value)
        super().set_value(value)


@pytest.fixture
def progress_values(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    RecordingProgressDialog.values = []
    monkeypatch.setattr(background, "ProgressDialog", RecordingProgressDialog)
    return RecordingProgressDialog.values


def _cancel_when(parent: QWidget, started: threading.Event, clicked: threading.Event) -> QTimer:
    """Press Cancelar on the progress dialog once the worker says it has started."""
    timer = QTimer(parent)
    timer.setInterval(10)

    def poll() -> None:
        # The shown one: an earlier step's dialog (the report's gathering) may not be deleted yet.
        shown = [d for d in parent.findChildren(background.ProgressDialog, "progresso") if d.isVisible()]
        dialog = shown[-1] if shown else None
        if started.is_set() and dialog is not None:
            timer.stop()
            assert dialog.cancel_button.text() == "Cancelar"
            dialog.cancel_button.click()
            clicked.set()

    timer.timeout.connect(poll)
    timer.start()
    return timer


def _open_big(qtbot: QtBot, services: Services, tmp_path: Path) -> ImportDialog:
    """The import dialog of a big file, once its preview (run in the background) is shown."""
    dialog = ImportDialog(services.planilhas, services.planilhas.read(_big_csv(tmp_path)))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.preview_running)
    return dialog


def _big_csv(tmp_path: Path) -> Path:
    lines = ["Nome;Data de nascimento;RA;Nome da mãe"]
    lines += [f"Aluno {i:05d};01/02/2015;X{i:06d};Mãe {i:05d}" for i in range(ROWS)]
    path = tmp_path / "grande.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- import -----------------------------------------------------------------------------


def test_big_import_runs_in_the_worker_and_reaches_100(
    qtbot: QtBot, services: Services, tmp_path: Path, progress_values: list[int]
) -> None:
    dialog = _open_big(qtbot, services, tmp_path)
    assert dialog.preview_value is not None and len(dialog.preview_value.inserts) == ROWS
    assert progress_values[-1] == 100  # the preview's
    progress_values.clear()
    with qtbot.waitSignal(dialog.finished):
        dialog.import_button.click()
    assert dialog.result_value is not None and dialog.result_value.inserted == ROWS
    assert progress_values[-1] == 100
    assert progress_values == sorted(progress_values)
    assert services.alunos.list("Aluno 00119")[0].ra == "X000119"


def test_cancel_of_an_import_leaves_the_file_byte_identical(
    qtbot: QtBot,
    services: Services,
    head_engine: Engine,
    head_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wait_for_background: Callable[[], None],
    errors: list[tuple[str, str]],
) -> None:
    dialog = _open_big(qtbot, services, tmp_path)
    head_engine.dispose()
    before = head_db.read_bytes()
    started, clicked = threading.Event(), threading.Event()
    real_apply = flow.apply

    def apply(engine, plan, *, confirmed=(), progress=None, cancelled=None):  # type: ignore[no-untyped-def]
        def progress_then_wait(done: int, total: int) -> None:
            progress(done, total)
            if done > 0:  # midway: the plan is checked again, the writes go on after this
                started.set()
                clicked.wait(HANG_GUARD_S)

        return real_apply(engine, plan, confirmed=confirmed, progress=progress_then_wait, cancelled=cancelled)

    monkeypatch.setattr(flow, "apply", apply)
    _cancel_when(dialog, started, clicked)
    dialog.import_button.click()
    wait_for_background()

    assert clicked.is_set()
    assert dialog.result_value is None
    assert errors == [], "a cancel is no error"
    assert dialog.hint.text() == "Importação cancelada. Nada foi alterado."
    head_engine.dispose()
    assert head_db.read_bytes() == before
    assert services.alunos.list("Aluno 0") == []


def test_an_error_in_the_import_worker_is_told_in_portuguese(
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
    wait_for_background: Callable[[], None],
) -> None:
    dialog = _open_big(qtbot, services, tmp_path)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom in the worker")

    monkeypatch.setattr(flow, "apply", broken)
    dialog.import_button.click()
    wait_for_background()
    assert dialog.result_value is None
    assert len(errors) == 1
    title, text = errors[0]
    assert "boom" not in text and "Traceback" not in text
    assert "erro" in (title + text).lower()


def test_a_refusal_in_the_import_worker_is_told_with_its_own_message(
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
    wait_for_background: Callable[[], None],
) -> None:
    dialog = _open_big(qtbot, services, tmp_path)

    def refused(*_args: object, **_kwargs: object) -> None:
        raise ImportacaoRecusadaError(3)

    monkeypatch.setattr(flow, "apply", refused)
    dialog.import_button.click()
    wait_for_background()
    assert errors == [
        (
            "Importação não realizada",
            "A importação não foi feita: 3 linhas têm problemas. Corrija o arquivo e tente de novo. Nada foi alterado.",
        )
    ]


def test_small_files_are_previewed_without_a_worker(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pequeno.csv"
    path.write_text("Nome\nAna Souza\n", encoding="utf-8")
    monkeypatch.setattr(import_dialog, "BackgroundOp", None)  # would fail if called
    dialog = ImportDialog(services.planilhas, services.planilhas.read(path))
    qtbot.addWidget(dialog)
    assert dialog.preview_value is not None and len(dialog.preview_value.inserts) == 1


# --- boletins ---------------------------------------------------------------------------


@pytest.fixture
def turma(services: Services) -> Turma:
    return make_turma(services)


@pytest.fixture
def page(qtbot: QtBot, services: Services, turma: Turma) -> RelatoriosPage:
    page = RelatoriosPage(services.relatorios, services.turmas, services.alunos)
    qtbot.addWidget(page)
    page.resize(900, 560)
    page.refresh()
    page.show()
    qtbot.waitUntil(page.isVisible)
    return page


def _answer_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    suggested: list[str] = []

    def ask(_parent: QWidget | None, _title: str, name: str) -> str:
        suggested.append(name)
        return str(path)

    monkeypatch.setattr(reports, "ask_save_pdf", ask)
    return suggested


def test_boletins_da_turma_are_saved_by_the_worker(
    qtbot: QtBot,
    page: RelatoriosPage,
    turma: Turma,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    progress_values: list[int],
) -> None:
    _click_report(qtbot, page, Tipo.BOLETINS_TURMA)
    _choose_turma(page, turma)
    assert page.save_button.isEnabled()
    suggested = _answer_save(monkeypatch, tmp_path / "turma")
    with qtbot.waitSignal(page.pdf_saved) as saved:
        page.save_button.click()
    assert saved.args == [str(tmp_path / "turma.pdf")]
    assert Path(suggested[0]).name == "boletins-6o-ano-a-2026.pdf"
    assert progress_values[-1] == 100
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "turma.pdf").pages]
    assert len(pages) == 2
    assert "Ana Souza" in pages[0] and "Bruno Lima" in pages[1]


def test_cancel_of_the_boletins_writes_no_pdf(
    qtbot: QtBot,
    page: RelatoriosPage,
    turma: Turma,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    wait_for_background: Callable[[], None],
) -> None:
    _click_report(qtbot, page, Tipo.BOLETINS_TURMA)
    _choose_turma(page, turma)
    folder = tmp_path / "pdf"
    folder.mkdir()
    _answer_save(monkeypatch, folder / "turma.pdf")
    started, clicked = threading.Event(), threading.Event()
    real_write = reports.write_pdf

    def write_pdf(documento, path, progress=None, cancelled=None):  # type: ignore[no-untyped-def]
        def progress_then_wait(done: int, total: int) -> None:
            progress(done, total)
            started.set()
            clicked.wait(HANG_GUARD_S)

        return real_write(documento, path, progress_then_wait, cancelled)

    monkeypatch.setattr(reports, "write_pdf", write_pdf)
    _cancel_when(page, started, clicked)
    saved: list[str] = []
    page.pdf_saved.connect(saved.append)
    page.save_button.click()
    wait_for_background()
    assert clicked.is_set()
    assert saved == []
    assert list(folder.iterdir()) == []  # no PDF, no temporary file


def test_an_error_in_the_boletins_worker_is_told_in_portuguese(
    qtbot: QtBot,
    page: RelatoriosPage,
    turma: Turma,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    errors: list[tuple[str, str]],
    wait_for_background: Callable[[], None],
) -> None:
    _click_report(qtbot, page, Tipo.BOLETINS_TURMA)
    _choose_turma(page, turma)
    _answer_save(monkeypatch, tmp_path / "turma.pdf")

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "Não há espaço disponível no dispositivo")

    monkeypatch.setattr(reports, "write_pdf", full)
    page.save_button.click()
    wait_for_background()
    assert len(errors) == 1
    title, text = errors[0]
    assert title == "Salvar PDF"
    assert text.startswith(f"Não foi possível salvar o PDF em {tmp_path / 'turma.pdf'}.")
    assert not (tmp_path / "turma.pdf").exists()
