"""One language at a time: Qt's own dialogs speak Portuguese in Portuguese mode, the printed
documents stay Portuguese in English mode, and the período names follow the interface."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from escola_gui.core.relatorios import CabecalhoEscola, Documento, Secao, Tabela
from escola_gui.core.services import Services
from escola_gui.gui.pages.diario.notas import NotasModel
from escola_gui.gui.pages.diario.page import FrequenciaPage, NotasPage
from escola_gui.gui.printing import document_html
from escola_gui.gui.toolkit import language
from tests.gui.test_diario import _make_turma, _show
from tests.gui.test_language import translations  # noqa: F401 - the English catalogue fixture


class _Untranslated(QTranslator):
    """Installed first, so asked last: records the texts of Qt's classes nobody translated."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[str, str]] = set()

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        if context.startswith(("QFileDialog", "QMessageBox", "QPlatformTheme", "QDialogButtonBox", "QPrint")):
            self.seen.add((context, source_text))
        return None  # Qt's null string: no translation

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def _file_dialog(qtbot: QtBot, mode: QFileDialog.AcceptMode) -> QFileDialog:
    # Qt's own widget dialog: the one Linux shows without a desktop theme (and Windows never does).
    dialog = QFileDialog(None, "Importar alunos", str(Path.home()), "Planilhas (*.csv *.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_qt_file_dialog_and_message_box_speak_portuguese(qapp: QApplication, qtbot: QtBot) -> None:
    untranslated = _Untranslated()
    qapp.installTranslator(untranslated)  # before language.install: asked after its catalogues
    locale = QLocale()
    try:
        assert language.install(qapp, language.PORTUGUESE) == language.PORTUGUESE

        opening = _file_dialog(qtbot, QFileDialog.AcceptMode.AcceptOpen)
        labels = {label.text() for label in opening.findChildren(QLabel) if label.text()}
        assert {"&Procurar em:", "&Nome do arquivo:", "Arquivos do &tipo:"} <= labels, labels
        buttons = {button.text() for button in opening.findChildren(QPushButton)}
        assert {"&Abrir", "Cancelar"} <= buttons, buttons
        saving = _file_dialog(qtbot, QFileDialog.AcceptMode.AcceptSave)
        assert "&Salvar" in {button.text() for button in saving.findChildren(QPushButton)}

        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Excluir",
            "Excluir o aluno?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
        )
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        assert {button.text() for button in box.buttons()} == {"&Sim", "&Não", "Cancelar"}
        standard = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Discard)
        qtbot.addWidget(standard)
        assert {button.text() for button in standard.buttons()} == {"Salvar", "Descartar"}

        assert untranslated.seen == set(), "Qt texts left in English"
    finally:
        language.uninstall(qapp)
        qapp.removeTranslator(untranslated)
        QLocale.setDefault(locale)


def _boletim(escola: CabecalhoEscola) -> Documento:
    tabela = Tabela(("Disciplina", "1º bim.", "Média"), (("Matemática", "7,5", "7,5"),), "Nada.")
    return Documento(
        titulo="Boletim escolar",
        emitido_em=date(2026, 11, 24),
        secoes=(Secao("Notas e faltas", tabela=tabela),),
        nome_arquivo="boletim",
        escola=escola,
    )


def test_the_portuguese_boletim_stays_portuguese_in_english_mode(
    qapp: QApplication,
    translations: Path,  # noqa: F811 - the fixture imported above
) -> None:
    assert language.install(qapp, language.ENGLISH) == language.ENGLISH

    page = document_html(_boletim(CabecalhoEscola(nome="EMEF Monteiro Lobato")))
    assert "Emitido em 24/11/2026" in page and "Issued on" not in page
    assert "Boletim escolar" in page
    anonymous = document_html(_boletim(CabecalhoEscola()))
    assert "· Secretaria" in anonymous and "Secretariat" not in anonymous and "Office" not in anonymous


def test_in_english_the_periodos_are_named_in_english(
    qapp: QApplication,
    qtbot: QtBot,
    services: Services,
    translations: Path,  # noqa: F811 - the fixture imported above
) -> None:
    assert language.install(qapp, language.ENGLISH) == language.ENGLISH
    _make_turma(services)

    frequencia = FrequenciaPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, frequencia)
    periodos = [frequencia.periodo_combo.itemText(i) for i in range(frequencia.periodo_combo.count())]
    assert periodos == ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"]

    notas = NotasPage(services.turmas, services.anos_letivos, services.diario)
    _show(qtbot, notas)
    model = notas.model
    assert isinstance(model, NotasModel)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Q1"
    tooltip = model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Quarter 1" in tooltip and "bimestre" not in tooltip

    # Trimestres too; a name that is not a standard one stays as it is.
    from escola_gui.gui.pages.diario import nome_do_periodo_traduzido

    assert nome_do_periodo_traduzido("2º trimestre") == "Trimester 2"
    assert nome_do_periodo_traduzido("Recesso") == "Recesso"
    language.uninstall(qapp)
    assert nome_do_periodo_traduzido("1º bimestre") == "1º bimestre"
