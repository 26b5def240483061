"""The registers the roster stands on: people, vehicles, stations, and what their forms offer.

Each module is one register; this package names them together, so that callers write
``registers.create_person`` wherever the function lives.
"""

from rosterapp.services.registers.choices import (
    Choice,
    RegisterChoices,
    StationChoice,
    VehicleTypeChoice,
    register_choices,
)
from rosterapp.services.registers.people import (
    AbsenceRow,
    PersonData,
    PersonRecord,
    PersonRow,
    add_absence,
    create_person,
    deactivate_person,
    delete_person,
    get_person,
    list_absences,
    list_people,
    person_has_duties,
    person_record,
    reactivate_person,
    remove_absence,
    restore_person,
    save_person,
    update_person,
)
from rosterapp.services.registers.stations import (
    MAX_MINIMUM,
    StationRecord,
    StationRow,
    add_station,
    grade_minimums,
    list_stations,
    rename_station,
    restore_station,
    save_station,
    set_station_grade,
    set_station_minimum,
    station_record,
)
from rosterapp.services.registers.vehicles import (
    LOAD_LIMITS,
    LOADS,
    MaintenanceRow,
    VehicleData,
    VehicleRecord,
    VehicleRow,
    add_maintenance,
    create_vehicle,
    deactivate_vehicle,
    delete_vehicle,
    get_vehicle,
    list_maintenance,
    list_vehicles,
    load_reason,
    reactivate_vehicle,
    remove_maintenance,
    restore_vehicle,
    save_vehicle,
    type_loads,
    update_vehicle,
    vehicle_has_history,
    vehicle_record,
)
from rosterapp.services.validation import clean_code, clean_phone, clean_text, phone_is_valid

__all__ = [
    "LOADS", "LOAD_LIMITS", "load_reason", "type_loads",
    "MAX_MINIMUM", "AbsenceRow", "Choice", "MaintenanceRow", "PersonData", "PersonRecord", "PersonRow",
    "RegisterChoices", "StationChoice", "StationRecord", "StationRow", "VehicleData", "VehicleRecord",
    "VehicleRow", "VehicleTypeChoice", "add_absence", "add_maintenance", "add_station", "clean_code",
    "clean_phone", "clean_text", "create_person", "create_vehicle", "deactivate_person", "deactivate_vehicle",
    "delete_person", "delete_vehicle", "get_person", "get_vehicle", "grade_minimums", "list_absences",
    "list_maintenance", "list_people", "list_stations", "list_vehicles", "person_has_duties",
    "person_record", "phone_is_valid", "reactivate_person", "reactivate_vehicle", "register_choices",
    "remove_absence", "remove_maintenance", "rename_station", "restore_person", "restore_station",
    "restore_vehicle", "save_person", "save_station", "save_vehicle", "set_station_grade", "set_station_minimum", "station_record", "update_person",
    "update_vehicle", "vehicle_has_history", "vehicle_record",
]
