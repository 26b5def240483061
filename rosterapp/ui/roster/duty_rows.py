"""The duty-role rows of the roster grid: 带班领导, 站内值班 and 通信值班 at the top of each station (支队值班领导 and
支队总值班 at a detachment's staff office), filled by picking one of the unit's people (pinyin initials, name or
工号), typed, pasted and cleared like codes, and folded away per station or all at once.

The rows live in the grid itself (``RosterRow.role`` set, a negative row id), so that row r of the view is
row r of the grid for every piece of the roster editor; the edits of people's cells leave them out, and the
gestures below turn the duty cells among a selection into one ``AssignmentsCommand`` (with the people's cells,
one ``CompositeCommand``: one undo step either way).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QPen, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QMainWindow,
    QMenu,
    QStyle,
    QWidget,
)
from sqlalchemy import select

from rosterapp.i18n import language
from rosterapp.models import Station
from rosterapp.services import dutybook
from rosterapp.services.changes import ASSIGNMENTS, PEOPLE, Change
from rosterapp.services.dutyday import day_span
from rosterapp.services.roster import RosterGrid, RosterRow
from rosterapp.services.rules import Problem
from rosterapp.services.rules.problem import ERROR, SEVERITY_ORDER, WARNING
from rosterapp.ui.commands import AssignmentsCommand, CellsCommand, CompositeCommand
from rosterapp.ui.roster.view import CodeDelegate

DUTY_KIND = 16  # a cell kind of its own (roster.py's kinds are 0-4)
DUTY_ROW_COLOR = "#e6eef9"  # a pale blue: the rows read as the station's duty book, not a person's days
DUTY_HEADER_COLOR = "#d3e0f2"
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 40
PERSON_ROLE = Qt.ItemDataRole.UserRole + 41
# The rules of the station day that mark a duty cell (the rules helper's ids, spec/cli.md), by the roles they name.
DUTY_RULES: dict[str, tuple[str, ...]] = {
    "no_duty_leader": ("leader", "det_leader"),
    "leader_not_on_duty": ("leader", "det_leader"),
    "leader_unqualified": ("leader", "det_leader"),
    "no_duty_officer": ("officer", "dispatch", "det_chief"),
}
FOLD_OPEN, FOLD_SHUT = "▾ ", "▸ "
# How well someone fits a role, for the picker's order (0 best, 2 not at all): a duty leader is one of the unit's
# leaders (站长, 指导员, 副站长; 支队长 …), else someone with 指挥员资格; the watches have their own people.
_LEADING = ("站长", "指导员", "副站长", "支队长", "政委", "副支队长", "参谋长")
ROLE_FITS = {
    "leader": lambda p: 0 if p.position in _LEADING else 1 if p.officer else 2,
    "det_leader": lambda p: 0 if p.position in _LEADING else 2,
    "officer": lambda p: 0 if p.officer or p.position == "战斗班长" else 2,
    "dispatch": lambda p: 0 if p.position == "通信员" else 2,
    "det_chief": lambda p: 0 if p.position == "指挥中心值班员" else 2,
}
EMPTY_MARKS = {ERROR: "#f6c9c9", WARNING: "#fbe3b5"}  # an empty duty cell a rule asks to fill


def row_id(station_id: int, index: int) -> int:
    """The grid's key of a station's duty row: negative, never a person's id."""
    return -(station_id * 8 + index + 1)


def is_duty(grid: RosterGrid, row: int) -> bool:
    return 0 <= row < len(grid.rows) and bool(grid.rows[row].role)


