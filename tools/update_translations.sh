#!/usr/bin/env bash
# Re-extract the window's strings into the .ts catalogue and compile it to .qm.
# Translations already made are kept; new strings arrive as type="unfinished" for a translator
# (pyside6-linguist resources/i18n/rosterapp_zh_CN.ts) to fill in before the next commit.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${PYSIDE6_BIN:-.venv/bin}"
ts=resources/i18n/rosterapp_zh_CN.ts
mapfile -t sources < <(find rosterapp/ui -name "*.py" | sort)
"$bin/pyside6-lupdate" "${sources[@]}" -ts "$ts" -source-language en -target-language zh_CN -no-obsolete
"$bin/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
# Qt's own dialog strings that Qt's catalogue leaves in English: written by hand (no sources to extract).
extra=resources/i18n/qt_extra_zh_CN.ts
"$bin/pyside6-lrelease" "$extra" -qm "${extra%.ts}.qm"
if grep -q 'type="unfinished"' "$ts" "$extra"; then
    echo "untranslated strings remain in $ts or $extra:" >&2
    grep -h -B2 'type="unfinished"' "$ts" "$extra" | grep '<source>' >&2
    exit 1
fi
