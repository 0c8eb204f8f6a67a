"""The hand-written SQL that the sqlite3 CLI runs as the floor of the upgrade measure.

It does, in one transaction, what revisions 0002..head do to a 0.x file's data, the way a
person who knows the answer would write it: rename the three 0.x tables, create the head
schema (the DDL of a new file at head, taken from sqlite_master), copy the rows across with
the clean-ups expressed in SQL, drop the old tables, stamp alembic_version.

What it omits, so it is a floor and not an equivalent:
- the backup before the upgrade, the free-space check, the lock, integrity_check,
  foreign_key_check and the schema validation (compare_metadata) after it;
- registro_migracao: no row records what was changed;
- the careful parsing of odd values: dates only as ISO or dd/mm/yyyy (others become NULL and
  go to observações), carga horária only when it starts with digits, ativo from a short list
  of words, e-mails lowered with SQLite's ASCII-only lower();
- metadados other than those of a new file at head (copied as they are);
- Alembic itself: reading the revisions, one transaction per revision in the CLI.
"""

from __future__ import annotations

BLANKS = "' ' || char(9, 10, 13, 160)"


def floor_sql(head_ddl: list[str], head: str, application_id: int, metadados: list[tuple[str, str]]) -> str:
    ddl = ";\n".join(head_ddl)
    meta = "".join(
        f"INSERT INTO metadados (chave, valor) VALUES ('{k}', '{v}');\n" for k, v in metadados if "'" not in k + v
    )
    return f"""\
.bail on
PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
BEGIN;
ALTER TABLE alunos RENAME TO alunos_0x;
ALTER TABLE cursos RENAME TO cursos_0x;
ALTER TABLE matriculas RENAME TO matriculas_0x;
DROP INDEX IF EXISTS ix_alunos_email;
DROP INDEX IF EXISTS ix_alunos_id;
DROP INDEX IF EXISTS ix_cursos_id;
DROP INDEX IF EXISTS ix_matriculas_id;
{ddl};
CREATE TEMP TABLE alunos_email AS
    SELECT id, em, row_number() OVER (PARTITION BY em ORDER BY id) AS rn
    FROM (SELECT id, nullif(lower(trim(email, {BLANKS})), '') AS em FROM alunos_0x);
INSERT INTO alunos (id, nome, email, ativo, ra)
    SELECT a.id, coalesce(nullif(trim(a.nome, {BLANKS}), ''), a.nome),
           CASE WHEN e.rn = 1 THEN e.em END,
           CASE WHEN a.ativo IS NULL THEN 1
                WHEN lower(trim(CAST(a.ativo AS TEXT))) IN ('0', 'false', 'não', 'nao', 'n', 'no', 'f') THEN 0
                ELSE 1 END,
           printf('%08d', a.id)
    FROM alunos_0x a JOIN alunos_email e ON e.id = a.id;
INSERT INTO contatos (aluno_id, tipo, valor)
    SELECT id, 'telefone', trim(telefone, {BLANKS}) FROM alunos_0x WHERE trim(telefone, {BLANKS}) <> '';
INSERT INTO contatos (aluno_id, tipo, valor)
    SELECT id, 'email', em FROM alunos_email WHERE em IS NOT NULL AND rn > 1;
INSERT INTO cursos (id, nome, descricao, carga_horaria, observacoes)
    SELECT id, nome, descricao,
           CASE WHEN trim(carga_horaria) GLOB '[0-9]*' THEN CAST(trim(carga_horaria) AS INTEGER) END,
           CASE WHEN trim(carga_horaria) <> '' AND NOT trim(carga_horaria) GLOB '[0-9]*'
                THEN 'Carga horária original: ' || carga_horaria END
    FROM cursos_0x;
INSERT INTO matriculas (id, aluno_id, curso_id, data_matricula, observacoes)
    SELECT id, aluno_id, curso_id, iso, CASE WHEN iso IS NULL THEN 'Data original: ' || d END
    FROM (
        SELECT id, aluno_id, curso_id, d,
               CASE WHEN d LIKE '__/__/____'
                    THEN date(substr(d, 7, 4) || '-' || substr(d, 4, 2) || '-' || substr(d, 1, 2))
                    ELSE date(substr(d, 1, 10)) END AS iso,
               row_number() OVER (PARTITION BY aluno_id, curso_id ORDER BY id) AS rn
        FROM (SELECT id, aluno_id, curso_id, trim(CAST(data_matricula AS TEXT)) AS d FROM matriculas_0x)
        WHERE aluno_id IN (SELECT id FROM alunos_0x)
    )
    WHERE rn = 1;
DROP TABLE matriculas_0x;
DROP TABLE cursos_0x;
DROP TABLE alunos_0x;
INSERT INTO alembic_version (version_num) VALUES ('{head}');
{meta}PRAGMA application_id = {application_id};
COMMIT;
"""
