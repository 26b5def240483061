"""Start-up of the window: screenshots, refusing a database, the crash hook, translators."""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from rosterapp.db import DatabasePermissionDenied
from rosterapp.errors import EXIT_DATABASE, EXIT_OK, EXIT_PERMISSION
from rosterapp.ui import application, crash
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.settings import LAST_DATABASE, WINDOW_GEOMETRY, Settings
from rosterapp.ui.translations import I18N_DIR, install_translators, remove_translators

TS = I18N_DIR / "rosterapp_zh_CN.ts"
QM = I18N_DIR / "rosterapp_zh_CN.qm"
PYSIDE_BIN = Path(sys.executable).parent


def args_for(db: Path | str, command: str | None = None, out: Path | None = None,
             create: bool = False) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), lang=None, debug=False, command=command, out=str(out) if out else None,
                              create=create)


def test_screenshot_writes_the_main_views(tmp_path, qapp, capsys):
    out = tmp_path / "shots"
    code = application.run_gui(args_for(tmp_path / "x.sqlite3", "screenshot", out, create=True), ["rosterapp"])
    assert code == EXIT_OK
    for name in ("mainwindow.png", "overview_corps.png"):
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == application.SCREENSHOT_SIZE
    assert str(out / "mainwindow.png") in capsys.readouterr().out


def test_the_window_opens_and_remembers_its_database(tmp_path, qapp):
    """The path of `python main.py` without a command; QSettings lives under the tests' private XDG dirs."""
    seen = []

    def close_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.close()  # the last window closed ends exec()

    QTimer.singleShot(200, close_window)
    # Never hang the suite; stopped afterwards, as a late quit() would end other tests' event loops.
    watchdog = QTimer(singleShot=True, interval=10_000)
    watchdog.timeout.connect(qapp.quit)
    watchdog.start()
    try:
        assert application.run_gui(args_for(tmp_path / "roster.sqlite3", create=True), ["rosterapp"]) == EXIT_OK
    finally:
        watchdog.stop()
    assert seen == ["roster.sqlite3 — 东城支队 — Duty Roster Planner"]
    stored = Settings()
    assert stored.value(LAST_DATABASE).endswith("roster.sqlite3")
    assert not stored.value(WINDOW_GEOMETRY).isEmpty()


@contextmanager
def closing_the_window_when_shown(qapp) -> Iterator[list[str]]:
    """Close the main window once it shows (which ends exec()), giving the titles seen; a watchdog
    quits a loop that would never end. Both timers stop with the block, before another test runs."""
    seen: list[str] = []

    def close_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.close()

    poll = QTimer(interval=100)
    poll.timeout.connect(close_window)
    watchdog = QTimer(singleShot=True, interval=20_000)
    watchdog.timeout.connect(qapp.quit)
    poll.start()
    watchdog.start()
    try:
        yield seen
    finally:
        poll.stop()
        watchdog.stop()


def answer_the_question(button: QMessageBox.StandardButton, asked: list[str]) -> None:
    """Click ``button`` of the message box the window asks with, as a clerk would (gives up after 10 s)."""
    def answer(tries: int = 200) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(50, lambda: answer(tries - 1))
            return
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)


def test_the_window_asks_before_it_makes_a_new_database(tmp_path, qapp, monkeypatch):
    monkeypatch.setattr(application, "is_headless", lambda: False)  # as on a screen, where a clerk answers
    new = tmp_path / "new folder" / "roster.sqlite3"
    asked = []
    answer_the_question(QMessageBox.StandardButton.Yes, asked)
    with closing_the_window_when_shown(qapp) as seen:
        assert application.run_gui(args_for(new), ["rosterapp"]) == EXIT_OK
    assert len(asked) == 1 and str(new) in asked[0] and "Create a new, empty database" in asked[0]
    assert seen == ["roster.sqlite3 — 东城支队 — Duty Roster Planner"]
    assert new.read_bytes().startswith(b"SQLite format 3\x00")


def test_no_to_a_new_database_exits_4_and_makes_nothing(tmp_path, qapp, monkeypatch):
    monkeypatch.setattr(application, "is_headless", lambda: False)
    typo = tmp_path / "nodir" / "roster.sqlite3"
    asked = []
    answer_the_question(QMessageBox.StandardButton.No, asked)
    with closing_the_window_when_shown(qapp) as seen:  # were it opened anyway, the test would not hang
        assert application.run_gui(args_for(typo), ["rosterapp"]) == EXIT_DATABASE
    assert len(asked) == 1 and str(typo) in asked[0]
    assert seen == [] and not typo.parent.exists()


