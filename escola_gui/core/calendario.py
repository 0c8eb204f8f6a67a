"""The calendar of an ano letivo: the span its dates are checked against, its dias letivos
and horas against LDB art. 24 I (200 dias, 800 horas), and the checks of its dates.

The span (:func:`periodo_letivo`), written once here for every check of the core:

- the ano letivo's own ``data_inicio`` and ``data_fim`` when typed;
- else, for each end on its own, the períodos' dates (the first início, the last fim);
- else the calendar year: 1 January and 31 December of the ano.

Older files have no dates at all, so their checks use the calendar year.

The dias letivos (:func:`dias_letivos`) are the weekdays, Monday to Friday, from início to
fim, less the dias não letivos (feriados, recessos, others) that fall on a weekday.
Saturdays and Sundays never count: a sábado letivo is not counted (a later change may add
it as a tipo of its own). They are counted only when the ano letivo has a span of its own
(its dates or its períodos'): the calendar year is a fallback for the checks, not a
calendar. The horas are the dias letivos times the school day (``minutos_por_dia``), in
whole hours rounded down, so that 799,5 horas never show as 800; without the school day
they cannot be counted.

Pure functions over plain values (and :func:`periodo_do_ano` over the ORM row); mistakes
come back as field → message dicts or :class:`~escola_gui.core.errors.ValidationError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from escola_gui.core.errors import QT_TRANSLATE_NOOP, ValidationError
from escola_gui.core.models import TIPOS_DIA_NAO_LETIVO, AnoLetivo

#: LDB art. 24 I: at least 200 dias de efetivo trabalho escolar and 800 horas a year.
DIAS_LETIVOS_MINIMOS = 200
HORAS_MINIMAS = 800
DESCRICAO_MAX = 100

INICIO_SEM_FIM = QT_TRANSLATE_NOOP("validation", "Informe também o fim do ano letivo.")
FIM_SEM_INICIO = QT_TRANSLATE_NOOP("validation", "Informe também o início do ano letivo.")
INICIO_FORA_DO_ANO = QT_TRANSLATE_NOOP("validation", "O início do ano letivo de {ano} deve ser uma data de {ano}.")
FIM_ANTES_DO_INICIO = QT_TRANSLATE_NOOP(
    "validation", "O fim do ano letivo ({fim}) não pode ser anterior ao início ({inicio})."
)
FIM_MUITO_TARDE = QT_TRANSLATE_NOOP(
    "validation", "O fim do ano letivo de {ano} pode ir no máximo até {limite}; confira o ano digitado."
)
MINUTOS_INVALIDOS = QT_TRANSLATE_NOOP("validation", "A duração do dia letivo deve ficar entre 1 minuto e 24 horas.")
PERIODO_INVERTIDO = QT_TRANSLATE_NOOP("validation", "O {periodo} termina ({fim}) antes de começar ({inicio}).")
PERIODO_FORA_DO_ANO = QT_TRANSLATE_NOOP(
    "validation", "O {periodo} ({inicio} a {fim}) fica fora do ano letivo ({ano_inicio} a {ano_fim})."
)
PERIODOS_SOBREPOSTOS = QT_TRANSLATE_NOOP(
    "validation", "O {periodo} começa ({inicio}) antes do fim do {anterior} ({fim})."
)
DIA_DESCRICAO_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a descrição do dia não letivo {data}.")
DIA_DESCRICAO_LONGA = QT_TRANSLATE_NOOP(
    "validation", "A descrição do dia não letivo {data} deve ter no máximo 100 caracteres."
)
DIA_TIPO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Escolha feriado, recesso ou outro para o dia {data}.")
DIA_REPETIDO = QT_TRANSLATE_NOOP("validation", "O dia {data} aparece mais de uma vez nos dias não letivos.")
DIA_FORA_DO_ANO = QT_TRANSLATE_NOOP(
    "validation", "O dia não letivo {data} está fora do ano letivo de {ano} ({inicio} a {fim})."
)
DATA_FORA_DO_ANO = {
    "data_entrada": QT_TRANSLATE_NOOP(
        "validation", "A data de entrada {data} está fora do ano letivo de {ano} ({inicio} a {fim})."
    ),
    "data_saida": QT_TRANSLATE_NOOP(
        "validation", "A data de saída {data} está fora do ano letivo de {ano} ({inicio} a {fim})."
    ),
    "data_mudanca": QT_TRANSLATE_NOOP(
        "validation", "A data da mudança {data} está fora do ano letivo de {ano} ({inicio} a {fim})."
    ),
    "data_dispensa": QT_TRANSLATE_NOOP(
        "validation", "A data da dispensa {data} está fora do ano letivo de {ano} ({inicio} a {fim})."
    ),
}
AVISO_DIAS = QT_TRANSLATE_NOOP(
    "validation", "O calendário de {ano} tem {dias} dias letivos; a LDB exige pelo menos {minimo}."
)
AVISO_HORAS = QT_TRANSLATE_NOOP(
    "validation", "O calendário de {ano} tem {horas} horas letivas; a LDB exige pelo menos {minimo}."
)
TIPO_DIA_LABELS = {
    "feriado": QT_TRANSLATE_NOOP("validation", "Feriado"),
    "recesso": QT_TRANSLATE_NOOP("validation", "Recesso"),
    "outro": QT_TRANSLATE_NOOP("validation", "Outro"),
}


def format_data(value: date) -> str:
    """dd/mm/aaaa, as the messages of this module write a date."""
    return value.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class DiaNaoLetivoData:
    data: date
    descricao: str
    tipo: str = "feriado"


@dataclass(frozen=True)
class PeriodoLetivo:
    """The span an ano letivo's dates are checked against (see the module's docstring).

    ``proprio`` says it comes from the ano letivo's dates or its períodos' (at both ends),
    not from the calendar year: only then are dias letivos counted.
    """

    ano: int
    inicio: date
    fim: date
    proprio: bool

    def contem(self, value: date) -> bool:
        return self.inicio <= value <= self.fim

    def check(self, field: str, value: date) -> None:
        """Raise the secretary's reason when ``value`` (the date of ``field``: data_entrada,
        data_saida, data_mudanca) is outside the span."""
        if not self.contem(value):
            raise ValidationError(field, self.fora(field, value))

    def fora(self, field: str, value: date) -> str:
        return DATA_FORA_DO_ANO[field].format(
            data=format_data(value), ano=self.ano, inicio=format_data(self.inicio), fim=format_data(self.fim)
        )


def periodo_letivo(
    ano: int,
    data_inicio: date | None,
    data_fim: date | None,
    periodos: Iterable[tuple[date | None, date | None]] = (),
) -> PeriodoLetivo:
    """The span of the ano letivo ``ano``: its own dates, else its períodos', else the
    calendar year, each end on its own."""
    periodos = list(periodos)
    inicios = [i for i, _f in periodos if i is not None]
    fins = [f for _i, f in periodos if f is not None]
    inicio = data_inicio or (min(inicios) if inicios else None)
    fim = data_fim or (max(fins) if fins else None)
    proprio = inicio is not None and fim is not None
    return PeriodoLetivo(ano, inicio or date(ano, 1, 1), fim or date(ano, 12, 31), proprio)


def periodo_do_ano(ano: AnoLetivo) -> PeriodoLetivo:
    """:func:`periodo_letivo` of a stored ano letivo."""
    return periodo_letivo(ano.ano, ano.data_inicio, ano.data_fim, ((p.data_inicio, p.data_fim) for p in ano.periodos))


def dias_letivos(inicio: date, fim: date, nao_letivos: Iterable[date] = ()) -> int:
    """The weekdays (Monday to Friday) from ``inicio`` to ``fim``, both included, less the
    dias não letivos among them."""
    if fim < inicio:
        return 0
    total = fim.toordinal() - inicio.toordinal() + 1
    semanas, resto = divmod(total, 7)
    uteis = semanas * 5 + sum(1 for k in range(resto) if (inicio + timedelta(days=k)).weekday() < 5)
    fora = {d for d in nao_letivos if inicio <= d <= fim and d.weekday() < 5}
    return uteis - len(fora)


@dataclass(frozen=True)
class Contagem:
    """The dias letivos and horas of a calendar against LDB art. 24 I.

    ``dias`` is ``None`` when the ano letivo has no span of its own; ``horas`` when the
    school day's length is not known either. ``avisos`` holds the warnings (short of 200 dias
    or 800 horas), each a sentence for the secretary.
    """

    ano: int
    dias: int | None
    horas: int | None
    avisos: tuple[str, ...]

    @property
    def curto(self) -> bool:
        return bool(self.avisos)


def contagem(
    ano: int,
    data_inicio: date | None,
    data_fim: date | None,
    minutos_por_dia: int | None,
    nao_letivos: Iterable[date] = (),
    periodos: Iterable[tuple[date | None, date | None]] = (),
) -> Contagem:
    """Count the dias letivos and horas of an ano letivo's calendar (see the module's docstring)."""
    span = periodo_letivo(ano, data_inicio, data_fim, periodos)
    if not span.proprio:
        return Contagem(ano, None, None, ())
    dias = dias_letivos(span.inicio, span.fim, nao_letivos)
    horas = dias * minutos_por_dia // 60 if minutos_por_dia else None
    avisos = []
    if dias < DIAS_LETIVOS_MINIMOS:
        avisos.append(AVISO_DIAS.format(ano=ano, dias=dias, minimo=DIAS_LETIVOS_MINIMOS))
    if horas is not None and horas < HORAS_MINIMAS:
        avisos.append(AVISO_HORAS.format(ano=ano, horas=horas, minimo=HORAS_MINIMAS))
    return Contagem(ano, dias, horas, tuple(avisos))


def validate_calendario(
    ano: int,
    data_inicio: date | None,
    data_fim: date | None,
    minutos_por_dia: int | None,
    dias: Sequence[DiaNaoLetivoData] = (),
    periodos: Sequence[tuple[str, date | None, date | None]] = (),
) -> dict[str, str]:
    """The mistakes of a calendar, field → message: the ano letivo's dates (both or none;
    início in the year; fim not before início nor after 30 June of the next year), the
    school day, the períodos (named, with their dates: each inside the year, in order, none
    overlapping the one before) and the dias não letivos (``dias_nao_letivos``)."""
    errors: dict[str, str] = {}
    if data_inicio is not None and data_fim is None:
        errors["data_fim"] = INICIO_SEM_FIM
    elif data_fim is not None and data_inicio is None:
        errors["data_inicio"] = FIM_SEM_INICIO
    if data_inicio is not None and data_inicio.year != ano:
        errors["data_inicio"] = INICIO_FORA_DO_ANO.format(ano=ano)
    if data_inicio is not None and data_fim is not None and "data_fim" not in errors:
        limite = date(ano + 1, 6, 30)
        if data_fim < data_inicio:
            errors["data_fim"] = FIM_ANTES_DO_INICIO.format(fim=format_data(data_fim), inicio=format_data(data_inicio))
        elif data_fim > limite:
            errors["data_fim"] = FIM_MUITO_TARDE.format(ano=ano, limite=format_data(limite))
    if minutos_por_dia is not None and (isinstance(minutos_por_dia, bool) or not 1 <= minutos_por_dia <= 1440):
        errors["minutos_por_dia"] = MINUTOS_INVALIDOS
    if errors:
        return errors

    span = periodo_letivo(ano, data_inicio, data_fim)
    anterior: tuple[str, date] | None = None
    for nome, inicio, fim in periodos:
        if inicio is None or fim is None:
            continue
        if fim < inicio:
            message = PERIODO_INVERTIDO.format(periodo=nome, inicio=format_data(inicio), fim=format_data(fim))
        elif not (span.contem(inicio) and span.contem(fim)):
            message = PERIODO_FORA_DO_ANO.format(
                periodo=nome,
                inicio=format_data(inicio),
                fim=format_data(fim),
                ano_inicio=format_data(span.inicio),
                ano_fim=format_data(span.fim),
            )
        elif anterior is not None and inicio <= anterior[1]:
            message = PERIODOS_SOBREPOSTOS.format(
                periodo=nome, inicio=format_data(inicio), anterior=anterior[0], fim=format_data(anterior[1])
            )
        else:
            anterior = (nome, fim)
            continue
        errors["data_inicio" if span.inicio > inicio else "data_fim" if span.fim < fim else "periodos"] = message
        return errors

    vistos: set[date] = set()
    for dia in dias:
        data = format_data(dia.data)
        descricao = " ".join((dia.descricao or "").split())
        if dia.data in vistos:
            message = DIA_REPETIDO.format(data=data)
        elif not span.contem(dia.data):
            message = DIA_FORA_DO_ANO.format(
                data=data, ano=ano, inicio=format_data(span.inicio), fim=format_data(span.fim)
            )
        elif not descricao:
            message = DIA_DESCRICAO_OBRIGATORIA.format(data=data)
        elif len(descricao) > DESCRICAO_MAX:
            message = DIA_DESCRICAO_LONGA.format(data=data)
        elif dia.tipo not in TIPOS_DIA_NAO_LETIVO:
            message = DIA_TIPO_INVALIDO.format(data=data)
        else:
            vistos.add(dia.data)
            continue
        errors["dias_nao_letivos"] = message
        break
    return errors


def normalize_dias(dias: Iterable[DiaNaoLetivoData]) -> tuple[DiaNaoLetivoData, ...]:
    """The dias não letivos with their descrição trimmed, by date."""
    return tuple(
        sorted(
            (DiaNaoLetivoData(d.data, " ".join((d.descricao or "").split()), d.tipo) for d in dias),
            key=lambda d: d.data,
        )
    )
