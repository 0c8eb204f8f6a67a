"""A full disk in the GUI: saving a form, importing, backing up, or upgrading at launch shows
the Portuguese message (what happened, what to do, what was kept) and the file stays as it
was. SQLite is told the file may not grow (``PRAGMA max_page_count``): SQLITE_FULL, as a full
disk gives."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.errors import DiskFullError
from escola_gui.core.services import Services
from escola_gui.gui import import_dialog
from escola_gui.gui.forms import aluno as aluno_form
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.import_dialog import ImportDialog
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file import backup as backup_module
from tests.helpers.faults import fill_disk_for, snapshot
from tests.helpers.legacy import make_legacy_file

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FULL = "O disco está cheio: não houve espaço em "
TITLE = "Não foi possível concluir"


def _noise_png(path: Path, side: int = 500) -> Path:
    """A photo that cannot be squeezed: it needs many new pages in the file."""
    pixels = random.Random(3).randbytes(side * side * 3)
    image = QImage(pixels, side, side, side * 3, QImage.Format.Format_RGB888).copy()
    assert image.save(str(path), "PNG")
    return path


def _visible(qtbot: QtBot, window: MainWindow, kind: type) -> object:
    found: list[object] = []

    def visible() -> bool:
        found[:] = [d for d in window.findChildren(kind) if d.isVisible()]
        return len(found) == 1

    qtbot.waitUntil(visible)
    return found[0]


def test_saving_a_form_on_a_full_disk_says_so_and_keeps_the_form(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    head_engine: Engine,
    head_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    services.alunos.create(AlunoData(nome="Bruno"))
    window.refresh_alunos()
    photo = _noise_png(tmp_path / "foto.png")
    monkeypatch.setattr(aluno_form, "choose_foto_file", lambda _parent: str(photo))
    before = snapshot(head_db)
    fill_disk_for(head_engine)

    qtbot.mouseClick(window.alunos_tab.new_button, Qt.MouseButton.LeftButton)
    dialog = _visible(qtbot, window, AlunoDialog)
    assert isinstance(dialog, AlunoDialog)
    dialog.nome.setText("Ana Cheia")
    qtbot.mouseClick(dialog.escolher_foto, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    # The message says what happened and what to do, not "erro inesperado"; the form stays
    [(title, text)] = errors
    assert title == TITLE
    assert text.startswith(f"{FULL}{head_db.parent} para gravar as alterações. Libere espaço no disco")
    assert text.endswith("As alterações não foram gravadas; o que já estava salvo continua como estava.")
    assert dialog.isVisible() and dialog.nome.text() == "Ana Cheia"
    assert snapshot(head_db) == before
    assert [row.nome for row in services.alunos.list()] == ["Bruno"]


def test_run_guarded_shows_an_escola_errors_own_message(
    qtbot: QtBot, window: MainWindow, errors: list[tuple[str, str]]
) -> None:
    missing: list[bool] = []

    def fails() -> None:
        raise DiskFullError(Path("/dados"))

    assert not messages.run_guarded(window, fails, lambda: missing.append(True))
    assert errors == [(TITLE, DiskFullError(Path("/dados")).user_message)]
    assert missing == []


def test_importing_on_a_full_disk_says_so_and_imports_nothing(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    head_engine: Engine,
    head_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    lines = ["Nome;Logradouro"] + [f"Aluno Importado {n};Rua {'z' * 140}" for n in range(60)]
    sheet = tmp_path / "alunos.csv"
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(import_dialog, "ask_open_spreadsheet", lambda *_args: str(sheet))
    before = snapshot(head_db)
    window.action_importar_alunos.trigger()
    dialog = _visible(qtbot, window, ImportDialog)
    assert isinstance(dialog, ImportDialog)
    assert dialog.import_button.isEnabled()
    fill_disk_for(head_engine)

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    [(title, text)] = errors
    assert title == "Importação não realizada"
    assert text.startswith(f"{FULL}{head_db.parent} para importar os alunos. Libere espaço no disco")
    assert text.endswith("Nenhum aluno foi importado; nada foi alterado.")
    assert dialog.isVisible()
    assert snapshot(head_db) == before
    assert services.alunos.list() == []


def test_a_manual_backup_on_a_full_disk_says_so(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    head_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    services.alunos.create(AlunoData(nome="Bruno"))
    before = snapshot(head_db)
    real = backup_module.connect_copy_target

    def connect(path: Path) -> sqlite3.Connection:
        conn = real(path)
        conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(backup_module, "connect_copy_target", connect)

    window.action_backup_agora.trigger()

    [(title, text)] = errors
    assert title == "Fazer backup agora"
    assert text.startswith(f"{FULL}{head_db.parent / 'backups'} para fazer a cópia de segurança.")
    assert text.endswith("Nada foi alterado.")
    assert snapshot(head_db) == before
    assert not list((head_db.parent / "backups").glob("*.sqlite3*"))


@pytest.fixture
def launcher(tmp_path: Path, qtbot: QtBot) -> Iterator[Launcher]:
    launcher = Launcher(tmp_path / "escola.sqlite3", tmp_path / "escola.log")
    yield launcher
    if launcher.window is not None:
        launcher.window.close()
    launcher.shutdown()


def test_an_upgrade_on_a_full_disk_says_so_and_leaves_the_file(
    qtbot: QtBot, launcher: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_legacy_file(launcher.database, alunos=30)
    before = launcher.database.read_bytes()
    real = db.create_upgrade_engine
    monkeypatch.setattr(db, "create_upgrade_engine", lambda path: fill_disk_for(real(path)))

    launcher.start()
    upgrade = launcher.dialog
    assert upgrade is not None
    qtbot.waitUntil(lambda: upgrade.error_message is not None)

    message = upgrade.error_message
    assert message is not None
    assert message.startswith(f"{FULL}{launcher.database.parent} para atualizar o arquivo de dados.")
    assert message.endswith("A atualização foi desfeita; o arquivo continua como estava.")
    assert launcher.database.read_bytes() == before
    assert launcher.window is None
    # A click lands only on a button laid out: under load the failure can come before the
    # dialog's first layout, and the button is then 0 pixels high for an event-loop pass.
    qtbot.waitUntil(lambda: upgrade.close_button.isVisible() and upgrade.close_button.height() > 0)
    with qtbot.waitSignal(launcher.failed):
        qtbot.mouseClick(upgrade.findChild(QPushButton, "fechar"), Qt.MouseButton.LeftButton)