def test_the_window_says_yes_by_itself_with_create(tmp_path, qapp, monkeypatch):
    monkeypatch.setattr(application, "is_headless", lambda: False)
    monkeypatch.setattr(application.QMessageBox, "question", lambda *a, **k: pytest.fail("asked despite --create"))
    new = tmp_path / "nodir" / "roster.sqlite3"
    with closing_the_window_when_shown(qapp) as seen:
        assert application.run_gui(args_for(new, create=True), ["rosterapp"]) == EXIT_OK
    assert seen and new.exists()


@pytest.mark.parametrize("command", [None, "screenshot"])
def test_headless_a_missing_database_is_refused_without_a_dialog(tmp_path, qapp, capsys, command):
    """Offscreen (and for screenshots) nobody could answer a question: refused as on the command line."""
    typo = tmp_path / "nodir" / "roster.sqlite3"
    out = tmp_path / "shots"
    with closing_the_window_when_shown(qapp) as seen:
        assert application.run_gui(args_for(typo, command, out), ["rosterapp"]) == EXIT_DATABASE
    err = capsys.readouterr().err
    assert str(typo) in err and "--create" in err
    assert seen == [] and not typo.parent.exists() and not out.exists()


def test_an_unusable_database_exits_4_with_a_message(tmp_path, qapp, capsys):
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("these are not the rosters you are looking for")
    assert application.run_gui(args_for(not_a_db), ["rosterapp"]) == EXIT_DATABASE
    assert "notes.sqlite3" in capsys.readouterr().err


def test_a_forbidden_database_exits_5(tmp_path, qapp, capsys, monkeypatch):
    def refuse(_args, **_how):
        raise DatabasePermissionDenied("Permission denied: /srv/roster.sqlite3")

    monkeypatch.setattr(application.cli, "open_db", refuse)
    assert application.run_gui(args_for(tmp_path / "x.sqlite3"), ["rosterapp"]) == EXIT_PERMISSION
    assert "Permission denied: /srv/roster.sqlite3" in capsys.readouterr().err


def test_the_crash_hook_logs_and_names_the_log_file(monkeypatch, capsys, caplog, qapp):
    monkeypatch.setattr(crash, "log_path", lambda: Path("/var/log/rosterapp/rosterapp.log"))
    before = sys.excepthook
    restore = crash.install_excepthook(headless=True)
    try:
        try:
            raise ValueError("排班冲突")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        restore()
    assert sys.excepthook is before
    err = capsys.readouterr().err
    assert "ValueError: 排班冲突" in err and "/var/log/rosterapp/rosterapp.log" in err
    assert any(r.levelname == "CRITICAL" and r.exc_info for r in caplog.records)


def test_the_crash_hook_shows_a_dialog_on_a_screen(monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda exc, details: shown.append((exc, details)))
    restore = crash.install_excepthook(headless=False)
    try:
        error = RuntimeError("boom")
        sys.excepthook(RuntimeError, error, None)
    finally:
        restore()
    assert shown and shown[0][0] is error and "RuntimeError: boom" in shown[0][1]


def test_chinese_loads_our_catalogue_and_qts(qapp):
    translators = install_translators(qapp, "zh_CN")
    try:
        assert len(translators) == 3  # ours, Qt's, and ours for what Qt's leaves in English
        assert QCoreApplication.translate("MainWindow", "Overview") == "概况"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own buttons
        assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    finally:
        remove_translators(qapp, translators)
    assert install_translators(qapp, "en") == []
    assert QCoreApplication.translate("MainWindow", "Overview") == "Overview"


def test_every_string_is_translated():
    messages = list(ET.parse(TS).iter("message"))
    assert messages
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []
    # A placeholder lost in translation would raise KeyError at run time.
    for m in messages:
        source, translation = m.findtext("source"), m.findtext("translation")
        assert sorted(_placeholders(source)) == sorted(_placeholders(translation)), source


def _placeholders(text: str) -> list[str]:
    import string

    return [field for _, field, _, _ in string.Formatter().parse(text) if field]


@pytest.mark.skipif(not (PYSIDE_BIN / "pyside6-lupdate").exists(), reason="pyside6 tools not installed")
def test_the_catalogue_is_up_to_date_with_the_sources(tmp_path):
    """Fails when a string was added to rosterapp/ui without running tools/update_translations.sh."""
    root = I18N_DIR.parent.parent
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (root / "rosterapp" / "ui").rglob("*.py"))
    subprocess.run([str(PYSIDE_BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)

    def keys(path: Path) -> set[tuple[str, str]]:
        return {(ctx.findtext("name"), m.findtext("source"))
                for ctx in ET.parse(path).iter("context") for m in ctx.iter("message")}

    assert keys(fresh) == keys(TS)
    # The committed .qm is the compiled committed .ts (lrelease output is deterministic).
    compiled = tmp_path / "fresh.qm"
    subprocess.run([str(PYSIDE_BIN / "pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True,
                   capture_output=True)
    assert compiled.read_bytes() == QM.read_bytes()