@dataclass
class DutyRows:
    """Where the duty rows of a grid are and who holds each of their cells; the fold state."""

    grid: RosterGrid = field(default_factory=lambda: RosterGrid([], [], [], []))
    grades: dict[int, str] = field(default_factory=dict)  # station id -> grade
    names: dict[int, str] = field(default_factory=dict)  # station id -> short name
    key_of_row: dict[int, tuple[int, str]] = field(default_factory=dict)  # row -> (station, role)
    row_of_key: dict[tuple[int, str], int] = field(default_factory=dict)
    first_person_row: dict[int, int] = field(default_factory=dict)  # station -> its first person's row
    holders: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, column) -> person id
    people: dict[int, list[dutybook.Candidate]] = field(default_factory=dict)  # read when first needed
    shown: bool = True
    folded: set[int] = field(default_factory=set)

    # -- building ------------------------------------------------------------------------------------
    def attach(self, session, grid: RosterGrid, lang: str) -> None:
        """Put the duty rows at the top of every station of ``grid`` and fill them (one query)."""
        self.grid = grid
        self.people = {}
        stations = list(dict.fromkeys(r.station_id for r in grid.rows))
        self.grades, self.names = {}, {}
        for sid, grade, short in session.execute(select(Station.id, Station.grade, Station.short_name)
                                                 .where(Station.id.in_(stations))):
            self.grades[sid], self.names[sid] = grade, short
        rows: list[RosterRow] = []
        cells: list[list[str]] = []
        kinds: list[bytearray] = []
        width = len(grid.days)
        previous = None
        for i, row in enumerate(grid.rows):
            if row.station_id != previous:
                previous = row.station_id
                for k, role in enumerate(dutybook.roles_of(self.grades.get(row.station_id, ""))):
                    rows.append(RosterRow(row_id(row.station_id, k), "", dutybook.role_label(role, lang), "",
                                          row.station_id, row.station, row.detachment_id, "", True, role))
                    cells.append([""] * width)
                    kinds.append(bytearray([DUTY_KIND]) * width)
            rows.append(row)
            cells.append(grid.cells[i])
            kinds.append(grid.kinds[i])
        grid.rows[:], grid.cells[:], grid.kinds[:] = rows, cells, kinds
        grid.__post_init__()  # row_of again
        self.key_of_row = {r: (row.station_id, row.role) for r, row in enumerate(rows) if row.role}
        self.row_of_key = {key: r for r, key in self.key_of_row.items()}
        self.first_person_row = {}
        for r, row in enumerate(rows):
            if not row.role:
                self.first_person_row.setdefault(row.station_id, r)
        self.refill(session)

    def refill(self, session, stations=None) -> list[int]:
        """Read the holders of the duty cells again (of ``stations`` only, when given); the rows whose cells
        changed."""
        grid = self.grid
        if not self.key_of_row or not grid.days:
            return []
        wanted = set(self.grades) if stations is None else set(stations) & set(self.grades)
        if not wanted:
            return []
        held = dutybook.read_assignments(session, wanted, grid.days[0], grid.days[-1], with_offices=False)
        rows = [r for r, (sid, _role) in self.key_of_row.items() if sid in wanted]
        again = set(rows)
        holders = {key: pid for key, pid in self.holders.items() if key[0] not in again}
        texts: dict[tuple[int, int], str] = {}
        for (sid, day, role), holder in held.items():
            r, c = self.row_of_key.get((sid, role)), grid.column_of.get(day)
            if r is not None and c is not None:
                holders[r, c] = holder.person_id
                texts[r, c] = holder.name
        changed = []
        for r in rows:
            line = [texts.get((r, c), "") for c in range(len(grid.days))]
            if line != grid.cells[r]:
                grid.cells[r] = line
                changed.append(r)
        self.holders = holders
        return changed

    def candidates(self, session_factory, station_id: int) -> list[dutybook.Candidate]:
        if station_id not in self.people:
            with session_factory() as session:
                self.people.update(dutybook.candidates(session, self.grades))
        return self.people.get(station_id, [])

    # -- what a cell is -------------------------------------------------------------------------------
    def key(self, row: int, column: int) -> tuple[int, dt.date, str] | None:
        found = self.key_of_row.get(row)
        if found is None or not 0 <= column < len(self.grid.days):
            return None
        return found[0], self.grid.days[column], found[1]

    def split(self, positions: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(duty cells, people's cells) of a selection."""
        duty = [p for p in positions if p[0] in self.key_of_row]
        return duty, [p for p in positions if p[0] not in self.key_of_row]

    def visible(self, row: int) -> bool:
        found = self.key_of_row.get(row)
        return found is None or (self.shown and found[0] not in self.folded)

    def station_folded(self, station_id: int) -> bool:
        return not self.shown or station_id in self.folded

    def group_start(self, row: int) -> bool:
        """Whether ``row`` is the first row of its station still shown (the station's name goes there)."""
        grid = self.grid
        station = grid.rows[row].station_id
        if row == 0 or grid.rows[row - 1].station_id != station:
            return self.visible(row)
        return self.first_person_row.get(station) == row and self.station_folded(station) and station in self.grades

    def fold_marker(self, row: int) -> str:
        """▾ before the station on its first duty row, ▸ on its first person when its duty rows are folded."""
        if self.grid.rows[row].station_id not in self.grades:
            return ""
        return FOLD_OPEN if self.grid.rows[row].role else FOLD_SHUT

    def tooltip(self, row: int, column: int) -> str:
        grid = self.grid
        line = grid.rows[row]
        day = grid.days[column]
        head = f"{line.name} · {self.names.get(line.station_id, line.station)} {day.isoformat()}"
        holder = grid.cells[row][column]
        return head + "\n" + (holder or QCoreApplication.translate("DutyRows", "nobody assigned (pick a name, or type its pinyin initials)"))

    def marks(self, problems: Sequence[Problem], handover: dt.time) -> dict[tuple[int, int], list[Problem]]:
        """The duty cells the station-day problems name: its station's row of the role, on its days."""
        grid = self.grid
        found: dict[tuple[int, int], list[Problem]] = {}
        if not grid.days or not self.row_of_key:
            return found
        for p in problems:
            roles = DUTY_RULES.get(p.rule)
            if not roles or not p.stations:
                continue
            lo, hi = day_span(p.start, p.end, handover)
            lo, hi = max(lo, grid.days[0]), min(hi, grid.days[-1])
            c0, c1 = grid.column_of.get(lo), grid.column_of.get(hi)
            if c0 is None or c1 is None:
                continue
            for sid in p.stations:
                rows = [self.row_of_key[sid, role] for role in roles if (sid, role) in self.row_of_key]
                for c in range(c0, c1 + 1):
                    # no_duty_officer names the station day: mark the empty one of the two watches.
                    empty = [r for r in rows if not grid.cells[r][c]]
                    for r in (empty if p.rule.startswith("no_") and empty else rows):
                        listed = found.setdefault((r, c), [])
                        if p not in listed:
                            listed.append(p)
        return found

    # -- the model's hooks (RosterModel holds this as ``duty``) ---------------------------------------
    def brushes(self) -> dict[int, QBrush]:
        return {DUTY_KIND: QBrush(QColor(DUTY_ROW_COLOR))}

    def merge_marks(self, problems, handover, severity: dict, by_cell: dict) -> None:
        """Add the duty cells' marks to the model's (RosterModel.set_problems)."""
        for key, listed in self.marks(problems, handover).items():
            by_cell.setdefault(key, []).extend(p for p in listed if p not in by_cell.get(key, []))
            for p in listed:
                old = severity.get(key)
                if old is None or SEVERITY_ORDER[p.severity] < SEVERITY_ORDER[old]:
                    severity[key] = p.severity

    def header_data(self, section: int, role: int, default):
        """The row header's answers for duty rows and a folded station's first person; ``default`` otherwise."""
        from rosterapp.ui.roster.model import GROUP_START_ROLE, POSITION_ROLE, STATION_ROLE

        if not self.key_of_row or not 0 <= section < len(self.grid.rows):
            return default
        row = self.grid.rows[section]
        if role == GROUP_START_ROLE:
            return self.group_start(section)
        if role == STATION_ROLE and self.group_start(section):
            return self.fold_marker(section) + (default or "")
        if not row.role:
            return default
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(DUTY_HEADER_COLOR))
        if role == POSITION_ROLE:
            return ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("DutyRows", "{role} of {station}: pick a name, type it (name, staff no. or pinyin initials) or paste it; "
                       "Delete clears. Click ▾ to fold the duty rows.").format(
                role=row.name, station=self.names.get(row.station_id, row.station))
        return default



# -- the cell editor -------------------------------------------------------------------------------------

class PersonPicker(QComboBox):
    """A unit's people to pick from, found as one types a name, a 工号 or pinyin initials (zw: 张伟)."""

    def __init__(self, people: Sequence[dutybook.Candidate], parent: QWidget | None = None,
                 notes: dict[int, str] | None = None):
        """``notes``: what the roster holds for a person that day (值, 休, a post's code, 休假), shown after them."""
        super().__init__(parent)
        self.setObjectName("personPicker")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.people = list(people)
        notes = notes or {}
        items = QStandardItemModel(self)
        for person in self.people:
            note = notes.get(person.person_id, "")
            item = QStandardItem(person.label + (f"  · {note}" if note else ""))
            item.setData(person.person_id, PERSON_ROLE)
            item.setData(" ".join((person.name, person.staff_no, person.initials, person.pinyin.replace(" ", ""),
                                   person.position)), SEARCH_ROLE)
            if not person.officer:
                item.setForeground(QBrush(QColor("#505050")))
            items.appendRow(item)
        self.setModel(items)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(items)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer = QCompleter(self.proxy, self)
        completer.setObjectName("personCompleter")
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        completer.popup().setMinimumWidth(280)  # the cell is narrow; the names, 工号 and positions are not
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self.filter)
        completer.activated[QModelIndex].connect(self._picked)
        self.chosen: int | None = None

    def filter(self, text: str) -> None:
        """Narrow the popup to those ``text`` finds (in the service's order: exact first)."""
        found = {c.person_id for c in dutybook.match(self.people, text)} if text.strip() else None
        self.proxy.setFilterFixedString("")
        if found is not None:
            pattern = "|".join(f"^{re.escape(c.name)} {re.escape(c.staff_no)} " for c in self.people
                               if c.person_id in found) or "^$"
            self.proxy.setFilterRegularExpression(pattern)
        self.chosen = None
        completer = self.completer()
        completer.complete()
        if found:  # Enter takes the best match: type the initials, press Enter, done
            completer.popup().setCurrentIndex(completer.completionModel().index(0, 0))

    def _picked(self, index: QModelIndex) -> None:
        self.chosen = index.data(PERSON_ROLE)

    def person(self) -> tuple[int | None, str]:
        """(the person meant, '') or (None, why not); (None, '') when the text is empty (clear the cell)."""
        text = self.currentText().strip()
        if not text:
            return None, ""
        if self.chosen is not None:
            return self.chosen, ""
        if self.currentIndex() >= 0 and text == self.itemText(self.currentIndex()).strip():
            return self.itemData(self.currentIndex(), PERSON_ROLE), ""
        found = dutybook.match(self.people, text)
        if len(found) == 1:
            return found[0].person_id, ""
        if not found:
            return None, QCoreApplication.translate("DutyRows", "Nobody of this unit is \"{text}\".").format(text=text)
        return None, QCoreApplication.translate("DutyRows", "\"{text}\" is {names}: type more or pick one.").format(
            text=text, names="、".join(c.name for c in found[:6]))


