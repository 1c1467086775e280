//! The cost model: pure Rust, no UI and no I/O, compiled for the server and
//! for wasm. Every number Breakeven shows is computed here.

pub mod analysis;
pub mod breakeven;
pub mod cost;
pub mod examples;
pub mod params;
pub mod readiness;
pub mod scenario;
pub mod sensitivity;
pub mod templates;
pub mod uncertainty;
pub mod validate;

pub use analysis::{
    analyze, analyze_without_uncertainty, log_volumes, volume_sweep, Analysis, ApproachResult,
    Cheapest, PairResult, VolumeBand, VolumeSweep,
};
pub use params::Field;
pub use readiness::{Blocker, Economics, FineTuneVerdict, Payoff, VerdictStatus};
pub use scenario::{
    Approach, ApproachKind, CostBasis, Data, PerQuery, PromptTokens, Quality, Readiness,
    Retraining, Scenario, SelfHosted, Simulation, Training, TrainingTokens, Volume,
};
pub use sensitivity::SensitivityRow;
pub use uncertainty::Uncertainty;
pub use validate::{parse_scenario, read_stored_scenario, validate, FieldError, ScenarioError};

#[cfg(test)]
pub(crate) mod test_support {
    use super::scenario::Approach;

    pub fn approach_from_json(json: &str) -> Approach {
        serde_json::from_str(json).expect("test approach JSON")
    }
}
