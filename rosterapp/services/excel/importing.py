"""Importing the registers of people and vehicles from clerks' workbooks: all or nothing (spec/excel.md)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from rosterapp import vocab
from rosterapp.errors import FieldError
from rosterapp.i18n import tr
from rosterapp.models import (
    Detachment,
    Person,
    Position,
    Qualification,
    Rank,
    Station,
    Vehicle,
    VehicleType,
    person_qualification,
)
from rosterapp.reference_data import station_short_name
from rosterapp.services import dutyday
from rosterapp.services.excel.common import (
    ADDED,
    CHANGED,
    CellError,
    FieldChange,
    ImportRejected,
    RowChange,
    cell_text,
    column_letter,
    fold,
    parse_date,
    split_list,
    unreadable,
)
from rosterapp.services.excel.reading import FORMULA, Table, read_table, skipped_note
from rosterapp.services.plates import PlateIndex, normalize_plate
from rosterapp.services.registers.vehicles import LOADS, load_reason
from rosterapp.services.validation import (
    CALL_SIGN_MAX,
    NAME_MAX,
    PLATE_MAX,
    STAFF_NO_MAX,
    birth_date_reason,
    clean_code,
    clean_name,
    length_reason,
    stamp_written,
)

PEOPLE_SHEET = "人员名册"
VEHICLES_SHEET = "车辆登记"

_PHONE = re.compile(r"1[0-9]{10}")
_PHONE_NOISE = re.compile(r"[\s\-－—]")

PERSON_STATUS = {"在岗": True, "休假": True, "病假": True, "培训": True, "借调": True, "离队": False}
VEHICLE_STATUS = {"在用": ("in_service", True), "维修": ("maintenance", True), "备用": ("reserve", True),
                  "报废": ("in_service", False)}
SEX = {"男": "M", "女": "F"}


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do)."""

    kind: str
    added: int
    updated: int
    unchanged: int
    dry_run: bool
    # The rows added, then the rows changed with their fields, in the workbook's order.
    changes: list[RowChange] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)  # hidden sheets, never read

    def detail_lines(self) -> list[str]:
        """One line per row added or changed: 新增 张伟（N1）, 更新 王伟（HD0012）：手机号 … → …"""
        return [c.text() for c in self.changes]

    def notes(self) -> list[str]:
        """What the summary's line leaves out: 跳过隐藏工作表：X."""
        return skipped_note(self.skipped_sheets)

    def summary(self) -> str:
        if self.dry_run:
            return tr("Dry run: {added} would be added, {updated} updated, {unchanged} left unchanged; "
                      "nothing was written.", added=self.added, updated=self.updated, unchanged=self.unchanged)
        return tr("Imported: {added} added, {updated} updated, {unchanged} unchanged.",
                  added=self.added, updated=self.updated, unchanged=self.unchanged)


class _Rows:
    """Cells of a table by header, with errors named `row N, column C` as the spreadsheet shows them."""

    def __init__(self, table: Table):
        self.table = table
        self.errors: list[FieldError] = []
        self._flagged: set[tuple[int, str]] = set()

    def has(self, header: str) -> bool:
        return header in self.table.columns

    def get(self, number: int, values: tuple, header: str) -> object:
        col = self.table.columns.get(header)
        if col is None or col >= len(values):
            return None
        value = values[col]
        if value is FORMULA:
            self.bad(number, header, tr("formula without a saved result; open and save the file in Excel first"))
            return None
        return value

    def text(self, number: int, values: tuple, header: str) -> str:
        return cell_text(self.get(number, values, header))

    def bad(self, number: int, header: str, reason: str) -> None:
        # One reason per cell: a formula without a result is not also reported as an empty cell.
        if (number, header) in self._flagged:
            return
        self._flagged.add((number, header))
        col = self.table.columns.get(header, 0)
        # spec/cli.md's form: 第 5 行，出生日期（I5）：不是日期 (a register is one sheet: no sheet named).
        self.errors.append(CellError(column_letter(col), reason, number, header=header))


