"""Baseline: the 0.x prototype's schema, exactly as its create_all() emitted it.

Files from the 0.x era have these tables and no alembic_version table; the app stamps
them with this revision and upgrades from here. The DDL is kept verbatim (not rebuilt
from models) so that a new file made from zero passes through the very same states.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

descricao = "Esquema original (versão 0.x)"

LEGACY_DDL = (
    """CREATE TABLE alunos (
	id INTEGER NOT NULL, 
	nome VARCHAR(100) NOT NULL, 
	email VARCHAR(100), 
	telefone VARCHAR(20), 
	ativo BOOLEAN, 
	PRIMARY KEY (id)
)""",
    "CREATE UNIQUE INDEX ix_alunos_email ON alunos (email)",
    "CREATE INDEX ix_alunos_id ON alunos (id)",
    """CREATE TABLE cursos (
	id INTEGER NOT NULL, 
	nome VARCHAR(100) NOT NULL, 
	descricao TEXT, 
	carga_horaria VARCHAR(10), 
	PRIMARY KEY (id), 
	UNIQUE (nome)
)""",
    "CREATE INDEX ix_cursos_id ON cursos (id)",
    """CREATE TABLE matriculas (
	id INTEGER NOT NULL, 
	aluno_id INTEGER NOT NULL, 
	curso_id INTEGER NOT NULL, 
	data_matricula DATE NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(aluno_id) REFERENCES alunos (id) ON DELETE CASCADE, 
	FOREIGN KEY(curso_id) REFERENCES cursos (id) ON DELETE CASCADE
)""",
    "CREATE INDEX ix_matriculas_id ON matriculas (id)",
)


def upgrade() -> None:
    for statement in LEGACY_DDL:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("matriculas")
    op.drop_table("cursos")
    op.drop_table("alunos")
