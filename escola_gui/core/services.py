"""Qt-free services over the everyday engine: alunos, responsáveis, cursos and matrículas.

Each method opens one short ``Session`` and returns plain frozen dataclasses, never ORM
objects. Mistakes the user can fix (a bad CPF, an e-mail already in use, an enrolment that
exists) come back as :class:`~escola_gui.core.validation.ValidationError`, found by checking
before writing rather than by waiting for an ``IntegrityError``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    Select,
    Subquery,
    and_,
    delete,
    func,
    literal_column,
    or_,
    select,
    union,
)
from sqlalchemy import text as text_clause
from sqlalchemy.orm import Session

from escola_gui.core import auditoria
from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.db import normalize_text
from escola_gui.core.models import (
    ALUNOS_BUSCA,
    CORES_RACAS,
    PARENTESCOS,
    SEXOS,
    Aluno,
    AlunoResponsavel,
    Contato,
    ContatoResponsavel,
    Curso,
    Matricula,
    Responsavel,
)
from escola_gui.core.validation import QT_TRANSLATE_NOOP, ValidationError

if TYPE_CHECKING:
    from types import EllipsisType

    from escola_gui.core.auditoria import AuditoriaService
    from escola_gui.core.escolar import (
        AnoLetivoService,
        DiarioService,
        DisciplinaService,
        EscolaService,
        HistoricoExternoService,
        TurmaService,
    )
    from escola_gui.core.importacao.results import ImportPreview, ImportResult
    from escola_gui.core.lixeira import LixeiraService
    from escola_gui.core.planilhas import Table
    from escola_gui.core.relatorios import Caderno, Documento, FichaAluno

EMAIL_EM_USO = QT_TRANSLATE_NOOP("validation", "Este e-mail já está cadastrado para outro aluno.")
CPF_EM_USO = QT_TRANSLATE_NOOP("validation", "Este CPF já está cadastrado para outro aluno.")
CERTIDAO_EM_USO = QT_TRANSLATE_NOOP("validation", "Esta certidão de nascimento já está cadastrada para outro aluno.")
NIS_EM_USO = QT_TRANSLATE_NOOP("validation", "Este NIS já está cadastrado para outro aluno.")
INEP_EM_USO = QT_TRANSLATE_NOOP("validation", "Este código INEP já está cadastrado para outro aluno.")
RA_EM_USO = QT_TRANSLATE_NOOP("validation", "Este RA já pertence a outro aluno.")
_UNIQUE_MESSAGES = (
    ("email", EMAIL_EM_USO),
    ("cpf", CPF_EM_USO),
    ("certidao_nascimento", CERTIDAO_EM_USO),
    ("nis", NIS_EM_USO),
    ("codigo_inep", INEP_EM_USO),
    ("ra", RA_EM_USO),
)
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
CPF_RESPONSAVEL_EM_USO = QT_TRANSLATE_NOOP(
    "validation", "Este CPF já está cadastrado para outro responsável; busque-o pelo nome ou CPF para reutilizá-lo."
)
PARENTESCO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Escolha o parentesco na lista.")

TELEFONE = "telefone"
EMAIL = "email"
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
    build it positionally (the spreadsheet import) keep working; so does every field added
    since, ``outros_emails`` last.
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
    # Address (revision 0008). CEP is stored as its eight digits, UF as two capital letters.
    cep: str | None = None
    logradouro: str | None = None
    numero: str | None = None
    complemento: str | None = None
    bairro: str | None = None
    municipio: str | None = None
    uf: str | None = None
    # The aluno's identifier, like its id rather than part of what it is: two AlunoData with
    # the same values are equal whatever RA they carry. Blank on create means "generate one".
    ra: str | None = field(default=None, compare=False)
    # E-mails besides the main one, stored as contatos of tipo 'email' (revision 0003 moved
    # there the e-mails repeated in another letter case). Like ``telefones``, what the aluno
    # has: an update replaces the stored ones with these.
    outros_emails: tuple[str, ...] = ()


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


# The Alunos list's sortable columns and what each sorts by, every one through an index
# (revision 0012; RA, CPF and e-mail by their unique indexes). Ties go by id.
ALUNO_SORT_COLUMNS: dict[str, tuple[ColumnElement[object], ...]] = {
    "nome": (Aluno.nome_ordem,),
    "ra": (Aluno.ra_ordem,),
    "email": (Aluno.email,),
    "cpf": (Aluno.cpf,),
    "data_nascimento": (Aluno.data_nascimento,),
    "ativo": (Aluno.ativo, Aluno.nome_ordem),
}
_WORD_RE = re.compile(r"\w+")
_CPF_TYPED_RE = re.compile(r"[\d.\-\s]+")
# Above every character: "abc" <= x < "abc" + _LAST is "x starts with abc", by index.
_LAST = "\U0010ffff"


def _starts_with(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, as a range the column's index answers (LIKE would not)."""
    return and_(column >= prefix, column < prefix + _LAST)


def _quick_search_ids(search: str) -> Subquery | None:
    """The ids of the alunos :meth:`AlunoService.page` finds, as a UNION of indexed lookups;
    ``None`` for an empty search (every aluno)."""
    text = search.strip()
    if not text:
        return None
    parts: list[Select[tuple[int]]] = [
        select(Aluno.id.label("id")).where(_starts_with(Aluno.ra, text)),
        select(Aluno.id.label("id")).where(_starts_with(Aluno.email, text.lower())),
    ]
    words = _WORD_RE.findall(text)
    if words:
        # Each word quoted (no FTS syntax from the user) and matched by its beginning.
        match = " ".join(f'"{w}"*' for w in words)
        parts.append(
            select(literal_column("rowid").label("id"))
            .select_from(text_clause(ALUNOS_BUSCA))
            .where(literal_column(ALUNOS_BUSCA).op("MATCH")(match))
        )
    if _CPF_TYPED_RE.fullmatch(text):
        digits = "".join(c for c in text if c.isdigit())
        if digits:
            parts.append(select(Aluno.id.label("id")).where(_starts_with(Aluno.cpf, digits)))
    return union(*parts).subquery("encontrados")


# ALUNO_SORT_COLUMNS by column name, for the queries written by hand.
_ALUNO_SORT_SQL: dict[str, tuple[str, ...]] = {
    name: tuple(str(column.key) for column in columns) for name, columns in ALUNO_SORT_COLUMNS.items()
}
_NO_MATCH = "\x00"  # no RA, e-mail or CPF starts with NUL: a range that finds nothing


def _order_sql(sort_column: str, descending: bool) -> str:
    if sort_column not in _ALUNO_SORT_SQL:
        raise ValueError(f"not a sortable column of the Alunos list: {sort_column!r}")
    direction = " DESC" if descending else ""
    return ", ".join(f"{key}{direction}" for key in (*_ALUNO_SORT_SQL[sort_column], "id"))


