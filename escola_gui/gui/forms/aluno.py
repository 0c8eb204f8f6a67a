"""The aluno form: personal data with photo and address, documents and contacts, the
responsáveis, the matrículas, the histórico and the changes, one tab each.

It saves through the service it receives. When something is wrong it keeps the dialog open,
shows the Portuguese message under the field at fault and puts the focus there. Open it with
``open()`` and listen to ``accepted``: nothing blocks, so tests can drive it.

The photo file picker (:func:`choose_foto_file`) and :func:`load_foto` are module-level so that
tests can replace them with ``monkeypatch``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.alunos import AlunoData, AlunoService
from escola_gui.core.auditoria import AuditoriaService
from escola_gui.core.diario import DiarioService
from escola_gui.core.documentos import format_certidao, format_nis
from escola_gui.core.historico_externo import HistoricoExternoService
from escola_gui.core.responsaveis import ResponsavelService
from escola_gui.core.turmas import TurmaService
from escola_gui.core.validation import UFS, format_cep, format_cpf, normalize_cep
from escola_gui.gui.alteracoes import AlteracoesPanel
from escola_gui.gui.forms.aluno_historico import HistoricoPanel
from escola_gui.gui.forms.aluno_matriculas import MatriculasPanel
from escola_gui.gui.forms.responsaveis import ResponsaveisPanel
from escola_gui.gui.toolkit.date_field import date_edit, from_qdate, to_qdate
from escola_gui.gui.toolkit.forms import DIALOG_MIN_WIDTH, RecordDialog

_log = logging.getLogger(__name__)

# The aluno's photo: the preview in the form, and what is stored (longest side, JPEG quality).
FOTO_PREVIEW_SIZE = QSize(96, 128)
FOTO_MAX_SIDE = 600
FOTO_JPEG_QUALITY = 85


def choose_foto_file(parent: QWidget | None) -> str | None:
    """Ask for a PNG or JPEG file for the aluno's photo; ``None`` when the user cancels."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("dialogs", "Escolher foto do aluno"),
        "",
        QCoreApplication.translate("dialogs", "Imagens PNG ou JPEG (*.png *.jpg *.jpeg);;Todos os arquivos (*)"),
    )
    return path or None


class FotoIlegivelError(ValueError):
    """The chosen file is not an image Qt can read."""


