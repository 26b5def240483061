"""The People tab: the register of firefighters and officers, filtered, searched and edited in a form."""

from __future__ import annotations

from dataclasses import dataclass, replace
from operator import attrgetter

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services import dutyday, registers
from rosterapp.services.changes import PEOPLE, STATIONS
from rosterapp.services.dutyday import day_span
from rosterapp.services.registers import AbsenceRow, PersonRow, RegisterChoices
from rosterapp.services.roster import pinyin_key
from rosterapp.ui.commands import PERSON
from rosterapp.ui.registers.editor import RegisterEditor, SeenVersion
from rosterapp.ui.registers.forms import (
    current_or_next,
    format_days,
    set_combo_items,
)
from rosterapp.ui.registers.page import RegisterPage
from rosterapp.ui.registers.person_dialog import PersonDialog, PersonForm
from rosterapp.ui.registers.rows import (
    Line,
    RowsFilter,
    RowsModel,
)

# Columns: what a clerk looks at first comes first; the detachment is in the navigator anyway.
(STAFF_NO, NAME, POSITION, RANK, STATION, QUALIFICATIONS, ABSENCE, PHONE, STATUS, SEX, BIRTH_DATE,
 DETACHMENT) = range(12)

ACTIVE, INACTIVE = "active", "inactive"


class PeopleModel(RowsModel):
    """People as Lines: every text (labels in the current language) and sort key made in ``set_people``."""

    HEADERS = (
        (QT_TRANSLATE_NOOP("PeopleModel", "Staff no."), QT_TRANSLATE_NOOP("PeopleModel", "Staff number (工号)")),
        (QT_TRANSLATE_NOOP("PeopleModel", "Name"), QT_TRANSLATE_NOOP("PeopleModel", "Sorted by pinyin")),
        (QT_TRANSLATE_NOOP("PeopleModel", "Position"), ""),
        (QT_TRANSLATE_NOOP("PeopleModel", "Rank"), ""),
        (QT_TRANSLATE_NOOP("PeopleModel", "Station"), ""),
        (QT_TRANSLATE_NOOP("PeopleModel", "Qualifications"), ""),
        (QT_TRANSLATE_NOOP("PeopleModel", "Absence"),
         QT_TRANSLATE_NOOP("PeopleModel", "The absence under way, or else the next one")),
        (QT_TRANSLATE_NOOP("PeopleModel", "Phone"), ""),
        (QT_TRANSLATE_NOOP("PeopleModel", "Status"), ""),
        (QT_TRANSLATE_NOOP("PeopleModel", "Sex"), ""),
        (QT_TRANSLATE_NOOP("PeopleModel", "Born"), ""),
        (QT_TRANSLATE_NOOP("PeopleModel", "Detachment"), ""),
    )

    def set_people(self, people: list[PersonRow], absences: dict[int, AbsenceRow]) -> None:
        lang = language()
        active_text, inactive_text = self.tr("Active"), self.tr("Inactive")
        lines = []
        width = len(self.HEADERS)
        for order, p in enumerate(people):
            full, initials = pinyin_key(p.name)
            display, sort, tips = [""] * width, [""] * width, [""] * width
            absence = absences.get(p.id)
            if absence is not None:
                display[ABSENCE] = f"{vocab.label(vocab.ABSENCE_KIND, absence.kind, lang)} " \
                                   f"{format_days(*day_span(absence.start, absence.end))}"
                sort[ABSENCE] = absence.start.isoformat()
                tips[ABSENCE] = absence.note
            quals = "、".join(p.qualifications)
            born = p.birth_date.isoformat() if p.birth_date else ""
            for column, text, key in (
                (STAFF_NO, p.staff_no, p.staff_no), (NAME, p.name, full),
                (POSITION, p.position or "", p.position or ""), (RANK, p.rank or "", p.rank or ""),
                # The services list people in detachment and station order: the row number sorts those.
                (STATION, p.station, order), (QUALIFICATIONS, quals, quals), (PHONE, p.phone, p.phone),
                (STATUS, active_text if p.active else inactive_text, (not p.active, order)),
                (SEX, vocab.label(vocab.SEX, p.sex, lang), p.sex or ""), (BIRTH_DATE, born, born),
                (DETACHMENT, p.detachment, order),
            ):
                display[column], sort[column] = text, key
            tips[QUALIFICATIONS] = quals
            lines.append(Line(p.id, p, tuple(display), tuple(sort), p.active, (p.name, p.staff_no),
                              (initials, full.replace(" ", "")), tuple(tips)))
        self.set_lines(lines)


@dataclass(frozen=True)
class PeopleCriteria:
    detachment_id: int | None = None
    station_id: int | None = None
    position: str | None = None
    rank: str | None = None
    qualification: str | None = None
    status: str | None = None


