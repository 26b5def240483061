"""Run all benchmarks, or the named ones: `python -m benchmarks [NAME ...]`."""

from __future__ import annotations

import argparse
import logging
import sys

from benchmarks import (
    bench_autofill,
    bench_autofill_detachment,
    bench_autofill_station,
    bench_check,
    bench_concurrent,
    bench_db,
    bench_excel,
    bench_grid,
    bench_posts,
    bench_print,
    bench_roster_files,
    bench_stats,
    bench_window,
)

REGISTRY = {**bench_db.BENCHMARKS, **bench_check.BENCHMARKS, **bench_grid.BENCHMARKS, **bench_print.BENCHMARKS,
            **bench_excel.BENCHMARKS, **bench_posts.BENCHMARKS, **bench_window.BENCHMARKS, **bench_stats.BENCHMARKS,
            **bench_roster_files.BENCHMARKS, **bench_autofill.BENCHMARKS,
            **bench_autofill_station.BENCHMARKS,
            **bench_autofill_detachment.BENCHMARKS, **bench_concurrent.BENCHMARKS}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"any of: {', '.join(REGISTRY)}")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in REGISTRY]
    if unknown:
        parser.error(f"unknown benchmark: {', '.join(unknown)}")
    logging.getLogger("rosterapp").setLevel(logging.WARNING)
    done = set()
    for name in args.names or list(REGISTRY):
        func = REGISTRY[name]
        if func in done:
            continue
        done.add(func)
        for metric, value in func().items():
            if not args.names or metric in args.names or metric not in REGISTRY:
                print(f"{metric}: {value:.3f}" if isinstance(value, float) else f"{metric}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
