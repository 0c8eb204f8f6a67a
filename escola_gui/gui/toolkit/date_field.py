"""The date field of every form: a text box where a date is typed as it is written.

A QDateEdit edits a date section by section: a click puts the cursor in one section, Ctrl+A
and then typing "25/08/2013" keeps today's day, and a date that does not exist (31/02/2013)
cannot even be shown, so it is silently changed. :class:`DateField` is a plain text box
instead: whatever way it is reached (a click on any part of it, Tab, Ctrl+A), typing a date
gives that date, shown as typed. "25/08/2013", "25082013" and "25/8/2013" are all 25/08/2013.
A date that does not exist, or is incomplete, stays in the box as typed and :meth:`problem`
says what is wrong, so that the form shows it under the field (see
``RecordDialog._date_errors``). Up and Down step the day, month or year at the cursor; the
button at the right (or Alt+Down, F4) opens a calendar.

It keeps the part of QDateEdit's interface the forms use: ``date()``, ``setDate()``,
``dateChanged``, ``minimumDate()``/``setMinimumDate()`` (the minimum stands for "no date"
where ``setSpecialValueText()`` names it, shown when the box is empty), ``calendarWidget()``.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QIcon, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QSizePolicy, QStyle, QWidget, QWidgetAction

DATE_FORMAT = "dd/MM/yyyy"
# Day, month and year as typed: separated by "/", "." or "-" (or spaces), or eight digits together.
_SEPARATED = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})\s*$")
_TOGETHER = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")
# What can be typed at all: digits and the separators.
_ALLOWED = re.compile(r"[0-9/.\- ]")


def to_qdate(value: QDate | date) -> QDate:
    """``value`` as a QDate (a copy when it already is one)."""
    if isinstance(value, QDate):
        return QDate(value)
    return QDate(value.year, value.month, value.day)


def parse_date(text: str) -> tuple[int, int, int] | None:
    """The (day, month, year) typed in ``text``, whether or not such a date exists; ``None``
    when ``text`` is not a date written in full."""
    match = _SEPARATED.match(text) or _TOGETHER.match(text)
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    return day, month, year


class DateField(QLineEdit):
    """A date typed as text (see the module's docstring)."""

    dateChanged = Signal(QDate)  # noqa: N815 - QDateEdit's name, which the forms use

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minimum = QDate(1752, 9, 14)  # QDateEdit's
        self._maximum = QDate(9999, 12, 31)
        self._special = ""
        self._date = QDate()
        self._select_on_release = False
        self.setMaxLength(20)
        self.setPlaceholderText(self.tr("dd/mm/aaaa"))
        width = self.fontMetrics().horizontalAdvance("00/00/00000") + 48
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(self._normalize)

        self._calendar = QCalendarWidget()
        self._calendar.setObjectName("calendario")
        self._calendar.setGridVisible(True)
        self._menu = QMenu(self)
        calendar_action = QWidgetAction(self._menu)
        calendar_action.setDefaultWidget(self._calendar)
        self._menu.addAction(calendar_action)
        self._calendar.clicked.connect(self._on_calendar_chosen)
        self._calendar.activated.connect(self._on_calendar_chosen)
        icon = QIcon.fromTheme("x-office-calendar", self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.calendar_action = QAction(icon, self.tr("Abrir o calendário"), self)
        self.calendar_action.setObjectName("abrir_calendario")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.setDate(QDate.currentDate())

    # --- QDateEdit's interface, as the forms use it ---------------------------------------

    def date(self) -> QDate:
        """The date typed; the minimum when the box is empty and the minimum stands for "no
        date" (see :meth:`setSpecialValueText`); an invalid QDate when the text is no date."""
        if not self.text().strip() and self._special:
            return QDate(self._minimum)
        return QDate(self._date)

    def setDate(self, value: QDate | date) -> None:  # noqa: N802 - QDateEdit's name
        qdate = to_qdate(value)
        if self._special and qdate == self._minimum:
            self.setText("")
        elif qdate.isValid():
            self.setText(qdate.toString(DATE_FORMAT))

    def minimumDate(self) -> QDate:  # noqa: N802
        return QDate(self._minimum)

    def setMinimumDate(self, value: QDate | date) -> None:  # noqa: N802
        self._minimum = to_qdate(value)

    def maximumDate(self) -> QDate:  # noqa: N802
        return QDate(self._maximum)

    def setMaximumDate(self, value: QDate | date) -> None:  # noqa: N802
        self._maximum = to_qdate(value)

    def specialValueText(self) -> str:  # noqa: N802
        return self._special

    def setSpecialValueText(self, text: str) -> None:  # noqa: N802
        """An empty box means the minimum date, "no date", and shows ``text`` greyed."""
        self._special = text
        self.setPlaceholderText(text or self.tr("dd/mm/aaaa"))
        if self._date == self._minimum:
            self.setText("")

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802
        return self._calendar

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - Qt override
        """Override ``setReadOnly()`` of QLineEdit: no calendar either."""
        super().setReadOnly(read_only)
        self.calendar_action.setEnabled(not read_only)

    # --- what is wrong with the text ------------------------------------------------------

    def problem(self) -> str | None:
        """Why the text is not a date the form can save (in the user's language), or ``None``."""
        text = self.text().strip()
        if not text:
            return None if self._special else self.tr("Informe a data (dd/mm/aaaa).")
        parts = parse_date(text)
        if parts is None:
            return self.tr("Data incompleta ou inválida: digite dia, mês e ano, por exemplo 25/08/2013.")
        day, month, year = parts
        if not QDate.isValid(year, month, day):
            return self.tr("A data %1 não existe.").replace("%1", f"{day:02d}/{month:02d}/{year:04d}")
        qdate = QDate(year, month, day)
        if qdate < self._minimum or qdate > self._maximum:
            return (
                self.tr("Data fora do intervalo aceito (%1 a %2).")
                .replace("%1", self._minimum.toString(DATE_FORMAT))
                .replace("%2", self._maximum.toString(DATE_FORMAT))
            )
        return None

    # --- typing ---------------------------------------------------------------------------

    def _on_text_changed(self, text: str) -> None:
        parts = parse_date(text)
        qdate = QDate()
        if parts is not None:
            day, month, year = parts
            if QDate.isValid(year, month, day):
                qdate = QDate(year, month, day)
        if not text.strip() and self._special:
            qdate = QDate(self._minimum)
        if qdate != self._date:
            self._date = qdate
            self.dateChanged.emit(QDate(qdate))

    def _normalize(self) -> None:
        """Once typed, "25082013" or "25/8/2013" read 25/08/2013."""
        if self._date.isValid() and self.text().strip():
            formatted = self._date.toString(DATE_FORMAT)
            if formatted != self.text():
                self.setText(formatted)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Override ``focusInEvent()``: reached by a click, the whole date is selected when the
        button is released (as Tab selects it), so that typing replaces it."""
        super().focusInEvent(event)
        self._select_on_release = event.reason() == Qt.FocusReason.MouseFocusReason

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Override ``mouseReleaseEvent()`` (see :meth:`focusInEvent`); a drag keeps its selection."""
        super().mouseReleaseEvent(event)
        if self._select_on_release and not self.hasSelectedText():
            self.selectAll()
        self._select_on_release = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Override ``keyPressEvent()``: only digits and separators go in; Up and Down step
        the part at the cursor; Alt+Down and F4 open the calendar."""
        key = event.key()
        if (key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier) or key == Qt.Key.Key_F4:
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self.isReadOnly():
            self._step(1 if key == Qt.Key.Key_Up else -1)
            return
        text = event.text()
        if (
            text
            and text.isprintable()
            and not _ALLOWED.fullmatch(text)
            and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            event.accept()  # a letter is no part of a date
            return
        super().keyPressEvent(event)

    def _step(self, delta: int) -> None:
        current = self._date if self._date.isValid() else QDate.currentDate()
        position = self.cursorPosition() if not self.hasSelectedText() else 0
        if position <= 2:
            stepped, section = current.addDays(delta), 0
        elif position <= 5:
            stepped, section = current.addMonths(delta), 3
        else:
            stepped, section = current.addYears(delta), 6
        if stepped < self._minimum or stepped > self._maximum:
            return
        self.setText(stepped.toString(DATE_FORMAT))
        self.setCursorPosition(section)

    # --- the calendar ---------------------------------------------------------------------

    def show_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        shown = self._date if self._date.isValid() and self._date != self._minimum else QDate.currentDate()
        self._calendar.setSelectedDate(shown)
        self._calendar.setCurrentPage(shown.year(), shown.month())
        self._menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self._calendar.setFocus()

    def _on_calendar_chosen(self, value: QDate) -> None:
        self._menu.close()
        self.setDate(value)
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.editingFinished.emit()


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(object_name: str) -> DateField:
    """The date field of every form (see :class:`DateField`): typed as written, today's date to start."""
    edit = DateField()
    edit.setObjectName(object_name)
    edit.setDate(QDate.currentDate())
    return edit
