"""Start-up: arguments -> language -> logging -> a headless command, or the window."""

from __future__ import annotations

import logging
import os
import sys

from sqlalchemy.exc import DBAPIError

from rosterapp import cli
from rosterapp.config import resolve_db_url
from rosterapp.db import DatabasePermissionDenied, DatabaseUnusable, translate_db_error
from rosterapp.display_libs import missing_packages
from rosterapp.errors import EXIT_DATABASE, EXIT_INTERNAL, EXIT_PERMISSION, EXIT_SYSTEM_LIBRARIES, UserError
from rosterapp.i18n import set_language, system_language, tr
from rosterapp.logs import crash_report, setup_logging

log = logging.getLogger("rosterapp.app")

EXIT_INTERRUPTED = 130  # the shell's code for a program stopped by Ctrl+C (128 + SIGINT)


def main(argv: list[str] | None = None) -> int:
    """Run the program; returns the process exit code (spec/cli.md)."""
    argv = list(sys.argv if argv is None else argv)
    set_language(cli.language_argument(argv[1:]) or system_language())
    parser = cli.build_parser()
    args = parser.parse_args(argv[1:])
    setup_logging(args.debug)
    try:
        if args.command is None or args.command == "screenshot":
            # Before Qt loads: without its system libraries it aborts (134) saying why only in the log.
            missing = missing_packages(window=args.command is None)
            if missing:
                print(tr("The window cannot start: system libraries are missing. Install them with: "
                         "sudo apt install {packages}", packages=" ".join(missing)), file=sys.stderr)
                return EXIT_SYSTEM_LIBRARIES
            from rosterapp.ui.application import run_gui  # Qt only when a window is wanted

            return run_gui(args, argv)
        return cli.run(args)
    except BrokenPipeError:
        # The reader of our output went away (`check | head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except UserError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except DBAPIError as exc:
        # A lock or a lost server met after the database was opened, in the middle of a command.
        print(str(translate_db_error(resolve_db_url(args.db), exc)), file=sys.stderr)
        return EXIT_DATABASE
    except DatabaseUnusable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DATABASE
    except DatabasePermissionDenied as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PERMISSION
    except PermissionError as exc:
        print(tr("Permission denied: {path}", path=exc.filename2 or exc.filename or exc.strerror),
              file=sys.stderr)
        return EXIT_PERMISSION
    except KeyboardInterrupt:
        # Ctrl+C: what was being written stays a part file (removed by the next run), never a half file.
        print(tr("Interrupted."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        # A bug, not something the user did: the traceback goes to the crash report, whose path is printed.
        if args.debug:
            log.exception("internal error")
            raise
        report = crash_report(exc)
        error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        if report is None:
            print(tr("Internal error ({error}); no crash report could be written.", error=error), file=sys.stderr)
        else:
            print(tr("Internal error ({error}); the crash report is {path}", error=error, path=report),
                  file=sys.stderr)
        return EXIT_INTERNAL


def main_entry() -> int:
    """Console script `rosterapp`."""
    return main(sys.argv)
