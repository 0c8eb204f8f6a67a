"""The language of the interface: Brazilian Portuguese (the source language of every string)
or English, through the Qt Linguist catalogues in resources/translations.

The choice lives in the settings (Configurações → Idioma) and takes effect at the next launch.
"Automático" follows the system: Portuguese for a Portuguese (pt*) locale, English for an
English (en*) one, and Portuguese for any other, since Escola is made for Brazilian schools.
Qt's own texts (Sim/Não, the calendar) follow the same language.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from escola_gui.core.paths import resources_dir
from escola_gui.gui.exportar import SETTINGS_APPLICATION, SETTINGS_ORGANIZATION

log = logging.getLogger(__name__)

RESOURCES = resources_dir()
TRANSLATIONS = RESOURCES / "translations"
"""Where `make` puts the .qm files built from the .ts sources."""

LANGUAGE_KEY = "idioma"
AUTOMATIC = "auto"
PORTUGUESE = "pt_BR"
ENGLISH = "en"
CHOICES = (AUTOMATIC, PORTUGUESE, ENGLISH)

_installed: list[QTranslator] = []


def chosen() -> str:
    """What Configurações → Idioma says: AUTOMATIC, PORTUGUESE or ENGLISH."""
    value = QSettings(SETTINGS_ORGANIZATION, SETTINGS_APPLICATION).value(LANGUAGE_KEY, AUTOMATIC)
    return value if value in CHOICES else AUTOMATIC


def choose(choice: str) -> None:
    """Save ``choice`` for the next launch."""
    if choice not in CHOICES:
        raise ValueError(choice)
    QSettings(SETTINGS_ORGANIZATION, SETTINGS_APPLICATION).setValue(LANGUAGE_KEY, choice)


def effective(choice: str, system: QLocale | None = None) -> str:
    """The language a choice means on this machine: PORTUGUESE or ENGLISH."""
    if choice in (PORTUGUESE, ENGLISH):
        return choice
    name = (system or QLocale.system()).name()  # "pt_BR", "en_US", "C"...
    return ENGLISH if name.startswith("en") else PORTUGUESE


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translators of ``language`` (by default the saved choice), replacing any
    installed before, and make its locale the default. Returns the language in effect.

    A missing catalogue is logged and the interface stays in Portuguese, the source language.
    """
    language = effective(chosen() if language is None else language)
    uninstall(app)
    if language == ENGLISH:
        translator = QTranslator(app)
        if translator.load(str(TRANSLATIONS / "escola_en.qm")):
            _installed.append(translator)
        else:
            log.warning("%s not found (run `make`); the interface stays in Portuguese", TRANSLATIONS / "escola_en.qm")
            language = PORTUGUESE
    if language == ENGLISH:
        # Qt's own texts are English already.
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    else:
        locale = QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil)
        qtbase = QTranslator(app)
        if qtbase.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qtbase)
        else:
            log.info("Qt's own pt_BR translations were not found; standard texts stay in English")
    QLocale.setDefault(locale)
    for translator in _installed:
        app.installTranslator(translator)
    return language


def uninstall(app: QCoreApplication) -> None:
    """Remove the translators :func:`install` put in place (the strings fall back to Portuguese)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
