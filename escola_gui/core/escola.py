"""The school and its catalog: the escola's own data, the anos letivos with their períodos
and evaluation rule, and the disciplinas.

Like every service of the core, each method opens one short ``Session`` and returns plain
frozen dataclasses, never ORM objects; mistakes the user can fix come back as
:class:`~escola_gui.core.errors.ValidationError`.
The rules themselves (média, recuperação, frequência, situação) live in
:mod:`escola_gui.core.avaliacao`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from escola_gui.core import avaliacao as av
from escola_gui.core import calendario as cal
from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.avaliacao import nome_do_periodo
from escola_gui.core.common import first_error, get_record, optional_text
from escola_gui.core.errors import QT_TRANSLATE_NOOP, ValidationError
from escola_gui.core.models import (
    FORMULAS_MEDIA,
    PERIODOS_POR_TIPO,
    REGRAS_RECUPERACAO,
    TIPOS_PERIODO,
    AnoLetivo,
    DiaNaoLetivo,
    Disciplina,
    Escola,
    Frequencia,
    Nota,
    Periodo,
    RecuperacaoFinal,
    Turma,
    TurmaDisciplina,
)

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
SERIE_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a série/ano, como 6º ano.")
SERIE_LONGA = QT_TRANSLATE_NOOP("validation", "A série deve ter no máximo 50 caracteres.")
CARGA_HORARIA_INVALIDA = QT_TRANSLATE_NOOP("validation", "A carga horária deve ser um número inteiro positivo.")
ANO_ENCERRADO = QT_TRANSLATE_NOOP(
    "validation", "O ano letivo {ano} está encerrado. Para alterar, reabra-o em Configurações."
)
TIPO_PERIODO_LABELS = {
    "bimestre": QT_TRANSLATE_NOOP("validation", "Bimestres (4)"),
    "trimestre": QT_TRANSLATE_NOOP("validation", "Trimestres (3)"),
    "semestre": QT_TRANSLATE_NOOP("validation", "Semestres (2)"),
}


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
    """An ano letivo, its rule and its calendar. ``pesos`` has one weight per período
    (weighted média); the calendar (``data_inicio``, ``data_fim``, ``minutos_por_dia``, the
    ``dias_nao_letivos``) is optional, see :mod:`escola_gui.core.calendario`. Like the rule,
    an update writes all of it: the dias não letivos become exactly those given."""

    ano: int
    tipo_periodo: str = "bimestre"
    formula_media: str = "aritmetica"
    media_aprovacao: Decimal = Decimal("6.0")
    frequencia_minima: int = 75
    recuperacao: str | None = None
    pesos: tuple[int, ...] = ()
    encerrado: bool = False
    data_inicio: date | None = None
    data_fim: date | None = None
    minutos_por_dia: int | None = None
    dias_nao_letivos: tuple[cal.DiaNaoLetivoData, ...] = ()


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


def periodo_rows(ano: AnoLetivo) -> tuple[PeriodoRow, ...]:
    return tuple(
        PeriodoRow(p.id, p.numero, nome_do_periodo(ano.tipo_periodo, p.numero), p.peso)
        for p in sorted(ano.periodos, key=lambda p: p.numero)
    )


def check_aberto(ano: AnoLetivo) -> None:
    """A closed ano letivo keeps its notas, frequência and turmas as they were."""
    if ano.encerrado:
        raise ValidationError("ano_letivo", ANO_ENCERRADO.format(ano=ano.ano))


# --- escola -----------------------------------------------------------------------------


class EscolaService:
    """The school's own data, printed in every report header (one row)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def normalize(data: EscolaData) -> EscolaData:
        uf = optional_text(data.uf)
        return EscolaData(
            nome=" ".join((data.nome or "").split()),
            codigo_inep=doc.normalize_inep(data.codigo_inep),
            endereco=optional_text(data.endereco),
            municipio=optional_text(data.municipio),
            uf=uf.upper() if uf else None,
            telefone=optional_text(data.telefone),
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
        first_error(self.validate(data))
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
                periodos: list[tuple[str, date | None, date | None]] = []
                stored_ano = session.get(AnoLetivo, ano_letivo_id) if ano_letivo_id is not None else None
                if stored_ano is not None and stored_ano.tipo_periodo == data.tipo_periodo:
                    periodos = [
                        (nome_do_periodo(data.tipo_periodo, p.numero), p.data_inicio, p.data_fim)
                        for p in stored_ano.periodos
                    ]
                calendario_errors = cal.validate_calendario(
                    data.ano,
                    data.data_inicio,
                    data.data_fim,
                    data.minutos_por_dia,
                    cal.normalize_dias(data.dias_nao_letivos),
                    periodos,
                )
                errors.update({k: m for k, m in calendario_errors.items() if k not in errors})
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
            ano: AnoLetivo = get_record(session, AnoLetivo, ano_letivo_id)  # type: ignore[assignment]
            return AnoLetivoData(
                ano=ano.ano,
                tipo_periodo=ano.tipo_periodo,
                formula_media=ano.formula_media,
                media_aprovacao=ano.media_aprovacao,
                frequencia_minima=ano.frequencia_minima,
                recuperacao=ano.recuperacao,
                pesos=tuple(p.peso for p in ano.periodos),
                encerrado=bool(ano.encerrado),
                data_inicio=ano.data_inicio,
                data_fim=ano.data_fim,
                minutos_por_dia=ano.minutos_por_dia,
                dias_nao_letivos=tuple(cal.DiaNaoLetivoData(d.data, d.descricao, d.tipo) for d in ano.dias_nao_letivos),
            )

    def periodo_letivo(self, ano_letivo_id: int) -> cal.PeriodoLetivo:
        """The span the dates of this ano letivo are checked against (see :mod:`~escola_gui.core.calendario`)."""
        with Session(self._engine) as session:
            return cal.periodo_do_ano(get_record(session, AnoLetivo, ano_letivo_id))  # type: ignore[arg-type]

    def datas_dos_periodos(self, ano_letivo_id: int) -> list[tuple[date | None, date | None]]:
        """The (início, fim) of each período, in order; what the span falls back to."""
        with Session(self._engine) as session:
            ano: AnoLetivo = get_record(session, AnoLetivo, ano_letivo_id)  # type: ignore[assignment]
            return [(p.data_inicio, p.data_fim) for p in ano.periodos]

    def contagem(self, ano_letivo_id: int) -> cal.Contagem:
        """The dias letivos and horas of the stored calendar, with the warnings when short."""
        with Session(self._engine) as session:
            ano: AnoLetivo = get_record(session, AnoLetivo, ano_letivo_id)  # type: ignore[assignment]
            return cal.contagem(
                ano.ano,
                ano.data_inicio,
                ano.data_fim,
                ano.minutos_por_dia,
                [d.data for d in ano.dias_nao_letivos],
                [(p.data_inicio, p.data_fim) for p in ano.periodos],
            )

    def regra(self, ano_letivo_id: int) -> av.RegraAvaliacao:
        with Session(self._engine) as session:
            return regra_do_ano(get_record(session, AnoLetivo, ano_letivo_id))  # type: ignore[arg-type]

    def periodos(self, ano_letivo_id: int) -> list[PeriodoRow]:
        with Session(self._engine) as session:
            return list(periodo_rows(get_record(session, AnoLetivo, ano_letivo_id)))  # type: ignore[arg-type]

    def create(self, data: AnoLetivoData) -> int:
        first_error(self.validate(data))
        with Session(self._engine) as session, session.begin():
            ano = AnoLetivo(ano=data.ano)
            self._write(ano, data)
            session.add(ano)
            session.flush()
            return ano.id

    def update(self, ano_letivo_id: int, data: AnoLetivoData) -> None:
        first_error(self.validate(data, ano_letivo_id))
        with Session(self._engine) as session, session.begin():
            ano: AnoLetivo = get_record(session, AnoLetivo, ano_letivo_id)  # type: ignore[assignment]
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
        ano.data_inicio = data.data_inicio
        ano.data_fim = data.data_fim
        ano.minutos_por_dia = data.minutos_por_dia
        dias = {d.data: d for d in cal.normalize_dias(data.dias_nao_letivos)}
        for stored in list(ano.dias_nao_letivos):  # only what changed, for the audit log
            novo = dias.pop(stored.data, None)
            if novo is None:
                ano.dias_nao_letivos.remove(stored)
            else:
                stored.descricao, stored.tipo = novo.descricao, novo.tipo
        for novo in dias.values():
            ano.dias_nao_letivos.append(DiaNaoLetivo(data=novo.data, descricao=novo.descricao, tipo=novo.tipo))
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
            ano: AnoLetivo = get_record(session, AnoLetivo, ano_letivo_id)  # type: ignore[assignment]
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
        if (optional_text(abreviatura) or "").__len__() > 10:
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
        first_error(self.validate(nome, abreviatura))
        with Session(self._engine) as session, session.begin():
            disciplina = Disciplina(nome=v.normalize_nome(nome), abreviatura=optional_text(abreviatura))
            session.add(disciplina)
            session.flush()
            return disciplina.id

    def update(self, disciplina_id: int, nome: str, abreviatura: str | None = None) -> None:
        first_error(self.validate(nome, abreviatura, disciplina_id))
        with Session(self._engine) as session, session.begin():
            disciplina: Disciplina = get_record(session, Disciplina, disciplina_id)  # type: ignore[assignment]
            disciplina.nome = v.normalize_nome(nome)
            disciplina.abreviatura = optional_text(abreviatura)

    def delete(self, disciplina_id: int) -> None:
        with Session(self._engine) as session, session.begin():
            disciplina = get_record(session, Disciplina, disciplina_id)
            used = select(func.count(TurmaDisciplina.id)).where(TurmaDisciplina.disciplina_id == disciplina_id)
            if session.scalar(used):
                raise ValidationError("nome", DISCIPLINA_EM_USO)
            for model in (Nota, Frequencia, RecuperacaoFinal):
                if session.scalar(select(model.id).where(model.disciplina_id == disciplina_id).limit(1)):
                    raise ValidationError("nome", DISCIPLINA_COM_LANCAMENTOS)
            session.delete(disciplina)
