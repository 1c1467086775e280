//! What the Monte Carlo and the sensitivity analysis report: plain result
//! types, below the code that computes them (`uncertainty.rs`,
//! `sensitivity.rs`) and the analysis that carries them.

use super::scenario::ApproachId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Uncertainty {
    pub samples: u32,
    pub seed: u64,
    /// Share of samples in which each approach is the cheapest at the horizon.
    pub p_cheapest: BTreeMap<String, f64>,
    pub total_usd: BTreeMap<String, Percentiles>,
    pub cumulative_usd: BTreeMap<String, CurvePercentiles>,
    /// Per pair, as in `Analysis::pairs`; a percentile is null when at least
    /// that share of samples has no break-even.
    pub break_even_queries_per_month: Vec<PairPercentiles>,
    /// How many samples (the first ones drawn) the break-even percentiles
    /// come from: all of them unless the break-even searches ran out of
    /// their step budget (near-identical self-hosted approaches, many samples).
    pub break_even_samples: u32,
    /// The pair whose break-even the sensitivity rows follow: the cheapest
    /// approach and the runner-up at the scenario's volume.
    pub leading_pair: Option<[String; 2]>,
    pub sensitivity: Vec<SensitivityRow>,
    /// What knowing the ranged inputs before deciding is worth (absent from
    /// analyses made before it existed). Reported by the server only: the
    /// browser neither computes nor reads it (see `uncertainty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg(not(target_arch = "wasm32"))]
    pub value_of_information: Option<ValueOfInformation>,
}

/// What measuring the uncertain inputs is worth before deciding (see
/// `model::information` for the definitions and the estimator).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ValueOfInformation {
    /// Expected value of perfect information: what knowing every ranged
    /// input before choosing would save on average (money; 0 when one
    /// approach is cheapest in every sample).
    #[cfg_attr(feature = "ssr", schema(minimum = 0.0))]
    pub evpi_usd: f64,
    /// Equal-count bins each input's samples were sorted into to estimate
    /// its EVPPI: the square root of the sample count, rounded.
    pub bins: u32,
    /// One per ranged input, the most valuable to measure first (ties in
    /// scenario order).
    pub inputs: Vec<InputInformation>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct InputInformation {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub approach: ApproachId,
    /// The ranged field's path, as in the approach's `ranges`.
    pub field: String,
    /// Expected value of partial perfect information: what knowing this
    /// input alone before choosing would save on average (money, between 0
    /// and `evpi_usd`; 0: it won't change the decision).
    #[cfg_attr(feature = "ssr", schema(minimum = 0.0))]
    pub evppi_usd: f64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Percentiles {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CurvePercentiles {
    pub p10: Vec<f64>,
    pub p50: Vec<f64>,
    pub p90: Vec<f64>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PairPercentiles {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub a: ApproachId,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub b: ApproachId,
    pub p10: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SensitivityRow {
    pub approach: String,
    pub field: String,
    pub low: f64,
    pub high: f64,
    /// The leading pair's break-even volume with the field at `low`.
    pub break_even_at_low: Option<f64>,
    pub break_even_at_high: Option<f64>,
    /// The approach's own total at the horizon with the field at `low`.
    pub total_usd_at_low: f64,
    pub total_usd_at_high: f64,
}

impl SensitivityRow {
    /// How far the field moves the leading break-even; a swing that makes the
    /// break-even appear or vanish counts as the largest.
    pub fn break_even_swing(&self) -> f64 {
        match (self.break_even_at_low, self.break_even_at_high) {
            (Some(low), Some(high)) => (high - low).abs(),
            (None, None) => 0.0,
            _ => f64::INFINITY,
        }
    }

    pub fn total_swing(&self) -> f64 {
        (self.total_usd_at_high - self.total_usd_at_low).abs()
    }
}
