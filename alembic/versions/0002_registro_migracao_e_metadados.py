"""Add registro_migracao (what upgrades resolved in the data) and metadados.

Also stamps SQLite's application_id with "ESCO", so that Escola can tell its own files
from other SQLite files even when their schema is newer than it knows.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Registro de migração e metadados do arquivo"

ESCOLA_APPLICATION_ID = 1163084623  # b"ESCO"


def upgrade() -> None:
    op.create_table(
        "registro_migracao",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revisao", sa.String(length=40), nullable=False),
        sa.Column("tabela", sa.String(length=50), nullable=False),
        sa.Column("registro_id", sa.Integer(), nullable=True),
        sa.Column("campo", sa.String(length=50), nullable=True),
        sa.Column("acao", sa.String(length=50), nullable=False),
        sa.Column("valor_anterior", sa.Text(), nullable=True),
        sa.Column("valor_novo", sa.Text(), nullable=True),
        sa.Column("criado_em", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registro_migracao")),
    )
    with op.batch_alter_table("registro_migracao", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registro_migracao_revisao"), ["revisao"], unique=False)

    op.create_table(
        "metadados",
        sa.Column("chave", sa.String(length=50), nullable=False),
        sa.Column("valor", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("chave", name=op.f("pk_metadados")),
    )
    op.execute(f"PRAGMA application_id = {ESCOLA_APPLICATION_ID}")


def downgrade() -> None:
    # Each later downgrade gives its recorded values back and deletes its rows; anything
    # still here would be lost with the table, so refuse (the transaction rolls back).
    left = op.get_bind().execute(sa.text("SELECT count(*) FROM registro_migracao")).scalar_one()
    if left:
        raise RuntimeError(f"registro_migracao still holds {left} row(s) that no downgrade gave back")
    op.execute("PRAGMA application_id = 0")
    op.drop_table("metadados")
    with op.batch_alter_table("registro_migracao", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registro_migracao_revisao"))
    op.drop_table("registro_migracao")
