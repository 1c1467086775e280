#!/usr/bin/env python3
"""Median HTTP latency of a chart PNG: first (uncached) request vs cached ones,
beside /healthz as the baseline measured in the same run.

    python3 scripts/chart_latency.py http://127.0.0.1:3000
"""
import json
import statistics
import sys
import time
import http.client
from urllib.parse import urlparse

base = urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:3000")
conn = http.client.HTTPConnection(base.hostname, base.port)


def request(method, path, body=None):
    start = time.perf_counter()
    conn.request(method, path, body=body)
    response = conn.getresponse()
    data = response.read()
    return time.perf_counter() - start, response.status, data


scenario = open("app/src/model/examples/support_ticket_triage.json").read()
_, status, data = request("POST", "/api/v1/scenarios", scenario)
scenario_id = json.loads(data)["id"]
path = f"/api/v1/scenarios/{scenario_id}/chart/amortization.png"
first, status, _ = request("GET", path)
assert status == 200
cached = [request("GET", path)[0] for _ in range(300)]
health = [request("GET", "/healthz")[0] for _ in range(300)]
print(f"uncached PNG (first request): {first * 1000:.2f} ms")
print(f"cached PNG, median of 300: {statistics.median(cached) * 1000:.3f} ms")
print(f"/healthz, median of 300: {statistics.median(health) * 1000:.3f} ms")
