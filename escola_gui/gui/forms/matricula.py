"""The matrícula form: enrol an aluno in a curso, or change the enrolment."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from escola_gui.core.cursos import Choice, MatriculaData, MatriculaService
from escola_gui.gui.toolkit.date_field import DateField, date_edit, from_qdate, to_qdate
from escola_gui.gui.toolkit.forms import DIALOG_MIN_WIDTH, RecordDialog

# The minimum of the matrícula date field, shown as "não informada": no date yet.
EMPTY_DATE = QDate(1900, 1, 1)


class _CalendarOpensOnToday(QObject):
    """Show this month when the calendar of an empty date field pops up, not 1900's January."""

    def __init__(self, edit: DateField) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override ``eventFilter()`` of QObject."""
        if event.type() == QEvent.Type.Show and self._edit.date() == self._edit.minimumDate():
            today = QDate.currentDate()
            self._edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False


class MatriculaDialog(RecordDialog):
    """Enrol an aluno in a curso (``matricula_id=None``) or change an enrolment."""

    def __init__(self, service: MatriculaService, matricula_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._matricula_id = matricula_id
        self.setObjectName("matricula_dialog")
        self.setWindowTitle(self.tr("Nova matrícula") if matricula_id is None else self.tr("Editar matrícula"))
        self.setMinimumWidth(DIALOG_MIN_WIDTH)

        self.aluno = self._combo("aluno", service.aluno_choices(), self.tr("Escolha o aluno"))
        self.curso = self._combo("curso", service.curso_choices(), self.tr("Escolha o curso"))
        self.data_matricula = date_edit("data_matricula")
        # A QDateEdit cannot be empty; its minimum date, shown as "não informada", stands for
        # the missing date of a matrícula from a 0.x file. Saving it is refused.
        self.data_matricula.setMinimumDate(EMPTY_DATE)
        self.data_matricula.setSpecialValueText(self.tr("não informada"))
        self.data_matricula.calendarWidget().installEventFilter(_CalendarOpensOnToday(self.data_matricula))
        self.aviso_data = QLabel(
            self.tr(
                "A data desta matrícula não pôde ser lida no arquivo antigo (veja as observações). "
                "Informe a data correta para salvar."
            )
        )
        self.aviso_data.setObjectName("aviso_data_matricula")
        self.aviso_data.setWordWrap(True)
        self.aviso_data.setVisible(False)
        data_box = QWidget()
        data_layout = QVBoxLayout(data_box)
        data_layout.setContentsMargins(0, 0, 0, 0)
        data_layout.setSpacing(2)
        data_layout.addWidget(self.data_matricula)
        data_layout.addWidget(self.aviso_data)
        self.observacoes = QPlainTextEdit()
        self.observacoes.setObjectName("observacoes")
        self.observacoes.setTabChangesFocus(True)
        self.observacoes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.add_field(self.tr("&Aluno:"), "aluno", self.aluno)
        self.add_field(self.tr("&Curso:"), "curso", self.curso)
        self.add_field(self.tr("&Data da matrícula:"), "data_matricula", data_box, self.data_matricula)
        self.add_field(self.tr("&Observações:"), "observacoes", self.observacoes)

        if matricula_id is not None:
            data = service.get(matricula_id)
            self.select(self.aluno, data.aluno_id)
            self.select(self.curso, data.curso_id)
            if data.data_matricula is None:
                self.data_matricula.setDate(EMPTY_DATE)
                self.aviso_data.setVisible(True)
            else:
                self.data_matricula.setDate(to_qdate(data.data_matricula))
            self.observacoes.setPlainText(data.observacoes or "")
        self.track(self.tr("Aluno"), self.aluno)
        self.track(self.tr("Curso"), self.curso)
        self.track(self.tr("Data da matrícula"), self.data_matricula)
        self.track(self.tr("Observações"), self.observacoes)
        self.start_history()
        self.aluno.setFocus()

    @staticmethod
    def _combo(name: str, choices: list[Choice], placeholder: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setPlaceholderText(placeholder)
        for choice in choices:
            combo.addItem(choice.nome, choice.id)
        combo.setCurrentIndex(-1)
        return combo

    @staticmethod
    def select(combo: QComboBox, record_id: int | None) -> None:
        """Choose the item whose id is ``record_id`` (none when it is not there)."""
        combo.setCurrentIndex(combo.findData(record_id) if record_id is not None else -1)

    def collect(self) -> MatriculaData:
        qdate = self.data_matricula.date()
        return MatriculaData(
            aluno_id=self.aluno.currentData(),
            curso_id=self.curso.currentData(),
            data_matricula=None if qdate == EMPTY_DATE or not qdate.isValid() else from_qdate(qdate),
            observacoes=self.observacoes.toPlainText(),
        )

    def validate(self, data: MatriculaData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._matricula_id)

    def save(self, data: MatriculaData) -> int:  # type: ignore[override]
        if self._matricula_id is None:
            return self._service.create(data.aluno_id, data.curso_id, data.data_matricula, data.observacoes)
        self._service.update(self._matricula_id, data.aluno_id, data.curso_id, data.data_matricula, data.observacoes)
        return self._matricula_id
