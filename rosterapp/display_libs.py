"""Whether this machine has the system libraries Qt's window needs, before Qt is loaded.

Without them Qt aborts (exit 134) when the QApplication loads its X11 plugin, or PySide6 fails to
import, with the reason only in the log. Checked with ctypes, so no Qt is imported here: the window's
start-up (rosterapp.app) asks first and says in one line which Debian packages to install.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable

# What QtGui and the offscreen platform link against (readelf -d, NEEDED), shared library -> Debian 12 package.
QT_GUI_LIBRARIES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
}
# What the X11 platform (platforms/libqxcb.so, libQt6XcbQpa.so.6) links against besides.
QT_XCB_LIBRARIES = {
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname`` (as Qt's own loading would, LD_LIBRARY_PATH included)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def wants_xcb(environ: os._Environ | dict[str, str] = os.environ) -> bool:
    """Whether Qt will open its X11 platform: QT_QPA_PLATFORM unset (outside a Wayland session) or xcb."""
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        return any(name.strip().startswith("xcb") for name in platform.split(";"))
    return not environ.get("WAYLAND_DISPLAY")


def missing_packages(window: bool = True, environ: os._Environ | dict[str, str] = os.environ,
                     check: Callable[[str], bool] | None = None) -> list[str]:
    """The Debian packages whose libraries Qt needs here and the loader cannot find (Linux only).

    ``window``: a window on the screen (the X11 libraries too when Qt will use X11), else only
    what an offscreen rendering (screenshot) needs.
    """
    if not sys.platform.startswith("linux"):
        return []
    check = check or loadable
    libraries = dict(QT_GUI_LIBRARIES)
    if window and wants_xcb(environ):
        libraries |= QT_XCB_LIBRARIES
    return sorted({package for soname, package in libraries.items() if not check(soname)})
