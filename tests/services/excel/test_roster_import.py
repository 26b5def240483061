"""Importing month roster workbooks (spec/excel.md, "Month roster workbooks"): a corpus of the files clerks
keep, made here with openpyxl one per variant, each checked cell by cell against the database after the
import; the bad variants each refused whole with the cell named; the round trip through our export and
through LibreOffice."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from sqlalchemy import select

from rosterapp.models import Person, Position, Station
from rosterapp.services import dutyday, roster
from rosterapp.services.excel.common import ImportRejected
from rosterapp.services.excel.roster_export import export_month_roster
from rosterapp.services.excel.roster_import import import_roster
from rosterapp.services.lookup import find_station

MONTH = dt.date(2026, 3, 1)
DAYS = dutyday.days_between(*dutyday.month_range(MONTH))
WEEK = "一二三四五六日"
# The month every variant writes: person k's day d, a code of each kind (duty, day off, day shift, leave,
# sick, training, nothing); a post day keeps its post code.
PATTERN = ["值", "休", "休", "白", "值", "假", "", "值", "病", "休", "训", "值", "休"]


def station_people(db, name: str = "前门"):
    with db.read() as session:
        station = find_station(session, name)
        people = session.execute(
            select(Person.id, Person.name, Person.staff_no, Position.name.label("position"))
            .outerjoin(Position, Position.id == Person.position_id)
            .where(Person.station_id == station.id, Person.active).order_by(Person.staff_no)).all()
        grid = roster.load_roster(session, DAYS, station_id=station.id)
    posts = {}
    for r, row in enumerate(grid.rows):
        for c, kind in enumerate(grid.kinds[r]):
            if kind == roster.POST:
                posts[row.person_id, DAYS[c]] = grid.cells[r][c]
    return station, people, posts


def wanted(people, posts, shift: int = 0) -> dict[tuple[int, dt.date], str]:
    """What the file says of each person's day: the pattern, a post day as the grid shows it."""
    out = {}
    for k, person in enumerate(people):
        for i, day in enumerate(DAYS):
            out[person.id, day] = posts.get((person.id, day)) or PATTERN[(k * 3 + i + shift) % len(PATTERN)]
    return out


def grid_texts(db, station_id: int, people) -> dict[tuple[int, dt.date], str]:
    with db.read() as session:
        grid = roster.load_roster(session, DAYS, station_id=station_id)
    return {(p.id, day): grid.cells[grid.row_of[p.id]][i] for p in people for i, day in enumerate(DAYS)}


def run(db, path: Path, **kw):
    with db.begin() as session:
        return import_roster(session, path, **kw)


def dry(db, path: Path, **kw):
    with db.read() as session:
        return import_roster(session, path, dry_run=True, problems=True, **kw)


def refusal(db, path: Path, **kw) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        run(db, path, **kw)
    return [str(e) for e in caught.value.errors]


# -- the corpus ------------------------------------------------------------------------------------------

