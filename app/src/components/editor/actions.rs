//! A card's actions (move, duplicate, remove) and the "add an approach" row.
//! Each finds its approach by id when it runs, so a click that arrives after
//! the card went away does nothing.

use super::super::context::EditorContext;
use crate::model::templates::approach_template;
use crate::model::validate::MAX_APPROACHES;
use crate::model::ApproachKind;
use leptos::prelude::*;

#[component]
pub fn CardActions(id: String, index: usize) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let read_only = ctx.read_only;
    let count = move || ctx.scenario.with(|s| s.approaches.len());
    let (up_label, down_label) = (format!("Move {id} up"), format!("Move {id} down"));
    let act = move |change: fn(&mut Vec<crate::model::Approach>, usize)| {
        let id = id.clone();
        move |_| ctx.restructure_approach(&id, change)
    };
    view! {
        <div class="card-actions" hidden=move || read_only.get()>
            <button
                type="button"
                disabled=index == 0
                aria-label=up_label
                on:click=act(|approaches, at| {
                    if at > 0 {
                        approaches.swap(at, at - 1)
                    }
                })
            >
                "↑ Up"
            </button>
            <button
                type="button"
                disabled=move || { index + 1 >= count() }
                aria-label=down_label
                on:click=act(|approaches, at| {
                    if at + 1 < approaches.len() {
                        approaches.swap(at, at + 1)
                    }
                })
            >
                "↓ Down"
            </button>
            <button
                type="button"
                disabled=move || { count() >= MAX_APPROACHES }
                on:click=act(|approaches, at| {
                    if approaches.len() >= MAX_APPROACHES {
                        return;
                    }
                    let mut copy = approaches[at].clone();
                    let taken: Vec<&str> = approaches.iter().map(|a| a.id.as_str()).collect();
                    copy.id = approach_template(copy.kind, &taken).id;
                    copy.label = format!("{} (copy)", copy.label);
                    approaches.insert(at + 1, copy);
                })
            >
                "Duplicate"
            </button>
            <button
                type="button"
                disabled=move || { count() <= 1 }
                on:click=act(|approaches, at| {
                    if approaches.len() > 1 {
                        approaches.remove(at);
                    }
                })
            >
                "Remove"
            </button>
        </div>
    }
    .into_any()
}

#[component]
pub fn AddApproach() -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let read_only = ctx.read_only;
    let new_kind = RwSignal::new(ApproachKind::FineTuning);
    let kinds = ApproachKind::ALL
        .iter()
        .map(|kind| {
            let kind = *kind;
            view! { <option value=kind.label() selected=kind == ApproachKind::FineTuning>{kind.label()}</option> }
        })
        .collect_view();
    let at_limit = move || ctx.scenario.with(|s| s.approaches.len() >= MAX_APPROACHES);
    view! {
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
                        if s.approaches.len() >= MAX_APPROACHES {
                            return;
                        }
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
    }
    .into_any()
}
