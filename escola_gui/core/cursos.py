"""Cursos and the matrículas of alunos in them (the Cursos and Matrículas lists, and the
aluno form's Matrículas tab).

Like every service of the core, each method opens one short ``Session`` and returns plain
frozen dataclasses, never ORM objects; mistakes the user can fix come back as
:class:`~escola_gui.core.errors.ValidationError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Engine, Select, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from escola_gui.core import validation as v
from escola_gui.core.common import first_error, name_matches, optional_text
from escola_gui.core.errors import QT_TRANSLATE_NOOP, RecordNotFoundError
from escola_gui.core.models import Aluno, Curso, Matricula
from escola_gui.core.text import normalize_text

CURSO_NOME_EM_USO = QT_TRANSLATE_NOOP("validation", "Já existe um curso com este nome.")
MATRICULA_REPETIDA = QT_TRANSLATE_NOOP("validation", "Este aluno já está matriculado neste curso.")
ALUNO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Escolha um aluno.")
CURSO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Escolha um curso.")


@dataclass(frozen=True)
class CursoData:
    nome: str
    descricao: str | None = None
    carga_horaria: int | None = None
    observacoes: str | None = None


@dataclass(frozen=True)
class CursoRow:
    id: int
    nome: str
    descricao: str | None
    carga_horaria: int | None
    observacoes: str | None
    matriculas: int


@dataclass(frozen=True)
class MatriculaData:
    """What the matrícula form edits. A date is required to save, but a file upgraded from
    0.x may hold matrículas without one (see ``observacoes``)."""

    aluno_id: int | None
    curso_id: int | None
    data_matricula: date | None
    observacoes: str | None = None


@dataclass(frozen=True)
class MatriculaRow:
    id: int
    aluno_id: int
    aluno_nome: str
    curso_id: int
    curso_nome: str
    # None only where a 0.x file held a date that could not be read.
    data_matricula: date | None
    observacoes: str | None = None


@dataclass(frozen=True)
class Choice:
    """An item of a pick list (the aluno and curso combos of the matrícula form)."""

    id: int
    nome: str


def matricula_rows() -> Select[tuple[int, int, str, int, str, date | None, str | None]]:
    """The columns of a :class:`MatriculaRow`, with the aluno's and the curso's nome."""
    return (
        select(
            Matricula.id,
            Aluno.id,
            Aluno.nome,
            Curso.id,
            Curso.nome,
            Matricula.data_matricula,
            Matricula.observacoes,
        )
        .join(Aluno, Matricula.aluno_id == Aluno.id)
        .join(Curso, Matricula.curso_id == Curso.id)
    )


# --- cursos -----------------------------------------------------------------------------


class CursoService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def normalize(data: CursoData) -> CursoData:
        return CursoData(
            nome=v.normalize_nome(data.nome),
            descricao=optional_text(data.descricao),
            carga_horaria=data.carga_horaria,
            observacoes=optional_text(data.observacoes),
        )

    def validate(self, data: CursoData, curso_id: int | None = None) -> dict[str, str]:
        """Every problem with ``data`` by field; a nome that differs only in accents or case is taken."""
        errors: dict[str, str] = {}
        if message := v.validate_nome(data.nome):
            errors["nome"] = message
        if message := v.validate_carga_horaria(data.carga_horaria):
            errors["carga_horaria"] = message
        if "nome" not in errors:
            nome = v.normalize_nome(data.nome)
            query = select(Curso.id).where(func.escola_normaliza(Curso.nome) == normalize_text(nome))
            if curso_id is not None:
                query = query.where(Curso.id != curso_id)
            with Session(self._engine) as session:
                if session.scalar(query.limit(1)) is not None:
                    errors["nome"] = CURSO_NOME_EM_USO
        return errors

    def list(self, search: str = "") -> list[CursoRow]:
        counts = select(Matricula.curso_id, func.count().label("n")).group_by(Matricula.curso_id).subquery()
        query = (
            select(Curso, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.curso_id == Curso.id)
            .order_by(func.escola_normaliza(Curso.nome), Curso.id)
        )
        if search.strip():
            query = query.where(name_matches(Curso.nome, search.strip()))
        with Session(self._engine) as session:
            return [
                CursoRow(
                    id=c.id,
                    nome=c.nome,
                    descricao=c.descricao,
                    carga_horaria=c.carga_horaria,
                    observacoes=c.observacoes,
                    matriculas=n,
                )
                for c, n in session.execute(query)
            ]

    def get(self, curso_id: int) -> CursoData:
        with Session(self._engine) as session:
            curso = session.get(Curso, curso_id)
            if curso is None:
                raise RecordNotFoundError(f"curso {curso_id}")
            return CursoData(
                nome=curso.nome,
                descricao=curso.descricao,
                carga_horaria=curso.carga_horaria,
                observacoes=curso.observacoes,
            )

    def create(self, data: CursoData) -> int:
        first_error(self.validate(data))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            curso = Curso(
                nome=clean.nome,
                descricao=clean.descricao,
                carga_horaria=clean.carga_horaria,
                observacoes=clean.observacoes,
            )
            session.add(curso)
            session.flush()
            return curso.id

    def update(self, curso_id: int, data: CursoData) -> None:
        first_error(self.validate(data, curso_id))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            curso = session.get(Curso, curso_id)
            if curso is None:
                raise RecordNotFoundError(f"curso {curso_id}")
            curso.nome = clean.nome
            curso.descricao = clean.descricao
            curso.carga_horaria = clean.carga_horaria
            curso.observacoes = clean.observacoes

    def delete(self, curso_id: int) -> None:
        """Delete the curso; the database cascades to its matrículas."""
        with Session(self._engine) as session, session.begin():
            result = session.execute(delete(Curso).where(Curso.id == curso_id))
            if result.rowcount == 0:
                raise RecordNotFoundError(f"curso {curso_id}")

    def count_dependents(self, curso_id: int) -> int:
        """How many matrículas go with the curso when it is deleted."""
        with Session(self._engine) as session:
            return session.scalar(select(func.count()).where(Matricula.curso_id == curso_id)) or 0


# --- matrículas -------------------------------------------------------------------------


class MatriculaService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def validate(self, data: MatriculaData, matricula_id: int | None = None) -> dict[str, str]:
        """Every problem with ``data`` by field, including an aluno already in the curso."""
        errors: dict[str, str] = {}
        if message := v.validate_data_matricula(data.data_matricula):
            errors["data_matricula"] = message
        with Session(self._engine) as session:
            if data.aluno_id is None or session.get(Aluno, data.aluno_id) is None:
                errors["aluno"] = ALUNO_OBRIGATORIO
            if data.curso_id is None or session.get(Curso, data.curso_id) is None:
                errors["curso"] = CURSO_OBRIGATORIO
            if "aluno" not in errors and "curso" not in errors:
                query = select(Matricula.id).where(
                    and_(Matricula.aluno_id == data.aluno_id, Matricula.curso_id == data.curso_id)
                )
                if matricula_id is not None:
                    query = query.where(Matricula.id != matricula_id)
                if session.scalar(query.limit(1)) is not None:
                    errors["curso"] = MATRICULA_REPETIDA
        return errors

    def list(self, search: str = "") -> list[MatriculaRow]:
        """Matrículas whose aluno or curso nome contains ``search``, ignoring accents and case."""
        query = matricula_rows().order_by(
            func.escola_normaliza(Aluno.nome), func.escola_normaliza(Curso.nome), Matricula.id
        )
        if search.strip():
            query = query.where(or_(name_matches(Aluno.nome, search.strip()), name_matches(Curso.nome, search.strip())))
        with Session(self._engine) as session:
            return [MatriculaRow(*row) for row in session.execute(query)]

    def get(self, matricula_id: int) -> MatriculaData:
        with Session(self._engine) as session:
            matricula = session.get(Matricula, matricula_id)
            if matricula is None:
                raise RecordNotFoundError(f"matricula {matricula_id}")
            return MatriculaData(
                matricula.aluno_id, matricula.curso_id, matricula.data_matricula, matricula.observacoes
            )

    def create(
        self,
        aluno_id: int | None,
        curso_id: int | None,
        data_matricula: date | None,
        observacoes: str | None = None,
    ) -> int:
        data = MatriculaData(aluno_id, curso_id, data_matricula, observacoes)
        first_error(self.validate(data))
        with Session(self._engine) as session, session.begin():
            matricula = Matricula(
                aluno_id=aluno_id,
                curso_id=curso_id,
                data_matricula=data_matricula,
                observacoes=optional_text(observacoes),
            )
            session.add(matricula)
            session.flush()
            return matricula.id

    def update(
        self,
        matricula_id: int,
        aluno_id: int | None,
        curso_id: int | None,
        data_matricula: date | None,
        observacoes: str | None = None,
    ) -> None:
        """Change every field, observacoes included (``None`` clears it).

        Raises:
            ValidationError: also when ``data_matricula`` is missing, even if the stored
                matrícula (from a 0.x file) had none.
        """
        data = MatriculaData(aluno_id, curso_id, data_matricula, observacoes)
        first_error(self.validate(data, matricula_id))
        with Session(self._engine) as session, session.begin():
            matricula = session.get(Matricula, matricula_id)
            if matricula is None:
                raise RecordNotFoundError(f"matricula {matricula_id}")
            matricula.aluno_id = aluno_id  # type: ignore[assignment]
            matricula.curso_id = curso_id  # type: ignore[assignment]
            matricula.data_matricula = data_matricula
            matricula.observacoes = optional_text(observacoes)

    def delete(self, matricula_id: int) -> None:
        with Session(self._engine) as session, session.begin():
            matricula = session.get(Matricula, matricula_id)
            if matricula is None:
                raise RecordNotFoundError(f"matricula {matricula_id}")
            session.delete(matricula)

    def aluno_choices(self) -> list[Choice]:
        """Alunos to pick from, by nome; inactive ones too, since old enrolments name them."""
        return self._choices(Aluno.id, Aluno.nome)

    def curso_choices(self) -> list[Choice]:
        return self._choices(Curso.id, Curso.nome)

    def _choices(self, id_column: ColumnElement[int], nome_column: ColumnElement[str]) -> list[Choice]:
        query = select(id_column, nome_column).order_by(func.escola_normaliza(nome_column), id_column)
        with Session(self._engine) as session:
            return [Choice(id_, nome) for id_, nome in session.execute(query)]
