"""Reading back an HQ workbook written by export (for `import plan` and `merge`), checking its shape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rosterapp.i18n import tr
from rosterapp.services.dutyday import days_between
from rosterapp.services.excel import common as c
from rosterapp.services.excel.common import CellError, ImportRejected, unreadable
from rosterapp.services.excel.hq import NO_VERSION, TITLE, PlanVersion
from rosterapp.services.excel.reading import open_workbook, sheet_rows, visible_sheets

Row = tuple[int, tuple]  # (row number as the spreadsheet shows it, values)


@dataclass
class HQFile:
    """An HQ workbook's content, with spreadsheet row numbers kept for error messages."""

    path: Path
    title: str
    operation: str | None
    first: dt.date
    last: dt.date
    days: list[dt.date]
    summary: list[tuple] = field(default_factory=list)
    strength: dict[str, tuple] = field(default_factory=dict)  # 汇总's 执勤实力 columns, when written
    post_rows: list[Row] = field(default_factory=list)
    deployment_rows: list[Row] = field(default_factory=list)
    rosters: dict[str, list[Row]] = field(default_factory=dict)
    legends: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    problems: list[tuple] = field(default_factory=list)
    daily: dict[str, list[int]] = field(default_factory=dict)
    stats: list[tuple] = field(default_factory=list)  # 月度统计's rows, when the workbook has the sheet
    # 汇总's 分方案版本 | 状态 | 总体方案版本 by detachment, as written (none in a workbook without them).
    plans: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # The sub-plan a one-detachment workbook of one task carries in its document properties (None: not
    # written by this version of the program, or without a task).
    plan: PlanVersion | None = None
    skipped: list[str] = field(default_factory=list)  # the hidden sheets, never read


def _values(path: Path, ws) -> list[tuple]:
    """The sheet's rows up to its last one that holds data (row N at index N - 1), each up to its last value."""
    rows: list[tuple] = []
    for number, values in sheet_rows(path, ws):
        rows.extend([()] * (number - 1 - len(rows)))
        rows.append(tuple(c.clean(v) for v in values))
    return rows


def _check_header(path: Path, sheet: str, rows: list[tuple], headers: list[str], row: int = 0) -> None:
    found = [str(v) if v is not None else "" for v in (rows[row] if len(rows) > row else ())][:len(headers)]
    if found != headers:
        raise unreadable(path, tr("Sheet {sheet} does not have the headers of an HQ workbook ({headers}).",
                                  sheet=sheet, headers=" | ".join(headers)))


def _body(rows: list[tuple], width: int, start: int = 1) -> list[Row]:
    out = []
    for number, values in enumerate(rows[start:], start=start + 1):
        values = tuple(values[:width]) + (None,) * (width - len(values))
        if any(v is not None for v in values):
            out.append((number, values))
    return out


