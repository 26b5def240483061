"""Where export, print and merge may write, and what a full disk or a killed job leaves, as a user runs them.

A workbook or PDF never takes the place of the database (or its working and backup files), a folder or a
read-only file; a file that could not be written whole never replaces the earlier one; a killed job's
part file goes when the next job to that target starts.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from rosterapp.services.outputs import partial_path

ROOT = Path(__file__).resolve().parents[2]
DAY = "2027-03-02"


def rosterapp(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=180, stdin=subprocess.DEVNULL)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def database(demo_files, tmp_path) -> Path:
    """A copy of the small demo (2027-03), with a backup beside it as a migration writes one."""
    path = tmp_path / "roster.sqlite3"
    shutil.copyfile(demo_files(), path)
    shutil.copyfile(path, tmp_path / "roster.sqlite3.before-0001_initial-20270301-080000.bak")
    return path


@pytest.fixture(scope="module")
def sub_plan(demo_files, tmp_path_factory) -> Path:
    """东城's sub-plan of the demo's task, for merge."""
    out = tmp_path_factory.mktemp("plans") / "东城.xlsx"
    result = rosterapp("--db", str(demo_files()), "--lang", "en", "export", "--out", str(out),
                       "--operation", "全国两会消防安保", "--detachment", "东城")
    assert result.returncode == 0, result.stderr
    return out


def command(kind: str, out: Path | str, sub_plan: Path) -> list[str]:
    return {
        "export": ["export", "--out", str(out), "--from", "2027-03-01", "--to", "2027-03-03"],
        "print": ["print", "--out", str(out), "--station", "前门", "--date", DAY],
        "merge": ["merge", "--out", str(out), str(sub_plan)],
    }[kind]


KINDS = ["export", "print", "merge"]


# --- the database and its files are never written over ------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name, text", [
    ("roster.sqlite3", "it is the database in use"),
    ("roster.sqlite3-wal", "it is a working file of the database"),
    ("roster.sqlite3-shm", "it is a working file of the database"),
    ("roster.sqlite3-journal", "it is a working file of the database"),
    ("roster.sqlite3.before-0001_initial-20270301-080000.bak", "it is a backup of the database"),
    ("roster.sqlite3.copy.bak", "it is a backup of the database"),
])
def test_an_output_naming_the_database_or_its_files_is_refused(database, sub_plan, kind, name, text):
    out = database.parent / name
    before = {p.name: digest(p) for p in database.parent.iterdir()}
    result = rosterapp("--db", str(database), "--lang", "en", *command(kind, out, sub_plan))
    assert result.returncode == 2, result.stderr
    line = one_line(result)
    assert str(out) in line and text in line
    assert {p.name: digest(p) for p in database.parent.iterdir()} == before


@pytest.mark.parametrize("kind", KINDS)
def test_the_database_named_another_way_is_refused_too(database, sub_plan, kind, tmp_path):
    """By a relative path from another folder, and through a symbolic link."""
    link = tmp_path / "link.xlsx"
    link.symlink_to(database)
    for out in (Path(".") / database.name, link):
        before = digest(database)
        result = rosterapp("--db", str(database), "--lang", "en", *command(kind, out, sub_plan), cwd=database.parent)
        assert result.returncode == 2, result.stderr
        assert "it is the database in use" in one_line(result)
        assert digest(database) == before and link.is_symlink()


@pytest.mark.parametrize("kind", KINDS)
def test_another_database_file_is_refused(database, sub_plan, demo_files, kind, tmp_path):
    other = tmp_path / "other" / "demo.sqlite3"
    other.parent.mkdir()
    shutil.copyfile(demo_files(), other)
    before = digest(other)
    result = rosterapp("--db", str(database), "--lang", "en", *command(kind, other, sub_plan))
    assert result.returncode == 2, result.stderr
    assert "it is a database file" in one_line(result)
    assert digest(other) == before


def test_merge_refuses_to_write_over_a_sub_plan_it_reads(database, sub_plan, tmp_path):
    plan = tmp_path / "东城.xlsx"
    shutil.copyfile(sub_plan, plan)
    before = digest(plan)
    result = rosterapp("--db", str(database), "--lang", "en", "merge", "--out", str(plan), str(plan))
    assert result.returncode == 2, result.stderr
    assert "one of the files being read" in one_line(result)
    assert digest(plan) == before


@pytest.mark.parametrize("kind", KINDS)
def test_the_refusal_is_in_chinese_by_default(database, sub_plan, kind):
    result = rosterapp("--db", str(database), "--lang", "zh_CN", *command(kind, database, sub_plan))
    assert result.returncode == 2
    assert "无法写入" in one_line(result) and "正在使用的数据库" in one_line(result)


# --- folders ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_a_folder_is_refused(database, sub_plan, kind, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.txt").write_text("x")
    for out in (str(folder), str(tmp_path / "new") + "/"):
        result = rosterapp("--db", str(database), "--lang", "en", *command(kind, out, sub_plan))
        assert result.returncode == 2, result.stderr
        assert "it is a folder" in one_line(result)
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_folder_is_a_usage_error_naming_it_and_is_not_made(database, sub_plan, kind, tmp_path):
    out = tmp_path / "no such folder" / "plan.xlsx"
    result = rosterapp("--db", str(database), "--lang", "en", *command(kind, out, sub_plan))
    assert result.returncode == 2, result.stderr
    assert one_line(result) == f"Cannot write {out}: the folder {out.parent} does not exist."
    assert not out.parent.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_file_is_refused_with_exit_5_and_kept(database, sub_plan, kind, tmp_path):
    out = tmp_path / "sent.out"
    out.write_bytes(b"the copy sent to headquarters")
    out.chmod(0o444)
    result = rosterapp("--db", str(database), "--lang", "en", *command(kind, out, sub_plan))
    assert result.returncode == 5, result.stderr
    assert one_line(result) == f"Cannot write {out}: the file is read-only."
    assert out.read_bytes() == b"the copy sent to headquarters"


@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_folder_is_refused_with_exit_5(database, sub_plan, kind, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = rosterapp("--db", str(database), "--lang", "en", *command(kind, folder / "x.out", sub_plan))
        assert result.returncode == 5, result.stderr
        assert one_line(result) == f"Cannot write {folder / 'x.out'}: the folder {folder} is read-only."
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


# --- a full disk --------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A 256 KiB file system of its own (tmpfs, which needs root), so that the disk really fills up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if made.returncode != 0:
        pytest.skip(f"a small tmpfs cannot be mounted here ({made.stderr.strip() or 'not root'}); "
                    "tests/ui/test_printing_pdf.py and tests/services/excel/test_export.py make the writer fail instead")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill the disk until ``leave`` bytes are free (0: full)."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with (disk / "filler").open("ab") as fh:
        fh.write(b"\0" * max(0, free - leave))
    if leave == 0:
        with (disk / "filler").open("ab") as fh, pytest.raises(OSError):
            fh.write(b"\0" * 65536)
            fh.flush()


@pytest.mark.parametrize("leave", [0, 24 * 1024])
def test_print_on_a_full_disk_refuses_and_keeps_the_earlier_pdf(database, small_disk, leave):
    out = small_disk / "前门.pdf"
    first = rosterapp("--db", str(database), "--lang", "en", "print", "--out", str(out), "--station", "前门",
                      "--date", DAY)
    assert first.returncode == 0, first.stderr
    before = digest(out)
    fill(small_disk, leave)
    result = rosterapp("--db", str(database), "--lang", "en", "print", "--out", str(out), "--station", "前门",
                       "--date", "2027-03-01", "--to", "2027-03-10")
    assert result.returncode == 3, (result.stdout, result.stderr)
    line = one_line(result)
    assert line.startswith(f"Cannot write {out}: ") and "the earlier file was kept" in line
    assert "disk" in line and not result.stdout.strip()
    assert digest(out) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "前门.pdf"]


@pytest.mark.parametrize("leave", [0, 16 * 1024])
def test_export_on_a_full_disk_refuses_and_keeps_the_earlier_workbook(database, small_disk, leave):
    out = small_disk / "hq.xlsx"
    first = rosterapp("--db", str(database), "--lang", "en", "export", "--out", str(out), "--from", "2027-03-01",
                      "--to", "2027-03-02")
    assert first.returncode == 0, first.stderr
    before = digest(out)
    fill(small_disk, leave)
    result = rosterapp("--db", str(database), "--lang", "en", "export", "--out", str(out), "--from", "2027-03-01",
                       "--to", "2027-03-31")
    assert result.returncode == 3, (result.stdout, result.stderr)
    line = one_line(result)
    assert line == f"Cannot write {out}: the disk is full; the earlier file was kept."
    assert digest(out) == before
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[0] == "汇总"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "hq.xlsx"]


def test_a_full_disk_message_in_chinese(database, small_disk):
    out = small_disk / "hq.xlsx"
    fill(small_disk, 0)
    result = rosterapp("--db", str(database), "--lang", "zh_CN", "export", "--out", str(out), "--from", "2027-03-01",
                       "--to", "2027-03-02")
    assert result.returncode == 3, result.stderr
    assert one_line(result) == f"无法写入 {out}：磁盘已满；未写入任何文件。"
    assert not out.exists()


# --- what a killed export or print left behind --------------------------------------------------

@pytest.mark.parametrize("kind, name", [("export", "hq.xlsx"), ("print", "前门.pdf")])
def test_the_part_file_a_killed_job_left_goes_when_the_next_job_to_that_target_starts(database, sub_plan, kind,
                                                                                      name, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / name
    stale = partial_path(out)
    stale.write_bytes(b"half a file")  # what the killed job had written
    other = partial_path(folder / "another.pdf")  # another target's part file is not this job's business
    other.write_bytes(b"x")
    result = rosterapp("--db", str(database), "--lang", "en", *command(kind, out, sub_plan))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted([name, other.name])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks; on Windows an open file cannot be removed")
def test_a_part_file_a_running_job_still_writes_is_left_alone(database, sub_plan, tmp_path):
    import fcntl

    out = tmp_path / "前门.pdf"
    running = partial_path(out)
    with running.open("wb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # as the other job holds it
        result = rosterapp("--db", str(database), "--lang", "en", *command("print", out, sub_plan))
        assert result.returncode == 0, result.stderr
        assert running.exists() and out.exists()
