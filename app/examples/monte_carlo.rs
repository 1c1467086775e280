//! One Monte Carlo analysis of the 60-month benchmark scenario, for profilers
//! (`valgrind --tool=callgrind target/release/examples/monte_carlo`).

use app::model::analyze;
use app::model::examples::{example, SUPPORT_TICKET_TRIAGE};

fn main() {
    let mut scenario = example(SUPPORT_TICKET_TRIAGE);
    scenario.horizon_months = 60;
    let analysis = analyze(&scenario).expect("valid");
    println!("{:?}", analysis.uncertainty.map(|u| u.total_usd));
}
