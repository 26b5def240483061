"""Where the window's resources live, and loading its translators (ours and Qt's own)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

import rosterapp
from rosterapp import i18n

log = logging.getLogger("rosterapp.ui")



def find_resources() -> Path:
    """The resources folder (translations, icons, the guide) wherever the program runs from.

    An installed wheel and the .deb's bundle carry it inside the package as rosterapp/resources
    (setup.py maps it there); a PyInstaller bundle also has it under its own folder (sys._MEIPASS);
    in a source checkout (and an editable install) it is resources/ at the repository root.
    """
    package = Path(rosterapp.__file__).resolve().parent
    candidates = [package / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates += [Path(bundle) / "rosterapp" / "resources", Path(bundle) / "resources"]
    candidates.append(package.parent / "resources")
    for candidate in candidates:
        if (candidate / "i18n").is_dir():
            return candidate
    return candidates[-1]  # none found: name the source tree's, which the warning then shows


RESOURCES_DIR = find_resources()
I18N_DIR = RESOURCES_DIR / "i18n"


def qt_locale(language: str) -> QLocale:
    """The QLocale that formats dates and numbers for a rosterapp language code."""
    if language.startswith("zh"):
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our catalogue and Qt's for ``language``; returns them so they can be removed again.

    English is the source language, so it needs no translator at all.
    """
    QLocale.setDefault(qt_locale(language))
    if not language.startswith("zh"):
        return []
    installed = []
    # The last installed is asked first: qt_extra (Qt's dialog strings that Qt's own catalogue leaves in
    # English, resources/i18n/qt_extra_zh_CN.ts) comes after qtbase so that it completes and overrides it.
    for name, directory in (
        ("rosterapp_zh_CN", I18N_DIR),
        ("qtbase_zh_CN", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))),
        ("qt_extra_zh_CN", I18N_DIR),
    ):
        translator = QTranslator(app)
        if translator.load(name, str(directory)) and app.installTranslator(translator):
            installed.append(translator)
        else:
            # A missing catalogue leaves the window in English; worth a log line, not a refusal.
            log.warning("translation %s not found in %s", name, directory)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    _current[:] = [t for t in _current if t not in translators]


# The translators installed by switch_language (or registered by the application at start).
_current: list[QTranslator] = []


def remember(translators: list[QTranslator]) -> None:
    """Note the translators the application installed, so that switch_language can take them out."""
    _current.extend(translators)


def switch_language(app: QCoreApplication, language: str) -> None:
    """Change the language of the running program: messages, Qt's dialogs and every open window.

    Installing and removing translators sends LanguageChange to every widget, whose changeEvent
    sets its texts again.
    """
    i18n.set_language(language)
    remove_translators(app, list(_current))
    remember(install_translators(app, language))
    # Qt posts LanguageChange when a translator comes or goes; deliver it now, not at the next loop.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
