//! A training run priced by the token: examples x tokens x epochs x price,
//! with the cost per run worked out by the model as you type.

use super::super::context::EditorContext;
use super::super::fields::{CheckBox, InputField};
use crate::format::money_per_query;
use crate::model::inputs::{inputs_of, Section};
use leptos::prelude::*;

#[component]
pub fn TrainingTokens(id: String, index: usize) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let Some((on, kind)) = ctx.approach_now(&id, |a| (Section::TrainingTokens.present(a), a.kind))
    else {
        return ().into_any();
    };
    let toggle = {
        let id = id.clone();
        Callback::new(move |on: bool| {
            ctx.restructure_approach(&id, |approaches, at| {
                Section::TrainingTokens.switch(&mut approaches[at], on)
            })
        })
    };
    let switch = view! {
        <CheckBox
            id=format!("a{index}-training-tokens")
            label="Work out the cost per run from training tokens"
            checked=on
            on_change=toggle
        />
    };
    if !on {
        return switch.into_any();
    }
    let parts = inputs_of(Section::TrainingTokens)
        .map(|input| view! { <InputField approach=id.clone() index input kind /> })
        .collect_view();
    let per_run = move || {
        let currency = ctx.scenario.with(|s| s.currency.clone());
        let per_run = ctx
            .approach(&id, |a| a.training.as_ref().map(|t| t.usd_per_run))
            .flatten()
            .filter(|usd| usd.is_finite());
        match per_run {
            Some(usd) => format!(
                "Cost per training run: {} (examples × tokens × epochs × price)",
                money_per_query(usd, &currency)
            ),
            None => "Cost per training run: –".to_string(),
        }
    };
    let error = ctx.error_for(vec![
        format!("approaches[{index}].training.usd_per_run"),
        format!("approaches[{index}].training.tokens"),
    ]);
    view! {
        {switch}
        {parts}
        <p class="computed" data-testid="usd-per-run"><output>{per_run}</output></p>
        <span class="field-error">{error}</span>
    }
    .into_any()
}
