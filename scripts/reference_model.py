#!/usr/bin/env python3
"""An independent, deliberately naive re-implementation of the cost formulas
(issue 3, and issue 16's people, evals, launch delays, batch and price
trends), used to derive the expected numbers that app/tests/examples.rs
checks the Rust engine against, and run by app/tests/reference.rs on
generated scenarios (`--json scenarios.json`). Break-evens are found by scanning a fine
log grid and bisecting, never by the engine's closed forms or breakpoint walk.

    python3 scripts/reference_model.py app/src/model/examples/*.json
"""
import json
import math
import sys


def token_usd(a, m):
    """T_m: token cost of one query in month m (issue 16's formula, as written)."""
    q = a["per_query"]
    share = q.get("batch_share", 0)
    discount = q.get("batch_discount", 0.5)
    trend = a.get("price_trend_pct_per_year", 0)
    return ((q.get("input_tokens", 0) * q.get("usd_per_1m_input", 0)
             + q.get("cached_input_tokens", 0) * q.get("usd_per_1m_cached_input", 0)
             + q.get("output_tokens", 0) * q.get("usd_per_1m_output", 0)) / 1e6
            * (1 - share * discount) * (1 + trend / 100) ** ((m - 1) / 12))


def errors_usd(a, basis):
    if basis == "quality_adjusted" and a.get("quality"):
        return (1 - a["quality"]["accuracy"]) * a["quality"]["usd_per_error"]
    return 0.0


def per_query(a, basis, m=1):
    """P_m."""
    return token_usd(a, m) + a["per_query"].get("extra_usd", 0) + errors_usd(a, basis)


def rate(s):
    return (s.get("team") or {}).get("usd_per_engineer_hour", 0)


def effort(a, key):
    return (a.get("effort") or {}).get(key, 0)


def eval_run(a):
    e = a.get("evals")
    return e.get("cases", 0) * e.get("usd_per_case", 0) if e else 0.0


def runs_at_setup(a):
    e = a.get("evals")
    return e.get("runs_at_setup", 1) if e else 0.0


def run_usd(s, a):
    """One training run: compute, the eval after it, the hours around it."""
    upr = a["training"]["usd_per_run"] if a.get("training") else 0.0
    return upr + eval_run(a) + rate(s) * effort(a, "hours_per_run")


def one_time(a, s=None):
    s = s or {}
    cost = a["setup_usd"] + rate(s) * effort(a, "setup_hours")
    if a.get("data"):
        cost += a["data"]["examples"] * a["data"]["usd_per_example"]
    if a.get("training"):
        cost += a["training"]["runs"] * run_usd(s, a)
    return cost + runs_at_setup(a) * eval_run(a)


def gpu_usd(a, v):
    sh = a.get("self_hosted")
    if not sh:
        return 0.0
    pq = a["per_query"]
    tpq = pq.get("input_tokens", 0) + pq.get("cached_input_tokens", 0) + pq.get("output_tokens", 0)
    cap = sh["tokens_per_second"] * sh["utilization"] * 3600 * 730
    gpus = max(sh.get("min_gpus", 1), math.ceil(v * tpq / cap))
    return gpus * sh["usd_per_gpu_hour"] * 730


def incumbent_of(s):
    ident = s.get("incumbent")
    return next((a for a in s["approaches"] if a["id"] == ident), s["approaches"][0])


def retrains(a, m):
    r = a.get("retraining")
    if not r:
        return False
    k, launch = r["every_months"], a.get("launch_months", 0)
    return m > launch + k and (m - 1 - launch) % k == 0


def months(s, a, q):
    """Yields (m, volume, launched) for m in 1..H."""
    g = s["volume"].get("monthly_growth_pct", 0)
    for m in range(1, s["horizon_months"] + 1):
        yield m, q * (1 + g / 100) ** (m - 1), m > a.get("launch_months", 0)


def curve(s, a, q):
    basis = s.get("cost_basis", "compute")
    inc = incumbent_of(s)
    c = [one_time(a, s)]
    for m, v, launched in months(s, a, q):
        cost = a.get("monthly_fixed_usd", 0)
        if not launched:
            cost += per_query(inc, basis, m) * v + gpu_usd(inc, v)
        else:
            cost += per_query(a, basis, m) * v + gpu_usd(a, v) + rate(s) * effort(a, "hours_per_month")
            if retrains(a, m):
                cost += a["retraining"]["runs"] * run_usd(s, a)
        c.append(c[-1] + cost)
    return c


