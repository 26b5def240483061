"""What the Excel exchange shares: the contract's sheet names and headers, cell cleaning, rejections."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rosterapp import vocab
from rosterapp.errors import FieldError, ValidationError
from rosterapp.i18n import tr

# spec/excel.md: headquarters' own macros look for exactly these names and headers.
SUMMARY = "汇总"
POSTS = "点位方案"
DEPLOYMENTS = "车辆部署"
PROBLEMS = "问题清单"
STATS = "月度统计"

SUMMARY_HEADERS = ["支队", "点位数", "出动车辆", "出动人员", "覆盖率", "错误", "警告"]
# After them (never before: the headers above are the contract), the detachment's 执勤实力 on the
# workbook's first duty day (docs/hq-strength.md).
STRENGTH_HEADERS = ["在岗人数", "执勤车辆", "载水量(吨)", "载泡沫量(吨)", "载干粉量(公斤)"]
STRENGTH_DAY_LABEL = "执勤实力日"
# After those (a workbook of one task only): each detachment's sub-plan, as services.subplans keeps it —
# its latest version (v3, "v3（草稿已改动）" when the draft differs from it, — when never submitted), its
# state, and the version the overall plan takes (the latest submitted or approved one).
PLAN_HEADERS = ["分方案版本", "状态", "总体方案版本"]
POST_HEADERS = ["点位编号", "点位名称", "点位类型", "勤务方式", "战备等级", "责任支队", "出动站", "开始", "结束", "车辆",
                "带队指挥员", "联系电话", "人数", "人员", "备注"]
DEPLOYMENT_HEADERS = ["日期", "支队", "消防救援站", "车牌号", "呼号", "车型", "部署位置", "开始", "结束", "乘员"]
ROSTER_HEADERS = ["消防救援站", "姓名", "工号", "职务"]
# The spec's columns first; 支队 follows so that a merge can count each detachment's problems again.
PROBLEM_HEADERS = ["严重程度", "规则", "说明", "开始", "结束", "人员", "车辆", "点位", "支队"]

# One row per person of the workbook's detachments over its dates (services.statistics counts them);
# the days of each kind of leave follow the spec's columns.
STATS_HEADERS = ["支队", "消防救援站", "姓名", "工号", "值班天数", "24小时执勤", "白班", "夜班", "周末", "节假日", "点位勤务小时",
                 "总小时", "请休假天数", "待还班"]
STATS_LEAVE_HEADERS = [f"{zh}天数" for zh, _en in vocab.ABSENCE_KIND.values()]

# What each column holds: t text, d date, T date and time, n whole number, h hours (a number with decimals).
POST_KINDS = "tttttttTTtttntt"
DEPLOYMENT_KINDS = "dttttttTTn"
PROBLEM_KINDS = "tttTTtttt"
STATS_KINDS = "ttttnnnnnnhhnn" + "n" * len(STATS_LEAVE_HEADERS)

TOTAL_LABEL = "合计"
DAILY_TITLE = "每日在岗人数"  # the sheet behind 汇总's chart, after 问题清单
LEGEND_LABEL = "图例"
MISSING_LABEL = "未报送的支队"
NOTE_LABEL = "注"  # the note under 汇总's table
MADE_LABEL = "制表时间"

# Custom document properties: what `import plan` and `merge` read back besides the visible title.
PROP_OPERATION = "rosterapp.operation"
PROP_FIRST = "rosterapp.first"
PROP_LAST = "rosterapp.last"
PROP_DETACHMENTS = "rosterapp.detachments"
# A one-detachment workbook of one task (the sub-plan a clerk sends): its sub-plan's version when it was
# written (0: never submitted), state (draft, submitted, approved, returned), whether the draft differed
# from that version, and the version the overall plan took (0: none). `import plan` and `merge` read them.
PROP_PLAN_VERSION = "rosterapp.plan_version"
PROP_PLAN_STATE = "rosterapp.plan_state"
PROP_PLAN_EDITED = "rosterapp.plan_edited"
PROP_PLAN_IN_PLAN = "rosterapp.plan_in_plan"

# Separators clerks use in list cells (spec/excel.md).
LIST_SEPARATORS = re.compile(r"[、,，;；/]")
# Whitespace Python's str.strip keeps: zero-width spaces and the BOM that pasted text brings along.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


class ImportRejected(ValidationError):
    """A file refused whole: one line per bad cell (or one line for an unreadable file). Exit 3."""

    def __init__(self, errors: list[FieldError] | FieldError, source: str = ""):
        super().__init__(errors)
        self.source = source
        self.message = "\n".join(str(e) for e in self.errors)


@dataclass
class CellError(FieldError):
    """A bad cell as spec/cli.md names it: `工作表 S，第 5 行，出生日期（I5）：reason` (``field`` is the column letter)."""

    header: str = ""
    sheet: str = ""

    def __str__(self) -> str:
        text = tr("row {row}, {header} ({cell}): {reason}", row=self.row, header=self.header,
                  cell=f"{self.field}{self.row}", reason=self.reason)
        return tr("sheet {sheet}, {where}", sheet=self.sheet, where=text) if self.sheet else text


# What an import does to one row (RowChange.action).
ADDED, CHANGED, REMOVED = "added", "changed", "removed"
NO_VALUE = "—"


@dataclass(frozen=True)
class FieldChange:
    """One field of a row an import writes, as the clerk reads it: the field's name, old and new text.

    ``old`` is None for a field of a row being added, ``new`` None for one of a row being removed.
    """

    field: str
    old: str | None
    new: str | None

    def text(self) -> str:
        if self.old is None:
            return f"{self.field} {self.new or NO_VALUE}"
        if self.new is None:
            return f"{self.field} {self.old or NO_VALUE}"
        return f"{self.field} {self.old or NO_VALUE} → {self.new or NO_VALUE}"


@dataclass(frozen=True)
class RowChange:
    """One row an import adds, changes or removes: what a dry run lists before the clerk says yes.

    The row is named by ``name`` and the ``key`` the import matches it by (王伟, HD0012), after
    ``where`` when the key alone does not place it (a post code and a time); the text is made
    when asked for, in the language of that moment.
    """

    action: str
    name: str
    key: str
    fields: tuple[FieldChange, ...] = ()
    where: str = ""

    def label(self) -> str:
        named = tr("{name} ({key})", name=self.name, key=self.key) if self.name and self.key else (
            self.name or self.key)
        return " ".join(part for part in (self.where, named) if part)

    def text(self) -> str:
        """新增 张伟（N1） · 更新 王伟（HD0012）：资质 消防车驾驶、空呼 → 空呼；手机号 … → …"""
        label = self.label()
        head = {ADDED: tr("Add {label}", label=label), CHANGED: tr("Update {label}", label=label),
                REMOVED: tr("Remove {label}", label=label)}[self.action]
        if not self.fields:
            return head
        return tr("{head}: {fields}", head=head, fields=tr("; ").join(f.text() for f in self.fields))


def unreadable(path: Path, reason: str) -> ImportRejected:
    """The one-line rejection of a file that is not a workbook we can read."""
    return ImportRejected(FieldError(path.name, reason), source=str(path))


def clean(value: object) -> object:
    """A cell's value with text trimmed (full-width and zero-width spaces too); empty text is None."""
    if isinstance(value, str):
        text = value.strip().strip(_INVISIBLE).strip()
        return text or None
    return value


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without '.0' (a staff number typed as a number), others as shown."""
    value = clean(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else value.strftime("%Y-%m-%d")
    return str(value)


def fold(text: str) -> str:
    """Full-width letters and digits folded to ASCII (what Chinese input methods often type)."""
    return unicodedata.normalize("NFKC", text).strip()


_DATE_PATTERNS = [
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
]


def parse_date(value: object) -> dt.date | None:
    """An Excel date, or text YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日; None when it is none of these."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = fold(value)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    return None


