"""Render resources/escola.svg to resources/escola.png, 256 px, with Qt's SVG renderer.

Run after changing the SVG: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_icon.py``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SIZE = 256


def main() -> None:
    _app = QGuiApplication([])
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(RESOURCES / "escola.svg")).render(painter)
    painter.end()
    if not image.save(str(RESOURCES / "escola.png")):
        raise SystemExit("could not write resources/escola.png")


if __name__ == "__main__":
    main()
