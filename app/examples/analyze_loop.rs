//! The deterministic 60-month benchmark analysis run many times, for profilers
//! (`valgrind --tool=callgrind target/release/examples/analyze_loop`).

use app::model::analyze;
use app::model::examples::{example, SUPPORT_TICKET_TRIAGE};

#[path = "../tests/support/issue_16.rs"]
mod issue_16;

fn main() {
    let mut scenario = example(SUPPORT_TICKET_TRIAGE);
    scenario.horizon_months = 60;
    issue_16::add_issue_16_inputs(&mut scenario, 100.0);
    for approach in &mut scenario.approaches {
        approach.ranges.clear();
    }
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let mut total = 0.0;
    for _ in 0..rounds {
        let analysis = analyze(std::hint::black_box(&scenario)).expect("valid");
        total += analysis.approaches[0].total_usd;
    }
    println!("{total}");
}
