"""Search and sort of the Alunos list at 100k alunos: a full-text index of the names and an
index for every column the list sorts by.

- ``alunos.nome_ordem`` (new, NOT NULL, default ''): the nome without accents and casefolded,
  filled here from every row in one UPDATE. It is the list's sort key for Nome, indexed, and
  with ``ativo`` for Ativo. Why a stored column: the app's folding (Unicode NFKD, combining
  marks dropped, casefold) is a Python function, and an index on it (an expression index or a
  custom collation) could not be used, or even written, by any other SQLite tool: writing a
  row there would fail with "no such function/collation". A plain column sorts in every tool;
  the app keeps it on every write of ``nome`` (the model's validator for the forms and the
  import, a column default for bulk inserts). A row written by another tool without it sorts
  first, and nothing is lost.
- ``alunos.ra_ordem`` (new, indexed, filled the same way): the RA folded with its numbers
  padded to 20 digits, so that the RA column sorts "SP-9" before "SP-10".
- ``ix_alunos_data_nascimento``: Nascimento sorts by index. CPF and e-mail sort by their
  unique indexes; those and the RA's also serve the prefix search.
- ``alunos_busca``: an FTS5 table with external content (``content='alunos'``) over ``nome``
  and ``nome_social``, tokenizer ``unicode61 remove_diacritics 2`` ("joao" finds "João"),
  filled here from the existing rows (``rebuild``) and kept by three triggers on alunos
  (``alunos_busca_ai``, ``_ad``, ``_au``). It and its shadow tables are not models:
  ``models.in_models`` leaves them out of compare_metadata and ``alembic check``.
  A later revision that rebuilds ``alunos`` in batch mode drops these triggers with the old
  table and must create them again (see README, "Changing the schema").

No value changes. Going down drops the triggers, the FTS table, the indexes and the columns
``nome_ordem`` and ``ra_ordem`` (derived from nome and ra: nothing is lost).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Busca rápida e ordem dos alunos"

TRIGGERS = {
    "alunos_busca_ai": (
        "AFTER INSERT ON alunos BEGIN "
        "INSERT INTO alunos_busca(rowid, nome, nome_social) VALUES (new.id, new.nome, new.nome_social); END"
    ),
    "alunos_busca_ad": (
        "AFTER DELETE ON alunos BEGIN "
        "INSERT INTO alunos_busca(alunos_busca, rowid, nome, nome_social) "
        "VALUES ('delete', old.id, old.nome, old.nome_social); END"
    ),
    "alunos_busca_au": (
        "AFTER UPDATE OF id, nome, nome_social ON alunos BEGIN "
        "INSERT INTO alunos_busca(alunos_busca, rowid, nome, nome_social) "
        "VALUES ('delete', old.id, old.nome, old.nome_social); "
        "INSERT INTO alunos_busca(rowid, nome, nome_social) VALUES (new.id, new.nome, new.nome_social); END"
    ),
}


def _fold(value: str | None) -> str:
    # The app's escola_gui.core.db.normalize_text, copied: a revision does not import the app.
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _ra_key(value: str | None) -> str:
    # The app's escola_gui.core.models.ra_ordem, copied.
    return re.sub(r"\d+", lambda match: match.group().zfill(20), _fold(value))


def upgrade() -> None:
    with op.batch_alter_table("alunos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nome_ordem", sa.String(length=100), server_default="", nullable=False))
        batch_op.add_column(sa.Column("ra_ordem", sa.String(length=100), server_default="", nullable=False))

    bind = op.get_bind()
    bind.connection.driver_connection.create_function("escola_0012_fold", 1, _fold, deterministic=True)
    bind.connection.driver_connection.create_function("escola_0012_ra", 1, _ra_key, deterministic=True)
    # One pass, before the indexes are built.
    op.execute("UPDATE alunos SET nome_ordem = escola_0012_fold(nome), ra_ordem = escola_0012_ra(ra)")

    with op.batch_alter_table("alunos", schema=None) as batch_op:
        batch_op.create_index("ix_alunos_ativo_nome_ordem", ["ativo", "nome_ordem"], unique=False)
        batch_op.create_index(batch_op.f("ix_alunos_data_nascimento"), ["data_nascimento"], unique=False)
        batch_op.create_index(batch_op.f("ix_alunos_nome_ordem"), ["nome_ordem"], unique=False)
        batch_op.create_index(batch_op.f("ix_alunos_ra_ordem"), ["ra_ordem"], unique=False)

    op.execute(
        "CREATE VIRTUAL TABLE alunos_busca USING fts5(nome, nome_social, content='alunos', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute("INSERT INTO alunos_busca(alunos_busca) VALUES ('rebuild')")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS alunos_busca")
    with op.batch_alter_table("alunos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alunos_ra_ordem"))
        batch_op.drop_index(batch_op.f("ix_alunos_nome_ordem"))
        batch_op.drop_index(batch_op.f("ix_alunos_data_nascimento"))
        batch_op.drop_index("ix_alunos_ativo_nome_ordem")
        batch_op.drop_column("ra_ordem")
        batch_op.drop_column("nome_ordem")