class GridDelegate(CodeDelegate):
    """The roster's delegate, with a person picker for the duty rows' cells."""

    def __init__(self, codes_provider, model, parent=None, rows: DutyRowsUI | None = None):
        super().__init__(codes_provider, model, parent)
        self.rows = rows
        self.pending_text = ""
        self.editor: PersonPicker | None = None

    def _duty(self, index) -> bool:
        return self.rows is not None and is_duty(self._model.grid, index.row())

    def paint(self, painter, option, index) -> None:
        # Every painted cell passes here: the common case (a person's cell, a filled duty cell) costs one lookup.
        r = index.row()
        grid = self._model.grid
        if not grid.rows[r].role or grid.cells[r][index.column()] or (r, index.column()) in self._model.overlay:
            return super().paint(painter, option, index)
        severity = self._model.cell_severity.get((r, index.column()))
        if severity not in EMPTY_MARKS or option.state & QStyle.StateFlag.State_Selected:
            return super().paint(painter, option, index)
        # A role nobody holds that a rule asks for (no_duty_leader): the empty cell itself is coloured and says
        # "—", where a corner mark alone is easily missed.
        painter.save()
        painter.fillRect(option.rect, QColor(EMPTY_MARKS[severity]))
        painter.setPen(QColor("#b00020") if severity == ERROR else QColor("#8a5a00"))
        painter.drawText(option.rect, int(Qt.AlignmentFlag.AlignCenter), "—")
        painter.restore()
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(option.palette.highlight().color(), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))

    def createEditor(self, parent, option, index):
        if not self._duty(index):
            return super().createEditor(parent, option, index)
        grid, column = self._model.grid, index.column()
        line = grid.rows[index.row()]
        people = self.rows.duty.candidates(self.rows.db.read, line.station_id)
        notes = {p.person_id: grid.cells[grid.row_of[p.person_id]][column] for p in people if p.person_id in grid.row_of}
        codes = self._model.codes
        fits = ROLE_FITS.get(line.role, lambda _p: 0)

        def order(pair) -> tuple:
            k, person = pair
            code = codes.get(notes.get(person.person_id, ""))
            on_duty = code is not None and code.is_duty
            tier = fits(person)
            # On duty and fitting first (best fit first), then those who fit but are off, then the rest.
            return (not on_duty or tier == 2, tier, not on_duty, k)

        # Who fits the role and is on duty that day first: the officer on duty for 带班领导, the signaller for 通信值班.
        people = [p for _k, p in sorted(enumerate(people), key=order)]
        self.editor = editor = PersonPicker(people, parent, notes)
        editor.view().setMinimumWidth(280)
        # A name picked in the popup (a click, or Enter on the best match) is the edit: made at once.
        editor.completer().activated[QModelIndex].connect(lambda _index: self._commit(editor))
        return editor

    def _commit(self, editor: PersonPicker) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index) -> None:
        if not isinstance(editor, PersonPicker):
            return super().setEditorData(editor, index)
        holder = self.rows.duty.holders.get((index.row(), index.column()))
        position = editor.findData(holder, PERSON_ROLE) if holder is not None else -1
        editor.setCurrentIndex(position)
        text, self.pending_text = self.pending_text, ""
        if text:
            editor.setEditText(text)
            editor.filter(text)
        else:
            editor.lineEdit().selectAll()

    def setModelData(self, editor, model, index) -> None:
        if not isinstance(editor, PersonPicker):
            return super().setModelData(editor, model, index)
        person, why = editor.person()
        if why:
            self.rows.say(why)
            return
        self.rows.assign_from_editor(index.row(), index.column(), person)

    def updateEditorGeometry(self, editor, option, index) -> None:
        if not isinstance(editor, PersonPicker):
            return super().updateEditorGeometry(editor, option, index)
        rect = option.rect
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 120), rect.height())


