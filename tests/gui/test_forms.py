"""The forms, driven as a user would: type, click Salvar, read the message under the field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData, MatriculaData
from escola_gui.core.services import Services
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.forms.curso import CursoDialog
from escola_gui.gui.forms.matricula import MatriculaDialog
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.forms import RecordDialog

# The offscreen platform warns whenever a shown window's size hints change; harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _error(dialog: RecordDialog, field: str) -> str:
    """The message under ``field``, also when it is on a tab other than the current one."""
    label = dialog.findChild(QLabel, f"erro_{field}")
    assert label is not None
    return label.text() if not label.isHidden() else ""


def _go_to_tab(qtbot: QtBot, dialog: AlunoDialog, title: str) -> None:
    assert dialog.tabs is not None
    bar = dialog.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dialog.tabs.currentIndex() == index


def _current_tab(dialog: AlunoDialog) -> str:
    assert dialog.tabs is not None
    return dialog.tabs.tabText(dialog.tabs.currentIndex()).replace("&", "")


def _save(qtbot: QtBot, dialog: RecordDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _aluno_dialog(qtbot: QtBot, services: Services, aluno_id: int | None = None) -> AlunoDialog:
    dialog = AlunoDialog(services.alunos, aluno_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_empty_nome_is_refused_with_a_message_and_focus(qtbot: QtBot, services: Services) -> None:
    # Given a new aluno form left blank
    dialog = _aluno_dialog(qtbot, services)
    # When the user clicks Salvar
    _save(qtbot, dialog)
    # Then the form stays open and says what is missing, next to the nome field
    assert dialog.isVisible()
    assert _error(dialog, "nome") == "Informe o nome."
    assert dialog.focusWidget() is dialog.nome
    assert services.alunos.list() == []


def test_bad_email_cpf_and_future_birth_date_are_each_explained(qtbot: QtBot, services: Services) -> None:
    dialog = _aluno_dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Ana Julia")
    qtbot.keyClicks(dialog.email, "ana@escola")
    qtbot.keyClicks(dialog.cpf, "529.982.247-24")
    qtbot.mouseClick(dialog.nascimento_nao_informada, Qt.MouseButton.LeftButton)
    assert dialog.data_nascimento.isEnabled()
    tomorrow = date.today() + timedelta(days=1)
    dialog.data_nascimento.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))

    _save(qtbot, dialog)

    assert dialog.isVisible()
    assert _error(dialog, "nome") == ""
    assert _error(dialog, "email").startswith("E-mail inválido")
    assert _error(dialog, "cpf").startswith("CPF inválido")
    assert _error(dialog, "data_nascimento") == "A data de nascimento não pode estar no futuro."
    # The first bad field in the form's order takes the focus, on its tab
    assert _current_tab(dialog) == "Dados pessoais"
    assert dialog.focusWidget() is dialog.data_nascimento
    assert services.alunos.list() == []


def test_short_cpf_is_explained(qtbot: QtBot, services: Services) -> None:
    dialog = _aluno_dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Ana")
    qtbot.keyClicks(dialog.cpf, "123.456")
    _save(qtbot, dialog)
    assert _error(dialog, "cpf") == "O CPF deve ter 11 dígitos, como 123.456.789-09."


def test_fixing_the_errors_saves_the_aluno(qtbot: QtBot, services: Services) -> None:
    dialog = _aluno_dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Ana")
    qtbot.keyClicks(dialog.cpf, "111.111.111-11")
    _save(qtbot, dialog)
    assert _error(dialog, "cpf")

    dialog.cpf.clear()
    qtbot.keyClicks(dialog.cpf, "52998224725")
    qtbot.keyClicks(dialog.telefones, "(11) 98765-4321")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    assert dialog.saved_id is not None
    assert services.alunos.get(dialog.saved_id) == AlunoData(
        nome="Ana", cpf="52998224725", telefones=("(11) 98765-4321",)
    )


def test_email_in_use_is_shown_under_the_email(qtbot: QtBot, services: Services) -> None:
    services.alunos.create(AlunoData(nome="Ana", email="ana@escola.com.br"))
    dialog = _aluno_dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Outra Ana")
    qtbot.keyClicks(dialog.email, "ANA@escola.com.br")

    _save(qtbot, dialog)

    assert dialog.isVisible()
    assert _error(dialog, "email") == "Este e-mail já está cadastrado para outro aluno."


def test_editing_shows_the_stored_values(qtbot: QtBot, services: Services) -> None:
    aluno_id = services.alunos.create(
        AlunoData(nome="João", cpf="52998224725", data_nascimento=date(2010, 3, 4), telefones=("3333-4444",))
    )
    dialog = _aluno_dialog(qtbot, services, aluno_id)

    assert dialog.windowTitle() == "Editar aluno"
    assert dialog.cpf.text() == "529.982.247-25"
    assert dialog.data_nascimento.text() == "04/03/2010"
    assert not dialog.nascimento_nao_informada.isChecked()
    assert dialog.telefones.toPlainText() == "3333-4444"

    qtbot.mouseClick(dialog.nascimento_nao_informada, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert services.alunos.get(aluno_id).data_nascimento is None


# Valid numbers from tests/core/test_documentos.py.
CERTIDAO = "10453901552013100012021000012321"
NIS = "46952280637"


def test_aluno_form_has_three_tabs_and_a_generated_ra(qtbot: QtBot, services: Services) -> None:
    dialog = _aluno_dialog(qtbot, services)

    assert dialog.tabs is not None
    assert [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())] == [
        "Dados pessoais",
        "Documentos",
        "Contatos",
    ]
    assert _current_tab(dialog) == "Dados pessoais"
    assert [dialog.sexo.itemText(i) for i in range(dialog.sexo.count())] == ["Não informado", "Feminino", "Masculino"]
    assert [dialog.cor_raca.itemText(i) for i in range(dialog.cor_raca.count())] == [
        "Não informada",
        "Não declarada",
        "Branca",
        "Preta",
        "Parda",
        "Amarela",
        "Indígena",
    ]
    assert dialog.ra.text() == "" and dialog.ra.placeholderText() == "gerado ao salvar"


def test_a_bad_nis_switches_to_documentos_and_focuses_it(qtbot: QtBot, services: Services) -> None:
    # Given a new aluno whose NIS, typed on the Documentos tab, has a wrong check digit
    dialog = _aluno_dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Ana Souza")
    _go_to_tab(qtbot, dialog, "Documentos")
    qtbot.keyClicks(dialog.nis, "469.52280.63-8")
    # When the user goes back to the first tab and clicks Salvar
    _go_to_tab(qtbot, dialog, "Dados pessoais")
    _save(qtbot, dialog)

    # Then the form shows Documentos, says what is wrong under the NIS and focuses it
    assert dialog.isVisible()
    assert _current_tab(dialog) == "Documentos"
    assert _error(dialog, "nis") == "NIS (PIS/PASEP) inválido: o dígito verificador não confere."
    assert dialog.focusWidget() is dialog.nis
    assert _error(dialog, "nome") == ""
    assert services.alunos.list() == []
    # And the tab with the mistake is marked, and the dialog grew so that no field is squashed
    assert dialog.tabs is not None
    assert [dialog.tabs.tabIcon(i).isNull() for i in range(3)] == [True, False, True]
    qtbot.waitUntil(lambda: dialog.nis.height() >= dialog.nis.sizeHint().height())

    # When they fix it, the message goes away and the aluno is saved
    dialog.nis.clear()
    qtbot.keyClicks(dialog.nis, "469.52280.63-7")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert services.alunos.get(dialog.saved_id).nis == NIS  # type: ignore[arg-type]


def test_every_tab_is_saved_and_shown_again(qtbot: QtBot, services: Services) -> None:
    # Given a new aluno filled in on each tab, the combos chosen by typing as a user would
    dialog = _aluno_dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Ana Souza")
    qtbot.keyClicks(dialog.nome_social, "Lu Souza")
    qtbot.keyClicks(dialog.sexo, "F")
    qtbot.keyClicks(dialog.cor_raca, "Ind")
    _go_to_tab(qtbot, dialog, "Documentos")
    qtbot.keyClicks(dialog.ra, "SP-2024-017")
    qtbot.keyClicks(dialog.rg, "12.345.678-9 SSP/SP")
    qtbot.keyClicks(dialog.certidao_nascimento, "104539 01 55 2013 1 00012 021 0000123 21")
    qtbot.keyClicks(dialog.nis, "469.52280.63-7")
    qtbot.keyClicks(dialog.codigo_inep, "123456789012")
    _go_to_tab(qtbot, dialog, "Contatos")
    qtbot.keyClicks(dialog.email, "ana@escola.com.br")

    # When the user saves
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then the service holds the values as stored
    assert dialog.saved_id is not None
    stored = services.alunos.get(dialog.saved_id)
    assert stored == AlunoData(
        nome="Ana Souza",
        email="ana@escola.com.br",
        nome_social="Lu Souza",
        sexo="F",
        cor_raca="indigena",
        rg="12.345.678-9 SSP/SP",
        certidao_nascimento=CERTIDAO,
        nis=NIS,
        codigo_inep="123456789012",
    )
    assert stored.ra == "SP-2024-017"

    # And editing shows them again, formatted, with the labels of the combos
    edit = _aluno_dialog(qtbot, services, dialog.saved_id)
    assert (edit.nome_social.text(), edit.sexo.currentText(), edit.cor_raca.currentText()) == (
        "Lu Souza",
        "Feminino",
        "Indígena",
    )
    assert edit.ra.text() == "SP-2024-017"
    assert edit.certidao_nascimento.text() == "104539 01 55 2013 1 00012 021 0000123 21"
    assert edit.nis.text() == "469.52280.63-7"
    assert edit.codigo_inep.text() == "123456789012"


def test_clearing_the_ra_of_an_aluno_is_refused(qtbot: QtBot, services: Services) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana", sexo="M", cor_raca="branca"))
    dialog = _aluno_dialog(qtbot, services, aluno_id)
    assert dialog.ra.text() == "00000001"
    assert dialog.ra.placeholderText() == ""

    dialog.ra.clear()
    _save(qtbot, dialog)

    assert dialog.isVisible()
    assert _current_tab(dialog) == "Documentos"
    assert _error(dialog, "ra") == "Informe o RA."
    assert dialog.focusWidget() is dialog.ra

    # Choosing "não informado" again clears the census fields
    qtbot.keyClicks(dialog.ra, "2024-001")
    _go_to_tab(qtbot, dialog, "Dados pessoais")
    qtbot.keyClick(dialog.sexo, Qt.Key.Key_Home)  # the first item: não informado
    qtbot.keyClick(dialog.cor_raca, Qt.Key.Key_Home)
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    stored = services.alunos.get(aluno_id)
    assert (stored.ra, stored.sexo, stored.cor_raca) == ("2024-001", None, None)


def test_a_ra_in_use_is_shown_under_the_ra(qtbot: QtBot, services: Services) -> None:
    services.alunos.create(AlunoData(nome="Ana", ra="2024-001"))
    dialog = _aluno_dialog(qtbot, services)
    qtbot.keyClicks(dialog.nome, "Bruno")
    _go_to_tab(qtbot, dialog, "Documentos")
    qtbot.keyClicks(dialog.ra, " 2024-001 ")
    _go_to_tab(qtbot, dialog, "Contatos")

    _save(qtbot, dialog)

    assert _current_tab(dialog) == "Documentos"
    assert _error(dialog, "ra") == "Este RA já pertence a outro aluno."


def test_outros_emails_are_shown_edited_and_saved(qtbot: QtBot, services: Services) -> None:
    # Given an aluno with a main e-mail and two others
    aluno_id = services.alunos.create(
        AlunoData(
            nome="Conceição Gonçalves",
            email="conceicao@escola.com.br",
            outros_emails=("mae@exemplo.com.br", "pai@exemplo.com.br"),
        )
    )
    # When the form is opened, the Contatos tab shows them one per line
    dialog = _aluno_dialog(qtbot, services, aluno_id)
    _go_to_tab(qtbot, dialog, "Contatos")
    assert dialog.outros_emails.toPlainText() == "mae@exemplo.com.br\npai@exemplo.com.br"
    assert dialog.outros_emails.isVisible()

    # When the user adds one on a new line, repeats the main e-mail and saves
    dialog.outros_emails.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(dialog.outros_emails, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.outros_emails, "  Avo@Exemplo.com.br ")
    qtbot.keyClick(dialog.outros_emails, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.outros_emails, "CONCEICAO@escola.com.br")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    # Then they are stored lowercased, without the main e-mail, and the nome is untouched
    stored = services.alunos.get(aluno_id)
    assert stored.outros_emails == ("mae@exemplo.com.br", "pai@exemplo.com.br", "avo@exemplo.com.br")
    assert stored.nome == "Conceição Gonçalves"

    # And emptying the box removes them
    edit = _aluno_dialog(qtbot, services, aluno_id)
    edit.outros_emails.setPlainText("")
    with qtbot.waitSignal(edit.accepted):
        _save(qtbot, edit)
    assert services.alunos.get(aluno_id).outros_emails == ()


def test_a_bad_outro_email_is_explained_under_it_on_contatos(qtbot: QtBot, services: Services) -> None:
    # Given a new aluno whose second other e-mail lacks its domain
    dialog = _aluno_dialog(qtbot, services)
    dialog.nome.setText("João Conceição")
    _go_to_tab(qtbot, dialog, "Contatos")
    qtbot.keyClicks(dialog.outros_emails, "mae@exemplo.com.br")
    qtbot.keyClick(dialog.outros_emails, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.outros_emails, "pai@")
    _go_to_tab(qtbot, dialog, "Dados pessoais")

    # When the user saves
    _save(qtbot, dialog)

    # Then the form shows Contatos, says what is wrong under the field and focuses it
    assert dialog.isVisible()
    assert _current_tab(dialog) == "Contatos"
    assert _error(dialog, "outros_emails") == "E-mail inválido. Use o formato nome@exemplo.com.br, sem espaços."
    assert _error(dialog, "email") == ""
    assert dialog.focusWidget() is dialog.outros_emails
    assert services.alunos.list() == []

    # When they fix it, the aluno is saved with both
    dialog.outros_emails.setPlainText("mae@exemplo.com.br\npai@exemplo.com.br")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert dialog.saved_id is not None
    assert services.alunos.get(dialog.saved_id).outros_emails == ("mae@exemplo.com.br", "pai@exemplo.com.br")


def test_curso_dialog_requires_a_unique_nome(qtbot: QtBot, services: Services) -> None:
    services.cursos.create(CursoData(nome="Inglês"))
    dialog = CursoDialog(services.cursos)
    qtbot.addWidget(dialog)
    dialog.show()

    _save(qtbot, dialog)
    assert _error(dialog, "nome") == "Informe o nome."

    qtbot.keyClicks(dialog.nome, "ingles")
    _save(qtbot, dialog)
    assert _error(dialog, "nome") == "Já existe um curso com este nome."

    dialog.nome.clear()
    qtbot.keyClicks(dialog.nome, "Musica")
    dialog.carga_horaria.setValue(30)
    qtbot.keyClicks(dialog.observacoes, "Aos sabados")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)
    assert dialog.saved_id is not None
    assert services.cursos.get(dialog.saved_id) == CursoData("Musica", None, 30, "Aos sabados")


def test_matricula_dialog_requires_aluno_and_curso_and_refuses_duplicates(qtbot: QtBot, services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    services.matriculas.create(ana, ingles, date(2024, 2, 1))
    dialog = MatriculaDialog(services.matriculas)
    qtbot.addWidget(dialog)
    dialog.show()

    _save(qtbot, dialog)
    assert _error(dialog, "aluno") == "Escolha um aluno."
    assert _error(dialog, "curso") == "Escolha um curso."

    dialog.select(dialog.aluno, ana)
    dialog.select(dialog.curso, ingles)
    _save(qtbot, dialog)
    assert _error(dialog, "aluno") == ""
    assert _error(dialog, "curso") == "Este aluno já está matriculado neste curso."
    assert dialog.isVisible()


def test_matricula_dialog_saves_observacoes(qtbot: QtBot, services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    dialog = MatriculaDialog(services.matriculas)
    qtbot.addWidget(dialog)
    dialog.show()
    # A new matrícula starts on today's date, with no note about a missing one
    assert dialog.data_matricula.date() == QDate.currentDate()
    assert not dialog.aviso_data.isVisible()

    dialog.select(dialog.aluno, ana)
    dialog.select(dialog.curso, ingles)
    dialog.data_matricula.setDate(QDate(2024, 2, 1))
    qtbot.keyClicks(dialog.observacoes, "Bolsa parcial")
    with qtbot.waitSignal(dialog.accepted):
        _save(qtbot, dialog)

    assert dialog.saved_id is not None
    assert services.matriculas.get(dialog.saved_id) == MatriculaData(ana, ingles, date(2024, 2, 1), "Bolsa parcial")


def test_matricula_dialog_refuses_an_empty_date_and_focuses_it(qtbot: QtBot, services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    ingles = services.cursos.create(CursoData(nome="Inglês"))
    dialog = MatriculaDialog(services.matriculas)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    dialog.select(dialog.aluno, ana)
    dialog.select(dialog.curso, ingles)
    dialog.data_matricula.setDate(dialog.data_matricula.minimumDate())  # what an upgraded 0.x row shows

    _save(qtbot, dialog)

    # The empty box says so in grey (its placeholder)
    assert (dialog.data_matricula.text(), dialog.data_matricula.placeholderText()) == ("", "não informada")
    assert _error(dialog, "data_matricula") == "Informe a data da matrícula."
    assert dialog.focusWidget() is dialog.data_matricula
    assert services.matriculas.list() == []


@pytest.mark.parametrize(("answer", "expected"), [("Sim", True), ("Não", False)])
def test_yes_no_question_speaks_portuguese(qtbot: QtBot, answer: str, expected: bool) -> None:
    seen: list[list[str]] = []

    def answer_it() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append([button.text() for button in box.buttons()])
        assert box.defaultButton().text() == "Não"  # the safe answer
        [button] = [b for b in box.buttons() if b.text() == answer]
        button.click()

    QTimer.singleShot(0, answer_it)
    assert messages.ask_yes_no(None, "Confirmar exclusão", "Excluir?") is expected
    assert sorted(seen[0]) == ["Não", "Sim"]
