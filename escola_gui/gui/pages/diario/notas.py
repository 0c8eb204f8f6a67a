"""The notas of a turma × disciplina as a spreadsheet: one column per período, the recuperações,
then Média and Situação, recomputed from the values shown."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from escola_gui.core import avaliacao as av
from escola_gui.core.avaliacao import format_percentual
from escola_gui.core.diario import GradeNotas, Lancamento
from escola_gui.core.errors import ValidationError
from escola_gui.gui.pages.diario import ERROR_COLOR, _disabled_text_color, _ModelIndex, nome_do_periodo_traduzido
from escola_gui.gui.pages.diario.planilha import PlanilhaModel, _RefusedError
from escola_gui.gui.toolkit.formatting import situacao_label
from escola_gui.gui.toolkit.text import translate, translate_validation

_PERIODO_ABREVIADO = {
    "bimestre": QT_TRANSLATE_NOOP("NotasModel", "{n}º bim."),
    "trimestre": QT_TRANSLATE_NOOP("NotasModel", "{n}º trim."),
    "semestre": QT_TRANSLATE_NOOP("NotasModel", "{n}º sem."),
}


@dataclass
class _LinhaNotas:
    enturmacao_id: int
    aluno_nome: str
    ativa: bool
    notas: list[Decimal | None]
    recuperacoes: list[Decimal | None]
    recuperacao_final: Decimal | None
    aulas_dadas: int = 0
    faltas: int = 0
    situacao_saida: av.Situacao | None = None
    #: The períodos (numbers) whose aulas dadas are entered; None: the totals are the year's.
    periodos_com_frequencia: frozenset[int] | None = None
    #: Excused from the disciplina (a dispensa): the situação shows Dispensado.
    dispensada: bool = False


@dataclass(frozen=True)
class _ColunaNotas:
    tipo: str  # "aluno", "nota", "recuperacao", "recuperacao_final", "media", "situacao"
    periodo: int | None = None  # index into the períodos
    titulo: str = ""
    dica: str = ""


@dataclass
class _ResultadoLinha:
    media: Decimal | None
    situacao: av.Situacao | None
    erro: str | None = None
    frequencia: Decimal | None = None
    provisoria: bool = False
    conceito: str | None = None  # the final conceito, under a rule of conceitos


PARECER_MAX_LENGTH = 2000


class NotasModel(PlanilhaModel):
    """The notas of a turma × disciplina: Aluno, one column per período, the recuperação
    columns the year's rule has, then Média and Situação (recomputed from the values shown)."""

    CONTEXT = "NotasModel"
    VALOR = (QT_TRANSLATE_NOOP("NotasModel", "nota"), QT_TRANSLATE_NOOP("NotasModel", "notas"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grade: GradeNotas | None = None
        self._linhas: list[_LinhaNotas] = []
        self._colunas: list[_ColunaNotas] = [_ColunaNotas("aluno")]
        self._resultados: dict[int, _ResultadoLinha] = {}

    def load(
        self,
        grade: GradeNotas,
        tipo_periodo: str = "bimestre",
        frequencias: Mapping[int, tuple[int, int]] | None = None,
        situacoes_saida: Mapping[int, av.Situacao] | None = None,
        periodos_com_frequencia: Mapping[int, frozenset[int]] | None = None,
    ) -> None:
        """Show ``grade``. ``frequencias`` maps an enturmação to its (aulas dadas, faltas) in
        the disciplina, for the situação; ``situacoes_saida`` the situação of those who left;
        ``periodos_com_frequencia`` the períodos (numbers) whose frequência each enturmação has
        (``None``: the totals are the whole year's). Until the results are final (see
        :func:`~escola_gui.core.avaliacao.resultado_definitivo`, with :attr:`ano_encerrado`)
        the situação is provisional."""
        frequencias = frequencias or {}
        situacoes_saida = situacoes_saida or {}
        self.beginResetModel()
        self._grade = grade
        self._linhas = [
            _LinhaNotas(
                enturmacao_id=linha.enturmacao_id,
                aluno_nome=linha.aluno_nome,
                ativa=linha.ativa,
                notas=list(linha.notas),
                recuperacoes=list(linha.recuperacoes),
                recuperacao_final=linha.recuperacao_final,
                aulas_dadas=frequencias.get(linha.enturmacao_id, (0, 0))[0],
                faltas=frequencias.get(linha.enturmacao_id, (0, 0))[1],
                situacao_saida=situacoes_saida.get(linha.enturmacao_id),
                periodos_com_frequencia=(
                    None
                    if periodos_com_frequencia is None
                    else frozenset(periodos_com_frequencia.get(linha.enturmacao_id, ()))
                ),
                dispensada=linha.dispensada,
            )
            for linha in grade.linhas
        ]
        self._colunas = self._make_columns(grade, tipo_periodo)
        self._resultados = {}
        self.endResetModel()

    def _make_columns(self, grade: GradeNotas, tipo_periodo: str) -> list[_ColunaNotas]:
        abreviado = _PERIODO_ABREVIADO.get(tipo_periodo, "{n}º")
        colunas = [_ColunaNotas("aluno", titulo=translate("NotasModel", "Aluno"))]
        for i, periodo in enumerate(grade.periodos):
            titulo = translate(self.CONTEXT, abreviado).format(n=periodo.numero)
            colunas.append(
                _ColunaNotas(
                    "nota",
                    i,
                    titulo,
                    translate("NotasModel", "Nota do {periodo}").format(
                        periodo=nome_do_periodo_traduzido(periodo.nome)
                    ),
                )
            )
        regra = grade.regra.recuperacao
        if regra is av.RegraRecuperacao.SUBSTITUI_MENOR_NOTA:
            for i, periodo in enumerate(grade.periodos):
                titulo = translate("NotasModel", "Rec. {n}º").format(n=periodo.numero)
                dica = translate(
                    "NotasModel", "Recuperação do {periodo}: substitui a menor nota do ano, se for maior"
                ).format(periodo=nome_do_periodo_traduzido(periodo.nome))
                colunas.append(_ColunaNotas("recuperacao", i, titulo, dica))
        elif regra is av.RegraRecuperacao.SUBSTITUI_MEDIA:
            colunas.append(
                _ColunaNotas(
                    "recuperacao_final",
                    None,
                    translate("NotasModel", "Rec. final"),
                    translate("NotasModel", "Recuperação final: substitui a média, se for maior"),
                )
            )
        colunas.append(
            _ColunaNotas(
                "media",
                None,
                translate("NotasModel", "Média"),
                translate("NotasModel", "Calculada quando todos os períodos têm nota"),
            )
        )
        colunas.append(_ColunaNotas("situacao", None, translate("NotasModel", "Situação"), ""))
        return colunas

    # --- what the page and the tests read -----------------------------------------------

    @property
    def grade(self) -> GradeNotas | None:
        return self._grade

    def column_kind(self, column: int) -> str:
        return self._colunas[column].tipo

    def column_of(self, tipo: str, periodo: int | None = None) -> int:
        """The column of a kind (and período index): ``column_of("nota", 0)`` is the 1st período."""
        for i, coluna in enumerate(self._colunas):
            if coluna.tipo == tipo and coluna.periodo == periodo:
                return i
        return -1

    def enturmacao_id(self, row: int) -> int:
        return self._linhas[row].enturmacao_id

    def media(self, row: int) -> Decimal | None:
        return self._resultado(row).media

    def situacao(self, row: int) -> av.Situacao | None:
        return self._resultado(row).situacao

    def first_empty_cell(self) -> tuple[int, int]:
        """The first período column where an aluno still in the turma lacks a nota, and that
        aluno's row; else the last período's column, first row."""
        ativos = [i for i, linha in enumerate(self._linhas) if linha.ativa]
        notas = [i for i, c in enumerate(self._colunas) if c.tipo == "nota"]
        for column in notas:
            periodo = self._colunas[column].periodo
            for row in ativos:
                if self._linhas[row].notas[periodo] is None:  # type: ignore[index]
                    return row, column
        return (ativos[0] if ativos else 0), (notas[-1] if notas else 0)

    # --- PlanilhaModel ------------------------------------------------------------------

    def aluno_nome(self, row: int) -> str:
        return self._linhas[row].aluno_nome

    def row_is_active(self, row: int) -> bool:
        return self._linhas[row].ativa

    def column_is_editable(self, column: int) -> bool:
        return 0 <= column < len(self._colunas) and self._colunas[column].tipo in (
            "nota",
            "recuperacao",
            "recuperacao_final",
        )

    def column_title(self, column: int) -> str:
        return self._colunas[column].titulo

    def value(self, row: int, column: int) -> Decimal | str | None:
        linha, coluna = self._linhas[row], self._colunas[column]
        if coluna.tipo == "nota":
            return linha.notas[coluna.periodo]  # type: ignore[index]
        if coluna.tipo == "recuperacao":
            return linha.recuperacoes[coluna.periodo]  # type: ignore[index]
        if coluna.tipo == "recuperacao_final":
            return linha.recuperacao_final
        return None

    def max_length(self, column: int) -> int:
        """How much the cell's editor takes: a parecer descritivo is text, the rest 20 characters."""
        regra = self._grade.regra if self._grade is not None else None
        if regra is not None and regra.tipo is av.TipoAvaliacao.DESCRITIVA and self._colunas[column].tipo == "nota":
            return PARECER_MAX_LENGTH
        return 20

    def parse(self, column: int, text: str) -> Decimal | None:
        text = text.strip().replace("\u00a0", "")
        if not text:
            return None
        regra = self._grade.regra if self._grade is not None else av.RegraAvaliacao()
        try:
            if self._colunas[column].tipo == "nota" and regra.tipo is av.TipoAvaliacao.CONCEITUAL:
                return av.parse_conceito(text, regra.conceitos).sigla  # type: ignore[return-value]
            if self._colunas[column].tipo == "nota" and regra.tipo is av.TipoAvaliacao.DESCRITIVA:
                return text  # type: ignore[return-value]
            return av.parse_nota(text, regra.escala)
        except ValidationError as error:
            raise _RefusedError(translate_validation(error.message)) from None

    def _lancamentos(self, changes: Mapping[tuple[int, int], Any]) -> list[Lancamento]:
        assert self._grade is not None
        lancamentos = []
        for (row, column), valor in changes.items():
            coluna = self._colunas[column]
            periodo_id = None if coluna.periodo is None else self._grade.periodos[coluna.periodo].id
            lancamentos.append(Lancamento(self._linhas[row].enturmacao_id, coluna.tipo, valor, periodo_id))
        return lancamentos

    def _periodo_id(self, column: int) -> int | None:
        periodo = self._colunas[column].periodo
        return None if periodo is None or self._grade is None else self._grade.periodos[periodo].id

    def cell_key(self, row: int, column: int) -> Hashable:
        return (self._linhas[row].enturmacao_id, self._colunas[column].tipo, self._periodo_id(column))

    def cell_at(self, key: Hashable) -> tuple[int, int] | None:
        enturmacao_id, tipo, periodo_id = key  # type: ignore[misc]
        row = next((i for i, linha in enumerate(self._linhas) if linha.enturmacao_id == enturmacao_id), None)
        column = next(
            (i for i, c in enumerate(self._colunas) if c.tipo == tipo and self._periodo_id(i) == periodo_id), None
        )
        return None if row is None or column is None else (row, column)

    def describe_cell(self, row: int, column: int) -> str:
        coluna = self._colunas[column]
        nomes = {"aluno": self._linhas[row].aluno_nome, "disciplina": self.disciplina_nome}
        if coluna.tipo == "recuperacao_final":
            return translate("NotasModel", "Recuperação final de {aluno} em {disciplina}").format(**nomes)
        assert self._grade is not None and coluna.periodo is not None
        periodo = nome_do_periodo_traduzido(self._grade.periodos[coluna.periodo].nome)
        if coluna.tipo == "recuperacao":
            return translate("NotasModel", "Recuperação de {aluno} em {disciplina}, {periodo}").format(
                periodo=periodo, **nomes
            )
        return translate("NotasModel", "Nota de {aluno} em {disciplina}, {periodo}").format(periodo=periodo, **nomes)

    def _apply(self, changes: Mapping[tuple[int, int], Any]) -> None:
        for (row, column), valor in changes.items():
            linha, coluna = self._linhas[row], self._colunas[column]
            if coluna.tipo == "nota":
                linha.notas[coluna.periodo] = valor  # type: ignore[index]
            elif coluna.tipo == "recuperacao":
                linha.recuperacoes[coluna.periodo] = valor  # type: ignore[index]
            else:
                linha.recuperacao_final = valor
            self._resultados.pop(row, None)

    # --- live results -------------------------------------------------------------------

    def _resultado(self, row: int) -> _ResultadoLinha:
        cached = self._resultados.get(row)
        if cached is not None:
            return cached
        assert self._grade is not None
        linha, regra = self._linhas[row], self._grade.regra
        if regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MENOR_NOTA:
            recuperacoes: tuple[Decimal, ...] = tuple(r for r in linha.recuperacoes if r is not None)
        elif regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MEDIA and linha.recuperacao_final is not None:
            recuperacoes = (linha.recuperacao_final,)
        else:
            recuperacoes = ()
        try:
            numeros = [p.numero for p in self._grade.periodos]
            desempenho = av.DesempenhoDisciplina(
                notas_por_periodo=dict(zip(numeros, linha.notas, strict=True)),
                aulas_dadas=linha.aulas_dadas,
                faltas=linha.faltas,
                recuperacoes=recuperacoes,
                periodos_com_frequencia=linha.periodos_com_frequencia,
                periodos_com_recuperacao=frozenset(
                    n for n, r in zip(numeros, linha.recuperacoes, strict=True) if r is not None
                ),
                dispensada=linha.dispensada,
            )
            calculado = av.situacao_final_disciplina(desempenho, regra, ano_encerrado=self.ano_encerrado is not None)
            resultado = _ResultadoLinha(
                calculado.media,
                calculado.situacao.calculada,
                frequencia=calculado.frequencia,
                provisoria=not calculado.situacao.definitiva,
                conceito=None if calculado.conceito is None else calculado.conceito.sigla,
            )
        except (ValidationError, ValueError) as error:  # a rule changed after the notas were typed
            message = error.message if isinstance(error, ValidationError) else str(error)
            resultado = _ResultadoLinha(None, None, translate_validation(message))
        if not linha.ativa and linha.situacao_saida is not None:
            resultado.situacao = linha.situacao_saida
        self._resultados[row] = resultado
        return resultado

    # --- QAbstractItemModel -------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``rowCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._linhas)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Override ``columnCount()`` of QAbstractItemModel."""
        return 0 if parent.isValid() else len(self._colunas)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``headerData()`` of QAbstractItemModel."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._colunas):
            coluna = self._colunas[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return coluna.titulo
            if role == Qt.ItemDataRole.ToolTipRole:
                return coluna.dica or None
        return super().headerData(section, orientation, role)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override ``data()`` of QAbstractItemModel."""
        if not index.isValid() or not 0 <= index.row() < len(self._linhas):
            return None
        row = index.row()
        linha, coluna = self._linhas[row], self._colunas[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, linha, coluna)
        if role == Qt.ItemDataRole.TextAlignmentRole and coluna.tipo not in ("aluno", "situacao"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not linha.ativa:
                return _disabled_text_color()
            resultado = self._resultado(row)
            if coluna.tipo == "media" and resultado.media is not None:
                return ERROR_COLOR if resultado.media < self._grade.regra.media_aprovacao else None  # type: ignore[union-attr]
            if coluna.tipo == "situacao" and resultado.situacao in (
                av.Situacao.RETIDO,
                av.Situacao.REPROVADO_POR_FALTAS,
                av.Situacao.FREQUENCIA_BAIXA_ATE_AGORA,
            ):
                return ERROR_COLOR
            return None
        if role == Qt.ItemDataRole.FontRole:
            if not linha.ativa:
                font = QFont()
                font.setItalic(True)
                return font
            if coluna.tipo == "media":
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, linha, coluna)
        return None

    def _text(self, row: int, linha: _LinhaNotas, coluna: _ColunaNotas) -> str:
        if coluna.tipo == "aluno":
            return linha.aluno_nome
        escala = self._grade.regra.escala if self._grade is not None else 10
        if coluna.tipo == "media":
            resultado = self._resultado(row)
            return resultado.conceito or av.format_nota(resultado.media, escala)
        if coluna.tipo == "situacao":
            situacao = self._resultado(row).situacao
            return situacao_label(situacao) if situacao is not None else ""
        value = self.value(row, self._colunas.index(coluna))
        return value if isinstance(value, str) else av.format_nota(value, escala)

    def _tooltip(self, row: int, linha: _LinhaNotas, coluna: _ColunaNotas) -> str | None:
        if not linha.ativa:
            return translate("NotasModel", "{aluno} saiu da turma: as notas ficam como estavam.").format(
                aluno=linha.aluno_nome
            )
        if coluna.tipo == "aluno":  # the whole name, when the column is too narrow for it
            return linha.aluno_nome
        if coluna.tipo == "nota" and coluna.periodo is not None:  # a parecer longer than its cell
            value = linha.notas[coluna.periodo]
            if isinstance(value, str) and len(value) > 3:
                return value
        resultado = self._resultado(row)
        if resultado.erro:
            return resultado.erro
        if coluna.tipo == "situacao":
            partes = []
            if linha.aulas_dadas:
                modelo = (
                    translate(
                        "NotasModel", "Frequência na disciplina até agora: {percentual} ({faltas} em {aulas} aulas)"
                    )
                    if resultado.provisoria
                    else translate("NotasModel", "Frequência na disciplina: {percentual} ({faltas} em {aulas} aulas)")
                )
                faltas = (
                    translate("NotasModel", "1 falta")
                    if linha.faltas == 1
                    else translate("NotasModel", "{n} faltas").format(n=linha.faltas)
                )
                partes.append(
                    modelo.format(
                        percentual=format_percentual(resultado.frequencia or Decimal(0)),
                        faltas=faltas,
                        aulas=linha.aulas_dadas,
                    )
                )
            if resultado.provisoria and linha.situacao_saida is None:
                partes.append(
                    translate(
                        "NotasModel",
                        "Situação provisória: a situação final aparece quando o ano letivo for encerrado, ou quando "
                        "todas as notas, as faltas de todos os períodos e a recuperação necessária estiverem lançadas.",
                    )
                )
            return "\n".join(partes) or None
        if coluna.tipo == "media" and resultado.media is None:
            return coluna.dica
        return None
