//! The field registry: every input a team types is declared here once, with
//! its dotted path, label, unit, help (the product brief's typical values
//! where it has them), section, bounds, whether it takes a range, and its
//! default for each kind of approach. Validation, the editor's fields and
//! sections, the OpenAPI document's per-field rules, sensitivity labels,
//! CSV headers, templates and card defaults are all derived from it.
//!
//! Adding an input: one entry in `INPUTS` (plus, if the cost model reads it,
//! a `Field` and its formula). See docs/adding-an-input.md.

use super::scenario::{
    Approach, ApproachKind, Data, PromptTokens, Quality, Retraining, Scenario, SelfHosted,
    Training, TrainingTokens, DEFAULT_BATCH_DISCOUNT, DEFAULT_SAMPLES, MAX_SAMPLES,
};

/// Upper bound on any money, token or volume figure: far beyond any real
/// budget, and low enough that no total can overflow to infinity.
pub const MAX_VALUE: f64 = 1e12;
pub const MAX_HORIZON_MONTHS: u32 = 120;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_ID_CHARS: usize = 64;

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
}

impl Field {
    pub const ALL: [Field; 24] = [
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
    ];

    /// Its dotted path within an approach (from the field registry).
    pub fn path(self) -> &'static str {
        of_field(self).path
    }

    /// Its label on a card (from the field registry).
    pub fn label(self) -> &'static str {
        of_field(self).label
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

/// Where an input is shown and which optional part of the JSON holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// The scenario's header: volume, horizon, targets.
    Scenario,
    /// The "Should we fine-tune?" checklist (`readiness`).
    Checklist,
    /// An approach's always-present costs.
    Costs,
    /// Tokens per query worked out from the prompt's parts (`prompt`).
    Prompt,
    Data,
    Training,
    /// A training run priced by the token (`training.tokens`).
    TrainingTokens,
    Retraining,
    SelfHosted,
    Quality,
}

/// The optional sections of an approach a card can switch on and off, in
/// the order a card shows them.
pub const CARD_SECTIONS: [Section; 5] = [
    Section::Data,
    Section::Training,
    Section::Retraining,
    Section::SelfHosted,
    Section::Quality,
];

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Scenario => "Scenario",
            Section::Checklist => "Should we fine-tune?",
            Section::Costs => "Costs",
            Section::Prompt => "Tokens from the prompt's parts",
            Section::Data => "Training data",
            Section::Training => "Training runs",
            Section::TrainingTokens => "Training run priced by the token",
            Section::Retraining => "Retraining when the base model updates",
            Section::SelfHosted => "Self-hosted on GPUs",
            Section::Quality => "Quality from evals",
        }
    }

    /// A name for element ids and test ids.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Scenario => "scenario",
            Section::Checklist => "checklist",
            Section::Costs => "costs",
            Section::Prompt => "prompt",
            Section::Data => "data",
            Section::Training => "training",
            Section::TrainingTokens => "training-tokens",
            Section::Retraining => "retraining",
            Section::SelfHosted => "self-hosted",
            Section::Quality => "quality",
        }
    }

    /// Whether a new approach of `kind` starts with this section.
    pub fn in_template(self, kind: ApproachKind) -> bool {
        match self {
            Section::Scenario | Section::Checklist | Section::Costs | Section::Prompt => true,
            Section::Data | Section::Training | Section::TrainingTokens | Section::Retraining => {
                kind == ApproachKind::FineTuning
            }
            Section::SelfHosted | Section::Quality => false,
        }
    }

    /// Whether the approach has this section.
    pub fn present(self, approach: &Approach) -> bool {
        match self {
            Section::Scenario | Section::Checklist | Section::Costs => true,
            Section::Prompt => approach.prompt.is_some(),
            Section::Data => approach.data.is_some(),
            Section::Training => approach.training.is_some(),
            Section::TrainingTokens => approach
                .training
                .as_ref()
                .is_some_and(|t| t.tokens.is_some()),
            Section::Retraining => approach.retraining.is_some(),
            Section::SelfHosted => approach.self_hosted.is_some(),
            Section::Quality => approach.quality.is_some(),
        }
    }

    /// Adds the section with every input at its default for the approach's
    /// kind (and what it needs: retraining needs training, a token-priced
    /// run needs examples), or removes it and its inputs' ranges.
    pub fn switch(self, approach: &mut Approach, on: bool) {
        if on == self.present(approach) {
            return;
        }
        if !on {
            match self {
                Section::Scenario | Section::Checklist | Section::Costs => return,
                Section::Prompt => approach.prompt = None,
                Section::Data => approach.data = None,
                Section::Training => approach.training = None,
                Section::TrainingTokens => {
                    if let Some(training) = approach.training.as_mut() {
                        training.tokens = None
                    }
                }
                Section::Retraining => approach.retraining = None,
                Section::SelfHosted => approach.self_hosted = None,
                Section::Quality => approach.quality = None,
            }
            for input in inputs_of(self) {
                approach.ranges.remove(input.path);
            }
            return;
        }
        match self {
            Section::Scenario | Section::Checklist | Section::Costs => return,
            Section::Prompt => approach.prompt = Some(PromptTokens::default()),
            Section::Data => {
                approach.data = Some(Data {
                    examples: 0.0,
                    usd_per_example: 0.0,
                })
            }
            Section::Training => {
                approach.training = Some(Training {
                    runs: 0.0,
                    usd_per_run: 0.0,
                    tokens: None,
                })
            }
            Section::TrainingTokens => {
                Section::Training.switch(approach, true);
                Section::Data.switch(approach, true);
                if let Some(training) = approach.training.as_mut() {
                    training.tokens = Some(TrainingTokens {
                        tokens_per_example: 0.0,
                        epochs: 0.0,
                        usd_per_1m_tokens: 0.0,
                    });
                }
                // the run's cost is now worked out, not typed
                approach.ranges.remove(Field::TrainingUsdPerRun.path());
            }
            Section::Retraining => {
                Section::Training.switch(approach, true);
                approach.retraining = Some(Retraining {
                    every_months: 1,
                    runs: 0.0,
                })
            }
            Section::SelfHosted => {
                approach.self_hosted = Some(SelfHosted {
                    usd_per_gpu_hour: 0.0,
                    tokens_per_second: 0.0,
                    utilization: 0.0,
                    min_gpus: 0,
                })
            }
            Section::Quality => {
                approach.quality = Some(Quality {
                    accuracy: 0.0,
                    usd_per_error: 0.0,
                })
            }
        }
        let kind = approach.kind;
        for input in inputs_of(self).filter(|i| i.starts_set(kind)) {
            input.set(approach, input.default_for(kind));
        }
        approach.sync_derived();
    }
}

