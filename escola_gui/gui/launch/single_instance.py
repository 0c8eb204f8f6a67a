"""A second launch on the same file brings the first one's window to the front.

The database lock (:mod:`escola_gui.storage.file.lock`) already keeps a second process off the file.
The process that holds the lock also listens on a local socket (:class:`InstanceServer`),
named after the user and the database path, from right after its window's first paint. A second
launch that finds the lock held asks it, through :class:`RaiseRequest`, to come to the front
(asking again for :data:`LISTEN_WAIT_MS` while nobody listens yet), and then quits. When nobody
listens or answers in time (an older Escola, a hung process), the second launch says that the
file is in use, as before.

The socket is private to the user (``UserAccessOption``). The one who holds the lock owns the
name, so a name left by a crashed process is removed before listening.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import logging
import os
import re
import socket
import stat
import sys
import time
from pathlib import Path

from PySide6.QtCore import QDir, QElapsedTimer, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

REQUEST = b"escola: trazer para a frente\n"
REPLY = b"ok\n"
#: How long a second launch waits for the first one's answer.
REPLY_TIMEOUT_MS = 3000
#: Nobody listens on the name yet: asked again every RETRY_MS, for LISTEN_WAIT_MS at most. The
#: first launch takes the lock before it listens, which it does right after its window's first paint.
RETRY_MS = 100
LISTEN_WAIT_MS = 3000


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account, an odd environment)
        return str(os.getuid()) if hasattr(os, "getuid") else "?"


def server_name(database: Path) -> str:
    """The socket's name for ``database`` and this user: the same for every launch of both."""
    key = f"{_user()}\0{Path(database).absolute()}"
    return "escola-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


_SERVER_NAME = re.compile(r"escola-[0-9a-f]{32}")
#: A socket younger than this may be between bind() and listen() in another launch: left alone.
_SOCKET_GRACE_S = 10


def remove_stale_sockets(folder: Path | None = None) -> list[Path]:
    """Remove the sockets that killed Escolas left in the temp folder (Qt's local servers on
    Linux and macOS are files there); returns them.

    Only this user's ``escola-<hash>`` sockets that refuse a connection (nobody listens) and
    are not brand new are removed. Windows' named pipes vanish with their process: nothing to do.
    """
    if not hasattr(socket, "AF_UNIX") or sys.platform == "win32":
        return []
    folder = Path(folder or QDir.tempPath())
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    now = time.time()
    for entry in entries:
        if _SERVER_NAME.fullmatch(entry.name) is None:
            continue
        try:
            info = entry.lstat()
        except OSError:
            continue
        if not stat.S_ISSOCK(info.st_mode) or info.st_uid != os.getuid() or now - info.st_mtime < _SOCKET_GRACE_S:
            continue
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.settimeout(1)
        try:
            probe.connect(str(entry))
        except ConnectionRefusedError:  # nobody listens: left by a killed process
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
        except OSError:
            pass  # busy or unknown: left alone
        finally:
            probe.close()
    if removed:
        log.info("removed %d socket(s) left by Escolas that were killed", len(removed))
    return removed


class InstanceServer(QObject):
    """Listens for second launches on the same file; ``raise_requested`` for each one."""

    raise_requested = Signal()

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(database)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)

    def listen(self) -> bool:
        """Start listening, taking over a name left by a crash. Call it holding the file's lock."""
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, self._server.errorString())
            return False
        return True

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        request = bytes(socket.readLine().data())
        if request != REQUEST:
            log.warning("ignored an unknown request on %s", self.name)
            socket.disconnectFromServer()
            return
        log.info("another launch on this file asked this window to come to the front")
        socket.write(REPLY)
        socket.flush()
        socket.disconnectFromServer()
        self.raise_requested.emit()


class RaiseRequest(QObject):
    """Asks the running instance to come to the front, without blocking the event loop;
    ``finished`` carries True when it answered."""

    finished = Signal(bool)

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(database)
        self._socket = QLocalSocket(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._finish(False, "no answer in time"))
        self._since = QElapsedTimer()
        self._socket.connected.connect(self._on_connected)
        self._socket.readyRead.connect(self._on_ready_read)
        self._socket.errorOccurred.connect(self._on_error)
        self._done = False

    def start(self) -> None:
        self._since.start()
        self._timer.start(REPLY_TIMEOUT_MS)
        self._socket.connectToServer(self.name)

    def _on_connected(self) -> None:
        self._socket.write(REQUEST)
        self._socket.flush()

    def _on_ready_read(self) -> None:
        if self._socket.canReadLine():
            self._finish(bytes(self._socket.readLine().data()) == REPLY, "answered")

    def _on_error(self, error: QLocalSocket.LocalSocketError) -> None:
        # The first instance closes the connection right after its answer: read it first.
        if self._socket.canReadLine():
            self._on_ready_read()
        not_listening = error in (
            QLocalSocket.LocalSocketError.ServerNotFoundError,
            QLocalSocket.LocalSocketError.ConnectionRefusedError,
        )
        if not_listening and not self._done and self._since.elapsed() < LISTEN_WAIT_MS:
            # The first launch holds the lock but does not listen yet (it is painting its window):
            # ask again, until the answer's time is up.
            QTimer.singleShot(RETRY_MS, self, self._connect_again)
            return
        self._finish(False, self._socket.errorString())

    def _connect_again(self) -> None:
        if not self._done:
            self._socket.abort()
            self._socket.setServerName(self.name)
            self._socket.connectToServer()

    def _finish(self, answered: bool, why: str) -> None:
        if self._done:
            return
        self._done = True
        self._timer.stop()
        if not answered:
            log.info("the running instance did not bring its window forward (%s)", why)
        # Not from inside the socket's own signal (it may come from connectToServer itself):
        # whoever listens may delete this request, and the socket with it.
        QTimer.singleShot(0, self, lambda: self.finished.emit(answered))
