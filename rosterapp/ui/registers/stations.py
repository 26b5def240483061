"""The Stations tab: the organisation (stations under their detachments) and each station's minimum strength."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from rosterapp import reference_data, vocab
from rosterapp.errors import Conflict, FieldError, ValidationError
from rosterapp.i18n import language
from rosterapp.services import changes, registers
from rosterapp.services.registers import MAX_MINIMUM, RegisterChoices, StationRecord, StationRow
from rosterapp.services.roster import pinyin_key
from rosterapp.ui.commands import STATION
from rosterapp.ui.registers.editor import RegisterEditor, SeenVersion
from rosterapp.ui.registers.forms import (
    reason_label,
    select_data,
    set_combo_items,
    show_reason,
)
from rosterapp.ui.registers.page import RegisterPage
from rosterapp.ui.registers.rows import (
    Line,
    RowsFilter,
    RowsModel,
)

# Columns.
DETACHMENT, NAME, SHORT_NAME, GRADE, MIN_PEOPLE, MIN_VEHICLES, PEOPLE, VEHICLES = range(8)

# Heavier stations first when sorting by grade.
_GRADE_ORDER = {"special": 0, "level1": 1, "level2": 2, "small": 3}
# A minimum spin box at this value means "the grade's default" (stored as NULL).
DEFAULT = -1


class StationsModel(RowsModel):
    """Stations as Lines: their grade and the minimum strength they must keep on duty."""

    HEADERS = (
        (QT_TRANSLATE_NOOP("StationsModel", "Detachment"), ""),
        (QT_TRANSLATE_NOOP("StationsModel", "Station"), ""),
        (QT_TRANSLATE_NOOP("StationsModel", "Short name"),
         QT_TRANSLATE_NOOP("StationsModel", "What clerks type for the station (the name without its suffix)")),
        (QT_TRANSLATE_NOOP("StationsModel", "Grade"), ""),
        (QT_TRANSLATE_NOOP("StationsModel", "Min. people"),
         QT_TRANSLATE_NOOP("StationsModel", "The fewest people the station keeps on duty each duty day")),
        (QT_TRANSLATE_NOOP("StationsModel", "Min. vehicles"),
         QT_TRANSLATE_NOOP("StationsModel", "The fewest vehicles the station keeps ready each duty day")),
        (QT_TRANSLATE_NOOP("StationsModel", "People"), QT_TRANSLATE_NOOP("StationsModel", "Active people")),
        (QT_TRANSLATE_NOOP("StationsModel", "Vehicles"), QT_TRANSLATE_NOOP("StationsModel", "Active vehicles")),
    )
    NUMBER_COLUMNS = frozenset({MIN_PEOPLE, MIN_VEHICLES, PEOPLE, VEHICLES})

    def set_stations(self, stations: list[StationRow]) -> None:
        lang = language()
        lines = []
        for order, s in enumerate(stations):
            people = self._minimum(s.min_people, s.default_people)
            vehicles = self._minimum(s.min_vehicles, s.default_vehicles)
            display = (s.detachment, s.name, s.short_name, vocab.label(vocab.STATION_GRADE, s.grade, lang), people,
                       vehicles, str(s.people), str(s.vehicles))
            sort = (order, pinyin_key(s.name)[0], pinyin_key(s.short_name)[0], (_GRADE_ORDER.get(s.grade, 9), order),
                    s.effective_people, s.effective_vehicles, s.people, s.vehicles)
            default_tip = self.tr("The default of a {grade}").format(
                grade=vocab.label(vocab.STATION_GRADE, s.grade, lang))
            tips = ("", "", "", "", default_tip if s.min_people is None else "",
                    default_tip if s.min_vehicles is None else "", "", "")
            lines.append(Line(s.id, s, display, sort, True, (s.name, s.detachment), (pinyin_key(s.short_name)[1],),
                              tips))
        self.set_lines(lines)

    def _minimum(self, value: int | None, default: int) -> str:
        return str(value) if value is not None else self.tr("{count} (default)").format(count=default)


class StationsFilter(RowsFilter):
    """The stations of the navigator's detachment (or the one station selected there)."""


