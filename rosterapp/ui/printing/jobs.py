"""Print jobs off the GUI thread: the worker reads the plan and paints; the window shows progress and Cancel.

The worker touches no widget: it paints on a QPdfWriter or QPrinter (which Qt allows outside the
GUI thread) and reports through queued signals. Cancel sets a flag the worker reads between pages.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from rosterapp.ui.jobs import Job, Report, Task  # noqa: F401  (Report and Task for the print actions)

# The print jobs are the window's common jobs; a refused request reaches `rejected`.
PrintJob = Job


def show_progress(job: PrintJob, parent: QWidget, label: str, cancel_text: str) -> QProgressDialog:
    """A window-modal progress dialog for a job: it follows the job's progress, and its Cancel cancels it."""
    dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
    dialog.setObjectName("printProgress")
    dialog.setWindowTitle(label)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # a one-sheet job is done before a dialog would flash up
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def progressed(done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(done)

    job.progressed.connect(progressed)
    dialog.canceled.connect(job.cancel)
    # Every way a job ends closes the dialog, before the message saying how it ended is shown; a
    # refused job (a missing folder, nothing to print) used to leave it up. `finished` comes last
    # and closes it whatever happened in the job.
    for signal in (job.succeeded, job.rejected, job.failed, job.crashed, job.cancelled, job.finished):
        signal.connect(dialog.close)
    return dialog