# -- the page's part --------------------------------------------------------------------------------------

class DutyRowsUI(QObject):
    """The duty rows' gestures on the roster page: pick, type, paste, clear, fold, jump to a problem."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.controller = page.controller
        self.db = page.controller.db
        self.duty = page.controller.duty
        self.settings = None  # the window's Settings, given by install_duty_actions
        page.model.modelReset.connect(self.apply_folds)
        header = page.view.verticalHeader()
        header.viewport().installEventFilter(self)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

    @property
    def grid(self) -> RosterGrid:
        return self.page.model.grid

    def say(self, text: str) -> None:
        window = self.page.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    # -- editing ------------------------------------------------------------------------------------
    def start_typing(self, text: str) -> bool:
        """A key over a duty cell opens its picker with the key typed in; False when the cell is a person's."""
        view = self.page.view
        current = view.currentIndex()
        if not current.isValid() or not is_duty(self.grid, current.row()):
            return False
        self.page.delegate.pending_text = text
        view.edit(current)
        return True

    def assign_from_editor(self, row: int, column: int, person: int | None) -> bool:
        """The picker's choice goes in its cell, and in the other selected duty cells of the same unit."""
        sid = self.grid.rows[row].station_id
        cells = [p for p in self.page._selection() if is_duty(self.grid, p[0])
                 and self.grid.rows[p[0]].station_id == sid]
        if (row, column) not in cells:
            cells = [(row, column)]
        return push_items(self.controller, [(*self.duty.key(r, c), person) for r, c in cells])

    # -- folding ------------------------------------------------------------------------------------
    def apply_folds(self) -> None:
        view = self.page.view
        for r in self.duty.key_of_row:
            view.setRowHidden(r, not self.duty.visible(r))
        view.verticalHeader().viewport().update()

    def set_shown(self, shown: bool) -> None:
        """All duty rows shown (their own stations' folds kept) or all folded away."""
        self.duty.shown = shown
        if shown:
            self.duty.folded.clear()
        self.apply_folds()
        self.save()

    def toggle_station(self, station_id: int) -> None:
        if self.duty.station_folded(station_id):
            if not self.duty.shown:  # all were folded: every other unit's stay so
                with self.db.read() as session:
                    everyone = set(session.scalars(select(Station.id)))
                self.duty.shown = True
                self.duty.folded = everyone - {station_id}
            else:
                self.duty.folded.discard(station_id)
        else:
            self.duty.folded.add(station_id)
        self.apply_folds()
        self.save()
        self._sync_action()

    def _sync_action(self) -> None:
        action = getattr(self, "show_action", None)
        if action is not None:
            action.setChecked(self.duty.shown)

    def save(self) -> None:
        from rosterapp.ui import settings as keys

        if self.settings is None:
            return
        self.settings.set_value(keys.DUTY_ROWS_SHOWN, self.duty.shown)
        # By name: stable across databases, as the navigator's last selection is.
        with self.db.read() as session:
            names = session.scalars(select(Station.name).where(Station.id.in_(self.duty.folded))).all() \
                if self.duty.folded else []
        self.settings.set_value(keys.DUTY_ROWS_FOLDED, "\n".join(sorted(names)))

    def restore(self, settings) -> None:
        from rosterapp.ui import settings as keys

        self.settings = settings
        self.duty.shown = settings.value(keys.DUTY_ROWS_SHOWN)
        names = [n for n in settings.value(keys.DUTY_ROWS_FOLDED).split("\n") if n]
        if names:
            with self.db.read() as session:
                self.duty.folded = set(session.scalars(select(Station.id).where(Station.name.in_(names))))
        self.apply_folds()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A click on the ▾/▸ before a station's name folds or unfolds its duty rows.
        if event.type() == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            header = self.page.view.verticalHeader()
            row = header.logicalIndexAt(event.position().toPoint().y())
            if row >= 0 and event.position().x() < 18 and self.duty.group_start(row) and self.duty.fold_marker(row):
                self.toggle_station(self.grid.rows[row].station_id)
                return True
        return False

    def _header_menu(self, point) -> None:
        header = self.page.view.verticalHeader()
        row = header.logicalIndexAt(point.y())
        menu = self.header_menu(row)
        if menu is not None:
            menu.popup(header.mapToGlobal(point))

    def header_menu(self, row: int) -> QMenu | None:
        if not self.duty.row_of_key or row < 0:
            return None
        sid = self.grid.rows[row].station_id
        menu = QMenu(self.page)
        menu.setObjectName("dutyRowsMenu")
        station = self.duty.names.get(sid, "")
        fold = menu.addAction((QCoreApplication.translate("DutyRows", "Show the duty rows of {station}") if self.duty.station_folded(sid) else
                               QCoreApplication.translate("DutyRows", "Fold the duty rows of {station}")).format(station=station))
        fold.triggered.connect(lambda: self.toggle_station(sid))
        every = menu.addAction(QCoreApplication.translate("DutyRows", "Fold all duty rows") if self.duty.shown else QCoreApplication.translate("DutyRows", "Show all duty rows"))
        every.triggered.connect(lambda: (self.set_shown(not self.duty.shown), self._sync_action()))
        propose = getattr(self, "propose", None)
        if propose is not None:
            menu.addSeparator()
            menu.addAction(QCoreApplication.translate("DutyRows", "Propose duty roles for {station}…").format(station=station)).triggered.connect(
                lambda: propose(sid))
        return menu

    # -- problems -------------------------------------------------------------------------------------
    def jump(self, problem: Problem) -> bool:
        """A station day's problem of the duty book: select its duty cell (its station's row of the role)."""
        roles = DUTY_RULES.get(problem.rule)
        if not roles or not self.grid.days:
            return False
        day = min(max(problem.start.date(), self.grid.days[0]), self.grid.days[-1])
        column = self.grid.column_of.get(day)
        for sid in problem.stations:
            for role in roles:
                row = self.duty.row_of_key.get((sid, role))
                if row is not None and column is not None:
                    if self.page.view.isRowHidden(row):
                        self.toggle_station(sid)
                    self.page.select_cell(row, column)
                    return True
        return False


