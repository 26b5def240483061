"""The last line of defence: an uncaught exception is logged and reported in a dialog naming the log."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from rosterapp.logs import log_path

log = logging.getLogger("rosterapp.ui.crash")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def crash_message(exc: BaseException) -> tuple[str, str]:
    """The dialog's text and informative text (the log file's path) for ``exc``."""
    text = QCoreApplication.translate(
        "crash", "An unexpected error occurred: {error}\n"
                 "The program may not work correctly until it is restarted."
    ).format(error=f"{type(exc).__name__}: {exc}")
    path = log_path()
    if path is None:
        info = QCoreApplication.translate("crash", "No log file could be written.")
    else:
        info = QCoreApplication.translate(
            "crash", "The details were written to the log file:\n{path}\n"
                     "Please send this file to whoever maintains rosterapp."
        ).format(path=path)
    return text, info


def show_crash_dialog(exc: BaseException, details: str) -> None:
    """A modal report; Quit ends the program with exit code 1, Close carries on."""
    text, info = crash_message(exc)
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("crash", "rosterapp — unexpected error"), text,
                      parent=QApplication.activeWindow())
    box.setInformativeText(info)
    box.setDetailedText(details)
    quit_button = box.addButton(QCoreApplication.translate("crash", "Quit"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is quit_button:
        QApplication.exit(1)


def install_excepthook(headless: bool = False) -> Callable[[], None]:
    """Replace sys.excepthook; returns a function that puts the previous hook back.

    ``headless`` (offscreen rendering, screenshots) reports on stderr: a modal dialog there
    would wait for a click nobody can give.
    """
    previous = sys.excepthook
    busy = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal busy
        if issubclass(exc_type, KeyboardInterrupt) or busy:
            # A failure while reporting a failure goes to the plain hook rather than looping.
            previous(exc_type, exc, tb)
            return
        busy = True
        try:
            log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            if headless or QApplication.instance() is None:
                text, info = crash_message(exc)
                print(f"{text}\n{info}", file=sys.stderr)
            else:
                show_crash_dialog(exc, details)
        finally:
            busy = False

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore
