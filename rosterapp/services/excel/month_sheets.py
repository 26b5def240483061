"""What the month sheets clerks keep have in common (spec/excel.md, "Month roster workbooks" and "The 值班表"):
days written as day numbers, real dates or text (1, 1日, 1月1日, 1/1, 01-01), weekdays as 一 / 周一 / 星期一,
and the station and month named by a title such as 海淀支队双榆树消防救援站2027年1月执勤排班表 or by the sheet's name.

The month roster import (roster_import.py) and the 值班表 (duty_table.py) read with these; both export with
roster_export's titles, so that what the program writes it reads back.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rosterapp.models import Detachment, Station
from rosterapp.reference_data import station_short_name
from rosterapp.services.excel.common import clean

WEEKDAY_NAMES = "一二三四五六日"
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)?([一二三四五六日天])")
# A month, not a date: 制表日期：2027年1月25日 names no month of the roster.
_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")
_MONTH_ISO = re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})(?![\d]|[-./]\d)")
# Day headers as text: 1 · 1日 · 1号 · 1月1日 · 1/1 · 01-01 · 1.1 · 2027-01-01 · 2027年1月1日.
_DAY_ONLY = re.compile(r"(\d{1,2})\s*[日号]?")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*(?:月|/|-|\.)\s*(\d{1,2})\s*[日号]?")
_FULL_DATE = re.compile(r"(\d{4})\s*(?:年|/|-|\.)\s*(\d{1,2})\s*(?:月|/|-|\.)\s*(\d{1,2})\s*[日号]?")


def norm(text: str) -> str:
    """Full-width folded (NFKC), every space taken out: ``王  伟`` -> 王伟, ``ＨＤ００１２`` -> HD0012."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def text_of(value: object) -> str:
    """A cell as folded text without spaces (numbers as written: 12, not 12.0)."""
    value = clean(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return norm(str(value))


@dataclass(frozen=True)
class DayHead:
    """A day as a header or a 日期 cell names it: a whole date, or a month and day, or a day alone."""

    day: int
    month: int | None = None
    year: int | None = None

    def date_in(self, year: int, month: int) -> dt.date | None:
        """The date it names when read in ``year``-``month`` (its own year and month when it has them)."""
        try:
            return dt.date(self.year or year, self.month or month, self.day)
        except ValueError:
            return None


def day_head(value: object) -> DayHead | None:
    """A cell as a day header (a day number 1–31, a real date, or day text); None when it is none."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DayHead(value.day, value.month, value.year)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1 <= int(value) <= 31:
            return DayHead(int(value))
        return None
    text = text_of(value)
    if not text:
        return None
    for pattern, make in ((_FULL_DATE, lambda y, m, d: DayHead(int(d), int(m), int(y))),
                          (_MONTH_DAY, lambda m, d: DayHead(int(d), int(m))),
                          (_DAY_ONLY, lambda d: DayHead(int(d)))):
        match = pattern.fullmatch(text)
        if match:
            head = make(*match.groups())
            if 1 <= head.day <= 31 and (head.month is None or 1 <= head.month <= 12):
                return head
            return None
    return None


def weekday_of(value: object) -> int | None:
    """一 / 周一 / 星期一 … 日 / 周日 / 星期天 as 0 … 6; None when the cell is no weekday."""
    text = text_of(value)
    match = _WEEKDAY.fullmatch(text) if text else None
    if match is None:
        return None
    return 6 if match.group(1) in "日天" else WEEKDAY_NAMES.index(match.group(1))


def month_in(text: str) -> tuple[int, int] | None:
    """The month a title or a sheet's name names: 2027年1月, 2027-01, 2027.1; None when it names none."""
    text = norm(text)
    for pattern in (_MONTH, _MONTH_ISO):
        match = pattern.search(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if 1 <= month <= 12:
                return year, month
    return None


def day_label(day: dt.date) -> str:
    """1月5日: how an error names a day (spec/excel.md)."""
    return f"{day.month}月{day.day}日"


@dataclass(frozen=True)
class Unit:
    """A station (or a detachment's staff office) as the sheets name it."""

    id: int
    name: str  # 双榆树消防救援站
    short: str  # 双榆树
    detachment_id: int
    detachment: str  # 海淀支队
    detachment_short: str  # 海淀
    grade: str


class Units:
    """Every station of the city, found by what a sheet says of it: a 消防救援站 cell, a title, a sheet's name."""

    def __init__(self, session: Session):
        self.all = [Unit(*row) for row in session.execute(
            select(Station.id, Station.name, Station.short_name, Detachment.id, Detachment.name,
                   Detachment.short_name, Station.grade)
            .join(Detachment, Detachment.id == Station.detachment_id).order_by(Detachment.sort_order,
                                                                                  Station.sort_order))]
        self.by_id = {u.id: u for u in self.all}

    def named(self, text: str, detachment_id: int | None = None) -> list[Unit]:
        """The stations ``text`` names exactly: the full name, the short name, the name without its suffix,
        or the detachment's name before it (海淀支队双榆树消防救援站)."""
        want = norm(text)
        if not want:
            return []
        short = norm(station_short_name(want))
        found = []
        for u in self.all:
            if detachment_id is not None and u.detachment_id != detachment_id:
                continue
            unit_short = norm(u.short or "")
            if want in (norm(u.name), unit_short, norm(u.detachment) + norm(u.name)) or short == unit_short:
                found.append(u)
        return found

    def in_text(self, text: str) -> list[Unit]:
        """The stations a title names inside it (海淀支队双榆树消防救援站2027年1月执勤排班表 -> 双榆树): the
        longest names found, narrowed to the detachment the text names when it names one."""
        text = norm(text)
        if not text:
            return []
        dets = {u.detachment_id for u in self.all if norm(u.detachment) in text or (
            u.detachment_short and norm(u.detachment_short) + "支队" in text)}
        found = [u for u in self.all if norm(u.name) in text]
        if not found:
            # Short names only when the title says no full name: 前门站, 双榆树 …
            found = [u for u in self.all if u.short and len(norm(u.short)) >= 2 and norm(u.short) in text
                     and u.grade != "office"]
        if dets:
            found = [u for u in found if u.detachment_id in dets] or found
        longest = max((len(norm(u.name)) for u in found), default=0)
        # 海淀支队机关 holds no other station's name; among 前门消防救援站 and 前门, the longer wins.
        return [u for u in found if len(norm(u.name)) == longest] if len(found) > 1 else found

    def detachment_in(self, text: str) -> int | None:
        """The one detachment a title or a sheet's name names (海淀支队, or 海淀 alone as the whole text)."""
        text = norm(text)
        found = {u.detachment_id for u in self.all if text and (norm(u.detachment) in text or text == norm(
            u.detachment_short or ""))}
        return found.pop() if len(found) == 1 else None
