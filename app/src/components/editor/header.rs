//! The scenario's header: name, volume (a box and a log-scale slider),
//! growth, horizon, currency, cost basis and latency target.

use super::super::context::EditorContext;
use super::super::fields::ScenarioField;
use super::super::input::parse_typed;
use crate::model::inputs::{input, text_input};
use crate::model::CostBasis;
use leptos::prelude::*;

const CURRENCIES: [&str; 8] = ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR"];

#[component]
pub fn ScenarioHeader() -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let read_only = ctx.read_only;
    let scenario = ctx.scenario.get_untracked();
    let declared = |path: &str| input(path, false).expect("declared in model::inputs");
    let currencies = CURRENCIES
        .iter()
        .map(|c| view! { <option value=*c selected=*c == scenario.currency>{*c}</option> })
        .collect_view();
    let name_error = ctx.error_for(vec!["name".into()]);
    view! {
        <div class="scenario-header">
            <div class="field wide">
                <label for="scenario-name">{text_input("name").map(|t| t.label)}</label>
                <input
                    id="scenario-name"
                    type="text"
                    value=scenario.name.clone()
                    readonly=move || read_only.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        ctx.edit(|s| s.name = text);
                    }
                />
                <span class="field-error">{name_error}</span>
            </div>
            <VolumeField initial=scenario.volume.queries_per_month />
            <ScenarioField id="growth" input=declared("volume.monthly_growth_pct") />
            <ScenarioField id="horizon" input=declared("horizon_months") />
            <div class="field">
                <label for="currency">"Currency"</label>
                <select
                    id="currency"
                    disabled=move || read_only.get()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        ctx.edit(|s| s.currency = value);
                    }
                >
                    {currencies}
                </select>
            </div>
            <div class="field">
                <label for="cost-basis">"Cost basis"</label>
                <select
                    id="cost-basis"
                    disabled=move || read_only.get()
                    on:change=move |ev| {
                        let basis = if event_target_value(&ev) == "quality_adjusted" {
                            CostBasis::QualityAdjusted
                        } else {
                            CostBasis::Compute
                        };
                        ctx.edit(|s| s.cost_basis = basis);
                    }
                >
                    <option value="compute" selected=scenario.cost_basis == CostBasis::Compute>
                        "Compute only"
                    </option>
                    <option value="quality_adjusted" selected=scenario.cost_basis == CostBasis::QualityAdjusted>
                        "Quality-adjusted (adds cost of errors)"
                    </option>
                </select>
            </div>
            <ScenarioField id="latency-target" input=declared("latency_target_ms") />
            <ScenarioField id="engineer-hour" input=declared("team.usd_per_engineer_hour") />
            <IncumbentField />
        </div>
    }
    .into_any()
}

/// The month-1 volume: a box, and a slider on a log scale that writes round
/// volumes into it.
#[component]
fn VolumeField(initial: f64) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let read_only = ctx.read_only;
    let declared = input("volume.queries_per_month", false).expect("declared in model::inputs");
    let volume_text = RwSignal::new(format!("{initial}"));
    let volume_error = Signal::derive(ctx.error_for(vec![declared.path.into()]));
    let exponent = |volume: f64| volume.max(1.0).log10().clamp(3.0, 9.0);
    let slider = move || ctx.scenario.with(|s| exponent(s.volume.queries_per_month));
    view! {
        <div class="field wide volume">
            <label for="volume">{declared.label}</label>
            <div class="volume-inputs">
                <input
                    id="volume"
                    type="text"
                    inputmode="decimal"
                    title=declared.help
                    prop:value=move || volume_text.get()
                    value=volume_text.get_untracked()
                    readonly=move || read_only.get()
                    aria-invalid=move || if volume_error.with(Option::is_some) { "true" } else { "false" }
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        let value = parse_typed(&text).map_or(f64::NAN, |t| t.value);
                        volume_text.set(text);
                        ctx.edit(|s| declared.set_in(s, value));
                    }
                />
                <input
                    type="range"
                    aria-label="Queries per month, log scale"
                    min="3"
                    max="9"
                    step="0.01"
                    prop:value=move || format!("{:.2}", slider())
                    value=format!("{:.2}", exponent(initial))
                    disabled=move || read_only.get()
                    on:input=move |ev| {
                        if let Ok(exponent) = event_target_value(&ev).parse::<f64>() {
                            let value = round_volume(10f64.powf(exponent));
                            volume_text.set(format!("{value}"));
                            ctx.edit(|s| declared.set_in(s, value));
                        }
                    }
                />
            </div>
            <span class="field-error">{move || volume_error.get()}</span>
        </div>
    }
    .into_any()
}

/// Two significant digits, so the slider lands on round volumes.
fn round_volume(value: f64) -> f64 {
    let magnitude = 10f64.powf(value.log10().floor() - 1.0);
    (value / magnitude).round() * magnitude
}

#[cfg(test)]
mod tests {
    use super::round_volume;

    #[test]
    fn slider_volumes_are_round() {
        assert_eq!(round_volume(123_456.0), 120_000.0);
        assert_eq!(round_volume(1_000.0), 1_000.0);
        assert_eq!(round_volume(2_512_345.0), 2_500_000.0);
    }
}

/// "What you run today": the incumbent, which serves every approach's
/// traffic until it launches. Its options follow the cards (redrawn on a
/// structural edit, not on a keystroke).
#[component]
fn IncumbentField() -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let read_only = ctx.read_only;
    let error = ctx.error_for(vec!["incumbent".into()]);
    let options = move || {
        ctx.structure.track();
        ctx.scenario.with_untracked(|s| {
            let chosen = s.incumbent_index();
            s.approaches
                .iter()
                .enumerate()
                .map(|(index, a)| {
                    view! {
                        <option value=a.id.clone() selected=index == chosen>
                            {a.display_name().to_string()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="field">
            <label for="incumbent">"What you run today"</label>
            <select
                id="incumbent"
                title="Serves, and is paid for, every approach's traffic until that approach launches."
                disabled=move || read_only.get()
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    ctx.edit(|s| {
                        let first = s.approaches.first().is_some_and(|a| a.id == id);
                        s.incumbent = (!first).then_some(id);
                    });
                }
            >
                {options}
            </select>
            <span class="field-error">{error}</span>
        </div>
    }
}
