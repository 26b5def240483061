"""The reference data of DOMAIN.md, as seeded into every new database (expectations copied from the spec)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from rosterapp.models import Detachment, Position, Qualification, Rank, ShiftType, Station, VehicleType

DETACHMENTS = {
    "DC": "东城支队", "XC": "西城支队", "CY": "朝阳支队",
    "HD": "海淀支队", "FT": "丰台支队", "SJS": "石景山支队",
}
STATIONS = {
    "DC": {"前门消防救援站", "金宝街消防救援站", "龙潭湖消防救援站"},
    "XC": {"西直门消防救援站", "白纸坊特勤站", "动物园小型站", "四平园小型站"},
    "CY": {"左家庄特勤站", "望京特勤站", "朝外消防救援站", "安家楼小型站"},
    "HD": {"双榆树消防救援站", "五棵松消防救援站", "西二旗消防救援站"},
    "FT": {"石榴庄消防救援站", "西潞园消防救援站", "海慧寺小型站"},
    "SJS": {"北辛安消防救援站"},
}
POSITIONS = {"站长", "指导员", "副站长", "战斗班长", "驾驶员", "战斗员", "通信员", "安全员"}
QUALIFICATIONS = {"消防车驾驶", "举高车操作", "空呼", "绳索救援", "水域救援", "破拆", "通信", "指挥员资格"}
FIREFIGHTER_RANKS = {"预备消防士", "四级消防士", "三级消防士", "二级消防士", "一级消防士",
                     "三级消防长", "二级消防长", "一级消防长"}
OFFICER_RANKS = {"四级指挥员", "三级指挥员", "二级指挥员", "一级指挥员", "三级指挥长", "二级指挥长",
                 "一级指挥长", "高级指挥长", "助理总监", "副总监", "总监"}
VEHICLE_CODES = {"SG", "PM", "AP", "GF", "BP", "GS", "DG", "YT", "JP", "JY", "ZM", "PY", "TZ", "HJ", "XX", "ZJ",
                 "GQ", "QC", "GY"}
# code -> (start, hours, is a duty)
SHIFTS = {
    "值": (dt.time(8), 24, True),
    "白": (dt.time(8), 12, True),
    "夜": (dt.time(20), 12, True),
    "早": (dt.time(8), 8, True),
    "中": (dt.time(16), 8, True),
    "晚": (dt.time(0), 8, True),
}


def test_six_detachments(db):
    with db.begin() as s:
        rows = s.execute(select(Detachment.code, Detachment.name).order_by(Detachment.sort_order)).all()
    assert dict(rows) == DETACHMENTS
    assert [code for code, _ in rows] == ["DC", "XC", "CY", "HD", "FT", "SJS"]


def test_eighteen_stations_each_under_its_detachment(db):
    with db.begin() as s:
        rows = s.execute(select(Detachment.code, Station.name).join(Station.detachment)
                         .where(Station.grade != "office")).all()
    by_detachment: dict[str, set[str]] = {}
    for code, name in rows:
        by_detachment.setdefault(code, set()).add(name)
    assert by_detachment == STATIONS
    assert len(rows) == 18


def test_station_grades_follow_their_names(db):
    with db.begin() as s:
        grades = dict(s.execute(select(Station.name, Station.grade)).all())
    assert grades["白纸坊特勤站"] == "special"
    assert grades["动物园小型站"] == "small"
    assert grades["前门消防救援站"] == "level1"


def test_each_detachment_has_its_staff_office_after_its_stations(db):
    """DOMAIN.md: the 支队机关, whose leaders serve as 支队值班领导 and 支队总值班."""
    with db.begin() as s:
        offices = s.execute(select(Detachment.name, Station.name, Station.short_name, Station.sort_order)
                            .join(Station.detachment).where(Station.grade == "office")).all()
        last = dict(s.execute(select(Station.detachment_id, func.max(Station.sort_order))
                              .group_by(Station.detachment_id)).all())
    assert sorted(o[1] for o in offices) == sorted(d + "机关" for d in DETACHMENTS.values())
    assert {o[2] for o in offices} == {"机关"} and {o[3] for o in offices} == set(last.values())


def test_positions_and_qualifications(db):
    with db.begin() as s:
        positions = set(s.scalars(select(Position.name)))
        qualifications = set(s.scalars(select(Qualification.name)))
    assert positions == POSITIONS | {"支队长", "政委", "副支队长", "参谋长", "指挥中心值班员"}
    # DOMAIN.md names the high-rise qualification both 高层 and 高层救援; either spelling will do.
    assert QUALIFICATIONS <= qualifications
    assert qualifications - QUALIFICATIONS <= {"高层", "高层救援"}
    assert len(qualifications) == len(QUALIFICATIONS) + 1


def test_ranks_with_officers_flagged(db):
    with db.begin() as s:
        ranks = dict(s.execute(select(Rank.name, Rank.is_officer)).all())
    assert {name for name, officer in ranks.items() if not officer} == FIREFIGHTER_RANKS
    assert {name for name, officer in ranks.items() if officer} == OFFICER_RANKS


def test_vehicle_types_and_default_seats(db):
    with db.begin() as s:
        types = {t.code: t for t in s.scalars(select(VehicleType))}
        assert VEHICLE_CODES <= set(types)
        assert types["SG"].name == "水罐消防车"
        assert types["SG"].default_seats == 6
        for code in ("DG", "YT", "JP"):
            assert types[code].default_seats == 3
            assert types[code].is_aerial
            assert types[code].vehicle_class == "aerial"
        assert types["JY"].default_seats == 6
        assert types["TZ"].default_seats == 4
        # Every fire vehicle needs a licensed driver.
        assert types["SG"].driver_qualification.name == "消防车驾驶"


def test_shift_codes(db):
    with db.begin() as s:
        shifts = {t.code: t for t in s.scalars(select(ShiftType))}
    assert set(shifts) == set(SHIFTS) | {"休"}
    for code, (start, hours, is_duty) in SHIFTS.items():
        shift = shifts[code]
        assert (shift.start_time, shift.duration_minutes, shift.is_duty) == (start, hours * 60, is_duty), code
    assert not shifts["休"].is_duty
