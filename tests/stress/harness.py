"""kill -9 trials of ``main.py db upgrade`` on a data-filled 0.x file.

    python -m tests.stress.harness --trials 50 --alunos 100000 [--seed S] [--workdir DIR]

Builds a messy legacy file (tests/helpers/legacy.py), times one whole ``db upgrade`` of a
copy (and when its phases begin: the backup, the upgrade transaction), then runs the trials.
Each trial takes a fresh copy of the legacy file, starts ``db upgrade``, sends SIGKILL at a
moment spread over the whole run (start-up and backup included: the moments are stratified
over the measured duration), notes where the kill left the file, relaunches ``db upgrade``
until it exits 0, and checks that the file is CURRENT and holds every legacy value.

The last line is ``K/N trials kept every value``; the exit status is 1 unless K == N.
The suite runs a small form of this (tests/storage/test_crash.py).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from escola_gui.storage.file.launch_check import DatabaseState
from escola_gui.storage.file.upgrade import classify_database
from tests.helpers.legacy import LegacyData, assert_every_value_kept, cursos_for, make_legacy_file

REPO = Path(__file__).resolve().parents[2]
DB_NAME = "escola.sqlite3"
RELAUNCHES = 3  # a relaunch is never killed; more than one needed is already a failure to report
POLL = 0.005


@dataclass
class Timeline:
    """When the phases of a whole run began, in seconds after the process started."""

    duration: float
    backup_started: float | None = None  # a ``.parcial`` copy appeared in backups/
    backup_done: float | None = None  # the verified backup got its final name
    transaction: float | None = None  # the rollback journal of the upgrade appeared

    def describe(self) -> str:
        def at(t: float | None) -> str:
            return "not seen" if t is None else f"{t:.2f}s"

        return (
            f"whole run {self.duration:.2f}s; backup from {at(self.backup_started)}, "
            f"done at {at(self.backup_done)}; upgrade transaction from {at(self.transaction)}"
        )


@dataclass
class Trial:
    number: int
    kill_at: float
    fraction: float = 0.0  # kill_at as a fraction of the run's expected duration
    whole_run: float | None = None  # how long the relaunch took, when it upgraded from 0.x
    landed: bool = False  # the process was still running when SIGKILL was sent
    phase: str = ""  # where the kill left the file, seen before anything touched it
    state_after_kill: str = ""
    relaunches: int = 0
    seconds: float = 0.0
    error: str = ""

    @property
    def kept(self) -> bool:
        return not self.error

    def line(self) -> str:
        result = "kept every value" if self.kept else f"FAILED: {self.error}"
        landed = "landed" if self.landed else "missed (run already over)"
        return (
            f"trial {self.number:3d}: kill at {self.kill_at:6.3f}s ({self.fraction:4.0%} of the run), {landed}; "
            f"file after kill: "
            f"{self.state_after_kill} ({self.phase}); relaunches {self.relaunches}; "
            f"{self.seconds:.1f}s; {result}"
        )


@dataclass
class Report:
    trials: list[Trial] = field(default_factory=list)
    timeline: Timeline | None = None

    @property
    def kept(self) -> int:
        return sum(t.kept for t in self.trials)

    @property
    def landed(self) -> int:
        return sum(t.landed for t in self.trials)

    def final_line(self) -> str:
        return f"{self.kept}/{len(self.trials)} trials kept every value"


def _environment(workdir: Path) -> dict[str, str]:
    """The child's log and settings go to the work folder, never the user's own."""
    home = workdir / "home"
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    env.pop("ESCOLA_DB", None)
    return env


def _start_upgrade(path: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "db", "upgrade", "--database", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=path.parent,
        env=env,
    )


def _backups(path: Path) -> Path:
    return path.parent / "backups"


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _sha256_rolled_back(path: Path, scratch: Path) -> str:
    """The file's digest as it is once its hot journal (if any) is rolled back, found on a copy
    of the pair: the file itself and its journal are left as the kill left them."""
    journal = _journal(path)
    if not (journal.exists() and journal.stat().st_size > 0):
        return _sha256(path)
    scratch.mkdir()
    copy = scratch / path.name
    shutil.copyfile(path, copy)
    shutil.copyfile(journal, _journal(copy))
    conn = sqlite3.connect(copy)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read rolls it back
    finally:
        conn.close()
    try:
        return _sha256(copy)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def measure(legacy: Path, workdir: Path, env: dict[str, str]) -> Timeline:
    """One whole ``db upgrade`` of a copy, watched closely enough to see its phases begin."""
    folder = workdir / "probe"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / DB_NAME
    shutil.copyfile(legacy, path)
    backups = _backups(path)
    started = time.monotonic()
    process = _start_upgrade(path, env)
    timeline = Timeline(duration=0.0)
    while process.poll() is None:
        now = time.monotonic() - started
        if backups.is_dir():
            names = [p.name for p in backups.iterdir()]
            if timeline.backup_started is None and any(n.endswith(".parcial") for n in names):
                timeline.backup_started = now
            if timeline.backup_done is None and any(n.endswith(".sqlite3") for n in names):
                timeline.backup_done = now
        if timeline.transaction is None and _journal(path).exists():
            timeline.transaction = now
        time.sleep(POLL)
    timeline.duration = time.monotonic() - started
    _, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"the measured run failed ({process.returncode}): {stderr.decode(errors='replace')}")
    shutil.rmtree(folder, ignore_errors=True)
    return timeline


def _phase_after_kill(path: Path) -> str:
    """Where the kill left the run, read from the files it leaves behind (before any
    reader rolls back a journal)."""
    backups = _backups(path)
    names = [p.name for p in backups.iterdir()] if backups.is_dir() else []
    journal = _journal(path)
    if journal.exists() and journal.stat().st_size > 0:
        return "inside the upgrade transaction: hot journal"
    if any(n.endswith(".parcial") for n in names):
        return "during the backup"
    if any(n.endswith(".sqlite3") for n in names):
        return "after the backup"
    return "before the backup"


def run_trial(
    number: int,
    fraction: float,
    kill_at: float,
    legacy: Path,
    legacy_sha: str,
    data: LegacyData,
    workdir: Path,
    env: dict[str, str],
) -> Trial:
    trial = Trial(number, kill_at, fraction)
    began = time.monotonic()
    folder = workdir / f"trial-{number:03d}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / DB_NAME
    shutil.copyfile(legacy, path)
    try:
        process = _start_upgrade(path, env)
        started = time.monotonic()
        time.sleep(max(0.0, kill_at - (time.monotonic() - started)))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            trial.landed = True
        process.communicate(timeout=600)
        if trial.landed and process.returncode != -signal.SIGKILL:
            trial.landed = False  # it ended on its own in the instant before the signal
        trial.phase = _phase_after_kill(path) if trial.landed else "run over"
        # Classifying only reads: a hot journal is rolled back on a private copy to see what the
        # next launch will find (the launch applies it, after copies of both files).
        state = classify_database(path).state
        trial.state_after_kill = {DatabaseState.LEGACY: "legacy", DatabaseState.CURRENT: "current"}.get(
            state, str(state)
        )
        if state is DatabaseState.LEGACY:
            if _sha256_rolled_back(path, folder / "rolled-back") != legacy_sha:
                raise AssertionError("the file classifies as legacy but is not byte for byte the original")
            trial.state_after_kill = "untouched legacy"
        elif state is DatabaseState.CURRENT:
            if trial.landed:
                trial.phase = "after the commit"
        else:
            raise AssertionError(f"after the kill the file classifies as {state}")
        while True:
            trial.relaunches += 1
            relaunched = time.monotonic()
            relaunch = _start_upgrade(path, env)
            _, stderr = relaunch.communicate(timeout=600)
            if relaunch.returncode == 0:
                if state is DatabaseState.LEGACY:
                    trial.whole_run = time.monotonic() - relaunched
                break
            if trial.relaunches >= RELAUNCHES:
                message = stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
                raise AssertionError(f"db upgrade exited {relaunch.returncode} {trial.relaunches} times: {message[0]}")
        state = classify_database(path).state
        if state is not DatabaseState.CURRENT:
            raise AssertionError(f"after the relaunch the file classifies as {state}")
        leftovers = sorted(p.name for p in _backups(path).iterdir() if p.name.endswith(".parcial"))
        if leftovers:
            raise AssertionError(f"a partial backup was left behind: {leftovers}")
        assert_every_value_kept(data, path)
    except Exception as exc:  # a failed trial is reported, and the others still run
        # A bare assert says nothing by itself: then the line of the check that failed.
        detail = str(exc) or traceback.format_exc(limit=-1).strip().replace("\n", " | ")
        trial.error = f"{type(exc).__name__}: {detail}"
    trial.seconds = time.monotonic() - began
    if trial.kept:
        shutil.rmtree(folder, ignore_errors=True)  # a failed trial's files stay for a look
    return trial


def kill_fractions(trials: int, rng: random.Random) -> list[float]:
    """One moment in each of ``trials`` equal slices of the run, as fractions of it, in
    random order: spread over the whole run, from the first instant of start-up to its last."""
    fractions = [(i + rng.random()) / trials for i in range(trials)]
    rng.shuffle(fractions)
    return fractions


def run(
    *,
    trials: int,
    alunos: int,
    seed: int,
    workdir: Path,
    out: Callable[[str], None] = print,
) -> Report:
    workdir.mkdir(parents=True, exist_ok=True)
    env = _environment(workdir)
    legacy = workdir / "legacy" / DB_NAME
    shutil.rmtree(legacy.parent, ignore_errors=True)
    legacy.parent.mkdir(parents=True)
    began = time.monotonic()
    data = make_legacy_file(legacy, alunos=alunos, cursos=cursos_for(alunos), seed=seed)
    out(
        f"legacy file: {len(data.alunos)} alunos, {len(data.cursos)} cursos, {len(data.matriculas)} matrículas, "
        f"{legacy.stat().st_size / 1e6:.1f} MB, made in {time.monotonic() - began:.1f}s"
    )
    legacy_sha = _sha256(legacy)
    report = Report()
    report.timeline = measure(legacy, workdir, env)
    out(f"measured: {report.timeline.describe()}")
    rng = random.Random(seed)
    # The machine's load changes during a long run, and so does the length of a run: each
    # relaunch that upgrades the whole 0.x file is a fresh measurement (the last three count).
    durations = [report.timeline.duration]
    for number, fraction in enumerate(kill_fractions(trials, rng), start=1):
        expected = sum(durations[-3:]) / len(durations[-3:])
        trial = run_trial(number, fraction, fraction * expected, legacy, legacy_sha, data, workdir, env)
        report.trials.append(trial)
        out(trial.line())
        if trial.whole_run is not None:
            durations.append(trial.whole_run)
    phases: dict[str, int] = {}
    for trial in report.trials:
        if trial.landed:
            phases[trial.phase] = phases.get(trial.phase, 0) + 1
    out(
        f"{report.landed}/{len(report.trials)} kills landed inside the run: "
        + ", ".join(f"{count} {phase}" for phase, count in sorted(phases.items()))
    )
    out(report.final_line())
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.stress.harness", description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--alunos", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=None, help="random by default; printed, to repeat a run")
    parser.add_argument("--workdir", type=Path, default=None, help="kept afterwards (a temporary folder otherwise)")
    args = parser.parse_args(argv)
    # the relaunch warns (on stderr, with no handler set) of each journal it applies:
    # here that is expected, and the trial lines say it.
    logging.getLogger("escola_gui").setLevel(logging.ERROR)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 32)
    print(f"seed {seed}", flush=True)

    def out(line: str) -> None:
        print(line, flush=True)

    if args.workdir is not None:
        report = run(trials=args.trials, alunos=args.alunos, seed=seed, workdir=args.workdir, out=out)
    else:
        with tempfile.TemporaryDirectory(prefix="escola-stress-") as tmp:
            report = run(trials=args.trials, alunos=args.alunos, seed=seed, workdir=Path(tmp), out=out)
    return 0 if report.kept == len(report.trials) else 1


if __name__ == "__main__":
    sys.exit(main())
