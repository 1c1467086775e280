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
    loaded: u64,
    index: usize,
    id: String,
    kind: crate::model::ApproachKind,
    model: Option<String>,
    sections: Vec<bool>,
    prompt: bool,
    training_tokens: bool,
}

impl CardShape {
    fn of(loaded: u64, index: usize, approach: &Approach) -> CardShape {
        CardShape {
            loaded,
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
        }
    }
}

fn shapes(loaded: u64, scenario: &Scenario) -> Vec<CardShape> {
    (scenario.approaches.iter().enumerate())
        .map(|(index, approach)| CardShape::of(loaded, index, approach))
        .collect()
}

#[component]
pub fn ScenarioEditor(ctx: EditorContext) -> impl IntoView {
    provide_context(ctx);
    let cards = Memo::new(move |_| {
        ctx.structure.track();
        let loaded = ctx.loaded.get();
        ctx.scenario.with_untracked(|s| shapes(loaded, s))
    });
    let approaches_error = ctx.error_for(vec!["approaches".into()]);
    // The header and the checklist are drawn from the scenario as loaded;
    // their boxes then hold what is typed.
    let loaded = move || std::iter::once(ctx.loaded.get());
    view! {
        <form class="editor" on:submit=|ev| ev.prevent_default()>
            <For each=loaded key=|epoch| *epoch children=|_| view! { <ScenarioHeader /> } />
            <span class="field-error">{approaches_error}</span>
            <div class="approach-cards">
                <For
                    each=move || cards.get()
                    key=|shape| shape.clone()
                    children=|shape| view! { <ApproachCard id=shape.id index=shape.index /> }
                />
            </div>
            <For each=loaded key=|epoch| *epoch children=|_| view! { <ChecklistForm /> } />
            <AddApproach />
        </form>
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
        let before = shapes(0, &scenario);
        let mut after = scenario.clone();
        assert!(!Section::SelfHosted.present(&after.approaches[1]));
        Section::SelfHosted.switch(&mut after.approaches[1], true);
        let after = shapes(0, &after);
        assert_eq!(before.len(), after.len());
        for (index, (b, a)) in before.iter().zip(&after).enumerate() {
            assert_eq!(b == a, index != 1, "card {index}");
        }
    }

    #[test]
    fn removing_a_card_keeps_the_shapes_before_it() {
        let scenario = default_scenario();
        let before = shapes(0, &scenario);
        let mut after = scenario.clone();
        after.approaches.remove(1);
        let after = shapes(0, &after);
        assert_eq!(before[0], after[0]);
        assert_ne!(before[2], after[1], "a card that moved up is drawn again");
    }
}
