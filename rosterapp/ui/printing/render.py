"""Laying out and painting sheet documents on paper (QPdfWriter, QPrinter or a print preview).

Pages are laid out by hand rather than through QTextDocument so that the rules of a paper form
hold: every row is measured and a row that does not fit starts the next page whole, a table
continued on a new page repeats its caption (续) and its heading row, the handover box and its
signature lines stay together, and each page carries "第 x 页 / 共 y 页" of its sheet.
Painting touches no widget, so a worker thread may do it (QPdfWriter and QPrinter allow that).
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
)

from rosterapp.errors import Cancelled
from rosterapp.reports.document import Document, Handover, Row, Table
from rosterapp.ui.printing.fonts import SheetFonts

# Geometry in millimetres, type sizes in points (五号 10.5 pt, 小五 9 pt as Chinese forms use).
MARGINS_MM = QMarginsF(15, 12, 15, 10)
FOOTER_MM = 7.0
RUNNING_HEADER_MM = 9.0
CELL_PAD_X_MM = 1.3
CELL_PAD_Y_MM = 1.0
CAPTION_GAP_MM = 3.6
CAPTION_AFTER_MM = 1.2
TITLE_PT, SUBTITLE_PT, META_PT, CAPTION_PT, CELL_PT, FOOTER_PT = 20, 12, 10, 10.5, 9, 8
OUTER_LINE_MM, INNER_LINE_MM = 0.35, 0.12
WRITING_LINE_MM = 8.0
SIGNATURE_ROW_MM = 11.0
HEADER_FILL = QColor(226, 226, 226)
LABEL_FILL = QColor(240, 240, 240)
SHADE_FILL = QColor(233, 233, 233)
RULE_GREY = QColor(140, 140, 140)
TEXT_GREY = QColor(70, 70, 70)

_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter,
          "right": Qt.AlignmentFlag.AlignRight}
# Where a line may break in a cell: after these (kept at the line's end, as Chinese typesetting does).
_BREAK_AFTER = frozenset("、，；。,; ")
_VCENTER = int(Qt.AlignmentFlag.AlignVCenter)


def _pieces(text: str) -> list[str]:
    """``text`` cut after each break character: 张伟、李强 -> 张伟、 | 李强."""
    pieces, start = [], 0
    for i, ch in enumerate(text):
        if ch in _BREAK_AFTER:
            pieces.append(text[start:i + 1])
            start = i + 1
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _break_lines(text: str, width: float, advance: Callable[[str], float]) -> list[str]:
    """Greedy line breaking at piece boundaries; a piece wider than a line is cut between characters."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        if advance((line + piece).rstrip()) <= width:
            line += piece
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = piece.lstrip()
        while advance(line.rstrip()) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and advance(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def page_layout(landscape: bool) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter)


@dataclass
class _TableSegment:
    """The part of a table on one page: where it starts, and its rows (header first when repeated)."""

    table: Table
    caption: str
    top: float
    caption_height: float
    rows: list[tuple[Row | None, float, float]] = field(default_factory=list)  # (row or header, y, height)


@dataclass
class _Page:
    items: list[_TableSegment | tuple[Handover, float, int]] = field(default_factory=list)