def follow(controller, change: Change) -> None:
    """The controller's hook: repaint the duty rows when their records (or the names they show) changed."""
    duty: DutyRows = controller.duty
    if not duty.key_of_row or not change:
        return
    if PEOPLE in change.registers:
        duty.people = {}  # the picker's lists read again when next needed
    names_shown = PEOPLE in change.registers and bool(change.people & set(duty.holders.values()))
    if ASSIGNMENTS in change.registers or names_shown:
        # An edit of the roles names its station days; a renamed person may be shown anywhere.
        stations = change.stations if ASSIGNMENTS in change.registers and change.stations and not names_shown else None
        with controller.db.read() as session:
            rows = duty.refill(session, stations)
        if rows:
            controller.model.rows_changed(rows)


# -- the controller's hooks: the duty cells of a gesture, made one step with the people's cells -------------

def _text_of(controller, items) -> str:
    duty: DutyRows = controller.duty
    people = {p for i in items for p in [i[3]] if p is not None}
    if not people:
        return QCoreApplication.translate("DutyRows", "Clear {count} duty roles").format(count=len(items))
    if len(people) == 1:
        person = next(iter(people))
        name = next((c.name for group in duty.people.values() for c in group if c.person_id == person), "")
        roles = {i[2] for i in items}
        if name and len(roles) == 1:
            role = dutybook.role_label(roles.pop(), language())
            if len(items) == 1:
                day = items[0][1]
                return QCoreApplication.translate("DutyRows", "{name} as {role}, {day}").format(
                    name=name, role=role, day=f"{day.month}/{day.day}")
            return QCoreApplication.translate("DutyRows", "{name} as {role} on {count} days").format(
                name=name, role=role, count=len(items))
    return QCoreApplication.translate("DutyRows", "Set {count} duty roles").format(count=len(items))


