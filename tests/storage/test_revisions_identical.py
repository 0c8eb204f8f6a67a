"""Shipped revisions made faster must give the very same file: same rows, values, ids and
registro_migracao entries, in the same order.

``tests/storage/reference/`` keeps the shipped text of every revision whose upgrade was
rewritten for speed (the per-row Python loops of 0003 and 0005, the per-row folding of 0012).
Each messy 0.x file below is upgraded twice, once with the revisions of this checkout and once
with those reference copies put in their place, and the two files are dumped in full (every
table in rowid order, each value with its SQLite type; registro_migracao without the time it
was written) and compared.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from escola_gui.storage.file.upgrade import upgrade_to_head
from escola_gui.storage.migrations import migrations_dir
from tests.helpers.legacy import legacy_ddl, make_legacy_file

REFERENCE = Path(__file__).resolve().parent / "reference"

# Values no office typed on purpose, but which a 0.x file may hold: SQLite stores what it is given.
ODD_ALUNOS = [
    # (nome, email, telefone, ativo)
    ("   ", "ÁLVARO@ESCOLA.COM", " 11 9999-0000\xa0", "SIM"),
    ("\xa0Çécília  Ñúñez\t", " \xa0Foo@Bar.com\xa0", "\t\n", "  não "),
    ("İlkay Öztürk", "İSTANBUL@ESCOLA.COM", 11987654321, 0.0),
    ("José\u0301 Combinado", "STRASSE@ß.DE", None, 1.0),
    ("Ｆｕｌｌ Ｗｉｄｔｈ", "a\x00B@Escola.com", "ramal\x0012", 2.5),
    ("ǅemal ﬁnal", b"ABC", b"12", b"\x01"),
    ("Ana Maria", "12345", "", "f"),
    ("Zoë 'aspas' \"duplas\"", "É@ESCOLA.COM", " ", None),
    ("Émile", "é@escola.com ", "x", "FALSO"),
    ("Dup ÇA", "\t\n", None, "inativo"),
    ("ASCII Only", "MiXeD@Case.Org", "  (11) 1234  ", "0.0"),
    ("Ω omega", "ω@grego.gr", "", "no"),
]
ODD_CURSOS = [
    # (nome, carga_horaria)
    ("Dup", "60 H/A"),
    (" Dup ", "007"),
    (" Solo\xa0", "99999"),
    ("Seis dígitos", "123456"),
    ("Branco", " "),
    ("NBSP", "\xa0"),
    ("Inteiro", 45),
    ("Hora aula", "2 hora-aula"),
]
# (aluno_id, curso_id, data_matricula): None for an id means "an odd aluno/curso of the list above".
ODD_DATES = [
    "a definir",
    "31/02/2021",
    'x\x01y\n"q\\ \x1f\x7f',
    "ç😀 ünïcode",
    20240311.5,
    20240311.0,
    20240311,
    " 2024-3-5 ",
    "2024-03-10T10:00",
    "5.3.2024",
    "2024.03.05",
    "29/02/2023",
    "29/02/2024",
    "",
    "\u2028sep\u2029",
    b"\x01\x02",
]


def _add_odd_rows(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    aluno_base = conn.execute("SELECT max(id) FROM alunos").fetchone()[0] + 100
    curso_base = conn.execute("SELECT max(id) FROM cursos").fetchone()[0] + 100
    alunos = [(aluno_base + i, *row) for i, row in enumerate(ODD_ALUNOS)]
    conn.executemany("INSERT INTO alunos (id, nome, email, telefone, ativo) VALUES (?, ?, ?, ?, ?)", alunos)
    cursos = [(curso_base + i, nome, f"descrição {i}", carga) for i, (nome, carga) in enumerate(ODD_CURSOS)]
    conn.executemany("INSERT INTO cursos (id, nome, descricao, carga_horaria) VALUES (?, ?, ?, ?)", cursos)
    mid = conn.execute("SELECT max(id) FROM matriculas").fetchone()[0] + 1
    rows = []
    for k, text in enumerate(ODD_DATES):
        aluno, curso = alunos[k % len(alunos)][0], cursos[k % len(cursos)][0]
        rows.append((mid, aluno, curso, text))  # kept (then the repeats below are removed)
        mid += 1
        if not isinstance(text, bytes):  # a removed row is recorded as JSON: bytes cannot be
            rows.append((mid, aluno, curso, text))  # the same enrolment again, same date
            rows.append((mid + 1, aluno_base + 9999, curso, text))  # an aluno deleted in 0.x
            rows.append((mid + 2, aluno, curso_base + 9999, text))  # a curso deleted in 0.x
            mid += 3
    # Repeats whose dates tie once converted, and unreadable ones among them.
    a, c = alunos[0][0], cursos[1][0]
    for text in ("10/03/2024", 20240310, "2024-03-10", "a definir", "2024-01-01", "  "):
        rows.append((mid, a, c + 0, text))
        mid += 1
    # Foreign keys of odd types: text and real ids point to nobody.
    for aluno_id, curso_id in (("abc", cursos[0][0]), (1.5, cursos[0][0]), (alunos[1][0], "x\ty"), (-7, -8)):
        rows.append((mid, aluno_id, curso_id, "2024-02-02"))
        mid += 1
    conn.executemany("INSERT INTO matriculas (id, aluno_id, curso_id, data_matricula) VALUES (?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()


VARIANTS = {
    "plain": [],
    "boolean_check": [("ativo BOOLEAN,", "ativo BOOLEAN, CHECK (ativo IN (0, 1)),")],
    "autoincrement": [("id INTEGER NOT NULL, \n\tnome VARCHAR(100) NOT NULL, \n\temail",
                       "id INTEGER PRIMARY KEY AUTOINCREMENT, \n\tnome VARCHAR(100) NOT NULL, \n\temail"),
                      ("ativo BOOLEAN, \n\tPRIMARY KEY (id)\n)", "ativo BOOLEAN\n)")],
    "email_index_not_unique": [("CREATE UNIQUE INDEX ix_alunos_email", "CREATE INDEX ix_alunos_email")],
    "no_indexes": [("CREATE INDEX ix_matriculas_id ON matriculas (id)", "SELECT 1"),
                   ("CREATE INDEX ix_cursos_id ON cursos (id)", "SELECT 1")],
}  # fmt: skip


def make_messy_file(path: Path, variant: str, monkeypatch: pytest.MonkeyPatch, *, alunos: int = 240) -> None:
    statements = []
    for statement in legacy_ddl():
        for old, new in VARIANTS[variant]:
            statement = statement.replace(old, new)
        statements.append(statement)
    if variant != "plain":  # indexes added by hand, say (one covers the date)
        statements.append("CREATE INDEX ix_matriculas_aluno_id ON matriculas (aluno_id)")
        statements.append("CREATE INDEX ix_matriculas_data ON matriculas (data_matricula, id)")
    with monkeypatch.context() as m:
        m.setattr("tests.helpers.legacy.legacy_ddl", lambda: tuple(statements))
        make_legacy_file(path, alunos=alunos, seed=len(variant))
    _add_odd_rows(path)


def dump(path: Path) -> str:
    """Every table of ``path`` in rowid order, each value with its type, as text; and the schema."""
    conn = sqlite3.connect(path)
    conn.text_factory = bytes  # compare bytes, even those that are not UTF-8
    lines = [f"application_id {conn.execute('PRAGMA application_id').fetchone()[0]}"]
    schema = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").fetchall()
    # Alembic's batch rebuild writes a table's constraints in an order that varies from run to run
    # (the same code, the same file): the clauses are compared as a set, everything else exactly.
    lines += [repr((*row[:3], row[3] and sorted(row[3].split(b",")))) for row in schema]
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
        table = name.decode()
        columns = [r[1].decode() for r in conn.execute(f'PRAGMA table_info("{table}")')]
        if table == "registro_migracao":
            columns.remove("criado_em")  # when it ran, not what it did
        selected = ", ".join(f'typeof("{c}"), "{c}"' for c in columns)
        try:
            rows = conn.execute(f'SELECT rowid, {selected} FROM "{table}" ORDER BY rowid').fetchall()
        except sqlite3.OperationalError:  # WITHOUT ROWID (FTS5's shadow tables)
            rows = conn.execute(f'SELECT {selected} FROM "{table}" ORDER BY 2, 4').fetchall()
        lines.append(f"-- {table} {columns} {len(rows)} rows")
        lines += [repr(row) for row in rows]
    conn.close()
    return "\n".join(lines) + "\n"


def reference_migrations(tmp_path: Path) -> Path:
    """A copy of the revisions with the shipped text of the rewritten ones put back."""
    copy = tmp_path / "reference-migrations"
    shutil.copytree(migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    for old in REFERENCE.glob("[0-9]*.py"):
        assert (copy / "versions" / old.name).exists(), f"{old.name} has no revision of that name"
        shutil.copyfile(old, copy / "versions" / old.name)
    return copy


def test_reference_copies_are_the_revisions_they_replace() -> None:
    names = sorted(p.name for p in REFERENCE.glob("[0-9]*.py"))
    assert names, "no reference revisions"
    for name in names:
        source = (REFERENCE / name).read_text(encoding="utf-8")
        current = (migrations_dir() / "versions" / name).read_text(encoding="utf-8")
        for line in ("revision: str", "down_revision"):
            assert [x for x in source.splitlines() if x.startswith(line)] == [
                x for x in current.splitlines() if x.startswith(line)
            ]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_upgrade_gives_the_same_file_as_the_shipped_revisions(
    tmp_path: Path, variant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = tmp_path / "original.sqlite3"
    make_messy_file(original, variant, monkeypatch)
    ours, theirs = tmp_path / "ours" / "escola.sqlite3", tmp_path / "theirs" / "escola.sqlite3"
    for target in (ours, theirs):
        target.parent.mkdir()
        shutil.copyfile(original, target)

    upgrade_to_head(ours)
    upgrade_to_head(theirs, script_location=reference_migrations(tmp_path))

    expected, got = dump(theirs), dump(ours)
    assert "matricula_repetida_removida" in expected and "data_ilegivel_mantida_em_observacoes" in expected
    assert got == expected
