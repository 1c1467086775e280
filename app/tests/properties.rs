//! Property tests of the cost model over generated valid scenarios.

use app::model::breakeven::{break_even_volume, cheapest_by_volume, VolumeCurve};
use app::model::cost::Timeline;
use app::model::params::{cost_params, link_incumbent, CostParams};
use app::model::{
    analyze, analyze_without_uncertainty, parse_scenario, Analysis, Approach, ApproachKind,
    CostBasis, Data, Effort, Evals, PerQuery, PromptTokens, Quality, Readiness, Retraining,
    Scenario, SelfHosted, Simulation, Team, Training, TrainingTokens, VerdictStatus, Volume,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn approach_strategy(index: usize) -> impl Strategy<Value = Approach> {
    (
        (
            0.0..50_000.0f64,
            0.0..0.02f64,
            0.0..2_000.0f64,
            0.0..2_000.0f64,
        ),
        proptest::option::of((1u32..=12, 0.0..5.0f64, 10.0..2_000.0f64)),
        proptest::option::of((0.5..6.0f64, 200.0..5_000.0f64, 0.1..1.0f64, 0u32..4)),
        proptest::option::of((0.5..1.0f64, 0.0..2.0f64)),
        (0.0..1_000.0f64, 0.0..2.0f64, 0.0..10.0f64),
        any::<bool>(),
        (
            proptest::option::of((0.0..500.0f64, 0.0..20.0f64, 0.0..40.0f64)),
            proptest::option::of((0.0..1_000.0f64, 0.0..1.0f64, 0.0..10.0f64)),
            // launch delays only after the first approach (the incumbent)
            proptest::option::of(0u32..=8).prop_map(move |l| l.filter(|_| index > 0)),
            proptest::option::of(-60.0..60.0f64),
            proptest::option::of((0.0..=1.0f64, 0.0..=1.0f64)),
        ),
    )
        .prop_map(
            move |(
                (setup, extra, input, output),
                retrain,
                hosted,
                quality,
                (fixed, usd_in, usd_out),
                ranged,
                (effort, evals, launch, trend, batch),
            )| {
                let mut ranges = BTreeMap::new();
                if ranged {
                    ranges.insert("setup_usd".to_string(), [setup * 0.5, setup * 2.0]);
                    if let Some(trend) = trend {
                        ranges.insert(
                            "price_trend_pct_per_year".to_string(),
                            [trend - 10.0, trend + 10.0],
                        );
                    }
                    if let Some(launch) = launch {
                        let launch = f64::from(launch);
                        ranges.insert("launch_months".to_string(), [launch * 0.5, launch]);
                    }
                    if let Some((setup_hours, _, _)) = effort {
                        ranges.insert(
                            "effort.setup_hours".to_string(),
                            [setup_hours * 0.5, setup_hours * 3.0],
                        );
                    }
                }
                let mut approach = Approach {
                    id: format!("a{index}"),
                    kind: ApproachKind::ALL[index % 4],
                    label: String::new(),
                    model: None,
                    setup_usd: setup,
                    // every third approach works its tokens out from parts
                    prompt: index.is_multiple_of(3).then_some(PromptTokens {
                        system_tokens: input / 2.0,
                        user_tokens: input / 4.0,
                        shots: 3.0,
                        tokens_per_shot: output,
                        chunks: 2.0,
                        tokens_per_chunk: input / 8.0,
                    }),
                    data: Some(Data {
                        examples: 100.0,
                        usd_per_example: 1.0,
                    }),
                    training: retrain.map(|(_, runs, usd)| Training {
                        runs,
                        usd_per_run: usd,
                        // odd approaches price their runs by training tokens
                        tokens: (index % 2 == 1).then_some(TrainingTokens {
                            tokens_per_example: input,
                            epochs: runs,
                            usd_per_1m_tokens: usd_out,
                        }),
                    }),
                    retraining: retrain.map(|(every, runs, _)| Retraining {
                        every_months: every,
                        runs,
                    }),
                    per_query: PerQuery {
                        input_tokens: input,
                        output_tokens: output,
                        usd_per_1m_input: if hosted.is_some() { 0.0 } else { usd_in },
                        usd_per_1m_output: if hosted.is_some() { 0.0 } else { usd_out },
                        extra_usd: extra,
                        ..PerQuery::default()
                    },
                    monthly_fixed_usd: fixed,
                    self_hosted: hosted.map(|(usd, tps, util, min)| SelfHosted {
                        usd_per_gpu_hour: usd,
                        tokens_per_second: tps,
                        utilization: util,
                        min_gpus: min,
                    }),
                    quality: quality.map(|(accuracy, usd_per_error)| Quality {
                        accuracy,
                        usd_per_error,
                    }),
                    latency_ms_p50: None,
                    effort: effort.map(|(setup_hours, hours_per_run, hours_per_month)| Effort {
                        setup_hours,
                        hours_per_run,
                        hours_per_month,
                    }),
                    evals: evals.map(|(cases, usd_per_case, runs_at_setup)| Evals {
                        cases,
                        usd_per_case,
                        runs_at_setup,
                    }),
                    launch_months: launch,
                    price_trend_pct_per_year: trend,
                    ranges,
                };
                if let Some((share, discount)) = batch {
                    approach.per_query.batch_share = Some(share);
                    approach.per_query.batch_discount = Some(discount);
                }
                approach.sync_derived();
                approach
            },
        )
}

fn readiness_strategy() -> impl Strategy<Value = Option<Readiness>> {
    proptest::option::of((
        proptest::option::of(0.0..10.0f64),
        proptest::option::of(0.0..=1.0f64),
        any::<[bool; 6]>(),
    ))
    .prop_map(|r| {
        r.map(|(weeks, recall, ticks)| Readiness {
            prompt_iteration_weeks: weeks,
            rag_added: ticks[0],
            retrieval_recall: recall,
            quality_gap_measured: ticks[1],
            narrow_task: ticks[2],
            narrow_domain: ticks[3],
            latency_need: ticks[4],
            strict_format: ticks[5],
        })
    })
}

fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    (
        1u32..=60,
        0.0..5e7f64,
        -10.0..20.0f64,
        any::<bool>(),
        prop::collection::vec(0usize..1, 1..=4),
        readiness_strategy(),
        proptest::option::of(0.0..300.0f64),
    )
        .prop_flat_map(
            |(horizon, volume, growth, adjusted, count, readiness, rate)| {
                let approaches: Vec<_> = (0..count.len()).map(approach_strategy).collect();
                approaches.prop_map(move |mut approaches| {
                    // launches (and their ranges) fall within the horizon
                    for approach in &mut approaches {
                        if let Some(launch) = approach.launch_months.as_mut() {
                            *launch = (*launch).min(horizon);
                            let end = f64::from(*launch);
                            if let Some(range) = approach.ranges.get_mut("launch_months") {
                                *range = [end * 0.5, end];
                            }
                        }
                    }
                    Scenario {
                        readiness: readiness.clone(),
                        name: "generated".into(),
                        currency: "USD".into(),
                        horizon_months: horizon,
                        cost_basis: if adjusted {
                            CostBasis::QualityAdjusted
                        } else {
                            CostBasis::Compute
                        },
                        latency_target_ms: None,
                        volume: Volume {
                            queries_per_month: volume,
                            monthly_growth_pct: growth,
                        },
                        approaches,
                        simulation: Some(Simulation {
                            samples: 200,
                            seed: 1,
                        }),
                        team: rate.map(|usd_per_engineer_hour| Team {
                            usd_per_engineer_hour,
                        }),
                        incumbent: (rate.is_some()).then(|| "a0".to_string()),
                        prices_from: None,
                    }
                })
            },
        )
}

