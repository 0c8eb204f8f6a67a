"""Text in the user's language: the one short name for ``QCoreApplication.translate``, and the
translation of what the core says (its errors, messages and validation texts).

Every module of the views that translates outside a QObject calls :func:`translate` with its
own context string (``translate("ImportDialog", "1 novo")``); lupdate reads these calls as it
reads ``QCoreApplication.translate`` (see the Makefile's ``translations`` target). A QObject
subclass keeps using ``self.tr()``, whose context is its class name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from escola_gui.core.errors import EscolaError, Message
from escola_gui.core.validation import TRANSLATION_CONTEXT

CORE_CONTEXT = "core"
"""The context of the core's messages and errors (see EscolaError.translated)."""


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the user's language, from the catalogue's ``context``; ``n`` picks a plural form."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def translate_core(text: str) -> str:
    """Core messages are Portuguese source strings; translate them in the "core" context."""
    return QCoreApplication.translate(CORE_CONTEXT, text)


def translate_error(error: EscolaError | Message) -> str:
    """A core error (or message) in the user's language: its template translated in the "core"
    context and filled with its values (see EscolaError.translated)."""
    if isinstance(error, Message):
        return error.format(translate_core)
    return error.translated(translate_core)


def translate_validation(message: str) -> str:
    """Show a core validation message in the user's language (see ``core/validation.py``)."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, message)