def push_items(controller, items, people_part: CellsCommand | None = None, text: str | None = None) -> bool:
    """One step for these duty roles (and the people's cells of the same gesture)."""
    if not items and people_part is None:
        return False
    text = text or _text_of(controller, items)
    parts = ([people_part] if people_part is not None else []) + ([AssignmentsCommand(text, items)] if items else [])
    command = parts[0] if len(parts) == 1 else CompositeCommand(text, parts)
    if command is people_part:
        command.setText(text)
    return controller.hub.push(command)


def clear(controller, positions) -> bool:
    """Delete over a selection holding duty cells: their roles and the people's cells cleared in one step.
    False when the selection holds no duty cell (the roster's own clear then)."""
    duty: DutyRows = controller.duty
    cells, people = duty.split(positions)
    if not cells:
        return False
    items = [(*duty.key(r, c), None) for r, c in cells if (r, c) in duty.holders]
    values = dict.fromkeys(controller._cells(people))
    text = QCoreApplication.translate("DutyRows", "Clear {count} cells").format(count=len(items) + len(values))
    push_items(controller, items, controller.command(values, text) if values else None, text)
    return True


def fill_text(controller, positions, text: str) -> bool | None:
    """A name typed into duty cells (every one of them of one unit); None when no duty cell is among them."""
    duty: DutyRows = controller.duty
    cells, people = duty.split(positions)
    if not cells:
        return None
    if not text.strip():
        return clear(controller, positions)
    if people:
        return None  # a code typed over people and duty rows: the people's cells take it
    sid = controller.grid.rows[cells[0][0]].station_id
    found = dutybook.match(duty.candidates(controller.db.read, sid), text)
    if len(found) != 1 or any(controller.grid.rows[r].station_id != sid for r, _ in cells):
        return False
    return push_items(controller, [(*duty.key(r, c), found[0].person_id) for r, c in cells])


