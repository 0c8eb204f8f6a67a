"""Forms for one aluno, curso or matrícula, and the message boxes the window asks through.

The forms save through the service they receive. When something is wrong they keep the
dialog open, show the Portuguese message under the field at fault and put the focus there.
Open them with ``open()`` and listen to ``accepted``: nothing blocks, so tests can drive them.

Each form keeps a history of its field changes (:class:`RecordDialog`'s ``undo_stack``):
Ctrl+Z undoes the last field changed, Ctrl+Shift+Z or Ctrl+Y redoes it. Nothing is saved
until Salvar, as before.

The message box helpers (:func:`ask_yes_no`, :func:`confirm_discard`, :func:`show_error`,
:func:`show_about`) and the
photo file picker (:func:`choose_foto_file`) are module-level so that tests can replace them
with ``monkeypatch``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QCoreApplication,
    QDate,
    QEvent,
    QIODevice,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QIcon,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core import avaliacao as av
from escola_gui.core.alunos import AlunoData, AlunoService
from escola_gui.core.auditoria import AuditoriaService
from escola_gui.core.cursos import Choice, CursoData, CursoService, MatriculaData, MatriculaRow, MatriculaService
from escola_gui.core.db import is_read_only_error
from escola_gui.core.diario import Boletim, DiarioService
from escola_gui.core.documentos import format_certidao, format_nis
from escola_gui.core.errors import EscolaError, RecordNotFoundError, ValidationError
from escola_gui.core.historico_externo import HistoricoExternoRow, HistoricoExternoService
from escola_gui.core.responsaveis import ResponsavelService
from escola_gui.core.turmas import EnturmacaoRow, TurmaService
from escola_gui.core.validation import TRANSLATION_CONTEXT, UFS, format_cep, format_cpf, normalize_cep
from escola_gui.gui.alteracoes import AlteracoesPanel
from escola_gui.gui.table_models import Column, RecordTableModel, format_date
from escola_gui.gui.toolkit import read_only
from escola_gui.gui.toolkit.date_field import DateField

if TYPE_CHECKING:  # that module builds on this one
    from escola_gui.gui.responsaveis import ResponsaveisPanel

_log = logging.getLogger(__name__)

DATE_FORMAT = "dd/MM/yyyy"
ERROR_STYLE = "color: #b3261e;"
# Wide enough that most messages under a field fit on one or two lines.
DIALOG_MIN_WIDTH = 540
# The minimum of the matrícula date field, shown as "não informada": no date yet.
EMPTY_DATE = QDate(1900, 1, 1)
# The aluno's photo: the preview in the form, and what is stored (longest side, JPEG quality).
FOTO_PREVIEW_SIZE = QSize(96, 128)
FOTO_MAX_SIDE = 600
FOTO_JPEG_QUALITY = 85


# --- message boxes (replaced in tests) --------------------------------------------------


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a question whose safe answer, and the default, is No."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    # Named here, not left to Qt's translations, so they read Sim/Não even where those are missing.
    yes = box.addButton(QCoreApplication.translate("dialogs", "Sim"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(QCoreApplication.translate("dialogs", "Não"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def confirm_discard(parent: QWidget) -> bool:
    """Ask before a form with unsaved changes is closed; the default, Não, keeps it open."""
    return ask_yes_no(
        parent,
        QCoreApplication.translate("dialogs", "Descartar as alterações?"),
        QCoreApplication.translate(
            "dialogs", "As alterações feitas neste formulário ainda não foram salvas. Descartar as alterações?"
        ),
    )


def run_guarded(parent: QWidget, operation: Callable[[], object], on_missing: Callable[[], object]) -> bool:
    """Run ``operation``; True when it succeeded.

    A record deleted meanwhile (another window, another page) is said plainly and then
    ``on_missing`` runs (usually the page's refresh); an EscolaError (a full disk) shows its
    Portuguese message; anything else is logged and reported without a traceback.
    """
    try:
        operation()
    except RecordNotFoundError:
        show_error(
            parent,
            QCoreApplication.translate("dialogs", "Registro não encontrado"),
            QCoreApplication.translate("dialogs", "Este registro não existe mais; talvez tenha sido excluído."),
        )
        on_missing()
        return False
    except Exception:
        report_unexpected_error(parent)
        return False
    return True


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


def choose_foto_file(parent: QWidget | None) -> str | None:
    """Ask for a PNG or JPEG file for the aluno's photo; ``None`` when the user cancels."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("dialogs", "Escolher foto do aluno"),
        "",
        QCoreApplication.translate("dialogs", "Imagens PNG ou JPEG (*.png *.jpg *.jpeg);;Todos os arquivos (*)"),
    )
    return path or None


def report_unexpected_error(parent: QWidget | None) -> None:
    """Log the exception being handled and tell the user, in Portuguese, without a traceback.

    Call it from an ``except`` block. A write refused because the file is open read-only is
    no bug: the user reads that the file is read-only. Nor is an EscolaError (a full disk,
    say): its own message, which says what to do and what was kept, is shown instead.
    """
    exc = sys.exc_info()[1]
    if is_read_only_error(exc):
        _log.warning("a write was refused: the database is open read-only", exc_info=True)
        show_error(parent, QCoreApplication.translate("dialogs", "Somente leitura"), read_only.message())
        return
    if isinstance(exc, EscolaError):
        # The class, not the message: written for the user, it may name an aluno (LGPD).
        _log.warning("operation refused: %s", type(exc).__name__, exc_info=True)
        show_error(
            parent,
            QCoreApplication.translate("dialogs", "Não foi possível concluir"),
            exc.translated(lambda text: QCoreApplication.translate("core", text)),
        )
        return
    _log.exception("Unexpected error in the user interface")
    show_error(
        parent,
        QCoreApplication.translate("dialogs", "Erro inesperado"),
        QCoreApplication.translate(
            "dialogs",
            "Não foi possível concluir a operação por um erro inesperado. "
            "Nada foi perdido do que já estava salvo. Os detalhes foram gravados no registro (log).",
        ),
    )


def translate_validation(message: str) -> str:
    """Show a core validation message in the user's language (see ``core/validation.py``)."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, message)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(object_name: str) -> DateField:
    """The date field of every form (see :class:`DateField`): typed as written, today's date to start."""
    edit = DateField()
    edit.setObjectName(object_name)
    edit.setDate(QDate.currentDate())
    return edit


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


class FotoIlegivelError(ValueError):
    """The chosen file is not an image Qt can read."""


