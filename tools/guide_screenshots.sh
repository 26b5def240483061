#!/usr/bin/env bash
# Regenerate the user guide's pictures (resources/guide/images/) with the program's own `screenshot`
# command, on a fresh city-scale demo database, in Chinese. Usage: tools/guide_screenshots.sh [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/.."
python="${1:-${PYTHON:-.venv/bin/python}}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
"$python" main.py --db "$work/guide_city.sqlite3" demo --scale city
QT_QPA_PLATFORM=offscreen "$python" main.py --db "$work/guide_city.sqlite3" --lang zh_CN screenshot --out "$work/shots" >/dev/null
# The pictures the guide shows (the screenshot command writes these and maybe more).
for name in mainwindow roster_station roster_detachment registers_people postboard vehicleboard glance \
            overview_corps legend; do
    cp "$work/shots/$name.png" "resources/guide/images/$name.png"
done
du -ch resources/guide/images/*.png | tail -1
