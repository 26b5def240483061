"""The window's print actions: Print…, Print preview… and Save as PDF… in the File menu, and their jobs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox, QProgressDialog

from rosterapp.db import Database
from rosterapp.errors import Cancelled, UserError
from rosterapp.reports.batch import DETACHMENT, TITLES, SheetRequest, print_targets
from rosterapp.reports.document import Document
from rosterapp.services import dutyday
from rosterapp.services.outputs import check_output
from rosterapp.ui.file_dialogs import ask_save_path, chinese_days, documents_folder, file_name
from rosterapp.ui.jobs import JobOwner
from rosterapp.ui.printing.dialog import PrintSetupDialog
from rosterapp.ui.printing.fonts import FontMissing, SheetFonts, repair_text_map, sheet_fonts
from rosterapp.ui.printing.jobs import PrintJob, Report, show_progress
from rosterapp.ui.printing.pdf import load_batch, write_pdf
from rosterapp.ui.printing.render import RenderResult, page_layout, render_documents

# Painting a preview of more sheets than this shows a progress dialog (and can be cancelled).
PREVIEW_PROGRESS_AT = 12


def install_print_actions(window: QMainWindow, menu: QMenu, db: Database,
                          current_selection: Callable[[], str]) -> PrintController:
    """Add the print actions to ``menu`` (before Quit); ``current_selection()`` gives the navigator's key."""
    controller = PrintController(window, db, current_selection)
    controller.add_to_menu(menu)
    return controller


