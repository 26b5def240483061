"""Qt's own dialogs under zh_CN, opened as the program opens them: no English label left (Qt's catalogue
completed by resources/i18n/qt_extra_zh_CN.ts); the file dialogs are Qt's own, start in Documents (文档)
and suggest a Chinese file name that says whose and what the file is."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from rosterapp.db import Database
from rosterapp.reports.batch import STATION, SheetRequest
from rosterapp.services import dutyday
from rosterapp.ui import file_dialogs
from rosterapp.ui.application import make_application
from rosterapp.ui.excel_actions import ExcelActions, install_excel_actions
from rosterapp.ui.file_dialogs import chinese_days, documents_folder, file_name
from rosterapp.ui.hub import EditHub
from rosterapp.ui.printing.actions import install_print_actions
from rosterapp.ui.printing.pdf import load_batch

START = dt.date(2026, 3, 1)
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
# What may stay in Latin letters: file names and paths, filters, paper sizes and units, PDF, numbers.
ALLOWED = re.compile(r"ANSI [A-E]\b|\d+x\d+|\S*[/\\]\S*|\S+\.\w+|\(\*\.\w+\)|\b(?:Excel|PDF|JIS|ANSI|ISO|[ABC]\d+|mm|cm|in|pt|x|"
                     r"[KMGT]?i?B)\b", re.IGNORECASE)


def english(text: str) -> bool:
    """Text a Chinese clerk would read as English: Latin letters once the allowed tokens are gone, no Chinese."""
    text = text.replace("&", "")
    return bool(text) and not CJK.search(text) and bool(re.search("[A-Za-z]", ALLOWED.sub("", text)))


def texts(widget: QWidget) -> list[str]:
    """Every label a clerk reads in ``widget``: titles, labels, buttons and their tooltips, group boxes,
    combo items, tabs, headers, actions, the first rows of item views."""
    found = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        if isinstance(child, QLabel):
            found.append(child.text())
        if isinstance(child, QAbstractButton):
            found += [child.text(), child.toolTip()]
        if isinstance(child, QGroupBox):
            found.append(child.title())
        if isinstance(child, QComboBox):
            found += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, QLineEdit):
            found.append(child.placeholderText())
        if isinstance(child, QTabWidget):
            found += [child.tabText(i) for i in range(child.count())]
        if isinstance(child, QHeaderView) and child.model() is not None:
            model = child.model()
            count = model.columnCount() if child.orientation() == Qt.Orientation.Horizontal else 0
            found += [str(model.headerData(i, child.orientation()) or "") for i in range(count)]
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            model, root = child.model(), child.rootIndex()
            for row in range(min(model.rowCount(root), 20)):
                for column in range(model.columnCount(root)):
                    found.append(str(model.index(row, column, root).data() or ""))
        for action in child.actions():
            found += [action.text(), action.toolTip()]
        found.append(child.toolTip())
    return [t for t in found if t]


def english_in(widget: QWidget, names: set[str] = frozenset()) -> list[str]:
    """The English labels of ``widget``, leaving out ``names`` (of files and folders it shows)."""
    return sorted({t for t in texts(widget) if english(t) and t not in names})


def answer_modal(answer: Callable[[QWidget], bool]) -> None:
    """Call ``answer`` on each modal dialog as it comes up, until it returns True (done)."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not answer(dialog):
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)


@pytest.fixture
def chinese(use_language):
    use_language("zh_CN")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A home folder of the test's own, with no Documents folder yet and no XDG user-dirs file."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(tmp_path)  # the current directory must not be where a dialog opens
    return home


@pytest.fixture
def demo_db(demo_copy) -> Database:
    return demo_copy(seed=1, start=START)


@pytest.fixture
def window(qtbot, demo_db):
    win = QMainWindow()
    qtbot.addWidget(win)
    menu = win.menuBar().addMenu("&File")
    hub = EditHub(demo_db, win)
    win.excel = install_excel_actions(win, menu, hub)
    win.printing = install_print_actions(win, menu, demo_db, lambda: "station:QM")
    yield win
    win.excel.stop_jobs()
    win.printing.stop_jobs()


def test_the_program_uses_qt_s_own_dialogs(qapp):
    make_application([])
    assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    assert file_dialogs.DIALOG_OPTIONS & QFileDialog.Option.DontUseNativeDialog


def test_documents_is_made_when_missing(home):
    assert documents_folder() == home / "Documents" and (home / "Documents").is_dir()


