"""Xvfb screenshots of the real window on the 100k-aluno demo, with the time of each step.

    xvfb-run -a .venv/bin/python -m benchmarks.screenshots [--fixtures DIR]

Copies the cached 100k demo (benchmarks/fixtures.py) to a temporary folder, opens it through the
real launch path (Launcher), and saves to benchmarks/screenshots/: the list as opened, a search
typed ("joao silv"), the list jumped to its middle row, and the form of the aluno there. Prints
how long each step took (the search until its rows show; the jump until every visible row is
read; the form until it is built). The figures of `make bench` are the measured ones; these
pictures show what the user sees.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "screenshots"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sys.path.insert(0, str(REPO))
    from benchmarks import fixtures

    parser.add_argument("--fixtures", type=Path, default=fixtures.DEFAULT_DIR)
    args = parser.parse_args()
    big = fixtures.demo(args.fixtures.resolve(), fixtures.FULL.big)
    tmp = Path(tempfile.mkdtemp(prefix="escola-100k-"))
    try:
        shutil.copyfile(big, tmp / "escola.sqlite3")
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(home: Path) -> None:
    for n in ("CONFIG", "DATA", "STATE", "CACHE"):
        os.environ[f"XDG_{n}_HOME"] = str(home / "home" / n.lower())
    OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from escola_gui.gui.launch.launcher import Launcher, app_icon, install_qt_translations

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Escola")
    app.setOrganizationName("Escola")
    install_qt_translations(app)
    app.setWindowIcon(app_icon())
    launcher = Launcher(home / "escola.sqlite3", home / "escola.log")
    log: list[str] = []

    def mark(name):
        log.append(f"{name}: {1000 * (time.perf_counter() - t0):.0f} ms since start")

    def wait_until(cond, then, started=None, limit=10):
        started = started or time.perf_counter()
        if cond():
            then(1000 * (time.perf_counter() - started))
            return
        if time.perf_counter() - started > limit:
            then(-1)
            return
        QTimer.singleShot(2, lambda: wait_until(cond, then, started, limit))

    def opened(w):
        mark("window opened")
        w.resize(1180, 700)
        w.show()
        tab = w.alunos_tab
        model = tab.model

        def s1(_):
            w.grab().save(str(OUT / "1_lista.png"))
            mark(f"list shown, rowCount={model.rowCount()}")
            start = time.perf_counter()
            tab.search.setText("joao silv")
            wait_until(lambda: model.rowCount() and "Jo" in str(model.index(0, 0).data()), lambda ms: s2(ms), start)

        def s2(ms):
            app.processEvents()
            w.grab().save(str(OUT / "2_busca.png"))
            log.append(f"search 'joao silv' -> {model.rowCount()} rows in {ms:.0f} ms")
            tab.search.setText("")
            wait_until(lambda: model.rowCount() > 1000, lambda ms: s3())

        def s3():
            bar = tab.table.verticalScrollBar()
            start = time.perf_counter()
            bar.setValue(bar.maximum() // 2)
            app.processEvents()
            top = tab.table.rowAt(0)
            bottom = tab.table.rowAt(tab.table.viewport().height() - 2)
            mid = (top + bottom) // 2
            wait_until(
                lambda: all("Carregando" not in str(model.index(r, 0).data()) for r in range(top, bottom + 1)),
                lambda ms: s4(ms, mid),
                start,
            )

        def s4(ms, mid):
            app.processEvents()
            w.grab().save(str(OUT / "3_meio.png"))
            log.append(f"jump to middle row {mid}: every visible row read in {ms:.0f} ms")
            tab.table.selectRow(mid)
            aluno_id = tab.selected_id()
            start = time.perf_counter()
            dialog = w.alunos_tab.make_aluno_dialog(aluno_id)
            dialog.show()
            log.append(f"aluno {aluno_id} form opened in {1000 * (time.perf_counter() - start):.0f} ms")
            QTimer.singleShot(300, lambda: s5(dialog))

        def s5(dialog):
            dialog.grab().save(str(OUT / "4_aluno.png"))
            dialog.close()
            w.hide()
            print("\n".join(log))
            app.quit()

        QTimer.singleShot(200, lambda: s1(0))

    launcher.window_opened.connect(opened)
    launcher.failed.connect(lambda c: (print("failed", c), app.quit()))
    launcher.start()
    app.exec()
    launcher.shutdown()


if __name__ == "__main__":
    main()
    os._exit(0)  # the hidden window is not closed: no close-time backup of the temporary copy