class StationsPage(RegisterPage):
    """The Stations tab (objectName ``stationsPage``; its table is ``stationTable``)."""

    REGISTERS = frozenset({changes.STATIONS, changes.PEOPLE, changes.VEHICLES})

    def __init__(self, editor: RegisterEditor, parent: QWidget | None = None):
        self.choices = RegisterChoices((), (), (), (), (), ())
        super().__init__(editor, StationsModel(), StationsFilter(), "stationTable", parent)
        self.setObjectName("stationsPage")
        self.model.setParent(self)
        self.proxy.setParent(self)
        self.dialog: StationDialog | None = None
        # Numbers end the row: a stretched last column would push them to the far edge.
        self.view.horizontalHeader().setStretchLastSection(False)
        self.hint = QLabel(self)
        self.hint.setObjectName("stationHint")
        self.hint.setWordWrap(True)
        self.add_button = self.button("addStationButton", self.add)
        self.edit_button = self.button("editStationButton", self.edit)
        self.arrange(None, [], [], [self.add_button, self.edit_button], top=self.hint)
        self.retranslate()
        self.update_buttons()

    def tab_title(self) -> str:
        return self.tr("Stations")

    def retranslate(self) -> None:
        self.hint.setText(self.tr(
            "Each station must keep a minimum of people and vehicles on duty every duty day; the checks "
            "report the days it falls short. An empty minimum takes the default of the station's grade."))
        self.add_button.setText(self.tr("&Add station…"))
        self.edit_button.setText(self.tr("&Edit station…"))
        self.new_action.setText(self.tr("New &Station…"))
        self.new_action.setStatusTip(self.tr("Add a station to a detachment"))
        self.model.retranslate()
        self.update_count()

    def update_count(self) -> None:
        self.count_label.setText(self.tr("{scope}: {shown} stations").format(
            scope=self.scope.label or self.tr("All units"), shown=self.proxy.rowCount()))

    def update_buttons(self) -> None:
        self.edit_button.setEnabled(self.current_id() is not None)

    def load(self, session: Session) -> None:
        self.choices = registers.register_choices(session)
        self.model.set_stations(registers.list_stations(session))
        self.fit_columns({DETACHMENT: "石景山支队", NAME: "西直门消防救援站", SHORT_NAME: "西直门",
                          GRADE: vocab.label(vocab.STATION_GRADE, "special", language()),
                          MIN_PEOPLE: self.tr("{count} (default)").format(count=88),
                          MIN_VEHICLES: self.tr("{count} (default)").format(count=8), PEOPLE: "888", VEHICLES: "88"})

    def _taken_names(self, station_id: int | None) -> dict[str, str]:
        taken = {}
        for line in self.model.lines():
            if line.id != station_id:
                taken[line.item.name] = line.item.name
                taken[line.item.short_name] = line.item.name
        return taken

    def add(self) -> StationDialog:
        """Open the form for a new station (in the navigator's detachment); OK adds it as one undo step."""
        self.ensure_fresh()
        detachment = self.scope.detachment_id
        if detachment is None and self.scope.station_id is not None:
            detachment = next((s.detachment_id for s in self.choices.stations if s.id == self.scope.station_id), None)
        dialog = StationDialog(self.choices, self._taken_names(None), None, detachment, self)
        dialog.submit = lambda dlg: self._save(None, dlg)
        return self._open(dialog)

    def edit(self, key: int | None = None) -> StationDialog | None:
        key = self.current_id() if key is None else key
        if key is None:
            return None
        with self.db.read() as session:
            record = registers.station_record(session, key)
        if record is None:
            return None
        dialog = StationDialog(self.choices, self._taken_names(key), record, record.detachment_id, self)
        seen = SeenVersion(record.version, lambda: self._version(key))  # only over the version read here
        dialog.submit = lambda dlg: seen.save(lambda version: self._save(key, dlg, version))
        return self._open(dialog)

    def _open(self, dialog: StationDialog) -> StationDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def _version(self, key: int) -> int | None:
        with self.db.read() as session:
            record = registers.station_record(session, key)
        return None if record is None else record.version

    def _save(self, station_id: int | None, dialog: StationDialog, version: int | None = None) -> int:
        name, grade = dialog.station_name(), dialog.grade.currentData()
        people, vehicles = dialog.minimums()

        def apply(session: Session) -> int:
            return registers.save_station(session, station_id, detachment_id=dialog.detachment.currentData(),
                                          name=name, grade=grade, min_people=people, min_vehicles=vehicles,
                                          expected_version=version)

        if station_id is None:
            text = self.tr("Add station {name}").format(name=name)
        else:
            old = self.model.line(self.model.row_of(station_id)).item
            text = self.tr("Rename {old} to {name}").format(old=old.name, name=name) if old.name != name.strip() \
                else self.tr("Edit station {name}").format(name=name)
        key = self.editor.commit(text, STATION, station_id, apply)
        self.main_window.tabs.setCurrentWidget(self)
        self.ensure_fresh()
        self.select_id(key)
        return key


