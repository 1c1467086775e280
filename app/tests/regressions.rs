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
    let bands = cheapest_by_volume(&curves).bands;
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
    let bands = cheapest_by_volume(&curves).bands;
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

/// A self-hosted approach and a linear one with almost the same slope trade
/// places at every GPU step from 870M queries a month on: the envelope gave up
/// after 4,096 switches and its last band claimed every volume above, where
/// the other approach is in fact cheaper. It now says where it stopped.
#[test]
fn an_envelope_that_gives_up_says_where() {
    let scenario = app::model::parse_scenario(SCENARIO_THOUSANDS_OF_SWITCHES).unwrap();
    let timeline = Timeline::new(scenario.horizon_months, scenario.volume.monthly_growth_pct);
    let params = app::model::params::cost_params(&scenario);
    let curves: Vec<VolumeCurve> = params
        .iter()
        .map(|p| VolumeCurve::new(p, &timeline))
        .collect();
    let envelope = cheapest_by_volume(&curves);
    let unknown_from = envelope.unknown_from.expect("the search gave up");
    let last = envelope.bands.last().unwrap();
    assert!(envelope.bands.len() > 1000, "{}", envelope.bands.len());
    assert!(
        last.from <= unknown_from && unknown_from < 2e9,
        "{unknown_from}"
    );
    // the last band's approach is cheapest where the search stopped, not far above it
    let cheapest_at = |q: f64| {
        (0..curves.len())
            .min_by(|&a, &b| curves[a].total(q).total_cmp(&curves[b].total(q)))
            .unwrap()
    };
    assert_eq!(cheapest_at(unknown_from), last.approach);
    assert_ne!(cheapest_at(2.0 * unknown_from), last.approach);
    // the analysis carries it
    let analysis = app::model::analyze(&scenario).unwrap();
    assert_eq!(analysis.cheapest_by_volume_unknown_from, Some(unknown_from));
}

