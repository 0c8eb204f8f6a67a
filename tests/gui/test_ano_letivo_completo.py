"""A whole school year in the main window, from enrolment to the final ata, without a spreadsheet.

One test drives the real :class:`MainWindow` as the secretary would, page by page through the
sidebar: the school, the ano letivo and its disciplinas in Configurações; the alunos; a turma
and its enturmação; the notas typed (and pasted) on the Notas page; the frequência of every
período; the roster's situações; and last the ata de resultados finais and a boletim saved as
PDF, whose text is read back. Each step checks what the services hold, not only the screen.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDialog, QLineEdit, QListWidget, QTableView, QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.avaliacao import Situacao
from escola_gui.core.escola import AnoLetivoData, EscolaData
from escola_gui.core.services import Services
from escola_gui.gui import printing as reports
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.forms.ano_letivo import AnoLetivoDialog
from escola_gui.gui.forms.disciplina import DisciplinaDialog
from escola_gui.gui.forms.enturmacao import EnturmarDialog
from escola_gui.gui.forms.turma import TurmaDialog
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.pages.diario.frequencia import FrequenciaModel
from escola_gui.gui.pages.diario.view import PlanilhaView
from escola_gui.gui.pages.relatorios import KIND_ROLE, Tipo
from escola_gui.gui.printing import ReportPreviewDialog
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.forms import RecordDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = Decimal
ALUNOS = ("Ana Souza", "Bruno Lima", "Caio Conceição")
# The notas of the four bimestres, typed in Matemática and pasted in Língua Portuguesa.
NOTAS_MAT = {
    "Ana Souza": ("7,0", "8,0", "7,5", "7,5"),  # 30 / 4 = 7,5
    "Bruno Lima": ("5,0", "4,5", "6,0", "5,5"),  # 21 / 4 = 5,25 → 5,3, then a recuperação final of 6,5
    "Caio Conceição": ("8,0", "9,0", "8,5", "9,5"),  # 35 / 4 = 8,75 → 8,8
}
NOTAS_LP = {
    "Ana Souza": ("6,0", "7,0", "8,0", "9,0"),  # 7,5
    "Bruno Lima": ("4,0", "5,0", "5,0", "4,5"),  # 4,625 → 4,6, a recuperação final of 5,0 is not enough
    "Caio Conceição": ("7,0", "7,0", "7,0", "7,0"),  # 7,0
}
AULAS_POR_BIMESTRE = 40
# Faltas per bimestre and disciplina: 2 disciplinas × 4 bimestres × 40 aulas = 320 aulas.
FALTAS = {
    "Matemática": {"Ana Souza": (1, 0, 2, 1), "Bruno Lima": (2, 2, 2, 2), "Caio Conceição": (12, 10, 14, 12)},
    "Língua Portuguesa": {"Ana Souza": (0, 1, 0, 1), "Bruno Lima": (3, 1, 0, 0), "Caio Conceição": (10, 12, 12, 12)},
}
# Ana: 6 faltas → 314/320 = 98,1 %; Bruno: 12 → 96,2 %; Caio: 94 → 226/320 = 70,6 % (< 75 %).


# --- helpers --------------------------------------------------------------------------


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _go_to_page(qtbot: QtBot, window: MainWindow, title: str) -> None:
    """Click the page's name in the sidebar."""
    bar = window.navegacao
    item = next(bar.item(r) for r in range(bar.count()) if bar.item(r).text() == title)
    qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=bar.visualItemRect(item).center())
    assert bar.currentItem() is item


def _go_to_tab(qtbot: QtBot, window: MainWindow, title: str) -> None:
    bar = window.configuracoes_page.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.configuracoes_page.tabs.currentIndex() == index


def _dialog(qtbot: QtBot, owner: QWidget, kind: type[QDialog]) -> QDialog:
    """The dialog of type ``kind`` that ``owner`` (a page or panel) just opened with ``open()``."""
    qtbot.waitUntil(lambda: isinstance(owner.dialog, kind) and owner.dialog.isVisible())  # type: ignore[attr-defined]
    return owner.dialog  # type: ignore[attr-defined,no-any-return]


def _save_dialog(qtbot: QtBot, dialog: RecordDialog) -> None:
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)


