"""Qt-free services for the school year: escola, anos letivos, disciplinas, turmas,
enturmações, and the diário (notas and frequência) with the results they give.

Like :mod:`escola_gui.core.services`, each method opens one short ``Session`` and returns
plain frozen dataclasses; mistakes the user can fix come back as
:class:`~escola_gui.core.validation.ValidationError`. The rules themselves (média,
recuperação, frequência, situação) live in :mod:`escola_gui.core.avaliacao`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, and_, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from escola_gui.core import auditoria
from escola_gui.core import avaliacao as av
from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.errors import QT_TRANSLATE_NOOP, RecordNotFoundError, ValidationError
from escola_gui.core.models import (
    FORMULAS_MEDIA,
    PERIODOS_POR_TIPO,
    REGRAS_RECUPERACAO,
    SITUACOES,
    TIPOS_PERIODO,
    TURNOS,
    Aluno,
    AnoLetivo,
    Disciplina,
    Enturmacao,
    Escola,
    Frequencia,
    HistoricoExterno,
    HistoricoExternoDisciplina,
    HistoricoSituacao,
    Nota,
    Periodo,
    RecuperacaoFinal,
    Turma,
    TurmaDisciplina,
)
from escola_gui.core.services import _first_error, _name_matches, _optional_text
from escola_gui.core.text import normalize_text

ESCOLA_NOME_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o nome da escola.")
ESCOLA_NOME_LONGO = QT_TRANSLATE_NOOP("validation", "O nome da escola deve ter no máximo 150 caracteres.")
UF_INVALIDA = QT_TRANSLATE_NOOP("validation", "A UF deve ter duas letras, como SP.")
ANO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Informe o ano com quatro dígitos, entre 1900 e 2200.")
ANO_EM_USO = QT_TRANSLATE_NOOP("validation", "Este ano letivo já está cadastrado.")
TIPO_PERIODO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Escolha bimestres, trimestres ou semestres.")
FORMULA_INVALIDA = QT_TRANSLATE_NOOP("validation", "Escolha a fórmula da média na lista.")
RECUPERACAO_INVALIDA = QT_TRANSLATE_NOOP("validation", "Escolha a regra de recuperação na lista.")
PERIODOS_COM_LANCAMENTOS = QT_TRANSLATE_NOOP(
    "validation",
    "Os períodos não podem mudar: este ano letivo já tem notas ou frequência lançadas.",
)
ANO_COM_TURMAS = QT_TRANSLATE_NOOP("validation", "Este ano letivo tem turmas; exclua-as antes de excluir o ano.")
DISCIPLINA_NOME_EM_USO = QT_TRANSLATE_NOOP("validation", "Já existe uma disciplina com este nome.")
DISCIPLINA_ABREVIATURA_LONGA = QT_TRANSLATE_NOOP("validation", "A abreviatura deve ter no máximo 10 caracteres.")
DISCIPLINA_EM_USO = QT_TRANSLATE_NOOP(
    "validation", "Esta disciplina é usada por turmas; retire-a das turmas antes de excluí-la."
)
DISCIPLINA_COM_LANCAMENTOS = QT_TRANSLATE_NOOP(
    "validation",
    "Esta disciplina tem notas ou frequência lançadas em turmas de que já foi retirada; "
    "elas ficam guardadas, e por isso a disciplina não pode ser excluída.",
)
TURMA_OUTRO_ANO = QT_TRANSLATE_NOOP("validation", "A turma já tem alunos; o ano letivo dela não pode mais mudar.")
JA_EM_OUTRA_TURMA = QT_TRANSLATE_NOOP(
    "validation", "{nome} já está em outra turma neste ano letivo; não pode voltar a esta."
)
TURMA_NOME_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o nome da turma, como 6º ano A.")
TURMA_NOME_LONGO = QT_TRANSLATE_NOOP("validation", "O nome da turma deve ter no máximo 50 caracteres.")
TURMA_NOME_EM_USO = QT_TRANSLATE_NOOP("validation", "Já existe uma turma com este nome neste ano letivo.")
SERIE_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a série/ano, como 6º ano.")
SERIE_LONGA = QT_TRANSLATE_NOOP("validation", "A série deve ter no máximo 50 caracteres.")
SALA_LONGA = QT_TRANSLATE_NOOP("validation", "A sala deve ter no máximo 30 caracteres.")
TURNO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Escolha o turno na lista.")
ANO_LETIVO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Escolha o ano letivo.")
VAGAS_INVALIDAS = QT_TRANSLATE_NOOP("validation", "As vagas devem ser um número inteiro, sem valor negativo.")
CARGA_HORARIA_INVALIDA = QT_TRANSLATE_NOOP("validation", "A carga horária deve ser um número inteiro positivo.")
DATA_ENTRADA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a data de entrada na turma.")
JA_ENTURMADO = QT_TRANSLATE_NOOP("validation", "Já está em uma turma neste ano letivo: {nomes}.")
SEM_VAGAS = QT_TRANSLATE_NOOP("validation", "A turma tem {vagas} vagas e ficaria com {total} alunos.")
MESMA_TURMA = QT_TRANSLATE_NOOP("validation", "Escolha uma turma diferente da atual.")
OUTRO_ANO = QT_TRANSLATE_NOOP("validation", "O remanejamento é para uma turma do mesmo ano letivo.")
ENTURMACAO_ENCERRADA = QT_TRANSLATE_NOOP("validation", "Este aluno já saiu da turma.")
DATA_SAIDA_ANTERIOR = QT_TRANSLATE_NOOP("validation", "A data de saída não pode ser anterior à de entrada.")
ANO_ENCERRADO = QT_TRANSLATE_NOOP(
    "validation", "O ano letivo {ano} está encerrado. Para alterar, reabra-o em Configurações."
)
DISCIPLINA_FORA_DA_TURMA = QT_TRANSLATE_NOOP("validation", "Esta disciplina não faz parte da turma.")
REMANEJAMENTO_SEM_VOLTA = QT_TRANSLATE_NOOP(
    "validation",
    "{nome} veio da turma {origem} por remanejamento e voltaria para ela, mas já está na turma {turma} "
    "neste ano letivo. Retire primeiro a matrícula na turma {turma}.",
)
# Years done in other schools (HistoricoExternoService).
ESCOLA_EXTERNA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe o nome da escola onde o ano foi cursado.")
MUNICIPIO_LONGO = QT_TRANSLATE_NOOP("validation", "O município deve ter no máximo 100 caracteres.")
SITUACAO_INVALIDA = QT_TRANSLATE_NOOP("validation", "Escolha a situação na lista.")
FREQUENCIA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "A frequência deve ser uma porcentagem de 0 a 100, com no máximo uma casa decimal, como 92,5."
)
HISTORICO_EXTERNO_REPETIDO = QT_TRANSLATE_NOOP(
    "validation", "Este aluno já tem o {serie} de {ano} registrado; edite o registro que já existe."
)
DISCIPLINA_EXTERNA_SEM_NOME = QT_TRANSLATE_NOOP("validation", "Linha {linha}: informe o nome da disciplina.")
DISCIPLINA_EXTERNA_NOME_LONGO = QT_TRANSLATE_NOOP(
    "validation", "Linha {linha}: o nome da disciplina deve ter no máximo 100 caracteres."
)
DISCIPLINA_EXTERNA_REPETIDA = QT_TRANSLATE_NOOP("validation", "A disciplina {disciplina} aparece mais de uma vez.")
DISCIPLINA_EXTERNA_SEM_RESULTADO = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: informe a média (de 0 a 10) ou o conceito, como A ou Apto."
)
DISCIPLINA_EXTERNA_MEDIA_E_CONCEITO = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: informe a média ou o conceito, não os dois."
)
MEDIA_EXTERNA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: a média deve ser um número de 0 a 10, como 7,5."
)
MEDIA_EXTERNA_FORA_DA_FAIXA = QT_TRANSLATE_NOOP("validation", "{disciplina}: a média deve estar entre 0 e 10.")
MEDIA_EXTERNA_CASAS_DECIMAIS = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: a média deve ter no máximo uma casa decimal, como 7,5."
)
CONCEITO_LONGO = QT_TRANSLATE_NOOP("validation", "{disciplina}: o conceito deve ter no máximo 20 caracteres.")
CARGA_HORARIA_EXTERNA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: a carga horária deve ser um número inteiro positivo de horas."
)
#: The motivo kept in the history when deleting an enturmação reopens the one it came from.
MOTIVO_REMANEJAMENTO_DESFEITO = "Remanejamento desfeito"

#: Situações set by hand that end the aluno's time in the turma (data_saida is filled).
SITUACOES_DE_SAIDA = frozenset(
    {av.Situacao.TRANSFERIDO, av.Situacao.ABANDONO, av.Situacao.FALECIDO, av.Situacao.REMANEJADO}
)

_PERIODO_NOMES = {
    "bimestre": QT_TRANSLATE_NOOP("validation", "{n}º bimestre"),
    "trimestre": QT_TRANSLATE_NOOP("validation", "{n}º trimestre"),
    "semestre": QT_TRANSLATE_NOOP("validation", "{n}º semestre"),
}
TIPO_PERIODO_LABELS = {
    "bimestre": QT_TRANSLATE_NOOP("validation", "Bimestres (4)"),
    "trimestre": QT_TRANSLATE_NOOP("validation", "Trimestres (3)"),
    "semestre": QT_TRANSLATE_NOOP("validation", "Semestres (2)"),
}
TURNO_LABELS = {
    "matutino": QT_TRANSLATE_NOOP("validation", "Matutino"),
    "vespertino": QT_TRANSLATE_NOOP("validation", "Vespertino"),
    "noturno": QT_TRANSLATE_NOOP("validation", "Noturno"),
    "integral": QT_TRANSLATE_NOOP("validation", "Integral"),
}


def nome_do_periodo(tipo_periodo: str, numero: int, translate: object = None) -> str:
    """``("bimestre", 2)`` → ``"2º bimestre"`` (``translate`` maps the pattern, e.g. a ``tr``)."""
    pattern = _PERIODO_NOMES[tipo_periodo]
    if callable(translate):
        pattern = translate(pattern)
    return pattern.format(n=numero)


# --- plain data -------------------------------------------------------------------------


@dataclass(frozen=True)
class EscolaData:
    nome: str
    codigo_inep: str | None = None
    endereco: str | None = None
    municipio: str | None = None
    uf: str | None = None
    telefone: str | None = None


@dataclass(frozen=True)
class AnoLetivoData:
    """An ano letivo and its rule. ``pesos`` has one weight per período (weighted média)."""

    ano: int
    tipo_periodo: str = "bimestre"
    formula_media: str = "aritmetica"
    media_aprovacao: Decimal = Decimal("6.0")
    frequencia_minima: int = 75
    recuperacao: str | None = None
    pesos: tuple[int, ...] = ()
    encerrado: bool = False


@dataclass(frozen=True)
class AnoLetivoRow:
    id: int
    ano: int
    tipo_periodo: str
    encerrado: bool
    turmas: int


@dataclass(frozen=True)
class PeriodoRow:
    id: int
    numero: int
    nome: str
    peso: int


@dataclass(frozen=True)
class DisciplinaRow:
    id: int
    nome: str
    abreviatura: str | None
    turmas: int


@dataclass(frozen=True)
class TurmaData:
    ano_letivo_id: int | None
    nome: str
    serie: str
    turno: str
    sala: str | None = None
    vagas: int | None = None


@dataclass(frozen=True)
class TurmaRow:
    id: int
    ano_letivo_id: int
    ano: int
    nome: str
    serie: str
    turno: str
    sala: str | None
    vagas: int | None
    alunos: int
    """Alunos currently in the turma (enturmações without data de saída)."""


@dataclass(frozen=True)
class TurmaDisciplinaRow:
    disciplina_id: int
    nome: str
    carga_horaria: int | None


@dataclass(frozen=True)
class EnturmacaoRow:
    """A line of a turma's roster, or of an aluno's matrículas."""

    id: int
    aluno_id: int
    aluno_nome: str
    ra: str
    turma_id: int
    turma_nome: str
    ano: int
    serie: str
    data_entrada: date
    data_saida: date | None
    situacao: av.Situacao
    """The effective situação: the manual one when set, else the computed one."""
    manual: bool
    motivo: str | None

    @property
    def ativa(self) -> bool:
        return self.data_saida is None


@dataclass(frozen=True)
class HistoricoSituacaoRow:
    alterado_em: object
    situacao_anterior: av.Situacao | None
    situacao_nova: av.Situacao | None
    motivo: str


@dataclass(frozen=True)
class LinhaNotas:
    """One aluno's row in the grade grid of a turma × disciplina."""

    enturmacao_id: int
    aluno_nome: str
    ra: str
    ativa: bool
    notas: tuple[Decimal | None, ...]
    recuperacoes: tuple[Decimal | None, ...]
    recuperacao_final: Decimal | None


