"""Rule thresholds kept in the database: global defaults, per readiness level, per operation."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rosterapp.models.base import Base, intpk
from rosterapp.models.org import one_of
from rosterapp.vocab import READINESS


class RuleSetting(Base):
    """One threshold value. Scope: global (both NULL), a readiness level, or one operation."""

    __tablename__ = "rule_setting"
    __table_args__ = (
        UniqueConstraint("key", "operation_id", "readiness"),
        CheckConstraint(f"readiness IS NULL OR {one_of('readiness', READINESS)}", name="readiness"),
        CheckConstraint("operation_id IS NULL OR readiness IS NULL", name="one_scope"),
    )

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(String(60))
    value: Mapped[float] = mapped_column(Float)
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operation.id", ondelete="CASCADE"))
    readiness: Mapped[str | None] = mapped_column(String(16))
