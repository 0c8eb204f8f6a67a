"""Importing alunos and their responsáveis from a spreadsheet: the preview dialog, and the file
pickers for import and export.

The main window reads the file (under a wait cursor) before :class:`ImportDialog` opens. The
dialog maps the file's columns to fields (of the aluno, the mãe, the pai or another
responsável), shows what importing would do (new alunos with their responsáveis, changes with
before → after, lines with problems and the column at fault) and imports in one call, all or
nothing, only when no line has a problem and something would change.

The file pickers (:func:`ask_open_spreadsheet`, :func:`ask_save_spreadsheet`) are
module-level so that tests can replace them with ``monkeypatch``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.documentos import format_certidao, format_nis
from escola_gui.core.errors import EscolaError
from escola_gui.core.importacao.errors import (
    ImportacaoCanceladaError,
    ImportacaoDesatualizadaError,
    MapeamentoInvalidoError,
)
from escola_gui.core.importacao.headers import map_headers
from escola_gui.core.importacao.reporting import summarize
from escola_gui.core.importacao.results import (
    BadRow,
    FieldChange,
    ImportPreview,
    ImportResult,
    Problem,
    ResponsavelAction,
    RowAction,
)
from escola_gui.core.planilha_service import PlanilhaService
from escola_gui.core.planilhas import Table
from escola_gui.core.text import format_count
from escola_gui.core.validation import format_cep, format_cpf
from escola_gui.gui.forms.responsaveis import parentesco_label
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.background import BackgroundOp, show_failure
from escola_gui.gui.toolkit.forms import ERROR_STYLE
from escola_gui.gui.toolkit.text import translate, translate_core, translate_error, translate_validation

_ModelIndex = QModelIndex | QPersistentModelIndex

CONTEXT = "ImportDialog"
ERROR_COLOR = QColor("#b3261e")
# Column pickers per row of the mapping grid: two keep a ten-column file short.
MAPPING_PAIRS_PER_ROW = 2
DIALOG_MIN_SIZE = (860, 600)
CONFLICTS_TAB = 3
PROBLEMS_TAB = 4
SETTINGS_ORGANIZATION = "Escola"  # as the main window's (exportar imports this module)
SETTINGS_APPLICATION = "Escola"
MAPPING_KEY = "importacao/colunas/"
"""QSettings group of the column mappings the user imported with, one per set of headers."""
WORKER_PREVIEW_ROWS = 1000
"""From this many lines on, the preview runs in a worker with a progress bar and Cancelar (the
import always does)."""


# --- file pickers (replaced in tests) ---------------------------------------------------


def open_filter() -> str:
    return translate("ImportDialog", "Planilhas (*.csv *.xlsx)")


def save_filters() -> tuple[str, str]:
    """The export formats; the first one is the default."""
    return translate("ImportDialog", "Planilha do Excel (*.xlsx)"), translate(
        "ImportDialog", "CSV separado por ponto e vírgula (*.csv)"
    )


def ask_open_spreadsheet(parent: QWidget | None, title: str, folder: str) -> str:
    """The spreadsheet the user picks to import, or "" when they cancel."""
    path, _selected = QFileDialog.getOpenFileName(parent, title, folder, open_filter())
    return path


def ask_save_spreadsheet(parent: QWidget | None, title: str, suggested: str) -> tuple[str, str]:
    """The path the user types to export to ("" when they cancel) and the filter they chose."""
    path, selected = QFileDialog.getSaveFileName(parent, title, suggested, ";;".join(save_filters()))
    return path, selected


_FILTER_EXTENSION_RE = re.compile(r"\*(\.[A-Za-z0-9]+)")


def with_filter_extension(path: str | Path, selected_filter: str) -> Path:
    """``path`` with the chosen filter's extension added when it has no ``.csv``/``.xlsx`` one.

    A name the user typed with one of the two extensions is kept as typed, whatever the filter.
    """
    path = Path(path)
    if path.suffix.lower() in (".csv", ".xlsx"):
        return path
    match = _FILTER_EXTENSION_RE.search(selected_filter)
    extension = match.group(1) if match else ".xlsx"
    return path.with_name(path.name + extension)


# --- texts ------------------------------------------------------------------------------

# The fields a column can go to, in groups separated in the column pickers.
FIELD_GROUPS: tuple[tuple[tuple[str, str], ...], ...] = (
    (
        ("nome", QT_TRANSLATE_NOOP("ImportDialog", "Nome")),
        ("nome_social", QT_TRANSLATE_NOOP("ImportDialog", "Nome social")),
        ("email", QT_TRANSLATE_NOOP("ImportDialog", "E-mail")),
        ("cpf", QT_TRANSLATE_NOOP("ImportDialog", "CPF")),
        ("data_nascimento", QT_TRANSLATE_NOOP("ImportDialog", "Data de nascimento")),
        ("outros_emails", QT_TRANSLATE_NOOP("ImportDialog", "Outros e-mails")),
        ("telefones", QT_TRANSLATE_NOOP("ImportDialog", "Telefones")),
        ("ativo", QT_TRANSLATE_NOOP("ImportDialog", "Ativo")),
        ("ra", QT_TRANSLATE_NOOP("ImportDialog", "RA")),
    ),
    (
        ("sexo", QT_TRANSLATE_NOOP("ImportDialog", "Sexo")),
        ("cor_raca", QT_TRANSLATE_NOOP("ImportDialog", "Cor/raça")),
        ("rg", QT_TRANSLATE_NOOP("ImportDialog", "RG")),
        ("certidao_nascimento", QT_TRANSLATE_NOOP("ImportDialog", "Certidão de nascimento")),
        ("nis", QT_TRANSLATE_NOOP("ImportDialog", "NIS")),
        ("codigo_inep", QT_TRANSLATE_NOOP("ImportDialog", "Código INEP")),
    ),
    (
        ("cep", QT_TRANSLATE_NOOP("ImportDialog", "CEP")),
        ("logradouro", QT_TRANSLATE_NOOP("ImportDialog", "Logradouro")),
        ("numero", QT_TRANSLATE_NOOP("ImportDialog", "Número")),
        ("complemento", QT_TRANSLATE_NOOP("ImportDialog", "Complemento")),
        ("bairro", QT_TRANSLATE_NOOP("ImportDialog", "Bairro")),
        ("municipio", QT_TRANSLATE_NOOP("ImportDialog", "Município")),
        ("uf", QT_TRANSLATE_NOOP("ImportDialog", "UF")),
    ),
    (
        ("mae_nome", QT_TRANSLATE_NOOP("ImportDialog", "Nome da mãe")),
        ("mae_cpf", QT_TRANSLATE_NOOP("ImportDialog", "CPF da mãe")),
        ("mae_telefones", QT_TRANSLATE_NOOP("ImportDialog", "Telefone da mãe")),
    ),
    (
        ("pai_nome", QT_TRANSLATE_NOOP("ImportDialog", "Nome do pai")),
        ("pai_cpf", QT_TRANSLATE_NOOP("ImportDialog", "CPF do pai")),
        ("pai_telefones", QT_TRANSLATE_NOOP("ImportDialog", "Telefone do pai")),
    ),
    (
        ("responsavel_nome", QT_TRANSLATE_NOOP("ImportDialog", "Nome do responsável")),
        ("responsavel_cpf", QT_TRANSLATE_NOOP("ImportDialog", "CPF do responsável")),
        ("responsavel_telefones", QT_TRANSLATE_NOOP("ImportDialog", "Telefone do responsável")),
        ("responsavel_parentesco", QT_TRANSLATE_NOOP("ImportDialog", "Parentesco do responsável")),
        ("responsavel_legal", QT_TRANSLATE_NOOP("ImportDialog", "Responsável legal")),
    ),
)
FIELD_CHOICES = tuple(choice for group in FIELD_GROUPS for choice in group)
_FIELD_LABELS = dict(FIELD_CHOICES)
# The census categories as the aluno form shows them.
_SEXO_LABELS = {"F": QT_TRANSLATE_NOOP("ImportDialog", "Feminino"), "M": QT_TRANSLATE_NOOP("ImportDialog", "Masculino")}
_COR_RACA_LABELS = {
    "nao_declarada": QT_TRANSLATE_NOOP("ImportDialog", "Não declarada"),
    "branca": QT_TRANSLATE_NOOP("ImportDialog", "Branca"),
    "preta": QT_TRANSLATE_NOOP("ImportDialog", "Preta"),
    "parda": QT_TRANSLATE_NOOP("ImportDialog", "Parda"),
    "amarela": QT_TRANSLATE_NOOP("ImportDialog", "Amarela"),
    "indigena": QT_TRANSLATE_NOOP("ImportDialog", "Indígena"),
}
# What changes about a responsável or a link, in the Atualizados tab.
_RESPONSAVEL_CHANGE_LABELS = {
    "nome": QT_TRANSLATE_NOOP("ImportDialog", "nome"),
    "cpf": QT_TRANSLATE_NOOP("ImportDialog", "CPF"),
    "telefones": QT_TRANSLATE_NOOP("ImportDialog", "telefones"),
    "parentesco": QT_TRANSLATE_NOOP("ImportDialog", "parentesco"),
    "responsavel_legal": QT_TRANSLATE_NOOP("ImportDialog", "responsável legal"),
}


def field_label(field: str) -> str:
    return translate("ImportDialog", _FIELD_LABELS.get(field, field))


def count_summary(novos: int, atualizados: int, sem_mudanca: int, com_problema: int | None = None) -> str:
    """``"3 novos, 1 atualizado, 2 sem mudança, 1 com problema"``."""
    parts = [
        translate("ImportDialog", "1 novo")
        if novos == 1
        else translate("ImportDialog", "{n} novos").format(n=format_count(novos)),
        translate("ImportDialog", "1 atualizado")
        if atualizados == 1
        else translate("ImportDialog", "{n} atualizados").format(n=format_count(atualizados)),
        translate("ImportDialog", "{n} sem mudança").format(n=format_count(sem_mudanca)),
    ]
    if com_problema is not None:
        parts.append(translate("ImportDialog", "{n} com problema").format(n=format_count(com_problema)))
    return ", ".join(parts)


def responsaveis_summary(novos: int, atualizados: int, vinculos_novos: int, vinculos_alterados: int) -> str:
    """``"2 responsáveis novos, 3 vínculos novos"``: the counts that are not zero, or ""."""
    parts = []
    if novos:
        parts.append(
            translate("ImportDialog", "1 responsável novo")
            if novos == 1
            else translate("ImportDialog", "{n} responsáveis novos").format(n=novos)
        )
    if atualizados:
        parts.append(
            translate("ImportDialog", "1 responsável atualizado")
            if atualizados == 1
            else translate("ImportDialog", "{n} responsáveis atualizados").format(n=atualizados)
        )
    if vinculos_novos:
        parts.append(
            translate("ImportDialog", "1 vínculo novo")
            if vinculos_novos == 1
            else translate("ImportDialog", "{n} vínculos novos").format(n=vinculos_novos)
        )
    if vinculos_alterados:
        parts.append(
            translate("ImportDialog", "1 vínculo alterado")
            if vinculos_alterados == 1
            else translate("ImportDialog", "{n} vínculos alterados").format(n=vinculos_alterados)
        )
    return ", ".join(parts)


def result_summary(result: ImportResult) -> str:
    """What an import did, for the status bar."""
    counts = count_summary(result.inserted, result.updated, result.unchanged)
    responsaveis = responsaveis_summary(
        result.responsaveis_novos, result.responsaveis_atualizados, result.vinculos_novos, result.vinculos_alterados
    )
    if responsaveis:
        counts = f"{counts}; {responsaveis}"
    left_out = []
    if result.conflicts_skipped:
        left_out.append(
            translate("ImportDialog", "1 linha em conflito ficou de fora")
            if result.conflicts_skipped == 1
            else translate("ImportDialog", "{n} linhas em conflito ficaram de fora").format(
                n=format_count(result.conflicts_skipped)
            )
        )
    if result.set_aside:
        left_out.append(
            translate("ImportDialog", "1 linha com problema ficou de fora")
            if result.set_aside == 1
            else translate("ImportDialog", "{n} linhas com problema ficaram de fora").format(
                n=format_count(result.set_aside)
            )
        )
    if left_out:
        counts = f"{counts}; {'; '.join(left_out)}"
    return translate("ImportDialog", "Importação concluída: {counts}.").format(counts=counts)


def problem_text(problem: Problem) -> str:
    """The column, the translated message, then the value read or the other lines in parentheses."""
    message = translate_validation(problem.message)
    text = f"{message} ({problem.detail})" if problem.detail else message
    return f"{problem.column}: {text}" if problem.column else text


def _sim_nao(value: bool) -> str:
    return translate("ImportDialog", "Sim") if value else translate("ImportDialog", "Não")


def _value_text(field: str, value: object) -> str:
    if value is None or value == "" or value == ():
        return translate("ImportDialog", "(vazio)")
    if isinstance(value, bool):
        return _sim_nao(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, tuple):
        return " / ".join(str(v) for v in value)
    text = str(value)
    formats = {
        "cpf": format_cpf,
        "cep": format_cep,
        "nis": format_nis,
        "certidao_nascimento": format_certidao,
        "parentesco": parentesco_label,
        "sexo": lambda code: translate("ImportDialog", _SEXO_LABELS.get(code, code)),
        "cor_raca": lambda code: translate("ImportDialog", _COR_RACA_LABELS.get(code, code)),
    }
    return formats[field](text) if field in formats else text


def _responsaveis_text(action: RowAction) -> str:
    """``"Mãe: Maria da Silva (legal); Pai: José da Silva"``."""
    parts = []
    for r in action.responsaveis:
        text = f"{parentesco_label(r.parentesco)}: {r.data.nome}"
        parts.append(translate("ImportDialog", "{responsavel} (legal)").format(responsavel=text) if r.legal else text)
    return "; ".join(parts)


def _insert_row(action: RowAction) -> tuple[str, ...]:
    data = action.data
    return (
        str(action.line),
        data.nome,
        format_cpf(data.cpf),
        data.data_nascimento.strftime("%d/%m/%Y") if data.data_nascimento else "",
        data.email or "",
        " / ".join(data.telefones),
        _sim_nao(data.ativo),
        _responsaveis_text(action),
    )


def _change_row(action: RowAction, change: FieldChange) -> tuple[str, ...]:
    return (
        str(action.line),
        action.data.nome,
        field_label(change.field),
        _value_text(change.field, change.before),
        _value_text(change.field, change.after),
    )


def _responsavel_field(nome: str, what: str) -> str:
    return translate("ImportDialog", "{responsavel}: {campo}").format(
        responsavel=nome, campo=translate("ImportDialog", _RESPONSAVEL_CHANGE_LABELS[what])
    )


def _responsavel_rows(action: RowAction, r: ResponsavelAction) -> list[tuple[str, ...]]:
    """The Atualizados rows of one responsável of an updated aluno: a new link, then each change."""
    line, aluno = str(action.line), action.data.nome
    rows = []
    if r.new_link:
        link = parentesco_label(r.parentesco)
        if r.legal:
            link = translate("ImportDialog", "{parentesco}, responsável legal").format(parentesco=link)
        if r.new_responsavel:
            link = translate("ImportDialog", "{vinculo} (novo cadastro)").format(vinculo=link)
        rows.append((line, aluno, r.data.nome, translate("ImportDialog", "(vazio)"), link))
    for change in r.responsavel_changes + r.link_changes:
        rows.append(
            (
                line,
                aluno,
                _responsavel_field(r.data.nome, change.field),
                _value_text(change.field, change.before),
                _value_text(change.field, change.after),
            )
        )
    return rows


_IDENTITY_LABELS = {
    "nome": QT_TRANSLATE_NOOP("ImportDialog", "Nome"),
    "data_nascimento": QT_TRANSLATE_NOOP("ImportDialog", "Nascimento"),
    "cpf": QT_TRANSLATE_NOOP("ImportDialog", "CPF"),
    "mae_nome": QT_TRANSLATE_NOOP("ImportDialog", "Mãe"),
    "mae_cpf": QT_TRANSLATE_NOOP("ImportDialog", "CPF da mãe"),
}
_MATCHED_BY = {
    "ra": QT_TRANSLATE_NOOP("ImportDialog", "mesmo RA"),
    "cpf": QT_TRANSLATE_NOOP("ImportDialog", "mesmo CPF"),
    "nome": QT_TRANSLATE_NOOP("ImportDialog", "mesmo nome e nascimento, sem CPF"),
}


def _conflict_row(action: RowAction) -> tuple[str, ...]:
    """Linha, why it matched, the registered version, the file's, and every change before → after."""
    assert action.conflict is not None
    differences = action.conflict.differences
    field = "cpf"

    def side(before: bool) -> str:
        return "\n".join(
            "{label}: {value}".format(
                label=translate("ImportDialog", _IDENTITY_LABELS[d.field]),
                value=_value_text(field if d.field.endswith("cpf") else d.field, d.before if before else d.after),
            )
            for d in differences
        )

    changes = "\n".join(f"{row[2]}: {row[3]} → {row[4]}" for row in _update_rows(action))
    return (
        str(action.line),
        translate("ImportDialog", _MATCHED_BY[action.conflict.matched_by]),
        side(True),
        side(False),
        changes,
    )


