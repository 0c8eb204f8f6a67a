"""A child process killed with SIGKILL half-way through the real code."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def half_way(tmp_path: Path, source: str, *args: str, env: dict[str, str] | None = None) -> int:
    """Run ``source`` in a child until it prints its first line, then SIGKILL it; returns its pid."""
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(source), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO), **(env or {})),
        cwd=tmp_path,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.strip() == "half-way", process.stderr.read() if process.stderr else ""
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
    return process.pid
