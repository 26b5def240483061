"""The form for one person: their data checked as it is typed, their qualifications and their absences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rosterapp import vocab
from rosterapp.errors import Conflict, FieldError, ValidationError
from rosterapp.i18n import language
from rosterapp.services import dutyday, registers, validation
from rosterapp.services.dutyday import day_span
from rosterapp.services.registers import PersonData, PersonRecord, RegisterChoices
from rosterapp.ui.registers.entries import (
    CheckListModel,
    EntriesModel,
    Entry,
    entries_view,
    fit_entry_columns,
)
from rosterapp.ui.registers.forms import (
    date_edit,
    from_qdate,
    limit_length,
    parse_date,
    reason_label,
    select_data,
    set_combo_items,
    show_reason,
)

# The form's fields, as the services name them in a FieldError.
STAFF_NO, NAME, SEX, BIRTH_DATE, STATION, POSITION, RANK, PHONE, QUALIFICATIONS, ABSENCES = (
    "staff_no", "name", "sex", "birth_date", "station_id", "position_id", "rank_id", "phone", "qualification_ids",
    "absences")
# Service fields of an absence.
_ABSENCE_FIELDS = {"kind", "start", "end"}


@dataclass(frozen=True)
class PersonForm:
    """What OK hands over: the person's data and the absences added and removed."""

    data: PersonData
    added: tuple[Entry, ...]
    removed: tuple[int, ...]


