"""The Vehicles tab: the register of fire vehicles, their status and maintenance windows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from operator import attrgetter

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services import dutyday, registers
from rosterapp.services.changes import STATIONS, VEHICLES
from rosterapp.services.dutyday import day_span
from rosterapp.services.registers import MaintenanceRow, RegisterChoices, VehicleRow
from rosterapp.services.roster import pinyin_key
from rosterapp.ui.commands import VEHICLE
from rosterapp.ui.registers.editor import RegisterEditor, SeenVersion
from rosterapp.ui.registers.forms import (
    current_or_next,
    format_days,
    set_combo_items,
)
from rosterapp.ui.registers.page import RegisterPage
from rosterapp.ui.registers.rows import (
    Line,
    RowsFilter,
    RowsModel,
)
from rosterapp.ui.registers.vehicle_dialog import VehicleDialog, VehicleForm

# Columns.
CALL_SIGN, PLATE, TYPE, DETACHMENT, STATION, SEATS, STATUS, MAINTENANCE, ACTIVE, LOADS = range(10)

YES, NO = "active", "inactive"


class VehiclesModel(RowsModel):
    """Vehicles as Lines, with their type, status and next maintenance window written out."""

    HEADERS = (
        (QT_TRANSLATE_NOOP("VehiclesModel", "Call sign"), QT_TRANSLATE_NOOP("VehiclesModel", "Radio call sign")),
        (QT_TRANSLATE_NOOP("VehiclesModel", "Plate"), ""),
        (QT_TRANSLATE_NOOP("VehiclesModel", "Type"), ""),
        (QT_TRANSLATE_NOOP("VehiclesModel", "Detachment"), ""),
        (QT_TRANSLATE_NOOP("VehiclesModel", "Station"), ""),
        (QT_TRANSLATE_NOOP("VehiclesModel", "Seats"), ""),
        (QT_TRANSLATE_NOOP("VehiclesModel", "Status"), QT_TRANSLATE_NOOP("VehiclesModel", "In service, in maintenance or reserve")),
        (QT_TRANSLATE_NOOP("VehiclesModel", "Maintenance"),
         QT_TRANSLATE_NOOP("VehiclesModel", "The maintenance window under way, or else the next one")),
        (QT_TRANSLATE_NOOP("VehiclesModel", "In use"),
         QT_TRANSLATE_NOOP("VehiclesModel", "Inactive vehicles are kept for their history")),
        (QT_TRANSLATE_NOOP("VehiclesModel", "Water t / foam t / powder kg"),
         QT_TRANSLATE_NOOP("VehiclesModel", "The extinguishing agents the vehicle carries (执勤实力)")),
    )
    NUMBER_COLUMNS = frozenset({SEATS})

    def set_vehicles(self, vehicles: list[VehicleRow], maintenance: dict[int, MaintenanceRow]) -> None:
        lang = language()
        active_text, inactive_text = self.tr("Active"), self.tr("Inactive")
        lines = []
        for order, v in enumerate(vehicles):
            window = maintenance.get(v.id)
            if window is not None:
                window_text = format_days(*day_span(window.start, window.end))
                if window.reason:
                    window_text += f" {window.reason}"
                window_sort = window.start.isoformat()
            else:
                window_text = window_sort = ""
            vtype = f"{v.type_name} {v.type_code}"
            display = (v.call_sign, v.plate, vtype, v.detachment, v.station, str(v.seats),
                       vocab.label(vocab.VEHICLE_STATUS, v.status, lang), window_text,
                       active_text if v.active else inactive_text,
                       f"{v.water_t:g} / {v.foam_t:g} / {v.powder_kg:g}")
            sort = (pinyin_key(v.call_sign)[0] if v.call_sign else "~", v.plate, v.type_code, order, order, v.seats,
                    v.status, window_sort, (not v.active, order), (v.water_t, v.foam_t, v.powder_kg))
            tips = ("", "", "", "", "", "", "", window_text, "", "")
            keys = (pinyin_key(v.call_sign)[1],) if v.call_sign else ()
            lines.append(Line(v.id, v, display, sort, v.active, (v.call_sign, v.plate, v.type_name, v.type_code), keys,
                              tips))
        self.set_lines(lines)


@dataclass(frozen=True)
class VehicleCriteria:
    detachment_id: int | None = None
    station_id: int | None = None
    type_id: int | None = None
    status: str | None = None
    active: str | None = None


class VehiclesFilter(RowsFilter):
    """The vehicles of the navigator's scope that the filter bar lets through."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.criteria = VehicleCriteria()

    def set_criteria(self, **changes) -> None:
        self.refilter(lambda: setattr(self, "criteria", replace(self.criteria, **changes)))

    def accepts(self, line: Line) -> bool:
        c = self.criteria
        v: VehicleRow = line.item
        return ((c.detachment_id is None or v.detachment_id == c.detachment_id)
                and (c.station_id is None or v.station_id == c.station_id)
                and (c.type_id is None or v.type_id == c.type_id)
                and (c.status is None or v.status == c.status)
                and (c.active is None or v.active == (c.active == YES)))



