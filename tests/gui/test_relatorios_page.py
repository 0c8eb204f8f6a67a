"""The Relatórios page: the secretary picks a report and its aluno or turma, sees the preview and
saves the PDF, whose text is read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui import printing as reports
from escola_gui.gui.pages.relatorios import KIND_ROLE, RelatoriosPage, Tipo
from escola_gui.gui.printing import ReportPreviewDialog
from escola_gui.gui.toolkit import messages as toolkit_messages
from tests.core.test_relatorios import Turma, make_turma

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def turma(services: Services) -> Turma:
    return make_turma(services)


@pytest.fixture
def page(qtbot: QtBot, services: Services, turma: Turma) -> RelatoriosPage:
    page = RelatoriosPage(services.relatorios, services.turmas, services.alunos)
    qtbot.addWidget(page)
    page.resize(900, 560)
    page.refresh()
    page.show()
    qtbot.waitUntil(page.isVisible)
    return page


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (title, text) of every information box the page would show."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(toolkit_messages, "show_info", lambda _parent, title, text: shown.append((title, text)))
    return shown


def _click_report(qtbot: QtBot, page: RelatoriosPage, tipo: Tipo) -> None:
    row = next(r for r in range(page.report_list.count()) if page.report_list.item(r).data(KIND_ROLE) == tipo)
    rect = page.report_list.visualItemRect(page.report_list.item(row))
    qtbot.mouseClick(page.report_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current_tipo() is tipo


def _click_row(qtbot: QtBot, widget: QListWidget, text: str) -> None:
    item = next(widget.item(r) for r in range(widget.count()) if widget.item(r).text().startswith(text))
    rect = widget.visualItemRect(item)
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _search_aluno(qtbot: QtBot, page: RelatoriosPage, text: str, typed: str | None = None) -> None:
    """Type ``typed`` (ASCII: keyClicks crashes on accents) or set ``text`` in the search field,
    and wait until the list shows only alunos whose name starts with ``text``."""
    page.aluno_search.clear()
    if typed is not None:
        qtbot.keyClicks(page.aluno_search, typed)
    else:
        page.aluno_search.setText(text)

    def filtered() -> bool:
        names = [page.aluno_list.item(r).text() for r in range(page.aluno_list.count())]
        return bool(names) and all(name.startswith(text) for name in names)

    qtbot.waitUntil(filtered)


def _choose_turma(page: RelatoriosPage, turma: Turma) -> None:
    page.ano_combo.setCurrentIndex(page.ano_combo.findData(2026))
    page.turma_combo.setCurrentIndex(page.turma_combo.findData(turma.id))


def _open_preview(qtbot: QtBot, page: RelatoriosPage) -> ReportPreviewDialog:
    assert page.preview_button.isEnabled()
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    assert page.preview is not None
    return page.preview


def _save(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, page: RelatoriosPage, preview: ReportPreviewDialog, path: Path
) -> list[str]:
    """Save the PDF through the preview's button, the file picker answering ``path``."""
    suggested: list[str] = []

    def ask(_parent: QWidget | None, _title: str, name: str) -> str:
        suggested.append(name)
        return str(path)

    monkeypatch.setattr(reports, "ask_save_pdf", ask)
    with qtbot.waitSignal(page.pdf_saved) as saved:
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(reports.with_pdf_extension(path))]
    return suggested


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_visualizar_waits_for_a_target(qtbot: QtBot, page: RelatoriosPage, turma: Turma) -> None:
    # Given the page just opened: the boletim is chosen, no aluno yet
    assert page.current_tipo() is Tipo.BOLETIM
    assert not page.preview_button.isEnabled()
    assert "Escolha o aluno" in page.hint.text()
    assert page.aluno_list.count() == 4
    # When an aluno is picked, the button works and the year defaults to the current turma
    _click_row(qtbot, page.aluno_list, "Ana Souza")
    assert page.preview_button.isEnabled() and page.hint.text() == ""
    assert page.enturmacao_combo.currentText() == "2026 — 6º ano A"
    # A turma report asks for a turma instead
    _click_report(qtbot, page, Tipo.ATA)
    assert page.target_stack.currentIndex() == 1
    assert not page.preview_button.isEnabled()
    assert page.ano_combo.currentText() == "2026"
    assert page.turma_combo.currentIndex() == -1
    _choose_turma(page, turma)
    assert page.turma_combo.currentText() == "6º ano A — Matutino (2 alunos)"
    assert page.preview_button.isEnabled()
    # Back to an aluno report: the aluno chosen before is still chosen
    _click_report(qtbot, page, Tipo.HISTORICO)
    assert page.preview_button.isEnabled()
    assert not page.enturmacao_combo.isVisible()