class PrintController(JobOwner):
    """Owns the print actions and runs their jobs off the GUI thread.

    Signals:
        job_done(str message): a job ended (printed, saved, cancelled or refused), as the status bar says.
    """

    job_done = Signal(str)

    def __init__(self, window: QMainWindow, db: Database, current_selection: Callable[[], str]):
        super().__init__(window)
        self.setObjectName("printController")
        self._db = db
        self._selection = current_selection
        self._pdf_dir: Path | None = None  # where a PDF was last saved; Documents until then

        self.print_action = self._action("printAction", self.print_sheets)
        shortcut = QKeySequence(QKeySequence.StandardKey.Print)
        self.print_action.setShortcut(shortcut if not shortcut.isEmpty() else QKeySequence("Ctrl+P"))
        self.preview_action = self._action("printPreviewAction", self.preview_sheets)
        self.pdf_action = self._action("savePdfAction", self.save_pdf)
        self.retranslate()

    def _action(self, name: str, slot) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def retranslate(self) -> None:
        self.print_action.setText(self.tr("&Print Shift Sheets…"))
        self.print_action.setStatusTip(self.tr("Print station, post or detachment sheets"))
        self.preview_action.setText(self.tr("Print Pre&view…"))
        self.preview_action.setStatusTip(self.tr("See the sheets as they will print"))
        self.pdf_action.setText(self.tr("Save Sheets as P&DF…"))
        self.pdf_action.setStatusTip(self.tr("Write the sheets to one PDF file"))

    def actions(self) -> list[QAction]:
        return [self.print_action, self.preview_action, self.pdf_action]

    def add_to_menu(self, menu: QMenu) -> None:
        quit_action = next((a for a in menu.actions() if a.menuRole() == QAction.MenuRole.QuitRole), None)
        if quit_action is None:
            menu.addSeparator()
            menu.addActions(self.actions())
            return
        menu.insertActions(quit_action, self.actions())
        menu.insertSeparator(quit_action)

    # -- asking -------------------------------------------------------------------------------------
    def ask(self, purpose: str) -> tuple[SheetRequest, str] | None:
        """The print dialog on the current selection and tomorrow; (request, whom it is for) or None."""
        with self._db.read() as session:
            targets = print_targets(session)
        dialog = PrintSetupDialog(targets, self._selection() or "", dutyday.today(), purpose, self._window)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.request(), dialog.target_combo.currentText().strip()
        finally:
            dialog.deleteLater()

    def fonts(self) -> SheetFonts | None:
        try:
            return sheet_fonts()
        except FontMissing as exc:
            QMessageBox.critical(self._window, self.tr("Cannot print"), exc.message)
            return None

    # -- the three actions --------------------------------------------------------------------------
    def print_sheets(self) -> None:
        asked = self.ask(self.tr("Print…"))
        if asked is None:
            return
        request, _ = asked
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(request.kind == DETACHMENT))
        dialog = QPrintDialog(printer, self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_print(request, printer)

    def preview_sheets(self) -> None:
        asked = self.ask(self.tr("Preview…"))
        if asked is not None:
            self.start_preview(asked[0])

    def save_pdf(self) -> None:
        asked = self.ask(self.tr("Save as PDF…"))
        if asked is None:
            return
        request, whom = asked
        folder = self._pdf_dir if self._pdf_dir is not None and self._pdf_dir.is_dir() else documents_folder()
        path = ask_save_path(self._window, self.tr("Save Shift Sheets as PDF"), folder / pdf_name(request, whom),
                             self.tr("PDF files (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self._pdf_dir = Path(path).parent
        if self.refused_output(Path(path)) is None:
            self.start_pdf(request, Path(path))

    def refused_output(self, path: Path) -> str | None:
        """Why the sheets may not be written to ``path`` (the database, a folder, a read-only file:
        services.outputs.check_output), said in a box; None when they may."""
        try:
            check_output(path, database=self._db.url)
        except UserError as exc:
            self._failed(exc.message)
            return exc.message
        return None

    # -- jobs ---------------------------------------------------------------------------------------
    def start_pdf(self, request: SheetRequest, path: Path) -> PrintJob | None:
        fonts = self.fonts()
        if fonts is None:
            return None
        db = self._db

        def task(report: Report, cancelled: Callable[[], bool]) -> RenderResult:
            check_output(path, database=db.url)
            batch = load_batch(db, request)
            total = len(batch)
            report(0, total)
            return write_pdf(batch.documents(), path, title=batch.title(), fonts=fonts,
                             progress=lambda done: report(done, total), cancelled=cancelled)

        def saved(result: RenderResult) -> None:
            self._report(self.tr("Saved {path}: {sheets} sheets, {pages} pages.").format(
                path=path, sheets=result.documents, pages=result.pages))

        return self._start(task, self.tr("Saving shift sheets as PDF…"), saved)

    def start_print(self, request: SheetRequest, printer: QPrinter) -> PrintJob | None:
        fonts = self.fonts()
        if fonts is None:
            return None
        db = self._db

        def task(report: Report, cancelled: Callable[[], bool]) -> RenderResult:
            if printer.outputFileName():  # "print to file" in the print dialog writes that file directly
                check_output(printer.outputFileName(), database=db.url)
            batch = load_batch(db, request)
            total = len(batch)
            report(0, total)
            printer.setDocName(batch.title())
            try:
                result = render_documents(printer, batch.documents(), fonts,
                                          progress=lambda done: report(done, total), cancelled=cancelled)
            except Cancelled:
                printer.abort()  # the spooler drops the pages already sent
                raise
            if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
                repair_text_map(Path(printer.outputFileName()), fonts)
            return result

        def printed(result: RenderResult) -> None:
            self._report(self.tr("Sent {sheets} sheets, {pages} pages to {printer}.").format(
                sheets=result.documents, pages=result.pages, printer=printer.printerName() or printer.outputFileName()))

        return self._start(task, self.tr("Printing shift sheets…"), printed)

    def start_preview(self, request: SheetRequest) -> PrintJob | None:
        fonts = self.fonts()
        if fonts is None:
            return None
        db = self._db

        def task(report: Report, cancelled: Callable[[], bool]) -> tuple[str, list[Document]]:
            batch = load_batch(db, request)
            total = len(batch)
            documents = []
            for document in batch.documents():
                if cancelled():
                    raise Cancelled
                documents.append(document)
                report(len(documents), total)
            return batch.title(), documents

        return self._start(task, self.tr("Preparing the preview…"),
                           lambda result: self.open_preview(*result, fonts=fonts))

    def open_preview(self, title: str, documents: list[Document], *, fonts: SheetFonts) -> QPrintPreviewDialog:
        """The preview of documents already built; painting happens here, on the GUI thread, as Qt requires."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setPageLayout(page_layout(documents[0].landscape))
        preview = QPrintPreviewDialog(printer, self._window)
        preview.setObjectName("printPreview")
        preview.setWindowTitle(self.tr("Print Preview — {title}").format(title=title))
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.paintRequested.connect(lambda target: self.paint_preview(target, documents, fonts))
        preview.resize(self._window.size() * 0.9)
        # Kept by Python too: the dialog's printer must live as long as the dialog.
        preview.printer_ref = printer
        preview.open()
        return preview

    def paint_preview(self, printer: QPrinter, documents: list[Document], fonts: SheetFonts) -> RenderResult | None:
        """Paint for the preview in chunks: a long batch shows progress, stays responsive and can stop."""
        progress = None
        if len(documents) > PREVIEW_PROGRESS_AT:
            progress = QProgressDialog(self.tr("Laying out the pages…"), self.tr("Cancel"), 0, len(documents),
                                       self._window)
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(0)
        try:
            # A modal progress dialog's setValue() processes events between sheets.
            return render_documents(printer, documents, fonts,
                                    progress=progress.setValue if progress else None,
                                    cancelled=progress.wasCanceled if progress else None)
        except Cancelled:
            return None  # the preview shows the pages painted so far
        finally:
            if progress is not None:
                progress.close()
                progress.deleteLater()

    def _start(self, task, label: str, on_success: Callable[[object], None]) -> PrintJob:
        job = PrintJob(task, self)
        job.setObjectName("printJob")
        show_progress(job, self._window, label, self.tr("Cancel"))
        job.succeeded.connect(on_success)
        job.failed.connect(lambda reason: self._failed(
            self.tr("The sheets could not be written: {reason}").format(reason=reason)))
        job.rejected.connect(lambda error: self._failed(error.message))
        job.crashed.connect(self._crashed)
        job.cancelled.connect(lambda: self._report(self.tr("Cancelled: nothing was printed or saved.")))
        return self.run_job(job)

    def _report(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 10_000)
        self.job_done.emit(message)

    def _failed(self, message: str) -> None:
        self._report(message)
        # Opened, not exec()'d: a nested event loop inside a job's signal would run the rest of the
        # job's ending (and the next job's) underneath the box.
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot print"), message, QMessageBox.StandardButton.Ok,
                          self._window)
        box.setObjectName("printWarning")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _crashed(self, exc: BaseException) -> None:
        self._report(self.tr("The print job stopped on an internal error; the crash report says more."))
        # A bug, not a clerk's mistake: raised here so the crash dialog shows it with the log's path.
        raise exc


def pdf_name(request: SheetRequest, whom: str) -> str:
    """前门消防救援站_2027年3月6日_执勤实力表.pdf (whom, the days, the sheet), without characters file systems
    refuse."""
    return file_name(whom, chinese_days(request.first, request.last), TITLES[request.kind], suffix=".pdf")
