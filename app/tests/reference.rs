//! The engine against the independent reference model
//! (scripts/reference_model.py: issue 16's formulas written out month by
//! month, as the issue states them) on generated scenarios: launch delays,
//! a self-hosted incumbent, people, evals, batch shares, price trends and a
//! range on every new field. Curves, totals, breakdowns, payback months,
//! break-evens (where totals are linear) and the sensitivity totals at each
//! range's ends must agree.

use app::model::{analyze, parse_scenario, Analysis, Scenario};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde_json::{json, Value};
use std::process::Command;

const SCENARIOS: usize = 60;

fn close(actual: f64, expected: f64, scale: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= 1e-9 * scale.abs().max(1.0),
        "{what}: engine {actual}, reference {expected}"
    );
}

/// A value of `rng` in [low, high), rounded to 4 significant digits so the
/// generated JSON reads like a person's.
fn pick(rng: &mut Pcg64Mcg, low: f64, high: f64) -> f64 {
    let value: f64 = rng.random_range(low..high);
    if value == 0.0 {
        return 0.0;
    }
    let digits = 10f64.powi(3 - value.abs().log10().floor() as i32);
    (value * digits).round() / digits
}

fn approach(rng: &mut Pcg64Mcg, index: usize, horizon: u32, incumbent: bool) -> Value {
    let hosted = rng.random_bool(if incumbent { 0.5 } else { 0.3 });
    let kind = ["prompting", "few_shot", "rag", "fine_tuning"][rng.random_range(0..4)];
    let mut a = json!({
        "id": format!("a{index}"), "kind": kind,
        "setup_usd": pick(rng, 0.0, 20_000.0),
        "monthly_fixed_usd": pick(rng, 0.0, 800.0),
        "per_query": {
            "input_tokens": pick(rng, 10.0, 4_000.0),
            "cached_input_tokens": pick(rng, 0.0, 2_000.0),
            "output_tokens": pick(rng, 1.0, 600.0),
            "usd_per_1m_input": if hosted { 0.0 } else { pick(rng, 0.05, 5.0) },
            "usd_per_1m_cached_input": if hosted { 0.0 } else { pick(rng, 0.01, 1.0) },
            "usd_per_1m_output": if hosted { 0.0 } else { pick(rng, 0.2, 20.0) },
            "extra_usd": pick(rng, 0.0, 0.002),
        },
    });
    let mut ranges = serde_json::Map::new();
    let mut ranged = |path: &str, value: f64, low: f64, high: f64| {
        ranges.insert(path.into(), json!([low.min(value), high.max(value)]));
    };
    if hosted {
        a["self_hosted"] = json!({
            "usd_per_gpu_hour": pick(rng, 0.5, 6.0),
            "tokens_per_second": pick(rng, 200.0, 5_000.0),
            "utilization": pick(rng, 0.2, 1.0),
            "min_gpus": rng.random_range(0..3),
        });
    }
    if rng.random_bool(0.6) {
        let share = pick(rng, 0.0, 1.0);
        let discount = pick(rng, 0.0, 1.0);
        a["per_query"]["batch_share"] = json!(share);
        a["per_query"]["batch_discount"] = json!(discount);
        ranged(
            "per_query.batch_share",
            share,
            share * 0.5,
            (share * 1.5).min(1.0),
        );
        ranged("per_query.batch_discount", discount, discount * 0.5, 1.0);
    }
    if rng.random_bool(0.6) {
        let trend = pick(rng, -60.0, 40.0);
        a["price_trend_pct_per_year"] = json!(trend);
        ranged(
            "price_trend_pct_per_year",
            trend,
            (trend - 20.0).max(-90.0),
            trend + 10.0,
        );
    }
    if !incumbent && rng.random_bool(0.7) {
        let launch = rng.random_range(0..=horizon.min(8));
        a["launch_months"] = json!(launch);
        ranged("launch_months", f64::from(launch), 0.0, f64::from(launch));
    }
    if rng.random_bool(0.7) {
        let effort = [
            pick(rng, 0.0, 400.0),
            pick(rng, 0.0, 16.0),
            pick(rng, 0.0, 30.0),
        ];
        a["effort"] = json!({"setup_hours": effort[0], "hours_per_run": effort[1], "hours_per_month": effort[2]});
        for (path, value) in ["setup_hours", "hours_per_run", "hours_per_month"]
            .iter()
            .zip(effort)
        {
            ranged(&format!("effort.{path}"), value, value * 0.5, value * 2.0);
        }
    }
    if rng.random_bool(0.7) {
        let evals = [
            pick(rng, 0.0, 1_000.0),
            pick(rng, 0.0, 0.5),
            pick(rng, 0.0, 10.0),
        ];
        a["evals"] =
            json!({"cases": evals[0], "usd_per_case": evals[1], "runs_at_setup": evals[2]});
        for (path, value) in ["cases", "usd_per_case", "runs_at_setup"].iter().zip(evals) {
            ranged(&format!("evals.{path}"), value, value * 0.5, value * 2.0);
        }
    }
    if kind == "fine_tuning" || rng.random_bool(0.3) {
        a["data"] =
            json!({"examples": pick(rng, 500.0, 5_000.0), "usd_per_example": pick(rng, 0.1, 3.0)});
        a["training"] =
            json!({"runs": pick(rng, 5.0, 15.0), "usd_per_run": pick(rng, 50.0, 2_000.0)});
        if rng.random_bool(0.7) {
            a["retraining"] =
                json!({"every_months": rng.random_range(1..=9), "runs": pick(rng, 1.0, 3.0)});
        }
    }
    if rng.random_bool(0.5) {
        a["quality"] =
            json!({"accuracy": pick(rng, 0.7, 1.0), "usd_per_error": pick(rng, 0.0, 1.0)});
    }
    a["ranges"] = Value::Object(ranges);
    a
}

