"""The log file: full technical detail, readable by the user alone."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from escola_gui.core.paths import ensure_private_dir, log_dir

LOG_FILENAME = "escola.log"


def log_file_path() -> Path:
    return log_dir() / LOG_FILENAME


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every file it opens, the rotated ones too, is mode 0600."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return os.fdopen(fd, self.mode.replace("w", "a"), encoding=self.encoding)


def setup_logging(level: int = logging.INFO) -> Path:
    """Send Escola's log to the private log file and return its path (idempotent)."""
    path = log_file_path()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, _PrivateRotatingFileHandler) and handler.baseFilename == str(path):
            return path
    ensure_private_dir(path.parent, ours=True)
    handler = _PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    logging.getLogger("alembic").setLevel(logging.INFO)
    return path
