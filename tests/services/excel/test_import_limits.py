"""What an import reads of a workbook: within limits, only the cells that hold data, only the visible sheets.

A clerk's file may hold a stray cell at XFD1048576, claim 16,384 columns in its <dimension>, or be a zip
bomb; each is imported, or refused with one line, in seconds and well under 500 MB (measured in a child
process: VmHWM), and a real 20,000-person register imports well inside the limits. Timings are
benchmarks (benchmarks/bench_excel.py); the timeouts here only keep a 30-minute read from hanging the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from sqlalchemy import func, select

from rosterapp import i18n
from rosterapp.db import Database
from rosterapp.models import Person
from rosterapp.services.excel.common import ImportRejected
from rosterapp.services.excel.importing import import_people
from tests.services.excel import workbooks

ROOT = Path(__file__).resolve().parents[3]
MEMORY_MB = 500
MB = 1 << 20
# spec/excel.md's limits
MAX_ROWS, MAX_MEMBERS = 100_000, 10_000
GUARD_S = 30  # far above what any of these takes now; before, the stray cell read for half an hour

# Imports a register (dry run) in a fresh process and reports the outcome and the process's peak memory.
CHILD = """
import json, sys
from rosterapp import i18n
from rosterapp.db import open_database
from rosterapp.services.excel.common import ImportRejected
from rosterapp.services.excel.importing import import_people

i18n.set_language("en")
db = open_database("sqlite:///" + sys.argv[2])
try:
    with db.begin() as s:
        result = import_people(s, sys.argv[1], dry_run=True)
    outcome = {"added": result.added}
except ImportRejected as exc:
    outcome = {"refused": exc.message}
db.dispose()
with open("/proc/self/status", encoding="ascii") as fh:
    peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
print(json.dumps({**outcome, "peak_mb": peak}))
"""


def import_in_child(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), str(path.with_suffix(".sqlite3"))],
                          cwd=ROOT, capture_output=True, text=True, timeout=GUARD_S, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def count(db: Database) -> int:
    with db.begin() as s:
        return s.scalar(select(func.count()).select_from(Person))


def refused(db: Database, path: Path) -> str:
    """The one line an import of ``path`` is refused with (in English); nothing was written."""
    i18n.set_language("en")
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_people(s, path)
    assert caught.value.exit_code == 3
    lines = caught.value.message.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path.name}: ")
    assert count(db) == 0
    return lines[0]


# Hostile files and big real ones, in a child process ---------------------------------------------------

def test_a_stray_cell_at_xfd1048576_is_not_read(tmp_path):
    """Not 17 billion empty cells: reading stops after 1,000 empty rows."""
    path = workbooks.far_cell(tmp_path / "far.xlsx")
    assert path.stat().st_size < 10_000
    run = import_in_child(path)
    assert run.get("added") == 3, run
    assert run["peak_mb"] < MEMORY_MB


@pytest.mark.slow
@pytest.mark.parametrize("make", [workbooks.people_register, lambda p, n: workbooks.wide_dimension(p, n)],
                         ids=["plain", "dimension A1:XFD20002"])
def test_a_20000_person_register_imports_whatever_its_dimension_claims(tmp_path, make):
    path = make(tmp_path / "people.xlsx", 20000)
    run = import_in_child(path)
    assert run.get("added") == 20000, run
    assert run["peak_mb"] < MEMORY_MB


def test_a_shared_strings_bomb_is_refused_before_it_is_unpacked(tmp_path):
    """2 MB on disk, 2 GB of shared strings: refused from the package's directory, not read."""
    path = workbooks.string_bomb(tmp_path / "bomb.xlsx", 400 * MB)
    assert path.stat().st_size < 2 * MB
    run = import_in_child(path)
    assert run.get("refused") == "bomb.xlsx: The workbook unpacks to 400.0 MB; one of more than 300 MB is not read."
    assert run["peak_mb"] < MEMORY_MB


