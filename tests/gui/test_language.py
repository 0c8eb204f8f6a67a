"""The interface language: Portuguese by default, English from resources/translations, chosen
in Configurações and used from the next launch."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from escola_gui import __version__
from escola_gui.core.database_info import DatabaseInfo
from escola_gui.core.errors import (
    SAVING,
    UPGRADING,
    DatabaseInUseError,
    DiskFullError,
    EscolaError,
    NotEnoughSpaceError,
)
from escola_gui.core.relatorios.textos import TRANSLATION_CONTEXT
from escola_gui.core.services import Services
from escola_gui.gui.launch import launcher as app_module
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import language, messages
from escola_gui.gui.toolkit.settings import settings
from escola_gui.gui.toolkit.text import translate_error, translate_validation
from escola_gui.storage.file.launch_check import Classification, DatabaseState
from escola_gui.storage.file.restore import RestoreRefusedError, restore
from escola_gui.storage.file.upgrade import refusal

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "escola_en.ts"


@pytest.fixture
def translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Path]:
    """The English catalogue built from the committed .ts by lrelease, as `make` builds it;
    afterwards no translator is left installed and the default locale is as it was."""
    lrelease = Path(PySide6.__file__).parent / "lrelease"
    subprocess.run(
        [str(lrelease), "-silent", "-nounfinished", str(TS), "-qm", str(tmp_path / "escola_en.qm")], check=True
    )
    monkeypatch.setattr(language, "TRANSLATIONS", tmp_path)
    locale = QLocale()
    yield tmp_path
    language.uninstall(qapp)
    QLocale.setDefault(locale)


def _open_window(qtbot: QtBot, services: Services, info: DatabaseInfo) -> MainWindow:
    window = MainWindow(services, info)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.isVisible)
    return window


def _sidebar(window: MainWindow) -> list[str]:
    return [window.navegacao.item(row).text() for row in range(window.navegacao.count())]


def _menus(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _buttons(widget: MainWindow) -> set[str]:
    return {button.text() for button in widget.findChildren(QPushButton)}


def test_english_and_back_to_portuguese(
    qtbot: QtBot, qapp: QApplication, translations: Path, services: Services, info: DatabaseInfo
) -> None:
    assert language.install(qapp, language.ENGLISH) == language.ENGLISH
    english = _open_window(qtbot, services, info)
    assert _sidebar(english) == [
        "Students",
        "Classes",
        "Grades",
        "Attendance",
        "Reports",
        "Courses",
        "Course enrollments",
        "Settings",
        "Trash",
    ]
    assert _menus(english) == ["&File", "&Edit", "&Reports", "&Help"]
    assert {"New", "Edit", "Delete"} <= _buttons(english.alunos_tab)
    assert english.configuracoes_page.tabs.tabText(0) == "School"
    assert QLocale().language() == QLocale.Language.English
    # The core's marked texts too (Turno, Situação...), but printed school documents stay Portuguese.
    assert translate_validation("Matutino") == "Morning"
    assert QCoreApplication.translate(TRANSLATION_CONTEXT, "Aprovado") == "Aprovado"

    assert language.install(qapp, language.PORTUGUESE) == language.PORTUGUESE
    portuguese = _open_window(qtbot, services, info)
    assert _sidebar(portuguese)[:3] == ["Alunos", "Turmas", "Notas"]
    assert _menus(portuguese)[0] == "&Arquivo"
    assert {"Novo", "Editar", "Excluir"} <= _buttons(portuguese.alunos_tab)
    assert QLocale().name() == "pt_BR"


def test_the_choice_in_configuracoes_is_saved_and_used_at_the_next_launch(
    qtbot: QtBot, qapp: QApplication, translations: Path, services: Services, info: DatabaseInfo
) -> None:
    window = _open_window(qtbot, services, info)
    combo = window.configuracoes_page.idioma
    assert combo.currentData() == language.AUTOMATIC  # nothing chosen yet
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Automático (do sistema)",
        "Português (Brasil)",
        "English",
    ]

    combo.setCurrentIndex(combo.findData(language.ENGLISH))

    assert settings().value(language.LANGUAGE_KEY) == "en"
    assert _sidebar(window)[0] == "Alunos"  # this session stays as it was
    # The next launch installs the translations the way run_gui does.
    app_module.install_qt_translations(qapp)
    next_launch = _open_window(qtbot, services, info)
    assert _sidebar(next_launch)[0] == "Students"
    assert next_launch.configuracoes_page.idioma.currentText() == "English"

    next_launch.configuracoes_page.idioma.setCurrentIndex(0)
    assert language.chosen() == language.AUTOMATIC


@pytest.mark.parametrize(
    ("system", "expected"),
    [("pt_BR", "pt_BR"), ("pt_PT", "pt_BR"), ("en_US", "en"), ("en_GB", "en"), ("fr_FR", "pt_BR"), ("C", "pt_BR")],
)
def test_automatico_follows_the_system_and_is_portuguese_otherwise(system: str, expected: str) -> None:
    assert language.effective(language.AUTOMATIC, QLocale(system)) == expected
    assert language.effective(language.ENGLISH, QLocale(system)) == "en"
    assert language.effective(language.PORTUGUESE, QLocale(system)) == "pt_BR"


def test_a_missing_catalogue_leaves_the_interface_in_portuguese(
    qapp: QApplication, translations: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(language, "TRANSLATIONS", tmp_path / "nowhere")
    assert language.install(qapp, language.ENGLISH) == language.PORTUGUESE


def test_every_translation_keeps_the_placeholders_markup_and_one_accelerator() -> None:
    """{name}, %1, %n, tags and & survive translation, or the English text breaks at runtime."""

    def marks(text: str) -> tuple[object, ...]:
        return (
            sorted(re.findall(r"\{\w*\}|%\d|%n", text)),
            sorted(re.findall(r"</?\w+>", text)),
            text.count("&") - 2 * text.count("&&"),
            text.count("\n"),
        )

    checked = 0
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            if form:
                assert marks(form) == marks(source), (source, form)
                checked += 1
    assert checked > 900


def _core_errors(tmp_path: Path) -> list[EscolaError]:
    """Errors the GUI shows, made the way the core makes them (a real refused restore among them)."""
    database = tmp_path / "escola.sqlite3"
    errors: list[EscolaError] = [
        DiskFullError(tmp_path, SAVING),
        NotEnoughSpaceError(tmp_path, 5 * 1024 * 1024, 1024 * 1024, UPGRADING),
        DatabaseInUseError(database, 4321),
    ]
    with pytest.raises(RestoreRefusedError) as refused:
        restore(database, tmp_path / "sumiu.sqlite3")
    errors.append(refused.value)
    return errors


def test_core_errors_follow_the_language_with_their_values(
    qapp: QApplication, translations: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = _core_errors(tmp_path)
    portuguese = [translate_error(error) for error in errors]
    assert portuguese == [error.user_message for error in errors]
    assert portuguese[0].startswith(f"O disco está cheio: não houve espaço em {tmp_path} para gravar as alterações.")

    assert language.install(qapp, language.ENGLISH) == language.ENGLISH
    english = [translate_error(error) for error in errors]
    assert english == [
        f"The disk is full: there was no room in {tmp_path} to save the changes. Free some disk space (delete files "
        "you do not need or empty the trash) and try again. The changes were not saved; what was already saved is "
        "as it was.",
        f"Not enough disk space in {tmp_path} to upgrade the data file: 5,0 MB must be free and there is 1,0 MB. "
        "Free some disk space (delete files you do not need or empty the trash) and try again. Nothing was changed.",
        f"The file {tmp_path / 'escola.sqlite3'} is already open in another Escola window (process 4321). Close the "
        "other window before opening it again.",
        f"The backup {tmp_path / 'sumiu.sqlite3'} cannot be restored: the file does not exist. The data file was not "
        "changed.",
    ]
    newer = Classification(tmp_path / "n.sqlite3", DatabaseState.NEWER, "0099", "0012", written_by="9.0.0")
    assert translate_error(refusal(newer)) == (
        f"The file {tmp_path / 'n.sqlite3'} was written by a newer version of Escola (revision 0099). "
        f"This is version {__version__}. To open it, install Escola 9.0.0 or newer. The file was not changed."
    )

    # An EscolaError reaching report_unexpected_error (a full disk while saving) is shown in English too.
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, title, text: shown.append(text))
    try:
        raise errors[0]
    except EscolaError:
        messages.report_unexpected_error(None)
    assert shown == [english[0]]

    language.uninstall(qapp)
    assert [translate_error(error) for error in errors] == portuguese
