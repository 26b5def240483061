"""A problem's message in the user's language, from its detail key and arguments."""

from __future__ import annotations

from rosterapp.services.rules.problem import Problem
from rosterapp.vocab import ABSENCE_KIND, DUTY_ROLE, label

# detail -> (Chinese, English); {0}, {1} … are the problem's args.
TEMPLATES: dict[str, tuple[str, str]] = {
    "overlap": ("{0}（{1}）同一时间有两个排班", "{0} ({1}) has two duties at the same time"),
    "rest": ("{0}（{1}）两次执勤之间只休息 {2} 小时，少于 {3} 小时",
             "{0} ({1}) rests only {2} h between duties, less than {3} h"),
    "rest_after_24h": ("{0}（{1}）24 小时执勤后只休息 {2} 小时，少于 {3} 小时",
                       "{0} ({1}) rests only {2} h after a 24-hour duty, less than {3} h"),
    "consecutive": ("{0}（{1}）连续执勤 {2} 天，超过 {3} 天", "{0} ({1}) is on duty {2} days in a row, more than {3}"),
    "hours": ("{0}（{1}）七日内执勤 {2} 小时，超过 {3} 小时", "{0} ({1}) works {2} h within 7 days, more than {3} h"),
    "on_leave": ("{0}（{1}）{2}期间被排班", "{0} ({1}) is on duty during {2}"),
    "driver_unqualified": ("{0}（{1}）任驾驶员但无消防车驾驶资质 {2}",
                           "{0} ({1}) drives {2} without the fire-engine driving qualification"),
    "commander_unqualified": ("{0}（{1}）任指挥员但既无指挥员资格也非指挥员衔级",
                              "{0} ({1}) commands without the commander qualification or an officer's rank"),
    "cross_person": ("{0}（{1}）调派到其他支队（{2}），需总队同意",
                     "{0} ({1}) is lent to another detachment ({2}); HQ must agree"),
    "inactive_person": ("已停用人员 {0}（{1}）仍有 {2} 个排班", "inactive person {0} ({1}) still has {2} duties"),
    "over_seats": ("{0} {1} 乘员 {2} 人，超过座位数 {3}", "{0} {1} carries {2} people, more than its {3} seats"),
    "under_minimum": ("{0} {1} 乘员 {2} 人，少于最低 {3} 人", "{0} {1} has a crew of {2}, fewer than {3}"),
    "no_driver": ("{0} {1} 有乘员但无驾驶员", "{0} {1} has a crew but no driver"),
    "no_commander": ("{0} {1} 无指挥员（班长）", "{0} {1} has no commander"),
    "aerial_unqualified": ("{0} {1} 为举高车，乘员中无人具备举高车操作资质",
                           "{0} {1} is an aerial vehicle and nobody in its crew may operate it"),
    "split_crew": ("{0} {1} 的乘员同时被排在不同地点", "the crew of {0} {1} is in two places at once"),
    "two_places": ("{0} {1} 同一时间被调派到两个地点", "{0} {1} is in two places at the same time"),
    "not_in_service": ("{0} {1} 不在用（维修或备用）却被调派", "{0} {1} is used while not in service"),
    "maintenance": ("{0} {1} 维修期间被调派（{2}）", "{0} {1} is used during its maintenance ({2})"),
    "cross_vehicle": ("{0} {1} 调派到其他支队（{2}），需总队同意",
                      "{0} {1} is lent to another detachment ({2}); HQ must agree"),
    "inactive_vehicle": ("已停用车辆 {0} {1} 仍被调派", "inactive vehicle {0} {1} is still in use"),
    "uncovered": ("点位 {0} {1} 无车辆或无人员值守", "post {0} {1} has no vehicle or nobody"),
    "understaffed": ("点位 {0} {1} 力量不足：最少 {2} 人（要求 {3} 人），或车型数量、指挥员不符合要求",
                     "post {0} {1} is understaffed: {2} people at the least ({3} required), "
                     "or vehicles or commander missing"),
    "post_unqualified": ("点位 {0} {1} 无人具备所需资质", "nobody at post {0} {1} holds a required qualification"),
    "stretch": ("{0}（{1}）连续执勤 {2} 小时，超过 {3} 小时", "{0} ({1}) is on duty {2} h without a break, more than {3} h"),
    # The duty book: {0} the station (or staff office), {1} the duty day, {2} the role (带班领导 ...).
    "no_leader": ("{0} {1} 无{2}", "{0} has no {2} on {1}"),
    "no_officer": ("{0} {1} 未安排{2}", "{0} has nobody assigned as {2} on {1}"),
    "leader_unqualified": ("{0} {1} 的{2} {3}（{4}）不是指挥员（无站领导职务或指挥员资格）",
                           "the {2} of {0} on {1}, {3} ({4}), is not an officer (no officer's position, "
                           "no commander qualification)"),
    "leader_off": ("{0} {1} 的{2} {3}（{4}）当天未在岗（未排班）",
                   "the {2} of {0} on {1}, {3} ({4}), is off that day (no duty)"),
    "leader_on_leave": ("{0} {1} 的{2} {3}（{4}）当天{5}，不在岗",
                        "the {2} of {0} on {1}, {3} ({4}), is away that day ({5})"),
    "leader_elsewhere": ("{0} {1} 的{2} {3}（{4}）当天在{5}执勤，不在本单位",
                         "the {2} of {0} on {1}, {3} ({4}), is on duty at {5} that day, not here"),
    "below_minimum": ("{0} 因外派点位，在站执勤仅 {1} 人（最低 {2} 人）、{3} 车（最低 {4} 车）",
                      "{0} keeps only {1} people (minimum {2}) and {3} vehicles (minimum {4}) while crews are at posts"),
}

BOOK_DETAILS = frozenset({"no_leader", "leader_unqualified", "leader_off", "leader_on_leave", "leader_elsewhere"})


def message(problem: Problem, lang: str = "zh_CN") -> str:
    zh, en = TEMPLATES[problem.detail]
    args = list(problem.args)
    zh_lang = lang.startswith("zh")
    if problem.detail == "on_leave":
        args[2] = label(ABSENCE_KIND, args[2], lang)
    elif problem.detail == "no_officer":
        args[2] = ("、" if zh_lang else " or ").join(label(DUTY_ROLE, role, lang) for role in args[2])
    elif problem.detail in BOOK_DETAILS:
        args[2] = label(DUTY_ROLE, args[2], lang)
        if problem.detail == "leader_on_leave":
            args[5] = label(ABSENCE_KIND, args[5], lang)
    return (zh if lang.startswith("zh") else en).format(*args)
