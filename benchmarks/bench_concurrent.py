"""Many clerks, one plan (issue 16's load): clerks and headquarters editing the same task at once on one server.

``concurrent_edits``: a fresh database on a PostgreSQL server (env ROSTERAPP_BENCH_DB_URL, else
ROSTERAPP_TEST_DB_URL, both a superuser URL; else a throwaway server of tools/pg_server.sh), made ready by
``server init``, with the small demo (six detachments, one task shared by all: 全国两会消防安保) and nine
logins: one clerk per detachment, a second 东城 clerk, one hq, and a viewer whose window listens.

The editors start together, each a process with its own login and ``open_database``: the six clerks, the
second 东城 clerk and hq (the issue says seven processes; its roles make eight). Each makes 500 edits
through the services the window's steps call (rosterapp/ui/commands.py CellsCommand and StaffingCommand):
codes typed into roster cells (``roster.edit_cells`` with what the clerk's grid showed there, read just
before: CellsChanged when another clerk wrote one of them meanwhile); a person of those cells put at a 24 h window of one
of their detachment's task posts, when the window's availability (read just before) offers them
(``staffing.staff_windows``); and the undo and redo of their own last step (refused with StaleEdit when
someone changed its rows since); each in its own unit of work, like the hub. A clerk edits the cells of
ten of their own people over the task's first six days, and their detachment's posts; the second 东城
clerk the same cells and posts as the first; hq those of all six. A refusal (StaleEdit, Conflict,
PermissionDenied, StaleDataError, a deadlock, the database's policy) is counted by reason, not an error.
One more process is another clerk's open window: a ChangeListener that reads ``changelog.since`` after
each notification.

Measured:
- lost_updates: the successful writes of every cell, in commit order (their change log numbers), must
  chain: each found the cell as the write before it left it (else it wrote over a commit it did not see:
  a blind overwrite, or an undo past someone's change), the cell ends as the last one left it, and the
  change log names the person of every cell written. Each break counts one; must be 0.
- double_bookings: person_overlap problems of the checking engine after the run that were not there
  before (the demo plants one). The codes typed never overlap each other in neighbouring cells and the
  people chosen are at no post when the run starts, so a new one is two entries in one cell, a code
  beside a post duty, or one person at two posts at once; must be 0. doubled_cells: the cells that held
  two entries at any time during the run (a later write may have cleared them before the end).
- edits_per_s: all edits made or refused / the wall time of the run; edit_p95_ms (budget 50): one edit's
  unit of work, begin to commit, with no pause between edits (``ROSTERAPP_BENCH_CONCURRENT_PAUSE_MS``
  gives each clerk a think time, 0 to twice that); refresh_p95_ms (budget 2,000): from an editor asking
  for its commit to the listening window having read that change from the log. alone_p95_ms: the first
  clerk's typed edits before the run, with nobody else editing (what an edit costs when it waits for no
  one).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import secrets
import socket
import subprocess
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import make_url, select

START = dt.date(2026, 3, 1)  # the demo's month, as tests/services/test_server.py makes it
EDITS = 500
DAYS = 6  # the task's first days (it runs 5 to 15 March)
PEOPLE = 10  # per detachment: 60 cells, so that the two 东城 clerks (and hq) meet often
CODES = ("值", "白", "中", "休", None)  # 24 h from 08:00, 08-20, 16-24, off, cleared: no two in a row overlap
UNDO_P, REDO_P = 0.25, 0.5
STAFF_P = 0.15  # of the new steps: a person of the pool put at a 24 h post's window (the rest: codes typed)
ROOT = Path(__file__).resolve().parent.parent


# -- the server ---------------------------------------------------------------------------------------------

def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _with(url: str, **parts) -> str:
    return make_url(url).set(**parts).render_as_string(hide_password=False)


class _Server:
    """The superuser URL of a server: from the environment, else a throwaway one started here."""

    def __init__(self) -> None:
        self.url = os.environ.get("ROSTERAPP_BENCH_DB_URL") or os.environ.get("ROSTERAPP_TEST_DB_URL") or ""
        self._dir: tempfile.TemporaryDirectory | None = None
        if not self.url:
            self._dir = tempfile.TemporaryDirectory(prefix="rosterapp-bench-pg-")
            os.chmod(self._dir.name, 0o755)
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            out = subprocess.run(["bash", str(ROOT / "tools" / "pg_server.sh"), "start", self._dir.name + "/pg",
                                  str(port)], capture_output=True, text=True, check=True)
            self.url = out.stdout.strip().splitlines()[-1]

    def close(self) -> None:
        if self._dir is not None:
            subprocess.run(["bash", str(ROOT / "tools" / "pg_server.sh"), "stop", self._dir.name + "/pg"],
                           capture_output=True, check=False)
            self._dir.cleanup()


# -- what a cell holds ----------------------------------------------------------------------------------------

def _value(records) -> frozenset:
    """A cell's station entries as what they say (ids aside: an undo may put an entry back under a new id)."""
    return frozenset((r.shift_type_id, r.start, r.end, r.station_id, r.vehicle_id, r.role) for r in records)


