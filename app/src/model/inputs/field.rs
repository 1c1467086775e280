//! The cost model's names for the inputs it reads and may vary by a range:
//! each is declared in the registry (`table.rs`), which gives its path.

use super::{input, of_field};
use crate::model::scenario::Approach;

/// Every numeric field of an approach that a range may vary, by its dotted path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    SetupUsd,
    DataExamples,
    DataUsdPerExample,
    TrainingRuns,
    TrainingUsdPerRun,
    RetrainingEveryMonths,
    RetrainingRuns,
    InputTokens,
    CachedInputTokens,
    OutputTokens,
    UsdPer1mInput,
    UsdPer1mCachedInput,
    UsdPer1mOutput,
    ExtraUsd,
    MonthlyFixedUsd,
    GpuUsdPerHour,
    GpuTokensPerSecond,
    GpuUtilization,
    MinGpus,
    Accuracy,
    UsdPerError,
    LatencyMsP50,
    BatchShare,
    BatchDiscount,
    SetupHours,
    HoursPerRun,
    HoursPerMonth,
    EvalCases,
    EvalUsdPerCase,
    EvalRunsAtSetup,
    LaunchMonths,
    PriceTrendPctPerYear,
}

impl Field {
    pub const ALL: [Field; 32] = [
        Field::SetupUsd,
        Field::DataExamples,
        Field::DataUsdPerExample,
        Field::TrainingRuns,
        Field::TrainingUsdPerRun,
        Field::RetrainingEveryMonths,
        Field::RetrainingRuns,
        Field::InputTokens,
        Field::CachedInputTokens,
        Field::OutputTokens,
        Field::UsdPer1mInput,
        Field::UsdPer1mCachedInput,
        Field::UsdPer1mOutput,
        Field::ExtraUsd,
        Field::MonthlyFixedUsd,
        Field::GpuUsdPerHour,
        Field::GpuTokensPerSecond,
        Field::GpuUtilization,
        Field::MinGpus,
        Field::Accuracy,
        Field::UsdPerError,
        Field::LatencyMsP50,
        Field::BatchShare,
        Field::BatchDiscount,
        Field::SetupHours,
        Field::HoursPerRun,
        Field::HoursPerMonth,
        Field::EvalCases,
        Field::EvalUsdPerCase,
        Field::EvalRunsAtSetup,
        Field::LaunchMonths,
        Field::PriceTrendPctPerYear,
    ];

    /// Its dotted path within an approach (from the field registry).
    pub fn path(self) -> &'static str {
        of_field(self).path
    }

    pub fn from_path(path: &str) -> Option<Field> {
        input(path, true).and_then(|i| i.field)
    }

    /// Whether the approach has this field at all (its section is there,
    /// and an optional figure is given).
    pub fn exists_in(self, approach: &Approach) -> bool {
        of_field(self).get(approach).is_some()
    }
}

impl Approach {
    /// The value of a field, or `None` when its section is absent.
    pub fn field(&self, field: Field) -> Option<f64> {
        of_field(field).get(self)
    }

    /// Sets a field whose section exists (a field of an absent section is
    /// left alone: add the section first). Whole-number fields are rounded.
    pub fn set_field(&mut self, field: Field, value: f64) {
        of_field(field).set(self, value)
    }
}
