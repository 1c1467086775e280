//! The Monte Carlo computes each sample only as far as its ranged fields
//! reach (`Field::reach`) and sorts samples only in months where their order
//! can change. This test runs the plain Monte Carlo beside it (every sample's
//! whole curve, every month sorted) on scenarios with issue #16's inputs and
//! every kind of reach, and expects the very same numbers, bit for bit.

use app::model::breakeven::{break_even_volume, VolumeCurve};
use app::model::cost::Timeline;
use app::model::examples::{example, SUPPORT_TICKET_TRIAGE, VOICE_AGENT};
use app::model::params::{cost_params, link_incumbent};
use app::model::uncertainty::triangular;
use app::model::{analyze, Field, Scenario};

mod support {
    pub mod issue_16;
}
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use support::issue_16::add_issue_16_inputs;

/// Nearest-rank P10, P50, P90 of a column, by sorting it.
fn sorted_percentiles(column: &mut [f64]) -> [f64; 3] {
    column.sort_by(f64::total_cmp);
    let last = column.len() - 1;
    [0.1, 0.5, 0.9].map(|p| column[(p * last as f64).round() as usize])
}

fn with_issue_16_inputs(mut scenario: Scenario) -> Scenario {
    scenario.horizon_months = 36;
    add_issue_16_inputs(&mut scenario, 120.0);
    scenario.simulation.get_or_insert_default().samples = 1500;
    scenario
}

fn range(scenario: &mut Scenario, approach: usize, path: &str, low: f64, high: f64) {
    scenario.approaches[approach]
        .ranges
        .insert(path.into(), [low, high]);
}

fn assert_plain_monte_carlo_agrees(name: &str, scenario: &Scenario) {
    let uncertainty = analyze(scenario)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
        .uncertainty
        .expect("ranges give a Monte Carlo");
    let params = cost_params(scenario);
    let timeline = Timeline::new(scenario.horizon_months, scenario.volume.monthly_growth_pct);
    let volume = scenario.volume.queries_per_month;
    let settings = scenario.simulation();
    let samples = settings.samples as usize;
    let ranged: Vec<(usize, Field, f64, f64)> = scenario
        .approaches
        .iter()
        .enumerate()
        .flat_map(|(index, approach)| {
            approach.ranges.iter().map(move |(path, [low, high])| {
                (index, Field::from_path(path).unwrap(), *low, *high)
            })
        })
        .collect();
    let incumbent = scenario.incumbent_index();
    let mut rng = Pcg64Mcg::seed_from_u64(settings.seed);
    let points = timeline.horizon() + 1;
    // [approach][month][sample]
    let mut curves = vec![vec![Vec::with_capacity(samples); points]; params.len()];
    let mut wins = vec![0u32; params.len()];
    let mut break_evens: Vec<Vec<f64>> = Vec::new();
    for _ in 0..samples {
        let mut drawn = params.clone();
        for (approach, field, low, high) in &ranged {
            let u: f64 = rng.random();
            let mode = params[*approach].get(*field);
            drawn[*approach].set(*field, triangular(*low, mode, *high, u));
        }
        link_incumbent(&mut drawn, incumbent);
        let mut totals = Vec::new();
        for (approach, p) in drawn.iter().enumerate() {
            let curve = p.cumulative_usd(&timeline, volume);
            for (month, value) in curve.iter().enumerate() {
                curves[approach][month].push(*value);
            }
            totals.push(curve[points - 1]);
        }
        let cheapest =
            (0..totals.len()).fold(0, |best, i| if totals[i] < totals[best] { i } else { best });
        wins[cheapest] += 1;
        let mut pair = 0;
        for i in 0..drawn.len() {
            for j in i + 1..drawn.len() {
                let a = VolumeCurve::new(&drawn[i], &timeline);
                let b = VolumeCurve::new(&drawn[j], &timeline);
                if break_evens.len() <= pair {
                    break_evens.push(Vec::new());
                }
                break_evens[pair].push(break_even_volume(&a, &b).unwrap_or(f64::INFINITY));
                pair += 1;
            }
        }
    }
    for (approach, spec) in scenario.approaches.iter().enumerate() {
        let expected = f64::from(wins[approach]) / samples as f64;
        assert_eq!(
            uncertainty.p_cheapest[&spec.id], expected,
            "{name}: P(cheapest) of {}",
            spec.id
        );
        let got = &uncertainty.cumulative_usd[&spec.id];
        for (month, column) in curves[approach].iter_mut().enumerate() {
            let [p10, p50, p90] = sorted_percentiles(column);
            let at = (got.p10[month], got.p50[month], got.p90[month]);
            assert_eq!(
                (at.0.to_bits(), at.1.to_bits(), at.2.to_bits()),
                (p10.to_bits(), p50.to_bits(), p90.to_bits()),
                "{name}: {} in month {month}: {at:?} vs {:?}",
                spec.id,
                (p10, p50, p90)
            );
        }
    }
    assert_eq!(uncertainty.break_even_samples as usize, samples, "{name}");
    // pairs are in scenario order; each result names its pair either way round
    let mut pair = 0;
    for i in 0..params.len() {
        for j in i + 1..params.len() {
            let [p10, p50, p90] = sorted_percentiles(&mut break_evens[pair]);
            let (a, b) = (&scenario.approaches[i].id, &scenario.approaches[j].id);
            let got = uncertainty
                .break_even_queries_per_month
                .iter()
                .find(|p| (*p.a == **a && *p.b == **b) || (*p.a == **b && *p.b == **a))
                .unwrap();
            let finite = |x: f64| x.is_finite().then_some(x);
            assert_eq!(
                (got.p10, got.p50, got.p90),
                (finite(p10), finite(p50), finite(p90)),
                "{name}: {a}-{b}"
            );
            pair += 1;
        }
    }
}

