"""Sub-plans in the window: each detachment's state under the post board, submit → approve (then locked),
return with a comment, two versions side by side."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel
from sqlalchemy import func, select

from rosterapp import access
from rosterapp.models import Duty, Person, Post
from rosterapp.services import demo, staffing, subplans
from rosterapp.services.changes import OPERATIONS
from rosterapp.services.subplans import APPROVED, DRAFT, RETURNED, SUBMITTED
from rosterapp.ui.boards import mime
from rosterapp.ui.commands import PlanCommand
from rosterapp.ui.main_window import MainWindow
from rosterapp.ui.operations.plan_diff import KIND_COLORS
from rosterapp.ui.operations.subplans import COMMENT, STATE, STATE_COLORS

START = dt.date(2027, 3, 1)


@pytest.fixture
def demo_db(demo_copy):
    return demo_copy(seed=3, start=START)


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_range(START, dt.date(2027, 3, 31))
    window.show()
    qtbot.waitExposed(window)
    window.select_key(f"operation:{demo.OPERATION_NAME}")
    settle(window)
    return window


def settle(window: MainWindow) -> None:
    assert window.roster_page.controller.wait_for_checker()
    assert window.operations.wait_for_plans()
    QApplication.processEvents()


def ids(db) -> dict[str, int]:
    """Detachment code -> id, and the task's id."""
    from rosterapp.models import Detachment, Operation

    with db.read() as s:
        out = dict(s.execute(select(Detachment.code, Detachment.id)).all())
        out["task"] = s.scalar(select(Operation.id).where(Operation.name == demo.OPERATION_NAME))
    return out


def act(db, action: str, det: int, task: int, comment: str = "") -> None:
    with db.begin() as s:
        subplans.act(s, action, task, det, comment)


def row(window: MainWindow, det: int):
    return next(s for s in window.operations.plans_panel.model.statuses if s.detachment_id == det)


def answer(window: MainWindow, comment: str = "") -> QDialog:
    """The open plan action's question: the comment typed, OK clicked."""
    shown = [d for d in window.findChildren(QDialog, "planActionDialog") if d.isVisible()]
    assert len(shown) == 1
    found = shown[0]
    found.editor.setPlainText(comment)
    found.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(window)
    return found


def duty_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Duty))


