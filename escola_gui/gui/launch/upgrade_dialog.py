"""The window that shows the launch-time upgrade while it runs off the GUI thread."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QLocale, QRect, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from escola_gui.core.errors import EscolaError
from escola_gui.core.text import format_count
from escola_gui.gui.toolkit.background import BackgroundOp
from escola_gui.gui.toolkit.text import translate_core, translate_error
from escola_gui.storage.file.launch_check import Classification, DatabaseState
from escola_gui.storage.file.upgrade import UpgradeResult, upgrade_to_head
from escola_gui.storage.migrations import Step
from escola_gui.storage.summary import SummaryLine

log = logging.getLogger(__name__)

# The summary grows the window up to this height; a longer one scrolls.
SUMMARY_MAX_HEIGHT = 360


def format_number(n: int) -> str:
    """A count in the user's language: "49.998" in Portuguese, "49,998" in English."""
    locale = QLocale()
    if locale.language() == QLocale.Language.English:
        return locale.toString(n)
    return format_count(n)  # Portuguese, whatever the system's locale (Escola's source language)


def summary_text(line: SummaryLine) -> str:
    """One line of what the upgrade changed, translated, with the right plural and separators."""
    return line.format(translate_core, format_number)


def available_geometry(widget) -> QRect:  # noqa: ANN001 - any QWidget
    """The part of the widget's screen that windows may use (without task bars and docks)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def failure_message(exc: Exception, what: str, database: Path) -> str:
    """What the upgrade (or downgrade) window says of ``exc``: a core error in the user's
    words; anything else is a bug, whose traceback goes to the log."""
    if isinstance(exc, EscolaError):
        return translate_error(exc)
    log.error("unexpected error while %s %s", what, database, exc_info=exc)
    return str(exc)


class UpgradeDialog(QDialog):
    """Names each revision as it runs; then shows what was resolved, or why it failed.

    It accepts (and the main window opens) only after the upgrade committed.
    """

    def __init__(self, database: Path, classification: Classification, log_path: Path, parent=None) -> None:
        super().__init__(parent)
        self._database = database
        self._classification = classification
        self._log_path = log_path
        self.result_value: UpgradeResult | None = None
        self.error_message: str | None = None

        self.setWindowTitle(self.tr("Atualizando o arquivo de dados"))
        self.setModal(True)
        self.setMinimumWidth(640)
        # Closing mid-upgrade is not offered: the transaction must end first.
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)

        if classification.state is DatabaseState.LEGACY:
            intro = self.tr(
                "Este arquivo foi criado por uma versão antiga do Escola (0.x). Ele será atualizado para esta "
                "versão. Antes, uma cópia de segurança é feita na pasta backups, ao lado do arquivo."
            )
        elif classification.state is DatabaseState.NEW:
            intro = self.tr("Criando um arquivo de dados novo.")
        else:
            intro = self.tr(
                "Esta versão do Escola precisa atualizar o arquivo de dados. Antes, uma cópia de segurança é "
                "feita na pasta backups, ao lado do arquivo."
            )
        self.intro = QLabel(intro, objectName="intro")
        self.intro.setWordWrap(True)
        self.path_label = QLabel(self.tr("Arquivo: {path}").format(path=database), objectName="caminho")
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self.tr("Preparando…"), objectName="status")
        self.status.setWordWrap(True)
        status_font = self.status.font()
        status_font.setBold(True)
        self.status.setFont(status_font)
        self.bar = QProgressBar(objectName="progresso")
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.steps = QListWidget(objectName="revisoes")
        # Long revision names wrap instead of hiding behind a horizontal scroll bar.
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.steps.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 2 * self.steps.frameWidth() + 8)
        self.summary = QLabel(objectName="resumo")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_area = QScrollArea(objectName="resumo_area")
        self.summary_area.setWidget(self.summary)
        self.summary_area.setWidgetResizable(True)
        self.summary_area.setFrameShape(QFrame.Shape.NoFrame)
        self.summary_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary_area.hide()

        self.buttons = QDialogButtonBox()
        self.continue_button = QPushButton(self.tr("Continuar"), objectName="continuar")
        self.close_button = QPushButton(self.tr("Fechar"), objectName="fechar")
        self.buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.continue_button.hide()
        self.close_button.hide()
        self.continue_button.clicked.connect(self.accept)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (self.intro, self.path_label, self.status, self.bar, self.steps):
            layout.addWidget(widget)
        layout.addWidget(self.summary_area, 1)
        layout.addWidget(self.buttons)

        self._op: BackgroundOp[UpgradeResult] = (
            BackgroundOp(self, lambda task: upgrade_to_head(database, task.notify, classification=classification))
            .on_notify(self._on_step)
            .success(self._on_success)
            .failure(lambda exc: self._on_failure(failure_message(exc, "upgrading", database)))
        )

    def start(self) -> None:
        self.status.setText(self.tr("Fazendo a cópia de segurança…"))
        self._op.run_in_background()

    @property
    def running(self) -> bool:
        return self._op.running

    def reject(self) -> None:
        """``reject()`` of QDialog: Esc does nothing while the upgrade runs."""
        if self.running:
            return
        super().reject()

    @Slot(object)
    def _on_step(self, step: Step) -> None:
        self.bar.setRange(0, step.total)
        self.bar.setValue(step.number - 1)
        text = self.tr("Etapa {n} de {total}: {descricao}").format(
            n=step.number, total=step.total, descricao=translate_core(step.descricao)
        )
        self.status.setText(text)
        self.steps.addItem(text)
        self.steps.scrollToBottom()

    @Slot(object)
    def _on_success(self, result: UpgradeResult) -> None:
        self.result_value = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.setText(self.tr("O arquivo foi atualizado."))
        parts: list[str] = []
        if result.summary:
            items = "".join(f"<li>{html.escape(summary_text(line))}</li>" for line in result.summary)
            heading = self.tr("O que mudou nos dados:")  # outside the f-string, where lupdate finds it
            parts.append(f"<p><b>{html.escape(heading)}</b></p><ul>{items}</ul>")
        if result.backup is not None:
            backup = self.tr("Cópia de segurança do arquivo anterior: {path}").format(path=result.backup)
            parts.append(f"<p>{html.escape(backup)}</p>")
        if parts:
            self._show_summary("".join(parts), self.continue_button)
            self.continue_button.setDefault(True)
            self.continue_button.setFocus()
        else:
            self.accept()

    def _show_summary(self, rich_text: str, button: QPushButton) -> None:
        """Show ``rich_text`` under the steps and ``button``, growing the window to fit them, but
        never past the screen: a long summary scrolls, and the button stays in sight."""
        self.summary.setText(rich_text)
        self.summary_area.show()
        button.show()
        margins = self.layout().contentsMargins()
        width = self.width() - margins.left() - margins.right()  # the area was hidden: no width yet
        needed = self.summary.heightForWidth(width)
        self.summary_area.setMinimumHeight(min(max(needed, 0), SUMMARY_MAX_HEIGHT))
        # Lay out now rather than on the next event loop pass: the button just shown must
        # have its size before anyone (or a test) clicks it.
        layout = self.layout()
        layout.activate()
        available = available_geometry(self)
        frame = self.frameGeometry()
        decoration = max(frame.height() - self.height(), 0)  # the title bar, once a window manager framed it
        room = available.height() - decoration
        excess = self.sizeHint().height() - room
        if excess > 0:  # a small screen: the summary gets what is left, and scrolls
            lines = self.fontMetrics().lineSpacing() * 3
            self.summary_area.setMinimumHeight(max(self.summary_area.minimumHeight() - excess, lines))
            layout.activate()
        height = min(max(self.height(), self.sizeHint().height()), room)
        self.resize(self.width(), height)
        # Grown downwards from where it was centred: bring the bottom (and Continuar) back on screen.
        frame = self.frameGeometry()
        top = max(available.top(), min(frame.top(), available.bottom() + 1 - (height + decoration)))
        left = max(available.left(), min(frame.left(), available.right() + 1 - frame.width()))
        if (left, top) != (frame.left(), frame.top()):
            self.move(left, top)
        layout.activate()
        self.buttons.layout().activate()

    @Slot(str)
    def _on_failure(self, message: str) -> None:
        self.error_message = message
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status.setText(self.tr("A atualização não foi concluída."))
        # An empty bar and an empty list say nothing once it has stopped; the message says it all.
        self.bar.hide()
        self.steps.setVisible(self.steps.count() > 0)
        details = self.tr("Detalhes técnicos no registro: {path}").format(path=self._log_path)
        self.summary.setStyleSheet("color: #b3261e;")
        paragraphs = (html.escape(text).replace("\n", "<br>") for text in (translate_core(message), details))
        self._show_summary("".join(f"<p>{paragraph}</p>" for paragraph in paragraphs), self.close_button)
        self.close_button.setFocus()
