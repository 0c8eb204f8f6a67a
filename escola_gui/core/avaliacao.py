"""Evaluation rules: notas, média, recuperação, frequência and the situação at the end of the year.

Pure domain rules after i-Educar's ``RegraAvaliacao`` / ``FormulaMedia``, without Qt or the
database: the services load the numbers, these functions decide.

Notas are :class:`~decimal.Decimal` from 0.0 to 10.0 with at most one decimal place
(:func:`parse_nota` accepts ``"7,5"``, ``"7.5"``, ``7.5`` or ``Decimal("7.5")``).

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
results in the year are final when every disciplina's are (or the year is encerrado).

Situação: the computed situação (:class:`ResultadoSituacao.calculada`) is always kept next to
the effective one; a :class:`SituacaoManual` (conselho de classe, transfer, abandonment...)
overrides it only with a non-blank motivo, so the override stays visible and explained.

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

NOTA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a nota.")
NOTA_INVALIDA = QT_TRANSLATE_NOOP("validation", "Nota inválida. Use um número de 0 a 10, como 7,5.")
NOTA_FORA_DA_FAIXA = QT_TRANSLATE_NOOP("validation", "A nota deve estar entre 0 e 10.")
NOTA_CASAS_DECIMAIS = QT_TRANSLATE_NOOP("validation", "A nota deve ter no máximo uma casa decimal, como 7,5.")
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


class RegraRecuperacao(enum.StrEnum):
    """What a nota de recuperação replaces, when it is higher."""

    #: A recuperação during the year replaces the lowest nota among the períodos.
    SUBSTITUI_MENOR_NOTA = "substitui_menor_nota"
    #: The recuperação final (after the last período) replaces the média.
    SUBSTITUI_MEDIA = "substitui_media"

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
}


class Situacao(enum.StrEnum):
    """The situação of a matrícula in a disciplina or in the year.

    Only CURSANDO, EM_RECUPERACAO, FREQUENCIA_BAIXA_ATE_AGORA (the provisional ones, see
    :data:`SITUACOES_PROVISORIAS`), APROVADO, RETIDO and REPROVADO_POR_FALTAS are ever computed;
    the others come from a :class:`SituacaoManual`. EM_RECUPERACAO and
    FREQUENCIA_BAIXA_ATE_AGORA are never stored nor set by hand (:data:`SITUACOES_SO_CALCULADAS`).
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
}

#: The situações of a year still running: no verdict yet.
SITUACOES_PROVISORIAS = frozenset({Situacao.CURSANDO, Situacao.EM_RECUPERACAO, Situacao.FREQUENCIA_BAIXA_ATE_AGORA})
#: Computed while the year runs, never stored nor chosen by hand.
SITUACOES_SO_CALCULADAS = frozenset({Situacao.EM_RECUPERACAO, Situacao.FREQUENCIA_BAIXA_ATE_AGORA})


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


