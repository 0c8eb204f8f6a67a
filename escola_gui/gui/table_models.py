"""Table models for the Alunos, Cursos and Matrículas tabs.

Each model holds a list of the services' frozen row dataclasses. Sorting happens in a
:class:`QSortFilterProxyModel` (see :func:`make_sort_proxy`) on :data:`SORT_ROLE`, which
returns raw comparable values (ISO dates, numbers) instead of the display text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPalette

from escola_gui.core.db import normalize_text
from escola_gui.core.services import AlunoRow, CursoRow, MatriculaRow
from escola_gui.core.validation import format_cpf

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_ModelIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


def format_date(value: date | None) -> str:
    """Dates as the office writes them: dd/mm/aaaa."""
    return value.strftime("%d/%m/%Y") if value else ""


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


def _sim_nao(value: bool) -> str:
    return (
        QCoreApplication.translate("AlunoTableModel", "Sim")
        if value
        else QCoreApplication.translate("AlunoTableModel", "Não")
    )


_DIGITS_RE = re.compile(r"\d+")


def _text_key(value: str | None) -> str:
    # Accents and case folded, so that "Érica" sorts with the E's even where the locale
    # collation is plain C (the offscreen test platform, minimal installs). Numbers are
    # padded so that "Turma 2" comes before "Turma 10".
    return _DIGITS_RE.sub(lambda match: match.group().zfill(12), normalize_text(value))


def _date_key(value: date | None) -> str:
    # ISO text compares in date order, and "" puts the unknown dates first.
    return value.isoformat() if value else ""


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _data_matricula_text(row: MatriculaRow) -> str:
    # Only matrículas from a 0.x file lack a date; their original text is in observacoes.
    if row.data_matricula is None:
        return QCoreApplication.translate("MatriculaTableModel", "não informada")
    return format_date(row.data_matricula)


class AlunoTableModel(RecordTableModel[AlunoRow]):
    CONTEXT = "AlunoTableModel"
    COLUMNS: ClassVar[Sequence[Column[AlunoRow]]] = (
        Column(QT_TRANSLATE_NOOP("AlunoTableModel", "Nome"), lambda r: r.nome, lambda r: _text_key(r.nome)),
        # Second, so that Nome stays the first column and the default sort.
        Column(QT_TRANSLATE_NOOP("AlunoTableModel", "RA"), lambda r: r.ra, lambda r: _text_key(r.ra)),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "E-mail"),
            lambda r: r.email or "",
            lambda r: _text_key(r.email),
        ),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "CPF"),
            lambda r: format_cpf(r.cpf),
            lambda r: _text_key(r.cpf),
        ),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "Telefones"),
            lambda r: ", ".join(r.telefones),
            lambda r: ", ".join(r.telefones),
        ),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "Nascimento"),
            lambda r: format_date(r.data_nascimento),
            lambda r: _date_key(r.data_nascimento),
        ),
        Column(
            QT_TRANSLATE_NOOP("AlunoTableModel", "Ativo"),
            lambda r: _sim_nao(r.ativo),
            lambda r: int(r.ativo),
            align_center=True,
        ),
    )


class CursoTableModel(RecordTableModel[CursoRow]):
    CONTEXT = "CursoTableModel"
    COLUMNS: ClassVar[Sequence[Column[CursoRow]]] = (
        Column(QT_TRANSLATE_NOOP("CursoTableModel", "Nome"), lambda r: r.nome, lambda r: _text_key(r.nome)),
        Column(
            QT_TRANSLATE_NOOP("CursoTableModel", "Carga horária (h)"),
            lambda r: "" if r.carga_horaria is None else str(r.carga_horaria),
            lambda r: -1 if r.carga_horaria is None else r.carga_horaria,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("CursoTableModel", "Matrículas"),
            lambda r: str(r.matriculas),
            lambda r: r.matriculas,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("CursoTableModel", "Descrição"),
            lambda r: _one_line(r.descricao),
            lambda r: _text_key(r.descricao),
        ),
    )


class MatriculaTableModel(RecordTableModel[MatriculaRow]):
    CONTEXT = "MatriculaTableModel"
    COLUMNS: ClassVar[Sequence[Column[MatriculaRow]]] = (
        Column(
            QT_TRANSLATE_NOOP("MatriculaTableModel", "Aluno"),
            lambda r: r.aluno_nome,
            lambda r: _text_key(r.aluno_nome),
        ),
        Column(
            QT_TRANSLATE_NOOP("MatriculaTableModel", "Curso"),
            lambda r: r.curso_nome,
            lambda r: _text_key(r.curso_nome),
        ),
        Column(
            QT_TRANSLATE_NOOP("MatriculaTableModel", "Data da matrícula"),
            _data_matricula_text,
            lambda r: _date_key(r.data_matricula),  # the ones without a date sort first
            missing=lambda r: r.data_matricula is None,
        ),
        Column(
            QT_TRANSLATE_NOOP("MatriculaTableModel", "Observações"),
            lambda r: _one_line(r.observacoes),
            lambda r: _text_key(r.observacoes),
        ),
    )


def make_sort_proxy(model: RecordTableModel[Any], parent: QObject | None = None) -> QSortFilterProxyModel:
    """A proxy that sorts ``model`` on :data:`SORT_ROLE`, comparing text as the locale does."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortLocaleAware(True)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
