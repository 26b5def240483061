"""Real PDFs of the sheets, read back with poppler (pdftotext, pdffonts, pdfinfo) and compared with the database."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from sqlalchemy import or_, select

from rosterapp.db import Database, open_database
from rosterapp.errors import Cancelled
from rosterapp.models import Detachment, Duty, Operation, Person, Post, ShiftType, Station, Vehicle
from rosterapp.reports.batch import DETACHMENT, STATION, SheetBatch, SheetRequest
from rosterapp.reports.document import Column, Document, Row, Table
from rosterapp.services import demo
from rosterapp.ui.printing import fonts as sheet_font_module
from rosterapp.ui.printing.fonts import FontMissing, sheet_fonts
from rosterapp.ui.printing.pdf import write_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (make test installs it)")

START = dt.date(2027, 3, 1)
PRINTED_AT = dt.datetime(2027, 3, 5, 16, 45)


def pdftotext(path: Path, page: int | None = None, layout: bool = False) -> str:
    """The text of a PDF (one page); with ``layout`` each table row stays on one line, as printed."""
    options = ["-f", str(page), "-l", str(page)] if page else []
    options += ["-layout"] if layout else []
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def squeeze(text: str) -> str:
    """pdftotext puts cells and wrapped lines on lines of their own; names never break inside."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Database:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('printing') / 'demo.sqlite3'}")
    demo.generate(db, scale="small", seed=1, start=START)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def operation_day(demo_db) -> dt.date:
    with demo_db.begin() as s:
        return s.scalar(select(Operation.start_date)) + dt.timedelta(days=1)


def write(db: Database, request: SheetRequest, path: Path):
    with db.begin() as s:
        batch = SheetBatch(s, request, printed_at=PRINTED_AT)
    return write_pdf(batch.documents(), path, title=batch.title(), fonts=sheet_fonts())


def people_and_plates(db: Database, station_id: int, day: dt.date) -> tuple[set[str], set[str]]:
    """Everyone on duty at the station or at the posts it dispatches, and its vehicles and theirs."""
    lo = dt.datetime.combine(day, dt.time(8))
    hi = lo + dt.timedelta(days=1)
    with db.begin() as s:
        posts = select(Post.id).where(Post.station_id == station_id)
        duty = (select(Person.name, Vehicle.plate).select_from(Duty).join(Person, Person.id == Duty.person_id)
                .outerjoin(Vehicle, Vehicle.id == Duty.vehicle_id)
                .join(ShiftType, ShiftType.id == Duty.shift_type_id)
                .where(ShiftType.is_duty, Duty.start < hi, Duty.end > lo,
                       or_(Duty.station_id == station_id, Duty.post_id.in_(posts))))
        rows = s.execute(duty).all()
        own = set(s.scalars(select(Vehicle.plate).where(Vehicle.station_id == station_id, Vehicle.active)))
    return {name for name, _ in rows}, own | {plate for _, plate in rows if plate}


def test_station_sheet_prints_unit_date_every_name_and_plate(qapp, demo_db, operation_day, tmp_path):
    with demo_db.begin() as s:
        station_id = s.scalar(select(Station.id).where(Station.short_name == "前门"))
    path = tmp_path / "前门.pdf"
    result = write(demo_db, SheetRequest(STATION, (station_id,), operation_day, operation_day), path)
    assert result.pages == page_count(path) == 1
    text = pdftotext(path)
    flat = squeeze(text)
    assert "北京市消防救援总队东城支队前门消防救援站" in flat
    assert f"{operation_day.year}年{operation_day.month}月{operation_day.day}日" in flat
    assert "执勤实力表" in flat and "交接班记录" in flat
    names, plates = people_and_plates(demo_db, station_id, operation_day)
    assert len(names) >= 10 and len(plates) >= 4
    missing = {n for n in names if n not in flat} | {p for p in plates if p not in flat}
    assert not missing
    # Chinese from the font's shared glyphs (门, 力) reads back as the characters, not as radicals.
    assert not re.search("[\u2e80-\u2fdf]", text)
    assert "实力" in flat and "2027" in flat
    assert "第1页/共1页" in flat
    assert f"打印时间：{PRINTED_AT:%Y-%m-%d%H:%M}" in flat


