"""The form for one vehicle: plate, call sign, type, station, seats and status, and its maintenance windows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rosterapp import vocab
from rosterapp.errors import Conflict, FieldError, ValidationError
from rosterapp.i18n import language
from rosterapp.services import registers, validation
from rosterapp.services.dutyday import day_span
from rosterapp.services.plates import normalize_plate
from rosterapp.services.registers import RegisterChoices, VehicleData, VehicleRecord
from rosterapp.ui.registers.entries import (
    EntriesModel,
    Entry,
    entries_view,
    fit_entry_columns,
)
from rosterapp.ui.registers.forms import (
    date_edit,
    from_qdate,
    limit_length,
    reason_label,
    select_data,
    set_combo_items,
    show_reason,
)

PLATE, CALL_SIGN, TYPE, STATION, SEATS, STATUS, MAINTENANCE = (
    "plate", "call_sign", "type_id", "station_id", "seats", "status", "maintenance")
WATER, FOAM, POWDER = "water_t", "foam_t", "powder_kg"
LOAD_FIELDS = (WATER, FOAM, POWDER)
_WINDOW_FIELDS = {"start", "end"}


@dataclass(frozen=True)
class VehicleForm:
    """What OK hands over: the vehicle's data and the maintenance windows added and removed."""

    data: VehicleData
    added: tuple[Entry, ...]
    removed: tuple[int, ...]


