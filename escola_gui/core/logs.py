"""The log file: full technical detail, readable by the user alone, and never personal data.

Children's personal data (LGPD): the log holds the class of an error and the SQL statement,
never the values it was given. The engines hide SQLAlchemy's parameters (``hide_parameters``,
core/db.py); whatever else reaches the log goes through :class:`PrivateFormatter`, which drops
SQLAlchemy's ``[parameters: ...]`` (an engine made elsewhere), numbers shaped like a CPF, and
the text of an :class:`~escola_gui.core.errors.EscolaError` (written for the user, it names
alunos and responsáveis). Uncaught exceptions go the same way (:func:`install_excepthook`),
to the log and to the terminal.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from escola_gui.core.errors import EscolaError
from escola_gui.core.paths import ensure_private_dir, log_dir

LOG_FILENAME = "escola.log"


def log_file_path() -> Path:
    return log_dir() / LOG_FILENAME


#: The log file's size before it is rotated, and how many rotated files are kept.
MAX_BYTES = 2_000_000
BACKUP_COUNT = 3


@functools.cache
def _rotating_file_class() -> type[logging.Handler]:
    """A RotatingFileHandler whose every file, the rotated ones too, is mode 0600."""
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def _open(self):  # type: ignore[no-untyped-def]
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.chmod(self.baseFilename, 0o600)
            return os.fdopen(fd, self.mode.replace("w", "a"), encoding=self.encoding)

    return PrivateRotatingFileHandler


class _LogFile(logging.Handler):
    """The log file (rotated at :data:`MAX_BYTES`, mode 0600), opened at the first record.

    ``logging.handlers`` imports ``socket`` and ``pickle`` (5–10 ms): a launch that logs
    nothing before its first paint does not wait for them (see benchmarks/FINDINGS.md)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def _target(self) -> logging.Handler:
        if self._file is None:
            handler = _rotating_file_class()(
                self.path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
            )
            handler.setFormatter(self.formatter)
            self._file = handler
        return self._file

    def setFormatter(self, fmt: logging.Formatter | None) -> None:  # noqa: N802 - logging's name
        super().setFormatter(fmt)
        if self._file is not None:
            self._file.setFormatter(fmt)

    def emit(self, record: logging.LogRecord) -> None:
        self._target().emit(record)  # under this handler's lock (Handler.handle)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


# SQLAlchemy's "[parameters: (...)]" (one line; several for a long executemany, up to the
# "(Background on this error ..." line or the end of the message).
_PARAMETERS = re.compile(r"^\[parameters: .*?(?=^\(Background on this error|^\[SQL|\Z)", re.MULTILINE | re.DOTALL)
# A CPF, formatted or as its 11 digits (not inside a longer number).
_CPF = re.compile(r"(?<![\d.])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\d])")
_OMITIDO = "[omitido]"


def redact(text: str) -> str:
    """``text`` without SQL parameters and CPF-shaped numbers."""
    text = _PARAMETERS.sub(f"[parameters: {_OMITIDO}]\n", text)
    return _CPF.sub(_OMITIDO, text)


def describe_error(exc: BaseException) -> str:
    """An error as the log and the terminal may show it: its class, and its message unless the
    message is written for the user (an EscolaError), without parameters or CPFs."""
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    if isinstance(exc, EscolaError):
        return name
    text = str(exc)
    return redact(f"{name}: {text}" if text else name).rstrip()


def _format_chain(exc: BaseException) -> str:
    """Like ``traceback.format_exception``: the causes first, each with its frames; every
    exception described by :func:`describe_error`."""
    chain: list[tuple[BaseException, str | None]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link: str | None = None
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            link = "The above exception was the direct cause of the following exception:"
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            link = "During handling of the above exception, another exception occurred:"
            current = current.__context__
        else:
            current = None
    parts: list[str] = []
    for index, (item, _link) in enumerate(reversed(chain)):
        if index:
            parts.append(f"\n{chain[len(chain) - index][1]}\n\n")
        if item.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(item.__traceback__))
        parts.append(describe_error(item) + "\n")
    return "".join(parts).rstrip("\n")


class PrivateFormatter(logging.Formatter):
    """A formatter whose output holds no SQL parameters, CPFs, nor user messages of errors."""

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def]  # noqa: N802 - logging's name
        exc = ei[1]
        if exc is None:
            return super().formatException(ei)
        return _format_chain(exc)

    def format(self, record: logging.LogRecord) -> str:
        # Not the traceback another handler may have cached on the record, whole.
        cached = record.exc_text
        record.exc_text = None
        try:
            return redact(super().format(record))
        finally:
            record.exc_text = cached


def _log_uncaught(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    logging.getLogger("escola").critical("uncaught exception", exc_info=(exc_type, exc, tb))
    stream = sys.stderr
    if stream is not None:  # (none in a windowed build)
        try:
            stream.write(_format_chain(exc) + "\n")
            stream.flush()
        except (OSError, ValueError):
            pass


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthook() -> None:
    """Uncaught exceptions (a Qt slot's, a thread's) go to the log and the terminal without
    personal data: not Python's default print of the whole message. A hook someone else
    installed (a test runner's) is left in place."""
    if sys.excepthook is sys.__excepthook__:
        sys.excepthook = _log_uncaught
    if threading.excepthook is threading.__excepthook__:
        threading.excepthook = _log_uncaught_in_thread


def setup_logging(level: int = logging.INFO) -> Path:
    """Send Escola's log to the private log file and return its path (idempotent)."""
    path = log_file_path()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, _LogFile) and handler.path == path:
            return path
    ensure_private_dir(path.parent, ours=True)
    handler = _LogFile(path)
    handler.setFormatter(PrivateFormatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    logging.getLogger("alembic").setLevel(logging.INFO)
    return path
