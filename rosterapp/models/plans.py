"""Sub-plans (分方案): each detachment's part of a task, its state, and the versions it submitted.

A clerk submits the detachment's sub-plan (草稿 → 已上报): a version is frozen, a snapshot of its posts,
crews, vehicles and times. Headquarters approves it (已批准), which locks the posts, windows, crews and
deployments (triggers of migration 0006 refuse every write to them), or returns it (退回) with a
comment; it reopens an approved one for an amendment. The overall plan (总体方案) is every detachment's
latest submitted or approved version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rosterapp.models.audit import Fields
from rosterapp.models.base import Base, intpk
from rosterapp.models.org import one_of
from rosterapp.vocab import PLAN_STATE

VERSION_STATES = ("submitted", "approved", "returned")


class SubPlan(Base):
    """The state of one detachment's sub-plan of one task, and the number of its latest version (0: none
    submitted yet)."""

    __tablename__ = "sub_plan"
    __table_args__ = (
        UniqueConstraint("operation_id", "detachment_id"),
        CheckConstraint(one_of("state", PLAN_STATE), name="state"),
    )

    id: Mapped[intpk]
    operation_id: Mapped[int] = mapped_column(ForeignKey("operation.id", ondelete="CASCADE"))
    detachment_id: Mapped[int] = mapped_column(ForeignKey("detachment.id", ondelete="RESTRICT"))
    state: Mapped[str] = mapped_column(String(16), default="draft")
    version: Mapped[int] = mapped_column(Integer, default=0)
    comment: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(64), default="")


class SubPlanVersion(Base):
    """A frozen version: what was submitted (``snapshot``), by whom and when, and what headquarters decided."""

    __tablename__ = "sub_plan_version"
    __table_args__ = (
        UniqueConstraint("operation_id", "detachment_id", "number"),
        CheckConstraint(one_of("state", VERSION_STATES), name="state"),
    )

    id: Mapped[intpk]
    operation_id: Mapped[int] = mapped_column(ForeignKey("operation.id", ondelete="CASCADE"), index=True)
    detachment_id: Mapped[int] = mapped_column(ForeignKey("detachment.id", ondelete="RESTRICT"))
    number: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="submitted")
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime)
    submitted_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[dict[str, Any]] = mapped_column(Fields)
