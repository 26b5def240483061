"""Child process of an export: run the check over a database and print 问题清单's rows as JSON."""

from __future__ import annotations

import gc
import json
import sys

from rosterapp.db import open_database
from rosterapp.services.excel.export import _encode, check_rows, scope_from_args


def main() -> int:
    # [url, first, last, operation id, name, detachment id, name] on stdin (see export._BackgroundCheck).
    url, *scope = json.loads(sys.stdin.read())
    # A short-lived process building plain rows: the cyclic collector would only slow it down.
    gc.disable()
    db = open_database(url, seed=False)
    try:
        with db.read() as session:
            rows = check_rows(session, scope_from_args(scope))
    finally:
        db.dispose()
    sys.stdout.write(_encode(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