def test_the_panel_shows_each_detachment_s_state_at_a_glance(window, demo_db, qtmodeltester):
    d = ids(demo_db)
    act(demo_db, "submit", d["DC"], d["task"])
    act(demo_db, "approve", d["DC"], d["task"], "同意")
    act(demo_db, "submit", d["XC"], d["task"])
    act(demo_db, "return", d["XC"], d["task"], "XC-01 少一名驾驶员")
    act(demo_db, "submit", d["CY"], d["task"])
    with demo_db.begin() as s:  # 朝阳 changes its draft after submitting it
        post = s.scalars(select(Post).where(Post.detachment_id == d["CY"]).order_by(Post.code)).first()
        post.min_people += 1
    ops = window.operations
    ops.reload_plans()
    settle(window)
    model = ops.plans_panel.model
    qtmodeltester.check(model)
    assert [s.detachment for s in model.statuses][:3] == ["东城支队", "西城支队", "朝阳支队"]
    dc, xc, cy, hd = (row(window, d[k]) for k in ("DC", "XC", "CY", "HD"))
    assert (dc.state, dc.version, dc.in_plan, dc.comment) == (APPROVED, 1, 1, "同意")
    assert (xc.state, xc.in_plan, xc.comment) == (RETURNED, None, "XC-01 少一名驾驶员")
    assert (cy.state, cy.edited_since) == (SUBMITTED, True)
    assert (hd.state, hd.version) == (DRAFT, 0) and hd.posts > 0
    r = model.row_of(d["DC"])
    assert model.index(r, STATE).data() == "approved · locked"
    assert model.index(r, STATE).data(Qt.ItemDataRole.BackgroundRole).color().name() == STATE_COLORS[APPROVED][0]
    assert model.index(model.row_of(d["CY"]), 5).data() == "edited"
    assert model.index(model.row_of(d["XC"]), COMMENT).data() == "XC-01 少一名驾驶员"
    assert "3 of 6 detachments" not in ops.plans_panel.summary.text()  # 西城's returned version is not taken
    assert "2 of 6 detachments' versions" in ops.plans_panel.summary.text()
    # What each may do, by state: 朝阳 changed since, so it is submitted again before it can be approved.
    ops.plans_panel.select_detachment(d["CY"])
    enabled = {name: a.isEnabled() for name, a in ops.plan_actions.items()}
    assert enabled == {"submit": True, "approve": False, "return": True, "reopen": True, "diff": True}
    assert "submit it again" in ops.plans_panel.hint.text()
    ops.plans_panel.select_detachment(d["DC"])
    enabled = {name: a.isEnabled() for name, a in ops.plan_actions.items()}
    assert enabled == {"submit": False, "approve": False, "return": False, "reopen": True, "diff": True}
    # The approved sub-plan's posts carry the badge, and the banner names it.
    banner = window.findChild(QLabel, "lockBanner")
    assert banner.isVisible() and "东城支队" in banner.text() and "西城支队" not in banner.text()
    locked = [r for r in range(ops.model.rowCount()) if ops.model.is_locked(r)]
    assert locked and all(ops.board.lines[r].detachment == "东城支队" for r in locked)
    ops.plans_panel.grab()
    # Double-clicking a row shows that detachment's posts on the board.
    ops.plans_panel.activated.emit(d["XC"])
    settle(window)
    assert {line.detachment for line in ops.board.lines} == {"西城支队"}
    assert ops.plans_panel.current().detachment_id == d["XC"]
    # On a server: a clerk submits their own detachment's only; headquarters decides.
    demo_db.login = access.Login("xc_clerk", "clerk", d["XC"])
    try:
        ops.plans_panel.select_detachment(d["XC"])
        assert ops.plan_actions["submit"].isEnabled() and not ops.plan_actions["reopen"].isEnabled()
        assert "Only headquarters approves" in ops.plans_panel.hint.text()
        ops.plans_panel.select_detachment(d["CY"])
        assert not ops.plan_actions["submit"].isEnabled() and not ops.plan_actions["return"].isEnabled()
        assert "another detachment" in ops.plans_panel.hint.text()
        demo_db.login = access.Login("hq", "hq")
        ops.update_plan_actions()
        assert ops.plan_actions["submit"].isEnabled() and ops.plan_actions["return"].isEnabled()
    finally:
        demo_db.login = None


