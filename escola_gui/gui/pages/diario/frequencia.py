"""Aulas dadas and faltas of a turma × disciplina × período as a spreadsheet, with the frequência
and a warning below the ano letivo's minimum."""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from escola_gui.core import avaliacao as av
from escola_gui.core.avaliacao import format_percentual
from escola_gui.core.diario import GradeFrequencia, LancamentoFrequencia
from escola_gui.gui.pages.diario import (
    ERROR_COLOR,
    _disabled_text_color,
    _ModelIndex,
    _numero,
    nome_do_periodo_traduzido,
)
from escola_gui.gui.pages.diario.planilha import PlanilhaModel, _RefusedError
from escola_gui.gui.toolkit.formatting import situacao_label
from escola_gui.gui.toolkit.text import translate, translate_validation

# Aulas dadas in one período: far more than any calendar has, far less than SQLite's limit.
AULAS_MAXIMAS = 999

_INTEIRO_RE = re.compile(r"\d+")


@dataclass
class _LinhaFrequencia:
    enturmacao_id: int
    aluno_nome: str
    ativa: bool
    aulas_dadas: int | None
    faltas: int | None
    situacao_saida: av.Situacao | None = None


class FrequenciaModel(PlanilhaModel):
    """Aulas dadas and faltas of a turma × disciplina × período, with the frequência and a
    warning below the ano letivo's minimum (computed from the values shown)."""

    CONTEXT = "FrequenciaModel"
    ALUNO, AULAS, FALTAS, FREQUENCIA, OBSERVACAO = range(5)
    VALOR = (QT_TRANSLATE_NOOP("FrequenciaModel", "valor"), QT_TRANSLATE_NOOP("FrequenciaModel", "valores"))
    _HEADERS = (
        QT_TRANSLATE_NOOP("FrequenciaModel", "Aluno"),
        QT_TRANSLATE_NOOP("FrequenciaModel", "Aulas dadas"),
        QT_TRANSLATE_NOOP("FrequenciaModel", "Faltas"),
        QT_TRANSLATE_NOOP("FrequenciaModel", "Frequência"),
        QT_TRANSLATE_NOOP("FrequenciaModel", "Observação"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grade: GradeFrequencia | None = None
        self._linhas: list[_LinhaFrequencia] = []
        self._regra = av.RegraAvaliacao()

    def load(self, grade: GradeFrequencia, situacoes_saida: Mapping[int, av.Situacao] | None = None) -> None:
        situacoes_saida = situacoes_saida or {}
        self.beginResetModel()
        self._grade = grade
        self._regra = av.RegraAvaliacao(frequencia_minima=Decimal(grade.frequencia_minima))
        self._linhas = [
            _LinhaFrequencia(
                linha.enturmacao_id,
                linha.aluno_nome,
                linha.ativa,
                linha.aulas_dadas,
                linha.faltas,
                situacoes_saida.get(linha.enturmacao_id),
            )
            for linha in grade.linhas
        ]
        self.endResetModel()

    @property
    def grade(self) -> GradeFrequencia | None:
        return self._grade

    def enturmacao_id(self, row: int) -> int:
        return self._linhas[row].enturmacao_id

    def percentual(self, row: int) -> Decimal | None:
        linha = self._linhas[row]
        if not linha.aulas_dadas:
            return None
        return av.percentual_frequencia(linha.aulas_dadas, linha.faltas or 0)

    def abaixo_do_minimo(self, row: int) -> bool:
        linha = self._linhas[row]
        if not linha.aulas_dadas:
            return False
        return not av.frequencia_suficiente(linha.aulas_dadas, linha.faltas or 0, self._regra)

    def first_empty_cell(self) -> tuple[int, int]:
        ativos = [i for i, linha in enumerate(self._linhas) if linha.ativa]
        for row in ativos:
            if self._linhas[row].aulas_dadas is None:
                return row, self.AULAS
        return (ativos[0] if ativos else 0), self.FALTAS

    def aplicar_aulas(self, aulas: int) -> bool:
        """The same aulas dadas for every aluno still in the turma (faltas kept), in one call."""
        changes = {(row, self.AULAS): aulas for row, linha in enumerate(self._linhas) if linha.ativa}
        if not changes:
            return False
        nome = translate("FrequenciaModel", "Aplicar {aulas} aulas dadas a todos").format(aulas=aulas)
        if not self.write(changes, " " + translate("FrequenciaModel", "Nada foi alterado."), nome):
            return False
        self.saved.emit(
            translate("FrequenciaModel", "Aulas dadas: {aulas} para 1 aluno.").format(aulas=aulas)
            if len(changes) == 1
            else translate("FrequenciaModel", "Aulas dadas: {aulas} para {n} alunos.").format(
                aulas=aulas, n=_numero(len(changes))
            )
        )
        return True

    # --- PlanilhaModel ------------------------------------------------------------------

    def aluno_nome(self, row: int) -> str:
        return self._linhas[row].aluno_nome

    def row_is_active(self, row: int) -> bool:
        return self._linhas[row].ativa

    def column_is_editable(self, column: int) -> bool:
        return column in (self.AULAS, self.FALTAS)

    def column_title(self, column: int) -> str:
        return translate(self.CONTEXT, self._HEADERS[column])

    def value(self, row: int, column: int) -> int | None:
        linha = self._linhas[row]
        if column == self.AULAS:
            return linha.aulas_dadas
        if column == self.FALTAS:
            return linha.faltas
        return None

    def parse(self, column: int, text: str) -> int | None:
        text = text.strip()
        if not text:
            return None
        if not _INTEIRO_RE.fullmatch(text):
            raise _RefusedError(translate_validation(av.AULAS_INVALIDAS))
        number = int(text)
        if number > AULAS_MAXIMAS:
            raise _RefusedError(
                translate("FrequenciaModel", "Use um número de 0 a {maximo}.").format(maximo=AULAS_MAXIMAS)
            )
        return number

    def cell_key(self, row: int, column: int) -> Hashable:
        return (self._linhas[row].enturmacao_id, column)

    def _history_cells(self, changes: Mapping[tuple[int, int], Any]) -> list[tuple[int, int]]:
        # Aulas dadas and faltas go together (faltas need aulas dadas, and become 0 with
        # them): undoing the aulas dadas of an empty row empties its faltas too.
        return [(row, column) for row in sorted({row for row, _c in changes}) for column in (self.AULAS, self.FALTAS)]

    def cell_at(self, key: Hashable) -> tuple[int, int] | None:
        enturmacao_id, column = key  # type: ignore[misc]
        row = next((i for i, linha in enumerate(self._linhas) if linha.enturmacao_id == enturmacao_id), None)
        return None if row is None else (row, column)

    def describe_cell(self, row: int, column: int) -> str:
        nomes = {
            "aluno": self._linhas[row].aluno_nome,
            "disciplina": self.disciplina_nome,
            "periodo": nome_do_periodo_traduzido(self._grade.periodo.nome) if self._grade is not None else "",
        }
        if column == self.AULAS:
            return translate("FrequenciaModel", "Aulas dadas de {aluno} em {disciplina}, {periodo}").format(**nomes)
        return translate("FrequenciaModel", "Faltas de {aluno} em {disciplina}, {periodo}").format(**nomes)

    def _novos_valores(self, changes: Mapping[tuple[int, int], Any]) -> dict[int, tuple[int | None, int | None]]:
        novos: dict[int, tuple[int | None, int | None]] = {}
        for (row, column), valor in changes.items():
            aulas, faltas = novos.get(row, (self._linhas[row].aulas_dadas, self._linhas[row].faltas))
            novos[row] = (valor, faltas) if column == self.AULAS else (aulas, valor)
        return novos

    def _lancamentos(self, changes: Mapping[tuple[int, int], Any]) -> list[LancamentoFrequencia]:
        lancamentos = []
        for row, (aulas, faltas) in sorted(self._novos_valores(changes).items()):
            nome = self._linhas[row].aluno_nome
            if aulas is None and faltas is not None:
                raise _RefusedError(
                    f"{nome}: " + translate("FrequenciaModel", "informe as aulas dadas antes das faltas.")
                )
            if aulas is not None and faltas is not None and faltas > aulas:
                raise _RefusedError(f"{nome}: {translate_validation(av.FALTAS_MAIORES_QUE_AULAS)}")
            lancamentos.append(LancamentoFrequencia(self._linhas[row].enturmacao_id, aulas, faltas))
        return lancamentos

    def _apply(self, changes: Mapping[tuple[int, int], Any]) -> None:
        for row, (aulas, faltas) in self._novos_valores(changes).items():
            linha = self._linhas[row]
            # As the service stores them: faltas not given are none (0).
            if aulas is None and faltas is None:
                linha.aulas_dadas = linha.faltas = None
            else:
                linha.aulas_dadas, linha.faltas = aulas, faltas or 0

    # --- QAbstractItemModel -------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._linhas)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``columnCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``headerData()`` of QAbstractItemModel."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.column_title(section)
            if role == Qt.ItemDataRole.ToolTipRole and section == self.FREQUENCIA:
                return translate("FrequenciaModel", "Presenças sobre as aulas dadas no período")
        return super().headerData(section, orientation, role)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < len(self._linhas):
            return None
        row, column = index.row(), index.column()
        linha = self._linhas[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.AULAS, self.FALTAS, self.FREQUENCIA):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not linha.ativa:
                return _disabled_text_color()
            if column in (self.FREQUENCIA, self.OBSERVACAO) and self.abaixo_do_minimo(row):
                return ERROR_COLOR
            return None
        if role == Qt.ItemDataRole.FontRole and not linha.ativa:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if not linha.ativa:
                return translate("FrequenciaModel", "{aluno} saiu da turma: a frequência fica como estava.").format(
                    aluno=linha.aluno_nome
                )
            return linha.aluno_nome if column == self.ALUNO else None
        return None

    def _text(self, row: int, column: int) -> str:
        linha = self._linhas[row]
        if column == self.ALUNO:
            return linha.aluno_nome
        if column in (self.AULAS, self.FALTAS):
            valor = self.value(row, column)
            return "" if valor is None else str(valor)
        if column == self.FREQUENCIA:
            percentual = self.percentual(row)
            return "" if percentual is None else format_percentual(percentual)
        if not linha.ativa and linha.situacao_saida is not None:
            return situacao_label(linha.situacao_saida)
        if self.abaixo_do_minimo(row):
            return translate("FrequenciaModel", "Abaixo de {minimo} %").format(minimo=self._grade.frequencia_minima)  # type: ignore[union-attr]
        return ""