class PersonDialog(QDialog):
    """Add or edit a person. OK stays disabled while a field is wrong, and each wrong field says why.

    ``submit(form)`` saves (it raises the services' ValidationError, shown field by field, and then
    the form stays open); the dialog closes when it returns.
    """

    def __init__(self, choices: RegisterChoices, taken: dict[str, str], record: PersonRecord | None,
                 station_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.setModal(True)
        self.submit: Callable[[PersonForm], object] = lambda form: None
        self._choices = choices
        self._taken = {registers.clean_code(k): v for k, v in taken.items()}
        self._record = record
        self._touched: set[str] = set()
        self._removed: list[int] = []
        lang = language()
        data = record.data if record else None

        self.staff_no = self._line_edit("staffNoEdit", STAFF_NO, data.staff_no if data else "")
        self.name = self._line_edit("nameEdit", NAME, data.name if data else "")
        self.sex = QComboBox(self)
        self.sex.setObjectName("sexCombo")
        set_combo_items(self.sex, [("—", None)] + [(vocab.label(vocab.SEX, c, lang), c) for c in vocab.SEX])
        self.birth_date = self._line_edit("birthDateEdit", BIRTH_DATE,
                                          data.birth_date.isoformat() if data and data.birth_date else "")
        self.detachment = QComboBox(self)
        self.detachment.setObjectName("detachmentCombo")
        set_combo_items(self.detachment, [(d.name, d.id) for d in choices.detachments])
        self.station = QComboBox(self)
        self.station.setObjectName("stationCombo")
        self.position = QComboBox(self)
        self.position.setObjectName("positionCombo")
        set_combo_items(self.position, [("—", None)] + [(p.name, p.id) for p in choices.positions])
        self.rank = QComboBox(self)
        self.rank.setObjectName("rankCombo")
        set_combo_items(self.rank, [("—", None)] + [(r.name, r.id) for r in choices.ranks])
        self.phone = self._line_edit("phoneEdit", PHONE, data.phone if data else "")
        limit_length(self.staff_no, validation.STAFF_NO_MAX)
        limit_length(self.name, validation.NAME_MAX)
        self.reasons = {field: reason_label(self, f"{name}Reason") for field, name in (
            (STAFF_NO, "staffNo"), (NAME, "name"), (BIRTH_DATE, "birthDate"), (STATION, "station"), (PHONE, "phone"),
            (ABSENCES, "absence"))}
        self.form_reason = reason_label(self, "formReason")
        if record is not None:
            # The stored values are the clerk's own: one that breaks a rule made since says so at once.
            self._touched.update(self.reasons)

        station = data.station_id if data else station_id
        home = next((s for s in choices.stations if s.id == station), None)
        if home is not None:
            select_data(self.detachment, home.detachment_id)
        self._fill_stations()
        if home is not None:
            select_data(self.station, home.id)
        self.detachment.currentIndexChanged.connect(lambda _i: self._fill_stations())
        self.station.currentIndexChanged.connect(lambda _i: self._validate())
        if data:
            select_data(self.sex, data.sex)
            select_data(self.position, data.position_id)
            select_data(self.rank, data.rank_id)

        self.qualifications = CheckListModel(choices.qualifications, data.qualification_ids if data else (), self)
        self.qualification_list = QListView(self)
        self.qualification_list.setObjectName("qualificationList")
        self.qualification_list.setModel(self.qualifications)
        self.qualification_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.absences = EntriesModel(parent=self)
        self.absences.set_entries([Entry(a.id, *day_span(a.start, a.end), a.kind, a.note)
                                   for a in (record.absences if record else ())])
        self.absence_table = entries_view(self.absences, "absenceTable", self)
        self.absence_kind = QComboBox(self)
        self.absence_kind.setObjectName("absenceKindCombo")
        # 事假 last: the five kinds clerks plan ahead come first.
        kinds = [k for k in vocab.ABSENCE_KIND if k != "leave"] + ["leave"]
        set_combo_items(self.absence_kind, [(vocab.label(vocab.ABSENCE_KIND, k, lang), k) for k in kinds])
        self.absence_from = date_edit(self, "absenceFromEdit")
        self.absence_to = date_edit(self, "absenceToEdit")
        self.absence_note = QLineEdit(self)
        self.absence_note.setObjectName("absenceNoteEdit")
        limit_length(self.absence_note, validation.NOTE_MAX)
        self.add_absence_button = QPushButton(self)
        self.add_absence_button.setObjectName("addAbsenceButton")
        self.add_absence_button.clicked.connect(self.add_absence)
        self.remove_absence_button = QPushButton(self)
        self.remove_absence_button.setObjectName("removeAbsenceButton")
        self.remove_absence_button.clicked.connect(self.remove_absence)
        self.absence_from.dateChanged.connect(self._on_absence_dates)
        self.absence_to.dateChanged.connect(self._on_absence_dates)
        self.absence_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_absence_buttons())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)

        self._labels: dict[str, QLabel] = {}
        self._build_layout()
        self.retranslate()
        self._validate()
        self._update_absence_buttons()

    # -- building ----------------------------------------------------------------------------------------
    def _line_edit(self, name: str, field: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.textEdited.connect(lambda _text: self._touch(field))
        edit.textChanged.connect(lambda _text: self._validate())
        return edit

    def _with_reason(self, field: QWidget, reason: QLabel | None) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        if reason is not None:
            column.addWidget(reason)
        return box

    def _label(self, key: str) -> QLabel:
        label = QLabel(self)
        self._labels[key] = label
        return label

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        r = self.reasons
        for key, field, reason in (
            (STAFF_NO, self.staff_no, r[STAFF_NO]), (NAME, self.name, r[NAME]), (SEX, self.sex, None),
            (BIRTH_DATE, self.birth_date, r[BIRTH_DATE]), ("detachment", self.detachment, None),
            (STATION, self.station, r[STATION]), (POSITION, self.position, None), (RANK, self.rank, None),
            (PHONE, self.phone, r[PHONE]),
        ):
            form.addRow(self._label(key), self._with_reason(field, reason))

        quals = QVBoxLayout()
        quals.addWidget(self._label(QUALIFICATIONS))
        quals.addWidget(self.qualification_list, 1)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addSpacing(12)
        top.addLayout(quals, 2)

        self.absence_box = QGroupBox(self)
        self.absence_box.setObjectName("absenceBox")
        adder = QHBoxLayout()
        adder.addWidget(self.absence_kind)
        adder.addWidget(self.absence_from)
        adder.addWidget(self._label("to"))
        adder.addWidget(self.absence_to)
        adder.addWidget(self.absence_note, 1)
        adder.addWidget(self.add_absence_button)
        adder.addWidget(self.remove_absence_button)
        absences = QVBoxLayout(self.absence_box)
        absences.addWidget(self.absence_table)
        absences.addLayout(adder)
        absences.addWidget(self.reasons[ABSENCES])
        self.absence_table.setMinimumHeight(self.absence_table.verticalHeader().defaultSectionSize() * 4 + 8)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.absence_box, 1)
        layout.addWidget(self.form_reason)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(max(metrics.horizontalAdvance("M") * 62, 720), max(metrics.height() * 36, 600))

    def retranslate(self) -> None:
        record = self._record
        self.setWindowTitle(self.tr("New person") if record is None else
                            self.tr("{name} ({staff_no})").format(name=record.data.name,
                                                                  staff_no=record.data.staff_no))
        for key, text in (
            (STAFF_NO, self.tr("&Staff no.:")), (NAME, self.tr("&Name:")), (SEX, self.tr("Se&x:")),
            (BIRTH_DATE, self.tr("&Born:")), ("detachment", self.tr("&Detachment:")),
            (STATION, self.tr("S&tation:")), (POSITION, self.tr("&Position:")), (RANK, self.tr("&Rank:")),
            (PHONE, self.tr("P&hone:")), (QUALIFICATIONS, self.tr("&Qualifications:")), ("to", self.tr("to")),
        ):
            self._labels[key].setText(text)
        self._labels[STAFF_NO].setBuddy(self.staff_no)
        self._labels[NAME].setBuddy(self.name)
        self._labels[SEX].setBuddy(self.sex)
        self._labels[BIRTH_DATE].setBuddy(self.birth_date)
        self._labels["detachment"].setBuddy(self.detachment)
        self._labels[STATION].setBuddy(self.station)
        self._labels[POSITION].setBuddy(self.position)
        self._labels[RANK].setBuddy(self.rank)
        self._labels[PHONE].setBuddy(self.phone)
        self._labels[QUALIFICATIONS].setBuddy(self.qualification_list)
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD, may stay empty"))
        self.phone.setPlaceholderText(self.tr("11-digit mobile number"))
        self.absence_note.setPlaceholderText(self.tr("Note"))
        self.absence_box.setTitle(self.tr("Absences (leave, sick leave, training, errands, secondment)"))
        self.add_absence_button.setText(self.tr("A&dd absence"))
        self.remove_absence_button.setText(self.tr("Re&move"))
        lang = language()
        self.absences.set_columns([
            (self.tr("Kind"), lambda e: vocab.label(vocab.ABSENCE_KIND, e.kind, lang)),
            (self.tr("From"), lambda e: e.first.isoformat()),
            (self.tr("To"), lambda e: e.last.isoformat()),
            (self.tr("Note"), lambda e: e.text),
        ])
        fit_entry_columns(self.absence_table, ["公差（借调）", "0000-00-00", "0000-00-00"])

    def _fill_stations(self) -> None:
        detachment = self.detachment.currentData()
        set_combo_items(self.station, [(s.name, s.id) for s in self._choices.stations
                                       if s.detachment_id == detachment])
        self._validate()

    # -- checking ----------------------------------------------------------------------------------------
    def _touch(self, field: str) -> None:
        self._touched.add(field)
        self._validate()

    def problems(self) -> dict[str, str]:
        """Why the form cannot be saved as it stands, by field; empty when it can."""
        out: dict[str, str] = {}
        # The services' own reasons (in the catalogue's language, which follows the window's) for their
        # limits: too long, a birth date out of range; invisible characters are dropped before comparing.
        staff_no = registers.clean_code(self.staff_no.text())
        too_long = validation.length_reason(staff_no, validation.STAFF_NO_MAX, "staff number")
        if not staff_no:
            out[STAFF_NO] = self.tr("Enter the staff number.")
        elif too_long:
            out[STAFF_NO] = too_long
        elif staff_no in self._taken:
            out[STAFF_NO] = self.tr("Staff number {value} is already used by {name}.").format(
                value=staff_no, name=self._taken[staff_no])
        name = validation.clean_name(self.name.text())
        if not name:
            out[NAME] = self.tr("Enter the name.")
        elif validation.length_reason(name, validation.NAME_MAX, "name"):
            out[NAME] = validation.length_reason(name, validation.NAME_MAX, "name")
        try:
            born = parse_date(self.birth_date.text())
        except ValueError:
            out[BIRTH_DATE] = self.tr("Write the date as YYYY-MM-DD, for example 1995-06-01.")
        else:
            reason = validation.birth_date_reason(born, dutyday.today())
            if reason:
                out[BIRTH_DATE] = reason
        if self.station.currentData() is None:
            out[STATION] = self.tr("Choose the station.")
        if not registers.phone_is_valid(self.phone.text()):
            out[PHONE] = self.tr("The phone number must have 11 digits and start with 1.")
        return out

    def _validate(self) -> None:
        if not hasattr(self, "ok_button"):
            return  # still being built
        problems = self.problems()
        for field, label in self.reasons.items():
            if field != ABSENCES:
                show_reason(label, problems.get(field, "") if field in self._touched or field == STATION else "")
        show_reason(self.form_reason, "")
        self.ok_button.setEnabled(not problems)
        self.ok_button.setToolTip("\n".join(problems.values()))

    def show_errors(self, errors: list[FieldError]) -> None:
        """The services' reasons, each under its field (or under the form when it has no place)."""
        general = []
        for error in errors:
            field = ABSENCES if error.field in _ABSENCE_FIELDS else error.field
            label = self.reasons.get(field)
            if label is None:
                general.append(error.reason)
            else:
                self._touched.add(field)
                show_reason(label, error.reason)
        show_reason(self.form_reason, "\n".join(general))

    # -- absences ------------------------------------------------------------------------------------------
    def _on_absence_dates(self) -> None:
        first, last = from_qdate(self.absence_from.date()), from_qdate(self.absence_to.date())
        if self.sender() is self.absence_from and last < first:
            # Moving the start past the end takes the end along: a one-day absence by default.
            self.absence_to.setDate(self.absence_from.date())
            return
        self._update_absence_buttons()

    def _update_absence_buttons(self) -> None:
        first, last = from_qdate(self.absence_from.date()), from_qdate(self.absence_to.date())
        wrong = last < first
        show_reason(self.reasons[ABSENCES], self.tr("The last day must not be before the first.") if wrong else "")
        self.add_absence_button.setEnabled(not wrong)
        self.remove_absence_button.setEnabled(self.absence_table.currentIndex().isValid())

    def add_absence(self) -> None:
        first, last = from_qdate(self.absence_from.date()), from_qdate(self.absence_to.date())
        if last < first:
            return
        row = self.absences.add(Entry(None, first, last, self.absence_kind.currentData(),
                                      registers.clean_text(self.absence_note.text())))
        self.absence_note.clear()
        self.absence_table.setCurrentIndex(self.absences.index(row, 0))
        self._update_absence_buttons()

    def remove_absence(self) -> None:
        index = self.absence_table.currentIndex()
        if not index.isValid():
            return
        entry = self.absences.remove(index.row())
        if entry.id is not None:
            self._removed.append(entry.id)
        self._update_absence_buttons()

    # -- result ----------------------------------------------------------------------------------------------
    def form(self) -> PersonForm:
        try:
            born = parse_date(self.birth_date.text())
        except ValueError:
            born = None
        data = PersonData(
            staff_no=self.staff_no.text(), name=self.name.text(), station_id=self.station.currentData(),
            sex=self.sex.currentData(), birth_date=born, rank_id=self.rank.currentData(),
            position_id=self.position.currentData(), phone=self.phone.text(),
            qualification_ids=self.qualifications.checked(),
            active=self._record.data.active if self._record else True)
        added = tuple(e for e in self.absences.entries() if e.id is None)
        return PersonForm(data, added, tuple(self._removed))

    def try_accept(self) -> bool:
        """Save through ``submit``; the services' refusals are shown and the form stays open."""
        if self.problems():
            self._touched.update(self.reasons)
            self._validate()
            return False
        try:
            self.submit(self.form())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except Conflict as exc:
            show_reason(self.form_reason, exc.message)
            return False
        self.accept()
        return True
