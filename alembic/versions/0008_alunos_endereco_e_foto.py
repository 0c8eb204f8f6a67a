"""Alunos get an address (CEP, logradouro, número, complemento, bairro, município, UF)
and an optional photo.

New nullable columns only: existing alunos keep every value and get empty addresses.
Nothing is changed, so nothing is recorded.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Endereço e foto dos alunos"

NEW_COLUMNS = (
    ("cep", sa.String(length=8)),
    ("logradouro", sa.String(length=150)),
    ("numero", sa.String(length=20)),
    ("complemento", sa.String(length=100)),
    ("bairro", sa.String(length=100)),
    ("municipio", sa.String(length=100)),
    ("uf", sa.String(length=2)),
    ("foto", sa.LargeBinary()),
)


def upgrade() -> None:
    # ADD COLUMN of a nullable column rewrites nothing: no table rebuild is needed.
    for name, type_ in NEW_COLUMNS:
        op.add_column("alunos", sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    """Back to 0007's alunos. Addresses and photos have no place there: the backup made
    before a downgrade keeps them."""
    with op.batch_alter_table("alunos", schema=None) as batch_op:
        for name, _type in reversed(NEW_COLUMNS):
            batch_op.drop_column(name)
