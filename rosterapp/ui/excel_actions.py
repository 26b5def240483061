"""The window's Excel actions: export the HQ workbook or a month roster, import registers and sub-plans, merge sub-plans."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rosterapp.errors import OutputError, UserError, ValidationError
from rosterapp.models import Detachment, Duty, Station
from rosterapp.services import dutybook, dutyday
from rosterapp.services.check import resolve_scope
from rosterapp.services.excel.common import CellError
from rosterapp.services.excel.duty_table import export_duty_table, import_duty_table
from rosterapp.services.excel.export import export_workbook
from rosterapp.services.excel.importing import import_people, import_vehicles
from rosterapp.services.excel.merge import merge_workbooks
from rosterapp.services.excel.plan_import import OlderWorkbook, import_plan
from rosterapp.services.excel.roster_export import export_month_roster
from rosterapp.services.excel.roster_import import import_roster
from rosterapp.services.operations import list_operations
from rosterapp.services.outputs import check_output
from rosterapp.services.overview import list_detachments
from rosterapp.ui.commands import FileImportCommand, RowsCommand
from rosterapp.ui.file_dialogs import (
    ask_open_paths,
    ask_save_path,
    chinese_days,
    chinese_month,
    documents_folder,
    file_name,
)
from rosterapp.ui.hub import EditHub
from rosterapp.ui.jobs import Job, JobOwner
from rosterapp.ui.roster_import import CellErrorTable, RosterImportDialog, code_colors

log = logging.getLogger("rosterapp.excel")

XLSX_FILTER = "Excel (*.xlsx)"
# The default file names' last part: what the workbook is (the unit and the month or task come first).
PLAN_NAME = "安保方案"
MERGED_NAME = "安保方案（合并）"
CORPS_NAME = "总队"
# What each import may write: the tables its undo step keeps before and after it.
# (Post duties only: a sub-plan never touches station duty.)
IMPORT_TABLES = {"personnel": (("person", "person_qualification"), None), "vehicles": (("vehicle",), None),
                 "plan": (("duty", "vehicle_deployment"), {"duty": Duty.post_id.is_not(None)})}
STATUS_MS = 10_000  # how long the status bar shows how a job ended


def install_excel_actions(window: QMainWindow, menu: QMenu, hub: EditHub) -> ExcelActions:
    """Add the Excel actions to ``menu`` (before Quit); an import lands on ``hub`` as one undoable step."""
    actions = ExcelActions(window, hub)
    actions.add_to_menu(menu)
    return actions


# Excel work runs as the window's common job.
ExcelJob = Job


# The widest a combo grows to show its longest item; a longer one is elided, its tooltip whole.
COMBO_MAX_WIDTH = 520


def fit_combo(combo: QComboBox) -> None:
    """Make ``combo`` wide enough for its longest item (up to COMBO_MAX_WIDTH; the Chinese labels were
    clipped), and give every item, and the combo for its current one, a tooltip with the whole text."""
    metrics = combo.fontMetrics()
    widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    # Room for the frame and the drop-down arrow, as the style draws them.
    combo.setMinimumWidth(min(widest + 48, COMBO_MAX_WIDTH))
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    for i in range(combo.count()):
        combo.setItemData(i, combo.itemText(i), Qt.ItemDataRole.ToolTipRole)

    def follow() -> None:
        combo.setToolTip(combo.currentText())
    combo.currentIndexChanged.connect(follow)
    follow()


class ExportDialog(QDialog):
    """What to export: a task or a date range, all detachments or one."""

    def __init__(self, operations: list, detachments: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("excelExportDialog")
        self.setWindowTitle(self.tr("Export HQ Workbook"))
        self.operation_combo = QComboBox(self)
        self.operation_combo.setObjectName("operationCombo")
        self.operation_combo.addItem(self.tr("(no task: the dates below)"), None)
        for op in operations:
            self.operation_combo.addItem(op.name, op)
        self.detachment_combo = QComboBox(self)
        self.detachment_combo.setObjectName("detachmentCombo")
        self.detachment_combo.addItem(self.tr("All detachments"), None)
        for det in detachments:
            self.detachment_combo.addItem(det.name, det.code)
        first, last = dutyday.month_range(dutyday.today())
        self.first_edit = QDateEdit(QDate(first.year, first.month, first.day), self)
        self.last_edit = QDateEdit(QDate(last.year, last.month, last.day), self)
        for edit in (self.first_edit, self.last_edit):
            edit.setDateRange(QDate(dutyday.FIRST_DAY), QDate(dutyday.LAST_DAY))  # the days the program plans
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.operation_combo.currentIndexChanged.connect(self._operation_chosen)
        for combo in (self.operation_combo, self.detachment_combo):
            fit_combo(combo)
        form = QFormLayout()
        form.addRow(self.tr("Task:"), self.operation_combo)
        form.addRow(self.tr("Detachment:"), self.detachment_combo)
        form.addRow(self.tr("From:"), self.first_edit)
        form.addRow(self.tr("To:"), self.last_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _operation_chosen(self) -> None:
        op = self.operation_combo.currentData()
        if op is not None:
            self.first_edit.setDate(QDate(op.start_date.year, op.start_date.month, op.start_date.day))
            self.last_edit.setDate(QDate(op.end_date.year, op.end_date.month, op.end_date.day))

    def choice(self) -> dict:
        op = self.operation_combo.currentData()
        return {"operation": str(op.id) if op is not None else None,
                "detachment": self.detachment_combo.currentData(),
                "first": self.first_edit.date().toPython(), "last": self.last_edit.date().toPython()}


class ProblemListDialog(QDialog):
    """Why a file was refused: every bad cell, one per line, to read, select and copy; when every line names a
    cell (sheet, row, column), a table to sort by any of them and copy as a spreadsheet pastes it."""

    def __init__(self, title: str, summary: str, lines: list[str], parent: QWidget | None = None,
                 cells: list[CellError] | None = None):
        super().__init__(parent)
        self.setObjectName("excelProblemDialog")
        self.setWindowTitle(title)
        self.resize(720, 420)
        label = QLabel(summary, self)
        label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("problemText")
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(lines))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.table = CellErrorTable(cells, self) if cells else None
        copy = QPushButton(self.tr("&Copy All"), self)
        copy.setObjectName("copyButton")
        copy.clicked.connect(self.copy_all)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        if self.table is not None:
            self.resize(960, 480)
            self.text.hide()
            layout.addWidget(self.table)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.table.as_text() if self.table is not None
                                            else self.text.toPlainText())


class ImportPreviewDialog(QDialog):
    """What an import will do, before it does it: the summary, then every row it adds or changes and
    how, to read, select and copy; Import or Cancel."""

    def __init__(self, title: str, summary: str, lines: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("excelPreviewDialog")
        self.setWindowTitle(title)
        self.resize(760, 460)
        self.summary_label = QLabel(summary, self)
        self.summary_label.setObjectName("previewSummary")
        self.summary_label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("previewText")
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(lines))
        self.text.setPlaceholderText(self.tr("Nothing to add or change."))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        copy = QPushButton(self.tr("&Copy All"), self)
        copy.setObjectName("copyButton")
        copy.clicked.connect(self.copy_all)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)

    def lines(self) -> list[str]:
        text = self.text.toPlainText()
        return text.splitlines() if text else []

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())


class ExcelActions(JobOwner):
    """Owns the Excel actions and their jobs.

    Signals:
        job_done(str message): a job ended (written, imported, cancelled or refused); the window's
            status bar shows it.
    """

    job_done = Signal(str)

    def __init__(self, window: QMainWindow, hub: EditHub):
        super().__init__(window)
        self.setObjectName("excelActions")
        self._hub = hub
        self._db = hub.db
        # The folder a file was last chosen in; the dialogs start in Documents until then.
        self._dir: Path | None = None
        # Dialogs a test may answer instead of a clerk: (kind, callback) hooks are not needed when
        # these attributes hold paths; None means ask with a file dialog. ``confirm`` answers an
        # import's preview (True: import) instead of the clerk.
        self.next_path: Path | None = None
        self.next_paths: list[Path] | None = None
        self.confirm: Callable[[ImportPreviewDialog], bool] | None = None
        # ``answer`` answers a question box (an older sub-plan: import it all the same?) instead of the clerk.
        self.answer: Callable[[QMessageBox], bool] | None = None
        self.last_dialog: QDialog | None = None
        # The grid's unit and month (station id, detachment id, a day of the month), for the month roster;
        # the window sets it (None: nothing to export from).
        self.roster_unit: Callable[[], tuple[int | None, int | None, dt.date | None]] | None = None
        self.job_done.connect(self._show_status)

        self.export_action = self._action("exportHqAction", self.export_hq)
        self.export_roster_action = self._action("exportRosterAction", self.export_roster)
        self.import_people_action = self._action("importPeopleAction", lambda: self.import_file("personnel"))
        self.import_vehicles_action = self._action("importVehiclesAction", lambda: self.import_file("vehicles"))
        self.import_plan_action = self._action("importPlanAction", lambda: self.import_file("plan"))
        self.import_roster_action = self._action("importRosterAction", lambda: self.import_roster())
        self.export_duty_table_action = self._action("exportDutyTableAction", self.export_duty_table)
        self.import_duty_table_action = self._action("importDutyTableAction", lambda: self.import_file("duty-table"))
        self.merge_action = self._action("mergeAction", self.merge)
        self.retranslate()

    def _action(self, name: str, slot) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction]:
        return [self.export_action, self.export_roster_action, self.import_people_action, self.import_vehicles_action,
                self.import_plan_action, self.import_roster_action, self.export_duty_table_action,
                self.import_duty_table_action, self.merge_action]

    def add_to_menu(self, menu: QMenu) -> None:
        quit_action = next((a for a in menu.actions() if a.menuRole() == QAction.MenuRole.QuitRole), None)
        if quit_action is None:
            menu.addSeparator()
            menu.addActions(self.actions())
            return
        menu.insertActions(quit_action, self.actions())
        menu.insertSeparator(quit_action)

    def retranslate(self) -> None:
        self.export_action.setText(self.tr("&Export HQ Workbook…"))
        self.export_action.setStatusTip(self.tr("Write the HQ workbook of a task or a month to an Excel file"))
        self.export_roster_action.setText(self.tr("Export Month &Roster (排班表)…"))
        self.export_roster_action.setStatusTip(self.tr(
            "Write the month roster of the grid's station or detachment, one sheet per station, to an Excel file"))
        self.import_people_action.setText(self.tr("Import &Personnel…"))
        self.import_people_action.setStatusTip(self.tr("Add or update people from a 人员名册 workbook"))
        self.import_vehicles_action.setText(self.tr("Import &Vehicles…"))
        self.import_vehicles_action.setStatusTip(self.tr("Add or update vehicles from a 车辆登记 workbook"))
        self.import_plan_action.setText(self.tr("Import Sub-&plan…"))
        self.import_plan_action.setStatusTip(self.tr("Put a detachment's sub-plan workbook in place of its staffing"))
        self.import_roster_action.setText(self.tr("Import M&onth Roster (排班表)…"))
        self.import_roster_action.setStatusTip(self.tr(
            "Make the month's cells those of a roster workbook (people x days), after a preview of every change"))
        self.export_duty_table_action.setText(self.tr("Export &Duty Table (值班表)…"))
        self.export_duty_table_action.setStatusTip(self.tr(
            "Write the month's duty leaders and officers of the grid's station or detachment, one row per day"))
        self.import_duty_table_action.setText(self.tr("Import D&uty Table (值班表)…"))
        self.import_duty_table_action.setStatusTip(self.tr(
            "Make the month's duty leaders and officers those of a 值班表 workbook, after a preview"))
        self.merge_action.setText(self.tr("&Merge Sub-plans…"))
        self.merge_action.setStatusTip(self.tr("Merge the detachments' sub-plan workbooks into one HQ workbook"))

    # -- choosing files -----------------------------------------------------------------------------
    def _save_path(self, caption: str, name: str, *, inputs: list[Path] = ()) -> Path | None:
        """The file the clerk chose to write, or None; one that may not be written there (the database,
        a folder, a read-only file: services.outputs.check_output) is refused with the reason."""
        if self.next_path is not None:
            path, self.next_path = self.next_path, None
        else:
            chosen = ask_save_path(self._window, caption, self.folder() / name, XLSX_FILTER)
            if not chosen:
                return None
            path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
            self._dir = path.parent
        return self._writable(caption, path, inputs)

    def folder(self) -> Path:
        """Where the next file dialog starts: the folder of the last file chosen, else Documents (else home)."""
        return self._dir if self._dir is not None and self._dir.is_dir() else documents_folder()

    def _writable(self, title: str, path: Path, inputs: list[Path] = ()) -> Path | None:
        try:
            return check_output(path, database=self._db.url, inputs=inputs)
        except UserError as exc:
            self._warn(title, exc.message)
            return None

    def _open_paths(self, caption: str, many: bool = False) -> list[Path]:
        if self.next_paths is not None:
            paths, self.next_paths = self.next_paths, None
            return paths
        paths = [Path(p) for p in ask_open_paths(self._window, caption, self.folder(), XLSX_FILTER, many=many)]
        if paths:
            self._dir = paths[0].parent
        return paths

    # -- running jobs -------------------------------------------------------------------------------
    def _start(self, task, label: str, *, on_success: Callable[[object], None], cancellable: bool = True,
               title: str) -> ExcelJob:
        job = ExcelJob(task, self)
        dialog = QProgressDialog(label, self.tr("Cancel") if cancellable else "", 0, 0, self._window)
        dialog.setObjectName("excelProgress")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        if not cancellable:
            dialog.setCancelButton(None)

        def progressed(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, total))

        def finished() -> None:
            dialog.close()
            dialog.deleteLater()

        job.progressed.connect(progressed)
        dialog.canceled.connect(job.cancel)
        job.succeeded.connect(on_success)
        job.rejected.connect(lambda exc: self._warn(title, exc.message) if isinstance(exc, OutputError)
                             else self._show_rejection(title, exc))
        job.failed.connect(lambda message: self._warn(title, message))
        job.cancelled.connect(lambda: self.job_done.emit(self.tr("Cancelled; nothing was written.")))
        job.crashed.connect(self._crash)
        job.finished.connect(finished)
        return self.run_job(job)

    def _crash(self, exc: Exception) -> None:
        raise exc

    def _show_status(self, message: str) -> None:
        self._window.statusBar().showMessage(message, STATUS_MS)

    def _show_written(self, title: str, message: str, path: Path) -> None:
        """Say what was written, in the status bar and in a box that offers to open its folder."""
        self.job_done.emit(message)
        box = QMessageBox(QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("excelWritten")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        folder = Path(path).parent
        open_folder = box.addButton(self.tr("Open &Folder"), QMessageBox.ButtonRole.ActionRole)
        open_folder.setObjectName("openFolderButton")
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        self.last_dialog = box
        box.open()

    def _show_imported(self, title: str, path: Path, result) -> None:
        message = self.tr("{file}: {summary}").format(file=path.name, summary=result.summary())
        self.job_done.emit(message)
        message = "\n".join([message, *result.notes()])  # 跳过隐藏工作表：X
        box = QMessageBox(QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("excelImported")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = box
        box.open()

    def _warn(self, title: str, message: str) -> None:
        self.job_done.emit(message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("excelWarning")
        self.last_dialog = box
        box.open()

    def _show_rejection(self, title: str, exc: UserError) -> None:
        lines = [str(e) for e in exc.errors] if isinstance(exc, ValidationError) else [exc.message]
        summary = self.tr("The file was refused; nothing was written. Correct these {count} cells and try again:"
                          ).format(count=len(lines)) if len(lines) > 1 else self.tr(
            "The file was refused; nothing was written.")
        cells = [e for e in exc.errors if isinstance(e, CellError)] if isinstance(exc, ValidationError) else []
        dialog = ProblemListDialog(title, summary, lines, self._window,
                                   cells=cells if cells and len(cells) == len(lines) else None)
        self.last_dialog = dialog
        self.job_done.emit(summary)
        dialog.open()

    # -- the actions --------------------------------------------------------------------------------
    def export_hq(self) -> ExcelJob | None:
        with self._db.read() as session:
            operations = list_operations(session)
            detachments = list_detachments(session)
        dialog = ExportDialog(operations, detachments, self._window)
        self.last_dialog = dialog
        if self.next_path is None and dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = dialog.choice()
        dialog.deleteLater()
        name = self.hq_name(choice, operations, detachments)
        path = self._save_path(self.tr("Export HQ Workbook"), name)
        if path is None:
            return None
        return self.start_export(path, **choice)

    @staticmethod
    def hq_name(choice: dict, operations: list, detachments: list) -> str:
        """东城支队_全国两会消防安保_安保方案.xlsx; 总队 for all detachments, the days where no task is chosen."""
        unit = next((d.name for d in detachments if d.code == choice["detachment"]), CORPS_NAME)
        operation = next((op.name for op in operations if str(op.id) == choice["operation"]), None)
        return file_name(unit, operation or chinese_days(choice["first"], choice["last"]), PLAN_NAME,
                         suffix=".xlsx")

    def month_name(self, stem: str, day: dt.date, station_id: int | None, detachment_id: int | None) -> str:
        """前门消防救援站_2027年1月_排班表.xlsx: the station's name, else the detachment's."""
        with self._db.read() as session:
            unit = session.get(Station, station_id) if station_id is not None else (
                session.get(Detachment, detachment_id) if detachment_id is not None else None)
            name = unit.name if unit is not None else ""
        return file_name(name, chinese_month(day), stem, suffix=".xlsx")

    @staticmethod
    def merged_name(paths: list[Path], today: dt.date) -> str:
        """总队_全国两会消防安保_安保方案（合并）.xlsx: the task or month the sub-plans' names share
        (东城支队_全国两会消防安保_安保方案.xlsx), else this month."""
        middles = {p.stem.split("_")[1] for p in paths if len(p.stem.split("_")) >= 3}
        shared = middles.pop() if len(middles) == 1 and all(len(p.stem.split("_")) >= 3 for p in paths) else None
        return file_name(CORPS_NAME, shared or chinese_month(today), MERGED_NAME, suffix=".xlsx")

    def start_export(self, path: Path, *, operation: str | None = None, detachment: str | None = None,
                     first: dt.date | None = None, last: dt.date | None = None) -> ExcelJob:
        db = self._db

        title = self.tr("Export HQ Workbook")

        def task(report, cancelled):
            check_output(path, database=db.url)
            with db.read() as session:
                scope = resolve_scope(session, operation=operation, detachment=detachment, first=first, last=last)
                stats = export_workbook(session, scope, path, progress=report, cancelled=cancelled)
            return scope, stats

        def done(result: object) -> None:
            scope, stats = result
            message = self.tr("Written {path}: {sheets} sheets, {rows} rows, {first} to {last}.").format(
                path=path, sheets=stats.sheets, rows=stats.rows, first=scope.first, last=scope.last)
            self._show_written(title, message, path)

        return self._start(task, self.tr("Writing the HQ workbook…"), on_success=done, title=title)

    def export_roster(self) -> ExcelJob | None:
        """The month roster (排班表) of the grid's unit and month: a station's, or a detachment's stations."""
        return self._export_month(self.tr("Export Month Roster"), "排班表", export_month_roster,
                                  self.tr("Writing the month roster…"))

    def export_duty_table(self) -> ExcelJob | None:
        """The 值班表 of the grid's unit and month: each day's duty leader and officers."""
        return self._export_month(self.tr("Export Duty Table"), "值班表", export_duty_table,
                                  self.tr("Writing the duty table…"))

    def _export_month(self, title: str, stem: str, export, label: str) -> ExcelJob | None:
        station_id, detachment_id, day = self.roster_unit() if self.roster_unit is not None else (None, None, None)
        if day is None or (station_id is None and detachment_id is None):
            self._warn(title, self.tr("Show a station or a detachment in the roster first: the month roster is "
                                      "written for one unit."))
            return None
        path = self._save_path(title, self.month_name(stem, day, station_id, detachment_id))
        if path is None:
            return None
        return self.start_month_export(path, day, station_id=station_id, detachment_id=detachment_id,
                                       export=export, title=title, label=label)

    def start_roster_export(self, path: Path, month: dt.date, *, station_id: int | None = None,
                            detachment_id: int | None = None) -> ExcelJob:
        return self.start_month_export(path, month, station_id=station_id, detachment_id=detachment_id,
                                       export=export_month_roster, title=self.tr("Export Month Roster"),
                                       label=self.tr("Writing the month roster…"))

    def start_month_export(self, path: Path, month: dt.date, *, station_id: int | None, detachment_id: int | None,
                           export, title: str, label: str) -> ExcelJob:
        db = self._db

        def task(report, cancelled):
            check_output(path, database=db.url)
            with db.read() as session:
                kw = {"progress": report, "cancelled": cancelled} if export is export_month_roster else {}
                return export(session, path, month, station_id=station_id,
                              detachment_id=None if station_id is not None else detachment_id, **kw)

        def done(stats: object) -> None:
            if export is export_month_roster:
                message = self.tr("Written {path}: {sheets} sheets, {people} people, {month}.").format(
                    path=path, sheets=stats.sheets, people=stats.rows, month=f"{month:%Y-%m}")
            else:
                message = self.tr("Written {path}: {sheets} sheets, {month}.").format(
                    path=path, sheets=stats.sheets, month=f"{month:%Y-%m}")
            self._show_written(title, message, path)

        return self._start(task, label, on_success=done, title=title)

    def import_file(self, kind: str, path: Path | None = None, *, force: bool = False) -> ExcelJob | None:
        """Preview the file's import in a worker, ask the clerk, then land it as one undoable step. A sub-plan
        older than the detachment's current version is imported (``force``) only when the clerk says so."""
        titles = {"personnel": self.tr("Import Personnel"), "vehicles": self.tr("Import Vehicles"),
                  "plan": self.tr("Import Sub-plan"), "duty-table": self.tr("Import Duty Table")}
        title = titles[kind]
        if path is None:
            paths = self._open_paths(title)
            if not paths:
                return None
            path = paths[0]
        run = {"personnel": import_people, "vehicles": import_vehicles, "plan": import_plan,
               "duty-table": import_duty_table}[kind]
        if force:
            run = functools.partial(run, force=True)
        db = self._db

        def preview(_report, _cancelled):
            with db.read() as session:
                try:
                    return run(session, path, dry_run=True)
                except OlderWorkbook as older:  # the clerk is asked in the window's thread
                    return older

        text = self.tr("Import {file}").format(file=path.name)

        def command():
            # One undoable step, made in the worker thread's unit of work and landed on the hub afterwards: a
            # 值班表 through the duty roles' own edit, the registers and sub-plans as the rows they write.
            if kind == "duty-table":
                return FileImportCommand(text, lambda session: run(session, path), dutybook.undo_assign,
                                         dutybook.redo_assign)
            tables, where = IMPORT_TABLES[kind]
            return RowsCommand(text, tables, lambda session: run(session, path), where)

        def previewed(result: object) -> None:
            if isinstance(result, OlderWorkbook):
                if self._import_older(title, path, result):
                    self.import_file(kind, path, force=True)
                else:
                    self.job_done.emit(self.tr("Nothing was imported."))
                return
            summary = "\n".join([result.summary(), *result.notes()])  # 跳过隐藏工作表：X
            question = self.tr("{summary}\n\nImport {file} now?").format(summary=summary, file=path.name)
            dialog = ImportPreviewDialog(title, question, result.detail_lines(), self._window)
            self.last_dialog = dialog
            if self.confirm is not None:
                agreed = self.confirm(dialog)
            else:
                agreed = dialog.exec() == QDialog.DialogCode.Accepted
            dialog.deleteLater()
            if agreed:
                self._land_import(title, path, command)
            else:
                self.job_done.emit(self.tr("Nothing was imported."))

        return self._start(preview, self.tr("Checking {file}…").format(file=path.name), on_success=previewed,
                           title=title)

    def _import_older(self, title: str, path: Path, older: OlderWorkbook) -> bool:
        """Whether the clerk imports a sub-plan workbook older than the sub-plan's current version."""
        values = dict(file=path.name, detachment=older.detachment, operation=older.operation, have=older.have,
                      current=older.current)
        if older.have:
            text = self.tr("{file} is version {have} of the sub-plan of {detachment} for {operation}, but the "
                           "sub-plan is at version {current} now.\n\nImporting it puts the older plan in place of "
                           "the newer one. Import version {have} all the same?").format(**values)
        else:
            text = self.tr("{file} carries no sub-plan version (it was written before versions were kept, or "
                           "without a task), but the sub-plan of {detachment} for {operation} is at version "
                           "{current} now.\n\nImporting it may put an older plan in place of the newer one. "
                           "Import it all the same?").format(**values)
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self._window)
        box.setObjectName("olderPlanQuestion")
        go = box.addButton(self.tr("&Import Anyway"), QMessageBox.ButtonRole.AcceptRole)
        go.setObjectName("importAnywayButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.last_dialog = box
        if self.answer is not None:
            agreed = self.answer(box)
        else:
            box.exec()
            agreed = box.clickedButton() is go
        box.deleteLater()
        return bool(agreed)

    def import_roster(self, path: Path | None = None, *, station: str | None = None,
                      month: dt.date | None = None) -> ExcelJob | None:
        """A month roster workbook: checked and previewed (the grid with its changed cells, the problems it would
        add) in a worker thread, then, once the clerk agrees, made there as one undoable step landed on the hub."""
        title = self.tr("Import Month Roster")
        if path is None:
            paths = self._open_paths(title)
            if not paths:
                return None
            path = paths[0]
        db = self._db
        # Where the file names no station or month, the grid's are meant (never over what the file says).
        shown_station, _det, shown_day = self.roster_unit() if self.roster_unit is not None else (None, None, None)
        fallback = {"fallback_station": shown_station, "fallback_month": shown_day}

        def preview(_report, _cancelled):
            with db.read() as session:
                return import_roster(session, path, station=station, month=month, dry_run=True,
                                     problems=True, **fallback), code_colors(session)

        def command():
            return FileImportCommand(
                lambda cells: self.tr("Import {file} ({count} cells)").format(file=path.name, count=cells),
                lambda session: import_roster(session, path, station=station, month=month, **fallback))

        def previewed(found: object) -> None:
            result, colors = found
            dialog = RosterImportDialog(title, path.name, result, colors, self._window)
            self.last_dialog = dialog
            agreed = self.confirm(dialog) if self.confirm is not None else (
                dialog.exec() == QDialog.DialogCode.Accepted)
            dialog.deleteLater()
            if agreed and result.changed:
                self._land_import(title, path, command)
            else:
                self.job_done.emit(self.tr("Nothing was imported."))

        return self._start(preview, self.tr("Checking {file}…").format(file=path.name), on_success=previewed,
                           title=title)

    def _land_import(self, title: str, path: Path, command_of: Callable[[], object]) -> ExcelJob:
        """Make the import's step in a worker thread's unit of work (the file read again there), then land it on
        the hub: one undoable step that every view and the checker follow."""
        db = self._db

        def write(_report, _cancelled):
            command = command_of()
            with db.begin(command.text()) as session:
                change = command.make(session)
            return command, change

        def written(made: object) -> None:
            command, change = made
            self._hub.land(command, change)
            self._show_imported(title, path, command.result)

        return self._start(write, self.tr("Importing {file}…").format(file=path.name), on_success=written,
                           cancellable=False, title=title)

    def merge(self, paths: list[Path] | None = None, out: Path | None = None) -> ExcelJob | None:
        title = self.tr("Merge Sub-plans")
        paths = paths or self._open_paths(title, many=True)
        if not paths:
            return None
        out = self._writable(title, out, paths) if out else self._save_path(
            title, self.merged_name(paths, dutyday.today()), inputs=paths)
        if out is None:
            return None
        db = self._db

        def task(report, cancelled):
            check_output(out, database=db.url, inputs=paths)
            return merge_workbooks(paths, out, progress=report, cancelled=cancelled)

        return self._start(task, self.tr("Merging {count} sub-plans…").format(count=len(paths)),
                           on_success=lambda result: self._show_written(title, result.summary(), result.out),
                           title=title)
