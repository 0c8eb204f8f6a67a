"""Evaluation rules per etapa or per turma, notas on the 0–100 scale, conceitos and pareceres.

- ``regras_avaliacao`` (new): the catalogue of evaluation rules (what
  ``escola_gui.core.avaliacao.RegraAvaliacao`` needs besides the ano letivo's períodos, formula
  and pesos): nome (unique), tipo (notas, conceitos or parecer descritivo), escala (10 or 100),
  média para aprovação, frequência mínima, recuperação (what it replaces) and recuperação final,
  the rounding table (a step such as 0,5, or explicit faixas as JSON text), the conceitos (JSON
  text, best first, each saying whether it approves; NULL: A–E), sem retenção and the number of
  dependências allowed. Seeded with five rules (:data:`REGRAS`).
- ``etapas.regra_avaliacao_id`` and ``turmas.regra_avaliacao_id`` (new, nullable, never cascade;
  the foreign key is declared on the column, as ADD COLUMN allows, so it has no ON DELETE):
  a turma is graded by its own rule, else its etapa's, else its ano letivo's as before. Both come
  with ALTER TABLE ADD COLUMN: etapas and turmas are parents (of turmas, of enturmações), never
  rebuilt here (README, "Changing the schema").
- The rule "Educação Infantil — parecer, sem retenção" is given to the etapas of Educação
  Infantil whose turmas have no aluno at all (nothing typed or computed can change); an etapa of
  Educação Infantil with alunos keeps the ano letivo's rule, for the secretary to choose. In a
  file that has turmas, each such etapa is recorded in ``registro_migracao``: ``regra_atribuida``
  or ``regra_nao_atribuida`` (valor_novo: the rule's nome); a new file records nothing. So every
  existing turma keeps exactly its results.
- ``notas.conceito`` and ``notas.parecer`` (new, nullable): what a rule of conceitos or pareceres
  types per período.
- ``notas`` and ``recuperacoes_finais``: their CHECKs now admit notas up to 100 (a rule on the
  0–100 scale), and the columns are NUMERIC(4, 1). These are leaf tables (no foreign key points
  at them), so a batch rebuild is safe, and the upgrade runs with foreign keys off anyway. Every
  row keeps its values.

Going down drops the rules, the two columns (the rules chosen for etapas and turmas are lost
from the file), ``notas.conceito`` and ``notas.parecer``, this revision's rows of
``registro_migracao``, and the notas, recuperações and recuperações finais above 10 (typed
under a rule on the 0–100 scale), which the 0–10 CHECKs cannot hold. The backup made before a
downgrade keeps all of it.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Regras de avaliação por etapa e por turma: notas de 0 a 100, conceitos e parecer descritivo"

NOTA = sa.Numeric(precision=4, scale=1, asdecimal=False)
INFANTIL = "Educação Infantil — parecer, sem retenção"

# (id, nome, tipo, escala, media_aprovacao, frequencia_minima, recuperacao, arredondamento_passo,
#  sem_retencao). Educação Infantil: LDB art. 31 (evaluation without retention; 60 % frequência).
REGRAS = (
    (1, "Notas de 0 a 10 — média 6,0", "numerica", 10, 6.0, 75, None, None, 0),
    (
        2,
        "Notas de 0 a 10 — meio ponto, recuperação por período",
        "numerica",
        10,
        6.0,
        75,
        "substitui_nota_do_periodo",
        0.5,
        0,
    ),
    (3, "Notas de 0 a 100 — média 60", "numerica", 100, 60.0, 75, None, None, 0),
    (4, "Conceitos A a E", "conceitual", 10, 6.0, 75, None, None, 0),
    (5, INFANTIL, "descritiva", 10, 6.0, 60, None, None, 1),
)


def _drop_indexes_of_notas() -> None:
    op.drop_index("ix_notas_periodo_id", table_name="notas")
    op.drop_index("ix_notas_disciplina_id", table_name="notas")


def _create_indexes_of_notas() -> None:
    op.create_index("ix_notas_disciplina_id", "notas", ["disciplina_id"], unique=False)
    op.create_index("ix_notas_periodo_id", "notas", ["periodo_id"], unique=False)


def upgrade() -> None:
    op.create_table(
        "regras_avaliacao",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nome", sa.String(length=100), nullable=False),
        sa.Column("tipo", sa.String(length=20), server_default="numerica", nullable=False),
        sa.Column("escala", sa.Integer(), server_default="10", nullable=False),
        sa.Column("media_aprovacao", NOTA, server_default="6.0", nullable=False),
        sa.Column("frequencia_minima", sa.Integer(), server_default="75", nullable=False),
        sa.Column("recuperacao", sa.String(length=30), nullable=True),
        sa.Column("recuperacao_final", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("arredondamento_passo", NOTA, nullable=True),
        sa.Column("faixas_arredondamento", sa.Text(), nullable=True),
        sa.Column("conceitos", sa.Text(), nullable=True),
        sa.Column("sem_retencao", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("max_dependencias", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "recuperacao IS NULL OR recuperacao IN ('substitui_menor_nota', 'substitui_media', "
            "'substitui_nota_do_periodo')",
            name=op.f("ck_regras_avaliacao_recuperacao"),
        ),
        sa.CheckConstraint("tipo IN ('numerica', 'conceitual', 'descritiva')", name=op.f("ck_regras_avaliacao_tipo")),
        sa.CheckConstraint(
            "arredondamento_passo IS NULL OR arredondamento_passo > 0",
            name=op.f("ck_regras_avaliacao_arredondamento_passo"),
        ),
        sa.CheckConstraint("escala IN (10, 100)", name=op.f("ck_regras_avaliacao_escala")),
        sa.CheckConstraint("frequencia_minima BETWEEN 0 AND 100", name=op.f("ck_regras_avaliacao_frequencia_minima")),
        sa.CheckConstraint("max_dependencias >= 0", name=op.f("ck_regras_avaliacao_max_dependencias")),
        sa.CheckConstraint("media_aprovacao BETWEEN 0 AND escala", name=op.f("ck_regras_avaliacao_media_aprovacao")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regras_avaliacao")),
        sa.UniqueConstraint("nome", name=op.f("uq_regras_avaliacao_nome")),
    )
    bind = op.get_bind()
    bind.exec_driver_sql(
        "INSERT INTO regras_avaliacao (id, nome, tipo, escala, media_aprovacao, frequencia_minima, recuperacao, "
        "arredondamento_passo, sem_retencao) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        list(REGRAS),
    )

    # ADD COLUMN with its named foreign key: etapas and turmas are never rebuilt.
    for table in ("etapas", "turmas"):
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN regra_avaliacao_id INTEGER "
            f"CONSTRAINT fk_{table}_regra_avaliacao_id_regras_avaliacao "
            "REFERENCES regras_avaliacao (id)"
        )

    # Leaf tables: rebuilt (foreign keys are off during an upgrade, and nothing points at them).
    # notas' two indexes are made again after the rebuild, in a fixed order (the batch would
    # create them in any order, and the same file must come out of every upgrade).
    _drop_indexes_of_notas()
    with op.batch_alter_table("notas", schema=None, recreate="always") as batch_op:
        batch_op.add_column(sa.Column("conceito", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("parecer", sa.Text(), nullable=True))
        batch_op.alter_column("nota", existing_type=sa.NUMERIC(precision=3, scale=1), type_=NOTA)
        batch_op.alter_column("recuperacao", existing_type=sa.NUMERIC(precision=3, scale=1), type_=NOTA)
        batch_op.drop_constraint(batch_op.f("ck_notas_nota"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_notas_recuperacao"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notas_nota"), "nota IS NULL OR nota BETWEEN 0 AND 100")
        batch_op.create_check_constraint(
            batch_op.f("ck_notas_recuperacao"), "recuperacao IS NULL OR recuperacao BETWEEN 0 AND 100"
        )
    _create_indexes_of_notas()
    with op.batch_alter_table("recuperacoes_finais", schema=None, recreate="always") as batch_op:
        batch_op.alter_column(
            "nota", existing_type=sa.NUMERIC(precision=3, scale=1), type_=NOTA, existing_nullable=False
        )
        batch_op.drop_constraint(batch_op.f("ck_recuperacoes_finais_nota"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_recuperacoes_finais_nota"), "nota BETWEEN 0 AND 100")

    # Educação Infantil without retention, only where no aluno's result can change.
    etapas = bind.exec_driver_sql(
        "SELECT e.id, EXISTS (SELECT 1 FROM turmas t JOIN enturmacoes en ON en.turma_id = t.id "
        "WHERE t.etapa_id = e.id) FROM etapas e WHERE e.segmento = 'educacao_infantil' ORDER BY e.id"
    ).all()
    livres = [(etapa_id,) for etapa_id, com_alunos in etapas if not com_alunos]
    if livres:
        bind.exec_driver_sql("UPDATE etapas SET regra_avaliacao_id = 5 WHERE id = ?", livres)
    records = [
        (etapa_id, "regra_nao_atribuida" if com_alunos else "regra_atribuida", INFANTIL)
        for etapa_id, com_alunos in etapas
    ]
    # A new file (no turma yet) has nothing to report: only a school's existing file records.
    if records and bind.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM turmas)").scalar():
        bind.exec_driver_sql(
            "INSERT INTO registro_migracao (revisao, tabela, registro_id, campo, acao, valor_anterior, valor_novo) "
            f"VALUES ('{revision}', 'etapas', ?, 'regra_avaliacao_id', ?, NULL, ?)",
            records,
        )


def downgrade() -> None:
    """Back to 0014: see the module's docstring for what is lost (the backup keeps it)."""
    bind = op.get_bind()
    op.execute("DELETE FROM recuperacoes_finais WHERE nota > 10")
    op.execute("UPDATE notas SET recuperacao = NULL WHERE recuperacao > 10")
    op.execute("UPDATE notas SET nota = NULL WHERE nota > 10")
    op.execute("DELETE FROM notas WHERE nota IS NULL AND recuperacao IS NULL")
    with op.batch_alter_table("recuperacoes_finais", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_recuperacoes_finais_nota"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_recuperacoes_finais_nota"), "nota BETWEEN 0 AND 10")
        batch_op.alter_column(
            "nota", existing_type=NOTA, type_=sa.NUMERIC(precision=3, scale=1), existing_nullable=False
        )
    _drop_indexes_of_notas()
    with op.batch_alter_table("notas", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_notas_nota"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_notas_recuperacao"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_notas_nota"), "nota IS NULL OR nota BETWEEN 0 AND 10")
        batch_op.create_check_constraint(
            batch_op.f("ck_notas_recuperacao"), "recuperacao IS NULL OR recuperacao BETWEEN 0 AND 10"
        )
        batch_op.alter_column("recuperacao", existing_type=NOTA, type_=sa.NUMERIC(precision=3, scale=1))
        batch_op.alter_column("nota", existing_type=NOTA, type_=sa.NUMERIC(precision=3, scale=1))
        batch_op.drop_column("parecer")
        batch_op.drop_column("conceito")
    _create_indexes_of_notas()

    native = bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35, 0)
    # An older SQLite has no DROP COLUMN: a rebuild then, safe since downgrades run with foreign keys off
    for table in ("turmas", "etapas"):
        with op.batch_alter_table(table, schema=None, recreate="never" if native else "always") as batch_op:
            batch_op.drop_column("regra_avaliacao_id")
    op.drop_table("regras_avaliacao")
    op.execute(f"DELETE FROM registro_migracao WHERE revisao = '{revision}'")
