"""Runs in its own process, on its own copy of the city: the main window importing the city's register.

import_window_city_s  File ▸ Import Personnel of 3,000 people (every one of them updated: a qualification
                      taken or given) in the city window, from the click to the checker current again:
                      the preview in a worker, the clerk's yes, the write in a worker, the step landed
                      on the hub and the checker following it (≤ 3 s)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import openpyxl  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from rosterapp import i18n  # noqa: E402
from rosterapp.db import open_database  # noqa: E402
from rosterapp.models import Detachment, Person, Station  # noqa: E402
from rosterapp.services.dutyday import month_range  # noqa: E402
from rosterapp.ui.main_window import MainWindow  # noqa: E402


def city_register(db, path: Path) -> int:
    """The city's people as a 人员名册, each with one qualification more or one less than stored."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "支队", "消防救援站", "资质"])
    n = 0
    with db.begin() as s:
        for person, station, det in s.execute(select(Person, Station.name, Detachment.code)
                                              .join(Station, Person.station_id == Station.id)
                                              .join(Detachment, Station.detachment_id == Detachment.id)):
            quals = [q.name for q in person.qualifications]
            quals = quals[1:] if quals else ["空呼"]
            ws.append([person.staff_no, person.name, det, station, "、".join(quals)])
            n += 1
    wb.save(path)
    return n


def main(path: str, first: str) -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    i18n.set_language("zh_CN")
    db = open_database(f"sqlite:///{path}")
    book = Path(path).with_suffix(".register.xlsx")
    people = city_register(db, book)
    assert people > 3000
    window = MainWindow(db)
    window.resize(1600, 1000)
    window.set_range(*month_range(dt.date.fromisoformat(first)))
    window.select_key("corps")
    window.show()
    window.hub.wait_for_checker(120000)
    app.processEvents()

    excel = window.excel_actions
    excel.confirm = lambda _preview: True  # the clerk reads the preview and says yes at once
    loop = QEventLoop()
    window.hub.changed.connect(lambda _change: QTimer.singleShot(0, loop.quit))
    started = time.perf_counter()
    excel.import_file("personnel", book)
    loop.exec()
    seconds = time.perf_counter() - started
    assert window.undo_stack.undoText().startswith(("导入", "Import")), window.undo_stack.undoText()
    assert not window.hub.is_checking() and window.hub.live is not None
    window.close()
    db.dispose()
    return {"import_window_city_s": seconds}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
