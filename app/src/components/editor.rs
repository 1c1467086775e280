//! The scenario form: header fields and one card per approach. Inputs write
//! into the scenario signal as you type; the cost model's validation messages
//! appear next to the field they name. Structural edits (add, remove, reorder,
//! kind, sections) bump `version`, which re-renders the form from the scenario.

use super::format::{money, money_per_query, thousands};
use super::input::{labelled_checkbox, parse_optional, parse_typed, show_typed};
use super::readiness::readiness_form;
use crate::catalog::Catalog;
use crate::model::templates::{approach_template, quality_template, self_hosted_template};
use crate::model::validate::MAX_APPROACHES;
use crate::model::{
    Analysis, Approach, ApproachKind, CostBasis, Data, Field, FieldError, PromptTokens, Retraining,
    Scenario, Training, TrainingTokens,
};
use leptos::prelude::*;

pub type Checked = Result<Analysis, Vec<FieldError>>;

/// The full analysis (Monte Carlo included) of one version of the scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Settled {
    pub scenario: Scenario,
    pub analysis: std::sync::Arc<Analysis>,
}

/// Everything a field needs to show itself and its errors.
#[derive(Clone, Copy)]
pub struct EditorContext {
    pub scenario: RwSignal<Scenario>,
    pub version: RwSignal<u64>,
    /// The scenario's analysis without the Monte Carlo, recomputed on every
    /// edit: validation, the card figures, the answer and the cost charts.
    pub result: Memo<Checked>,
    /// The full analysis of the scenario as it was when typing last paused
    /// (see `Workspace`): the probabilities and the uncertainty and
    /// sensitivity charts come from it, so a keystroke never waits for the
    /// 10,000-sample Monte Carlo.
    pub settled: RwSignal<Option<Settled>>,
    /// The one chart theme the browser shows; `None` (on the server and
    /// while hydrating) draws both and lets the stylesheet choose.
    pub theme: RwSignal<Option<crate::chart::theme::Theme>>,
    pub read_only: Signal<bool>,
    /// The price catalog the model pickers offer (built-in or imported).
    pub catalog: RwSignal<Catalog>,
}

impl EditorContext {
    pub(crate) fn error_for(
        &self,
        paths: Vec<String>,
    ) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let result = self.result;
        move || {
            result.with(|r| {
                r.as_ref().err().and_then(|errors| {
                    errors
                        .iter()
                        .find(|e| paths.contains(&e.path))
                        .map(|e| e.message.clone())
                })
            })
        }
    }

    /// A structural change: apply it and re-render the form.
    fn restructure(&self, change: impl FnOnce(&mut Scenario)) {
        self.scenario.update(change);
        self.version.update(|v| *v += 1);
    }
}

/// A field's label, in the words of the approach's kind where they differ.
fn field_label(field: Field, kind: ApproachKind) -> &'static str {
    match (kind, field) {
        (ApproachKind::Rag, Field::SetupUsd) => {
            return "One-time setup (engineering, indexing the corpus)"
        }
        (ApproachKind::Rag, Field::ExtraUsd) => return "Embedding + vector read per query",
        (ApproachKind::Rag, Field::MonthlyFixedUsd) => return "Vector DB per month",
        (ApproachKind::FewShot, Field::CachedInputTokens) => {
            return "Cached input tokens (the few-shot examples)"
        }
        (ApproachKind::FineTuning, Field::SetupUsd) => {
            return "One-time setup (engineering, data pipeline, evals)"
        }
        _ => {}
    }
    match field {
        Field::SetupUsd => "One-time setup (engineering, prompt work)",
        Field::DataExamples => "Training examples",
        Field::DataUsdPerExample => "Cost per example (labelling)",
        Field::TrainingRuns => "Training runs (5-15 is typical)",
        Field::TrainingUsdPerRun => "Cost per training run",
        Field::RetrainingEveryMonths => "Retrain every (months)",
        Field::RetrainingRuns => "Runs per retraining",
        Field::InputTokens => "Input tokens per query",
        Field::CachedInputTokens => "Cached input tokens per query",
        Field::OutputTokens => "Output tokens per query",
        Field::UsdPer1mInput => "Price per 1M input tokens",
        Field::UsdPer1mCachedInput => "Price per 1M cached input tokens",
        Field::UsdPer1mOutput => "Price per 1M output tokens",
        Field::ExtraUsd => "Extra per query (embeddings, vector reads)",
        Field::MonthlyFixedUsd => "Fixed per month (hosting, vector DB)",
        Field::GpuUsdPerHour => "GPU price per hour",
        Field::GpuTokensPerSecond => "Tokens per second per GPU",
        Field::GpuUtilization => "Planned utilization (0-1)",
        Field::MinGpus => "Minimum GPUs",
        Field::Accuracy => "Accuracy from evals (0-1)",
        Field::UsdPerError => "Cost of one wrong answer",
        Field::LatencyMsP50 => "Latency p50 (ms)",
    }
}

