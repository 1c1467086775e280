//! One approach's card: name, kind and model, a live summary, the token
//! parts, its costs and its optional sections, and the card's actions.

use super::super::context::EditorContext;
use super::super::fields::InputField;
use super::actions::CardActions;
use super::picker::ModelPicker;
use super::prompt::PromptParts;
use super::section::CardSection;
use crate::format::{money, money_per_query};
use crate::model::inputs::{inputs_of, text_input, Section, CARD_SECTIONS};
use crate::model::ApproachKind;
use leptos::prelude::*;

#[component]
pub fn ApproachCard(id: String, index: usize) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let read_only = ctx.read_only;
    let Some(approach) = ctx.approach_now(&id, Clone::clone) else {
        return ().into_any();
    };
    let kind = approach.kind;
    let summary = {
        let id = id.clone();
        move || {
            let currency = ctx.scenario.with(|s| s.currency.clone());
            ctx.result.with(|r| {
                let a = r.as_ref().ok()?.approach(&id)?;
                Some(format!(
                    "{} per query · {} one-time · {} in the last month",
                    money_per_query(a.per_query_usd, &currency),
                    money(a.one_time_usd, &currency),
                    money(a.monthly_usd_at_horizon, &currency)
                ))
            })
        }
    };
    // Tokens worked out from the prompt's parts are not typed.
    let by_parts = approach.prompt.is_some();
    let costs = inputs_of(Section::Costs)
        .filter(|input| {
            !(by_parts
                && matches!(
                    input.path,
                    "per_query.input_tokens" | "per_query.cached_input_tokens"
                ))
        })
        .map(|input| view! { <InputField approach=id.clone() index input kind /> })
        .collect_view();
    let sections = CARD_SECTIONS
        .iter()
        .map(|section| view! { <CardSection id=id.clone() index section=*section /> })
        .collect_view();
    let kinds = ApproachKind::ALL
        .iter()
        .map(|k| view! { <option value=k.id() selected=*k == kind>{k.label()}</option> })
        .collect_view();
    let label_id = format!("a{index}-label");
    let kind_id = format!("a{index}-kind");
    let on_label = {
        let id = id.clone();
        move |ev| {
            let text = event_target_value(&ev);
            ctx.edit_approach(&id, |a| a.label = text);
        }
    };
    let on_kind = {
        let id = id.clone();
        move |ev| {
            if let Some(kind) = ApproachKind::from_id(&event_target_value(&ev)) {
                ctx.restructure_approach(&id, |approaches, at| approaches[at].kind = kind);
            }
        }
    };
    view! {
        <article class="approach-card" data-testid="approach-card" data-approach-id=id.clone()>
            <header class="card-header">
                <div class="field">
                    <label for=label_id.clone()>{text_input("label").map(|t| t.label)}</label>
                    <input
                        id=label_id
                        type="text"
                        value=approach.label.clone()
                        readonly=move || read_only.get()
                        on:input=on_label
                    />
                </div>
                <div class="field">
                    <label for=kind_id.clone()>"Kind"</label>
                    <select id=kind_id disabled=move || read_only.get() on:change=on_kind>
                        {kinds}
                    </select>
                </div>
                <ModelPicker id=id.clone() index kind current=approach.model.clone().unwrap_or_default() />
            </header>
            <p class="card-summary" data-testid="card-summary">{summary}</p>
            <PromptParts id=id.clone() index />
            <div class="card-fields">{costs}</div>
            {sections}
            <CardActions id=id.clone() index />
        </article>
    }
    .into_any()
}
