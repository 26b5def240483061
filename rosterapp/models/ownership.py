"""Who owns a row: the detachment whose clerks may write it, one SQL expression per table.

A person, vehicle, absence, station duty, duty role, swap or handover belongs to the detachment of its
station; a post, its requirements, the duties on it and the vehicle deployments to it belong to the
post's responsible detachment (a person lent to another detachment's post is written by that
detachment). The tables not named here (the task itself, rule thresholds, the reference data, the
detachments) are written by headquarters only.

The same expressions serve twice: the services' guard (rosterapp/access.py) asks them
before a statement runs, and the server's row-level security policies (rosterapp/services/server.py)
are made from them, so a clerk's login cannot write another detachment's rows even from psql.
Each is SQL over the row's own columns, written ``{t}.column`` for the table (or its alias).
"""

from __future__ import annotations

_OF_STATION = "(SELECT s.detachment_id FROM station s WHERE s.id = {col})"
_OF_POST = "(SELECT p.detachment_id FROM post p WHERE p.id = {col})"
_OF_PERSON = "(SELECT s.detachment_id FROM person pe JOIN station s ON s.id = pe.station_id WHERE pe.id = {col})"
_OF_VEHICLE = "(SELECT s.detachment_id FROM vehicle v JOIN station s ON s.id = v.station_id WHERE v.id = {col})"


def _station(col: str = "station_id") -> str:
    return _OF_STATION.format(col="{t}." + col)


def _post_or_station() -> str:
    return (f"CASE WHEN {{t}}.post_id IS NOT NULL THEN {_OF_POST.format(col='{t}.post_id')} "
            f"ELSE {_station()} END")


OWNER: dict[str, str] = {
    "station": "{t}.detachment_id",
    "person": _station(),
    "vehicle": _station(),
    "absence": _OF_PERSON.format(col="{t}.person_id"),
    "person_qualification": _OF_PERSON.format(col="{t}.person_id"),
    "maintenance": _OF_VEHICLE.format(col="{t}.vehicle_id"),
    "duty": _post_or_station(),
    "vehicle_deployment": _post_or_station(),
    "duty_assignment": _station(),
    "shift_swap": _station(),
    "handover": _station(),
    "post": "{t}.detachment_id",
    "post_qualification": _OF_POST.format(col="{t}.post_id"),
    "post_vehicle_requirement": _OF_POST.format(col="{t}.post_id"),
    # A clerk submits their own detachment's sub-plan; only headquarters approves, returns and reopens
    # (the services say so, and on a server the trigger of server.py).
    "sub_plan": "{t}.detachment_id",
    "sub_plan_version": "{t}.detachment_id",
}

# Written by headquarters (and admin) only: a clerk's write to any of them is refused.
HQ_ONLY = ("detachment", "operation", "rule_setting", "rank", "position", "qualification", "shift_type",
           "vehicle_type")


def owner_sql(table: str, alias: str | None = None) -> str:
    """SQL giving the detachment id that owns a row of ``table`` (columns qualified with ``alias``)."""
    return OWNER[table].replace("{t}", alias or table)
