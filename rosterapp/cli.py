"""Headless subcommands (spec/cli.md). The window is opened by rosterapp.ui, not here."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from rosterapp import __version__
from rosterapp.config import resolve_db_url
from rosterapp.db import Database, open_database
from rosterapp.errors import EXIT_OK
from rosterapp.i18n import tr

EPILOG = """\
exit codes: 0 done; 1 check found errors; 2 usage error; 3 input rejected (nothing written);
4 database cannot be used; 5 permission denied.
Without a command the window opens."""


def parse_date(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD dates (a bad date is a usage error, exit 2)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("Invalid date: {value} (expected YYYY-MM-DD).", value=text)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rosterapp",
        description="Duty roster and resource planner for Beijing's six urban fire detachments "
                    "(北京城六区消防救援支队执勤排班与安保勤务计划).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="SQLite file or SQLAlchemy URL (default: $ROSTERAPP_DB, else roster.sqlite3 "
                             "in the user data directory)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="language (default: from the system locale)")
    parser.add_argument("--debug", action="store_true", help="debug logging and tracebacks")
    parser.add_argument("--version", action="version", version=f"rosterapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill the database with a realistic, deterministic demo",
                          description="Fill the database with a realistic, deterministic demo: rosters, "
                                      "an operation with posts, vehicles deployed, a few deliberate problems.")
    demo.add_argument("--scale", choices=["small", "city"], default="small",
                      help="small: ~450 people, 31 days; city: 3,000 people, 90 days")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    demo.add_argument("--start", type=parse_date, help="first day (default: first day of this month)")
    demo.add_argument("--days", type=int, help="number of days (default 31 small, 90 city)")
    demo.add_argument("--replace", action="store_true", help="replace the people and plans already there")

    shot = sub.add_parser("screenshot", help="render the main views of the window offscreen to PNG files")
    shot.add_argument("--out", required=True, metavar="DIR", help="directory for the PNG files")
    return parser


def open_db(args: argparse.Namespace) -> Database:
    return open_database(resolve_db_url(args.db))


def cmd_demo(args: argparse.Namespace) -> int:
    from rosterapp.services import demo

    db = open_db(args)
    started = time.perf_counter()
    start = args.start or dt.date.today().replace(day=1)
    stats = demo.generate(db, scale=args.scale, seed=args.seed, start=start, days=args.days,
                          replace=args.replace)
    print(tr("Demo written: {people} people, {vehicles} vehicles, {duties} roster entries, {posts} posts "
             "({seconds:.1f} s).", seconds=time.perf_counter() - started, **stats.as_dict()))
    db.dispose()
    return EXIT_OK


COMMANDS = {"demo": cmd_demo}


def run(args: argparse.Namespace) -> int:
    """Run one headless command; UserError and database errors are turned into exit codes by app.main."""
    handler = COMMANDS[args.command]
    result = handler(args)
    sys.stdout.flush()
    return result
