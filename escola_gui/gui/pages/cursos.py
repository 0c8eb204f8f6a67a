"""The Cursos page: the school's free courses (Inglês, Informática...) and how many are enrolled.

A :class:`~escola_gui.gui.pages.record_list.RecordTab` over
:class:`~escola_gui.core.services.CursoService`: search by nome, Novo/Editar/Excluir through
:class:`~escola_gui.gui.dialogs.CursoDialog`. Deleting a curso says how many matrículas go with
it. ``changed`` tells the window that a curso was saved or deleted, for the Matrículas em cursos
list, which shows the cursos' nomes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QWidget

from escola_gui.core.cursos import CursoRow, CursoService
from escola_gui.gui.forms.curso import CursoDialog
from escola_gui.gui.pages.record_list import RecordTab, matriculas_clause
from escola_gui.gui.table_models import Column, RecordTableModel, one_line, text_key
from escola_gui.gui.toolkit.text import translate


class CursoTableModel(RecordTableModel[CursoRow]):
    CONTEXT = "CursoTableModel"
    COLUMNS: ClassVar[Sequence[Column[CursoRow]]] = (
        Column(QT_TRANSLATE_NOOP("CursoTableModel", "Nome"), lambda r: r.nome, lambda r: text_key(r.nome)),
        Column(
            QT_TRANSLATE_NOOP("CursoTableModel", "Carga horária (h)"),
            lambda r: "" if r.carga_horaria is None else str(r.carga_horaria),
            lambda r: -1 if r.carga_horaria is None else r.carga_horaria,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("CursoTableModel", "Matrículas"),
            lambda r: str(r.matriculas),
            lambda r: r.matriculas,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("CursoTableModel", "Descrição"),
            lambda r: one_line(r.descricao),
            lambda r: text_key(r.descricao),
        ),
    )


class CursosPage(RecordTab):
    """The list of cursos and what is done to them."""

    changed = Signal()  # a curso saved or deleted

    def __init__(self, cursos: CursoService, parent: QWidget | None = None) -> None:
        super().__init__("cursos", CursoTableModel(), translate("MainWindow", "Buscar por nome…"), parent)
        self._cursos = cursos
        self.search_requested.connect(lambda _text: self.refresh())
        self.new_requested.connect(self.new)
        self.edit_requested.connect(self.edit)
        self.delete_requested.connect(self.delete)

    def refresh(self, select_id: int | None = None) -> None:
        """Read the cursos again (the search typed), selecting ``select_id`` or the one selected."""
        self.guarded(lambda: self.reload(self._cursos.list(self.search.text()), select_id))

    def make_curso_dialog(self, curso_id: int | None) -> CursoDialog:
        return CursoDialog(self._cursos, curso_id, self.window())

    def new(self) -> None:
        self.open_form(lambda: self.make_curso_dialog(None), self._after_saved)

    def edit(self, curso_id: int) -> None:
        self.open_form(lambda: self.make_curso_dialog(curso_id), self._after_saved)

    def _after_saved(self, curso_id: int | None) -> None:
        self.refresh(curso_id)
        self.changed.emit()

    def delete(self, curso_id: int) -> None:
        row = next((r for r in self.model.rows() if r.id == curso_id), None)
        count = self.count(lambda: self._cursos.count_dependents(curso_id))
        if row is None or count is None:
            return
        question = translate("MainWindow", "Excluir o curso {nome}?").format(nome=row.nome) + matriculas_clause(count)
        self.confirm_and_delete(
            question,
            lambda: self._cursos.delete(curso_id),
            lambda: (self.refresh(), self.changed.emit()),
            translate("MainWindow", "Curso {nome} excluído.").format(nome=row.nome),
        )
