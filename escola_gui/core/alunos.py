"""Alunos: the form's data, the Alunos list (search and pages through indexes), the RA, the
contatos, the photo, and the uniqueness checks the import shares (:class:`AlunoLookup`).

Each method opens one short ``Session`` (the list's reads, on every keystroke, plain SQL on
one connection) and returns plain frozen dataclasses, never ORM objects. Mistakes the user can
fix (a bad CPF, an e-mail already in use) come back as
:class:`~escola_gui.core.errors.ValidationError`, found by checking before writing rather
than by waiting for an ``IntegrityError``. Deleting an aluno moves it to the Lixeira
(:mod:`escola_gui.core.lixeira`).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    ColumnElement,
    Engine,
    Integer,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from escola_gui.core import auditoria, lixeira
from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.aluno_row import AlunoRow
from escola_gui.core.common import (
    EMAIL,
    TELEFONE,
    choice,
    escape_like,
    first_error,
    like_pattern,
    name_matches,
    normalize_emails,
    optional_text,
    replace_rows,
    too_long,
)
from escola_gui.core.cursos import MatriculaRow, matricula_rows
from escola_gui.core.errors import QT_TRANSLATE_NOOP, RecordNotFoundError
from escola_gui.core.first_page import read_rows
from escola_gui.core.models import (
    ALUNOS_BUSCA,
    CORES_RACAS,
    SEXOS,
    Aluno,
    AlunoResponsavel,
    Contato,
    Curso,
    Matricula,
    Responsavel,
)
from escola_gui.core.responsaveis import NovoResponsavel, ResponsavelService
from escola_gui.core.stoppable_reads import watched

if TYPE_CHECKING:
    from types import EllipsisType

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
RA_MAX_LENGTH = 20
RG_MAX_LENGTH = 20
NOME_SOCIAL_MAX_LENGTH = 100


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


# --- the Alunos list: search and pages, through indexes -----------------------------------


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


# --- the list's reads, in SQL written by hand -------------------------------------------
#
# Every keystroke in the Alunos search reads a page, and its count follows: the statements are
# plain text run on the DBAPI connection (nothing compiled, no ORM object built), inside
# ``watched`` so that a newer keystroke stops them (core.stoppable_reads).


@dataclass(frozen=True)
class _Search:
    """A search of the Alunos list as SQL: each part selects the ids of the alunos one way
    finds, through an index (``fts``: the nome's words, if any words were typed; ``ranges``:
    the RA, the e-mail and the CPF by their beginning); ``params`` are their parameters."""

    fts: str | None
    ranges: tuple[str, ...]
    params: dict[str, object]

    @property
    def union(self) -> str:
        return " UNION ".join((*self.ranges, *((self.fts,) if self.fts else ())))

    @property
    def member(self) -> str:
        """The condition "this row's id is found", as separate lists: the nome's words apart,
        so that the (often large) list of their ids is not merged with the others."""
        tests = [f"+id IN ({self.fts})"] if self.fts else []
        tests.append(f"+id IN ({' UNION '.join(self.ranges)})")
        return "(" + " OR ".join(tests) + ")"


def _search_sql(search: str) -> _Search | None:
    """The SQL of what :meth:`AlunoService.page` finds for ``search``; ``None`` for an empty
    search (every aluno)."""
    text = search.strip()
    if not text:
        return None
    params: dict[str, object] = {
        "ra": text,
        "ra_end": text + _LAST,
        "email": text.lower(),
        "email_end": text.lower() + _LAST,
    }
    ranges = [
        "SELECT id FROM alunos WHERE ra >= :ra AND ra < :ra_end",
        "SELECT id FROM alunos WHERE email >= :email AND email < :email_end",
    ]
    digits = "".join(c for c in text if c.isdigit()) if _CPF_TYPED_RE.fullmatch(text) else ""
    if digits:
        params.update(cpf=digits, cpf_end=digits + _LAST)
        ranges.append("SELECT id FROM alunos WHERE cpf >= :cpf AND cpf < :cpf_end")
    fts = None
    words = _WORD_RE.findall(text)
    if words:
        # Each word quoted (no FTS syntax from the user) and matched by its beginning.
        params["match"] = " ".join(f'"{w}"*' for w in words)
        fts = f"SELECT rowid FROM {ALUNOS_BUSCA} WHERE {ALUNOS_BUSCA} MATCH :match"
    return _Search(fts, tuple(ranges), params)


# ALUNO_SORT_COLUMNS by column name, for the queries written by hand.
_ALUNO_SORT_SQL: dict[str, tuple[str, ...]] = {
    name: tuple(str(column.key) for column in columns) for name, columns in ALUNO_SORT_COLUMNS.items()
}
# The sort columns that are never NULL: a walk can be bounded by a row of their index.
_NOT_NULL_SORT = frozenset(("nome", "ra", "ativo"))


def _order_sql(sort_column: str, descending: bool) -> str:
    if sort_column not in _ALUNO_SORT_SQL:
        raise ValueError(f"not a sortable column of the Alunos list: {sort_column!r}")
    direction = " DESC" if descending else ""
    return ", ".join(f"{key}{direction}" for key in (*_ALUNO_SORT_SQL[sort_column], "id"))


# How much dearer a row read from the table and tested is than a match gathered by its index.
WALK_FACTOR = 10
# How much dearer a match looked up in the table (to sort the matches) is than a row of the
# sort column's index walked and tested (measured on 100,000 alunos).
LOOKUP_FACTOR = 6
# A walk reads at most this many times the rows it would need were the matches spread evenly
# through the list's order: a search for a first name finds them all together, far down.
WALK_SLACK = 4
# A first page's walk, before anything is known of how many match, reads at most this many rows
# for each row of the page (a walk of 10,000 rows costs a few milliseconds).
FIRST_WALK = 50


def _ids(conn: sqlite3.Connection, sql: str, params: Mapping[str, object]) -> list[int]:
    return [row[0] for row in conn.execute(sql, params)]


def _dense_page_ids(conn: sqlite3.Connection, found: _Search, order: str, offset: int, limit: int) -> list[int]:
    """One page of what ``found`` finds, by walking the index of the sort column and testing
    each row as read (the ``+`` keeps SQLite from using the other indexes, so that it reads in
    the list's order and stops after the page): when most alunos match (an RA's first digits)."""
    tests = [
        "(+ra >= :ra AND +ra < :ra_end)",
        "(+email >= :email AND +email < :email_end)",
    ]
    if "cpf" in found.params:
        tests.append("(+cpf >= :cpf AND +cpf < :cpf_end)")
    if found.fts:
        tests.append(f"+id IN ({found.fts})")
    sql = f"SELECT id FROM alunos WHERE {' OR '.join(tests)} ORDER BY {order} LIMIT :limit OFFSET :offset"  # noqa: S608
    return _ids(conn, sql, {**found.params, "limit": limit, "offset": offset})


def _search_page_ids(
    conn: sqlite3.Connection,
    found: _Search,
    sort_column: str,
    descending: bool,
    offset: int,
    limit: int,
    matches: int | None,
    ativos_only: bool,
) -> list[int]:
    """The ids of one page of what ``found`` finds, in the list's order, the cheapest way."""
    order = _order_sql(sort_column, descending)
    alunos_total = int(conn.execute("SELECT coalesce(max(id), 0) FROM alunos").fetchone()[0])
    estimate = matches  # how many match, when the caller knows (a page further down)
    if matches is None:
        # Typing an RA: its first characters are most often every RA's (the year).
        cap = alunos_total // 2 + 1
        ra_range = "SELECT count(*) FROM (SELECT 1 FROM alunos WHERE ra >= :ra AND ra < :ra_end LIMIT :cap)"
        matches = int(conn.execute(ra_range, {**found.params, "cap": cap}).fetchone()[0])
    if not ativos_only and matches and (offset + limit) * alunos_total * WALK_FACTOR < matches * matches:
        # Most alunos match: each row of the sort column's index is tested as it is read.
        return _dense_page_ids(conn, found, order, offset, limit)
    ativo = " AND ativo = 1" if ativos_only else ""
    params = {**found.params, "limit": limit, "offset": offset}
    # The matches gathered from their indexes, then the sort column's index (which holds the
    # ids) walked in order keeping them: no row read from the table, nothing sorted. The "+"
    # keeps SQLite from looking the ids up instead.
    walk = f"SELECT id FROM alunos WHERE {found.member}{ativo} ORDER BY {order} LIMIT :limit OFFSET :offset"  # noqa: S608
    # Or the matches looked up in the table and sorted: dearer for each match, but it does
    # not depend on where they stand in the list's order.
    lookup = f"SELECT id FROM alunos WHERE id IN ({found.union}){ativo} ORDER BY {order} LIMIT :limit OFFSET :offset"  # noqa: S608
    if sort_column not in _NOT_NULL_SORT:
        return _ids(conn, walk, params)
    if estimate is None:
        # A first page: the walk is tried first (most searches find their page early); when
        # its bound is reached, the lookup.
        bound = FIRST_WALK * (offset + limit)
    else:
        bound = WALK_SLACK * (offset + limit) * alunos_total // max(estimate, 1)
        if estimate * LOOKUP_FACTOR <= bound:
            return _ids(conn, lookup, params)
    # The walk, bounded: past the row of the sort column's index where it stops, the lookup.
    keys = ", ".join((*_ALUNO_SORT_SQL[sort_column], "id"))
    where = "WHERE ativo = 1 " if ativos_only else ""
    last = conn.execute(
        f"SELECT {keys} FROM alunos {where}ORDER BY {order} LIMIT 1 OFFSET :bound",  # noqa: S608
        {"bound": bound},
    ).fetchone()
    if last is None:  # the bound is past the end: the walk is the whole list
        return _ids(conn, walk, params)
    marks = ", ".join(f":last{k}" for k in range(len(last)))
    before = f" AND ({keys}) {'>' if descending else '<'} ({marks})"
    bounded = walk.replace(" ORDER BY ", before + " ORDER BY ", 1)
    page = _ids(conn, bounded, {**params, **{f"last{k}": value for k, value in enumerate(last)}})
    return page if len(page) == limit else _ids(conn, lookup, params)


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
ALUNO_COLUMNS = (
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
    for name in ALUNO_COLUMNS:
        setattr(aluno, name, getattr(clean, name))


def _aluno_data(aluno: Aluno, contatos: Mapping[str, tuple[str, ...]]) -> AlunoData:
    values = {name: getattr(aluno, name) for name in ALUNO_COLUMNS}
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
    replace_rows(session, stored, valores, lambda valor: Contato(aluno_id=aluno_id, tipo=tipo, valor=valor))


def _normalize_outros_emails(values: tuple[str, ...] | list[str], email: str | None) -> tuple[str, ...]:
    """One e-mail per item, trimmed and lowercased, without blanks, repeats or the main
    ``email`` (already normalized), in order."""
    return tuple(other for other in normalize_emails(values) if other != email)


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
            sexo=choice(data.sexo, SEXOS, "upper"),
            cor_raca=choice(data.cor_raca, CORES_RACAS, "lower"),
            rg=optional_text(data.rg),
            certidao_nascimento=doc.normalize_certidao(data.certidao_nascimento),
            nis=doc.normalize_nis(data.nis),
            codigo_inep=doc.normalize_inep(data.codigo_inep),
            cep=v.normalize_cep(data.cep),
            logradouro=optional_text(data.logradouro),
            numero=optional_text(data.numero),
            complemento=optional_text(data.complemento),
            bairro=optional_text(data.bairro),
            municipio=optional_text(data.municipio),
            uf=(optional_text(data.uf) or "").upper() or None,
            ra=optional_text(data.ra),
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
            stored_emails = set(normalize_emails(emails))
        elif aluno_id is not None:
            with Session(self._engine) as session:
                stored_email, stored_ra = session.execute(
                    select(Aluno.email, Aluno.ra).where(Aluno.id == aluno_id)
                ).one_or_none() or (None, None)
                contatos = _aluno_contatos(session, aluno_id)
                stored_phones = set(v.normalize_telefones(contatos.get(TELEFONE, ())))
                stored_emails = set(normalize_emails(contatos.get(EMAIL, ())))
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
            "nome_social": too_long(clean.nome_social, NOME_SOCIAL_MAX_LENGTH, NOME_SOCIAL_LONGO)
            or (v.NOME_CONTROLE if v.has_control_characters(clean.nome_social) else None),
            "sexo": SEXO_INVALIDO if clean.sexo is not None and clean.sexo not in SEXOS else None,
            "cor_raca": COR_RACA_INVALIDA if clean.cor_raca is not None and clean.cor_raca not in CORES_RACAS else None,
            "rg": too_long(clean.rg, RG_MAX_LENGTH, RG_LONGO) or v.validate_texto(clean.rg),
            "certidao_nascimento": doc.validate_certidao(data.certidao_nascimento),
            "nis": doc.validate_nis(data.nis),
            "codigo_inep": doc.validate_inep_aluno(data.codigo_inep),
            "ra": self._validate_ra(clean.ra, aluno_id, stored_ra) or v.validate_texto(clean.ra),
            "cep": v.validate_cep(data.cep),
            "uf": v.validate_uf(data.uf),
            **{
                name: too_long(getattr(clean, name), limit, message) or v.validate_texto(getattr(clean, name))
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
        return too_long(ra, RA_MAX_LENGTH, RA_LONGO)

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

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The DBAPI connection the list's reads run on, in one transaction, stoppable by a
        newer keystroke (:mod:`escola_gui.core.stoppable_reads`)."""
        with self._engine.connect() as conn, conn.begin():
            dbapi = conn.connection.dbapi_connection
            assert isinstance(dbapi, sqlite3.Connection)  # noqa: S101 - the engine is pysqlite's
            with watched(dbapi):
                yield dbapi

    def count(self, search: str = "", *, ativos_only: bool = False) -> int:
        """How many alunos :meth:`page` finds for ``search`` (only the active ones: ``ativos_only``)."""
        found = _search_sql(search)
        where = " WHERE ativo = 1" if ativos_only else ""
        if found is None:
            sql = f"SELECT count(*) FROM alunos{where}"  # noqa: S608
        elif ativos_only:
            sql = f"SELECT count(*) FROM alunos WHERE id IN ({found.union}) AND ativo = 1"  # noqa: S608
        else:
            sql = f"SELECT count(*) FROM ({found.union})"  # noqa: S608
        with self._reading() as conn:
            return int(conn.execute(sql, found.params if found else {}).fetchone()[0])

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
        otherwise the matches' ids are gathered and that index is walked keeping them, or,
        when the walk would be long (the matches all far down the list), the matches are
        looked up and sorted.

        ``ativos_only`` leaves out the inactive alunos (``ativo`` unchecked), in the same query.
        """
        order = _order_sql(sort_column, descending)
        offset, limit = max(offset, 0), max(limit, 0)
        found = _search_sql(search)
        with self._reading() as conn:
            if found is None:
                # The sort column's index holds the ids: the page is read from it alone.
                where = "WHERE ativo = 1 " if ativos_only else ""
                sql = f"SELECT id FROM alunos {where}ORDER BY {order} LIMIT :limit OFFSET :offset"  # noqa: S608
                page_ids = _ids(conn, sql, {"limit": limit, "offset": offset})
            else:
                page_ids = _search_page_ids(conn, found, sort_column, descending, offset, limit, matches, ativos_only)
            return read_rows(conn, page_ids)

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
        found = _search_sql(search)
        conditions = [f"id IN ({found.union})"] if found else []
        if ativos_only:
            conditions.append("ativo = 1")
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = (
            f"SELECT posicao FROM (SELECT id, row_number() OVER (ORDER BY {order}) - 1 AS posicao"  # noqa: S608
            f" FROM alunos{where}) WHERE id = :aluno_id"
        )
        with self._reading() as conn:
            row = conn.execute(sql, {**(found.params if found else {}), "aluno_id": aluno_id}).fetchone()
        return None if row is None else int(row[0])

    @staticmethod
    def _search_condition(search: str) -> ColumnElement[bool] | None:
        text = search.strip()
        if not text:
            return None
        alternatives = [
            name_matches(Aluno.nome, text),
            func.lower(Aluno.email).like(like_pattern(text.lower()), escape="\\"),
            # The RA is typed from a paper: exactly, or its first characters.
            Aluno.ra.like(f"{escape_like(text)}%", escape="\\"),
        ]
        digits = "".join(c for c in text if c.isdigit())
        if digits:
            alternatives.append(Aluno.cpf.like(like_pattern(digits), escape="\\"))
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
        first_error({**self.validate(data), **self._foto_errors(foto)})
        links = ResponsavelService(self._engine)
        for novo in responsaveis:
            first_error(
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
        first_error({**self.validate(data, aluno_id), **({} if foto is ... else self._foto_errors(foto))})
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
        first_error(self._foto_errors(foto))
        with Session(self._engine) as session, session.begin():
            aluno = session.get(Aluno, aluno_id)
            if aluno is None:
                raise RecordNotFoundError(f"aluno {aluno_id}")
            aluno.foto = foto

    # -- enrolments in cursos (the aluno form's Matrículas tab)

    def matriculas(self, aluno_id: int) -> list[MatriculaRow]:
        """The aluno's matrículas in cursos, oldest first (those without a date last)."""
        query = (
            matricula_rows()
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
