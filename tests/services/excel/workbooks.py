"""Real workbooks to import, built on the spot: big registers and rosters, and hostile files.

The hostile ones are what a clerk may be sent, or make by accident: a stray cell at XFD1048576,
a `<dimension>` that claims 16,384 columns, a package whose shared strings unpack to gigabytes.
Shared by the tests (tests/services/excel/test_import_limits.py) and benchmarks/bench_excel.py.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter

PEOPLE_HEADERS = ["工号", "姓名", "支队", "消防救援站", "衔级", "职务", "资质", "手机号", "出生日期", "性别", "状态"]


def people_register(path: Path, n: int, *, variant: int = 0, sheet: str = "人员名册", title: bool = True) -> Path:
    """A 人员名册 of ``n`` people spread over the city's stations, as a clerk's file holds it."""
    from rosterapp import reference_data as ref

    stations = [(code, name) for code, names in ref.STATIONS.items() for name in names]
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet(sheet)
    row = 0
    if title:
        ws.write_row(row, 0, ["城六区支队人员名册"])
        row += 1
    ws.write_row(row, 0, PEOPLE_HEADERS)
    for i in range(n):
        det, station = stations[i % len(stations)]
        ws.write_row(row + 1 + i, 0, [
            f"{i:08d}", f"测试{i}", det, station, ref.FIREFIGHTER_RANKS[i % 5],
            ref.POSITIONS[(i + variant) % len(ref.POSITIONS)], "空呼、破拆" if i % 2 else "通信",
            f"138{i:08d}", f"{1980 + i % 20}-0{1 + i % 9}-1{i % 10}", "男", "在岗"])
    wb.close()
    return path


def roster_sheet(path: Path, people: int = 500, days: int = 31, *, first: dt.date = dt.date(2026, 3, 1)) -> Path:
    """A workbook whose one sheet is a roster grid of ``people`` × ``days`` shift codes (the 东城支队
    sheet of a sub-plan), with the fixed sheets of an HQ workbook around it."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    last = first + dt.timedelta(days=days - 1)
    summary = wb.add_worksheet("汇总")
    summary.write_row(0, 0, [f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"])
    summary.write_row(2, 0, ["支队", "点位数", "出动车辆", "出动人员", "覆盖率", "错误", "警告"])
    wb.add_worksheet("点位方案").write_row(0, 0, [
        "点位编号", "点位名称", "点位类型", "勤务方式", "战备等级", "责任支队", "出动站", "开始", "结束", "车辆",
        "带队指挥员", "联系电话", "人数", "人员", "备注"])
    wb.add_worksheet("车辆部署").write_row(0, 0, [
        "日期", "支队", "消防救援站", "车牌号", "呼号", "车型", "部署位置", "开始", "结束", "乘员"])
    grid = wb.add_worksheet("东城支队")
    grid.write_row(0, 0, ["消防救援站", "姓名", "工号", "职务"])
    for d in range(days):
        grid.write_datetime(0, 4 + d, dt.datetime.combine(first + dt.timedelta(days=d), dt.time()), date)
    codes = ["值", "白", "夜", "休", ""]
    for p in range(people):
        grid.write_row(1 + p, 0, ["前门消防救援站", f"测试{p}", f"{p:08d}", "战斗员"])
        for d in range(days):
            code = codes[(p + d) % len(codes)]
            if code:
                grid.write_string(1 + p, 4 + d, code)
    wb.add_worksheet("问题清单").write_row(0, 0, ["严重程度", "规则", "说明", "开始", "结束", "人员", "车辆", "点位"])
    wb.close()
    return path


def rewrite(path: Path, member: str, edit) -> Path:
    """The package with ``member``'s XML text passed through ``edit`` (the other members copied as they are)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == member:
                data = edit(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, data)
    shutil.move(tmp, path)
    return path


def far_cell(path: Path, people: int = 3) -> Path:
    """A small register with one more cell at XFD1048576 (openpyxl then writes the dimension A1:XFD1048576)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人员名册"
    ws.append(PEOPLE_HEADERS[:4])
    for i in range(people):
        ws.append([f"{i:03d}", f"测试{i}", "东城支队", "前门消防救援站"])
    ws["XFD1048576"] = "x"
    wb.save(path)
    return path


def wide_dimension(path: Path, people: int = 20000) -> Path:
    """A real register whose `<dimension>` claims every column: A1:XFD{last row}."""
    people_register(path, people)
    last = people + 2
    return rewrite(path, "xl/worksheets/sheet1.xml",
                   lambda xml: re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:XFD{last}"/>', xml, count=1))


def string_bomb(path: Path, size: int) -> Path:
    """A small register whose shared strings unpack to ``size`` bytes more: one string of ``size`` letters
    that no cell uses (deflate squeezes it a thousandfold)."""
    wb = xlsxwriter.Workbook(str(path))  # xlsxwriter writes its text to xl/sharedStrings.xml
    ws = wb.add_worksheet("人员名册")
    ws.write_row(0, 0, PEOPLE_HEADERS[:4])
    ws.write_row(1, 0, ["001", "测试", "东城支队", "前门消防救援站"])
    wb.close()
    tmp = path.with_suffix(".tmp")
    chunk = b"A" * (1 << 20)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != "xl/sharedStrings.xml":
                dst.writestr(info.filename, src.read(info))
                continue
            xml = src.read(info).decode("utf-8")
            head, _, tail = xml.rpartition("</sst>")
            count = xml.count("<si>") + 1
            head = re.sub(r'count="\d+"', f'count="{count}"', head)
            head = re.sub(r'uniqueCount="\d+"', f'uniqueCount="{count}"', head)
            with dst.open(info.filename, "w", force_zip64=True) as out:
                out.write(head.encode("utf-8") + b"<si><t>")
                left = size
                while left > 0:
                    out.write(chunk[:left])
                    left -= len(chunk)
                out.write(b"</t></si></sst>" + tail.encode("utf-8"))
    shutil.move(tmp, path)
    return path


def one_wide_row(path: Path, cells: int) -> Path:
    """A small register with a row 5 of ``cells`` cells, all at E5, with different numbers (so that it packs
    only about 7 times): a row openpyxl would build whole in memory."""
    people_register(path, 3, title=False)
    numbers = "".join(f'<c r="E5"><v>{(i * 7919) % 1000003}</v></c>' for i in range(cells))
    return rewrite(path, "xl/worksheets/sheet1.xml",
                   lambda xml: xml.replace("</sheetData>", f'<row r="5">{numbers}</row></sheetData>', 1))