def test_the_pdf_embeds_a_cjk_font(qapp, demo_db, operation_day, tmp_path):
    path = tmp_path / "fonts.pdf"
    with demo_db.begin() as s:
        dc = s.scalar(select(Detachment.id).where(Detachment.code == "DC"))
    write(demo_db, SheetRequest(DETACHMENT, (dc,), operation_day, operation_day), path)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = [line.split() for line in listing.splitlines()[2:]]
    cjk = [f for f in fonts if "CJK" in f[0] or "YaHei" in f[0] or "SimSun" in f[0]]
    assert cjk, listing
    # Columns: name, type…, encoding, emb, sub, uni, object id; every font is embedded.
    assert all(f[-5] == "yes" for f in fonts), listing


def add_posts(db: Database, station: str, day: dt.date, count: int) -> list[str]:
    """Give a station many posts on one day, each with a crew member, as a big event would."""
    start = dt.datetime.combine(day, dt.time(8))
    with db.begin() as s:
        st = s.scalar(select(Station).where(Station.short_name == station))
        op = s.scalar(select(Operation))
        people = list(s.scalars(select(Person).where(Person.station_id == st.id).order_by(Person.id)))
        shift = s.scalar(select(ShiftType).where(ShiftType.code == "值"))
        codes = []
        for n in range(count):
            post = Post(operation_id=op.id, code=f"T-{n:02d}", name=f"临时{n:02d}号", post_type="venue",
                        duty_mode="stationed", detachment_id=st.detachment_id, station_id=st.id,
                        address=f"东城区测试路{n}号", active_from=start, active_to=start + dt.timedelta(days=1))
            s.add(post)
            s.flush()
            s.add(Duty(person_id=people[n % len(people)].id, shift_type_id=shift.id, start=start,
                       end=start + dt.timedelta(days=1), post_id=post.id, role="commander"))
            codes.append(post.code)
    return codes


def test_a_day_with_many_posts_runs_over_pages_with_the_header_repeated(qapp, tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'many.sqlite3'}")
    try:
        demo.generate(db, scale="small", seed=2, start=START)
        day = dt.date(2027, 3, 2)
        codes = add_posts(db, "龙潭湖", day, 45)
        with db.begin() as s:
            station_id = s.scalar(select(Station.id).where(Station.short_name == "龙潭湖"))
        path = tmp_path / "many.pdf"
        result = write(db, SheetRequest(STATION, (station_id,), day, day), path)
    finally:
        db.dispose()
    pages = page_count(path)
    assert result.pages == pages >= 3
    seen = []
    for page in range(1, pages + 1):
        text = pdftotext(path, page, layout=True)
        flat = squeeze(text)
        lines = [squeeze(line) for line in text.splitlines()]
        assert f"第{page}页/共{pages}页" in flat
        rows = [c for c in codes if c in flat]
        if page > 1:
            assert "龙潭湖消防救援站执勤实力表" in flat  # the running header of continuation pages
        if rows and page > 1:
            # The continued table repeats its caption and heading row.
            assert "四、本站担负点位勤务（续）" in flat
            assert "点位执勤方式时段车辆带队指挥员驾驶员战斗员等人数" in lines
        # A row is never split: each post's code, name and address are on the same page.
        for code in rows:
            assert f"临时{code[2:]}号" in flat
        seen += rows
    assert sorted(seen) == sorted(codes)  # every post once, none lost or doubled at a break
    assert "五、交接班记录" in squeeze(pdftotext(path, pages))


def test_a_batch_has_the_pages_of_all_its_sheets(qapp, demo_db, operation_day, tmp_path):
    with demo_db.begin() as s:
        dc = s.scalar(select(Detachment.id).where(Detachment.code == "DC"))
        stations = tuple(s.scalars(select(Station.id).where(Station.detachment_id == dc)))
    last = operation_day + dt.timedelta(days=2)
    path = tmp_path / "batch.pdf"
    result = write(demo_db, SheetRequest(STATION, stations, operation_day, last), path)
    assert result.documents == 3 * len(stations)
    assert result.pages == sum(result.page_counts) == page_count(path)
    firsts = [i for i in range(1, result.pages + 1) if "执勤实力表（交接班记录）" in squeeze(pdftotext(path, i))]
    assert len(firsts) == result.documents


