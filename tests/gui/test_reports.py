"""The ficha do aluno from the Alunos tab and the Relatórios menu, down to the text of the PDF;
then the layout any report gets: the school's header, cadernos, landscape, column widths, and
titles and signatures kept with what goes with them."""

from __future__ import annotations

import re
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.relatorios import CabecalhoEscola, Caderno, Documento, Secao, Tabela, Texto, ficha_do_aluno
from escola_gui.core.services import Services
from escola_gui.gui import printing as reports
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.record_list import RecordTab
from escola_gui.gui.printing import ReportPreviewDialog, document_html, is_landscape, render, save_pdf
from tests.helpers.records import insert_matricula_without_date

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NOME = 'Ana "Aninha" <Souza> & Cia'


@pytest.fixture
def aluno_id(services: Services, head_db: Path) -> int:
    """An aluno with a name that needs escaping, a CPF, a NIS, census categories, a phone and two
    matrículas, one without a date."""
    aluno = services.alunos.create(
        AlunoData(
            nome=NOME,
            cpf="52998224725",
            data_nascimento=date(2010, 3, 4),
            telefones=("(11) 98765-4321",),
            sexo="F",
            cor_raca="parda",
            nis="46952280637",
        )
    )
    ingles = services.cursos.create(CursoData(nome="Inglês básico"))
    musica = services.cursos.create(CursoData(nome="Música"))
    services.matriculas.create(aluno, ingles, date(2024, 3, 10))
    insert_matricula_without_date(head_db, aluno, musica)
    return aluno


@pytest.fixture
def window(window: MainWindow, aluno_id: int) -> MainWindow:
    """The shared main window, listing the aluno made for these tests."""
    window.refresh_all()
    return window


def _choose_pdf(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the save dialog with ``path``; returns the names it suggested."""
    suggested: list[str] = []

    def ask(_parent: QWidget | None, _title: str, name: str) -> str:
        suggested.append(name)
        return str(path)

    monkeypatch.setattr(reports, "ask_save_pdf", ask)
    return suggested


def _select_first_row(qtbot: QtBot, tab: RecordTab) -> None:
    rect = tab.table.visualRect(tab.proxy.index(0, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _open_preview(qtbot: QtBot, window: MainWindow) -> ReportPreviewDialog:
    found: list[ReportPreviewDialog] = []

    def visible() -> bool:
        found[:] = [d for d in window.findChildren(ReportPreviewDialog) if d.isVisible()]
        return len(found) == 1

    qtbot.waitUntil(visible)
    return found[0]


def _pdf_text(path: Path) -> str:
    """The PDF's words, one space apart (Qt places each word itself; pypdf reads the gaps as tabs)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_ficha_button_saves_a_private_pdf(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tab = window.alunos_tab
    # Given the Alunos tab with nothing selected, Ficha… is disabled like Editar
    tab.table.clearSelection()
    assert not window.alunos_tab.ficha_button.isEnabled()
    assert not window.action_ficha_aluno.isEnabled()

    # When the user selects the aluno and clicks Ficha…
    _select_first_row(qtbot, tab)
    assert window.alunos_tab.ficha_button.isEnabled() and window.action_ficha_aluno.isEnabled()
    qtbot.mouseClick(window.alunos_tab.ficha_button, Qt.MouseButton.LeftButton)
    preview = _open_preview(qtbot, window)

    # And saves it as a PDF, typing a name without the extension
    suggested = _choose_pdf(monkeypatch, tmp_path / "ficha da Ana")
    with qtbot.waitSignal(preview.pdf_saved) as saved:
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)

    # Then the file gets ".pdf", only its owner may read it, and it holds the ficha's text
    path = tmp_path / "ficha da Ana.pdf"
    assert saved.args == [str(path)]
    assert Path(suggested[0]).name == "ficha-ana-aninha-souza-cia.pdf"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = _pdf_text(path)
    for expected in ["Ficha do aluno", "Emitido em", NOME, "529.982.247-25", "04/03/2010", "(11) 98765-4321"]:
        assert expected in text
    for expected in ["RA", "00000001", "Feminino", "Cor/raça", "Parda", "Documentos", "469.52280.63-7"]:
        assert expected in text
    assert "Inglês básico" in text and "10/03/2024" in text
    assert "Música" in text and "não informada" in text
    assert str(path) in window.statusBar().currentMessage()

    # When they close the preview, it goes away
    qtbot.mouseClick(preview.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not preview.isVisible())


