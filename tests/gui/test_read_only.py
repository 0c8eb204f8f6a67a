"""A file that cannot be written opens read-only: a banner says why and nothing can change it."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from escola_gui.core import db
from escola_gui.core.paths import backups_dir
from escola_gui.core.services import Services
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.launch.launcher import Launcher
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from escola_gui.storage.file.demo import criar_demo
from tests.helpers.legacy import make_legacy_file
from tests.helpers.ro_mount import read_only_view

REASON = "o arquivo está protegido contra gravação"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    folder = tmp_path / "dados"
    folder.mkdir()
    path = folder / "escola.sqlite3"
    criar_demo(path, alunos=30, hoje=date(2026, 6, 30))
    engine = db.create_app_engine(path)
    try:  # something in the Lixeira, which read-only mode must not restore
        services = Services.for_engine(engine)
        services.alunos.delete(services.alunos.list("")[-1].id)
    finally:
        engine.dispose()
    return path


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, title, text: boxes.append((title, text)))
    return boxes


def launch(qtbot: QtBot, database: Path, tmp_path: Path) -> Launcher:
    launcher = Launcher(database, tmp_path / "escola.log")
    with qtbot.waitSignal(launcher.window_opened):  # the services come after the first paint
        launcher.start()
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)
    qtbot.waitUntil(launcher.window.isVisible)
    return launcher


def assert_nothing_can_change(qtbot: QtBot, window: MainWindow) -> None:
    banner = window.findChild(QLabel, "aviso_somente_leitura")
    assert banner is not None and banner.isVisible()
    assert "somente leitura" in banner.text().lower()
    assert "as alterações estão desativadas" in banner.text().lower()

    # Alunos: no Novo nor Excluir, even with a row selected; Ver opens the form.
    window.alunos_tab.table.selectRow(0)
    assert window.alunos_tab.selected_id() is not None
    assert not window.alunos_tab.new_button.isEnabled()
    assert not window.alunos_tab.delete_button.isEnabled()
    assert window.alunos_tab.edit_button.isEnabled()
    for action in (
        window.action_novo_aluno,
        window.action_novo_curso,
        window.action_nova_matricula,
        window.action_importar_alunos,
        window.action_restaurar_backup,
        window.action_excluir,
    ):
        assert not action.isEnabled(), action.text()
    for tab in (window.cursos_tab, window.matriculas_tab):
        assert not tab.new_button.isEnabled()

    # Turmas: nothing that changes a turma, whatever is selected.
    page = window.turmas_page
    window.show_page(page)
    page.turmas_table.selectRow(0)
    page.roster_table.selectRow(0)
    for button in (
        page.nova_button,
        page.excluir_button,
        page.enturmar_button,
        page.situacao_button,
        page.remanejar_button,
        page.retirar_button,
    ):
        assert not button.isEnabled(), button.text()

    # Notas and Frequência: the grid shows values and takes none.
    for diario_page in (window.notas_page, window.frequencia_page):
        window.show_page(diario_page)
        assert diario_page.showing_grid
        model = diario_page.model
        assert model.rowCount() > 0
        assert not any(
            model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
            for row in range(model.rowCount())
            for column in range(model.columnCount())
        )
        assert "somente para leitura" in diario_page.status.text()
    assert not window.frequencia_page.aplicar_button.isEnabled()

    # Configurações: the school's data for reading.
    config = window.configuracoes_page
    window.show_page(config)
    assert config.escola.nome.isReadOnly()
    assert not config.escola.salvar.isEnabled()
    assert not config.anos_letivos.novo.isEnabled()
    assert not config.disciplinas.nova.isEnabled()

    # Lixeira: listed, but nothing restored or deleted.
    lixeira = window.lixeira_page
    window.show_page(lixeira)
    assert lixeira.model.rowCount() == 1
    lixeira.table.selectRow(0)
    assert lixeira.selected_id() is not None
    assert not any(b.isEnabled() for b in (lixeira.restaurar_button, lixeira.excluir_button, lixeira.esvaziar_button))
    assert not window.action_voltar_versao.isEnabled()

    # The aluno's form opens for viewing: fields read-only, no Salvar.
    window.show_page(window.alunos_tab)
    qtbot.mouseClick(window.alunos_tab.edit_button, Qt.MouseButton.LeftButton)
    form = window.findChild(AlunoDialog)
    assert form is not None
    qtbot.waitUntil(form.isVisible)
    assert not form.save_button.isVisible()
    assert all(e.isReadOnly() for e in form.findChildren(QLineEdit))
    assert form.read_only
    form.reject()


def test_a_file_that_cannot_be_written_opens_read_only_and_stays_byte_identical(
    qtbot: QtBot, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: list[tuple[str, str]]
) -> None:
    # As root every file is writable: the detection itself is replaced (it is tested in tests/core).
    monkeypatch.setattr(db, "write_problem", lambda _path: REASON)
    before = digest(demo_db)
    launcher = launch(qtbot, demo_db, tmp_path)
    window = launcher.window
    assert window is not None
    assert window.read_only_reason == REASON
    assert REASON in window.banner.text()

    assert_nothing_can_change(qtbot, window)

    # A write that still gets through is refused by SQLite and told in Portuguese.
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a: True)
    aluno_id = window.alunos_tab.selected_id()
    assert aluno_id is not None
    window.alunos_tab.delete(aluno_id)
    assert shown and shown[-1][1].startswith("O arquivo está aberto somente para leitura")
    assert window.alunos_tab.select_id(aluno_id), "the aluno is still there"

    window.close()
    launcher.shutdown()
    assert digest(demo_db) == before
    assert not demo_db.with_name(demo_db.name + "-journal").exists()


def test_on_a_read_only_mount_the_app_opens_read_only_and_closes_without_a_backup_or_an_error(
    qtbot: QtBot, demo_db: Path, tmp_path: Path, shown: list[tuple[str, str]]
) -> None:
    before = digest(demo_db)
    with read_only_view(demo_db.parent) as view:
        database = view / demo_db.name
        launcher = launch(qtbot, database, tmp_path)
        window = launcher.window
        assert window is not None
        assert window.read_only_reason == "o disco ou a pasta está montado somente para leitura"
        assert not window.action_backup_agora.isEnabled(), "the backups folder cannot be written either"
        window.close()
        launcher.shutdown()
        assert shown == []
    assert digest(demo_db) == before
    assert not backups_dir(demo_db).exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files anyway")
def test_a_file_without_write_permission_opens_read_only(
    qtbot: QtBot, demo_db: Path, tmp_path: Path, shown: list[tuple[str, str]]
) -> None:
    demo_db.chmod(0o444)
    before = digest(demo_db)
    launcher = launch(qtbot, demo_db, tmp_path)
    assert launcher.window is not None
    assert launcher.window.read_only_reason == REASON
    launcher.window.close()
    launcher.shutdown()
    assert digest(demo_db) == before
    assert shown == []


def test_a_file_that_needs_an_upgrade_and_cannot_be_written_is_refused_with_the_reason(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: list[tuple[str, str]]
) -> None:
    database = tmp_path / "escola.sqlite3"
    make_legacy_file(database, alunos=5)
    before = digest(database)
    monkeypatch.setattr(db, "write_problem", lambda _path: REASON)
    launcher = Launcher(database, tmp_path / "escola.log")
    try:
        launcher.start()
        dialog = launcher.dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.error_message is not None)
        assert f"não pode ser gravado ({REASON})" in dialog.error_message
        assert "O arquivo não foi alterado" in dialog.summary.text()
        assert launcher.window is None
        dialog.close()
    finally:
        launcher.shutdown()
    assert digest(database) == before
