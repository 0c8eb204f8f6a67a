"""The form of an ano letivo: its year, its períodos and the evaluation rule (média, pesos,
frequência mínima, recuperação), with :class:`PesosEditor` for the weighted média."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QGridLayout, QLabel, QSizePolicy, QSpinBox, QWidget

from escola_gui.core.avaliacao import FormulaMedia, RegraRecuperacao, nome_do_periodo
from escola_gui.core.escola import TIPO_PERIODO_LABELS, AnoLetivoData, AnoLetivoService
from escola_gui.core.models import PERIODOS_POR_TIPO, TIPOS_PERIODO
from escola_gui.gui.forms.form_dialog import FormDialog, hint_label
from escola_gui.gui.toolkit.text import translate_validation

BRAZIL = QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil)
PESO_MAX = 10


def tipo_periodo_label(code: str) -> str:
    return translate_validation(TIPO_PERIODO_LABELS.get(code, code))


class PesosEditor(QWidget):
    """One peso per período, for the weighted média."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pesos")
        self.spins: list[QSpinBox] = []
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(8)
        self._layout.setColumnStretch(4, 1)
        self._tipo = ""

    def set_tipo(self, tipo_periodo: str, pesos: Sequence[int] = ()) -> None:
        """As many spin boxes as the tipo has períodos, keeping the pesos typed so far."""
        previous = pesos or [s.value() for s in self.spins]
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.spins = []
        for numero in range(1, PERIODOS_POR_TIPO[tipo_periodo] + 1):
            label = QLabel(nome_do_periodo(tipo_periodo, numero, translate_validation) + ":")
            spin = QSpinBox()
            spin.setObjectName(f"peso_{numero}")
            spin.setRange(1, PESO_MAX)
            spin.setValue(previous[numero - 1] if numero <= len(previous) else 1)
            label.setBuddy(spin)
            line, pair = divmod(numero - 1, 2)  # two per line: 1º and 2º, then 3º and 4º
            if pair:
                label.setContentsMargins(12, 0, 0, 0)
            self._layout.addWidget(label, line, pair * 2)
            self._layout.addWidget(spin, line, pair * 2 + 1)
            self.spins.append(spin)
        self._tipo = tipo_periodo

    def value(self) -> tuple[int, ...]:
        return tuple(s.value() for s in self.spins)


def _first_free_year(taken: set[int]) -> int:
    """This year, or the first after it that is not saved yet."""
    year = date.today().year
    while year in taken:
        year += 1
    return year


