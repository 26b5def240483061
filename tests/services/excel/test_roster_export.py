"""The month roster workbook (spec/excel.md, "Month roster workbooks"): sheets, cells, colours, totals, print."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest
from sqlalchemy import select

from rosterapp.models import Detachment, Duty, Person, Station
from rosterapp.services import dutyday, roster, statistics
from rosterapp.services.calendar import day_info
from rosterapp.services.excel.roster_export import (
    FIRST_PERSON_ROW,
    TOTAL_FIELDS,
    export_month_roster,
    month_title,
)
from rosterapp.services.lookup import find_detachment

MONTH = dt.date(2026, 3, 1)
FIRST_DAY_COL = 5  # E: after 序号 姓名 工号 职务


def _fill(cell) -> str | None:
    color = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None
    return ("#" + color[-6:]).lower() if isinstance(color, str) else None


@pytest.fixture(scope="module")
def marked(demo_url: str, backend, tmp_path_factory):
    """东城's March with a sick day typed in the grid, exported; (workbook path, database, facts)."""
    from rosterapp.db import open_database

    db = open_database(backend.copy(demo_url))
    with db.begin() as session:
        det = find_detachment(session, "东城")
        station = session.scalars(select(Station).where(Station.detachment_id == det.id, Station.grade != "office")
                                  .order_by(Station.sort_order)).first()
        person = session.scalars(select(Person).where(Person.station_id == station.id, Person.active)
                                 .order_by(Person.staff_no)).first()
        sick = dt.date(2026, 3, 20)
        roster.edit_cells(session, {(person.id, sick): "病"}, [c.code for c in roster.shift_codes(session)])
        facts = {"det": det, "station": station.name, "person": person.staff_no, "sick": sick}
    out = tmp_path_factory.mktemp("roster") / "dc.xlsx"
    with db.read() as session:
        export_month_roster(session, out, MONTH, detachment_id=facts["det"].id)
    yield out, db, facts
    db.dispose()


def _people_rows(ws):
    rows = []
    for r in range(FIRST_PERSON_ROW + 1, ws.max_row + 1):
        if ws.cell(r, 2).value is None:
            break
        rows.append(r)
    return rows


def test_one_sheet_per_station_then_the_staff_office(marked):
    out, db, facts = marked
    wb = openpyxl.load_workbook(out)
    with db.read() as session:
        stations = session.execute(select(Station.short_name, Station.grade, Station.id).where(
            Station.detachment_id == facts["det"].id).order_by(Station.sort_order)).all()
        staffed = {sid for (sid,) in session.execute(select(Person.station_id).where(Person.active))}
    expected = [s for s, g, _i in stations if g != "office"]
    expected += [s for s, g, i in stations if g == "office" and i in staffed]
    assert wb.sheetnames == expected
    ws = wb.worksheets[0]
    assert ws["A1"].value == month_title("东城支队", facts["station"], MONTH) == \
        f"东城支队{facts['station']}2026年3月执勤排班表"
    assert any(str(m) .startswith("A1:") for m in ws.merged_cells.ranges)


def test_header_weekday_row_and_codes_are_the_grids(marked):
    out, db, facts = marked
    wb = openpyxl.load_workbook(out)
    days = dutyday.days_between(*dutyday.month_range(MONTH))
    with db.read() as session:
        grid = roster.load_roster(session, days, detachment_id=facts["det"].id)
        stats = statistics.compute(session, days[0], days[-1], detachment_id=facts["det"].id).by_person()
    by_staff = {row.staff_no: (r, row) for r, row in enumerate(grid.rows)}
    seen_kinds = set()
    for ws in wb.worksheets:
        header = [c.value for c in ws[2]]
        assert header[:4] == ["序号", "姓名", "工号", "职务"]
        assert header[-3:] == ["值班天数", "夜班", "小时"]
        assert [v.date() for v in header[4:-3]] == days  # real dates, shown as day numbers
        assert ws.cell(2, FIRST_DAY_COL).number_format == "d"
        assert [c.value for c in ws[3]][4:-3] == ["一二三四五六日"[d.weekday()] for d in days]
        assert ws["B2"].font.b and _fill(ws["B2"]) is not None
        for k, r in enumerate(_people_rows(ws), start=1):
            values = [c.value for c in ws[r]]
            assert values[0] == k
            g, row = by_staff[values[2]]
            assert values[1] == row.name and (values[3] or "") == row.position
            assert [v or "" for v in values[4:-3]] == grid.cells[g]
            p = stats[row.person_id]
            assert tuple(values[-3:]) == tuple(getattr(p, f) for f in TOTAL_FIELDS)
            seen_kinds.update(grid.kinds[g])
    # A shift, an absence and a post day are all among them.
    assert {roster.DUTY, roster.ABSENCE, roster.POST} <= seen_kinds


