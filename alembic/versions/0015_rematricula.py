"""The final situação of each enturmação, and the rematrícula runs.

- ``enturmacoes.situacao_final`` (new, nullable): the situação an enturmação ended its year
  with, written when the ano letivo is closed and cleared when it is reopened. It may hold
  every code ``situacao_manual`` holds and the two approvals of the rules per etapa
  (``aprovado_pelo_conselho``, ``aprovado_com_dependencia``), under a CHECK of its own that comes
  with the column.
- ``rematriculas`` (new): each rematrícula run, from a closed ano letivo into the next, when and
  by whom; undoing it fills ``desfeita_em``.
- ``rematriculas_turmas`` (new): the turmas a run created in the destination year.
- ``rematriculas_alunos`` (new): what a run did with each aluno of the closed year: enturmado in
  a turma of the destination year, concluído (the mark of a concluinte etapa), not
  rematriculado, or already there.

Existing rows keep every value. ``situacao_final`` starts empty, also for years closed before
this revision (computing a result needs the rules of the app, which a revision never imports):
the rematrícula computes those from the notas, as the boletim does. Nothing is recorded in
registro_migracao.

enturmacoes is never rebuilt: the column comes with ALTER TABLE ADD COLUMN (its CHECK written
with it) and goes with ALTER TABLE DROP COLUMN (SQLite 3.35 or later). A rebuild would DROP
TABLE a parent of notas and frequências, which with foreign keys on fails or cascades (README,
"Changing the schema").

Going down drops the three tables and the column: the runs, the concluído marks and the final
situações recorded at closing are lost from the file (a closed year's boletins still show
them, computed), and kept in the backup made before a downgrade. The turmas and enturmações a
run created stay, as any others.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Situação final de cada aluno no encerramento do ano, e a rematrícula"

# A frozen copy of models.SITUACOES_FINAIS as this revision ships it.
SITUACOES_FINAIS = (
    "cursando",
    "aprovado",
    "retido",
    "transferido",
    "abandono",
    "reprovado_por_faltas",
    "falecido",
    "remanejado",
    "aprovado_pelo_conselho",
    "aprovado_com_dependencia",
)


def upgrade() -> None:
    op.create_table(
        "rematriculas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ano_origem", sa.Integer(), nullable=False),
        sa.Column("ano_destino", sa.Integer(), nullable=False),
        sa.Column("ano_letivo_criado", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("feita_em", sa.DateTime(), nullable=False),
        sa.Column("usuario", sa.String(length=100), server_default="", nullable=False),
        sa.Column("desfeita_em", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rematriculas")),
    )
    with op.batch_alter_table("rematriculas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rematriculas_ano_destino"), ["ano_destino"], unique=False)

    op.create_table(
        "rematriculas_turmas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rematricula_id", sa.Integer(), nullable=False),
        sa.Column("turma_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["rematricula_id"],
            ["rematriculas.id"],
            name=op.f("fk_rematriculas_turmas_rematricula_id_rematriculas"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["turma_id"], ["turmas.id"], name=op.f("fk_rematriculas_turmas_turma_id_turmas"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rematriculas_turmas")),
    )
    with op.batch_alter_table("rematriculas_turmas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rematriculas_turmas_rematricula_id"), ["rematricula_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rematriculas_turmas_turma_id"), ["turma_id"], unique=False)

    op.create_table(
        "rematriculas_alunos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rematricula_id", sa.Integer(), nullable=False),
        sa.Column("aluno_id", sa.Integer(), nullable=False),
        sa.Column("enturmacao_origem_id", sa.Integer(), nullable=True),
        sa.Column("situacao", sa.String(length=30), nullable=False),
        sa.Column("destino", sa.String(length=20), nullable=False),
        sa.Column("enturmacao_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "destino IN ('turma', 'concluido', 'nao_rematriculado', 'ja_no_destino')",
            name=op.f("ck_rematriculas_alunos_destino"),
        ),
        sa.ForeignKeyConstraint(
            ["aluno_id"], ["alunos.id"], name=op.f("fk_rematriculas_alunos_aluno_id_alunos"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["enturmacao_id"],
            ["enturmacoes.id"],
            name=op.f("fk_rematriculas_alunos_enturmacao_id_enturmacoes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["enturmacao_origem_id"],
            ["enturmacoes.id"],
            name=op.f("fk_rematriculas_alunos_enturmacao_origem_id_enturmacoes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["rematricula_id"],
            ["rematriculas.id"],
            name=op.f("fk_rematriculas_alunos_rematricula_id_rematriculas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rematriculas_alunos")),
    )
    with op.batch_alter_table("rematriculas_alunos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rematriculas_alunos_aluno_id"), ["aluno_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rematriculas_alunos_enturmacao_id"), ["enturmacao_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_rematriculas_alunos_enturmacao_origem_id"), ["enturmacao_origem_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rematriculas_alunos_rematricula_id"), ["rematricula_id"], unique=False)

    # ADD COLUMN with its own CHECK (a batch add_column would leave the CHECK out, or rebuild)
    codes = ", ".join(f"'{code}'" for code in SITUACOES_FINAIS)
    op.execute(
        "ALTER TABLE enturmacoes ADD COLUMN situacao_final VARCHAR(30) CONSTRAINT ck_enturmacoes_situacao_final "
        f"CHECK (situacao_final IS NULL OR situacao_final IN ({codes}))"
    )


def downgrade() -> None:
    """Back to 0014. The runs and the final situações have no place there: the backup made
    before a downgrade keeps them."""
    bind = op.get_bind()
    native = bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35, 0)
    # An older SQLite has no DROP COLUMN: a rebuild then, safe since downgrades run with foreign keys off
    with op.batch_alter_table("enturmacoes", schema=None, recreate="never" if native else "always") as batch_op:
        batch_op.drop_column("situacao_final")

    with op.batch_alter_table("rematriculas_alunos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rematriculas_alunos_rematricula_id"))
        batch_op.drop_index(batch_op.f("ix_rematriculas_alunos_enturmacao_origem_id"))
        batch_op.drop_index(batch_op.f("ix_rematriculas_alunos_enturmacao_id"))
        batch_op.drop_index(batch_op.f("ix_rematriculas_alunos_aluno_id"))

    op.drop_table("rematriculas_alunos")
    with op.batch_alter_table("rematriculas_turmas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rematriculas_turmas_turma_id"))
        batch_op.drop_index(batch_op.f("ix_rematriculas_turmas_rematricula_id"))

    op.drop_table("rematriculas_turmas")
    with op.batch_alter_table("rematriculas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rematriculas_ano_destino"))

    op.drop_table("rematriculas")
