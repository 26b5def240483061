"""The post board's staffing gestures: drag and drop, the crew suggestion, crew roles, taking vehicles
and people off windows (and where the people go), copying a day forward, and why a move is refused.

Each gesture is one StaffingCommand on the hub; a refused one changes nothing and says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services import staffing
from rosterapp.services.availability import (
    ALREADY_HERE,
    BUSY,
    INACTIVE,
    MAINTENANCE,
    NOT_IN_SERVICE,
    NOT_QUALIFIED,
    NOT_RESTED,
    ON_LEAVE,
    PLANNED,
    Availability,
    Reason,
)
from rosterapp.services.posts_board import BoardCell
from rosterapp.services.rules.data import from_min
from rosterapp.ui.boards import mime
from rosterapp.ui.commands import StaffingCommand


def short_day(day: dt.date) -> str:
    return f"{day.month}/{day.day}"


class StaffingGestures:
    """The staffing half of OperationsController (a mixin: it uses the controller's board, panel, hub)."""

    release_choice: str | None = None

    # -- refusals --------------------------------------------------------------------------------------------
    def _when(self, minute: int) -> str:
        moment = from_min(minute)
        return f"{moment.month}/{moment.day} {moment:%H:%M}"

    def reason_text(self, who: str, reason: Reason) -> str:
        code, args = reason.code, reason.args
        if code == ON_LEAVE:
            return self.tr("{who} is on leave until {end} ({kind})").format(
                who=who, kind=vocab.label(vocab.ABSENCE_KIND, args[0], language()), end=self._when(args[2]))
        if code == NOT_RESTED:
            return self.tr("{who} is not rested: {hours:g} h of rest, at least {minimum:g} h needed").format(
                who=who, hours=args[0], minimum=args[1])
        if code == NOT_QUALIFIED:
            if args and args[0] == "driver":
                return self.tr("{who} is not qualified to drive a fire engine").format(who=who)
            return self.tr("{who} is not qualified to command (neither an officer nor 指挥员资格)").format(who=who)
        if code == BUSY:
            return self.tr("{who} is at {where} then ({start} – {end})").format(
                who=who, where=args[0], start=self._when(args[1]), end=self._when(args[2]))
        if code == PLANNED:
            return self.tr("{who} is already planned elsewhere then").format(who=who)
        if code == ALREADY_HERE:
            return self.tr("{who} is already at this window").format(who=who)
        if code == INACTIVE:
            return self.tr("{who} is deactivated").format(who=who)
        if code == MAINTENANCE:
            return self.tr("{who} is in maintenance ({reason}) until {end}").format(
                who=who, reason=args[0] or "—", end=self._when(args[2]))
        if code == NOT_IN_SERVICE:
            return self.tr("{who} is not in service").format(who=who)
        return self.tr("{who} is not known").format(who=who)

    def refuse(self, reasons: list[str]) -> None:
        text = self.tr("Refused, nothing was changed: {reasons}.").format(reasons="; ".join(reasons))
        self.panel.show_refusal(text)
        self.window.statusBar().showMessage(text, 8000)
        self.refused.emit(text)

    def _person_name(self, a: Availability, pid: int) -> str:
        person = a.data.people.get(pid)
        return person.name if person else str(pid)

    def _vehicle_name(self, a: Availability, vid: int) -> str:
        vehicle = a.data.vehicles.get(vid)
        return (vehicle.call_sign or vehicle.plate) if vehicle else str(vid)

    # -- staffing gestures ----------------------------------------------------------------------------------
    def push_staffing(self, text: str, apply: Callable) -> list[str]:
        """A board edit through the hub: ``apply(session)`` returns the services' (StaffingEdit, Change).

        Returns the reasons it was refused (shown beside the board; nothing changed then)."""
        if self.hub.push(StaffingCommand(text, apply)):
            return []
        reasons = [self.hub.last_refusal]
        self.refuse(reasons)
        return reasons

    def _window_vehicle(self, a: Availability, cell: BoardCell, pid: int) -> int | None:
        """The vehicle a person rides at a window: the one of their station duty when it is there, else
        the window's only vehicle."""
        at_window = [v.id for v in cell.vehicles]
        for d in a.checker.by_person.get(pid, ()):
            if d.post is None and d.vehicle in at_window and d.start < cell.hi and cell.lo < d.end:
                return d.vehicle
        return at_window[0] if len(at_window) == 1 else None

    def drop(self, kind: str, ids: list[int], role: str | None, r: int, c: int) -> bool:
        """Put dropped vehicles or people at the window (r, c); refused moves say why and change nothing."""
        if self.board is None:
            return False
        cell = self.board.cells[r][c]
        if cell is None or not ids:
            return False
        line = self.board.lines[r]
        if self.model.is_locked(r):  # an approved sub-plan's window: that first (the services refuse it anyway)
            self.refuse([self.locked_text(line)])
            return False
        a = self.availability()
        if a is None:
            self.refuse([self.waiting_text()])
            return False
        post = line.post_id
        where = f"{line.code} {short_day(self.board.days[c])}"
        self.panel.show_refusal("")
        if kind == mime.VEHICLES:
            refused = [self.reason_text(self._vehicle_name(a, v), reason) for v in ids
                       if (reason := a.vehicle_reason(v, post, cell.lo, cell.hi)) is not None]
            if refused:
                self.refuse(refused)
                return False
            names = "、".join(self._vehicle_name(a, v) for v in ids)
            plan = staffing.staffing_for_cell(post, cell, vehicles=ids)
            if self.push_staffing(self.tr("Put {what} at {where}").format(what=names, where=where),
                                  lambda s: staffing.staff_windows(s, [plan], refuse_busy=True)):
                return False
            self.suggest_crew(r, c, ids)
            return True
        refused = []
        people = []
        for pid in ids:
            vehicle = self._window_vehicle(a, cell, pid)
            reason = a.person_reason(pid, post, cell.lo, cell.hi, role, vehicle)
            if reason is not None:
                refused.append(self.reason_text(self._person_name(a, pid), reason))
            people.append((pid, role, vehicle))
        if refused:
            self.refuse(refused)
            return False
        names = "、".join(self._person_name(a, p) for p in ids)
        plan = staffing.staffing_for_cell(post, cell, people=people)
        return not self.push_staffing(self.tr("Put {who} at {where}").format(who=names, where=where),
                                      lambda s: staffing.staff_windows(s, [plan], refuse_busy=True))

    def _assign_from_panel(self, kind: str, ids: list, role) -> None:
        found = self.current_cell()
        if found is None or not ids:
            return
        self.drop(kind, list(ids), role, found[0], found[1])

    def suggest_crew(self, r: int, c: int, vehicles: list[int]) -> None:
        """Offer the crew on duty with a vehicle just placed (its station's watch) for the same window."""
        a = self.availability()
        cell = self.board.cells[r][c] if self.board else None
        if a is None or cell is None:
            return
        post = self.board.lines[r].post_id
        for vid in vehicles:
            crew = a.crew_on_duty(vid, post, cell.lo, cell.hi)
            if crew:
                self._suggestion = (r, c, vid, crew)
                lang = language()
                members = "、".join(f"{self._person_name(a, p)}（{vocab.label(vocab.CREW_ROLE, role, lang)}）"
                                    if role else self._person_name(a, p) for p, role in crew)
                self.panel.show_suggestion(self.tr("The crew on duty with {vehicle}: {members}. Put them at this "
                                                   "window too?").format(vehicle=self._vehicle_name(a, vid),
                                                                          members=members))
                return
        self._suggestion = None
        self.panel.hide_suggestion()

    def accept_suggestion(self) -> bool:
        if self._suggestion is None or self.board is None:
            return False
        r, c, vid, crew = self._suggestion
        self._suggestion = None
        self.panel.hide_suggestion()
        cell = self.board.cells[r][c]
        a = self.availability()
        if cell is None or a is None:
            return False
        post = self.board.lines[r].post_id
        refused = [self.reason_text(self._person_name(a, p), reason) for p, role in crew
                   if (reason := a.person_reason(p, post, cell.lo, cell.hi, role, vid)) is not None]
        if refused:
            self.refuse(refused)
            return False
        plan = staffing.staffing_for_cell(post, cell, people=[(p, role, vid) for p, role in crew])
        text = self.tr("Put the crew of {vehicle} at {where}").format(
            vehicle=self._vehicle_name(a, vid), where=f"{self.board.lines[r].code} {short_day(self.board.days[c])}")
        return not self.push_staffing(text, lambda s: staffing.staff_windows(s, [plan], refuse_busy=True))

    def ask_release(self, people: int) -> str | None:
        """Where the people taken off a window go: back to station duty for that window, or off (休) that
        day; None when the clerk cancels. ``release_choice`` answers instead (tests)."""
        if self.release_choice is not None:
            return self.release_choice
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Release the crew"), self.tr(
            "{count} people leave these windows. Do they return to station duty for the same hours, or are "
            "they off (休) that day?").format(count=people), parent=self.window)
        box.setObjectName("releaseQuestion")
        station = box.addButton(self.tr("Back to station duty"), QMessageBox.ButtonRole.AcceptRole)
        off = box.addButton(self.tr("Off (休)"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(station)
        box.exec()
        clicked = box.clickedButton()
        return staffing.STATION_DUTY if clicked is station else staffing.OFF_DUTY if clicked is off else None

    def remove_from_window(self, duty_ids: list[int], deployment_ids: list[int], text: str) -> bool:
        """Take people and vehicles off windows in one step; the people go where the clerk says."""
        locked = self.locked_refusal(duty_ids=duty_ids, deployment_ids=deployment_ids)
        if locked:  # said before asking where the people go
            self.refuse([locked])
            return False
        then = None
        if duty_ids:
            then = self.ask_release(len(set(duty_ids)))
            if then is None:
                return False
        return not self.push_staffing(text, lambda s: staffing.release(s, duty_ids, deployment_ids, then=then))

    def set_roles(self, roles: dict[int, str | None]) -> bool:
        lang = language()
        text = self.tr("Crew role: {role}").format(
            role="、".join(sorted({vocab.label(vocab.CREW_ROLE, r, lang) if r else "—" for r in roles.values()})))
        return not self.push_staffing(text, lambda s: staffing.set_roles(s, roles))

    def clear_selected(self) -> None:
        if self.board is None:
            return
        cells = [self.board.cells[r][c] for r, c in self.view.selected_cells()]
        cells = [cell for cell in cells if cell is not None and (cell.crew or cell.placements)]
        if not cells:
            return
        duties = list(dict.fromkeys(t.duty_id for cell in cells for t in cell.crew))
        deps = list(dict.fromkeys(p.deployment_id for cell in cells for p in cell.placements))
        self.remove_from_window(duties, deps, self.tr("Clear {count} windows").format(count=len(cells)))

    def copy_day_forward(self, rows: list[int] | None, source: dt.date, last: dt.date) -> tuple[int, list]:
        """Copy the staffing of ``source`` on some lines (None: all) to every day up to ``last``: one undo step.

        Returns the number of windows filled and what was skipped (``staffing.Skipped``).
        """
        a = self.availability()
        if self.board is None or a is None:
            return 0, []
        targets = [d for d in self.board.days if source < d <= last]
        lines = list(range(len(self.board.lines))) if rows is None else sorted(set(rows))
        if rows is None:  # every post: those of approved (locked) sub-plans are left as they are
            lines = [r for r in lines if not self.model.is_locked(r)]
        plans, skipped = staffing.copy_forward_staffing(self.board, a, lines, source, targets)
        if plans:
            text = self.tr("Copy {day} forward to {last} ({count} windows)").format(
                day=short_day(source), last=short_day(last), count=len(plans))
            if self.push_staffing(text, lambda s: staffing.staff_windows(s, plans, refuse_busy=True)):
                return 0, skipped
        return len(plans), skipped

    def ask_copy_day_forward(self) -> None:
        from rosterapp.ui.operations.staff_dialog import CopyForwardDialog

        found = self.current_cell()
        if found is None:
            self.window.statusBar().showMessage(self.tr("Select a window of the day to copy first."), 5000)
            return
        r, c, _cell = found
        rows = sorted({row for row, _ in self.view.selected_cells()}) or [r]
        dialog = CopyForwardDialog(self.board.days[c], self.board.days[-1], len(rows), len(self.board.lines),
                                   self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def run() -> None:
            count, skipped = self.copy_day_forward(None if dialog.all_posts() else rows, self.board.days[c],
                                                   dialog.last())
            self.report_copy(count, skipped)

        dialog.accepted.connect(run)
        dialog.open()

    def report_copy(self, count: int, skipped: list) -> None:
        text = self.tr("{count} windows filled").format(count=count)
        if skipped:
            a = self.availability()
            lines = []
            for s in skipped[:30]:
                who = self._vehicle_name(a, s.id) if s.kind == "vehicle" else self._person_name(a, s.id)
                lines.append(f"{self.board.lines[s.line].code} {short_day(s.day)}: {self.reason_text(who, s.reason)}")
            text += self.tr("; {count} left out").format(count=len(skipped))
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Copy day forward"), text, parent=self.window)
            box.setObjectName("copyForwardReport")
            box.setDetailedText("\n".join(lines))
            box.open()
        self.window.statusBar().showMessage(text, 8000)

    def open_staff_dialog(self) -> None:
        from rosterapp.ui.operations.staff_dialog import StaffDialog

        found = self.current_cell()
        if found is None:
            return
        dialog = StaffDialog(self, found[0], found[1], self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

