"""The frozen program's entry point (PyInstaller): rosterapp.app.main, as main.py runs it.

A frozen program has no interpreter to run ``sys.executable -m MODULE`` with, which the HQ export
does for its background check (rosterapp.services.excel.checkjob): that form runs the module here.
"""

import runpy
import sys

if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "-m" and sys.argv[2].startswith("rosterapp."):
        module = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        sys.exit(0)
    from rosterapp.app import main

    sys.exit(main(sys.argv))