def clerk_file(path: Path, people, want, *, heads="number", staff=False, weekday="below", title=True,
               sheet="前门", station_col=None, spaces=False, full_width=False, legend=True, hidden=True,
               totals=True) -> Path:
    """A clerk's month roster as Excel or WPS keep it, in one of the spec's variants."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    row = 1
    lead = ["序号", "姓名"] + (["工号"] if staff else []) + ["职务"] + (["消防救援站"] if station_col else [])
    width = len(lead) + len(DAYS) + (1 if totals else 0)
    if title:
        ws.cell(row, 1, "东城支队前门消防救援站2026年3月执勤排班表" if title is True else title)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row, 1).font = Font(bold=True, size=14)
        row += 1
        ws.cell(row, 1, "制表单位：前门站    制表日期：2026年2月25日")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    if weekday == "above":
        for i, day in enumerate(DAYS):
            ws.cell(row, len(lead) + 1 + i, WEEK[day.weekday()])
        row += 1
    header = row
    for c, text in enumerate(lead, start=1):
        ws.cell(header, c, text)
    for i, day in enumerate(DAYS):
        head = {"number": day.day, "日": f"{day.day}日", "date": dt.datetime.combine(day, dt.time()),
                "text": f"{day.month}月{day.day}日", "slash": f"{day.month}/{day.day}",
                "dash": f"{day.month:02d}-{day.day:02d}"}[heads]
        ws.cell(header, len(lead) + 1 + i, head)
        if heads == "date":
            ws.cell(header, len(lead) + 1 + i).number_format = "d"
    if totals:
        ws.cell(header, width, "合计")
    row += 1
    if weekday == "below":
        for i, day in enumerate(DAYS):
            ws.cell(row, len(lead) + 1 + i, "周" + WEEK[day.weekday()])
        row += 1
    for k, person in enumerate(people):
        name = person.name
        if spaces and len(name) == 2:
            name = name[0] + "  " + name[1]
        values = [k + 1, name] + ([person.staff_no if not full_width else _wide(person.staff_no)] if staff
                                  else []) + [person.position or ""] + ([station_col(k)] if station_col else [])
        for c, value in enumerate(values, start=1):
            ws.cell(row, c, value)
        for i, day in enumerate(DAYS):
            code = want[person.id, day]
            if code:
                ws.cell(row, len(lead) + 1 + i, _wide(code) if full_width else (f" {code} " if k % 4 == 1 else code))
        if totals:
            first, last = openpyxl.utils.get_column_letter(len(lead) + 1), openpyxl.utils.get_column_letter(
                len(lead) + len(DAYS))
            ws.cell(row, width, f'=COUNTIF({first}{row}:{last}{row},"值")')
        row += 1
    if legend:
        row += 1
        ws.cell(row, 1, "注：值=24小时值班；休=休息；白=白班；假=休假；病=病假；训=培训")
        ws.cell(row + 1, 1, "制表人：张三")
        ws.cell(row + 1, 10, "审核：李四")
    if hidden:
        secret = wb.create_sheet("旧表")
        secret.sheet_state = "hidden"
        secret.cell(1, 1, "姓名")
        for i in range(31):
            secret.cell(1, 2 + i, i + 1)
        secret.cell(2, 1, "不存在的人")
        secret.cell(2, 2, "乱码")
    wb.save(path)
    return path


def _wide(text: str) -> str:
    """Full-width forms, as an input method in full-width mode types them (ＤＣ－０１, １２３)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


