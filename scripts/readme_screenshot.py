"""Make the README's picture of the main window: ``make screenshot``.

Builds a demo school (fixed seed and date, so the picture only changes when the window does)
in a temporary folder, opens it through the same launch path as ``main.py`` (Launcher) with
settings and logs kept in that folder, selects the first aluno and saves the window to
resources/screenshots/janela-principal.png. Run under Xvfb (``xvfb-run -a``), so that fonts
and styles are those of a real X display; ``QT_QPA_PLATFORM=offscreen`` works too.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "resources" / "screenshots" / "janela-principal.png"


def main() -> int:
    # A fixed folder: the status bar shows the file's path, and the picture should not change with it.
    home = Path(tempfile.gettempdir()) / "escola-demonstracao"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(mode=0o700)
    try:
        for name in ("CONFIG", "DATA", "STATE", "CACHE"):
            os.environ[f"XDG_{name}_HOME"] = str(home / name.lower())
        os.environ.pop("ESCOLA_DB", None)
        sys.path.insert(0, str(REPO))

        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from escola_gui.gui.launch.launcher import Launcher, app_icon, install_qt_translations
        from escola_gui.storage.file.demo import criar_demo

        database = home / "escola.sqlite3"
        criar_demo(database, alunos=400, seed=2026, hoje=date(2026, 9, 15))
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Escola")
        app.setOrganizationName("Escola")
        install_qt_translations(app)
        app.setWindowIcon(app_icon())
        launcher = Launcher(database, home / "escola.log")
        saved: list[bool] = []

        def shoot(window) -> None:
            window.resize(1180, 700)
            tab = window.alunos_tab
            QTimer.singleShot(300, lambda: (tab.table.selectRow(0), QTimer.singleShot(300, lambda: save(window))))

        def save(window) -> None:
            OUT.parent.mkdir(parents=True, exist_ok=True)
            saved.append(window.grab().save(str(OUT)))
            window.hide()  # no close-time backup of a file about to be deleted
            app.quit()

        launcher.window_opened.connect(shoot)
        launcher.failed.connect(lambda _code: app.quit())
        launcher.start()
        app.exec()
        launcher.shutdown()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if not saved or not saved[0]:
        print("the window was not saved", file=sys.stderr)
        return 1
    print(f"{OUT.relative_to(REPO)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
