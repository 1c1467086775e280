//! `cargo bench -p app --bench model`: the cost model's speed targets
//! (analysis of a 4-approach, 60-month scenario under 20 us; Monte Carlo with
//! 10,000 samples under 10 ms). Figures go into docs/performance.md.
//!
//! Every approach carries issue #16's inputs (people and evals, the
//! example's own where it has them; a launch delay after the incumbent; a
//! batch share; a price trend), so that the figures compare with the code
//! before them (a criterion baseline saved from that commit in the same run)
//! on the work the model now does.

use app::model::examples::{example, SUPPORT_TICKET_TRIAGE};
use app::model::{analyze, Effort, Evals, Scenario, Team};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn sixty_months() -> Scenario {
    let mut scenario = example(SUPPORT_TICKET_TRIAGE);
    scenario.horizon_months = 60;
    scenario.team = Some(Team {
        usd_per_engineer_hour: 100.0,
    });
    for (index, approach) in scenario.approaches.iter_mut().enumerate() {
        // the example's own hours and evals where it has them
        approach.effort.get_or_insert(Effort {
            setup_hours: 40.0,
            hours_per_run: 8.0,
            hours_per_month: 4.0,
        });
        approach.evals.get_or_insert(Evals {
            cases: 200.0,
            usd_per_case: 0.05,
            runs_at_setup: 3.0,
        });
        approach.launch_months.get_or_insert(index as u32);
        approach.price_trend_pct_per_year = Some(-20.0);
        approach.per_query.batch_share = Some(0.2);
    }
    scenario
}

fn bench_model(c: &mut Criterion) {
    let mut deterministic = sixty_months();
    for approach in &mut deterministic.approaches {
        approach.ranges.clear();
    }
    assert_eq!(deterministic.approaches.len(), 4);
    c.bench_function("analyze 4 approaches x 60 months", |b| {
        b.iter(|| analyze(black_box(&deterministic)).unwrap())
    });

    let ranged = sixty_months();
    assert!(ranged.has_ranges());
    let mut group = c.benchmark_group("monte carlo");
    group.sample_size(20);
    group.bench_function("10,000 samples, 4 approaches x 60 months", |b| {
        b.iter(|| analyze(black_box(&ranged)).unwrap())
    });
    // The worst case: every approach has a ranged field, so every curve varies.
    let mut all_ranged = sixty_months();
    for approach in &mut all_ranged.approaches {
        let setup = approach.setup_usd;
        approach
            .ranges
            .insert("setup_usd".into(), [setup * 0.5, setup * 2.0]);
    }
    group.bench_function("10,000 samples, all 4 approaches ranged", |b| {
        b.iter(|| analyze(black_box(&all_ranged)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench_model);
criterion_main!(benches);
