#!/usr/bin/env bash
# API fuzzing with schemathesis (from PyPI, into tools/venv) against the
# served OpenAPI document of the real release server on a throw-away SQLite
# file. Every check is on but one: positive_data_acceptance expects every
# schema-valid body to be accepted, and a scenario has rules JSON Schema cannot
# state (unique approach ids, ranges that must contain their field's value and
# name a field the approach has, token and training sums that must add up), so
# schema-valid scenarios are rightly refused with 422. In its place
# scripts/api_checks.py checks the same scoped to the rules of single fields:
# a schema-valid case refused for any other reason fails the run. The
# negative-data and every response check stay on. Fails on any server error or schema violation,
# and when fewer than MIN_CASES cases were generated. NUL bytes are not
# generated: hyper refuses a header holding one before any handler runs (an
# empty 400, as HTTP requires), so no JSON answer is possible.
#
#   scripts/api_fuzz.sh [max-examples-per-operation]    (after `make build`)
set -euo pipefail
cd "$(dirname "$0")/.."
SCHEMATHESIS_VERSION=4.32.5
MAX_EXAMPLES=${1:-100}
MIN_CASES=1000
VENV=tools/venv
SERVER=target/release/server

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi
[ -x "$SERVER" ] || { echo "build first: make build" >&2; exit 1; }

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Rate limits off: the fuzzer would otherwise spend its cases on 429s.
BREAKEVEN_CREATE_LIMIT=0 BREAKEVEN_RENDER_LIMIT=0 BREAKEVEN_ANALYZE_LIMIT=0 \
  "$SERVER" --addr "127.0.0.1:$PORT" --log error --database-url "sqlite://$WORK/fuzz.db" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 300); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

set +e
SCHEMATHESIS_HOOKS=scripts/api_checks.py "$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --checks all --exclude-checks positive_data_acceptance --max-examples "$MAX_EXAMPLES" --seed 20261129 --workers 2 \
  --generation-allow-x00 false --generation-database none --suppress-health-check all --request-timeout 10 --output-truncate true \
  --no-color 2>&1 | tee "$WORK/out.txt"
STATUS=${PIPESTATUS[0]}
set -e
CASES=$(grep -oE '([0-9]+) generated' "$WORK/out.txt" | tail -1 | grep -oE '[0-9]+' || echo 0)
echo "schemathesis: exit $STATUS, $CASES cases generated"
[ "$STATUS" = 0 ] || exit "$STATUS"
[ "$CASES" -ge "$MIN_CASES" ] || { echo "only $CASES cases (want $MIN_CASES)" >&2; exit 1; }