def _bad_rows(bad_rows: Sequence[BadRow]) -> list[tuple[str, ...]]:
    """Linha, aluno, problems; lines with the same problems after the first three are counted."""
    rows = []
    for bad, more in summarize(bad_rows):
        text = "\n".join(problem_text(p) for p in bad.problems)
        if more:
            more_text = (
                translate("ImportDialog", "… e mais 1 linha com o mesmo problema")
                if more == 1
                else translate("ImportDialog", "… e mais {n} linhas com o mesmo problema").format(n=format_count(more))
            )
            text = f"{text}\n{more_text}"
        rows.append((str(bad.line), bad.nome, text))
    return rows


def mapping_key(headers: Sequence[str]) -> str:
    """The QSettings key of the column mapping for a file with these headers (in any order)."""
    names = "\n".join(sorted({h.strip().casefold() for h in headers}))
    return MAPPING_KEY + hashlib.sha256(names.encode("utf-8")).hexdigest()[:32]


def remembered_mapping(headers: Sequence[str]) -> dict[str, str | None]:
    """The mapping last imported with for this set of headers, or {}."""
    value = QSettings(SETTINGS_ORGANIZATION, SETTINGS_APPLICATION).value(mapping_key(headers))
    try:
        mapping = json.loads(str(value)) if value else {}
    except ValueError:
        return {}
    if not isinstance(mapping, dict):
        return {}
    return {str(k): (str(f) if f is not None else None) for k, f in mapping.items()}


