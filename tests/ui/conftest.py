"""Fixtures of the window tests: offscreen Qt, a populated database, throwaway settings, a language."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402  (the platform must be chosen before Qt loads)
from collections.abc import Callable, Iterator  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from sqlalchemy import select  # noqa: E402

from rosterapp import i18n  # noqa: E402
from rosterapp.db import Database  # noqa: E402
from rosterapp.models import (  # noqa: E402
    Duty,
    Operation,
    Person,
    Post,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
)
from rosterapp.services.dutyday import current_duty_day, duty_window  # noqa: E402
from rosterapp.ui.settings import Settings  # noqa: E402
from rosterapp.ui.translations import install_translators, remove_translators  # noqa: E402


@pytest.fixture
def populated_db(db: Database) -> Database:
    """The shared fresh `db` (tests/conftest.py) plus, on the current duty day:
    前门: 5 people (3 on duty today, 1 of them at a post), 2 vehicles (1 at the post);
    望京: 2 people (1 on duty), 1 vehicle; one operation with two posts and one without posts."""
    day_start, _ = duty_window(current_duty_day())
    with db.begin() as s:
        stations = {st.short_name: st for st in s.scalars(select(Station))}
        shifts = {sh.code: sh for sh in s.scalars(select(ShiftType))}
        sg = s.scalar(select(VehicleType).where(VehicleType.code == "SG"))
        people = {}
        for i, (name, station) in enumerate([("张伟", "前门"), ("王磊", "前门"), ("李强", "前门"), ("刘洋", "前门"),
                                             ("陈杰", "前门"), ("杨帆", "望京"), ("赵勇", "望京")]):
            people[name] = Person(staff_no=f"T{i:03d}", name=name, station=stations[station])
        vehicles = [Vehicle(plate=f"京X·{i:04d}应急", type=sg, station=stations[station], seats=6)
                    for i, station in enumerate(["前门", "前门", "望京"])]
        s.add_all([*people.values(), *vehicles])
        op = Operation(name="全国两会消防安保", start_date=day_start.date() - dt.timedelta(days=2),
                       end_date=day_start.date() + dt.timedelta(days=7))
        s.add(Operation(name="国庆消防安保", start_date=dt.date(2025, 10, 1), end_date=dt.date(2025, 10, 7)))
        posts = [Post(operation=op, code=f"Q-0{n}", name=name, post_type="hotel", duty_mode="stationed",
                      detachment_id=stations["前门"].detachment_id, station=stations["前门"],
                      active_from=day_start - dt.timedelta(days=2), active_to=day_start + dt.timedelta(days=8))
                 for n, name in ((1, "北京饭店"), (2, "北京会议中心"))]
        s.add_all(posts)

        def duty(name: str, code: str, **place) -> None:
            shift = shifts[code]
            s.add(Duty(person=people[name], shift_type=shift, start=day_start,
                       end=day_start + dt.timedelta(minutes=shift.duration_minutes), **place))

        duty("张伟", "值", station=stations["前门"])
        duty("王磊", "值", station=stations["前门"])
        duty("李强", "值", post=posts[0], vehicle=vehicles[0])
        duty("刘洋", "休", station=stations["前门"])
        duty("杨帆", "值", station=stations["望京"])
        s.add(VehicleDeployment(vehicle=vehicles[0], post=posts[0], start=day_start,
                                end=day_start + dt.timedelta(days=1)))
    return db


@pytest.fixture
def settings(tmp_path, qapp) -> Settings:
    """Settings in a throwaway INI file, never the user's own."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    """Every window test starts in English unless it asks for another language."""
    previous = i18n.language()
    i18n.set_language("en")
    translators = install_translators(qapp, "en")
    yield
    remove_translators(qapp, translators)
    i18n.set_language(previous)


@pytest.fixture
def use_language(qapp) -> Iterator[Callable[[str], None]]:
    """Switch the messages, the vocabulary labels and Qt's translators to a language for one test."""
    installed = []

    def switch(lang: str) -> None:
        remove_translators(qapp, installed)
        installed.clear()
        i18n.set_language(lang)
        installed.extend(install_translators(qapp, lang))

    yield switch
    remove_translators(qapp, installed)
    install_translators(qapp, "en")