class VehiclesPage(RegisterPage):
    """The Vehicles tab (objectName ``vehiclesPage``; its table is ``vehicleTable``)."""

    REGISTERS = frozenset({VEHICLES, STATIONS})

    def __init__(self, editor: RegisterEditor, parent: QWidget | None = None):
        self.choices = RegisterChoices((), (), (), (), (), ())
        super().__init__(editor, VehiclesModel(), VehiclesFilter(), "vehicleTable", parent)
        self.setObjectName("vehiclesPage")
        self.model.setParent(self)
        self.proxy.setParent(self)
        self.dialog: VehicleDialog | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("vehicleSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.detachment_filter = self.combo("vehicleDetachmentFilter", self._on_detachment)
        self.station_filter = self.combo("vehicleStationFilter", self._apply_filters)
        self.type_filter = self.combo("vehicleTypeFilter", self._apply_filters)
        self.status_filter = self.combo("vehicleStatusFilter", self._apply_filters)
        self.active_filter = self.combo("vehicleActiveFilter", self._apply_filters)

        self.add_button = self.button("addVehicleButton", self.add)
        self.edit_button = self.button("editVehicleButton", self.edit)
        self.deactivate_button = self.button("deactivateVehicleButton", self.toggle_active)
        self.delete_button = self.button("deleteVehicleButton", self.delete)

        self.arrange(self.search, [self.active_filter],
                     [self.detachment_filter, self.station_filter, self.type_filter, self.status_filter],
                     [self.add_button, self.edit_button, self.deactivate_button, self.delete_button])
        self.retranslate()
        self.update_buttons()

    # -- text ------------------------------------------------------------------------------------------
    def tab_title(self) -> str:
        return self.tr("Vehicles")

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Call sign, plate or type"))
        self.add_button.setText(self.tr("&Add vehicle…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.new_action.setText(self.tr("New &Vehicle…"))
        self.new_action.setStatusTip(self.tr("Add a vehicle to the register"))
        self.model.retranslate()
        self._fill_filters()
        self.update_buttons()
        self.update_count()

    def _fill_filters(self) -> None:
        c = self.choices
        lang = language()
        set_combo_items(self.detachment_filter, [(self.tr("All detachments"), None)]
                        + [(d.name, d.id) for d in c.detachments])
        self._fill_stations()
        set_combo_items(self.type_filter, [(self.tr("All types"), None)]
                        + [(f"{t.name} {t.code}", t.id) for t in c.vehicle_types])
        set_combo_items(self.status_filter, [(self.tr("Any status"), None)]
                        + [(vocab.label(vocab.VEHICLE_STATUS, s, lang), s) for s in vocab.VEHICLE_STATUS])
        set_combo_items(self.active_filter, [(self.tr("Active and inactive"), None), (self.tr("Active"), YES),
                                             (self.tr("Inactive"), NO)])

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
            type_id=self.type_filter.currentData(), status=self.status_filter.currentData(),
            active=self.active_filter.currentData())
        self.update_count()

    def update_count(self) -> None:
        self.count_label.setText(self.tr("{scope}: {shown} of {total} vehicles shown").format(
            scope=self.scope.label or self.tr("All units"), shown=self.proxy.rowCount(),
            total=self.model.rowCount()))

    def update_buttons(self) -> None:
        key = self.current_id()
        selected = key is not None
        self.edit_button.setEnabled(selected)
        self.deactivate_button.setEnabled(selected)
        active = not selected or self.model.line(self.model.row_of(key)).active
        self.deactivate_button.setText(self.tr("Deactivate") if active else self.tr("Reactivate"))
        history = selected and self._has_history(key)
        self.delete_button.setEnabled(selected and not history)
        self.delete_button.setToolTip(
            self.tr("This vehicle has crews or deployments on record: deactivate it instead.") if history
            else self.tr("Delete a vehicle entered by mistake (only without crews or deployments on record)."))

    def _has_history(self, vehicle_id: int) -> bool:
        with self.db.read() as session:
            return registers.vehicle_has_history(session, vehicle_id)

    # -- rows ------------------------------------------------------------------------------------------
    def load(self, session: Session) -> None:
        now = dutyday.now()
        vehicles = registers.list_vehicles(session)
        windows = current_or_next(registers.list_maintenance(session, start=now.date()), now,
                                  attrgetter("vehicle_id"))
        choices = registers.register_choices(session)
        if choices != self.choices:
            self.choices = choices
            self._fill_filters()
        self.model.set_vehicles(vehicles, windows)
        self.fit_columns({CALL_SIGN: "西直门12号举高喷射", PLATE: "京X·0000应急", TYPE: "压缩空气泡沫 AP",
                          DETACHMENT: "石景山支队", STATION: "西直门消防救援站", SEATS: "12",
                          STATUS: vocab.label(vocab.VEHICLE_STATUS, "maintenance", language()),
                          MAINTENANCE: "00-00 – 00-00 更换水泵", ACTIVE: self.tr("Inactive"),
                          LOADS: "20.5 / 10 / 2000"})

    # -- edits -----------------------------------------------------------------------------------------
    def _line(self, key: int) -> Line:
        return self.model.line(self.model.row_of(key))

    def _taken_plates(self, vehicle_id: int | None) -> set[str]:
        return {line.item.plate for line in self.model.lines() if line.id != vehicle_id}

    def add(self) -> VehicleDialog:
        """Open the form for a new vehicle (at the navigator's station); OK saves it as one undo step."""
        self.ensure_fresh()
        dialog = VehicleDialog(self.choices, self._taken_plates(None), None, self._default_station(), self)
        dialog.submit = lambda form: self._save(None, form)
        return self._open(dialog)

    def edit(self, key: int | None = None) -> VehicleDialog | None:
        key = self.current_id() if key is None else key
        if key is None:
            return None
        with self.db.read() as session:
            record = registers.vehicle_record(session, key)
        if record is None:
            return None
        dialog = VehicleDialog(self.choices, self._taken_plates(key), record, None, self)
        # Saved only over the version read here: a change made meanwhile elsewhere is not written over.
        seen = SeenVersion(record.version, lambda: self._version(key))
        dialog.submit = lambda form: seen.save(lambda version: self._save(key, form, version))
        return self._open(dialog)

    def _version(self, key: int) -> int | None:
        with self.db.read() as session:
            record = registers.vehicle_record(session, key)
        return None if record is None else record.version

    def _save(self, vehicle_id: int | None, form: VehicleForm, version: int | None = None) -> int:
        def apply(session: Session) -> int:
            return registers.save_vehicle(session, vehicle_id, form.data, expected_version=version,
                                          removed_windows=form.removed,
                                          added_windows=[(e.first, e.last, e.text) for e in form.added])

        name = form.data.call_sign.strip() or form.data.plate.strip()
        text = self.tr("Add {name}").format(name=name) if vehicle_id is None else \
            self.tr("Edit {name}").format(name=name)
        key = self.editor.commit(text, VEHICLE, vehicle_id, apply)
        self.main_window.tabs.setCurrentWidget(self)
        self.ensure_fresh()
        if not self.select_id(key):
            self.search.clear()
            self.select_id(key)
        return key

    def toggle_active(self, key: int | None = None) -> None:
        """Deactivate the selected vehicle (kept for its history), or reactivate it."""
        key = self.current_id() if key is None else key
        if key is None:
            return
        line = self._line(key)
        name = line.item.call_sign or line.item.plate
        if line.active:
            text = self.tr("Deactivate {name}").format(name=name)
            self.run(lambda: self.editor.commit(
                text, VEHICLE, key, lambda s: (registers.deactivate_vehicle(s, key), key)[1]))
        else:
            text = self.tr("Reactivate {name}").format(name=name)
            self.run(lambda: self.editor.commit(
                text, VEHICLE, key, lambda s: (registers.reactivate_vehicle(s, key), key)[1]))
        self.select_id(key)

    def delete(self, key: int | None = None) -> bool:
        """Delete a vehicle entered by mistake; one with crews or deployments on record is refused."""
        key = self.current_id() if key is None else key
        if key is None:
            return False
        line = self._line(key)
        name = line.item.call_sign or line.item.plate
        if self._has_history(key):
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Cannot delete"), self.tr(
                "{name} has crews or deployments on record and cannot be deleted; deactivate it instead.").format(
                name=name), parent=self)
            box.setObjectName("cannotDeleteVehicle")
            box.open()
            return False
        done = self.run(lambda: self.editor.commit(
            self.tr("Delete {name}").format(name=name), VEHICLE, key,
            lambda s: (registers.delete_vehicle(s, key), key)[1]))
        if done is not None:
            self.status(self.tr("{name} deleted; Undo brings it back.").format(name=name))
        return done is not None
