"""What every list's table model shares: the columns, the read-only base model, the sort proxy.

Each model holds a list of the services' frozen row dataclasses. Sorting happens in a
:class:`QSortFilterProxyModel` (see :func:`make_sort_proxy`) on :data:`SORT_ROLE`, which
returns raw comparable values (ISO dates, numbers) instead of the display text. Each page's
own models live with the page (:mod:`escola_gui.gui.pages.alunos_model`,
:mod:`~escola_gui.gui.pages.cursos`, :mod:`~escola_gui.gui.pages.matriculas`...).

This module imports neither SQLAlchemy nor the core's ORM modules: the Alunos list is built
on it before they are imported (see :mod:`escola_gui.gui.pages.alunos`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPalette

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_ModelIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """One column: its untranslated header, its display text and its sort key."""

    header: str
    display: Callable[[RowT], str]
    sort_key: Callable[[RowT], Any]
    align_right: bool = False
    align_center: bool = False
    # True where the cell shows a placeholder ("não informada") rather than a value; drawn grey.
    missing: Callable[[RowT], bool] | None = None


class RecordTableModel(QAbstractTableModel, Generic[RowT]):
    """A read-only table over rows that have an ``id``; subclasses define ``COLUMNS``."""

    COLUMNS: ClassVar[Sequence[Column[Any]]] = ()
    CONTEXT: ClassVar[str] = "RecordTableModel"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    def reload(self, rows: Sequence[RowT]) -> None:
        """Replace every row (after a search or an edit)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``columnCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.display(row)
        if role == SORT_ROLE:
            return column.sort_key(row)
        if role == ID_ROLE:
            return row.id  # type: ignore[attr-defined]
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_center:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.missing is not None and column.missing(row):
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``headerData()`` of QAbstractItemModel."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section].header)
        return super().headerData(section, orientation, role)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        """Override ``flags()`` of QAbstractItemModel: rows are selected, never edited in place."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


_DIGITS_RE = re.compile(r"\d+")


def text_key(value: str | None) -> str:
    """The sort key of a text column."""
    from escola_gui.core.text import normalize_text

    # Accents and case folded, so that "Érica" sorts with the E's even where the locale
    # collation is plain C (the offscreen test platform, minimal installs). Numbers are
    # padded so that "Turma 2" comes before "Turma 10".
    return _DIGITS_RE.sub(lambda match: match.group().zfill(12), normalize_text(value))


def date_key(value: date | None) -> str:
    """The sort key of a date column."""
    # ISO text compares in date order, and "" puts the unknown dates first.
    return value.isoformat() if value else ""


def one_line(value: str | None) -> str:
    """A text of several lines (observações) on one line of a list."""
    return " ".join((value or "").split())


def make_sort_proxy(model: RecordTableModel[Any], parent: QObject | None = None) -> QSortFilterProxyModel:
    """A proxy that sorts ``model`` on :data:`SORT_ROLE`, comparing text as the locale does."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortLocaleAware(True)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
