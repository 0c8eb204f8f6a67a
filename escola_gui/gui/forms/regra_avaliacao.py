"""The form of an evaluation rule of the catalogue (Configurações → Regras de avaliação).

What is typed per período (notas, conceitos or a parecer), the scale of the notas, the média
for approval, the frequência mínima, the recuperação, a rounding step (0,5), the conceitos
(those that approve and those that do not, best first) and evaluation without retention
(Educação Infantil). The fields that do not apply to the chosen tipo are disabled. The períodos,
the formula of the média and its pesos are the ano letivo's.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QSizePolicy, QSpinBox, QWidget

from escola_gui.core import avaliacao as av
from escola_gui.core.regras import RegraAvaliacaoData, RegraAvaliacaoService
from escola_gui.gui.forms.form_dialog import FormDialog, hint_label
from escola_gui.gui.toolkit.text import translate_validation


def _siglas(text: str) -> list[str]:
    return [s for s in text.replace(";", ",").replace(" ", ",").split(",") if s]


class RegraAvaliacaoDialog(FormDialog):
    """Create (``regra_id=None``) or edit a rule."""

    def __init__(
        self, service: RegraAvaliacaoService, regra_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._regra_id = regra_id
        self.setObjectName("regra_avaliacao_dialog")
        self.setWindowTitle(
            self.tr("Nova regra de avaliação") if regra_id is None else self.tr("Editar regra de avaliação")
        )

        self.nome = self._line_edit("regra_nome", 100, self.tr("Ex.: Anos iniciais — notas de 0 a 10"))
        self.tipo = QComboBox()
        self.tipo.setObjectName("regra_tipo")
        for tipo, label in (
            ("numerica", self.tr("Notas")),
            ("conceitual", self.tr("Conceitos")),
            ("descritiva", self.tr("Parecer descritivo")),
        ):
            self.tipo.addItem(label, tipo)
        self.escala = QComboBox()
        self.escala.setObjectName("regra_escala")
        self.escala.addItem(self.tr("De 0 a 10"), 10)
        self.escala.addItem(self.tr("De 0 a 100"), 100)
        self.media = self._line_edit("regra_media", 6, self.tr("Ex.: 6,0"))
        self.media.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.frequencia = QSpinBox()
        self.frequencia.setObjectName("regra_frequencia")
        self.frequencia.setRange(0, 100)
        self.frequencia.setSuffix(" %")
        self.recuperacao = QComboBox()
        self.recuperacao.setObjectName("regra_recuperacao")
        self.recuperacao.addItem(self.tr("Sem recuperação"), None)
        for regra in av.RegraRecuperacao:
            self.recuperacao.addItem(translate_validation(regra.label), regra.value)
        self.recuperacao_final = QCheckBox(self.tr("Também uma recuperação final (exame) depois do último período"))
        self.recuperacao_final.setObjectName("regra_recuperacao_final")
        self.passo = self._line_edit("regra_arredondamento", 5, self.tr("Ex.: 0,5 (vazio: sem arredondamento)"))
        self.aprovam = self._line_edit("regra_conceitos_aprovam", 60, self.tr("Ex.: A, B, C"))
        self.reprovam = self._line_edit("regra_conceitos_reprovam", 60, self.tr("Ex.: D, E"))
        self.sem_retencao = QCheckBox(self.tr("Sem retenção: nem notas nem frequência retêm o aluno (LDB art. 31)"))
        self.sem_retencao.setObjectName("regra_sem_retencao")
        self.dependencias = QSpinBox()
        self.dependencias.setObjectName("regra_dependencias")
        self.dependencias.setRange(0, 20)
        self.dependencias.setSpecialValueText(self.tr("Nenhuma"))

        self.add_field(self.tr("&Nome:"), "nome", self.nome)
        self.add_field(self.tr("&Avaliação por:"), "tipo", self.tipo)
        self.add_field(self.tr("E&scala das notas:"), "escala", self.escala)
        self.add_field(self.tr("&Média para aprovação:"), "media_aprovacao", self.media)
        self.add_field(self.tr("&Frequência mínima:"), "frequencia_minima", self.frequencia)
        self.add_field(self.tr("&Recuperação:"), "recuperacao", self.recuperacao)
        self.add_field("", "recuperacao_final", self.recuperacao_final)
        self.add_field(self.tr("Arre&dondar a média para múltiplos de:"), "tabela_arredondamento", self.passo)
        self.add_field(self.tr("Conceitos que a&provam:"), "conceitos", self.aprovam)
        self.add_field(self.tr("Conceitos que não apr&ovam:"), "conceitos_reprovam", self.reprovam)
        self.add_field("", "sem_retencao", self.sem_retencao)
        self.add_field(self.tr("&Dependências permitidas:"), "max_dependencias", self.dependencias)
        self._layout.insertWidget(
            0,
            hint_label(
                self.tr(
                    "Os períodos e a fórmula da média são os do ano letivo. Conceitos: do melhor para o pior; "
                    "vazios, valem A, B e C (aprovam), D e E."
                )
            ),
        )

        data = service.get(regra_id) if regra_id is not None else RegraAvaliacaoData(nome="")
        self._load(data)
        self.tipo.currentIndexChanged.connect(self._enable)
        self._enable()
        self.nome.setFocus()

    def _load(self, data: RegraAvaliacaoData) -> None:
        self.nome.setText(data.nome)
        self.tipo.setCurrentIndex(max(0, self.tipo.findData(data.tipo)))
        self.escala.setCurrentIndex(max(0, self.escala.findData(data.escala)))
        self.media.setText(av.format_nota(av.parse_nota(data.media_aprovacao, data.escala), data.escala))
        self.frequencia.setValue(int(data.frequencia_minima))
        self.recuperacao.setCurrentIndex(max(0, self.recuperacao.findData(data.recuperacao)))
        self.recuperacao_final.setChecked(data.recuperacao_final)
        if data.arredondamento_passo is not None:
            self.passo.setText(av.format_nota(av.parse_nota(data.arredondamento_passo, 100)))
        self.aprovam.setText(", ".join(c.sigla for c in data.conceitos if c.aprova))
        self.reprovam.setText(", ".join(c.sigla for c in data.conceitos if not c.aprova))
        self.sem_retencao.setChecked(data.sem_retencao)
        self.dependencias.setValue(data.max_dependencias)

    def _enable(self) -> None:
        tipo = self.tipo.currentData()
        numerica = tipo == "numerica"
        for widget in (self.escala, self.media, self.recuperacao, self.recuperacao_final, self.passo):
            widget.setEnabled(numerica)
        for widget in (self.aprovam, self.reprovam):
            widget.setEnabled(tipo == "conceitual")

    def collect(self) -> RegraAvaliacaoData:
        tipo = self.tipo.currentData()
        numerica = tipo == "numerica"
        conceitos: tuple[av.Conceito, ...] = ()
        if tipo == "conceitual" and (self.aprovam.text().strip() or self.reprovam.text().strip()):
            conceitos = tuple(av.Conceito(s, s, True) for s in _siglas(self.aprovam.text())) + tuple(
                av.Conceito(s, s, False) for s in _siglas(self.reprovam.text())
            )
        escala = self.escala.currentData() if numerica else 10
        return RegraAvaliacaoData(
            nome=self.nome.text(),
            tipo=tipo,
            escala=escala,
            media_aprovacao=self.media.text() if numerica else "6",
            frequencia_minima=self.frequencia.value(),
            recuperacao=self.recuperacao.currentData() if numerica else None,
            recuperacao_final=self.recuperacao_final.isChecked() and numerica,
            arredondamento_passo=(self.passo.text().strip() or None) if numerica else None,
            conceitos=conceitos,
            sem_retencao=self.sem_retencao.isChecked(),
            max_dependencias=self.dependencias.value(),
        )

    def validate(self, data: RegraAvaliacaoData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._regra_id)

    def save(self, data: RegraAvaliacaoData) -> int:  # type: ignore[override]
        if self._regra_id is None:
            return self._service.create(data)
        self._service.update(self._regra_id, data)
        return self._regra_id
