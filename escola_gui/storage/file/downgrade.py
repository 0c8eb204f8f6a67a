"""Take a file back to the schema of an earlier release ("Voltar para uma versão anterior").

Like Anki's "Downgrade & Quit": the secretary who must go back to an older Escola first
takes her file back to that version's schema, then installs or opens the older version.
What the older schema has no place for is lost from the file, and only from the file: a
verified, pinned backup (one that rotation never deletes) keeps everything first.

The safety is that of :func:`escola_gui.storage.file.upgrade.upgrade_to_head`, whose pieces are
reused: the caller holds the lock; the file must be writable and the disk have room; the
backup comes first; every revision's ``downgrade()`` runs in ONE transaction of the upgrade
engine (foreign keys off, so a batch rebuild of alunos never cascades into its children,
and BEGIN EXCLUSIVE); and before COMMIT the result must have no orphan rows, pass
``integrity_check``, and have exactly the schema of a new file taken straight to the target.

Going back to 0.x goes down to revision 0001 and then rebuilds the three tables from the
prototype's verbatim DDL and drops ``alembic_version``, so that the file is exactly what the
prototype's ``create_all`` made (and this version classifies it LEGACY again).
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from escola_gui.core import db
from escola_gui.core.errors import DOWNGRADING, QT_TRANSLATE_NOOP, EscolaError
from escola_gui.core.models import DERIVED_COLUMNS, in_models
from escola_gui.storage.file.launch_check import Classification, DatabaseState
from escola_gui.storage.file.upgrade import (
    UpgradeRefusedError,
    back_up_before_migration,
    check_writable,
    classify_database,
    run_in_one_transaction,
)
from escola_gui.storage.migrations import (
    BASELINE_REVISION,
    MigrationFailedError,
    Step,
    UpgradeFailedError,
    make_config,
    script_directory,
    step_name,
)
from escola_gui.storage.releases import RELEASES, Release, release_for_revision
from escola_gui.storage.summary import SummaryLine

if TYPE_CHECKING:  # Alembic is imported where it is used: opening the main window never needs it
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

# Bookkeeping, not the secretary's records: never listed as lost. (The downgrades of
# 0003..0005 give the values recorded in registro_migracao back to the rows; 0002 refuses
# to drop it while it holds anything.)
BOOKKEEPING_TABLES = frozenset({"alembic_version", "metadados", "registro_migracao"})
# Catalogues a revision seeds, not the secretary's records: the upgrade seeds them again (revision
# 0013's etapas, 0017's regras de avaliação). What she chose from them (a turma's etapa, an etapa's
# rule) is a column, and is listed.
SEEDED_TABLES = frozenset({"etapas", "regras_avaliacao"})

# Each table's records in Portuguese: (one, many).
TABLE_NOUNS: dict[str, tuple[str, str]] = {
    "alunos": ("aluno", "alunos"),
    "cursos": ("curso", "cursos"),
    "matriculas": ("matrícula", "matrículas"),
    "contatos": ("contato de aluno", "contatos de alunos"),
    "responsaveis": ("responsável", "responsáveis"),
    "contatos_responsavel": ("contato de responsável", "contatos de responsáveis"),
    "alunos_responsaveis": ("vínculo entre aluno e responsável", "vínculos entre alunos e responsáveis"),
    "escolas": ("cadastro da escola", "cadastros da escola"),
    "anos_letivos": ("ano letivo", "anos letivos"),
    "periodos": ("período (bimestre/trimestre)", "períodos (bimestres/trimestres)"),
    "disciplinas": ("disciplina", "disciplinas"),
    "turmas": ("turma", "turmas"),
    "turmas_disciplinas": ("disciplina de turma", "disciplinas de turmas"),
    "enturmacoes": ("aluno em turma", "alunos em turmas"),
    "historico_situacoes": ("mudança de situação na turma", "mudanças de situação na turma"),
    "notas": ("nota", "notas"),
    "recuperacoes_finais": ("recuperação final", "recuperações finais"),
    "frequencias": ("registro de frequência", "registros de frequência"),
    "historicos_externos": ("ano cursado em outra escola", "anos cursados em outras escolas"),
    "historicos_externos_disciplinas": ("disciplina de outra escola", "disciplinas de outras escolas"),
    "lixeira": ("item da lixeira", "itens da lixeira"),
    "auditoria": ("registro do histórico de alterações", "registros do histórico de alterações"),
    "dias_nao_letivos": ("dia não letivo (feriado ou recesso)", "dias não letivos (feriados e recessos)"),
    "rematriculas": ("rematrícula", "rematrículas"),
    "rematriculas_turmas": ("turma criada pela rematrícula", "turmas criadas pela rematrícula"),
    "rematriculas_alunos": ("aluno na rematrícula", "alunos na rematrícula"),
    "dispensas_disciplina": ("dispensa de disciplina", "dispensas de disciplina"),
    "etapas": ("etapa", "etapas"),
}

# What a dropped column held, in Portuguese; others are named by the column.
COLUMN_LABELS: dict[str, str] = {
    "cpf": "CPF",
    "data_nascimento": "data de nascimento",
    "nome_social": "nome social",
    "sexo": "sexo",
    "cor_raca": "cor/raça",
    "rg": "RG",
    "rg_orgao": "órgão emissor do RG",
    "rg_uf": "UF do RG",
    "certidao_nascimento": "certidão de nascimento",
    "nis": "NIS",
    "codigo_inep": "código INEP",
    "ra": "RA",
    "cep": "CEP",
    "logradouro": "logradouro",
    "numero": "número do endereço",
    "complemento": "complemento do endereço",
    "bairro": "bairro",
    "municipio": "município",
    "uf": "UF do endereço",
    "foto": "foto",
    "observacoes": "observações",
    "etapa_id": "etapa",
    "data_inicio": "data de início",
    "data_fim": "data de fim",
    "minutos_por_dia": "duração do dia letivo",
    "situacao_final": "situação final do ano encerrado",
    "escola_destino": "escola de destino",
    "municipio_destino": "município de destino",
    "uf_destino": "UF de destino",
    "escola_origem": "escola de origem",
    "municipio_origem": "município de origem",
    "uf_origem": "UF de origem",
    "regra_avaliacao_id": "regra de avaliação",
    "conceito": "conceito",
    "parecer": "parecer descritivo",
}


def records(table: str, count: int) -> str:
    """``records("notas", 12)`` → ``"12 notas"``; ``"1 item da lixeira"``."""
    one, many = TABLE_NOUNS.get(table, (f"registro de {table}", f"registros de {table}"))
    return f"{count} {one if count == 1 else many}"


class DowngradeFailedError(MigrationFailedError):
    """The downgrade failed and was rolled back; the file is as it was."""

    failure = "A volta para a versão anterior falhou e foi desfeita"


@dataclass(frozen=True)
class Target:
    """Where a downgrade goes: a release (``1.0``, ``0.x``), or a bare revision."""

    revision: str | None  # None: the 0.x prototype
    release: Release | None

    @property
    def label(self) -> str:
        if self.release is not None:
            return self.release.version
        return f"revisão {self.revision}"

    @property
    def description(self) -> str:
        """``"o Escola 1.0"``, for sentences."""
        if self.release is not None:
            return f"o Escola {self.release.version}"
        return f"a revisão {self.revision} do esquema"


@dataclass(frozen=True)
class ColumnLoss:
    table: str
    column: str
    filled: int  # rows with a value in it

    @property
    def text(self) -> str:
        label = COLUMN_LABELS.get(self.column, self.column.replace("_", " "))
        return f"{label} de {records(self.table, self.filled)}"


@dataclass
class DowngradePlan:
    """What a downgrade of ``path`` to ``target`` will do; made without writing a byte."""

    path: Path
    classification: Classification
    target: Target
    steps: list[Step]
    tables_dropped: dict[str, int] = field(default_factory=dict)  # table → rows, every dropped table
    columns_dropped: list[ColumnLoss] = field(default_factory=list)

    @property
    def losses(self) -> list[str]:
        """What the file will lose, in Portuguese, one line each (empty tables and columns left out)."""
        lines = []
        order = list(TABLE_NOUNS)
        dropped = sorted(
            self.tables_dropped.items(), key=lambda i: (order.index(i[0]) if i[0] in order else len(order), i[0])
        )
        for table, count in dropped:
            if count and table not in BOOKKEEPING_TABLES | SEEDED_TABLES:
                line = records(table, count)
                if table == "contatos" and self.target.revision is None:
                    line += " (os telefones voltam para o campo telefone do aluno; os e-mails extras se perdem)"
                lines.append(line)
        lines += [loss.text for loss in self.columns_dropped if loss.filled]
        return lines


@dataclass
class DowngradeResult:
    plan: DowngradePlan
    backup: Path
    applied: list[str]


ProgressCallback = Callable[[Step], None]


# --------------------------------------------------------------------------- targets


def _revisions_newest_first(script: ScriptDirectory) -> list[str]:
    return [s.revision for s in script.walk_revisions()]


def valid_targets(c: Classification, script: ScriptDirectory | None = None) -> tuple[list[str], list[str]]:
    """The releases and the revisions a file of classification ``c`` can be taken back to, newest first."""
    script = script or script_directory()
    if c.state is DatabaseState.LEGACY or c.revision is None:
        return [], []
    order = _revisions_newest_first(script)
    if c.revision not in order:
        return [], []
    older = order[order.index(c.revision) + 1 :]
    releases = [r.version for r in reversed(RELEASES) if r.revision is None or r.revision in older]
    return releases, older


def _refuse(c: Classification, message: str) -> EscolaError:
    return EscolaError(f"{message} O arquivo não foi alterado.")


def resolve_target(c: Classification, target: str, script: ScriptDirectory | None = None) -> Target:
    """The target named by ``target`` (a release version or a revision id) for this file.

    Raises:
        EscolaError: unknown target, or not older than the file.
    """
    from alembic.util import CommandError

    script = script or script_directory()
    target = target.strip()
    releases, older = valid_targets(c, script)
    release = next((r for r in RELEASES if r.version == target), None)
    revision: str | None
    if release is not None:
        revision = release.revision
    else:
        revision = target
        try:
            known = script.get_revision(target) is not None
        except CommandError:
            known = False
        if not known:
            options = ", ".join(releases + older) or "nenhuma (o arquivo já é da versão mais antiga)"
            raise _refuse(
                c,
                f'"{target}" não é uma versão nem uma revisão do Escola. '
                f"Versões (e revisões) para as quais este arquivo pode voltar: {options}.",
            )
        release = release_for_revision(revision)
    current = "0.x" if c.state is DatabaseState.LEGACY else (c.revision or "")
    if revision is None or revision in older:
        return Target(revision, release)
    name = f"a do Escola {release.version}" if release is not None else f"a revisão {revision}"
    raise _refuse(
        c,
        f"O arquivo está na revisão {current}, que não é mais nova que {name}; só é possível voltar para uma "
        f"versão anterior à do arquivo: {', '.join(releases + older) or 'nenhuma'}.",
    )


# --------------------------------------------------------------------------- plan


def _steps(script: ScriptDirectory, c: Classification, target: Target) -> list[Step]:
    """The revisions whose ``downgrade()`` runs, newest first; Step.revision is the one undone."""
    stop = target.revision or BASELINE_REVISION
    undone = list(script.iterate_revisions(c.revision, stop))
    undone = [s for s in undone if s.revision != stop]
    total = len(undone)
    return [
        Step(
            i,
            total,
            s.revision,
            "Desfazendo: " + step_name(s),
        )
        for i, s in enumerate(undone, start=1)
    ]


def _prototype_ddl(script: ScriptDirectory) -> tuple[str, ...]:
    module = script.get_revision(BASELINE_REVISION).module
    return tuple(module.LEGACY_DDL)


def _make_target_file(path: Path, config: Config, target: Target) -> None:
    """A new file taken straight to ``target``: the schema a downgrade must end with."""
    from alembic import command

    engine = db.create_upgrade_engine(path)
    try:
        with engine.connect() as conn:
            conn.begin()
            config.attributes["connection"] = conn
            command.upgrade(config, target.revision or BASELINE_REVISION)
            if target.revision is None:
                conn.exec_driver_sql("DROP TABLE alembic_version")
            conn.commit()
    finally:
        engine.dispose()
        config.attributes.pop("connection", None)


def _top_level_parts(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(body[start:i].strip())
            start = i + 1
    return [*parts, body[start:].strip()]


_QUOTED_TABLE = re.compile(r'^CREATE TABLE "(\w+)" ?\(')
_CONSTRAINT_START = ("CONSTRAINT", "CHECK", "PRIMARY KEY", "FOREIGN KEY", "UNIQUE")


def normalize_sql(sql: str) -> str:
    """A CREATE statement with whitespace folded, the table's name unquoted, its columns in
    order and its table constraints sorted: a batch rebuild may write the constraints in
    another order (revision 0005's two foreign keys of matriculas vary from run to run), and
    its final rename writes the name quoted (``CREATE TABLE "turmas"``, after 0013's)."""
    text = " ".join(sql.split())
    text = _QUOTED_TABLE.sub(r"CREATE TABLE \1 (", text)
    if text.startswith("CREATE TABLE"):
        head, body = text.split("(", 1)
        parts = _top_level_parts(body.rstrip().removesuffix(")"))
        columns = [p for p in parts if not p.startswith(_CONSTRAINT_START)]
        constraints = sorted(p for p in parts if p.startswith(_CONSTRAINT_START))
        text = head + "(" + ", ".join(columns + constraints) + ")"
    return text


def schema_of(conn: sqlite3.Connection | Connection) -> tuple[tuple[str, ...], int]:
    """The normalized CREATE statements of a file (sorted) and its application_id."""
    query = (
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '\\_alembic\\_tmp\\_%' ESCAPE '\\'"
    )
    if isinstance(conn, Connection):
        rows = conn.exec_driver_sql(query).all()
        application_id = conn.exec_driver_sql("PRAGMA application_id").scalar_one()
    else:
        rows = conn.execute(query).fetchall()
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    return tuple(sorted(normalize_sql(sql) for (sql,) in rows)), application_id


def _table_columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    tables = [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not name.startswith("sqlite_")
    ]
    return {t: [row[1] for row in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


def _target_shape(config: Config, target: Target) -> tuple[tuple[tuple[str, ...], int], dict[str, list[str]]]:
    """The schema (and the columns of each table) of a new file taken straight to ``target``."""
    from escola_gui.core.leftovers import alvo_prefix

    # Named after this process: a later launch removes it if this one is killed (leftovers).
    with tempfile.TemporaryDirectory(prefix=alvo_prefix()) as folder:
        fresh = Path(folder) / "alvo.sqlite3"
        _make_target_file(fresh, config, target)
        with closing(sqlite3.connect(fresh)) as conn:
            return schema_of(conn), _table_columns(conn)


def _losses(path: Path, target_columns: dict[str, list[str]]) -> tuple[dict[str, int], list[ColumnLoss]]:
    """The tables and columns of ``path`` that the target has no place for, with what they hold."""
    from escola_gui.storage.file.backup import read_only_uri

    tables: dict[str, int] = {}
    columns: list[ColumnLoss] = []
    with closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
        for table, names in _table_columns(conn).items():
            if not in_models(table, "table"):  # a batch rebuild's leftovers, the FTS5 search index
                continue
            if table not in target_columns:
                tables[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                continue
            derived = DERIVED_COLUMNS.get(table, {})  # computed from the row's other values: nothing lost
            for column in names:
                if column not in target_columns[table] and column not in derived:
                    filled = conn.execute(
                        f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL AND '
                        f"trim(CAST(\"{column}\" AS TEXT)) != ''"
                    ).fetchone()[0]
                    columns.append(ColumnLoss(table, column, filled))
    return tables, columns


def _checked(path: Path, target: str, config: Config) -> tuple[Classification, Target, list[Step]]:
    c = classify_database(path)
    if c.refused:
        raise UpgradeRefusedError(c)
    if c.hot_journal:
        raise EscolaError(
            f"O Escola foi fechado no meio de uma gravação em {path}. Abra o arquivo no Escola (ou use "
            '"main.py db upgrade"), que desfaz essa gravação guardando antes uma cópia, e depois volte à '
            "versão anterior. O arquivo não foi alterado."
        )
    if c.state is DatabaseState.NEW:
        raise EscolaError(f"Não há dados para levar a uma versão anterior: {path} não existe ou está vazio.")
    if c.state is DatabaseState.LEGACY:
        raise _refuse(c, f"O arquivo {path} já é da versão 0.x, a mais antiga; não há versão anterior para voltar.")
    script = script_directory(config)
    resolved = resolve_target(c, target, script)
    return c, resolved, _steps(script, c, resolved)


def plan_downgrade(path: Path, target: str, *, script_location: Path | None = None) -> DowngradePlan:
    """What taking ``path`` back to ``target`` (``"1.0"``, ``"0.x"`` or a revision) will do
    and lose; nothing is written to the file.

    Raises:
        UpgradeRefusedError: newer, foreign or unreadable file.
        EscolaError: no data, or the target is unknown or not older than the file.
    """
    path = Path(path)
    config = make_config(script_location)
    c, resolved, steps = _checked(path, target, config)
    _schema, target_columns = _target_shape(config, resolved)
    tables, columns = _losses(path, target_columns)
    return DowngradePlan(path, c, resolved, steps, tables, columns)


# --------------------------------------------------------------------------- downgrade


def _rebuild_as_prototype(conn: Connection, ddl: tuple[str, ...]) -> None:
    """Rebuild alunos, cursos and matriculas (at 0001) from the prototype's verbatim DDL.

    At 0001 they hold the prototype's columns, but batch rebuilds left them with named
    constraints and another column order. Foreign keys are off and ``legacy_alter_table``
    on, so renaming alunos aside rewrites nothing in matriculas and deletes nothing.
    """
    tables = ("alunos", "cursos", "matriculas")
    conn.exec_driver_sql("PRAGMA legacy_alter_table = ON")
    try:
        for table in tables:
            conn.exec_driver_sql(f'ALTER TABLE "{table}" RENAME TO "_escola_antiga_{table}"')
            indexes = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                (f"_escola_antiga_{table}",),
            ).all()
            for (index,) in indexes:
                conn.exec_driver_sql(f'DROP INDEX "{index}"')
        for statement in ddl:
            conn.exec_driver_sql(statement)
        for table in tables:
            columns = ", ".join(f'"{row[1]}"' for row in conn.exec_driver_sql(f'PRAGMA table_info("{table}")'))
            conn.exec_driver_sql(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM "_escola_antiga_{table}"')
        for table in reversed(tables):
            conn.exec_driver_sql(f'DROP TABLE "_escola_antiga_{table}"')
    finally:
        conn.exec_driver_sql("PRAGMA legacy_alter_table = OFF")


def validate_downgrade(conn: Connection, expected: tuple[tuple[str, ...], int]) -> None:
    """Raise UpgradeFailedError unless, as this transaction sees it, the file has no orphan
    rows, passes integrity_check and has exactly the schema of a new file at the target."""
    orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if orphans:
        tables = sorted({row[0] for row in orphans})
        registros = "1 registro" if len(orphans) == 1 else f"{len(orphans):,} registros".replace(",", ".")
        raise UpgradeFailedError(f"Verificação: {registros} sem o registro relacionado em {', '.join(tables)}.")
    integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        raise UpgradeFailedError("Verificação de integridade: " + "; ".join(integrity[:3]))
    actual = schema_of(conn)
    if actual != expected:
        log.error(
            "schema after downgrade differs from a new file at the target: only here %r, only there %r",
            sorted(set(actual[0]) - set(expected[0])),
            sorted(set(expected[0]) - set(actual[0])),
        )
        raise UpgradeFailedError("O esquema resultante não confere com o da versão escolhida.")


def downgrade_to(
    path: Path,
    target: str,
    progress: ProgressCallback | None = None,
    *,
    script_location: Path | None = None,
) -> DowngradeResult:
    """Take ``path`` back to ``target`` (``"1.0"``, ``"0.x"`` or a revision), or leave it
    exactly as it was. The caller holds the file's DatabaseLock.

    Args:
        progress: called before each revision is undone (from the calling thread).
        script_location: another copy of the revisions (tests inject failures this way).

    Raises:
        UpgradeRefusedError: newer, foreign or unreadable file; not a byte was written.
        EscolaError: no data, or the target is unknown or not older; nothing was written.
        DowngradeFailedError: the downgrade was rolled back; the file is as it was.
        NotEnoughSpaceError, BackupFailedError: nothing was changed.
    """
    path = Path(path)
    config = make_config(script_location)
    c, resolved, steps = _checked(path, target, config)
    check_writable(
        path,
        QT_TRANSLATE_NOOP(
            "core",
            "O arquivo {path} está protegido contra gravação; para voltar a uma versão anterior ele precisa ser "
            "alterado. Libere a gravação do arquivo. O arquivo não foi alterado.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "O arquivo {path} não pode ser gravado ({problem}); para voltar a uma versão anterior ele precisa ser "
            "alterado. Libere a gravação. O arquivo não foi alterado.",
        ),
    )
    expected, target_columns = _target_shape(config, resolved)
    tables, columns = _losses(path, target_columns)
    plan = DowngradePlan(path, c, resolved, steps, tables, columns)
    backup_path, index_damage = back_up_before_migration(path, c, DOWNGRADING)
    ddl = _prototype_ddl(script_directory(config)) if resolved.revision is None else ()

    applied: list[str] = []

    def migrate(conn: Connection, _notes: list[SummaryLine]) -> None:
        from alembic import command

        for step in steps:
            if progress is not None:
                progress(step)
            down_to = script_directory(config).get_revision(step.revision).down_revision
            log.info("undoing revision %s (%d/%d)", step.revision, step.number, step.total)
            command.downgrade(config, str(down_to))
            applied.append(step.revision)
        if resolved.revision is None:
            conn.exec_driver_sql("DROP TABLE alembic_version")
            _rebuild_as_prototype(conn, ddl)
        elif conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'metadados'").first():
            if resolved.release is not None:
                conn.exec_driver_sql(
                    "INSERT OR REPLACE INTO metadados (chave, valor) VALUES ('versao_app', ?)",
                    (resolved.release.version,),
                )
            else:  # no release shipped this schema: no version wrote it
                conn.exec_driver_sql("DELETE FROM metadados WHERE chave = 'versao_app'")
        validate_downgrade(conn, expected)

    run_in_one_transaction(
        path,
        config,
        migrate,
        classification=c,
        index_damage=index_damage,
        backup=backup_path,
        failed=DowngradeFailedError,
        what="downgrade",
        doing=DOWNGRADING,
    )
    os.chmod(path, 0o600)
    log.info("downgrade of %s done: %s -> %s, backup %s", path, c.revision, resolved.label, backup_path)
    return DowngradeResult(plan, backup_path, applied)