/// What a figure is measured in: shown after the label and in help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Usd,
    UsdPerQuery,
    UsdPer1mTokens,
    UsdPerHour,
    Tokens,
    TokensPerSecond,
    Queries,
    Count,
    Months,
    Weeks,
    Percent,
    Fraction,
    Milliseconds,
}

impl Unit {
    /// The unit as a short suffix (empty for money, which the currency shows).
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Usd | Unit::UsdPerQuery | Unit::Count | Unit::Fraction => "",
            Unit::UsdPer1mTokens => "per 1M tokens",
            Unit::UsdPerHour => "per hour",
            Unit::Tokens => "tokens",
            Unit::TokensPerSecond => "tokens/s",
            Unit::Queries => "queries",
            Unit::Months => "months",
            Unit::Weeks => "weeks",
            Unit::Percent => "%",
            Unit::Milliseconds => "ms",
        }
    }
}

/// The range of values one field may take, and how its rule reads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: f64,
    pub max: f64,
    /// `min` itself is refused (a latency target of 0 ms means nothing).
    pub exclusive_min: bool,
    /// Words after the bound in the message ("months", "(a fraction of GPU time)").
    pub words: &'static str,
}

/// Any non-negative figure up to `MAX_VALUE`.
const AMOUNT: Bounds = Bounds {
    min: 0.0,
    max: MAX_VALUE,
    exclusive_min: false,
    words: "",
};

const FRACTION: Bounds = Bounds {
    min: 0.0,
    max: 1.0,
    exclusive_min: false,
    words: "",
};

impl Bounds {
    /// Bounds from `min` to `max` whose message names both.
    const fn between(min: f64, max: f64, words: &'static str) -> Bounds {
        Bounds {
            min,
            max,
            exclusive_min: false,
            words,
        }
    }

    /// The rule `value` breaks, as a message, or `None`.
    pub fn check(&self, value: f64) -> Option<String> {
        let words = if self.words.is_empty() {
            String::new()
        } else {
            format!(" {}", self.words)
        };
        if self.max < MAX_VALUE {
            // A closed interval reads as one rule.
            let inside = value.is_finite()
                && value <= self.max
                && (value > self.min || (!self.exclusive_min && value == self.min));
            return (!inside)
                .then(|| format!("must be between {} and {}{words}", self.min, self.max));
        }
        if !value.is_finite() {
            Some("must be a finite number".into())
        } else if value < 0.0 && self.min >= 0.0 {
            Some("must not be negative".into())
        } else if value == self.min && self.exclusive_min {
            Some(format!("must be greater than {}", self.min))
        } else if value < self.min {
            Some(format!("must be at least {}{words}", self.min))
        } else if value > self.max {
            Some("must be at most 1e12".into())
        } else {
            None
        }
    }
}

/// How an input is read from and written into the scenario JSON.
#[derive(Clone, Copy)]
pub enum Access {
    /// `None` when the optional field is absent.
    Scenario {
        get: fn(&Scenario) -> Option<f64>,
        set: fn(&mut Scenario, f64),
    },
    /// `None` when the approach lacks the input's section.
    Approach {
        get: fn(&Approach) -> Option<f64>,
        set: fn(&mut Approach, f64),
    },
}

/// Removes an optional input (an empty box: "not given").
#[derive(Clone, Copy)]
pub enum Clear {
    Scenario(fn(&mut Scenario)),
    Approach(fn(&mut Approach)),
}

