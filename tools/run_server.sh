#!/usr/bin/env bash
# `make run-server`: a local PostgreSQL server with the city demo, two demo users, and the window on it.
#
#   tools/run_server.sh PYTHON          start the server (made on first use), open the login dialog
#   tools/run_server.sh PYTHON stop     stop the server (its directory stays; rm -rf it to forget it)
#
# The server lives in $ROSTERAPP_SERVER_DIR, else ${XDG_DATA_HOME:-~/.local/share}/rosterapp/server (as root,
# /var/tmp/rosterapp-server: the server runs as the `postgres` account, which cannot enter /root). It listens
# on 127.0.0.1 only, on port $ROSTERAPP_SERVER_PORT, else 55433, else the next free one (kept in DIR/port).
# On first use it gets a database `rosterapp` prepared with `server init`, the city demo (a minute or two)
# and two demo users, whose fixed passwords are printed below: a throwaway server on this machine only.
# Run it again in a second terminal for a second window (another login); the server keeps running when a
# window closes.
set -euo pipefail
cd "$(dirname "$0")/.."

py=${1:?usage: run_server.sh PYTHON [stop]}
action=${2:-run}

HQ_USER=hq HQ_PASSWORD=demo-hq
CLERK_USER=dongcheng CLERK_PASSWORD=demo-dc
DATABASE=rosterapp

if [[ -n ${ROSTERAPP_SERVER_DIR:-} ]]; then
    dir=$ROSTERAPP_SERVER_DIR
elif ((EUID == 0)); then
    dir=/var/tmp/rosterapp-server
else
    dir=${XDG_DATA_HOME:-$HOME/.local/share}/rosterapp/server
fi

if [[ $action == stop ]]; then
    tools/pg_server.sh stop "$dir"
    echo "The server in $dir is stopped."
    exit 0
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
mkdir -p "$dir"

port_free() {
    "$py" -c 'import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$1"
}

if [[ -f $dir/port ]]; then
    port=$(cat "$dir/port")
else
    port=${ROSTERAPP_SERVER_PORT:-55433}
    while ! port_free "$port"; do port=$((port + 1)); done
fi

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && [[ -f $dir/data/postmaster.pid ]]; then
    echo "The server in $dir is running on port $port."
else
    if ! port_free "$port"; then
        echo "run-server: port $port is taken by another program; set ROSTERAPP_SERVER_PORT or remove $dir/port" >&2
        exit 1
    fi
    echo "Starting the server in $dir on port $port"
    tools/pg_server.sh start "$dir" "$port" >/dev/null
    echo "$port" >"$dir/port"
fi

# The setup below connects as the server's superuser, its password from the environment (never an argument).
PGPASSWORD=$(cat "$dir/superuser.pw")
export PGPASSWORD
export PGOPTIONS="-c client_min_messages=warning"  # no NOTICE lines from dropdb/DROP ROLE IF EXISTS
admin="postgresql+psycopg://postgres@127.0.0.1:$port/$DATABASE"

if [[ ! -f $dir/ready ]]; then
    # A first setup that stopped half-way is done again from the start.
    "$bin/dropdb" --if-exists -h 127.0.0.1 -p "$port" -U postgres "$DATABASE"
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres -E UTF8 "$DATABASE"
    "$py" main.py server init "$admin"
    echo "Writing the city demo (3,000 people, 90 days): this takes a minute or two"
    "$py" main.py --db "$admin" demo --scale city
    for role in "$HQ_USER" "$CLERK_USER"; do  # logins are cluster-wide: left over from a setup that stopped
        "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "DROP ROLE IF EXISTS \"$role\""
    done
    echo "$HQ_PASSWORD" | "$py" main.py --db "$admin" users add "$HQ_USER" --role hq --password-stdin
    echo "$CLERK_PASSWORD" | "$py" main.py --db "$admin" users add "$CLERK_USER" --role clerk --detachment DC \
        --password-stdin
    touch "$dir/ready"
fi
unset PGPASSWORD PGOPTIONS

url="postgresql+psycopg://127.0.0.1:$port/$DATABASE"
cat <<EOF

Server mode on a local server: $url
Log in as one of the demo users (a second window: run make run-server again in another terminal):
  $HQ_USER         password $HQ_PASSWORD   headquarters: writes every detachment's rows
  $CLERK_USER  password $CLERK_PASSWORD   clerk of 东城支队: writes 东城's rows, reads the rest
Stop the server with: make stop-server   (forget it: rm -rf $dir)

EOF
exec "$py" main.py --db "$url"
