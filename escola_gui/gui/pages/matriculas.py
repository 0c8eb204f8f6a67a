"""The Matrículas em cursos page: which aluno is enrolled in which curso, since when.

A :class:`~escola_gui.gui.pages.record_list.RecordTab` over
:class:`~escola_gui.core.services.MatriculaService`: search by aluno or curso,
Novo/Editar/Excluir through :class:`~escola_gui.gui.dialogs.MatriculaDialog`. ``changed`` tells
the window that a matrícula was saved or deleted, for the Cursos list and its count of
matrículas per curso.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QWidget

from escola_gui.core.cursos import MatriculaRow, MatriculaService
from escola_gui.gui.forms.matricula import MatriculaDialog
from escola_gui.gui.pages.record_list import RecordTab
from escola_gui.gui.table_models import Column, RecordTableModel, date_key, one_line, text_key
from escola_gui.gui.toolkit.formatting import format_date
from escola_gui.gui.toolkit.text import translate


def _data_matricula_text(row: MatriculaRow) -> str:
    # Only matrículas from a 0.x file lack a date; their original text is in observacoes.
    if row.data_matricula is None:
        return translate("MatriculaTableModel", "não informada")
    return format_date(row.data_matricula)


class MatriculaTableModel(RecordTableModel[MatriculaRow]):
    CONTEXT = "MatriculaTableModel"
    COLUMNS: ClassVar[Sequence[Column[MatriculaRow]]] = (
        Column(
            QT_TRANSLATE_NOOP("MatriculaTableModel", "Aluno"),
            lambda r: r.aluno_nome,
            lambda r: text_key(r.aluno_nome),
        ),
        Column(
            QT_TRANSLATE_NOOP("MatriculaTableModel", "Curso"),
            lambda r: r.curso_nome,
            lambda r: text_key(r.curso_nome),
        ),
        Column(
            QT_TRANSLATE_NOOP("MatriculaTableModel", "Data da matrícula"),
            _data_matricula_text,
            lambda r: date_key(r.data_matricula),  # the ones without a date sort first
            missing=lambda r: r.data_matricula is None,
        ),
        Column(
            QT_TRANSLATE_NOOP("MatriculaTableModel", "Observações"),
            lambda r: one_line(r.observacoes),
            lambda r: text_key(r.observacoes),
        ),
    )


class MatriculasPage(RecordTab):
    """The list of matrículas em cursos and what is done to them."""

    changed = Signal()  # a matrícula saved or deleted

    def __init__(self, matriculas: MatriculaService, parent: QWidget | None = None) -> None:
        super().__init__(
            "matriculas", MatriculaTableModel(), translate("MainWindow", "Buscar por aluno ou curso…"), parent
        )
        self._matriculas = matriculas
        self.search_requested.connect(lambda _text: self.refresh())
        self.new_requested.connect(self.new)
        self.edit_requested.connect(self.edit)
        self.delete_requested.connect(self.delete)

    def refresh(self, select_id: int | None = None) -> None:
        """Read the matrículas again (the search typed), selecting ``select_id`` or the one selected."""
        self.guarded(lambda: self.reload(self._matriculas.list(self.search.text()), select_id))

    def make_matricula_dialog(self, matricula_id: int | None) -> MatriculaDialog:
        return MatriculaDialog(self._matriculas, matricula_id, self.window())

    def new(self) -> None:
        self.open_form(lambda: self.make_matricula_dialog(None), self._after_saved)

    def edit(self, matricula_id: int) -> None:
        self.open_form(lambda: self.make_matricula_dialog(matricula_id), self._after_saved)

    def _after_saved(self, matricula_id: int | None) -> None:
        self.refresh(matricula_id)
        self.changed.emit()  # the count of matrículas per curso

    def delete(self, matricula_id: int) -> None:
        row = next((r for r in self.model.rows() if r.id == matricula_id), None)
        if row is None:
            return
        question = translate("MainWindow", "Excluir a matrícula de {aluno} em {curso}?").format(
            aluno=row.aluno_nome, curso=row.curso_nome
        )
        self.confirm_and_delete(
            question,
            lambda: self._matriculas.delete(matricula_id),
            lambda: (self.refresh(), self.changed.emit()),
            translate("MainWindow", "Matrícula de {aluno} em {curso} excluída.").format(
                aluno=row.aluno_nome, curso=row.curso_nome
            ),
        )
