"""What the views tell the user and ask them: the message boxes, the busy cursor, and the
report of an error nobody expected.

Every box goes through a function of this module, called through the module
(``messages.ask_yes_no(...)``, never a name imported from it), so that tests replace it with
``monkeypatch.setattr(messages, "ask_yes_no", ...)`` and every caller sees the replacement.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from escola_gui.core.errors import EscolaError
from escola_gui.gui.toolkit import read_only
from escola_gui.gui.toolkit.text import translate_core

_log = logging.getLogger(__name__)


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


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """A blocking error box."""
    QMessageBox.critical(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """A blocking information box with an OK button."""
    QMessageBox.information(parent, title, text)


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


# --- errors -----------------------------------------------------------------------------


def run_guarded(parent: QWidget, operation: Callable[[], object], on_missing: Callable[[], object]) -> bool:
    """Run ``operation``; True when it succeeded.

    A record deleted meanwhile (another window, another page) is said plainly and then
    ``on_missing`` runs (usually the page's refresh); an EscolaError (a full disk) shows its
    Portuguese message; anything else is logged and reported without a traceback.
    """
    # Imported here: the launch shows its boxes before the data core (SQLAlchemy) is loaded.
    from escola_gui.core.errors import RecordNotFoundError

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


def report_unexpected_error(parent: QWidget | None) -> None:
    """Log the exception being handled and tell the user, in Portuguese, without a traceback.

    Call it from an ``except`` block. A write refused because the file is open read-only is
    no bug: the user reads that the file is read-only. Nor is an EscolaError (a full disk,
    say): its own message, which says what to do and what was kept, is shown instead.
    """
    # Imported here: the launch shows its boxes before the data core (SQLAlchemy) is loaded.
    from escola_gui.core.db import is_read_only_error

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
            exc.translated(translate_core),
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


# --- the busy cursor --------------------------------------------------------------------


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    """Show the busy cursor while the block runs (reading a file, checking it against the database)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
