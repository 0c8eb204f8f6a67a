"""Exporting any list the window shows to a spreadsheet (.xlsx or .csv).

:func:`export_model` writes what a table model (or the proxy a view shows, sorted and
filtered) holds: the header and the display text of every row and column, in the order
shown. Text that reads as a date (dd/mm/aaaa) or a decimal number with a comma (``7,5``)
becomes a real date or number cell in an ``.xlsx``; in a ``.csv`` it is written as shown.
Digits alone (a CPF, an RA, a phone) stay text, so that no leading zero is lost.

The main window adds an "Exportar lista…" action to each page, calling::

    path = exportar.export_model(self, page.proxy, "alunos.xlsx")
    if path is not None:
        self.statusBar().showMessage(exportar.exported_message(page.proxy, path), STATUS_MESSAGE_MS)

The file picker (:func:`ask_export_path`) is module-level so that tests can replace it.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QDateTime,
    QDir,
    QLocale,
    QModelIndex,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QWidget

from escola_gui.core.errors import EscolaError
from escola_gui.core.planilhas import EXTENSIONS, WritableCell, write_table
from escola_gui.gui.import_dialog import save_filters, with_filter_extension
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.messages import wait_cursor
from escola_gui.gui.toolkit.settings import settings
from escola_gui.gui.toolkit.text import translate, translate_error

CONTEXT = "exportar"
# Where the main window remembers the folder of the last spreadsheet (see MainWindow).
SPREADSHEET_FOLDER_KEY = "planilhas/pasta"
DEFAULT_EXTENSION = ".xlsx"

_DATE_RE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_DECIMAL_RE = re.compile(r"-?\d{1,12},\d{1,6}")


# --- file picker (replaced in tests) ----------------------------------------------------


def ask_export_path(parent: QWidget | None, title: str, suggested: str) -> tuple[str, str]:
    """The path the user types to export to ("" when they cancel) and the filter they chose."""
    path, selected = QFileDialog.getSaveFileName(parent, title, suggested, ";;".join(save_filters()))
    return path, selected


def remembered_folder() -> str:
    """The folder of the last spreadsheet imported or exported, else Documents (or home)."""
    folder = settings().value(SPREADSHEET_FOLDER_KEY)
    if isinstance(folder, str) and folder and Path(folder).is_dir():
        return folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else QDir.homePath()


def remember_folder(path: Path) -> None:
    settings().setValue(SPREADSHEET_FOLDER_KEY, str(path.parent))


# --- reading the model ------------------------------------------------------------------


def cell_value(value: object) -> WritableCell:
    """What a DisplayRole value becomes in the file: dates and numbers as such, the rest as text."""
    if value is None or isinstance(value, bool | int | float | Decimal | date):
        return value  # type: ignore[return-value]
    if isinstance(value, QDateTime):
        return value.toPython()  # type: ignore[no-any-return]
    if isinstance(value, QDate):
        return value.toPython()  # type: ignore[no-any-return]
    text = str(value)
    if match := _DATE_RE.fullmatch(text.strip()):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return text
    if _DECIMAL_RE.fullmatch(text.strip()):
        try:
            return Decimal(text.strip().replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
            return text
    return text


def model_table(model: QAbstractItemModel) -> tuple[list[str], list[list[WritableCell]]]:
    """The horizontal header and the display values of every top-level row of ``model``, as shown."""
    columns = model.columnCount()
    headers = []
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        headers.append("" if header is None else str(header))
    rows = [
        [
            cell_value(model.index(row, column, QModelIndex()).data(Qt.ItemDataRole.DisplayRole))
            for column in range(columns)
        ]
        for row in range(model.rowCount())
    ]
    return headers, rows


def exported_message(model: QAbstractItemModel, path: Path) -> str:
    """For the status bar: "12 linhas exportadas para /home/.../alunos.xlsx"."""
    linhas = model.rowCount()
    if linhas == 1:
        return translate("exportar", "1 linha exportada para {path}.").format(path=path)
    return translate("exportar", "{n} linhas exportadas para {path}.").format(n=QLocale().toString(linhas), path=path)


# --- exporting --------------------------------------------------------------------------


def _with_extension(name: str) -> str:
    return name if Path(name).suffix.lower() in EXTENSIONS else name + DEFAULT_EXTENSION


def export_model(
    parent: QWidget | None,
    model: QAbstractItemModel,
    suggested_name: str,
    *,
    title: str | None = None,
    folder: str | Path | None = None,
) -> Path | None:
    """Ask where to save, then write what ``model`` shows there as ``.xlsx`` or ``.csv``.

    Args:
        model: the model a view shows (its sort/filter proxy, to keep the order and filter).
        suggested_name: a file name such as ``"alunos.xlsx"`` (``.xlsx`` is added when it
            has neither extension); an absolute path is used as it is.
        title: of the file dialog and of error messages; "Exportar lista" when omitted.
        folder: where the file dialog opens; the last spreadsheet's folder when omitted.

    Returns:
        The file written, or None when the user cancelled or the file could not be written
        (the error was shown, in Portuguese).
    """
    title = title or translate("exportar", "Exportar lista")
    suggested = Path(_with_extension(suggested_name))
    if not suggested.is_absolute():
        suggested = Path(folder or remembered_folder()) / suggested
    chosen, selected_filter = ask_export_path(parent, title, str(suggested))
    if not chosen:
        return None
    path = with_filter_extension(chosen, selected_filter)
    # The file dialog asked about replacing the name typed, not the one with the extension added.
    if str(path) != chosen and path.exists():
        question = translate("exportar", "O arquivo {name} já existe. Substituir?").format(name=path.name)
        if not messages.ask_yes_no(parent, title, question):
            return None
    try:
        with wait_cursor():
            headers, rows = model_table(model)
            write_table(path, headers, rows)
    except EscolaError as exc:
        messages.show_error(parent, title, translate_error(exc))
        return None
    except Exception:
        messages.report_unexpected_error(parent)
        return None
    remember_folder(path)
    return path


__all__ = [
    "ask_export_path",
    "cell_value",
    "export_model",
    "exported_message",
    "model_table",
    "remembered_folder",
]