def _cells_of(snapshot) -> dict[tuple[int, dt.date], frozenset]:
    by_cell = defaultdict(list)
    for r in snapshot.records:
        by_cell[r.person_id, r.start.date()].append(r)
    return {cell: _value(by_cell.get(cell, ())) for cell in snapshot.cells}


def _read_cells(session, cells) -> dict[tuple[int, dt.date], frozenset]:
    from rosterapp.services.duties import snapshot_cells

    return _cells_of(snapshot_cells(session, list(cells)))


def _overlaps(session) -> set[tuple]:
    from rosterapp.services.rules import Checker, load_check_data

    problems = Checker(load_check_data(session)).check_all()
    return {(p.people, p.start, p.end, p.posts, p.stations) for p in problems if p.rule == "person_overlap"}


# -- the processes ------------------------------------------------------------------------------------------

def _refusal(exc: BaseException) -> str | None:
    """The reason an edit was refused, or None when the exception is a fault."""
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm.exc import StaleDataError

    from rosterapp.errors import Conflict, PermissionDenied, StaleEdit
    from rosterapp.services.roster import CellsChanged

    for kind, name in ((CellsChanged, "cells_changed"), (StaleEdit, "stale"), (Conflict, "conflict"),
                       (PermissionDenied, "permission"), (StaleDataError, "stale_data")):
        if isinstance(exc, kind):
            return name
    if isinstance(exc, DBAPIError):
        state = getattr(exc.orig, "sqlstate", None)
        return {"40P01": "deadlock", "40001": "serialization", "42501": "policy",
                "55P03": "lock_timeout"}.get(state)
    return None


def _pick(rng: random.Random, posts: list, people: list, days: list) -> tuple:
    """A person of the pool and a 24 h window of one of the posts: (post, person, start, end)."""
    post, hour, minute = rng.choice(posts)
    start = dt.datetime.combine(rng.choice(days), dt.time(hour, minute))
    return post, rng.choice(people), start, start + dt.timedelta(days=1)


def _free(db, _post: int, person: int, start: dt.datetime, end: dt.datetime) -> bool:
    """Whether the window's availability would offer the person (at no other post then): read before the
    edit, as the window reads it before the clerk drags (there it is older still). Not timed."""
    from rosterapp.models import Duty

    with db.read() as s:
        return s.scalar(select(Duty.id).where(Duty.person_id == person, Duty.post_id.is_not(None),
                                              Duty.start < end, Duty.end > start).limit(1)) is None


def _staff_cells(edit, forward: bool) -> tuple[dict, dict]:
    """The roster cells a staffing step emptied (forward) or filled again (backward), before and after."""
    by_cell = defaultdict(list)
    for r in edit.removed_duties:
        if r.post_id is None:
            by_cell[r.person_id, r.start.date()].append(r)
    full = {cell: _value(records) for cell, records in by_cell.items()}
    empty = {cell: frozenset() for cell in by_cell}
    return (full, empty) if forward else (empty, full)


