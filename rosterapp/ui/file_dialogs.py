"""The window's file dialogs: Qt's own (never the desktop's), starting in the user's Documents folder, with
a Chinese file name that says whose and what the file is (东城支队_2027年1月_排班表.xlsx).

Qt's own dialogs, not the desktop's native ones: the native dialog on a Linux desktop (GTK through the
xdg portal, or the DDE and UKUI themes of UOS and Kylin) speaks the desktop's language only where the
desktop's own translations are installed, and nothing here can show that they are; Qt's widgets-based
dialogs come with the program, speak Chinese through Qt's catalogue plus resources/i18n/qt_extra_zh_CN.ts
(tests/ui/test_qt_dialogs_chinese.py opens them under zh_CN and finds no English label), and look and
behave the same on every desktop a clerk meets. make_application sets Qt.AA_DontUseNativeDialogs for the
whole program (message boxes included); the dialogs here also ask for Qt's own with DontUseNativeDialog.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

log = logging.getLogger("rosterapp.ui")

DIALOG_OPTIONS = QFileDialog.Option.DontUseNativeDialog
# Characters Windows (and so WPS and Excel on it) refuses in a file name.
FORBIDDEN = '<>:"/\\|?*'


def documents_folder() -> Path:
    """Where save and open dialogs start: the user's Documents folder (文档), made when missing, else the
    home folder; never the program's folder or the current directory."""
    home = Path.home()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location:
        folder = Path(location)
        # Qt answers the home folder itself where no Documents folder is configured.
        if folder.is_absolute() and folder != home:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                log.warning("cannot make the Documents folder %s: %s", folder, exc)
            else:
                return folder
    return home


def safe_name(name: str) -> str:
    """``name`` with the characters file systems refuse (and spaces) made underscores."""
    return "".join("_" if ch in FORBIDDEN or ch.isspace() else ch for ch in name.strip())


def file_name(*parts: str, suffix: str) -> str:
    """The parts joined by underscores, empty ones left out: file_name("东城支队", "2027年1月", "排班表",
    suffix=".xlsx") is 东城支队_2027年1月_排班表.xlsx."""
    return "_".join(safe_name(p) for p in parts if p and p.strip()) + suffix


def chinese_month(day: dt.date) -> str:
    return f"{day.year}年{day.month}月"


def chinese_days(first: dt.date, last: dt.date) -> str:
    """2027年1月 for a whole month, 2027年3月6日 for one day, else 2027年3月6日至3月8日 (the year again when
    it changes)."""
    if first == last:
        return f"{first.year}年{first.month}月{first.day}日"
    next_day = last + dt.timedelta(days=1)
    if first.day == 1 and (first.year, first.month) == (last.year, last.month) and next_day.day == 1:
        return chinese_month(first)
    end = f"{last.month}月{last.day}日" if last.year == first.year else f"{last.year}年{last.month}月{last.day}日"
    return f"{first.year}年{first.month}月{first.day}日至{end}"


def ask_save_path(parent: QWidget | None, caption: str, suggested: Path, name_filter: str) -> str:
    """The file the clerk chose to write (Qt's own dialog, starting at ``suggested``), or ""."""
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), name_filter, options=DIALOG_OPTIONS)
    return chosen


def ask_open_paths(parent: QWidget | None, caption: str, folder: Path, name_filter: str, *,
                   many: bool = False) -> list[str]:
    """The files the clerk chose to read (Qt's own dialog, starting in ``folder``); [] when none."""
    if many:
        chosen, _ = QFileDialog.getOpenFileNames(parent, caption, str(folder), name_filter, options=DIALOG_OPTIONS)
        return list(chosen)
    one, _ = QFileDialog.getOpenFileName(parent, caption, str(folder), name_filter, options=DIALOG_OPTIONS)
    return [one] if one else []
