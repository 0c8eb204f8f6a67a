"""The Notas and Frequência pages: the diário of one turma × disciplina, typed like a spreadsheet.

Both pages choose ano letivo → turma → disciplina (→ período, for the frequência) and show
one row per aluno in a :class:`PlanilhaView`, which behaves like Excel or LibreOffice Calc:
typing starts editing, Enter saves and goes down to the next aluno, Tab goes right,
Delete/Backspace clears the selected cells, Ctrl+C copies the selection as tab-separated
text and Ctrl+V pastes such text (Brazilian decimal commas welcome) from the current cell.

Every change is saved at once through :class:`~escola_gui.core.escolar.DiarioService` (the
database is the truth): a value that the rules refuse is never written, the cell keeps its
value and the Portuguese reason shows under the grid, without a message box per typo. A paste
or a clear is checked whole first and written in one call, so it is all or nothing.

Each write (a typed value, a pasted block, a clear, "Aplicar a todos") is one command on the
model's :class:`QUndoStack` (:attr:`PlanilhaModel.undo_stack`), named in Portuguese ("Nota de
Ana Souza em Matemática, 1º bimestre", "Colar 12 notas"). Ctrl+Z undoes it and Ctrl+Shift+Z or
Ctrl+Y redoes it, writing through the service again, all or nothing; the main window's Editar
menu drives the same stack. A command names its cells by enturmação and período, not by row,
so it survives a reload of the same grid; choosing another turma, disciplina or período clears
the stack (see :meth:`_DiarioPage._show_grid`).

The models keep the rows they were given and recompute what depends on them (média,
situação, frequência) from their current values, so those columns follow each edit live.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core import avaliacao as av
from escola_gui.core.avaliacao import format_percentual
from escola_gui.core.escolar import (
    AnoLetivoRow,
    AnoLetivoService,
    DiarioService,
    GradeFrequencia,
    GradeNotas,
    Lancamento,
    LancamentoFrequencia,
    TurmaService,
    nome_do_periodo,
)
from escola_gui.core.services import RecordNotFoundError
from escola_gui.core.validation import ValidationError
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.formatting import situacao_label
from escola_gui.gui.toolkit.forms import ERROR_STYLE
from escola_gui.gui.toolkit.read_only import keep_disabled
from escola_gui.gui.toolkit.text import translate, translate_validation

_ModelIndex = QModelIndex | QPersistentModelIndex

#: The ano letivo, turma, disciplina and período last chosen on these pages (ids), kept while
#: the app runs and shared by both pages: the turma chosen for the notas is there for the
#: frequência too.
ULTIMAS_ESCOLHAS: dict[str, int] = {}
#: How many writes Ctrl+Z can take back, one after the other.
UNDO_LIMIT = 100
#: The keys that redo, whatever the platform's standard one is.
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))

ERROR_COLOR = QColor("#b3261e")
# Wide enough for "10,0" and for the "1º trim." headers, with room to breathe.
NUMBER_COLUMN_MIN_WIDTH = 56
# The Aluno column gives up width (long names are elided, their tooltip is whole) so that the
# Média and Situação columns stay in sight on a small screen.
ALUNO_COLUMN_MIN_WIDTH = 140
ALUNO_COLUMN_MAX_WIDTH = 340
# Aulas dadas in one período: far more than any calendar has, far less than SQLite's limit.
AULAS_MAXIMAS = 999

_PERIODO_ABREVIADO = {
    "bimestre": QT_TRANSLATE_NOOP("NotasModel", "{n}º bim."),
    "trimestre": QT_TRANSLATE_NOOP("NotasModel", "{n}º trim."),
    "semestre": QT_TRANSLATE_NOOP("NotasModel", "{n}º sem."),
}
_INTEIRO_RE = re.compile(r"\d+")


class _RefusedError(Exception):
    """A value the rules refuse, with the (translated) reason to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _numero(n: int) -> str:
    """``n`` as the interface's language writes it: "49.998" in Portuguese."""
    return QLocale().toString(n)


