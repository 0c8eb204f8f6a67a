"""The 1.0 schema as typed SQLAlchemy models.

Every change here ships as an Alembic revision in ``alembic/versions/``; the app never
creates tables from these classes. They are the target that each upgrade is validated
against (``compare_metadata``) before it commits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    func,
    true,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from escola_gui.core.text import normalize_text

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# The full-text index of the alunos' names (revision 0012): an FTS5 table over alunos.nome and
# alunos.nome_social, kept by triggers. Neither it, its shadow tables nor the triggers are models.
ALUNOS_BUSCA = "alunos_busca"


def in_models(name: str | None, type_: str) -> bool:
    """Whether a database object is described by the models, for compare_metadata and
    ``alembic check``: not the leftovers of an interrupted batch rebuild, nor the FTS5 index
    and its shadow tables (``alunos_busca_data``, ``_idx``, ``_docsize``, ``_config``)."""
    if type_ != "table" or not name:
        return True
    return not (name.startswith("_alembic_tmp_") or name == ALUNOS_BUSCA or name.startswith(ALUNOS_BUSCA + "_"))


_DIGITS_RE = re.compile(r"\d+")


def ra_ordem(ra: str | None) -> str:
    """The RA's sort key: folded, with its numbers padded, so that "SP-9" comes before "SP-10"."""
    return _DIGITS_RE.sub(lambda match: match.group().zfill(20), normalize_text(ra))


# Columns derived from others of the same row (revision 0012), not the user's data: the audit
# log leaves them out, a downgrade loses nothing with them, and a restore from the Lixeira
# computes them again from the row (a snapshot may predate them).
DERIVED_COLUMNS: dict[str, dict[str, Callable[[Mapping[str, Any]], str]]] = {
    "alunos": {
        "nome_ordem": lambda row: normalize_text(row.get("nome")),
        "ra_ordem": lambda row: ra_ordem(row.get("ra")),
    }
}


def _nome_ordem_default(context: DefaultExecutionContext) -> str:
    # Core inserts (the demo's bulk insert()); ORM writes go through Aluno's validators.
    return normalize_text(context.get_current_parameters().get("nome"))


def _ra_ordem_default(context: DefaultExecutionContext) -> str:
    return ra_ordem(context.get_current_parameters().get("ra"))


# Census categories (Censo Escolar / IBGE) as stored; the GUI shows their labels.
SEXOS = ("F", "M")
CORES_RACAS = ("nao_declarada", "branca", "preta", "parda", "amarela", "indigena")


