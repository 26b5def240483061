"""Declarative base, naming convention and the column types the models share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from sqlalchemy import Boolean, Date, DateTime, Integer, MetaData, String, Text, Time, literal_column
from sqlalchemy import text as sqltext
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from rosterapp.desk import user_name

# Stable constraint names, so Alembic migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

intpk = Annotated[int, mapped_column(Integer, primary_key=True)]
code = Annotated[str, mapped_column(String(16))]
name = Annotated[str, mapped_column(String(100))]
text = Annotated[str, mapped_column(Text, default="")]
flag = Annotated[bool, mapped_column(Boolean, default=True)]
timestamp = Annotated[dt.datetime, mapped_column(DateTime)]
day = Annotated[dt.date, mapped_column(Date)]
clock = Annotated[dt.time, mapped_column(Time)]


class Base(DeclarativeBase):
    """Base of every mapped class; carries the shared metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _writer(context) -> str:
    """A versioned row's ``changed_by`` on every INSERT and UPDATE (SQLAlchemy passes the statement's context):
    on a server the login's name (who another clerk's refusal names), on one desk the desk's."""
    if context is not None and context.dialect.name == "postgresql":
        login = context.root_connection.engine.url.username
        if login:
            return login[:64]
    return user_name()


class Versioned:
    """A record a clerk edits: its version, which every write raises by one (the ORM's own updates fail
    on a version another writer has moved on from; a Core UPDATE raises it by its ``onupdate``), and who
    wrote it last (the desk's or the login's name), which every INSERT and UPDATE sets by default."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default=sqltext("1"),
                                         onupdate=literal_column("version") + 1)
    changed_by: Mapped[str] = mapped_column(String(64), default=_writer, onupdate=_writer, server_default="")

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805 (declared_attr passes the class)
        return {"version_id_col": cls.__table__.c.version}


VERSIONED_TABLES = ("person", "vehicle", "station", "operation", "post", "duty", "vehicle_deployment", "absence",
                    "maintenance")
