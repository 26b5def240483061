"""Monthly statistics (月度统计) equal what a clerk counts by hand from the duties, the leave and the swaps."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from sqlalchemy import select

from rosterapp.models import Absence, Duty, Operation, Person, Post, ShiftSwap, ShiftType, Station
from rosterapp.services import duties, statistics

FEB = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
# February 2026: 2/7-2/8 an ordinary weekend, 2/14 (Sat) and 2/28 (Sat) adjusted working days (调休),
# 2/15-2/23 the Spring Festival holiday.


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hour)


def feb(day: int) -> dt.date:
    return dt.date(2026, 2, day)


@pytest.fixture
def month(db, ref):
    """Three people of 前门 with a month of duties, leave, a post duty and stand-ins; one of 金宝街."""
    qm, jbj = ref.station["前门"], ref.station["金宝街"]
    with db.begin() as s:
        people = {}
        for no, name, station, active in (("QM001", "张伟", qm, True), ("QM002", "李强", qm, True),
                                          ("QM003", "王芳", qm, False), ("QM004", "赵敏", qm, False),
                                          ("JB001", "刘洋", jbj, True)):
            p = Person(staff_no=no, name=name, station_id=station, active=active)
            s.add(p)
            people[no] = p
        s.flush()
        ids = {no: p.id for no, p in people.items()}
        zw, lq = ids["QM001"], ids["QM002"]
        cells = {
            (zw, dt.date(2026, 1, 31)): "值",  # starts in January: not February's
            (zw, feb(3)): "白", (zw, feb(4)): "夜", (zw, feb(5)): "晚", (zw, feb(6)): "中",
            (zw, feb(7)): "值",  # an ordinary Saturday: a weekend duty
            (zw, feb(9)): "休",  # not a duty
            (zw, feb(14)): "值",  # Saturday, an adjusted working day: not a weekend
            (zw, feb(16)): "值",  # Spring Festival
            (zw, feb(28)): "值",  # Saturday worked (调休), ends on March 1st: counts in February
            (lq, feb(1)): "值", (lq, feb(4)): "值", (lq, feb(8)): "白",
            (ids["QM003"], feb(2)): "值",  # inactive, with a duty: still listed
            (ids["JB001"], feb(10)): "值",
        }
        duties.set_roster_cells(s, cells)
        # A post duty on 2/21 (a Saturday inside the holiday): a night window of 12 hours.
        op = Operation(name="春节保卫", start_date=feb(20), end_date=feb(22))
        s.add(op)
        st = s.get(Station, qm)
        post = Post(operation=op, code="QM-01", name="北京饭店", post_type="hotel", duty_mode="stationed",
                    detachment_id=st.detachment_id, station_id=qm, active_from=at(feb(20)), active_to=at(feb(23)))
        s.add(post)
        s.flush()
        night = s.scalar(select(ShiftType).where(ShiftType.code == "夜"))
        s.add(Duty(person_id=zw, shift_type_id=night.id, start=at(feb(21), 20), end=at(feb(22), 8), post_id=post.id))
        # Leave: 2/10-2/12 holiday, 2/25 sick, and one from January reaching into 2/1.
        s.add_all([Absence(person_id=zw, kind="holiday", start=at(feb(10)), end=at(feb(13))),
                   Absence(person_id=zw, kind="sick", start=at(feb(25)), end=at(feb(26))),
                   Absence(person_id=lq, kind="training", start=at(dt.date(2026, 1, 29)), end=at(feb(2)))])
        # Stand-ins owed by 张伟 to 李强: one open, one paid back, one settled by hand, one after the month.
        now = at(feb(1))

        def cover(day: dt.date, **extra) -> ShiftSwap:
            swap = ShiftSwap(station_id=qm, kind="cover", person_a_id=zw, day_a=day, person_b_id=lq,
                             recorded_at=now, **extra)
            s.add(swap)
            return swap

        cover(feb(18))
        paid = cover(feb(19))
        cover(feb(20), settled_at=now, settled_note="补休抵顶")
        cover(dt.date(2026, 3, 3))
        s.flush()
        s.add(ShiftSwap(station_id=qm, kind="payback", person_a_id=zw, day_a=feb(26), person_b_id=lq,
                        recorded_at=now, settles_id=paid.id))
        # 李强 owes 张伟 one too.
        s.add(ShiftSwap(station_id=qm, kind="cover", person_a_id=lq, day_a=feb(5), person_b_id=zw, recorded_at=now))
    return ids


def by_hand(db, person_id: int, first: dt.date, last: dt.date) -> dict:
    """The figures counted the slow, obvious way: per person, through the ORM, day by day."""
    with db.read() as s:
        rows = s.scalars(select(Duty).where(Duty.person_id == person_id)).all()
        mine = [d for d in rows if d.shift_type.is_duty and first <= d.start.date() <= last]
        days = {d.start.date() for d in mine}
        absences = s.scalars(select(Absence).where(Absence.person_id == person_id)).all()
        leave: dict[str, int] = {}
        day = first
        while day <= last:
            noon = dt.datetime.combine(day, dt.time(12))
            for a in absences:
                if a.start <= noon < a.end:
                    leave[a.kind] = leave.get(a.kind, 0) + 1
            day += dt.timedelta(days=1)
        swaps = s.scalars(select(ShiftSwap)).all()
        paid = {w.settles_id for w in swaps if w.kind == "payback"}
        owed = sum(1 for w in swaps if w.kind == "cover" and w.person_a_id == person_id and w.settled_at is None
                   and w.id not in paid and w.day_a <= last)
        mine = [(d.start, d.end, d.post_id) for d in mine]

    def hours(d) -> float:
        return (d[1] - d[0]).total_seconds() / 3600

    short = [d for d in mine if hours(d) < 24]
    return {
        "duty_days": len(days),
        "full_duties": sum(1 for d in mine if hours(d) >= 24),
        "night_shifts": sum(1 for d in short if d[0].hour >= 20 or d[0].hour < 6),
        "day_shifts": sum(1 for d in short if 6 <= d[0].hour < 20),
        "weekend_days": sum(1 for x in days if x.weekday() >= 5 and not chinese_calendar.is_workday(x)),
        "holiday_days": sum(1 for x in days if chinese_calendar.get_holiday_detail(x)[1] is not None
                            and chinese_calendar.is_holiday(x)),
        "post_hours": sum(hours(d) for d in mine if d[2] is not None),
        "hours": sum(hours(d) for d in mine),
        "leave": leave,
        "owed": owed,
    }


def figures(p: statistics.PersonStats) -> dict:
    return {"duty_days": p.duty_days, "full_duties": p.full_duties, "night_shifts": p.night_shifts,
            "day_shifts": p.day_shifts, "weekend_days": p.weekend_days, "holiday_days": p.holiday_days,
            "post_hours": p.post_hours, "hours": p.hours, "leave": p.leave, "owed": p.owed}


def test_a_month_counted_as_the_clerk_counts_it(db, month):
    with db.read() as s:
        stats = statistics.compute(s, *FEB, station_id=s.get(Person, month["QM001"]).station_id).by_person()
    zw = stats[month["QM001"]]
    # Written out once by hand, so that the independent count below is itself checked.
    assert figures(zw) == {
        "duty_days": 9,  # 2/3 2/4 2/5 2/6 2/7 2/14 2/16 2/21 2/28
        "full_duties": 4,  # 2/7 2/14 2/16 2/28 (1/31 is January's)
        "night_shifts": 3,  # 夜 2/4, 晚 2/5, the post's night 2/21
        "day_shifts": 2,  # 白 2/3, 中 2/6
        "weekend_days": 2,  # 2/7 and 2/21; 2/14 and 2/28 were working days
        "holiday_days": 2,  # 2/16 and 2/21
        "post_hours": 12.0,
        "hours": 12 + 12 + 8 + 8 + 4 * 24 + 12,
        "leave": {"holiday": 3, "sick": 1},
        "owed": 1,
    }
    assert zw.leave_days == 4
    for no in ("QM001", "QM002", "QM003"):
        assert figures(stats[month[no]]) == by_hand(db, month[no], *FEB), no
    assert stats[month["QM002"]].leave == {"training": 1}  # 2/1 only: the rest was January
    assert stats[month["QM002"]].owed == 1


def test_who_is_listed(db, month):
    with db.read() as s:
        station = s.get(Person, month["QM001"]).station_id
        listed = [p.staff_no for p in statistics.compute(s, *FEB, station_id=station).people]
        city = {p.staff_no for p in statistics.compute(s, *FEB).people}
        march = [p.staff_no for p in statistics.compute(s, dt.date(2026, 3, 1), dt.date(2026, 3, 31),
                                                           station_id=station).people]
    # The inactive 王芳 with a February duty is listed; the inactive 赵敏 without one is not.
    assert "QM003" in listed and "QM004" not in listed and "JB001" not in listed
    assert {"QM001", "QM002", "QM003", "JB001"} <= city
    # In March 王芳 has no duty: no longer listed. 张伟's 3/3 stand-in is owed from March on.
    assert "QM003" not in march
    with db.read() as s:
        zw = statistics.compute(s, dt.date(2026, 3, 1), dt.date(2026, 3, 31), person_ids=[month["QM001"]]).people[0]
    assert zw.owed == 2 and zw.duty_days == 0


def test_any_range_and_a_duty_counts_on_the_day_it_starts(db, month):
    with db.read() as s:
        week = statistics.compute(s, feb(28), dt.date(2026, 3, 1), person_ids=[month["QM001"]]).people[0]
        jan = statistics.compute(s, dt.date(2026, 1, 31), dt.date(2026, 1, 31), person_ids=[month["QM001"]]).people[0]
    assert (week.duty_days, week.full_duties, week.hours, week.weekend_days) == (1, 1, 24.0, 0)
    assert (jan.duty_days, jan.full_duties, jan.weekend_days) == (1, 1, 1)  # 1/31 is a Saturday


def test_some_people_only_and_the_spread(db, month):
    with db.read() as s:
        some = statistics.compute(s, *FEB, person_ids=[month["QM002"], month["QM001"]])
    assert [p.staff_no for p in some.people] == ["QM001", "QM002"]
    assert statistics.spread(some.people, "duty_days") == (3, 9)
    assert statistics.spread(some.people[:1], "duty_days") is None
    assert statistics.hours_text(7.5) == "7.5" and statistics.hours_text(24.0) == "24"


def test_the_printed_sheet_shows_the_same_figures_with_each_stations_total_and_spread(db, month):
    from rosterapp.reports.statistics_sheet import statistics_document

    with db.read() as s:
        stats = statistics.compute(s, *FEB)
    doc = statistics_document(stats, "东城支队", dt.datetime(2026, 3, 1, 9))
    assert doc.landscape and doc.title == "勤务统计表" and doc.date_line == "统计期间：2026年2月1日至2026年2月28日"
    assert [t.caption for t in doc.blocks] == ["前门消防救援站（3 人）", "金宝街消防救援站（1 人）"]
    qm = doc.blocks[0]
    assert [c.title for c in qm.columns][4:] == [zh for _n, zh, _en in statistics.COLUMNS]
    zw = next(r for r in qm.rows if "QM001" in r.cells)
    assert zw.cells[4:] == ("9", "4", "2", "3", "2", "2", "12", "148", "4", "1")
    total = next(r for r in qm.rows if r.cells[1] == "合计")
    people = [p for p in stats.people if p.station == "前门消防救援站"]
    assert total.bold and total.cells[4] == str(sum(p.duty_days for p in people))
    spread = next(r for r in qm.rows if r.cells[1] == "最多 / 最少")
    days = sorted(p.duty_days for p in people)
    assert spread.cells[4] == f"{days[-1]} / {days[0]}"
    # One person alone in his station has no spread row.
    assert [r.cells[1] for r in doc.blocks[1].rows] == ["刘洋", "合计"]