class StationDialog(QDialog):
    """Add a station to a detachment, or rename one and set its grade and minimum strength."""

    def __init__(self, choices: RegisterChoices, taken: dict[str, str], record: StationRecord | None,
                 detachment_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stationDialog")
        self.setModal(True)
        self.submit: Callable[[StationDialog], object] = lambda dialog: None
        self._record = record
        self._taken = taken
        self._touched = False
        lang = language()

        self.detachment = QComboBox(self)
        self.detachment.setObjectName("detachmentCombo")
        set_combo_items(self.detachment, [(d.name, d.id) for d in choices.detachments])
        if detachment_id is not None:
            select_data(self.detachment, detachment_id)
        self.detachment.setEnabled(record is None)  # moving a station with its people is another matter
        self.name = QLineEdit(record.name if record else "", self)
        self.name.setObjectName("stationNameEdit")
        self.name.textEdited.connect(self._on_name_edited)
        self.name.textChanged.connect(lambda _t: self._validate())
        self.name_reason = reason_label(self, "stationNameReason")
        self.grade = QComboBox(self)
        self.grade.setObjectName("gradeCombo")
        set_combo_items(self.grade, [(vocab.label(vocab.STATION_GRADE, g, lang), g) for g in vocab.STATION_GRADE])
        select_data(self.grade, record.grade if record else "level1")
        self._grade_chosen = record is not None
        self.grade.activated.connect(lambda _i: setattr(self, "_grade_chosen", True))
        self.grade.currentIndexChanged.connect(lambda _i: self._update_defaults())
        self.min_people = self._spin("minPeopleSpin", record.min_people if record else None)
        self.min_vehicles = self._spin("minVehiclesSpin", record.min_vehicles if record else None)
        self.form_reason = reason_label(self, "formReason")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("okButton")
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)

        name_box = QWidget(self)
        column = QVBoxLayout(name_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.name)
        column.addWidget(self.name_reason)
        self._labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label, field in zip(self._labels, (self.detachment, name_box, self.grade, self.min_people,
                                               self.min_vehicles), strict=True):
            form.addRow(label, field)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.form_reason)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._validate()
        self.resize(max(self.fontMetrics().horizontalAdvance("M") * 40, 460), self.sizeHint().height())

    def _spin(self, name: str, value: int | None) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(DEFAULT, MAX_MINIMUM)
        spin.setValue(DEFAULT if value is None else value)
        return spin

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New station") if self._record is None else self._record.name)
        for label, text, buddy in zip(self._labels, (
                self.tr("&Detachment:"), self.tr("&Name:"), self.tr("&Grade:"), self.tr("Minimum &people:"),
                self.tr("Minimum &vehicles:")), (self.detachment, self.name, self.grade, self.min_people,
                                                 self.min_vehicles), strict=True):
            label.setText(text)
            label.setBuddy(buddy)
        self.name.setPlaceholderText(self.tr("for example 东直门消防救援站"))
        self.hint.setText(self.tr("The minimums are the people and vehicles on duty each duty day; "
                                  "at the lowest value they follow the grade's default."))
        self._update_defaults()

    def _update_defaults(self) -> None:
        people, vehicles = registers.grade_minimums(self.grade.currentData())
        self.min_people.setSpecialValueText(self.tr("Grade default ({count})").format(count=people))
        self.min_vehicles.setSpecialValueText(self.tr("Grade default ({count})").format(count=vehicles))

    def _on_name_edited(self, text: str) -> None:
        self._touched = True
        if not self._grade_chosen:
            # A new 特勤站 or 小型站 says its grade in its name.
            select_data(self.grade, reference_data.station_grade(text.strip()))

    def station_name(self) -> str:
        return registers.clean_text(self.name.text())

    def minimums(self) -> tuple[int | None, int | None]:
        return tuple(None if spin.value() == DEFAULT else spin.value()
                     for spin in (self.min_people, self.min_vehicles))  # type: ignore[return-value]

    def problem(self) -> str:
        name = self.station_name()
        if not name:
            return self.tr("Enter the station's name.")
        for candidate in (name, reference_data.station_short_name(name)):
            if candidate in self._taken:
                return self.tr("{name} already goes by this name.").format(name=self._taken[candidate])
        return ""

    def _validate(self) -> None:
        if not hasattr(self, "ok_button"):
            return
        problem = self.problem()
        show_reason(self.name_reason, problem if self._touched else "")
        show_reason(self.form_reason, "")
        self.ok_button.setEnabled(not problem)
        self.ok_button.setToolTip(problem)

    def show_errors(self, errors: list[FieldError]) -> None:
        general = []
        for error in errors:
            if error.field == "name":
                show_reason(self.name_reason, error.reason)
            else:
                general.append(error.reason)
        show_reason(self.form_reason, "\n".join(general))

    def try_accept(self) -> bool:
        if self.problem():
            self._touched = True
            self._validate()
            return False
        try:
            self.submit(self)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except Conflict as exc:
            show_reason(self.form_reason, exc.message)
            return False
        self.accept()
        return True
