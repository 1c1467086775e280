//! The price catalog bar above the cards: which catalog the model pickers use
//! and its date, a LiteLLM price file import, and a way back to the built-in
//! prices. An imported catalog is kept in this browser only. The file is
//! converted by `public/litellm.js`, loaded only when a file is picked.

use super::context::EditorContext;
use crate::browser;
use crate::catalog::Catalog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn CatalogBar(ctx: EditorContext) -> impl IntoView {
    let catalog = ctx.catalog;
    let message = RwSignal::new(String::new());
    // In the browser only: switch to the catalog imported earlier, if any.
    Effect::new(move |_| {
        if let Some(stored) = browser::load_catalog().and_then(|json| Catalog::parse(&json).ok()) {
            catalog.set(stored);
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
            let converted = browser::litellm_to_catalog(&text, &name, &browser::today()).await;
            match converted.and_then(|json| Catalog::parse(&json).map_err(|e| e.to_string())) {
                Ok(imported) => {
                    let kept = serde_json::to_string(&imported)
                        .map(|json| browser::save_catalog(Some(&json)))
                        .unwrap_or(false);
                    message.set(format!(
                        "Imported {} models from {name}{}.",
                        imported.models.len(),
                        if kept {
                            ""
                        } else {
                            " (for this visit only: the browser would not store it)"
                        }
                    ));
                    catalog.set(imported);
                }
                Err(error) => message.set(format!("Not imported: {error}.")),
            }
            input.set_value("");
        });
    };
    let builtin = move || catalog.with(|c| *c == Catalog::builtin());
    view! {
        <div class="catalog-bar" data-testid="catalog">
            <p>
                "Model prices: "
                <strong data-testid="catalog-name">{move || catalog.with(|c| c.name.clone())}</strong>
                ", as of "
                <time data-testid="catalog-date">{move || catalog.with(|c| c.as_of.clone())}</time>
                " (USD per 1M tokens; every price stays editable)."
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
                    hidden=builtin
                    on:click=move |_| {
                        browser::save_catalog(None);
                        catalog.set(Catalog::builtin());
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
