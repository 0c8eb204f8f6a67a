"""What the GUI shows about the open file: a leaf module, so that the launch can show it in the
main window's first paint, before SQLAlchemy is imported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DatabaseInfo:
    """What the GUI shows about the open file (status bar, Ajuda → Sobre)."""

    path: Path
    revision: str
    app_version: str
    log_path: Path
