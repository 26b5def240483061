#!/usr/bin/env bash
# A throwaway PostgreSQL server in a directory of its own, for the tests and for trying server mode.
#
#   tools/pg_server.sh start DIR PORT   initdb DIR (first time), start it on 127.0.0.1:PORT, print its
#                                        superuser URL (postgresql+psycopg://...) on stdout
#   tools/pg_server.sh stop DIR         stop it (the directory stays; rm -rf it to forget the server)
#
# Debian's server binaries live in /usr/lib/postgresql/<major>/bin. PostgreSQL will not run as root, so
# as root the server runs as the `postgres` account the Debian package made. Logins over TCP need a
# password (scram-sha-256), as on a real server; the superuser's is in DIR/superuser.pw.
set -euo pipefail

action=${1:?usage: pg_server.sh start DIR PORT | stop DIR}
dir=${2:?usage: pg_server.sh start DIR PORT | stop DIR}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z $bin || ! -x $bin/pg_ctl ]]; then
    echo "pg_server: no PostgreSQL server found (apt-get install postgresql)" >&2
    exit 1
fi

as_owner=()
if ((EUID == 0)); then
    as_owner=(runuser -u postgres --)
fi

case $action in
start)
    port=${3:?usage: pg_server.sh start DIR PORT}
    mkdir -p "$dir"
    if ((EUID == 0)); then chown postgres: "$dir"; fi
    if [[ ! -f $dir/data/PG_VERSION ]]; then
        pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
        printf '%s\n' "$pw" >"$dir/superuser.pw"
        chmod 600 "$dir/superuser.pw"
        if ((EUID == 0)); then chown postgres: "$dir/superuser.pw"; fi
        "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/superuser.pw" \
            --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    # A test server: no durability to wait for (fsync off), sockets in its own directory.
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
    echo "postgresql+psycopg://postgres:$(cat "$dir/superuser.pw")@127.0.0.1:$port/postgres"
    ;;
stop)
    if [[ -f $dir/data/postmaster.pid ]]; then
        "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
*)
    echo "pg_server: unknown action $action" >&2
    exit 2
    ;;
esac
