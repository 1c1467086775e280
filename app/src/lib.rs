//! Breakeven: when does fine-tuning pay off? The Leptos app (pages and
//! components), the cost model and the charts. Server-only code lives behind
//! the `ssr` feature; the wasm entry point behind `hydrate`.

pub mod app;
pub mod browser;
pub mod catalog;
pub mod chart;
pub mod components;
pub mod model;
pub mod pages;
pub mod server_codec;
pub mod server_fns;
pub mod share;
#[cfg(feature = "ssr")]
pub mod ssr;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