/// A labelled text box with its error line.
pub(crate) fn text_box(
    id: String,
    label: String,
    initial: String,
    error: impl Fn() -> Option<String> + Send + Sync + 'static,
    read_only: Signal<bool>,
    on_text: impl Fn(String) + 'static,
) -> AnyView {
    let error_id = format!("{id}-error");
    let error = Signal::derive(error);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                value=initial
                readonly=move || read_only.get()
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=error_id.clone()
                on:input=move |ev| on_text(event_target_value(&ev))
            />
            <span class="field-error" id=error_id>{move || error.get()}</span>
        </div>
    }
    .into_any()
}

fn approach_field(ctx: EditorContext, index: usize, approach: &Approach, field: Field) -> AnyView {
    let path = field.path();
    let base = format!("approaches[{index}].{path}");
    let range_path = format!("approaches[{index}].ranges[\"{path}\"]");
    let initial = match (field, approach.field(field)) {
        (Field::LatencyMsP50, None) => String::new(),
        (_, value) => show_typed(
            value.unwrap_or(f64::NAN),
            approach.ranges.get(path).copied(),
        ),
    };
    let id = format!("a{index}-{}", path.replace(['.', '_'], "-"));
    let optional = field == Field::LatencyMsP50;
    text_box(
        id,
        field_label(field, approach.kind).to_string(),
        initial,
        ctx.error_for(vec![base, range_path]),
        ctx.read_only,
        move |text| {
            ctx.scenario.update(|s| {
                let Some(approach) = s.approaches.get_mut(index) else {
                    return;
                };
                if optional && text.trim().is_empty() {
                    approach.latency_ms_p50 = None;
                    approach.ranges.remove(path);
                    return;
                }
                match parse_typed(&text) {
                    Some(typed) => {
                        approach.set_field(field, typed.value);
                        // examples feed a run priced by training tokens
                        approach.sync_derived();
                        match typed.range {
                            Some(range) => {
                                approach.ranges.insert(path.to_string(), range);
                            }
                            None => {
                                approach.ranges.remove(path);
                            }
                        }
                    }
                    None => {
                        approach.set_field(field, f64::NAN);
                        approach.ranges.remove(path);
                    }
                }
            })
        },
    )
}

/// A picker over the catalog's models for this kind; picking one fills the
/// card's token prices, which stay editable by hand.
fn model_picker(ctx: EditorContext, index: usize, approach: &Approach) -> AnyView {
    let id = format!("a{index}-model");
    let kind = approach.kind;
    let current = approach.model.clone().unwrap_or_default();
    let read_only = ctx.read_only;
    let options = move || {
        ctx.catalog.with(|catalog| {
            let mut options: Vec<AnyView> = vec![view! {
                <option value="" selected=current.is_empty()>"Custom prices"</option>
            }
            .into_any()];
            if !current.is_empty() && catalog.get(&current).is_none() {
                let label = format!("{current} (not in this catalog)");
                options.push(
                    view! { <option value=current.clone() selected=true>{label}</option> }
                        .into_any(),
                );
            }
            for model in catalog.for_kind(kind) {
                options.push(
                    view! {
                        <option value=model.id.clone() selected=model.id == current>
                            {model.label.clone()}
                        </option>
                    }
                    .into_any(),
                );
            }
            options
        })
    };
    view! {
        <div class="field">
            <label for=id.clone()>"Model (fills prices)"</label>
            <select
                id=id
                data-testid="model-picker"
                disabled=move || read_only.get()
                on:change=move |ev| {
                    let picked = event_target_value(&ev);
                    let model = ctx.catalog.with_untracked(|c| c.get(&picked).cloned());
                    ctx.restructure(|s| {
                        let Some(approach) = s.approaches.get_mut(index) else { return };
                        match model {
                            Some(model) => model.apply_to(approach),
                            None => approach.model = None,
                        }
                    });
                }
            >
                {options}
            </select>
        </div>
    }
    .into_any()
}