def synthetic(rows: int) -> Document:
    columns = (Column("序号", 0.6, "center"), Column("甲栏"), Column("乙栏", 3.0))
    body = tuple(Row((str(i), f"甲{i:03d}", "、".join(f"乙{i:03d}号{k}" for k in range(i % 13 + 1))))
                 for i in range(rows))
    return Document(title="测试表", subtitle="", unit="单位：测试", date_line="2027年3月6日", running_title="测试表",
                    blocks=(Table(columns, body, caption="一、长表"),), printed_at=PRINTED_AT)


def test_rows_are_never_split_and_every_page_repeats_the_heading(qapp, tmp_path):
    path = tmp_path / "long.pdf"
    result = write_pdf([synthetic(160)], path, title="测试", fonts=sheet_fonts())
    assert result.pages == page_count(path) > 2
    found = []
    for page in range(1, result.pages + 1):
        flat = squeeze(pdftotext(path, page, layout=True))
        assert "序号甲栏乙栏" in [squeeze(line) for line in pdftotext(path, page, layout=True).splitlines()]
        assert ("一、长表（续）" in flat) == (page > 1)
        for i in range(160):
            if f"甲{i:03d}" in flat:
                found.append(i)
                # The whole row, however many lines its last cell wraps to, is on this page.
                assert all(f"乙{i:03d}号{k}" in flat for k in range(i % 13 + 1))
    assert found == list(range(160))


def test_cancel_leaves_no_file(qapp, tmp_path):
    path = tmp_path / "cancelled.pdf"
    path.write_bytes(b"the clerk's earlier file")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        write_pdf([synthetic(40)] * 5, path, title="x", fonts=sheet_fonts(), cancelled=cancelled)
    assert path.read_bytes() == b"the clerk's earlier file"
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("cut, reason", [(0, "the PDF came out empty (is the disk full?)"),
                                         (0.6, "the PDF came out incomplete (is the disk full?)")])
def test_a_pdf_the_writer_left_short_never_replaces_the_earlier_one(qapp, tmp_path, monkeypatch, cut, reason):
    """Qt's PDF writer says nothing when its writes fail (a full disk): the file is then empty or cut off
    before its %%EOF trailer. Such a file is refused and the clerk's earlier PDF stays."""
    from rosterapp import i18n
    from rosterapp.errors import OutputFailed
    from rosterapp.ui.printing import pdf

    path = tmp_path / "sheets.pdf"
    write_pdf([synthetic(40)], path, title="昨天", fonts=sheet_fonts())
    before = path.read_bytes()
    repair = pdf.repair_text_map

    def writer_left_short(partial: Path, fonts) -> int:
        changed = repair(partial, fonts)
        data = partial.read_bytes()
        partial.write_bytes(data[:int(len(data) * cut)])
        return changed

    monkeypatch.setattr(pdf, "repair_text_map", writer_left_short)
    monkeypatch.setattr(i18n, "_language", "en")
    with pytest.raises(OutputFailed) as refused:
        write_pdf([synthetic(160)], path, title="今天", fonts=sheet_fonts())
    assert refused.value.message == f"Cannot write {path}: {reason}; the earlier file was kept."
    assert refused.value.exit_code == 3
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_no_cjk_font_is_a_clear_error(qapp, monkeypatch):
    monkeypatch.setattr(sheet_font_module.QFontDatabase, "families", staticmethod(lambda *args: ["DejaVu Sans"]))
    with pytest.raises(FontMissing) as caught:
        sheet_fonts()
    assert "fonts-noto-cjk" in caught.value.message


def test_the_noto_cjk_fonts_are_found(qapp):
    fonts = sheet_fonts()
    if "Noto Sans CJK SC" in QFontDatabase.families():
        assert fonts.body == "Noto Sans CJK SC"
        assert fonts.title == "Noto Serif CJK SC"
