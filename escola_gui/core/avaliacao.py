"""Evaluation rules: notas, média, recuperação, frequência and the situação at the end of the year.

Pure domain rules after i-Educar's ``RegraAvaliacao`` / ``FormulaMedia``, without Qt or the
database: the services load the numbers, these functions decide.

Notas are :class:`~decimal.Decimal` from 0.0 to 10.0 (or to 100.0 under a rule on the 0–100
scale, ``RegraAvaliacao.escala``) with at most one decimal place (:func:`parse_nota` accepts
``"7,5"``, ``"7.5"``, ``7.5`` or ``Decimal("7.5")``).

The rule (:class:`RegraAvaliacao`) says everything an etapa's evaluation needs: notas,
conceitos (:class:`Conceito`, A–E by default) or a parecer descritivo per período
(:class:`TipoAvaliacao`); the recuperação (:class:`RegraRecuperacao`: the lowest nota, the
período's own nota, the média, and optionally a recuperação final after those of each
período); an optional :class:`TabelaArredondamento`; the frequência mínima; evaluation
without retention (Educação Infantil); and progressão parcial (``max_dependencias``). Its
defaults are the one rule every ano letivo had before the rules per etapa, with the same
results. Worked examples: ``tests/core/test_avaliacao_regras.py``.

Rounding: a computed média is rounded to one decimal place *half up* (``ROUND_HALF_UP``),
as Brazilian schools do on the boletim: 6.25 → 6.3 and 5.95 → 6.0 (Python's ``round`` would
give 6.2, banker's rounding, and binary floats may even give 5.9). The rounding is done once,
on the exact decimal quotient, never on intermediate results. :class:`RegraAvaliacao` keeps
the mode in ``arredondamento`` so a school that truncates can say so.

Frequência is the percentage of aulas dadas attended. The decision compares the exact ratio
with the minimum (LDB, art. 24, VI: 75 % of the total hours); the percentage shown is
truncated to one decimal place, never rounded up, so 74.96 % shows as 74,9 % and never as a
passing 75,0 %.

Final or provisional: while the year runs, the numbers entered so far give no verdict. One
function, :func:`resultado_definitivo`, decides whether a disciplina's results are final: the
ano letivo is encerrado, or the situação was set by hand, or everything is entered (a nota for
every período, the aulas dadas and faltas of every período, and the recuperação that could
still change the result). Until then the situação is provisional: CURSANDO, EM_RECUPERACAO
(the média is below the passing mark and the recuperação is still to come) or
FREQUENCIA_BAIXA_ATE_AGORA (the frequência over the aulas dadas so far is below the minimum);
APROVADO, RETIDO and REPROVADO_POR_FALTAS appear only once the results are final. An aluno's
results in the year are final when every disciplina's are (or the year is encerrado), with no
recuperação still to come; a disciplina without notas does not hold them unless its
frequência is half entered (it is listed as "sem notas", see :func:`situacao_final_aluno`),
nor does one that does not count for promotion.

Situação: the computed situação (:class:`ResultadoSituacao.calculada`) is always kept next to
the effective one; a :class:`SituacaoManual` (conselho de classe, transfer, abandonment...)
overrides it only with a non-blank motivo, so the override stays visible and explained.
APROVADO_PELO_CONSELHO is such a manual situação, its motivo the ata's;
APROVADO_COM_DEPENDENCIA is computed under progressão parcial.

User-visible messages are Portuguese constants marked with ``QT_TRANSLATE_NOOP`` in the
``"validation"`` context, like those of :mod:`escola_gui.core.validation`; invalid input
raises that module's :class:`ValidationError`.
"""

from __future__ import annotations

import decimal
import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from escola_gui.core.errors import QT_TRANSLATE_NOOP, ValidationError

NOTA_MINIMA = Decimal("0.0")
NOTA_MAXIMA = Decimal("10.0")
UMA_CASA = Decimal("0.1")
CEM = Decimal(100)

#: The scales a rule may use: notas from 0 to 10 (the default) or from 0 to 100.
ESCALAS = (10, 100)

NOTA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a nota.")
NOTA_INVALIDA = QT_TRANSLATE_NOOP("validation", "Nota inválida. Use um número de 0 a 10, como 7,5.")
NOTA_FORA_DA_FAIXA = QT_TRANSLATE_NOOP("validation", "A nota deve estar entre 0 e 10.")
NOTA_CASAS_DECIMAIS = QT_TRANSLATE_NOOP("validation", "A nota deve ter no máximo uma casa decimal, como 7,5.")
NOTA_INVALIDA_100 = QT_TRANSLATE_NOOP("validation", "Nota inválida. Use um número de 0 a 100, como 75.")
NOTA_FORA_DA_FAIXA_100 = QT_TRANSLATE_NOOP("validation", "A nota deve estar entre 0 e 100.")
NOTA_CASAS_DECIMAIS_100 = QT_TRANSLATE_NOOP("validation", "A nota deve ter no máximo uma casa decimal, como 75,5.")
ESCALA_INVALIDA = QT_TRANSLATE_NOOP("validation", "As notas vão de 0 a 10 ou de 0 a 100.")
MEDIA_APROVACAO_INVALIDA_100 = QT_TRANSLATE_NOOP(
    "validation", "A média para aprovação deve estar entre 0 e 100, com no máximo uma casa decimal."
)
TABELA_ARREDONDAMENTO_INVALIDA = QT_TRANSLATE_NOOP(
    "validation",
    "Na tabela de arredondamento, cada faixa vai de uma nota menor a uma maior, sem se sobrepor às outras,"
    " e arredonda para uma nota da escala.",
)
CONCEITO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o conceito.")
CONCEITO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Conceito inválido. Use um dos conceitos da regra de avaliação.")
CONCEITOS_INVALIDOS = QT_TRANSLATE_NOOP(
    "validation", "Informe os conceitos sem repetir nenhum, e ao menos um que aprove o aluno."
)
RECUPERACAO_SO_COM_NOTAS = QT_TRANSLATE_NOOP("validation", "A recuperação só existe na avaliação por notas.")
DEPENDENCIAS_INVALIDAS = QT_TRANSLATE_NOOP(
    "validation", "O número de disciplinas em dependência deve ser um número inteiro, zero ou mais."
)
PESOS_INVALIDOS = QT_TRANSLATE_NOOP(
    "validation", "Na média ponderada, informe um peso maior que zero para cada período."
)
QUANTIDADE_PERIODOS_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "A quantidade de períodos deve ser um número inteiro positivo."
)
MEDIA_APROVACAO_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "A média para aprovação deve estar entre 0 e 10, com no máximo uma casa decimal."
)
FREQUENCIA_MINIMA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "A frequência mínima deve ser uma porcentagem entre 0 e 100."
)
AULAS_INVALIDAS = QT_TRANSLATE_NOOP(
    "validation", "As aulas dadas e as faltas devem ser números inteiros, sem valores negativos."
)
FALTAS_MAIORES_QUE_AULAS = QT_TRANSLATE_NOOP(
    "validation", "O número de faltas não pode ser maior que o de aulas dadas."
)
RECUPERACAO_NAO_PREVISTA = QT_TRANSLATE_NOOP("validation", "A regra de avaliação não prevê recuperação.")
RECUPERACAO_FINAL_UNICA = QT_TRANSLATE_NOOP("validation", "Informe uma única nota de recuperação final.")
RECUPERACAO_FINAL_SEM_PERIODO = QT_TRANSLATE_NOOP(
    "validation",
    "A recuperação final depois das recuperações de cada período pede uma recuperação por período.",
)
RECUPERACOES_DEMAIS = QT_TRANSLATE_NOOP("validation", "Há mais notas de recuperação do que períodos para substituir.")
MOTIVO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o motivo da alteração manual da situação.")

