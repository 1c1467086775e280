//! `/examples`: the gallery. Six situations, each with the answer the model
//! gives it, and a link that opens it on the first page as an unsaved
//! scenario (a "share without saving" link, which the page already opens).
//! Rendered on the server only (`app::STATIC_PAGES`), so none of it is in the
//! first page's wasm.

#[cfg(not(feature = "ssr"))]
use leptos::prelude::*;

/// Never drawn in the browser: `/examples` is loaded from the server.
#[cfg(not(feature = "ssr"))]
#[component]
pub fn ExamplesPage() -> impl IntoView {}

#[cfg(feature = "ssr")]
pub use page::ExamplesPage;

#[cfg(feature = "ssr")]
mod page {
    use crate::components::answer::headline;
    use crate::components::readiness::verdict_headline;
    use crate::share::to_fragment;
    use crate::ssr::analyses::gallery;
    use leptos::prelude::*;
    use leptos_meta::Title;

    #[component]
    pub fn ExamplesPage() -> impl IntoView {
        let cards = gallery()
            .iter()
            .map(|(example, scenario, analysis)| {
                view! {
                    <li class="example" data-testid=format!("example-{}", example.slug)>
                        <h2>{scenario.name.clone()}</h2>
                        <p>{example.situation}</p>
                        <p class="example-answer">{headline(scenario, analysis)}</p>
                        <p class="example-verdict">{verdict_headline(&analysis.fine_tuning)}</p>
                        <a class="button primary" href=format!("/#{}", to_fragment(scenario))>
                            "Open this example"
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <Title text="Examples · Breakeven" />
            <section class="examples">
                <h1>"Start from an example"</h1>
                <p>
                    "Each opens on the first page as an unsaved scenario: change any figure, then save it to get a link."
                </p>
                <ul class="example-list">{cards}</ul>
            </section>
        }
    }
}