# How much dearer a row read from the table and tested is than a match gathered by its index.
WALK_FACTOR = 10


def _dense_page_ids(conn: Connection, search: str, order: str, offset: int, limit: int) -> list[int]:
    """The ids of one page of the alunos :func:`_quick_search_ids` finds, by walking the index
    of the sort column and testing each row (the ``+`` keeps SQLite from using the other
    indexes, so that it reads in the list's order and stops after the page)."""
    text = search.strip()
    words = _WORD_RE.findall(text)
    digits = "".join(c for c in text if c.isdigit()) if _CPF_TYPED_RE.fullmatch(text) else ""
    cpf = digits or _NO_MATCH
    sql = (
        "SELECT id FROM alunos WHERE (+ra >= :text AND +ra < :text_end)"
        " OR (+email >= :email AND +email < :email_end) OR (+cpf >= :cpf AND +cpf < :cpf_end)"
    )
    params: dict[str, object] = {
        "text": text,
        "text_end": text + _LAST,
        "email": text.lower(),
        "email_end": text.lower() + _LAST,
        "cpf": cpf,
        "cpf_end": cpf + _LAST,
        "limit": limit,
        "offset": offset,
    }
    if words:
        sql += f" OR +id IN (SELECT rowid FROM {ALUNOS_BUSCA} WHERE {ALUNOS_BUSCA} MATCH :match)"
        params["match"] = " ".join(f'"{w}"*' for w in words)
    sql += f" ORDER BY {order} LIMIT :limit OFFSET :offset"
    return list(conn.execute(text_clause(sql), params).scalars())


def _aluno_row(a: Aluno, telefones: Sequence[str]) -> AlunoRow:
    return AlunoRow(
        id=a.id,
        nome=a.nome,
        email=a.email,
        cpf=a.cpf,
        data_nascimento=a.data_nascimento,
        ativo=bool(a.ativo),
        telefones=tuple(telefones),
        ra=a.ra,
        nome_social=a.nome_social,
        sexo=a.sexo,
        cor_raca=a.cor_raca,
        rg=a.rg,
        certidao_nascimento=a.certidao_nascimento,
        nis=a.nis,
        codigo_inep=a.codigo_inep,
    )


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


def _matricula_rows() -> Select[tuple[int, int, str, int, str, date | None, str | None]]:
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


# --- alunos -----------------------------------------------------------------------------


def next_ra(session: Session) -> str:
    """The next RA: one more than the highest all-digit RA, in eight digits ("00000043").

    An RA typed by hand with letters does not count. The alunos in the Lixeira count: a new
    aluno does not take the RA of one that may be restored. The caller holds the write
    transaction (and the app the file's lock), so no one else takes the same number meanwhile.
    """
    highest = session.scalar(select(func.max(func.cast(Aluno.ra, Integer))).where(Aluno.ra.op("NOT GLOB")("*[^0-9]*")))
    connection = session.connection()
    na_lixeira = None
    # (the upgrade tests fill files of revisions before the Lixeira through these services)
    if connection.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lixeira'").first():
        na_lixeira = connection.exec_driver_sql(_RA_NA_LIXEIRA).scalar()
    return f"{max(highest or 0, na_lixeira or 0) + 1:08d}"


# The highest all-digit RA among the alunos kept in the Lixeira (core/lixeira.py's JSON snapshots).
_RA_NA_LIXEIRA = """
SELECT MAX(CAST(json_extract(a.value, '$.ra') AS INTEGER))
FROM lixeira, json_each(CASE WHEN json_valid(lixeira.dados) THEN lixeira.dados ELSE '{}' END, '$.tabelas.alunos') AS a
WHERE lixeira.tipo = 'aluno' AND json_type(a.value, '$.ra') = 'text'
  AND json_extract(a.value, '$.ra') NOT GLOB '*[^0-9]*'
"""


# The AlunoData fields kept as contatos rows, by tipo: phones and the e-mails besides the main one.
CONTATO_FIELDS = ((TELEFONE, "telefones"), (EMAIL, "outros_emails"))


def new_aluno(clean: AlunoData, ra: str) -> Aluno:
    """An Aluno row with its phones and other e-mails, from already normalized data (see
    AlunoService.normalize)."""
    aluno = Aluno(ra=ra)
    _copy_fields(clean, aluno)
    aluno.contatos = [
        Contato(tipo=tipo, valor=valor) for tipo, name in CONTATO_FIELDS for valor in getattr(clean, name)
    ]
    return aluno


# What AlunoService.update writes to the row (the RA and the contatos are handled apart).
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
    "cep",
    "logradouro",
    "numero",
    "complemento",
    "bairro",
    "municipio",
    "uf",
)

_ENDERECO_LIMITES = (
    ("logradouro", 150, QT_TRANSLATE_NOOP("validation", "O logradouro deve ter no máximo 150 caracteres.")),
    ("numero", 20, QT_TRANSLATE_NOOP("validation", "O número deve ter no máximo 20 caracteres.")),
    ("complemento", 100, QT_TRANSLATE_NOOP("validation", "O complemento deve ter no máximo 100 caracteres.")),
    ("bairro", 100, QT_TRANSLATE_NOOP("validation", "O bairro deve ter no máximo 100 caracteres.")),
    ("municipio", 100, QT_TRANSLATE_NOOP("validation", "O município deve ter no máximo 100 caracteres.")),
)


def _copy_fields(clean: AlunoData, aluno: Aluno) -> None:
    for name in _ALUNO_COLUMNS:
        setattr(aluno, name, getattr(clean, name))


def _aluno_data(aluno: Aluno, contatos: Mapping[str, tuple[str, ...]]) -> AlunoData:
    values = {name: getattr(aluno, name) for name in _ALUNO_COLUMNS}
    values["ativo"] = bool(aluno.ativo)
    return AlunoData(**values, **{name: contatos.get(tipo, ()) for tipo, name in CONTATO_FIELDS}, ra=aluno.ra)


def _aluno_contatos(session: Session, aluno_id: int) -> dict[str, tuple[str, ...]]:
    """The aluno's contatos as stored, by tipo ('telefone', 'email'), each in the order added."""
    found: dict[str, list[str]] = {}
    for tipo, valor in session.execute(
        select(Contato.tipo, Contato.valor).where(Contato.aluno_id == aluno_id).order_by(Contato.id)
    ):
        found.setdefault(tipo, []).append(valor)
    return {tipo: tuple(values) for tipo, values in found.items()}


def replace_contatos(session: Session, aluno_id: int, tipo: str, valores: tuple[str, ...]) -> None:
    """Make ``valores`` the aluno's contatos of ``tipo`` (TELEFONE or EMAIL); those of the
    other tipo stay as they are."""
    stored = session.scalars(
        select(Contato).where(Contato.aluno_id == aluno_id, Contato.tipo == tipo).order_by(Contato.id)
    ).all()
    _replace_rows(session, stored, valores, lambda valor: Contato(aluno_id=aluno_id, tipo=tipo, valor=valor))


