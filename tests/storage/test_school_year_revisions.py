"""Revisions 0008 (aluno address and photo) and 0009 (the school year), up and down, with data.

The rules of the project: every revision is tested up and down with rows in the tables, and
a file at the foundation's head (0007), filled with data, upgrades to the new head with
nothing lost.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine

from escola_gui.core import db
from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao
from escola_gui.core.calendario import DiaNaoLetivoData
from escola_gui.core.cursos import CursoData
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.documentos import certidao_check_digits, nis_check_digit
from escola_gui.core.escola import AnoLetivoData, EscolaData
from escola_gui.core.historico_externo import DisciplinaExternaData, HistoricoExternoData
from escola_gui.core.models import in_models, ra_ordem
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.responsaveis import ResponsavelData
from escola_gui.core.services import Services
from escola_gui.core.text import normalize_text
from escola_gui.core.turmas import TurmaData
from escola_gui.core.validation import is_valid_cpf
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.migrations import make_config
from escola_gui.storage.validation import validate_schema
from tests.helpers.legacy import make_legacy_file
from tests.helpers.revisions import HEAD, after

D = Decimal

# What revision 0009 adds; nothing else may change when it goes up or down.
SCHOOL_YEAR_TABLES = frozenset(
    {
        "escolas",
        "anos_letivos",
        "periodos",
        "disciplinas",
        "turmas",
        "turmas_disciplinas",
        "enturmacoes",
        "historico_situacoes",
        "notas",
        "recuperacoes_finais",
        "frequencias",
    }
)
# What later revisions add (0010: the years done in other schools): empty after 0008 and 0009.
# What revision 0015 adds: the rematrícula runs, and the final situação of each enturmação.
REMATRICULA_TABLES = frozenset({"rematriculas", "rematriculas_turmas", "rematriculas_alunos"})
REMATRICULA_COLUMNS = ("situacao_final",)
# What revision 0016 adds: the dispensas de disciplina, and on enturmacoes the school of a
# transferência expedida, and of one recebida.
MOVIMENTACOES_TABLES = frozenset({"dispensas_disciplina"})
MOVIMENTACOES_COLUMNS = (
    "escola_destino",
    "municipio_destino",
    "uf_destino",
    "escola_origem",
    "municipio_origem",
    "uf_origem",
)
LATER_TABLES = (
    frozenset({"historicos_externos", "historicos_externos_disciplinas", "lixeira", "auditoria", "dias_nao_letivos"})
    | REMATRICULA_TABLES
    | MOVIMENTACOES_TABLES
)
# What revision 0014 adds: the calendar of an ano letivo.
CALENDAR_TABLES = frozenset({"dias_nao_letivos"})
CALENDAR_COLUMNS = ("data_inicio", "data_fim", "minutos_por_dia")
# Catalogues later revisions add and seed (0013: the etapas): never empty.
SEEDED_TABLES = frozenset({"etapas", "regras_avaliacao"})
# What 0013 maps from the turmas made by _fill_head ("5º ano", "6º ano", "6º ano"), when a file
# older than 0013 is upgraded.
ETAPAS_MAPEADAS = '3 turmas receberam a etapa pela série escrita nelas (ex.: "5º ano").'
# What 0017 does with the etapas of Educação Infantil of such a file (they have no aluno).
REGRA_INFANTIL = (
    '2 etapas da Educação Infantil, ainda sem alunos, passaram a usar a regra "Educação Infantil — parecer, '
    'sem retenção" (LDB art. 31); pode ser mudada em Configurações → Etapas.'
)
# What each upgrade of a file older than 0013 made by _fill_head tells the secretary.
SUMMARY_FROM_BEFORE_0013 = [REGRA_INFANTIL, ETAPAS_MAPEADAS]
# What revision 0008 adds to alunos.
ADDRESS_COLUMNS = ("cep", "logradouro", "numero", "complemento", "bairro", "municipio", "uf", "foto")
# What revision 0012 adds to alunos: the list's sort keys, derived from nome and ra.
SORT_KEY_COLUMNS = ("nome_ordem", "ra_ordem")
# The columns later revisions add to tables of 0009 and before: 0012's sort keys, 0014's calendar,
# 0015's final situação, 0016's transferências, 0017's rules per etapa and turma, and the
# conceitos and pareceres of notas.
LATER_COLUMNS = {
    "alunos": SORT_KEY_COLUMNS,
    "turmas": ("etapa_id", "regra_avaliacao_id"),
    "anos_letivos": CALENDAR_COLUMNS,
    "etapas": ("regra_avaliacao_id",),
    "notas": ("conceito", "parecer"),
    "enturmacoes": (*REMATRICULA_COLUMNS, *MOVIMENTACOES_COLUMNS),
}
# What each revision after 0014 adds: its tables, and its columns on older tables.
ADDED_TABLES = {
    "0015": REMATRICULA_TABLES,
    "0016": MOVIMENTACOES_TABLES,
    "0017": frozenset({"regras_avaliacao"}),
}
ADDED_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "0015": {"enturmacoes": REMATRICULA_COLUMNS},
    "0016": {"enturmacoes": MOVIMENTACOES_COLUMNS},
    "0017": {"etapas": ("regra_avaliacao_id",), "turmas": ("regra_avaliacao_id",), "notas": ("conceito", "parecer")},
}


def tables_added_after(revision: str) -> frozenset[str]:
    """The tables the revisions after ``revision`` add (0014 or later)."""
    return frozenset().union(*(t for r, t in ADDED_TABLES.items() if r > revision))


def as_at(revision: str, table: str, content: tuple[tuple[str, ...], list]) -> tuple[tuple[str, ...], list]:
    """A table's snapshot as a file at ``revision`` (0014 or later) holds it: without the columns
    the later revisions add, and registro_migracao without their rows."""
    columns, rows = content
    if table == "registro_migracao":
        revisao = columns.index("revisao")
        return columns, [row for row in rows if row[revisao] <= revision]
    drop = {c for r, cols in ADDED_COLUMNS.items() if r > revision for c in cols.get(table, ())}
    keep = [i for i, c in enumerate(columns) if c not in drop]
    return tuple(columns[i] for i in keep), [tuple(row[i] for i in keep) for row in rows]


def same_again(table: str, again: tuple[tuple[str, ...], list], before: tuple[tuple[str, ...], list]) -> bool:
    """Whether a table upgraded to the head again holds what it held at the head before: the
    same, but for the rows that 0017, run again, adds to registro_migracao."""
    if table == "registro_migracao":
        return as_at("0016", table, again) == as_at("0016", table, before)
    return again == before


PHOTO = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 3  # NULs and every byte value

Snapshot = dict[str, tuple[tuple[str, ...], list[tuple]]]


# --- helpers ----------------------------------------------------------------------------


def _alembic(path: Path, action: str, target: str, *, stamp: str | None = None) -> None:
    """Run ``alembic upgrade|downgrade target`` on the file, in one transaction, as the app does."""
    engine = db.create_upgrade_engine(path)
    config = make_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            if stamp is not None:
                command.stamp(config, stamp)
            getattr(command, action)(config, target)
    finally:
        engine.dispose()


def _connect(path: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(path))


def _tables(path: Path) -> set[str]:
    with _connect(path) as conn:
        return {
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_") and in_models(name, "table")  # not the FTS5 search index
        }


def _snapshot(path: Path) -> Snapshot:
    """Every table's column names and every row, in rowid order."""
    result: Snapshot = {}
    with _connect(path) as conn:
        for table in sorted(_tables(path)):
            columns = tuple(row[1] for row in conn.execute(f'PRAGMA table_info("{table}")'))
            rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            result[table] = (columns, rows)
    return result


