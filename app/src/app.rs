//! The document shell (rendered on the server only) and the router.

use crate::pages::compare::ComparePage;
use crate::pages::examples::ExamplesPage;
use crate::pages::home::HomePage;
use crate::pages::measure::MeasurePage;
use crate::pages::saved::SavedPage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    ParamSegment, SsrMode, StaticSegment,
};

/// The HTML document around the app; `options` tells where the wasm and CSS are.
/// Pages that need no wasm (`/compare`, a read-only report) are sent without
/// it: their code stays out of everyone's first download.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::security::set_page_csp();
    let scripts = (!is_static_page()).then(|| {
        view! {
            <AutoReload options=options.clone() />
            <HydrationScripts options />
        }
    });
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="stylesheet" media="print" href="/print.css" />
                // the server-only pages' own styles (outside the first page's budget)
                {is_static_page().then(|| view! { <link rel="stylesheet" href="/pages.css" /> })}
                {scripts}
                <MetaTags />
            </head>
            <body data-static=is_static_page().then_some("true")>
                <App />
            </body>
        </html>
    }
}

/// The paths rendered on the server only, never hydrated; links to them
/// are `rel="external"` so that the client router loads them from the server.
pub const STATIC_PAGES: [&str; 3] = ["/compare", "/examples", "/measure"];

/// Whether this request is for a page rendered on the server only.
fn is_static_page() -> bool {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<axum::http::request::Parts>() {
        return STATIC_PAGES.contains(&parts.uri.path());
    }
    false
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser: this marks the page as hydrated, which
    // browser tests wait for before typing.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/breakeven.css" />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Title text="Breakeven: when does fine-tuning pay off?" />
        <Router>
            <header class="site-header">
                <a href="/" class="brand">"Breakeven"</a>
                <span class="tagline">"Prompting, RAG or fine-tuning: which is cheapest at your volume?"</span>
                <nav class="site-nav" aria-label="Site">
                    <a href="/">"New scenario"</a>
                    <a href="/examples" rel="external">"Examples"</a>
                    <a href="/compare" rel="external">"Compare"</a>
                </nav>
            </header>
            <main>
                <Routes fallback=|| view! { <p class="not-found">"Page not found."</p> }.into_any()>
                    <Route path=StaticSegment("") view=HomePage />
                    // Async: the whole page (title, preview tags, answer) is in the first
                    // response, readable without JavaScript and by link unfurlers.
                    <Route path=(StaticSegment("s"), ParamSegment("id")) view=SavedPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("compare") view=ComparePage ssr=SsrMode::Async />
                    <Route path=StaticSegment("examples") view=ExamplesPage />
                    <Route path=StaticSegment("measure") view=MeasurePage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}
