"""The File menu's Excel actions as a clerk uses them: export off the GUI thread with Cancel, previewed imports."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton
from sqlalchemy import func, select

from rosterapp.db import Database
from rosterapp.models import Detachment, Duty, Operation, Person, Post
from rosterapp.services import demo, subplans
from rosterapp.services.check import resolve_scope
from rosterapp.services.excel.export import export_workbook
from rosterapp.ui.excel_actions import ImportPreviewDialog, ProblemListDialog, install_excel_actions
from rosterapp.ui.hub import EditHub


@pytest.fixture
def demo_db(demo_copy) -> Database:
    return demo_copy(seed=1, start=dt.date(2026, 3, 1))


@pytest.fixture
def window(qtbot, demo_db):
    win = QMainWindow()
    qtbot.addWidget(win)
    menu = win.menuBar().addMenu("&File")
    quit_action = QAction("&Quit", win)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    menu.addAction(quit_action)
    changed = []
    hub = EditHub(demo_db, win)
    hub.changed.connect(changed.append)
    actions = install_excel_actions(win, menu, hub)
    win.excel, win.menu, win.changed = actions, menu, changed
    yield win
    actions.stop_jobs()


def people(db: Database) -> int:
    with db.begin() as s:
        return s.scalar(select(func.count()).select_from(Person))


def test_the_actions_sit_in_the_file_menu_before_quit(window):
    names = [a.objectName() for a in window.menu.actions()]
    assert names[:9] == ["exportHqAction", "exportRosterAction", "importPeopleAction", "importVehiclesAction",
                         "importPlanAction", "importRosterAction", "exportDutyTableAction", "importDutyTableAction",
                         "mergeAction"]
    assert window.menu.actions()[-1].text() == "&Quit"
    assert window.excel.export_action.text() == "&Export HQ Workbook…"


def test_export_runs_in_a_worker_and_writes_the_file(qtbot, window, tmp_path):
    out = tmp_path / "hq.xlsx"
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        job = window.excel.start_export(out, operation="1", detachment="DC")
    assert "hq.xlsx" in done.args[0]
    assert job.isFinished() or job.wait(5000)
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[3] == "东城支队"


def test_the_month_roster_of_the_grids_unit_runs_in_a_worker(qtbot, window, demo_db, tmp_path):
    with demo_db.read() as s:
        det = s.scalar(select(Detachment.id).where(Detachment.code == "DC"))
    window.excel.roster_unit = lambda: (None, det, dt.date(2026, 3, 1))
    window.excel.next_path = out = tmp_path / "dc.xlsx"
    assert window.excel.export_roster_action.text() == "Export Month &Roster (排班表)…"
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        job = window.excel.export_roster()
    assert "dc.xlsx" in done.args[0] and "2026-03" in done.args[0]
    assert job.isFinished() or job.wait(5000)
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.worksheets[0]["A1"].value.startswith("东城支队") and wb.worksheets[0]["A1"].value.endswith(
        "2026年3月执勤排班表")


def test_the_month_roster_needs_a_unit(qtbot, window, tmp_path):
    window.excel.roster_unit = lambda: (None, None, dt.date(2026, 3, 1))  # the whole city
    window.excel.next_path = tmp_path / "city.xlsx"
    assert window.excel.export_roster() is None
    assert isinstance(window.excel.last_dialog, QMessageBox)
    assert "station or a detachment" in window.excel.last_dialog.text()
    assert not (tmp_path / "city.xlsx").exists()


def test_a_cancelled_export_leaves_no_file(qtbot, window, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "hq.xlsx"
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        job = window.excel.start_export(out, operation="1")
        job.cancel()
    assert "Cancelled" in done.args[0]
    assert window.statusBar().currentMessage() == "Cancelled; nothing was written."
    assert list(folder.iterdir()) == []


def test_a_refused_import_lists_every_bad_cell_to_copy(qtbot, window, demo_db, tmp_path):
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站"])
    wb.active.append(["X1", "张伟", "通州", "前门"])
    wb.active.append(["X2", "", "东城", "前门"])
    wb.save(path)
    before = people(demo_db)
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000):
        window.excel.import_file("personnel", path)
    dialog = window.excel.last_dialog
    assert isinstance(dialog, ProblemListDialog)
    text = dialog.text.toPlainText().splitlines()
    assert text[0].startswith("row 2, 支队 (C2): ") and text[1].startswith("row 3, 姓名 (B3): ")
    # Every line names a cell: the clerk gets them as a table, copied as a spreadsheet pastes it.
    assert dialog.table is not None and dialog.table.rowCount() == 2
    dialog.copy_all()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "Sheet\tRow\tColumn\tCell\tReason" and copied[1].startswith("\t2\t支队\tC2\t")
    assert people(demo_db) == before and window.changed == []
    assert window.statusBar().currentMessage().startswith("The file was refused; nothing was written.")
    dialog.close()


def test_an_import_shows_a_preview_before_writing(qtbot, window, demo_db, tmp_path):
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站"])
    wb.active.append(["N1", "张伟", "东城", "前门"])
    wb.save(path)
    before = people(demo_db)
    questions = []
    window.excel.confirm = lambda dialog: questions.append(dialog.summary_label.text()) or False
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000) as declined:
        window.excel.import_file("personnel", path)
    assert "1 would be added" in questions[0] and declined.args[0] == "Nothing was imported."
    assert window.statusBar().currentMessage() == "Nothing was imported."
    assert people(demo_db) == before
    window.excel.confirm = lambda dialog: True
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000) as imported:
        window.excel.import_file("personnel", path)
    assert imported.args[0] == "people.xlsx: Imported: 1 added, 0 updated, 0 unchanged."
    assert people(demo_db) == before + 1 and len(window.changed) == 1


def test_the_preview_and_the_result_say_which_hidden_sheets_were_skipped(qtbot, window, demo_db, tmp_path):
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站"])
    wb.active.append(["N1", "张伟", "东城", "前门"])
    hidden = wb.create_sheet("人员名册")
    hidden.append(["工号", "姓名", "支队", "消防救援站"])
    hidden.append(["N2", "李强", "东城", "前门"])
    hidden.sheet_state = "hidden"
    wb.save(path)
    before = people(demo_db)
    questions = []
    window.excel.confirm = lambda dialog: questions.append((dialog.summary_label.text(), dialog.lines())) or True
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000):
        window.excel.import_file("personnel", path)
    [(question, lines)] = questions
    assert question.startswith("Dry run: 1 would be added, 0 updated, 0 left unchanged; nothing was written.\n"
                               "Skipped hidden sheets: 人员名册.\n\n")
    assert lines == ["Add 张伟 (N1)"]
    box = window.excel.last_dialog
    assert isinstance(box, QMessageBox)
    assert box.text() == "people.xlsx: Imported: 1 added, 0 updated, 0 unchanged.\nSkipped hidden sheets: 人员名册."
    assert people(demo_db) == before + 1
    box.close()


def test_a_file_past_the_limits_is_refused_in_one_line(qtbot, window, demo_db, tmp_path):
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站"])
    wb.active.append(["N1", "张伟", "东城", "前门"])
    wb.active["XFD2"] = "x"
    wb.save(path)
    before = people(demo_db)
    window.excel.confirm = lambda dialog: False  # a file read instead of refused is not imported either
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000):
        window.excel.import_file("personnel", path)
    dialog = window.excel.last_dialog
    assert isinstance(dialog, ProblemListDialog)
    assert dialog.text.toPlainText().splitlines() == [
        "people.xlsx: Sheet Sheet has data past column OJ (in XFD2); at most 400 columns are read."]
    assert people(demo_db) == before and window.changed == []
    dialog.close()


# --- how a job ends: what the clerk is told --------------------------------------------------------

class FolderOpener(QObject):
    """Where QDesktopServices.openUrl sends file: URLs while a test runs: what the clerk's file manager gets."""

    def __init__(self):
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@pytest.fixture
def file_manager(qapp):
    opener = FolderOpener()
    QDesktopServices.setUrlHandler("file", opener, "open_url")
    yield opener
    QDesktopServices.unsetUrlHandler("file")