def _rows(path: Path, table: str, columns: tuple[str, ...]) -> list[tuple]:
    with _connect(path) as conn:
        names = ", ".join(f'"{c}"' for c in columns)
        return conn.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid').fetchall()


def _without_sort_keys(table: str, content: tuple[tuple[str, ...], list[tuple]]) -> tuple[tuple[str, ...], list]:
    """A table's snapshot as a file before revision 0012 holds it: without the columns later
    revisions add (:data:`LATER_COLUMNS`: alunos' sort keys, turmas' etapa of 0013, anos_letivos'
    calendar of 0014, enturmações' final situação of 0015, the rules of 0017), and registro_migracao without
    0013's and 0017's rows."""
    columns, rows = content
    if table == "registro_migracao":
        revisao = columns.index("revisao")
        return columns, [row for row in rows if row[revisao] not in ("0013", "0017")]
    if table not in LATER_COLUMNS:
        return content
    keep = [i for i, c in enumerate(columns) if c not in LATER_COLUMNS[table]]
    return tuple(columns[i] for i in keep), [tuple(row[i] for i in keep) for row in rows]


def _assert_sort_keys(path: Path) -> None:
    """Every aluno's sort keys are those of its nome and RA (revision 0012 fills them, the app keeps them)."""
    rows = _rows(path, "alunos", ("nome", "ra", *SORT_KEY_COLUMNS))
    assert rows
    assert [(nome_ordem, ra_key) for _n, _r, nome_ordem, ra_key in rows] == [
        (normalize_text(nome), ra_ordem(ra)) for nome, ra, _no, _ro in rows
    ]


