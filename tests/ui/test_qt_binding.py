"""The Qt binding itself: a PySide6 build that loses references to None aborts the window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter


def test_void_calls_keep_none_alive(qapp):
    # PySide6 6.12.0 under Python 3.11 decremented None's reference count on every void call;
    # after a few thousand paint calls the interpreter aborted with "deallocating None".
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(5000):
        painter.save()
        painter.fillRect(QRect(0, 0, 8, 8), QColor("#ffffff"))
        painter.restore()
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 100, f"None lost {before - after} references"
