"""A printable document as plain blocks (title, ruled tables, a handover box) for any renderer to lay out.

A sheet builder says *what* goes on paper; the renderer in rosterapp.ui.printing decides where:
it measures every row, never splits one across pages and repeats a table's header on each page
it continues on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its heading, its share of the table's width, and how its cells align."""

    title: str
    width: float = 1.0
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Row:
    """One table row. A ``span`` row is a single cell across the whole table (its first cell)."""

    cells: tuple[str, ...]
    bold: bool = False
    span: bool = False
    shade: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table under an optional caption.

    ``header`` False makes a form grid: no heading row, and the columns in ``label_columns``
    are shaded as field labels (带班领导 | 张伟 | 战备等级 | 三级战备).
    """

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    header: bool = True
    label_columns: frozenset[int] = frozenset()
    empty_text: str = "无"


@dataclass(frozen=True, slots=True)
class Handover:
    """A box with ruled lines for handwritten notes, then signature lines under it; never split.

    The box takes up to ``lines`` lines where the page has room, and at least ``min_lines``.
    With ``items`` the box is the record as entered: each item's label and text, and a ruled blank
    line only under an item left empty. ``signed`` holds what is printed beside each signature label
    (a leader's name, the time; empty leaves the line to write on), ``sign`` which of them are signed.
    """

    caption: str
    prompt: str
    lines: int
    signatures: tuple[str, ...]
    min_lines: int = 2
    items: tuple[tuple[str, str], ...] = ()
    signed: tuple[str, ...] = ()
    sign: tuple[bool, ...] = ()


Block = Table | Handover


@dataclass(frozen=True, slots=True)
class Document:
    """One sheet: a title block, body blocks, and the page furniture (printed at, page x of y).

    ``running_title`` heads every continuation page, so a loose page still says what it is.
    """

    title: str
    subtitle: str
    unit: str
    date_line: str
    running_title: str
    blocks: tuple[Block, ...]
    printed_at: dt.datetime
    landscape: bool = False
    kind: str = ""
    day: dt.date | None = None
    key: str = ""


def rows(values, **style) -> tuple[Row, ...]:
    """Rows of plain cell tuples, all in one style."""
    return tuple(Row(tuple(cells), **style) for cells in values)


def grid(pairs: list[tuple[str, str]], per_row: int, label_width: float = 1.0, value_width: float = 2.0,
         caption: str = "") -> Table:
    """A form grid of (label, value) pairs, ``per_row`` pairs a line; a short last line is padded."""
    columns = tuple(Column("", label_width if i % 2 == 0 else value_width) for i in range(per_row * 2))
    lines = []
    for start in range(0, len(pairs), per_row):
        chunk = pairs[start:start + per_row]
        chunk += [("", "")] * (per_row - len(chunk))
        lines.append(Row(tuple(text for pair in chunk for text in pair)))
    return Table(columns, tuple(lines), caption=caption, header=False,
                 label_columns=frozenset(range(0, per_row * 2, 2)))