def test_submit_then_approve_through_the_panel_locks_the_posts(window, demo_db):
    d = ids(demo_db)
    ops = window.operations
    steps = window.undo_stack.count()
    ops.plans_panel.select_detachment(d["DC"])
    assert ops.plan_actions["submit"].isEnabled() and not ops.plan_actions["approve"].isEnabled()
    ops.plan_actions["submit"].trigger()
    answer(window, "第一稿")
    assert (row(window, d["DC"]).state, row(window, d["DC"]).version) == (SUBMITTED, 1)
    assert "submitted" in window.statusBar().currentMessage()
    assert ops.board_page.detachment.itemText(0) == "all detachments"  # the filters, refilled, keep their words
    # A person taken off a 东城 window after submitting: the draft differs, it is submitted again.
    r = next(r for r, line in enumerate(ops.board.lines) if line.detachment_id == d["DC"])
    c = next(c for c, cell in enumerate(ops.board.cells[r]) if cell is not None and cell.crew)
    ops.release_choice = staffing.STATION_DUTY
    assert ops.remove_from_window([ops.board.cells[r][c].crew[0].duty_id], [], "off")
    settle(window)
    assert row(window, d["DC"]).edited_since and not ops.plan_actions["approve"].isEnabled()
    ops.plan_actions["submit"].trigger()
    answer(window)
    assert (row(window, d["DC"]).version, row(window, d["DC"]).edited_since) == (2, False)
    steps = window.undo_stack.count()
    ops.plan_actions["approve"].trigger()
    answer(window)
    dc = row(window, d["DC"])
    assert (dc.state, dc.in_plan) == (APPROVED, 2)
    with demo_db.read() as s:
        assert subplans.is_locked(s, d["task"], d["DC"])
    assert window.undo_stack.count() == steps  # a plan action is no step Undo takes back

    # The board shows the lock; a drop on a 东城 window is refused with the reason, and nothing changes.
    r = next(r for r, line in enumerate(ops.board.lines) if line.detachment_id == d["DC"])
    assert ops.model.is_locked(r) and window.findChild(QLabel, "lockBanner").isVisible()
    c = next(c for c, cell in enumerate(ops.board.cells[r]) if cell is not None)
    cell = ops.board.cells[r][c]
    ops.select_cell(r, c)
    duties = duty_count(demo_db)
    refusals = []
    ops.refused.connect(refusals.append)
    model = ops.model
    with demo_db.read() as s:
        pid = s.scalar(select(Person.id).where(Person.station_id == ops.board.lines[r].station_id).limit(1))
    assert not model.dropMimeData(mime.people_mime([pid], "firefighter"), Qt.DropAction.CopyAction, -1, -1,
                                  model.index(r, c))
    assert refusals and "东城支队" in refusals[-1] and "approved" in refusals[-1]
    assert duty_count(demo_db) == duties and window.undo_stack.count() == steps
    # Taking the crew off is refused before asking where the people go.
    ops.release_choice = None
    assert not ops.remove_from_window([cell.crew[0].duty_id], [], "off")
    assert "headquarters must reopen it" in refusals[-1]
    # The service refuses too, whatever the window checked first (another route, a stale board).
    reasons = ops.push_staffing("x", lambda s: staffing.release(s, [cell.crew[0].duty_id], then=None))
    assert reasons and "东城支队" in reasons[0] and "headquarters must reopen it" in reasons[0]
    assert duty_count(demo_db) == duties

    # The post editor says so at once, and saving is refused.
    ops.select_cell(r, c)
    editor = ops.edit_post()
    assert editor.errors.isVisible() and "东城支队" in editor.errors.text()
    with demo_db.read() as s:
        before = s.get(Post, ops.board.lines[r].post_id).min_people
    editor.min_people.setValue(before + 2)
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    QApplication.processEvents()
    assert editor.isVisible() and "locked" in editor.errors.text()
    with demo_db.read() as s:
        assert s.get(Post, ops.board.lines[r].post_id).min_people == before
    editor.reject()

    # Headquarters reopens it: the lock is gone, the overall plan keeps version 2.
    ops.plans_panel.select_detachment(d["DC"])
    ops.plan_actions["reopen"].trigger()
    answer(window, "补充一个点位")
    dc = row(window, d["DC"])
    assert (dc.state, dc.in_plan) == (DRAFT, 2)
    assert not ops.model.is_locked(r) and not window.findChild(QLabel, "lockBanner").isVisible()


def test_returning_needs_a_comment(window, demo_db):
    d = ids(demo_db)
    act(demo_db, "submit", d["XC"], d["task"])
    ops = window.operations
    ops.reload_plans()
    settle(window)
    ops.plans_panel.select_detachment(d["XC"])
    ops.plan_actions["return"].trigger()
    found = [x for x in window.findChildren(QDialog, "planActionDialog") if x.isVisible()][0]
    ok = found.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    found.editor.setPlainText("   ")
    assert not ok.isEnabled()
    found.editor.setPlainText("XC-02 的夜班没有指挥员")
    assert ok.isEnabled()
    ok.click()
    settle(window)
    xc = row(window, d["XC"])
    assert (xc.state, xc.comment) == (RETURNED, "XC-02 的夜班没有指挥员")
    assert "XC-02 的夜班没有指挥员" in ops.plans_panel.hint.text()
    # Without a comment the service refuses, and the refusal shows beside the sub-plans.
    act(demo_db, "submit", d["XC"], d["task"])
    ops.reload_plans()
    settle(window)
    assert not ops.plan_action("return", "", d["XC"])
    assert "Say why" in ops.plans_panel.hint.text() and "Not changed" in window.statusBar().currentMessage()
    assert row(window, d["XC"]).state == SUBMITTED


