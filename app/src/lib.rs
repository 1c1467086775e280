//! Breakeven: when does fine-tuning pay off? The Leptos app (pages and
//! components), the cost model and the charts. Server-only code lives behind
//! the `ssr` feature; the wasm entry point behind `hydrate`.

// Every component returns an erased view (.cargo/config.toml sets the cfg
// for every build, and Cargo.toml's lib-cargo-args for the release wasm).
// The server's HTML and the wasm must be built alike or hydration panics in
// the browser, so a build without it stops here instead.
#[cfg(not(erase_components))]
compile_error!(
    "build with `--cfg erase_components` (set in .cargo/config.toml; RUSTFLAGS from the \
     environment replace it, so add it there too): the server and the wasm must erase \
     components alike, or hydration fails in the browser"
);

pub mod app;
pub mod browser;
pub mod catalog;
pub mod chart;
pub mod components;
pub mod format;
pub mod model;
pub mod pages;
pub mod server_codec;
pub mod server_fns;
pub mod share;
#[cfg(feature = "ssr")]
pub mod ssr;

/// Whether the wasm is adopting the server's HTML right now (in the browser,
/// during `hydrate`). Views then skip computing what the server already
/// rendered: inner HTML is not applied while hydrating, and the charts' SVG,
/// the data tables and the Monte Carlo are the costliest part of hydration on
/// a slow phone (docs/performance.md, "Phone profile"). A part hydrated
/// later (a suspended one) is simply computed.
pub fn hydrating() -> bool {
    HYDRATING.load(std::sync::atomic::Ordering::Relaxed)
}

static HYDRATING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    use std::sync::atomic::Ordering;
    // The release wasm aborts on a panic without calling any hook
    // (`-Cpanic=immediate-abort`), so the hook is only compiled into builds
    // that can use it (`make watch`).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    HYDRATING.store(true, Ordering::Relaxed);
    leptos::mount::hydrate_body(app::App);
    HYDRATING.store(false, Ordering::Relaxed);
}