class _Lookups:
    """The reference data by every name a clerk may write, read once."""

    def __init__(self, session: Session):
        self.detachments: dict[str, int] = {}
        for det_id, code, name, short in session.execute(
                select(Detachment.id, Detachment.code, Detachment.name, Detachment.short_name)):
            for key in (code.upper(), name, short):
                self.detachments[key] = det_id
        self.stations: dict[int, dict[str, int]] = defaultdict(dict)
        for sid, det_id, name, short in session.execute(
                select(Station.id, Station.detachment_id, Station.name, Station.short_name)):
            self.stations[det_id][name] = sid
            self.stations[det_id][short] = sid
        self.ranks = dict(session.execute(select(Rank.name, Rank.id)).all())
        self.positions = dict(session.execute(select(Position.name, Position.id)).all())
        self.qualifications = dict(session.execute(select(Qualification.name, Qualification.id)).all())
        self.types: dict[str, tuple[int, int]] = {}
        self.type_loads: dict[int, dict[str, float]] = {}
        for tid, code, name, seats, water, foam, powder in session.execute(
                select(VehicleType.id, VehicleType.code, VehicleType.name, VehicleType.default_seats,
                       VehicleType.default_water_t, VehicleType.default_foam_t, VehicleType.default_powder_kg)):
            self.types[code.upper()] = (tid, seats)
            self.types[name] = (tid, seats)
            short = name.removesuffix("消防车").removesuffix("车")
            self.types.setdefault(short, (tid, seats))
            self.type_loads[tid] = {"water_t": water, "foam_t": foam, "powder_kg": powder}

    def detachment(self, text: str) -> int | None:
        text = fold(text)
        return self.detachments.get(text.upper()) or self.detachments.get(text)

    def station(self, det_id: int, text: str) -> int | None:
        names = self.stations.get(det_id, {})
        return names.get(text) or names.get(station_short_name(text))


class _Names:
    """Ids back to the names a clerk reads, for the rows an import lists."""

    def __init__(self, session: Session):
        self.stations = dict(session.execute(select(Station.id, Station.name)).all())
        self.ranks = dict(session.execute(select(Rank.id, Rank.name)).all())
        self.positions = dict(session.execute(select(Position.id, Position.name)).all())
        self.qualifications = dict(session.execute(select(Qualification.id, Qualification.name)
                                                   .order_by(Qualification.id)).all())
        self.types = dict(session.execute(select(VehicleType.id, VehicleType.name)).all())

    def quals(self, ids) -> str:
        return "、".join(self.qualifications[q] for q in sorted(ids))


def _diff(headers: dict[str, str], shown, old, values: dict) -> list[FieldChange]:
    """The fields of ``values`` that differ from the row ``old``, as the clerk reads them."""
    return [FieldChange(headers[f], shown(f, getattr(old, f)), shown(f, v))
            for f, v in values.items() if getattr(old, f) != v]


def _place(rows: _Rows, lookups: _Lookups, number: int, values: tuple) -> int | None:
    det_text = rows.text(number, values, "支队")
    station_text = rows.text(number, values, "消防救援站")
    det_id = None
    if not det_text:
        rows.bad(number, "支队", tr("{field} must not be empty.", field="支队"))
    else:
        det_id = lookups.detachment(det_text)
        if det_id is None:
            rows.bad(number, "支队", tr("Unknown detachment: {name}", name=det_text))
    if not station_text:
        rows.bad(number, "消防救援站", tr("{field} must not be empty.", field="消防救援站"))
        return None
    if det_id is None:
        return None
    station_id = lookups.station(det_id, station_text)
    if station_id is None:
        rows.bad(number, "消防救援站", tr("{name} is not a station of {detachment}.", name=station_text,
                                         detachment=det_text))
    return station_id


def _require_headers(path: Path, table: Table | None, keys: list[str], required: list[str]) -> Table:
    if table is None:
        raise unreadable(path, tr("No header row with {headers} in the first 6 rows of any sheet.",
                                  headers=" ".join(keys)))
    missing = [h for h in required if h not in table.columns]
    if missing:
        raise unreadable(path, tr("Missing column: {headers}.", headers="、".join(missing)))
    return table


# People ------------------------------------------------------------------------------------------

