"""Reading clerks' workbooks with openpyxl: refusing what is not a readable .xlsx or is past the limits,
reading only the visible sheets and only the cells that hold data, finding the header row."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from rosterapp.errors import PermissionDenied
from rosterapp.i18n import tr
from rosterapp.services.excel.common import clean, column_letter, unreadable

HEADER_SEARCH_ROWS = 6
FORMULA = object()  # a formula cell whose workbook holds no cached value

# What a clerk's workbook may hold. A real 20,000-person register is about
# 1 MB packed and 13 MB unpacked; past these a file is refused with one line before openpyxl reads it.
MB = 1 << 20
MAX_FILE_BYTES = 50 * MB
MAX_UNPACKED_BYTES = 300 * MB  # the members' declared sizes; zipfile reads no byte past them (CRC-checked)
# A member that unpacks more than this many times its packed size is a zip bomb: Apache POI's bound
# (ZipSecureFile's minimum inflate ratio 0.01). Real sheets pack 10 to 20 times; small members may do more.
MAX_RATIO = 100
RATIO_GRACE_BYTES = 1 * MB
# The parts openpyxl reads whole when it opens a workbook (shared strings, styles, the workbook, ...),
# together: they take about ten times their size in memory. A 20,000-person register's are 0.1 MB.
MAX_WHOLE_PARTS_BYTES = 20 * MB
MAX_MEMBERS = 10_000
# openpyxl builds a whole <row> in memory before it yields it: one row of 1.7 million cells took 1.3 GB
# from a 6.5 MB file. A spreadsheet's row has at most 16,384 cells (XFD), so a row holding more is refused.
MAX_ROW_CELLS = 16_384
# Only the cells that hold data are read, whatever the sheet's <dimension> claims: reading stops after
# EMPTY_ROWS_END empty rows in a row; data past MAX_ROWS rows or MAX_COLUMNS columns refuses the file.
EMPTY_ROWS_END = 1000
MAX_ROWS = 100_000
MAX_COLUMNS = 400


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


def _read_whole(name: str) -> bool:
    """The members openpyxl parses whole on opening a workbook read-only (the worksheets it streams)."""
    lower = name.lower()
    base = lower.rsplit("/", 1)[-1]
    return (base.endswith(".rels") or base == "[content_types].xml" or lower.startswith("docprops/")
            or (base.endswith(".xml") and base.startswith(("workbook", "sharedstrings", "styles", "theme"))))


def check_package(path: Path) -> None:
    """Refuse, with one line, a package too big on disk or unpacked, or packed like a zip bomb."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise unreadable(path, tr("The file is {size} MB; a workbook of more than {limit} MB is not read.",
                                  size=_mb(size), limit=MAX_FILE_BYTES // MB))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise unreadable(path, tr("The workbook cannot be read: {detail}", detail=_short(exc))) from exc
    if len(members) > MAX_MEMBERS:
        raise unreadable(path, tr("The file holds {count} parts; a workbook of more than {limit} is not read.",
                                  count=len(members), limit=MAX_MEMBERS))
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise unreadable(path, tr("The workbook unpacks to {size} MB; one of more than {limit} MB is not read.",
                                  size=_mb(unpacked), limit=MAX_UNPACKED_BYTES // MB))
    for m in members:
        if m.file_size > RATIO_GRACE_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise unreadable(path, tr(
                "{part} unpacks to {ratio} times its packed size, more than a real workbook does ({limit}): "
                "the file is damaged or made to exhaust memory, and is not read.",
                part=m.filename, ratio=m.file_size // max(m.compress_size, 1), limit=MAX_RATIO))
    whole = sum(m.file_size for m in members if _read_whole(m.filename))
    if whole > MAX_WHOLE_PARTS_BYTES:
        raise unreadable(path, tr("The workbook's shared text and styles unpack to {size} MB; more than {limit} MB "
                                  "is not read.", size=_mb(whole), limit=MAX_WHOLE_PARTS_BYTES // MB))
    # The parts openpyxl streams (the worksheets, whatever their names): no row too wide to stream.
    with zipfile.ZipFile(path) as archive:
        for m in members:
            if not _read_whole(m.filename):
                _check_rows(path, archive, m)


class _TooWide(Exception):
    pass


def _check_rows(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse a part with a <row> element of more than MAX_ROW_CELLS cells; a part that is not XML (an
    image) is left to openpyxl, which never reads it."""
    depth, row_depth, cells, row = 0, -1, 0, ""

    def start(name: str, attrs: dict) -> None:
        nonlocal depth, row_depth, cells, row
        depth += 1
        local = name.rpartition(":")[2]
        if local == "row":
            row_depth, cells, row = depth, 0, attrs.get("r", "")
        elif local == "c" and depth == row_depth + 1:
            cells += 1
            if cells > MAX_ROW_CELLS:
                raise _TooWide(row)

    def end(_name: str) -> None:
        nonlocal depth, row_depth
        if depth == row_depth:
            row_depth = -1
        depth -= 1

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _TooWide as exc:
        raise unreadable(path, tr("Row {row} of {part} holds more than {limit} cells, more than a spreadsheet's row "
                                  "can: the file is damaged or made to exhaust memory, and is not read.",
                                  row=exc.args[0] or "?", part=member.filename, limit=f"{MAX_ROW_CELLS:,}")) from exc
    except expat.ExpatError:
        return  # not XML, or damaged: openpyxl says so if it is a part it reads
    except (zipfile.BadZipFile, OSError, ValueError) as exc:  # a bad CRC, an unsupported compression
        raise unreadable(path, tr("The workbook cannot be read: {detail}", detail=_short(exc))) from exc


def open_workbook(path: Path):
    """The workbook (read-only, formulas as text); ImportRejected with one line when it cannot be read
    or is past the limits."""
    path = Path(path)
    if path.is_dir():
        raise unreadable(path, tr("This is a folder, not a workbook."))
    if not path.is_file():
        raise unreadable(path, tr("The file does not exist."))
    if not os.access(path, os.R_OK):
        raise PermissionDenied(tr("Permission denied: {path}", path=path))
    if not zipfile.is_zipfile(path):
        # A CSV or an old .xls renamed to .xlsx, or a file cut short in a download.
        raise unreadable(path, tr("This is not an Excel .xlsx workbook (a renamed CSV or .xls file, or a damaged file)."))
    check_package(path)
    return _load(path, data_only=False)


def _load(path: Path, *, data_only: bool):
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise unreadable(path, tr("The workbook cannot be read: {detail}", detail=_short(exc))) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise unreadable(path, tr("The workbook cannot be read: {detail}", detail=_short(exc))) from exc


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def visible_sheets(wb) -> tuple[list[str], list[str]]:
    """(the visible worksheets' names, the hidden and very hidden ones'), in the workbook's order.

    Hidden sheets are never read (spec/excel.md): a hidden copy of 人员名册 must not win over the visible one.
    """
    shown, hidden = [], []
    for ws in wb.worksheets:  # chartsheets hold no cells
        (shown if (ws.sheet_state or "visible") == "visible" else hidden).append(ws.title)
    return shown, hidden


def skipped_note(hidden: list[str] | tuple[str, ...]) -> list[str]:
    """The line an import adds to its summary when it skipped hidden sheets (none when it skipped none)."""
    return [tr("Skipped hidden sheets: {sheets}.", sheets="、".join(hidden))] if hidden else []


def _is_empty(cell: object, values_only: bool) -> bool:
    return clean(cell if values_only else cell.value) is None


def sheet_rows(path: Path, ws, *, values_only: bool = True) -> Iterator[tuple[int, tuple]]:
    """(row number as the spreadsheet shows it, cells up to the row's last value) of the rows that hold data.

    The sheet's declared <dimension> is ignored: openpyxl would pad every row to it, and a stray cell at
    XFD1048576 makes that 17 billion cells. Reading stops after EMPTY_ROWS_END empty rows in a row; a
    value past row MAX_ROWS or column MAX_COLUMNS refuses the file, naming the sheet and the cell.
    """
    ws.reset_dimensions()
    empty = 0
    for number, cells in enumerate(ws.iter_rows(values_only=values_only), start=1):
        last = len(cells) - 1
        while last >= 0 and _is_empty(cells[last], values_only):
            last -= 1
        if last < 0:
            empty += 1
            if empty >= EMPTY_ROWS_END:
                return
            continue
        empty = 0
        if number > MAX_ROWS:
            raise unreadable(path, tr("Sheet {sheet} has data past row {limit} (in {cell}); at most {limit} rows "
                                      "are read.", sheet=ws.title, limit=f"{MAX_ROWS:,}",
                                      cell=f"{column_letter(last)}{number}"))
        if last >= MAX_COLUMNS:
            raise unreadable(path, tr("Sheet {sheet} has data past column {column} (in {cell}); at most {limit} "
                                      "columns are read.", sheet=ws.title, column=column_letter(MAX_COLUMNS - 1),
                                      cell=f"{column_letter(last)}{number}", limit=MAX_COLUMNS))
        yield number, tuple(cells[:last + 1])


@dataclass
class Table:
    """A sheet's rows below its header row, with the header's columns by text."""

    sheet: str
    header_row: int  # 1-based, as the spreadsheet shows it
    columns: dict[str, int]  # header text -> 0-based column
    rows: list[tuple[int, tuple]]  # (1-based row number, cleaned values up to the last header's column)
    skipped: list[str] = field(default_factory=list)  # the hidden sheets, never read


def _cached_values(path: Path, sheet: str, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], object]:
    """The cached results of the ``wanted`` formula cells (a second, data-only read, to their last row)."""
    wb = _load(path, data_only=True)
    try:
        ws = wb[sheet]
        ws.reset_dimensions()
        last = max(number for number, _col in wanted)
        values = {}
        for number, row in enumerate(ws.iter_rows(max_row=last, values_only=True), start=1):
            for col, value in enumerate(row):
                if (number, col) in wanted:
                    values[number, col] = value
        return values
    finally:
        wb.close()


def read_table(path: Path, key_headers: list[str], preferred_sheet: str | None = None) -> Table | None:
    """The first visible sheet (the preferred one first) whose first rows hold every key header; None when
    none does.

    Formula cells come back as their cached value, or FORMULA when the file has none. Hidden sheets are
    skipped and named in ``Table.skipped``; when only a hidden sheet could have held the table, the file is
    refused saying so.
    """
    path = Path(path)
    wb = open_workbook(path)
    try:
        names, hidden = visible_sheets(wb)
        if preferred_sheet in names:
            names = [preferred_sheet] + [n for n in names if n != preferred_sheet]
        for name in names:
            rows = sheet_rows(path, wb[name], values_only=False)
            head: list[tuple[int, tuple]] = []
            for number, cells in rows:
                head.append((number, cells))
                if number >= HEADER_SEARCH_ROWS:
                    break
            for index, (number, cells) in enumerate(head):
                if number > HEADER_SEARCH_ROWS:
                    break
                texts = [_header_text(cell.value) for cell in cells]
                if all(k in texts for k in key_headers):
                    columns: dict[str, int] = {}
                    for col, text in enumerate(texts):
                        if text and text not in columns:
                            columns[text] = col
                    return _table(path, name, number, columns, _chain(head[index + 1:], rows), hidden)
        if hidden:
            raise unreadable(path, tr("No header row with {headers} in the first 6 rows of any visible sheet; "
                                      "hidden sheets are not read ({sheets}).", headers=" ".join(key_headers),
                                      sheets="、".join(hidden)))
        return None
    finally:
        wb.close()


def _header_text(value: object) -> str:
    value = clean(value)
    if not isinstance(value, str):
        return ""
    # A header typed as "工 号" or with a line break inside still names its column.
    return "".join(value.split())


def _table(path: Path, sheet: str, header_row: int, columns: dict[str, int], body: Iterator[tuple[int, tuple]],
           hidden: list[str]) -> Table:
    out: list[tuple[int, tuple]] = []
    formulas: set[tuple[int, int]] = set()
    width = max(columns.values()) + 1  # extra columns are ignored: not kept
    for number, cells in body:
        values = []
        for col, cell in enumerate(cells[:width]):
            if cell.data_type == "f":
                formulas.add((number, col))
            values.append(clean(cell.value))
        if any(v is not None for v in values):
            out.append((number, tuple(values)))
    if formulas:
        cached = _cached_values(path, sheet, formulas)
        out = [(number, tuple(
            (FORMULA if cached.get((number, col)) is None else clean(cached[number, col]))
            if (number, col) in formulas else v for col, v in enumerate(values)))
            for number, values in out]
    return Table(sheet, header_row, columns, out, hidden)


def _chain(head: list[tuple[int, tuple]], rest: Iterator[tuple[int, tuple]]) -> Iterator[tuple[int, tuple]]:
    yield from head
    yield from rest