def split_list(text: str) -> list[str]:
    return [part for part in (p.strip() for p in LIST_SEPARATORS.split(text)) if part]


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# Wide (two-column) characters: CJK, Hangul, full-width forms and punctuation such as 、（）：
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
                   "\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


def display_width(text: str) -> float:
    """Roughly how many character widths a text takes in a spreadsheet column (Chinese takes two)."""
    if text.isascii():
        return len(text) * 1.1
    wide = len(_WIDE.findall(text))
    return wide * 2.0 + (len(text) - wide) * 1.1


# Calendars: chinese-calendar knows the announced years (holidays and adjusted working days); after
# them the `holidays` package gives the statutory holidays from the lunar calendar (DESIGN.md).

@functools.lru_cache(maxsize=16)
def _statutory_holidays(year: int) -> frozenset[dt.date]:
    import holidays

    return frozenset(holidays.China(years=year))


@functools.lru_cache(maxsize=1024)
def is_rest_day(day: dt.date) -> bool:
    """A weekend or a Chinese public holiday: the columns a roster shades."""
    if day.weekday() >= 5:
        return True
    import chinese_calendar

    try:
        return chinese_calendar.is_holiday(day)
    except NotImplementedError:
        return day in _statutory_holidays(day.year)


WEEKDAYS = "一二三四五六日"


Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