def test_a_row_of_a_million_cells_is_refused_before_openpyxl_builds_it(tmp_path):
    """4 MB on disk; openpyxl would hold the whole row (about 750 MB) before yielding it."""
    path = workbooks.one_wide_row(tmp_path / "row.xlsx", 1_000_000)
    assert path.stat().st_size < 5 * MB
    run = import_in_child(path)
    assert run.get("refused") == (
        "row.xlsx: Row 5 of xl/worksheets/sheet1.xml holds more than 16,384 cells, more than a spreadsheet's row "
        "can: the file is damaged or made to exhaust memory, and is not read."), run
    assert run["peak_mb"] < MEMORY_MB


# The package's limits -----------------------------------------------------------------------------------

def big_on_disk(path: Path) -> Path:
    """A register with a 51 MB photo inside (stored, incompressible)."""
    workbooks.people_register(path, 3)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr(zipfile.ZipInfo("xl/media/image1.png"), os.urandom(51 * MB))
    return path


def many_parts(path: Path) -> Path:
    workbooks.people_register(path, 3)
    with zipfile.ZipFile(path, "a") as z:
        for i in range(MAX_MEMBERS):
            z.writestr(f"customXml/item{i}.xml", b"<a/>")
    return path


def many_strings(path: Path) -> Path:
    """A register whose shared strings are 21 MB of distinct short texts (they pack only 5 times)."""
    workbooks.people_register(path, 3)
    strings = "".join(f"<si><t>{i:07x}</t></si>" for i in range(21 * MB // 22))
    # xlsxwriter's constant_memory mode writes its text inline: a shared strings part of our own.
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                   f'main">{strings}</sst>', compress_type=zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize("make, reason", [
    (big_on_disk, "people.xlsx: The file is 51.0 MB; a workbook of more than 50 MB is not read."),
    (many_parts, "parts; a workbook of more than 10000 is not read."),
    (lambda p: workbooks.string_bomb(p, 200 * MB),  # about 1,000 times
     "people.xlsx: xl/sharedStrings.xml unpacks to "),
    (many_strings, "MB; more than 20 MB is not read."),
], ids=["50 MB on disk", "10,000 parts", "ratio", "parts read whole"])
def test_a_package_past_the_limits_is_refused_with_one_line(db: Database, tmp_path, make, reason):
    path = tmp_path / "people.xlsx"
    make(path)
    line = refused(db, path)
    assert reason in line, line


# The sheets' limits -------------------------------------------------------------------------------------

def sparse_register(path: Path, rows: dict[int, list], *, sheet: str = "人员名册") -> Path:
    """A register with a header in row 1 and the given (1-based) rows, the others left out of the file."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet(sheet)
    ws.write_row(0, 0, workbooks.PEOPLE_HEADERS[:4])
    for number in sorted(rows):
        ws.write_row(number - 1, 0, rows[number])
    wb.close()
    return path


def person(i: int) -> list:
    return [f"{i:06d}", f"测试{i}", "东城支队", "前门消防救援站"]


def test_reading_stops_after_1000_empty_rows(db: Database, tmp_path):
    # Rows 3 to 1002 are empty (1,000 of them): row 1003 is past the end. Rows 2 and 1003 in another
    # file have 999 empty rows between them and both are read.
    path = sparse_register(tmp_path / "gap.xlsx", {2: person(2), 1003: person(1003)})
    with db.begin() as s:
        assert import_people(s, path, dry_run=True).added == 1
    path = sparse_register(tmp_path / "near.xlsx", {2: person(2), 1002: person(1002)})
    with db.begin() as s:
        assert import_people(s, path, dry_run=True).added == 2


def test_data_past_row_100000_refuses_the_file_naming_the_sheet(db: Database, tmp_path):
    rows = {n: person(n) for n in range(2, MAX_ROWS + 2, 900)}
    rows[MAX_ROWS + 1] = person(MAX_ROWS + 1)
    path = sparse_register(tmp_path / "people.xlsx", rows)
    assert refused(db, path) == ("people.xlsx: Sheet 人员名册 has data past row 100,000 (in D100001); "
                                 "at most 100,000 rows are read.")
    i18n.set_language("zh_CN")
    with db.begin() as s, pytest.raises(ImportRejected) as caught:
        import_people(s, path)
    assert caught.value.message == "people.xlsx: 工作表 人员名册 在第 100,000 行之后仍有数据（D100001）；最多读取 100,000 行。"


def test_data_past_column_400_refuses_the_file_naming_the_sheet_and_cell(db: Database, tmp_path):
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人员名册"
    ws.append(workbooks.PEOPLE_HEADERS[:4])
    ws.append(person(1))
    ws.cell(row=3, column=401, value="备注")
    wb.save(path)
    assert refused(db, path) == ("people.xlsx: Sheet 人员名册 has data past column OJ (in OK3); "
                                 "at most 400 columns are read.")


def test_column_400_and_styled_empty_cells_past_it_are_read(db: Database, tmp_path):
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(workbooks.PEOPLE_HEADERS[:4])
    ws.append(person(1))
    ws.cell(row=2, column=400, value="备注")
    ws.cell(row=2, column=16384).number_format = "0.00"  # formatted, empty
    ws.cell(row=2, column=16383, value="   ")  # blanks only
    wb.save(path)
    with db.begin() as s:
        assert import_people(s, path).added == 1


# Hidden sheets ------------------------------------------------------------------------------------------

def with_hidden_copy(path: Path, state: str, *, visible: bool = True) -> Path:
    """A visible 名册 holding 可见, and a hidden sheet named like the register, 人员名册, holding 隐藏."""
    wb = openpyxl.Workbook()
    shown = wb.active
    shown.title = "名册"
    if visible:
        shown.append(workbooks.PEOPLE_HEADERS[:4])
        shown.append(["001", "可见", "东城支队", "前门消防救援站"])
    hidden = wb.create_sheet("人员名册")
    hidden.append(workbooks.PEOPLE_HEADERS[:4])
    hidden.append(["002", "隐藏", "东城支队", "前门消防救援站"])
    hidden.sheet_state = state
    wb.save(path)
    return path


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_named_like_the_register_is_never_read(db: Database, tmp_path, state):
    path = with_hidden_copy(tmp_path / "people.xlsx", state)
    with db.begin() as s:
        dry = import_people(s, path, dry_run=True)
    assert [c.name for c in dry.changes] == ["可见"]
    assert dry.summary() == "试运行：将新增 1 条，更新 0 条，0 条不变；未写入任何数据。"
    assert dry.notes() == ["跳过隐藏工作表：人员名册。"]
    with db.begin() as s:
        done = import_people(s, path)
    assert done.notes() == ["跳过隐藏工作表：人员名册。"]
    with db.begin() as s:
        assert s.scalars(select(Person.name)).all() == ["可见"]


def test_a_register_only_on_a_hidden_sheet_is_refused_saying_so(db: Database, tmp_path):
    path = with_hidden_copy(tmp_path / "people.xlsx", "hidden", visible=False)
    assert refused(db, path) == ("people.xlsx: No header row with 工号 姓名 in the first 6 rows of any visible "
                                 "sheet; hidden sheets are not read (人员名册).")


def test_an_import_of_visible_sheets_only_says_nothing_of_them(db: Database, tmp_path):
    path = workbooks.people_register(tmp_path / "people.xlsx", 2)
    with db.begin() as s:
        assert import_people(s, path, dry_run=True).notes() == []


def test_formulas_count_by_their_cached_value_and_text_like_a_formula_stays_text(db: Database, tmp_path):
    """What the bounded reading keeps: a formula by its saved result (found again on the last row read) and
    a name typed as =张伟 a name (a formula without a result stays a bad cell: test_import_registers)."""
    path = tmp_path / "people.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("人员名册")
    ws.write_row(0, 0, workbooks.PEOPLE_HEADERS[:4])
    ws.write_row(1, 0, ["001", None, "东城支队", "前门消防救援站"])
    ws.write_string(1, 1, "=张伟")  # text, as a clerk typed it with a leading '
    for number in range(3, 1500):
        ws.write_row(number - 1, 0, person(number))
    ws.write_row(1499, 0, ["1500", "李强", "东城支队"])
    ws.write_formula(1499, 3, '="前门"&"消防救援站"', None, "前门消防救援站")
    wb.close()
    with db.begin() as s:
        assert import_people(s, path).added == 1499
    with db.begin() as s:
        assert s.scalar(select(Person.name).where(Person.staff_no == "001")) == "=张伟"
        assert s.scalar(select(func.count()).where(Person.staff_no == "1500")) == 1
