"""Qt-free services over the everyday engine: alunos, cursos and matrículas.

Each method opens one short ``Session`` and returns plain frozen dataclasses, never ORM
objects. Mistakes the user can fix (a bad CPF, an e-mail already in use, an enrolment that
exists) come back as :class:`~escola_gui.core.validation.ValidationError`, found by checking
before writing rather than by waiting for an ``IntegrityError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Engine, Integer, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.db import normalize_text
from escola_gui.core.models import CORES_RACAS, SEXOS, Aluno, Contato, Curso, Matricula
from escola_gui.core.validation import QT_TRANSLATE_NOOP, ValidationError

if TYPE_CHECKING:
    from escola_gui.core.importacao import ImportPreview, ImportResult
    from escola_gui.core.planilhas import Table
    from escola_gui.core.relatorios import FichaAluno

EMAIL_EM_USO = QT_TRANSLATE_NOOP("validation", "Este e-mail já está cadastrado para outro aluno.")
CPF_EM_USO = QT_TRANSLATE_NOOP("validation", "Este CPF já está cadastrado para outro aluno.")
CERTIDAO_EM_USO = QT_TRANSLATE_NOOP("validation", "Esta certidão de nascimento já está cadastrada para outro aluno.")
NIS_EM_USO = QT_TRANSLATE_NOOP("validation", "Este NIS já está cadastrado para outro aluno.")
INEP_EM_USO = QT_TRANSLATE_NOOP("validation", "Este código INEP já está cadastrado para outro aluno.")
RA_EM_USO = QT_TRANSLATE_NOOP("validation", "Este RA já pertence a outro aluno.")
RA_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o RA.")
RA_LONGO = QT_TRANSLATE_NOOP("validation", "O RA deve ter no máximo 20 caracteres.")
NOME_SOCIAL_LONGO = QT_TRANSLATE_NOOP("validation", "O nome social deve ter no máximo 100 caracteres.")
RG_LONGO = QT_TRANSLATE_NOOP("validation", "O RG deve ter no máximo 20 caracteres.")
SEXO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Escolha o sexo na lista.")
COR_RACA_INVALIDA = QT_TRANSLATE_NOOP("validation", "Escolha a cor/raça na lista.")
CURSO_NOME_EM_USO = QT_TRANSLATE_NOOP("validation", "Já existe um curso com este nome.")
MATRICULA_REPETIDA = QT_TRANSLATE_NOOP("validation", "Este aluno já está matriculado neste curso.")
ALUNO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Escolha um aluno.")
CURSO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Escolha um curso.")

TELEFONE = "telefone"
RA_MAX_LENGTH = 20
RG_MAX_LENGTH = 20
NOME_SOCIAL_MAX_LENGTH = 100


class RecordNotFoundError(LookupError):
    """The record was deleted meanwhile (or never existed)."""


# --- plain data -------------------------------------------------------------------------


@dataclass(frozen=True)
class AlunoData:
    """What the aluno form edits. Values may be raw; the service normalizes them.

    The fields of revision 0006 come after ``telefones`` with defaults, so that callers that
    build it positionally (the spreadsheet import) keep working.
    """

    nome: str
    email: str | None = None
    cpf: str | None = None
    data_nascimento: date | None = None
    ativo: bool = True
    telefones: tuple[str, ...] = ()
    nome_social: str | None = None
    sexo: str | None = None
    """``"F"``, ``"M"`` (models.SEXOS) or ``None``."""
    cor_raca: str | None = None
    """One of models.CORES_RACAS or ``None``."""
    rg: str | None = None
    certidao_nascimento: str | None = None
    nis: str | None = None
    codigo_inep: str | None = None
    # The aluno's identifier, like its id rather than part of what it is: two AlunoData with
    # the same values are equal whatever RA they carry. Blank on create means "generate one".
    ra: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class AlunoRow:
    id: int
    nome: str
    email: str | None
    cpf: str | None
    data_nascimento: date | None
    ativo: bool
    telefones: tuple[str, ...] = ()
    ra: str = ""
    nome_social: str | None = None
    sexo: str | None = None
    cor_raca: str | None = None
    rg: str | None = None
    certidao_nascimento: str | None = None
    nis: str | None = None
    codigo_inep: str | None = None


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


# --- helpers ----------------------------------------------------------------------------


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_pattern(text: str) -> str:
    return f"%{_escape_like(text)}%"


def _name_matches(column: ColumnElement[str], search: str) -> ColumnElement[bool]:
    """``escola_normaliza(column) LIKE '%' || escola_normaliza(:q) || '%'``, wildcards escaped."""
    return func.escola_normaliza(column).like(_like_pattern(normalize_text(search)), escape="\\")


def _optional_text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def _too_long(value: str | None, limit: int, message: str) -> str | None:
    return message if value is not None and len(value) > limit else None


def _choice(value: str | None, allowed: tuple[str, ...], fold: str) -> str | None:
    """A code of a pick list as stored; anything not in ``allowed`` is returned for validate to refuse."""
    text = (value or "").strip()
    if not text:
        return None
    folded = text.upper() if fold == "upper" else text.lower()
    return folded if folded in allowed else text


def _first_error(errors: dict[str, str]) -> None:
    for name, message in errors.items():
        raise ValidationError(name, message)


# --- alunos -----------------------------------------------------------------------------


def next_ra(session: Session) -> str:
    """The next RA: one more than the highest all-digit RA, in eight digits ("00000043").

    An RA typed by hand with letters does not count. The caller holds the write transaction
    (and the app the file's lock), so no one else takes the same number meanwhile.
    """
    highest = session.scalar(
        select(func.max(func.cast(Aluno.ra, Integer))).where(Aluno.ra.op("NOT GLOB")("*[^0-9]*"))
    )
    return f"{(highest or 0) + 1:08d}"


def new_aluno(clean: AlunoData, ra: str) -> Aluno:
    """An Aluno row with its phones, from already normalized data (see AlunoService.normalize)."""
    aluno = Aluno(ra=ra)
    _copy_fields(clean, aluno)
    aluno.contatos = [Contato(tipo=TELEFONE, valor=phone) for phone in clean.telefones]
    return aluno


# What AlunoService.update writes to the row (the RA and the phones are handled apart).
_ALUNO_COLUMNS = (
    "nome",
    "email",
    "cpf",
    "data_nascimento",
    "ativo",
    "nome_social",
    "sexo",
    "cor_raca",
    "rg",
    "certidao_nascimento",
    "nis",
    "codigo_inep",
)


def _copy_fields(clean: AlunoData, aluno: Aluno) -> None:
    for name in _ALUNO_COLUMNS:
        setattr(aluno, name, getattr(clean, name))


def _aluno_data(aluno: Aluno, telefones: tuple[str, ...]) -> AlunoData:
    values = {name: getattr(aluno, name) for name in _ALUNO_COLUMNS}
    values["ativo"] = bool(aluno.ativo)
    return AlunoData(**values, telefones=telefones, ra=aluno.ra)


def replace_telefones(session: Session, aluno_id: int, telefones: tuple[str, ...]) -> None:
    """Make ``telefones`` the aluno's phones; extra e-mails (tipo 'email') stay as they are."""
    session.execute(delete(Contato).where(Contato.aluno_id == aluno_id, Contato.tipo == TELEFONE))
    session.add_all(Contato(aluno_id=aluno_id, tipo=TELEFONE, valor=phone) for phone in telefones)


class AlunoService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def normalize(data: AlunoData) -> AlunoData:
        """The values as they are stored: trimmed nome, lowercased e-mail, document digits.

        Empty optional fields become ``None``; a blank RA too (``create`` then generates one).
        """
        return AlunoData(
            nome=v.normalize_nome(data.nome),
            email=v.normalize_email(data.email),
            cpf=v.normalize_cpf(data.cpf),
            data_nascimento=data.data_nascimento,
            ativo=bool(data.ativo),
            telefones=v.normalize_telefones(data.telefones),
            nome_social=v.normalize_nome(data.nome_social) or None,
            sexo=_choice(data.sexo, SEXOS, "upper"),
            cor_raca=_choice(data.cor_raca, CORES_RACAS, "lower"),
            rg=_optional_text(data.rg),
            certidao_nascimento=doc.normalize_certidao(data.certidao_nascimento),
            nis=doc.normalize_nis(data.nis),
            codigo_inep=doc.normalize_inep(data.codigo_inep),
            ra=_optional_text(data.ra),
        )

    def validate(self, data: AlunoData, aluno_id: int | None = None, today: date | None = None) -> dict[str, str]:
        """Every problem with ``data``, by field, including documents and RA already in use.

        Args:
            aluno_id: the aluno being edited, which may keep its own e-mail, documents and RA;
                its RA may change but not be emptied. On create a blank RA is generated.
            today: for the birth date check; the real today when omitted.

        Returns:
            ``{field: message}``, empty when ``data`` can be saved.
        """
        stored_email, stored_ra, stored_phones = None, None, set()
        if aluno_id is not None:
            with Session(self._engine) as session:
                stored_email, stored_ra = session.execute(
                    select(Aluno.email, Aluno.ra).where(Aluno.id == aluno_id)
                ).one_or_none() or (None, None)
                stored_phones = set(
                    v.normalize_telefones(
                        list(
                            session.scalars(
                                select(Contato.valor).where(Contato.aluno_id == aluno_id, Contato.tipo == TELEFONE)
                            )
                        )
                    )
                )
        clean = self.normalize(data)
        # Values kept from an old file ("ramal 12", an e-mail without a dot) are not blocked
        # when the secretary edits something else: only new or changed values are checked.
        new_phones = tuple(phone for phone in clean.telefones if phone not in stored_phones)
        email_unchanged = clean.email is not None and clean.email == stored_email
        errors: dict[str, str] = {}
        checks = {
            "nome": v.validate_nome(data.nome),
            "email": None if email_unchanged else v.validate_email(data.email),
            "cpf": v.validate_cpf(data.cpf),
            "data_nascimento": v.validate_data_nascimento(data.data_nascimento, today),
            "telefones": v.validate_telefones(new_phones),
            "nome_social": _too_long(clean.nome_social, NOME_SOCIAL_MAX_LENGTH, NOME_SOCIAL_LONGO),
            "sexo": SEXO_INVALIDO if clean.sexo is not None and clean.sexo not in SEXOS else None,
            "cor_raca": COR_RACA_INVALIDA if clean.cor_raca is not None and clean.cor_raca not in CORES_RACAS else None,
            "rg": _too_long(clean.rg, RG_MAX_LENGTH, RG_LONGO),
            "certidao_nascimento": doc.validate_certidao(data.certidao_nascimento),
            "nis": doc.validate_nis(data.nis),
            "codigo_inep": doc.validate_inep_aluno(data.codigo_inep),
            "ra": self._validate_ra(clean.ra, aluno_id, stored_ra),
        }
        errors.update({field: message for field, message in checks.items() if message})
        others = select(Aluno.id)
        if aluno_id is not None:
            others = others.where(Aluno.id != aluno_id)
        with Session(self._engine) as session:

            def in_use(condition: ColumnElement[bool]) -> bool:
                return session.scalar(others.where(condition).limit(1)) is not None

            if "email" not in errors and clean.email and in_use(func.lower(Aluno.email) == clean.email):
                errors["email"] = EMAIL_EM_USO
            if "cpf" not in errors and clean.cpf and in_use(Aluno.cpf == clean.cpf):
                errors["cpf"] = CPF_EM_USO
            unique: tuple[tuple[str, ColumnElement[str | None], str], ...] = (
                ("certidao_nascimento", Aluno.certidao_nascimento, CERTIDAO_EM_USO),
                ("nis", Aluno.nis, NIS_EM_USO),
                ("codigo_inep", Aluno.codigo_inep, INEP_EM_USO),
                ("ra", Aluno.ra, RA_EM_USO),
            )
            for name, column, message in unique:
                value = getattr(clean, name)
                if name not in errors and value and in_use(column == value):
                    errors[name] = message
        return errors

    @staticmethod
    def _validate_ra(ra: str | None, aluno_id: int | None, stored_ra: str | None) -> str | None:
        if ra is None:
            # On create the service generates the RA; an aluno being edited keeps one.
            return None if aluno_id is None else RA_OBRIGATORIO
        if ra == stored_ra:
            return None  # the RA the aluno already has is not checked again
        return _too_long(ra, RA_MAX_LENGTH, RA_LONGO)

    def list(self, search: str = "") -> list[AlunoRow]:
        """Alunos whose nome (ignoring accents and case), CPF digits or e-mail contain ``search``,
        or whose RA starts with it."""
        condition = self._search_condition(search)
        with Session(self._engine) as session:
            query = select(Aluno).order_by(func.escola_normaliza(Aluno.nome), Aluno.id)
            phones_query = select(Contato.aluno_id, Contato.valor).where(Contato.tipo == TELEFONE)
            if condition is not None:
                query = query.where(condition)
                phones_query = phones_query.where(Contato.aluno_id.in_(select(Aluno.id).where(condition)))
            phones: dict[int, list[str]] = {}
            for aluno_id, valor in session.execute(phones_query.order_by(Contato.id)):
                phones.setdefault(aluno_id, []).append(valor)
            return [
                AlunoRow(
                    id=a.id,
                    nome=a.nome,
                    email=a.email,
                    cpf=a.cpf,
                    data_nascimento=a.data_nascimento,
                    ativo=bool(a.ativo),
                    telefones=tuple(phones.get(a.id, ())),
                    ra=a.ra,
                    nome_social=a.nome_social,
                    sexo=a.sexo,
                    cor_raca=a.cor_raca,
                    rg=a.rg,
                    certidao_nascimento=a.certidao_nascimento,
                    nis=a.nis,
                    codigo_inep=a.codigo_inep,
                )
                for a in session.scalars(query)
            ]

    @staticmethod
    def _search_condition(search: str) -> ColumnElement[bool] | None:
        text = search.strip()
        if not text:
            return None
        alternatives = [
            _name_matches(Aluno.nome, text),
            func.lower(Aluno.email).like(_like_pattern(text.lower()), escape="\\"),
            # The RA is typed from a paper: exactly, or its first characters.
            Aluno.ra.like(f"{_escape_like(text)}%", escape="\\"),
        ]
        digits = "".join(c for c in text if c.isdigit())
        if digits:
            alternatives.append(Aluno.cpf.like(_like_pattern(digits), escape="\\"))
        return or_(*alternatives)

    def get(self, aluno_id: int) -> AlunoData:
        with Session(self._engine) as session:
            aluno = session.get(Aluno, aluno_id)
            if aluno is None:
                raise RecordNotFoundError(f"aluno {aluno_id}")
            phones = session.scalars(
                select(Contato.valor).where(Contato.aluno_id == aluno_id, Contato.tipo == TELEFONE).order_by(Contato.id)
            ).all()
            return _aluno_data(aluno, tuple(phones))

    def create(self, data: AlunoData) -> int:
        _first_error(self.validate(data))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            aluno = new_aluno(clean, clean.ra or next_ra(session))
            session.add(aluno)
            session.flush()
            return aluno.id

    def update(self, aluno_id: int, data: AlunoData) -> None:
        _first_error(self.validate(data, aluno_id))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            aluno = session.get(Aluno, aluno_id)
            if aluno is None:
                raise RecordNotFoundError(f"aluno {aluno_id}")
            _copy_fields(clean, aluno)
            aluno.ra = clean.ra  # type: ignore[assignment]  # validate refused an empty RA
            # Extra e-mails (tipo 'email') are not edited here and stay as they are.
            replace_telefones(session, aluno_id, clean.telefones)

    def delete(self, aluno_id: int) -> None:
        """Delete the aluno; the database cascades to its contatos and matrículas."""
        with Session(self._engine) as session, session.begin():
            result = session.execute(delete(Aluno).where(Aluno.id == aluno_id))
            if result.rowcount == 0:
                raise RecordNotFoundError(f"aluno {aluno_id}")

    def count_dependents(self, aluno_id: int) -> int:
        """How many matrículas go with the aluno when it is deleted."""
        with Session(self._engine) as session:
            return session.scalar(select(func.count()).where(Matricula.aluno_id == aluno_id)) or 0


# --- cursos -----------------------------------------------------------------------------


class CursoService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def normalize(data: CursoData) -> CursoData:
        return CursoData(
            nome=v.normalize_nome(data.nome),
            descricao=_optional_text(data.descricao),
            carga_horaria=data.carga_horaria,
            observacoes=_optional_text(data.observacoes),
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
            query = query.where(_name_matches(Curso.nome, search.strip()))
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
        _first_error(self.validate(data))
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
        _first_error(self.validate(data, curso_id))
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
        query = (
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
            .order_by(func.escola_normaliza(Aluno.nome), func.escola_normaliza(Curso.nome), Matricula.id)
        )
        if search.strip():
            query = query.where(
                or_(_name_matches(Aluno.nome, search.strip()), _name_matches(Curso.nome, search.strip()))
            )
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
        _first_error(self.validate(data))
        with Session(self._engine) as session, session.begin():
            matricula = Matricula(
                aluno_id=aluno_id,
                curso_id=curso_id,
                data_matricula=data_matricula,
                observacoes=_optional_text(observacoes),
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
        _first_error(self.validate(data, matricula_id))
        with Session(self._engine) as session, session.begin():
            matricula = session.get(Matricula, matricula_id)
            if matricula is None:
                raise RecordNotFoundError(f"matricula {matricula_id}")
            matricula.aluno_id = aluno_id  # type: ignore[assignment]
            matricula.curso_id = curso_id  # type: ignore[assignment]
            matricula.data_matricula = data_matricula
            matricula.observacoes = _optional_text(observacoes)

    def delete(self, matricula_id: int) -> None:
        with Session(self._engine) as session, session.begin():
            result = session.execute(delete(Matricula).where(Matricula.id == matricula_id))
            if result.rowcount == 0:
                raise RecordNotFoundError(f"matricula {matricula_id}")

    def aluno_choices(self) -> list[Choice]:
        """Alunos to pick from, by nome; inactive ones too, since old enrolments name them."""
        return self._choices(Aluno.id, Aluno.nome)

    def curso_choices(self) -> list[Choice]:
        return self._choices(Curso.id, Curso.nome)

    def _choices(self, id_column: ColumnElement[int], nome_column: ColumnElement[str]) -> list[Choice]:
        query = select(id_column, nome_column).order_by(func.escola_normaliza(nome_column), id_column)
        with Session(self._engine) as session:
            return [Choice(id_, nome) for id_, nome in session.execute(query)]


# --- planilhas -------------------------------------------------------------------------


class PlanilhaService:
    """Importing alunos from a spreadsheet and exporting them, over one engine.

    A thin wrapper over :mod:`~escola_gui.core.planilhas` and
    :mod:`~escola_gui.core.importacao`, so that the GUI gets the engine's work without the engine.
    Those modules import this one (for :class:`AlunoService`), hence the imports inside the methods.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def read(path: Path | str) -> Table:
        """The file's header and rows; see :func:`~escola_gui.core.planilhas.read_table` for the errors."""
        from escola_gui.core.planilhas import read_table

        return read_table(path)

    def preview(self, table: Table, mapping: Mapping[str, str | None] | None = None) -> ImportPreview:
        """What importing ``table`` would do; writes nothing. See :func:`~escola_gui.core.importacao.preview`."""
        from escola_gui.core.importacao import preview

        return preview(self._engine, table, mapping)

    def apply(self, plan: ImportPreview) -> ImportResult:
        """Write ``plan`` in one transaction. See :func:`~escola_gui.core.importacao.apply`."""
        from escola_gui.core.importacao import apply

        return apply(self._engine, plan)

    def export_alunos(self, path: Path | str) -> int:
        """Write every aluno to a new ``.csv`` or ``.xlsx``; returns how many."""
        from escola_gui.core.importacao import export_alunos

        return export_alunos(self._engine, path)


# --- relatórios ------------------------------------------------------------------------


class RelatorioService:
    """The data of each report, over one engine (the GUI lays it out and prints it)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def ficha_do_aluno(self, aluno_id: int) -> FichaAluno:
        """See :func:`~escola_gui.core.relatorios.ficha_do_aluno`; raises RecordNotFoundError."""
        from escola_gui.core.relatorios import ficha_do_aluno  # it imports this module

        return ficha_do_aluno(self._engine, aluno_id)


# --- bundle -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Services:
    """The services the GUI uses, all over one engine."""

    alunos: AlunoService
    cursos: CursoService
    matriculas: MatriculaService
    planilhas: PlanilhaService
    relatorios: RelatorioService

    @classmethod
    def for_engine(cls, engine: Engine) -> Services:
        return cls(
            AlunoService(engine),
            CursoService(engine),
            MatriculaService(engine),
            PlanilhaService(engine),
            RelatorioService(engine),
        )


__all__ = [
    "AlunoData",
    "AlunoRow",
    "AlunoService",
    "Choice",
    "CursoData",
    "CursoRow",
    "CursoService",
    "MatriculaData",
    "MatriculaRow",
    "MatriculaService",
    "PlanilhaService",
    "RecordNotFoundError",
    "RelatorioService",
    "Services",
    "ValidationError",
]