def written_box(window) -> QMessageBox:
    box = window.excel.last_dialog
    assert isinstance(box, QMessageBox) and box.objectName() == "excelWritten" and box.isVisible()
    return box


def test_a_written_export_names_the_file_its_counts_and_offers_its_folder(qtbot, window, tmp_path, file_manager):
    out = tmp_path / "out" / "hq.xlsx"
    out.parent.mkdir()
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        window.excel.start_export(out, operation="1", detachment="DC")
    message = done.args[0]
    sheets = openpyxl.load_workbook(out, read_only=True).sheetnames
    assert re.fullmatch(rf"Written {re.escape(str(out))}: {len(sheets)} sheets, [1-9][0-9]* rows, "
                        r"2026-03-05 to 2026-03-15\.", message), message
    assert window.statusBar().currentMessage() == message
    box = written_box(window)
    assert box.text() == message
    box.findChild(QPushButton, "openFolderButton").click()
    assert file_manager.opened == [str(out.parent)]
    qtbot.waitUntil(lambda: not box.isVisible())


def test_a_written_merge_names_the_file_its_counts_and_offers_its_folder(qtbot, window, demo_db, tmp_path,
                                                                        file_manager):
    plans = []
    for code in ("DC", "XC"):
        with demo_db.begin() as s:
            scope = resolve_scope(s, operation="1", detachment=code)
            export_workbook(s, scope, tmp_path / f"{code}.xlsx", parallel=False)
        plans.append(tmp_path / f"{code}.xlsx")
    out = tmp_path / "merged" / "hq.xlsx"
    out.parent.mkdir()
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        window.excel.merge(plans, out)
    message = done.args[0]
    sheets = openpyxl.load_workbook(out, read_only=True).sheetnames
    assert message.startswith(f"Written {out}: 2 sub-plans (东城支队、西城支队), {len(sheets)} sheets, "), message
    assert "Missing: 朝阳支队、海淀支队、丰台支队、石景山支队." in message
    assert window.statusBar().currentMessage() == message
    box = written_box(window)
    assert box.text() == message
    box.findChild(QPushButton, "openFolderButton").click()
    assert file_manager.opened == [str(out.parent)]


