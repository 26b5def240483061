"""The window's print actions: the File menu, the sheet dialog's defaults, and jobs off the GUI thread."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMainWindow, QMessageBox, QProgressDialog
from sqlalchemy import select

from rosterapp.models import Detachment, Operation, Post, Station
from rosterapp.reports.batch import DETACHMENT, POST, STATION, SheetRequest, print_targets
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.printing.actions import install_print_actions, pdf_name
from rosterapp.ui.printing.dialog import PrintSetupDialog, default_target
from rosterapp.ui.printing.fonts import sheet_fonts

START = dt.date(2027, 3, 1)


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=1, start=START)


def ids(db, model, **where):
    with db.begin() as s:
        query = select(model.id)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return tuple(s.scalars(query.order_by(model.id)))


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db, None)
    qtbot.addWidget(window)
    return window


def test_the_file_menu_offers_print_preview_and_pdf_before_quit(window):
    texts = [a.text() for a in window.file_menu.actions()]
    at = texts.index("&Print Shift Sheets…")
    assert texts[at:at + 3] == ["&Print Shift Sheets…", "Print Pre&view…", "Save Sheets as P&DF…"]
    assert texts[-1] == "&Quit"
    controller = window.print_controller
    assert controller.print_action.shortcut() in (QKeySequence(QKeySequence.StandardKey.Print),
                                                  QKeySequence("Ctrl+P"))
    assert not controller.print_action.shortcut().isEmpty()


def test_installing_on_a_bare_window_appends_to_its_menu(qtbot, demo_db):
    bare = QMainWindow()
    qtbot.addWidget(bare)
    menu = bare.menuBar().addMenu("File")
    controller = install_print_actions(bare, menu, demo_db, lambda: "")
    assert [a for a in menu.actions() if not a.isSeparator()] == controller.actions()


def test_the_dialog_starts_on_the_selection_and_tomorrow(qtbot, demo_db):
    with demo_db.begin() as s:
        targets = print_targets(s)
    today = dt.date(2027, 3, 5)
    qianmen = ids(demo_db, Station, short_name="前门")
    dialog = PrintSetupDialog(targets, "station:前门消防救援站", today, "Print…")
    qtbot.addWidget(dialog)
    request = dialog.request()
    assert request == SheetRequest(STATION, qianmen, dt.date(2027, 3, 6), dt.date(2027, 3, 6))
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Print…"
    assert dialog.summary_label.text() == "Sheets: 1 (1 a day for 1 day(s))."
    # Accepting right away is the second click of "print tomorrow's sheets" (Enter does the same).
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted

    dc = ids(demo_db, Detachment, code="DC")
    assert default_target(targets, "detachment:DC") == (DETACHMENT, dc)
    kind, posts = default_target(targets, "operation:全国两会消防安保")
    assert kind == POST and sorted(posts) == list(ids(demo_db, Post))
    assert default_target(targets, "corps") == (DETACHMENT, ids(demo_db, Detachment))


def test_the_dialog_switches_kinds_and_keeps_the_range_forward(qtbot, demo_db):
    with demo_db.begin() as s:
        targets = print_targets(s)
    dialog = PrintSetupDialog(targets, "detachment:DC", dt.date(2027, 3, 5), "Save as PDF…")
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(STATION))
    assert dialog.target_combo.currentText() == "All stations of 东城支队"
    # The detachment's stations, not its staff office (which has no station sheet).
    office = ids(demo_db, Station, grade="office")
    assert dialog.ids() == tuple(i for i in ids(demo_db, Station, detachment_id=ids(demo_db, Detachment, code="DC")[0])
                                 if i not in office)
    dialog.set_days(dt.date(2027, 3, 6), dt.date(2027, 3, 10))
    assert dialog.summary_label.text() == "Sheets: 15 (3 a day for 5 day(s))."
    dialog.first_edit.setDate(dialog.first_edit.date().addDays(10))
    request = dialog.request()
    assert request.first == request.last == dt.date(2027, 3, 16)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(POST))
    assert dialog.target_combo.currentText() == "All posts of 全国两会消防安保"
    assert dialog.target_combo.itemText(1).strip().startswith("DC-01 ")


def run_job(qtbot, controller, start):
    with qtbot.waitSignal(controller.job_done, timeout=60_000) as done:
        job = start()
        assert job is not None
    job.wait()
    return done.args[0]


def test_save_as_pdf_runs_in_a_worker_and_reports(qtbot, window, tmp_path):
    path = tmp_path / "sheets.pdf"
    request = SheetRequest(STATION, ids(window._db, Station)[:3], dt.date(2027, 3, 5), dt.date(2027, 3, 6))
    message = run_job(qtbot, window.print_controller, lambda: window.print_controller.start_pdf(request, path))
    assert message.startswith(f"Saved {path}: 6 sheets, ")
    assert path.read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == message


def test_cancel_stops_the_job_and_writes_nothing(qtbot, window, tmp_path):
    path = tmp_path / "never.pdf"
    controller = window.print_controller
    request = SheetRequest(STATION, ids(window._db, Station), START, START + dt.timedelta(days=30))

    def start_and_cancel():
        job = controller.start_pdf(request, path)
        job.cancel()  # what the progress dialog's Cancel does
        return job

    message = run_job(qtbot, controller, start_and_cancel)
    assert message == "Cancelled: nothing was printed or saved."
    assert not any(p.suffix in (".pdf", ".part") for p in tmp_path.iterdir())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (make test installs it)")
def test_printing_goes_to_the_printer_it_was_given(qtbot, window, tmp_path):
    # No real printer here: Qt's PDF printer is the same QPrinter path as a physical one.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dc = ids(window._db, Detachment, code="DC")
    request = SheetRequest(DETACHMENT, dc, dt.date(2027, 3, 6), dt.date(2027, 3, 6))
    message = run_job(qtbot, window.print_controller, lambda: window.print_controller.start_print(request, printer))
    assert message.startswith("Sent 1 sheets, ")
    text = subprocess.run(["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "执勤力量汇总表" in text and "东城支队" in text


def test_preview_builds_off_thread_and_paints_on_request(qtbot, window, tmp_path):
    controller = window.print_controller
    posts = ids(window._db, Post)[:2]
    with window._db.begin() as s:
        first = s.scalar(select(Operation.start_date))
    request = SheetRequest(POST, posts, first, first + dt.timedelta(days=1))
    job = controller.start_preview(request)
    with qtbot.waitSignal(job.succeeded, timeout=60_000) as built:
        pass
    title, documents = built.args[0]
    assert len(documents) == 4 and title.startswith("点位执勤表 2个点位")
    qtbot.waitUntil(lambda: window.findChild(QPrintPreviewDialog, "printPreview") is not None)
    preview = window.findChild(QPrintPreviewDialog, "printPreview")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    result = controller.paint_preview(printer, documents, sheet_fonts())
    assert result.documents == 4 and result.pages >= 4
    preview.close()


def test_pdf_names_say_what_and_when():
    request = SheetRequest(STATION, (1,), dt.date(2027, 3, 6), dt.date(2027, 3, 6))
    assert pdf_name(request, "前门消防救援站") == "前门消防救援站_2027年3月6日_执勤实力表.pdf"
    request = SheetRequest(DETACHMENT, (1,), dt.date(2027, 3, 6), dt.date(2027, 3, 8))
    assert pdf_name(request, "全部 支队") == "全部_支队_2027年3月6日至3月8日_执勤力量汇总表.pdf"
    request = SheetRequest(POST, (1,), dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    assert pdf_name(request, "东城/支队") == "东城_支队_2027年3月_点位执勤表.pdf"
    request = SheetRequest(POST, (1,), dt.date(2026, 12, 30), dt.date(2027, 1, 2))
    assert pdf_name(request, "东城支队") == "东城支队_2026年12月30日至2027年1月2日_点位执勤表.pdf"


# --- every way a job ends closes its progress dialog and says what happened -----------------------

def visible_progress(window) -> list[QProgressDialog]:
    return [d for d in window.findChildren(QProgressDialog, "printProgress") if d.isVisible()]


@pytest.fixture
def warnings_read(qapp):
    """Read and dismiss (OK) every warning box as a clerk would; the texts, in order. Polls until the test ends."""
    read: list[str] = []

    def dismiss() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                read.append(widget.text())
                widget.button(QMessageBox.StandardButton.Ok).click()

    poll = QTimer(interval=100)
    poll.timeout.connect(dismiss)
    poll.start()
    yield read
    poll.stop()


def ends_with(qtbot, window, start, *, crash: bool = False) -> str:
    """Run a job to its end; the status bar's message, once the progress dialog had time to show."""
    with qtbot.captureExceptions() as exceptions:
        with qtbot.waitSignal(window.print_controller.job_done, timeout=30_000) as done:
            assert start() is not None
        message = done.args[0]
        # Past the progress dialog's minimum duration: a dialog left open has shown itself by now. The job
        # itself is gone too (deleted once finished), so it is not waited for.
        qtbot.wait(800)
    assert bool(exceptions) == crash, exceptions
    assert visible_progress(window) == []
    assert window.findChildren(QProgressDialog, "printProgress") == []  # closed and gone, not just hidden
    assert window.statusBar().currentMessage() == message
    return message


