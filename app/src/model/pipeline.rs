//! The whole analysis, layer by layer: validation, the point figures
//! (`analysis`), the fine-tuning verdict (`readiness`), then the Monte Carlo
//! with its sensitivity rows (`uncertainty`). The one module that knows the
//! order; every layer below it imports only from layers below itself.

use super::analysis::{analyze_params, Analysis};
use super::params::cost_params;
use super::readiness::fine_tune_verdict;
use super::scenario::Scenario;
use super::uncertainty::simulate;
use super::validate::{validate, FieldError};

/// Analyses a scenario, validating it first.
pub fn analyze(scenario: &Scenario) -> Result<Analysis, Vec<FieldError>> {
    let mut analysis = analyze_without_uncertainty(scenario)?;
    if scenario.has_ranges() {
        let params = cost_params(scenario);
        analysis.uncertainty = Some(simulate(scenario, &params, &analysis));
    }
    Ok(analysis)
}

/// `analyze` without the Monte Carlo (`uncertainty` is always null): for
/// callers that need only the point figures, such as most charts.
pub fn analyze_without_uncertainty(scenario: &Scenario) -> Result<Analysis, Vec<FieldError>> {
    let errors = validate(scenario);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut analysis = analyze_params(scenario, &cost_params(scenario));
    analysis.fine_tuning = fine_tune_verdict(scenario, &analysis);
    Ok(analysis)
}