class SheetRenderer:
    """Lays out documents for one paint device, and paints their pages."""

    def __init__(self, device: QPagedPaintDevice, fonts: SheetFonts):
        self.device = device
        self.fonts = fonts
        self.mm = device.resolution() / 25.4
        self.title_font = fonts.font(TITLE_PT, bold=True, title=True)
        self.title_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 118)
        self.subtitle_font = fonts.font(SUBTITLE_PT, title=True)
        self.meta_font = fonts.font(META_PT)
        self.caption_font = fonts.font(CAPTION_PT, bold=True)
        self.cell_font = fonts.font(CELL_PT)
        self.bold_font = fonts.font(CELL_PT, bold=True)
        self.footer_font = fonts.font(FOOTER_PT)
        self._metrics: dict[int, QFontMetricsF] = {}
        self._wrapped: dict[tuple[int, int, str], tuple[str, float]] = {}
        self._pens: dict[tuple[float, int], QPen] = {}
        self.width = self.height = 0.0

    # -- measuring --------------------------------------------------------------------------------
    def metrics(self, font: QFont) -> QFontMetricsF:
        key = id(font)
        if key not in self._metrics:
            self._metrics[key] = QFontMetricsF(font, self.device)
        return self._metrics[key]

    def wrapped(self, font: QFont, width: float, text: str) -> tuple[str, float]:
        """``text`` broken into lines that fit ``width``, and their height.

        Lines break after a list separator (、，；) or a space, so a name, a plate or a time span
        stays whole; only a piece wider than the cell is broken between characters.
        """
        key = (id(font), round(width), text)
        found = self._wrapped.get(key)
        if found is None:
            metrics = self.metrics(font)
            lines = []
            for paragraph in text.split("\n"):
                lines.extend(_break_lines(paragraph, width, metrics.horizontalAdvance))
            joined = "\n".join(lines)
            height = metrics.boundingRect(QRectF(0, 0, 1e7, 1e7), 0, joined or " ").height()
            found = self._wrapped[key] = (joined, height)
        return found

    def column_edges(self, table: Table) -> list[float]:
        total = sum(c.width for c in table.columns)
        edges, x = [0.0], 0.0
        for column in table.columns:
            x += self.width * column.width / total
            edges.append(x)
        edges[-1] = self.width
        return edges

    def _row_font(self, row: Row | None) -> QFont:
        return self.bold_font if row is None or row.bold else self.cell_font

    def row_height(self, table: Table, row: Row | None, edges: list[float]) -> float:
        """The height of a row (None: the heading row): its tallest wrapped cell, plus padding."""
        pad_x, pad_y = CELL_PAD_X_MM * self.mm, CELL_PAD_Y_MM * self.mm
        cells = [c.title for c in table.columns] if row is None else row.cells
        if row is not None and row.span:
            widths = [self.width]
            cells = cells[:1]
        else:
            widths = [edges[i + 1] - edges[i] for i in range(len(cells))]
        font = self._row_font(row)
        tallest = max(self.wrapped(font, w - 2 * pad_x, text)[1] for w, text in zip(widths, cells, strict=True))
        return max(tallest, self.metrics(self.cell_font).height()) + 2 * pad_y

    def title_height(self, doc: Document) -> float:
        height = self.metrics(self.title_font).height() + 1.0 * self.mm
        if doc.subtitle:
            height += self.metrics(self.subtitle_font).height()
        return height + 2.5 * self.mm + self.metrics(self.meta_font).height() + 2.0 * self.mm

    def handover_height(self, lines: int) -> float:
        return (CAPTION_GAP_MM * self.mm + self.metrics(self.caption_font).height() + CAPTION_AFTER_MM * self.mm
                + self.metrics(self.cell_font).height() + 2 * CELL_PAD_Y_MM * self.mm
                + lines * WRITING_LINE_MM * self.mm + SIGNATURE_ROW_MM * self.mm)

    def _item_text(self, label: str, text: str) -> str:
        return f"{label}：{text}"

    def handover_items(self, block: Handover) -> list[tuple[str, float, bool]]:
        """The filled record's items as laid out: (wrapped text, height, ruled blank line under it)."""
        pad_x, pad_y = CELL_PAD_X_MM * self.mm, CELL_PAD_Y_MM * self.mm
        out = []
        for label, text in block.items:
            if text:
                joined, height = self.wrapped(self.cell_font, self.width - 4 * pad_x, self._item_text(label, text))
                out.append((joined, height + 2 * pad_y, False))
            else:
                out.append((f"{label}：", WRITING_LINE_MM * self.mm, True))
        return out

    def filled_handover_height(self, block: Handover) -> float:
        return (self.handover_height(0) - self.metrics(self.cell_font).height() - 2 * CELL_PAD_Y_MM * self.mm
                + sum(h for _t, h, _b in self.handover_items(block)) + 2 * CELL_PAD_Y_MM * self.mm)

    # -- layout -------------------------------------------------------------------------------------
    def set_page(self, landscape: bool) -> QPageLayout:
        layout = page_layout(landscape)
        rect = layout.paintRectPixels(self.device.resolution())
        self.width, self.height = float(rect.width()), float(rect.height())
        return layout

    def paginate(self, doc: Document) -> list[_Page]:
        """The pages of a document for the current page size (``set_page`` first)."""
        bottom = self.height - FOOTER_MM * self.mm
        top_continued = RUNNING_HEADER_MM * self.mm
        pages = [_Page()]
        y = self.title_height(doc)
        caption_h = self.metrics(self.caption_font).height() + CAPTION_AFTER_MM * self.mm
        previous_table = False

        def new_page() -> float:
            pages.append(_Page())
            return top_continued

        for block in doc.blocks:
            if isinstance(block, Handover) and block.items:
                # The record as entered: kept whole, on the next page when it does not fit.
                height = self.filled_handover_height(block)
                if y + height > bottom and y > top_continued:
                    y = new_page()
                pages[-1].items.append((block, y, 0))
                y += height
                previous_table = False
                continue
            if isinstance(block, Handover):
                # As many writing lines as the page has room for, between the block's bounds.
                room = int((bottom - y - self.handover_height(0)) // (WRITING_LINE_MM * self.mm))
                if room < block.min_lines and y > top_continued:
                    y = new_page()
                    room = block.lines
                lines = max(block.min_lines, min(block.lines, room))
                pages[-1].items.append((block, y, lines))
                y += self.handover_height(lines)
                previous_table = False
                continue
            edges = self.column_edges(block)
            body = list(block.rows) or [Row((block.empty_text,), span=True)]
            heights = [min(self.row_height(block, r, edges), bottom - top_continued - caption_h) for r in body]
            header_h = self.row_height(block, None, edges) if block.header else 0.0
            this_caption = caption_h if block.caption else 0.0
            gap = CAPTION_GAP_MM * self.mm if block.caption else (0.0 if previous_table else 2.0 * self.mm)
            if y + gap + this_caption + header_h + heights[0] > bottom and y > top_continued:
                y = new_page()
                gap = 0.0
            y += gap
            segment = _TableSegment(block, block.caption, y, this_caption)
            y += this_caption
            if block.header:
                segment.rows.append((None, y, header_h))
                y += header_h
            for row, height in zip(body, heights, strict=True):
                if y + height > bottom:
                    pages[-1].items.append(segment)
                    y = new_page()
                    caption = f"{block.caption}（续）" if block.caption else ""
                    segment = _TableSegment(block, caption, y, caption_h if caption else 0.0)
                    y += segment.caption_height
                    if block.header:
                        segment.rows.append((None, y, header_h))
                        y += header_h
                segment.rows.append((row, y, height))
                y += height
            pages[-1].items.append(segment)
            previous_table = True
        return pages

    # -- painting -----------------------------------------------------------------------------------
    def pen(self, width_mm: float, color: QColor | Qt.GlobalColor = Qt.GlobalColor.black) -> QPen:
        # One pen per width and colour: a month of sheets draws hundreds of thousands of rules.
        key = (width_mm, QColor(color).rgba())
        pen = self._pens.get(key)
        if pen is None:
            pen = self._pens[key] = QPen(QBrush(color), width_mm * self.mm, Qt.PenStyle.SolidLine,
                                         Qt.PenCapStyle.FlatCap)
        return pen

    def paint_page(self, painter: QPainter, doc: Document, page: _Page, number: int, count: int) -> None:
        if number == 1:
            self._paint_title(painter, doc)
        else:
            self._paint_running_header(painter, doc)
        for item in page.items:
            if isinstance(item, _TableSegment):
                self._paint_segment(painter, item)
            else:
                self._paint_handover(painter, *item)
        self._paint_footer(painter, doc, number, count)

    def _text(self, painter: QPainter, font: QFont, rect: QRectF, flags: int, text: str) -> None:
        painter.setFont(font)
        painter.drawText(rect, flags, text)

    def _paint_title(self, painter: QPainter, doc: Document) -> None:
        painter.setPen(Qt.GlobalColor.black)
        y = 0.0
        h = self.metrics(self.title_font).height()
        self._text(painter, self.title_font, QRectF(0, y, self.width, h), int(Qt.AlignmentFlag.AlignCenter),
                   doc.title)
        y += h + 1.0 * self.mm
        if doc.subtitle:
            h = self.metrics(self.subtitle_font).height()
            self._text(painter, self.subtitle_font, QRectF(0, y, self.width, h),
                       int(Qt.AlignmentFlag.AlignCenter), doc.subtitle)
            y += h
        y += 2.5 * self.mm
        h = self.metrics(self.meta_font).height()
        half = QRectF(0, y, self.width, h)
        self._text(painter, self.meta_font, half, int(Qt.AlignmentFlag.AlignLeft) | _VCENTER, doc.unit)
        self._text(painter, self.meta_font, half, int(Qt.AlignmentFlag.AlignRight) | _VCENTER, doc.date_line)

    def _paint_running_header(self, painter: QPainter, doc: Document) -> None:
        h = self.metrics(self.footer_font).height()
        painter.setPen(TEXT_GREY)
        rect = QRectF(0, 0, self.width, h)
        self._text(painter, self.footer_font, rect, int(Qt.AlignmentFlag.AlignLeft) | _VCENTER, doc.running_title)
        self._text(painter, self.footer_font, rect, int(Qt.AlignmentFlag.AlignRight) | _VCENTER,
                   "（续页）")
        painter.setPen(self.pen(INNER_LINE_MM, RULE_GREY))
        y = h + 1.2 * self.mm
        painter.drawLine(QPointF(0, y), QPointF(self.width, y))

    def _paint_footer(self, painter: QPainter, doc: Document, number: int, count: int) -> None:
        h = self.metrics(self.footer_font).height()
        y = self.height - h
        painter.setPen(self.pen(INNER_LINE_MM, RULE_GREY))
        painter.drawLine(QPointF(0, y - 1.2 * self.mm), QPointF(self.width, y - 1.2 * self.mm))
        painter.setPen(TEXT_GREY)
        rect = QRectF(0, y, self.width, h)
        self._text(painter, self.footer_font, rect, int(Qt.AlignmentFlag.AlignLeft) | _VCENTER,
                   f"打印时间：{doc.printed_at:%Y-%m-%d %H:%M}")
        self._text(painter, self.footer_font, rect, int(Qt.AlignmentFlag.AlignRight) | _VCENTER,
                   f"第 {number} 页 / 共 {count} 页")

    def _paint_segment(self, painter: QPainter, segment: _TableSegment) -> None:
        table = segment.table
        if segment.caption:
            painter.setPen(Qt.GlobalColor.black)
            self._text(painter, self.caption_font, QRectF(0, segment.top, self.width, segment.caption_height),
                       int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop), segment.caption)
        edges = self.column_edges(table)
        pad_x, pad_y = CELL_PAD_X_MM * self.mm, CELL_PAD_Y_MM * self.mm
        inner = self.pen(INNER_LINE_MM)
        for row, y, height in segment.rows:
            if row is None:
                painter.fillRect(QRectF(0, y, self.width, height), HEADER_FILL)
                cells = [(edges[i], edges[i + 1], c.title, self.bold_font, "center")
                         for i, c in enumerate(table.columns)]
            elif row.span:
                if row.shade:
                    painter.fillRect(QRectF(0, y, self.width, height), SHADE_FILL)
                cells = [(0.0, self.width, row.cells[0], self.bold_font if row.bold else self.cell_font,
                          "left" if table.rows else "center")]
            else:
                if row.shade:
                    painter.fillRect(QRectF(0, y, self.width, height), SHADE_FILL)
                cells = []
                for i, text in enumerate(row.cells):
                    left, right = edges[i], edges[i + 1]
                    label = i in table.label_columns
                    if label and text:
                        painter.fillRect(QRectF(left, y, right - left, height), LABEL_FILL)
                    font = self.bold_font if row.bold else self.cell_font
                    align = "center" if label else table.columns[i].align
                    cells.append((left, right, text, font, align))
            painter.setPen(Qt.GlobalColor.black)
            for left, right, text, font, align in cells:
                if text:
                    rect = QRectF(left + pad_x, y + pad_y, right - left - 2 * pad_x, height - 2 * pad_y)
                    lines, _ = self.wrapped(font, rect.width(), text)
                    self._text(painter, font, rect, int(_ALIGN[align]) | _VCENTER, lines)
            painter.setPen(inner)
            painter.drawLine(QPointF(0, y), QPointF(self.width, y))
            if row is None or not row.span:
                for x in edges[1:-1]:
                    painter.drawLine(QPointF(x, y), QPointF(x, y + height))
        if segment.rows:
            top = segment.rows[0][1]
            _, last_y, last_h = segment.rows[-1]
            if table.header and segment.rows[0][0] is None and len(segment.rows) > 1:
                painter.setPen(self.pen(INNER_LINE_MM * 2))
                y = top + segment.rows[0][2]
                painter.drawLine(QPointF(0, y), QPointF(self.width, y))
            painter.setPen(self.pen(OUTER_LINE_MM))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(0, top, self.width, last_y + last_h - top))

    def _paint_handover(self, painter: QPainter, block: Handover, y: float, lines: int) -> None:
        y += CAPTION_GAP_MM * self.mm
        caption_h = self.metrics(self.caption_font).height()
        painter.setPen(Qt.GlobalColor.black)
        self._text(painter, self.caption_font, QRectF(0, y, self.width, caption_h),
                   int(Qt.AlignmentFlag.AlignLeft), block.caption)
        y += caption_h + CAPTION_AFTER_MM * self.mm
        pad_x, pad_y = CELL_PAD_X_MM * self.mm, CELL_PAD_Y_MM * self.mm
        top = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
        if block.items:
            # The record as entered: each item with its text; an item left empty keeps a line to write on.
            box_y = y
            y += pad_y
            metrics = self.metrics(self.cell_font)
            for text, height, blank in self.handover_items(block):
                painter.setPen(Qt.GlobalColor.black)
                if blank:
                    base = y + height - 1.6 * self.mm
                    painter.setFont(self.cell_font)
                    painter.drawText(QPointF(pad_x * 2, base - 0.6 * self.mm), text)
                    start = pad_x * 2 + metrics.horizontalAdvance(text) + 0.5 * self.mm
                    painter.setPen(self.pen(INNER_LINE_MM, RULE_GREY))
                    painter.drawLine(QPointF(start, base), QPointF(self.width - pad_x * 2, base))
                else:
                    self._text(painter, self.cell_font,
                               QRectF(pad_x * 2, y + pad_y, self.width - 4 * pad_x, height - 2 * pad_y), top, text)
                y += height
            y += pad_y
            box_h = y - box_y
            painter.setPen(self.pen(OUTER_LINE_MM))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(0, box_y, self.width, box_h))
            y = box_y
        else:
            prompt_h = self.metrics(self.cell_font).height() + 2 * pad_y
            box_h = prompt_h + lines * WRITING_LINE_MM * self.mm
            self._text(painter, self.cell_font, QRectF(pad_x, y + pad_y, self.width - 2 * pad_x, prompt_h),
                       top, block.prompt)
            painter.setPen(self.pen(INNER_LINE_MM, RULE_GREY))
            # The box's own bottom edge is the last line to write on.
            for i in range(1, lines):
                line_y = y + prompt_h + i * WRITING_LINE_MM * self.mm
                painter.drawLine(QPointF(pad_x * 2, line_y), QPointF(self.width - pad_x * 2, line_y))
            painter.setPen(self.pen(OUTER_LINE_MM))
            painter.drawRect(QRectF(0, y, self.width, box_h))
        # Signature lines, in equal shares of the width: "label：" then a line to write on, or the name
        # printed and a line to sign on after it (the time printed needs no line).
        y += box_h + SIGNATURE_ROW_MM * self.mm * 0.55
        share = self.width / len(block.signatures)
        metrics = self.metrics(self.cell_font)
        painter.setFont(self.cell_font)
        for i, label in enumerate(block.signatures):
            left = i * share
            value = block.signed[i] if i < len(block.signed) else ""
            signs = block.sign[i] if i < len(block.sign) else True
            text = f"{label}：{value}  签名：" if value and signs else f"{label}：{value}"
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(QPointF(left, y), text)
            if value and not signs:
                continue
            start = left + metrics.horizontalAdvance(text) + 0.5 * self.mm
            end = left + share - 4 * self.mm
            painter.setPen(self.pen(INNER_LINE_MM * 1.5))
            painter.drawLine(QPointF(start, y + 1.0 * self.mm), QPointF(max(end, start + 8 * self.mm),
                                                                       y + 1.0 * self.mm))