def import_people(session: Session, path: Path, *, dry_run: bool = False, today: dt.date | None = None) -> ImportResult:
    """Add or update the people of a 人员名册 workbook; ImportRejected (nothing written) if any cell is bad."""
    path = Path(path)
    table = _require_headers(path, read_table(path, ["工号", "姓名"], PEOPLE_SHEET), ["工号", "姓名"],
                             ["工号", "姓名", "支队", "消防救援站"])
    rows = _Rows(table)
    lookups = _Lookups(session)
    today = today or dutyday.today()
    seen: dict[str, int] = {}
    records: list[dict] = []
    for number, values in table.rows:
        rec: dict = {}
        staff = clean_code(rows.text(number, values, "工号"))
        if not staff:
            rows.bad(number, "工号", tr("{field} must not be empty.", field="工号"))
        elif length_reason(staff, STAFF_NO_MAX, "staff number"):
            rows.bad(number, "工号", length_reason(staff, STAFF_NO_MAX, "staff number"))
        elif staff in seen:
            rows.bad(number, "工号", tr("Staff number {value} is also on row {row}.", value=staff, row=seen[staff]))
        else:
            seen[staff] = number
        rec["staff_no"] = staff
        name = clean_name(rows.text(number, values, "姓名"))
        if not name:
            rows.bad(number, "姓名", tr("{field} must not be empty.", field="姓名"))
        elif length_reason(name, NAME_MAX, "name"):
            rows.bad(number, "姓名", length_reason(name, NAME_MAX, "name"))
        rec["name"] = name
        rec["station_id"] = _place(rows, lookups, number, values)
        if rows.has("衔级"):
            rank = rows.text(number, values, "衔级")
            rec["rank_id"] = lookups.ranks.get(rank) if rank else None
            if rank and rec["rank_id"] is None:
                rows.bad(number, "衔级", tr("Unknown rank: {name}", name=rank))
        if rows.has("职务"):
            position = rows.text(number, values, "职务")
            rec["position_id"] = lookups.positions.get(position) if position else None
            if position and rec["position_id"] is None:
                rows.bad(number, "职务", tr("Unknown position: {name}", name=position))
        if rows.has("资质"):
            quals = []
            for q in split_list(rows.text(number, values, "资质")):
                qid = lookups.qualifications.get(q)
                if qid is None:
                    rows.bad(number, "资质", tr("Unknown qualification: {name}", name=q))
                elif qid not in quals:
                    quals.append(qid)
            rec["quals"] = frozenset(quals)
        if rows.has("手机号"):
            phone = _PHONE_NOISE.sub("", fold(rows.text(number, values, "手机号")))
            if phone and not _PHONE.fullmatch(phone):
                rows.bad(number, "手机号", tr("The phone number must have 11 digits and start with 1."))
            rec["phone"] = phone
        if rows.has("出生日期"):
            raw = rows.get(number, values, "出生日期")
            birth = parse_date(raw) if raw is not None else None
            if raw is not None and birth is None:
                rows.bad(number, "出生日期", tr("Not a date: {value} (YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日).",
                                               value=cell_text(raw)))
            elif birth_date_reason(birth, today):
                rows.bad(number, "出生日期", birth_date_reason(birth, today))
            rec["birth_date"] = birth
        if rows.has("性别"):
            sex = rows.text(number, values, "性别")
            rec["sex"] = SEX.get(sex) or vocab.code_for(vocab.SEX, sex) if sex else None
            if sex and rec["sex"] is None:
                rows.bad(number, "性别", tr("Unknown sex: {name}", name=sex))
        if rows.has("状态"):
            status = rows.text(number, values, "状态") or "在岗"
            active = PERSON_STATUS.get(status)
            if active is None:
                rows.bad(number, "状态", tr("Unknown status: {name} (在岗, 休假, 病假, 培训, 借调 or 离队)", name=status))
            rec["active"] = bool(active) if active is not None else True
        records.append(rec)
    if rows.errors:
        raise ImportRejected(rows.errors, source=str(path))
    return _upsert_people(session, records, dry_run, table.skipped)