const SCENARIO_THOUSANDS_OF_SWITCHES: &str = r#"{"name": "generated", "currency": "USD", "horizon_months": 10, "cost_basis": "compute", "volume": {"queries_per_month": 20843846.905680943, "monthly_growth_pct": 15.355601727799618}, "approaches": [{"id": "a0", "kind": "prompting", "label": "", "setup_usd": 32119.762376703784, "prompt": {"system_tokens": 568.982142987717, "user_tokens": 284.4910714938585, "shots": 3.0, "tokens_per_shot": 947.0393576363887, "chunks": 2.0, "tokens_per_chunk": 142.24553574692925}, "data": {"examples": 100.0, "usd_per_example": 1.0}, "per_query": {"input_tokens": 1137.964285975434, "cached_input_tokens": 2841.118072909166, "output_tokens": 947.0393576363887, "usd_per_1m_input": 1.1115131739850799, "usd_per_1m_cached_input": 0.0, "usd_per_1m_output": 8.033938689508759, "extra_usd": 0.006239263297083388}, "monthly_fixed_usd": 668.1225933695805, "effort": {"setup_hours": 199.3919699409588, "hours_per_run": 0.3741784463358145, "hours_per_month": 26.821762949563016}, "price_trend_pct_per_year": -2.5029153484059954, "ranges": {"effort.setup_hours": [99.6959849704794, 598.1759098228764], "price_trend_pct_per_year": [-12.502915348405995, 7.497084651594005], "setup_usd": [16059.881188351892, 64239.52475340757]}}, {"id": "a1", "kind": "few_shot", "label": "", "setup_usd": 37164.11857406785, "data": {"examples": 100.0, "usd_per_example": 1.0}, "training": {"runs": 4.213486680010495, "usd_per_run": 1.5741138048494367, "tokens": {"tokens_per_example": 1848.9437259696374, "epochs": 4.213486680010495, "usd_per_1m_tokens": 2.020555616516729}}, "retraining": {"every_months": 9, "runs": 4.213486680010495}, "per_query": {"input_tokens": 1848.9437259696374, "cached_input_tokens": 0.0, "output_tokens": 1138.809103978246, "usd_per_1m_input": 0.0, "usd_per_1m_cached_input": 0.0, "usd_per_1m_output": 0.0, "extra_usd": 0.012634784778258587}, "monthly_fixed_usd": 697.3231885131923, "self_hosted": {"usd_per_gpu_hour": 5.115485010821548, "tokens_per_second": 3433.246388947266, "utilization": 0.2652406644073401, "min_gpus": 3}, "quality": {"accuracy": 0.6799982189488403, "usd_per_error": 0.060299748624721795}, "effort": {"setup_hours": 57.679719251670335, "hours_per_run": 13.490173042885989, "hours_per_month": 1.94419514731062}, "evals": {"cases": 791.4540970168651, "usd_per_case": 0.5133305218512281, "runs_at_setup": 3.6705634119211132}, "price_trend_pct_per_year": 37.94927210159387}, {"id": "a2", "kind": "rag", "label": "", "setup_usd": 41622.33671233415, "data": {"examples": 100.0, "usd_per_example": 1.0}, "training": {"runs": 2.6137281601367106, "usd_per_run": 548.2657198785075}, "retraining": {"every_months": 10, "runs": 2.6137281601367106}, "per_query": {"input_tokens": 1774.7332125339126, "cached_input_tokens": 0.0, "output_tokens": 440.9181001259911, "usd_per_1m_input": 0.0, "usd_per_1m_cached_input": 0.0, "usd_per_1m_output": 0.0, "extra_usd": 0.010038768566683629, "batch_share": 0.4549025489573931, "batch_discount": 0.33499920409969913}, "monthly_fixed_usd": 932.397443129317, "self_hosted": {"usd_per_gpu_hour": 2.6068660532943166, "tokens_per_second": 979.7613796857478, "utilization": 0.5645079754241191, "min_gpus": 0}, "quality": {"accuracy": 0.5083955402678884, "usd_per_error": 0.8610413886415096}, "effort": {"setup_hours": 196.84658036389408, "hours_per_run": 12.655756806656486, "hours_per_month": 10.590219494612155}}, {"id": "a3", "kind": "fine_tuning", "label": "", "setup_usd": 20042.044702236, "prompt": {"system_tokens": 974.113178479461, "user_tokens": 487.0565892397305, "shots": 3.0, "tokens_per_shot": 411.5838889576544, "chunks": 2.0, "tokens_per_chunk": 243.52829461986525}, "data": {"examples": 100.0, "usd_per_example": 1.0}, "training": {"runs": 2.811434299152363, "usd_per_run": 0.9222193427214255, "tokens": {"tokens_per_example": 1948.226356958922, "epochs": 2.811434299152363, "usd_per_1m_tokens": 1.683708380496493}}, "retraining": {"every_months": 3, "runs": 2.811434299152363}, "per_query": {"input_tokens": 1948.226356958922, "cached_input_tokens": 1234.7516668729631, "output_tokens": 411.5838889576544, "usd_per_1m_input": 0.6893668510524206, "usd_per_1m_cached_input": 0.0, "usd_per_1m_output": 1.683708380496493, "extra_usd": 0.010607647584932496}, "monthly_fixed_usd": 872.5059454141032, "quality": {"accuracy": 0.9852571010362113, "usd_per_error": 1.316125414406484}, "effort": {"setup_hours": 131.7612236199378, "hours_per_run": 14.954152286917097, "hours_per_month": 9.16596163664478}, "price_trend_pct_per_year": 33.032317289645405, "ranges": {"effort.setup_hours": [65.8806118099689, 395.28367085981336], "price_trend_pct_per_year": [23.032317289645405, 43.032317289645405], "setup_usd": [10021.022351118, 40084.089404472]}}], "simulation": {"samples": 200, "seed": 1}, "readiness": {"prompt_iteration_weeks": 3.4452495975412663, "rag_added": false, "quality_gap_measured": false, "narrow_task": true, "narrow_domain": false, "latency_need": false, "strict_format": true}, "team": {"usd_per_engineer_hour": 97.2792431280317}, "incumbent": "a0"}"#;