@dataclass
class RenderResult:
    documents: int = 0
    pages: int = 0
    page_counts: list[int] = field(default_factory=list)


def render_documents(device: QPagedPaintDevice, documents: Iterable[Document], fonts: SheetFonts, *,
                     progress: Callable[[int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None,
                     painter: QPainter | None = None) -> RenderResult:
    """Paint documents one after another on ``device``, each with its own page numbering.

    ``painter``: one already active on the device (the print preview hands one over); otherwise
    a painter is begun here, after the first document's page layout is set, and ended.
    Raises Cancelled between two pages when ``cancelled()`` turns true.
    """
    renderer = SheetRenderer(device, fonts)
    result = RenderResult()
    own_painter = painter is None
    painter = painter or QPainter()
    landscape: bool | None = None
    try:
        for doc in documents:
            if cancelled is not None and cancelled():
                raise Cancelled
            if doc.landscape != landscape:
                layout = renderer.set_page(doc.landscape)
                device.setPageLayout(layout)
                landscape = doc.landscape
            pages = renderer.paginate(doc)
            for number, page in enumerate(pages, start=1):
                if result.pages == 0:
                    if own_painter and not painter.begin(device):
                        raise OSError("the printer or file cannot be painted on")
                else:
                    if cancelled is not None and cancelled():
                        raise Cancelled
                    device.newPage()
                renderer.paint_page(painter, doc, page, number, len(pages))
                result.pages += 1
            result.documents += 1
            result.page_counts.append(len(pages))
            if progress is not None:
                progress(result.documents)
    except BaseException:
        if own_painter and painter.isActive():
            painter.end()
        raise
    # Ending the painter writes out the last page (and a PDF's trailer); it says whether that worked.
    if own_painter and painter.isActive() and not painter.end():
        raise OSError(errno.EIO, "the printer or file could not be finished")
    return result

