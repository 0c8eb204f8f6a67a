"""The calendar in the Ano letivo form (issue 14): início and fim, the school day, the dias não
letivos added and removed, the count against the LDB's 200 dias and 800 horas as it is typed,
mistakes shown under their field; and an enturmação outside the year refused on its date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.calendario import DiaNaoLetivoData
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.forms.ano_letivo import AnoLetivoDialog, DiasNaoLetivosModel
from escola_gui.gui.forms.enturmacao import EnturmarDialog
from escola_gui.gui.toolkit import messages

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _open(qtbot: QtBot, services: Services, ano_letivo_id: int | None = None) -> AnoLetivoDialog:
    dialog = AnoLetivoDialog(services.anos_letivos, ano_letivo_id)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _add_day(qtbot: QtBot, dialog: AnoLetivoDialog, quando: str, descricao: str) -> None:
    _type(qtbot, dialog.dias.data, quando)
    _type(qtbot, dialog.dias.descricao, descricao)
    qtbot.keyClick(dialog.dias.descricao, Qt.Key.Key_Return)  # adds the day, does not save the form


def test_a_secretary_types_the_calendar_with_mistakes(qtbot: QtBot, services: Services) -> None:
    # Given a new ano letivo 2026
    dialog = _open(qtbot, services)
    dialog.ano.setValue(2026)
    assert dialog.contagem.text() == "Informe o início e o fim do ano letivo para contar os dias letivos."

    # When she types a fim before the início and saves
    _type(qtbot, dialog.data_inicio, "03/02/2026")
    _type(qtbot, dialog.data_fim, "01/02/2026")
    _click(qtbot, dialog.save_button)

    # Then it is refused under the fim, and nothing is saved
    assert dialog.isVisible()
    assert dialog.error_text("data_fim") == (
        "O fim do ano letivo (01/02/2026) não pode ser anterior ao início (03/02/2026)."
    )
    assert services.anos_letivos.list() == []

    # When she corrects it and gives a 4-hour day, the count shows (229 weekdays)
    _type(qtbot, dialog.data_fim, "18/12/2026")
    _type(qtbot, dialog.minutos_por_dia, "240")
    qtbot.waitUntil(lambda: dialog.contagem.text() == "Dias letivos: 229 de 200 · Horas: 916 de 800")
    assert not dialog.aviso.isVisibleTo(dialog)

    # When she adds Tiradentes with Enter, then a day of another year, then Tiradentes again
    _add_day(qtbot, dialog, "21/04/2026", "Tiradentes")
    assert dialog.isVisible()  # Enter added the day; it did not save the form
    assert dialog.dias.model.dias() == (DiaNaoLetivoData(date(2026, 4, 21), "Tiradentes"),)
    assert dialog.contagem.text() == "Dias letivos: 228 de 200 · Horas: 912 de 800"
    _add_day(qtbot, dialog, "12/10/2027", "Nossa Senhora Aparecida")
    assert dialog.dias.problema.text() == (
        "O dia não letivo 12/10/2027 está fora do ano letivo de 2026 (03/02/2026 a 18/12/2026)."
    )
    _type(qtbot, dialog.dias.data, "21/04/2026")
    _click(qtbot, dialog.dias.adicionar)
    assert dialog.dias.problema.text() == "O dia 21/04/2026 aparece mais de uma vez nos dias não letivos."
    assert len(dialog.dias.model.dias()) == 1

    # And saving with that day still typed on the line asks her to add it or clear it
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert "clique em Adicionar" in dialog.error_text("dias_nao_letivos")

    # When she fixes the date to 12/10/2026 and adds it, a recesso too
    _type(qtbot, dialog.dias.data, "12/10/2026")
    _type(qtbot, dialog.dias.descricao, "Nossa Senhora Aparecida")
    _click(qtbot, dialog.dias.adicionar)
    dialog.dias.tipo.setCurrentIndex(dialog.dias.tipo.findData("recesso"))
    _add_day(qtbot, dialog, "13/07/2026", "Recesso de julho")
    assert [d.data for d in dialog.dias.model.dias()] == [date(2026, 4, 21), date(2026, 7, 13), date(2026, 10, 12)]
    # And removes the recesso again
    dialog.dias.lista.selectRow(1)
    _click(qtbot, dialog.dias.remover)
    assert [d.descricao for d in dialog.dias.model.dias()] == ["Tiradentes", "Nossa Senhora Aparecida"]
    assert dialog.contagem.text() == "Dias letivos: 227 de 200 · Horas: 908 de 800"

    # Then it saves, and the file holds what she typed
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    (row,) = services.anos_letivos.list()
    saved = services.anos_letivos.get(row.id)
    assert (saved.data_inicio, saved.data_fim, saved.minutos_por_dia) == (date(2026, 2, 3), date(2026, 12, 18), 240)
    assert saved.dias_nao_letivos == (
        DiaNaoLetivoData(date(2026, 4, 21), "Tiradentes"),
        DiaNaoLetivoData(date(2026, 10, 12), "Nossa Senhora Aparecida"),
    )


def test_a_short_calendar_shows_the_warning(qtbot: QtBot, services: Services) -> None:
    # Given a 2026 year of 09/02 to 30/11 with a 3-hour day
    ano = services.anos_letivos.create(
        AnoLetivoData(ano=2026, data_inicio=date(2026, 2, 9), data_fim=date(2026, 11, 30), minutos_por_dia=180)
    )
    # When it is opened
    dialog = _open(qtbot, services, ano)
    # Then the count is short of both, and says so in the secretary's words
    assert dialog.contagem.text() == "Dias letivos: 211 de 200 · Horas: 633 de 800"
    assert dialog.aviso.isVisibleTo(dialog)
    assert dialog.aviso.text() == "O calendário de 2026 tem 633 horas letivas; a LDB exige pelo menos 800."
    # When the school day grows to 4 horas and the year ends on 12/11
    _type(qtbot, dialog.minutos_por_dia, "240")
    _type(qtbot, dialog.data_fim, "12/11/2026")
    qtbot.waitUntil(lambda: dialog.contagem.text() == "Dias letivos: 199 de 200 · Horas: 796 de 800")
    assert dialog.aviso.text() == (
        "O calendário de 2026 tem 199 dias letivos; a LDB exige pelo menos 200.\n"
        "O calendário de 2026 tem 796 horas letivas; a LDB exige pelo menos 800."
    )
    # And Cancel halfway asks before losing the typing; "Não" keeps the form as it is
    asked: list[bool] = []
    original = messages.confirm_discard

    def refuse(parent: QWidget) -> bool:
        asked.append(True)
        return False

    messages.confirm_discard = refuse  # type: ignore[assignment]
    try:
        dialog.reject()
    finally:
        messages.confirm_discard = original  # type: ignore[assignment]
    assert asked == [True] and dialog.isVisible()
    assert services.anos_letivos.get(ano).data_fim == date(2026, 11, 30)


def test_the_dias_nao_letivos_model_is_a_sound_qt_model(qtmodeltester, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    model = DiasNaoLetivosModel()
    model.reload([DiaNaoLetivoData(date(2026, 11, 2), "Finados"), DiaNaoLetivoData(date(2026, 4, 21), "Tiradentes")])
    model.add(DiaNaoLetivoData(date(2026, 7, 13), "Recesso", "recesso"))
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(3)] == ["21/04/2026", "13/07/2026", "02/11/2026"]
    assert [model.index(r, 1).data() for r in range(3)] == ["terça", "segunda", "segunda"]
    assert model.index(1, 3).data() == "Recesso"
    model.remove(0)
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_an_enturmacao_outside_the_year_is_refused_on_its_date(qtbot: QtBot, services: Services) -> None:
    # Given a 2026 turma whose year runs from 03/02 to 18/12, and an aluno to put in it
    ano = services.anos_letivos.create(
        AnoLetivoData(ano=2026, data_inicio=date(2026, 2, 3), data_fim=date(2026, 12, 18))
    )
    turma_id = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"))
    services.alunos.create(AlunoData(nome="Ana Souza"))
    turma = services.turmas.row(turma_id)
    dialog = EnturmarDialog(services.turmas, turma)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)

    # When she checks Ana and types 01/01/2031 as the data de entrada
    index = dialog.proxy.index(dialog.row_of("Ana Souza"), 0)
    qtbot.mouseClick(dialog.lista.viewport(), Qt.MouseButton.LeftButton, pos=dialog.lista.visualRect(index).center())
    assert dialog.model.checked_ids()
    _type(qtbot, dialog.data_entrada, "01/01/2031")
    _click(qtbot, dialog.save_button)

    # Then it is refused under the date, with the year's dates, and Ana is not in the turma
    assert dialog.isVisible()
    assert dialog.error_text("data_entrada") == (
        "A data de entrada 01/01/2031 está fora do ano letivo de 2026 (03/02/2026 a 18/12/2026)."
    )
    assert services.turmas.roster(turma_id) == []

    # And a date inside the year goes through
    _type(qtbot, dialog.data_entrada, "03/02/2026")
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    assert [r.data_entrada for r in services.turmas.roster(turma_id)] == [date(2026, 2, 3)]


def test_the_enturmacao_date_starts_inside_the_turmas_year(qtbot: QtBot, services: Services) -> None:
    # Given a year still to come and one long gone (today falls in neither)
    futuro = services.anos_letivos.create(
        AnoLetivoData(ano=2199, data_inicio=date(2199, 2, 4), data_fim=date(2199, 12, 16))
    )
    passado = services.anos_letivos.create(AnoLetivoData(ano=1999))
    for ano, esperada in ((futuro, "04/02/2199"), (passado, "31/12/1999")):
        turma_id = services.turmas.create(TurmaData(ano, "1º ano A", "1º ano", "matutino"))
        # When the enturmação opens for one of its turmas
        dialog = EnturmarDialog(services.turmas, services.turmas.row(turma_id))
        qtbot.addWidget(dialog)
        # Then the date offered is the nearest day of that year, not a today that would be refused
        assert dialog.data_entrada.text() == esperada


def test_dias_nao_letivos_are_imported_from_a_spreadsheet_without_rewriting_any(
    qtbot: QtBot,
    services: Services,
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from escola_gui.gui.forms import ano_letivo

    # Given a 2026 year (03/02 to 18/12) that already has Tiradentes, and the municipal calendar
    ano = services.anos_letivos.create(
        AnoLetivoData(
            ano=2026,
            data_inicio=date(2026, 2, 3),
            data_fim=date(2026, 12, 18),
            dias_nao_letivos=(DiaNaoLetivoData(date(2026, 4, 21), "Tiradentes (municipal)"),),
        )
    )
    planilha = tmp_path / "calendario municipal.csv"
    planilha.write_text(
        "Data;Descrição;Tipo\n21/04/2026;Tiradentes;\n04/06/2026;Corpus Christi;\n"
        "13/07/2026;Recesso;Recesso\n01/01/2027;Confraternização;\n31/02/2026;Erro;\n",
        encoding="utf-8",
    )
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(ano_letivo, "ask_open_spreadsheet", lambda *_a: str(planilha))
    dialog = _open(qtbot, services, ano)

    # When she imports it
    _click(qtbot, dialog.dias.importar)
    qtbot.waitUntil(lambda: bool(shown))

    # Then the new days inside the year are added; Tiradentes keeps its descrição; she is told
    # what was left out and why, and that nothing is saved until Salvar
    assert [(d.data, d.descricao, d.tipo) for d in dialog.dias.model.dias()] == [
        (date(2026, 4, 21), "Tiradentes (municipal)", "feriado"),
        (date(2026, 6, 4), "Corpus Christi", "feriado"),
        (date(2026, 7, 13), "Recesso", "recesso"),
    ]
    (texto,) = shown
    assert texto.startswith("2 dias adicionados à lista.")
    assert "Linha 6: a data 31/02/2026 não existe." in texto
    assert "O dia 21/04/2026 já estava na lista e ficou como estava." in texto
    assert "O dia não letivo 01/01/2027 está fora do ano letivo de 2026 (03/02/2026 a 18/12/2026)." in texto
    assert texto.endswith("Confira a lista e clique em Salvar para gravar.")
    assert len(services.anos_letivos.get(ano).dias_nao_letivos) == 1
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    assert len(services.anos_letivos.get(ano).dias_nao_letivos) == 3
