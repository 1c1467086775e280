//! GPU presets on a card's self-hosting section: a GPU's hourly price with an
//! estimated throughput for a model size, from the catalog (fetched when the
//! list first opens). Choosing one fills the section's fields, which stay
//! editable.

use super::super::context::EditorContext;
use crate::catalog::{GpuPrice, ThroughputPreset};
use crate::format::money_per_query;
use leptos::prelude::*;

/// A preset as the list shows it.
fn preset_line(preset: &ThroughputPreset, gpu: &GpuPrice) -> String {
    format!(
        "{}/GPU-hour · {:.0} tokens/s at {:.0}% utilization (estimate, {}) · price as of {}",
        money_per_query(gpu.usd_per_gpu_hour, "USD"),
        preset.tokens_per_second,
        preset.utilization * 100.0,
        preset.as_of,
        gpu.as_of,
    )
}

#[component]
pub fn GpuPresets(id: String) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    if ctx.read_only.get_untracked() {
        return ().into_any();
    }
    let open = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        let now_open = event_target::<web_sys::Element>(&ev).has_attribute("open");
        open.set(now_open);
        if now_open {
            ctx.ensure_catalog();
        }
    };
    let choose = move |preset: ThroughputPreset, gpu: GpuPrice| {
        let id = id.clone();
        move |_| {
            ctx.restructure_approach(&id, |approaches, at| {
                preset.apply_to(&gpu, &mut approaches[at])
            })
        }
    };
    let list = move || {
        open.get().then(|| {
            ctx.catalog.with(|catalog| {
                let Some(catalog) = catalog else {
                    return view! { <p class="picker-note">{move || ctx.catalog_note.get()}</p> }
                        .into_any();
                };
                let presets = catalog
                    .throughput
                    .iter()
                    .filter_map(|p| catalog.preset(&p.id))
                    .map(|(preset, gpu)| {
                        let line = preset_line(preset, gpu);
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="model-option"
                                    data-preset=preset.id.clone()
                                    on:click=choose(preset.clone(), gpu.clone())
                                >
                                    <span class="model-label">{preset.label.clone()}</span>
                                    <span class="model-prices">{line}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <ul class="model-list" data-testid="gpu-presets">{presets}</ul>
                    <p class="picker-note">
                        "Throughputs are rough estimates (prompt and output tokens per GPU when serving many requests at once): measure your own."
                    </p>
                }
                .into_any()
            })
        })
    };
    view! {
        <details class="gpu-presets" data-testid="gpu-preset-picker" on:toggle=on_toggle>
            <summary>"Fill from a GPU preset"</summary>
            <div class="picker-panel">{list}</div>
        </details>
    }
    .into_any()
}