def test_the_diff_dialog_shows_what_changed_between_versions(window, demo_db):
    d = ids(demo_db)
    act(demo_db, "submit", d["HD"], d["task"])
    with demo_db.begin() as s:  # version 2: one post needs two more people
        post = s.scalars(select(Post).where(Post.detachment_id == d["HD"]).order_by(Post.code)).first()
        code, before = post.code, post.min_people
        post.min_people = before + 2
    act(demo_db, "submit", d["HD"], d["task"])
    with demo_db.begin() as s:  # the draft: one person off that post
        duty = s.scalars(select(Duty).where(Duty.post_id == post.id).order_by(Duty.start)).first()
        s.delete(duty)
    ops = window.operations
    ops.reload_plans()
    settle(window)
    ops.plans_panel.select_detachment(d["HD"])
    ops.plan_actions["diff"].trigger()
    shown = [x for x in window.findChildren(QDialog, "planDiffDialog") if x.isVisible()]
    assert len(shown) == 1
    dialog = shown[0]
    # Default: the latest version against the current draft: the person taken off.
    assert dialog.left.currentData() == 2 and dialog.right.currentData() is None
    assert [(x.kind, x.what, x.post) for x in dialog.lines] in ([("changed", "person", code)],
                                                                [("removed", "person", code)])
    group = dialog.tree.topLevelItem(0)
    assert group.text(0).startswith(code) and group.childCount() == 1
    # Version 1 against version 2: 人数 from before to before + 2, amber on both sides.
    dialog.pick(1, 2)
    assert [(x.kind, x.subject, x.before, x.after) for x in dialog.lines] == [
        ("changed", "人数", str(before), str(before + 2))]
    item = dialog.tree.topLevelItem(0).child(0)
    assert (item.text(1), item.text(2)) == (str(before), str(before + 2))
    assert item.background(2).color().name() == KIND_COLORS["changed"][0]
    assert dialog.tree.headerItem().text(1) == "version 1" and dialog.tree.headerItem().text(2) == "version 2"
    assert "1 differences" in dialog.summary.text() or "1 difference" in dialog.summary.text()
    dialog.grab()
    # The same version on both sides: nothing differs, and it says so.
    dialog.pick(2, 2)
    assert dialog.lines == [] and dialog.stack.currentWidget() is dialog.empty
    assert dialog.empty.text() == "The two versions do not differ."
    dialog.close()


def test_a_plan_action_is_applied_through_the_hub_not_stacked(window, demo_db):
    d = ids(demo_db)
    hub = window.hub
    changes = []
    hub.changed.connect(changes.append)
    steps = hub.undo_stack.count()
    assert hub.apply(PlanCommand("上报", "submit", d["task"], d["DC"]))
    assert OPERATIONS in changes[-1].registers and hub.undo_stack.count() == steps
    refusals = []
    hub.refused.connect(refusals.append)
    assert not hub.apply(PlanCommand("批准", "approve", d["task"], d["FT"]))  # 丰台 never submitted
    assert refusals and hub.last_refusal == refusals[-1] and "Only a submitted" in refusals[-1]
    # Were it ever on the stack, its undo would be refused with the reason and change nothing.
    command = PlanCommand("上报", "submit", d["task"], d["XC"])
    assert hub.push(command) and hub.undo_stack.count() == steps + 1
    hub.undo_stack.undo()
    assert "not taken back with Undo" in hub.last_refusal
    with demo_db.read() as s:
        assert subplans.sub_plan(s, d["task"], d["XC"]).state == SUBMITTED