def register_with(path, rows) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "支队", "消防救援站", "手机号"])
    for row in rows:
        wb.active.append(row)
    wb.save(path)


def test_the_preview_lists_the_rows_to_add_and_the_fields_to_change(qtbot, window, demo_db, tmp_path):
    with demo_db.begin() as s:
        someone = s.scalars(select(Person).where(Person.phone != "").order_by(Person.staff_no)).first()
        staff, name, phone = someone.staff_no, someone.name, someone.phone
        station = someone.station.name
        detachment = someone.station.detachment.short_name
    path = tmp_path / "people.xlsx"
    register_with(path, [["N1", "张伟", "东城", "前门", ""], [staff, name, detachment, station, "13900139000"]])
    seen = []

    def read_and_decline(dialog) -> bool:
        seen.append((dialog.windowTitle(), dialog.summary_label.text(), dialog.lines()))
        dialog.copy_all()
        return False

    window.excel.confirm = read_and_decline
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000):
        window.excel.import_file("personnel", path)
    [(title, summary, lines)] = seen
    assert title == "Import Personnel"
    assert summary.startswith("Dry run: 1 would be added, 1 updated, 0 left unchanged; nothing was written.")
    assert summary.endswith("Import people.xlsx now?")
    assert lines == ["Add 张伟 (N1)", f"Update {name} ({staff}): 手机号 {phone} → 13900139000"]
    assert QGuiApplication.clipboard().text().splitlines() == lines


def test_the_preview_is_answered_with_its_import_button(qtbot, window, demo_db, tmp_path):
    """No hook: the clerk reads the dialog and presses Import; the import is written and said so."""
    path = tmp_path / "people.xlsx"
    register_with(path, [["N1", "张伟", "东城", "前门", "13800138000"]])
    before = people(demo_db)
    shown = []

    def press_import(tries: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportPreviewDialog):
            if tries:
                QTimer.singleShot(50, lambda: press_import(tries - 1))
            elif dialog is not None:
                dialog.done(0)  # some other question: dismissed, so that the test fails instead of hanging
            return
        shown.append(dialog.lines())
        dialog.import_button.click()

    QTimer.singleShot(0, press_import)
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000) as imported:
        window.excel.import_file("personnel", path)
    assert shown == [["Add 张伟 (N1)"]]
    assert imported.args[0] == "people.xlsx: Imported: 1 added, 0 updated, 0 unchanged."
    assert window.statusBar().currentMessage() == imported.args[0]
    box = window.excel.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible() and box.text() == imported.args[0]
    assert people(demo_db) == before + 1
    box.close()


def test_the_plan_preview_lists_the_duties_it_replaces(qtbot, window, demo_db, tmp_path):
    plan = tmp_path / "dc.xlsx"
    with demo_db.begin() as s:
        export_workbook(s, resolve_scope(s, operation="1", detachment="DC"), plan, parallel=False)
        dc_posts = select(Post.id).join(Detachment).where(Detachment.code == "DC")
        duty = s.scalars(select(Duty).where(Duty.post_id.in_(dc_posts)).order_by(Duty.start, Duty.id)).first()
        line = f"Add {duty.post.code} {duty.start:%Y-%m-%d %H:%M} {duty.person.name} ({duty.person.staff_no}): "
        s.delete(duty)  # the workbook still has it
    seen = []
    window.excel.confirm = lambda dialog: seen.append(dialog.lines()) or False
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000):
        window.excel.import_file("plan", plan)
    [lines] = seen
    assert len(lines) == 1 and lines[0].startswith(line)


