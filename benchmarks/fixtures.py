"""The files the bench measures, built once and cached in a folder (never committed).

Each builder writes to a temporary name and renames at the end, so an interrupted build
leaves nothing that looks finished. A cached Escola file is rebuilt when it is no longer at
this version's head (a new revision landed), so launch never measures an upgrade.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO / ".venv" / "bench-fixtures"


@dataclass(frozen=True)
class Sizes:
    big: int  # alunos of the "100k" demo
    small: int  # alunos of the reference demo (same code, small file)
    import_rows: int  # alunos of the demo whose export is the import CSV
    legacy_alunos: int  # alunos of the 0.x file (three matrículas each, a ninth one more)
    turma: int  # alunos of the turma whose boletins are printed
    ano: int = 2_800  # alunos of the demo whose current year (about 2 000 of them) is closed and rolled over


FULL = Sizes(big=100_000, small=1_000, import_rows=10_000, legacy_alunos=200_000, turma=40, ano=2_800)
QUICK = Sizes(big=300, small=60, import_rows=60, legacy_alunos=500, turma=10, ano=60)

#: The year the ``ano_inteiro`` fixture's current year is (its every result typed, not closed).
ANO_INTEIRO = 2026


def log(text: str) -> None:
    print(f"[fixtures] {text}", file=sys.stderr, flush=True)


def revisions_fingerprint() -> str:
    """A digest of every revision file: a cached file built by other revisions (an edited one too) is stale."""
    import hashlib

    digest = hashlib.sha256()
    for revision in sorted((REPO / "alembic" / "versions").glob("*.py")):
        digest.update(revision.name.encode() + b"\0" + revision.read_bytes())
    return digest.hexdigest()[:16]


def _fingerprint_file(path: Path) -> Path:
    return path.with_name(path.name + ".revisoes")


def _is_current(path: Path) -> bool:
    from escola_gui.storage.file.launch_check import DatabaseState
    from escola_gui.storage.file.upgrade import classify_database

    stamp = _fingerprint_file(path)
    if not (path.exists() and stamp.exists() and stamp.read_text().strip() == revisions_fingerprint()):
        return False
    return classify_database(path).state is DatabaseState.CURRENT


def _cached(path: Path, build: Callable[[Path], None], *, escola_file: bool) -> Path:
    if path.exists() and (not escola_file or _is_current(path)):
        return path
    tmp = path.with_name(path.name + ".parcial")
    for stale in (path, tmp):
        stale.unlink(missing_ok=True)
    shutil.rmtree(path.with_name("backups"), ignore_errors=True)
    _fingerprint_file(path).unlink(missing_ok=True)
    log(f"building {path.name}…")
    build(tmp)
    tmp.rename(path)
    if escola_file:
        _fingerprint_file(path).write_text(revisions_fingerprint() + "\n")
    return path


def demo(folder: Path, alunos: int) -> Path:
    """``main.py demo --alunos N``: the same command a user runs."""

    def build(tmp: Path) -> None:
        tmp.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, str(REPO / "main.py"), "demo", "--alunos", str(alunos), "--database", str(tmp)],
            check=True,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            env=child_env(folder),
        )
        tmp.with_name(tmp.name + ".lock").unlink(missing_ok=True)

    return _cached(folder / f"demo-{alunos}.sqlite3", build, escola_file=True)


def ano_inteiro(folder: Path, alunos: int) -> Path:
    """A demo of ``alunos`` alunos on 21 December :data:`ANO_INTEIRO`: that year has every
    result typed and is still open (to be closed, then rolled over); the year before it was
    closed and rolled into it."""
    from datetime import date

    from escola_gui.storage.file.demo import criar_demo

    def build(tmp: Path) -> None:
        tmp.unlink(missing_ok=True)
        criar_demo(tmp, alunos=alunos, hoje=date(ANO_INTEIRO, 12, 21))

    return _cached(folder / f"ano-inteiro-{alunos}.sqlite3", build, escola_file=True)


def legacy(folder: Path, alunos: int) -> Path:
    """A messy 0.x file (tests/helpers/legacy.py): ``alunos`` alunos, about 3.1 matrículas each."""
    from tests.helpers.legacy import cursos_for, make_legacy_file

    def build(tmp: Path) -> None:
        make_legacy_file(tmp, alunos=alunos, cursos=cursos_for(alunos))

    return _cached(folder / f"legacy-{alunos}.sqlite3", build, escola_file=False)


def empty_head(folder: Path) -> Path:
    """A new file at head with no alunos: the target of the import."""
    from escola_gui.storage.file.upgrade import upgrade_to_head

    return _cached(folder / "empty-head.sqlite3", lambda tmp: upgrade_to_head(tmp), escola_file=True)


def import_csv(folder: Path, alunos: int) -> Path:
    """The export (the app's own CSV format) of a demo of ``alunos`` alunos: the file to import."""
    source = demo(folder, alunos)
    path = folder / f"import-{alunos}.csv"
    if path.exists() and path.stat().st_mtime >= _fingerprint_file(source).stat().st_mtime:
        return path

    def build(tmp: Path) -> None:
        from escola_gui.core import db
        from escola_gui.core.importacao.export import export_alunos

        engine = db.create_app_engine(source)
        try:
            export_alunos(engine, tmp.with_suffix(".csv"))
        finally:
            engine.dispose()
        tmp.with_suffix(".csv").rename(tmp)

    path.unlink(missing_ok=True)
    tmp = folder / f"import-{alunos}.parcial"
    build(tmp)
    tmp.rename(path)
    return path


def head_schema_sql(folder: Path) -> list[str]:
    """The DDL of a new file at head, in creation order (the floor SQL recreates the tables with it)."""
    conn = sqlite3.connect(empty_head(folder))
    try:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master"
            " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).fetchall()
    finally:
        conn.close()
    # An FTS5 table makes its shadow tables itself: their own CREATE would clash.
    virtual = [name for _type, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    shadow = {f"{v}_{suffix}" for v in virtual for suffix in ("data", "idx", "content", "docsize", "config")}
    return [sql for _type, name, sql in rows if name not in shadow]


def head_facts(folder: Path) -> tuple[str, int, list[tuple[str, str]]]:
    """The head revision, the application_id and the metadados of a new file at head."""
    conn = sqlite3.connect(empty_head(folder))
    try:
        head = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        return head, application_id, conn.execute("SELECT chave, valor FROM metadados").fetchall()
    finally:
        conn.close()


def child_env(folder: Path) -> dict[str, str]:
    """The environment of every child process: offscreen Qt, settings and logs kept out of the user's."""
    home = folder / "home"
    for sub in ("config", "data", "state", "cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
    )
    env.pop("ESCOLA_DB", None)
    # Run from bytecode, as an installed Escola does: with PYTHONDONTWRITEBYTECODE set (a dev
    # shell, CI) every child would compile Escola's sources again at each launch, a cost no user
    # pays. The bytecode goes to the fixtures' cache, never into the repository.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "cache" / "pycache")
    return env


def turma_of(path: Path, alunos: int) -> tuple[int, int]:
    """The id of a turma with ``alunos`` alunos in it, and how many it has.

    The demo fills turmas with about 30, so the first time the largest turma of the latest
    ano letivo takes the missing alunos from a turma of the same série and ano (their
    enturmações move, with the notas and frequência that hang from them). Returns the largest
    turma as it is when no sibling has enough alunos (a small quick-mode file).
    """
    active = (
        "SELECT t.id, t.ano_letivo_id, t.serie, count(e.id) FROM turmas t JOIN enturmacoes e ON e.turma_id = t.id "
        "AND e.data_saida IS NULL GROUP BY t.id"
    )
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(active).fetchall()
        if not rows:
            raise RuntimeError(f"{path} has no turma with alunos")
        latest = max(r[1] for r in rows)
        turma_id, ano_id, serie, count = max((r for r in rows if r[1] == latest), key=lambda r: (r[3], -r[0]))
        if count >= alunos:
            return turma_id, count
        for sibling, _ano, _serie, sibling_count in sorted(
            (r for r in rows if r[1] == ano_id and r[2] == serie and r[0] != turma_id), key=lambda r: -r[3]
        ):
            missing = alunos - count
            if sibling_count <= missing:
                continue
            ids = [
                i
                for (i,) in conn.execute(
                    "SELECT id FROM enturmacoes WHERE turma_id = ? AND data_saida IS NULL ORDER BY id LIMIT ?",
                    (sibling, missing),
                )
            ]
            with conn:
                conn.executemany("UPDATE enturmacoes SET turma_id = ? WHERE id = ?", [(turma_id, i) for i in ids])
            log(f"moved {len(ids)} alunos into turma {turma_id} of {path.name}: it now has {alunos}")
            return turma_id, alunos
        return turma_id, count
    finally:
        conn.close()
