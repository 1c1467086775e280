//! The scenario form: a header, one card per approach, the checklist and
//! the "add an approach" row. Inputs write into the scenario as you type (no
//! redraw, so focus and caret stay); the cost model's messages appear by the
//! field they name. A structural edit redraws only the cards whose shape
//! changed (see `CardShape`); loading a scenario redraws everything.

mod actions;
mod card;
mod header;
mod picker;
mod prompt;
mod section;
mod training;

use super::context::EditorContext;
use super::readiness::ChecklistForm;
use crate::model::inputs::CARD_SECTIONS;
use crate::model::{Approach, Scenario};
use actions::AddApproach;
use card::ApproachCard;
use header::ScenarioHeader;
use leptos::prelude::*;

/// What decides how a card is drawn. Two cards with equal shapes draw the
/// same boxes, so a structural edit elsewhere leaves this card alone.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct CardShape {
    index: usize,
    id: String,
    kind: crate::model::ApproachKind,
    model: Option<String>,
    sections: Vec<bool>,
    prompt: bool,
    training_tokens: bool,
    /// A GPU preset fills the self-hosting fields in one click: their values
    /// are part of the shape, so the card is drawn again with them.
    self_hosted: Option<[u64; 4]>,
}

impl CardShape {
    fn of(index: usize, approach: &Approach) -> CardShape {
        CardShape {
            index,
            id: approach.id.clone(),
            kind: approach.kind,
            model: approach.model.clone(),
            sections: CARD_SECTIONS.iter().map(|s| s.present(approach)).collect(),
            prompt: approach.prompt.is_some(),
            training_tokens: approach
                .training
                .as_ref()
                .is_some_and(|t| t.tokens.is_some()),
            self_hosted: approach.self_hosted.as_ref().map(|h| {
                [
                    h.usd_per_gpu_hour.to_bits(),
                    h.tokens_per_second.to_bits(),
                    h.utilization.to_bits(),
                    u64::from(h.min_gpus),
                ]
            }),
        }
    }

    /// The shape as a number: the key the card list is diffed by (a plain
    /// number keeps the keyed list's code small in the wasm).
    fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        self.hash(&mut hasher);
        hasher.finish()
    }
}

fn shapes(scenario: &Scenario) -> Vec<CardShape> {
    (scenario.approaches.iter().enumerate())
        .map(|(index, approach)| CardShape::of(index, approach))
        .collect()
}

#[component]
pub fn ScenarioEditor(ctx: EditorContext) -> impl IntoView {
    provide_context(ctx);
    // A loaded scenario draws the whole form anew (a box the user typed in
    // keeps its own text when only its value attribute changes).
    let loaded = move || std::iter::once(ctx.loaded.get());
    view! {
        <form class="editor" on:submit=|ev| ev.prevent_default()>
            <For each=loaded key=|epoch| *epoch children=|_| view! { <Form /> } />
            <AddApproach />
        </form>
    }
    .into_any()
}

/// The header, the cards and the checklist of the scenario as loaded.
#[component]
fn Form() -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let cards = Memo::new(move |_| {
        ctx.structure.track();
        ctx.scenario.with_untracked(shapes)
    });
    let approaches_error = ctx.error_for(vec!["approaches".into()]);
    view! {
        <ScenarioHeader />
        <span class="field-error">{approaches_error}</span>
        <div class="approach-cards">
            // keyed by number (one keyed-list routine in the wasm for both lists)
            <For
                each=move || cards.with(|c| c.iter().map(CardShape::key).collect::<Vec<u64>>())
                key=|key| *key
                children=move |key| {
                    let (index, id) = cards
                        .with_untracked(|c| {
                            c.iter().enumerate().find(|(_, s)| s.key() == key).map(|(i, s)| (i, s.id.clone()))
                        })
                        .unwrap_or_default();
                    view! { <ApproachCard id index /> }
                }
            />
        </div>
        <ChecklistForm />
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples::default_scenario;
    use crate::model::inputs::Section;

    #[test]
    fn a_section_switched_on_changes_only_its_cards_shape() {
        let scenario = default_scenario();
        let before = shapes(&scenario);
        let mut after = scenario.clone();
        assert!(!Section::SelfHosted.present(&after.approaches[1]));
        Section::SelfHosted.switch(&mut after.approaches[1], true);
        let after = shapes(&after);
        assert_eq!(before.len(), after.len());
        for (index, (b, a)) in before.iter().zip(&after).enumerate() {
            assert_eq!(b == a, index != 1, "card {index}");
        }
    }

    #[test]
    fn removing_a_card_keeps_the_shapes_before_it() {
        let scenario = default_scenario();
        let before = shapes(&scenario);
        let mut after = scenario.clone();
        after.approaches.remove(1);
        let after = shapes(&after);
        assert_eq!(before[0], after[0]);
        assert_ne!(before[2], after[1], "a card that moved up is drawn again");
    }
}