/// A box for one part of a derived figure (a prompt's tokens, a training
/// run's tokens): typing re-derives the figure through the cost model.
fn part_box(
    ctx: EditorContext,
    index: usize,
    path: &str,
    label: &str,
    initial: f64,
    set: fn(&mut Approach, f64),
) -> AnyView {
    text_box(
        format!("a{index}-{}", path.replace(['.', '_'], "-")),
        label.to_string(),
        format!("{initial}"),
        ctx.error_for(vec![format!("approaches[{index}].{path}")]),
        ctx.read_only,
        move |text| {
            let value = parse_typed(&text).map_or(f64::NAN, |t| t.value);
            ctx.scenario.update(|s| {
                if let Some(approach) = s.approaches.get_mut(index) {
                    set(approach, value);
                    approach.sync_derived();
                }
            })
        },
    )
}

/// A checkbox that switches a derivation on or off (a structural edit).
fn derivation_toggle(
    ctx: EditorContext,
    index: usize,
    slug: &str,
    label: &'static str,
    on: bool,
    switch: fn(&mut Approach, bool),
) -> AnyView {
    labelled_checkbox(
        format!("a{index}-{slug}"),
        label,
        on,
        ctx.read_only,
        move |on| {
            ctx.restructure(|s| {
                if let Some(approach) = s.approaches.get_mut(index) {
                    switch(approach, on);
                    approach.sync_derived();
                }
            })
        },
    )
}

/// A live readout of a figure the model derived.
fn derived_readout(
    testid: &'static str,
    text: impl Fn() -> String + Send + Sync + 'static,
) -> AnyView {
    view! { <p class="computed" data-testid=testid><output>{text}</output></p> }.into_any()
}

