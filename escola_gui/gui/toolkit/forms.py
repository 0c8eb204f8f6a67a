"""The form every record is edited in (:class:`RecordDialog`), with its history of field
changes, and the small labels the forms' tabs are built from.

A form saves through the service its subclass receives. When something is wrong it keeps the
dialog open, shows the Portuguese message under the field at fault and puts the focus there.
Open it with ``open()`` and listen to ``accepted``: nothing blocks, so tests can drive it.

Each form keeps a history of its field changes (:class:`RecordDialog`'s ``undo_stack``):
Ctrl+Z undoes the last field changed, Ctrl+Shift+Z or Ctrl+Y redoes it. Nothing is saved
until Salvar, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence, QShowEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.errors import RecordNotFoundError, ValidationError
from escola_gui.gui.toolkit import messages, read_only
from escola_gui.gui.toolkit.date_field import DateField
from escola_gui.gui.toolkit.text import translate_validation

_log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b3261e;"
# Wide enough that most messages under a field fit on one or two lines.
DIALOG_MIN_WIDTH = 540


def _invalidate(layout: QLayout | None) -> None:
    """Drop the cached sizes of ``layout`` and of the layouts nested in it (none: a widget
    without a layout, such as a placeholder tab, has nothing cached)."""
    if layout is None:
        return
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is not None and item.layout() is not None:
            _invalidate(item.layout())
    layout.invalidate()


def heading_label(text: str, name: str) -> QLabel:
    """A title over a part of a tab, in bold."""
    label = QLabel(text)
    label.setObjectName(name)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def sentence_label(text: str, name: str) -> QLabel:
    """A sentence that wraps to the width of the tab."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def note_label(text: str, name: str) -> QLabel:
    """A note about the tab, in italics so that it does not read as one of the rows."""
    label = sentence_label(text, name)
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label


# --- the history of a form's fields -----------------------------------------------------

#: The keys that redo in a form, whatever the platform's standard one is.
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


@dataclass(eq=False)
class _Campo:
    """A field the form's history follows: how to read and set its value, and the value it
    had when last recorded."""

    title: str
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]
    #: Changes one after the other, while the field keeps the focus, are one command (a date
    #: typed digit by digit, a spin box stepped with the arrows).
    mergeable: bool = False
    value: Any = None
    #: Counts the times the field got the focus, to tell one typing session from the next.
    session: int = 0
    #: The value when the form opened (or was last loaded): Cancelar asks only when one differs.
    initial: Any = None


