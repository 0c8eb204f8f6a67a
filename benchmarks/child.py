"""The process whose launch the bench times (``python -m benchmarks.child escola|bare [DB]``).

``escola DB``: Escola itself, through ``escola_gui.cli.main(["--database", DB])``, the path of
``main.py``. ``bare``: a bare PySide6 QMainWindow holding a QTableWidget of 30 rows, the
reference. Both print ``PAINTED <time.time()>`` once the main window has shown a table with
rows (the event loop has delivered a Paint to the table's viewport while its model has rows),
then ``READY`` a moment later (the parent reads the process's RSS then), then wait for a line
on stdin and leave with ``os._exit(0)``: closing would make Escola's close-time backup.

Only PySide6 and the standard library are imported before the app starts, so the reference
pays no import the measured side does not.

The watcher sits on the tables only, never on the whole application: with a Python event
filter on the application, every event to an object Python has not seen yet (the private item
models a QListWidget makes, for one) must be given a Python wrapper, and finding its class
makes PySide6 build every lazily loaded class of its modules with their enums: 166 enum types,
37 ms, when Escola creates its sidebar (benchmarks/FINDINGS.md, "the measuring filter").
No user's Escola has such a filter before its first paint; the measure must not add one. For
the same reason the tables are not looked up with ``findChildren``, which wraps every child of
the window on the way (Escola's window has many more than the bare one: 34 enum types, about
3 ms, counted against Escola alone): the watcher goes on each table whose model Python sets
(``QTableView.setModel`` is wrapped; Escola's lists), and on the bare window's table directly.

With ``BENCH_PROFILE=FILE`` the launch runs under pyinstrument and its text report goes to FILE.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QTableWidget, QTableWidgetItem

REPORT = QEvent.Type.User
# Qt.EventPriority.HighEventPriority, as a number: reading ``Qt`` builds its 92 enum types
# (about 16 ms), which the bare window never does, and the child must not add that to it.
HIGH_EVENT_PRIORITY = 1
SETTLE_MS = 500  # after the first paint, before READY: what a user sees within half a second


class FirstRowsPainted(QObject):
    """Reports once a table (QTableView) in the main window has painted rows (installed on the
    tables' viewports by :func:`watch_tables` and :func:`main`)."""

    def __init__(self, on_painted) -> None:
        super().__init__()
        self._on_painted = on_painted
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._done and event.type() == QEvent.Type.Paint:
            view = watched.parent()
            if (
                isinstance(view, QTableView)  # not the sidebar's list, painted in the same pass
                and watched is view.viewport()
                and view.window().objectName() == "main_window"
                and view.isVisible()
                and view.model() is not None
                and view.model().rowCount() > 0
            ):
                self._done = True
                # Delivered once this paint is over, and before anything the launch queued at
                # normal priority (Escola's own after-first-paint work filters the same paint).
                QCoreApplication.postEvent(self, QEvent(REPORT), HIGH_EVENT_PRIORITY)
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == REPORT:
            self._on_painted()
            return True
        return super().event(event)


def watch_tables(watcher: FirstRowsPainted) -> None:
    """Install ``watcher`` on the viewport of every table whose model is set from Python."""
    set_model = QTableView.setModel

    def setting_model(view: QTableView, model) -> None:
        set_model(view, model)
        view.viewport().installEventFilter(watcher)

    QTableView.setModel = setting_model


def _finish(profiler) -> None:
    painted = time.time()
    if profiler is not None:
        profiler.stop()
        with open(os.environ["BENCH_PROFILE"], "w", encoding="utf-8") as out:
            out.write(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"PAINTED {painted:.6f}", flush=True)

    def ready() -> None:
        print("READY", flush=True)
        sys.stdin.readline()
        os._exit(0)

    QTimer.singleShot(SETTLE_MS, ready)


def main(argv: list[str]) -> int:
    profiler = None
    if os.environ.get("BENCH_PROFILE"):
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    watcher = FirstRowsPainted(lambda: _finish(profiler))
    watch_tables(watcher)
    if argv[0] == "escola":
        from escola_gui.cli import main as escola_main

        return escola_main(["--database", argv[1]])
    window = QMainWindow()
    window.setObjectName("main_window")
    table = QTableWidget(30, 5)
    for row in range(30):
        for column in range(5):
            table.setItem(row, column, QTableWidgetItem(f"{row}-{column}"))
    table.viewport().installEventFilter(watcher)
    window.setCentralWidget(table)
    window.resize(960, 600)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