/// One numeric input.
#[derive(Clone, Copy)]
pub struct Input {
    /// The dotted path within the scenario (scenario inputs) or within an
    /// approach (approach inputs), as validation errors and ranges name it.
    pub path: &'static str,
    pub section: Section,
    pub label: &'static str,
    /// Labels in the words of one kind of approach, where they differ.
    pub kind_labels: &'static [(ApproachKind, &'static str)],
    pub unit: Unit,
    pub help: &'static str,
    pub bounds: Bounds,
    /// Whole numbers only (JSON integers).
    pub whole: bool,
    /// The cost model's name for it when it may take an uncertainty range.
    pub field: Option<Field>,
    /// The value a new card or a newly switched-on section starts with.
    pub default: f64,
    /// Defaults that differ by kind of approach.
    pub kind_defaults: &'static [(ApproachKind, f64)],
    /// How an optional input is removed when its box is left empty; `None`
    /// for an input that must always have a value.
    pub clear: Option<Clear>,
    pub access: Access,
}

impl Input {
    pub fn label_for(&self, kind: ApproachKind) -> &'static str {
        self.kind_labels
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(self.label, |(_, label)| label)
    }

    /// The label without its parenthesis ("Training runs"), for charts and
    /// lists where space is short.
    pub fn short_label(&self) -> &'static str {
        self.label.split(" (").next().unwrap_or(self.label)
    }

    /// Whether a new card of `kind` starts with this input set: always for
    /// a required input; for an optional one, when its kind has a default.
    pub fn starts_set(&self, kind: ApproachKind) -> bool {
        !self.is_optional() || self.kind_defaults.iter().any(|(k, _)| *k == kind)
    }

    pub fn default_for(&self, kind: ApproachKind) -> f64 {
        self.kind_defaults
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(self.default, |(_, value)| *value)
    }

    /// The rule `value` breaks, as a message.
    pub fn check(&self, value: f64) -> Option<String> {
        self.bounds.check(value)
    }

    pub fn is_optional(&self) -> bool {
        self.clear.is_some()
    }

    /// Removes an optional approach input (nothing for a required one).
    pub fn clear(&self, approach: &mut Approach) {
        if let Some(Clear::Approach(clear)) = self.clear {
            clear(approach)
        }
    }

    /// Removes an optional scenario input (nothing for a required one).
    pub fn clear_in(&self, scenario: &mut Scenario) {
        if let Some(Clear::Scenario(clear)) = self.clear {
            clear(scenario)
        }
    }

    pub fn is_approach_input(&self) -> bool {
        matches!(self.access, Access::Approach { .. })
    }

    /// The value in an approach (`None` for a scenario input, or when the
    /// approach lacks the input's section or the optional value).
    pub fn get(&self, approach: &Approach) -> Option<f64> {
        match self.access {
            Access::Approach { get, .. } => get(approach),
            Access::Scenario { .. } => None,
        }
    }

    /// Writes an approach input (a no-op for a scenario input, or when the
    /// approach lacks the section: switch it on first).
    pub fn set(&self, approach: &mut Approach, value: f64) {
        if let Access::Approach { set, .. } = self.access {
            set(approach, value)
        }
    }

    pub fn get_in(&self, scenario: &Scenario) -> Option<f64> {
        match self.access {
            Access::Scenario { get, .. } => get(scenario),
            Access::Approach { .. } => None,
        }
    }

    pub fn set_in(&self, scenario: &mut Scenario, value: f64) {
        if let Access::Scenario { set, .. } = self.access {
            set(scenario, value)
        }
    }
}

/// A whole number stored as `u32`: rounded, and out-of-range or unreadable
/// text kept out of range so that validation names it.
fn whole(value: f64) -> u32 {
    if value.is_finite() {
        value.round().clamp(0.0, 1e6) as u32
    } else {
        0
    }
}

/// One text input (ids, names).
#[derive(Clone, Copy, Debug)]
pub struct TextInput {
    pub path: &'static str,
    pub scope_is_approach: bool,
    pub label: &'static str,
    /// Must hold a character other than whitespace.
    pub required: bool,
    pub max_chars: usize,
}

pub const TEXTS: [TextInput; 4] = [
    TextInput {
        path: "name",
        scope_is_approach: false,
        label: "Scenario name",
        required: true,
        max_chars: MAX_NAME_CHARS,
    },
    TextInput {
        path: "id",
        scope_is_approach: true,
        label: "Id",
        required: true,
        max_chars: MAX_ID_CHARS,
    },
    TextInput {
        path: "label",
        scope_is_approach: true,
        label: "Name",
        required: false,
        max_chars: MAX_NAME_CHARS,
    },
    TextInput {
        path: "model",
        scope_is_approach: true,
        label: "Model",
        required: false,
        max_chars: MAX_NAME_CHARS,
    },
];

impl TextInput {
    pub fn check(&self, text: &str) -> Option<String> {
        if self.required && text.trim().is_empty() {
            Some("must not be empty".into())
        } else if text.chars().count() > self.max_chars {
            Some(format!("must be at most {} characters", self.max_chars))
        } else {
            None
        }
    }
}

use ApproachKind::{FewShot, FineTuning, Prompting, Rag};