class _CampoCommand(QUndoCommand):
    """One change of one field, named after it ("Nome", "Telefones"); pushed once made, so the
    first ``redo()`` does nothing."""

    def __init__(self, dialog: RecordDialog, campo: _Campo, before: Any, after: Any) -> None:
        super().__init__(campo.title)
        self._dialog = dialog
        self.campo = campo
        self.before = before
        self.after = after
        self.session = campo.session
        self._pushed = False

    def id(self) -> int:
        """Override ``id()`` of QUndoCommand: mergeable changes merge (see :meth:`mergeWith`)."""
        return 1 if self.campo.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Override ``mergeWith()``: the same field again, in the same focus session."""
        if not isinstance(other, _CampoCommand) or other.campo is not self.campo or other.session != self.session:
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)  # back where it started: no change at all
        return True

    def redo(self) -> None:
        """Override ``redo()`` of QUndoCommand."""
        if not self._pushed:
            self._pushed = True
            return
        self._dialog.set_field_value(self.campo, self.after)

    def undo(self) -> None:
        """Override ``undo()`` of QUndoCommand."""
        self._dialog.set_field_value(self.campo, self.before)


# --- the shared form --------------------------------------------------------------------


class RecordDialog(QDialog):
    """A form with a Salvar/Cancelar box and an error label under each field.

    Subclasses add rows with :meth:`add_field` and implement :meth:`collect`,
    :meth:`validate` and :meth:`save`.

    The fields given to :meth:`track` have a history, ``undo_stack``: a change is recorded
    when it is done (a line edit's editingFinished, a list box losing the focus, a combo's
    currentIndexChanged, a date's dateChanged, a check box toggled) as one command named after
    the field. Ctrl+Z undoes the last change, whichever field it was in, and Ctrl+Shift+Z or
    Ctrl+Y redoes it; the field changed back is brought into view and focused.

    How this lives with the undo of the text boxes themselves (QLineEdit, QPlainTextEdit):
    while the focused box holds typing not yet recorded, Ctrl+Z is the box's own, letter by
    letter, as in any text box; once its text is what was recorded (nothing typed since, or
    all of it undone there), Ctrl+Z goes to the form's history. Typing the box cannot undo
    itself (text a completer put there) is recorded first, so the form's Ctrl+Z takes it back.
    The redo keys are the box's own while it has something of its own to redo (right after
    undoing letters there); else the form's. Putting a value back (undo or redo) clears the
    box's own history, so the two never interleave. The context menu of a text box still
    offers its own Desfazer/Refazer.

    Subclasses call :meth:`start_history` once the stored values are in the fields, so that
    loading them is not a change.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved_id: int | None = None
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._errors: dict[str, QLabel] = {}
        self._focus_targets: dict[str, QWidget] = {}
        self._row_labels: list[QLabel] = []

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.button_box.setObjectName("botoes")
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Salvar"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        self.button_box.accepted.connect(self._on_save)
        self.button_box.rejected.connect(self.reject)

        self._layout = QVBoxLayout(self)
        self._layout.addLayout(self._form)
        self._layout.addStretch(1)
        self._layout.addWidget(self.button_box)
        self.tabs: QTabWidget | None = None

        self.undo_stack = QUndoStack(self)
        self._campos: dict[QWidget, _Campo] = {}
        self._history_started = False
        self._setting_field = False
        self._setting_error_check = False
        self._opened_with: tuple[object] | None = None
        self.action_desfazer = self.undo_stack.createUndoAction(self, self.tr("&Desfazer"))
        self.action_desfazer.setObjectName("action_desfazer")
        self.action_desfazer.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_refazer = self.undo_stack.createRedoAction(self, self.tr("&Refazer"))
        self.action_refazer.setObjectName("action_refazer")
        self.action_refazer.setShortcuts(list(REDO_KEYS))
        self.addAction(self.action_desfazer)
        self.addAction(self.action_refazer)

    def add_tab(self, title: str, object_name: str, beside: QWidget | None = None) -> QFormLayout:
        """Add a tab (the first call puts a tab widget above the buttons) and return its form.

        Rows go in with :meth:`add_field`'s ``form`` argument; ``beside`` (a photo, say) goes
        to the right of the rows.
        """
        if self.tabs is None:
            self.tabs = QTabWidget()
            self.tabs.setObjectName("abas")
            # The tabs take the spare height (each page keeps its rows at the top) instead of
            # the stretch above the buttons.
            spacer = next(i for i in range(self._layout.count()) if self._layout.itemAt(i).spacerItem())
            self._layout.takeAt(spacer)
            self._layout.insertWidget(1, self.tabs, 1)
        page = QWidget()
        page.setObjectName(object_name)
        form = self._new_form()
        page_layout = QVBoxLayout(page)
        if beside is None:
            page_layout.addLayout(form)
        else:
            # The rows keep their height when ``beside`` is the taller of the two.
            rows = QWidget()
            rows.setLayout(form)
            form.setContentsMargins(0, 0, 0, 0)
            top = QHBoxLayout()
            top.addWidget(rows, 1, Qt.AlignmentFlag.AlignTop)
            top.addWidget(beside, 0, Qt.AlignmentFlag.AlignTop)
            page_layout.addLayout(top)
        page_layout.addStretch(1)  # a shorter tab keeps its rows together at the top
        self.tabs.addTab(page, title)
        return form

    def add_section(self, title: str, object_name: str) -> QFormLayout:
        """Add a titled group of rows under those of the last tab and return its form.

        The labels line up with the tab's others (see :meth:`align_tab_labels`).
        """
        assert self.tabs is not None, "add_tab first"
        page_layout = self.tabs.widget(self.tabs.count() - 1).layout()
        assert isinstance(page_layout, QVBoxLayout)
        heading = QLabel(title)
        heading.setObjectName(object_name)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        form = self._new_form()
        at = page_layout.count() - 1  # before the stretch
        page_layout.insertSpacing(at, self.fontMetrics().lineSpacing() // 2)
        page_layout.insertWidget(at + 1, heading)
        page_layout.insertWidget(at + 2, line)
        page_layout.insertLayout(at + 3, form)
        return form

    @staticmethod
    def _new_form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    @property
    def save_button(self) -> QWidget:
        return self.button_box.button(QDialogButtonBox.StandardButton.Save)

    @property
    def read_only(self) -> bool:
        """Opened under a read-only main window: for viewing only (see ``read_only.py``)."""
        return getattr(self, "_read_only", False)

    def set_read_only(self) -> None:
        """Fields read-only, no Salvar: the file cannot be written."""
        self._read_only = True
        read_only.make_form_read_only(self, self.button_box)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Override ``showEvent()`` of QWidget: a form under a read-only window opens for viewing."""
        if not self.read_only and read_only.in_read_only_window(self.parent()):
            self.set_read_only()
        if self._opened_with is None:
            self._remember_opening_values()
        super().showEvent(event)

    def add_field(
        self,
        label: str,
        field: str,
        widget: QWidget,
        focus: QWidget | None = None,
        form: QFormLayout | None = None,
    ) -> None:
        """Add a row to ``form`` (the dialog's own by default): ``widget`` with an error label
        named ``erro_<field>`` under it."""
        row_label = QLabel(label)
        row_label.setBuddy(focus or widget)
        (form or self._form).addRow(row_label, self.field_box(field, widget, focus))
        self._row_labels.append(row_label)

    def field_box(self, field: str, widget: QWidget, focus: QWidget | None = None) -> QWidget:
        """``widget`` with its error label under it (see :meth:`error_label`); :meth:`add_field`
        puts one in each row."""
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(widget)
        box_layout.addWidget(self.error_label(field, focus or widget))
        box_layout.addStretch(1)  # any spare height goes below the message, not between
        return box

    def error_label(self, field: str, focus: QWidget) -> QLabel:
        """The hidden label named ``erro_<field>`` where :meth:`show_errors` puts the message
        about ``field``, focusing ``focus``; for rows laid out by hand."""
        error = QLabel()
        error.setObjectName(f"erro_{field}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        self._errors[field] = error
        self._focus_targets[field] = focus
        return error

    def align_tab_labels(self) -> None:
        """Give the label column of every tab the width of the widest, so fields line up across tabs."""
        width = max((label.sizeHint().width() for label in self._row_labels), default=0)
        for label in self._row_labels:
            label.setMinimumWidth(width)

    def error_text(self, field: str) -> str:
        """The message shown under ``field``, or "" when there is none."""
        label = self._errors[field]
        return label.text() if not label.isHidden() else ""

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field, clear the others, focus the first bad field."""
        for field, label in self._errors.items():
            message = errors.get(field)
            label.setText(translate_validation(message) if message else "")
            label.setVisible(bool(message))
            # Qt does not redo the layouts of a tab that is not shown, so a message there
            # would not count when the dialog grows to fit (its fields got squashed).
            _invalidate(label.parentWidget().layout())
            label.parentWidget().updateGeometry()
        if self.tabs is not None:
            for index in range(self.tabs.count()):
                page = self.tabs.widget(index)
                _invalidate(page.layout())
                page.updateGeometry()
        self._update_tab_marks()
        first = next((field for field in self._errors if field in errors), None)
        if first is not None:
            target = self._focus_targets[first]
            self._reveal(target)
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(target, QLineEdit):
                target.selectAll()
        self.adjustSize()

    def _update_tab_marks(self) -> None:
        """A warning icon on each tab that holds a message."""
        if self.tabs is None:
            return
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            has_error = any(page.isAncestorOf(label) and not label.isHidden() for label in self._errors.values())
            if has_error or not self.tabs.tabIcon(index).isNull():
                self.tabs.setTabIcon(index, self._warning_icon() if has_error else QIcon())
                self.tabs.setTabToolTip(index, self.tr("Há campos a corrigir nesta aba.") if has_error else "")

    # --- the history of the fields ---------------------------------------------------------

    def track(
        self,
        title: str,
        widget: QWidget,
        get: Callable[[], Any] | None = None,
        set_value: Callable[[Any], None] | None = None,
    ) -> None:
        """Follow the changes of ``widget`` (named ``title`` in the history). Line edits, list
        boxes (QPlainTextEdit), combos, dates, spin boxes and check boxes are known; anything
        else gives ``get`` and ``set_value`` and calls :meth:`field_changed` itself."""
        mergeable = False
        if get is None or set_value is None:
            if isinstance(widget, DateField):
                get, set_value, mergeable = widget.date, widget.setDate, True
                widget.dateChanged.connect(lambda _d: self.field_changed(widget))
            elif isinstance(widget, QLineEdit):
                get, set_value = widget.text, widget.setText
                widget.editingFinished.connect(lambda: self.field_changed(widget))
            elif isinstance(widget, QPlainTextEdit):
                get, set_value = widget.toPlainText, widget.setPlainText  # recorded on focus out
            elif isinstance(widget, QComboBox):
                get, set_value = widget.currentIndex, widget.setCurrentIndex
                widget.currentIndexChanged.connect(lambda _i: self.field_changed(widget))
            elif isinstance(widget, QSpinBox):
                get, set_value, mergeable = widget.value, widget.setValue, True
                widget.valueChanged.connect(lambda _v: self.field_changed(widget))
            elif isinstance(widget, QCheckBox):
                get, set_value = widget.isChecked, widget.setChecked
                widget.toggled.connect(lambda _c: self.field_changed(widget))
            else:
                raise TypeError(f"give get and set_value for {type(widget).__name__}")
        self._campos[widget] = _Campo(title, widget, get, set_value, mergeable, get())
        widget.installEventFilter(self)
        edited = self._edit_signal(widget)
        if edited is not None:
            edited.connect(lambda *_args: self._clear_fixed_error(widget))

    @staticmethod
    def _edit_signal(widget: QWidget) -> Any:
        """The signal ``widget`` sends on each edit, for :meth:`_clear_fixed_error`."""
        if isinstance(widget, QLineEdit):
            return widget.textChanged
        if isinstance(widget, QPlainTextEdit):
            return widget.textChanged
        if isinstance(widget, QComboBox):
            return widget.currentIndexChanged
        if isinstance(widget, QSpinBox):
            return widget.valueChanged
        if isinstance(widget, QCheckBox):
            return widget.toggled
        return None

    def start_history(self) -> None:
        """Take the fields' current values as the starting point and forget any history."""
        for campo in self._campos.values():
            campo.value = campo.get()
            campo.initial = campo.value
        self.undo_stack.clear()
        self._history_started = True

    def field_changed(self, widget: QWidget) -> None:
        """Record a change of ``widget``'s value, if there is one, as a command."""
        campo = self._campos.get(widget)
        if campo is None or not self._history_started or self._setting_field:
            return
        value = campo.get()
        if value == campo.value:
            return
        before, campo.value = campo.value, value
        self.undo_stack.push(_CampoCommand(self, campo, before, value))

    def set_field_value(self, campo: _Campo, value: Any) -> None:
        """Put ``value`` in the field for an undo or a redo, and show the field."""
        self._setting_field = True
        try:
            campo.set(value)
            campo.value = value
        finally:
            self._setting_field = False
        self._reveal(campo.widget)
        if campo.widget.isEnabled() and campo.widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            campo.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _field_takes(self, campo: _Campo, redo: bool) -> bool:
        """Whether an undo (or redo) key goes to the text box itself rather than to the form
        (see the class docstring); typing the box cannot undo is recorded here first."""
        widget = campo.widget
        if isinstance(widget, QLineEdit):
            own_undo, own_redo = widget.isUndoAvailable(), widget.isRedoAvailable()
        elif isinstance(widget, QPlainTextEdit):
            own_undo, own_redo = widget.document().isUndoAvailable(), widget.document().isRedoAvailable()
        else:
            return False
        if redo:
            return own_redo
        if campo.get() == campo.value:
            return False
        if own_undo:
            return True
        self.field_changed(widget)
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override ``eventFilter()``: the focus sessions of the fields, the list boxes recorded
        when they lose the focus, and Ctrl+Z given to the form when the field has nothing of its
        own to undo."""
        campo = self._campos.get(watched) if isinstance(watched, QWidget) else None
        if campo is not None:
            if event.type() == QEvent.Type.FocusIn:
                campo.session += 1
            elif event.type() == QEvent.Type.FocusOut and isinstance(watched, QPlainTextEdit):
                self.field_changed(watched)
            elif event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
                undo, redo = event.matches(QKeySequence.StandardKey.Undo), self._is_redo(event)
                if (undo or redo) and not self._field_takes(campo, redo):
                    event.ignore()  # not the field's: the form's Desfazer/Refazer take it
                    return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _is_redo(event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return event.matches(QKeySequence.StandardKey.Redo) or any(pressed == keys for keys in REDO_KEYS)

    def _warning_icon(self) -> QIcon:
        return self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    @staticmethod
    def _reveal(widget: QWidget) -> None:
        """Bring forward every tab that holds ``widget``, so that it can take the focus."""
        page: QWidget | None = widget
        while page is not None:
            stack = page.parentWidget()
            tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(page)
            page = stack

    def _on_save(self) -> None:
        if self.read_only:
            return
        try:
            date_errors = self._date_errors()
            if date_errors:  # a date that does not exist is said, never saved as another
                try:  # with the form's other messages, the date left out
                    others = self.validate(self.collect())
                except Exception:
                    _log.debug("could not check the rest of the form beside a bad date", exc_info=True)
                    others = {}
                self.show_errors({**others, **date_errors})
                return
            data = self.collect()
            errors = self.validate(data)
            if errors:
                self.show_errors(errors)
                return
            if not self.confirm(data):
                return  # the form stays open as it was
            self.saved_id = self.save(data)
        except ValidationError as exc:  # checked above, but the file may have changed meanwhile
            self.show_errors({exc.field: exc.message})
            return
        except RecordNotFoundError:
            messages.show_error(
                self,
                self.tr("Registro não encontrado"),
                self.tr("Este registro não existe mais; talvez tenha sido excluído."),
            )
            QDialog.reject(self)  # nothing left to save: no question
            return
        except Exception:
            messages.report_unexpected_error(self)
            return
        self.accept()

    def has_unsaved_changes(self) -> bool:
        """Whether a field holds something else than when the form opened."""
        if self.read_only:
            return False
        if self._history_started and any(campo.get() != campo.initial for campo in self._campos.values()):
            return True
        if self._opened_with is None:
            return False
        try:
            return self.collect() != self._opened_with[0]
        except Exception:  # a half-typed date, say: something was typed
            return True

    def _remember_opening_values(self) -> None:
        """What :meth:`collect` gives as the form opens, for the forms without a history."""
        try:
            self._opened_with = (self.collect(),)
        except Exception:
            _log.debug("could not take the opening values of %s", self.objectName(), exc_info=True)

    def reject(self) -> None:
        """Override ``reject()`` of QDialog (Cancelar, Esc, the window's close): with unsaved
        changes, ask first; "Não", the safe answer, keeps the form open as it is."""
        if self.has_unsaved_changes() and not messages.confirm_discard(self):
            return
        super().reject()

    def _date_errors(self) -> dict[str, str]:
        """The message of each date field in use whose text is not a date (31/02/2013, 25/08)."""
        errors: dict[str, str] = {}
        for field, target in self._focus_targets.items():
            if isinstance(target, DateField) and target.isEnabled() and target.isVisibleTo(self):
                problem = target.problem()
                if problem is not None:
                    errors[field] = problem
        return errors

    def _clear_fixed_error(self, widget: QWidget) -> None:
        """Once ``widget`` is edited, take away its message if what it now holds is right."""
        fields = [f for f, target in self._focus_targets.items() if target is widget and self.error_text(f)]
        if not fields or self._setting_error_check:
            return
        self._setting_error_check = True
        try:
            errors = self._date_errors()
            if not any(f in errors for f in fields):
                try:
                    errors.update(self.validate(self.collect()))
                except Exception:  # a half-typed form may not even collect: keep the message
                    _log.debug("could not re-check %s while editing", fields, exc_info=True)
                    return
            for field in fields:
                if field not in errors:
                    self._errors[field].setText("")
                    self._errors[field].setVisible(False)
            self._update_tab_marks()
        finally:
            self._setting_error_check = False

    def collect(self) -> object:
        raise NotImplementedError

    def validate(self, data: object) -> dict[str, str]:
        raise NotImplementedError

    def save(self, data: object) -> int:
        raise NotImplementedError

    def confirm(self, _data: object) -> bool:
        """Asked after :meth:`validate` passes, before :meth:`save`: whether to go on with
        something allowed but unusual (an age far from the etapa's). Yes unless overridden."""
        return True


# --- aluno ------------------------------------------------------------------------------