def test_a_chinese_clerk_reads_the_preview_and_the_result_in_chinese(qtbot, window, demo_db, tmp_path, use_language,
                                                                    file_manager):
    use_language("zh_CN")
    path = tmp_path / "people.xlsx"
    register_with(path, [["N1", "张伟", "东城", "前门", ""]])
    seen = []
    window.excel.confirm = lambda dialog: seen.append((dialog.summary_label.text(), dialog.lines(),
                                                       dialog.import_button.text())) or True
    with qtbot.waitSignal(window.excel.job_done, timeout=30_000) as imported:
        window.excel.import_file("personnel", path)
    [(summary, lines, button)] = seen
    assert summary.startswith("试运行：将新增 1 条，更新 0 条") and summary.endswith("现在导入 people.xlsx 吗？")
    assert lines == ["新增 张伟（N1）"] and button == "导入(&I)"
    assert imported.args[0] == "people.xlsx：导入完成：新增 1 条，更新 0 条，0 条不变。"
    out = tmp_path / "hq.xlsx"
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        window.excel.start_export(out, operation="1", detachment="DC")
    assert done.args[0].startswith(f"已写入 {out}：") and "个工作表" in done.args[0]
    box = written_box(window)
    assert box.findChild(QPushButton, "openFolderButton").text() == "打开所在文件夹(&F)"
    box.close()


# --- a workbook never takes the database's place, whichever way the file was chosen ------------------

def database_file(db: Database):
    from rosterapp.config import sqlite_path

    return sqlite_path(db.url)


def test_export_to_the_database_says_why_and_writes_nothing(qtbot, window, demo_db):
    path = database_file(demo_db)
    before = path.read_bytes()
    window.excel.next_path = path  # what the clerk picked in the Save dialog
    assert window.excel.export_hq() is None  # no job started
    box = window.excel.last_dialog
    assert isinstance(box, QMessageBox) and box.objectName() == "excelWarning"
    assert box.text() == f"Cannot write {path}: it is the database in use."
    assert window.statusBar().currentMessage() == box.text()
    assert path.read_bytes() == before and people(demo_db) > 0
    box.close()


@pytest.mark.parametrize("name", ["{db}-wal", "{db}.before-0001-20260301-080000.bak"])
def test_an_export_job_given_a_database_file_is_refused_in_the_worker_too(qtbot, window, demo_db, name):
    path = database_file(demo_db)
    target = path.with_name(name.format(db=path.name))
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as done:
        window.excel.start_export(target, operation="1")
    assert done.args[0].startswith(f"Cannot write {target}: it is a ")
    box = window.excel.last_dialog
    assert box.objectName() == "excelWarning" and box.text() == done.args[0]
    assert not target.exists() or not zipfile.is_zipfile(target)  # the open database's own -wal, not a workbook
    box.close()


def test_merge_into_a_read_only_file_or_a_sub_plan_it_reads_says_why(qtbot, window, demo_db, tmp_path):
    with demo_db.begin() as s:
        export_workbook(s, resolve_scope(s, operation="1", detachment="DC"), tmp_path / "DC.xlsx", parallel=False)
    plan = tmp_path / "DC.xlsx"
    sent = tmp_path / "sent.xlsx"
    sent.write_bytes(b"sent to headquarters")
    sent.chmod(0o444)
    before = plan.read_bytes()
    assert window.excel.merge([plan], sent) is None
    assert window.excel.last_dialog.text() == f"Cannot write {sent}: the file is read-only."
    assert window.excel.merge([plan], plan) is None
    assert window.excel.last_dialog.text() == f"Cannot write {plan}: it is one of the files being read."
    assert sent.read_bytes() == b"sent to headquarters" and plan.read_bytes() == before


def test_an_older_sub_plan_is_imported_only_when_the_clerk_says_so_and_an_approved_one_never(qtbot, window,
                                                                                            demo_db, tmp_path):
    plan = tmp_path / "dc.xlsx"
    with demo_db.begin() as s:
        op = s.scalar(select(Operation.id).where(Operation.name == demo.OPERATION_NAME))
        det = s.scalar(select(Detachment.id).where(Detachment.code == "DC"))
        export_workbook(s, resolve_scope(s, operation=str(op), detachment="DC"), plan, parallel=False)  # no version
        subplans.act(s, "submit", op, det)
    asked, previews = [], []
    window.excel.answer = lambda box: asked.append(box.text()) or False
    window.excel.confirm = lambda dialog: previews.append(dialog) or True
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as declined:
        window.excel.import_file("plan", plan)
    assert declined.args[0] == "Nothing was imported." and not previews and window.changed == []
    [question] = asked
    assert question.startswith("dc.xlsx carries no sub-plan version") and "at version 1 now" in question
    window.excel.answer = lambda box: True
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as imported:
        window.excel.import_file("plan", plan)
    assert imported.args[0].startswith("dc.xlsx: Imported the plan of 东城支队") and len(previews) == 1
    with demo_db.begin() as s:
        subplans.act(s, "approve", op, det)
    with qtbot.waitSignal(window.excel.job_done, timeout=60_000) as refused:
        window.excel.import_file("plan", plan)
    assert refused.args[0] == "The file was refused; nothing was written."
    dialog = window.excel.last_dialog
    assert isinstance(dialog, ProblemListDialog) and "is approved" in dialog.text.toPlainText()
    dialog.close()