/// The query's tokens by their parts; which parts show depends on the kind.
fn prompt_parts(ctx: EditorContext, index: usize, approach: &Approach) -> AnyView {
    let toggle = derivation_toggle(
        ctx,
        index,
        "prompt-parts",
        "Work out tokens per query from the prompt's parts",
        approach.prompt.is_some(),
        |approach, on| {
            approach.prompt = on.then(|| PromptTokens {
                system_tokens: approach.per_query.input_tokens,
                user_tokens: 0.0,
                shots: if approach.per_query.cached_input_tokens > 0.0 {
                    1.0
                } else {
                    0.0
                },
                tokens_per_shot: approach.per_query.cached_input_tokens,
                ..PromptTokens::default()
            });
            for field in [Field::InputTokens, Field::CachedInputTokens] {
                approach.ranges.remove(field.path());
            }
        },
    );
    let Some(prompt) = approach.prompt.clone() else {
        return toggle;
    };
    let kind = approach.kind;
    let shots = kind == ApproachKind::FewShot || prompt.shots > 0.0;
    let chunks = kind == ApproachKind::Rag || prompt.chunks > 0.0;
    let tokens = move || {
        ctx.scenario.with(|s| {
            s.approaches.get(index).map_or(String::new(), |a| {
                format!(
                    "{} input tokens per query, {} of them cached",
                    thousands(a.per_query.input_tokens + a.per_query.cached_input_tokens),
                    thousands(a.per_query.cached_input_tokens)
                )
            })
        })
    };
    view! {
        {toggle}
        <div class="card-fields">
            {part_box(ctx, index, "prompt.system_tokens", "System prompt tokens", prompt.system_tokens, |a, v| if let Some(p) = a.prompt.as_mut() { p.system_tokens = v })}
            {part_box(ctx, index, "prompt.user_tokens", "User message tokens", prompt.user_tokens, |a, v| if let Some(p) = a.prompt.as_mut() { p.user_tokens = v })}
            {shots.then(|| view! {
                {part_box(ctx, index, "prompt.shots", "Few-shot examples in the prompt", prompt.shots, |a, v| if let Some(p) = a.prompt.as_mut() { p.shots = v })}
                {part_box(ctx, index, "prompt.tokens_per_shot", "Tokens per example (cached)", prompt.tokens_per_shot, |a, v| if let Some(p) = a.prompt.as_mut() { p.tokens_per_shot = v })}
            })}
            {chunks.then(|| view! {
                {part_box(ctx, index, "prompt.chunks", "Chunks retrieved", prompt.chunks, |a, v| if let Some(p) = a.prompt.as_mut() { p.chunks = v })}
                {part_box(ctx, index, "prompt.tokens_per_chunk", "Tokens per chunk", prompt.tokens_per_chunk, |a, v| if let Some(p) = a.prompt.as_mut() { p.tokens_per_chunk = v })}
            })}
        </div>
        {derived_readout("prompt-tokens", tokens)}
    }
    .into_any()
}

/// A run priced by training tokens: examples x tokens x epochs x price, with
/// the cost per run worked out by the model as you type.
fn training_tokens(ctx: EditorContext, index: usize, approach: &Approach) -> AnyView {
    let toggle = derivation_toggle(
        ctx,
        index,
        "training-tokens",
        "Work out the cost per run from training tokens",
        approach
            .training
            .as_ref()
            .is_some_and(|t| t.tokens.is_some()),
        |approach, on| {
            if on && approach.data.is_none() {
                approach.data = Some(Data {
                    examples: 1_000.0,
                    usd_per_example: 1.0,
                });
            }
            if let Some(training) = approach.training.as_mut() {
                training.tokens = on.then_some(TrainingTokens {
                    tokens_per_example: 500.0,
                    epochs: 3.0,
                    usd_per_1m_tokens: 5.0,
                });
            }
            approach.ranges.remove(Field::TrainingUsdPerRun.path());
        },
    );
    let Some(tokens) = approach.training.as_ref().and_then(|t| t.tokens.clone()) else {
        return toggle;
    };
    let per_run = move || {
        ctx.scenario.with(|s| {
            let per_run = s
                .approaches
                .get(index)
                .and_then(|a| a.training.as_ref())
                .map_or(f64::NAN, |t| t.usd_per_run);
            if per_run.is_finite() {
                format!(
                    "Cost per training run: {} (examples × tokens × epochs × price)",
                    money_per_query(per_run, &s.currency)
                )
            } else {
                "Cost per training run: –".to_string()
            }
        })
    };
    fn tokens_of(approach: &mut Approach) -> Option<&mut TrainingTokens> {
        approach.training.as_mut().and_then(|t| t.tokens.as_mut())
    }
    view! {
        {toggle}
        {part_box(ctx, index, "training.tokens.tokens_per_example", "Tokens per training example", tokens.tokens_per_example, |a, v| if let Some(t) = tokens_of(a) { t.tokens_per_example = v })}
        {part_box(ctx, index, "training.tokens.epochs", "Epochs", tokens.epochs, |a, v| if let Some(t) = tokens_of(a) { t.epochs = v })}
        {part_box(ctx, index, "training.tokens.usd_per_1m_tokens", "Training price per 1M tokens", tokens.usd_per_1m_tokens, |a, v| if let Some(t) = tokens_of(a) { t.usd_per_1m_tokens = v })}
        {derived_readout("usd-per-run", per_run)}
        <span class="field-error">{ctx.error_for(vec![format!("approaches[{index}].training.usd_per_run"), format!("approaches[{index}].training.tokens")])}</span>
    }
    .into_any()
}

