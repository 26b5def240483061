"""The post-staffing half of the automatic fill on the small demo: cleared windows staffed again, checked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from rosterapp.db import Database
from rosterapp.i18n import set_language
from rosterapp.models import (
    Absence,
    Duty,
    DutyAssignment,
    Operation,
    Person,
    Post,
    Station,
    VehicleDeployment,
)
from rosterapp.services import autofill_posts, staffing
from rosterapp.services.check import resolve_scope, run_check
from tests.services.conftest import DEMO_START

START = DEMO_START
FIRST, LAST = dt.date(2026, 3, 9), dt.date(2026, 3, 11)


def _errors(session) -> set[tuple]:
    report = run_check(session, resolve_scope(session, first=START, last=dt.date(2026, 3, 31)))
    return {(p.rule, p.start, p.end, tuple(p.people)) for p in report.problems if p.severity == "error"}


def _clear_posts(session) -> tuple[int, int, list[int]]:
    op = session.scalars(select(Operation).order_by(Operation.id)).first()
    det = session.scalar(select(Post.detachment_id).where(Post.operation_id == op.id).order_by(Post.id).limit(1))
    posts = list(session.scalars(select(Post.id).where(Post.detachment_id == det, Post.operation_id == op.id)))
    lo, hi = dt.datetime.combine(FIRST, dt.time()), dt.datetime.combine(LAST + dt.timedelta(days=1), dt.time())
    session.execute(delete(Duty).where(Duty.post_id.in_(posts), Duty.start >= lo, Duty.start < hi))
    session.execute(delete(VehicleDeployment).where(VehicleDeployment.post_id.in_(posts),
                                                    VehicleDeployment.start >= lo, VehicleDeployment.start < hi))
    return op.id, det, posts


def test_cleared_windows_are_staffed_again_without_new_errors(demo_db: Database) -> None:
    with demo_db.begin() as s:
        op, det, posts = _clear_posts(s)
        before = _errors(s)  # the plan it is given: the cleared windows are uncovered (errors) until filled
        proposal = autofill_posts.propose_posts(s, op, FIRST, LAST, detachment_id=det)
        assert proposal.windows > 0 and proposal.filled >= 0.8 * proposal.windows
        assert proposal.filled + len(proposal.gaps) == proposal.windows
        assert all(g.missing and g.reasons for g in proposal.gaps)  # what stays short says why
        assert not s.scalar(select(Duty.id).where(Duty.post_id.in_(posts), Duty.start >= dt.datetime(2026, 3, 9),
                                                  Duty.start < dt.datetime(2026, 3, 12)).limit(1))  # only read
        people = {pid for plan in proposal.plans for pid, _role, _v in plan.people}
        detachments = dict(s.execute(select(Person.id, Station.detachment_id)
                                     .join(Station, Station.id == Person.station_id)
                                     .where(Person.id.in_(people))).all())
        assert set(detachments.values()) == {det}  # the post's own detachment
        booked = {(a.person_id, a.day) for a in s.scalars(select(DutyAssignment))}
        needs_commander = dict(s.execute(select(Post.id, Post.needs_commander)).all())
        short = {(g.post_id, g.start) for g in proposal.gaps}
        for plan in proposal.plans:
            if (plan.post_id, plan.start) in short:
                continue  # a partial staffing, listed with what it lacks
            day = plan.start.date() if plan.start.hour >= 8 else plan.start.date() - dt.timedelta(days=1)
            assert all((pid, day) not in booked for pid, _r, _v in plan.people)  # leaders stay at their station
            assert plan.vehicles and plan.people
            assert any(role == "commander" for _p, role, _v in plan.people) or not needs_commander[plan.post_id]
            assert all(any(v == vid and role == "driver" for _p, role, v in plan.people) for vid in plan.vehicles)
        staffing.staff_windows(s, proposal.plans)
        after = _errors(s)
        assert after <= before and len(after) < len(before)


def test_a_window_nobody_can_staff_names_each_candidate_and_why(demo_db: Database) -> None:
    """Everyone of the detachment on leave on the first day: its windows stay short, and the reasons say who is
    on leave."""
    set_language("zh_CN")
    try:
        with demo_db.begin() as s:
            op, det, _posts = _clear_posts(s)
            people = list(s.scalars(select(Person.id).join(Station, Station.id == Person.station_id)
                                    .where(Station.detachment_id == det, Person.active)))
            for pid in people:
                s.add(Absence(person_id=pid, kind="holiday", start=dt.datetime(2026, 3, 9),
                              end=dt.datetime(2026, 3, 10, 12)))
            s.flush()
            proposal = autofill_posts.propose_posts(s, op, FIRST, FIRST, detachment_id=det)
            assert proposal.gaps and proposal.filled < proposal.windows
            gap = proposal.gaps[0]
            assert gap.missing and any("请休假" in r for r in gap.reasons), gap.reasons
    finally:
        set_language("en")


def test_a_plan_the_checker_finds_adds_an_error_is_left_out(demo_db: Database) -> None:
    """Two windows planned with the same people at the same time: the live checker's person_overlap refuses both,
    with its message, and nothing stays written."""
    from rosterapp.services.rules.live import LiveChecker

    with demo_db.begin() as s:
        op, det, posts = _clear_posts(s)
        proposal = autofill_posts.propose_posts(s, op, FIRST, FIRST, detachment_id=det)
        plan = proposal.plans[0]
        other = next(p for p in posts if p != plan.post_id)
        twin = staffing.WindowStaffing(other, plan.start, plan.end, (), plan.people)
        live = LiveChecker(s, dt.datetime(2026, 3, 6), dt.datetime(2026, 3, 14))
        refused = autofill_posts._refused(s, live, {0: plan, 1: twin}, write=False)
        assert set(refused) == {0, 1} and all(refused.values())
        assert not s.scalar(select(Duty.id).where(Duty.post_id == other, Duty.start == plan.start).limit(1))


def test_the_soft_checks_see_the_week_the_stretch_and_the_rest_after_24_hours() -> None:
    """值 every other day is 96 h in any 7 days: a 12 h night window on a day off makes 108 h; a window right after
    a 24 h duty is a 36 h stretch and a rest of 0 h after it; a window the person's own station duty holds
    replaces that duty and adds nothing."""
    from types import SimpleNamespace

    from rosterapp.services.availability import Pending
    from rosterapp.services.rules.data import DAY_MINUTES as DAY

    h = 60
    duties = [SimpleNamespace(start=d * DAY + 8 * h, end=(d + 1) * DAY + 8 * h, post=None) for d in (0, 2, 4, 6)]
    a = SimpleNamespace(checker=SimpleNamespace(by_person={1: duties}))
    night = (3 * DAY + 20 * h, 4 * DAY + 8 * h)  # day 3's night: between two duties
    assert autofill_posts._week_minutes(a, Pending(), 1, *night) == 108 * h
    after = (7 * DAY + 8 * h, 7 * DAY + 20 * h)  # right after day 6's duty
    assert autofill_posts._stretch_minutes(a, Pending(), 1, *after) == 36 * h
    assert autofill_posts._short_rest_after_long(a, Pending(), 1, *after, 24 * h)
    own = (6 * DAY + 8 * h, 6 * DAY + 20 * h)  # inside day 6's station duty: it moves to the post
    assert autofill_posts._week_minutes(a, Pending(), 1, *own) == 84 * h
    far = (10 * DAY + 8 * h, 10 * DAY + 20 * h)
    assert not autofill_posts._short_rest_after_long(a, Pending(), 1, *far, 24 * h)
    assert autofill_posts._stretch_minutes(a, Pending(), 1, *far) == 12 * h


@pytest.mark.sqlite_only
def test_an_approved_sub_plan_is_left_as_it_is(demo_db: Database) -> None:
    from rosterapp.models import Detachment
    from rosterapp.services import subplans

    with demo_db.begin() as s:
        op, det, posts = _clear_posts(s)
        subplans.act(s, "submit", op, det)
        subplans.act(s, "approve", op, det)
        proposal = autofill_posts.propose_posts(s, op, FIRST, LAST)
        assert proposal.locked == [s.get(Detachment, det).name]
        assert not {plan.post_id for plan in proposal.plans} & set(posts)
        assert not {gap.post_id for gap in proposal.gaps} & set(posts)
