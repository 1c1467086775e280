//! The registry itself: every input, declared once.

use super::rules::{whole, Access, Bounds, Clear, Input, TextInput, Unit, AMOUNT, FRACTION};
use super::{Field, Section, MAX_HORIZON_MONTHS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_VALUE};
use crate::model::scenario::{
    Approach, ApproachKind, TrainingTokens, DEFAULT_BATCH_DISCOUNT, DEFAULT_SAMPLES, MAX_SAMPLES,
};

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

use ApproachKind::{FewShot, FineTuning, Prompting, Rag};

/// What an entry of `INPUTS` does not say: any non-negative amount up to
/// `MAX_VALUE`, no range, a default of 0 for every kind,
/// required. (The placeholders of `path`, `label`, `help` and `access` are
/// always given; a test checks.)
const DECLARED: Input = Input {
    path: "",
    section: Section::Costs,
    label: "",
    kind_labels: &[],
    unit: Unit::Count,
    help: "",
    bounds: AMOUNT,
    field: None,
    default: 0.0,
    kind_defaults: &[],
    clear: None,
    access: Access::Approach {
        get: |_| None,
        set: |_, _| {},
    },
};

/// Defaults for a new card: priced from gpt-4.1-mini's list prices
/// (in $0.40, cached $0.10, out $1.60 per 1M tokens; fine-tuned $0.80 /
/// $0.20 / $3.20; app/src/catalog/prices.json has the source and date).
pub static INPUTS: [Input; 49] = [
    // ---- the scenario ----
    Input {
        path: "volume.queries_per_month",
        section: Section::Scenario,
        label: "Queries per month (month 1)",
        unit: Unit::Queries,
        help: "Queries in the first month; growth compounds from there.",
        default: 100_000.0,
        access: Access::Scenario {
            get: |s| Some(s.volume.queries_per_month),
            set: |s, v| s.volume.queries_per_month = v,
        },
        ..DECLARED
    },
    Input {
        path: "volume.monthly_growth_pct",
        section: Section::Scenario,
        label: "Monthly growth (%)",
        unit: Unit::Percent,
        help: "Compounded every month; negative for a shrinking volume.",
        bounds: Bounds::between(-50.0, 100.0, ""),
        access: Access::Scenario {
            get: |s| Some(s.volume.monthly_growth_pct),
            set: |s, v| s.volume.monthly_growth_pct = v,
        },
        ..DECLARED
    },
    Input {
        path: "horizon_months",
        section: Section::Scenario,
        label: "Horizon (months)",
        unit: Unit::Months,
        help: "How far ahead to count costs (1 to 120 months).",
        bounds: Bounds::between(1.0, MAX_HORIZON_MONTHS as f64, ""),
        default: 24.0,
        access: Access::Scenario {
            get: |s| Some(f64::from(s.horizon_months)),
            set: |s, v| s.horizon_months = whole(v),
        },
        ..DECLARED
    },
    Input {
        path: "latency_target_ms",
        section: Section::Scenario,
        label: "Latency target p50 (ms, optional)",
        unit: Unit::Milliseconds,
        help: "Approaches slower than this are flagged; sub-100 ms usually means a small self-hosted model.",
        bounds: Bounds {
            min: 0.0,
            max: MAX_VALUE,
            exclusive_min: true,
            words: "",
        },
        clear: Some(Clear::Scenario(|s| s.latency_target_ms = None)),
        access: Access::Scenario {
            get: |s| s.latency_target_ms,
            set: |s, v| s.latency_target_ms = Some(v),
        },
        ..DECLARED
    },
    Input {
        path: "team.usd_per_engineer_hour",
        section: Section::Scenario,
        label: "Engineer hour ($/h, optional)",
        unit: Unit::UsdPerHour,
        help: "Loaded cost of one engineer hour; prices every approach's hours. \
               About $100: BLS's May 2024 median software developer wage is $64/h, \
               about 1.5x that with benefits and overhead.",
        default: 100.0,
        clear: Some(Clear::Scenario(|s| s.team = None)),
        access: Access::Scenario {
            get: |s| s.team.as_ref().map(|t| t.usd_per_engineer_hour),
            set: |s, v| s.team.get_or_insert_with(Default::default).usd_per_engineer_hour = v,
        },
        ..DECLARED
    },
    Input {
        path: "simulation.samples",
        section: Section::Scenario,
        label: "Monte Carlo samples",
        unit: Unit::Count,
        help: "Samples drawn over the ranges (default 10,000).",
        bounds: Bounds::between(1.0, MAX_SAMPLES as f64, ""),
        default: DEFAULT_SAMPLES as f64,
        access: Access::Scenario {
            get: |s| s.simulation.as_ref().map(|x| f64::from(x.samples)),
            set: |s, v| s.simulation.get_or_insert_with(Default::default).samples = whole(v),
        },
        ..DECLARED
    },
    // ---- an approach's costs ----
    Input {
        path: "setup_usd",
        section: Section::Costs,
        label: "One-time setup besides engineer hours",
        kind_labels: &[
            (Rag, "One-time setup besides hours (indexing the corpus)"),
            (FineTuning, "One-time setup besides hours (tools, data pipeline)"),
        ],
        unit: Unit::Usd,
        help: "Tools, vendors and contractors; engineer hours go under People (prompts take hours, RAG days, fine-tuning weeks).",
        field: Some(Field::SetupUsd),
        default: 1_500.0,
        kind_defaults: &[(FewShot, 3_000.0), (Rag, 8_000.0), (FineTuning, 12_000.0)],
        access: Access::Approach {
            get: |a| Some(a.setup_usd),
            set: |a, v| a.setup_usd = v,
        },
        ..DECLARED
    },
    Input {
        path: "per_query.input_tokens",
        section: Section::Costs,
        label: "Input tokens per query",
        unit: Unit::Tokens,
        help: "Uncached input: system prompt, user message, retrieved chunks.",
        field: Some(Field::InputTokens),
        default: 1_200.0,
        kind_defaults: &[(Rag, 2_700.0), (FineTuning, 300.0)],
        access: Access::Approach {
            get: |a| Some(a.per_query.input_tokens),
            set: |a, v| a.per_query.input_tokens = v,
        },
        ..DECLARED
    },
    Input {
        path: "per_query.cached_input_tokens",
        section: Section::Costs,
        label: "Cached input tokens per query",
        kind_labels: &[(FewShot, "Cached input tokens (the few-shot examples)")],
        unit: Unit::Tokens,
        help: "A static prefix (few-shot examples) billed at the cached-input price.",
        field: Some(Field::CachedInputTokens),
        kind_defaults: &[(FewShot, 2_000.0)],
        access: Access::Approach {
            get: |a| Some(a.per_query.cached_input_tokens),
            set: |a, v| a.per_query.cached_input_tokens = v,
        },
        ..DECLARED
    },
    Input {
        path: "per_query.output_tokens",
        section: Section::Costs,
        label: "Output tokens per query",
        unit: Unit::Tokens,
        help: "Tokens the model writes per answer.",
        field: Some(Field::OutputTokens),
        default: 150.0,
        access: Access::Approach {
            get: |a| Some(a.per_query.output_tokens),
            set: |a, v| a.per_query.output_tokens = v,
        },
        ..DECLARED
    },
    Input {
        path: "per_query.usd_per_1m_input",
        section: Section::Costs,
        label: "Price per 1M input tokens",
        unit: Unit::UsdPer1mTokens,
        help: "The provider's list price; the model picker fills it.",
        field: Some(Field::UsdPer1mInput),
        default: 0.4,
        kind_defaults: &[(FineTuning, 0.8)],
        access: Access::Approach {
            get: |a| Some(a.per_query.usd_per_1m_input),
            set: |a, v| a.per_query.usd_per_1m_input = v,
        },
        ..DECLARED
    },
    Input {
        path: "per_query.usd_per_1m_cached_input",
        section: Section::Costs,
        label: "Price per 1M cached input tokens",
        unit: Unit::UsdPer1mTokens,
        help: "Usually a quarter or a tenth of the input price.",
        field: Some(Field::UsdPer1mCachedInput),
        default: 0.1,
        kind_defaults: &[(FineTuning, 0.2)],
        access: Access::Approach {
            get: |a| Some(a.per_query.usd_per_1m_cached_input),
            set: |a, v| a.per_query.usd_per_1m_cached_input = v,
        },
        ..DECLARED
    },
    Input {
        path: "per_query.usd_per_1m_output",
        section: Section::Costs,
        label: "Price per 1M output tokens",
        unit: Unit::UsdPer1mTokens,
        help: "The provider's list price; the model picker fills it.",
        field: Some(Field::UsdPer1mOutput),
        default: 1.6,
        kind_defaults: &[(FineTuning, 3.2)],
        access: Access::Approach {
            get: |a| Some(a.per_query.usd_per_1m_output),
            set: |a, v| a.per_query.usd_per_1m_output = v,
        },
        ..DECLARED
    },
    Input {
        path: "per_query.extra_usd",
        section: Section::Costs,
        label: "Extra per query (embeddings, vector reads)",
        kind_labels: &[(Rag, "Embedding + vector read per query")],
        unit: Unit::UsdPerQuery,
        help: "Anything billed per query besides the model's tokens.",
        field: Some(Field::ExtraUsd),
        // text-embedding-3-small for the query, plus a vector read
        kind_defaults: &[(Rag, 0.000_026)],
        access: Access::Approach {
            get: |a| Some(a.per_query.extra_usd),
            set: |a, v| a.per_query.extra_usd = v,
        },
        ..DECLARED
    },
    Input {
        path: "per_query.batch_share",
        section: Section::Costs,
        label: "Share sent through a batch API (0-1, optional)",
        unit: Unit::Fraction,
        help: "Queries that can wait up to a day (evals, back-fills) at the batch price.",
        bounds: FRACTION,
        field: Some(Field::BatchShare),
        clear: Some(Clear::Approach(|a| a.per_query.batch_share = None)),
        access: Access::Approach {
            get: |a| a.per_query.batch_share,
            set: |a, v| a.per_query.batch_share = Some(v),
        },
        ..DECLARED
    },
    Input {
        path: "per_query.batch_discount",
        section: Section::Costs,
        label: "Batch discount (0-1, optional; 0.5 if empty)",
        unit: Unit::Fraction,
        help: "The batch API's discount on token prices; most providers take half off.",
        bounds: FRACTION,
        field: Some(Field::BatchDiscount),
        default: DEFAULT_BATCH_DISCOUNT,
        clear: Some(Clear::Approach(|a| a.per_query.batch_discount = None)),
        access: Access::Approach {
            get: |a| a.per_query.batch_discount,
            set: |a, v| a.per_query.batch_discount = Some(v),
        },
        ..DECLARED
    },
    Input {
        path: "monthly_fixed_usd",
        section: Section::Costs,
        label: "Fixed per month (hosting, vector DB)",
        kind_labels: &[(Rag, "Vector DB per month")],
        unit: Unit::Usd,
        help: "Paid every month whatever the volume.",
        field: Some(Field::MonthlyFixedUsd),
        kind_defaults: &[(Rag, 300.0)],
        access: Access::Approach {
            get: |a| Some(a.monthly_fixed_usd),
            set: |a, v| a.monthly_fixed_usd = v,
        },
        ..DECLARED
    },
    Input {
        path: "latency_ms_p50",
        section: Section::Costs,
        label: "Latency p50 (ms)",
        unit: Unit::Milliseconds,
        help: "Median round trip; a frontier API has a floor you cannot beat.",
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
        ..DECLARED
    },
    Input {
        path: "launch_months",
        section: Section::Costs,
        label: "Months to launch (optional)",
        unit: Unit::Months,
        help: "Calendar time before it serves traffic; until then what you run today \
               serves it, and is paid. RAG takes days to weeks, fine-tuning weeks to months.",
        bounds: Bounds::between(0.0, MAX_HORIZON_MONTHS as f64, "months (and within the horizon)"),
        field: Some(Field::LaunchMonths),
        kind_defaults: &[(Rag, 1.0), (FineTuning, 2.0)],
        clear: Some(Clear::Approach(|a| a.launch_months = None)),
        access: Access::Approach {
            get: |a| a.launch_months.map(f64::from),
            set: |a, v| a.launch_months = Some(whole(v)),
        },
        ..DECLARED
    },
    Input {
        path: "price_trend_pct_per_year",
        section: Section::Costs,
        label: "Token price trend (% a year, optional)",
        unit: Unit::Percent,
        help: "How the provider's token prices move; API prices have mostly fallen \
               (e.g. -30 for prices falling 30% a year).",
        bounds: Bounds::between(-90.0, 100.0, ""),
        field: Some(Field::PriceTrendPctPerYear),
        clear: Some(Clear::Approach(|a| a.price_trend_pct_per_year = None)),
        access: Access::Approach {
            get: |a| a.price_trend_pct_per_year,
            set: |a, v| a.price_trend_pct_per_year = Some(v),
        },
        ..DECLARED
    },
    // ---- people ----
    Input {
        path: "effort.setup_hours",
        section: Section::Effort,
        label: "Hours to build",
        unit: Unit::Hours,
        help: "Engineer hours before launch: prompts take hours, RAG days, \
               fine-tuning weeks (data collection is the slowest part).",
        field: Some(Field::SetupHours),
        default: 16.0,
        kind_defaults: &[(FewShot, 24.0), (Rag, 80.0), (FineTuning, 240.0)],
        access: Access::Approach {
            get: |a| a.effort.as_ref().map(|e| e.setup_hours),
            set: |a, v| {
                if let Some(e) = a.effort.as_mut() {
                    e.setup_hours = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "effort.hours_per_run",
        section: Section::Effort,
        label: "Hours per training run",
        unit: Unit::Hours,
        help: "Preparing data, reading the evals and deciding the next run; \
               budget 5 to 15 runs to get something usable.",
        field: Some(Field::HoursPerRun),
        kind_defaults: &[(FineTuning, 8.0)],
        access: Access::Approach {
            get: |a| a.effort.as_ref().map(|e| e.hours_per_run),
            set: |a, v| {
                if let Some(e) = a.effort.as_mut() {
                    e.hours_per_run = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "effort.hours_per_month",
        section: Section::Effort,
        label: "Upkeep hours per month",
        unit: Unit::Hours,
        help: "Once live: prompt fixes, index refreshes, watching a tuned model drift.",
        field: Some(Field::HoursPerMonth),
        default: 4.0,
        kind_defaults: &[(Rag, 8.0), (FineTuning, 16.0)],
        access: Access::Approach {
            get: |a| a.effort.as_ref().map(|e| e.hours_per_month),
            set: |a, v| {
                if let Some(e) = a.effort.as_mut() {
                    e.hours_per_month = v
                }
            },
        },
        ..DECLARED
    },
    // ---- evals ----
    Input {
        path: "evals.cases",
        section: Section::Evals,
        label: "Eval cases",
        unit: Unit::Count,
        help: "Cases in the eval suite; a few hundred real failure cases is typical.",
        field: Some(Field::EvalCases),
        default: 200.0,
        access: Access::Approach {
            get: |a| a.evals.as_ref().map(|e| e.cases),
            set: |a, v| {
                if let Some(e) = a.evals.as_mut() {
                    e.cases = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "evals.usd_per_case",
        section: Section::Evals,
        label: "Cost per eval case",
        unit: Unit::Usd,
        help: "Model calls and an LLM judge for one case; more with human review.",
        field: Some(Field::EvalUsdPerCase),
        default: 0.05,
        access: Access::Approach {
            get: |a| a.evals.as_ref().map(|e| e.usd_per_case),
            set: |a, v| {
                if let Some(e) = a.evals.as_mut() {
                    e.usd_per_case = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "evals.runs_at_setup",
        section: Section::Evals,
        label: "Eval runs while building",
        unit: Unit::Count,
        help: "One per prompt iteration; each training run adds one more, \
               and so does every retraining.",
        field: Some(Field::EvalRunsAtSetup),
        default: 5.0,
        kind_defaults: &[(Rag, 8.0), (FineTuning, 2.0)],
        access: Access::Approach {
            get: |a| a.evals.as_ref().map(|e| e.runs_at_setup),
            set: |a, v| {
                if let Some(e) = a.evals.as_mut() {
                    e.runs_at_setup = v
                }
            },
        },
        ..DECLARED
    },
    // ---- tokens from the prompt's parts ----
    Input {
        path: "prompt.system_tokens",
        section: Section::Prompt,
        label: "System prompt tokens",
        unit: Unit::Tokens,
        help: "Instructions sent with every query; a fine-tuned model needs few.",
        default: 1_000.0,
        // the task's instructions are learned: a short prompt remains
        kind_defaults: &[(FineTuning, 100.0)],
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.system_tokens),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.system_tokens = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "prompt.user_tokens",
        section: Section::Prompt,
        label: "User message tokens",
        unit: Unit::Tokens,
        help: "The user's own text per query.",
        default: 200.0,
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.user_tokens),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.user_tokens = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "prompt.shots",
        section: Section::Prompt,
        label: "Few-shot examples in the prompt",
        unit: Unit::Count,
        help: "A handful of example inputs and outputs in the prompt itself.",
        kind_defaults: &[(FewShot, 10.0)],
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.shots),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.shots = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "prompt.tokens_per_shot",
        section: Section::Prompt,
        label: "Tokens per example (cached)",
        unit: Unit::Tokens,
        help: "A static prefix, so billed at the cached-input price.",
        kind_defaults: &[(FewShot, 200.0)],
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.tokens_per_shot),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.tokens_per_shot = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "prompt.chunks",
        section: Section::Prompt,
        label: "Chunks retrieved",
        unit: Unit::Count,
        help: "Retrieved passages added to each query.",
        kind_defaults: &[(Rag, 5.0)],
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.chunks),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.chunks = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "prompt.tokens_per_chunk",
        section: Section::Prompt,
        label: "Tokens per chunk",
        unit: Unit::Tokens,
        help: "Typical chunks are 200 to 500 tokens.",
        kind_defaults: &[(Rag, 300.0)],
        access: Access::Approach {
            get: |a| a.prompt.as_ref().map(|p| p.tokens_per_chunk),
            set: |a, v| {
                if let Some(p) = a.prompt.as_mut() {
                    p.tokens_per_chunk = v
                }
            },
        },
        ..DECLARED
    },
    // ---- training data ----
    Input {
        path: "data.examples",
        section: Section::Data,
        label: "Training examples",
        unit: Unit::Count,
        help: "500 to 5,000 high-quality examples; almost always the hardest and slowest part.",
        field: Some(Field::DataExamples),
        default: 2_000.0,
        access: Access::Approach {
            get: |a| a.data.as_ref().map(|d| d.examples),
            set: |a, v| {
                if let Some(d) = a.data.as_mut() {
                    d.examples = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "data.usd_per_example",
        section: Section::Data,
        label: "Cost per example (labelling)",
        unit: Unit::Usd,
        help: "Collecting, labelling and reviewing one example.",
        field: Some(Field::DataUsdPerExample),
        default: 1.5,
        access: Access::Approach {
            get: |a| a.data.as_ref().map(|d| d.usd_per_example),
            set: |a, v| {
                if let Some(d) = a.data.as_mut() {
                    d.usd_per_example = v
                }
            },
        },
        ..DECLARED
    },
    // ---- training runs ----
    Input {
        path: "training.runs",
        section: Section::Training,
        label: "Training runs (5-15 is typical)",
        unit: Unit::Count,
        help: "Budget 5 to 15 runs: the first run is almost never the final run.",
        field: Some(Field::TrainingRuns),
        default: 8.0,
        access: Access::Approach {
            get: |a| a.training.as_ref().map(|t| t.runs),
            set: |a, v| {
                if let Some(t) = a.training.as_mut() {
                    t.runs = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "training.usd_per_run",
        section: Section::Training,
        label: "Cost per training run",
        unit: Unit::Usd,
        help: "$50 to $2,000 per run, depending on model size and method.",
        field: Some(Field::TrainingUsdPerRun),
        default: 100.0,
        access: Access::Approach {
            get: |a| a.training.as_ref().map(|t| t.usd_per_run),
            set: |a, v| {
                if let Some(t) = a.training.as_mut() {
                    t.usd_per_run = v
                }
            },
        },
        ..DECLARED
    },
    // ---- a run priced by the token ----
    Input {
        path: "training.tokens.tokens_per_example",
        section: Section::TrainingTokens,
        label: "Tokens per training example",
        unit: Unit::Tokens,
        help: "Prompt and answer of one example.",
        default: 500.0,
        access: Access::Approach {
            get: |a| tokens(a).map(|t| t.tokens_per_example),
            set: |a, v| {
                if let Some(t) = tokens_mut(a) {
                    t.tokens_per_example = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "training.tokens.epochs",
        section: Section::TrainingTokens,
        label: "Epochs",
        unit: Unit::Count,
        help: "Passes over the data per run; providers default to 3 or so.",
        default: 3.0,
        access: Access::Approach {
            get: |a| tokens(a).map(|t| t.epochs),
            set: |a, v| {
                if let Some(t) = tokens_mut(a) {
                    t.epochs = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "training.tokens.usd_per_1m_tokens",
        section: Section::TrainingTokens,
        label: "Training price per 1M tokens",
        unit: Unit::UsdPer1mTokens,
        help: "The provider's training price (gpt-4.1-mini: $5 per 1M).",
        default: 5.0,
        access: Access::Approach {
            get: |a| tokens(a).map(|t| t.usd_per_1m_tokens),
            set: |a, v| {
                if let Some(t) = tokens_mut(a) {
                    t.usd_per_1m_tokens = v
                }
            },
        },
        ..DECLARED
    },
    // ---- retraining ----
    Input {
        path: "retraining.every_months",
        section: Section::Retraining,
        label: "Retrain every (months)",
        unit: Unit::Months,
        help: "Every base-model update means re-running evals and likely re-training.",
        bounds: Bounds::between(1.0, MAX_HORIZON_MONTHS as f64, "months"),
        field: Some(Field::RetrainingEveryMonths),
        default: 6.0,
        access: Access::Approach {
            get: |a| a.retraining.as_ref().map(|r| f64::from(r.every_months)),
            set: |a, v| {
                if let Some(r) = a.retraining.as_mut() {
                    r.every_months = whole(v)
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "retraining.runs",
        section: Section::Retraining,
        label: "Runs per retraining",
        unit: Unit::Count,
        help: "Training runs each retraining takes.",
        field: Some(Field::RetrainingRuns),
        default: 2.0,
        access: Access::Approach {
            get: |a| a.retraining.as_ref().map(|r| r.runs),
            set: |a, v| {
                if let Some(r) = a.retraining.as_mut() {
                    r.runs = v
                }
            },
        },
        ..DECLARED
    },
    // ---- self-hosting ----
    Input {
        path: "self_hosted.usd_per_gpu_hour",
        section: Section::SelfHosted,
        label: "GPU price per hour",
        unit: Unit::UsdPerHour,
        help: "On-demand price of one GPU.",
        field: Some(Field::GpuUsdPerHour),
        default: 2.5,
        access: Access::Approach {
            get: |a| a.self_hosted.as_ref().map(|s| s.usd_per_gpu_hour),
            set: |a, v| {
                if let Some(s) = a.self_hosted.as_mut() {
                    s.usd_per_gpu_hour = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "self_hosted.tokens_per_second",
        section: Section::SelfHosted,
        label: "Tokens per second per GPU",
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
        field: Some(Field::GpuTokensPerSecond),
        default: 2_500.0,
        access: Access::Approach {
            get: |a| a.self_hosted.as_ref().map(|s| s.tokens_per_second),
            set: |a, v| {
                if let Some(s) = a.self_hosted.as_mut() {
                    s.tokens_per_second = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "self_hosted.utilization",
        section: Section::SelfHosted,
        label: "Planned utilization (0-1)",
        unit: Unit::Fraction,
        help: "The share of GPU time doing useful work (0.01 to 1).",
        bounds: Bounds::between(0.01, 1.0, "(a fraction of GPU time)"),
        field: Some(Field::GpuUtilization),
        default: 0.6,
        access: Access::Approach {
            get: |a| a.self_hosted.as_ref().map(|s| s.utilization),
            set: |a, v| {
                if let Some(s) = a.self_hosted.as_mut() {
                    s.utilization = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "self_hosted.min_gpus",
        section: Section::SelfHosted,
        label: "Minimum GPUs",
        unit: Unit::Count,
        help: "GPUs kept running even when idle (0 to 10,000).",
        bounds: Bounds::between(0.0, 10_000.0, ""),
        field: Some(Field::MinGpus),
        default: 1.0,
        access: Access::Approach {
            get: |a| a.self_hosted.as_ref().map(|s| f64::from(s.min_gpus)),
            set: |a, v| {
                if let Some(s) = a.self_hosted.as_mut() {
                    s.min_gpus = whole(v)
                }
            },
        },
        ..DECLARED
    },
    // ---- quality ----
    Input {
        path: "quality.accuracy",
        section: Section::Quality,
        label: "Accuracy from evals (0-1)",
        unit: Unit::Fraction,
        help: "Run evals before and after; the share of answers that pass.",
        bounds: FRACTION,
        field: Some(Field::Accuracy),
        default: 0.9,
        access: Access::Approach {
            get: |a| a.quality.as_ref().map(|q| q.accuracy),
            set: |a, v| {
                if let Some(q) = a.quality.as_mut() {
                    q.accuracy = v
                }
            },
        },
        ..DECLARED
    },
    Input {
        path: "quality.usd_per_error",
        section: Section::Quality,
        label: "Cost of one wrong answer",
        unit: Unit::Usd,
        help: "What a wrong answer costs (a ticket escalated, a refund).",
        field: Some(Field::UsdPerError),
        default: 0.5,
        access: Access::Approach {
            get: |a| a.quality.as_ref().map(|q| q.usd_per_error),
            set: |a, v| {
                if let Some(q) = a.quality.as_mut() {
                    q.usd_per_error = v
                }
            },
        },
        ..DECLARED
    },
    // ---- the checklist ----
    Input {
        path: "readiness.prompt_iteration_weeks",
        section: Section::Checklist,
        label: "Weeks of real prompt iteration (4 or more)",
        unit: Unit::Weeks,
        help: "At least four weeks, with real failure cases, before fine-tuning.",
        bounds: Bounds::between(0.0, 520.0, "weeks"),
        clear: Some(Clear::Scenario(|s| {
            if let Some(r) = s.readiness.as_mut() {
                r.prompt_iteration_weeks = None
            }
        })),
        access: Access::Scenario {
            get: |s| s.readiness.as_ref().and_then(|r| r.prompt_iteration_weeks),
            set: |s, v| s.readiness.get_or_insert_with(Default::default).prompt_iteration_weeks = Some(v),
        },
        ..DECLARED
    },
    Input {
        path: "readiness.retrieval_recall",
        section: Section::Checklist,
        label: "Measured retrieval recall (0-1; below 0.7 fix retrieval first)",
        unit: Unit::Fraction,
        help: "Below about 0.7, fix retrieval before fine-tuning.",
        bounds: Bounds::between(0.0, 1.0, "(a fraction of relevant chunks retrieved)"),
        clear: Some(Clear::Scenario(|s| {
            if let Some(r) = s.readiness.as_mut() {
                r.retrieval_recall = None
            }
        })),
        access: Access::Scenario {
            get: |s| s.readiness.as_ref().and_then(|r| r.retrieval_recall),
            set: |s, v| s.readiness.get_or_insert_with(Default::default).retrieval_recall = Some(v),
        },
        ..DECLARED
    },
];

fn tokens(approach: &Approach) -> Option<&TrainingTokens> {
    approach.training.as_ref().and_then(|t| t.tokens.as_ref())
}

fn tokens_mut(approach: &mut Approach) -> Option<&mut TrainingTokens> {
    approach.training.as_mut().and_then(|t| t.tokens.as_mut())
}
