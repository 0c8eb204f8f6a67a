"""Every way an aluno arrives and leaves during the year (issue 14), on the enturmação:

- the school of a transferência expedida (``enturmacoes.escola_destino``, ``municipio_destino``,
  ``uf_destino``, all nullable);
- the school of a transferência recebida, where the aluno came from during the year
  (``enturmacoes.escola_origem``, ``municipio_origem``, ``uf_origem``, all nullable).

New columns only: existing rows keep every value and the new columns start empty (a
transferência recorded before this revision keeps its date and motivo, without the school),
and nothing is recorded in registro_migracao.

enturmacoes is the parent of notas, frequencias, recuperacoes_finais and historico_situacoes,
so it is never rebuilt: the columns come with ALTER TABLE ADD COLUMN and go with ALTER TABLE
DROP COLUMN (SQLite 3.35 or later; PostgreSQL too), and no CHECK constraint is put on them (the
core checks the UF against the 27 UFs and the lengths).

Going down drops the columns: the schools typed after this revision are lost from the file,
and kept in the backup made before a downgrade.

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Transferências, reclassificações e dispensas de disciplina"


def upgrade() -> None:
    with op.batch_alter_table("enturmacoes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escola_destino", sa.String(length=150), nullable=True))
        batch_op.add_column(sa.Column("municipio_destino", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("uf_destino", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("escola_origem", sa.String(length=150), nullable=True))
        batch_op.add_column(sa.Column("municipio_origem", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("uf_origem", sa.String(length=2), nullable=True))


def downgrade() -> None:
    """Back to 0014. The schools of the transferências have no place there: the backup made
    before a downgrade keeps them."""
    bind = op.get_bind()
    native = bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35, 0)
    # An older SQLite has no DROP COLUMN: a rebuild then, safe since downgrades run with foreign keys off
    with op.batch_alter_table("enturmacoes", schema=None, recreate="never" if native else "always") as batch_op:
        batch_op.drop_column("uf_origem")
        batch_op.drop_column("municipio_origem")
        batch_op.drop_column("escola_origem")
        batch_op.drop_column("uf_destino")
        batch_op.drop_column("municipio_destino")
        batch_op.drop_column("escola_destino")