def _type_number(qtbot: QtBot, spin: QAbstractSpinBox, text: str) -> None:
    """Replace a spin box's text by ``text`` typed on the keyboard."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    spin.interpretText()


def _click_cell(qtbot: QtBot, view: QTableView, row: int, column: int) -> None:
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (view.currentIndex().row(), view.currentIndex().column()) == (row, column)


def _type(qtbot: QtBot, view: PlanilhaView, text: str) -> None:
    """Type ``text`` (ASCII) in the current cell as a user would, then press Enter."""
    cell = view.currentIndex()
    qtbot.keyClick(view, text[0])  # the first key opens the editor and goes into it
    editor = view.indexWidget(cell)
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Enter commits through a queued call; the cell's editor is gone once it has run.
    qtbot.waitUntil(lambda: view.indexWidget(cell) is None)


def _type_column(qtbot: QtBot, view: PlanilhaView, column: int, values: list[str]) -> None:
    """Click the column's first cell, then type each value and Enter: the cursor goes down."""
    _click_cell(qtbot, view, 0, column)
    for row, value in enumerate(values):
        assert (view.currentIndex().row(), view.currentIndex().column()) == (row, column)
        _type(qtbot, view, value)


def _column(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _nota(text: str) -> Decimal:
    return D(text.replace(",", "."))


def _click_list_row(qtbot: QtBot, widget: QListWidget, text: str) -> None:
    item = next(widget.item(r) for r in range(widget.count()) if widget.item(r).text().startswith(text))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=widget.visualItemRect(item).center())
    assert widget.currentItem() is item


def _click_report(qtbot: QtBot, window: MainWindow, tipo: Tipo) -> None:
    lista = window.relatorios_page.report_list
    item = next(lista.item(r) for r in range(lista.count()) if lista.item(r).data(KIND_ROLE) == tipo.value)
    qtbot.mouseClick(lista.viewport(), Qt.MouseButton.LeftButton, pos=lista.visualItemRect(item).center())
    assert window.relatorios_page.current_tipo() is tipo


def _save_pdf(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> str:
    """Visualizar…, then Salvar PDF… with the file picker answering ``path``; the PDF's text."""
    page = window.relatorios_page
    previous = page.preview
    assert page.preview_button.isEnabled()
    _click(qtbot, page.preview_button)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview is not previous and page.preview.isVisible())
    preview = page.preview
    assert isinstance(preview, ReportPreviewDialog)
    assert QApplication.activeModalWidget() is preview
    monkeypatch.setattr(reports, "ask_save_pdf", lambda _parent, _title, _suggested: str(path))
    with qtbot.waitSignal(page.pdf_saved) as saved:
        _click(qtbot, preview.save_button)
    assert saved.args == [str(path)]
    assert window.statusBar().currentMessage() == f"PDF salvo em {path}."
    _click(qtbot, preview.close_button)
    qtbot.waitUntil(lambda: not preview.isVisible())
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


# --- the year -------------------------------------------------------------------------