fn scenario(rng: &mut Pcg64Mcg, index: usize) -> Value {
    let horizon = rng.random_range(1..=48u32);
    let count = rng.random_range(2..=4);
    let incumbent = rng.random_range(0..count);
    let approaches: Vec<Value> = (0..count)
        .map(|i| approach(rng, i, horizon, i == incumbent))
        .collect();
    let mut s = json!({
        "name": format!("generated {index}"),
        "horizon_months": horizon,
        "cost_basis": if rng.random_bool(0.5) { "compute" } else { "quality_adjusted" },
        "volume": {
            "queries_per_month": pick(rng, 100.0, 5e6),
            "monthly_growth_pct": pick(rng, -5.0, 15.0),
        },
        "approaches": approaches,
        "simulation": {"samples": 100, "seed": index},
    });
    if rng.random_bool(0.8) {
        s["team"] = json!({"usd_per_engineer_hour": pick(rng, 40.0, 250.0)});
    }
    if incumbent > 0 || rng.random_bool(0.3) {
        s["incumbent"] = json!(format!("a{incumbent}"));
    }
    s
}

/// Whether an approach's total is linear in volume (no month bills GPUs).
fn is_linear(scenario: &Scenario, id: &str) -> bool {
    let incumbent = &scenario.approaches[scenario.incumbent_index()];
    let a = scenario.approaches.iter().find(|a| a.id == id).unwrap();
    a.self_hosted.is_none()
        && !(a.launch_months.unwrap_or(0) > 0 && incumbent.self_hosted.is_some())
}