class VehicleDialog(QDialog):
    """Add or edit a vehicle; OK stays disabled while the plate is missing or taken.

    ``submit(form)`` saves, raising the services' ValidationError (shown under the fields).
    """

    def __init__(self, choices: RegisterChoices, taken: set[str], record: VehicleRecord | None,
                 station_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vehicleDialog")
        self.setModal(True)
        self.submit: Callable[[VehicleForm], object] = lambda form: None
        self._choices = choices
        # Plates compare in their one spelling (京X0050应急 is 京X·0050应急); the vehicle's own plate is
        # never taken, even when an older database also holds it in another spelling.
        own = normalize_plate(record.data.plate) if record else None
        self._taken = {normalize_plate(p) for p in taken} - {own}
        self._record = record
        self._touched: set[str] = set()
        self._removed: list[int] = []
        self._seats_edited = record is not None
        data = record.data if record else None
        lang = language()

        self.plate = QLineEdit(data.plate if data else "", self)
        self.plate.setObjectName("plateEdit")
        self.plate.textEdited.connect(lambda _t: self._touch(PLATE))
        self.plate.textChanged.connect(lambda _t: self._validate())
        self.call_sign = QLineEdit(data.call_sign if data else "", self)
        self.call_sign.setObjectName("callSignEdit")
        self.call_sign.textChanged.connect(lambda _t: self._validate())
        limit_length(self.plate, validation.PLATE_MAX)
        limit_length(self.call_sign, validation.CALL_SIGN_MAX)
        self.type = QComboBox(self)
        self.type.setObjectName("typeCombo")
        set_combo_items(self.type, [(f"{t.name} {t.code}", t.id) for t in choices.vehicle_types])
        self.detachment = QComboBox(self)
        self.detachment.setObjectName("detachmentCombo")
        set_combo_items(self.detachment, [(d.name, d.id) for d in choices.detachments])
        self.station = QComboBox(self)
        self.station.setObjectName("stationCombo")
        self.seats = QSpinBox(self)
        self.seats.setObjectName("seatsSpin")
        self.seats.setRange(1, 12)
        # The agents carried (执勤实力): a new vehicle takes its type's loads, and a change of type
        # proposes the new type's loads, until the clerk types one.
        self.loads: dict[str, QDoubleSpinBox] = {}
        for field, name, decimals, step in ((WATER, "waterSpin", 1, 0.5), (FOAM, "foamSpin", 1, 0.5),
                                            (POWDER, "powderSpin", 0, 100.0)):
            spin = QDoubleSpinBox(self)
            spin.setObjectName(name)
            spin.setDecimals(decimals)
            spin.setSingleStep(step)
            spin.setRange(0.0, registers.LOAD_LIMITS[field])
            spin.setSuffix(" kg" if field == POWDER else " t")
            self.loads[field] = spin
        self._loads_edited = record is not None
        self.status = QComboBox(self)
        self.status.setObjectName("statusCombo")
        set_combo_items(self.status, [(vocab.label(vocab.VEHICLE_STATUS, s, lang), s) for s in vocab.VEHICLE_STATUS])
        self.reasons = {field: reason_label(self, f"{name}Reason") for field, name in (
            (PLATE, "plate"), (CALL_SIGN, "callSign"), (TYPE, "type"), (STATION, "station"), (SEATS, "seats"),
            (WATER, "water"), (FOAM, "foam"), (POWDER, "powder"), (MAINTENANCE, "maintenance"))}
        self.form_reason = reason_label(self, "formReason")
        if record is not None:
            self._touched.add(PLATE)  # a stored plate that breaks a rule made since says so at once

        station = data.station_id if data else station_id
        home = next((s for s in choices.stations if s.id == station), None)
        if home is not None:
            select_data(self.detachment, home.detachment_id)
        self._fill_stations()
        if home is not None:
            select_data(self.station, home.id)
        if data:
            select_data(self.type, data.type_id)
            select_data(self.status, data.status)
            self.seats.setValue(data.seats or 1)
            for field, spin in self.loads.items():
                spin.setValue(getattr(data, field) or 0.0)
        else:
            select_data(self.type, next((t.id for t in choices.vehicle_types if t.code == "SG"), None))
            self._type_seats()
        self.detachment.currentIndexChanged.connect(lambda _i: self._fill_stations())
        self.station.currentIndexChanged.connect(lambda _i: self._validate())
        self.type.currentIndexChanged.connect(lambda _i: self._type_seats())
        self.seats.valueChanged.connect(lambda _v: setattr(self, "_seats_edited", True))
        for spin in self.loads.values():
            spin.valueChanged.connect(lambda _v: setattr(self, "_loads_edited", True))

        self.windows = EntriesModel(parent=self)
        self.windows.set_entries([Entry(m.id, *day_span(m.start, m.end), "", m.reason)
                                  for m in (record.maintenance if record else ())])
        self.window_table = entries_view(self.windows, "maintenanceTable", self)
        self.window_from = date_edit(self, "maintenanceFromEdit")
        self.window_to = date_edit(self, "maintenanceToEdit")
        self.window_reason = QLineEdit(self)
        self.window_reason.setObjectName("maintenanceReasonEdit")
        limit_length(self.window_reason, validation.NOTE_MAX)
        self.add_window_button = QPushButton(self)
        self.add_window_button.setObjectName("addMaintenanceButton")
        self.add_window_button.clicked.connect(self.add_window)
        self.remove_window_button = QPushButton(self)
        self.remove_window_button.setObjectName("removeMaintenanceButton")
        self.remove_window_button.clicked.connect(self.remove_window)
        self.window_from.dateChanged.connect(self._on_window_dates)
        self.window_to.dateChanged.connect(self._on_window_dates)
        self.window_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_window_buttons())

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
        self._update_window_buttons()

    # -- building ----------------------------------------------------------------------------------------
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
            (PLATE, self.plate, r[PLATE]), (CALL_SIGN, self.call_sign, r[CALL_SIGN]), (TYPE, self.type, r[TYPE]),
            ("detachment", self.detachment, None), (STATION, self.station, r[STATION]),
            (SEATS, self.seats, r[SEATS]), (WATER, self.loads[WATER], r[WATER]),
            (FOAM, self.loads[FOAM], r[FOAM]), (POWDER, self.loads[POWDER], r[POWDER]), (STATUS, self.status, None),
        ):
            form.addRow(self._label(key), self._with_reason(field, reason))

        self.window_box = QGroupBox(self)
        self.window_box.setObjectName("maintenanceBox")
        adder = QHBoxLayout()
        adder.addWidget(self.window_from)
        adder.addWidget(self._label("to"))
        adder.addWidget(self.window_to)
        adder.addWidget(self.window_reason, 1)
        adder.addWidget(self.add_window_button)
        adder.addWidget(self.remove_window_button)
        windows = QVBoxLayout(self.window_box)
        windows.addWidget(self.window_table)
        windows.addLayout(adder)
        windows.addWidget(self.reasons[MAINTENANCE])
        self.window_table.setMinimumHeight(self.window_table.verticalHeader().defaultSectionSize() * 4 + 8)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.window_box, 1)
        layout.addWidget(self.form_reason)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(max(metrics.horizontalAdvance("M") * 52, 620), max(metrics.height() * 30, 520))

    def retranslate(self) -> None:
        record = self._record
        self.setWindowTitle(self.tr("New vehicle") if record is None else
                            self.tr("{call_sign} ({plate})").format(call_sign=record.data.call_sign,
                                                                    plate=record.data.plate))
        for key, text in (
            (PLATE, self.tr("&Plate:")), (CALL_SIGN, self.tr("&Call sign:")), (TYPE, self.tr("&Type:")),
            ("detachment", self.tr("&Detachment:")), (STATION, self.tr("S&tation:")), (SEATS, self.tr("S&eats:")),
            (STATUS, self.tr("St&atus:")), ("to", self.tr("to")), (WATER, self.tr("&Water:")),
            (FOAM, self.tr("&Foam:")), (POWDER, self.tr("Dry &powder:")),
        ):
            self._labels[key].setText(text)
        for key, field in ((PLATE, self.plate), (CALL_SIGN, self.call_sign), (TYPE, self.type),
                           ("detachment", self.detachment), (STATION, self.station), (SEATS, self.seats),
                           (STATUS, self.status), (WATER, self.loads[WATER]), (FOAM, self.loads[FOAM]),
                           (POWDER, self.loads[POWDER])):
            self._labels[key].setBuddy(field)
        self.plate.setPlaceholderText(self.tr("for example 京X·1234应急"))
        self.call_sign.setPlaceholderText(self.tr("for example 前门1号水罐"))
        self.window_reason.setPlaceholderText(self.tr("Reason"))
        self.window_box.setTitle(self.tr("Maintenance windows (the vehicle is out of service)"))
        self.add_window_button.setText(self.tr("A&dd window"))
        self.remove_window_button.setText(self.tr("Re&move"))
        self.windows.set_columns([
            (self.tr("From"), lambda e: e.first.isoformat()),
            (self.tr("To"), lambda e: e.last.isoformat()),
            (self.tr("Reason"), lambda e: e.text),
        ])
        fit_entry_columns(self.window_table, ["0000-00-00", "0000-00-00"])

    def _fill_stations(self) -> None:
        detachment = self.detachment.currentData()
        set_combo_items(self.station, [(s.name, s.id) for s in self._choices.stations
                                       if s.detachment_id == detachment])
        self._validate()

    def _type_seats(self) -> None:
        """A new vehicle takes its type's seats and loads until the clerk sets them; a new vehicle whose
        type changes is offered the new type's loads again."""
        vtype = next((t for t in self._choices.vehicle_types if t.id == self.type.currentData()), None)
        if vtype is None:
            return
        if not self._seats_edited:
            self.seats.blockSignals(True)
            self.seats.setValue(vtype.default_seats)
            self.seats.blockSignals(False)
        if self._record is None or not self._loads_edited:
            for field, spin in self.loads.items():
                spin.blockSignals(True)
                spin.setValue(getattr(vtype, f"default_{field}"))
                spin.blockSignals(False)
            self._loads_edited = False

    # -- checking ----------------------------------------------------------------------------------------
    def _touch(self, field: str) -> None:
        self._touched.add(field)
        self._validate()

    def problems(self) -> dict[str, str]:
        out: dict[str, str] = {}
        plate = normalize_plate(self.plate.text())
        too_long = validation.length_reason(plate, validation.PLATE_MAX, "plate")
        if not plate:
            out[PLATE] = self.tr("Enter the plate.")
        elif too_long:
            out[PLATE] = too_long  # the services' reason, in the catalogue's language (the window's)
        elif plate in self._taken:
            out[PLATE] = self.tr("Plate {value} is already registered.").format(value=plate)
        if self.type.currentData() is None:
            out[TYPE] = self.tr("Choose the vehicle type.")
        if self.station.currentData() is None:
            out[STATION] = self.tr("Choose the station.")
        call_sign = validation.length_reason(validation.clean_name(self.call_sign.text()), validation.CALL_SIGN_MAX,
                                             "call sign")
        if call_sign:
            out[CALL_SIGN] = call_sign
        return out

    def _validate(self) -> None:
        if not hasattr(self, "ok_button"):
            return
        problems = self.problems()
        for field, label in self.reasons.items():
            if field != MAINTENANCE:
                show_reason(label, problems.get(field, "") if field in self._touched or field != PLATE else "")
        show_reason(self.form_reason, "")
        self.ok_button.setEnabled(not problems)
        self.ok_button.setToolTip("\n".join(problems.values()))

    def show_errors(self, errors: list[FieldError]) -> None:
        general = []
        for error in errors:
            field = MAINTENANCE if error.field in _WINDOW_FIELDS else error.field
            label = self.reasons.get(field)
            if label is None:
                general.append(error.reason)
            else:
                show_reason(label, error.reason)
        show_reason(self.form_reason, "\n".join(general))

    # -- maintenance windows ---------------------------------------------------------------------------
    def _on_window_dates(self) -> None:
        first, last = from_qdate(self.window_from.date()), from_qdate(self.window_to.date())
        if self.sender() is self.window_from and last < first:
            self.window_to.setDate(self.window_from.date())
            return
        self._update_window_buttons()

    def _update_window_buttons(self) -> None:
        first, last = from_qdate(self.window_from.date()), from_qdate(self.window_to.date())
        wrong = last < first
        show_reason(self.reasons[MAINTENANCE], self.tr("The last day must not be before the first.") if wrong else "")
        self.add_window_button.setEnabled(not wrong)
        self.remove_window_button.setEnabled(self.window_table.currentIndex().isValid())

    def add_window(self) -> None:
        first, last = from_qdate(self.window_from.date()), from_qdate(self.window_to.date())
        if last < first:
            return
        row = self.windows.add(Entry(None, first, last, "", registers.clean_text(self.window_reason.text())))
        self.window_reason.clear()
        self.window_table.setCurrentIndex(self.windows.index(row, 0))
        self._update_window_buttons()

    def remove_window(self) -> None:
        index = self.window_table.currentIndex()
        if not index.isValid():
            return
        entry = self.windows.remove(index.row())
        if entry.id is not None:
            self._removed.append(entry.id)
        self._update_window_buttons()

    # -- result ----------------------------------------------------------------------------------------------
    def form(self) -> VehicleForm:
        data = VehicleData(plate=self.plate.text(), call_sign=self.call_sign.text(), type_id=self.type.currentData(),
                           station_id=self.station.currentData(), seats=self.seats.value(),
                           status=self.status.currentData(),
                           active=self._record.data.active if self._record else True,
                           **{field: spin.value() for field, spin in self.loads.items()})
        added = tuple(e for e in self.windows.entries() if e.id is None)
        return VehicleForm(data, added, tuple(self._removed))

    def try_accept(self) -> bool:
        if self.problems():
            self._touched.add(PLATE)
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