/// The optional sections of an approach, with the fields they hold.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    Data,
    Training,
    Retraining,
    SelfHosted,
    Quality,
}

impl Section {
    const ALL: [Section; 5] = [
        Section::Data,
        Section::Training,
        Section::Retraining,
        Section::SelfHosted,
        Section::Quality,
    ];

    fn slug(self) -> &'static str {
        match self {
            Section::Data => "data",
            Section::Training => "training",
            Section::Retraining => "retraining",
            Section::SelfHosted => "self-hosted",
            Section::Quality => "quality",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Section::Data => "Training data",
            Section::Training => "Training runs",
            Section::Retraining => "Retraining when the base model updates",
            Section::SelfHosted => "Self-hosted on GPUs",
            Section::Quality => "Quality from evals",
        }
    }

    fn fields(self) -> &'static [Field] {
        match self {
            Section::Data => &[Field::DataExamples, Field::DataUsdPerExample],
            Section::Training => &[Field::TrainingRuns, Field::TrainingUsdPerRun],
            Section::Retraining => &[Field::RetrainingEveryMonths, Field::RetrainingRuns],
            Section::SelfHosted => &[
                Field::GpuUsdPerHour,
                Field::GpuTokensPerSecond,
                Field::GpuUtilization,
                Field::MinGpus,
            ],
            Section::Quality => &[Field::Accuracy, Field::UsdPerError],
        }
    }

    fn present(self, approach: &Approach) -> bool {
        match self {
            Section::Data => approach.data.is_some(),
            Section::Training => approach.training.is_some(),
            Section::Retraining => approach.retraining.is_some(),
            Section::SelfHosted => approach.self_hosted.is_some(),
            Section::Quality => approach.quality.is_some(),
        }
    }

    fn toggle(self, approach: &mut Approach, on: bool) {
        match self {
            Section::Data => {
                approach.data = on.then_some(Data {
                    examples: 1_000.0,
                    usd_per_example: 1.0,
                })
            }
            Section::Training => {
                approach.training = on.then_some(Training {
                    runs: 8.0,
                    usd_per_run: 100.0,
                    tokens: None,
                })
            }
            Section::Retraining => {
                if on && approach.training.is_none() {
                    approach.training = Some(Training {
                        runs: 8.0,
                        usd_per_run: 100.0,
                        tokens: None,
                    });
                }
                approach.retraining = on.then_some(Retraining {
                    every_months: 6,
                    runs: 2.0,
                })
            }
            Section::SelfHosted => approach.self_hosted = on.then(self_hosted_template),
            Section::Quality => approach.quality = on.then(quality_template),
        }
        if !on {
            for field in self.fields() {
                approach.ranges.remove(field.path());
            }
        }
    }
}

const CORE_FIELDS: [Field; 10] = [
    Field::SetupUsd,
    Field::InputTokens,
    Field::CachedInputTokens,
    Field::OutputTokens,
    Field::UsdPer1mInput,
    Field::UsdPer1mCachedInput,
    Field::UsdPer1mOutput,
    Field::ExtraUsd,
    Field::MonthlyFixedUsd,
    Field::LatencyMsP50,
];

