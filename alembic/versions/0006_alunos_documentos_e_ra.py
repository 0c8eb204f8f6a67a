"""Alunos get their documents and an RA: nome social, sexo, cor/raça, RG, certidão de
nascimento, NIS, código INEP, and the RA (número de matrícula), generated and unique.

Every new column is empty for existing alunos except the RA, which each aluno receives
as its id written with eight digits ("00000042"): predictable, unique, and the same one
the app would have given. Nothing is changed or dropped, so nothing is recorded.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Documentos dos alunos e número de matrícula (RA)"

# No "ck" entry: CHECK constraints are named explicitly below (see 0003).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SEXO_CHECK = "sexo IN ('F', 'M')"
COR_RACA_CHECK = "cor_raca IN ('nao_declarada', 'branca', 'preta', 'parda', 'amarela', 'indigena')"
NEW_COLUMNS = (
    ("nome_social", sa.String(length=100)),
    ("sexo", sa.String(length=1)),
    ("cor_raca", sa.String(length=20)),
    ("rg", sa.String(length=20)),
    ("certidao_nascimento", sa.String(length=32)),
    ("nis", sa.String(length=11)),
    ("codigo_inep", sa.String(length=12)),
    ("ra", sa.String(length=20)),
)
UNIQUE = ("certidao_nascimento", "nis", "codigo_inep", "ra")


def upgrade() -> None:
    for name, type_ in NEW_COLUMNS:
        op.add_column("alunos", sa.Column(name, type_, nullable=True))
    op.execute("UPDATE alunos SET ra = printf('%08d', id)")  # one statement for every aluno
    with op.batch_alter_table("alunos", recreate="always", naming_convention=NAMING_CONVENTION) as batch_op:
        batch_op.alter_column("ra", existing_type=sa.String(length=20), nullable=False)
        for name in UNIQUE:
            batch_op.create_unique_constraint(batch_op.f(f"uq_alunos_{name}"), [name])
        batch_op.create_check_constraint(batch_op.f("ck_alunos_sexo"), SEXO_CHECK)
        batch_op.create_check_constraint(batch_op.f("ck_alunos_cor_raca"), COR_RACA_CHECK)


def downgrade() -> None:
    """Back to 1.0's alunos. The documents typed since have no place there: the backup made
    before a downgrade keeps them."""
    with op.batch_alter_table("alunos", recreate="always", naming_convention=NAMING_CONVENTION) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_alunos_cor_raca"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_alunos_sexo"), type_="check")
        for name in reversed(UNIQUE):
            batch_op.drop_constraint(batch_op.f(f"uq_alunos_{name}"), type_="unique")
        for name, _type in reversed(NEW_COLUMNS):
            batch_op.drop_column(name)