#[test]
fn the_monte_carlo_gives_the_plain_monte_carlos_numbers() {
    let triage = with_issue_16_inputs(example(SUPPORT_TICKET_TRIAGE));
    // the example's own ranges: one-time (runs) and run-priced (usd per run)
    assert_plain_monte_carlo_agrees("triage", &triage);

    // every reach at once: one-time, run prices, retraining, and the
    // incumbent's token price, which every delayed approach pays before launch
    let mut every = triage.clone();
    range(&mut every, 0, "setup_usd", 0.0, 6000.0);
    range(&mut every, 0, "per_query.usd_per_1m_input", 1.5, 3.0);
    range(&mut every, 1, "latency_ms_p50", 400.0, 900.0);
    range(&mut every, 2, "evals.cases", 100.0, 400.0);
    range(&mut every, 2, "effort.setup_hours", 40.0, 160.0);
    range(&mut every, 3, "retraining.runs", 1.0, 4.0);
    range(&mut every, 3, "effort.hours_per_run", 4.0, 20.0);
    assert_plain_monte_carlo_agrees("every reach", &every);

    // run prices only, with the incumbent fixed: no month but the
    // retraining ones may change the samples' order
    let mut runs = triage.clone();
    runs.approaches[3].ranges.clear();
    range(&mut runs, 3, "evals.usd_per_case", 0.01, 0.5);
    range(&mut runs, 3, "effort.hours_per_run", 4.0, 16.0);
    range(&mut runs, 2, "evals.cases", 100.0, 400.0);
    assert_plain_monte_carlo_agrees("run prices", &runs);

    // launch delays and cadences drawn; a self-hosted approach with GPU steps
    let mut voice = with_issue_16_inputs(example(VOICE_AGENT));
    range(&mut voice, 1, "launch_months", 0.0, 6.0);
    range(&mut voice, 2, "retraining.every_months", 2.0, 9.0);
    range(&mut voice, 2, "training.usd_per_run", 20.0, 400.0);
    assert_plain_monte_carlo_agrees("voice agent", &voice);
}
