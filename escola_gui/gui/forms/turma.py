"""The form of a turma: its ano letivo, etapa, name, série, turno, sala and vagas, and the
disciplinas it has, with their carga horária (:class:`DisciplinasEditor`).

The etapa is chosen from the catalogue, always: a new turma has none until she picks one, and a
turma of an older file whose série the upgrade could not read shows "Não definida" and is saved
only once she picks one (the service would read "5º ano" typed in Série by itself; the form asks
anyway, so that no turma gets an etapa she did not see). Picking an etapa fills an empty Série
with its name; a série she typed stays."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core.escola import AnoLetivoService, DisciplinaRow, DisciplinaService
from escola_gui.core.etapas import ETAPA_OBRIGATORIA, EtapaRow
from escola_gui.core.models import TURNOS
from escola_gui.core.turmas import TurmaData, TurmaDisciplinaRow, TurmaService
from escola_gui.gui.forms.form_dialog import FormDialog, hint_label
from escola_gui.gui.turma_models import _ano_text, plural, turno_label

CARGA_HORARIA_MAX = 2_000
VAGAS_MAX = 999


class DisciplinasEditor(QWidget):
    """Every disciplina with a check box and its carga horária; the turma's own come first,
    in their order (the boletim's), then the others by name."""

    def __init__(self, disciplinas: Sequence[DisciplinaRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disciplinas")
        self._disciplinas = list(disciplinas)
        self.checkboxes: dict[int, QCheckBox] = {}
        self.cargas: dict[int, QSpinBox] = {}

        self._grid_widget = QWidget()
        self._grid = QGridLayout(self._grid_widget)
        self._grid.setContentsMargins(6, 4, 6, 4)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setObjectName("disciplinas_lista")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._grid_widget)
        self._scroll = scroll

        self.marcar_todas = QPushButton(self.tr("Marcar todas"))
        self.marcar_todas.setObjectName("marcar_todas")
        self.marcar_todas.clicked.connect(self.check_all)
        self.resumo = hint_label("", "disciplinas_resumo")
        bottom = QHBoxLayout()
        bottom.addWidget(self.marcar_todas)
        bottom.addWidget(self.resumo, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if self._disciplinas:
            layout.addWidget(scroll)
            layout.addLayout(bottom)
        else:
            scroll.hide()
            self.marcar_todas.hide()
            layout.addWidget(
                hint_label(
                    self.tr(
                        "Nenhuma disciplina cadastrada ainda. Cadastre-as em Configurações → Disciplinas; "
                        "depois edite a turma para escolhê-las."
                    ),
                    "sem_disciplinas",
                )
            )
        self._arrange([])

    def _arrange(self, first: Sequence[int]) -> None:
        """Lay the rows out: ``first`` (ids) in that order, then the rest by name."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().setParent(None)
        header_nome = QLabel(self.tr("<b>Disciplina</b>"))
        header_carga = QLabel(self.tr("<b>Carga horária anual</b>"))
        self._grid.addWidget(header_nome, 0, 0)
        self._grid.addWidget(header_carga, 0, 1)
        by_id = {d.id: d for d in self._disciplinas}
        ordered = [by_id[i] for i in first if i in by_id]
        ordered += [d for d in self._disciplinas if d.id not in first]
        for line, disciplina in enumerate(ordered, start=1):
            box = self.checkboxes.get(disciplina.id)
            spin = self.cargas.get(disciplina.id)
            if box is None or spin is None:
                box = QCheckBox(disciplina.nome)
                box.setObjectName(f"disciplina_{disciplina.id}")
                # As wide as its text, so that a click beside it does not tick it.
                box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
                spin = QSpinBox()
                spin.setObjectName(f"carga_{disciplina.id}")
                spin.setRange(0, CARGA_HORARIA_MAX)
                spin.setSingleStep(40)
                spin.setSpecialValueText(self.tr("não informada"))
                spin.setSuffix(self.tr(" h"))
                spin.setEnabled(False)
                spin.setAccessibleName(self.tr("Carga horária de {nome}").format(nome=disciplina.nome))
                box.toggled.connect(spin.setEnabled)
                box.toggled.connect(self._update_resumo)
                self.checkboxes[disciplina.id] = box
                self.cargas[disciplina.id] = spin
            self._grid.addWidget(box, line, 0)
            self._grid.addWidget(spin, line, 1)
        self._order = [d.id for d in ordered]
        # Up to 10 disciplinas show without scrolling; more scroll.
        line = self._grid.itemAtPosition(1, 1)
        row_height = (line.widget().sizeHint().height() if line else self.fontMetrics().height()) + 2
        visible = min(len(ordered), 10) + 1
        self._scroll.setFixedHeight(visible * row_height + 14)
        self._update_resumo()

    def _update_resumo(self) -> None:
        count = sum(1 for box in self.checkboxes.values() if box.isChecked())
        self.resumo.setText(
            plural(count, self.tr("{n} disciplina marcada"), self.tr("{n} disciplinas marcadas"))
            if count
            else self.tr("Nenhuma disciplina marcada")
        )

    def checkbox(self, nome: str) -> QCheckBox:
        """The check box of the disciplina called ``nome``."""
        return next(box for box in self.checkboxes.values() if box.text() == nome)

    def carga(self, nome: str) -> QSpinBox:
        """The carga horária of the disciplina called ``nome``."""
        for disciplina_id, box in self.checkboxes.items():
            if box.text() == nome:
                return self.cargas[disciplina_id]
        raise KeyError(nome)

    def check_all(self) -> None:
        for box in self.checkboxes.values():
            box.setChecked(True)

    def set_value(self, rows: Sequence[TurmaDisciplinaRow]) -> None:
        self._arrange([r.disciplina_id for r in rows])
        for row in rows:
            if row.disciplina_id in self.checkboxes:
                self.checkboxes[row.disciplina_id].setChecked(True)
                self.cargas[row.disciplina_id].setValue(row.carga_horaria or 0)

    def value(self) -> list[tuple[int, int | None]]:
        """The checked disciplinas as (id, carga horária or None), in the order shown."""
        return [(i, self.cargas[i].value() or None) for i in self._order if self.checkboxes[i].isChecked()]

    def first_widget(self) -> QWidget:
        return next(iter(self.checkboxes.values()), self)


class TurmaDialog(FormDialog):
    """Create (``turma_id=None``, in ``ano_letivo_id`` when given) or edit a turma and its disciplinas."""

    def __init__(
        self,
        turmas: TurmaService,
        anos: AnoLetivoService,
        disciplinas: DisciplinaService,
        turma_id: int | None = None,
        ano_letivo_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._turmas = turmas
        self._turma_id = turma_id
        self.setObjectName("turma_dialog")
        self.setWindowTitle(self.tr("Nova turma") if turma_id is None else self.tr("Editar turma"))

        self.ano_letivo = QComboBox()
        self.ano_letivo.setObjectName("ano_letivo")
        self.ano_letivo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.ano_letivo.setPlaceholderText(self.tr("Escolha o ano letivo"))
        anos_rows = anos.list()
        for ano in anos_rows:
            self.ano_letivo.addItem(_ano_text(ano), ano.id)
        self.etapa = QComboBox()
        self.etapa.setObjectName("etapa")
        self.etapa.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.etapa.setPlaceholderText(self.tr("Escolha a etapa"))
        self.etapa.setMaxVisibleItems(24)  # the whole catalogue, no scrolling
        self._fill_etapas(turmas.etapas())
        self.etapa.setCurrentIndex(-1)
        self.etapa.activated.connect(self._etapa_chosen)
        self.nome = self._line_edit("nome", 80, self.tr("Ex.: 6º ano A"))
        self.serie = self._line_edit("serie", 80, self.tr("Ex.: 6º ano"))
        self._serie_da_etapa = ""  # the série the last etapa chosen wrote, replaced by the next
        self.turno = QComboBox()
        self.turno.setObjectName("turno")
        self.turno.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.turno.setPlaceholderText(self.tr("Escolha o turno"))
        for code in TURNOS:
            self.turno.addItem(turno_label(code), code)
        self.turno.setCurrentIndex(-1)
        self.sala = self._line_edit("sala", 60, self.tr("Ex.: 12"))
        self.sala.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.vagas = QSpinBox()
        self.vagas.setObjectName("vagas")
        self.vagas.setRange(0, VAGAS_MAX)
        # 0 stands for "no limit": the service then stores None.
        self.vagas.setSpecialValueText(self.tr("sem limite"))
        self.vagas.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.disciplinas = DisciplinasEditor(disciplinas.list())
        self.regra = QComboBox()
        self.regra.setObjectName("regra_avaliacao")
        self.regra.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.regra.addItem(self.tr("A da etapa (ou a do ano letivo)"), None)
        for regra in turmas.regras():
            self.regra.addItem(regra.nome, regra.id)

        self.add_field(self.tr("&Ano letivo:"), "ano_letivo_id", self.ano_letivo)
        self.add_field(self.tr("&Etapa:"), "etapa_id", self.etapa)
        self.add_field(self.tr("&Nome da turma:"), "nome", self.nome)
        self.add_field(self.tr("&Série/ano:"), "serie", self.serie)
        self.add_field(self.tr("&Turno:"), "turno", self.turno)
        self.add_field(self.tr("Sa&la:"), "sala", self.sala)
        self.add_field(self.tr("&Vagas:"), "vagas", self.vagas)
        self.add_field(self.tr("&Regra de avaliação:"), "regra_avaliacao_id", self.regra)
        self.add_field(self.tr("&Disciplinas:"), "carga_horaria", self.disciplinas, self.disciplinas.first_widget())

        if turma_id is None:
            index = self.ano_letivo.findData(ano_letivo_id) if ano_letivo_id is not None else -1
            self.ano_letivo.setCurrentIndex(index if index >= 0 else (0 if anos_rows else -1))
        else:
            self._load(turmas.get(turma_id), turmas.disciplinas(turma_id))
            if turmas.dependentes(turma_id).enturmacoes:
                self.ano_letivo.setEnabled(False)
                self.ano_letivo.setToolTip(self.tr("A turma já tem alunos; o ano letivo dela não muda mais."))
        self.nome.setFocus()

    def _fill_etapas(self, etapas: Sequence[EtapaRow]) -> None:
        """The catalogue in order, a separator between segmentos (infantil, anos iniciais...)."""
        segmento = None
        for etapa in etapas:
            if segmento is not None and etapa.segmento != segmento:
                self.etapa.insertSeparator(self.etapa.count())
            segmento = etapa.segmento
            self.etapa.addItem(etapa.nome, etapa.id)

    def _etapa_chosen(self, _index: int) -> None:
        nome = self.etapa.currentText()
        if self.serie.text().strip() in ("", self._serie_da_etapa):
            self.serie.setText(nome)
            self._serie_da_etapa = nome

    def _load(self, data: TurmaData, disciplinas: Sequence[TurmaDisciplinaRow]) -> None:
        self.ano_letivo.setCurrentIndex(self.ano_letivo.findData(data.ano_letivo_id))
        index = self.etapa.findData(data.etapa_id) if data.etapa_id is not None else -1
        self.etapa.setCurrentIndex(index)
        if index < 0:  # a turma of an older file whose série the upgrade could not read
            self.etapa.setPlaceholderText(self.tr("Não definida — escolha a etapa"))
        self.nome.setText(data.nome)
        self.serie.setText(data.serie)
        self.turno.setCurrentIndex(self.turno.findData(data.turno))
        self.sala.setText(data.sala or "")
        self.vagas.setValue(data.vagas or 0)
        self.regra.setCurrentIndex(max(0, self.regra.findData(data.regra_avaliacao_id)))
        self.disciplinas.set_value(disciplinas)

    def collect(self) -> tuple[TurmaData, list[tuple[int, int | None]]]:
        data = TurmaData(
            ano_letivo_id=self.ano_letivo.currentData(),
            nome=self.nome.text(),
            serie=self.serie.text(),
            turno=self.turno.currentData() or "",
            sala=self.sala.text(),
            vagas=self.vagas.value() or None,
            etapa_id=self.etapa.currentData(),
            regra_avaliacao_id=self.regra.currentData(),
        )
        return data, self.disciplinas.value()

    def validate(self, data: tuple[TurmaData, list[tuple[int, int | None]]]) -> dict[str, str]:  # type: ignore[override]
        errors = self._turmas.validate(data[0], self._turma_id)
        if data[0].etapa_id is None:  # chosen here, never read from the série behind her back
            errors["etapa_id"] = ETAPA_OBRIGATORIA
        return errors

    def save(self, data: tuple[TurmaData, list[tuple[int, int | None]]]) -> int:  # type: ignore[override]
        turma, disciplinas = data
        if self._turma_id is None:
            return self._turmas.create(turma, disciplinas)
        self._turmas.update(self._turma_id, turma, disciplinas)
        return self._turma_id
