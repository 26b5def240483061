"""Vehicle plates compare and are stored in one spelling, 京X·1234应急, however a clerk typed them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from rosterapp.errors import ValidationError
from rosterapp.models import Vehicle
from rosterapp.services import registers
from rosterapp.services.plates import normalize_plate
from rosterapp.services.registers import VehicleData

CANONICAL = "京X·0050应急"
SPELLINGS = [
    "京X0050应急",            # no dot
    "京X·0050应急",           # U+00B7, the house style
    "京X・0050应急",          # U+30FB katakana middle dot (Japanese and some Chinese input methods)
    "京X•0050应急",           # U+2022 bullet
    "京X‧0050应急",           # U+2027 hyphenation point
    "京X･0050应急",           # U+FF65 half-width katakana middle dot
    "京X 0050应急",           # a space
    "京X\u30000050应急",      # a full-width space
    " 京X · 0050 应急 ",      # spaces everywhere
    "京Ｘ·００５０应急",       # full-width letter and digits
    "京x0050应急",            # a lower-case letter
    "京ｘ\u3000００５０应急",   # all of it at once
]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_of_a_plate_has_one_normal_form(typed):
    assert normalize_plate(typed) == CANONICAL


def test_the_normal_form_keeps_the_chinese_and_the_other_letters():
    assert normalize_plate("京ｘ·１２ａｂ警") == "京X·12AB警"
    assert normalize_plate("京A12345") == "京A·12345"  # a civil plate gets the dot the same way
    assert normalize_plate("  ") == ""
    assert normalize_plate("临时 001") == "临时001"  # not a plate's shape: compact, but no dot invented


def vehicle(ref, plate: str, **changes) -> VehicleData:
    return VehicleData(plate=plate, call_sign=changes.pop("call_sign", "西二旗1号水罐"),
                       type_id=ref.vehicle_type["SG"], station_id=ref.station["西二旗"], **changes)


def plates(db) -> list[str]:
    with db.begin() as s:
        return list(s.scalars(select(Vehicle.plate).order_by(Vehicle.id)))


@pytest.mark.parametrize("typed", [s for s in SPELLINGS if s != CANONICAL])
def test_a_plate_spelt_another_way_is_refused_as_already_registered(db, ref, typed):
    with db.begin() as s:
        registers.create_vehicle(s, vehicle(ref, CANONICAL))
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.create_vehicle(s, vehicle(ref, typed, call_sign="西二旗2号水罐"))
    assert [e.reason for e in info.value.errors] == [f"车牌号 {CANONICAL} 已登记。"]
    assert plates(db) == [CANONICAL]


def test_a_plate_is_stored_in_the_house_style_when_created_or_updated(db, ref):
    with db.begin() as s:
        first = registers.create_vehicle(s, vehicle(ref, "京ｘ\u3000００５０应急"))
        second = registers.create_vehicle(s, vehicle(ref, "京X・0051应急", call_sign="西二旗2号水罐"))
    assert plates(db) == ["京X·0050应急", "京X·0051应急"]
    with db.begin() as s:
        # Its own plate typed another way is no duplicate: the edit goes through.
        registers.update_vehicle(s, first, vehicle(ref, "京X0050应急", seats=5))
        registers.update_vehicle(s, second, vehicle(ref, "京X 0052 应急", call_sign="西二旗2号水罐"))
    assert plates(db) == ["京X·0050应急", "京X·0052应急"]
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.update_vehicle(s, second, vehicle(ref, "京X0050应急", call_sign="西二旗2号水罐"))
    assert [e.reason for e in info.value.errors] == ["车牌号 京X·0050应急 已登记。"]


def test_an_older_database_holding_one_plate_in_two_spellings_still_works(db, ref):
    # Written before plates were normalised: the unique constraint saw two different texts.
    with db.begin() as s:
        s.add_all([Vehicle(plate="京X0050应急", call_sign="西二旗1号水罐", type_id=ref.vehicle_type["SG"],
                           station_id=ref.station["西二旗"], seats=6),
                   Vehicle(plate=CANONICAL, call_sign="西二旗2号水罐", type_id=ref.vehicle_type["SG"],
                           station_id=ref.station["西二旗"], seats=6)])
    with db.begin() as s:
        old, new = s.scalars(select(Vehicle.id).order_by(Vehicle.id)).all()
    with db.begin() as s:
        # Both can still be edited (the clerk must be able to fix the register) ...
        registers.update_vehicle(s, old, vehicle(ref, "京X0050应急", seats=5))
        registers.update_vehicle(s, new, vehicle(ref, CANONICAL, call_sign="西二旗2号水罐", status="reserve"))
    # ... the older one keeps its spelling, since its twin has the normal one.
    assert plates(db) == ["京X0050应急", CANONICAL]
    with pytest.raises(ValidationError) as info, db.begin() as s:
        registers.create_vehicle(s, vehicle(ref, "京X･0050应急", call_sign="西二旗3号水罐"))
    assert [e.reason for e in info.value.errors] == ["车牌号 京X0050应急 已登记。"]
    with db.begin() as s:
        assert s.scalar(select(func.count()).select_from(Vehicle)) == 2
        # Once the twin is gone, the older spelling becomes the normal one at its next edit.
        registers.delete_vehicle(s, new)
        registers.update_vehicle(s, old, vehicle(ref, "京X0050应急", seats=5))
    assert plates(db) == [CANONICAL]
