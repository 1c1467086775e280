#!/usr/bin/env bash
# Load figures on loopback with wrk (Debian's package, installed if missing):
# 30 s at 64 connections against the first page (/), a saved page (as wrk asks
# for it, and with a browser's Accept-Encoding), the scenario JSON, analyze, a
# cached PNG and PUT saves, beside a bare axum "hello" route served by the
# same binary in the same run. Prints a Markdown table for docs/performance.md.
#
#   scripts/load.sh [seconds] [connections]      (after `make build`)
#
# BACKEND=postgres runs the same load on PostgreSQL (a throw-away cluster from
# scripts/with_postgres.sh, default durability settings) with SERVERS server
# processes (default 2) sharing it: each process gets its share of the
# connections from a wrk of its own, and the figures are summed (req/s,
# errors) or the worse of the processes (p50, p99). LOAD_TRACE=1 names each
# route on standard error as its run starts (to place server log lines).
set -euo pipefail
cd "$(dirname "$0")/.."
BACKEND=${BACKEND:-sqlite}
if [ "$BACKEND" = postgres ] && [ -z "${BREAKEVEN_TEST_POSTGRES_URL:-}" ]; then
  exec scripts/with_postgres.sh "$0" "$@"
fi
DURATION=${1:-30}
CONNECTIONS=${2:-64}
THREADS=2
SERVER=target/release/server
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
command -v wrk >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null; }
[ -x "$SERVER" ] || { echo "build first: make build" >&2; exit 1; }

WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 300); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }

HELLO_PORT=$(free_port)
"$SERVER" --addr "127.0.0.1:$HELLO_PORT" --log warn bench-hello & PIDS+=($!)
if [ "$BACKEND" = postgres ]; then
  SERVERS=${SERVERS:-2}
  psql -q "$BREAKEVEN_TEST_POSTGRES_URL" -c "CREATE DATABASE load"
  DATABASE_URL="${BREAKEVEN_TEST_POSTGRES_URL%/*}/load"
else
  SERVERS=${SERVERS:-1}
  DATABASE_URL="sqlite://$WORK/load.db"
fi
BASES=()
for _ in $(seq "$SERVERS"); do
  PORT=$(free_port)
  # Limits off, and a queue long enough for every connection: this measures
  # throughput, not the rate limiter or the analysis pool.
  BREAKEVEN_CREATE_LIMIT=0 BREAKEVEN_RENDER_LIMIT=0 BREAKEVEN_ANALYZE_LIMIT=0 BREAKEVEN_ANALYSIS_QUEUE=4096 \
    "$SERVER" --addr "127.0.0.1:$PORT" --log warn --database-url "$DATABASE_URL" & PIDS+=($!)
  BASES+=("http://127.0.0.1:$PORT")
  # The first process migrates the database before the next one starts.
  wait_for "http://127.0.0.1:$PORT/healthz"
done
BASE=${BASES[0]}
wait_for "http://127.0.0.1:$HELLO_PORT/"

