"""Alunos for 1.0: phones move to contatos; data_nascimento and CPF; e-mails made unique.

Data rules, each change recorded in registro_migracao with the value as it was:
- ``nome`` loses stray leading and trailing blanks.
- every non-blank ``telefone`` moves, as typed, to ``contatos`` (tipo 'telefone'); then the
  column is dropped. A blank-only phone is recorded and not moved.
- ``email`` is trimmed and lowercased; a blank one becomes NULL. When two alunos share an
  e-mail that differs only in letter case or blanks, the aluno with the lowest id keeps
  it, and the others get it as an extra contact (tipo 'email').
- ``ativo`` NULL becomes true (the 0.x app's default) and is now NOT NULL.

Rebuilding ``alunos`` drops the table: the upgrade engine runs this with foreign keys off,
or every matrícula would go through ON DELETE CASCADE.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Contatos dos alunos, data de nascimento, CPF e e-mails sem repetição"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Blanks that people type: space, tab, line breaks and the non-breaking space.
WS = "' ' || char(9) || char(10) || char(13) || char(160)"


def _trim(expr: str) -> str:
    return f"trim({expr}, {WS})"


def _record(select_sql: str) -> None:
    """Insert into registro_migracao the rows of a SELECT giving
    (tabela, registro_id, campo, acao, valor_anterior, valor_novo)."""
    op.execute(
        "INSERT INTO registro_migracao "
        "(revisao, tabela, registro_id, campo, acao, valor_anterior, valor_novo) "
        f"SELECT '{revision}', * FROM ({select_sql})"
    )


def upgrade() -> None:
    op.create_table(
        "contatos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aluno_id", sa.Integer(), nullable=False),
        sa.Column("tipo", sa.String(length=20), nullable=False),
        sa.Column("valor", sa.String(length=100), nullable=False),
        sa.CheckConstraint("tipo IN ('telefone', 'email')", name=op.f("ck_contatos_tipo")),
        sa.ForeignKeyConstraint(
            ["aluno_id"], ["alunos.id"], name=op.f("fk_contatos_aluno_id_alunos"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contatos")),
    )
    with op.batch_alter_table("contatos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contatos_aluno_id"), ["aluno_id"], unique=False)

    # nome: trim stray blanks (a name that is only blanks is left as it was).
    trimmed = _trim("nome")
    _record(
        f"SELECT 'alunos', id, 'nome', 'espacos_removidos', nome, {trimmed} FROM alunos "
        f"WHERE nome <> {trimmed} AND {trimmed} <> ''"
    )
    op.execute(f"UPDATE alunos SET nome = {trimmed} WHERE nome <> {trimmed} AND {trimmed} <> ''")

    # telefone -> contatos, as typed (less the surrounding blanks).
    phone = _trim("telefone")
    op.execute(
        "INSERT INTO contatos (aluno_id, tipo, valor) "
        f"SELECT id, 'telefone', {phone} FROM alunos "
        f"WHERE telefone IS NOT NULL AND {phone} <> '' ORDER BY id"
    )
    _record(
        "SELECT 'alunos', id, 'telefone', 'telefone_em_branco_descartado', telefone, NULL FROM alunos "
        f"WHERE telefone IS NOT NULL AND {phone} = ''"
    )

    # email: blank -> NULL; duplicates by case or blanks -> extra contact; then normalise.
    norm = f"lower({_trim('email')})"
    _record(
        "SELECT 'alunos', id, 'email', 'email_em_branco_removido', email, NULL FROM alunos "
        f"WHERE email IS NOT NULL AND {_trim('email')} = ''"
    )
    op.execute(f"UPDATE alunos SET email = NULL WHERE email IS NOT NULL AND {_trim('email')} = ''")
    # One sorted pass (a window function), not a correlated subquery per row.
    duplicates = (
        "SELECT id, email, norm FROM (SELECT id, email, norm, "
        "row_number() OVER (PARTITION BY norm ORDER BY id) AS ordem "
        f"FROM (SELECT id, email, {norm} AS norm FROM alunos WHERE email IS NOT NULL)) WHERE ordem > 1"
    )
    op.execute(f"CREATE TEMP TABLE _emails_repetidos AS {duplicates}")
    op.execute(
        "INSERT INTO contatos (aluno_id, tipo, valor) "
        "SELECT id, 'email', norm FROM _emails_repetidos ORDER BY id"
    )
    _record(
        "SELECT 'alunos', id, 'email', 'email_repetido_movido_para_contatos', email, norm "
        "FROM _emails_repetidos"
    )
    op.execute("UPDATE alunos SET email = NULL WHERE id IN (SELECT id FROM _emails_repetidos)")
    op.execute("DROP TABLE _emails_repetidos")
    _record(
        f"SELECT 'alunos', id, 'email', 'email_normalizado', email, {norm} FROM alunos "
        f"WHERE email IS NOT NULL AND email <> {norm}"
    )
    op.execute(f"UPDATE alunos SET email = {norm} WHERE email IS NOT NULL AND email <> {norm}")

    # ativo: NULL meant "never set"; the 0.x app's default was true.
    _record("SELECT 'alunos', id, 'ativo', 'ativo_vazio_definido', NULL, '1' FROM alunos WHERE ativo IS NULL")
    op.execute("UPDATE alunos SET ativo = 1 WHERE ativo IS NULL")

    # A 0.x file may lack an index (dropped by hand, or a table restored from a leftover
    # copy): make both states end the same way instead of failing.
    op.execute("DROP INDEX IF EXISTS ix_alunos_id")
    op.execute("CREATE UNIQUE INDEX IF NOT EXISTS ix_alunos_email ON alunos (email)")
    with op.batch_alter_table("alunos", recreate="always", naming_convention=NAMING_CONVENTION) as batch_op:
        batch_op.add_column(sa.Column("cpf", sa.String(length=11), nullable=True))
        batch_op.add_column(sa.Column("data_nascimento", sa.Date(), nullable=True))
        batch_op.alter_column(
            "ativo", existing_type=sa.Boolean(), nullable=False, server_default=sa.text("1")
        )
        batch_op.create_unique_constraint(batch_op.f("uq_alunos_cpf"), ["cpf"])
        batch_op.drop_column("telefone")


def downgrade() -> None:
    with op.batch_alter_table("alunos", recreate="always", naming_convention=NAMING_CONVENTION) as batch_op:
        batch_op.add_column(sa.Column("telefone", sa.VARCHAR(length=20), nullable=True))
        batch_op.drop_constraint(batch_op.f("uq_alunos_cpf"), type_="unique")
        batch_op.create_index("ix_alunos_id", ["id"], unique=False)
        batch_op.alter_column("ativo", existing_type=sa.Boolean(), nullable=True, server_default=None)
        batch_op.drop_column("data_nascimento")
        batch_op.drop_column("cpf")

    # Phones go back into the single column; several phones are joined with " / ".
    op.execute(
        "UPDATE alunos SET telefone = (SELECT group_concat(valor, ' / ') FROM "
        "(SELECT valor FROM contatos c WHERE c.aluno_id = alunos.id AND c.tipo = 'telefone' ORDER BY c.id))"
    )
    # E-mails that 1.0 moved or normalised get their 0.x spelling back when still unchanged.
    op.execute(
        "UPDATE alunos SET email = (SELECT r.valor_anterior FROM registro_migracao r "
        "WHERE r.revisao = '0003' AND r.registro_id = alunos.id AND r.acao IN "
        "('email_normalizado', 'email_repetido_movido_para_contatos') ORDER BY r.id DESC LIMIT 1) "
        "WHERE EXISTS (SELECT 1 FROM registro_migracao r WHERE r.revisao = '0003' "
        "AND r.registro_id = alunos.id AND r.acao IN ('email_normalizado', "
        "'email_repetido_movido_para_contatos') AND (alunos.email IS NULL OR alunos.email = r.valor_novo))"
    )
    op.execute("DELETE FROM registro_migracao WHERE revisao = '0003'")
    with op.batch_alter_table("contatos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contatos_aluno_id"))
    op.drop_table("contatos")
