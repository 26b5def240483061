"""The change log of a shared server: one row per statement that wrote a clerk's table, in commit order.

On PostgreSQL, statement-level triggers (migration 0005) append the rows and say so with a NOTIFY; an
open window reads what it missed after its last sequence number (rosterapp/services/changelog.py).
On SQLite the table exists and nothing writes it: one desk, no other window to tell.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Identity, Integer, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from rosterapp.models.base import Base

# The rows' key columns, as {column: [value of each row]} (jsonb on the server).
KeyColumns = JSON().with_variant(JSONB(), "postgresql")


class ChangeLog(Base):
    """One statement's write: which table, INSERT/UPDATE/DELETE, who (the server login), from which program
    (the transaction's rosterapp.origin), and the key columns of the rows before (``old_rows``) and after
    (``new_rows``) it, enough to tell a window what the statement touched.

    ``seq`` grows in commit order: the server gives each row its final number as its transaction commits,
    one transaction at a time, so a reader that has seen ``seq`` n has seen every commit before it.
    """

    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), Identity(), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    login: Mapped[str] = mapped_column(String(63), server_default="")
    origin: Mapped[str] = mapped_column(String(32), server_default="")
    tbl: Mapped[str] = mapped_column(String(63))
    op: Mapped[str] = mapped_column(String(6))
    old_rows: Mapped[dict[str, list[Any]] | None] = mapped_column(KeyColumns)
    new_rows: Mapped[dict[str, list[Any]] | None] = mapped_column(KeyColumns)
