"""Read-only mode: a file that cannot be written is shown, never changed.

The main window sets the dynamic property :data:`PROPERTY` on itself; a form opened anywhere
under it (an aluno, a turma, a responsável) finds it among its parents and opens for viewing
only. The pages disable their editing buttons with :func:`keep_disabled`, which also keeps
them disabled when a selection change would enable them again.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

PROPERTY = "escola_somente_leitura"


def message() -> str:
    """What a write refused in read-only mode says."""
    return QCoreApplication.translate(
        "read_only",
        "O arquivo está aberto somente para leitura: as alterações estão desativadas. Nada foi gravado.",
    )


def in_read_only_window(widget: QObject | None) -> bool:
    """True when ``widget`` or one of its parents was marked read-only."""
    while widget is not None:
        if widget.property(PROPERTY):
            return True
        widget = widget.parent()
    return False


class _KeepDisabled(QObject):
    """Turns a widget off again whenever its page's own logic turns it on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


def keep_disabled(items: Iterable[QWidget | QAction]) -> None:
    """Disable ``items`` for good (read-only mode lasts the whole session)."""
    for item in items:
        item.setEnabled(False)
        if isinstance(item, QAction):
            action = item
            action.changed.connect(lambda a=action: a.isEnabled() and a.setEnabled(False))
            continue
        guard = _KeepDisabled(item)
        item.installEventFilter(guard)


def make_form_read_only(form: QWidget, button_box: QDialogButtonBox | None) -> None:
    """Fields read-only, buttons that change something off; the button box keeps only Fechar."""
    keep: set[QObject] = set()
    if button_box is not None:
        for button in button_box.buttons():
            role = button_box.buttonRole(button)
            if role in (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.HelpRole):
                keep.add(button)
                if role is QDialogButtonBox.ButtonRole.RejectRole:
                    button.setText(QCoreApplication.translate("read_only", "Fechar"))
            else:
                button.setVisible(False)
                keep_disabled([button])
    for widget in form.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
            widget.setReadOnly(True)
        elif isinstance(widget, QComboBox | QAbstractButton) and widget not in keep:
            if isinstance(widget, QAbstractButton) and widget.parent() is not None and _is_tab_bar(widget.parent()):
                continue
            keep_disabled([widget])
        elif isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)


def _is_tab_bar(widget: QObject) -> bool:
    return widget.metaObject().className() in ("QTabBar", "QScrollBar")
