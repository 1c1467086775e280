//! A flat, copyable view of one approach's numbers. The engine computes on this
//! rather than on `Approach` so that Monte Carlo and sensitivity can vary a field
//! by its dotted path without cloning strings and maps for every sample.

pub use super::inputs::Field;
use super::scenario::{Approach, CostBasis, Scenario, DEFAULT_BATCH_DISCOUNT};

/// The numbers of one approach, flattened. Absent optional sections are zeros
/// (and `has_*` flags), which price exactly like the section being absent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostParams {
    pub setup_usd: f64,
    pub data_examples: f64,
    pub data_usd_per_example: f64,
    pub training_runs: f64,
    pub training_usd_per_run: f64,
    pub retraining_every_months: u32,
    pub retraining_runs: f64,
    pub input_tokens: f64,
    pub cached_input_tokens: f64,
    pub output_tokens: f64,
    pub usd_per_1m_input: f64,
    pub usd_per_1m_cached_input: f64,
    pub usd_per_1m_output: f64,
    pub extra_usd: f64,
    pub monthly_fixed_usd: f64,
    pub self_hosted: bool,
    pub gpu_usd_per_hour: f64,
    pub gpu_tokens_per_second: f64,
    pub gpu_utilization: f64,
    pub min_gpus: u32,
    /// Whether quality counts in the per-query cost (quality-adjusted basis and
    /// a `quality` section present).
    pub quality_adjusted: bool,
    pub accuracy: f64,
    pub usd_per_error: f64,
    pub latency_ms_p50: Option<f64>,
    pub batch_share: f64,
    pub batch_discount: f64,
    /// The scenario's `team.usd_per_engineer_hour` (0 when absent).
    pub engineer_usd_per_hour: f64,
    pub setup_hours: f64,
    pub hours_per_run: f64,
    pub hours_per_month: f64,
    pub eval_cases: f64,
    pub eval_usd_per_case: f64,
    pub eval_runs_at_setup: f64,
    /// Months before it serves traffic (0 for the incumbent).
    pub launch_months: u32,
    pub price_trend_pct_per_year: f64,
    /// What the incumbent charges per query until this approach launches
    /// (copied in by `cost_params`, so that every price stays a function of
    /// one `CostParams`).
    pub incumbent: Served,
}

/// What serving queries costs one approach: the variable part of its month,
/// which an approach still being built pays to the incumbent.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Served {
    /// Token cost of one query in month 1 (batch share applied).
    pub tokens_usd: f64,
    pub extra_usd: f64,
    /// The quality-adjusted cost of wrong answers per query (0 on a compute basis).
    pub errors_usd: f64,
    /// Factor on token prices from one month to the next.
    pub trend_per_month: f64,
    pub self_hosted: bool,
    pub tokens_per_query: f64,
    pub gpu_tokens_per_month: f64,
    pub gpu_usd_per_month: f64,
    pub min_gpus: f64,
}

/// Every approach's numbers, in scenario order, with the team's hourly
/// cost and the incumbent's prices filled in.
pub fn cost_params(scenario: &Scenario) -> Vec<CostParams> {
    let rate = scenario
        .team
        .as_ref()
        .map_or(0.0, |t| t.usd_per_engineer_hour);
    let mut params: Vec<CostParams> = scenario
        .approaches
        .iter()
        .map(|a| CostParams {
            engineer_usd_per_hour: rate,
            ..CostParams::from_approach(a, scenario.cost_basis)
        })
        .collect();
    link_incumbent(&mut params, scenario.incumbent_index());
    params
}

/// Copies the incumbent's serving prices into every approach (after they
/// changed, as in a Monte Carlo sample).
pub fn link_incumbent(params: &mut [CostParams], incumbent: usize) {
    if let Some(served) = params.get(incumbent).map(CostParams::served) {
        for p in params.iter_mut() {
            p.incumbent = served;
        }
    }
}

impl Scenario {
    /// The index of the approach the team runs today (the first, unless
    /// `incumbent` names another).
    pub fn incumbent_index(&self) -> usize {
        self.incumbent
            .as_deref()
            .and_then(|id| self.approaches.iter().position(|a| a.id == id))
            .unwrap_or(0)
    }
}

