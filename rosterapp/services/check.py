"""The check use case: run every rule over a date range, filtered the way the command line asks."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from rosterapp.errors import UsageError
from rosterapp.i18n import tr
from rosterapp.models import Operation
from rosterapp.services import dutyday
from rosterapp.services.dutyday import month_range
from rosterapp.services.lookup import Named, find_detachment, find_operation
from rosterapp.services.rules import CheckData, Checker, Problem, load_check_data, message
from rosterapp.services.rules.data import DeploymentRec, DutyRec, from_min
from rosterapp.services.rules.problem import ERROR, INFO, SEVERITY_ORDER, WARNING

# Rows this far outside the range are read too, so that rest and 7-day rules see their context.
CONTEXT = dt.timedelta(days=8)


@dataclass
class CheckScope:
    """What to check: inclusive dates, and optionally one operation and one detachment."""

    first: dt.date
    last: dt.date
    operation: Named | None = None
    detachment: Named | None = None


@dataclass
class CheckReport:
    scope: CheckScope
    problems: list[Problem]
    data: CheckData

    def counts(self) -> dict[str, int]:
        found = Counter(p.severity for p in self.problems)
        return {ERROR: found[ERROR], WARNING: found[WARNING], INFO: found[INFO]}

    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)


def resolve_scope(session: Session, *, operation: str | None = None, detachment: str | None = None,
                  first: dt.date | None = None, last: dt.date | None = None,
                  today: dt.date | None = None) -> CheckScope:
    """The scope of spec/cli.md: the operation's dates with --operation, else the current month."""
    op = find_operation(session, operation) if operation else None
    det = find_detachment(session, detachment) if detachment else None
    if op is not None:
        op_row = session.get(Operation, op.id)
        default_first, default_last = op_row.start_date, op_row.end_date
    else:
        default_first, default_last = month_range(today or dutyday.today())
    dutyday.check_days(first, last)
    first = first or default_first
    last = last or (default_last if first <= default_last else first)
    if last < first:
        raise UsageError(tr("The range ends before it starts."))
    return CheckScope(first, last, op, det)


def run_check(session: Session, scope: CheckScope) -> CheckReport:
    """Every rule over the scope's dates (with context around them), filtered to the scope."""
    lo = dt.datetime.combine(scope.first, dt.time())
    hi = dt.datetime.combine(scope.last + dt.timedelta(days=1), dt.time())
    data = load_check_data(session, lo - CONTEXT, hi + CONTEXT)
    problems = Checker(data).check_all()
    problems = [p for p in problems if p.start < hi and lo < p.end]
    if scope.operation is not None:
        task = task_scope(data, scope.operation.id)
        problems = [p for p in problems if task.holds(p)]
    if scope.detachment is not None:
        det = scope.detachment.id
        problems = [p for p in problems if p.detachment == det
                    or any(data.people[x].detachment == det for x in p.people)
                    or any(data.vehicles[v].detachment == det for v in p.vehicles)]
    problems.sort(key=lambda p: (SEVERITY_ORDER[p.severity], p.start, p.rule, p.end))
    return CheckReport(scope, problems, data)


@dataclass(frozen=True)
class TaskScope:
    """What belongs to a security task: its posts, the people and vehicles staffed or deployed at them,
    and the stations they come from, over the task's days. Its problems are those at the posts, those
    of these people and vehicles (rest, leave, double bookings elsewhere) and those of the stations
    that send them (short of strength while their crews stand at the posts), while the task runs."""

    operation: int
    start: dt.datetime
    end: dt.datetime
    posts: frozenset[int]
    people: frozenset[int]
    vehicles: frozenset[int]
    stations: frozenset[int]

    def holds(self, problem: Problem) -> bool:
        return (problem.start < self.end and self.start < problem.end
                and (not self.posts.isdisjoint(problem.posts) or not self.people.isdisjoint(problem.people)
                     or not self.vehicles.isdisjoint(problem.vehicles)
                     or not self.stations.isdisjoint(problem.stations)))


def post_members(rows: Iterable[DutyRec | DeploymentRec]) -> tuple[frozenset[int], frozenset[int]]:
    """The people and the vehicles of some rows (a post's duties and deployments)."""
    people, vehicles = set(), set()
    for row in rows:
        if type(row) is DutyRec:
            people.add(row.person)
        if row.vehicle is not None:
            vehicles.add(row.vehicle)
    return frozenset(people), frozenset(vehicles)


def task_scope(data: CheckData, operation_id: int,
               members_of: Callable[[int], tuple[frozenset[int], frozenset[int]]] | None = None) -> TaskScope:
    """The scope of a task in the checker's data. ``members_of(post)`` gives a post's people and vehicles
    (the window keeps them per post from the live checker's index); without it every row is scanned."""
    posts = frozenset(pid for pid, post in data.posts.items() if post.operation == operation_id)
    if members_of is None:
        at_posts = post_members([d for d in data.duties.values() if d.post in posts]
                                + [d for d in data.deployments.values() if d.post in posts])
        members = [at_posts]
    else:
        members = [members_of(post) for post in posts]
    people = frozenset().union(*(m[0] for m in members))
    vehicles = frozenset().union(*(m[1] for m in members))
    stations = frozenset({data.people[p].station for p in people if p in data.people}
                         | {data.vehicles[v].station for v in vehicles if v in data.vehicles})
    _name, start, end = data.operations.get(operation_id, ("", 0, 0))
    return TaskScope(operation_id, from_min(start), from_min(end), posts, people, vehicles, stations)


def _iso(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def problem_record(problem: Problem, data: CheckData, lang: str) -> dict:
    """One problem in the documented JSON shape (spec/cli.md)."""
    return {
        "rule": problem.rule,
        "severity": problem.severity,
        "message": message(problem, lang),
        "start": _iso(problem.start),
        "end": _iso(problem.end),
        "people": [data.people[p].staff_no for p in problem.people],
        "vehicles": [data.vehicles[v].plate for v in problem.vehicles],
        "posts": [data.posts[p].code for p in problem.posts],
        "detachment": data.detachment_codes.get(problem.detachment) if problem.detachment is not None else None,
    }


def report_json(report: CheckReport, lang: str) -> dict:
    return {"problems": [problem_record(p, report.data, lang) for p in report.problems],
            "counts": report.counts()}
