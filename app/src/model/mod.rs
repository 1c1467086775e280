//! The cost model: pure Rust, no UI and no I/O, compiled for the server and
//! for wasm. Every number Breakeven shows is computed here.

//!
//! Layered one way (each imports only from the lines above it):
//! scenario, inputs (the field registry) -> params -> cost -> breakdown ->
//! breakeven ->
//! results, verdict (plain result types) -> validate -> analysis (point
//! figures) -> readiness (the verdict) -> ranges -> sensitivity ->
//! uncertainty -> pipeline (`analyze`). templates and examples sit beside
//! them, on inputs and scenario only; sort (a small stable sort) is a leaf
//! any of them may use.

pub mod analysis;
pub mod breakdown;
pub mod breakeven;
pub mod compare;
pub mod cost;
pub mod dates;
pub mod examples;
// the value of information is reported by the server only (see `uncertainty`)
#[cfg(not(target_arch = "wasm32"))]
pub mod information;
pub mod inputs;
pub mod params;
pub mod pipeline;
pub mod ranges;
pub mod readiness;
pub mod results;
pub mod scenario;
pub mod sensitivity;
pub(crate) mod sort;
pub mod templates;
pub mod uncertainty;
pub mod validate;
pub mod verdict;

pub use analysis::{
    log_volumes, volume_sweep, Analysis, ApproachResult, Cheapest, PairResult, VolumeBand,
    VolumeSweep,
};
pub use breakdown::Breakdown;
pub use params::Field;
pub use pipeline::{analyze, analyze_without_uncertainty};
pub use scenario::{
    Approach, ApproachKind, CostBasis, Data, Effort, Evals, PerQuery, PromptTokens, Quality,
    Readiness, Retraining, Scenario, SelfHosted, Simulation, Team, Training, TrainingTokens,
    Volume,
};
pub use sensitivity::SensitivityRow;
pub use uncertainty::Uncertainty;
pub use validate::{parse_scenario, read_stored_scenario, validate, FieldError, ScenarioError};
pub use verdict::{Blocker, Economics, FineTuneVerdict, Payoff, VerdictStatus};

#[cfg(test)]
pub(crate) mod test_support {
    use super::scenario::Approach;

    pub fn approach_from_json(json: &str) -> Approach {
        serde_json::from_str(json).expect("test approach JSON")
    }
}
