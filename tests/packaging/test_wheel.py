"""The wheel carries what the program needs at run time: installed into a fresh venv, away from the
source tree, its window is Chinese under a Chinese locale and its migrations build a new database.

The fresh venv borrows the dependencies already installed beside this interpreter (a .pth naming their
site-packages, appended after the venv's own, so the installed rosterapp wins over any other), which
keeps the test offline and fast. It runs in `make test` (about 10 s).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("build", reason="`make venv` installs the build frontend")

# Builds the window as the program does, on a new database, and says what it found.
PROBE = r"""
import json, sqlite3, sys
import rosterapp
from rosterapp.i18n import language, set_language, system_language
set_language(system_language())
from rosterapp.db import open_database
from rosterapp.ui.application import make_application
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.translations import RESOURCES_DIR, install_translators
app = make_application([])
install_translators(app, language())
db = open_database("sqlite:///" + sys.argv[1], create=True)
window = MainWindow(db, settings=None)
menus = [a.text() for a in window.menuBar().actions()]
window.close()
db.dispose()
print(json.dumps({"package": rosterapp.__file__, "resources": str(RESOURCES_DIR), "language": language(),
                  "menus": menus}))
"""


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without what would lead a child to the source tree or choose its language."""
    environ = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    environ.update(extra)
    return environ


def source_copy(dest: Path) -> Path:
    """What the build reads, copied away so that the build leaves nothing in the working tree."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("rosterapp", "resources"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def build_wheel(src: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=300, env=clean_env())
    [wheel] = out.glob("rosterapp-*.whl")
    return wheel


def fresh_venv(where: Path, wheel: Path) -> Path:
    """A venv holding the wheel, with the dependencies of this interpreter's site-packages behind it."""
    venv.EnvBuilder(with_pip=False).create(where)
    python = where / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "--disable-pip-version-check", "-q", str(wheel)], check=True, capture_output=True, timeout=300,
                   env=clean_env())
    site = site_packages(where)
    # A plain path line: its folder's own .pth files (this checkout's editable install) are not run.
    (site / "zz_borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return where


def site_packages(env_dir: Path) -> Path:
    return Path(subprocess.run([str(env_dir / "bin" / "python"), "-c",
                                "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True, env=clean_env()).stdout.strip())


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(source_copy(base / "src"), base / "dist")
    return fresh_venv(base / "venv", wheel)


def run_installed(env_dir: Path, args: list[str], cwd: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=clean_env(QT_QPA_PLATFORM="offscreen", **env), capture_output=True,
                          text=True, timeout=120)


def test_the_wheel_carries_migrations_and_resources(installed):
    package = site_packages(installed) / "rosterapp"
    assert (package / "resources" / "i18n" / "rosterapp_zh_CN.qm").is_file()
    assert not list((package / "resources").rglob("*.ts")), "translators' sources stay out of the wheel"
    shipped = {p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*")
               if p.is_file() and p.suffix != ".ts" and "__pycache__" not in p.parts}
    assert shipped == {p.relative_to(package / "resources") for p in (package / "resources").rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts}
    # Every module, also those of folders without an __init__.py, and the migrations.
    assert {p.relative_to(ROOT / "rosterapp") for p in (ROOT / "rosterapp").rglob("*.py")} == \
        {p.relative_to(package) for p in package.rglob("*.py") if "resources" not in p.parts}


def test_the_installed_window_is_chinese_and_migrates_a_new_database(installed, tmp_path):
    db = tmp_path / "new.sqlite3"
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    done = run_installed(installed, [str(installed / "bin" / "python"), str(probe), str(db)], cwd=tmp_path,
                         LANG="zh_CN.UTF-8")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # The installed wheel, not the source tree, and its own resources.
    assert Path(found["package"]).is_relative_to(installed), found
    assert Path(found["resources"]).is_relative_to(installed), found
    assert found["language"] == "zh_CN"
    assert found["menus"][0].startswith("文件"), found["menus"]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in found["menus"]), found["menus"]
    with sqlite3.connect(db) as conn:
        [(version,)] = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        [(detachments,)] = conn.execute("SELECT count(*) FROM detachment").fetchall()
    heads = sorted(p.stem for p in (ROOT / "rosterapp" / "migrations" / "versions").glob("0*.py"))
    assert version == heads[-1].split("_")[0], (version, heads)
    assert detachments == 6


def test_the_installed_command_prints_its_version(installed, tmp_path):
    import rosterapp

    done = run_installed(installed, [str(installed / "bin" / "rosterapp"), "--version"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert rosterapp.__version__ in done.stdout
