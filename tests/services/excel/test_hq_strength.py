"""汇总's 执勤实力 columns: after the contract's, the detachments' figures of the workbook's first day,
equal to the detachment summary's 合计, summed in 合计, and carried through a merge."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import select

from rosterapp.models import Detachment
from rosterapp.reports.batch import DETACHMENT, SheetBatch, SheetRequest
from rosterapp.reports.detachment_summary import build_detachment_summary
from rosterapp.services.excel import common as c
from rosterapp.services.excel.merge import merge_workbooks
from tests.services.excel.conftest import OPERATION, export


def summary(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)["汇总"]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_the_strength_columns_follow_the_contracts_and_match_the_detachment_summary(demo_db, tmp_path):
    path = export(demo_db, tmp_path / "hq.xlsx", operation=OPERATION)
    rows = summary(path)
    width = len(c.SUMMARY_HEADERS)
    assert list(rows[2][:width]) == c.SUMMARY_HEADERS  # the contract, untouched
    assert list(rows[2][width:width + 5]) == ["在岗人数", "执勤车辆", "载水量(吨)", "载泡沫量(吨)", "载干粉量(公斤)"]
    assert list(rows[2][width + 5:]) == c.PLAN_HEADERS  # then the sub-plans' versions (a task's workbook)
    first = rows[1][width + 1].date()
    assert rows[1][width] == "执勤实力日"
    *detachments, total = rows[3:10]
    assert total[0] == "合计"
    for k in range(width, width + 5):
        assert total[k] == sum(r[k] for r in detachments)
    with demo_db.read() as s:
        dets = dict(s.execute(select(Detachment.name, Detachment.id)).all())
        for row in detachments:
            batch = SheetBatch(s, SheetRequest(DETACHMENT, (dets[row[0]],), first, first))
            stations = build_detachment_summary(batch.data, dets[row[0]], first, [], {}).stations
            sheets = [st.strength for st in stations]
            assert row[width:width + 5] == (
                sum(x.present for x in sheets), sum(x.vehicles_on_duty for x in sheets),
                *(round(sum(getattr(x, k) for x in sheets), 3) for k in ("water_t", "foam_t", "powder_kg"))), row[0]
            station_total = batch.document(first, dets[row[0]]).blocks[1].rows[-1].cells  # 合计 of 各站执勤实力
            assert [float(x) for x in station_total[13:16]] == list(row[width + 2:width + 5])
    assert any(r[width + 2] > 0 for r in detachments)  # the demo's vehicles carry water


def test_a_merge_keeps_each_sub_plans_strength(demo_db, tmp_path):
    dc = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    xc = export(demo_db, tmp_path / "xc.xlsx", operation=OPERATION, detachment="XC")
    out = tmp_path / "hq.xlsx"
    merge_workbooks([dc, xc], out)
    width = len(c.SUMMARY_HEADERS)
    merged = {r[0]: r[width:width + 5] for r in summary(out)[3:6]}
    assert merged["东城支队"] == summary(dc)[3][width:width + 5]
    assert merged["西城支队"] == summary(xc)[3][width:width + 5]
    assert merged["合计"] == tuple(a + b for a, b in zip(merged["东城支队"], merged["西城支队"], strict=True))
