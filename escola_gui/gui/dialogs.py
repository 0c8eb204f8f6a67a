"""Forms for one aluno, curso or matrícula, and the message boxes the window asks through.

The forms save through the service they receive. When something is wrong they keep the
dialog open, show the Portuguese message under the field at fault and put the focus there.
Open them with ``open()`` and listen to ``accepted``: nothing blocks, so tests can drive them.

The message box helpers (:func:`ask_yes_no`, :func:`show_error`, :func:`show_about`) are
module-level so that tests can replace them with ``monkeypatch``.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.documentos import format_certidao, format_nis
from escola_gui.core.services import (
    AlunoData,
    AlunoService,
    Choice,
    CursoData,
    CursoService,
    MatriculaData,
    MatriculaService,
    RecordNotFoundError,
    ResponsavelService,
)
from escola_gui.core.validation import TRANSLATION_CONTEXT, ValidationError, format_cpf

_log = logging.getLogger(__name__)

DATE_FORMAT = "dd/MM/yyyy"
ERROR_STYLE = "color: #b3261e;"
# Wide enough that most messages under a field fit on one or two lines.
DIALOG_MIN_WIDTH = 540
# The minimum of the matrícula date field, shown as "não informada": no date yet.
EMPTY_DATE = QDate(1900, 1, 1)


# --- message boxes (replaced in tests) --------------------------------------------------


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a question whose safe answer, and the default, is No."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    # Named here, not left to Qt's translations, so they read Sim/Não even where those are missing.
    yes = box.addButton(QCoreApplication.translate("dialogs", "Sim"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(QCoreApplication.translate("dialogs", "Não"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


def report_unexpected_error(parent: QWidget | None) -> None:
    """Log the exception being handled and tell the user, in Portuguese, without a traceback.

    Call it from an ``except`` block.
    """
    _log.exception("Unexpected error in the user interface")
    show_error(
        parent,
        QCoreApplication.translate("dialogs", "Erro inesperado"),
        QCoreApplication.translate(
            "dialogs",
            "Não foi possível concluir a operação por um erro inesperado. "
            "Nada foi perdido do que já estava salvo. Os detalhes foram gravados no registro (log).",
        ),
    )


def translate_validation(message: str) -> str:
    """Show a core validation message in the user's language (see ``core/validation.py``)."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, message)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(object_name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(object_name)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDate(QDate.currentDate())
    edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return edit


def _invalidate(layout: QLayout) -> None:
    """Drop the cached sizes of ``layout`` and of the layouts nested in it."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is not None and item.layout() is not None:
            _invalidate(item.layout())
    layout.invalidate()


class _CalendarOpensOnToday(QObject):
    """Show this month when the calendar of an empty date field pops up, not 1900's January."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override ``eventFilter()`` of QObject."""
        if event.type() == QEvent.Type.Show and self._edit.date() == self._edit.minimumDate():
            today = QDate.currentDate()
            self._edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False


# --- the shared form --------------------------------------------------------------------


