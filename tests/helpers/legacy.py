"""Messy 0.x files, made from the prototype's DDL, and a check that an upgrade kept every value."""

from __future__ import annotations

import json
import random
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

LEGACY_DDL_PATH = Path(__file__).resolve().parents[2] / "alembic" / "versions" / "0001_baseline_0x.py"


def legacy_ddl() -> tuple[str, ...]:
    namespace: dict[str, object] = {}
    source = LEGACY_DDL_PATH.read_text(encoding="utf-8")
    start = source.index("LEGACY_DDL = (")
    end = source.index("\n)\n", start) + 3
    exec(source[start:end], namespace)  # the verbatim DDL tuple, nothing else
    return namespace["LEGACY_DDL"]  # type: ignore[return-value]


FIRST = ["João", "Maria", "José", "Ana", "Antônio", "Francisca", "Luís", "Conceição", "Zé", "Íris", "Ângela"]
LAST = [
    "da Silva",
    "D'Ávila",
    'Souza "Sousa"',
    "Gonçalves",
    "Araújo",
    "O'Neil",
    "Lima; DROP TABLE alunos",
    "Müller",
]
PHONES = ["(11) 98765-4321", "11987654321", "+55 11 9876-5432", " 9876 5432 ", "ramal 12", "", "   ", None]
HOURS = [
    ("60h", 60), (" 40 ", 40), ("80 horas", 80), ("20 h/a", 20), ("100", 100),
    ("a definir", None), ("1,5h", None), ("", None), (None, None), ("30 HORAS", 30),
]  # fmt: skip


@dataclass
class LegacyData:
    alunos: list[tuple]
    cursos: list[tuple]
    matriculas: list[tuple]
    # What each oddly typed date must become (None: unreadable, kept in observações).
    odd_dates: dict[int, str | None]


# (as typed in 0.x, what 1.0 must hold)
ODD_DATES = [
    ("1/3/2024", "2024-03-01"), ("2024/03/10", "2024-03-10"), ("2024-03-10 08:00:00", "2024-03-10"),
    (20240311, "2024-03-11"), (" 2024-03-12 ", "2024-03-12"), ("31/02/2021", None), ("a definir", None),
    ("", None),
]  # fmt: skip
ATIVO_TEXT = [("false", 0), ("não", 0), ("N", 0), ("sim", 1), ("yes", 1), (2, 1), ("", 1)]


