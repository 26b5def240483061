"""Headless subcommands (spec/cli.md). The window is opened by rosterapp.ui, not here."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import sys
import time
import unicodedata
from pathlib import Path

from rosterapp import __version__
from rosterapp.config import check_driver, named_db_file, resolve_db_url
from rosterapp.db import LOCK_WAIT_S, WRITER, Database, DatabaseUnusable, WriterLock, open_database
from rosterapp.errors import EXIT_CHECK_ERRORS, EXIT_OK, InputRejected, UsageError
from rosterapp.i18n import language, tr
from rosterapp.services import dutyday
from rosterapp.services.demo import MAX_DAYS, MIN_DAYS

EPILOG = """\
exit codes: 0 done; 1 check found errors; 2 usage error; 3 input rejected, or an output that could
not be written whole (nothing written, the earlier file kept); 4 database cannot be used (or --db
names a missing file: add --create to make it; or a server URL without its driver); 5 permission
denied; 70 internal error (a bug: the crash report's path is printed).
Dates run from 2000-01-01 to 2099-12-31; export and print cover at most 366 days. --out never
names the database or its -wal/-shm/-journal/.bak files, a folder or a read-only file.
Without a command the window opens."""


FILL_KINDS = ("station", "posts", "leaders")  # autofill --fill (services.autofill.FILLS)


def parse_date(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD dates (a bad date is a usage error, exit 2)."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("Invalid date: {value} (expected YYYY-MM-DD).", value=text)) from None
    reason = dutyday.day_reason(day)
    if reason:
        raise argparse.ArgumentTypeError(reason)
    return day


def parse_month(text: str) -> dt.date:
    """argparse type for YYYY-MM months: the month's first day (a bad month is a usage error, exit 2)."""
    try:
        day = dt.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise argparse.ArgumentTypeError(tr("Invalid month: {value} (expected YYYY-MM).", value=text)) from None
    reason = dutyday.day_reason(day)
    if reason:
        raise argparse.ArgumentTypeError(reason)
    return day


def demo_days(text: str) -> int:
    """argparse type for ``demo --days``: a whole number of days the demo can be made of (exit 2 otherwise)."""
    try:
        days = int(text)
    except ValueError:
        days = None
    if days is None or not MIN_DAYS <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(tr("The demo covers {least} to {most} days, not {value}.",
                                            least=MIN_DAYS, most=MAX_DAYS, value=text))
    return days


class Parser(argparse.ArgumentParser):
    """argparse with spec/cli.md's error style: one clear line on stderr, exit 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (--help)\n")


def language_argument(argv: list[str]) -> str | None:
    """The value of --lang, read before parsing so that parsing errors are in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


# argparse's own words (usage:, options, its error messages), in Chinese when the user's language is: argparse
# looks each up through its module's ``_`` (gettext) when it formats, so that one name is set before parsing.
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值：%(value)r（可选：%(choices)s）",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "ignored explicit argument %r": "忽略了显式给出的值 %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _argparse_words() -> None:
    import gettext

    if language().startswith("zh"):
        argparse._ = lambda text: ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]
    else:
        argparse._ = gettext.gettext  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    """The command line, its help in the user's language (set before this is called)."""
    _argparse_words()
    parser = Parser(
        prog="rosterapp",
        description=tr("Duty roster and resource planner for Beijing's six urban fire detachments "
                    "(北京城六区消防救援支队执勤排班与安保勤务计划)."),
        epilog=tr(EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help=tr("SQLite file or SQLAlchemy URL (default: $ROSTERAPP_DB, else roster.sqlite3 "
                             "in the user data directory); never empty or in memory (exit 2); PostgreSQL "
                             "needs pip install 'rosterapp[postgres]'"))
    parser.add_argument("--create", action="store_true",
                        help=tr("make a new database at --db when the file does not exist (without it a missing "
                             "--db file is refused, exit 4; `demo` and the default database create it anyway)"))
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=tr("language (default: from the system locale)"))
    parser.add_argument("--debug", action="store_true", help=tr("debug logging and tracebacks"))
    parser.add_argument("--version", action="version", version=f"rosterapp {__version__}",
                        help=tr("show the version and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    demo = sub.add_parser("demo", help=tr("fill the database with a realistic, deterministic demo"),
                          description=tr("Fill the database with a realistic, deterministic demo: rosters, "
                                      "an operation with posts, vehicles deployed, a few deliberate problems."))
    demo.add_argument("--scale", choices=["small", "city"], default="small",
                      help=tr("small: ~450 people, 31 days; city: 3,000 people, 90 days"))
    demo.add_argument("--seed", type=int, default=1, help=tr("random seed (default 1)"))
    demo.add_argument("--start", type=parse_date, help=tr("first day (default: first day of this month)"))
    demo.add_argument("--days", type=demo_days,
                      help=tr("number of days, {least} to {most} (default 31 small, 90 city)", least=MIN_DAYS, most=MAX_DAYS))
    demo.add_argument("--replace", action="store_true", help=tr("replace the people and plans already there"))

    check = sub.add_parser("check", help=tr("run every rule and print the problems"),
                           description=tr("Run every checking rule and print the problems. Exit 1 when any "
                                       "problem of severity error is found."))
    check.add_argument("--operation", metavar="ID|NAME", help=tr("one security task (default dates: its dates)"))
    check.add_argument("--detachment", metavar="CODE|NAME", help=tr("one detachment: DC, 东城支队 or 东城"))
    check.add_argument("--from", dest="first", type=parse_date, metavar="YYYY-MM-DD", help=tr("first day"))
    check.add_argument("--to", dest="last", type=parse_date, metavar="YYYY-MM-DD", help=tr("last day (inclusive)"))
    check.add_argument("--json", action="store_true", help=tr("print JSON instead of a table"))

    sheets = sub.add_parser("print", help=tr("write shift sheets as PDF, one or more pages per day"),
                            description=tr("Write shift sheets as one PDF: a station's sheet (执勤实力表), a post's "
                                        "sheet or a detachment's summary, for each day from --date to --to."))
    sheets.add_argument("--out", required=True, metavar="FILE.pdf", help=tr("the PDF file to write"))
    target = sheets.add_mutually_exclusive_group(required=True)
    target.add_argument("--station", metavar="NAME", help=tr("one station's sheet: 前门 or 前门消防救援站"))
    target.add_argument("--post", metavar="CODE", help=tr("one post's sheet, by post code"))
    target.add_argument("--detachment", metavar="CODE|NAME", help=tr("a detachment's summary: DC, 东城支队 or 东城"))
    sheets.add_argument("--all-stations", action="store_true",
                        help=tr("with --detachment: every station's sheet instead of the summary"))
    sheets.add_argument("--operation", metavar="ID|NAME",
                        help=tr("with --post: the security task of the post (default: the latest that has it)"))
    sheets.add_argument("--date", required=True, type=parse_date, metavar="YYYY-MM-DD", help=tr("first day"))
    sheets.add_argument("--to", dest="last", type=parse_date, metavar="YYYY-MM-DD",
                        help=tr("last day (inclusive; default: the first)"))

    shot = sub.add_parser("screenshot", help=tr("render the main views of the window offscreen to PNG files"))
    shot.add_argument("--out", required=True, metavar="DIR", help=tr("directory for the PNG files"))

    export = sub.add_parser("export", help=tr("write the HQ workbook, a month roster or a duty table"),
                            description=tr("Write the HQ workbook: 汇总 with its chart, 点位方案, 车辆部署, one roster "
                                        "sheet per detachment and 问题清单, print-ready. `export roster` writes "
                                        "a month roster workbook in the clerks' format instead: one sheet per "
                                        "station (--station or --detachment, --month). `export duty-table` writes "
                                        "the 值班表: days × 带班领导, 站内值班, 通信值班, one sheet per station and, "
                                        "for a detachment, its 支队值班领导 and 支队总值班."))
    export.add_argument("kind", nargs="?", choices=["roster", "duty-table"],
                        help=tr("roster: the month roster workbook (排班表) of a station or a detachment; duty-table: "
                             "its duty roles of the month (值班表)"))
    export.add_argument("--out", required=True, metavar="FILE.xlsx", help=tr("the workbook to write"))
    export.add_argument("--station", metavar="NAME",
                        help=tr("with roster or duty-table: one station, 前门 or 前门消防救援站"))
    export.add_argument("--month", type=parse_month, metavar="YYYY-MM", help=tr("with roster or duty-table: the month"))
    export.add_argument("--operation", metavar="ID|NAME", help=tr("one security task (default dates: its dates)"))
    export.add_argument("--detachment", metavar="CODE|NAME", help=tr("one detachment's sub-plan: DC, 东城支队 or 东城"))
    export.add_argument("--from", dest="first", type=parse_date, metavar="YYYY-MM-DD", help=tr("first day"))
    export.add_argument("--to", dest="last", type=parse_date, metavar="YYYY-MM-DD", help=tr("last day (inclusive)"))

    imp = sub.add_parser("import", help=tr("import a register, a sub-plan, a month roster or a duty table, all or "
                                        "nothing"),
                         description=tr("Import 人员名册 (personnel), 车辆登记 (vehicles), a detachment's sub-plan "
                                     "workbook written by export (plan), month roster sheets in the clerks' format "
                                     "(roster: people x days, one sheet per station) or a 值班表 (duty-table: the "
                                     "duty roles of its stations and month become the file's). One bad cell rejects "
                                     "the whole file (exit 3) and every bad cell is listed."))
    imp.add_argument("kind", choices=["personnel", "vehicles", "plan", "roster", "duty-table"],
                     help=tr("what the file holds"))
    imp.add_argument("file", metavar="FILE.xlsx", help=tr("the workbook to read"))
    imp.add_argument("--dry-run", action="store_true",
                     help=tr("report what would change (with roster: each changed cell and the problems it would "
                          "add) and write nothing"))
    imp.add_argument("--force", action="store_true",
                     help=tr("with plan: import a workbook older than the sub-plan's current version (or one "
                             "without a version) all the same"))
    imp.add_argument("--station", metavar="NAME",
                     help=tr("with roster: the station of every sheet, when the file does not name it"))
    imp.add_argument("--month", type=parse_month, metavar="YYYY-MM",
                     help=tr("with roster: the month of every sheet, when the file does not name it"))

    merge = sub.add_parser("merge", help=tr("merge detachments' sub-plan workbooks into one HQ workbook"),
                           description=tr("Merge the detachments' sub-plan workbooks of one task into the HQ "
                                       "workbook; missing detachments and double bookings are reported."))
    merge.add_argument("--out", required=True, metavar="FILE.xlsx", help=tr("the workbook to write"))
    merge.add_argument("workbooks", nargs="+", metavar="WORKBOOK.xlsx", help=tr("the sub-plans"))

    fill = sub.add_parser("autofill", help=tr("propose a fill of the empty roster cells, post windows and duty leaders; "
                                              "--apply writes it"),
                          description=tr("Propose 值 and 休 for the empty cells of the people of the scope over the "
                                         "days, meeting each station's minimum strength (people, a commander, "
                                         "drivers) and the duty leader each day, and vehicles and crews for the "
                                         "security tasks' post windows that are short, without breaking a rule "
                                         "the checks hold as an error; duties are shared fairly (hours per day a "
                                         "person can serve, weekends, holidays) and each person's usual rotation "
                                         "is kept where it can be. Cells already filled, leave and post days "
                                         "stay (with --unlock 值 and 休 may change). Lists what cannot be filled "
                                         "and why. Without --apply nothing is written."))
    where = fill.add_mutually_exclusive_group(required=True)
    where.add_argument("--station", metavar="NAME", help=tr("one station: 前门 or 前门消防救援站"))
    where.add_argument("--detachment", metavar="CODE|NAME",
                       help=tr("a detachment's stations, its staff office and its posts"))
    where.add_argument("--operation", metavar="ID|NAME",
                       help=tr("a security task's posts and the stations of its detachments (default dates: "
                               "its dates)"))
    where.add_argument("--city", action="store_true", help=tr("every station and every task's posts"))
    fill.add_argument("--from", dest="first", type=parse_date, metavar="YYYY-MM-DD",
                      help=tr("first day (default: first day of this month)"))
    fill.add_argument("--to", dest="last", type=parse_date, metavar="YYYY-MM-DD",
                      help=tr("last day (inclusive; default: the end of the first day's month)"))
    fill.add_argument("--fill", default=",".join(FILL_KINDS), metavar="station,posts,leaders",
                      help=tr("what to fill (default all three): station duty cells, post windows, duty leaders"))
    fill.add_argument("--unlock", action="store_true",
                      help=tr("existing 值 and 休 may change too (each change counts against 少改动)"))
    fill.add_argument("--weights", default="", metavar="fair=N,keep=N,changes=N",
                      help=tr("0–10 each: 公平 fair shares, 连续性 usual rotation kept, 少改动 few changes "
                              "(default fair=3,keep=1,changes=3)"))
    fill.add_argument("--time-limit", type=float, default=10.0, metavar="S",
                      help=tr("at most this many seconds of search per station (default 10)"))
    fill.add_argument("--seed", type=int, default=1, help=tr("random seed (default 1)"))
    fill.add_argument("--apply", action="store_true", help=tr("write the proposal (one edit, as a typed code is)"))
    fill.add_argument("--json", action="store_true", help=tr("print JSON instead of a table"))

    swaps = sub.add_parser("swaps", help=tr("shift swaps and the pay-backs still owed"),
                           description=tr("The recorded shift swaps (换班), stand-ins (替班) and pay-backs (还班), "
                                       "oldest day first; --open: the stand-ins still owed a 还班."))
    swaps.add_argument("--station", metavar="NAME", help=tr("one station: 前门 or 前门消防救援站"))
    swaps.add_argument("--open", action="store_true", help=tr("only the stand-ins still owed a pay-back"))
    swaps.add_argument("--json", action="store_true", help=tr("print JSON instead of a table"))

    backup = sub.add_parser("backup", help=tr("the SQLite file's backups: list them, restore one"),
                            description=tr("The copies kept beside the SQLite file: before every migration, at the "
                                        "first open of each day (the last 10 kept) and before every restore."))
    backup_sub = backup.add_subparsers(dest="backup_command", metavar="list|restore", required=True,
                                       parser_class=Parser)
    backup_sub.add_parser("list", help=tr("the backups, the newest first"))
    restore = backup_sub.add_parser("restore", help=tr("put a backup in place of the database (the current file is "
                                                    "copied aside first)"))
    restore.add_argument("file", metavar="FILE", help=tr("the backup to restore (as `backup list` shows it)"))
    add_server_commands(sub)
    add_plan_commands(sub)
    return parser


def add_plan_commands(sub) -> None:
    """`audit` and `plan submit|approve|return|reopen|status|diff`."""
    audit = sub.add_parser("audit", help=tr("the audit log: who changed what, when, before and after"),
                           description=tr("Every change the database took, newest first: when, who, the edit it "
                                          "belonged to, the record and its fields before and after."))
    audit.add_argument("--from", dest="start", type=parse_date, metavar="YYYY-MM-DD",
                       help=tr("changes made on or after this day"))
    audit.add_argument("--to", dest="end", type=parse_date, metavar="YYYY-MM-DD",
                       help=tr("changes made on or before this day"))
    audit.add_argument("--user", metavar="USER", help=tr("changes made by this user (desk or login)"))
    audit.add_argument("--limit", type=int, default=200, metavar="N", help=tr("at most N entries (default 200)"))
    audit.add_argument("--json", action="store_true", help=tr("print JSON instead of a table"))

    plan = sub.add_parser("plan", help=tr("sub-plans of a task: submit, approve, return, reopen, status, diff"),
                          description=tr("Each detachment's sub-plan (分方案) of a task: a clerk submits it (a "
                                         "version is frozen); headquarters approves it (its posts, windows, crews "
                                         "and deployments are then locked), returns it with a comment, or reopens "
                                         "it. status: every detachment's state; diff: two versions compared "
                                         "(default: the latest submitted version against the current draft)."))
    plan.add_argument("plan_command", choices=["submit", "approve", "return", "reopen", "status", "diff"],
                      metavar="submit|approve|return|reopen|status|diff")
    plan.add_argument("--operation", required=True, metavar="NAME|ID", help=tr("the security task"))
    plan.add_argument("--detachment", metavar="CODE|NAME", help=tr("the detachment: DC, 东城支队 or 东城"))
    plan.add_argument("--comment", default="", metavar="TEXT", help=tr("a comment (required to return)"))
    plan.add_argument("--from-version", type=int, metavar="N", help=tr("diff: the older version"))
    plan.add_argument("--to-version", type=int, metavar="M", help=tr("diff: the newer version (default: the draft)"))
    plan.add_argument("--json", action="store_true", help=tr("print JSON instead of a table"))


def add_server_commands(sub) -> None:
    """`server init URL` and `users add|list|disable|passwd` (server mode on PostgreSQL)."""
    server = sub.add_parser("server", help=tr("server mode on PostgreSQL: prepare a shared database"),
                            description=tr("Server mode: many clerks work on one PostgreSQL database, each with a "
                                           "login of their own. The database itself enforces who may write what."))
    server_sub = server.add_subparsers(dest="server_command", metavar="init", required=True, parser_class=Parser)
    init = server_sub.add_parser(
        "init", help=tr("prepare a PostgreSQL database: schema, reference data, roles, policies"),
        description=tr("Prepare a PostgreSQL database for server mode: the schema and reference data, the group "
                       "roles rosterapp_admin, rosterapp_hq, rosterapp_clerk and rosterapp_viewer, their grants and "
                       "the row-level security that keeps each clerk to their own detachment's rows. Run it as "
                       "the database's owner (or a superuser), who becomes its first administrator; run it again "
                       "after an upgrade. The password comes from ~/.pgpass or $PGPASSWORD, or the URL."))
    init.add_argument("url", metavar="URL", help=tr("the database: postgresql+psycopg://USER@HOST[:PORT]/NAME"))

    users = sub.add_parser("users", help=tr("the users of a server: add, list, disable, change a password"),
                           description=tr("The users of a server (--db postgresql+psycopg://LOGIN@HOST/NAME, "
                                          "connecting as LOGIN): each is a PostgreSQL login. admin manages users, "
                                          "hq writes every detachment's rows, clerk only their own detachment's, "
                                          "viewer reads. Passwords are asked for twice (not shown) or read from "
                                          "standard input with --password-stdin; never given as an argument."))
    users_sub = users.add_subparsers(dest="users_command", metavar="add|list|disable|passwd", required=True,
                                     parser_class=Parser)
    add = users_sub.add_parser("add", help=tr("add a user (admin only)"))
    add.add_argument("name", metavar="NAME", help=tr("the login: letters, digits, _ and ., at most 63"))
    add.add_argument("--role", required=True, choices=["admin", "hq", "clerk", "viewer"],
                     help=tr("admin: manages users; hq: writes everything; clerk: writes their detachment's rows; "
                             "viewer: reads"))
    add.add_argument("--detachment", metavar="CODE|NAME", help=tr("a clerk's detachment: DC, 东城支队 or 东城"))
    add.add_argument("--password-stdin", action="store_true",
                     help=tr("read the password from the first line of standard input"))
    users_sub.add_parser("list", help=tr("the users of this database"))
    disable = users_sub.add_parser("disable", help=tr("a user may no longer log in (admin only)"))
    disable.add_argument("name", metavar="NAME", help=tr("the login"))
    passwd = users_sub.add_parser("passwd", help=tr("change a password: your own, or (admin) anyone's"))
    passwd.add_argument("name", metavar="NAME", help=tr("the login"))
    passwd.add_argument("--password-stdin", action="store_true",
                        help=tr("read the new password from the first line of standard input"))


def output_path(args: argparse.Namespace, *, inputs: list[str] = ()) -> Path:
    """``--out``, refused before any work when it names the database (or its working or backup files), a
    folder, a missing folder or something read-only: every command that writes a file asks here."""
    from rosterapp.services.outputs import check_output

    return check_output(args.out, database=resolve_db_url(args.db), inputs=inputs)


def open_db(args: argparse.Namespace, *, create: bool = False, lock: str | None = None) -> Database:
    """The database of ``--db``: a SQLite file named there (or by $ROSTERAPP_DB) that does not exist is
    refused with DatabaseMissing unless ``--create``, ``create`` or the `demo` command makes it; the
    default database is made on first use (spec/cli.md)."""
    url = resolve_db_url(args.db)
    check_driver(url)
    create = create or args.create or args.command == "demo" or named_db_file(args.db) is None
    return open_database(url, create=create, lock=lock)


def cmd_demo(args: argparse.Namespace) -> int:
    from rosterapp.services import demo

    db = open_db(args, lock=WRITER)
    started = time.perf_counter()
    start = args.start or dutyday.today().replace(day=1)
    stats = demo.generate(db, scale=args.scale, seed=args.seed, start=start, days=args.days,
                          replace=args.replace)
    print(tr("Demo written: {people} people, {vehicles} vehicles, {duties} roster entries, {posts} posts "
             "({seconds:.1f} s).", seconds=time.perf_counter() - started, **stats.as_dict()))
    db.dispose()
    return EXIT_OK


def _width(text: str) -> int:
    """Columns a text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain text table whose columns line up with Chinese text too; the last column is not padded."""
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    from rosterapp.services.check import report_json, resolve_scope, run_check
    from rosterapp.services.rules import message
    from rosterapp.services.rules.problem import rule_name, severity_name

    db = open_db(args)
    lang = language()
    with db.read() as session:
        scope = resolve_scope(session, operation=args.operation, detachment=args.detachment,
                              first=args.first, last=args.last)
        report = run_check(session, scope)
    db.dispose()
    if args.json:
        print(json.dumps(report_json(report, lang), ensure_ascii=False, indent=1))
    else:
        headers = [tr("Severity"), tr("Rule"), tr("Start"), tr("End"), tr("Problem")]
        rows = [[severity_name(p.severity, lang), rule_name(p.rule, lang), p.start.strftime("%Y-%m-%d %H:%M"),
                 p.end.strftime("%Y-%m-%d %H:%M"), message(p, lang)] for p in report.problems]
        title = tr("Checked {first} to {last}", first=scope.first, last=scope.last)
        if scope.operation:
            title += f" · {scope.operation.name}"
        if scope.detachment:
            title += f" · {scope.detachment.name}"
        print(title)
        if rows:
            print(format_table(headers, rows))
        counts = report.counts()
        print(tr("{error} errors, {warning} warnings, {info} notes.", **counts))
    return EXIT_CHECK_ERRORS if report.has_errors() else EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    from rosterapp.reports.batch import resolve_request
    from rosterapp.ui.printing.pdf import export_pdf  # Qt paints the pages; only this command needs it

    if args.all_stations and not args.detachment:
        raise UsageError(tr("--all-stations goes with --detachment."))
    if args.operation and not args.post:
        raise UsageError(tr("--operation goes with --post."))
    out = output_path(args)
    db = open_db(args)
    try:
        with db.read() as session:
            request = resolve_request(session, first=args.date, last=args.last, station=args.station,
                                      post=args.post, detachment=args.detachment, operation=args.operation,
                                      all_stations=args.all_stations)
        _batch, result = export_pdf(db, request, out)
    finally:
        db.dispose()
    print(tr("Written {path}: {sheets} sheets, {pages} pages.", path=args.out, sheets=result.documents,
             pages=result.pages))
    return EXIT_OK


COMMANDS = {"demo": cmd_demo, "check": cmd_check, "print": cmd_print}


def run(args: argparse.Namespace) -> int:
    """Run one headless command; UserError and database errors are turned into exit codes by app.main."""
    handler = COMMANDS[args.command]
    result = handler(args)
    sys.stdout.flush()
    return result


def cmd_export(args: argparse.Namespace) -> int:
    if args.kind == "roster":
        return cmd_export_roster(args)
    if args.kind == "duty-table":
        return cmd_export_duty_table(args)
    if args.station or args.month:
        raise UsageError(tr("--station and --month go with `export roster`."))
    from rosterapp.services.check import resolve_scope
    from rosterapp.services.excel.export import export_workbook

    out = output_path(args)
    db = open_db(args)
    try:
        with db.read() as session:
            scope = resolve_scope(session, operation=args.operation, detachment=args.detachment,
                                  first=args.first, last=args.last)
            stats = export_workbook(session, scope, out)
    finally:
        db.dispose()
    print(tr("Written {path}: {rows} rows, {first} to {last}.", path=args.out, rows=stats.rows,
             first=scope.first, last=scope.last))
    return EXIT_OK


def cmd_export_roster(args: argparse.Namespace) -> int:
    from rosterapp.services.excel.roster_export import export_month_roster

    stats = _export_month(args, "roster", export_month_roster)
    print(tr("Written {path}: {sheets} sheets, {rows} people, {month}.", path=args.out, sheets=stats.sheets,
             rows=stats.rows, month=f"{args.month:%Y-%m}"))
    return EXIT_OK


def cmd_export_duty_table(args: argparse.Namespace) -> int:
    from rosterapp.services.excel.duty_table import export_duty_table

    stats = _export_month(args, "duty-table", export_duty_table)
    print(tr("Written {path}: {sheets} sheets, {month}.", path=args.out, sheets=stats.sheets,
             month=f"{args.month:%Y-%m}"))
    return EXIT_OK


def _export_month(args: argparse.Namespace, kind: str, export):
    """A month workbook of a station or a detachment (`export roster`, `export duty-table`): its stats."""
    from rosterapp.services.lookup import find_detachment, find_station

    if bool(args.station) == bool(args.detachment):
        raise UsageError(tr("export roster needs --station or --detachment (one of them).") if kind == "roster"
                         else tr("export duty-table needs --station or --detachment (one of them)."))
    if args.month is None:
        raise UsageError(tr("export roster needs --month YYYY-MM.") if kind == "roster"
                         else tr("export duty-table needs --month YYYY-MM."))
    if args.operation or args.first or args.last:
        raise UsageError(tr("--operation, --from and --to go with the HQ workbook, not with export roster.")
                         if kind == "roster" else
                         tr("--operation, --from and --to go with the HQ workbook, not with export duty-table."))
    out = output_path(args)
    db = open_db(args)
    try:
        with db.read() as session:
            if args.station:
                station, detachment = find_station(session, args.station).id, None
            else:
                station, detachment = None, find_detachment(session, args.detachment).id
            return export(session, out, args.month, station_id=station, detachment_id=detachment)
    finally:
        db.dispose()


def cmd_import(args: argparse.Namespace) -> int:
    from rosterapp.services.excel import duty_table, importing, plan_import

    if args.force and args.kind != "plan":
        raise UsageError(tr("--force goes with `import plan`."))
    if args.kind == "roster":
        return cmd_import_roster(args)
    if args.station or args.month:
        raise UsageError(tr("--station and --month go with `import roster`."))
    run_import = {"personnel": importing.import_people, "vehicles": importing.import_vehicles,
                  "plan": plan_import.import_plan, "duty-table": duty_table.import_duty_table}[args.kind]
    if args.force:  # an older sub-plan workbook, imported all the same
        run_import = functools.partial(run_import, force=True)
    db = open_db(args, lock=None if args.dry_run else WRITER)
    try:
        with (db.read() if args.dry_run else db.begin(f"import {args.kind} {Path(args.file).name}")) as session:
            result = run_import(session, Path(args.file), dry_run=args.dry_run)
    finally:
        db.dispose()
    print(result.summary())  # first and unchanged: scripts parse this line
    for line in result.notes():  # 跳过隐藏工作表：X
        print(line)
    if args.dry_run:
        for line in result.detail_lines():
            print(line)
    return EXIT_OK


def cmd_import_roster(args: argparse.Namespace) -> int:
    """The month roster: the changed cells and the problems they add are listed before (--dry-run) or after."""
    from rosterapp.services.excel.roster_import import import_roster

    db = open_db(args, lock=None if args.dry_run else WRITER)
    try:
        with (db.read() if args.dry_run else db.begin(f"import roster {Path(args.file).name}")) as session:
            result = import_roster(session, Path(args.file), station=args.station, month=args.month,
                                   dry_run=args.dry_run, problems=True)
    finally:
        db.dispose()
    print(result.summary())  # first: scripts parse this line
    for line in result.notes():
        print(line)
    if args.dry_run:
        for line in result.detail_lines():
            print(line)
    problems = result.problems_summary()
    if problems and result.changed:
        print(problems)
        for line in result.problem_lines():
            print("  " + line)
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from rosterapp.services.excel.merge import merge_workbooks

    out = output_path(args, inputs=args.workbooks)
    result = merge_workbooks([Path(p) for p in args.workbooks], out)
    print(result.summary())
    return EXIT_OK


def cmd_autofill(args: argparse.Namespace) -> int:
    """The scope's gaps proposed (and with --apply written, in the same unit of work as the proposal)."""
    from collections import Counter

    from sqlalchemy import select

    from rosterapp.models import Operation, Person, Post, Station
    from rosterapp.services import autofill, dutybook
    from rosterapp.services.lookup import find_detachment, find_operation, find_station

    fill = [part.strip() for part in args.fill.split(",") if part.strip()]
    if not fill or set(fill) - set(FILL_KINDS):
        raise UsageError(tr("--fill takes station, posts and leaders, separated by commas: {value}", value=args.fill))
    try:
        weights = autofill.Weights.parse(args.weights)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.time_limit <= 0:
        raise UsageError(tr("--time-limit must be a positive number of seconds."))
    db = open_db(args, lock=WRITER if args.apply else None)
    try:
        with (db.begin("autofill --apply") if args.apply else db.read()) as session:
            stations_q = select(Station.id).order_by(Station.detachment_id, Station.sort_order, Station.id)
            detachment_id = None
            operation = find_operation(session, args.operation) if args.operation else None
            if operation is not None:
                op_row = session.get(Operation, operation.id)
                first = args.first or op_row.start_date
                last = args.last or (op_row.end_date if first <= op_row.end_date else first)
            else:
                first = args.first or dutyday.month_range(dutyday.today())[0]
                last = args.last or dutyday.month_range(first)[1]
            if last < first:
                raise UsageError(tr("--to is before --from."))
            if args.station:
                station = find_station(session, args.station)
                station_ids, operations = [station.id], []
                scope_name = station.name
                if "posts" in fill and args.fill != ",".join(FILL_KINDS):
                    print(tr("Posts belong to a detachment's plan: --station fills no post windows "
                             "(use --detachment or --operation)."), file=sys.stderr)
            else:
                ops_q = select(Operation.id).where(Operation.start_date <= last, Operation.end_date >= first)
                if args.detachment:
                    det = find_detachment(session, args.detachment)
                    detachment_id, scope_name = det.id, det.name
                    stations_q = stations_q.where(Station.detachment_id == det.id)
                    ops_q = ops_q.where(Operation.id.in_(select(Post.operation_id).where(Post.detachment_id == det.id)))
                elif operation is not None:
                    scope_name = operation.name
                    stations_q = stations_q.where(Station.detachment_id.in_(
                        select(Post.detachment_id).where(Post.operation_id == operation.id)))
                    ops_q = select(Operation.id).where(Operation.id == operation.id)
                else:
                    scope_name = tr("the city")
                station_ids = list(session.scalars(stations_q))
                operations = list(session.scalars(ops_q.order_by(Operation.start_date, Operation.id)))
            plan = autofill.propose_scope(session, station_ids, first, last, operation_ids=operations,
                                          detachment_id=detachment_id, fill=fill, apply=args.apply,
                                          weights=weights, unlock=args.unlock, seed=args.seed,
                                          time_limit_s=args.time_limit)
            named = {pid for p in plan.stations for pid, _day in p.values} | {
                pid for p in plan.stations for _s, _d, _r, pid in p.roles}
            people = {pid: (name, staff_no) for pid, name, staff_no in session.execute(
                select(Person.id, Person.name, Person.staff_no).where(Person.id.in_(named)))}
            post_names = {post_id: code for post_id, code in session.execute(select(Post.id, Post.code))}
    finally:
        db.dispose()
    if args.json:
        stations = [_station_json(p, people, first, last, args.apply) for p in plan.stations]
        out = {"scope": scope_name, "from": first.isoformat(), "to": last.isoformat(),
               "applied": bool(args.apply), "fill": fill, "stations": stations,
               "posts": [{"windows": pp.windows, "filled": pp.filled, "locked": pp.locked, "people": pp.people, "vehicles": pp.vehicles,
                          "plans": [{"post": post_names.get(w.post_id, ""), "start": w.start.isoformat(timespec="minutes"),
                                     "end": w.end.isoformat(timespec="minutes"), "vehicles": len(w.vehicles),
                                     "people": len(w.people)} for w in pp.plans],
                          "unfilled": [{"post": g.post, "start": g.start.isoformat(timespec="minutes"),
                                        "end": g.end.isoformat(timespec="minutes"), "missing": g.missing,
                                        "reasons": g.reasons} for g in pp.gaps]} for pp in plan.posts],
               "seconds": round(plan.seconds, 2)}
        if args.station and stations:
            out.update(stations[0])
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return EXIT_OK
    for pp in plan.posts:
        print(tr("Post windows short: {windows}; filled by the proposal: {filled} ({vehicles} vehicles, {people} "
                 "people); still short: {gaps}.", windows=pp.windows, filled=pp.filled, vehicles=pp.vehicles,
                 people=pp.people, gaps=len(pp.gaps)))
        if pp.locked:
            print(tr("Left as approved (sub-plan locked): {detachments}.", detachments="、".join(pp.locked)))
        for g in pp.gaps:
            print(tr("{post} {start:%m月%d日 %H:%M}: lacks {missing}: {reasons}", post=g.post, start=g.start,
                     missing="、".join(g.missing), reasons="；".join(g.reasons) or "—"))
    for proposal in plan.stations:
        duties = sum(1 for code in proposal.values.values() if code == autofill.DUTY_CODE)
        print(tr("Proposal for {station}, {first} to {last}: {cells} cells filled ({duties} 值, {off} 休); "
                 "duty hours spread (most − least) {before:g} → {after:g} h; {unfilled} days left short.",
                 station=proposal.station, first=first, last=last, cells=len(proposal.values), duties=duties,
                 off=len(proposal.values) - duties, before=proposal.spread_before, after=proposal.spread_after,
                 unfilled=len({u.day for u in proposal.unfilled})))
        if proposal.changed:
            print(tr("Of them {count} change a code already there (--unlock).", count=len(proposal.changed)))
        if proposal.leaders:
            print(tr("Duty leaders for the days the duty book names none: {leaders}", leaders="、".join(
                f"{day.month}月{day.day}日 {people[pid][0]}" for day, pid in sorted(proposal.leaders.items()))))
        others = Counter(role for _s, _d, role, _p in proposal.roles if role != proposal.leader_role)
        if others:
            print(tr("Other duty roles the duty book left empty, from who is on duty: {roles}", roles="、".join(
                f"{dutybook.role_label(role, language())} ×{count}" for role, count in sorted(others.items()))))
        for u in proposal.unfilled:
            print(tr("{day} {requirement}: {missing} short: {reasons}", day=f"{u.day.month}月{u.day.day}日",
                     requirement=autofill.requirement_label(u.requirement), missing=u.missing,
                     reasons="；".join(u.reasons) or "—"))
    if args.apply:
        print(tr("Written: {cells} cells, {roles} duty roles and {windows} post windows.",
                 cells=sum(len(p.values) for p in plan.stations), roles=sum(len(p.roles) for p in plan.stations),
                 windows=sum(len(pp.plans) for pp in plan.posts)))
    else:
        print(tr("Nothing was written (--apply writes the proposal)."))
    return EXIT_OK



def _station_json(proposal, people: dict, first: dt.date, last: dt.date, applied: bool) -> dict:
    return {
        "station": proposal.station, "from": first.isoformat(), "to": last.isoformat(), "status": proposal.status,
        "applied": bool(applied and (proposal.values or proposal.leaders)),
        "leaders": [{"day": day.isoformat(), "name": people[pid][0]} for day, pid in sorted(proposal.leaders.items())],
        "roles": [{"day": day.isoformat(), "role": role, "name": people[pid][0]}
                  for _sid, day, role, pid in sorted(proposal.roles, key=lambda item: (item[1], item[2]))],
        "cells": [{"staff_no": people[pid][1], "name": people[pid][0], "day": day.isoformat(), "code": code,
                   "before": proposal.before.get((pid, day))}
                  for (pid, day), code in sorted(proposal.values.items(), key=lambda kv: (kv[0][1], kv[0][0]))],
        "unfilled": [{"day": u.day.isoformat(), "requirement": u.requirement, "missing": u.missing,
                      "reasons": u.reasons} for u in proposal.unfilled],
        "spread_hours_before": proposal.spread_before, "spread_hours_after": proposal.spread_after,
        "seconds": round(proposal.seconds, 2)}


COMMANDS.update({"export": cmd_export, "import": cmd_import, "merge": cmd_merge, "autofill": cmd_autofill})


def cmd_swaps(args: argparse.Namespace) -> int:
    from rosterapp.services import swaps
    from rosterapp.services.lookup import find_station

    db = open_db(args)
    try:
        with db.read() as session:
            station = find_station(session, args.station).id if args.station else None
            rows = swaps.list_swaps(session, station, args.open)
    finally:
        db.dispose()
    owed = sum(r.open for r in rows)
    if args.json:
        print(json.dumps({"swaps": [swaps.swap_json(r) for r in rows], "owed": owed}, ensure_ascii=False, indent=1))
    elif not rows:
        print(tr("No swaps recorded."))
    else:
        print(format_table(*swaps.swap_table(rows)))
        print(tr("{count} pay-backs owed.", count=owed) if args.open
              else tr("{count} swaps, {owed} pay-backs owed.", count=len(rows), owed=owed))
    return EXIT_OK


COMMANDS["swaps"] = cmd_swaps


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rosterapp import backups
    from rosterapp.config import sqlite_path

    path = sqlite_path(resolve_db_url(args.db))
    if path is None:
        raise UsageError(tr("Backups are kept for SQLite files only."))
    if args.backup_command == "list":
        for b in backups.listed(path):
            print(f"{b.made:%Y-%m-%d %H:%M:%S}  {backup_kind(b.kind)}  {b.size / 1e6:7.1f} MB  {b.path}")
        return EXIT_OK
    chosen = Path(args.file)
    if not chosen.is_absolute() and not chosen.exists():
        chosen = path.parent / chosen
    lock = WriterLock(path)
    if not lock.acquire(LOCK_WAIT_S):
        raise DatabaseUnusable(tr("The database {path} is in use by another window or process; try again when "
                                  "it is free.", path=path))
    try:
        aside = backups.restore(path, chosen)
    except backups.BackupError as exc:
        raise InputRejected(str(exc)) from exc
    finally:
        lock.release()
    print(tr("Restored {path} from {backup}; the file before it is kept as {aside}.", path=path, backup=chosen,
             aside=aside or "—"))
    return EXIT_OK


def backup_kind(kind: str) -> str:
    if kind == "daily":
        return tr("daily")
    if kind == "before-restore":
        return tr("before a restore")
    return tr("before migration {revision}", revision=kind.removeprefix("before-"))


COMMANDS["backup"] = cmd_backup


def read_password(args: argparse.Namespace) -> str:
    """The password: one line of standard input with --password-stdin, else asked for twice without echo on a
    terminal; never an argument. Without a terminal nor --password-stdin: a usage error."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        import getpass

        password = getpass.getpass(tr("Password for {name}: ", name=args.name))
        if password and getpass.getpass(tr("The same password again: ")) != password:
            raise UsageError(tr("The two passwords differ; nothing was changed."))
    else:
        raise UsageError(tr("There is no terminal to ask for the password: give it on standard input with "
                            "--password-stdin."))
    if not password:
        raise UsageError(tr("The password is empty; nothing was changed."))
    return password


def server_url(text: str | None) -> str:
    """A PostgreSQL URL for server mode (--db or `server init URL`); a SQLite file is refused (exit 2)."""
    url = resolve_db_url(text)
    if not url.startswith("postgresql"):
        raise UsageError(tr("Users belong to server mode: --db must name a PostgreSQL server "
                            "(postgresql+psycopg://...). A SQLite file is one desk, without users."))
    check_driver(url)
    return url


def cmd_server(args: argparse.Namespace) -> int:
    from rosterapp.services.server import init_server

    url = resolve_db_url(args.url)
    if not url.startswith("postgresql"):
        raise UsageError(tr("Server mode needs a PostgreSQL database (postgresql+psycopg://...)."))
    check_driver(url)
    result = init_server(url)
    print(tr("Server mode is ready on {database}: {tables} tables under row-level security, groups "
             "rosterapp_admin, rosterapp_hq, rosterapp_clerk and rosterapp_viewer; {admin} is its administrator.",
             database=result.database, tables=len(result.secured), admin=result.admin))
    if result.unknown:
        print(tr("Tables this version has no rule for, left read-only: {tables}", tables=", ".join(result.unknown)),
              file=sys.stderr)
    return EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    from rosterapp.services import users

    url = server_url(args.db)
    if args.users_command in ("add", "disable", "passwd"):
        users.check_login_name(args.name)
    if args.users_command == "add":
        if args.role == "clerk" and not args.detachment:
            raise UsageError(tr("A clerk writes the rows of one detachment: name it with --detachment "
                                "(DC, 东城支队 or 东城)."))
        if args.role != "clerk" and args.detachment:
            raise UsageError(tr("Only a clerk has a detachment; a user of role {role} is added without "
                                "--detachment.", role=args.role))
    password = read_password(args) if args.users_command in ("add", "passwd") else None
    db = open_database(url, seed=False)
    try:
        if args.users_command == "add":
            user = users.add_user(db.engine, args.name, args.role, args.detachment, password)
            print(tr("Added {name}: {role}{detachment}.", name=user.login, role=user.role,
                     detachment=f", {user.detachment_name}" if user.detachment_name else ""))
        elif args.users_command == "list":
            rows = [[u.login, u.role, u.detachment_name or "", tr("disabled") if u.disabled else "",
                     f"{u.created_at:%Y-%m-%d %H:%M}" if u.created_at else ""] for u in users.list_users(db.engine)]
            print(format_table([tr("Login"), tr("Role"), tr("Detachment"), tr("Disabled"), tr("Created")], rows))
        elif args.users_command == "disable":
            users.disable_user(db.engine, args.name)
            print(tr("{name} is disabled: the login can no longer log in.", name=args.name))
        else:
            users.set_password(db.engine, args.name, password)
            print(tr("The password of {name} is changed.", name=args.name))
    finally:
        db.dispose()
    return EXIT_OK


COMMANDS.update({"server": cmd_server, "users": cmd_users})


def cmd_audit(args: argparse.Namespace) -> int:
    from rosterapp.services import audit

    if args.start and args.end and args.end < args.start:
        raise UsageError(tr("--to is before --from."))
    db = open_db(args)
    try:
        with db.read() as session:
            found = audit.entries(session, audit.Filter(login=args.user, first=args.start, last=args.end,
                                                        limit=max(1, args.limit)))
            if args.json:
                print(json.dumps({"entries": [audit.as_json(session, e) for e in found]}, ensure_ascii=False,
                                 indent=1, default=str))
                return EXIT_OK
            rows = [[f"{e.at:%Y-%m-%d %H:%M:%S}", e.login, e.label, audit.action_label(e.action),
                     audit.record_label(session, e), "；".join(audit.field_lines(session, e))[:120]] for e in found]
    finally:
        db.dispose()
    if not rows:
        print(tr("No changes recorded."))
        return EXIT_OK
    print(format_table([tr("time"), tr("user"), tr("edit"), tr("action"), tr("record"), tr("fields")], rows))
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from rosterapp.services import subplans
    from rosterapp.services.lookup import find_detachment, find_operation

    if args.plan_command not in ("status",) and not args.detachment:
        raise UsageError(tr("plan {action} needs --detachment.", action=args.plan_command))
    writes = args.plan_command in subplans.ACTIONS
    db = open_db(args, lock=WRITER if writes else None)
    try:
        unit = db.begin(f"plan {args.plan_command}") if writes else db.read()
        with unit as session:
            operation = find_operation(session, args.operation)
            detachment = find_detachment(session, args.detachment) if args.detachment else None
            if writes:
                subplans.act(session, args.plan_command, operation.id, detachment.id, args.comment)
                row = subplans.sub_plan(session, operation.id, detachment.id)
                state, number = row.state, row.version
            elif args.plan_command == "status":
                statuses = subplans.overview(session, operation.id)
            else:
                left, right, lines = subplans.compare(session, operation.id, detachment.id, args.from_version,
                                                      args.to_version)
    finally:
        db.dispose()
    if writes:
        print(tr("{detachment}'s sub-plan of {operation}: {state}, version {number}.", detachment=detachment.name,
                 operation=operation.name, state=subplans.state_label(state), number=number))
    elif args.plan_command == "status":
        if args.json:
            print(json.dumps({"operation": operation.name, "sub_plans": [subplans.status_json(s) for s in statuses]},
                             ensure_ascii=False, indent=1))
        else:
            print(format_table(*subplans.status_table(statuses)))
    elif args.json:
        print(json.dumps({"from": left, "to": right, "changes": [line.__dict__ for line in lines]},
                         ensure_ascii=False, indent=1))
    elif not lines:
        print(tr("No differences between {left} and {right}.", left=left, right=right))
    else:
        print(tr("{left} → {right}", left=left, right=right))
        print(format_table([tr("change"), tr("kind"), tr("post"), tr("what"), left, right],
                           [[subplans.kind_label(d.kind), subplans.what_label(d.what), d.post, d.subject, d.before,
                             d.after] for d in lines]))
    return EXIT_OK


COMMANDS.update({"audit": cmd_audit, "plan": cmd_plan})