fn approach_card(ctx: EditorContext, index: usize, approach: Approach, count: usize) -> AnyView {
    let read_only = ctx.read_only;
    let kind_id = format!("a{index}-kind");
    let label_id = format!("a{index}-label");
    let id = approach.id.clone();
    let currency = move || ctx.scenario.with(|s| s.currency.clone());
    let summary = move || {
        ctx.result.with(|r| match r {
            Ok(analysis) => analysis.approaches.get(index).map(|a| {
                let c = currency();
                format!(
                    "{} per query · {} one-time · {} in the last month",
                    money_per_query(a.per_query_usd, &c),
                    money(a.one_time_usd, &c),
                    money(a.monthly_usd_at_horizon, &c)
                )
            }),
            Err(_) => None,
        })
    };
    let by_parts = approach.prompt.is_some();
    let core = CORE_FIELDS
        .iter()
        .filter(|field| {
            !(by_parts && matches!(field, Field::InputTokens | Field::CachedInputTokens))
        })
        .map(|field| approach_field(ctx, index, &approach, *field))
        .collect_view();
    let parts = prompt_parts(ctx, index, &approach);
    let sections = Section::ALL
        .iter()
        .map(|section| {
            let section = *section;
            let present = section.present(&approach);
            let toggle_id = format!("a{index}-section-{}", section.slug());
            let toggle_for = toggle_id.clone();
            let priced_by_tokens = approach
                .training
                .as_ref()
                .is_some_and(|t| t.tokens.is_some());
            let fields = present.then(|| {
                let fields = section
                    .fields()
                    .iter()
                    .filter(|field| !(priced_by_tokens && **field == Field::TrainingUsdPerRun))
                    .map(|field| approach_field(ctx, index, &approach, *field))
                    .collect_view();
                let tokens = (section == Section::Training).then(|| training_tokens(ctx, index, &approach));
                view! { {fields} {tokens} }
            });
            view! {
                <fieldset class="section">
                    <legend>
                        <label for=toggle_for>
                            <input
                                type="checkbox"
                                id=toggle_id
                                checked=present
                                disabled=move || read_only.get()
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    ctx.restructure(|s| section.toggle(&mut s.approaches[index], on));
                                }
                            />
                            {section.title()}
                        </label>
                    </legend>
                    {fields}
                </fieldset>
            }
        })
        .collect_view();
    let kinds = ApproachKind::ALL
        .iter()
        .map(|kind| {
            let value = kind.id();
            view! { <option value=value selected=*kind == approach.kind>{kind.label()}</option> }
        })
        .collect_view();
    view! {
        <article class="approach-card" data-testid="approach-card" data-approach-id=id.clone()>
            <header class="card-header">
                <div class="field">
                    <label for=label_id.clone()>"Name"</label>
                    <input
                        id=label_id
                        type="text"
                        value=approach.label.clone()
                        readonly=move || read_only.get()
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            ctx.scenario.update(|s| s.approaches[index].label = text);
                        }
                    />
                </div>
                <div class="field">
                    <label for=kind_id.clone()>"Kind"</label>
                    <select
                        id=kind_id
                        disabled=move || read_only.get()
                        on:change=move |ev| {
                            if let Some(kind) = ApproachKind::from_id(&event_target_value(&ev)) {
                                ctx.restructure(|s| s.approaches[index].kind = kind);
                            }
                        }
                    >
                        {kinds}
                    </select>
                </div>
                {model_picker(ctx, index, &approach)}
            </header>
            <p class="card-summary" data-testid="card-summary">{summary}</p>
            {parts}
            <div class="card-fields">{core}</div>
            {sections}
            <div class="card-actions" hidden=move || read_only.get()>
                <button
                    type="button"
                    disabled={index == 0}
                    aria-label=format!("Move {id} up")
                    on:click=move |_| ctx.restructure(|s| s.approaches.swap(index, index - 1))
                >
                    "↑ Up"
                </button>
                <button
                    type="button"
                    disabled={index + 1 >= count}
                    aria-label=format!("Move {id} down")
                    on:click=move |_| ctx.restructure(|s| s.approaches.swap(index, index + 1))
                >
                    "↓ Down"
                </button>
                <button
                    type="button"
                    disabled={count >= MAX_APPROACHES}
                    on:click=move |_| {
                        ctx.restructure(|s| {
                            let mut copy = s.approaches[index].clone();
                            let taken: Vec<&str> = s.approaches.iter().map(|a| a.id.as_str()).collect();
                            copy.id = approach_template(copy.kind, &taken).id;
                            copy.label = format!("{} (copy)", copy.label);
                            s.approaches.insert(index + 1, copy);
                        })
                    }
                >
                    "Duplicate"
                </button>
                <button
                    type="button"
                    disabled={count <= 1}
                    on:click=move |_| ctx.restructure(|s| {
                        s.approaches.remove(index);
                    })
                >
                    "Remove"
                </button>
            </div>
        </article>
    }
    .into_any()
}

