"""Every way an aluno arrives and leaves during the year (issue 14), on the enturmação:

- the school of a transferência expedida (``enturmacoes.escola_destino``, ``municipio_destino``,
  ``uf_destino``, all nullable);
- the school of a transferência recebida, where the aluno came from during the year
  (``enturmacoes.escola_origem``, ``municipio_origem``, ``uf_origem``, all nullable);
- the situação ``reclassificado`` (moved to a turma of another etapa, LDB art. 23 §1), which
  the CHECK constraints ``ck_enturmacoes_situacao_manual`` and ``ck_enturmacoes_situacao_final``
  (revision 0015: the situação a closed year ended with) now admit beside the others;
- ``dispensas_disciplina`` (new): an aluno excused from a disciplina of the turma, with the
  date and the motivo, one per enturmação and disciplina (a child of enturmacoes, ON DELETE
  CASCADE, like the notas).

Existing rows keep every value and the new columns start empty (a transferência recorded
before this revision keeps its date and motivo, without the school); nothing is recorded in
registro_migracao.

The columns come with ALTER TABLE ADD COLUMN, with no CHECK on them (the core checks the UF
against the 27 UFs and the lengths). A CHECK constraint cannot change in SQLite without
rebuilding its table, and enturmacoes is the parent of notas, frequencias, recuperacoes_finais
and historico_situacoes (ON DELETE CASCADE): dropping it with foreign keys on would delete
them all. So the widened CHECK comes with a batch rebuild (copy to a new table, DROP, rename)
that is safe only because foreign keys are off: the app upgrades on an engine that turns
them off (``db.create_upgrade_engine``, SQLite's 12-step ALTER procedure), and this revision
checks ``PRAGMA foreign_keys`` and refuses to run with them on (the pragma cannot change inside
the upgrade's transaction), instead of cascading. The rebuild reads the table as it is
(reflection), so every column, index, foreign key and the other CHECK (``datas``) is copied,
those of revisions before this one too; ``PRAGMA foreign_key_check`` and ``quick_check`` run
before COMMIT. Widening only: every stored value passes the new CHECK.

Going down drops the table and the columns (the dispensas and the schools typed after this
revision are lost from the file, and kept in the backup made before a downgrade) and narrows
the CHECK again, by the same rebuild (downgrades run with foreign keys off too). An enturmação closed as reclassificado
(its manual or its final situação) becomes remanejado (the nearest: a move to another turma of the year), in
``enturmacoes.situacao_manual`` and in ``historico_situacoes``, each recorded in
registro_migracao (``situacao_convertida``, the old value kept).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Transferências, reclassificações e dispensas de disciplina"


# The situações of an enturmação before this revision, and the one it adds (frozen copies:
# a revision never imports the app).
SITUACOES = (
    "cursando",
    "aprovado",
    "retido",
    "transferido",
    "abandono",
    "reprovado_por_faltas",
    "falecido",
    "remanejado",
)
RECLASSIFICADO = "reclassificado"
CHECK_NAME = "ck_enturmacoes_situacao_manual"
# The final situação of a closed year (revision 0015) may be reclassificado too: the closing
# records the situação each enturmação ended with, the one left by a reclassificação included.
APROVACOES = ("aprovado_pelo_conselho", "aprovado_com_dependencia")
FINAL_CHECK_NAME = "ck_enturmacoes_situacao_final"
INDEXED = ("aluno_id", "turma_id")


def _check(situacoes: Sequence[str]) -> str:
    return "situacao_manual IS NULL OR situacao_manual IN ({})".format(", ".join(f"'{s}'" for s in situacoes))


def _refuse_with_foreign_keys_on() -> None:
    """Stop before anything is written when a rebuild of enturmacoes would cascade."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("enturmacoes is rebuilt only with foreign keys off (its children would cascade)")


def _check_final(situacoes: Sequence[str]) -> str:
    codes = ", ".join(f"'{s}'" for s in (*situacoes, *APROVACOES))
    return f"situacao_final IS NULL OR situacao_final IN ({codes})"