def _filled_at(
    path: Path, revision: str, *, externos: bool = True, before_fill: Callable[[], None] = lambda: None
) -> None:
    """A file at ``revision`` (0009 or later) holding what :func:`_fill_head` writes: filled
    through today's services at the head, then taken down to ``revision`` by the revisions.

    Not filled at ``revision`` itself: today's models write columns an older file lacks (the
    sort keys of 0012), and the app never writes to a file before upgrading it.
    """
    upgrade_to_head(path)
    before_fill()
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine, externos=externos)
    finally:
        engine.dispose()
    _alembic(path, "downgrade", revision)


def _top_level_parts(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(body[start:i].strip())
            start = i + 1
    return [*parts, body[start:].strip()]


def _schema_sql(path: Path) -> list[str]:
    """Every CREATE statement, whitespace folded; a table's columns in order, its constraints sorted.

    The constraints are sorted because a batch rebuild may write them in another order
    (revision 0005 does: the order of the two foreign keys of matriculas varies from run to run),
    and the table's name unquoted because its final rename quotes it (0013's of turmas).
    """
    result = []
    with _connect(path) as conn:
        for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"):
            text = re.sub(r'^CREATE TABLE "(\w+)" ?\(', r"CREATE TABLE \1 (", " ".join(sql.split()))
            if text.startswith("CREATE TABLE"):
                head, body = text.split("(", 1)
                parts = _top_level_parts(body.rstrip().removesuffix(")"))
                constraint = ("CONSTRAINT", "CHECK", "PRIMARY KEY", "FOREIGN KEY", "UNIQUE")
                columns = [p for p in parts if not p.startswith(constraint)]
                text = head + "(" + ", ".join(columns + sorted(p for p in parts if p.startswith(constraint))) + ")"
            result.append(text)
    return sorted(result)


def _assert_sound(path: Path) -> None:
    """What the upgrade validates before COMMIT: no orphans, integrity ok, schema == models."""
    engine = db.create_upgrade_engine(path)
    try:
        with engine.connect() as conn:
            validate_schema(conn)
    finally:
        engine.dispose()


def _assert_clean(path: Path) -> None:
    with _connect(path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def _cpf(base9: str) -> str:
    def digit(digits: str) -> int:
        weight = len(digits) + 1
        remainder = sum(int(d) * (weight - i) for i, d in enumerate(digits)) * 10 % 11
        return 0 if remainder == 10 else remainder

    first = digit(base9)
    cpf = f"{base9}{first}{digit(base9 + str(first))}"
    assert is_valid_cpf(cpf)
    return cpf


def _certidao(n: int) -> str:
    first30 = f"104539015520131{n:05d}0210000123"
    return first30 + certidao_check_digits(first30)


def _nis(n: int) -> str:
    first10 = f"1204{n:06d}"
    return first10 + str(nis_check_digit(first10))


def _fill_foundation(path: Path) -> None:
    """Rows only a 0007 file can hold: documents and RA of revision 0006, responsáveis of 0007.

    The legacy file already brought alunos (names with accents and quotes), contatos,
    cursos, matrículas and registro_migracao.
    """
    with _connect(path) as conn, conn:
        aluno_ids = [r[0] for r in conn.execute("SELECT id FROM alunos ORDER BY id")]
        for k, aluno_id in enumerate(aluno_ids[:12]):
            conn.execute(
                "UPDATE alunos SET cpf = ?, data_nascimento = ?, nome_social = ?, sexo = ?, cor_raca = ?, rg = ?, "
                "certidao_nascimento = ?, nis = ?, codigo_inep = ? WHERE id = ?",
                (
                    _cpf(f"{123456780 + k:09d}"),
                    date(2012 + k % 5, 1 + k % 12, 1 + k).isoformat(),
                    "Ágatha Conceição" if k == 3 else None,
                    "FM"[k % 2],
                    ("parda", "branca", "preta", "amarela", "indigena", "nao_declarada")[k % 6],
                    f"12.345.{k:03d}-X",
                    _certidao(k),
                    _nis(k) if k % 2 else None,
                    f"{100000000000 + k}",
                    aluno_id,
                ),
            )
        conn.execute("UPDATE alunos SET ra = 'RA-2019/7' WHERE id = ?", (aluno_ids[5],))  # typed by hand
        responsaveis = [
            (1, "Maria da Conceição Gonçalves", _cpf("529982247"), 'Prefere contato à tarde; "Dona" Maria'),
            (2, "José D'Ávila Araújo", None, None),
            (3, "Antônia Müller", _cpf("111444777"), None),
        ]
        conn.executemany("INSERT INTO responsaveis (id, nome, cpf, observacoes) VALUES (?, ?, ?, ?)", responsaveis)
        conn.executemany(
            "INSERT INTO contatos_responsavel (responsavel_id, tipo, valor) VALUES (?, ?, ?)",
            [
                (1, "telefone", "(12) 98765-4321"),
                (1, "email", "maria.conceicao@exemplo.com.br"),
                (2, "telefone", "+55 12 3632-1234"),
                (3, "telefone", "12 99111-2222"),
            ],
        )
        conn.executemany(
            "INSERT INTO alunos_responsaveis (aluno_id, responsavel_id, parentesco, responsavel_legal) "
            "VALUES (?, ?, ?, ?)",
            [
                (aluno_ids[0], 1, "mae", 1),
                (aluno_ids[1], 1, "mae", 1),  # siblings share their mãe
                (aluno_ids[0], 2, "pai", 0),
                (aluno_ids[1], 2, "pai", 0),
                (aluno_ids[2], 3, "avo", 1),
            ],
        )


def _foundation_file(path: Path, revision: str = "0007") -> None:
    """A data-filled file at ``revision`` (0007 or later), made from a messy 0.x file."""
    make_legacy_file(path, alunos=40, cursos=5)
    _alembic(path, "upgrade", revision, stamp="0001")
    _fill_foundation(path)


# --- the foundation's head upgrades with nothing lost -----------------------------------


def test_filled_0007_file_upgrades_to_head_with_every_row_kept(tmp_path: Path) -> None:
    # Given a 0007 file with alunos, documents, RA, contatos, cursos, matrículas and responsáveis
    path = tmp_path / "escola.sqlite3"
    _foundation_file(path)
    before = _snapshot(path)
    assert all(before[t][1] for t in ("alunos", "contatos", "cursos", "matriculas", "responsaveis")), "no data"
    assert before["alunos_responsaveis"][1] and before["contatos_responsavel"][1]

    # When the app upgrades it
    result = upgrade_to_head(path)

    # Then 0008, 0009 and the later revisions ran and the validation before COMMIT passed (it raises otherwise)
    assert result.applied == after("0007")
    assert result.revision == HEAD
    assert result.summary == []  # new columns and tables only: nothing to resolve
    assert classify_database(path).state is DatabaseState.CURRENT
    _assert_sound(path)
    _assert_clean(path)

    # And every row of every table that existed is still there, value by value
    after_upgrade = _snapshot(path)
    assert set(after_upgrade) == set(before) | SCHOOL_YEAR_TABLES | LATER_TABLES | SEEDED_TABLES
    for table, (columns, rows) in before.items():
        if table == "alembic_version":
            assert after_upgrade[table][1] == [(HEAD,)]
        elif table == "metadados":
            expected = {chave: valor for chave, valor in rows if chave != "versao_app"}
            kept = {chave: valor for chave, valor in after_upgrade[table][1] if chave != "versao_app"}
            assert kept == expected
        elif table == "alunos":
            assert after_upgrade[table][0] == columns + ADDRESS_COLUMNS + SORT_KEY_COLUMNS
            assert _rows(path, table, columns) == rows
            _assert_sort_keys(path)
            assert set(_rows(path, table, ADDRESS_COLUMNS)) == {(None,) * len(ADDRESS_COLUMNS)}
        else:
            assert after_upgrade[table] == (columns, rows), table
    # The school year starts empty, and nothing was recorded as resolved
    assert all(not after_upgrade[t][1] for t in SCHOOL_YEAR_TABLES | LATER_TABLES)
    assert not [r for r in after_upgrade["registro_migracao"][1] if r[1] in after("0007")]

    # And the backup made before the upgrade is the 0007 file as it was
    assert result.backup is not None and "-0007-" in result.backup.name
    assert _snapshot(result.backup) == before


# --- 0009 down and up with data ---------------------------------------------------------


def _fill_head(path: Path, engine: Engine, *, externos: bool = True) -> dict[str, int]:
    """Every table of the head, filled through the services as the app fills it; with
    ``externos=False``, every table of 0009 (no years done in other schools)."""
    s = Services.for_engine(engine)
    ana = s.alunos.create(
        AlunoData(
            nome="Ana Conceição Gonçalves",
            cpf=_cpf("987654321"),
            data_nascimento=date(2014, 5, 3),
            telefones=("(12) 98765-4321",),
            sexo="F",
            cor_raca="parda",
            certidao_nascimento=_certidao(77),
            cep="12020-000",
            logradouro="Rua Conselheiro Moreira de Barros",
            numero="123",
            complemento="Apto 4",
            bairro="Centro",
            municipio="Taubaté",
            uf="sp",
        )
    )
    joao = s.alunos.create(AlunoData(nome="João Gonçalves", data_nascimento=date(2013, 2, 1), sexo="M"))
    others = [s.alunos.create(AlunoData(nome=nome)) for nome in ("Íris D'Ávila", "Zé Müller", "Luís Araújo")]
    with _connect(path) as conn, conn:
        conn.execute("UPDATE alunos SET foto = ? WHERE id = ?", (PHOTO, ana))
    mae = s.responsaveis.save_for_aluno(
        ana, ResponsavelData("Maria Gonçalves", _cpf("529982247"), ("(12) 3632-1234",)), "mae", True
    )
    s.responsaveis.link(joao, mae, "mae", legal=True)
    curso = s.cursos.create(CursoData("Oficina de Xadrez", "Às quartas", 40))
    s.matriculas.create(ana, curso, date(2026, 3, 2))

    s.escola.save(EscolaData("EMEF Professora Conceição", "35012345", "Rua das Acácias, 10", "Taubaté", "SP"))
    regra_2025 = AnoLetivoData(
        ano=2025,
        tipo_periodo="trimestre",
        formula_media="ponderada",
        pesos=(1, 2, 3),
        recuperacao="substitui_menor_nota",
    )
    ano_2025 = s.anos_letivos.create(regra_2025)
    ano_2026 = s.anos_letivos.create(  # with its calendar (revision 0014)
        AnoLetivoData(
            ano=2026,
            recuperacao="substitui_media",
            data_inicio=date(2026, 2, 2),
            data_fim=date(2026, 12, 18),
            minutos_por_dia=270,
            dias_nao_letivos=(
                DiaNaoLetivoData(date(2026, 4, 21), "Tiradentes"),
                DiaNaoLetivoData(date(2026, 7, 13), "Recesso escolar — 'meio do ano'", "recesso"),
            ),
        )
    )
    lp = s.disciplinas.create("Língua Portuguesa", "LP")
    mat = s.disciplinas.create("Matemática", "MAT")
    turma_2025 = s.turmas.create(TurmaData(ano_2025, "5º ano A", "5º ano", "vespertino"), [(lp, 200), (mat, None)])
    turma_a = s.turmas.create(TurmaData(ano_2026, "6º ano A", "6º ano", "matutino", "12", 35), [(lp, 160), (mat, 160)])
    turma_b = s.turmas.create(TurmaData(ano_2026, "6º ano B", "6º ano", "vespertino"), [(lp, 160)])

    (ana_2025,) = s.turmas.enturmar(turma_2025, [ana], date(2025, 2, 3))
    periodos_2025 = s.anos_letivos.periodos(ano_2025)
    s.diario.lancar_notas(
        turma_2025,
        lp,
        [Lancamento(ana_2025, "nota", D(n), p.id) for p, n in zip(periodos_2025, ("5.5", "7.0", "8.5"), strict=True)]
        + [Lancamento(ana_2025, "recuperacao", D("6.5"), periodos_2025[0].id)],
    )
    ana_e, joao_e, *others_e = s.turmas.enturmar(turma_a, [ana, joao, *others], date(2026, 2, 2))
    periodos = s.anos_letivos.periodos(ano_2026)
    for disciplina in (lp, mat):
        s.diario.lancar_notas(
            turma_a,
            disciplina,
            [
                Lancamento(e, "nota", D(nota), p.id)
                for e, nota in ((ana_e, "6.1"), (joao_e, "4.5"), (others_e[0], "9.9"))
                for p in periodos
            ],
        )
        for p in periodos:
            s.diario.lancar_frequencia(
                turma_a, disciplina, p.id, [LancamentoFrequencia(ana_e, 40, 3), LancamentoFrequencia(joao_e, 40, 12)]
            )
    s.diario.lancar_notas(turma_a, mat, [Lancamento(joao_e, "recuperacao_final", D("6.0"))])
    s.anos_letivos.update(ano_2025, replace(regra_2025, encerrado=True))  # closed once its diário is done
    s.turmas.mudar_situacao(
        [others_e[1]],
        Situacao.TRANSFERIDO,
        "Mudança para Curitiba/PR",
        date(2026, 5, 4),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )
    s.turmas.remanejar(others_e[2], turma_b, date(2026, 4, 1), "Troca de turno a pedido da família")
    if "dispensas_disciplina" in _tables(path):  # revision 0016: a dispensa de disciplina
        s.movimentacoes.dispensar(others_e[0], mat, date(2026, 3, 2), "Atestado médico — 'educação física'")
    if externos:  # revision 0010: Ana's 4º ano in another school
        s.historicos_externos.create(
            ana,
            HistoricoExternoData(
                2024,
                "4º ano",
                "EMEF Vizinha D'Ávila",
                "aprovado",
                "Caçapava",
                "SP",
                "95,5",
                800,
                "Declaração de transferência",
                (
                    DisciplinaExternaData("Língua Portuguesa", "6.1", None, 200),
                    DisciplinaExternaData("Arte", None, "Apto"),
                ),
            ),
        )
    with _connect(path) as conn, conn:  # revision 0015, when the file has it: 2025 rolled into 2026
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'rematriculas'").fetchone():
            conn.execute("UPDATE enturmacoes SET situacao_final = 'aprovado' WHERE id = ?", (ana_2025,))
            conn.execute(
                "INSERT INTO rematriculas (id, ano_origem, ano_destino, ano_letivo_criado, feita_em, usuario) "
                "VALUES (1, 2025, 2026, 0, '2026-01-20 09:30:00', 'secretaria')"
            )
            conn.execute("INSERT INTO rematriculas_turmas (rematricula_id, turma_id) VALUES (1, ?)", (turma_a,))
            conn.execute(
                "INSERT INTO rematriculas_alunos (rematricula_id, aluno_id, enturmacao_origem_id, situacao, destino, "
                "enturmacao_id) VALUES (1, ?, ?, 'aprovado', 'turma', ?)",
                (ana, ana_2025, ana_e),
            )
    with _connect(path) as conn, conn:  # revision 0011, when the file has it: the Lixeira and the audit log
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'lixeira'").fetchone():
            conn.execute(
                "INSERT INTO lixeira (tipo, registro_id, descricao, resumo, excluido_em, usuario, dados) "
                "VALUES ('aluno', 999, 'Zé Müller', '1 telefone', '2026-11-24 10:00:00', 'secretaria', "
                '\'{"alunos": [{"id": 999, "nome": "Zé Müller"}]}\')'
            )
            conn.execute(
                "INSERT INTO auditoria (quando, usuario, tabela, registro_id, aluno_id, acao, descricao, antes, "
                "depois) "
                "VALUES ('2026-11-24 10:00:00', 'secretaria', 'alunos', ?, ?, 'alteracao', 'Nome', "
                '\'{"nome": "Ana"}\', \'{"nome": "Ana Conceição Gonçalves"}\')',
                (ana, ana),
            )
    return {"ana": ana, "ana_e": ana_e, "turma_a": turma_a, "mat": mat}


def test_0009_downgrade_with_data_keeps_every_other_row_and_upgrades_again(tmp_path: Path) -> None:
    # Given a head file whose every table holds rows
    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
    finally:
        engine.dispose()
    before = _snapshot(path)
    empty = sorted(t for t, (_c, rows) in before.items() if not rows and t != "registro_migracao")
    assert empty == [], f"tables left empty: {empty}"

    # When it is downgraded to 0008
    _alembic(path, "downgrade", "0008")

    # Then the school-year tables (and those of the later revisions, undone on the way) are
    # gone and every other row is as it was
    _assert_clean(path)
    downgraded = _snapshot(path)
    assert set(downgraded) == set(before) - SCHOOL_YEAR_TABLES - LATER_TABLES - SEEDED_TABLES
    assert downgraded.pop("alembic_version")[1] == [("0008",)]
    for table, content in downgraded.items():
        assert content == _without_sort_keys(table, before[table]), table
    assert _rows(path, "alunos", ("foto",)).count((PHOTO,)) == 1

    # And it upgrades again: the schema is the models' (compare_metadata) and a new file's
    assert classify_database(path).state is DatabaseState.BEHIND
    result = upgrade_to_head(path)
    assert result.applied == after("0008")
    _assert_sound(path)
    fresh = tmp_path / "fresh.sqlite3"
    upgrade_to_head(fresh)
    assert _schema_sql(path) == _schema_sql(fresh)
    again = _snapshot(path)
    for table, content in downgraded.items():
        if table != "metadados":
            assert _without_sort_keys(table, again[table]) == content, table
    assert all(not again[t][1] for t in SCHOOL_YEAR_TABLES | LATER_TABLES)
    _assert_sort_keys(path)


# --- 0008 down and up with data ---------------------------------------------------------


def test_0008_downgrade_with_addresses_and_photos_keeps_everything_else(tmp_path: Path) -> None:
    # Given a 0008 file with alunos that have addresses and photos, and rows that point at alunos
    path = tmp_path / "escola.sqlite3"
    _foundation_file(path, "0008")
    with _connect(path) as conn, conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM alunos ORDER BY id LIMIT 6")]
        for k, aluno_id in enumerate(ids):
            conn.execute(
                "UPDATE alunos SET cep = ?, logradouro = ?, numero = ?, complemento = ?, bairro = ?, "
                "municipio = ?, uf = ?, foto = ? WHERE id = ?",
                ("12020000", "Rua São João", str(100 + k), None if k % 2 else "Casa 2", "Jardim das Nações",
                 "São José dos Campos", "SP", PHOTO + bytes([k]) if k < 3 else None, aluno_id),
            )  # fmt: skip
    before = _snapshot(path)
    alunos_columns = before["alunos"][0]
    kept_columns = tuple(c for c in alunos_columns if c not in ADDRESS_COLUMNS)
    assert kept_columns + ADDRESS_COLUMNS == alunos_columns
    for table in ("contatos", "matriculas", "alunos_responsaveis"):  # children of alunos: the cascade trap
        assert before[table][1], table

    # When it is downgraded to 0007 (a batch rebuild of alunos)
    _alembic(path, "downgrade", "0007")

    # Then alunos lose only the address and the photo, and no row anywhere is lost
    _assert_clean(path)
    downgraded = _snapshot(path)
    assert downgraded["alunos"][0] == kept_columns
    assert downgraded["alunos"][1] == _rows_of(before, "alunos", kept_columns)
    assert downgraded.pop("alembic_version")[1] == [("0007",)]
    for table, content in downgraded.items():
        if table != "alunos":
            assert content == before[table], table
    # And the schema is the one a file upgraded straight to 0007 has
    straight = tmp_path / "straight.sqlite3"
    make_legacy_file(straight, alunos=3, cursos=1)
    _alembic(straight, "upgrade", "0007", stamp="0001")
    assert _schema_sql(path) == _schema_sql(straight)

    # And up again: the address columns come back empty, and the app takes it to head
    _alembic(path, "upgrade", "0008")
    assert _rows(path, "alunos", kept_columns) == downgraded["alunos"][1]
    assert set(_rows(path, "alunos", ADDRESS_COLUMNS)) == {(None,) * len(ADDRESS_COLUMNS)}
    assert upgrade_to_head(path).applied == after("0008")
    _assert_sound(path)


def _rows_of(snapshot: Snapshot, table: str, columns: tuple[str, ...]) -> list[tuple]:
    all_columns, rows = snapshot[table]
    positions = [all_columns.index(c) for c in columns]
    return [tuple(row[i] for i in positions) for row in rows]


# --- notas keep their exact value ------------------------------------------------------


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _turma(services: Services, alunos: int) -> tuple[int, int, list[int], list[int]]:
    """A 2026 turma with one disciplina and ``alunos`` alunos: (turma, disciplina, enturmações, períodos)."""
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026, recuperacao="substitui_media"))
    disciplina = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(disciplina, 160)])
    ids = [services.alunos.create(AlunoData(nome=f"Aluno {k:03d}")) for k in range(alunos)]
    enturmacoes = services.turmas.enturmar(turma, ids, date(2026, 2, 2))
    return turma, disciplina, enturmacoes, [p.id for p in services.anos_letivos.periodos(ano)]


