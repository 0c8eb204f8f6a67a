"""Taking a file back to an earlier release: what stays, what goes, the pinned backup, the
one transaction, and the refusals that leave the file untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command

from escola_gui.core import db
from escola_gui.core.errors import EscolaError
from escola_gui.core.paths import backups_dir
from escola_gui.storage.file.backups import BackupKind, list_backups
from escola_gui.storage.file.downgrade import DowngradeFailedError, downgrade_to, plan_downgrade
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import UpgradeRefusedError, classify_database, upgrade_to_head
from escola_gui.storage.migrations import make_config, migrations_dir
from tests.helpers.legacy import legacy_ddl
from tests.helpers.revisions import HEAD, after
from tests.storage.test_school_year_revisions import (
    PHOTO,
    _alembic,
    _fill_head,
    _schema_sql,
    _snapshot,
    _without_sort_keys,
)

LATER_THAN_1_0 = {
    "lixeira",
    "auditoria",
    "etapas",
    "dias_nao_letivos",
    "rematriculas",
    "rematriculas_turmas",
    "rematriculas_alunos",
    "dispensas_disciplina",
    "regras_avaliacao",
}
LEGACY_COLUMNS = {
    "alunos": ("id", "nome", "email", "telefone", "ativo"),
    "cursos": ("id", "nome", "descricao", "carga_horaria"),
    "matriculas": ("id", "aluno_id", "curso_id", "data_matricula"),
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled(tmp_path: Path, name: str = "escola.sqlite3") -> Path:
    path = tmp_path / name
    upgrade_to_head(path)
    engine = db.create_app_engine(path)
    try:
        _fill_head(path, engine)
    finally:
        engine.dispose()
    return path


def _straight_to(tmp_path: Path, revision: str) -> Path:
    fresh = tmp_path / f"fresh-{revision}.sqlite3"
    fresh.touch()
    _alembic(fresh, "upgrade", revision)
    return fresh


def _raw_schema(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())


def _only_backup(path: Path) -> Path:
    [backup] = list_backups(path)
    assert backup.kind is BackupKind.PRE_UPGRADE and backup.pinned
    return backup.path


# --- to 1.0 -----------------------------------------------------------------------------


def test_back_to_1_0_keeps_every_other_row_and_upgrades_again(tmp_path: Path) -> None:
    # Given a head file whose every table holds rows
    path = _filled(tmp_path)
    before = _snapshot(path)
    digest = _digest(path)

    # When the plan is made, nothing is written, and it names what 1.0 has no place for
    plan = plan_downgrade(path, "1.0")
    assert _digest(path) == digest and not backups_dir(path).exists()
    assert plan.target.revision == "0010" and plan.target.release is not None
    assert [s.revision for s in plan.steps] == list(reversed(after("0010")))
    historico = len(before["auditoria"][1])  # the fill through the services was audited too
    assert historico > 1
    # (the catalogue of etapas is seeded, not hers: not named; the etapa of each turma is)
    assert plan.losses == [
        "1 item da lixeira",
        f"{historico} registros do histórico de alterações",
        "2 dias não letivos (feriados e recessos)",
        "1 rematrícula",
        "1 turma criada pela rematrícula",
        "1 aluno na rematrícula",
        "1 dispensa de disciplina",
        "data de início de 1 ano letivo",
        "data de fim de 1 ano letivo",
        "duração do dia letivo de 1 ano letivo",
        "situação final do ano encerrado de 1 aluno em turma",
        "escola de destino de 1 aluno em turma",
        "município de destino de 1 aluno em turma",
        "UF de destino de 1 aluno em turma",
        "etapa de 3 turmas",
    ]
    # the sort keys of 0012 and its search index are derived: nothing lost; the etapa of each turma
    # the calendar of 0014 and the final situação of 0015 are named
    assert sorted((c.table, c.column) for c in plan.columns_dropped) == [
        ("anos_letivos", "data_fim"),
        ("anos_letivos", "data_inicio"),
        ("anos_letivos", "minutos_por_dia"),
        ("enturmacoes", "escola_destino"),
        ("enturmacoes", "escola_origem"),
        ("enturmacoes", "municipio_destino"),
        ("enturmacoes", "municipio_origem"),
        ("enturmacoes", "situacao_final"),
        ("enturmacoes", "uf_destino"),
        ("enturmacoes", "uf_origem"),
        ("notas", "conceito"),
        ("notas", "parecer"),
        ("turmas", "etapa_id"),
        ("turmas", "regra_avaliacao_id"),
    ]

    # When the file is taken back to 1.0
    seen = []
    result = downgrade_to(path, "1.0", seen.append)

    # Then every row of every remaining table is as it was, only versao_app says 1.0
    assert [s.revision for s in seen] == result.applied == list(reversed(after("0010")))
    after_ = _snapshot(path)
    assert set(after_) == set(before) - LATER_THAN_1_0
    assert after_.pop("alembic_version")[1] == [("0010",)]
    metadados = dict(after_.pop("metadados")[1])
    assert metadados.pop("versao_app") == "1.0"
    assert metadados == {k: v for k, v in before["metadados"][1] if k != "versao_app"}
    for table, content in after_.items():
        assert content == _without_sort_keys(table, before[table]), table
    # ...the schema is that of a new file taken straight to 0010
    assert _schema_sql(path) == _schema_sql(_straight_to(tmp_path, "0010"))
    # ...and the pinned backup holds the file as it was
    assert result.backup == _only_backup(path)
    assert _snapshot(result.backup) == before

    # And this version reopens it as BEHIND and upgrades it again
    c = classify_database(path)
    assert (c.state, c.revision) == (DatabaseState.BEHIND, "0010")
    assert upgrade_to_head(path).applied == after("0010")
    again = _snapshot(path)
    for table in set(before) - LATER_THAN_1_0 - {"alembic_version", "metadados"}:
        # (0013 records again each turma it maps from its série)
        # (the calendar of 0014 went with the downgrade: it comes back empty)
        assert _without_sort_keys(table, again[table]) == _without_sort_keys(table, before[table]), table


# --- to 0.x -----------------------------------------------------------------------------


def test_back_to_0x_gives_the_prototype_file_with_the_legacy_values(tmp_path: Path) -> None:
    # Given a head file whose every table holds rows
    path = _filled(tmp_path)
    before = _snapshot(path)
    plan = plan_downgrade(path, "0.x")
    assert plan.target.revision is None and [s.revision for s in plan.steps] == after("0001")[::-1]
    losses = plan.losses
    assert "27 notas" in losses and "1 item da lixeira" in losses and "3 turmas" in losses
    assert "1 responsável" in losses and "16 registros de frequência" in losses
    assert "foto de 1 aluno" in losses and "CPF de 1 aluno" in losses and "RA de 5 alunos" in losses
    assert losses[0].startswith("1 contato de aluno (os telefones voltam")
    assert not any("registro de migração" in line or "metadados" in line for line in losses)

    # When it is taken back to 0.x
    result = downgrade_to(path, "0.x")

    # Then the file is exactly what the prototype's create_all made: the same DDL, byte for byte
    prototype = tmp_path / "prototype.sqlite3"
    with closing(sqlite3.connect(prototype)) as conn:
        for statement in legacy_ddl():
            conn.execute(statement)
    assert _raw_schema(path) == _raw_schema(prototype)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (0,)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

    # ...with every aluno, curso and matrícula, as the 0.x app holds them: the phone back in
    # alunos.telefone, the carga horária as text again
    alunos = {row[0]: row for row in before["alunos"][1]}
    a_cols = before["alunos"][0]
    telefone = {row[1]: row[3] for row in before["contatos"][1] if row[2] == "telefone"}
    expected_alunos = [
        (i, r[a_cols.index("nome")], r[a_cols.index("email")], telefone.get(i), r[a_cols.index("ativo")])
        for i, r in alunos.items()
    ]
    got = _snapshot(path)
    assert set(got) == {"alunos", "cursos", "matriculas"}
    assert got["alunos"] == (LEGACY_COLUMNS["alunos"], expected_alunos)
    assert [r[3] for r in got["alunos"][1]] == ["(12) 98765-4321", None, None, None, None]
    c_cols = before["cursos"][0]
    assert got["cursos"] == (
        LEGACY_COLUMNS["cursos"],
        [(r[0], r[1], r[2], str(r[c_cols.index("carga_horaria")])) for r in before["cursos"][1]],
    )
    assert got["cursos"][1] == [(1, "Oficina de Xadrez", "Às quartas", "40")]
    m_cols = before["matriculas"][0]
    assert got["matriculas"] == (
        LEGACY_COLUMNS["matriculas"],
        [tuple(r[m_cols.index(c)] for c in LEGACY_COLUMNS["matriculas"]) for r in before["matriculas"][1]],
    )
    assert got["matriculas"][1] == [(1, 1, 1, "2026-03-02")]
    assert _snapshot(result.backup) == before

    # And this version sees a 0.x file again, and upgrades it with nothing lost
    assert classify_database(path).state is DatabaseState.LEGACY
    upgraded = upgrade_to_head(path)
    assert upgraded.revision == HEAD
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT nome FROM alunos ORDER BY id").fetchall() == [(r[1],) for r in expected_alunos]
        assert conn.execute("SELECT valor FROM contatos WHERE tipo = 'telefone'").fetchall() == [("(12) 98765-4321",)]
        assert conn.execute("SELECT carga_horaria FROM cursos").fetchall() == [(40,)]


def test_the_fk_cascade_trap_a_rebuilt_alunos_keeps_its_children(tmp_path: Path) -> None:
    """Revision 0006's downgrade rebuilds alunos (DROP TABLE alunos). With foreign keys on,
    that DROP deletes every matrícula and contato through ON DELETE CASCADE."""
    path = _filled(tmp_path)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("INSERT INTO cursos (nome, carga_horaria) VALUES ('Robótica', 30)")
        for aluno_id in (2, 3, 4, 5):
            conn.execute(
                "INSERT INTO matriculas (aluno_id, curso_id, data_matricula) VALUES (?, 2, '2026-04-01')", (aluno_id,)
            )
            conn.execute(
                "INSERT INTO contatos (aluno_id, tipo, valor) VALUES (?, 'email', ?)", (aluno_id, f"a{aluno_id}@x.br")
            )
    before = _snapshot(path)
    assert len(before["matriculas"][1]) == 5 and len(before["contatos"][1]) == 5

    # The trap is real: the same revisions on an engine with foreign keys on lose the children
    # (0016, which rebuilds enturmacoes, refuses to run there: it is taken down safely first)
    trap = tmp_path / "trap.sqlite3"
    shutil.copy(path, trap)
    engine = db.create_app_engine(trap)
    config = make_config()
    try:
        with pytest.raises(RuntimeError, match="foreign keys off"), engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
        _alembic(trap, "downgrade", "0014")
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
    finally:
        engine.dispose()
    with closing(sqlite3.connect(trap)) as conn:
        assert conn.execute("SELECT count(*) FROM matriculas").fetchone()[0] < 5

    # downgrade_to does not fall into it
    downgrade_to(path, "0005")
    got = _snapshot(path)
    assert got["matriculas"] == before["matriculas"]
    assert got["contatos"] == before["contatos"]
    kept = [c for c in got["alunos"][0]]
    assert got["alunos"][1] == [tuple(r[before["alunos"][0].index(c)] for c in kept) for r in before["alunos"][1]]
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # A bare revision no release shipped: no version claims to have written it
        assert conn.execute("SELECT valor FROM metadados WHERE chave = 'versao_app'").fetchall() == []
    assert _schema_sql(path) == _schema_sql(_straight_to(tmp_path, "0005"))


# --- failures roll back ----------------------------------------------------------------


def _broken(tmp_path: Path, revision: str, injected: str) -> Path:
    """A copy of the revisions whose ``downgrade()`` of ``revision`` starts with ``injected``."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    [script] = (copy / "versions").glob(f"{revision}_*.py")
    source = script.read_text(encoding="utf-8")
    marker = "def downgrade() -> None:\n"
    assert marker in source
    script.write_text(source.replace(marker, marker + f"    {injected}\n", 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("revision", "injected", "reason"),
    [
        # 0011..0004 have run (tables dropped, cursos rebuilt) when 0003 fails
        ("0003", 'raise RuntimeError("falha injetada no downgrade")', "falha injetada no downgrade"),
        # a step that leaves a schema no new file at the target has: refused before COMMIT
        ("0011", 'op.execute("CREATE TABLE sobra (id INTEGER)")', "O esquema resultante não confere"),
        # a step that leaves orphans: refused before COMMIT
        (
            "0011",
            'op.execute("DELETE FROM alunos WHERE id = 1")',
            "Verificação: 6 registros sem o registro relacionado",
        ),
    ],
)
def test_a_failing_downgrade_leaves_every_row_as_it_was(
    tmp_path: Path, revision: str, injected: str, reason: str
) -> None:
    path = _filled(tmp_path)
    before = _snapshot(path)
    digest = _digest(path)
    target = "0.x" if revision == "0003" else "1.0"

    with pytest.raises(DowngradeFailedError) as failure:
        downgrade_to(path, target, script_location=_broken(tmp_path, revision, injected))

    message = failure.value.user_message
    assert message.startswith("A volta para a versão anterior falhou e foi desfeita; o arquivo continua como estava.")
    assert reason in message
    assert failure.value.backup is not None and str(failure.value.backup) in message
    assert _digest(path) == digest
    assert _snapshot(path) == before
    assert not path.with_name(path.name + "-journal").exists()
    assert classify_database(path).state is DatabaseState.CURRENT
    assert _snapshot(failure.value.backup) == before


# --- refusals ---------------------------------------------------------------------------


def _newer(tmp_path: Path) -> Path:
    path = tmp_path / "newer.sqlite3"
    upgrade_to_head(path)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.execute("UPDATE metadados SET valor = '3.1.0' WHERE chave = 'versao_app'")
    return path


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "foreign.sqlite3"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE clientes (id INTEGER PRIMARY KEY, nome TEXT)")
        conn.execute("INSERT INTO clientes (nome) VALUES ('Fulano')")
    return path


def _unreadable(tmp_path: Path) -> Path:
    path = tmp_path / "texto.sqlite3"
    path.write_text("isto não é um banco de dados\n" * 20, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (_newer, UpgradeRefusedError, "versão mais nova do Escola"),
        (_foreign, UpgradeRefusedError, "não é do Escola"),
        (_unreadable, UpgradeRefusedError, "não pode ser lido"),
    ],
)
def test_newer_foreign_and_unreadable_files_are_refused_untouched(
    tmp_path: Path, make: object, error: type[Exception], words: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    digest = _digest(path)
    for call in (plan_downgrade, downgrade_to):
        with pytest.raises(error) as refused:
            call(path, "1.0")
        assert words in refused.value.user_message  # type: ignore[attr-defined]
        assert "O arquivo não foi alterado." in refused.value.user_message  # type: ignore[attr-defined]
    assert _digest(path) == digest
    assert not backups_dir(path).exists()


def test_targets_that_are_not_older_or_unknown_are_refused_naming_the_valid_ones(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    upgrade_to_head(path)
    digest = _digest(path)

    with pytest.raises(EscolaError) as same:
        downgrade_to(path, "1.2")
    assert "não é mais nova que a do Escola 1.2" in same.value.user_message
    with pytest.raises(EscolaError) as unknown:
        downgrade_to(path, "2.0")
    assert '"2.0" não é uma versão nem uma revisão do Escola' in unknown.value.user_message
    assert "1.1, 1.0, 0.x, 0016, 0015, 0014, 0013, 0012, 0011, 0010" in unknown.value.user_message
    assert unknown.value.user_message.endswith("O arquivo não foi alterado.")
    assert _digest(path) == digest and not backups_dir(path).exists()

    # A file already at 1.0 cannot go "back" to 1.0, and a 0.x file has nowhere to go
    downgrade_to(path, "1.0")
    digest = _digest(path)
    with pytest.raises(EscolaError) as again:
        downgrade_to(path, "1.0")
    assert "revisão 0010, que não é mais nova que a do Escola 1.0" in again.value.user_message
    assert "0.x, 0009" in again.value.user_message
    downgrade_to(path, "0.x")
    with pytest.raises(EscolaError) as legacy:
        downgrade_to(path, "0.x")
    assert "já é da versão 0.x" in legacy.value.user_message
    assert len(list_backups(path)) == 2

    empty = tmp_path / "vazio.sqlite3"
    with pytest.raises(EscolaError, match="Não há dados"):
        downgrade_to(empty, "1.0")
    assert not empty.exists()


def test_photo_bytes_survive_a_downgrade_that_keeps_them(tmp_path: Path) -> None:
    """To 0008 (a bare revision) the address and photo stay, NULs and all."""
    path = _filled(tmp_path)
    downgrade_to(path, "0008")
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT foto FROM alunos WHERE foto IS NOT NULL").fetchall() == [(PHOTO,)]
    assert _schema_sql(path) == _schema_sql(_straight_to(tmp_path, "0008"))