@dataclass(frozen=True)
class GradeNotas:
    turma_id: int
    disciplina_id: int
    periodos: tuple[PeriodoRow, ...]
    regra: av.RegraAvaliacao
    linhas: tuple[LinhaNotas, ...]


@dataclass(frozen=True)
class LinhaFrequencia:
    enturmacao_id: int
    aluno_nome: str
    ra: str
    ativa: bool
    aulas_dadas: int | None
    faltas: int | None


@dataclass(frozen=True)
class GradeFrequencia:
    turma_id: int
    disciplina_id: int
    periodo: PeriodoRow
    frequencia_minima: int
    linhas: tuple[LinhaFrequencia, ...]


@dataclass(frozen=True)
class LinhaBoletim:
    """A disciplina on the boletim: the período notas and faltas, and the year's result."""

    disciplina: str
    carga_horaria: int | None
    notas: tuple[Decimal | None, ...]
    recuperacoes: tuple[Decimal | None, ...]
    recuperacao_final: Decimal | None
    faltas: tuple[int | None, ...]
    aulas_dadas: int
    faltas_total: int
    resultado: av.ResultadoDisciplina


@dataclass(frozen=True)
class Boletim:
    """Everything one enturmação's boletim, histórico line or ata line shows."""

    enturmacao_id: int
    aluno_id: int
    aluno_nome: str
    ra: str
    data_nascimento: date | None
    turma_id: int
    turma_nome: str
    serie: str
    turno: str
    ano: int
    data_entrada: date
    data_saida: date | None
    periodos: tuple[str, ...]
    regra: av.RegraAvaliacao
    linhas: tuple[LinhaBoletim, ...]
    resultado: av.ResultadoAluno
    motivo_situacao: str | None = None

    @property
    def situacao(self) -> av.Situacao:
        return self.resultado.situacao.efetiva


@dataclass(frozen=True)
class Lancamento:
    """One cell typed or pasted into the grade grid. ``campo`` is ``"nota"``,
    ``"recuperacao"`` (both need ``periodo_id``) or ``"recuperacao_final"``."""

    enturmacao_id: int
    campo: str
    valor: Decimal | None
    periodo_id: int | None = None


@dataclass(frozen=True)
class LancamentoFrequencia:
    enturmacao_id: int
    aulas_dadas: int | None
    faltas: int | None


@dataclass(frozen=True)
class DependentesTurma:
    """What goes with a turma when it is deleted."""

    enturmacoes: int
    notas: int
    frequencias: int


@dataclass(frozen=True)
class DependentesEnturmacoes:
    """What goes with enturmações deleted as a mistake (:meth:`TurmaService.retirar`).

    ``notas`` counts the cells with a nota or a recuperação; ``historico`` the recorded
    changes of situação. ``voltam`` names, as (aluno, turma), the remanejamentos undone:
    the enturmação the aluno came from is reopened.
    """

    enturmacoes: int
    notas: int
    frequencias: int
    recuperacoes_finais: int
    historico: int
    voltam: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DisciplinaExternaData:
    """A disciplina of a year done in another school, as its documents give it.

    ``media`` (0–10, one decimal: ``"7,5"`` as typed, or a Decimal) or ``conceito`` ("A",
    "Apto"...): one of the two. ``carga_horaria`` in hours (``80``, ``"80"`` or ``"80 h"``).
    """

    disciplina: str
    media: Decimal | str | None = None
    conceito: str | None = None
    carga_horaria: int | str | None = None


@dataclass(frozen=True)
class HistoricoExternoData:
    """A year the aluno did in another school (i-Educar's histórico of other schools).

    ``situacao`` is a code of :data:`~escola_gui.core.models.SITUACOES`; ``frequencia`` a
    percentage (``"92,5"`` as typed, or a Decimal). What the service returns is normalized:
    Decimals, ints and ``None`` for what was left blank.
    """

    ano: int
    serie: str
    escola: str
    situacao: str
    municipio: str | None = None
    uf: str | None = None
    frequencia: Decimal | str | None = None
    carga_horaria_total: int | str | None = None
    observacoes: str | None = None
    disciplinas: tuple[DisciplinaExternaData, ...] = ()


@dataclass(frozen=True)
class HistoricoExternoRow:
    """A saved year of another school: its id, its aluno and its normalized data."""

    id: int
    aluno_id: int
    dados: HistoricoExternoData

    @property
    def situacao(self) -> av.Situacao:
        return av.Situacao(self.dados.situacao)


