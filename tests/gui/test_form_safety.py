"""Safe defaults in the forms (issue 12): Cancelar, Esc or closing a form with unsaved edits
asks first; a field's message goes away once the field is fixed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.services import Services
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.forms.curso import CursoDialog
from escola_gui.gui.forms.disciplina import DisciplinaDialog
from escola_gui.gui.forms.turma import TurmaDialog
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.forms import RecordDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions asked; each answered with ``answers[0]`` (Não unless a test says)."""
    asked: list[str] = []

    def ask(_parent: QWidget | None, title: str, _text: str) -> bool:
        asked.append(title)
        return ANSWER[0]

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    monkeypatch.setattr(messages, "confirm_discard", REAL_CONFIRM_DISCARD)  # the one conftest replaced
    ANSWER[0] = False
    return asked


ANSWER = [False]
REAL_CONFIRM_DISCARD = messages.confirm_discard


def _open(qtbot: QtBot, dialog: RecordDialog) -> RecordDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _ano(services: Services) -> int:
    anos = services.anos_letivos.list()
    return anos[0].id if anos else services.anos_letivos.create(AnoLetivoData(ano=2026))


FORMS: dict[str, Callable[[Services], RecordDialog]] = {
    "aluno novo": lambda s: AlunoDialog(s.alunos),
    "aluno existente": lambda s: AlunoDialog(s.alunos, s.alunos.create(AlunoData(nome="Bia"))),
    "curso": lambda s: CursoDialog(s.cursos),
    "disciplina": lambda s: DisciplinaDialog(s.disciplinas),
    "turma": lambda s: TurmaDialog(s.turmas, s.anos_letivos, s.disciplinas, None, _ano(s)),
}


def _cancel(qtbot: QtBot, dialog: RecordDialog, how: str) -> None:
    if how == "Cancelar":
        qtbot.mouseClick(dialog.button_box.button(dialog.button_box.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    elif how == "Esc":
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    else:
        dialog.close()  # the window's close button


@pytest.mark.parametrize("how", ["Cancelar", "Esc", "fechar"])
@pytest.mark.parametrize("form", list(FORMS))
def test_leaving_a_form_with_unsaved_edits_asks_first(
    qtbot: QtBot, services: Services, questions: list[str], form: str, how: str
) -> None:
    dialog = _open(qtbot, FORMS[form](services))
    nome = dialog.nome  # type: ignore[attr-defined]
    # Without edits it just closes
    _cancel(qtbot, dialog, how)
    assert questions == [] and not dialog.isVisible()

    # With an edit, it asks; "Não" (the default) keeps the form and what was typed
    dialog = _open(qtbot, FORMS[form](services))
    nome = dialog.nome  # type: ignore[attr-defined]
    nome.setFocus()
    qtbot.keyClicks(nome, "xyz")
    _cancel(qtbot, dialog, how)
    assert questions == ["Descartar as alterações?"]
    assert dialog.isVisible() and nome.text().endswith("xyz")
    # "Sim" discards them
    ANSWER[0] = True
    _cancel(qtbot, dialog, how)
    assert not dialog.isVisible()


def test_a_message_goes_away_once_its_field_is_fixed(qtbot: QtBot, services: Services) -> None:
    services.alunos.create(AlunoData(nome="Bia", ra="2026001"))
    dialog = _open(qtbot, AlunoDialog(services.alunos))
    qtbot.keyClicks(dialog.nome, "Ana")
    dialog.ra.setFocus()
    qtbot.keyClicks(dialog.ra, "2026001")
    qtbot.keyClicks(dialog.email, "ana@")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text("ra") != "" and dialog.error_text("email") != ""
    # Still wrong while being typed: the message stays
    qtbot.keyClick(dialog.email, Qt.Key.Key_Backspace)
    assert dialog.error_text("email") != ""
    # Fixed: it goes at once, before any Salvar; the other one stays until its field is fixed
    qtbot.keyClicks(dialog.email, "@escola.com.br")
    assert dialog.error_text("email") == ""
    assert dialog.error_text("ra") != ""
    qtbot.keyClick(dialog.ra, Qt.Key.Key_Backspace)
    assert dialog.error_text("ra") == ""
    # And the tab that held them loses its warning
    assert dialog.tabs is not None
    assert all(dialog.tabs.tabIcon(i).isNull() for i in range(dialog.tabs.count()))
