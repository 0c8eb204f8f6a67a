"""The curso form: create or edit a curso."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox, QWidget

from escola_gui.core.cursos import CursoData, CursoService
from escola_gui.gui.toolkit.forms import DIALOG_MIN_WIDTH, RecordDialog


class CursoDialog(RecordDialog):
    """Create (``curso_id=None``) or edit a curso."""

    def __init__(self, service: CursoService, curso_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._curso_id = curso_id
        self.setObjectName("curso_dialog")
        self.setWindowTitle(self.tr("Novo curso") if curso_id is None else self.tr("Editar curso"))
        self.setMinimumWidth(DIALOG_MIN_WIDTH)

        self.nome = QLineEdit()
        self.nome.setObjectName("nome")
        self.nome.setMaxLength(200)
        self.carga_horaria = QSpinBox()
        self.carga_horaria.setObjectName("carga_horaria")
        self.carga_horaria.setRange(0, 100_000)
        # 0 stands for "not given": the service stores None and never a zero-hour curso.
        self.carga_horaria.setSpecialValueText(self.tr("não informada"))
        self.carga_horaria.setSuffix(self.tr(" h"))
        self.carga_horaria.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.descricao = QPlainTextEdit()
        self.descricao.setObjectName("descricao")
        self.descricao.setTabChangesFocus(True)
        self.descricao.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.observacoes = QPlainTextEdit()
        self.observacoes.setObjectName("observacoes")
        self.observacoes.setTabChangesFocus(True)
        self.observacoes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.add_field(self.tr("&Nome:"), "nome", self.nome)
        self.add_field(self.tr("&Carga horária:"), "carga_horaria", self.carga_horaria)
        self.add_field(self.tr("&Descrição:"), "descricao", self.descricao)
        self.add_field(self.tr("&Observações:"), "observacoes", self.observacoes)

        if curso_id is not None:
            self._load(service.get(curso_id))
        self.track(self.tr("Nome"), self.nome)
        self.track(self.tr("Carga horária"), self.carga_horaria)
        self.track(self.tr("Descrição"), self.descricao)
        self.track(self.tr("Observações"), self.observacoes)
        self.start_history()
        self.nome.setFocus()

    def _load(self, data: CursoData) -> None:
        self.nome.setText(data.nome)
        self.carga_horaria.setValue(data.carga_horaria or 0)
        self.descricao.setPlainText(data.descricao or "")
        self.observacoes.setPlainText(data.observacoes or "")

    def collect(self) -> CursoData:
        return CursoData(
            nome=self.nome.text(),
            descricao=self.descricao.toPlainText(),
            carga_horaria=self.carga_horaria.value() or None,
            observacoes=self.observacoes.toPlainText(),
        )

    def validate(self, data: CursoData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._curso_id)

    def save(self, data: CursoData) -> int:  # type: ignore[override]
        if self._curso_id is None:
            return self._service.create(data)
        self._service.update(self._curso_id, data)
        return self._curso_id


# --- matrícula --------------------------------------------------------------------------
