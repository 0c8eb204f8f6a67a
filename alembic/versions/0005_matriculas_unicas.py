"""Matrículas for 1.0: one per aluno and curso, named foreign keys, an index on curso_id.

Data rules, each change recorded in registro_migracao with the whole row as it was (JSON):
- a date typed as dd/mm/aaaa becomes aaaa-mm-dd.
- a matrícula whose aluno or curso no longer exists (the 0.x app never switched foreign
  keys on, so deleting an aluno left its matrículas behind) is removed.
- the same enrolment typed twice (same aluno and curso): the earliest one is kept (lowest
  data_matricula, then lowest id); the others are removed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Matrículas sem repetição e sem alunos ou cursos inexistentes"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

REMOVED_ACTIONS = ("matricula_repetida_removida", "matricula_orfa_removida")


def _remove(bind: sa.Connection, where: str, acao: str) -> None:
    """Delete the matrículas matching ``where``, recording each whole row first."""
    rows = bind.execute(
        sa.text(f"SELECT id, aluno_id, curso_id, data_matricula FROM matriculas WHERE {where} ORDER BY id")
    ).all()
    if not rows:
        return
    bind.execute(
        sa.text(
            "INSERT INTO registro_migracao (revisao, tabela, registro_id, campo, acao, valor_anterior) "
            "VALUES (:revisao, 'matriculas', :id, NULL, :acao, :antes)"
        ),
        [
            {
                "revisao": revision,
                "id": r.id,
                "acao": acao,
                "antes": json.dumps(
                    {
                        "id": r.id,
                        "aluno_id": r.aluno_id,
                        "curso_id": r.curso_id,
                        "data_matricula": r.data_matricula,
                    },
                    ensure_ascii=False,
                ),
            }
            for r in rows
        ],
    )
    bind.execute(sa.text(f"DELETE FROM matriculas WHERE {where}"))


def upgrade() -> None:
    bind = op.get_bind()

    br_date = "data_matricula GLOB '[0-3][0-9]/[01][0-9]/[12][0-9][0-9][0-9]'"
    iso = "substr(data_matricula, 7, 4) || '-' || substr(data_matricula, 4, 2) || '-' || substr(data_matricula, 1, 2)"
    op.execute(
        "INSERT INTO registro_migracao (revisao, tabela, registro_id, campo, acao, valor_anterior, valor_novo) "
        f"SELECT '{revision}', 'matriculas', id, 'data_matricula', 'data_convertida', data_matricula, {iso} "
        f"FROM matriculas WHERE {br_date}"
    )
    op.execute(f"UPDATE matriculas SET data_matricula = {iso} WHERE {br_date}")

    _remove(
        bind,
        "aluno_id NOT IN (SELECT id FROM alunos) OR curso_id NOT IN (SELECT id FROM cursos)",
        "matricula_orfa_removida",
    )
    # One sorted pass (a window function), not a correlated subquery per row.
    op.execute(
        "CREATE TEMP TABLE _matriculas_repetidas AS SELECT id FROM (SELECT id, row_number() OVER "
        "(PARTITION BY aluno_id, curso_id ORDER BY data_matricula, id) AS ordem FROM matriculas) WHERE ordem > 1"
    )
    _remove(bind, "id IN (SELECT id FROM _matriculas_repetidas)", "matricula_repetida_removida")
    op.execute("DROP TABLE _matriculas_repetidas")

    op.execute("DROP INDEX IF EXISTS ix_matriculas_id")
    with op.batch_alter_table(
        "matriculas", recreate="always", naming_convention=NAMING_CONVENTION
    ) as batch_op:
        batch_op.create_index(batch_op.f("ix_matriculas_curso_id"), ["curso_id"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_matriculas_aluno_id_curso_id"), ["aluno_id", "curso_id"]
        )


def downgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table(
        "matriculas", recreate="always", naming_convention=NAMING_CONVENTION
    ) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_matriculas_aluno_id_curso_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_matriculas_curso_id"))
        batch_op.create_index("ix_matriculas_id", ["id"], unique=False)

    # Repeated enrolments come back as they were. Orphans stay in the record: restoring them
    # would break the foreign keys that every upgrade and downgrade checks.
    rows = bind.execute(
        sa.text(
            "SELECT valor_anterior FROM registro_migracao WHERE revisao = :r AND acao = 'matricula_repetida_removida'"
        ),
        {"r": revision},
    ).scalars()
    restored = [json.loads(value) for value in rows]
    if restored:
        bind.execute(
            sa.text(
                "INSERT INTO matriculas (id, aluno_id, curso_id, data_matricula) "
                "SELECT :id, :aluno_id, :curso_id, :data_matricula "
                "WHERE EXISTS (SELECT 1 FROM alunos WHERE id = :aluno_id) "
                "AND EXISTS (SELECT 1 FROM cursos WHERE id = :curso_id) "
                "AND NOT EXISTS (SELECT 1 FROM matriculas WHERE id = :id)"
            ),
            restored,
        )
    op.execute(
        "UPDATE matriculas SET data_matricula = (SELECT r.valor_anterior FROM registro_migracao r "
        "WHERE r.revisao = '0005' AND r.acao = 'data_convertida' AND r.registro_id = matriculas.id) "
        "WHERE id IN (SELECT registro_id FROM registro_migracao WHERE revisao = '0005' "
        "AND acao = 'data_convertida')"
    )
    op.execute("DELETE FROM registro_migracao WHERE revisao = '0005' AND acao <> 'matricula_orfa_removida'")
