"""The 1.0 schema as typed SQLAlchemy models.

Every change here ships as an Alembic revision in ``alembic/versions/``; the app never
creates tables from these classes. They are the target that each upgrade is validated
against (``compare_metadata``) before it commits.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


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
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nome: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(100), unique=True, index=True)
    cpf: Mapped[str | None] = mapped_column(String(11), unique=True)
    data_nascimento: Mapped[date | None] = mapped_column(Date)
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

    contatos: Mapped[list[Contato]] = relationship(
        back_populates="aluno", cascade="all, delete-orphan", passive_deletes=True
    )
    matriculas: Mapped[list[Matricula]] = relationship(
        back_populates="aluno", cascade="all, delete-orphan", passive_deletes=True
    )
    responsaveis: Mapped[list[AlunoResponsavel]] = relationship(
        back_populates="aluno", cascade="all, delete-orphan", passive_deletes=True
    )


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
