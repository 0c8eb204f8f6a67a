"""Time the import of a 10k-row CSV (preview, then apply) into a copy of a 300-aluno demo.

Build the files first (see --help):
    main.py demo --alunos 10000 --database /tmp/imp/big.sqlite3
    main.py export alunos /tmp/imp/10k.csv --database /tmp/imp/big.sqlite3
    main.py demo --alunos 300 --database /tmp/imp/base.sqlite3
The lines the preview refuses (CPFs, e-mails... that clash with the 300 alunos) are dropped
once into 10k-clean.csv. Prints the median (and min-max) of --runs runs of each figure.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from escola_gui.core import db  # noqa: E402
from escola_gui.core.importacao.flow import apply, preview  # noqa: E402
from escola_gui.core.importacao.results import ImportResult  # noqa: E402
from escola_gui.core.planilhas import read_table  # noqa: E402


def clean_csv(folder: Path) -> Path:
    clean = folder / "10k-clean.csv"
    if clean.exists():
        return clean
    work = folder / "work.sqlite3"
    shutil.copyfile(folder / "base.sqlite3", work)
    engine = db.create_app_engine(work)
    plan = preview(engine, read_table(folder / "10k.csv"))
    engine.dispose()
    bad = {b.line for b in plan.bad_rows}
    # (the export writes one line per row: no line breaks inside cells)
    lines = (folder / "10k.csv").read_bytes().splitlines(keepends=True)
    clean.write_bytes(b"".join(text for number, text in enumerate(lines, 1) if number not in bad))
    print(f"{len(bad)} line(s) dropped: {clean}")
    return clean


def run(folder: Path, csv_path: Path) -> tuple[float, float, ImportResult]:
    work = folder / "work.sqlite3"
    shutil.copyfile(folder / "base.sqlite3", work)
    engine = db.create_app_engine(work)
    try:
        start = time.perf_counter()
        plan = preview(engine, read_table(csv_path))
        middle = time.perf_counter()
        result = apply(engine, plan)
        end = time.perf_counter()
    finally:
        engine.dispose()
    return middle - start, end - middle, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/imp"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    csv_path = clean_csv(args.folder)
    values: list[tuple[float, float]] = []
    for _ in range(args.runs):
        p, a, result = run(args.folder, csv_path)
        values.append((p, a))
    print(f"result: {result.inserted} inserted, {result.updated} updated, {result.unchanged} unchanged")
    for name, series in (
        ("preview", [p for p, _ in values]),
        ("apply", [a for _, a in values]),
        ("total", [p + a for p, a in values]),
    ):
        print(f"{name:8s} median {statistics.median(series):6.2f} s (min {min(series):.2f}, max {max(series):.2f})")


if __name__ == "__main__":
    main()
