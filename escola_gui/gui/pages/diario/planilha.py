"""The spreadsheet model that the Notas and Frequência grids share: rows of alunos whose cells
are typed, pasted and cleared, checked whole, written through the service, and undone.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from escola_gui.gui.pages.diario import _ModelIndex, _numero
from escola_gui.gui.toolkit.text import translate

#: How many writes Ctrl+Z can take back, one after the other.
UNDO_LIMIT = 100


class _RefusedError(Exception):
    """A value the rules refuse, with the (translated) reason to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
