#!/usr/bin/env python3
"""Memory and abuse figures for docs/performance.md ("Memory and abuse").

Starts the release server on a fresh SQLite file with its default pools and
measures, in order:

1. its resident memory at rest, then its peak while it answers one worst
   valid analysis alone (scripts/load/worst_case.json: eight self-hosted
   approaches, each ranged, 120 months, 30% growth, samples at the cap);
2. a flood: CONNECTIONS clients each sending that analysis back to back for
   SECONDS (the per-client analyze limit is off, as for an attacker with many
   addresses), while one probe client asks in turn for /healthz, a saved
   page, a save (PUT) and the page of the revision just saved, every 100 ms;
   the server's resident memory is sampled every 20 ms.

Prints a Markdown table. Standard library only.

    scripts/abuse.py [seconds] [connections]      (after `make build`)
"""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.join(ROOT, "target/release/server")
WORST = open(os.path.join(ROOT, "scripts/load/worst_case.json"), "rb").read()
TEAM = open(os.path.join(ROOT, "app/src/model/examples/support_ticket_triage.json")).read()
SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 30
CONNECTIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 64
# What the issue asks of every probe under the flood.
PROBE_BOUND_MS = 1000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def request(port, method, path, body=None, headers=None, timeout=60):
    """(status, body bytes, milliseconds) on a connection of its own."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    start = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return response.status, data, (time.perf_counter() - start) * 1000
    finally:
        connection.close()


def main():
    if not os.access(SERVER, os.X_OK):
        sys.exit("build first: make build")
    work = tempfile.mkdtemp()
    port = free_port()
    env = dict(os.environ, BREAKEVEN_ANALYZE_LIMIT="0", BREAKEVEN_CREATE_LIMIT="0")
    server = subprocess.Popen(
        [SERVER, "--addr", f"127.0.0.1:{port}", "--log", "warn",
         "--database-url", f"sqlite://{work}/abuse.db"],
        env=env, cwd=ROOT)
    try:
        for _ in range(300):
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        json_headers = {"content-type": "application/json"}
        rest_kb = status_kb(server.pid, "VmRSS")
        status, _, one_ms = request(port, "POST", "/api/v1/analyze", WORST, json_headers)
        assert status == 200, status
        one_peak_kb = status_kb(server.pid, "VmHWM")

        status, body, _ = request(port, "POST", "/api/v1/scenarios", TEAM, json_headers)
        assert status == 201, status
        created = json.loads(body)
        scenario_id, key = created["id"], created["edit_key"]
        page = f"/s/{scenario_id}"
        assert request(port, "GET", page)[0] == 200

        stop = threading.Event()
        analyses = {}
        analysis_ms = []
        lock = threading.Lock()

        def flood():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            while not stop.is_set():
                start = time.perf_counter()
                try:
                    connection.request("POST", "/api/v1/analyze", body=WORST, headers=json_headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                    status = "error"
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    analyses[status] = analyses.get(status, 0) + 1
                    if status == 200:
                        analysis_ms.append(elapsed)
            connection.close()

        probes = {"/healthz": [], "saved page": [], "save (PUT)": [], "new revision's page": []}
        failures = {name: 0 for name in probes}

        def probe():
            revision = 1
            while not stop.is_set():
                steps = [
                    ("/healthz", "GET", "/healthz", None, {}),
                    ("saved page", "GET", page, None, {}),
                    ("save (PUT)", "PUT", f"/api/v1/scenarios/{scenario_id}", TEAM,
                     {"content-type": "application/json", "authorization": f"Bearer {key}",
                      "if-match": f'"{revision}"'}),
                    ("new revision's page", "GET", page, None, {}),
                ]
                for name, method, path, body, headers in steps:
                    try:
                        status, _, ms = request(port, method, path, body, headers)
                    except OSError:
                        status, ms = "error", float("nan")
                    probes[name].append(ms)
                    if status != 200:
                        failures[name] += 1
                    elif name == "save (PUT)":
                        revision += 1
                time.sleep(0.1)

        peak_rss_kb = [0]

        def sample():
            while not stop.is_set():
                peak_rss_kb[0] = max(peak_rss_kb[0], status_kb(server.pid, "VmRSS"))
                time.sleep(0.02)

        threads = [threading.Thread(target=flood) for _ in range(CONNECTIONS)]
        threads += [threading.Thread(target=probe), threading.Thread(target=sample)]
        for thread in threads:
            thread.start()
        time.sleep(SECONDS)
        stop.set()
        for thread in threads:
            thread.join()
        flood_peak_kb = status_kb(server.pid, "VmHWM")
    finally:
        server.terminate()
        server.wait()

    def pct(values, q):
        values = sorted(values)
        return values[min(len(values) - 1, int(q * len(values)))]

    cores = os.cpu_count()
    print(f"Release server, {cores} cores, default pools, {CONNECTIONS} clients flooding "
          f"`POST /api/v1/analyze` with the worst case for {SECONDS:.0f} s.\n")
    print("| probe under the flood | n | p50 ms | p99 ms | max ms | failed | over 1 s |")
    print("|---|---|---|---|---|---|---|")
    for name, values in probes.items():
        over = sum(1 for v in values if not v <= PROBE_BOUND_MS)
        print(f"| {name} | {len(values)} | {statistics.median(values):.1f} | {pct(values, 0.99):.1f} "
              f"| {max(values):.1f} | {failures[name]} | {over} |")
    answered = analyses.get(200, 0)
    print(f"\nAnalyses: {answered} answered 200 (median {statistics.median(analysis_ms) if analysis_ms else 0:.0f} ms), "
          f"{analyses.get(503, 0)} answered 503, other: "
          f"{ {k: v for k, v in analyses.items() if k not in (200, 503)} or 'none'}.")
    print(f"\n| memory | MB |\n|---|---|")
    print(f"| at rest | {rest_kb / 1024:.0f} |")
    print(f"| peak, one worst analysis alone ({one_ms:.0f} ms) | {one_peak_kb / 1024:.0f} |")
    print(f"| peak under the flood (VmHWM) | {flood_peak_kb / 1024:.0f} |")
    print(f"| highest sampled RSS under the flood | {peak_rss_kb[0] / 1024:.0f} |")


if __name__ == "__main__":
    main()