class PeopleFilter(RowsFilter):
    """The people of the navigator's scope that the filter bar lets through."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.criteria = PeopleCriteria()

    def set_criteria(self, **changes) -> None:
        self.refilter(lambda: setattr(self, "criteria", replace(self.criteria, **changes)))

    def accepts(self, line: Line) -> bool:
        c = self.criteria
        p: PersonRow = line.item
        return ((c.detachment_id is None or p.detachment_id == c.detachment_id)
                and (c.station_id is None or p.station_id == c.station_id)
                and (c.position is None or p.position == c.position)
                and (c.rank is None or p.rank == c.rank)
                and (c.qualification is None or c.qualification in p.qualifications)
                and (c.status is None or p.active == (c.status == ACTIVE)))



class PeoplePage(RegisterPage):
    """The People tab (objectName ``peoplePage``; its table is ``personnelTable``)."""

    REGISTERS = frozenset({PEOPLE, STATIONS})

    def __init__(self, editor: RegisterEditor, parent: QWidget | None = None):
        self.choices = RegisterChoices((), (), (), (), (), ())
        super().__init__(editor, PeopleModel(), PeopleFilter(), "personnelTable", parent)
        self.setObjectName("peoplePage")
        self.model.setParent(self)
        self.proxy.setParent(self)
        self.dialog: PersonDialog | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("personnelSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.detachment_filter = self.combo("personnelDetachmentFilter", self._on_detachment)
        self.station_filter = self.combo("personnelStationFilter", self._apply_filters)
        self.position_filter = self.combo("personnelPositionFilter", self._apply_filters)
        self.rank_filter = self.combo("personnelRankFilter", self._apply_filters)
        self.qualification_filter = self.combo("personnelQualificationFilter", self._apply_filters)
        self.status_filter = self.combo("personnelStatusFilter", self._apply_filters)

        self.add_button = self.button("addPersonButton", self.add)
        self.edit_button = self.button("editPersonButton", self.edit)
        self.deactivate_button = self.button("deactivatePersonButton", self.toggle_active)
        self.delete_button = self.button("deletePersonButton", self.delete)

        self.arrange(self.search, [self.status_filter],
                     [self.detachment_filter, self.station_filter, self.position_filter, self.rank_filter,
                      self.qualification_filter],
                     [self.add_button, self.edit_button, self.deactivate_button, self.delete_button])
        self.retranslate()
        self.update_buttons()

    # -- text ------------------------------------------------------------------------------------------
    def tab_title(self) -> str:
        return self.tr("People")

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Name, staff no. or pinyin initials"))
        self.add_button.setText(self.tr("&Add person…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.new_action.setText(self.tr("New &Person…"))
        self.new_action.setStatusTip(self.tr("Add a person to the register"))
        self.model.retranslate()
        self._fill_filters()
        self.update_buttons()
        self.update_count()

    def _fill_filters(self) -> None:
        c = self.choices
        set_combo_items(self.detachment_filter, [(self.tr("All detachments"), None)]
                        + [(d.name, d.id) for d in c.detachments])
        self._fill_stations()
        set_combo_items(self.position_filter, [(self.tr("All positions"), None)]
                        + [(p.name, p.name) for p in c.positions])
        set_combo_items(self.rank_filter, [(self.tr("All ranks"), None)] + [(r.name, r.name) for r in c.ranks])
        set_combo_items(self.qualification_filter, [(self.tr("Any qualification"), None)]
                        + [(q.name, q.name) for q in c.qualifications])
        set_combo_items(self.status_filter, [(self.tr("Active and inactive"), None), (self.tr("Active"), ACTIVE),
                                             (self.tr("Inactive"), INACTIVE)])

    def _fill_stations(self) -> None:
        detachment = self.detachment_filter.currentData()
        set_combo_items(self.station_filter, [(self.tr("All stations"), None)] + [
            (s.name, s.id) for s in self.choices.stations if detachment is None or s.detachment_id == detachment])

    def _on_detachment(self) -> None:
        self._fill_stations()
        self._apply_filters()

    def _apply_filters(self) -> None:
        self.proxy.set_criteria(
            detachment_id=self.detachment_filter.currentData(), station_id=self.station_filter.currentData(),
            position=self.position_filter.currentData(), rank=self.rank_filter.currentData(),
            qualification=self.qualification_filter.currentData(), status=self.status_filter.currentData())
        self.update_count()

    def update_count(self) -> None:
        self.count_label.setText(self.tr("{scope}: {shown} of {total} people shown").format(
            scope=self.scope.label or self.tr("All units"), shown=self.proxy.rowCount(),
            total=self.model.rowCount()))

    def update_buttons(self) -> None:
        key = self.current_id()
        selected = key is not None
        self.edit_button.setEnabled(selected)
        self.deactivate_button.setEnabled(selected)
        active = not selected or self.model.line(self.model.row_of(key)).active
        self.deactivate_button.setText(self.tr("Deactivate") if active else self.tr("Reactivate"))
        has_duties = selected and self._has_duties(key)
        self.delete_button.setEnabled(selected and not has_duties)
        self.delete_button.setToolTip(
            self.tr("This person has duties on record: deactivate instead, so that the history stays.")
            if has_duties else self.tr("Delete a person entered by mistake (only without duties on record)."))

    def _has_duties(self, person_id: int) -> bool:
        with self.db.read() as session:
            return registers.person_has_duties(session, person_id)

    # -- rows ------------------------------------------------------------------------------------------
    def load(self, session: Session) -> None:
        now = dutyday.now()
        people = registers.list_people(session)
        absences = current_or_next(registers.list_absences(session, start=now.date()), now,
                                       attrgetter("person_id"))
        choices = registers.register_choices(session)
        if choices != self.choices:
            self.choices = choices
            self._fill_filters()
        self.model.set_people(people, absences)
        self.fit_columns({STAFF_NO: "0000000000", NAME: "欧阳某某某", SEX: "女", DETACHMENT: "石景山支队",
                          STATION: "西直门消防救援站", POSITION: "战斗班长", RANK: "一级消防长",
                          QUALIFICATIONS: "消防车驾驶、空呼、破拆、指挥员资格", PHONE: "13800138000",
                          BIRTH_DATE: "0000-00-00", ABSENCE: "休假 00-00 – 00-00", STATUS: self.tr("Inactive")})

    # -- edits -----------------------------------------------------------------------------------------
    def _line(self, key: int) -> Line:
        return self.model.line(self.model.row_of(key))

    def _taken_staff_numbers(self, person_id: int | None) -> dict[str, str]:
        return {line.item.staff_no: line.item.name for line in self.model.lines() if line.id != person_id}

    def add(self) -> PersonDialog:
        """Open the form for a new person (at the navigator's station); OK saves it as one undo step."""
        self.ensure_fresh()
        dialog = PersonDialog(self.choices, self._taken_staff_numbers(None), None, self._default_station(), self)
        dialog.submit = lambda form: self._save(None, form)
        return self._open(dialog)

    def edit(self, key: int | None = None) -> PersonDialog | None:
        key = self.current_id() if key is None else key
        if key is None:
            return None
        with self.db.read() as session:
            record = registers.person_record(session, key)
        if record is None:
            return None
        dialog = PersonDialog(self.choices, self._taken_staff_numbers(key), record, None, self)
        # Saved only over the version read here: a change made meanwhile elsewhere is not written over.
        seen = SeenVersion(record.version, lambda: self._version(key))
        dialog.submit = lambda form: seen.save(lambda version: self._save(key, form, version))
        return self._open(dialog)

    def _version(self, key: int) -> int | None:
        with self.db.read() as session:
            record = registers.person_record(session, key)
        return None if record is None else record.version

    def _save(self, person_id: int | None, form: PersonForm, version: int | None = None) -> int:
        def apply(session: Session) -> int:
            return registers.save_person(session, person_id, form.data, expected_version=version,
                                         removed_absences=form.removed,
                                         added_absences=[(e.kind, e.first, e.last, e.text) for e in form.added])

        name = form.data.name.strip()
        text = self.tr("Add {name}").format(name=name) if person_id is None else \
            self.tr("Edit {name}").format(name=name)
        key = self.editor.commit(text, PERSON, person_id, apply)
        self.main_window.tabs.setCurrentWidget(self)
        self.ensure_fresh()
        if not self.select_id(key):
            # A filter hides the new person: clear the search so the clerk sees whom they added.
            self.search.clear()
            self.select_id(key)
        return key

    def toggle_active(self, key: int | None = None) -> None:
        """Deactivate the selected person (they stay in history and in past grids), or reactivate them."""
        key = self.current_id() if key is None else key
        if key is None:
            return
        line = self._line(key)
        name = line.item.name
        if line.active:
            text = self.tr("Deactivate {name}").format(name=name)
            self.run(lambda: self.editor.commit(
                text, PERSON, key, lambda s: (registers.deactivate_person(s, key), key)[1]))
        else:
            text = self.tr("Reactivate {name}").format(name=name)
            self.run(lambda: self.editor.commit(
                text, PERSON, key, lambda s: (registers.reactivate_person(s, key), key)[1]))
        self.select_id(key)

    def delete(self, key: int | None = None) -> bool:
        """Delete a person entered by mistake; someone with duties on record is refused (deactivate them)."""
        key = self.current_id() if key is None else key
        if key is None:
            return False
        name = self._line(key).item.name
        if self._has_duties(key):
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Cannot delete"), self.tr(
                "{name} has duties on record and cannot be deleted; deactivate them instead.").format(name=name),
                parent=self)
            box.setObjectName("cannotDeletePerson")
            box.open()
            return False
        done = self.run(lambda: self.editor.commit(
            self.tr("Delete {name}").format(name=name), PERSON, key,
            lambda s: (registers.delete_person(s, key), key)[1]))
        if done is not None:
            self.status(self.tr("{name} deleted; Undo brings them back.").format(name=name))
        return done is not None
