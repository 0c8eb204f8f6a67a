"""Where Escola keeps what it remembers between sessions: the window's geometry, the language,
the last spreadsheet folder, the import's column mappings, the Primeiros passos dismissed.

Every module asks :func:`settings` for the store, so that all of them read and write the same
one (organization and application "Escola").
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

SETTINGS_ORGANIZATION = "Escola"
SETTINGS_APPLICATION = "Escola"


def settings() -> QSettings:
    """Escola's settings store (the registry on Windows, an .ini file elsewhere)."""
    return QSettings(SETTINGS_ORGANIZATION, SETTINGS_APPLICATION)
