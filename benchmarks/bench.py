"""``make bench``: the issue-5 measures, each against its reference in the same run.

    python -m benchmarks.bench [--quick] [--runs N] [--only GROUP ...] [--fixtures DIR] [--out DIR] [--profile]

Every measure alternates its runs with those of its reference (measured, reference,
reference, measured, ...) so that a machine that gets busier halfway hurts both alike; each
is reported as the median and the min–max spread of its runs. Prints one table and writes
``results.json`` and ``RESULTS.md`` to ``--out`` (default: this folder). ``--quick`` uses tiny
fixtures (the smoke test in ``make test``); its figures mean nothing.

Only public entry points are used, so that the code under measure can change underneath:
``main.py`` subcommands and ``escola_gui.cli.main`` (launch, upgrade), the ``alembic`` CLI,
``MainWindow`` with ``Services`` and the Alunos ``RecordTab`` search field and table (search,
scroll), ``escola_gui.core.relatorios`` with ``escola_gui.gui.printing`` (boletins) and
``escola_gui.core.importacao`` (import).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from benchmarks import fixtures
from benchmarks.floor import floor_sql

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIELDS = ("measure", "value", "unit", "reference", "ratio", "goal", "met")
SEARCH_TERMS = ("ana", "souza", "1700", "mar")  # typed key by key; ASCII only (QTest key clicks)
QUICK_SEARCH_TERMS = ("ana",)
CHILD_TIMEOUT = 600
# --only: launch (launch_to_first_rows, rss_list_open), upgrade (both upgrade ratios), search (search and scroll),
# rematricula (closing a year of 2 000 alunos, and rolling it over with its preview).
GROUPS = ("launch", "upgrade", "search", "boletins", "import", "rematricula")


@dataclass
class Measure:
    measure: str
    unit: str
    goal: str
    values: list[float]
    references: list[float]
    reference_name: str
    check: Callable[[float, float], bool | None]
    notes: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def value(self) -> float:
        return statistics.median(self.values)

    @property
    def reference(self) -> float:
        return statistics.median(self.references)

    @property
    def ratio(self) -> float | None:
        return round(self.value / self.reference, 2) if self.reference else None

    def row(self) -> dict:
        return {
            "measure": self.measure,
            "value": float(f"{self.value:.4g}"),  # four significant digits: a quick run's ms stay readable
            "unit": self.unit,
            "reference": float(f"{self.reference:.4g}"),
            "ratio": self.ratio,
            "goal": self.goal,
            "met": self.check(self.value, self.reference),
        }

    def spread(self, values: list[float]) -> str:
        return f"{min(values):.{_digits(self.unit)}f}–{max(values):.{_digits(self.unit)}f}"


def _digits(unit: str) -> int:
    return 0 if unit in ("ms", "MB") else 2


def log(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def alternate(runs: int, measured: Callable[[], float], reference: Callable[[], float]) -> tuple[list, list]:
    """Run both ``runs`` times, alternating which goes first (ABBA...)."""
    a: list[float] = []
    b: list[float] = []
    for i in range(runs):
        if i % 2 == 0:
            a.append(measured())
            b.append(reference())
        else:
            b.append(reference())
            a.append(measured())
    return a, b


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


# --- launch and RSS: child processes -------------------------------------------------------


class Child:
    """One ``benchmarks.child`` process: seconds from spawn to first rows painted, RSS at READY."""

    def __init__(self, args: list[str], folder: Path, profile: Path | None = None) -> None:
        self.args, self.folder, self.profile = args, folder, profile

    def run(self) -> tuple[float, float]:
        import psutil

        env = fixtures.child_env(self.folder)
        if self.profile is not None:
            env["BENCH_PROFILE"] = str(self.profile)
        with tempfile.TemporaryFile("w+") as err:
            start = time.time()
            proc = subprocess.Popen(
                [sys.executable, "-m", "benchmarks.child", *self.args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                env=env,
                cwd=REPO,
            )
            try:
                line = proc.stdout.readline()
                if not line.startswith("PAINTED"):
                    proc.wait(timeout=CHILD_TIMEOUT)
                    err.seek(0)
                    raise RuntimeError(f"{self.args} never painted (exit {proc.returncode}): {err.read()[-2000:]}")
                seconds = float(line.split()[1]) - start
                if proc.stdout.readline().strip() != "READY":
                    raise RuntimeError(f"{self.args} did not get READY")
                rss = psutil.Process(proc.pid).memory_info().rss / 2**20
                proc.stdin.write("\n")
                proc.stdin.close()
                proc.wait(timeout=60)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        return seconds, rss


def known_clean(big: Path, clean: bool) -> None:
    """Put ``big`` in the state Escola leaves it in when it closes it cleanly (``clean``: the
    known-clean marker recorded after a passing ``quick_check``, so the next launch skips it),
    or in the state of a file Escola never closed (a copy, a crash: the launch checks every page).
    The children leave with ``os._exit`` and never record the marker themselves."""
    from escola_gui.storage.file import launch_check
    from escola_gui.storage.file.lock import DatabaseLock

    launch_check.marker_path(big).unlink(missing_ok=True)
    if clean:
        # The lock as a clean close leaves it (no pid in it): the children leave with os._exit,
        # like a killed run, and the next launch would log that it took the lock over.
        lock = DatabaseLock(big)
        lock.acquire()
        lock.release()
        if launch_check.quick_classify(big) is None:
            raise RuntimeError(f"{big} is not an up-to-date, sound Escola file")
        launch_check.record_clean_close(big)
        if not launch_check.marker_path(big).exists():
            raise RuntimeError(f"the known-clean marker of {big} could not be written")


def measure_launch(big: Path, folder: Path, runs: int) -> list[Measure]:
    rss: dict[str, list[float]] = {"escola": [], "bare": []}

    def timed(kind: str, args: list[str], clean: bool | None = None) -> Callable[[], float]:
        def run() -> float:
            if clean is not None:
                known_clean(big, clean)
            seconds, mb = Child(args, folder).run()
            if kind in rss:
                rss[kind].append(mb)
            return seconds * 1000

        return run

    log(f"launch: {runs} runs of Escola on {big.name} and of a bare QMainWindow, alternating")
    # One untimed launch of each first: the bytecode is written and the files are in the OS cache.
    known_clean(big, True)
    Child(["escola", str(big)], folder).run()
    Child(["bare"], folder).run()
    escola, bare = alternate(runs, timed("escola", ["escola", str(big)], True), timed("bare", ["bare"]))
    log(f"launch: {runs} runs of Escola on {big.name} never closed cleanly (full quick_check), alternating")
    checked, bare_checked = alternate(
        runs, timed("checked", ["escola", str(big)], False), timed("bare_checked", ["bare"])
    )
    known_clean(big, False)  # the shared fixture is left without a marker, as it was built
    return [
        Measure(
            "launch_to_first_rows",
            "ms",
            "≤ 1.5×",
            escola,
            bare,
            "bare PySide6 QMainWindow process (QTableWidget, 30 rows)",
            lambda v, r: v <= 1.5 * r,
            notes=f"process spawn to the first paint of the Alunos table with rows, up-to-date {big.name} "
            "that Escola closed cleanly last time (its known-clean marker lets the launch skip quick_check)",
        ),
        Measure(
            "launch_to_first_rows_full_check",
            "ms",
            "≤ 2.5×",
            checked,
            bare_checked,
            "bare PySide6 QMainWindow process (QTableWidget, 30 rows)",
            lambda v, r: v <= 2.5 * r,
            notes=f"the same on {big.name} without the known-clean marker (copied, restored, crashed, or "
            "last checked over a week ago): PRAGMA quick_check reads every page in a thread while the list "
            "shows read-only, edits refused until it passes",
        ),
        Measure(
            "rss_list_open",
            "MB",
            "≤ +150 MB",
            rss["escola"],
            rss["bare"],
            "bare PySide6 QMainWindow process",
            lambda v, r: v - r <= 150,
            notes="RSS (psutil) 0.5 s after the first rows were painted",
        ),
    ]


# --- upgrade --------------------------------------------------------------------------------


def _alembic_command() -> list[str]:
    script = Path(sys.executable).with_name("alembic")
    return [str(script)] if script.exists() else [sys.executable, "-m", "alembic"]


def measure_upgrade(legacy: Path, folder: Path, work: Path, runs: int) -> list[Measure]:
    sql_path = work / "floor.sql"
    sql_path.write_text(floor_sql(fixtures.head_schema_sql(folder), *fixtures.head_facts(folder)), encoding="utf-8")
    sqlite_cli = shutil.which("sqlite3")

    def copy(name: str) -> Path:
        target = work / name
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        shutil.copyfile(legacy, target / "escola.sqlite3")
        return target / "escola.sqlite3"

    def run(cmd: list[str], *, env: dict | None = None, stdin: Path | None = None) -> float:
        with tempfile.TemporaryFile("w+") as err, open(stdin or os.devnull) as inp:
            start = time.perf_counter()
            done = subprocess.run(cmd, cwd=REPO, env=env, stdin=inp, stdout=subprocess.DEVNULL, stderr=err)
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                err.seek(0)
                raise RuntimeError(f"{cmd} failed ({done.returncode}): {err.read()[-2000:]}")
        return seconds

    def escola() -> float:
        path = copy("db-upgrade")
        env = fixtures.child_env(folder)
        return run([sys.executable, str(REPO / "main.py"), "db", "upgrade", "--database", str(path)], env=env)

    def alembic() -> float:
        path = copy("alembic")
        env = fixtures.child_env(folder)
        env["ESCOLA_DB"] = str(path)
        # A 0.x file has no alembic_version: stamp the baseline first (untimed), as Escola does.
        run([*_alembic_command(), "stamp", "0001"], env=env)
        return run([*_alembic_command(), "upgrade", "head"], env=env)

    def floor() -> float:
        path = copy("sql")
        if sqlite_cli:
            return run([sqlite_cli, str(path)], stdin=sql_path)
        script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read())"
        sql = work / "floor-python.sql"
        sql.write_text("\n".join(x for x in sql_path.read_text().splitlines() if not x.startswith(".")))
        return run([sys.executable, "-c", script, str(path), str(sql)])

    from escola_gui.storage.file.launch_check import DatabaseState
    from escola_gui.storage.file.upgrade import classify_database

    log(f"upgrade: {runs} runs each of db upgrade, alembic upgrade head and the floor SQL on copies of {legacy.name}")
    values: dict[str, list[float]] = {"escola": [], "alembic": [], "floor": []}
    order = [("escola", escola), ("alembic", alembic), ("floor", floor)]
    for i in range(runs):
        for name, fn in order if i % 2 == 0 else order[::-1]:
            values[name].append(fn())
    for name in ("db-upgrade", "alembic", "sql"):
        state = classify_database(work / name / "escola.sqlite3").state
        if state is not DatabaseState.CURRENT:
            raise RuntimeError(f"the {name} copy ended {state.value}, not current")
    with sqlite3.connect(legacy) as conn:
        alunos = conn.execute("SELECT count(*) FROM alunos").fetchone()[0]
        matriculas = conn.execute("SELECT count(*) FROM matriculas").fetchone()[0]
    what = f"{legacy.name}: {alunos} alunos, {matriculas} matrículas"
    floor_name = "sqlite3 CLI" if sqlite_cli else "python sqlite3 executescript (no sqlite3 CLI found)"
    return [
        Measure(
            "upgrade_vs_alembic",
            "s",
            "≤ 1.5×",
            values["escola"],
            values["alembic"],
            "plain `alembic upgrade head` on another copy (after an untimed `alembic stamp 0001`)",
            lambda v, r: v <= 1.5 * r,
            notes=f"`main.py db upgrade` (backup, migrate, validate), {what}",
        ),
        Measure(
            "upgrade_vs_sql_floor",
            "s",
            "report",
            values["escola"],
            values["floor"],
            f"{floor_name} running benchmarks/floor.py's SQL",
            lambda v, r: None,
            notes=f"same `db upgrade` runs; the floor omits what benchmarks/floor.py lists, {what}",
        ),
    ]


# --- in-process GUI measures ----------------------------------------------------------------


def qt_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0]])


class OpenWindow:
    """A MainWindow on ``path`` (as the launcher builds it), shown on the Alunos page."""

    def __init__(self, path: Path, folder: Path) -> None:
        from escola_gui import __version__
        from escola_gui.core import db
        from escola_gui.core.database_info import DatabaseInfo
        from escola_gui.core.services import Services
        from escola_gui.gui.main_window import MainWindow

        self.app = qt_app()
        self.engine = db.create_app_engine(path)
        head = fixtures.head_facts(folder)[0]
        info = DatabaseInfo(path=path, revision=head, app_version=__version__, log_path=folder / "bench.log")
        self.window = MainWindow(Services.for_engine(self.engine), info)
        self.window.show()
        self.tab = self.window.alunos_tab
        self.view = self.tab.table
        self.changes = 0
        self._check: Callable[[], None] | None = None
        self.wait_until(lambda: self.view.model().rowCount() > 0, 600)
        self.settle()

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()
        self.view.viewport().repaint()

    def wait_until(self, condition: Callable[[], bool], timeout: float) -> None:
        """Run the event loop until ``condition`` holds (checked every millisecond and after each change)."""
        from PySide6.QtCore import QEventLoop, QTimer

        if condition():
            return
        deadline = time.perf_counter() + timeout
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(1)

        def check() -> None:
            if condition() or time.perf_counter() > deadline:
                loop.quit()

        timer.timeout.connect(check)
        self._check = check
        timer.start()
        loop.exec()
        timer.stop()
        self._check = None
        if not condition():
            raise RuntimeError("timed out waiting for the Alunos list")

    def _watch_model(self) -> None:
        """Count the model's resets and row changes (connected once per model)."""
        model = self.view.model()
        if getattr(self, "_watched", None) is model:
            return
        self._watched = model
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._on_model_changed)

    def _on_model_changed(self, *_args: object) -> None:
        self.changes += 1
        if self._check is not None:
            self._check()

    def type_and_wait(self, key_text: str, flush: bool) -> float:
        """Seconds from a key press in the search field to the new results painted."""
        from PySide6.QtTest import QTest

        self._watch_model()
        before = self.changes
        start = time.perf_counter()
        QTest.keyClick(self.tab.search, key_text)
        if flush and hasattr(self.tab, "flush_search"):
            self.tab.flush_search()
        self.wait_until(lambda: self.changes > before, 60)
        self.app.processEvents()
        self.view.viewport().repaint()
        return time.perf_counter() - start

    def clear_search(self) -> None:
        if self.tab.search.text():
            self._watch_model()
            before = self.changes
            self.tab.search.clear()
            if hasattr(self.tab, "flush_search"):
                self.tab.flush_search()
            self.wait_until(lambda: self.changes > before, 60)
            self.settle()

    def search_run(self, flush: bool, terms: tuple[str, ...] = SEARCH_TERMS) -> list[float]:
        times = []
        for term in terms:
            self.clear_search()
            for char in term:
                times.append(self.type_and_wait(char, flush) * 1000)
        self.clear_search()
        return times

    def scroll_run(self, max_steps: int | None) -> list[float]:
        """Frame times (ms) of scrolling the list from top to bottom a page at a time."""
        from PySide6.QtCore import QModelIndex

        bar = self.view.verticalScrollBar()
        self.view.scrollToTop()
        self.settle()
        frames = []
        steps = 0
        while True:
            start = time.perf_counter()
            bar.setValue(min(bar.value() + bar.pageStep(), bar.maximum()))
            self.app.processEvents()
            self.view.viewport().repaint()
            frames.append((time.perf_counter() - start) * 1000)
            steps += 1
            model = self.view.model()
            at_end = bar.value() >= bar.maximum() and not model.canFetchMore(QModelIndex())
            if at_end or (max_steps is not None and steps >= max_steps) or steps > 200_000:
                break
        self.view.scrollToTop()
        self.settle()
        return frames

    def close(self) -> None:
        self.window.hide()  # not close(): closing makes the close-time backup
        self.engine.dispose()


