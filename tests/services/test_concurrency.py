"""Two writers at once on one SQLite file, in two processes, through the services: nothing is lost
silently, nothing is doubled, and a write based on a stale read is refused naming who changed it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from rosterapp.db import open_database
from rosterapp.errors import StaleEdit
from rosterapp.models import Duty, Person, Station
from rosterapp.services import registers
from rosterapp.services.registers import PersonData

pytestmark = pytest.mark.sqlite_only  # the writer's lock and busy timeout of one SQLite file

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2027, 3, 1)


def start(script: str, path: Path, desk: str, *args: str) -> subprocess.Popen:
    """A second program on the same file: the script runs with ``db`` open and ``args`` given."""
    code = "import sys\nfrom rosterapp.db import open_database\ndb = open_database('sqlite:///' + sys.argv[1])\n" \
           "args = sys.argv[2:]\n" + textwrap.dedent(script)
    env = dict(os.environ, ROSTERAPP_DESK=desk, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", code, str(path), *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(*procs: subprocess.Popen) -> list[str]:
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outs.append(out)
    return outs


@pytest.fixture
def people(db, ref) -> list[int]:
    with db.begin() as s:
        ids = [registers.create_person(s, PersonData(staff_no=f"C{i:03d}", name=f"并发{i}",
                                                     station_id=ref.station["前门"]))
               for i in range(20)]
    return ids


def test_two_writers_on_the_same_empty_cells_never_double_them(db, people, tmp_path):
    """Found by a tester: two edits of the same empty cells gave every cell two duties, 4 runs of 4."""
    path = Path(db.url.removeprefix("sqlite:///"))
    script = """
    import datetime as dt
    from rosterapp.services import duties
    code = args[0]
    people = [int(p) for p in args[1].split(",")]
    for round in range(15):
        day = dt.date(2027, 3, 1) + dt.timedelta(days=round)
        with db.begin() as s:
            duties.set_roster_cells(s, {(p, day): code for p in people})
    print("done")
    """
    ids = ",".join(map(str, people))
    finish(start(script, path, "甲", "值", ids), start(script, path, "乙", "白", ids))
    with db.read() as s:
        cells = s.execute(select(Duty.person_id, func.date(Duty.start), func.count())
                          .where(Duty.post_id.is_(None)).group_by(Duty.person_id, func.date(Duty.start))).all()
    assert len(cells) == 20 * 15
    assert {count for _p, _d, count in cells} == {1}  # one entry per cell: the last writer's code


def workbook(path: Path, header: list[str], rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(header)
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_two_imports_of_the_same_people_with_other_columns_both_land(db, people, tmp_path):
    """Found by a tester: one file's changes were lost in 2 runs of 6."""
    path = Path(db.url.removeprefix("sqlite:///"))
    with db.read() as s:
        staff = [(p.staff_no, p.name) for p in s.scalars(select(Person).order_by(Person.id))]
    script = """
    from rosterapp.services.excel.importing import import_people
    for round in range(6):
        with db.begin() as s:
            import_people(s, args[0] + f"{round}.xlsx")
    print("done")
    """
    for r in range(6):
        workbook(tmp_path / f"phones{r}.xlsx", ["工号", "姓名", "支队", "消防救援站", "手机号"],
                 [[no, name, "东城", "前门", f"138{r:04d}{i:04d}"] for i, (no, name) in enumerate(staff)])
        workbook(tmp_path / f"ranks{r}.xlsx", ["工号", "姓名", "支队", "消防救援站", "衔级"],
                 [[no, name, "东城", "前门", "一级消防士"] for no, name in staff])
    finish(start(script, path, "甲", str(tmp_path / "phones")), start(script, path, "乙", str(tmp_path / "ranks")))
    with db.read() as s:
        rows = s.execute(select(Person.phone, Person.rank_id, Person.version).order_by(Person.id)).all()
    assert [phone for phone, _r, _v in rows] == [f"1380005{i:04d}" for i in range(20)]  # the last phones file
    assert all(rank is not None for _p, rank, _v in rows)  # and the ranks, neither lost
    assert all(version > 1 for _p, _r, version in rows)


