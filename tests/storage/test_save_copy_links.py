"""Found by the adversarial pass on issue 12: "Salvar uma cópia em outro lugar" aimed, through a
linked folder, at the data file itself."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from escola_gui.core.errors import EscolaError
from escola_gui.storage.file.backups import save_copy


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
@pytest.mark.parametrize("name", ["escola.sqlite3", "escola.sqlite3-journal", "escola.sqlite3.lock"])
def test_a_copy_through_a_linked_folder_never_replaces_the_data_file(head_db: Path, tmp_path: Path, name: str) -> None:
    """A link to the data file's folder (a shortcut on the desktop) is the same folder: the copy
    would replace the open data file by a new inode, and every later save would go to the old one."""
    link = tmp_path / "atalho"
    link.symlink_to(head_db.parent, target_is_directory=True)
    before = {p.name: _digest(p) for p in head_db.parent.iterdir() if p.is_file()}
    inode = head_db.stat().st_ino

    with pytest.raises(EscolaError, match="é o próprio arquivo de dados"):
        save_copy(head_db, link / name)

    assert head_db.stat().st_ino == inode
    assert {p.name: _digest(p) for p in head_db.parent.iterdir() if p.is_file()} == before


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_copy_onto_a_link_to_the_data_file_is_refused(head_db: Path, tmp_path: Path) -> None:
    shortcut = tmp_path / "escola-atalho.sqlite3"
    shortcut.symlink_to(head_db)
    with pytest.raises(EscolaError, match="é o próprio arquivo de dados"):
        save_copy(head_db, shortcut)
    assert shortcut.is_symlink() and os.path.samefile(shortcut, head_db)


def test_a_copy_in_another_folder_is_still_made(head_db: Path, tmp_path: Path) -> None:
    pen = tmp_path / "pendrive"
    pen.mkdir()
    assert save_copy(head_db, pen / "escola.sqlite3").is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_restoring_the_data_file_through_a_link_is_refused_before_asking(head_db: Path, tmp_path: Path) -> None:
    """The dialog asked "Restaurar o arquivo ...?" for the data file itself reached through a
    linked folder, and only then said it was the data file."""
    from escola_gui.storage.file.restore import restore_refusal

    link = tmp_path / "atalho"
    link.symlink_to(head_db.parent, target_is_directory=True)
    refusal = restore_refusal(head_db, link / head_db.name)
    assert refusal is not None and "é o próprio arquivo de dados" in str(refusal)
