"""Writing an HQ workbook with xlsxwriter, print-ready, row by row (constant memory), cancellable."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from rosterapp import __version__
from rosterapp.errors import Cancelled
from rosterapp.services import absence_cells
from rosterapp.services.excel import common as c
from rosterapp.services.excel import hq
from rosterapp.services.excel.hq import (
    ENTRY_SEPARATOR,
    SEVERITY_ERROR,
    SEVERITY_WARNING,
    HQWorkbook,
    staff_numbers,
)
from rosterapp.services.outputs import atomic_output, zip_problem

HEADER_FILL = "#D9E1F2"
REST_FILL = "#E7E6E6"
REST_HEADER_FILL = "#BFBFBF"
ABSENT_FONT = "#C00000"
MAX_WIDTH = 60  # wider text wraps: a column wider than this would shrink every printed page
ROW_HEIGHT = 13.5  # points per line of 10-point text
DATE_HEADER = '[$-804]m/d aaa'  # 3/1 日: the weekday in Chinese whatever the reader's locale
CHECK_EVERY = 64  # rows between progress reports


@dataclass
class WriteStats:
    """What a workbook holds once written: its sheets, and the rows and cells written on them."""

    cells: int = 0
    rows: int = 0
    sheets: int = 0


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"border": 1, "valign": "vcenter", "font_size": 10}
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.note = wb.add_format({"font_size": 10})
        self.note_wrap = wb.add_format({"font_size": 10, "text_wrap": True, "valign": "top"})
        self.header = wb.add_format({**base, "bold": True, "bg_color": HEADER_FILL, "align": "center",
                                     "text_wrap": True})
        self.text = wb.add_format(base)
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.center = wb.add_format({**base, "align": "center"})
        self.int = wb.add_format({**base, "num_format": "0"})
        self.number = wb.add_format(base)  # General: 24 and 7.5 as they are
        self.pct = wb.add_format({**base, "num_format": "0.0%"})
        self.date = wb.add_format({**base, "num_format": c.DATE_FORMAT, "align": "center"})
        self.datetime = wb.add_format({**base, "num_format": c.DATETIME_FORMAT, "align": "center"})
        self.made = wb.add_format({"num_format": c.DATETIME_FORMAT, "align": "left", "font_size": 10})
        self.total_text = wb.add_format({**base, "bold": True})
        self.total_int = wb.add_format({**base, "bold": True, "num_format": "0"})
        self.total_pct = wb.add_format({**base, "bold": True, "num_format": "0.0%"})
        self.load = wb.add_format({**base, "num_format": "0.0"})
        self.total_load = wb.add_format({**base, "bold": True, "num_format": "0.0"})
        self.day_header = wb.add_format({**base, "bold": True, "bg_color": HEADER_FILL, "align": "center",
                                         "num_format": DATE_HEADER})
        self.rest_header = wb.add_format({**base, "bold": True, "bg_color": REST_HEADER_FILL, "align": "center",
                                          "num_format": DATE_HEADER})
        self.cell = wb.add_format({**base, "align": "center"})
        self.rest_cell = wb.add_format({**base, "align": "center", "bg_color": REST_FILL})
        self.absent = wb.add_format({**base, "align": "center", "font_color": ABSENT_FONT})
        self.rest_absent = wb.add_format({**base, "align": "center", "font_color": ABSENT_FONT,
                                          "bg_color": REST_FILL})


class _Sheet:
    """A worksheet and the widest text seen in each column, to fit the column widths at the end."""

    def __init__(self, wb: xlsxwriter.Workbook, name: str, f: _Formats, stats: WriteStats):
        self.ws = wb.add_worksheet(name)
        self.name = name
        self.f = f
        self.stats = stats
        stats.sheets += 1
        self.widths: dict[int, float] = {}
        self.wrapped: set[int] = set()

    def _fit(self, col: int, width: float) -> None:
        if width > self.widths.get(col, 0):
            self.widths[col] = width

    def header(self, row: int, headers: list[str], first_col: int = 0) -> None:
        for i, text in enumerate(headers):
            self.ws.write_string(row, first_col + i, text, self.f.header)
            self._fit(first_col + i, c.display_width(text) + 2)
        self.stats.cells += len(headers)

    def row(self, row: int, values, *, wrap: frozenset[int] = frozenset(), total: bool = False) -> None:
        ws, f = self.ws, self.f
        for col, value in enumerate(values):
            if isinstance(value, str):
                # write_string, never write(): text a user typed ("=SUM(A1)", "+1", "@x") stays text.
                ws.write_string(row, col, value, f.total_text if total else (f.wrap if col in wrap else f.text))
                self._fit(col, c.display_width(value) + 1)
            elif value is None:
                ws.write_blank(row, col, None, f.text)
            elif isinstance(value, dt.datetime):
                ws.write_datetime(row, col, value, f.datetime)
                self._fit(col, 17)
            elif isinstance(value, dt.date):
                ws.write_datetime(row, col, value, f.date)
                self._fit(col, 11)
            elif isinstance(value, float):
                ws.write_number(row, col, value, f.total_pct if total else f.pct)
                self._fit(col, 8)
            else:
                ws.write_number(row, col, value, f.total_int if total else f.int)
                self._fit(col, len(str(value)) + 2)
        self.stats.cells += len(values)
        self.stats.rows += 1

    def finish(self, *, title: str, header_rows: tuple[int, int], freeze: tuple[int, int], made: dt.datetime,
               fixed: dict[int, float] | None = None) -> None:
        ws = self.ws
        for col, width in self.widths.items():
            if fixed and col in fixed:
                continue
            w = min(max(width, 4), MAX_WIDTH)
            ws.set_column(col, col, w, self.f.wrap if width > MAX_WIDTH else None)
        for col, width in (fixed or {}).items():
            ws.set_column(col, col, width)
        print_setup(ws, title, header_rows, freeze, made)


class _Cells:
    """A worksheet's cell writers taking (row, col) numbers.

    xlsxwriter's public write_* methods first look whether they were given "A1" notation; the
    underscore methods behind them take numbers only. For 650,000 cells that check is a tenth of
    the export, so the numeric ones are used when this xlsxwriter has them.
    """

    def __init__(self, ws):
        self.string = getattr(ws, "_write_string", ws.write_string)
        self.number = getattr(ws, "_write_number", ws.write_number)
        self.blank = getattr(ws, "_write_blank", ws.write_blank)
        self.datetime = getattr(ws, "_write_datetime", ws.write_datetime)


def _escape_header(text: str) -> str:
    return text.replace("&", "&&")


# The header's codes: bold, 12 points. The size comes first, so that the font code's closing quote ends
# the codes: after "&12" a title starting with a digit ("2026年…") would be read as size 122026.
HEADER_FONT = '&12&"-,Bold"'


def print_setup(ws, title: str, header_rows: tuple[int, int], freeze: tuple[int, int], made: dt.datetime) -> None:
    """A4 landscape, one page wide, header rows on every page, page x of y and the print date below."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(*header_rows)
    ws.freeze_panes(*freeze)
    ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.75)
    ws.set_header(f"&C{HEADER_FONT}{_escape_header(title)}")
    ws.set_footer(f"&L打印日期：&D&C第 &P 页 / 共 &N 页&R制表：{made:%Y-%m-%d %H:%M}")


