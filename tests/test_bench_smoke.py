"""``make bench`` in its short form: every measure comes out, in the table and in results.json.

Tiny fixtures and two runs; the figures mean nothing here, so nothing is asserted about them
(no timing asserts). The bench runs in its own process, as ``make bench`` runs it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MEASURES = {
    "launch_to_first_rows",
    "launch_to_first_rows_full_check",
    "rss_list_open",
    "upgrade_vs_alembic",
    "upgrade_vs_sql_floor",
    "search_keystroke_p95",
    "search_query_p95",
    "scroll_max_frame",
    "boletins_turma_pdf",
    "import_csv",
    "encerrar_ano",
    "rematricula_com_previa",
}
FIELDS = ["measure", "value", "unit", "reference", "ratio", "goal", "met"]


def test_quick_bench_reports_every_measure(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", "--quick", "--runs", "2"]
        + ["--fixtures", str(tmp_path / "fixtures"), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]

    lines = done.stdout.splitlines()
    assert lines[0].split() == FIELDS
    assert set(lines[1].split()) == {"-" * len(w) for w in lines[1].split()}
    table = {line.split()[0]: line for line in lines[2:] if line and not line.startswith("written:")}
    assert set(table) == MEASURES

    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["quick"] is True
    assert results["runs"] == 2
    assert {row["measure"] for row in results["measures"]} == MEASURES
    for row in results["measures"]:
        assert list(row) == FIELDS
        assert isinstance(row["value"], float | int) and row["value"] > 0
        assert isinstance(row["reference"], float | int) and row["reference"] > 0
        # The ratio is of the unrounded medians; value and reference are rounded to 3 decimals.
        assert abs(row["ratio"] - row["value"] / row["reference"]) <= 0.02 * row["ratio"] + 0.01
        assert row["unit"] in ("ms", "s", "MB")
        assert row["met"] in (True, False, None)
        assert len(results["details"][row["measure"]]["runs"]) == 2
    assert results["measures"][[r["measure"] for r in results["measures"]].index("upgrade_vs_sql_floor")]["met"] is None

    md = (out / "RESULTS.md").read_text(encoding="utf-8")
    assert "| measure | value | unit | reference | ratio | goal | met |" in md
    for name in MEASURES:
        assert f"| {name} |" in md
    assert "## Machine" in md
