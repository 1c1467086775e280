//! The scenario: what a team types in. The same JSON shape is used by the page,
//! the REST API, the database and exported files, so fields are only ever added.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An approach's id in the results. Shared: each id appears in many places
/// (pairs, bands, the winner, percentiles), and cloning a shared id counts a
/// reference instead of allocating a copy (a third of an analysis's
/// allocations were such copies).
pub type ApproachId = std::sync::Arc<str>;

/// A whole scenario: volume, horizon and up to eight approaches.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 1, max_length = 120, pattern = r"\S")
    )]
    pub name: String,
    #[serde(default = "default_currency")]
    #[cfg_attr(feature = "ssr", schema(pattern = "^[A-Z]{3}$"))]
    pub currency: String,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 120))]
    #[cfg_attr(not(target_arch = "wasm32"), serde(deserialize_with = "whole::number"))]
    pub horizon_months: u32,
    #[serde(default)]
    pub cost_basis: CostBasis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_target_ms: Option<f64>,
    pub volume: Volume,
    #[cfg_attr(feature = "ssr", schema(min_items = 1, max_items = 8))]
    pub approaches: Vec<Approach>,
    /// Monte Carlo settings; defaults apply when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simulation: Option<Simulation>,
    /// The "Should we fine-tune?" checklist; absent means nothing is ticked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness: Option<Readiness>,
    /// What people cost; absent means engineer hours are not priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<Team>,
    /// The id of the approach the team runs today, which serves (and is
    /// charged for) every approach's traffic until it launches; absent means
    /// the first approach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incumbent: Option<String>,
    /// Which price catalog a model's prices were last filled from, its
    /// release and date ("litellm 1.110.2, as of 2026-11-20"); absent when
    /// none were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 160))]
    pub prices_from: Option<String>,
}

/// The people side of a scenario.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// The loaded cost of one engineer hour (salary, overhead).
    #[serde(default)]
    pub usd_per_engineer_hour: f64,
}

fn default_currency() -> String {
    "USD".to_string()
}

/// Whether per-query cost counts compute only, or also the cost of wrong answers.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum CostBasis {
    #[default]
    Compute,
    QualityAdjusted,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 1e12))]
    pub queries_per_month: f64,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(minimum = -50, maximum = 100))]
    pub monthly_growth_pct: f64,
}

/// The four ways of changing what an LLM produces.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ApproachKind {
    Prompting,
    FewShot,
    Rag,
    FineTuning,
}

impl ApproachKind {
    pub const ALL: [ApproachKind; 4] = [
        ApproachKind::Prompting,
        ApproachKind::FewShot,
        ApproachKind::Rag,
        ApproachKind::FineTuning,
    ];

    /// The name in scenario JSON (serde's `snake_case`), as the page's
    /// kind picker uses it too.
    pub fn id(self) -> &'static str {
        match self {
            ApproachKind::Prompting => "prompting",
            ApproachKind::FewShot => "few_shot",
            ApproachKind::Rag => "rag",
            ApproachKind::FineTuning => "fine_tuning",
        }
    }

    /// The kind named `id` (see `id`).
    pub fn from_id(id: &str) -> Option<ApproachKind> {
        ApproachKind::ALL.into_iter().find(|kind| kind.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            ApproachKind::Prompting => "Prompting",
            ApproachKind::FewShot => "Few-shot prompting",
            ApproachKind::Rag => "RAG",
            ApproachKind::FineTuning => "Fine-tuning",
        }
    }
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Approach {
    pub id: String,
    pub kind: ApproachKind,
    #[serde(default)]
    pub label: String,
    /// The price catalog entry the token prices were filled from; informative
    /// only (the prices themselves are what count, and may be edited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    pub setup_usd: f64,
    /// How the per-query tokens were worked out from the prompt's parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<PromptTokens>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Data>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<Training>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retraining: Option<Retraining>,
    pub per_query: PerQuery,
    #[serde(default)]
    pub monthly_fixed_usd: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_hosted: Option<SelfHosted>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms_p50: Option<f64>,
    /// Engineer hours it takes: to build, per training run, per month live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
    /// What evaluating it costs, and how often it is evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evals: Option<Evals>,
    /// Months before it serves traffic (the incumbent serves until then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(deserialize_with = "whole::optional")
    )]
    pub launch_months: Option<u32>,
    /// How the provider's token prices move, in percent a year (negative:
    /// falling, as API prices mostly have).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_trend_pct_per_year: Option<f64>,
    /// Uncertainty: dotted field path -> [low, high], a triangular distribution
    /// whose mode is the field's own value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ssr", schema(value_type = BTreeMap<String, Vec<f64>>))]
    pub ranges: BTreeMap<String, [f64; 2]>,
}