def _editor(index: int, url: str, super_url: str, pool: list, posts: list, edits_to_make: int, barrier, out) -> None:
    """One clerk's window: ``edits_to_make`` edits of the cells in ``pool`` and the ``posts`` (id, handover
    hour, minute) of the task, each its own unit of work: codes typed, a person put at a post's window,
    undo and redo."""
    import logging

    logging.getLogger("rosterapp").setLevel(logging.ERROR)
    from rosterapp.db import open_database
    from rosterapp.services import roster, staffing
    from rosterapp.services.staffing import WindowStaffing

    rng = random.Random(1000 + index)
    people = sorted({pid for pid, _day in pool})
    days = sorted({day for _pid, day in pool})
    db = open_database(url, seed=False)
    with db.begin() as s:
        codes = [c.code for c in roster.shift_codes(s)]
    log = psycopg.connect(_libpq(super_url), autocommit=True)  # the harness's own: which numbers did I get
    mine = 0
    pause = float(os.environ.get("ROSTERAPP_BENCH_CONCURRENT_PAUSE_MS", "0")) / 1000
    edits, refused, faults = [], Counter(), []
    last = None  # ("cells" | "staff", the step's edit, "made" | "undone" | "redone")
    barrier.wait()
    started = time.time()
    for _ in range(edits_to_make):
        if pause:
            time.sleep(rng.uniform(0, 2 * pause))
        if last is not None and last[2] == "undone" and rng.random() < REDO_P:
            kind = "redo"
        elif last is not None and last[2] != "undone" and rng.random() < UNDO_P:
            kind = "undo"
        elif posts and rng.random() < STAFF_P and _free(db, *(picked := _pick(rng, posts, people, days))):
            kind = "staff"
            post, person, start, end = picked
        else:
            kind = "type"
            values = {tuple(cell): rng.choice(CODES) for cell in rng.sample(pool, rng.randint(1, 3))}
            with db.read() as s:  # what the clerk's grid shows (the window has it already: not timed)
                seen = roster.cell_texts(s, values)
        t0 = time.perf_counter()
        try:
            with db.begin() as s:
                if kind == "type":
                    edit = roster.edit_cells(s, values, codes, expect=seen)
                    step = ("cells", edit)
                    before, after = _cells_of(edit.before), _cells_of(edit.after)
                elif kind == "staff":
                    edit, _change = staffing.staff_windows(s, [WindowStaffing(post, start, end,
                                                                              people=((person, None, None),))],
                                                           refuse_busy=True)  # as the board's gestures do
                    step = ("staff", edit)
                    before, after = _staff_cells(edit, forward=True)
                else:
                    step = last[:2]
                    forward = kind == "redo"
                    if step[0] == "cells":
                        (roster.redo_cells if forward else roster.undo_cells)(s, step[1])
                        pair = (step[1].before, step[1].after) if forward else (step[1].after, step[1].before)
                        before, after = _cells_of(pair[0]), _cells_of(pair[1])
                    else:
                        (staffing.redo_edit if forward else staffing.undo_edit)(s, step[1])
                        before, after = _staff_cells(step[1], forward)
                asked = time.time()
        except Exception as exc:  # noqa: BLE001 - a refusal is counted, anything else kept as a fault
            ms = (time.perf_counter() - t0) * 1000
            reason = _refusal(exc)
            if reason is None:
                import traceback

                faults.append("".join(traceback.format_exception(exc)[-4:]))
                reason = "fault"
            refused[reason] += 1
            edits.append({"ok": False, "ms": ms, "kind": kind, "reason": reason})
            if kind in ("undo", "redo"):
                last = None  # the window drops a step it could not take back or again
            continue
        ms = (time.perf_counter() - t0) * 1000
        rows = log.execute("SELECT seq, tbl, old_rows, new_rows FROM change_log WHERE seq > %s AND origin = %s",
                           (mine, db.origin)).fetchall()
        lo, hi = (min(r[0] for r in rows), max(r[0] for r in rows)) if rows else (None, None)
        mine = hi or mine
        # The people whose entries the log says this unit of work wrote.
        n = sorted({p for _seq, tbl, *keys in rows if tbl == "duty" for k in keys if k for p in k["person_id"]})
        state = {"undo": "undone", "redo": "redone"}.get(kind, "made")
        last = (*step, state)
        edits.append({"ok": True, "ms": ms, "kind": kind, "asked": asked, "lo": lo, "hi": hi, "logged": n,
                      "cells": [[c, list(before[c]), list(after[c])] for c in after]})
    finished = time.time()
    log.close()
    db.dispose()
    out.put({"index": index, "edits": edits, "refused": dict(refused), "faults": faults[:5],
             "started": started, "finished": finished})


