"""The settings module: declared keys, typed values, defaults, bad stored values."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings

from rosterapp.ui import settings as keys
from rosterapp.ui.settings import Key, Settings


def test_unset_keys_give_their_defaults(settings):
    for key in keys.KEYS:
        assert settings.value(key) == key.default


def test_values_survive_a_new_settings_object(settings, tmp_path):
    settings.set_value(keys.WINDOW_GEOMETRY, QByteArray(b"\x01\x02geometry\x00"))
    settings.set_value(keys.LAST_DATABASE, "sqlite:////tmp/北京.sqlite3")
    settings.set_value(keys.LAST_SELECTION, "station:前门消防救援站")
    settings.sync()
    again = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.value(keys.WINDOW_GEOMETRY) == QByteArray(b"\x01\x02geometry\x00")
    assert again.value(keys.LAST_DATABASE) == "sqlite:////tmp/北京.sqlite3"
    assert again.value(keys.LAST_SELECTION) == "station:前门消防救援站"
    again.remove(keys.LAST_SELECTION)
    assert again.value(keys.LAST_SELECTION) == ""


def test_undeclared_keys_and_wrong_types_are_refused(settings):
    with pytest.raises(KeyError):
        settings.value(Key("somewhere/else", str, ""))
    with pytest.raises(TypeError):
        settings.set_value(keys.LAST_SELECTION, 3)


def test_a_bad_stored_value_falls_back_to_the_default(settings):
    settings.store.setValue(keys.WINDOW_GEOMETRY.name, 42)
    assert settings.value(keys.WINDOW_GEOMETRY) == QByteArray()


def test_every_key_is_declared_once_with_a_default_of_its_type():
    names = [k.name for k in keys.KEYS]
    assert len(names) == len(set(names))
    assert all(isinstance(k.default, k.type) for k in keys.KEYS)