@dataclass
class _Carga:
    """The diário rows of some enturmações, loaded in a few queries."""

    notas: dict[tuple[int, int, int], tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    finais: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    frequencias: dict[tuple[int, int, int], tuple[int, int]] = field(default_factory=dict)


# --- helpers ----------------------------------------------------------------------------


def _situacao(value: str | None) -> av.Situacao | None:
    return None if value is None else av.Situacao(value)


def regra_do_ano(ano: AnoLetivo) -> av.RegraAvaliacao:
    """The :class:`~escola_gui.core.avaliacao.RegraAvaliacao` an ano letivo's columns describe."""
    periodos = sorted(ano.periodos, key=lambda p: p.numero)
    pesos = tuple(Decimal(p.peso) for p in periodos) if ano.formula_media == "ponderada" else ()
    return av.RegraAvaliacao(
        formula=av.FormulaMedia(ano.formula_media),
        quantidade_periodos=len(periodos) or PERIODOS_POR_TIPO[ano.tipo_periodo],
        pesos=pesos,
        media_aprovacao=ano.media_aprovacao,
        frequencia_minima=Decimal(ano.frequencia_minima),
        recuperacao=av.RegraRecuperacao(ano.recuperacao) if ano.recuperacao else None,
    )


def _periodo_rows(ano: AnoLetivo) -> tuple[PeriodoRow, ...]:
    return tuple(
        PeriodoRow(p.id, p.numero, nome_do_periodo(ano.tipo_periodo, p.numero), p.peso)
        for p in sorted(ano.periodos, key=lambda p: p.numero)
    )


def _check_aberto(ano: AnoLetivo) -> None:
    """A closed ano letivo keeps its notas, frequência and turmas as they were."""
    if ano.encerrado:
        raise ValidationError("ano_letivo", ANO_ENCERRADO.format(ano=ano.ano))


def _get(session: Session, model: type, record_id: int) -> object:
    record = session.get(model, record_id)
    if record is None:
        raise RecordNotFoundError(record_id)
    return record


def _desempenho(
    enturmacao_id: int,
    disciplina_id: int,
    periodos: Sequence[PeriodoRow],
    regra: av.RegraAvaliacao,
    carga: _Carga,
) -> tuple[av.DesempenhoDisciplina, tuple, tuple, Decimal | None, tuple]:
    notas: list[Decimal | None] = []
    recs: list[Decimal | None] = []
    faltas: list[int | None] = []
    aulas_total = faltas_total = 0
    for p in periodos:
        nota, rec = carga.notas.get((enturmacao_id, disciplina_id, p.id), (None, None))
        notas.append(nota)
        recs.append(rec)
        freq = carga.frequencias.get((enturmacao_id, disciplina_id, p.id))
        faltas.append(None if freq is None else freq[1])
        if freq is not None:
            aulas_total += freq[0]
            faltas_total += freq[1]
    final = carga.finais.get((enturmacao_id, disciplina_id))
    # Values kept from a rule the year no longer has are shown but not counted.
    if regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MENOR_NOTA:
        recuperacoes = tuple(r for r in recs if r is not None)
    elif regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MEDIA and final is not None:
        recuperacoes = (final,)
    else:
        recuperacoes = ()
    desempenho = av.DesempenhoDisciplina(
        notas_por_periodo={p.numero: n for p, n in zip(periodos, notas, strict=True)},
        aulas_dadas=aulas_total,
        faltas=faltas_total,
        recuperacoes=recuperacoes,
        periodos_com_frequencia=frozenset(p.numero for p, f in zip(periodos, faltas, strict=True) if f is not None),
        periodos_com_recuperacao=frozenset(p.numero for p, r in zip(periodos, recs, strict=True) if r is not None),
    )
    return desempenho, tuple(notas), tuple(recs), final, tuple(faltas)


# --- escola -----------------------------------------------------------------------------


class EscolaService:
    """The school's own data, printed in every report header (one row)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def normalize(data: EscolaData) -> EscolaData:
        uf = _optional_text(data.uf)
        return EscolaData(
            nome=" ".join((data.nome or "").split()),
            codigo_inep=doc.normalize_inep(data.codigo_inep),
            endereco=_optional_text(data.endereco),
            municipio=_optional_text(data.municipio),
            uf=uf.upper() if uf else None,
            telefone=_optional_text(data.telefone),
        )

    def validate(self, data: EscolaData) -> dict[str, str]:
        clean = self.normalize(data)
        errors: dict[str, str] = {}
        if not clean.nome:
            errors["nome"] = ESCOLA_NOME_OBRIGATORIO
        elif len(clean.nome) > 150:
            errors["nome"] = ESCOLA_NOME_LONGO
        if message := doc.validate_inep_escola(clean.codigo_inep):
            errors["codigo_inep"] = message
        if clean.uf is not None and not (len(clean.uf) == 2 and clean.uf.isalpha() and clean.uf.isascii()):
            errors["uf"] = UF_INVALIDA
        return errors

    def get(self) -> EscolaData | None:
        with Session(self._engine) as session:
            escola = session.scalars(select(Escola).order_by(Escola.id).limit(1)).first()
            if escola is None:
                return None
            return EscolaData(
                escola.nome, escola.codigo_inep, escola.endereco, escola.municipio, escola.uf, escola.telefone
            )

    def save(self, data: EscolaData) -> None:
        _first_error(self.validate(data))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            escola = session.scalars(select(Escola).order_by(Escola.id).limit(1)).first()
            if escola is None:
                escola = Escola()
                session.add(escola)
            for name in ("nome", "codigo_inep", "endereco", "municipio", "uf", "telefone"):
                setattr(escola, name, getattr(clean, name))


# --- anos letivos -----------------------------------------------------------------------


class AnoLetivoService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def validate(self, data: AnoLetivoData, ano_letivo_id: int | None = None) -> dict[str, str]:
        errors: dict[str, str] = {}
        if isinstance(data.ano, bool) or not isinstance(data.ano, int) or not 1900 <= data.ano <= 2200:
            errors["ano"] = ANO_INVALIDO
        if data.tipo_periodo not in TIPOS_PERIODO:
            errors["tipo_periodo"] = TIPO_PERIODO_INVALIDO
        if data.formula_media not in FORMULAS_MEDIA:
            errors["formula_media"] = FORMULA_INVALIDA
        if data.recuperacao is not None and data.recuperacao not in REGRAS_RECUPERACAO:
            errors["recuperacao"] = RECUPERACAO_INVALIDA
        if not errors:
            try:
                self._regra(data)
            except ValidationError as error:
                errors[error.field] = error.message
        if "ano" not in errors:
            with Session(self._engine) as session:
                other = session.scalar(select(AnoLetivo.id).where(AnoLetivo.ano == data.ano))
                if other is not None and other != ano_letivo_id:
                    errors["ano"] = ANO_EM_USO
                if ano_letivo_id is not None and "tipo_periodo" not in errors:
                    stored = session.get(AnoLetivo, ano_letivo_id)
                    if (
                        stored is not None
                        and stored.tipo_periodo != data.tipo_periodo
                        and self._has_entries(session, ano_letivo_id)
                    ):
                        errors["tipo_periodo"] = PERIODOS_COM_LANCAMENTOS
        return errors

    @staticmethod
    def _regra(data: AnoLetivoData) -> av.RegraAvaliacao:
        n = PERIODOS_POR_TIPO[data.tipo_periodo]
        return av.RegraAvaliacao(
            formula=av.FormulaMedia(data.formula_media),
            quantidade_periodos=n,
            pesos=tuple(data.pesos) if data.formula_media == "ponderada" else (),
            media_aprovacao=data.media_aprovacao,
            frequencia_minima=data.frequencia_minima,
            recuperacao=av.RegraRecuperacao(data.recuperacao) if data.recuperacao else None,
        )

    @staticmethod
    def _has_entries(session: Session, ano_letivo_id: int) -> bool:
        periodos = select(Periodo.id).where(Periodo.ano_letivo_id == ano_letivo_id)
        return bool(
            session.scalar(select(func.count()).select_from(Nota).where(Nota.periodo_id.in_(periodos)))
            or session.scalar(select(func.count()).select_from(Frequencia).where(Frequencia.periodo_id.in_(periodos)))
        )

    def list(self) -> list[AnoLetivoRow]:
        turmas = (
            select(func.count(Turma.id))
            .where(Turma.ano_letivo_id == AnoLetivo.id)
            .correlate(AnoLetivo)
            .scalar_subquery()
        )
        with Session(self._engine) as session:
            rows = session.execute(
                select(AnoLetivo.id, AnoLetivo.ano, AnoLetivo.tipo_periodo, AnoLetivo.encerrado, turmas).order_by(
                    AnoLetivo.ano.desc()
                )
            )
            return [AnoLetivoRow(id_, ano, tipo, bool(enc), n) for id_, ano, tipo, enc, n in rows]

    def get(self, ano_letivo_id: int) -> AnoLetivoData:
        with Session(self._engine) as session:
            ano: AnoLetivo = _get(session, AnoLetivo, ano_letivo_id)  # type: ignore[assignment]
            return AnoLetivoData(
                ano=ano.ano,
                tipo_periodo=ano.tipo_periodo,
                formula_media=ano.formula_media,
                media_aprovacao=ano.media_aprovacao,
                frequencia_minima=ano.frequencia_minima,
                recuperacao=ano.recuperacao,
                pesos=tuple(p.peso for p in ano.periodos),
                encerrado=bool(ano.encerrado),
            )

    def regra(self, ano_letivo_id: int) -> av.RegraAvaliacao:
        with Session(self._engine) as session:
            return regra_do_ano(_get(session, AnoLetivo, ano_letivo_id))  # type: ignore[arg-type]

    def periodos(self, ano_letivo_id: int) -> list[PeriodoRow]:
        with Session(self._engine) as session:
            return list(_periodo_rows(_get(session, AnoLetivo, ano_letivo_id)))  # type: ignore[arg-type]

    def create(self, data: AnoLetivoData) -> int:
        _first_error(self.validate(data))
        with Session(self._engine) as session, session.begin():
            ano = AnoLetivo(ano=data.ano)
            self._write(ano, data)
            session.add(ano)
            session.flush()
            return ano.id

    def update(self, ano_letivo_id: int, data: AnoLetivoData) -> None:
        _first_error(self.validate(data, ano_letivo_id))
        with Session(self._engine) as session, session.begin():
            ano: AnoLetivo = _get(session, AnoLetivo, ano_letivo_id)  # type: ignore[assignment]
            ano.ano = data.ano
            self._write(ano, data)

    @staticmethod
    def _write(ano: AnoLetivo, data: AnoLetivoData) -> None:
        ano.tipo_periodo = data.tipo_periodo
        ano.formula_media = data.formula_media
        ano.media_aprovacao = av.parse_nota(data.media_aprovacao)
        ano.frequencia_minima = data.frequencia_minima
        ano.recuperacao = data.recuperacao
        ano.encerrado = data.encerrado
        n = PERIODOS_POR_TIPO[data.tipo_periodo]
        pesos = tuple(data.pesos) if len(data.pesos) == n else (1,) * n
        by_numero = {p.numero: p for p in ano.periodos}
        for numero in range(1, n + 1):
            periodo = by_numero.pop(numero, None)
            if periodo is None:
                ano.periodos.append(Periodo(numero=numero, peso=int(pesos[numero - 1])))
            else:
                periodo.peso = int(pesos[numero - 1])
        for extra in by_numero.values():  # fewer períodos: validate made sure nothing hangs on them
            ano.periodos.remove(extra)

    def delete(self, ano_letivo_id: int) -> None:
        with Session(self._engine) as session, session.begin():
            ano: AnoLetivo = _get(session, AnoLetivo, ano_letivo_id)  # type: ignore[assignment]
            if session.scalar(select(func.count(Turma.id)).where(Turma.ano_letivo_id == ano_letivo_id)):
                raise ValidationError("ano", ANO_COM_TURMAS)
            session.delete(ano)


# --- disciplinas ------------------------------------------------------------------------


class DisciplinaService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def validate(self, nome: str, abreviatura: str | None, disciplina_id: int | None = None) -> dict[str, str]:
        errors: dict[str, str] = {}
        clean = v.normalize_nome(nome)
        if message := v.validate_nome(clean):
            errors["nome"] = message
        else:
            with Session(self._engine) as session:
                other = session.scalar(
                    select(Disciplina.id).where(func.escola_normaliza(Disciplina.nome) == func.escola_normaliza(clean))
                )
                if other is not None and other != disciplina_id:
                    errors["nome"] = DISCIPLINA_NOME_EM_USO
        if (_optional_text(abreviatura) or "").__len__() > 10:
            errors["abreviatura"] = DISCIPLINA_ABREVIATURA_LONGA
        return errors

    def list(self) -> list[DisciplinaRow]:
        turmas = (
            select(func.count(TurmaDisciplina.id))
            .where(TurmaDisciplina.disciplina_id == Disciplina.id)
            .correlate(Disciplina)
            .scalar_subquery()
        )
        with Session(self._engine) as session:
            rows = session.execute(select(Disciplina.id, Disciplina.nome, Disciplina.abreviatura, turmas))
            result = [DisciplinaRow(*row) for row in rows]
        return sorted(result, key=lambda r: v.normalize_nome(r.nome).casefold())

    def create(self, nome: str, abreviatura: str | None = None) -> int:
        _first_error(self.validate(nome, abreviatura))
        with Session(self._engine) as session, session.begin():
            disciplina = Disciplina(nome=v.normalize_nome(nome), abreviatura=_optional_text(abreviatura))
            session.add(disciplina)
            session.flush()
            return disciplina.id

    def update(self, disciplina_id: int, nome: str, abreviatura: str | None = None) -> None:
        _first_error(self.validate(nome, abreviatura, disciplina_id))
        with Session(self._engine) as session, session.begin():
            disciplina: Disciplina = _get(session, Disciplina, disciplina_id)  # type: ignore[assignment]
            disciplina.nome = v.normalize_nome(nome)
            disciplina.abreviatura = _optional_text(abreviatura)

    def delete(self, disciplina_id: int) -> None:
        with Session(self._engine) as session, session.begin():
            disciplina = _get(session, Disciplina, disciplina_id)
            used = select(func.count(TurmaDisciplina.id)).where(TurmaDisciplina.disciplina_id == disciplina_id)
            if session.scalar(used):
                raise ValidationError("nome", DISCIPLINA_EM_USO)
            for model in (Nota, Frequencia, RecuperacaoFinal):
                if session.scalar(select(model.id).where(model.disciplina_id == disciplina_id).limit(1)):
                    raise ValidationError("nome", DISCIPLINA_COM_LANCAMENTOS)
            session.delete(disciplina)


# --- turmas and enturmações -------------------------------------------------------------


class TurmaService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def normalize(data: TurmaData) -> TurmaData:
        return TurmaData(
            ano_letivo_id=data.ano_letivo_id,
            nome=" ".join((data.nome or "").split()),
            serie=" ".join((data.serie or "").split()),
            turno=(data.turno or "").strip().lower(),
            sala=_optional_text(data.sala),
            vagas=data.vagas,
        )

    def validate(self, data: TurmaData, turma_id: int | None = None) -> dict[str, str]:
        clean = self.normalize(data)
        errors: dict[str, str] = {}
        if clean.ano_letivo_id is None:
            errors["ano_letivo_id"] = ANO_LETIVO_OBRIGATORIO
        if not clean.nome:
            errors["nome"] = TURMA_NOME_OBRIGATORIO
        elif len(clean.nome) > 50:
            errors["nome"] = TURMA_NOME_LONGO
        if not clean.serie:
            errors["serie"] = SERIE_OBRIGATORIA
        elif len(clean.serie) > 50:
            errors["serie"] = SERIE_LONGA
        if clean.turno not in TURNOS:
            errors["turno"] = TURNO_INVALIDO
        if clean.sala is not None and len(clean.sala) > 30:
            errors["sala"] = SALA_LONGA
        if clean.vagas is not None and (isinstance(clean.vagas, bool) or clean.vagas < 0):
            errors["vagas"] = VAGAS_INVALIDAS
        if "nome" not in errors and clean.ano_letivo_id is not None:
            with Session(self._engine) as session:
                other = session.scalar(
                    select(Turma.id).where(
                        Turma.ano_letivo_id == clean.ano_letivo_id,
                        func.escola_normaliza(Turma.nome) == func.escola_normaliza(clean.nome),
                    )
                )
                if other is not None and other != turma_id:
                    errors["nome"] = TURMA_NOME_EM_USO
        return errors

    def list(self, ano_letivo_id: int | None = None, search: str = "") -> list[TurmaRow]:
        alunos = (
            select(func.count(Enturmacao.id))
            .where(Enturmacao.turma_id == Turma.id, Enturmacao.data_saida.is_(None))
            .correlate(Turma)
            .scalar_subquery()
        )
        query = select(
            Turma.id,
            Turma.ano_letivo_id,
            AnoLetivo.ano,
            Turma.nome,
            Turma.serie,
            Turma.turno,
            Turma.sala,
            Turma.vagas,
            alunos,
        ).join(AnoLetivo)
        if ano_letivo_id is not None:
            query = query.where(Turma.ano_letivo_id == ano_letivo_id)
        if search.strip():
            query = query.where(_name_matches(Turma.nome, search) | _name_matches(Turma.serie, search))
        with Session(self._engine) as session:
            rows = [TurmaRow(*row) for row in session.execute(query.order_by(AnoLetivo.ano.desc(), Turma.nome))]
        return rows

    def get(self, turma_id: int) -> TurmaData:
        with Session(self._engine) as session:
            turma: Turma = _get(session, Turma, turma_id)  # type: ignore[assignment]
            return TurmaData(turma.ano_letivo_id, turma.nome, turma.serie, turma.turno, turma.sala, turma.vagas)

    def row(self, turma_id: int) -> TurmaRow:
        for row in self.list():
            if row.id == turma_id:
                return row
        raise RecordNotFoundError(turma_id)

    def create(self, data: TurmaData, disciplinas: Iterable[tuple[int, int | None]] = ()) -> int:
        _first_error(self.validate(data))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            turma = Turma(
                ano_letivo_id=clean.ano_letivo_id,
                nome=clean.nome,
                serie=clean.serie,
                turno=clean.turno,
                sala=clean.sala,
                vagas=clean.vagas,
            )
            session.add(turma)
            session.flush()
            self._write_disciplinas(session, turma.id, disciplinas)
            return turma.id

    def update(
        self, turma_id: int, data: TurmaData, disciplinas: Iterable[tuple[int, int | None]] | None = None
    ) -> None:
        """Saves the turma and, when given, its disciplinas, in one transaction."""
        _first_error(self.validate(data, turma_id))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            turma: Turma = _get(session, Turma, turma_id)  # type: ignore[assignment]
            if turma.ano_letivo_id != clean.ano_letivo_id and turma.enturmacoes:
                raise ValidationError("ano_letivo_id", TURMA_OUTRO_ANO)
            turma.ano_letivo_id = clean.ano_letivo_id  # type: ignore[assignment]
            for name in ("nome", "serie", "turno", "sala", "vagas"):
                setattr(turma, name, getattr(clean, name))
            if disciplinas is not None:
                session.execute(delete(TurmaDisciplina).where(TurmaDisciplina.turma_id == turma_id))
                self._write_disciplinas(session, turma_id, disciplinas)

    def dependentes(self, turma_id: int) -> DependentesTurma:
        enturmacoes = select(Enturmacao.id).where(Enturmacao.turma_id == turma_id)
        with Session(self._engine) as session:
            return DependentesTurma(
                enturmacoes=session.scalar(select(func.count()).select_from(enturmacoes.subquery())) or 0,
                notas=session.scalar(
                    select(func.count(Nota.id)).where(Nota.enturmacao_id.in_(enturmacoes), Nota.nota.is_not(None))
                )
                or 0,
                frequencias=session.scalar(
                    select(func.count(Frequencia.id)).where(Frequencia.enturmacao_id.in_(enturmacoes))
                )
                or 0,
            )

    def delete(self, turma_id: int) -> None:
        """Moves the turma to the Lixeira with its enturmações, notas and frequência (the GUI
        asks first); it can be restored from there."""
        from escola_gui.core import lixeira  # it imports services, which imports this module lazily

        with Session(self._engine) as session, session.begin():
            lixeira.mover_turma(session, turma_id)

    # disciplinas of a turma

    def disciplinas(self, turma_id: int) -> list[TurmaDisciplinaRow]:
        with Session(self._engine) as session:
            rows = session.execute(
                select(Disciplina.id, Disciplina.nome, TurmaDisciplina.carga_horaria)
                .join(TurmaDisciplina, TurmaDisciplina.disciplina_id == Disciplina.id)
                .where(TurmaDisciplina.turma_id == turma_id)
                .order_by(TurmaDisciplina.id)
            )
            return [TurmaDisciplinaRow(*row) for row in rows]

    def set_disciplinas(self, turma_id: int, disciplinas: Iterable[tuple[int, int | None]]) -> None:
        """The turma's disciplinas become exactly ``disciplinas`` ((id, carga horária) pairs).

        A disciplina taken out keeps its notas and frequência in the file; they show again
        if it is put back.
        """
        with Session(self._engine) as session, session.begin():
            _get(session, Turma, turma_id)
            session.execute(delete(TurmaDisciplina).where(TurmaDisciplina.turma_id == turma_id))
            self._write_disciplinas(session, turma_id, disciplinas)

    @staticmethod
    def _write_disciplinas(session: Session, turma_id: int, disciplinas: Iterable[tuple[int, int | None]]) -> None:
        seen: set[int] = set()
        for disciplina_id, carga in disciplinas:
            if disciplina_id in seen:
                continue
            seen.add(disciplina_id)
            if carga is not None and (isinstance(carga, bool) or carga <= 0):
                raise ValidationError("carga_horaria", CARGA_HORARIA_INVALIDA)
            session.add(TurmaDisciplina(turma_id=turma_id, disciplina_id=disciplina_id, carga_horaria=carga))

    # roster

    def roster(self, turma_id: int) -> list[EnturmacaoRow]:
        """The turma's alunos, those who left included (with their data de saída), by name."""
        rows = self._enturmacoes(Enturmacao.turma_id == turma_id)
        return sorted(rows, key=lambda r: (not r.ativa, v.normalize_nome(r.aluno_nome).casefold()))

    def enturmacoes_do_aluno(self, aluno_id: int) -> list[EnturmacaoRow]:
        """An aluno's matrículas in turmas, newest year first (the aluno form's Matrículas tab)."""
        rows = self._enturmacoes(Enturmacao.aluno_id == aluno_id)
        return sorted(rows, key=lambda r: (-r.ano, r.data_entrada, r.id))

    def enturmacao(self, enturmacao_id: int) -> EnturmacaoRow:
        rows = self._enturmacoes(Enturmacao.id == enturmacao_id)
        if not rows:
            raise RecordNotFoundError(enturmacao_id)
        return rows[0]

    def _enturmacoes(self, condition: object) -> list[EnturmacaoRow]:
        with Session(self._engine) as session:
            query = (
                select(Enturmacao, Aluno.nome, Aluno.ra, Turma.nome, Turma.serie, AnoLetivo.ano)
                .join(Aluno, Enturmacao.aluno_id == Aluno.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
                .where(condition)  # type: ignore[arg-type]
            )
            found = session.execute(query).all()
            computed = _situacoes_calculadas(session, [e.id for e, *_ in found if e.situacao_manual is None])
            return [
                EnturmacaoRow(
                    id=e.id,
                    aluno_id=e.aluno_id,
                    aluno_nome=nome,
                    ra=ra,
                    turma_id=e.turma_id,
                    turma_nome=turma,
                    ano=ano,
                    serie=serie,
                    data_entrada=e.data_entrada,
                    data_saida=e.data_saida,
                    situacao=_situacao(e.situacao_manual) or computed.get(e.id, av.Situacao.CURSANDO),
                    manual=e.situacao_manual is not None,
                    motivo=e.motivo_situacao,
                )
                for e, nome, ra, turma, serie, ano in found
            ]

    def candidatos(self, turma_id: int, search: str = "", limit: int = 500) -> list[tuple[int, str, str]]:
        """Active alunos not yet in a turma of this turma's ano letivo: (id, nome, RA)."""
        with Session(self._engine) as session:
            turma: Turma = _get(session, Turma, turma_id)  # type: ignore[assignment]
            ocupados = (
                select(Enturmacao.aluno_id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(Turma.ano_letivo_id == turma.ano_letivo_id, Enturmacao.data_saida.is_(None))
            )
            query = select(Aluno.id, Aluno.nome, Aluno.ra).where(Aluno.ativo, Aluno.id.not_in(ocupados))
            if search.strip():
                query = query.where(_name_matches(Aluno.nome, search) | (Aluno.ra == search.strip()))
            rows = [tuple(row) for row in session.execute(query.limit(limit))]
        return sorted(rows, key=lambda r: v.normalize_nome(r[1]).casefold())  # type: ignore[return-value]

    def enturmar(self, turma_id: int, aluno_ids: Sequence[int], data_entrada: date | None) -> list[int]:
        """Puts several alunos in the turma at once: all of them, or none with the reason."""
        if data_entrada is None:
            raise ValidationError("data_entrada", DATA_ENTRADA_OBRIGATORIA)
        ids = list(dict.fromkeys(aluno_ids))
        with Session(self._engine) as session, session.begin():
            turma: Turma = _get(session, Turma, turma_id)  # type: ignore[assignment]
            _check_aberto(turma.ano_letivo)
            ocupados = session.execute(
                select(Aluno.nome)
                .join(Enturmacao, Enturmacao.aluno_id == Aluno.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(
                    Turma.ano_letivo_id == turma.ano_letivo_id,
                    Enturmacao.data_saida.is_(None),
                    Aluno.id.in_(ids),
                )
            ).scalars()
            nomes = sorted(set(ocupados))
            if nomes:
                raise ValidationError("alunos", JA_ENTURMADO.format(nomes=", ".join(nomes)))
            if turma.vagas is not None:
                atuais = session.scalar(
                    select(func.count(Enturmacao.id)).where(
                        Enturmacao.turma_id == turma_id, Enturmacao.data_saida.is_(None)
                    )
                )
                if (atuais or 0) + len(ids) > turma.vagas:
                    raise ValidationError("alunos", SEM_VAGAS.format(vagas=turma.vagas, total=(atuais or 0) + len(ids)))
            new = [Enturmacao(aluno_id=aluno_id, turma_id=turma_id, data_entrada=data_entrada) for aluno_id in ids]
            session.add_all(new)
            session.flush()
            return [e.id for e in new]

    # enturmações made by mistake

    def dependentes_enturmacoes(self, enturmacao_ids: Sequence[int]) -> DependentesEnturmacoes:
        """What :meth:`retirar` would delete with these enturmações, and who goes back
        to the turma they were remanejados from (the GUI names it all before asking)."""
        ids = list(dict.fromkeys(enturmacao_ids))
        with Session(self._engine) as session:
            enturmacoes: list[Enturmacao] = [_get(session, Enturmacao, i) for i in ids]  # type: ignore[misc]

            def count(model: type[Nota | Frequencia | RecuperacaoFinal | HistoricoSituacao], *where: object) -> int:
                query = select(func.count(model.id)).where(model.enturmacao_id.in_(ids), *where)  # type: ignore[arg-type]
                return session.scalar(query) or 0

            return DependentesEnturmacoes(
                enturmacoes=len(enturmacoes),
                notas=count(Nota, Nota.nota.is_not(None) | Nota.recuperacao.is_not(None)),
                frequencias=count(Frequencia),
                recuperacoes_finais=count(RecuperacaoFinal),
                historico=count(HistoricoSituacao),
                voltam=tuple((o.aluno.nome, o.turma.nome) for o in self._a_reabrir(session, enturmacoes)),
            )

    def retirar(self, enturmacao_ids: Sequence[int]) -> None:
        """Deletes enturmações made by mistake, with their notas, recuperações, frequência
        and situação history, all or none (the GUI asks first: see
        :meth:`dependentes_enturmacoes`). For an aluno who really left, :meth:`mudar_situacao`
        is the way: it keeps the record.

        An enturmação that continues a remanejamento takes the remanejamento with it: the
        enturmação the aluno came from is reopened (no data de saída, the situação it had
        before) with "Remanejamento desfeito" in its history, so the aluno is back where
        they were.
        """
        with Session(self._engine) as session, session.begin():
            enturmacoes: list[Enturmacao] = [
                _get(session, Enturmacao, i)  # type: ignore[misc]
                for i in dict.fromkeys(enturmacao_ids)
            ]
            for e in enturmacoes:
                _check_aberto(e.turma.ano_letivo)
            reabrir = self._a_reabrir(session, enturmacoes)
            for e in enturmacoes:
                session.delete(e)  # the database deletes notas, frequência and history with it
            session.flush()
            for origem in reabrir:
                self._reabrir(session, origem)

    @staticmethod
    def _origens(session: Session, enturmacoes: Sequence[Enturmacao]) -> dict[int, Enturmacao]:
        """For each enturmação that continues a remanejamento, the one the aluno came from:
        of the same aluno and ano letivo, closed as Remanejado on the day this one starts,
        and with no other enturmação started that day between the two."""
        origens: dict[int, Enturmacao] = {}
        for e in enturmacoes:
            mesmo_aluno_e_ano = (Enturmacao.aluno_id == e.aluno_id, Turma.ano_letivo_id == e.turma.ano_letivo_id)
            origem = session.scalars(
                select(Enturmacao)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(
                    *mesmo_aluno_e_ano,
                    Enturmacao.id < e.id,  # remanejar creates the new enturmação after closing the old
                    Enturmacao.situacao_manual == av.Situacao.REMANEJADO.value,
                    Enturmacao.data_saida == e.data_entrada,
                )
                .order_by(Enturmacao.id.desc())
                .limit(1)
            ).first()
            if origem is None:
                continue
            outra = session.scalar(
                select(Enturmacao.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(
                    *mesmo_aluno_e_ano,
                    Enturmacao.id > origem.id,
                    Enturmacao.id < e.id,
                    Enturmacao.data_entrada == origem.data_saida,
                )
                .limit(1)
            )
            if outra is None:
                origens[e.id] = origem
        return origens

    @classmethod
    def _a_reabrir(cls, session: Session, enturmacoes: Sequence[Enturmacao]) -> list[Enturmacao]:
        """The enturmações to reopen when ``enturmacoes`` go: the origem of each, or the
        origem's own origem when that goes too."""
        origens = cls._origens(session, enturmacoes)
        saem = {e.id for e in enturmacoes}
        reabrir: dict[int, Enturmacao] = {}
        for e in enturmacoes:
            origem = origens.get(e.id)
            while origem is not None and origem.id in saem:
                origem = origens.get(origem.id)
            if origem is not None:
                reabrir[origem.id] = origem
        return list(reabrir.values())

    @staticmethod
    def _reabrir(session: Session, origem: Enturmacao) -> None:
        """Undoes the remanejamento that closed ``origem``: open again, with the situação
        the history says it had before (usually none set by hand)."""
        aberta = session.scalar(
            select(Turma.nome)
            .join(Enturmacao, Enturmacao.turma_id == Turma.id)
            .where(
                Enturmacao.aluno_id == origem.aluno_id,
                Turma.ano_letivo_id == origem.turma.ano_letivo_id,
                Enturmacao.id != origem.id,
                Enturmacao.data_saida.is_(None),
            )
            .limit(1)
        )
        if aberta is not None:
            raise ValidationError(
                "alunos",
                REMANEJAMENTO_SEM_VOLTA.format(nome=origem.aluno.nome, origem=origem.turma.nome, turma=aberta),
            )
        historico = select(HistoricoSituacao).where(HistoricoSituacao.enturmacao_id == origem.id)
        remanejamento = session.scalars(
            historico.where(HistoricoSituacao.situacao_nova == av.Situacao.REMANEJADO.value)
            .order_by(HistoricoSituacao.id.desc())
            .limit(1)
        ).first()
        anterior = remanejamento.situacao_anterior if remanejamento is not None else None
        motivo = None
        if anterior is not None and remanejamento is not None:
            definida = session.scalars(
                historico.where(HistoricoSituacao.situacao_nova == anterior, HistoricoSituacao.id < remanejamento.id)
                .order_by(HistoricoSituacao.id.desc())
                .limit(1)
            ).first()
            motivo = definida.motivo if definida is not None else MOTIVO_REMANEJAMENTO_DESFEITO
        session.add(
            HistoricoSituacao(
                enturmacao_id=origem.id,
                situacao_anterior=origem.situacao_manual,
                situacao_nova=anterior,
                motivo=MOTIVO_REMANEJAMENTO_DESFEITO,
            )
        )
        origem.situacao_manual = anterior
        origem.motivo_situacao = motivo
        origem.data_saida = None
        session.flush()

    def mudar_situacao(
        self,
        enturmacao_ids: Sequence[int],
        situacao: av.Situacao | None,
        motivo: str,
        data_saida: date | None = None,
    ) -> None:
        """Sets (or, with ``None``, clears) the manual situação of several enturmações at once.

        The motivo is required and every change is kept in ``historico_situacoes``. A
        situação that ends the aluno's time in the turma (transferido, abandono, falecido,
        remanejado) fills the data de saída (today unless given); going back to a situação
        that does not end it clears the data de saída.
        """
        manual = av.SituacaoManual(situacao or av.Situacao.CURSANDO, motivo)  # validates the motivo
        saida = data_saida or date.today()
        with Session(self._engine) as session, session.begin():
            for enturmacao_id in dict.fromkeys(enturmacao_ids):
                e: Enturmacao = _get(session, Enturmacao, enturmacao_id)  # type: ignore[assignment]
                anterior = e.situacao_manual
                nova = situacao.value if situacao is not None else None
                if anterior == nova:
                    continue
                e.situacao_manual = nova
                e.motivo_situacao = manual.motivo if nova is not None else None
                if situacao in SITUACOES_DE_SAIDA:
                    if e.data_saida is None:
                        if saida < e.data_entrada:
                            raise ValidationError("data_saida", DATA_SAIDA_ANTERIOR)
                        e.data_saida = saida
                elif e.data_saida is not None:
                    outra = session.scalar(
                        select(Enturmacao.id)
                        .join(Turma, Enturmacao.turma_id == Turma.id)
                        .where(
                            Enturmacao.aluno_id == e.aluno_id,
                            Enturmacao.id != e.id,
                            Enturmacao.data_saida.is_(None),
                            Turma.ano_letivo_id == e.turma.ano_letivo_id,
                        )
                        .limit(1)
                    )
                    if outra is not None:
                        raise ValidationError("situacao", JA_EM_OUTRA_TURMA.format(nome=e.aluno.nome))
                    e.data_saida = None
                session.add(
                    HistoricoSituacao(
                        enturmacao_id=e.id, situacao_anterior=anterior, situacao_nova=nova, motivo=manual.motivo
                    )
                )

    def historico_situacoes(self, enturmacao_id: int) -> list[HistoricoSituacaoRow]:
        with Session(self._engine) as session:
            rows = session.scalars(
                select(HistoricoSituacao)
                .where(HistoricoSituacao.enturmacao_id == enturmacao_id)
                .order_by(HistoricoSituacao.id)
            )
            return [
                HistoricoSituacaoRow(
                    h.alterado_em, _situacao(h.situacao_anterior), _situacao(h.situacao_nova), h.motivo
                )
                for h in rows
            ]

    def remanejar(self, enturmacao_id: int, nova_turma_id: int, data: date, motivo: str) -> int:
        """Moves an aluno to another turma of the same year; returns the new enturmação.

        The old enturmação is closed as Remanejado on ``data`` and kept; the notas and the
        frequência so far go with the aluno for the disciplinas both turmas have.
        """
        manual = av.SituacaoManual(av.Situacao.REMANEJADO, motivo)
        with Session(self._engine) as session, session.begin():
            old: Enturmacao = _get(session, Enturmacao, enturmacao_id)  # type: ignore[assignment]
            nova: Turma = _get(session, Turma, nova_turma_id)  # type: ignore[assignment]
            _check_aberto(nova.ano_letivo)
            if old.data_saida is not None:
                raise ValidationError("turma", ENTURMACAO_ENCERRADA)
            if nova.id == old.turma_id:
                raise ValidationError("turma", MESMA_TURMA)
            if nova.ano_letivo_id != old.turma.ano_letivo_id:
                raise ValidationError("turma", OUTRO_ANO)
            if data < old.data_entrada:
                raise ValidationError("data_saida", DATA_SAIDA_ANTERIOR)
            if nova.vagas is not None:
                atuais = session.scalar(
                    select(func.count(Enturmacao.id)).where(
                        Enturmacao.turma_id == nova.id, Enturmacao.data_saida.is_(None)
                    )
                )
                if (atuais or 0) + 1 > nova.vagas:
                    raise ValidationError("turma", SEM_VAGAS.format(vagas=nova.vagas, total=(atuais or 0) + 1))
            session.add(
                HistoricoSituacao(
                    enturmacao_id=old.id,
                    situacao_anterior=old.situacao_manual,
                    situacao_nova=av.Situacao.REMANEJADO.value,
                    motivo=manual.motivo,
                )
            )
            old.situacao_manual = av.Situacao.REMANEJADO.value
            old.motivo_situacao = manual.motivo
            old.data_saida = data
            new = Enturmacao(aluno_id=old.aluno_id, turma_id=nova.id, data_entrada=data)
            session.add(new)
            session.flush()
            comuns = select(TurmaDisciplina.disciplina_id).where(TurmaDisciplina.turma_id == nova.id)
            for model, columns in (
                (Nota, ("disciplina_id", "periodo_id", "nota", "recuperacao")),
                (Frequencia, ("disciplina_id", "periodo_id", "aulas_dadas", "faltas")),
                (RecuperacaoFinal, ("disciplina_id", "nota")),
            ):
                copied = select(literal(new.id), *(getattr(model, c) for c in columns)).where(
                    model.enturmacao_id == old.id, model.disciplina_id.in_(comuns)
                )
                session.execute(insert(model).from_select(["enturmacao_id", *columns], copied))
                auditoria.registrar(session, auditoria.inclusoes(session, model, model.enturmacao_id == new.id))
            return new.id


def _situacoes_calculadas(session: Session, enturmacao_ids: Sequence[int]) -> dict[int, av.Situacao]:
    """The computed situação of each enturmação (those without a manual one)."""
    if not enturmacao_ids:
        return {}
    return {b.enturmacao_id: b.situacao for b in _boletins(session, list(enturmacao_ids))}


# --- diário -----------------------------------------------------------------------------


def _carga(session: Session, enturmacao_ids: Sequence[int], disciplina_id: int | None = None) -> _Carga:
    carga = _Carga()
    ids = list(enturmacao_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conditions = [Nota.enturmacao_id.in_(chunk)]
        if disciplina_id is not None:
            conditions.append(Nota.disciplina_id == disciplina_id)
        for e, d, p, nota, rec in session.execute(
            select(Nota.enturmacao_id, Nota.disciplina_id, Nota.periodo_id, Nota.nota, Nota.recuperacao).where(
                and_(*conditions)
            )
        ):
            carga.notas[(e, d, p)] = (nota, rec)
        conditions = [RecuperacaoFinal.enturmacao_id.in_(chunk)]
        if disciplina_id is not None:
            conditions.append(RecuperacaoFinal.disciplina_id == disciplina_id)
        for e, d, nota in session.execute(
            select(RecuperacaoFinal.enturmacao_id, RecuperacaoFinal.disciplina_id, RecuperacaoFinal.nota).where(
                and_(*conditions)
            )
        ):
            carga.finais[(e, d)] = nota
        conditions = [Frequencia.enturmacao_id.in_(chunk)]
        if disciplina_id is not None:
            conditions.append(Frequencia.disciplina_id == disciplina_id)
        for e, d, p, aulas, faltas in session.execute(
            select(
                Frequencia.enturmacao_id,
                Frequencia.disciplina_id,
                Frequencia.periodo_id,
                Frequencia.aulas_dadas,
                Frequencia.faltas,
            ).where(and_(*conditions))
        ):
            carga.frequencias[(e, d, p)] = (aulas, faltas)
    return carga


def _boletins(session: Session, enturmacao_ids: Sequence[int]) -> list[Boletim]:
    """The boletim of each enturmação, in the order given, with a few queries in all."""
    if not enturmacao_ids:
        return []
    found = {
        e.id: (e, aluno, turma, ano)
        for e, aluno, turma, ano in session.execute(
            select(Enturmacao, Aluno, Turma, AnoLetivo)
            .join(Aluno, Enturmacao.aluno_id == Aluno.id)
            .join(Turma, Enturmacao.turma_id == Turma.id)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(Enturmacao.id.in_(list(enturmacao_ids)))
        )
    }
    carga = _carga(session, list(found))
    turma_ids = {turma.id for _e, _a, turma, _y in found.values()}
    disciplinas: dict[int, list[tuple[int, str, int | None]]] = defaultdict(list)
    for turma_id, disciplina_id, nome, carga_horaria in session.execute(
        select(TurmaDisciplina.turma_id, Disciplina.id, Disciplina.nome, TurmaDisciplina.carga_horaria)
        .join(Disciplina, TurmaDisciplina.disciplina_id == Disciplina.id)
        .where(TurmaDisciplina.turma_id.in_(turma_ids))
        .order_by(TurmaDisciplina.id)
    ):
        disciplinas[turma_id].append((disciplina_id, nome, carga_horaria))
    regras: dict[int, tuple[av.RegraAvaliacao, tuple[PeriodoRow, ...]]] = {}
    result = []
    for enturmacao_id in enturmacao_ids:
        if enturmacao_id not in found:
            raise RecordNotFoundError(enturmacao_id)
        e, aluno, turma, ano = found[enturmacao_id]
        if ano.id not in regras:
            regras[ano.id] = (regra_do_ano(ano), _periodo_rows(ano))
        regra, periodos = regras[ano.id]
        linhas = []
        desempenhos = []
        for disciplina_id, nome, carga_horaria in disciplinas[turma.id]:
            desempenho, notas, recs, final, faltas = _desempenho(e.id, disciplina_id, periodos, regra, carga)
            desempenhos.append(desempenho)
            linhas.append(
                LinhaBoletim(
                    disciplina=nome,
                    carga_horaria=carga_horaria,
                    notas=notas,
                    recuperacoes=recs,
                    recuperacao_final=final,
                    faltas=faltas,
                    aulas_dadas=desempenho.aulas_dadas,
                    faltas_total=desempenho.faltas,
                    resultado=av.situacao_final_disciplina(desempenho, regra, ano_encerrado=ano.encerrado),
                )
            )
        manual = (
            av.SituacaoManual(av.Situacao(e.situacao_manual), e.motivo_situacao or "—")
            if e.situacao_manual is not None
            else None
        )
        resultado = av.situacao_final_aluno(desempenhos, regra, manual, ano_encerrado=ano.encerrado)
        result.append(
            Boletim(
                enturmacao_id=e.id,
                aluno_id=aluno.id,
                aluno_nome=aluno.nome,
                ra=aluno.ra,
                data_nascimento=aluno.data_nascimento,
                turma_id=turma.id,
                turma_nome=turma.nome,
                serie=turma.serie,
                turno=turma.turno,
                ano=ano.ano,
                data_entrada=e.data_entrada,
                data_saida=e.data_saida,
                periodos=tuple(p.nome for p in periodos),
                regra=regra,
                linhas=tuple(linhas),
                resultado=resultado,
                motivo_situacao=e.motivo_situacao,
            )
        )
    return result


class DiarioService:
    """Notas and frequência of a turma, and the boletins they make."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _turma_context(self, session: Session, turma_id: int, disciplina_id: int) -> tuple[Turma, AnoLetivo]:
        turma: Turma = _get(session, Turma, turma_id)  # type: ignore[assignment]
        taught = session.scalar(
            select(TurmaDisciplina.id).where(
                TurmaDisciplina.turma_id == turma_id, TurmaDisciplina.disciplina_id == disciplina_id
            )
        )
        if taught is None:
            raise ValidationError("disciplina", DISCIPLINA_FORA_DA_TURMA)
        return turma, turma.ano_letivo

    @staticmethod
    def _alunos(session: Session, turma_id: int) -> list[tuple[int, str, str, bool]]:
        rows = session.execute(
            select(Enturmacao.id, Aluno.nome, Aluno.ra, Enturmacao.data_saida)
            .join(Aluno, Enturmacao.aluno_id == Aluno.id)
            .where(Enturmacao.turma_id == turma_id)
        ).all()
        ordered = sorted(rows, key=lambda r: (r[3] is not None, v.normalize_nome(r[1]).casefold()))
        return [(e, nome, ra, saida is None) for e, nome, ra, saida in ordered]

    def notas(self, turma_id: int, disciplina_id: int) -> GradeNotas:
        with Session(self._engine) as session:
            _turma, ano = self._turma_context(session, turma_id, disciplina_id)
            periodos = _periodo_rows(ano)
            alunos = self._alunos(session, turma_id)
            carga = _carga(session, [a[0] for a in alunos], disciplina_id)
            linhas = tuple(
                LinhaNotas(
                    enturmacao_id=e,
                    aluno_nome=nome,
                    ra=ra,
                    ativa=ativa,
                    notas=tuple(carga.notas.get((e, disciplina_id, p.id), (None, None))[0] for p in periodos),
                    recuperacoes=tuple(carga.notas.get((e, disciplina_id, p.id), (None, None))[1] for p in periodos),
                    recuperacao_final=carga.finais.get((e, disciplina_id)),
                )
                for e, nome, ra, ativa in alunos
            )
            return GradeNotas(turma_id, disciplina_id, periodos, regra_do_ano(ano), linhas)

    def lancar_notas(self, turma_id: int, disciplina_id: int, lancamentos: Sequence[Lancamento]) -> None:
        """Writes several cells at once (a paste), all or none; ``valor=None`` clears a cell."""
        with Session(self._engine) as session, session.begin(), auditoria.em_lote(session):
            _turma, ano = self._turma_context(session, turma_id, disciplina_id)
            _check_aberto(ano)
            periodo_ids = {p.id for p in ano.periodos}
            enturmacoes = set(session.scalars(select(Enturmacao.id).where(Enturmacao.turma_id == turma_id)))
            for item in lancamentos:
                if item.enturmacao_id not in enturmacoes:
                    raise RecordNotFoundError(item.enturmacao_id)
                valor = None if item.valor is None else av.parse_nota(item.valor)
                if item.campo == "recuperacao_final":
                    key = {"enturmacao_id": item.enturmacao_id, "disciplina_id": disciplina_id}
                    final = session.scalars(select(RecuperacaoFinal).filter_by(**key)).first()
                    if final is not None and valor is None:
                        session.delete(final)
                    elif final is not None:
                        final.nota = valor  # type: ignore[assignment]
                    elif valor is not None:
                        session.add(RecuperacaoFinal(**key, nota=valor))
                    session.flush()
                    continue
                if item.campo not in ("nota", "recuperacao") or item.periodo_id not in periodo_ids:
                    raise ValueError(f"bad lançamento {item!r}")
                key = {
                    "enturmacao_id": item.enturmacao_id,
                    "disciplina_id": disciplina_id,
                    "periodo_id": item.periodo_id,
                }
                nota = session.scalars(select(Nota).filter_by(**key)).first()
                if nota is None:
                    if valor is None:
                        continue
                    nota = Nota(**key)
                    session.add(nota)
                setattr(nota, item.campo, valor)
                if nota.nota is None and nota.recuperacao is None:
                    session.delete(nota)  # the cell cleared: the audit log keeps what it held
                session.flush()
            session.execute(delete(Nota).where(Nota.nota.is_(None), Nota.recuperacao.is_(None)))

    def frequencia(self, turma_id: int, disciplina_id: int, periodo_id: int) -> GradeFrequencia:
        with Session(self._engine) as session:
            _turma, ano = self._turma_context(session, turma_id, disciplina_id)
            periodo = next((p for p in _periodo_rows(ano) if p.id == periodo_id), None)
            if periodo is None:
                raise RecordNotFoundError(periodo_id)
            alunos = self._alunos(session, turma_id)
            stored = {
                e: (aulas, faltas)
                for e, aulas, faltas in session.execute(
                    select(Frequencia.enturmacao_id, Frequencia.aulas_dadas, Frequencia.faltas).where(
                        Frequencia.disciplina_id == disciplina_id,
                        Frequencia.periodo_id == periodo_id,
                        Frequencia.enturmacao_id.in_([a[0] for a in alunos]),
                    )
                )
            }
            linhas = tuple(
                LinhaFrequencia(e, nome, ra, ativa, *stored.get(e, (None, None))) for e, nome, ra, ativa in alunos
            )
            return GradeFrequencia(turma_id, disciplina_id, periodo, ano.frequencia_minima, linhas)

    def lancar_frequencia(
        self, turma_id: int, disciplina_id: int, periodo_id: int, lancamentos: Sequence[LancamentoFrequencia]
    ) -> None:
        """Writes aulas dadas and faltas for several alunos, all or none. Both ``None`` clears
        the row; faltas alone count as 0 aulas dadas refused (faltas > aulas)."""
        with Session(self._engine) as session, session.begin(), auditoria.em_lote(session):
            _turma, ano = self._turma_context(session, turma_id, disciplina_id)
            _check_aberto(ano)
            if periodo_id not in {p.id for p in ano.periodos}:
                raise RecordNotFoundError(periodo_id)
            enturmacoes = set(session.scalars(select(Enturmacao.id).where(Enturmacao.turma_id == turma_id)))
            for item in lancamentos:
                if item.enturmacao_id not in enturmacoes:
                    raise RecordNotFoundError(item.enturmacao_id)
                key = {"enturmacao_id": item.enturmacao_id, "disciplina_id": disciplina_id, "periodo_id": periodo_id}
                stored = session.scalars(select(Frequencia).filter_by(**key)).first()
                if item.aulas_dadas is None and item.faltas is None:
                    if stored is not None:
                        session.delete(stored)
                        session.flush()
                    continue
                aulas = item.aulas_dadas or 0
                faltas = item.faltas or 0
                av.percentual_frequencia(aulas, faltas)  # raises the Portuguese reason when impossible
                if stored is None:
                    session.add(Frequencia(**key, aulas_dadas=aulas, faltas=faltas))
                else:
                    stored.aulas_dadas = aulas
                    stored.faltas = faltas
                session.flush()

    def boletim(self, enturmacao_id: int) -> Boletim:
        with Session(self._engine) as session:
            return _boletins(session, [enturmacao_id])[0]

    def boletins_da_turma(self, turma_id: int, incluir_saidas: bool = False) -> list[Boletim]:
        """Every boletim of the turma, by aluno name (those who left only when asked)."""
        with Session(self._engine) as session:
            _get(session, Turma, turma_id)
            ids = [e for e, _n, _r, ativa in self._alunos(session, turma_id) if ativa or incluir_saidas]
            return _boletins(session, ids)

    def historico(self, aluno_id: int) -> list[Boletim]:
        """The aluno's years, oldest first: one boletim per enturmação that was not a move
        within the year (a remanejamento continues in the next enturmação)."""
        with Session(self._engine) as session:
            _get(session, Aluno, aluno_id)
            ids = session.scalars(
                select(Enturmacao.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
                .where(
                    Enturmacao.aluno_id == aluno_id,
                    (Enturmacao.situacao_manual.is_(None))
                    | (Enturmacao.situacao_manual != av.Situacao.REMANEJADO.value),
                )
                .order_by(AnoLetivo.ano, Enturmacao.data_entrada, Enturmacao.id)
            ).all()
            return _boletins(session, ids)


# --- years done in other schools --------------------------------------------------------

_NUMERO_RE = re.compile(r"[+-]?\d+(?:[.,]\d*)?|[+-]?[.,]\d+")
_HORAS_RE = re.compile(r"(\d+)\s*(?:h|hs|horas?)?\.?", re.IGNORECASE)
_NOTA_ERROS = {
    av.NOTA_FORA_DA_FAIXA: MEDIA_EXTERNA_FORA_DA_FAIXA,
    av.NOTA_CASAS_DECIMAIS: MEDIA_EXTERNA_CASAS_DECIMAIS,
}


def separar_media_conceito(texto: str | None) -> tuple[str | None, str | None]:
    """What was typed in one "média ou conceito" cell, as ``(media, conceito)``.

    A number (``"7,5"``, ``"11"``, ``"-1"``) is a média, to be checked by the service; any
    other text (``"A"``, ``"Apto"``) is a conceito; a blank cell is neither.
    """
    text = " ".join((texto or "").split())
    if not text:
        return None, None
    if _NUMERO_RE.fullmatch(text):
        return text, None
    return None, text


def parse_frequencia(value: Decimal | int | float | str | None) -> Decimal | None:
    """``"92,5"``, ``"92.5 %"``, ``92.5`` → ``Decimal("92.5")``; blank → ``None``.

    Raises:
        ValidationError: not a percentage from 0 to 100 with at most one decimal place.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError("frequencia", FREQUENCIA_INVALIDA)
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not re.fullmatch(r"\d+(?:[.,]\d+)?", text):
            raise ValidationError("frequencia", FREQUENCIA_INVALIDA)
        number = Decimal(text.replace(",", "."))
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        raise ValidationError("frequencia", FREQUENCIA_INVALIDA)
    if not number.is_finite() or not 0 <= number <= 100 or number.quantize(av.UMA_CASA) != number:
        raise ValidationError("frequencia", FREQUENCIA_INVALIDA)
    return number.quantize(av.UMA_CASA)


def _horas(value: int | str | None) -> int | None:
    """Hours as typed (``80``, ``"80"``, ``"80 h"``); blank → ``None``; ``ValueError`` otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        number = value
    else:
        match = _HORAS_RE.fullmatch(str(value).strip())
        if match is None:
            raise ValueError(value)
        number = int(match.group(1))
    if number <= 0:
        raise ValueError(value)
    return number


def _chave(text: str) -> str:
    """Case and accents folded: "Matemática" and "matematica" are the same disciplina."""
    return normalize_text(v.normalize_nome(text))


class HistoricoExternoService:
    """The years an aluno did in other schools, typed in from the documents brought on
    transfer; the histórico escolar prints them beside the years done here."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def _check(data: HistoricoExternoData) -> tuple[HistoricoExternoData, dict[str, str]]:
        """The normalized data and every problem by field (``"disciplinas"`` for the table:
        the first bad line)."""
        errors: dict[str, str] = {}
        ano = data.ano
        if isinstance(ano, bool) or not isinstance(ano, int) or not 1900 <= ano <= 2200:
            errors["ano"] = ANO_INVALIDO
        serie = v.normalize_nome(data.serie)
        if not serie:
            errors["serie"] = SERIE_OBRIGATORIA
        elif len(serie) > 50:
            errors["serie"] = SERIE_LONGA
        escola = v.normalize_nome(data.escola)
        if not escola:
            errors["escola"] = ESCOLA_EXTERNA_OBRIGATORIA
        elif len(escola) > 150:
            errors["escola"] = ESCOLA_NOME_LONGO
        municipio = v.normalize_nome(data.municipio) or None
        if municipio is not None and len(municipio) > 100:
            errors["municipio"] = MUNICIPIO_LONGO
        uf = (_optional_text(data.uf) or "").upper() or None
        if uf is not None and uf not in v.UFS:
            errors["uf"] = v.UF_INVALIDA
        if data.situacao not in SITUACOES:
            errors["situacao"] = SITUACAO_INVALIDA
        frequencia = None
        try:
            frequencia = parse_frequencia(data.frequencia)
        except ValidationError as error:
            errors["frequencia"] = error.message
        carga_total = None
        try:
            carga_total = _horas(data.carga_horaria_total)
        except ValueError:
            errors["carga_horaria_total"] = CARGA_HORARIA_INVALIDA

        disciplinas: list[DisciplinaExternaData] = []
        vistas: set[str] = set()
        for linha, item in enumerate(data.disciplinas, start=1):
            clean, message = HistoricoExternoService._check_disciplina(linha, item)
            if message is None and _chave(clean.disciplina) in vistas:
                message = DISCIPLINA_EXTERNA_REPETIDA.format(disciplina=clean.disciplina)
            if message is not None:
                errors.setdefault("disciplinas", message)
                continue
            vistas.add(_chave(clean.disciplina))
            disciplinas.append(clean)
        clean_data = HistoricoExternoData(
            ano=ano,
            serie=serie,
            escola=escola,
            situacao=data.situacao,
            municipio=municipio,
            uf=uf,
            frequencia=frequencia,
            carga_horaria_total=carga_total,
            observacoes=_optional_text(data.observacoes),
            disciplinas=tuple(disciplinas),
        )
        return clean_data, errors

    @staticmethod
    def _check_disciplina(linha: int, item: DisciplinaExternaData) -> tuple[DisciplinaExternaData, str | None]:
        nome = v.normalize_nome(item.disciplina)
        if not nome:
            return item, DISCIPLINA_EXTERNA_SEM_NOME.format(linha=linha)
        if len(nome) > 100:
            return item, DISCIPLINA_EXTERNA_NOME_LONGO.format(linha=linha)
        conceito = v.normalize_nome(item.conceito) or None
        texto_media = item.media.strip() if isinstance(item.media, str) else item.media
        media = None
        if texto_media not in (None, ""):
            try:
                media = av.parse_nota(texto_media)
            except ValidationError as error:
                return item, _NOTA_ERROS.get(error.message, MEDIA_EXTERNA_INVALIDA).format(disciplina=nome)
        if media is None and conceito is None:
            return item, DISCIPLINA_EXTERNA_SEM_RESULTADO.format(disciplina=nome)
        if media is not None and conceito is not None:
            return item, DISCIPLINA_EXTERNA_MEDIA_E_CONCEITO.format(disciplina=nome)
        if conceito is not None and len(conceito) > 20:
            return item, CONCEITO_LONGO.format(disciplina=nome)
        try:
            carga = _horas(item.carga_horaria)
        except ValueError:
            return item, CARGA_HORARIA_EXTERNA_INVALIDA.format(disciplina=nome)
        return DisciplinaExternaData(nome, media, conceito, carga), None

    @staticmethod
    def erro_da_disciplina(linha: int, item: DisciplinaExternaData) -> str | None:
        """What is wrong with one line of the disciplinas table (numbered from 1), or ``None``;
        the form uses it to point at the line that :meth:`validate` names."""
        return HistoricoExternoService._check_disciplina(linha, item)[1]

    def normalize(self, data: HistoricoExternoData) -> HistoricoExternoData:
        """The data as it is saved (trimmed text, Decimals, ints); valid lines only."""
        return self._check(data)[0]

    def validate(self, aluno_id: int, data: HistoricoExternoData, historico_id: int | None = None) -> dict[str, str]:
        """Every problem with ``data`` by field, including the same ano and série twice."""
        clean, errors = self._check(data)
        if "ano" not in errors and "serie" not in errors:
            with Session(self._engine) as session:
                other = session.scalar(
                    select(HistoricoExterno.id).where(
                        HistoricoExterno.aluno_id == aluno_id,
                        HistoricoExterno.ano == clean.ano,
                        func.escola_normaliza(HistoricoExterno.serie) == func.escola_normaliza(clean.serie),
                    )
                )
            if other is not None and other != historico_id:
                errors["serie"] = HISTORICO_EXTERNO_REPETIDO.format(serie=clean.serie, ano=clean.ano)
        return errors

    @staticmethod
    def _row(historico: HistoricoExterno) -> HistoricoExternoRow:
        dados = HistoricoExternoData(
            ano=historico.ano,
            serie=historico.serie,
            escola=historico.escola,
            situacao=historico.situacao,
            municipio=historico.municipio,
            uf=historico.uf,
            frequencia=historico.frequencia,
            carga_horaria_total=historico.carga_horaria_total,
            observacoes=historico.observacoes,
            disciplinas=tuple(
                DisciplinaExternaData(d.disciplina, d.media, d.conceito, d.carga_horaria) for d in historico.disciplinas
            ),
        )
        return HistoricoExternoRow(historico.id, historico.aluno_id, dados)

    def list_for_aluno(self, aluno_id: int) -> list[HistoricoExternoRow]:
        """The aluno's years in other schools, oldest first (empty for an unknown aluno)."""
        with Session(self._engine) as session:
            historicos = session.scalars(
                select(HistoricoExterno)
                .where(HistoricoExterno.aluno_id == aluno_id)
                .order_by(HistoricoExterno.ano, func.escola_normaliza(HistoricoExterno.serie), HistoricoExterno.id)
            ).all()
            return [self._row(h) for h in historicos]

    def get(self, historico_id: int) -> HistoricoExternoRow:
        with Session(self._engine) as session:
            return self._row(_get(session, HistoricoExterno, historico_id))  # type: ignore[arg-type]

    def create(self, aluno_id: int, data: HistoricoExternoData) -> int:
        _first_error(self.validate(aluno_id, data))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            _get(session, Aluno, aluno_id)
            historico = HistoricoExterno(aluno_id=aluno_id)
            self._write(historico, clean)
            session.add(historico)
            session.flush()
            return historico.id

    def update(self, historico_id: int, data: HistoricoExternoData) -> None:
        with Session(self._engine) as session:
            aluno_id = _get(session, HistoricoExterno, historico_id).aluno_id  # type: ignore[attr-defined]
        _first_error(self.validate(aluno_id, data, historico_id))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            historico: HistoricoExterno = _get(session, HistoricoExterno, historico_id)  # type: ignore[assignment]
            # The old lines go first: a line kept under the same name would break the UNIQUE.
            historico.disciplinas.clear()
            session.flush()
            self._write(historico, clean)

    @staticmethod
    def _write(historico: HistoricoExterno, clean: HistoricoExternoData) -> None:
        for name in ("ano", "serie", "escola", "situacao", "municipio", "uf", "frequencia", "observacoes"):
            setattr(historico, name, getattr(clean, name))
        historico.carga_horaria_total = clean.carga_horaria_total  # type: ignore[assignment]
        historico.disciplinas.extend(
            HistoricoExternoDisciplina(
                disciplina=d.disciplina, media=d.media, conceito=d.conceito, carga_horaria=d.carga_horaria
            )
            for d in clean.disciplinas
        )

    def delete(self, historico_id: int) -> None:
        """Delete the year and its disciplinas (the database cascades)."""
        with Session(self._engine) as session, session.begin():
            session.delete(_get(session, HistoricoExterno, historico_id))


__all__ = [
    "AnoLetivoData",
    "AnoLetivoRow",
    "AnoLetivoService",
    "Boletim",
    "DiarioService",
    "DisciplinaRow",
    "DisciplinaExternaData",
    "DisciplinaService",
    "EnturmacaoRow",
    "EscolaData",
    "EscolaService",
    "GradeFrequencia",
    "GradeNotas",
    "HistoricoExternoData",
    "HistoricoExternoRow",
    "HistoricoExternoService",
    "Lancamento",
    "LancamentoFrequencia",
    "LinhaBoletim",
    "PeriodoRow",
    "TurmaData",
    "TurmaDisciplinaRow",
    "TurmaRow",
    "TurmaService",
    "nome_do_periodo",
    "parse_frequencia",
    "regra_do_ano",
    "separar_media_conceito",
]