def parse_nota(value: str | int | float | Decimal | None) -> Decimal:
    """The nota as a Decimal with exactly one decimal place, or :class:`ValidationError`.

    Accepts ``"7,5"`` (Brazilian comma), ``"7.5"``, ``7.5``, ``7`` and ``Decimal("7.5")``;
    ``"7,50"`` is the same nota as ``"7,5"``. Rejects values outside 0–10 and values with
    a second significant decimal place such as ``"7,55"`` (it does not round them).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError("nota", NOTA_OBRIGATORIA)
    if isinstance(value, bool):
        raise ValidationError("nota", NOTA_INVALIDA)
    if isinstance(value, str):
        text = value.strip()
        if not _NOTA_TEXT_RE.fullmatch(text):
            raise ValidationError("nota", NOTA_INVALIDA)
        number = Decimal(text.replace(",", "."))
    elif isinstance(value, float):
        # repr() is the shortest text that reads back as the same float: 7.5 → "7.5".
        number = Decimal(repr(value))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        raise ValidationError("nota", NOTA_INVALIDA)
    if not number.is_finite():
        raise ValidationError("nota", NOTA_INVALIDA)
    if not NOTA_MINIMA <= number <= NOTA_MAXIMA:
        raise ValidationError("nota", NOTA_FORA_DA_FAIXA)
    rounded = number.quantize(UMA_CASA)
    if rounded != number:
        raise ValidationError("nota", NOTA_CASAS_DECIMAIS)
    return rounded


def validate_nota(value: str | int | float | Decimal | None) -> str | None:
    """``None`` for an acceptable nota, else the Portuguese message; empty is not acceptable."""
    try:
        parse_nota(value)
    except ValidationError as error:
        return error.message
    return None


def format_nota(nota: Decimal | None) -> str:
    """``Decimal("7.5")`` → ``"7,5"``; ``None`` (no nota yet) → ``""``."""
    if nota is None:
        return ""
    return str(nota.quantize(UMA_CASA)).replace(".", ",")


def format_percentual(valor: Decimal) -> str:
    """``Decimal("97.5")`` → ``"97,5 %"``: one decimal place, as the frequência is kept (a
    longer value is cut, never rounded up to the minimum), and a space before the sign."""
    return f"{Decimal(valor).quantize(UMA_CASA, rounding=ROUND_DOWN)} %".replace(".", ",")


def arredondar(valor: Decimal, modo: str = ROUND_HALF_UP) -> Decimal:
    """``valor`` to one decimal place; by default half up (6.25 → 6.3, 6.24 → 6.2)."""
    return valor.quantize(UMA_CASA, rounding=modo)


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

    Numbers may be given as ``int``, ``str`` or ``Decimal``; they are stored as ``Decimal``.
    Inconsistent rules raise :class:`ValidationError`.
    """

    formula: FormulaMedia = FormulaMedia.ARITMETICA
    quantidade_periodos: int = 4
    pesos: tuple[Decimal, ...] = ()
    media_aprovacao: Decimal = Decimal("6.0")
    frequencia_minima: Decimal = Decimal(75)
    recuperacao: RegraRecuperacao | None = None
    arredondamento: str = ROUND_HALF_UP

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

        try:
            media = parse_nota(self.media_aprovacao)
        except ValidationError:
            raise ValidationError("media_aprovacao", MEDIA_APROVACAO_INVALIDA) from None
        object.__setattr__(self, "media_aprovacao", media)

        minima = _as_decimal(self.frequencia_minima, "frequencia_minima", FREQUENCIA_MINIMA_INVALIDA)
        if not 0 <= minima <= CEM:
            raise ValidationError("frequencia_minima", FREQUENCIA_MINIMA_INVALIDA)
        object.__setattr__(self, "frequencia_minima", minima)

        with decimal.localcontext() as ctx:
            ctx.rounding = self.arredondamento  # raises TypeError for an unknown mode


# --- média ------------------------------------------------------------------------------


def calcular_media(
    notas_por_periodo: Mapping[int, Decimal | None],
    regra: RegraAvaliacao,
    recuperacoes: Sequence[Decimal] = (),
) -> Decimal | None:
    """The média of a disciplina, rounded per ``regra``, or ``None`` while it is incomplete.

    Args:
        notas_por_periodo: the nota of each período, keyed by its number 1..N
            (N = ``regra.quantidade_periodos``). A missing key or a ``None`` value is a
            período without a nota yet: the result is ``None`` (the aluno is cursando).
        regra: the rule (formula, pesos, recuperação, rounding).
        recuperacoes: notas de recuperação, applied per ``regra.recuperacao``:

            * ``SUBSTITUI_MENOR_NOTA``: each one replaces a different período nota, the
              highest recuperação the lowest nota, the next the next lowest..., and only
              where it is higher; the média is then computed from the result.
            * ``SUBSTITUI_MEDIA``: at most one (the recuperação final); it replaces the
              rounded média when higher.

    Raises:
        ValidationError: an invalid nota, recuperações where the rule has none, more
            recuperações than períodos, or more than one recuperação final.
        ValueError: a período number outside 1..N (a programming error).
    """
    n = regra.quantidade_periodos
    unknown = sorted(k for k in notas_por_periodo if not (isinstance(k, int) and 1 <= k <= n))
    if unknown:
        raise ValueError(f"período numbers must be 1..{n}, got {unknown}")
    recs = [parse_nota(r) for r in recuperacoes]
    if recs and regra.recuperacao is None:
        raise ValidationError("recuperacao", RECUPERACAO_NAO_PREVISTA)
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MEDIA and len(recs) > 1:
        raise ValidationError("recuperacao", RECUPERACAO_FINAL_UNICA)
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MENOR_NOTA and len(recs) > n:
        raise ValidationError("recuperacao", RECUPERACOES_DEMAIS)

    raw = [notas_por_periodo.get(p) for p in range(1, n + 1)]
    notas = [None if v is None else parse_nota(v) for v in raw]
    if any(v is None for v in notas):
        return None
    complete: list[Decimal] = [v for v in notas if v is not None]

    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MENOR_NOTA and recs:
        complete = _substituir_menores(complete, recs)

    with decimal.localcontext() as ctx:
        ctx.prec = 28
        if regra.formula is FormulaMedia.PONDERADA:
            exact = sum((v * p for v, p in zip(complete, regra.pesos, strict=True)), Decimal(0)) / sum(regra.pesos)
        else:
            exact = sum(complete, Decimal(0)) / len(complete)
        media = arredondar(exact, regra.arredondamento)

    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MEDIA and recs:
        media = max(media, recs[0])
    return media


