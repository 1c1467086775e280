#!/usr/bin/env bash
# Load figures on loopback with wrk (Debian's package, installed if missing):
# 30 s at 64 connections against the SSR page, the scenario JSON, analyze, a
# cached PNG and PUT saves, beside a bare axum "hello" route served by the
# same binary in the same run. Prints a Markdown table for docs/performance.md.
#
#   scripts/load.sh [seconds] [connections]      (after `make build`)
set -euo pipefail
cd "$(dirname "$0")/.."
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
PORT=$(free_port)
# Limits off: this measures throughput, not the rate limiter.
BREAKEVEN_CREATE_LIMIT=0 BREAKEVEN_RENDER_LIMIT=0 \
  "$SERVER" --addr "127.0.0.1:$PORT" --log warn --database-url "sqlite://$WORK/load.db" & PIDS+=($!)
BASE="http://127.0.0.1:$PORT"
wait_for "http://127.0.0.1:$HELLO_PORT/"
wait_for "$BASE/healthz"

export SCENARIO_FILE="$WORK/scenario.json" SAVES_FILE="$WORK/saves.txt" WRK_THREADS=$THREADS
cp app/src/model/examples/support_ticket_triage.json "$SCENARIO_FILE"
ID=$(curl -fs -X POST -H 'content-type: application/json' --data-binary @"$SCENARIO_FILE" "$BASE/api/v1/scenarios" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -fs "$BASE/api/v1/scenarios/$ID/chart/amortization.png" -o /dev/null # warm the cache
# 1,024 scenarios for the save storm, created in parallel
seq 1024 | xargs -P 8 -I{} sh -c "curl -fs -X POST -H 'content-type: application/json' --data-binary @'$SCENARIO_FILE' '$BASE/api/v1/scenarios'" \
  | python3 -c 'import json,sys
for line in sys.stdin.read().replace("}{", "}\n{").splitlines():
    d = json.loads(line); print(d["id"], d["edit_key"])' > "$SAVES_FILE"

run() { # name url [lua script]
  local name=$1 url=$2 script=${3:-}
  local out="$WORK/$name.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency ${script:+-s "$script"} "$url" > "$out"
  python3 - "$name" "$out" <<'PY'
import re, sys
name, path = sys.argv[1], sys.argv[2]
text = open(path).read()
def ms(label):
    m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
bad = (int(errors.group(1)) if errors else 0) + (sum(map(int, sock.groups())) if sock else 0)
print(f"{name}\t{rps:.0f}\t{ms('50%'):.2f}\t{ms('99%'):.2f}\t{bad}\t{total}")
PY
}

{
  run hello "http://127.0.0.1:$HELLO_PORT/"
  run ssr_page "$BASE/s/$ID"
  run scenario_json "$BASE/api/v1/scenarios/$ID"
  run analyze "$BASE/api/v1/analyze" scripts/load/post_analyze.lua
  run cached_png "$BASE/api/v1/scenarios/$ID/chart/amortization.png"
  run put_saves "$BASE" scripts/load/put_saves.lua
} > "$WORK/results.tsv"
SAVES_LINE=$(grep -h '^SAVES' "$WORK/put_saves.txt")

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

python3 - "$WORK/results.tsv" "$SAVES_LINE" "$STORED" "$DURATION" "$CONNECTIONS" <<'PY'
import sys, re, datetime, platform, os
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
saves, stored, duration, connections = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
hello = float(rows[0][1])
print(f"Load on {datetime.date.today()} ({os.cpu_count()} cores, {platform.machine()}, wrk {duration} s at {connections} connections, loopback):\n")
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