def cursos_for(alunos: int) -> int:
    """As many cursos as a school of ``alunos`` offers: about one for every 400 alunos, 12 at least."""
    return max(12, alunos // 400)


def make_legacy_file(path: Path, *, alunos: int = 300, cursos: int = 12, seed: int = 7) -> LegacyData:
    """Write a 0.x file full of the mess that real offices type, and return its rows.

    Every aluno has three matrículas (a ninth of them one repeated), so a file of 100k
    alunos holds about 330k matrículas; with ``cursos_for`` that file takes a second or two.
    """
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    # Some 0.x variants carry CHECK (ativo IN (0, 1)); the text values below test the others.
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for statement in legacy_ddl():
        conn.execute(statement)

    aluno_rows = []
    emails_used: set[str] = set()
    for i in range(1, alunos + 1):
        nome = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        if i % 7 == 0:
            nome = f"  {nome} \t"
        base = f"aluno{i // 2}@escola.com.br"  # pairs share an address...
        email: str | None = base if i % 2 else base.upper() if i % 4 else f" {base} "  # ...in other cases
        if i % 11 == 0:
            email = None
        elif i % 13 == 0:
            email = "  "
        if email is not None and email in emails_used:  # the 0.x unique index allowed no exact repeat
            email = None
        if email is not None:
            emails_used.add(email)
        ativo: object = [1, 0, None][i % 3]
        if i % 29 == 0:
            ativo = ATIVO_TEXT[(i // 29) % len(ATIVO_TEXT)][0]
        if i % 31 == 0:  # capitals beyond ASCII: SQLite's lower() would leave them
            email = "JOSÉ.ÇÃO@ESCOLA.COM.BR" if (i // 31) % 2 else "josé.ção@escola.com.br"
            if email in emails_used:
                email = None
            else:
                emails_used.add(email)
        aluno_rows.append((i, nome, email, rng.choice(PHONES), ativo))
    conn.executemany("INSERT INTO alunos VALUES (?, ?, ?, ?, ?)", aluno_rows)

    curso_rows: list[tuple] = []
    for i in range(1, cursos + 1):
        text, _ = HOURS[(i - 1) % len(HOURS)]
        nome = f"Curso {i} – Matemática" if i % 5 else f" Curso {i} – Língua Portuguesa "
        curso_rows.append((i, nome, f"Descrição com 'aspas' e \"duplas\" {i}", text))

    matricula_rows = []
    start = date(2020, 2, 1)
    mid = 1
    for aluno_id in range(1, alunos + 1):
        for curso_id in rng.sample(range(1, cursos + 1), k=min(3, cursos)):
            day = start + timedelta(days=rng.randrange(900))
            text = day.isoformat() if mid % 17 else day.strftime("%d/%m/%Y")
            matricula_rows.append((mid, aluno_id, curso_id, text))
            mid += 1
            if aluno_id % 9 == 0:  # the same enrolment typed twice
                later = day + timedelta(days=rng.randrange(1, 30))
                matricula_rows.append((mid, aluno_id, curso_id, later.isoformat()))
                mid += 1
    for orphan_aluno in (alunos + 5, alunos + 6):  # alunos deleted in 0.x, matrículas left behind
        matricula_rows.append((mid, orphan_aluno, 1, "2021-03-04"))
        mid += 1
    odd_dates: dict[int, str | None] = {}
    for k, (typed, expected) in enumerate(ODD_DATES):  # each with a curso of its own: no repeats
        matricula_rows.append((mid, 1 + k % alunos, cursos + 1 + k, typed))
        odd_dates[mid] = expected
        mid += 1
    for k in range(len(ODD_DATES)):
        curso_rows.append((cursos + 1 + k, f"Oficina {k}", None, None))
    conn.executemany("INSERT INTO cursos VALUES (?, ?, ?, ?)", curso_rows)
    conn.executemany("INSERT INTO matriculas VALUES (?, ?, ?, ?)", matricula_rows)
    conn.commit()
    conn.close()
    return LegacyData(aluno_rows, curso_rows, matricula_rows, odd_dates)


BLANKS = " \t\r\n\xa0"
HOURS_RE = re.compile(
    r"^(\d{1,5})\s*(h|hs|hr|hrs|hora|horas|h/a|h\.a\.|horas[- /]aula|hora[- /]aula)?\.?$", re.IGNORECASE
)


def assert_every_value_kept(data: LegacyData, upgraded: Path) -> None:
    """Check, value by value, that the upgraded file holds everything the 0.x file held."""
    conn = sqlite3.connect(upgraded)
    try:
        registro = conn.execute(
            "SELECT tabela, registro_id, campo, acao, valor_anterior, valor_novo FROM registro_migracao"
        ).fetchall()
        recorded = {(t, rid, campo, acao): (antes, depois) for t, rid, campo, acao, antes, depois in registro}
        alunos = {r[0]: r for r in conn.execute("SELECT id, nome, email, ativo FROM alunos")}
        # Revision 0006 gives each aluno its RA: the id in eight digits.
        assert dict(conn.execute("SELECT id, ra FROM alunos").fetchall()) == {i: f"{i:08d}" for i in alunos}
        contatos: dict[int, list[tuple[str, str]]] = {}
        for aluno_id, tipo, valor in conn.execute("SELECT aluno_id, tipo, valor FROM contatos ORDER BY id"):
            contatos.setdefault(aluno_id, []).append((tipo, valor))

        assert set(alunos) == {row[0] for row in data.alunos}, "an aluno id was lost"
        for aluno_id, nome, email, telefone, ativo in data.alunos:
            _, new_nome, new_email, new_ativo = alunos[aluno_id]
            assert new_nome == (nome.strip(BLANKS) or nome)
            if new_nome != nome:
                assert recorded[("alunos", aluno_id, "nome", "espacos_removidos")] == (nome, new_nome)
            if telefone is not None and telefone.strip(BLANKS):
                assert ("telefone", telefone.strip(BLANKS)) in contatos.get(aluno_id, [])
            elif telefone is not None:
                assert ("alunos", aluno_id, "telefone", "telefone_em_branco_descartado") in recorded
            if email is None:
                assert new_email is None
            elif not email.strip(BLANKS):
                assert new_email is None
                assert recorded[("alunos", aluno_id, "email", "email_em_branco_removido")][0] == email
            else:
                norm = email.strip(BLANKS).lower()  # str.lower(): accented capitals too
                moved = ("alunos", aluno_id, "email", "email_repetido_movido_para_contatos")
                if moved in recorded:
                    assert new_email is None
                    assert recorded[moved] == (email, norm)
                    assert ("email", norm) in contatos[aluno_id]
                else:
                    assert new_email == norm
                    if email != norm:
                        assert recorded[("alunos", aluno_id, "email", "email_normalizado")] == (email, norm)
            expected_ativo = dict(ATIVO_TEXT).get(ativo, ativo) if ativo not in (0, 1) else ativo
            assert new_ativo == (1 if ativo is None else expected_ativo)
            if ativo is not None and ativo not in (0, 1):
                assert recorded[("alunos", aluno_id, "ativo", "ativo_normalizado")][0] == str(ativo)

        cursos = {r[0]: r for r in conn.execute("SELECT id, nome, descricao, carga_horaria, observacoes FROM cursos")}
        assert set(cursos) == {row[0] for row in data.cursos}
        for curso_id, nome, descricao, carga in data.cursos:
            _, new_nome, new_descricao, new_carga, observacoes = cursos[curso_id]
            assert new_descricao == descricao
            assert new_nome in (nome, nome.strip(BLANKS))
            if carga is None:
                assert new_carga is None
                continue
            match = HOURS_RE.match(carga.strip(BLANKS))
            if match:
                assert new_carga == int(match.group(1))
            elif carga.strip(BLANKS):
                assert new_carga is None
                assert observacoes == f"Carga horária original: {carga}"
                assert (
                    recorded[("cursos", curso_id, "carga_horaria", "carga_horaria_mantida_em_observacoes")][0] == carga
                )
            else:
                assert new_carga is None

        matriculas = {
            r[0]: r for r in conn.execute("SELECT id, aluno_id, curso_id, data_matricula, observacoes FROM matriculas")
        }
        removed = {
            rid: json.loads(antes)
            for (t, rid, _, acao), (antes, _) in recorded.items()
            if t == "matriculas" and acao in ("matricula_repetida_removida", "matricula_orfa_removida")
        }
        aluno_ids = set(alunos)
        expected_pairs = {(a, c) for _, a, c, _ in data.matriculas if a in aluno_ids}
        assert {(a, c) for _, a, c, _, _ in matriculas.values()} == expected_pairs, "an enrolment pair was lost"
        for mid, aluno_id, curso_id, text in data.matriculas:
            note = None
            if mid in data.odd_dates:
                iso = data.odd_dates[mid]
                if iso is None:
                    note = f"Data original: {text if str(text).strip() else '(em branco)'}"
                    entry = ("matriculas", mid, "data_matricula", "data_ilegivel_mantida_em_observacoes")
                    assert recorded[entry][0] == str(text)
            else:
                iso = text if "/" not in text else f"{text[6:10]}-{text[3:5]}-{text[0:2]}"
            if mid in matriculas:
                assert matriculas[mid] == (mid, aluno_id, curso_id, iso, note)
            else:
                assert removed[mid] == {
                    "id": mid,
                    "aluno_id": aluno_id,
                    "curso_id": curso_id,
                    "data_matricula": iso,
                    "observacoes": note,
                }
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
