"""View ▸ Edit history: the audit log listed and filtered, reverts through the hub (undoable, refused over later edits)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from rosterapp.models import Person, Vehicle
from rosterapp.services.registers import people
from rosterapp.ui.audit_view import FIELDS, RECORD, AuditWindow
from rosterapp.ui.commands import PERSON, RecordCommand
from rosterapp.ui.main_window import MainWindow

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def window(populated_db, qtbot):
    window = MainWindow(populated_db)
    qtbot.addWidget(window)
    window.hub.wait_for_checker()
    return window


def person_id(db, name: str) -> int:
    with db.read() as s:
        return s.scalar(select(Person.id).where(Person.name == name))


def name_of(db, pid: int) -> str:
    with db.read() as s:
        return s.scalar(select(Person.name).where(Person.id == pid))


def rename(window, pid: int, new: str, label: str) -> None:
    def apply(session):
        data = dataclasses.replace(people.get_person(session, pid), name=new)
        people.update_person(session, pid, data)
        return pid

    assert window.hub.push(RecordCommand(label, PERSON, pid, apply))


def open_view(window, qtbot, monkeypatch, answer: bool = True) -> AuditWindow:
    view = window.audit.open()
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    monkeypatch.setattr(view, "confirm", lambda _title, _text: answer)
    return view


def select_row(view: AuditWindow, record_part: str) -> int:
    for i, row in enumerate(view.model.rows):
        if record_part in row.record:
            view.table.selectRow(i)
            return i
    raise AssertionError(f"no row with {record_part}: {[r.record for r in view.model.rows]}")


def test_the_view_lists_an_edit_with_its_fields_and_the_filters_narrow_it(window, qtbot, monkeypatch):
    db = window.hub.db
    zhang, wang = person_id(db, "张伟"), person_id(db, "王磊")
    rename(window, zhang, "张伟伟", "Rename 张伟")
    rename(window, wang, "王磊磊", "Rename 王磊")
    view = open_view(window, qtbot, monkeypatch)
    model = view.model
    records = [model.index(i, RECORD).data() for i in range(model.rowCount())]
    assert any("张伟伟" in r for r in records) and any("王磊磊" in r for r in records)
    i = select_row(view, "张伟伟")
    assert model.index(i, FIELDS).data() == "名称：张伟 → 张伟伟"
    assert model.rows[i].entry.label == "Rename 张伟" and model.rows[i].entry.login
    assert "名称：张伟 → 张伟伟" in view.detail.toPlainText()
    assert view.revert_entry_button.isEnabled()

    # A person picked by typing part of the 工号 or the pinyin initials narrows to their entries.
    view.person.setText("zww")
    view.person.picked.emit()
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert {r.entry.person_id for r in view.model.rows} == {zhang}
    # A vehicle by its plate: its own entries (the fixture added it, its duty and deployment today).
    with db.read() as s:
        vid, plate = s.execute(select(Vehicle.id, Vehicle.plate).order_by(Vehicle.id)).first()
    view.person.choose(None)
    view.vehicle.setText(plate)
    view.vehicle.picked.emit()
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert view.model.rowCount() and {r.entry.vehicle_id for r in view.model.rows} == {vid}
    # Days before the edits: nothing either; the user filter lists who edited.
    view.clear_filters()
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert view.model.rowCount() >= 2
    assert view.user.count() >= 2 and view.user.itemData(0) is None
    first = view.first.date().addDays(-30)
    view.last.setDate(first)
    view.first.setDate(first)
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert view.model.rowCount() == 0 and view.stack.currentWidget() is view.empty_label


def test_a_revert_through_the_view_restores_the_value_and_is_undoable(window, qtbot, monkeypatch):
    db = window.hub.db
    zhang = person_id(db, "张伟")
    rename(window, zhang, "张伟伟", "Rename 张伟")
    view = open_view(window, qtbot, monkeypatch)
    select_row(view, "张伟伟")
    assert view.revert_entry()
    assert name_of(db, zhang) == "张伟"
    stack = window.undo_stack
    assert stack.undoText() == "Revert: person 张伟伟（T000）"
    # The view reads again and lists the revert as an edit of its own.
    qtbot.waitUntil(lambda: not view.loading and any(r.entry.label.startswith("Revert")
                                                     for r in view.model.rows), timeout=10000)
    assert window.undo_action in view.actions()  # Ctrl+Z works in the view's window too
    window.undo_action.trigger()  # the edit is back
    assert name_of(db, zhang) == "张伟伟"
    stack.redo()
    assert name_of(db, zhang) == "张伟"
    stack.undo()
    stack.undo()  # and the rename itself
    assert name_of(db, zhang) == "张伟"


def test_a_revert_of_a_field_changed_again_later_is_refused_naming_it(window, qtbot, monkeypatch):
    db = window.hub.db
    zhang = person_id(db, "张伟")
    rename(window, zhang, "张伟伟", "Rename 张伟")
    rename(window, zhang, "张大伟", "Rename again")
    view = open_view(window, qtbot, monkeypatch)
    rows = [i for i, r in enumerate(view.model.rows) if r.entry.label == "Rename 张伟"]
    view.table.selectRow(rows[0])
    depth = window.undo_stack.count()
    assert not view.revert_entry()
    assert name_of(db, zhang) == "张大伟" and window.undo_stack.count() == depth
    box = view.findChild(QMessageBox, "revertRefused")
    assert box is not None and "名称" in box.informativeText() and "changed again later" in box.informativeText()
    assert "名称" in view.message.text()
    box.close()


def test_a_refusal_with_details_says_them_on_the_status_bar_too():
    from rosterapp.errors import Conflict
    from rosterapp.ui.hub import refusal_text

    assert refusal_text(Conflict("Nothing was reverted.", ["person 张伟: 名称 changed again later."])) == (
        "Nothing was reverted. person 张伟: 名称 changed again later.")
    assert refusal_text(Conflict("Refused.")) == "Refused."


def test_a_large_revert_is_made_off_the_gui_thread_and_lands_as_one_step(window, qtbot, monkeypatch):
    from rosterapp.ui import audit_view

    db = window.hub.db
    zhang = person_id(db, "张伟")
    rename(window, zhang, "张伟伟", "Rename 张伟")
    view = open_view(window, qtbot, monkeypatch)
    select_row(view, "张伟伟")
    monkeypatch.setattr(audit_view, "BACKGROUND_ENTRIES", 0)
    depth = window.undo_stack.count()
    assert view.revert_group()
    qtbot.waitUntil(lambda: view.reverting is None, timeout=10000)
    assert name_of(db, zhang) == "张伟" and window.undo_stack.count() == depth + 1
    assert window.undo_stack.undoText() == "Revert: Rename 张伟"
    window.undo_action.trigger()
    assert name_of(db, zhang) == "张伟伟"
    # An edit too large to revert here (a whole demo): refused before asking, pointing to the backups.
    monkeypatch.setattr(audit_view, "MAX_REVERT_ENTRIES", 0)
    assert not view.revert_group() and "backup" in view.message.text()


def test_the_roster_grids_context_menu_opens_a_persons_history(window, qtbot):
    db = window.hub.db
    zhang = person_id(db, "张伟")
    rename(window, zhang, "张伟伟", "Rename 张伟")
    page = window.roster_page
    qtbot.waitUntil(lambda: zhang in page.model.grid.row_of, timeout=10000)
    page.view.setCurrentIndex(page.model.index(page.model.grid.row_of[zhang], 0))
    menu = page.swaps.context_menu(page.view.visualRect(page.view.currentIndex()).center())
    assert window.audit.person_action in menu.actions()
    view = window.audit.open_for_current_person()
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert view.person.value() == zhang
    assert view.model.rowCount() and {r.entry.person_id for r in view.model.rows} == {zhang}