def remember_mapping(headers: Sequence[str], mapping: dict[str, str | None]) -> None:
    QSettings(SETTINGS_ORGANIZATION, SETTINGS_APPLICATION).setValue(
        mapping_key(headers), json.dumps(mapping, ensure_ascii=False)
    )


def _update_rows(action: RowAction) -> list[tuple[str, ...]]:
    rows = [_change_row(action, change) for change in action.changes]
    for r in action.responsaveis:
        rows.extend(_responsavel_rows(action, r))
    for _responsavel_id, nome in action.legal_removed:
        rows.append(
            (
                str(action.line),
                action.data.nome,
                _responsavel_field(nome, "responsavel_legal"),
                _sim_nao(True),
                _sim_nao(False),
            )
        )
    return rows


# --- model ------------------------------------------------------------------------------


class PreviewTableModel(QAbstractTableModel):
    """Read-only rows of text for one tab of the preview. The first column is the line number.

    Rows of a model made with ``error=True`` are drawn in red.
    """

    def __init__(
        self, headers: Sequence[str], error: bool = False, parent: QObject | None = None, checkable: bool = False
    ) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._error = error
        self._checkable = checkable
        self._rows: list[tuple[str, ...]] = []
        self._checked: list[bool] = []

    def reload(self, rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._rows = [tuple(row) for row in rows]
        self._checked = [False] * len(self._rows)
        self.endResetModel()

    def checked_rows(self) -> list[int]:
        """The rows whose box is ticked (a checkable model)."""
        return [row for row, checked in enumerate(self._checked) if checked]

    def set_checked(self, row: int, checked: bool) -> None:
        self.setData(
            self.index(row, 0),
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Override ``setData()`` of QAbstractItemModel: the box of a checkable model's first column."""
        if not (self._checkable and index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole):
            return False
        self._checked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``columnCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and index.column() == 0:
            return Qt.CheckState.Checked if self._checked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.ForegroundRole and self._error:
            return ERROR_COLOR
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``headerData()`` of QAbstractItemModel."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        """Override ``flags()`` of QAbstractItemModel: selectable for copying, never edited."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._checkable and index.column() == 0:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# --- dialog -----------------------------------------------------------------------------


class ImportDialog(QDialog):
    """Preview of importing ``table``; Importar writes it and accepts (see ``result_value``).

    Changing a column's field runs the preview again. Errors from the core are shown in a
    message box and leave the dialog open.
    """

    def __init__(self, service: PlanilhaService, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._table = table
        self.preview_value: ImportPreview | None = None
        self.result_value: ImportResult | None = None
        self.set_aside_path: Path | None = None
        """The file the lines with problems went to ("Importar as linhas válidas")."""
        self.preview_cancelled = False
        self._preview_op: BackgroundOp[ImportPreview] | None = None
        self._import_op: BackgroundOp[tuple[ImportResult, Path | None]] | None = None
        self.setObjectName("import_dialog")
        self.setWindowTitle(self.tr("Importar alunos"))  # with their responsáveis
        self.setMinimumSize(*DIALOG_MIN_SIZE)

        rows = len(table.rows)
        self.file_label = QLabel(
            self.tr("Arquivo: {name} ({rows})").format(
                name=f"<b>{html.escape(table.path.name)}</b>",
                rows=self.tr("1 linha de dados")
                if rows == 1
                else self.tr("{n} linhas de dados").format(n=format_count(rows)),
            )
        )
        self.file_label.setObjectName("arquivo")
        self.file_label.setToolTip(str(table.path))

        self.combos = [self._column_combo(i) for i in range(len(table.headers))]
        mapping_box = QGroupBox(self.tr("Colunas da planilha"))
        mapping_layout = QVBoxLayout(mapping_box)
        explanation = QLabel(
            self.tr("Escolha o dado que cada coluna traz: do aluno, da mãe, do pai ou de outro responsável.")
        )
        explanation.setWordWrap(True)
        mapping_layout.addWidget(explanation)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        for i, combo in enumerate(self.combos):
            header = table.headers[i] or self.tr("(coluna {n} sem nome)").format(n=i + 1)
            label = QLabel(f"“{html.escape(header)}”")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setBuddy(combo)
            row, pair = divmod(i, MAPPING_PAIRS_PER_ROW)
            grid.addWidget(label, row, pair * 3, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(combo, row, pair * 3 + 1)
            grid.setColumnMinimumWidth(pair * 3 + 2, 24)
        grid.setColumnStretch(MAPPING_PAIRS_PER_ROW * 3 - 1, 1)
        mapping_layout.addLayout(grid)

        self.mapping_problems = QLabel()
        self.mapping_problems.setObjectName("problemas_colunas")
        self.mapping_problems.setStyleSheet(ERROR_STYLE)
        self.mapping_problems.setWordWrap(True)
        self.mapping_problems.setVisible(False)

        self.summary = QLabel()
        self.summary.setObjectName("resumo")
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.responsaveis_summary = QLabel()
        self.responsaveis_summary.setObjectName("resumo_responsaveis")
        self.responsaveis_summary.setVisible(False)

        self.novos_model = PreviewTableModel(
            [
                self.tr("Linha"),
                self.tr("Nome"),
                self.tr("CPF"),
                self.tr("Nascimento"),
                self.tr("E-mail"),
                self.tr("Telefones"),
                self.tr("Ativo"),
                self.tr("Responsáveis"),
            ],
            parent=self,
        )
        self.atualizados_model = PreviewTableModel(
            [self.tr("Linha"), self.tr("Aluno"), self.tr("Campo"), self.tr("Antes"), self.tr("Depois")], parent=self
        )
        self.sem_mudanca_model = PreviewTableModel([self.tr("Linha"), self.tr("Nome"), self.tr("CPF")], parent=self)
        self.conflitos_model = PreviewTableModel(
            [
                self.tr("Linha"),
                self.tr("Encontrado por"),
                self.tr("No cadastro"),
                self.tr("Na planilha"),
                self.tr("O que muda (antes → depois)"),
            ],
            parent=self,
            checkable=True,
        )
        self.conflitos_model.dataChanged.connect(lambda *_args: self._update_buttons())
        self.problemas_model = PreviewTableModel(
            [self.tr("Linha"), self.tr("Aluno"), self.tr("Problemas")], error=True, parent=self
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("abas_importacao")
        self._tab_titles: list[tuple[PreviewTableModel, str]] = []
        for model, title, name in (
            (self.novos_model, self.tr("Novos"), "novos"),
            (self.atualizados_model, self.tr("Atualizados"), "atualizados"),
            (self.sem_mudanca_model, self.tr("Sem mudança"), "sem_mudanca"),
            (self.conflitos_model, self.tr("Conflitos"), "conflitos"),
            (self.problemas_model, self.tr("Com problema"), "com_problema"),
        ):
            self.tabs.addTab(self._table_view(model, name), title)
            self._tab_titles.append((model, title))

        self.hint = QLabel()
        self.hint.setObjectName("motivo")
        self.hint.setWordWrap(True)
        self.button_box = QDialogButtonBox()
        self.import_button: QPushButton = self.button_box.addButton(
            self.tr("Importar"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importar")
        self.valid_button: QPushButton = self.button_box.addButton(
            self.tr("Importar as linhas válidas"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.valid_button.setObjectName("importar_validas")
        self.valid_button.setToolTip(
            self.tr(
                "Importa as linhas sem problema e grava as outras, com o motivo, em um arquivo novo ao lado da "
                "planilha, para corrigir e importar de novo."
            )
        )
        self.valid_button.clicked.connect(self._on_import_valid)
        self.cancel_button = self.button_box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancelar"))
        self.button_box.accepted.connect(self._on_import)
        self.button_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(mapping_box)
        layout.addWidget(self.mapping_problems)
        layout.addWidget(self.summary)
        layout.addWidget(self.responsaveis_summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.button_box)

        self._select_detected_fields()
        for combo in self.combos:
            combo.currentIndexChanged.connect(self._on_mapping_changed)
        self.refresh_preview()

    # --- building ---------------------------------------------------------------------

    def _column_combo(self, column: int) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"coluna_{column}")
        combo.addItem(self.tr("(ignorar)"), None)
        for group in FIELD_GROUPS:
            combo.insertSeparator(combo.count())
            for field, _label in group:
                combo.addItem(field_label(field), field)
        combo.setMaxVisibleItems(len(FIELD_CHOICES) + len(FIELD_GROUPS) + 1)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _table_view(self, model: PreviewTableModel, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(f"tabela_{name}")
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(True)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setHighlightSections(False)
        model.modelReset.connect(lambda: self._fit_columns(view))
        return view

    @staticmethod
    def _fit_columns(view: QTableView) -> None:
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        last = header.count() - 1
        for column in range(last):  # the last one stretches and wraps
            header.resizeSection(column, min(header.sectionSize(column) + 12, 260))

    def _select_detected_fields(self) -> None:
        detected = map_headers(self._table.headers)
        for field, indexes in detected.columns.items():
            for index in indexes:
                self.combos[index].setCurrentIndex(max(self.combos[index].findData(field), 0))
        # The columns as the user chose them the last time a file with these headers was imported.
        remembered = remembered_mapping(self._table.headers)
        for header, combo in zip(self._table.headers, self.combos, strict=True):
            if header in remembered:
                field = remembered[header]
                found = combo.findData(field) if field is not None else 0
                if found >= 0:
                    combo.setCurrentIndex(found)

    # --- preview ----------------------------------------------------------------------

    def mapping(self) -> dict[str, str | None]:
        """The user's choice for every column: header → field, or None to skip it."""
        return {header: combo.currentData() for header, combo in zip(self._table.headers, self.combos, strict=True)}

    def _on_mapping_changed(self) -> None:
        # The core maps by header text: columns with the same header go to the same field.
        combo = self.sender()
        if isinstance(combo, QComboBox) and combo in self.combos:
            header = self._table.headers[self.combos.index(combo)]
            for other_header, other in zip(self._table.headers, self.combos, strict=True):
                if other is not combo and other_header == header:
                    other.blockSignals(True)
                    other.setCurrentIndex(combo.currentIndex())
                    other.blockSignals(False)
        try:
            self.refresh_preview()
        except Exception:
            messages.report_unexpected_error(self)

    def refresh_preview(self) -> None:
        """Check the file against the database again with the chosen columns and show the result.

        A big file is checked in the background, behind a progress dialog with Cancelar; the
        result shows when it is done (``preview_running`` meanwhile)."""
        table, mapping = self._table, self.mapping()
        self.preview_cancelled = False
        if len(table.rows) < WORKER_PREVIEW_ROWS:
            try:
                with messages.wait_cursor():
                    plan = self._service.preview(table, mapping)
            except MapeamentoInvalidoError as exc:
                self._preview_done(None, exc.problems)
                return
            self._preview_done(plan)
            return
        label = self.tr("Conferindo as linhas do arquivo com os alunos cadastrados…")
        op: BackgroundOp[ImportPreview] = BackgroundOp(
            self,
            lambda task: self._service.preview(table, mapping, progress=task.progress, cancelled=task.cancelled),
        ).with_progress(self.tr("Conferindo o arquivo"), label)
        # Only the latest check shows: one started before it (another column chosen) is ignored.
        op.success(lambda plan: op is self._preview_op and self._preview_done(plan))
        op.failure(lambda exc: op is self._preview_op and self._preview_failed(exc))
        self._preview_op = op
        self.preview_value = None
        self.summary.setText(label)
        self.import_button.setEnabled(False)
        self.valid_button.setEnabled(False)
        op.run_in_background()

    @property
    def preview_running(self) -> bool:
        """True while a big file is checked in the background, until its result shows."""
        return self._preview_op is not None

    def _preview_failed(self, exc: Exception) -> None:
        if isinstance(exc, MapeamentoInvalidoError):
            self._preview_done(None, exc.problems)
        elif isinstance(exc, ImportacaoCanceladaError):
            self.preview_cancelled = True
            self._preview_done(None)
        else:
            self._preview_done(None)
            show_failure(self, exc)

    def _preview_done(self, plan: ImportPreview | None, problems: tuple[str, ...] = ()) -> None:
        self._preview_op = None
        self.preview_value = plan
        self.mapping_problems.setText("\n".join(translate_core(p) for p in problems))
        self.mapping_problems.setVisible(bool(problems))
        self._show_plan(plan)

    def _show_plan(self, plan: ImportPreview | None) -> None:
        inserts = plan.inserts if plan else ()
        updates = plan.updates if plan else ()
        unchanged = plan.unchanged if plan else ()
        conflicts = plan.conflicts if plan else ()
        bad_rows = plan.bad_rows if plan else ()
        self.novos_model.reload([_insert_row(a) for a in inserts])
        self.atualizados_model.reload([row for a in updates for row in _update_rows(a)])
        self.sem_mudanca_model.reload([(str(a.line), a.data.nome, format_cpf(a.data.cpf)) for a in unchanged])
        self.conflitos_model.reload([_conflict_row(a) for a in conflicts])
        self.problemas_model.reload(_bad_rows(bad_rows))
        counts = (len(inserts), len(updates), len(unchanged), len(conflicts), len(bad_rows))
        for tab, ((_model, title), count) in enumerate(zip(self._tab_titles, counts, strict=True)):
            self.tabs.setTabText(tab, f"{title} ({format_count(count)})")
        if plan is None and self.preview_cancelled:
            self.summary.setText(self.tr("A conferência do arquivo foi interrompida."))
        elif plan is None:
            self.summary.setText(self.tr("Escolha qual coluna traz cada dado para conferir as linhas."))
        else:
            summary = count_summary(len(inserts), len(updates), len(unchanged), len(bad_rows))
            if conflicts:
                summary += ", " + (
                    self.tr("1 em conflito")
                    if len(conflicts) == 1
                    else self.tr("{n} em conflito").format(n=format_count(len(conflicts)))
                )
            self.summary.setText(summary)
        responsaveis = (
            responsaveis_summary(
                plan.responsaveis_novos, plan.responsaveis_atualizados, plan.vinculos_novos, plan.vinculos_alterados
            )
            if plan is not None
            else ""
        )
        self.responsaveis_summary.setText(responsaveis)
        self.responsaveis_summary.setVisible(bool(responsaveis))
        if bad_rows:
            self.tabs.setCurrentIndex(PROBLEMS_TAB)
        elif conflicts:
            self.tabs.setCurrentIndex(CONFLICTS_TAB)
        else:
            self.tabs.setCurrentIndex(next((i for i, n in enumerate(counts[:3]) if n), 0))
        self._update_buttons()

    def confirmed_lines(self) -> list[int]:
        """The lines in conflict whose box the user ticked: those update the registered aluno."""
        plan = self.preview_value
        if plan is None:
            return []
        return [plan.conflicts[row].line for row in self.conflitos_model.checked_rows()]

    def _update_buttons(self) -> None:
        """Enable Importar and Importar as linhas válidas, and say why not, for the plan and the ticks."""
        plan = self.preview_value
        bad_rows = plan.bad_rows if plan else ()
        conflicts = plan.conflicts if plan else ()
        confirmed = len(self.confirmed_lines())
        writes = bool(plan and (plan.inserts or plan.updates)) or confirmed > 0
        if plan is None and self.preview_cancelled:
            reason = self.tr("Para importar, abra o arquivo de novo ou mude a escolha de uma coluna para conferi-lo.")
        elif plan is None:
            reason = self.tr("Ajuste as colunas da planilha acima para poder importar.")
        elif bad_rows:
            reason = self.tr(
                "Corrija as linhas com problema na planilha e abra de novo, ou importe só as linhas válidas: as com "
                "problema vão para um arquivo ao lado da planilha."
            )
        elif not writes:
            if conflicts:
                reason = self.tr("Marque as linhas em conflito que devem atualizar o aluno cadastrado.")
            elif plan.unchanged:
                reason = self.tr("Nada a importar: os alunos da planilha já estão cadastrados assim.")
            else:
                reason = self.tr("Nada a importar: a planilha não tem linhas de alunos.")
        else:
            reason = ""
        note = ""
        if plan is not None and conflicts:
            note = self.tr(
                "Linhas em conflito: o aluno cadastrado pode ser outra criança. Só as linhas marcadas na aba "
                "Conflitos atualizam o cadastro; as outras ficam de fora."
            )
        self.import_button.setEnabled(not reason)
        self.import_button.setToolTip(reason)
        good_lines = len(self._table.rows) - len(bad_rows)
        self.valid_button.setVisible(bool(bad_rows))
        self.valid_button.setEnabled(bool(bad_rows) and good_lines > 0)
        text = " ".join(t for t in (reason, note) if t)
        self.hint.setText(text)
        self.hint.setStyleSheet(ERROR_STYLE if plan is None or bad_rows else "")
        self.hint.setVisible(bool(text))

    # --- importing --------------------------------------------------------------------

    def _on_import(self) -> None:
        plan = self.preview_value
        if plan is None or not self.import_button.isEnabled():
            return
        confirmed = self.confirmed_lines()
        self._run_import(
            lambda progress, cancelled: (
                self._service.apply(plan, confirmed=confirmed, progress=progress, cancelled=cancelled),
                None,
            )
        )

    def _on_import_valid(self) -> None:
        plan = self.preview_value
        if plan is None or not self.valid_button.isEnabled():
            return
        table, confirmed = self._table, self.confirmed_lines()
        self._run_import(
            lambda progress, cancelled: self._service.apply_valid_lines(
                table, plan, confirmed=confirmed, progress=progress, cancelled=cancelled
            )
        )

    def _run_import(self, work: Any) -> None:
        """``work(progress, cancelled)`` in the background behind a progress dialog with Cancelar."""
        self._import_op = (
            BackgroundOp(self, lambda task: work(task.progress, task.cancelled))
            .with_progress(self.tr("Importando alunos"), self.tr("Gravando os alunos e os responsáveis do arquivo…"))
            .success(self._imported)
            .failure(self._import_failed)
            .run_in_background()
        )

    def _import_failed(self, exc: Exception) -> None:
        title = self.tr("Importação não realizada")
        if isinstance(exc, ImportacaoCanceladaError):
            self.hint.setText(self.tr("Importação cancelada. Nada foi alterado."))
            self.hint.setStyleSheet("")
            self.hint.setVisible(True)
        elif isinstance(exc, ImportacaoDesatualizadaError):
            messages.show_error(self, title, translate_error(exc))
            self._refresh_after_error()
        elif isinstance(exc, EscolaError):
            messages.show_error(self, title, translate_error(exc))
        else:
            show_failure(self, exc)

    def _imported(self, outcome: tuple[ImportResult, Path | None]) -> None:
        result, kept = outcome
        remember_mapping(self._table.headers, self.mapping())
        self.result_value = result
        self.set_aside_path = kept
        if kept is not None:
            count = result.set_aside
            lines = (
                self.tr("A linha com problema foi gravada")
                if count == 1
                else self.tr("As {n} linhas com problema foram gravadas").format(n=format_count(count))
            )
            messages.show_info(
                self,
                self.tr("Linhas com problema"),
                self.tr("{lines} em {path}, com o motivo na coluna Problemas. Corrija e importe esse arquivo.").format(
                    lines=lines, path=kept
                ),
            )
        self.accept()

    def _refresh_after_error(self) -> None:
        """Show the file against the alunos as they are now, as the message asks."""
        try:
            self.refresh_preview()
        except Exception:
            messages.report_unexpected_error(self)
