//! Issue #16's inputs on every approach of a scenario, shared by the model
//! bench (`#[path]`-included) and the Monte Carlo test.

use app::model::{Effort, Evals, Scenario, Team};

/// People at `usd_per_engineer_hour`, evals (the example's own hours and
/// evals where it has them), a launch delay after the incumbent, a 20% batch
/// share and a -20%/year price trend on every approach.
pub fn add_issue_16_inputs(scenario: &mut Scenario, usd_per_engineer_hour: f64) {
    scenario.team = Some(Team {
        usd_per_engineer_hour,
    });
    for (index, approach) in scenario.approaches.iter_mut().enumerate() {
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
}