def _set_check(situacoes: Sequence[str], *, final: bool = True) -> None:
    """Rebuild enturmacoes with its situação CHECKs (the manual one and, with ``final``, the
    final one) admitting ``situacoes``: only with foreign keys off (see the docstring), never
    cascading into its children. Without ``final`` the final one is dropped (see
    :func:`_final_check_as_0015`)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _refuse_with_foreign_keys_on()
        with op.batch_alter_table("enturmacoes", schema=None, recreate="always") as batch_op:
            batch_op.drop_constraint(op.f(CHECK_NAME), type_="check")
            batch_op.create_check_constraint(op.f(CHECK_NAME), _check(situacoes))
            batch_op.drop_constraint(op.f(FINAL_CHECK_NAME), type_="check")
            if final:
                batch_op.create_check_constraint(op.f(FINAL_CHECK_NAME), _check_final(situacoes))
            # The rebuild would create the reflected indexes in no fixed order (the same file
            # upgraded twice would differ in sqlite_master): they are made again below, in order
            for column in INDEXED:
                batch_op.drop_index(op.f(f"ix_enturmacoes_{column}"))
        for column in INDEXED:
            op.create_index(op.f(f"ix_enturmacoes_{column}"), "enturmacoes", [column], unique=False)
    else:
        op.drop_constraint(op.f(CHECK_NAME), "enturmacoes", type_="check")
        op.create_check_constraint(op.f(CHECK_NAME), "enturmacoes", _check(situacoes))
        op.drop_constraint(op.f(FINAL_CHECK_NAME), "enturmacoes", type_="check")
        op.create_check_constraint(op.f(FINAL_CHECK_NAME), "enturmacoes", _check_final(situacoes))


def _final_check_as_0015() -> None:
    """Give ``situacao_final`` back its CHECK as revision 0015 wrote it, on the column itself.

    The rebuild makes every CHECK a table constraint, and SQLite refuses to DROP COLUMN a
    column a table constraint names: 0015 going down could not drop it. So the column goes and
    comes back with ADD COLUMN and its own CHECK (0015's exact text), its values kept aside in a
    temporary table and put back."""
    codes = ", ".join(f"'{s}'" for s in (*SITUACOES, *APROVACOES))
    op.execute(
        "CREATE TEMP TABLE _situacao_final_0016 AS "
        "SELECT id, situacao_final FROM enturmacoes WHERE situacao_final IS NOT NULL"
    )
    op.execute("ALTER TABLE enturmacoes DROP COLUMN situacao_final")
    op.execute(
        "ALTER TABLE enturmacoes ADD COLUMN situacao_final VARCHAR(30) CONSTRAINT ck_enturmacoes_situacao_final "
        f"CHECK (situacao_final IS NULL OR situacao_final IN ({codes}))"
    )
    op.execute(
        "UPDATE enturmacoes SET situacao_final = "
        "(SELECT t.situacao_final FROM _situacao_final_0016 t WHERE t.id = enturmacoes.id) "
        "WHERE id IN (SELECT id FROM _situacao_final_0016)"
    )
    op.execute("DROP TABLE _situacao_final_0016")


def upgrade() -> None:
    _set_check((*SITUACOES, RECLASSIFICADO))
    with op.batch_alter_table("enturmacoes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escola_destino", sa.String(length=150), nullable=True))
        batch_op.add_column(sa.Column("municipio_destino", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("uf_destino", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("escola_origem", sa.String(length=150), nullable=True))
        batch_op.add_column(sa.Column("municipio_origem", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("uf_origem", sa.String(length=2), nullable=True))

    op.create_table(
        "dispensas_disciplina",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enturmacao_id", sa.Integer(), nullable=False),
        sa.Column("disciplina_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.Date(), nullable=False),
        sa.Column("motivo", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["disciplina_id"], ["disciplinas.id"], name=op.f("fk_dispensas_disciplina_disciplina_id_disciplinas")
        ),
        sa.ForeignKeyConstraint(
            ["enturmacao_id"],
            ["enturmacoes.id"],
            name=op.f("fk_dispensas_disciplina_enturmacao_id_enturmacoes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispensas_disciplina")),
        sa.UniqueConstraint(
            "enturmacao_id", "disciplina_id", name=op.f("uq_dispensas_disciplina_enturmacao_id_disciplina_id")
        ),
    )
    with op.batch_alter_table("dispensas_disciplina", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dispensas_disciplina_disciplina_id"), ["disciplina_id"], unique=False)


def downgrade() -> None:
    """Back to 0014. The dispensas and the schools of the transferências have no place there
    (the backup made before a downgrade keeps them), nor the situação reclassificado: it becomes remanejado,
    recorded in registro_migracao."""
    _refuse_with_foreign_keys_on()
    op.drop_table("dispensas_disciplina")  # (its index goes with it)
    bind = op.get_bind()
    registro = sa.table(
        "registro_migracao",
        sa.column("revisao", sa.String),
        sa.column("tabela", sa.String),
        sa.column("registro_id", sa.Integer),
        sa.column("campo", sa.String),
        sa.column("acao", sa.String),
        sa.column("valor_anterior", sa.Text),
        sa.column("valor_novo", sa.Text),
    )
    for tabela, campo in (
        ("enturmacoes", "situacao_manual"),
        ("enturmacoes", "situacao_final"),
        ("historico_situacoes", "situacao_anterior"),
        ("historico_situacoes", "situacao_nova"),
    ):
        op.execute(
            registro.insert().from_select(
                ["revisao", "tabela", "registro_id", "campo", "acao", "valor_anterior", "valor_novo"],
                sa.select(
                    sa.literal("0016"),
                    sa.literal(tabela),
                    sa.column("id"),
                    sa.literal(campo),
                    sa.literal("situacao_convertida"),
                    sa.literal(RECLASSIFICADO),
                    sa.literal("remanejado"),
                )
                .select_from(sa.table(tabela))
                .where(sa.column(campo) == RECLASSIFICADO),
            )
        )
        op.execute(
            sa.table(tabela, sa.column(campo))
            .update()
            .where(sa.column(campo) == RECLASSIFICADO)
            .values({campo: "remanejado"})
        )
    if bind.dialect.name == "sqlite":
        _set_check(SITUACOES, final=False)
        _final_check_as_0015()
    else:
        _set_check(SITUACOES)
    native = bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35, 0)
    # An older SQLite has no DROP COLUMN: a rebuild then, safe since downgrades run with foreign keys off
    with op.batch_alter_table("enturmacoes", schema=None, recreate="never" if native else "always") as batch_op:
        batch_op.drop_column("uf_origem")
        batch_op.drop_column("municipio_origem")
        batch_op.drop_column("escola_origem")
        batch_op.drop_column("uf_destino")
        batch_op.drop_column("municipio_destino")
        batch_op.drop_column("escola_destino")