def copy_forward_items(controller, rows, source: Sequence[dt.date], target_start: dt.date) -> list:
    """The duty roles that copy ``source`` days of the duty rows among ``rows`` to the days from
    ``target_start`` on (a day nobody held clears its copy, as an empty cell does)."""
    duty: DutyRows = controller.duty
    grid = controller.grid
    items = []
    for r in rows:
        if r not in duty.key_of_row:
            continue
        sid, role = duty.key_of_row[r]
        for k, day in enumerate(source):
            c = grid.column_of.get(day)
            if c is not None:
                items.append((sid, target_start + dt.timedelta(days=k), role, duty.holders.get((r, c))))
    return items


def shown_targets(controller, top: int, targets: dict) -> dict:
    """A pasted block's rows laid over the rows shown: the duty rows of a folded station are passed over,
    as the copy leaves them out."""
    duty: DutyRows = controller.duty
    if not duty.key_of_row or all(duty.visible(r) for r in duty.key_of_row):
        return targets
    shown = [r for r in range(top, len(controller.grid.rows)) if duty.visible(r)]
    beyond = len(controller.grid.rows)
    return {((shown[r - top] if r - top < len(shown) else beyond + r), c): v for (r, c), v in targets.items()}


def paste(controller, targets: dict, top: int, left: int) -> list[str] | None:
    """A block over duty cells (names) and people's cells (codes) as one step; the reasons it is refused
    (nothing changed); None when it touches no duty cell (the roster's own paste then)."""
    duty: DutyRows = controller.duty
    grid = controller.grid
    if not any(r in duty.key_of_row for r, _ in targets):
        return None
    errors: list[str] = []
    items = []
    values = {}
    for (r, c), raw in sorted(targets.items()):
        if r >= len(grid.rows) or c >= len(grid.days):
            errors.append(QCoreApplication.translate("DutyRows", "The block does not fit: it reaches beyond the last row or day."))
            break
        raw = raw.strip()
        where = QCoreApplication.translate("DutyRows", "Row {row}, column {column}").format(row=r - top + 1, column=c - left + 1)
        if r in duty.key_of_row:
            sid = grid.rows[r].station_id
            person = None
            if raw:
                found = dutybook.match(duty.candidates(controller.db.read, sid), raw)
                if len(found) != 1:
                    reason = QCoreApplication.translate("DutyRows", "nobody of {station} is \"{name}\"") if not found else QCoreApplication.translate("DutyRows",
                        "\"{name}\" is more than one person of {station}")
                    errors.append(where + ": " + reason.format(station=duty.names.get(sid, ""), name=raw))
                    continue
                person = found[0].person_id
            if person is not None or (r, c) in duty.holders:
                items.append((*duty.key(r, c), person))
        else:
            code = controller.resolve(raw) if raw else None
            if raw and code is None:
                errors.append(where + ": " + QCoreApplication.translate("DutyRows", "unknown code \"{code}\"").format(code=raw))
                continue
            values[grid.rows[r].person_id, grid.days[c]] = code
    if errors:
        return errors
    text = QCoreApplication.translate("DutyRows", "Paste {count} cells").format(count=len(items) + len(values))
    push_items(controller, items, controller.command(values, text) if values else None, text)
    return []


