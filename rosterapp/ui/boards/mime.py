"""What a drag of vehicles or people carries: their ids (and, for people, the crew role), as JSON."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

VEHICLES = "application/x-rosterapp-vehicles"
PEOPLE = "application/x-rosterapp-people"
TYPES = (VEHICLES, PEOPLE)


def vehicles_mime(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(VEHICLES, json.dumps({"ids": list(ids)}).encode())
    return mime


def people_mime(ids: list[int], role: str | None) -> QMimeData:
    mime = QMimeData()
    mime.setData(PEOPLE, json.dumps({"ids": list(ids), "role": role}).encode())
    return mime


def decode(mime: QMimeData) -> tuple[str, list[int], str | None] | None:
    """(kind, ids, role) of a drag, kind VEHICLES or PEOPLE; None when it carries neither."""
    for kind in TYPES:
        if mime.hasFormat(kind):
            try:
                payload = json.loads(bytes(mime.data(kind)).decode())
                ids = [int(i) for i in payload["ids"]]
            except (ValueError, KeyError, TypeError):
                return None
            return kind, ids, payload.get("role")
    return None
