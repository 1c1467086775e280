//! The model picker: the catalog's models for this kind of approach,
//! searchable by name and provider and grouped by provider, each with its
//! input and output price per 1M tokens and whether it can be fine-tuned.
//! The catalog is fetched when a picker first opens (it is data, not part of
//! the wasm). Picking a model fills the card's token prices (and the batch
//! discount, where the model has a batch price), which stay editable, and
//! records the catalog the prices came from.

use super::super::context::EditorContext;
use crate::catalog::{Catalog, ModelPrice};
use crate::format::money_per_query;
use crate::model::{ApproachKind, PricesFrom};
use leptos::prelude::*;

/// A model's prices as the picker lists them (with their date when it is
/// not the catalog's: hand-kept fine-tuning prices).
fn price_line(model: &ModelPrice, kind: ApproachKind, catalog_as_of: &str) -> String {
    let usd = |value: f64| money_per_query(value, "USD");
    let mut line = format!(
        "{} in · {} out",
        usd(model.usd_per_1m_input),
        usd(model.usd_per_1m_output)
    );
    if let Some(training) = model.usd_per_1m_training {
        line += &format!(" · training {}", usd(training));
    }
    if let Some(discount) = model.batch_discount().filter(|d| *d > 0.0) {
        line += &format!(" · batch −{:.0}%", discount * 100.0);
    }
    if model.fine_tunable && kind != ApproachKind::FineTuning {
        line += " · fine-tunable";
    }
    if let Some(date) = &model.retires {
        line += &format!(" · retires {date}");
    }
    if model.as_of != catalog_as_of {
        line += &format!(" · as of {}", model.as_of);
    }
    line
}

/// Whether `model` matches what was typed (any word, in its name, id or
/// provider).
fn matches(model: &ModelPrice, query: &str) -> bool {
    // ASCII case folding: model names are ASCII, and Unicode's case tables
    // would weigh 20 KB in the wasm
    let haystack = format!(
        "{} {} {}",
        model.label,
        model.id,
        model.provider.as_deref().unwrap_or("")
    )
    .to_ascii_lowercase();
    query
        .to_ascii_lowercase()
        .split_ascii_whitespace()
        .all(|word| haystack.contains(word))
}

/// The catalog's models for `kind` that match `query`, by provider in the
/// catalog's order.
fn grouped<'a>(
    catalog: &'a Catalog,
    kind: ApproachKind,
    query: &str,
) -> Vec<(String, Vec<&'a ModelPrice>)> {
    let mut groups: Vec<(String, Vec<&ModelPrice>)> = Vec::new();
    for model in catalog.for_kind(kind).filter(|m| matches(m, query)) {
        let provider = model.provider.clone().unwrap_or_else(|| "Other".into());
        match groups.iter_mut().find(|(p, _)| *p == provider) {
            Some((_, models)) => models.push(model),
            None => groups.push((provider, vec![model])),
        }
    }
    groups
}

#[component]
pub fn ModelPicker(id: String, index: usize, kind: ApproachKind, current: String) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let picker_id = format!("a{index}-model");
    let label_id = format!("{picker_id}-label");
    let shown = match current.is_empty() {
        true => "Custom prices".to_string(),
        false => current.clone(),
    };
    if ctx.read_only.get_untracked() {
        return view! {
            <div class="field">
                <span class="field-label" id=label_id>"Model"</span>
                <span class="model-name" id=picker_id data-testid="model-picker">{shown}</span>
            </div>
        }
        .into_any();
    }
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let on_toggle = move |ev: leptos::ev::Event| {
        let now_open = event_target::<web_sys::Element>(&ev).has_attribute("open");
        open.set(now_open);
        if now_open {
            ctx.ensure_catalog();
        }
    };
    let pick = move |model: ModelPrice| {
        let id = id.clone();
        move |_| {
            let from = ctx.catalog.with_untracked(|c| {
                c.as_ref().map(|c| PricesFrom {
                    catalog: c.version.clone().unwrap_or_else(|| c.name.clone()),
                    as_of: c.as_of.clone(),
                })
            });
            ctx.restructure(|s| {
                if let Some(approach) = s.approaches.iter_mut().find(|a| a.id == id) {
                    model.apply_to(approach);
                    s.prices_from = from;
                }
            });
        }
    };
    let list = move || {
        open.get().then(|| {
            ctx.catalog.with(|catalog| {
                let Some(catalog) = catalog else {
                    return view! { <p class="picker-note" data-testid="model-note">{move || ctx.catalog_note.get()}</p> }
                        .into_any();
                };
                let missing = (!current.is_empty() && catalog.get(&current).is_none()).then(|| {
                    view! {
                        <p class="picker-note" data-testid="model-missing">
                            {current.clone()} " is not in this catalog: its prices stay as typed."
                        </p>
                    }
                });
                let typed = query.get();
                let groups = grouped(catalog, kind, &typed);
                let found = !groups.is_empty();
                let groups = groups
                    .into_iter()
                    .map(|(provider, models)| {
                        let options = models
                            .into_iter()
                            .map(|model| {
                                let line = price_line(model, kind, &catalog.as_of);
                                let label = model.label.clone();
                                let chosen = model.id == current;
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="model-option"
                                            aria-pressed=chosen.to_string()
                                            data-model=model.id.clone()
                                            on:click=pick(model.clone())
                                        >
                                            <span class="model-label">{label}</span>
                                            <span class="model-prices">{line}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <li class="model-group">
                                <span class="provider">{provider}</span>
                                <ul>{options}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                // on a fine-tuning card, who cannot be fine-tuned, and why
                let cannot_tune = (kind == ApproachKind::FineTuning).then(|| {
                    catalog
                        .no_fine_tuning
                        .iter()
                        .map(|none| view! { <p class="picker-note" data-testid="no-fine-tuning">{none.note.clone()} "."</p> })
                        .collect_view()
                });
                view! {
                    {missing}
                    <ul class="model-list" data-testid="model-list">{groups}</ul>
                    <p class="picker-note" hidden=found>"No model matches."</p>
                    {cannot_tune}
                    <p class="picker-note">
                        "USD per 1M tokens; " {catalog.name.clone()} ", as of " {catalog.as_of.clone()} "."
                    </p>
                }
                .into_any()
            })
        })
    };
    view! {
        <div class="field model-picker">
            <span class="field-label" id=label_id.clone()>"Model (fills prices)"</span>
            <details id=picker_id data-testid="model-picker" on:toggle=on_toggle>
                <summary aria-describedby=label_id>{shown}</summary>
                <div class="picker-panel">
                    <input
                        type="search"
                        placeholder="Search a model or provider"
                        aria-label="Search a model or provider"
                        data-testid="model-search"
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                    {list}
                </div>
            </details>
        </div>
    }
    .into_any()
}
