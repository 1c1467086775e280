//! The catalog's pickers on a card: the model picker (closed, the card's
//! model; open, the catalog's models for this kind of approach, searchable
//! by name and provider, grouped by provider, each with its input and output
//! price per 1M tokens, batch discount and whether it can be fine-tuned) and
//! the GPU presets of its self-hosting section. Their lists are drawn by
//! `public/picker.js`, loaded with the catalog when a picker first opens, so
//! neither weighs on the first page. Picking a model fills the card's token
//! prices (and batch discount, where the model has a batch price) and
//! records the catalog the prices came from; a GPU preset fills the
//! self-hosting fields. Everything stays editable.

use super::super::context::EditorContext;
use crate::browser::{show_picker_list, PickerList};
use crate::catalog::{apply_self_hosting, provenance, ModelPrice};
use crate::model::{ApproachKind, SelfHosted};
use leptos::prelude::*;
use std::sync::Arc;

/// What a pick does with the JSON the list hands back.
type Pick = Arc<dyn Fn(String) + Send + Sync>;

/// The catalog imported into this browser as it was stored (Breakeven's
/// JSON), or empty for the server's.
fn imported_catalog(ctx: &EditorContext) -> String {
    match ctx.catalog.with_untracked(Option::is_some) {
        true => crate::browser::load_catalog().unwrap_or_default(),
        false => String::new(),
    }
}

/// A `<details>` whose list `public/picker.js` draws when it opens.
#[component]
fn CatalogList(
    list: PickerList,
    kind: ApproachKind,
    current: String,
    summary: String,
    #[prop(optional)] id: Option<String>,
    pick: Pick,
) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let testid = match list {
        PickerList::Models => "model-picker",
        PickerList::GpuPresets => "gpu-preset-picker",
    };
    let on_toggle = move |ev: leptos::ev::Event| {
        if let Some(details) = ev.target() {
            let imported = imported_catalog(&ctx);
            show_picker_list(list, &details, kind.id(), &current, &imported, pick.clone());
        }
    };
    view! {
        <details id=id data-testid=testid on:toggle=on_toggle>
            <summary>{summary}</summary>
            <div class="picker-panel"></div>
        </details>
    }
}

#[component]
pub fn ModelPicker(id: String, index: usize, kind: ApproachKind, current: String) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let picker_id = format!("a{index}-model");
    let shown = match current.is_empty() {
        true => "Custom prices".to_string(),
        false => current.clone(),
    };
    if ctx.read_only.get_untracked() {
        return view! {
            <div class="field">
                <span class="field-label">"Model"</span>
                <span class="model-name" id=picker_id data-testid="model-picker">{shown}</span>
            </div>
        }
        .into_any();
    }
    // the list hands back the catalog entry, and which catalog (its release
    // or name, and date) it is from
    let pick: Pick = Arc::new(move |json: String| {
        let Ok((model, version, as_of)) =
            serde_json::from_str::<(ModelPrice, String, String)>(&json)
        else {
            return;
        };
        let from = provenance(&version, &as_of);
        ctx.restructure(|s| {
            if let Some(approach) = s.approaches.iter_mut().find(|a| a.id == id) {
                model.apply_to(approach);
                s.prices_from = Some(from);
            }
        });
    });
    view! {
        <div class="field model-picker">
            <span class="field-label">"Model (fills prices)"</span>
            <CatalogList list=PickerList::Models kind current summary=shown id=picker_id pick />
        </div>
    }
    .into_any()
}

#[component]
pub fn GpuPresets(id: String, kind: ApproachKind) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    if ctx.read_only.get_untracked() {
        return ().into_any();
    }
    let pick: Pick = Arc::new(move |json: String| {
        if let Ok(hosted) = serde_json::from_str::<SelfHosted>(&json) {
            ctx.restructure_approach(&id, |approaches, at| {
                apply_self_hosting(&mut approaches[at], hosted)
            });
        }
    });
    view! {
        <div class="gpu-presets">
            <CatalogList
                list=PickerList::GpuPresets
                kind
                current=String::new()
                summary="Fill from a GPU preset".to_string()
                pick
            />
        </div>
    }
    .into_any()
}
