#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL cluster: installs Debian's
# postgresql if it is missing, creates a cluster in a temporary directory
# (initdb), starts it on a free loopback port (pg_ctl), exports its URL as
# BREAKEVEN_TEST_POSTGRES_URL, runs "$@", then stops the cluster and deletes
# it whatever the command did.
#
#   scripts/with_postgres.sh cargo test --workspace
#
# PG_SETTINGS adds server settings (e.g. "-c fsync=off" for tests).
set -euo pipefail

find_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "with_postgres: installing Debian's postgresql" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    bin=$(find_bin)
fi

dir=$(mktemp -d /tmp/breakeven-pg.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# PostgreSQL refuses to run as root: run it as the postgres user then.
as_owner=()
if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    as_owner=(runuser -u postgres --)
fi

stop() {
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U breakeven -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 ${PG_SETTINGS:-}" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }

export BREAKEVEN_TEST_POSTGRES_URL="postgres://breakeven@127.0.0.1:$port/postgres"
export BREAKEVEN_REQUIRE_POSTGRES=1
echo "with_postgres: throw-away cluster on 127.0.0.1:$port" >&2
"$@"
