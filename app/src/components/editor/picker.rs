//! The model picker: the catalog's models for this kind of approach; picking
//! one fills the card's token prices, which stay editable by hand.

use super::super::context::EditorContext;
use crate::model::ApproachKind;
use leptos::prelude::*;

#[component]
pub fn ModelPicker(id: String, index: usize, kind: ApproachKind, current: String) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let read_only = ctx.read_only;
    let element_id = format!("a{index}-model");
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
    let on_change = move |ev| {
        let picked = event_target_value(&ev);
        let model = ctx.catalog.with_untracked(|c| c.get(&picked).cloned());
        ctx.restructure_approach(&id, |approaches, at| match model {
            Some(model) => model.apply_to(&mut approaches[at]),
            None => approaches[at].model = None,
        });
    };
    view! {
        <div class="field">
            <label for=element_id.clone()>"Model (fills prices)"</label>
            <select
                id=element_id
                data-testid="model-picker"
                disabled=move || read_only.get()
                on:change=on_change
            >
                {options}
            </select>
        </div>
    }
    .into_any()
}
