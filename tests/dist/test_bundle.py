"""The frozen build of `make dist`, run as a user runs it: `make dist-test` builds it, then these
tests drive dist/escola/escola (not Python) and check what it did to the files.

Every file an earlier Escola left, filled with data, is upgraded by the bundle: a messy 0.x file
and one at each revision before the head. The result must hold every value (the same checks as
the upgrade tests) and be the very file that the upgrade from the checkout makes.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database, upgrade_to_head
from tests.fixtures.releases.make_fixture import fixture_path
from tests.helpers.legacy import LegacyData, assert_every_value_kept, make_legacy_file
from tests.helpers.revisions import AFTER_BASELINE, ALL, HEAD, after
from tests.storage.test_release_fixtures import SHIPPED, assert_release_file_upgraded
from tests.storage.test_school_year_revisions import (
    SORT_KEY_COLUMNS,
    _alembic,
    _assert_clean,
    _assert_sort_keys,
    _assert_sound,
    _filled_at,
    _foundation_file,
    _rows,
    _snapshot,
)

pytestmark = pytest.mark.dist

REPO = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("ESCOLA_BUNDLE", REPO / "dist" / "escola" / "escola"))
# Written by the app at each upgrade, not by the revisions: they differ between two runs.
RUN_DEPENDENT = {"metadados"}
# The time a revision recorded what it resolved (registro_migracao): the clock's, at each run.
WHEN_RECORDED = "criado_em"


def _timeless(content: tuple[tuple[str, ...], list[tuple]]) -> tuple[tuple[str, ...], list[tuple]]:
    columns, rows = content
    keep = [i for i, column in enumerate(columns) if column != WHEN_RECORDED]
    return tuple(columns[i] for i in keep), [tuple(row[i] for i in keep) for row in rows]


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not os.access(BUNDLE, os.X_OK):
        pytest.fail(f"no bundle at {BUNDLE}: build it with `make dist` (make dist-test does)")
    return BUNDLE


def _env(home: Path) -> dict[str, str]:
    """A bare environment: no virtualenv, no PYTHONPATH, nothing of the checkout."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "LANG": "C.UTF-8",
    }


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=_env(cwd / "home"), capture_output=True, text=True, timeout=300)


def _earlier(path: Path, revision: str) -> LegacyData | None:
    """A data-filled file at ``revision`` ("0.x": the prototype's file, no revision at all),
    made by the helpers of tests/storage; the 0.x data when the later checks can follow it."""
    if revision == "0.x":
        return make_legacy_file(path, alunos=150)
    if revision <= "0006":
        data = make_legacy_file(path, alunos=150)
        _alembic(path, "upgrade", revision, stamp="0001")
        return data
    if revision <= "0008":
        _foundation_file(path, revision)
    else:
        _filled_at(path, revision)
    return None


@pytest.mark.parametrize("revision", ["0.x", *ALL[:-1]])
def test_the_bundle_upgrades_an_earlier_file_keeping_every_value(bundle: Path, tmp_path: Path, revision: str) -> None:
    # Given a data-filled file of an earlier Escola, and its twin
    path = tmp_path / "escola.sqlite3"
    data = _earlier(path, revision)
    before = _snapshot(path)
    twin = tmp_path / "twin" / "escola.sqlite3"
    twin.parent.mkdir()
    shutil.copy2(path, twin)

    # When the bundle upgrades it, from a folder that is not the checkout
    done = _run([str(bundle), "db", "upgrade", "--database", str(path)], tmp_path)

    # Then it says so, revision by revision, with the backup it made first
    assert done.returncode == 0, done.stderr
    assert f"Arquivo atualizado para a revisão {HEAD}." in done.stdout
    applied = re.findall(r"^Aplicando revisão \d+ de \d+ \((\d{4})\)", done.stderr, re.MULTILINE)
    assert applied == (AFTER_BASELINE if revision == "0.x" else after(revision))
    [backup] = re.findall(r"^Cópia de segurança: (.+)$", done.stdout, re.MULTILINE)
    assert _snapshot(Path(backup)) == before
    c = classify_database(path)
    assert (c.state, c.revision) == (DatabaseState.CURRENT, HEAD)
    _assert_sound(path)
    _assert_clean(path)

    # And every value is there: the 0.x data, checked value by value...
    if data is not None:
        assert_every_value_kept(data, path)
    else:  # ...or every row of every table the file had, column by column
        upgraded = _snapshot(path)
        for table, (columns, rows) in before.items():
            if table == "alembic_version":
                assert upgraded[table][1] == [(HEAD,)]
            elif table == "registro_migracao":  # later revisions add what they resolved (0013: each turma's etapa)
                assert _rows(path, table, columns)[: len(rows)] == rows, table
                assert upgraded[table][0][: len(columns)] == columns, table
            elif table not in RUN_DEPENDENT:
                assert _rows(path, table, columns) == rows, table
                assert upgraded[table][0][: len(columns)] == columns, table
        assert set(upgraded["alunos"][0]) >= set(SORT_KEY_COLUMNS)
        _assert_sort_keys(path)

    # And it is the file the checkout's upgrade makes of the same file
    upgrade_to_head(twin)
    ours, theirs = _snapshot(path), _snapshot(twin)
    assert set(ours) == set(theirs)
    for table in ours:
        if table not in RUN_DEPENDENT:
            assert _timeless(ours[table]) == _timeless(theirs[table]), table


