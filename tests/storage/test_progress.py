"""All revisions run in one Alembic command; the progress window still hears of each one before it runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from escola_gui.storage.migrations import Step, UpgradeFailedError, migrations_dir
from tests.helpers.legacy import make_legacy_file
from tests.helpers.revisions import AFTER_BASELINE


def test_each_revision_is_announced_once_in_order_and_recorded_as_applied(tmp_path: Path) -> None:
    path = tmp_path / "escola.sqlite3"
    make_legacy_file(path, alunos=40)
    heard: list[Step] = []

    result = upgrade_to_head(path, heard.append)

    assert [s.revision for s in heard] == AFTER_BASELINE
    assert [s.number for s in heard] == list(range(1, len(AFTER_BASELINE) + 1))
    assert {s.total for s in heard} == {len(AFTER_BASELINE)}
    assert result.applied == AFTER_BASELINE


def test_a_failing_revision_was_announced_and_the_next_never_was(tmp_path: Path) -> None:
    copy = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    failing = AFTER_BASELINE[len(AFTER_BASELINE) // 2]
    (revision,) = (copy / "versions").glob(f"{failing}_*.py")
    source = revision.read_text(encoding="utf-8")
    source = source.replace(
        "\ndef upgrade() -> None:\n", '\ndef upgrade() -> None:\n    raise RuntimeError("falha")\n', 1
    )
    revision.write_text(source, encoding="utf-8")
    path = tmp_path / "escola.sqlite3"
    make_legacy_file(path, alunos=40)
    heard: list[str] = []

    with pytest.raises(UpgradeFailedError):
        upgrade_to_head(path, lambda step: heard.append(step.revision), script_location=copy)

    assert heard == AFTER_BASELINE[: AFTER_BASELINE.index(failing) + 1]
    assert classify_database(path).state is DatabaseState.LEGACY
