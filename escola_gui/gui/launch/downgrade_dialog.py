"""Arquivo → Voltar para uma versão anterior…: choose the release, see what the file will
lose, and then watch the downgrade run off the GUI thread.

:class:`DowngradeDialog` only chooses (and shows the plan): the main window emits
``downgrade_requested`` with the version, and the :class:`~escola_gui.gui.launch.launcher.Launcher`, which
holds the file's lock, closes the engine and runs :func:`escola_gui.storage.file.downgrade.downgrade_to`
in a :class:`DowngradeProgressDialog`. After a downgrade Escola closes, so the older version
can be installed or opened; after a failure the file is as it was and the window usable again.
"""

from __future__ import annotations

import gc
import html
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.errors import EscolaError
from escola_gui.core.paths import backups_dir
from escola_gui.gui.toolkit.messages import wait_cursor
from escola_gui.gui.toolkit.text import translate_core, translate_error
from escola_gui.storage.file.downgrade import DowngradePlan, DowngradeResult, downgrade_to, plan_downgrade
from escola_gui.storage.migrations import Step
from escola_gui.storage.releases import earlier_releases

log = logging.getLogger(__name__)

VERSION_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_STYLE = "color: #b3261e;"
# The list of losses grows the dialog up to this height; a longer one scrolls.
LOSSES_MAX_HEIGHT = 340


