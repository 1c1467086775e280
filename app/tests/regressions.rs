//! Inputs that once broke the engine, kept so they never do again.

use app::model::breakeven::{cheapest_by_volume, VolumeCurve};
use app::model::cost::Timeline;
use app::model::params::CostParams;
use app::model::{Approach, CostBasis};

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