def _disabled_text_color() -> QColor:
    return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def parse_clipboard(text: str) -> list[list[str]]:
    """Rows of cells from the text a spreadsheet puts on the clipboard (tabs and new lines).

    The line break that Excel and LibreOffice add after the last row is not an extra row.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    while text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [line.split("\t") for line in text.split("\n")]


_NOME_PADRAO_DO_PERIODO = re.compile(r"(\d+)º (bimestre|trimestre|semestre)")


def nome_do_periodo_traduzido(nome: str) -> str:
    """A período's name in the user's language: "1º bimestre" is "Quarter 1" in English, next to
    its column "Q1"; a name that is not the standard one stays as it is."""
    padrao = _NOME_PADRAO_DO_PERIODO.fullmatch(nome)
    if padrao is None:
        return nome
    return nome_do_periodo(padrao.group(2), int(padrao.group(1)), translate_validation)


# --- the spreadsheet model --------------------------------------------------------------


class PlanilhaModel(QAbstractTableModel):
    """What :class:`NotasModel` and :class:`FrequenciaModel` share: rows of alunos whose cells
    are typed, pasted and cleared, checked first and then written through :attr:`committer`.

    ``committer`` receives the service's lançamentos and returns whether they were saved; the
    model changes its own values only then. Without a committer the model just keeps them.

    Each saved write goes on :attr:`undo_stack` as a :class:`_EscritaCommand`, which knows the
    cells by :meth:`cell_key` (enturmação and período, not row), so the same grid reloaded
    keeps its history. Whoever shows another grid in the model clears the stack.
    """

    #: A value was refused; the argument says which cell and why (translated).
    refused = Signal(str)
    #: Several cells were written at once (paste, clear, fill); the argument says what.
    saved = Signal(str)
    #: An undo or redo wrote these cells (row, column): the view shows them.
    restored = Signal(list)

    CONTEXT = "PlanilhaModel"
    #: Singular and plural of what one editable cell holds, for the commands' names.
    VALOR = (QT_TRANSLATE_NOOP("PlanilhaModel", "valor"), QT_TRANSLATE_NOOP("PlanilhaModel", "valores"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.committer: Callable[[list[Any]], bool] | None = None
        #: The year of a closed (encerrado) ano letivo shown: then nothing is editable.
        self.ano_encerrado: int | None = None
        #: The file is open read-only: nothing is editable, whatever the year.
        self.somente_leitura = False
        #: The disciplina of the grid, for the names of the commands ("Nota de Ana em Matemática").
        self.disciplina_nome = ""
        #: The writes, one command each, for Ctrl+Z and Ctrl+Shift+Z (see :class:`_EscritaCommand`).
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)

    # --- for subclasses -----------------------------------------------------------------

    def aluno_nome(self, row: int) -> str:
        raise NotImplementedError

    def row_is_active(self, row: int) -> bool:
        raise NotImplementedError

    def column_is_editable(self, column: int) -> bool:
        raise NotImplementedError

    def column_title(self, column: int) -> str:
        raise NotImplementedError

    def value(self, row: int, column: int) -> Any:
        """The value of an editable cell (a Decimal, an int or None)."""
        raise NotImplementedError

    def parse(self, column: int, text: str) -> Any:
        """The value ``text`` stands for in ``column``, or :class:`_RefusedError`."""
        raise NotImplementedError

    def _lancamentos(self, changes: Mapping[tuple[int, int], Any]) -> list[Any]:
        """The service's lançamentos for ``changes``, or :class:`_RefusedError` (rules across cells)."""
        raise NotImplementedError

    def _apply(self, changes: Mapping[tuple[int, int], Any]) -> None:
        """Keep the saved ``changes`` (no signals)."""
        raise NotImplementedError

    def _history_cells(self, changes: Mapping[tuple[int, int], Any]) -> list[tuple[int, int]]:
        """The cells whose values, before and after, undo and redo write back: those changed."""
        return sorted(changes)

    def cell_key(self, row: int, column: int) -> Hashable:
        """What names the cell across reloads of the same grid (its enturmação and período)."""
        raise NotImplementedError

    def cell_at(self, key: Hashable) -> tuple[int, int] | None:
        """The (row, column) of the cell :meth:`cell_key` named, or None when it is gone."""
        raise NotImplementedError

    def describe_cell(self, row: int, column: int) -> str:
        """The name of a one-cell command: "Nota de Ana Souza em Matemática, 1º bimestre"."""
        raise NotImplementedError

    # --- shared behaviour ---------------------------------------------------------------

    def is_editable(self, row: int, column: int) -> bool:
        return (
            self.ano_encerrado is None
            and not self.somente_leitura
            and 0 <= row < self.rowCount()
            and self.row_is_active(row)
            and self.column_is_editable(column)
        )

    def cell_name(self, row: int, column: int) -> str:
        """How a message names a cell: the aluno and the column."""
        return f"{self.aluno_nome(row)}, {self.column_title(column)}"

    def why_not_editable(self, row: int, column: int) -> str:
        if self.somente_leitura:
            return translate(
                "PlanilhaModel", "o arquivo está aberto somente para leitura; as alterações estão desativadas."
            )
        if self.ano_encerrado is not None:
            return translate(
                "PlanilhaModel", "o ano letivo {ano} está encerrado; para alterar, reabra-o em Configurações."
            ).format(ano=self.ano_encerrado)
        if not self.column_is_editable(column):
            return translate("PlanilhaModel", "a coluna {coluna} não recebe valores.").format(
                coluna=self.column_title(column)
            )
        return translate("PlanilhaModel", "{aluno} saiu da turma; os dados dele não podem mudar.").format(
            aluno=self.aluno_nome(row)
        )

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        """Override ``flags()`` of QAbstractItemModel."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        raise NotImplementedError

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Override ``setData()`` of QAbstractItemModel: check the text typed, then save it."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        if not self.is_editable(row, column):
            return False
        try:
            parsed = self.parse(column, "" if value is None else str(value))
        except _RefusedError as refusal:
            self.refused.emit(f"{self.cell_name(row, column)}: {refusal.message}")
            return False
        if parsed == self.value(row, column):
            return True
        return self.write({(row, column): parsed}, command=self.describe_cell(row, column))

    def write(self, changes: Mapping[tuple[int, int], Any], suffix: str = "", command: str | None = None) -> bool:
        """Check ``changes`` across cells, save them in one call and keep them. True if saved.

        With a ``command`` name, the write goes on :attr:`undo_stack` (undo and redo replay it).
        """
        if not changes:
            return True
        try:
            lancamentos = self._lancamentos(changes)
        except _RefusedError as refusal:
            self.refused.emit(refusal.message + suffix)
            return False
        if self.committer is not None and not self.committer(lancamentos):
            return False
        cells = self._history_cells(changes) if command is not None else []
        before = {self.cell_key(*cell): self.value(*cell) for cell in cells}
        self._apply(changes)
        if command is not None:
            after = {self.cell_key(*cell): self.value(*cell) for cell in cells}
            self.undo_stack.push(_EscritaCommand(self, command, before, after))
        rows = [row for row, _column in changes]
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), self.columnCount() - 1))
        return True

    def paste(self, top: int, left: int, text: str, selected: Sequence[_ModelIndex] = ()) -> bool:
        """Write the tab-separated ``text`` from the cell (``top``, ``left``), all or nothing.

        One value pasted over several selected cells fills them (those that take a value).
        """
        nada = " " + translate("PlanilhaModel", "Nada foi colado.")
        block = parse_clipboard(text)
        if not block:
            return False
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            targets = [(i.row(), i.column(), block[0][0]) for i in selected if self.is_editable(i.row(), i.column())]
        else:
            height, width = len(block), max(len(line) for line in block)
            if top + height > self.rowCount() or left + width > self.columnCount():
                self.refused.emit(
                    translate(
                        "PlanilhaModel",
                        "O trecho copiado tem {linhas} e {colunas} e não cabe na tabela a partir desta célula.",
                    ).format(
                        linhas=translate("PlanilhaModel", "1 linha")
                        if height == 1
                        else translate("PlanilhaModel", "{n} linhas").format(n=_numero(height)),
                        colunas=translate("PlanilhaModel", "1 coluna")
                        if width == 1
                        else translate("PlanilhaModel", "{n} colunas").format(n=_numero(width)),
                    )
                    + nada
                )
                return False
            targets = [(top + r, left + c, cell) for r, line in enumerate(block) for c, cell in enumerate(line)]
        changes: dict[tuple[int, int], Any] = {}
        for row, column, cell in targets:
            if not self.is_editable(row, column):
                self.refused.emit(f"{self.cell_name(row, column)}: {self.why_not_editable(row, column)}{nada}")
                return False
            try:
                changes[(row, column)] = self.parse(column, cell)
            except _RefusedError as refusal:
                self.refused.emit(f"{self.cell_name(row, column)}: {refusal.message}{nada}")
                return False
        changed = {key: v for key, v in changes.items() if v != self.value(*key)}
        if not self.write(
            changed, nada, translate("PlanilhaModel", "Colar {quantos}").format(quantos=self._quantos(len(changed)))
        ):
            return False
        self.saved.emit(
            translate("PlanilhaModel", "1 valor colado e salvo.")
            if len(targets) == 1
            else translate("PlanilhaModel", "{n} valores colados e salvos.").format(n=_numero(len(targets)))
        )
        return True

    def clear(self, indexes: Sequence[_ModelIndex]) -> bool:
        """Clear the cells of ``indexes`` that take a value, in one call."""
        changes = {
            (i.row(), i.column()): None
            for i in indexes
            if self.is_editable(i.row(), i.column()) and self.value(i.row(), i.column()) is not None
        }
        if not changes:
            return False
        if len(changes) == 1:
            nome = translate("PlanilhaModel", "Apagar: {celula}").format(
                celula=self.describe_cell(*next(iter(changes)))
            )
        else:
            nome = translate("PlanilhaModel", "Apagar {quantos}").format(quantos=self._quantos(len(changes)))
        if not self.write(changes, " " + translate("PlanilhaModel", "Nada foi apagado."), nome):
            return False
        self.saved.emit(
            translate("PlanilhaModel", "1 valor apagado.")
            if len(changes) == 1
            else translate("PlanilhaModel", "{n} valores apagados.").format(n=_numero(len(changes)))
        )
        return True

    def _quantos(self, n: int) -> str:
        """ "1 nota", "12 notas" (the model's :attr:`VALOR`)."""
        return f"{n} {translate(self.CONTEXT, self.VALOR[0] if n == 1 else self.VALOR[1])}"

    @property
    def can_undo(self) -> bool:
        return self.undo_stack.canUndo()

    @property
    def can_redo(self) -> bool:
        return self.undo_stack.canRedo()

    def undo(self) -> None:
        """Put back what the last typing, paste or clearing replaced (Ctrl+Z), saving it."""
        self.undo_stack.undo()

    def redo(self) -> None:
        """Write again what the last undo took back (Ctrl+Shift+Z, Ctrl+Y)."""
        self.undo_stack.redo()

    def restore(self, values: Mapping[Hashable, Any], undoing: bool, nome: str) -> bool:
        """Write ``values`` (by :meth:`cell_key`) for an undo or a redo, all or nothing. True if saved."""
        nada = " " + (
            translate("PlanilhaModel", "Nada foi desfeito.")
            if undoing
            else translate("PlanilhaModel", "Nada foi refeito.")
        )
        changes: dict[tuple[int, int], Any] = {}
        for key, value in values.items():
            cell = self.cell_at(key)
            if cell is None:
                self.refused.emit(
                    translate(
                        "PlanilhaModel", "Um dos alunos ou períodos de “{nome}” não está mais nesta tabela."
                    ).format(nome=nome)
                    + nada
                )
                return False
            if value == self.value(*cell):
                continue  # already so: nothing to write there
            if not self.is_editable(*cell):
                self.refused.emit(f"{self.cell_name(*cell)}: {self.why_not_editable(*cell)}{nada}")
                return False
            changes[cell] = value
        if not self.write(changes, nada):
            return False
        if undoing:
            done = translate("PlanilhaModel", "Desfeito: {nome}.").format(nome=nome)
            voltaram = (
                translate("PlanilhaModel", "1 valor voltou ao que era antes.")
                if len(changes) == 1
                else translate("PlanilhaModel", "{n} valores voltaram ao que eram antes.").format(
                    n=_numero(len(changes))
                )
            )
            self.saved.emit(done + " " + voltaram)
        else:
            self.saved.emit(translate("PlanilhaModel", "Refeito: {nome}.").format(nome=nome))
        self.restored.emit(sorted(changes))
        return True

    def copy_text(self, indexes: Sequence[_ModelIndex]) -> str:
        """The cells of ``indexes`` as a spreadsheet copies them: tabs between, new lines after."""
        if not indexes:
            return ""
        cells = {(i.row(), i.column()) for i in indexes}
        rows = range(min(r for r, _c in cells), max(r for r, _c in cells) + 1)
        columns = range(min(c for _r, c in cells), max(c for _r, c in cells) + 1)
        lines = []
        for row in rows:
            texts = [(self.index(row, column).data() or "") if (row, column) in cells else "" for column in columns]
            lines.append("\t".join(texts))
        return "\n".join(lines) + "\n"


# --- notas ------------------------------------------------------------------------------


@dataclass
class _LinhaNotas:
    enturmacao_id: int
    aluno_nome: str
    ativa: bool
    notas: list[Decimal | None]
    recuperacoes: list[Decimal | None]
    recuperacao_final: Decimal | None
    aulas_dadas: int = 0
    faltas: int = 0
    situacao_saida: av.Situacao | None = None
    #: The períodos (numbers) whose aulas dadas are entered; None: the totals are the year's.
    periodos_com_frequencia: frozenset[int] | None = None


class _EscritaCommand(QUndoCommand):
    """One write of a :class:`PlanilhaModel` (a typed value, a paste, a clear, "Aplicar a
    todos"), already saved when pushed; undo writes ``before`` back and redo writes ``after``
    again, each through the service in one call.

    When the service (or the model: the year was closed, the aluno left the turma) refuses,
    the command marks itself obsolete and the stack drops it, so the stack's index still says
    what is in the file: a refused undo leaves the write done and no longer undoable, a refused
    redo leaves it undone and no longer redoable. The reason shows under the grid.
    """

    def __init__(
        self, model: PlanilhaModel, nome: str, before: Mapping[Hashable, Any], after: Mapping[Hashable, Any]
    ) -> None:
        super().__init__(nome)
        self._model = model
        self._before = dict(before)
        self._after = dict(after)
        self._pushed = False

    def redo(self) -> None:
        """Override ``redo()`` of QUndoCommand (the first call, from ``push()``, is the write done)."""
        if not self._pushed:
            self._pushed = True
            return
        if not self._model.restore(self._after, undoing=False, nome=self.text()):
            self.setObsolete(True)

    def undo(self) -> None:
        """Override ``undo()`` of QUndoCommand."""
        if not self._model.restore(self._before, undoing=True, nome=self.text()):
            self.setObsolete(True)


@dataclass(frozen=True)
class _ColunaNotas:
    tipo: str  # "aluno", "nota", "recuperacao", "recuperacao_final", "media", "situacao"
    periodo: int | None = None  # index into the períodos
    titulo: str = ""
    dica: str = ""


@dataclass
class _ResultadoLinha:
    media: Decimal | None
    situacao: av.Situacao | None
    erro: str | None = None
    frequencia: Decimal | None = None
    provisoria: bool = False


class NotasModel(PlanilhaModel):
    """The notas of a turma × disciplina: Aluno, one column per período, the recuperação
    columns the year's rule has, then Média and Situação (recomputed from the values shown)."""

    CONTEXT = "NotasModel"
    VALOR = (QT_TRANSLATE_NOOP("NotasModel", "nota"), QT_TRANSLATE_NOOP("NotasModel", "notas"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grade: GradeNotas | None = None
        self._linhas: list[_LinhaNotas] = []
        self._colunas: list[_ColunaNotas] = [_ColunaNotas("aluno")]
        self._resultados: dict[int, _ResultadoLinha] = {}

    def load(
        self,
        grade: GradeNotas,
        tipo_periodo: str = "bimestre",
        frequencias: Mapping[int, tuple[int, int]] | None = None,
        situacoes_saida: Mapping[int, av.Situacao] | None = None,
        periodos_com_frequencia: Mapping[int, frozenset[int]] | None = None,
    ) -> None:
        """Show ``grade``. ``frequencias`` maps an enturmação to its (aulas dadas, faltas) in
        the disciplina, for the situação; ``situacoes_saida`` the situação of those who left;
        ``periodos_com_frequencia`` the períodos (numbers) whose frequência each enturmação has
        (``None``: the totals are the whole year's). Until the results are final (see
        :func:`~escola_gui.core.avaliacao.resultado_definitivo`, with :attr:`ano_encerrado`)
        the situação is provisional."""
        frequencias = frequencias or {}
        situacoes_saida = situacoes_saida or {}
        self.beginResetModel()
        self._grade = grade
        self._linhas = [
            _LinhaNotas(
                enturmacao_id=linha.enturmacao_id,
                aluno_nome=linha.aluno_nome,
                ativa=linha.ativa,
                notas=list(linha.notas),
                recuperacoes=list(linha.recuperacoes),
                recuperacao_final=linha.recuperacao_final,
                aulas_dadas=frequencias.get(linha.enturmacao_id, (0, 0))[0],
                faltas=frequencias.get(linha.enturmacao_id, (0, 0))[1],
                situacao_saida=situacoes_saida.get(linha.enturmacao_id),
                periodos_com_frequencia=(
                    None
                    if periodos_com_frequencia is None
                    else frozenset(periodos_com_frequencia.get(linha.enturmacao_id, ()))
                ),
            )
            for linha in grade.linhas
        ]
        self._colunas = self._make_columns(grade, tipo_periodo)
        self._resultados = {}
        self.endResetModel()

    def _make_columns(self, grade: GradeNotas, tipo_periodo: str) -> list[_ColunaNotas]:
        abreviado = _PERIODO_ABREVIADO.get(tipo_periodo, "{n}º")
        colunas = [_ColunaNotas("aluno", titulo=translate("NotasModel", "Aluno"))]
        for i, periodo in enumerate(grade.periodos):
            titulo = translate(self.CONTEXT, abreviado).format(n=periodo.numero)
            colunas.append(
                _ColunaNotas(
                    "nota",
                    i,
                    titulo,
                    translate("NotasModel", "Nota do {periodo}").format(
                        periodo=nome_do_periodo_traduzido(periodo.nome)
                    ),
                )
            )
        regra = grade.regra.recuperacao
        if regra is av.RegraRecuperacao.SUBSTITUI_MENOR_NOTA:
            for i, periodo in enumerate(grade.periodos):
                titulo = translate("NotasModel", "Rec. {n}º").format(n=periodo.numero)
                dica = translate(
                    "NotasModel", "Recuperação do {periodo}: substitui a menor nota do ano, se for maior"
                ).format(periodo=nome_do_periodo_traduzido(periodo.nome))
                colunas.append(_ColunaNotas("recuperacao", i, titulo, dica))
        elif regra is av.RegraRecuperacao.SUBSTITUI_MEDIA:
            colunas.append(
                _ColunaNotas(
                    "recuperacao_final",
                    None,
                    translate("NotasModel", "Rec. final"),
                    translate("NotasModel", "Recuperação final: substitui a média, se for maior"),
                )
            )
        colunas.append(
            _ColunaNotas(
                "media",
                None,
                translate("NotasModel", "Média"),
                translate("NotasModel", "Calculada quando todos os períodos têm nota"),
            )
        )
        colunas.append(_ColunaNotas("situacao", None, translate("NotasModel", "Situação"), ""))
        return colunas

    # --- what the page and the tests read -----------------------------------------------

    @property
    def grade(self) -> GradeNotas | None:
        return self._grade

    def column_kind(self, column: int) -> str:
        return self._colunas[column].tipo

    def column_of(self, tipo: str, periodo: int | None = None) -> int:
        """The column of a kind (and período index): ``column_of("nota", 0)`` is the 1st período."""
        for i, coluna in enumerate(self._colunas):
            if coluna.tipo == tipo and coluna.periodo == periodo:
                return i
        return -1

    def enturmacao_id(self, row: int) -> int:
        return self._linhas[row].enturmacao_id

    def media(self, row: int) -> Decimal | None:
        return self._resultado(row).media

    def situacao(self, row: int) -> av.Situacao | None:
        return self._resultado(row).situacao

    def first_empty_cell(self) -> tuple[int, int]:
        """The first período column where an aluno still in the turma lacks a nota, and that
        aluno's row; else the last período's column, first row."""
        ativos = [i for i, linha in enumerate(self._linhas) if linha.ativa]
        notas = [i for i, c in enumerate(self._colunas) if c.tipo == "nota"]
        for column in notas:
            periodo = self._colunas[column].periodo
            for row in ativos:
                if self._linhas[row].notas[periodo] is None:  # type: ignore[index]
                    return row, column
        return (ativos[0] if ativos else 0), (notas[-1] if notas else 0)

    # --- PlanilhaModel ------------------------------------------------------------------

    def aluno_nome(self, row: int) -> str:
        return self._linhas[row].aluno_nome

    def row_is_active(self, row: int) -> bool:
        return self._linhas[row].ativa

    def column_is_editable(self, column: int) -> bool:
        return 0 <= column < len(self._colunas) and self._colunas[column].tipo in (
            "nota",
            "recuperacao",
            "recuperacao_final",
        )

    def column_title(self, column: int) -> str:
        return self._colunas[column].titulo

    def value(self, row: int, column: int) -> Decimal | None:
        linha, coluna = self._linhas[row], self._colunas[column]
        if coluna.tipo == "nota":
            return linha.notas[coluna.periodo]  # type: ignore[index]
        if coluna.tipo == "recuperacao":
            return linha.recuperacoes[coluna.periodo]  # type: ignore[index]
        if coluna.tipo == "recuperacao_final":
            return linha.recuperacao_final
        return None

    def parse(self, column: int, text: str) -> Decimal | None:
        text = text.strip().replace("\u00a0", "")
        if not text:
            return None
        try:
            return av.parse_nota(text)
        except ValidationError as error:
            raise _RefusedError(translate_validation(error.message)) from None

    def _lancamentos(self, changes: Mapping[tuple[int, int], Any]) -> list[Lancamento]:
        assert self._grade is not None
        lancamentos = []
        for (row, column), valor in changes.items():
            coluna = self._colunas[column]
            periodo_id = None if coluna.periodo is None else self._grade.periodos[coluna.periodo].id
            lancamentos.append(Lancamento(self._linhas[row].enturmacao_id, coluna.tipo, valor, periodo_id))
        return lancamentos

    def _periodo_id(self, column: int) -> int | None:
        periodo = self._colunas[column].periodo
        return None if periodo is None or self._grade is None else self._grade.periodos[periodo].id

    def cell_key(self, row: int, column: int) -> Hashable:
        return (self._linhas[row].enturmacao_id, self._colunas[column].tipo, self._periodo_id(column))

    def cell_at(self, key: Hashable) -> tuple[int, int] | None:
        enturmacao_id, tipo, periodo_id = key  # type: ignore[misc]
        row = next((i for i, linha in enumerate(self._linhas) if linha.enturmacao_id == enturmacao_id), None)
        column = next(
            (i for i, c in enumerate(self._colunas) if c.tipo == tipo and self._periodo_id(i) == periodo_id), None
        )
        return None if row is None or column is None else (row, column)

    def describe_cell(self, row: int, column: int) -> str:
        coluna = self._colunas[column]
        nomes = {"aluno": self._linhas[row].aluno_nome, "disciplina": self.disciplina_nome}
        if coluna.tipo == "recuperacao_final":
            return translate("NotasModel", "Recuperação final de {aluno} em {disciplina}").format(**nomes)
        assert self._grade is not None and coluna.periodo is not None
        periodo = nome_do_periodo_traduzido(self._grade.periodos[coluna.periodo].nome)
        if coluna.tipo == "recuperacao":
            return translate("NotasModel", "Recuperação de {aluno} em {disciplina}, {periodo}").format(
                periodo=periodo, **nomes
            )
        return translate("NotasModel", "Nota de {aluno} em {disciplina}, {periodo}").format(periodo=periodo, **nomes)

    def _apply(self, changes: Mapping[tuple[int, int], Any]) -> None:
        for (row, column), valor in changes.items():
            linha, coluna = self._linhas[row], self._colunas[column]
            if coluna.tipo == "nota":
                linha.notas[coluna.periodo] = valor  # type: ignore[index]
            elif coluna.tipo == "recuperacao":
                linha.recuperacoes[coluna.periodo] = valor  # type: ignore[index]
            else:
                linha.recuperacao_final = valor
            self._resultados.pop(row, None)

    # --- live results -------------------------------------------------------------------

    def _resultado(self, row: int) -> _ResultadoLinha:
        cached = self._resultados.get(row)
        if cached is not None:
            return cached
        assert self._grade is not None
        linha, regra = self._linhas[row], self._grade.regra
        if regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MENOR_NOTA:
            recuperacoes: tuple[Decimal, ...] = tuple(r for r in linha.recuperacoes if r is not None)
        elif regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MEDIA and linha.recuperacao_final is not None:
            recuperacoes = (linha.recuperacao_final,)
        else:
            recuperacoes = ()
        try:
            numeros = [p.numero for p in self._grade.periodos]
            desempenho = av.DesempenhoDisciplina(
                notas_por_periodo=dict(zip(numeros, linha.notas, strict=True)),
                aulas_dadas=linha.aulas_dadas,
                faltas=linha.faltas,
                recuperacoes=recuperacoes,
                periodos_com_frequencia=linha.periodos_com_frequencia,
                periodos_com_recuperacao=frozenset(
                    n for n, r in zip(numeros, linha.recuperacoes, strict=True) if r is not None
                ),
            )
            calculado = av.situacao_final_disciplina(desempenho, regra, ano_encerrado=self.ano_encerrado is not None)
            resultado = _ResultadoLinha(
                calculado.media,
                calculado.situacao.calculada,
                frequencia=calculado.frequencia,
                provisoria=not calculado.situacao.definitiva,
            )
        except (ValidationError, ValueError) as error:  # a rule changed after the notas were typed
            message = error.message if isinstance(error, ValidationError) else str(error)
            resultado = _ResultadoLinha(None, None, translate_validation(message))
        if not linha.ativa and linha.situacao_saida is not None:
            resultado.situacao = linha.situacao_saida
        self._resultados[row] = resultado
        return resultado

    # --- QAbstractItemModel -------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._linhas)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``columnCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._colunas)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``headerData()`` of QAbstractItemModel."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._colunas):
            coluna = self._colunas[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return coluna.titulo
            if role == Qt.ItemDataRole.ToolTipRole:
                return coluna.dica or None
        return super().headerData(section, orientation, role)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < len(self._linhas):
            return None
        row = index.row()
        linha, coluna = self._linhas[row], self._colunas[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, linha, coluna)
        if role == Qt.ItemDataRole.TextAlignmentRole and coluna.tipo not in ("aluno", "situacao"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not linha.ativa:
                return _disabled_text_color()
            resultado = self._resultado(row)
            if coluna.tipo == "media" and resultado.media is not None:
                return ERROR_COLOR if resultado.media < self._grade.regra.media_aprovacao else None  # type: ignore[union-attr]
            if coluna.tipo == "situacao" and resultado.situacao in (
                av.Situacao.RETIDO,
                av.Situacao.REPROVADO_POR_FALTAS,
                av.Situacao.FREQUENCIA_BAIXA_ATE_AGORA,
            ):
                return ERROR_COLOR
            return None
        if role == Qt.ItemDataRole.FontRole:
            if not linha.ativa:
                font = QFont()
                font.setItalic(True)
                return font
            if coluna.tipo == "media":
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, linha, coluna)
        return None

    def _text(self, row: int, linha: _LinhaNotas, coluna: _ColunaNotas) -> str:
        if coluna.tipo == "aluno":
            return linha.aluno_nome
        if coluna.tipo == "media":
            return av.format_nota(self._resultado(row).media)
        if coluna.tipo == "situacao":
            situacao = self._resultado(row).situacao
            return situacao_label(situacao) if situacao is not None else ""
        return av.format_nota(self.value(row, self._colunas.index(coluna)))

    def _tooltip(self, row: int, linha: _LinhaNotas, coluna: _ColunaNotas) -> str | None:
        if not linha.ativa:
            return translate("NotasModel", "{aluno} saiu da turma: as notas ficam como estavam.").format(
                aluno=linha.aluno_nome
            )
        if coluna.tipo == "aluno":  # the whole name, when the column is too narrow for it
            return linha.aluno_nome
        resultado = self._resultado(row)
        if resultado.erro:
            return resultado.erro
        if coluna.tipo == "situacao":
            partes = []
            if linha.aulas_dadas:
                modelo = (
                    translate(
                        "NotasModel", "Frequência na disciplina até agora: {percentual} ({faltas} em {aulas} aulas)"
                    )
                    if resultado.provisoria
                    else translate("NotasModel", "Frequência na disciplina: {percentual} ({faltas} em {aulas} aulas)")
                )
                faltas = (
                    translate("NotasModel", "1 falta")
                    if linha.faltas == 1
                    else translate("NotasModel", "{n} faltas").format(n=linha.faltas)
                )
                partes.append(
                    modelo.format(
                        percentual=format_percentual(resultado.frequencia or Decimal(0)),
                        faltas=faltas,
                        aulas=linha.aulas_dadas,
                    )
                )
            if resultado.provisoria and linha.situacao_saida is None:
                partes.append(
                    translate(
                        "NotasModel",
                        "Situação provisória: a situação final aparece quando o ano letivo for encerrado, ou quando "
                        "todas as notas, as faltas de todos os períodos e a recuperação necessária estiverem lançadas.",
                    )
                )
            return "\n".join(partes) or None
        if coluna.tipo == "media" and resultado.media is None:
            return coluna.dica
        return None


# --- frequência -------------------------------------------------------------------------


@dataclass
class _LinhaFrequencia:
    enturmacao_id: int
    aluno_nome: str
    ativa: bool
    aulas_dadas: int | None
    faltas: int | None
    situacao_saida: av.Situacao | None = None


class FrequenciaModel(PlanilhaModel):
    """Aulas dadas and faltas of a turma × disciplina × período, with the frequência and a
    warning below the ano letivo's minimum (computed from the values shown)."""

    CONTEXT = "FrequenciaModel"
    ALUNO, AULAS, FALTAS, FREQUENCIA, OBSERVACAO = range(5)
    VALOR = (QT_TRANSLATE_NOOP("FrequenciaModel", "valor"), QT_TRANSLATE_NOOP("FrequenciaModel", "valores"))
    _HEADERS = (
        QT_TRANSLATE_NOOP("FrequenciaModel", "Aluno"),
        QT_TRANSLATE_NOOP("FrequenciaModel", "Aulas dadas"),
        QT_TRANSLATE_NOOP("FrequenciaModel", "Faltas"),
        QT_TRANSLATE_NOOP("FrequenciaModel", "Frequência"),
        QT_TRANSLATE_NOOP("FrequenciaModel", "Observação"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grade: GradeFrequencia | None = None
        self._linhas: list[_LinhaFrequencia] = []
        self._regra = av.RegraAvaliacao()

    def load(self, grade: GradeFrequencia, situacoes_saida: Mapping[int, av.Situacao] | None = None) -> None:
        situacoes_saida = situacoes_saida or {}
        self.beginResetModel()
        self._grade = grade
        self._regra = av.RegraAvaliacao(frequencia_minima=Decimal(grade.frequencia_minima))
        self._linhas = [
            _LinhaFrequencia(
                linha.enturmacao_id,
                linha.aluno_nome,
                linha.ativa,
                linha.aulas_dadas,
                linha.faltas,
                situacoes_saida.get(linha.enturmacao_id),
            )
            for linha in grade.linhas
        ]
        self.endResetModel()

    @property
    def grade(self) -> GradeFrequencia | None:
        return self._grade

    def enturmacao_id(self, row: int) -> int:
        return self._linhas[row].enturmacao_id

    def percentual(self, row: int) -> Decimal | None:
        linha = self._linhas[row]
        if not linha.aulas_dadas:
            return None
        return av.percentual_frequencia(linha.aulas_dadas, linha.faltas or 0)

    def abaixo_do_minimo(self, row: int) -> bool:
        linha = self._linhas[row]
        if not linha.aulas_dadas:
            return False
        return not av.frequencia_suficiente(linha.aulas_dadas, linha.faltas or 0, self._regra)

    def first_empty_cell(self) -> tuple[int, int]:
        ativos = [i for i, linha in enumerate(self._linhas) if linha.ativa]
        for row in ativos:
            if self._linhas[row].aulas_dadas is None:
                return row, self.AULAS
        return (ativos[0] if ativos else 0), self.FALTAS

    def aplicar_aulas(self, aulas: int) -> bool:
        """The same aulas dadas for every aluno still in the turma (faltas kept), in one call."""
        changes = {(row, self.AULAS): aulas for row, linha in enumerate(self._linhas) if linha.ativa}
        if not changes:
            return False
        nome = translate("FrequenciaModel", "Aplicar {aulas} aulas dadas a todos").format(aulas=aulas)
        if not self.write(changes, " " + translate("FrequenciaModel", "Nada foi alterado."), nome):
            return False
        self.saved.emit(
            translate("FrequenciaModel", "Aulas dadas: {aulas} para 1 aluno.").format(aulas=aulas)
            if len(changes) == 1
            else translate("FrequenciaModel", "Aulas dadas: {aulas} para {n} alunos.").format(
                aulas=aulas, n=_numero(len(changes))
            )
        )
        return True

    # --- PlanilhaModel ------------------------------------------------------------------

    def aluno_nome(self, row: int) -> str:
        return self._linhas[row].aluno_nome

    def row_is_active(self, row: int) -> bool:
        return self._linhas[row].ativa

    def column_is_editable(self, column: int) -> bool:
        return column in (self.AULAS, self.FALTAS)

    def column_title(self, column: int) -> str:
        return translate(self.CONTEXT, self._HEADERS[column])

    def value(self, row: int, column: int) -> int | None:
        linha = self._linhas[row]
        if column == self.AULAS:
            return linha.aulas_dadas
        if column == self.FALTAS:
            return linha.faltas
        return None

    def parse(self, column: int, text: str) -> int | None:
        text = text.strip()
        if not text:
            return None
        if not _INTEIRO_RE.fullmatch(text):
            raise _RefusedError(translate_validation(av.AULAS_INVALIDAS))
        number = int(text)
        if number > AULAS_MAXIMAS:
            raise _RefusedError(
                translate("FrequenciaModel", "Use um número de 0 a {maximo}.").format(maximo=AULAS_MAXIMAS)
            )
        return number

    def cell_key(self, row: int, column: int) -> Hashable:
        return (self._linhas[row].enturmacao_id, column)

    def _history_cells(self, changes: Mapping[tuple[int, int], Any]) -> list[tuple[int, int]]:
        # Aulas dadas and faltas go together (faltas need aulas dadas, and become 0 with
        # them): undoing the aulas dadas of an empty row empties its faltas too.
        return [(row, column) for row in sorted({row for row, _c in changes}) for column in (self.AULAS, self.FALTAS)]

    def cell_at(self, key: Hashable) -> tuple[int, int] | None:
        enturmacao_id, column = key  # type: ignore[misc]
        row = next((i for i, linha in enumerate(self._linhas) if linha.enturmacao_id == enturmacao_id), None)
        return None if row is None else (row, column)

    def describe_cell(self, row: int, column: int) -> str:
        nomes = {
            "aluno": self._linhas[row].aluno_nome,
            "disciplina": self.disciplina_nome,
            "periodo": nome_do_periodo_traduzido(self._grade.periodo.nome) if self._grade is not None else "",
        }
        if column == self.AULAS:
            return translate("FrequenciaModel", "Aulas dadas de {aluno} em {disciplina}, {periodo}").format(**nomes)
        return translate("FrequenciaModel", "Faltas de {aluno} em {disciplina}, {periodo}").format(**nomes)

    def _novos_valores(self, changes: Mapping[tuple[int, int], Any]) -> dict[int, tuple[int | None, int | None]]:
        novos: dict[int, tuple[int | None, int | None]] = {}
        for (row, column), valor in changes.items():
            aulas, faltas = novos.get(row, (self._linhas[row].aulas_dadas, self._linhas[row].faltas))
            novos[row] = (valor, faltas) if column == self.AULAS else (aulas, valor)
        return novos

    def _lancamentos(self, changes: Mapping[tuple[int, int], Any]) -> list[LancamentoFrequencia]:
        lancamentos = []
        for row, (aulas, faltas) in sorted(self._novos_valores(changes).items()):
            nome = self._linhas[row].aluno_nome
            if aulas is None and faltas is not None:
                raise _RefusedError(
                    f"{nome}: " + translate("FrequenciaModel", "informe as aulas dadas antes das faltas.")
                )
            if aulas is not None and faltas is not None and faltas > aulas:
                raise _RefusedError(f"{nome}: {translate_validation(av.FALTAS_MAIORES_QUE_AULAS)}")
            lancamentos.append(LancamentoFrequencia(self._linhas[row].enturmacao_id, aulas, faltas))
        return lancamentos

    def _apply(self, changes: Mapping[tuple[int, int], Any]) -> None:
        for row, (aulas, faltas) in self._novos_valores(changes).items():
            linha = self._linhas[row]
            # As the service stores them: faltas not given are none (0).
            if aulas is None and faltas is None:
                linha.aulas_dadas = linha.faltas = None
            else:
                linha.aulas_dadas, linha.faltas = aulas, faltas or 0

    # --- QAbstractItemModel -------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._linhas)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``columnCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``headerData()`` of QAbstractItemModel."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.column_title(section)
            if role == Qt.ItemDataRole.ToolTipRole and section == self.FREQUENCIA:
                return translate("FrequenciaModel", "Presenças sobre as aulas dadas no período")
        return super().headerData(section, orientation, role)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < len(self._linhas):
            return None
        row, column = index.row(), index.column()
        linha = self._linhas[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.AULAS, self.FALTAS, self.FREQUENCIA):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not linha.ativa:
                return _disabled_text_color()
            if column in (self.FREQUENCIA, self.OBSERVACAO) and self.abaixo_do_minimo(row):
                return ERROR_COLOR
            return None
        if role == Qt.ItemDataRole.FontRole and not linha.ativa:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if not linha.ativa:
                return translate("FrequenciaModel", "{aluno} saiu da turma: a frequência fica como estava.").format(
                    aluno=linha.aluno_nome
                )
            return linha.aluno_nome if column == self.ALUNO else None
        return None

    def _text(self, row: int, column: int) -> str:
        linha = self._linhas[row]
        if column == self.ALUNO:
            return linha.aluno_nome
        if column in (self.AULAS, self.FALTAS):
            valor = self.value(row, column)
            return "" if valor is None else str(valor)
        if column == self.FREQUENCIA:
            percentual = self.percentual(row)
            return "" if percentual is None else format_percentual(percentual)
        if not linha.ativa and linha.situacao_saida is not None:
            return situacao_label(linha.situacao_saida)
        if self.abaixo_do_minimo(row):
            return translate("FrequenciaModel", "Abaixo de {minimo} %").format(minimo=self._grade.frequencia_minima)  # type: ignore[union-attr]
        return ""


# --- the spreadsheet view ---------------------------------------------------------------


class _CelulaDelegate(QStyledItemDelegate):
    """A plain line edit whose text is selected, so typing replaces the value like in Calc;
    Up and Down save and move, as in a spreadsheet."""

    def __init__(self, view: PlanilhaView) -> None:
        super().__init__(view)
        self._view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _ModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setMaxLength(20)
        return editor

    def setEditorData(self, editor: QWidget, index: _ModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: _ModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            self.commitData.emit(editor)
            refused = self._view.last_commit_refused
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            if not refused:
                self._view.move_cursor_by(step)
            return True
        return super().eventFilter(editor, event)


class PlanilhaView(QTableView):
    """A table that types like a spreadsheet over a :class:`PlanilhaModel`.

    Typing starts editing; Enter saves and goes down (Shift+Enter up), Tab right; Up/Down
    save and move; Delete or Backspace clears the selected cells; Ctrl+C copies them and
    Ctrl+V pastes from the current cell; Ctrl+Z undoes the last write and Ctrl+Shift+Z or
    Ctrl+Y redoes it (while a cell is being edited, they belong to its editor). A refused
    value keeps the cursor on its cell.
    """

    #: The visible area changed size (the window was resized, a scroll bar came or went).
    viewport_resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_commit_refused = False
        self.setItemDelegate(_CelulaDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setHighlightSections(True)
        # The stretched last column never gets narrower than this; its text decides instead.
        self.horizontalHeader().setDefaultSectionSize(NUMBER_COLUMN_MIN_WIDTH)

    def planilha(self) -> PlanilhaModel | None:
        model = self.model()
        return model if isinstance(model, PlanilhaModel) else None

    def setModel(self, model: Any) -> None:
        """Override ``setModel()``: a refused value keeps the cursor where it is."""
        super().setModel(model)
        if isinstance(model, PlanilhaModel):
            model.refused.connect(self._on_refused)
            model.restored.connect(self._on_restored)

    def _on_restored(self, cells: list[tuple[int, int]]) -> None:
        """Select the cells an undo or a redo wrote, so that the user sees what changed."""
        model = self.planilha()
        if model is None or not cells:
            return
        selection = QItemSelection()
        for row, column in cells:
            selection.select(model.index(row, column), model.index(row, column))
        first = model.index(*cells[0])
        self.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(first)

    def _on_refused(self, _message: str) -> None:
        self.last_commit_refused = True

    def commitData(self, editor: QWidget) -> None:
        """Override ``commitData()`` of QAbstractItemView: note whether the value was refused."""
        self.last_commit_refused = False
        super().commitData(editor)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Override ``closeEditor()``: Enter moves down (like Excel), a refused value stays put."""
        if self.last_commit_refused and hint in (
            QAbstractItemDelegate.EndEditHint.SubmitModelCache,
            QAbstractItemDelegate.EndEditHint.EditNextItem,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem,
        ):
            self.last_commit_refused = False
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            return
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.move_cursor_by(1)
            return
        super().closeEditor(editor, hint)

    def move_cursor_by(self, rows: int) -> None:
        """Move the current cell ``rows`` down (up when negative), in the same column."""
        current = self.currentIndex()
        if not current.isValid() or self.model() is None:
            return
        target = self.model().index(current.row() + rows, current.column())
        if target.isValid():
            self.setCurrentIndex(target)
            self.scrollTo(target)

    def viewportEvent(self, event: QEvent) -> bool:
        """Override ``viewportEvent()`` of QAbstractScrollArea: tell when the viewport resizes."""
        result = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.viewport_resized.emit()
        return result

    def event(self, event: QEvent) -> bool:
        """Override ``event()``: keep the keys the grid uses from the window's shortcuts
        (the window's Delete, say, deletes an aluno elsewhere)."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._own_key(event):
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _is_redo(event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return event.matches(QKeySequence.StandardKey.Redo) or any(pressed == keys for keys in REDO_KEYS)

    def _own_key(self, event: QKeyEvent) -> bool:
        return (
            event.matches(QKeySequence.StandardKey.Copy)
            or event.matches(QKeySequence.StandardKey.Paste)
            or event.matches(QKeySequence.StandardKey.Undo)
            or self._is_redo(event)
            or (
                event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Override ``keyPressEvent()``: the spreadsheet keys."""
        model = self.planilha()
        editing = self.state() == QAbstractItemView.State.EditingState
        if model is None or editing:
            super().keyPressEvent(event)
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            model.undo()
            return
        if self._is_redo(event):
            model.redo()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._own_key(event):
            model.clear(self.selectedIndexes() or [self.currentIndex()])
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            up = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.move_cursor_by(-1 if up else 1)
            return
        super().keyPressEvent(event)

    def copy_selection(self) -> None:
        model = self.planilha()
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if model is not None and indexes:
            QGuiApplication.clipboard().setText(model.copy_text(indexes))

    def paste(self) -> bool:
        """Paste the clipboard's text from the current cell (or over the selected cells)."""
        model = self.planilha()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return False
        text = QGuiApplication.clipboard().text()
        if not model.paste(current.row(), current.column(), text, self.selectedIndexes()):
            return False
        block = parse_clipboard(text)
        if len(self.selectedIndexes()) <= 1 and block:
            # Select what was pasted, as the spreadsheets do.
            bottom = current.row() + len(block) - 1
            right = current.column() + max(len(line) for line in block) - 1
            self.selectionModel().select(
                QItemSelection(current, model.index(bottom, right)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
        return True


# --- the pages --------------------------------------------------------------------------


class _DiarioPage(QWidget):
    """Selectors ano letivo → turma → disciplina (→ período), and either a grid or a sentence
    that says what to do first (no ano letivo, no turma, no disciplina, no aluno)."""

    #: The user asked to open the Turmas page (to create a turma, choose its disciplinas...).
    turmas_requested = Signal()
    #: The user asked to open the Configurações page (to create an ano letivo).
    configurar_requested = Signal()

    def __init__(
        self,
        prefix: str,
        model: PlanilhaModel,
        hint: str,
        turmas: TurmaService,
        anos: AnoLetivoService,
        diario: DiarioService,
        com_periodo: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(prefix)
        self._hint = hint
        self._turmas = turmas
        self._anos = anos
        self._diario = diario
        self._com_periodo = com_periodo
        self._anos_rows: list[AnoLetivoRow] = []
        self._grade_key: tuple[int, ...] | None = None
        self._natural_widths: list[int] = []
        self._aviso_signal: Any = None

        self.ano_combo = self._combo(f"{prefix}_ano")
        self.turma_combo = self._combo(f"{prefix}_turma")
        self.disciplina_combo = self._combo(f"{prefix}_disciplina")
        self.periodo_combo = self._combo(f"{prefix}_periodo")
        self._seletores: list[tuple[QLabel, QComboBox]] = []
        seletores = QHBoxLayout()
        for text, combo in (
            (self.tr("&Ano letivo:"), self.ano_combo),
            (self.tr("&Turma:"), self.turma_combo),
            (self.tr("&Disciplina:"), self.disciplina_combo),
            (self.tr("&Período:"), self.periodo_combo),
        ):
            if combo is self.periodo_combo and not com_periodo:
                combo.setParent(self)  # never shown, but owned
                combo.hide()
                continue
            label = QLabel(text)
            label.setBuddy(combo)
            seletores.addWidget(label)
            seletores.addWidget(combo)
            seletores.addSpacing(12)
            self._seletores.append((label, combo))
        seletores.addStretch(1)
        self.ano_combo.currentIndexChanged.connect(self._on_ano_changed)
        self.turma_combo.currentIndexChanged.connect(self._on_turma_changed)
        self.disciplina_combo.currentIndexChanged.connect(self._on_disciplina_changed)
        self.periodo_combo.currentIndexChanged.connect(self._on_periodo_changed)

        # The empty state: a sentence and, when another page is where to go, a button to it.
        self.aviso = QLabel()
        self.aviso.setObjectName(f"{prefix}_aviso")
        self.aviso.setWordWrap(True)
        self.aviso.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.aviso.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.aviso.setFont(font)
        self.aviso_botao = QPushButton()
        self.aviso_botao.setObjectName(f"{prefix}_aviso_botao")
        self.aviso_botao.clicked.connect(self._on_aviso_clicked)
        aviso_pagina = QWidget()
        aviso_layout = QVBoxLayout(aviso_pagina)
        aviso_layout.addStretch(1)
        aviso_layout.addWidget(self.aviso)
        aviso_layout.addSpacing(8)
        aviso_layout.addWidget(self.aviso_botao, 0, Qt.AlignmentFlag.AlignHCenter)
        aviso_layout.addStretch(2)

        self.model = model
        self.model.setParent(self)
        self.model.committer = self._commit
        #: The page's history of writes; the main window's Editar menu follows it (QUndoGroup).
        self.undo_stack = self.model.undo_stack
        self.model.refused.connect(self.show_error)
        self.model.saved.connect(self.show_info)
        self.regra = QLabel()
        self.regra.setObjectName(f"{prefix}_regra")
        self.regra.setWordWrap(True)
        self.table = PlanilhaView()
        self.table.setObjectName(f"{prefix}_tabela")
        self.table.setModel(self.model)
        self.table.viewport_resized.connect(self._fit_columns)
        self.status = QLabel()
        self.status.setObjectName(f"{prefix}_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.barra = QHBoxLayout()
        self.barra.addWidget(self.regra, 1)
        grade_pagina = QWidget()
        grade_layout = QVBoxLayout(grade_pagina)
        grade_layout.setContentsMargins(0, 0, 0, 0)
        grade_layout.addLayout(self.barra)
        grade_layout.addWidget(self.table, 1)
        grade_layout.addWidget(self.status)

        self.stack = QStackedWidget()
        self.stack.addWidget(aviso_pagina)
        self.stack.addWidget(grade_pagina)
        self._grade_pagina = grade_pagina

        layout = QVBoxLayout(self)
        layout.addLayout(seletores)
        layout.addWidget(self.stack, 1)
        self.show_hint()

    @staticmethod
    def _combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumContentsLength(6)
        return combo

    # --- status line --------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)

    def show_info(self, message: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(message)

    def show_hint(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self._hint)

    # --- what is shown ------------------------------------------------------------------

    @property
    def showing_grid(self) -> bool:
        return self.stack.currentWidget() is self._grade_pagina

    def _show_empty(self, message: str, button: str = "", signal: Any = None) -> None:
        self._grade_key = None
        self.undo_stack.clear()  # no grid, nothing to undo in it
        self.aviso.setText(message)
        self.aviso_botao.setText(button)
        self.aviso_botao.setVisible(bool(button))
        self._aviso_signal = signal
        self.stack.setCurrentIndex(0)

    def _on_aviso_clicked(self) -> None:
        if self._aviso_signal is not None:
            self._aviso_signal.emit()

    def _show_selectors(self, visible: int) -> None:
        """Show the first ``visible`` selectors (those that have something to choose)."""
        for i, (label, combo) in enumerate(self._seletores):
            label.setVisible(i < visible)
            combo.setVisible(i < visible)

    @staticmethod
    def _fill(combo: QComboBox, items: Sequence[tuple[str, int]], chosen: int | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        for text, item_id in items:
            combo.addItem(text, item_id)
        index = combo.findData(chosen) if chosen is not None else -1
        combo.setCurrentIndex(index if index >= 0 else (0 if items else -1))
        combo.blockSignals(False)

    # --- loading ------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """The file cannot be written: the grid shows the values and takes none."""
        self.model.somente_leitura = read_only
        if read_only:
            keep_disabled(self._edit_widgets())
            self._hint = self.tr("O arquivo está aberto somente para leitura: os valores são mostrados e não mudam.")
            self.show_hint()

    def _edit_widgets(self) -> list[QWidget]:
        return []

    def refresh(self) -> None:
        """Reload the choices and the grid (another page may have changed them)."""
        self.show_hint()
        self._reload(focus=True)

    def _reload(self, focus: bool = False) -> None:
        try:
            self._load_anos()
        except Exception:
            messages.report_unexpected_error(self)
            return
        if focus and self.showing_grid and self.isVisible():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load_anos(self) -> None:
        self._anos_rows = self._anos.list()
        items = [(str(a.ano) + (self.tr(" (encerrado)") if a.encerrado else ""), a.id) for a in self._anos_rows]
        self._fill(self.ano_combo, items, ULTIMAS_ESCOLHAS.get("ano"))
        if not self._anos_rows:
            self._show_selectors(0)
            self._show_empty(
                self.tr(
                    "Nenhum ano letivo cadastrado. Cadastre o ano letivo, com seus períodos e a regra "
                    "de avaliação, na página Configurações."
                ),
                self.tr("Abrir Configurações"),
                self.configurar_requested,
            )
            return
        self._load_turmas()

    def _ano(self) -> AnoLetivoRow | None:
        ano_id = self.ano_combo.currentData()
        return next((a for a in self._anos_rows if a.id == ano_id), None)

    def _load_turmas(self) -> None:
        ano = self._ano()
        assert ano is not None
        turmas = self._turmas.list(ano.id)
        self._fill(self.turma_combo, [(t.nome, t.id) for t in turmas], ULTIMAS_ESCOLHAS.get("turma"))
        if not turmas:
            self._show_selectors(1)
            self._show_empty(
                self.tr("O ano letivo {ano} ainda não tem turmas. Crie as turmas na página Turmas.").format(
                    ano=ano.ano
                ),
                self.tr("Abrir Turmas"),
                self.turmas_requested,
            )
            return
        if self._com_periodo:
            periodos = self._anos.periodos(ano.id)
            self._fill(
                self.periodo_combo,
                [(nome_do_periodo_traduzido(p.nome), p.id) for p in periodos],
                ULTIMAS_ESCOLHAS.get("periodo"),
            )
        self._load_disciplinas()

    def _load_disciplinas(self) -> None:
        turma_id = self.turma_combo.currentData()
        disciplinas = self._turmas.disciplinas(turma_id)
        self._fill(
            self.disciplina_combo, [(d.nome, d.disciplina_id) for d in disciplinas], ULTIMAS_ESCOLHAS.get("disciplina")
        )
        if not disciplinas:
            self._show_selectors(2)
            self._show_empty(
                self.tr(
                    "A turma {turma} ainda não tem disciplinas. Escolha as disciplinas da turma na página Turmas."
                ).format(turma=self.turma_combo.currentText()),
                self.tr("Abrir Turmas"),
                self.turmas_requested,
            )
            return
        self._show_selectors(4)
        self._remember()
        ano = self._ano()
        self.model.ano_encerrado = ano.ano if ano is not None and ano.encerrado else None
        self.model.disciplina_nome = self.disciplina_combo.currentText()
        self._load_grid()

    def _remember(self) -> None:
        for key, combo in (
            ("ano", self.ano_combo),
            ("turma", self.turma_combo),
            ("disciplina", self.disciplina_combo),
            ("periodo", self.periodo_combo),
        ):
            if combo.currentData() is not None and (key != "periodo" or self._com_periodo):
                ULTIMAS_ESCOLHAS[key] = combo.currentData()

    def _guarded(self, load: Callable[[], None]) -> None:
        try:
            load()
        except Exception:
            messages.report_unexpected_error(self)

    def _on_ano_changed(self, _index: int) -> None:
        self.show_hint()
        self._guarded(self._load_turmas)

    def _on_turma_changed(self, _index: int) -> None:
        self.show_hint()
        self._guarded(self._load_disciplinas)

    def _on_disciplina_changed(self, _index: int) -> None:
        self.show_hint()
        self._remember()
        self.model.disciplina_nome = self.disciplina_combo.currentText()
        self._guarded(self._load_grid)

    def _on_periodo_changed(self, _index: int) -> None:
        self.show_hint()
        self._remember()
        self._guarded(self._load_grid)

    def _load_grid(self) -> None:
        raise NotImplementedError

    def _show_grid(self, key: tuple[int, ...], load: Callable[[], None]) -> None:
        """Run ``load`` (which reloads the model) and show the grid. The same grid loaded again
        keeps its current cell and column widths; a new one fits its columns and puts the
        cursor on the first cell still empty."""
        same = key == self._grade_key and self.showing_grid
        if key != self._grade_key:
            # Another turma, disciplina or período: the history was about the grid shown
            # before, so it goes. The same grid loaded again (a refresh, a page shown again,
            # a refused write) keeps it: its commands name the cells by enturmação and período.
            self.undo_stack.clear()
        current = self.table.currentIndex()
        previous = (current.row(), current.column()) if same and current.isValid() else None
        widths = [self.table.columnWidth(c) for c in range(self.model.columnCount())] if same else []
        load()
        self._grade_key = key
        self.stack.setCurrentIndex(1)
        if widths and len(widths) == self.model.columnCount():
            for column, width in enumerate(widths):
                self.table.setColumnWidth(column, width)
        else:
            self._size_columns()
        if previous is not None and previous[0] < self.model.rowCount() and previous[1] < self.model.columnCount():
            row, column = previous
        else:
            row, column = self.model.first_empty_cell()  # type: ignore[attr-defined]
        target = self.model.index(row, column)
        self.table.setCurrentIndex(target)
        self.table.scrollTo(target)

    def _size_columns(self) -> None:
        """Fit the columns to their contents; the last one takes the room left."""
        header = self.table.horizontalHeader()
        natural = [
            max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(self.model.columnCount())
        ]
        widths = [max(ALUNO_COLUMN_MIN_WIDTH, min(natural[0] + 24, ALUNO_COLUMN_MAX_WIDTH))]
        widths += [max(width + 2, NUMBER_COLUMN_MIN_WIDTH) for width in natural[1:]]
        # The columns typed into are as wide as each other, like the cells of a spreadsheet.
        editable = [c for c in range(1, len(widths)) if self.model.column_is_editable(c)]
        for column in editable:
            widths[column] = max(widths[c] for c in editable)
        self._natural_widths = widths
        for column, width in enumerate(widths[:-1]):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Narrow the Aluno column, down to a minimum, so that every other column is in sight."""
        widths = self._natural_widths
        if not widths or len(widths) != self.model.columnCount():
            return
        room = self.table.viewport().width() - sum(widths[1:])
        self.table.setColumnWidth(0, max(ALUNO_COLUMN_MIN_WIDTH, min(widths[0], room)))

    # --- saving -------------------------------------------------------------------------

    def _commit(self, lancamentos: list[Any]) -> bool:
        try:
            self._save(lancamentos)
        except ValidationError as error:
            self.show_error(translate_validation(error.message))
            QTimer.singleShot(0, self._reload)
            return False
        except RecordNotFoundError:
            self.show_error(self.tr("Estes dados mudaram em outra página ou janela; a tabela foi carregada de novo."))
            QTimer.singleShot(0, self._reload)
            return False
        except Exception:
            messages.report_unexpected_error(self)
            QTimer.singleShot(0, self._reload)
            return False
        if self.status.styleSheet():  # a value typed right after a refused one: the error is over
            self.show_hint()
        return True

    def _save(self, lancamentos: list[Any]) -> None:
        raise NotImplementedError

    def _situacoes_saida(self, enturmacao_ids: Sequence[int]) -> dict[int, av.Situacao]:
        return {e: self._turmas.enturmacao(e).situacao for e in enturmacao_ids}


class NotasPage(_DiarioPage):
    """The notas of a turma × disciplina, all períodos side by side, with the média and the
    situação recomputed as they are typed."""

    def __init__(
        self,
        turmas: TurmaService,
        anos: AnoLetivoService,
        diario: DiarioService,
        parent: QWidget | None = None,
    ) -> None:
        hint = QCoreApplication.translate(
            "NotasPage",
            "Digite a nota (como 7,5) e tecle Enter para ir ao próximo aluno; Tab vai para a coluna ao lado. "
            "Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz. Ctrl+V cola notas copiadas de uma planilha.",
        )
        super().__init__("notas", NotasModel(), hint, turmas, anos, diario, False, parent)
        self.model: NotasModel

    def _load_grid(self) -> None:
        turma_id = self.turma_combo.currentData()
        disciplina_id = self.disciplina_combo.currentData()
        grade = self._diario.notas(turma_id, disciplina_id)
        if not grade.linhas:
            self._show_selectors(2)
            self._show_empty(
                self.tr("Esta turma ainda não tem alunos. Enturme alunos na página Turmas."),
                self.tr("Abrir Turmas"),
                self.turmas_requested,
            )
            return
        frequencias: dict[int, tuple[int, int]] = {}
        lancados: dict[int, frozenset[int]] = {}
        for periodo in grade.periodos:
            for linha in self._diario.frequencia(turma_id, disciplina_id, periodo.id).linhas:
                if linha.aulas_dadas is not None:
                    aulas, faltas = frequencias.get(linha.enturmacao_id, (0, 0))
                    frequencias[linha.enturmacao_id] = (aulas + linha.aulas_dadas, faltas + (linha.faltas or 0))
                    lancados[linha.enturmacao_id] = lancados.get(linha.enturmacao_id, frozenset()) | {periodo.numero}
        ano = self._ano()
        tipo = ano.tipo_periodo if ano is not None else "bimestre"
        saidas = self._situacoes_saida([linha.enturmacao_id for linha in grade.linhas if not linha.ativa])
        self.regra.setText(self._regra_text(grade))
        self._show_grid((turma_id, disciplina_id), lambda: self.model.load(grade, tipo, frequencias, saidas, lancados))

    def _regra_text(self, grade: GradeNotas) -> str:
        regra = grade.regra
        partes = [
            self.tr("Média para aprovação: {media}").format(media=av.format_nota(regra.media_aprovacao)),
            self.tr("frequência mínima: {minima} %").format(minima=f"{regra.frequencia_minima:g}"),
        ]
        if regra.recuperacao is not None:
            partes.append(translate_validation(regra.recuperacao.label).lower())
        else:
            partes.append(self.tr("sem recuperação"))
        return " · ".join(partes) + "."

    def _save(self, lancamentos: list[Any]) -> None:
        self._diario.lancar_notas(self.turma_combo.currentData(), self.disciplina_combo.currentData(), lancamentos)


class FrequenciaPage(_DiarioPage):
    """Aulas dadas and faltas of a turma × disciplina in one período, with the frequência and
    a warning for those below the ano letivo's minimum."""

    def __init__(
        self,
        turmas: TurmaService,
        anos: AnoLetivoService,
        diario: DiarioService,
        parent: QWidget | None = None,
    ) -> None:
        hint = QCoreApplication.translate(
            "FrequenciaPage",
            "Digite o número e tecle Enter para ir ao próximo aluno; Tab vai para a coluna ao lado. "
            "Delete apaga, Ctrl+Z desfaz e Ctrl+Shift+Z refaz. Ctrl+V cola números copiados de uma planilha.",
        )
        super().__init__("frequencia", FrequenciaModel(), hint, turmas, anos, diario, True, parent)
        self.model: FrequenciaModel

        self.aulas = QSpinBox()
        self.aulas.setObjectName("frequencia_aulas")
        self.aulas.setRange(0, AULAS_MAXIMAS)
        self.aulas.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        aulas_label = QLabel(self.tr("Aulas dadas no perío&do:"))
        aulas_label.setBuddy(self.aulas)
        self.aplicar_button = QPushButton(self.tr("Aplicar a &todos"))
        self.aplicar_button.setObjectName("frequencia_aplicar")
        self.aplicar_button.setToolTip(
            self.tr("Lança estas aulas dadas para todos os alunos da turma neste período; as faltas ficam.")
        )
        self.aplicar_button.clicked.connect(self.aplicar_a_todos)
        self.aulas.lineEdit().returnPressed.connect(self.aplicar_a_todos)
        self.barra.addSpacing(12)
        self.barra.addWidget(aulas_label)
        self.barra.addWidget(self.aulas)
        self.barra.addWidget(self.aplicar_button)

    def _edit_widgets(self) -> list[QWidget]:
        return [self.aulas, self.aplicar_button]

    def _load_grid(self) -> None:
        turma_id = self.turma_combo.currentData()
        disciplina_id = self.disciplina_combo.currentData()
        periodo_id = self.periodo_combo.currentData()
        grade = self._diario.frequencia(turma_id, disciplina_id, periodo_id)
        if not grade.linhas:
            self._show_selectors(2)
            self._show_empty(
                self.tr("Esta turma ainda não tem alunos. Enturme alunos na página Turmas."),
                self.tr("Abrir Turmas"),
                self.turmas_requested,
            )
            return
        saidas = self._situacoes_saida([linha.enturmacao_id for linha in grade.linhas if not linha.ativa])
        self.regra.setText(
            self.tr("Frequência mínima: {minima} % das aulas dadas.").format(minima=grade.frequencia_minima)
        )
        comuns = Counter(linha.aulas_dadas for linha in grade.linhas if linha.ativa and linha.aulas_dadas is not None)
        if comuns:
            self.aulas.setValue(comuns.most_common(1)[0][0])
        self.aplicar_button.setEnabled(self.model.ano_encerrado is None and any(linha.ativa for linha in grade.linhas))
        self._show_grid((turma_id, disciplina_id, periodo_id), lambda: self.model.load(grade, saidas))

    def aplicar_a_todos(self) -> bool:
        """Fill the aulas dadas of every aluno still in the turma with the field's value; then
        the cursor waits in the Faltas column, the next thing to type."""
        self.aulas.interpretText()
        if self.model.ano_encerrado is not None or not self.model.aplicar_aulas(self.aulas.value()):
            return False
        row, _column = self.model.first_empty_cell()
        self.table.setCurrentIndex(self.model.index(row, FrequenciaModel.FALTAS))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _save(self, lancamentos: list[Any]) -> None:
        self._diario.lancar_frequencia(
            self.turma_combo.currentData(),
            self.disciplina_combo.currentData(),
            self.periodo_combo.currentData(),
            lancamentos,
        )


__all__ = [
    "ULTIMAS_ESCOLHAS",
    "FrequenciaModel",
    "FrequenciaPage",
    "NotasModel",
    "NotasPage",
    "PlanilhaModel",
    "PlanilhaView",
    "parse_clipboard",
]
