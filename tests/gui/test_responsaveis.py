"""The Responsáveis tab of the aluno form, driven as a user would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.responsaveis import ResponsavelData, VinculoRow
from escola_gui.core.services import Services
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.forms.responsaveis import ResponsaveisPanel, ResponsavelDialog, VinculoTableModel
from escola_gui.gui.toolkit import messages

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _aluno_dialog(qtbot: QtBot, services: Services, aluno_id: int | None) -> AlunoDialog:
    dialog = AlunoDialog(services.alunos, aluno_id, responsaveis=services.responsaveis)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _open_tab(qtbot: QtBot, dialog: AlunoDialog) -> ResponsaveisPanel:
    assert dialog.tabs is not None and dialog.responsaveis is not None
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(3).center())
    assert dialog.tabs.currentWidget() is dialog.responsaveis
    return dialog.responsaveis


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def _added_dialog(qtbot: QtBot, panel: ResponsaveisPanel) -> ResponsavelDialog:
    _click(qtbot, panel.adicionar)
    assert panel.dialog is not None
    qtbot.waitUntil(panel.dialog.isVisible)
    return panel.dialog


def _table(panel: ResponsaveisPanel) -> list[list[str]]:
    model = panel.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _select_row(qtbot: QtBot, panel: ResponsaveisPanel, row: int) -> None:
    view = panel.table
    rect = view.visualRect(panel.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _add_pending(qtbot: QtBot, panel: ResponsaveisPanel, nome: str, parentesco: str, legal: bool) -> None:
    form = _added_dialog(qtbot, panel)
    qtbot.keyClicks(form.nome, nome)
    form.parentesco.setCurrentIndex(form.parentesco.findData(parentesco))
    if legal:
        _click(qtbot, form.legal)
    with qtbot.waitSignal(form.accepted):
        _click(qtbot, form.save_button)


def test_a_new_aluno_gets_its_responsaveis_saved_with_it(qtbot: QtBot, services: Services) -> None:
    # Issue 12: the tab was greyed out until the aluno was saved and reopened.
    sibling = services.alunos.create(AlunoData(nome="Caio Souza"))
    rita = services.responsaveis.save_for_aluno(sibling, ResponsavelData(nome="Rita Souza"), "mae", True)
    dialog = _aluno_dialog(qtbot, services, None)
    assert dialog.tabs is not None and dialog.tabs.isTabEnabled(3)
    panel = _open_tab(qtbot, dialog)

    # When the secretary adds the pai, then the sibling's mãe (found by her nome), as legal
    _add_pending(qtbot, panel, "Jorge Souza", "pai", legal=True)
    form = _added_dialog(qtbot, panel)
    form.use_existing(rita)
    form.parentesco.setCurrentIndex(form.parentesco.findData("mae"))
    _click(qtbot, form.legal)
    with qtbot.waitSignal(form.accepted):
        _click(qtbot, form.save_button)
    # Then the tab lists both, one legal; nothing is saved yet
    assert [(r[0], r[1], r[2]) for r in _table(panel)] == [("Jorge Souza", "Pai", "Não"), ("Rita Souza", "Mãe", "Sim")]
    assert services.responsaveis.list_for_aluno(sibling)[0].nome == "Rita Souza"
    assert len(services.alunos.list()) == 1

    # A mistake in the aluno keeps everything as it is (nothing half-saved)
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.error_text("nome") != ""
    assert len(services.alunos.list()) == 1

    # When the nome is given and Salvar clicked, the aluno and its responsáveis are saved together
    qtbot.keyClicks(dialog.nome, "Ana Souza")
    _click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    vinculos = services.responsaveis.list_for_aluno(dialog.saved_id)
    assert sorted((v.nome, v.parentesco, v.responsavel_legal) for v in vinculos) == [
        ("Jorge Souza", "pai", False),
        ("Rita Souza", "mae", True),
    ]
    # the sibling's mãe is the same record, not a copy
    assert next(v for v in vinculos if v.nome == "Rita Souza").responsavel_id == rita


def test_a_responsavel_added_to_a_new_aluno_can_be_changed_and_removed(qtbot: QtBot, services: Services) -> None:
    dialog = _aluno_dialog(qtbot, services, None)
    panel = _open_tab(qtbot, dialog)
    _add_pending(qtbot, panel, "Jorge", "pai", legal=False)
    _select_row(qtbot, panel, 0)
    _click(qtbot, panel.editar)
    assert panel.dialog is not None
    qtbot.waitUntil(panel.dialog.isVisible)
    assert panel.dialog.nome.text() == "Jorge"
    qtbot.keyClick(panel.dialog.nome, Qt.Key.Key_End)
    qtbot.keyClicks(panel.dialog.nome, " Souza")
    with qtbot.waitSignal(panel.dialog.accepted):
        _click(qtbot, panel.dialog.save_button)
    assert [r[0] for r in _table(panel)] == ["Jorge Souza"]
    _select_row(qtbot, panel, 0)
    _click(qtbot, panel.remover)
    assert _table(panel) == []


def test_add_a_legal_responsavel_through_the_tab(qtbot: QtBot, services: Services) -> None:
    # Given a saved aluno, its form open on the Responsáveis tab
    ana = services.alunos.create(AlunoData(nome="Ana"))
    dialog = _aluno_dialog(qtbot, services, ana)
    panel = _open_tab(qtbot, dialog)
    # Then Editar and Remover wait for a selection
    assert not panel.editar.isEnabled() and not panel.remover.isEnabled()

    # When the secretary adds the mãe as responsável legal, with a phone
    form = _added_dialog(qtbot, panel)
    qtbot.keyClicks(form.nome, "Maria Souza")
    form.parentesco.setCurrentIndex(form.parentesco.findData("mae"))
    _click(qtbot, form.legal)
    form.telefones.setPlainText("(11) 98765-4321")
    with qtbot.waitSignal(form.accepted):
        _click(qtbot, form.save_button)

    # Then she is listed, legal, and selected; and she is saved already
    assert _table(panel) == [["Maria Souza", "Mãe", "Sim", "(11) 98765-4321"]]
    assert panel.editar.isEnabled() and panel.remover.isEnabled()
    [saved] = services.responsaveis.list_for_aluno(ana)
    assert (saved.nome, saved.parentesco, saved.responsavel_legal) == ("Maria Souza", "mae", True)


def test_missing_parentesco_and_bad_email_are_shown_under_their_fields(qtbot: QtBot, services: Services) -> None:
    ana = services.alunos.create(AlunoData(nome="Ana"))
    dialog = _aluno_dialog(qtbot, services, ana)
    panel = _open_tab(qtbot, dialog)
    form = _added_dialog(qtbot, panel)
    qtbot.keyClicks(form.nome, "Maria")
    form.emails.setPlainText("maria-sem-arroba")

    _click(qtbot, form.save_button)

    assert form.isVisible()
    assert form.error_text("parentesco") == "Escolha o parentesco na lista."
    assert form.error_text("emails").startswith("E-mail inválido")
    assert form.findChild(QLabel, "erro_nome").isHidden()
    assert services.responsaveis.list_for_aluno(ana) == []


def test_marking_another_legal_in_the_editor_unmarks_the_first(qtbot: QtBot, services: Services) -> None:
    # Given an aluno whose mãe is legal and whose pai is not
    ana = services.alunos.create(AlunoData(nome="Ana"))
    services.responsaveis.save_for_aluno(ana, ResponsavelData("Maria"), "mae", legal=True)
    services.responsaveis.save_for_aluno(ana, ResponsavelData("Paulo"), "pai", legal=False)
    dialog = _aluno_dialog(qtbot, services, ana)
    panel = _open_tab(qtbot, dialog)

    # When the pai is edited and marked legal
    _select_row(qtbot, panel, 1)
    _click(qtbot, panel.editar)
    assert panel.dialog is not None
    form = panel.dialog
    assert form.nome.text() == "Paulo" and not form.legal.isChecked()
    _click(qtbot, form.legal)
    with qtbot.waitSignal(form.accepted):
        _click(qtbot, form.save_button)

    # Then he is the only legal one
    assert [(row[0], row[2]) for row in _table(panel)] == [("Paulo", "Sim"), ("Maria", "Não")]


# The completer's popup asks the offscreen platform for things it cannot do; harmless here.
@pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
def test_adding_reuses_a_siblings_responsavel_found_by_name(qtbot: QtBot, services: Services) -> None:
    # Given Bruno's mãe is saved
    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    maria = services.responsaveis.save_for_aluno(
        bruno, ResponsavelData("Márcia Souza", telefones=("11 3333-4444",)), "mae", legal=True
    )
    dialog = _aluno_dialog(qtbot, services, ana)
    panel = _open_tab(qtbot, dialog)

    # When the secretary types part of her name, without the accent, in Ana's new responsável form
    form = _added_dialog(qtbot, panel)
    qtbot.keyClicks(form.nome, "marc")

    # Then the completer offers her, with her aluno
    popup = form.completers[0].popup()
    qtbot.waitUntil(popup.isVisible)
    index = popup.model().index(0, 0)
    assert "Márcia Souza" in index.data() and "Bruno" in index.data()

    # When she is chosen
    popup.setCurrentIndex(index)
    qtbot.keyClick(popup, Qt.Key.Key_Return)

    # Then the form holds her record and says it is shared
    assert form.responsavel_id == maria
    assert form.nome.text() == "Márcia Souza"
    assert form.telefones.toPlainText() == "11 3333-4444"
    assert "Bruno" in form.aviso_compartilhado.text()

    # And saving links the same record to Ana
    form.parentesco.setCurrentIndex(form.parentesco.findData("mae"))
    with qtbot.waitSignal(form.accepted):
        _click(qtbot, form.save_button)
    assert [r.responsavel_id for r in services.responsaveis.list_for_aluno(ana)] == [maria]
    assert [r.responsavel_id for r in services.responsaveis.list_for_aluno(bruno)] == [maria]


def test_remove_a_shared_responsavel_after_confirming(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given Ana and Bruno share their mãe
    ana = services.alunos.create(AlunoData(nome="Ana"))
    bruno = services.alunos.create(AlunoData(nome="Bruno"))
    maria = services.responsaveis.save_for_aluno(ana, ResponsavelData("Maria"), "mae", legal=True)
    services.responsaveis.link(bruno, maria, "mae", legal=True)
    dialog = _aluno_dialog(qtbot, services, ana)
    panel = _open_tab(qtbot, dialog)
    questions: list[str] = []
    answers = iter([False, True])

    def ask(parent: object, title: str, text: str) -> bool:
        questions.append(text)
        return next(answers)

    monkeypatch.setattr(messages, "ask_yes_no", ask)

    # When Remover is clicked and the secretary first says Não, then Sim
    _select_row(qtbot, panel, 0)
    _click(qtbot, panel.remover)
    assert _table(panel) == [["Maria", "Mãe", "Sim", ""]]
    _click(qtbot, panel.remover)

    # Then she was told only the link goes, and Maria stays Bruno's responsável
    assert "Maria também é responsável por outro aluno; só o vínculo com este aluno será removido." in (questions[0])
    assert _table(panel) == []
    assert not panel.editar.isEnabled() and not panel.remover.isEnabled()
    assert [r.responsavel_id for r in services.responsaveis.list_for_aluno(bruno)] == [maria]


def test_vinculo_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = VinculoTableModel()
    model.reload(
        [
            VinculoRow(1, "Maria", None, "mae", True, ("11 3333-4444",), ()),
            VinculoRow(2, "Paulo", "52998224725", "pai", False, (), ("p@ex.com.br",)),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "Pai"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Legal"
