"""What a killed run leaves behind is removed at the next launch, and only when certainly stale.

Each leftover is made the way a kill -9 leaves it: a child process runs the real code, says
when it is half-way, and is killed with SIGKILL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from escola_gui.core import leftovers
from escola_gui.core.alunos import AlunoData
from escola_gui.storage.file.backups import BackupKind, make_backup
from tests.helpers.killed import half_way as _half_way

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _with_alunos(head_db: Path, n: int = 200) -> Path:
    from escola_gui.core import db
    from escola_gui.core.services import Services

    engine = db.create_app_engine(head_db)
    services = Services.for_engine(engine)
    for i in range(n):
        services.alunos.create(AlunoData(nome=f"Aluno {i} " + "x" * 80))
    engine.dispose()
    return head_db


def test_a_backup_killed_half_way_leaves_a_partial_and_its_journal_which_the_next_launch_removes(
    head_db: Path,
) -> None:
    _with_alunos(head_db)
    kept = make_backup(head_db, BackupKind.MANUAL)
    _half_way(
        head_db.parent,
        """\
        import sys, time
        from pathlib import Path
        from escola_gui.storage.file import backup
        from escola_gui.storage.file.backups import BackupKind, make_backup
        from escola_gui.storage.file.lock import DatabaseLock

        backup.STEP_PAGES = 1
        def progress(done, total):
            if done >= 3:
                print("half-way", flush=True)
                time.sleep(600)
        with DatabaseLock(Path(sys.argv[1])):
            make_backup(Path(sys.argv[1]), BackupKind.MANUAL, progress=progress)
        """,
        str(head_db),
    )
    folder = head_db.parent / "backups"
    left = sorted(p.name for p in folder.iterdir())
    assert any(name.endswith(".parcial") for name in left), left
    assert any(name.endswith(".parcial-journal") for name in left), left
    left.remove(kept.name)

    removed = leftovers.clean_after_crash(head_db)

    assert sorted(p.name for p in removed) == left
    assert [p.name for p in folder.iterdir()] == [kept.name]


def test_a_restore_killed_half_way_leaves_restaurando_which_the_next_launch_removes(head_db: Path) -> None:
    _with_alunos(head_db, 20)
    backup = make_backup(head_db, BackupKind.MANUAL)
    before = head_db.read_bytes()
    _half_way(
        head_db.parent,
        """\
        import sys, time
        from pathlib import Path
        from escola_gui.storage.file import backup, restore
        from escola_gui.storage.file.lock import DatabaseLock

        real = backup.integrity_problems
        def checked(path):
            if path.name.endswith(".restaurando"):
                print("half-way", flush=True)
                time.sleep(600)
            return real(path)
        backup.integrity_problems = checked
        with DatabaseLock(Path(sys.argv[1])):
            restore.restore(Path(sys.argv[1]), Path(sys.argv[2]))
        """,
        str(head_db),
        str(backup),
    )
    partial = head_db.with_name("escola.sqlite3.restaurando")
    assert partial.exists()
    other = head_db.with_name("outra.sqlite3.restaurando")  # another file's: not ours to judge
    other.write_bytes(b"x")

    removed = leftovers.clean_after_crash(head_db)

    assert partial in removed and not partial.exists()
    assert not head_db.with_name("escola.sqlite3.restaurando-journal").exists()
    assert other.exists() and backup.exists()
    assert head_db.read_bytes() == before


def test_a_downgrade_killed_half_way_leaves_a_temp_folder_which_the_next_launch_removes(
    head_db: Path, tmp_path: Path
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    pid = _half_way(
        tmp_path,
        """\
        import time
        from escola_gui.storage.file import downgrade

        def make(fresh, _config, _target):
            fresh.write_bytes(b"")
            print("half-way", flush=True)
            time.sleep(600)
        downgrade._make_target_file = make
        downgrade._target_shape(None, None)
        """,
        env={"TMPDIR": str(temp)},
    )
    [left] = list(temp.iterdir())
    assert left.name.startswith(f"escola-alvo-{pid}-")
    alive = temp / f"escola-alvo-{os.getpid()}-abc123"  # a downgrade running now, in this process
    alive.mkdir()
    unrelated = temp / "escola-alvo-sem-pid"
    unrelated.mkdir()

    removed = leftovers.clean_after_crash(head_db, temp=temp)

    assert removed == [left] and not left.exists()
    assert alive.exists() and unrelated.exists()


def test_an_export_killed_half_way_leaves_a_partial_which_the_next_launch_removes(
    head_db: Path, tmp_path: Path
) -> None:
    pen_drive = tmp_path / "pendrive"
    pen_drive.mkdir()
    mine = pen_drive / ".minha.parcial"  # the user's own file with a look-alike name
    mine.write_text("meu")
    _half_way(
        tmp_path,
        """\
        import sys, time
        from pathlib import Path
        from escola_gui.core.planilhas import write_table

        def rows():
            yield ["Ana"]
            print("half-way", flush=True)
            time.sleep(600)
        write_table(Path(sys.argv[1]), ["nome"], rows())
        """,
        str(pen_drive / "alunos.csv"),
    )
    [left] = [p for p in pen_drive.iterdir() if p != mine]
    assert left.name.startswith(".alunos.csv.") and left.name.endswith(".parcial")

    removed = leftovers.clean_after_crash(head_db)

    assert removed == [left]
    assert sorted(pen_drive.iterdir()) == [mine]
    assert leftovers.stale_exports() == [], "the note went with it"


def test_an_export_in_progress_in_a_live_process_is_left_alone(head_db: Path, tmp_path: Path) -> None:
    partial = tmp_path / ".alunos.csv.abc.parcial"
    partial.write_text("nome\n")
    with leftovers.noted_while_written(partial):
        assert leftovers.clean_after_crash(head_db) == []
        assert partial.exists()
    assert leftovers.stale_exports() == []


def test_pid_alive_tells_a_dead_process() -> None:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=60)
    assert leftovers.pid_alive(os.getpid())
    assert not leftovers.pid_alive(process.pid)


def test_a_classification_killed_half_way_leaves_its_private_copy_which_the_next_launch_removes(
    head_db: Path, tmp_path: Path
) -> None:
    # The copy of a crashed file rolled back to be classified holds the children's data.
    temp = tmp_path / "temp"
    temp.mkdir()
    head_db.with_name(head_db.name + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))
    pid = _half_way(
        tmp_path,
        """\
        import sys, time
        from pathlib import Path
        from escola_gui.storage.file import journal

        def classify(_copy):
            print("half-way", flush=True)
            time.sleep(600)
        journal.classify_rolled_back(Path(sys.argv[1]), classify)
        """,
        str(head_db),
        env={"TMPDIR": str(temp)},
    )
    [left] = list(temp.iterdir())
    assert left.name.startswith(f"escola-diario-{pid}-") and (left / head_db.name).exists()

    removed = leftovers.clean_after_crash(head_db, temp=temp)

    assert removed == [left] and not left.exists()


def test_a_crash_copy_killed_half_way_is_removed_and_whole_copies_are_kept(head_db: Path) -> None:
    folder = head_db.parent / "backups"
    folder.mkdir()
    partial = folder / f"{head_db.name}.interrompido-20261207-101500.parcial"
    partial_journal = folder / f"{head_db.name}.interrompido-20261207-101500-journal.parcial"
    whole = folder / f"{head_db.name}.interrompido-20261207-090000"
    for path in (partial, partial_journal, whole):
        path.write_bytes(b"copia")

    removed = leftovers.clean_after_crash(head_db, temp=head_db.parent / "nenhum")

    assert sorted(removed) == sorted([partial, partial_journal])
    assert whole.exists()
