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
use app::model::{analyze, Scenario};

#[path = "../tests/support/issue_16.rs"]
mod issue_16;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use issue_16::add_issue_16_inputs;

fn sixty_months() -> Scenario {
    let mut scenario = example(SUPPORT_TICKET_TRIAGE);
    scenario.horizon_months = 60;
    add_issue_16_inputs(&mut scenario, 100.0);
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