def _alone(url: str, pool: list, edits: int = 100) -> float:
    """p95 (ms) of one clerk's typed edits with nobody else on the server: what an edit costs unhurried."""
    from rosterapp.db import open_database
    from rosterapp.services import roster

    rng = random.Random(7)
    db = open_database(url, seed=False)
    with db.begin() as s:
        codes = [c.code for c in roster.shift_codes(s)]
    times = []
    for k in range(edits + 10):
        values = {tuple(cell): rng.choice(CODES) for cell in rng.sample(pool, rng.randint(1, 3))}
        t0 = time.perf_counter()
        with db.begin() as s:
            roster.edit_cells(s, values, codes)
        if k >= 10:  # after a few to warm up
            times.append((time.perf_counter() - t0) * 1000)
    db.dispose()
    return _p95(times)


def _listener(url: str, barrier, stop, seen, out) -> None:
    """Another clerk's open window: on each notification, read what changed from the log (as the hub does)."""
    import threading

    from rosterapp.db import open_database
    from rosterapp.listen import ChangeListener
    from rosterapp.services import changelog

    db = open_database(url, seed=False)
    with db.begin() as s:
        last = changelog.latest_seq(s)
    reads = []  # (last seq read, when)

    def arrived() -> None:
        nonlocal last
        with db.begin() as s:
            missed = changelog.since(s, last, exclude_origin=db.origin)
        now = time.time()
        if missed.last_seq > last:
            reads.append((missed.last_seq, now))
            last = missed.last_seq
            seen.value = last

    listener = ChangeListener(url, poll_s=0.05)
    listener.connect()
    halt = threading.Event()
    thread = threading.Thread(target=listener.run, args=(halt,), daemon=True,
                              kwargs={"arrived": arrived, "disconnected": lambda _r: None,
                                      "reconnected": lambda: None})
    thread.start()
    barrier.wait()
    stop.wait()
    halt.set()
    thread.join(5)
    db.dispose()
    out.put({"index": "listener", "reads": reads})


# -- the run --------------------------------------------------------------------------------------------------