fn header_fields(ctx: EditorContext, scenario: &Scenario) -> AnyView {
    let read_only = ctx.read_only;
    let number =
        |id: &str, label: &str, path: &str, initial: String, set: fn(&mut Scenario, f64)| {
            text_box(
                id.to_string(),
                label.to_string(),
                initial,
                ctx.error_for(vec![path.to_string()]),
                read_only,
                move |text| {
                    let value = parse_typed(&text).map_or(f64::NAN, |t| t.value);
                    ctx.scenario.update(|s| set(s, value));
                },
            )
        };
    let volume_text = RwSignal::new(format!("{}", scenario.volume.queries_per_month));
    let volume_error = Signal::derive(ctx.error_for(vec!["volume.queries_per_month".into()]));
    let exponent = |volume: f64| volume.max(1.0).log10().clamp(3.0, 9.0);
    let slider = move || ctx.scenario.with(|s| exponent(s.volume.queries_per_month));
    let currencies = ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR"]
        .iter()
        .map(|c| view! { <option value=*c selected=*c == scenario.currency>{*c}</option> })
        .collect_view();
    let name_error = ctx.error_for(vec!["name".into()]);
    view! {
        <div class="scenario-header">
            <div class="field wide">
                <label for="scenario-name">"Scenario name"</label>
                <input
                    id="scenario-name"
                    type="text"
                    value=scenario.name.clone()
                    readonly=move || read_only.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        ctx.scenario.update(|s| s.name = text);
                    }
                />
                <span class="field-error">{name_error}</span>
            </div>
            <div class="field wide volume">
                <label for="volume">"Queries per month (month 1)"</label>
                <div class="volume-inputs">
                    <input
                        id="volume"
                        type="text"
                        inputmode="decimal"
                        prop:value=move || volume_text.get()
                        value=volume_text.get_untracked()
                        readonly=move || read_only.get()
                        aria-invalid=move || if volume_error.with(Option::is_some) { "true" } else { "false" }
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            let value = parse_typed(&text).map_or(f64::NAN, |t| t.value);
                            volume_text.set(text);
                            ctx.scenario.update(|s| s.volume.queries_per_month = value);
                        }
                    />
                    <input
                        type="range"
                        aria-label="Queries per month, log scale"
                        min="3"
                        max="9"
                        step="0.01"
                        prop:value=move || format!("{:.2}", slider())
                        value=format!("{:.2}", exponent(scenario.volume.queries_per_month))
                        disabled=move || read_only.get()
                        on:input=move |ev| {
                            if let Ok(exponent) = event_target_value(&ev).parse::<f64>() {
                                let value = round_volume(10f64.powf(exponent));
                                volume_text.set(format!("{value}"));
                                ctx.scenario.update(|s| s.volume.queries_per_month = value);
                            }
                        }
                    />
                </div>
                <span class="field-error">{move || volume_error.get()}</span>
            </div>
            {number("growth", "Monthly growth (%)", "volume.monthly_growth_pct", format!("{}", scenario.volume.monthly_growth_pct), |s, v| s.volume.monthly_growth_pct = v)}
            {number("horizon", "Horizon (months)", "horizon_months", format!("{}", scenario.horizon_months), |s, v| {
                s.horizon_months = if v.is_finite() && v >= 0.0 { v.round().min(1e6) as u32 } else { 0 }
            })}
            <div class="field">
                <label for="currency">"Currency"</label>
                <select
                    id="currency"
                    disabled=move || read_only.get()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        ctx.scenario.update(|s| s.currency = value);
                    }
                >
                    {currencies}
                </select>
            </div>
            <div class="field">
                <label for="cost-basis">"Cost basis"</label>
                <select
                    id="cost-basis"
                    disabled=move || read_only.get()
                    on:change=move |ev| {
                        let basis = if event_target_value(&ev) == "quality_adjusted" {
                            CostBasis::QualityAdjusted
                        } else {
                            CostBasis::Compute
                        };
                        ctx.scenario.update(|s| s.cost_basis = basis);
                    }
                >
                    <option value="compute" selected=scenario.cost_basis == CostBasis::Compute>
                        "Compute only"
                    </option>
                    <option value="quality_adjusted" selected=scenario.cost_basis == CostBasis::QualityAdjusted>
                        "Quality-adjusted (adds cost of errors)"
                    </option>
                </select>
            </div>
            {text_box(
                "latency-target".into(),
                "Latency target p50 (ms, optional)".into(),
                scenario.latency_target_ms.map(|v| format!("{v}")).unwrap_or_default(),
                ctx.error_for(vec!["latency_target_ms".into()]),
                read_only,
                move |text| {
                    let value = parse_optional(&text);
                    ctx.scenario.update(|s| s.latency_target_ms = value);
                },
            )}
        </div>
    }
    .into_any()
}