def measure_search_and_scroll(big: Path, small: Path, folder: Path, runs: int, quick: bool) -> list[Measure]:
    log(f"search and scroll: {big.name} and {small.name} open in two windows")
    big_window = OpenWindow(big, folder)
    small_window = OpenWindow(small, folder)
    per_key: dict[tuple[str, bool], list[float]] = {}
    per_run: dict[tuple[str, bool], list[float]] = {}

    def search(window: OpenWindow, name: str, flush: bool) -> Callable[[], float]:
        def run() -> float:
            times = window.search_run(flush, QUICK_SEARCH_TERMS if quick else SEARCH_TERMS)
            per_key.setdefault((name, flush), []).extend(times)
            p95 = percentile(times, 0.95)
            per_run.setdefault((name, flush), []).append(p95)
            return p95

        return run

    results = []
    for flush in (False, True):
        log(f"search ({'after the debounce' if flush else 'keystroke'}): {runs} runs")
        alternate(runs, search(big_window, "big", flush), search(small_window, "small", flush))
        m = Measure(
            "search_query_p95" if flush else "search_keystroke_p95",
            "ms",
            "≤ 30 ms",
            per_run[("big", flush)],
            per_run[("small", flush)],
            f"the same keys in the Alunos search of {small.name}",
            lambda v, r: v <= 30,
            notes=(
                "key press to new results painted, the search field's pending delay skipped with flush_search()"
                if flush
                else "key press in the Alunos search field to the new results painted (the field's delay included)"
            ),
        )
        # The value is the p95 over every key of every run; the spread is that of each run's p95.
        m.values_all = per_key[("big", flush)]  # type: ignore[attr-defined]
        m.references_all = per_key[("small", flush)]  # type: ignore[attr-defined]
        m.extra["keys"] = len(per_key[("big", flush)])
        results.append(m)

    frames: dict[str, list[float]] = {"big": [], "small": []}

    def scroll(window: OpenWindow, name: str) -> Callable[[], float]:
        def run() -> float:
            times = window.scroll_run(50 if quick else None)
            frames[name].extend(times)
            return max(times)

        return run

    log(f"scroll: {runs} runs")
    big_max, small_max = alternate(runs, scroll(big_window, "big"), scroll(small_window, "small"))
    m = Measure(
        "scroll_max_frame",
        "ms",
        "≤ 50 ms",
        big_max,
        small_max,
        f"the same scroll of {small.name}'s list",
        lambda v, r: v <= 50,
        notes="Alunos list scrolled a page at a time, top to bottom; each step's setValue + processEvents + repaint",
    )
    m.extra["frames per run"] = len(frames["big"]) // max(runs, 1)
    m.extra["median frame ms"] = round(statistics.median(frames["big"]), 2)
    results.append(m)
    big_window.close()
    small_window.close()
    return results


