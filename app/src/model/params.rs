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
}

/// Every approach's numbers, in scenario order.
pub(crate) fn cost_params(scenario: &Scenario) -> Vec<CostParams> {
    scenario
        .approaches
        .iter()
        .map(|a| CostParams::from_approach(a, scenario.cost_basis))
        .collect()
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
                "quality":{"accuracy":1,"usd_per_error":1},"latency_ms_p50":1}"#,
        );
        for (i, field) in Field::ALL.into_iter().enumerate() {
            let value = if field == Field::GpuUtilization || field == Field::Accuracy {
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