class RecordDialog(QDialog):
    """A form with a Salvar/Cancelar box and an error label under each field.

    Subclasses add rows with :meth:`add_field` and implement :meth:`collect`,
    :meth:`validate` and :meth:`save`.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved_id: int | None = None
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._errors: dict[str, QLabel] = {}
        self._focus_targets: dict[str, QWidget] = {}
        self._row_labels: list[QLabel] = []

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.button_box.setObjectName("botoes")
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Salvar"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        self.button_box.accepted.connect(self._on_save)
        self.button_box.rejected.connect(self.reject)

        self._layout = QVBoxLayout(self)
        self._layout.addLayout(self._form)
        self._layout.addStretch(1)
        self._layout.addWidget(self.button_box)
        self.tabs: QTabWidget | None = None

    def add_tab(self, title: str, object_name: str) -> QFormLayout:
        """Add a tab (the first call puts a tab widget above the buttons) and return its form.

        Rows go in with :meth:`add_field`'s ``form`` argument.
        """
        if self.tabs is None:
            self.tabs = QTabWidget()
            self.tabs.setObjectName("abas")
            # The tabs take the spare height (each page keeps its rows at the top) instead of
            # the stretch above the buttons.
            spacer = next(i for i in range(self._layout.count()) if self._layout.itemAt(i).spacerItem())
            self._layout.takeAt(spacer)
            self._layout.insertWidget(1, self.tabs, 1)
        page = QWidget()
        page.setObjectName(object_name)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        page_layout = QVBoxLayout(page)
        page_layout.addLayout(form)
        page_layout.addStretch(1)  # a shorter tab keeps its rows together at the top
        self.tabs.addTab(page, title)
        return form

    @property
    def save_button(self) -> QWidget:
        return self.button_box.button(QDialogButtonBox.StandardButton.Save)

    def add_field(
        self,
        label: str,
        field: str,
        widget: QWidget,
        focus: QWidget | None = None,
        form: QFormLayout | None = None,
    ) -> None:
        """Add a row to ``form`` (the dialog's own by default): ``widget`` with an error label
        named ``erro_<field>`` under it."""
        error = QLabel()
        error.setObjectName(f"erro_{field}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(widget)
        box_layout.addWidget(error)
        box_layout.addStretch(1)  # any spare height goes below the message, not between
        row_label = QLabel(label)
        row_label.setBuddy(focus or widget)
        (form or self._form).addRow(row_label, box)
        self._errors[field] = error
        self._focus_targets[field] = focus or widget
        self._row_labels.append(row_label)

    def align_tab_labels(self) -> None:
        """Give the label column of every tab the width of the widest, so fields line up across tabs."""
        width = max((label.sizeHint().width() for label in self._row_labels), default=0)
        for label in self._row_labels:
            label.setMinimumWidth(width)

    def error_text(self, field: str) -> str:
        """The message shown under ``field``, or "" when there is none."""
        label = self._errors[field]
        return label.text() if not label.isHidden() else ""

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field, clear the others, focus the first bad field."""
        for field, label in self._errors.items():
            message = errors.get(field)
            label.setText(translate_validation(message) if message else "")
            label.setVisible(bool(message))
            # Qt does not redo the layouts of a tab that is not shown, so a message there
            # would not count when the dialog grows to fit (its fields got squashed).
            box_layout = label.parentWidget().layout()
            box_layout.invalidate()
            label.parentWidget().updateGeometry()
        if self.tabs is not None:
            for index in range(self.tabs.count()):
                page = self.tabs.widget(index)
                _invalidate(page.layout())
                page.updateGeometry()
                has_error = any(page.isAncestorOf(label) and not label.isHidden() for label in self._errors.values())
                self.tabs.setTabIcon(index, self._warning_icon() if has_error else QIcon())
                self.tabs.setTabToolTip(index, self.tr("Há campos a corrigir nesta aba.") if has_error else "")
        first = next((field for field in self._errors if field in errors), None)
        if first is not None:
            target = self._focus_targets[first]
            self._reveal(target)
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(target, QLineEdit):
                target.selectAll()
        self.adjustSize()

    def _warning_icon(self) -> QIcon:
        return self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    @staticmethod
    def _reveal(widget: QWidget) -> None:
        """Bring forward every tab that holds ``widget``, so that it can take the focus."""
        page: QWidget | None = widget
        while page is not None:
            stack = page.parentWidget()
            tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(page)
            page = stack

    def _on_save(self) -> None:
        try:
            data = self.collect()
            errors = self.validate(data)
            if errors:
                self.show_errors(errors)
                return
            self.saved_id = self.save(data)
        except ValidationError as exc:  # checked above, but the file may have changed meanwhile
            self.show_errors({exc.field: exc.message})
            return
        except RecordNotFoundError:
            show_error(
                self,
                self.tr("Registro não encontrado"),
                self.tr("Este registro não existe mais; talvez tenha sido excluído."),
            )
            self.reject()
            return
        except Exception:
            report_unexpected_error(self)
            return
        self.accept()

    def collect(self) -> object:
        raise NotImplementedError

    def validate(self, data: object) -> dict[str, str]:
        raise NotImplementedError

    def save(self, data: object) -> int:
        raise NotImplementedError


# --- aluno ------------------------------------------------------------------------------


class AlunoDialog(RecordDialog):
    """Create (``aluno_id=None``) or edit an aluno: personal data, documents and contacts, one tab each,
    and, given ``responsaveis``, a tab of the aluno's responsáveis."""

    def __init__(
        self,
        service: AlunoService,
        aluno_id: int | None = None,
        parent: QWidget | None = None,
        responsaveis: ResponsavelService | None = None,
    ):
        super().__init__(parent)
        self._service = service
        self._aluno_id = aluno_id
        self.setObjectName("aluno_dialog")
        self.setWindowTitle(self.tr("Novo aluno") if aluno_id is None else self.tr("Editar aluno"))
        self.setMinimumWidth(DIALOG_MIN_WIDTH)

        # Fields accept more than the limit, so that the message under them explains it.
        self.nome = self._line_edit("nome", max_length=200)
        self.nome_social = self._line_edit("nome_social", max_length=200)
        self.nome_social.setPlaceholderText(self.tr("Só quando o aluno o pedir"))

        self.data_nascimento = _date_edit("data_nascimento")
        self.nascimento_nao_informada = QCheckBox(self.tr("Não informada"))
        self.nascimento_nao_informada.setObjectName("nascimento_nao_informada")
        self.nascimento_nao_informada.toggled.connect(self._on_nascimento_toggled)
        nascimento = QWidget()
        nascimento_layout = QHBoxLayout(nascimento)
        nascimento_layout.setContentsMargins(0, 0, 0, 0)
        nascimento_layout.addWidget(self.data_nascimento)
        nascimento_layout.addWidget(self.nascimento_nao_informada)
        nascimento_layout.addStretch(1)

        self.sexo = self._choice_combo(
            "sexo", [(self.tr("Não informado"), None), (self.tr("Feminino"), "F"), (self.tr("Masculino"), "M")]
        )
        # The Censo Escolar's categories, in its order; "Não informada" is an empty field.
        self.cor_raca = self._choice_combo(
            "cor_raca",
            [
                (self.tr("Não informada"), None),
                (self.tr("Não declarada"), "nao_declarada"),
                (self.tr("Branca"), "branca"),
                (self.tr("Preta"), "preta"),
                (self.tr("Parda"), "parda"),
                (self.tr("Amarela"), "amarela"),
                (self.tr("Indígena"), "indigena"),
            ],
        )
        self.ativo = QCheckBox(self.tr("Ativo"))
        self.ativo.setObjectName("ativo")
        self.ativo.setChecked(True)

        self.ra = self._line_edit("ra", max_length=40)
        if aluno_id is None:
            self.ra.setPlaceholderText(self.tr("gerado ao salvar"))
        self.cpf = self._line_edit("cpf", max_length=40)
        self.cpf.setPlaceholderText(self.tr("000.000.000-00"))
        self.rg = self._line_edit("rg", max_length=40)
        self.rg.setPlaceholderText(self.tr("número e órgão emissor"))
        self.certidao_nascimento = self._line_edit("certidao_nascimento", max_length=60)
        self.certidao_nascimento.setPlaceholderText(self.tr("matrícula de 32 dígitos"))
        self.nis = self._line_edit("nis", max_length=40)
        self.nis.setPlaceholderText(self.tr("000.00000.00-0"))
        self.codigo_inep = self._line_edit("codigo_inep", max_length=40)
        self.codigo_inep.setPlaceholderText(self.tr("12 dígitos"))

        self.email = self._line_edit("email", max_length=200)
        self.email.setPlaceholderText(self.tr("nome@exemplo.com.br"))
        self.telefones = QPlainTextEdit()
        self.telefones.setObjectName("telefones")
        self.telefones.setTabChangesFocus(True)
        self.telefones.setPlaceholderText(self.tr("Um por linha, ex.: (11) 98765-4321"))
        self.telefones.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        # Mnemonics are unique among each tab's rows and the tab titles, which are always shown.
        pessoais = self.add_tab(self.tr("Dados &pessoais"), "aba_dados_pessoais")
        self.add_field(self.tr("&Nome:"), "nome", self.nome, form=pessoais)
        self.add_field(self.tr("Nome socia&l:"), "nome_social", self.nome_social, form=pessoais)
        self.add_field(
            self.tr("&Data de nascimento:"), "data_nascimento", nascimento, self.data_nascimento, form=pessoais
        )
        self.add_field(self.tr("Se&xo:"), "sexo", self.sexo, form=pessoais)
        self.add_field(self.tr("Co&r/raça:"), "cor_raca", self.cor_raca, form=pessoais)
        pessoais.addRow("", self.ativo)

        documentos = self.add_tab(self.tr("D&ocumentos"), "aba_documentos")
        self.add_field(self.tr("R&A:"), "ra", self.ra, form=documentos)
        self.add_field(self.tr("CP&F:"), "cpf", self.cpf, form=documentos)
        self.add_field(self.tr("R&G:"), "rg", self.rg, form=documentos)
        self.add_field(
            self.tr("C&ertidão de nascimento:"), "certidao_nascimento", self.certidao_nascimento, form=documentos
        )
        self.add_field(self.tr("NI&S (PIS/PASEP):"), "nis", self.nis, form=documentos)
        self.add_field(self.tr("Código &INEP:"), "codigo_inep", self.codigo_inep, form=documentos)

        contatos = self.add_tab(self.tr("&Contatos"), "aba_contatos")
        self.add_field(self.tr("&E-mail:"), "email", self.email, form=contatos)
        self.add_field(self.tr("&Telefones:"), "telefones", self.telefones, form=contatos)
        self.align_tab_labels()
        if responsaveis is not None:
            self._add_responsaveis_tab(responsaveis, aluno_id)

        if aluno_id is None:
            self.nascimento_nao_informada.setChecked(True)
        else:
            self._load(service.get(aluno_id))
        self.nome.setFocus()

    def _add_responsaveis_tab(self, service: ResponsavelService, aluno_id: int | None) -> None:
        # Imported here: that module builds on this one (RecordDialog, the message boxes).
        from escola_gui.gui.responsaveis import ResponsaveisPanel

        assert self.tabs is not None
        title = self.tr("Responsá&veis")
        if aluno_id is None:
            # A responsável is linked to a saved aluno; a new one has no id yet.
            index = self.tabs.addTab(QWidget(), title)
            self.tabs.setTabEnabled(index, False)
            self.tabs.setTabToolTip(index, self.tr("Salve o aluno para adicionar responsáveis"))
            self.responsaveis: ResponsaveisPanel | None = None
        else:
            self.responsaveis = ResponsaveisPanel(service, aluno_id)
            self.tabs.addTab(self.responsaveis, title)

    @staticmethod
    def _line_edit(name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        return edit

    @staticmethod
    def _choice_combo(name: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        for label, code in items:
            combo.addItem(label, code)
        return combo

    @staticmethod
    def _select_code(combo: QComboBox, code: str | None) -> None:
        # findData(None) does not find the "não informado" item, which is always the first.
        index = combo.findData(code) if code is not None else 0
        combo.setCurrentIndex(max(index, 0))

    def _load(self, data: AlunoData) -> None:
        self.nome.setText(data.nome)
        self.nome_social.setText(data.nome_social or "")
        if data.data_nascimento is None:
            self.nascimento_nao_informada.setChecked(True)
        else:
            self.data_nascimento.setDate(to_qdate(data.data_nascimento))
            self.nascimento_nao_informada.setChecked(False)
            self.data_nascimento.setEnabled(True)
        self._select_code(self.sexo, data.sexo)
        self._select_code(self.cor_raca, data.cor_raca)
        self.ativo.setChecked(data.ativo)
        self.ra.setText(data.ra or "")
        self.cpf.setText(format_cpf(data.cpf))
        self.rg.setText(data.rg or "")
        self.certidao_nascimento.setText(format_certidao(data.certidao_nascimento))
        self.nis.setText(format_nis(data.nis))
        self.codigo_inep.setText(data.codigo_inep or "")
        self.email.setText(data.email or "")
        self.telefones.setPlainText("\n".join(data.telefones))

    def _on_nascimento_toggled(self, nao_informada: bool) -> None:
        self.data_nascimento.setEnabled(not nao_informada)

    def collect(self) -> AlunoData:
        nascimento = None if self.nascimento_nao_informada.isChecked() else from_qdate(self.data_nascimento.date())
        return AlunoData(
            nome=self.nome.text(),
            email=self.email.text(),
            cpf=self.cpf.text(),
            data_nascimento=nascimento,
            ativo=self.ativo.isChecked(),
            telefones=tuple(self.telefones.toPlainText().splitlines()),
            nome_social=self.nome_social.text(),
            sexo=self.sexo.currentData(),
            cor_raca=self.cor_raca.currentData(),
            rg=self.rg.text(),
            certidao_nascimento=self.certidao_nascimento.text(),
            nis=self.nis.text(),
            codigo_inep=self.codigo_inep.text(),
            ra=self.ra.text(),
        )

    def validate(self, data: AlunoData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._aluno_id)

    def save(self, data: AlunoData) -> int:  # type: ignore[override]
        if self._aluno_id is None:
            return self._service.create(data)
        self._service.update(self._aluno_id, data)
        return self._aluno_id


# --- curso ------------------------------------------------------------------------------


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
        self.data_matricula = _date_edit("data_matricula")
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
            data_matricula=None if qdate == EMPTY_DATE else from_qdate(qdate),
            observacoes=self.observacoes.toPlainText(),
        )

    def validate(self, data: MatriculaData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._matricula_id)

    def save(self, data: MatriculaData) -> int:  # type: ignore[override]
        if self._matricula_id is None:
            return self._service.create(data.aluno_id, data.curso_id, data.data_matricula, data.observacoes)
        self._service.update(self._matricula_id, data.aluno_id, data.curso_id, data.data_matricula, data.observacoes)
        return self._matricula_id
