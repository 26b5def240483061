"""The HQ workbook as headquarters opens and prints it: sheets, headers, values from the database, print setup."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from rosterapp.db import open_database
from rosterapp.errors import Cancelled
from rosterapp.models import Absence, Duty, Person, Post, Station, Vehicle, VehicleDeployment
from rosterapp.services import statistics
from rosterapp.services.check import resolve_scope
from rosterapp.services.excel import common as c
from rosterapp.services.excel.common import is_rest_day
from rosterapp.services.excel.export import export_workbook
from tests.services.excel.conftest import OPERATION, export

SIX = ["东城支队", "西城支队", "朝阳支队", "海淀支队", "丰台支队", "石景山支队"]


@pytest.fixture(scope="module")
def book(exported: Path):
    return openpyxl.load_workbook(exported)


def header(ws) -> list:
    return [cell.value for cell in ws[1]]


def test_sheets_in_the_contracts_order_with_its_headers(book):
    assert book.sheetnames == ["汇总", "点位方案", "车辆部署", *SIX, "问题清单", "月度统计", "每日在岗人数"]
    assert [v for v in (cell.value for cell in book["汇总"][3])] == c.SUMMARY_HEADERS + c.STRENGTH_HEADERS + c.PLAN_HEADERS
    assert header(book["点位方案"]) == c.POST_HEADERS
    assert header(book["车辆部署"]) == c.DEPLOYMENT_HEADERS
    assert header(book["问题清单"])[:8] == ["严重程度", "规则", "说明", "开始", "结束", "人员", "车辆", "点位"]
    grid = header(book["东城支队"])
    assert grid[:4] == ["消防救援站", "姓名", "工号", "职务"]
    assert grid[4] == dt.datetime(2026, 3, 5)  # the operation's first day, as a real date
    assert len(grid) == 4 + 11


def test_summary_title_rows_totals_and_chart(book, exported, demo_url):
    ws = book["汇总"]
    assert ws["A1"].value == f"{OPERATION}（2026-03-05 至 2026-03-15）"
    assert ws["A2"].value == "制表时间" and isinstance(ws["B2"].value, dt.datetime)
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=4, max_row=10)]
    assert [r[0] for r in rows] == [*SIX, "合计"]
    total = rows[-1]
    assert total[1] == sum(r[1] for r in rows[:-1])  # posts: each has one responsible detachment
    assert total[1] == 20  # the small demo's posts
    assert 0 < total[4] <= 1 and ws.cell(row=10, column=5).number_format == "0.0%"
    assert total[5] >= 3  # the planted errors
    with zipfile.ZipFile(exported) as z:
        names = z.namelist()
        assert "xl/charts/chart1.xml" in names
        chart = z.read("xl/charts/chart1.xml").decode()
    # One series per detachment, over the daily table below the summary.
    assert chart.count("<c:ser>") == 6
    assert "每日在岗人数!$A$2:$A$12" in chart  # the days, and one column per detachment
    daily = book["每日在岗人数"]
    assert [cell.value for cell in daily[1]] == ["日期", *SIX]
    first_day = daily["A2"]
    assert first_day.value == dt.datetime(2026, 3, 5) and first_day.is_date
    # People on duty: everyone of 东城 whose cell that day holds a duty (a shift or a post).
    grid = book["东城支队"]
    on_duty = sum(1 for row in grid.iter_rows(min_row=2, max_col=5) if row[2].value and row[4].value
                  and row[4].value not in ("休", "假", "病", "训", "差", "借", "事"))
    assert daily["B2"].value == on_duty > 0


def test_a_problem_of_two_detachments_counts_in_both_rows_once_in_the_total_and_a_note_says_so(book):
    ws = book["汇总"]
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=4, max_row=10)]
    *detachments, total = rows
    problems = [[cell.value for cell in row] for row in book["问题清单"].iter_rows(min_row=2)]
    for col, severity in ((5, "错误"), (6, "警告")):
        listed = [p for p in problems if p[0] == severity]
        assert total[col] == len(listed)  # each problem once
        for row in detachments:  # and in every detachment it concerns
            assert row[col] == sum(1 for p in listed if row[0] in p[8].split("、")), (row[0], severity)
    # The demo lends a 西城 firefighter to a 东城 post on a day his own station has him on duty.
    shared = [p for p in problems if p[0] == "错误" and len(p[8].split("、")) > 1]
    assert shared and not [p for p in problems if p[0] == "警告" and len(p[8].split("、")) > 1]
    assert sum(row[5] for row in detachments) == total[5] + len(shared)
    assert sum(row[6] for row in detachments) == total[6]
    # Under the table, after an empty row (where a reader of the table stops), the note, across the table.
    assert [cell.value for cell in ws[11]] == [None] * 15
    note = ws["A12"].value
    assert note.startswith("注：一个问题涉及两个支队时，在这两个支队的行中各计一次，在合计中只计一次")
    assert note.endswith(f"本表中涉及两个或更多支队的有：错误 {len(shared)} 个。")
    assert "A12:G12" in {str(r) for r in ws.merged_cells.ranges}


def test_post_rows_match_the_database(book, demo_url):
    ws = book["点位方案"]
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=2)]
    from rosterapp.db import open_database

    database = open_database(demo_url)
    with database.begin() as s:
        post = s.scalar(select(Post).where(Post.code == "CY-01"))
        window = (dt.datetime(2026, 3, 6, 8), dt.datetime(2026, 3, 7, 8))
        people = s.execute(select(Person.staff_no, Person.name).join(Duty, Duty.person_id == Person.id).where(
            Duty.post_id == post.id, Duty.start < window[1], Duty.end > window[0])).all()
        post_name, station = post.name, post.station.name
    database.dispose()
    row = next(r for r in rows if r[0] == "CY-01" and r[7] == window[0])
    assert row[1] == post_name and row[2] == "会场" and row[3] == "驻点" and row[4] == "三级战备"
    assert row[5] == "朝阳支队" and row[6] == station
    assert row[8] == window[1]
    assert row[12] == len(people)
    for staff, name in people:
        assert f"{name}({staff})" in row[13]
    assert row[13].startswith(row[9].split("、")[0] + "：指挥员")  # crews by vehicle, the commander first
    assert row[10] and row[11]  # the leading commander and his phone
    start_cell = ws.cell(row=rows.index(row) + 2, column=8)
    assert start_cell.is_date and start_cell.number_format == c.DATETIME_FORMAT
    # Day and night windows on the route posts (白班/夜班 rotation).
    route = [r for r in rows if r[2] == "线路"]
    assert {(r[7].hour, (r[8] - r[7]).seconds // 3600) for r in route} == {(8, 12), (20, 12)}


def test_deployment_rows_match_the_database(book, demo_url):
    from rosterapp.db import open_database

    rows = [[cell.value for cell in row] for row in book["车辆部署"].iter_rows(min_row=2)]
    database = open_database(demo_url)
    with database.begin() as s:
        deployments = s.execute(select(Vehicle.plate, Post.code, VehicleDeployment.start, VehicleDeployment.end)
                                .join(Vehicle, Vehicle.id == VehicleDeployment.vehicle_id)
                                .join(Post, Post.id == VehicleDeployment.post_id)
                                .where(VehicleDeployment.start >= dt.datetime(2026, 3, 5),
                                       VehicleDeployment.start < dt.datetime(2026, 3, 16))).all()
    database.dispose()
    # Every deployment's rows (its crew windows, dated the day it begins) follow on and cover it exactly.
    covered: dict[tuple, list] = {}
    for r in rows:
        covered.setdefault((r[3], r[6].split(" ")[0], r[0].date()), []).append((r[7], r[8]))
    assert len(covered) == len(deployments)
    for plate, code, start, end in deployments:
        windows = sorted(covered[plate, code, start.date()])
        assert windows[0][0] == start and windows[-1][1] == end
        assert all(a[1] == b[0] for a, b in zip(windows, windows[1:], strict=False))
    first = rows[0]
    assert first[0] == dt.datetime(2026, 3, 5) and first[7] == dt.datetime(2026, 3, 5, 8)
    assert first[3].startswith("京X·") and first[6].split(" ")[0] in {cell.value for cell in book["点位方案"]["A"][1:]}
    assert first[9] >= 4  # the crew riding it


def test_a_24h_deployment_with_a_day_and_a_night_crew_is_two_rows_each_with_its_own_crew(book, demo_url):
    from rosterapp.db import open_database

    database = open_database(demo_url)
    with database.begin() as s:
        seats = dict(s.execute(select(Vehicle.plate, Vehicle.seats)).all())
    database.dispose()
    rows = [[cell.value for cell in row] for row in book["车辆部署"].iter_rows(min_row=2)]
    # Never more crew than seats (the day and night crews of a pump added up to 9 or 10 on 6 seats).
    assert all(r[9] <= seats[r[3]] for r in rows), [r for r in rows if r[9] > seats[r[3]]]
    # DC-01 (a route: a day and a night window) has its vehicle for 24 h from 08:00, a crew each half.
    post_rows = [[cell.value for cell in row] for row in book["点位方案"].iter_rows(min_row=2)]
    day = dt.datetime(2026, 3, 6, 8)
    dc01 = [r for r in rows if r[6].startswith("DC-01 ") and r[0] == dt.datetime(2026, 3, 6)]
    assert [(r[7], r[8]) for r in dc01] == [(day, day.replace(hour=20)), (day.replace(hour=20), day + dt.timedelta(days=1))]
    for r in dc01:
        # 乘员 is that window's crew on that vehicle, as 点位方案 lists it for the same window.
        window = next(p for p in post_rows if p[0] == "DC-01" and p[7] == r[7])
        crew = next(group for group in window[13].split("；") if group.startswith(r[3] + "："))
        assert r[9] == len(crew.split("：", 1)[1].split("、")) >= 4
    # A 24 h post's crew rides all day: one row.
    dc02 = [r for r in rows if r[6].startswith("DC-02 ") and r[0] == dt.datetime(2026, 3, 6)]
    assert [(r[7], r[8]) for r in dc02] == [(day, day + dt.timedelta(days=1))]


def test_roster_cells_show_shift_codes_post_codes_and_absences(book, demo_url):
    from rosterapp.db import open_database

    ws = book["东城支队"]
    days = [cell.value.date() for cell in ws[1][4:]]
    by_staff = {row[2].value: row for row in ws.iter_rows(min_row=2) if row[2].value}
    database = open_database(demo_url)
    with database.begin() as s:
        duty = s.execute(select(Person.staff_no, Duty.start, Post.code).join(Duty, Duty.person_id == Person.id)
                         .join(Station, Station.id == Person.station_id).outerjoin(Post, Post.id == Duty.post_id)
                         .where(Station.short_name == "前门", Duty.start >= dt.datetime(2026, 3, 5),
                                Duty.post_id.is_not(None)).limit(1)).one()
        absence = s.execute(select(Person.staff_no, Absence.kind, Absence.start).join(Absence)
                            .join(Station, Station.id == Person.station_id)
                            .where(Station.detachment_id == 1, Absence.start < dt.datetime(2026, 3, 14),
                                   Absence.end > dt.datetime(2026, 3, 6))).first()
        first_person = s.scalar(select(Person.staff_no).join(Station).where(Station.short_name == "前门")
                                .order_by(Person.id))
    database.dispose()
    row = by_staff[duty.staff_no]
    assert row[4 + days.index(duty.start.date())].value == duty.code
    assert ws["A2"].value == "前门消防救援站" and ws["C2"].value == first_person and ws["D2"].value == "站长"
    assert {cell.value for cell in ws[2][4:]} <= {"值", "休"}
    if absence is not None:
        staff, kind, start = absence
        day = max(start.date(), days[0])
        code = {"leave": "事", "holiday": "假", "sick": "病", "training": "训", "errand": "差", "seconded": "借"}[kind]
        assert by_staff[staff][4 + days.index(day)].value == code  # the absence code, as the grid shows it
    legend = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "图例")
    assert ws.cell(row=legend, column=2).value == "值"
    assert "08:00" in ws.cell(row=legend, column=3).value


def test_weekends_and_holidays_are_shaded(book, demo_url, tmp_path):
    from rosterapp.db import open_database

    ws = book["东城支队"]
    fills = {cell.value.date(): cell.fill.fgColor.rgb for cell in ws[1][4:]}
    saturday, monday = dt.date(2026, 3, 7), dt.date(2026, 3, 9)
    assert fills[saturday] != fills[monday]
    assert ws.cell(row=2, column=4 + 3).fill.fgColor.rgb != ws.cell(row=2, column=4 + 5).fill.fgColor.rgb
    # National Day 2026 falls on a Thursday: shaded like a weekend.
    database = open_database(demo_url)
    out = tmp_path / "october.xlsx"
    try:
        export(database, out, detachment="DC", first=dt.date(2026, 9, 28), last=dt.date(2026, 10, 9))
    finally:
        database.dispose()
    ws = openpyxl.load_workbook(out)["东城支队"]
    fills = {cell.value.date(): cell.fill.fgColor.rgb for cell in ws[1][4:]}
    assert fills[dt.date(2026, 10, 1)] == fills[dt.date(2026, 10, 3)] != fills[dt.date(2026, 9, 29)]
    assert fills[dt.date(2026, 10, 9)] == fills[dt.date(2026, 9, 29)]  # back to work


def test_rest_days_beyond_the_announced_years_come_from_the_lunar_calendar():
    assert is_rest_day(dt.date(2027, 10, 1))  # National Day, a Friday
    assert is_rest_day(dt.date(2027, 2, 8))  # Spring Festival 2027 (a Monday), from the `holidays` package
    assert not is_rest_day(dt.date(2027, 3, 9))


def test_every_sheet_is_print_ready(book):
    for ws in book.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert setup.paperSize == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0, ws.title  # one page wide
        assert ws.print_title_rows, ws.title
        assert "第 &P 页 / 共 &N 页" in ws.oddFooter.center.text, ws.title
        assert "&D" in ws.oddFooter.left.text, ws.title  # the print date
        assert ws.freeze_panes, ws.title
        header_row = 3 if ws.title == "汇总" else 1
        first = ws.cell(row=header_row, column=1)
        assert first.font.b and first.fill.fgColor.rgb not in (None, "00000000"), ws.title
        assert first.border.left.style == "thin", ws.title
        assert ws.column_dimensions["A"].width > 4, ws.title
    assert book["汇总"].print_title_rows == "$1:$3"
    assert book["东城支队"].freeze_panes == "E2"  # header row and the name columns stay in view
    assert book["点位方案"].freeze_panes == "A2"
    # Widths follow the content: the station names are wider than the staff numbers.
    grid = book["东城支队"]
    assert grid.column_dimensions["A"].width > grid.column_dimensions["C"].width


def test_monthly_statistics_sheet_holds_the_services_figures(book, demo_url):
    ws = book["月度统计"]
    assert header(ws)[:14] == ["支队", "消防救援站", "姓名", "工号", "值班天数", "24小时执勤", "白班", "夜班", "周末", "节假日",
                               "点位勤务小时", "总小时", "请休假天数", "待还班"]
    assert header(ws)[14:] == ["事假天数", "休假天数", "病假天数", "培训天数", "公差天数", "借调天数"]
    assert ws.freeze_panes == "E2" and ws.print_title_rows == "$1:$1"
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=2)]
    db = open_database(demo_url)
    try:
        with db.read() as s:
            stats = statistics.compute(s, dt.date(2026, 3, 5), dt.date(2026, 3, 15))
    finally:
        db.dispose()
    # One row per person of the six detachments, in the order and with the figures the service gives.
    assert [r[3] for r in rows] == [p.staff_no for p in stats.people]
    for row, p in zip(rows, stats.people, strict=True):
        assert row[:4] == [p.detachment, p.station, p.name, p.staff_no]
        assert row[4:14] == [p.duty_days, p.full_duties, p.day_shifts, p.night_shifts, p.weekend_days,
                             p.holiday_days, p.post_hours, p.hours, p.leave_days, p.owed]
        assert row[14:] == [p.leave.get(kind, 0) for kind in ("leave", "holiday", "sick", "training", "errand",
                                                              "seconded")]
    # The demo's month has post duties, leave and weekends: the sheet is not a column of zeros.
    for col in (4, 5, 8, 10, 11, 12):
        assert any(r[col] for r in rows), header(ws)[col]
    # The hours are the duty lengths: 24 h per 值 at least.
    assert all(r[11] >= 24 * r[5] for r in rows)


def test_a_detachments_workbook_has_its_own_monthly_statistics(demo_db, tmp_path):
    out = export(demo_db, tmp_path / "dc.xlsx", first=dt.date(2026, 3, 1), last=dt.date(2026, 3, 31),
                 detachment="DC")
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["汇总", "点位方案", "车辆部署", "东城支队", "问题清单", "月度统计", "每日在岗人数"]
    rows = list(book["月度统计"].iter_rows(min_row=2, values_only=True))
    with demo_db.read() as s:
        dc = s.scalar(select(Station.detachment_id).where(Station.short_name == "前门"))
        stats = statistics.compute(s, dt.date(2026, 3, 1), dt.date(2026, 3, 31), detachment_id=dc)
    assert {r[0] for r in rows} == {"东城支队"}
    assert [tuple(r[:14]) for r in rows] == [
        (p.detachment, p.station, p.name, p.staff_no, p.duty_days, p.full_duties, p.day_shifts, p.night_shifts,
         p.weekend_days, p.holiday_days, p.post_hours, p.hours, p.leave_days, p.owed) for p in stats.people]


def test_formula_looking_names_stay_text(demo_db, tmp_path):
    names = ["=SUM(A1)", "+1", "-x", "@x", "=HYPERLINK(\"http://x\",\"y\")"]
    with demo_db.begin() as s:
        station = s.scalar(select(Station).where(Station.short_name == "前门"))
        for i, name in enumerate(names):
            s.add(Person(staff_no=f"F{i}", name=name, station_id=station.id))
    out = export(demo_db, tmp_path / "f.xlsx", operation=OPERATION, detachment="DC")
    ws = openpyxl.load_workbook(out)["东城支队"]
    cells = {row[2].value: row[1] for row in ws.iter_rows(min_row=2) if row[2].value and row[2].value.startswith("F")}
    for i, name in enumerate(names):
        assert cells[f"F{i}"].value == name and cells[f"F{i}"].data_type == "s"
    with zipfile.ZipFile(out) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_a_cancelled_export_leaves_no_file_and_keeps_the_old_one(demo_db, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "plan.xlsx"
    out.write_bytes(b"the previous workbook")
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 50

    with demo_db.begin() as s, pytest.raises(Cancelled):
        export_workbook(s, resolve_scope(s, operation=OPERATION), out, cancelled=cancel)
    assert out.read_bytes() == b"the previous workbook"
    assert sorted(p.name for p in folder.iterdir()) == ["plan.xlsx"]  # no temporary file left behind


def test_the_background_check_gives_the_same_problems_as_checking_here(demo_url, tmp_path):
    from rosterapp.db import open_database

    database = open_database(demo_url)
    outs = []
    try:
        for parallel in (True, False):
            out = tmp_path / f"p{parallel}.xlsx"
            with database.begin() as s:
                export_workbook(s, resolve_scope(s, operation=OPERATION), out, parallel=parallel)
            outs.append([[cell.value for cell in row] for row in openpyxl.load_workbook(out)["问题清单"].iter_rows()])
    finally:
        database.dispose()
    assert outs[0] == outs[1] and len(outs[0]) > 4
    rules = {row[1] for row in outs[0][1:]}
    assert {"人员重复排班", "缺少资质", "点位无人值守", "车辆不可用"} <= rules  # the demo's planted problems


def test_a_write_that_fails_keeps_the_earlier_workbook_and_says_why(demo_db, tmp_path, monkeypatch):
    """What a full disk does to the last write of the package; the test of a real full disk is in
    tests/cli/test_output_files.py (it needs root for a small tmpfs)."""
    import errno
    import io

    from rosterapp import i18n
    from rosterapp.errors import OutputFailed

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "plan.xlsx"
    export(demo_db, out, operation=OPERATION, detachment="DC")
    before = out.read_bytes()
    written = []

    class FullDisk(io.FileIO):
        def write(self, data) -> int:
            if len(written) >= 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            written.append(len(data))
            return super().write(bytes(data)[:4096])

    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, mode="r", buffering=-1, *a, **k: FullDisk(self, "wb")
                        if self.name.endswith(".part") and mode == "wb" else real_open(self, mode, buffering, *a, **k))
    monkeypatch.setattr(i18n, "_language", "en")
    with pytest.raises(OutputFailed) as refused:
        export(demo_db, out, operation=OPERATION)
    assert refused.value.message == f"Cannot write {out}: the disk is full; the earlier file was kept."
    assert out.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["plan.xlsx"]


def test_a_workbook_cut_short_is_refused(demo_db, tmp_path, monkeypatch):
    """A writer that reports success for a file that did not reach the disk whole."""
    from rosterapp import i18n
    from rosterapp.errors import OutputFailed
    from rosterapp.services import outputs

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "plan.xlsx"
    real = outputs.zip_problem

    def cut_then_check(part, size=None):
        data = part.read_bytes()
        part.write_bytes(data[: len(data) // 2])
        return real(part, size)

    monkeypatch.setattr("rosterapp.services.excel.writer.zip_problem", cut_then_check)
    monkeypatch.setattr(i18n, "_language", "en")
    with pytest.raises(OutputFailed) as refused:
        export(demo_db, out, operation=OPERATION, detachment="DC")
    assert refused.value.message == (f"Cannot write {out}: the workbook came out incomplete (is the disk full?); "
                                     "nothing was written.")
    assert list(folder.iterdir()) == []


def test_the_print_header_keeps_a_title_that_starts_with_a_year(demo_db, tmp_path):
    """xlsxwriter's &12 followed by 2026… was read as font size 122026 and the year vanished from the
    printed header. Read back from the file as Excel reads it: size 12, bold, the title whole."""
    from rosterapp.services.operations import OperationData, create_operation

    with demo_db.begin() as s:
        create_operation(s, OperationData(name="2026年春节消防安保", start_date=dt.date(2026, 3, 2),
                                          end_date=dt.date(2026, 3, 4)))
    for scope, title in (({"first": dt.date(2026, 3, 1), "last": dt.date(2026, 3, 3)}, "2026-03-01 至 2026-03-03"),
                         ({"operation": "2026年春节消防安保"}, "2026年春节消防安保")):
        out = export(demo_db, tmp_path / "hq.xlsx", **scope)
        book = openpyxl.load_workbook(out)
        for ws in book.worksheets:
            center = ws.oddHeader.center
            assert center.size == 12, (ws.title, center.size)
            assert center.font == "-,Bold", ws.title
            assert center.text.startswith(title) or center.text.startswith(ws.title), (ws.title, center.text)
        assert book["点位方案"].oddHeader.center.text.startswith(title)
        with zipfile.ZipFile(out) as z:
            xml = z.read("xl/worksheets/sheet2.xml").decode()  # 点位方案, as Excel, WPS and Calc read it
        assert f'<oddHeader>&amp;C&amp;12&amp;"-,Bold"{title}' in xml