def test_menu_opens_the_ficha_and_replaces_a_pdf(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Given a world-readable file where the user saves, and the aluno selected
    path = tmp_path / "ficha.pdf"
    path.write_bytes(b"old")
    path.chmod(0o644)
    _select_first_row(qtbot, window.alunos_tab)

    # When they choose Relatórios → Ficha do aluno… and save over it
    window.action_ficha_aluno.trigger()
    preview = _open_preview(qtbot, window)
    _choose_pdf(monkeypatch, path)
    with qtbot.waitSignal(preview.pdf_saved):
        preview.save_button.click()

    # Then it holds the ficha and is private now; no temporary file is left beside it
    assert NOME in _pdf_text(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".tmp")) == ["ficha.pdf"]


def test_ficha_action_only_on_the_alunos_tab(qtbot: QtBot, window: MainWindow) -> None:
    # Given an aluno selected, when the user moves to the Cursos tab
    _select_first_row(qtbot, window.alunos_tab)
    assert window.action_ficha_aluno.isEnabled()
    window.show_page(window.cursos_tab)
    # Then the menu item is disabled (it would print someone not on screen)
    assert not window.action_ficha_aluno.isEnabled()


def test_save_failure_is_told_and_cancel_writes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    errors: list[tuple[str, str]],
) -> None:
    _select_first_row(qtbot, window.alunos_tab)
    window.alunos_tab.ficha_button.click()
    preview = _open_preview(qtbot, window)
    # When the user cancels the save dialog, nothing is written
    monkeypatch.setattr(reports, "ask_save_pdf", lambda *_args: "")
    preview.save_button.click()
    assert list(tmp_path.glob("*.pdf")) == [] and errors == []
    # When the folder cannot be written, they are told in Portuguese
    _choose_pdf(monkeypatch, tmp_path / "sumiu" / "ficha.pdf")
    preview.save_button.click()
    assert len(errors) == 1
    assert errors[0][0] == "Salvar PDF"
    assert "Não foi possível salvar o PDF" in errors[0][1]


def test_deleted_aluno_is_reported(
    qtbot: QtBot, window: MainWindow, services: Services, aluno_id: int, errors: list[tuple[str, str]]
) -> None:
    # Given the aluno deleted behind the window's back
    _select_first_row(qtbot, window.alunos_tab)
    services.alunos.delete(aluno_id)
    # When the user asks for its ficha
    window.alunos_tab.ficha_button.click()
    # Then they are told, and the table no longer shows it
    assert errors == [("Ficha do aluno", "Este aluno não existe mais; talvez tenha sido excluído.")]
    assert window.alunos_tab.proxy.rowCount() == 0
    assert window.findChildren(ReportPreviewDialog) == []


def test_html_escapes_every_value(qtbot: QtBot, head_engine: Engine, aluno_id: int, tmp_path: Path) -> None:
    # Given a ficha whose name holds quotes, "<" and "&"
    documento = ficha_do_aluno(head_engine, aluno_id, today=date(2026, 5, 4)).documento()
    # Then the HTML carries them as text, not markup
    page = document_html(documento)
    assert "Ana &quot;Aninha&quot; &lt;Souza&gt; &amp; Cia" in page
    assert "<Souza>" not in page
    assert "Emitido em 04/05/2026" in page
    # And the rendered document reads them back as typed
    document = render(documento)
    assert NOME in document.toPlainText()
    assert save_pdf(document, tmp_path / "direto.pdf").stat().st_size > 1000


def test_imprimir_button_prints_every_page_on_the_chosen_printer(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _select_first_row(qtbot, window.alunos_tab)
    qtbot.mouseClick(window.alunos_tab.ficha_button, Qt.MouseButton.LeftButton)
    preview = _open_preview(qtbot, window)
    printed = tmp_path / "impressora.pdf"
    asked: list[object] = []

    # Given the print dialog: first cancelled, then a (PDF) printer chosen
    monkeypatch.setattr(reports, "ask_printer", lambda printer, parent: asked.append(printer) or False)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and not printed.exists()

    def choose(printer, parent):  # type: ignore[no-untyped-def]
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(reports, "ask_printer", choose)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)

    assert NOME in _pdf_text(printed)