def save_atomically(path: Path, build: Callable[[io.BytesIO], None]) -> None:
    """Build a workbook in memory with ``build`` and put it at ``path`` whole, or not at all (OutputFailed).

    The package is built in memory and written out by us, so that a full disk is an error we see
    (xlsxwriter writing the file itself leaves a ZipFile that complains about it at exit); it goes to a
    temporary name first and is renamed into place.
    """
    size = -1

    def problem(part: Path) -> str | None:
        return zip_problem(part, size)

    with atomic_output(path, problem=problem) as part:
        buffer = io.BytesIO()
        build(buffer)
        data = buffer.getbuffer()
        size = data.nbytes
        with part.open("wb", buffering=0) as fh:
            view = memoryview(data)
            while view:
                view = view[fh.write(view):]
        del view, data


@contextmanager
def closing_workbook(wb) -> Iterator:
    """Close ``wb`` when the block ends. On an error, close what was written (so that the temporary file can be
    removed) and raise the real error, not one of closing."""
    try:
        yield wb
    except BaseException:
        try:
            wb.close()
        except Exception:
            pass
        raise
    wb.close()


class Writer:
    """Writes one HQWorkbook; ``cancelled`` is polled between rows, ``progress`` told (done, total)."""

    def __init__(self, book: HQWorkbook, *, progress: c.Progress | None = None,
                 cancelled: c.CancelCheck | None = None):
        self.book = book
        self.progress = progress
        self.cancelled = cancelled
        self.stats = WriteStats()
        self.done = 0
        self.total = (len(book.post_rows) + len(book.deployment_rows)
                      + sum(r.row_count for r in book.rosters) + len(book.stats_rows) + 1)

    def _tick(self, rows: int = 1) -> None:
        self.done += rows
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.progress is not None and self.done % CHECK_EVERY == 0:
            self.progress(self.done, self.total)

    def write(self, path: Path) -> WriteStats:
        """Write the workbook to ``path``: whole, or not at all with the earlier file kept (OutputFailed)."""
        save_atomically(Path(path), self._write)
        if self.progress is not None:
            self.progress(self.total, self.total)
        return self.stats

    def _write(self, out: io.BytesIO) -> None:
        book = self.book
        wb = xlsxwriter.Workbook(out, {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False})
        with closing_workbook(wb):
            wb.set_properties({"title": book.title, "subject": "消防安保勤务计划 HQ workbook",
                               "author": "rosterapp", "comments": f"rosterapp {__version__}",
                               "created": book.made})
            if book.operation:
                wb.set_custom_property(c.PROP_OPERATION, book.operation)
            wb.set_custom_property(c.PROP_FIRST, book.first.isoformat())
            wb.set_custom_property(c.PROP_LAST, book.last.isoformat())
            wb.set_custom_property(c.PROP_DETACHMENTS, ENTRY_SEPARATOR.join(book.detachments))
            if book.plan is not None:
                wb.set_custom_property(c.PROP_PLAN_VERSION, book.plan.version, "number_int")
                wb.set_custom_property(c.PROP_PLAN_STATE, book.plan.state)
                wb.set_custom_property(c.PROP_PLAN_EDITED, book.plan.edited, "bool")
                wb.set_custom_property(c.PROP_PLAN_IN_PLAN, book.plan.in_plan or 0, "number_int")
            f = _Formats(wb)
            # Sheets in the contract's order; each is filled when its data is ready (constant_memory
            # keeps one temporary file per sheet, so 汇总 can be written last).
            summary = _Sheet(wb, c.SUMMARY, f, self.stats)
            posts = _Sheet(wb, c.POSTS, f, self.stats)
            deployments = _Sheet(wb, c.DEPLOYMENTS, f, self.stats)
            grids = [_Sheet(wb, r.name, f, self.stats) for r in book.rosters]
            problems_sheet = _Sheet(wb, c.PROBLEMS, f, self.stats)
            stats_sheet = _Sheet(wb, c.STATS, f, self.stats)
            # The figures behind 汇总's chart, on a sheet of their own so that 汇总 prints on one page.
            daily_sheet = _Sheet(wb, c.DAILY_TITLE, f, self.stats)

            self._table(posts, c.POST_HEADERS, c.POST_KINDS, book.post_rows, wrap=frozenset({13}))
            self._table(deployments, c.DEPLOYMENT_HEADERS, c.DEPLOYMENT_KINDS, book.deployment_rows)
            daily = book.daily or {}
            for sheet, roster in zip(grids, book.rosters, strict=True):
                counts = self._grid(sheet, roster)
                if book.daily is None:
                    daily[roster.name] = counts
            problems = book.problems()
            self._table(problems_sheet, c.PROBLEM_HEADERS, c.PROBLEM_KINDS, problems, wrap=frozenset({2}),
                        tick=False)
            self._table(stats_sheet, c.STATS_HEADERS + c.STATS_LEAVE_HEADERS, c.STATS_KINDS, book.stats_rows,
                        freeze_columns=4)
            names = [n for n in book.detachments if n in daily]
            self._daily(daily_sheet, names, daily)
            self._summary(summary, problems, names, wb)

    def _table(self, sheet: _Sheet, headers: list[str], kinds: str, rows, *, wrap: frozenset[int] = frozenset(),
               tick: bool = True, freeze_columns: int = 0) -> None:
        """A header and rows whose columns each hold one kind of value (see common.POST_KINDS)."""
        sheet.header(0, headers)
        ws, f = sheet.ws, sheet.f
        cells = _Cells(ws)
        plan = []
        for col, kind in enumerate(kinds):
            if kind == "T":
                plan.append((cells.datetime, f.datetime, dt.date))
            elif kind == "d":
                plan.append((cells.datetime, f.date, dt.date))
            elif kind == "n":
                plan.append((cells.number, f.int, int | float))
            elif kind == "h":
                plan.append((cells.number, f.number, int | float))
            else:
                # A string writer, never write(): text a user typed ("=SUM(A1)", "+1", "@x") stays text.
                plan.append((cells.string, f.wrap if col in wrap else f.text, str))
        # The longest text of each column sets its width (a text of more characters is wider, near enough).
        longest = [""] * len(plan)
        blank = cells.blank
        set_row = ws.set_row
        r = 0
        for r, values in enumerate(rows, start=1):
            # Wrapped text needs a taller row (no program fits it when the file is opened).
            lines = 1
            for col in wrap:
                text = values[col]
                if text and len(text) * 2 > MAX_WIDTH:
                    # Display width from the UTF-8 length: a Chinese character is 3 bytes and 2 columns.
                    width = (len(str(text).encode("utf-8")) + len(text)) // 2
                    lines = max(lines, -(-width // (MAX_WIDTH - 2)))
            if lines > 1:
                set_row(r, ROW_HEIGHT * lines)
            for col, (write, fmt, kind) in enumerate(plan):
                value = values[col]
                if value is None or value == "":
                    blank(r, col, None, fmt)
                elif kind is str:
                    if value.__class__ is not str:
                        value = c.cell_text(value)
                    write(r, col, value, fmt)
                    if len(value) > len(longest[col]):
                        longest[col] = value
                elif isinstance(value, kind) and value.__class__ is not bool:
                    write(r, col, value, fmt)
                else:
                    # A value of the wrong kind (a merged workbook edited by hand) is kept, as text.
                    cells.string(r, col, c.cell_text(value), f.text)
            if tick:
                self._tick()
        widths = {col: c.display_width(text) + 1 for col, text in enumerate(longest) if text}
        self.stats.cells += r * len(headers)
        self.stats.rows += r
        for col, (_w, fmt, kind) in enumerate(plan):
            if kind is str:
                sheet._fit(col, widths.get(col, 0))
            elif fmt is f.datetime:
                sheet._fit(col, 17)
            elif fmt is f.date:
                sheet._fit(col, 11)
            else:
                sheet._fit(col, 6)
        sheet.finish(title=f"{self.book.title} {sheet.name}", header_rows=(0, 0), freeze=(1, freeze_columns),
                     made=self.book.made)
        if r:
            sheet.ws.autofilter(0, 0, r, len(headers) - 1)

    def _grid(self, sheet: _Sheet, roster) -> list[int]:
        book, f, ws = self.book, self.f_of(sheet), sheet.ws
        days = book.days
        rest = [c.is_rest_day(d) for d in days]
        sheet.header(0, c.ROSTER_HEADERS)
        for i, day in enumerate(days):
            ws.write_datetime(0, 4 + i, day, f.rest_header if rest[i] else f.day_header)
        self.stats.cells += len(days)
        normal = [f.rest_cell if r else f.cell for r in rest]
        absent = [f.rest_absent if r else f.absent for r in rest]
        off = book.off_tokens
        # 假 病 … (and 休假, 请假 … of older workbooks merged): the planned 休 is not an absence.
        absences = {t for t in off if len(t) > 1 or t in absence_cells.KIND_OF}
        # Per distinct cell text (a few hundred kinds among 270,000 cells): its width, whether it means
        # on duty, whether it is an absence.
        seen: dict[str, tuple[list, int]] = {}  # text -> (formats by day, 1 when it means on duty)
        counts = [0] * len(days)
        cells = _Cells(ws)
        write_string, write_blank = cells.string, cells.blank
        text = f.text
        longest = ["", "", "", ""]
        r = 0
        for r, (station, name, staff, position, day_cells) in enumerate(roster.rows, start=1):
            for col, value in enumerate((station, name, staff, position)):
                write_string(r, col, value, text)
                if len(value) > len(longest[col]):
                    longest[col] = value
            for i, value in enumerate(day_cells):
                if value:
                    info = seen.get(value)
                    if info is None:
                        on_duty = any(t not in off for t in value.split("/"))
                        info = seen[value] = (absent if value in absences else normal, int(on_duty))
                    write_string(r, 4 + i, value, info[0][i])
                    counts[i] += info[1]
                else:
                    write_blank(r, 4 + i, None, normal[i])
            self._tick()
        for col, value in enumerate(longest):
            sheet._fit(col, c.display_width(value) + 1)
        # Every day column as wide as the widest code in any of them: an even grid prints best.
        day_width = max([int(c.display_width(v)) + 2 for v in seen] or [0])
        widths = [day_width] * len(days)
        self.stats.cells += r * (4 + len(days))
        self.stats.rows += r
        # The legend, below the grid after one empty row; the first cell names it for merge to stop at.
        row = r + 2
        for k, (code, meaning) in enumerate(roster.legend):
            if k == 0:
                ws.write_string(row, 0, c.LEGEND_LABEL, f.total_text)
            ws.write_string(row, 1, code, f.center)
            ws.write_string(row, 2, meaning, f.note)
            row += 1
        self.stats.cells += len(roster.legend) * 2 + 1
        fixed = {4 + i: max(6.5, min(w, MAX_WIDTH)) for i, w in enumerate(widths)}
        sheet.finish(title=f"{roster.name} 执勤表 {book.first:%Y-%m-%d} 至 {book.last:%Y-%m-%d}",
                     header_rows=(0, 0), freeze=(1, 4), made=book.made, fixed=fixed)
        return counts

    def f_of(self, sheet: _Sheet) -> _Formats:
        return sheet.f

    def _daily(self, sheet: _Sheet, names: list[str], daily: dict[str, list[int]]) -> None:
        book, f, ws = self.book, sheet.f, sheet.ws
        sheet.header(0, ["日期", *names])
        cells = _Cells(ws)
        for i, day in enumerate(book.days, start=1):
            cells.datetime(i, 0, day, f.date)
            for k, name in enumerate(names):
                cells.number(i, 1 + k, daily[name][i - 1], f.int)
        self.stats.cells += len(book.days) * (1 + len(names))
        sheet._fit(0, 11)
        for k in range(len(names)):
            sheet._fit(1 + k, 8)
        sheet.finish(title=f"{book.title} {c.DAILY_TITLE}", header_rows=(0, 0), freeze=(1, 1), made=book.made)

    def _summary(self, sheet: _Sheet, problems: list[tuple], names: list[str], wb) -> None:
        book, f, ws = self.book, sheet.f, sheet.ws
        width = len(c.SUMMARY_HEADERS)
        ws.merge_range(0, 0, 0, width - 1, book.title, f.title)
        ws.write_string(1, 0, c.MADE_LABEL, f.note)
        ws.merge_range(1, 1, 1, 2, book.made, f.made)
        self.stats.cells += width + 3
        extra = width
        if book.strength:  # (constant_memory: a row's cells are written before the next row's)
            ws.write_string(1, extra, c.STRENGTH_DAY_LABEL, f.note)
            ws.write_datetime(1, extra + 1, book.first, f.date)
            self.stats.cells += 2
        sheet.header(2, c.SUMMARY_HEADERS)
        if book.strength:
            sheet.header(2, c.STRENGTH_HEADERS, first_col=extra)
        # Each sub-plan's version and state, after the other columns (a workbook of one task).
        plan_col = extra + (len(c.STRENGTH_HEADERS) if book.strength else 0)
        if book.plans:
            sheet.header(2, c.PLAN_HEADERS, first_col=plan_col)
        row = 3
        for values in summary_rows(book, problems):
            total = values[0] == c.TOTAL_LABEL
            sheet.row(row, values, total=total)
            if book.strength:
                figures = strength_row(book, values[0])
                for k, value in enumerate(figures):
                    fmt = (f.total_load if total else f.load) if k >= 2 else (f.total_int if total else f.int)
                    ws.write_number(row, extra + k, value, fmt)
                self.stats.cells += len(figures)
            if book.plans:
                texts = book.plans.get(values[0], (hq.NO_VERSION,) * len(c.PLAN_HEADERS))
                for k, text in enumerate(texts):
                    if total:  # 合计 sums no version
                        ws.write_blank(row, plan_col + k, None, f.total_text)
                        continue
                    ws.write_string(row, plan_col + k, text, f.text)
                    sheet._fit(plan_col + k, c.display_width(text) + 1)
                self.stats.cells += len(texts)
            row += 1
        note = summary_note(book, problems)
        if note:
            # After an empty row, as 未报送的支队: whoever reads the table stops at the first empty row.
            row += 1
            ws.merge_range(row, 0, row, width - 1, note, f.note_wrap)
            ws.set_row(row, ROW_HEIGHT * 2)
            self.stats.cells += width
            row += 1
        if book.missing:
            row += 1
            ws.write_string(row, 0, c.MISSING_LABEL, f.total_text)
            ws.write_string(row, 1, ENTRY_SEPARATOR.join(book.missing), f.note)
            self.stats.cells += 2
            row += 1
        days = book.days
        if days and names:
            chart = wb.add_chart({"type": "line"})
            first, last = 1, len(days)
            for k in range(len(names)):
                chart.add_series({
                    "name": [c.DAILY_TITLE, 0, 1 + k],
                    "categories": [c.DAILY_TITLE, first, 0, last, 0],
                    "values": [c.DAILY_TITLE, first, 1 + k, last, 1 + k],
                    "line": {"width": 1.75},
                })
            chart.set_title({"name": "每日在岗人数（各支队）", "name_font": {"size": 12}})
            chart.set_x_axis({"date_axis": True, "num_format": "m/d", "num_font": {"rotation": -45}})
            chart.set_y_axis({"name": "人数", "min": 0, "major_gridlines": {"visible": True}})
            chart.set_legend({"position": "bottom"})
            chart.set_size({"width": 760, "height": 360})
            ws.insert_chart(row + 1, 0, chart, {"object_position": 1})
        sheet._fit(0, 12)
        sheet.finish(title=book.title, header_rows=(0, 2), freeze=(3, 0), made=book.made)


def summary_rows(book: HQWorkbook, problems: list[tuple]) -> list[tuple]:
    """汇总's rows, worked out from the other sheets' rows so that an export and a merge agree."""
    post_codes = {row[0] for row in book.post_rows}
    per_det: dict[str, dict] = {name: {"posts": set(), "windows": 0, "covered": 0, "vehicles": set(),
                                       "people": set(), "errors": 0, "warnings": 0} for name in book.detachments}
    everyone = {"posts": set(), "windows": 0, "covered": 0, "vehicles": set(), "people": set()}
    for row in book.post_rows:
        d = per_det.get(row[5])
        covered = bool(row[9]) and bool(row[12])
        staff = staff_numbers(row[13])
        for target in (d, everyone):
            if target is None:
                continue
            target["posts"].add(row[0])
            target["windows"] += 1
            target["covered"] += covered
            target["people"].update(staff)
    for row in book.deployment_rows:
        place = str(row[6]).split(" ", 1)[0]
        if place not in post_codes:
            continue
        d = per_det.get(row[1])
        for target in (d, everyone):
            if target is not None:
                target["vehicles"].add(row[3])
    errors = warnings = 0
    for p in problems:
        is_error, is_warning = p[0] == SEVERITY_ERROR, p[0] == SEVERITY_WARNING
        errors += is_error
        warnings += is_warning
        for name in str(p[8] or "").split(ENTRY_SEPARATOR):
            d = per_det.get(name)
            if d is not None:
                d["errors"] += is_error
                d["warnings"] += is_warning

    def coverage(t: dict) -> float | None:
        return t["covered"] / t["windows"] if t["windows"] else None

    rows = [(name, len(t["posts"]), len(t["vehicles"]), len(t["people"]), coverage(t), t["errors"], t["warnings"])
            for name, t in per_det.items()]
    rows.append((c.TOTAL_LABEL, len(everyone["posts"]), len(everyone["vehicles"]), len(everyone["people"]),
                 coverage(everyone), errors, warnings))
    return rows


def strength_row(book: HQWorkbook, name: str) -> tuple:
    """在岗人数 | 执勤车辆 | 载水量 | 载泡沫量 | 载干粉量 of a detachment, or their sum for 合计."""
    if name == c.TOTAL_LABEL:
        rows = [book.strength[n] for n in book.detachments if n in book.strength]
        return (sum(r[0] for r in rows), sum(r[1] for r in rows), *(round(sum(r[k] for r in rows), 3)
                                                                     for k in (2, 3, 4)))
    return tuple(book.strength.get(name, (0, 0, 0.0, 0.0, 0.0)))


def _shared(book: HQWorkbook, problems: list[tuple]) -> tuple[int, int]:
    """How many errors and warnings concern two or more of the table's detachments (so count in two rows)."""
    names = set(book.detachments)
    errors = warnings = 0
    for p in problems:
        if len(names.intersection(str(p[8] or "").split(ENTRY_SEPARATOR))) > 1:
            errors += p[0] == SEVERITY_ERROR
            warnings += p[0] == SEVERITY_WARNING
    return errors, warnings


def summary_note(book: HQWorkbook, problems: list[tuple]) -> str | None:
    """The note under 汇总's table when its detachments' 错误 or 警告 add up to more than 合计, else None.

    A problem that concerns two detachments counts in both rows and once in the total (spec/excel.md);
    a table whose columns add up needs no note, so it is written only when they do not.
    """
    errors, warnings = _shared(book, problems)
    if not errors and not warnings:
        return None
    counts = "、".join(f"{label} {n} 个" for label, n in (("错误", errors), ("警告", warnings)) if n)
    return (f"{c.NOTE_LABEL}：一个问题涉及两个支队时，在这两个支队的行中各计一次，在{c.TOTAL_LABEL}中只计一次，"
            f"所以各支队之和大于{c.TOTAL_LABEL}。本表中涉及两个或更多支队的有：{counts}。")


def write_workbook(book: HQWorkbook, path: Path, *, progress: c.Progress | None = None,
                   cancelled: Callable[[], bool] | None = None) -> WriteStats:
    return Writer(book, progress=progress, cancelled=cancelled).write(path)
