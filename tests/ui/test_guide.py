"""Help ▸ User Guide (F1): the shipped Chinese guide, its links, pictures and shortcuts table."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from rosterapp.ui.guide import GUIDE_DIR, GuideWindow, guide_index, guide_pages
from rosterapp.ui.main_window import MainWindow

LINK = re.compile(r"(!?)\[[^\]]*\]\(([^)\s]+)\)")
REPO = Path(__file__).resolve().parents[2]


def links(page: Path) -> list[tuple[bool, str]]:
    """(is an image, target) of every Markdown link of a page."""
    return [(bang == "!", target) for bang, target in LINK.findall(page.read_text(encoding="utf-8"))]


def clean(text: str) -> str:
    """A menu text as the guide writes it: 打印执勤表(&P)… → 打印执勤表."""
    return re.sub(r"\(&.\)", "", text).replace("&", "").replace("…", "").strip()


def menu_shortcuts(window: MainWindow) -> set[tuple[str, str, str]]:
    """(shortcut, menu, command) of every action in the window's menus that has a shortcut."""
    found = set()

    def walk(menu, top: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), top)
            for key in action.shortcuts():
                found.add((key.toString(QKeySequence.SequenceFormat.PortableText), top, clean(action.text())))

    for action in window.menuBar().actions():
        walk(action.menu(), clean(action.text()))
    return found


def table_after(page: Path, heading: str) -> list[list[str]]:
    """The rows (without the header) of the first table under ``heading``."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading) + 1
    rows = []
    for line in lines[start:]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return [row for row in rows[1:] if not set("".join(row)) <= set("-: ")]


@pytest.fixture
def zh(use_language):
    use_language("zh_CN")


@pytest.mark.qt_log_ignore("does not support raise")  # offscreen: the guide's window is raised on a real desktop
def test_f1_opens_the_guide_on_its_first_page(db, qapp, zh):
    window = MainWindow(db)
    window.show()
    assert window.guide_action in window.help_menu.actions()
    assert window.guide_action.shortcut() == QKeySequence("F1")
    assert window.guide_action.text() == "使用说明(&H)"
    assert window.guide_action.isEnabled()
    assert window.guide_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    # Offscreen key presses do not reach Qt's shortcut map; the action F1 is bound to is triggered instead.
    window.guide_action.trigger()
    QApplication.processEvents()
    guide = window.guide_action.window
    assert guide is not None and guide.isVisible()
    assert guide.page_path() == guide_index()
    assert guide.windowTitle() == "使用说明 — rosterapp"
    assert guide.browser.toPlainText().startswith("排班与勤务计划 使用说明")
    assert guide.home_action.text() == "目录"
    guide.close()
    window.close()


def test_the_first_page_has_chinese_headings():
    headings = [line for line in guide_index().read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert headings and all(re.search(r"[\u4e00-\u9fff]", h) for h in headings)


def test_every_link_and_picture_resolves_to_a_shipped_file():
    pages = guide_pages()
    assert len(pages) >= 8
    shown = set()
    for page in pages:
        for image, target in links(page):
            assert not re.match(r"^[a-z]+:", target), f"{page.name}: {target} leaves the guide"
            path = (page.parent / unquote(target.split("#")[0])).resolve()
            assert path.is_file(), f"{page.name}: {target} does not exist"
            assert GUIDE_DIR.resolve() in path.parents, f"{page.name}: {target} is outside the guide"
            if image:
                assert path.suffix == ".png" and path.stat().st_size < 600_000
                shown.add(path.name)
            else:
                assert path.suffix == ".md"
    # Every picture shipped is shown somewhere, and they stay small.
    shipped = {p.name for p in (GUIDE_DIR / "images").glob("*.png")}
    assert shown == shipped
    assert sum(p.stat().st_size for p in (GUIDE_DIR / "images").glob("*.png")) < 3_000_000


def test_every_page_is_reachable_from_the_first():
    seen, todo = set(), [guide_index()]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        todo += [(page.parent / t).resolve() for image, t in links(page) if not image]
    assert {p.resolve() for p in guide_pages()} <= {p.resolve() for p in seen}


def test_the_guide_names_no_internal_files():
    for page in guide_pages():
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"spec/|docs/|\.py\b|excel\.md", text), page.name


def test_the_shortcuts_table_lists_the_windows_shortcuts(db, qapp, zh):
    window = MainWindow(db)
    actual = menu_shortcuts(window)
    window.close()
    rows = table_after(guide_index().parent / "shortcuts.md", "## 菜单快捷键")
    listed = {(key, menu, command) for key, menu, command in rows}
    assert listed == actual


def test_the_guide_window_follows_links_back_and_home(qapp, zh):
    guide = GuideWindow()
    guide.show()
    guide.browser.setSource(QUrl("roster.md"))
    QApplication.processEvents()
    assert guide.page_path() == guide_index().parent / "roster.md"
    assert "套用轮班" in guide.browser.toPlainText()
    assert guide.windowTitle().startswith("排班表")
    assert guide.back_action.isEnabled()
    guide.back_action.trigger()
    assert guide.browser.toPlainText().startswith("排班与勤务计划")
    guide.browser.setSource(QUrl("shortcuts.md"))
    guide.home_action.trigger()
    assert guide.page_path() == guide_index()
    # Markdown tables and pictures reach the document: a table and scaled images.
    guide.browser.setSource(QUrl("shortcuts.md"))
    assert guide.browser.document().toHtml().count("<table") >= 2
    guide.close()


def test_docs_point_at_the_shipped_guide():
    text = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    for page in guide_pages():
        assert f"../resources/guide/zh_CN/{page.name}" in text
    assert "docs/guide.md" in (REPO / "README.md").read_text(encoding="utf-8")


def test_no_two_menu_commands_share_a_shortcut(db, qapp, zh):
    window = MainWindow(db)
    keys = [key for key, _menu, _command in menu_shortcuts(window)]
    window.close()
    assert len(keys) == len(set(keys))
