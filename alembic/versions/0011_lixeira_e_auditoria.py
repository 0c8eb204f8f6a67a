"""The Lixeira and the audit log: ``lixeira`` keeps a deleted aluno or turma whole (a JSON
snapshot of every row its deletion removed) until the secretary empties it; ``auditoria``
records who changed what and when, with the values before and after.

New tables only: nothing existing is changed, so nothing is recorded. Going down drops both,
with what they hold (the Lixeira's contents and the audit history); the backup made before
any downgrade keeps them.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Lixeira e registro de alterações"


def upgrade() -> None:
    op.create_table(
        "auditoria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quando", sa.DateTime(), nullable=False),
        sa.Column("usuario", sa.String(length=100), server_default="", nullable=False),
        sa.Column("tabela", sa.String(length=60), nullable=False),
        sa.Column("registro_id", sa.Integer(), nullable=True),
        sa.Column("aluno_id", sa.Integer(), nullable=True),
        sa.Column("acao", sa.String(length=20), nullable=False),
        sa.Column("descricao", sa.Text(), server_default="", nullable=False),
        sa.Column("antes", sa.Text(), nullable=True),
        sa.Column("depois", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "acao IN ('inclusao', 'alteracao', 'exclusao', 'restauracao')", name=op.f("ck_auditoria_acao")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auditoria")),
    )
    with op.batch_alter_table("auditoria", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auditoria_aluno_id"), ["aluno_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_auditoria_quando"), ["quando"], unique=False)

    op.create_table(
        "lixeira",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tipo", sa.String(length=20), nullable=False),
        sa.Column("registro_id", sa.Integer(), nullable=False),
        sa.Column("descricao", sa.String(length=300), nullable=False),
        sa.Column("resumo", sa.Text(), server_default="", nullable=False),
        sa.Column("excluido_em", sa.DateTime(), nullable=False),
        sa.Column("usuario", sa.String(length=100), server_default="", nullable=False),
        sa.Column("dados", sa.Text(), nullable=False),
        sa.CheckConstraint("tipo IN ('aluno', 'turma')", name=op.f("ck_lixeira_tipo")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lixeira")),
    )
    with op.batch_alter_table("lixeira", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lixeira_excluido_em"), ["excluido_em"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("lixeira", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lixeira_excluido_em"))

    op.drop_table("lixeira")
    with op.batch_alter_table("auditoria", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditoria_quando"))
        batch_op.drop_index(batch_op.f("ix_auditoria_aluno_id"))

    op.drop_table("auditoria")