impl Approach {
    /// Re-derives every figure worked out from its parts (tokens per query
    /// from the prompt, the cost of a run from training tokens).
    pub fn sync_derived(&mut self) {
        if let Some(prompt) = &self.prompt {
            self.per_query.input_tokens = prompt.input_tokens();
            self.per_query.cached_input_tokens = prompt.cached_input_tokens();
        }
        self.sync_training_cost();
    }

    /// Re-prices a training run priced by the token after any of its inputs
    /// (examples, tokens per example, epochs, price) changed.
    pub fn sync_training_cost(&mut self) {
        let examples = self.data.as_ref().map(|d| d.examples);
        if let (Some(examples), Some(training)) = (examples, self.training.as_mut()) {
            if let Some(tokens) = &training.tokens {
                training.usd_per_run = tokens.usd_per_run(examples);
            }
        }
    }

    /// The label to show: the label, or the id when no label was given.
    pub fn display_name(&self) -> &str {
        if self.label.trim().is_empty() {
            &self.id
        } else {
            &self.label
        }
    }
}

/// Engineer hours of one approach (priced at `team.usd_per_engineer_hour`).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Effort {
    /// Hours to build it before launch.
    #[serde(default)]
    pub setup_hours: f64,
    /// Hours per training run: preparing data, reading evals, deciding the next run.
    #[serde(default)]
    pub hours_per_run: f64,
    /// Hours of upkeep per month once it is live.
    #[serde(default)]
    pub hours_per_month: f64,
}

/// The eval suite of one approach: one eval run costs `cases x usd_per_case`.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Evals {
    #[serde(default)]
    pub cases: f64,
    #[serde(default)]
    pub usd_per_case: f64,
    /// Eval runs while building it (training runs each add one more).
    #[serde(default = "one_run")]
    pub runs_at_setup: f64,
}

fn one_run() -> f64 {
    1.0
}

impl Evals {
    /// The cost of one eval run.
    pub fn usd_per_run(&self) -> f64 {
        self.cases * self.usd_per_case
    }
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Data {
    pub examples: f64,
    pub usd_per_example: f64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Training {
    pub runs: f64,
    pub usd_per_run: f64,
    /// How `usd_per_run` was worked out; when present, `usd_per_run` must
    /// equal `TrainingTokens::usd_per_run` for the approach's `data.examples`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<TrainingTokens>,
}

/// A query's tokens by their parts: the system prompt and the user's message,
/// few-shot examples (a static prefix, so charged at the cached-input price
/// when the model has one) and retrieved chunks.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct PromptTokens {
    #[serde(default)]
    pub system_tokens: f64,
    #[serde(default)]
    pub user_tokens: f64,
    #[serde(default)]
    pub shots: f64,
    #[serde(default)]
    pub tokens_per_shot: f64,
    #[serde(default)]
    pub chunks: f64,
    #[serde(default)]
    pub tokens_per_chunk: f64,
}

impl PromptTokens {
    /// Uncached input: system prompt, user message and retrieved chunks.
    pub fn input_tokens(&self) -> f64 {
        self.system_tokens + self.user_tokens + self.chunks * self.tokens_per_chunk
    }

    /// Cached input: the few-shot examples.
    pub fn cached_input_tokens(&self) -> f64 {
        self.shots * self.tokens_per_shot
    }
}

/// A training run priced by the token: examples x tokens per example x epochs
/// at a price per 1M training tokens.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TrainingTokens {
    pub tokens_per_example: f64,
    pub epochs: f64,
    pub usd_per_1m_tokens: f64,
}

impl TrainingTokens {
    /// The cost of one run over `examples` training examples.
    pub fn usd_per_run(&self, examples: f64) -> f64 {
        examples * self.tokens_per_example * self.epochs * self.usd_per_1m_tokens / 1e6
    }
}

