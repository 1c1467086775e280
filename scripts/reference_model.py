#!/usr/bin/env python3
"""An independent, deliberately naive re-implementation of the cost formulas
(issue 3), used to derive the expected numbers that app/tests/examples.rs
checks the Rust engine against. Break-evens are found by scanning a fine
log grid and bisecting, never by the engine's closed forms or breakpoint walk.

    python3 scripts/reference_model.py app/src/model/examples/*.json
"""
import json
import math
import sys


def per_query(a, basis):
    q = a["per_query"]
    cost = (q.get("input_tokens", 0) * q.get("usd_per_1m_input", 0)
            + q.get("cached_input_tokens", 0) * q.get("usd_per_1m_cached_input", 0)
            + q.get("output_tokens", 0) * q.get("usd_per_1m_output", 0)) / 1e6 + q.get("extra_usd", 0)
    if basis == "quality_adjusted" and a.get("quality"):
        cost += (1 - a["quality"]["accuracy"]) * a["quality"]["usd_per_error"]
    return cost


def one_time(a):
    cost = a["setup_usd"]
    if a.get("data"):
        cost += a["data"]["examples"] * a["data"]["usd_per_example"]
    if a.get("training"):
        cost += a["training"]["runs"] * a["training"]["usd_per_run"]
    return cost


def curve(s, a, q):
    h = s["horizon_months"]
    g = s["volume"].get("monthly_growth_pct", 0)
    c = [one_time(a)]
    for m in range(1, h + 1):
        v = q * (1 + g / 100) ** (m - 1)
        cost = a.get("monthly_fixed_usd", 0) + per_query(a, s.get("cost_basis", "compute")) * v
        sh = a.get("self_hosted")
        if sh:
            pq = a["per_query"]
            tpq = pq.get("input_tokens", 0) + pq.get("cached_input_tokens", 0) + pq.get("output_tokens", 0)
            cap = sh["tokens_per_second"] * sh["utilization"] * 3600 * 730
            gpus = max(sh.get("min_gpus", 1), math.ceil(v * tpq / cap))
            cost += gpus * sh["usd_per_gpu_hour"] * 730
        r = a.get("retraining")
        if r:
            k = r["every_months"]
            if m > k and (m - 1) % k == 0:
                cost += r["runs"] * a["training"]["usd_per_run"]
        c.append(c[-1] + cost)
    return c


def total(s, a, q):
    return curve(s, a, q)[-1]


def break_even(s, a, b):
    f = lambda q: total(s, a, q) - total(s, b, q)
    sign0 = math.copysign(1, f(0)) if f(0) != 0 else 0
    prev = 0.0
    for i in range(1, 20001):
        q = 10 ** (i / 2000 * 10)  # 1 .. 1e10, log-spaced
        fq = f(q)
        if (fq <= 0 if sign0 > 0 else fq >= 0):
            lo, hi = prev, q
            for _ in range(200):
                mid = (lo + hi) / 2
                fm = f(mid)
                if (fm <= 0 if sign0 > 0 else fm >= 0):
                    hi = mid
                else:
                    lo = mid
            return hi
        prev = q
    return None


def main(paths):
    for path in paths:
        s = json.load(open(path))
        q = s["volume"]["queries_per_month"]
        print(f"== {s['name']}")
        totals = {}
        for a in s["approaches"]:
            c = curve(s, a, q)
            totals[a["id"]] = c[-1]
            print(f"  {a['id']}: per_query={per_query(a, s.get('cost_basis')):.9f} one_time={one_time(a):.2f} "
                  f"total={c[-1]:.4f} month_H={c[-1]-c[-2]:.4f}")
        ranked = sorted(totals, key=totals.get)
        print(f"  cheapest={ranked[0]} runner_up={ranked[1]} saving={totals[ranked[1]]-totals[ranked[0]]:.4f}")
        ap = s["approaches"]
        for i in range(len(ap)):
            for j in range(i + 1, len(ap)):
                a, b = (ap[j], ap[i]) if one_time(ap[j]) > one_time(ap[i]) else (ap[i], ap[j])
                ca, cb = curve(s, a, q), curve(s, b, q)
                payback = next((m for m in range(len(ca)) if ca[m] <= cb[m]), None)
                print(f"  pair {a['id']}/{b['id']}: payback={payback} break_even={break_even(s, a, b)}")


if __name__ == "__main__":
    main(sys.argv[1:])