def test_a_form_saved_over_a_record_changed_since_is_refused_naming_who(db, people, tmp_path):
    path = Path(db.url.removeprefix("sqlite:///"))
    person = people[0]
    with db.read() as s:
        record = registers.person_record(s, person)
    script = """
    from rosterapp.services import registers
    import dataclasses
    with db.begin() as s:
        record = registers.person_record(s, int(args[0]))
        registers.update_person(s, int(args[0]), dataclasses.replace(record.data, phone="13912345678"))
    print("done")
    """
    finish(start(script, path, "海淀支队内勤", str(person)))
    with pytest.raises(StaleEdit) as refused, db.begin() as s:
        registers.save_person(s, person, record.data, expected_version=record.version)
    assert "海淀支队内勤" in refused.value.message and record.data.name in refused.value.message
    with db.read() as s:
        assert registers.person_record(s, person).data.phone == "13912345678"  # theirs stays
        assert s.get(Person, person).changed_by == "海淀支队内勤"


def test_a_writer_that_waits_too_long_says_the_database_is_in_use(db, people, tmp_path):
    """Not "cannot be reached: UNIQUE constraint failed": the lock, said plainly."""
    path = Path(db.url.removeprefix("sqlite:///"))
    holder = start("""
    import time
    from sqlalchemy import text
    with db.begin() as s:
        s.execute(text("UPDATE person SET phone = '13800000000' WHERE id = 1"))
        print("holding", flush=True)
        time.sleep(15)  # longer than a loaded machine takes to start the command and wait it out
    """, path, "甲")
    assert holder.stdout.readline().strip() == "holding"
    result = subprocess.run([sys.executable, "main.py", "--lang", "en", "--db", str(path), "import", "personnel",
                             str(workbook(tmp_path / "p.xlsx", ["工号", "姓名", "支队", "消防救援站"],
                                          [["N1", "新人", "东城", "前门"]]))],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    holder.communicate(timeout=30)
    assert result.returncode == 4, result.stderr
    assert "in use by another window or process" in result.stderr and "UNIQUE" not in result.stderr
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(Person.staff_no == "N1")) == 0
        assert s.scalar(select(Station.id).where(Station.short_name == "前门")) is not None


def test_the_writer_of_every_record_is_named(db, people):
    with db.read() as s:
        names = set(s.scalars(select(Person.changed_by)))
    from rosterapp.desk import user_name

    assert names == {user_name()} and user_name()
    fresh = open_database(db.url)
    try:
        with fresh.begin() as s:
            s.get(Person, people[0]).phone = "13700000000"
        with fresh.read() as s:
            assert s.get(Person, people[0]).version == 2
    finally:
        fresh.dispose()


def test_an_import_names_its_writer_and_raises_the_version_once(db, people, tmp_path):
    """Rows an import inserts or changes carry the importing desk's name, like a typed edit's."""
    path = Path(db.url.removeprefix("sqlite:///"))
    with db.read() as s:
        known = s.get(Person, people[0])
        staff_no, name, station, version = known.staff_no, known.name, known.station.short_name, known.version
        detachment = known.station.detachment.short_name
    book = workbook(tmp_path / "p.xlsx", ["工号", "姓名", "支队", "消防救援站", "手机号"],
                    [[staff_no, name, detachment, station, "13611112222"], ["N9", "新来的", "东城", "前门", ""]])
    result = subprocess.run([sys.executable, "main.py", "--db", str(path), "import", "personnel", str(book)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, ROSTERAPP_DESK="东城支队内勤"))
    assert result.returncode == 0, result.stderr
    with db.read() as s:
        changed = s.scalar(select(Person).where(Person.staff_no == staff_no))
        added = s.scalar(select(Person).where(Person.staff_no == "N9"))
        assert (changed.phone, changed.version, changed.changed_by) == ("13611112222", version + 1, "东城支队内勤")
        assert (added.version, added.changed_by) == (1, "东城支队内勤")