def _p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _setup(super_url: str, tag: str, made: dict) -> tuple[str, dict, list, list]:
    """The database and the logins; the editors' (login URL, cells, posts), every login's URL, all cells."""
    from rosterapp.db import open_database
    from rosterapp.models import Absence, Detachment, Duty, Person, Post, Station
    from rosterapp.services import demo, operations, users
    from rosterapp.services.server import init_server

    name = made["name"]
    with psycopg.connect(_libpq(super_url), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = _with(super_url, database=name)
    init_server(url)
    db = open_database(url)
    demo.generate(db, scale="small", seed=1, start=START)
    logins: list[str] = made.setdefault("logins", [])
    urls: dict[str, str] = {}

    def add(kind: str, role: str, detachment: str | None) -> None:
        login, password = f"bench_{tag}_{kind}", secrets.token_hex(12)
        users.add_user(db.engine, login, role, detachment, password)
        logins.append(login)
        urls[kind] = _with(url, username=login, password=password)

    pools: dict[str, list] = {}
    posts: dict[str, list] = {}
    with db.begin() as s:
        op = operations.list_operations(s)[0]
        days = [op.start_date + dt.timedelta(days=k) for k in range(DAYS)]
        lo, hi = dt.datetime.combine(days[0], dt.time()), dt.datetime.combine(days[-1], dt.time()) + dt.timedelta(1)
        busy = set(s.scalars(select(Duty.person_id).where(Duty.post_id.is_not(None), Duty.start < hi + dt.timedelta(1),
                                                          Duty.end > lo - dt.timedelta(1))))
        busy |= set(s.scalars(select(Absence.person_id).where(Absence.start < hi, Absence.end > lo)))
        for det_id, code in s.execute(select(Detachment.id, Detachment.code).order_by(Detachment.id)):
            people = [pid for pid in s.scalars(select(Person.id).join(Station, Person.station_id == Station.id)
                                               .where(Station.detachment_id == det_id, Person.active)
                                               .order_by(Person.id)) if pid not in busy][:PEOPLE]
            pools[code] = [(pid, day) for pid in people for day in days]
            posts[code] = [(pid, at.hour, at.minute) for pid, at in s.execute(
                select(Post.id, Post.handover_time).where(Post.operation_id == op.id, Post.detachment_id == det_id,
                                                          Post.rotation == "24h").order_by(Post.id))]
    for code in pools:
        add(code.lower(), "clerk", code)
    add("dc2", "clerk", "DC")
    add("hq", "hq", None)
    add("viewer", "viewer", None)
    db.dispose()
    editors = [(urls[code.lower()], pools[code], posts[code]) for code in pools]
    editors.append((urls["dc2"], pools["DC"], posts["DC"]))
    editors.append((urls["hq"], [cell for pool in pools.values() for cell in pool],
                    [post for some in posts.values() for post in some]))
    return url, urls, editors, sorted({c for p in pools.values() for c in p})


def _drop(super_url: str, made: dict) -> None:
    with psycopg.connect(_libpq(super_url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(made["name"])))
        for login in made.get("logins", ()):
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))


def _lost_updates(initial: dict, final: dict, results: list[dict]) -> tuple[int, Counter]:
    """Breaks of each cell's chain of successful writes (see the module); and what kind each was."""
    kinds: Counter = Counter()
    writes = defaultdict(list)  # cell -> [(seq, before, after)]
    for res in results:
        for e in res["edits"]:
            if not e["ok"]:
                continue
            for cell, before, after in e["cells"]:
                b, a = frozenset(map(tuple, before)), frozenset(map(tuple, after))
                if b != a:
                    writes[tuple(cell)].append((e["hi"], b, a))
                    if cell[0] not in e["logged"]:  # written, and the log does not say so
                        kinds["not_in_change_log"] += 1
    for cell, chain in writes.items():
        chain = [w for w in chain if w[0] is not None]
        chain.sort(key=lambda w: w[0])
        now = initial[cell]
        for _seq, before, after in chain:
            if before != now:
                kinds["overwrote_unseen_commit"] += 1
            now = after
        if final[cell] != now:
            kinds["final_differs_from_last_write"] += 1
    return sum(kinds.values()), kinds


def _doubled_cells(initial: dict, final: dict, results: list[dict]) -> int:
    """Cells that held two station entries at some point (a write found them so, or the run ended so):
    a double booking while it lasted when the codes overlap, whether or not a later write cleared it."""
    cells = {cell for cell, value in final.items() if len(value) > 1 and len(initial[cell]) <= 1}
    for res in results:
        for e in res["edits"]:
            if e["ok"]:
                cells.update(tuple(c) for c, before, _a in e["cells"] if len(before) > 1 and len(initial[tuple(c)]) <= 1)
    return len(cells)


