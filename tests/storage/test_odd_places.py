"""Odd places get a plain Portuguese message, never "erro inesperado" or a traceback: the
database path is a folder, backups/ is a file or a dangling link, a read-only folder, a full
disk before the lock file exists, Ctrl+C during an upgrade, and the file-size limit."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from escola_gui.core.errors import DiskFullError, is_disk_full, is_file_size_limit
from escola_gui.storage.file.backup import BackupFolderError
from escola_gui.storage.file.backups import BackupKind, make_backup
from escola_gui.storage.file.upgrade import upgrade_to_head
from tests.helpers.full_disk import full_tmpfs
from tests.helpers.legacy import make_legacy_file
from tests.helpers.ro_mount import read_only_view

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX mounts, signals and limits")


def _main(database: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def file_size_limit() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args, "--database", str(database)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=file_size_limit,
    )


def _plain(done: subprocess.CompletedProcess[str]) -> str:
    """The error line, checked to be plain Portuguese without a traceback."""
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr and "inesperado" not in done.stderr, done.stderr
    for english in ("disk I/O error", "Errno", "No space left", "Read-only file system", "Is a directory"):
        assert english not in done.stderr, done.stderr
    return done.stderr


@pytest.mark.parametrize("command", ["status", "upgrade", "backup", "backups", "check", "restore x.sqlite3"])
def test_a_folder_as_the_database(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "escola.sqlite3"
    folder.mkdir()

    text = _plain(_main(folder, "db", *command.split()))

    assert "é uma pasta, não um arquivo de dados do Escola" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["escola.sqlite3"], "no lock file beside it"


def test_a_database_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "notas.txt").write_text("x")
    text = _plain(_main(tmp_path / "notas.txt" / "escola.sqlite3", "db", "upgrade"))
    assert "notas.txt é um arquivo, não uma pasta" in text


@pytest.mark.parametrize("kind", ["file", "dangling link"])
def test_backups_is_a_file_or_a_dangling_link(head_db: Path, kind: str) -> None:
    folder = head_db.parent / "backups"
    if kind == "file":
        folder.write_text("não sou uma pasta")
    else:
        folder.symlink_to(head_db.parent / "pendrive-desconectado" / "backups")
    before = head_db.read_bytes()

    text = _plain(_main(head_db, "db", "backup"))

    assert "Não foi possível fazer a cópia de segurança" in text
    assert ("é um arquivo" if kind == "file" else "atalho para um lugar que não existe") in text
    assert "Nada foi alterado" in text
    assert head_db.read_bytes() == before
    assert folder.is_symlink() or folder.read_text() == "não sou uma pasta"


def test_an_upgrade_whose_backup_folder_is_a_file_changes_nothing(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    make_legacy_file(database, alunos=20)
    (tmp_path / "backups").write_text("x")
    before = database.read_bytes()

    text = _plain(_main(database, "db", "upgrade"))

    assert "é um arquivo, e não a pasta das cópias" in text
    assert database.read_bytes() == before
    with pytest.raises(BackupFolderError):
        upgrade_to_head(database)


def test_db_backup_in_a_read_only_folder(head_db: Path) -> None:
    make_backup(head_db, BackupKind.MANUAL)  # backups/ exists: its own write is refused
    for folder_exists in (True, False):
        if not folder_exists:
            for path in (head_db.parent / "backups").iterdir():
                path.unlink()
            (head_db.parent / "backups").rmdir()
        with read_only_view(head_db.parent) as locked:
            text = _plain(_main(locked / head_db.name, "db", "backup"))
        assert "não permite gravação" in text and "Nada foi alterado" in text


def test_a_full_disk_before_the_lock_file_exists(tmp_path: Path, head_db: Path) -> None:
    with full_tmpfs(tmp_path / "disco", keep={"escola.sqlite3": head_db.read_bytes()}) as disk:
        database = disk / "escola.sqlite3"
        before = database.read_bytes()
        for command in ("upgrade", "backup"):
            text = _plain(_main(database, "db", command))
            assert text.startswith("erro: O disco está cheio") and "abrir o arquivo de dados" in text
        assert database.read_bytes() == before


def test_ctrl_c_during_db_upgrade_says_so_and_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    database = tmp_path / "escola.sqlite3"
    make_legacy_file(database, alunos=20_000)
    before = database.read_bytes()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "db", "upgrade", "--database", str(database)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    assert process.stderr.readline().startswith("Aplicando revisão 1 ")  # the upgrade is under way
    os.kill(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=300)

    assert process.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "Interrompido (Ctrl+C): a atualização foi desfeita e o arquivo continua como estava." in err
    assert database.read_bytes() == before
    assert not database.with_name("escola.sqlite3-journal").exists()


def test_the_file_size_limit_gets_a_plain_message(tmp_path: Path, head_db: Path) -> None:
    size = head_db.stat().st_size
    text = _plain(_main(head_db, "db", "backup", limit=size // 2))
    assert "limite de tamanho de arquivo" in text and "Nada foi alterado" in text
    assert list((head_db.parent / "backups").iterdir()) == []

    database = tmp_path / "antigo" / "escola.sqlite3"
    database.parent.mkdir()
    make_legacy_file(database, alunos=300)
    before = database.read_bytes()
    text = _plain(_main(database, "db", "upgrade", limit=database.stat().st_size + 8192))
    assert "limite de tamanho de arquivo" in text
    assert "A atualização foi desfeita; o arquivo continua como estava." in text
    assert database.read_bytes() == before


def test_efbig_is_told_like_a_full_disk() -> None:
    too_big = OSError(errno.EFBIG, "File too large")
    assert is_file_size_limit(too_big) and is_disk_full(too_big)
    try:
        raise too_big
    except OSError:
        error = DiskFullError(Path("/dados"))
    assert "limite de tamanho de arquivo" in error.user_message or resource.getrlimit(resource.RLIMIT_FSIZE)[0] == (
        resource.RLIM_INFINITY
    )
