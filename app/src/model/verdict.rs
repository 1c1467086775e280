//! The shape of the "Should we fine-tune?" verdict: structured data that
//! the analysis carries and `components::readiness` words. The rule that
//! fills it is in `readiness.rs`.

use super::scenario::ApproachId;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum VerdictStatus {
    /// The scenario has no fine-tuning approach to weigh.
    NoFineTuning,
    /// A checklist item is missing: do that first.
    NotReady,
    /// Ready, but none of the three pay-offs applies at this volume.
    NotWorthIt,
    /// Ready, and at least one pay-off applies.
    FineTune,
}

/// A checklist item that stands in the way, first to last in the brief's order.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Blocker {
    PromptIterationUnmeasured,
    PromptIterationTooShort { weeks: f64 },
    RagNotAdded,
    RetrievalRecallUnmeasured,
    RetrievalRecallLow { recall: f64 },
    QualityGapUnmeasured,
    TaskNotNarrow,
}

/// Where fine-tuning stands on cost.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Economics {
    /// A fine-tuning approach is cheapest at the scenario's volume, from
    /// `from_queries_per_month` upwards (within its band).
    CheapestNow {
        #[cfg_attr(feature = "ssr", schema(value_type = String))]
        approach: ApproachId,
        from_queries_per_month: f64,
    },
    /// Fine-tuning becomes cheapest only above `from_queries_per_month`.
    CheapestAbove {
        #[cfg_attr(feature = "ssr", schema(value_type = String))]
        approach: ApproachId,
        from_queries_per_month: f64,
    },
    /// No fine-tuning approach is cheapest at any volume.
    NeverCheapest,
}

/// One of the three situations in which fine-tuning pays off.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Payoff {
    HighVolumeNarrowDomain,
    Latency,
    StrictFormat,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FineTuneVerdict {
    pub status: VerdictStatus,
    pub blockers: Vec<Blocker>,
    /// Null when the scenario has no fine-tuning approach.
    pub economics: Option<Economics>,
    pub payoffs: Vec<Payoff>,
    pub queries_per_month: f64,
    /// The latency pay-off was worked out from the numbers (the incumbent
    /// misses the latency target and a fine-tuning approach meets it), not
    /// ticked on the checklist.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub latency_from_numbers: bool,
}

impl FineTuneVerdict {
    /// The verdict before the checklist is weighed (the point analysis
    /// leaves it to `readiness::fine_tune_verdict`).
    pub fn pending(queries_per_month: f64) -> FineTuneVerdict {
        FineTuneVerdict {
            status: VerdictStatus::NoFineTuning,
            blockers: Vec::new(),
            economics: None,
            payoffs: Vec::new(),
            queries_per_month,
            latency_from_numbers: false,
        }
    }
}