class AnoLetivoDialog(FormDialog):
    """Create (``ano_letivo_id=None``) or edit an ano letivo and its evaluation rule.

    A new year starts with the rule of the newest year already saved.
    """

    def __init__(self, service: AnoLetivoService, ano_letivo_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._ano_letivo_id = ano_letivo_id
        self.setObjectName("ano_letivo_dialog")
        self.setWindowTitle(self.tr("Novo ano letivo") if ano_letivo_id is None else self.tr("Editar ano letivo"))

        self.ano = QSpinBox()
        self.ano.setObjectName("ano")
        self.ano.setRange(1900, 2200)
        self.ano.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.tipo_periodo = self._combo("tipo_periodo", [(tipo_periodo_label(t), t) for t in TIPOS_PERIODO])
        self.formula_media = self._combo(
            "formula_media", [(translate_validation(f.label), f.value) for f in FormulaMedia]
        )
        self.pesos = PesosEditor()
        self.media_aprovacao = QDoubleSpinBox()
        self.media_aprovacao.setObjectName("media_aprovacao")
        self.media_aprovacao.setLocale(BRAZIL)  # 6,0 with a comma, even where the system says 6.0
        self.media_aprovacao.setRange(0, 10)
        self.media_aprovacao.setDecimals(1)
        self.media_aprovacao.setSingleStep(0.5)
        self.media_aprovacao.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.frequencia_minima = QSpinBox()
        self.frequencia_minima.setObjectName("frequencia_minima")
        self.frequencia_minima.setRange(0, 100)
        self.frequencia_minima.setSuffix(" %")
        self.frequencia_minima.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.frequencia_minima.setToolTip(self.tr("A LDB exige no mínimo 75 % de frequência."))
        self.recuperacao = self._combo(
            "recuperacao",
            [(self.tr("Sem recuperação"), None)] + [(translate_validation(r.label), r.value) for r in RegraRecuperacao],
        )
        self.encerrado = QCheckBox(self.tr("Ano letivo &encerrado"))
        self.encerrado.setObjectName("encerrado")
        # Shown, not changed here: closing checks that every result is in, reopening asks a motivo.
        self.encerrado.setEnabled(False)
        self.encerrado.setToolTip(
            self.tr("Para encerrar ou reabrir o ano, use Encerrar ano… ou Reabrir ano… na lista de anos letivos.")
        )
        self.origem = hint_label("", "regra_copiada")
        self.origem.setVisible(False)
        self._layout.insertWidget(0, self.origem)

        self.add_field(self.tr("&Ano:"), "ano", self.ano)
        self.add_field(self.tr("&Períodos:"), "tipo_periodo", self.tipo_periodo)
        self.add_field(self.tr("&Fórmula da média:"), "formula_media", self.formula_media)
        self._pesos_row = self.add_row(self.tr("P&esos:"), "pesos", self.pesos, None)
        self.add_field(self.tr("&Média para aprovação:"), "media_aprovacao", self.media_aprovacao)
        self.add_field(self.tr("Frequência mí&nima:"), "frequencia_minima", self.frequencia_minima)
        self.add_field(self.tr("&Recuperação:"), "recuperacao", self.recuperacao)
        self._form.addRow("", self.encerrado)

        self.tipo_periodo.currentIndexChanged.connect(lambda _i: self._on_tipo_changed())
        self.formula_media.currentIndexChanged.connect(lambda _i: self._update_pesos_visible())

        anos = service.list()
        if ano_letivo_id is not None:
            self._load(service.get(ano_letivo_id))
        elif anos:
            newest = anos[0]
            self._load(service.get(newest.id))
            self.encerrado.setChecked(False)
            self.origem.setText(
                self.tr("As regras abaixo foram copiadas de {ano}; ajuste o que mudou.").format(ano=newest.ano)
            )
            self.origem.setVisible(True)
            self.ano.setValue(_first_free_year({a.ano for a in anos}))
        else:
            self._load(AnoLetivoData(ano=date.today().year))
        self.encerrado.setVisible(ano_letivo_id is not None)  # a new year is never closed
        self.ano.setFocus()

    @staticmethod
    def _combo(name: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        for label, code in items:
            combo.addItem(label, code)
        return combo

    @staticmethod
    def _select(combo: QComboBox, code: str | None) -> None:
        index = combo.findData(code) if code is not None else 0
        combo.setCurrentIndex(max(index, 0))

    def _load(self, data: AnoLetivoData) -> None:
        self.ano.setValue(data.ano)
        self._select(self.tipo_periodo, data.tipo_periodo)
        self._select(self.formula_media, data.formula_media)
        self.pesos.set_tipo(data.tipo_periodo, data.pesos)
        self.media_aprovacao.setValue(float(data.media_aprovacao))
        self.frequencia_minima.setValue(data.frequencia_minima)
        self._select(self.recuperacao, data.recuperacao)
        self.encerrado.setChecked(data.encerrado)
        self._update_pesos_visible()

    def _on_tipo_changed(self) -> None:
        self.pesos.set_tipo(self.tipo_periodo.currentData())
        self._update_pesos_visible()

    def _update_pesos_visible(self) -> None:
        self._form.setRowVisible(self._pesos_row, self.formula_media.currentData() == FormulaMedia.PONDERADA.value)
        self.adjustSize()

    def collect(self) -> AnoLetivoData:
        ponderada = self.formula_media.currentData() == FormulaMedia.PONDERADA.value
        return AnoLetivoData(
            ano=self.ano.value(),
            tipo_periodo=self.tipo_periodo.currentData(),
            formula_media=self.formula_media.currentData(),
            media_aprovacao=Decimal(f"{self.media_aprovacao.value():.1f}"),
            frequencia_minima=self.frequencia_minima.value(),
            recuperacao=self.recuperacao.currentData(),
            pesos=self.pesos.value() if ponderada else (),
            encerrado=self.encerrado.isChecked(),
        )

    def validate(self, data: AnoLetivoData) -> dict[str, str]:  # type: ignore[override]
        return self._service.validate(data, self._ano_letivo_id)

    def save(self, data: AnoLetivoData) -> int:  # type: ignore[override]
        if self._ano_letivo_id is None:
            return self._service.create(data)
        self._service.update(self._ano_letivo_id, data)
        return self._ano_letivo_id