impl CostParams {
    pub fn from_approach(approach: &Approach, basis: CostBasis) -> CostParams {
        let q = &approach.per_query;
        CostParams {
            setup_usd: approach.setup_usd,
            data_examples: approach.data.as_ref().map_or(0.0, |d| d.examples),
            data_usd_per_example: approach.data.as_ref().map_or(0.0, |d| d.usd_per_example),
            training_runs: approach.training.as_ref().map_or(0.0, |t| t.runs),
            training_usd_per_run: approach.training.as_ref().map_or(0.0, |t| t.usd_per_run),
            retraining_every_months: approach.retraining.as_ref().map_or(0, |r| r.every_months),
            retraining_runs: approach.retraining.as_ref().map_or(0.0, |r| r.runs),
            input_tokens: q.input_tokens,
            cached_input_tokens: q.cached_input_tokens,
            output_tokens: q.output_tokens,
            usd_per_1m_input: q.usd_per_1m_input,
            usd_per_1m_cached_input: q.usd_per_1m_cached_input,
            usd_per_1m_output: q.usd_per_1m_output,
            extra_usd: q.extra_usd,
            monthly_fixed_usd: approach.monthly_fixed_usd,
            self_hosted: approach.self_hosted.is_some(),
            gpu_usd_per_hour: approach
                .self_hosted
                .as_ref()
                .map_or(0.0, |s| s.usd_per_gpu_hour),
            gpu_tokens_per_second: approach
                .self_hosted
                .as_ref()
                .map_or(0.0, |s| s.tokens_per_second),
            gpu_utilization: approach.self_hosted.as_ref().map_or(0.0, |s| s.utilization),
            min_gpus: approach.self_hosted.as_ref().map_or(0, |s| s.min_gpus),
            quality_adjusted: basis == CostBasis::QualityAdjusted && approach.quality.is_some(),
            accuracy: approach.quality.as_ref().map_or(1.0, |x| x.accuracy),
            usd_per_error: approach.quality.as_ref().map_or(0.0, |x| x.usd_per_error),
            latency_ms_p50: approach.latency_ms_p50,
            batch_share: q.batch_share.unwrap_or(0.0),
            batch_discount: q.batch_discount.unwrap_or(DEFAULT_BATCH_DISCOUNT),
            engineer_usd_per_hour: 0.0,
            setup_hours: approach.effort.as_ref().map_or(0.0, |e| e.setup_hours),
            hours_per_run: approach.effort.as_ref().map_or(0.0, |e| e.hours_per_run),
            hours_per_month: approach.effort.as_ref().map_or(0.0, |e| e.hours_per_month),
            eval_cases: approach.evals.as_ref().map_or(0.0, |e| e.cases),
            eval_usd_per_case: approach.evals.as_ref().map_or(0.0, |e| e.usd_per_case),
            eval_runs_at_setup: approach.evals.as_ref().map_or(0.0, |e| e.runs_at_setup),
            launch_months: approach.launch_months.unwrap_or(0),
            price_trend_pct_per_year: approach.price_trend_pct_per_year.unwrap_or(0.0),
            incumbent: Served::default(),
        }
    }

    pub fn get(&self, field: Field) -> f64 {
        match field {
            Field::SetupUsd => self.setup_usd,
            Field::DataExamples => self.data_examples,
            Field::DataUsdPerExample => self.data_usd_per_example,
            Field::TrainingRuns => self.training_runs,
            Field::TrainingUsdPerRun => self.training_usd_per_run,
            Field::RetrainingEveryMonths => f64::from(self.retraining_every_months),
            Field::RetrainingRuns => self.retraining_runs,
            Field::InputTokens => self.input_tokens,
            Field::CachedInputTokens => self.cached_input_tokens,
            Field::OutputTokens => self.output_tokens,
            Field::UsdPer1mInput => self.usd_per_1m_input,
            Field::UsdPer1mCachedInput => self.usd_per_1m_cached_input,
            Field::UsdPer1mOutput => self.usd_per_1m_output,
            Field::ExtraUsd => self.extra_usd,
            Field::MonthlyFixedUsd => self.monthly_fixed_usd,
            Field::GpuUsdPerHour => self.gpu_usd_per_hour,
            Field::GpuTokensPerSecond => self.gpu_tokens_per_second,
            Field::GpuUtilization => self.gpu_utilization,
            Field::MinGpus => f64::from(self.min_gpus),
            Field::Accuracy => self.accuracy,
            Field::UsdPerError => self.usd_per_error,
            Field::LatencyMsP50 => self.latency_ms_p50.unwrap_or(0.0),
            Field::BatchShare => self.batch_share,
            Field::BatchDiscount => self.batch_discount,
            Field::SetupHours => self.setup_hours,
            Field::HoursPerRun => self.hours_per_run,
            Field::HoursPerMonth => self.hours_per_month,
            Field::EvalCases => self.eval_cases,
            Field::EvalUsdPerCase => self.eval_usd_per_case,
            Field::EvalRunsAtSetup => self.eval_runs_at_setup,
            Field::LaunchMonths => f64::from(self.launch_months),
            Field::PriceTrendPctPerYear => self.price_trend_pct_per_year,
        }
    }

