"""The Alunos list read with the standard ``sqlite3`` module alone, before SQLAlchemy is
imported: what the launch paints first.

A launch that waited for SQLAlchemy and the models (about 0.3 s of imports) before reading a
row would show its first rows at several times the time of a bare Qt window. The launcher
paints the main window with the Alunos page over an :class:`EarlyAlunoSource`, then builds the
engine and the services, and the page goes on with ``AlunoService`` (``attach``), which reads
the same rows.

:func:`read_first_page` is the page ``AlunoService.page()`` gives with no search: sorted on
``nome_ordem`` then ``id`` (the Alunos list's default order, Nome ascending), every aluno, the
phones of each in the order they were entered. :class:`EarlyAlunoSource` reads any page of the
whole list in any of its orders the same way, so that the list scrolls and sorts before the
services come; a search waits for them (it needs the core's text folding). The rows have the
same ``AlunoRow`` (``core/aluno_row.py``) the service gives (``tests/core/test_first_page.py`` compares
both, field by field, on the same file).

The file is opened read-only (``mode=ro``): this runs before a copied file's ``quick_check``
has passed, and it must never write a byte (not even roll back a journal: the launch check has
already sent a file with a hot journal the long way, before this is asked).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from escola_gui.core.aluno_row import AlunoRow

log = logging.getLogger(__name__)

#: Rows of the first page: the Alunos list's own page size (gui.table_models.PAGE_SIZE).
FIRST_PAGE_SIZE = 200
IDS_PER_QUERY = 900
TELEFONE = "telefone"  # contatos.tipo of a phone (core.common.TELEFONE: a test checks they agree)

_COLUMNS = (
    "id, nome, email, cpf, data_nascimento, ativo, ra, nome_social, sexo, cor_raca, rg, "
    "certidao_nascimento, nis, codigo_inep"
)


@dataclass(frozen=True)
class FirstPage:
    """The first page and whether it holds every aluno (then ``len(rows)`` is the count)."""

    rows: tuple[AlunoRow, ...]
    complete: bool


def _date(value: object) -> date | None:
    # SQLAlchemy's Date on SQLite stores "YYYY-MM-DD".
    if value is None or value == "":
        return None
    return date.fromisoformat(str(value)[:10])


#: The Alunos list's orders (``AlunoService.page``'s ``sort_column``) as SQL, ``id`` last.
SORT_SQL: dict[str, tuple[str, ...]] = {
    "nome": ("nome_ordem",),
    "ra": ("ra_ordem",),
    "email": ("email",),
    "cpf": ("cpf",),
    "data_nascimento": ("data_nascimento",),
    "ativo": ("ativo", "nome_ordem"),
}


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)


def _order(sort_column: str, descending: bool) -> str:
    if sort_column not in SORT_SQL:
        raise ValueError(f"not a sortable column of the Alunos list: {sort_column!r}")
    direction = " DESC" if descending else ""
    return ", ".join(f"{key}{direction}" for key in (*SORT_SQL[sort_column], "id"))


def _row(r: tuple, telefones: tuple[str, ...]) -> AlunoRow:
    """An ``AlunoRow`` from a row of ``SELECT {_COLUMNS}``."""
    return AlunoRow(
        id=r[0],
        nome=r[1],
        email=r[2],
        cpf=r[3],
        data_nascimento=_date(r[4]),
        ativo=bool(r[5]),
        telefones=telefones,
        ra=r[6],
        nome_social=r[7],
        sexo=r[8],
        cor_raca=r[9],
        rg=r[10],
        certidao_nascimento=r[11],
        nis=r[12],
        codigo_inep=r[13],
    )


def _chunks(ids: list[int]) -> list[list[int]]:
    # Below SQLite's oldest limit of bound parameters (999): a whole list is read for an export.
    return [ids[start : start + IDS_PER_QUERY] for start in range(0, len(ids), IDS_PER_QUERY)]


def _phones(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The phones of the alunos ``ids``, each aluno's in the order they were entered."""
    phones: dict[int, list[str]] = {}
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        for aluno_id, valor in conn.execute(
            f"SELECT aluno_id, valor FROM contatos WHERE tipo = ? AND aluno_id IN ({marks}) ORDER BY id",  # noqa: S608
            (TELEFONE, *chunk),
        ):
            phones.setdefault(aluno_id, []).append(valor)
    return {aluno_id: tuple(values) for aluno_id, values in phones.items()}


