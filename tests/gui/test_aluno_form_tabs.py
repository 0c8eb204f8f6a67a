"""The aluno form's address and photo, and its read-only Matrículas and Histórico tabs,
driven as a user would: type, choose a file, click Salvar, read the tabs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from escola_gui.core.alunos import AlunoData, AlunoService
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.cursos import CursoData
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.forms import aluno as aluno_form
from escola_gui.gui.forms.aluno import AlunoDialog, load_foto

# The offscreen platform warns whenever a shown window's size hints change; harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


# --- helpers ----------------------------------------------------------------------------


def _dialog(qtbot: QtBot, services: Services, aluno_id: int | None = None, **extra: object) -> AlunoDialog:
    dialog = AlunoDialog(services.alunos, aluno_id, **extra)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _full_dialog(qtbot: QtBot, services: Services, aluno_id: int | None = None) -> AlunoDialog:
    """The form as the main window opens it, with every tab."""
    return _dialog(
        qtbot, services, aluno_id, responsaveis=services.responsaveis, turmas=services.turmas, diario=services.diario
    )


def _error(dialog: AlunoDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"erro_{field}")
    assert label is not None
    return label.text() if not label.isHidden() else ""


def _tab_titles(dialog: AlunoDialog) -> list[str]:
    assert dialog.tabs is not None
    return [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]


def _go_to_tab(qtbot: QtBot, dialog: AlunoDialog, title: str) -> None:
    assert dialog.tabs is not None
    bar = dialog.tabs.tabBar()
    index = _tab_titles(dialog).index(title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dialog.tabs.currentIndex() == index


def _current_tab(dialog: AlunoDialog) -> str:
    assert dialog.tabs is not None
    return _tab_titles(dialog)[dialog.tabs.currentIndex()]


def _save(qtbot: QtBot, dialog: AlunoDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _sentence(dialog: AlunoDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def _png(path: Path, width: int, height: int, color: QColor | None = None) -> Path:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(color or QColor("#3b7dd8"))
    assert image.save(str(path), "PNG")
    return path


@pytest.fixture
def chosen(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """What the photo file picker answers, one item per click on "Escolher foto…"."""
    answers: list[str | None] = []
    monkeypatch.setattr(aluno_form, "choose_foto_file", lambda _parent: answers.pop(0))
    return answers


# --- the school year: one turma of 2026 with two disciplinas ---------------------------


@pytest.fixture
def escola(services: Services) -> dict[str, int]:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026, tipo_periodo="bimestre", recuperacao="substitui_media"))
    lp = services.disciplinas.create("Língua Portuguesa")
    mat = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(lp, 160), (mat, 160)])
    return {"ano": ano, "turma": turma, "lp": lp, "mat": mat}


# --- address ----------------------------------------------------------------------------


def test_a_bad_cep_is_explained_and_a_good_address_is_saved(qtbot: QtBot, services: Services) -> None:
    # Given a new aluno whose CEP has a digit missing
    dialog = _dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Ana Souza")
    qtbot.keyClicks(dialog.cep, "1234-567")
    qtbot.keyClicks(dialog.numero, "x" * 21)
    _go_to_tab(qtbot, dialog, "Contatos")

    # When the user saves, the form shows the address and says what is wrong under each field
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert _current_tab(dialog) == "Dados pessoais"
    assert _error(dialog, "cep") == "O CEP deve ter 8 dígitos, como 12345-678."
    assert _error(dialog, "numero") == "O número deve ter no máximo 20 caracteres."
    assert dialog.focusWidget() is dialog.cep
    assert services.alunos.list() == []

    # When they type the CEP right, it is shown formatted on leaving the field
    dialog.cep.clear()
    qtbot.keyClicks(dialog.cep, "12345678")
    # Offscreen windows never become active, so leaving the field sends no focus-out: say it.
    dialog.cep.editingFinished.emit()
    assert dialog.cep.text() == "12345-678"
    dialog.logradouro.setText("Rua Visconde do Rio Branco")
    dialog.numero.setText("1234")
    qtbot.keyClicks(dialog.complemento, "apto. 42")
    qtbot.keyClicks(dialog.bairro, "Centro")
    dialog.municipio.setText("Taubaté")
    qtbot.keyClicks(dialog.uf, "SP")
    assert dialog.uf.currentText() == "SP"
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then the service holds the CEP digits and the UF
    assert dialog.saved_id is not None
    stored = services.alunos.get(dialog.saved_id)
    assert (stored.cep, stored.uf, stored.municipio) == ("12345678", "SP", "Taubaté")
    assert (stored.logradouro, stored.numero, stored.complemento, stored.bairro) == (
        "Rua Visconde do Rio Branco",
        "1234",
        "apto. 42",
        "Centro",
    )

    # And editing shows them again, the CEP formatted; emptying the UF clears it
    edit = _dialog(qtbot, services, dialog.saved_id)
    assert (edit.cep.text(), edit.uf.currentText(), edit.municipio.text()) == ("12345-678", "SP", "Taubaté")
    assert edit.uf.itemText(0) == "" and edit.uf.count() == 28
    qtbot.keyClick(edit.uf, Qt.Key.Key_Home)
    with qtbot.waitSignal(edit.accepted):
        _save(qtbot, edit)
    assert services.alunos.get(dialog.saved_id).uf is None


# --- photo ------------------------------------------------------------------------------


def test_a_chosen_photo_is_shrunk_saved_shown_and_removed(
    qtbot: QtBot, services: Services, tmp_path: Path, chosen: list[str | None]
) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    dialog = _dialog(qtbot, services, aluno_id)
    assert dialog.foto_preview.text() == "Sem foto"
    assert not dialog.remover_foto.isEnabled()

    # When the user picks a large PNG, it shows at once, but nothing is saved before Salvar
    chosen.append(str(_png(tmp_path / "foto.png", 1200, 1600)))
    qtbot.mouseClick(dialog.escolher_foto, Qt.MouseButton.LeftButton)
    assert not dialog.foto_preview.pixmap().isNull()
    assert dialog.remover_foto.isEnabled()
    assert services.alunos.foto(aluno_id) is None
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then the stored bytes are a small image with the same proportions
    stored = services.alunos.foto(aluno_id)
    assert stored is not None and len(stored) < 100_000
    image = QImage.fromData(stored)
    assert not image.isNull()
    assert (image.width(), image.height()) == (450, 600)
    assert image.pixelColor(225, 300).blue() > 200  # the blue it was filled with

    # When the form is opened again the photo shows; cancelling the picker keeps it
    edit = _dialog(qtbot, services, aluno_id)
    assert edit.foto == stored
    assert not edit.foto_preview.pixmap().isNull()
    chosen.append(None)
    qtbot.mouseClick(edit.escolher_foto, Qt.MouseButton.LeftButton)
    assert edit.foto == stored

    # And "Remover foto" takes it away when saved
    qtbot.mouseClick(edit.remover_foto, Qt.MouseButton.LeftButton)
    assert edit.foto_preview.text() == "Sem foto"
    assert not edit.remover_foto.isEnabled()
    with qtbot.waitSignal(edit.accepted):
        _save(qtbot, edit)
    assert services.alunos.foto(aluno_id) is None


def test_saving_other_fields_keeps_the_photo(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    foto = load_foto(str(_png(tmp_path / "small.png", 60, 80, QColor(0, 0, 0, 0))))
    aluno_id = services.alunos.create(AlunoData(nome="Ana"), foto=foto)
    dialog = _dialog(qtbot, services, aluno_id)
    dialog.nome.setText("Ana Souza")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert services.alunos.foto(aluno_id) == foto
    # A small image keeps its size, and what was transparent turns white rather than black
    image = QImage.fromData(foto)
    assert (image.width(), image.height()) == (60, 80)
    assert image.pixelColor(30, 40).lightness() > 250


def test_a_new_aluno_is_saved_with_its_photo(
    qtbot: QtBot, services: Services, tmp_path: Path, chosen: list[str | None]
) -> None:
    dialog = _dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Bruno")
    chosen.append(str(_png(tmp_path / "bruno.png", 300, 400)))
    qtbot.mouseClick(dialog.escolher_foto, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert dialog.saved_id is not None
    stored = services.alunos.foto(dialog.saved_id)
    assert stored is not None and QImage.fromData(stored).size().toTuple() == (300, 400)  # type: ignore[attr-defined]


def test_an_unreadable_image_is_refused_with_a_message(
    qtbot: QtBot, services: Services, tmp_path: Path, chosen: list[str | None]
) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    dialog = _dialog(qtbot, services, aluno_id)
    broken = tmp_path / "foto.png"
    broken.write_bytes(b"this is not a picture")

    chosen.append(str(broken))
    qtbot.mouseClick(dialog.escolher_foto, Qt.MouseButton.LeftButton)

    assert _error(dialog, "foto") == (
        "Não foi possível ler esta imagem. Escolha um arquivo PNG ou JPEG que abra normalmente."
    )
    assert dialog.foto is None and dialog.foto_preview.text() == "Sem foto"
    # A good image afterwards clears the message
    chosen.append(str(_png(tmp_path / "good.png", 30, 40)))
    qtbot.mouseClick(dialog.escolher_foto, Qt.MouseButton.LeftButton)
    assert _error(dialog, "foto") == ""
    assert dialog.foto is not None


def test_a_photo_the_service_refuses_is_explained_under_the_photo(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, chosen: list[str | None]
) -> None:
    # Given a photo that is not PNG or JPEG (what another picker might hand over)
    monkeypatch.setattr(aluno_form, "load_foto", lambda _path: b"GIF89a....")
    dialog = _dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Ana")
    chosen.append("foto.gif")
    qtbot.mouseClick(dialog.escolher_foto, Qt.MouseButton.LeftButton)
    _go_to_tab(qtbot, dialog, "Documentos")

    _save(qtbot, dialog)

    assert dialog.isVisible()
    assert _current_tab(dialog) == "Dados pessoais"
    assert _error(dialog, "foto") == "A foto deve ser uma imagem PNG ou JPEG."
    assert dialog.focusWidget() is dialog.escolher_foto
    assert services.alunos.list() == []
    assert AlunoService.validate_foto(b"GIF89a") == AlunoService.FOTO_INVALIDA


# --- which tabs -------------------------------------------------------------------------


def test_the_school_year_tabs_come_with_their_services(qtbot: QtBot, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    assert _tab_titles(_dialog(qtbot, services, aluno_id)) == ["Dados pessoais", "Documentos", "Contatos"]
    full = _full_dialog(qtbot, services, aluno_id)
    assert _tab_titles(full) == [
        "Dados pessoais",
        "Documentos",
        "Contatos",
        "Responsáveis",
        "Matrículas",
        "Histórico",
    ]
    # Every title is in sight: no scroll arrows on the tab bar
    assert full.tabs is not None
    bar = full.tabs.tabBar()
    assert bar.tabRect(bar.count() - 1).right() <= bar.width()


def test_mnemonics_are_unique_on_the_first_tab(qtbot: QtBot, services: Services) -> None:
    dialog = _full_dialog(qtbot, services, services.alunos.create(AlunoData(nome="Ana")))
    assert dialog.tabs is not None
    page = dialog.tabs.widget(0)
    texts = [label.text() for label in page.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in page.findChildren(QAbstractButton)]
    texts += _tab_titles_raw(dialog)
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) == len(set(letters)), sorted(letters)


def test_mnemonics_are_unique_on_the_contatos_tab(qtbot: QtBot, services: Services) -> None:
    dialog = _full_dialog(qtbot, services, services.alunos.create(AlunoData(nome="Ana")))
    assert dialog.tabs is not None
    page = dialog.tabs.widget(_tab_titles(dialog).index("Contatos"))
    texts = [label.text() for label in page.findChildren(QLabel) if label.buddy() is not None]
    assert [text.replace("&", "") for text in texts] == ["E-mail:", "Outros e-mails:", "Telefones:"]
    texts += _tab_titles_raw(dialog)
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) == len(set(letters)), sorted(letters)


def _tab_titles_raw(dialog: AlunoDialog) -> list[str]:
    assert dialog.tabs is not None
    return [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]


# --- Matrículas -------------------------------------------------------------------------


def test_matriculas_tab_lists_turmas_and_cursos(qtbot: QtBot, qtmodeltester, services: Services, escola: dict) -> None:  # type: ignore[no-untyped-def]
    # Given an aluno put in a turma on the Turmas page, then transferred, and enrolled in a curso
    aluno_id = services.alunos.create(AlunoData(nome="Ana Souza"))
    [enturmacao] = services.turmas.enturmar(escola["turma"], [aluno_id], date(2026, 2, 2))
    services.turmas.mudar_situacao(
        [enturmacao],
        Situacao.TRANSFERIDO,
        "Mudou para Curitiba",
        date(2026, 6, 30),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    services.matriculas.create(aluno_id, ingles, date(2025, 3, 1), "Bolsa parcial")

    # When the form's Matrículas tab is opened
    dialog = _full_dialog(qtbot, services, aluno_id)
    _go_to_tab(qtbot, dialog, "Matrículas")
    panel = dialog.matriculas
    assert panel is not None and panel.enturmacoes is not None and panel.cursos is not None

    # Then the enturmação shows, its manual situação marked with the motivo as tooltip
    model = panel.enturmacoes
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Ano", "Turma", "Série", "Entrada", "Saída", "Situação"]
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == ["2026", "6º ano A", "6º ano", "02/02/2026", "30/06/2026", "Transferido (manual)"]
    tooltip = model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert "Mudou para Curitiba" in tooltip
    assert panel.tabela_enturmacoes is not None and panel.tabela_enturmacoes.isVisible()

    # And the curso below it
    qtmodeltester.check(panel.cursos)
    assert [panel.cursos.index(0, c).data() for c in range(3)] == ["Inglês", "01/03/2025", "Bolsa parcial"]
    assert "Turmas" in _sentence(dialog, "aviso_matriculas")


def test_matriculas_tab_says_when_there_is_nothing(qtbot: QtBot, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    dialog = _full_dialog(qtbot, services, aluno_id)
    _go_to_tab(qtbot, dialog, "Matrículas")
    assert _sentence(dialog, "sem_enturmacoes") == "O aluno ainda não esteve em nenhuma turma."
    assert _sentence(dialog, "sem_cursos") == "Nenhuma matrícula em cursos."
    assert dialog.matriculas is not None and dialog.matriculas.tabela_enturmacoes is None

    # A new aluno has no id yet: a sentence, no tables
    new = _full_dialog(qtbot, services)
    _go_to_tab(qtbot, new, "Matrículas")
    assert "depois que ele for salvo" in _sentence(new, "matriculas_aluno_novo")
    assert new.matriculas is not None and new.matriculas.enturmacoes is None
    assert new.findChild(QWidget, "tabela_enturmacoes") is None


# --- Histórico --------------------------------------------------------------------------


def test_historico_tab_shows_the_media_of_each_disciplina(  # type: ignore[no-untyped-def]
    qtbot: QtBot, qtmodeltester, services: Services, escola: dict
) -> None:
    # Given an aluno with the four notas of Língua Portuguesa entered, and none of Matemática
    aluno_id = services.alunos.create(AlunoData(nome="Ana Souza"))
    [enturmacao] = services.turmas.enturmar(escola["turma"], [aluno_id], date(2026, 2, 2))
    periodos = services.anos_letivos.periodos(escola["ano"])
    notas = ["7.0", "8.0", "6.5", "9.0"]
    services.diario.lancar_notas(
        escola["turma"],
        escola["lp"],
        [Lancamento(enturmacao, "nota", Decimal(n), p.id) for p, n in zip(periodos, notas, strict=True)],
    )
    services.diario.lancar_frequencia(
        escola["turma"], escola["lp"], periodos[0].id, [LancamentoFrequencia(enturmacao, 40, 4)]
    )

    # When the Histórico tab is opened
    dialog = _full_dialog(qtbot, services, aluno_id)
    _go_to_tab(qtbot, dialog, "Histórico")
    panel = dialog.historico
    assert panel is not None and panel.tree is not None

    # Then the year shows its série, turma and situação, and each disciplina its result
    assert panel.model is not None
    qtmodeltester.check(panel.model)
    [year] = panel.year_items()
    assert year.text() == "2026 — 6º ano — turma 6º ano A"
    assert panel.model.item(0, 3).text() == "Cursando"  # Matemática has no média yet
    rows = {year.child(i, 0).text(): [year.child(i, c).text() for c in (1, 2, 3)] for i in range(year.rowCount())}
    assert rows == {
        "Língua Portuguesa": ["7,6", "90,0 %", "Cursando"],  # faltas of the 1º bimestre only: no verdict yet
        "Matemática": ["—", "—", "Cursando"],
    }
    assert panel.tree.isVisible() and panel.tree.isExpanded(year.index())


def test_historico_tab_says_when_there_are_no_years(qtbot: QtBot, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    dialog = _full_dialog(qtbot, services, aluno_id)
    _go_to_tab(qtbot, dialog, "Histórico")
    assert _sentence(dialog, "sem_historico").startswith("Ainda não há anos letivos no histórico deste aluno.")
    assert dialog.historico is not None and dialog.historico.model is None

    new = _full_dialog(qtbot, services)
    assert "depois que ele for salvo" in _sentence(new, "historico_aluno_novo")


# --- contatos ---------------------------------------------------------------------------


def test_an_odd_outro_email_kept_from_an_old_file_does_not_block_saving(
    qtbot: QtBot, services: Services, head_engine: Engine
) -> None:
    # Given an aluno whose other e-mail, kept from an old file, has no dot
    aluno_id = services.alunos.create(AlunoData(nome="Jose da Silva"))
    with head_engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO contatos (aluno_id, tipo, valor) VALUES (?, 'email', 'sem-ponto@escola')", (aluno_id,)
        )
    dialog = _full_dialog(qtbot, services, aluno_id)
    assert dialog.outros_emails.toPlainText() == "sem-ponto@escola"

    # When the secretary only fixes the nome and saves
    dialog.nome.setText("José da Silva")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then it is saved and the e-mail is still there
    stored = services.alunos.get(aluno_id)
    assert (stored.nome, stored.outros_emails) == ("José da Silva", ("sem-ponto@escola",))
