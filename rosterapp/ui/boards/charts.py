"""Painted charts (QtCharts is not shipped with PySide6-Essentials): coverage bars and duty hours."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from rosterapp.services.duty_hours import PersonHours
from rosterapp.services.posts_board import Coverage
from rosterapp.ui.boards.post_board import STATUS_TEXT_COLORS, share_text

FULL_COLOR = "#63be7b"
PARTIAL_COLOR = "#ffd966"
EMPTY_COLOR = "#f8696b"


@dataclass(frozen=True)
class CoverageRow:
    label: str
    coverage: Coverage
    level: int = 0  # 0 an operation, 1 one of its detachments


class CoverageBar(QWidget):
    """One horizontal bar per operation and per detachment: full (green), partial (amber), empty (red)."""

    ROW = 30
    LABEL = 190
    FIGURES = 190

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("coverageBar")
        self.rows: list[CoverageRow] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[CoverageRow]) -> None:
        self.rows = list(rows)
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, max(len(self.rows), 1) * self.ROW + 30)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def figures(self, coverage: Coverage) -> str:
        return self.tr("{share} full · {partial} partial · {empty} empty").format(
            share=share_text(coverage.share), partial=coverage.partial, empty=coverage.empty)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base().color())
        if not self.rows:
            p.setPen(QColor("#808080"))
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.empty_text)
            return
        bar_left = self.LABEL
        bar_width = max(self.width() - self.LABEL - self.FIGURES - 10, 40)
        y = 6
        for row in self.rows:
            font = QFont(self.font())
            font.setBold(row.level == 0)
            p.setFont(font)
            p.setPen(self.palette().text().color())
            label_rect = QRect(8 + 16 * row.level, y, self.LABEL - 12 - 16 * row.level, self.ROW - 8)
            p.drawText(label_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                       p.fontMetrics().elidedText(row.label, Qt.TextElideMode.ElideRight, label_rect.width()))
            height = self.ROW - 12 if row.level == 0 else self.ROW - 16
            bar = QRectF(bar_left, y + (self.ROW - 8 - height) / 2, bar_width, height)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#eeeeee"))
            p.drawRoundedRect(bar, 3, 3)
            total = row.coverage.total
            if total:
                x = bar.left()
                for count, color in ((row.coverage.full, FULL_COLOR), (row.coverage.partial, PARTIAL_COLOR),
                                     (row.coverage.empty, EMPTY_COLOR)):
                    width = bar.width() * count / total
                    if width > 0:
                        p.setBrush(QColor(color))
                        p.drawRect(QRectF(x, bar.top(), width, bar.height()))
                        x += width
                p.setPen(QPen(QColor("#9a9a9a")))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(bar, 3, 3)
            p.setFont(self.font())
            p.setPen(QColor(STATUS_TEXT_COLORS["full"] if row.coverage.share >= 0.999 and total else "#404040"))
            figures = QRect(int(bar.right()) + 10, y, self.FIGURES, self.ROW - 8)
            p.drawText(figures, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                       self.figures(row.coverage) if total else self.tr("no post windows"))
            y += self.ROW
        p.end()


def nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at least ``raw``: axis ticks a clerk reads at a glance."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


class FairnessChart(QWidget):
    """Duty hours per person for a month, most first, with the average; outliers coloured.

    Up to ``NAMED`` people get a named horizontal bar each; more become a profile of thin bars.
    """

    NAMED = 40

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fairnessChart")
        self.title = ""
        self.hours: list[PersonHours] = []
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_hours(self, title: str, hours: list[PersonHours]) -> None:
        self.title = title
        self.hours = sorted(hours, key=lambda h: (-h.hours, h.staff_no))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        if 0 < len(self.hours) <= self.NAMED:
            return QSize(640, 60 + 18 * len(self.hours))
        return QSize(640, 320)

    def average(self) -> float:
        return sum(h.hours for h in self.hours) / len(self.hours) if self.hours else 0.0

    @staticmethod
    def _color(value: float, average: float) -> QColor:
        if average and value > average * 1.2:
            return QColor("#e07b39")
        if average and value < average * 0.8:
            return QColor("#5b9bd5")
        return QColor("#8faadc")

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base().color())
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(self.palette().text().color())
        p.drawText(QRect(8, 4, self.width() - 16, 22), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   self.title)
        p.setFont(self.font())
        if not self.hours:
            p.setPen(QColor("#808080"))
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.tr("Nobody in this scope"))
            p.end()
            return
        average = self.average()
        top = max(h.hours for h in self.hours) or 1.0
        most, least = self.hours[0], self.hours[-1]
        summary = self.tr("{count} people · average {average:.0f} h · most {most:g} h ({most_name}) · "
                          "least {least:g} h ({least_name})").format(
            count=len(self.hours), average=average, most=most.hours, most_name=most.name, least=least.hours,
            least_name=least.name)
        p.setPen(QColor("#505050"))
        p.drawText(QRect(8, 24, self.width() - 16, 20), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   summary)
        if len(self.hours) <= self.NAMED:
            self._paint_named(p, average, top)
        else:
            self._paint_profile(p, average, top)
        p.end()

    def _paint_named(self, p: QPainter, average: float, top: float) -> None:
        label_width = 150
        left = label_width + 12
        width = max(self.width() - left - 70, 40)
        row = max(min((self.height() - 56) / len(self.hours), 22), 10)
        y = 50.0
        for h in self.hours:
            p.setPen(self.palette().text().color())
            p.drawText(QRect(8, int(y), label_width, int(row)), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                       p.fontMetrics().elidedText(f"{h.name} {h.station}", Qt.TextElideMode.ElideRight, label_width))
            bar = QRectF(left, y + row * 0.15, width * h.hours / top, row * 0.7)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._color(h.hours, average))
            p.drawRect(bar)
            p.setPen(QColor("#404040"))
            p.drawText(QRect(int(bar.right()) + 6, int(y), 60, int(row)),
                       int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), f"{h.hours:g}")
            y += row
        x = left + width * average / top
        p.setPen(QPen(QColor("#c00000"), 1.2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x, 46), QPointF(x, y))

    def _paint_profile(self, p: QPainter, average: float, top: float) -> None:
        left, right, top_y = 52, self.width() - 12, 54
        bottom = self.height() - 24
        plot = QRectF(left, top_y, max(right - left, 10), max(bottom - top_y, 10))
        step_value = nice_step(top / 4)
        top = max(top, step_value)
        ticks = int(top // step_value)
        top = step_value * (ticks + (1 if top % step_value else 0))
        p.setPen(QPen(QColor("#c8c8c8")))
        for k in range(int(round(top / step_value)) + 1):
            value = step_value * k
            y = plot.bottom() - plot.height() * value / top
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#606060"))
            p.drawText(QRect(0, int(y) - 8, left - 6, 16), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       f"{value:.0f}")
            p.setPen(QPen(QColor("#e0e0e0")))
        n = len(self.hours)
        step = plot.width() / n
        p.setPen(Qt.PenStyle.NoPen)
        for i, h in enumerate(self.hours):
            height = plot.height() * h.hours / top
            p.setBrush(self._color(h.hours, average))
            p.drawRect(QRectF(plot.left() + i * step, plot.bottom() - height, max(step - (1 if step > 3 else 0), 0.6),
                              height))
        y = plot.bottom() - plot.height() * average / top
        p.setPen(QPen(QColor("#c00000"), 1.2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(QColor("#c00000"))
        p.drawText(QRect(int(plot.right()) - 200, int(y) - 18, 196, 16),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                   self.tr("average {hours:.0f} h").format(hours=average))
        p.setPen(QColor("#606060"))
        p.drawText(QRect(int(plot.left()), int(plot.bottom()) + 4, int(plot.width()), 18),
                   int(Qt.AlignmentFlag.AlignCenter), self.tr("people, most hours first"))

