"""Reading clerks' workbooks with openpyxl: refusing what is not a readable .xlsx, finding the header row."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from rosterapp.errors import PermissionDenied
from rosterapp.i18n import tr
from rosterapp.services.excel.common import clean, unreadable

HEADER_SEARCH_ROWS = 6
FORMULA = object()  # a formula cell whose workbook holds no cached value


def open_workbook(path: Path):
    """The workbook (read-only, formulas as text); ImportRejected with one line when it cannot be read."""
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
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise unreadable(path, tr("The workbook cannot be read: {detail}", detail=_short(exc))) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise unreadable(path, tr("The workbook cannot be read: {detail}", detail=_short(exc))) from exc


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


@dataclass
class Table:
    """A sheet's rows below its header row, with the header's columns by text."""

    sheet: str
    header_row: int  # 1-based, as the spreadsheet shows it
    columns: dict[str, int]  # header text -> 0-based column
    rows: list[tuple[int, tuple]]  # (1-based row number, cleaned values)


def _cached_values(path: Path, sheet: str) -> dict[tuple[int, int], object]:
    """The cached results of a sheet's formula cells (a second, data-only read; only when formulas exist)."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        values = {}
        for r, row in enumerate(wb[sheet].iter_rows(values_only=True), start=1):
            for col, value in enumerate(row):
                values[r, col] = value
        return values
    finally:
        wb.close()


def read_table(path: Path, key_headers: list[str], preferred_sheet: str | None = None) -> Table | None:
    """The first sheet (the preferred one first) whose first rows hold every key header; None when none does.

    Formula cells come back as their cached value, or FORMULA when the file has none.
    """
    wb = open_workbook(path)
    try:
        names = wb.sheetnames
        if preferred_sheet in names:
            names = [preferred_sheet] + [n for n in names if n != preferred_sheet]
        for name in names:
            ws = wb[name]
            rows = ws.iter_rows(values_only=False)
            head: list[tuple] = []
            for _ in range(HEADER_SEARCH_ROWS):
                try:
                    head.append(next(rows))
                except StopIteration:
                    break
            for index, cells in enumerate(head):
                texts = [_header_text(cell.value) for cell in cells]
                if all(k in texts for k in key_headers):
                    columns: dict[str, int] = {}
                    for col, text in enumerate(texts):
                        if text and text not in columns:
                            columns[text] = col
                    body = head[index + 1:]
                    return _table(path, name, index + 1, columns, body, rows)
        return None
    finally:
        wb.close()


def _header_text(value: object) -> str:
    value = clean(value)
    if not isinstance(value, str):
        return ""
    # A header typed as "工 号" or with a line break inside still names its column.
    return "".join(value.split())


def _table(path: Path, sheet: str, header_row: int, columns: dict[str, int], head: list[tuple],
           rest: Iterator) -> Table:
    out: list[tuple[int, tuple]] = []
    formulas: list[tuple[int, int]] = []
    number = header_row
    for cells in _chain(head, rest):
        number += 1
        values = []
        empty = True
        for col, cell in enumerate(cells):
            value = cell.value
            if getattr(cell, "data_type", None) == "f":
                formulas.append((number, col))
            value = clean(value)
            if value is not None:
                empty = False
            values.append(value)
        if not empty:
            out.append((number, tuple(values)))
    if formulas:
        cached = _cached_values(path, sheet)
        wanted = set(formulas)
        fixed = []
        for number, values in out:
            if any((number, col) in wanted for col in range(len(values))):
                values = tuple(
                    (FORMULA if cached.get((number, col)) is None else clean(cached.get((number, col))))
                    if (number, col) in wanted else v for col, v in enumerate(values))
            fixed.append((number, values))
        out = fixed
    return Table(sheet, header_row, columns, out)


def _chain(head: list[tuple], rest: Iterator) -> Iterator[tuple]:
    yield from head
    yield from rest
