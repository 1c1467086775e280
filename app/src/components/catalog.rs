//! The price catalog bar above the cards: which catalog the model pickers use,
//! its date and age (with a warning once it is old), a note when the
//! scenario's prices came from another catalog, a LiteLLM price file import,
//! and a way back to the built-in prices. An imported catalog is kept in this
//! browser only. The file is converted and checked by `public/litellm.js`,
//! loaded only when a file is picked.

use super::context::EditorContext;
use crate::browser;
use crate::catalog::{age_days, current, provenance, STALE_AFTER_DAYS};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Today, YYYY-MM-DD (UTC), by the server's clock while it renders; empty
/// in the browser, whose own date an effect supplies once hydrated (the
/// first render must draw what the server drew).
fn server_today() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::model::dates::date_of_day(crate::ssr::clock::today())
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

#[component]
pub fn CatalogBar(ctx: EditorContext) -> impl IntoView {
    let catalog = ctx.catalog;
    let message = RwSignal::new(String::new());
    // In the browser only: switch to the catalog imported earlier, if any.
    Effect::new(move |_| {
        if let Some(stored) = browser::load_catalog().and_then(|json| browser::catalog_head(&json))
        {
            catalog.set(Some(stored));
        }
    });
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some((name, text)) = browser::read_picked_file(&input).await else {
                message.set("Could not read that file.".into());
                return;
            };
            // converted and checked by public/litellm.js
            let converted = browser::litellm_to_catalog(&text, &name, &browser::today()).await;
            let checked = converted.and_then(|json| {
                let head = browser::catalog_head(&json).ok_or("not a price file")?;
                Ok((head, json))
            });
            match checked {
                Ok((imported, json)) => {
                    // kept as converted: the pickers' lists read all of it
                    let kept = browser::save_catalog(Some(&json));
                    message.set(format!(
                        "Imported {} models from {name}{}.",
                        imported.models,
                        if kept {
                            ""
                        } else {
                            " (for this visit only: the browser would not store it)"
                        }
                    ));
                    catalog.set(Some(imported));
                }
                Err(error) => message.set(format!("Not imported: {error}.")),
            }
            input.set_value("");
        });
    };
    // The built-in catalog is named without fetching it; an imported one
    // by itself.
    let imported = move || {
        catalog.with(|c| {
            c.as_ref()
                .filter(|c| c.version != current::VERSION)
                .map(|c| (c.name.clone(), c.as_of.clone()))
        })
    };
    let shown = move || {
        imported().unwrap_or_else(|| (current::NAME.to_string(), current::AS_OF.to_string()))
    };
    let today = RwSignal::new(server_today());
    Effect::new(move |_| today.set(browser::today()));
    let age = move || today.with(|today| age_days(&shown().1, today));
    let age_text = move || match age() {
        Some(0) => " (today)".to_string(),
        Some(1) => " (1 day old)".to_string(),
        Some(days) if days > 0 => format!(" ({days} days old)"),
        _ => String::new(),
    };
    let stale = move || age().is_some_and(|days| days > STALE_AFTER_DAYS);
    // Prices filled from another catalog than the one shown (a scenario
    // saved before the prices were refreshed): say so.
    let filled_from = move || {
        let shown_from = catalog.with(|c| match c {
            Some(c) => c.provenance(),
            None => provenance(current::VERSION, current::AS_OF),
        });
        ctx.scenario
            .with(|s| s.prices_from.clone())
            .filter(|from| *from != shown_from)
            .map(|from| {
                format!("This scenario's prices were filled from {from}, not from the prices shown here.")
            })
    };
    view! {
        <div class="catalog-bar" data-testid="catalog">
            <p>
                "Model prices: "
                <strong data-testid="catalog-name">{move || shown().0}</strong>
                ", as of "
                <time data-testid="catalog-date">{move || shown().1}</time>
                {age_text}
                " (USD per 1M tokens; every price stays editable)."
            </p>
            <p class="warning" data-testid="prices-from" hidden=move || filled_from().is_none()>
                {filled_from}
            </p>
            <p class="warning" data-testid="catalog-stale" hidden=move || !stale()>
                "These prices are over "
                {STALE_AFTER_DAYS}
                " days old and may have moved: import a newer LiteLLM price file (model_prices_and_context_window.json) below."
            </p>
            <div class="catalog-actions" hidden=move || ctx.read_only.get()>
                <label for="catalog-file">"Import a LiteLLM price file"</label>
                <input
                    id="catalog-file"
                    type="file"
                    accept=".json,application/json"
                    data-testid="catalog-file"
                    on:change=import
                />
                <button
                    type="button"
                    hidden=move || imported().is_none()
                    on:click=move |_| {
                        browser::save_catalog(None);
                        catalog.set(None);
                        message.set("Back to the built-in prices.".into());
                    }
                >
                    "Use built-in prices"
                </button>
            </div>
            <p class="status" role="status" data-testid="catalog-status">{move || message.get()}</p>
        </div>
    }
    .into_any()
}
