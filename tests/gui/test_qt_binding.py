"""The Qt binding itself must not leak references to Python's singletons.

PySide6 6.12.0 drops a reference to True on every ``Signal.emit()`` and to None on every
overridden method that returns None (a model's ``data()``), so after some thousands of them
CPython 3.11 aborts with "Fatal Python error: bool_dealloc" — in the secretary's hands, after
an hour of work. pyproject.toml keeps PySide6 below 6.12; this test fails on any binding
with the bug, whatever the pin says, so that an upgrade of PySide6 cannot bring it back.
"""

from __future__ import annotations

import subprocess
import sys

CHILD = r"""
import sys
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, Qt, Signal

app = QCoreApplication([])


class Emitter(QObject):
    changed = Signal(int)
    toggled = Signal(bool)


class Model(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 10

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


emitter = Emitter()
seen = []
emitter.changed.connect(seen.append)
emitter.toggled.connect(seen.append)
model = Model()
index = model.index(0, 0)
before = sys.getrefcount(True), sys.getrefcount(None)
for i in range(20_000):
    emitter.changed.emit(i)
    emitter.toggled.emit(True)
    index.data()  # Qt calls the Python data(), which returns None
seen.clear()
after = sys.getrefcount(True), sys.getrefcount(None)
print(after[0] - before[0], after[1] - before[1])
"""


def test_signals_and_models_keep_pythons_singletons_alive() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, env=None)
    assert done.returncode == 0, done.stderr[-2000:]
    true_delta, none_delta = map(int, done.stdout.split())
    # A few references may come and go; a leak is one per call, tens of thousands here.
    assert abs(true_delta) < 100 and abs(none_delta) < 100, done.stdout
