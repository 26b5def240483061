#!/usr/bin/env bash
# Install those of the Debian packages named as arguments that are missing (used by the Makefile).
#
# Runs `apt-get update` at most once, and only when something is missing, so a machine that has
# everything pays nothing. Set ROSTERAPP_SKIP_DEBS=1 on a machine without apt (another distribution)
# after installing the equivalents by hand.
set -euo pipefail

if [[ ${ROSTERAPP_SKIP_DEBS:-} == 1 ]]; then
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "ensure_debs: this is not a Debian system; install the equivalents of: $*" >&2
    echo "ensure_debs: then set ROSTERAPP_SKIP_DEBS=1 to skip this check" >&2
    exit 1
fi

missing=()
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ $status != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

# sudo drops the environment, so the frontend setting goes through env on the command line.
as_root=(env DEBIAN_FRONTEND=noninteractive)
if ((EUID != 0)); then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "ensure_debs: missing Debian packages, and neither root nor sudo to install them:" >&2
        echo "  apt-get install ${missing[*]}" >&2
        exit 1
    fi
    as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
fi

echo "ensure_debs: installing ${missing[*]}"
if ! "${as_root[@]}" apt-get update -qq; then
    echo "ensure_debs: apt-get update failed; cannot install ${missing[*]}" >&2
    exit 1
fi
# Recommends would pull in hundreds of MB (Mesa's drivers, LLVM) that offscreen tests never load.
if ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    echo "ensure_debs: could not install ${missing[*]}" >&2
    exit 1
fi
