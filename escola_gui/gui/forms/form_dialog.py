"""The base of the school year's forms (turma, enturmação, ano letivo, disciplina) and the two
small widgets that they and their pages are built with: a muted hint and a read-only table."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QTableView, QWidget

from escola_gui.gui.toolkit.forms import DIALOG_MIN_WIDTH, ERROR_STYLE, RecordDialog
from escola_gui.gui.toolkit.text import translate_validation


def hint_label(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
    label.setPalette(palette)
    return label


def muted_color(palette: QPalette) -> QColor:
    """The text colour faded towards the background: secondary, yet easy to read."""
    fg = palette.color(QPalette.ColorRole.WindowText)
    bg = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (fg.red() * 3 + bg.red() * 2) // 5, (fg.green() * 3 + bg.green() * 2) // 5, (fg.blue() * 3 + bg.blue() * 2) // 5
    )


def table_view(object_name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(object_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    return view


class FormDialog(RecordDialog):
    """A :class:`~escola_gui.gui.dialogs.RecordDialog` that also shows, above its buttons,
    the messages for which it has no field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.erro_geral = QLabel()
        self.erro_geral.setObjectName("erro_geral")
        self.erro_geral.setStyleSheet(ERROR_STYLE)
        self.erro_geral.setWordWrap(True)
        self.erro_geral.setVisible(False)
        self._layout.insertWidget(self._layout.indexOf(self.button_box), self.erro_geral)

    def add_row(self, label: str, field: str, widget: QWidget, focus: QWidget | None = None) -> int:
        """:meth:`add_field`, returning the form row (for ``setRowVisible``)."""
        self.add_field(label, field, widget, focus)
        return self._form.rowCount() - 1

    def show_errors(self, errors: dict[str, str]) -> None:
        """Override: the messages without a field of their own go above the buttons."""
        others = [translate_validation(m) for f, m in errors.items() if f not in self._errors]
        self.erro_geral.setText("\n".join(others))
        self.erro_geral.setVisible(bool(others))
        super().show_errors({f: m for f, m in errors.items() if f in self._errors})

    def error_text(self, field: str) -> str:
        """The message shown under ``field`` (``"geral"``: above the buttons), or ""."""
        if field == "geral":
            return self.erro_geral.text() if not self.erro_geral.isHidden() else ""
        return super().error_text(field)

    @staticmethod
    def _line_edit(name: str, max_length: int, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        return edit
