"""Every form, new and edit, saved with each kind of mistake, typed with real key events.

Issue 12: Novo aluno → Salvar with the nome empty showed "Erro inesperado" (a tab without a
layout in ``show_errors``), and no test drove the new-aluno form into an error. Here each
form of the app is opened as the app opens it, a mistake is typed into it (an empty required
field, an invalid CPF, a date that does not exist, a future date, a text too long, a
duplicate), Salvar is clicked, and the form must stay open with a message under the field
at fault: never an unexpected error (the app's handler is hooked, and pytest-qt fails the
test on any exception raised inside Qt).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from escola_gui.core.alunos import AlunoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.historico_externo import HistoricoExternoData
from escola_gui.core.responsaveis import ResponsavelData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from escola_gui.gui.forms.aluno import AlunoDialog
from escola_gui.gui.forms.ano_letivo import AnoLetivoDialog
from escola_gui.gui.forms.disciplina import DisciplinaDialog
from escola_gui.gui.forms.enturmacao import EnturmarDialog, RemanejarDialog, SituacaoDialog
from escola_gui.gui.forms.historico_externo import HistoricoExternoDialog
from escola_gui.gui.forms.responsaveis import ResponsavelDialog
from escola_gui.gui.forms.turma import TurmaDialog
from escola_gui.gui.main_window import MainWindow
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.date_field import DateField
from escola_gui.gui.toolkit.forms import RecordDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

# A week ahead, not tomorrow: computed at import, it must still be in the future when a suite
# started before midnight reaches the test after it.
NEXT_WEEK = date.today() + timedelta(days=7)
FUTURE = NEXT_WEEK.strftime("%d/%m/%Y")
TOO_LONG = "Maria " + "da Silva " * 20  # 186 letters: the fields take it, the rule allows 100


@pytest.fixture(autouse=True)
def no_unexpected_error(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail the test on the app's "Erro inesperado" (and on any error box at all)."""
    seen: list[str] = []

    def unexpected(_parent: QWidget | None) -> None:
        import traceback

        seen.append(traceback.format_exc())

    monkeypatch.setattr(messages, "report_unexpected_error", unexpected)
    monkeypatch.setattr(messages, "show_error", lambda _parent, title, text: seen.append(f"{title}: {text}"))
    yield seen
    assert seen == [], "\n".join(seen)


# --- the school the forms are tried on ------------------------------------------------------


@dataclass
class School:
    window: MainWindow
    services: Services
    bia: int  # RA 2026001, in the turma, with a responsável and a year in another school
    caio: int
    curso: int
    matricula: int
    ano: int
    turma: int
    outra_turma: int
    disciplina: int


@pytest.fixture
def school(window: MainWindow, services: Services) -> School:
    bia = services.alunos.create(AlunoData(nome="Bia Souza", ra="2026001", data_nascimento=date(2013, 8, 25)))
    caio = services.alunos.create(AlunoData(nome="Caio Lima"))
    curso = services.cursos.create(CursoData(nome="Inglês"))
    matricula = services.matriculas.create(bia, curso, date(2026, 2, 2), "")
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    disciplina = services.disciplinas.create("Geografia")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(disciplina, 160)])
    outra = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"), [(disciplina, 160)])
    services.turmas.enturmar(turma, [bia], date(2026, 2, 2))
    services.responsaveis.save_for_aluno(bia, ResponsavelData(nome="Rita Souza"), "mae", True, None)
    services.historicos_externos.create(bia, HistoricoExternoData(2025, "5º ano", "Escola Estadual X", "aprovado"))
    return School(window, services, bia, caio, curso, matricula, ano, turma, outra, disciplina)


# --- typing as the secretary does -----------------------------------------------------------


def _show(dialog: RecordDialog, widget: QWidget) -> None:
    """Bring forward the tab that holds ``widget`` (a click on the tab, as she would)."""
    tabs = dialog.tabs
    if tabs is not None:
        for index in range(tabs.count()):
            if tabs.widget(index).isAncestorOf(widget) and tabs.currentIndex() != index:
                bar = tabs.tabBar()
                QtBot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert widget.isVisible()


