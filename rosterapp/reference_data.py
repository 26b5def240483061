"""The reference data of DOMAIN.md, seeded once into every new database."""

from __future__ import annotations

import datetime as dt

# (code, name, short name)
DETACHMENTS = [
    ("DC", "东城支队", "东城"),
    ("XC", "西城支队", "西城"),
    ("CY", "朝阳支队", "朝阳"),
    ("HD", "海淀支队", "海淀"),
    ("FT", "丰台支队", "丰台"),
    ("SJS", "石景山支队", "石景山"),
]

STATION_SUFFIXES = ("消防救援站", "特勤站", "小型站", "站")

# detachment code -> station names (named in public news)
STATIONS = {
    "DC": ["前门消防救援站", "金宝街消防救援站", "龙潭湖消防救援站"],
    "XC": ["西直门消防救援站", "白纸坊特勤站", "动物园小型站", "四平园小型站"],
    "CY": ["左家庄特勤站", "望京特勤站", "朝外消防救援站", "安家楼小型站"],
    "HD": ["双榆树消防救援站", "五棵松消防救援站", "西二旗消防救援站"],
    "FT": ["石榴庄消防救援站", "西潞园消防救援站", "海慧寺小型站"],
    "SJS": ["北辛安消防救援站"],
}

POSITIONS = ["站长", "指导员", "副站长", "战斗班长", "驾驶员", "战斗员", "通信员", "安全员"]
# A detachment's own staff (支队机关), who serve as 支队值班领导 and 支队总值班.
OFFICE_POSITIONS = ["支队长", "政委", "副支队长", "参谋长", "指挥中心值班员"]
# Who may lead a staff office's day (支队值班领导), besides anyone with 指挥员资格.
OFFICE_LEADER_POSITIONS = ("支队长", "政委", "副支队长", "参谋长")
OFFICE_WATCH_POSITION = "指挥中心值班员"  # the command centre's duty officers, who stand as 支队总值班
# Positions that make their holder an officer (who may be 带班领导), besides 指挥员资格.
OFFICER_POSITIONS = ("站长", "指导员", "副站长")
# Each detachment's staff office, kept as a unit of grade "office" after its stations.
OFFICE_SUFFIX = "机关"
OFFICE_SORT_ORDER = 99


def office_name(detachment_name: str) -> str:
    """东城支队 -> 东城支队机关."""
    return detachment_name + OFFICE_SUFFIX

QUALIFICATIONS = ["消防车驾驶", "举高车操作", "空呼", "绳索救援", "水域救援", "高层救援", "破拆", "通信", "指挥员资格"]
DRIVING = "消防车驾驶"
AERIAL_OPERATION = "举高车操作"
COMMAND = "指挥员资格"

FIREFIGHTER_RANKS = ["预备消防士", "四级消防士", "三级消防士", "二级消防士", "一级消防士",
                     "三级消防长", "二级消防长", "一级消防长"]
OFFICER_RANKS = ["四级指挥员", "三级指挥员", "二级指挥员", "一级指挥员",
                 "三级指挥长", "二级指挥长", "一级指挥长", "高级指挥长", "助理总监", "副总监", "总监"]

# (code, name, class, default seats, minimum crew, aerial)
VEHICLE_TYPES = [
    ("SG", "水罐消防车", "firefighting", 6, 4, False),
    ("PM", "泡沫消防车", "firefighting", 6, 4, False),
    ("AP", "压缩空气泡沫消防车", "firefighting", 6, 4, False),
    ("GF", "干粉消防车", "firefighting", 6, 4, False),
    ("BP", "泵浦消防车", "firefighting", 6, 4, False),
    ("GS", "供水消防车", "firefighting", 6, 2, False),
    ("DG", "登高平台消防车", "aerial", 3, 2, True),
    ("YT", "云梯消防车", "aerial", 3, 2, True),
    ("JP", "举高喷射消防车", "aerial", 3, 2, True),
    ("JY", "抢险救援消防车", "special", 6, 4, False),
    ("ZM", "照明消防车", "special", 3, 2, False),
    ("PY", "排烟消防车", "special", 3, 2, False),
    ("TZ", "通信指挥消防车", "special", 4, 2, False),
    ("HJ", "化学救援消防车", "special", 3, 2, False),
    ("XX", "洗消消防车", "special", 3, 2, False),
    ("ZJ", "侦检消防车", "special", 3, 2, False),
    ("GQ", "供气消防车", "support", 3, 1, False),
    ("QC", "器材消防车", "support", 3, 1, False),
    ("GY", "供液消防车", "support", 3, 1, False),
    ("JYOU", "加油车", "support", 2, 1, False),
    ("YS", "饮食保障车", "support", 3, 1, False),
    ("YB", "运兵车", "support", 12, 1, False),
    ("SY", "宿营车", "support", 3, 1, False),
    ("FD", "发电车", "support", 2, 1, False),
]

# Agents a new vehicle of a type carries (water t, foam t, dry powder kg): typical loads of the
# Beijing fleet's chassis; every vehicle's own figures are editable in the register.
VEHICLE_LOADS = {
    "SG": (8.0, 0.0, 0.0),
    "PM": (6.0, 2.0, 0.0),
    "AP": (4.0, 1.0, 0.0),
    "GF": (2.0, 0.0, 2000.0),
    "GS": (20.0, 0.0, 0.0),
    "JP": (6.0, 1.0, 0.0),
    "GY": (0.0, 10.0, 0.0),
    "JY": (0.0, 0.0, 0.0),
}

# (code, name, start, minutes, is duty, colour)
SHIFT_TYPES = [
    ("值", "24小时执勤", dt.time(8, 0), 24 * 60, True, "#f4b183"),
    ("白", "白班", dt.time(8, 0), 12 * 60, True, "#ffe699"),
    ("夜", "夜班", dt.time(20, 0), 12 * 60, True, "#9dc3e6"),
    ("早", "早班", dt.time(8, 0), 8 * 60, True, "#c5e0b4"),
    ("中", "中班", dt.time(16, 0), 8 * 60, True, "#a9d18e"),
    ("晚", "晚班", dt.time(0, 0), 8 * 60, True, "#8faadc"),
    ("休", "休息", dt.time(0, 0), 24 * 60, False, "#ffffff"),
]
OFF_CODE = "休"

# Global defaults of the rule thresholds (the checking engine reads them from the database).
RULE_DEFAULTS = {
    "min_rest_hours": 8.0,
    "rest_after_24h_hours": 24.0,
    "max_consecutive_days": 6.0,
    "max_hours_7d": 96.0,
    "max_stretch_hours": 24.0,
}
# Higher readiness levels tighten some thresholds: crews on an event must be fresh.
RULE_READINESS = {
    "level2": {"min_rest_hours": 10.0},
    "level1": {"min_rest_hours": 12.0, "max_consecutive_days": 5.0},
}

# Minimum strength kept on duty at a station by grade (people, crewed vehicles) while crews are
# out at posts: one full pump crew and the duty leader; two crews at a special-service station.
STATION_MINIMUMS = {
    "special": (8, 2),
    "level1": (5, 1),
    "level2": (5, 1),
    "small": (3, 1),
    "office": (0, 0),
}


def station_grade(name: str) -> str:
    """The grade a station's name implies."""
    if name.endswith(OFFICE_SUFFIX):
        return "office"
    if name.endswith("特勤站"):
        return "special"
    if name.endswith("小型站"):
        return "small"
    return "level1"


def station_short_name(name: str) -> str:
    """前门消防救援站 -> 前门; the form clerks write."""
    for suffix in STATION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name