def install_duty_actions(window) -> DutyRowsUI:
    """The View menu's "Duty rows" switch and the Edit menu's proposal, the fold state kept in the settings."""
    from rosterapp.ui.roster.duty_proposal import propose_for

    ui: DutyRowsUI = window.roster_page.duty_rows
    show = QAction(window)
    show.setObjectName("actionShowDutyRows")
    show.setCheckable(True)
    show.setShortcut("Ctrl+Shift+B")  # 带班: Ctrl+Shift+D copies a post day forward
    show.toggled.connect(lambda on: on != ui.duty.shown and ui.set_shown(on))
    ui.show_action = show
    propose = QAction(window)
    propose.setObjectName("actionProposeDutyRoles")
    propose.setShortcut("Ctrl+Shift+R")
    ui.propose = lambda sid=None: propose_for(window, sid)
    propose.triggered.connect(lambda: ui.propose(None))
    window.view_menu.addAction(show)  # with the other things shown or hidden (the docks)
    window.edit_menu.insertAction(window.copy_week_action, propose)

    def retranslate() -> None:
        show.setText(QCoreApplication.translate("DutyRows", "&Duty rows"))
        show.setStatusTip(QCoreApplication.translate("DutyRows", "Show the rows of 带班领导, 站内值班 and 通信值班 at the top of each station"))
        propose.setText(QCoreApplication.translate("DutyRows", "Propose d&uty roles…"))
        propose.setStatusTip(QCoreApplication.translate("DutyRows", "Fill a station's duty leader or watches from a rotation or from "
                                                "the roster, seeing the problems first"))

    ui.retranslate = retranslate
    retranslate()
    if window._settings is not None:
        ui.restore(window._settings)
    show.setChecked(ui.duty.shown)
    return ui