def bench_concurrent(edits: int = EDITS) -> dict[str, float]:
    """concurrent_edits_*: see the module, ``edits`` per editor. Refusals are listed as
    concurrent_edits_refused_<reason>."""
    from rosterapp.db import open_database

    server = _Server()
    tag = uuid.uuid4().hex[:8]
    made: dict = {"name": f"bench_concurrent_{tag}"}
    wall_started = time.perf_counter()
    try:
        url, urls, editors, cells = _setup(server.url, tag, made)
        alone_p95 = _alone(*editors[0][:2], edits=min(100, edits))
        db = open_database(url, seed=False)
        with db.begin() as s:
            initial = _read_cells(s, cells)
            overlaps_before = _overlaps(s)
        ctx = multiprocessing.get_context("spawn")
        barrier, stop, seen, out = ctx.Barrier(len(editors) + 2), ctx.Event(), ctx.Value("q", 0), ctx.Queue()
        procs = [ctx.Process(target=_editor, args=(i, u, url, pool, posts, edits, barrier, out))
                 for i, (u, pool, posts) in enumerate(editors)]
        procs.append(ctx.Process(target=_listener, args=(urls["viewer"], barrier, stop, seen, out)))
        for p in procs:
            p.start()
        barrier.wait()
        results = [out.get(timeout=1800) for _ in editors]
        with db.begin() as s:
            from rosterapp.services import changelog

            newest = changelog.latest_seq(s)
        deadline = time.time() + 10
        while seen.value < newest and time.time() < deadline:
            time.sleep(0.05)
        stop.set()
        heard = out.get(timeout=60)
        for p in procs:
            p.join(60)
        with db.begin() as s:
            final = _read_cells(s, cells)
            overlaps_after = _overlaps(s)
        db.dispose()
    finally:
        _drop(server.url, made)
        server.close()

    if os.environ.get("ROSTERAPP_BENCH_CONCURRENT_DUMP"):  # what the run saw, to look into a failure
        import pickle

        Path(os.environ["ROSTERAPP_BENCH_CONCURRENT_DUMP"]).write_bytes(
            pickle.dumps({"initial": initial, "final": final, "results": results, "reads": heard["reads"]}))
    lost, lost_kinds = _lost_updates(initial, final, results)
    all_edits = [e for r in results for e in r["edits"]]
    started = min(r["started"] for r in results)
    finished = max(r["finished"] for r in results)
    reads = heard["reads"]
    refresh = []
    k = 0
    for e in sorted((e for e in all_edits if e["ok"] and e["hi"]), key=lambda e: e["hi"]):
        while k < len(reads) and reads[k][0] < e["hi"]:
            k += 1
        if k < len(reads):
            refresh.append((reads[k][1] - e["asked"]) * 1000)
    unheard = sum(1 for e in all_edits if e["ok"] and e["hi"]) - len(refresh)
    refused = Counter()
    for r in results:
        refused.update(r["refused"])
    faults = [f for r in results for f in r["faults"]]
    result: dict[str, float] = {
        "concurrent_edits_lost_updates": lost,
        "concurrent_edits_double_bookings": len(overlaps_after - overlaps_before),
        "concurrent_edits_doubled_cells": _doubled_cells(initial, final, results),
        "concurrent_edits_per_s": len(all_edits) / (finished - started),
        "concurrent_edits_p95_ms": _p95([e["ms"] for e in all_edits]),
        "concurrent_edits_refresh_p95_ms": _p95(refresh),
        "concurrent_edits_alone_p95_ms": alone_p95,
        "concurrent_edits_made": sum(1 for e in all_edits if e["ok"]),
        "concurrent_edits_refused": sum(refused.values()),
        **{f"concurrent_edits_refused_{reason}": n for reason, n in sorted(refused.items())},
        **{f"concurrent_edits_lost_{kind}": n for kind, n in sorted(lost_kinds.items())},
        "concurrent_edits_unheard": unheard,
        "concurrent_edits_run_s": time.perf_counter() - wall_started,
    }
    for people, start, end, at_posts, at_stations in sorted(overlaps_after - overlaps_before):
        print(f"# concurrent_edits double booking: person {people} {start:%m-%d %H:%M} to {end:%m-%d %H:%M}, "
              f"posts {at_posts}, stations {at_stations}", flush=True)
    for fault in faults:
        print(f"# concurrent_edits fault: {fault}", flush=True)
    return result


BENCHMARKS = {"concurrent_edits": bench_concurrent}