def _substituir_menores(notas: list[Decimal], recs: list[Decimal]) -> list[Decimal]:
    """Each recuperação replaces a distinct nota: highest recuperação ↔ lowest nota, when higher."""
    result = list(notas)
    order = sorted(range(len(result)), key=lambda i: (result[i], i))  # lowest first; ties: earlier período
    for i, rec in zip(order, sorted(recs, reverse=True), strict=False):
        if rec > result[i]:
            result[i] = rec
    return result


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

    In order: no média yet → CURSANDO; frequência below the minimum → REPROVADO_POR_FALTAS
    (whatever the média); média below ``regra.media_aprovacao`` → RETIDO; else APROVADO.
    """
    _check_aulas(aulas_dadas, faltas)
    if media is None:
        calculada = Situacao.CURSANDO
    elif not frequencia_suficiente(aulas_dadas, faltas, regra):
        calculada = Situacao.REPROVADO_POR_FALTAS
    elif parse_nota(media) < regra.media_aprovacao:
        calculada = Situacao.RETIDO
    else:
        calculada = Situacao.APROVADO
    return ResultadoSituacao(calculada, manual)


@dataclass(frozen=True)
class DesempenhoDisciplina:
    """What the diário records for one disciplina of one matrícula.

    ``aulas_dadas`` and ``faltas`` are the totals of the períodos entered so far.
    ``periodos_com_frequencia`` names those períodos (numbers 1..N); ``None`` says the totals
    are the whole year's. ``periodos_com_recuperacao`` names the períodos whose recuperação
    was entered, under ``SUBSTITUI_MENOR_NOTA``; ``None`` says no recuperação is to come.
    Under ``SUBSTITUI_MEDIA`` the recuperação final is entered when ``recuperacoes`` holds it.
    """

    notas_por_periodo: Mapping[int, Decimal | None]
    aulas_dadas: int
    faltas: int
    recuperacoes: tuple[Decimal, ...] = ()
    manual: SituacaoManual | None = None
    periodos_com_frequencia: frozenset[int] | None = None
    periodos_com_recuperacao: frozenset[int] | None = None


@dataclass(frozen=True)
class ResultadoDisciplina:
    media: Decimal | None
    frequencia: Decimal
    situacao: ResultadoSituacao


@dataclass(frozen=True)
class ResultadoAluno:
    """The year's result: frequência over the totals, the situação and each disciplina's."""

    aulas_dadas: int
    faltas: int
    frequencia: Decimal
    situacao: ResultadoSituacao
    disciplinas: tuple[ResultadoDisciplina, ...] = field(default=())


def recuperacao_pendente(desempenho: DesempenhoDisciplina, regra: RegraAvaliacao, media: Decimal | None) -> bool:
    """Whether a recuperação still to be entered could change the result: every período has
    its nota, the ``media`` (with the recuperações entered) is below the passing mark, and the
    recuperação final (``SUBSTITUI_MEDIA``) or the last período's (``SUBSTITUI_MENOR_NOTA``)
    is not entered yet."""
    if regra.recuperacao is None or media is None or media >= regra.media_aprovacao:
        return False
    if regra.recuperacao is RegraRecuperacao.SUBSTITUI_MEDIA:
        return not desempenho.recuperacoes
    lancadas = desempenho.periodos_com_recuperacao
    return lancadas is not None and regra.quantidade_periodos not in lancadas


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
    for every período (``media`` is not ``None``), the aulas dadas and faltas of every período,
    and — unless the frequência already retains — the recuperação that could still raise a
    média below the passing mark (:func:`recuperacao_pendente`). Otherwise the situação is
    provisional, whatever the numbers entered so far say.
    """
    if ano_encerrado or desempenho.manual is not None:
        return True
    if media is None:
        return False
    lancados = desempenho.periodos_com_frequencia
    if lancados is not None and not set(range(1, regra.quantidade_periodos + 1)) <= lancados:
        return False
    if not frequencia_suficiente(desempenho.aulas_dadas, desempenho.faltas, regra):
        return True
    return not recuperacao_pendente(desempenho, regra, media)