VARIANTS = {
    "merged title, day numbers, weekday row below, names only, legend": {},
    "real dates, 工号, weekday row above, totals by formula": {"heads": "date", "staff": True, "weekday": "above"},
    "text days 3月1日, no weekday row, spaces inside names": {"heads": "text", "weekday": None, "spaces": True},
    "1日 headers, full-width 工号 and codes": {"heads": "日", "staff": True, "full_width": True},
    "1/1 headers, the sheet's name names the station, the title the month": {
        "heads": "slash", "title": "2026年3月执勤安排", "sheet": "前门站"},
    "01-01 headers, a title with the station's short name": {"heads": "dash", "title": "前门站3月份排班（2026年3月）",
                                                          "sheet": "Sheet1"},
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_variant_makes_the_database_the_file(demo_db, tmp_path, variant):
    station, people, posts = station_people(demo_db)
    want = wanted(people, posts, shift=len(variant))
    path = clerk_file(tmp_path / "roster.xlsx", people, want, **VARIANTS[variant])
    result = run(demo_db, path)
    assert result.changed > 0 and result.skipped_sheets == ["旧表"]
    got = grid_texts(demo_db, station.id, people)
    for cell, code in want.items():
        assert got[cell] == code, (variant, cell, got[cell], code)
    # Importing it again changes nothing.
    assert dry(demo_db, path).changed == 0


def test_a_station_column_places_each_row(demo_db, tmp_path):
    qm, qm_people, qm_posts = station_people(demo_db, "前门")
    jb, jb_people, jb_posts = station_people(demo_db, "金宝街")
    people = qm_people[:5] + jb_people[:5]
    want = wanted(people, {**qm_posts, **jb_posts})
    names = {p.id: ("前门消防救援站" if k < 5 else "金宝街") for k, p in enumerate(people)}
    path = clerk_file(tmp_path / "two.xlsx", people, want, title="东城支队2026年3月排班表", sheet="全支队",
                      station_col=lambda k: names[people[k].id])
    result = run(demo_db, path)
    assert {p.station for p in result.people} <= {"前门", "金宝街"}
    got = {**grid_texts(demo_db, qm.id, qm_people[:5]), **grid_texts(demo_db, jb.id, jb_people[:5])}
    assert all(got[cell] == code for cell, code in want.items())


def test_month_and_station_given_when_the_file_names_neither(demo_db, tmp_path):
    station, people, posts = station_people(demo_db)
    want = wanted(people, posts)
    path = clerk_file(tmp_path / "bare.xlsx", people, want, title=False, sheet="Sheet1")
    lines = refusal(demo_db, path)
    assert any("工作表 Sheet1" in line and "--month" in line for line in lines)
    run(demo_db, path, station="前门", month=MONTH)
    assert grid_texts(demo_db, station.id, people) == want


def test_the_dry_run_lists_the_changed_cells_and_the_problems_they_add(demo_db, tmp_path):
    station, people, posts = station_people(demo_db)
    before = grid_texts(demo_db, station.id, people)
    want = dict(before)
    first = people[0]
    free = next(day for day in DAYS[1:-1] if (first.id, day) not in posts and (first.id, day - dt.timedelta(1))
                not in posts and (first.id, day + dt.timedelta(1)) not in posts)
    # Three 24 h duties in a row: too little rest, an error the check names.
    for day in (free - dt.timedelta(1), free, free + dt.timedelta(1)):
        want[first.id, day] = "值"
    path = clerk_file(tmp_path / "tired.xlsx", people, want)
    result = dry(demo_db, path)
    changed = [c for c in want if want[c] != before[c]]
    assert result.changed == len(changed) and result.unchanged == len(want) - len(changed)
    assert result.dry_run and result.edit is None
    assert any(first.name in line and "→ 值" in line for line in result.detail_lines())
    assert result.added("error") >= 1 and "rest_too_short" in {p.rule for p in result.delta.appeared}
    assert grid_texts(demo_db, station.id, people) == before  # nothing written


def test_the_import_is_one_edit_that_undo_takes_back(demo_db, tmp_path):
    station, people, posts = station_people(demo_db)
    before = grid_texts(demo_db, station.id, people)
    path = clerk_file(tmp_path / "r.xlsx", people, wanted(people, posts))
    result = run(demo_db, path)
    assert result.edit is not None and {p.person_id for p in result.people} <= result.change.people
    with demo_db.begin() as session:
        roster.undo_cells(session, result.edit)
    assert grid_texts(demo_db, station.id, people) == before
    with demo_db.begin() as session:
        roster.redo_cells(session, result.edit)
    assert grid_texts(demo_db, station.id, people) == wanted(people, posts)


# -- the bad variants: each refused whole, the cell named -----------------------------------------------

def _bad(db, tmp_path, change, **kw) -> list[str]:
    station, people, posts = station_people(db)
    want = wanted(people, posts)
    before = grid_texts(db, station.id, people)
    path = clerk_file(tmp_path / "bad.xlsx", people, want, **kw)
    wb = openpyxl.load_workbook(path)
    change(wb[wb.sheetnames[0]], people, posts)
    wb.save(path)
    lines = refusal(db, path)
    assert grid_texts(db, station.id, people) == before  # nothing written
    return lines


# Rows: title 1-2, header 3, weekday 4, people from 5. Columns: 序号 A, 姓名 B, 职务 C, days from D (3月1日).
def test_an_unknown_code(demo_db, tmp_path):
    lines = _bad(demo_db, tmp_path, lambda ws, people, posts: ws.cell(6, 4 + 4, "X"))
    assert lines == ["工作表 前门，第 6 行，3月5日（H6）：unknown code X"] or any(
        "第 6 行，3月5日（H6）" in line and "X" in line for line in lines)


def test_an_unknown_name(demo_db, tmp_path):
    lines = _bad(demo_db, tmp_path, lambda ws, people, posts: ws.cell(7, 2, "查无此人"))
    assert len(lines) == 1 and "第 7 行，姓名（B7）" in lines[0] and "查无此人" in lines[0]


def test_two_people_of_one_name_without_staff_numbers(demo_db, tmp_path):
    station, people, _posts = station_people(demo_db)
    with demo_db.begin() as session:
        twin = session.get(Person, people[2].id)
        session.add(Person(name=twin.name, staff_no="TWIN0001", station_id=twin.station_id,
                           position_id=twin.position_id, active=True))
    lines = _bad(demo_db, tmp_path, lambda ws, people, posts: None)
    assert lines and "（B7）" in lines[0]  # the first of the two rows, then the second
    assert all(people[2].staff_no in line and "TWIN0001" in line and twin.name in line for line in lines)


def test_a_missing_day(demo_db, tmp_path):
    lines = _bad(demo_db, tmp_path, lambda ws, people, posts: ws.delete_cols(4 + 14))
    assert any("第 3 行" in line and "3月15日" in line for line in lines)


def test_a_day_twice(demo_db, tmp_path):
    lines = _bad(demo_db, tmp_path, lambda ws, people, posts: ws.cell(3, 4 + 10, 10))
    assert any("（N3）" in line and "3月10日" in line for line in lines)


def test_a_wrong_weekday(demo_db, tmp_path):
    lines = _bad(demo_db, tmp_path, lambda ws, people, posts: ws.cell(4, 4 + 2, "周一"))
    assert lines and all("（F4）" in line for line in lines) and "3月3日" in lines[0]


def test_a_post_code_not_in_the_database(demo_db, tmp_path):
    lines = _bad(demo_db, tmp_path, lambda ws, people, posts: ws.cell(8, 4 + 6, "DC-99"))
    assert any("（J8）" in line and "DC-99" in line for line in lines)


def test_a_date_outside_the_month(demo_db, tmp_path):
    def change(ws, people, posts):
        for i, day in enumerate(DAYS):
            ws.cell(3, 4 + i, dt.datetime.combine(day, dt.time()))
        ws.cell(3, 4 + 30, dt.datetime(2026, 4, 1))  # 3月31日 written as 4月1日
    lines = _bad(demo_db, tmp_path, change)
    assert any("（AH3）" in line for line in lines)


def test_a_station_code_on_a_post_day(demo_db, tmp_path):
    station, people, posts = station_people(demo_db)
    if not posts:
        pytest.skip("the demo station has no post day")
    (pid, day), code = next(iter(sorted(posts.items())))
    row = 5 + [p.id for p in people].index(pid)
    col = 4 + DAYS.index(day)
    lines = _bad(demo_db, tmp_path, lambda ws, people, _posts: ws.cell(row, col, "值"))
    assert len(lines) == 1 and code in lines[0] and f"第 {row} 行" in lines[0]


def test_every_bad_cell_is_named_at_once(demo_db, tmp_path):
    def change(ws, people, posts):
        ws.cell(5, 4, "Q")
        ws.cell(6, 5, "R")
        ws.cell(7, 2, "无名氏")
    assert len(_bad(demo_db, tmp_path, change)) == 3


# -- the round trip ------------------------------------------------------------------------------------

def test_export_then_import_changes_nothing(demo_db, tmp_path):
    out = tmp_path / "dc.xlsx"
    with demo_db.read() as session:
        det = session.scalar(select(Station.detachment_id).where(Station.name == "前门消防救援站"))
        export_month_roster(session, out, MONTH, detachment_id=det)
    result = dry(demo_db, out)
    assert result.changed == 0 and result.unchanged > 0 and not result.notes()
    assert len(result.sheets) == len(openpyxl.load_workbook(out, read_only=True).sheetnames)


def test_a_cell_edited_in_libreoffice_changes_exactly_that_duty(demo_db, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice Calc is missing: `make test` installs the Debian package libreoffice-calc"
    station, people, posts = station_people(demo_db)
    out = tmp_path / "qm.xlsx"
    with demo_db.read() as session:
        export_month_roster(session, out, MONTH, station_id=station.id)
    before = grid_texts(demo_db, station.id, people)
    person = people[1]
    day = next(d for d in DAYS if (person.id, d) not in posts and before[person.id, d] != "训")
    edited = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(out)
    wb.active.cell(4 + 1, 5 + DAYS.index(day), "训")  # row 5: the second person; E: 3月1日
    wb.save(edited)
    profile = tmp_path / "profile"
    outdir = tmp_path / "lo"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(edited)],
                          capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL)
    assert done.returncode == 0 and (outdir / "edited.xlsx").exists(), done.stderr
    result = run(demo_db, outdir / "edited.xlsx")
    assert result.changed == 1 and result.values == {(person.id, day): "训"}
    after = grid_texts(demo_db, station.id, people)
    assert {cell for cell in after if after[cell] != before[cell]} == {(person.id, day)}


@pytest.mark.parametrize(("text", "month"), [
    ("海淀支队双榆树消防救援站2027年1月执勤排班表", (2027, 1)), ("排班 2027-01", (2027, 1)), ("2027.1", (2027, 1)),
    ("制表日期：2026年12月25日", None), ("2026-12-25", None), ("执勤排班表", None)])
def test_a_title_names_a_month_but_a_date_in_it_does_not(text, month):
    from rosterapp.services.excel.month_sheets import month_in

    assert month_in(text) == month
