//! Inputs that once broke the engine, kept so they never do again.

use app::model::breakeven::{cheapest_by_volume, VolumeCurve};
use app::model::cost::Timeline;
use app::model::params::CostParams;
use app::model::{Approach, CostBasis, Scenario};

/// Two self-hosted approaches whose GPU steps make the totals cross many
/// times. An envelope switch landed exactly on a GPU step, where rounding in
/// the walk's start-up GPU counts left an empty piece; the walk then reported
/// a crossing at that very point forever and the envelope stopped early.
#[test]
fn envelope_switch_exactly_on_a_gpu_step() {
    let a0: Approach = serde_json::from_str(
        r#"{"id":"a0","kind":"prompting","setup_usd":14115.04585556554,
        "data":{"examples":100,"usd_per_example":1},
        "training":{"runs":3.092183998587794,"usd_per_run":550.3145406610611},
        "retraining":{"every_months":1,"runs":3.092183998587794},
        "per_query":{"output_tokens":1896.120255560951,"extra_usd":0.011189846915813696},
        "monthly_fixed_usd":751.2053143059351,
        "self_hosted":{"usd_per_gpu_hour":4.751582129238663,"tokens_per_second":2211.974906194427,
                       "utilization":0.256533748508063,"min_gpus":0}}"#,
    )
    .unwrap();
    let a1: Approach = serde_json::from_str(
        r#"{"id":"a1","kind":"few_shot","setup_usd":12672.968609435185,
        "data":{"examples":100,"usd_per_example":1},
        "per_query":{"input_tokens":731.5081193276013,"output_tokens":603.0621152423751,
                     "extra_usd":0.016000815659462302},
        "monthly_fixed_usd":453.7897787497455,
        "self_hosted":{"usd_per_gpu_hour":0.5,"tokens_per_second":3975.2077629197306,
                       "utilization":0.5874499272142394,"min_gpus":0}}"#,
    )
    .unwrap();
    let timeline = Timeline::new(1, 0.0);
    let params = [
        CostParams::from_approach(&a0, CostBasis::Compute),
        CostParams::from_approach(&a1, CostBasis::Compute),
    ];
    let curves: Vec<VolumeCurve> = params
        .iter()
        .map(|p| VolumeCurve::new(p, &timeline))
        .collect();
    let bands = cheapest_by_volume(&curves);
    // a0 has the lower slope: it wins for good at high volume
    assert_eq!(bands.last().unwrap().approach, 0, "{bands:?}");
    for band in &bands {
        let mid = band.to.map_or(band.from * 2.0, |to| (band.from + to) / 2.0);
        let own = curves[band.approach].total(mid);
        let other = curves[1 - band.approach].total(mid);
        assert!(own <= other, "{band:?}: {own} > {other}");
    }
}

/// A linear approach against a self-hosted one with a GPU step just after a
/// crossing: rounding announced switches at the same volume back and forth,
/// the envelope never advanced and its last band claimed everything above.
#[test]
fn envelope_near_a_crossing_just_before_a_gpu_step() {
    let scenario: Scenario = serde_json::from_str(SCENARIO_NEAR_STEP).unwrap();
    let timeline = Timeline::new(scenario.horizon_months, scenario.volume.monthly_growth_pct);
    let params: Vec<CostParams> = scenario
        .approaches
        .iter()
        .map(|a| CostParams::from_approach(a, scenario.cost_basis))
        .collect();
    let curves: Vec<VolumeCurve> = params
        .iter()
        .map(|p| VolumeCurve::new(p, &timeline))
        .collect();
    let bands = cheapest_by_volume(&curves);
    assert_eq!(bands.last().unwrap().approach, 1, "{bands:?}");
    for q in [1000.0, 17098.0, 1e5, 1e6, 1e8] {
        let band = bands
            .iter()
            .find(|b| b.from <= q && b.to.is_none_or(|to| q < to))
            .unwrap();
        let own = curves[band.approach].total(q);
        let other = curves[1 - band.approach].total(q);
        assert!(own <= other, "at {q}: {band:?} costs {own} > {other}");
    }
}

