"""The table models of the turmas and their alunos (the Turmas page and its forms show them), and
the few words they and the forms write: a turno, a situação, the vagas, a list of names."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette

from escola_gui.core.escola import AnoLetivoRow
from escola_gui.core.models import TURNOS
from escola_gui.core.text import normalize_text
from escola_gui.core.turmas import TURNO_LABELS, EnturmacaoRow, HistoricoSituacaoRow, TurmaRow
from escola_gui.gui.table_models import ID_ROLE, Column, RecordTableModel
from escola_gui.gui.toolkit.formatting import format_date, format_datetime, situacao_label
from escola_gui.gui.toolkit.text import translate, translate_validation

RowT = TypeVar("RowT")
_ModelIndex = QModelIndex | QPersistentModelIndex

# The role the enturmação list filters on: the nome without accents, and the RA.
FILTER_ROLE = Qt.ItemDataRole.UserRole + 20
_SORT_DIGITS = 12


def sort_key(value: str | None) -> str:
    """Accents and case folded, numbers padded, so that "6º ano B" sorts before "10º ano A"."""
    return re.sub(r"\d+", lambda m: m.group().zfill(_SORT_DIGITS), normalize_text(value))


def turno_label(code: str) -> str:
    return translate_validation(TURNO_LABELS.get(code, code))


def vagas_text(row: TurmaRow) -> str:
    """``28/30``: alunos in the turma now, of the vagas (just ``28`` when it has no limit)."""
    return str(row.alunos) if row.vagas is None else f"{row.alunos}/{row.vagas}"


def plural(count: int, one: str, many: str, **values: object) -> str:
    """``one`` or ``many`` by ``count``, with ``{n}`` and the other ``values`` filled in."""
    return (one if count == 1 else many).format(n=count, **values)


def _join(parts: Sequence[str]) -> str:
    """``a``; ``a e b``; ``a, b e c``."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + translate("turmas", " e ") + parts[-1]


def _nomes(rows: Sequence[EnturmacaoRow], limit: int = 5) -> str:
    nomes = [r.aluno_nome for r in rows]
    if len(nomes) <= limit:
        return _join(nomes)
    return ", ".join(nomes[:limit]) + translate("turmas", " e mais {n}").format(n=len(nomes) - limit)


def _ano_text(ano: AnoLetivoRow) -> str:
    if ano.encerrado:
        return QCoreApplication.translate("turmas", "{ano} (encerrado)").format(ano=ano.ano)
    return str(ano.ano)


def _html(text: str) -> str:
    return html.escape(text)


# --- models ---------------------------------------------------------------------------


class _StyledModel(RecordTableModel[RowT]):
    """A :class:`RecordTableModel` whose rows can be greyed, set in italic and explained."""

    def grey(self, row: RowT) -> bool:
        return False

    def italic(self, row: RowT, column: int) -> bool:
        return False

    def tooltip(self, row: RowT, column: int) -> str | None:
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tooltip(row, index.column())
            if tip is not None:
                return tip
        if role == Qt.ItemDataRole.FontRole and self.italic(row, index.column()):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and self.grey(row):
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == ID_ROLE and not hasattr(row, "id"):
            return None
        return super().data(index, role)


class TurmaTableModel(RecordTableModel[TurmaRow]):
    """The turmas of the list; the last column (the ano) is hidden when one year is shown."""

    CONTEXT = "TurmaTableModel"
    ANO_COLUMN = 5
    COLUMNS: ClassVar[Sequence[Column[TurmaRow]]] = (
        Column(QT_TRANSLATE_NOOP("TurmaTableModel", "Turma"), lambda r: r.nome, lambda r: sort_key(r.nome)),
        Column(
            QT_TRANSLATE_NOOP("TurmaTableModel", "Etapa"),
            lambda r: r.etapa or translate("TurmaTableModel", "{serie} (sem etapa)").format(serie=r.serie),
            # (the catalogue's ids follow its order: creche first, EJA last; revision 0013)
            lambda r: (r.etapa_id is None, r.etapa_id or 0, sort_key(r.serie)),
            missing=lambda r: r.etapa is None,
        ),
        Column(
            QT_TRANSLATE_NOOP("TurmaTableModel", "Turno"),
            lambda r: turno_label(r.turno),
            lambda r: TURNOS.index(r.turno) if r.turno in TURNOS else len(TURNOS),
        ),
        Column(QT_TRANSLATE_NOOP("TurmaTableModel", "Sala"), lambda r: r.sala or "", lambda r: sort_key(r.sala)),
        Column(
            QT_TRANSLATE_NOOP("TurmaTableModel", "Alunos/vagas"),
            vagas_text,
            lambda r: r.alunos,
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("TurmaTableModel", "Ano"), lambda r: str(r.ano), lambda r: r.ano, align_right=True),
    )


def _situacao_text(row: EnturmacaoRow) -> str:
    text = situacao_label(row.situacao)
    return text + translate("turmas", " (manual)") if row.manual else text


