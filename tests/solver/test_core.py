"""The general solver core on small hand-made problems: each rule family holds, soft terms are priced."""

from __future__ import annotations

import threading

from rosterapp.solver import (
    CancelToken,
    Cover,
    FairSpread,
    MaxMinutesInWindow,
    MinRest,
    Person,
    Problem,
    Request,
    ShiftType,
    SolveParams,
    rest_forbidden_pairs,
    solve,
)

FAST = SolveParams(deterministic_time=5.0, max_seconds=10.0)
DAY = ShiftType("D", 480, start=8 * 60)  # 08:00–16:00
NIGHT = ShiftType("N", 480, start=22 * 60)  # 22:00–06:00 next day
DUTY = ShiftType("24", 1440, start=8 * 60)  # 08:00–08:00 next day


def rows(solution, people, horizon):
    return {n: [solution.assignment.get((n, d)) for d in range(horizon)] for n in people}


def test_rest_pairs_come_from_shift_times():
    pairs = set(rest_forbidden_pairs([DAY, NIGHT], 11 * 60))
    # Night ends 06:00 next day; a day shift that day starts 08:00: 2 h rest only.
    assert ("N", 1, "D") in pairs
    # Day ends 16:00, night the next day starts 22:00 + 24 h: 30 h of rest.
    assert ("D", 1, "N") not in pairs and ("D", 1, "D") not in pairs
    # A 24 h duty ends 08:00 the next day, when the next duty starts: no rest at all.
    assert ("24", 1, "24") in set(rest_forbidden_pairs([DUTY], 8 * 60))
    assert ("24", 2, "24") not in set(rest_forbidden_pairs([DUTY], 8 * 60))


def test_min_rest_and_covers():
    # One person, a request for a night on day 0 and a day shift on day 1: the rest rule forbids both.
    people = [Person("a")]
    problem = Problem(horizon=2, shifts=[DAY, NIGHT], people=people,
                      requests=[Request("a", 0, "N", 5), Request("a", 1, "D", 3)],
                      rules=[MinRest(11 * 60)])
    sol = solve(problem, FAST)
    assert sol.status == "OPTIMAL"
    assert sol.assignment == {("a", 0): "N"} and sol.objective == 3
    problem.rules = []
    assert solve(problem, FAST).objective == 0


def test_max_minutes_in_any_seven_days():
    people = [Person("a")]
    covers = [Cover(d, "D", 1, under_weight=10) for d in range(10)]
    problem = Problem(horizon=10, shifts=[DAY], people=people, covers=covers,
                      rules=[MaxMinutesInWindow(7, 5 * 480)])
    sol = solve(problem, FAST)
    worked = [("a", d) in sol.assignment for d in range(10)]
    assert all(sum(worked[s:s + 7]) <= 5 for s in range(4))
    # Ten days hold at most eight shifts under the rule (five on, two off, three on).
    assert sol.status == "OPTIMAL" and sol.objective == 10 * (10 - 8)


def test_person_limits_and_fixed_cells():
    p = Person("a", max_consecutive_shifts=3, min_consecutive_days_off=2, max_weekends=1,
               max_shifts={"D": 5}, days_off=frozenset({2}))
    covers = [Cover(d, "D", 1, under_weight=1) for d in range(14)]
    problem = Problem(horizon=14, shifts=[DAY], people=[p], covers=covers, fixed={("a", 0): "D"})
    sol = solve(problem, FAST)
    assert sol.feasible
    worked = [("a", d) in sol.assignment for d in range(14)]
    assert worked[0] and not worked[2] and sum(worked) == 5
    assert all(sum(worked[s:s + 4]) <= 3 for s in range(11))
    assert sum(1 for w in ((5, 6), (12, 13)) if any(worked[d] for d in w)) <= 1
    for d in range(1, 13):  # no single day off between two worked days
        assert not (worked[d - 1] and not worked[d] and worked[d + 1])


def test_forbidden_succession():
    late = ShiftType("L", 480, start=14 * 60, forbidden_next=frozenset({"E"}))
    early = ShiftType("E", 480, start=6 * 60)
    problem = Problem(horizon=2, shifts=[late, early], people=[Person("a")],
                      covers=[Cover(0, "L", 1, under_weight=4), Cover(1, "E", 1, under_weight=3)])
    sol = solve(problem, FAST)
    assert sol.assignment == {("a", 0): "L"} and sol.objective == 3