const SCENARIO_NEAR_STEP: &str = r#"{"name": "generated", "currency": "USD", "horizon_months": 46, "cost_basis": "quality_adjusted", "volume": {"queries_per_month": 25328031.574154854, "monthly_growth_pct": 17.233046163121006}, "approaches": [{"id": "a0", "kind": "prompting", "label": "", "setup_usd": 19265.673506620282, "data": {"examples": 100.0, "usd_per_example": 1.0}, "training": {"runs": 1.2572738576903304, "usd_per_run": 1660.5944214134008}, "retraining": {"every_months": 7, "runs": 1.2572738576903304}, "per_query": {"input_tokens": 1345.5342403537275, "cached_input_tokens": 0.0, "output_tokens": 578.7925848258798, "usd_per_1m_input": 1.671157293975198, "usd_per_1m_cached_input": 0.0, "usd_per_1m_output": 1.3789617971594477, "extra_usd": 0.005822798475978427}, "monthly_fixed_usd": 615.3170200708892, "quality": {"accuracy": 0.9931418159094726, "usd_per_error": 0.9528653746485973}}, {"id": "a1", "kind": "few_shot", "label": "", "setup_usd": 45780.07871235432, "data": {"examples": 100.0, "usd_per_example": 1.0}, "training": {"runs": 3.6140676091237935, "usd_per_run": 1757.6462423782032}, "retraining": {"every_months": 1, "runs": 3.6140676091237935}, "per_query": {"input_tokens": 312.4537064523703, "cached_input_tokens": 0.0, "output_tokens": 1360.9134584760357, "usd_per_1m_input": 0.0, "usd_per_1m_cached_input": 0.0, "usd_per_1m_output": 0.0, "extra_usd": 0.010229724021900375}, "monthly_fixed_usd": 16.16635438805836, "self_hosted": {"usd_per_gpu_hour": 0.5812358653028427, "tokens_per_second": 2390.433177433096, "utilization": 0.11671887117385966, "min_gpus": 3}}]}"#;

/// Eight near-identical self-hosted approaches with ranges, steep growth and
/// the longest horizon: every sample's 28 break-even searches walk thousands
/// of GPU steps, and one analysis took 147 s (release build, 10,000 samples)
/// before the searches shared a step budget. Now the break-even percentiles
/// come from the samples searched before the budget ran out, and say so.
#[test]
fn near_identical_self_hosted_approaches_stay_within_the_search_budget() {
    let mut scenario: serde_json::Value =
        serde_json::from_str(app::model::examples::VOICE_AGENT).unwrap();
    scenario["simulation"] = serde_json::json!({ "samples": 2000, "seed": 7 });
    scenario["horizon_months"] = serde_json::json!(120);
    scenario["volume"]["monthly_growth_pct"] = serde_json::json!(30);
    // the copies replace the example's approaches: the first is what runs today
    scenario.as_object_mut().unwrap().remove("incumbent");
    let lora = scenario["approaches"][2].clone();
    assert!(lora.get("self_hosted").is_some() && lora.get("ranges").is_some());
    scenario["approaches"] = (0..8)
        .map(|i| {
            let mut approach = lora.clone();
            approach["id"] = serde_json::json!(format!("lora{i}"));
            approach["launch_months"] = serde_json::json!(0);
            approach["self_hosted"]["usd_per_gpu_hour"] =
                serde_json::json!(2.5 + f64::from(i) * 0.001);
            approach
        })
        .collect();
    let scenario = app::model::parse_scenario(&scenario.to_string()).unwrap();
    let analysis = app::model::analyze(&scenario).unwrap();
    let uncertainty = analysis.uncertainty.expect("ranges give an uncertainty");
    assert_eq!(uncertainty.samples, 2000);
    assert!(
        (1..2000).contains(&uncertainty.break_even_samples),
        "the budget should stop the searches part-way: {}",
        uncertainty.break_even_samples
    );
    assert_eq!(uncertainty.break_even_queries_per_month.len(), 28);
}
