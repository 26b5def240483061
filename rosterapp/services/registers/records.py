"""Putting a register entry's own rows back exactly, for undo and redo."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session


def restore_children(session: Session, model: type, owned, wanted: dict[int, dict[str, Any]]) -> None:
    """Make the rows of ``model`` matching ``owned`` exactly ``wanted`` (id -> column values)."""
    session.flush()
    for row in session.scalars(select(model).where(owned)):
        if row.id not in wanted:
            session.delete(row)
    session.flush()
    for row_id, values in wanted.items():
        row = session.get(model, row_id)
        if row is None:
            session.add(model(id=row_id, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
    session.flush()