def _click(widget: QWidget, pos: QPoint | None = None) -> None:
    QtBot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or QPoint(8, widget.height() // 2))


def _retype(dialog: RecordDialog, widget: QWidget, text: str) -> None:
    """Click into ``widget``, select all it holds and type ``text`` (nothing: just delete)."""
    _show(dialog, widget)
    target = widget.lineEdit() if isinstance(widget, QAbstractSpinBox) else widget
    _click(target)
    QtBot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QtBot.keyClick(target, Qt.Key.Key_Delete)
    if text:
        QtBot.keyClicks(target, text)


def _choose_nothing(dialog: RecordDialog, combo: QComboBox) -> None:
    _show(dialog, combo)
    combo.setCurrentIndex(-1)  # a combo has no key for "none"; its placeholder shows


def _birth_date(dialog: AlunoDialog, text: str) -> None:
    if dialog.nascimento_nao_informada.isChecked():
        _click(dialog.nascimento_nao_informada)
    _retype(dialog, dialog.data_nascimento, text)


Mistake = Callable[[Any], None]  # the form, whose fields each mistake names


# The forms, each opened as the app opens it.
def _aluno(s: School, edit: bool) -> RecordDialog:
    return s.window.alunos_tab.make_aluno_dialog(s.bia if edit else None)


def _aluno_filled(s: School, edit: bool) -> AlunoDialog:
    dialog = _aluno(s, edit)
    assert isinstance(dialog, AlunoDialog)
    return dialog


def _curso(s: School, edit: bool) -> RecordDialog:
    return s.window.cursos_tab.make_curso_dialog(s.curso if edit else None)


def _matricula(s: School, edit: bool) -> RecordDialog:
    return s.window.matriculas_tab.make_matricula_dialog(s.matricula if edit else None)


def _responsavel(s: School, edit: bool) -> RecordDialog:
    vinculo = s.services.responsaveis.list_for_aluno(s.bia)[0] if edit else None
    return ResponsavelDialog(s.services.responsaveis, s.bia, vinculo, s.window)


def _turma(s: School, edit: bool) -> RecordDialog:
    svc = s.services
    return TurmaDialog(svc.turmas, svc.anos_letivos, svc.disciplinas, s.turma if edit else None, s.ano, s.window)


def _ano_letivo(s: School, edit: bool) -> RecordDialog:
    return AnoLetivoDialog(s.services.anos_letivos, s.ano if edit else None, s.window)


def _disciplina(s: School, edit: bool) -> RecordDialog:
    row = next(d for d in s.services.disciplinas.list() if d.id == s.disciplina) if edit else None
    return DisciplinaDialog(s.services.disciplinas, row, s.window)


def _historico_externo(s: School, edit: bool) -> RecordDialog:
    historico = s.services.historicos_externos.list_for_aluno(s.bia)[0].id if edit else None
    return HistoricoExternoDialog(s.services.historicos_externos, s.bia, historico, s.window)


def _turma_row(s: School, turma_id: int):  # noqa: ANN202
    return next(t for t in s.services.turmas.list(s.ano) if t.id == turma_id)


def _enturmar(s: School, _edit: bool) -> RecordDialog:
    return EnturmarDialog(s.services.turmas, _turma_row(s, s.turma), s.window)


def _situacao(s: School, _edit: bool) -> RecordDialog:
    return SituacaoDialog(s.services.turmas, "6º ano A", s.services.turmas.roster(s.turma), s.window)


def _remanejar(s: School, _edit: bool) -> RecordDialog:
    row = s.services.turmas.roster(s.turma)[0]
    return RemanejarDialog(s.services.turmas, row, [_turma_row(s, s.outra_turma)], s.window)


def _situacao_transferido(dialog: RecordDialog) -> None:
    assert isinstance(dialog, SituacaoDialog)
    dialog.situacao.setCurrentIndex(dialog.situacao.findData("transferido"))
    _retype(dialog, dialog.motivo, "mudou de cidade")


# (form, opener, modes, mistake name, field that must show a message, the mistake)
CASES: list[tuple[str, Callable[[School, bool], RecordDialog], tuple[bool, ...], str, str, Mistake]] = [
    ("aluno", _aluno, (False, True), "nome vazio", "nome", lambda d: _retype(d, d.nome, "")),
    ("aluno", _aluno, (False, True), "nome longo", "nome", lambda d: _retype(d, d.nome, TOO_LONG)),
    ("aluno", _aluno, (False, True), "CPF inválido", "cpf", lambda d: _retype(d, d.cpf, "123.456.789-00")),
    ("aluno", _aluno, (False, True), "data futura", "data_nascimento", lambda d: _birth_date(d, FUTURE)),
    ("aluno", _aluno, (False, True), "data inexistente", "data_nascimento", lambda d: _birth_date(d, "31/02/2013")),
    ("aluno", _aluno, (False, True), "data incompleta", "data_nascimento", lambda d: _birth_date(d, "25/08")),
    ("aluno", _aluno, (False,), "RA repetido", "ra", lambda d: _retype(d, d.ra, "2026001")),
    ("aluno", _aluno, (False, True), "e-mail inválido", "email", lambda d: _retype(d, d.email, "ana@")),
    ("curso", _curso, (False, True), "nome vazio", "nome", lambda d: _retype(d, d.nome, "")),
    ("curso", _curso, (False, True), "nome longo", "nome", lambda d: _retype(d, d.nome, TOO_LONG)),
    ("matrícula", _matricula, (False, True), "sem aluno", "aluno", lambda d: _choose_nothing(d, d.aluno)),
    (
        "matrícula",
        _matricula,
        (False, True),
        "data inexistente",
        "data_matricula",
        lambda d: _retype(d, d.data_matricula, "30/02/2026"),
    ),
    ("responsável", _responsavel, (False, True), "nome vazio", "nome", lambda d: _retype(d, d.nome, "")),
    ("responsável", _responsavel, (False, True), "CPF inválido", "cpf", lambda d: _retype(d, d.cpf, "111.111.111-11")),
    ("responsável", _responsavel, (False,), "sem parentesco", "parentesco", lambda d: _retype(d, d.nome, "Rui Lima")),
    ("turma", _turma, (False, True), "nome vazio", "nome", lambda d: _retype(d, d.nome, "")),
    (
        "turma",
        _turma,
        (False,),
        "nome repetido",
        "nome",
        lambda d: (_retype(d, d.nome, "6º ano A"), _retype(d, d.serie, "6º ano")),
    ),
    ("ano letivo", _ano_letivo, (False,), "ano repetido", "ano", lambda d: _retype(d, d.ano, "2026")),
    ("disciplina", _disciplina, (False, True), "nome vazio", "nome", lambda d: _retype(d, d.nome, "")),
    ("disciplina", _disciplina, (False,), "nome repetido", "nome", lambda d: _retype(d, d.nome, "Geografia")),
    (
        "ano de outra escola",
        _historico_externo,
        (False, True),
        "escola vazia",
        "escola",
        lambda d: _retype(d, d.escola, ""),
    ),
    (
        "enturmar",
        _enturmar,
        (False,),
        "data inexistente",
        "data_entrada",
        lambda d: _retype(d, d.data_entrada, "31/04/2026"),
    ),
    (
        "situação",
        _situacao,
        (False,),
        "data inexistente",
        "data_saida",
        lambda d: (_situacao_transferido(d), _retype(d, d.data_saida, "29/02/2026")),
    ),
    ("remanejar", _remanejar, (False,), "sem turma", "turma", lambda d: _retype(d, d.motivo, "troca de turno")),
    (
        "remanejar",
        _remanejar,
        (False,),
        "data inexistente",
        "data_saida",
        lambda d: (QtBot.keyClick(d.turma, Qt.Key.Key_Down), _retype(d, d.data, "32/01/2026")),
    ),
]


def _params() -> Iterator[object]:
    for form, opener, modes, mistake, field, action in CASES:
        for edit in modes:
            yield pytest.param(
                opener, edit, field, action, id=f"{form}-{'editar' if edit else 'novo'}-{mistake.replace(' ', '_')}"
            )


@pytest.mark.parametrize(("opener", "edit", "field", "mistake"), list(_params()))
def test_every_form_explains_each_mistake_under_its_field(
    qtbot: QtBot,
    school: School,
    opener: Callable[[School, bool], RecordDialog],
    edit: bool,
    field: str,
    mistake: Mistake,
) -> None:
    # Given a form opened as the app opens it
    dialog = opener(school, edit)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    before = dialog.undo_stack.count()
    # When the secretary types a mistake and clicks Salvar
    mistake(dialog)
    QtBot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # Then the form stays open, with the message under the field at fault (on whatever tab)
    assert dialog.isVisible()
    assert dialog.error_text(field) != "", f"no message under {field}"
    assert dialog.undo_stack.count() >= before
    # and the focus is on a field with a message (the first one)
    focused = dialog.focusWidget()
    faulty = [t for f, t in dialog._focus_targets.items() if dialog.error_text(f)]  # noqa: SLF001
    assert any(t is focused or t.isAncestorOf(focused) for t in faulty) or not any(
        isinstance(t, QLineEdit | QPlainTextEdit | DateField) for t in faulty
    )