class DowngradeDialog(QDialog):
    """The earlier releases, newest first; for the chosen one, what the file will lose."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._plans: dict[str, DowngradePlan | str] = {}  # version → plan, or why there is none
        self.chosen: str | None = None
        self.setWindowTitle(self.tr("Voltar para uma versão anterior"))
        self.setMinimumWidth(560)

        intro = QLabel(
            self.tr(
                "Leva o arquivo de dados de volta ao formato de uma versão anterior do Escola, para usá-lo com ela. "
                "O que essa versão não tem onde guardar sai do arquivo."
            ),
            objectName="intro",
        )
        intro.setWordWrap(True)
        self.versions = QListWidget(objectName="versoes")
        self.versions.setAccessibleName(self.tr("Versões anteriores"))
        for release in earlier_releases():
            item = QListWidgetItem(self.tr("Escola {version}").format(version=release.version))
            item.setData(VERSION_ROLE, release.version)
            self.versions.addItem(item)
        self.versions.setFixedHeight(
            self.versions.sizeHintForRow(0) * max(self.versions.count(), 2) + 2 * self.versions.frameWidth() + 4
        )
        self.losses = QLabel(objectName="perdas")
        self.losses.setWordWrap(True)
        self.losses.setTextFormat(Qt.TextFormat.RichText)
        self.losses.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.losses.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # A long list scrolls instead of growing the dialog past the screen.
        self.losses_area = QScrollArea(objectName="perdas_area")
        self.losses_area.setWidget(self.losses)
        self.losses_area.setWidgetResizable(True)
        self.losses_area.setFrameShape(QFrame.Shape.NoFrame)
        self.losses_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.backup_note = QLabel(
            self.tr(
                "Antes, uma cópia de segurança fixa do arquivo é feita em {folder}; ela nunca é apagada pela "
                "rotação e guarda tudo o que sair do arquivo."
            ).format(folder=backups_dir(database)),
            objectName="copia",
        )
        self.backup_note.setWordWrap(True)
        self.closing_note = QLabel(objectName="fechamento")
        self.closing_note.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.downgrade_button = QPushButton(self.tr("Voltar e fechar"), objectName="voltar")
        self.cancel_button = QPushButton(self.tr("Cancelar"), objectName="cancelar")
        self.buttons.addButton(self.downgrade_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.downgrade_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Versão:")))
        layout.addWidget(self.versions)
        layout.addWidget(self.losses_area, 1)
        for widget in (self.backup_note, self.closing_note):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        # Enter must never downgrade: Cancelar is the default. Set once the buttons are in the
        # dialog; set before, the dialog does not know it and makes the first button (Voltar) the default.
        self.cancel_button.setDefault(True)
        self.resize(600, 0)

        self.versions.currentItemChanged.connect(self._show_plan)
        if self.versions.count():
            self.versions.setCurrentRow(0)
        else:
            self._show_plan(None)

    def selected_version(self) -> str | None:
        item = self.versions.currentItem()
        return None if item is None else item.data(VERSION_ROLE)

    def _plan(self, version: str) -> DowngradePlan | str:
        if version not in self._plans:
            try:
                with wait_cursor():
                    self._plans[version] = plan_downgrade(self._database, version)
            except EscolaError as exc:
                self._plans[version] = translate_error(exc)
            except Exception:
                log.exception("planning the downgrade of %s to %s failed", self._database, version)
                self._plans[version] = self.tr("Não foi possível ver o que o arquivo perderia (detalhes no registro).")
        return self._plans[version]

    @Slot()
    def _show_plan(self, *_args: object) -> None:
        version = self.selected_version()
        if version is None:
            self.losses.setStyleSheet(ERROR_STYLE)
            self.losses.setText(html.escape(self.tr("Não há versão anterior para a qual este arquivo possa voltar.")))
            self.closing_note.clear()
            self.downgrade_button.setEnabled(False)
            return
        plan = self._plan(version)
        if isinstance(plan, str):
            self.losses.setStyleSheet(ERROR_STYLE)
            self.losses.setText(html.escape(plan))
            self.downgrade_button.setEnabled(False)
        else:
            self.losses.setStyleSheet("")
            if plan.losses:
                title = self.tr("Para voltar ao Escola {version}, o arquivo vai perder:").format(version=version)
                items = "".join(f"<li>{html.escape(translate_core(line))}</li>" for line in plan.losses)
                self.losses.setText(f"<p><b>{html.escape(title)}</b></p><ul>{items}</ul>")
            else:
                text = self.tr("Para voltar ao Escola {version}, nenhum dado sai do arquivo.").format(version=version)
                self.losses.setText(f"<p><b>{html.escape(text)}</b></p>")
            self.downgrade_button.setEnabled(True)
        self.closing_note.setText(
            self.tr(
                "Depois, o Escola fecha, para que você instale ou abra o Escola {version} e continue com ele."
            ).format(version=version)
        )
        width = self.width() - 2 * self.layout().contentsMargins().left()
        self.losses_area.setMinimumHeight(min(max(self.losses.heightForWidth(width), 0), LOSSES_MAX_HEIGHT))
        self.resize(self.width(), self.sizeHint().height())

    def accept(self) -> None:
        """``accept()`` of QDialog: remember the chosen version."""
        self.chosen = self.selected_version()
        super().accept()


class DowngradeWorker(QObject):
    """Runs downgrade_to() in a worker thread and reports through signals."""

    step_started = Signal(object)  # Step
    succeeded = Signal(object)  # DowngradeResult
    failed = Signal(str)  # the user's message

    def __init__(self, database: Path, version: str) -> None:
        super().__init__()
        self._database = database
        self._version = version

    @Slot()
    def run(self) -> None:
        try:
            result = downgrade_to(self._database, self._version, self.step_started.emit)
        except EscolaError as exc:
            self.failed.emit(translate_error(exc))
        except Exception as exc:  # a bug: the log has the traceback
            log.exception("unexpected error while downgrading %s", self._database)
            self.failed.emit(str(exc))
        else:
            self.succeeded.emit(result)


class DowngradeProgressDialog(QDialog):
    """Names each revision as it is undone; then where the backup is and which version to
    open (accept: Escola closes), or why it failed (reject: the file is as it was)."""

    def __init__(self, database: Path, version: str, log_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._log_path = log_path
        self.version = version
        self.result_value: DowngradeResult | None = None
        self.error_message: str | None = None
        self.setWindowTitle(self.tr("Voltando para o Escola {version}").format(version=version))
        self.setModal(True)
        self.setMinimumWidth(600)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)

        self.status = QLabel(self.tr("Fazendo a cópia de segurança…"), objectName="status")
        self.status.setWordWrap(True)
        font = self.status.font()
        font.setBold(True)
        self.status.setFont(font)
        self.bar = QProgressBar(objectName="progresso")
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.message = QLabel(objectName="mensagem")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.buttons = QDialogButtonBox()
        self.quit_button = QPushButton(self.tr("Fechar o Escola"), objectName="fechar_escola")
        self.close_button = QPushButton(self.tr("Fechar"), objectName="fechar")
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.hide()
        self.close_button.hide()
        self.quit_button.clicked.connect(self.accept)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (self.status, self.bar, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._thread = QThread(self)
        self._worker = DowngradeWorker(database, version)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.step_started.connect(self._on_step)
        self._worker.succeeded.connect(self._on_success)
        self._worker.failed.connect(self._on_failure)
        self._worker.succeeded.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.failed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        # As in UpgradeDialog.start(): the cyclic collector must not run in the worker, where
        # it could finalize Qt objects of the GUI thread.
        gc.collect()
        gc.disable()
        self._thread.finished.connect(gc.enable)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def reject(self) -> None:
        """``reject()`` of QDialog: Esc does nothing while the downgrade runs, nor once it is
        done (only "Fechar o Escola" closes then)."""
        if self.running or self.result_value is not None:
            return
        super().reject()

    @Slot(object)
    def _on_step(self, step: Step) -> None:
        self.bar.setRange(0, step.total)
        self.bar.setValue(step.number - 1)
        self.status.setText(
            self.tr("Revisão {n} de {total}: {descricao}").format(
                n=step.number, total=step.total, descricao=translate_core(step.descricao)
            )
        )

    def _show_message(self, rich_text: str, button: QPushButton) -> None:
        self.message.setText(rich_text)
        self.message.show()
        button.show()
        button.setDefault(True)
        button.setFocus()
        layout = self.layout()
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()  # the label was hidden: no width yet
        self.message.setMinimumHeight(max(self.message.heightForWidth(width), 0))
        layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        layout.activate()
        self.buttons.layout().activate()

    @Slot(object)
    def _on_success(self, result: DowngradeResult) -> None:
        self._thread.wait()
        self.result_value = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.setText(self.tr("O arquivo voltou para o Escola {version}.").format(version=self.version))
        paragraphs = [
            self.tr(
                "Cópia de segurança do arquivo como estava antes (fixa, nunca apagada pela rotação): {path}"
            ).format(path=result.backup),
            self.tr(
                "Agora o Escola fecha. Instale ou abra o Escola {version} para continuar a usar este arquivo "
                "({database})."
            ).format(version=self.version, database=result.plan.path),
        ]
        self._show_message("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs), self.quit_button)

    @Slot(str)
    def _on_failure(self, message: str) -> None:
        self._thread.wait()
        self.error_message = message
        self.bar.hide()
        self.status.setText(self.tr("O arquivo não voltou para o Escola {version}.").format(version=self.version))
        details = self.tr("Detalhes técnicos no registro: {path}").format(path=self._log_path)
        self.message.setStyleSheet(ERROR_STYLE)
        paragraphs = (html.escape(text) for text in (translate_core(message), details))
        self._show_message("".join(f"<p>{p}</p>" for p in paragraphs), self.close_button)
