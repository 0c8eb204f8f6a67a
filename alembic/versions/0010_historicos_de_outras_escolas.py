"""Years done in other schools, for the histórico escolar of an aluno who transferred in:
``historicos_externos`` (ano, série, the other school with its município and UF, situação,
frequência, carga horária total, observações) and their ``historicos_externos_disciplinas``
(the other school's name for the disciplina, its média or conceito, its carga horária).

New tables only: nothing existing is changed, so nothing is recorded.

The situação takes the enturmações' codes; médias are NUMERIC(3, 1) from 0 to 10 like the
notas, and the frequência NUMERIC(4, 1) from 0 to 100 (percent).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Anos cursados em outras escolas (histórico escolar)"

SITUACAO_CHECK = (
    "situacao IN ('cursando', 'aprovado', 'retido', 'transferido', "
    "'abandono', 'reprovado_por_faltas', 'falecido', 'remanejado')"
)


def upgrade() -> None:
    op.create_table(
        "historicos_externos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aluno_id", sa.Integer(), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("serie", sa.String(length=50), nullable=False),
        sa.Column("escola", sa.String(length=150), nullable=False),
        sa.Column("municipio", sa.String(length=100), nullable=True),
        sa.Column("uf", sa.String(length=2), nullable=True),
        sa.Column("situacao", sa.String(length=30), nullable=False),
        sa.Column("frequencia", sa.Numeric(precision=4, scale=1), nullable=True),
        sa.Column("carga_horaria_total", sa.Integer(), nullable=True),
        sa.Column("observacoes", sa.Text(), nullable=True),
        sa.CheckConstraint(SITUACAO_CHECK, name=op.f("ck_historicos_externos_situacao")),
        sa.CheckConstraint("ano BETWEEN 1900 AND 2200", name=op.f("ck_historicos_externos_ano")),
        sa.CheckConstraint(
            "carga_horaria_total IS NULL OR carga_horaria_total > 0",
            name=op.f("ck_historicos_externos_carga_horaria_total"),
        ),
        sa.CheckConstraint(
            "frequencia IS NULL OR frequencia BETWEEN 0 AND 100", name=op.f("ck_historicos_externos_frequencia")
        ),
        sa.ForeignKeyConstraint(
            ["aluno_id"], ["alunos.id"], name=op.f("fk_historicos_externos_aluno_id_alunos"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_historicos_externos")),
        sa.UniqueConstraint("aluno_id", "ano", "serie", name=op.f("uq_historicos_externos_aluno_id_ano_serie")),
    )
    with op.batch_alter_table("historicos_externos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_historicos_externos_aluno_id"), ["aluno_id"], unique=False)

    op.create_table(
        "historicos_externos_disciplinas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("historico_id", sa.Integer(), nullable=False),
        sa.Column("disciplina", sa.String(length=100), nullable=False),
        sa.Column("media", sa.Numeric(precision=3, scale=1), nullable=True),
        sa.Column("conceito", sa.String(length=20), nullable=True),
        sa.Column("carga_horaria", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "carga_horaria IS NULL OR carga_horaria > 0", name=op.f("ck_historicos_externos_disciplinas_carga_horaria")
        ),
        sa.CheckConstraint(
            "media IS NULL OR media BETWEEN 0 AND 10", name=op.f("ck_historicos_externos_disciplinas_media")
        ),
        sa.ForeignKeyConstraint(
            ["historico_id"],
            ["historicos_externos.id"],
            name=op.f("fk_historicos_externos_disciplinas_historico_id_historicos_externos"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_historicos_externos_disciplinas")),
        sa.UniqueConstraint(
            "historico_id", "disciplina", name=op.f("uq_historicos_externos_disciplinas_historico_id_disciplina")
        ),
    )


def downgrade() -> None:
    """Back to 0009. The years done in other schools have no place there: the backup made
    before a downgrade keeps them."""
    op.drop_table("historicos_externos_disciplinas")
    with op.batch_alter_table("historicos_externos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_historicos_externos_aluno_id"))

    op.drop_table("historicos_externos")