_PERSON_FIELDS = ("name", "station_id", "rank_id", "position_id", "phone", "birth_date", "sex", "active")
# The register's column of each field, which names it in the rows an import lists.
_PERSON_HEADERS = {"name": "姓名", "station_id": "消防救援站", "rank_id": "衔级", "position_id": "职务",
                   "phone": "手机号", "birth_date": "出生日期", "sex": "性别", "active": "状态"}
_SEX_SHOWN = {code: text for text, code in SEX.items()}


def _person_shown(names: _Names):
    def shown(f: str, value) -> str:
        if value is None:
            return ""
        if f == "station_id":
            return names.stations.get(value, "")
        if f == "rank_id":
            return names.ranks.get(value, "")
        if f == "position_id":
            return names.positions.get(value, "")
        if f == "birth_date":
            return value.isoformat()
        if f == "sex":
            return _SEX_SHOWN.get(value, value)
        if f == "active":
            return "在岗" if value else "离队"
        return str(value)
    return shown


def _upsert_people(session: Session, records: list[dict], dry_run: bool, skipped: list[str]) -> ImportResult:
    existing = {}
    for row in session.execute(select(Person.id, Person.staff_no, *(getattr(Person, f) for f in _PERSON_FIELDS))):
        existing[row.staff_no] = row
    quals: dict[int, set[int]] = defaultdict(set)
    for pid, qid in session.execute(select(person_qualification.c.person_id,
                                           person_qualification.c.qualification_id)):
        quals[pid].add(qid)
    names = _Names(session)
    shown = _person_shown(names)
    new, changed, qual_changes = [], [], {}
    added_rows, changed_rows = [], []
    unchanged = 0
    for rec in records:
        old = existing.get(rec["staff_no"])
        if old is None:
            new.append(rec)
            added_rows.append(RowChange(ADDED, rec["name"], rec["staff_no"]))
            continue
        values = {f: rec[f] for f in _PERSON_FIELDS if f in rec}
        fields = _diff(_PERSON_HEADERS, shown, old, values)
        new_quals = rec.get("quals")
        old_quals = quals.get(old.id, set())
        quals_differ = new_quals is not None and new_quals != old_quals
        if fields:
            changed.append({"_id": old.id, **{f"v_{f}": values.get(f, getattr(old, f)) for f in _PERSON_FIELDS}})
        if quals_differ:
            qual_changes[old.id] = new_quals
            fields.append(FieldChange("资质", names.quals(old_quals), names.quals(new_quals)))
        if fields:
            changed_rows.append(RowChange(CHANGED, rec["name"], rec["staff_no"], tuple(fields)))
        else:
            unchanged += 1
    updated = len({c["_id"] for c in changed} | set(qual_changes))
    if not dry_run:
        if new:
            defaults = {"rank_id": None, "position_id": None, "phone": "", "birth_date": None, "sex": None,
                        "active": True}
            session.execute(insert(Person), [
                {**defaults, **{k: v for k, v in rec.items() if k != "quals"}} for rec in new])
            ids = dict(session.execute(select(Person.staff_no, Person.id)).all())
            links = [{"person_id": ids[r["staff_no"]], "qualification_id": q}
                     for r in new for q in sorted(r.get("quals", ()))]
            if links:
                session.execute(insert(person_qualification), links)
        if changed:
            stmt = update(Person.__table__).where(Person.__table__.c.id == bindparam("_id")).values(
                {f: bindparam(f"v_{f}") for f in _PERSON_FIELDS})
            session.connection().execute(stmt, changed)
        if qual_changes:
            session.execute(delete(person_qualification).where(
                person_qualification.c.person_id.in_(list(qual_changes))))
            links = [{"person_id": pid, "qualification_id": q} for pid, qs in qual_changes.items() for q in sorted(qs)]
            if links:
                session.execute(insert(person_qualification), links)
        stamp_written(session, Person.__table__, set(qual_changes) - {c["_id"] for c in changed})
        session.flush()
    return ImportResult("personnel", len(new), updated, unchanged, dry_run, added_rows + changed_rows, skipped)


# Vehicles ----------------------------------------------------------------------------------------

