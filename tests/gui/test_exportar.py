"""Exporting what a list shows (a model, or the proxy a view sorts and filters) to .csv and .xlsx."""

from __future__ import annotations

import stat
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.planilhas import read_table
from escola_gui.gui import exportar
from escola_gui.gui.exportar import cell_value, export_model, exported_message, model_table
from escola_gui.gui.import_dialog import save_filters
from escola_gui.gui.toolkit import messages

HEADERS = ["Nome", "CPF", "Nascimento", "Nota", "Telefone"]
ROWS = [
    ["João da Silva", "012.345.678-90", "04/03/2010", "7,5", "+55 11 98765-4321"],
    ["Conceição Souza", "", "01/02/2011", "10", ""],
    ["Ana Lima", "52998224725", "", "", "(11) 3333-4444"],
]


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def model() -> QStandardItemModel:
    model = QStandardItemModel(0, len(HEADERS))
    model.setHorizontalHeaderLabels(HEADERS)
    for row in ROWS:
        model.appendRow([QStandardItem(text) for text in row])
    return model


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path | str, chosen_filter: int = 0) -> list[tuple[str, str]]:
    """Answer the file dialog with ``path``; return the (title, suggested) it was asked with."""
    asked: list[tuple[str, str]] = []

    def ask(_parent: object, title: str, suggested: str) -> tuple[str, str]:
        asked.append((title, suggested))
        return str(path), save_filters()[chosen_filter]

    monkeypatch.setattr(exportar, "ask_export_path", ask)
    return asked


def test_csv_in_the_brazilian_format_reads_back(
    parent: QWidget,
    model: QStandardItemModel,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    asked = _choose(monkeypatch, tmp_path / "lista.csv", chosen_filter=1)

    path = export_model(parent, model, "alunos.xlsx", folder=tmp_path)

    assert path == tmp_path / "lista.csv"
    assert asked == [("Exportar lista", str(tmp_path / "alunos.xlsx"))]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbfNome;CPF;Nascimento;Nota;Telefone\r\n")
    assert text.decode("utf-8-sig").splitlines()[1:] == [
        "João da Silva;012.345.678-90;04/03/2010;7,5;'+55 11 98765-4321",
        "Conceição Souza;;01/02/2011;10;",
        "Ana Lima;52998224725;;;(11) 3333-4444",
    ]
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert table.headers == tuple(HEADERS)
    assert [list(row.values) for row in table.rows] == ROWS
    assert errors == []


def test_xlsx_has_real_dates_and_numbers_and_keeps_digits_as_text(
    parent: QWidget, model: QStandardItemModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(monkeypatch, tmp_path / "lista", chosen_filter=0)  # no extension typed: the filter's

    path = export_model(parent, model, "alunos", folder=tmp_path)

    assert path == tmp_path / "lista.xlsx"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["A1"].font.bold
    assert (sheet["C2"].value, sheet["C2"].number_format) == (datetime(2010, 3, 4), "DD/MM/YYYY")
    assert (sheet["D2"].value, sheet["D2"].data_type) == (7.5, "n")
    assert (sheet["B4"].value, sheet["B4"].data_type) == ("52998224725", "s")
    assert sheet["E2"].value == "+55 11 98765-4321"
    workbook.close()
    table = read_table(path)
    assert [row.values[0] for row in table.rows] == ["João da Silva", "Conceição Souza", "Ana Lima"]
    assert table.rows[0].values[2] == date(2010, 3, 4)


def test_a_proxy_exports_its_order_and_filter(
    parent: QWidget, model: QStandardItemModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the list sorted by nome and filtered to those with a phone, as a view shows it
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(4)
    proxy.setFilterRegularExpression(r"\d")
    proxy.sort(0, Qt.SortOrder.AscendingOrder)

    for name in ("lista.csv", "lista.xlsx"):
        _choose(monkeypatch, tmp_path / name)
        path = export_model(parent, proxy, name, folder=tmp_path)

        assert path is not None
        table = read_table(path)
        assert table.headers == tuple(HEADERS)
        assert [row.values[0] for row in table.rows] == ["Ana Lima", "João da Silva"]
    assert exported_message(proxy, tmp_path / "lista.xlsx") == f"2 linhas exportadas para {tmp_path / 'lista.xlsx'}."


def test_cancel_writes_nothing(
    parent: QWidget,
    model: QStandardItemModel,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    monkeypatch.setattr(exportar, "ask_export_path", lambda *_: ("", ""))

    assert export_model(parent, model, "alunos.xlsx", folder=tmp_path) is None
    assert list(tmp_path.iterdir()) == []
    assert errors == []


def test_asks_before_replacing_a_file_named_by_the_filter(
    parent: QWidget, model: QStandardItemModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "lista.csv"
    existing.write_text("antigo")
    _choose(monkeypatch, tmp_path / "lista", chosen_filter=1)
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) and False)

    assert export_model(parent, model, "lista.csv", folder=tmp_path) is None

    assert questions == ["O arquivo lista.csv já existe. Substituir?"]
    assert existing.read_text() == "antigo"


def test_error_is_shown_in_portuguese(
    parent: QWidget,
    model: QStandardItemModel,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    target = tmp_path / "nao-existe" / "alunos.xlsx"
    _choose(monkeypatch, target)

    assert export_model(parent, model, "alunos.xlsx", title="Exportar turmas") is None

    [(title, text)] = errors
    assert title == "Exportar turmas"
    assert text.startswith("Não foi possível gravar o arquivo alunos.xlsx")
    assert not target.exists()


def test_the_folder_of_the_last_export_is_suggested_next_time(
    parent: QWidget, model: QStandardItemModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "planilhas"
    folder.mkdir()
    _choose(monkeypatch, folder / "um.xlsx")
    export_model(parent, model, "um.xlsx")

    asked = _choose(monkeypatch, folder / "dois.xlsx")
    export_model(parent, model, "dois.xlsx")

    assert asked == [("Exportar lista", str(folder / "dois.xlsx"))]


def test_cell_values() -> None:
    assert cell_value("04/03/2010") == date(2010, 3, 4)
    assert cell_value("31/02/2010") == "31/02/2010"
    assert cell_value("7,5") == Decimal("7.5")
    assert cell_value("-0,25") == Decimal("-0.25")
    assert cell_value("01234567890") == "01234567890"
    assert cell_value("1.234,5") == "1.234,5"
    assert cell_value(QDate(2010, 3, 4)) == date(2010, 3, 4)
    assert cell_value(3) == 3
    assert cell_value(None) is None


def test_model_table_of_an_empty_model() -> None:
    model = QStandardItemModel(0, 2)
    model.setHorizontalHeaderLabels(["Nome", "CPF"])
    assert model_table(model) == (["Nome", "CPF"], [])
