"""Alembic, configured in code: the app never reads alembic.ini or the current folder.

Alembic is imported only when a config or the script directory is asked for: a launch on an
up-to-date file never needs it (see escola_gui.storage.file.launch_check).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from escola_gui.core.paths import app_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

_PACKAGE_DIR = Path(__file__).resolve().parent.parent

# The revision that reproduces the 0.x prototype's metadata.create_all schema.
BASELINE_REVISION = "0001"


def migrations_dir() -> Path:
    """Find the revisions: in a frozen build or wheel they ship inside the package
    (``escola_gui/_alembic``); in a checkout they sit at the top level (``alembic/``)."""
    candidates = []
    if getattr(sys, "frozen", False):  # escola.spec puts them where a wheel does
        candidates.append(app_dir() / "escola_gui" / "_alembic")
    candidates += [_PACKAGE_DIR / "_alembic", _PACKAGE_DIR.parent / "alembic"]
    for candidate in candidates:
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("Escola's migrations were not found in: " + ", ".join(map(str, candidates)))


def make_config(script_location: Path | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location or migrations_dir()))
    config.set_main_option("path_separator", "os")
    return config


def script_directory(config: Config | None = None) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config or make_config())


def head_revision(config: Config | None = None) -> str:
    head = script_directory(config).get_current_head()
    if head is None:  # pragma: no cover - the repo always ships revisions
        raise RuntimeError("no Alembic revisions found")
    return head
