"""Alunos for 1.0: phones move to contatos; data_nascimento and CPF; e-mails made unique.

Data rules, each change recorded in registro_migracao with the value as it was:
- ``nome`` loses stray leading and trailing blanks.
- every non-blank ``telefone`` moves, as typed, to ``contatos`` (tipo 'telefone'); then the
  column is dropped. A blank-only phone is recorded and not moved.
- ``email`` is trimmed and lowercased; a blank one becomes NULL. When two alunos share an
  e-mail that differs only in letter case or blanks, the aluno with the lowest id keeps
  it, and the others get it as an extra contact (tipo 'email').
- ``ativo`` NULL becomes true (the 0.x app's default) and is now NOT NULL; text such as
  'false', 'não' or 'sim' becomes 0 or 1 (anything unknown: 1, the default).
- indexes that the 0.x schema did not declare, and a missing one, do not stop the upgrade:
  the rebuilt table has exactly the indexes of 1.0.

Rebuilding ``alunos`` drops the table: the upgrade engine runs this with foreign keys off,
or every matrícula would go through ON DELETE CASCADE.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import warnings
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Contatos dos alunos, data de nascimento, CPF e e-mails sem repetição"

# No "ck" entry: an unnamed CHECK of a 0.x variant (SQLAlchemy 1.3 emitted one for
# Boolean) is copied as it is, where the convention would demand a name it cannot make.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

BLANKS = " \t\r\n\xa0"
# The same blanks, for SQLite's trim(): space, tab, line breaks and the non-breaking space.
WS = "' ' || char(9) || char(10) || char(13) || char(160)"
FALSE_WORDS = ("0", "0.0", "false", "f", "falso", "n", "nao", "não", "no", "inativo")
RECORDED_EMAIL_ACTIONS = ("email_normalizado", "email_repetido_movido_para_contatos", "email_em_branco_removido")


def normalize_email(value: object) -> object:
    """Trim and lowercase, accents included (SQLite's lower() folds ASCII only)."""
    return value.strip(BLANKS).lower() if isinstance(value, str) else value


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


def _drop_secondary_indexes(table: str) -> None:
    for index in sa.inspect(op.get_bind()).get_indexes(table):
        op.execute(f'DROP INDEX IF EXISTS "{index["name"]}"')


def upgrade() -> None:
    bind = op.get_bind()
    bind.connection.driver_connection.create_function("escola_email_0003", 1, normalize_email, deterministic=True)
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

    # telefone -> contatos, as typed less the surrounding blanks (recorded when there were any).
    phone = _trim("CAST(telefone AS TEXT)")
    op.execute(
        "INSERT INTO contatos (aluno_id, tipo, valor) "
        f"SELECT id, 'telefone', {phone} FROM alunos "
        f"WHERE telefone IS NOT NULL AND {phone} <> '' ORDER BY id"
    )
    _record(
        f"SELECT 'alunos', id, 'telefone', 'telefone_espacos_removidos', telefone, {phone} FROM alunos "
        f"WHERE telefone IS NOT NULL AND {phone} <> '' AND telefone IS NOT {phone}"
    )
    _record(
        "SELECT 'alunos', id, 'telefone', 'telefone_em_branco_descartado', telefone, NULL FROM alunos "
        f"WHERE telefone IS NOT NULL AND {phone} = ''"
    )

    # email: blank -> NULL; duplicates by case or blanks -> extra contact; then normalise.
    norm = "escola_email_0003(email)"
    _record(
        "SELECT 'alunos', id, 'email', 'email_em_branco_removido', email, NULL FROM alunos "
        f"WHERE email IS NOT NULL AND {norm} = ''"
    )
    op.execute(f"UPDATE alunos SET email = NULL WHERE email IS NOT NULL AND {norm} = ''")
    # One sorted pass (a window function), not a correlated subquery per row.
    op.execute(
        "CREATE TEMP TABLE _emails_repetidos AS "
        "SELECT id, email, norm FROM (SELECT id, email, norm, "
        "row_number() OVER (PARTITION BY norm ORDER BY id) AS ordem "
        f"FROM (SELECT id, email, {norm} AS norm FROM alunos WHERE email IS NOT NULL)) WHERE ordem > 1"
    )
    op.execute(
        "INSERT INTO contatos (aluno_id, tipo, valor) SELECT id, 'email', norm FROM _emails_repetidos ORDER BY id"
    )
    _record("SELECT 'alunos', id, 'email', 'email_repetido_movido_para_contatos', email, norm FROM _emails_repetidos")
    op.execute("UPDATE alunos SET email = NULL WHERE id IN (SELECT id FROM _emails_repetidos)")
    op.execute("DROP TABLE _emails_repetidos")
    _record(
        f"SELECT 'alunos', id, 'email', 'email_normalizado', email, {norm} FROM alunos "
        f"WHERE email IS NOT NULL AND email IS NOT {norm}"
    )
    # Indexes go before the update: a non-unique variant of ix_alunos_email may hold repeats.
    _drop_secondary_indexes("alunos")
    op.execute(f"UPDATE alunos SET email = {norm} WHERE email IS NOT NULL AND email IS NOT {norm}")
    op.execute("CREATE UNIQUE INDEX ix_alunos_email ON alunos (email)")

    # ativo: NULL meant "never set" and the 0.x app's default was true; text is mapped.
    _record("SELECT 'alunos', id, 'ativo', 'ativo_vazio_definido', NULL, '1' FROM alunos WHERE ativo IS NULL")
    op.execute("UPDATE alunos SET ativo = 1 WHERE ativo IS NULL")
    false_words = ", ".join(f"'{w}'" for w in FALSE_WORDS)
    mapped = f"CASE WHEN lower({_trim('CAST(ativo AS TEXT)')}) IN ({false_words}) THEN 0 ELSE 1 END"
    odd = "(typeof(ativo) <> 'integer' OR ativo NOT IN (0, 1))"
    _record(
        f"SELECT 'alunos', id, 'ativo', 'ativo_normalizado', CAST(ativo AS TEXT), CAST({mapped} AS TEXT) "
        f"FROM alunos WHERE {odd}"
    )
    op.execute(f"UPDATE alunos SET ativo = {mapped} WHERE {odd}")

    # An unnamed CHECK (ativo IN (0, 1)) of a 0.x variant is left out of the rebuilt table,
    # as 1.0 declares none; every value was mapped to 0 or 1 above. Alembic warns; we know.
    with (
        warnings.catch_warnings(),
        op.batch_alter_table("alunos", recreate="always", naming_convention=NAMING_CONVENTION) as batch_op,
    ):
        warnings.filterwarnings("ignore", message="Unnamed CHECK constraint on reflected table 'alunos'")
        batch_op.alter_column("id", existing_type=sa.Integer(), nullable=False)
        batch_op.add_column(sa.Column("cpf", sa.String(length=11), nullable=True))
        batch_op.add_column(sa.Column("data_nascimento", sa.Date(), nullable=True))
        batch_op.alter_column("ativo", existing_type=sa.Boolean(), nullable=False, server_default=sa.text("1"))
        batch_op.create_unique_constraint(batch_op.f("uq_alunos_cpf"), ["cpf"])
        batch_op.drop_column("telefone")


def _restore(campo: str, acoes: tuple[str, ...], only_if: str) -> None:
    """Put back the 0.x value recorded for ``campo`` where ``only_if`` holds (unchanged since)."""
    placeholders = ", ".join(f"'{a}'" for a in acoes)
    recorded = (
        f"FROM registro_migracao r WHERE r.revisao = '{revision}' AND r.tabela = 'alunos' "
        f"AND r.campo = '{campo}' AND r.acao IN ({placeholders}) AND r.registro_id = alunos.id"
    )
    op.execute(
        f"UPDATE alunos SET {campo} = (SELECT r.valor_anterior {recorded} ORDER BY r.id DESC LIMIT 1) "
        f"WHERE EXISTS (SELECT 1 {recorded} AND ({only_if}))"
    )


def downgrade() -> None:
    """Back to 0.x, giving back every value that 0003 recorded. CPF, data de nascimento and
    contacts added in 1.0 have no place in 0.x: the backup made before a downgrade keeps them."""
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
    _restore("telefone", ("telefone_espacos_removidos",), "alunos.telefone IS r.valor_novo")
    _restore("telefone", ("telefone_em_branco_descartado",), "alunos.telefone IS NULL")
    _restore("nome", ("espacos_removidos",), "alunos.nome IS r.valor_novo")
    _restore("email", RECORDED_EMAIL_ACTIONS, "alunos.email IS NULL OR alunos.email IS r.valor_novo")
    _restore("ativo", ("ativo_normalizado",), "CAST(alunos.ativo AS TEXT) IS r.valor_novo")
    _restore("ativo", ("ativo_vazio_definido",), "alunos.ativo = 1")
    op.execute(f"DELETE FROM registro_migracao WHERE revisao = '{revision}'")
    with op.batch_alter_table("contatos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contatos_aluno_id"))
    op.drop_table("contatos")