/// Defaults for a new card: priced from gpt-4.1-mini's list prices
/// (in $0.40, cached $0.10, out $1.60 per 1M tokens; fine-tuned $0.80 /
/// $0.20 / $3.20; app/src/catalog/prices.json has the source and date).
pub static INPUTS: [Input; 40] = [
    // ---- the scenario ----
    Input {
        path: "volume.queries_per_month",
        section: Section::Scenario,
        label: "Queries per month (month 1)",
        kind_labels: &[],
        unit: Unit::Queries,
        help: "Queries in the first month; growth compounds from there.",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 100_000.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Scenario {
            get: |s| Some(s.volume.queries_per_month),
            set: |s, v| s.volume.queries_per_month = v,
        },
    },
    Input {
        path: "volume.monthly_growth_pct",
        section: Section::Scenario,
        label: "Monthly growth (%)",
        kind_labels: &[],
        unit: Unit::Percent,
        help: "Compounded every month; negative for a shrinking volume.",
        bounds: Bounds::between(-50.0, 100.0, ""),
        whole: false,
        field: None,
        default: 0.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Scenario {
            get: |s| Some(s.volume.monthly_growth_pct),
            set: |s, v| s.volume.monthly_growth_pct = v,
        },
    },
    Input {
        path: "horizon_months",
        section: Section::Scenario,
        label: "Horizon (months)",
        kind_labels: &[],
        unit: Unit::Months,
        help: "How far ahead to count costs (1 to 120 months).",
        bounds: Bounds::between(1.0, MAX_HORIZON_MONTHS as f64, ""),
        whole: true,
        field: None,
        default: 24.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Scenario {
            get: |s| Some(f64::from(s.horizon_months)),
            set: |s, v| s.horizon_months = whole(v),
        },
    },
    Input {
        path: "latency_target_ms",
        section: Section::Scenario,
        label: "Latency target p50 (ms, optional)",
        kind_labels: &[],
        unit: Unit::Milliseconds,
        help: "Approaches slower than this are flagged; sub-100 ms usually means a small self-hosted model.",
        bounds: Bounds {
            min: 0.0,
            max: MAX_VALUE,
            exclusive_min: true,
            words: "",
        },
        whole: false,
        field: None,
        default: 0.0,
        kind_defaults: &[],
        clear: Some(Clear::Scenario(|s| s.latency_target_ms = None)),
        access: Access::Scenario {
            get: |s| s.latency_target_ms,
            set: |s, v| s.latency_target_ms = Some(v),
        },
    },
    Input {
        path: "simulation.samples",
        section: Section::Scenario,
        label: "Monte Carlo samples",
        kind_labels: &[],
        unit: Unit::Count,
        help: "Samples drawn over the ranges (default 10,000).",
        bounds: Bounds::between(1.0, MAX_SAMPLES as f64, ""),
        whole: true,
        field: None,
        default: DEFAULT_SAMPLES as f64,
        kind_defaults: &[],
        clear: None,
        access: Access::Scenario {
            get: |s| s.simulation.as_ref().map(|x| f64::from(x.samples)),
            set: |s, v| s.simulation.get_or_insert_with(Default::default).samples = whole(v),
        },
    },
    // ---- an approach's costs ----
    Input {
        path: "setup_usd",
        section: Section::Costs,
        label: "One-time setup (engineering, prompt work)",
        kind_labels: &[
            (Rag, "One-time setup (engineering, indexing the corpus)"),
            (FineTuning, "One-time setup (engineering, data pipeline, evals)"),
        ],
        unit: Unit::Usd,
        help: "Prompts take hours, RAG days, fine-tuning weeks of engineering.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::SetupUsd),
        default: 1_500.0,
        kind_defaults: &[(FewShot, 3_000.0), (Rag, 8_000.0), (FineTuning, 12_000.0)],
        clear: None,
        access: Access::Approach {
            get: |a| Some(a.setup_usd),
            set: |a, v| a.setup_usd = v,
        },
    },
    Input {
        path: "per_query.input_tokens",
        section: Section::Costs,
        label: "Input tokens per query",
        kind_labels: &[],
        unit: Unit::Tokens,
        help: "Uncached input: system prompt, user message, retrieved chunks.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::InputTokens),
        default: 1_200.0,
        kind_defaults: &[(Rag, 2_700.0), (FineTuning, 300.0)],
        clear: None,
        access: Access::Approach {
            get: |a| Some(a.per_query.input_tokens),
            set: |a, v| a.per_query.input_tokens = v,
        },
    },
    Input {
        path: "per_query.cached_input_tokens",
        section: Section::Costs,
        label: "Cached input tokens per query",
        kind_labels: &[(FewShot, "Cached input tokens (the few-shot examples)")],
        unit: Unit::Tokens,
        help: "A static prefix (few-shot examples) billed at the cached-input price.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::CachedInputTokens),
        default: 0.0,
        kind_defaults: &[(FewShot, 2_000.0)],
        clear: None,
        access: Access::Approach {
            get: |a| Some(a.per_query.cached_input_tokens),
            set: |a, v| a.per_query.cached_input_tokens = v,
        },
    },
    Input {
        path: "per_query.output_tokens",
        section: Section::Costs,
        label: "Output tokens per query",
        kind_labels: &[],
        unit: Unit::Tokens,
        help: "Tokens the model writes per answer.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::OutputTokens),
        default: 150.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| Some(a.per_query.output_tokens),
            set: |a, v| a.per_query.output_tokens = v,
        },
    },
    Input {
        path: "per_query.usd_per_1m_input",
        section: Section::Costs,
        label: "Price per 1M input tokens",
        kind_labels: &[],
        unit: Unit::UsdPer1mTokens,
        help: "The provider's list price; the model picker fills it.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::UsdPer1mInput),
        default: 0.4,
        kind_defaults: &[(FineTuning, 0.8)],
        clear: None,
        access: Access::Approach {
            get: |a| Some(a.per_query.usd_per_1m_input),
            set: |a, v| a.per_query.usd_per_1m_input = v,
        },
    },
    Input {
        path: "per_query.usd_per_1m_cached_input",
        section: Section::Costs,
        label: "Price per 1M cached input tokens",
        kind_labels: &[],
        unit: Unit::UsdPer1mTokens,
        help: "Usually a quarter or a tenth of the input price.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::UsdPer1mCachedInput),
        default: 0.1,
        kind_defaults: &[(FineTuning, 0.2)],
        clear: None,
        access: Access::Approach {
            get: |a| Some(a.per_query.usd_per_1m_cached_input),
            set: |a, v| a.per_query.usd_per_1m_cached_input = v,
        },
    },
    Input {
        path: "per_query.usd_per_1m_output",
        section: Section::Costs,
        label: "Price per 1M output tokens",
        kind_labels: &[],
        unit: Unit::UsdPer1mTokens,
        help: "The provider's list price; the model picker fills it.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::UsdPer1mOutput),
        default: 1.6,
        kind_defaults: &[(FineTuning, 3.2)],
        clear: None,
        access: Access::Approach {
            get: |a| Some(a.per_query.usd_per_1m_output),
            set: |a, v| a.per_query.usd_per_1m_output = v,
        },
    },
    Input {
        path: "per_query.extra_usd",
        section: Section::Costs,
        label: "Extra per query (embeddings, vector reads)",
        kind_labels: &[(Rag, "Embedding + vector read per query")],
        unit: Unit::UsdPerQuery,
        help: "Anything billed per query besides the model's tokens.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::ExtraUsd),
        default: 0.0,
        // text-embedding-3-small for the query, plus a vector read
        kind_defaults: &[(Rag, 0.000_026)],
        clear: None,
        access: Access::Approach {
            get: |a| Some(a.per_query.extra_usd),
            set: |a, v| a.per_query.extra_usd = v,
        },
    },
    Input {
        path: "per_query.batch_share",
        section: Section::Costs,
        label: "Share sent through a batch API (0-1, optional)",
        kind_labels: &[],
        unit: Unit::Fraction,
        help: "Queries that can wait up to a day (evals, back-fills) at the batch price.",
        bounds: FRACTION,
        whole: false,
        field: Some(Field::BatchShare),
        default: 0.0,
        kind_defaults: &[],
        clear: Some(Clear::Approach(|a| a.per_query.batch_share = None)),
        access: Access::Approach {
            get: |a| a.per_query.batch_share,
            set: |a, v| a.per_query.batch_share = Some(v),
        },
    },
    Input {
        path: "per_query.batch_discount",
        section: Section::Costs,
        label: "Batch discount (0-1, optional; 0.5 if empty)",
        kind_labels: &[],
        unit: Unit::Fraction,
        help: "The batch API's discount on token prices; most providers take half off.",
        bounds: FRACTION,
        whole: false,
        field: Some(Field::BatchDiscount),
        default: DEFAULT_BATCH_DISCOUNT,
        kind_defaults: &[],
        clear: Some(Clear::Approach(|a| a.per_query.batch_discount = None)),
        access: Access::Approach {
            get: |a| a.per_query.batch_discount,
            set: |a, v| a.per_query.batch_discount = Some(v),
        },
    },
    Input {
        path: "monthly_fixed_usd",
        section: Section::Costs,
        label: "Fixed per month (hosting, vector DB)",
        kind_labels: &[(Rag, "Vector DB per month")],
        unit: Unit::Usd,
        help: "Paid every month whatever the volume.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::MonthlyFixedUsd),
        default: 0.0,
        kind_defaults: &[(Rag, 300.0)],
        clear: None,
        access: Access::Approach {
            get: |a| Some(a.monthly_fixed_usd),
            set: |a, v| a.monthly_fixed_usd = v,
        },
    },
    Input {
        path: "latency_ms_p50",
        section: Section::Costs,
        label: "Latency p50 (ms)",
        kind_labels: &[],
        unit: Unit::Milliseconds,
        help: "Median round trip; a frontier API has a floor you cannot beat.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::LatencyMsP50),
        default: 800.0,
        kind_defaults: &[
            (Prompting, 800.0),
            (FewShot, 900.0),
            (Rag, 1_000.0),
            (FineTuning, 500.0),
        ],
        clear: Some(Clear::Approach(|a| a.latency_ms_p50 = None)),
        access: Access::Approach {
            get: |a| a.latency_ms_p50,
            set: |a, v| a.latency_ms_p50 = Some(v),
        },
    },
    // ---- tokens from the prompt's parts ----
    Input {
        path: "prompt.system_tokens",
        section: Section::Prompt,
        label: "System prompt tokens",
        kind_labels: &[],
        unit: Unit::Tokens,
        help: "Instructions sent with every query; a fine-tuned model needs few.",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 1_000.0,
        // the task's instructions are learned: a short prompt remains
        kind_defaults: &[(FineTuning, 100.0)],
        clear: None,
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.system_tokens),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.system_tokens = v
                }
            },
        },
    },
    Input {
        path: "prompt.user_tokens",
        section: Section::Prompt,
        label: "User message tokens",
        kind_labels: &[],
        unit: Unit::Tokens,
        help: "The user's own text per query.",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 200.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.user_tokens),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.user_tokens = v
                }
            },
        },
    },
    Input {
        path: "prompt.shots",
        section: Section::Prompt,
        label: "Few-shot examples in the prompt",
        kind_labels: &[],
        unit: Unit::Count,
        help: "A handful of example inputs and outputs in the prompt itself.",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 0.0,
        kind_defaults: &[(FewShot, 10.0)],
        clear: None,
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.shots),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.shots = v
                }
            },
        },
    },
    Input {
        path: "prompt.tokens_per_shot",
        section: Section::Prompt,
        label: "Tokens per example (cached)",
        kind_labels: &[],
        unit: Unit::Tokens,
        help: "A static prefix, so billed at the cached-input price.",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 0.0,
        kind_defaults: &[(FewShot, 200.0)],
        clear: None,
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.tokens_per_shot),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.tokens_per_shot = v
                }
            },
        },
    },
    Input {
        path: "prompt.chunks",
        section: Section::Prompt,
        label: "Chunks retrieved",
        kind_labels: &[],
        unit: Unit::Count,
        help: "Retrieved passages added to each query.",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 0.0,
        kind_defaults: &[(Rag, 5.0)],
        clear: None,
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.chunks),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.chunks = v
                }
            },
        },
    },
    Input {
        path: "prompt.tokens_per_chunk",
        section: Section::Prompt,
        label: "Tokens per chunk",
        kind_labels: &[],
        unit: Unit::Tokens,
        help: "Typical chunks are 200 to 500 tokens.",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 0.0,
        kind_defaults: &[(Rag, 300.0)],
        clear: None,
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.tokens_per_chunk),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.tokens_per_chunk = v
                }
            },
        },
    },
    // ---- training data ----
    Input {
        path: "data.examples",
        section: Section::Data,
        label: "Training examples",
        kind_labels: &[],
        unit: Unit::Count,
        help: "500 to 5,000 high-quality examples; almost always the hardest and slowest part.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::DataExamples),
        default: 2_000.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.data.as_ref().map(|d| d.examples),
            set: |a, v| {
                if let Some(d) = a.data.as_mut() {
                    d.examples = v
                }
            },
        },
    },
    Input {
        path: "data.usd_per_example",
        section: Section::Data,
        label: "Cost per example (labelling)",
        kind_labels: &[],
        unit: Unit::Usd,
        help: "Collecting, labelling and reviewing one example.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::DataUsdPerExample),
        default: 1.5,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.data.as_ref().map(|d| d.usd_per_example),
            set: |a, v| {
                if let Some(d) = a.data.as_mut() {
                    d.usd_per_example = v
                }
            },
        },
    },
    // ---- training runs ----
    Input {
        path: "training.runs",
        section: Section::Training,
        label: "Training runs (5-15 is typical)",
        kind_labels: &[],
        unit: Unit::Count,
        help: "Budget 5 to 15 runs: the first run is almost never the final run.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::TrainingRuns),
        default: 8.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.training.as_ref().map(|t| t.runs),
            set: |a, v| {
                if let Some(t) = a.training.as_mut() {
                    t.runs = v
                }
            },
        },
    },
    Input {
        path: "training.usd_per_run",
        section: Section::Training,
        label: "Cost per training run",
        kind_labels: &[],
        unit: Unit::Usd,
        help: "$50 to $2,000 per run, depending on model size and method.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::TrainingUsdPerRun),
        default: 100.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.training.as_ref().map(|t| t.usd_per_run),
            set: |a, v| {
                if let Some(t) = a.training.as_mut() {
                    t.usd_per_run = v
                }
            },
        },
    },
    // ---- a run priced by the token ----
    Input {
        path: "training.tokens.tokens_per_example",
        section: Section::TrainingTokens,
        label: "Tokens per training example",
        kind_labels: &[],
        unit: Unit::Tokens,
        help: "Prompt and answer of one example.",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 500.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| tokens(a).map(|t| t.tokens_per_example),
            set: |a, v| {
                if let Some(t) = tokens_mut(a) {
                    t.tokens_per_example = v
                }
            },
        },
    },
    Input {
        path: "training.tokens.epochs",
        section: Section::TrainingTokens,
        label: "Epochs",
        kind_labels: &[],
        unit: Unit::Count,
        help: "Passes over the data per run; providers default to 3 or so.",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 3.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| tokens(a).map(|t| t.epochs),
            set: |a, v| {
                if let Some(t) = tokens_mut(a) {
                    t.epochs = v
                }
            },
        },
    },
    Input {
        path: "training.tokens.usd_per_1m_tokens",
        section: Section::TrainingTokens,
        label: "Training price per 1M tokens",
        kind_labels: &[],
        unit: Unit::UsdPer1mTokens,
        help: "The provider's training price (gpt-4.1-mini: $5 per 1M).",
        bounds: AMOUNT,
        whole: false,
        field: None,
        default: 5.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| tokens(a).map(|t| t.usd_per_1m_tokens),
            set: |a, v| {
                if let Some(t) = tokens_mut(a) {
                    t.usd_per_1m_tokens = v
                }
            },
        },
    },
    // ---- retraining ----
    Input {
        path: "retraining.every_months",
        section: Section::Retraining,
        label: "Retrain every (months)",
        kind_labels: &[],
        unit: Unit::Months,
        help: "Every base-model update means re-running evals and likely re-training.",
        bounds: Bounds::between(1.0, MAX_HORIZON_MONTHS as f64, "months"),
        whole: true,
        field: Some(Field::RetrainingEveryMonths),
        default: 6.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.retraining.as_ref().map(|r| f64::from(r.every_months)),
            set: |a, v| {
                if let Some(r) = a.retraining.as_mut() {
                    r.every_months = whole(v)
                }
            },
        },
    },
    Input {
        path: "retraining.runs",
        section: Section::Retraining,
        label: "Runs per retraining",
        kind_labels: &[],
        unit: Unit::Count,
        help: "Training runs each retraining takes.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::RetrainingRuns),
        default: 2.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.retraining.as_ref().map(|r| r.runs),
            set: |a, v| {
                if let Some(r) = a.retraining.as_mut() {
                    r.runs = v
                }
            },
        },
    },
    // ---- self-hosting ----
    Input {
        path: "self_hosted.usd_per_gpu_hour",
        section: Section::SelfHosted,
        label: "GPU price per hour",
        kind_labels: &[],
        unit: Unit::UsdPerHour,
        help: "On-demand price of one GPU.",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::GpuUsdPerHour),
        default: 2.5,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.self_hosted.as_ref().map(|s| s.usd_per_gpu_hour),
            set: |a, v| {
                if let Some(s) = a.self_hosted.as_mut() {
                    s.usd_per_gpu_hour = v
                }
            },
        },
    },
    Input {
        path: "self_hosted.tokens_per_second",
        section: Section::SelfHosted,
        label: "Tokens per second per GPU",
        kind_labels: &[],
        unit: Unit::TokensPerSecond,
        help: "Throughput of one GPU (an 8B model: a few thousand tokens/s).",
        // Below one token per second, one query needs more GPUs than any
        // number can count (and the break-even searches find nothing).
        bounds: Bounds {
            min: 1.0,
            max: MAX_VALUE,
            exclusive_min: false,
            words: "token per second",
        },
        whole: false,
        field: Some(Field::GpuTokensPerSecond),
        default: 2_500.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.self_hosted.as_ref().map(|s| s.tokens_per_second),
            set: |a, v| {
                if let Some(s) = a.self_hosted.as_mut() {
                    s.tokens_per_second = v
                }
            },
        },
    },
    Input {
        path: "self_hosted.utilization",
        section: Section::SelfHosted,
        label: "Planned utilization (0-1)",
        kind_labels: &[],
        unit: Unit::Fraction,
        help: "The share of GPU time doing useful work (0.01 to 1).",
        bounds: Bounds::between(0.01, 1.0, "(a fraction of GPU time)"),
        whole: false,
        field: Some(Field::GpuUtilization),
        default: 0.6,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.self_hosted.as_ref().map(|s| s.utilization),
            set: |a, v| {
                if let Some(s) = a.self_hosted.as_mut() {
                    s.utilization = v
                }
            },
        },
    },
    Input {
        path: "self_hosted.min_gpus",
        section: Section::SelfHosted,
        label: "Minimum GPUs",
        kind_labels: &[],
        unit: Unit::Count,
        help: "GPUs kept running even when idle (0 to 10,000).",
        bounds: Bounds::between(0.0, 10_000.0, ""),
        whole: true,
        field: Some(Field::MinGpus),
        default: 1.0,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.self_hosted.as_ref().map(|s| f64::from(s.min_gpus)),
            set: |a, v| {
                if let Some(s) = a.self_hosted.as_mut() {
                    s.min_gpus = whole(v)
                }
            },
        },
    },
    // ---- quality ----
    Input {
        path: "quality.accuracy",
        section: Section::Quality,
        label: "Accuracy from evals (0-1)",
        kind_labels: &[],
        unit: Unit::Fraction,
        help: "Run evals before and after; the share of answers that pass.",
        bounds: FRACTION,
        whole: false,
        field: Some(Field::Accuracy),
        default: 0.9,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.quality.as_ref().map(|q| q.accuracy),
            set: |a, v| {
                if let Some(q) = a.quality.as_mut() {
                    q.accuracy = v
                }
            },
        },
    },
    Input {
        path: "quality.usd_per_error",
        section: Section::Quality,
        label: "Cost of one wrong answer",
        kind_labels: &[],
        unit: Unit::Usd,
        help: "What a wrong answer costs (a ticket escalated, a refund).",
        bounds: AMOUNT,
        whole: false,
        field: Some(Field::UsdPerError),
        default: 0.5,
        kind_defaults: &[],
        clear: None,
        access: Access::Approach {
            get: |a| a.quality.as_ref().map(|q| q.usd_per_error),
            set: |a, v| {
                if let Some(q) = a.quality.as_mut() {
                    q.usd_per_error = v
                }
            },
        },
    },
    // ---- the checklist ----
    Input {
        path: "readiness.prompt_iteration_weeks",
        section: Section::Checklist,
        label: "Weeks of real prompt iteration (4 or more)",
        kind_labels: &[],
        unit: Unit::Weeks,
        help: "At least four weeks, with real failure cases, before fine-tuning.",
        bounds: Bounds::between(0.0, 520.0, "weeks"),
        whole: false,
        field: None,
        default: 0.0,
        kind_defaults: &[],
        clear: Some(Clear::Scenario(|s| {
            if let Some(r) = s.readiness.as_mut() {
                r.prompt_iteration_weeks = None
            }
        })),
        access: Access::Scenario {
            get: |s| s.readiness.as_ref().and_then(|r| r.prompt_iteration_weeks),
            set: |s, v| s.readiness.get_or_insert_with(Default::default).prompt_iteration_weeks = Some(v),
        },
    },
    Input {
        path: "readiness.retrieval_recall",
        section: Section::Checklist,
        label: "Measured retrieval recall (0-1; below 0.7 fix retrieval first)",
        kind_labels: &[],
        unit: Unit::Fraction,
        help: "Below about 0.7, fix retrieval before fine-tuning.",
        bounds: Bounds::between(0.0, 1.0, "(a fraction of relevant chunks retrieved)"),
        whole: false,
        field: None,
        default: 0.0,
        kind_defaults: &[],
        clear: Some(Clear::Scenario(|s| {
            if let Some(r) = s.readiness.as_mut() {
                r.retrieval_recall = None
            }
        })),
        access: Access::Scenario {
            get: |s| s.readiness.as_ref().and_then(|r| r.retrieval_recall),
            set: |s, v| s.readiness.get_or_insert_with(Default::default).retrieval_recall = Some(v),
        },
    },
];

