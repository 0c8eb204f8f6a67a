"""Reads that a newer one has made stale, stopped where they stand (SQLite's interrupt).

The Alunos list reads in workers: a keystroke's first page, its count, the pages scrolled to.
When the user types on, whatever they are still reading will be dropped when it arrives; on a
file of 100,000 alunos a count takes tens of milliseconds, and it would hold a processor while
the next keystroke's search runs.

A worker runs its read inside ``reads.running()`` of a :class:`StoppableReads`; each read of
the core opens its connection inside :func:`watched` (a no-op outside such a block, so every
other caller reads as before). ``reads.stop()``, from any thread, interrupts the statements
under way on those connections, and any read of that group that starts afterwards fails at
once: SQLite ends a statement with ``sqlite3.OperationalError`` ("interrupted"), which the
worker drops like any stale result (:attr:`StoppableReads.stopped` tells it so). Nothing is
written by these reads, so nothing is lost by stopping them.

Only the standard library: the list's model imports this before SQLAlchemy is loaded.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_current = threading.local()
# SQLite forgets an interrupt that comes while no statement runs (between two statements of a
# read): every so many of its steps, a statement also asks whether its group was stopped. Rare
# enough to cost nothing (a step is tens of nanoseconds; the question takes Python's lock).
CHECK_STEPS = 1_000_000


class StoppableReads:
    """One group of reads (say, those of one keystroke's search), which :meth:`stop` ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._stopped = False

    @property
    def stopped(self) -> bool:
        """Whether :meth:`stop` was called: a read of this group that failed was stopped."""
        return self._stopped

    @contextmanager
    def running(self) -> Iterator[None]:
        """The reads of the core made in this thread, inside the block, belong to this group."""
        previous = getattr(_current, "reads", None)
        _current.reads = self
        try:
            yield
        finally:
            _current.reads = previous

    def stop(self) -> None:
        """Interrupt the reads of this group under way; those that start later fail at once."""
        with self._lock:
            self._stopped = True
            for connection in self._connections:
                connection.interrupt()

    def _add(self, connection: sqlite3.Connection) -> None:
        with self._lock:
            if self._stopped:
                raise sqlite3.OperationalError("interrupted")
            self._connections.append(connection)

    def _remove(self, connection: sqlite3.Connection) -> None:
        with self._lock:
            self._connections.remove(connection)


@contextmanager
def watched(connection: sqlite3.Connection) -> Iterator[None]:
    """Read on ``connection`` inside the block, stoppable by the group this thread reads for
    (:meth:`StoppableReads.running`), if any. The block must end before the connection closes."""
    reads: StoppableReads | None = getattr(_current, "reads", None)
    if reads is None:
        yield
        return
    reads._add(connection)
    connection.set_progress_handler(lambda: reads._stopped, CHECK_STEPS)
    try:
        yield
    finally:
        connection.set_progress_handler(None, 0)
        reads._remove(connection)