_NOTA_TEXT_RE = re.compile(r"\d+(?:[.,]\d+)?")


# --- enums ------------------------------------------------------------------------------


class FormulaMedia(enum.StrEnum):
    """How the períodos' notas become the média (i-Educar's ``FormulaMedia``)."""

    ARITMETICA = "aritmetica"
    PONDERADA = "ponderada"

    @property
    def label(self) -> str:
        return _FORMULA_LABELS[self]


_FORMULA_LABELS = {
    FormulaMedia.ARITMETICA: QT_TRANSLATE_NOOP("validation", "Média aritmética"),
    FormulaMedia.PONDERADA: QT_TRANSLATE_NOOP("validation", "Média ponderada"),
}


class TipoAvaliacao(enum.StrEnum):
    """What is typed per período (i-Educar's ``tipoNota`` and ``parecerDescritivo``)."""

    #: A nota on the rule's scale; the média decides.
    NUMERICA = "numerica"
    #: A conceito of the rule's list (A–E by default); the last período's conceito decides.
    CONCEITUAL = "conceitual"
    #: A parecer descritivo (text) per período; no numeric result (see :func:`situacao_final_disciplina`).
    DESCRITIVA = "descritiva"

    @property
    def label(self) -> str:
        return _TIPO_LABELS[self]


_TIPO_LABELS = {
    TipoAvaliacao.NUMERICA: QT_TRANSLATE_NOOP("validation", "Nota"),
    TipoAvaliacao.CONCEITUAL: QT_TRANSLATE_NOOP("validation", "Conceito"),
    TipoAvaliacao.DESCRITIVA: QT_TRANSLATE_NOOP("validation", "Parecer descritivo"),
}


class RegraRecuperacao(enum.StrEnum):
    """What a nota de recuperação replaces, when it is higher."""

    #: A recuperação during the year replaces the lowest nota among the períodos.
    SUBSTITUI_MENOR_NOTA = "substitui_menor_nota"
    #: The recuperação final (after the last período) replaces the média.
    SUBSTITUI_MEDIA = "substitui_media"
    #: Each período's recuperação replaces that período's nota (i-Educar's ``USAR_POR_ETAPA``).
    SUBSTITUI_NOTA_DO_PERIODO = "substitui_nota_do_periodo"

    @property
    def label(self) -> str:
        return _RECUPERACAO_LABELS[self]


_RECUPERACAO_LABELS = {
    RegraRecuperacao.SUBSTITUI_MENOR_NOTA: QT_TRANSLATE_NOOP(
        "validation", "A recuperação substitui a menor nota, se for maior"
    ),
    RegraRecuperacao.SUBSTITUI_MEDIA: QT_TRANSLATE_NOOP(
        "validation", "A recuperação final substitui a média, se for maior"
    ),
    RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO: QT_TRANSLATE_NOOP(
        "validation", "A recuperação de cada período substitui a nota desse período, se for maior"
    ),
}


#: The recuperações typed in each período's column.
_RECUPERACOES_POR_PERIODO = frozenset(
    {RegraRecuperacao.SUBSTITUI_MENOR_NOTA, RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO}
)


class Situacao(enum.StrEnum):
    """The situação of a matrícula in a disciplina or in the year.

    Only CURSANDO, EM_RECUPERACAO, FREQUENCIA_BAIXA_ATE_AGORA (the provisional ones, see
    :data:`SITUACOES_PROVISORIAS`), APROVADO, APROVADO_COM_DEPENDENCIA, RETIDO and
    REPROVADO_POR_FALTAS are ever computed; the others come from a :class:`SituacaoManual`.
    EM_RECUPERACAO and FREQUENCIA_BAIXA_ATE_AGORA are never stored nor set by hand
    (:data:`SITUACOES_SO_CALCULADAS`). APROVADO_PELO_CONSELHO is only set by hand, with the
    ata's motivo. The file keeps only the codes of ``models.SITUACOES`` (a CHECK constraint):
    the two approvals added with the rules per etapa are computed and shown, and stored once
    a revision admits them.
    """

    CURSANDO = "cursando"
    APROVADO = "aprovado"
    RETIDO = "retido"
    TRANSFERIDO = "transferido"
    ABANDONO = "abandono"
    REPROVADO_POR_FALTAS = "reprovado_por_faltas"
    FALECIDO = "falecido"
    REMANEJADO = "remanejado"
    EM_RECUPERACAO = "em_recuperacao"
    FREQUENCIA_BAIXA_ATE_AGORA = "frequencia_baixa_ate_agora"
    APROVADO_PELO_CONSELHO = "aprovado_pelo_conselho"
    APROVADO_COM_DEPENDENCIA = "aprovado_com_dependencia"
    #: Moved to a turma of another etapa during the year (LDB art. 23 §1), with the ata's motivo.
    RECLASSIFICADO = "reclassificado"
    #: A disciplina the aluno was excused from (a dispensa): shown, never counted, never stored.
    DISPENSADO = "dispensado"

    @property
    def label(self) -> str:
        return _SITUACAO_LABELS[self]


_SITUACAO_LABELS = {
    Situacao.CURSANDO: QT_TRANSLATE_NOOP("validation", "Cursando"),
    Situacao.APROVADO: QT_TRANSLATE_NOOP("validation", "Aprovado"),
    Situacao.RETIDO: QT_TRANSLATE_NOOP("validation", "Retido"),
    Situacao.TRANSFERIDO: QT_TRANSLATE_NOOP("validation", "Transferido"),
    Situacao.ABANDONO: QT_TRANSLATE_NOOP("validation", "Abandono"),
    Situacao.REPROVADO_POR_FALTAS: QT_TRANSLATE_NOOP("validation", "Reprovado por faltas"),
    Situacao.FALECIDO: QT_TRANSLATE_NOOP("validation", "Falecido"),
    Situacao.REMANEJADO: QT_TRANSLATE_NOOP("validation", "Remanejado"),
    Situacao.EM_RECUPERACAO: QT_TRANSLATE_NOOP("validation", "Em recuperação"),
    Situacao.FREQUENCIA_BAIXA_ATE_AGORA: QT_TRANSLATE_NOOP("validation", "Em risco por faltas"),
    Situacao.APROVADO_PELO_CONSELHO: QT_TRANSLATE_NOOP("validation", "Aprovado pelo conselho de classe"),
    Situacao.APROVADO_COM_DEPENDENCIA: QT_TRANSLATE_NOOP("validation", "Aprovado com dependência"),
    Situacao.RECLASSIFICADO: QT_TRANSLATE_NOOP("validation", "Reclassificado"),
    Situacao.DISPENSADO: QT_TRANSLATE_NOOP("validation", "Dispensado"),
}