def test_boletim_preview_saves_a_pdf_with_the_notas(
    qtbot: QtBot, page: RelatoriosPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Given the Boletim, and the aluno found by typing part of her name
    _click_report(qtbot, page, Tipo.BOLETIM)
    _search_aluno(qtbot, page, "Ana Souza", typed="Ana")
    _click_row(qtbot, page.aluno_list, "Ana Souza")
    # When the secretary opens the preview and saves it
    preview = _open_preview(qtbot, page)
    assert preview.windowTitle() == "Boletim escolar — visualizar e imprimir"
    suggested = _save(qtbot, monkeypatch, page, preview, tmp_path / "boletim-ana")
    # Then the PDF holds the school, the aluno, her notas and situação
    assert Path(suggested[0]).name == "boletim-ana-souza-2026.pdf"
    text = _pdf_text(tmp_path / "boletim-ana.pdf")
    for expected in ["EMEF Monteiro Lobato", "INEP 35012345", "Taubaté/SP", "Boletim escolar", "Ana Souza"]:
        assert expected in text
    for expected in ["Língua Portuguesa 7,0 8,0 6,5 9,0 7,6 8 95,0 % Aprovado", "Matemática 5,0 5,5 6,0 5,0 7,5 7,5"]:
        assert expected in text
    assert "97,5 % (8 faltas em 320 aulas)" in text and "Situação final Aprovado" in text
    qtbot.mouseClick(preview.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not preview.isVisible())


def test_boletins_da_turma_make_one_pdf(
    qtbot: QtBot, page: RelatoriosPage, turma: Turma, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _click_report(qtbot, page, Tipo.BOLETINS_TURMA)
    _choose_turma(page, turma)
    preview = _open_preview(qtbot, page)
    suggested = _save(qtbot, monkeypatch, page, preview, tmp_path / "turma.pdf")

    assert Path(suggested[0]).name == "boletins-6o-ano-a-2026.pdf"
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "turma.pdf").pages]
    # One page per aluno still in the turma, each with its header
    assert len(pages) == 2
    assert "Ana Souza" in pages[0] and "Aprovado" in pages[0] and "Bruno Lima" not in pages[0]
    assert "Bruno Lima" in pages[1] and "4,1" in pages[1] and "Retido" in pages[1]
    assert all("EMEF Monteiro Lobato" in p for p in pages)
    assert "Caio Prado" not in " ".join(pages)