def test_a_saved_pdf_closes_its_progress_and_names_the_file(qtbot, window, tmp_path):
    path = tmp_path / "sheets.pdf"
    request = SheetRequest(STATION, ids(window._db, Station)[:1], dt.date(2027, 3, 5), dt.date(2027, 3, 5))
    message = ends_with(qtbot, window, lambda: window.print_controller.start_pdf(request, path))
    assert message.startswith(f"Saved {path}: 1 sheets, ")


def test_a_cancelled_job_closes_its_progress(qtbot, window, tmp_path):
    request = SheetRequest(STATION, ids(window._db, Station), START, START + dt.timedelta(days=30))

    def start_and_cancel():
        job = window.print_controller.start_pdf(request, tmp_path / "never.pdf")
        job.cancel()
        return job

    assert ends_with(qtbot, window, start_and_cancel) == "Cancelled: nothing was printed or saved."


def test_a_pdf_into_a_missing_folder_closes_its_progress_and_says_why(qtbot, window, tmp_path, warnings_read):
    path = tmp_path / "no such folder" / "sheets.pdf"
    request = SheetRequest(STATION, ids(window._db, Station)[:1], dt.date(2027, 3, 5), dt.date(2027, 3, 5))
    message = ends_with(qtbot, window, lambda: window.print_controller.start_pdf(request, path))
    assert message == f"Cannot write {path}: the folder {path.parent} does not exist."
    assert warnings_read == [message]
    assert not path.parent.exists()