def test_notas_come_back_exactly_as_typed(services: Services, head_db: Path) -> None:
    # Given notas that binary floating point cannot hold exactly (6.1, 9.9) and the limits
    turma, disciplina, (primeiro, segundo), periodos = _turma(services, 2)
    typed = {primeiro: ("6.1", "7.5", "0.0", "10.0"), segundo: ("9.9", "0.1", "5.9", "6.0")}

    # When they are typed into the diário
    services.diario.lancar_notas(
        turma,
        disciplina,
        [Lancamento(e, "nota", D(n), p) for e, notas in typed.items() for p, n in zip(periodos, notas, strict=True)]
        + [Lancamento(segundo, "recuperacao_final", D("6.1"))],
    )

    # Then the grid reads them back as the same Decimals, with one decimal place
    grade = {linha.enturmacao_id: linha for linha in services.diario.notas(turma, disciplina).linhas}
    for e, notas in typed.items():
        assert grade[e].notas == tuple(D(n) for n in notas)
        assert [str(n) for n in grade[e].notas] == list(notas)
    assert str(grade[segundo].recuperacao_final) == "6.1"
    # And the médias are computed from those exact values (6.1 + 7.5 + 0 + 10 = 23.6 → 5.9)
    boletim = services.diario.boletim(primeiro)
    assert boletim.linhas[0].resultado.media == D("5.9")
    # And the file holds plain numbers (NUMERIC affinity keeps 0.0 and 10.0 as integers),
    # which other SQLite tools read as typed
    with _connect(head_db) as conn:
        stored = conn.execute("SELECT nota, typeof(nota) FROM notas ORDER BY enturmacao_id, periodo_id").fetchall()
    assert stored[:4] == [(6.1, "real"), (7.5, "real"), (0, "integer"), (10, "integer")]


def test_every_nota_from_0_to_10_survives_the_round_trip(services: Services) -> None:
    turma, disciplina, enturmacoes, periodos = _turma(services, 26)
    values = [D(k) / 10 for k in range(101)]  # 0.0, 0.1, ..., 10.0: 101 cells
    cells = [(e, p) for e in enturmacoes for p in periodos][: len(values)]
    services.diario.lancar_notas(
        turma, disciplina, [Lancamento(e, "nota", value, p) for (e, p), value in zip(cells, values, strict=True)]
    )
    grade = {linha.enturmacao_id: linha for linha in services.diario.notas(turma, disciplina).linhas}
    read = [grade[e].notas[periodos.index(p)] for e, p in cells]
    assert read == values
    assert [str(n) for n in read] == [f"{k // 10}.{k % 10}" for k in range(101)]