def _read_page(conn: sqlite3.Connection, order: str, offset: int, limit: int, ativos_only: bool) -> list[AlunoRow]:
    where = "WHERE ativo = 1 " if ativos_only else ""
    found = conn.execute(
        f"SELECT {_COLUMNS} FROM alunos {where}ORDER BY {order} LIMIT ? OFFSET ?",  # noqa: S608 - constant text
        (max(limit, 0), max(offset, 0)),
    ).fetchall()
    phones = _phones(conn, [row[0] for row in found])
    return [_row(r, phones.get(r[0], ())) for r in found]


def read_rows(conn: sqlite3.Connection, ids: list[int]) -> list[AlunoRow]:
    """The rows of the alunos ``ids``, in that order (an id no longer found is left out): one
    page of the list once its ids are known. ``AlunoService.page`` reads its rows here too,
    as plain tuples: building 200 ORM objects took a keystroke's search several milliseconds."""
    found: dict[int, tuple] = {}
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        for r in conn.execute(f"SELECT {_COLUMNS} FROM alunos WHERE id IN ({marks})", chunk):  # noqa: S608
            found[r[0]] = r
    phones = _phones(conn, ids)
    return [_row(found[i], phones.get(i, ())) for i in ids if i in found]


def read_first_page(path: Path, limit: int = FIRST_PAGE_SIZE) -> FirstPage:
    """The first ``limit`` alunos of the Alunos list of the (up-to-date) file at ``path``,
    read-only. Raises ``sqlite3.Error`` when the file cannot be read; the caller then waits for
    the services to read it."""
    conn = _connect(path)
    try:
        rows = _read_page(conn, _order("nome", False), 0, limit, False)
    finally:
        conn.close()
    return FirstPage(rows=tuple(rows), complete=len(rows) < limit)


class EarlyAlunoSource:
    """The Alunos list's three reads (``page``, ``count``, ``position``, as ``AlunoService``
    has them) with ``sqlite3`` alone, read-only, until the services are attached.

    The whole list, in any of its orders, reads as the service reads it; a search (it needs the
    core's text folding and the FTS index's query) finds nothing here: the page searches again
    once it has its services. Each call opens its own connection, so the list's workers may
    call it from their threads. A file that cannot be read this way (damaged: its check will
    say so) reads as an empty list, never as an error: nothing is shown but what was read.
    """

    def __init__(self, path: Path, first_page: FirstPage | None = None) -> None:
        self.path = Path(path)
        self._first_page = first_page  # read before the window: the default order's first page

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
        order = _order(sort_column, descending)
        if search.strip():
            return []
        first = self._first_page
        if (
            first is not None
            and (sort_column, descending, offset, ativos_only) == ("nome", False, 0, False)
            and (len(first.rows) == limit or (first.complete and len(first.rows) <= limit))
        ):
            return list(first.rows)
        try:
            conn = _connect(self.path)
            try:
                return _read_page(conn, order, offset, limit, ativos_only)
            finally:
                conn.close()
        except sqlite3.Error:
            log.warning("a page of %s could not be read before the services", self.path, exc_info=True)
            return []

    def count(self, search: str = "", *, ativos_only: bool = False) -> int:
        if search.strip():
            return 0
        first = self._first_page
        if first is not None and first.complete and not ativos_only:
            return len(first.rows)
        try:
            conn = _connect(self.path)
            try:
                where = " WHERE ativo = 1" if ativos_only else ""
                return int(conn.execute(f"SELECT count(*) FROM alunos{where}").fetchone()[0])  # noqa: S608
            finally:
                conn.close()
        except sqlite3.Error:
            log.warning("the alunos of %s could not be counted before the services", self.path, exc_info=True)
            return 0

    def position(
        self,
        aluno_id: int,
        search: str = "",
        sort_column: str = "nome",
        descending: bool = False,
        *,
        ativos_only: bool = False,
    ) -> int | None:
        order = _order(sort_column, descending)
        if search.strip():
            return None
        where = " WHERE ativo = 1" if ativos_only else ""
        try:
            conn = _connect(self.path)
            try:
                found = conn.execute(
                    f"SELECT posicao FROM (SELECT id, row_number() OVER (ORDER BY {order}) - 1 AS posicao "  # noqa: S608
                    f"FROM alunos{where}) WHERE id = ?",
                    (aluno_id,),
                ).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            log.warning("an aluno of %s could not be found before the services", self.path, exc_info=True)
            return None
        return None if found is None else int(found[0])