def _replace_rows(
    session: Session,
    stored: Sequence[Contato] | Sequence[ContatoResponsavel],
    valores: Sequence[str],
    make: Callable[[str], Contato | ContatoResponsavel],
) -> None:
    """Make the ``stored`` rows hold ``valores``, in order, touching only what changed (so
    that the audit log records the phone removed or added, not every phone again): rows whose
    value goes are deleted and new values appended; a new order rewrites them all."""
    current = [row.valor for row in stored]
    if current == list(valores):
        return
    kept = [row for row in stored if row.valor in valores]
    added = [valor for valor in valores if valor not in current]
    if [row.valor for row in kept] + added != list(valores):
        kept, added = [], list(valores)
    for row in stored:
        if row not in kept:
            session.delete(row)
    session.add_all(make(valor) for valor in added)


def _normalize_outros_emails(values: tuple[str, ...] | list[str], email: str | None) -> tuple[str, ...]:
    """One e-mail per item, trimmed and lowercased, without blanks, repeats or the main
    ``email`` (already normalized), in order."""
    return tuple(other for other in _normalize_emails(values) if other != email)


def _unique_column(name: str) -> ColumnElement[str | None]:
    """The column no two alunos may share a value of, as compared (the e-mail ignoring case)."""
    column = getattr(Aluno, name)
    return func.lower(column) if name == "email" else column


