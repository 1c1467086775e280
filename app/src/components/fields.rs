//! The form's building blocks: a labelled box with its error line, a
//! checkbox, and the boxes of registry inputs (`model::inputs`), which take
//! their label, help and rules from the registry. Every box writes through
//! the `EditorContext`; none re-renders the form.

use super::context::EditorContext;
use super::input::{parse_optional, parse_typed, show_typed};
use crate::model::inputs::Input;
use crate::model::ApproachKind;
use leptos::prelude::*;

/// A labelled text box with its error line.
#[component]
pub fn TextBox(
    id: String,
    label: String,
    initial: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] help: &'static str,
    on_text: Callback<String>,
) -> impl IntoView {
    let read_only = expect_context::<EditorContext>().read_only;
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                value=initial
                title=(!help.is_empty()).then_some(help)
                readonly=move || read_only.get()
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=error_id.clone()
                on:input=move |ev| on_text.run(event_target_value(&ev))
            />
            <span class="field-error" id=error_id>{move || error.get()}</span>
        </div>
    }
    .into_any()
}

/// A labelled checkbox, disabled while the page is read-only.
#[component]
pub fn CheckBox(
    id: String,
    label: &'static str,
    checked: bool,
    on_change: Callback<bool>,
) -> impl IntoView {
    let read_only = expect_context::<EditorContext>().read_only;
    let label_for = id.clone();
    view! {
        <label class="check" for=label_for>
            <input
                type="checkbox"
                id=id
                checked=checked
                disabled=move || read_only.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            {label}
        </label>
    }
    .into_any()
}

/// The element id of an approach input's box ("a0-per-query-input-tokens").
pub fn input_element_id(index: usize, path: &str) -> String {
    format!("a{index}-{}", path.replace(['.', '_'], "-"))
}

/// The box of one approach input. An input the cost model can vary also
/// takes an uncertainty range ("8 (5 to 15)"), kept in the approach's
/// `ranges`; for any other input a typed range keeps only its value.
#[component]
pub fn InputField(
    /// The approach's id: edits find the approach by it, so an event that
    /// outlives its card does nothing.
    approach: String,
    /// The card's position when drawn (element ids and error paths).
    index: usize,
    input: &'static Input,
    kind: ApproachKind,
) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let path = input.path;
    let initial = ctx
        .approach_now(&approach, |a| {
            input
                .get(a)
                .map(|v| show_typed(v, a.ranges.get(path).copied()))
        })
        .flatten()
        .unwrap_or_default();
    let error = ctx.error_for(vec![
        format!("approaches[{index}].{path}"),
        format!("approaches[{index}].ranges[\"{path}\"]"),
    ]);
    let rangeable = input.field.is_some();
    let on_text = Callback::new(move |text: String| {
        ctx.edit_approach(&approach, |a| {
            if input.is_optional() && text.trim().is_empty() {
                input.clear(a);
                a.ranges.remove(path);
                return;
            }
            let typed = parse_typed(&text);
            input.set(a, typed.map_or(f64::NAN, |t| t.value));
            match typed.and_then(|t| t.range).filter(|_| rangeable) {
                Some(range) => {
                    a.ranges.insert(path.to_string(), range);
                }
                None => {
                    a.ranges.remove(path);
                }
            }
            // tokens and run costs worked out from this input follow it
            a.sync_derived();
        })
    });
    view! {
        <TextBox
            id=input_element_id(index, path)
            label=input.label_for(kind).to_string()
            initial
            error=Signal::derive(error)
            help=input.help
            on_text
        />
    }
}

/// The box of one scenario input (volume aside, which has its slider).
#[component]
pub fn ScenarioField(id: &'static str, input: &'static Input) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let initial = ctx
        .scenario
        .with_untracked(|s| input.get_in(s))
        .map(|v| format!("{v}"))
        .unwrap_or_default();
    let on_text = Callback::new(move |text: String| {
        ctx.edit(|s| match parse_optional(&text) {
            None if input.is_optional() => input.clear_in(s),
            value => input.set_in(s, value.unwrap_or(f64::NAN)),
        })
    });
    view! {
        <TextBox
            id=id.to_string()
            label=input.label.to_string()
            initial
            error=Signal::derive(ctx.error_for(vec![input.path.to_string()]))
            help=input.help
            on_text
        />
    }
}
