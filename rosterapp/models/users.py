"""The users of a shared server: each is a PostgreSQL login role; this table says what they may do."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from rosterapp.models.base import Base, intpk
from rosterapp.models.org import one_of

ROLES = ("admin", "hq", "clerk", "viewer")


class AppUser(Base):
    """A login of server mode: its role (admin manages users, hq writes everything, clerk writes their own
    detachment's rows, viewer reads) and, for a clerk, the detachment. SQLite has no users: one desk."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(one_of("role", ROLES), name="role"),
        CheckConstraint("role <> 'clerk' OR detachment_id IS NOT NULL", name="clerk_detachment"),
    )

    id: Mapped[intpk]
    login: Mapped[str] = mapped_column(String(63), unique=True)
    role: Mapped[str] = mapped_column(String(8))
    detachment_id: Mapped[int | None] = mapped_column(ForeignKey("detachment.id", ondelete="RESTRICT"))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
