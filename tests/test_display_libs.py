"""A window on a machine without Qt's X11 libraries: one line naming the Debian packages, not an abort."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from rosterapp import app, display_libs
from rosterapp.errors import EXIT_SYSTEM_LIBRARIES
from rosterapp.i18n import set_language


@pytest.fixture(autouse=True)
def _english():
    yield
    set_language("en")


def without(*sonames: str):
    def loadable(soname: str) -> bool:
        return soname not in sonames
    return loadable


@pytest.mark.parametrize(("lang", "words"), [("en", "system libraries are missing"), ("zh_CN", "缺少系统库")])
def test_the_window_names_the_missing_packages_and_exits(monkeypatch, capsys, lang, words):
    monkeypatch.setattr(display_libs, "loadable", without("libxcb-cursor.so.0", "libxkbcommon-x11.so.0"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert app.main(["main.py", "--lang", lang]) == EXIT_SYSTEM_LIBRARIES
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert words in err
    assert "sudo apt install libxcb-cursor0 libxkbcommon-x11-0" in err


def test_offscreen_and_screenshots_need_no_x11_libraries(monkeypatch):
    monkeypatch.setattr(display_libs, "loadable", without(*display_libs.QT_XCB_LIBRARIES))
    assert display_libs.missing_packages(window=True, environ={"QT_QPA_PLATFORM": "offscreen"}) == []
    assert display_libs.missing_packages(window=False, environ={}) == []
    assert display_libs.missing_packages(window=True, environ={}) == sorted(display_libs.QT_XCB_LIBRARIES.values())
    # A Wayland session: Qt takes its Wayland platform first.
    assert display_libs.missing_packages(window=True, environ={"WAYLAND_DISPLAY": "wayland-0"}) == []


def test_a_missing_gl_library_stops_screenshots_too(monkeypatch):
    monkeypatch.setattr(display_libs, "loadable", without("libEGL.so.1"))
    assert display_libs.missing_packages(window=False, environ={}) == ["libegl1"]


def test_this_machine_has_what_the_tests_need():
    assert display_libs.missing_packages(window=False) == []


@pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils' readelf not installed")
def test_the_lists_cover_what_qt_links_against():
    """Kept honest when PySide6 changes: every library Qt's GUI and X11 platform need is mapped."""
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    known = set(display_libs.QT_GUI_LIBRARIES) | set(display_libs.QT_XCB_LIBRARIES)
    # The C and C++ runtimes come with any system; zlib, zstd and gthread (glib's) with any Debian.
    ignored = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2",
               "libz.so.1", "libzstd.so.1", "libgthread-2.0.so.0"}
    for binary in ("lib/libQt6Gui.so.6", "lib/libQt6XcbQpa.so.6", "plugins/platforms/libqxcb.so",
                   "plugins/platforms/libqoffscreen.so"):
        out = subprocess.run(["readelf", "-d", str(qt / binary)], check=True, capture_output=True, text=True).stdout
        needed = {line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line}
        unmapped = {lib for lib in needed if not lib.startswith(("libQt6", "libicu"))} - known - ignored
        assert not unmapped, (binary, unmapped)