class Aluno(Base):
    __tablename__ = "alunos"
    __table_args__ = (
        CheckConstraint("sexo IN ('F', 'M')", name="sexo"),
        CheckConstraint(
            "cor_raca IN ('nao_declarada', 'branca', 'preta', 'parda', 'amarela', 'indigena')", name="cor_raca"
        ),
        # The Alunos list sorts by Ativo and then by nome (revision 0012).
        Index("ix_alunos_ativo_nome_ordem", "ativo", "nome_ordem"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nome: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(100), unique=True, index=True)
    cpf: Mapped[str | None] = mapped_column(String(11), unique=True)
    data_nascimento: Mapped[date | None] = mapped_column(Date, index=True)
    ativo: Mapped[bool] = mapped_column(default=True, server_default=true())
    nome_social: Mapped[str | None] = mapped_column(String(100))
    sexo: Mapped[str | None] = mapped_column(String(1))
    cor_raca: Mapped[str | None] = mapped_column(String(20))
    rg: Mapped[str | None] = mapped_column(String(20))
    certidao_nascimento: Mapped[str | None] = mapped_column(String(32), unique=True)
    nis: Mapped[str | None] = mapped_column(String(11), unique=True)
    codigo_inep: Mapped[str | None] = mapped_column(String(12), unique=True)
    # Registro do aluno / número de matrícula: generated (services.next_ra), unique, editable.
    ra: Mapped[str] = mapped_column(String(20), unique=True)
    # Address (revision 0008): CEP as eight digits, UF as the two-letter code.
    cep: Mapped[str | None] = mapped_column(String(8))
    logradouro: Mapped[str | None] = mapped_column(String(150))
    numero: Mapped[str | None] = mapped_column(String(20))
    complemento: Mapped[str | None] = mapped_column(String(100))
    bairro: Mapped[str | None] = mapped_column(String(100))
    municipio: Mapped[str | None] = mapped_column(String(100))
    uf: Mapped[str | None] = mapped_column(String(2))
    # An optional photo (PNG or JPEG bytes), kept in the file so that backups keep it too.
    foto: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # The nome folded as text.normalize_text folds it (no accents, casefolded): the Alunos list's
    # sort key, indexed (revision 0012). Kept by the app on every write of nome; a row written by
    # another tool without it sorts first but is never lost.
    nome_ordem: Mapped[str] = mapped_column(String(100), default=_nome_ordem_default, server_default="", index=True)
    # The same for the RA, numbers padded (models.ra_ordem): the RA column's sort key.
    ra_ordem: Mapped[str] = mapped_column(String(100), default=_ra_ordem_default, server_default="", index=True)

    contatos: Mapped[list[Contato]] = relationship(
        back_populates="aluno", cascade="all, delete-orphan", passive_deletes=True
    )
    matriculas: Mapped[list[Matricula]] = relationship(
        back_populates="aluno", cascade="all, delete-orphan", passive_deletes=True
    )
    responsaveis: Mapped[list[AlunoResponsavel]] = relationship(
        back_populates="aluno", cascade="all, delete-orphan", passive_deletes=True
    )
    enturmacoes: Mapped[list[Enturmacao]] = relationship(
        back_populates="aluno", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("nome")
    def _keep_nome_ordem(self, _key: str, value: str) -> str:
        self.nome_ordem = normalize_text(value)
        return value

    @validates("ra")
    def _keep_ra_ordem(self, _key: str, value: str) -> str:
        self.ra_ordem = ra_ordem(value)
        return value


PARENTESCOS = ("mae", "pai", "avo", "tio", "irmao", "outro")


class Responsavel(Base):
    """Mãe, pai or another person responsible for one or more alunos (siblings share one)."""

    __tablename__ = "responsaveis"

    id: Mapped[int] = mapped_column(primary_key=True)
    nome: Mapped[str] = mapped_column(String(100))
    cpf: Mapped[str | None] = mapped_column(String(11), unique=True)
    observacoes: Mapped[str | None] = mapped_column(Text)

    contatos: Mapped[list[ContatoResponsavel]] = relationship(
        back_populates="responsavel", cascade="all, delete-orphan", passive_deletes=True
    )
    vinculos: Mapped[list[AlunoResponsavel]] = relationship(
        back_populates="responsavel", cascade="all, delete-orphan", passive_deletes=True
    )


class ContatoResponsavel(Base):
    """A phone or e-mail of a responsável."""

    __tablename__ = "contatos_responsavel"
    __table_args__ = (CheckConstraint("tipo IN ('telefone', 'email')", name="tipo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    responsavel_id: Mapped[int] = mapped_column(ForeignKey("responsaveis.id", ondelete="CASCADE"), index=True)
    tipo: Mapped[str] = mapped_column(String(20))
    valor: Mapped[str] = mapped_column(String(100))

    responsavel: Mapped[Responsavel] = relationship(back_populates="contatos")


class AlunoResponsavel(Base):
    """Who is responsible for an aluno, how they are related, and whether legally."""

    __tablename__ = "alunos_responsaveis"
    __table_args__ = (
        UniqueConstraint("aluno_id", "responsavel_id"),
        CheckConstraint("parentesco IN ('mae', 'pai', 'avo', 'tio', 'irmao', 'outro')", name="parentesco"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    aluno_id: Mapped[int] = mapped_column(ForeignKey("alunos.id", ondelete="CASCADE"))
    responsavel_id: Mapped[int] = mapped_column(ForeignKey("responsaveis.id", ondelete="CASCADE"), index=True)
    parentesco: Mapped[str] = mapped_column(String(20))
    responsavel_legal: Mapped[bool] = mapped_column(default=False, server_default=false())

    aluno: Mapped[Aluno] = relationship(back_populates="responsaveis")
    responsavel: Mapped[Responsavel] = relationship(back_populates="vinculos")


class Contato(Base):
    """A phone or an extra e-mail of an aluno (1.0 moved ``alunos.telefone`` here)."""

    __tablename__ = "contatos"
    __table_args__ = (CheckConstraint("tipo IN ('telefone', 'email')", name="tipo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    aluno_id: Mapped[int] = mapped_column(ForeignKey("alunos.id", ondelete="CASCADE"), index=True)
    tipo: Mapped[str] = mapped_column(String(20))
    valor: Mapped[str] = mapped_column(String(100))

    aluno: Mapped[Aluno] = relationship(back_populates="contatos")


class Curso(Base):
    __tablename__ = "cursos"

    id: Mapped[int] = mapped_column(primary_key=True)
    nome: Mapped[str] = mapped_column(String(100), unique=True)
    descricao: Mapped[str | None] = mapped_column(Text)
    carga_horaria: Mapped[int | None] = mapped_column(Integer)
    observacoes: Mapped[str | None] = mapped_column(Text)

    matriculas: Mapped[list[Matricula]] = relationship(
        back_populates="curso", cascade="all, delete-orphan", passive_deletes=True
    )


class Matricula(Base):
    __tablename__ = "matriculas"
    __table_args__ = (UniqueConstraint("aluno_id", "curso_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    aluno_id: Mapped[int] = mapped_column(ForeignKey("alunos.id", ondelete="CASCADE"))
    curso_id: Mapped[int] = mapped_column(ForeignKey("cursos.id", ondelete="CASCADE"), index=True)
    # NULL only where a 0.x file held a date that could not be read; the text it held is
    # kept in observacoes (revision 0005). New and edited matrículas always have a date.
    data_matricula: Mapped[date | None] = mapped_column(Date)
    observacoes: Mapped[str | None] = mapped_column(Text)

    aluno: Mapped[Aluno] = relationship(back_populates="matriculas")
    curso: Mapped[Curso] = relationship(back_populates="matriculas")


class RegistroMigracao(Base):
    """What an upgrade changed in the user's data: merged duplicates, converted or kept text.

    Each row keeps the value as it was before, so nothing an upgrade resolves is lost.
    """

    __tablename__ = "registro_migracao"

    id: Mapped[int] = mapped_column(primary_key=True)
    revisao: Mapped[str] = mapped_column(String(40), index=True)
    tabela: Mapped[str] = mapped_column(String(50))
    registro_id: Mapped[int | None]
    campo: Mapped[str | None] = mapped_column(String(50))
    acao: Mapped[str] = mapped_column(String(50))
    valor_anterior: Mapped[str | None] = mapped_column(Text)
    valor_novo: Mapped[str | None] = mapped_column(Text)
    criado_em: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Metadado(Base):
    """Key/value facts about the file, such as the app version that last upgraded it."""

    __tablename__ = "metadados"

    chave: Mapped[str] = mapped_column(String(50), primary_key=True)
    valor: Mapped[str] = mapped_column(Text)


# --- the school year (revision 0009) -----------------------------------------------------


class NotaType(TypeDecorator[Decimal]):
    """A nota from 0.0 to 10.0 with one decimal, stored as NUMERIC(3, 1).

    SQLite has no decimal type: the value travels as a float, which holds one decimal place
    closely enough for ``repr`` to give it back exactly ("6.1" → 6.1 → "6.1"), and comes
    back as a :class:`~decimal.Decimal` quantized to one place.
    """

    impl = Numeric(3, 1, asdecimal=False)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> float | None:
        return None if value is None else float(value)

    def process_result_value(self, value: float | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        # A year's notas take a few hundred values: each is converted once (a Decimal never
        # changes, so it is shared); the memo stays small whatever a file holds.
        found = _DECIMAIS.get(value)
        if found is None:
            found = Decimal(repr(float(value))).quantize(_UMA_CASA)
            if len(_DECIMAIS) < 4096:
                _DECIMAIS[value] = found
        return found


_UMA_CASA = Decimal("0.1")
_DECIMAIS: dict[object, Decimal] = {}


class NotaEscalaType(NotaType):
    """A nota on the 0–10 or the 0–100 scale (revision 0017), stored as NUMERIC(4, 1); it travels
    and comes back like a :class:`NotaType`."""

    impl = Numeric(4, 1, asdecimal=False)
    cache_ok = True


TIPOS_PERIODO = ("bimestre", "trimestre", "semestre")
PERIODOS_POR_TIPO = {"bimestre": 4, "trimestre": 3, "semestre": 2}
FORMULAS_MEDIA = ("aritmetica", "ponderada")
REGRAS_RECUPERACAO = ("substitui_menor_nota", "substitui_media")
TURNOS = ("matutino", "vespertino", "noturno", "integral")
TIPOS_DIA_NAO_LETIVO = ("feriado", "recesso", "outro")
SITUACOES = (
    "cursando",
    "aprovado",
    "retido",
    "transferido",
    "abandono",
    "reprovado_por_faltas",
    "falecido",
    "remanejado",
)
_SITUACOES_SQL = ", ".join(f"'{s}'" for s in SITUACOES)
#: What an enturmação's situação may also be since revision 0016 (the years done in other
#: schools keep the list above).
SITUACOES_ENTURMACAO = (*SITUACOES, "reclassificado")
_SITUACOES_ENTURMACAO_SQL = ", ".join(f"'{s}'" for s in SITUACOES_ENTURMACAO)
#: What ``enturmacoes.situacao_final`` may hold (revisions 0015 and 0016): the situação of every
#: enturmação of a closed year, the approvals of the rules per etapa included ("cursando" stays
#: for an aluno of a turma without disciplinas, whom nothing evaluated).
SITUACOES_FINAIS = (*SITUACOES_ENTURMACAO, "aprovado_pelo_conselho", "aprovado_com_dependencia")
_SITUACOES_FINAIS_SQL = ", ".join(f"'{s}'" for s in SITUACOES_FINAIS)


class Escola(Base):
    """The school this office keeps records for: one row, printed in every report header."""

    __tablename__ = "escolas"

    id: Mapped[int] = mapped_column(primary_key=True)
    nome: Mapped[str] = mapped_column(String(150))
    codigo_inep: Mapped[str | None] = mapped_column(String(8))
    endereco: Mapped[str | None] = mapped_column(String(200))
    municipio: Mapped[str | None] = mapped_column(String(100))
    uf: Mapped[str | None] = mapped_column(String(2))
    telefone: Mapped[str | None] = mapped_column(String(30))


class AnoLetivo(Base):
    """A school year and its evaluation rule (i-Educar's ``RegraAvaliacao``, per year)."""

    __tablename__ = "anos_letivos"
    __table_args__ = (
        CheckConstraint("tipo_periodo IN ('bimestre', 'trimestre', 'semestre')", name="tipo_periodo"),
        CheckConstraint("formula_media IN ('aritmetica', 'ponderada')", name="formula_media"),
        CheckConstraint(
            "recuperacao IS NULL OR recuperacao IN ('substitui_menor_nota', 'substitui_media')", name="recuperacao"
        ),
        CheckConstraint("media_aprovacao BETWEEN 0 AND 10", name="media_aprovacao"),
        CheckConstraint("frequencia_minima BETWEEN 0 AND 100", name="frequencia_minima"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ano: Mapped[int] = mapped_column(Integer, unique=True)
    tipo_periodo: Mapped[str] = mapped_column(String(20))
    formula_media: Mapped[str] = mapped_column(String(20), default="aritmetica", server_default="aritmetica")
    media_aprovacao: Mapped[Decimal] = mapped_column(NotaType, default=Decimal("6.0"), server_default="6.0")
    frequencia_minima: Mapped[int] = mapped_column(Integer, default=75, server_default="75")
    recuperacao: Mapped[str | None] = mapped_column(String(30))
    encerrado: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The calendar (revision 0014): the first and last dia letivo, and the school day's length
    # in minutes (for the 800 horas of LDB art. 24 I). Empty in older files: see
    # core/calendario.py for what the date checks use then. Checked by the core, not by CHECKs:
    # a CHECK here would rebuild anos_letivos, a parent of turmas, on every upgrade and downgrade.
    data_inicio: Mapped[date | None] = mapped_column(Date)
    data_fim: Mapped[date | None] = mapped_column(Date)
    minutos_por_dia: Mapped[int | None] = mapped_column(Integer)

    periodos: Mapped[list[Periodo]] = relationship(
        back_populates="ano_letivo", cascade="all, delete-orphan", passive_deletes=True, order_by="Periodo.numero"
    )
    turmas: Mapped[list[Turma]] = relationship(back_populates="ano_letivo")
    dias_nao_letivos: Mapped[list[DiaNaoLetivo]] = relationship(
        back_populates="ano_letivo", cascade="all, delete-orphan", passive_deletes=True, order_by="DiaNaoLetivo.data"
    )


class Periodo(Base):
    """A bimestre, trimestre or semestre of an ano letivo; ``peso`` weighs it in a weighted média."""

    __tablename__ = "periodos"
    __table_args__ = (
        UniqueConstraint("ano_letivo_id", "numero"),
        CheckConstraint("numero >= 1", name="numero"),
        CheckConstraint("peso >= 1", name="peso"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ano_letivo_id: Mapped[int] = mapped_column(ForeignKey("anos_letivos.id", ondelete="CASCADE"))
    numero: Mapped[int] = mapped_column(Integer)
    peso: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    data_inicio: Mapped[date | None] = mapped_column(Date)
    data_fim: Mapped[date | None] = mapped_column(Date)

    ano_letivo: Mapped[AnoLetivo] = relationship(back_populates="periodos")


class DiaNaoLetivo(Base):
    """A weekday without school in an ano letivo: a feriado, a recesso or another reason
    (revision 0014). It does not count among the 200 dias letivos."""

    __tablename__ = "dias_nao_letivos"
    __table_args__ = (
        UniqueConstraint("ano_letivo_id", "data"),
        CheckConstraint("tipo IN ('feriado', 'recesso', 'outro')", name="tipo"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ano_letivo_id: Mapped[int] = mapped_column(ForeignKey("anos_letivos.id", ondelete="CASCADE"))
    data: Mapped[date] = mapped_column(Date)
    descricao: Mapped[str] = mapped_column(String(100))
    tipo: Mapped[str] = mapped_column(String(20), default="feriado", server_default="feriado")

    ano_letivo: Mapped[AnoLetivo] = relationship(back_populates="dias_nao_letivos")


# What a stored evaluation rule types per período, and what its recuperação replaces (revision
# 0017): the codes of core/avaliacao.TipoAvaliacao and RegraRecuperacao.
TIPOS_AVALIACAO = ("numerica", "conceitual", "descritiva")
RECUPERACOES_DA_REGRA = ("substitui_menor_nota", "substitui_media", "substitui_nota_do_periodo")


class RegraDeAvaliacao(Base):
    """An evaluation rule of the catalogue (revision 0017), given to an etapa or a turma; see
    :mod:`escola_gui.core.regras`. The períodos, the formula of the média and its pesos stay the
    ano letivo's (they are its calendar); everything else of
    :class:`~escola_gui.core.avaliacao.RegraAvaliacao` is here. ``arredondamento_passo`` (e.g.
    0.5) or ``faixas_arredondamento`` (JSON ``[[min, max, valor], ...]``) is the rounding table;
    ``conceitos`` is JSON ``[{"sigla", "descricao", "aprova"}, ...]`` best first (NULL: A–E)."""

    __tablename__ = "regras_avaliacao"
    __table_args__ = (
        CheckConstraint("tipo IN ('numerica', 'conceitual', 'descritiva')", name="tipo"),
        CheckConstraint("escala IN (10, 100)", name="escala"),
        CheckConstraint("media_aprovacao BETWEEN 0 AND escala", name="media_aprovacao"),
        CheckConstraint("frequencia_minima BETWEEN 0 AND 100", name="frequencia_minima"),
        CheckConstraint(
            "recuperacao IS NULL OR recuperacao IN ('substitui_menor_nota', 'substitui_media', "
            "'substitui_nota_do_periodo')",
            name="recuperacao",
        ),
        CheckConstraint("max_dependencias >= 0", name="max_dependencias"),
        CheckConstraint("arredondamento_passo IS NULL OR arredondamento_passo > 0", name="arredondamento_passo"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nome: Mapped[str] = mapped_column(String(100), unique=True)
    tipo: Mapped[str] = mapped_column(String(20), default="numerica", server_default="numerica")
    escala: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    media_aprovacao: Mapped[Decimal] = mapped_column(NotaEscalaType, default=Decimal("6.0"), server_default="6.0")
    frequencia_minima: Mapped[int] = mapped_column(Integer, default=75, server_default="75")
    recuperacao: Mapped[str | None] = mapped_column(String(30))
    recuperacao_final: Mapped[bool] = mapped_column(default=False, server_default=false())
    arredondamento_passo: Mapped[Decimal | None] = mapped_column(NotaEscalaType)
    faixas_arredondamento: Mapped[str | None] = mapped_column(Text)
    conceitos: Mapped[str | None] = mapped_column(Text)
    sem_retencao: Mapped[bool] = mapped_column(default=False, server_default=false())
    max_dependencias: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Disciplina(Base):
    """A subject taught in turmas (Língua Portuguesa, Matemática...).

    Not the legacy ``cursos``: those keep their 0.x meaning of free courses an aluno enrols
    in (see the README), with their own matrículas.
    """

    __tablename__ = "disciplinas"

    id: Mapped[int] = mapped_column(primary_key=True)
    nome: Mapped[str] = mapped_column(String(100), unique=True)
    abreviatura: Mapped[str | None] = mapped_column(String(10))


SEGMENTOS_ETAPA = (
    "educacao_infantil",
    "fundamental_anos_iniciais",
    "fundamental_anos_finais",
    "ensino_medio",
    "eja",
)


class Etapa(Base):
    """An etapa of the catalogue (revision 0013): 1º ano, 1ª série do ensino médio, pré-escola...
    with its order, its Educacenso code, the etapa that comes next and whether it is the last of
    its etapa de ensino (``concluinte``). See :mod:`escola_gui.core.etapas`."""

    __tablename__ = "etapas"
    __table_args__ = (
        CheckConstraint(
            "segmento IN ('educacao_infantil', 'fundamental_anos_iniciais', 'fundamental_anos_finais', "
            "'ensino_medio', 'eja')",
            name="segmento",
        ),
        CheckConstraint("idade_referencia IS NULL OR idade_referencia BETWEEN 0 AND 99", name="idade_referencia"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nome: Mapped[str] = mapped_column(String(50), unique=True)
    segmento: Mapped[str] = mapped_column(String(30))
    ordem: Mapped[int] = mapped_column(Integer)
    codigo_educacenso: Mapped[int | None] = mapped_column(Integer, unique=True)
    proxima_etapa_id: Mapped[int | None] = mapped_column(ForeignKey("etapas.id", ondelete="RESTRICT"))
    concluinte: Mapped[bool] = mapped_column(default=False, server_default=false())
    idade_referencia: Mapped[int | None] = mapped_column(Integer)
    # The evaluation rule of the etapa's turmas (revision 0017); NULL: the ano letivo's own.
    regra_avaliacao_id: Mapped[int | None] = mapped_column(ForeignKey("regras_avaliacao.id"))

    regra_avaliacao: Mapped[RegraDeAvaliacao | None] = relationship()


class Turma(Base):
    """A class of one ano letivo: série/ano, turno and sala, with its disciplinas."""

    __tablename__ = "turmas"
    __table_args__ = (
        UniqueConstraint("ano_letivo_id", "nome"),
        CheckConstraint("turno IN ('matutino', 'vespertino', 'noturno', 'integral')", name="turno"),
        CheckConstraint("vagas IS NULL OR vagas >= 0", name="vagas"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ano_letivo_id: Mapped[int] = mapped_column(ForeignKey("anos_letivos.id"), index=True)
    nome: Mapped[str] = mapped_column(String(50))
    serie: Mapped[str] = mapped_column(String(50))
    turno: Mapped[str] = mapped_column(String(20))
    sala: Mapped[str | None] = mapped_column(String(30))
    vagas: Mapped[int | None] = mapped_column(Integer)
    # Nullable: a turma of a file before revision 0013 whose série could not be read has none
    # until the secretary chooses it (Configurações → Etapas). Never cascades.
    etapa_id: Mapped[int | None] = mapped_column(ForeignKey("etapas.id", ondelete="RESTRICT"), index=True)
    # The turma's own evaluation rule (revision 0017); NULL: its etapa's, else the ano letivo's.
    regra_avaliacao_id: Mapped[int | None] = mapped_column(ForeignKey("regras_avaliacao.id"))

    ano_letivo: Mapped[AnoLetivo] = relationship(back_populates="turmas")
    etapa: Mapped[Etapa | None] = relationship()
    regra_avaliacao: Mapped[RegraDeAvaliacao | None] = relationship()
    disciplinas: Mapped[list[TurmaDisciplina]] = relationship(
        back_populates="turma", cascade="all, delete-orphan", passive_deletes=True
    )
    enturmacoes: Mapped[list[Enturmacao]] = relationship(
        back_populates="turma", cascade="all, delete-orphan", passive_deletes=True
    )


class TurmaDisciplina(Base):
    """A disciplina taught in a turma, with its carga horária (hours in the year)."""

    __tablename__ = "turmas_disciplinas"
    __table_args__ = (
        UniqueConstraint("turma_id", "disciplina_id"),
        CheckConstraint("carga_horaria IS NULL OR carga_horaria > 0", name="carga_horaria"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    turma_id: Mapped[int] = mapped_column(ForeignKey("turmas.id", ondelete="CASCADE"))
    disciplina_id: Mapped[int] = mapped_column(ForeignKey("disciplinas.id"), index=True)
    carga_horaria: Mapped[int | None] = mapped_column(Integer)

    turma: Mapped[Turma] = relationship(back_populates="disciplinas")
    disciplina: Mapped[Disciplina] = relationship()


class Enturmacao(Base):
    """An aluno's matrícula in a turma, from ``data_entrada`` to ``data_saida``.

    A move to another turma closes this row (situação Remanejado, Reclassificado or
    Transferido) and opens a new one, so the history stays. ``situacao_manual`` and ``motivo_situacao`` hold the
    secretary's override of the computed situação; every change is kept in
    ``historico_situacoes``.
    """

    __tablename__ = "enturmacoes"
    __table_args__ = (
        CheckConstraint(
            f"situacao_manual IS NULL OR situacao_manual IN ({_SITUACOES_ENTURMACAO_SQL})", name="situacao_manual"
        ),
        CheckConstraint("data_saida IS NULL OR data_saida >= data_entrada", name="datas"),
        CheckConstraint(
            f"situacao_final IS NULL OR situacao_final IN ({_SITUACOES_FINAIS_SQL})", name="situacao_final"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    aluno_id: Mapped[int] = mapped_column(ForeignKey("alunos.id", ondelete="CASCADE"), index=True)
    turma_id: Mapped[int] = mapped_column(ForeignKey("turmas.id", ondelete="CASCADE"), index=True)
    data_entrada: Mapped[date] = mapped_column(Date)
    data_saida: Mapped[date | None] = mapped_column(Date)
    situacao_manual: Mapped[str | None] = mapped_column(String(30))
    motivo_situacao: Mapped[str | None] = mapped_column(Text)
    # The situação the year ended with, written when the ano letivo is closed and cleared when
    # it is reopened (revision 0015; core/encerramento.py). Empty in a year closed before it:
    # the rematrícula then computes it from the notas, as the boletim does.
    situacao_final: Mapped[str | None] = mapped_column(String(30))
    # Transferência expedida (revision 0016): the school the aluno went to, for the declaração
    # de transferência. Filled with the situação Transferido, emptied when it is undone.
    escola_destino: Mapped[str | None] = mapped_column(String(150))
    municipio_destino: Mapped[str | None] = mapped_column(String(100))
    uf_destino: Mapped[str | None] = mapped_column(String(2))
    # Transferência recebida (revision 0016): the school the aluno came from during the year,
    # whose transfer guide gives the notas and frequência of the períodos before data_entrada.
    escola_origem: Mapped[str | None] = mapped_column(String(150))
    municipio_origem: Mapped[str | None] = mapped_column(String(100))
    uf_origem: Mapped[str | None] = mapped_column(String(2))

    aluno: Mapped[Aluno] = relationship(back_populates="enturmacoes")
    turma: Mapped[Turma] = relationship(back_populates="enturmacoes")
    historico: Mapped[list[HistoricoSituacao]] = relationship(
        back_populates="enturmacao", cascade="all, delete-orphan", passive_deletes=True
    )


class HistoricoSituacao(Base):
    """One change of an enturmação's situação: from what, to what, why and when."""

    __tablename__ = "historico_situacoes"

    id: Mapped[int] = mapped_column(primary_key=True)
    enturmacao_id: Mapped[int] = mapped_column(ForeignKey("enturmacoes.id", ondelete="CASCADE"), index=True)
    situacao_anterior: Mapped[str | None] = mapped_column(String(30))
    situacao_nova: Mapped[str | None] = mapped_column(String(30))
    motivo: Mapped[str] = mapped_column(Text)
    alterado_em: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    enturmacao: Mapped[Enturmacao] = relationship(back_populates="historico")


class DispensaDisciplina(Base):
    """An aluno excused from a disciplina of the turma (revision 0016), with its motivo and date:
    the disciplina shows as Dispensado and does not count for the year's result."""

    __tablename__ = "dispensas_disciplina"
    __table_args__ = (UniqueConstraint("enturmacao_id", "disciplina_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enturmacao_id: Mapped[int] = mapped_column(ForeignKey("enturmacoes.id", ondelete="CASCADE"))
    disciplina_id: Mapped[int] = mapped_column(ForeignKey("disciplinas.id"), index=True)
    data: Mapped[date] = mapped_column(Date)
    motivo: Mapped[str] = mapped_column(Text)


class Nota(Base):
    """The nota of an enturmação in a disciplina and período, and its recuperação; under a rule
    of conceitos or pareceres (revision 0017) the conceito's sigla or the parecer descritivo.
    Notas go to 100 under a rule on the 0–100 scale (the core checks each against its rule)."""

    __tablename__ = "notas"
    __table_args__ = (
        UniqueConstraint("enturmacao_id", "disciplina_id", "periodo_id"),
        CheckConstraint("nota IS NULL OR nota BETWEEN 0 AND 100", name="nota"),
        CheckConstraint("recuperacao IS NULL OR recuperacao BETWEEN 0 AND 100", name="recuperacao"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enturmacao_id: Mapped[int] = mapped_column(ForeignKey("enturmacoes.id", ondelete="CASCADE"))
    disciplina_id: Mapped[int] = mapped_column(ForeignKey("disciplinas.id"), index=True)
    periodo_id: Mapped[int] = mapped_column(ForeignKey("periodos.id", ondelete="CASCADE"), index=True)
    nota: Mapped[Decimal | None] = mapped_column(NotaEscalaType)
    recuperacao: Mapped[Decimal | None] = mapped_column(NotaEscalaType)
    conceito: Mapped[str | None] = mapped_column(String(10))
    parecer: Mapped[str | None] = mapped_column(Text)


class RecuperacaoFinal(Base):
    """The recuperação final of an enturmação in a disciplina (rules that replace the média)."""

    __tablename__ = "recuperacoes_finais"
    __table_args__ = (
        UniqueConstraint("enturmacao_id", "disciplina_id"),
        CheckConstraint("nota BETWEEN 0 AND 100", name="nota"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enturmacao_id: Mapped[int] = mapped_column(ForeignKey("enturmacoes.id", ondelete="CASCADE"))
    disciplina_id: Mapped[int] = mapped_column(ForeignKey("disciplinas.id"), index=True)
    nota: Mapped[Decimal] = mapped_column(NotaEscalaType)


class Frequencia(Base):
    """Aulas dadas and faltas of an enturmação in a disciplina and período."""

    __tablename__ = "frequencias"
    __table_args__ = (
        UniqueConstraint("enturmacao_id", "disciplina_id", "periodo_id"),
        CheckConstraint("aulas_dadas >= 0 AND faltas >= 0 AND faltas <= aulas_dadas", name="faltas"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enturmacao_id: Mapped[int] = mapped_column(ForeignKey("enturmacoes.id", ondelete="CASCADE"))
    disciplina_id: Mapped[int] = mapped_column(ForeignKey("disciplinas.id"), index=True)
    periodo_id: Mapped[int] = mapped_column(ForeignKey("periodos.id", ondelete="CASCADE"), index=True)
    aulas_dadas: Mapped[int] = mapped_column(Integer)
    faltas: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


# --- years done in other schools (revision 0010) -----------------------------------------


class PercentualType(NotaType):
    """A percentage from 0.0 to 100.0 with one decimal, stored as NUMERIC(4, 1); it travels
    and comes back like a :class:`NotaType` (a float in the file, a one-place Decimal here)."""

    impl = Numeric(4, 1, asdecimal=False)
    cache_ok = True


class HistoricoExterno(Base):
    """A year the aluno did in another school, typed in from the documents the family brought
    (i-Educar's "histórico escolar" of other schools). It prints on the histórico escolar
    beside the years done here; ``situacao`` uses the same codes as the enturmações'."""

    __tablename__ = "historicos_externos"
    __table_args__ = (
        UniqueConstraint("aluno_id", "ano", "serie"),
        CheckConstraint(f"situacao IN ({_SITUACOES_SQL})", name="situacao"),
        CheckConstraint("ano BETWEEN 1900 AND 2200", name="ano"),
        CheckConstraint("frequencia IS NULL OR frequencia BETWEEN 0 AND 100", name="frequencia"),
        CheckConstraint("carga_horaria_total IS NULL OR carga_horaria_total > 0", name="carga_horaria_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    aluno_id: Mapped[int] = mapped_column(ForeignKey("alunos.id", ondelete="CASCADE"), index=True)
    ano: Mapped[int] = mapped_column(Integer)
    serie: Mapped[str] = mapped_column(String(50))
    escola: Mapped[str] = mapped_column(String(150))
    municipio: Mapped[str | None] = mapped_column(String(100))
    uf: Mapped[str | None] = mapped_column(String(2))
    situacao: Mapped[str] = mapped_column(String(30))
    frequencia: Mapped[Decimal | None] = mapped_column(PercentualType)
    carga_horaria_total: Mapped[int | None] = mapped_column(Integer)
    observacoes: Mapped[str | None] = mapped_column(Text)

    disciplinas: Mapped[list[HistoricoExternoDisciplina]] = relationship(
        back_populates="historico",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="HistoricoExternoDisciplina.id",
    )


class HistoricoExternoDisciplina(Base):
    """A disciplina of a year done in another school, by the name that school gave it, with
    its média (0–10) or its conceito ("A", "Apto"...) and its carga horária."""

    __tablename__ = "historicos_externos_disciplinas"
    __table_args__ = (
        UniqueConstraint("historico_id", "disciplina"),
        CheckConstraint("media IS NULL OR media BETWEEN 0 AND 10", name="media"),
        CheckConstraint("carga_horaria IS NULL OR carga_horaria > 0", name="carga_horaria"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    historico_id: Mapped[int] = mapped_column(ForeignKey("historicos_externos.id", ondelete="CASCADE"))
    disciplina: Mapped[str] = mapped_column(String(100))
    media: Mapped[Decimal | None] = mapped_column(NotaType)
    conceito: Mapped[str | None] = mapped_column(String(20))
    carga_horaria: Mapped[int | None] = mapped_column(Integer)

    historico: Mapped[HistoricoExterno] = relationship(back_populates="disciplinas")


# --- protection from mistakes (revision 0011) ---------------------------------------------


class ItemLixeira(Base):
    """An aluno or turma that was deleted, kept whole until the Lixeira is emptied.

    ``dados`` is a JSON snapshot of every row the deletion removed (the record and all that
    went with it, table by table), so that restoring puts back exactly what was there.
    """

    __tablename__ = "lixeira"
    __table_args__ = (CheckConstraint("tipo IN ('aluno', 'turma')", name="tipo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tipo: Mapped[str] = mapped_column(String(20))
    registro_id: Mapped[int] = mapped_column(Integer)
    descricao: Mapped[str] = mapped_column(String(300))
    resumo: Mapped[str] = mapped_column(Text, default="", server_default="")
    excluido_em: Mapped[datetime] = mapped_column(DateTime, index=True)
    usuario: Mapped[str] = mapped_column(String(100), default="", server_default="")
    dados: Mapped[str] = mapped_column(Text)


class Auditoria(Base):
    """Who changed what and when, with the values before and after (JSON objects).

    ``aluno_id`` is a plain number, not a foreign key: the history of an aluno outlives the
    aluno, so that a deletion and a restore can be told later.
    """

    __tablename__ = "auditoria"
    __table_args__ = (CheckConstraint("acao IN ('inclusao', 'alteracao', 'exclusao', 'restauracao')", name="acao"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quando: Mapped[datetime] = mapped_column(DateTime, index=True)
    usuario: Mapped[str] = mapped_column(String(100), default="", server_default="")
    tabela: Mapped[str] = mapped_column(String(60))
    registro_id: Mapped[int | None] = mapped_column(Integer)
    aluno_id: Mapped[int | None] = mapped_column(Integer, index=True)
    acao: Mapped[str] = mapped_column(String(20))
    descricao: Mapped[str] = mapped_column(Text, default="", server_default="")
    antes: Mapped[str | None] = mapped_column(Text)
    depois: Mapped[str | None] = mapped_column(Text)


# --- the rematrícula (revision 0015) -------------------------------------------------------

DESTINOS_REMATRICULA = ("turma", "concluido", "nao_rematriculado", "ja_no_destino")


class Rematricula(Base):
    """One rematrícula run: the closed ``ano_origem`` rolled into ``ano_destino`` in one
    transaction (core/rematricula.py). Undoing it keeps the row, with ``desfeita_em``, so the
    history can be listed; its turmas and enturmações are gone then."""

    __tablename__ = "rematriculas"

    id: Mapped[int] = mapped_column(primary_key=True)
    ano_origem: Mapped[int] = mapped_column(Integer)
    ano_destino: Mapped[int] = mapped_column(Integer, index=True)
    # The destination ano letivo was created by this run (undoing it removes it, when empty).
    ano_letivo_criado: Mapped[bool] = mapped_column(default=False, server_default=false())
    feita_em: Mapped[datetime] = mapped_column(DateTime)
    usuario: Mapped[str] = mapped_column(String(100), default="", server_default="")
    desfeita_em: Mapped[datetime | None] = mapped_column(DateTime)

    turmas: Mapped[list[RematriculaTurma]] = relationship(
        back_populates="rematricula", cascade="all, delete-orphan", passive_deletes=True
    )
    alunos: Mapped[list[RematriculaAluno]] = relationship(
        back_populates="rematricula", cascade="all, delete-orphan", passive_deletes=True
    )


class RematriculaTurma(Base):
    """A turma a rematrícula run created in the destination year."""

    __tablename__ = "rematriculas_turmas"

    id: Mapped[int] = mapped_column(primary_key=True)
    rematricula_id: Mapped[int] = mapped_column(ForeignKey("rematriculas.id", ondelete="CASCADE"), index=True)
    turma_id: Mapped[int | None] = mapped_column(ForeignKey("turmas.id", ondelete="SET NULL"), index=True)

    rematricula: Mapped[Rematricula] = relationship(back_populates="turmas")


class RematriculaAluno(Base):
    """What a rematrícula run did with one aluno of the closed year: enturmado in a turma of
    the destination year (``enturmacao_id``), concluído (the mark of a concluinte etapa),
    not rematriculado (transferido, abandono, falecido, or the secretary's choice), or
    already in the destination year. ``situacao`` is the final situação it was decided by."""

    __tablename__ = "rematriculas_alunos"
    __table_args__ = (
        CheckConstraint("destino IN ('turma', 'concluido', 'nao_rematriculado', 'ja_no_destino')", name="destino"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rematricula_id: Mapped[int] = mapped_column(ForeignKey("rematriculas.id", ondelete="CASCADE"), index=True)
    aluno_id: Mapped[int] = mapped_column(ForeignKey("alunos.id", ondelete="CASCADE"), index=True)
    enturmacao_origem_id: Mapped[int | None] = mapped_column(
        ForeignKey("enturmacoes.id", ondelete="SET NULL"), index=True
    )
    situacao: Mapped[str] = mapped_column(String(30))
    destino: Mapped[str] = mapped_column(String(20))
    enturmacao_id: Mapped[int | None] = mapped_column(ForeignKey("enturmacoes.id", ondelete="SET NULL"), index=True)

    rematricula: Mapped[Rematricula] = relationship(back_populates="alunos")