def load_foto(path: str) -> bytes:
    """The image at ``path`` as the aluno's photo is stored: a JPEG whose longest side is at
    most :data:`FOTO_MAX_SIDE`, turned upright (EXIF) and without transparency, so that a
    camera's 5 MB picture becomes a few dozen kB in the file.

    Raises:
        FotoIlegivelError: Qt cannot read the file as an image.
    """
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise FotoIlegivelError(reader.errorString())
    if max(image.width(), image.height()) > FOTO_MAX_SIDE:
        image = image.scaled(
            FOTO_MAX_SIDE,
            FOTO_MAX_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    # JPEG has no transparency: what was transparent in a PNG becomes white, not black.
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(QColor("white"))
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    for stored, format_name, quality in ((flat, "JPEG", FOTO_JPEG_QUALITY), (image, "PNG", -1)):
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PNG only where Qt was built without its JPEG plugin.
        if stored.save(buffer, format_name, quality):
            return bytes(buffer.data().data())
    raise FotoIlegivelError("cannot write JPEG or PNG")


def foto_pixmap(foto: bytes, size: QSize, device_pixel_ratio: float = 1.0) -> QPixmap:
    """``foto`` scaled to fit in ``size`` (keeping its proportions); null when unreadable."""
    pixmap = QPixmap()
    if not pixmap.loadFromData(foto):
        return pixmap
    scaled = pixmap.scaled(
        size * device_pixel_ratio,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    scaled.setDevicePixelRatio(device_pixel_ratio)
    return scaled


def format_percent(value: Decimal) -> str:
    """``Decimal("92.5")`` → ``"92,5%"``."""
    return f"{value}%".replace(".", ",")


def situacao_label(situacao: av.Situacao) -> str:
    return translate_validation(situacao.label)


class _CalendarOpensOnToday(QObject):
    """Show this month when the calendar of an empty date field pops up, not 1900's January."""

    def __init__(self, edit: DateField) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override ``eventFilter()`` of QObject."""
        if event.type() == QEvent.Type.Show and self._edit.date() == self._edit.minimumDate():
            today = QDate.currentDate()
            self._edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False


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
            self.saved_id = self.save(data)
        except ValidationError as exc:  # checked above, but the file may have changed meanwhile
            self.show_errors({exc.field: exc.message})
            return
        except RecordNotFoundError:
            show_error(
                self,
                self.tr("Registro não encontrado"),
                self.tr("Este registro não existe mais; talvez tenha sido excluído."),
            )
            QDialog.reject(self)  # nothing left to save: no question
            return
        except Exception:
            report_unexpected_error(self)
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
        if self.has_unsaved_changes() and not confirm_discard(self):
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


# --- aluno ------------------------------------------------------------------------------


def _manual_tooltip(motivo: str | None) -> str:
    text = QCoreApplication.translate("dialogs", "Situação alterada manualmente.")
    if motivo:
        text += " " + QCoreApplication.translate("dialogs", "Motivo: %1").replace("%1", motivo)
    return text


def _situacao_text(situacao: av.Situacao, manual: bool) -> str:
    label = situacao_label(situacao)
    return QCoreApplication.translate("dialogs", "%1 (manual)").replace("%1", label) if manual else label


class EnturmacaoTableModel(RecordTableModel[EnturmacaoRow]):
    """The aluno's enturmações (Matrículas tab); a manual situação shows its motivo as tooltip."""

    CONTEXT = "EnturmacaoTableModel"
    COLUMNS: ClassVar[Sequence[Column[EnturmacaoRow]]] = (
        Column(QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Ano"), lambda r: str(r.ano), lambda r: r.ano),
        Column(QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Turma"), lambda r: r.turma_nome, lambda r: r.turma_nome),
        Column(QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Série"), lambda r: r.serie, lambda r: r.serie),
        Column(
            QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Entrada"),
            lambda r: format_date(r.data_entrada),
            lambda r: r.data_entrada.isoformat(),
        ),
        Column(
            QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Saída"),
            lambda r: format_date(r.data_saida),
            lambda r: r.data_saida.isoformat() if r.data_saida else "",
        ),
        Column(
            QT_TRANSLATE_NOOP("EnturmacaoTableModel", "Situação"),
            lambda r: _situacao_text(r.situacao, r.manual),
            lambda r: r.situacao.value,
        ),
    )
    SITUACAO_COLUMN = 5

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and index.column() == self.SITUACAO_COLUMN
            and 0 <= index.row() < self.rowCount()
        ):
            row = self.row_at(index.row())
            if row.manual:
                return _manual_tooltip(row.motivo)
        return super().data(index, role)


class MatriculaCursoTableModel(RecordTableModel[MatriculaRow]):
    """The aluno's matrículas in cursos (Matrículas tab)."""

    CONTEXT = "MatriculaCursoTableModel"
    COLUMNS: ClassVar[Sequence[Column[MatriculaRow]]] = (
        Column(QT_TRANSLATE_NOOP("MatriculaCursoTableModel", "Curso"), lambda r: r.curso_nome, lambda r: r.curso_nome),
        Column(
            QT_TRANSLATE_NOOP("MatriculaCursoTableModel", "Data da matrícula"),
            lambda r: (
                format_date(r.data_matricula) or QCoreApplication.translate("MatriculaCursoTableModel", "não informada")
            ),
            lambda r: r.data_matricula.isoformat() if r.data_matricula else "",
            missing=lambda r: r.data_matricula is None,
        ),
        Column(
            QT_TRANSLATE_NOOP("MatriculaCursoTableModel", "Observações"),
            lambda r: " ".join((r.observacoes or "").split()),
            lambda r: r.observacoes or "",
        ),
    )


def _read_only_table(name: str, model: RecordTableModel[Any], stretch_column: int) -> QTableView:
    """A table of a few rows, as tall as they are (up to eight, then it scrolls)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)  # one line a row; the tooltip shows a cut-off cell whole
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if column == stretch_column else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    rows = min(max(model.rowCount(), 1), 8)
    frame = 2 * table.frameWidth()
    table.setFixedHeight(header.sizeHint().height() + rows * table.verticalHeader().defaultSectionSize() + frame)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return table


def _heading(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _sentence(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _hint(text: str, name: str) -> QLabel:
    """A note about the tab, in italics so that it does not read as one of the rows."""
    label = _sentence(text, name)
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label


class MatriculasPanel(QWidget):
    """The Matrículas tab of the aluno form: turmas and cursos, read-only.

    Enturmação is done on the Turmas page; this tab only shows where the aluno has been.
    """

    def __init__(
        self, alunos: AlunoService, turmas: TurmaService, aluno_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aba_matriculas")
        layout = QVBoxLayout(self)
        self.enturmacoes: EnturmacaoTableModel | None = None
        self.cursos: MatriculaCursoTableModel | None = None
        self.tabela_enturmacoes: QTableView | None = None
        self.tabela_cursos: QTableView | None = None
        if aluno_id is None:
            layout.addWidget(
                _sentence(
                    self.tr(
                        "As turmas e os cursos do aluno aparecem aqui depois que ele for salvo. "
                        "Para colocá-lo em uma turma, use a página Turmas."
                    ),
                    "matriculas_aluno_novo",
                )
            )
            layout.addStretch(1)
            return
        layout.addWidget(
            _hint(
                self.tr(
                    "Somente consulta. Para colocar o aluno em uma turma ou mudar a situação, use a página Turmas."
                ),
                "aviso_matriculas",
            )
        )
        layout.addSpacing(self.fontMetrics().lineSpacing() // 2)
        layout.addWidget(_heading(self.tr("Turmas"), "titulo_enturmacoes"))
        self.enturmacoes = EnturmacaoTableModel(self)
        self.enturmacoes.reload(turmas.enturmacoes_do_aluno(aluno_id))
        if self.enturmacoes.rowCount():
            self.tabela_enturmacoes = _read_only_table("tabela_enturmacoes", self.enturmacoes, 1)
            layout.addWidget(self.tabela_enturmacoes)
        else:
            layout.addWidget(_sentence(self.tr("O aluno ainda não esteve em nenhuma turma."), "sem_enturmacoes"))

        layout.addSpacing(self.fontMetrics().lineSpacing() // 2)
        layout.addWidget(_heading(self.tr("Matrículas em cursos"), "titulo_cursos"))
        self.cursos = MatriculaCursoTableModel(self)
        self.cursos.reload(alunos.matriculas(aluno_id))
        if self.cursos.rowCount():
            self.tabela_cursos = _read_only_table("tabela_cursos", self.cursos, 2)
            layout.addWidget(self.tabela_cursos)
        else:
            layout.addWidget(_sentence(self.tr("Nenhuma matrícula em cursos."), "sem_cursos"))
        layout.addStretch(1)


#: On the Histórico tree's items of a year done in another school (and of its disciplinas):
#: that year's id in ``historicos_externos``.
HISTORICO_EXTERNO_ROLE = Qt.ItemDataRole.UserRole + 20


class HistoricoPanel(QWidget):
    """The Histórico tab of the aluno form: per year its turma and result, per disciplina the
    média final, frequência and situação. The years done here are read-only: the notas are
    entered on the Notas page.

    Given ``historicos``, the years done in other schools show in the same tree, marked
    "outra escola", and are added, edited and deleted here; each change is saved at once,
    like the Responsáveis tab's.

    ``model`` has one top-level row per year, newest first, with a child row per disciplina.
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("HistoricoPanel", "Ano / disciplina"),
        QT_TRANSLATE_NOOP("HistoricoPanel", "Média final"),
        QT_TRANSLATE_NOOP("HistoricoPanel", "Frequência"),
        QT_TRANSLATE_NOOP("HistoricoPanel", "Situação"),
    )

    def __init__(
        self,
        diario: DiarioService,
        aluno_id: int | None,
        parent: QWidget | None = None,
        historicos: HistoricoExternoService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aba_historico")
        self._diario = diario
        self._historicos = historicos
        self._aluno_id = aluno_id
        self.model: QStandardItemModel | None = None
        self.tree: QTreeView | None = None
        self.paginas: QStackedWidget | None = None
        self.dialog: RecordDialog | None = None
        self.adicionar: QPushButton | None = None
        self.editar: QPushButton | None = None
        self.excluir: QPushButton | None = None
        layout = QVBoxLayout(self)
        if aluno_id is None:
            layout.addWidget(
                _sentence(
                    self.tr("O histórico do aluno aparece aqui depois que ele for salvo."), "historico_aluno_novo"
                )
            )
            layout.addStretch(1)
            if historicos is not None:
                layout.addWidget(
                    _hint(
                        self.tr("Salve o aluno para registrar os anos que ele cursou em outras escolas."),
                        "historico_externo_aluno_novo",
                    )
                )
                layout.addLayout(self._buttons())
                for button in (self.adicionar, self.editar, self.excluir):
                    assert button is not None
                    button.setEnabled(False)
                    button.setToolTip(self.tr("Salve o aluno primeiro."))
            return
        if historicos is None:
            boletins = diario.historico(aluno_id)
            if not boletins:
                layout.addWidget(
                    _sentence(
                        self.tr(
                            "Ainda não há anos letivos no histórico deste aluno. "
                            "Eles aparecem aqui quando o aluno é colocado em uma turma."
                        ),
                        "sem_historico",
                    )
                )
                layout.addStretch(1)
                return
            layout.addWidget(
                _hint(
                    self.tr("Somente consulta: as notas e a frequência são lançadas nas páginas Notas e Frequência."),
                    "aviso_historico",
                )
            )
            self.tree = self._make_tree()
            layout.addWidget(self.tree, 1)
            self._fill(boletins, [])
            return

        layout.addWidget(
            _hint(
                self.tr(
                    "Os anos cursados nesta escola vêm das páginas Turmas, Notas e Frequência. Os anos cursados "
                    "em outras escolas são registrados aqui, conforme os documentos apresentados, e salvos na hora."
                ),
                "aviso_historico",
            )
        )
        # The tree, or a sentence while there is no year at all.
        vazio = QWidget()
        vazio_layout = QVBoxLayout(vazio)
        vazio_layout.setContentsMargins(0, 0, 0, 0)
        vazio_layout.addWidget(
            _sentence(
                self.tr(
                    "Ainda não há anos letivos no histórico deste aluno. Os desta escola aparecem quando o aluno "
                    "é colocado em uma turma; os de outras escolas, com o botão abaixo."
                ),
                "sem_historico",
            )
        )
        vazio_layout.addStretch(1)
        self.tree = self._make_tree()
        self.paginas = QStackedWidget()
        self.paginas.setObjectName("paginas_historico")
        self.paginas.addWidget(vazio)
        self.paginas.addWidget(self.tree)
        layout.addWidget(self.paginas, 1)
        layout.addLayout(self._buttons())
        self.tree.doubleClicked.connect(self.edit_selected)
        self.tree.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def _make_tree(self) -> QTreeView:
        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr(title) for title in self.COLUMNS])
        if self._historicos is not None:  # other schools may give a conceito ("A", "Apto")
            self.model.setHorizontalHeaderItem(1, QStandardItem(self.tr("Média/conceito")))
        tree = QTreeView()
        tree.setObjectName("arvore_historico")
        tree.setModel(self.model)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return tree

    def _buttons(self) -> QHBoxLayout:
        self.adicionar = QPushButton(self.tr("Adicionar a&no de outra escola…"))
        self.adicionar.setObjectName("adicionar_historico_externo")
        self.editar = QPushButton(self.tr("&Editar…"))
        self.editar.setObjectName("editar_historico_externo")
        self.excluir = QPushButton(self.tr("E&xcluir…"))
        self.excluir.setObjectName("excluir_historico_externo")
        self.adicionar.clicked.connect(self.add)
        self.editar.clicked.connect(self.edit_selected)
        self.excluir.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.adicionar)
        buttons.addWidget(self.editar)
        buttons.addWidget(self.excluir)
        buttons.addStretch(1)
        return buttons

    def reload(self, select_id: int | None = None) -> None:
        """Read the years again (after a change here or elsewhere); select ``select_id``'s."""
        assert self._aluno_id is not None and self._historicos is not None and self.model is not None
        assert self.tree is not None and self.paginas is not None
        externos = self._historicos.list_for_aluno(self._aluno_id)
        self.model.removeRows(0, self.model.rowCount())
        self._fill(self._diario.historico(self._aluno_id), externos)
        self.paginas.setCurrentWidget(self.tree if self.model.rowCount() else self.paginas.widget(0))
        for item in self.year_items():
            if select_id is not None and item.data(HISTORICO_EXTERNO_ROLE) == select_id:
                self.tree.setCurrentIndex(item.index())
                self.tree.selectionModel().select(
                    item.index(),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
        self._update_buttons()

    def _fill(self, boletins: Sequence[Boletim], externos: Sequence[HistoricoExternoRow]) -> None:
        assert self.model is not None and self.tree is not None
        # Newest on top, as in the Matrículas tab; in the same ano, the year ended here above
        # the one begun elsewhere.
        anos: list[Boletim | HistoricoExternoRow] = sorted(
            [*externos, *boletins],
            key=lambda item: (item.dados.ano, 0) if isinstance(item, HistoricoExternoRow) else (item.ano, 1),
        )
        for item in reversed(anos):
            if isinstance(item, HistoricoExternoRow):
                self.model.appendRow(self._external_row(item))
            else:
                self.model.appendRow(self._year_row(item))
        self.tree.expandAll()

    def _year_row(self, boletim: Boletim) -> list[QStandardItem]:
        title = self.tr("%1 — %2 — turma %3")
        title = title.replace("%1", str(boletim.ano)).replace("%2", boletim.serie).replace("%3", boletim.turma_nome)
        resultado = boletim.resultado
        manual = resultado.situacao.manual is not None
        row = self._row(
            title,
            "",
            format_percent(resultado.frequencia) if resultado.aulas_dadas else "—",
            _situacao_text(boletim.situacao, manual),
        )
        self._bold(row)
        row[2].setToolTip(self.tr("Frequência no ano, sobre o total de aulas de todas as disciplinas."))
        if manual:
            row[3].setToolTip(_manual_tooltip(boletim.motivo_situacao))
        for linha in boletim.linhas:
            r = linha.resultado
            child = self._row(
                linha.disciplina,
                av.format_nota(r.media) or "—",
                format_percent(r.frequencia) if linha.aulas_dadas else "—",
                situacao_label(r.situacao.efetiva),
            )
            if r.media is None:
                child[1].setToolTip(self.tr("Ainda faltam notas para a média."))
            row[0].appendRow(child)
        return row

    def _external_row(self, historico: HistoricoExternoRow) -> list[QStandardItem]:
        """A year done in another school, as its documents give it: the year's frequência and
        situação; each disciplina's média or conceito."""
        dados = historico.dados
        title = self.tr("%1 — %2 — outra escola: %3")
        title = title.replace("%1", str(dados.ano)).replace("%2", dados.serie).replace("%3", dados.escola)
        frequencia = dados.frequencia
        row = self._row(
            title,
            "",
            "—" if frequencia is None else format_percent(frequencia),  # type: ignore[arg-type]
            situacao_label(historico.situacao),
        )
        self._bold(row)
        local = "/".join(parte for parte in (dados.municipio, dados.uf) if parte)
        tooltip = self.tr("Cursado em outra escola: %1").replace(
            "%1", f"{dados.escola} ({local})" if local else dados.escola
        )
        row[0].setToolTip(f"{tooltip}\n{self.tr('Para alterar, use Editar…')}")
        for item in row:
            item.setData(historico.id, HISTORICO_EXTERNO_ROLE)
        for disciplina in dados.disciplinas:
            media = disciplina.media
            resultado = av.format_nota(media) if media is not None else disciplina.conceito  # type: ignore[arg-type]
            child = self._row(disciplina.disciplina, resultado or "—", "", "")
            for item in child:
                item.setData(historico.id, HISTORICO_EXTERNO_ROLE)
            row[0].appendRow(child)
        return row

    @staticmethod
    def _bold(row: list[QStandardItem]) -> None:
        for item in row:
            font = item.font()
            font.setBold(True)
            item.setFont(font)

    @staticmethod
    def _row(*texts: str) -> list[QStandardItem]:
        items = []
        for column, text in enumerate(texts):
            item = QStandardItem(text)
            item.setEditable(False)
            item.setToolTip(text)
            if column in (1, 2):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        return items

    def year_items(self) -> list[QStandardItem]:
        """The first cell of each year's row, newest first; its children are the disciplinas."""
        assert self.model is not None
        return [self.model.item(row, 0) for row in range(self.model.rowCount())]

    # --- years done in other schools ------------------------------------------------------

    def selected_historico_id(self) -> int | None:
        """The year of another school whose row (or one of its disciplinas) is selected."""
        if self.tree is None:
            return None
        rows = self.tree.selectionModel().selectedRows(0)
        value = rows[0].data(HISTORICO_EXTERNO_ROLE) if rows else None
        return int(value) if value is not None else None

    def _update_buttons(self) -> None:
        has_external = self.selected_historico_id() is not None
        for button in (self.editar, self.excluir):
            if button is not None:
                button.setEnabled(has_external)
                button.setToolTip(
                    ""
                    if has_external
                    else self.tr(
                        "Escolha na lista um ano cursado em outra escola. "
                        "Os desta escola mudam nas páginas Turmas e Notas."
                    )
                )

    def make_dialog(self, historico_id: int | None) -> RecordDialog:
        # Imported here: that module builds on this one (RecordDialog, the message boxes).
        from escola_gui.gui.historico_externo import HistoricoExternoDialog

        assert self._historicos is not None and self._aluno_id is not None
        return HistoricoExternoDialog(self._historicos, self._aluno_id, historico_id, self)

    def add(self) -> None:
        self._open(None)

    def edit_selected(self) -> None:
        historico_id = self.selected_historico_id()
        if historico_id is not None:
            self._open(historico_id)

    def _open(self, historico_id: int | None) -> None:
        try:
            dialog = self.make_dialog(historico_id)
        except RecordNotFoundError:
            self._gone()
            return
        except Exception:
            report_unexpected_error(self)
            return
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.reload(dialog.saved_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def delete_selected(self) -> None:
        historico_id = self.selected_historico_id()
        if historico_id is None or self._historicos is None:
            return
        try:
            dados = self._historicos.get(historico_id).dados
            question = (
                self.tr("Excluir do histórico deste aluno o ano de %1 (%2), cursado em outra escola: %3?")
                .replace("%1", str(dados.ano))
                .replace("%2", dados.serie)
                .replace("%3", dados.escola)
            )
            if dados.disciplinas:
                detail = self.tr("As disciplinas registradas nesse ano (%1) também serão excluídas.").replace(
                    "%1", str(len(dados.disciplinas))
                )
                question = f"{question}\n\n{detail}"
            if not ask_yes_no(self, self.tr("Excluir ano de outra escola"), question):
                return
            self._historicos.delete(historico_id)
        except RecordNotFoundError:
            self._gone()
            return
        except Exception:
            report_unexpected_error(self)
            return
        self.reload()

    def _gone(self) -> None:
        show_error(
            self,
            self.tr("Registro não encontrado"),
            self.tr("Este ano de outra escola não existe mais; talvez tenha sido excluído."),
        )
        self.reload()


class AlunoDialog(RecordDialog):
    """Create (``aluno_id=None``) or edit an aluno: personal data with photo and address,
    documents and contacts, one tab each; given ``responsaveis``, a tab of the aluno's
    responsáveis; given ``turmas``, a read-only Matrículas tab; given ``diario``, a Histórico
    tab, where ``historicos`` adds the years done in other schools (see :class:`HistoricoPanel`);
    given ``auditoria``, an Alterações tab: who changed what and when."""

    def __init__(
        self,
        service: AlunoService,
        aluno_id: int | None = None,
        parent: QWidget | None = None,
        responsaveis: ResponsavelService | None = None,
        *,
        turmas: TurmaService | None = None,
        diario: DiarioService | None = None,
        historicos: HistoricoExternoService | None = None,
        auditoria: AuditoriaService | None = None,
    ):
        super().__init__(parent)
        self._service = service
        self._aluno_id = aluno_id
        self.setObjectName("aluno_dialog")
        self.setWindowTitle(self.tr("Novo aluno") if aluno_id is None else self.tr("Editar aluno"))
        self.setMinimumWidth(DIALOG_MIN_WIDTH)

        # Fields accept more than the limit, so that the message under them explains it.
        self.nome = self._line_edit("nome", max_length=200)
        self.nome_social = self._line_edit("nome_social", max_length=200)
        self.nome_social.setPlaceholderText(self.tr("Só quando o aluno o pedir"))

        self.data_nascimento = _date_edit("data_nascimento")
        self.nascimento_nao_informada = QCheckBox(self.tr("Não informada"))
        self.nascimento_nao_informada.setObjectName("nascimento_nao_informada")
        self.nascimento_nao_informada.toggled.connect(self._on_nascimento_toggled)
        # The field stays open: typing a date unticks "Não informada" (a new aluno starts ticked).
        self.data_nascimento.textEdited.connect(self._on_nascimento_typed)
        nascimento = QWidget()
        nascimento_layout = QHBoxLayout(nascimento)
        nascimento_layout.setContentsMargins(0, 0, 0, 0)
        nascimento_layout.addWidget(self.data_nascimento)
        nascimento_layout.addWidget(self.nascimento_nao_informada)
        nascimento_layout.addStretch(1)

        self.sexo = self._choice_combo(
            "sexo", [(self.tr("Não informado"), None), (self.tr("Feminino"), "F"), (self.tr("Masculino"), "M")]
        )
        # The Censo Escolar's categories, in its order; "Não informada" is an empty field.
        self.cor_raca = self._choice_combo(
            "cor_raca",
            [
                (self.tr("Não informada"), None),
                (self.tr("Não declarada"), "nao_declarada"),
                (self.tr("Branca"), "branca"),
                (self.tr("Preta"), "preta"),
                (self.tr("Parda"), "parda"),
                (self.tr("Amarela"), "amarela"),
                (self.tr("Indígena"), "indigena"),
            ],
        )
        self.ativo = QCheckBox(self.tr("Ativo"))
        self.ativo.setObjectName("ativo")
        self.ativo.setChecked(True)

        # Address: the CEP is typed freely and shown as 12345-678 once it has its 8 digits.
        self.cep = self._line_edit("cep", max_length=20)
        self.cep.setPlaceholderText(self.tr("00000-000"))
        self.cep.setMaximumWidth(self.fontMetrics().horizontalAdvance("00000-0000") + 24)
        self.cep.editingFinished.connect(self._on_cep_edited)
        self.logradouro = self._line_edit("logradouro", max_length=200)
        self.logradouro.setPlaceholderText(self.tr("rua, avenida…"))
        self.numero = self._line_edit("numero", max_length=40)
        self.numero.setPlaceholderText(self.tr("ou s/n"))
        self.numero.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000000000") + 16)
        self.complemento = self._line_edit("complemento", max_length=200)
        self.complemento.setPlaceholderText(self.tr("apto., bloco…"))
        self.bairro = self._line_edit("bairro", max_length=200)
        self.municipio = self._line_edit("municipio", max_length=200)
        self.uf = self._choice_combo("uf", [("", None), *((uf, uf) for uf in UFS)])
        self.uf.setAccessibleName(self.tr("UF"))

        # Photo: chosen from a file, shrunk, and saved with the rest on Salvar.
        self._foto: bytes | None = None
        self._foto_alterada = False
        self.foto_preview = QLabel()
        self.foto_preview.setObjectName("foto")
        self.foto_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.foto_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.foto_preview.setWordWrap(True)
        frame = 2 * self.foto_preview.frameWidth()
        self.foto_preview.setFixedSize(FOTO_PREVIEW_SIZE + QSize(frame, frame))
        self.escolher_foto = QPushButton(self.tr("Escolher &foto…"))
        self.escolher_foto.setObjectName("escolher_foto")
        self.escolher_foto.setToolTip(self.tr("Uma imagem PNG ou JPEG; fotos grandes são reduzidas ao salvar."))
        self.escolher_foto.clicked.connect(self.choose_foto)
        self.remover_foto = QPushButton(self.tr("Remover foto"))
        self.remover_foto.setObjectName("remover_foto")
        self.remover_foto.clicked.connect(self.remove_foto)
        foto_widgets = QWidget()
        foto_layout = QVBoxLayout(foto_widgets)
        foto_layout.setContentsMargins(0, 0, 0, 0)
        foto_layout.addWidget(self.foto_preview, 0, Qt.AlignmentFlag.AlignHCenter)
        foto_layout.addWidget(self.escolher_foto)
        foto_layout.addWidget(self.remover_foto)
        foto_column = self.field_box("foto", foto_widgets, self.escolher_foto)
        foto_column.setObjectName("coluna_foto")
        foto_column.setFixedWidth(max(FOTO_PREVIEW_SIZE.width() + frame, self.escolher_foto.sizeHint().width()) + 8)

        self.ra = self._line_edit("ra", max_length=40)
        if aluno_id is None:
            self.ra.setPlaceholderText(self.tr("gerado ao salvar"))
        self.cpf = self._line_edit("cpf", max_length=40)
        self.cpf.setPlaceholderText(self.tr("000.000.000-00"))
        self.rg = self._line_edit("rg", max_length=40)
        self.rg.setPlaceholderText(self.tr("número e órgão emissor"))
        self.certidao_nascimento = self._line_edit("certidao_nascimento", max_length=60)
        self.certidao_nascimento.setPlaceholderText(self.tr("matrícula de 32 dígitos"))
        self.nis = self._line_edit("nis", max_length=40)
        self.nis.setPlaceholderText(self.tr("000.00000.00-0"))
        self.codigo_inep = self._line_edit("codigo_inep", max_length=40)
        self.codigo_inep.setPlaceholderText(self.tr("12 dígitos"))

        self.email = self._line_edit("email", max_length=200)
        self.email.setPlaceholderText(self.tr("nome@exemplo.com.br"))
        self.outros_emails = self._lines_edit("outros_emails")
        self.outros_emails.setPlaceholderText(self.tr("Um por linha, ex.: mae.do.aluno@exemplo.com.br"))
        self.telefones = self._lines_edit("telefones")
        self.telefones.setPlaceholderText(self.tr("Um por linha, ex.: (11) 98765-4321"))

        # Mnemonics are unique among each tab's rows and the tab titles, which are always shown.
        pessoais = self.add_tab(self.tr("Dados &pessoais"), "aba_dados_pessoais", beside=foto_column)
        self.add_field(self.tr("&Nome:"), "nome", self.nome, form=pessoais)
        self.add_field(self.tr("Nome socia&l:"), "nome_social", self.nome_social, form=pessoais)
        self.add_field(
            self.tr("&Data de nascimento:"), "data_nascimento", nascimento, self.data_nascimento, form=pessoais
        )
        self.add_field(self.tr("Se&xo:"), "sexo", self.sexo, form=pessoais)
        self.add_field(self.tr("Co&r/raça:"), "cor_raca", self.cor_raca, form=pessoais)
        pessoais.addRow("", self.ativo)

        endereco = self.add_section(self.tr("Endereço"), "titulo_endereco")
        self.add_field(self.tr("C&EP:"), "cep", self.cep, form=endereco)
        self.add_field(self.tr("Lo&gradouro:"), "logradouro", self.logradouro, form=endereco)
        self.add_field(
            self.tr("Nú&mero:"),
            "numero",
            self._pair(
                self.numero, "numero", self.tr("Complemen&to:"), self.complemento, "complemento", self.complemento
            ),
            self.numero,
            form=endereco,
            boxed=False,
        )
        self.add_field(self.tr("&Bairro:"), "bairro", self.bairro, form=endereco)
        self.add_field(
            self.tr("Mun&icípio:"),
            "municipio",
            self._pair(self.municipio, "municipio", self.tr("&UF:"), self.uf, "uf", self.municipio),
            self.municipio,
            form=endereco,
            boxed=False,
        )

        documentos = self.add_tab(self.tr("D&ocumentos"), "aba_documentos")
        self.add_field(self.tr("R&A:"), "ra", self.ra, form=documentos)
        self.add_field(self.tr("CP&F:"), "cpf", self.cpf, form=documentos)
        self.add_field(self.tr("R&G:"), "rg", self.rg, form=documentos)
        self.add_field(
            self.tr("C&ertidão de nascimento:"), "certidao_nascimento", self.certidao_nascimento, form=documentos
        )
        self.add_field(self.tr("NI&S (PIS/PASEP):"), "nis", self.nis, form=documentos)
        self.add_field(self.tr("Código &INEP:"), "codigo_inep", self.codigo_inep, form=documentos)

        contatos = self.add_tab(self.tr("&Contatos"), "aba_contatos")
        self.add_field(self.tr("&E-mail:"), "email", self.email, form=contatos)
        self.add_field(self.tr("O&utros e-mails:"), "outros_emails", self.outros_emails, form=contatos)
        self.add_field(self.tr("&Telefones:"), "telefones", self.telefones, form=contatos)
        self.align_tab_labels()
        self.responsaveis: ResponsaveisPanel | None = None
        if responsaveis is not None:
            self._add_responsaveis_tab(responsaveis, aluno_id)
        assert self.tabs is not None
        self.matriculas: MatriculasPanel | None = None
        if turmas is not None:
            self.matriculas = MatriculasPanel(service, turmas, aluno_id)
            self.tabs.addTab(self.matriculas, self.tr("M&atrículas"))
        self.historico: HistoricoPanel | None = None
        if diario is not None:
            self.historico = HistoricoPanel(diario, aluno_id, historicos=historicos)
            self.tabs.addTab(self.historico, self.tr("&Histórico"))
        self.alteracoes: AlteracoesPanel | None = None
        if auditoria is not None:
            self.alteracoes = AlteracoesPanel(auditoria, aluno_id)
            self.tabs.addTab(self.alteracoes, self.tr("Alterações"))
        # Every tab title in sight: the dialog is as wide as the tab bar, without scroll arrows.
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        margins = self._layout.contentsMargins()
        tabs_width = self.tabs.minimumSizeHint().width() + margins.left() + margins.right()
        self.setMinimumWidth(max(DIALOG_MIN_WIDTH, tabs_width))

        # Down the personal data and the address, then the photo beside them.
        chain = [
            self.nome,
            self.nome_social,
            self.data_nascimento,
            self.nascimento_nao_informada,
            self.sexo,
            self.cor_raca,
            self.ativo,
            self.cep,
            self.logradouro,
            self.numero,
            self.complemento,
            self.bairro,
            self.municipio,
            self.uf,
            self.escolher_foto,
            self.remover_foto,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        if aluno_id is None:
            self.nascimento_nao_informada.setChecked(True)
            self._show_foto()
        else:
            self._load(service.get(aluno_id))
            self._foto = service.foto(aluno_id)
            self._show_foto()
        for title, widget in (
            (self.tr("Nome"), self.nome),
            (self.tr("Nome social"), self.nome_social),
            (self.tr("Data de nascimento"), self.data_nascimento),
            (self.tr("Data de nascimento não informada"), self.nascimento_nao_informada),
            (self.tr("Sexo"), self.sexo),
            (self.tr("Cor/raça"), self.cor_raca),
            (self.tr("Ativo"), self.ativo),
            (self.tr("CEP"), self.cep),
            (self.tr("Logradouro"), self.logradouro),
            (self.tr("Número"), self.numero),
            (self.tr("Complemento"), self.complemento),
            (self.tr("Bairro"), self.bairro),
            (self.tr("Município"), self.municipio),
            (self.tr("UF"), self.uf),
            (self.tr("RA"), self.ra),
            (self.tr("CPF"), self.cpf),
            (self.tr("RG"), self.rg),
            (self.tr("Certidão de nascimento"), self.certidao_nascimento),
            (self.tr("NIS"), self.nis),
            (self.tr("Código INEP"), self.codigo_inep),
            (self.tr("E-mail"), self.email),
            (self.tr("Outros e-mails"), self.outros_emails),
            (self.tr("Telefones"), self.telefones),
        ):
            self.track(title, widget)
        self.track(self.tr("Foto"), self.escolher_foto, self._foto_state, self._set_foto_state)
        self.start_history()
        self.nome.setFocus()

    def add_field(
        self,
        label: str,
        field: str,
        widget: QWidget,
        focus: QWidget | None = None,
        form: QFormLayout | None = None,
        boxed: bool = True,
    ) -> None:
        """:meth:`RecordDialog.add_field`; ``boxed=False`` when ``widget`` already holds its
        fields' error labels (see :meth:`_pair`)."""
        if boxed:
            super().add_field(label, field, widget, focus, form)
            return
        row_label = QLabel(label)
        row_label.setBuddy(focus or widget)
        (form or self._form).addRow(row_label, widget)
        self._row_labels.append(row_label)

    def _pair(
        self, first: QWidget, first_field: str, label: str, second: QWidget, second_field: str, wide: QWidget
    ) -> QWidget:
        """Two fields on one row, ``label`` between them; ``wide`` (one of the two) takes the
        spare width. Their messages go under the whole row, one under the other, so that a
        message about the narrow field is not squeezed into its width."""
        row = QWidget()
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        middle = QLabel(label)
        middle.setBuddy(second)
        middle.setContentsMargins(self.fontMetrics().averageCharWidth(), 0, 0, 0)
        grid.addWidget(first, 0, 0)
        grid.addWidget(middle, 0, 1)
        grid.addWidget(second, 0, 2)
        grid.setColumnStretch(0 if wide is first else 2, 1)
        grid.addWidget(self.error_label(first_field, first), 1, 0, 1, 3)
        grid.addWidget(self.error_label(second_field, second), 2, 0, 1, 3)
        grid.setRowStretch(3, 1)  # any spare height goes below the messages
        return row

    def has_unsaved_changes(self) -> bool:
        """Override: a responsável added to a new aluno is a change too."""
        pending = self.responsaveis is not None and bool(self.responsaveis.pending)
        return pending or super().has_unsaved_changes()

    def _add_responsaveis_tab(self, service: ResponsavelService, aluno_id: int | None) -> None:
        # Imported here: that module builds on this one (RecordDialog, the message boxes).
        from escola_gui.gui.responsaveis import ResponsaveisPanel

        assert self.tabs is not None
        # For a new aluno the tab keeps them until Salvar, which saves them with the aluno.
        self.responsaveis = ResponsaveisPanel(service, aluno_id)
        self.tabs.addTab(self.responsaveis, self.tr("Responsá&veis"))

    @staticmethod
    def _line_edit(name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        return edit

    def _lines_edit(self, name: str) -> QPlainTextEdit:
        """A box for a list typed one item per line (phones, e-mails); Tab leaves it. See
        :meth:`_set_lines` and :meth:`_lines`."""
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        return edit

    @staticmethod
    def _set_lines(edit: QPlainTextEdit, values: tuple[str, ...]) -> None:
        edit.setPlainText("\n".join(values))

    @staticmethod
    def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
        """The lines as typed; the service trims them and drops the blank ones."""
        return tuple(edit.toPlainText().splitlines())

    @staticmethod
    def _choice_combo(name: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        for label, code in items:
            combo.addItem(label, code)
        return combo

    @staticmethod
    def _select_code(combo: QComboBox, code: str | None) -> None:
        # findData(None) does not find the "não informado" item, which is always the first.
        index = combo.findData(code) if code is not None else 0
        combo.setCurrentIndex(max(index, 0))

    # -- photo

    @property
    def foto(self) -> bytes | None:
        """The photo as it will be saved (the stored one until the user changes it)."""
        return self._foto

    def choose_foto(self) -> None:
        """Ask for an image file and show it; it is stored, shrunk, when the form is saved."""
        path = choose_foto_file(self)
        if not path:
            return
        try:
            foto = load_foto(path)
        except FotoIlegivelError:
            _log.info("Unreadable photo %s", path, exc_info=True)
            self._show_foto_error(
                self.tr("Não foi possível ler esta imagem. Escolha um arquivo PNG ou JPEG que abra normalmente.")
            )
            return
        self._foto = foto
        self._foto_alterada = True
        self._show_foto_error("")
        self._show_foto()
        self.field_changed(self.escolher_foto)

    def remove_foto(self) -> None:
        self._foto = None
        self._foto_alterada = True
        self._show_foto_error("")
        self._show_foto()
        self.escolher_foto.setFocus()
        self.field_changed(self.escolher_foto)

    def _foto_state(self) -> tuple[bytes | None, bool]:
        return self._foto, self._foto_alterada

    def _set_foto_state(self, state: tuple[bytes | None, bool]) -> None:
        self._foto, self._foto_alterada = state
        self._show_foto_error("")
        self._show_foto()

    def _show_foto_error(self, message: str) -> None:
        error = self._errors["foto"]
        error.setText(message)
        error.setVisible(bool(message))

    def _show_foto(self) -> None:
        if self._foto is None:
            self.foto_preview.setPixmap(QPixmap())
            self.foto_preview.setText(self.tr("Sem foto"))
        else:
            pixmap = foto_pixmap(self._foto, FOTO_PREVIEW_SIZE, self.devicePixelRatioF())
            if pixmap.isNull():
                self.foto_preview.setPixmap(QPixmap())
                self.foto_preview.setText(self.tr("Foto ilegível"))
            else:
                self.foto_preview.setPixmap(pixmap)
        self.remover_foto.setEnabled(self._foto is not None)

    # -- data

    def _on_cep_edited(self) -> None:
        cep = normalize_cep(self.cep.text())
        if cep is not None and len(cep) == 8 and cep.isdigit():
            self.cep.setText(format_cep(cep))

    def _load(self, data: AlunoData) -> None:
        self.nome.setText(data.nome)
        self.nome_social.setText(data.nome_social or "")
        if data.data_nascimento is None:
            self.nascimento_nao_informada.setChecked(True)
        else:
            self.data_nascimento.setDate(to_qdate(data.data_nascimento))
            self.nascimento_nao_informada.setChecked(False)
        self._select_code(self.sexo, data.sexo)
        self._select_code(self.cor_raca, data.cor_raca)
        self.ativo.setChecked(data.ativo)
        self.cep.setText(format_cep(data.cep))
        self.logradouro.setText(data.logradouro or "")
        self.numero.setText(data.numero or "")
        self.complemento.setText(data.complemento or "")
        self.bairro.setText(data.bairro or "")
        self.municipio.setText(data.municipio or "")
        if data.uf and self.uf.findData(data.uf) < 0:
            self.uf.addItem(data.uf, data.uf)  # not a UF: kept, so that saving explains it
        self._select_code(self.uf, data.uf)
        self.ra.setText(data.ra or "")
        self.cpf.setText(format_cpf(data.cpf))
        self.rg.setText(data.rg or "")
        self.certidao_nascimento.setText(format_certidao(data.certidao_nascimento))
        self.nis.setText(format_nis(data.nis))
        self.codigo_inep.setText(data.codigo_inep or "")
        self.email.setText(data.email or "")
        self._set_lines(self.outros_emails, data.outros_emails)
        self._set_lines(self.telefones, data.telefones)

    def _on_nascimento_toggled(self, nao_informada: bool) -> None:
        if nao_informada:
            self.data_nascimento.clear()

    def _on_nascimento_typed(self, text: str) -> None:
        if text.strip():
            self.nascimento_nao_informada.setChecked(False)

    def _date_errors(self) -> dict[str, str]:
        errors = super()._date_errors()
        if self.nascimento_nao_informada.isChecked():
            errors.pop("data_nascimento", None)  # left empty on purpose
        return errors

    def collect(self) -> AlunoData:
        qdate = self.data_nascimento.date()
        # An impossible date typed is told by RecordDialog before this is saved (see _date_errors).
        nascimento = None if self.nascimento_nao_informada.isChecked() or not qdate.isValid() else from_qdate(qdate)
        return AlunoData(
            nome=self.nome.text(),
            email=self.email.text(),
            cpf=self.cpf.text(),
            data_nascimento=nascimento,
            ativo=self.ativo.isChecked(),
            telefones=self._lines(self.telefones),
            nome_social=self.nome_social.text(),
            sexo=self.sexo.currentData(),
            cor_raca=self.cor_raca.currentData(),
            rg=self.rg.text(),
            certidao_nascimento=self.certidao_nascimento.text(),
            nis=self.nis.text(),
            codigo_inep=self.codigo_inep.text(),
            cep=self.cep.text(),
            logradouro=self.logradouro.text(),
            numero=self.numero.text(),
            complemento=self.complemento.text(),
            bairro=self.bairro.text(),
            municipio=self.municipio.text(),
            uf=self.uf.currentData(),
            ra=self.ra.text(),
            outros_emails=self._lines(self.outros_emails),
        )

    def validate(self, data: AlunoData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._aluno_id)

    def save(self, data: AlunoData) -> int:  # type: ignore[override]
        # The photo goes in the same transaction as the data.
        if self._aluno_id is None:
            pending = self.responsaveis.pending if self.responsaveis is not None else []
            return self._service.create(data, foto=self._foto, responsaveis=pending)
        if self._foto_alterada:
            self._service.update(self._aluno_id, data, foto=self._foto)
        else:
            self._service.update(self._aluno_id, data)
        return self._aluno_id


# --- curso ------------------------------------------------------------------------------


class CursoDialog(RecordDialog):
    """Create (``curso_id=None``) or edit a curso."""

    def __init__(self, service: CursoService, curso_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._curso_id = curso_id
        self.setObjectName("curso_dialog")
        self.setWindowTitle(self.tr("Novo curso") if curso_id is None else self.tr("Editar curso"))
        self.setMinimumWidth(DIALOG_MIN_WIDTH)

        self.nome = QLineEdit()
        self.nome.setObjectName("nome")
        self.nome.setMaxLength(200)
        self.carga_horaria = QSpinBox()
        self.carga_horaria.setObjectName("carga_horaria")
        self.carga_horaria.setRange(0, 100_000)
        # 0 stands for "not given": the service stores None and never a zero-hour curso.
        self.carga_horaria.setSpecialValueText(self.tr("não informada"))
        self.carga_horaria.setSuffix(self.tr(" h"))
        self.carga_horaria.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.descricao = QPlainTextEdit()
        self.descricao.setObjectName("descricao")
        self.descricao.setTabChangesFocus(True)
        self.descricao.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.observacoes = QPlainTextEdit()
        self.observacoes.setObjectName("observacoes")
        self.observacoes.setTabChangesFocus(True)
        self.observacoes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.add_field(self.tr("&Nome:"), "nome", self.nome)
        self.add_field(self.tr("&Carga horária:"), "carga_horaria", self.carga_horaria)
        self.add_field(self.tr("&Descrição:"), "descricao", self.descricao)
        self.add_field(self.tr("&Observações:"), "observacoes", self.observacoes)

        if curso_id is not None:
            self._load(service.get(curso_id))
        self.track(self.tr("Nome"), self.nome)
        self.track(self.tr("Carga horária"), self.carga_horaria)
        self.track(self.tr("Descrição"), self.descricao)
        self.track(self.tr("Observações"), self.observacoes)
        self.start_history()
        self.nome.setFocus()

    def _load(self, data: CursoData) -> None:
        self.nome.setText(data.nome)
        self.carga_horaria.setValue(data.carga_horaria or 0)
        self.descricao.setPlainText(data.descricao or "")
        self.observacoes.setPlainText(data.observacoes or "")

    def collect(self) -> CursoData:
        return CursoData(
            nome=self.nome.text(),
            descricao=self.descricao.toPlainText(),
            carga_horaria=self.carga_horaria.value() or None,
            observacoes=self.observacoes.toPlainText(),
        )

    def validate(self, data: CursoData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._curso_id)

    def save(self, data: CursoData) -> int:  # type: ignore[override]
        if self._curso_id is None:
            return self._service.create(data)
        self._service.update(self._curso_id, data)
        return self._curso_id


# --- matrícula --------------------------------------------------------------------------


class MatriculaDialog(RecordDialog):
    """Enrol an aluno in a curso (``matricula_id=None``) or change an enrolment."""

    def __init__(self, service: MatriculaService, matricula_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._matricula_id = matricula_id
        self.setObjectName("matricula_dialog")
        self.setWindowTitle(self.tr("Nova matrícula") if matricula_id is None else self.tr("Editar matrícula"))
        self.setMinimumWidth(DIALOG_MIN_WIDTH)

        self.aluno = self._combo("aluno", service.aluno_choices(), self.tr("Escolha o aluno"))
        self.curso = self._combo("curso", service.curso_choices(), self.tr("Escolha o curso"))
        self.data_matricula = _date_edit("data_matricula")
        # A QDateEdit cannot be empty; its minimum date, shown as "não informada", stands for
        # the missing date of a matrícula from a 0.x file. Saving it is refused.
        self.data_matricula.setMinimumDate(EMPTY_DATE)
        self.data_matricula.setSpecialValueText(self.tr("não informada"))
        self.data_matricula.calendarWidget().installEventFilter(_CalendarOpensOnToday(self.data_matricula))
        self.aviso_data = QLabel(
            self.tr(
                "A data desta matrícula não pôde ser lida no arquivo antigo (veja as observações). "
                "Informe a data correta para salvar."
            )
        )
        self.aviso_data.setObjectName("aviso_data_matricula")
        self.aviso_data.setWordWrap(True)
        self.aviso_data.setVisible(False)
        data_box = QWidget()
        data_layout = QVBoxLayout(data_box)
        data_layout.setContentsMargins(0, 0, 0, 0)
        data_layout.setSpacing(2)
        data_layout.addWidget(self.data_matricula)
        data_layout.addWidget(self.aviso_data)
        self.observacoes = QPlainTextEdit()
        self.observacoes.setObjectName("observacoes")
        self.observacoes.setTabChangesFocus(True)
        self.observacoes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.add_field(self.tr("&Aluno:"), "aluno", self.aluno)
        self.add_field(self.tr("&Curso:"), "curso", self.curso)
        self.add_field(self.tr("&Data da matrícula:"), "data_matricula", data_box, self.data_matricula)
        self.add_field(self.tr("&Observações:"), "observacoes", self.observacoes)

        if matricula_id is not None:
            data = service.get(matricula_id)
            self.select(self.aluno, data.aluno_id)
            self.select(self.curso, data.curso_id)
            if data.data_matricula is None:
                self.data_matricula.setDate(EMPTY_DATE)
                self.aviso_data.setVisible(True)
            else:
                self.data_matricula.setDate(to_qdate(data.data_matricula))
            self.observacoes.setPlainText(data.observacoes or "")
        self.track(self.tr("Aluno"), self.aluno)
        self.track(self.tr("Curso"), self.curso)
        self.track(self.tr("Data da matrícula"), self.data_matricula)
        self.track(self.tr("Observações"), self.observacoes)
        self.start_history()
        self.aluno.setFocus()

    @staticmethod
    def _combo(name: str, choices: list[Choice], placeholder: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setPlaceholderText(placeholder)
        for choice in choices:
            combo.addItem(choice.nome, choice.id)
        combo.setCurrentIndex(-1)
        return combo

    @staticmethod
    def select(combo: QComboBox, record_id: int | None) -> None:
        """Choose the item whose id is ``record_id`` (none when it is not there)."""
        combo.setCurrentIndex(combo.findData(record_id) if record_id is not None else -1)

    def collect(self) -> MatriculaData:
        qdate = self.data_matricula.date()
        return MatriculaData(
            aluno_id=self.aluno.currentData(),
            curso_id=self.curso.currentData(),
            data_matricula=None if qdate == EMPTY_DATE or not qdate.isValid() else from_qdate(qdate),
            observacoes=self.observacoes.toPlainText(),
        )

    def validate(self, data: MatriculaData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._matricula_id)

    def save(self, data: MatriculaData) -> int:  # type: ignore[override]
        if self._matricula_id is None:
            return self._service.create(data.aluno_id, data.curso_id, data.data_matricula, data.observacoes)
        self._service.update(self._matricula_id, data.aluno_id, data.curso_id, data.data_matricula, data.observacoes)
        return self._matricula_id
