"""The core never imports Qt: it must run in the CLI and in tests without a display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import escola_gui.core


def test_core_modules_do_not_import_pyside6() -> None:
    # Given every module of the core package
    modules = [f"escola_gui.core.{m.name}" for m in pkgutil.iter_modules(escola_gui.core.__path__)]
    assert "escola_gui.core.services" in modules and "escola_gui.core.validation" in modules
    script = "\n".join(
        [f"import {name}" for name in modules]
        + ["import sys", "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')", "print(bad)"]
    )
    # When they are all imported in a fresh interpreter
    repo_root = Path(escola_gui.core.__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=repo_root, check=False)
    # Then no PySide6 module was loaded
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
