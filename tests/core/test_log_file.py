"""The log file: rotated at its size, every file of it private, opened only when there is something to log."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from escola_gui.core import logs

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_log_rotates_at_its_size_and_every_file_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = tmp_path / "escola.log"
    handler = logs._LogFile(path)
    handler.setFormatter(logs.PrivateFormatter("%(message)s"))
    logger = logging.getLogger("escola.test.rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(100):
            logger.warning("linha %03d %s", number, "x" * 60)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(tmp_path.glob("escola.log*"))
    assert [f.name for f in files] == ["escola.log", "escola.log.1", "escola.log.2", "escola.log.3"]
    assert all(f.stat().st_size <= 2_000 for f in files)
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    assert "linha 099" in path.read_text(encoding="utf-8")


def test_the_log_file_waits_for_the_first_record(tmp_path: Path) -> None:
    """A launch that logs nothing before its first paint does not import logging.handlers
    (socket, pickle) for it; the first record opens the file."""
    script = """
import logging, sys
sys.path.insert(0, sys.argv[1])
from escola_gui.core.logs import setup_logging
path = setup_logging()
print("logging.handlers" in sys.modules, path.exists())
logging.getLogger("escola").warning("primeiro registro")
print("logging.handlers" in sys.modules, path.exists())
"""
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path), HOME=str(tmp_path))
    env["LOCALAPPDATA"] = str(tmp_path)  # the log's folder on Windows
    result = subprocess.run(
        [sys.executable, "-c", script, str(REPO)], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.split() == ["False", "False", "True", "True"]