fn params(scenario: &Scenario) -> Vec<CostParams> {
    cost_params(scenario)
}

/// Whether an approach's total is linear in volume: no month bills GPUs,
/// its own or the incumbent's before launch.
fn is_linear(p: &CostParams) -> bool {
    let pays_hosted_incumbent = p.launch_months > 0 && p.incumbent.self_hosted;
    !(p.self_hosted || pays_hosted_incumbent)
}

fn timeline(scenario: &Scenario) -> Timeline {
    Timeline::new(scenario.horizon_months, scenario.volume.monthly_growth_pct)
}

fn assert_finite(analysis: &Analysis) {
    let check = |x: f64, what: &str| assert!(x.is_finite(), "{what} is {x}");
    for a in &analysis.approaches {
        for x in [
            a.per_query_usd,
            a.one_time_usd,
            a.monthly_usd_at_horizon,
            a.total_usd,
            a.total_queries,
        ] {
            check(x, &a.id);
        }
        a.cumulative_usd
            .iter()
            .for_each(|x| check(*x, "cumulative"));
        if let Some(x) = a.amortized_usd_per_query {
            check(x, "amortized");
        }
    }
    for p in &analysis.pairs {
        if let Some(q) = p.break_even_queries_per_month {
            check(q, "break-even");
        }
    }
    for b in &analysis.cheapest_by_volume {
        check(b.from_queries_per_month, "band from");
    }
    check(analysis.cheapest.saving_usd, "saving");
    check(analysis.cheapest.saving_pct, "saving %");
    if let Some(u) = &analysis.uncertainty {
        for p in u.p_cheapest.values() {
            check(*p, "p_cheapest");
        }
        for t in u.total_usd.values() {
            [t.p10, t.p50, t.p90]
                .iter()
                .for_each(|x| check(*x, "total pct"));
        }
        for c in u.cumulative_usd.values() {
            c.p10
                .iter()
                .chain(&c.p50)
                .chain(&c.p90)
                .for_each(|x| check(*x, "curve pct"));
        }
        for r in &u.sensitivity {
            check(r.total_usd_at_low, "sens low");
            check(r.total_usd_at_high, "sens high");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn valid_scenarios_never_give_nan_or_infinity(scenario in scenario_strategy()) {
        let analysis = analyze(&scenario).expect("generated scenarios are valid");
        assert_finite(&analysis);
    }

    #[test]
    fn the_fine_tuning_verdict_follows_the_checklist_and_the_bands(scenario in scenario_strategy()) {
        let analysis = analyze(&scenario).unwrap();
        let verdict = &analysis.fine_tuning;
        let has_fine_tuning = scenario.approaches.iter().any(|a| a.kind == ApproachKind::FineTuning);
        prop_assert_eq!(has_fine_tuning, verdict.status != VerdictStatus::NoFineTuning);
        if has_fine_tuning {
            prop_assert_eq!(verdict.status == VerdictStatus::NotReady, !verdict.blockers.is_empty());
            prop_assert_eq!(
                verdict.status == VerdictStatus::FineTune,
                verdict.blockers.is_empty() && !verdict.payoffs.is_empty()
            );
        }
        // "cheapest now" means a fine-tuning approach's band holds the volume
        if let Some(app::model::Economics::CheapestNow { approach, from_queries_per_month }) = &verdict.economics {
            let volume = scenario.volume.queries_per_month;
            let band = analysis.cheapest_by_volume.iter().find(|b| &b.approach == approach && b.from_queries_per_month == *from_queries_per_month).unwrap();
            prop_assert!(band.from_queries_per_month <= volume);
            prop_assert!(band.to_queries_per_month.is_none_or(|to| volume < to));
        }
    }

    /// The winner had batch pricing or the price trend not been used: the
    /// analysis skips approaches that cannot win; this computes every one.
    #[test]
    fn the_winner_without_a_lever_is_the_cheapest_released_total(scenario in scenario_strategy()) {
        let analysis = analyze_without_uncertainty(&scenario).unwrap();
        let timeline = timeline(&scenario);
        let volume = scenario.volume.queries_per_month;
        let winner = |release: fn(&mut CostParams)| {
            let mut released = scenario.clone();
            let mut params = params(&released);
            params.iter_mut().for_each(release);
            link_incumbent(&mut params, released.incumbent_index());
            let totals: Vec<f64> = params.iter().map(|p| p.total_usd(&timeline, volume)).collect();
            let best = (0..totals.len()).fold(0, |b, i| if totals[i] < totals[b] { i } else { b });
            released.approaches.swap_remove(best).id
        };
        let cheapest = &analysis.cheapest;
        if let Some(without) = &cheapest.without_batch {
            prop_assert_eq!(&**without, &*winner(|p| p.batch_share = 0.0));
        }
        if let Some(without) = &cheapest.without_price_trend {
            prop_assert_eq!(&**without, &*winner(|p| p.price_trend_pct_per_year = 0.0));
        }
        let pulls = |lever: fn(&Approach) -> bool| scenario.approaches.iter().any(lever);
        prop_assert_eq!(cheapest.without_batch.is_some(), pulls(|a| a.per_query.batch_share.unwrap_or(0.0) > 0.0));
        prop_assert_eq!(
            cheapest.without_price_trend.is_some(),
            pulls(|a| a.price_trend_pct_per_year.unwrap_or(0.0) != 0.0)
        );
    }

    /// Value of information: one figure per ranged input, most valuable
    /// first, each between 0 and EVPI; EVPI is 0 when one approach is the
    /// cheapest in every sample, and then so is every input's.
    #[test]
    fn value_of_information_is_bounded_by_perfect_information(scenario in scenario_strategy()) {
        let analysis = analyze(&scenario).unwrap();
        let Some(uncertainty) = &analysis.uncertainty else {
            return Ok(());
        };
        let voi = uncertainty.value_of_information.as_ref().expect("every Monte Carlo has it");
        let ranges: usize = scenario.approaches.iter().map(|a| a.ranges.len()).sum();
        prop_assert_eq!(voi.inputs.len(), ranges);
        prop_assert!(voi.evpi_usd >= 0.0 && voi.evpi_usd.is_finite());
        for pair in voi.inputs.windows(2) {
            prop_assert!(pair[0].evppi_usd >= pair[1].evppi_usd);
        }
        for input in &voi.inputs {
            prop_assert!(input.evppi_usd >= 0.0 && input.evppi_usd <= voi.evpi_usd, "{input:?} > {}", voi.evpi_usd);
            if input.field == "latency_ms_p50" {
                prop_assert_eq!(input.evppi_usd, 0.0);
            }
        }
        if uncertainty.p_cheapest.values().any(|p| *p == 1.0) {
            prop_assert_eq!(voi.evpi_usd, 0.0);
        }
    }

    /// The slope-only walk (the winners without a lever, the break-even
    /// curves) and the walk that also builds the curve agree to the bit.
    #[test]
    fn the_slope_alone_equals_the_slope_of_the_full_walk(scenario in scenario_strategy()) {
        let timeline = timeline(&scenario);
        let volume = scenario.volume.queries_per_month;
        for p in params(&scenario) {
            let walked = p.months_and_slope(&timeline, volume, |_, _| {});
            prop_assert_eq!(p.variable_slope(&timeline).to_bits(), walked.to_bits());
        }
    }

    #[test]
    fn analysis_survives_a_json_round_trip(scenario in scenario_strategy()) {
        let json = serde_json::to_string(&scenario).unwrap();
        let parsed = parse_scenario(&json).unwrap();
        prop_assert_eq!(analyze(&parsed).unwrap(), analyze(&scenario).unwrap());
    }

    #[test]
    fn totals_never_fall_as_volume_rises(scenario in scenario_strategy(), q1 in 0.0..1e8f64, q2 in 0.0..1e8f64) {
        let (low, high) = if q1 <= q2 { (q1, q2) } else { (q2, q1) };
        let timeline = timeline(&scenario);
        for p in params(&scenario) {
            let (a, b) = (p.total_usd(&timeline, low), p.total_usd(&timeline, high));
            prop_assert!(a <= b * (1.0 + 1e-12) + 1e-9, "{} > {}", a, b);
            // the curve's last point is the same total
            let curve = p.cumulative_usd(&timeline, high);
            prop_assert!((curve[curve.len() - 1] - b).abs() <= 1e-9 * b.max(1.0));
        }
    }

    #[test]
    fn the_break_even_volume_really_equalises_or_flips(scenario in scenario_strategy()) {
        let timeline = timeline(&scenario);
        let params = params(&scenario);
        for i in 0..params.len() {
            for j in i + 1..params.len() {
                let (a, b) = (VolumeCurve::new(&params[i], &timeline), VolumeCurve::new(&params[j], &timeline));
                let Some(q) = break_even_volume(&a, &b) else { continue };
                let f = |x: f64| a.total(x) - b.total(x);
                let scale = a.total(q).abs().max(b.total(q).abs()).max(1.0);
                let sign0 = f(0.0).signum();
                if is_linear(&params[i]) && is_linear(&params[j]) {
                    // linear: the totals are equal at q*
                    prop_assert!(f(q).abs() <= 1e-7 * scale, "f({}) = {}", q, f(q));
                } else if f(0.0) != 0.0 {
                    // piecewise: same sign just below q*, flipped at or just above it
                    let below = q * (1.0 - 1e-9) - 1e-9;
                    if below > 0.0 {
                        prop_assert!(f(below) * sign0 > -1e-7 * scale, "no flip before q*: f({}) = {}", below, f(below));
                    }
                    let after = [q, q * (1.0 + 1e-9) + 1e-9].map(|x| f(x) * sign0);
                    prop_assert!(after.iter().any(|v| *v <= 1e-7 * scale), "no flip at q* = {}: {:?}", q, after);
                }
            }
        }
    }

    #[test]
    fn cheapest_bands_tile_the_volume_axis(scenario in scenario_strategy()) {
        let timeline = timeline(&scenario);
        let params = params(&scenario);
        let curves: Vec<VolumeCurve> = params.iter().map(|p| VolumeCurve::new(p, &timeline)).collect();
        let envelope = cheapest_by_volume(&curves);
        let bands = envelope.bands;
        prop_assert_eq!(bands[0].from, 0.0);
        prop_assert_eq!(bands.last().unwrap().to, None);
        for pair in bands.windows(2) {
            prop_assert_eq!(pair[0].to, Some(pair[1].from));
            prop_assert!(pair[0].from < pair[1].from);
            prop_assert_ne!(pair[0].approach, pair[1].approach);
        }
        // A search that gave up says where; only the last band can reach past it.
        if let Some(unknown_from) = envelope.unknown_from {
            prop_assert!(unknown_from >= bands.last().unwrap().from);
        }
        // inside each band its approach is (within rounding) the cheapest
        for band in &bands {
            let mid = match (band.to, envelope.unknown_from) {
                (Some(to), _) => (band.from + to) / 2.0,
                (None, Some(unknown_from)) => unknown_from,
                (None, None) => band.from * 2.0 + 1.0,
            };
            let own = curves[band.approach].total(mid);
            let best = curves.iter().map(|c| c.total(mid)).fold(f64::INFINITY, f64::min);
            if own > best + 1e-7 * best.abs().max(1.0) {
                if let Ok(path) = std::env::var("DUMP_FAILING") { std::fs::write(path, serde_json::to_string(&scenario).unwrap()).unwrap(); }
            }
            prop_assert!(own <= best + 1e-7 * best.abs().max(1.0), "band {:?}: {} > {}", band, own, best);
        }
    }
}