#: The situações of a year still running: no verdict yet.
SITUACOES_PROVISORIAS = frozenset({Situacao.CURSANDO, Situacao.EM_RECUPERACAO, Situacao.FREQUENCIA_BAIXA_ATE_AGORA})
#: Computed while the year runs, never stored nor chosen by hand.
SITUACOES_SO_CALCULADAS = frozenset({Situacao.EM_RECUPERACAO, Situacao.FREQUENCIA_BAIXA_ATE_AGORA, Situacao.DISPENSADO})
#: The final situações that move the aluno on to the next etapa.
SITUACOES_DE_APROVACAO = frozenset(
    {Situacao.APROVADO, Situacao.APROVADO_PELO_CONSELHO, Situacao.APROVADO_COM_DEPENDENCIA}
)
#: The final situações that keep the aluno in the same etapa.
SITUACOES_DE_RETENCAO = frozenset({Situacao.RETIDO, Situacao.REPROVADO_POR_FALTAS})


# --- períodos ---------------------------------------------------------------------------


# A período's name by the ano letivo's tipo de período (the audit log writes them untranslated).
PERIODO_NOMES = {
    "bimestre": QT_TRANSLATE_NOOP("validation", "{n}º bimestre"),
    "trimestre": QT_TRANSLATE_NOOP("validation", "{n}º trimestre"),
    "semestre": QT_TRANSLATE_NOOP("validation", "{n}º semestre"),
}


def nome_do_periodo(tipo_periodo: str, numero: int, translate: object = None) -> str:
    """``("bimestre", 2)`` → ``"2º bimestre"`` (``translate`` maps the pattern, e.g. a ``tr``)."""
    pattern = PERIODO_NOMES[tipo_periodo]
    if callable(translate):
        pattern = translate(pattern)
    return pattern.format(n=numero)


# --- notas ------------------------------------------------------------------------------


_MENSAGENS_DA_ESCALA = {
    10: (NOTA_INVALIDA, NOTA_FORA_DA_FAIXA, NOTA_CASAS_DECIMAIS),
    100: (NOTA_INVALIDA_100, NOTA_FORA_DA_FAIXA_100, NOTA_CASAS_DECIMAIS_100),
}


def _check_escala(escala: int) -> int:
    if isinstance(escala, bool) or escala not in _MENSAGENS_DA_ESCALA:
        raise ValidationError("escala", ESCALA_INVALIDA)
    return escala


def parse_nota(value: str | int | float | Decimal | None, escala: int = 10) -> Decimal:
    """The nota as a Decimal with exactly one decimal place, or :class:`ValidationError`.

    Accepts ``"7,5"`` (Brazilian comma), ``"7.5"``, ``7.5``, ``7`` and ``Decimal("7.5")``;
    ``"7,50"`` is the same nota as ``"7,5"``. Rejects values outside 0–``escala`` (10, or 100
    for a rule on the 0–100 scale; the message names the range) and values with a second
    significant decimal place such as ``"7,55"`` (it does not round them).
    """
    invalida, fora_da_faixa, casas = _MENSAGENS_DA_ESCALA[_check_escala(escala)]
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError("nota", NOTA_OBRIGATORIA)
    if isinstance(value, bool):
        raise ValidationError("nota", invalida)
    if isinstance(value, str):
        text = value.strip()
        if not _NOTA_TEXT_RE.fullmatch(text):
            raise ValidationError("nota", invalida)
        number = Decimal(text.replace(",", "."))
    elif isinstance(value, float):
        # repr() is the shortest text that reads back as the same float: 7.5 → "7.5".
        number = Decimal(repr(value))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        raise ValidationError("nota", invalida)
    if not number.is_finite():
        raise ValidationError("nota", invalida)
    if not NOTA_MINIMA <= number <= escala:
        raise ValidationError("nota", fora_da_faixa)
    rounded = number.quantize(UMA_CASA)
    if rounded != number:
        raise ValidationError("nota", casas)
    return rounded


def validate_nota(value: str | int | float | Decimal | None, escala: int = 10) -> str | None:
    """``None`` for an acceptable nota, else the Portuguese message; empty is not acceptable."""
    try:
        parse_nota(value, escala)
    except ValidationError as error:
        return error.message
    return None


def format_nota(nota: Decimal | None, escala: int = 10) -> str:
    """``Decimal("7.5")`` → ``"7,5"``; ``None`` (no nota yet) → ``""``.

    On the 0–100 scale a whole nota shows without decimals (``75``, but ``75,5``), as
    schools on that scale write it; on the 0–10 scale always one decimal place (``7,0``).
    """
    if nota is None:
        return ""
    text = str(nota.quantize(UMA_CASA)).replace(".", ",")
    if _check_escala(escala) == 100 and text.endswith(",0"):
        return text[:-2]
    return text


def format_percentual(valor: Decimal) -> str:
    """``Decimal("97.5")`` → ``"97,5 %"``: one decimal place, as the frequência is kept (a
    longer value is cut, never rounded up to the minimum), and a space before the sign."""
    return f"{Decimal(valor).quantize(UMA_CASA, rounding=ROUND_DOWN)} %".replace(".", ",")


def arredondar(valor: Decimal, modo: str = ROUND_HALF_UP) -> Decimal:
    """``valor`` to one decimal place; by default half up (6.25 → 6.3, 6.24 → 6.2)."""
    return valor.quantize(UMA_CASA, rounding=modo)


# --- tabela de arredondamento -----------------------------------------------------------


@dataclass(frozen=True)
class FaixaArredondamento:
    """A média from ``minimo`` to ``maximo`` (both included, one decimal place) becomes ``valor``."""

    minimo: Decimal
    maximo: Decimal
    valor: Decimal


@dataclass(frozen=True)
class TabelaArredondamento:
    """A rounding table (i-Educar's ``TabelaArredondamento``): ranges of médias, each mapped
    to the value the boletim shows.

    It applies to the média already rounded to one decimal place (see :func:`calcular_media`:
    after the recuperações, so the value compared with the passing mark is the one shown). A
    média outside every faixa stays as it is. :meth:`multiplos_de` builds the usual table
    "to the nearest 0,5, halves up".
    """

    faixas: tuple[FaixaArredondamento, ...]

    def __post_init__(self) -> None:
        faixas = []
        for faixa in self.faixas:
            try:
                minimo, maximo, valor = (parse_nota(v, 100) for v in (faixa.minimo, faixa.maximo, faixa.valor))
            except (ValidationError, AttributeError):
                raise ValidationError("tabela_arredondamento", TABELA_ARREDONDAMENTO_INVALIDA) from None
            if minimo > maximo:
                raise ValidationError("tabela_arredondamento", TABELA_ARREDONDAMENTO_INVALIDA)
            faixas.append(FaixaArredondamento(minimo, maximo, valor))
        faixas.sort(key=lambda f: f.minimo)
        if not faixas or any(a.maximo >= b.minimo for a, b in zip(faixas, faixas[1:], strict=False)):
            raise ValidationError("tabela_arredondamento", TABELA_ARREDONDAMENTO_INVALIDA)
        object.__setattr__(self, "faixas", tuple(faixas))

    @classmethod
    def multiplos_de(cls, passo: Decimal | str, escala: int = 10) -> TabelaArredondamento:
        """The table that rounds a média to the nearest multiple of ``passo``, halves up.

        ``multiplos_de("0.5")``: 5,8–6,2 → 6,0; 6,3–6,7 → 6,5; 6,8–7,2 → 7,0 ... (6,25 is
        already 6,3 at one decimal place, so it goes up to 6,5; 6,2 goes down to 6,0).
        ``passo`` must divide the scale, with at most one decimal place.
        """
        try:
            step = parse_nota(passo, escala)
        except ValidationError:
            raise ValidationError("tabela_arredondamento", TABELA_ARREDONDAMENTO_INVALIDA) from None
        if step <= 0 or escala % step:
            raise ValidationError("tabela_arredondamento", TABELA_ARREDONDAMENTO_INVALIDA)
        valores = [step * k for k in range(int(escala / step) + 1)]
        # A faixa starts at the half-way point to the value below, rounded up to one decimal
        # place (a tie goes up), and ends one tenth before the next faixa starts.
        inicios = [Decimal(0)] + [
            (v - step / 2).quantize(UMA_CASA, rounding=decimal.ROUND_CEILING) for v in valores[1:]
        ]
        fins = [i - UMA_CASA for i in inicios[1:]] + [Decimal(escala)]
        return cls(tuple(FaixaArredondamento(i, f, v) for i, f, v in zip(inicios, fins, valores, strict=True)))

    def aplicar(self, media: Decimal) -> Decimal:
        """The value of the faixa holding ``media`` (one decimal place), else ``media`` itself."""
        for faixa in self.faixas:
            if faixa.minimo <= media <= faixa.maximo:
                return faixa.valor.quantize(UMA_CASA)
        return media


