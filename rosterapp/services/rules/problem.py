"""What the checking engine reports: a Problem per broken rule, with references and a message."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}

# Stable rule ids (spec/cli.md), each with the severity it usually has.
RULES: dict[str, str] = {
    "person_overlap": ERROR,
    "vehicle_overlap": ERROR,
    "rest_too_short": ERROR,  # warning when it is the 24 h off after a 24 h duty
    "too_many_consecutive_days": WARNING,
    "too_many_hours": WARNING,
    "on_leave": ERROR,
    "missing_qualification": ERROR,
    "crew_over_seats": ERROR,
    "crew_under_minimum": WARNING,
    "no_driver": ERROR,
    "no_commander": WARNING,
    "vehicle_unavailable": ERROR,
    "post_uncovered": ERROR,
    "post_understaffed": WARNING,
    "station_below_minimum": WARNING,
    "cross_detachment": INFO,
    "inactive_resource": ERROR,
    "duty_too_long": WARNING,
    "no_duty_leader": ERROR,
    "leader_not_on_duty": ERROR,
    "leader_unqualified": WARNING,
    "no_duty_officer": WARNING,
}

RULE_NAMES: dict[str, tuple[str, str]] = {
    "person_overlap": ("人员重复排班", "person double-booked"),
    "vehicle_overlap": ("车辆重复调派", "vehicle double-booked"),
    "rest_too_short": ("休息不足", "rest too short"),
    "too_many_consecutive_days": ("连续执勤天数过多", "too many consecutive days"),
    "too_many_hours": ("七日执勤时长过长", "too many hours in 7 days"),
    "on_leave": ("休假期间排班", "on duty while on leave"),
    "missing_qualification": ("缺少资质", "missing qualification"),
    "crew_over_seats": ("乘员超过座位数", "crew over seats"),
    "crew_under_minimum": ("乘员不足", "crew under minimum"),
    "no_driver": ("无驾驶员", "no driver"),
    "no_commander": ("无指挥员", "no commander"),
    "vehicle_unavailable": ("车辆不可用", "vehicle unavailable"),
    "post_uncovered": ("点位无人值守", "post uncovered"),
    "post_understaffed": ("点位力量不足", "post understaffed"),
    "station_below_minimum": ("站内执勤力量低于最低标准", "station below minimum"),
    "cross_detachment": ("跨支队调派", "cross-detachment"),
    "inactive_resource": ("停用人员或车辆在岗", "inactive resource"),
    "duty_too_long": ("连续执勤时间过长", "duty too long"),
    "no_duty_leader": ("无带班领导", "no duty leader"),
    "leader_not_on_duty": ("带班领导不在岗", "duty leader not on duty"),
    "leader_unqualified": ("带班领导不具备指挥员条件", "duty leader not an officer"),
    "no_duty_officer": ("无值班员", "no duty officer"),
}

SEVERITY_NAMES = {ERROR: ("错误", "error"), WARNING: ("警告", "warning"), INFO: ("提示", "info")}


def rule_name(rule: str, lang: str = "zh_CN") -> str:
    zh, en = RULE_NAMES[rule]
    return zh if lang.startswith("zh") else en


def severity_name(severity: str, lang: str = "zh_CN") -> str:
    zh, en = SEVERITY_NAMES[severity]
    return zh if lang.startswith("zh") else en


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule over [start, end), with what it involves (database ids).

    ``detail`` is a message key and ``args`` its values: the message itself is made in the
    user's language when shown, so equal problems compare equal whatever the language.
    """

    start: dt.datetime
    end: dt.datetime
    rule: str
    severity: str
    detail: str
    args: tuple = ()
    people: tuple[int, ...] = ()
    vehicles: tuple[int, ...] = ()
    posts: tuple[int, ...] = ()
    stations: tuple[int, ...] = ()
    detachment: int | None = None
    key: tuple = field(default=(), compare=False, repr=False)