@pytest.mark.parametrize("release", SHIPPED, ids=[r.version for r in SHIPPED])
def test_the_bundle_upgrades_each_release_file(bundle: Path, tmp_path: Path, release) -> None:
    """Installing this bundle over any shipped release: that release's own file
    (tests/fixtures/releases/) is upgraded by the bundle and every row is there."""
    original = fixture_path(release.version)
    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(original, path)
    done = _run([str(bundle), "db", "upgrade", "--database", str(path)], tmp_path)
    assert done.returncode == 0, done.stderr
    if release.revision != HEAD:
        assert f"Arquivo atualizado para a revisão {HEAD}." in done.stdout
    assert_release_file_upgraded(release, original, path)
    shown = _run([str(bundle), "db", "status", "--database", str(path)], tmp_path)
    assert shown.returncode == 0 and "current" in shown.stdout, shown.stdout + shown.stderr


@pytest.mark.parametrize("release", SHIPPED, ids=[r.version for r in SHIPPED])
def test_the_bundle_window_shows_the_alunos_of_each_upgraded_release_file(
    bundle: Path, tmp_path: Path, release
) -> None:
    """Installed over a release: its file upgraded by the bundle opens in the bundle's window,
    whose Alunos list shows them (the log says how many rows the list holds once painted)."""
    path = tmp_path / "escola.sqlite3"
    shutil.copyfile(fixture_path(release.version), path)
    assert _run([str(bundle), "db", "upgrade", "--database", str(path)], tmp_path).returncode == 0
    conn = sqlite3.connect(path)
    alunos = conn.execute("SELECT count(*) FROM alunos").fetchone()[0]
    conn.close()
    env = {**_env(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    log = tmp_path / "home" / "state" / "escola" / "log" / "escola.log"
    window = subprocess.Popen([str(bundle), "--database", str(path)], cwd=tmp_path, env=env)
    try:
        deadline = time.monotonic() + 120
        opened: list[str] = []
        while not opened and time.monotonic() < deadline and window.poll() is None:
            time.sleep(0.2)
            text = log.read_text(encoding="utf-8") if log.exists() else ""
            opened = re.findall(r"the Alunos list shows its first (\d+) aluno", text)
        assert window.poll() is None, "the bundle's window closed by itself"
        assert opened, f"no window opened within two minutes; log: {log}"
        assert int(opened[-1]) == min(alunos, 200) and alunos > 0
    finally:
        window.terminate()  # nothing was changed in the window: no backup to wait for
        window.wait(30)


# --- the command line behaves as main.py's ----------------------------------------------------


def _same_output(text: str, folder: Path) -> str:
    return text.replace(str(folder), "<DIR>")


# The commands, and the exit code each gives: run one after another in the same folder.
COMMANDS = [
    ["--version"],
    ["db", "status", "--database", "novo.sqlite3"],
    ["db", "upgrade", "--database", "novo.sqlite3"],
    ["db", "status", "--database", "novo.sqlite3"],
    ["db", "check", "--database", "novo.sqlite3"],
    ["db", "backups", "--database", "novo.sqlite3"],
    ["db", "upgrade", "--database", "lixo.sqlite3"],
    ["db", "status", "--database", "lixo.sqlite3"],
    ["db", "frobnicate"],
    ["demo", "--alunos", "25", "--database", "demo.sqlite3"],
    ["export", "alunos", "alunos.xlsx", "--database", "demo.sqlite3"],
    ["export", "alunos", "alunos.csv", "--database", "demo.sqlite3"],
    ["import", "alunos", "alunos.xlsx", "--database", "novo.sqlite3"],
    ["boletim", "--turma", "1", "--out", "boletins", "--database", "demo.sqlite3"],
    ["boletim", "--aluno", "999999", "--out", "b.pdf", "--database", "demo.sqlite3"],
]


def test_the_command_line_behaves_as_main_py(bundle: Path, tmp_path: Path) -> None:
    """The same commands, one after another, in two folders: one run by main.py, one by the bundle."""
    runs = {}
    for name, command in (("python", [sys.executable, str(REPO / "main.py")]), ("bundle", [str(bundle)])):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "lixo.sqlite3").write_bytes(b"not a database, " * 512)
        runs[name] = []
        for args in COMMANDS:
            done = _run([*command, *args], folder)
            out = _same_output(done.stdout, folder)
            err = _same_output(done.stderr, folder)
            runs[name].append((args, done.returncode, out, err))
        assert (folder / "alunos.xlsx").stat().st_size > 0
        assert len(list((folder / "boletins").glob("*.pdf"))) > 1
    assert [rc for _args, rc, _out, _err in runs["bundle"]] == [0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 0, 0, 0, 0, 1]
    for (args, *python), (_, *frozen) in zip(runs["python"], runs["bundle"], strict=True):
        assert frozen == python, args


def test_the_bundle_carries_qts_own_portuguese_texts(bundle: Path) -> None:
    """Qt's file, message and print dialogs speak Portuguese in the frozen build too: escola.spec
    drops Qt's other languages but keeps its pt_BR catalogue, which language.install() loads."""
    found = {path.name for path in bundle.parent.rglob("qtbase_*.qm")}
    assert "qtbase_pt_BR.qm" in found, found