/// Two significant digits, so the slider lands on round volumes.
fn round_volume(value: f64) -> f64 {
    let magnitude = 10f64.powf(value.log10().floor() - 1.0);
    (value / magnitude).round() * magnitude
}

#[component]
pub fn ScenarioEditor(ctx: EditorContext) -> impl IntoView {
    let read_only = ctx.read_only;
    let new_kind = RwSignal::new(ApproachKind::FineTuning);
    // Keyed by `version`: a structural change or a loaded scenario replaces the
    // whole form with fresh inputs. (Re-running a plain closure would patch
    // the old inputs in place, and an input the user has typed in keeps its
    // own text when only its value attribute changes.)
    let form = move |_version: u64| {
        let scenario = ctx.scenario.get_untracked();
        let count = scenario.approaches.len();
        let cards = scenario
            .approaches
            .iter()
            .enumerate()
            .map(|(index, approach)| approach_card(ctx, index, approach.clone(), count))
            .collect_view();
        let approaches_error = ctx.error_for(vec!["approaches".into()]);
        view! {
            {header_fields(ctx, &scenario)}
            <span class="field-error">{approaches_error}</span>
            <div class="approach-cards">{cards}</div>
            {readiness_form(ctx, &scenario)}
        }
        .into_any()
    };
    let kinds = ApproachKind::ALL
        .iter()
        .map(|kind| {
            let kind = *kind;
            view! { <option value=kind.label() selected=kind == ApproachKind::FineTuning>{kind.label()}</option> }
        })
        .collect_view();
    let at_limit = move || ctx.scenario.with(|s| s.approaches.len() >= MAX_APPROACHES);
    view! {
        <form class="editor" on:submit=|ev| ev.prevent_default()>
            <For each=move || std::iter::once(ctx.version.get()) key=|version| *version children=form />
            <div class="add-approach" hidden=move || read_only.get()>
                <label for="new-kind">"Add an approach"</label>
                <select
                    id="new-kind"
                    on:change=move |ev| {
                        let label = event_target_value(&ev);
                        if let Some(kind) = ApproachKind::ALL.into_iter().find(|k| k.label() == label) {
                            new_kind.set(kind);
                        }
                    }
                >
                    {kinds}
                </select>
                <button
                    type="button"
                    data-testid="add-approach"
                    disabled=at_limit
                    on:click=move |_| {
                        ctx.restructure(|s| {
                            let taken: Vec<&str> = s.approaches.iter().map(|a| a.id.as_str()).collect();
                            let approach = approach_template(new_kind.get_untracked(), &taken);
                            s.approaches.push(approach);
                        })
                    }
                >
                    "Add"
                </button>
                <span class="hint" hidden=move || !at_limit()>"Up to 8 approaches."</span>
            </div>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::round_volume;

    #[test]
    fn slider_volumes_are_round() {
        assert_eq!(round_volume(123_456.0), 120_000.0);
        assert_eq!(round_volume(1_000.0), 1_000.0);
        assert_eq!(round_volume(2_512_345.0), 2_500_000.0);
    }
}
