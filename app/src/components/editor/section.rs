//! One optional section of a card (training data, runs, retraining,
//! self-hosting, quality): a switch, and its inputs when it is on.

use super::super::context::EditorContext;
use super::super::fields::InputField;
use super::picker::GpuPresets;
use super::training::TrainingTokens;
use crate::model::inputs::{inputs_of, Section};
use leptos::prelude::*;

#[component]
pub fn CardSection(id: String, index: usize, section: Section) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let read_only = ctx.read_only;
    let Some((present, kind, priced_by_tokens)) = ctx.scenario.with_untracked(|s| {
        let a = s.approaches.iter().find(|a| a.id == id)?;
        Some((
            section.present(a),
            a.kind,
            Section::TrainingTokens.present(a),
        ))
    }) else {
        return ().into_any();
    };
    let toggle_id = format!("a{index}-section-{}", section.slug());
    let fields = present.then(|| {
        let fields = inputs_of(section)
            // a run priced by the token has its cost worked out, not typed
            .filter(|input| !(priced_by_tokens && input.path == "training.usd_per_run"))
            .map(|input| view! { <InputField approach=id.clone() index input kind /> })
            .collect_view();
        let tokens = (section == Section::Training)
            .then(|| view! { <TrainingTokens id=id.clone() index /> });
        let presets =
            (section == Section::SelfHosted).then(|| view! { <GpuPresets id=id.clone() kind /> });
        view! { {presets} {fields} {tokens} }
    });
    let on_change = move |ev| {
        let on = event_target_checked(&ev);
        ctx.restructure_approach(&id, |approaches, at| {
            section.switch(&mut approaches[at], on)
        });
    };
    view! {
        <fieldset class="section">
            <legend>
                <label for=toggle_id.clone()>
                    <input
                        type="checkbox"
                        id=toggle_id.clone()
                        checked=present
                        disabled=move || read_only.get()
                        on:change=on_change
                    />
                    {section.title()}
                </label>
            </legend>
            {fields}
        </fieldset>
    }
    .into_any()
}