_LOAD_FIELDS = tuple(name for name, _label, _unit, _most in LOADS)
_VEHICLE_FIELDS = ("call_sign", "type_id", "station_id", "seats", "status", "active", *_LOAD_FIELDS)
_UPDATED = ("plate", *_VEHICLE_FIELDS)
_VEHICLE_HEADERS = {"call_sign": "呼号", "type_id": "车型", "station_id": "消防救援站", "seats": "座位数",
                    "state": "状态", **{name: label for name, label, _unit, _most in LOADS}}
_VEHICLE_STATUS_SHOWN = {known: text for text, known in VEHICLE_STATUS.items()}


def _vehicle_shown(names: _Names):
    def shown(f: str, value) -> str:
        if value is None:
            return ""
        if f == "station_id":
            return names.stations.get(value, "")
        if f == "type_id":
            return names.types.get(value, "")
        if f == "state":  # (status, active), the one 状态 column
            return _VEHICLE_STATUS_SHOWN.get(value) or ("报废" if not value[1] else str(value[0]))
        if f in _LOAD_FIELDS:
            return f"{value:g}"
        return str(value)
    return shown


def _vehicle_fields(rec: dict) -> dict:
    """The fields of a vehicle's row as its columns show them: status and active are one 状态."""
    values = {f: rec[f] for f in ("call_sign", "type_id", "station_id", "seats") if f in rec}
    if "status" in rec:
        values["state"] = (rec["status"], rec["active"])
    values.update({f: rec[f] for f in _LOAD_FIELDS if f in rec})
    return values


