"""Undo and redo across the fields of a form (Ctrl+Z, Ctrl+Shift+Z), nothing saved until Salvar."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.services import Services
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.forms.curso import CursoDialog
from escola_gui.gui.forms.matricula import MatriculaDialog
from escola_gui.gui.forms.responsaveis import ResponsavelDialog
from escola_gui.gui.toolkit.forms import RecordDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _open(qtbot: QtBot, dialog: RecordDialog) -> None:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # the form's shortcuts work in the active window
        dialog.show()
        dialog.activateWindow()


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Focus ``widget``, select what is in it and type ``text`` (ASCII) over it."""
    _focus(qtbot, widget)
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(widget, text)


def _undo(qtbot: QtBot, dialog: RecordDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Z, CTRL)


def _redo(qtbot: QtBot, dialog: RecordDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Z, CTRL_SHIFT)


def test_aluno_nome_then_telefone_undo_twice_redo_once_and_save(qtbot: QtBot, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana", telefones=("3333-4444",), data_nascimento=date(2014, 5, 6)))
    dialog = AlunoDialog(services.alunos, aluno_id)
    _open(qtbot, dialog)
    assert not dialog.action_desfazer.isEnabled()  # loading the stored values is no change

    _retype(qtbot, dialog.nome, "Ana Souza")
    _focus(qtbot, dialog.telefones)  # the nome is done: one change
    assert dialog.undo_stack.undoText() == "Nome"
    qtbot.keyClick(dialog.telefones, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(dialog.telefones, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.telefones, "(11) 98765-4321")
    _focus(qtbot, dialog.email)
    assert dialog.undo_stack.undoText() == "Telefones"
    assert dialog.action_desfazer.text() == "&Desfazer Telefones"
    assert dialog.telefones.toPlainText() == "3333-4444\n(11) 98765-4321"

    _undo(qtbot, dialog)
    assert dialog.telefones.toPlainText() == "3333-4444"
    assert dialog.focusWidget() is dialog.telefones  # the field changed back is shown
    _undo(qtbot, dialog)
    assert dialog.nome.text() == "Ana"
    assert dialog.focusWidget() is dialog.nome and dialog.tabs is not None and dialog.tabs.currentIndex() == 0
    assert not dialog.action_desfazer.isEnabled() and dialog.action_refazer.text() == "&Refazer Nome"
    _redo(qtbot, dialog)
    assert dialog.nome.text() == "Ana Souza" and dialog.action_refazer.text() == "&Refazer Telefones"
    # Nothing is written until Salvar
    assert services.alunos.get(aluno_id).nome == "Ana"

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = services.alunos.get(aluno_id)
    assert (stored.nome, stored.telefones, stored.data_nascimento) == ("Ana Souza", ("3333-4444",), date(2014, 5, 6))


def test_typing_not_yet_done_is_undone_by_the_field_first(qtbot: QtBot, services: Services) -> None:
    dialog = AlunoDialog(services.alunos, None)
    _open(qtbot, dialog)
    _retype(qtbot, dialog.nome, "Bia")
    _focus(qtbot, dialog.nome_social)
    qtbot.keyClicks(dialog.nome_social, "Bea")  # still in the field: not a change of the form yet

    _undo(qtbot, dialog)  # the line edit's own undo
    assert dialog.nome_social.text() == "" and dialog.nome.text() == "Bia"
    assert dialog.undo_stack.count() == 1
    _redo(qtbot, dialog)  # and its own redo, while it has one
    assert dialog.nome_social.text() == "Bea" and dialog.undo_stack.count() == 1
    _undo(qtbot, dialog)
    _undo(qtbot, dialog)  # nothing of its own left: the form's, the nome
    assert dialog.nome.text() == "" and dialog.nome_social.text() == ""
    _redo(qtbot, dialog)  # the nome field has nothing of its own to redo: the form's
    assert dialog.nome.text() == "Bia"


def test_combos_check_boxes_and_dates_are_changes_too(qtbot: QtBot, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Caio", data_nascimento=date(2012, 1, 2)))
    dialog = AlunoDialog(services.alunos, aluno_id)
    _open(qtbot, dialog)
    dialog.sexo.setCurrentIndex(dialog.sexo.findText("Masculino"))
    _focus(qtbot, dialog.ativo)
    qtbot.keyClick(dialog.ativo, Qt.Key.Key_Space)
    # A date typed or stepped while the field has the focus is one change
    _focus(qtbot, dialog.data_nascimento)
    qtbot.keyClick(dialog.data_nascimento, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.data_nascimento, Qt.Key.Key_Up)
    assert dialog.data_nascimento.date() == QDate(2012, 1, 4)
    assert [dialog.undo_stack.text(i) for i in range(dialog.undo_stack.count())] == [
        "Sexo",
        "Ativo",
        "Data de nascimento",
    ]

    _undo(qtbot, dialog)
    assert dialog.data_nascimento.date() == QDate(2012, 1, 2)
    _undo(qtbot, dialog)
    assert dialog.ativo.isChecked()
    _undo(qtbot, dialog)
    assert dialog.sexo.currentText() == "Não informado"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = services.alunos.get(aluno_id)
    assert (stored.sexo, stored.ativo, stored.data_nascimento) == (None, True, date(2012, 1, 2))


def test_curso_and_matricula_forms_have_a_history(qtbot: QtBot, services: Services) -> None:
    curso_id = services.cursos.create(CursoData(nome="Inglês", carga_horaria=40))
    dialog = CursoDialog(services.cursos, curso_id)
    _open(qtbot, dialog)
    _retype(qtbot, dialog.nome, "Espanhol")
    _focus(qtbot, dialog.carga_horaria)
    qtbot.keyClick(dialog.carga_horaria, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.carga_horaria, Qt.Key.Key_Up)
    assert [dialog.undo_stack.text(i) for i in range(dialog.undo_stack.count())] == ["Nome", "Carga horária"]
    _undo(qtbot, dialog)
    assert dialog.carga_horaria.value() == 40
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = services.cursos.get(curso_id)
    assert (stored.nome, stored.carga_horaria) == ("Espanhol", 40)

    aluno_id = services.alunos.create(AlunoData(nome="Davi"))
    matricula = MatriculaDialog(services.matriculas, None)
    _open(qtbot, matricula)
    matricula.aluno.setCurrentIndex(matricula.aluno.findData(aluno_id))
    matricula.curso.setCurrentIndex(matricula.curso.findData(curso_id))
    assert matricula.undo_stack.undoText() == "Curso"
    _undo(qtbot, matricula)
    assert matricula.curso.currentIndex() == -1 and matricula.aluno.currentData() == aluno_id
    _redo(qtbot, matricula)
    assert matricula.curso.currentData() == curso_id


def test_responsavel_form_has_a_history(qtbot: QtBot, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Eva"))
    dialog = ResponsavelDialog(services.responsaveis, aluno_id)
    _open(qtbot, dialog)
    _retype(qtbot, dialog.nome, "Maria Lima")
    _focus(qtbot, dialog.parentesco)
    dialog.parentesco.setCurrentIndex(0)
    assert [dialog.undo_stack.text(i) for i in range(dialog.undo_stack.count())] == ["Nome", "Parentesco"]
    _undo(qtbot, dialog)
    assert dialog.parentesco.currentIndex() == -1 and dialog.nome.text() == "Maria Lima"
