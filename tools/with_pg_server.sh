#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server beside it: `tools/with_pg_server.sh pytest ...`.
#
# The server lives in a temporary directory on a free local port (tools/pg_server.sh) and is stopped and
# removed when the command ends, however it ends. The command sees its superuser URL in
# ROSTERAPP_TEST_DB_URL. When ROSTERAPP_TEST_DB_URL is already set (a server of one's own), that one is
# used and nothing is started; ROSTERAPP_TEST_DB_URL=none runs without a server (SQLite only).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [[ ${ROSTERAPP_TEST_DB_URL:-} == none ]]; then
    unset ROSTERAPP_TEST_DB_URL
    exec "$@"
fi
if [[ -n ${ROSTERAPP_TEST_DB_URL:-} ]]; then
    exec "$@"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/rosterapp-pg.XXXXXX")
chmod 755 "$dir"
cleanup() {
    "$here/pg_server.sh" stop "$dir" || true
    rm -rf "$dir"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ROSTERAPP_TEST_DB_URL=$("$here/pg_server.sh" start "$dir" "$port")
export ROSTERAPP_TEST_DB_URL
echo "with_pg_server: a throwaway PostgreSQL server on 127.0.0.1:$port for this run"
"$@"