# --- boletins and import --------------------------------------------------------------------


def measure_boletins(big: Path, work: Path, runs: int, alunos: int) -> Measure:
    from sqlalchemy import text

    from escola_gui.core import db, relatorios
    from escola_gui.gui.printing import render, save_pdf

    qt_app()
    turma_id, count = fixtures.turma_of(big, alunos)
    engine = db.create_app_engine(big)
    with engine.connect() as conn:
        aluno_id = conn.execute(
            text("SELECT aluno_id FROM enturmacoes WHERE turma_id = :t AND data_saida IS NULL ORDER BY id LIMIT 1"),
            {"t": turma_id},
        ).scalar_one()
    out = work / "boletins"
    out.mkdir(parents=True, exist_ok=True)

    def turma() -> float:
        start = time.perf_counter()
        save_pdf(render(relatorios.boletins_da_turma(engine, turma_id)), out / "turma.pdf")
        return time.perf_counter() - start

    def one() -> float:
        start = time.perf_counter()
        save_pdf(render(relatorios.boletim_do_aluno(engine, aluno_id)), out / "aluno.pdf")
        return time.perf_counter() - start

    log(f"boletins: turma {turma_id} ({count} alunos) of {big.name}, {runs} runs")
    values, references = alternate(runs, turma, one)
    engine.dispose()
    return Measure(
        "boletins_turma_pdf",
        "s",
        "≤ 2 s",
        values,
        references,
        "the boletim of one aluno of the same turma to PDF",
        lambda v, r: v <= 2,
        notes=f"relatorios.boletins_da_turma + render + save_pdf, one PDF, a turma of {count} alunos in {big.name}",
    )


