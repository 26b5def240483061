"""Messages outside the window (command line, services) in the user's language.

The window uses Qt's translation files; the headless parts use this small catalogue, keyed
by the English text, so that `--lang` works without Qt.
"""

from __future__ import annotations

import locale
import os

_language = "zh_CN"

# English source text -> Simplified Chinese.
ZH: dict[str, str] = {
    # The station-duty autofill's reasons (services/autofill.py).
    "On leave: {names}": "请休假：{names}",
    "Already entered (kept as they are): {names}": "已有排班（保持不动）：{names}",
    "Rest of {hours:g} h between duties not reached: {names}": "两次执勤间休息不足 {hours:g} 小时：{names}",
    "At most {week:g} h of duty in 7 days: {names}": "7 天内执勤最多 {week:g} 小时：{names}",
    "At most {run:g} duty days in a row: {names}": "最多连续执勤 {run:g} 天：{names}",
    "Only station duty (值) is filled in: {names}": "自动排班只填写值班（值）：{names}",
    "Not enough people of the station hold what the requirement needs": "本站具备该要求的人员不足",
    "Rule {family}: {names}": "规则 {family}：{names}",
    "No duty leader is named in the duty book": "值班簿中未指定带班领导",
    "{path} is not a SQLite database.": "{path} 不是 SQLite 数据库文件。",
    "{path} is not a rosterapp database.": "{path} 不是 rosterapp 的数据库。",
    "The database {path} does not exist; use --create to make a new one.":
        "数据库 {path} 不存在；如需新建数据库，请加上 --create。",
    "The demo covers {least} to {most} days, not {value}.": "演示数据可覆盖 {least} 至 {most} 天，不能是 {value}。",
    "The database {path} is in use by another window or process; try again when it is free.":
        "数据库 {path} 正被另一个窗口或程序使用，请在其空闲后重试。",
    "The database cannot be reached: {detail}": "无法连接数据库：{detail}",
    "The disk holding the database {path} is full; free some space and try again.":
        "数据库 {path} 所在的磁盘已满，请腾出空间后重试。",
    "The database {path} cannot be written: the file or its folder is read-only.":
        "数据库 {path} 无法写入：文件或其所在文件夹为只读。",
    "The database {path} could not be written (a disk error); try again, and have the disk checked if it happens again.":
        "数据库 {path} 写入失败（磁盘错误）；请重试，如再次出现请检查磁盘。",
    "The database {path} is damaged: {detail}": "数据库 {path} 已损坏：{detail}",
    "The database was made by a newer version of rosterapp (schema {revision}); update the program.":
        "该数据库由更新版本的 rosterapp 创建（结构版本 {revision}），请先升级程序。",
    "Permission denied: {path}": "没有权限访问：{path}",
    "The database already holds {count} people; use --replace to overwrite it.":
        "数据库中已有 {count} 名人员；如需覆盖，请使用 --replace。",
    "Demo written: {people} people, {vehicles} vehicles, {duties} roster entries, {posts} posts ({seconds:.1f} s).":
        "演示数据已生成：{people} 人，{vehicles} 辆车，{duties} 条排班，{posts} 个点位（用时 {seconds:.1f} 秒）。",
    "Some of these cells were changed since; the step was not taken back, so that the later changes stay.":
        "这些单元格此后已被改动，为保留之后的改动，此步未撤销。",
    "Some of these absences were changed since; the step was not taken back, so that the later changes stay.":
        "这些请休假记录此后已被改动，为保留之后的改动，此步未撤销。",
    "The staffing of these windows was changed since; the step was not taken back, so that the later changes stay.":
        "这些时段的人员车辆此后已被改动，为保留之后的改动，此步未撤销。",
    "{count} of the rows this step wrote were changed since; it was not taken back, so that the later changes stay.":
        "此步写入的数据中有 {count} 条此后已被改动，为保留之后的改动，此步未撤销。",
    "This entry was changed since; the step was not taken back, so that the later changes stay.":
        "该条目此后已被改动，为保留之后的改动，此步未撤销。",
    "{name} was changed by {who} since you opened it; nothing was saved. Open it again to see their changes.":
        "{name} 在您打开后已被 {who} 修改，本次未保存。请重新打开以查看其改动。",
    "another user": "其他用户",
    "The database could not be brought up to date ({detail}); it was left as it was. A copy from before is {backup}.":
        "数据库结构升级失败（{detail}），数据库保持原样未改动。升级前的备份：{backup}。",
    "This database is open in another window, so this one only reads; nothing was changed. Close the other window, then press F5.":
        "此数据库已在另一个窗口中打开，本窗口只读，未作任何改动。请关闭另一个窗口后按 F5。",
    "The database {path} is damaged ({detail}). The newest good backup is {backup}; restore it with: rosterapp --db {path} backup restore {backup}":
        "数据库 {path} 已损坏（{detail}）。最新的完好备份是 {backup}；可用以下命令恢复：rosterapp --db {path} backup restore {backup}",
    "The database {path} is damaged ({detail}), and there is no good backup beside it.":
        "数据库 {path} 已损坏（{detail}），旁边没有完好的备份。",
    "There is no backup {path}.": "没有备份 {path}。",
    "{path} is not a good copy of a database; nothing was restored.": "{path} 不是完好的数据库副本，未恢复任何内容。",
    "Backups are kept for SQLite files only.": "只有 SQLite 数据库文件才有备份。",
    "Restored {path} from {backup}; the file before it is kept as {aside}.":
        "已用 {backup} 恢复 {path}；恢复前的文件另存为 {aside}。",
    "daily": "每日备份",
    "before a restore": "恢复前",
    "before migration {revision}": "结构升级（{revision}）前",
    "Permission denied: {path} (the folder of the database must be writable)":
        "没有权限：{path}（数据库所在的文件夹必须可写）",
    "Unknown detachment: {name}": "未知支队：{name}",
    "Unknown station: {name}": "未知消防救援站：{name}",
    "Unknown post: {name}": "未知点位：{name}",
    "Unknown operation: {name}": "未知保卫任务：{name}",
    "Unknown person: {name}": "未知人员：{name}",
    "Unknown vehicle: {name}": "未知车辆：{name}",
    "Unknown rank: {name}": "未知衔级：{name}",
    "Unknown position: {name}": "未知职务：{name}",
    "Unknown qualification: {name}": "未知资质：{name}",
    "Unknown vehicle type: {name}": "未知车型：{name}",
    "Unknown shift code: {name}": "未知班次代码：{name}",
    "Staff number {value} is already used by {name}.": "工号 {value} 已被 {name} 使用。",
    "Plate {value} is already registered.": "车牌号 {value} 已登记。",
    "Post code {value} already exists in this operation.": "本任务中已有点位编号 {value}。",
    "An operation named {value} already exists.": "已有名为 {value} 的保卫任务。",
    "{field} must not be empty.": "{field}不能为空。",
    "Seats must be a whole number from 1 to 12.": "座位数必须是 1 到 12 的整数。",
    "The end must be after the start.": "结束时间必须晚于开始时间。",
    "The phone number must have 11 digits and start with 1.": "手机号必须为 11 位且以 1 开头。",
    "The birth date must not be in the future.": "出生日期不能晚于今天。",
    "{name} has duties on record and cannot be deleted; deactivate instead.":
        "{name} 已有排班记录，不能删除，只能停用。",
    "A duty is either at a station or at a post.": "一条排班只能在消防救援站或点位中的一处。",
    "Invalid date: {value} (expected YYYY-MM-DD).": "日期无效：{value}（应为 YYYY-MM-DD）。",
    "Invalid month: {value} (expected YYYY-MM).": "月份无效：{value}（应为 YYYY-MM）。",
    "--station and --month go with `export roster`.": "--station 和 --month 用于 `export roster`。",
    "export roster needs --station or --detachment (one of them).":
        "export roster 需要 --station 或 --detachment（二者选一）。",
    "export roster needs --month YYYY-MM.": "export roster 需要 --month YYYY-MM。",
    "--operation, --from and --to go with the HQ workbook, not with export roster.":
        "--operation、--from 和 --to 用于总队工作簿，不用于 export roster。",
    "Written {path}: {sheets} sheets, {rows} people, {month}.": "已写入 {path}：{sheets} 个工作表，{rows} 人，{month}。",
    "The range ends before it starts.": "结束日期早于开始日期。",
    "Severity": "严重程度",
    "Rule": "规则",
    "Start": "开始",
    "End": "结束",
    "Problem": "说明",
    "Checked {first} to {last}": "检查范围：{first} 至 {last}",
    "{error} errors, {warning} warnings, {info} notes.": "错误 {error} 个，警告 {warning} 个，提示 {info} 个。",
    "staff number": "工号",
    "name": "姓名",
    "plate": "车牌号",
    "post code": "点位编号",
    "operation name": "任务名称",
    "note": "备注",
    "remarks": "备注",
    "reason": "原因",
    "call sign": "呼号",
    "address": "地址",
    "radio channel": "电台频道",
    "{field} must be at most {most} characters ({count} given).": "{field}最多 {most} 个字符（现为 {count} 个）。",
    "The birth date must be on or before {last}: at least {age} years old.":
        "出生日期不能晚于 {last}：须年满 {age} 周岁。",
    "The birth date must not be before {first}.": "出生日期不能早于 {first}。",
    # Registers, operations and duties (services).
    "Unknown sex: {name}": "未知性别：{name}",
    "Unknown absence kind: {name}": "未知缺勤类别：{name}",
    "Unknown absence: {name}": "未知缺勤记录：{name}",
    "Unknown vehicle status: {name}": "未知车辆状态：{name}",
    "Unknown maintenance window: {name}": "未知维修记录：{name}",
    "Unknown readiness level: {name}": "未知战备等级：{name}",
    "Unknown post type: {name}": "未知点位类型：{name}",
    "Unknown duty mode: {name}": "未知执勤方式：{name}",
    "Unknown rotation: {name}": "未知轮换方式：{name}",
    "Unknown crew role: {name}": "未知车组分工：{name}",
    "Unknown duty: {name}": "未知排班记录：{name}",
    "Unknown deployment: {name}": "未知车辆调派记录：{name}",
    "{name} has duties or deployments on record and cannot be deleted; deactivate instead.":
        "{name} 已有排班或调派记录，不能删除，只能停用。",
    "A deployment is either at a station or at a post.": "车辆调派只能在消防救援站或点位中的一处。",
    "The arrival time must be a whole number of minutes above zero.": "到场时间必须是大于 0 的整数分钟。",
    "The minimum number of people must not be negative.": "最少人数不能为负数。",
    "Vehicle type {name} is listed twice.": "车型 {name} 重复列出。",
    "Each vehicle type needs a count of at least 1.": "每种车型的数量至少为 1。",
    "station": "消防救援站",
    "detachment": "支队",
    "operation": "保卫任务",
    "vehicle type": "车型",
    "post name": "点位名称",
    # The organisation: stations and their minimum strength.
    "station name": "站名",
    "Station {value} already exists ({name}).": "消防救援站 {value} 已存在（{name}）。",
    "A minimum must be a whole number from 0 to {most}.": "最低值必须是 0 到 {most} 的整数。",
    "Unknown station grade: {name}": "未知站级：{name}",
    "{name} has people, vehicles or duties on record and cannot be deleted.":
        "{name} 已有人员、车辆或排班记录，不能删除。",
    # Printing shift sheets.
    "Name a station, a post or a detachment.": "请指定消防救援站、点位或支队。",
    "--all-stations goes with --detachment.": "--all-stations 只能与 --detachment 一起使用。",
    "--operation goes with --post.": "--operation 只能与 --post 一起使用。",
    "Nothing to print from {first} to {last}: the post is not on duty then.":
        "{first} 至 {last} 无可打印内容：该点位在此期间不执勤。",
    "Written {path}: {sheets} sheets, {pages} pages.": "已写入 {path}：共 {sheets} 份表、{pages} 页。",
    "No Chinese font is installed for printing; install the fonts-noto-cjk package (Noto Sans CJK SC) "
    "and try again.": "未安装可用于打印的中文字体；请安装 fonts-noto-cjk 软件包（Noto Sans CJK SC）后重试。",
    # Excel: the HQ workbook, register imports, the plan round trip, merging.
    "Sheet {sheet} does not have the headers of an HQ workbook ({headers}).":
        "工作表 {sheet} 的表头不是总队工作簿的表头（{headers}）。",
    "Not an HQ workbook written by export: no sheet {sheets}.": "不是由导出生成的总队工作簿：缺少工作表 {sheets}。",
    "The title of {sheet} should read \"TASK（YYYY-MM-DD 至 YYYY-MM-DD）\", or without a task \"YYYY-MM-DD 至 YYYY-MM-DD\".":
        "{sheet} 的标题应为“任务名称（YYYY-MM-DD 至 YYYY-MM-DD）”，不分任务时为“YYYY-MM-DD 至 YYYY-MM-DD”。",
    "The dates of sheet {sheet} are not those of the title of {summary}.": "工作表 {sheet} 的日期与{summary}标题中的日期不一致。",
    "Dry run: {added} would be added, {updated} updated, {unchanged} left unchanged; nothing was written.":
        "试运行：将新增 {added} 条，更新 {updated} 条，{unchanged} 条不变；未写入任何数据。",
    "Imported: {added} added, {updated} updated, {unchanged} unchanged.":
        "导入完成：新增 {added} 条，更新 {updated} 条，{unchanged} 条不变。",
    "formula without a saved result; open and save the file in Excel first":
        "公式没有保存的计算结果；请先在 Excel 中打开并保存该文件",
    "{name} is not a station of {detachment}.": "{name} 不是{detachment}的消防救援站。",
    "No header row with {headers} in the first 6 rows of any sheet.": "所有工作表的前 6 行中都没有包含 {headers} 的表头行。",
    "Missing column: {headers}.": "缺少列：{headers}。",
    "Staff number {value} is also on row {row}.": "工号 {value} 与第 {row} 行重复。",
    "Not a date: {value} (YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日).":
        "不是日期：{value}（应为 YYYY-MM-DD、YYYY/M/D、YYYY.M.D 或 YYYY年M月D日）。",
    "Unknown status: {name} (在岗, 休假, 病假, 培训, 借调 or 离队)": "未知状态：{name}（应为在岗、休假、病假、培训、借调或离队）",
    "Plate {value} is also on row {row}.": "车牌号 {value} 与第 {row} 行重复。",
    "Plate {value} is registered twice, as {plates}; keep only one of them first.":
        "车牌号 {value} 以 {plates} 登记了两次，请先在车辆登记中只保留其中一条。",
    "Unknown vehicle status: {name} (在用, 维修, 备用 or 报废)": "未知车辆状态：{name}（应为在用、维修、备用或报废）",
    "Written {path}: {count} sub-plans ({names}), {sheets} sheets, {rows} rows.":
        "已写入 {path}：共 {count} 份分方案（{names}），{sheets} 个工作表，{rows} 行。",
    "Missing: {names}.": "未报送：{names}。",
    "{count} double bookings across sub-plans, listed in 问题清单.": "分方案之间有 {count} 处重复排班，已列入问题清单。",
    "The sub-plans are of different tasks: {names}.": "这些分方案属于不同的任务：{names}。",
    "{name} is also in {other}.": "{name} 也出现在 {other} 中。",
    "Dry run: the plan of {detachment} for {operation}, {first} to {last}, would put {duties} duties and "
    "{deployments} deployments in place of {old_duties} and {old_deployments}; nothing was written.":
        "试运行：{detachment}{operation}（{first} 至 {last}）的方案将以 {duties} 条排班和 {deployments} 条车辆调派"
        "替换现有的 {old_duties} 条和 {old_deployments} 条；未写入任何数据。",
    "Imported the plan of {detachment} for {operation}, {first} to {last}: {duties} duties and {deployments} "
    "deployments in place of {old_duties} and {old_deployments}.":
        "已导入{detachment}{operation}（{first} 至 {last}）的方案：{duties} 条排班和 {deployments} 条车辆调派，"
        "替换原有的 {old_duties} 条和 {old_deployments} 条。",
    "A sub-plan of one detachment is expected; this workbook holds {count}.": "应为单个支队的分方案；该工作簿包含 {count} 个支队。",
    "Post {code} is not one of {detachment}'s.": "点位 {code} 不属于{detachment}。",
    "Not a date and time.": "不是日期时间。",
    "Outside the workbook's dates {first} to {last}.": "超出工作簿的日期范围 {first} 至 {last}。",
    "Cannot read {entry}: write 战斗员张三(0012345), optionally [白].": "无法识别 {entry}：应写作 战斗员张三(0012345)，可加班次如 [白]。",
    "No shift fits {start} to {end}; mark the entry like [白].": "没有与 {start} 至 {end} 相符的班次；请在人员后注明班次，如 [白]。",
    "Neither a post of {detachment} nor a station: {name}": "既不是{detachment}的点位也不是消防救援站：{name}",
    "row {row}, {header} ({cell}): {reason}": "第 {row} 行，{header}（{cell}）：{reason}",
    "sheet {sheet}, {where}": "工作表 {sheet}，{where}",
    "title": "标题",
    "dates": "日期",
    "every task": "所有保卫任务",
    "Post {code} is in two tasks at that time ({names}); export one task with --operation.":
        "点位编号 {code} 在此时属于两个任务（{names}）；请按任务分别导出（--operation）。",
    "The file does not exist.": "文件不存在。",
    "This is a folder, not a workbook.": "这是一个文件夹，不是工作簿。",
    "This is not an Excel .xlsx workbook (a renamed CSV or .xls file, or a damaged file).":
        "这不是 Excel .xlsx 工作簿（可能是改了扩展名的 CSV 或 .xls 文件，或文件已损坏）。",
    "The workbook cannot be read: {detail}": "无法读取该工作簿：{detail}",
    # The limits of a workbook an import reads (services/excel/reading.py).
    "The file is {size} MB; a workbook of more than {limit} MB is not read.":
        "文件大小为 {size} MB；超过 {limit} MB 的工作簿不予读取。",
    "The file holds {count} parts; a workbook of more than {limit} is not read.":
        "文件包含 {count} 个部件；超过 {limit} 个部件的工作簿不予读取。",
    "The workbook unpacks to {size} MB; one of more than {limit} MB is not read.":
        "该工作簿解压后为 {size} MB；解压后超过 {limit} MB 的工作簿不予读取。",
    "{part} unpacks to {ratio} times its packed size, more than a real workbook does ({limit}): "
    "the file is damaged or made to exhaust memory, and is not read.":
        "{part} 解压后是压缩大小的 {ratio} 倍，超过正常工作簿的 {limit} 倍：文件已损坏或被恶意构造以耗尽内存，不予读取。",
    "The workbook's shared text and styles unpack to {size} MB; more than {limit} MB is not read.":
        "该工作簿的共享文本和样式解压后为 {size} MB；超过 {limit} MB 不予读取。",
    "Row {row} of {part} holds more than {limit} cells, more than a spreadsheet's row can: the file is damaged "
    "or made to exhaust memory, and is not read.":
        "{part} 的第 {row} 行包含超过 {limit} 个单元格，超出工作表一行所能容纳的数量：文件已损坏或被恶意构造以耗尽内存，不予读取。",
    "Sheet {sheet} has data past row {limit} (in {cell}); at most {limit} rows are read.":
        "工作表 {sheet} 在第 {limit} 行之后仍有数据（{cell}）；最多读取 {limit} 行。",
    "Sheet {sheet} has data past column {column} (in {cell}); at most {limit} columns are read.":
        "工作表 {sheet} 在 {column} 列之后仍有数据（{cell}）；最多读取 {limit} 列。",
    "No header row with {headers} in the first 6 rows of any visible sheet; hidden sheets are not read ({sheets}).":
        "所有可见工作表的前 6 行中都没有包含 {headers} 的表头行；隐藏工作表不予读取（{sheets}）。",
    "Hidden sheets are not read ({sheets}).": "隐藏工作表不予读取（{sheets}）。",
    "Skipped hidden sheets: {sheets}.": "跳过隐藏工作表：{sheets}。",
    "Written {path}: {rows} rows, {first} to {last}.": "已写入 {path}：共 {rows} 行，{first} 至 {last}。",
    # Which database: --db and $ROSTERAPP_DB (config.py), and what app.main says of a bug or Ctrl+C.
    "{option} is empty: name a database file or URL.": "{option} 为空：请指定数据库文件或地址。",
    "Not a database URL: {url}": "不是数据库地址：{url}",
    "Not a database URL rosterapp can use: {url}": "rosterapp 无法使用该数据库地址：{url}",
    "An in-memory database keeps nothing once the program ends; name a database file with --db.":
        "内存数据库在程序结束后不会保存任何数据；请用 --db 指定数据库文件。",
    "The PostgreSQL driver is not installed; install it with: pip install 'rosterapp[postgres]'":
        "未安装 PostgreSQL 驱动程序；请用以下命令安装：pip install 'rosterapp[postgres]'",
    "The database driver {driver} is not installed.": "未安装数据库驱动程序 {driver}。",
    "Interrupted.": "已中断。",
    "The window cannot start: system libraries are missing. Install them with: sudo apt install {packages}":
        "无法打开程序窗口：缺少系统库。请安装：sudo apt install {packages}",
    "{path} is not a folder: screenshot --out names the folder for the PNG files.":
        "{path} 不是文件夹：screenshot --out 应指定存放 PNG 文件的文件夹。",
    "Internal error ({error}); the crash report is {path}": "程序内部错误（{error}）；错误报告：{path}",
    "Internal error ({error}); no crash report could be written.": "程序内部错误（{error}）；无法写入错误报告。",
    # The days the program plans (services/dutyday.py).
    "{day} is not a day rosterapp plans: dates run from {first} to {last}.":
        "{day} 不在 rosterapp 可排班的日期范围内：日期须在 {first} 至 {last} 之间。",
    "{first} to {last} is {count} days; a workbook or a print job covers at most {most} days at a time.":
        "{first} 至 {last} 共 {count} 天；一个工作簿或一次打印最多 {most} 天。",
    # Where a workbook or PDF may be written (services/outputs.py), and a write that failed.
    "Name the file to write.": "请指定要写入的文件。",
    "Cannot write {path}: it is a folder; name a file in it.": "无法写入 {path}：这是一个文件夹，请指定其中的文件名。",
    "Cannot write {path}: the folder {folder} does not exist.": "无法写入 {path}：文件夹 {folder} 不存在。",
    "Cannot write {path}: {folder} is not a folder.": "无法写入 {path}：{folder} 不是文件夹。",
    "Cannot write {path}: it is not an ordinary file.": "无法写入 {path}：这不是普通文件。",
    "Cannot write {path}: the folder {folder} is read-only.": "无法写入 {path}：文件夹 {folder} 是只读的。",
    "Cannot write {path}: the file is read-only.": "无法写入 {path}：该文件是只读的。",
    "Cannot write {path}: it is the database in use.": "无法写入 {path}：这是正在使用的数据库。",
    "Cannot write {path}: it is a working file of the database {db}.": "无法写入 {path}：这是数据库 {db} 的工作文件。",
    "Cannot write {path}: it is a backup of the database {db}.": "无法写入 {path}：这是数据库 {db} 的备份。",
    "Cannot write {path}: it is a database file.": "无法写入 {path}：这是一个数据库文件。",
    "Cannot write {path}: it is one of the files being read.": "无法写入 {path}：这是正在读取的文件之一。",
    "Cannot write {path}: permission denied.": "无法写入 {path}：没有权限。",
    "Cannot write {path}: {reason}; {outcome}": "无法写入 {path}：{reason}；{outcome}",
    "the disk is full": "磁盘已满",
    "the disk quota is used up": "磁盘配额已用完",
    "the file is too large for this disk": "文件超出该磁盘允许的大小",
    "the disk reported an error": "磁盘读写出错",
    "the earlier file was kept.": "原有文件保持不变。",
    "nothing was written.": "未写入任何文件。",
    "the PDF came out empty (is the disk full?)": "生成的 PDF 为空（磁盘是否已满？）",
    "the PDF came out incomplete (is the disk full?)": "生成的 PDF 不完整（磁盘是否已满？）",
    "the workbook came out empty (is the disk full?)": "生成的工作簿为空（磁盘是否已满？）",
    "the workbook came out incomplete (is the disk full?)": "生成的工作簿不完整（磁盘是否已满？）",
    # What an import will do, row by row (the dry run's detail lines).
    "Add {label}": "新增 {label}",
    "Update {label}": "更新 {label}",
    "Remove {label}": "删除 {label}",
    "{head}: {fields}": "{head}：{fields}",
    "; ": "；",
    "{name} ({key})": "{name}（{key}）",
    # Shift swaps (换班), stand-ins (替班) and pay-backs (还班): services/swaps.py and `swaps`.
    "A swap takes two people: {name} cannot swap with themselves.": "换班须是两个人：{name} 不能与自己换班。",
    "Name who approved it: one of the station's officers, or someone outside it.":
        "请填写批准人：本站干部，或站外人员。",
    "Only a stand-in (替班) owes a pay-back; this is a {kind}.": "只有替班才需还班；这是一次{kind}。",
    "Say how it was settled.": "请说明如何结清。",
    "The approver's name is longer than {most} characters.": "批准人姓名超过 {most} 个字。",
    "The note is longer than {most} characters.": "说明超过 {most} 个字。",
    "The reason is longer than {most} characters.": "事由超过 {most} 个字。",
    "There is no shift code for a day off (休); add one first.": "没有表示休息的班次代码（休），请先添加。",
    "This stand-in is settled already.": "该替班已经结清。",
    "This swap was changed or paid back since; it was not taken back, so that the later changes stay.":
        "该换班记录此后已被改动或已还班，为保留之后的改动，此步未撤销。",
    "Unknown swap: {name}": "未知换班记录：{name}",
    "owed": "待还",
    "paid back (#{id})": "已还（#{id}）",
    "pays back #{id}": "偿还 #{id}",
    "settled: {note}": "已结清：{note}",
    "{name} has no duty on {day} to give.": "{name} 在 {day} 没有可换出的执勤。",
    "{name} holds a post duty on {day} ({post}): the post board owns that day; change it there.":
        "{name} 在 {day} 有点位勤务（{post}），该日由勤务看板安排，请在那里修改。",
    "{name} is not at {station}: swaps are made between people of one station.":
        "{name} 不在{station}：换班只在同一站的人员之间进行。",
    "No.": "编号",
    "Kind": "类型",
    "Station": "站",
    "Gives": "交出",
    "Day": "日期",
    "Takes": "接班",
    "Day back": "换回日期",
    "Shift": "班次",
    "Reason": "事由",
    "Approved by": "批准人",
    "Status": "状态",
    "No swaps recorded.": "没有换班记录。",
    "{count} swaps, {owed} pay-backs owed.": "共 {count} 条换班记录，待还班 {owed} 次。",
    "{count} pay-backs owed.": "待还班 {count} 次。",
    # Agent loads (执勤实力) and handover records.
    "water load": "载水量",
    "foam load": "载泡沫量",
    "dry powder load": "载干粉量",
    "The {field} must be a number.": "{field}必须是数字。",
    "The {field} must not be negative.": "{field}不能为负数。",
    "The {field} must be at most {most} {unit}.": "{field}不能超过 {most} {unit}。",
    "Not a number: {value}": "不是数字：{value}",
    "{field} is too long: at most {most} characters.": "{field}过长：最多 {most} 个字符。",
    "The time of handover must be a time of day.": "交接时间必须是一天中的时刻。",
    "The handover record of {station} on {day}": "{station} {day} 的交接班记录",
    "{name} is a staff office: it keeps no handover record.": "{name}是支队机关，不填写交接班记录。",
    "{name} was removed by another user since you opened it; nothing was saved.":
        "{name}在您打开后已被其他用户删除，本次未保存。",
    # The duty book's roles (services/dutybook.py).
    "Unknown duty role: {name}": "未知的值班角色：{name}",
    "{role} is a staff office's role, not a station's ({station})": "{role}是支队机关的值班角色，不是消防救援站的（{station}）",
    "{role} is a station's role, not a staff office's ({station})": "{role}是消防救援站的值班角色，不是支队机关的（{station}）",
    "{name} is not of {station}: a {role} is one of its own people": "{name}不是{station}的人员：{role}须由本单位人员担任",
    "{name} is no longer active": "{name}已停用",
    "These duty roles were changed since; the step was not taken back, so that the later changes stay.":
        "这些值班角色此后已被改动，为保留之后的改动，此步未撤销。",
    '--station and --month go with `import roster`.': '--station 和 --month 只用于 `import roster`。',
    'Imported: {cells} cells of {people} people changed, {unchanged} unchanged.': '已导入：{people} 人的 {cells} 个单元格已更改，{unchanged} 个未变。',
    'Dry run: {cells} cells of {people} people would change, {unchanged} unchanged; nothing was written.': '试运行：将更改 {people} 人的 {cells} 个单元格，{unchanged} 个不变；未写入任何内容。',
    'After the import there would be {errors} new errors and {warnings} new warnings.': '导入后将新增 {errors} 个错误、{warnings} 个警告。',
    'After the import there would be {errors} new errors and {warnings} new warnings; {gone} problems would be gone.': '导入后将新增 {errors} 个错误、{warnings} 个警告，消除 {gone} 个问题。',
    'The import added {errors} errors and {warnings} warnings.': '导入新增 {errors} 个错误、{warnings} 个警告。',
    'The import added {errors} errors and {warnings} warnings; {gone} problems are gone.': '导入新增 {errors} 个错误、{warnings} 个警告，消除 {gone} 个问题。',
    "neither the title nor the sheet's name names a station, and there is no 消防救援站 column; give --station": '标题和工作表名称都未写明消防救援站，也没有“消防救援站”列；请用 --station 指定',
    'one absence code per day: {value}': '每天只能有一个请假类代码：{value}',
    'unknown code {code}': '未知代码 {code}',
    'one shift code per day: {value}': '每天只能有一个班次代码：{value}',
    '{absence} is a day away: it holds no {shift}': '{absence} 表示当天不在岗，不能同时排 {shift}',
    '{name} holds post duty {post} that day; a station code is not put beside it': '{name} 当天在点位 {post} 执勤，不能再排站内班次',
    'No visible sheet has a header row with 姓名 and the days of a month (at least {count} day columns) in its first {rows} rows.': '没有哪个可见工作表在前 {rows} 行内有含“姓名”和一个月各日（至少 {count} 个日期列）的表头行。',
    '{count} cells leave out a post duty the person holds; post duties are changed on the post board, so they were kept.': '有 {count} 个单元格未写出该人员当天的点位勤务；点位勤务在点位看板上修改，已保留。',
    'sheet {sheet}': '工作表 {sheet}',
    "neither the title, the sheet's name nor the day columns name the month (e.g. 2027年1月 in the title); give --month": '标题、工作表名称和日期列都未写明月份（例如标题中的 2027年1月）；请用 --month 指定',
    'the day columns': '日期列',
    'no column for {days}': '缺少 {days} 的列',
    'empty: which station?': '为空：是哪个消防救援站？',
    'codes without a name': '有班次代码但没有姓名',
    'no {name} at {station}': '{station}没有 {name}',
    '{count} people named {name} at {station}: {people}; add a 工号 column to tell them apart': '{station}有 {count} 人重名 {name}：{people}；请加“工号”列区分',
    '{name} holds no duty at post {post} on {day}; post duties are set on the post board': '{name} {day} 不在点位 {post} 执勤；点位勤务在点位看板上安排',
    'the day columns name month {month} but no year; write the year in the title (2027年{month}月), or give --month': '日期列写明了 {month} 月但没有年份；请在标题中写明年份（如 2027年{month}月），或用 --month 指定',
    '{value} may be any of {stations}; give --station': '“{value}”可能是 {stations} 中的任何一个；请用 --station 指定',
    'not a day of {year}年{month}月': '不是 {year}年{month}月 的日期',
    '{day} has a column already ({cell})': '{day} 已有一列（{cell}）',
    'the days are out of order: {day} after {previous}': '日期顺序有误：{day} 在 {previous} 之后',
    '{name} is listed twice (also in {cell})': '{name} 出现了两次（另见 {cell}）',
    'no station {name}': '没有消防救援站 {name}',
    '{value} may be any of {stations}': '“{value}”可能是 {stations} 中的任何一个',
    'no one has 工号 {staff}': '没有人的工号是 {staff}',
    '工号 {staff} is {name}, not {given}': '工号 {staff} 是 {name}，不是 {given}',
    '{name} ({staff}) is of {other}, not of {station}': '{name}（{staff}）属于{other}，不属于{station}',
    'a formula, not a code': '是公式，不是班次代码',
    '{value} is no weekday': '“{value}”不是星期',
    '{value}, but {day} is a 周{weekday}': '写的是{value}，但 {day} 是周{weekday}',
    # The 值班表, import and export (services/excel/duty_table.py).
    "export duty-table needs --station or --detachment (one of them).":
        "export duty-table 需要 --station 或 --detachment（二者之一）。",
    "export duty-table needs --month YYYY-MM.": "export duty-table 需要 --month YYYY-MM。",
    "--operation, --from and --to go with the HQ workbook, not with export duty-table.":
        "--operation、--from 和 --to 用于总队工作簿，不用于 export duty-table。",
    "Written {path}: {sheets} sheets, {month}.": "已写入 {path}：{sheets} 个工作表，{month}。",
    "{unit} {day} {role}: {old} → {new}": "{unit} {day} {role}：{old} → {new}",
    "Dry run: {changed} roles would change, {unchanged} unchanged; nothing was written.":
        "试运行：将改动 {changed} 个值班角色，{unchanged} 个不变；未写入任何数据。",
    "Imported: {changed} roles changed, {unchanged} unchanged.": "已导入：改动 {changed} 个值班角色，{unchanged} 个不变。",
    "No sheet with a header row of 日期 and a duty role ({roles}) in its first 10 rows.":
        "没有哪个工作表在前 10 行内有含“日期”和值班角色（{roles}）的表头行。",
    "Hidden sheets are not read: {sheets}.": "隐藏的工作表不读取：{sheets}。",
    "The title names more than one station: {stations}.": "标题中不止一个消防救援站：{stations}。",
    "No days below the header.": "表头下没有日期行。",
    "The month is not said: write the dates as dates (2026-03-01), or name the month in the title "
    "(…2026年3月值班表).": "未说明月份：请把日期写成日期（2026-03-01），或在标题中写明月份（…2026年3月值班表）。",
    "Not a date.": "不是日期。",
    "No date: one row for each day of the month.": "缺少日期：每月每天一行。",
    "Not a weekday (一 … 日, 周一, 星期一).": "不是星期（一 … 日、周一、星期一）。",
    "{name} is not one of the people of {station}.": "{name}不是{station}的人员。",
    "{count} people of {station} are named {name}: {people}; write the 工号 after the name, e.g. {example}.":
        "{station}有 {count} 人名为{name}：{people}；请在姓名后写上工号，如 {example}。",
    "Which station this sheet is for is not said: name the sheet after the station, put the station in its "
    "title, or add a 消防救援站 column.": "未说明本工作表属于哪个消防救援站：请以站名命名工作表、在标题中写明站名，或加一列“消防救援站”。",
    "{day} is not in {month}: one sheet holds one month.": "{day}不在{month}：一个工作表只含一个月。",
    "{day} is not in {month}: one file holds one month.": "{day}不在{month}：一个文件只含一个月。",
    "{day} is here twice (first in row {row}).": "{day}出现了两次（第一次在第 {row} 行）。",
    "{day} is missing: one row for each day of the month.": "缺少{day}：每月每天一行。",
    "{day} is a {weekday}, not a {written}.": "{day}是{weekday}，不是{written}。",
    "{station} is also on sheet {sheet}: one sheet per station.": "{station}也在工作表 {sheet} 中：每个站一个工作表。",
    "{staff_no} is {other}, not {name}.": "工号 {staff_no} 是{other}，不是{name}。",
    "{name} ({position}) is not an officer: a {role} is a 站长, 指导员, 副站长 or one qualified to command.":
        "{name}（{position}）不是干部：{role}须由站长、指导员、副站长或具备指挥员资格者担任。",
    "Duty roster and resource planner for Beijing's six urban fire detachments (北京城六区消防救援支队执勤排班与安保勤务计划).": '北京城六区消防救援支队执勤排班与安保勤务计划。',
    "SQLite file or SQLAlchemy URL (default: $ROSTERAPP_DB, else roster.sqlite3 in the user data directory); never empty or in memory (exit 2); PostgreSQL needs pip install 'rosterapp[postgres]'": "SQLite 文件或 SQLAlchemy 地址（默认：$ROSTERAPP_DB，否则为用户数据目录下的 roster.sqlite3）；不能为空或内存数据库（退出码 2）；PostgreSQL 需先 pip install 'rosterapp[postgres]'",
    'make a new database at --db when the file does not exist (without it a missing --db file is refused, exit 4; `demo` and the default database create it anyway)': '--db 指定的文件不存在时新建数据库（不加此项时，不存在的 --db 文件会被拒绝，退出码 4；`demo` 和默认数据库总会新建）',
    'language (default: from the system locale)': '界面语言（默认：按系统区域设置）',
    'debug logging and tracebacks': '输出调试日志和错误堆栈',
    'fill the database with a realistic, deterministic demo': '向数据库写入逼真、可重复的演示数据',
    'Fill the database with a realistic, deterministic demo: rosters, an operation with posts, vehicles deployed, a few deliberate problems.': '向数据库写入逼真、可重复的演示数据：排班、一项含点位的保卫任务、车辆部署，以及几处有意设置的问题。',
    'small: ~450 people, 31 days; city: 3,000 people, 90 days': 'small：约 450 人、31 天；city：3000 人、90 天',
    'random seed (default 1)': '随机种子（默认 1）',
    'first day (default: first day of this month)': '第一天（默认：本月第一天）',
    'replace the people and plans already there': '替换已有的人员和计划',
    'run every rule and print the problems': '运行全部检查规则并列出问题',
    'Run every checking rule and print the problems. Exit 1 when any problem of severity error is found.': '运行全部检查规则并列出问题。发现任何“错误”级问题时退出码为 1。',
    'one security task (default dates: its dates)': '某一项保卫任务（默认日期：任务的日期）',
    'one detachment: DC, 东城支队 or 东城': '某一个支队：DC、东城支队或东城',
    'first day': '第一天',
    'last day (inclusive)': '最后一天（含）',
    'print JSON instead of a table': '输出 JSON 而不是表格',
    'write shift sheets as PDF, one or more pages per day': '将勤务表写成 PDF，每天一页或多页',
    "Write shift sheets as one PDF: a station's sheet (执勤实力表), a post's sheet or a detachment's summary, for each day from --date to --to.": '将勤务表写成一个 PDF：消防救援站的执勤实力表、点位勤务表或支队汇总，从 --date 到 --to 每天一份。',
    'the PDF file to write': '要写入的 PDF 文件',
    "one station's sheet: 前门 or 前门消防救援站": '某个消防救援站的勤务表：前门或前门消防救援站',
    "one post's sheet, by post code": '某个点位的勤务表，按点位编号',
    "a detachment's summary: DC, 东城支队 or 东城": '支队汇总：DC、东城支队或东城',
    "with --detachment: every station's sheet instead of the summary": '与 --detachment 一起用：输出每个消防救援站的勤务表，而不是汇总',
    'with --post: the security task of the post (default: the latest that has it)': '与 --post 一起用：点位所属的保卫任务（默认：含该点位的最新任务）',
    'last day (inclusive; default: the first)': '最后一天（含；默认：与第一天相同）',
    'render the main views of the window offscreen to PNG files': '在后台把主窗口的各主要视图渲染为 PNG 图片',
    'directory for the PNG files': 'PNG 图片的保存目录',
    'write the HQ workbook, a month roster or a duty table': '导出总队工作簿、月度排班表或值班表',
    "Write the HQ workbook: 汇总 with its chart, 点位方案, 车辆部署, one roster sheet per detachment and 问题清单, print-ready. `export roster` writes a month roster workbook in the clerks' format instead: one sheet per station (--station or --detachment, --month). `export duty-table` writes the 值班表: days × 带班领导, 站内值班, 通信值班, one sheet per station and, for a detachment, its 支队值班领导 and 支队总值班.": '导出总队工作簿：带图表的汇总、点位方案、车辆部署、每个支队一张排班表和问题清单，可直接打印。`export roster` 则按内勤习惯的格式导出月度排班表：每个消防救援站一个工作表（--station 或 --detachment，--month）。`export duty-table` 导出值班表：每天 × 带班领导、站内值班、通信值班，每站一个工作表；导出支队时另含支队值班领导和支队总值班。',
    'roster: the month roster workbook (排班表) of a station or a detachment; duty-table: its duty roles of the month (值班表)': 'roster：消防救援站或支队的月度排班表；duty-table：本月的值班表',
    'the workbook to write': '要写入的工作簿',
    'with roster or duty-table: one station, 前门 or 前门消防救援站': '与 roster 或 duty-table 一起用：某个消防救援站，前门或前门消防救援站',
    'with roster or duty-table: the month': '与 roster 或 duty-table 一起用：月份',
    "one detachment's sub-plan: DC, 东城支队 or 东城": '某个支队的分方案：DC、东城支队或东城',
    'import a register, a sub-plan, a month roster or a duty table, all or nothing': '导入名册、分方案、月度排班表或值班表，要么全部导入，要么不导入',
    "Import 人员名册 (personnel), 车辆登记 (vehicles), a detachment's sub-plan workbook written by export (plan), month roster sheets in the clerks' format (roster: people x days, one sheet per station) or a 值班表 (duty-table: the duty roles of its stations and month become the file's). One bad cell rejects the whole file (exit 3) and every bad cell is listed.": '导入人员名册（personnel）、车辆登记（vehicles）、由导出功能生成的支队分方案（plan）、内勤格式的月度排班表（roster：人员 × 日期，每站一个工作表）或值班表（duty-table：表中各站当月的值班角色以文件为准）。只要有一个单元格有误，整个文件都不导入（退出码 3），并列出每个有误的单元格。',
    'what the file holds': '文件的内容类型',
    'the workbook to read': '要读取的工作簿',
    'report what would change (with roster: each changed cell and the problems it would add) and write nothing': '只报告将要改动的内容（roster：每个改动的单元格及将新增的问题），不写入任何内容',
    'with roster: the station of every sheet, when the file does not name it': '与 roster 一起用：文件未写明时，各工作表所属的消防救援站',
    'with roster: the month of every sheet, when the file does not name it': '与 roster 一起用：文件未写明时，各工作表的月份',
    "merge detachments' sub-plan workbooks into one HQ workbook": '把各支队的分方案合并为一个总队工作簿',
    "Merge the detachments' sub-plan workbooks of one task into the HQ workbook; missing detachments and double bookings are reported.": '把同一任务的各支队分方案合并为总队工作簿；缺少的支队和重复安排都会报告。',
    'the sub-plans': '各支队分方案',
    'shift swaps and the pay-backs still owed': '换班记录及尚未还班的替班',
    'The recorded shift swaps (换班), stand-ins (替班) and pay-backs (还班), oldest day first; --open: the stand-ins still owed a 还班.': '已记录的换班、替班和还班，按日期从早到晚；--open：只列尚未还班的替班。',
    'one station: 前门 or 前门消防救援站': '某个消防救援站：前门或前门消防救援站',
    'only the stand-ins still owed a pay-back': '只列尚未还班的替班',
    "the SQLite file's backups: list them, restore one": 'SQLite 文件的备份：列出备份，恢复其中一个',
    'The copies kept beside the SQLite file: before every migration, at the first open of each day (the last 10 kept) and before every restore.': '保存在 SQLite 文件旁的副本：每次升级数据库之前、每天第一次打开时（保留最近 10 份）以及每次恢复之前。',
    'the backups, the newest first': '列出备份，最新的在前',
    'put a backup in place of the database (the current file is copied aside first)': '用备份替换数据库（先把当前文件另存一份）',
    'the backup to restore (as `backup list` shows it)': '要恢复的备份（按 `backup list` 显示的名称）',
    'number of days, {least} to {most} (default 31 small, 90 city)': '天数，{least} 到 {most}（默认 small 为 31，city 为 90）',
    "exit codes: 0 done; 1 check found errors; 2 usage error; 3 input rejected, or an output that could\nnot be written whole (nothing written, the earlier file kept); 4 database cannot be used (or --db\nnames a missing file: add --create to make it; or a server URL without its driver); 5 permission\ndenied; 70 internal error (a bug: the crash report's path is printed).\nDates run from 2000-01-01 to 2099-12-31; export and print cover at most 366 days. --out never\nnames the database or its -wal/-shm/-journal/.bak files, a folder or a read-only file.\nWithout a command the window opens.": '退出码：0 完成；1 检查发现错误；2 用法错误；3 输入被拒绝，或输出无法完整写入（未写入任何内容，原文件保留）；4 数据库无法使用\n（或 --db 指定的文件不存在：加 --create 新建；或服务器地址缺少驱动）；5 没有权限；70 内部错误（程序缺陷：会给出崩溃报告的路径）。\n日期范围为 2000-01-01 至 2099-12-31；导出和打印最多 366 天。--out 不能是数据库本身或其 -wal/-shm/-journal/.bak 文件、文件夹或只读文件。\n不带命令时打开窗口。',
    'show the version and exit': '显示版本号并退出',
    "propose a fill of a station's empty roster cells; --apply writes it": '为某个消防救援站的空排班单元格生成自动排班提议；加 --apply 写入',
    "Propose 值 and 休 for the empty cells of a station's people over the days, meeting the station's minimum strength (people, a commander, drivers) and the duty leader each day without breaking a rule the checks hold as an error, and sharing duty hours fairly; cells already filled, leave and post days stay. Lists what cannot be filled and why. Without --apply nothing is written.": '为某个消防救援站人员在这些天里的空单元格提议“值”和“休”：每天满足该站的最低执勤力量（人数、指挥员、驾驶员）和带班领导，不违反任何“错误”级检查规则，并公平分摊值班时长；已填的单元格、请假和点位勤务日保持不变。列出无法排满之处及原因。不加 --apply 时不写入任何内容。',
    "last day (inclusive; default: the end of the first day's month)": '最后一天（含；默认：第一天所在月的最后一天）',
    'at most this many seconds of search (default 10)': '最多搜索这么多秒（默认 10）',
    'write the proposal (one edit, as a typed code is)': '写入提议（与手工输入代码一样，是一次修改）',
    '--to is before --from.': '--to 早于 --from。',
    '--time-limit must be a positive number of seconds.': '--time-limit 必须是正的秒数。',
    '{day} {requirement}: {missing} short: {reasons}': '{day} {requirement}：缺 {missing}：{reasons}',
    'Nothing was written (--apply writes the proposal).': '未写入任何内容（加 --apply 写入提议）。',
    'people on duty': '执勤人数',
    'a commander': '指挥员',
    'drivers': '驾驶员',
    'the duty leader': '带班领导',
    'Duty leaders for the days the duty book names none: {leaders}': '为值班簿中未指定带班领导的日子安排带班领导：{leaders}',
    'Unknown weight {part!r}: use fair=N,keep=N,changes=N': '未知的权重 {part!r}：请写 fair=N,keep=N,changes=N（公平、连续性、少改动）',
    'A weight is a whole number from 0 to 10: {part}': '权重是 0 到 10 的整数：{part}',
    '{why}: {names}': '{why}：{names}',
    'on leave': '休假',
    'at a post or on another duty that day': '当天在执勤点位或另有勤务',
    'already entered or not to be changed': '已排班或不在可改范围内',
    'on duty the day before or after (rest)': '前一天或后一天值班（休息时间不足）',
    'would be too many duty days in a row': '会超过连续值班天数',
    'too many duty hours in 7 days': '7 天内值班小时数会超限',
    'free, but the fair share or the rotation kept them off': '有空，但为公平分配或保持轮班未排',
    'Without the qualification ({skill}): {count} people': '不具备资格（{skill}）：{count} 人',
    'command': '指挥员资格',
    'someone the duty book names': '值班表上排定的人员',
    'a staffing that adds no error': '不会带来新错误的人员车辆安排（找到的安排会带来错误）',
    'propose a fill of the empty roster cells, post windows and duty leaders; --apply writes it': '提议填补空白排班、执勤点位班次和带班领导；加 --apply 写入',
    "Propose 值 and 休 for the empty cells of the people of the scope over the days, meeting each station's minimum strength (people, a commander, drivers) and the duty leader each day, and vehicles and crews for the security tasks' post windows that are short, without breaking a rule the checks hold as an error; duties are shared fairly (hours per day a person can serve, weekends, holidays) and each person's usual rotation is kept where it can be. Cells already filled, leave and post days stay (with --unlock 值 and 休 may change). Lists what cannot be filled and why. Without --apply nothing is written.": '为范围内人员在这些天的空白单元格提议 值 和 休，满足每个消防救援站每天的最低执勤力量（人数、指挥员、驾驶员）和带班领导，并为安保任务中人员车辆不足的执勤点位班次安排车辆和人员，不违反任何被检查视为错误的规则；值班公平分配（按每人可值班天数计的小时数、周末、节假日），尽量保持每人惯常的轮班。已有排班、请休假和点位勤务日保持不变（加 --unlock 时 值 和 休 可以改动）。列出无法排满之处及原因。不加 --apply 时不写入任何内容。',
    "a detachment's stations, its staff office and its posts": '一个支队的各消防救援站、支队机关及其执勤点位',
    "a security task's posts and the stations of its detachments (default dates: its dates)": '一项安保任务的执勤点位及其所属支队的各站（默认日期：任务日期）',
    "every station and every task's posts": '全市所有站和所有任务的执勤点位',
    'what to fill (default all three): station duty cells, post windows, duty leaders': '要填补的内容（默认三项都填）：station 站内值班单元格、posts 执勤点位班次、leaders 带班领导',
    'existing 值 and 休 may change too (each change counts against 少改动)': '已有的 值 和 休 也可以改动（每处改动按“少改动”计分）',
    '0–10 each: 公平 fair shares, 连续性 usual rotation kept, 少改动 few changes (default fair=3,keep=1,changes=3)': '每项 0–10：公平（fair）、连续性（keep，保持惯常轮班）、少改动（changes）（默认 fair=3,keep=1,changes=3）',
    'at most this many seconds of search per station (default 10)': '每个站最多搜索的秒数（默认 10）',
    '--fill takes station, posts and leaders, separated by commas: {value}': '--fill 可取 station、posts 和 leaders，用逗号分隔：{value}',
    'Post windows short: {windows}; filled by the proposal: {filled} ({vehicles} vehicles, {people} people); still short: {gaps}.': '人员车辆不足的点位班次：{windows} 个；提议补齐：{filled} 个（车辆 {vehicles} 辆次，人员 {people} 人次）；仍不足：{gaps} 个。',
    'Proposal for {station}, {first} to {last}: {cells} cells filled ({duties} 值, {off} 休); duty hours spread (most − least) {before:g} → {after:g} h; {unfilled} days left short.': '自动排班提议：{station}，{first} 至 {last}：填入 {cells} 个单元格（值 {duties} 个，休 {off} 个）；值班时长差（最多 − 最少）{before:g} → {after:g} 小时；{unfilled} 天无法排满。',
    '{post} {start:%m月%d日 %H:%M}: lacks {missing}: {reasons}': '{post} {start:%m月%d日 %H:%M}：缺少{missing}：{reasons}',
    'Of them {count} change a code already there (--unlock).': '其中 {count} 处改动了已有的班次（--unlock）。',
    "Posts belong to a detachment's plan: --station fills no post windows (use --detachment or --operation).": '执勤点位属于支队的方案：--station 不填补点位班次（请用 --detachment 或 --operation）。',
    'the city': '全市',
    '{requirement}: {reasons}': '{requirement}：{reasons}',
    'already at this window': '已在此班次',
    'No vehicle of type {name} in the register': '车辆登记中没有 {name} 类型的车辆',
    '{requirement}: nobody of the detachment can': '{requirement}：本支队无人可派',
    'on leave ({kind})': '请休假（{kind}）',
    '{minimum:g} h rest not reached': '未满 {minimum:g} 小时休息',
    'elsewhere then ({where})': '当时在别处（{where}）',
    'already planned for another window': '已安排到另一个班次',
    'deactivated': '已停用',
    'in maintenance': '维修保养中',
    'not in service': '不在执勤状态',
    'no 消防车驾驶': '无消防车驾驶资格',
    'not qualified to command': '无指挥员资格',
    'a vehicle': '一辆车',
    'Nobody free holds {qualification}': '没有空闲人员具备{qualification}',
    '{count} more people': '还差 {count} 人',
    'vehicle {name}': '车辆 {name}',
    'people': '人员',
    'one of them back from leave that day': '其中一人当天销假',
    'one of the entries already there changed (or --unlock / “also change existing 值/休”)': '改动一处已有排班（或勾选“也可改动已有的值/休”，命令行加 --unlock）',
    'a duty moved away from the day before or after': '把前一天或后一天的一个值班挪开',
    'fewer duty hours in the days around it': '减少前后几天的值班小时数',
    'a day off inside the run of duties': '在连续值班中安排一天休息',
    'a post duty moved to another day': '把一项点位勤务挪到别的日期',
    'one more person of the station who holds it (or lent from another station)': '站里再有一名具备该资格的人员（或从别的站借调）',
    'Fillable with: {ways}': '可排满的办法：{ways}',
    'Written: {cells} cells, {roles} duty roles and {windows} post windows.': '已写入：{cells} 个单元格，{roles} 个值班岗位，{windows} 个点位班次。',
    'Other duty roles the duty book left empty, from who is on duty: {roles}': '值班表中空着的其他值班岗位，按当天在岗人员安排：{roles}',
    # Server mode: `server init`, `users ...` (cli.py, services/server.py, services/users.py).
    "Server mode is ready on {database}: {tables} tables under row-level security, groups rosterapp_admin, rosterapp_hq, rosterapp_clerk and rosterapp_viewer; {admin} is its administrator.":
        "服务器模式已在 {database} 上就绪：{tables} 张表启用行级安全策略，用户组 rosterapp_admin、rosterapp_hq、rosterapp_clerk 和 rosterapp_viewer；管理员为 {admin}。",
    "server mode on PostgreSQL: prepare a shared database": "PostgreSQL 服务器模式：准备共享数据库",
    "Server mode: many clerks work on one PostgreSQL database, each with a login of their own. The database itself enforces who may write what.":
        "服务器模式：多名内勤在同一个 PostgreSQL 数据库上工作，每人使用自己的登录名。谁可以修改哪些数据，由数据库本身强制执行。",
    "prepare a PostgreSQL database: schema, reference data, roles, policies": "准备 PostgreSQL 数据库：表结构、基础数据、角色、安全策略",
    "Prepare a PostgreSQL database for server mode: the schema and reference data, the group roles rosterapp_admin, rosterapp_hq, rosterapp_clerk and rosterapp_viewer, their grants and the row-level security that keeps each clerk to their own detachment's rows. Run it as the database's owner (or a superuser), who becomes its first administrator; run it again after an upgrade. The password comes from ~/.pgpass or $PGPASSWORD, or the URL.":
        "为服务器模式准备 PostgreSQL 数据库：表结构和基础数据，用户组 rosterapp_admin、rosterapp_hq、rosterapp_clerk 和 rosterapp_viewer 及其权限，以及把每名内勤限制在本支队数据上的行级安全策略。请以数据库所有者（或超级用户）身份运行，运行者即为第一个管理员；程序升级后请再运行一次。密码取自 ~/.pgpass、$PGPASSWORD 或 URL。",
    "the database: postgresql+psycopg://USER@HOST[:PORT]/NAME": "数据库：postgresql+psycopg://用户@主机[:端口]/库名",
    "the users of a server: add, list, disable, change a password": "服务器的用户：添加、列出、停用、修改密码",
    "The users of a server (--db postgresql+psycopg://LOGIN@HOST/NAME, connecting as LOGIN): each is a PostgreSQL login. admin manages users, hq writes every detachment's rows, clerk only their own detachment's, viewer reads. Passwords are asked for twice (not shown) or read from standard input with --password-stdin; never given as an argument.":
        "服务器的用户（--db postgresql+psycopg://登录名@主机/库名，以该登录名连接）：每个用户是一个 PostgreSQL 登录角色。admin 管理用户，hq 可修改所有支队的数据，clerk 只能修改本支队的数据，viewer 只读。密码须输入两次（不显示），或用 --password-stdin 从标准输入读取；不能作为参数给出。",
    "add a user (admin only)": "添加用户（仅限管理员）",
    "the login: letters, digits, _ and ., at most 63": "登录名：字母、数字、_ 和 .，最多 63 个字符",
    "admin: manages users; hq: writes everything; clerk: writes their detachment's rows; viewer: reads":
        "admin：管理用户；hq：可修改全部数据；clerk：只能修改本支队的数据；viewer：只读",
    "a clerk's detachment: DC, 东城支队 or 东城": "内勤所属支队：DC、东城支队或东城",
    "read the password from the first line of standard input": "从标准输入的第一行读取密码",
    "the users of this database": "本数据库的用户",
    "a user may no longer log in (admin only)": "停用用户，使其不能再登录（仅限管理员）",
    "the login": "登录名",
    "change a password: your own, or (admin) anyone's": "修改密码：本人的密码，或（管理员）任何用户的密码",
    "read the new password from the first line of standard input": "从标准输入的第一行读取新密码",
    "The password is empty; nothing was changed.": "密码为空，未作任何改动。",
    "Users belong to server mode: --db must name a PostgreSQL server (postgresql+psycopg://...). A SQLite file is one desk, without users.":
        "用户只用于服务器模式：--db 必须指向 PostgreSQL 服务器（postgresql+psycopg://...）。SQLite 文件供单机使用，没有用户。",
    "Server mode needs a PostgreSQL database (postgresql+psycopg://...).": "服务器模式需要 PostgreSQL 数据库（postgresql+psycopg://...）。",
    "Tables this version has no rule for, left read-only: {tables}": "本版本没有规则的表，已设为只读：{tables}",
    "Password for {name}: ": "{name} 的密码：",
    "The same password again: ": "再输入一次密码：",
    "There is no terminal to ask for the password: give it on standard input with --password-stdin.":
        "没有可输入密码的终端：请加上 --password-stdin，从标准输入提供密码。",
    "A clerk writes the rows of one detachment: name it with --detachment (DC, 东城支队 or 东城).":
        "内勤只能修改一个支队的数据：请用 --detachment 指定支队（DC、东城支队或东城）。",
    "Only a clerk has a detachment; a user of role {role} is added without --detachment.":
        "只有内勤（clerk）属于某个支队；添加 {role} 角色的用户时不要加 --detachment。",
    "Added {name}: {role}{detachment}.": "已添加 {name}：{role}{detachment}。",
    "The two passwords differ; nothing was changed.": "两次输入的密码不一致，未作任何改动。",
    "{name} is disabled: the login can no longer log in.": "{name} 已停用：该登录名不能再登录。",
    "The password of {name} is changed.": "{name} 的密码已修改。",
    "disabled": "已停用",
    "Login": "登录名",
    "Role": "角色",
    "Detachment": "支队",
    "Disabled": "停用",
    "Created": "创建时间",
    "A user name is 1 to 63 letters (a–z, A–Z), digits, _ or . : {name} is not one.":
        "用户名须为 1 至 63 个字母（a–z、A–Z）、数字、_ 或 .：{name} 不符合。",
    "Unknown role: {role} (admin, hq, clerk or viewer).": "未知角色：{role}（可选 admin、hq、clerk 或 viewer）。",
    "There is no user {name} in this database.": "本数据库中没有用户 {name}。",
    "Permission denied: only an administrator adds users.": "没有权限：只有管理员可以添加用户。",
    "There is already a login named {name} on this server; choose another name.": "服务器上已有名为 {name} 的登录名，请换一个名字。",
    "Permission denied: only an administrator disables users.": "没有权限：只有管理员可以停用用户。",
    "You cannot disable your own login; another administrator can.": "不能停用自己的登录名；可由另一名管理员停用。",
    "Permission denied: you may change your own password only; an administrator changes another user's.":
        "没有权限：您只能修改自己的密码；其他用户的密码由管理员修改。",
    "This database is not prepared for server mode; its owner runs `rosterapp server init URL` first.":
        "该数据库尚未准备好服务器模式；请数据库所有者先运行 `rosterapp server init URL`。",
    "Permission denied: only an administrator manages the users of this server.": "没有权限：只有管理员可以管理本服务器的用户。",
    "server init needs the database's owner with the right to create roles (CREATEROLE), or a superuser; {login} is neither.":
        "server init 需要由有权创建角色（CREATEROLE）的数据库所有者或超级用户运行；{login} 两者都不是。",
    "You may not change another detachment's data.": "无权修改其他支队的数据。",
    "Only headquarters may change this ({table}).": "只有总队账号可以修改这些数据（{table}）。",
    "The login {login} may only read; nothing was changed.": "账号 {login} 只能查看，未做任何修改。",
    "The server refused the login: the user name or the password is wrong.": "服务器拒绝登录：用户名或密码错误。",
    "The server refused the login: this user is disabled or may not use this database.":
        "服务器拒绝登录：该用户已停用，或无权使用此数据库。",
    "The server refused the login: this user may not use this database.": "服务器拒绝登录：该用户无权使用此数据库。",
    "{cells} was changed by {who} after you saw it; nothing was written. The grid shows it as it is now; Edit ▸ Re-apply my edit (Ctrl+Alt+R) writes yours over it.":
        "{cells}在您看到之后已被 {who} 修改，本次未写入任何内容。表格已显示其最新内容；如仍以您的修改为准，请用 编辑 ▸ 重新应用我的修改（Ctrl+Alt+R）。",
    " and {count} more": " 等 {count} 处",
    "{name} already holds a duty then ({where}, {start} – {end}, written by {who}); nothing was changed.":
        "{name}该时段已有勤务（{where}，{start} – {end}，由 {who} 填写），未做任何修改。",
    "station duty": "站内执勤",
    "Someone else saved this record at the same moment; nothing of yours was saved. Open it again to see their changes.":
        "有人在同一时刻保存了这条记录，您的内容未保存。请重新打开以查看对方的修改。",
    "Another clerk was writing the same rows at the same moment; nothing was changed. Try again.":
        "另一位文员正在同时修改相同的数据，本次未做任何修改，请重试。",
    "The connection to the server {path} was lost; nothing was changed. Try again when it is back.":
        "与服务器 {path} 的连接已断开，本次未做任何修改。连接恢复后请重试。",
}


def system_language() -> str:
    """zh_CN for a Chinese system locale, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    loc = locale.getlocale()[0] or ""
    return "zh_CN" if loc.lower().startswith("zh") else "en"


def set_language(lang: str) -> None:
    global _language
    _language = "zh_CN" if lang.lower().startswith("zh") else "en"


def language() -> str:
    return _language


def tr(text: str, **values) -> str:
    """``text`` in the current language, formatted with ``values``."""
    if _language == "zh_CN":
        text = ZH.get(text, text)
    return text.format(**values) if values else text