def test_a_secretary_runs_a_whole_school_year(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    errors: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    questions: list[str] = []
    monkeypatch.setattr(messages, "ask_yes_no", lambda _p, _t, text: questions.append(text) and False)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, title, text: shown.append((title, text)))

    # --- 1. Configurações: the school, the ano letivo and its rule, the disciplinas ---------
    _go_to_page(qtbot, window, "Configurações")
    config = window.configuracoes_page
    assert window.pages.currentWidget() is config
    escola = config.escola
    assert config.tabs.currentWidget() is escola
    escola.nome.setText("EMEF Monteiro Lobato")
    qtbot.keyClicks(escola.codigo_inep, "35012345")
    escola.municipio.setText("Taubaté")
    escola.uf.setCurrentIndex(escola.uf.findData("SP"))
    _click(qtbot, escola.salvar)
    assert escola.status.text() == "Dados da escola salvos."
    assert services.escola.get() == EscolaData("EMEF Monteiro Lobato", "35012345", None, "Taubaté", "SP", None)

    _go_to_tab(qtbot, window, "Anos letivos")
    anos = config.anos_letivos
    _click(qtbot, anos.novo)
    ano_dialog = _dialog(qtbot, anos, AnoLetivoDialog)
    assert isinstance(ano_dialog, AnoLetivoDialog)
    _type_number(qtbot, ano_dialog.ano, "2026")
    ano_dialog.tipo_periodo.setCurrentIndex(ano_dialog.tipo_periodo.findData("bimestre"))
    ano_dialog.formula_media.setCurrentIndex(ano_dialog.formula_media.findData("aritmetica"))
    _type_number(qtbot, ano_dialog.media_aprovacao, "6,0")
    _type_number(qtbot, ano_dialog.frequencia_minima, "75")
    ano_dialog.recuperacao.setCurrentIndex(ano_dialog.recuperacao.findData("substitui_media"))
    assert ano_dialog.media_aprovacao.text() == "6,0"
    _save_dialog(qtbot, ano_dialog)
    (ano_row,) = services.anos_letivos.list()
    # (The service reads back a peso of 1 per período for the arithmetic média.)
    assert services.anos_letivos.get(ano_row.id) == AnoLetivoData(
        ano=2026,
        tipo_periodo="bimestre",
        formula_media="aritmetica",
        media_aprovacao=D("6.0"),
        frequencia_minima=75,
        recuperacao="substitui_media",
        pesos=(1, 1, 1, 1),
    )
    assert [p.nome for p in services.anos_letivos.periodos(ano_row.id)] == [
        "1º bimestre",
        "2º bimestre",
        "3º bimestre",
        "4º bimestre",
    ]
    assert _column(anos.table, 4) == ["média 6,0 · frequência 75 % · recuperação final"]

    _go_to_tab(qtbot, window, "Disciplinas")
    panel = config.disciplinas
    for nome, abreviatura in (("Matemática", "MAT"), ("Língua Portuguesa", "LP")):
        _click(qtbot, panel.nova)
        disciplina_dialog = _dialog(qtbot, panel, DisciplinaDialog)
        assert isinstance(disciplina_dialog, DisciplinaDialog)
        disciplina_dialog.nome.setText(nome)
        qtbot.keyClicks(disciplina_dialog.abreviatura, abreviatura)
        _save_dialog(qtbot, disciplina_dialog)
    assert sorted((d.nome, d.abreviatura) for d in services.disciplinas.list()) == [
        ("Língua Portuguesa", "LP"),
        ("Matemática", "MAT"),
    ]
    assert _column(panel.table, 0) == ["Língua Portuguesa", "Matemática"]

    # --- 2. Alunos: three, one with CPF -----------------------------------------------------
    _go_to_page(qtbot, window, "Alunos")
    tab = window.alunos_tab
    for nome in ALUNOS:
        _click(qtbot, tab.new_button)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AlunoDialog))
        aluno_dialog = QApplication.activeModalWidget()
        assert isinstance(aluno_dialog, AlunoDialog)
        aluno_dialog.nome.setText(nome)
        if nome == "Ana Souza":
            assert aluno_dialog.tabs is not None
            bar = aluno_dialog.tabs.tabBar()
            index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == "Documentos")
            qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
            qtbot.keyClicks(aluno_dialog.cpf, "52998224725")
        with qtbot.waitSignal(aluno_dialog.finished):
            _click(qtbot, aluno_dialog.save_button)
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 3)
    assert _column(tab.table, 0) == list(ALUNOS)
    assert _column(tab.table, 1) == ["00000001", "00000002", "00000003"]
    alunos = {row.nome: row.id for row in services.alunos.list()}
    assert sorted(alunos) == sorted(ALUNOS)
    assert services.alunos.get(alunos["Ana Souza"]).cpf == "52998224725"
    assert not services.alunos.get(alunos["Bruno Lima"]).cpf

    # --- 3. Turmas: a turma with both disciplinas, and the alunos enturmados at once -------
    _go_to_page(qtbot, window, "Turmas")
    turmas = window.turmas_page
    assert turmas.stack.currentWidget() is turmas.splitter
    assert turmas.ano_combo.currentText() == "2026"
    _click(qtbot, turmas.nova_button)
    turma_dialog = _dialog(qtbot, turmas, TurmaDialog)
    assert isinstance(turma_dialog, TurmaDialog)
    assert turma_dialog.ano_letivo.currentData() == ano_row.id
    turma_dialog.nome.setText("6º ano A")
    # The etapa from the catalogue, with the arrow keys; its name becomes the série
    for _ in range(turma_dialog.etapa.count()):
        if turma_dialog.etapa.currentText() == "6º ano":
            break
        qtbot.keyClick(turma_dialog.etapa, Qt.Key.Key_Down)
    assert turma_dialog.serie.text() == "6º ano"
    turma_dialog.turno.setCurrentIndex(turma_dialog.turno.findData("matutino"))
    qtbot.keyClicks(turma_dialog.sala, "12")
    for nome in ("Língua Portuguesa", "Matemática"):
        _click(qtbot, turma_dialog.disciplinas.checkbox(nome))
        _type_number(qtbot, turma_dialog.disciplinas.carga(nome), "160")
    assert turma_dialog.disciplinas.resumo.text() == "2 disciplinas marcadas"
    _save_dialog(qtbot, turma_dialog)
    (turma_row,) = services.turmas.list(ano_row.id)
    turma_id = turma_row.id
    assert (turma_row.nome, turma_row.serie, turma_row.turno, turma_row.sala) == (
        "6º ano A",
        "6º ano",
        "matutino",
        "12",
    )
    disciplinas = {d.nome: d.disciplina_id for d in services.turmas.disciplinas(turma_id)}
    assert [(d.nome, d.carga_horaria) for d in services.turmas.disciplinas(turma_id)] == [
        ("Língua Portuguesa", 160),
        ("Matemática", 160),
    ]
    assert turmas.selected_turma() is not None and turmas.selected_turma().id == turma_id  # type: ignore[union-attr]

    _click(qtbot, turmas.enturmar_button)
    enturmar = _dialog(qtbot, turmas, EnturmarDialog)
    assert isinstance(enturmar, EnturmarDialog)
    assert _column(enturmar.lista, 0) == list(ALUNOS)
    for nome in ALUNOS:
        row = enturmar.row_of(nome)
        rect = enturmar.lista.visualRect(enturmar.proxy.index(row, 0))
        qtbot.mouseClick(enturmar.lista.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert enturmar.contagem.text() == "3 alunos marcados · turma sem limite de vagas"
    enturmar.data_entrada.setDate(QDate(2026, 2, 2))
    _save_dialog(qtbot, enturmar)
    roster = services.turmas.roster(turma_id)
    assert [(r.aluno_nome, r.data_entrada, r.situacao) for r in roster] == [
        (nome, date(2026, 2, 2), Situacao.CURSANDO) for nome in ALUNOS
    ]
    enturmacao = {r.aluno_nome: r.id for r in roster}
    assert _column(turmas.roster_table, 4) == ["Cursando"] * 3

    # --- 4. Notas: Matemática typed column by column, Língua Portuguesa pasted ---------------
    _go_to_page(qtbot, window, "Notas")
    notas = window.notas_page
    assert notas.showing_grid
    assert (notas.ano_combo.currentText(), notas.turma_combo.currentText()) == ("2026", "6º ano A")
    notas.disciplina_combo.setCurrentIndex(notas.disciplina_combo.findText("Matemática"))
    model, view = notas.model, notas.table
    assert notas.regra.text() == (
        "Média para aprovação: 6,0 · frequência mínima: 75 % · a recuperação final substitui a média, se for maior."
    )
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Aluno", "1º bim.", "2º bim.", "3º bim.", "4º bim.", "Rec. final", "Média", "Situação"]
    assert _column(view, 0) == list(ALUNOS)
    media, situacao, rec_final = (
        model.column_of("media"),
        model.column_of("situacao"),
        model.column_of("recuperacao_final"),
    )

    for bimestre in range(4):
        _type_column(qtbot, view, model.column_of("nota", bimestre), [NOTAS_MAT[nome][bimestre] for nome in ALUNOS])
        if bimestre < 3:  # a bimestre still without notas: no média yet
            assert _column(view, media) == ["", "", ""]
            assert _column(view, situacao) == ["Cursando"] * 3
    # The médias follow the last nota typed, without a reload; no frequência yet, so no verdict:
    # Bruno, below 6,0, waits for the recuperação final
    assert _column(view, media) == ["7,5", "5,3", "8,8"]
    assert _column(view, situacao) == ["Cursando", "Em recuperação", "Cursando"]
    stored = services.diario.notas(turma_id, disciplinas["Matemática"])
    assert {linha.aluno_nome: linha.notas for linha in stored.linhas} == {
        nome: tuple(_nota(n) for n in valores) for nome, valores in NOTAS_MAT.items()
    }

    # Bruno, below 6,0, gets a recuperação final that replaces his média
    _click_cell(qtbot, view, 1, rec_final)
    _type(qtbot, view, "6,5")
    assert (model.index(1, media).data(), model.index(1, situacao).data()) == ("6,5", "Cursando")
    stored = services.diario.notas(turma_id, disciplinas["Matemática"])
    assert [linha.recuperacao_final for linha in stored.linhas] == [None, D("6.5"), None]
    assert errors == []

    # Língua Portuguesa: the four bimestres copied from a spreadsheet and pasted at once
    notas.disciplina_combo.setCurrentIndex(notas.disciplina_combo.findText("Língua Portuguesa"))
    assert _column(view, 0) == list(ALUNOS)
    assert _column(view, media) == ["", "", ""]
    _click_cell(qtbot, view, 0, model.column_of("nota", 0))
    QApplication.clipboard().setText("".join("\t".join(NOTAS_LP[nome]) + "\r\n" for nome in ALUNOS))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "12 valores colados" in notas.status.text()
    assert _column(view, media) == ["7,5", "4,6", "7,0"]
    assert _column(view, situacao) == ["Cursando", "Em recuperação", "Cursando"]
    _click_cell(qtbot, view, 1, rec_final)
    _type(qtbot, view, "5,0")  # a recuperação final that is not enough
    assert (model.index(1, media).data(), model.index(1, situacao).data()) == ("5,0", "Cursando")
    stored = services.diario.notas(turma_id, disciplinas["Língua Portuguesa"])
    assert {linha.aluno_nome: (linha.notas, linha.recuperacao_final) for linha in stored.linhas} == {
        nome: (tuple(_nota(n) for n in valores), D("5.0") if nome == "Bruno Lima" else None)
        for nome, valores in NOTAS_LP.items()
    }

    # --- 5. Frequência: each bimestre of each disciplina, aulas for all, then the faltas ------
    _go_to_page(qtbot, window, "Frequência")
    frequencia = window.frequencia_page
    assert frequencia.showing_grid
    # The turma and disciplina chosen on the Notas page are remembered
    assert (frequencia.turma_combo.currentText(), frequencia.disciplina_combo.currentText()) == (
        "6º ano A",
        "Língua Portuguesa",
    )
    periodos = [p.id for p in services.anos_letivos.periodos(ano_row.id)]
    fview = frequencia.table
    for disciplina in ("Matemática", "Língua Portuguesa"):
        frequencia.disciplina_combo.setCurrentIndex(frequencia.disciplina_combo.findText(disciplina))
        for bimestre in range(4):
            frequencia.periodo_combo.setCurrentIndex(bimestre)
            assert frequencia.periodo_combo.currentText() == f"{bimestre + 1}º bimestre"
            assert _column(fview, FrequenciaModel.AULAS) == ["", "", ""]
            _type_number(qtbot, frequencia.aulas, str(AULAS_POR_BIMESTRE))
            _click(qtbot, frequencia.aplicar_button)
            assert _column(fview, FrequenciaModel.AULAS) == [str(AULAS_POR_BIMESTRE)] * 3
            assert "Aulas dadas: 40 para 3 alunos." in frequencia.status.text()
            # The cursor waits on the first aluno's faltas: type them down the column
            assert (fview.currentIndex().row(), fview.currentIndex().column()) == (0, FrequenciaModel.FALTAS)
            for nome in ALUNOS:
                _type(qtbot, fview, str(FALTAS[disciplina][nome][bimestre]))
            grade = services.diario.frequencia(turma_id, disciplinas[disciplina], periodos[bimestre])
            assert [(linha.aulas_dadas, linha.faltas) for linha in grade.linhas] == [
                (AULAS_POR_BIMESTRE, FALTAS[disciplina][nome][bimestre]) for nome in ALUNOS
            ]
            # Below 75 % of the bimestre's aulas (more than 10 faltas in 40), the grid warns at once
            assert _column(fview, FrequenciaModel.OBSERVACAO) == [
                "Abaixo de 75 %" if FALTAS[disciplina][nome][bimestre] > 10 else "" for nome in ALUNOS
            ]
    assert errors == []

    # Back on the Notas page, everything is entered: the final verdicts, counting Caio's faltas
    _go_to_page(qtbot, window, "Notas")
    assert notas.disciplina_combo.currentText() == "Língua Portuguesa"
    assert _column(view, situacao) == ["Aprovado", "Retido", "Reprovado por faltas"]
    dica = model.index(2, situacao).data(Qt.ItemDataRole.ToolTipRole)
    assert dica == "Frequência na disciplina: 71,2 % (46 faltas em 160 aulas)"

    # --- 6. Turmas: the roster shows each aluno's situação, computed ------------------------
    _go_to_page(qtbot, window, "Turmas")
    assert turmas.selected_turma() is not None and turmas.selected_turma().id == turma_id  # type: ignore[union-attr]
    roster_shown = dict(zip(_column(turmas.roster_table, 0), _column(turmas.roster_table, 4), strict=True))
    assert roster_shown == {
        "Ana Souza": "Aprovado",
        "Bruno Lima": "Retido",
        "Caio Conceição": "Reprovado por faltas",
    }
    assert {r.aluno_nome: (r.situacao, r.manual) for r in services.turmas.roster(turma_id)} == {
        "Ana Souza": (Situacao.APROVADO, False),
        "Bruno Lima": (Situacao.RETIDO, False),
        "Caio Conceição": (Situacao.REPROVADO_POR_FALTAS, False),
    }
    ana = services.diario.boletim(enturmacao["Ana Souza"])
    assert [(linha.resultado.media, linha.resultado.situacao.efetiva) for linha in ana.linhas] == [
        (D("7.5"), Situacao.APROVADO),
        (D("7.5"), Situacao.APROVADO),
    ]

    # --- 7. Relatórios: the ata de resultados finais and Bruno's boletim, as PDF ------------
    _go_to_page(qtbot, window, "Relatórios")
    relatorios = window.relatorios_page
    _click_report(qtbot, window, Tipo.ATA)
    assert not relatorios.preview_button.isEnabled()
    relatorios.ano_combo.setCurrentIndex(relatorios.ano_combo.findData(2026))
    relatorios.turma_combo.setCurrentIndex(relatorios.turma_combo.findData(turma_id))
    assert relatorios.turma_combo.currentText() == "6º ano A — Matutino (3 alunos)"
    ata = _save_pdf(qtbot, window, monkeypatch, tmp_path / "ata.pdf")
    box = PdfReader(tmp_path / "ata.pdf").pages[0].mediabox
    assert box.width > box.height  # the ata is printed in landscape
    for expected in (
        "EMEF Monteiro Lobato",
        "INEP 35012345",
        "Taubaté/SP",
        "Ata de resultados finais",
        # Nº, aluno, RA, LP, MAT (the turma's order), frequência in the year, situação final
        "1 Ana Souza 00000001 7,5 7,5 98,1 % Aprovado",
        "2 Bruno Lima 00000002 5,0 6,5 96,2 % Retido",
        "3 Caio Conceição 00000003 7,0 8,8 70,6 % Reprovado por faltas",
        "Resumo Situação final Alunos Aprovado 1 Retido 1 Reprovado por faltas 1 Total 3",
        "Secretário(a) escolar",
    ):
        assert expected in ata, f"{expected!r} not in the ata: {ata}"

    _click_report(qtbot, window, Tipo.BOLETIM)
    relatorios.aluno_search.setText("Bruno")
    qtbot.waitUntil(lambda: relatorios.aluno_list.count() == 1)
    _click_list_row(qtbot, relatorios.aluno_list, "Bruno Lima")
    assert relatorios.enturmacao_combo.currentText() == "2026 — 6º ano A"
    boletim = _save_pdf(qtbot, window, monkeypatch, tmp_path / "boletim-bruno.pdf")
    for expected in (
        "EMEF Monteiro Lobato",
        "Boletim escolar",
        "Bruno Lima",
        # 4 bimestres, rec. final, média, faltas, frequência, situação
        "Língua Portuguesa 4,0 5,0 5,0 4,5 5,0 5,0 4 97,5 % Retido",
        "Matemática 5,0 4,5 6,0 5,5 6,5 6,5 8 95,0 % Aprovado",
        "Frequência no ano 96,2 % (12 faltas em 320 aulas)",
        "Situação final Retido",
    ):
        assert expected in boletim, f"{expected!r} not in the boletim: {boletim}"
    assert "Ana Souza" not in boletim

    # Nothing went wrong along the way, and nothing had to be asked
    assert errors == []
    assert questions == []
    assert shown == []
