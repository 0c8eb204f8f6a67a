"""Matrículas for 1.0: one per aluno and curso, dates that can be read, named foreign keys.

Data rules, each change recorded in registro_migracao with the value as it was:
- a date typed another way ("10/03/2024", "1/3/2024", "2024/03/10", "2024-03-10 08:00",
  20240310) becomes aaaa-mm-dd. A value that is no real date ("31/02/2021", "a definir")
  is never dropped: data_matricula becomes NULL and the text goes to the new
  ``observacoes`` column as "Data original: <texto>".
- a matrícula whose aluno or curso no longer exists (the 0.x app never switched foreign
  keys on, so deleting an aluno left its matrículas behind) is removed; the whole row is
  recorded as JSON, and the downgrade puts it back.
- the same enrolment typed twice (same aluno and curso): the earliest one is kept (lowest
  data_matricula, then lowest id); the others are removed and recorded the same way.
- indexes that the 0.x schema did not declare are dropped; 1.0 has exactly its own.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import json
import re
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Matrículas sem repetição, com datas legíveis e sem alunos ou cursos inexistentes"

# No "ck" entry: see 0003.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

BLANKS = " \t\r\n\xa0"
NOTE_PREFIX = "Data original: "
REMOVED_ACTIONS = ("matricula_repetida_removida", "matricula_orfa_removida")
DATE_FORMATS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), ("d", "m", "y")),  # Brazilian order
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
)


def parse_date(value: object) -> str | None:
    """Return ``value`` as an ISO date when it is one, written in any of DATE_FORMATS."""
    text = str(value).strip(BLANKS)
    for pattern, order in DATE_FORMATS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"]).isoformat()
            except ValueError:
                return None
    return None


def _record(bind: sa.Connection, rows: list[dict]) -> None:
    if rows:
        bind.execute(
            sa.text(
                "INSERT INTO registro_migracao (revisao, tabela, registro_id, campo, acao, valor_anterior, valor_novo) "
                f"VALUES ('{revision}', 'matriculas', :id, :campo, :acao, :antes, :depois)"
            ),
            rows,
        )


def _remove(bind: sa.Connection, where: str, acao: str) -> None:
    """Delete the matrículas matching ``where``, recording each whole row first."""
    rows = bind.execute(
        sa.text(f"SELECT id, aluno_id, curso_id, data_matricula, observacoes FROM matriculas WHERE {where} ORDER BY id")
    ).all()
    _record(
        bind,
        [
            {
                "id": r.id,
                "campo": None,
                "acao": acao,
                "antes": json.dumps(r._asdict(), ensure_ascii=False),
                "depois": None,
            }
            for r in rows
        ],
    )
    bind.execute(sa.text(f"DELETE FROM matriculas WHERE {where}"))


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("matriculas", sa.Column("observacoes", sa.Text(), nullable=True))

    # Dates: only the rows that are not already a real ISO date are looked at in Python.
    odd = bind.execute(
        sa.text(
            "SELECT id, data_matricula FROM matriculas "
            "WHERE typeof(data_matricula) <> 'text' OR date(data_matricula) IS NOT data_matricula"
        )
    ).all()
    records, unreadable = [], []
    for matricula_id, raw in odd:
        iso = parse_date(raw)
        antes = None if raw is None else str(raw)
        if iso is not None:
            bind.execute(
                sa.text("UPDATE matriculas SET data_matricula = :d WHERE id = :i"), {"d": iso, "i": matricula_id}
            )
            records.append(
                {
                    "id": matricula_id,
                    "campo": "data_matricula",
                    "acao": "data_convertida",
                    "antes": antes,
                    "depois": iso,
                }
            )
        else:
            unreadable.append(matricula_id)
            bind.execute(
                sa.text("UPDATE matriculas SET observacoes = :o WHERE id = :i"),
                {"o": NOTE_PREFIX + (antes if antes and antes.strip(BLANKS) else "(em branco)"), "i": matricula_id},
            )
            records.append(
                {
                    "id": matricula_id,
                    "campo": "data_matricula",
                    "acao": "data_ilegivel_mantida_em_observacoes",
                    "antes": antes,
                    "depois": None,
                }
            )
    _record(bind, records)

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

    for index in sa.inspect(bind).get_indexes("matriculas"):
        op.execute(f'DROP INDEX IF EXISTS "{index["name"]}"')
    with op.batch_alter_table("matriculas", recreate="always", naming_convention=NAMING_CONVENTION) as batch_op:
        batch_op.alter_column("id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("data_matricula", existing_type=sa.Date(), nullable=True)
        batch_op.create_index(batch_op.f("ix_matriculas_curso_id"), ["curso_id"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_matriculas_aluno_id_curso_id"), ["aluno_id", "curso_id"])
    if unreadable:
        bind.execute(
            sa.text("UPDATE matriculas SET data_matricula = NULL WHERE id = :i"), [{"i": i} for i in unreadable]
        )


def downgrade() -> None:
    """Back to 0.x: removed rows come back, and so does every date as it was typed."""
    bind = op.get_bind()
    typed = dict(
        bind.execute(
            sa.text(
                "SELECT registro_id, valor_anterior FROM registro_migracao "
                f"WHERE revisao = '{revision}' AND campo = 'data_matricula'"
            )
        ).all()
    )
    if typed:
        bind.execute(
            sa.text("UPDATE matriculas SET data_matricula = :d WHERE id = :i"),
            [{"i": i, "d": d} for i, d in typed.items()],
        )
    removed = [
        json.loads(value)
        for value in bind.execute(
            sa.text(
                f"SELECT valor_anterior FROM registro_migracao WHERE revisao = '{revision}' "
                f"AND acao IN {REMOVED_ACTIONS!r} ORDER BY id"
            )
        ).scalars()
    ]
    with op.batch_alter_table("matriculas", recreate="always", naming_convention=NAMING_CONVENTION) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_matriculas_aluno_id_curso_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_matriculas_curso_id"))
        batch_op.alter_column("data_matricula", existing_type=sa.Date(), nullable=False)
        batch_op.drop_column("observacoes")
        batch_op.create_index("ix_matriculas_id", ["id"], unique=False)
    # Only now, without the unique constraint, can repeated enrolments come back.
    if removed:
        bind.execute(
            sa.text(
                "INSERT INTO matriculas (id, aluno_id, curso_id, data_matricula) "
                "SELECT :id, :aluno_id, :curso_id, :data_matricula "
                "WHERE NOT EXISTS (SELECT 1 FROM matriculas WHERE id = :id)"
            ),
            [{**row, "data_matricula": typed.get(row["id"], row["data_matricula"])} for row in removed],
        )
    op.execute(f"DELETE FROM registro_migracao WHERE revisao = '{revision}'")