def situacao_provisoria(aulas_dadas: int, faltas: int, *, em_recuperacao: bool, regra: RegraAvaliacao) -> Situacao:
    """The situação while the results are not final: FREQUENCIA_BAIXA_ATE_AGORA when the
    frequência over the aulas dadas so far is below the minimum, else EM_RECUPERACAO when a
    recuperação is still to come for a média below the passing mark, else CURSANDO."""
    if aulas_dadas and not frequencia_suficiente(aulas_dadas, faltas, regra):
        return Situacao.FREQUENCIA_BAIXA_ATE_AGORA
    if em_recuperacao:
        return Situacao.EM_RECUPERACAO
    return Situacao.CURSANDO


def situacao_final_disciplina(
    desempenho: DesempenhoDisciplina, regra: RegraAvaliacao, *, ano_encerrado: bool = False
) -> ResultadoDisciplina:
    """Média, frequência and situação of one disciplina (its own aulas dadas and faltas):
    the final verdict when :func:`resultado_definitivo` says so, else the provisional one."""
    media = calcular_media(desempenho.notas_por_periodo, regra, desempenho.recuperacoes)
    frequencia = percentual_frequencia(desempenho.aulas_dadas, desempenho.faltas)
    if resultado_definitivo(desempenho, regra, media, ano_encerrado=ano_encerrado):
        situacao = situacao_final(media, desempenho.aulas_dadas, desempenho.faltas, regra, desempenho.manual)
    else:
        provisoria = situacao_provisoria(
            desempenho.aulas_dadas,
            desempenho.faltas,
            em_recuperacao=recuperacao_pendente(desempenho, regra, media),
            regra=regra,
        )
        situacao = ResultadoSituacao(provisoria, desempenho.manual, definitiva=False)
    return ResultadoDisciplina(media, frequencia, situacao)


_SITUACOES_DE_RETENCAO = frozenset({Situacao.RETIDO, Situacao.REPROVADO_POR_FALTAS})


def situacao_final_aluno(
    desempenhos: Sequence[DesempenhoDisciplina],
    regra: RegraAvaliacao,
    manual: SituacaoManual | None = None,
    *,
    ano_encerrado: bool = False,
) -> ResultadoAluno:
    """The aluno's situação in the year.

    The frequência is computed over the *total* aulas dadas and faltas of all disciplinas
    (not the average of their percentages).

    The results are final when the ano letivo is encerrado or every disciplina's are
    (:func:`resultado_definitivo`). Then, in order: a disciplina still without média (and
    without a manual situação) → CURSANDO; total frequência below the minimum →
    REPROVADO_POR_FALTAS; any disciplina with média below the passing mark → RETIDO (a
    disciplina's manual situação counts instead of its média: the conselho de classe may
    approve it, a RETIDO or REPROVADO_POR_FALTAS set by hand retains); else APROVADO.
    A disciplina's own frequência shows in its result but does not retain the aluno by
    itself: the minimum is over the total hours (LDB, art. 24, VI).

    Otherwise the situação is provisional: total frequência so far below the minimum →
    FREQUENCIA_BAIXA_ATE_AGORA; a disciplina in recuperação → EM_RECUPERACAO; else CURSANDO.
    """
    resultados = tuple(situacao_final_disciplina(d, regra, ano_encerrado=ano_encerrado) for d in desempenhos)
    aulas = sum(d.aulas_dadas for d in desempenhos)
    faltas = sum(d.faltas for d in desempenhos)
    frequencia = percentual_frequencia(aulas, faltas)

    def retida(r: ResultadoDisciplina) -> bool:
        if r.situacao.manual is not None:
            return r.situacao.manual.situacao in _SITUACOES_DE_RETENCAO
        return r.media is not None and r.media < regra.media_aprovacao

    definitiva = ano_encerrado or (bool(resultados) and all(r.situacao.definitiva for r in resultados))
    if not definitiva:
        em_recuperacao = any(
            r.situacao.manual is None and r.situacao.calculada is Situacao.EM_RECUPERACAO for r in resultados
        )
        calculada = situacao_provisoria(aulas, faltas, em_recuperacao=em_recuperacao, regra=regra)
    elif not resultados or any(r.situacao.manual is None and r.media is None for r in resultados):
        calculada = Situacao.CURSANDO
    elif not frequencia_suficiente(aulas, faltas, regra):
        calculada = Situacao.REPROVADO_POR_FALTAS
    elif any(retida(r) for r in resultados):
        calculada = Situacao.RETIDO
    else:
        calculada = Situacao.APROVADO
    return ResultadoAluno(
        aulas, faltas, frequencia, ResultadoSituacao(calculada, manual, definitiva=definitiva), resultados
    )
