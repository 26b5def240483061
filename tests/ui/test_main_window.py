"""The main window on a real database: navigator, overview filtering, languages, persistence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QSplitter, QTableView, QTreeView, QWidget

from rosterapp.db import Database
from rosterapp.models import Person, Station
from rosterapp.services import duties
from rosterapp.ui import navigator as nav
from rosterapp.ui import overview as ov
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.settings import Settings

# Each detachment: its stations, and its staff office (支队机关) last.
SEEDED = {"东城支队": 4, "西城支队": 5, "朝阳支队": 5, "海淀支队": 4, "丰台支队": 4, "石景山支队": 2}


@pytest.fixture
def make_window(qtbot):
    def make(db: Database, settings: Settings | None = None) -> MainWindow:
        window = MainWindow(db, settings)
        qtbot.addWidget(window)
        return window
    return make


def shown_stations(window: MainWindow) -> list[str]:
    proxy = window.overview_page.proxy
    return [proxy.index(r, ov.STATION).data() for r in range(proxy.rowCount())]


def test_fresh_database_shows_the_six_detachments_and_their_stations(make_window, db):
    window = make_window(db)
    assert window.objectName() == "mainWindow"
    # The database, what the navigator shows, the program.
    assert window.windowTitle() == "roster.sqlite3 — 东城支队 — Duty Roster Planner"
    tree = window.findChild(QTreeView, "navigator")
    model = tree.model()
    corps = model.index(0, 0)
    assert corps.data(nav.KIND_ROLE) == nav.CORPS
    detachments = {model.index(r, 0, corps).data(): model.rowCount(model.index(r, 0, corps))
                   for r in range(model.rowCount(corps))}
    assert detachments == SEEDED
    assert model.index(1, 0).data(nav.KIND_ROLE) == nav.OPERATIONS
    # First start: the first detachment's roster; the overview follows the same selection.
    assert window.selected_key() == "detachment:DC"
    assert window.tabs.currentWidget() is window.roster_page
    assert shown_stations(window) == ["前门消防救援站", "金宝街消防救援站", "龙潭湖消防救援站", "东城支队机关"]
    assert window.select_key("corps")
    assert window.findChild(QTableView, "overviewTable").model().rowCount() == 18 + 6
    assert window.overview_page.title().startswith("Beijing Fire and Rescue Corps — duty day ")
    assert "Stations: 18" in window.totals_label.text()
    assert "roster.sqlite3" in window.database_label.text()


def test_selecting_a_detachment_filters_the_overview_to_its_stations(make_window, db, qtbot):
    window = make_window(db)
    window.show()
    qtbot.waitExposed(window)
    tree = window.navigator
    xc = tree.model().index_for_key("detachment:XC")
    # A click on the row, as a clerk would.
    tree.scrollTo(xc)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(xc).center())
    assert window.selected_key() == "detachment:XC"
    assert shown_stations(window) == ["西直门消防救援站", "白纸坊特勤站", "动物园小型站", "四平园小型站", "西城支队机关"]
    assert window.overview_page.title().startswith("西城支队 — ")
    assert "Stations: 4" in window.totals_label.text()

    assert window.select_key("station:望京特勤站")
    assert shown_stations(window) == ["望京特勤站"]
    # Clicking on a count column selects the same node.
    sj = tree.model().index_for_key("detachment:SJS").siblingAtColumn(nav.ON_DUTY)
    tree.scrollTo(sj)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(sj).center())
    assert window.selected_key() == "detachment:SJS"
    assert shown_stations(window) == ["北辛安消防救援站", "石景山支队机关"]
    assert window.select_key("corps")
    assert len(shown_stations(window)) == 18 + 6


def test_counts_of_a_populated_database(make_window, populated_db):
    window = make_window(populated_db)
    model = window.navigator_model

    def counts(key: str) -> list[str]:
        index = model.index_for_key(key)
        return [index.siblingAtColumn(c).data() for c in (nav.PEOPLE, nav.VEHICLES, nav.ON_DUTY)]

    assert counts("station:前门消防救援站") == ["5", "2", "3"]
    assert counts("station:望京特勤站") == ["2", "1", "1"]
    assert counts("detachment:DC") == ["5", "2", "3"]
    assert counts("corps") == ["7", "3", "4"]
    ops = model.index_for_key("operations")
    assert ops.data() == "Security tasks (2)"
    assert [model.index(r, 0, ops).data() for r in range(model.rowCount(ops))] == [
        "全国两会消防安保 (2 posts)", "国庆消防安保 (0 posts)"]

    window.select_key("detachment:DC")
    proxy = window.overview_page.proxy
    assert [proxy.index(0, c).data() for c in ov.NUMBER_COLUMNS] == ["5", "2", "3", "1", "1"]
    assert window.totals_label.text() == (
        "Stations: 3   People: 5   Vehicles: 2   On duty today: 3   At posts: 1")
    # A security task shows the whole city until the task views exist.
    window.select_key("operation:全国两会消防安保")
    assert len(shown_stations(window)) == 18 + 6


def test_reload_shows_new_data_and_keeps_the_selection(make_window, db):
    window = make_window(db)
    window.select_key("station:前门消防救援站")
    with db.begin() as s:
        station = s.query(Station).filter_by(short_name="前门").one()
        s.add(Person(staff_no="N001", name="新人", station=station))
    window.refresh_action.trigger()
    assert window.selected_key() == "station:前门消防救援站"
    assert window.overview_page.proxy.index(0, ov.PEOPLE).data() == "1"
    assert "People: 1" in window.totals_label.text()


def test_the_overview_sorts_when_a_header_is_clicked(make_window, populated_db, qtbot):
    window = make_window(populated_db)
    window.show()
    qtbot.waitExposed(window)
    view = window.overview_page.view
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(ov.PEOPLE) + header.sectionSize(ov.PEOPLE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    people = [int(view.model().index(r, ov.PEOPLE).data()) for r in range(view.model().rowCount())]
    assert people == sorted(people) or people == sorted(people, reverse=True)
    assert people[0] in (0, 5)


def test_menus_hold_only_what_exists(make_window, db):
    window = make_window(db)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Security task", "&Help"]
    assert "&Quit" in [a.text() for a in window.file_menu.actions()]
    edit = [a.objectName() for a in window.edit_menu.actions() if a.objectName()]
    assert edit[:2] == ["actionUndo", "actionRedo"] and "actionApplyRotation" in edit
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert [a.text() for a in window.help_menu.actions()] == ["&User Guide", "&About rosterapp"]


def test_chinese_titles(make_window, db, use_language):
    use_language("zh_CN")
    window = make_window(db)
    assert window.windowTitle() == "roster.sqlite3 — 东城支队 — 排班与勤务计划"
    window.select_key("corps")  # the title follows what the navigator shows
    assert window.windowTitle() == "roster.sqlite3 — 北京市消防救援总队 — 排班与勤务计划"
    window.select_key("detachment:DC")
    assert [window.tabs.tabText(i) for i in range(2)] == ["排班表", "概况"]
    assert [a.text() for a in window.menuBar().actions()][:5] == ["文件(&F)", "编辑(&E)", "视图(&V)", "保卫任务(&S)",
                                                                  "帮助(&H)"]
    assert window.navigator_model.corps_index().data() == "北京市消防救援总队"
    assert window.navigator_model.headerData(nav.NAME, Qt.Orientation.Horizontal) == "单位"
    overview = window.overview_page.model
    headers = [overview.headerData(c, Qt.Orientation.Horizontal) for c in range(overview.columnCount())]
    assert headers == ["支队", "消防救援站", "类别", "人员", "车辆", "今日执勤", "今日点位执勤", "点位车辆"]
    window.select_key("station:白纸坊特勤站")
    assert window.overview_page.proxy.index(0, ov.GRADE).data() == "特勤站"
    assert window.overview_page.title().startswith("白纸坊特勤站 — ") and "执勤日" in window.overview_page.title()
    assert window.totals_label.text().startswith("消防救援站：1")


def test_english_titles(make_window, db, use_language):
    use_language("en")
    window = make_window(db)
    assert [window.tabs.tabText(i) for i in range(2)] == ["Roster", "Overview"]
    assert [a.text() for a in window.menuBar().actions()][:5] == ["&File", "&Edit", "&View", "&Security task", "&Help"]
    assert window.navigator_model.corps_index().data() == "Beijing Fire and Rescue Corps"
    window.select_key("station:白纸坊特勤站")
    assert window.overview_page.proxy.index(0, ov.GRADE).data() == "special-service station"


def test_geometry_splitter_and_selection_persist(make_window, db, settings, qtbot):
    first = make_window(db, settings)
    first.show()
    qtbot.waitExposed(first)
    # The offscreen screen is 800 x 800; restoreGeometry() keeps a window on its screen.
    first.resize(760, 580)
    splitter = first.findChild(QSplitter, "mainSplitter")
    splitter.setSizes([260, 500])
    first.select_key("detachment:CY")
    first.overview_page.view.sortByColumn(ov.STATION, Qt.SortOrder.DescendingOrder)
    first.overview_page.view.horizontalHeader().resizeSection(ov.GRADE, 150)
    sizes = splitter.sizes()
    first.close()

    second = make_window(db, settings)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (760, 580)
    assert second.findChild(QSplitter, "mainSplitter").sizes() == sizes
    assert second.selected_key() == "detachment:CY"
    # Sorted by name in reverse pinyin order, as left: zuojiazhuang, zhaoyang (pypinyin reads 朝 so), wangjing,
    # chaowai, anjialou.
    assert shown_stations(second) == ["左家庄特勤站", "朝阳支队机关", "望京特勤站", "朝外消防救援站", "安家楼小型站"]
    assert second.overview_page.view.horizontalHeader().sectionSize(ov.GRADE) == 150


def test_a_remembered_selection_missing_from_this_database_falls_back_to_the_first_detachment(
        make_window, db, settings):
    from rosterapp.ui.settings import LAST_SELECTION

    settings.set_value(LAST_SELECTION, "station:不存在的站")
    window = make_window(db, settings)
    assert window.selected_key() == "detachment:DC"


def test_without_settings_nothing_is_saved(make_window, db, settings):
    window = make_window(db, None)
    window.close()
    assert settings.store.allKeys() == []


def test_about_names_the_version_database_and_log(make_window, db, monkeypatch):
    shown = []
    monkeypatch.setattr("rosterapp.ui.main_window.QMessageBox.about",
                        lambda parent, title, text: shown.append((title, text)))
    window = make_window(db)
    window.about_action.trigger()
    (title, text), = shown
    assert title == "About rosterapp"
    assert "rosterapp 0." in text and "roster.sqlite3" in text and "Log file" in text


def test_station_names_take_the_spare_width_but_are_never_cut(make_window, db, qtbot):
    window = make_window(db)
    window.resize(1400, 800)
    window.select_key("corps")
    window.tabs.setCurrentWidget(window.overview_page)
    window.show()
    qtbot.waitExposed(window)
    view = window.overview_page.view
    header = view.horizontalHeader()
    longest = max(view.fontMetrics().horizontalAdvance(name) for name in shown_stations(window))
    total = sum(header.sectionSize(c) for c in range(header.count()))
    assert total == view.viewport().width()
    window.resize(700, 600)
    qtbot.waitUntil(lambda: view.viewport().width() < total)
    assert header.sectionSize(ov.STATION) > longest


def test_the_last_tab_is_reopened_even_a_register(make_window, db, settings):
    first = make_window(db, settings)
    first.tabs.setCurrentWidget(first.tabs.findChild(QWidget, "peoplePage"))
    first.close()
    second = make_window(db, settings)
    assert second.tabs.currentWidget().objectName() == "peoplePage"


def test_counts_follow_edits_without_folding_the_tree(make_window, populated_db):
    window = make_window(populated_db)
    window.select_key("station:前门消防救援站")
    qianmen = window.navigator_model.index_for_key("station:前门消防救援站")
    before = int(qianmen.siblingAtColumn(nav.ON_DUTY).data())
    fengtai = window.navigator_model.index_for_key("detachment:FT")
    window.navigator.collapse(fengtai)
    with populated_db.begin() as s:
        liu = s.query(Person).filter_by(name="刘洋").one()
        duties.set_roster_cell(s, liu.id, window.duty_day(), "值")
    window.refresh_counts()
    qianmen = window.navigator_model.index_for_key("station:前门消防救援站")
    assert int(qianmen.siblingAtColumn(nav.ON_DUTY).data()) == before + 1
    assert window.selected_key() == "station:前门消防救援站"
    assert not window.navigator.isExpanded(window.navigator_model.index_for_key("detachment:FT"))
    assert window.navigator.isExpanded(window.navigator_model.index_for_key("detachment:DC"))


def test_a_checker_that_cannot_read_the_database_says_checking_is_off(make_window, populated_db, monkeypatch):
    """Found by a tester: a failed load was only logged and the status bar kept the old counts."""
    from sqlalchemy.exc import OperationalError

    from rosterapp.ui import hub as hub_module

    window = make_window(populated_db)
    assert window.hub.wait_for_checker()
    assert window.problems_label.text().startswith("Errors:")

    def locked(*_args, **_kwargs):
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(hub_module, "LiveChecker", locked)
    window.check()  # F9
    assert window.hub.wait_for_checker()
    assert window.problems_label.text() == "Checking is off (F9 to try again)"
    assert "in use by another window or process" in window.problems_label.toolTip()
    assert window.hub.live is None and window.problems_panel.model.counts() == {"error": 0, "warning": 0, "info": 0}
    monkeypatch.undo()
    window.check()
    assert window.hub.wait_for_checker()
    assert window.problems_label.text().startswith("Errors:")


def test_a_checker_that_fails_with_a_bug_reaches_the_crash_dialog(make_window, populated_db, monkeypatch, qtbot):
    from rosterapp.ui import hub as hub_module

    window = make_window(populated_db)
    assert window.hub.wait_for_checker()

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a bug in a rule")

    monkeypatch.setattr(hub_module, "LiveChecker", broken)
    with qtbot.capture_exceptions() as raised:
        window.check()
        assert window.hub.wait_for_checker()
    assert [kind for kind, *_ in raised] == [ZeroDivisionError]  # (type, value, traceback) for sys.excepthook
    assert window.problems_label.text() == "Checking is off (F9 to try again)"


def test_a_second_window_on_the_same_file_only_reads_and_says_so(make_window, populated_db, qtbot):
    from rosterapp.db import WINDOW, open_database

    first = open_database(populated_db.url, lock=WINDOW)
    second = open_database(populated_db.url, lock=WINDOW)
    try:
        window = make_window(second)
        window.show()
        qtbot.waitExposed(window)
        assert second.read_only and window.read_only_bar.isVisible()
        assert "open in another window" in window.read_only_label.text()
        assert window.windowTitle().startswith("roster.sqlite3 [read-only] — ")
        assert not window.backup_actions.restore_action.isEnabled()
        window.hub.wait_for_checker()
        page = window.roster_page
        row = next(r for r, x in enumerate(page.model.grid.rows) if not x.role)  # below the duty-role rows
        page.select_cell(row, 0)
        before = page.model.grid.cells[row][0]
        page.fill("早")
        assert page.model.grid.cells[row][0] == before and window.undo_stack.count() == 0
        assert "only reads" in window.statusBar().currentMessage()
        first.dispose()  # the other window closes
        window.reload()  # F5
        assert not window.read_only_bar.isVisible() and "[read-only]" not in window.windowTitle()
        page.select_cell(row, 0)
        page.fill("早")
        assert page.model.grid.cells[row][0] == "早"
    finally:
        first.dispose()
        second.dispose()


def test_restoring_a_backup_from_the_window(make_window, populated_db, qtbot):
    from sqlalchemy import select

    from rosterapp import backups
    from rosterapp.config import sqlite_path
    from rosterapp.db import WINDOW, open_database

    path = sqlite_path(populated_db.url)
    copy = backups.make(path, backups.DAILY)
    db = open_database(populated_db.url, lock=WINDOW)
    try:
        window = make_window(db)
        window.hub.wait_for_checker()
        page = window.roster_page
        page.select_cell(next(r for r, x in enumerate(page.model.grid.rows) if not x.role), 0)
        page.fill("早")
        assert window.undo_stack.count() == 1
        actions = window.backup_actions
        actions.choose = lambda found: next(b for b in found if b.path == copy)
        actions.confirm = lambda _question: True
        assert actions.restore()
        assert window.undo_stack.count() == 0  # the history no longer applies
        assert window.hub.wait_for_checker()
        assert page.model.grid.cells[0][0] != "早"
        with db.read() as s:
            assert s.scalar(select(Person.name).where(Person.staff_no == "T000")) == "张伟"
        assert [b.kind for b in backups.listed(path)].count(backups.BEFORE_RESTORE) == 1
        assert "Restored the copy of" in window.statusBar().currentMessage()
    finally:
        db.dispose()
