"""Stable codes stored in the database, with their Chinese and English labels.

The database keeps short English codes (stable for migrations and scripts); every label a
user sees comes from here, so the window, the command line and the Excel files agree.
"""

from __future__ import annotations

from collections.abc import Mapping

# code -> (Chinese label, English label)
Labels = Mapping[str, tuple[str, str]]

SEX: Labels = {"M": ("男", "male"), "F": ("女", "female")}

VEHICLE_STATUS: Labels = {
    "in_service": ("在用", "in service"),
    "maintenance": ("维修", "in maintenance"),
    "reserve": ("备用", "reserve"),
}

ABSENCE_KIND: Labels = {
    "leave": ("事假", "personal leave"),  # typed 事 in the grid; earlier workbooks wrote 请假
    "holiday": ("休假", "holiday"),
    "sick": ("病假", "sick leave"),
    "training": ("培训", "training"),
    "errand": ("公差", "official errand"),
    "seconded": ("借调", "seconded"),
}

# Absence codes typed in the roster grid (DOMAIN.md), each the person's absence that day.
ABSENCE_CODE: Mapping[str, str] = {
    "假": "holiday", "病": "sick", "训": "training", "差": "errand", "借": "seconded", "事": "leave",
}

# Duty roles assigned per duty day: a station's, and a detachment's (at its staff office).
DUTY_ROLE: Labels = {
    "leader": ("带班领导", "duty leader"),
    "officer": ("站内值班", "duty officer"),
    "dispatch": ("通信值班", "dispatch watch"),
    "det_leader": ("支队值班领导", "detachment duty leader"),
    "det_chief": ("支队总值班", "detachment chief of watch"),
}
STATION_ROLES = ("leader", "officer", "dispatch")
OFFICE_ROLES = ("det_leader", "det_chief")
LEADER_ROLES = ("leader", "det_leader")  # the roles only an officer may hold

# Shift swaps: 换班 (two people exchange duties), 替班 (one stands in for another, who owes a
# 还班), 还班 (a stand-in paid back).
SWAP_KIND: Labels = {
    "swap": ("换班", "shift swap"),
    "cover": ("替班", "stand-in"),
    "payback": ("还班", "pay-back"),
}

# The items of a station's handover record (交接班记录), in print order.
HANDOVER_ITEM: Labels = {
    "vehicles": ("车辆装备", "vehicles and equipment"),
    "equipment": ("器材", "gear"),
    "comms": ("通信", "communications"),
    "safety": ("营区安全", "barracks safety"),
    "notes": ("需说明的事项", "matters to note"),
}

READINESS: Labels = {
    "routine": ("经常性战备", "routine readiness"),
    "level3": ("三级战备", "readiness level 3"),
    "level2": ("二级战备", "readiness level 2"),
    "level1": ("一级战备", "readiness level 1"),
}

POST_TYPE: Labels = {
    "venue": ("会场", "venue"),
    "hotel": ("驻地", "delegates' hotel"),
    "press": ("新闻中心", "press centre"),
    "route": ("线路", "route"),
    "utility": ("五供", "utilities"),
}

DUTY_MODE: Labels = {
    "stationed": ("驻点", "stationed on site"),
    "forward": ("前置备勤", "forward standby"),
    "patrol": ("巡查", "patrol"),
    "mobile": ("机动", "mobile reserve"),
}

ROTATION: Labels = {
    "24h": ("24小时", "24 hours"),
    "day_night": ("白班/夜班", "day and night"),
}

CREW_ROLE: Labels = {
    "commander": ("指挥员", "commander"),
    "driver": ("驾驶员", "driver"),
    "firefighter": ("战斗员", "firefighter"),
    "signaller": ("通信员", "signaller"),
    "safety": ("安全员", "safety officer"),
}

STATION_GRADE: Labels = {
    "level1": ("一级站", "grade 1 station"),
    "level2": ("二级站", "grade 2 station"),
    "small": ("小型站", "small station"),
    "special": ("特勤站", "special-service station"),
    "office": ("支队机关", "detachment staff office"),
}
# A detachment's own staff (支队机关) are kept as a unit of grade "office": no vehicles, no
# minimum strength, and the detachment's duty roles instead of a station's.
OFFICE_GRADE = "office"

VEHICLE_CLASS: Labels = {
    "firefighting": ("灭火类", "firefighting"),
    "aerial": ("举高类", "aerial"),
    "special": ("专勤类", "special service"),
    "support": ("战勤保障类", "logistics support"),
}


def label(labels: Labels, code: str | None, lang: str = "zh_CN") -> str:
    """The label of a code in the given language; the code itself when it is unknown."""
    if code is None:
        return ""
    pair = labels.get(code)
    if pair is None:
        return code
    return pair[0] if lang.startswith("zh") else pair[1]


def code_for(labels: Labels, text: str) -> str | None:
    """The code whose code, Chinese or English label equals ``text`` (for imports)."""
    text = text.strip()
    for code, (zh, en) in labels.items():
        if text in (code, zh, en):
            return code
    return None

# The state of a detachment's sub-plan (分方案) of a task: a clerk submits it, headquarters approves or returns it.
PLAN_STATE: Labels = {
    "draft": ("草稿", "draft"),
    "submitted": ("已上报", "submitted"),
    "approved": ("已批准", "approved"),
    "returned": ("退回", "returned"),
}

# What the audit log says a write did to a record.
AUDIT_ACTION: Labels = {
    "INSERT": ("新增", "added"),
    "UPDATE": ("修改", "changed"),
    "DELETE": ("删除", "removed"),
}
