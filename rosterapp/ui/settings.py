"""The window's settings: every QSettings key, its type and its default, declared in one place."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger("rosterapp.ui.settings")

T = TypeVar("T")


@dataclass(frozen=True)
class Key(Generic[T]):
    """A declared setting: where QSettings keeps it, what type it has, and its value when unset."""

    name: str
    type: type
    default: T
    doc: str = ""


WINDOW_GEOMETRY: Key[QByteArray] = Key("window/geometry", QByteArray, QByteArray(),
                                       "QMainWindow.saveGeometry() of the main window")
WINDOW_STATE: Key[QByteArray] = Key("window/state", QByteArray, QByteArray(),
                                    "QMainWindow.saveState(): toolbars and docks")
SPLITTER_STATE: Key[QByteArray] = Key("window/splitter", QByteArray, QByteArray(),
                                      "navigator | tabs splitter")
OVERVIEW_HEADER: Key[QByteArray] = Key("overview/header", QByteArray, QByteArray(),
                                       "column widths and sort order of the overview table")
LAST_DATABASE: Key[str] = Key("database/last_url", str, "",
                              "URL of the database opened last; a server's without user and password (never a "
                              "password: rosterapp/ui/login.py). Without --db, the window opens a server named here")
SERVER_LOGIN: Key[str] = Key("server/login", str, "", "the user name last logged in with on a server")
LAST_TAB: Key[str] = Key("view/tab", str, "", "objectName of the tab shown last")
LAST_SELECTION: Key[str] = Key("view/selection", str, "",
                               "navigator node selected last, as 'kind:name' (stable across databases)")

LAST_FIRST_DAY: Key[str] = Key("view/first_day", str, "", "first day (YYYY-MM-DD) of the range shown last")
LAST_LAST_DAY: Key[str] = Key("view/last_day", str, "", "last day (YYYY-MM-DD) of the range shown last")
ROTATION_PATTERNS: Key[str] = Key("roster/rotation_patterns", str, "",
                                  "rotation patterns the clerk saved, one per line (e.g. 值休休休)")
ROSTER_TOTALS: Key[bool] = Key("roster/totals", bool, False,
                               "the totals columns (services.statistics) at the right of the grid")
LANGUAGE: Key[str] = Key("view/language", str, "", "zh_CN or en chosen in the View menu; empty: the system's")
DUTY_ROWS_SHOWN: Key[bool] = Key("roster/duty_rows_shown", bool, True,
                                 "the roster's duty-role rows (带班领导 …) shown, or all folded away")
DUTY_ROWS_FOLDED: Key[str] = Key("roster/duty_rows_folded", str, "",
                                 "names of the stations whose duty-role rows are folded, one per line")

KEYS: tuple[Key[Any], ...] = (
    WINDOW_GEOMETRY, WINDOW_STATE, SPLITTER_STATE, OVERVIEW_HEADER, LAST_DATABASE, LAST_TAB, LAST_SELECTION,
    LAST_FIRST_DAY, LAST_LAST_DAY, ROTATION_PATTERNS, LANGUAGE, ROSTER_TOTALS,
    DUTY_ROWS_SHOWN, DUTY_ROWS_FOLDED, SERVER_LOGIN,
)


class Settings:
    """Typed access to the declared keys; an unknown key is a bug and raises KeyError."""

    def __init__(self, store: QSettings | None = None):
        # QSettings() uses the organisation and application names set on the QApplication.
        self._store = store if store is not None else QSettings()

    @property
    def store(self) -> QSettings:
        return self._store

    def value(self, key: Key[T]) -> T:
        self._check(key)
        if not self._store.contains(key.name):
            return key.default
        raw = self._store.value(key.name)
        try:
            return self._convert(key, raw)
        except (TypeError, ValueError):
            # A hand-edited or foreign settings file must not keep the window from opening.
            log.warning("ignoring bad value %r for setting %s", raw, key.name)
            return key.default

    def set_value(self, key: Key[T], value: T) -> None:
        self._check(key)
        if not isinstance(value, key.type):
            raise TypeError(f"setting {key.name} takes {key.type.__name__}, not {type(value).__name__}")
        self._store.setValue(key.name, value)

    def remove(self, key: Key[Any]) -> None:
        self._check(key)
        self._store.remove(key.name)

    def sync(self) -> None:
        self._store.sync()

    @staticmethod
    def _check(key: Key[Any]) -> None:
        if key not in KEYS:
            raise KeyError(f"undeclared setting {key.name}")

    @staticmethod
    def _convert(key: Key[T], raw: Any) -> T:
        # INI files hand back strings; the native backends keep types. Normalise both.
        if key.type is QByteArray:
            if isinstance(raw, QByteArray):
                return raw
            if isinstance(raw, bytes | bytearray):
                return QByteArray(bytes(raw))
            raise TypeError(type(raw).__name__)
        if key.type is bool:
            if isinstance(raw, str):
                return raw.lower() in ("true", "1", "yes")
            return bool(raw)
        if key.type is int:
            return int(raw)
        if key.type is str:
            if isinstance(raw, str):
                return raw
            raise TypeError(type(raw).__name__)
        return key.type(raw)