@dataclass(frozen=True)
class AlunoLookup:
    """What :meth:`AlunoService.validate` reads from the database, read once for many alunos
    (an import checks thousands): the stored e-mail, RA and contatos of the alunos being
    edited, and which alunos hold each value of the unique fields."""

    stored: Mapping[int, tuple[str | None, str | None, tuple[str, ...], tuple[str, ...]]]
    """aluno id → (email, ra, telefones, outros e-mails) as stored."""
    holders: Mapping[str, Mapping[str, tuple[int, ...]]]
    """field of :data:`UNIQUE_ALUNO_FIELDS` → value as compared → the ids of the alunos holding it."""

    def in_use(self, name: str, value: str, aluno_id: int | None) -> bool:
        return any(holder != aluno_id for holder in self.holders.get(name, {}).get(value, ()))

    @classmethod
    def load(cls, session: Session, values: Mapping[str, Iterable[str]], stored: Iterable[int] = ()) -> AlunoLookup:
        """Read who holds ``values`` (field → the values to check) and the stored data of the
        ``stored`` alunos: one query per field and per 500 values."""
        holders: dict[str, dict[str, tuple[int, ...]]] = {}
        for name in UNIQUE_ALUNO_FIELDS:
            wanted = sorted({value for value in values.get(name, ()) if value})
            found: dict[str, list[int]] = {}
            column = _unique_column(name)
            for start in range(0, len(wanted), 500):
                query = select(column, Aluno.id).where(column.in_(wanted[start : start + 500])).order_by(Aluno.id)
                for value, aluno_id in session.execute(query):
                    found.setdefault(value, []).append(aluno_id)
            holders[name] = {value: tuple(ids) for value, ids in found.items()}
        ids = sorted(set(stored))
        rows: dict[int, tuple[str | None, str | None, tuple[str, ...], tuple[str, ...]]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            contatos: dict[int, dict[str, list[str]]] = {}
            for aluno_id, tipo, valor in session.execute(
                select(Contato.aluno_id, Contato.tipo, Contato.valor)
                .where(Contato.aluno_id.in_(chunk))
                .order_by(Contato.id)
            ):
                contatos.setdefault(aluno_id, {}).setdefault(tipo, []).append(valor)
            for aluno_id, email, ra in session.execute(
                select(Aluno.id, Aluno.email, Aluno.ra).where(Aluno.id.in_(chunk))
            ):
                found_contatos = contatos.get(aluno_id, {})
                rows[aluno_id] = (
                    email,
                    ra,
                    tuple(found_contatos.get(TELEFONE, ())),
                    tuple(found_contatos.get(EMAIL, ())),
                )
        return cls(rows, holders)


UNIQUE_ALUNO_FIELDS = ("email", "cpf", "certidao_nascimento", "nis", "codigo_inep", "ra")
"""The fields no two alunos may share, in the order :meth:`AlunoService.validate` checks them."""


class AlunoService:
    # The photo is stored as the GUI leaves it: a small PNG or JPEG (see dialogs.load_foto).
    FOTO_INVALIDA = QT_TRANSLATE_NOOP("validation", "A foto deve ser uma imagem PNG ou JPEG.")
    FOTO_GRANDE = QT_TRANSLATE_NOOP("validation", "A foto deve ter no máximo 2 MB.")
    FOTO_MAX_BYTES = 2 * 1024 * 1024

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
            cep=v.normalize_cep(data.cep),
            logradouro=_optional_text(data.logradouro),
            numero=_optional_text(data.numero),
            complemento=_optional_text(data.complemento),
            bairro=_optional_text(data.bairro),
            municipio=_optional_text(data.municipio),
            uf=(_optional_text(data.uf) or "").upper() or None,
            ra=_optional_text(data.ra),
            outros_emails=_normalize_outros_emails(data.outros_emails, v.normalize_email(data.email)),
        )

    def validate(
        self,
        data: AlunoData,
        aluno_id: int | None = None,
        today: date | None = None,
        *,
        lookup: AlunoLookup | None = None,
        normalized: bool = False,
    ) -> dict[str, str]:
        """Every problem with ``data``, by field, including documents and RA already in use.

        Args:
            aluno_id: the aluno being edited, which may keep its own e-mail, documents and RA;
                its RA may change but not be emptied. On create a blank RA is generated.
            today: for the birth date check; the real today when omitted.
            lookup: the same database facts read once for many calls (the import); without it
                each call reads them.
            normalized: ``data`` is already what :meth:`normalize` returns (the import's merged
                lines), so it is not normalized again.

        Returns:
            ``{field: message}``, empty when ``data`` can be saved.
        """
        stored_email, stored_ra, stored_phones, stored_emails = None, None, set(), set()
        if aluno_id is not None and lookup is not None:
            stored_email, stored_ra, phones, emails = lookup.stored.get(aluno_id, (None, None, (), ()))
            stored_phones = set(v.normalize_telefones(phones))
            stored_emails = set(_normalize_emails(emails))
        elif aluno_id is not None:
            with Session(self._engine) as session:
                stored_email, stored_ra = session.execute(
                    select(Aluno.email, Aluno.ra).where(Aluno.id == aluno_id)
                ).one_or_none() or (None, None)
                contatos = _aluno_contatos(session, aluno_id)
                stored_phones = set(v.normalize_telefones(contatos.get(TELEFONE, ())))
                stored_emails = set(_normalize_emails(contatos.get(EMAIL, ())))
        clean = data if normalized else self.normalize(data)
        # Values kept from an old file ("ramal 12", an e-mail without a dot) are not blocked
        # when the secretary edits something else: only new or changed values are checked.
        new_phones = tuple(phone for phone in clean.telefones if phone not in stored_phones)
        new_emails = tuple(email for email in clean.outros_emails if email not in stored_emails)
        email_unchanged = clean.email is not None and clean.email == stored_email
        errors: dict[str, str] = {}
        checks = {
            "nome": v.validate_nome(data.nome),
            "email": None if email_unchanged else v.validate_email(data.email),
            "cpf": v.validate_cpf(data.cpf),
            "data_nascimento": v.validate_data_nascimento(data.data_nascimento, today),
            "telefones": v.validate_telefones(new_phones),
            "outros_emails": next((m for m in map(v.validate_email, new_emails) if m), None),
            "nome_social": _too_long(clean.nome_social, NOME_SOCIAL_MAX_LENGTH, NOME_SOCIAL_LONGO)
            or (v.NOME_CONTROLE if v.has_control_characters(clean.nome_social) else None),
            "sexo": SEXO_INVALIDO if clean.sexo is not None and clean.sexo not in SEXOS else None,
            "cor_raca": COR_RACA_INVALIDA if clean.cor_raca is not None and clean.cor_raca not in CORES_RACAS else None,
            "rg": _too_long(clean.rg, RG_MAX_LENGTH, RG_LONGO) or v.validate_texto(clean.rg),
            "certidao_nascimento": doc.validate_certidao(data.certidao_nascimento),
            "nis": doc.validate_nis(data.nis),
            "codigo_inep": doc.validate_inep_aluno(data.codigo_inep),
            "ra": self._validate_ra(clean.ra, aluno_id, stored_ra) or v.validate_texto(clean.ra),
            "cep": v.validate_cep(data.cep),
            "uf": v.validate_uf(data.uf),
            **{
                name: _too_long(getattr(clean, name), limit, message) or v.validate_texto(getattr(clean, name))
                for name, limit, message in _ENDERECO_LIMITES
            },
        }
        errors.update({field: message for field, message in checks.items() if message})
        if aluno_id is not None:
            self._keep_stored_control_characters(errors, clean, aluno_id)
        if lookup is not None:
            for name, message in _UNIQUE_MESSAGES:
                value = getattr(clean, name)
                if name not in errors and value and lookup.in_use(name, value, aluno_id):
                    errors[name] = message
            return errors
        others = select(Aluno.id)
        if aluno_id is not None:
            others = others.where(Aluno.id != aluno_id)
        with Session(self._engine) as session:
            for name, message in _UNIQUE_MESSAGES:
                value = getattr(clean, name)
                condition = _unique_column(name) == value
                if name not in errors and value and session.scalar(others.where(condition).limit(1)) is not None:
                    errors[name] = message
        return errors

    def _keep_stored_control_characters(self, errors: dict[str, str], clean: AlunoData, aluno_id: int) -> None:
        """A control character already in the file (an old import, a 0.x value) does not block
        saving the aluno: only a new or changed value is refused for holding one."""
        flagged = [name for name, message in errors.items() if message in (v.NOME_CONTROLE, v.TEXTO_CONTROLE)]
        if not flagged:
            return
        with Session(self._engine) as session:
            aluno = session.get(Aluno, aluno_id)
            if aluno is None:
                return
            stored = self.normalize(_aluno_data(aluno, {}))
        for name in flagged:
            if getattr(clean, name) == getattr(stored, name):
                del errors[name]

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
        or whose RA starts with it. Every one at once: for small callers; the Alunos list pages
        through :meth:`page` instead."""
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
            return [_aluno_row(a, phones.get(a.id, ())) for a in session.scalars(query)]

    def count(self, search: str = "", *, ativos_only: bool = False) -> int:
        """How many alunos :meth:`page` finds for ``search`` (only the active ones: ``ativos_only``)."""
        ids = _quick_search_ids(search)
        query = select(func.count()).select_from(Aluno) if ids is None else select(func.count()).select_from(ids)
        if ativos_only:
            query = select(func.count()).select_from(Aluno).where(Aluno.ativo.is_(True))
            if ids is not None:
                query = query.where(Aluno.id.in_(select(ids.c.id)))
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def page(
        self,
        search: str = "",
        sort_column: str = "nome",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
        matches: int | None = None,
        *,
        ativos_only: bool = False,
    ) -> list[AlunoRow]:
        """One page of the Alunos list, sorted in SQL on an indexed column (:data:`ALUNO_SORT_COLUMNS`).

        ``search`` finds, each through an index: the words of the nome or nome social, each
        word by its beginning, ignoring accents and case ("joão sil" finds "João da Silva"),
        the RA by its beginning, the CPF by its first digits (dots and dash allowed) and the
        e-mail by its beginning. Phones are read for the rows of this page only.

        ``matches``: :meth:`count` for ``search`` when the caller knows it. When most alunos
        match, the page is found by testing each row of the sort column's index as it is read;
        otherwise the matches' ids are gathered and that index is read keeping them.

        ``ativos_only`` leaves out the inactive alunos (``ativo`` unchecked), in the same query.
        """
        order = _order_sql(sort_column, descending)
        offset, limit = max(offset, 0), max(limit, 0)
        ids = _quick_search_ids(search)
        with Session(self._engine) as session:
            conn = session.connection()
            if ids is None:
                # The sort column's index holds the ids: the page is read from it alone.
                where = "WHERE ativo = 1 " if ativos_only else ""
                page_ids = list(
                    conn.execute(
                        text_clause(f"SELECT id FROM alunos {where}ORDER BY {order} LIMIT :limit OFFSET :offset"),
                        {"limit": limit, "offset": offset},
                    ).scalars()
                )
            else:
                alunos_total = int(conn.execute(text_clause("SELECT coalesce(max(id), 0) FROM alunos")).scalar_one())
                if matches is None:
                    # Typing an RA: its first characters are most often every RA's (the year).
                    ra_range = text_clause(
                        "SELECT count(*) FROM (SELECT 1 FROM alunos WHERE ra >= :start AND ra < :end LIMIT :cap)"
                    )
                    text = search.strip()
                    cap = alunos_total // 2 + 1
                    matches = int(conn.execute(ra_range, {"start": text, "end": text + _LAST, "cap": cap}).scalar_one())
                if not ativos_only and matches and (offset + limit) * alunos_total * WALK_FACTOR < matches * matches:
                    # Most alunos match: each row of the sort column's index is tested as it is read.
                    page_ids = _dense_page_ids(conn, search, order, offset, limit)
                else:
                    # The matches' ids are gathered, then the sort column's index (which holds the
                    # ids) is read in order, keeping those ids: no row is read from the table and
                    # nothing is sorted. The "+" keeps SQLite from looking the ids up instead.
                    walk = (
                        select(Aluno.id)
                        .where(literal_column("+alunos.id").in_(select(ids.c.id)))
                        .order_by(text_clause(order))
                        .offset(offset)
                        .limit(limit)
                    )
                    if ativos_only:
                        walk = walk.where(Aluno.ativo.is_(True))
                    page_ids = list(conn.execute(walk).scalars())
            if not page_ids:
                return []
            by_id = {a.id: a for a in session.scalars(select(Aluno).where(Aluno.id.in_(page_ids)))}
            alunos = [by_id[i] for i in page_ids if i in by_id]
            phones: dict[int, list[str]] = {}
            phones_query = (
                select(Contato.aluno_id, Contato.valor)
                .where(Contato.tipo == TELEFONE, Contato.aluno_id.in_(page_ids))
                .order_by(Contato.id)
            )
            for aluno_id, valor in session.execute(phones_query):
                phones.setdefault(aluno_id, []).append(valor)
            return [_aluno_row(a, phones.get(a.id, ())) for a in alunos]

    def position(
        self,
        aluno_id: int,
        search: str = "",
        sort_column: str = "nome",
        descending: bool = False,
        *,
        ativos_only: bool = False,
    ) -> int | None:
        """Where ``aluno_id`` stands in the list :meth:`page` reads (0 for the first row), or
        None when ``search`` does not find it. Reads every match once, in order: for one
        selection after an edit, not for every keystroke."""
        order = _order_sql(sort_column, descending)
        ranked = select(Aluno.id, (func.row_number().over(order_by=text_clause(order)) - 1).label("posicao"))
        ids = _quick_search_ids(search)
        if ids is not None:
            ranked = ranked.where(Aluno.id.in_(select(ids.c.id)))
        if ativos_only:
            ranked = ranked.where(Aluno.ativo.is_(True))
        numbered = ranked.subquery("numerados")
        with self._engine.connect() as conn:
            found = conn.execute(select(numbered.c.posicao).where(numbered.c.id == aluno_id)).scalar_one_or_none()
        return None if found is None else int(found)

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
            return _aluno_data(aluno, _aluno_contatos(session, aluno_id))

    def create(self, data: AlunoData, foto: bytes | None = None, responsaveis: Sequence[NovoResponsavel] = ()) -> int:
        """Save a new aluno, with its photo and its ``responsaveis`` when given, in one
        transaction; returns its id. Each responsável is new or an existing one linked (a
        sibling's mãe), as :meth:`ResponsavelService.save_for_aluno` would do once the aluno exists."""
        _first_error({**self.validate(data), **self._foto_errors(foto)})
        links = ResponsavelService(self._engine)
        for novo in responsaveis:
            _first_error(
                {**links.validate(novo.dados, novo.responsavel_id), **links.validate_parentesco(novo.parentesco)}
            )
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin(), contextlib.ExitStack() as batch:
            if responsaveis:  # in one batch with them, as the responsável form saves them
                batch.enter_context(auditoria.em_lote(session))
            aluno = new_aluno(clean, clean.ra or next_ra(session))
            aluno.foto = foto
            session.add(aluno)
            session.flush()
            for novo in responsaveis:
                saved = links._write(session, novo.responsavel_id, links.normalize(novo.dados))  # noqa: SLF001
                links._write_link(session, aluno.id, saved, novo.parentesco, novo.legal)  # noqa: SLF001
            return aluno.id

    def update(self, aluno_id: int, data: AlunoData, foto: bytes | None | EllipsisType = ...) -> None:
        """Replace the aluno's data; ``foto`` replaces the photo too (``None`` removes it),
        in the same transaction. Left out (``...``), the stored photo stays as it is."""
        _first_error({**self.validate(data, aluno_id), **({} if foto is ... else self._foto_errors(foto))})
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            aluno = session.get(Aluno, aluno_id)
            if aluno is None:
                raise RecordNotFoundError(f"aluno {aluno_id}")
            _copy_fields(clean, aluno)
            if foto is not ...:
                aluno.foto = foto
            aluno.ra = clean.ra  # type: ignore[assignment]  # validate refused an empty RA
            for tipo, name in CONTATO_FIELDS:
                replace_contatos(session, aluno_id, tipo, getattr(clean, name))

    def delete(self, aluno_id: int) -> None:
        """Move the aluno to the Lixeira, from where it can be restored: with it go its contatos,
        matrículas, turmas, notas, frequência and links to responsáveis. A responsável left
        without any aluno goes too; one shared with a sibling stays (see core/lixeira.py)."""
        from escola_gui.core import lixeira  # it imports this module

        with Session(self._engine) as session, session.begin():
            lixeira.mover_aluno(session, aluno_id)

    def responsaveis_exclusivos(self, aluno_id: int) -> list[str]:
        """The names of the responsáveis that go with the aluno when it is deleted: those of
        no other aluno (a sibling's responsável stays)."""
        others = select(AlunoResponsavel.responsavel_id).where(AlunoResponsavel.aluno_id != aluno_id)
        with Session(self._engine) as session:
            return list(
                session.scalars(
                    select(Responsavel.nome)
                    .join(AlunoResponsavel, AlunoResponsavel.responsavel_id == Responsavel.id)
                    .where(AlunoResponsavel.aluno_id == aluno_id, Responsavel.id.not_in(others))
                    .order_by(func.escola_normaliza(Responsavel.nome))
                )
            )

    def count_dependents(self, aluno_id: int) -> int:
        """How many matrículas go with the aluno when it is deleted."""
        with Session(self._engine) as session:
            return session.scalar(select(func.count()).where(Matricula.aluno_id == aluno_id)) or 0

    # -- photo (a deferred column: get and list never load it)

    @classmethod
    def validate_foto(cls, foto: bytes | None) -> str | None:
        """``None`` (no photo) or PNG/JPEG bytes of at most :attr:`FOTO_MAX_BYTES`."""
        if foto is None:
            return None
        if not (foto.startswith(b"\x89PNG\r\n\x1a\n") or foto.startswith(b"\xff\xd8\xff")):
            return cls.FOTO_INVALIDA
        if len(foto) > cls.FOTO_MAX_BYTES:
            return cls.FOTO_GRANDE
        return None

    @classmethod
    def _foto_errors(cls, foto: bytes | None) -> dict[str, str]:
        message = cls.validate_foto(foto)
        return {"foto": message} if message else {}

    def foto(self, aluno_id: int) -> bytes | None:
        """The aluno's photo as stored (PNG or JPEG bytes), or ``None`` when it has none."""
        with Session(self._engine) as session:
            row = session.execute(select(Aluno.id, Aluno.foto).where(Aluno.id == aluno_id)).one_or_none()
            if row is None:
                raise RecordNotFoundError(f"aluno {aluno_id}")
            return None if row.foto is None else bytes(row.foto)

    def set_foto(self, aluno_id: int, foto: bytes | None) -> None:
        """Replace the aluno's photo; ``None`` removes it."""
        _first_error(self._foto_errors(foto))
        with Session(self._engine) as session, session.begin():
            aluno = session.get(Aluno, aluno_id)
            if aluno is None:
                raise RecordNotFoundError(f"aluno {aluno_id}")
            aluno.foto = foto

    # -- enrolments in cursos (the aluno form's Matrículas tab)

    def matriculas(self, aluno_id: int) -> list[MatriculaRow]:
        """The aluno's matrículas in cursos, oldest first (those without a date last)."""
        query = (
            _matricula_rows()
            .where(Matricula.aluno_id == aluno_id)
            .order_by(
                Matricula.data_matricula.is_(None),
                Matricula.data_matricula,
                func.escola_normaliza(Curso.nome),
                Matricula.id,
            )
        )
        with Session(self._engine) as session:
            return [MatriculaRow(*row) for row in session.execute(query)]


# --- responsáveis -----------------------------------------------------------------------


@dataclass(frozen=True)
class ResponsavelData:
    """What the responsável form edits about the person. Values may be raw; the service normalizes them."""

    nome: str
    cpf: str | None = None
    telefones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponsavelRow:
    """A responsável found by :meth:`ResponsavelService.search`, with the alunos it is already linked to."""

    id: int
    nome: str
    cpf: str | None
    telefones: tuple[str, ...]
    alunos: tuple[str, ...]


@dataclass(frozen=True)
class NovoResponsavel:
    """A responsável given with a new aluno (:meth:`AlunoService.create`): new
    (``responsavel_id=None``) or an existing one to link, with the link's parentesco."""

    dados: ResponsavelData
    parentesco: str
    legal: bool = False
    responsavel_id: int | None = None


@dataclass(frozen=True)
class VinculoRow:
    """One responsável of an aluno: the person, their contacts, and how they relate to the aluno."""

    responsavel_id: int
    nome: str
    cpf: str | None
    parentesco: str
    """One of models.PARENTESCOS."""
    responsavel_legal: bool
    telefones: tuple[str, ...]
    emails: tuple[str, ...]

    @property
    def id(self) -> int:
        """The key the GUI's table models select rows by."""
        return self.responsavel_id


def _delete_orphan_responsaveis(session: Session, responsavel_ids: list[int]) -> None:
    """Delete those of ``responsavel_ids`` that no aluno links to any more."""
    if responsavel_ids:
        linked = select(AlunoResponsavel.responsavel_id)
        session.execute(delete(Responsavel).where(Responsavel.id.in_(responsavel_ids), Responsavel.id.not_in(linked)))


def _normalize_emails(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """One e-mail per item, trimmed and lowercased, without blanks or repeats, in order."""
    result: list[str] = []
    for value in values:
        email = v.normalize_email(value)
        if email and email not in result:
            result.append(email)
    return tuple(result)


class ResponsavelService:
    """Responsáveis and their links to alunos.

    A responsável may be linked to several alunos (siblings share one), and an aluno has at
    most one responsável legal: marking one unmarks the others in the same transaction.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- the person

    @staticmethod
    def normalize(data: ResponsavelData) -> ResponsavelData:
        return ResponsavelData(
            nome=v.normalize_nome(data.nome),
            cpf=v.normalize_cpf(data.cpf),
            telefones=v.normalize_telefones(data.telefones),
            emails=_normalize_emails(data.emails),
        )

    def validate(
        self,
        data: ResponsavelData,
        responsavel_id: int | None = None,
        *,
        cpf_holders: Mapping[str, Sequence[int]] | None = None,
    ) -> dict[str, str]:
        """Every problem with ``data`` by field (``nome``, ``cpf``, ``telefones``, ``emails``).

        Args:
            responsavel_id: the responsável being edited, which may keep its own CPF.
            cpf_holders: CPF as stored → the ids of the responsáveis with it, read once for
                many calls (the import); without it each call reads the database.
        """
        clean = self.normalize(data)
        checks = {
            "nome": v.validate_nome(data.nome),
            "cpf": v.validate_cpf(data.cpf),
            "telefones": v.validate_telefones(clean.telefones),
            "emails": next((m for m in map(v.validate_email, clean.emails) if m), None),
        }
        errors = {name: message for name, message in checks.items() if message}
        if errors.get("nome") == v.NOME_CONTROLE and responsavel_id is not None:
            # A nome already in the file does not block saving the responsável's other fields.
            with Session(self._engine) as session:
                stored = session.scalar(select(Responsavel.nome).where(Responsavel.id == responsavel_id))
            if stored is not None and v.normalize_nome(stored) == clean.nome:
                del errors["nome"]
        if "cpf" not in errors and clean.cpf and cpf_holders is not None:
            if any(holder != responsavel_id for holder in cpf_holders.get(clean.cpf, ())):
                errors["cpf"] = CPF_RESPONSAVEL_EM_USO
        elif "cpf" not in errors and clean.cpf:
            query = select(Responsavel.id).where(Responsavel.cpf == clean.cpf)
            if responsavel_id is not None:
                query = query.where(Responsavel.id != responsavel_id)
            with Session(self._engine) as session:
                if session.scalar(query.limit(1)) is not None:
                    errors["cpf"] = CPF_RESPONSAVEL_EM_USO
        return errors

    @staticmethod
    def validate_parentesco(parentesco: str | None) -> dict[str, str]:
        return {} if parentesco in PARENTESCOS else {"parentesco": PARENTESCO_INVALIDO}

    def get(self, responsavel_id: int) -> ResponsavelData:
        with Session(self._engine) as session:
            responsavel = session.get(Responsavel, responsavel_id)
            if responsavel is None:
                raise RecordNotFoundError(f"responsavel {responsavel_id}")
            contatos = self._contatos(session, [responsavel_id]).get(responsavel_id, {})
            return ResponsavelData(
                nome=responsavel.nome,
                cpf=responsavel.cpf,
                telefones=tuple(contatos.get(TELEFONE, ())),
                emails=tuple(contatos.get(EMAIL, ())),
            )

    def create(self, data: ResponsavelData) -> int:
        _first_error(self.validate(data))
        with Session(self._engine) as session, session.begin():
            return self._write(session, None, self.normalize(data))

    def update(self, responsavel_id: int, data: ResponsavelData) -> None:
        _first_error(self.validate(data, responsavel_id))
        with Session(self._engine) as session, session.begin():
            self._write(session, responsavel_id, self.normalize(data))

    def search(self, text: str, exclude_aluno_id: int | None = None, limit: int = 20) -> list[ResponsavelRow]:
        """Responsáveis whose nome contains ``text`` (ignoring accents and case) or whose CPF
        contains its digits, so that a sibling's responsável can be reused.

        Args:
            exclude_aluno_id: leave out the responsáveis already linked to this aluno.
        """
        text = text.strip()
        if not text:
            return []
        alternatives = [_name_matches(Responsavel.nome, text)]
        digits = "".join(c for c in text if c.isdigit())
        if digits:
            alternatives.append(Responsavel.cpf.like(_like_pattern(digits), escape="\\"))
        query = select(Responsavel).where(or_(*alternatives))
        if exclude_aluno_id is not None:
            linked = select(AlunoResponsavel.responsavel_id).where(AlunoResponsavel.aluno_id == exclude_aluno_id)
            query = query.where(Responsavel.id.not_in(linked))
        query = query.order_by(func.escola_normaliza(Responsavel.nome), Responsavel.id).limit(limit)
        with Session(self._engine) as session:
            found = list(session.scalars(query))
            ids = [r.id for r in found]
            contatos = self._contatos(session, ids)
            alunos: dict[int, list[str]] = {}
            for responsavel_id, nome in session.execute(
                select(AlunoResponsavel.responsavel_id, Aluno.nome)
                .join(Aluno, AlunoResponsavel.aluno_id == Aluno.id)
                .where(AlunoResponsavel.responsavel_id.in_(ids))
                .order_by(func.escola_normaliza(Aluno.nome), Aluno.id)
            ):
                alunos.setdefault(responsavel_id, []).append(nome)
            return [
                ResponsavelRow(
                    id=r.id,
                    nome=r.nome,
                    cpf=r.cpf,
                    telefones=tuple(contatos.get(r.id, {}).get(TELEFONE, ())),
                    alunos=tuple(alunos.get(r.id, ())),
                )
                for r in found
            ]

    # -- links to alunos

    def list_for_aluno(self, aluno_id: int) -> list[VinculoRow]:
        """The aluno's responsáveis: the responsável legal first, then by nome."""
        query = (
            select(Responsavel, AlunoResponsavel.parentesco, AlunoResponsavel.responsavel_legal)
            .join(AlunoResponsavel, AlunoResponsavel.responsavel_id == Responsavel.id)
            .where(AlunoResponsavel.aluno_id == aluno_id)
            .order_by(
                AlunoResponsavel.responsavel_legal.desc(), func.escola_normaliza(Responsavel.nome), Responsavel.id
            )
        )
        with Session(self._engine) as session:
            rows = session.execute(query).all()
            contatos = self._contatos(session, [r.id for r, _, _ in rows])
            return [
                VinculoRow(
                    responsavel_id=r.id,
                    nome=r.nome,
                    cpf=r.cpf,
                    parentesco=parentesco,
                    responsavel_legal=bool(legal),
                    telefones=tuple(contatos.get(r.id, {}).get(TELEFONE, ())),
                    emails=tuple(contatos.get(r.id, {}).get(EMAIL, ())),
                )
                for r, parentesco, legal in rows
            ]

    def link(self, aluno_id: int, responsavel_id: int, parentesco: str, legal: bool = False) -> None:
        """Make ``responsavel_id`` a responsável of ``aluno_id``; a link that exists is updated."""
        _first_error(self.validate_parentesco(parentesco))
        with Session(self._engine) as session, session.begin():
            self._write_link(session, aluno_id, responsavel_id, parentesco, legal)

    def update_link(self, aluno_id: int, responsavel_id: int, parentesco: str, legal: bool) -> None:
        _first_error(self.validate_parentesco(parentesco))
        with Session(self._engine) as session, session.begin():
            if self._find_link(session, aluno_id, responsavel_id) is None:
                raise RecordNotFoundError(f"aluno {aluno_id} / responsavel {responsavel_id}")
            self._write_link(session, aluno_id, responsavel_id, parentesco, legal)

    def save_for_aluno(
        self,
        aluno_id: int,
        data: ResponsavelData,
        parentesco: str,
        legal: bool,
        responsavel_id: int | None = None,
    ) -> int:
        """Create (``responsavel_id=None``) or update a responsável and link it to the aluno,
        in one transaction: what the responsável form saves.

        Returns:
            The responsável's id.
        """
        _first_error({**self.validate(data, responsavel_id), **self.validate_parentesco(parentesco)})
        # In one batch, so that a new responsável's rows are recorded for the aluno linked below.
        with Session(self._engine) as session, session.begin(), auditoria.em_lote(session):
            saved_id = self._write(session, responsavel_id, self.normalize(data))
            self._write_link(session, aluno_id, saved_id, parentesco, legal)
            return saved_id

    def other_alunos(self, responsavel_id: int, aluno_id: int) -> list[str]:
        """The nomes of the other alunos ``responsavel_id`` is responsible for (besides ``aluno_id``)."""
        query = (
            select(Aluno.nome)
            .join(AlunoResponsavel, AlunoResponsavel.aluno_id == Aluno.id)
            .where(AlunoResponsavel.responsavel_id == responsavel_id, Aluno.id != aluno_id)
            .order_by(func.escola_normaliza(Aluno.nome), Aluno.id)
        )
        with Session(self._engine) as session:
            return list(session.scalars(query))

    def unlink(self, aluno_id: int, responsavel_id: int) -> bool:
        """Remove the link; the responsável itself goes too when no other aluno links to it.

        Returns:
            True when the responsável was deleted, False when it stays for other alunos.
        """
        with Session(self._engine) as session, session.begin():
            vinculo = self._find_link(session, aluno_id, responsavel_id)
            if vinculo is None:
                raise RecordNotFoundError(f"aluno {aluno_id} / responsavel {responsavel_id}")
            session.delete(vinculo)
            session.flush()
            _delete_orphan_responsaveis(session, [responsavel_id])
            return session.get(Responsavel, responsavel_id) is None

    # -- inside a session

    @staticmethod
    def _contatos(session: Session, responsavel_ids: list[int]) -> dict[int, dict[str, list[str]]]:
        result: dict[int, dict[str, list[str]]] = {}
        query = (
            select(ContatoResponsavel.responsavel_id, ContatoResponsavel.tipo, ContatoResponsavel.valor)
            .where(ContatoResponsavel.responsavel_id.in_(responsavel_ids))
            .order_by(ContatoResponsavel.id)
        )
        for responsavel_id, tipo, valor in session.execute(query):
            result.setdefault(responsavel_id, {}).setdefault(tipo, []).append(valor)
        return result

    @staticmethod
    def _write(session: Session, responsavel_id: int | None, clean: ResponsavelData) -> int:
        if responsavel_id is None:
            responsavel = Responsavel(nome=clean.nome)
            session.add(responsavel)
        else:
            found = session.get(Responsavel, responsavel_id)
            if found is None:
                raise RecordNotFoundError(f"responsavel {responsavel_id}")
            responsavel = found
            responsavel.nome = clean.nome
        responsavel.cpf = clean.cpf
        session.flush()
        rid = responsavel.id
        for tipo, valores in ((TELEFONE, clean.telefones), (EMAIL, clean.emails)):
            stored = session.scalars(
                select(ContatoResponsavel)
                .where(ContatoResponsavel.responsavel_id == rid, ContatoResponsavel.tipo == tipo)
                .order_by(ContatoResponsavel.id)
            ).all()
            _replace_rows(
                session,
                stored,
                valores,
                lambda valor, tipo=tipo: ContatoResponsavel(responsavel_id=rid, tipo=tipo, valor=valor),  # type: ignore[misc]
            )
        return rid

    @staticmethod
    def _find_link(session: Session, aluno_id: int, responsavel_id: int) -> AlunoResponsavel | None:
        return session.scalar(
            select(AlunoResponsavel).where(
                AlunoResponsavel.aluno_id == aluno_id, AlunoResponsavel.responsavel_id == responsavel_id
            )
        )

    def _write_link(self, session: Session, aluno_id: int, responsavel_id: int, parentesco: str, legal: bool) -> None:
        if session.get(Aluno, aluno_id) is None:
            raise RecordNotFoundError(f"aluno {aluno_id}")
        if session.get(Responsavel, responsavel_id) is None:
            raise RecordNotFoundError(f"responsavel {responsavel_id}")
        if legal:
            # At most one responsável legal per aluno: the new one replaces the others.
            for outro in session.scalars(
                select(AlunoResponsavel).where(
                    AlunoResponsavel.aluno_id == aluno_id,
                    AlunoResponsavel.responsavel_id != responsavel_id,
                    AlunoResponsavel.responsavel_legal,
                )
            ):
                outro.responsavel_legal = False
        vinculo = self._find_link(session, aluno_id, responsavel_id)
        if vinculo is None:
            vinculo = AlunoResponsavel(aluno_id=aluno_id, responsavel_id=responsavel_id)
            session.add(vinculo)
        vinculo.parentesco = parentesco
        vinculo.responsavel_legal = legal
        session.flush()


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
        query = _matricula_rows().order_by(
            func.escola_normaliza(Aluno.nome), func.escola_normaliza(Curso.nome), Matricula.id
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

    def preview(
        self,
        table: Table,
        mapping: Mapping[str, str | None] | None = None,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportPreview:
        """What importing ``table`` would do; writes nothing. See :func:`~escola_gui.core.importacao.preview`."""
        from escola_gui.core.importacao.flow import preview

        return preview(self._engine, table, mapping, progress=progress, cancelled=cancelled)

    def apply(
        self,
        plan: ImportPreview,
        *,
        confirmed: Iterable[int] = (),
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Write ``plan`` in one transaction, with the conflicts of the ``confirmed`` lines. See
        :func:`~escola_gui.core.importacao.apply`."""
        from escola_gui.core.importacao.flow import apply

        return apply(self._engine, plan, confirmed=confirmed, progress=progress, cancelled=cancelled)

    def apply_valid_lines(
        self,
        table: Table,
        plan: ImportPreview,
        *,
        confirmed: Iterable[int] = (),
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[ImportResult, Path | None]:
        """Import the lines of ``plan`` without problems and write the others, with their reasons,
        to a new file beside ``table``'s (removed again if the import fails); the result and that
        file. See :func:`~escola_gui.core.importacao.valid_lines`."""
        from escola_gui.core.importacao.flow import apply, valid_lines
        from escola_gui.core.importacao.reporting import write_set_aside

        valid = valid_lines(self._engine, plan, cancelled=cancelled)
        kept = write_set_aside(table, valid.set_aside) if valid.set_aside else None
        try:
            result = apply(self._engine, valid, confirmed=confirmed, progress=progress, cancelled=cancelled)
        except BaseException:
            if kept is not None:
                kept.unlink(missing_ok=True)
            raise
        return result, kept

    def export_alunos(self, path: Path | str) -> int:
        """Write every aluno to a new ``.csv`` or ``.xlsx``; returns how many."""
        from escola_gui.core.importacao.export import export_alunos

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

    # The school-year reports, ready to lay out. Each raises RecordNotFoundError for an unknown
    # id and relatorios.NadaParaImprimirError (with the reason) when there is nothing to print.

    def boletim(self, enturmacao_id: int, today: date | None = None) -> Documento:
        """The boletim of one enturmação (an aluno in a turma, in one ano letivo)."""
        from escola_gui.core import relatorios

        return relatorios.boletim(self._engine, enturmacao_id, today)

    def boletim_do_aluno(self, aluno_id: int, ano: int | None = None, today: date | None = None) -> Documento:
        """The aluno's boletim of the latest ano letivo, or of ``ano``."""
        from escola_gui.core import relatorios

        return relatorios.boletim_do_aluno(self._engine, aluno_id, ano, today)

    def boletins_da_turma(self, turma_id: int, today: date | None = None) -> Caderno:
        """The boletins of every aluno in the turma, one after the other, for one PDF."""
        from escola_gui.core import relatorios

        return relatorios.boletins_da_turma(self._engine, turma_id, today)

    def historico_escolar(self, aluno_id: int, today: date | None = None) -> Documento:
        from escola_gui.core import relatorios

        return relatorios.historico_escolar(self._engine, aluno_id, today)

    def atestado_de_matricula(self, aluno_id: int, today: date | None = None) -> Documento:
        from escola_gui.core import relatorios

        return relatorios.atestado_de_matricula(self._engine, aluno_id, today)

    def ata_de_resultados(self, turma_id: int, today: date | None = None) -> Documento:
        from escola_gui.core import relatorios

        return relatorios.ata_de_resultados(self._engine, turma_id, today)


# --- bundle -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Services:
    """The services the GUI uses, all over one engine."""

    alunos: AlunoService
    cursos: CursoService
    matriculas: MatriculaService
    planilhas: PlanilhaService
    relatorios: RelatorioService
    responsaveis: ResponsavelService
    escola: EscolaService
    anos_letivos: AnoLetivoService
    disciplinas: DisciplinaService
    turmas: TurmaService
    diario: DiarioService
    historicos_externos: HistoricoExternoService
    lixeira: LixeiraService
    auditoria: AuditoriaService

    @classmethod
    def for_engine(cls, engine: Engine) -> Services:
        from escola_gui.core import escolar, lixeira  # they import this module
        from escola_gui.core.auditoria import AuditoriaService

        return cls(
            AlunoService(engine),
            CursoService(engine),
            MatriculaService(engine),
            PlanilhaService(engine),
            RelatorioService(engine),
            ResponsavelService(engine),
            escolar.EscolaService(engine),
            escolar.AnoLetivoService(engine),
            escolar.DisciplinaService(engine),
            escolar.TurmaService(engine),
            escolar.DiarioService(engine),
            escolar.HistoricoExternoService(engine),
            lixeira.LixeiraService(engine),
            AuditoriaService(engine),
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
    "ResponsavelData",
    "ResponsavelRow",
    "ResponsavelService",
    "Services",
    "ValidationError",
    "VinculoRow",
]