def load_foto(path: str) -> bytes:
    """The image at ``path`` as the aluno's photo is stored: a JPEG whose longest side is at
    most :data:`FOTO_MAX_SIDE`, turned upright (EXIF) and without transparency, so that a
    camera's 5 MB picture becomes a few dozen kB in the file.

    Raises:
        FotoIlegivelError: Qt cannot read the file as an image.
    """
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise FotoIlegivelError(reader.errorString())
    if max(image.width(), image.height()) > FOTO_MAX_SIDE:
        image = image.scaled(
            FOTO_MAX_SIDE,
            FOTO_MAX_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    # JPEG has no transparency: what was transparent in a PNG becomes white, not black.
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(QColor("white"))
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    for stored, format_name, quality in ((flat, "JPEG", FOTO_JPEG_QUALITY), (image, "PNG", -1)):
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PNG only where Qt was built without its JPEG plugin.
        if stored.save(buffer, format_name, quality):
            return bytes(buffer.data().data())
    raise FotoIlegivelError("cannot write JPEG or PNG")


def foto_pixmap(foto: bytes, size: QSize, device_pixel_ratio: float = 1.0) -> QPixmap:
    """``foto`` scaled to fit in ``size`` (keeping its proportions); null when unreadable."""
    pixmap = QPixmap()
    if not pixmap.loadFromData(foto):
        return pixmap
    scaled = pixmap.scaled(
        size * device_pixel_ratio,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    scaled.setDevicePixelRatio(device_pixel_ratio)
    return scaled


class AlunoDialog(RecordDialog):
    """Create (``aluno_id=None``) or edit an aluno: personal data with photo and address,
    documents and contacts, one tab each; given ``responsaveis``, a tab of the aluno's
    responsáveis; given ``turmas``, a read-only Matrículas tab; given ``diario``, a Histórico
    tab, where ``historicos`` adds the years done in other schools (see :class:`HistoricoPanel`);
    given ``auditoria``, an Alterações tab: who changed what and when."""

    def __init__(
        self,
        service: AlunoService,
        aluno_id: int | None = None,
        parent: QWidget | None = None,
        responsaveis: ResponsavelService | None = None,
        *,
        turmas: TurmaService | None = None,
        diario: DiarioService | None = None,
        historicos: HistoricoExternoService | None = None,
        auditoria: AuditoriaService | None = None,
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

        self.data_nascimento = date_edit("data_nascimento")
        self.nascimento_nao_informada = QCheckBox(self.tr("Não informada"))
        self.nascimento_nao_informada.setObjectName("nascimento_nao_informada")
        self.nascimento_nao_informada.toggled.connect(self._on_nascimento_toggled)
        # The field stays open: typing a date unticks "Não informada" (a new aluno starts ticked).
        self.data_nascimento.textEdited.connect(self._on_nascimento_typed)
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

        # Address: the CEP is typed freely and shown as 12345-678 once it has its 8 digits.
        self.cep = self._line_edit("cep", max_length=20)
        self.cep.setPlaceholderText(self.tr("00000-000"))
        self.cep.setMaximumWidth(self.fontMetrics().horizontalAdvance("00000-0000") + 24)
        self.cep.editingFinished.connect(self._on_cep_edited)
        self.logradouro = self._line_edit("logradouro", max_length=200)
        self.logradouro.setPlaceholderText(self.tr("rua, avenida…"))
        self.numero = self._line_edit("numero", max_length=40)
        self.numero.setPlaceholderText(self.tr("ou s/n"))
        self.numero.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000000000") + 16)
        self.complemento = self._line_edit("complemento", max_length=200)
        self.complemento.setPlaceholderText(self.tr("apto., bloco…"))
        self.bairro = self._line_edit("bairro", max_length=200)
        self.municipio = self._line_edit("municipio", max_length=200)
        self.uf = self._choice_combo("uf", [("", None), *((uf, uf) for uf in UFS)])
        self.uf.setAccessibleName(self.tr("UF"))

        # Photo: chosen from a file, shrunk, and saved with the rest on Salvar.
        self._foto: bytes | None = None
        self._foto_alterada = False
        self.foto_preview = QLabel()
        self.foto_preview.setObjectName("foto")
        self.foto_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.foto_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.foto_preview.setWordWrap(True)
        frame = 2 * self.foto_preview.frameWidth()
        self.foto_preview.setFixedSize(FOTO_PREVIEW_SIZE + QSize(frame, frame))
        self.escolher_foto = QPushButton(self.tr("Escolher &foto…"))
        self.escolher_foto.setObjectName("escolher_foto")
        self.escolher_foto.setToolTip(self.tr("Uma imagem PNG ou JPEG; fotos grandes são reduzidas ao salvar."))
        self.escolher_foto.clicked.connect(self.choose_foto)
        self.remover_foto = QPushButton(self.tr("Remover foto"))
        self.remover_foto.setObjectName("remover_foto")
        self.remover_foto.clicked.connect(self.remove_foto)
        foto_widgets = QWidget()
        foto_layout = QVBoxLayout(foto_widgets)
        foto_layout.setContentsMargins(0, 0, 0, 0)
        foto_layout.addWidget(self.foto_preview, 0, Qt.AlignmentFlag.AlignHCenter)
        foto_layout.addWidget(self.escolher_foto)
        foto_layout.addWidget(self.remover_foto)
        foto_column = self.field_box("foto", foto_widgets, self.escolher_foto)
        foto_column.setObjectName("coluna_foto")
        foto_column.setFixedWidth(max(FOTO_PREVIEW_SIZE.width() + frame, self.escolher_foto.sizeHint().width()) + 8)

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
        self.outros_emails = self._lines_edit("outros_emails")
        self.outros_emails.setPlaceholderText(self.tr("Um por linha, ex.: mae.do.aluno@exemplo.com.br"))
        self.telefones = self._lines_edit("telefones")
        self.telefones.setPlaceholderText(self.tr("Um por linha, ex.: (11) 98765-4321"))

        # Mnemonics are unique among each tab's rows and the tab titles, which are always shown.
        pessoais = self.add_tab(self.tr("Dados &pessoais"), "aba_dados_pessoais", beside=foto_column)
        self.add_field(self.tr("&Nome:"), "nome", self.nome, form=pessoais)
        self.add_field(self.tr("Nome socia&l:"), "nome_social", self.nome_social, form=pessoais)
        self.add_field(
            self.tr("&Data de nascimento:"), "data_nascimento", nascimento, self.data_nascimento, form=pessoais
        )
        self.add_field(self.tr("Se&xo:"), "sexo", self.sexo, form=pessoais)
        self.add_field(self.tr("Co&r/raça:"), "cor_raca", self.cor_raca, form=pessoais)
        pessoais.addRow("", self.ativo)

        endereco = self.add_section(self.tr("Endereço"), "titulo_endereco")
        self.add_field(self.tr("C&EP:"), "cep", self.cep, form=endereco)
        self.add_field(self.tr("Lo&gradouro:"), "logradouro", self.logradouro, form=endereco)
        self.add_field(
            self.tr("Nú&mero:"),
            "numero",
            self._pair(
                self.numero, "numero", self.tr("Complemen&to:"), self.complemento, "complemento", self.complemento
            ),
            self.numero,
            form=endereco,
            boxed=False,
        )
        self.add_field(self.tr("&Bairro:"), "bairro", self.bairro, form=endereco)
        self.add_field(
            self.tr("Mun&icípio:"),
            "municipio",
            self._pair(self.municipio, "municipio", self.tr("&UF:"), self.uf, "uf", self.municipio),
            self.municipio,
            form=endereco,
            boxed=False,
        )

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
        self.add_field(self.tr("O&utros e-mails:"), "outros_emails", self.outros_emails, form=contatos)
        self.add_field(self.tr("&Telefones:"), "telefones", self.telefones, form=contatos)
        self.align_tab_labels()
        self.responsaveis: ResponsaveisPanel | None = None
        if responsaveis is not None:
            self._add_responsaveis_tab(responsaveis, aluno_id)
        assert self.tabs is not None
        self.matriculas: MatriculasPanel | None = None
        if turmas is not None:
            self.matriculas = MatriculasPanel(service, turmas, aluno_id)
            self.tabs.addTab(self.matriculas, self.tr("M&atrículas"))
        self.historico: HistoricoPanel | None = None
        if diario is not None:
            self.historico = HistoricoPanel(diario, aluno_id, historicos=historicos)
            self.tabs.addTab(self.historico, self.tr("&Histórico"))
        self.alteracoes: AlteracoesPanel | None = None
        if auditoria is not None:
            self.alteracoes = AlteracoesPanel(auditoria, aluno_id)
            self.tabs.addTab(self.alteracoes, self.tr("Alterações"))
        # Every tab title in sight: the dialog is as wide as the tab bar, without scroll arrows.
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        margins = self._layout.contentsMargins()
        tabs_width = self.tabs.minimumSizeHint().width() + margins.left() + margins.right()
        self.setMinimumWidth(max(DIALOG_MIN_WIDTH, tabs_width))

        # Down the personal data and the address, then the photo beside them.
        chain = [
            self.nome,
            self.nome_social,
            self.data_nascimento,
            self.nascimento_nao_informada,
            self.sexo,
            self.cor_raca,
            self.ativo,
            self.cep,
            self.logradouro,
            self.numero,
            self.complemento,
            self.bairro,
            self.municipio,
            self.uf,
            self.escolher_foto,
            self.remover_foto,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        if aluno_id is None:
            self.nascimento_nao_informada.setChecked(True)
            self._show_foto()
        else:
            self._load(service.get(aluno_id))
            self._foto = service.foto(aluno_id)
            self._show_foto()
        for title, widget in (
            (self.tr("Nome"), self.nome),
            (self.tr("Nome social"), self.nome_social),
            (self.tr("Data de nascimento"), self.data_nascimento),
            (self.tr("Data de nascimento não informada"), self.nascimento_nao_informada),
            (self.tr("Sexo"), self.sexo),
            (self.tr("Cor/raça"), self.cor_raca),
            (self.tr("Ativo"), self.ativo),
            (self.tr("CEP"), self.cep),
            (self.tr("Logradouro"), self.logradouro),
            (self.tr("Número"), self.numero),
            (self.tr("Complemento"), self.complemento),
            (self.tr("Bairro"), self.bairro),
            (self.tr("Município"), self.municipio),
            (self.tr("UF"), self.uf),
            (self.tr("RA"), self.ra),
            (self.tr("CPF"), self.cpf),
            (self.tr("RG"), self.rg),
            (self.tr("Certidão de nascimento"), self.certidao_nascimento),
            (self.tr("NIS"), self.nis),
            (self.tr("Código INEP"), self.codigo_inep),
            (self.tr("E-mail"), self.email),
            (self.tr("Outros e-mails"), self.outros_emails),
            (self.tr("Telefones"), self.telefones),
        ):
            self.track(title, widget)
        self.track(self.tr("Foto"), self.escolher_foto, self._foto_state, self._set_foto_state)
        self.start_history()
        self.nome.setFocus()

    def add_field(
        self,
        label: str,
        field: str,
        widget: QWidget,
        focus: QWidget | None = None,
        form: QFormLayout | None = None,
        boxed: bool = True,
    ) -> None:
        """:meth:`RecordDialog.add_field`; ``boxed=False`` when ``widget`` already holds its
        fields' error labels (see :meth:`_pair`)."""
        if boxed:
            super().add_field(label, field, widget, focus, form)
            return
        row_label = QLabel(label)
        row_label.setBuddy(focus or widget)
        (form or self._form).addRow(row_label, widget)
        self._row_labels.append(row_label)

    def _pair(
        self, first: QWidget, first_field: str, label: str, second: QWidget, second_field: str, wide: QWidget
    ) -> QWidget:
        """Two fields on one row, ``label`` between them; ``wide`` (one of the two) takes the
        spare width. Their messages go under the whole row, one under the other, so that a
        message about the narrow field is not squeezed into its width."""
        row = QWidget()
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        middle = QLabel(label)
        middle.setBuddy(second)
        middle.setContentsMargins(self.fontMetrics().averageCharWidth(), 0, 0, 0)
        grid.addWidget(first, 0, 0)
        grid.addWidget(middle, 0, 1)
        grid.addWidget(second, 0, 2)
        grid.setColumnStretch(0 if wide is first else 2, 1)
        grid.addWidget(self.error_label(first_field, first), 1, 0, 1, 3)
        grid.addWidget(self.error_label(second_field, second), 2, 0, 1, 3)
        grid.setRowStretch(3, 1)  # any spare height goes below the messages
        return row

    def has_unsaved_changes(self) -> bool:
        """Override: a responsável added to a new aluno is a change too."""
        pending = self.responsaveis is not None and bool(self.responsaveis.pending)
        return pending or super().has_unsaved_changes()

    def _add_responsaveis_tab(self, service: ResponsavelService, aluno_id: int | None) -> None:
        assert self.tabs is not None
        # For a new aluno the tab keeps them until Salvar, which saves them with the aluno.
        self.responsaveis = ResponsaveisPanel(service, aluno_id)
        self.tabs.addTab(self.responsaveis, self.tr("Responsá&veis"))

    @staticmethod
    def _line_edit(name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        return edit

    def _lines_edit(self, name: str) -> QPlainTextEdit:
        """A box for a list typed one item per line (phones, e-mails); Tab leaves it. See
        :meth:`_set_lines` and :meth:`_lines`."""
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        return edit

    @staticmethod
    def _set_lines(edit: QPlainTextEdit, values: tuple[str, ...]) -> None:
        edit.setPlainText("\n".join(values))

    @staticmethod
    def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
        """The lines as typed; the service trims them and drops the blank ones."""
        return tuple(edit.toPlainText().splitlines())

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

    # -- photo

    @property
    def foto(self) -> bytes | None:
        """The photo as it will be saved (the stored one until the user changes it)."""
        return self._foto

    def choose_foto(self) -> None:
        """Ask for an image file and show it; it is stored, shrunk, when the form is saved."""
        path = choose_foto_file(self)
        if not path:
            return
        try:
            foto = load_foto(path)
        except FotoIlegivelError:
            _log.info("Unreadable photo %s", path, exc_info=True)
            self._show_foto_error(
                self.tr("Não foi possível ler esta imagem. Escolha um arquivo PNG ou JPEG que abra normalmente.")
            )
            return
        self._foto = foto
        self._foto_alterada = True
        self._show_foto_error("")
        self._show_foto()
        self.field_changed(self.escolher_foto)

    def remove_foto(self) -> None:
        self._foto = None
        self._foto_alterada = True
        self._show_foto_error("")
        self._show_foto()
        self.escolher_foto.setFocus()
        self.field_changed(self.escolher_foto)

    def _foto_state(self) -> tuple[bytes | None, bool]:
        return self._foto, self._foto_alterada

    def _set_foto_state(self, state: tuple[bytes | None, bool]) -> None:
        self._foto, self._foto_alterada = state
        self._show_foto_error("")
        self._show_foto()

    def _show_foto_error(self, message: str) -> None:
        error = self._errors["foto"]
        error.setText(message)
        error.setVisible(bool(message))

    def _show_foto(self) -> None:
        if self._foto is None:
            self.foto_preview.setPixmap(QPixmap())
            self.foto_preview.setText(self.tr("Sem foto"))
        else:
            pixmap = foto_pixmap(self._foto, FOTO_PREVIEW_SIZE, self.devicePixelRatioF())
            if pixmap.isNull():
                self.foto_preview.setPixmap(QPixmap())
                self.foto_preview.setText(self.tr("Foto ilegível"))
            else:
                self.foto_preview.setPixmap(pixmap)
        self.remover_foto.setEnabled(self._foto is not None)

    # -- data

    def _on_cep_edited(self) -> None:
        cep = normalize_cep(self.cep.text())
        if cep is not None and len(cep) == 8 and cep.isdigit():
            self.cep.setText(format_cep(cep))

    def _load(self, data: AlunoData) -> None:
        self.nome.setText(data.nome)
        self.nome_social.setText(data.nome_social or "")
        if data.data_nascimento is None:
            self.nascimento_nao_informada.setChecked(True)
        else:
            self.data_nascimento.setDate(to_qdate(data.data_nascimento))
            self.nascimento_nao_informada.setChecked(False)
        self._select_code(self.sexo, data.sexo)
        self._select_code(self.cor_raca, data.cor_raca)
        self.ativo.setChecked(data.ativo)
        self.cep.setText(format_cep(data.cep))
        self.logradouro.setText(data.logradouro or "")
        self.numero.setText(data.numero or "")
        self.complemento.setText(data.complemento or "")
        self.bairro.setText(data.bairro or "")
        self.municipio.setText(data.municipio or "")
        if data.uf and self.uf.findData(data.uf) < 0:
            self.uf.addItem(data.uf, data.uf)  # not a UF: kept, so that saving explains it
        self._select_code(self.uf, data.uf)
        self.ra.setText(data.ra or "")
        self.cpf.setText(format_cpf(data.cpf))
        self.rg.setText(data.rg or "")
        self.certidao_nascimento.setText(format_certidao(data.certidao_nascimento))
        self.nis.setText(format_nis(data.nis))
        self.codigo_inep.setText(data.codigo_inep or "")
        self.email.setText(data.email or "")
        self._set_lines(self.outros_emails, data.outros_emails)
        self._set_lines(self.telefones, data.telefones)

    def _on_nascimento_toggled(self, nao_informada: bool) -> None:
        if nao_informada:
            self.data_nascimento.clear()

    def _on_nascimento_typed(self, text: str) -> None:
        if text.strip():
            self.nascimento_nao_informada.setChecked(False)

    def _date_errors(self) -> dict[str, str]:
        errors = super()._date_errors()
        if self.nascimento_nao_informada.isChecked():
            errors.pop("data_nascimento", None)  # left empty on purpose
        return errors

    def collect(self) -> AlunoData:
        qdate = self.data_nascimento.date()
        # An impossible date typed is told by RecordDialog before this is saved (see _date_errors).
        nascimento = None if self.nascimento_nao_informada.isChecked() or not qdate.isValid() else from_qdate(qdate)
        return AlunoData(
            nome=self.nome.text(),
            email=self.email.text(),
            cpf=self.cpf.text(),
            data_nascimento=nascimento,
            ativo=self.ativo.isChecked(),
            telefones=self._lines(self.telefones),
            nome_social=self.nome_social.text(),
            sexo=self.sexo.currentData(),
            cor_raca=self.cor_raca.currentData(),
            rg=self.rg.text(),
            certidao_nascimento=self.certidao_nascimento.text(),
            nis=self.nis.text(),
            codigo_inep=self.codigo_inep.text(),
            cep=self.cep.text(),
            logradouro=self.logradouro.text(),
            numero=self.numero.text(),
            complemento=self.complemento.text(),
            bairro=self.bairro.text(),
            municipio=self.municipio.text(),
            uf=self.uf.currentData(),
            ra=self.ra.text(),
            outros_emails=self._lines(self.outros_emails),
        )

    def validate(self, data: AlunoData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._aluno_id)

    def save(self, data: AlunoData) -> int:  # type: ignore[override]
        # The photo goes in the same transaction as the data.
        if self._aluno_id is None:
            pending = self.responsaveis.pending if self.responsaveis is not None else []
            return self._service.create(data, foto=self._foto, responsaveis=pending)
        if self._foto_alterada:
            self._service.update(self._aluno_id, data, foto=self._foto)
        else:
            self._service.update(self._aluno_id, data)
        return self._aluno_id


# --- curso ------------------------------------------------------------------------------