def test_ata_is_landscape(
    qtbot: QtBot, page: RelatoriosPage, turma: Turma, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _click_report(qtbot, page, Tipo.ATA)
    _choose_turma(page, turma)
    preview = _open_preview(qtbot, page)
    _save(qtbot, monkeypatch, page, preview, tmp_path / "ata.pdf")

    reader = PdfReader(tmp_path / "ata.pdf")
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = _pdf_text(tmp_path / "ata.pdf")
    assert "Ata de resultados finais" in text
    assert "1 Ana Souza 00000001 7,6 7,5 97,5 % Aprovado" in text
    assert "2 Bruno Lima 00000002 4,1 6,0 100,0 % Retido" in text
    assert "Caio Prado" in text and "Transferido" in text and "Mudou de cidade" in text
    assert "Taubaté, " in text and "Secretário(a) escolar" in text and "Diretor(a)" in text


def test_historico_atestado_and_ficha_open_for_the_aluno(
    qtbot: QtBot, page: RelatoriosPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _click_row(qtbot, page.aluno_list, "Ana Souza")
    for tipo, title, expected in [
        (Tipo.HISTORICO, "Histórico escolar", "2026 6º ano Matemática 160 h 7,5 Aprovado"),
        (Tipo.ATESTADO, "Atestado de matrícula", "está regularmente matriculada no 6º ano, turma 6º ano A"),
        (Tipo.FICHA, "Ficha do aluno", "04/03/2014"),
    ]:
        _click_report(qtbot, page, tipo)
        preview = _open_preview(qtbot, page)
        path = tmp_path / f"{tipo.value}.pdf"
        _save(qtbot, monkeypatch, page, preview, path)
        text = _pdf_text(path)
        assert title in text and "Ana Souza" in text and expected in text, text
        assert "EMEF Monteiro Lobato" in text
        preview.close_button.click()
        qtbot.waitUntil(lambda preview=preview: not preview.isVisible())


def test_nothing_to_print_is_told(
    qtbot: QtBot,
    page: RelatoriosPage,
    services: Services,
    turma: Turma,
    messages: list[tuple[str, str]],
) -> None:
    # An aluno in no turma: the boletim says so, in Portuguese, and no preview opens
    _search_aluno(qtbot, page, "Davi Reis")
    _click_row(qtbot, page.aluno_list, "Davi Reis")
    assert not page.enturmacao_combo.isEnabled()
    assert page.enturmacao_combo.placeholderText() == "Não está em nenhuma turma"
    page.preview_button.click()
    assert messages == [("Boletim escolar", "Davi Reis não está em nenhuma turma; não há boletim para imprimir.")]
    # The atestado of an aluno who was transferred
    _search_aluno(qtbot, page, "Caio Prado")
    _click_row(qtbot, page.aluno_list, "Caio Prado")
    _click_report(qtbot, page, Tipo.ATESTADO)
    page.preview_button.click()
    assert messages[-1][0] == "Atestado de matrícula"
    assert "Caio Prado não está em nenhuma turma de um ano letivo em andamento" in messages[-1][1]
    # A turma without alunos
    vazia = services.turmas.create(TurmaData(turma.ano_letivo_id, "6º ano B", "6º ano", "vespertino"))
    page.refresh()
    _click_report(qtbot, page, Tipo.BOLETINS_TURMA)
    page.turma_combo.setCurrentIndex(page.turma_combo.findData(vazia))
    page.preview_button.click()
    assert messages[-1] == ("Boletins da turma", "A turma 6º ano B não tem alunos; não há boletins para imprimir.")
    assert page.findChildren(ReportPreviewDialog) == []


def test_no_turmas_no_alunos(qtbot: QtBot, services: Services) -> None:
    # Given an empty file
    page = RelatoriosPage(services.relatorios, services.turmas, services.alunos)
    qtbot.addWidget(page)
    page.refresh()
    assert page.alunos_note.text() == "Nenhum aluno cadastrado."
    page.select_report(Tipo.ATA)
    assert not page.preview_button.isEnabled()
    assert not page.turma_combo.isEnabled() and not page.ano_combo.isEnabled()
    assert page.turma_combo.placeholderText() == "Nenhuma turma cadastrada"
    assert "Não há turmas cadastradas" in page.hint.text()
    page.visualizar()  # a disabled button does nothing, even when called
    assert page.preview is None


def test_refresh_keeps_the_choice_and_sees_new_alunos(
    qtbot: QtBot, page: RelatoriosPage, services: Services, turma: Turma
) -> None:
    _click_row(qtbot, page.aluno_list, "Bruno Lima")
    page.select_report(Tipo.ATA)
    _choose_turma(page, turma)
    services.alunos.create(AlunoData(nome="Eva Nunes", ativo=False))
    page.refresh()
    assert page.selected_aluno_id() == turma.bruno
    assert page.selected_turma_id() == turma.id
    assert any(
        page.aluno_list.item(r).text() == "Eva Nunes — RA 00000005 (inativo)" for r in range(page.aluno_list.count())
    )


def test_deleted_aluno_is_reported(
    qtbot: QtBot, page: RelatoriosPage, services: Services, turma: Turma, errors: list[tuple[str, str]]
) -> None:
    _click_row(qtbot, page.aluno_list, "Davi Reis")
    page.select_report(Tipo.HISTORICO)
    services.alunos.delete(turma.sem_turma)
    page.preview_button.click()
    assert errors == [("Histórico escolar", "Este aluno não existe mais; talvez tenha sido excluído.")]
    assert page.aluno_list.count() == 3 and not page.preview_button.isEnabled()


def test_the_lists_are_sound_models(qtbot: QtBot, page: RelatoriosPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.report_list.model())
    qtmodeltester.check(page.aluno_list.model())
    qtmodeltester.check(page.turma_combo.model())