# --- conceitos --------------------------------------------------------------------------


@dataclass(frozen=True)
class Conceito:
    """One conceito of a rule: its ``sigla`` (what is typed and printed), what it means, and
    whether it approves the aluno when it is the final conceito."""

    sigla: str
    descricao: str
    aprova: bool


#: The default conceitos, best first: A, B and C approve, D and E do not.
CONCEITOS_PADRAO = (
    Conceito("A", QT_TRANSLATE_NOOP("validation", "Ótimo"), aprova=True),
    Conceito("B", QT_TRANSLATE_NOOP("validation", "Bom"), aprova=True),
    Conceito("C", QT_TRANSLATE_NOOP("validation", "Regular"), aprova=True),
    Conceito("D", QT_TRANSLATE_NOOP("validation", "Insuficiente"), aprova=False),
    Conceito("E", QT_TRANSLATE_NOOP("validation", "Muito insuficiente"), aprova=False),
)


def parse_conceito(value: str | None, conceitos: Sequence[Conceito] = CONCEITOS_PADRAO) -> Conceito:
    """The conceito typed (``" b "`` → B: blanks and case do not matter), or :class:`ValidationError`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError("conceito", CONCEITO_OBRIGATORIO)
    if isinstance(value, str):
        typed = value.strip().casefold()
        for conceito in conceitos:
            if conceito.sigla.casefold() == typed:
                return conceito
    raise ValidationError("conceito", CONCEITO_INVALIDO)


# --- regra de avaliação -----------------------------------------------------------------


def _as_decimal(value: object, field_name: str, message: str) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError(field_name, message)
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)  # type: ignore[arg-type]
    except (decimal.InvalidOperation, TypeError, ValueError):
        raise ValidationError(field_name, message) from None
    if not number.is_finite():
        raise ValidationError(field_name, message)
    return number


@dataclass(frozen=True)
class RegraAvaliacao:
    """How a disciplina is graded (i-Educar's ``RegraAvaliacao``, the parts we need).

    Attributes:
        formula: arithmetic or weighted média of the períodos' notas.
        quantidade_periodos: how many períodos (bimestres, trimestres...) the year has;
            the média exists only when all of them have a nota.
        pesos: one weight per período, positive, for ``FormulaMedia.PONDERADA``
            (ignored by the arithmetic média, but still checked when given).
        media_aprovacao: the passing média, a nota (default 6.0).
        frequencia_minima: the minimum frequência in percent (default 75, the LDB minimum).
        recuperacao: what a nota de recuperação replaces, or ``None`` if there is none.
        arredondamento: the :mod:`decimal` rounding mode for the média, to one decimal
            place; ``ROUND_HALF_UP`` (the default) is what Brazilian schools use.
        tipo: notas (the default), conceitos or parecer descritivo per período.
        escala: the notas go from 0 to 10 (the default) or from 0 to 100; ``media_aprovacao``
            and every nota are on this scale.
        tabela_arredondamento: applied to the média after the rounding to one decimal place
            and after the recuperações (see :func:`calcular_media`); ``None``: none.
        conceitos: the conceitos of a ``CONCEITUAL`` rule, best first (A–E by default).
        sem_retencao: evaluation without retention (Educação Infantil, LDB art. 31): neither
            the notas nor the frequência ever hold the aluno back; the final result is
            APROVADO (the situação that moves the child on to the next etapa).
        recuperacao_final: besides a recuperação per período (``SUBSTITUI_MENOR_NOTA`` or
            ``SUBSTITUI_NOTA_DO_PERIODO``), a recuperação final (exame) after the last
            período, which replaces the média when higher, as ``SUBSTITUI_MEDIA`` does alone.
        max_dependencias: progressão parcial: an aluno retained in at most this many
            disciplinas (by their results, not by the frequência) is APROVADO_COM_DEPENDENCIA;
            0 (the default) means no dependência.

    Numbers may be given as ``int``, ``str`` or ``Decimal``; they are stored as ``Decimal``.
    Inconsistent rules raise :class:`ValidationError`. The defaults are the rule every ano
    letivo had before the rules per etapa: the new fields change nothing unless set.
    """

    formula: FormulaMedia = FormulaMedia.ARITMETICA
    quantidade_periodos: int = 4
    pesos: tuple[Decimal, ...] = ()
    media_aprovacao: Decimal = Decimal("6.0")
    frequencia_minima: Decimal = Decimal(75)
    recuperacao: RegraRecuperacao | None = None
    arredondamento: str = ROUND_HALF_UP
    tipo: TipoAvaliacao = TipoAvaliacao.NUMERICA
    escala: int = 10
    tabela_arredondamento: TabelaArredondamento | None = None
    conceitos: tuple[Conceito, ...] = CONCEITOS_PADRAO
    sem_retencao: bool = False
    max_dependencias: int = 0
    recuperacao_final: bool = False

    def __post_init__(self) -> None:
        n = self.quantidade_periodos
        if isinstance(n, bool) or not isinstance(n, int) or n <= 0:
            raise ValidationError("quantidade_periodos", QUANTIDADE_PERIODOS_INVALIDA)

        object.__setattr__(self, "formula", FormulaMedia(self.formula))
        if self.recuperacao is not None:
            object.__setattr__(self, "recuperacao", RegraRecuperacao(self.recuperacao))

        pesos = tuple(_as_decimal(p, "pesos", PESOS_INVALIDOS) for p in self.pesos)
        if pesos and (len(pesos) != n or any(p <= 0 for p in pesos)):
            raise ValidationError("pesos", PESOS_INVALIDOS)
        if self.formula is FormulaMedia.PONDERADA and not pesos:
            raise ValidationError("pesos", PESOS_INVALIDOS)
        object.__setattr__(self, "pesos", pesos)

        escala = _check_escala(self.escala)
        object.__setattr__(self, "tipo", TipoAvaliacao(self.tipo))
        try:
            media = parse_nota(self.media_aprovacao, escala)
        except ValidationError:
            message = MEDIA_APROVACAO_INVALIDA_100 if escala == 100 else MEDIA_APROVACAO_INVALIDA
            raise ValidationError("media_aprovacao", message) from None
        object.__setattr__(self, "media_aprovacao", media)

        tabela = self.tabela_arredondamento
        if tabela is not None and (
            not isinstance(tabela, TabelaArredondamento) or any(f.valor > escala for f in tabela.faixas)
        ):
            raise ValidationError("tabela_arredondamento", TABELA_ARREDONDAMENTO_INVALIDA)
        if self.recuperacao is not None and self.tipo is not TipoAvaliacao.NUMERICA:
            raise ValidationError("recuperacao", RECUPERACAO_SO_COM_NOTAS)

        conceitos = tuple(self.conceitos)
        siglas = [c.sigla.strip().casefold() if isinstance(c, Conceito) else "" for c in conceitos]
        if not all(siglas) or len(set(siglas)) != len(siglas) or not any(c.aprova for c in conceitos):
            raise ValidationError("conceitos", CONCEITOS_INVALIDOS)
        object.__setattr__(self, "conceitos", conceitos)

        object.__setattr__(self, "recuperacao_final", bool(self.recuperacao_final))
        if self.recuperacao_final and self.recuperacao not in _RECUPERACOES_POR_PERIODO:
            raise ValidationError("recuperacao_final", RECUPERACAO_FINAL_SEM_PERIODO)

        n_dep = self.max_dependencias
        if isinstance(n_dep, bool) or not isinstance(n_dep, int) or n_dep < 0:
            raise ValidationError("max_dependencias", DEPENDENCIAS_INVALIDAS)
        object.__setattr__(self, "sem_retencao", bool(self.sem_retencao))

        minima = _as_decimal(self.frequencia_minima, "frequencia_minima", FREQUENCIA_MINIMA_INVALIDA)
        if not 0 <= minima <= CEM:
            raise ValidationError("frequencia_minima", FREQUENCIA_MINIMA_INVALIDA)
        object.__setattr__(self, "frequencia_minima", minima)

        with decimal.localcontext() as ctx:
            ctx.rounding = self.arredondamento  # raises TypeError for an unknown mode


# --- média ------------------------------------------------------------------------------


Recuperacoes = Sequence[Decimal] | Mapping[int, Decimal | None]


def calcular_media(
    notas_por_periodo: Mapping[int, Decimal | None],
    regra: RegraAvaliacao,
    recuperacoes: Recuperacoes = (),
    recuperacao_final: Decimal | None = None,
) -> Decimal | None:
    """The média of a disciplina, rounded per ``regra``, or ``None`` while it is incomplete.

    Args:
        notas_por_periodo: the nota of each período, keyed by its number 1..N
            (N = ``regra.quantidade_periodos``). A missing key or a ``None`` value is a
            período without a nota yet: the result is ``None`` (the aluno is cursando).
        regra: the rule (formula, pesos, recuperação, scale, rounding).
        recuperacoes: notas de recuperação, applied per ``regra.recuperacao``:

            * ``SUBSTITUI_MENOR_NOTA``: each one replaces a different período nota, the
              highest recuperação the lowest nota, the next the next lowest..., and only
              where it is higher; the média is then computed from the result. (A mapping
              by período is accepted: only its values count.)
            * ``SUBSTITUI_NOTA_DO_PERIODO``: a mapping período → recuperação; each replaces
              its own período's nota, where it is higher (notas 2/5/7/7 and a recuperação of
              6 in the 2º período give 2/6/7/7, média 5,5).
            * ``SUBSTITUI_MEDIA``: at most one (the recuperação final); it replaces the
              rounded média when higher.
        recuperacao_final: under ``regra.recuperacao_final``, the recuperação final after
            the recuperações per período: it replaces the rounded média when higher.

    The média is rounded once, to one decimal place, on the exact quotient; then the
    recuperação final may replace it; then ``regra.tabela_arredondamento``, if any, maps the
    result (so 6,25 → 6,3 → 6,5 with the table to 0,5). What is returned is what the boletim
    shows and what :func:`situacao_final` compares with the passing mark.

    Raises:
        ValidationError: an invalid nota, recuperações where the rule has none, more
            recuperações than períodos, or more than one recuperação final.
        ValueError: a período number outside 1..N, a recuperação by período not given as a
            mapping, or a rule that is not numeric (programming errors).
    """
    n = regra.quantidade_periodos
    if regra.tipo is not TipoAvaliacao.NUMERICA:
        raise ValueError(f"a {regra.tipo} rule has no média")
    unknown = sorted(k for k in notas_por_periodo if not (isinstance(k, int) and 1 <= k <= n))
    por_periodo: dict[int, Decimal] = {}
    em_mapa = isinstance(recuperacoes, Mapping)
    if em_mapa:
        unknown += sorted(k for k in recuperacoes if not (isinstance(k, int) and 1 <= k <= n))
        por_periodo = {k: parse_nota(r, regra.escala) for k, r in recuperacoes.items() if r is not None}
        recs = [por_periodo[k] for k in sorted(por_periodo)]
    else:
        recs = [parse_nota(r, regra.escala) for r in recuperacoes]
    if unknown:
        raise ValueError(f"período numbers must be 1..{n}, got {unknown}")
    final = None if recuperacao_final is None else parse_nota(recuperacao_final, regra.escala)
    if final is not None and not regra.recuperacao_final:
        raise ValidationError("recuperacao", RECUPERACAO_NAO_PREVISTA)
    if recs and regra.recuperacao is None:
        raise ValidationError("recuperacao", RECUPERACAO_NAO_PREVISTA)
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MEDIA and len(recs) > 1:
        raise ValidationError("recuperacao", RECUPERACAO_FINAL_UNICA)
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MENOR_NOTA and len(recs) > n:
        raise ValidationError("recuperacao", RECUPERACOES_DEMAIS)
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO and recs and not em_mapa:
        raise ValueError("recuperações by período must be a mapping período → nota")

    raw = [notas_por_periodo.get(p) for p in range(1, n + 1)]
    notas = [None if v is None else parse_nota(v, regra.escala) for v in raw]
    if any(v is None for v in notas):
        return None
    complete: list[Decimal] = [v for v in notas if v is not None]

    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MENOR_NOTA and recs:
        complete = _substituir_menores(complete, recs)
    elif regra.recuperacao is RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO:
        complete = [max(v, por_periodo.get(p, v)) for p, v in enumerate(complete, start=1)]

    with decimal.localcontext() as ctx:
        ctx.prec = 28
        if regra.formula is FormulaMedia.PONDERADA:
            exact = sum((v * p for v, p in zip(complete, regra.pesos, strict=True)), Decimal(0)) / sum(regra.pesos)
        else:
            exact = sum(complete, Decimal(0)) / len(complete)
        media = arredondar(exact, regra.arredondamento)

    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MEDIA and recs:
        media = max(media, recs[0])
    if final is not None:
        media = max(media, final)
    if regra.tabela_arredondamento is not None:
        media = regra.tabela_arredondamento.aplicar(media)
    return media


def _substituir_menores(notas: list[Decimal], recs: list[Decimal]) -> list[Decimal]:
    """Each recuperação replaces a distinct nota: highest recuperação ↔ lowest nota, when higher."""
    result = list(notas)
    order = sorted(range(len(result)), key=lambda i: (result[i], i))  # lowest first; ties: earlier período
    for i, rec in zip(order, sorted(recs, reverse=True), strict=False):
        if rec > result[i]:
            result[i] = rec
    return result


def recuperacoes_da_regra(
    regra: RegraAvaliacao,
    por_periodo: Mapping[int, Decimal | None],
    final: Decimal | None,
) -> Recuperacoes:
    """What :func:`calcular_media` takes from the diário's cells: the recuperações typed in
    each período's column (``por_periodo``) and the recuperação final (under
    ``SUBSTITUI_MEDIA``; under ``regra.recuperacao_final`` it goes to
    :attr:`DesempenhoDisciplina.recuperacao_final` instead). Values kept from a rule the year
    no longer has are not counted (they still show in the diário)."""
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MENOR_NOTA:
        return tuple(r for _p, r in sorted(por_periodo.items()) if r is not None)
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO:
        return {p: r for p, r in sorted(por_periodo.items()) if r is not None}
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MEDIA and final is not None:
        return (final,)
    return ()


# --- frequência -------------------------------------------------------------------------


def _check_aulas(aulas_dadas: int, faltas: int) -> None:
    for value in (aulas_dadas, faltas):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError("faltas", AULAS_INVALIDAS)
    if faltas > aulas_dadas:
        raise ValidationError("faltas", FALTAS_MAIORES_QUE_AULAS)


def percentual_frequencia(aulas_dadas: int, faltas: int) -> Decimal:
    """Percent of the aulas dadas attended, truncated to one decimal place (74.96 → 74.9).

    With no aulas dadas there was nothing to miss: 100.0. Faltas above the aulas dadas, or
    negative numbers, raise :class:`ValidationError`.
    """
    _check_aulas(aulas_dadas, faltas)
    if aulas_dadas == 0:
        return Decimal("100.0")
    with decimal.localcontext() as ctx:
        ctx.prec = 28
        exact = Decimal(aulas_dadas - faltas) * CEM / Decimal(aulas_dadas)
        return exact.quantize(UMA_CASA, rounding=ROUND_DOWN)


def frequencia_suficiente(aulas_dadas: int, faltas: int, regra: RegraAvaliacao) -> bool:
    """Whether the exact (unrounded) frequência reaches ``regra.frequencia_minima``."""
    _check_aulas(aulas_dadas, faltas)
    if aulas_dadas == 0:
        return True
    # presentes / aulas >= minima / 100, without division.
    return Decimal(aulas_dadas - faltas) * CEM >= regra.frequencia_minima * aulas_dadas


# --- situação ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SituacaoManual:
    """A situação set by hand (conselho de classe, transferência, abandono...) and why.

    ``motivo`` is required; it is stored trimmed. The provisional situações only computed
    (:data:`SITUACOES_SO_CALCULADAS`) cannot be set by hand (``ValueError``).
    """

    situacao: Situacao
    motivo: str

    def __post_init__(self) -> None:
        motivo = " ".join((self.motivo or "").split()) if isinstance(self.motivo, str) else ""
        if not motivo:
            raise ValidationError("motivo", MOTIVO_OBRIGATORIO)
        object.__setattr__(self, "motivo", motivo)
        situacao = Situacao(self.situacao)
        if situacao in SITUACOES_SO_CALCULADAS:
            raise ValueError(f"{situacao} is computed, never set by hand")
        object.__setattr__(self, "situacao", situacao)


@dataclass(frozen=True)
class ResultadoSituacao:
    """The computed situação and, when there is an override, the manual one.

    ``definitiva`` tells whether ``calculada`` is a final verdict or a provisional situação
    of a year still running (see :func:`resultado_definitivo`).
    """

    calculada: Situacao
    manual: SituacaoManual | None = None
    definitiva: bool = True

    @property
    def efetiva(self) -> Situacao:
        """What the boletim and the histórico show: the manual situação when there is one."""
        return self.manual.situacao if self.manual is not None else self.calculada

    @property
    def alterada_manualmente(self) -> bool:
        return self.manual is not None and self.manual.situacao != self.calculada

    @property
    def provisoria(self) -> bool:
        """Whether what the boletim shows is not a final verdict yet (no manual situação, and
        the computed one is provisional)."""
        return self.manual is None and not self.definitiva


def situacao_final(
    media: Decimal | None,
    aulas_dadas: int,
    faltas: int,
    regra: RegraAvaliacao,
    manual: SituacaoManual | None = None,
) -> ResultadoSituacao:
    """The final verdict from a média (``None`` = incomplete) and the aulas dadas/faltas,
    for results known to be final (see :func:`resultado_definitivo`).

    In order: no média yet → CURSANDO; a rule without retention → APROVADO; frequência below
    the minimum → REPROVADO_POR_FALTAS (whatever the média); média below
    ``regra.media_aprovacao`` → RETIDO; else APROVADO.
    """
    _check_aulas(aulas_dadas, faltas)
    aprova = None if media is None else parse_nota(media, regra.escala) >= regra.media_aprovacao
    return ResultadoSituacao(_veredito(aprova, aulas_dadas, faltas, regra), manual)


def _veredito(aprova: bool | None, aulas_dadas: int, faltas: int, regra: RegraAvaliacao) -> Situacao:
    """The final verdict of a disciplina whose evaluation approves (``True``), does not
    (``False``) or is incomplete (``None``)."""
    if aprova is None:
        return Situacao.CURSANDO
    if regra.sem_retencao:
        return Situacao.APROVADO
    if not frequencia_suficiente(aulas_dadas, faltas, regra):
        return Situacao.REPROVADO_POR_FALTAS
    return Situacao.APROVADO if aprova else Situacao.RETIDO


@dataclass(frozen=True)
class DesempenhoDisciplina:
    """What the diário records for one disciplina of one matrícula.

    ``notas_por_periodo`` holds, per período number, what the rule's :class:`TipoAvaliacao`
    has typed there: a nota (``Decimal``), a conceito's sigla or a parecer descritivo
    (``str``); ``None`` (or a missing key, or a blank text) is nothing typed yet.
    ``aulas_dadas`` and ``faltas`` are the totals of the períodos entered so far.
    ``periodos_com_frequencia`` names those períodos (numbers 1..N); ``None`` says the totals
    are the whole year's. ``recuperacoes`` are as :func:`calcular_media` takes them
    (:func:`recuperacoes_da_regra` builds them from the diário's cells).
    ``periodos_com_recuperacao`` names the períodos whose recuperação was entered, under
    ``SUBSTITUI_MENOR_NOTA``; ``None`` says no recuperação is to come (under
    ``SUBSTITUI_NOTA_DO_PERIODO`` the keys of ``recuperacoes`` count too). Under
    ``SUBSTITUI_MEDIA`` the recuperação final is entered when ``recuperacoes`` holds it;
    under ``regra.recuperacao_final`` it is ``recuperacao_final``.
    ``conta_para_promocao`` is false for a disciplina whose result is shown but never
    retains the aluno (Ensino Religioso, optional under LDB art. 33): it is left out of the
    aluno's result and of the aluno's frequência. ``dispensada``: the aluno was excused from
    it; it is left out the same way and its situação is DISPENSADO.
    """

    notas_por_periodo: Mapping[int, Decimal | str | None]
    aulas_dadas: int
    faltas: int
    recuperacoes: Recuperacoes = ()
    manual: SituacaoManual | None = None
    periodos_com_frequencia: frozenset[int] | None = None
    periodos_com_recuperacao: frozenset[int] | None = None
    conta_para_promocao: bool = True
    recuperacao_final: Decimal | None = None
    dispensada: bool = False
    """The aluno was excused from it (a dispensa): DISPENSADO, final, left out of the aluno's
    result and frequência whatever was typed."""

    @property
    def sem_notas(self) -> bool:
        """Nothing typed at all: no nota, conceito or parecer in any período, no recuperação
        and no situação set by hand."""
        return (
            self.manual is None
            and self.recuperacao_final is None
            and not any(_preenchido(v) for v in self.notas_por_periodo.values())
            and not any(
                r is not None
                for r in (self.recuperacoes.values() if isinstance(self.recuperacoes, Mapping) else self.recuperacoes)
            )
        )


def _preenchido(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class ResultadoDisciplina:
    """A disciplina's result: the média (numeric rules) or the final conceito (conceitual
    rules; both ``None`` under a parecer descritivo), its own frequência and situação.
    ``sem_notas``: nothing was typed for it (see :attr:`DesempenhoDisciplina.sem_notas`)."""

    media: Decimal | None
    frequencia: Decimal
    situacao: ResultadoSituacao
    conceito: Conceito | None = None
    sem_notas: bool = False
    conta_para_promocao: bool = True


@dataclass(frozen=True)
class ResultadoAluno:
    """The year's result: frequência over the totals, the situação and each disciplina's.

    ``dependencias`` are the positions (in ``disciplinas``) of the disciplinas the aluno
    carries as dependência when APROVADO_COM_DEPENDENCIA; ``sem_notas`` those with nothing
    typed, left out of the result (the views list them as "sem notas").
    """

    aulas_dadas: int
    faltas: int
    frequencia: Decimal
    situacao: ResultadoSituacao
    disciplinas: tuple[ResultadoDisciplina, ...] = field(default=())
    dependencias: tuple[int, ...] = ()
    sem_notas: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Avaliacao:
    """A disciplina's evaluation before the frequência: the média or the final conceito, and
    whether it approves (``None`` while incomplete)."""

    media: Decimal | None
    conceito: Conceito | None
    aprova: bool | None


def _avaliar(desempenho: DesempenhoDisciplina, regra: RegraAvaliacao) -> _Avaliacao:
    """Numeric: the média decides. Conceitual: every período needs its conceito, and the
    last período's conceito is the final one (the conceito sums up the year so far, as the
    boletim's last column does). Descritiva: every período needs its parecer; a parecer
    carries no verdict, so the evaluation approves: only the frequência or the conselho
    (a situação set by hand, with the ata's motivo) can retain."""
    n = regra.quantidade_periodos
    if regra.tipo is TipoAvaliacao.NUMERICA:
        media = calcular_media(
            desempenho.notas_por_periodo,  # type: ignore[arg-type]
            regra,
            desempenho.recuperacoes,
            desempenho.recuperacao_final if regra.recuperacao_final else None,
        )
        return _Avaliacao(media, None, None if media is None else media >= regra.media_aprovacao)
    unknown = sorted(k for k in desempenho.notas_por_periodo if not (isinstance(k, int) and 1 <= k <= n))
    if unknown:
        raise ValueError(f"período numbers must be 1..{n}, got {unknown}")
    valores = [desempenho.notas_por_periodo.get(p) for p in range(1, n + 1)]
    if regra.tipo is TipoAvaliacao.CONCEITUAL:
        conceitos = [parse_conceito(v, regra.conceitos) if _preenchido(v) else None for v in valores]  # type: ignore[arg-type]
        final = conceitos[-1] if all(c is not None for c in conceitos) else None
        return _Avaliacao(None, final, None if final is None else final.aprova)
    return _Avaliacao(None, None, True if all(_preenchido(v) for v in valores) else None)


def recuperacao_pendente(desempenho: DesempenhoDisciplina, regra: RegraAvaliacao, media: Decimal | None) -> bool:
    """Whether a recuperação still to be entered could change the result: every período has
    its nota, the ``media`` (with the recuperações entered) is below the passing mark, and the
    recuperação final (``SUBSTITUI_MEDIA``) or the last período's (``SUBSTITUI_MENOR_NOTA``)
    is not entered yet. Under ``SUBSTITUI_NOTA_DO_PERIODO`` the last período's recuperação is
    pending only when that período's nota is below the passing mark (a recuperação replaces
    its own período's nota, and the earlier períodos are over). Under
    ``regra.recuperacao_final`` the recuperação final is pending until entered too. Never
    under a rule without retention (nothing can change the result) nor without notas."""
    if regra.sem_retencao or regra.tipo is not TipoAvaliacao.NUMERICA:
        return False
    if regra.recuperacao is None or media is None or media >= regra.media_aprovacao:
        return False
    if regra.recuperacao_final and desempenho.recuperacao_final is None:
        return True
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MEDIA:
        return not desempenho.recuperacoes
    n = regra.quantidade_periodos
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_NOTA_DO_PERIODO:
        lancadas = set(desempenho.periodos_com_recuperacao or ())
        if isinstance(desempenho.recuperacoes, Mapping):
            lancadas |= {p for p, r in desempenho.recuperacoes.items() if r is not None}
        ultima = desempenho.notas_por_periodo.get(n)
        return n not in lancadas and ultima is not None and parse_nota(ultima, regra.escala) < regra.media_aprovacao  # type: ignore[arg-type]
    lancadas_menor = desempenho.periodos_com_recuperacao
    return lancadas_menor is not None and n not in lancadas_menor


def resultado_definitivo(
    desempenho: DesempenhoDisciplina,
    regra: RegraAvaliacao,
    media: Decimal | None,
    *,
    ano_encerrado: bool,
) -> bool:
    """THE rule of final versus provisional, for one disciplina of one matrícula.

    The results are final when the ano letivo is encerrado (the secretary closed it: nothing
    can change any more), or the situação was set by hand, or everything is entered: a nota
    for every período (``media`` is not ``None``; under conceitos or pareceres, a conceito or
    a parecer for every período), the aulas dadas and faltas of every período, and — unless
    the frequência already retains — the recuperação that could still raise a média below
    the passing mark (:func:`recuperacao_pendente`). Otherwise the situação is provisional,
    whatever the numbers entered so far say.
    """
    if ano_encerrado or desempenho.manual is not None:
        return True
    if regra.tipo is TipoAvaliacao.NUMERICA:
        completa = media is not None
    else:
        completa = _avaliar(desempenho, regra).aprova is not None
    if not completa:
        return False
    lancados = desempenho.periodos_com_frequencia
    if lancados is not None and not set(range(1, regra.quantidade_periodos + 1)) <= lancados:
        return False
    if not regra.sem_retencao and not frequencia_suficiente(desempenho.aulas_dadas, desempenho.faltas, regra):
        return True
    return not recuperacao_pendente(desempenho, regra, media)


def situacao_provisoria(aulas_dadas: int, faltas: int, *, em_recuperacao: bool, regra: RegraAvaliacao) -> Situacao:
    """The situação while the results are not final: FREQUENCIA_BAIXA_ATE_AGORA when the
    frequência over the aulas dadas so far is below the minimum (never under a rule without
    retention: the frequência cannot hold the child back), else EM_RECUPERACAO when a
    recuperação is still to come for a média below the passing mark, else CURSANDO."""
    if not regra.sem_retencao and aulas_dadas and not frequencia_suficiente(aulas_dadas, faltas, regra):
        return Situacao.FREQUENCIA_BAIXA_ATE_AGORA
    if em_recuperacao:
        return Situacao.EM_RECUPERACAO
    return Situacao.CURSANDO


def situacao_final_disciplina(
    desempenho: DesempenhoDisciplina, regra: RegraAvaliacao, *, ano_encerrado: bool = False
) -> ResultadoDisciplina:
    """Média (or conceito), frequência and situação of one disciplina (its own aulas dadas
    and faltas): the final verdict when :func:`resultado_definitivo` says so, else the
    provisional one.

    A rule without retention approves once the results are final, even in an ano encerrado
    with evaluations missing (nothing may hold the child back). A parecer descritivo approves
    once every período has its parecer (see :func:`_avaliar`)."""
    return _resultado_disciplina(desempenho, regra, ano_encerrado)[0]


def _resultado_disciplina(
    desempenho: DesempenhoDisciplina, regra: RegraAvaliacao, ano_encerrado: bool
) -> tuple[ResultadoDisciplina, _Avaliacao]:
    if desempenho.dispensada:  # nothing typed there is evaluated
        frequencia = percentual_frequencia(desempenho.aulas_dadas, desempenho.faltas)
        resultado = ResultadoDisciplina(
            None,
            frequencia,
            ResultadoSituacao(Situacao.DISPENSADO, desempenho.manual),
            sem_notas=desempenho.sem_notas,
            conta_para_promocao=False,
        )
        return resultado, _Avaliacao(None, None, None)
    avaliacao = _avaliar(desempenho, regra)
    media = avaliacao.media
    frequencia = percentual_frequencia(desempenho.aulas_dadas, desempenho.faltas)
    if resultado_definitivo(desempenho, regra, media, ano_encerrado=ano_encerrado):
        aprova = True if regra.sem_retencao and avaliacao.aprova is None and ano_encerrado else avaliacao.aprova
        calculada = _veredito(aprova, desempenho.aulas_dadas, desempenho.faltas, regra)
        situacao = ResultadoSituacao(calculada, desempenho.manual)
    else:
        provisoria = situacao_provisoria(
            desempenho.aulas_dadas,
            desempenho.faltas,
            em_recuperacao=recuperacao_pendente(desempenho, regra, media),
            regra=regra,
        )
        situacao = ResultadoSituacao(provisoria, desempenho.manual, definitiva=False)
    resultado = ResultadoDisciplina(
        media,
        frequencia,
        situacao,
        conceito=avaliacao.conceito,
        sem_notas=desempenho.sem_notas,
        conta_para_promocao=desempenho.conta_para_promocao,
    )
    return resultado, avaliacao


def situacao_final_aluno(
    desempenhos: Sequence[DesempenhoDisciplina],
    regra: RegraAvaliacao,
    manual: SituacaoManual | None = None,
    *,
    ano_encerrado: bool = False,
) -> ResultadoAluno:
    """The aluno's situação in the year.

    Which disciplinas count: those that count for promotion (``conta_para_promocao``),
    except those without notas. A disciplina with no nota, conceito, parecer or recuperação
    typed and no situação set by hand is listed in :attr:`ResultadoAluno.sem_notas`; it
    neither holds the result provisional nor retains once the year is encerrado, or while
    the year runs unless its frequência is half entered (some períodos but not all: its
    lessons are still going on, its notas may come). So a disciplina nobody graded (or an
    optional one the aluno does not attend) never keeps the aluno "cursando" once the
    others are final. A disciplina that does not count for promotion shows its own result
    but is left out of the aluno's, frequência included; so is a disciplina the aluno was
    excused from (``dispensada``), shown as DISPENSADO.

    The frequência is computed over the *total* aulas dadas and faltas of the disciplinas
    that count for promotion (not the average of their percentages).

    The results are final when the ano letivo is encerrado or every disciplina that counts
    is final (:func:`resultado_definitivo`) with no recuperação still to come (a disciplina
    whose own frequência is low is final by itself, but its faltas alone do not retain the
    aluno, so its pending recuperação still holds the aluno's result). Then, in order:

    * a disciplina still without média (and without a manual situação) → CURSANDO, or
      APROVADO under a rule without retention;
    * a rule without retention → APROVADO (LDB art. 31: neither notas nor frequência hold
      the child back);
    * total frequência below the minimum → REPROVADO_POR_FALTAS;
    * disciplinas below the passing mark (a disciplina's manual situação counts instead of
      its média: the conselho de classe may approve it, a RETIDO or REPROVADO_POR_FALTAS set
      by hand retains): at most ``regra.max_dependencias`` of them → APROVADO_COM_DEPENDENCIA
      (listed in ``dependencias``), more → RETIDO;
    * else APROVADO.

    A disciplina's own frequência shows in its result but does not retain the aluno by
    itself: the minimum is over the total hours (LDB, art. 24, VI).

    Otherwise the situação is provisional: total frequência so far below the minimum →
    FREQUENCIA_BAIXA_ATE_AGORA; a disciplina in recuperação → EM_RECUPERACAO; else CURSANDO.
    """
    pares = [_resultado_disciplina(d, regra, ano_encerrado) for d in desempenhos]
    resultados = tuple(r for r, _a in pares)
    avaliacoes = [a for _r, a in pares]
    contam = [i for i, d in enumerate(desempenhos) if d.conta_para_promocao and not d.dispensada]
    todos = set(range(1, regra.quantidade_periodos + 1))

    def em_andamento(d: DesempenhoDisciplina) -> bool:
        lancados = d.periodos_com_frequencia
        return lancados is not None and bool(lancados & todos) and not todos <= lancados

    decidem = [
        i for i in contam if not (resultados[i].sem_notas and (ano_encerrado or not em_andamento(desempenhos[i])))
    ]
    aulas = sum(desempenhos[i].aulas_dadas for i in contam)
    faltas = sum(desempenhos[i].faltas for i in contam)
    frequencia = percentual_frequencia(aulas, faltas)

    def pendente(i: int) -> bool:
        return desempenhos[i].manual is None and recuperacao_pendente(desempenhos[i], regra, avaliacoes[i].media)

    def retida(i: int) -> bool:
        r = resultados[i]
        if r.situacao.manual is not None:
            return r.situacao.manual.situacao in SITUACOES_DE_RETENCAO
        return avaliacoes[i].aprova is False

    # Once every disciplina's frequência is in, a total below the minimum retains whatever a
    # recuperação could still do; otherwise a pending recuperação keeps the result open.
    frequencia_ok = regra.sem_retencao or frequencia_suficiente(aulas, faltas, regra)
    definitiva = ano_encerrado or (
        bool(decidem)
        and all(resultados[i].situacao.definitiva and not (frequencia_ok and pendente(i)) for i in decidem)
    )
    retidas: tuple[int, ...] = ()
    if not definitiva:
        em_recuperacao = any(pendente(i) for i in decidem)
        calculada = situacao_provisoria(aulas, faltas, em_recuperacao=em_recuperacao, regra=regra)
    elif regra.sem_retencao:
        calculada = Situacao.APROVADO
    elif not decidem or any(resultados[i].situacao.manual is None and avaliacoes[i].aprova is None for i in decidem):
        calculada = Situacao.CURSANDO
    elif not frequencia_suficiente(aulas, faltas, regra):
        calculada = Situacao.REPROVADO_POR_FALTAS
    else:
        retidas = tuple(i for i in decidem if retida(i))
        if not retidas:
            calculada = Situacao.APROVADO
        elif len(retidas) <= regra.max_dependencias:
            calculada = Situacao.APROVADO_COM_DEPENDENCIA
        else:
            calculada = Situacao.RETIDO
    return ResultadoAluno(
        aulas,
        faltas,
        frequencia,
        ResultadoSituacao(calculada, manual, definitiva=definitiva),
        resultados,
        dependencias=retidas if calculada is Situacao.APROVADO_COM_DEPENDENCIA else (),
        sem_notas=tuple(i for i, r in enumerate(resultados) if r.sem_notas),
    )
