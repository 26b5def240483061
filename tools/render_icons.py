"""Render resources/icons/rosterapp.svg to the PNG sizes of the desktop's icon theme.

Run after changing the SVG: `.venv/bin/python tools/render_icons.py`; the PNGs are committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 (QPainter needs one)
    renderer = QSvgRenderer(str(ICONS / "rosterapp.svg"))
    if not renderer.isValid():
        print("rosterapp.svg is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = ICONS / f"rosterapp-{size}.png"
        image.save(str(path))
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
