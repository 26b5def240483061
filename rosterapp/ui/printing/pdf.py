"""Writing sheets to a PDF file: safely (a finished file or none), with embedded fonts and a correct text map."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QPdfWriter

from rosterapp import __version__
from rosterapp.db import Database
from rosterapp.errors import UsageError
from rosterapp.i18n import tr as catalogue_tr
from rosterapp.reports.batch import SheetBatch, SheetRequest, check_range
from rosterapp.reports.document import Document
from rosterapp.services.outputs import atomic_output, pdf_problem
from rosterapp.ui.printing.fonts import SheetFonts, repair_text_map, sheet_fonts
from rosterapp.ui.printing.render import RenderResult, render_documents

# catalogue_tr: the command line's message catalogue, not Qt's, as these messages reach the command
# line too; under that name pyside6-lupdate leaves them out of the window's .ts file.

log = logging.getLogger("rosterapp.print")
qt_log = logging.getLogger("rosterapp.qt")

# The PDF is vector output; the resolution only sets the precision of coordinates.
PDF_DPI = 600
_app: QGuiApplication | None = None


def _log_qt_message(mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    qt_log.log(logging.WARNING if mode != QtMsgType.QtDebugMsg else logging.DEBUG, "%s", message)


def ensure_gui_application() -> QCoreApplication:
    """A QGuiApplication for painting from the command line; offscreen when there is no display.

    Fonts and PDF painting need QtGui, not a window: on a server or in CI without X11 or Wayland
    the offscreen platform does it (an explicit QT_QPA_PLATFORM still wins).
    """
    global _app
    app = QCoreApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise RuntimeError("printing needs a QGuiApplication, not a QCoreApplication")
        return app
    unix = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
    if unix and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt's own chatter (the offscreen platform's notes) goes to our log, not into a script's stderr.
    qInstallMessageHandler(_log_qt_message)
    _app = QGuiApplication(["rosterapp"])
    return _app


def write_pdf(documents: Iterable[Document], path: Path, *, title: str, fonts: SheetFonts,
              progress: Callable[[int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> RenderResult:
    """Paint documents into the PDF ``path``, replacing it only once the whole file is written.

    The pages go to a part file beside the target first (services.outputs.atomic_output), so a
    cancelled or failed job, or a disk that filled up (Qt says nothing of a failed write: the file
    is then empty or cut off before its trailer), leaves the clerk's earlier file as it was and no
    half-written PDF behind.
    """
    path = Path(path)
    with atomic_output(path, problem=pdf_problem) as partial:
        writer = QPdfWriter(str(partial))
        writer.setResolution(PDF_DPI)
        writer.setCreator(f"rosterapp {__version__}")
        writer.setTitle(title)
        result = render_documents(writer, documents, fonts, progress=progress, cancelled=cancelled)
        # The file is complete and closed only once the writer is gone.
        del writer
        repair_text_map(partial, fonts)
    log.info("wrote %s: %d sheets, %d pages", path, result.documents, result.pages)
    return result


def load_batch(db: Database, request: SheetRequest) -> SheetBatch:
    """Read what the request's sheets need (one unit of work); refuses a request with nothing to print."""
    check_range(request.first, request.last)
    with db.read() as session:
        batch = SheetBatch(session, request)
    if not len(batch):
        raise UsageError(catalogue_tr("Nothing to print from {first} to {last}: the post is not on duty then.",
                            first=request.first, last=request.last))
    return batch


def export_pdf(db: Database, request: SheetRequest, path: Path) -> tuple[SheetBatch, RenderResult]:
    """The `print` command: the sheets of a request into one PDF."""
    ensure_gui_application()
    fonts = sheet_fonts()
    batch = load_batch(db, request)
    return batch, write_pdf(batch.documents(), path, title=batch.title(), fonts=fonts)
