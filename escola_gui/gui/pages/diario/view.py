"""The view of the diário's grids: :class:`PlanilhaView`, a table that types like a spreadsheet, and
its cell editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from escola_gui.gui.pages.diario import _ModelIndex
from escola_gui.gui.pages.diario.planilha import PlanilhaModel, parse_clipboard

#: The keys that redo, whatever the platform's standard one is.
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))

# Wide enough for "10,0" and for the "1º trim." headers, with room to breathe.
NUMBER_COLUMN_MIN_WIDTH = 56


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
        # A nota or a conceito fits in 20; a parecer descritivo says how long it may be.
        max_length = getattr(index.model(), "max_length", None)
        editor.setMaxLength(max_length(index.column()) if callable(max_length) else 20)
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