fn tokens(approach: &Approach) -> Option<&TrainingTokens> {
    approach.training.as_ref().and_then(|t| t.tokens.as_ref())
}

fn tokens_mut(approach: &mut Approach) -> Option<&mut TrainingTokens> {
    approach.training.as_mut().and_then(|t| t.tokens.as_mut())
}

/// The inputs of one section, in declaration order.
pub fn inputs_of(section: Section) -> impl Iterator<Item = &'static Input> {
    INPUTS.iter().filter(move |i| i.section == section)
}

/// The input at `path` within an approach (`approach = true`) or the scenario.
pub fn input(path: &str, approach: bool) -> Option<&'static Input> {
    INPUTS
        .iter()
        .find(|i| i.path == path && i.is_approach_input() == approach)
}

/// The short label of an approach input named by its path (the path
/// itself when nothing is declared there).
pub fn short_label_of(path: &str) -> &str {
    input(path, true).map_or(path, |i| i.short_label())
}

/// The declaration of a cost-model field.
pub fn of_field(field: Field) -> &'static Input {
    INPUTS
        .iter()
        .find(|i| i.field == Some(field))
        .expect("every Field is declared in INPUTS (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_declared_once_and_every_path_is_unique() {
        for field in Field::ALL {
            let count = INPUTS.iter().filter(|i| i.field == Some(field)).count();
            assert_eq!(count, 1, "{field:?}");
            assert_eq!(of_field(field).path, field.path());
        }
        let mut paths: Vec<(&str, bool)> = INPUTS
            .iter()
            .map(|i| (i.path, i.is_approach_input()))
            .collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), INPUTS.len());
    }

    #[test]
    fn every_default_obeys_its_own_rule() {
        for input in &INPUTS {
            for kind in ApproachKind::ALL {
                let value = input.default_for(kind);
                if input.clear.is_some() && value == 0.0 && input.bounds.exclusive_min {
                    continue;
                }
                assert_eq!(input.check(value), None, "{} for {kind:?}", input.path);
            }
        }
    }

    #[test]
    fn a_switched_on_section_reads_back_its_defaults() {
        let mut approach = super::super::templates::approach_template(Prompting, &[]);
        for section in CARD_SECTIONS {
            section.switch(&mut approach, true);
            assert!(section.present(&approach), "{section:?}");
            for input in inputs_of(section) {
                assert_eq!(
                    input.get(&approach),
                    Some(input.default_for(Prompting)),
                    "{}",
                    input.path
                );
            }
        }
        for section in CARD_SECTIONS {
            section.switch(&mut approach, false);
            assert!(!section.present(&approach), "{section:?}");
        }
        // retraining brings the training it needs
        Section::Retraining.switch(&mut approach, true);
        assert!(Section::Training.present(&approach));
    }

    #[test]
    fn messages_read_as_rules() {
        assert_eq!(AMOUNT.check(-1.0).as_deref(), Some("must not be negative"));
        assert_eq!(
            AMOUNT.check(f64::NAN).as_deref(),
            Some("must be a finite number")
        );
        assert_eq!(AMOUNT.check(2e12).as_deref(), Some("must be at most 1e12"));
        let months = input("retraining.every_months", true).unwrap();
        assert_eq!(
            months.check(0.0).as_deref(),
            Some("must be between 1 and 120 months")
        );
        let target = input("latency_target_ms", false).unwrap();
        assert_eq!(target.check(0.0).as_deref(), Some("must be greater than 0"));
        assert_eq!(target.check(1.0), None);
    }
}
