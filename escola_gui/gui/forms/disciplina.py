"""The form of a disciplina: a new one, or a new name (and abreviatura) for one."""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QWidget

from escola_gui.core.escola import DisciplinaRow, DisciplinaService
from escola_gui.gui.forms.form_dialog import FormDialog, hint_label
from escola_gui.gui.turma_models import plural


class DisciplinaDialog(FormDialog):
    """Create (``disciplina_id=None``) or rename a disciplina."""

    def __init__(
        self,
        service: DisciplinaService,
        disciplina: DisciplinaRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._disciplina_id = disciplina.id if disciplina is not None else None
        self.setObjectName("disciplina_dialog")
        self.setWindowTitle(self.tr("Nova disciplina") if disciplina is None else self.tr("Renomear disciplina"))
        self.nome = self._line_edit("nome", 200, self.tr("Ex.: Língua Portuguesa"))
        self.abreviatura = self._line_edit("abreviatura", 30, self.tr("Ex.: LP (opcional)"))
        self.abreviatura.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add_field(self.tr("&Nome:"), "nome", self.nome)
        self.add_field(self.tr("&Abreviatura:"), "abreviatura", self.abreviatura)
        if disciplina is not None:
            self.nome.setText(disciplina.nome)
            self.abreviatura.setText(disciplina.abreviatura or "")
            if disciplina.turmas:
                aviso = hint_label(
                    plural(
                        disciplina.turmas,
                        self.tr("O novo nome vale também na turma que já tem esta disciplina."),
                        self.tr("O novo nome vale também nas {n} turmas que já têm esta disciplina."),
                    )
                )
                self._layout.insertWidget(0, aviso)
        self.nome.setFocus()

    def collect(self) -> tuple[str, str]:
        return self.nome.text(), self.abreviatura.text()

    def validate(self, data: tuple[str, str]) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data[0], data[1], self._disciplina_id)

    def save(self, data: tuple[str, str]) -> int:  # type: ignore[override]
        if self._disciplina_id is None:
            return self._service.create(*data)
        self._service.update(self._disciplina_id, *data)
        return self._disciplina_id
