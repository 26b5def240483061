"""Thin shim: run rosterapp from a source checkout."""

import sys

from rosterapp.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