    pub fn set(&mut self, field: Field, value: f64) {
        let whole = |v: f64| v.round().clamp(0.0, f64::from(u32::MAX)) as u32;
        match field {
            Field::SetupUsd => self.setup_usd = value,
            Field::DataExamples => self.data_examples = value,
            Field::DataUsdPerExample => self.data_usd_per_example = value,
            Field::TrainingRuns => self.training_runs = value,
            Field::TrainingUsdPerRun => self.training_usd_per_run = value,
            Field::RetrainingEveryMonths => self.retraining_every_months = whole(value).max(1),
            Field::RetrainingRuns => self.retraining_runs = value,
            Field::InputTokens => self.input_tokens = value,
            Field::CachedInputTokens => self.cached_input_tokens = value,
            Field::OutputTokens => self.output_tokens = value,
            Field::UsdPer1mInput => self.usd_per_1m_input = value,
            Field::UsdPer1mCachedInput => self.usd_per_1m_cached_input = value,
            Field::UsdPer1mOutput => self.usd_per_1m_output = value,
            Field::ExtraUsd => self.extra_usd = value,
            Field::MonthlyFixedUsd => self.monthly_fixed_usd = value,
            Field::GpuUsdPerHour => self.gpu_usd_per_hour = value,
            Field::GpuTokensPerSecond => self.gpu_tokens_per_second = value,
            Field::GpuUtilization => self.gpu_utilization = value,
            Field::MinGpus => self.min_gpus = whole(value),
            Field::Accuracy => self.accuracy = value,
            Field::UsdPerError => self.usd_per_error = value,
            Field::LatencyMsP50 => self.latency_ms_p50 = Some(value),
            Field::BatchShare => self.batch_share = value,
            Field::BatchDiscount => self.batch_discount = value,
            Field::SetupHours => self.setup_hours = value,
            Field::HoursPerRun => self.hours_per_run = value,
            Field::HoursPerMonth => self.hours_per_month = value,
            Field::EvalCases => self.eval_cases = value,
            Field::EvalUsdPerCase => self.eval_usd_per_case = value,
            Field::EvalRunsAtSetup => self.eval_runs_at_setup = value,
            // sampled launch months are rounded to the nearest whole month
            Field::LaunchMonths => self.launch_months = whole(value),
            Field::PriceTrendPctPerYear => self.price_trend_pct_per_year = value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::approach_from_json;

    #[test]
    fn every_field_reads_back_what_was_set() {
        let mut approach = approach_from_json(
            r#"{"id":"ft","kind":"fine_tuning","setup_usd":0,"per_query":{},
                "data":{"examples":1,"usd_per_example":1},"training":{"runs":1,"usd_per_run":1},
                "retraining":{"every_months":1,"runs":1},
                "self_hosted":{"usd_per_gpu_hour":1,"tokens_per_second":1,"utilization":1,"min_gpus":1},
                "quality":{"accuracy":1,"usd_per_error":1},"latency_ms_p50":1,
                "effort":{},"evals":{},"launch_months":0,"price_trend_pct_per_year":0}"#,
        );
        for (i, field) in Field::ALL.into_iter().enumerate() {
            let value = if matches!(
                field,
                Field::GpuUtilization | Field::Accuracy | Field::BatchShare | Field::BatchDiscount
            ) {
                0.5
            } else {
                i as f64 + 2.0
            };
            approach.set_field(field, value);
            assert_eq!(approach.field(field), Some(value), "{}", field.path());
            assert_eq!(Field::from_path(field.path()), Some(field));
        }
        let mut bare =
            approach_from_json(r#"{"id":"p","kind":"prompting","setup_usd":0,"per_query":{}}"#);
        bare.set_field(Field::TrainingRuns, 3.0);
        assert_eq!(bare.field(Field::TrainingRuns), None);
    }
}
