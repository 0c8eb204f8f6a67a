"""Cursos for 1.0: carga_horaria becomes an Integer; the unnamed UNIQUE (nome) gets a name.

Data rules, each change recorded in registro_migracao with the value as it was:
- carga_horaria text that is a whole number of hours ("60h", " 40 ", "80 horas", "20 h/a")
  becomes that number; blank text becomes NULL.
- any other text ("a definir", "1,5h") is never dropped: it becomes NULL in carga_horaria
  and is kept in the new ``observacoes`` column as "Carga horária original: <texto>".
- ``nome`` loses stray blanks unless that would repeat the name of another curso, in which
  case it is kept as typed (and recorded).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Carga horária dos cursos em horas (número inteiro)"

# No "ck" entry: see 0003.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

BLANKS = " \t\r\n\xa0"
HOURS = re.compile(
    r"^(\d{1,5})\s*(h|hs|hr|hrs|hora|horas|h/a|h\.a\.|horas[- /]aula|hora[- /]aula)?\.?$",
    re.IGNORECASE,
)
NOTE_PREFIX = "Carga horária original: "

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


def parse_hours(text: str) -> int | None:
    """Return the whole number of hours in ``text``, or None when it is not one."""
    match = HOURS.match(text.strip(BLANKS))
    return int(match.group(1)) if match else None


def _record(records: list[dict], curso_id: int, campo: str, acao: str, antes: str | None, depois) -> None:
    records.append(
        {
            "revisao": revision,
            "tabela": "cursos",
            "registro_id": curso_id,
            "campo": campo,
            "acao": acao,
            "valor_anterior": antes,
            "valor_novo": None if depois is None else str(depois),
        }
    )


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("cursos", sa.Column("observacoes", sa.Text(), nullable=True))

    rows = bind.execute(sa.text("SELECT id, nome, carga_horaria FROM cursos ORDER BY id")).all()
    taken = {nome for _, nome, _ in rows}
    records: list[dict] = []
    for curso_id, nome, carga in rows:
        trimmed = nome.strip(BLANKS)
        if trimmed != nome and trimmed:
            if trimmed in taken:
                _record(records, curso_id, "nome", "nome_com_espacos_mantido_por_repetir_outro", nome, nome)
            else:
                taken.discard(nome)
                taken.add(trimmed)
                bind.execute(sa.text("UPDATE cursos SET nome = :n WHERE id = :i"), {"n": trimmed, "i": curso_id})
                _record(records, curso_id, "nome", "espacos_removidos", nome, trimmed)

        if carga is None:
            continue
        text = str(carga)
        hours = parse_hours(text)
        if hours is not None:
            if text != str(hours):
                _record(records, curso_id, "carga_horaria", "carga_horaria_convertida", text, hours)
            new_value, note = str(hours), None
        elif not text.strip(BLANKS):
            _record(records, curso_id, "carga_horaria", "carga_horaria_em_branco_removida", text, None)
            new_value, note = None, None
        else:
            _record(records, curso_id, "carga_horaria", "carga_horaria_mantida_em_observacoes", text, None)
            new_value, note = None, NOTE_PREFIX + text
        bind.execute(
            sa.text("UPDATE cursos SET carga_horaria = :c, observacoes = :o WHERE id = :i"),
            {"c": new_value, "o": note, "i": curso_id},
        )
    if records:
        op.bulk_insert(registro, records)

    for index in sa.inspect(bind).get_indexes("cursos"):  # 1.0 declares none; 0.x had ix_cursos_id
        op.execute(f'DROP INDEX IF EXISTS "{index["name"]}"')
    unique_nome = any(uc["column_names"] == ["nome"] for uc in sa.inspect(bind).get_unique_constraints("cursos"))
    # Every value left is digits or NULL, so the CAST of the batch copy is exact. The
    # naming convention gives the legacy unnamed UNIQUE (nome) its name, uq_cursos_nome.
    with op.batch_alter_table("cursos", recreate="always", naming_convention=NAMING_CONVENTION) as batch_op:
        batch_op.alter_column("id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column(
            "carga_horaria", existing_type=sa.VARCHAR(length=10), type_=sa.Integer(), existing_nullable=True
        )
        if not unique_nome:
            batch_op.create_unique_constraint(batch_op.f("uq_cursos_nome"), ["nome"])


def downgrade() -> None:
    with op.batch_alter_table("cursos", recreate="always", naming_convention=NAMING_CONVENTION) as batch_op:
        batch_op.alter_column(
            "carga_horaria", existing_type=sa.Integer(), type_=sa.VARCHAR(length=10), existing_nullable=True
        )
        batch_op.create_index("ix_cursos_id", ["id"], unique=False)
        batch_op.drop_column("observacoes")
    # The 0.x text comes back where 1.0 converted or kept it, unless edited since.
    op.execute(
        "UPDATE cursos SET carga_horaria = (SELECT r.valor_anterior FROM registro_migracao r "
        "WHERE r.revisao = '0004' AND r.campo = 'carga_horaria' AND r.registro_id = cursos.id) "
        "WHERE EXISTS (SELECT 1 FROM registro_migracao r WHERE r.revisao = '0004' "
        "AND r.campo = 'carga_horaria' AND r.registro_id = cursos.id "
        "AND cursos.carga_horaria IS r.valor_novo)"
    )
    op.execute(
        "UPDATE cursos SET nome = (SELECT r.valor_anterior FROM registro_migracao r WHERE r.revisao = '0004' "
        "AND r.acao = 'espacos_removidos' AND r.registro_id = cursos.id) "
        "WHERE EXISTS (SELECT 1 FROM registro_migracao r WHERE r.revisao = '0004' "
        "AND r.acao = 'espacos_removidos' AND r.registro_id = cursos.id AND cursos.nome IS r.valor_novo)"
    )
    op.execute("DELETE FROM registro_migracao WHERE revisao = '0004'")