def test_a_chinese_desktop_s_documents_folder_is_used(home):
    (home / ".config").mkdir()
    (home / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/文档"\n', encoding="utf-8")
    assert documents_folder() == home / "文档" and (home / "文档").is_dir()


def test_home_when_documents_cannot_be_made(home):
    (home / "Documents").write_text("not a folder")
    assert documents_folder() == home


def test_file_names_say_whose_and_when():
    assert file_name("东城支队", chinese_days(dt.date(2027, 1, 1), dt.date(2027, 1, 31)), "安保方案",
                     suffix=".xlsx") == "东城支队_2027年1月_安保方案.xlsx"
    assert file_name("A/B: c", "", "排班表", suffix=".xlsx") == "A_B__c_排班表.xlsx"
    assert chinese_days(dt.date(2027, 2, 1), dt.date(2027, 2, 28)) == "2027年2月"
    assert chinese_days(dt.date(2027, 2, 1), dt.date(2027, 2, 27)) == "2027年2月1日至2月27日"


def test_hq_and_merged_names():
    class Op:
        id, name = 7, "全国两会消防安保"

    class Det:
        code, name = "DC", "东城支队"

    choice = {"operation": "7", "detachment": "DC", "first": START, "last": dt.date(2026, 3, 31)}
    assert ExcelActions.hq_name(choice, [Op], [Det]) == "东城支队_全国两会消防安保_安保方案.xlsx"
    choice = {"operation": None, "detachment": None, "first": START, "last": dt.date(2026, 3, 31)}
    assert ExcelActions.hq_name(choice, [Op], [Det]) == "总队_2026年3月_安保方案.xlsx"
    paths = [Path("东城支队_全国两会消防安保_安保方案.xlsx"), Path("西城支队_全国两会消防安保_安保方案.xlsx")]
    assert ExcelActions.merged_name(paths, START) == "总队_全国两会消防安保_安保方案（合并）.xlsx"
    assert ExcelActions.merged_name([Path("a.xlsx")], START) == "总队_2026年3月_安保方案（合并）.xlsx"


def file_dialog_seen(trigger: Callable[[], object], *, accept_first: bool = False) -> dict:
    """Run ``trigger`` and answer the file dialog it opens (accepting any dialog before it); what it showed."""
    seen: dict = {}

    def answer(dialog: QWidget) -> bool:
        if not isinstance(dialog, QFileDialog):
            if isinstance(dialog, QDialog) and accept_first:
                dialog.accept()
            return False
        folder = Path(dialog.directory().absolutePath())
        names = {*folder.parts, *(p.name for p in folder.iterdir())} if folder.is_dir() else set(folder.parts)
        seen.update(dialog=type(dialog), folder=folder,
                    name=dialog.findChild(QLineEdit, "fileNameEdit").text(), english=english_in(dialog, names),
                    native=dialog.testOption(QFileDialog.Option.DontUseNativeDialog) is False,
                    save=dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave)
        dialog.reject()
        return True

    answer_modal(answer)
    trigger()
    return seen


def test_save_dialogs_are_chinese_start_in_documents_and_name_the_file(chinese, home, window, demo_db):
    excel = window.excel
    excel.roster_unit = lambda: (None, 1, START)
    seen = file_dialog_seen(excel.export_roster)
    assert seen["save"] and not seen["native"]
    assert seen["folder"] == home / "Documents"
    assert seen["english"] == []
    with demo_db.read() as s:
        from rosterapp.models import Detachment
        detachment = s.get(Detachment, 1).name
    assert seen["name"] == f"{detachment}_2026年3月_排班表.xlsx"
    seen = file_dialog_seen(excel.export_duty_table)
    assert seen["name"] == f"{detachment}_2026年3月_值班表.xlsx" and seen["english"] == []
    seen = file_dialog_seen(excel.export_hq, accept_first=True)
    assert seen["name"].startswith("总队_") and seen["name"].endswith("_安保方案.xlsx")
    assert seen["folder"] == home / "Documents" and seen["english"] == []


def test_open_dialogs_are_chinese_and_start_in_documents(chinese, home, window):
    (home / "Documents").mkdir()
    (home / "Documents" / "子文件夹").mkdir()
    (home / "Documents" / "东城支队_2026年3月_排班表.xlsx").write_bytes(b"")
    for trigger in (lambda: window.excel.import_file("personnel"), window.excel.import_roster, window.excel.merge):
        seen = file_dialog_seen(trigger)
        assert not seen["save"] and not seen["native"]
        assert seen["folder"] == home / "Documents"
        assert seen["english"] == []


def test_the_pdf_dialog_names_the_sheet_in_chinese(chinese, home, window):
    seen = file_dialog_seen(window.printing.save_pdf, accept_first=True)
    assert seen["folder"] == home / "Documents" and seen["english"] == []
    # The selection (a station the demo lacks) gives the detachments' summary of tomorrow.
    tomorrow = dutyday.today() + dt.timedelta(days=1)
    assert seen["name"] == f"全部支队_{chinese_days(tomorrow, tomorrow)}_执勤力量汇总表.pdf"


def test_the_print_dialog_and_its_properties_are_chinese(chinese, window):
    seen: dict = {}

    def answer(dialog: QWidget) -> bool:
        if isinstance(dialog, QPrintDialog):
            dialog.show()
            options = next(b for b in dialog.findChildren(QAbstractButton) if ">>" in b.text())
            options.click()
            QApplication.processEvents()
            seen["print"] = english_in(dialog)
            properties = next(b for b in dialog.findChildren(QAbstractButton) if b.objectName() == "properties")
            if properties.isEnabled():
                answer_modal(properties_answer)
                properties.click()
            dialog.reject()
            return True
        if isinstance(dialog, QDialog):
            dialog.accept()  # what to print: the sheets of the selection
        return False

    def properties_answer(dialog: QWidget) -> bool:
        if isinstance(dialog, QPrintDialog):
            return False
        seen["properties"] = english_in(dialog)
        dialog.reject()
        return True

    answer_modal(answer)
    window.printing.print_sheets()
    assert seen["print"] == []
    assert seen.get("properties", []) == []


@pytest.mark.qt_log_ignore("Cannot be used on non-native printers")  # no printer here: a PDF printer
def test_the_preview_and_page_setup_are_chinese(chinese, qtbot, window, demo_db):
    from rosterapp.ui.printing.fonts import sheet_fonts

    with demo_db.read() as s:
        from rosterapp.models import Station
        station = s.query(Station).first().id
    batch = load_batch(demo_db, SheetRequest(STATION, (station,), START, START))
    preview = window.printing.open_preview(batch.title(), list(batch.documents()), fonts=sheet_fonts())
    qtbot.waitExposed(preview)
    assert isinstance(preview, QPrintPreviewDialog)
    assert english_in(preview) == []
    actions = [a for a in preview.findChildren(QAction) if a.text()]
    assert actions and not [a.text() for a in actions if english(a.text())]
    # The preview's page setup button opens Qt's page setup dialog on the preview's printer.
    setup = QPageSetupDialog(preview.printer_ref, preview)
    setup.show()
    assert english_in(setup) == []
    setup.close()
    preview.close()


def test_message_box_buttons_and_text_menus_are_chinese(chinese, qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "标题", "正文")
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Ok | buttons.Cancel | buttons.Yes | buttons.No | buttons.Close | buttons.Save
                           | buttons.Discard | buttons.Apply | buttons.Reset | buttons.Retry | buttons.Ignore
                           | buttons.Abort | buttons.Open | buttons.Help | buttons.RestoreDefaults)
    box.setDetailedText("细节")
    qtbot.addWidget(box)
    box.show()
    assert english_in(box) == []
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    undo = menu.actions()[0].text()
    assert undo.startswith("撤销") and "撤消" not in undo
    assert QCoreApplication.translate("QUndoStack", "Undo %1") == "撤销 %1"


def test_the_export_dialog_fits_its_chinese_choices(chinese, qtbot):
    from rosterapp.ui.excel_actions import ExportDialog

    class Op:
        id, name = 7, "全国两会消防安保"
        start_date, end_date = START, dt.date(2026, 3, 15)

    class Det:
        code, name = "DC", "东城支队"

    dialog = ExportDialog([Op], [Det])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for combo in (dialog.operation_combo, dialog.detachment_combo):
        metrics = combo.fontMetrics()
        widest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.width() >= widest + 24  # the text and the arrow
        assert combo.toolTip() == combo.currentText()
        assert combo.itemData(0, Qt.ItemDataRole.ToolTipRole) == combo.itemText(0)


def test_an_elided_navigator_name_shows_whole_in_its_tooltip(chinese):
    from rosterapp.services.overview import OperationCount
    from rosterapp.ui.navigator import NAME, NavigatorModel

    model = NavigatorModel()
    task = OperationCount(id=1, name="全国两会消防安保", start_date=START, end_date=dt.date(2026, 3, 15),
                          readiness="level2", posts=150)
    model.set_content([], [], [task])
    task = model.index(0, NAME, model.index(1, NAME))
    tip = task.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(task.data()) and "2026-03-01" in tip
