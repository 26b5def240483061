"""Help ▸ User Guide (F1): the Chinese guide shipped under resources/guide, read in a text browser.

The guide is Markdown pages with relative links and pictures (the same files docs/ points at). Qt's
text browser shows them: no web browser, no network. Pictures wider than the page are scaled down to fit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextDocument
from PySide6.QtWidgets import QMainWindow, QTextBrowser, QToolBar, QWidget

from rosterapp.ui.translations import RESOURCES_DIR

GUIDE_DIR = RESOURCES_DIR / "guide"
# The guide is written in Chinese only (its readers are the clerks); English readers get the same pages.
GUIDE_LANGUAGE = "zh_CN"
INDEX = "index.md"
MIN_IMAGE_WIDTH = 320


def guide_index() -> Path:
    """The guide's first page."""
    return GUIDE_DIR / GUIDE_LANGUAGE / INDEX


def guide_pages() -> list[Path]:
    """Every page of the guide, the first page first."""
    folder = GUIDE_DIR / GUIDE_LANGUAGE
    return [folder / INDEX, *sorted(p for p in folder.glob("*.md") if p.name != INDEX)]


class GuideBrowser(QTextBrowser):
    """The text browser over the guide's pages; pictures wider than the page are shown scaled to fit."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guideBrowser")
        self.setOpenLinks(True)
        self.setOpenExternalLinks(False)  # no web browser: the guide links only to its own pages
        folder = GUIDE_DIR / GUIDE_LANGUAGE
        self.setSearchPaths([str(folder), str(GUIDE_DIR)])

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt's name)
        if getattr(kind, "value", kind) == QTextDocument.ResourceType.ImageResource.value:
            path = url.toLocalFile() if url.isLocalFile() else ""
            if path and Path(path).is_file():
                image = QImage(path)
                if not image.isNull():
                    width = max(self.viewport().width() - 40, MIN_IMAGE_WIDTH)
                    if image.width() > width:
                        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
                    return image
        return super().loadResource(kind, url)


class GuideWindow(QMainWindow):
    """The guide in a window of its own, with back, forward and home (the first page)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowFlag(Qt.WindowType.Window)
        self.browser = GuideBrowser(self)
        self.setCentralWidget(self.browser)
        toolbar = QToolBar(self)
        toolbar.setObjectName("guideToolbar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.back_action = QAction(self)
        self.back_action.setObjectName("guideBackAction")
        self.back_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_action.setEnabled(False)
        self.back_action.triggered.connect(self.browser.backward)
        self.forward_action = QAction(self)
        self.forward_action.setObjectName("guideForwardAction")
        self.forward_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
        self.forward_action.setEnabled(False)
        self.forward_action.triggered.connect(self.browser.forward)
        self.home_action = QAction(self)
        self.home_action.setObjectName("guideHomeAction")
        self.home_action.triggered.connect(self.home)
        for action in (self.back_action, self.forward_action, self.home_action):
            toolbar.addAction(action)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        # Emitted before source() holds the new page: the title is taken from the URL it carries.
        self.browser.sourceChanged.connect(self._update_title)
        self.retranslate()
        self.resize(QSize(980, 760))
        self.home()

    def retranslate(self) -> None:
        self.back_action.setText(self.tr("Back"))
        self.forward_action.setText(self.tr("Forward"))
        self.home_action.setText(self.tr("Contents"))
        self._update_title()

    def page_path(self, url: QUrl | None = None) -> Path | None:
        """The file of the page shown (a link followed may leave the source relative to the guide's folder)."""
        url = self.browser.source() if url is None else url
        if url.isLocalFile():
            return Path(url.toLocalFile())
        if url.isRelative() and url.path():
            return GUIDE_DIR / GUIDE_LANGUAGE / url.path()
        return None

    def page_title(self, url: QUrl | None = None) -> str:
        """The shown page's first heading (Markdown has no <title>)."""
        path = self.page_path(url)
        if path is None or not path.is_file() or path == guide_index():
            return ""  # the first page's heading is the window's own title
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return ""

    def _update_title(self, url: QUrl | None = None) -> None:
        page = self.page_title(url)
        title = self.tr("User Guide — rosterapp")
        self.setWindowTitle(f"{page} — {title}" if page else title)

    def home(self) -> None:
        """The first page (the contents)."""
        self.open_page(guide_index())

    def open_page(self, path: Path) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)


class GuideAction(QAction):
    """Help ▸ User Guide (F1): shows the guide's window, made the first time it is asked for."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("actionUserGuide")
        self.setShortcut(QKeySequence("F1"))
        self.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.window: GuideWindow | None = None
        self.triggered.connect(self.show_guide)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("&User Guide"))
        self.setStatusTip(self.tr("How to use the program, in Chinese, with pictures"))
        if self.window is not None:
            self.window.retranslate()

    def show_guide(self) -> GuideWindow:
        if self.window is None:
            parent = self.parent()
            self.window = GuideWindow(parent if isinstance(parent, QWidget) else None)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window