def read_hq(path: Path) -> HQFile:
    """The content of a workbook written by `export`; ImportRejected when it is not one."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        names, hidden = visible_sheets(wb)
        fixed = [c.SUMMARY, c.POSTS, c.DEPLOYMENTS, c.PROBLEMS]
        missing = [n for n in fixed if n not in names]
        if missing:
            reason = tr("Not an HQ workbook written by export: no sheet {sheets}.", sheets="、".join(missing))
            if any(n in hidden for n in missing):
                reason += " " + tr("Hidden sheets are not read ({sheets}).", sheets="、".join(hidden))
            raise unreadable(path, reason)
        sheets = {name: _values(path, wb[name]) for name in names}
        plan = _plan_properties(wb)
    finally:
        wb.close()

    summary = sheets[c.SUMMARY]
    title = str(summary[0][0]) if summary and summary[0] and summary[0][0] is not None else ""
    match = TITLE.match(title)
    if match is None:
        reason = tr("The title of {sheet} should read \"TASK（YYYY-MM-DD 至 YYYY-MM-DD）\", or without a task "
                    "\"YYYY-MM-DD 至 YYYY-MM-DD\".", sheet=c.SUMMARY)
        raise ImportRejected(CellError("A", reason, 1, header=tr("title"), sheet=c.SUMMARY), source=str(path))
    first, last = dt.date.fromisoformat(match["first"]), dt.date.fromisoformat(match["last"])
    book = HQFile(path, title, match["op"], first, last, days_between(first, last), skipped=hidden, plan=plan)
    _check_header(path, c.SUMMARY, summary, c.SUMMARY_HEADERS, row=2)
    headers = [str(v) if v is not None else "" for v in summary[2]]
    plan_col = next((i for i in range(len(headers)) if headers[i:i + len(c.PLAN_HEADERS)] == c.PLAN_HEADERS), None)
    for values in summary[3:]:
        if not values or values[0] is None:
            break
        book.summary.append(tuple(values[:len(c.SUMMARY_HEADERS)]))
        width = len(c.SUMMARY_HEADERS)
        if tuple(summary[2][width:width + len(c.STRENGTH_HEADERS)]) == tuple(c.STRENGTH_HEADERS):
            figures = tuple(values[width:width + len(c.STRENGTH_HEADERS)])
            if all(isinstance(v, int | float) for v in figures) and values[0] != c.TOTAL_LABEL:
                book.strength[str(values[0])] = figures
        if plan_col is not None and values[0] != c.TOTAL_LABEL:
            texts = tuple(values[plan_col:plan_col + len(c.PLAN_HEADERS)])
            book.plans[str(values[0])] = tuple(c.cell_text(v) if v is not None else NO_VERSION
                                               for v in texts + (None,) * (len(c.PLAN_HEADERS) - len(texts)))
    if c.DAILY_TITLE in sheets:
        _read_daily(book, sheets[c.DAILY_TITLE])

    for sheet, headers, target in ((c.POSTS, c.POST_HEADERS, book.post_rows),
                                   (c.DEPLOYMENTS, c.DEPLOYMENT_HEADERS, book.deployment_rows)):
        _check_header(path, sheet, sheets[sheet], headers)
        target.extend(_body(sheets[sheet], len(headers)))
    _check_header(path, c.PROBLEMS, sheets[c.PROBLEMS], c.PROBLEM_HEADERS[:8])
    book.problems = [values for _n, values in _body(sheets[c.PROBLEMS], len(c.PROBLEM_HEADERS))]
    if c.STATS in sheets:  # workbooks written before the sheet existed have none
        headers = c.STATS_HEADERS + c.STATS_LEAVE_HEADERS
        _check_header(path, c.STATS, sheets[c.STATS], c.STATS_HEADERS)
        book.stats = [values for _n, values in _body(sheets[c.STATS], len(headers))]

    # The roster sheets stand between 车辆部署 and 问题清单, each named after its detachment.
    order = list(sheets)
    for name in order[order.index(c.DEPLOYMENTS) + 1:order.index(c.PROBLEMS)]:
        _read_roster(book, name, sheets[name])
    return book


def _plan_properties(wb) -> PlanVersion | None:
    """The sub-plan's version and state in the workbook's custom document properties, if written."""
    props = {p.name: p.value for p in getattr(wb, "custom_doc_props", None) or ()}
    version = props.get(c.PROP_PLAN_VERSION)
    if version is None:
        return None
    try:
        number, in_plan = int(version), int(props.get(c.PROP_PLAN_IN_PLAN) or 0)
    except (TypeError, ValueError):
        return None
    state = str(props.get(c.PROP_PLAN_STATE) or "draft")
    edited = props.get(c.PROP_PLAN_EDITED)
    return PlanVersion(number, state, edited is True or str(edited).lower() in ("true", "1"), in_plan or None)


def _read_daily(book: HQFile, rows: list[tuple]) -> None:
    if not rows:
        return
    names = [str(v) for v in rows[0][1:] if v is not None]
    counts: dict[str, list[int]] = {n: [] for n in names}
    for row in rows[1:]:
        if not row or row[0] is None:
            break
        for k, name in enumerate(names):
            value = row[1 + k] if len(row) > 1 + k else 0
            counts[name].append(int(value or 0) if isinstance(value, int | float) else 0)
    book.daily = counts


def _read_roster(book: HQFile, name: str, rows: list[tuple]) -> None:
    path = book.path
    _check_header(path, name, rows, c.ROSTER_HEADERS)
    header = rows[0]
    days = [v.date() if isinstance(v, dt.datetime) else v for v in header[4:] if v is not None]
    if days != book.days:
        raise ImportRejected(CellError("E", tr("The dates of sheet {sheet} are not those of the title of {summary}.",
                                               sheet=name, summary=c.SUMMARY), 1, header=tr("dates"), sheet=name),
                             source=str(path))
    width = 4 + len(days)
    grid: list[Row] = []
    legend: list[tuple[str, str]] = []
    in_legend = False
    for number, values in enumerate(rows[1:], start=2):
        if values and values[0] == c.LEGEND_LABEL:
            in_legend = True
        if in_legend:
            if len(values) > 1 and values[1] is not None:
                legend.append((str(values[1]), str(values[2] or "") if len(values) > 2 else ""))
            continue
        values = tuple(values[:width]) + (None,) * (width - len(values))
        if any(v is not None for v in values):
            grid.append((number, values))
    book.rosters[name] = grid
    book.legends[name] = legend
