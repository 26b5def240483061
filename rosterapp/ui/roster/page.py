"""The roster tab: the grid of the navigator's selection over the chosen days, and its gestures."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from rosterapp.errors import UserError
from rosterapp.i18n import language
from rosterapp.services import absence_cells
from rosterapp.services.dutyday import add_months, month_range
from rosterapp.services.rules import Delta, Problem, message
from rosterapp.services.rules.problem import ERROR, SEVERITY_ORDER, WARNING, severity_name
from rosterapp.ui.hub import EditHub
from rosterapp.ui.roster.controller import RosterController, Scope
from rosterapp.ui.roster.duty_rows import DutyRowsUI, GridDelegate
from rosterapp.ui.roster.legend import legend_tips
from rosterapp.ui.roster.model import RosterModel
from rosterapp.ui.roster.rotation import RotationDialog
from rosterapp.ui.roster.swaps import SwapGestures
from rosterapp.ui.roster.view import RosterView


class RosterPage(QWidget):
    """The grid with its title; the main window's actions call the methods below."""

    def __init__(self, hub: EditHub, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rosterPage")
        self.model = RosterModel(self)
        self.controller = RosterController(hub, self.model, self)
        self.controller.rowsChanged.connect(self.update_title)
        self._pending: tuple[list[dt.date], Scope] | None = None
        self._tabs = parent if isinstance(parent, QTabWidget) else None  # the window's tabs, holding this page
        self.view = RosterView(self)
        self.view.setModel(self.model)
        self.duty_rows = DutyRowsUI(self)  # the stations' 带班领导, 站内值班, 通信值班 rows
        self.delegate = GridDelegate(lambda: list(self.model.codes.values()), self.model, self.view, self.duty_rows)
        self.view.setItemDelegate(self.delegate)
        self.title = QLabel(self)
        self.title.setObjectName("rosterTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        self.view.fillRequested.connect(self.fill)
        self.view.clearRequested.connect(self.clear)
        self.view.copyRequested.connect(self.copy)
        self.view.pasteRequested.connect(self.paste)
        self.swaps = SwapGestures(self)  # 换班 / 替班: the context menu, Ctrl-drag, the pay-back list
        legend_tips(self.model, self.controller.db)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            legend_tips(self.model, self.controller.db)
        super().changeEvent(event)

    # -- showing ------------------------------------------------------------------------------------
    def show_scope(self, days: list[dt.date], scope: Scope) -> None:
        """Show ``scope`` over ``days``: now when the grid is the tab shown, else when it is next shown
        (a task's board widening the days does not read the whole city's grid); the checker follows
        the days at once either way."""
        if self._tabs is not None and self._tabs.currentWidget() is not self:
            self._pending = (days, scope)
            self.controller.cover(days)
            return
        self._pending = None
        self.controller.load(days, scope)

    def shown_unit(self) -> tuple[list[dt.date], Scope]:
        """The days and unit the grid shows, or will show when its tab is next shown."""
        if self._pending is not None:
            return self._pending
        return self.model.grid.days, self.controller.scope

    def load_pending(self) -> None:
        """Read the grid the last show_scope asked for, if it waited for the tab to be shown."""
        if self._pending is not None:
            days, scope = self._pending
            self._pending = None
            self.controller.load(days, scope)

    def update_title(self) -> None:
        """The unit, the days and the head count of the grid as it stands (after every Change too)."""
        grid = self.model.grid
        if not grid.days:
            self.title.setText("")
            return
        self.title.setText(self.tr("{scope} — {first} to {last}, {people} people").format(
            scope=self.controller.scope.label, first=grid.days[0].isoformat(), last=grid.days[-1].isoformat(),
            people=sum(1 for row in grid.rows if not row.role)))

    def select_cell(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, RosterView.ScrollHint.PositionAtCenter)
        self.view.setFocus()

    def jump_to_person(self, person_id: int, day: dt.date | None = None) -> bool:
        row = self.model.grid.row_of.get(person_id)
        if row is None:
            return False
        column = self.model.grid.column_of.get(day, -1) if day else -1
        if column < 0:
            current = self.view.currentIndex()
            column = current.column() if current.isValid() else 0
        self.select_cell(row, max(column, 0))
        return True

    def jump_to_problem(self, problem: Problem) -> bool:
        days = self.model.grid.days
        if not days:
            return False
        if self.duty_rows.jump(problem):  # a station day's duty book: its duty cell
            return True
        day = min(max(problem.start.date(), days[0]), days[-1])
        return any(self.jump_to_person(p, day) for p in problem.people)

    def search(self, text: str, after: int = -1) -> int | None:
        """Jump to the next row matching ``text`` after row ``after``; returns the row, or None."""
        rows = self.model.grid.find(text)
        if not rows:
            return None
        following = [r for r in rows if r > after]
        row = following[0] if following else rows[0]
        current = self.view.currentIndex()
        self.select_cell(row, current.column() if current.isValid() else 0)
        return row

    # -- gestures -----------------------------------------------------------------------------------
    def _selection(self) -> list[tuple[int, int]]:
        cells = self.view.selected_cells()
        if not cells and self.view.currentIndex().isValid():
            current = self.view.currentIndex()
            cells = [(current.row(), current.column())]
        return cells

    def fill(self, text: str) -> None:
        cells = self._selection()
        if self.duty_rows.start_typing(text):  # a duty cell: its picker, with the key typed in
            return
        if cells and not self.controller.fill_text(cells, text):
            self.window().statusBar().showMessage(
                self.tr("\"{text}\" is neither a shift code ({codes}) nor an absence code ({absences}; keys 1–6)")
                .format(text=text, codes=" ".join(self.model.codes), absences=" ".join(absence_cells.CODES)), 5000)

    def clear(self) -> None:
        cells = self._selection()
        if cells:
            self.controller.clear(cells)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.controller.copy_text(self._selection()))

    def paste(self, text: str | None = None) -> bool:
        text = QGuiApplication.clipboard().text() if text is None else text
        errors = self.controller.paste_text(self._selection(), text)
        if errors:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Paste refused"),
                              self.tr("Nothing was changed: the block holds what is neither a shift code nor an absence code."), parent=self)
            box.setObjectName("pasteRefused")
            box.setDetailedText("\n".join(errors))
            box.setInformativeText("\n".join(errors[:5]))
            box.open()
            return False
        return True

    def selected_rows_and_days(self) -> tuple[list[int], list[dt.date]]:
        cells = self._selection()
        rows = sorted({r for r, _ in cells})
        days = sorted({self.model.grid.days[c] for _, c in cells})
        return rows, days

    def apply_rotation(self, saved_patterns: list[str]) -> list[str]:
        """Ask for a rotation and apply it; returns the saved patterns (the dialog can add some)."""
        rows, days = self.selected_rows_and_days()
        if not rows:
            QMessageBox.information(self, self.tr("Apply rotation"),
                                    self.tr("Select the people and days the rotation covers first."))
            return saved_patterns
        def preview(pattern: list[str], start: dt.date, stagger: bool) -> tuple[str, list[str]]:
            values = self.controller.rotation_values(rows, days[0], days[-1], pattern, start, stagger)
            try:
                return self.impact_text(self.controller.preview(values))
            except UserError as exc:  # what OK would be refused for, said before OK
                return exc.message, []

        dialog = RotationDialog(set(self.model.codes), saved_patterns, days[0], days[-1], len(rows), self,
                                preview=preview)
        self.rotation_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.apply_rotation(rows, days[0], days[-1], dialog.pattern(), dialog.start(),
                                           dialog.stagger())
        return dialog.saved

    def impact_text(self, delta: Delta | None) -> tuple[str, list[str]]:
        """A summary and one line per new error or warning of a previewed edit."""
        if delta is None:
            return self.tr("The checks are still loading; what this changes shows after OK."), []
        lang = language()
        new = [p for p in delta.appeared if p.severity in (ERROR, WARNING)]
        errors = sum(1 for p in new if p.severity == ERROR)
        gone = sum(1 for p in delta.disappeared if p.severity in (ERROR, WARNING))
        if not new:
            summary = self.tr("No new problems.")
        else:
            summary = self.tr("This adds {errors} errors and {warnings} warnings:").format(
                errors=errors, warnings=len(new) - errors)
        if gone:
            summary += " " + self.tr("{count} problems go away.").format(count=gone)
        new.sort(key=lambda p: (SEVERITY_ORDER[p.severity], p.start))
        return summary, [f"{severity_name(p.severity, lang)} · {message(p, lang)}" for p in new[:50]]

    def copy_forward(self, weeks: int | None) -> int:
        """Copy the selected rows' week (weeks=1) or the month shown (None) to the following days."""
        rows, days = self.selected_rows_and_days()
        grid = self.model.grid
        if not rows:
            rows = list(range(len(grid.rows)))
        if weeks:
            first = days[0] if days else grid.days[0]
            source = [first + dt.timedelta(days=i) for i in range(7 * weeks)]
            target = source[-1] + dt.timedelta(days=1)
            text = self.tr("Copy a week forward")
        else:
            month_start = grid.days[0].replace(day=1)
            following, following_last = month_range(add_months(month_start, 1))
            # Day n goes to day n of the next month; a 31st has nowhere to go in a 30-day month.
            source = [d for d in grid.days if (d.year, d.month) == (month_start.year, month_start.month)
                      and d.day <= following_last.day]
            target = following
            text = self.tr("Copy the month forward")
        return self.controller.copy_forward(rows, source, target, text)

    def select_block(self, top: int, left: int, bottom: int, right: int) -> None:
        selection = QItemSelection(self.model.index(top, left), self.model.index(bottom, right))
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.selectionModel().setCurrentIndex(self.model.index(top, left),
                                                   QItemSelectionModel.SelectionFlag.NoUpdate)

    def focus_grid(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