def measure_import(csv_path: Path, empty: Path, work: Path, runs: int) -> Measure:
    from escola_gui.core import db
    from escola_gui.core.importacao.flow import apply, preview
    from escola_gui.core.planilhas import read_table

    def copy() -> Path:
        target = work / "import" / "escola.sqlite3"
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir(parents=True)
        shutil.copyfile(empty, target)
        return target

    def escola() -> float:
        path = copy()
        start = time.perf_counter()
        engine = db.create_app_engine(path)
        try:
            plan = preview(engine, read_table(csv_path))
            if plan.bad_rows:
                raise RuntimeError(f"the import CSV has {len(plan.bad_rows)} bad rows: {plan.bad_rows[:3]}")
            apply(engine, plan)
        finally:
            engine.dispose()
        return time.perf_counter() - start

    def floor() -> float:
        path = copy()
        start = time.perf_counter()
        with open(csv_path, newline="", encoding="utf-8-sig") as f:
            delimiter = ";" if ";" in f.readline() else ","
            f.seek(0)
            rows = list(csv.reader(f, delimiter=delimiter))
        header, data = rows[0], rows[1:]
        conn = sqlite3.connect(path)
        columns = ", ".join(f"c{i} TEXT" for i in range(len(header)))
        conn.execute(f"CREATE TABLE importacao_bruta ({columns})")
        marks = ", ".join("?" * len(header))
        conn.executemany(f"INSERT INTO importacao_bruta VALUES ({marks})", data)
        conn.commit()
        conn.close()
        return time.perf_counter() - start

    with open(csv_path, encoding="utf-8-sig") as f:
        rows = sum(1 for _ in f) - 1
    log(f"import: {csv_path.name} ({rows} rows), {runs} runs")
    values, references = alternate(runs, escola, floor)
    return Measure(
        "import_csv",
        "s",
        "≤ 3 s",
        values,
        references,
        "csv.reader + sqlite3 executemany of the same rows into a text table",
        lambda v, r: v <= 3,
        notes=f"read_table + preview + apply of {csv_path.name} ({rows} rows, the export format) into a new file",
    )


