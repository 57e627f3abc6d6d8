#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback, in a temporary directory, for tests and CI.
#
#   scripts/postgres-throwaway.sh start [PID]  starts one; prints two lines:
#                                              PLAYBOOKS_PG_DIR=<dir>  and  PLAYBOOKS_TEST_POSTGRES_URL=<url>
#                                              With PID, the server is also stopped once process PID is gone
#                                              (so a test process that crashes leaves no server behind).
#   scripts/postgres-throwaway.sh stop DIR     stops the server started in DIR and removes DIR
#   scripts/postgres-throwaway.sh pause DIR    stops the server, keeping DIR (for tests of a server that is down)
#   scripts/postgres-throwaway.sh resume DIR   starts a paused server again on its port
#                                              (listening on the addresses in DIR/listen, if that file
#                                              exists: comma-separated, as listen_addresses)
#
# The server listens on 127.0.0.1 on a free port, with fsync on (the durability numbers are real),
# password (SCRAM) authentication over TCP for user 'playbooks', and no Unix socket outside DIR.
# initdb refuses to run as root, so as root the server runs as the 'postgres' user.
set -euo pipefail

bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
        [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
    echo "postgres-throwaway: no initdb/pg_ctl found: install PostgreSQL (apt-get install -y postgresql)" >&2
    return 1
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() { # DIR PORT
    local listen=127.0.0.1
    [ -f "$1/listen" ] && listen=$(cat "$1/listen")
    as_owner "$(bindir)/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 start \
        -o "-c listen_addresses=$listen -p $2 -k $1 -c max_connections=400 -c shared_buffers=64MB" \
        </dev/null >>"$1/pg_ctl.log" 2>&1 || { cat "$1/pg_ctl.log" "$1/server.log" >&2 2>/dev/null; return 1; }
}

case "${1:-}" in
start)
    bin=$(bindir)
    dir=$(mktemp -d /tmp/playbooks-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    password="playbooks-$RANDOM$RANDOM"
    as_owner sh -c "umask 077; printf '%s\n' '$password' > '$dir/pwfile'"
    as_owner "$bin/initdb" -D "$dir/data" -U playbooks --pwfile="$dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if start_server "$dir" "$port"; then
            echo "$port" >"$dir/port"
            if [ -n "${2:-}" ]; then
                setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -d "$2/data" ]; do sleep 2; done; exec "$0" stop "$2"' \
                    "$0" "$2" "$dir" </dev/null >/dev/null 2>&1 &
            fi
            echo "PLAYBOOKS_PG_DIR=$dir"
            echo "PLAYBOOKS_TEST_POSTGRES_URL=postgres://playbooks:$password@127.0.0.1:$port/postgres"
            exit 0
        fi
    done
    exit 1
    ;;
stop | pause)
    dir="${2:?usage: postgres-throwaway.sh $1 DIR}"
    case "$dir" in /tmp/playbooks-pg.*) ;; *) echo "postgres-throwaway: not a throwaway server: $dir" >&2; exit 1 ;; esac
    if [ -d "$dir/data" ]; then as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    [ "$1" = stop ] && rm -rf "$dir"
    exit 0
    ;;
resume)
    dir="${2:?usage: postgres-throwaway.sh resume DIR}"
    start_server "$dir" "$(cat "$dir/port")"
    ;;
*)
    echo "usage: $0 start | stop DIR | pause DIR | resume DIR" >&2
    exit 2
    ;;
esac
