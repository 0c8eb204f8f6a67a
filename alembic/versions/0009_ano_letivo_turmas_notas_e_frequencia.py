"""The school year: escola, anos letivos and their períodos, disciplinas, turmas with their
disciplinas, enturmações (an aluno's matrícula in a turma) with the history of their
situação, notas, recuperações finais and frequência.

New tables only: nothing existing is changed, so nothing is recorded. The legacy
``cursos`` and their matrículas keep their meaning (free courses an aluno enrols in);
disciplinas are a new, separate list.

Notas are NUMERIC(3, 1) from 0 to 10. Aulas dadas and faltas are kept per aluno, so that
an aluno who arrives in the middle of a período is not counted absent before arriving.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Shown to the user in the upgrade progress window (Portuguese).
descricao = "Ano letivo, turmas, disciplinas, notas e frequência"

SITUACAO_CHECK = (
    "situacao_manual IS NULL OR situacao_manual IN ('cursando', 'aprovado', 'retido', 'transferido', "
    "'abandono', 'reprovado_por_faltas', 'falecido', 'remanejado')"
)


def upgrade() -> None:
    op.create_table(
        "anos_letivos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ano", sa.Integer(), nullable=False),
        sa.Column("tipo_periodo", sa.String(length=20), nullable=False),
        sa.Column("formula_media", sa.String(length=20), server_default="aritmetica", nullable=False),
        sa.Column(
            "media_aprovacao",
            sa.Numeric(precision=3, scale=1),
            server_default="6.0",
            nullable=False,
        ),
        sa.Column("frequencia_minima", sa.Integer(), server_default="75", nullable=False),
        sa.Column("recuperacao", sa.String(length=30), nullable=True),
        sa.Column("encerrado", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.CheckConstraint("formula_media IN ('aritmetica', 'ponderada')", name=op.f("ck_anos_letivos_formula_media")),
        sa.CheckConstraint(
            "recuperacao IS NULL OR recuperacao IN ('substitui_menor_nota', 'substitui_media')",
            name=op.f("ck_anos_letivos_recuperacao"),
        ),
        sa.CheckConstraint(
            "tipo_periodo IN ('bimestre', 'trimestre', 'semestre')", name=op.f("ck_anos_letivos_tipo_periodo")
        ),
        sa.CheckConstraint("frequencia_minima BETWEEN 0 AND 100", name=op.f("ck_anos_letivos_frequencia_minima")),
        sa.CheckConstraint("media_aprovacao BETWEEN 0 AND 10", name=op.f("ck_anos_letivos_media_aprovacao")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anos_letivos")),
        sa.UniqueConstraint("ano", name=op.f("uq_anos_letivos_ano")),
    )
    op.create_table(
        "disciplinas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nome", sa.String(length=100), nullable=False),
        sa.Column("abreviatura", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disciplinas")),
        sa.UniqueConstraint("nome", name=op.f("uq_disciplinas_nome")),
    )
    op.create_table(
        "escolas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nome", sa.String(length=150), nullable=False),
        sa.Column("codigo_inep", sa.String(length=8), nullable=True),
        sa.Column("endereco", sa.String(length=200), nullable=True),
        sa.Column("municipio", sa.String(length=100), nullable=True),
        sa.Column("uf", sa.String(length=2), nullable=True),
        sa.Column("telefone", sa.String(length=30), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escolas")),
    )
    op.create_table(
        "periodos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ano_letivo_id", sa.Integer(), nullable=False),
        sa.Column("numero", sa.Integer(), nullable=False),
        sa.Column("peso", sa.Integer(), server_default="1", nullable=False),
        sa.Column("data_inicio", sa.Date(), nullable=True),
        sa.Column("data_fim", sa.Date(), nullable=True),
        sa.CheckConstraint("numero >= 1", name=op.f("ck_periodos_numero")),
        sa.CheckConstraint("peso >= 1", name=op.f("ck_periodos_peso")),
        sa.ForeignKeyConstraint(
            ["ano_letivo_id"],
            ["anos_letivos.id"],
            name=op.f("fk_periodos_ano_letivo_id_anos_letivos"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodos")),
        sa.UniqueConstraint("ano_letivo_id", "numero", name=op.f("uq_periodos_ano_letivo_id_numero")),
    )
    op.create_table(
        "turmas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ano_letivo_id", sa.Integer(), nullable=False),
        sa.Column("nome", sa.String(length=50), nullable=False),
        sa.Column("serie", sa.String(length=50), nullable=False),
        sa.Column("turno", sa.String(length=20), nullable=False),
        sa.Column("sala", sa.String(length=30), nullable=True),
        sa.Column("vagas", sa.Integer(), nullable=True),
        sa.CheckConstraint("turno IN ('matutino', 'vespertino', 'noturno', 'integral')", name=op.f("ck_turmas_turno")),
        sa.CheckConstraint("vagas IS NULL OR vagas >= 0", name=op.f("ck_turmas_vagas")),
        sa.ForeignKeyConstraint(
            ["ano_letivo_id"], ["anos_letivos.id"], name=op.f("fk_turmas_ano_letivo_id_anos_letivos")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turmas")),
        sa.UniqueConstraint("ano_letivo_id", "nome", name=op.f("uq_turmas_ano_letivo_id_nome")),
    )
    with op.batch_alter_table("turmas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_turmas_ano_letivo_id"), ["ano_letivo_id"], unique=False)

    op.create_table(
        "enturmacoes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aluno_id", sa.Integer(), nullable=False),
        sa.Column("turma_id", sa.Integer(), nullable=False),
        sa.Column("data_entrada", sa.Date(), nullable=False),
        sa.Column("data_saida", sa.Date(), nullable=True),
        sa.Column("situacao_manual", sa.String(length=30), nullable=True),
        sa.Column("motivo_situacao", sa.Text(), nullable=True),
        sa.CheckConstraint(
            SITUACAO_CHECK,
            name=op.f("ck_enturmacoes_situacao_manual"),
        ),
        sa.CheckConstraint("data_saida IS NULL OR data_saida >= data_entrada", name=op.f("ck_enturmacoes_datas")),
        sa.ForeignKeyConstraint(
            ["aluno_id"], ["alunos.id"], name=op.f("fk_enturmacoes_aluno_id_alunos"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["turma_id"], ["turmas.id"], name=op.f("fk_enturmacoes_turma_id_turmas"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enturmacoes")),
    )
    with op.batch_alter_table("enturmacoes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enturmacoes_aluno_id"), ["aluno_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enturmacoes_turma_id"), ["turma_id"], unique=False)

    op.create_table(
        "turmas_disciplinas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("turma_id", sa.Integer(), nullable=False),
        sa.Column("disciplina_id", sa.Integer(), nullable=False),
        sa.Column("carga_horaria", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "carga_horaria IS NULL OR carga_horaria > 0", name=op.f("ck_turmas_disciplinas_carga_horaria")
        ),
        sa.ForeignKeyConstraint(
            ["disciplina_id"], ["disciplinas.id"], name=op.f("fk_turmas_disciplinas_disciplina_id_disciplinas")
        ),
        sa.ForeignKeyConstraint(
            ["turma_id"], ["turmas.id"], name=op.f("fk_turmas_disciplinas_turma_id_turmas"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turmas_disciplinas")),
        sa.UniqueConstraint("turma_id", "disciplina_id", name=op.f("uq_turmas_disciplinas_turma_id_disciplina_id")),
    )
    with op.batch_alter_table("turmas_disciplinas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_turmas_disciplinas_disciplina_id"), ["disciplina_id"], unique=False)

    op.create_table(
        "frequencias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enturmacao_id", sa.Integer(), nullable=False),
        sa.Column("disciplina_id", sa.Integer(), nullable=False),
        sa.Column("periodo_id", sa.Integer(), nullable=False),
        sa.Column("aulas_dadas", sa.Integer(), nullable=False),
        sa.Column("faltas", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "aulas_dadas >= 0 AND faltas >= 0 AND faltas <= aulas_dadas", name=op.f("ck_frequencias_faltas")
        ),
        sa.ForeignKeyConstraint(
            ["disciplina_id"], ["disciplinas.id"], name=op.f("fk_frequencias_disciplina_id_disciplinas")
        ),
        sa.ForeignKeyConstraint(
            ["enturmacao_id"],
            ["enturmacoes.id"],
            name=op.f("fk_frequencias_enturmacao_id_enturmacoes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["periodo_id"], ["periodos.id"], name=op.f("fk_frequencias_periodo_id_periodos"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frequencias")),
        sa.UniqueConstraint(
            "enturmacao_id",
            "disciplina_id",
            "periodo_id",
            name=op.f("uq_frequencias_enturmacao_id_disciplina_id_periodo_id"),
        ),
    )
    with op.batch_alter_table("frequencias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_frequencias_disciplina_id"), ["disciplina_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_frequencias_periodo_id"), ["periodo_id"], unique=False)

    op.create_table(
        "historico_situacoes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enturmacao_id", sa.Integer(), nullable=False),
        sa.Column("situacao_anterior", sa.String(length=30), nullable=True),
        sa.Column("situacao_nova", sa.String(length=30), nullable=True),
        sa.Column("motivo", sa.Text(), nullable=False),
        sa.Column("alterado_em", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["enturmacao_id"],
            ["enturmacoes.id"],
            name=op.f("fk_historico_situacoes_enturmacao_id_enturmacoes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_historico_situacoes")),
    )
    with op.batch_alter_table("historico_situacoes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_historico_situacoes_enturmacao_id"), ["enturmacao_id"], unique=False)

    op.create_table(
        "notas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enturmacao_id", sa.Integer(), nullable=False),
        sa.Column("disciplina_id", sa.Integer(), nullable=False),
        sa.Column("periodo_id", sa.Integer(), nullable=False),
        sa.Column("nota", sa.Numeric(precision=3, scale=1), nullable=True),
        sa.Column("recuperacao", sa.Numeric(precision=3, scale=1), nullable=True),
        sa.CheckConstraint("nota IS NULL OR nota BETWEEN 0 AND 10", name=op.f("ck_notas_nota")),
        sa.CheckConstraint("recuperacao IS NULL OR recuperacao BETWEEN 0 AND 10", name=op.f("ck_notas_recuperacao")),
        sa.ForeignKeyConstraint(["disciplina_id"], ["disciplinas.id"], name=op.f("fk_notas_disciplina_id_disciplinas")),
        sa.ForeignKeyConstraint(
            ["enturmacao_id"], ["enturmacoes.id"], name=op.f("fk_notas_enturmacao_id_enturmacoes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["periodo_id"], ["periodos.id"], name=op.f("fk_notas_periodo_id_periodos"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notas")),
        sa.UniqueConstraint(
            "enturmacao_id", "disciplina_id", "periodo_id", name=op.f("uq_notas_enturmacao_id_disciplina_id_periodo_id")
        ),
    )
    with op.batch_alter_table("notas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notas_disciplina_id"), ["disciplina_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notas_periodo_id"), ["periodo_id"], unique=False)

    op.create_table(
        "recuperacoes_finais",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enturmacao_id", sa.Integer(), nullable=False),
        sa.Column("disciplina_id", sa.Integer(), nullable=False),
        sa.Column("nota", sa.Numeric(precision=3, scale=1), nullable=False),
        sa.CheckConstraint("nota BETWEEN 0 AND 10", name=op.f("ck_recuperacoes_finais_nota")),
        sa.ForeignKeyConstraint(
            ["disciplina_id"], ["disciplinas.id"], name=op.f("fk_recuperacoes_finais_disciplina_id_disciplinas")
        ),
        sa.ForeignKeyConstraint(
            ["enturmacao_id"],
            ["enturmacoes.id"],
            name=op.f("fk_recuperacoes_finais_enturmacao_id_enturmacoes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recuperacoes_finais")),
        sa.UniqueConstraint(
            "enturmacao_id", "disciplina_id", name=op.f("uq_recuperacoes_finais_enturmacao_id_disciplina_id")
        ),
    )
    with op.batch_alter_table("recuperacoes_finais", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recuperacoes_finais_disciplina_id"), ["disciplina_id"], unique=False)


def downgrade() -> None:
    """Back to 0008. The school years, turmas, notas and frequência have no place there: the
    backup made before a downgrade keeps them."""
    with op.batch_alter_table("recuperacoes_finais", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recuperacoes_finais_disciplina_id"))

    op.drop_table("recuperacoes_finais")
    with op.batch_alter_table("notas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notas_periodo_id"))
        batch_op.drop_index(batch_op.f("ix_notas_disciplina_id"))

    op.drop_table("notas")
    with op.batch_alter_table("historico_situacoes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_historico_situacoes_enturmacao_id"))

    op.drop_table("historico_situacoes")
    with op.batch_alter_table("frequencias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frequencias_periodo_id"))
        batch_op.drop_index(batch_op.f("ix_frequencias_disciplina_id"))

    op.drop_table("frequencias")
    with op.batch_alter_table("turmas_disciplinas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_turmas_disciplinas_disciplina_id"))

    op.drop_table("turmas_disciplinas")
    with op.batch_alter_table("enturmacoes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enturmacoes_turma_id"))
        batch_op.drop_index(batch_op.f("ix_enturmacoes_aluno_id"))

    op.drop_table("enturmacoes")
    with op.batch_alter_table("turmas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_turmas_ano_letivo_id"))

    op.drop_table("turmas")
    op.drop_table("periodos")
    op.drop_table("escolas")
    op.drop_table("disciplinas")
    op.drop_table("anos_letivos")