def test_colours_and_shading(marked):
    out, db, facts = marked
    wb = openpyxl.load_workbook(out)
    with db.read() as session:
        colors = {c.code: c.color.lower() for c in roster.shift_codes(session)}
    ws = wb[wb.sheetnames[0]]
    row = next(r for r in _people_rows(ws) if ws.cell(r, 3).value == facts["person"])
    sick = ws.cell(row, FIRST_DAY_COL + facts["sick"].day - 1)
    assert sick.value == "病" and _fill(sick) == roster.absence_cells.COLORS["病"].lower()
    duty = next(ws.cell(r, col) for r in _people_rows(ws) for col in range(FIRST_DAY_COL, FIRST_DAY_COL + 31)
                if ws.cell(r, col).value == "值")
    assert _fill(duty) == colors["值"]
    post = next(c for ws2 in wb.worksheets for r in _people_rows(ws2) for c in ws2[r][4:-3]
                if c.value and "-" in str(c.value) and "/" not in str(c.value))
    assert _fill(post) == roster.KIND_COLORS[roster.POST]
    # 2026-03-07 is a Saturday: its header and weekday cells are shaded as the grid's.
    saturday = FIRST_DAY_COL + 6
    assert day_info(dt.date(2026, 3, 7)).weekend
    assert _fill(ws.cell(2, saturday)) == _fill(ws.cell(3, saturday)) == roster.OFF_DAY_COLOR
    assert _fill(ws.cell(2, FIRST_DAY_COL + 1)) != roster.OFF_DAY_COLOR  # Monday the 2nd


def test_a_holiday_is_shaded(demo_url, tmp_path):
    from rosterapp.db import open_database

    db = open_database(demo_url)
    try:
        with db.read() as session:
            sid = session.scalars(select(Station.id).where(Station.grade != "office")).first()
            out = tmp_path / "may.xlsx"
            stats = export_month_roster(session, out, dt.date(2026, 5, 1), station_id=sid)
    finally:
        db.dispose()
    assert stats.sheets == 1
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert day_info(dt.date(2026, 5, 1)).holiday  # 劳动节, a Friday
    assert _fill(ws.cell(2, FIRST_DAY_COL)) == roster.HOLIDAY_COLOR
    assert [c.value for c in ws[2]][-4].date() == dt.date(2026, 5, 31)


def test_legend_and_print_setup(marked):
    out, _db, _facts = marked
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        people = _people_rows(ws)
        last = people[-1] if people else FIRST_PERSON_ROW
        assert ws.cell(last + 1, 1).value is None  # an empty row ends the people for an import
        legend = ws.cell(last + 2, 1).value
        assert legend.startswith("注：") and "值=" in legend and "病=病假" in legend and "事=事假" in legend
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, None)
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$3"
        assert ws.freeze_panes == "E4"
        assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页" and "&D" in ws.oddFooter.left.text


def test_a_name_starting_with_equals_stays_text(demo_url, backend, tmp_path):
    from rosterapp.db import open_database

    db = open_database(backend.copy(demo_url))
    try:
        with db.begin() as session:
            person = session.scalars(select(Person).where(Person.active).order_by(Person.id)).first()
            person.name = "=SUM(A1)"
            sid = person.station_id
        with db.read() as session:
            export_month_roster(session, tmp_path / "x.xlsx", MONTH, station_id=sid)
    finally:
        db.dispose()
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[0]
    cell = next(ws.cell(r, 2) for r in _people_rows(ws) if ws.cell(r, 2).value == "=SUM(A1)")
    assert cell.data_type == "s"
    assert not list(tmp_path.glob("*.tmp*")) and not list(tmp_path.glob(".*x.xlsx*"))


def test_a_post_day_is_the_post_code(marked):
    out, db, facts = marked
    with db.read() as session:
        lo = dt.datetime(2026, 3, 1)
        row = session.execute(select(Person.staff_no, Duty.start).join(Person, Person.id == Duty.person_id)
                              .join(Station, Station.id == Person.station_id)
                              .join(Detachment, Detachment.id == Station.detachment_id)
                              .where(Duty.post_id.is_not(None), Detachment.id == facts["det"].id,
                                     Duty.start >= lo, Duty.start < dt.datetime(2026, 4, 1))).first()
    assert row is not None
    staff, start = row
    wb = openpyxl.load_workbook(out)
    found = [ws.cell(r, FIRST_DAY_COL + start.day - 1).value for ws in wb.worksheets for r in _people_rows(ws)
             if ws.cell(r, 3).value == staff]
    assert found and any("-" in v for v in found[0].split("/")), found


def test_libreoffice_opens_it(marked, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice Calc is missing")
    out, _db, facts = marked
    profile = tmp_path / "profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", str(tmp_path),
         str(out)], capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL)
    csv = tmp_path / (out.stem + ".csv")
    assert result.returncode == 0 and csv.exists(), result.stderr
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(f"东城支队{facts['station']}2026年3月执勤排班表")
    assert lines[1].startswith("序号,姓名,工号,职务,1,2,3")