def test_fair_spread_of_minutes_and_nights():
    people = [Person(n) for n in "abc"]
    covers = [Cover(d, "N", 1, under_weight=100, over_weight=100) for d in range(6)]
    problem = Problem(horizon=6, shifts=[DAY, NIGHT], people=people, covers=covers,
                      rules=[FairSpread(("a", "b", "c"), "shifts", frozenset({"N"}), weight=10)],
                      requests=[Request("a", d, "N", 1) for d in range(6)])
    sol = solve(problem, FAST)
    nights = {n: sum(1 for (m, _), s in sol.assignment.items() if m == n and s == "N") for n in "abc"}
    assert nights == {"a": 2, "b": 2, "c": 2}
    assert sol.terms["fair_shifts"] == 0 and sol.objective == 4  # a misses 4 of its 6 wishes
    problem.rules = [FairSpread(("a", "b", "c"), "minutes", weight=1, max_spread=480)]
    sol = solve(problem, FAST)
    minutes = {n: 480 * sum(1 for (m, _) in sol.assignment if m == n) for n in "abc"}
    assert max(minutes.values()) - min(minutes.values()) <= 480


def test_deterministic_and_progress_stop():
    people = [Person(n, max_consecutive_shifts=4, min_consecutive_days_off=2) for n in "abcdef"]
    covers = [Cover(d, s, 2, under_weight=5, over_weight=1) for d in range(14) for s in ("D", "N")]
    requests = [Request(n, d, "D", 1 + (d * 7 + i) % 3, on=bool((d + i) % 2))
                for i, n in enumerate("abcdef") for d in range(14)]
    problem = Problem(horizon=14, shifts=[DAY, NIGHT], people=people, covers=covers, requests=requests,
                      rules=[MinRest(11 * 60)])
    params = SolveParams(deterministic_time=1.0, max_seconds=20.0, seed=3)
    first, second = solve(problem, params), solve(problem, params)
    assert first.feasible and first.assignment == second.assignment and first.objective == second.objective
    seen = []
    stopped = solve(problem, SolveParams(deterministic_time=5.0, on_progress=lambda p: (seen.append(p), False)[1]))
    assert len(seen) == 1 and stopped.feasible and stopped.objective == seen[0].objective


def test_cancel_from_another_thread_keeps_best():
    people = [Person(n, max_consecutive_shifts=4, min_consecutive_days_off=2) for n in "abcdefgh"]
    covers = [Cover(d, s, 3, under_weight=5, over_weight=1) for d in range(28) for s in ("D", "N")]
    requests = [Request(n, d, "N", 1 + (d * 5 + i) % 4) for i, n in enumerate("abcdefgh") for d in range(28)]
    problem = Problem(horizon=28, shifts=[DAY, NIGHT], people=people, covers=covers, requests=requests,
                      rules=[MinRest(11 * 60), MaxMinutesInWindow(7, 40 * 60)])
    token = CancelToken()
    result = {}
    worker = threading.Thread(target=lambda: result.update(sol=solve(
        problem, SolveParams(deterministic_time=60.0, max_seconds=30.0, cancel=token,
                             on_progress=lambda p: token.cancel()))))
    worker.start()
    worker.join(25)
    assert not worker.is_alive()
    sol = result["sol"]
    assert sol.cancelled and sol.feasible and sol.seconds < 20


def test_the_existing_plans_own_breaks_are_kept_and_not_made_worse():
    # Two fixed 24 h duties in a row already break the rest rule and a 1-day run limit: the problem stays
    # solvable (they are the plan's, not the solver's), and no free day beside them is worked.
    people = [Person("a", max_consecutive_shifts=1), Person("b")]
    covers = [Cover(d, "24", 1, under_weight=10) for d in range(4)]
    problem = Problem(horizon=4, shifts=[DUTY], people=people, covers=covers,
                      fixed={("a", 0): "24", ("a", 1): "24"}, rules=[MinRest(8 * 60)])
    sol = solve(problem, FAST)
    assert sol.status in ("OPTIMAL", "FEASIBLE")
    got = rows(sol, ["a", "b"], 4)
    assert got["a"][:2] == ["24", "24"] and got["a"][2] is None  # the run is not made longer
    assert got["b"][2] == "24" and got["b"][1] is None and got["b"][3] is None  # b: rest between duties
