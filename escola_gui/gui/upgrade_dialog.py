"""The window that shows the launch-time upgrade while it runs off the GUI thread."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from escola_gui.core.errors import EscolaError
from escola_gui.core.upgrade import Classification, DatabaseState, Step, UpgradeResult, upgrade_to_head

log = logging.getLogger(__name__)


def translate_core(text: str) -> str:
    """Core messages are Portuguese source strings; translate them in the "core" context."""
    return QCoreApplication.translate("core", text)


class UpgradeWorker(QObject):
    """Runs upgrade_to_head() in a worker thread and reports through signals."""

    step_started = Signal(object)  # Step
    succeeded = Signal(object)  # UpgradeResult
    failed = Signal(str)  # the user's message

    def __init__(self, database: Path, classification: Classification) -> None:
        super().__init__()
        self._database = database
        self._classification = classification

    @Slot()
    def run(self) -> None:
        try:
            result = upgrade_to_head(
                self._database, self.step_started.emit, classification=self._classification
            )
        except EscolaError as exc:
            self.failed.emit(exc.user_message)
        except Exception as exc:  # a bug: the log has the traceback
            log.exception("unexpected error while upgrading %s", self._database)
            self.failed.emit(str(exc))
        else:
            self.succeeded.emit(result)


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
        self.setMinimumWidth(560)
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
        self.path_label = QLabel(str(database), objectName="caminho")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self.tr("Preparando…"), objectName="status")
        self.status.setWordWrap(True)
        self.bar = QProgressBar(objectName="progresso")
        self.bar.setRange(0, 0)
        self.steps = QListWidget(objectName="revisoes")
        self.summary = QLabel(objectName="resumo")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.hide()

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
        for widget in (self.intro, self.path_label, self.status, self.bar, self.steps, self.summary):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)

        self._thread = QThread(self)
        self._worker = UpgradeWorker(database, classification)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.step_started.connect(self._on_step)
        self._worker.succeeded.connect(self._on_success)
        self._worker.failed.connect(self._on_failure)
        # Direct: quit() is thread-safe, and a queued quit would sit behind the result
        # slots, which wait() for the thread to end.
        self._worker.succeeded.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.failed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        self.status.setText(self.tr("Fazendo a cópia de segurança…"))
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def reject(self) -> None:
        """``reject()`` of QDialog: Esc does nothing while the upgrade runs."""
        if self.running:
            return
        super().reject()

    @Slot(object)
    def _on_step(self, step: Step) -> None:
        self.bar.setRange(0, step.total)
        self.bar.setValue(step.number - 1)
        text = self.tr("Revisão {n} de {total}: {descricao}").format(
            n=step.number, total=step.total, descricao=translate_core(step.descricao)
        )
        self.status.setText(text)
        self.steps.addItem(text)
        self.steps.scrollToBottom()

    @Slot(object)
    def _on_success(self, result: UpgradeResult) -> None:
        self._thread.wait()
        self.result_value = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.setText(self.tr("Arquivo atualizado para a revisão {rev}.").format(rev=result.revision))
        lines = [translate_core(line) for line in result.summary]
        if result.backup is not None:
            lines.append(self.tr("Cópia de segurança do arquivo anterior: {path}").format(path=result.backup))
        if lines:
            header = self.tr("O que mudou nos dados:") if result.summary else ""
            self.summary.setText("\n".join(filter(None, [header, *("• " + line for line in lines)])))
            self.summary.show()
            self.continue_button.show()
            self.continue_button.setDefault(True)
            self.continue_button.setFocus()
        else:
            self.accept()

    @Slot(str)
    def _on_failure(self, message: str) -> None:
        self._thread.wait()
        self.error_message = message
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status.setText(self.tr("A atualização não foi concluída."))
        self.summary.setText(
            translate_core(message)
            + "\n\n"
            + self.tr("Detalhes técnicos no registro: {path}").format(path=self._log_path)
        )
        self.summary.setStyleSheet("color: #a00;")
        self.summary.show()
        self.close_button.show()
        self.close_button.setFocus()