def test_nothing_to_print_closes_its_progress_and_says_why(qtbot, window, warnings_read, tmp_path):
    with window._db.begin() as s:
        first = s.scalar(select(Operation.start_date))
    before = first - dt.timedelta(days=60)
    request = SheetRequest(POST, ids(window._db, Post)[:1], before, before)
    message = ends_with(qtbot, window, lambda: window.print_controller.start_pdf(request, tmp_path / "post.pdf"))
    assert message.startswith(f"Nothing to print from {before} to {before}")
    assert warnings_read == [message]


def test_a_file_that_cannot_be_written_closes_its_progress_and_says_why(qtbot, window, tmp_path, warnings_read):
    taken = tmp_path / "sheets.pdf"
    taken.mkdir()  # a folder of that name: the finished PDF cannot take its place
    request = SheetRequest(STATION, ids(window._db, Station)[:1], dt.date(2027, 3, 5), dt.date(2027, 3, 5))
    message = ends_with(qtbot, window, lambda: window.print_controller.start_pdf(request, taken))
    assert message == f"Cannot write {taken}: it is a folder; name a file in it."
    assert warnings_read == [message]
    assert taken.is_dir() and not [p for p in tmp_path.iterdir() if p.suffix in (".part", ".pdf") and p != taken]


def test_a_crashed_job_closes_its_progress_and_says_so(qtbot, window, tmp_path):
    gone = max(ids(window._db, Station)) + 1000  # a station deleted while the dialog was open
    request = SheetRequest(STATION, (gone,), dt.date(2027, 3, 5), dt.date(2027, 3, 5))
    message = ends_with(qtbot, window, lambda: window.print_controller.start_pdf(request, tmp_path / "x.pdf"),
                        crash=True)
    assert message == "The print job stopped on an internal error; the crash report says more."


def test_a_pdf_over_the_database_is_refused_and_the_database_kept(qtbot, window, demo_db, warnings_read):
    from rosterapp.config import sqlite_path

    path = sqlite_path(demo_db.url)
    before = path.read_bytes()
    request = SheetRequest(STATION, ids(window._db, Station)[:1], dt.date(2027, 3, 5), dt.date(2027, 3, 5))
    message = ends_with(qtbot, window, lambda: window.print_controller.start_pdf(request, path))
    assert message == f"Cannot write {path}: it is the database in use."
    assert warnings_read == [message]
    assert path.read_bytes() == before


def test_save_as_pdf_refuses_a_read_only_file_before_any_job(qtbot, window, tmp_path, warnings_read, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    sent = tmp_path / "sent.pdf"
    sent.write_bytes(b"the sheets sent yesterday")
    sent.chmod(0o444)
    request = SheetRequest(STATION, ids(window._db, Station)[:1], dt.date(2027, 3, 5), dt.date(2027, 3, 5))
    controller = window.print_controller
    monkeypatch.setattr(controller, "ask", lambda purpose: (request, "前门消防救援站"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "sent"), ""))  # .pdf added
    started = []
    monkeypatch.setattr(controller, "start_pdf", lambda *a: started.append(a))
    with qtbot.waitSignal(controller.job_done, timeout=10_000) as done:
        controller.save_pdf()
    assert done.args[0] == f"Cannot write {sent}: the file is read-only."
    qtbot.waitUntil(lambda: warnings_read == [done.args[0]], timeout=5000)
    assert started == [] and sent.read_bytes() == b"the sheets sent yesterday"
