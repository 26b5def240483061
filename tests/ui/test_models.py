"""The Qt models of the navigator and the overview, over plain rows (no database needed)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from rosterapp.services.overview import DetachmentInfo, OperationCount, StationCount
from rosterapp.ui import navigator as nav
from rosterapp.ui import overview as ov
from rosterapp.ui.navigator import NavigatorModel
from rosterapp.ui.overview import OverviewModel, OverviewProxy

DETACHMENTS = [DetachmentInfo(1, "DC", "东城支队", "东城"), DetachmentInfo(2, "XC", "西城支队", "西城"),
               DetachmentInfo(3, "TAM", "天安门地区支队", "天安门")]  # the last has no stations yet
STATIONS = [
    StationCount(1, "DC", "东城支队", 11, "前门消防救援站", "前门", "level1", 40, 6, 14, 5, 2),
    StationCount(1, "DC", "东城支队", 12, "金宝街消防救援站", "金宝街", "level1", 30, 5, 11, 0, 0),
    StationCount(2, "XC", "西城支队", 21, "白纸坊特勤站", "白纸坊", "special", 55, 9, 20, 8, 3),
    StationCount(2, "XC", "西城支队", 22, "动物园小型站", "动物园", "small", 15, 3, 6, 0, 0),
]
OPERATIONS = [OperationCount(7, "全国两会消防安保", dt.date(2027, 3, 1), dt.date(2027, 3, 15), "level2", 12),
              OperationCount(8, "空任务", dt.date(2026, 1, 1), dt.date(2026, 1, 2), "routine", 0)]


@pytest.fixture
def navigator_model(qapp) -> NavigatorModel:
    model = NavigatorModel()
    model.set_content(DETACHMENTS, STATIONS, OPERATIONS)
    return model


@pytest.fixture
def overview_model(qapp) -> OverviewModel:
    model = OverviewModel()
    model.set_rows(STATIONS)
    return model


def test_navigator_model_passes_the_model_tester(qtmodeltester, navigator_model):
    qtmodeltester.check(navigator_model)


def test_empty_navigator_model_passes_the_model_tester(qtmodeltester, qapp):
    model = NavigatorModel()
    qtmodeltester.check(model)
    model.set_content([], [], [])
    qtmodeltester.check(model)


def test_navigator_tree_shape_and_counts(navigator_model):
    m = navigator_model
    assert m.rowCount() == 2
    corps, ops = m.index(0, nav.NAME), m.index(1, nav.NAME)
    assert corps.data(nav.KIND_ROLE) == nav.CORPS and ops.data(nav.KIND_ROLE) == nav.OPERATIONS
    assert corps.data() == "Beijing Fire and Rescue Corps"
    assert [m.index(r, 0, corps).data() for r in range(m.rowCount(corps))] == ["东城支队", "西城支队", "天安门地区支队"]
    dc = m.index(0, 0, corps)
    assert m.rowCount(dc) == 2
    assert m.rowCount(m.index(2, 0, corps)) == 0
    # Detachment and corps counts are the sums of their stations.
    assert [m.index(0, c, corps).data() for c in (nav.PEOPLE, nav.VEHICLES, nav.ON_DUTY)] == ["70", "11", "25"]
    assert [corps.siblingAtColumn(c).data() for c in (nav.PEOPLE, nav.VEHICLES, nav.ON_DUTY)] == ["140", "23", "51"]
    qianmen = m.index(0, 0, dc)
    assert (qianmen.data(), qianmen.data(nav.ID_ROLE), qianmen.data(nav.KEY_ROLE)) == (
        "前门消防救援站", 11, "station:前门消防救援站")
    assert m.parent(qianmen) == dc
    assert ops.data() == "Security tasks (2)"
    assert m.index(0, 0, ops).data() == "全国两会消防安保 (12 posts)"
    assert m.index(0, 0, ops).data(nav.ID_ROLE) == 7
    assert "2027-03-01" in m.index(0, 0, ops).data(Qt.ItemDataRole.ToolTipRole)
    assert m.index(0, nav.PEOPLE, ops).data() is None


def test_navigator_finds_nodes_by_key(navigator_model):
    m = navigator_model
    assert m.index_for_key("detachment:XC").data() == "西城支队"
    assert m.index_for_key("station:动物园小型站").data(nav.ID_ROLE) == 22
    assert m.index_for_key("operation:空任务").data(nav.ID_ROLE) == 8
    assert m.index_for_key("corps") == m.corps_index()
    assert not m.index_for_key("station:不存在").isValid()


def test_overview_model_passes_the_model_tester(qtmodeltester, overview_model):
    qtmodeltester.check(overview_model)


def test_overview_proxy_passes_the_model_tester_in_every_scope(qtmodeltester, overview_model):
    proxy = OverviewProxy()
    proxy.setSourceModel(overview_model)
    qtmodeltester.check(proxy)
    proxy.set_scope(detachment_id=2)
    qtmodeltester.check(proxy)
    proxy.sort(ov.PEOPLE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_overview_model_displays_precomputed_rows(overview_model):
    m = overview_model
    assert m.rowCount() == 4 and m.columnCount() == 8
    assert [m.index(2, c).data() for c in range(8)] == [
        "西城支队", "白纸坊特勤站", "special-service station", "55", "9", "20", "8", "3"]
    assert m.index(2, ov.PEOPLE).data(ov.SORT_ROLE) == 55
    assert m.index(2, ov.PEOPLE).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert m.index(2, ov.STATION).data(ov.STATION_ID_ROLE) == 21
    assert m.index(2, ov.GRADE).data(ov.DETACHMENT_ID_ROLE) == 2
    assert m.headerData(ov.ON_DUTY, Qt.Orientation.Horizontal) == "On duty today"
    assert m.index(0, 0, m.index(0, 0)) == QModelIndex()


def test_overview_proxy_filters_by_detachment_and_station(overview_model):
    proxy = OverviewProxy()
    proxy.setSourceModel(overview_model)

    def stations() -> list[str]:
        return [proxy.index(r, ov.STATION).data() for r in range(proxy.rowCount())]

    assert len(stations()) == 4
    proxy.set_scope(detachment_id=1)
    assert stations() == ["前门消防救援站", "金宝街消防救援站"]
    proxy.set_scope(station_id=22)
    assert stations() == ["动物园小型站"]
    proxy.set_scope()
    assert len(stations()) == 4


@pytest.mark.parametrize(("column", "order", "first"), [
    (ov.PEOPLE, Qt.SortOrder.DescendingOrder, "白纸坊特勤站"),
    (ov.PEOPLE, Qt.SortOrder.AscendingOrder, "动物园小型站"),
    (ov.GRADE, Qt.SortOrder.AscendingOrder, "白纸坊特勤站"),   # special-service first
    (ov.STATION, Qt.SortOrder.AscendingOrder, "白纸坊特勤站"),  # by pinyin: baizhifang
    (ov.STATION, Qt.SortOrder.DescendingOrder, "前门消防救援站"),  # qianmen, last by pinyin
])
def test_overview_sorts_numbers_as_numbers_and_names_by_pinyin(overview_model, column, order, first):
    proxy = OverviewProxy()
    proxy.setSourceModel(overview_model)
    proxy.sort(column, order)
    assert proxy.index(0, ov.STATION).data() == first
