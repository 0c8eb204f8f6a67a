"""The form of an ano letivo: its year, its períodos and the evaluation rule (média, pesos,
frequência mínima, recuperação), with :class:`PesosEditor` for the weighted média; and its
calendar: the first and last day of classes, the school day's length and the dias não
letivos (:class:`DiasNaoLetivosEditor`), counted against the 200 dias and 800 horas of the
LDB as they are typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from escola_gui.core import calendario as cal
from escola_gui.core.avaliacao import FormulaMedia, RegraRecuperacao, nome_do_periodo
from escola_gui.core.escola import TIPO_PERIODO_LABELS, AnoLetivoData, AnoLetivoService
from escola_gui.core.models import PERIODOS_POR_TIPO, TIPOS_DIA_NAO_LETIVO, TIPOS_PERIODO
from escola_gui.gui.forms.form_dialog import FormDialog, hint_label, table_view
from escola_gui.gui.import_dialog import ask_open_spreadsheet
from escola_gui.gui.toolkit import messages
from escola_gui.gui.toolkit.background import BackgroundOp
from escola_gui.gui.toolkit.date_field import DateField, from_qdate, to_qdate
from escola_gui.gui.toolkit.formatting import format_date
from escola_gui.gui.toolkit.forms import ERROR_STYLE
from escola_gui.gui.toolkit.text import translate_validation

#: The "no date" of the optional date fields (their minimum, shown empty).
SEM_DATA = QDate(1900, 1, 1)
_ModelIndex = QModelIndex | QPersistentModelIndex

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


def tipo_dia_label(code: str) -> str:
    return translate_validation(cal.TIPO_DIA_LABELS.get(code, code))


class DiasNaoLetivosModel(QAbstractTableModel):
    """The dias não letivos of the form, by date: Data, Dia (of the week), Descrição, Tipo."""

    changed = Signal()
    HEADERS = (
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "Data"),
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "Dia"),
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "Descrição"),
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "Tipo"),
    )
    WEEKDAYS = (
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "segunda"),
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "terça"),
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "quarta"),
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "quinta"),
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "sexta"),
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "sábado"),
        QT_TRANSLATE_NOOP("DiasNaoLetivosModel", "domingo"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dias: list[cal.DiaNaoLetivoData] = []

    def dias(self) -> tuple[cal.DiaNaoLetivoData, ...]:
        return tuple(self._dias)

    def reload(self, dias: Sequence[cal.DiaNaoLetivoData]) -> None:
        self.beginResetModel()
        self._dias = sorted(dias, key=lambda d: d.data)
        self.endResetModel()
        self.changed.emit()

    def add(self, dia: cal.DiaNaoLetivoData) -> int:
        """Put ``dia`` in its place by date; returns its row."""
        row = sum(1 for d in self._dias if d.data < dia.data)
        self.beginInsertRows(QModelIndex(), row, row)
        self._dias.insert(row, dia)
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._dias):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._dias[row]
            self.endRemoveRows()
            self.changed.emit()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._dias)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        dia = self._dias[index.row()]
        column = index.column()
        if column == 0:
            return format_date(dia.data)
        if column == 1:
            return self.tr(self.WEEKDAYS[dia.data.weekday()])
        if column == 2:
            return dia.descricao
        return tipo_dia_label(dia.tipo)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.HEADERS):
            return self.tr(self.HEADERS[section])
        return None


class DiasNaoLetivosEditor(QWidget):
    """The list of dias não letivos with a line to add one (date, descrição, tipo) and a
    button to remove the one selected. ``error`` is called with a message (or "") for the
    line typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dias_nao_letivos")
        self.model = DiasNaoLetivosModel(self)
        self.lista = table_view("lista_dias_nao_letivos")
        self.lista.setModel(self.model)
        self.lista.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.lista.horizontalHeader()
        metrics = self.fontMetrics()
        for column, widest in ((0, "00/00/00000"), (1, self.tr("domingo") + "00"), (3, self.tr("Recesso") + "000")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(widest) + 12)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.lista.setMinimumHeight(self.fontMetrics().height() * 7)
        self.lista.setMaximumHeight(self.fontMetrics().height() * 9)

        self.data = DateField()
        self.data.setObjectName("dia_data")
        self.data.setMinimumDate(SEM_DATA)
        self.data.setSpecialValueText(self.tr("dd/mm/aaaa"))
        self.data.setDate(SEM_DATA)
        self.descricao = QLineEdit()
        self.descricao.setObjectName("dia_descricao")
        self.descricao.setMaxLength(cal.DESCRICAO_MAX)
        self.descricao.setPlaceholderText(self.tr("Ex.: Tiradentes"))
        self.tipo = QComboBox()
        self.tipo.setObjectName("dia_tipo")
        for code in TIPOS_DIA_NAO_LETIVO:
            self.tipo.addItem(tipo_dia_label(code), code)
        self.adicionar = QPushButton(self.tr("Adicionar"))
        self.adicionar.setObjectName("adicionar_dia")
        self.remover = QPushButton(self.tr("Remover"))
        self.remover.setObjectName("remover_dia")
        self.importar = QPushButton(self.tr("Importar…"))
        self.importar.setObjectName("importar_dias")
        self.importar.setToolTip(
            self.tr("Lê os dias de uma planilha (.csv ou .xlsx) com as colunas Data e Descrição (e Tipo, se houver)")
        )
        self.resumo_importacao = ""
        self.remover.setEnabled(False)
        self.problema = QLabel()
        self.problema.setObjectName("erro_dia")
        self.problema.setStyleSheet(ERROR_STYLE)
        self.problema.setWordWrap(True)
        self.problema.setVisible(False)

        linha = QHBoxLayout()
        linha.addWidget(self.data)
        linha.addWidget(self.descricao, 1)
        linha.addWidget(self.tipo)
        linha.addWidget(self.adicionar)
        linha.addWidget(self.remover)
        linha.addWidget(self.importar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.lista)
        layout.addLayout(linha)
        layout.addWidget(self.problema)

        self.fora_do_ano: Callable[[date], str | None] = lambda _d: None
        self.adicionar.clicked.connect(self._add)
        self.importar.clicked.connect(self._ask_import)
        self.data.textChanged.connect(lambda _t: self._say(""))
        self.descricao.textChanged.connect(lambda _t: self._say(""))
        # Enter on the line adds the day; it must not reach the dialog, whose default button saves
        self.data.installEventFilter(self)
        self.descricao.installEventFilter(self)
        self.remover.clicked.connect(self._remove)
        self.lista.selectionModel().selectionChanged.connect(
            lambda *_a: self.remover.setEnabled(self.lista.selectionModel().hasSelection())
        )
        self.model.modelReset.connect(lambda: self.remover.setEnabled(False))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Override ``eventFilter()`` of QObject: Enter in the line typed adds the day."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._add()
            return True
        return super().eventFilter(watched, event)

    def _say(self, message: str) -> None:
        self.problema.setText(message)
        self.problema.setVisible(bool(message))

    def _add(self) -> None:
        """Add the day typed, or say what is missing; the line is cleared for the next."""
        problem = self.data.problem()
        if problem is None and self.data.date() == SEM_DATA:
            problem = self.tr("Digite a data do dia não letivo, por exemplo 21/04/2026.")
        if problem is not None:
            self._say(problem)
            self.data.setFocus()
            return
        quando = from_qdate(self.data.date())
        descricao = " ".join(self.descricao.text().split())
        if (fora := self.fora_do_ano(quando)) is not None:
            self._say(fora)
            self.data.setFocus()
            self.data.selectAll()
            return
        if not descricao:
            self._say(translate_validation(cal.DIA_DESCRICAO_OBRIGATORIA).format(data=format_date(quando)))
            self.descricao.setFocus()
            return
        if any(d.data == quando for d in self.model.dias()):
            self._say(translate_validation(cal.DIA_REPETIDO).format(data=format_date(quando)))
            self.data.setFocus()
            self.data.selectAll()
            return
        row = self.model.add(cal.DiaNaoLetivoData(quando, descricao, self.tipo.currentData()))
        self.lista.scrollTo(self.model.index(row, 0))
        self._say("")
        self.data.setDate(SEM_DATA)
        self.descricao.clear()
        self.data.setFocus()

    def _ask_import(self) -> None:
        path = ask_open_spreadsheet(self, self.tr("Importar dias não letivos"), "")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Read the days of the spreadsheet at ``path`` off the GUI thread and add them."""
        from escola_gui.core.importacao.calendario import ler_dias_nao_letivos

        BackgroundOp(self, lambda _task: ler_dias_nao_letivos(path)).with_progress(
            self.tr("Importando dias não letivos"), self.tr("Lendo a planilha…"), cancellable=False
        ).success(self._imported).run_in_background()

    def _imported(self, lidos: Any) -> None:
        """Add the days read that are new and inside the year; say what was left out and why.
        A day already in the list keeps what it has: an import never rewrites it."""
        problemas = [translate_validation(p) for p in lidos.problemas]
        ja = {d.data for d in self.model.dias()}
        novos = 0
        for dia in lidos.dias:
            if dia.data in ja:
                problemas.append(
                    self.tr("O dia {data} já estava na lista e ficou como estava.").format(data=format_date(dia.data))
                )
            elif (fora := self.fora_do_ano(dia.data)) is not None:
                problemas.append(fora)
            else:
                self.model.add(dia)
                novos += 1
        texto = (
            self.tr("Nenhum dia foi adicionado.")
            if novos == 0
            else self.tr("1 dia adicionado à lista.")
            if novos == 1
            else self.tr("{n} dias adicionados à lista.").format(n=novos)
        )
        if problemas:
            mostrados = problemas[:12]
            if len(problemas) > len(mostrados):
                mostrados.append(self.tr("…e mais {n}.").format(n=len(problemas) - len(mostrados)))
            texto += "\n\n" + self.tr("Ficaram de fora:") + "\n" + "\n".join(mostrados)
        texto += "\n\n" + self.tr("Confira a lista e clique em Salvar para gravar.")
        self.resumo_importacao = texto
        messages.show_info(self, self.tr("Dias não letivos importados"), texto)

    def pending(self) -> bool:
        """Whether the line holds a day typed and not added yet."""
        return bool(self.data.text().strip() or self.descricao.text().strip())

    def _remove(self) -> None:
        rows = self.lista.selectionModel().selectedRows()
        if rows:
            self.model.remove(rows[0].row())


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
        self.data_inicio = self._optional_date("data_inicio")
        self.data_fim = self._optional_date("data_fim")
        self.minutos_por_dia = QSpinBox()
        self.minutos_por_dia.setObjectName("minutos_por_dia")
        self.minutos_por_dia.setRange(0, 1440)
        self.minutos_por_dia.setSingleStep(10)
        self.minutos_por_dia.setSuffix(self.tr(" minutos"))
        self.minutos_por_dia.setSpecialValueText(self.tr("não informada"))
        self.minutos_por_dia.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.minutos_por_dia.setToolTip(self.tr("Quanto dura um dia de aula; 4 horas são 240 minutos."))
        self.dias = DiasNaoLetivosEditor()
        self.contagem = QLabel()
        self.contagem.setObjectName("contagem")
        self.contagem.setWordWrap(True)
        self.aviso = QLabel()
        self.aviso.setObjectName("aviso_calendario")
        self.aviso.setStyleSheet(ERROR_STYLE)
        self.aviso.setWordWrap(True)
        self.aviso.setVisible(False)
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
        self.add_field(self.tr("&Início do ano letivo:"), "data_inicio", self.data_inicio)
        self.add_field(self.tr("Fim do ano &letivo:"), "data_fim", self.data_fim)
        self.add_field(self.tr("Duração do &dia letivo:"), "minutos_por_dia", self.minutos_por_dia)
        self.add_field(self.tr("Dias não le&tivos:"), "dias_nao_letivos", self.dias, self.dias.data)
        self._form.addRow("", self.contagem)
        self._form.addRow("", self.aviso)

        self.tipo_periodo.currentIndexChanged.connect(lambda _i: self._on_tipo_changed())
        self.formula_media.currentIndexChanged.connect(lambda _i: self._update_pesos_visible())

        anos = service.list()
        # A year without dates of its own is counted by its períodos' (see core/calendario.py)
        self._periodos = service.datas_dos_periodos(ano_letivo_id) if ano_letivo_id is not None else []
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
        if ano_letivo_id is None:  # a new year's calendar is its own, never the copied one's
            self.data_inicio.setDate(SEM_DATA)
            self.data_fim.setDate(SEM_DATA)
            self.dias.model.reload(())
        for field in (self.data_inicio, self.data_fim):
            field.dateChanged.connect(lambda _d: self._update_contagem())
            field.textChanged.connect(lambda _t: self._update_contagem())
        self.minutos_por_dia.valueChanged.connect(lambda _v: self._update_contagem())
        # A message under a date goes once the date is right (and the períodos fit it)
        for widget, signal in (
            (self.data_inicio, self.data_inicio.textChanged),
            (self.data_fim, self.data_fim.textChanged),
            (self.minutos_por_dia, self.minutos_por_dia.valueChanged),
        ):
            signal.connect(lambda *_a, w=widget: self._clear_fixed_error(w))
        self.ano.valueChanged.connect(lambda _v: self._update_contagem())
        self.dias.model.changed.connect(self._update_contagem)
        self.dias.fora_do_ano = self._dia_fora_do_ano
        self._update_contagem()
        self.ano.setFocus()

    def _optional_date(self, name: str) -> DateField:
        field = DateField()
        field.setObjectName(name)
        field.setMinimumDate(SEM_DATA)
        field.setSpecialValueText(self.tr("não informada"))
        field.setDate(SEM_DATA)
        return field

    @staticmethod
    def _date_of(field: DateField) -> date | None:
        value = field.date()
        if not value.isValid() or value == SEM_DATA or field.problem() is not None:
            return None
        return from_qdate(value)

    def _dia_fora_do_ano(self, quando: date) -> str | None:
        """Why a dia não letivo cannot be added: outside the year as typed (else ``None``)."""
        errors = cal.validate_calendario(
            self.ano.value(),
            self._date_of(self.data_inicio),
            self._date_of(self.data_fim),
            None,
            [cal.DiaNaoLetivoData(quando, "-")],
        )
        if "dias_nao_letivos" in errors:
            return translate_validation(errors["dias_nao_letivos"])
        return None

    def _update_contagem(self) -> None:
        """The dias letivos and horas of the calendar as typed, against the LDB's 200 and 800."""
        inicio, fim = self._date_of(self.data_inicio), self._date_of(self.data_fim)
        minutos = self.minutos_por_dia.value() or None
        dias = [d.data for d in self.dias.model.dias()]
        result = cal.contagem(self.ano.value(), inicio, fim, minutos, dias, self._periodos)
        datas_erradas = {"data_inicio", "data_fim"} & set(cal.validate_calendario(self.ano.value(), inicio, fim, None))
        if result.dias is None or datas_erradas:
            self.contagem.setText(
                self.tr("Corrija as datas do ano letivo para contar os dias letivos.")
                if datas_erradas and result.dias is not None
                else self.tr("Informe o início e o fim do ano letivo para contar os dias letivos.")
            )
            self.aviso.setVisible(False)
            return
        texto = self.tr("Dias letivos: {dias} de {minimo}").format(dias=result.dias, minimo=cal.DIAS_LETIVOS_MINIMOS)
        if result.horas is None:
            texto += " · " + self.tr("Horas: informe a duração do dia letivo")
        else:
            texto += " · " + self.tr("Horas: {horas} de {minimo}").format(horas=result.horas, minimo=cal.HORAS_MINIMAS)
        if inicio is None or fim is None:  # counted by the períodos' dates
            span = cal.periodo_letivo(self.ano.value(), inicio, fim, self._periodos)
            texto += "\n" + self.tr("Contados de {inicio} a {fim}, pelas datas dos períodos.").format(
                inicio=format_date(span.inicio), fim=format_date(span.fim)
            )
        self.contagem.setText(texto)
        self.aviso.setText("\n".join(translate_validation(a) for a in result.avisos))
        self.aviso.setVisible(result.curto)

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
        self.data_inicio.setDate(to_qdate(data.data_inicio) if data.data_inicio else SEM_DATA)
        self.data_fim.setDate(to_qdate(data.data_fim) if data.data_fim else SEM_DATA)
        self.minutos_por_dia.setValue(data.minutos_por_dia or 0)
        self.dias.model.reload(data.dias_nao_letivos)
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
            data_inicio=self._date_of(self.data_inicio),
            data_fim=self._date_of(self.data_fim),
            minutos_por_dia=self.minutos_por_dia.value() or None,
            dias_nao_letivos=self.dias.model.dias(),
        )

    def validate(self, data: AnoLetivoData) -> dict[str, str]:  # type: ignore[override]
        errors = self._service.validate(data, self._ano_letivo_id)
        if self.dias.pending() and "dias_nao_letivos" not in errors:
            errors["dias_nao_letivos"] = self.tr(
                "Há um dia não letivo digitado e não adicionado: clique em Adicionar, ou apague-o."
            )
        return errors

    def save(self, data: AnoLetivoData) -> int:  # type: ignore[override]
        if self._ano_letivo_id is None:
            return self._service.create(data)
        self._service.update(self._ano_letivo_id, data)
        return self._ano_letivo_id