/// The product brief's decision rule for fine-tuning, as a team answers it.
/// Every item defaults to "not done", so an empty checklist is "not ready".
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Readiness {
    /// Weeks of real prompt iteration so far (at least four are needed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_iteration_weeks: Option<f64>,
    /// RAG has been added to the prompted system.
    #[serde(default)]
    pub rag_added: bool,
    /// Measured retrieval recall, 0-1 (below about 0.7: fix retrieval first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieval_recall: Option<f64>,
    /// The gap between current and acceptable quality is measured with evals.
    #[serde(default)]
    pub quality_gap_measured: bool,
    /// The remaining gap is on a narrow, repetitive task (classification,
    /// extraction, fixed formatting).
    #[serde(default)]
    pub narrow_task: bool,
    /// The domain is narrow (with high volume, one of the three pay-offs).
    #[serde(default)]
    pub narrow_domain: bool,
    /// A latency need the API cannot meet (e.g. under 100 ms).
    #[serde(default)]
    pub latency_need: bool,
    /// Strict style or format consistency is required.
    #[serde(default)]
    pub strict_format: bool,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Retraining {
    #[cfg_attr(not(target_arch = "wasm32"), serde(deserialize_with = "whole::number"))]
    pub every_months: u32,
    pub runs: f64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct PerQuery {
    #[serde(default)]
    pub input_tokens: f64,
    #[serde(default)]
    pub cached_input_tokens: f64,
    #[serde(default)]
    pub output_tokens: f64,
    #[serde(default)]
    pub usd_per_1m_input: f64,
    #[serde(default)]
    pub usd_per_1m_cached_input: f64,
    #[serde(default)]
    pub usd_per_1m_output: f64,
    #[serde(default)]
    pub extra_usd: f64,
    /// Share of queries sent through the provider's batch API (0-1);
    /// absent means none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_share: Option<f64>,
    /// The batch API's discount on token prices (0-1); absent means 0.5,
    /// the usual half price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_discount: Option<f64>,
}

/// The batch discount when a scenario names none: half price, as OpenAI,
/// Anthropic and Google price their batch APIs.
pub const DEFAULT_BATCH_DISCOUNT: f64 = 0.5;

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SelfHosted {
    pub usd_per_gpu_hour: f64,
    pub tokens_per_second: f64,
    pub utilization: f64,
    #[serde(default = "one")]
    #[cfg_attr(not(target_arch = "wasm32"), serde(deserialize_with = "whole::number"))]
    pub min_gpus: u32,
}

/// Whole-number fields read `31.0` as 31, as JSON Schema's `integer` (and
/// the OpenAPI document) allows; a fraction or a value out of range is
/// refused naming the field. On the server only: the page reads only JSON
/// it wrote itself, and the wasm's size is budgeted.
#[cfg(not(target_arch = "wasm32"))]
mod whole {
    use serde::de::{Deserializer, Error, Unexpected, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    pub fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
        deserializer.deserialize_any(Whole(PhantomData))
    }

    pub fn large<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        deserializer.deserialize_any(Whole(PhantomData))
    }

    /// An optional whole number: null (as the API document allows) is absent.
    pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
        deserializer.deserialize_option(Optional)
    }

    struct Optional;

    impl<'de> Visitor<'de> for Optional {
        type Value = Option<u32>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number in range, or null")
        }

        fn visit_none<E: Error>(self) -> Result<Option<u32>, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Option<u32>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Option<u32>, D::Error> {
            number(deserializer).map(Some)
        }
    }

    struct Whole<T>(PhantomData<T>);

    impl<T: TryFrom<u64> + TryFrom<i64>> Visitor<'_> for Whole<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number in range")
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
            T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<T, E> {
            T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
        }

        fn visit_f64<E: Error>(self, v: f64) -> Result<T, E> {
            // below 2^64, so the conversion to u64 is exact
            let whole = v.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&v);
            whole
                .then(|| T::try_from(v as u64).ok())
                .flatten()
                .ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
        }
    }
}

fn one() -> u32 {
    1
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    pub accuracy: f64,
    pub usd_per_error: f64,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Simulation {
    #[serde(default = "default_samples")]
    #[cfg_attr(not(target_arch = "wasm32"), serde(deserialize_with = "whole::number"))]
    pub samples: u32,
    #[serde(default = "default_seed")]
    #[cfg_attr(not(target_arch = "wasm32"), serde(deserialize_with = "whole::large"))]
    pub seed: u64,
}

pub const DEFAULT_SAMPLES: u32 = 10_000;
pub const DEFAULT_SEED: u64 = 42;
pub const MAX_SAMPLES: u32 = 100_000;

fn default_samples() -> u32 {
    DEFAULT_SAMPLES
}

fn default_seed() -> u64 {
    DEFAULT_SEED
}

impl Default for Simulation {
    fn default() -> Self {
        Simulation {
            samples: DEFAULT_SAMPLES,
            seed: DEFAULT_SEED,
        }
    }
}

impl Scenario {
    pub fn simulation(&self) -> Simulation {
        self.simulation.clone().unwrap_or_default()
    }

    pub fn has_ranges(&self) -> bool {
        self.approaches.iter().any(|a| !a.ranges.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::ApproachKind;

    #[test]
    fn kind_ids_are_the_json_names() {
        for kind in ApproachKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.id()));
            assert_eq!(ApproachKind::from_id(kind.id()), Some(kind));
        }
        assert_eq!(ApproachKind::from_id("Fine-tuning"), None);
    }
}
