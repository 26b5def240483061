"""The checking engine on the small demo: every planted problem is found by the right rule, and
nothing else in the demo is an error."""

from __future__ import annotations

import datetime as dt

import pytest

from rosterapp.db import open_database
from rosterapp.services import demo
from rosterapp.services.rules import ERROR, Checker, load_check_data

START = dt.date(2027, 3, 1)
PLANTED = ["person_overlap", "missing_qualification", "post_uncovered", "vehicle_unavailable", "no_duty_leader"]
HANDOVER = dt.time(8, 0)


@pytest.fixture(scope="module", params=[1, 7], ids=lambda seed: f"seed{seed}")
def checked(request, tmp_path_factory):
    """(plan data, problems, planted problems) of a small demo in a real SQLite file."""
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}")
    try:
        stats = demo.generate(db, scale="small", seed=request.param, start=START)
        with db.begin() as session:
            data = load_check_data(session)
    finally:
        db.dispose()
    return data, Checker(data).check_all(), stats.planted


def refs(data, problem) -> tuple[set[str], set[str], set[str]]:
    """A problem's people, vehicles and posts as the demo names them: staff numbers, plates, post codes."""
    return ({data.people[i].staff_no for i in problem.people}, {data.vehicles[i].plate for i in problem.vehicles},
            {data.posts[i].code for i in problem.posts})


def on_duty_day(problem, day: dt.date) -> bool:
    """The problem touches the 08:00-08:00 duty day the demo planted it on."""
    lo = dt.datetime.combine(day, HANDOVER)
    return problem.start < lo + dt.timedelta(days=1) and lo < problem.end


def describe(data, problem) -> str:
    people, vehicles, posts = refs(data, problem)
    return (f"{problem.rule} {problem.severity} {problem.start}..{problem.end} {problem.detail} "
            f"people={sorted(people)} vehicles={sorted(vehicles)} posts={sorted(posts)}")


def test_the_demo_plants_one_problem_of_each_kind(checked):
    _data, _problems, planted = checked
    assert sorted(p.rule for p in planted) == sorted(PLANTED)


@pytest.mark.parametrize("rule", PLANTED)
def test_every_planted_problem_is_found_by_its_rule(checked, rule):
    data, problems, planted = checked
    (plant,) = [p for p in planted if p.rule == rule]
    candidates = [p for p in problems if p.rule == rule and on_duty_day(p, plant.day)]
    assert candidates, f"nothing found for {plant}"
    found = []
    for p in candidates:
        people, vehicles, posts = refs(data, p)
        if set(plant.people) <= people and set(plant.vehicles) <= vehicles and set(plant.posts) <= posts:
            found.append(p)
    assert found, (f"{plant} is found, but not with all of its references:\n"
                   + "\n".join(describe(data, p) for p in candidates))


def test_nothing_else_in_the_demo_is_an_error(checked):
    data, problems, planted = checked
    errors = [p for p in problems if p.severity == ERROR]
    unplanted = [p for p in errors
                 if not any(p.rule == plant.rule and on_duty_day(p, plant.day) for plant in planted)]
    assert unplanted == [], "\n".join(describe(data, p) for p in unplanted)
    assert len(errors) == len(planted), "\n".join(describe(data, p) for p in errors)


def test_the_demo_plan_agrees_with_the_oracle(checked):
    from oracle import oracle_problems

    data, problems, _planted = checked
    assert problems == oracle_problems(data)