# --- the layout of any report ---------------------------------------------------------------

ESCOLA = CabecalhoEscola(
    nome="EMEF Monteiro Lobato", codigo_inep="35012345", municipio="Taubaté", uf="SP", telefone="(12) 3621-0000"
)


def _documento(linhas: int, **kwargs: object) -> Documento:
    """A document with a table of ``linhas`` rows, a titled section after it, and signatures."""
    tabela = Tabela(
        ("Nº", "Aluno(a)", "Média"), tuple((str(i), f"Aluno {i}", "7,5") for i in range(linhas)), "Nada.", (0, 2)
    )
    return Documento(
        titulo="Ata de resultados finais",
        emitido_em=date(2026, 11, 24),
        secoes=(
            Secao("Resultados por aluno", tabela=tabela),
            Secao("Observações", paragrafos=(Texto("Observação de teste."),)),
        ),
        nome_arquivo="teste",
        assinaturas=("Secretário(a) escolar", "Diretor(a)"),
        escola=ESCOLA,
        local_e_data="Taubaté, 24 de novembro de 2026",
        **kwargs,  # type: ignore[arg-type]
    )


def _pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_header_names_the_school_or_the_app(qtbot: QtBot) -> None:
    page = document_html(_documento(1))
    assert "EMEF Monteiro Lobato" in page and "INEP 35012345 · Taubaté/SP" in page and "(12) 3621-0000" in page
    assert "Taubaté, 24 de novembro de 2026" in page
    anonymous = document_html(replace(_documento(1), escola=CabecalhoEscola()))
    assert "<b>Escola</b> · Secretaria" in anonymous and "INEP" not in anonymous


def test_caderno_starts_each_document_on_a_new_page(qtbot: QtBot, tmp_path: Path) -> None:
    documentos = tuple(replace(_documento(2), titulo=f"Boletim {n}") for n in range(3))
    caderno = Caderno("Boletins da turma", date(2026, 11, 24), documentos, "boletins")
    pages = _pages(save_pdf(render(caderno), tmp_path / "caderno.pdf"))
    assert [p.count("EMEF Monteiro Lobato") for p in pages] == [1, 1, 1]
    assert [f"Boletim {n}" in p for n, p in enumerate(pages)] == [True, True, True]


def test_landscape_reaches_the_pdf_and_the_printer(qtbot: QtBot, tmp_path: Path) -> None:
    documento = _documento(3, paisagem=True)
    document = render(documento)
    assert is_landscape(document)
    box = PdfReader(save_pdf(document, tmp_path / "ata.pdf")).pages[0].mediabox
    assert box.width > box.height
    preview = ReportPreviewDialog(documento)
    qtbot.addWidget(preview)
    assert preview._printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    portrait = PdfReader(save_pdf(render(_documento(3)), tmp_path / "ficha.pdf")).pages[0].mediabox
    assert portrait.width < portrait.height


def test_numbers_are_centred_and_columns_sized_after_their_text(qtbot: QtBot) -> None:
    html_text = document_html(_documento(2))
    widths = [int(w) for w in re.findall(r'<th width="(\d+)%"', html_text)]
    assert sum(widths) == 100 and widths[1] > widths[2]  # "Aluno 1" needs more room than "7,5"
    assert '<td align="center">7,5</td>' in html_text


@pytest.mark.parametrize("paisagem", [False, True])
def test_titles_and_signatures_are_not_split_from_what_goes_with_them(
    qtbot: QtBot, tmp_path: Path, paisagem: bool
) -> None:
    # For table lengths that end the first page anywhere around the last sections
    for linhas in range(8, 30) if paisagem else range(20, 46):
        path = save_pdf(render(_documento(linhas, paisagem=paisagem)), tmp_path / f"{linhas}.pdf")
        pages = _pages(path)
        # Then a section title is on the page of its text, and the place, date, lines and
        # captions of the signatures are on one page
        for page in pages:
            if "Observações" in page:
                assert "Observação de teste." in page, (linhas, pages)
        closing = [p for p in pages if "Diretor(a)" in p]
        assert len(closing) == 1, (linhas, pages)
        assert "Taubaté, 24 de novembro de 2026" in closing[0]
        assert closing[0].count("______________________________") == 2
        assert "Secretário(a) escolar" in closing[0]
