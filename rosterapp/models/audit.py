"""The audit log: who changed which record when, the fields before and after, one group per edit.

The database writes it itself, in the same transaction as the change (migration 0006): a row trigger
on every table of the plan and the registers appends one ``audit_entry`` per row written, in the
``audit_group`` of its transaction (one clerk gesture, one import, one fill: one unit of work). So no
route (the window, the command line, an import, psql on a server) can change a row without its entry.
On PostgreSQL the trigger runs as the schema's owner and a clerk may only read the log; on SQLite the
program says who writes (the desk) in ``audit_context`` before each unit of work's first write.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Index, Integer, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from rosterapp.models.base import Base

Fields = JSON().with_variant(JSONB(), "postgresql")
BigId = BigInteger().with_variant(Integer(), "sqlite")


class AuditGroup(Base):
    """One unit of work that wrote: when, by whom (the desk or the server login), from which program (the
    window's origin) and what the clerk did, in their words (``label``, the undo step's text)."""

    __tablename__ = "audit_group"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    login: Mapped[str] = mapped_column(String(64), default="")
    origin: Mapped[str] = mapped_column(String(32), default="")
    label: Mapped[str] = mapped_column(String(200), default="")


class AuditEntry(Base):
    """One row written: the table, its key ({column: value}), INSERT/UPDATE/DELETE, the fields before and
    after (the whole row for an INSERT's ``after`` and a DELETE's ``before``; the changed fields of an
    UPDATE), and the person, vehicle, post and station it concerns, for the view's filters."""

    __tablename__ = "audit_entry"
    # The filters' columns are mostly empty (a duty has no vehicle, most no post): partial indexes keep a
    # bulk write's cost down to the entries that name one.
    __table_args__ = tuple(
        Index(f"ix_audit_entry_{c}", c, sqlite_where=text(f"{c} IS NOT NULL"),
              postgresql_where=text(f"{c} IS NOT NULL"))
        for c in ("person_id", "vehicle_id", "post_id", "station_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("audit_group.id", ondelete="RESTRICT"), index=True)
    tbl: Mapped[str] = mapped_column(String(63))
    action: Mapped[str] = mapped_column(String(6))
    row_id: Mapped[str] = mapped_column(String(64))  # the key's values joined by ",": "17", "5,3"
    person_id: Mapped[int | None] = mapped_column(Integer)
    vehicle_id: Mapped[int | None] = mapped_column(Integer)
    post_id: Mapped[int | None] = mapped_column(Integer)
    station_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(Fields)
    after: Mapped[dict[str, Any] | None] = mapped_column(Fields)


class AuditContext(Base):
    """SQLite only (one row): who the unit of work now under way writes as, read by the triggers, and the
    group they opened for it (NULL until its first row is written)."""

    __tablename__ = "audit_context"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int | None] = mapped_column(BigId)
    login: Mapped[str] = mapped_column(String(64), default="")
    origin: Mapped[str] = mapped_column(String(32), default="")
    label: Mapped[str] = mapped_column(String(200), default="")
