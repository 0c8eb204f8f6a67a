"""Failures roll back to the file as it was; refused files stay byte-identical."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import UpgradeRefusedError, classify_database, upgrade_to_head
from escola_gui.storage.migrations import UpgradeFailedError, migrations_dir
from tests.helpers.legacy import assert_every_value_kept, make_legacy_file
from tests.helpers.revisions import HEAD

REPO = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _broken_migrations(tmp_path: Path) -> Path:
    """A copy of the revisions whose last one fails after it has changed the schema."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    last = sorted((copy / "versions").glob("[0-9]*.py"))[-1]
    source = last.read_text(encoding="utf-8")
    marker = "\n\ndef downgrade() -> None:"
    source = source.replace(marker, '\n    raise RuntimeError("falha injetada no fim da última revisão")\n' + marker, 1)
    last.write_text(source, encoding="utf-8")
    return copy


def test_injected_failure_in_last_revision_leaves_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    data = make_legacy_file(path, alunos=120)
    before = _digest(path)

    with pytest.raises(UpgradeFailedError) as failure:
        upgrade_to_head(path, script_location=_broken_migrations(tmp_path))

    assert "falha injetada" in failure.value.user_message
    assert failure.value.backup is not None and failure.value.backup.exists()
    assert _digest(path) == before, "a failed upgrade must leave the very same bytes"
    assert not path.with_name(path.name + "-journal").exists()
    assert classify_database(path).state is DatabaseState.LEGACY

    # Given the failure, when the next launch runs the real revisions, then all is well.
    result = upgrade_to_head(path)
    assert result.revision == HEAD
    assert_every_value_kept(data, path)


def _head_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    upgrade_to_head(path)
    return path


def _newer(tmp_path: Path) -> Path:
    path = _head_file(tmp_path, "newer.sqlite3")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.execute("UPDATE metadados SET valor = '3.1.0' WHERE chave = 'versao_app'")
    conn.commit()
    conn.close()
    return path


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE receitas (id INTEGER PRIMARY KEY, titulo TEXT)")
    conn.execute("INSERT INTO receitas (titulo) VALUES ('bolo')")
    conn.commit()
    conn.close()
    return path


def _foreign_alembic(tmp_path: Path) -> Path:
    path = tmp_path / "other-alembic-app.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('abc123def')")
    conn.execute("CREATE TABLE pedidos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    return path


def _garbage(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(bytes(range(256)) * 40)
    return path


def _truncated(tmp_path: Path) -> Path:
    path = tmp_path / "truncated.sqlite3"
    make_legacy_file(path, alunos=400)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _damaged_page(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.sqlite3"
    make_legacy_file(path, alunos=400)
    data = bytearray(path.read_bytes())
    page = 4096 * 3
    data[page : page + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    return path


def _foreign_known_revision(tmp_path: Path) -> Path:
    """Another Alembic app whose revision id happens to be one of ours."""
    path = tmp_path / "other-app-0002.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('0002')")
    conn.execute("CREATE TABLE faturas (id INTEGER PRIMARY KEY, valor NUMERIC)")
    conn.commit()
    conn.close()
    return path


def _foreign_view_only(tmp_path: Path) -> Path:
    path = tmp_path / "view-only.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.execute("CREATE VIEW agora AS SELECT 1 AS um")
    conn.commit()
    conn.close()
    return path


def _foreign_wal(tmp_path: Path) -> Path:
    """A foreign file in WAL mode whose -wal still holds committed pages."""
    path = tmp_path / "wal.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE notas (id INTEGER PRIMARY KEY, texto TEXT)")
    conn.execute("INSERT INTO notas (texto) VALUES ('pendente no wal')")
    conn.commit()
    # Leave the -wal behind, as a crash would, by copying the files while still open.
    copy = tmp_path / "wal-copy.sqlite3"
    copy.write_bytes(path.read_bytes())
    Path(str(copy) + "-wal").write_bytes(Path(str(path) + "-wal").read_bytes())
    conn.close()
    return copy


REFUSED = {
    "foreign_known_revision": (_foreign_known_revision, DatabaseState.FOREIGN),
    "foreign_view_only": (_foreign_view_only, DatabaseState.FOREIGN),
    "foreign_wal": (_foreign_wal, DatabaseState.FOREIGN),
    "newer": (_newer, DatabaseState.NEWER),
    "foreign": (_foreign, DatabaseState.FOREIGN),
    "foreign_alembic": (_foreign_alembic, DatabaseState.FOREIGN),
    "garbage": (_garbage, DatabaseState.UNREADABLE),
    "truncated": (_truncated, DatabaseState.UNREADABLE),
    "damaged_page": (_damaged_page, DatabaseState.UNREADABLE),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_refused_files_stay_byte_identical(tmp_path: Path, kind: str) -> None:
    make, state = REFUSED[kind]
    path = make(tmp_path)
    before = _digest(path)

    assert classify_database(path).state is state
    with pytest.raises(UpgradeRefusedError) as refusal:
        upgrade_to_head(path)

    assert "não foi alterado" in refusal.value.user_message
    assert _digest(path) == before
    assert not (path.parent / "backups").exists(), "a refused file is not even backed up"


def test_newer_file_message_names_the_version_it_needs(tmp_path: Path) -> None:
    path = _newer(tmp_path)
    with pytest.raises(UpgradeRefusedError) as refusal:
        upgrade_to_head(path)
    assert "Escola 3.1.0 ou mais novo" in refusal.value.user_message


@pytest.mark.parametrize("kind", ["newer", "foreign", "garbage", "truncated"])
def test_cli_upgrade_refuses_with_one_line_and_nonzero_exit(tmp_path: Path, kind: str) -> None:
    path = REFUSED[kind][0](tmp_path)
    before = _digest(path)
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "db", "upgrade", "--database", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("erro:"), done.stderr
    assert _digest(path) == before
    status = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "db", "status", "--database", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert f"state: {REFUSED[kind][1].value}" in status.stdout.splitlines()
    assert _digest(path) == before
