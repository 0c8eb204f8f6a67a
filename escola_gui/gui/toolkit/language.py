"""The language of the interface: Brazilian Portuguese (the source language of every string)
or English, through the Qt Linguist catalogues in resources/translations.

The choice lives in the settings (Configurações → Idioma) and takes effect at the next launch.
"Automático" follows the system: Portuguese for a Portuguese (pt*) locale, English for an
English (en*) one, and Portuguese for any other, since Escola is made for Brazilian schools.
Qt's own texts (Sim/Não, the calendar, the file and print dialogs) follow the same language:
Qt's qtbase_pt_BR catalogue, completed by :data:`QT_GAPS_PT_BR` where it lacks a text.
In Portuguese, escola_pt_BR holds only the plural forms of the "%n" texts ("1 nota", "2 notas"):
Qt picks a %n form only through a catalogue, and without one the source "%n nota(s)" shows.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from escola_gui.core.paths import resources_dir
from escola_gui.gui.toolkit.settings import settings

log = logging.getLogger(__name__)

RESOURCES = resources_dir()
TRANSLATIONS = RESOURCES / "translations"
"""Where `make` puts the .qm files built from the .ts sources."""

LANGUAGE_KEY = "idioma"
AUTOMATIC = "auto"
PORTUGUESE = "pt_BR"
ENGLISH = "en"
CHOICES = (AUTOMATIC, PORTUGUESE, ENGLISH)

QT_GAPS_PT_BR = {
    ("QFileDialog", "&Look in:"): "&Procurar em:",
    ("QFileDialog", "Files of &type:"): "Arquivos do &tipo:",
    ("QPrintSettingsOutput", "Page &Set:"): "&Conjunto de páginas:",
}
"""Texts of Qt's own dialogs that Qt's pt_BR catalogue does not translate: Qt 6 gave these
sources an accelerator ("Look in:" became "&Look in:"), and the catalogue still has only the
old ones. Found by asking which (context, text) pairs reached no translation while the file,
message, print and calendar widgets were built (tests/gui/test_portuguese_everywhere.py)."""

_installed: list[QTranslator] = []


class QtGapsTranslator(QTranslator):
    """Portuguese for the few Qt texts of :data:`QT_GAPS_PT_BR`; nothing for any other text.

    Installed before Qt's catalogue, so it is asked last, only for a text nobody translated.
    """

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None is Qt's null string: "no translation here" (an empty string would blank the text).
        return QT_GAPS_PT_BR.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def chosen() -> str:
    """What Configurações → Idioma says: AUTOMATIC, PORTUGUESE or ENGLISH."""
    value = settings().value(LANGUAGE_KEY, AUTOMATIC)
    return value if value in CHOICES else AUTOMATIC


def choose(choice: str) -> None:
    """Save ``choice`` for the next launch."""
    if choice not in CHOICES:
        raise ValueError(choice)
    settings().setValue(LANGUAGE_KEY, choice)


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
        _installed.append(QtGapsTranslator(app))  # installed first: asked after Qt's catalogue
        plurals = QTranslator(app)
        if plurals.load(str(TRANSLATIONS / "escola_pt_BR.qm")):
            _installed.append(plurals)
        else:
            log.warning("%s not found (run `make`); counts keep their (s) plurals", TRANSLATIONS / "escola_pt_BR.qm")
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