def measure_rematricula(ano_file: Path, work: Path, runs: int) -> list[Measure]:
    """Closing the fixture's year (against the check alone), and its rematrícula into the next
    year, preview and apply (against the preview alone); each run on a fresh copy."""
    from sqlalchemy import Engine

    from escola_gui.core import db
    from escola_gui.core.encerramento import EncerramentoService
    from escola_gui.core.rematricula import RematriculaService

    ano = fixtures.ANO_INTEIRO
    folder = work / "rematricula"
    folder.mkdir(parents=True, exist_ok=True)
    fechado = folder / "fechado.sqlite3"  # the year closed once: where every rollover starts
    shutil.copyfile(ano_file, fechado)
    engine = db.create_app_engine(fechado)
    try:
        EncerramentoService(engine).encerrar(ano)
    finally:
        engine.dispose()
    with sqlite3.connect(ano_file) as conn:
        alunos = conn.execute(
            "SELECT count(*) FROM enturmacoes e JOIN turmas t ON t.id = e.turma_id JOIN anos_letivos a "
            "ON a.id = t.ano_letivo_id WHERE a.ano = ?",
            (ano,),
        ).fetchone()[0]
    conn.close()

    def copy(source: Path) -> Path:
        target = folder / "escola.sqlite3"
        for leftover in (target, target.with_name(target.name + "-journal")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(source, target)
        return target

    def timed(source: Path, work_on: Callable[[Engine], object]) -> float:
        path = copy(source)
        start = time.perf_counter()
        engine = db.create_app_engine(path)
        try:
            work_on(engine)
        finally:
            engine.dispose()
        return time.perf_counter() - start

    def rollover(engine: Engine) -> None:
        service = RematriculaService(engine)
        resultado = service.aplicar(service.planejar(ano, ano + 1))
        if resultado.rematricula_id is None:
            raise RuntimeError("the rematrícula wrote nothing")

    def preview(engine: Engine) -> None:
        RematriculaService(engine).planejar(ano, ano + 1)

    def closing(engine: Engine) -> None:
        EncerramentoService(engine).encerrar(ano)

    def check(engine: Engine) -> None:
        if EncerramentoService(engine).pendencias(ano):
            raise RuntimeError(f"the year {ano} of {ano_file.name} has results missing")

    log(f"rematricula: {ano} of {ano_file.name} ({alunos} enturmações), {runs} runs")
    values, references = alternate(runs, lambda: timed(ano_file, closing), lambda: timed(ano_file, check))
    encerrar = Measure(
        "encerrar_ano",
        "s",
        "≤ 2 s",
        values,
        references,
        "the check alone (EncerramentoService.pendencias), on the same year",
        lambda v, r: v <= 2,
        notes=f"EncerramentoService.encerrar({ano}): the check, then each enturmação's final situação; "
        f"{alunos} enturmações in {ano_file.name}",
    )
    values, references = alternate(runs, lambda: timed(fechado, rollover), lambda: timed(fechado, preview))
    rematricular = Measure(
        "rematricula_com_previa",
        "s",
        "≤ 2 s",
        values,
        references,
        "the preview alone (RematriculaService.planejar)",
        lambda v, r: v <= 2,
        notes=f"RematriculaService.planejar + aplicar, {ano} (closed, {alunos} enturmações) into {ano + 1}: "
        "the year, its turmas and the enturmações created",
    )
    return [encerrar, rematricular]


# --- profiling ------------------------------------------------------------------------------


def profile_all(sizes: fixtures.Sizes, files: dict[str, Path], folder: Path, work: Path, out: Path) -> None:
    """One extra run of the slowest measures under pyinstrument; text reports in ``out``."""
    from pyinstrument import Profiler

    out.mkdir(parents=True, exist_ok=True)

    def save(name: str, profiler: Profiler) -> None:
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        log(f"profile written: {out / name}.txt")

    known_clean(files["big"], True)
    Child(["escola", str(files["big"])], folder, out / "launch.txt").run()
    known_clean(files["big"], False)
    log(f"profile written: {out / 'launch'}.txt")

    from escola_gui.storage.file.upgrade import upgrade_to_head

    target = work / "profile-upgrade" / "escola.sqlite3"
    shutil.rmtree(target.parent, ignore_errors=True)
    target.parent.mkdir(parents=True)
    shutil.copyfile(files["legacy"], target)
    profiler = Profiler(interval=0.005)
    with profiler:
        upgrade_to_head(target)
    save("upgrade", profiler)

    profiler = Profiler(interval=0.001)
    with profiler:
        window = OpenWindow(files["big"], folder)
    save("open_window", profiler)
    profiler = Profiler(interval=0.001)
    with profiler:
        window.search_run(True)
    save("search", profiler)
    profiler = Profiler(interval=0.001)
    with profiler:
        window.scroll_run(2000)
    save("scroll", profiler)
    window.close()

    profiler = Profiler(interval=0.001)
    with profiler:
        measure_boletins(files["big"], work, 1, sizes.turma)
    save("boletins", profiler)
    profiler = Profiler(interval=0.001)
    with profiler:
        measure_import(files["csv"], files["empty"], work, 1)
    save("import", profiler)


# --- output ---------------------------------------------------------------------------------


def fmt(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def table_lines(measures: list[Measure]) -> list[str]:
    rows = [list(FIELDS)]
    for m in measures:
        row = m.row()
        rows.append(
            [
                m.measure,
                f"{fmt(row['value'])} ({m.spread(m.values)})",
                m.unit,
                f"{fmt(row['reference'])} ({m.spread(m.references)})",
                fmt(row["ratio"]),
                m.goal,
                fmt(row["met"]),
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(FIELDS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def machine() -> dict[str, str]:
    import psutil
    import PySide6
    from PySide6.QtCore import qVersion

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cli = shutil.which("sqlite3")
    cli_version = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.split()[0] if cli else "—"
    return {
        "CPU": cpu,
        "cores": f"{psutil.cpu_count(logical=False)} physical, {psutil.cpu_count()} logical",
        "RAM": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Qt": f"{qVersion()} (PySide6 {PySide6.__version__})",
        "SQLite": f"{sqlite3.sqlite_version} (Python's); CLI {cli_version}",
        "load average": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def write_outputs(measures: list[Measure], out: Path, quick: bool, runs: int, started: float, info: dict) -> None:
    rows = [m.row() for m in measures]
    details = {
        m.measure: {
            "runs": [float(f"{v:.4g}") for v in m.values],
            "reference_runs": [float(f"{v:.4g}") for v in m.references],
            "reference_is": m.reference_name,
            "what": m.notes,
            **m.extra,
        }
        for m in measures
    }
    payload = {
        "generated": datetime.now().isoformat(timespec="seconds"),
        "quick": quick,
        "runs": runs,
        "measures": rows,
        "details": details,
        "machine": info,
    }
    (out / "results.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    md = [
        "# Benchmark results (issue 5)",
        "",
        f"Generated by `python -m benchmarks.bench{' --quick' if quick else ''} --runs {runs}` on "
        f"{payload['generated']} in {(time.time() - started) / 60:.1f} min. "
        "Each value is the median of its runs, alternating with its reference in the same run; "
        "the spread (min–max of the runs) is in brackets.",
        "",
        "| " + " | ".join(FIELDS) + " |",
        "|" + "---|" * len(FIELDS),
    ]
    for m in measures:
        row = m.row()
        md.append(
            f"| {m.measure} | {fmt(row['value'])} ({m.spread(m.values)}) | {m.unit} | "
            f"{fmt(row['reference'])} ({m.spread(m.references)}) | {fmt(row['ratio'])} | {m.goal} | "
            f"{fmt(row['met'])} |"
        )
    md += ["", "## What each measure is", ""]
    for m in measures:
        extra = "".join(f"; {k}: {v}" for k, v in m.extra.items())
        md.append(f"- **{m.measure}**: {m.notes}. Reference: {m.reference_name}{extra}.")
    md += ["", "## Machine", ""]
    md += [f"- {k}: {v}" for k, v in info.items()]
    findings = HERE / "FINDINGS.md"
    if findings.exists():
        md += ["", findings.read_text(encoding="utf-8").strip()]
    (out / "RESULTS.md").write_text("\n".join(md) + "\n", encoding="utf-8")


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny fixtures and few runs (the smoke test)")
    parser.add_argument("--runs", type=int, help="runs of each measure and of its reference (default 3, quick 2)")
    parser.add_argument("--fixtures", type=Path, default=fixtures.DEFAULT_DIR, help="where fixtures are cached")
    parser.add_argument("--out", type=Path, default=HERE, help="where results.json and RESULTS.md go")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=GROUPS,
        help="measure only these groups (while working on one); the outputs then hold only them",
    )
    parser.add_argument("--profile", action="store_true", help="also profile the measures with pyinstrument")
    parser.add_argument("--profile-out", type=Path, default=HERE / "profiles", help="where the profiles go")
    args = parser.parse_args(argv)
    started = time.time()
    sizes = fixtures.QUICK if args.quick else fixtures.FULL
    runs = args.runs or (2 if args.quick else 3)
    folder = args.fixtures.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(REPO))
    info = machine()

    groups = set(args.only or GROUPS)
    needed = {
        "big": groups & {"launch", "search", "boletins"},
        "small": groups & {"search"},
        "legacy": groups & {"upgrade"},
        "csv": groups & {"import"},
        "empty": groups & {"import", "upgrade"},
        "ano": groups & {"rematricula"},
    }
    builders = {
        "big": lambda: fixtures.demo(folder, sizes.big),
        "small": lambda: fixtures.demo(folder, sizes.small),
        "legacy": lambda: fixtures.legacy(folder, sizes.legacy_alunos),
        "csv": lambda: fixtures.import_csv(folder, sizes.import_rows),
        "empty": lambda: fixtures.empty_head(folder),
        "ano": lambda: fixtures.ano_inteiro(folder, sizes.ano),
    }
    files = {name: build() for name, build in builders.items() if needed[name] or args.profile}
    log(f"fixtures ready in {folder} ({time.time() - started:.0f} s)")
    with tempfile.TemporaryDirectory(prefix="escola-bench-", dir=folder) as tmp:
        work = Path(tmp)
        measures: list[Measure] = []
        if "launch" in groups:
            measures += measure_launch(files["big"], folder, runs)
        if "upgrade" in groups:
            measures += measure_upgrade(files["legacy"], folder, work, runs)
        if "search" in groups:
            measures += measure_search_and_scroll(files["big"], files["small"], folder, runs, args.quick)
        if "boletins" in groups:
            measures.append(measure_boletins(files["big"], work, runs, sizes.turma))
        if "import" in groups:
            measures.append(measure_import(files["csv"], files["empty"], work, runs))
        if "rematricula" in groups:
            measures += measure_rematricula(files["ano"], work, runs)
        # The search value is the p95 over every key typed in every run.
        for m in measures:
            if hasattr(m, "values_all"):
                m.extra["p95 of all keys (value)"] = round(percentile(m.values_all, 0.95), 1)
        if args.profile:
            profile_all(sizes, files, folder, work, args.profile_out)
    info["load average"] += f" at the start; {' / '.join(f'{x:.1f}' for x in os.getloadavg())} at the end"
    for line in table_lines(measures):
        print(line)
    write_outputs(measures, args.out, args.quick, runs, started, info)
    print(f"written: {args.out / 'results.json'}, {args.out / 'RESULTS.md'}")
    sys.stdout.flush()
    os._exit(0)  # the hidden windows must not be closed (close-time backup); Qt teardown is not measured


if __name__ == "__main__":
    sys.exit(main())
