"""Files in odd places or odd states: awkward folder names, damaged indexes, read-only."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from escola_gui.core import db
from escola_gui.core.errors import EscolaError
from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.helpers.legacy import assert_every_value_kept, make_legacy_file


@pytest.mark.parametrize("folder", ["com espaço", "a?b", "50%20off", "hash#tag", "ação"])
def test_awkward_folder_names_open_the_right_file(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "escola.sqlite3"
    path.parent.mkdir()
    data = make_legacy_file(path, alunos=30)

    upgrade_to_head(path)

    assert_every_value_kept(data, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder], "no stray file beside the folder"
    engine = db.create_app_engine(path)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM alunos").scalar_one() == 30
    engine.dispose()


def test_damaged_index_is_rebuilt_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    data = make_legacy_file(path, alunos=200)
    conn = sqlite3.connect(path)
    # Make ix_alunos_email disagree with its table, as a crash on a bad disk can.
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, '(email)', '(nome)') WHERE name = 'ix_alunos_email'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(path)
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    conn.close()
    assert problems != ["ok"], "the test needs a damaged index"

    result = upgrade_to_head(path)

    assert "Índices danificados" in " ".join(map(str, result.summary))
    assert_every_value_kept(data, path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files anyway")
def test_read_only_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    make_legacy_file(path, alunos=10)
    path.chmod(0o444)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(EscolaError, match="protegido contra gravação"):
        upgrade_to_head(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mode & 0o777 == 0o444
    assert classify_database(path).state is DatabaseState.LEGACY
