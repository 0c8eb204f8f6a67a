"""The Alunos list's first page, read with the standard ``sqlite3`` module alone, before
SQLAlchemy is imported: what the launch paints first.

A launch that waited for SQLAlchemy and the models (about 0.3 s of imports) before reading a
row would show its first rows at several times the time of a bare Qt window. The launcher
paints the main window with this page, then builds the engine and the services, and the list
goes on with its real lazy model (``AlunoService.page``), which reads the same rows.

The page is the one ``AlunoService.page()`` gives with no search: sorted on ``nome_ordem`` then
``id`` (the Alunos list's default order, Nome ascending), every aluno, the phones of each in the
order they were entered. The rows have the fields of ``AlunoRow``, by the same names and types
(``tests/core/test_first_page.py`` compares both, field by field, on the same file).

The file is opened read-only (``mode=ro``): this runs before a copied file's ``quick_check``
has passed, and it must never write a byte (not even roll back a journal: the launch check has
already sent a file with a hot journal the long way, before this is asked).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

#: Rows of the first page: the Alunos list's own page size (gui.table_models.PAGE_SIZE).
FIRST_PAGE_SIZE = 200
TELEFONE = "telefone"  # contatos.tipo of a phone (core.services.TELEFONE)

_COLUMNS = (
    "id, nome, email, cpf, data_nascimento, ativo, ra, nome_social, sexo, cor_raca, rg, "
    "certidao_nascimento, nis, codigo_inep"
)


@dataclass(frozen=True)
class FirstPageRow:
    """One aluno of the first page; the fields of ``core.services.AlunoRow``, in its order."""

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
class FirstPage:
    """The first page and whether it holds every aluno (then ``len(rows)`` is the count)."""

    rows: tuple[FirstPageRow, ...]
    complete: bool


def _date(value: object) -> date | None:
    # SQLAlchemy's Date on SQLite stores "YYYY-MM-DD".
    if value is None or value == "":
        return None
    return date.fromisoformat(str(value)[:10])


def read_first_page(path: Path, limit: int = FIRST_PAGE_SIZE) -> FirstPage:
    """The first ``limit`` alunos of the Alunos list of the (up-to-date) file at ``path``,
    read-only. Raises ``sqlite3.Error`` when the file cannot be read; the caller then waits for
    the services to read it."""
    conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    try:
        found = conn.execute(
            f"SELECT {_COLUMNS} FROM alunos ORDER BY nome_ordem, id LIMIT ?",  # noqa: S608 - constant text
            (limit,),
        ).fetchall()
        ids = [row[0] for row in found]
        phones: dict[int, list[str]] = {}
        if ids:
            marks = ", ".join("?" * len(ids))
            for aluno_id, valor in conn.execute(
                f"SELECT aluno_id, valor FROM contatos WHERE tipo = ? AND aluno_id IN ({marks}) ORDER BY id",  # noqa: S608
                (TELEFONE, *ids),
            ):
                phones.setdefault(aluno_id, []).append(valor)
    finally:
        conn.close()
    rows = tuple(
        FirstPageRow(
            id=r[0],
            nome=r[1],
            email=r[2],
            cpf=r[3],
            data_nascimento=_date(r[4]),
            ativo=bool(r[5]),
            telefones=tuple(phones.get(r[0], ())),
            ra=r[6],
            nome_social=r[7],
            sexo=r[8],
            cor_raca=r[9],
            rg=r[10],
            certidao_nascimento=r[11],
            nis=r[12],
            codigo_inep=r[13],
        )
        for r in found
    )
    return FirstPage(rows=rows, complete=len(rows) < limit)