fn compare(scenario: &Scenario, analysis: &Analysis, reference: &Value) {
    let name = &scenario.name;
    for (engine, expected) in analysis
        .approaches
        .iter()
        .zip(reference["approaches"].as_array().unwrap())
    {
        let what = format!("{name} / {}", engine.id);
        let scale = engine.total_usd;
        close(
            engine.one_time_usd,
            expected["one_time_usd"].as_f64().unwrap(),
            scale,
            &what,
        );
        close(
            engine.per_query_usd,
            expected["per_query_usd"].as_f64().unwrap(),
            1.0,
            &what,
        );
        let curve = expected["cumulative_usd"].as_array().unwrap();
        assert_eq!(engine.cumulative_usd.len(), curve.len(), "{what}");
        for (month, (e, r)) in engine.cumulative_usd.iter().zip(curve).enumerate() {
            close(
                *e,
                r.as_f64().unwrap(),
                scale,
                &format!("{what} month {month}"),
            );
        }
        let parts = serde_json::to_value(engine.breakdown_usd).unwrap();
        for (category, value) in expected["breakdown_usd"].as_object().unwrap() {
            let part = parts[category].as_f64().unwrap();
            close(
                part,
                value.as_f64().unwrap(),
                scale,
                &format!("{what} {category}"),
            );
        }
    }
    for (engine, expected) in analysis
        .pairs
        .iter()
        .zip(reference["pairs"].as_array().unwrap())
    {
        let what = format!("{name} / {} vs {}", engine.a, engine.b);
        assert_eq!(&*engine.a, expected["a"].as_str().unwrap(), "{what}");
        let curve = |id: &str| &analysis.approach(id).unwrap().cumulative_usd;
        let near_tie = curve(&engine.a)
            .iter()
            .zip(curve(&engine.b))
            .any(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(1.0));
        if !near_tie {
            let payback = expected["payback_month"].as_u64().map(|m| m as u32);
            assert_eq!(engine.payback_month, payback, "{what}: payback");
        }
        if is_linear(scenario, &engine.a) && is_linear(scenario, &engine.b) {
            let reference = expected["break_even"].as_f64();
            match (engine.break_even_queries_per_month, reference) {
                (Some(q), Some(r)) => {
                    assert!((q - r).abs() <= 1e-6 * r.max(1.0), "{what}: {q} vs {r}")
                }
                // the reference scans 1 to 1e10 queries only
                (Some(q), None) => assert!(!(1.0..1e10).contains(&q), "{what}: {q} vs none"),
                (None, r) => assert_eq!(r, None, "{what}: break-even"),
            }
        }
    }
    let rows = &analysis.uncertainty.as_ref().unwrap().sensitivity;
    let expected = reference["ranges"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len(), "{name}: one row per range");
    for row in expected {
        let (id, field) = (
            row["approach"].as_str().unwrap(),
            row["field"].as_str().unwrap(),
        );
        let engine = rows
            .iter()
            .find(|r| r.approach == id && r.field == field)
            .unwrap_or_else(|| panic!("{name}: no row for {id} {field}"));
        let totals = row["totals"].as_array().unwrap();
        let what = format!("{name} / {id} {field}");
        close(
            engine.total_usd_at_low,
            totals[0].as_f64().unwrap(),
            engine.total_usd_at_low,
            &what,
        );
        close(
            engine.total_usd_at_high,
            totals[1].as_f64().unwrap(),
            engine.total_usd_at_high,
            &what,
        );
    }
}

#[test]
fn the_engine_agrees_with_the_reference_model_on_generated_scenarios() {
    let mut rng = Pcg64Mcg::seed_from_u64(16);
    let documents: Vec<Value> = (0..SCENARIOS).map(|i| scenario(&mut rng, i)).collect();
    let path =
        std::env::temp_dir().join(format!("breakeven-reference-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&documents).unwrap()).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/reference_model.py");
    let output = Command::new("python3")
        .arg(script)
        .arg("--json")
        .arg(&path)
        .output()
        .expect("python3 runs the reference model");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::remove_file(&path).ok();
    let reports: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let mut delayed_behind_hosted_incumbent = 0;
    for (document, reference) in documents.iter().zip(&reports) {
        let scenario = parse_scenario(&document.to_string())
            .unwrap_or_else(|e| panic!("generated scenario is valid: {e}\n{document}"));
        let analysis = analyze(&scenario).unwrap();
        compare(&scenario, &analysis, reference);
        let incumbent = &scenario.approaches[scenario.incumbent_index()];
        if incumbent.self_hosted.is_some()
            && scenario
                .approaches
                .iter()
                .any(|a| a.launch_months.unwrap_or(0) > 0)
        {
            delayed_behind_hosted_incumbent += 1;
        }
    }
    // the generator reaches the case the issue names
    assert!(
        delayed_behind_hosted_incumbent >= 5,
        "{delayed_behind_hosted_incumbent}"
    );
}
