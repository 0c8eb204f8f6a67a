"""The calendar of an ano letivo: its first and last dia letivo and the length of its school
day (``anos_letivos.data_inicio``, ``data_fim``, ``minutos_por_dia``, all nullable), and its
non-school weekdays (``dias_nao_letivos``: data, descrição, tipo feriado/recesso/outro, one
per ano letivo and date).

New columns and a new table only: existing rows keep every value, the new columns start
empty (the date checks then fall back to the períodos' dates, or to the calendar year; see
``escola_gui/core/calendario.py``), and nothing is recorded in registro_migracao.

anos_letivos is never rebuilt: the columns come with ALTER TABLE ADD COLUMN and go with
ALTER TABLE DROP COLUMN (SQLite 3.35 or later; PostgreSQL too), so no CHECK constraint is
put on them (the core checks início, fim and the school day). A rebuild would DROP TABLE a
parent of turmas, which with foreign keys on fails or cascades (README, "Changing the
schema").

Going down drops the table and the columns: the calendar typed after this revision is lost
from the file, and kept in the backup made before a downgrade.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Calendário do ano letivo: datas, feriados e recessos"


def upgrade() -> None:
    with op.batch_alter_table("anos_letivos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("data_inicio", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("data_fim", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("minutos_por_dia", sa.Integer(), nullable=True))

    op.create_table(
        "dias_nao_letivos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ano_letivo_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("descricao", sa.String(length=100), nullable=False),
        sa.Column("tipo", sa.String(length=20), server_default="feriado", nullable=False),
        sa.CheckConstraint("tipo IN ('feriado', 'recesso', 'outro')", name=op.f("ck_dias_nao_letivos_tipo")),
        sa.ForeignKeyConstraint(
            ["ano_letivo_id"],
            ["anos_letivos.id"],
            name=op.f("fk_dias_nao_letivos_ano_letivo_id_anos_letivos"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dias_nao_letivos")),
        sa.UniqueConstraint("ano_letivo_id", "data", name=op.f("uq_dias_nao_letivos_ano_letivo_id_data")),
    )


def downgrade() -> None:
    """Back to 0012. The calendar has no place there: the backup made before a downgrade
    keeps it."""
    op.drop_table("dias_nao_letivos")
    bind = op.get_bind()
    native = bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35, 0)
    # An older SQLite has no DROP COLUMN: a rebuild then, safe since downgrades run with foreign keys off
    with op.batch_alter_table("anos_letivos", schema=None, recreate="never" if native else "always") as batch_op:
        batch_op.drop_column("minutos_por_dia")
        batch_op.drop_column("data_fim")
        batch_op.drop_column("data_inicio")
