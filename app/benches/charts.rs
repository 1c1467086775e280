//! `cargo bench -p app --features ssr --bench charts`: PNG render of the
//! amortization chart at 1200x630, uncached (target under 30 ms), beside the
//! same chart as SVG.

use app::chart::theme::Theme;
use app::chart::{render_svg, ChartInput, ChartKind};
use app::model::analyze;
use app::model::examples::{example, SUPPORT_TICKET_TRIAGE};
use app::ssr::charts::render_png;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench_charts(c: &mut Criterion) {
    let scenario = example(SUPPORT_TICKET_TRIAGE);
    let analysis = analyze(&scenario).unwrap();
    let input = ChartInput {
        scenario: &scenario,
        analysis: &analysis,
        theme: Theme::Light,
        as_of: "2026-11-28",
    };
    let mut group = c.benchmark_group("charts");
    group.sample_size(30);
    group.bench_function("amortization PNG 1200x630", |b| {
        b.iter(|| render_png(ChartKind::Amortization, black_box(&input), (1200, 630)).unwrap())
    });
    group.bench_function("amortization SVG 1200x630", |b| {
        b.iter(|| render_svg(ChartKind::Amortization, black_box(&input), (1200, 630)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench_charts);
criterion_main!(benches);
