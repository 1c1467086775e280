//! Tokens per query worked out from the prompt's parts: a switch, the parts
//! the approach's kind uses, and the sum the cost model works out.

use super::super::context::EditorContext;
use super::super::fields::{CheckBox, InputField};
use crate::format::thousands;
use crate::model::inputs::{inputs_of, Section};
use crate::model::templates::prompt_from_tokens;
use crate::model::{ApproachKind, Field};
use leptos::prelude::*;

#[component]
pub fn PromptParts(id: String, index: usize) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let Some((prompt, kind)) = ctx.approach_now(&id, |a| (a.prompt.clone(), a.kind)) else {
        return ().into_any();
    };
    let toggle = {
        let id = id.clone();
        Callback::new(move |on: bool| {
            ctx.restructure_approach(&id, |approaches, at| {
                let approach = &mut approaches[at];
                // switching on keeps the card's token counts
                approach.prompt = on.then(|| prompt_from_tokens(&approach.per_query));
                for field in [Field::InputTokens, Field::CachedInputTokens] {
                    approach.ranges.remove(field.path());
                }
                approach.sync_derived();
            })
        })
    };
    let switch = view! {
        <CheckBox
            id=format!("a{index}-prompt-parts")
            label="Work out tokens per query from the prompt's parts"
            checked=prompt.is_some()
            on_change=toggle
        />
    };
    let Some(prompt) = prompt else {
        return switch.into_any();
    };
    let shots = kind == ApproachKind::FewShot || prompt.shots > 0.0;
    let chunks = kind == ApproachKind::Rag || prompt.chunks > 0.0;
    let parts = inputs_of(Section::Prompt)
        .filter(|input| match input.path {
            "prompt.shots" | "prompt.tokens_per_shot" => shots,
            "prompt.chunks" | "prompt.tokens_per_chunk" => chunks,
            _ => true,
        })
        .map(|input| view! { <InputField approach=id.clone() index input kind /> })
        .collect_view();
    let tokens = move || {
        ctx.scenario.with(|s| {
            s.approaches
                .iter()
                .find(|a| a.id == id)
                .map_or(String::new(), |a| {
                    format!(
                        "{} input tokens per query, {} of them cached",
                        thousands(a.per_query.input_tokens + a.per_query.cached_input_tokens),
                        thousands(a.per_query.cached_input_tokens)
                    )
                })
        })
    };
    view! {
        {switch}
        <div class="card-fields">{parts}</div>
        <p class="computed" data-testid="prompt-tokens"><output>{tokens}</output></p>
    }
    .into_any()
}
