"""The Notas and Frequência pages: the diário of one turma × disciplina, typed like a spreadsheet.

Both pages choose ano letivo → turma → disciplina (→ período, for the frequência) and show
one row per aluno in a :class:`PlanilhaView`, which behaves like Excel or LibreOffice Calc:
typing starts editing, Enter saves and goes down to the next aluno, Tab goes right,
Delete/Backspace clears the selected cells, Ctrl+C copies the selection as tab-separated
text and Ctrl+V pastes such text (Brazilian decimal commas welcome) from the current cell.

Every change is saved at once through :class:`~escola_gui.core.diario.DiarioService` (the
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

The package, shaped like Anki's ``aqt/browser/table``: :mod:`.planilha` is the spreadsheet
model both grids share (typing, pasting, clearing, undo), :mod:`.notas` and :mod:`.frequencia`
are its two kinds of rows and columns, :mod:`.view` is :class:`~.view.PlanilhaView` with its
cell editor, and :mod:`.page` holds the two pages. This module holds what several of them use.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QPalette

from escola_gui.core.avaliacao import nome_do_periodo
from escola_gui.gui.toolkit.text import translate_validation

_ModelIndex = QModelIndex | QPersistentModelIndex

ERROR_COLOR = QColor("#b3261e")


def _numero(n: int) -> str:
    """``n`` as the interface's language writes it: "49.998" in Portuguese."""
    return QLocale().toString(n)


def _disabled_text_color() -> QColor:
    return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


_NOME_PADRAO_DO_PERIODO = re.compile(r"(\d+)º (bimestre|trimestre|semestre)")


def nome_do_periodo_traduzido(nome: str) -> str:
    """A período's name in the user's language: "1º bimestre" is "Quarter 1" in English, next to
    its column "Q1"; a name that is not the standard one stays as it is."""
    padrao = _NOME_PADRAO_DO_PERIODO.fullmatch(nome)
    if padrao is None:
        return nome
    return nome_do_periodo(padrao.group(2), int(padrao.group(1)), translate_validation)


__all__ = ["ERROR_COLOR", "format_percentual", "nome_do_periodo_traduzido"]
