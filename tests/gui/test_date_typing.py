"""Typing a date into a form, however the field is reached (issue 12).

Reproduced before: click into the birth date, Ctrl+A, type 25/08/2013 → it showed and saved
07/08/2013 (today's day); a click on the day and digits did nothing. A date that does not
exist must be said under the field, never saved as another.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.services import Services
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.forms.matricula import MatriculaDialog
from escola_gui.gui.toolkit.forms import RecordDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _open(qtbot: QtBot, dialog: RecordDialog) -> None:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # a click gives the focus in the active window only
        dialog.show()
        dialog.activateWindow()


def _aluno_form(qtbot: QtBot, services: Services) -> AlunoDialog:
    dialog = AlunoDialog(services.alunos)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.nome, "Ana Souza")
    qtbot.mouseClick(dialog.nascimento_nao_informada, Qt.MouseButton.LeftButton)
    assert dialog.data_nascimento.isEnabled()
    return dialog


def _click_at(qtbot: QtBot, field: QWidget, fraction: float) -> None:
    """Click ``fraction`` of the way across the text: the day (0.1), the month (0.35), the year (0.6)."""
    text_width = field.fontMetrics().horizontalAdvance("00/00/0000")
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(4 + int(text_width * fraction), field.height() // 2))


def _reach_by_click(where: float) -> Callable[[QtBot, AlunoDialog], None]:
    return lambda qtbot, dialog: _click_at(qtbot, dialog.data_nascimento, where)


def _reach_by_click_and_select_all(qtbot: QtBot, dialog: AlunoDialog) -> None:
    _click_at(qtbot, dialog.data_nascimento, 0.1)
    qtbot.keyClick(dialog.data_nascimento, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def _reach_by_tab(qtbot: QtBot, dialog: AlunoDialog) -> None:
    dialog.nome_social.setFocus()
    qtbot.waitUntil(dialog.nome_social.hasFocus)
    qtbot.keyClick(dialog.nome_social, Qt.Key.Key_Tab)
    assert dialog.data_nascimento.hasFocus()


REACHES = {
    "clique no dia": _reach_by_click(0.1),
    "clique no mês": _reach_by_click(0.35),
    "clique no ano": _reach_by_click(0.6),
    "clique e Ctrl+A": _reach_by_click_and_select_all,
    "Tab": _reach_by_tab,
}


@pytest.mark.parametrize("typed", ["25/08/2013", "25082013", "25/8/2013"])
@pytest.mark.parametrize("reach", list(REACHES), ids=list(REACHES))
def test_a_typed_date_is_shown_and_saved_as_typed(qtbot: QtBot, services: Services, reach: str, typed: str) -> None:
    # Given the new aluno form with the birth date field reached one way or another
    dialog = _aluno_form(qtbot, services)
    REACHES[reach](qtbot, dialog)
    assert dialog.data_nascimento.hasFocus()
    # When the secretary types the date
    qtbot.keyClicks(dialog.data_nascimento, typed)
    # Then the field holds that date, shown as dd/mm/aaaa once she leaves it
    assert dialog.data_nascimento.date() == QDate(2013, 8, 25)
    qtbot.keyClick(dialog.data_nascimento, Qt.Key.Key_Tab)
    assert dialog.data_nascimento.text() == "25/08/2013"
    # And that is the date saved
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.alunos.get(dialog.saved_id).data_nascimento == date(2013, 8, 25)


@pytest.mark.parametrize("reach", list(REACHES), ids=list(REACHES))
def test_a_new_alunos_birth_date_is_typed_straight_away(qtbot: QtBot, services: Services, reach: str) -> None:
    # A new aluno starts with "Não informada" ticked; the field must still take a click or a
    # Tab and the date typed (it was greyed out: a click did nothing, Tab skipped it).
    dialog = AlunoDialog(services.alunos)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.nome, "Ana Souza")
    assert dialog.nascimento_nao_informada.isChecked() and dialog.data_nascimento.text() == ""
    REACHES[reach](qtbot, dialog)
    assert dialog.data_nascimento.hasFocus()
    qtbot.keyClicks(dialog.data_nascimento, "25/08/2013")
    assert not dialog.nascimento_nao_informada.isChecked()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.alunos.get(dialog.saved_id).data_nascimento == date(2013, 8, 25)


def test_ticking_nao_informada_empties_the_date_and_saves_none(qtbot: QtBot, services: Services) -> None:
    dialog = _aluno_form(qtbot, services)  # unticked, then a date typed
    qtbot.keyClicks(dialog.data_nascimento, "31/02/2013")
    qtbot.mouseClick(dialog.nascimento_nao_informada, Qt.MouseButton.LeftButton)
    assert dialog.nascimento_nao_informada.isChecked() and dialog.data_nascimento.text() == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.alunos.get(dialog.saved_id).data_nascimento is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2013", "A data 31/02/2013 não existe."),
        ("29/02/2013", "A data 29/02/2013 não existe."),
        ("00/08/2013", "A data 00/08/2013 não existe."),
        ("25/13/2013", "A data 25/13/2013 não existe."),
        ("25/08", "Data incompleta ou inválida: digite dia, mês e ano, por exemplo 25/08/2013."),
    ],
)
def test_an_impossible_date_is_a_field_error_and_stays_as_typed(
    qtbot: QtBot, services: Services, typed: str, message: str
) -> None:
    dialog = _aluno_form(qtbot, services)
    _reach_by_click_and_select_all(qtbot, dialog)
    qtbot.keyClicks(dialog.data_nascimento, typed)
    dialog.email.setText("ana@")  # another mistake: both are said at once

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    # Nothing saved, nothing silently changed: the text is as typed and the form says why
    assert dialog.isVisible()
    assert dialog.data_nascimento.text() == typed
    assert dialog.error_text("data_nascimento") == message
    assert dialog.error_text("email") != ""
    assert dialog.focusWidget() is dialog.data_nascimento
    assert services.alunos.list() == []

    # Once fixed, the message goes away while she types, before any Salvar
    _reach_by_click_and_select_all(qtbot, dialog)
    qtbot.keyClicks(dialog.data_nascimento, "25/08/2013")
    assert dialog.error_text("data_nascimento") == ""


def test_letters_do_not_go_into_a_date_and_up_steps_the_part_at_the_cursor(qtbot: QtBot, services: Services) -> None:
    dialog = _aluno_form(qtbot, services)
    _reach_by_click_and_select_all(qtbot, dialog)
    qtbot.keyClicks(dialog.data_nascimento, "2x5/08/2013")
    assert dialog.data_nascimento.text() == "25/08/2013"
    dialog.data_nascimento.setCursorPosition(4)  # in the month
    qtbot.keyClick(dialog.data_nascimento, Qt.Key.Key_Up)
    assert dialog.data_nascimento.date() == QDate(2013, 9, 25)


def test_the_matricula_date_is_typed_the_same_way(qtbot: QtBot, services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    dialog = MatriculaDialog(services.matriculas)
    _open(qtbot, dialog)
    dialog.select(dialog.aluno, ana)
    dialog.select(dialog.curso, ingles)
    _click_at(qtbot, dialog.data_matricula, 0.6)
    qtbot.keyClicks(dialog.data_matricula, "03/02/2025")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.matriculas.get(dialog.saved_id).data_matricula == date(2025, 2, 3)
