"""The Excel route carries the sub-plan version: export writes it (汇总 and the document properties),
`import plan` refuses a workbook older than the sub-plan's current version unless forced, and merge names
each sub-plan's version and state in its 汇总."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from rosterapp.db import Database
from rosterapp.models import Detachment, Duty, Operation, Post
from rosterapp.services import subplans
from rosterapp.services.excel import common as c
from rosterapp.services.excel.merge import merge_workbooks
from rosterapp.services.excel.plan_import import OlderWorkbook, import_plan
from tests.services.excel.conftest import OPERATION, export
from tests.services.excel.test_plan_and_merge import staffing


def ids(db: Database, code: str) -> tuple[int, int]:
    with db.read() as s:
        return (s.scalar(select(Operation.id).where(Operation.name == OPERATION)),
                s.scalar(select(Detachment.id).where(Detachment.code == code)))


def act(db: Database, action: str, code: str = "DC", comment: str = "") -> None:
    op, det = ids(db, code)
    with db.begin() as s:
        subplans.act(s, action, op, det, comment)


def summary(path: Path) -> dict[str, tuple]:
    """汇总's 分方案版本 | 状态 | 总体方案版本 by detachment; the headers under ""."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = [tuple(r) for r in wb[c.SUMMARY].iter_rows(values_only=True)]
    finally:
        wb.close()
    headers = list(rows[2])
    assert headers[:7] == c.SUMMARY_HEADERS  # the contract's columns first, unchanged
    at = headers.index(c.PLAN_HEADERS[0])
    out = {"": tuple(headers[at:at + 3])}
    for row in rows[3:]:
        if not row or row[0] is None:
            break
        out[row[0]] = tuple(row[at:at + 3])
    return out


def properties(path: Path) -> dict[str, object]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {p.name: p.value for p in wb.custom_doc_props}
    finally:
        wb.close()


def edit_draft(db: Database, code: str) -> None:
    """The detachment's draft changes: one duty at one of its posts ends half an hour early."""
    with db.begin() as s:
        duty = s.scalars(select(Duty).join(Post).join(Detachment).where(Detachment.code == code)
                         .order_by(Duty.id).limit(1)).one()
        duty.end -= dt.timedelta(minutes=30)


def test_the_hq_summary_names_each_sub_plans_version_and_state(demo_db, tmp_path):
    act(demo_db, "submit", "DC")
    act(demo_db, "approve", "DC")
    act(demo_db, "submit", "XC")
    act(demo_db, "return", "XC", "人数不足")
    edit_draft(demo_db, "XC")
    act(demo_db, "submit", "CY")
    act(demo_db, "submit", "CY")
    got = summary(export(demo_db, tmp_path / "hq.xlsx", operation=OPERATION))
    assert got[""] == tuple(c.PLAN_HEADERS)
    assert got["东城支队"] == ("v1", "已批准", "v1")
    assert got["西城支队"] == ("v1（草稿已改动）", "退回", "—")  # returned: not in the overall plan
    assert got["朝阳支队"] == ("v2", "已上报", "v2")
    assert got["海淀支队"] == ("—", "未上报", "—")
    assert got["合计"] == (None, None, None)


def test_a_workbook_without_a_task_has_no_version_columns(demo_db, tmp_path):
    path = export(demo_db, tmp_path / "days.xlsx", first=dt.date(2026, 3, 5), last=dt.date(2026, 3, 6))
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        headers = next(wb[c.SUMMARY].iter_rows(min_row=3, max_row=3, values_only=True))
        assert c.PLAN_HEADERS[0] not in headers
        assert c.PROP_PLAN_VERSION not in {p.name for p in wb.custom_doc_props}
    finally:
        wb.close()


def test_a_sub_plan_workbook_carries_its_version_and_an_older_one_is_refused_unless_forced(demo_db, tmp_path):
    never = export(demo_db, tmp_path / "v0.xlsx", operation=OPERATION, detachment="DC")
    assert properties(never)[c.PROP_PLAN_VERSION] == 0
    act(demo_db, "submit")
    first = export(demo_db, tmp_path / "v1.xlsx", operation=OPERATION, detachment="DC")
    props = properties(first)
    assert (props[c.PROP_PLAN_VERSION], props[c.PROP_PLAN_STATE], props[c.PROP_PLAN_EDITED],
            props[c.PROP_PLAN_IN_PLAN]) == (1, "submitted", False, 1)
    assert summary(first)["东城支队"] == ("v1", "已上报", "v1")
    with demo_db.begin() as s:  # the same version imports
        import_plan(s, first)

    edit_draft(demo_db, "DC")
    act(demo_db, "submit")  # version 2
    before = staffing(demo_db)
    for path, have in ((first, 1), (never, 0)):
        for dry_run in (True, False):
            with pytest.raises(OlderWorkbook) as refused, demo_db.begin() as s:
                import_plan(s, path, dry_run=dry_run)
            assert (refused.value.have, refused.value.current, refused.value.exit_code) == (have, 2, 3)
            assert str(refused.value.current) in refused.value.message and "--force" in refused.value.message
    assert staffing(demo_db) == before  # nothing written
    with demo_db.begin() as s:
        result = import_plan(s, first, force=True)
    assert result.duties and staffing(demo_db) != before  # the older plan is back in place


def test_an_approved_sub_plan_refuses_the_import_even_forced(demo_db, tmp_path):
    path = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    act(demo_db, "submit")
    act(demo_db, "approve")
    before = staffing(demo_db)
    for dry_run in (True, False):
        with pytest.raises(subplans.Locked) as refused, demo_db.begin() as s:
            import_plan(s, path, dry_run=dry_run, force=True)
        assert "东城支队" in refused.value.message and refused.value.exit_code == 3
    assert staffing(demo_db) == before


def test_merge_names_each_sub_plans_version_and_state(demo_db, tmp_path):
    act(demo_db, "submit", "DC")
    act(demo_db, "approve", "DC")
    dc = export(demo_db, tmp_path / "dc.xlsx", operation=OPERATION, detachment="DC")
    xc = export(demo_db, tmp_path / "xc.xlsx", operation=OPERATION, detachment="XC")
    result = merge_workbooks([dc, xc], tmp_path / "merged.xlsx")
    assert result.plans == {"东城支队": ("v1", "已批准", "v1"), "西城支队": ("—", "未上报", "—")}
    assert "东城支队 v1（已批准）" in result.summary()
    got = summary(tmp_path / "merged.xlsx")
    assert (got["东城支队"], got["西城支队"]) == (("v1", "已批准", "v1"), ("—", "未上报", "—"))