def breakdown(s, a, q):
    basis = s.get("cost_basis", "compute")
    inc = incumbent_of(s)
    h = s["horizon_months"]
    events = sum(1 for m in range(1, h + 1) if retrains(a, m))
    runs = (a["training"]["runs"] if a.get("training") else 0) + \
        events * (a["retraining"]["runs"] if a.get("retraining") else 0)
    live = sum(1 for _, _, launched in months(s, a, q) if launched)
    out = {
        "people": rate(s) * (effort(a, "setup_hours") + effort(a, "hours_per_run") * runs
                             + effort(a, "hours_per_month") * live),
        "data": a["data"]["examples"] * a["data"]["usd_per_example"] if a.get("data") else 0.0,
        "training": (a["training"]["usd_per_run"] if a.get("training") else 0.0) * runs,
        "evals": eval_run(a) * (runs_at_setup(a) + runs),
        "inference": 0.0, "errors": 0.0,
        "fixed": a.get("monthly_fixed_usd", 0) * h,
        "before_launch": 0.0,
        "setup": a["setup_usd"],
    }
    for m, v, launched in months(s, a, q):
        if launched:
            out["inference"] += (token_usd(a, m) + a["per_query"].get("extra_usd", 0)) * v + gpu_usd(a, v)
            out["errors"] += errors_usd(a, basis) * v
        else:
            out["before_launch"] += per_query(inc, basis, m) * v + gpu_usd(inc, v)
    return out


def total(s, a, q):
    return curve(s, a, q)[-1]


def break_even(s, a, b, steps=20000):
    f = lambda q: total(s, a, q) - total(s, b, q)
    sign0 = math.copysign(1, f(0)) if f(0) != 0 else 0
    prev = 0.0
    for i in range(1, steps + 1):
        q = 10 ** (i / steps * 10)  # 1 .. 1e10, log-spaced
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


def with_field(a, path, value):
    """A copy of approach `a` with the dotted field at `value` (whole-number
    fields rounded, as sampled values are)."""
    a = json.loads(json.dumps(a))
    *parents, leaf = path.split(".")
    target = a
    for key in parents:
        target = target[key]
    if leaf in ("launch_months", "every_months", "min_gpus"):
        value = int(math.floor(value + 0.5))
    target[leaf] = value
    return a


def report(s):
    """Everything the engine is checked on, as JSON."""
    q = s["volume"]["queries_per_month"]
    ap = s["approaches"]
    out = {"approaches": [], "pairs": [], "ranges": []}
    for a in ap:
        out["approaches"].append({
            "id": a["id"], "per_query_usd": per_query(a, s.get("cost_basis", "compute")),
            "one_time_usd": one_time(a, s), "cumulative_usd": curve(s, a, q),
            "breakdown_usd": breakdown(s, a, q),
        })
        for path, (low, high) in sorted(a.get("ranges", {}).items()):
            totals = []
            for value in (low, high):
                varied = dict(s, approaches=[with_field(x, path, value) if x is a else x for x in ap])
                totals.append(total(varied, varied["approaches"][ap.index(a)], q))
            out["ranges"].append({"approach": a["id"], "field": path, "totals": totals})
    for i in range(len(ap)):
        for j in range(i + 1, len(ap)):
            a, b = (ap[j], ap[i]) if one_time(ap[j], s) > one_time(ap[i], s) else (ap[i], ap[j])
            ca, cb = curve(s, a, q), curve(s, b, q)
            payback = next((m for m in range(len(ca)) if ca[m] <= cb[m]), None)
            out["pairs"].append({"a": a["id"], "b": b["id"], "payback_month": payback,
                                 # a coarse grid: compared only where totals are linear
                                 "break_even": break_even(s, a, b, steps=100)})
    return out


def main(paths):
    if paths and paths[0] == "--json":
        # scenarios in (a JSON list), reports out: for app/tests/reference.rs
        scenarios = json.load(open(paths[1]))
        json.dump([report(s) for s in scenarios], sys.stdout)
        return
    for path in paths:
        s = json.load(open(path))
        q = s["volume"]["queries_per_month"]
        print(f"== {s['name']}")
        totals = {}
        for a in s["approaches"]:
            c = curve(s, a, q)
            totals[a["id"]] = c[-1]
            print(f"  {a['id']}: per_query={per_query(a, s.get('cost_basis')):.9f} one_time={one_time(a, s):.2f} "
                  f"total={c[-1]:.4f} month_H={c[-1]-c[-2]:.4f}")
        ranked = sorted(totals, key=totals.get)
        print(f"  cheapest={ranked[0]} runner_up={ranked[1]} saving={totals[ranked[1]]-totals[ranked[0]]:.4f}")
        ap = s["approaches"]
        for i in range(len(ap)):
            for j in range(i + 1, len(ap)):
                a, b = (ap[j], ap[i]) if one_time(ap[j], s) > one_time(ap[i], s) else (ap[i], ap[j])
                ca, cb = curve(s, a, q), curve(s, b, q)
                payback = next((m for m in range(len(ca)) if ca[m] <= cb[m]), None)
                print(f"  pair {a['id']}/{b['id']}: payback={payback} break_even={break_even(s, a, b)}")


if __name__ == "__main__":
    main(sys.argv[1:])