class RosterTableModel(_StyledModel[EnturmacaoRow]):
    """A turma's alunos; the row id is the enturmação's. Those who left are grey, and a
    situação set by hand shows "(manual)" in italic, with the motivo as its tooltip."""

    CONTEXT = "RosterTableModel"
    ENTRADA_COLUMN = 2
    SITUACAO_COLUMN = 4
    COLUMNS: ClassVar[Sequence[Column[EnturmacaoRow]]] = (
        Column(
            QT_TRANSLATE_NOOP("RosterTableModel", "Aluno"), lambda r: r.aluno_nome, lambda r: sort_key(r.aluno_nome)
        ),
        Column(QT_TRANSLATE_NOOP("RosterTableModel", "RA"), lambda r: r.ra, lambda r: sort_key(r.ra)),
        Column(
            QT_TRANSLATE_NOOP("RosterTableModel", "Entrada"),
            lambda r: format_date(r.data_entrada),
            lambda r: r.data_entrada.isoformat(),
        ),
        Column(
            QT_TRANSLATE_NOOP("RosterTableModel", "Saída"),
            lambda r: format_date(r.data_saida),
            lambda r: r.data_saida.isoformat() if r.data_saida else "",
        ),
        Column(
            QT_TRANSLATE_NOOP("RosterTableModel", "Situação"), _situacao_text, lambda r: sort_key(_situacao_text(r))
        ),
    )

    def grey(self, row: EnturmacaoRow) -> bool:
        return not row.ativa

    def italic(self, row: EnturmacaoRow, column: int) -> bool:
        return row.manual and column == self.SITUACAO_COLUMN

    def tooltip(self, row: EnturmacaoRow, column: int) -> str | None:
        if column == self.SITUACAO_COLUMN and row.manual:
            text = QCoreApplication.translate("RosterTableModel", "Alterada manualmente. Motivo: {motivo}").format(
                motivo=row.motivo or "—"
            )
            if row.destino is not None:
                text += "\n" + QCoreApplication.translate(
                    "RosterTableModel", "Transferido para {escola}, {municipio}/{uf}"
                ).format(escola=row.destino.escola, municipio=row.destino.municipio, uf=row.destino.uf)
            return text
        if column == self.SITUACAO_COLUMN:
            return QCoreApplication.translate("RosterTableModel", "Calculada pelas notas e pela frequência")
        if column == self.ENTRADA_COLUMN and row.origem is not None:
            return QCoreApplication.translate(
                "RosterTableModel", "Transferência recebida de {escola}, {municipio}/{uf}"
            ).format(escola=row.origem.escola, municipio=row.origem.municipio, uf=row.origem.uf)
        return None


class HistoricoTableModel(_StyledModel[HistoricoSituacaoRow]):
    """The manual changes of an enturmação's situação, oldest first."""

    CONTEXT = "HistoricoTableModel"
    COLUMNS: ClassVar[Sequence[Column[HistoricoSituacaoRow]]] = (
        Column(
            QT_TRANSLATE_NOOP("HistoricoTableModel", "Quando"),
            lambda r: format_datetime(r.alterado_em),
            lambda r: str(r.alterado_em),
        ),
        Column(
            QT_TRANSLATE_NOOP("HistoricoTableModel", "De"),
            lambda r: situacao_label(r.situacao_anterior),
            lambda r: situacao_label(r.situacao_anterior),
        ),
        Column(
            QT_TRANSLATE_NOOP("HistoricoTableModel", "Para"),
            lambda r: situacao_label(r.situacao_nova),
            lambda r: situacao_label(r.situacao_nova),
        ),
        Column(QT_TRANSLATE_NOOP("HistoricoTableModel", "Motivo"), lambda r: r.motivo, lambda r: sort_key(r.motivo)),
    )


class CandidatosModel(QAbstractTableModel):
    """Alunos that can enter a turma, each with a check box; a click anywhere on the row
    (or the space bar) toggles it, so the box needs no aiming."""

    checked_changed = Signal()
    HEADERS = (QT_TRANSLATE_NOOP("CandidatosModel", "Aluno"), QT_TRANSLATE_NOOP("CandidatosModel", "RA"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, str, str]] = []
        self._checked: set[int] = set()

    def reload(self, rows: Sequence[tuple[int, str, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checked &= {r[0] for r in self._rows}
        self.endResetModel()
        self.checked_changed.emit()

    def checked_ids(self) -> list[int]:
        """The checked alunos, in the list's order."""
        return [r[0] for r in self._rows if r[0] in self._checked]

    def set_checked(self, rows: Sequence[int], checked: bool) -> None:
        """Check or uncheck the given rows."""
        for row in rows:
            aluno_id = self._rows[row][0]
            if checked:
                self._checked.add(aluno_id)
            else:
                self._checked.discard(aluno_id)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), 0), [Qt.ItemDataRole.CheckStateRole])
            self.checked_changed.emit()

    def toggle(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.set_checked([row], self._rows[row][0] not in self._checked)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``columnCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        aluno_id, nome, ra = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return nome if index.column() == 0 else ra
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if aluno_id in self._checked else Qt.CheckState.Unchecked
        if role == FILTER_ROLE:
            return f"{normalize_text(nome)} {ra}"
        if role == ID_ROLE:
            return aluno_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``headerData()`` of QAbstractItemModel."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return QCoreApplication.translate("CandidatosModel", self.HEADERS[section])
        return super().headerData(section, orientation, role)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        """Override ``flags()`` of QAbstractItemModel: the row's click toggles the box (see the dialog)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
