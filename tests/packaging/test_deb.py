"""The .deb, installed into a throwaway root (dpkg -x), runs offscreen from there: --version, demo,
check, export, print, and screenshots whose menus and grid are Chinese; and its window under Xvfb.

Building the package takes about two minutes (PyInstaller, then xz), so these tests carry the marker
`packaging`, which `make test` leaves out; `make test-packages` runs them. A package newer than every
file it is built from is reused.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

import rosterapp

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
DEB_LIMIT_MB = 150
SOURCES = ("rosterapp", "resources", "packaging", "pyproject.toml", "setup.py")


def newest_source() -> float:
    stamps = []
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        stamps += [p.stat().st_mtime for p in files]
    return max(stamps)


@pytest.fixture(scope="module")
def deb() -> Path:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed")
    pytest.importorskip("PyInstaller", reason="`make venv` installs PyInstaller")
    arch = subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True, text=True).stdout.strip()
    path = ROOT / "dist" / f"rosterapp_{rosterapp.__version__}_{arch}.deb"
    if not path.exists() or path.stat().st_mtime < newest_source():
        subprocess.run([str(ROOT / "packaging" / "build_deb.sh"), sys.executable], check=True, cwd=ROOT,
                       capture_output=True, timeout=900)
    return path


@pytest.fixture(scope="module")
def installed(deb, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("debroot")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def environ(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


def run(installed: Path, *args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    program = installed / "opt" / "rosterapp" / "rosterapp"
    return subprocess.run([str(program), *args], cwd=cwd, env=environ(**extra), capture_output=True, text=True,
                          timeout=300)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_the_package_is_small_and_declares_what_a_qt_window_needs(deb):
    size_mb = deb.stat().st_size / 2**20
    print(f"\n{deb.name}: {size_mb:.1f} MB")
    assert size_mb < DEB_LIMIT_MB
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Depends"],
                            check=True, capture_output=True, text=True).stdout
    assert f"Version: {rosterapp.__version__}" in fields
    for package in ("fonts-noto-cjk", "fontconfig", "libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libgl1"):
        assert re.search(rf"[ ,]{re.escape(package)}(,|$| )", fields, re.M), (package, fields)
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    assert all(" root/root " in line for line in listing.splitlines()), "files owned by root"
    # Nothing the program never loads.
    for unused in ("QtWebEngine", "Qt3D", "libQt6Quick", "libQt6Qml", "/qml/", "qtbase_de.qm", "pytest",
                   "rosterapp_zh_CN.ts"):
        assert unused not in listing, unused


def test_the_command_the_menu_entry_and_the_icon(installed):
    link = installed / "usr" / "bin" / "rosterapp"
    assert link.is_symlink() and os.readlink(link) == "/opt/rosterapp/rosterapp"
    entry = (installed / "usr" / "share" / "applications" / "rosterapp.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=排班与勤务计划" in entry
    assert re.search(r"^Name=\w", entry, re.M) and "Exec=rosterapp" in entry and "Icon=rosterapp" in entry
    icons = installed / "usr" / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "rosterapp.svg").is_file()
    assert png_size(icons / "48x48" / "apps" / "rosterapp.png") == (48, 48)
    assert png_size(icons / "256x256" / "apps" / "rosterapp.png") == (256, 256)
    # The translations travel inside the bundle, where RESOURCES_DIR looks.
    assert list((installed / "opt" / "rosterapp").rglob("rosterapp/resources/i18n/rosterapp_zh_CN.qm"))


def test_the_installed_program_runs_offscreen(installed, tmp_path):
    started = time.monotonic()
    version = run(installed, "--version", cwd=tmp_path)
    version_time = time.monotonic() - started
    assert version.returncode == 0, version.stderr
    assert rosterapp.__version__ in version.stdout

    db = tmp_path / "demo.sqlite3"
    demo = run(installed, "--db", str(db), "demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    check = run(installed, "--db", str(db), "check", cwd=tmp_path)
    assert check.returncode in (0, 1), check.stderr  # 1: the demo's deliberate problems
    assert "errors" in check.stdout or "错误" in check.stdout

    workbook = tmp_path / "hq.xlsx"
    state = tmp_path / "state"
    export = run(installed, "--db", str(db), "export", "--out", str(workbook), cwd=tmp_path,
                 XDG_STATE_HOME=str(state))
    assert export.returncode == 0, export.stderr
    assert workbook.read_bytes()[:2] == b"PK"
    # The export's check runs in its own process: the bundle itself, started with -m (packaging/entry.py).
    log = state / "rosterapp" / "log" / "rosterapp.log"
    assert "background check failed" not in (log.read_text(encoding="utf-8") if log.exists() else "")
    today = dt.date.today()
    job = subprocess.run([str(installed / "opt" / "rosterapp" / "rosterapp"), "-m", "rosterapp.services.excel.checkjob"],
                         input=json.dumps([f"sqlite:///{db}", today.isoformat(), today.isoformat(), None, None, None,
                                           None]),
                         cwd=tmp_path, env=environ(), capture_output=True, text=True, timeout=120)
    assert job.returncode == 0, job.stderr
    assert isinstance(json.loads(job.stdout), list)

    pdf = tmp_path / "sheet.pdf"
    printed = run(installed, "--db", str(db), "print", "--detachment", "DC", "--date", dt.date.today().isoformat(),
                  "--out", str(pdf), cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5000

    shots = tmp_path / "shots"
    started = time.monotonic()
    shot = run(installed, "--db", str(db), "--lang", "zh_CN", "screenshot", "--out", str(shots), cwd=tmp_path,
               ROSTERAPP_STARTUP_TIME="1")
    shot_time = time.monotonic() - started
    assert shot.returncode == 0, shot.stderr
    startup = re.search(r"startup: ([\d.]+) s to the first painted window", shot.stderr)
    assert startup, shot.stderr
    main = shots / "mainwindow.png"
    assert png_size(main) == (1400, 860)
    assert main.stat().st_size > 50_000, "a painted window, not a blank one"
    print(f"\n--version {version_time:.2f} s; first painted window {startup.group(1)} s; "
          f"screenshot command {shot_time:.2f} s")
    keep = os.environ.get("ROSTERAPP_KEEP_SCREENSHOTS")
    if keep:
        shutil.copytree(shots, keep, dirs_exist_ok=True)


def test_the_installed_window_is_chinese(installed, tmp_path):
    """The window itself (no command), offscreen, under a Chinese locale: closes after its first paint."""
    db = tmp_path / "new.sqlite3"
    state = tmp_path / "state"
    done = run(installed, "--db", str(db), "--create", cwd=tmp_path, LANG="zh_CN.UTF-8",
               ROSTERAPP_STARTUP_TIME="quit", XDG_STATE_HOME=str(state))
    assert done.returncode == 0, done.stderr
    assert "first painted window" in done.stderr
    # Ours and Qt's own catalogues (qtbase_zh_CN for Qt's dialogs) were found inside the bundle.
    log = (state / "rosterapp" / "log" / "rosterapp.log").read_text(encoding="utf-8")
    assert "translation" not in log or "not found" not in log, log


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb is not installed (apt-get install xvfb)")
def test_the_installed_window_opens_on_x11(installed, tmp_path):
    """Qt's X11 platform, as on a desktop: under Xvfb, the window paints and closes; the time is printed."""
    db = tmp_path / "new.sqlite3"
    program = installed / "opt" / "rosterapp" / "rosterapp"
    env = environ(ROSTERAPP_STARTUP_TIME="quit", LANG="zh_CN.UTF-8")
    env.pop("QT_QPA_PLATFORM")
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", str(program), "--db", str(db),
                           "--create"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    startup = re.search(r"startup: ([\d.]+) s to the first painted window", done.stderr)
    assert startup, done.stderr
    print(f"\nX11 (Xvfb): first painted window {startup.group(1)} s")


def test_the_installed_program_works_on_a_server(installed, server_url, tmp_path):
    """Server mode travels in the package: the PostgreSQL driver and its libpq are in the bundle."""
    server = run(installed, "server", "init", server_url, cwd=tmp_path)
    assert server.returncode == 0, server.stderr
    listed = run(installed, "--db", server_url, "--lang", "en", "users", "list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "admin" in listed.stdout
