"""The import dialog never rewrites a record silently: conflicts are ticked line by line, the valid
lines can be imported with the bad ones kept beside the file, and the column mapping is remembered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.services import Services
from escola_gui.gui import import_dialog
from escola_gui.gui.import_dialog import ImportDialog
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(import_dialog, "ask_open_spreadsheet", lambda _parent, _title, _folder: str(path))


def _open_import(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    window.action_importar_alunos.trigger()
    found: list[ImportDialog] = []

    def visible() -> bool:
        found[:] = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
        return len(found) == 1

    qtbot.waitUntil(visible)
    return found[0]


def test_a_conflict_is_applied_only_when_its_line_is_ticked(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given Davi, RA 2024005, and a file that gives that RA to another child
    aluno_id = services.alunos.create(AlunoData("Davi Santos", data_nascimento=date(2018, 9, 10), ra="2024005"))
    path = tmp_path / "outro.csv"
    path.write_text("Nome;RA;Data de nascimento\nPedro Henrique Alves;2024005;01/02/2015\n", encoding="utf-8")
    _choose_file(monkeypatch, path)

    dialog = _open_import(qtbot, window)

    # Then the Conflitos tab shows both versions and what would change; nothing can be imported yet
    assert dialog.summary.text() == "0 novos, 0 atualizados, 0 sem mudança, 0 com problema, 1 em conflito"
    assert dialog.tabs.currentIndex() == import_dialog.CONFLICTS_TAB
    [row] = dialog.conflitos_model.rows()
    assert row[0] == "2" and row[1] == "mesmo RA"
    assert row[2] == "Nome: Davi Santos\nNascimento: 10/09/2018"
    assert row[3] == "Nome: Pedro Henrique Alves\nNascimento: 01/02/2015"
    assert "Nome: Davi Santos → Pedro Henrique Alves" in row[4]
    assert not dialog.import_button.isEnabled()
    assert "Marque as linhas em conflito" in dialog.hint.text()

    # When the secretary ticks the line with the space bar and imports
    view = dialog.tabs.currentWidget()
    assert isinstance(view, QTableView)
    view.setFocus()
    view.setCurrentIndex(dialog.conflitos_model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.confirmed_lines() == [2]
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    # Then the aluno is updated
    qtbot.waitUntil(lambda: dialog.result_value is not None)
    assert services.alunos.get(aluno_id).nome == "Pedro Henrique Alves"


def test_importar_as_linhas_validas_keeps_the_bad_ones_beside_the_file(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "turma.csv"
    path.write_bytes("Nome;Data de nascimento\r\nAna Gonçalves;31/02/2013\r\nBia Lima;10/10/2012\r\n".encode("cp1252"))
    _choose_file(monkeypatch, path)
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: shown.append(text))

    dialog = _open_import(qtbot, window)

    assert dialog.problemas_model.rows() == [
        ("2", "Ana Gonçalves", "Data de nascimento: Esta data de nascimento não existe no calendário. (31/02/2013)")
    ]
    assert not dialog.import_button.isEnabled()
    assert dialog.valid_button.isVisible() and dialog.valid_button.isEnabled()
    qtbot.mouseClick(dialog.valid_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.result_value is not None)
    kept = tmp_path / "turma-linhas-com-problema.csv"
    assert dialog.set_aside_path == kept
    assert [a.nome for a in services.alunos.list()] == ["Bia Lima"]
    assert kept.read_bytes().decode("cp1252").splitlines()[1].startswith("Ana Gonçalves;31/02/2013;")
    [text] = shown
    assert str(kept) in text


def test_the_column_mapping_is_remembered_for_the_same_headers(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a file whose second column the import cannot recognize
    first = tmp_path / "primeiro.csv"
    first.write_text("Nome;Coluna 7\nAna Souza;01/02/2013\n", encoding="utf-8")
    _choose_file(monkeypatch, first)
    dialog = _open_import(qtbot, window)
    assert dialog.combos[1].currentData() is None
    # When the secretary says it is the data de nascimento, and imports
    dialog.combos[1].setCurrentIndex(dialog.combos[1].findData("data_nascimento"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_value is not None)

    # Then the next file with the same headers (in another order) opens with that choice
    second = tmp_path / "segundo.csv"
    second.write_text("Coluna 7;Nome\n03/04/2012;Bia Lima\n", encoding="utf-8")
    _choose_file(monkeypatch, second)
    again = _open_import(qtbot, window)
    assert again.combos[0].currentData() == "data_nascimento"
    assert again.combos[1].currentData() == "nome"
    assert again.summary.text() == "1 novo, 0 atualizados, 0 sem mudança, 0 com problema"


def test_an_import_into_a_file_that_became_read_only_is_a_plain_message(
    qtbot: QtBot, head_db: Path, tmp_path: Path, errors: list[tuple[str, str]], caplog: pytest.LogCaptureFixture
) -> None:
    # Given the file became read-only after the window opened (the engine now refuses writes)
    from escola_gui.core import db
    from escola_gui.core.planilha_service import PlanilhaService
    from escola_gui.core.planilhas import read_table

    path = tmp_path / "zelia.csv"
    path.write_text("Nome;CPF;Data de nascimento\nZélia Duarte;529.982.247-25;01/02/2013\n", encoding="utf-8")
    engine = db.create_app_engine(head_db, read_only=True)
    try:
        dialog = ImportDialog(PlanilhaService(engine), read_table(path))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finally:
        engine.dispose()

    # Then the secretary reads why, in her words; the log holds no name, CPF or SQL
    [(title, text)] = errors
    assert title == "Importação não realizada"
    assert "somente para leitura" in text and "Nada foi alterado" in text
    assert dialog.isVisible() and dialog.result_value is None
    for secret in ("Zélia", "52998224725", "INSERT"):
        assert secret not in text and secret not in caplog.text