export SCENARIO_FILE="$WORK/scenario.json" SAVES_FILE="$WORK/saves.txt" WRK_THREADS=$THREADS
cp app/src/model/examples/support_ticket_triage.json "$SCENARIO_FILE"
ID=$(curl -fs -X POST -H 'content-type: application/json' --data-binary @"$SCENARIO_FILE" "$BASE/api/v1/scenarios" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -fs "$BASE/api/v1/scenarios/$ID/chart/amortization.png" -o /dev/null # warm the cache
# 1,024 scenarios for the save storm, created in parallel
seq 1024 | xargs -P 8 -I{} sh -c "curl -fs -X POST -H 'content-type: application/json' --data-binary @'$SCENARIO_FILE' '$BASE/api/v1/scenarios'" \
  | python3 -c 'import json,sys
for line in sys.stdin.read().replace("}{", "}\n{").splitlines():
    d = json.loads(line); print(d["id"], d["edit_key"])' > "$SAVES_FILE"
# Each server process's wrk saves its own share of the scenarios.
for i in $(seq "$SERVERS"); do awk -v n="$SERVERS" -v i="$i" 'NR % n == i - 1' "$SAVES_FILE" > "$SAVES_FILE.$i"; done

# name path [lua script] [base...]: wrk against every base at once, each with
# its share of the connections; one summary line.
run() {
  local name=$1 path=$2 script=${3:-}
  [ -z "${LOAD_TRACE:-}" ] || echo "=== $name" >&2
  shift 3 || shift $#
  local bases=("$@")
  [ ${#bases[@]} -gt 0 ] || bases=("${BASES[@]}")
  local connections=$((CONNECTIONS / ${#bases[@]})) outs=() pids=() i=0
  for base in "${bases[@]}"; do
    i=$((i + 1))
    local out="$WORK/$name.$i.txt"
    outs+=("$out")
    SAVES_FILE="$SAVES_FILE.$i" wrk -t"$THREADS" -c"$connections" -d"${DURATION}s" --latency \
      ${script:+-s "$script"} ${ACCEPT_ENCODING:+-H "Accept-Encoding: $ACCEPT_ENCODING"} "$base$path" > "$out" & pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  cat "${outs[@]}" > "$WORK/$name.txt"
  python3 - "$name" "${outs[@]}" <<'PY'
import re, sys
name, paths = sys.argv[1], sys.argv[2:]
def ms(text, label):
    m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = total = bad = 0
p50 = p99 = 0.0
for path in paths:
    text = open(path).read()
    rps += float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total += int(re.search(r"(\d+) requests in", text).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    bad += (int(errors.group(1)) if errors else 0) + (sum(map(int, sock.groups())) if sock else 0)
    p50, p99 = max(p50, ms(text, "50%")), max(p99, ms(text, "99%"))
print(f"{name}\t{rps:.0f}\t{p50:.2f}\t{p99:.2f}\t{bad}\t{total}")
PY
}

{
  run hello / "" "http://127.0.0.1:$HELLO_PORT"
  run home_page /
  run ssr_page "/s/$ID"
  # what a browser asks for
  ACCEPT_ENCODING="gzip, deflate, br" run ssr_page_browser "/s/$ID"
  run scenario_json "/api/v1/scenarios/$ID"
  run analyze /api/v1/analyze scripts/load/post_analyze.lua
  run cached_png "/api/v1/scenarios/$ID/chart/amortization.png"
  run put_saves / scripts/load/put_saves.lua
} > "$WORK/results.tsv"
# One line per wrk; summed.
SAVES_LINE=$(grep -h '^SAVES' "$WORK/put_saves.txt" | python3 -c 'import re, sys
sums = {}
for line in sys.stdin:
    for key, value in re.findall(r"(\w+)=(\d+)", line):
        sums[key] = sums.get(key, 0) + int(value)
print("SAVES " + " ".join(f"{k}={v}" for k, v in sums.items()))')

# Zero lost revisions: every acknowledged save is a stored revision.
STORED=$(python3 - "$BASE" "$SAVES_FILE" <<'PY'
import json, sys, urllib.request
base, path = sys.argv[1], sys.argv[2]
total = 0
for line in open(path):
    scenario_id = line.split()[0]
    with urllib.request.urlopen(f"{base}/api/v1/scenarios/{scenario_id}") as response:
        total += json.load(response)["revision"] - 1
print(total)
PY
)

BACKEND=$BACKEND SERVERS=$SERVERS python3 - "$WORK/results.tsv" "$SAVES_LINE" "$STORED" "$DURATION" "$CONNECTIONS" <<'PY'
import sys, re, datetime, platform, os
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
saves, stored, duration, connections = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
hello = float(rows[0][1])
backend, servers = os.environ["BACKEND"], int(os.environ["SERVERS"])
where = ("SQLite, one server process" if backend == "sqlite"
         else f"PostgreSQL, {servers} server processes sharing it")
print(f"Load on {datetime.date.today()} ({where}; {os.cpu_count()} cores, {platform.machine()}, "
      f"wrk {duration} s at {connections} connections in total, loopback):\n")
print("| route | req/s | vs bare hello | p50 ms | p99 ms | errors |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for name, rps, p50, p99, bad, total in rows:
    print(f"| {name} | {float(rps):,.0f} | {float(rps) / hello:.1%} | {p50} | {p99} | {bad} |")
acked = int(re.search(r"acknowledged=(\d+)", saves).group(1))
lost = max(0, acked - stored)
unacknowledged = max(0, stored - acked)
print(f"\nSaves: {saves.removeprefix('SAVES ')}; revisions stored beyond the first: {stored}; "
      f"lost (acknowledged but not stored): {lost}; stored but not acknowledged (answers still in flight "
      f"when wrk stopped): {unacknowledged}.")
PY