def _load_value(raw: object) -> float | None:
    """A load cell as a number: a number, or text such as 8, 8.5, ８ or 2,000 (full width folded)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    text = fold(cell_text(raw)).replace(",", "").replace("，", "")
    for unit in ("公斤", "千克", "kg", "KG", "吨", "t", "T"):
        text = text.removesuffix(unit).strip()
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def import_vehicles(session: Session, path: Path, *, dry_run: bool = False) -> ImportResult:
    """Add or update the vehicles of a 车辆登记 workbook; ImportRejected (nothing written) if any cell is bad."""
    path = Path(path)
    table = _require_headers(path, read_table(path, ["车牌号"], VEHICLES_SHEET), ["车牌号"],
                             ["车牌号", "支队", "消防救援站", "车型"])
    rows = _Rows(table)
    lookups = _Lookups(session)
    seen: dict[str, int] = {}
    records = []
    registered = PlateIndex((r.plate, r) for r in session.execute(
        select(Vehicle.id, Vehicle.plate, *(getattr(Vehicle, f) for f in _VEHICLE_FIELDS))))
    for number, values in table.rows:
        rec: dict = {}
        written = rows.text(number, values, "车牌号")
        # 京X0050应急 in the file is the registered 京X·0050应急: compared, and stored, in one spelling.
        plate = normalize_plate(written)
        if not plate:
            rows.bad(number, "车牌号", tr("{field} must not be empty.", field="车牌号"))
        elif length_reason(plate, PLATE_MAX, "plate"):
            rows.bad(number, "车牌号", length_reason(plate, PLATE_MAX, "plate"))
        elif plate in seen:
            rows.bad(number, "车牌号", tr("Plate {value} is also on row {row}.", value=plate, row=seen[plate]))
        else:
            seen[plate] = number
        rec["plate"] = plate
        matches = registered.find(written) if plate else []
        if len(matches) > 1:
            rows.bad(number, "车牌号", tr("Plate {value} is registered twice, as {plates}; keep only one of them first.",
                                       value=plate, plates="、".join(m.plate for m in matches)))
        rec["old"] = matches[0] if len(matches) == 1 else None
        if rows.has("呼号"):
            rec["call_sign"] = clean_name(rows.text(number, values, "呼号"))
            if length_reason(rec["call_sign"], CALL_SIGN_MAX, "call sign"):
                rows.bad(number, "呼号", length_reason(rec["call_sign"], CALL_SIGN_MAX, "call sign"))
        rec["station_id"] = _place(rows, lookups, number, values)
        type_text = fold(rows.text(number, values, "车型"))
        vtype = lookups.types.get(type_text.upper()) or lookups.types.get(type_text) if type_text else None
        if not type_text:
            rows.bad(number, "车型", tr("{field} must not be empty.", field="车型"))
        elif vtype is None:
            rows.bad(number, "车型", tr("Unknown vehicle type: {name}", name=type_text))
        rec["type_id"] = vtype[0] if vtype else None
        seats_raw = rows.get(number, values, "座位数") if rows.has("座位数") else None
        if seats_raw is None or seats_raw == "":
            rec["seats"] = vtype[1] if vtype else None
        else:
            seats = _whole(seats_raw)
            if seats is None or not 1 <= seats <= 12:
                rows.bad(number, "座位数", tr("Seats must be a whole number from 1 to 12."))
            rec["seats"] = seats
        if rows.has("状态"):
            status = rows.text(number, values, "状态") or "在用"
            known = VEHICLE_STATUS.get(status)
            if known is None:
                rows.bad(number, "状态", tr("Unknown vehicle status: {name} (在用, 维修, 备用 or 报废)", name=status))
                known = ("in_service", True)
            rec["status"], rec["active"] = known
        # The loads: an empty cell or a missing column keeps an existing vehicle's load and gives a new
        # one its type's default (filled in below, once the row is known to be new).
        for name, label, _unit, _most in LOADS:
            raw = rows.get(number, values, label) if rows.has(label) else None
            if raw is None or cell_text(raw) == "":
                continue
            value = _load_value(raw)
            reason = load_reason(name, value) if value is not None else None
            if value is None:
                rows.bad(number, label, tr("Not a number: {value}", value=cell_text(raw)))
            elif reason:
                rows.bad(number, label, reason)
            else:
                rec[name] = round(value, 3)
        records.append(rec)
    if rows.errors:
        raise ImportRejected(rows.errors, source=str(path))
    spellings = set(session.scalars(select(Vehicle.plate)))
    shown = _vehicle_shown(_Names(session))
    new, changed, unchanged = [], [], 0
    added_rows, changed_rows = [], []
    for rec in records:
        old = rec.pop("old")
        if old is None:
            defaults = lookups.type_loads.get(rec["type_id"], {})
            new.append({"call_sign": "", "status": "in_service", "active": True,
                        **{f: defaults.get(f, 0.0) for f in _LOAD_FIELDS}, **rec})
            added_rows.append(RowChange(ADDED, rec.get("call_sign", ""), rec["plate"]))
            continue
        values = {f: rec[f] for f in _VEHICLE_FIELDS if f in rec}
        # An older spelling of the plate becomes the normal one, unless a twin already has that.
        values["plate"] = old.plate if rec["plate"] in spellings else rec["plate"]
        if any(getattr(old, f) != v for f, v in values.items()):
            changed.append({"_id": old.id, **{f"v_{f}": values.get(f, getattr(old, f)) for f in _UPDATED}})
            before = {"call_sign": old.call_sign, "type_id": old.type_id, "station_id": old.station_id,
                      "seats": old.seats, "state": (old.status, old.active),
                      **{f: getattr(old, f) for f in _LOAD_FIELDS}}
            fields = [FieldChange(_VEHICLE_HEADERS[f], shown(f, before[f]), shown(f, v))
                      for f, v in _vehicle_fields(rec).items() if before[f] != v]
            if values["plate"] != old.plate:
                fields.insert(0, FieldChange("车牌号", old.plate, values["plate"]))
            changed_rows.append(RowChange(CHANGED, rec.get("call_sign") or old.call_sign, values["plate"],
                                          tuple(fields)))
        else:
            unchanged += 1
    if not dry_run:
        if new:
            session.execute(insert(Vehicle), new)
        if changed:
            stmt = update(Vehicle.__table__).where(Vehicle.__table__.c.id == bindparam("_id")).values(
                {f: bindparam(f"v_{f}") for f in _UPDATED})
            session.connection().execute(stmt, changed)
        session.flush()
    return ImportResult("vehicles", len(new), len(changed), unchanged, dry_run, added_rows + changed_rows,
                        table.skipped)


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and fold(value).isdigit():
        return int(fold(value))
    return None
