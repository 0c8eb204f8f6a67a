"""Responsáveis: mãe, pai or another person, with contacts, linked to alunos.

An aluno can have several responsáveis and a responsável several alunos (siblings);
the link says the parentesco and whether that person is the legal guardian. New tables
only: nothing existing is changed, so nothing is recorded.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Responsáveis pelos alunos"


def upgrade() -> None:
    op.create_table(
        "responsaveis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nome", sa.String(length=100), nullable=False),
        sa.Column("cpf", sa.String(length=11), nullable=True),
        sa.Column("observacoes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsaveis")),
        sa.UniqueConstraint("cpf", name=op.f("uq_responsaveis_cpf")),
    )
    op.create_table(
        "contatos_responsavel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("responsavel_id", sa.Integer(), nullable=False),
        sa.Column("tipo", sa.String(length=20), nullable=False),
        sa.Column("valor", sa.String(length=100), nullable=False),
        sa.CheckConstraint("tipo IN ('telefone', 'email')", name=op.f("ck_contatos_responsavel_tipo")),
        sa.ForeignKeyConstraint(
            ["responsavel_id"],
            ["responsaveis.id"],
            name=op.f("fk_contatos_responsavel_responsavel_id_responsaveis"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contatos_responsavel")),
    )
    with op.batch_alter_table("contatos_responsavel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contatos_responsavel_responsavel_id"), ["responsavel_id"], unique=False)
    op.create_table(
        "alunos_responsaveis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aluno_id", sa.Integer(), nullable=False),
        sa.Column("responsavel_id", sa.Integer(), nullable=False),
        sa.Column("parentesco", sa.String(length=20), nullable=False),
        sa.Column("responsavel_legal", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.CheckConstraint(
            "parentesco IN ('mae', 'pai', 'avo', 'tio', 'irmao', 'outro')",
            name=op.f("ck_alunos_responsaveis_parentesco"),
        ),
        sa.ForeignKeyConstraint(
            ["aluno_id"], ["alunos.id"], name=op.f("fk_alunos_responsaveis_aluno_id_alunos"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["responsavel_id"],
            ["responsaveis.id"],
            name=op.f("fk_alunos_responsaveis_responsavel_id_responsaveis"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alunos_responsaveis")),
        sa.UniqueConstraint("aluno_id", "responsavel_id", name=op.f("uq_alunos_responsaveis_aluno_id_responsavel_id")),
    )
    with op.batch_alter_table("alunos_responsaveis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alunos_responsaveis_responsavel_id"), ["responsavel_id"], unique=False)


def downgrade() -> None:
    """The responsáveis have no place before 0007: the backup made before a downgrade keeps them."""
    with op.batch_alter_table("alunos_responsaveis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alunos_responsaveis_responsavel_id"))
    op.drop_table("alunos_responsaveis")
    with op.batch_alter_table("contatos_responsavel", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contatos_responsavel_responsavel_id"))
    op.drop_table("contatos_responsavel")
    op.drop_table("responsaveis")
