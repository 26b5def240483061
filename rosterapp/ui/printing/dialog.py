"""The dialog that says what to print: which sheet, for whom, and which days (tomorrow unless changed)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from rosterapp.reports.batch import DETACHMENT, POST, STATION, PrintTargets, SheetRequest
from rosterapp.services import dutyday
from rosterapp.ui import navigator as nav

# The printout and the window's navigator name the same things; a target is (kind, ids).
Target = tuple[str, tuple[int, ...]]


def default_target(targets: PrintTargets, key: str) -> Target:
    """What a clerk most likely prints for the navigator's selection ``key``.

    A station: its sheet. A detachment: its summary. A security task: every post's sheet.
    The whole corps: every detachment's summary.
    """
    kind, _, name = key.partition(":")
    if kind == nav.STATION:
        found = [s.id for s in targets.stations if s.key == name]
        if found:
            return STATION, tuple(found)
    if kind == nav.DETACHMENT:
        found = [d.id for d in targets.detachments if d.key == name]
        if found:
            return DETACHMENT, tuple(found)
    if kind == nav.OPERATION:
        operation = next((o.id for o in targets.operations if o.key == name), None)
        posts = tuple(p.id for p in targets.posts if p.group == operation)
        if posts:
            return POST, posts
    return DETACHMENT, tuple(d.id for d in targets.detachments)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PrintSetupDialog(QDialog):
    """Choose the sheet kind, whom it is for and the days; ``request()`` gives the answer.

    ``purpose`` names the OK button (Print…, Preview…, Save as PDF…), so the dialog says what
    happens next; everything starts on the navigator's selection and tomorrow, so printing
    tomorrow's sheets is one more click.
    """

    def __init__(self, targets: PrintTargets, selection_key: str, today: dt.date, purpose: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("printSetupDialog")
        self.setWindowTitle(self.tr("Print shift sheets"))
        self._targets = targets
        kind, ids = default_target(targets, selection_key)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("sheetKind")
        self.kind_combo.addItem(self.tr("Station sheet (执勤实力表)"), STATION)
        self.kind_combo.addItem(self.tr("Post sheet (点位执勤表)"), POST)
        self.kind_combo.addItem(self.tr("Detachment summary (执勤力量汇总表)"), DETACHMENT)
        self.target_combo = QComboBox(self)
        self.target_combo.setObjectName("sheetTarget")
        self.target_combo.setMinimumContentsLength(28)

        tomorrow = today + dt.timedelta(days=1)
        self.first_edit = self._date_edit("firstDay", tomorrow)
        self.last_edit = self._date_edit("lastDay", tomorrow)
        self.first_edit.dateChanged.connect(self._first_changed)
        self.last_edit.dateChanged.connect(self._update_summary)
        dates = QHBoxLayout()
        dates.addWidget(self.first_edit)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.last_edit)
        dates.addStretch(1)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("printSummary")

        form = QFormLayout()
        form.addRow(self.tr("&Sheet:"), self.kind_combo)
        form.addRow(self.tr("&For:"), self.target_combo)
        form.addRow(self.tr("Days:"), dates)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(purpose)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.target_combo.currentIndexChanged.connect(self._update_summary)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self._fill_targets(kind, ids)
        self.target_combo.setFocus()

    def _date_edit(self, name: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(to_qdate(day), self)
        edit.setObjectName(name)
        edit.setDateRange(to_qdate(dutyday.FIRST_DAY), to_qdate(dutyday.LAST_DAY))  # the days the program plans
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # -- choices ----------------------------------------------------------------------------------
    def _entries(self, kind: str) -> list[tuple[str, tuple[int, ...]]]:
        """The "for whom" choices of a sheet kind: groups first (all stations of …), then each one."""
        t = self._targets
        entries: list[tuple[str, tuple[int, ...]]] = []
        indent = "    "
        if kind == STATION:
            for det in t.detachments:
                stations = [s for s in t.stations if s.group == det.id]
                if stations:
                    entries.append((self.tr("All stations of {name}").format(name=det.label),
                                    tuple(s.id for s in stations)))
                    entries += [(indent + s.label, (s.id,)) for s in stations]
        elif kind == POST:
            for op in t.operations:
                posts = [p for p in t.posts if p.group == op.id]
                if posts:
                    entries.append((self.tr("All posts of {name}").format(name=op.label), tuple(p.id for p in posts)))
                    entries += [(indent + p.label, (p.id,)) for p in posts]
        else:
            if len(t.detachments) > 1:
                entries.append((self.tr("All detachments"), tuple(d.id for d in t.detachments)))
            entries += [(d.label, (d.id,)) for d in t.detachments]
        return entries

    def _fill_targets(self, kind: str, ids: tuple[int, ...] = ()) -> None:
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for label, entry_ids in self._entries(kind):
            self.target_combo.addItem(label, list(entry_ids))
        chosen = next((i for i in range(self.target_combo.count())
                       if tuple(self.target_combo.itemData(i)) == ids), 0)
        self.target_combo.setCurrentIndex(chosen)
        self.target_combo.blockSignals(False)
        self._update_summary()

    def _kind_changed(self) -> None:
        self._fill_targets(self.kind())

    def _first_changed(self, first: QDate) -> None:
        # The range never runs backwards: the last day follows a first day moved past it.
        self.last_edit.setMinimumDate(first)
        self._update_summary()

    def _update_summary(self) -> None:
        ids = self.ids()
        days = self.first_edit.date().daysTo(self.last_edit.date()) + 1
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(ids) and days > 0)
        if not ids:
            self.summary_label.setText(self.tr("Nothing to print: there is nothing of this kind yet."))
            return
        count = len(ids) * days
        if self.kind() == POST:
            text = self.tr("Sheets: at most {count} ({targets} a day for {days} day(s); only days a post is on duty).")
        else:
            text = self.tr("Sheets: {count} ({targets} a day for {days} day(s)).")
        self.summary_label.setText(text.format(count=count, targets=len(ids), days=days))

    # -- the answer ---------------------------------------------------------------------------------
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def ids(self) -> tuple[int, ...]:
        data = self.target_combo.currentData()
        return tuple(data) if data else ()

    def request(self) -> SheetRequest:
        first = self.first_edit.date().toPython()
        last = max(self.last_edit.date().toPython(), first)
        return SheetRequest(self.kind(), self.ids(), first, last)

    def set_days(self, first: dt.date, last: dt.date) -> None:
        self.first_edit.setDate(to_qdate(first))
        self.last_edit.setDate(to_qdate(last))
